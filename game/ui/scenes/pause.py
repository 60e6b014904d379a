"""PauseMenu (Esc on the board): Resume, Save under a name, Load, Settings, the facilitator console, Quit to the main menu."""
from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.app.session import GameSession
from game.content import saves

from .. import flow, layout
from .. import text as T
from ..scene import Scene

if TYPE_CHECKING:
    from ..app import App


class PauseMenu(Scene):
    name = "pause"
    KEYS = (("S", "type a save name"), ("Enter", "save (in the name field)"), ("Esc", "resume"))
    opaque = False

    def __init__(self, app: App, session: GameSession) -> None:
        super().__init__(app)
        self.session = session
        self.save_name = f"{session.scenario.name} turn {session.view.turn}"
        self.message: tuple[str, str] | None = None    # (text, colour name)

    def resume(self) -> None:
        self.app.pop()

    def save(self) -> None:
        name = self.name_entry.get_text().strip() if self.name_entry else self.save_name
        if not name:
            self.message = ("Type a name for the save first.", "bad")
            self.rebuild()
            return
        self.save_name = name
        try:
            path = self.session.save_as(name)
            self.message = (f"Saved as {path.name}", "good")
        except saves.SaveError as exc:
            self.message = (str(exc), "bad")
        self.rebuild()

    def load(self) -> None:
        self.app.open("load")

    def settings(self) -> None:
        self.app.open("settings")

    def open_console(self) -> None:
        flow.open_console(self.app, self.session)

    def quit_to_menu(self) -> None:
        self.app.reset(self.app.make("menu"))

    def on_back(self) -> bool:
        self.resume()
        return True

    def build(self) -> None:
        th = self.theme
        scr = self.screen
        bh, gap = th.sp("button_h"), th.sp("gap")
        title_h = th.font("title", True).get_linesize()
        msg_h = 2 * th.font("small").get_linesize()
        n_rows = 8
        w = min(scr.width - 2 * th.sp("pad"), max(th.px(420), scr.width // 3))
        h = min(scr.height - 2 * th.sp("pad"), title_h + n_rows * (bh + gap) + msg_h + 3 * th.sp("pad"))
        self.box = layout.centered(scr, w, h)
        inner = layout.inset(self.box, th.sp("pad"))
        _, rest = layout.cut_top(inner, title_h, th.sp("pad"))
        avail = rest.height - msg_h - gap
        bh = min(bh, (avail - gap * (n_rows - 1)) // n_rows)
        rows = layout.stack(rest, n_rows, bh, gap)
        self.button(rows[0], "Resume (Esc)", self.resume, style="primary")
        label = th.font("body").size("Save as:")[0] + th.px(8)
        entry_r = pygame.Rect(rows[1].x + label, rows[1].y, rows[1].width - label, bh)
        self.label_rect = pygame.Rect(rows[1].x, rows[1].y, label, bh)
        self.name_entry = self.entry(entry_r, self.save_name)
        self.button(rows[2], "Save", self.save)
        self.button(rows[3], "Load game", self.load)
        self.button(rows[4], "Settings", self.settings)
        self.button(rows[5], "Facilitator console (F9)", self.open_console,
                    tooltip="Pause, timer, events, rewind, seats and privacy (PIN-protected if the facilitator set one)")
        self.button(rows[6], "Debrief so far", lambda: self.app.open_debrief(self.session),
                    tooltip="Turning points, burden-sharing, trust and what else could have happened, up to now")
        self.button(rows[7], self.fit(rows[7].width, "Quit to menu (the autosave keeps this game)", "Quit to menu"),
                    self.quit_to_menu)
        self.msg_rect = pygame.Rect(inner.x, rows[7].bottom + gap, inner.width, msg_h)

    def handle_event(self, e: pygame.event.Event) -> bool:
        if e.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and e.ui_element is self.name_entry:
            self.save()
            return True
        if e.type == pygame.KEYDOWN and e.key == pygame.K_s and self.name_entry is not None and not self.app.typing():
            self.app.swallow_text = e.unicode or "s"      # the letter that opened the field is not typed into it
            self.kfocus.set(self.ui, self.name_entry)
            self._focus_changed(self.name_entry)
            return True
        return super().handle_event(e)

    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 170))
        surface.blit(shade, (0, 0))
        inner = self.panel(surface, self.box)
        T.draw(surface, "Paused", th.font("title", True), th.color("text"), (inner.centerx, self.box.y + th.sp("pad")), "center")
        f = th.font("body")
        T.draw(surface, "Save as:", f, th.color("text"), (self.label_rect.x, self.label_rect.centery - f.get_linesize() // 2))
        if self.message:
            T.draw_block(surface, self.message[0], th.font("small"), th.color(self.message[1]), self.msg_rect, max_lines=2)

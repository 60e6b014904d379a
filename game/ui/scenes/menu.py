"""MainMenu: New game, Continue (latest autosave), Load, Host a class game, Codex, Settings, Quit; offers the previous autosave if one is damaged."""
from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.app import duplicate as DUP
from game.app.session import GameSession
from game.content import saves

from .. import flow, layout
from .. import text as T
from ..scene import ButtonSpec, Scene

if TYPE_CHECKING:
    from ..app import App


class MainMenu(Scene):
    name = "menu"
    KEYS = (("Up/Down", "choose"), ("Enter", "open"))

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.error: str | None = None
        self.fallback: saves.Path | None = None    # the previous autosave to offer when the latest is damaged

    # on the menu no game is shown: a finished game's duplicate scores still being computed are for nobody now
    # (a game loaded again computes them afresh, in seconds)
    def enter(self) -> None:
        DUP.cancel_all()
        super().enter()

    def reveal(self) -> None:
        DUP.cancel_all()
        super().reveal()

    # -- actions -----------------------------------------------------------------------------
    def new_game(self) -> None:
        self.app.open("picker")

    def continue_game(self, path=None) -> None:
        path = path or saves.autosave_path()
        try:
            session = GameSession.load(path)
        except saves.SaveError as exc:
            self.error = str(exc)
            prev = saves.previous_autosave_path()
            self.fallback = prev if path != prev and prev.exists() else None
            self.rebuild()
            return
        self.error = self.fallback = None
        flow.open_loaded(self.app, session)          # through the PIN prompt for a PIN-protected class's game

    def load_game(self) -> None:
        self.app.open("load")

    def host_game(self) -> None:
        """A class game served to the teams' own devices: a scenario, its seats and who may join, then this window
        becomes the projector (game/ui/hosting.py)."""
        self.app.open("picker", host=True)

    def settings(self) -> None:
        self.app.open("settings")

    def on_back(self) -> bool:
        return True   # Esc on the main menu does nothing; Quit is a button

    # -- layout ------------------------------------------------------------------------------
    def _continue_label(self) -> tuple[str, bool]:
        path = saves.autosave_path()
        if not path.exists():
            if saves.previous_autosave_path().exists():
                return "Continue: previous autosave", True
            return "Continue: no autosave yet", False
        try:
            d = saves.read_save(path)
            state = "finished" if d.get("over") else f"turn {d.get('turn', '?')}"
            return f"Continue: {d.get('scenario_name', 'game')}, {state}", True
        except saves.SaveError:
            return "Continue (the autosave looks damaged)", True

    def _tight(self) -> bool:
        return self.screen.height / self.theme.scale < 500

    def _title_height(self) -> int:
        th = self.theme
        if self._tight():
            return th.font("title", True).get_linesize() + 2 * th.sp("pad")
        return th.font("huge", True).get_linesize() + th.font("heading").get_linesize() + 3 * th.sp("pad")

    def build(self) -> None:
        th = self.theme
        scr = self.screen
        specs: list[ButtonSpec] = []
        cont, ok = self._continue_label()
        specs.append(("New game", self.new_game, {"style": "primary"}))
        if not saves.autosave_path().exists() and ok:
            specs.append((cont, lambda: self.continue_game(saves.previous_autosave_path()), {}))
        else:
            specs.append((cont, self.continue_game, {"enabled": ok,
                                                      "tooltip": None if ok else "Start a game: it is saved after every turn"}))
        specs.append(("Load game", self.load_game, {}))
        specs.append(("Host a class game", self.host_game, {"tooltip": "Teams play on their own phones or laptops; "
                                                                      "this window becomes the projector"}))
        specs.append(("Codex (F1)", lambda: self.app.open_codex(None), {}))
        specs.append(("Settings", self.settings, {}))
        specs.append(("Quit", self.app.quit, {}))
        if self.fallback is not None:
            specs.insert(2, ("Load the previous autosave", lambda: self.continue_game(self.fallback), {"style": "primary"}))
        top = self._title_height()
        w = min(max(th.px(360), scr.width // 3), scr.width - 2 * th.sp("pad"))
        msg_w = min(scr.width - 2 * th.sp("pad"), max(w, th.px(520)))
        lines = min(3, len(T.wrap(self.error, th.font("body"), msg_w))) if self.error else 0
        msg_h = lines * th.font("body").get_linesize() + (th.sp("gap") if lines else 0)
        avail = scr.height - top - th.sp("pad") - msg_h
        gap = th.sp("gap")
        h = max(th.font("body").get_linesize() + th.px(6), min(th.sp("button_h") + th.px(6), (avail - gap * (len(specs) - 1)) // len(specs)))
        col = pygame.Rect(scr.centerx - w // 2, top, w, avail)
        for r, (label, action, kw) in zip(layout.stack(col, len(specs), h, gap), specs):
            self.button(r, label, action, **kw)
        self.msg_rect = pygame.Rect(scr.centerx - msg_w // 2, top + len(specs) * (h + gap), msg_w, msg_h)

    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        surface.fill(th.color("bg"))
        scr = self.screen
        y = th.sp("pad") * (1 if self._tight() else 2)
        fh = th.font("title" if self._tight() else "huge", True)
        T.draw(surface, "Regional Accord", fh, th.color("text"), (scr.centerx, y), "center", max_width=scr.width - 20)
        y += fh.get_linesize()
        if not self._tight():
            T.draw(surface, "Military diplomacy and regional cooperation", th.font("heading"), th.color("muted"),
                   (scr.centerx, y), "center", max_width=scr.width - 20)
        if self.error:
            T.draw_block(surface, self.error, th.font("body"), th.color("bad"), self.msg_rect, align="center")

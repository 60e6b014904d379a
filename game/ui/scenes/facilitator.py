"""The facilitator console (F9 or Ctrl+F, optionally behind a PIN): one tab object per job - teams, timer, deck event,
own event, rewind, seats, PIN, deals (game/ui/scenes/console/) - and the PIN prompt that guards it. How the console is
reached (and the planning clock running out) is game/ui/flow.py."""
from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.elements import UITextEntryLine

from game.app.session import GameSession

from .. import layout
from .. import text as T
from ..scene import Scene
from ..widgets.clock import clock_text
from ..widgets.listview import ListView
from .console import TAB_CLASSES, Console, Tab
from .console.base import Entry

if TYPE_CHECKING:
    from ..app import App

TABS = tuple((cls.key, cls.long, cls.short) for cls in TAB_CLASSES)   # (key, label, short label), in the keys' order


# -- the PIN prompt --------------------------------------------------------------------------------
class PinScene(Scene):
    """Asks for the facilitator's PIN before the console opens (opaque: nothing of the game shows behind it)."""
    name = "pin"
    KEYS = (("Enter", "open the console"), ("Esc", "cancel"))
    facilitator = True
    stops_clock = True

    def __init__(self, app: App, session: GameSession, then: Callable[[], None] | None = None,
                 title: str = "Facilitator PIN") -> None:
        super().__init__(app)
        self.session = session
        self.then = then                      # what the right PIN opens (default: the console)
        self.title = title
        self.error: str | None = None
        self.pin_entry: UITextEntryLine | None = None
        self.box = self.msg_rect = pygame.Rect(0, 0, 0, 0)

    def close(self) -> None:
        self.app.pop()

    def on_back(self) -> bool:
        self.close()
        return True

    def on_confirm(self) -> bool:
        self.submit()
        return True

    def submit(self) -> None:
        pin = self.pin_entry.get_text() if self.pin_entry else ""
        wait = self.session.pin_wait
        if not wait and self.session.check_pin(pin):
            if self.then is not None:
                self.app.pop()
                self.then()
            else:
                self.app.replace(FacilitatorScene(self.app, self.session))
            return
        wait = self.session.pin_wait
        self.error = f"Wrong PIN. Too many tries: wait {wait:.0f} s before the next." if wait else "Wrong PIN."
        self.rebuild()

    def build(self) -> None:
        th = self.theme
        scr = self.screen
        bh, pad = th.sp("button_h"), th.sp("pad")
        fh, fs = th.font("heading", True), th.font("small")
        w = min(scr.width - 2 * pad, th.px(420))
        h = fh.get_linesize() + 2 * fs.get_linesize() + 2 * bh + 5 * pad
        self.box = layout.centered(scr, w, h)
        inner = layout.inset(self.box, pad)
        y = inner.y + fh.get_linesize() + pad
        entry = self.pin_entry = self.entry(pygame.Rect(inner.x, y, inner.width, bh), "")
        entry.set_text_hidden(True)
        entry.focus()
        y += bh + pad
        half = (inner.width - th.sp("gap")) // 2
        self.button(pygame.Rect(inner.x, y, half, bh), "Open (Enter)", self.submit, style="primary")
        self.button(pygame.Rect(inner.x + half + th.sp("gap"), y, half, bh), "Cancel (Esc)", self.close)
        self.msg_rect = pygame.Rect(inner.x, y + bh + pad // 2, inner.width, 2 * fs.get_linesize())

    def handle_event(self, e: pygame.event.Event) -> bool:
        if e.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and e.ui_element is self.pin_entry:
            self.submit()
            return True
        return super().handle_event(e)

    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        surface.fill(th.color("bg"))
        inner = self.panel(surface, self.box)
        T.draw(surface, self.title, th.font("heading", True), th.color("text"), inner.topleft, max_width=inner.width)
        if self.error:
            T.draw_block(surface, self.error, th.font("small"), th.color("bad"), self.msg_rect)


# -- the console -----------------------------------------------------------------------------------
class FacilitatorScene(Console):
    """The teacher's console: a row of tab buttons (keys 1-8) over the chosen tab, a message line under it. Opaque: it
    replaces the projector view while open (the planning clock stops meanwhile). Exact private values show here only
    after 'Show exact values here' when they are hidden. Each tab keeps what was chosen or typed until it closes."""
    name = "facilitator"
    KEYS = ((f"1-{len(TAB_CLASSES)}", "tab"), ("PgUp/PgDn", "scroll"), ("F9", "close"),
            ("Esc", "close"))
    facilitator = True
    stops_clock = True

    def __init__(self, app: App, session: GameSession, tab: str = "teams") -> None:
        super().__init__(app, session)
        self.tabs: list[Tab] = [cls(self) for cls in TAB_CLASSES]
        self.tab = tab if tab in self.by_key else self.tabs[0].key     # the key of the tab shown
        self.bar_reserved = 0

    @property
    def by_key(self) -> dict[str, Tab]:
        return {t.key: t for t in self.tabs}

    @property
    def current(self) -> Tab:
        return self.by_key[self.tab]

    @property
    def entries(self) -> dict[str, Entry]:
        """The text fields of the tab shown, by name."""
        return self.current.entries

    @property
    def lists(self) -> dict[str, ListView]:
        """The lists of the tab shown, by name."""
        return self.current.lists

    def select_tab(self, key: str) -> None:
        self.tab, self.message = key, None
        self.current.selected()
        self.rebuild()

    def close(self) -> None:
        self.app.pop()

    def on_back(self) -> bool:
        self.close()
        return True

    def clear(self) -> None:
        """Keep what was typed into the fields before the widgets go (rebuilds, covering, closing)."""
        self.current.keep_typed()
        super().clear()

    # -- layout -------------------------------------------------------------------------------------------
    def build(self) -> None:
        th = self.theme
        self.bar_reserved = self.bar_buttons([("Close (F9)", self.close, {"style": "primary"})])
        scr = self.screen
        pad, gap = th.sp("pad"), th.sp("gap")
        body = layout.inset(pygame.Rect(0, th.sp("bar"), scr.width, scr.height - th.sp("bar")), pad)
        self.bh = th.sp("button_h")
        tabs_r, rest = layout.cut_top(body, self.bh, pad)
        self.msg_rect, content = layout.cut_bottom(rest, 2 * th.font("small").get_linesize(), gap)
        f = th.font("body", True)
        natural = [f.size(t.long)[0] + th.px(30) for t in self.tabs]
        use_long = sum(natural) + gap * (len(self.tabs) - 1) <= tabs_r.width
        x = tabs_r.x
        for t, wl in zip(self.tabs, natural):
            w = wl if use_long else (tabs_r.width - gap * (len(self.tabs) - 1)) // len(self.tabs)
            self.button(pygame.Rect(x, tabs_r.y, w, self.bh), t.long if use_long else t.short,
                        partial(self.select_tab, t.key), style="selected" if t.key == self.tab else None,
                        oid=f"tab_{t.key}")
            x += w + gap
        self.current.build(content)

    # -- events -------------------------------------------------------------------------------------------
    def handle_event(self, e: pygame.event.Event) -> bool:
        if (e.type == pygame.KEYDOWN and pygame.K_1 <= e.key < pygame.K_1 + len(self.tabs)
                and not (e.mod & pygame.KMOD_CTRL)):
            self.select_tab(self.tabs[e.key - pygame.K_1].key)
            return True
        if self.current.process_event(e):
            return True
        return super().handle_event(e)

    def update(self, dt: float) -> bool:
        return self.current.update(dt)

    # -- drawing --------------------------------------------------------------------------------------------
    def status(self) -> str:
        s = self.session
        v = s.view
        parts = [f"Turn {min(v.turn, s.scenario.turns)} of {s.scenario.turns}"]
        if v.over:
            parts.append("game over")
        if s.paused:
            parts.append("PAUSED")
        clock = clock_text(s)
        if s.timer_limit and clock and clock != "Paused":
            parts.append(clock)
        if v.pending:
            parts.append(f"{len(v.pending)} queued")
        if v.branches:
            parts.append(f"{len(v.branches)} branch{'es' if len(v.branches) != 1 else ''}")
        return " · ".join(parts)

    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        surface.fill(th.color("bg"))
        self.top_bar(surface, "Facilitator console", self.status(), self.bar_reserved)
        self.current.draw(surface)
        if self.message:
            T.draw_block(surface, self.message[0], th.font("small"), th.color(self.message[1]), self.msg_rect, max_lines=2)

"""HotseatScene: the full-screen "Pass to <nation>" between human teams; nothing of the previous plan stays on screen.

It shows only public things: whose turn it is to plan, how many teams have planned, and the planning clock."""
from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.app.session import GameSession

from .. import layout
from .. import text as T
from ..scene import Scene
from ..widgets.clock import draw_clock

if TYPE_CHECKING:
    from ..app import App


class HotseatScene(Scene):
    name = "hotseat"
    KEYS = (("Enter", "ready"), ("Esc", "back to the board"))
    pause_blocks = True
    turn_screen = True

    def __init__(self, app: App, session: GameSession, nation: int) -> None:
        super().__init__(app)
        self.session = session
        self.nation = nation

    def ready(self) -> None:
        self.app.replace(self.app.make("planning", self.session, self.nation))

    def on_confirm(self) -> bool:
        self.ready()
        return True

    def build(self) -> None:
        th = self.theme
        scr = self.screen
        w = min(scr.width - 2 * th.sp("pad"), th.px(260))
        h = th.sp("button_h") + th.px(10)
        r = pygame.Rect(0, 0, w, h)
        r.midtop = (scr.centerx, int(scr.height * 0.62))
        self.button(r, "Ready (Enter)", self.ready, style="primary")
        b = pygame.Rect(0, 0, w, th.sp("button_h"))
        b.midtop = (scr.centerx, r.bottom + th.sp("pad"))
        self.button(b, "Back to the board (Esc)", self.on_back)

    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        sc = self.session.scenario
        surface.fill(th.color("bg"))
        scr = self.screen
        col = th.nation_color(sc, self.nation)
        pygame.draw.rect(surface, col, (0, 0, scr.width, th.px(18)))
        pygame.draw.rect(surface, col, (0, scr.height - th.px(18), scr.width, th.px(18)))
        fh, fb = th.font("huge", True), th.font("heading")
        y = int(scr.height * 0.22)
        T.draw(surface, f"Pass to {sc.nations[self.nation].name}", fh, col, (scr.centerx, y), "center",
               max_width=scr.width - 2 * th.sp("pad"))
        y += fh.get_linesize() + th.sp("pad")
        done = len(self.session.humans) - len(self.session.view.still_planning)
        msg = (f"Team {sc.nations[self.nation].name}: press Ready when only your team can see the screen. "
               f"Turn {self.session.view.turn} of {sc.turns} · {done} of {len(self.session.humans)} teams have planned.")
        box = layout.centered(pygame.Rect(0, y, scr.width, int(scr.height * 0.62) - y - th.sp("pad")),
                              min(scr.width - 4 * th.sp("pad"), th.px(720)), int(scr.height * 0.62) - y - th.sp("pad"))
        T.draw_block(surface, msg, fb, th.color("text"), box, align="center")
        draw_clock(surface, th, scr.width - th.sp("pad"), self.session, cy=th.px(18) + th.sp("bar") // 2)

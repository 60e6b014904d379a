"""GameOverScene: the collective outcome and the National Interest ranking (a fuller debrief can replace this module)."""
from __future__ import annotations

import pygame

from game.sim.scoring import ranking

from .. import layout
from .. import text as T
from ..describe import OUTCOME_WORDS
from ..scene import Scene
from ..session import GameSession
from ..widgets import meters

OUTCOME_COLOR = {"secure": "good", "fragile": "warn", "conflict": "bad"}


class GameOverScene(Scene):
    name = "gameover"

    def __init__(self, app, session: GameSession) -> None:
        super().__init__(app)
        self.session = session

    def to_menu(self) -> None:
        from .menu import MainMenu

        self.app.reset(MainMenu(self.app))

    def last_turn(self) -> None:
        from .resolution import ResolutionScene

        if self.session.last_report:
            self.app.push(ResolutionScene(self.app, self.session, self.session.last_report, review=True))

    def on_back(self) -> bool:
        self.to_menu()
        return True

    def on_confirm(self) -> bool:
        self.to_menu()
        return True

    def build(self) -> None:
        has = self.app.has_scene("debrief")
        self.bar_reserved = self.bar_buttons([
            ("Debrief", lambda: self.app.open_debrief(self.session),
             {"enabled": has, "tooltip": None if has else "The debrief comes later (game/ui/scenes/debrief.py)"}),
            ("Last turn", self.last_turn, {"enabled": self.session.last_report is not None}),
            ("Main menu (Enter)", self.to_menu, {"style": "primary"}),
        ])

    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        s = self.session
        sc, st = s.scenario, s.state
        surface.fill(th.color("bg"))
        self.top_bar(surface, "Game over", sc.name, self.bar_reserved)
        scr = self.screen
        pad = th.sp("pad")
        body = layout.inset(pygame.Rect(0, th.sp("bar"), scr.width, scr.height - th.sp("bar")), 2 * pad)
        w = min(body.width, th.px(720))
        col = pygame.Rect(body.centerx - w // 2, body.y, w, body.height)
        outcome = st.outcome or "fragile"
        fh = th.font("huge", True)
        T.draw(surface, outcome.capitalize(), fh, th.color(OUTCOME_COLOR.get(outcome, "text")), (col.centerx, col.y), "center",
               max_width=col.width)
        y = col.y + fh.get_linesize()
        played = len(s.game.history.reports)
        text = f"{OUTCOME_WORDS.get(outcome, '')} After {played} of {sc.turns} turns."
        y += T.draw_block(surface, text, th.font("body"), th.color("text"), pygame.Rect(col.x, y, col.width, 3 * th.font("body").get_linesize()),
                          align="center")
        y += pad
        fb = th.font("heading", True)
        T.draw(surface, "National Interest ranking", fb, th.color("text"), (col.x, y), max_width=col.width)
        y += fb.get_linesize() + th.sp("gap")
        idx = {nd.id: k for k, nd in enumerate(sc.nations)}
        rows = []
        for rank, (nid, score) in enumerate(ranking(st), 1):
            k = idx[nid]
            seat = "Human" if s.seats[k].human else "Computer"
            rows.append((th.nation_color(sc, k), [f"{rank}. {sc.nations[k].name}", seat, f"{score:.1f}"], s.seats[k].human))
        meters.draw_table(surface, th, pygame.Rect(col.x, y, col.width, col.bottom - y), ["Nation", "Seat", "NI"], rows,
                          first_width=0.5)

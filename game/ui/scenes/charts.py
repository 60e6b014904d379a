"""ChartsScene: stability, escalation, trade and every nation's National Interest over the turns so far."""
from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.app.session import GameSession

from .. import layout
from .. import text as T
from ..scene import Scene
from ..widgets.chartview import FigureCache, GameCharts

if TYPE_CHECKING:
    from ..app import App

LEDGER_OF = {"stability": "stability", "escalation": "escalation"}   # charts whose value the why-ledger explains


class ChartsScene(Scene):
    name = "charts"
    KEYS = (("1-4", "one chart"), ("0", "all charts"), ("Left/Right", "next chart"), ("L", "why-ledger"), ("D", "debrief"), ("Esc", "back"))

    def __init__(self, app: App, session: GameSession) -> None:
        super().__init__(app)
        self.session = session
        self.cache = FigureCache()
        self.charts: GameCharts | None = None
        self.view: str | None = None        # None: all four (when they fit), else one chart's key
        self.fits = True

    def show(self, view: str | None) -> None:
        self.view = view
        self.rebuild()

    def ledger(self, field: str | None = None, turn: int | None = None) -> None:
        self.app.open("ledger", self.session, turn, field=field)

    def debrief(self) -> None:
        self.app.open_debrief(self.session)

    def build(self) -> None:
        th = self.theme
        has_ledger = bool(self.session.view.played)
        self.bar_reserved = self.bar_buttons([
            ("Why-ledger (L)", self.ledger, {"enabled": has_ledger,
                                             "tooltip": None if has_ledger else "No turn has been resolved yet"}),
            ("Debrief (D)", self.debrief, {}),
            ("Back (Esc)", self.on_back, {"style": "primary"}),
        ])
        scr = self.screen
        pad = th.sp("pad")
        body = layout.inset(pygame.Rect(0, th.sp("bar"), scr.width, scr.height - th.sp("bar")), pad)
        fs = th.font("small")
        self.note_rect, grid = layout.cut_bottom(body, 2 * fs.get_linesize(), th.sp("gap"))
        self.fits = GameCharts.grid_fits(th, grid)
        if not self.fits and self.view is None:
            self.view = "stability"
        tab_rect, grid = layout.cut_top(grid, th.sp("button_h"), th.sp("pad"))
        n = 5 if self.fits else 4
        w = min(th.sp("button_w") * 3 // 2, (tab_rect.width - th.sp("gap") * (n - 1)) // n)
        tabs = [("All four (0)", lambda: self.show(None), {"style": "selected" if self.view is None else None})] if self.fits else []
        for k, key in enumerate(GameCharts.KEYS, 1):
            text = self.fit(w, f"{GameCharts.SHORT[key]} ({k})", f"{GameCharts.SHORT[key] if key != 'ni' else 'NI'} ({k})",
                            bold=self.view == key)
            tabs.append((text, partial(self.show, key), {"style": "selected" if self.view == key else None}))
        self.button_row(tab_rect, tabs, align="left")
        self.cache.clear()
        hide = self.session.hide_private and not self.session.view.over
        self.charts = GameCharts(th, self.session.scenario, self.session.view.history, grid, self.cache, self.view,
                                 hide_ni=hide)

    def on_confirm(self) -> bool:
        return self.on_back()

    def handle_event(self, e: pygame.event.Event) -> bool:
        if e.type == pygame.KEYDOWN:
            if e.key == pygame.K_l and self.session.view.played:
                self.ledger()
                return True
            if e.key == pygame.K_d:
                self.debrief()
                return True
            views = [None, *GameCharts.KEYS]
            if e.key in (pygame.K_0, pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4):
                v = views[e.key - pygame.K_0]
                if v is not None or self.fits:
                    self.show(v)
                return True
            if e.key in (pygame.K_LEFT, pygame.K_RIGHT):
                usable = views if self.fits else views[1:]
                k = usable.index(self.view) if self.view in usable else 0
                self.show(usable[(k + (1 if e.key == pygame.K_RIGHT else -1)) % len(usable)])
                return True
        if e.type == pygame.MOUSEBUTTONDOWN and e.button == 1 and self.charts is not None:
            hit = self.charts.turn_at(e.pos)
            if hit is not None and self.session.view.played:
                self.ledger(LEDGER_OF.get(hit[0]), hit[1])      # the why-ledger at the turn clicked
                return True
        return super().handle_event(e)

    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        s = self.session
        surface.fill(th.color("bg"))
        played = s.view.played
        self.top_bar(surface, "Charts", f"{s.scenario.name} · {played} of {s.scenario.turns} turns played", self.bar_reserved)
        if self.charts is None:
            return
        self.charts.draw(surface)
        note = ("Point k: the value after turn k (0: the start; the last point is now). Click near a point to see "
                "why it moved in that turn (the why-ledger).") if played else "No turn has been played yet: each chart has one point, the start."
        note += f" Keys {'0-4' if self.fits else '1-4'} or Left/Right switch charts."
        T.draw_block(surface, note, th.font("small"), th.color("muted"), self.note_rect, max_lines=2)

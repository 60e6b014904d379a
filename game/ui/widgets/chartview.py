"""Charts on screen: game.runner.charts (via the figures of game.runner.figures) in the theme's colours and
fonts, cached as surfaces so a redraw only blits; the four charts of a game in a grid."""
from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import partial
from typing import Any

import pygame

from game.runner import analysis, charts
from game.runner.palette import distinct
from game.runner.reportdata import ni_range, upper

from .. import layout
from ..describe import LADDER
from ..text import wrap
from . import linechart
from .markers import shape_of


def rgb(c: Any) -> tuple[int, int, int]:
    c = pygame.Color(c)
    return (c.r, c.g, c.b)


def ui_style(theme) -> charts.Style:
    """The charts' style in the theme's colours, its fonts sized for the UI scale (readable on a projector)."""
    pal = [rgb(theme.nation_color(None, k)) for k in range(12)] if theme.palette.get("nations") else list(charts.Style().palette)
    return charts.Style(bg=rgb(theme.color("panel")), fg=rgb(theme.color("text")), grid=rgb(theme.color("border")),
                        muted=rgb(theme.color("muted")), palette=pal, font_size=int(theme.size("body") * 1.2) + 8)


class FigureCache:
    """Figures drawn once per (key, size) onto their own surface; drawing the screen then only blits them."""

    def __init__(self) -> None:
        self._items: dict[Hashable, pygame.Surface] = {}

    def blit(self, surface: pygame.Surface, rect: pygame.Rect, key: Hashable,
             draw: Callable[[pygame.Surface, pygame.Rect], object]) -> None:
        if rect.width < 8 or rect.height < 8:
            return
        k = (key, rect.size)
        img = self._items.get(k)
        if img is None:
            img = pygame.Surface(rect.size)
            draw(img, img.get_rect())
            self._items[k] = img
        surface.blit(img, rect.topleft)

    def clear(self) -> None:
        self._items.clear()


class GameCharts:
    """Stability, escalation, trade and each nation's National Interest over the turns so far, in a 2x2 grid."""

    KEYS = ("stability", "escalation", "trade", "ni")
    SHORT = {"stability": "Stability", "escalation": "Ladder", "trade": "Trade", "ni": "National Interest"}
    TITLES = {"stability": "Regional stability (0-100)", "escalation": "Escalation ladder (0 calm - 5 open conflict)",
              "trade": "Regional trade", "ni": "National Interest"}

    def __init__(self, theme, scenario, history, rect: pygame.Rect, cache: FigureCache | None = None,
                 only: str | None = None, hide_ni: bool = False) -> None:
        """All four in a grid, or only one (filling rect) when `only` names it. hide_ni: the facilitator hides
        private information on the shared screen, and National Interest follows from each nation's stocks."""
        self.theme = theme
        self.hide_ni = hide_ni
        self.scenario = scenario
        self.series = analysis.series(history)
        self.turns = len(history.states)
        self.cache = cache or FigureCache()
        gap = theme.sp("pad")
        if only in self.KEYS:
            self.rects = {only: pygame.Rect(rect)}
        else:
            self.rects = dict(zip(self.KEYS, layout.grid(rect, 2, 2, gap)))

    @staticmethod
    def grid_fits(theme, rect: pygame.Rect) -> bool:
        """Whether four charts in a 2x2 grid leave each a plot tall enough to read (not at a big UI scale on a
        small window: then the screen shows one chart at a time)."""
        fs = ui_style(theme).font_size
        cell_h = (rect.height - theme.sp("pad")) // 2
        overhead = theme.font("body", True).get_linesize() + 2 * theme.font("small").get_linesize() + 3 * fs
        return cell_h - overhead >= 5 * fs

    def hit(self, pos) -> str | None:
        return next((k for k, r in self.rects.items() if r.collidepoint(pos)), None)

    def turn_at(self, pos) -> tuple[str, int] | None:
        """(chart, turn) under a click: the turn whose resolution led to the point nearest the click (1 at the
        start of the game's line), so a click on a dip opens the turn that made it."""
        key = self.hit(pos)
        if key is None or (key == "ni" and self.hide_ni):
            return None
        title, series, lo, hi, legend, integer, labels = self.spec(key)
        chart, _ = linechart.layout(self.rects[key], self.theme, title, series, lo, hi, legend, self.turns, labels)
        k = chart.point_at(pos)
        if k is None:
            return None
        return key, max(1, min(self.turns - 1, k)) if self.turns > 1 else 1

    def spec(self, key: str) -> tuple:
        """(title, series, lo, hi, legend, integer ticks, tick labels) of one chart."""
        th, s, sc = self.theme, self.series, self.scenario
        if key == "ni":
            cols = self.colors()
            ser = [linechart.Series(nd.name, s["ni"][nd.id], cols[nd.name], shape_of(k)) for k, nd in enumerate(sc.nations)]
            lo, hi = ni_range([v for x in ser for v in x.values])
            return self.TITLES[key], ser, lo, hi, True, False, None
        col = {"stability": th.color("accent"), "escalation": th.ladder_color(4), "trade": th.color("good")}[key]
        lo, hi = {"stability": (0, 100), "escalation": (0, 5), "trade": (0, upper(s["trade"]))}[key]
        labels = {float(k): f"{k} {LADDER[k]}" for k in range(6)} if key == "escalation" else None
        return (self.TITLES[key], [linechart.Series(self.SHORT[key], s[key], col)], lo, hi, False, key == "escalation",
                labels)

    def colors(self) -> dict[str, tuple[int, int, int]]:
        """Each nation's colour from the theme (colour-blind palette included), or distinct hues when those
        colours do not tell the nations apart."""
        th, sc = self.theme, self.scenario
        cols = distinct([rgb(th.nation_color(sc, k)) for k in range(sc.n)])
        return {nd.name: cols[k] for k, nd in enumerate(sc.nations)}

    def draw_one(self, key: str, surf: pygame.Surface, rect: pygame.Rect) -> None:
        th = self.theme
        f, fb = th.font("small"), th.font("body", True)
        title = self.TITLES[key]
        if key == "ni" and self.hide_ni:
            pygame.draw.rect(surf, rgb(th.color("panel")), rect)
            surf.blit(fb.render(title, True, th.color("text")), (rect.x + th.sp("pad"), rect.y + th.sp("pad")))
            note = "Hidden on the shared screen while the facilitator hides private information."
            for k, line in enumerate(wrap(note, f, rect.width - 2 * th.sp("pad"))):
                surf.blit(f.render(line, True, th.color("muted")),
                          (rect.x + th.sp("pad"), rect.y + th.sp("pad") + fb.get_linesize() + k * f.get_linesize()))
            return
        title, series, lo, hi, legend, integer, labels = self.spec(key)
        linechart.draw(surf, rect, th, title, series, lo, hi, legend, integer, labels)

    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        for key, r in self.rects.items():
            self.cache.blit(surface, r, ("chart", key, self.turns, th.scale, th.colorblind, self.hide_ni),
                            partial(self.draw_one, key))
            pygame.draw.rect(surface, th.color("border"), r, width=th.sp("border"))

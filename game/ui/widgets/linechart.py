"""A line chart drawn with pygame for the screen: straight lines between the turns' values (not steps), round axis
ticks (1, 2, 5 x 10^k), a shape per series at its points, a wrapping legend, and the turn under a click."""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pygame

from .. import text as T
from .markers import draw_marker


def nice_step(span: float, most: int) -> float:
    """The smallest round step (1, 2 or 5 x 10^k) that cuts span into at most `most` intervals."""
    if span <= 0:
        return 1.0
    raw = span / max(1, most)
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if m * mag >= raw - 1e-12:
            return m * mag
    return 10 * mag


def ticks(lo: float, hi: float, most: int, integer: bool = False) -> list[float]:
    step = nice_step(hi - lo, most)
    if integer:
        step = max(1.0, round(step))
    first = math.ceil(lo / step - 1e-9) * step
    out, v = [], first
    while v <= hi + 1e-9:
        out.append(round(v, 10))
        v += step
    return out


def tick_label(v: float) -> str:
    return f"{v:.0f}" if abs(v - round(v)) < 1e-9 else f"{v:g}"


@dataclass
class Series:
    name: str
    values: Sequence[float]
    color: Any
    shape: str = "circle"


@dataclass
class Chart:
    """A chart's layout in a rect: where the plot is, so a click finds its turn. first_turn is the turn of the
    first point (0: the start of the game)."""
    rect: pygame.Rect
    plot: pygame.Rect
    points: int
    lo: float
    hi: float
    first_turn: int = 0

    def x_of(self, k: int) -> float:
        return self.plot.x + (self.plot.width * k / (self.points - 1) if self.points > 1 else self.plot.width / 2)

    def y_of(self, v: float) -> float:
        span = (self.hi - self.lo) or 1.0
        return self.plot.bottom - (max(self.lo, min(self.hi, v)) - self.lo) / span * self.plot.height

    def point_at(self, pos: tuple[int, int]) -> int | None:
        """The index of the point nearest a click inside the chart (None outside it)."""
        if not self.rect.collidepoint(pos) or self.points == 0:
            return None
        if self.points == 1:
            return 0
        k = round((pos[0] - self.plot.x) / self.plot.width * (self.points - 1))
        return max(0, min(self.points - 1, k))


def layout(rect: pygame.Rect, theme, title: str, series: Sequence[Series], lo: float, hi: float,
           legend: bool, points: int, y_labels: Mapping[float, str] | None = None
           ) -> tuple[Chart, list[list[tuple[Series, int]]]]:
    """The plot rect under the title and the legend rows, leaving room for the axis labels."""
    f, fb = theme.font("small"), theme.font("body", True)
    pad = theme.sp("pad")
    inner = pygame.Rect(rect.x + pad, rect.y + pad // 2, rect.width - 2 * pad, rect.height - pad)
    y = inner.y + fb.get_linesize()
    rows: list[list[tuple[Series, int]]] = []
    if legend:
        sw = theme.px(16)
        x = inner.x
        row: list[tuple[Series, int]] = []
        for s in series:
            w = sw + theme.px(4) + f.size(s.name)[0] + theme.px(12)
            if row and x + w > inner.right:
                rows.append(row)
                row, x = [], inner.x
            row.append((s, x))
            x += w
        if row:
            rows.append(row)
        y += len(rows) * f.get_linesize()
    label_w = max(f.size((y_labels or {}).get(v, tick_label(v)))[0] for v in ticks(lo, hi, 5)) + theme.px(6)
    plot = pygame.Rect(inner.x + label_w, y + f.get_linesize() // 2, inner.width - label_w - theme.px(6),
                       inner.bottom - y - f.get_linesize() // 2 - f.get_linesize() - theme.px(4))
    plot.height = max(4, plot.height)
    plot.width = max(4, plot.width)
    return Chart(pygame.Rect(rect), plot, points, lo, hi), rows


def draw(surface: pygame.Surface, rect: pygame.Rect, theme, title: str, series: Sequence[Series], lo: float,
         hi: float, legend: bool = True, integer: bool = False, y_labels: Mapping[float, str] | None = None) -> Chart:
    points = max((len(s.values) for s in series), default=0)
    chart, rows = layout(rect, theme, title, series, lo, hi, legend, points, y_labels)
    f, fb = theme.font("small"), theme.font("body", True)
    pad = theme.sp("pad")
    pygame.draw.rect(surface, theme.color("panel"), rect)
    T.draw(surface, title, fb, theme.color("text"), (rect.x + pad, rect.y + pad // 2), max_width=rect.width - 2 * pad)
    ly = rect.y + pad // 2 + fb.get_linesize()
    for row in rows:
        for s, x in row:
            draw_marker(surface, s.shape, s.color, (x + theme.px(8), ly + f.get_linesize() // 2), theme.px(5))
            T.draw(surface, s.name, f, theme.color("muted"), (x + theme.px(20), ly))
        ly += f.get_linesize()
    plot = chart.plot
    grid, muted = theme.color("border"), theme.color("muted")
    most = max(2, min(5, plot.height // max(1, 2 * f.get_linesize())))
    for v in ticks(lo, hi, most, integer):
        y = int(chart.y_of(v))
        pygame.draw.line(surface, grid, (plot.x, y), (plot.right, y), 1)
        label = (y_labels or {}).get(v, tick_label(v))
        T.draw(surface, label, f, muted, (plot.x - theme.px(4), y - f.get_linesize() // 2), "right")
    if points > 1:
        last_turn = chart.first_turn + points - 1
        room = max(1, plot.width // max(1, f.size("00")[0] + theme.px(14)))
        for t in ticks(chart.first_turn, last_turn, room, integer=True):
            x = int(chart.x_of(int(t) - chart.first_turn))
            pygame.draw.line(surface, grid, (x, plot.bottom), (x, plot.bottom + theme.px(4)), 1)
            T.draw(surface, tick_label(t), f, muted, (x, plot.bottom + theme.px(4)), "center")
    pygame.draw.line(surface, grid, plot.bottomleft, plot.bottomright, max(1, theme.px(1)))
    width = max(2, theme.px(2))
    r = theme.px(3.5)
    spacing = plot.width / max(1, points - 1)
    every = max(1, math.ceil(3 * r / max(1.0, spacing)))
    for s in series:
        pts = [(chart.x_of(k), chart.y_of(v)) for k, v in enumerate(s.values)]
        if len(pts) > 1:
            pygame.draw.lines(surface, s.color, False, pts, width)
        for k, p in enumerate(pts):
            if k % every == 0 or k == len(pts) - 1:
                draw_marker(surface, s.shape, s.color, p, r)
    return chart

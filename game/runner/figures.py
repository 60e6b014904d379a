"""The debrief's figures, drawn with game.runner.charts onto any pygame Surface, and as PNG for the HTML report.

A line chart or a fan chart under a title and a legend that wraps, the outcome bars, a trust matrix (the screens draw
them too), and the report's charts as data: URIs. The only module of the report that imports pygame.
"""
from __future__ import annotations

import base64
import dataclasses
import io
import os
from collections.abc import Callable, Mapping, Sequence

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
import pygame

from game.runner import charts
from game.runner.palette import OUTCOME_COLORS, Color, trust_colour
from game.runner.reportdata import Chart, Fan, Report, short_names

SIZE = (960, 400)   # the report's charts, in pixels (shown at the page's width)


def _legend(surf: pygame.Surface, rect: pygame.Rect, items: Sequence[tuple[str, Color]], font: pygame.font.Font,
            fg: Color, draw: bool = True) -> int:
    """A legend that wraps onto as many lines as it needs: a colour swatch, then the name. Returns its height."""
    lh = font.get_linesize()
    sw, gap = max(10, lh), max(6, lh // 2)
    x, y = rect.x, rect.y
    for name, col in items:
        w = sw + 4 + font.size(name)[0]
        if x > rect.x and x + w > rect.right:
            x, y = rect.x, y + lh
        if draw:
            pygame.draw.rect(surf, col, (x, y + lh // 2 - max(2, lh // 6), sw, max(4, lh // 3)))
            surf.blit(font.render(name, True, fg), (x + sw + 4, y))
        x += w + gap
    return (y - rect.y + lh) if items else 0


def _chart_below(surf: pygame.Surface, rect: pygame.Rect, style: charts.Style,
                 draw: Callable[[pygame.Surface, pygame.Rect], None]) -> None:
    """A charts.* chart drawn with an empty title, its top line (title and one-line legend) cut off."""
    if rect.width < 40 or rect.height < 40:
        return
    crop = 7 + charts.font(max(10, style.font_size - 4)).get_height()
    tmp = pygame.Surface((rect.width, rect.height + crop))
    draw(tmp, tmp.get_rect())
    surf.blit(tmp, rect.topleft, pygame.Rect(0, crop, rect.width, rect.height))


def _head(surf, rect, title, items, style, font, title_font=None) -> pygame.Rect:
    pygame.draw.rect(surf, style.bg, rect)
    pad = max(4, font.get_linesize() // 4)
    x, y = rect.x + pad, rect.y + pad
    tf = title_font or font
    if title:
        surf.blit(tf.render(title, True, style.fg), (x, y))
        y += tf.get_linesize()
    if items:
        y += _legend(surf, pygame.Rect(x, y, rect.width - 2 * pad, rect.height), items, font, style.muted)
    return pygame.Rect(rect.x, y, rect.width, rect.bottom - y)


def lines_figure(surf: pygame.Surface, rect: pygame.Rect, title: str, series: Mapping[str, Sequence[float]],
                 ylo: float, yhi: float, style: charts.Style, colors: Mapping[str, Color], font: pygame.font.Font,
                 legend: bool = True, title_font: pygame.font.Font | None = None) -> None:
    """charts.line_chart under a title and a wrapping legend (its own legend is one line that runs off the chart)."""
    items = [(name, colors.get(name, style.palette[k % len(style.palette)])) for k, name in enumerate(series)]
    body = _head(surf, rect, title, items if legend else [], style, font, title_font)
    _chart_below(surf, body, style, lambda s, r: charts.line_chart(s, r, "", dict(series), ylo, yhi, style, dict(colors)))


def fan_figure(surf: pygame.Surface, rect: pygame.Rect, title: str, bands: Sequence[Sequence[float]],
               actual: Sequence[float], runs: int, style: charts.Style, color: Color, font: pygame.font.Font,
               title_font: pygame.font.Font | None = None, line: Color | None = None) -> None:
    """charts.fan_chart of stability over the computer runs, with the class's own game drawn over it (in `line`,
    default the style's text colour)."""
    light = tuple(int(c + (255 - c) * 0.75) for c in color)
    mid = tuple(int(c + (255 - c) * 0.45) for c in color)
    line = line or style.fg
    items = [("this game", line), (f"median of {runs} computer games", color), ("middle half", mid),
             ("9 in 10 games", light)]
    body = _head(surf, rect, title, items, style, font, title_font)
    fan_style = dataclasses.replace(style, fg=line)
    _chart_below(surf, body, style, lambda s, r: charts.fan_chart(s, r, "", bands, 0, 100, fan_style, color, actual))


def outcome_figure(surf: pygame.Surface, rect: pygame.Rect, title: str, rates: Mapping[str, float],
                   style: charts.Style, font: pygame.font.Font, title_font: pygame.font.Font | None = None) -> None:
    """charts.bar_chart of the share of each outcome (0..1, shown in percent) under a title."""
    body = _head(surf, rect, title, [], style, font, title_font)
    bars = {k: round(100 * v) for k, v in rates.items()}
    _chart_below(surf, body, style, lambda s, r: charts.bar_chart(s, r, "", bars, 100, style, OUTCOME_COLORS, "{:g}%"))


def trust_figure(surf: pygame.Surface, rect: pygame.Rect, title: str, matrix: Sequence[Sequence[float]],
                 names: Sequence[str], style: charts.Style, font: pygame.font.Font,
                 colour: Callable[[float], Color] = trust_colour, small: pygame.font.Font | None = None,
                 title_font: pygame.font.Font | None = None) -> pygame.Rect:
    """A heat map: row nation's trust in the column nation, 0..1 (values written in when the cells are big enough).
    Returns the rect of the cells."""
    small = small or font
    body = _head(surf, rect, title, [], style, font, title_font)
    n = len(names)
    if n == 0 or body.height < 20:
        return pygame.Rect(body.x, body.y, 0, 0)
    short = short_names(names)
    pad = max(4, font.get_linesize() // 4)
    rows, cols = short, short
    label_w = max(small.size(s)[0] for s in rows) + 8
    cell = max(4, min((body.width - label_w - 2 * pad) // n, (body.height - small.get_linesize() - pad) // n))
    if max(small.size(s)[0] for s in cols) + 2 > cell:       # columns too narrow for names: numbers, rows say which
        cols = [str(k + 1) for k in range(n)]
        rows = [f"{k + 1} {s}" for k, s in enumerate(short)]
        label_w = max(small.size(s)[0] for s in rows) + 8
        cell = max(4, min((body.width - label_w - 2 * pad) // n, (body.height - small.get_linesize() - pad) // n))
    x0, y0 = body.x + pad + label_w, body.y + small.get_linesize()
    for j, s in enumerate(cols):
        img = small.render(s, True, style.muted)
        surf.blit(img, (x0 + j * cell + (cell - img.get_width()) // 2, body.y))
    show = small.size("0.00")[0] + 4 <= cell and small.get_linesize() <= cell
    for i in range(n):
        img = small.render(rows[i], True, style.muted)
        surf.blit(img, (body.x + pad, y0 + i * cell + (cell - img.get_height()) // 2))
        for j in range(n):
            r = pygame.Rect(x0 + j * cell, y0 + i * cell, cell - 1, cell - 1)
            if i == j:
                pygame.draw.rect(surf, style.grid, r)
                continue
            c = colour(matrix[i][j])
            pygame.draw.rect(surf, c, r)
            if show:
                dark = (c[0] * 299 + c[1] * 587 + c[2] * 114) / 1000 > 140
                txt = small.render(f"{matrix[i][j]:.2f}"[1:] if matrix[i][j] < 1 else "1.0", True,
                                   (20, 20, 20) if dark else (245, 245, 245))
                surf.blit(txt, (r.centerx - txt.get_width() // 2, r.centery - txt.get_height() // 2))
    return pygame.Rect(x0, y0, n * cell, n * cell)


def png_bytes(draw: Callable[[pygame.Surface, pygame.Rect], None], size: tuple[int, int]) -> bytes:
    """Like charts.save_png, into memory: draw(surface, rect) on an off-screen Surface, encoded as PNG."""
    if not pygame.font.get_init():
        pygame.font.init()
    surf = pygame.Surface(size)
    draw(surf, surf.get_rect())
    buf = io.BytesIO()
    pygame.image.save(surf, buf, "chart.png")
    return buf.getvalue()


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _report_style() -> tuple[charts.Style, pygame.font.Font]:
    return charts.Style(font_size=24), charts.font(26)   # large: the PNG is shown scaled down to the page


def chart_png(chart: Chart) -> bytes:
    """One of the report's line charts as PNG."""
    style, f = _report_style()
    return png_bytes(lambda sf, r: lines_figure(sf, r, chart.title, chart.series, chart.ylo, chart.yhi, style,
                                                chart.colors, f, chart.legend), SIZE)


def fan_png(fan: Fan) -> bytes:
    """The what-if's stability fan as PNG."""
    style, f = _report_style()
    return png_bytes(lambda sf, r: fan_figure(sf, r, fan.title, fan.bands, fan.actual, fan.runs, style, fan.color, f),
                     SIZE)


def images(report: Report) -> tuple[list[str], str | None]:
    """The report's pictures as data: URIs: one per chart, in order, and the what-if's fan (None without one)."""
    return ([data_uri(chart_png(c)) for c in report.charts],
            data_uri(fan_png(report.whatif.fan)) if report.whatif else None)

"""Charts drawn with pygame onto any Surface (no window needed): lines, fan (percentile bands) and bars.

Used by batch reports (saved as PNG) and by the game's chart and debrief screens.
"""
from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
import pygame

Color = tuple[int, int, int]


@dataclass
class Style:
    bg: Color = (250, 250, 247)
    fg: Color = (30, 34, 40)
    grid: Color = (214, 216, 220)
    muted: Color = (110, 116, 126)
    palette: Sequence[Color] = field(default_factory=lambda: [
        (0, 114, 178), (230, 159, 0), (0, 158, 115), (204, 121, 167), (86, 180, 233), (213, 94, 0),
        (240, 228, 66), (0, 0, 0)])   # Okabe-Ito: readable for colour-blind viewers
    font_size: int = 18


_fonts: dict[int, pygame.font.Font] = {}


def font(size: int) -> pygame.font.Font:
    if not pygame.font.get_init():
        pygame.font.init()
    if size not in _fonts:
        _fonts[size] = pygame.font.Font(None, size)
    return _fonts[size]


def _frame(surf: pygame.Surface, rect: pygame.Rect, title: str, ylo: float, yhi: float, st: Style,
           xlabels: Sequence[str] = ()) -> pygame.Rect:
    """Background, title, y grid with labels; returns the plotting area."""
    pygame.draw.rect(surf, st.bg, rect)
    f = font(st.font_size)
    surf.blit(f.render(title, True, st.fg), (rect.x + 8, rect.y + 6))
    pad_l, pad_t, pad_b = int(st.font_size * 2.4), int(st.font_size * 1.6), int(st.font_size * 1.4)
    area = pygame.Rect(rect.x + pad_l, rect.y + pad_t, rect.w - pad_l - 12, rect.h - pad_t - pad_b)
    small = font(max(10, st.font_size - 4))
    for k in range(5):
        v = ylo + (yhi - ylo) * k / 4
        y = area.bottom - area.h * k / 4
        pygame.draw.line(surf, st.grid, (area.x, y), (area.right, y))
        lab = small.render(f"{v:g}" if abs(v) >= 10 or v == int(v) else f"{v:.2f}", True, st.muted)
        surf.blit(lab, (area.x - lab.get_width() - 4, y - lab.get_height() / 2))
    n = len(xlabels)
    if n:
        step = max(1, n // 10)
        for k in range(0, n, step):
            x = area.x + (area.w * k / max(1, n - 1))
            lab = small.render(str(xlabels[k]), True, st.muted)
            surf.blit(lab, (x - lab.get_width() / 2, area.bottom + 4))
    return area


def _xy(area: pygame.Rect, k: int, n: int, v: float, ylo: float, yhi: float) -> tuple[float, float]:
    x = area.x + area.w * (k / max(1, n - 1))
    y = area.bottom - area.h * ((v - ylo) / max(1e-9, yhi - ylo))
    return x, min(area.bottom, max(area.y, y))


def line_chart(surf: pygame.Surface, rect: pygame.Rect, title: str, series: dict[str, Sequence[float]],
               ylo: float, yhi: float, st: Style | None = None, colors: dict[str, Color] | None = None,
               xlabels: Sequence[str] = ()) -> None:
    """One line per series, with a legend along the bottom right."""
    st = st or Style()
    n = max((len(s) for s in series.values()), default=0)
    area = _frame(surf, rect, title, ylo, yhi, st, xlabels or [str(k + 1) for k in range(n)])
    small = font(max(10, st.font_size - 4))
    lx = area.right
    for k, (name, vals) in enumerate(series.items()):
        col = (colors or {}).get(name, st.palette[k % len(st.palette)])
        pts = [_xy(area, i, n, v, ylo, yhi) for i, v in enumerate(vals)]
        if len(pts) >= 2:
            pygame.draw.lines(surf, col, False, pts, 3)
        elif pts:
            pygame.draw.circle(surf, col, pts[0], 3)
        lab = small.render(name, True, col)
        lx -= lab.get_width() + 12
        surf.blit(lab, (lx, rect.y + 6))


def fan_chart(surf: pygame.Surface, rect: pygame.Rect, title: str, bands: Sequence[Sequence[float]],
              ylo: float, yhi: float, st: Style | None = None, color: Color | None = None,
              overlay: Sequence[float] | None = None) -> None:
    """Percentile bands over turns: bands = [p5, p25, p50, p75, p95] lists; optional overlay line (e.g. this game)."""
    st = st or Style()
    col = color or st.palette[0]
    n = len(bands[0]) if bands else 0
    area = _frame(surf, rect, title, ylo, yhi, st, [str(k + 1) for k in range(n)])
    light = tuple(int(c + (255 - c) * 0.75) for c in col)
    mid = tuple(int(c + (255 - c) * 0.45) for c in col)
    for lo, hi, c in ((0, 4, light), (1, 3, mid)):
        top = [_xy(area, i, n, v, ylo, yhi) for i, v in enumerate(bands[hi])]
        bot = [_xy(area, i, n, v, ylo, yhi) for i, v in enumerate(bands[lo])]
        if n >= 2:
            pygame.draw.polygon(surf, c, top + bot[::-1])
    if n >= 2:
        pygame.draw.lines(surf, col, False, [_xy(area, i, n, v, ylo, yhi) for i, v in enumerate(bands[2])], 3)
    if overlay is not None and len(overlay) >= 2:
        pygame.draw.lines(surf, st.fg, False, [_xy(area, i, n, v, ylo, yhi) for i, v in enumerate(overlay)], 2)


def bar_chart(surf: pygame.Surface, rect: pygame.Rect, title: str, bars: Mapping[str, float],
              ymax: float | None = None, st: Style | None = None, colors: dict[str, Color] | None = None,
              fmt: str = "{:g}") -> None:
    st = st or Style()
    top = ymax if ymax is not None else max([1e-9, *bars.values()])
    area = _frame(surf, rect, title, 0.0, top, st)
    n = max(1, len(bars))
    w = area.w / n
    f = font(st.font_size)
    for k, (name, v) in enumerate(bars.items()):
        col = (colors or {}).get(name, st.palette[k % len(st.palette)])
        h = area.h * (v / top)
        r = pygame.Rect(area.x + k * w + w * 0.15, area.bottom - h, w * 0.7, h)
        pygame.draw.rect(surf, col, r)
        lab = f.render(name, True, st.fg)
        surf.blit(lab, (r.centerx - lab.get_width() / 2, area.bottom + 2))
        val = f.render(fmt.format(v), True, st.fg)
        surf.blit(val, (r.centerx - val.get_width() / 2, max(area.y, r.y - val.get_height() - 2)))


def save_png(draw, size: tuple[int, int], path: str) -> str:
    """Draw onto a fresh surface of `size` with draw(surface, rect) and save it as PNG."""
    surf = pygame.Surface(size)
    draw(surf, surf.get_rect())
    pygame.image.save(surf, path)
    return path

"""Pieces of the debrief drawn by hand: burden-sharing per organization and the trust matrices at start and end."""
from __future__ import annotations

from functools import partial
from typing import Any

import pygame

from game.runner.figures import trust_figure

from .. import text as T
from .chartview import FigureCache, rgb, ui_style


def org_block_height(theme, members: int) -> int:
    fb, fs = theme.font("body", True), theme.font("small")
    return fb.get_linesize() + fs.get_linesize() + members * int(fs.get_linesize() * 1.35) + theme.px(12)


def draw_org(surface: pygame.Surface, theme, rect: pygame.Rect, org: dict, scenario) -> None:
    """One organization: its cohesion, and per member what it gave against what was expected (bar) and its
    free-rider index (0 carried its share, 1 gave nothing)."""
    th = theme
    fb, fs, fsb = th.font("body", True), th.font("small"), th.font("small", True)
    pygame.draw.rect(surface, th.color("panel"), rect, border_radius=th.sp("radius"))
    pygame.draw.rect(surface, th.color("border"), rect, width=th.sp("border"), border_radius=th.sp("radius"))
    pad = th.px(8)
    x, y, w = rect.x + pad, rect.y + th.px(4), rect.width - 2 * pad
    T.draw(surface, org["name"], fb, th.color("text"), (x, y), max_width=w)
    y += fb.get_linesize()
    T.draw(surface, f"{org['kind'].replace('_', ' ')} · cohesion {org['cohesion']:.2f}", fs, th.color("muted"), (x, y),
           max_width=w)
    y += fs.get_linesize()
    idx = {nd.id: k for k, nd in enumerate(scenario.nations)}
    rh = int(fs.get_linesize() * 1.35)
    name_w = min(w // 3, max(fs.size(scenario.nations[idx[m["nation"]]].name)[0] for m in org["members"]) + th.px(18)) \
        if org["members"] else 0
    fr_w = fsb.size("free-rider 0.00")[0] + th.px(6)
    given_w = fs.size("000.0 of 000")[0] + th.px(8)
    bar_w = max(th.px(20), w - name_w - fr_w - given_w - th.px(12))
    for m in org["members"]:
        if y + rh > rect.bottom:
            break
        k = idx[m["nation"]]
        rad = max(2, th.px(5))
        pygame.draw.circle(surface, th.nation_color(scenario, k), (x + rad, y + rh // 2), rad)
        T.draw(surface, scenario.nations[k].name, fs, th.color("text"), (x + 2 * rad + th.px(4), y),
               max_width=name_w - 2 * rad - th.px(6))
        share = 1.0 - m["free_rider"]
        bar = pygame.Rect(x + name_w, y + rh // 4, bar_w, max(3, rh // 2))
        pygame.draw.rect(surface, th.color("panel_alt"), bar)
        fill = bar.copy()
        fill.width = int(bar.width * max(0.0, min(1.0, share)))
        pygame.draw.rect(surface, th.level_color(100 * share), fill)
        T.draw(surface, f"{m['given']:.1f} of {m['expected']:g}", fs, th.color("muted"), (bar.right + th.px(6), y),
               max_width=given_w)
        tone = "good" if m["free_rider"] < 0.34 else "warn" if m["free_rider"] < 0.67 else "bad"
        T.draw(surface, f"free-rider {m['free_rider']:.2f}", fsb, th.color(tone), (rect.right - pad, y), "right",
               max_width=fr_w)
        y += rh


def trust_pair_fits(theme, rect: pygame.Rect, n: int) -> bool:
    """Whether two heat maps side by side leave cells big enough for their numbers (else one at a time)."""
    fs = theme.font("small")
    legend_h = fs.get_linesize() * 2 + theme.px(6)
    side = min((rect.width - theme.sp("pad")) // 2, rect.height - legend_h)
    label_w = fs.size("9 Abc")[0] + 8
    cell = (side - label_w - fs.get_linesize() - 2 * theme.px(8)) // max(1, n)
    return cell >= fs.size("0.00")[0] + 4


def draw_trust_pair(surface: pygame.Surface, theme, rect: pygame.Rect, scenario, start: list, end: list,
                    end_label: str, cache: FigureCache, key, only: str | None = None) -> None:
    """Two heat maps side by side (trust at the start and at the end) and a legend of the colours below; `only`
    ('start' or 'end'): one of them, as large as the room allows (a projector at a large scale keeps the numbers)."""
    th = theme
    fs = th.font("small")
    legend_h = fs.get_linesize() * 2 + th.px(6)
    maps = pygame.Rect(rect.x, rect.y, rect.width, rect.height - legend_h)
    gap = th.sp("pad")
    names = [nd.name for nd in scenario.nations]
    style = ui_style(th)
    colour = lambda t: rgb(th.trust_color(t))  # noqa: E731
    if only:
        side = min(maps.width, maps.height)
        x0 = maps.x + (maps.width - side) // 2
        pairs = [(pygame.Rect(x0, maps.y, side, side), "Start of the game", start) if only == "start" else
                 (pygame.Rect(x0, maps.y, side, side), end_label, end)]
    else:
        side = min((maps.width - gap) // 2, maps.height)
        x0 = maps.x + (maps.width - 2 * side - gap) // 2
        pairs = [(pygame.Rect(x0, maps.y, side, side), "Start of the game", start),
                 (pygame.Rect(x0 + side + gap, maps.y, side, side), end_label, end)]
    def trust_map(s: pygame.Surface, rr: pygame.Rect, title: str, m: Any) -> object:
        return trust_figure(s, rr, title, m, names, style, fs, colour, fs, th.font("body", True))

    for r, title, m in pairs:
        cache.blit(surface, r, (key, title, th.scale, th.colorblind), partial(trust_map, title=title, m=m))
    # legend: a gradient from no trust to complete trust
    y = maps.y + side + th.px(6)
    bar = pygame.Rect(x0, y, min(th.px(240), rect.width // 3), fs.get_linesize() // 2)
    for i in range(bar.width):
        pygame.draw.line(surface, th.trust_color(i / max(1, bar.width - 1)), (bar.x + i, bar.y), (bar.x + i, bar.bottom))
    T.draw(surface, "0", fs, th.color("muted"), (bar.x, bar.bottom))
    T.draw(surface, "1", fs, th.color("muted"), (bar.right, bar.bottom), "right")
    T.draw_block(surface, "Row: the nation that trusts; column: the nation it trusts.", fs,
                 th.color("muted"), pygame.Rect(bar.right + th.px(12), y, rect.right - bar.right - th.px(12), legend_h))


def draw_trust_row(surface: pygame.Surface, theme, rect: pygame.Rect, scenario, start: list, end: list,
                   end_label: str, who: int) -> None:
    """One nation's trust in each of the others, at the start and now, as numbers with bars: what the heat maps
    show when they are too small for their numbers (a projector at a large scale)."""
    from .markers import draw_marker

    th = theme
    fb, f = th.font("body", True), th.font("body")
    names = [nd.name for nd in scenario.nations]
    T.draw(surface, f"How much {names[who]} trusts each nation: start of the game → {end_label.lower()}", fb,
           th.color("text"), rect.topleft, max_width=rect.width)
    others = [j for j in range(len(names)) if j != who]
    y0 = rect.y + fb.get_linesize() + th.px(4)
    rows_fit = max(1, (rect.bottom - y0) // f.get_linesize())
    cols = -(-len(others) // rows_fit)
    cw = rect.width // max(1, cols)
    name_w = max(f.size(n)[0] for n in names) + th.px(22)
    for m, j in enumerate(others):
        c, r = divmod(m, rows_fit)
        x, y = rect.x + c * cw, y0 + r * f.get_linesize()
        draw_marker(surface, th.nation_shape(j), th.nation_color(scenario, j), (x + th.px(7), y + f.get_linesize() // 2),
                    th.px(6))
        T.draw(surface, names[j], f, th.color("text"), (x + th.px(18), y), max_width=name_w - th.px(20))
        a, b = float(start[who][j]), float(end[who][j])
        text = f"{a:.2f} → {b:.2f}"
        tr = T.draw(surface, text, f, th.trust_color(b), (x + name_w, y))
        bar = pygame.Rect(tr.right + th.px(8), y + f.get_linesize() // 3, max(0, x + cw - tr.right - th.px(16)),
                          f.get_linesize() // 3)
        if bar.width > th.px(20):
            pygame.draw.rect(surface, th.color("panel_alt"), bar)
            pygame.draw.rect(surface, th.trust_color(b), (bar.x, bar.y, int(bar.width * max(0.0, min(1.0, b))), bar.height))

"""Pieces of the debrief drawn by hand: burden-sharing per organization and the trust matrices at start and end."""
from __future__ import annotations

import pygame

from game.runner import export as fig

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


def draw_trust_pair(surface: pygame.Surface, theme, rect: pygame.Rect, scenario, start: list, end: list,
                    end_label: str, cache: FigureCache, key) -> None:
    """Two heat maps side by side (trust at the start and at the end) and a legend of the colours below."""
    th = theme
    fs = th.font("small")
    legend_h = fs.get_linesize() * 2 + th.px(6)
    maps = pygame.Rect(rect.x, rect.y, rect.width, rect.height - legend_h)
    gap = th.sp("pad")
    side = min((maps.width - gap) // 2, maps.height)
    x0 = maps.x + (maps.width - 2 * side - gap) // 2
    left = pygame.Rect(x0, maps.y, side, side)
    right = pygame.Rect(x0 + side + gap, maps.y, side, side)
    names = [nd.name for nd in scenario.nations]
    style = ui_style(th)
    colour = lambda t: rgb(th.trust_color(t))  # noqa: E731
    for r, title, m in ((left, "Start of the game", start), (right, end_label, end)):
        cache.blit(surface, r, (key, title, th.scale, th.colorblind),
                   lambda s, rr, title=title, m=m: fig.trust_figure(s, rr, title, m, names, style, fs, colour, fs,
                                                                    th.font("body", True)))
    # legend: a gradient from no trust to complete trust
    y = maps.y + side + th.px(6)
    bar = pygame.Rect(x0, y, min(th.px(240), rect.width // 3), fs.get_linesize() // 2)
    for i in range(bar.width):
        pygame.draw.line(surface, th.trust_color(i / max(1, bar.width - 1)), (bar.x + i, bar.y), (bar.x + i, bar.bottom))
    T.draw(surface, "0", fs, th.color("muted"), (bar.x, bar.bottom))
    T.draw(surface, "1", fs, th.color("muted"), (bar.right, bar.bottom), "right")
    T.draw_block(surface, "Row: the nation that trusts; column: the nation it trusts.", fs,
                 th.color("muted"), pygame.Rect(bar.right + th.px(12), y, rect.right - bar.right - th.px(12), legend_h))

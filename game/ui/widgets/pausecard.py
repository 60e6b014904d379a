"""The card the projector shows while the facilitator has paused the game: over a turn screen, or instead of a private
one (a team's planning)."""
from __future__ import annotations

import pygame

from .. import layout
from .. import text as T
from ..theme import Theme


def draw_pause_card(surface: pygame.Surface, theme: Theme, opaque: bool) -> None:
    """'Paused by the facilitator' over a turn screen; opaque over a private screen (a team's planning)."""
    th = theme
    if opaque:
        surface.fill(th.color("bg"))
    else:
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 190))
        surface.blit(shade, (0, 0))
    scr = surface.get_rect()
    fh, fb = th.font("title", True), th.font("body")
    w = min(scr.width - 2 * th.sp("pad"), th.px(560))
    h = fh.get_linesize() + 2 * fb.get_linesize() + 3 * th.sp("pad")
    box = layout.centered(scr, w, h)
    pygame.draw.rect(surface, th.color("panel"), box, border_radius=th.sp("radius"))
    pygame.draw.rect(surface, th.color("warn"), box, width=max(2, th.px(2)), border_radius=th.sp("radius"))
    y = box.y + th.sp("pad")
    T.draw(surface, "Paused by the facilitator", fh, th.color("warn"), (box.centerx, y), "center", max_width=w - th.px(16))
    y += fh.get_linesize() + th.sp("pad") // 2
    T.draw_block(surface, "Eyes to the front. The planning clock is stopped; the game goes on when the facilitator resumes.",
                 fb, th.color("text"), pygame.Rect(box.x + th.sp("pad"), y, w - 2 * th.sp("pad"), 2 * fb.get_linesize()),
                 align="center")

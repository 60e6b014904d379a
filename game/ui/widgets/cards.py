"""Action cards drawn by hand: name, AP and budget cost, category colour, short text, key number, and why it is blocked."""
from __future__ import annotations

import pygame

from .. import text as T

TARGET_WORDS = {"self": "no target", "partner": "one partner", "organization": "an organization"}


def target_words(action) -> str:
    if action.target == "partners":
        return f"1 to {action.max_targets} partners"
    return TARGET_WORDS.get(action.target, action.target)


def draw_card(surface: pygame.Surface, theme, rect: pygame.Rect, action, number: int | None, *, selected: bool,
              in_plan: int, blocked: str | None, hover: bool = False) -> None:
    th = theme
    radius = th.sp("radius")
    bg = th.color("panel_alt") if (hover or selected) else th.color("panel")
    pygame.draw.rect(surface, bg, rect, border_radius=radius)
    cat = th.category_color(action.category)
    strip = pygame.Rect(rect.x, rect.y, th.px(7), rect.height)
    pygame.draw.rect(surface, cat, strip, border_top_left_radius=radius, border_bottom_left_radius=radius)
    border = th.color("accent") if selected else th.color("good") if in_plan else th.color("border")
    pygame.draw.rect(surface, border, rect, width=th.px(3) if (selected or in_plan) else th.sp("border"), border_radius=radius)

    pad = th.px(7)
    inner = pygame.Rect(strip.right + pad, rect.y + pad, rect.right - strip.right - 2 * pad, rect.height - 2 * pad)
    fb, fs = th.font("body", True), th.font("small")
    x = inner.x
    if number is not None:
        d = fb.get_linesize()
        badge = pygame.Rect(inner.x, inner.y, d, d)
        pygame.draw.rect(surface, th.color("bg"), badge, border_radius=th.px(4))
        T.draw(surface, str(number), fb, th.color("text"), (badge.centerx, badge.y), "center")
        x = badge.right + th.px(6)
    fn = fb if len(T.wrap(action.name, fb, inner.right - x)) <= 3 else th.font("small", True)   # wrapped, never cut
    name_box = pygame.Rect(x, inner.y, inner.right - x, fn.get_linesize() * 4)
    used = T.draw_block(surface, action.name, fn, th.color("text"), name_box, max_lines=4)
    y = inner.y + max(used, fb.get_linesize()) + th.px(2)
    cost = f"{action.ap} AP · {action.budget} budget · {target_words(action)}"
    # the cost and the kind of target matter more than the description: on a narrow card they take two lines
    y += T.draw_block(surface, cost, fs, th.color("muted"), pygame.Rect(inner.x, y, inner.width, 2 * fs.get_linesize()),
                      max_lines=2) + th.px(2)
    foot_lines = []
    if blocked:
        foot_lines.append((blocked, th.color("bad")))
    elif in_plan:
        foot_lines.append(("✓ in your plan" + (f" ×{in_plan}" if in_plan > 1 else ""), th.color("good")))
    foot_h = 0
    if foot_lines:
        foot_h = min(2 * fs.get_linesize(), T.block_height(foot_lines[0][0], fs, inner.width))
    text_box = pygame.Rect(inner.x, y, inner.width, max(0, inner.bottom - y - foot_h))
    muted = blocked is not None
    # whole sentences only: a narrow card leaves the rest to the selected card's panel instead of cutting a word
    text = T.whole_sentences(action.text or action.category, fs, text_box.width, text_box.height // fs.get_linesize())
    T.draw_block(surface, text, fs, th.color("muted" if muted else "text"), text_box)
    if foot_lines:
        msg, col = foot_lines[0]
        T.draw_block(surface, msg, fs, col, pygame.Rect(inner.x, inner.bottom - foot_h, inner.width, foot_h), max_lines=2)

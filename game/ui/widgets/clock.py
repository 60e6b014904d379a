"""The planning clock in the top bar (board, pass screen, planning): time left, "Paused", or "Time is up", for all to see."""
from __future__ import annotations

import pygame

from .. import text as T


def clock_text(session) -> str | None:
    """What the clock shows, or None when there is nothing to show (no timer and not paused)."""
    if session.view.over:
        return None
    if session.paused:
        return "Paused"
    if session.timer_left is None or not session.humans:
        return None
    if session.timer_fired or session.timer_left <= 0:
        return "Time is up"
    left = int(-(-session.timer_left // 1))          # whole seconds, rounded up: 0:00 only when it is over
    return f"{left // 60}:{left % 60:02d} left"


def clock_width(theme, session) -> int:
    """The width the clock takes in the top bar (0 when there is no clock)."""
    text = clock_text(session)
    if text is None:
        return 0
    widest = max(text, "00:00 left", key=lambda t: theme.font("body", True).size(t)[0])
    return theme.font("body", True).size(widest)[0] + theme.px(24) + theme.sp("gap")


def tone(session) -> str:
    if session.paused:
        return "warn"
    left = session.timer_left or 0.0
    return "bad" if left <= 10 else "warn" if left <= 30 else "accent"


def draw_clock(surface: pygame.Surface, theme, right: int, session, cy: int | None = None) -> None:
    """The clock as a pill ending at x = right, centred on y = cy (default: in the top bar)."""
    text = clock_text(session)
    if text is None:
        return
    w = clock_width(theme, session) - theme.sp("gap")
    f = theme.font("body", True)
    h = f.get_linesize() + theme.px(8)
    cy = theme.sp("bar") // 2 if cy is None else cy
    r = pygame.Rect(right - w, cy - h // 2, w, h)
    col = theme.color(tone(session))
    pygame.draw.rect(surface, theme.color("panel_alt"), r, border_radius=h // 2)
    pygame.draw.rect(surface, col, r, width=max(2, theme.px(2)), border_radius=h // 2)
    T.draw(surface, text, f, col if tone(session) != "accent" else theme.color("text"),
           (r.centerx, r.centery - f.get_linesize() // 2), "center", max_width=w - theme.px(8))

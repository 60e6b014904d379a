"""Rectangle arithmetic for screen layouts: cut bars off a rect, split it into columns or rows, inset it."""
from __future__ import annotations

import pygame


def inset(r: pygame.Rect, dx: int, dy: int | None = None) -> pygame.Rect:
    dy = dx if dy is None else dy
    return pygame.Rect(r.x + dx, r.y + dy, max(0, r.width - 2 * dx), max(0, r.height - 2 * dy))


def cut_top(r: pygame.Rect, h: int, gap: int = 0) -> tuple[pygame.Rect, pygame.Rect]:
    """(the top h pixels, the rest below after a gap)."""
    h = min(h, r.height)
    return pygame.Rect(r.x, r.y, r.width, h), pygame.Rect(r.x, r.y + h + gap, r.width, max(0, r.height - h - gap))


def cut_bottom(r: pygame.Rect, h: int, gap: int = 0) -> tuple[pygame.Rect, pygame.Rect]:
    """(the bottom h pixels, the rest above before a gap)."""
    h = min(h, r.height)
    return pygame.Rect(r.x, r.bottom - h, r.width, h), pygame.Rect(r.x, r.y, r.width, max(0, r.height - h - gap))


def cut_left(r: pygame.Rect, w: int, gap: int = 0) -> tuple[pygame.Rect, pygame.Rect]:
    w = min(w, r.width)
    return pygame.Rect(r.x, r.y, w, r.height), pygame.Rect(r.x + w + gap, r.y, max(0, r.width - w - gap), r.height)


def cut_right(r: pygame.Rect, w: int, gap: int = 0) -> tuple[pygame.Rect, pygame.Rect]:
    w = min(w, r.width)
    return pygame.Rect(r.right - w, r.y, w, r.height), pygame.Rect(r.x, r.y, max(0, r.width - w - gap), r.height)


def columns(r: pygame.Rect, weights: list[float], gap: int = 0) -> list[pygame.Rect]:
    total = sum(weights)
    avail = r.width - gap * (len(weights) - 1)
    out, x = [], r.x
    for k, w in enumerate(weights):
        width = avail - (x - r.x - gap * k) if k == len(weights) - 1 else int(avail * w / total)
        out.append(pygame.Rect(x, r.y, width, r.height))
        x += width + gap
    return out


def rows(r: pygame.Rect, weights: list[float], gap: int = 0) -> list[pygame.Rect]:
    total = sum(weights)
    avail = r.height - gap * (len(weights) - 1)
    out, y = [], r.y
    for k, w in enumerate(weights):
        h = avail - (y - r.y - gap * k) if k == len(weights) - 1 else int(avail * w / total)
        out.append(pygame.Rect(r.x, y, r.width, h))
        y += h + gap
    return out


def stack(r: pygame.Rect, n: int, h: int, gap: int) -> list[pygame.Rect]:
    """n rows of height h from the top of r."""
    return [pygame.Rect(r.x, r.y + k * (h + gap), r.width, h) for k in range(n)]


def grid(r: pygame.Rect, cols: int, rows_: int, gap: int) -> list[pygame.Rect]:
    w = (r.width - gap * (cols - 1)) // max(1, cols)
    h = (r.height - gap * (rows_ - 1)) // max(1, rows_)
    return [pygame.Rect(r.x + c * (w + gap), r.y + k * (h + gap), w, h) for k in range(rows_) for c in range(cols)]


def centered(outer: pygame.Rect, w: int, h: int) -> pygame.Rect:
    rr = pygame.Rect(0, 0, min(w, outer.width), min(h, outer.height))
    rr.center = outer.center
    return rr


def window(heights: list[int], keep: int, room: int, more_h: int) -> tuple[int, int]:
    """The run of items [a, b) around item `keep` that fits in `room`, counting a `more_h` line for each end that
    leaves items out ("↑ 2 more"); grows below first, then above. Everything when all of it fits; at least `keep`."""
    n = len(heights)
    if n == 0 or sum(heights) <= room:
        return 0, n
    keep = min(max(keep, 0), n - 1)
    a, b, used = keep, keep + 1, heights[keep]
    grew = True
    while grew:
        grew = False
        if b < n and used + heights[b] + more_h * ((a > 0) + (b + 1 < n)) <= room:
            used, b, grew = used + heights[b], b + 1, True
        if a > 0 and used + heights[a - 1] + more_h * ((a - 1 > 0) + (b < n)) <= room:
            a, grew = a - 1, True
            used += heights[a]
    return a, b

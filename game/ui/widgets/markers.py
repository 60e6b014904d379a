"""A shape per nation (circle, square, triangle ...), so nations stay apart without colour: map nodes, chart points
and legends draw them."""
from __future__ import annotations

import math

import pygame

SHAPES = ("circle", "square", "triangle", "diamond", "triangle_down", "pentagon", "hexagon", "star", "plus",
          "cross", "triangle_right", "triangle_left")


def shape_of(k: int) -> str:
    return SHAPES[k % len(SHAPES)]


def _regular(n: int, r: float, turn: float = -90.0) -> list[tuple[float, float]]:
    return [(r * math.cos(math.radians(turn + 360.0 * m / n)), r * math.sin(math.radians(turn + 360.0 * m / n)))
            for m in range(n)]


def outline(shape: str, r: float) -> list[tuple[float, float]]:
    """The shape's corners around (0, 0), sized so every shape looks about as big as a circle of radius r."""
    if shape == "square":
        a = r * 0.88
        return [(-a, -a), (a, -a), (a, a), (-a, a)]
    if shape == "triangle":
        return _regular(3, r * 1.2)
    if shape == "triangle_down":
        return _regular(3, r * 1.2, 90.0)
    if shape == "triangle_right":
        return _regular(3, r * 1.2, 0.0)
    if shape == "triangle_left":
        return _regular(3, r * 1.2, 180.0)
    if shape == "diamond":
        return _regular(4, r * 1.15)
    if shape == "pentagon":
        return _regular(5, r * 1.05)
    if shape == "hexagon":
        return _regular(6, r * 1.02, 0.0)
    if shape == "star":
        pts = []
        for m in range(10):
            rr = r * (1.25 if m % 2 == 0 else 0.55)
            a = math.radians(-90.0 + 36.0 * m)
            pts.append((rr * math.cos(a), rr * math.sin(a)))
        return pts
    if shape in ("plus", "cross"):
        w, a = r * 0.38, r * 1.05
        pts = [(-w, -a), (w, -a), (w, -w), (a, -w), (a, w), (w, w), (w, a), (-w, a), (-w, w), (-a, w), (-a, -w), (-w, -w)]
        if shape == "cross":
            c = math.cos(math.radians(45))
            pts = [(x * c - y * c, x * c + y * c) for x, y in pts]
        return pts
    return []


def draw_marker(surface: pygame.Surface, shape: str, color, center: tuple[float, float], r: float,
                width: int = 0) -> pygame.Rect:
    """Draw a filled (width 0) or outlined shape; returns its bounding rect."""
    cx, cy = center
    if shape == "circle" or r < 2:
        return pygame.draw.circle(surface, color, (int(cx), int(cy)), max(1, int(r)), width)
    pts = [(cx + x, cy + y) for x, y in outline(shape, r)]
    return pygame.draw.polygon(surface, color, pts, width)

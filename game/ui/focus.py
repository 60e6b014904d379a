"""Keyboard focus on a screen's controls (Tab/Shift-Tab, arrows, Enter/Space), and the key names screens list.

A screen's controls are its live, visible, enabled buttons and text fields, in reading order (top to bottom, left to
right). The focus is remembered by the control's label and position, so a rebuilt screen (a new size, a toggled
seat) keeps it on the same control. Key lists such as ("Up/Down", "choose") are shown in each screen's footer, in
docs/playing.md, and turned into key codes (key_codes) by the test that keeps those two true.
"""
from __future__ import annotations

from typing import Any

import pygame
from pygame_gui.elements import UIButton, UITextEntryLine

NAMES = {"enter": [pygame.K_RETURN], "esc": [pygame.K_ESCAPE], "space": [pygame.K_SPACE], "tab": [pygame.K_TAB],
         "up": [pygame.K_UP], "down": [pygame.K_DOWN], "left": [pygame.K_LEFT], "right": [pygame.K_RIGHT],
         "pgup": [pygame.K_PAGEUP], "pgdn": [pygame.K_PAGEDOWN], "backspace": [pygame.K_BACKSPACE],
         "home": [pygame.K_HOME], "end": [pygame.K_END], "shift-tab": [pygame.K_TAB], "arrows": [pygame.K_UP]}


def key_codes(name: str) -> list[int]:
    """'Enter' -> [K_RETURN]; 'Up/Down' -> [K_UP, K_DOWN]; '1-9' -> [K_1 .. K_9]; 'W' -> [K_w]; 'F9' -> [K_F9]."""
    out: list[int] = []
    for part in name.replace(" ", "").split("/"):
        low = part.lower()
        if low in NAMES:
            out += NAMES[low]
        elif len(low) == 3 and low[1] == "-" and low[0].isalnum() and low[2].isalnum():
            out += list(range(ord(low[0]), ord(low[2]) + 1))      # pygame key codes of digits and letters are ASCII
        elif low.startswith("f") and low[1:].isdigit():
            out.append(getattr(pygame, f"K_F{low[1:]}"))
        elif len(low) == 1:
            out.append(ord(low))
        else:
            raise ValueError(f"unknown key name '{part}' in '{name}'")
    return out


def controls(ui: list[Any], groups: tuple[pygame.Rect, ...] = ()) -> list[Any]:
    """The widgets the keyboard can reach, in reading order: panel by panel when a screen names its panels (`groups`,
    left to right; what lies in none, the top bar, comes first), so Tab does not zigzag between side-by-side panels."""
    els = [el for el in ui if isinstance(el, (UIButton, UITextEntryLine)) and el.alive() and el.visible
           and el.is_enabled]

    def panel(el: Any) -> int:
        return next((k for k, g in enumerate(groups) if g.collidepoint(el.rect.center)), -1)

    return sorted(els, key=lambda el: (panel(el), el.rect.y, el.rect.x))


def label_of(el: Any) -> str:
    return el.text if isinstance(el, UIButton) else f"<entry {el.rect.x},{el.rect.y}>"


class Focus:
    """Which control has the keyboard focus: remembered as (label, index in reading order)."""

    def __init__(self) -> None:
        self.key: tuple[str, int] | None = None
        self.moved = False           # the player moved it (Enter then presses the focused control)
        self.groups: tuple[pygame.Rect, ...] = ()   # the screen's panels, in the order Tab visits them

    def current(self, ui: list[Any], default: Any = None) -> Any:
        els = controls(ui, self.groups)
        if not els:
            return None
        if self.key is None:
            return default if default in els else None
        label, index = self.key
        same = [k for k, el in enumerate(els) if label_of(el) == label]
        if same:
            return els[min(same, key=lambda k: abs(k - index))]
        return els[max(0, min(len(els) - 1, index))]

    def set(self, ui: list[Any], el: Any) -> None:
        els = controls(ui, self.groups)
        if el in els:
            self.key = (label_of(el), els.index(el))
            self.moved = True

    def step(self, ui: list[Any], step: int, default: Any = None) -> Any:
        els = controls(ui, self.groups)
        if not els:
            return None
        cur = self.current(ui, default)
        k = (els.index(cur) + step) % len(els) if cur in els else (0 if step > 0 else len(els) - 1)
        self.set(ui, els[k])
        return els[k]

    def toward(self, ui: list[Any], dx: int, dy: int, default: Any = None, wrap: bool = True) -> Any:
        """The nearest control in a direction (arrows); in a single column Up/Down wrap around, unless `wrap` is
        False (a held arrow: at 25 repeats a second it would circle the menu, and Enter then pressed whatever it
        stopped on, Quit included)."""
        els = controls(ui, self.groups)
        cur = self.current(ui, default)
        if cur is None:
            return self.step(ui, 1 if dx + dy > 0 else -1) if els else None
        cx, cy = cur.rect.center
        best, cost = None, None
        for el in els:
            if el is cur:
                continue
            ex, ey = el.rect.center
            along, across = (ex - cx) * dx + (ey - cy) * dy, abs((ex - cx) * dy) + abs((ey - cy) * dx)
            if along <= 2:
                continue
            c = along + 3 * across
            if cost is None or c < cost:
                best, cost = el, c
        if best is None and wrap and dy and all(abs(el.rect.centerx - cx) < 4 for el in els):
            best = els[0] if dy > 0 else els[-1]
        if best is not None:
            self.set(ui, best)
        return best


def draw_ring(surface: pygame.Surface, theme: Any, el: Any) -> None:
    """The focus ring: a bright outline around the focused control."""
    r = el.rect.inflate(theme.px(6), theme.px(6))
    pygame.draw.rect(surface, theme.color("focus"), r, width=max(2, theme.px(3)), border_radius=theme.sp("radius") + 2)

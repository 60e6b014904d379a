"""SettingsScene: UI scale 100-200 %, fullscreen or window, the colour-blind-safe palette; applied at once and saved."""
from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pygame

from .. import layout
from .. import text as T
from ..prefs import Settings
from ..scene import Scene
from ..theme import SCALES

if TYPE_CHECKING:
    from ..app import App


class SettingsScene(Scene):
    name = "settings"
    KEYS = (("Esc", "back"),)

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.error: str | None = None

    def change(self, **kw) -> None:
        s = self.app.settings
        new = Settings(kw.get("scale", s.scale), kw.get("fullscreen", s.fullscreen), kw.get("colorblind", s.colorblind))
        self.error = self.app.apply_settings(new)   # rebuilds this screen with the new theme
        if self.error:
            self.rebuild()

    def build(self) -> None:
        th = self.theme
        s = self.app.settings
        self.bar_reserved = self.bar_buttons([("Back (Esc)", self.on_back, {"style": "primary"})])
        scr = self.screen
        pad, gap = th.sp("pad"), th.sp("gap")
        tight = scr.height / th.scale < 500
        body = layout.inset(pygame.Rect(0, th.sp("bar"), scr.width, scr.height - th.sp("bar")), pad if tight else pad * 2)
        space = pad if tight else 2 * pad
        w = min(body.width, th.px(640))
        col = pygame.Rect(body.centerx - w // 2, body.y, w, body.height)
        fb = th.font("heading", True)
        bh = th.sp("button_h")
        self.labels = []
        y = col.y
        self.labels.append(("UI scale (for projectors)", y))
        y += fb.get_linesize() + gap
        bw = (col.width - gap * (len(SCALES) - 1)) // len(SCALES)
        for k, pct in enumerate(SCALES):
            self.button(pygame.Rect(col.x + k * (bw + gap), y, bw, bh), f"{pct} %", partial(self.change, scale=pct),
                        style="selected" if s.scale == pct else None)
        y += bh + space
        self.labels.append(("Display", y))
        y += fb.get_linesize() + gap
        half = (col.width - gap) // 2
        self.button(pygame.Rect(col.x, y, half, bh), "Window", lambda: self.change(fullscreen=False),
                    style="selected" if not s.fullscreen else None)
        self.button(pygame.Rect(col.x + half + gap, y, half, bh), "Fullscreen (F11)", lambda: self.change(fullscreen=True),
                    style="selected" if s.fullscreen else None)
        y += bh + space
        self.labels.append(("Colours", y))
        y += fb.get_linesize() + gap
        self.button(pygame.Rect(col.x, y, half, bh), "Standard", lambda: self.change(colorblind=False),
                    style="selected" if not s.colorblind else None)
        self.button(pygame.Rect(col.x + half + gap, y, half, bh), "Colour-blind safe", lambda: self.change(colorblind=True),
                    style="selected" if s.colorblind else None)
        y += bh + pad
        self.swatch_y = y
        self.col = col

    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        surface.fill(th.color("bg"))
        self.top_bar(surface, "Settings", "saved in your user data folder", self.bar_reserved)
        fb, fs = th.font("heading", True), th.font("small")
        for text, y in self.labels:
            T.draw(surface, text, fb, th.color("text"), (self.col.x, y), max_width=self.col.width)
        y = self.swatch_y
        r = th.px(10)
        x = self.col.x
        cb = th.palette.get("nations") or ["#3f7fd0", "#d0883f", "#3fb07a", "#c04848", "#9a62c8", "#c8b042"]
        for c in cb:
            pygame.draw.circle(surface, pygame.Color(c), (x + r, y + r), r)
            x += 2 * r + th.px(6)
        for lvl in range(6):
            pygame.draw.rect(surface, th.ladder_color(lvl), (x + th.px(10) + lvl * (r + th.px(4)), y, r, 2 * r))
        y += 2 * r + th.sp("pad")
        note = ("Colour-blind safe: 12 colours kept apart for every colour-vision deficiency, and a shape for each "
                "nation (on the map, in tables and charts); the ladder darkens step by step. "
                "Every size in the game follows the UI scale.")
        bottom = self.screen.bottom - th.sp("gap")
        note = T.whole_sentences(note, fs, self.col.width, max(1, (bottom - y) // fs.get_linesize()))
        T.draw_block(surface, note, fs, th.color("muted"), pygame.Rect(self.col.x, y, self.col.width, bottom - y))
        if self.error:
            y += 3 * fs.get_linesize() + th.sp("gap")
            T.draw_block(surface, self.error, fs, th.color("bad"),
                         pygame.Rect(self.col.x, y, self.col.width, max(0, min(2 * fs.get_linesize(), bottom - y))))

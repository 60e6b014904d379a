"""CauseList: rows of (signed change, bar, what caused it) drawn by hand, scrolled with the wheel, rows clickable."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pygame

from .. import text as T


@dataclass
class CauseRow:
    value: str              # the change in words, e.g. "+0.04"
    text: str               # what caused it
    size: float = 0.0       # 0..1: the bar's length relative to the biggest row
    tone: str = "accent"    # colour name of the bar
    key: Any = None         # set: the row can be clicked (handle_event returns it)
    bold: bool = False
    detail: bool = False    # a line under a cause (the parts of a model cause): no value or bar, muted, longer


class CauseList:
    def __init__(self, theme, rect: pygame.Rect, rows: list[CauseRow], max_lines: int = 2,
                 empty: str = "Nothing changed it.") -> None:
        self.theme = theme
        self.rect = pygame.Rect(rect)
        self.rows = rows
        self.max_lines = max_lines
        self.empty = empty
        self.scroll = 0
        self.hover: Any = None
        th = theme
        self.f, self.fb = th.font("small"), th.font("small", True)
        self.pad = th.px(4)
        widest = max([self.fb.size(r.value)[0] for r in rows] + [self.fb.size("+00.00")[0]])
        self.value_w = widest + th.px(6)
        self.bar_w = th.px(48)
        self.text_x = self.value_w + self.bar_w + th.px(10)
        self.text_w = max(20, self.rect.width - self.text_x - th.px(8))
        limit = [max_lines + 2 if r.detail else max_lines for r in rows]
        self.lines = [T.wrap(r.text, self.f, self.text_w)[: limit[k]] for k, r in enumerate(rows)]
        for k, r in enumerate(rows):
            full = T.wrap(r.text, self.f, self.text_w)
            if len(full) > limit[k]:
                self.lines[k][-1] = T.ellipsize(self.lines[k][-1] + " …", self.f, self.text_w)
        lh = self.f.get_linesize()
        self.heights = [max(1, len(ls)) * lh + self.pad for ls in self.lines]
        self.content_h = sum(self.heights)

    def _rects(self) -> list[pygame.Rect]:
        out, y = [], self.rect.y - self.scroll
        for h in self.heights:
            out.append(pygame.Rect(self.rect.x, y, self.rect.width, h))
            y += h
        return out

    def row_rect(self, key: Any) -> pygame.Rect | None:
        """Where the row with this key is on screen (scrolled into view first), for clicks and tests."""
        for k, r in enumerate(self.rows):
            if r.key != key:
                continue
            rr = self._rects()[k]
            if rr.top < self.rect.top:
                self.scroll -= self.rect.top - rr.top
            elif rr.bottom > self.rect.bottom:
                self.scroll += rr.bottom - self.rect.bottom
            self.scroll = max(0, min(self.max_scroll, self.scroll))
            return self._rects()[k].clip(self.rect)
        return None

    @property
    def max_scroll(self) -> int:
        return max(0, self.content_h - self.rect.height)

    def handle_event(self, e: pygame.event.Event) -> CauseRow | None:
        if e.type == pygame.MOUSEWHEEL and self.rect.collidepoint(pygame.mouse.get_pos()):
            self.scroll = max(0, min(self.max_scroll, self.scroll - e.y * self.f.get_linesize() * 2))
        elif e.type == pygame.MOUSEMOTION:
            self.hover = self._hit(e.pos)
        elif e.type == pygame.MOUSEBUTTONDOWN and e.button == 1:
            k = self._hit(e.pos)
            if k is not None:
                return self.rows[k]
        return None

    def _hit(self, pos) -> int | None:
        if not self.rect.collidepoint(pos):
            return None
        for k, rr in enumerate(self._rects()):
            if rr.collidepoint(pos) and self.rows[k].key is not None:
                return k
        return None

    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        if not self.rows:
            T.draw_block(surface, self.empty, self.f, th.color("muted"), self.rect)
            return
        clip = surface.get_clip()
        surface.set_clip(self.rect.clip(clip) if clip else self.rect)
        lh = self.f.get_linesize()
        for k, (r, rr) in enumerate(zip(self.rows, self._rects())):
            if rr.bottom < self.rect.top or rr.top > self.rect.bottom:
                continue
            if k == self.hover:
                pygame.draw.rect(surface, th.color("panel_alt"), rr, border_radius=th.px(3))
            font = self.fb if r.bold else self.f
            if r.detail:
                y = rr.y
                for ln in self.lines[k]:
                    T.draw(surface, ln, font, th.color("muted"), (rr.x + self.text_x + th.px(10), y))
                    y += lh
                continue
            T.draw(surface, r.value, self.fb, th.color("text"), (rr.x + self.value_w - th.px(4), rr.y), "right")
            bar = pygame.Rect(rr.x + self.value_w + th.px(2), rr.y + lh // 4, max(1, int(self.bar_w * min(1.0, r.size))),
                              max(2, lh // 2))
            pygame.draw.rect(surface, th.color("panel_alt"), (bar.x, bar.y, self.bar_w, bar.h))
            if r.size > 0:
                pygame.draw.rect(surface, th.color(r.tone), bar)
            y = rr.y
            for ln in self.lines[k]:
                T.draw(surface, ln, font, th.color("text" if r.key is None else "accent" if k == self.hover else "text"),
                       (rr.x + self.text_x, y))
                y += lh
        surface.set_clip(clip)
        if self.content_h > self.rect.height:
            h = max(th.px(16), self.rect.height * self.rect.height // self.content_h)
            y = self.rect.y + (self.rect.height - h) * self.scroll // max(1, self.max_scroll)
            pygame.draw.rect(surface, th.color("border"), (self.rect.right - th.px(4), y, th.px(4), h), border_radius=th.px(2))

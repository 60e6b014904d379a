"""ListView: a hand-drawn scrolling list of rows (title + wrapped detail), clicked or moved through with the keyboard."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pygame

from .. import text as T
from .markers import draw_marker


@dataclass
class Row:
    key: Any
    title: str
    detail: str = ""
    swatch: Any = None          # a colour drawn as a dot before the title
    tone: str = "text"          # colour name of the title: text | muted | bad | good
    detail_tone: str = "muted"
    marked: bool = False        # e.g. chosen in a multi-select


class ListView:
    """Rows laid out top to bottom in `rect`; scrolls with the mouse wheel when they do not fit."""

    def __init__(self, theme, rect: pygame.Rect, rows: list[Row], selected: Any = None, max_detail_lines: int = 4) -> None:
        self.theme = theme
        self.rect = pygame.Rect(rect)
        self.rows = rows
        self.selected = selected
        self.hover: Any = None
        self.scroll = 0
        self.max_detail_lines = max_detail_lines
        self._layout()

    def _layout(self) -> None:
        th = self.theme
        self.pad = th.px(6)
        self.ft, self.fd = th.font("body", True), th.font("small")
        self.indent = th.px(18) if any(r.swatch is not None for r in self.rows) else 0
        self.text_w = max(10, self.rect.width - 2 * self.pad - self.indent - th.px(6))
        self.heights = []
        self.title_lines = []          # a long title wraps onto a second line rather than being cut
        for r in self.rows:
            lines = min(self.max_detail_lines, len(T.wrap(r.detail, self.fd, self.text_w))) if r.detail else 0
            tl = min(2, len(T.wrap(r.title, self.ft, self.text_w)))
            self.title_lines.append(tl)
            self.heights.append(tl * self.ft.get_linesize() + lines * self.fd.get_linesize() + 2 * self.pad)
        self.content_h = sum(self.heights) + max(0, len(self.rows) - 1) * th.px(3)
        self.scroll = max(0, min(self.scroll, self.content_h - self.rect.height))

    def scroll_by(self, dy: int) -> None:
        """Scroll by dy pixels (down when positive), within the rows (PgUp/PgDn on a screen that has no selection)."""
        self.scroll = max(0, min(self.scroll + dy, max(0, self.content_h - self.rect.height)))

    def set_rows(self, rows: list[Row]) -> None:
        self.rows = rows
        self._layout()

    # -- geometry --------------------------------------------------------------------------------
    def _row_rects(self) -> list[pygame.Rect]:
        out, y = [], self.rect.y - self.scroll
        for h in self.heights:
            out.append(pygame.Rect(self.rect.x, y, self.rect.width, h))
            y += h + self.theme.px(3)
        return out

    def row_rect(self, key: Any) -> pygame.Rect | None:
        """Where the row with this key is on screen (scrolled into view first), for clicks and tests."""
        for k, r in enumerate(self.rows):
            if r.key == key:
                self.ensure_visible(k)
                return self._row_rects()[k].clip(self.rect)
        return None

    def ensure_visible(self, index: int) -> None:
        rr = self._row_rects()[index]
        if rr.top < self.rect.top:
            self.scroll -= self.rect.top - rr.top
        elif rr.bottom > self.rect.bottom:
            self.scroll += rr.bottom - self.rect.bottom
        self.scroll = max(0, min(self.scroll, max(0, self.content_h - self.rect.height)))

    # -- input ------------------------------------------------------------------------------------
    def handle_event(self, e: pygame.event.Event) -> Row | None:
        """The row clicked, if any; wheel scrolls; motion hovers."""
        if e.type == pygame.MOUSEWHEEL and self.rect.collidepoint(pygame.mouse.get_pos()):
            step = self.ft.get_linesize() * 2
            self.scroll = max(0, min(self.scroll - e.y * step, max(0, self.content_h - self.rect.height)))
        elif e.type == pygame.MOUSEMOTION:
            self.hover = self._hit(e.pos)
        elif e.type == pygame.MOUSEBUTTONDOWN and e.button == 1:
            key = self._hit(e.pos)
            if key is not None:
                return next(r for r in self.rows if r.key == key)
        return None

    def _hit(self, pos) -> Any:
        if not self.rect.collidepoint(pos):
            return None
        for r, rr in zip(self.rows, self._row_rects()):
            if rr.collidepoint(pos):
                return r.key
        return None

    def arrow(self, e: pygame.event.Event) -> Row | None:
        """For an Up/Down key press: move the selection and return the row now selected (None otherwise)."""
        if e.type == pygame.KEYDOWN and e.key in (pygame.K_UP, pygame.K_DOWN):
            return self.move(-1 if e.key == pygame.K_UP else 1)
        return None

    def move(self, delta: int) -> Row | None:
        """Select the next/previous row (arrow keys)."""
        if not self.rows:
            return None
        keys = [r.key for r in self.rows]
        k = keys.index(self.selected) + delta if self.selected in keys else 0
        k = max(0, min(len(keys) - 1, k))
        self.selected = keys[k]
        self.ensure_visible(k)
        return self.rows[k]

    # -- drawing -----------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        clip = surface.get_clip()
        surface.set_clip(self.rect)
        for r, rr, tl in zip(self.rows, self._row_rects(), self.title_lines):
            if rr.bottom < self.rect.top or rr.top > self.rect.bottom:
                continue
            bg = "selected" if r.key == self.selected else "panel_alt" if r.key == self.hover or r.marked else "panel"
            pygame.draw.rect(surface, th.color(bg), rr, border_radius=th.sp("radius"))
            if r.marked:
                pygame.draw.rect(surface, th.color("accent"), rr, width=th.px(2), border_radius=th.sp("radius"))
            x = rr.x + self.pad
            y = rr.y + self.pad
            if r.swatch is not None:
                rad = th.px(6)
                if isinstance(r.swatch, tuple) and len(r.swatch) == 2 and isinstance(r.swatch[1], str):
                    draw_marker(surface, r.swatch[1], r.swatch[0], (x + rad, y + self.ft.get_linesize() // 2), rad)
                else:
                    pygame.draw.circle(surface, r.swatch, (x + rad, y + self.ft.get_linesize() // 2), rad)
            x += self.indent
            th_ = tl * self.ft.get_linesize()
            # on the selection's blue, a warning's red is hard to read: the text colour there (the screen says why
            # below the list, in red)
            sel = r.key == self.selected
            tone, detail_tone = ("text" if sel and t == "bad" else t for t in (r.tone, r.detail_tone))
            T.draw_block(surface, r.title, self.ft, th.color(tone), pygame.Rect(x, y, self.text_w, th_), max_lines=tl)
            if r.detail:
                box = pygame.Rect(x, y + th_, self.text_w, rr.bottom - self.pad - y - th_)
                T.draw_block(surface, r.detail, self.fd, th.color(detail_tone), box, self.max_detail_lines)
        surface.set_clip(clip)
        if self.content_h > self.rect.height:
            bar_h = max(th.px(20), self.rect.height * self.rect.height // self.content_h)
            span = self.rect.height - bar_h
            y = self.rect.y + (span * self.scroll // max(1, self.content_h - self.rect.height))
            pygame.draw.rect(surface, th.color("border"), (self.rect.right - th.px(4), y, th.px(4), bar_h),
                             border_radius=th.px(2))

"""Text drawn by hand (outside pygame_gui): word wrap, ellipsis, fitting a font to a box, escaping for HTML text boxes."""
from __future__ import annotations

import html

import pygame


def wrap(text: str, font: pygame.font.Font, width: int) -> list[str]:
    """Lines of `text` no wider than `width` (a word longer than the width is cut by characters)."""
    out: list[str] = []
    for para in str(text).split("\n"):
        words = para.split()
        if not words:
            out.append("")
            continue
        line = ""
        for w in words:
            cand = f"{line} {w}" if line else w
            if font.size(cand)[0] <= width:
                line = cand
                continue
            if line:
                out.append(line)
            while font.size(w)[0] > width and len(w) > 1:
                cut = len(w)
                while cut > 1 and font.size(w[:cut])[0] > width:
                    cut -= 1
                out.append(w[:cut])
                w = w[cut:]
            line = w
        out.append(line)
    return out


def ellipsize(text: str, font: pygame.font.Font, width: int) -> str:
    if font.size(text)[0] <= width:
        return text
    while text and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text + "…" if text else ""


def draw(surface: pygame.Surface, text: str, font: pygame.font.Font, color, pos: tuple[int, int],
         align: str = "left", max_width: int | None = None) -> pygame.Rect:
    """One line of text (cut with an ellipsis to max_width); align left|center|right around pos."""
    if max_width is not None:
        text = ellipsize(text, font, max_width)
    img = font.render(text, True, color)
    r = img.get_rect()
    if align == "center":
        r.midtop = pos
    elif align == "right":
        r.topright = pos
    else:
        r.topleft = pos
    surface.blit(img, r)
    return r


def draw_block(surface: pygame.Surface, text: str, font: pygame.font.Font, color, rect: pygame.Rect,
               max_lines: int | None = None, align: str = "left") -> int:
    """Wrapped text inside rect (never below it: the last visible line ends with … if cut). Returns height used."""
    lines = wrap(text, font, rect.width)
    lh = font.get_linesize()
    fit = max(0, rect.height // lh) if rect.height > 0 else len(lines)
    if max_lines is not None:
        fit = min(fit, max_lines)
    if len(lines) > fit:
        lines = lines[:fit]
        if lines:
            lines[-1] = ellipsize(lines[-1] + " …", font, rect.width)
    y = rect.top
    for ln in lines:
        x = {"center": rect.centerx, "right": rect.right}.get(align, rect.left)
        draw(surface, ln, font, color, (x, y), align)
        y += lh
    return y - rect.top


def whole_sentences(text: str, font: pygame.font.Font, width: int, lines: int) -> str:
    """The longest run of whole sentences of `text` that wraps into `lines` lines ("" if not even the first):
    a short text that leaves out a sentence rather than one cut in the middle."""
    import re

    parts = [p for p in re.split(r"(?<=[.!?])\s+", str(text).strip()) if p]
    out = ""
    for p in parts:
        cand = f"{out} {p}" if out else p
        if len(wrap(cand, font, width)) > lines:
            break
        out = cand
    return out


def block_height(text: str, font: pygame.font.Font, width: int) -> int:
    return len(wrap(text, font, width)) * font.get_linesize()


def fit_size(theme, texts: list[str], width: int, height_per_line: int, start: int, minimum: int,
             bold: bool = False) -> int:
    """The largest pixel size <= start at which every text fits width and a line fits height_per_line."""
    size = start
    while size > minimum:
        f = theme.font(size, bold)
        if f.get_linesize() <= height_per_line and all(f.size(t)[0] <= width for t in texts):
            return size
        size -= 1
    return minimum


SYMBOL_FACE = "fira_code_symbols"    # pygame_gui's bundled symbols font (arrows, dots, ticks Noto Sans lacks)


def esc(text: object) -> str:
    """Text for a pygame_gui HTML text box; arrows and other symbols are set in the symbols font."""
    from .theme import SYMBOLS

    out = html.escape(str(text), quote=False)
    if SYMBOLS.intersection(out):
        out = "".join(f"<font face='{SYMBOL_FACE}'>{ch}</font>" if ch in SYMBOLS else ch for ch in out)
    return out


def hexcolor(c) -> str:
    c = pygame.Color(c)
    return f"#{c.r:02x}{c.g:02x}{c.b:02x}"

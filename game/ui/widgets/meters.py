"""Meters drawn by hand: the stability gauge (0-100), the escalation ladder (0-5) and threat bars."""
from __future__ import annotations

import pygame

from .. import text as T
from ..describe import LADDER
from .markers import draw_marker


def gauge_height(theme, marks: bool = True) -> int:
    """The gauge's height: its title, the bar and (with marks) a line naming each mark below the bar."""
    return (theme.font("body", True).get_linesize() + theme.px(14) + theme.px(4)
            + (theme.font("small").get_linesize() if marks else 0))


def draw_gauge(surface: pygame.Surface, theme, rect: pygame.Rect, label: str, value: float,
               marks: tuple[tuple[float, str], ...] = (), good_high: bool = True) -> None:
    """A labelled horizontal bar for a 0..100 value, with tick marks (e.g. collapse and secure thresholds)."""
    f = theme.font("body", True)
    vr = T.draw(surface, f"{value:.0f} / 100", f, theme.color("text"), (rect.right, rect.y), "right")
    room = rect.width - vr.width - theme.px(8)
    if f.size(label)[0] > room and label.split():
        label = label.split()[-1].capitalize()          # "Regional stability" -> "Stability"
    T.draw(surface, label, f, theme.color("text"), rect.topleft, max_width=room)
    bar = pygame.Rect(rect.x, rect.y + f.get_linesize() + theme.px(2), rect.width, theme.px(14))
    pygame.draw.rect(surface, theme.color("panel_alt"), bar, border_radius=theme.px(3))
    fill = bar.copy()
    fill.width = int(bar.width * max(0.0, min(100.0, value)) / 100.0)
    pygame.draw.rect(surface, theme.level_color(value, good_high), fill, border_radius=theme.px(3))
    fs = theme.font("small")
    placed: list[pygame.Rect] = []
    for at, name in marks:
        x = bar.x + int(bar.width * at / 100.0)
        pygame.draw.line(surface, theme.color("text"), (x, bar.y - theme.px(2)), (x, bar.bottom + theme.px(1)), theme.px(2))
        if not name:
            continue
        for text in (f"{name} {at:.0f}", f"{at:.0f}"):       # the number alone when the name has no room
            r = pygame.Rect(0, bar.bottom + theme.px(2), fs.size(text)[0], fs.get_linesize())
            r.centerx = x
            r.clamp_ip(pygame.Rect(rect.x, r.y, rect.width, r.height))
            if not any(r.colliderect(p.inflate(theme.px(6), 0)) for p in placed):
                T.draw(surface, text, fs, theme.color("muted"), r.topleft)
                placed.append(r)
                break


def ladder_notes(compact: bool, drag: float | None = None) -> list[str]:
    """What the steps mean and cost, in words under the ladder."""
    if compact:
        return ["5 open conflict: the game ends, everybody loses"]
    out = [" · ".join(f"{k} {name}" for k, name in enumerate(LADDER))]
    cost = f"above step 1 each step costs stability {drag:.1f} a turn; " if drag else ""
    out.append(f"Incidents climb it, dialogue and hotlines talk it down; {cost}5 ends the game: everybody loses.")
    return out


def ladder_height(theme, compact: bool = False, width: int | None = None, drag: float | None = None) -> int:
    fs = theme.font("small")
    lines = sum(len(T.wrap(n, fs, width)) if width else 2 for n in ladder_notes(compact, drag))
    return theme.font("body", True).get_linesize() + theme.px(26) + lines * fs.get_linesize() + theme.px(4)


def draw_ladder(surface: pygame.Surface, theme, rect: pygame.Rect, level: float, compact: bool = False,
                drag: float | None = None) -> None:
    """Six steps, 0 calm .. 5 open conflict; the current step filled and named, and under them what the steps mean
    and cost (compact: only that the top step ends the game)."""
    f, fs = theme.font("body", True), theme.font("small")
    cur = max(0, min(5, int(round(level))))
    vr = T.draw(surface, f"{cur} · {LADDER[cur]}", f, theme.ladder_color(cur), (rect.right, rect.y), "right",
                max_width=rect.width * 2 // 3)
    room = rect.width - vr.width - theme.px(8)
    T.draw(surface, "Escalation ladder" if f.size("Escalation ladder")[0] <= room else "Ladder", f, theme.color("text"),
           rect.topleft, max_width=room)
    y = rect.y + f.get_linesize() + theme.px(2)
    gap = theme.px(3)
    w = (rect.width - 5 * gap) // 6
    for k in range(6):
        box = pygame.Rect(rect.x + k * (w + gap), y, w, theme.px(24))
        col = theme.ladder_color(k)
        if k <= cur:
            pygame.draw.rect(surface, col, box, border_radius=theme.px(3))
        else:
            pygame.draw.rect(surface, theme.color("panel_alt"), box, border_radius=theme.px(3))
            pygame.draw.rect(surface, col, box, width=theme.px(2), border_radius=theme.px(3))
        if k == cur:
            pygame.draw.rect(surface, theme.color("text"), box.inflate(theme.px(4), theme.px(4)), width=theme.px(2),
                             border_radius=theme.px(4))
        txt = theme.color("bg") if k <= cur else theme.color("muted")
        T.draw(surface, str(k), fs, txt, (box.centerx, box.centery - fs.get_linesize() // 2), "center")
    y += theme.px(26)
    for note in ladder_notes(compact, drag):
        for line in T.wrap(note, fs, rect.width):
            T.draw(surface, line, fs, theme.color("muted"), (rect.x, y), max_width=rect.width)
            y += fs.get_linesize()


def _threat_cols(theme, width: int) -> int:
    return 2 if width > 2 * theme.font("small").size("Piracy and mar 100")[0] + theme.px(60) else 1


def threats_height(theme, n: int, width: int, title: bool = True) -> int:
    cols = _threat_cols(theme, width)
    rows = (n + cols - 1) // cols
    head = theme.font("body", True).get_linesize() if title else 0
    return head + rows * (theme.font("small").get_linesize() + theme.px(3))


def draw_threats(surface: pygame.Surface, theme, rect: pygame.Rect, threats: list[tuple],
                 title: bool = True) -> None:
    """A bar per threat (0..100, higher is worse), in two columns when there is room. Each threat is
    (name, value) or (name, value, short): the short label stands in when the name would be cut (a large UI scale)."""
    f, fs = theme.font("body", True), theme.font("small")
    if title:
        T.draw(surface, "Threats", f, theme.color("text"), rect.topleft, max_width=rect.width)
    cols = _threat_cols(theme, rect.width)
    gap = theme.px(10)
    cw = (rect.width - gap * (cols - 1)) // cols
    rh = fs.get_linesize() + theme.px(3)
    y0 = rect.y + (f.get_linesize() if title else 0)
    rows = (len(threats) + cols - 1) // cols
    for k, (name, value, *short) in enumerate(threats):
        c, r = divmod(k, rows)
        x, y = rect.x + c * (cw + gap), y0 + r * rh
        label_w = cw * 11 // 20
        if short and fs.size(name)[0] > label_w - theme.px(4):
            name = short[0]
        T.draw(surface, name, fs, theme.color("muted"), (x, y), max_width=label_w - theme.px(4))
        bar = pygame.Rect(x + label_w, y + rh // 4, cw - label_w - theme.px(30), max(2, rh // 2))
        pygame.draw.rect(surface, theme.color("panel_alt"), bar)
        fill = bar.copy()
        fill.width = int(bar.width * max(0.0, min(100.0, value)) / 100.0)
        pygame.draw.rect(surface, theme.level_color(value, good_high=False), fill)
        T.draw(surface, f"{value:.0f}", fs, theme.color("text"), (x + cw, y), "right")


def table_size(theme, rect: pygame.Rect, headers: list[str], rows: list[tuple], first_width: float = 0.34) -> int:
    """The font size draw_table gives its cells: the largest up to the body's at which every cell fits its column."""
    line_h = max(1, rect.height // max(1, len(rows) + 1))
    texts = headers + [c for _, cells, _ in rows for c in cells[1:]]
    first_w = int(rect.width * first_width)
    col_w = (rect.width - first_w) // max(1, len(headers) - 1)
    return T.fit_size(theme, texts, col_w - theme.px(4), line_h, theme.size("body"), theme.spacing["min_font"])


def draw_table(surface: pygame.Surface, theme, rect: pygame.Rect, headers: list[str], rows: list[tuple],
               first_width: float = 0.34) -> int:
    """A compact table; rows are (swatch colour, [cells], bold?). The font shrinks until every row fits.
    Returns the y just below the last row."""
    n = len(rows) + 1
    line_h = max(1, rect.height // max(1, n))
    first_w = int(rect.width * first_width)
    col_w = (rect.width - first_w) // max(1, len(headers) - 1)
    size = table_size(theme, rect, headers, rows, first_width)
    names = [cells[0] for _, cells, _ in rows]
    name_size = T.fit_size(theme, names, first_w - theme.px(20), line_h, size, theme.spacing["min_font"], bold=True)
    f, fb, fn = theme.font(size), theme.font(size, True), theme.font(name_size, True)
    lh = min(line_h, int(f.get_linesize() * 1.35))
    y = rect.y
    T.draw(surface, headers[0], fb, theme.color("muted"), (rect.x, y), max_width=first_w)
    for c, h in enumerate(headers[1:]):
        T.draw(surface, h, fb, theme.color("muted"), (rect.x + first_w + (c + 1) * col_w, y), "right", max_width=col_w)
    y += lh
    for k, (swatch, cells, bold) in enumerate(rows):
        if y + f.get_linesize() > rect.bottom + 1:
            break
        if k % 2 == 0:
            pygame.draw.rect(surface, theme.color("panel_alt"), (rect.x - theme.px(2), y, rect.width + theme.px(4), lh))
        rad = max(2, min(theme.px(6), lh // 3))
        if isinstance(swatch, tuple) and len(swatch) == 2 and isinstance(swatch[1], str):
            draw_marker(surface, swatch[1], swatch[0], (rect.x + rad + 1, y + lh // 2), rad)    # (colour, shape)
        else:
            pygame.draw.circle(surface, swatch, (rect.x + rad + 1, y + lh // 2), rad)
        T.draw(surface, cells[0], fn, theme.color("text"), (rect.x + 2 * rad + theme.px(6), y + (lh - fn.get_linesize()) // 2),
               max_width=first_w - 2 * rad - theme.px(8))
        for c, v in enumerate(cells[1:]):
            T.draw(surface, v, fb if bold else f, theme.color("text"),
                   (rect.x + first_w + (c + 1) * col_w, y + (lh - f.get_linesize()) // 2), "right", max_width=col_w)
        y += lh
    return y

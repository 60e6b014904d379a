"""Exporting a game: one self-contained HTML report (charts as embedded PNG), a CSV per turn and nation, the JSON history.

Also the debrief's figures, drawn with game.runner.charts onto any pygame Surface (the screens use them too):
a line chart or a fan chart under a title and a legend that wraps, and a trust matrix. Every file is written
atomically; a folder that cannot be written raises ExportError with a one-line message.
"""
from __future__ import annotations

import base64
import dataclasses
import html
import io
import json
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
import pygame

from game.fileio import atomic_write_text
from game.fileio import csv_text as csv_rows
from game.runner import analysis, charts
from game.runner.headless import Game
from game.sim import readings
from game.sim.defs import STOCKS
from game.sim.scoring import ranking

Color = tuple[int, int, int]
OKABE_ITO = [(230, 159, 0), (86, 180, 233), (0, 158, 115), (240, 228, 66), (0, 114, 178), (213, 94, 0),
             (204, 121, 167), (120, 120, 120)]
OUTCOME_COLORS = {"secure": (0, 158, 115), "fragile": (230, 159, 0), "conflict": (213, 94, 0)}
OUTCOME_WORDS = {
    "secure": "Secure: the region held together - stable and calm.",
    "fragile": "Fragile: no war, but the region ends tense or unstable.",
    "conflict": "Conflict: the region collapsed into open conflict - everybody lost.",
}
FILES = ("report.html", "turns.csv", "history.json")


class ExportError(Exception):
    """A report that cannot be written; str() is one line naming the folder and the reason."""


# -- figures: drawn onto any Surface -----------------------------------------------------------------
def _legend(surf: pygame.Surface, rect: pygame.Rect, items: Sequence[tuple[str, Color]], font: pygame.font.Font,
            fg: Color, draw: bool = True) -> int:
    """A legend that wraps onto as many lines as it needs: a colour swatch, then the name. Returns its height."""
    lh = font.get_linesize()
    sw, gap = max(10, lh), max(6, lh // 2)
    x, y = rect.x, rect.y
    for name, col in items:
        w = sw + 4 + font.size(name)[0]
        if x > rect.x and x + w > rect.right:
            x, y = rect.x, y + lh
        if draw:
            pygame.draw.rect(surf, col, (x, y + lh // 2 - max(2, lh // 6), sw, max(4, lh // 3)))
            surf.blit(font.render(name, True, fg), (x + sw + 4, y))
        x += w + gap
    return (y - rect.y + lh) if items else 0


def _chart_below(surf: pygame.Surface, rect: pygame.Rect, style: charts.Style,
                 draw: Callable[[pygame.Surface, pygame.Rect], None]) -> None:
    """A charts.* chart drawn with an empty title, its top line (title and one-line legend) cut off."""
    if rect.width < 40 or rect.height < 40:
        return
    crop = 7 + charts.font(max(10, style.font_size - 4)).get_height()
    tmp = pygame.Surface((rect.width, rect.height + crop))
    draw(tmp, tmp.get_rect())
    surf.blit(tmp, rect.topleft, pygame.Rect(0, crop, rect.width, rect.height))


def _head(surf, rect, title, items, style, font, title_font=None) -> pygame.Rect:
    pygame.draw.rect(surf, style.bg, rect)
    pad = max(4, font.get_linesize() // 4)
    x, y = rect.x + pad, rect.y + pad
    tf = title_font or font
    if title:
        surf.blit(tf.render(title, True, style.fg), (x, y))
        y += tf.get_linesize()
    if items:
        y += _legend(surf, pygame.Rect(x, y, rect.width - 2 * pad, rect.height), items, font, style.muted)
    return pygame.Rect(rect.x, y, rect.width, rect.bottom - y)


def lines_figure(surf: pygame.Surface, rect: pygame.Rect, title: str, series: Mapping[str, Sequence[float]],
                 ylo: float, yhi: float, style: charts.Style, colors: Mapping[str, Color], font: pygame.font.Font,
                 legend: bool = True, title_font: pygame.font.Font | None = None) -> None:
    """charts.line_chart under a title and a wrapping legend (its own legend is one line that runs off the chart)."""
    items = [(name, colors.get(name, style.palette[k % len(style.palette)])) for k, name in enumerate(series)]
    body = _head(surf, rect, title, items if legend else [], style, font, title_font)
    _chart_below(surf, body, style, lambda s, r: charts.line_chart(s, r, "", dict(series), ylo, yhi, style, dict(colors)))


def fan_figure(surf: pygame.Surface, rect: pygame.Rect, title: str, bands: Sequence[Sequence[float]],
               actual: Sequence[float], runs: int, style: charts.Style, color: Color, font: pygame.font.Font,
               title_font: pygame.font.Font | None = None, line: Color | None = None) -> None:
    """charts.fan_chart of stability over the computer runs, with the class's own game drawn over it (in `line`,
    default the style's text colour)."""
    light = tuple(int(c + (255 - c) * 0.75) for c in color)
    mid = tuple(int(c + (255 - c) * 0.45) for c in color)
    line = line or style.fg
    items = [("this game", line), (f"median of {runs} computer games", color), ("middle half", mid),
             ("9 in 10 games", light)]
    body = _head(surf, rect, title, items, style, font, title_font)
    fan_style = dataclasses.replace(style, fg=line)
    _chart_below(surf, body, style, lambda s, r: charts.fan_chart(s, r, "", bands, 0, 100, fan_style, color, actual))


def outcome_figure(surf: pygame.Surface, rect: pygame.Rect, title: str, rates: Mapping[str, float],
                   style: charts.Style, font: pygame.font.Font, title_font: pygame.font.Font | None = None) -> None:
    body = _head(surf, rect, title, [], style, font, title_font)
    bars = {k: round(100 * v) for k, v in rates.items()}
    _chart_below(surf, body, style, lambda s, r: charts.bar_chart(s, r, "", bars, 100, style, OUTCOME_COLORS, "{:g}%"))


def trust_colour(t: float, low: Color = (213, 94, 0), mid: Color = (153, 153, 153), high: Color = (86, 180, 233)) -> Color:
    """Low trust orange, 0.5 grey, high blue (readable for colour-blind viewers)."""
    t = max(0.0, min(1.0, float(t)))
    a, b, f = (low, mid, t / 0.5) if t < 0.5 else (mid, high, (t - 0.5) / 0.5)
    return tuple(int(a[k] + (b[k] - a[k]) * f) for k in range(3))  # type: ignore[return-value]


def trust_figure(surf: pygame.Surface, rect: pygame.Rect, title: str, matrix: Sequence[Sequence[float]],
                 names: Sequence[str], style: charts.Style, font: pygame.font.Font,
                 colour: Callable[[float], Color] = trust_colour, small: pygame.font.Font | None = None,
                 title_font: pygame.font.Font | None = None) -> pygame.Rect:
    """A heat map: row nation's trust in the column nation, 0..1 (values written in when the cells are big enough).
    Returns the rect of the cells."""
    small = small or font
    body = _head(surf, rect, title, [], style, font, title_font)
    n = len(names)
    if n == 0 or body.height < 20:
        return pygame.Rect(body.x, body.y, 0, 0)
    short = short_names(names)
    pad = max(4, font.get_linesize() // 4)
    rows, cols = short, short
    label_w = max(small.size(s)[0] for s in rows) + 8
    cell = max(4, min((body.width - label_w - 2 * pad) // n, (body.height - small.get_linesize() - pad) // n))
    if max(small.size(s)[0] for s in cols) + 2 > cell:       # columns too narrow for names: numbers, rows say which
        cols = [str(k + 1) for k in range(n)]
        rows = [f"{k + 1} {s}" for k, s in enumerate(short)]
        label_w = max(small.size(s)[0] for s in rows) + 8
        cell = max(4, min((body.width - label_w - 2 * pad) // n, (body.height - small.get_linesize() - pad) // n))
    x0, y0 = body.x + pad + label_w, body.y + small.get_linesize()
    for j, s in enumerate(cols):
        img = small.render(s, True, style.muted)
        surf.blit(img, (x0 + j * cell + (cell - img.get_width()) // 2, body.y))
    show = small.size("0.00")[0] + 4 <= cell and small.get_linesize() <= cell
    for i in range(n):
        img = small.render(rows[i], True, style.muted)
        surf.blit(img, (body.x + pad, y0 + i * cell + (cell - img.get_height()) // 2))
        for j in range(n):
            r = pygame.Rect(x0 + j * cell, y0 + i * cell, cell - 1, cell - 1)
            if i == j:
                pygame.draw.rect(surf, style.grid, r)
                continue
            c = colour(matrix[i][j])
            pygame.draw.rect(surf, c, r)
            if show:
                dark = (c[0] * 299 + c[1] * 587 + c[2] * 114) / 1000 > 140
                txt = small.render(f"{matrix[i][j]:.2f}"[1:] if matrix[i][j] < 1 else "1.0", True,
                                   (20, 20, 20) if dark else (245, 245, 245))
                surf.blit(txt, (r.centerx - txt.get_width() // 2, r.centery - txt.get_height() // 2))
    return pygame.Rect(x0, y0, n * cell, n * cell)


def short_names(names: Sequence[str]) -> list[str]:
    """Labels of a few letters that tell the nations apart: 'Aur', 'Bor' ... or 'N0', 'N10' for 'Nation 0', 'Nation 10'."""
    def initials(name: str) -> str:
        words = name.split()
        return "".join(w[0] for w in words if not w.isdigit()) + "".join(w for w in words if w.isdigit())
    for labels in ([n[:3] for n in names], [initials(n) for n in names]):
        if len(set(labels)) == len(labels) and all(labels):
            return labels
    return [str(k + 1) for k in range(len(names))]


def distinct(colors: Sequence[Color]) -> list[Color]:
    """The colours as given when they tell every nation apart; otherwise evenly spaced hues (a scenario without
    colours gives every nation the same grey, and a palette of 8 repeats with more nations)."""
    if len(set(colors)) == len(colors):
        return list(colors)
    out = []
    for k in range(len(colors)):
        c = pygame.Color(0)
        c.hsva = ((k * 360.0 / max(1, len(colors)) + 25) % 360, 70, 90 if k % 2 == 0 else 70, 100)
        out.append((c.r, c.g, c.b))
    return out


# -- what a report holds --------------------------------------------------------------------------------
def nation_colors(sc, colorblind: bool = False) -> list[Color]:
    if colorblind and sc.n <= len(OKABE_ITO):
        return [OKABE_ITO[k] for k in range(sc.n)]
    return distinct([tuple(nd.color) for nd in sc.nations])


def codex_prompts(history) -> list[dict]:
    """The codex entries of the concepts this game touched (most often first), each with its discussion prompt."""
    from game.content.loader import codex

    entries = {c["id"]: c for c in codex() if isinstance(c, dict) and "id" in c}
    return [entries[c] for c in analysis.concepts_touched(history) if c in entries and entries[c].get("prompt")]


def ni_range(values: Sequence[float]) -> tuple[float, float]:
    lo, hi = min(values, default=0.0), max(values, default=100.0)
    lo, hi = max(0.0, (int(lo) // 10) * 10.0), min(100.0, (int(hi) // 10 + 1) * 10.0)
    return (lo, hi) if hi > lo else (0.0, 100.0)


def upper(values: Sequence[float], step: float = 10.0) -> float:
    top = max(values, default=0.0)
    return max(step, (int(top / step) + 1) * step)


@dataclass
class Seats:
    """Who played each nation: human or the computer (and its doctrine)."""
    human: dict[int, bool]
    doctrine: dict[int, str]

    @classmethod
    def of(cls, seats: Mapping[int, Any] | None, game: Game) -> Seats:
        if not seats:
            return cls({k: False for k in range(game.scenario.n)}, dict(game.doctrines))
        human, doctrine = {}, {}
        for k, s in seats.items():
            human[k] = bool(s["human"] if isinstance(s, dict) else s.human)
            doctrine[k] = str(s["doctrine"] if isinstance(s, dict) else s.doctrine)
        return cls(human, doctrine)


# -- PNG, CSV, JSON, HTML -----------------------------------------------------------------------------
def png_bytes(draw: Callable[[pygame.Surface, pygame.Rect], None], size: tuple[int, int]) -> bytes:
    """Like charts.save_png, into memory: draw(surface, rect) on an off-screen Surface, encoded as PNG."""
    if not pygame.font.get_init():
        pygame.font.init()
    surf = pygame.Surface(size)
    draw(surf, surf.get_rect())
    buf = io.BytesIO()
    pygame.image.save(surf, buf, "chart.png")
    return buf.getvalue()


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def csv_text(game: Game) -> str:
    """One row per turn played and nation: the nation's stocks, militarization and National Interest at the end of
    the turn, and the region's stability, escalation and trade at the same moment."""
    sc = game.scenario
    rows = []
    for t in range(1, len(game.history.reports) + 1):
        st = game.history.states[t]
        ni = readings.national_interests(st)
        region = [readings.stability(st), readings.ladder_step(st), readings.trade(st)]
        for k, nd in enumerate(sc.nations):
            rows.append([t, nd.id, nd.name, *(round(float(st.v[s][k]), 3) for s in STOCKS),
                         round(float(st.v["militarization"][k]), 3), ni[nd.id], *region])
    header = ["turn", "nation", "name", *STOCKS, "militarization", "national_interest", "stability", "escalation", "trade"]
    return csv_rows(header, rows, lineterminator="\n")   # names that look like formulas are neutralised


def json_text(game: Game) -> str:
    return json.dumps(game.to_dict(), sort_keys=True, separators=(",", ":"))


E = html.escape

CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;
 color:#1e2228;line-height:1.45}
h1{margin-bottom:.2em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:1.8em}
table{border-collapse:collapse;margin:.6em 0}td,th{padding:.25em .6em;border:1px solid #ddd;text-align:right}
td:first-child,th:first-child{text-align:left}.muted{color:#666}.big{font-size:1.6em;font-weight:bold}
.secure{color:#00805c}.fragile{color:#b87c00}.conflict{color:#c0392b}img{max-width:100%;height:auto;display:block;margin:.6em 0}
.bar{display:inline-block;height:.8em;background:#0072b2;vertical-align:middle}
.swatch{display:inline-block;width:.8em;height:.8em;margin-right:.4em;vertical-align:middle}
.trust td{width:3.2em;text-align:center;font-size:.85em}.grid{display:flex;flex-wrap:wrap;gap:1.5em}
li{margin:.35em 0}
"""


def _rgb(c: Sequence[int]) -> str:
    return f"#{int(c[0]):02x}{int(c[1]):02x}{int(c[2]):02x}"


def html_report(game: Game, seats: Mapping[int, Any] | None = None, whatif: Any = None, colorblind: bool = False,
                title: str | None = None) -> str:
    """The debrief as one HTML file that needs nothing else: no scripts, no links, charts as data: PNGs."""
    sc, hist, st = game.scenario, game.history, game.state
    who = Seats.of(seats, game)
    names = [nd.name for nd in sc.nations]
    cols = nation_colors(sc, colorblind)
    s = analysis.series(hist)
    played = len(hist.reports)
    style = charts.Style(font_size=24)
    f = charts.font(26)
    size = (960, 400)
    out = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{E(title or sc.name)} - debrief</title>",
           f"<style>{CSS}</style></head><body>"]
    out.append(f"<h1>{E(title or sc.name)}</h1>")
    result = st.outcome if st.over else None
    out.append(f"<p class='muted'>Scenario {E(sc.name)} · seed {game.seed} · {played} of {sc.turns} turns played"
               f"{'' if st.over else ' (the game is still going)'}</p>")
    if result:
        out.append(f"<p class='big {E(result)}'>{E(result.capitalize())}</p><p>{E(OUTCOME_WORDS.get(result, ''))}</p>")
    else:
        out.append(f"<p>Stability {s['stability'][-1]:.1f} / 100, escalation ladder at {s['escalation'][-1]}.</p>")

    # ranking
    idx = {nd.id: k for k, nd in enumerate(sc.nations)}
    out.append("<h2>National Interest ranking</h2><table><tr><th>Nation</th><th>Seat</th><th>Start</th><th>End</th></tr>")
    for rank, (nid, score) in enumerate(ranking(st), 1):
        k = idx[nid]
        seat = "human team" if who.human.get(k) else f"computer ({who.doctrine.get(k, '')})"
        out.append(f"<tr><td><span class='swatch' style='background:{_rgb(cols[k])}'></span>{rank}. {E(names[k])}</td>"
                   f"<td>{E(seat)}</td><td>{s['ni'][nid][0]:.1f}</td><td>{score:.1f}</td></tr>")
    out.append("</table>")

    # charts
    out.append("<h2>The game in charts</h2><p class='muted'>Values at the start of every turn; the last point is "
               "the end of the last turn played.</p>")
    ni_series = {names[k]: s["ni"][nd.id] for k, nd in enumerate(sc.nations)}
    ni_cols = {names[k]: cols[k] for k in range(sc.n)}
    figs = [
        ("Regional stability (0-100)", lambda sf, r: lines_figure(sf, r, "Regional stability", {"stability": s["stability"]},
                                                                 0, 100, style, {"stability": (0, 114, 178)}, f, False)),
        ("Escalation ladder (0 calm - 5 open conflict)",
         lambda sf, r: lines_figure(sf, r, "Escalation ladder", {"escalation": s["escalation"]}, 0, 5, style,
                                    {"escalation": (213, 94, 0)}, f, False)),
        ("Regional trade", lambda sf, r: lines_figure(sf, r, "Regional trade", {"trade": s["trade"]}, 0,
                                                      upper(s["trade"]), style, {"trade": (0, 158, 115)}, f, False)),
        ("National Interest of every nation",
         lambda sf, r: lines_figure(sf, r, "National Interest", ni_series, *ni_range([v for vs in ni_series.values() for v in vs]),
                                    style, ni_cols, f)),
    ]
    for alt, draw in figs:
        out.append(f"<img alt='{E(alt)}' src='{data_uri(png_bytes(draw, size))}'>")

    # what if
    if whatif is not None and whatif.done:
        rates = whatif.rates()
        out.append(f"<h2>What else could have happened</h2><p>From the start of turn {whatif.from_turn}, the same game "
                   f"was played on {whatif.done} times by computer nations (seed {whatif.seed}).</p>")
        bands = whatif.bands()
        png = png_bytes(lambda sf, r: fan_figure(sf, r, "Stability: this game against the computer games", bands,
                                                 s["stability"], whatif.done, style, (0, 114, 178), f), size)
        out.append(f"<img alt='stability fan chart' src='{data_uri(png)}'>")
        out.append("<table><tr><th>Outcome</th><th>Computer games</th></tr>")
        for o, v in rates.items():
            mark = " ← this game" if result == o else ""
            out.append(f"<tr><td class='{o}'>{o}</td><td>{100 * v:.0f}%{E(mark)}</td></tr>")
        out.append("</table>")

    # turning points
    out.append("<h2>Turning points</h2><ul>")
    for p in analysis.turning_points(hist):
        why = "; ".join(f"{E(c['cause'])} ({c['delta']:+.3g})" for c in p["causes"]) or "no single cause"
        ev = f" Events: {E(', '.join(p['events']))}." if p["events"] else ""
        out.append(f"<li><b>Turn {p['turn']}: {E(p['value'])} {p['change']:+.3g}</b>. Because of: {why}.{ev}</li>")
    out.append("</ul>")

    # burden sharing
    out.append("<h2>Burden-sharing</h2><p class='muted'>Contributions to each organization over the game against "
               "what it expected; free-rider index 0 = carried its share, 1 = gave nothing.</p>")
    for org in analysis.burden_sharing(hist):
        out.append(f"<h3>{E(org['name'])} <span class='muted'>({E(org['kind'].replace('_', ' '))}, cohesion "
                   f"{org['cohesion']:.2f})</span></h3><table><tr><th>Member</th><th>Given</th><th>Expected</th>"
                   "<th>Share</th><th>Free-rider index</th></tr>")
        for m in org["members"]:
            k = idx[m["nation"]]
            share = 1.0 - m["free_rider"]
            out.append(f"<tr><td>{E(names[k])}</td><td>{m['given']:g}</td><td>{m['expected']:g}</td>"
                       f"<td><span class='bar' style='width:{share * 6:.2f}em'></span> {100 * share:.0f}%</td>"
                       f"<td>{m['free_rider']:.2f}</td></tr>")
        out.append("</table>")

    # trust
    out.append("<h2>Trust at the start and at the end</h2><p class='muted'>Each row's trust in each column's nation "
               "(0 none, 1 complete).</p><div class='grid'>")
    for label, m in (("Start", analysis.trust_matrix(hist, 1)), ("End" if st.over else "Now", analysis.trust_matrix(hist))):
        out.append(f"<div><h3>{label}</h3><table class='trust'><tr><th></th>")
        out.extend(f"<th title='{E(n)}'>{E(a)}</th>" for n, a in zip(names, short_names(names)))
        out.append("</tr>")
        for i, row in enumerate(m):
            out.append(f"<tr><th>{E(names[i])}</th>")
            for j, v in enumerate(row):
                if i == j:
                    out.append("<td style='background:#eee'></td>")
                else:
                    out.append(f"<td style='background:{_rgb(trust_colour(v))}'>{v:.2f}</td>")
            out.append("</tr>")
        out.append("</table></div>")
    out.append("</div>")

    # prompts
    out.append("<h2>For discussion</h2>")
    if sc.discussion:
        out.append("<h3>This scenario</h3><ul>" + "".join(f"<li>{E(q)}</li>" for q in sc.discussion) + "</ul>")
    entries = codex_prompts(hist)
    if entries:
        out.append("<h3>Concepts this game touched</h3><ul>")
        for c in entries:
            out.append(f"<li><b>{E(c.get('title', c['id']))}</b> <span class='muted'>(source: "
                       f"{E(c.get('source_section', ''))})</span><br>{E(c['prompt'])}</li>")
        out.append("</ul>")
    out.append("<p class='muted'>Made by Regional Accord. The full history is in history.json, the numbers per turn "
               "and nation in turns.csv.</p></body></html>")
    return "".join(out)


# -- writing ----------------------------------------------------------------------------------------------
def write_report(game: Game, out_dir: str | Path, seats: Mapping[int, Any] | None = None, whatif: Any = None,
                 colorblind: bool = False) -> list[Path]:
    """report.html, turns.csv and history.json in out_dir (created if needed); ExportError if it cannot be written."""
    out = Path(out_dir)
    texts = {"report.html": html_report(game, seats, whatif, colorblind), "turns.csv": csv_text(game),
             "history.json": json_text(game)}      # made before any folder exists: a failure leaves nothing behind
    if out.exists() and not out.is_dir():
        raise ExportError(f"cannot write to {out}: it is a file, not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise ExportError(f"cannot write to {out}: part of its path is a file, not a folder") from None
    except OSError as exc:
        raise ExportError(f"cannot write to {out}: {exc.strerror or exc}") from None
    paths = []
    for name in FILES:
        p = out / name
        try:
            atomic_write_text(p, texts[name])
        except OSError as exc:
            raise ExportError(f"cannot write {p}: {exc.strerror or exc}") from None
        paths.append(p)
    return paths


def load_game(path: str | Path, scenario: str | Path | None = None) -> tuple[Game, dict[int, dict]]:
    """A saved game (game/content/saves.py), or a history `run --out` wrote (its scenario: `scenario`, else the
    shipped one of its id), as a Game and its seats; saves.SaveError (one line) if it is damaged."""
    from game.content import histories

    r = histories.load_any(Path(path), scenario)
    sc = r.scenario
    seats = {sc.nation_index(nid): dict(s) for nid, s in r.seats.items()}
    return Game.restore(sc, r.seed, {k: s["doctrine"] for k, s in seats.items()}, r.history), seats

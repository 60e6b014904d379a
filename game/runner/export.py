"""Exporting a game: report.html (self-contained, charts as embedded PNG), turns.csv and history.json in a folder.

The entry point the CLI's `report SAVE --out DIR` and the debrief's Export call; the work is done elsewhere:
reportdata.py (what the report shows), htmlreport.py (Jinja2 templates in game/data/templates/), figures.py (the
charts, the only part that imports pygame), palette.py (colours), datafiles.py (CSV, JSON), saved.py (loading a
save). Every file is written atomically; a folder that cannot be written raises ExportError with a one-line message.
The figure functions the screens use (lines_figure ...) are still reachable here, imported only when first asked
for, so that importing this module does not load pygame.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from markupsafe import escape

from game.fileio import atomic_write_text
from game.runner import htmlreport, reportdata
from game.runner.datafiles import csv_text, json_text
from game.runner.headless import Game
from game.runner.palette import OKABE_ITO, OUTCOME_COLORS, Color, distinct, nation_colors, trust_colour
from game.runner.reportdata import OUTCOME_WORDS, Seats, codex_prompts, ni_range, short_names, upper
from game.runner.saved import load_game, load_saved

__all__ = ["FILES", "OKABE_ITO", "OUTCOME_COLORS", "OUTCOME_WORDS", "Color", "E", "ExportError", "Seats",
           "codex_prompts", "csv_text", "distinct", "html_report", "json_text", "load_game", "load_saved", "nation_colors",
           "ni_range", "short_names", "trust_colour", "upper", "write_report"]

FILES = ("report.html", "turns.csv", "history.json")
FIGURES = ("lines_figure", "fan_figure", "outcome_figure", "trust_figure", "png_bytes", "data_uri")   # game.runner.figures


class ExportError(Exception):
    """A report that cannot be written; str() is one line naming the folder and the reason."""


def E(text: object) -> str:
    """`text` as the report's HTML shows it (the templates' own escaping)."""
    return str(escape(text))


def __getattr__(name: str) -> Any:
    if name in FIGURES:
        from game.runner import figures

        return getattr(figures, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def html_report(game: Game, seats: Mapping[int, Any] | None = None, whatif: Any = None, colorblind: bool = False,
                title: str | None = None, negotiation: Mapping[str, Any] | None = None, private: bool = False) -> str:
    """The debrief as one HTML file that needs nothing else: no scripts, no links, charts as data: PNGs.
    `negotiation`: the session's as saved (every proposal for the Promises archive; without it, the agreements);
    `private`: private deals with their terms (the facilitator's copy; else they are left out)."""
    from game.runner import figures

    data = reportdata.build(game, seats, whatif, colorblind, title, negotiation, private)
    charts, fan = figures.images(data)
    return htmlreport.render(data, charts, fan)


def _folder(out: Path) -> None:
    """`out` made a folder (with its parents), or ExportError saying why it cannot be."""
    if out.exists() and not out.is_dir():
        raise ExportError(f"cannot write to {out}: it is a file, not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise ExportError(f"cannot write to {out}: part of its path is a file, not a folder") from None
    except OSError as exc:
        raise ExportError(f"cannot write to {out}: {exc.strerror or exc}") from None


def write_report(game: Game, out_dir: str | Path, seats: Mapping[int, Any] | None = None, whatif: Any = None,
                 colorblind: bool = False, negotiation: Mapping[str, Any] | None = None,
                 private: bool = False) -> list[Path]:
    """report.html, turns.csv and history.json in out_dir (created if needed); ExportError if it cannot be written.
    history.json holds the agreements (each state's running ones, each report's checks); the proposals and answers
    that `negotiation` adds show in report.html's Promises archive (the private ones only when `private`: the report
    is one a class may see, history.json the facilitator's whole record)."""
    out = Path(out_dir)
    texts = {"report.html": html_report(game, seats, whatif, colorblind, negotiation=negotiation, private=private),
             "turns.csv": csv_text(game),
             "history.json": json_text(game)}      # made before any folder exists: a failure leaves nothing behind
    _folder(out)
    paths = []
    for name in FILES:
        p = out / name
        try:
            atomic_write_text(p, texts[name])
        except OSError as exc:
            raise ExportError(f"cannot write {p}: {exc.strerror or exc}") from None
        paths.append(p)
    return paths

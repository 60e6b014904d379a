"""The debrief report as one HTML page, rendered with Jinja2 from the templates in game/data/templates/.

Every value is escaped on the way in (autoescape), so a scenario or nation called `<script>` shows as text; a name a
template uses that the report does not have is an error (StrictUndefined), not an empty cell. What the page shows
is game.runner.reportdata's Report; its pictures come in as data: URIs (game.runner.figures draws them).
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

import jinja2

from game.data import TEMPLATES
from game.runner.palette import CSS
from game.runner.reportdata import Report


def environment(folder: Path = TEMPLATES) -> jinja2.Environment:
    """The report's Jinja2 environment over the templates in `folder` (the shipped ones unless a test gives others)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True)   # each section its own lines in the page
    env.filters["fmt"] = format          # {{ x|fmt('.1f') }}: Python's format spec, as the CSV and the screens use
    env.globals["css"] = CSS
    return env


@cache
def _shipped() -> jinja2.Environment:
    return environment()


def render(report: Report, charts: Sequence[str], fan: str | None,
           env: jinja2.Environment | None = None) -> str:
    """report.html of `report`: `charts` are the data: URIs of report.charts (in order), `fan` the what-if's."""
    if len(charts) != len(report.charts):
        raise ValueError(f"{len(charts)} pictures for {len(report.charts)} charts")
    page = (env or _shipped()).get_template("report.html")
    return page.render(r=report, charts=list(zip(report.charts, charts)), fan=fan)

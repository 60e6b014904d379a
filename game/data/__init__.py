"""Where the game's own files are: its package data (scenarios, ruleset, par, schema, theme, report templates) and its
clone, if any.

The data is found through importlib.resources, so it is the same in a clone, an editable install and a wheel. Dev
tools that rewrite files of the repository (docs/catalog.md, docs/authoring.md's reference) need `checkout()`, which
is None for an installed package: nothing is ever written into site-packages.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path


def _root() -> Path:
    root = resources.files(__name__)
    if not isinstance(root, Path):   # e.g. imported from a zip archive: the loader needs real files (extends, globs)
        raise RuntimeError(f"Regional Accord's data must be installed as files, not read from {root}")
    return root.resolve()


DATA = _root()
SCENARIOS = DATA / "scenarios"        # the shipped scenarios (*.yaml), base/ (catalog, codex), par/, the JSON Schema
ASSETS = DATA / "assets"              # theme.json
TEMPLATES = DATA / "templates"        # the HTML report's Jinja2 templates and stylesheet (game/runner/htmlreport.py)
PACKAGE = DATA.parent                 # the game package itself (its source is hashed by the caches)


def checkout() -> Path | None:
    """The source checkout this package sits in (a clone: pyproject.toml and docs/ beside game/), else None."""
    top = PACKAGE.parent
    return top if (top / "pyproject.toml").is_file() and (top / "docs").is_dir() else None


def shipped(name: str) -> Path | None:
    """The shipped scenario called `name` ('meridian' or 'meridian.yaml'), if there is one."""
    stem = name.removesuffix(".yaml")
    if not stem or not stem.replace("_", "").replace("-", "").isalnum():
        return None
    p = SCENARIOS / f"{stem}.yaml"
    return p if p.is_file() else None


def scenario_path(name: str) -> Path | None:
    """What a command's or tool's SCENARIO names: the path, if anything is there (the loader says what is wrong with
    a folder or a device), else the shipped scenario of that name, else None."""
    p = Path(name)
    return p if p.exists() else shipped(name)

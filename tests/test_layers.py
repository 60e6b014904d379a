"""The layer rules of docs/architecture.md, read off the source of every module under game/: each import (at the top,
inside a function, relative ones resolved) that a layer may not make is listed with its file and line."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GAME = ROOT / "game"

# bottom to top; each layer may import the game packages listed for it (and itself), nothing else of game
MAY = {
    "sim": set(),
    "ai": {"sim"},
    "content": {"sim", "ai"},                 # ai: the registry, to check the doctrine names a scenario gives
    "runner": {"sim", "ai", "content"},
    "app": {"sim", "ai", "content", "runner"},
    "net": {"sim", "ai", "content", "runner", "app"},   # the classroom host: drives a session for browsers
    "ui": {"sim", "ai", "content", "runner", "app", "net"},
}
LEAVES = {"fileio", "data"}   # atomic writes and CSV; the shipped files: any layer but sim may use them
TOP = {"cli", "__init__"}     # game/cli.py picks what each command needs (the front end only for `play`)
# third-party packages a layer never imports: the model is pure, only the front end draws widgets, and the
# application layer must run without a display (a classroom server); runner draws its PNG charts with pygame
NEVER = {
    "sim": {"pygame", "pygame_gui", "yaml"},
    "ai": {"pygame", "pygame_gui", "yaml"},
    "content": {"pygame", "pygame_gui"},
    "runner": {"pygame_gui"},
    "app": {"pygame", "pygame_gui", "yaml"},
    "net": {"pygame", "pygame_gui", "yaml"},           # the server runs without a display; the projector is game/ui
}


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(source: str, module: str, is_package: bool = False) -> list[tuple[str, int]]:
    """(module imported, line) for every import in `source`, relative ones resolved against `module`;
    `from game import ui` counts as importing game.ui."""
    package = module if is_package else module.rpartition(".")[0]
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == "game":
                out += [(f"game.{a.name}", node.lineno) for a in node.names]
            else:
                out.append((target, node.lineno))
    return out


def layer_of(module: str) -> str | None:
    """`game.runner.batch` -> runner, `game.fileio` -> fileio, `game` -> __init__; None outside the game package."""
    parts = module.split(".")
    if parts[0] != "game":
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def problems(source: str, filename: str, module: str, is_package: bool = False) -> list[str]:
    """What this module imports that its layer may not, as 'file:line: layer imports what'."""
    layer = layer_of(module)
    if layer is None or layer in TOP or layer == "ui":
        return []
    out = []
    for target, line in imports(source, module, is_package):
        where = f"{filename}:{line}: game/{layer} imports {target}"
        other = layer_of(target)
        if other is None:
            if target.split(".")[0] in NEVER.get(layer, ()):
                out.append(where)
        elif other == layer:
            continue
        elif layer in LEAVES:
            out.append(where + " (a leaf imports nothing of game)")
        elif other in LEAVES:
            if layer == "sim":
                out.append(where + " (game/sim imports nothing else of game)")
        elif other not in MAY[layer]:
            out.append(where + (f" (game/{other} sits above game/{layer})" if other in MAY else ""))
    return out


SOURCES = sorted(GAME.rglob("*.py"))


def test_every_module_belongs_to_a_known_layer():
    """A new package under game/ must be given its place here (and in docs/architecture.md) first."""
    known = set(MAY) | LEAVES | TOP
    assert sorted({layer_of(module_name(p)) for p in SOURCES} - known) == []
    assert {layer_of(module_name(p)) for p in SOURCES} >= {"sim", "ai", "content", "runner", "ui"}


def test_no_layer_imports_what_it_may_not():
    found = []
    for path in SOURCES:
        found += problems(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)), module_name(path),
                          path.name == "__init__.py")
    assert found == [], "imports against the layer rules (docs/architecture.md):\n" + "\n".join(found)


# -- the check itself ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("module, source, culprit", [
    ("game.sim.state", "import yaml", "yaml"),
    ("game.sim.state", "from game.fileio import atomic_write_text", "game.fileio"),
    ("game.sim.state", "from ..ai import registry", "game.ai"),
    ("game.ai.base", "def f():\n    from game.content.loader import load_scenario", "game.content.loader"),
    ("game.content.saves", "from ..runner.headless import Game", "game.runner.headless"),
    ("game.content.saves", "import pygame", "pygame"),
    ("game.runner.export", "from game import app", "game.app"),
    ("game.runner.export", "import pygame_gui", "pygame_gui"),
    ("game.app.session", "from game.ui.theme import Theme", "game.ui.theme"),
    ("game.app.session", "import pygame.font", "pygame.font"),
    ("game.app.session", "from yaml import CSafeLoader", "yaml"),
    ("game.net.hub", "from game.ui.app import App", "game.ui.app"),
    ("game.net.server", "import pygame", "pygame"),
    ("game.fileio", "from game.sim.state import State", "game.sim.state"),
])
def test_the_check_names_each_import_a_layer_may_not_make(module, source, culprit):
    found = problems("import os\n\n" + source, "x.py", module)
    assert len(found) == 1 and f"imports {culprit}" in found[0], found
    assert found[0].startswith("x.py:3: ") or found[0].startswith("x.py:4: "), found


@pytest.mark.parametrize("module, source", [
    ("game.sim.resolve", "import numpy as np\nfrom .state import State\nfrom . import effects"),
    ("game.ai.base", "from game.sim.orders import order_problems\nfrom .levers import weigh"),
    ("game.content.loader", "import yaml\nfrom game.ai.registry import DOCTRINES\nfrom game.data import path"),
    ("game.runner.charts", "import pygame\nfrom ..content.saves import load"),
    ("game.app.session", "from game.runner.headless import Game\nfrom game import fileio"),
    ("game.ui.app", "import pygame_gui\nfrom game.app.session import GameSession"),
    ("game.net.hub", "from game.app.session import GameSession\nimport starlette"),
    ("game.ui.scenes.projector", "from game.net.hub import Hub"),
    ("game.cli", "from game.ui.app import App"),
])
def test_the_check_allows_what_the_rules_allow(module, source):
    assert problems(source, "x.py", module) == []


def test_relative_imports_resolve_from_a_package_and_from_a_module():
    assert imports("from . import x\nfrom ..sim import y", "game.ai", is_package=True) == [("game.ai", 1), ("game.sim", 2)]
    assert imports("from . import x\nfrom ..sim import y", "game.ai.base") == [("game.ai", 1), ("game.sim", 2)]

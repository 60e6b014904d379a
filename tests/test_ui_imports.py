"""game/ui's own imports, read off the source: no import circle among its modules, no scene module importing another
(screens are opened by name through game/ui/routes.py; importing a scene only to extend it is allowed), nothing but the
test and screenshot helpers importing a scene outside game/ui/scenes, and every route naming a Scene of that name."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from game.ui import routes
from game.ui.scene import Scene

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "game" / "ui"
SCENES = "game.ui.scenes"
HELPERS = {"game.ui.shots", "game.ui.testing"}   # put any screen on top for the tests and the screenshots


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(UI.rglob("*.py"))}


def _type_checking(node: ast.AST) -> bool:
    test = node.test if isinstance(node, ast.If) else None
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _walk(tree: ast.AST):
    """Every node that runs: `if TYPE_CHECKING:` blocks are left out (mypy reads them; Python never imports them)."""
    for node in ast.iter_child_nodes(tree):
        if _type_checking(node):
            yield from (n for s in node.orelse for n in [s, *_walk(s)])   # type: ignore[attr-defined]
            continue
        yield node
        yield from _walk(node)


def imports(source: str, module: str, is_package: bool, known: set[str]) -> list[tuple[str, list[str], int]]:
    """(module imported, the names taken from it, line) for each import that runs; `from pkg import mod` imports the
    module pkg.mod when there is one."""
    package = module if is_package else module.rpartition(".")[0]
    out: list[tuple[str, list[str], int]] = []
    for node in _walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [(a.name, [], node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            plain = []
            for a in node.names:
                if f"{target}.{a.name}" in known:
                    out.append((f"{target}.{a.name}", [], node.lineno))
                else:
                    plain.append(a.asname or a.name)
            if plain:
                out.append((target, plain, node.lineno))
    return out


def graph(modules: dict[str, str]) -> dict[str, dict[str, int]]:
    """module -> {module of game.ui it imports: line}, from each module's source."""
    known = set(modules)
    out: dict[str, dict[str, int]] = {}
    for mod, source in modules.items():
        is_pkg = mod in {m.rpartition(".")[0] for m in known}
        edges: dict[str, int] = {}
        for target, _names, line in imports(source, mod, is_pkg, known):
            if target in known and target != mod:
                edges.setdefault(target, line)
        out[mod] = edges
    return out


def cycles(g: dict[str, dict[str, int]]) -> list[list[str]]:
    """One circle through each group of modules that import one another (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in g.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(g):
        if v not in index:
            visit(v)
    out = []
    for group in groups:               # a path from the group's first module back to itself, inside the group
        start, inside = group[0], set(group)
        path, seen = [start], {start}
        while True:
            nxt = next((w for w in sorted(g[path[-1]]) if w in inside and (w == start or w not in seen)), None)
            if nxt is None or nxt == start:
                break
            path.append(nxt)
            seen.add(nxt)
        out.append(path + [start])
    return out


def describe(g: dict[str, dict[str, int]], circle: list[str]) -> str:
    return " -> ".join(f"{a} (line {g[a][b]})" for a, b in zip(circle, circle[1:])) + f" -> {circle[-1]}"


SOURCES = {m: p.read_text(encoding="utf-8") for m, p in MODULES.items()}
GRAPH = graph(SOURCES)


def test_game_ui_has_no_import_circle():
    found = [describe(GRAPH, c) for c in cycles(GRAPH)]
    assert found == [], "modules of game/ui that import one another:\n" + "\n".join(found)


def _scene_module(mod: str) -> bool:
    """A screen's own module: a file directly in game/ui/scenes (its packages, e.g. console/, are parts of one)."""
    return mod.startswith(SCENES + ".") and mod.count(".") == 3 and not (MODULES[mod].name == "__init__.py")


def _bases_only(source: str, names: list[str]) -> bool:
    """Whether these imported names are only extended: each use is a class statement's base, or inside the body of a
    class that extends it (`KEYS = Base.KEYS + ...`)."""
    tree = ast.parse(source)
    ok: set[int] = set()
    for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
        extends = {b.id for b in cls.bases if isinstance(b, ast.Name)}
        ok |= {id(b) for b in cls.bases}
        ok |= {id(n) for stmt in cls.body for n in ast.walk(stmt) if isinstance(n, ast.Name) and n.id in extends}
    return bool(names) and all(id(n) in ok for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id in names)


def test_no_scene_module_imports_another():
    found = []
    known = set(MODULES)
    for mod, source in SOURCES.items():
        is_pkg = MODULES[mod].name == "__init__.py"
        for target, names, line in imports(source, mod, is_pkg, known):
            if target == mod or target not in known or not _scene_module(target):
                continue
            where = f"{MODULES[mod].relative_to(ROOT)}:{line}: {mod} imports {target}"
            if mod in HELPERS:
                continue
            if not _scene_module(mod):
                found.append(where + " (open it by name: app.open / app.make, game/ui/routes.py)")
            elif not _bases_only(source, names):
                found.append(where + " (only a base class may be imported from another scene; open it by name)")
    assert found == [], "\n".join(found)


def test_every_route_is_a_scene_of_that_name():
    for name in routes.ROUTES:
        cls = routes.scene_class(name)
        assert issubclass(cls, Scene) and cls.name == name, (name, cls)


def test_a_new_screen_is_one_registration(app):
    """What another screen (a negotiation table, a host's lobby) does to be opened by name."""
    with pytest.raises(KeyError, match="no screen named 'lobby'.*board"):
        routes.scene_class("lobby")
    try:
        routes.register("lobby", "game.ui.scenes.settings:SettingsScene")
        scene = app.open("lobby")
        assert app.top is scene and type(scene).__name__ == "SettingsScene"
        routes.register("lobby", "game.ui.scenes.settings:SettingsScene")          # the same again: no change
        with pytest.raises(ValueError, match="already routes"):
            routes.register("lobby", "menu:MainMenu")
    finally:
        routes.ROUTES.pop("lobby", None)
        routes._loaded.pop("lobby", None)


# -- the checks themselves ------------------------------------------------------------------------------------
def test_a_circle_is_found_and_named_with_its_lines():
    g = graph({
        "game.ui.a": "from . import b\n",
        "game.ui.b": "import os\n\ndef f():\n    from .c import thing\n",
        "game.ui.c": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .d import T\nfrom .a import x\n",
        "game.ui.d": "from .c import y\n",
    })
    assert cycles(g) == [["game.ui.a", "game.ui.b", "game.ui.c", "game.ui.a"]]    # c -> d is for mypy only
    assert describe(g, cycles(g)[0]) == ("game.ui.a (line 1) -> game.ui.b (line 4) -> game.ui.c (line 4) -> game.ui.a")


def test_a_scene_importing_another_is_found():
    source = "from .board import BoardScene\n\nclass X:\n    def go(self):\n        return BoardScene(self.app)\n"
    assert not _bases_only(source, ["BoardScene"])
    assert _bases_only("from .debrief import DebriefScene\n\nclass GameOver(DebriefScene):\n    KEYS = DebriefScene.KEYS\n",
                       ["DebriefScene"])
    assert not _bases_only("from .debrief import DebriefScene\n\nclass GameOver(DebriefScene):\n    pass\n\n"
                           "def f():\n    return DebriefScene.KEYS\n", ["DebriefScene"])


@pytest.fixture
def app(data):
    from game.ui.app import App
    from game.ui.prefs import Settings

    a = App((1280, 720), Settings())
    yield a
    a.reset()

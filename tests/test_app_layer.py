"""game/app is the application layer (docs/architecture.md): importing any of its modules loads neither pygame,
pygame_gui, YAML nor game.ui, and no screen in game/ui reaches past a session's read-only view into its game."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APP_FILES = sorted((ROOT / "game" / "app").glob("*.py"))
UI_FILES = sorted((ROOT / "game" / "ui").rglob("*.py"))
BANNED = ("pygame", "pygame_gui", "yaml", "game.ui")

PROBE = """
import importlib, json, pkgutil, sys
import game.app
names = sorted(m.name for m in pkgutil.iter_modules(game.app.__path__))
for name in names:
    importlib.import_module("game.app." + name)
print(json.dumps({"modules": names, "loaded": sorted(sys.modules)}))
"""


@pytest.fixture(scope="module")
def loaded():
    proc = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_every_app_module_was_imported(loaded):
    assert loaded["modules"] == sorted(p.stem for p in APP_FILES if p.stem != "__init__")
    assert {"session", "view", "timer", "pins", "plandraft", "par", "duplicate"} <= set(loaded["modules"])


@pytest.mark.parametrize("banned", BANNED)
def test_importing_game_app_does_not_import(loaded, banned):
    hits = [m for m in loaded["loaded"] if m == banned or m.startswith(banned + ".")]
    assert hits == [], f"importing game.app pulled in {hits}"


def imported_modules(source: str) -> list[str]:
    """Every module a source imports, at the top or inside a function (relative imports as written, dots first)."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            out.append("." * node.level + (node.module or ""))
    return out


@pytest.mark.parametrize("path", APP_FILES, ids=lambda p: p.name)
def test_no_app_module_imports_the_front_end_even_lazily(path):
    """A lazy import inside a function would not show in the probe above; none may name these either."""
    bad = [m for m in imported_modules(path.read_text(encoding="utf-8"))
           if any(m == b or m.startswith(b + ".") for b in BANNED) or m.startswith("..")]
    assert bad == [], f"{path.name} imports {bad}"


# -- game/ui reads a session through session.view ------------------------------------------------------
# the GameSession attributes that screens read through session.view (or change through the session's commands)
INTERNALS = {"game", "plans", "done", "pending", "branches", "seat_log", "injected_log", "timer", "seats"}
# what the view has and the session keeps for game/app itself, the tests and tools: screens read these through the view
VIEWED = {"state", "turn", "over", "last_report"}


def session_reaches(source: str, filename: str = "<src>") -> list[str]:
    """`session.game`, `self.session.pending`, `s.done` (s = self.session) ...: a session's internals read or
    changed directly. A name counts as a session when it is `session`, or was assigned from `session` or from
    `<anything>.session`, anywhere in the file."""
    tree = ast.parse(source, filename)

    def is_session_expr(v: ast.AST) -> bool:
        return (isinstance(v, ast.Name) and v.id == "session") or (isinstance(v, ast.Attribute) and v.attr == "session")

    aliases = {"session"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and is_session_expr(node.value):
            aliases |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in INTERNALS | VIEWED:
            v = node.value
            if (isinstance(v, ast.Name) and v.id in aliases) or (isinstance(v, ast.Attribute) and v.attr == "session"):
                out.append(f"{filename}:{node.lineno}: {ast.unparse(node)}")
    return out


@pytest.mark.parametrize("path", UI_FILES, ids=lambda p: str(p.relative_to(ROOT / "game" / "ui")))
def test_no_screen_reaches_into_the_session(path):
    assert session_reaches(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT))) == []


def test_no_file_under_game_ui_names_session_game():
    """A blunt second look, by text: `session.game.` appears nowhere in game/ui (code or comments)."""
    hits = [f"{p.relative_to(ROOT)}:{n}" for p in UI_FILES
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if "session.game" in line]
    assert hits == []


@pytest.mark.parametrize("bad", [
    "def f(session):\n    return session.game.history.reports\n",
    "class S:\n    def f(self):\n        return self.session.game.state\n",
    "def f(self):\n    s = self.session\n    return len(s.done)\n",
    "def f(app):\n    sess = app.session\n    sess.pending.clear()\n",
    "def f(self):\n    return self.session.seats[0].human\n",
    "def f(self):\n    s = self.session\n    return s.turn\n",
    "def f(self):\n    return self.session.last_report\n",
])
def test_the_reach_check_catches_what_it_should(bad):
    assert session_reaches(bad)


def test_the_reach_check_allows_views_and_commands():
    ok = ("def f(self):\n    s = self.session\n    s.resolve()\n    return s.view.reports, s.view.seats[0], "
          "self.session.view.history.states, s.view.turn, self.session.view.over\n"
          "def g(self):\n    return self.game.rows, run.result.done\n")
    assert session_reaches(ok) == []

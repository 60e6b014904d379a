"""game/sim is the pure model: it imports neither pygame nor YAML, and draws randomness only from the Generator
it is given (no `random` module, no module-level np.random functions)."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SIM = ROOT / "game" / "sim"
SIM_FILES = sorted(SIM.glob("*.py"))

PROBE = """
import importlib, json, pkgutil, sys
import game.sim
names = sorted(m.name for m in pkgutil.iter_modules(game.sim.__path__))
for name in names:
    importlib.import_module("game.sim." + name)
print(json.dumps({"modules": names, "loaded": sorted(sys.modules)}))
"""


@pytest.fixture(scope="module")
def loaded():
    proc = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_every_sim_module_was_imported(loaded):
    assert loaded["modules"] == sorted(p.stem for p in SIM_FILES if p.stem != "__init__")
    assert {"resolve", "state", "ledger", "preview", "history", "serialize"} <= set(loaded["modules"])
    for name in loaded["modules"]:
        assert f"game.sim.{name}" in loaded["loaded"]


@pytest.mark.parametrize("banned", ["pygame", "pygame_gui", "yaml", "game.ui"])
def test_importing_game_sim_does_not_import(loaded, banned):
    hits = [m for m in loaded["loaded"] if m == banned or m.startswith(banned + ".")]
    assert hits == [], f"importing game.sim pulled in {hits}"


def randomness_problems(source: str, filename: str = "<src>") -> list[str]:
    """Uses of randomness that bypass the Generator passed in: the random module, np.random.* other than the
    Generator type (for annotations), numpy.random imports."""
    out = []
    for node in ast.walk(ast.parse(source, filename)):
        where = f"{filename}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name == "random" or a.name.startswith("random.") or a.name == "numpy.random":
                    out.append(f"{where}: import {a.name}")
        elif isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            if mod == "random" or mod.startswith("random."):
                out.append(f"{where}: from {mod} import ...")
            elif mod == "numpy.random" and any(a.name != "Generator" for a in node.names):
                out.append(f"{where}: from numpy.random import {', '.join(a.name for a in node.names)}")
            elif mod == "numpy" and any(a.name == "random" for a in node.names):
                out.append(f"{where}: from numpy import random")
        elif isinstance(node, ast.Attribute):
            v = node.value
            if isinstance(v, ast.Attribute) and v.attr == "random" and isinstance(v.value, ast.Name) \
                    and v.value.id in ("np", "numpy") and node.attr != "Generator":
                out.append(f"{where}: {v.value.id}.random.{node.attr}")
    return out


@pytest.mark.parametrize("path", SIM_FILES, ids=lambda p: p.name)
def test_sim_draws_randomness_only_from_the_generator_passed_in(path):
    assert randomness_problems(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT))) == []


def test_plain_text_grep_agrees():
    """A blunt second look that does not depend on how the source is parsed."""
    for path in SIM_FILES:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            assert "import random" not in code and "from random" not in code, f"{path.name}:{n}: {line}"
            for fn in ("default_rng", "np.random.seed", "np.random.rand", "np.random.choice", "RandomState"):
                assert fn not in code, f"{path.name}:{n}: {line}"


@pytest.mark.parametrize("bad", [
    "import random\nrandom.random()",
    "from random import choice",
    "import numpy as np\nx = np.random.rand(3)",
    "import numpy as np\nrng = np.random.default_rng(1)",
    "import numpy\nnumpy.random.seed(1)",
    "from numpy.random import default_rng",
    "from numpy import random",
])
def test_the_randomness_check_catches_what_it_should(bad):
    assert randomness_problems(bad)


def test_the_randomness_check_allows_a_generator_passed_in():
    ok = "import numpy as np\ndef f(rng: np.random.Generator) -> float:\n    return rng.random()\n"
    assert randomness_problems(ok) == []

"""The game as a real package: the wheel built from this tree, installed into a fresh venv, plays, validates, writes
its HTML report and opens its window from the package data alone, run from outside the repository so nothing of the
clone can be found."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow   # builds a wheel and installs it with its dependencies: about a minute

ROOT = Path(__file__).resolve().parents[1]
WINDOW = """
import game.ui.app as app
def run(self):   # the real `play` path, for a few frames instead of until the window closes
    self.run_frames(5)
    print("scenes:", " ".join(type(s).__name__ for s in self.scenes))
    print("scenarios:", len(self.scenes[1].entries), all(e.scenario is not None for e in self.scenes[1].entries))
app.App.run = run
from game.cli import main
raise SystemExit(main(["play", "tutorial"]))
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(venv bin folder, environment, a folder outside the repository): the wheel of this tree, installed."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"   # build from a copy: setuptools leaves build/ and *.egg-info beside the sources it builds
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "game", src / "game", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env |= {"PIP_DISABLE_PIP_VERSION_CHECK": "1", "REGIONAL_ACCORD_CACHE": str(tmp / "cache"),
            "REGIONAL_ACCORD_DATA": str(tmp / "data"), "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    pip = lambda py, *a: subprocess.run([str(py), "-m", "pip", *a], cwd=tmp, env=env,  # noqa: E731
                                        capture_output=True, text=True, timeout=600)
    built = pip(sys.executable, "wheel", "--no-deps", "--quiet", "-w", str(tmp / "dist"), str(src))
    assert built.returncode == 0, built.stderr
    wheel, = (tmp / "dist").glob("regional_accord-*.whl")
    subprocess.run([sys.executable, "-m", "venv", str(tmp / "venv")], check=True, timeout=300)
    bin_ = tmp / "venv" / ("Scripts" if os.name == "nt" else "bin")
    done = pip(bin_ / "python", "install", "--quiet", str(wheel))   # only what playing needs, from the registry
    assert done.returncode == 0, done.stderr
    away = tmp / "elsewhere"
    away.mkdir()
    return bin_, env, away


def _run(installed, *args: str) -> subprocess.CompletedProcess:
    bin_, env, away = installed
    return subprocess.run([str(bin_ / args[0]), *args[1:]], cwd=away, env=env, capture_output=True, text=True,
                          timeout=300)


def _package_files(installed) -> set[Path]:
    bin_ = installed[0]
    pkg, = bin_.parent.glob("lib/python3*/site-packages/game")
    return {p.relative_to(pkg) for p in pkg.rglob("*") if "__pycache__" not in p.parts}


def test_the_installed_game_is_the_wheel_and_plays_the_same_game_as_the_clone(installed):
    where = _run(installed, "python", "-c", "import game, game.data; print(game.__file__); print(game.data.checkout())")
    assert where.returncode == 0, where.stderr
    file, checkout = where.stdout.splitlines()
    venv = installed[0].parent
    assert Path(file).is_relative_to(venv) and checkout == "None"   # the wheel's code, not the clone's
    before = _package_files(installed)
    played = _run(installed, "regional-accord", "run", "meridian", "--seed", "1")
    assert played.returncode == 0, played.stderr
    clone = subprocess.run([sys.executable, str(ROOT / "main.py"), "run", "meridian", "--seed", "1"], cwd=ROOT,
                           capture_output=True, text=True, timeout=300)
    assert "outcome:" in played.stdout and played.stdout == clone.stdout
    # the compiled scenario went to the user's cache folder, nothing into the installed package
    assert list((Path(installed[1]["REGIONAL_ACCORD_CACHE"]) / "scenarios").glob("*.pickle"))
    assert _package_files(installed) == before


def test_the_installed_game_validates_its_shipped_scenarios_by_name_path_or_all(installed):
    every = _run(installed, "regional-accord", "validate")
    assert every.returncode == 0, every.stdout + every.stderr
    lines = every.stdout.splitlines()
    assert len(lines) == 5 and all(line.endswith(": ok") and "site-packages" in line for line in lines), lines
    named = _run(installed, "regional-accord", "validate", "tutorial")
    assert named.returncode == 0 and named.stdout.strip().endswith("game/data/scenarios/tutorial.yaml: ok")
    path = lines[0].removesuffix(": ok")
    assert _run(installed, "regional-accord", "validate", path).stdout.strip() == f"{path}: ok"
    broken = installed[2] / "broken.yaml"
    broken.write_text(f"extends: {path}\nturns: lots\n", encoding="utf-8")
    bad = _run(installed, "regional-accord", "validate", str(broken))
    assert bad.returncode == 1 and "broken.yaml:2:8: turns:" in bad.stdout   # a user's file, found by its path


def test_the_installed_game_writes_its_report_from_the_templates_in_the_wheel(installed):
    away = installed[2]
    assert "templates/report.html" in {p.as_posix().removeprefix("data/") for p in _package_files(installed)}
    ran = _run(installed, "regional-accord", "run", "tutorial", "--seed", "2", "--out", str(away / "run.json"))
    assert ran.returncode == 0, ran.stderr
    made = _run(installed, "regional-accord", "report", str(away / "run.json"), "--out", str(away / "report"),
                "--whatif", "2", "--from-turn", "2")
    assert made.returncode == 0, made.stderr
    html = (away / "report" / "report.html").read_text(encoding="utf-8")
    for line in ("Ranking by standing", "The game in charts", "What else could have happened", "Turning points",
                 "Burden-sharing", "Trust at the start and at the end", "For discussion", ".swatch{"):
        assert line in html, line
    assert html.count("src='data:image/png;base64,") == 5
    assert sorted(p.name for p in (away / "report").iterdir()) == ["history.json", "report.html", "turns.csv"]


def test_the_installed_game_opens_its_window_on_the_shipped_scenarios(installed):
    shown = _run(installed, "python", "-c", WINDOW)
    assert shown.returncode == 0, shown.stderr
    assert "scenes: MainMenu ScenarioPicker SetupScene" in shown.stdout and "scenarios: 5 True" in shown.stdout


def test_dev_tools_refuse_to_write_into_the_installed_package(installed):
    before = _package_files(installed)
    docs = _run(installed, "regional-accord", "catalog", "--docs")
    assert docs.returncode == 2 and "clone of the repository" in docs.stderr
    schema = _run(installed, "regional-accord", "schema")
    assert schema.returncode == 2 and "--out" in schema.stderr
    out = installed[2] / "mine.schema.json"
    assert _run(installed, "regional-accord", "schema", "--out", str(out)).returncode == 0 and out.stat().st_size
    assert _package_files(installed) == before


def test_the_installed_game_hosts_a_class_with_the_client_from_its_package(installed):
    served = _run(installed, "python", "-c", """
import json, urllib.request
from websockets.sync.client import connect
from game.data import shipped
from game.net.hub import Hub
from game.net.server import HostServer
from game.net.start import new_session
server = HostServer(Hub(new_session(shipped("tutorial"), 2, autosave=False), store=False), "127.0.0.1", 0).start()
for p in ("", "static/client.js", "static/style.css", "facilitator"):
    with urllib.request.urlopen(server.url + p, timeout=10) as r:
        print(r.status, len(r.read()) > 100)
with connect(server.url.replace("http", "ws") + "ws") as ws:
    print(json.loads(ws.recv())["type"])
server.stop()
""")
    assert served.returncode == 0, served.stderr
    assert served.stdout.split() == ["200", "True"] * 4 + ["public"]

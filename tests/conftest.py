"""Shared test setup: headless SDL drivers, caches outside the work tree, the meridian scenario, a state's snapshot."""
from __future__ import annotations

import os

# Before anything can import pygame: no window, no sound device.
os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
# Computed par tables go to a folder of this test run, never the user's cache.
import tempfile

os.environ.setdefault("REGIONAL_ACCORD_CACHE", tempfile.mkdtemp(prefix="ra-cache-"))
# Hypothesis keeps its examples (replayed after a failure) in the user's cache folder, not in the work tree.
import platformdirs

os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY",
                      os.path.join(platformdirs.user_cache_dir("regional-accord"), "hypothesis"))

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MERIDIAN = ROOT / "game" / "data" / "scenarios" / "meridian.yaml"


@pytest.fixture(scope="session")
def meridian():
    """The shipped default scenario, loaded once (frozen, so sharing it is safe)."""
    from game.content.loader import load_scenario

    return load_scenario(MERIDIAN)


def state_snapshot(state, ledger: bool = False) -> str:
    """Every value of a state as one string: all arrays of state.v and every other field, so any change shows.

    The ledger (entries of the resolution that made this state; a copy starts with an empty one) is included
    only when asked for, to check that nothing was added to it."""
    from game.sim.serialize import state_to_dict

    d = state_to_dict(state)
    d["_arrays"] = {k: [str(a.dtype), list(a.shape), a.tolist()] for k, a in state.v.items()}
    if ledger:
        d["_ledger"] = [repr(e) for e in state.ledger]
    d["_scenario"] = id(state.scenario)
    return json.dumps(d, sort_keys=True, default=repr)


@pytest.fixture(autouse=True)
def _background_work_ends_with_its_test():
    """game.app computes par and duplicate scores in background processes; what a test left running is stopped when
    it ends, so none runs on into the next test (sharing the machine's CPU and the caches)."""
    yield
    import sys

    for name in ("game.app.par", "game.app.duplicate"):
        mod = sys.modules.get(name)
        if mod is not None:
            mod.cancel_all()


@pytest.fixture(scope="session")
def snapshot():
    return state_snapshot


@pytest.fixture
def data(tmp_path, monkeypatch):
    """A fresh data folder for saves, settings and exports (the game's REGIONAL_ACCORD_DATA)."""
    from game.content import saves

    monkeypatch.setenv(saves.ENV_DATA, str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def app(data):
    """The game window (dummy driver) at 1280x720 on its main menu, with a data folder of its own; modules that
    need another start define their own `app`."""
    from game.ui.app import App
    from game.ui.prefs import Settings
    from game.ui.scenes.menu import MainMenu

    a = App((1280, 720), Settings())
    a.push(MainMenu(a))
    a.run_frames(2)
    yield a
    a.reset()


def pytest_terminal_summary(terminalreporter):
    """Say where the UI tests' screenshots went (tests/shotdir.py), so they can be looked at."""
    import shotdir

    for root in sorted(shotdir.used):
        terminalreporter.write_line(f"screenshots: {root}")

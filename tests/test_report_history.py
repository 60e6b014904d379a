"""`report` reads the histories `run --out` writes as well as saves (issue 13): the same report, one-line errors."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    d = tmp_path_factory.mktemp("hist")
    assert main(["run", "tutorial", "--seed", "3", "--out", str(d / "run.json"), "--doctrine", "all=hawk"]) == 0
    return d / "run.json"


def test_report_of_a_run_history_writes_the_same_history(history, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["report", str(history), "--out", str(out), "--whatif", "2", "--from-turn", "2"]) == 0
    assert "written:" in capsys.readouterr().out
    assert json.loads((out / "history.json").read_text()) == json.loads(history.read_text())
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "From the start of turn 2" in html


def test_a_history_of_an_own_scenario_needs_its_file(history, tmp_path, capsys):
    own = tmp_path / "mine.yaml"
    text = (ROOT / "game" / "data" / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8").replace("id: tutorial", "id: mine", 1)
    own.write_text(text, encoding="utf-8")
    data = json.loads(history.read_text())
    data["scenario"] = "mine"
    h = tmp_path / "mine.json"
    h.write_text(json.dumps(data))
    assert main(["report", str(h), "--out", str(tmp_path / "o1"), "--whatif", "0"]) == 2
    assert capsys.readouterr().err == ("error: mine.json: a history of scenario 'mine', which is not a shipped "
                                       "scenario; give its file with --scenario PATH\n")
    assert main(["report", str(h), "--out", str(tmp_path / "o2"), "--whatif", "0", "--scenario", str(own)]) == 0


@pytest.mark.parametrize("case, message", [
    ("other scenario", "run.json: meridian.yaml has changed since the game was saved (its nations, threats or "
                       "organizations differ)"),
    ("version", "run.json: history version 9 is not supported (this game reads versions 1)"),
    ("damaged", "run.json: damaged save: states[1].turn: "),
    ("neither", "run.json: not a Regional Accord save, nor a history written by run --out"),
])
def test_history_errors_are_one_line(case, message, history, tmp_path, capsys):
    h = tmp_path / "run.json"
    shutil.copy(history, h)
    args = []
    data = json.loads(h.read_text())
    if case == "other scenario":
        args = ["--scenario", "meridian"]
    elif case == "version":
        data["version"] = 9
    elif case == "damaged":
        data["states"][1]["turn"] = "two"
    elif case == "neither":
        data["format"] = "something-else"
    h.write_text(json.dumps(data))
    assert main(["report", str(h), "--out", str(tmp_path / "out"), "--whatif", "0", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: " + message) and err.count("\n") == 1, err


def test_scenario_option_is_for_histories_only(tmp_path, capsys):
    from game.content import saves
    from game.content.loader import default_scenario, load_scenario
    from game.runner.headless import Game

    sc = load_scenario(default_scenario())
    g = Game.new(sc, 2)
    g.play(2)
    data = saves.make_save(name="s", scenario_path=default_scenario(), scenario=sc, seed=2,
                           seats={nd.id: {"human": False, "doctrine": nd.doctrine} for nd in sc.nations},
                           difficulty="normal", history=g.history)
    p = saves.write_save(tmp_path / "s.json", data)
    assert main(["report", str(p), "--out", str(tmp_path / "o"), "--whatif", "0", "--scenario", "meridian"]) == 2
    assert "--scenario is for a history" in capsys.readouterr().err

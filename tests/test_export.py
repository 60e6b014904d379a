"""Exporting a game: the self-contained HTML report, the CSV per turn and nation, the JSON history, `main.py report`."""
from __future__ import annotations

import base64
import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.content import saves
from game.content.loader import default_scenario, load_scenario
from game.runner import export
from game.runner.headless import Game
from game.runner.whatif import what_if
from game.sim.defs import STOCKS

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def game():
    sc = load_scenario(default_scenario())
    g = Game.new(sc, 9)
    g.play(12)
    return g


@pytest.fixture(scope="module")
def seats(game):
    return {k: {"human": k == 1, "doctrine": nd.doctrine} for k, nd in enumerate(game.scenario.nations)}


@pytest.fixture
def save(tmp_path, game, seats):
    sc = game.scenario
    data = saves.make_save(name="class 3b", scenario_path=default_scenario(), scenario=sc, seed=game.seed,
                           seats={sc.nations[k].id: s for k, s in seats.items()}, difficulty="normal", history=game.history)
    return saves.write_save(tmp_path / "class.json", data)


@pytest.fixture(scope="module")
def written(tmp_path_factory, game, seats):
    out = tmp_path_factory.mktemp("report")
    wi = what_if(game.history, {k: s["doctrine"] for k, s in seats.items()}, 4, 5, game.seed)
    paths = export.write_report(game, out, seats, wi)
    return out, paths


def test_the_three_files(written):
    out, paths = written
    assert [p.name for p in paths] == ["report.html", "turns.csv", "history.json"]
    assert not list(out.glob(".*"))                               # no temp files left behind


def test_html_is_self_contained_with_png_charts(written, game):
    html = (written[0] / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html.lower() and "<link" not in html.lower() and "@import" not in html
    assert not re.search(r"(?i)(https?:|ftp:|//[a-z0-9.-]+\.[a-z]{2,}/)", html)
    refs = re.findall(r"(?i)(?:src|href)\s*=\s*['\"]([^'\"]*)", html)
    assert refs and all(r.startswith("data:") for r in refs)
    assert "url(" not in html
    pngs = re.findall(r"src='data:image/png;base64,([A-Za-z0-9+/=]+)'", html)
    assert len(pngs) == 5                                          # four charts and the what-if fan
    for b in pngs:
        assert base64.b64decode(b)[:8] == b"\x89PNG\r\n\x1a\n"
    sc = game.scenario
    for nd in sc.nations:
        assert nd.name in html
    for o in sc.orgs:
        assert o.name in html
    for heading in ("National Interest ranking", "Turning points", "Burden-sharing", "Trust at the start and at the end",
                    "What else could have happened", "For discussion"):
        assert heading in html
    assert sc.discussion and all(export.E(q) in html for q in sc.discussion)
    assert html.count("class='trust'") == 2


def test_csv_has_a_row_per_turn_and_nation(written, game):
    rows = list(csv.DictReader(io.StringIO((written[0] / "turns.csv").read_text(encoding="utf-8"))))
    sc = game.scenario
    turns = len(game.history.reports)
    assert len(rows) == turns * sc.n
    assert list(rows[0]) == ["turn", "nation", "name", *STOCKS, "militarization", "national_interest", "stability",
                             "escalation", "trade"]
    assert [(int(r["turn"]), r["nation"]) for r in rows] == [(t, nid) for t in range(1, turns + 1) for nid in sc.nation_ids]
    last = rows[-1]
    st = game.history.states[turns]
    k = sc.n - 1
    assert float(last["economy"]) == pytest.approx(float(st.v["economy"][k]), abs=1e-3)
    assert float(last["stability"]) == pytest.approx(float(st.v["stability"]), abs=1e-3)
    ni = game.history.reports[-1]["summary"]["national_interest"][sc.nation_ids[k]]
    assert float(last["national_interest"]) == pytest.approx(ni, abs=1e-2)


def test_json_is_the_game_history(written, game):
    data = json.loads((written[0] / "history.json").read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(game.to_dict()))


def test_a_failed_write_keeps_the_old_file(tmp_path, game, monkeypatch):
    export.write_report(game, tmp_path)
    before = (tmp_path / "report.html").read_bytes()

    def broken(fd):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(export.os, "fsync", broken)
    with pytest.raises(export.ExportError, match="No space left"):
        export.write_report(game, tmp_path)
    assert (tmp_path / "report.html").read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_report_command_writes_from_a_save(save, tmp_path, capsys, game):
    out = tmp_path / "out"
    assert main(["report", str(save), "--out", str(out), "--whatif", "3", "--from-turn", "2"]) == 0
    assert "written:" in capsys.readouterr().out
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "From the start of turn 2" in html and "3 times" in html
    assert json.loads((out / "history.json").read_text()) == json.loads(json.dumps(game.to_dict()))


@pytest.mark.parametrize("case", ["missing", "damaged", "not a save", "out is a file", "bad turn"])
def test_report_errors_are_one_line_exit_2(case, save, tmp_path, capsys):
    out = tmp_path / "out"
    path = save
    args = []
    if case == "missing":
        path = tmp_path / "nope.json"
    elif case == "damaged":
        path = tmp_path / "cut.json"
        path.write_text(save.read_text()[:500])
    elif case == "not a save":
        path = tmp_path / "other.json"
        path.write_text('{"hello": 1}')
    elif case == "out is a file":
        out.write_text("x")
    elif case == "bad turn":
        args = ["--from-turn", "99"]
    code = main(["report", str(path), "--out", str(out), "--whatif", "2", *args])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err


def test_report_command_in_a_subprocess(tmp_path):
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "report", str(tmp_path / "gone.json"), "--out",
                        str(tmp_path / "o")], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert r.stderr.strip() == "error: gone.json: no such save"

"""Saves: round trip, atomic writes, damaged files give one-line SaveErrors, autosave rotation, resume = same future."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from game.content import saves
from game.content.saves import SaveError
from game.sim.state import Order
from game.ui.session import GameSession, Seat

MERIDIAN = Path(__file__).resolve().parents[1] / "scenarios" / "meridian.yaml"


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(saves.ENV_DATA, str(tmp_path / "data"))
    return tmp_path / "data"


def _seats(sc, humans=()):
    return {k: Seat(k in humans, nd.doctrine) for k, nd in enumerate(sc.nations)}


def _session(meridian, humans=(), seed=5, difficulty="normal", autosave=True):
    return GameSession.new(MERIDIAN, meridian, seed, _seats(meridian, humans), difficulty, autosave=autosave)


def _human_plan(session, k):
    """A fixed, legal plan for a human seat: the same in both runs, so the futures can be compared."""
    for action in ("ministers_dialogue", "white_paper"):
        o = Order(action, ((k + 1) % session.scenario.n,)) if action == "ministers_dialogue" else Order(action)
        session.set_plan(k, [o])
        if not session.problems(k):
            return
    session.set_plan(k, [])


def test_round_trip(meridian, data_dir):
    s = _session(meridian, humans=(0,))
    for _ in range(3):
        _human_plan(s, 0)
        s.resolve()
    path = s.save_as("My game")
    assert path.parent == data_dir / "saves" and path.name == "my-game.json"
    data = json.loads(path.read_text())
    assert data["format"] == "regional-accord-save" and data["version"] == 1
    assert data["scenario"] == "scenarios/meridian.yaml" and data["seed"] == 5
    r = GameSession.load(path)
    assert r.turn == s.turn == 4
    assert r.game.to_json() == s.game.to_json()
    assert r.seats == s.seats and r.difficulty == s.difficulty
    assert r.plans == {}   # plans in progress are never saved


def test_resume_gives_the_same_future(meridian):
    """Interrupt a game, save, load it and play on: the history is byte-identical to one never interrupted."""
    straight = _session(meridian, humans=(1,), difficulty="easy", autosave=False)
    for _ in range(8):
        _human_plan(straight, 1)
        straight.resolve()

    first = _session(meridian, humans=(1,), difficulty="easy", autosave=False)
    for _ in range(3):
        _human_plan(first, 1)
        first.resolve()
    path = first.save_as("halfway")
    resumed = GameSession.load(path, autosave=False)
    for _ in range(5):
        _human_plan(resumed, 1)
        resumed.resolve()
    assert resumed.game.to_json() == straight.game.to_json()


def test_normal_difficulty_plays_like_the_headless_game(meridian):
    from game.runner.headless import Game

    s = _session(meridian, autosave=False)
    g = Game.new(meridian, 5)
    for _ in range(4):
        s.resolve()
        g.step()
    assert s.game.to_json() == g.to_json()


def test_failed_write_leaves_the_old_file(meridian, monkeypatch):
    s = _session(meridian, autosave=False)
    path = s.save_as("keep")
    before = path.read_bytes()
    s.resolve()

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(SaveError, match="No space left"):
        s.save_as("keep")
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["keep.json"]   # no temp file left behind


def test_failed_serialisation_leaves_the_old_file(meridian, monkeypatch):
    s = _session(meridian, autosave=False)
    path = s.save_as("keep")
    before = path.read_bytes()

    def boom(*a, **k):
        raise ValueError("cannot serialise")

    monkeypatch.setattr(json, "dumps", boom)
    with pytest.raises(SaveError):
        s.save_as("keep")
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert GameSession.load(path).turn == 1


def test_autosave_rotation_keeps_the_previous(meridian, data_dir):
    s = _session(meridian)                      # autosaves turn 1
    auto, prev = saves.autosave_path(), saves.previous_autosave_path()
    assert auto.exists() and not prev.exists()
    s.resolve()                                 # autosaves turn 2, turn 1 becomes the previous autosave
    assert GameSession.load(auto).turn == 2
    assert GameSession.load(prev).turn == 1
    s.resolve()
    assert GameSession.load(auto).turn == 3
    assert GameSession.load(prev).turn == 2


def test_failed_autosave_loses_nothing(meridian, monkeypatch):
    s = _session(meridian)
    s.resolve()
    auto, prev = saves.autosave_path(), saves.previous_autosave_path()
    a, p = auto.read_bytes(), prev.read_bytes()

    def boom(*args, **kw):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(saves, "atomic_write_json", boom)
    s.resolve()                                  # the session remembers the error instead of crashing
    assert s.last_save_error and "Input/output error" in s.last_save_error
    monkeypatch.undo()
    assert auto.read_bytes() == a and prev.read_bytes() == p


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"{\"format\": \"regional-accord-save\", \"version\": 1, \"sce", "ends early"),
    (b"{not json at all}", "bad JSON at line 1"),
    (b"\xff\xfe\x00garbage", "not text"),
    (b"[1, 2, 3]", "not a Regional Accord save"),
    (json.dumps({"format": "something-else", "version": 1}).encode(), "not a Regional Accord save"),
    (json.dumps({"format": "regional-accord-save", "version": 99}).encode(), "version 99 is not supported"),
    (json.dumps({"format": "regional-accord-save", "version": 1, "seed": 1}).encode(), "missing"),
])
def test_damaged_files_give_one_line_errors(tmp_path, content, message):
    p = tmp_path / "bad.json"
    p.write_bytes(content)
    with pytest.raises(SaveError) as exc:
        GameSession.load(p)
    text = str(exc.value)
    assert message in text and "\n" not in text and text.startswith("bad.json")


def test_truncated_real_save(meridian, tmp_path):
    s = _session(meridian, autosave=False)
    s.resolve()
    raw = s.save_as("full").read_bytes()
    for cut in (len(raw) // 3, len(raw) - 1):
        p = tmp_path / "cut.json"
        p.write_bytes(raw[:cut])
        with pytest.raises(SaveError, match="ends early|damaged"):
            GameSession.load(p)


def test_damaged_history_inside_valid_json(meridian, tmp_path):
    s = _session(meridian, autosave=False)
    s.resolve()
    data = json.loads(s.save_as("x").read_text())
    del data["states"][1]["values"]
    p = tmp_path / "holes.json"
    p.write_text(json.dumps(data))
    with pytest.raises(SaveError, match="damaged save"):
        GameSession.load(p)


def test_scenario_that_no_longer_loads(meridian, tmp_path):
    scen = tmp_path / "mine.yaml"
    scen.write_text(MERIDIAN.read_text())
    s = GameSession.new(scen, meridian, 2, _seats(meridian), autosave=False)
    path = s.save_as("mine")
    assert GameSession.load(path).turn == 1
    scen.write_text(MERIDIAN.read_text().replace("turns: 20", "turns: twenty"))
    with pytest.raises(SaveError, match=r"scenario no longer loads: .*mine.yaml:\d+:\d+"):
        GameSession.load(path)
    scen.unlink()
    with pytest.raises(SaveError, match="no such file"):
        GameSession.load(path)


def test_scenario_that_changed_shape(meridian, tmp_path):
    scen = tmp_path / "mine.yaml"
    scen.write_text(MERIDIAN.read_text())
    path = GameSession.new(scen, meridian, 2, _seats(meridian), autosave=False).save_as("mine")
    scen.write_text(MERIDIAN.read_text().replace("id: tidewatch", "id: tidewatch_two"))
    with pytest.raises(SaveError, match="has changed"):
        GameSession.load(path)


def test_list_saves_marks_damaged_files(meridian, data_dir):
    s = _session(meridian)
    s.resolve()
    s.save_as("named")
    (data_dir / "saves" / "broken.json").write_text("{")
    infos = {i.path.name: i for i in saves.list_saves()}
    assert infos["autosave.json"].kind == "autosave" and infos["autosave.1.json"].kind == "previous autosave"
    assert infos["named.json"].turn == 2 and infos["named.json"].error is None
    assert infos["broken.json"].error and "broken.json" in infos["broken.json"].error
    assert [i.path.name for i in saves.list_saves()][:2] == ["autosave.json", "autosave.1.json"]

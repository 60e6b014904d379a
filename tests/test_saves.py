"""Saves: round trip, atomic writes, damaged files give one-line SaveErrors, autosave rotation, resume = same future;
version 2 (branches and the facilitator's settings) and version 1 saves still loading."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from game.app.session import GameSession, Seat
from game.content import saves
from game.content.saves import SaveError
from game.sim.state import Order

MERIDIAN = Path(__file__).resolve().parents[1] / "game" / "data" / "scenarios" / "meridian.yaml"


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
    assert data["format"] == "regional-accord-save" and data["version"] == saves.VERSION == 4
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


# -- version 2: branches and the facilitator ------------------------------------------------------------
def _facilitated(meridian):
    s = _session(meridian, humans=(0, 3), autosave=False)
    for _ in range(3):
        s.resolve()
    s.rewind(2, "first line")
    s.resolve()
    s.set_timer(150, "computer")
    s.set_hide_private(True)
    s.set_pin("9876")
    s.set_seat(3, False, "hawk")
    s.inject_deck("terrorist_attack", (1,))
    s.inject_custom({"name": "Port strike", "text": "Dockers walk out.", "target": "region",
                     "effects": [{"do": "region", "field": "stability", "amount": -3}]}, ())
    return s


def test_version_2_round_trip(meridian):
    s = _facilitated(meridian)
    path = s.save_as("facilitated")
    data = json.loads(path.read_text())
    assert data["version"] == saves.VERSION and data["branches"][0]["label"] == "first line"
    assert data["facilitator"]["timer"] == 150 and data["facilitator"]["policy"] == "computer"
    assert "9876" not in json.dumps(data["facilitator"]) and "$" in data["facilitator"]["pin"]   # a salted hash
    r = GameSession.load(path)
    assert r.game.to_json() == s.game.to_json()
    assert r.branches == json.loads(json.dumps(s.branches))
    assert (r.timer_limit, r.timer_policy, r.hide_private, r.timer_left) == (150, "computer", True, 150)
    assert r.check_pin("9876") and not r.check_pin("0000")
    assert not r.seats[3].human and r.seats[3].doctrine == "hawk" and r.seat_log == s.seat_log
    assert [(i.event.id, i.targets) for i in r.pending] == [(i.event.id, i.targets) for i in s.pending]
    assert r.resolve()["events"][:2] == s.resolve()["events"][:2]       # the queued events strike the same way


def test_version_1_saves_still_load(meridian, tmp_path):
    s = _session(meridian, humans=(0,), autosave=False)
    for _ in range(2):
        s.resolve()
    data = json.loads(s.save_as("old").read_text())
    for key in ("branches", "facilitator"):
        del data[key]
    data["version"] = 1
    p = tmp_path / "v1.json"
    p.write_text(json.dumps(data))
    r = GameSession.load(p)
    assert r.turn == 3 and r.game.to_json() == s.game.to_json()
    assert r.branches == [] and r.pending == [] and r.timer_limit is None and not r.has_pin and not r.hide_private
    r.rewind(2)                                            # and a loaded version 1 game can branch and save as 2
    assert json.loads(r.save_as("upgraded").read_text())["version"] == saves.VERSION


@pytest.mark.parametrize("damage, message", [
    (lambda d: d["branches"][0].update(history={"states": [], "reports": [1]}), r"branches\[0\].history.states: list should have at least 1 item"),
    (lambda d: d["branches"][0].update(from_turn=99), "outside its history"),
    (lambda d: d["branches"][0]["history"]["states"][0]["values"].update(security=[1, 2]), r"branches\[0\].history.states\[0\].values.security: has shape \(2,\), the scenario needs \(6,\)"),
    (lambda d: d["facilitator"].update(policy="panic"), "facilitator.policy: is not one of the allowed values"),
    (lambda d: d["facilitator"].update(timer=-5), r"facilitator.timer: input should be greater than 0 \(found -5\)"),
    (lambda d: d["facilitator"]["pending"].append({"event": "no_such_event", "targets": []}), r"facilitator.pending\[2\].event: unknown event 'no_such_event'"),
])
def test_damaged_version_2_parts(meridian, tmp_path, damage, message):
    data = json.loads(_facilitated(meridian).save_as("x").read_text())
    damage(data)
    p = tmp_path / "bad2.json"
    p.write_text(json.dumps(data))
    with pytest.raises(SaveError, match=message) as exc:
        GameSession.load(p)
    assert "\n" not in str(exc.value)


def test_the_difficulty_sets_how_far_a_strategist_looks(data_dir, monkeypatch):
    from game.ai import planner
    from game.app import duplicate, par
    from game.app.session import GameSession, Seat
    from game.content.loader import default_scenario, load_scenario

    duplicate.wait_all()        # a score still computed in the background by an earlier test plays strategists too
    par.wait_all()
    sc = load_scenario(default_scenario())
    used = []
    orig = planner.Planner.plan

    def spy(self, state, rng):
        used.append(type(self).depth)
        return orig(self, state, rng)

    monkeypatch.setattr(planner.Planner, "plan", spy)
    for difficulty, depth in (("easy", 1), ("normal", 4), ("hard", 6)):
        seats = {k: Seat(False, "planner" if k == 3 else nd.doctrine) for k, nd in enumerate(sc.nations)}
        s = GameSession.new(default_scenario(), sc, 2, seats, difficulty, autosave=False)
        used.clear()
        s.computer_plan(3)
        assert used == [depth]

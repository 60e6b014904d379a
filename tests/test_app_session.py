"""A class's game driven through game.app alone, as a host would drive it (no pygame): two teams and four computer
nations, plans built order by order, end of planning, the timer running out under each policy, pause, an injected
event, a seat switch, a rewind into a branch, the facilitator PIN, autosave and load - checked by what a facilitator
or a team would notice: the turn resolved, who played what, the branch list, a save that reloads to the same game."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.app.session import GameSession, Seat
from game.content import saves
from game.content.loader import default_scenario
from game.runner.duplicate import orders_of
from game.sim.state import Order

ROOT = Path(__file__).resolve().parents[1]
MERIDIAN = default_scenario()          # the shipped meridian.yaml, wherever the package keeps it
TEAMS = (0, 2)                      # Aurelia and Caldera are played by teams; the other four by the computer
PIN = "2468"


def legal_orders(s: GameSession, k: int, n: int, skip: int = 0) -> list[Order]:
    """Up to n orders nation k could add to its plan now, one after another (after passing over `skip` cards)."""
    draft, out = s.draft(k), []
    for a in s.scenario.actions:
        if len(out) == n:
            break
        if draft.blocked(a):
            continue
        if a.target == "self":
            order = Order(a.id, ())
        else:
            target = next((i for i, _name, _detail, ok in draft.target_options(a) if ok), None)
            if target is None:
                continue
            order = Order(a.id, (target,))
        if draft.why_not(order):
            continue
        if skip:
            skip -= 1
            continue
        out.append(order)
        draft.add(order)
    draft.clear()
    return out


def played(s: GameSession, turn: int, k: int) -> list[Order]:
    """What nation k played in `turn`, as the turn's report lists it."""
    return orders_of(s.scenario, s.view.report(turn), k)


@pytest.fixture
def session(data, meridian):
    seats = {k: Seat(k in TEAMS, nd.doctrine) for k, nd in enumerate(meridian.nations)}
    seats[3] = Seat(False, "hawk")
    return GameSession.new(MERIDIAN, meridian, 7, seats)


def test_teams_plan_end_planning_and_the_turn_resolves_with_what_each_played(session):
    s = session
    assert (s.view.turn, s.view.played, s.humans, s.next_planner()) == (1, 0, [0, 2], 0)
    a, b = legal_orders(s, 0, 2)
    assert s.add_order(0, a) == [] and s.add_order(0, b) == []
    s.remove_order(0, 0)                                   # a team changes its mind
    assert s.plan(0) == [b]
    too_costly = Order(b.action, b.targets)
    while not s.draft(0).why_not(too_costly):              # the same card again until the plan cannot take it
        s.add_order(0, too_costly)
    before = list(s.plan(0))
    assert s.add_order(0, too_costly) and s.plan(0) == before   # refused in words, the plan unchanged
    s.set_plan(0, [b])
    assert s.finish_planning(0) == [] and s.view.planned(0) and s.view.still_planning == (2,)
    assert s.next_planner() == 2
    c = legal_orders(s, 2, 1)
    assert s.add_order(2, c[0]) == [] and s.finish_planning(2) == []
    assert s.next_planner() is None
    computers = {k: s.computer_plan(k) for k in (1, 3, 4, 5)}
    report = s.resolve()

    assert report["turn"] == 1 and s.view.turn == 2 and s.view.played == 1 and s.view.last_report is report
    assert played(s, 1, 0) == [b] and played(s, 1, 2) == c
    for k, orders in computers.items():                    # each computer seat played its doctrine (Drava: hawk)
        assert played(s, 1, k) == orders
    assert s.view.history_for(0)[0]["orders"] == [b]
    assert s.plan(0) == [] and not s.view.planned(0)       # a new turn: empty plans, nobody has planned


@pytest.mark.parametrize("policy", ["submit", "computer"])
def test_the_timer_runs_out_and_its_policy_fills_in_for_a_team_still_planning(session, policy):
    s = session
    s.set_timer(60, policy)
    first = legal_orders(s, 0, 1)
    s.add_order(0, first[0])                               # Aurelia has a card down but has not ended planning
    s.finish_planning(2)                                   # Caldera ended planning with an empty plan
    expected_computer = s.computer_plan(0)
    assert not s.tick(30) and s.timer_left == pytest.approx(30)
    s.pause()                                              # the facilitator stops the clock: no time passes
    assert not s.tick(100) and s.timer_left == pytest.approx(30)
    s.resume()
    assert s.tick(31) and not s.tick(1)                    # it runs out once
    notes = s.expire()
    assert len(notes) == 1 and notes[0].startswith("Aurelia: time ran out")
    assert s.next_planner() is None
    s.resolve()
    if policy == "submit":
        assert played(s, 1, 0) == first and "its plan so far (1 order)" in notes[0]
    else:
        assert played(s, 1, 0) == expected_computer and "a computer plan" in notes[0]
    assert played(s, 1, 2) == []                           # a team that ended planning keeps its own plan
    assert s.last_expiry == notes and s.timer_left == pytest.approx(60)   # the clock starts again for turn 2


def test_an_injected_event_strikes_first_in_the_next_resolution(session):
    s = session
    with pytest.raises(ValueError, match="strikes one nation"):
        s.inject_deck("terrorist_attack", (1, 2))
    with pytest.raises(ValueError, match="no event"):
        s.inject_deck("no_such_event", ())
    s.inject_deck("terrorist_attack", (1,))
    assert [(i.event.id, i.targets) for i in s.view.pending] == [("terrorist_attack", (1,))]
    assert s.view.pending[0].describe(s.scenario).endswith(" on Borealis")
    s.expire()
    report = s.resolve()
    assert report["injected"] == 1
    assert report["events"][0]["id"] == "terrorist_attack" and report["events"][0]["targets"] == ["borealis"]
    assert s.view.pending == () and len(s.last_injected) == 1


def test_a_seat_switch_hands_a_team_to_the_computer_from_this_turn_on(session):
    s = session
    s.expire()
    s.resolve()
    s.set_seat(2, False, "hawk")
    assert s.humans == [0] and s.seat_label(2) == "Computer: Realist hawk" and s.view.seats[2].doctrine == "hawk"
    assert s.seat_log[-1] == {"turn": 2, "nation": "caldera", "human": False, "doctrine": "hawk"}
    hawk = s.computer_plan(2)
    s.finish_planning(0)
    s.resolve()
    assert played(s, 2, 2) == hawk
    s.set_seat(3, True)                                    # and a computer nation to a team
    assert s.humans == [0, 3] and s.next_planner() == 0


def test_a_rewind_keeps_the_line_left_behind_and_play_goes_on_in_a_branch(session, snapshot):
    s = session
    for _ in range(4):
        s.expire()
        s.resolve()
    start_of_3 = snapshot(s.view.state_at(3))
    old_turn_3 = s.view.report(3)
    assert s.rewindable_turns() == [1, 2, 3, 4]
    with pytest.raises(ValueError, match="cannot rewind"):
        s.rewind(5)
    branch = s.rewind(3, "what if Aurelia had talked first")
    assert (s.view.turn, s.view.played) == (3, 2) and snapshot(s.view.state) == start_of_3
    assert [(b["from_turn"], b["label"], b["turns"]) for b in s.view.branches] == \
        [(3, "what if Aurelia had talked first", 4)]
    assert len(branch["history"]["reports"]) == 4 and branch["history"]["reports"][2]["turn"] == 3
    assert s.rewindable_turns() == [1, 2]
    other = legal_orders(s, 0, 1, skip=3)
    assert other != orders_of(s.scenario, old_turn_3, 0)
    s.set_plan(0, other)
    s.finish_planning(0)
    s.finish_planning(2)
    s.resolve()
    assert s.view.played == 3 and played(s, 3, 0) == other       # the new line's turn 3 is what the team played now
    s.rewind(2)
    assert [b["from_turn"] for b in s.view.branches] == [3, 2]   # every line left behind is kept


def test_the_pin_protects_the_console_and_every_save_of_the_class(session):
    s = session
    assert not s.has_pin and s.check_pin("anything")
    with pytest.raises(ValueError, match="at least"):
        s.set_pin("12")
    s.set_pin(PIN)
    assert s.has_pin and s.pin_hash.startswith("scrypt$") and PIN not in s.pin_hash
    assert s.check_pin(PIN) and not s.check_pin("1357")
    assert PIN not in saves.autosave_path().read_text(encoding="utf-8")
    loaded = GameSession.load(saves.autosave_path())
    assert loaded.has_pin and loaded.check_pin(PIN) and not loaded.check_pin("0000")
    s.set_pin(None)
    assert not s.has_pin and not GameSession.load(saves.autosave_path()).has_pin


def test_the_autosave_reloads_to_the_same_game_and_both_play_on_alike(session):
    s = session
    s.set_pin(PIN)
    s.set_timer(90, "computer")
    s.set_hide_private(True)
    for _ in range(3):
        s.expire()
        s.resolve()
    s.rewind(2, "second line")
    s.set_seat(5, True)
    s.inject_deck("piracy_surge", ())
    loaded = GameSession.load(saves.autosave_path())

    assert loaded.game.to_json() == s.game.to_json()
    assert json.dumps(loaded.view.branches, sort_keys=True) == json.dumps(s.view.branches, sort_keys=True)
    assert {k: v.to_dict() for k, v in loaded.view.seats.items()} == {k: v.to_dict() for k, v in s.view.seats.items()}
    assert (loaded.timer_limit, loaded.timer_policy, loaded.hide_private) == (90, "computer", True)
    assert loaded.seat_log == s.seat_log and loaded.check_pin(PIN)
    assert [(i.event.id, i.targets) for i in loaded.view.pending] == [("piracy_surge", ())]
    for game in (s, loaded):                               # the same plans give the same turn in both
        for k in game.humans:
            game.set_plan(k, legal_orders(game, k, 1))
            game.finish_planning(k)
    assert loaded.resolve() == s.resolve()


def test_named_saves_and_the_export_of_the_game_so_far(session):
    s = session
    s.expire()
    s.resolve()
    path = s.save_as("after turn one")
    assert GameSession.load(path).view.played == 1
    folder = s.export_dir()
    assert folder == saves.data_dir() / "exports" / f"{saves.slug(s.scenario.name)}-seed7-turn2"
    assert sorted(p.name for p in s.export()) == ["history.json", "report.html", "turns.csv"]
    assert json.loads((folder / "history.json").read_text(encoding="utf-8"))["reports"][0]["turn"] == 1


PROBE = """
import json, sys
from game.app.session import GameSession, Seat
from game.content import saves
from game.content.loader import load_scenario
sc = load_scenario(sys.argv[1])
s = GameSession.new(sys.argv[1], sc, 3, {k: Seat(k < 2, nd.doctrine) for k, nd in enumerate(sc.nations)})
s.set_pin("1234"); s.set_timer(30, "computer")
s.finish_planning(0); s.tick(31); s.expire(); s.resolve()
s.inject_deck("piracy_surge", ()); s.expire(); s.resolve(); s.rewind(2)
loaded = GameSession.load(saves.autosave_path())
assert loaded.game.to_json() == s.game.to_json() and loaded.check_pin("1234")
print(json.dumps({"turn": loaded.view.turn, "branches": len(loaded.view.branches),
                  "loaded": sorted(m for m in sys.modules if m.split(".")[0] in ("pygame", "pygame_gui")
                                   or m.startswith("game.ui"))}))
"""


def test_a_whole_facilitated_game_runs_without_pygame(data):
    """In a fresh interpreter (this one has pygame loaded by other tests): nothing of the front end is imported."""
    proc = subprocess.run([sys.executable, "-c", PROBE, str(MERIDIAN)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env={**__import__("os").environ, saves.ENV_DATA: str(data)})
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out == {"turn": 2, "branches": 1, "loaded": []}


def test_what_screens_read_through_the_view_cannot_change_the_game(session):
    import dataclasses

    s = session
    s.expire()
    s.resolve()
    with pytest.raises(TypeError):
        s.view.seats[0] = Seat(False, "hawk")              # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.view.seats[0].human = False                      # type: ignore[misc]
    with pytest.raises(AttributeError):
        s.view.reports.append({})                          # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        s.view.history.states.pop()                        # type: ignore[attr-defined]
    assert s.humans == [0, 2] and s.view.played == 1 and len(s.view.history.states) == 2
    assert s.view.state_after(1) is s.view.state and s.view.state_at(1) is s.view.states[0]
    with pytest.raises(IndexError):
        s.view.report(2)


def test_each_new_scenario_gets_its_own_par_table(meridian, monkeypatch):
    """Par tables are found by id(scenario), and CPython soon hands a freed scenario's id to a new one (a game
    loaded, another started): a new scenario is still computed afresh, never shown another's table (once a
    3-nation table was read for a 6-nation game)."""
    import dataclasses
    import gc
    from types import SimpleNamespace

    import numpy as np

    import game.runner.par as runner_par
    from game.app import background, par

    calls: list[int] = []

    def fake(sc):
        calls.append(id(sc))
        return np.full((2, sc.n), float(len(calls))), np.ones(sc.n)

    monkeypatch.setattr(background, "MODE", "thread")       # the fake is this process's: the job runs here
    monkeypatch.setattr(runner_par, "par_of", fake)
    monkeypatch.setattr(runner_par, "known", lambda sc: None)   # the copy's content is meridian's: not shipped
    for i in range(30):
        sc = dataclasses.replace(meridian)
        t = par.table(SimpleNamespace(scenario=sc), wait=True)
        assert len(calls) == i + 1 and calls[-1] == id(sc) and t[0, 0] == i + 1
        del sc, t
        gc.collect()

"""History and restoring: any turn can be looked at, rewound to and played on from, and a saved state plays on
exactly like the original."""
from __future__ import annotations

import json

import numpy as np
import pytest

from game.runner.headless import AI, ENGINE, Game, turn_rng
from game.sim.agreements import signed
from game.sim.history import History
from game.sim.resolve import resolve_turn
from game.sim.serialize import state_from_dict, state_to_dict
from game.sim.state import Order


@pytest.fixture(scope="module")
def full(meridian):
    """An uninterrupted 20-turn game, seed 7."""
    g = Game.new(meridian, 7)
    g.play()
    return g


def test_state_at_gives_the_state_at_the_start_of_that_turn(full, snapshot):
    h = full.history
    assert len(h.states) == len(h.reports) + 1
    for turn in range(1, len(h.states) + 1):
        st = h.state_at(turn)
        assert st.turn == turn
        assert snapshot(st) == snapshot(h.states[turn - 1])
        if turn <= len(h.reports):
            # replaying that turn from it (its deals signed, then the plans) reproduces exactly what was reported
            st = signed(st, full.negotiate(st))
            orders = full.computer_orders(st)
            _, report = resolve_turn(st, orders, turn_rng(full.seed, turn, ENGINE))
            assert json.dumps(report, sort_keys=True) == json.dumps(h.reports[turn - 1], sort_keys=True)
            assert report["turn"] == turn


def test_state_at_is_a_copy_the_history_keeps_its_own(full, snapshot):
    h = full.history
    kept = snapshot(h.states[4], ledger=True)
    st = h.state_at(5)
    st.v["trust"][0, 1] = 0.0
    st.v["stability"][...] = 1.0
    st.obligations.append(None)
    assert snapshot(h.states[4], ledger=True) == kept


@pytest.mark.parametrize("turn", [0, -1, 22, 100])
def test_state_at_outside_the_history_is_an_error(full, turn):
    with pytest.raises(IndexError, match="not in this history"):
        full.history.state_at(turn)


@pytest.mark.parametrize("back_to", [1, 5, 13])
def test_rewound_game_replays_the_same_future(meridian, full, back_to):
    g = Game.new(meridian, 7)
    g.play(turns=15)
    g.history.rewind(back_to)
    assert g.state.turn == back_to
    assert len(g.history.reports) == back_to - 1 and len(g.history.states) == back_to
    g.play()
    assert g.to_json() == full.to_json()


def test_a_different_choice_after_a_rewind_changes_the_future(meridian, full):
    """Rewinding is only interesting if the branch can differ: a show of force instead of the usual turn."""
    g = Game.new(meridian, 7)
    g.play(turns=6)
    g.history.rewind(5)
    drava, aurelia = meridian.nation_index("drava"), meridian.nation_index("aurelia")
    g.step({drava: [Order("show_of_force", (aurelia,))]})
    g.play()
    assert g.to_json() != full.to_json()
    assert g.history.reports[:4] == full.history.reports[:4]


def test_a_game_restored_from_json_plays_on_identically(meridian, full):
    """Save the history as JSON, rebuild a Game from the saved state at turn 9, play on: same as never stopping."""
    saved = json.loads(full.to_json())
    doctrines = {meridian.nation_index(nid): name for nid, name in saved["doctrines"].items()}
    history = History([state_from_dict(meridian, d) for d in saved["states"][:9]], saved["reports"][:8])
    g = Game(meridian, saved["seed"], doctrines, history)
    assert g.state.turn == 9
    g.play()
    assert g.to_json() == full.to_json()


def _interesting_state(full):
    """A mid-game state with delayed effects pending, flags set, an open obligation and last turn's orders."""
    for st in full.history.states:
        if st.pending and st.flags and st.obligations and st.last_orders and st.news and not st.over:
            return st
    pytest.fail("no state of the seed-7 game has pending effects, flags, obligations and news at once")


def test_state_dict_round_trip_is_exact(meridian, full, snapshot):
    st = _interesting_state(full)
    d = state_to_dict(st)
    back = state_from_dict(meridian, json.loads(json.dumps(d)))
    assert state_to_dict(back) == d
    assert snapshot(back) == snapshot(st)
    for k, a in st.v.items():
        assert back.v[k].dtype == a.dtype and back.v[k].shape == a.shape, k


def test_state_dict_round_trip_gives_identical_future_reports(meridian, full):
    st = _interesting_state(full)
    back = state_from_dict(meridian, json.loads(json.dumps(state_to_dict(st))))
    a, b = st, back
    for _ in range(6):
        if a.over:
            break
        turn = a.turn
        orders_a = full.computer_orders(a)
        orders_b = full.computer_orders(b)
        assert orders_a == orders_b, f"doctrines see a different state at turn {turn}"
        a, ra = resolve_turn(a, orders_a, turn_rng(full.seed, turn, ENGINE))
        b, rb = resolve_turn(b, orders_b, turn_rng(full.seed, turn, ENGINE))
        assert json.dumps(ra, sort_keys=True) == json.dumps(rb, sort_keys=True), f"turn {turn}"


def test_turn_generators_depend_only_on_seed_turn_and_purpose():
    a = turn_rng(7, 3, ENGINE).random(5)
    assert np.array_equal(a, turn_rng(7, 3, ENGINE).random(5))
    assert not np.array_equal(a, turn_rng(7, 4, ENGINE).random(5))
    assert not np.array_equal(a, turn_rng(8, 3, ENGINE).random(5))
    assert not np.array_equal(a, turn_rng(7, 3, AI).random(5))

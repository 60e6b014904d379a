"""Property tests (hypothesis): random legal orders for several turns keep every value in bounds and finite, never
change the state given, are fully explained by the ledger, and resolve the same way twice."""
from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.runner.headless import Game
from game.sim.defs import PAIR_FIELDS
from game.sim.orders import options, order_problems
from game.sim.report import ledger_from_report
from game.sim.resolve import new_game, resolve_turn
from game.sim.serialize import state_to_dict
from game.sim.state import BOUNDS

SETTINGS = settings(max_examples=30, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def starts(meridian):
    """Where the random play begins: the first turn, and mid-game states of a seeded computer game."""
    g = Game.new(meridian, 3)
    g.play(turns=14)
    return [new_game(meridian)] + [g.history.state_at(t) for t in (4, 9, 15)]


def draw_orders(data, state) -> dict[int, list]:
    """For each nation a random subset of its options within action points and budget, each action once."""
    sc = state.scenario
    orders = {}
    for k in range(state.n):
        opts = options(state, k)
        picks = data.draw(st.lists(st.integers(0, len(opts) - 1), unique=True, max_size=6), label=f"picks {k}") \
            if opts else []
        ap, budget, used, chosen = state.capacity(k), state.budget(k), set(), []
        for i in picks:
            o = opts[i]
            a = sc.action(o.action)
            if o.action in used or a.ap > ap or a.budget > budget:
                continue
            chosen.append(o)
            used.add(o.action)
            ap -= a.ap
            budget -= a.budget
        assert order_problems(state, k, chosen) == [], (k, chosen)
        orders[k] = chosen
    return orders


def extremes(data, state):
    """Sometimes push a few values to their bounds, to exercise clamping and diminishing returns."""
    if not data.draw(st.booleans(), label="extreme"):
        return state
    s = state.copy()
    for _ in range(data.draw(st.integers(1, 6), label="how many")):
        fname = data.draw(st.sampled_from(["security", "economy", "support", "influence", "militarization",
                                           "trust", "tension", "interop", "hotline", "threat", "cohesion"]))
        lo, hi, _ = BOUNDS[fname]
        arr = s.v[fname]
        ix = tuple(data.draw(st.integers(0, d - 1)) for d in arr.shape)
        if arr.ndim == 2 and ix[0] == ix[1]:
            continue
        arr[ix] = data.draw(st.sampled_from([lo, hi]))
    if data.draw(st.booleans(), label="escalation"):
        s.v["escalation"][...] = float(data.draw(st.integers(0, 4)))
    return s


def play(data, starts):
    """Yield (state before, orders, rng seed, state after, report) for 1-4 turns of random legal play."""
    state = extremes(data, data.draw(st.sampled_from(starts), label="start"))
    for _ in range(data.draw(st.integers(1, 4), label="turns")):
        if state.over:
            return
        orders = draw_orders(data, state)
        seed = data.draw(st.integers(0, 2**32 - 1), label="seed")
        after, report = resolve_turn(state, orders, np.random.default_rng(seed))
        yield state, orders, seed, after, report
        state = after


def check_bounds(state):
    for fname, arr in state.v.items():
        assert np.all(np.isfinite(arr)), f"{fname} is not finite: {arr}"
    for fname, (lo, hi, _) in BOUNDS.items():
        arr = state.v[fname]
        assert arr.min(initial=lo) >= lo and arr.max(initial=hi) <= hi, f"{fname} out of [{lo}, {hi}]: {arr}"
    for fname in PAIR_FIELDS:
        assert not state.v[fname].diagonal().any(), f"a nation has a {fname} relation with itself"


@SETTINGS
@given(data=st.data())
def test_values_stay_in_bounds_and_finite(starts, data):
    for _, _, _, after, report in play(data, starts):
        check_bounds(after)
        json.dumps(report, allow_nan=False)       # no NaN or infinity reaches the report either
        for value in report["summary"]["national_interest"].values():
            assert 0.0 <= value <= 100.0


@SETTINGS
@given(data=st.data())
def test_the_state_given_is_not_changed(starts, data, snapshot):
    for before, orders, seed, after, _ in play(data, starts):
        # play() already resolved `before`; resolving it again must find it exactly as it was
        frozen = snapshot(before, ledger=True)
        arrays = {k: a.copy() for k, a in before.v.items()}
        resolve_turn(before, orders, np.random.default_rng(seed))
        assert snapshot(before, ledger=True) == frozen
        for k, a in before.v.items():
            np.testing.assert_array_equal(a, arrays[k], err_msg=k)
            assert a is not after.v[k], f"the new state shares its {k} array with the old one"


@SETTINGS
@given(data=st.data())
def test_the_ledger_explains_every_change(starts, data):
    for before, _, _, after, report in play(data, starts):
        ledger = ledger_from_report(json.loads(json.dumps(report)))
        assert set(after.v) == set(before.v)
        for fname, start in before.v.items():
            explained = start + ledger.total(fname, start.shape)
            np.testing.assert_allclose(after.v[fname], explained, rtol=0, atol=1e-9,
                                       err_msg=f"{fname}: the ledger does not add up to the change")


@SETTINGS
@given(data=st.data())
def test_same_state_orders_and_seed_give_the_same_report(starts, data):
    for before, orders, seed, after, report in play(data, starts):
        again_state, again = resolve_turn(before.copy(), orders, np.random.default_rng(seed))
        assert json.dumps(again, sort_keys=True) == json.dumps(report, sort_keys=True)
        assert json.dumps(state_to_dict(again_state), sort_keys=True) == json.dumps(state_to_dict(after), sort_keys=True)

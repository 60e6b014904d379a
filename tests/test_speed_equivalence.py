"""The engine's fast paths (issue 10) compute exactly what the plain code they replace computes: same floats, same rows."""
from __future__ import annotations

import numpy as np
import pytest

from game.ai.exploits import ni_gain
from game.ai.registry import make
from game.runner.headless import Game
from game.sim import dynamics
from game.sim.ledger import Cause
from game.sim.orders import options
from game.sim.preview import preview
from game.sim.scoring import national_interest


@pytest.fixture(scope="module")
def states(meridian):
    g = Game.new(meridian, 21)
    out = []
    while not g.state.over:
        out.append(g.state)
        g.step()
    return out


def _reference_resentment(state, o, mem, share, riders, withheld):
    """The per-pair loop organizations() had: one State.add per (member, free-rider)."""
    p = state.scenario.params
    for idx in riders:
        m = mem[idx]
        others_share = float(np.delete(share, idx).mean())
        hurt = p.freeride_resentment * others_share * (2.0 if withheld[idx] else 1.0)
        for k in mem:
            if k != m:
                state.add("trust", (k, m), -hurt, Cause("organization", "free-riding", m, (o,)))


@pytest.mark.parametrize("array_from", [10**9, 0])   # every pair as plain floats; every pair as one array
def test_free_rider_resentment_matches_one_state_add_per_pair(states, array_from, monkeypatch):
    monkeypatch.setattr(dynamics, "_ARRAY_FROM", array_from)
    rng = np.random.default_rng(array_from % 97)
    checked = 0
    for trial in range(60):
        a = states[trial % len(states)].copy()
        mem = list(range(a.n))
        # values near 0 and inside the dampening zone, exact zeros, the bound
        a.v["trust"][...] = rng.choice([0.0, 1e-12, 0.01, 0.1, 0.2499, 0.25, 0.6, 1.0], size=(a.n, a.n))
        share = rng.choice([0.0, 0.3, 1.0], size=len(mem))
        withheld = [bool(x) for x in rng.random(len(mem)) < 0.3]
        riders = [i for i in range(len(mem)) if not share[i] > 0 or withheld[i]]
        if not riders:
            continue
        b = a.copy()
        dynamics._resent(a, 0, mem, share, riders, withheld)
        _reference_resentment(b, 0, mem, share, riders, withheld)
        assert a.v["trust"].tobytes() == b.v["trust"].tobytes()
        assert list(a.ledger._raw) == list(b.ledger._raw)
        checked += 1
    assert checked > 30


def _reference_ni_gain(state, nation, order):
    """ni_gain as it was: a full preview, its immediate changes added to a copy of the whole state."""
    changes = preview(state, nation, [order])
    if changes["problems"]:
        return -np.inf
    st = state.copy()
    base = float(national_interest(st)[nation])
    for c in changes["changes"]:
        if c["in_turns"] != 0:
            continue
        arr, ix = st.v[c["field"]], c["index"]
        if arr.ndim == 0 or ix == () or ix is None:
            arr[...] = arr + c["delta"]
        else:
            arr[tuple(ix) if isinstance(ix, (list, tuple)) else ix] += c["delta"]
    return float(national_interest(st)[nation]) - base


def test_greedy_gain_matches_a_full_preview(states):
    for st in states[::3]:
        for k in range(st.n):
            for o in options(st, k):
                assert ni_gain(st, k, o) == _reference_ni_gain(st, k, o), (st.turn, k, o)


def test_doctrines_and_strategist_plans_are_unchanged_by_the_fast_paths(states):
    """A smoke check beside the golden file: plans are pure functions of state and seed, run twice alike."""
    st = states[len(states) // 2]
    for name in ("greedy", "planner", "hedger"):
        a = make(name, 1).plan(st, np.random.default_rng(3))
        b = make(name, 1).plan(st, np.random.default_rng(3))
        assert a == b


def test_the_strategists_legality_check_agrees_with_order_problems(states):
    from game.ai.base import legal
    from game.sim.state import Order

    rng = np.random.default_rng(4)
    sc = states[0].scenario
    ids = [a.id for a in sc.actions] + ["no_such_card"]
    odd = [(), (0,), (1, 2), (0, 0), (-1,), (99,), (True,), (np.int64(1),), (1, 2, 3, 4, 5)]
    agreed = {True: 0, False: 0}
    for st in states:
        for k in range(st.n):
            pool = options(st, k) + [Order(str(rng.choice(ids)), odd[int(rng.integers(len(odd)))]) for _ in range(12)]
            for size in (0, 1, 2, 3, 4):
                for _ in range(6):
                    orders = [pool[int(i)] for i in rng.integers(len(pool), size=size)]
                    from game.sim.orders import order_problems
                    want = not order_problems(st, k, orders)
                    assert legal(st, k, orders) is want, (st.turn, k, orders)
                    agreed[want] += 1
    assert min(agreed.values()) > 50   # both verdicts were exercised


def test_the_strategists_kept_streams_are_the_ones_a_resolution_would_jump_to(states):
    """resolve_lean with the planner's restarted streams reaches exactly the state it reaches jumping itself."""
    from game.ai.planner import _Restarts
    from game.sim.resolve import resolve_lean

    fresh = _Restarts()
    for st in states[:-1]:
        orders = {k: list(v) for k, v in states[states.index(st) + 1].last_orders.items()}
        for seed in (7, 7, 123456789):   # the second 7 is a restart
            a = resolve_lean(st, orders, np.random.default_rng(seed))
            b = resolve_lean(st, orders, fresh(seed), fresh.streams(seed))
            assert all(a.v[f].tobytes() == b.v[f].tobytes() for f in a.v) and a.news == b.news


def test_the_greedy_plan_is_the_one_full_previews_give(states):
    """Greedy.plan (one National Interest per distinct list of changes) against the plan from full previews."""
    from game.ai.exploits import fill

    for st in states[::2]:
        for k in range(st.n):
            scored = [(_reference_ni_gain(st, k, o), i, o) for i, o in enumerate(options(st, k))]
            scored.sort(key=lambda x: (-x[0], x[1]))
            want = fill(st, k, [o for g, _, o in scored if g > 0])
            assert make("greedy", k).plan(st, np.random.default_rng(0)) == want, (st.turn, k)

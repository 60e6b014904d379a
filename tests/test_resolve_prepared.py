"""The look-ahead's shortcut (resolve.prepare_lean / resolve_prepared: a turn's events and delayed effects resolved
once for many plans) reaches the state resolve_lean reaches, bit for bit, however often the prepared turn is used."""
from __future__ import annotations

import numpy as np

from game.ai.registry import make
from game.content.loader import load_scenario, scenario_files
from game.runner.headless import Game
from game.sim.resolve import _answers, _as_orders, aimed_index, prepare_lean, resolve_lean, resolve_prepared


def _same(a, b) -> bool:
    return (a.turn == b.turn and a.over == b.over and a.outcome == b.outcome and a.news == b.news
            and a.pending == b.pending and a.flags == b.flags and a.obligations == b.obligations
            and a.agreements == b.agreements and a.last_orders == b.last_orders
            and all(np.array_equal(a.v[k], b.v[k]) for k in a.v))


def test_a_prepared_turn_resolves_every_plan_as_resolve_lean_does():
    sc = load_scenario(next(p for p in scenario_files() if p.stem == "meridian"))
    g = Game.new(sc, 3)
    g.lean = True
    plans = ("cooperative", "hawk", "free_rider", "greedy", "turtle", "reciprocator")
    checked = answered = 0
    for _ in range(6):
        st = g.state
        others = {k: list(make("reciprocator", k).plan(st, np.random.default_rng([st.turn, k]))) for k in range(sc.n)}
        prep = prepare_lean(st, np.random.default_rng(st.turn))
        for me in (None, 0, 3, sc.n - 1):
            for name in plans * 2:   # each plan twice: a prepared turn is not used up, its kept part is reused
                orders = dict(others)
                seat = 2 if me is None else me
                orders[seat] = make(name, seat).plan(st, np.random.default_rng(9))
                want = resolve_lean(st, orders, np.random.default_rng(st.turn))
                assert _same(resolve_prepared(prep, orders, me), want), (st.turn, me, name)
                checked += 1
                if me and _answers(st, _as_orders(st, orders), aimed_index(_as_orders(st, orders)), me):
                    answered += 1
        g.step()
    assert checked == 6 * 4 * 12
    assert answered   # some plans answered a gesture of a nation before them: those are kept apart

"""The compact why-ledger and the lean paths: columns read back as the entries recorded, reports written as JSON
show the same rows as before, and the strategist's lean resolution reaches the state a full one does."""
from __future__ import annotations

import copy
import json
import pickle

import numpy as np

from game.ai.registry import make
from game.sim.ledger import Cause, Entry, Ledger, LedgerRows, entry_to_list
from game.sim.report import Report, ledger_from_report
from game.sim.resolve import new_game, resolve_lean, resolve_turn


def computer_orders(state, seed=0):
    return {k: make(nd.doctrine, k).plan(state, np.random.default_rng(seed + k)) for k, nd in enumerate(state.scenario.nations)}


def played(meridian, turns=4):
    st, reports = new_game(meridian), []
    for t in range(turns):
        st, rep = resolve_turn(st, computer_orders(st, t), np.random.default_rng(t))
        reports.append((st, rep))
    return reports


def test_compacted_entries_are_the_recorded_ones_in_order():
    v = {"trust": np.zeros((3, 3)), "security": np.zeros(3), "stability": np.array(50.0)}
    c1, c2 = Cause("action", "joint_exercise", 0, (1,)), Cause("dynamic", "drift")
    block = np.arange(9.0).reshape(3, 3)
    raw = [Entry("trust", (0, 1), 0.25, c1), Entry("security", 2, -1.5, c1), Entry("trust", None, block, c2),
           Entry("stability", (), 3.0, c2), Entry("trust", (2, 0), 0.125, c1)]
    led = Ledger(list(raw))
    before = [repr(e) for e in led]
    rows = led.rows()
    led.compact(v)
    assert [repr(e) for e in led] == before and led.rows() == rows == [entry_to_list(e) for e in raw]
    assert rows[0][1] == [0, 1] and rows[1][1] == 2 and rows[2][1] is None and rows[3][1] == []
    for f, a in v.items():
        assert np.array_equal(led.total(f, a.shape), Ledger(list(raw)).total(f, a.shape))
    assert led.causes("trust", (0, 1)) == [(c1, 0.25), (c2, 1.0)]


def test_a_report_is_written_and_copied_with_its_rows(meridian):
    for st, rep in played(meridian, 3):
        assert isinstance(rep, Report) and isinstance(rep["ledger"], LedgerRows)
        plain = [entry_to_list(e) for e in st.ledger]
        assert list(rep["ledger"]) == plain and rep["ledger"] == plain and len(rep["ledger"]) == len(plain)
        assert json.loads(json.dumps(rep))["ledger"] == json.loads(json.dumps(plain))
        assert json.dumps(rep, sort_keys=True) == json.dumps({**dict(rep.items())}, sort_keys=True)
        for other in (copy.deepcopy(rep), pickle.loads(pickle.dumps(rep))):
            assert json.dumps(other, sort_keys=True) == json.dumps(rep, sort_keys=True)
        assert ledger_from_report(rep) is st.ledger
        back = ledger_from_report(json.loads(json.dumps(rep)))
        for f, a in st.v.items():
            assert np.allclose(back.total(f, a.shape), st.ledger.total(f, a.shape)), f


def test_the_lean_resolution_reaches_the_full_one(meridian, snapshot):
    full = lean = new_game(meridian)
    for t in range(8):
        orders = computer_orders(full, 10 + t)
        full, _ = resolve_turn(full, orders, np.random.default_rng(t), ledger=False)
        lean = resolve_lean(lean, orders, np.random.default_rng(t))
        assert snapshot(lean) == snapshot(full) and lean.news == full.news
        if full.over:
            break


def test_the_turns_generators_made_at_once_are_the_ones_made_one_by_one():
    from game.runner.headless import turn_rng, turn_rngs

    for seed, turn in ((0, 1), (7, 20), (2**32 - 1, 3), (2**40, 2)):
        for k, r in zip((0, 1, 5, 29), turn_rngs(seed, turn, 1, [0, 1, 5, 29])):
            one = turn_rng(seed, turn, 1, k)
            assert np.array_equal(r.random(4), one.random(4)) and r.integers(0, 2**31) == one.integers(0, 2**31)

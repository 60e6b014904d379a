"""The engine seen from outside: resolve_turn refuses illegal orders, never changes its input, reports plain data;
preview() tells the truth; games end at the last turn or in collapse."""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import replace

import numpy as np
import pytest

from game.ai.registry import make
from game.runner.headless import Game
from game.sim.defs import STOCKS, EffectSpec, EventDef, ScriptedEvent
from game.sim.preview import preview
from game.sim.report import ledger_from_report
from game.sim.resolve import IllegalOrders, new_game, resolve_turn
from game.sim.scoring import OUTCOMES, national_interest
from game.sim.state import Order


def rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


@pytest.fixture(scope="module")
def ids(meridian):
    return {nid: k for k, nid in enumerate(meridian.nation_ids)}


@pytest.fixture(scope="module")
def quiet(meridian):
    """Meridian with no events at all (neither drawn nor scripted): only orders and dynamics move values."""
    return replace(meridian, events=(), scripted=())


def computer_orders(state, seed=0):
    return {k: make(nd.doctrine, k).plan(state, rng(seed + k)) for k, nd in enumerate(state.scenario.nations)}


# -- illegal orders ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("orders, reason", [
    ([Order("teleport", ())], "no action 'teleport'"),
    ([Order("defence_buildup", ()), Order("personnel_exchange", (1,)), Order("ministers_dialogue", (2,)),
      Order("forum_session", (1,))], "action points"),
    ([Order("defence_buildup", ()), Order("domestic_investment", ()), Order("peacekeeping", ())], "budget"),
    ([Order("personnel_exchange", (0,))], "other than yourself"),
    ([Order("personnel_exchange", ())], "one partner"),
    ([Order("personnel_exchange", (1, 2))], "one partner"),
    ([Order("personnel_exchange", (42,))], "no nation number 42"),
    ([Order("defence_buildup", (1,))], "takes no target"),
    ([Order("ministers_dialogue", (1,)), Order("ministers_dialogue", (1,))], "twice"),
    ([Order("forum_session", (0,))], "needs a dialogue forum"),
])
def test_illegal_orders_are_refused_with_reasons(meridian, orders, reason, snapshot):
    st = new_game(meridian)
    before = snapshot(st, ledger=True)
    with pytest.raises(IllegalOrders) as info:
        resolve_turn(st, {0: orders}, rng())
    assert list(info.value.problems) == [0]
    assert any(reason in p for p in info.value.problems[0]), info.value.problems
    assert reason in str(info.value)
    assert snapshot(st, ledger=True) == before


def test_requirements_and_membership_are_checked(meridian, ids):
    st = new_game(meridian)
    bad = {
        ids["borealis"]: [Order("intel_sharing", (ids["drava"],))],            # trust 0.25 < 0.35
        ids["drava"]: [Order("withhold_contribution", (meridian.org_index("mdp"),))],   # not a member
        ids["aurelia"]: [Order("personnel_exchange", (ids["borealis"],))],     # fine
    }
    with pytest.raises(IllegalOrders) as info:
        resolve_turn(st, bad, rng())
    problems = info.value.problems
    assert set(problems) == {ids["borealis"], ids["drava"]}
    assert any("trust of at least 0.35" in p and "Drava" in p for p in problems[ids["borealis"]])
    assert any("not a member of Meridian Defence Pact" in p for p in problems[ids["drava"]])


def test_orders_for_a_nation_that_does_not_exist_are_refused(meridian):
    with pytest.raises(IllegalOrders):
        resolve_turn(new_game(meridian), {99: []}, rng())


def test_legal_orders_resolve(meridian):
    st = new_game(meridian)
    new, report = resolve_turn(st, computer_orders(st), rng())
    assert new.turn == 2 and report["turn"] == 1
    assert set(report["orders"]) == set(meridian.nation_ids)


# -- the given state is never changed; reports are plain data ------------------------------------------------

def test_the_state_given_is_never_changed(meridian, snapshot):
    g = Game.new(meridian, 11)
    g.play(turns=12)
    for st in g.history.states[:-1]:
        before = snapshot(st, ledger=True)
        arrays = {k: a.copy() for k, a in st.v.items()}
        resolve_turn(st, computer_orders(st, 3), rng(st.turn))
        assert snapshot(st, ledger=True) == before, f"turn {st.turn}"
        for k, a in st.v.items():
            np.testing.assert_array_equal(a, arrays[k], err_msg=k)
    # and the history kept by a game is still exactly what each turn started from
    again = Game.new(meridian, 11)
    again.play(turns=12)
    assert [snapshot(s, ledger=True) for s in again.history.states] == [snapshot(s, ledger=True) for s in g.history.states]


def test_reports_are_plain_json(meridian):
    g = Game.new(meridian, 4)
    g.play()
    assert len(g.history.reports) == meridian.turns
    for r in g.history.reports:
        text = json.dumps(r, allow_nan=False, sort_keys=True)
        assert json.loads(text) == r, f"turn {r['turn']}: a value does not survive JSON (tuple or numpy type)"
        for key in ("turn", "events", "orders", "obligations", "incidents", "summary", "over", "outcome", "ledger"):
            assert key in r
        assert r["ledger"], "every turn changes something, and the ledger says why"
    assert json.loads(g.to_json())["reports"] == g.history.reports


# -- preview ----------------------------------------------------------------------------------------------

def _action_changes(report, nation):
    """(field, index) -> summed delta of the ledger entries caused by `nation`'s actions in one report.
    A whole-array entry (index None: a change to many nations or pairs at once) counts element by element."""
    out = defaultdict(float)
    for e in ledger_from_report(report):
        if e.cause.kind != "action" or e.cause.actor != nation:
            continue
        if e.index is None:
            d = np.asarray(e.delta, dtype=float)
            for ix in zip(*np.nonzero(d)):
                out[(e.field, int(ix[0]) if d.ndim == 1 else tuple(int(x) for x in ix))] += float(d[ix])
        else:
            out[(e.field, e.index)] += float(e.delta)
    return dict(out)


def _preview_changes(pv, in_turns):
    return {(c["field"], c["index"]): c["delta"] for c in pv["changes"] if c["in_turns"] == in_turns}


def test_preview_does_not_change_the_state(meridian, snapshot):
    g = Game.new(meridian, 2)
    g.play(turns=6)
    st = g.state
    before = snapshot(st, ledger=True)
    for k in range(st.n):
        pv = preview(st, k, make("hawk", k).plan(st, rng(k)))
        assert pv["problems"] == []
        pv = preview(st, k, make("cooperative", k).plan(st, rng(k)))
        assert pv["changes"]
    assert snapshot(st, ledger=True) == before


def test_preview_shows_the_expected_changes(quiet, ids):
    st = new_game(quiet)
    a, b = ids["aurelia"], ids["borealis"]
    pv = preview(st, a, [Order("defence_buildup", ()), Order("joint_exercise", (b,))])
    assert pv["problems"] == []
    now, later = _preview_changes(pv, 0), _preview_changes(pv, 1)
    assert now[("militarization", a)] > 0            # a build-up looks threatening at once
    assert now[("security", a)] > 0 and later[("security", a)] > 0    # and security arrives over two turns
    assert now[("interop", (a, b))] > 0 and now[("interop", (b, a))] > 0
    # reciprocity: the same exercise answered by the partner is worth more
    answered = preview(st, a, [Order("joint_exercise", (b,))], {b: [Order("joint_exercise", (a,))]})
    alone = preview(st, a, [Order("joint_exercise", (b,))])
    assert _preview_changes(answered, 0)[("trust", (b, a))] > _preview_changes(alone, 0)[("trust", (b, a))]


def test_preview_of_illegal_orders_lists_problems_and_no_changes(meridian, ids):
    st = new_game(meridian)
    pv = preview(st, ids["borealis"], [Order("intel_sharing", (ids["drava"],))])
    assert pv["problems"] and "trust" in pv["problems"][0]
    assert pv["changes"] == []


def test_preview_gives_a_chance_not_an_outcome(quiet, ids):
    st = new_game(quiet)
    d, a = ids["drava"], ids["aurelia"]
    pv = preview(st, d, [Order("show_of_force", (a,))])
    assert len(pv["incidents"]) == 1 and 0 < pv["incidents"][0]["chance"] < 1
    assert not any(c["field"] == "escalation" for c in pv["changes"])


@pytest.mark.parametrize("nation, orders", [
    ("aurelia", [Order("defence_buildup", ()), Order("joint_exercise", (1,)), Order("personnel_exchange", (4,))]),
    ("borealis", [Order("domestic_investment", ()), Order("crisis_hotline", (3,))]),
    ("caldera", [Order("intel_sharing", (0,)), Order("capacity_building", (3,)), Order("climate_resilience", (0, 5))]),
    ("drava", [Order("defence_buildup", ()), Order("civil_military_reform", ())]),
    ("estmark", [Order("withhold_contribution", (0,)), Order("trade_agreement", (0,)), Order("capacity_building", (5,))]),
    ("caldera", [Order("forum_session", (1,))]),
    ("drava", [Order("unilateral_operation", ())]),
    ("fennor", [Order("peacekeeping", ())]),
    ("caldera", [Order("white_paper", ())]),
])
def test_preview_matches_what_the_orders_really_do(quiet, ids, nation, orders):
    """With no events and nobody else acting, the previewed changes are the ledger entries the orders cause:
    now in the turn they are played, and the delayed shares in the following turns."""
    st = new_game(quiet)
    k = ids[nation]
    pv = preview(st, k, orders)
    assert pv["problems"] == []
    horizon = max(c["in_turns"] for c in pv["changes"])
    reports = []
    for t in range(horizon + 1):
        st, report = resolve_turn(st, {k: orders} if t == 0 else {}, rng(t))
        reports.append(report)
    for in_turns, report in enumerate(reports):
        real = _action_changes(report, k)
        expected = _preview_changes(pv, in_turns)
        assert set(expected) == {key for key, d in real.items() if abs(d) > 1e-9}, in_turns
        for key, d in expected.items():
            assert real[key] == pytest.approx(d, abs=1e-4), (in_turns, key)


# -- the end --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("turns", [3, None])
def test_the_game_ends_at_the_last_turn_with_an_outcome(meridian, turns):
    sc = replace(meridian, turns=turns) if turns else meridian
    played = 0
    for seed in range(1, 6):
        g = Game.new(sc, seed)
        g.play(turns=sc.turns + 5)      # asking for more turns than the scenario has changes nothing
        reports = g.history.reports
        if len(reports) < sc.turns:      # collapsed early: that ending has its own test
            assert reports[-1]["outcome"] == "conflict"
            continue
        played += 1
        assert len(reports) == sc.turns
        assert [r["over"] for r in reports] == [False] * (sc.turns - 1) + [True]
        assert all(r["outcome"] is None for r in reports[:-1])
        assert reports[-1]["outcome"] in OUTCOMES and g.state.outcome == reports[-1]["outcome"]
        assert g.state.over
        with pytest.raises(ValueError, match="over"):
            resolve_turn(g.state, {}, rng())
    assert played >= 3


@pytest.fixture(scope="module")
def doomed(meridian):
    """A region on the brink: escalation 4, stability 10, and a scripted crisis that climbs one step in turn 1.
    Instability escalates for sure, so the ladder ends the turn at 5 however the de-escalation roll falls."""
    crisis = EventDef(id="ultimatum", name="Ultimatum", text="An ultimatum expires.", target="region", weight=0.0,
                      scale_by=None, effects=(EffectSpec("region", (("field", "escalation"), ("amount", 1.0))),))
    return replace(meridian, events=meridian.events + (crisis,), scripted=(ScriptedEvent(1, "ultimatum"),),
                   stability=10.0, params=replace(meridian.params, instability_escalation=1.0))


@pytest.mark.parametrize("seed", range(6))
def test_collapse_at_escalation_5_ends_in_conflict_and_halves_national_interest(doomed, seed):
    g = Game.new(doomed, seed)
    g.history.states[0].v["escalation"][...] = 4.0
    g.play()
    assert len(g.history.reports) == 1, "the game stops at the collapse"
    final, report = g.state, g.history.reports[0]
    assert float(final.v["escalation"]) == 5.0
    assert final.over and final.outcome == "conflict"
    assert report["over"] is True and report["outcome"] == "conflict"
    assert report["summary"]["escalation"] == 5
    w = np.array([nd.priorities for nd in doomed.nations], dtype=float)
    stocks = np.stack([final.v[s] for s in STOCKS], axis=1)
    stake = doomed.params.regional_stake            # National Interest carries the region's stability, then is cut
    undamaged = (1 - stake) * (stocks * w).sum(axis=1) / w.sum(axis=1) + stake * float(final.v["stability"])
    np.testing.assert_allclose(national_interest(final), doomed.params.conflict_penalty * undamaged)
    for k, nid in enumerate(doomed.nation_ids):
        assert report["summary"]["national_interest"][nid] == pytest.approx(doomed.params.conflict_penalty * undamaged[k], abs=1e-3)
    with pytest.raises(ValueError):
        resolve_turn(final, {}, rng())


def test_a_lean_resolution_keeps_no_ledger_and_reaches_the_same_state(meridian, snapshot):
    # batch runs and the strategist's look-ahead resolve without a ledger; the numbers must not notice
    full = lean = new_game(meridian)
    for turn in range(1, 9):
        orders = computer_orders(full, seed=turn)
        full, rep_full = resolve_turn(full, orders, rng(turn))
        lean, rep_lean = resolve_turn(lean, orders, rng(turn), ledger=False)
        assert snapshot(lean) == snapshot(full)
        assert rep_full["ledger"] and rep_lean["ledger"] == [] and len(lean.ledger) == 0
        assert {k: v for k, v in rep_lean.items() if k != "ledger"} == {k: v for k, v in rep_full.items() if k != "ledger"}

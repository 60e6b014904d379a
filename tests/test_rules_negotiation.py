"""Tests of docs/rules.md section 12 (negotiation): test_R12_<n>_... checks clause R12.<n>."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from rules_fixtures import O, meridian, mini, org, step

from game.ai import dealing
from game.ai.levers import weigh
from game.ai.registry import make
from game.runner.headless import Game
from game.sim import agreements
from game.sim.deals import Deal, Term, asks, deal_problems
from game.sim.defs import NegotiationRules, Params
from game.sim.report import describe_cause
from game.sim.resolve import new_game
from game.sim.state import Order

JOINT = (Term("joint", action="personnel_exchange"),)


def sign(st, *deals):
    return agreements.signed(st, list(deals))


def trust_by(state, i, j, kind="agreement"):
    return sum(d for c, d in state.ledger.causes("trust", (i, j)) if c.kind == kind)


# == R12.1 the negotiation step =========================================================================
def test_R12_1_computer_nations_sign_deals_before_planning_and_a_scenario_may_turn_it_off():
    sc = mini(3, default_trust=0.6)
    g = Game.new(sc, 1, {"n0": "reciprocator", "n1": "reciprocator", "n2": "hawk"})
    rep = g.step()
    assert rep["agreements"], "trusting reciprocators deal"
    first = rep["agreements"][0]
    assert first["id"] == "1.1" and first["signed"] == 1 and set(first["parties"]) <= {"n0", "n1"}
    assert all("n2" not in a["parties"] for a in rep["agreements"])           # the hawk proposes nothing
    off = Game.new(replace(sc, negotiation=NegotiationRules(enabled=False)), 1,
                   {"n0": "reciprocator", "n1": "reciprocator", "n2": "hawk"})
    assert off.step()["agreements"] == []
    assert deal_problems(new_game(off.scenario), Deal(0, (0, 1), JOINT), off.scenario.negotiation) == \
        ["negotiation is off in this scenario"]


def test_R12_1_a_counter_ends_the_first_proposal_countered_and_is_a_proposal_of_its_own(tmp_path, monkeypatch):
    from game.app.session import GameSession, Seat
    from game.content import saves

    monkeypatch.setenv(saves.ENV_DATA, str(tmp_path))
    sc = meridian()
    s = GameSession.new(tmp_path / "m.yaml", sc, 3, {k: Seat(k < 2, nd.doctrine) for k, nd in enumerate(sc.nations)},
                        autosave=False)
    neg = s.negotiation
    assert neg.propose(Deal(0, (0, 1), (Term("joint", action="joint_exercise"),))) == []
    first = neg.waiting_for(1)[-1]
    assert neg.counter(first.id, 1, JOINT) == []
    assert first.status == "countered"
    second = neg.waiting_for(0)[-1]
    assert second.counter_of == first.id and second.deal.proposer == 1
    assert neg.answer(second.id, 0, "accept") == [] and second.agreement is not None
    assert second.deal in neg.deals()


# == R12.2 terms ========================================================================================
def test_R12_2_a_joint_term_asks_each_party_to_aim_the_gesture_at_each_other_party():
    st = new_game(mini(3))
    d = Deal(0, (0, 1, 2), JOINT)
    assert asks(st, d, 0) == [O("personnel_exchange", 1), O("personnel_exchange", 2)]
    assert asks(st, Deal(0, (0, 1), (Term("trade"),)), 1) == [O("trade_agreement", 0)]
    assert asks(st, Deal(0, (0, 1), (Term("hotline"),)), 0) == [O("crisis_hotline", 1)]
    new, rep = step(sign(st, Deal(0, (0, 1), JOINT)), {0: [O("personnel_exchange", 1)], 1: []})
    rec = rep["agreements"][0]
    assert rec["kept"] == {"n0": True, "n1": False} and rec["status"] == "broken"


def test_R12_2_pledges_run_their_turns_no_build_up_and_contribute_are_checked_every_turn():
    sc = mini(3, orgs=(org("forum", "dialogue_forum", (0, 1, 2)),))
    st = new_game(sc)
    pledge = Deal(0, (0, 1), (Term("pledge", pledge="no_buildup", turns=2),))
    s1, r1 = step(sign(st, pledge), {0: [O("white_paper")], 1: []})
    assert r1["agreements"][0]["status"] == "running" and len(s1.agreements) == 1
    s2, r2 = step(s1, {0: [], 1: [O("defence_buildup")]})
    assert r2["agreements"][0]["kept"] == {"n0": True, "n1": False} and r2["agreements"][0]["status"] == "broken"
    assert s2.agreements == []
    contribute = Deal(0, (0, 1), (Term("pledge", pledge="contribute", org=0, turns=1),))
    _, r = step(sign(st, contribute), {0: [O("forum_session", 0)], 1: [O("withhold_contribution", 0)]})
    assert r["agreements"][0]["kept"] == {"n0": True, "n1": False}
    kept, r = step(sign(st, contribute), {0: [O("forum_session", 0)], 1: [O("forum_session", 0)]})
    assert r["agreements"][0]["status"] == "kept" and kept.agreements == []


# == R12.3 refusals =====================================================================================
def test_R12_3_a_deal_that_cannot_be_kept_is_refused_with_reasons():
    sc = mini(3, capacity=1, default_trust=0.2, orgs=(org("pact", "collective_defence", (0, 1)),))
    st, rules = new_game(sc), sc.negotiation
    assert deal_problems(st, Deal(0, (0,), JOINT), rules) == ["a deal is between 2 and 4 different nations"]
    assert deal_problems(st, Deal(0, (0, 1), ()), rules) == ["a deal needs at least one term"]
    assert deal_problems(st, Deal(0, (0, 1), (Term("joint", action="show_of_force"),)), rules) == \
        ["Show of force is not a gesture two nations make toward each other"]
    assert deal_problems(st, Deal(0, (0, 1), (Term("pledge", pledge="share_intel"),)), rules)[0].startswith(
        "Intelligence sharing with Nation1 needs trust of at least 0.35")
    assert deal_problems(st, Deal(0, (0, 2), (Term("pledge", pledge="contribute", org=0),)), rules) == \
        ["Nation2 is not a member of PACT"]
    assert deal_problems(st, Deal(0, (0, 1), (Term("pledge", pledge="no_buildup", turns=9),)), rules) == \
        ["a pledge runs 1 to 3 turns"]
    two = Deal(0, (0, 1, 2), JOINT)   # two exchanges with one action point
    assert deal_problems(st, two, rules) == [f"Nation{k} cannot keep this: its deals this turn need 2 action points, "
                                             "it has 1" for k in range(3)]
    first = Deal(0, (0, 1), JOINT)
    assert deal_problems(st, Deal(1, (1, 2), (Term("trade"),)), rules, [first])[0].startswith("Nation1 cannot keep")
    narrow = replace(sc, negotiation=NegotiationRules(terms=("joint",)))
    assert deal_problems(st, Deal(0, (0, 1), (Term("trade"),)), narrow.negotiation) == \
        ["this scenario does not allow trade terms"]


# == R12.4 checking ======================================================================================
@pytest.mark.parametrize("public", [True, False])
def test_R12_4_kept_builds_trust_broken_costs_more_than_twice_as_much_and_public_costs_influence(public):
    p = Params()
    st = sign(new_game(mini(3)), Deal(0, (0, 1), JOINT, public=public))
    new, rep = step(st, {0: [O("personnel_exchange", 1)], 1: [O("white_paper")]})
    assert trust_by(new, 1, 0) == pytest.approx(p.kept_commitment)          # 1 trusts the one who kept more
    assert trust_by(new, 0, 1) == pytest.approx(-p.broken_commitment)       # and 0 the one who broke less
    assert p.broken_commitment >= 2 * p.kept_commitment
    lost = sum(d for c, d in new.ledger.causes("influence", 1) if c.kind == "agreement")
    assert lost == pytest.approx(-2.0 if public else 0.0)
    cause = next(c for c, _ in new.ledger.causes("trust", (0, 1)) if c.kind == "agreement")
    assert describe_cause(new.scenario, cause) == \
        "Nation1 broke agreement 1.1: Personnel exchange together (Nation0, Nation1)"
    assert rep["agreements"][0]["status"] == "broken" and new.agreements == []


def test_R12_4_a_plan_is_judged_before_the_turn_as_resolution_judges_it():
    """agreements.unmet (what the planning screen shows) is empty exactly when check() finds the party kept it."""
    from itertools import combinations

    from game.sim.orders import order_problems
    st = new_game(meridian())
    pact = next(k for k, o in enumerate(st.scenario.orgs) if o.kind == "collective_defence")
    terms = (Term("joint", action="personnel_exchange"), Term("pledge", pledge="no_buildup", turns=2),
             Term("pledge", pledge="contribute", org=pact, turns=2))
    st = sign(st, Deal(0, (0, 1), terms))
    ag = st.agreements[0]
    pool = [O("personnel_exchange", 1), O("ministers_dialogue", 1), O("defence_buildup"), O("white_paper"),
            O("withhold_contribution", pact), O("forum_session", pact), O("ministers_dialogue", 2)]
    seen = set()
    for r in range(4):
        for plan in map(list, combinations(pool, r)):
            if order_problems(st, 0, plan):
                continue
            _, rep = step(st, {0: plan, 1: asks(st, ag.deal, 1)})
            kept = rep["agreements"][0]["kept"][st.scenario.nation_ids[0]]
            assert (agreements.unmet(st, ag, 0, plan) == []) == kept, plan
            seen.add(kept)
    assert seen == {True, False}


def test_R12_4_the_tally_counts_a_partys_word_kept_when_the_other_broke_the_agreement():
    """made = kept + broken + still running, per party: the batch table and report.html read it (tally)."""
    st = sign(new_game(mini(3)), Deal(0, (0, 1), JOINT), Deal(0, (0, 2), (Term("pledge", pledge="no_buildup", turns=3),)))
    _, rep = step(st, {0: [O("personnel_exchange", 1)], 1: [O("white_paper")]})
    t = agreements.tally([rep])
    assert (t["n0"]["made"], t["n0"]["kept"], t["n0"]["broken"]) == (2, 1, 0)     # one kept, the pledge runs on
    assert (t["n1"]["made"], t["n1"]["kept"], t["n1"]["broken"]) == (1, 0, 1)
    assert (t["n2"]["made"], t["n2"]["kept"], t["n2"]["broken"]) == (1, 0, 0)     # running: neither yet


# == R12.5 the joint bonus ===============================================================================
def test_R12_5_a_kept_joint_term_is_reciprocated_for_both():
    st = sign(new_game(mini(2)), Deal(0, (0, 1), JOINT))
    _, rep = step(st, {k: asks(st, st.agreements[0].deal, k) for k in (0, 1)})
    assert all(o["reciprocated"] for k in ("n0", "n1") for o in rep["orders"][k])
    assert rep["agreements"][0]["status"] == "kept"


# == R12.6 public and private ============================================================================
def test_R12_6_the_report_lists_each_agreement_and_a_private_one_is_seen_by_its_parties_only():
    st = sign(new_game(mini(3)), Deal(0, (0, 1), JOINT, public=False), Deal(1, (1, 2), (Term("hotline"),)))
    _, rep = step(st, {0: [O("personnel_exchange", 1)], 1: [O("personnel_exchange", 0), O("crisis_hotline", 2)],
                       2: [O("crisis_hotline", 1)]})
    private, public = rep["agreements"]
    assert (private["public"], public["public"]) == (False, True)
    assert set(private) == {"id", "name", "proposer", "parties", "terms", "public", "signed", "until", "kept", "status"}
    assert [a["id"] for a in agreements.visible(rep["agreements"], "n2")] == ["1.2"]
    assert [a["id"] for a in agreements.visible(rep["agreements"], "n0")] == ["1.1", "1.2"]
    assert len(agreements.visible(rep["agreements"], None)) == 2        # the facilitator sees all


# == R12.7 computer nations ===============================================================================
def test_R12_7_the_reciprocator_deals_with_the_trusted_only_and_keeps_its_word():
    sc = mini(3, default_trust=0.6, trust=((0, 2, 0.2),))
    st = new_game(sc)
    to_trusted, to_distrusted = Deal(1, (1, 0), JOINT), Deal(2, (2, 0), JOINT)
    assert dealing.accepts(st, 0, "reciprocator", to_trusted)
    assert not dealing.accepts(st, 0, "reciprocator", to_distrusted)
    signed = sign(st, to_trusted)
    plan = make("reciprocator", 0).plan(signed, np.random.default_rng(0))
    assert plan[0] == O("personnel_exchange", 1)
    assert O("personnel_exchange", 1) not in make("breaker", 0).plan(signed, np.random.default_rng(0))


def test_R12_7_the_hawk_proposes_nothing_and_the_free_rider_signs_only_cheap_deals():
    sc = mini(3, default_trust=0.6)
    st = new_game(sc)
    assert dealing.proposal(st, 0, "hawk") is None
    assert not dealing.accepts(st, 0, "hawk", Deal(1, (1, 0), (Term("trade"),)))
    assert not dealing.accepts(st, 0, "free_rider", Deal(1, (1, 0), JOINT))   # an exchange it would not make
    offered = dealing.offers(st, 0, "free_rider")
    assert Deal(0, (0, 1), (Term("trade"),)) in offered
    own = dealing.planned(st, 0, make("free_rider", 0), (), None)
    for d in offered:   # the rest: a gesture it makes this turn anyway, made together
        assert d.terms[0].kind == "trade" or all(o in own for o in asks(st, d, 0))
    gesture = next(o for o in own if st.scenario.action(o.action).reciprocity > 0)
    together = Deal(gesture.targets[0], (gesture.targets[0], 0), (Term("joint", action=gesture.action),))
    assert dealing.accepts(st, 0, "free_rider", together)                      # it gives nothing up for it
    assert dealing.proposal(st, 0, "nothing") is None and not dealing.accepts(st, 0, "turtle", Deal(1, (1, 0), JOINT))


def test_R12_7_the_strategist_weighs_a_deal_by_the_line_it_would_play_with_and_without_it():
    from game.ai.planner import Planner

    st = new_game(mini(3, default_trust=0.6))
    good = Deal(1, (1, 0), JOINT)
    me = make("planner", 0)
    assert isinstance(me, Planner)
    line = me.deal_line(st)
    assert line is not None and line[1] == me.lines(st, me.deal_seeds(st))[0][1]   # first turn: its best plan
    worth = me.deal_worth(st, sign(st, good), line)
    assert worth == pytest.approx(me.deal_worth(st, sign(st, good), me.deal_line(st)))   # a pure function
    assert dealing.accepts(st, 0, "planner", good) == (worth > 0)
    assert me.honour(sign(st, good), line[1])[0] == O("personnel_exchange", 1)   # played with what the deal asks first
    later, _ = step(st, {0: [O("domestic_investment")]})
    again = me.deal_line(later)   # later: last turn's orders, repeated
    assert again is not None and again[1] == [O("domestic_investment")]


def test_R12_7_the_strategist_keeps_every_deal_it_signs():
    """It weighs a deal as kept, so it keeps it: before, it signed an exercise and then played the greedy plan that
    broke it (Morvane at the tutorial, 2 of 3 of its deals broken)."""
    from game.content.loader import load_scenario

    tutorial = load_scenario(Path(__file__).resolve().parents[1] / "game" / "data" / "scenarios" / "tutorial.yaml")
    kept = 0
    for seed in (3, 8):
        g = Game.new(tutorial, seed, {"morvane": "planner"})
        g.play()
        for rep in g.history.reports:
            for ag in rep["agreements"]:
                if "morvane" in ag["parties"]:
                    assert ag["kept"]["morvane"], (seed, rep["turn"], ag["name"])
                    kept += 1
    assert kept >= 3   # it does deal, so the check above is not vacuous


def test_R12_7_a_deal_never_pushes_out_a_forum_session_the_nation_would_attend():
    sc = mini(3, capacity=1, default_trust=0.45, orgs=(org("forum", "dialogue_forum", (0, 1, 2)),))
    st = new_game(sc)
    me = make("reciprocator", 0)
    d = Deal(1, (1, 0), JOINT)
    assert dealing.bar(st, 0, me, d) == np.inf                      # its one action point goes to the forum
    assert not dealing.accepts(st, 0, "reciprocator", d)
    assert dealing.bar(new_game(replace(sc, orgs=())), 0, me, d) < np.inf


def test_R12_7_the_bar_is_what_the_deal_pushes_out_of_the_plan_and_nothing_for_what_it_plays_anyway():
    st = new_game(mini(3, capacity=2, default_trust=0.6))
    me = make("reciprocator", 0)
    plan = dealing.planned(st, 0, me, (), None)
    assert len(plan) == 2
    anyway = next(o for o in plan if st.scenario.action(o.action).target == "partner")
    same = Deal(anyway.targets[0], (anyway.targets[0], 0), (Term("joint", action=anyway.action),))
    assert dealing.bar(st, 0, me, same) == dealing.WORTH           # gives nothing up: only the floor
    other = next(c for c in ("personnel_exchange", "joint_exercise", "intel_sharing")
                 if all(o.action != c for o in plan))
    d = Deal(1, (1, 0), (Term("joint", action=other),))
    after = dealing.planned(st, 0, me, (d,), None)
    dropped = [o for o in plan if o not in after]
    assert len(dropped) == 1 and Order(other, (1,)) in after      # what it owes comes first, its weakest order goes
    scores = {o: s for s, o in weigh(st, 0, me.candidates(st))}
    assert dealing.bar(st, 0, me, d) == pytest.approx(max(dealing.WORTH, scores[dropped[0]]))


def test_R12_7_a_deal_is_worth_the_trust_keeping_it_earns():
    sc = mini(3, default_trust=0.6)
    st = new_game(sc)
    values = make("reciprocator", 0).values
    d = Deal(1, (1, 0), JOINT)
    free = new_game(replace(sc, params=replace(sc.params, kept_commitment=0.0)))
    gain = values["trust_in_me"] * 100 * sc.params.kept_commitment / 1.5   # one other party, one action point
    assert dealing.value(st, 0, d, values) - dealing.value(free, 0, d, values) == pytest.approx(gain)
    assert dealing.value(st, 0, d, make("hawk", 0).values) == \
        pytest.approx(dealing.value(free, 0, d, make("hawk", 0).values))   # a hawk sets no store by trust


def test_R12_7_a_computer_nation_in_a_deal_this_round_proposes_no_other():
    sc = mini(4, default_trust=0.7)
    st = new_game(sc)
    names = {k: "cooperative" for k in range(4)}
    out = dealing.negotiate(st, names)
    assert out, "trusting cooperatives deal"
    for k, d in enumerate(out):
        assert not any(d.proposer in e.parties for e in out[:k])    # its proposer was in no deal signed before it

"""One or more tests per clause of docs/rules.md: the test named test_R<s>_<n>_... checks clause R<s>.<n>."""
from __future__ import annotations

import json
import random
import re
from dataclasses import replace

import numpy as np
import pytest
from rules_fixtures import (
    BASE_ONLY,
    ROOT,
    FixedRng,
    O,
    action,
    action_row,
    base_ruleset,
    event,
    event_row,
    fx,
    meridian,
    mini,
    org,
    step,
    threat,
    threat_row,
)

from game.content.loader import load_scenario
from game.content.yamlsafe import ContentError
from game.sim import dynamics, effects
from game.sim.defs import Params, ScriptedEvent
from game.sim.events import draw_events, event_chance, pick_targets
from game.sim.history import History
from game.sim.ledger import Cause
from game.sim.orders import options, order_problems
from game.sim.preview import preview
from game.sim.report import describe_cause, ledger_from_report
from game.sim.resolve import IllegalOrders, new_game, resolve_turn
from game.sim.scoring import national_interest, outcome, ranking
from game.sim.serialize import state_from_dict, state_to_dict
from game.sim.state import Obligation

RULES = ROOT / "docs" / "rules.md"


# -- helpers -----------------------------------------------------------------------------------------
def by(state, field, index, cause_id, actor=None):
    """Change to one value in the last resolution caused by `cause_id` (and by nation `actor`, if given)."""
    return sum(d for c, d in state.ledger.causes(field, index)
               if c.id == cause_id and (actor is None or c.actor == actor))


def signal(action_id, mil=30.0, p=Params()):
    """R4.5 written out: the factor on trust a gesture makes others place in its sender (mini's nations: militarization 30)."""
    a = next(x for x in base_ruleset().actions if x.id == action_id)
    return (p.signal_base + p.signal_cost * (a.ap + a.budget)) * (1 - p.posture_discount * mil / 100)


def first_index(state, cause_id):
    return next(k for k, e in enumerate(state.ledger.entries) if e.cause.id == cause_id)


def appendix_rows(title):
    """The body rows of the markdown table under the heading `title` in docs/rules.md."""
    lines = RULES.read_text(encoding="utf-8").splitlines()
    start = next(k for k, line in enumerate(lines) if line.startswith("## ") and title in line)
    rows = []
    for line in lines[start + 1:]:
        if line.startswith("## "):
            break
        if line.startswith("|"):
            rows.append([c.strip() for c in line.strip().strip("|").split("|")])
    return rows[2:]  # header and separator


RAID = event("raid", [fx("stock", stock="support", amount=-1, who="target")], attack=True)
STORM = event("storm", [fx("stock", stock="support", amount=-1, who="target")])


def alliance(n=3, members=(0, 1, 2), scripted_raid_on=0, **kw):
    """n nations, a collective defence pact, and a scripted attack on one member in turn 1."""
    return mini(n, orgs=(org("pact", "collective_defence", members, cohesion=0.6),), events=(RAID, STORM),
                scripted=(ScriptedEvent(1, "raid", (scripted_raid_on,)),), **kw)


# == 1 The turn ========================================================================================
def test_R1_1_resolving_returns_the_next_turn_and_a_report_and_leaves_the_old_state_alone():
    st = new_game(meridian())
    before = {k: a.copy() for k, a in st.v.items()}
    new, rep = step(st, {0: [O("defence_buildup")], 3: [O("show_of_force", 1)]}, seed=1)
    assert st.turn == 1 and new.turn == 2
    assert all(np.array_equal(st.v[k], before[k]) for k in before)
    assert st.pending == [] and len(new.pending) == 1  # the build-up's second share waits in the new state only
    assert new.v["militarization"][0] > st.v["militarization"][0]
    assert rep["turn"] == 1
    assert {"events", "orders", "obligations", "incidents", "efforts", "organizations", "ladder", "summary",
            "ledger"} <= set(rep)
    assert rep["orders"]["drava"][0]["action"] == "show_of_force"


def test_R1_2_scripted_events_strike_on_their_turn_and_targets():
    sc = mini(3, events=(STORM,), scripted=(ScriptedEvent(2, "storm", (2,)),))
    s1, r1 = step(new_game(sc))
    s2, r2 = step(s1)
    assert r1["events"] == []
    assert [(e["id"], e["targets"]) for e in r2["events"]] == [("storm", ["n2"])]
    assert by(s2, "support", 2, "storm") == pytest.approx(-1.0)
    assert by(s2, "support", 0, "storm") == 0.0


def test_R1_2_a_scripted_event_is_not_also_drawn_and_the_deck_gives_at_most_three():
    deck = tuple(event(f"e{k}", [fx("stock", stock="influence", amount=-1, who="all")], target="region", weight=1.0)
                 for k in range(5))
    sc = mini(3, events=deck, scripted=(ScriptedEvent(1, "e0"),))
    _, rep = resolve_turn(new_game(sc), {}, FixedRng(0.0))  # every roll succeeds
    ids = [e["id"] for e in rep["events"]]
    assert ids[0] == "e0" and ids.count("e0") == 1          # scripted first, never twice
    assert len(ids) == 4                                     # the scripted one plus 3 from the deck
    _, rep = resolve_turn(new_game(replace(sc, scripted=())), {}, FixedRng(0.0))
    assert len(rep["events"]) == 3


def test_R1_3_deck_chance_is_weight_times_its_factor_capped_at_0_9():
    def ev(scale_by, weight=0.2, target="nation"):
        return event("x", [], target=target, weight=weight, scale_by=scale_by)
    sc = mini(3, threats=(threat("t", start=30),))
    st = new_game(sc)
    assert event_chance(st, ev("threat:t")) == pytest.approx(0.2 * 1.0)
    st.v["threat"][0] = 100
    assert event_chance(st, ev("threat:t")) == pytest.approx(0.2 * 2.75)
    st.v["tension"][0, 1] = 0.5
    assert event_chance(st, ev("tension")) == pytest.approx(0.2 * (0.3 + 1.5))
    st.v["support"][:] = [30, 60, 90]
    assert event_chance(st, ev("low_support")) == pytest.approx(0.2 * 1.3)
    st.v["support"][:] = 100
    assert event_chance(st, ev("low_support")) == 0.0
    st.v["security"][:] = [45, 80, 80]
    assert event_chance(st, ev("low_security")) == pytest.approx(0.2 * 0.8)
    assert event_chance(st, ev("distrust")) == pytest.approx(0.2 * (0.5 + 0.55))
    assert event_chance(st, ev(None)) == pytest.approx(0.2)
    assert event_chance(st, ev("tension", weight=1.0)) == pytest.approx(0.9)


def test_R1_3_a_deck_event_strikes_about_as_often_as_its_chance():
    sc = mini(3, events=(event("coin", [], target="region", weight=0.5),))
    st, rng = new_game(sc), np.random.default_rng(7)
    hits = sum(len(draw_events(st, rng)) for _ in range(600))
    assert 0.42 < hits / 600 < 0.58


def test_R1_3_appendix_b_is_the_base_event_deck():
    assert appendix_rows("Appendix B") == [event_row(e) for e in base_ruleset().events]


def test_R1_4_the_weak_are_struck_more_often_and_the_shield_protects():
    crisis = event("crisis", [], scale_by="low_support")
    st = new_game(mini(3, nation_stocks=[(50, 50, 10, 50), (50, 50, 60, 50), (50, 50, 100, 50)]))
    rng = np.random.default_rng(1)
    hits = np.bincount([pick_targets(st, crisis, rng)[0] for _ in range(3000)], minlength=3)
    assert hits[0] > hits[1] > hits[2] and hits[0] > 5 * hits[2]      # weights 100 : 50 : 10
    shielded = event("coup", [], shield="reformed")
    st = new_game(mini(3))
    st.flags[("reformed", 0)] = st.turn + 3
    hits = np.bincount([pick_targets(st, shielded, rng)[0] for _ in range(3000)], minlength=3)
    assert hits[0] < 0.45 * hits[1] and hits[0] < 0.45 * hits[2]       # 0.3 : 1 : 1


def test_R1_4_pair_events_strike_tense_pairs_and_region_events_no_one():
    clash = event("clash", [], target="pair", scale_by="tension")
    st = new_game(mini(3))
    st.v["tension"][1, 2] = st.v["tension"][2, 1] = 0.8
    rng = np.random.default_rng(2)
    picks = [pick_targets(st, clash, rng) for _ in range(2000)]
    assert all(a != b for a, b in picks)
    assert sum(set(p) == {1, 2} for p in picks) / len(picks) > 0.7
    assert pick_targets(st, event("slump", [], target="region"), rng) == ()


def test_R1_5_delayed_effects_fall_due_after_the_events_and_before_the_orders():
    sc = mini(3, events=(STORM,), scripted=(ScriptedEvent(2, "storm", (0,)),))
    s1, _ = step(new_game(sc), {0: [O("personnel_exchange", 1)]})
    assert s1.v["interop"][0, 1] == 0.0        # its interoperability starts next turn
    s2, _ = step(s1, {0: [O("white_paper")]})
    assert by(s2, "interop", (0, 1), "personnel_exchange") == pytest.approx(0.02)
    assert first_index(s2, "storm") < first_index(s2, "personnel_exchange") < first_index(s2, "white_paper")


def test_R1_6_orders_run_in_listing_order_so_an_earlier_dialogue_calms_a_later_show_of_force_only():
    st = new_game(mini(3))
    _, talk_first = step(st, {1: [O("ministers_dialogue", 0)], 2: [O("show_of_force", 1)]})
    _, talk_last = step(st, {1: [O("ministers_dialogue", 2)], 0: [O("show_of_force", 1)]})
    # same tension and hotline in both; only the timing of the dialogue flag differs
    assert talk_first["incidents"][0]["chance"] == pytest.approx(0.7 * talk_last["incidents"][0]["chance"], abs=1e-4)


def test_R1_6_what_orders_know_is_simultaneous_a_later_nation_still_reciprocates():
    s, rep = step(new_game(mini(3)), {0: [O("joint_exercise", 2)], 2: [O("joint_exercise", 0)]})
    assert rep["orders"]["n0"][0]["reciprocated"] and rep["orders"]["n2"][0]["reciprocated"]
    assert by(s, "trust", (2, 0), "joint_exercise", actor=0) == pytest.approx(0.04 * 1.5 * signal("joint_exercise"))


def test_R1_7_after_the_orders_the_dynamics_run_in_a_fixed_order():
    sc = alliance(threats=(threat("t", start=40, growth=2),))
    s1, _ = step(new_game(sc))
    s1.v["escalation"][...] = 2.0
    s1.v["stability"][...] = 20.0
    s2, _ = resolve_turn(s1, {1: [O("personnel_exchange", 2)]}, FixedRng(0.0))
    order = ["personnel_exchange", "broken", "t", "threat growth", "collective effort", "burden-sharing",
             "security dilemma", "drift", "gravity trade", "trade", "investment attracted by stability",
             "escalation", "regional climate", "de-escalation", "instability"]
    firsts = [first_index(s2, c) for c in order]
    assert firsts == sorted(firsts)


def test_R1_8_the_game_ends_after_the_last_turn_and_then_refuses_everything():
    st = new_game(mini(3, turns=2))
    s1, r1 = step(st)
    assert not s1.over and not r1["over"] and s1.outcome is None
    s2, r2 = step(s1)
    assert s2.over and r2["over"] and s2.outcome in ("secure", "fragile", "conflict")
    assert order_problems(s2, 0, [O("white_paper")]) == ["the game is over"]
    with pytest.raises(ValueError):
        step(s2)


# == 2 Orders and legality =============================================================================
def test_R2_1_orders_may_not_exceed_action_points():
    st = new_game(mini(3, capacity=2))
    two = [O("ministers_dialogue", 1), O("ministers_dialogue", 2)]
    assert order_problems(st, 0, two) == []
    errs = order_problems(st, 0, two + [O("white_paper")])
    assert errs == ["these orders need 3 action points; Nation0 has 2"]


def test_R2_1_budget_is_economy_over_ten_rounded_down():
    st = new_game(mini(3, nation_stocks=[(50, 39.9, 50, 50), (50, 59.9, 50, 50), (50, 50, 50, 50)]))
    assert st.budget(0) == 3 and st.budget(1) == 5
    assert order_problems(st, 0, [O("defence_buildup")]) == []
    errs = order_problems(st, 0, [O("defence_buildup"), O("white_paper")])
    assert errs == ["these orders cost 4 budget; Nation0 has 3 (economy / 10)"]


def test_R2_1_what_the_budget_allows_is_spent_from_the_economy():
    s, _ = step(new_game(mini(3)), {0: [O("white_paper"), O("personnel_exchange", 1)]})
    spent = [d for c, d in s.ledger.causes("economy", 0) if c.kind == "action"]
    assert spent == [pytest.approx(-Params().spend_cost * 1)] * 2           # one budget point each, neither has economy effects


def test_R2_2_targets_must_fit_the_action():
    sc = mini(4, orgs=(org("cd", "collective_defence", (0, 1)), org("forum", "dialogue_forum", (1, 2, 3))),
              threats=(threat("terrorism"),))
    st = new_game(sc)

    def problems(*orders):
        return " / ".join(order_problems(st, 0, list(orders)))
    assert "takes no target" in problems(O("white_paper", 1))
    assert "needs one partner" in problems(O("joint_exercise"))
    assert "needs one partner" in problems(O("joint_exercise", 1, 2))
    assert "other than yourself" in problems(O("joint_exercise", 0))
    assert "there is no nation number 9" in problems(O("joint_exercise", 9))
    assert "1 to 3 partners" in problems(O("counter_terrorism", 1, 2, 3, 3))
    assert "names the same partner twice" in problems(O("counter_terrorism", 1, 1))
    assert problems(O("counter_terrorism", 1, 2, 3)) == ""
    assert "is not a member" in problems(O("withhold_contribution", 1))
    assert "needs a dialogue forum" in problems(O("forum_session", 0))
    assert problems(O("withhold_contribution", 0)) == ""           # any organization of one's own
    assert order_problems(st, 1, [O("forum_session", 1)]) == []


def test_R2_3_intelligence_sharing_needs_your_own_trust_of_0_35():
    sc = mini(3, trust=((0, 1, 0.35), (1, 0, 0.34)), pairs=(("interop", 0, 2, 0.2), ("interop", 2, 0, 0.19)))
    st = new_game(sc)
    assert order_problems(st, 0, [O("intel_sharing", 1)]) == []
    errs = order_problems(st, 1, [O("intel_sharing", 0)])
    assert errs == ["Intelligence sharing with Nation0 needs trust of at least 0.35 (now 0.34)"]
    assert order_problems(st, 0, [O("special_forces", 2)]) == []
    assert "needs interop of at least 0.20" in order_problems(st, 2, [O("special_forces", 0)])[0]


def test_R2_4_the_same_order_twice_is_refused_but_the_same_action_toward_two_partners_is_not():
    st = new_game(mini(3))
    assert order_problems(st, 0, [O("joint_exercise", 1), O("joint_exercise", 1)]) == [
        "the same order is given twice: joint_exercise toward Nation1"]
    assert order_problems(st, 0, [O("white_paper"), O("white_paper")]) == [
        "the same order is given twice: white_paper"]
    s, _ = step(st, {0: [O("joint_exercise", 1), O("joint_exercise", 2)]})
    assert by(s, "trust", (1, 0), "joint_exercise") > 0 and by(s, "trust", (2, 0), "joint_exercise") > 0


def test_R2_5_illegal_orders_stop_the_turn_and_every_problem_is_listed():
    st = new_game(mini(3))
    before = st.v["trust"].copy()
    with pytest.raises(IllegalOrders) as info:
        step(st, {0: [O("teleport")], 1: [O("joint_exercise", 1)], 2: [O("white_paper")]})
    assert set(info.value.problems) == {0, 1}
    assert info.value.problems[0] == ["there is no action 'teleport'"]
    assert "other than yourself" in info.value.problems[1][0]
    assert "teleport" in str(info.value)
    assert np.array_equal(st.v["trust"], before) and st.turn == 1
    with pytest.raises(IllegalOrders) as info:
        step(st, {7: [O("white_paper")]})
    assert info.value.problems == {7: ["there is no nation number 7"]}


def test_R2_5_a_nation_that_gives_no_orders_passes():
    s, rep = step(new_game(mini(3)), {0: [O("white_paper")]})
    assert s.turn == 2 and rep["orders"]["n1"] == [] and rep["orders"]["n2"] == []


def test_R2_6_options_list_only_what_the_nation_can_play():
    st = new_game(mini(3, trust=((0, 1, 0.2),), nation_stocks=[(50, 29, 50, 50)] + [(50, 50, 50, 50)] * 2))
    opts = options(st, 0)
    assert O("intel_sharing", 2) in opts and O("intel_sharing", 1) not in opts   # trust 0.2 in nation 1
    assert O("defence_buildup") not in opts                                     # budget 2, build-up costs 3
    assert O("white_paper") in opts
    assert all(order_problems(st, 0, [o]) == [] for o in opts)


def test_R2_6_preview_shows_now_later_chances_and_answers_without_changing_the_game():
    st = new_game(mini(3))
    before = {k: a.copy() for k, a in st.v.items()}
    pv = preview(st, 0, [O("defence_buildup"), O("show_of_force", 1)])
    got = {(c["field"], tuple(np.atleast_1d(c["index"])), c["in_turns"]): c["delta"] for c in pv["changes"]}
    assert got[("security", (0,), 0)] == pytest.approx(2.0) and got[("security", (0,), 1)] == pytest.approx(2.0)
    assert got[("militarization", (0,), 0)] == pytest.approx(11.0)
    assert got[("economy", (0,), 0)] == pytest.approx(-Params().spend_cost * (3 + 2))    # the money both orders spend
    assert pv["incidents"][0]["pair"] == [0, 1] and 0 < pv["incidents"][0]["chance"] < 1
    assert all(np.array_equal(st.v[k], before[k]) for k in before) and st.pending == [] and st.flags == {}
    alone = preview(st, 0, [O("joint_exercise", 1)])
    answered = preview(st, 0, [O("joint_exercise", 1)], {1: [O("joint_exercise", 0)]})
    trust10 = [c["delta"] for c in alone["changes"] if c["field"] == "trust" and c["index"] == (1, 0)]
    trust10r = [c["delta"] for c in answered["changes"] if c["field"] == "trust" and c["index"] == (1, 0)]
    sig = signal("joint_exercise")
    assert trust10 == [pytest.approx(0.04 * sig, abs=1e-4)] and trust10r == [pytest.approx(0.06 * sig, abs=1e-4)]
    bad = preview(st, 0, [O("joint_exercise", 0)])
    assert bad["problems"] and bad["changes"] == []


def test_R2_7_appendix_a_is_the_base_action_list():
    assert appendix_rows("Appendix A") == [action_row(a) for a in base_ruleset().actions]


# == 3 Effects =========================================================================================
def test_R3_1_eleven_primitives_and_nothing_else():
    assert set(effects.REGISTRY) == {"stock", "militarization", "pair", "region", "threat", "effort", "cohesion",
                                     "contribute", "withhold", "flag", "dialogue", "incident"}
    assert effects.check_params("explode", {}) == ["unknown effect primitive 'explode'"]
    assert effects.check_params("stock", {"stock": "security", "amount": 1}) == []
    assert any("no parameter 'colour'" in e
               for e in effects.check_params("stock", {"stock": "security", "amount": 1, "colour": "red"}))
    assert any("must be one of" in e for e in effects.check_params("stock", {"stock": "morale", "amount": 1}))


def test_R3_1_an_unknown_primitive_or_parameter_is_an_error_at_load(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(BASE_ONLY + "actions:\n  - id: rally\n    name: Rally\n    category: cooperative\n"
                    "    target: self\n    effects:\n      - {do: explode, amount: 1}\n"
                    "      - {do: stock, stock: security, amount: 1, colour: red}\n", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_scenario(path)
    text = str(info.value)
    assert "unknown effect primitive 'explode'" in text and "colour" in text


def test_R3_2_pair_effects_run_in_the_named_direction():
    st = new_game(mini(4, orgs=(org("forum", "dialogue_forum", (0, 1, 2)),)))
    s, _ = step(st, {0: [O("joint_exercise", 1)], 3: [O("white_paper")]})
    assert by(s, "trust", (1, 0), "joint_exercise") == pytest.approx(0.04 * signal("joint_exercise"))  # partner -> you
    assert by(s, "trust", (0, 1), "joint_exercise") == pytest.approx(0.02)   # you -> partner (not a signal: R4.5)
    assert by(s, "trust", (0, 3), "white_paper") == pytest.approx(0.02 * signal("white_paper"))        # everyone -> you
    assert by(s, "trust", (3, 0), "white_paper") == 0.0
    s, _ = step(st, {1: [O("forum_session", 0)]})
    assert by(s, "trust", (0, 2), "forum_session") == pytest.approx(0.01)    # among members, not just the actor
    assert by(s, "trust", (0, 1), "forum_session") == pytest.approx(0.01 * signal("forum_session"))  # ... in the actor: a signal
    assert by(s, "trust", (3, 0), "forum_session") == 0.0                    # non-members untouched


def test_R3_2_who_a_stock_effect_names_and_pair_events_first_to_second():
    s, _ = step(new_game(mini(3)), {0: [O("capacity_building", 1)]})
    assert by(s, "support", 1, "capacity_building") == pytest.approx(1.0)    # the partner's
    assert by(s, "influence", 0, "capacity_building") == pytest.approx(2.0)  # yours
    assert by(s, "support", 0, "capacity_building") == 0.0
    snub = event("snub", [fx("pair", field="trust", amount=-0.1, dir="to_target"),
                          fx("stock", stock="influence", amount=-2, who="involved")], target="pair")
    s, _ = step(new_game(mini(3, events=(snub,), scripted=(ScriptedEvent(1, "snub", (2, 1)),))))
    assert by(s, "trust", (2, 1), "snub") == pytest.approx(-0.1) and by(s, "trust", (1, 2), "snub") == 0.0
    assert by(s, "influence", 2, "snub") == by(s, "influence", 1, "snub") == pytest.approx(-2.0)
    assert by(s, "influence", 0, "snub") == 0.0


def test_R3_3_a_ramp_is_cut_into_equal_shares_one_per_turn():
    s1, _ = step(new_game(mini(3)), {0: [O("defence_buildup")]})
    s2, _ = step(s1)
    assert by(s1, "security", 0, "defence_buildup") == pytest.approx(2.0)
    assert by(s2, "security", 0, "defence_buildup") == pytest.approx(2.0)


def test_R3_3_a_delayed_ramp_starts_later_and_keeps_its_reciprocity():
    st = new_game(mini(3))
    s1, _ = step(st, {0: [O("joint_infrastructure", 1)]})
    s2, _ = step(s1)
    s3, _ = step(s2)
    s4, _ = step(s3)
    assert [by(s, "infra", (0, 1), "joint_infrastructure") for s in (s1, s2, s3, s4)] == \
        [0.0, pytest.approx(0.1), pytest.approx(0.1), 0.0]
    r1, _ = step(st, {0: [O("joint_infrastructure", 1)], 1: [O("joint_infrastructure", 0)]})
    r2, _ = step(r1)
    assert by(r2, "infra", (0, 1), "joint_infrastructure", actor=0) == pytest.approx(0.15)


def test_R3_4_diminishing_returns_in_the_outer_quarter_of_a_range():
    drill = action("drill", [fx("stock", stock="security", amount=4)])
    purge = action("purge", [fx("stock", stock="security", amount=-4)])
    snub = action("snub", [fx("pair", field="trust", amount=-0.12, dir="to_target")], target="partner")
    sc = mini(4, actions=(drill, purge, snub), trust=((3, 0, 0.1),),
              nation_stocks=[(50, 50, 50, 50), (90, 50, 50, 50), (95, 50, 50, 50), (10, 50, 50, 50)])
    s, _ = step(new_game(sc), {0: [O("drill")], 1: [O("drill"), O("purge")], 2: [O("drill")],
                               3: [O("purge"), O("snub", 0)]})
    assert by(s, "security", 0, "drill") == pytest.approx(4.0)
    assert by(s, "security", 1, "drill") == pytest.approx(1.6)
    assert by(s, "security", 2, "drill") == pytest.approx(0.8)
    assert by(s, "security", 3, "purge") == pytest.approx(-1.6)
    assert by(s, "security", 1, "purge") == pytest.approx(-4.0)   # away from the near bound: in full
    assert by(s, "trust", (3, 0), "snub") == pytest.approx(-0.048)


def test_R3_4_escalation_and_drift_are_not_dampened():
    rally = action("rally", [fx("region", field="escalation", amount=1)])
    sc = mini(3, actions=(rally,), nation_stocks=[(100, 50, 50, 50)] + [(50, 50, 50, 50)] * 2)
    st = new_game(sc)
    st.v["escalation"][...] = 4.0
    st.v["security"][0] = 90.0
    s, _ = resolve_turn(st, {0: [O("rally")]}, FixedRng(0.9999))
    assert by(s, "escalation", (), "rally") == pytest.approx(1.0)
    assert by(s, "security", 0, "drift") == pytest.approx(0.06 * 10)


def test_R3_5_values_are_clamped_to_their_ranges_and_no_nation_relates_to_itself():
    surge = action("surge", [fx("stock", stock="security", amount=80),
                             fx("region", field="escalation", amount=-2)])
    embrace = action("embrace", [fx("pair", field="trust", amount=0.9)], target="partner")
    s, _ = step(new_game(mini(3, actions=(surge, embrace))), {0: [O("surge"), O("embrace", 1)]})
    assert s.v["security"][0] <= 100.0 and by(s, "security", 0, "surge") == pytest.approx(50.0)
    assert by(s, "trust", (0, 1), "embrace") == pytest.approx(0.55) and s.v["trust"].max() <= 1.0
    assert float(s.v["escalation"]) == 0.0 and s.ledger.causes("escalation", ()) == []
    st = new_game(meridian())
    rng = np.random.default_rng(4)
    for _ in range(4):
        st, _ = resolve_turn(st, {0: [O("forum_session", 1), O("white_paper")], 3: [O("show_of_force", 0)]}, rng)
    for f in ("trust", "tension", "interop", "intel", "hotline", "trade"):
        assert np.all(np.diag(st.v[f]) == 0.0), f


def test_R3_6_an_answered_gesture_is_worth_more_to_both_sides():
    st = new_game(mini(3))
    alone, rep1 = step(st, {0: [O("joint_exercise", 1)], 2: [O("joint_exercise", 1)]})
    both, rep2 = step(st, {0: [O("joint_exercise", 1)], 1: [O("joint_exercise", 0)]})
    sig = signal("joint_exercise")
    assert by(alone, "trust", (1, 0), "joint_exercise", actor=0) == pytest.approx(0.04 * sig)
    assert by(both, "trust", (1, 0), "joint_exercise", actor=0) == pytest.approx(0.06 * sig)
    assert by(both, "trust", (0, 1), "joint_exercise", actor=1) == pytest.approx(0.06 * sig)
    spend = -Params().spend_cost * 2                                      # the money is not multiplied (R3.11)
    assert by(alone, "economy", 0, "joint_exercise") == by(both, "economy", 0, "joint_exercise") == pytest.approx(spend)
    assert not rep1["orders"]["n0"][0]["reciprocated"] and rep2["orders"]["n0"][0]["reciprocated"]


def test_R3_6_a_trade_agreement_takes_full_effect_only_if_both_sign():
    st = new_game(mini(3))
    one, _ = step(st, {0: [O("trade_agreement", 1)]})
    two, _ = step(st, {0: [O("trade_agreement", 1)], 1: [O("trade_agreement", 0)]})
    assert one.v["agreement"][0, 1] == pytest.approx(0.5)
    assert two.v["agreement"][0, 1] == pytest.approx(1.0)


def test_R3_7_a_forum_session_is_worth_more_the_more_members_attend():
    sc = mini(4, orgs=(org("forum", "dialogue_forum", (0, 1, 2, 3), expected=0.5),))
    st = new_game(sc)
    s_alone, _ = step(st, {0: [O("forum_session", 0)]})
    s_some, _ = step(st, {k: [O("forum_session", 0)] for k in (0, 1, 2)})
    s_all, _ = step(st, {k: [O("forum_session", 0)] for k in range(4)})
    # the card's +0.5 stability, scaled by 1 + the share of the others attending
    assert by(s_alone, "stability", (), "forum_session", actor=0) == pytest.approx(0.5)
    assert by(s_some, "stability", (), "forum_session", actor=0) == pytest.approx(0.5 * (1 + 2 / 3))
    assert by(s_all, "stability", (), "forum_session", actor=0) == pytest.approx(1.0)
    assert by(s_all, "stability", (), "forum_session") == pytest.approx(4.0)   # four sessions, 2x each


def test_R3_8_several_partners_each_get_their_share_but_you_pay_yours_once():
    sc = mini(4, threats=(threat("terrorism"),), orgs=(org("cd", "collective_defence", (0, 1, 2, 3)),))
    st = new_game(sc)
    one = preview(st, 0, [O("counter_terrorism", 1)])
    three = preview(st, 0, [O("counter_terrorism", 1, 2, 3)])
    assert one["effort"] == three["effort"] == {"terrorism": pytest.approx(1.2)}
    s, rep = step(st, {0: [O("counter_terrorism", 1, 2, 3)]})
    assert rep["efforts"]["terrorism"][1:] == [pytest.approx(0.2 + 0.3)] * 3     # base effort + each partner's share
    assert rep["efforts"]["terrorism"][0] == pytest.approx(0.2 + 1.2)
    assert by(s, "influence", 0, "counter_terrorism") == pytest.approx(1.0)        # once, not three times
    assert [by(s, "trust", (t, 0), "counter_terrorism") for t in (1, 2, 3)] == \
        [pytest.approx(0.02 * signal("counter_terrorism"))] * 3
    assert by(s, "economy", 0, "counter_terrorism") == pytest.approx(-Params().spend_cost * 2)   # spent once
    assert [by(s, "interop", (0, t), "counter_terrorism") for t in (1, 2, 3)] == [pytest.approx(0.02)] * 3
    assert rep["organizations"][0]["contributions"]["n0"] == pytest.approx(0.5)
    assert order_problems(st, 0, [O("counter_terrorism", 1, 2, 3)]) == []


def test_R3_9_a_flag_holds_until_the_end_of_turn_t_plus_n_and_is_only_extended():
    st = new_game(mini(3))
    s, _ = step(st, {0: [O("white_paper")]})        # turn 1, three turns
    held = []
    for _ in range(4):
        held.append(s.flag("transparent", 0))
        s, _ = step(s)
    assert held == [True, True, True, False]        # planning turns 2, 3, 4 yes; 5 no
    blink = action("blink", [fx("flag", flag="transparent", turns=1)])
    s1, _ = step(new_game(mini(3, actions=base_ruleset().actions + (blink,))), {0: [O("white_paper")]})
    s2, _ = step(s1, {0: [O("blink")]})
    assert s2.flags[("transparent", 0)] == 4        # a shorter flag does not cut the longer one


def test_R3_9_a_white_paper_relieves_tension_this_turn_and_the_next_three():
    sc = mini(3)
    st = new_game(sc)
    st.v["militarization"][0] = 80.0
    s, _ = step(st, {0: [O("white_paper")]})
    relieved = []
    for _ in range(5):
        relieved.append(s.flag("transparent", 0))
        s, _ = step(s)
    assert relieved == [True, True, True, False, False]


def test_R3_10_escalation_steps_are_whole_repeated_by_ramps_and_not_multiplied():
    ramp = action("ramp", [fx("region", over=2, field="escalation", amount=1),
                           fx("region", over=2, field="stability", amount=-4)])
    dare = action("dare", [fx("region", field="escalation", amount=1), fx("region", field="stability", amount=-2)],
                  target="partner", reciprocity=1.0)
    st = new_game(mini(3, actions=(ramp, dare)))
    s1, _ = resolve_turn(st, {0: [O("ramp")]}, FixedRng(0.9999))
    s2, _ = resolve_turn(s1, {}, FixedRng(0.9999))
    assert by(s1, "escalation", (), "ramp") == by(s2, "escalation", (), "ramp") == pytest.approx(1.0)
    assert by(s1, "stability", (), "ramp") == pytest.approx(-2.0)
    r, _ = resolve_turn(st, {0: [O("dare", 1)], 1: [O("dare", 0)]}, FixedRng(0.9999))
    assert by(r, "escalation", (), "dare", actor=0) == pytest.approx(1.0)
    assert by(r, "stability", (), "dare", actor=0) == pytest.approx(-4.0)


def test_R3_11_money_spent_is_real_once_per_order_and_never_multiplied():
    cost = Params().spend_cost
    st = new_game(mini(4, threats=(threat("terrorism"),)))
    s, _ = step(st, {0: [O("defence_buildup")], 1: [O("ministers_dialogue", 2)],
                     2: [O("counter_terrorism", 0, 1, 3)], 3: [O("joint_exercise", 1)]})
    assert s.ledger.causes("economy", 0)[0] == (Cause("action", "defence_buildup", 0, ()), pytest.approx(-cost * 3))
    assert by(s, "economy", 0, "defence_buildup") == pytest.approx(-cost * 3) == pytest.approx(-1.2)  # unanswered build-up
    assert by(s, "economy", 1, "ministers_dialogue") == 0.0                                          # no budget: free
    assert by(s, "economy", 2, "counter_terrorism") == pytest.approx(-cost * 2)                      # once, three partners
    assert by(s, "economy", 3, "joint_exercise") == pytest.approx(-cost * 2)
    assert first_index(s, "defence_buildup") < next(k for k, e in enumerate(s.ledger.entries)
                                                    if e.cause.id == "defence_buildup" and e.field == "security")
    # domestic investment: +2 economy over two turns, 1.2 spent at once
    d1, _ = step(st, {0: [O("domestic_investment")]})
    d2, _ = step(d1)
    assert by(d1, "economy", 0, "domestic_investment") == pytest.approx(1.0 - cost * 3)
    assert by(d2, "economy", 0, "domestic_investment") == pytest.approx(1.0)
    # like every change, the spending takes diminishing returns near the bound (R3.4)
    poor = new_game(mini(3, nation_stocks=[(50, 20, 50, 50)] + [(50, 50, 50, 50)] * 2))
    s, _ = step(poor, {0: [O("white_paper")]})
    assert by(s, "economy", 0, "white_paper") == pytest.approx(-cost * 1 * 20 / 25)


# == 4 Trust and the security dilemma ==================================================================
def test_R4_1_costly_signals_move_trust_and_cheap_talk_barely_does():
    st = new_game(mini(3))
    moves = {}
    for a in ("joint_exercise", "hadr_mission", "capacity_building", "personnel_exchange", "ministers_dialogue"):
        s, _ = step(st, {0: [O(a, 1)]})
        moves[a] = by(s, "trust", (1, 0), a)
    written = {"joint_exercise": 0.04, "hadr_mission": 0.06, "capacity_building": 0.04, "personnel_exchange": 0.03,
               "ministers_dialogue": 0.01}
    assert moves == {a: pytest.approx(w * signal(a)) for a, w in written.items()}
    assert moves == {"joint_exercise": pytest.approx(0.0426, abs=1e-4), "hadr_mission": pytest.approx(0.0640, abs=1e-4),
                     "capacity_building": pytest.approx(0.0328, abs=1e-4),
                     "personnel_exchange": pytest.approx(0.0246, abs=1e-4),
                     "ministers_dialogue": pytest.approx(0.0057, abs=1e-4)}        # the numbers docs/rules.md gives
    assert min(v for k, v in moves.items() if k != "ministers_dialogue") > 2.9 * moves["ministers_dialogue"]


def test_R4_2_tension_follows_perceived_threat():
    sc = mini(3, mil=[30, 60, 30], trust=((0, 1, 0.2), (2, 1, 0.8)))
    s, _ = step(new_game(sc))
    assert s.v["tension"][0, 1] == pytest.approx(0.1 + 0.3 * (0.6 * 0.8 * 1.6 - 0.1))
    assert s.v["tension"][2, 1] == pytest.approx(0.1 + 0.3 * (0.6 * 0.2 * 1.6 - 0.1))
    hawk = mini(2, mil=[100, 0], default_trust=0.0)
    s, _ = step(new_game(hawk))
    assert s.v["tension"][1, 0] == pytest.approx(0.1 + 0.3 * (1.0 - 0.1))      # perceived threat capped at 1


def test_R4_2_buildup_raises_tension_of_distrustful_neighbours_more():
    sc = mini(3, mil=[30, 60, 30], trust=((0, 1, 0.2), (2, 1, 0.8)))
    st = new_game(sc)
    calm, _ = step(st)
    armed, _ = step(st, {1: [O("defence_buildup")]})
    rise_distrustful = armed.v["tension"][0, 1] - calm.v["tension"][0, 1]
    rise_trusting = armed.v["tension"][2, 1] - calm.v["tension"][2, 1]
    assert rise_distrustful == pytest.approx(0.3 * 0.08 * 0.8 * 1.6)
    assert rise_trusting == pytest.approx(0.3 * 0.08 * 0.2 * 1.6)


def test_R4_3_transparency_hotlines_and_interoperability_relieve_the_dilemma():
    publish = action("publish", [fx("flag", flag="transparent", turns=1)])

    def tension01(pairs=(), transparent=False):
        sc = mini(2, mil=[30, 60], default_trust=0.2, pairs=pairs, actions=(publish,))
        s, _ = step(new_game(sc), {1: [O("publish")]} if transparent else {})
        return s.v["tension"][0, 1]

    def expected(coef):
        return 0.1 + 0.3 * (0.6 * 0.8 * 1.6 * coef - 0.1)
    assert tension01() == pytest.approx(expected(1.0))
    assert tension01(transparent=True) == pytest.approx(expected(0.6))
    assert tension01((("hotline", 0, 1, 0.5),)) == pytest.approx(expected(0.85))
    assert tension01((("hotline", 1, 0, 0.5),)) == pytest.approx(expected(1.0))   # the perceiver's own line
    assert tension01((("interop", 0, 1, 0.5),)) == pytest.approx(expected(0.85))
    everything = (("hotline", 0, 1, 1.0), ("interop", 0, 1, 1.0))
    assert tension01(everything, transparent=True) == pytest.approx(expected(0.2))   # never below 0.2


def test_R4_4_a_show_of_force_pays_at_home_and_costs_abroad():
    s, rep = resolve_turn(new_game(mini(3)), {0: [O("show_of_force", 1)]}, FixedRng(0.9999))  # it does not escalate
    assert by(s, "tension", (1, 0), "show_of_force") == pytest.approx(0.12)
    assert by(s, "trust", (1, 0), "show_of_force") == pytest.approx(-0.06)
    assert by(s, "stability", (), "show_of_force") == pytest.approx(-1.5)
    assert by(s, "militarization", 0, "show_of_force") == pytest.approx(3.0)
    assert by(s, "influence", 0, "show_of_force") == pytest.approx(2.0)
    assert by(s, "support", 0, "show_of_force") == pytest.approx(2.0)
    assert [i["pair"] for i in rep["incidents"]] == [["n0", "n1"]]
    s, _ = step(new_game(mini(3)), {0: [O("unilateral_operation")]})
    assert by(s, "trust", (1, 0), "unilateral_operation") == by(s, "trust", (2, 0), "unilateral_operation") \
        == pytest.approx(-0.02)


def test_R4_5_a_gesture_moves_more_trust_the_more_it_cost_and_less_from_a_militarized_sender():
    p = Params()
    st = new_game(mini(4, mil=[0, 90, 0, 30]))
    s, _ = step(st, {0: [O("joint_exercise", 2)], 1: [O("joint_exercise", 2)],
                     3: [O("personnel_exchange", 2), O("ministers_dialogue", 1)]})
    exercise = p.signal_base + p.signal_cost * (1 + 2)                    # 1 AP + 2 budget
    assert exercise == pytest.approx(1.3)
    assert by(s, "trust", (2, 0), "joint_exercise") == pytest.approx(0.04 * exercise)           # a dove: all of it
    assert by(s, "trust", (2, 1), "joint_exercise") == pytest.approx(0.04 * exercise * (1 - p.posture_discount * 0.9))
    assert by(s, "trust", (2, 1), "joint_exercise") < 0.5 * by(s, "trust", (2, 0), "joint_exercise")
    assert by(s, "trust", (0, 2), "joint_exercise") == by(s, "trust", (1, 2), "joint_exercise") \
        == pytest.approx(0.02)                                             # the sender's own trust: not a signal
    posture = 1 - p.posture_discount * 0.3
    assert by(s, "trust", (2, 3), "personnel_exchange") == pytest.approx(0.03 * (0.4 + 0.3 * 2) * posture)
    assert by(s, "trust", (1, 3), "ministers_dialogue") == pytest.approx(0.01 * (0.4 + 0.3 * 1) * posture)  # cheap talk
    assert by(s, "trust", (3, 1), "ministers_dialogue") == pytest.approx(0.01)
    # read when the trust is applied: a build-up just before the exercise already costs it trust
    s, _ = step(st, {0: [O("defence_buildup"), O("joint_exercise", 2)]})
    assert by(s, "trust", (2, 0), "joint_exercise") == pytest.approx(0.04 * exercise * (1 - p.posture_discount * 0.08))
    # reciprocity first, then the signal; lost trust and events are not scaled
    s, _ = resolve_turn(st, {1: [O("joint_exercise", 2)], 2: [O("joint_exercise", 1)], 0: [O("show_of_force", 3)]},
                        FixedRng(0.9999))                                      # the show of force does not escalate
    assert by(s, "trust", (2, 1), "joint_exercise", actor=1) == pytest.approx(0.04 * 1.5 * exercise * (1 - 0.54))
    assert by(s, "trust", (3, 0), "show_of_force") == pytest.approx(-0.06)
    warm = event("warm", [fx("pair", field="trust", amount=0.05, dir="from_target")], target="pair")
    s, _ = step(new_game(mini(3, mil=[30, 90, 30], events=(warm,), scripted=(ScriptedEvent(1, "warm", (1, 2)),))))
    assert by(s, "trust", (2, 1), "warm") == pytest.approx(0.05)
    s, _ = step(new_game(mini(3, mil=[0, 30, 30])), {0: [O("peacekeeping")]})
    assert by(s, "trust", (1, 0), "peacekeeping") == pytest.approx(0.015 * 1.6)   # a costly signal moves more than written


def test_R4_6_suspicion_tension_lowers_the_trust_that_drifts_back():
    def drift_10(trust0, tension, **kw):
        st = new_game(mini(2, default_trust=trust0, **kw))
        st.v["tension"][1, 0] = tension
        s, _ = step(st)
        return by(s, "trust", (1, 0), "drift"), float(s.v["tension"][1, 0])
    d, tension = drift_10(0.45, 0.6)
    assert tension == pytest.approx(0.6 + 0.3 * (0.3 * 0.55 * 1.6 - 0.6))   # after this turn's security dilemma
    assert d == pytest.approx(0.04 * ((0.45 - 0.5 * tension) - 0.45))       # trust at its start still falls
    d, _ = drift_10(0.45, 0.6, params=Params(suspicion=0.0))
    assert d == 0.0
    d, tension = drift_10(0.1, 1.0)
    assert 0.1 - 0.5 * tension < 0 and d == pytest.approx(0.04 * (0.0 - 0.1))  # it settles at 0, not below


# == 5 Threats as public goods =========================================================================
SECURITIES = [(50, 50, 50, 50), (100, 50, 50, 50), (0, 50, 50, 50)]


def test_R5_1_threats_damage_everyone_and_security_halves_the_damage_at_most():
    sc = mini(3, threats=(threat("t", start=40, damage=(("economy", 10.0),)),), nation_stocks=SECURITIES)
    s, _ = step(new_game(sc))
    assert [by(s, "economy", k, "t") for k in range(3)] == \
        [pytest.approx(-10 * 0.4 * 0.75), pytest.approx(-10 * 0.4 * 0.5), pytest.approx(-10 * 0.4)]


def test_R5_2_threats_grow_and_are_pushed_back_by_effort_and_interoperability():
    sc = mini(3, threats=(threat("t", start=40, growth=2.0),), nation_stocks=SECURITIES)
    s, _ = step(new_game(sc))
    assert by(s, "threat", 0, "threat growth") == pytest.approx(2.0)
    assert by(s, "threat", 0, "collective effort") == pytest.approx(-10 * (0.2 + 0.4 + 0.0) / 3)
    s, _ = step(new_game(replace(sc, pairs=(("interop", 0, 1, 0.5), ("interop", 1, 0, 0.5)))))
    assert by(s, "threat", 0, "collective effort") == pytest.approx(-2.0 * (1 + 0.3 * 1.0 / 6))


def test_R5_2_appendix_c_is_the_base_threat_list():
    assert appendix_rows("Appendix C") == [threat_row(t) for t in base_ruleset().threats]


def test_R5_3_every_nation_gives_a_base_effort_from_its_security():
    push = action("push", [fx("effort", threat="t", amount=1.0)])
    sc = mini(3, threats=(threat("t"),), nation_stocks=SECURITIES, actions=(push,))
    _, rep = step(new_game(sc), {2: [O("push")]})
    assert rep["efforts"]["t"] == [pytest.approx(0.2), pytest.approx(0.4), pytest.approx(1.0)]


def test_R5_4_sum_weakest_link_and_best_shot():
    assert dynamics.aggregate("sum", np.array([0.2, 0.4, 0.0])) == pytest.approx(0.2)
    assert dynamics.aggregate("weakest_link", np.array([0.2, 0.4, 0.0])) == pytest.approx(0.75 * 0.0 + 0.25 * 0.2)
    assert dynamics.aggregate("best_shot", np.array([0.2, 0.4, 0.0])) == pytest.approx(0.6 * 0.4)
    rules = ("sum", "weakest_link", "best_shot")
    threats = tuple(threat(r, aggregation=r, start=50.0, damage=()) for r in rules)

    def pushed(amount):
        push = action("push", [fx("effort", threat=r, amount=amount) for r in rules])
        sc = mini(3, threats=threats, nation_stocks=SECURITIES, actions=(push,))
        s, _ = step(new_game(sc), {2: [O("push")]} if amount else {})
        return [-by(s, "threat", k, "collective effort") for k in range(3)]
    assert pushed(0.0) == [pytest.approx(2.0), pytest.approx(0.5), pytest.approx(2.4)]
    # the weakest nation doing its part lifts the weakest link fivefold; below the best shot it adds nothing there
    assert pushed(0.6) == [pytest.approx(4.0), pytest.approx(10 * (0.75 * 0.2 + 0.25 * 0.4)), pytest.approx(3.6)]
    assert pushed(0.3)[2] == pytest.approx(2.4)


def test_R5_5_intelligence_pacts_and_shared_intelligence_multiply_effort():
    sc = mini(3, threats=(threat("spies", intel_bonus=True), threat("storms")),
              orgs=(org("eyes", "intel_pact", (0, 1), cohesion=0.5),), pairs=(("intel", 2, 1, 0.6),))
    _, rep = step(new_game(sc))
    assert rep["efforts"]["spies"][0] == pytest.approx(0.2 * (1 + 0.6 * 0.6 * 0.5), abs=1e-4)
    assert rep["efforts"]["spies"][1] == pytest.approx(0.2 * (1 + 0.6 * (0.6 * 0.5 + 0.8 * 0.6 / 2)), abs=1e-4)
    assert rep["efforts"]["spies"][2] == pytest.approx(0.2)
    assert rep["efforts"]["storms"] == [pytest.approx(0.2)] * 3


def test_R5_6_anyones_effort_protects_everyone_the_free_rider_included():
    push = action("push", [fx("effort", threat="t", amount=3.0)])
    sc = mini(3, threats=(threat("t", start=50.0, growth=0.0),), actions=(push,))
    lazy1, _ = step(new_game(sc))
    lazy2, _ = step(lazy1)
    busy1, _ = step(new_game(sc), {0: [O("push")]})
    busy2, _ = step(busy1)
    assert busy1.v["threat"][0] < lazy1.v["threat"][0]
    assert by(busy2, "economy", 2, "t") > by(lazy2, "economy", 2, "t")      # nation 2 did nothing, suffers less


def test_R5_7_the_ledger_names_the_pivotal_nation_of_a_weakest_link_or_best_shot():
    rules = ("sum", "weakest_link", "best_shot")
    threats = tuple(threat(r, aggregation=r, start=50.0, damage=()) for r in rules)
    push = action("push", [fx("effort", threat=r, amount=0.6) for r in rules])
    sc = mini(3, threats=threats, nation_stocks=SECURITIES, actions=(push,))    # base efforts 0.2, 0.4, 0.0

    def pivots(orders):
        s, _ = step(new_game(sc), orders)
        return [[c.actor for c, _ in s.ledger.causes("threat", k) if c.id == "collective effort"] for k in range(3)]
    assert pivots({}) == [[None], [2], [1]]              # the worst contributor let piracy through; the best airlifted
    assert pivots({2: [O("push")]}) == [[None], [0], [2]]
    s, _ = step(new_game(sc))
    words = {describe_cause(sc, c) for k in range(3) for c, _ in s.ledger.causes("threat", k) if c.id == "collective effort"}
    assert words == {"collective effort (Sum)", "collective effort (Weakest_link), pivotal: Nation2",
                     "collective effort (Best_shot), pivotal: Nation1"}
    level = mini(3, threats=threats, actions=(push,))    # everyone alike: the first listed
    s, _ = step(new_game(level))
    assert [[c.actor for c, _ in s.ledger.causes("threat", k) if c.id == "collective effort"] for k in (1, 2)] == [[0], [0]]


def test_R5_8_a_nation_holding_the_threats_guard_flag_takes_half_its_damage():
    guard = action("guard", [fx("flag", flag="ready")])
    sc = mini(3, threats=(threat("t", start=40, damage=(("economy", 10.0),), guard="ready"),), actions=(guard,))
    s, _ = step(new_game(sc), {0: [O("guard")]})
    assert by(s, "economy", 0, "t") == pytest.approx(0.5 * by(s, "economy", 1, "t"))
    assert by(s, "economy", 1, "t") == pytest.approx(by(s, "economy", 2, "t"))
    later, _ = step(s)      # a flag holds this turn and the next (R3's flag effect), then lapses
    assert by(later, "economy", 0, "t") == pytest.approx(0.5 * by(later, "economy", 1, "t"), rel=0.05)
    lapsed, _ = step(later)
    assert by(lapsed, "economy", 0, "t") == pytest.approx(by(lapsed, "economy", 1, "t"), rel=0.05)
    unguarded = mini(3, threats=(threat("t", start=40, damage=(("economy", 10.0),)),), actions=(guard,))
    s, _ = step(new_game(unguarded), {0: [O("guard")]})
    assert by(s, "economy", 0, "t") == pytest.approx(by(s, "economy", 1, "t"))


# == 6 Organizations ===================================================================================
def _contributions(orders, n=4):
    sc = mini(n, orgs=(org("cd", "collective_defence", (0, 1, 2)), org("eyes", "intel_pact", (0, 1)),
                       org("forum", "dialogue_forum", (0, 1, 2, 3))))
    _, rep = step(new_game(sc), orders)
    return {o["org"]: o["contributions"].get("n0", 0.0) for o in rep["organizations"]}


def test_R6_1_contributions_count_toward_the_organizations_that_hold_the_partner():
    assert _contributions({0: [O("joint_exercise", 1)]}) == {"cd": 1.0, "eyes": 0.0, "forum": 0.0}
    assert _contributions({0: [O("joint_exercise", 3)]}) == {"cd": 0.0, "eyes": 0.0, "forum": 0.0}
    assert _contributions({0: [O("personnel_exchange", 1)]}) == {"cd": 0.5, "eyes": 0.5, "forum": 0.5}
    assert _contributions({0: [O("personnel_exchange", 2)]}) == {"cd": 0.5, "eyes": 0.0, "forum": 0.5}
    assert _contributions({0: [O("peacekeeping")]}) == {"cd": 2.0, "eyes": 2.0, "forum": 2.0}
    assert _contributions({0: [O("forum_session", 2)]}) == {"cd": 0.0, "eyes": 0.0, "forum": 1.0}
    assert _contributions({0: [O("joint_exercise", 1)], 1: [O("joint_exercise", 0)]})["cd"] == 1.5



def test_R6_1_a_several_partner_action_contributes_once_to_each_organization_holding_a_partner():
    with_terror = {"threats": (threat("terrorism"),)}
    sc = mini(4, orgs=(org("cd", "collective_defence", (0, 1, 2)), org("eyes", "intel_pact", (0, 3))), **with_terror)
    contrib = lambda rep: {o["org"]: o["contributions"]["n0"] for o in rep["organizations"]}  # noqa: E731
    _, rep = step(new_game(sc), {0: [O("counter_terrorism", 1, 2)]})
    assert contrib(rep) == {"cd": pytest.approx(0.5), "eyes": 0.0}
    _, rep = step(new_game(sc), {0: [O("counter_terrorism", 1, 3)]})
    assert contrib(rep) == {"cd": pytest.approx(0.5), "eyes": pytest.approx(0.5)}
    _, rep2 = step(new_game(sc), {0: [O("counter_terrorism", 3, 1)]})
    assert contrib(rep2) == contrib(rep)                                 # the order of partners does not matter


def _pact(orders, cohesion=0.5):
    sc = mini(3, orgs=(org("cd", "collective_defence", (0, 1, 2), cohesion=cohesion, expected=1.0),))
    s, _ = step(new_game(sc), orders)
    return s


RING = {0: [O("personnel_exchange", 1)], 1: [O("personnel_exchange", 2)], 2: [O("personnel_exchange", 0)]}


def test_R6_2_cohesion_rises_when_members_give_what_is_expected_and_falls_when_they_do_not():
    p = Params()
    assert by(_pact({k: [O("peacekeeping")] for k in range(3)}), "cohesion", 0, "burden-sharing") \
        == pytest.approx(p.cohesion_gain * (1.0 - 0.5)) == pytest.approx(0.075)
    assert by(_pact({}), "cohesion", 0, "burden-sharing") == pytest.approx(p.cohesion_loss * (0.0 - 0.5)) \
        == pytest.approx(-0.1)
    assert by(_pact(RING), "cohesion", 0, "burden-sharing") == pytest.approx(p.cohesion_gain * (0.5 / 0.6 - 0.5)) \
        == pytest.approx(0.05)                                              # everybody gives half
    two = {0: [O("peacekeeping")], 1: [O("peacekeeping")], 2: [O("personnel_exchange", 0)]}
    assert by(_pact(two), "cohesion", 0, "burden-sharing") == pytest.approx(p.cohesion_gain * (1.0 - 0.5))  # m >= 0.6
    assert by(_pact(RING, cohesion=0.9), "cohesion", 0, "burden-sharing") == \
        pytest.approx(p.cohesion_loss * (0.5 / 0.6 - 0.9))                  # above its level: it falls


def test_R6_3_members_resent_a_free_rider_the_more_the_others_give():
    s = _pact({1: [O("peacekeeping")], 2: [O("peacekeeping")]})
    r = Params().freeride_resentment
    assert by(s, "trust", (1, 0), "free-riding") == pytest.approx(-r)
    assert by(s, "trust", (2, 0), "free-riding") == pytest.approx(-r)
    assert by(s, "trust", (0, 1), "free-riding") == 0.0                # givers are not resented
    s = _pact({1: [O("peacekeeping")], 2: [O("personnel_exchange", 1)]})
    assert by(s, "trust", (1, 0), "free-riding") == pytest.approx(-r * 0.75)
    s = _pact({})
    assert not any(e.cause.id == "free-riding" for e in s.ledger)       # nobody gives: nobody is resented


def test_R6_4_withholding_pays_at_home_and_is_resented_double_in_that_organization_this_turn():
    sc = mini(3, orgs=(org("cd", "collective_defence", (0, 1, 2)), org("eyes", "intel_pact", (0, 1, 2))))
    st = new_game(sc)
    s, _ = step(st, {0: [O("withhold_contribution", 0), O("personnel_exchange", 1)],
                     1: [O("peacekeeping")], 2: [O("peacekeeping")]})
    assert by(s, "economy", 0, "withhold_contribution") == pytest.approx(3.0)
    assert by(s, "influence", 0, "withhold_contribution") == pytest.approx(-0.3)
    assert by(s, "support", 0, "withhold_contribution") == pytest.approx(1.0)
    assert by(s, "cohesion", 0, "withhold_contribution") == pytest.approx(-0.04)
    assert by(s, "cohesion", 1, "withhold_contribution") == 0.0
    per_org = [d for c, d in s.ledger.causes("trust", (1, 0)) if c.id == "free-riding"]
    assert per_org == [pytest.approx(-2 * Params().freeride_resentment)]  # only where it withheld, doubled, despite the exchange
    s2, _ = step(s, {k: [O("peacekeeping")] for k in range(3)})
    assert by(s2, "trust", (1, 0), "free-riding") == 0.0                 # the next turn it is judged afresh


def test_R6_5_an_attack_on_an_ally_opens_obligations_due_next_turn():
    s, _ = step(new_game(alliance()))
    assert s.obligations == [Obligation(0, 0, 2, "raid")]
    quiet = alliance()
    s, _ = step(new_game(replace(quiet, scripted=(ScriptedEvent(1, "storm", (0,)),))))
    assert s.obligations == []                                           # not an attack
    s, _ = step(new_game(alliance(members=(1, 2))))
    assert s.obligations == []                                           # the victim is no member
    s, _ = step(new_game(alliance(members=(0,))))
    assert s.obligations == []                                           # an alliance of one owes nothing


def test_R6_6_only_a_non_hostile_order_aimed_at_the_victim_or_the_alliance_responds():
    rally = action("rally", [fx("cohesion", amount=0.01)], target="organization", org_kind="collective_defence")
    sc = alliance(n=5, members=(0, 1, 2, 3, 4), actions=base_ruleset().actions + (rally,))
    s1, _ = step(new_game(sc))
    _, rep = step(s1, {1: [O("hadr_mission", 0)], 2: [O("show_of_force", 0)], 3: [O("rally", 0)],
                       4: [O("defence_buildup"), O("joint_exercise", 1)]})
    assert rep["obligations"][0]["responses"] == {"n1": True, "n2": False, "n3": True, "n4": False}
    _, rep = step(s1, {1: [O("withhold_contribution", 0)], 2: [O("peacekeeping")]})
    assert rep["obligations"][0]["responses"]["n1"] is False
    assert rep["obligations"][0]["responses"]["n2"] is False


def test_R6_7_broken_commitments_cost_more_than_kept_ones_gain():
    s1, _ = step(new_game(alliance()))
    s2, rep = step(s1, {1: [O("joint_exercise", 0)]})
    assert by(s2, "trust", (0, 1), "kept") == pytest.approx(0.05)
    assert by(s2, "trust", (0, 2), "broken") == pytest.approx(-0.12)
    assert by(s2, "cohesion", 0, "kept") == pytest.approx(0.02)
    assert by(s2, "cohesion", 0, "broken") == pytest.approx(-0.05)
    assert by(s2, "influence", 2, "broken") == pytest.approx(-2.0)
    assert by(s2, "influence", 1, "kept") == 0.0
    assert rep["obligations"] == [{"org": "pact", "victim": "n0", "event": "raid",
                                   "responses": {"n1": True, "n2": False}}]
    assert s2.obligations == []


def test_R6_8_deterrence_is_alliance_cohesion_times_interoperability_and_lowers_incidents():
    sc = mini(4, orgs=(org("cd", "collective_defence", (0, 1, 2), cohesion=0.6),),
              pairs=(("interop", 0, 1, 0.1), ("interop", 0, 2, 0.3)))
    st = new_game(sc)
    assert effects.deterrence(st, 0) == pytest.approx(0.6 * min(1.0, 2 * 0.2))
    assert effects.deterrence(st, 3) == 0.0
    st.v["interop"][0, 1] = st.v["interop"][0, 2] = 0.9
    assert effects.deterrence(st, 0) == pytest.approx(0.6)
    plain = new_game(replace(sc, pairs=()))
    _, deterred = step(st, {3: [O("show_of_force", 0)]})
    _, exposed = step(plain, {3: [O("show_of_force", 0)]})
    assert deterred["incidents"][0]["chance"] == pytest.approx(exposed["incidents"][0]["chance"] * (1 - 0.4 * 0.6),
                                                               abs=1e-4)


# == 7 Trade and economy ===============================================================================
def test_R7_1_trade_starts_at_its_gravity_level():
    sc = mini(3, positions=[(0.1, 0.1), (0.4, 0.5), (0.9, 0.1)], trust=((0, 1, 0.7), (1, 0, 0.3)),
              nation_stocks=[(50, 80, 50, 50), (50, 40, 50, 50), (50, 60, 50, 50)], stability=70.0,
              pairs=(("agreement", 0, 1, 0.4), ("infra", 1, 0, 0.5)))
    st = new_game(sc)
    mean_d = (0.5 + 0.8 + np.hypot(0.5, 0.4)) / 3                        # distances 0-1, 0-2, 1-2 on this map
    g01 = 30 * 0.8 * 0.4 * (0.3 + 0.7 * 0.5) * (1 + 0.5 * 0.4) * (1 + 0.4 * 0.5) * 0.7 / (0.5 + 0.5 / mean_d)
    g02 = 30 * 0.8 * 0.6 * (0.3 + 0.7 * 0.45) * 0.7 / (0.5 + 0.8 / mean_d)
    assert st.v["trade"][0, 1] == pytest.approx(g01) and st.v["trade"][1, 0] == pytest.approx(g01)
    assert st.v["trade"][0, 2] == pytest.approx(g02)
    st.v["escalation"][...] = 2.0
    assert dynamics.gravity(st)[0, 2] == pytest.approx(g02 * (1 - 0.3))
    big = replace(sc, nations=tuple(replace(nd, position=(10 * nd.position[0], 10 * nd.position[1])) for nd in sc.nations))
    assert new_game(big).v["trade"][0, 2] == pytest.approx(g02)           # a map of any scale trades alike


def test_R7_2_trade_flows_toward_gravity_and_feeds_the_economy():
    st = new_game(mini(3))
    g = st.v["trade"].copy()
    st.v["trade"][...] = 0.0
    s, _ = step(st)
    # gravity is this turn's: the same economies, but trust has drifted down a little (suspicion, R4.6)
    now = (0.3 + 0.7 * s.v["trust"][0, 1]) / (0.3 + 0.7 * 0.45)
    assert s.v["trust"][0, 1] == s.v["trust"][1, 0] == s.v["trust"][0, 2] < 0.45
    assert by(s, "trade", (0, 1), "gravity trade") == pytest.approx(0.25 * g[0, 1] * now)
    ti = Params().trade_income
    assert by(s, "economy", 0, "trade") == pytest.approx(ti * (0.25 * g[0].sum() * now - g[0].sum()))
    s, _ = step(new_game(mini(3)), {0: [O("anti_piracy", 1)]})
    assert by(s, "trade", (0, 1), "anti_piracy") == pytest.approx(1.0)
    for k in (0, 1):
        assert by(s, "economy", k, "trade") == pytest.approx(ti * (s.v["trade"][k].sum() - s.trade0[k]))
        assert by(s, "economy", k, "trade") > 0.03


def test_R7_3_a_stable_region_attracts_investment_and_an_unstable_one_loses_it():
    up, _ = step(new_game(mini(3, stability=70.0)))
    down, _ = step(new_game(mini(3, stability=30.0)))
    cause = "investment attracted by stability"
    inv = Params().investment
    assert [by(up, "economy", k, cause) for k in range(3)] == [pytest.approx(20 * inv)] * 3
    assert [by(down, "economy", k, cause) for k in range(3)] == [pytest.approx(-20 * inv)] * 3


def test_R7_4_stocks_and_relations_drift_back_and_ties_fade():
    st = new_game(mini(3))
    st.v["security"][0] = 70.0
    st.v["militarization"][0] = 50.0
    st.v["trust"][0, 1] = 0.65
    for f in ("interop", "intel", "hotline", "agreement", "infra"):
        st.v[f][0, 1] = 0.5
    st.v["tension"][0, 1] = 0.5
    s, _ = step(st)
    assert by(s, "security", 0, "drift") == pytest.approx(-0.06 * 20)
    assert by(s, "militarization", 0, "drift") == pytest.approx(-0.05 * 20)
    tension = 0.5 + 0.3 * (0.3 * (1 - 0.65) * 1.6 * (1 - 0.3 * 0.5 - 0.3 * 0.5) - 0.5)   # after the security dilemma
    assert by(s, "trust", (0, 1), "drift") == pytest.approx(0.04 * (0.45 - 0.5 * tension - 0.65))   # to where it settles
    assert by(s, "trust", (1, 0), "drift") == pytest.approx(0.04 * (0.45 - 0.5 * s.v["tension"][1, 0] - 0.45))
    assert by(s, "interop", (0, 1), "drift") == pytest.approx(-0.03 * 0.5)
    assert by(s, "intel", (0, 1), "drift") == pytest.approx(-0.06 * 0.5)
    assert by(s, "hotline", (0, 1), "drift") == pytest.approx(-0.02 * 0.5)
    assert s.v["agreement"][0, 1] == 0.5 and s.v["infra"][0, 1] == 0.5
    assert by(s, "tension", (0, 1), "drift") == 0.0


# == 8 Stability and escalation ========================================================================
def test_R8_1_stability_heads_for_the_regional_climate():
    cases = ((), (org("cd", "collective_defence", (0, 1, 2), cohesion=0.8),),
             (org("f", "dialogue_forum", (0, 1, 2), cohesion=0.9),),
             (org("f", "dialogue_forum", (0, 1, 2), cohesion=0.9), org("ip", "intel_pact", (0, 1), cohesion=0.2)))
    for orgs in cases:
        for start in (40.0, 75.0):
            sc = mini(3, threats=(threat("t", start=start, damage=()),), orgs=orgs, trust=((0, 1, 0.9),),
                      mil=[30, 70, 30])
            s, _ = step(new_game(sc))
            v = s.v
            off = ~np.eye(3, dtype=bool)
            coh = float(v["cohesion"].mean()) if orgs else 0.5
            security = [float(v["cohesion"][o]) for o, od in enumerate(orgs) if od.kind != "dialogue_forum"]
            sec = float(np.mean(security)) if security else coh     # forums only: the forums are what it has
            crisis = max(0.0, float(v["threat"][0]) - 60.0)
            target = (18 + 50 * v["trust"][off].mean() - 40 * v["tension"][off].mean() - 0.2 * v["threat"].mean()
                      + 5 * coh + 25 * sec - 0.4 * crisis)
            assert by(s, "stability", (), "regional climate") == pytest.approx(0.15 * (target - 55.0))
    good, _ = step(new_game(mini(3, default_trust=0.9)))
    bad, _ = step(new_game(mini(3, default_trust=0.1, mil=90)))
    assert float(good.v["stability"]) > 55.0 > float(bad.v["stability"])


def test_R8_1_a_threat_past_its_crisis_level_and_an_alliance_left_to_decay_cost_the_climate():
    def climate(start: float, cohesion: float) -> float:
        sc = mini(3, threats=(threat("t", start=start, damage=()),),
                  orgs=(org("f", "dialogue_forum", (0, 1, 2), cohesion=0.9),
                        org("cd", "collective_defence", (0, 1, 2), cohesion=cohesion)))
        s, _ = step(new_game(sc))
        return by(s, "stability", (), "regional climate")
    # ten threat points past the crisis level cost more than ten below it (0.2 + 0.4 a point against 0.2)
    assert climate(50.0, 0.8) - climate(60.0, 0.8) < climate(60.0, 0.8) - climate(70.0, 0.8)
    # a forum still full cannot hold the climate where a hollow alliance drops it
    assert climate(40.0, 0.1) < climate(40.0, 0.8) - 0.15 * 25 * 0.5


def test_R8_2_each_step_above_one_drags_stability_and_economies_down():
    st = new_game(mini(3))
    st.v["escalation"][...] = 3.0
    s, _ = resolve_turn(st, {}, FixedRng(0.9999))
    assert by(s, "stability", (), "escalation") == pytest.approx(-1.5 * 2)
    assert [by(s, "economy", k, "escalation") for k in range(3)] == [pytest.approx(-1.0)] * 3
    assert first_index(s, "escalation") < first_index(s, "regional climate")
    st.v["escalation"][...] = 1.0
    s, _ = resolve_turn(st, {}, FixedRng(0.9999))
    assert by(s, "stability", (), "escalation") == 0.0


def test_R8_3_incident_chance_rises_with_tension_and_falls_with_hotlines_dialogue_and_transparency():
    st = new_game(mini(3))
    assert effects.incident_chance(st, 0, 1, 0.4) == pytest.approx(0.4 * (0.4 + 1.2 * 0.1))
    st.v["tension"][1, 0] = 0.6
    assert effects.incident_chance(st, 0, 1, 0.4) == pytest.approx(0.4 * (0.4 + 1.2 * 0.6))
    st.v["hotline"][0, 1] = 0.5
    assert effects.incident_chance(st, 0, 1, 0.4) == pytest.approx(0.4 * 1.12 * 0.7)
    st.flags[("dialogue", 1)] = st.turn
    assert effects.incident_chance(st, 0, 1, 0.4) == pytest.approx(0.4 * 1.12 * 0.7 * 0.7)
    st.flags[("transparent", 0)] = st.turn
    assert effects.incident_chance(st, 0, 1, 0.4) == pytest.approx(0.4 * 1.12 * 0.7 * 0.7 * 0.8)
    assert effects.incident_chance(st, 0, 1, 5.0) == pytest.approx(0.95)
    _, rep = step(new_game(mini(3)), {0: [O("show_of_force", 1)]})
    assert rep["incidents"][0]["chance"] == pytest.approx(0.15 * (0.4 + 1.2 * 0.22), abs=1e-4)


def test_R8_4_an_incident_that_climbs_raises_the_ladder_and_tension_and_costs_trust():
    provoke = action("provoke", [fx("incident", chance=5.0)], target="partner")
    st = new_game(mini(3, actions=(provoke,)))
    s, rep = resolve_turn(st, {0: [O("provoke", 1)]}, FixedRng(0.0))
    assert rep["incidents"] == [{"pair": ["n0", "n1"], "chance": 0.95, "escalated": True}]
    assert by(s, "escalation", (), "provoke") == pytest.approx(1.0)
    for pair in ((0, 1), (1, 0)):
        assert by(s, "tension", pair, "provoke") == pytest.approx(0.1)
        assert by(s, "trust", pair, "provoke") == pytest.approx(-0.05)
    s, rep = resolve_turn(st, {0: [O("provoke", 1)]}, FixedRng(0.99))
    assert rep["incidents"][0]["escalated"] is False and float(s.v["escalation"]) == 0.0


def _ladder_at(level, orders=None, value=0.5, **kw):
    st = new_game(mini(3, **kw))
    st.v["escalation"][...] = level
    return resolve_turn(st, orders or {}, FixedRng(value))


def _p_down(s, dialogue=0.0):
    off = ~np.eye(s.n, dtype=bool)
    p = 0.25 + 0.1 * min(dialogue, 4.0) + 0.3 * s.v["hotline"][off].mean() - 0.5 * s.v["tension"][off].mean()
    return min(0.9, max(0.05, p))


def test_R8_5_the_ladder_steps_down_with_a_chance_raised_by_dialogue_and_hotlines():
    s, _ = _ladder_at(2.0)
    p = _p_down(s)
    assert _ladder_at(2.0, value=p - 1e-3)[1]["ladder"] == "down"
    assert _ladder_at(2.0, value=p + 1e-3)[1]["ladder"] is None
    talks = {0: [O("ministers_dialogue", 1)], 1: [O("ministers_dialogue", 2)]}
    s, _ = _ladder_at(2.0, talks)
    p_talk = _p_down(s, dialogue=2.0)
    assert p_talk > p + 0.19
    assert _ladder_at(2.0, talks, value=p_talk - 1e-3)[1]["ladder"] == "down"
    assert _ladder_at(2.0, talks, value=p_talk + 1e-3)[1]["ladder"] is None
    hot = (("hotline", 0, 1, 1.0), ("hotline", 1, 0, 1.0))
    s, _ = _ladder_at(2.0, pairs=hot)
    assert _p_down(s) > p + 0.09
    assert _ladder_at(2.0, value=0.0)[0].v["escalation"] == 1.0
    assert _ladder_at(0.0, value=0.0)[1]["ladder"] is None             # nothing to step down from


def test_R8_5_at_least_five_percent_and_never_in_a_turn_an_incident_climbed():
    st = new_game(mini(3))
    st.v["escalation"][...] = 2.0
    st.v["tension"][...] = 1.0
    np.fill_diagonal(st.v["tension"], 0.0)
    assert resolve_turn(st, {}, FixedRng(0.049))[1]["ladder"] == "down"
    assert resolve_turn(st, {}, FixedRng(0.051))[1]["ladder"] is None
    rally = action("rally", [fx("region", field="escalation", amount=1)])
    st = new_game(mini(3, actions=(rally,)))
    st.v["escalation"][...] = 4.0
    s, rep = resolve_turn(st, {0: [O("rally")]}, FixedRng(0.0))      # pushed to 5: open conflict is not talked down
    assert rep["ladder"] is None and float(s.v["escalation"]) == 5.0 and s.over and s.outcome == "conflict"
    provoke = action("provoke", [fx("incident", chance=5.0)], target="partner")
    st = new_game(mini(3, actions=(provoke,)))
    st.v["escalation"][...] = 1.0
    s, rep = resolve_turn(st, {0: [O("provoke", 1)]}, FixedRng(0.0))
    assert rep["ladder"] is None and float(s.v["escalation"]) == 2.0


def test_R8_6_an_unstable_region_climbs_the_ladder():
    st = new_game(mini(3, stability=15.0))
    s, rep = resolve_turn(st, {}, FixedRng(0.29))
    assert float(s.v["stability"]) < 25 and rep["ladder"] == "up" and float(s.v["escalation"]) == 1.0
    assert by(s, "escalation", (), "instability") == 1.0
    _, rep = resolve_turn(st, {}, FixedRng(0.31))
    assert rep["ladder"] is None
    _, rep = resolve_turn(new_game(mini(3, stability=40.0)), {}, FixedRng(0.0))
    assert rep["ladder"] is None


def test_R8_7_collapse_ends_the_game_at_once_in_conflict():
    frozen = Params(stability_rate=0.0)
    s, rep = step(new_game(mini(3, stability=5.0, params=frozen, turns=10)))
    assert s.over and rep["over"] and s.outcome == "conflict"
    s, _ = step(new_game(mini(3, stability=5.5, params=frozen, turns=10)))
    assert not s.over
    rally = action("rally", [fx("region", field="escalation", amount=1)])
    st = new_game(mini(3, actions=(rally,), turns=10))
    st.v["escalation"][...] = 4.0
    s, rep = resolve_turn(st, {0: [O("rally")]}, FixedRng(0.9999))
    assert float(s.v["escalation"]) == 5.0 and s.over and s.outcome == "conflict"
    with pytest.raises(ValueError):
        step(s)


# == 9 Scoring =========================================================================================
def test_R9_1_national_interest_is_the_priority_weighted_average_and_ranks_nations():
    sc = mini(3, nation_stocks=[(60, 40, 50, 50), (40, 60, 50, 50), (40, 60, 50, 50)],
              nation_priorities=[(3, 1, 1, 1), (3, 1, 1, 1), (1, 3, 1, 1)])
    st = new_game(sc)
    ni = national_interest(st)
    k = Params().regional_stake
    assert ni[0] == pytest.approx((1 - k) * (180 + 40 + 50 + 50) / 6 + k * 55.0) == pytest.approx(53.583333)
    assert ni[1] == pytest.approx((1 - k) * (120 + 60 + 50 + 50) / 6 + k * 55.0)
    assert ni[2] == pytest.approx(ni[0])
    assert [nid for nid, _ in ranking(st)] == ["n0", "n2", "n1"]      # tie broken by listing order


def test_R9_2_collapse_cuts_everyones_national_interest_to_70_percent():
    sc = mini(3, stability=4.0, params=Params(stability_rate=0.0))
    s, rep = step(new_game(sc))
    assert s.outcome == "conflict"
    stocks = np.stack([s.v[k] for k in ("security", "economy", "support", "influence")], axis=1)
    k = Params().regional_stake
    whole = (1 - k) * stocks.mean(axis=1) + k * float(s.v["stability"])    # with its regional stake (R9.1)
    assert national_interest(s) == pytest.approx(0.7 * whole)
    assert rep["summary"]["national_interest"]["n0"] == pytest.approx(0.7 * whole[0], abs=1e-3)


def test_R9_3_secure_fragile_or_conflict():
    st = new_game(mini(3))

    def at(stab, esc):
        st.v["stability"][...] = stab
        st.v["escalation"][...] = esc
        return outcome(st)
    assert at(60.0, 1.0) == "secure"
    assert at(59.9, 0.0) == "fragile"
    assert at(80.0, 2.0) == "fragile"
    assert at(5.0, 0.0) == "conflict"
    assert at(80.0, 5.0) == "conflict"
    s, _ = step(new_game(mini(3, stability=70.0, turns=1)))
    assert s.over and s.outcome == "secure"
    s, _ = step(new_game(mini(3, stability=50.0, turns=1)))
    assert s.over and s.outcome == "fragile"


def test_R9_4_national_interest_moves_with_stability_by_the_regional_stake():
    sc = mini(3, nation_stocks=[(60, 40, 50, 50), (40, 60, 50, 50), (90, 10, 20, 80)],
              nation_priorities=[(3, 1, 1, 1), (1, 3, 1, 1), (1, 1, 1, 1)])
    st = new_game(sc)
    before = national_interest(st)
    st.v["stability"][...] = float(st.v["stability"]) - 20.0
    assert national_interest(st) - before == pytest.approx([-20 * Params().regional_stake] * 3)   # everyone, alike
    alone = new_game(replace(sc, params=Params(regional_stake=0.0)))
    assert national_interest(alone)[0] == pytest.approx((180 + 40 + 50 + 50) / 6)   # no stake: the stocks alone


# == 10 The why-ledger and history =====================================================================
def test_R10_1_every_change_is_recorded_with_its_cause_as_actually_applied():
    sc = mini(3, trust=((1, 0, 0.1),), threats=(threat("t"),), orgs=(org("cd", "collective_defence", (0, 1)),))
    st = new_game(sc)
    s, _ = step(st, {0: [O("show_of_force", 1)]})
    kinds = {e.cause.kind for e in s.ledger}
    assert kinds <= {"action", "event", "obligation", "organization", "threat", "dynamic"}
    assert kinds >= {"action", "organization", "threat", "dynamic"}
    causes = s.ledger.causes("trust", (1, 0))
    assert (Cause("action", "show_of_force", 0, (1,)), pytest.approx(-0.06 * 0.4)) in causes
    total = sum(d for _, d in causes)
    assert total == pytest.approx(s.v["trust"][1, 0] - st.v["trust"][1, 0])
    assert all(np.any(np.asarray(e.delta) != 0) for e in s.ledger)          # no empty entries
    assert s.ledger.causes("agreement", (0, 1)) == []


def test_R10_2_start_plus_recorded_changes_equals_end_for_every_value():
    st = new_game(meridian())
    rng, pick = np.random.default_rng(11), np.random.default_rng(5)
    for _ in range(6):
        orders = {}
        for k in range(st.n):
            chosen = []
            for i in pick.permutation(len(opts := options(st, k)))[:5]:
                if not order_problems(st, k, chosen + [opts[i]]):
                    chosen.append(opts[i])
            orders[k] = chosen
        new, _ = resolve_turn(st, orders, rng)
        for f, arr in new.v.items():
            assert np.allclose(st.v[f] + new.ledger.total(f, arr.shape), arr, atol=1e-9), f
        st = new
        if st.over:
            break


def test_R10_3_the_report_carries_the_ledger_as_plain_data_and_explains_changes_in_words():
    s1, _ = step(new_game(alliance()))
    s2, rep = step(s1, {1: [O("show_of_force", 0)], 2: [O("joint_exercise", 0)]})
    assert resolve_turn(s1, {}, np.random.default_rng(0), ledger=False)[1]["ledger"] == []
    back = ledger_from_report(json.loads(json.dumps(rep)))
    for f, arr in s2.v.items():
        assert np.allclose(back.total(f, arr.shape), s2.ledger.total(f, arr.shape)), f
    words = [describe_cause(s2.scenario, c) for c, _ in s2.ledger.causes("trust", (0, 1))]
    assert "Nation1: Show of force with Nation0" in words
    assert "Nation1 failed the call to defend Nation0" in words
    assert "Nation2 answered the call to defend Nation0" in \
        [describe_cause(s2.scenario, c) for c, _ in s2.ledger.causes("trust", (0, 2))]


def test_R10_4_any_turn_can_be_restored_and_played_on_identically():
    sc = meridian()
    orders = {0: [O("joint_exercise", 1)], 3: [O("defence_buildup")], 4: [O("withhold_contribution", 0)]}
    hist = History.start(new_game(sc))
    for t in range(4):
        hist.push(*resolve_turn(hist.current, orders, np.random.default_rng(100 + t)))
    again, rep_again = resolve_turn(hist.state_at(3), orders, np.random.default_rng(102))
    assert json.dumps(rep_again) == json.dumps(hist.reports[2])
    assert all(np.array_equal(again.v[k], hist.states[3].v[k]) for k in again.v)
    restored = hist.state_at(2)
    restored.v["stability"][...] = 0.0
    assert float(hist.states[1].v["stability"]) > 0                    # a restored turn is a copy
    saved = state_from_dict(sc, json.loads(json.dumps(state_to_dict(hist.states[2]))))
    _, rep_saved = resolve_turn(saved, orders, np.random.default_rng(102))
    assert json.dumps(rep_saved) == json.dumps(hist.reports[2])
    hist.rewind(2)
    assert len(hist.states) == 2 and len(hist.reports) == 1 and hist.current.turn == 2


# == 11 Randomness and determinism =====================================================================
def test_R11_1_the_generator_passed_in_is_the_only_source_of_chance(monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("the engine used a random source it was not given")
    for name in ("random", "rand", "randint", "choice", "shuffle", "permutation", "default_rng", "normal",
                 "uniform"):
        monkeypatch.setattr(np.random, name, forbidden)
    for name in ("random", "randint", "choice", "choices", "shuffle", "uniform", "sample"):
        monkeypatch.setattr(random, name, forbidden)
    st = new_game(meridian())
    rng = np.random.Generator(np.random.PCG64(3))
    for _ in range(5):
        st, _ = resolve_turn(st, {3: [O("show_of_force", 1)], 1: [O("ministers_dialogue", 3)]}, rng)


def test_R11_2_same_position_orders_and_seed_give_byte_identical_results():
    st = new_game(meridian())
    orders = {0: [O("joint_exercise", 1)], 3: [O("show_of_force", 1)]}
    runs = []
    for _ in range(2):
        s, rng, reps = st, np.random.default_rng(42), []
        for _ in range(5):
            s, rep = resolve_turn(s, orders, rng)
            reps.append(json.dumps(rep))
        runs.append((reps, json.dumps(state_to_dict(s))))
    assert runs[0] == runs[1]
    seen = {json.dumps(step(st, orders, seed=k)[1]["events"]) for k in range(12)}
    assert len(seen) > 1


# == the meta-test =====================================================================================
def test_R9_5_teams_are_ranked_by_national_interest_minus_the_seat_par_at_the_same_turn():
    from game.content.loader import load_scenario
    from game.runner import par
    from game.runner.headless import Game

    sc = load_scenario(ROOT / "game" / "data" / "scenarios" / "tutorial.yaml")
    table = par.par_table(sc)
    assert table.shape == (sc.turns + 1, sc.n) and par.reference_doctrines(sc) == {k: "planner" for k in range(sc.n)}
    g = Game.new(sc, 3, {nd.id: "hawk" for nd in sc.nations})
    g.lean = True
    g.play(2)
    ni = national_interest(g.state)
    assert np.allclose(par.vs_par(ni, table, 2), ni - table[2])
    # the ranking follows the score vs par, not the raw National Interest, when the two disagree
    fake = np.array([[0.0, 0.0, 0.0]] * (sc.turns + 1))
    fake[2] = [ni[0] + 10, ni[1] - 10, ni[2]]
    order = sorted(range(sc.n), key=lambda k: -par.vs_par(ni, fake, 2)[k])
    assert order[0] == 1 and order[-1] == 0


def test_R9_5_the_standing_scales_each_seats_lead_over_the_field_by_its_seat_factor():
    from game.runner import par

    # spreads measured in reference games: a seat whose lead over the field varies less gets a larger factor
    finals = np.array([[50.0, 40.0, 30.0], [54.0, 41.0, 29.0], [46.0, 39.0, 31.0], [50.0, 40.0, 30.0]])
    spread = par.spread_of(finals)
    lead = finals - finals.mean(axis=1, keepdims=True)
    assert np.allclose(spread, lead.std(axis=0, ddof=1))
    k = par.factors(spread)
    assert k[1] > 1.0 > k[0] and np.allclose(k, np.clip(spread.mean() / spread, *par.FACTOR_RANGE))
    # two seats each 2 points above a field at +1: the one whose seat spreads less stands higher
    scores = np.array([3.0, 3.0, -3.0])
    stand = par.standing(scores, np.array([0.8, 1.25, 1.0]))
    assert stand[1] > stand[0]
    assert np.allclose(stand, 1.0 + np.array([0.8, 1.25, 1.0]) * (scores - 1.0))
    # factors of 1 (spreads all equal, or none measured) leave the score vs par as it is
    assert np.allclose(par.standing(scores, par.factors(np.array([2.0, 2.0, 2.0]))), scores)
    assert np.allclose(par.factors(None, 3), 1.0) and np.allclose(par.factors(np.zeros(3)), 1.0)
    # a spread measured near zero cannot make one seat's lead decide everything
    assert par.factors(np.array([0.001, 2.0, 2.0])).max() == par.FACTOR_RANGE[1]


def test_R9_5_a_shipped_par_carries_its_seats_spreads_from_as_many_games():
    import json

    from game.content.loader import load_scenario, scenario_files
    from game.runner import par

    for path in scenario_files():
        sc = load_scenario(path)
        stored = json.loads((par.SHIPPED / f"{sc.id}.json").read_text(encoding="utf-8"))
        assert stored["games"] == par.shipped_games(sc) == 100
        spread = par.shipped_spread(sc)
        assert spread is not None and spread.shape == (sc.n,) and (spread > 0).all()
        assert np.allclose(par.known(sc)[1], par.factors(spread))


def test_R9_6_the_duplicate_score_is_against_the_strategist_in_the_same_seat_of_the_same_game():
    from game.content.loader import load_scenario
    from game.runner.duplicate import from_game, reference_scores
    from game.runner.headless import Game

    sc = load_scenario(ROOT / "game" / "data" / "scenarios" / "tutorial.yaml")
    g = Game.new(sc, 8, {"valdoria": "turtle", "kestria": "planner"})
    g.lean = True
    g.play()
    ref = reference_scores(from_game(g))
    ni = national_interest(g.state)
    assert ref[1] == ni[1]                      # the strategist's own seat: its duplicate score is 0
    # the turtle's reference is the strategist in its seat, facing the same doctrines at the same seed
    again = Game.new(sc, 8, {"valdoria": "planner", "kestria": "planner"})
    again.lean = True
    again.play()
    assert ref[0] == national_interest(again.state)[0] != ni[0]


def test_R11_1_orders_do_not_move_the_dice_of_the_ladder(monkeypatch):
    seen = []
    real = dynamics.escalation

    def spy(state, scratch, rng):
        seen.append(rng.bit_generator.state["state"]["state"])
        return real(state, scratch, rng)

    monkeypatch.setattr(dynamics, "escalation", spy)
    st = new_game(meridian())
    for orders in ({}, {3: [O("show_of_force", 1)], 1: [O("show_of_force", 3)]}):
        resolve_turn(st, orders, np.random.default_rng([3, 1, 0]), ledger=False)
    assert len(seen) == 2 and seen[0] == seen[1]


def test_every_clause_has_a_test():
    text = RULES.read_text(encoding="utf-8")
    clauses = re.findall(r"^\*\*R(\d+)\.(\d+)\*\*", text, flags=re.M)
    assert len(clauses) >= 40 and len(set(clauses)) == len(clauses), "clause ids must be unique"
    names = [n for n in globals() if n.startswith("test_")]
    names += re.findall(r"^def (test_R12_\w+)", (ROOT / "tests" / "test_rules_negotiation.py").read_text(encoding="utf-8"),
                        flags=re.M)   # section 12 has a file of its own
    missing = [f"R{a}.{b}" for a, b in clauses if not any(f"R{a}_{b}_" in n for n in names)]
    assert not missing, f"clauses of docs/rules.md without a test: {', '.join(missing)}"


# == additions for fixes found by the rules review =====================================================
def test_R2_5_nation_numbers_may_be_numpy_integers():
    s, _ = step(new_game(mini(3)), {np.int64(0): [O("white_paper")]})
    assert s.flag("transparent", 0)


def test_R3_10_loading_refuses_an_escalation_spread_over_turns(tmp_path):
    path = tmp_path / "ramp.yaml"
    path.write_text(BASE_ONLY + "actions:\n  - id: ramp\n    name: Ramp\n    category: national\n    target: self\n"
                    "    effects:\n      - {do: region, field: escalation, amount: 1, over: 2}\n", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_scenario(path)
    assert any("whole steps" in str(p) and "effects[0].over" in str(p) for p in info.value.problems)


def test_R6_2_an_organization_expecting_nothing_keeps_its_cohesion():
    sc = mini(3, orgs=(org("talks", "dialogue_forum", (0, 1, 2), expected=0.0),))
    s, rep = step(new_game(sc))
    assert by(s, "cohesion", 0, "burden-sharing") == 0.0
    assert not any(e.cause.id == "free-riding" for e in s.ledger)


def test_R6_5_two_attacks_on_one_ally_open_one_call():
    sc = alliance()
    sc = replace(sc, scripted=sc.scripted + (ScriptedEvent(1, "raid", (0,)),))
    s1, _ = step(new_game(sc))
    assert s1.obligations == [Obligation(0, 0, 2, "raid")]
    s2, _ = step(s1, {1: [O("joint_exercise", 0)]})
    assert by(s2, "trust", (0, 1), "kept") == pytest.approx(0.05)


def test_R8_5_the_report_names_every_move_of_the_ladder():
    st = new_game(mini(3, stability=15.0, params=Params(stability_rate=0.0)))
    st.v["escalation"][...] = 2.0
    s, rep = resolve_turn(st, {}, FixedRng(0.0))        # talked down, then climbs again: net no change
    assert rep["ladder"] == "down, up" and float(s.v["escalation"]) == 2.0


def test_R1_4_a_distrust_event_still_picks_a_pair_when_everyone_trusts_fully():
    from game.sim.events import pick_targets

    st = new_game(mini(3))
    st.v["trust"][...] = 1.0
    np.fill_diagonal(st.v["trust"], 0.0)
    ev = event("leak", [fx("pair", field="trust", amount=-0.1)], target="pair", scale_by="distrust")
    a, b = pick_targets(st, ev, np.random.default_rng(0))
    assert a != b


def test_R1_2_injected_events_strike_first_and_are_counted():
    from game.content.loader import custom_event

    sc = meridian()
    quake = custom_event({"name": "Earthquake", "text": "The ground shakes.", "target": "nation",
                          "effects": [{"do": "stock", "stock": "economy", "who": "target", "amount": -6}]}, sc)
    s, rep = resolve_turn(new_game(sc), {}, np.random.default_rng(4), inject=[(quake, (2,))])
    assert rep["events"][0]["id"] == "custom:earthquake" and rep["events"][0]["targets"] == ["caldera"]
    assert rep["injected"] == 1
    assert by(s, "economy", 2, "custom:earthquake") == pytest.approx(-6.0)
    assert "event: Earthquake (Caldera)" in describe_cause(sc, Cause("event", "custom:earthquake", None, (2,)))


def test_R6_9_members_who_give_draw_a_dividend_free_riders_do_not():
    p = Params()
    sc = mini(3, orgs=(org("cd", "collective_defence", (0, 1, 2), cohesion=0.5),
                       org("talks", "dialogue_forum", (0, 1, 2), cohesion=0.5)))
    s, _ = step(new_game(sc), {1: [O("peacekeeping")], 2: [O("personnel_exchange", 1)],
                               0: [O("withhold_contribution", 0)]})
    coh = float(s.v["cohesion"][0])
    assert by(s, "security", 1, "membership dividend") == pytest.approx(p.dividend_defence * coh * 1.0)
    assert by(s, "security", 2, "membership dividend") == pytest.approx(p.dividend_defence * coh * 0.5)
    assert by(s, "security", 0, "membership dividend") == 0.0                  # withheld: nothing
    assert by(s, "influence", 1, "membership dividend") == pytest.approx(p.dividend_forum * float(s.v["cohesion"][1]))


def test_R6_10_cohesion_closes_15_percent_of_the_gap_to_its_level_each_turn():
    everyone = {k: [O("peacekeeping")] for k in range(3)}
    sc = mini(3, orgs=(org("cd", "collective_defence", (0, 1, 2), cohesion=0.3, expected=1.0),))
    s1, _ = step(new_game(sc), everyone)
    s2, _ = step(s1, everyone)
    assert float(s1.v["cohesion"][0]) == pytest.approx(0.3 + 0.15 * (1.0 - 0.3)) == pytest.approx(0.405)
    assert float(s2.v["cohesion"][0]) == pytest.approx(0.405 + 0.15 * (1.0 - 0.405)) == pytest.approx(0.49425)
    # the level: full at 60 % of expectations, half at 30 %, none when nobody gives; neglect is felt faster
    assert [dynamics.burden_level(m) for m in (0.0, 0.3, 0.6, 1.0)] == [0.0, pytest.approx(0.5), 1.0, 1.0]
    half = mini(3, orgs=(org("cd", "collective_defence", (0, 1, 2), cohesion=0.8, expected=5 / 3),))
    s, _ = step(new_game(half), RING)                   # everyone gives 0.5 of 5/3: share 0.3, level 0.5
    assert by(s, "cohesion", 0, "burden-sharing") == pytest.approx(0.2 * (0.5 - 0.8))
    rising = mini(3, orgs=(org("cd", "collective_defence", (0, 1, 2), cohesion=0.2, expected=5 / 3),))
    s, _ = step(new_game(rising), RING)
    assert by(s, "cohesion", 0, "burden-sharing") == pytest.approx(0.15 * (0.5 - 0.2))
    # above 0.75 diminishing returns slow the rise (R3.4)
    high = mini(3, orgs=(org("cd", "collective_defence", (0, 1, 2), cohesion=0.9, expected=1.0),))
    s, _ = step(new_game(high), everyone)
    assert by(s, "cohesion", 0, "burden-sharing") == pytest.approx(0.15 * 0.1 * 0.1 / 0.25)


def test_R3_12_a_gesture_is_the_partners_gift_and_pays_its_sender_only_when_answered():
    st = new_game(mini(3))
    idle, _ = step(st)
    alone, _ = step(st, {0: [O("joint_exercise", 1)]})
    both, _ = step(st, {0: [O("joint_exercise", 1)], 1: [O("joint_exercise", 0)]})
    assert by(alone, "security", 1, "joint_exercise") == pytest.approx(3.5)     # the partner's gift
    assert by(alone, "security", 0, "joint_exercise") == 0.0                    # none for the sender
    assert by(alone, "economy", 0, "joint_exercise") == pytest.approx(-0.8)     # who pays for it
    ni_idle, ni_alone, ni_both = (national_interest(s) for s in (idle, alone, both))
    assert ni_alone[0] < ni_idle[0] < ni_alone[1]            # unanswered: costs the sender, pays the partner
    assert ni_both[0] > ni_idle[0] and ni_both[1] > ni_idle[1]   # answered: both gain
    assert by(both, "security", 0, "joint_exercise") == pytest.approx(3.5 * 1.5)

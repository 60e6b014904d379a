"""Computer doctrines: a generic contract every registered doctrine keeps, then what each one visibly does."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from game.ai.registry import DOCTRINES, make
from game.runner.headless import Game
from game.sim.orders import order_problems
from game.sim.resolve import resolve_turn
from game.sim.state import Obligation, Order

ROOT_SCENARIOS = Path(__file__).resolve().parents[1] / "game" / "data" / "scenarios"

SEEDS = (1, 2, 3)
TURNS = (1, 5, 10)


def rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


@pytest.fixture(scope="module")
def games(meridian):
    """One played meridian game per seed (20 turns), so states at any turn can be taken from its history."""
    out = {}
    for seed in SEEDS:
        g = Game.new(meridian, seed)
        g.play()
        out[seed] = g
    return out


@pytest.fixture(scope="module")
def states(games):
    """(seed, turn, state) for the states at turns 1, 5 and 10 of every seeded game."""
    return [(seed, t, g.history.state_at(t)) for seed, g in games.items() for t in TURNS]


@pytest.fixture(scope="module")
def late_states(games):
    """States at turns 2..20 of two games: enough situations to measure how often a doctrine does something."""
    return [g.history.state_at(t) for seed, g in games.items() if seed in (1, 2) for t in range(2, 21)]


def test_registry_is_not_empty_and_names_match():
    assert len(DOCTRINES) >= 5
    for name, cls in DOCTRINES.items():
        assert cls.name == name
        assert make(name, 0).nation == 0
    with pytest.raises(KeyError, match="unknown doctrine"):
        make("no_such_doctrine", 0)


# -- the contract every doctrine keeps -------------------------------------------------------------------

# the deepest strategist's contract takes most of this file's time: slow (`-m "not slow"` keeps the other two)
@pytest.mark.parametrize("name", [pytest.param(d, marks=pytest.mark.slow) if d == "planner_hard" else d
                                  for d in sorted(DOCTRINES)])
class TestEveryDoctrine:
    def test_plans_only_legal_orders(self, name, states):
        planned = 0
        for seed, turn, st in states:
            for k in range(st.n):
                orders = make(name, k).plan(st, rng(seed))
                assert order_problems(st, k, orders) == [], (name, seed, turn, st.scenario.nation_ids[k], orders)
                assert all(isinstance(o, Order) for o in orders)
                planned += len(orders)
        assert planned > 0, f"{name} never planned anything"

    def test_same_state_and_seed_give_same_orders(self, name, states):
        for seed, turn, st in _replanned(name, states):
            for k in range(st.n):
                first = make(name, k).plan(st, rng(seed))
                again = make(name, k).plan(st, rng(seed))
                same_object = make(name, k)
                assert same_object.plan(st, rng(seed)) == first
                assert same_object.plan(st, rng(seed)) == first   # planning twice does not change the doctrine
                assert again == first, (name, seed, turn, k)

    def test_does_not_change_the_state(self, name, states, snapshot):
        for seed, turn, st in states:
            before = snapshot(st, ledger=True)
            arrays = {key: a.copy() for key, a in st.v.items()}
            for k in range(st.n):
                make(name, k).plan(st, rng(seed))
            assert snapshot(st, ledger=True) == before, (name, seed, turn)
            for key, a in st.v.items():
                np.testing.assert_array_equal(a, arrays[key], err_msg=f"{name} changed state.v[{key!r}]")

    def test_reset_and_clone_plan_the_same(self, name, states):
        for seed, _turn, st in _replanned(name, states):
            for k in range(st.n):
                d = make(name, k)
                first = d.plan(st, rng(seed))
                twin = d.clone()
                assert type(twin) is type(d) and twin is not d and twin.nation == k
                assert twin.plan(st, rng(seed)) == first
                d.reset()
                assert d.plan(st, rng(seed)) == first

    def test_plans_nothing_when_the_game_is_over(self, name, games):
        for g in games.values():
            final = g.state
            assert final.over
            for k in range(final.n):
                assert make(name, k).plan(final, rng(0)) == []


def _replanned(name: str, states: list) -> list:
    """The states the determinism tests plan three or four times over: for a strategist, one game's turns 1, 5 and
    10 (every seat), since each of its plans plays many lines ahead (all nine states took a minute of CI a test)."""
    if getattr(DOCTRINES[name], "lookahead", False):
        return [x for x in states if x[0] == SEEDS[0]]
    return states


def _generic_planners() -> list[str]:
    from game.ai.base import Doctrine
    return sorted(n for n, cls in DOCTRINES.items() if cls.plan is Doctrine.plan)


@pytest.mark.parametrize("name", _generic_planners())
def test_a_deal_signed_changes_only_what_it_chooses_not_how_it_ranks(name, states):
    """Negotiation ranks a doctrine's candidates once a round and chooses with each deal signed
    (dealing._own_plan): for every doctrine that plans the generic way that must equal planning afresh."""
    from game.sim.agreements import signed
    from game.sim.deals import Deal, Term
    d = make(name, 0)
    for seed, turn, st in states:
        with_deal = signed(st, [Deal(0, (0, 1), (Term("joint", action="personnel_exchange"),))])
        fresh = d.plan(with_deal, rng(seed))
        assert d.choose(with_deal, d.ranking(st, rng(seed))) == fresh, (name, seed, turn)
        kept = d.keeps_word(with_deal, with_deal.agreements[-1])
        assert (Order("personnel_exchange", (1,)) in fresh) == kept, (name, seed, turn, fresh)   # owed goes first


# -- what each doctrine visibly does ---------------------------------------------------------------------

def _with(st, **tweaks):
    """A copy of a state with some values changed (the original is left alone)."""
    s = st.copy()
    s.last_orders = dict(s.last_orders)
    for fname, items in tweaks.items():
        for index, value in items:
            s.v[fname][index] = value
    return s


def test_free_rider_withholds_from_its_collective_defence_organization(meridian, states):
    mdp = meridian.org_index("mdp")
    withheld = 0
    for seed, turn, st in states:
        for k in st.members(mdp):
            # one withholding a turn (an action is played once): from the pact or from its intelligence pact
            burdens = {o for o in st.orgs_of(k) if meridian.orgs[o].kind in ("collective_defence", "intel_pact")}
            orders = make("free_rider", k).plan(st, rng(seed))
            withheld_from = {o.targets[0] for o in orders if o.action == "withhold_contribution"}
            assert len(withheld_from) == 1 and withheld_from <= burdens, (seed, turn, k, orders)
            if burdens == {mdp}:
                assert withheld_from == {mdp}
            withheld += 1
        # it never pays into a collective-defence or intelligence organization
        for k in range(st.n):
            for o in make("free_rider", k).plan(st, rng(seed)):
                a = meridian.action(o.action)
                assert not (a.target == "organization" and not a.hostile
                            and meridian.orgs[o.targets[0]].kind in ("collective_defence", "intel_pact"))
    assert withheld == len(states) * len(meridian.orgs[mdp].members)


def test_free_rider_in_play_contributes_nothing_and_the_allies_resent_it(meridian):
    """Estmark is meridian's free-rider: it gives the Defence Pact nothing while its allies' trust in it falls."""
    g = Game.new(meridian, 5)
    g.play(turns=6)
    est, mdp = meridian.nation_index("estmark"), meridian.org_index("mdp")
    for r in g.history.reports:
        assert {"action": "withhold_contribution", "targets": ["mdp"], "reciprocated": False} in r["orders"]["estmark"]
        pact = next(o for o in r["organizations"] if o["org"] == "mdp")
        assert pact["contributions"]["estmark"] == 0.0
        resentment = [e for e in r["ledger"] if e[0] == "trust" and e[3] == "organization" and e[4] == "free-riding"
                      and e[5] == est]
        assert resentment and all(e[2] < 0 for e in resentment)
    assert g.state.v["contribution"][mdp, est] == 0.0


def test_hawk_builds_up_first_when_tension_is_high(states):
    checked = 0
    for seed, turn, st in states:
        for k in range(st.n):
            if st.budget(k) < 3:
                continue   # a build-up costs 3: it cannot afford one
            tense = _with(st, tension=[((k, j), 0.9) for j in range(st.n) if j != k])
            orders = make("hawk", k).plan(tense, rng(seed))
            assert orders and orders[0] == Order("defence_buildup", ()), (seed, turn, k, orders)
            checked += 1
    assert checked > 20


def test_hawk_puts_the_build_up_before_an_allys_call_only_when_tense(meridian, states):
    """Calm, the hawk answers an ally's call first; under high tension its own build-up comes first."""
    mdp = meridian.org_index("mdp")
    members = meridian.orgs[mdp].members
    checked = 0
    for seed, _turn, st in states:
        for k in members:
            if st.budget(k) < 5:
                continue
            victim = next(m for m in members if m != k)
            call = [Obligation(mdp, victim, st.turn, "terrorist_attack")]
            calm = _with(st, tension=[((k, j), 0.0) for j in range(st.n) if j != k])
            calm.obligations = call
            tense = _with(st, tension=[((k, j), 0.9) for j in range(st.n) if j != k])
            tense.obligations = call
            calm_orders = make("hawk", k).plan(calm, rng(seed))
            tense_orders = make("hawk", k).plan(tense, rng(seed))
            assert calm_orders[0] == Order("joint_exercise", (victim,)), calm_orders
            assert tense_orders[0] == Order("defence_buildup", ()), tense_orders
            checked += 1
    assert checked > 5


def test_hawk_shows_force_to_its_rival(states):
    """With money to spare the hawk parades at the nation it is most tense with and trusts least."""
    checked = 0
    for seed, turn, st in states:
        for k in range(st.n):
            if st.budget(k) < 5:
                continue
            rival = (k + 3) % st.n
            s = _with(st, tension=[((k, rival), 0.95)], trust=[((k, rival), 0.05)])
            orders = make("hawk", k).plan(s, rng(seed))
            assert Order("show_of_force", (rival,)) in orders, (seed, turn, k, orders)
            checked += 1
    assert checked > 10


def test_cooperative_answers_an_allys_call_by_targeting_the_victim(meridian, states):
    mdp = meridian.org_index("mdp")
    members = meridian.orgs[mdp].members
    checked = changed = 0
    for seed, turn, st in states:
        for ally in members:
            if st.budget(ally) < 2:
                continue
            for victim in members:
                if victim == ally:
                    continue
                calm = st.copy()
                calm.obligations = []
                usual = make("cooperative", ally).plan(calm, rng(seed))
                called = st.copy()
                called.obligations = [Obligation(mdp, victim, st.turn, "terrorist_attack")]
                orders = make("cooperative", ally).plan(called, rng(seed))
                assert orders[0] == Order("joint_exercise", (victim,)), (seed, turn, ally, victim, orders)
                changed += Order("joint_exercise", (victim,)) not in usual
                # and the engine counts it as answering the call
                others = {k: make("cooperative", k).plan(called, rng(seed)) for k in range(st.n) if k != ally}
                _, report = resolve_turn(called, {ally: orders, **others}, rng(seed))
                call = next(ob for ob in report["obligations"] if ob["victim"] == meridian.nations[victim].id)
                assert call["responses"][meridian.nations[ally].id] is True
                checked += 1
    assert checked > 10
    assert changed > checked / 2, "without the call the cooperative would mostly not have exercised with the victim"


def test_cooperative_ignores_a_call_that_is_not_due_yet(meridian, states):
    mdp = meridian.org_index("mdp")
    aurelia, estmark = meridian.nation_index("aurelia"), meridian.nation_index("estmark")
    for seed, _turn, st in states:
        calm = st.copy()
        calm.obligations = []
        later = st.copy()
        later.obligations = [Obligation(mdp, estmark, st.turn + 1, "terrorist_attack")]
        orders = make("cooperative", aurelia).plan(later, rng(seed))
        assert orders == make("cooperative", aurelia).plan(calm, rng(seed))
        assert Order("joint_exercise", (estmark,)) not in orders


def _reciprocator_cases(states):
    """(state, me, partner) for every reciprocator seat that can afford cooperation and every partner."""
    for st in states:
        for me in range(st.n):
            if st.budget(me) < 2:
                continue
            for k in range(st.n):
                if k != me:
                    yield st, me, k


def _answered(st, me, k, partner_orders):
    """What the reciprocator `me` plans when, last turn, only partner k (its most trusted) did something toward it."""
    s = _with(st, trust=[((me, j), min(float(st.v["trust"][me, j]), 0.7)) for j in range(st.n) if j != me]
              + [((me, k), 0.9)])
    s.obligations = []
    s.last_orders = {k: tuple(partner_orders)}
    return make("reciprocator", me).plan(s, rng(s.turn * 31 + me))


COOPERATION = ("personnel_exchange", "joint_exercise", "cyber_defence")


def _cooperates_with(orders, k, meridian):
    return any(o.action in COOPERATION and k in o.targets for o in orders)


def test_reciprocator_mirrors_a_partners_cooperation(meridian, states):
    """Partner k ran a cyber-defence programme with us last turn: we answer with the same action toward k."""
    checked = 0
    for st, me, k in _reciprocator_cases([s for _, _, s in states if s.turn > 1]):
        answered = _answered(st, me, k, [Order("cyber_defence", (me,))])
        assert Order("cyber_defence", (k,)) in answered, (st.turn, me, k, answered)
        silent = _answered(st, me, k, [])
        assert Order("cyber_defence", (k,)) not in silent   # the reciprocator does not start it on its own
        checked += 1
    assert checked > 20


def test_reciprocator_stops_cooperating_after_a_show_of_force(meridian, late_states):
    after_force = after_help = total = 0
    for st, me, k in _reciprocator_cases(late_states):
        total += 1
        after_force += _cooperates_with(_answered(st, me, k, [Order("show_of_force", (me,))]), k, meridian)
        after_help += _cooperates_with(_answered(st, me, k, [Order("personnel_exchange", (me,))]), k, meridian)
    assert total > 100
    assert after_help / total > 0.95, "the reciprocator should keep cooperating with a partner that cooperated"
    assert after_force / total < 0.5, "the reciprocator should mostly stop cooperating after a show of force"


def test_reciprocator_forgives_about_a_third_of_the_time(meridian, late_states):
    forgiven = total = 0
    for st, me, k in _reciprocator_cases(late_states):
        total += 1
        forgiven += _cooperates_with(_answered(st, me, k, [Order("show_of_force", (me,))]), k, meridian)
    assert 0.2 <= forgiven / total <= 0.5, f"forgave {forgiven} of {total}"


def test_hedger_talks_to_the_nation_it_is_most_tense_with(states):
    checked = 0
    for seed, turn, st in states:
        for me in range(st.n):
            for k in range(st.n):
                if k == me:
                    continue
                s = _with(st, tension=[((me, j), 0.1) for j in range(st.n) if j != me] + [((me, k), 0.8)])
                orders = make("hedger", me).plan(s, rng(seed))
                assert Order("ministers_dialogue", (k,)) in orders, (seed, turn, me, k, orders)
                assert not any(o.action == "ministers_dialogue" and o.targets != (k,) for o in orders)
                checked += 1
    assert checked == len(states) * 30


NEW_CARDS = """
actions:
  - id: family_reunions
    name: Family reunions
    category: cooperative
    target: partner
    ap: 1
    budget: 1
    text: Divided families meet across the border.
    effects:
      - {do: pair, field: trust, dir: from_target, amount: 0.05}
      - {do: stock, stock: support, who: involved, amount: 1}
  - id: gold_plated_parade
    name: Gold-plated parade
    category: national
    target: self
    ap: 1
    budget: 4
    text: Costs a fortune and does nothing.
    effects:
      - {do: stock, stock: influence, amount: 0.1}
"""


def test_a_scenarios_own_card_is_judged_by_its_previewed_effect_not_its_category(tmp_path):
    """Doctrines value an authored card by what the engine's preview says it does: the dove plays a trust-building
    card the hawk has no use for, and nobody pays a fortune for a card that does nothing."""
    from game.content.loader import load_scenario

    text = (ROOT_SCENARIOS / "meridian.yaml").read_text(encoding="utf-8").replace("\nactions:", "\nactions_unused:")
    # without deals: an agreed gesture would take the action point this test watches the card compete for
    (tmp_path / "m.yaml").write_text(text + NEW_CARDS + "\nnegotiation: {enabled: false}\n", encoding="utf-8")
    sc = load_scenario(tmp_path / "m.yaml")
    counts = {d: {"family_reunions": 0, "gold_plated_parade": 0} for d in ("cooperative", "hawk", "free_rider")}
    for d in counts:
        for seed in range(3):
            g = Game.new(sc, seed, {nid: d for nid in sc.nation_ids})
            g.lean = True
            g.play(6)
            for r in g.history.reports:
                for orders in r["orders"].values():
                    for o in orders:
                        if o["action"] in counts[d]:
                            counts[d][o["action"]] += 1
    assert counts["cooperative"]["family_reunions"] > 3 * max(1, counts["hawk"]["family_reunions"])
    assert all(c["gold_plated_parade"] == 0 for c in counts.values())

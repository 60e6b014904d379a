"""Author levers on computer nations: ai_weight, ai_target, and requires: {shared_org: KIND} ("allies only")."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from game.content.loader import load_scenario, scenario_files
from game.content.yamlsafe import ContentError
from game.runner.batch import run_batch
from game.runner.headless import Game
from game.sim.orders import options, order_problems
from game.sim.resolve import new_game
from game.sim.state import Order

ROOT = Path(__file__).resolve().parents[1]


def child(tmp_path: Path, parent: str, actions: str, name: str = "child") -> Path:
    p = tmp_path / f"{name}.yaml"
    p.write_text(f"extends: {ROOT / 'game' / 'data' / 'scenarios' / parent}.yaml\nname: Levers\nactions:\n{actions}", encoding="utf-8")
    return p


def test_shipped_scenarios_set_no_levers():
    for path in scenario_files():
        sc = load_scenario(path)
        assert sc.levers == {} and not any(a.shared_org for a in sc.actions), path.name


def test_allies_only_refuses_a_partner_outside_the_organization(tmp_path):
    sc = load_scenario(child(tmp_path, "tutorial", "  - {id: joint_exercise, requires: {shared_org: collective_defence}}\n"))
    st = new_game(sc)
    v, k, m = (sc.nation_index(i) for i in ("valdoria", "kestria", "morvane"))   # the pact: valdoria and kestria
    assert order_problems(st, v, [Order("joint_exercise", (m,))]) == [
        "Joint military exercise is for allies only: Morvane shares no collective defence with Valdoria"]
    assert order_problems(st, v, [Order("joint_exercise", (k,))]) == []
    aims = {o.targets for o in options(st, v) if o.action == "joint_exercise"}
    assert aims == {(k,)}
    assert not [o for o in options(st, m) if o.action == "joint_exercise"]
    anyorg = load_scenario(child(tmp_path, "tutorial", "  - {id: joint_exercise, requires: {shared_org: any}}\n", "any"))
    assert order_problems(new_game(anyorg), v, [Order("joint_exercise", (m,))]) == []   # both sit on the Bay Council


def test_requires_keeps_pair_minimums_beside_shared_org(tmp_path):
    sc = load_scenario(child(tmp_path, "tutorial",
                             "  - {id: joint_exercise, requires: {trust: 0.99, shared_org: any}}\n"))
    a = sc.action("joint_exercise")
    assert a.requires == (("trust", 0.99),) and a.shared_org == "any"


@pytest.mark.parametrize("actions, message", [
    ("  - {id: peacekeeping, ai_target: rival}\n",
     "4:35: actions[0].ai_target: ai_target is for partner and partners actions; 'peacekeeping' targets itself"),
    ("  - {id: forum_session, requires: {shared_org: any}}\n",
     "4:35: actions[0].requires: requires is for partner and partners actions; 'forum_session' targets an "
     "organization"),
])
def test_levers_on_cards_without_a_partner_are_located_errors(tmp_path, actions, message):
    path = child(tmp_path, "tutorial", actions)
    with pytest.raises(ContentError) as exc:
        load_scenario(path)
    assert str(exc.value) == f"{path}:{message}"


def _plays(path: Path, action: str, runs: int = 4) -> int:
    res = run_batch(str(path), runs, seed=4, turns=8, explain=True)
    return sum(g["explain"]["plays"][n].get(action, 0) for g in res.games for n in g["explain"]["plays"])


def test_ai_weight_zero_means_no_doctrine_plays_it_and_more_means_more(tmp_path):
    base = ROOT / "game" / "data" / "scenarios" / "meridian.yaml"
    assert _plays(base, "forum_session") > 20
    assert _plays(child(tmp_path, "meridian", "  - {id: forum_session, ai_weight: 0}\n"), "forum_session") == 0
    before = _plays(base, "crisis_hotline")
    after = _plays(child(tmp_path, "meridian", "  - {id: crisis_hotline, ai_weight: 4}\n", "keen"), "crisis_hotline")
    assert after > before + 4, (before, after)


def test_ai_weight_one_changes_nothing(tmp_path):
    plain = run_batch(str(ROOT / "game" / "data" / "scenarios" / "meridian.yaml"), 3, seed=2, turns=6)
    same = run_batch(str(child(tmp_path, "meridian", "  - {id: joint_exercise, ai_weight: 1}\n")), 3, seed=2, turns=6)
    assert [g["series"] for g in plain.sorted()] == [g["series"] for g in same.sorted()]


def test_ai_target_aims_every_computer_play_of_the_card(tmp_path):
    sc = load_scenario(child(tmp_path, "meridian", "  - {id: show_of_force, ai_target: most_trusted}\n"))
    g = Game.new(sc, 5, {"aurelia": "hawk", "caldera": "hawk"})
    g.play(10)
    aimed = 0
    for st, rep in zip(g.history.states, g.history.reports):
        for nid, orders in rep["orders"].items():
            k = sc.nation_index(nid)
            trust = np.array(st.v["trust"][k], dtype=float)
            trust[k] = -np.inf
            for o in orders:
                if o["action"] == "show_of_force":
                    assert sc.nation_index(o["targets"][0]) == int(np.argmax(trust))
                    aimed += 1
    assert aimed >= 5


def test_a_new_card_is_aimed_and_weighed_by_its_levers(tmp_path):
    card = ("  - {id: border_talks, name: Border talks, category: cooperative, target: partner, ap: 1, budget: 0,\n"
            "     ai_target: rival, effects: [{do: pair, field: tension, amount: -0.05}, "
            "{do: region, field: stability, amount: 1}]}\n")
    sc = load_scenario(child(tmp_path, "meridian", card))
    from game.ai.registry import make

    st = new_game(sc)
    for k in range(sc.n):
        st.v["tension"][k, (k + 2) % sc.n] = 0.5        # each nation's rival: two seats on
    played = 0
    for k in range(sc.n):
        for o in make("cooperative", k).plan(st, np.random.default_rng(1)):
            if o.action == "border_talks":
                assert o.targets == ((k + 2) % sc.n,)
                played += 1
    assert played >= 3
    never = load_scenario(child(tmp_path, "meridian", card.replace("ai_target: rival", "ai_weight: 0"), "never"))
    st = new_game(never)
    assert not any(o.action == "border_talks" for k in range(never.n)
                   for o in make("cooperative", k).plan(st, np.random.default_rng(1)))

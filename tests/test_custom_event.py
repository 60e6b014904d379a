"""An event the facilitator writes during a game is held to the rules of a scenario's events: the same validators,
the same messages, every problem at once, listed effect by effect."""
from __future__ import annotations

import pytest

from game.content.loader import custom_event, load_scenario_text
from game.content.yamlsafe import ContentError

SCENARIO = """name: T
nations:
  - {id: alpha, name: Alpha, position: [10, 10]}
  - {id: beta, name: Beta, position: [20, 10]}
organizations:
  - {id: pact, name: Pact, kind: collective_defence, members: [alpha, beta]}
"""


def scenario_problems(event_yaml: str) -> list[str]:
    with pytest.raises(ContentError) as exc:
        load_scenario_text(SCENARIO + "events:\n" + event_yaml, "s.yaml")
    return [p.message for p in exc.value.problems]


def event_problems(sc, data: dict) -> list[tuple[str, str]]:
    with pytest.raises(ContentError) as exc:
        custom_event(data, sc)
    return [(p.loc, p.message) for p in exc.value.problems]


@pytest.fixture(scope="module")
def sc():
    return load_scenario_text(SCENARIO, "s.yaml")


QUAKE = {"name": "Quake", "text": "The ground shakes.", "target": "nation"}


@pytest.mark.parametrize("effect, where", [
    ("{do: region, field: escalation, amount: 1, over: 2}", "over"),
    ("{do: cohesion, org: packt, amount: 0.1}", "org"),
    ("{do: threat, threat: piracyy, amount: 5}", "threat"),
])
def test_an_effect_a_scenario_may_not_have_is_refused_in_the_same_words(sc, effect, where):
    import yaml

    in_file = scenario_problems("  - {id: quake, name: Q, text: t, target: nation, weight: 0.1, "
                                "effects: [" + effect + "]}\n")
    written = event_problems(sc, {**QUAKE, "effects": [yaml.safe_load(effect)]})
    assert written == [(f"effects[0].{where}", in_file[0])] and len(in_file) == 1
    assert "did you mean" in in_file[0] or where == "over"


def test_every_problem_of_a_written_event_at_once_effect_by_effect(sc):
    data = {"name": "Storm", "target": "region", "effects": [
        {"do": "cohesion", "org": "zz", "amount": 0.1}, {"do": "effort", "threat": "zz", "amount": 1},
        {"do": "stock", "stock": "economy", "amount": -2}]}
    assert event_problems(sc, data) == [
        ("text", "missing required key 'text'"),
        ("effects[0].org", "unknown organization 'zz'"),
        ("effects[1].threat", "unknown threat 'zz'"),
    ]


def test_a_written_event_that_passes_strikes_once(sc):
    ev = custom_event({**QUAKE, "effects": [{"do": "stock", "stock": "economy", "who": "target", "amount": -5}]}, sc)
    assert (ev.id, ev.weight, ev.scale_by, ev.target) == ("custom:quake", 0.0, None, "nation")
    assert ev.effects[0].param("amount") == -5

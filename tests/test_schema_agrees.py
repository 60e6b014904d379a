"""One truth for editor and validator: every shipped scenario, the starter, an extending file and 30+ broken files are
judged by `validate` and by jsonschema's Draft7Validator against the exported schema, and the two agree."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft7Validator
from jsonschema.exceptions import best_match

from game.content.jsonschema import scenario_schema, schema_for
from game.content.loader import load_scenario, scenario_files
from game.content.yamlsafe import ContentError, load_yaml_file

ROOT = Path(__file__).resolve().parents[1]

BASE = """\
name: Agreement
turns: 8
stability: 50
nations:
  - {id: alpha, name: Alpha, position: [10, 10], doctrine: hawk}
  - {id: beta, name: Beta, position: [50, 30], color: "#a02828"}
  - {id: gamma, name: Gamma, position: [90, 50], capacity: 3}
  - id: delta
    name: Delta
    position: [30, 40]
    color: "#3f7fd0"
relations:
  trust:
    - {from: alpha, to: beta, value: 0.6}
organizations:
  - {id: pact, name: Pact, kind: collective_defence, members: [alpha, beta]}
threats:
  - {id: piracy, start: 40, growth: 2}
actions:
  - {id: joint_exercise, budget: 2}
  - id: patrol
    name: Patrol
    category: cooperative
    target: partner
    ap: 1
    concepts: [interoperability]
    requires: {trust: 0.2, shared_org: any}
    ai_weight: 2
    ai_target: ally
    effects:
      - {do: effort, threat: piracy, who: involved, amount: 1.0}
      - {do: pair, field: trust, dir: from_target, amount: 0.03}
events:
  - {id: storm, name: Storm, text: A storm., target: region, weight: 0.1, scale_by: "threat:piracy",
     effects: [{do: region, field: stability, amount: -2}]}
scripted:
  - {turn: 2, event: border_incident, targets: [alpha, beta]}
  - {turn: 3, event: storm}
"""


def broken(old: str, new: str) -> str:
    assert old in BASE, old
    return BASE.replace(old, new, 1)


# name -> file text; every one is rejected by `validate`
BROKEN = {
    "unknown_trust_nation": broken("{from: alpha, to: beta", "{from: alpah, to: beta"),
    "unknown_member": broken("members: [alpha, beta]", "members: [alpha, omega]"),
    "member_twice": broken("members: [alpha, beta]", "members: [alpha, alpha]"),
    "doctrine_no": broken("doctrine: hawk", "doctrine: no"),
    "doctrine_typo": broken("doctrine: hawk", "doctrine: hawkk"),
    "unknown_concept": broken("concepts: [interoperability]", "concepts: [interoperabilty]"),
    "scripted_unknown_event": broken("event: storm", "event: stomr"),
    "scripted_after_last_turn": broken("{turn: 3, event: storm}", "{turn: 9, event: storm}"),
    "scripted_disabled_event": broken("stability: 50\n", "stability: 50\ndisable: [border_incident]\n"),
    "scripted_target_count": broken("targets: [alpha, beta]", "targets: [alpha]"),
    "position_off_map": broken("position: [90, 50]", "position: [90, 70]"),
    "position_three": broken("position: [90, 50]", "position: [90, 50, 1]"),
    "disable_unknown": broken("stability: 50\n", "stability: 50\ndisable: [show_of_forse]\n"),
    "effect_unknown_primitive": broken("{do: pair, field: trust", "{do: pear, field: trust"),
    "effect_bad_choice": broken("field: trust, dir: from_target", "field: trusts, dir: from_target"),
    "effect_missing_amount": broken("dir: from_target, amount: 0.03}", "dir: from_target}"),
    "effect_unknown_key": broken("dir: from_target,", "dirr: from_target,"),
    "effect_unknown_threat": broken("threat: piracy, who", "threat: pirates, who"),
    "effect_escalation_over": broken("field: stability, amount: -2", "field: escalation, amount: 1, over: 2"),
    "new_action_incomplete": broken("    category: cooperative\n", ""),
    "override_typo": broken("{id: joint_exercise, budget: 2}", "{id: joint_exercize, budget: 2}"),
    "override_disabled": broken("stability: 50\n", "stability: 50\ndisable: [joint_exercise]\n"),
    "quoted_number": broken("stability: 50", 'stability: "45"'),
    "quoted_whole": broken("ap: 1", 'ap: "1"'),
    "hostile_yes": broken("    ap: 1\n", "    ap: 1\n    hostile: yes\n"),
    "capacity_fraction": broken("capacity: 3", "capacity: 2.5"),
    "stock_over_100": broken("capacity: 3}", "capacity: 3, stocks: {security: 150}}"),
    "priorities_zero": broken("capacity: 3}", "capacity: 3, priorities: {security: 0, economy: 0, support: 0, "
                                              "influence: 0}}"),
    "color_comment": broken('color: "#3f7fd0"', "color: #3f7fd0"),
    "color_comment_flow": broken('color: "#a02828"', "color: #a02828"),
    "unknown_top_key": broken("turns: 8", "turns: 8\nturnz: 9"),
    "rules_out_of_range": broken("turns: 8", "turns: 8\nrules: {drift_stock: 2}"),
    "scale_by_unknown_threat": broken('scale_by: "threat:piracy"', 'scale_by: "threat:pirates"'),
    "scale_by_unknown": broken('scale_by: "threat:piracy"', "scale_by: tensions"),
    "new_nation_incomplete": broken("  - {id: gamma, name: Gamma, position: [90, 50], capacity: 3}",
                                    "  - {id: gamma, name: Gamma, capacity: 3}"),
    "one_nation": "name: One\nnations:\n  - {id: alpha, name: Alpha, position: [1, 1]}\n",
    "turns_zero": broken("turns: 8", "turns: 0"),
    "shared_org_unknown_kind": broken("shared_org: any", "shared_org: alliance"),
    "requires_unknown_key": broken("{trust: 0.2,", "{trsut: 0.2,"),
    "ai_weight_negative": broken("ai_weight: 2", "ai_weight: -1"),
    "ai_weight_text": broken("ai_weight: 2", "ai_weight: never"),
    "ai_target_unknown": broken("ai_target: ally", "ai_target: allies"),
    # the schema cannot judge these (see CANNOT_JUDGE): validate rejects them, the schema accepts them
    "duplicate_nation": broken("  - {id: gamma, name: Gamma", "  - {id: beta, name: Gamma"),
    "trust_in_itself": broken("{from: alpha, to: beta", "{from: alpha, to: alpha"),
    "seats_mismatch": broken("turns: 8", "turns: 8\nseats: [{teams: 2, nations: [alpha]}]"),
    "lever_on_self_action": broken("stability: 50\n", "stability: 50\nactions:\n  - {id: peacekeeping, ai_target: rival}\n")
    if "\nactions:\n" not in BASE else broken("actions:\n", "actions:\n  - {id: peacekeeping, ai_target: rival}\n"),
    "bad_indentation": broken("    name: Patrol\n", "    name: Patrol\n   category: cooperative\n"),
}

CANNOT_JUDGE = {
    "duplicate_nation": "ids unique across list items: draft-07 has uniqueItems for whole items only",
    "trust_in_itself": "comparing two fields of one item (from == to) is beyond JSON Schema",
    "seats_mismatch": "the length of one field against the value of another (teams) is beyond JSON Schema",
    "lever_on_self_action": "ai_target and requires need a partner card, and an override of a base action does not "
                            "say its target: only the merged action (validate) knows it",
    "bad_indentation": "not YAML: the parser rejects it before any schema sees data",
    "color_comment_flow": "not YAML: '#' starts a comment that hides the mapping's closing '}'",
}

EXTENDING = """\
extends: parent.yaml
name: Agreement, extended
disable: [border_incident]
nations:
  - {id: beta, doctrine: hedger}
  - {id: epsilon, name: Epsilon, position: [20, 40]}
organizations:
  - {id: pact, cohesion: 0.8}
actions:
  - {id: patrol, ap: 2.0}
scripted:
  - {turn: 3, event: storm}
"""


def validate_accepts(path: Path) -> bool:
    try:
        load_scenario(path)
    except ContentError:
        return False
    return True


def schema_accepts(path: Path) -> bool | None:
    """The file's own schema's verdict, and the general schema's (which may only be looser); None: not YAML."""
    try:
        data = load_yaml_file(str(path)).data
        own = Draft7Validator(schema_for(path))
    except ContentError:
        return None
    verdict = own.is_valid(data)
    if verdict:
        assert Draft7Validator(scenario_schema()).is_valid(data), f"{path.name}: general schema stricter than its own"
    return verdict


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("agree")
    out = {p.stem: p for p in scenario_files()}
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "new", "starter"], cwd=d, capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    out["starter"] = d / "starter.yaml"
    (d / "parent.yaml").write_text(BASE)
    (d / "extending.yaml").write_text(EXTENDING)
    out["parent"], out["extending"] = d / "parent.yaml", d / "extending.yaml"
    for name, text in BROKEN.items():
        (d / f"{name}.yaml").write_text(text)
        out[name] = d / f"{name}.yaml"
    return out


def test_validate_and_the_schema_agree_on_every_file(files):
    assert len(BROKEN) - len(CANNOT_JUDGE) >= 25
    disagree = []
    for name, path in files.items():
        by_validate, by_schema = validate_accepts(path), schema_accepts(path)
        assert by_validate == (name not in BROKEN), f"{name}: validate {'accepts' if by_validate else 'rejects'} it"
        if name in CANNOT_JUDGE:
            assert by_schema is not False, f"{name} is listed as beyond the schema, but the schema judges it now"
            continue
        if by_schema != by_validate:
            disagree.append(f"{name}: validate {'accepts' if by_validate else 'rejects'}, schema "
                            f"{'accepts' if by_schema else 'rejects'}")
    assert not disagree, disagree


def test_the_general_schema_accepts_an_extending_file_with_partial_nations(files):
    data = load_yaml_file(str(files["extending"])).data
    errors = [e.message for e in Draft7Validator(scenario_schema()).iter_errors(data)]
    assert not errors


def test_a_bad_effect_is_reported_against_the_one_primitive_meant(files):
    data = load_yaml_file(str(files["effect_unknown_key"])).data
    err = best_match(Draft7Validator(schema_for(files["effect_unknown_key"])).iter_errors(data))
    assert list(err.absolute_path) == ["actions", 1, "effects", 1]
    assert err.message == "Additional properties are not allowed ('dirr' was unexpected)"
    assert len(list(Draft7Validator(schema_for(files["effect_unknown_key"])).iter_errors(data))) == 1

"""Scenario validation as an author meets it: `main.py validate`, located messages, extends, new, schema, guide."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from game.content.jsonschema import SCHEMA_FILE, schema_text
from game.content.loader import load_scenario, scenario_files
from game.content.yamlsafe import ContentError

ROOT = Path(__file__).resolve().parents[1]


def validate(*paths: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "validate", *map(str, paths)],
                          cwd=cwd, capture_output=True, text=True, timeout=60)


def problems(tmp_path: Path, text: str | bytes, name: str = "s.yaml") -> list[str]:
    p = tmp_path / name
    p.write_bytes(text if isinstance(text, bytes) else text.encode())
    with pytest.raises(ContentError) as exc:
        load_scenario(p)
    return [str(x).replace(str(tmp_path) + "/", "") for x in exc.value.problems]


NATIONS = """nations:
  - {id: alpha, name: Alpha, position: [10, 10]}
  - {id: beta, name: Beta, position: [20, 10]}
"""

BROKEN = """name: Broken
turns: 5
nations:
  - id: alpha
    name: Alpha
    position: [10, 10]
    stocks: {security: 150, economy: 50}
    prioritiez: {security: 1}
  - id: beta
    name: Beta
    position: [20, 10]
    doctrine: no
  - id: alpha
    name: Alpha again
    position: [30, 10]
organizations:
  - id: pact
    name: Pact
    kind: collective_defense
    members: [alpha, gamma]
actions:
  - id: summit
    name: Summit
    category: cooperative
    target: partner
    effects:
      - {do: stok, stock: security, amount: 1}
      - {do: stock, stock: wealth, amount: 1}
      - {do: stock, stock: economy}
      - {do: pair, field: trust, amount: 1, dirr: mutual}
scripted:
  - {turn: 9, event: border_incidnet}
rules:
  drift_stok: 0.1
"""


def test_every_error_of_a_broken_scenario_at_once(tmp_path):
    assert problems(tmp_path, BROKEN) == [
        "s.yaml:7:24: nations[0].stocks.security: must be at most 100 (found 150)",
        "s.yaml:8:5: nations[0].prioritiez: unknown key 'prioritiez'; did you mean 'priorities'?",
        "s.yaml:12:15: nations[1].doctrine: unknown doctrine 'no' (one of cooperative, hawk, free_rider, "
        "reciprocator, hedger, planner_easy, planner, planner_hard)",
        "s.yaml:13:9: nations[2].id: duplicate id 'alpha' (first at nations[0])",
        "s.yaml:19:11: organizations[0].kind: 'collective_defense' is not one of 'collective_defence', "
        "'dialogue_forum' or 'intel_pact'; did you mean 'collective_defence'?",
        "s.yaml:27:9: actions[0].effects[0]: unknown effect primitive 'stok'; did you mean 'stock'?",
        "s.yaml:28:28: actions[0].effects[1].stock: 'wealth' is not one of 'security', 'economy', 'support' or 'influence'",
        "s.yaml:29:9: actions[0].effects[2].amount: missing required key 'amount'",
        "s.yaml:30:45: actions[0].effects[3].dirr: unknown key 'dirr'; did you mean 'dir'?",
        "s.yaml:32:12: scripted[0].turn: turn 9 is after the last turn (5)",
        "s.yaml:32:22: scripted[0].event: unknown event 'border_incidnet'; did you mean 'border_incident'?",
        "s.yaml:34:3: rules.drift_stok: unknown key 'drift_stok'; did you mean 'drift_stock'?",
    ]


@pytest.mark.parametrize("body, expected", [
    ("organizations:\n  - {id: o, name: O, kind: intel_pact, members: [alpha, gama]}\n",
     "s.yaml:7:57: organizations[0].members[1]: unknown nation 'gama'"),
    ("organizations:\n  - {id: o, name: O, kind: intel_pact, members: [alpha, alpha]}\n",
     "s.yaml:7:57: organizations[0].members[1]: 'alpha' is listed twice"),
    ("relations:\n  trust:\n    - {from: alpha, to: betta, value: 0.5}\n",
     "s.yaml:8:25: relations.trust[0].to: unknown nation 'betta'; did you mean 'beta'?"),
    ("scripted:\n  - {turn: 2, event: border_incident, targets: [alpha]}\n",
     "s.yaml:7:48: scripted[0].targets: 'border_incident' strikes a pair: give 2 target(s), or none to draw them"),
    ("threats:\n  - {id: locusts, start: 10}\n",
     "s.yaml:7:5: threats[0]: new threat 'locusts' needs name, aggregation, growth, damage"),
    ("actions:\n  - id: x\n    name: X\n    category: cooperative\n    target: self\n"
     "    effects:\n      - {do: effort, threat: zombies, amount: 1}\n",
     "s.yaml:12:30: actions[0].effects[0].threat: unknown threat 'zombies'"),
    ("events:\n  - id: quake\n    name: Q\n    text: t\n    target: region\n    weight: 0.1\n"
     "    scale_by: tensoin\n    effects: []\n",
     "s.yaml:12:15: events[0].scale_by: scale_by must be threat:<id> or one of tension, low_support, low_security, "
     "distrust; did you mean 'tension'?"),
    ("disable: [show_of_forse]\n",
     "s.yaml:6:11: disable[0]: there is no base action, event or threat 'show_of_forse'; did you mean 'show_of_force'?"),
    ("map: {width: 15, height: 15}\n",
     "s.yaml:5:38: nations[1].position: position (20, 10) is outside the map (15 x 15)"),
    ("seats:\n  - {teams: 2, nations: [alpha, zeta]}\n",
     "s.yaml:7:33: seats[0].nations[1]: unknown nation 'zeta'; did you mean 'beta'?"),
])
def test_meaning_checks(tmp_path, body, expected):
    assert problems(tmp_path, "name: T\nturns: 5\n" + NATIONS + body) == [expected]


def test_priorities_all_zero(tmp_path):
    text = ("name: T\nnations:\n  - {id: a, name: A, position: [1, 1], priorities: {security: 0, economy: 0, "
            "support: 0, influence: 0}}\n  - {id: b, name: B, position: [2, 2]}\n")
    assert problems(tmp_path, text) == [
        "s.yaml:3:52: nations[0].priorities: priorities are all zero; give at least one stock a weight above 0"]


def test_type_errors_in_plain_words(tmp_path):
    text = "name: T\nturns: many\ncolor: 1\n" + NATIONS
    assert problems(tmp_path, text) == [
        "s.yaml:2:8: turns: must be a whole number, not text ('many')",
        "s.yaml:3:1: color: unknown key 'color'",
    ]


MALFORMED = [
    ("empty", b"", "s.yaml:1:1: the file is empty"),
    ("list root", b"- a\n- b\n", "s.yaml:1:1: the top level must be a mapping (key: value), not a list"),
    ("scalar root", b"hello\n", "s.yaml:1:1: the top level must be a mapping (key: value), not text"),
    ("binary", b"\x00\x01\x02name: x", "binary data (NUL byte); this must be a UTF-8 text file"),
    ("not utf-8", b"name: caf\xe9\n", "not UTF-8 text: invalid byte 0xe9"),
    ("tab", b"name: x\nnations:\n\t- id: a\n", "tab character used for indentation; YAML needs spaces"),
    ("unterminated", b'name: "oops\nturns: 3\n', "found unexpected end of stream"),
    ("duplicate key", b"name: a\nturns: 3\nname: b\n", "s.yaml:3:1: name: duplicate key 'name' (first at line 1)"),
    ("python tag", b"name: !!python/object/apply:os.system ['echo hi']\n",
     "s.yaml:1:7: name: tag '!!python/object/apply:os.system' is not allowed"),
    ("alias bomb", b"a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                   b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                   b"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n",
     "document expands to more than 200000 values (aliases nest too deeply?)"),
    ("deep nesting", b"a: " + b"[" * 5000, "nesting deeper than 100 levels"),
    ("too large", b"name: x\n" + b"# padding\n" * 250_000, "file is 2500008 bytes; the limit is 2000000"),
]


@pytest.mark.parametrize("name, data, expected", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_files_get_one_located_line_and_no_traceback(tmp_path, name, data, expected):
    p = tmp_path / "s.yaml"
    p.write_bytes(data)
    r = validate("s.yaml", cwd=tmp_path)
    assert r.returncode == 1
    assert "Traceback" not in r.stdout + r.stderr
    assert expected in r.stdout
    for line in r.stdout.strip().splitlines():
        assert line.startswith("s.yaml:") and line.split(":")[1].isdigit() and line.split(":")[2].isdigit()


def test_python_tag_executes_nothing(tmp_path):
    marker = tmp_path / "pwned"
    (tmp_path / "s.yaml").write_text(f"name: !!python/object/apply:os.system ['touch {marker}']\n")
    validate("s.yaml", cwd=tmp_path)
    assert not marker.exists()


def test_validate_cli_ok_and_errors_for_several_files(tmp_path):
    (tmp_path / "bad.yaml").write_text("name: T\n" + NATIONS.replace("beta", "alpha"))
    r = validate(ROOT / "game" / "data" / "scenarios" / "meridian.yaml", "bad.yaml", cwd=tmp_path)
    assert r.returncode == 1
    assert r.stdout.splitlines() == [
        f"{ROOT / 'game' / 'data' / 'scenarios' / 'meridian.yaml'}: ok",
        "bad.yaml:4:10: nations[1].id: duplicate id 'alpha' (first at nations[0])",
    ]
    assert validate(ROOT / "game" / "data" / "scenarios" / "meridian.yaml").returncode == 0


def test_validate_without_paths_checks_every_shipped_scenario_and_a_bare_name_is_a_shipped_one(tmp_path):
    every = validate(cwd=tmp_path)
    assert every.returncode == 0, every.stdout
    assert [line.rsplit(": ", 1) for line in every.stdout.splitlines() if line.endswith(": ok")] == \
        [[str(p), "ok"] for p in scenario_files()]
    assert len(scenario_files()) >= 5
    named = validate("tutorial", cwd=tmp_path)
    assert named.returncode == 0 and named.stdout.strip() == f"{ROOT / 'game' / 'data' / 'scenarios' / 'tutorial.yaml'}: ok"
    (tmp_path / "tutorial.yaml").write_text("name: T\n" + NATIONS.replace("beta", "alpha"))
    assert validate("tutorial.yaml", cwd=tmp_path).returncode == 1   # a file of that name comes first


def test_extends_merges_by_id_and_locates_errors_in_the_child(tmp_path):
    parent = ROOT / "game" / "data" / "scenarios" / "meridian.yaml"
    child = tmp_path / "child.yaml"
    child.write_text(f"extends: {parent}\nname: Harder\nturns: 8\nnations:\n  - id: drava\n    militarization: 80\n"
                     "  - id: newland\n    name: Newland\n    position: [50, 30]\n")
    sc = load_scenario(child)
    assert sc.name == "Harder" and sc.turns == 8
    assert sc.nation_ids[-1] == "newland" and len(sc.nations) == 7
    drava = sc.nations[sc.nation_index("drava")]
    assert drava.militarization == 80 and drava.name == "Drava"  # unchanged fields come from the parent
    child.write_text(f"extends: {parent}\nnations:\n  - id: drava\n    doctrine: hawkk\n")
    assert [str(p).replace(str(tmp_path) + "/", "") for p in pytest.raises(ContentError, load_scenario, child).value.problems] \
        == ["child.yaml:4:15: nations[0].doctrine: unknown doctrine 'hawkk'; did you mean 'hawk'? "
            "(one of cooperative, hawk, free_rider, reciprocator, hedger, planner_easy, planner, planner_hard)"]


def test_extends_one_level_only_and_missing_parent(tmp_path):
    (tmp_path / "a.yaml").write_text("name: A\n" + NATIONS)
    (tmp_path / "b.yaml").write_text("extends: a.yaml\nname: B\n")
    (tmp_path / "c.yaml").write_text("extends: b.yaml\nname: C\n")
    assert load_scenario(tmp_path / "b.yaml").name == "B"
    assert problems(tmp_path, "extends: b.yaml\nname: C\n", "c.yaml") == [
        "c.yaml:1:10: extends: 'b.yaml' itself extends another scenario; extends goes one level only"]
    assert problems(tmp_path, "extends: nowhere.yaml\nname: D\n", "d.yaml") == [
        "d.yaml:1:10: extends: cannot read 'nowhere.yaml': no such file"]


def test_new_writes_a_starter_that_validates_and_plays(tmp_path):
    run = lambda *a: subprocess.run([sys.executable, str(ROOT / "main.py"), *a], cwd=tmp_path,  # noqa: E731
                                    capture_output=True, text=True, timeout=60)
    r = run("new", "my_region")
    assert r.returncode == 0, r.stderr
    text = (tmp_path / "my_region.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    assert (tmp_path / text.splitlines()[0].split("=", 1)[1]).resolve() == SCHEMA_FILE
    assert validate("my_region.yaml", cwd=tmp_path).stdout.strip() == "my_region.yaml: ok"
    r = run("run", "my_region.yaml", "--seed", "1")
    assert r.returncode == 0 and "outcome:" in r.stdout
    again = run("new", "my_region")
    assert again.returncode == 2 and "already exists" in again.stderr
    assert (tmp_path / "my_region.yaml").read_text() == text  # nothing lost


def test_exported_schema_is_current():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), \
        "game/data/scenarios/scenario.schema.json is stale: run `python main.py schema`"


DRAFT07 = {"$schema", "$id", "$ref", "definitions", "title", "description", "default", "type", "enum", "const",
           "properties", "required", "additionalProperties", "items", "additionalItems", "minItems", "maxItems",
           "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern",
           "anyOf", "oneOf", "allOf", "not", "if", "then", "else", "propertyNames", "format", "uniqueItems"}


def _keywords(node, out: set, in_properties: bool = False) -> None:
    if isinstance(node, dict):
        for k, v in node.items():
            if not in_properties:
                out.add(k)
                if k in ("default", "const", "enum"):
                    continue  # values, not schema
            _keywords(v, out, in_properties=(k in ("properties", "definitions") and not in_properties))
    elif isinstance(node, list):
        for x in node:
            _keywords(x, out)


def test_schema_uses_draft07_keywords_only():
    used: set = set()
    _keywords(json.loads(schema_text()), used)
    assert used <= DRAFT07, sorted(used - DRAFT07)


def test_shipped_scenarios_pass_the_schema_and_a_broken_one_does_not(tmp_path):
    from jsonschema import Draft7Validator

    validator = Draft7Validator(json.loads(SCHEMA_FILE.read_text()))
    for path in scenario_files():
        errors = list(validator.iter_errors(yaml.safe_load(path.read_text())))
        assert not errors, f"{path.name}: {errors[0].message}"
        assert path.read_text().startswith("# yaml-language-server: $schema=scenario.schema.json")
    bad = yaml.safe_load("name: T\nnations:\n  - {id: a, name: A, position: [1, 1], colour: red}\n")
    assert list(validator.iter_errors(bad))


def test_guide_names_every_schema_field_and_is_current():
    from game.content import schema
    from game.content.docsgen import END, GUIDE, START, reference_markdown

    guide = GUIDE.read_text(encoding="utf-8")
    section = guide[guide.index(START) + len(START):guide.index(END)]
    assert section.strip() == reference_markdown().strip(), "docs/authoring.md reference is stale: run `python main.py schema`"
    models = [schema.Scenario, schema.Nation, schema.Stocks, schema.Priorities, schema.Relations, schema.TrustLink,
              schema.PairValue, schema.Threat, schema.Organization, schema.Action, schema.Event, schema.Scripted,
              schema.MapSize, schema.Seat, schema.Rules, *schema.EFFECT_MODELS.values()]
    missing = [f"{m.__name__}.{f.alias or n}" for m in models for n, f in m.model_fields.items()
               if f"`{f.alias or n}`" not in guide and n not in ("do", "delay", "over")]
    assert not missing
    for prim in schema.EFFECT_MODELS:
        assert f"`{prim}`" in guide

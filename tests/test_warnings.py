"""Nothing dropped silently: `validate` warns (exit 0; --strict: exit 1) for what a file removes or replaces
implicitly, and says 'disabled in this scenario' or 'did you mean' where an id is off."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.content.implicit import implicit_warnings
from game.content.loader import load_scenario
from game.content.yamlsafe import ContentError

ROOT = Path(__file__).resolve().parents[1]
HEAD = """name: W
nations:
  - {id: a, name: A, position: [1, 1]}
  - {id: b, name: B, position: [2, 1]}
"""


def write(tmp_path: Path, text: str, name: str = "s.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text)
    return p


def warnings(path: Path) -> list[str]:
    load_scenario(path)  # valid: warnings are not errors
    return [str(w).replace(str(path.parent) + "/", "") for w in implicit_warnings(str(path))]


def errors(path: Path) -> list[str]:
    with pytest.raises(ContentError) as exc:
        load_scenario(path)
    return [str(p).replace(str(path.parent) + "/", "") for p in exc.value.problems]


def test_a_disabled_threat_warns_of_what_it_takes_with_it(tmp_path):
    p = write(tmp_path, HEAD + "disable: [terrorism, piracy]\n")
    assert warnings(p) == [
        "s.yaml:5:11: disable[0]: warning: disabling the threat 'terrorism' also leaves out the actions intel_sharing, "
        "counter_terrorism, special_forces, uav_cooperation and unilateral_operation and the event terrorist_attack, "
        "which act on it; add them to disable to say so",
        "s.yaml:5:22: disable[1]: warning: disabling the threat 'piracy' also leaves out the actions anti_piracy and "
        "uav_cooperation and the event piracy_surge, which act on it; add them to disable to say so"]
    said = write(tmp_path, HEAD + "disable: [piracy, anti_piracy, uav_cooperation, piracy_surge]\n", "t.yaml")
    assert warnings(said) == []


def test_a_replaced_effects_list_warns_unless_said(tmp_path):
    p = write(tmp_path, HEAD + "actions:\n  - id: defence_buildup\n    effects:\n"
                               "      - {do: stock, stock: security, amount: 1}\n")
    [w] = warnings(p)
    assert w.startswith("s.yaml:7:5: actions[0].effects: warning: replaces the whole effects list of the base action "
                        "'defence_buildup' (")
    assert w.endswith(") with these 1; copy the ones to keep, and add replace_effects: true to say this is meant")
    said = write(tmp_path, HEAD + "actions:\n  - id: defence_buildup\n    replace_effects: true\n    effects:\n"
                                  "      - {do: stock, stock: security, amount: 1}\n", "t.yaml")
    assert warnings(said) == []


def test_a_child_disable_list_that_enables_a_parent_item_again_warns(tmp_path):
    write(tmp_path, HEAD + "disable: [special_forces, white_paper]\n", "parent.yaml")
    child = write(tmp_path, "extends: parent.yaml\nname: C\ndisable: [white_paper]\n", "child.yaml")
    assert warnings(child) == [
        "child.yaml:3:1: disable: warning: 'special_forces', disabled by parent.yaml, is back in this scenario: a disable list replaces its parent's; list it here too to keep it out"]


def test_validate_prints_warnings_and_strict_makes_them_errors(tmp_path):
    p = write(tmp_path, HEAD + "disable: [cyber]\n")
    run = lambda *a: subprocess.run([sys.executable, str(ROOT / "main.py"), "validate", *a, str(p)],  # noqa: E731
                                    capture_output=True, text=True, timeout=60)
    loose, strict = run(), run("--strict")
    assert loose.returncode == 0 and loose.stdout.splitlines()[0] == f"{p}: ok (1 warning(s))"
    assert "warning: disabling the threat 'cyber' also leaves out the actions intel_sharing and cyber_defence" in loose.stdout
    assert strict.returncode == 1 and strict.stdout.splitlines()[0] == f"{p}: 1 warning(s), errors under --strict"


def test_disabled_ids_are_named_disabled_not_unknown(tmp_path):
    p = write(tmp_path, HEAD + "disable: [border_incident, piracy, joint_exercise]\nscripted:\n"
                               "  - {turn: 1, event: border_incident}\n  - {turn: 1, event: piracy_surge}\n"
                               "actions:\n  - {id: joint_exercise, ap: 2}\n"
                               "  - {id: x, name: X, category: national, target: self, "
                               "effects: [{do: effort, threat: piracy, amount: 1}]}\n")
    assert errors(p) == [
        "s.yaml:10:10: actions[0].id: action 'joint_exercise' is disabled in this scenario (disable[2]), so this is "
        "a new action and needs name, category, target, effects; to change the built-in one, take it out of disable",
        "s.yaml:11:87: actions[1].effects[0].threat: threat 'piracy' is disabled in this scenario (disable[1])",
        "s.yaml:7:22: scripted[0].event: event 'border_incident' is disabled in this scenario (disable[0])",
        "s.yaml:8:22: scripted[1].event: event 'piracy_surge' is left out of this scenario: it acts on the threat "
        "'piracy', which is disabled"]


def test_an_override_with_a_misspelled_id_says_did_you_mean(tmp_path):
    p = write(tmp_path, HEAD + "actions:\n  - {id: joint_exercize, budget: 2}\n")
    assert errors(p) == [
        "s.yaml:6:5: actions[0]: new action 'joint_exercize' needs name, category, target, effects; did you mean "
        "'joint_exercise'? (a base action is changed by giving its exact id and only the fields to change)"]


def test_a_hash_colour_and_a_yes_say_what_yaml_did(tmp_path):
    p = write(tmp_path, "name: W\nnations:\n  - id: a\n    name: A\n    position: [1, 1]\n    color: #a02828\n"
                        "  - {id: b, name: B, position: [2, 1]}\nactions:\n  - {id: show_of_force, hostile: yes}\n")
    assert errors(p) == [
        "s.yaml:6:11: nations[0].color: must be text, not empty ('#a02828' is a comment: '#' after a space starts "
        "one, so YAML found no value here; write it in quotes: \"#a02828\")",
        "s.yaml:9:34: actions[0].hostile: must be true or false, not text ('yes') (the game reads YAML 1.2, as "
        "editors do: only true and false are true/false, a bare 'yes' is text; write true or false)"]


def test_a_quoted_number_says_so(tmp_path):
    p = write(tmp_path, HEAD + 'stability: "45"\n')
    assert errors(p) == ["s.yaml:5:12: stability: must be a number, not text ('45') (a number in quotes is text; "
                         "write it without quotes)"]


def test_a_threat_guard_no_card_sets_warns_where_the_file_names_it(tmp_path):
    threat = ("threats:\n  - {id: smuggling, name: Smuggling, aggregation: sum, start: 20, growth: 1, "
              "damage: {economy: 2}, guard: lookout}\n")
    p = write(tmp_path, HEAD + threat)
    assert warnings(p) == [
        "s.yaml:6:107: threats[0].guard: warning: no card of this scenario sets the flag 'lookout', so the guard of "
        "threat 'smuggling' protects nobody; give a card an effect {do: flag, flag: lookout}"]
    card = ("actions:\n  - {id: watch, name: Watch, category: cooperative, target: self, ap: 1, text: Watch., "
            "effects: [{do: flag, flag: lookout}]}\n")
    assert warnings(write(tmp_path, HEAD + threat + card, "t.yaml")) == []

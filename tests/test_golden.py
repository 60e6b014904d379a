"""The golden run: meridian, seed 7, 20 turns must reproduce tests/golden/meridian_seed7.json byte for byte, and
every shipped scenario must compile to the engine definitions hashed in tests/golden/scenarios.json.

The files are written only by tests/golden/regenerate.py (`make golden`), and only when a change is intended.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"


def _regenerate_module():
    spec = importlib.util.spec_from_file_location("golden_regenerate", GOLDEN_DIR / "regenerate.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


regen = _regenerate_module()
HOW_TO_FIX = ("If this change to the model is intended, run `make golden` (it runs .venv/bin/python "
              "tests/golden/regenerate.py) and commit the new file; if not, the engine's behaviour changed by accident.")


def first_difference(old, new, path="") -> str | None:
    """Where two JSON values first differ, as 'path: golden X, now Y'."""
    if type(old) is not type(new):
        return f"{path or '<top>'}: golden {type(old).__name__}, now {type(new).__name__}"
    if isinstance(old, dict):
        for k in sorted(set(old) | set(new)):
            if k not in old or k not in new:
                return f"{path}.{k}: {'missing now' if k not in new else 'new key'}"
            if (d := first_difference(old[k], new[k], f"{path}.{k}")) is not None:
                return d
        return None
    if isinstance(old, list):
        for i, (a, b) in enumerate(zip(old, new)):
            if (d := first_difference(a, b, f"{path}[{i}]")) is not None:
                return d
        if len(old) != len(new):
            return f"{path}: golden has {len(old)} items, now {len(new)}"
        return None
    if old != new:
        return f"{path}: golden {old!r}, now {new!r}"
    return None


def diff_hint(golden_text: str, new_text: str) -> str:
    try:
        old, new = json.loads(golden_text), json.loads(new_text)
    except ValueError as exc:
        return f"the golden file is not valid JSON ({exc})"
    turn = next((k + 1 for k, (a, b) in enumerate(zip(old.get("reports", []), new.get("reports", []))) if a != b),
                None)
    where = first_difference(old.get("reports", []) if turn else old, new.get("reports", []) if turn else new,
                             "reports" if turn else "")
    head = f"the run first differs in the report of turn {turn}" if turn else "the run differs"
    return f"{head}; first difference at {where}"


def test_golden_run_is_reproduced_byte_for_byte():
    if not regen.GOLDEN.exists():
        pytest.fail(f"{regen.GOLDEN} is missing. Run `make golden` to create it.")
    golden = regen.GOLDEN.read_text(encoding="utf-8")
    now = regen.golden_json()
    if now != golden:
        pytest.fail(f"the seed-7 meridian run no longer matches {regen.GOLDEN.name}: {diff_hint(golden, now)}.\n"
                    + HOW_TO_FIX, pytrace=False)


def test_every_shipped_scenario_compiles_to_what_it_did():
    """A loader or schema change that alters any value of a compiled scenario (a default, a merge, an index) shows
    here for every shipped scenario, not only for the one the golden run plays."""
    golden = json.loads(regen.SCENARIO_HASHES.read_text(encoding="utf-8"))
    now = regen.scenario_hashes()
    changed = sorted(f for f in set(golden) | set(now) if golden.get(f) != now.get(f))
    if changed:
        pytest.fail(f"these files no longer compile to the engine definitions hashed in {regen.SCENARIO_HASHES.name}: "
                    f"{', '.join(changed)} (`python main.py catalog FILE` shows what a scenario has).\n" + HOW_TO_FIX,
                    pytrace=False)


def test_golden_file_is_what_it_says():
    data = json.loads(regen.GOLDEN.read_text(encoding="utf-8"))
    assert data["scenario"] == "meridian" and data["seed"] == regen.SEED == 7
    assert len(data["reports"]) <= regen.TURNS == 20
    assert data["final"]["outcome"] in ("secure", "fragile", "conflict")
    assert len(data["states"]) == len(data["reports"]) + 1


def test_diff_hint_points_at_the_first_changed_value():
    a = {"reports": [{"turn": 1, "summary": {"stability": 50.0}}, {"turn": 2, "summary": {"stability": 51.0}}]}
    b = json.loads(json.dumps(a))
    b["reports"][1]["summary"]["stability"] = 52.5
    hint = diff_hint(json.dumps(a), json.dumps(b))
    assert "turn 2" in hint and "reports[1].summary.stability" in hint and "51.0" in hint and "52.5" in hint

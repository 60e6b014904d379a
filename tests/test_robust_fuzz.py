"""Fuzz (hypothesis): any mutated shipped scenario that validation accepts plays 10 turns with no exception, every
value finite and inside its bounds, and a history that is strict JSON; out-of-range rules are located errors."""
from __future__ import annotations

import copy
import json
import math

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content import rules as rule_ranges
from game.content.loader import load_scenario_text, scenario_files
from game.content.yamlsafe import ContentError
from game.runner.headless import Game
from game.sim.defs import Params
from game.sim.state import BOUNDS

FILES = scenario_files()
RAW = {p: yaml.safe_load(p.read_text(encoding="utf-8")) for p in FILES}
FIELDS = list(Params.__dataclass_fields__)
WILD = st.one_of(st.sampled_from([0, -1, 1, 2, 3, 0.5, -0.5, 1e-9, 1e6, 1e307, -1e307, 100, 101, 1e400]),
                 st.floats(allow_nan=True, allow_infinity=True), st.integers(-10 ** 6, 10 ** 6))


@st.composite
def rule_value(draw, name: str):
    lo, hi = rule_ranges.RANGES[name]
    integral = isinstance(getattr(Params(), name), int)
    inside = st.integers(int(lo), int(hi)) if integral else st.floats(lo, hi)
    near = st.sampled_from([-1, -0.5, 0, 0.5, 1, 2, 3, 10, 1e3, 1e307, -1e307])
    return draw(st.one_of(st.sampled_from([lo, hi]), inside, near, WILD))


def _numbers(node, path=()):
    """(path, value) of every number in a parsed YAML tree (not booleans)."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _numbers(v, path + (k,))
    elif isinstance(node, list):
        for k, v in enumerate(node):
            yield from _numbers(v, path + (k,))
    elif isinstance(node, (int, float)) and not isinstance(node, bool):
        yield path, node


def _set(node, path, value):
    for seg in path[:-1]:
        node = node[seg]
    node[path[-1]] = value


@st.composite
def mutated(draw):
    path = draw(st.sampled_from(FILES), label="scenario")
    data = copy.deepcopy(RAW[path])
    rules = data.setdefault("rules", {}) or {}
    data["rules"] = rules
    for name in draw(st.lists(st.sampled_from(FIELDS), unique=True, min_size=1, max_size=4), label="rules"):
        rules[name] = draw(rule_value(name), label=name)
    numbers = list(_numbers({k: v for k, v in data.items() if k != "rules"}))
    for k in draw(st.lists(st.integers(0, len(numbers) - 1), unique=True, max_size=3), label="numbers"):
        old = numbers[k][1]
        scaled = st.sampled_from([0, old * 2, old / 2, -old, old + 1]).map(
            lambda v, old=old: type(old)(v) if abs(v) < 1e9 else v)   # this number's type (old bound now)
        _set(data, numbers[k][0], draw(st.one_of(scaled, scaled, WILD), label=str(numbers[k][0])))
    return path, data


def _dump(data) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def _check_state(st_, where: str) -> None:
    for name, arr in st_.v.items():
        a = np.asarray(arr, dtype=float)
        assert np.isfinite(a).all(), f"{where}: {name} is not finite"
        lo, hi, _ = BOUNDS[name]
        assert (a >= lo).all() and (a <= hi).all(), f"{where}: {name} outside [{lo}, {hi}]: {a.min()} .. {a.max()}"


def _play(sc, seed: int) -> None:
    g = Game.new(sc, seed)
    g.play(turns=10)
    for t, s in enumerate(g.history.states):
        _check_state(s, f"{sc.id} turn {t + 1}")
    text = json.dumps(g.to_dict(), allow_nan=False)       # strict JSON: ValueError on NaN or infinity
    json.loads(text, parse_constant=lambda c: pytest.fail(f"non-JSON token {c}"))
    for rep in g.history.reports:
        for ni in (rep.get("summary", {}).get("national_interest") or {}).values():
            assert -1e6 < float(ni) < 1e6


@pytest.mark.slow
@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated(), st.integers(0, 2 ** 31 - 1))
def test_any_scenario_validation_accepts_plays_ten_clean_turns(case, seed):
    path, data = case
    try:
        sc = load_scenario_text(_dump(data), str(path))
    except ContentError:
        return            # refused with located errors: the property holds
    _play(sc, seed)


def test_every_rules_field_has_a_documented_range():
    assert rule_ranges.missing() == [], "give these Params fields a range in game/content/rules.py"
    for name, (lo, hi) in rule_ranges.RANGES.items():
        assert name in Params.__dataclass_fields__, f"{name} is not a Params field"
        assert lo <= getattr(Params(), name) <= hi, f"the default of {name} is outside its own range"


def test_rules_at_both_ends_of_every_range_play_clean():
    base = RAW[FILES[0]]
    for name, (lo, hi) in rule_ranges.RANGES.items():
        for value in (lo, hi):
            data = copy.deepcopy(base)
            data["rules"] = {name: value}
            _play(load_scenario_text(_dump(data), str(FILES[0])), 7)


@pytest.mark.parametrize("name,value", [("max_events", -1), ("budget_per_economy", 1e307), ("budget_per_economy", -1),
                                        ("dampen_zone", 0), ("trade_scale", -0.5), ("trade_scale", 1e308),
                                        ("conflict_penalty", 3)])
def test_rules_from_the_issue_are_refused_with_their_place_and_range(name, value):
    text = f"extends: meridian.yaml\nname: Broken\nrules:\n  {name}: {value}\n"
    with pytest.raises(ContentError) as exc:
        load_scenario_text(text, str(FILES[0].parent / "broken.yaml"))
    lo, hi = rule_ranges.RANGES[name]
    first = str(exc.value.problems[0])
    assert first.startswith(f"{FILES[0].parent / 'broken.yaml'}:4:") and \
        f"rules.{name}: must be between {lo:g} and {hi:g}" in first, first
    assert not math.isnan(lo)

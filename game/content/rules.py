"""The documented range of every `rules:` number (game.sim.defs.Params); a Params field missing here fails a test.

A value outside its range is a located error, `file:line:col: rules.x: must be between a and b`: inside these
ranges every shipped and fuzzed scenario plays without NaN, infinity or values out of bounds (tests/test_robust_fuzz.py).
"""
from __future__ import annotations

from game.sim.defs import Params

# field -> (lowest, highest) allowed; both inclusive
RANGES: dict[str, tuple[float, float]] = {
    "drift_stock": (0.0, 1.0),
    "drift_pair": (0.0, 1.0),
    "drift_militarization": (0.0, 1.0),
    "dampen_zone": (0.01, 1.0),          # 0 would divide by zero at the bounds
    "budget_per_economy": (0.0, 1.0),
    "tension_rate": (0.0, 1.0),
    "tension_scale": (0.0, 10.0),
    "transparency_relief": (0.0, 1.0),
    "hotline_relief": (0.0, 1.0),
    "interop_relief": (0.0, 1.0),
    "broken_commitment": (0.0, 1.0),
    "kept_commitment": (0.0, 1.0),
    "cohesion_gain": (0.0, 1.0),
    "cohesion_loss": (0.0, 1.0),
    "freeride_resentment": (0.0, 1.0),
    "dividend_defence": (0.0, 20.0),
    "dividend_forum": (0.0, 20.0),
    "dividend_intel": (0.0, 20.0),
    "trade_rate": (0.0, 1.0),
    "trade_scale": (0.0, 200.0),
    "trade_income": (0.0, 5.0),
    "investment": (0.0, 2.0),
    "stability_rate": (0.0, 1.0),
    "stability_base": (-100.0, 100.0),
    "stability_cohesion": (0.0, 100.0),
    "security_cohesion": (0.0, 100.0),
    "threat_crisis": (0.0, 100.0),
    "crisis_weight": (0.0, 10.0),
    "threat_reduction": (0.0, 100.0),
    "base_effort": (0.0, 10.0),
    "intel_multiplier": (0.0, 5.0),
    "deescalate_base": (0.0, 1.0),
    "instability_escalation": (0.0, 1.0),
    "escalation_drag": (0.0, 20.0),
    "collapse_stability": (0.0, 100.0),
    "secure_stability": (0.0, 100.0),
    "conflict_penalty": (0.0, 1.0),     # the share of National Interest kept at collapse: never more than all of it
    "max_events": (0, 20),
    "suspicion": (0.0, 1.0),
    "spend_cost": (0.0, 2.0),            # a budget point costs at most 2 economy: a turn's spending stays finite
    "guard_cut": (0.0, 1.0),             # a share of the damage
    "regional_stake": (0.0, 1.0),        # a share of National Interest
    "signal_cost": (0.0, 2.0),
    "signal_base": (0.0, 2.0),
    "posture_discount": (0.0, 1.0),      # 1: a fully militarized sender wins no trust; more would turn gestures hostile
}


def missing() -> list[str]:
    """Params fields that have no documented range (a test asserts there are none)."""
    return [f for f in Params.__dataclass_fields__ if f not in RANGES]


def bounds(name: str) -> tuple[float, float] | None:
    return RANGES.get(name)


def range_text(name: str) -> str:
    lo, hi = RANGES[name]
    return f"{lo:g} to {hi:g}"

"""What the scenario format asks beyond types: the fields a new item needs, event targets, scale_by, threats named."""
from __future__ import annotations

from typing import Any

# The fields a new item needs (the catalog merge checks them; a scenario's JSON Schema says so too).
NEEDS = {"threats": ("name", "aggregation", "start", "growth", "damage"),
         "actions": ("name", "category", "target", "effects"),
         "events": ("name", "text", "target", "weight", "effects"),
         "nations": ("id", "name", "position"),
         "organizations": ("id", "name", "kind", "members")}
ARITY = {"nation": 1, "pair": 2, "region": 0}   # targets an event strikes
SCALE_BY = ("tension", "low_support", "low_security", "distrust")   # what scale_by may name besides threat:<id>


def missing_threats(fields: dict, threats: Any) -> list[tuple[int, str]]:
    """(effect index, threat) for each effect of an action's or event's fields acting on a threat not in `threats`;
    index -1 for scale_by."""
    effects = fields.get("effects") or ()
    bad = [(k, e["threat"]) for k, e in enumerate(effects) if "threat" in e and e["threat"] not in threats]
    sb = fields.get("scale_by")
    if sb and sb.startswith("threat:") and sb[7:] not in threats:
        bad.append((-1, sb[7:]))
    return bad

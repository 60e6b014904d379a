"""Synthetic scenarios of any size for benchmarks: N nations on a ring, three organizations, the base catalog."""
from __future__ import annotations

import math

import yaml

from game.ai.registry import FIXED
from game.content.loader import load_scenario_text


def synthetic_yaml(n: int, turns: int = 20) -> str:
    names = list(FIXED)  # the fixed doctrines; the look-ahead planners are measured apart
    nations = []
    for k in range(n):
        a = 2 * math.pi * k / n
        nations.append({
            "id": f"n{k:02d}", "name": f"Nation {k}",
            "position": [round(50 + 45 * math.cos(a), 2), round(30 + 28 * math.sin(a), 2)],
            "stocks": {"security": 40 + (k * 7) % 30, "economy": 45 + (k * 11) % 30,
                       "support": 50 + (k * 5) % 20, "influence": 40 + (k * 3) % 25},
            "militarization": 20 + (k * 13) % 40,
            "priorities": {"security": 1 + k % 3, "economy": 1 + (k + 1) % 3, "support": 1, "influence": 1},
            "doctrine": names[k % len(names)],
        })
    ids = [x["id"] for x in nations]
    data = {
        "name": f"Synthetic {n}", "turns": turns, "map": {"width": 100, "height": 60}, "nations": nations,
        "organizations": [
            {"id": "pact", "name": "Pact", "kind": "collective_defence", "members": ids[: max(2, n // 2)]},
            {"id": "forum", "name": "Forum", "kind": "dialogue_forum", "members": ids, "expected": 0.5},
            {"id": "eyes", "name": "Eyes", "kind": "intel_pact", "members": ids[::3][:5] or ids[:2]},
        ],
    }
    return yaml.safe_dump(data, sort_keys=False)


MAX_LOADED = 30   # the schema's limit on nations; larger regions are built from the 30-nation one


def synthetic(n: int, turns: int = 20):
    """The synthetic scenario of n nations. Above the schema's 30 nations, the validated 30-nation scenario lends
    its catalog, threats and rules, and the nations and organizations are built as the YAML would give them."""
    if n <= MAX_LOADED:
        return load_scenario_text(synthetic_yaml(n, turns), f"synthetic{n}.yaml")
    import dataclasses

    import yaml as _yaml

    from game.sim.defs import STOCKS, NationDef, OrgDef

    base = load_scenario_text(synthetic_yaml(MAX_LOADED, turns), f"synthetic{MAX_LOADED}.yaml")
    data = _yaml.safe_load(synthetic_yaml(n, turns))
    proto, ids = base.nations[0], [x["id"] for x in data["nations"]]
    nations = tuple(NationDef(x["id"], x["name"], tuple(float(x["stocks"][s]) for s in STOCKS), float(x["militarization"]),
                              tuple(float(x["priorities"][s]) for s in STOCKS), proto.capacity,
                              tuple(float(c) for c in x["position"]), x["doctrine"], proto.color)
                    for x in data["nations"])
    orgs = tuple(dataclasses.replace(od, members=tuple(ids.index(m) for m in og["members"]))
                 for od, og in zip(base.orgs, data["organizations"]))
    assert all(isinstance(o, OrgDef) for o in orgs)
    return dataclasses.replace(base, id=f"synthetic{n}", name=f"Synthetic {n}", nations=nations, orgs=orgs)

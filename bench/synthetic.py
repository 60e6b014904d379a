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


def synthetic(n: int, turns: int = 20):
    return load_scenario_text(synthetic_yaml(n, turns), f"synthetic{n}.yaml")

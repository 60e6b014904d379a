"""Events a facilitator injects: one queued for the next resolution (Injection) and the check of its targets."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.sim.effects import REGISTRY

TARGETS_NEEDED = {"nation": 1, "pair": 2, "region": 0}


@dataclass
class Injection:
    """An event the facilitator queued for the next resolution; `spec` is how it is saved."""
    event: Any                      # game.sim.defs.EventDef
    targets: tuple[int, ...]
    spec: dict                      # {"event": id, "targets": [nation ids]} or {"custom": {...}, "targets": [...]}

    def describe(self, sc: Any) -> str:
        tg = " and ".join(sc.nations[t].name for t in self.targets)
        return self.event.name + (f" on {tg}" if tg else " (the whole region)")


def target_problem(sc: Any, ev: Any, targets: tuple[int, ...]) -> str | None:
    """Why these targets do not fit the event (in words), or None."""
    need = TARGETS_NEEDED.get(ev.target, 0)
    if any(not 0 <= t < sc.n for t in targets):
        return "a target is not a nation of this scenario"
    if len(set(targets)) != len(targets):
        return "choose two different nations"
    if len(targets) != need:
        return {0: f"{ev.name} strikes the whole region: choose no nation",
                1: f"{ev.name} strikes one nation: choose exactly one",
                2: f"{ev.name} strikes a pair: choose exactly two nations"}[need]
    return None


def custom_event_data(target: str, effects: list[dict], name: str = "", text: str = "", attack: bool = False) -> dict:
    """An event written on the spot, as GameSession.inject_custom takes it. An event has no actor, so an effect's
    `who` means the struck nations (every nation for a region event) unless the effect says otherwise."""
    out = []
    for eff in effects:
        eff = dict(eff)
        prim = REGISTRY.get(str(eff.get("do")))
        if prim is not None and "who" in prim.params and "who" not in eff:
            eff["who"] = "all" if target == "region" else "target"
        out.append(eff)
    data: dict = {"target": target, "effects": out}
    if name.strip():
        data["name"] = name.strip()
    if text.strip():
        data["text"] = text.strip()
    if attack:
        data["attack"] = True
    return data

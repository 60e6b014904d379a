"""Helpers for tests/test_rules.py: tiny hand-built regions, a fixed-roll generator, and the appendix tables of docs/rules.md.

To rewrite the appendices after the base ruleset changes:
    cd tests && ../.venv/bin/python -c "from rules_fixtures import *; print(appendix_tables(base_ruleset())['actions'])"
"""
from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from game.content.loader import load_scenario
from game.sim.defs import ActionDef, EffectSpec, EventDef, NationDef, OrgDef, Params, Scenario, ThreatDef
from game.sim.resolve import resolve_turn
from game.sim.state import Order, State

ROOT = Path(__file__).resolve().parents[1]
MERIDIAN = ROOT / "game" / "data" / "scenarios" / "meridian.yaml"


BASE_ONLY = """\
id: base_only
name: The base ruleset alone
turns: 20
nations:
  - {id: a, name: A, position: [10, 10]}
  - {id: b, name: B, position: [20, 10]}
"""


@lru_cache(maxsize=1)
def base_ruleset() -> Scenario:
    """A two-nation scenario that adds, overrides and disables nothing: the base catalog exactly as shipped."""
    d = Path(tempfile.mkdtemp(prefix="rules_base_"))
    (d / "base_only.yaml").write_text(BASE_ONLY, encoding="utf-8")
    return load_scenario(d / "base_only.yaml")


@lru_cache(maxsize=1)
def meridian() -> Scenario:
    """The default scenario as shipped (six nations, the base catalog, events and scripted events)."""
    return load_scenario(MERIDIAN)


def fx(do: str, delay: int = 0, over: int = 1, **params: Any) -> EffectSpec:
    """An effect spec written like the YAML: fx('stock', stock='security', amount=3, over=2)."""
    return EffectSpec(do, tuple(params.items()), delay, over)


def action(id: str, effects: tuple[EffectSpec, ...] | list[EffectSpec], target: str = "self", **kw: Any) -> ActionDef:
    kw.setdefault("category", "cooperative")
    kw.setdefault("ap", 1)
    kw.setdefault("budget", 0)
    return ActionDef(id=id, name=kw.pop("name", id.replace("_", " ").capitalize()), target=target,
                     effects=tuple(effects), **kw)


def event(id: str, effects: tuple[EffectSpec, ...] | list[EffectSpec], target: str = "nation", weight: float = 0.0,
          **kw: Any) -> EventDef:
    return EventDef(id=id, name=kw.pop("name", id), text=kw.pop("text", id), target=target, weight=weight,
                    scale_by=kw.pop("scale_by", None), effects=tuple(effects), **kw)


def base_actions() -> tuple[ActionDef, ...]:
    return base_ruleset().actions


def mini(n: int = 3, *, stocks: tuple[float, float, float, float] = (50, 50, 50, 50), mil: float | list[float] = 30,
         priorities: tuple[float, float, float, float] = (1, 1, 1, 1), capacity: int = 3,
         positions: list[tuple[float, float]] | None = None, threats: tuple[ThreatDef, ...] | None = None,
         orgs: tuple[OrgDef, ...] = (), actions: tuple[ActionDef, ...] | None = None,
         events: tuple[EventDef, ...] = (), scripted: tuple = (), params: Params | None = None, turns: int = 10,
         stability: float = 55.0, trust: tuple = (), pairs: tuple = (), default_trust: float = 0.45,
         nation_stocks: list[tuple[float, float, float, float]] | None = None,
         nation_priorities: list[tuple[float, float, float, float]] | None = None) -> Scenario:
    """A small region built in Python: n identical nations (unless told otherwise), the base actions, no events.

    Nations sit on a line 0.3 map units apart. Without `threats`, the region has the base threats at level 0 that
    never grow or harm; with `threats`, base actions that fight a threat the region lacks are left out (as the
    loader leaves them out of a scenario that disables that threat)."""
    mils = mil if isinstance(mil, list) else [mil] * n
    pos = positions or [(0.2 + 0.3 * k, 0.2) for k in range(n)]
    nations = tuple(
        NationDef(id=f"n{k}", name=f"Nation{k}",
                  stocks=tuple(float(x) for x in (nation_stocks[k] if nation_stocks else stocks)),  # type: ignore[arg-type]
                  militarization=float(mils[k]),
                  priorities=tuple(float(x) for x in (nation_priorities[k] if nation_priorities else priorities)),  # type: ignore[arg-type]
                  capacity=capacity, position=pos[k], doctrine="cooperative")
        for k in range(n))
    if threats is None:  # the base threats' names, at level 0, never growing, harmless: the base actions stay playable
        threats = tuple(ThreatDef(t.id, t.name, t.aggregation, 0.0, 0.0, ()) for t in base_ruleset().threats)
    if actions is None:  # the base actions, less those that fight a threat this region does not have (as the loader does)
        known = {t.id for t in threats}
        actions = tuple(a for a in base_actions() if all(e.param("threat") in (None, *known) for e in a.effects))
    return Scenario(id="mini", name="Mini", turns=turns, nations=nations, threats=threats, orgs=orgs,
                    actions=actions, events=events, scripted=scripted,
                    params=params or Params(), trust=trust, pairs=pairs, stability=stability,
                    default_trust=default_trust)


def threat(id: str = "t", aggregation: str = "sum", start: float = 40.0, growth: float = 0.0,
           damage: tuple = (("economy", 10.0),), intel_bonus: bool = False, guard: str | None = None) -> ThreatDef:
    return ThreatDef(id, id.capitalize(), aggregation, start, growth, damage, intel_bonus, guard)


def org(id: str, kind: str, members: tuple[int, ...], cohesion: float = 0.5, expected: float = 1.0) -> OrgDef:
    return OrgDef(id, id.upper(), kind, members, cohesion, expected)


def O(action_id: str, *targets: int) -> Order:  # noqa: E743 - reads as a written order: O("trade_agreement", 1)
    return Order(action_id, tuple(targets))


def step(state: State, orders: dict[int, list[Order]] | None = None, seed: int = 0) -> tuple[State, dict]:
    """Resolve one turn with a fresh generator of the given seed."""
    return resolve_turn(state, orders or {}, np.random.default_rng(seed))


class FixedRng:
    """A stand-in for the generator whose every roll is `value`: 0.0 makes every chance come true, 0.9999 none.
    Choices (which event is kept, who is struck) are delegated to a real generator."""

    def __init__(self, value: float, seed: int = 0) -> None:
        self.value = value
        self._real = np.random.default_rng(seed)

    def random(self, size: Any = None) -> Any:
        return self.value if size is None else np.full(size, self.value)

    def choice(self, *args: Any, **kwargs: Any) -> Any:
        return self._real.choice(*args, **kwargs)

    def split(self) -> tuple[FixedRng, FixedRng]:
        """The orders' and the ladder's streams (game/sim/resolve.streams): every roll is `value` in them too."""
        return self, self


# -- the appendix tables of docs/rules.md, written from the definitions ------------------------------
_WHO = {"actor": "you", "target": "partner", "involved": "both", "members": "members", "others": "all others",
        "all": "everyone"}
_WHO_EVENT = {"actor": "-", "target": "struck", "involved": "both struck", "members": "both struck",
              "others": "everyone", "all": "everyone"}
_DIR = {"mutual": "both ways", "from_target": "partner -> you", "to_target": "you -> partner",
        "all_to_actor": "everyone -> you", "among": "among members"}


def _num(x: float) -> str:
    return f"{x:+g}"


def describe_effect(e: EffectSpec, event: bool = False) -> str:
    """One effect in the compact words of the appendix, e.g. 'security +6 (you) over 2 turns'."""
    p = dict(e.params)
    who = (_WHO_EVENT if event else _WHO)[p.get("who", "actor")]
    d = _DIR[p.get("dir", "mutual")]
    if event and p.get("dir", "mutual") != "among":
        d = {"mutual": "both ways", "from_target": "second -> first", "to_target": "first -> second",
             "all_to_actor": "everyone -> first"}[p.get("dir", "mutual")]
    s = {
        "stock": lambda: f"{p.get('stock')} {_num(p.get('amount', 0))} ({who})",
        "militarization": lambda: f"militarization {_num(p.get('amount', 0))} ({who})",
        "pair": lambda: f"{p.get('field')} {_num(p.get('amount', 0))} ({d})",
        "region": lambda: f"{p.get('field')} {_num(p.get('amount', 0))}",
        "threat": lambda: f"{p.get('threat')} level {_num(p.get('amount', 0))}",
        "effort": lambda: f"effort {p.get('amount', 0):g} vs {p.get('threat')} ({who})",
        "cohesion": lambda: f"cohesion {_num(p.get('amount', 0))}",
        "contribute": lambda: f"contribution {p.get('amount', 0):g}"
                              + ("" if p.get("kind", "any") == "any" else f" ({p.get('kind').replace('_', ' ')})"),
        "flag": lambda: f"flag {p.get('flag')} {int(p.get('turns', 1))} turn(s) ({who})",
        "withhold": lambda: "withheld from this organization this turn",
        "dialogue": lambda: f"dialogue {_num(p.get('amount', 0))}",
        "incident": lambda: f"incident (base chance {p.get('chance', 0):g})",
    }.get(e.do, lambda: e.do)()
    if e.delay:
        s += f", from {e.delay} turn(s) later"
    if e.over > 1:
        s += f", spread over {e.over} turns"
    return s


def describe_effects(effects: tuple[EffectSpec, ...], event: bool = False) -> str:
    return "; ".join(describe_effect(e, event) for e in effects)


def action_row(a: ActionDef) -> list[str]:
    target = a.target + (f" (up to {a.max_targets})" if a.target == "partners" else "") \
        + (f" ({a.org_kind.replace('_', ' ')})" if a.org_kind else "")
    req = ", ".join(f"{k} >= {v:g}" for k, v in a.requires) or "-"
    return [a.id, target, str(a.ap), str(a.budget), f"{a.reciprocity:g}", req, "yes" if a.hostile else "-",
            describe_effects(a.effects)]


def event_row(ev: EventDef) -> list[str]:
    return [ev.id, ev.target, f"{ev.weight:g}", ev.scale_by or "-", "yes" if ev.attack else "-", ev.shield or "-",
            describe_effects(ev.effects, event=True)]


def threat_row(th: ThreatDef) -> list[str]:
    dmg = ", ".join(f"{s} {v:g}" for s, v in th.damage)
    return [th.id, th.aggregation.replace("_", " "), f"{th.start:g}", f"{th.growth:g}", dmg,
            "yes" if th.intel_bonus else "-", th.guard or "-"]


def md_table(header: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


ACTION_HEADER = ["action", "target", "AP", "budget", "reciprocity", "requires", "hostile", "effects"]
EVENT_HEADER = ["event", "strikes", "weight", "scaled by", "attack", "shield", "effects"]
THREAT_HEADER = ["threat", "aggregation", "start", "growth", "damage per turn at level 100", "intel bonus", "guard"]


def appendix_tables(sc: Scenario) -> dict[str, str]:
    return {"actions": md_table(ACTION_HEADER, [action_row(a) for a in sc.actions]),
            "events": md_table(EVENT_HEADER, [event_row(e) for e in sc.events]),
            "threats": md_table(THREAT_HEADER, [threat_row(t) for t in sc.threats])}

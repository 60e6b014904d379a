"""Construction: the frozen engine definitions (game/sim/defs.py) from a scenario that passed every check."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.sim import defs
from game.sim.defs import STOCKS

if TYPE_CHECKING:
    from .merge import Merged


def scenario(sc: Any, merged: Merged, default_id: str, source: str) -> defs.Scenario:
    """The engine's scenario from the typed scenario `sc` (schema.Scenario) and its merge over the catalog."""
    nix = {n.id: k for k, n in enumerate(sc.nations)}
    wmax = max(sc.map.width, sc.map.height)
    return defs.Scenario(
        id=sc.id or default_id, name=sc.name, turns=sc.turns,
        nations=tuple(nation(n, wmax) for n in sc.nations),
        threats=tuple(threat(t) for t in merged.threats.values() if "name" in t),
        orgs=tuple(organization(o, nix) for o in sc.organizations),
        actions=tuple(action(a) for a in merged.kept("actions")),
        events=tuple(event(e) for e in merged.kept("events")),
        scripted=tuple(scripted(s, nix) for s in sc.scripted),
        params=params(sc.rules),
        trust=links([((nix[t.from_], nix[t.to], t.value), t.mutual) for t in sc.relations.trust]),
        pairs=links([((p.field, nix[p.a], nix[p.b], p.value), p.mutual) for p in sc.relations.pairs]),
        stability=sc.stability, briefing=sc.briefing, default_trust=sc.relations.default_trust,
        seats=tuple((s.teams, tuple(nix[n] for n in s.nations)) for s in sc.seats),  # (teams, the nations they play)
        discussion=tuple(sc.discussion), source=source,
        negotiation=defs.NegotiationRules(sc.negotiation.enabled, tuple(sc.negotiation.terms),
                                          tuple(sc.negotiation.pledges), sc.negotiation.max_turns))


def links(values: list[tuple[tuple, bool]]) -> tuple[tuple, ...]:
    """Start values of pairs ((i, j, v) or (field, i, j, v)), each followed by its reverse when it is mutual."""
    out: list[tuple] = []
    for link, mutual in values:
        out.append(link)
        if mutual:
            *head, i, j, v = link
            out.append((*head, j, i, v))
    return tuple(out)


def params(rules: Any) -> defs.Params:
    """The engine's numbers: the defaults, less what the scenario's `rules:` sets."""
    return defs.Params(**{k: v for k, v in rules.model_dump().items() if v is not None})


def scripted(s: Any, nix: dict[str, int]) -> defs.ScriptedEvent:
    return defs.ScriptedEvent(turn=s.turn, event=s.event, targets=tuple(nix[t] for t in s.targets))


def nation(n: Any, wmax: float) -> defs.NationDef:
    x, y = n.position
    return defs.NationDef(
        id=n.id, name=n.name, stocks=tuple(float(getattr(n.stocks, s)) for s in STOCKS),  # type: ignore[arg-type]
        militarization=float(n.militarization),
        priorities=tuple(float(getattr(n.priorities, s)) for s in STOCKS),  # type: ignore[arg-type]
        capacity=n.capacity, position=(x / wmax, y / wmax), doctrine=n.doctrine,
        color=tuple(int(n.color[i:i + 2], 16) for i in (1, 3, 5)))  # type: ignore[arg-type]


def threat(t: dict) -> defs.ThreatDef:
    return defs.ThreatDef(
        id=t["id"], name=t["name"], aggregation=t["aggregation"], start=float(t["start"]), growth=float(t["growth"]),
        damage=tuple((s, float(v)) for s, v in t["damage"].items()), intel_bonus=bool(t.get("intel_bonus", False)),
        guard=t.get("guard"))


def organization(o: Any, nix: dict[str, int]) -> defs.OrgDef:
    return defs.OrgDef(id=o.id, name=o.name, kind=o.kind, members=tuple(nix[m] for m in o.members),
                       cohesion=o.cohesion, expected=o.expected)


def action(a: dict) -> defs.ActionDef:
    req = dict(a.get("requires") or {})
    shared = req.pop("shared_org", None)
    return defs.ActionDef(
        id=a["id"], name=a["name"], category=a["category"], target=a["target"], ap=int(a.get("ap", 1)),
        budget=int(a.get("budget", 0)), effects=tuple(effect(e) for e in a["effects"]),
        reciprocity=float(a.get("reciprocity", 0.0)), max_targets=int(a.get("max_targets", 1)),
        org_kind=a.get("org_kind"), requires=tuple(sorted(req.items())), text=a.get("text", ""),
        concepts=tuple(a.get("concepts", ())), hostile=bool(a.get("hostile", False)), shared_org=shared,
        ai_weight=float(a.get("ai_weight", 1.0)), ai_target=a.get("ai_target"))


def event(e: dict) -> defs.EventDef:
    return defs.EventDef(
        id=e["id"], name=e["name"], text=e["text"], target=e["target"], weight=float(e["weight"]),
        scale_by=e.get("scale_by"), effects=tuple(effect(x) for x in e["effects"]), attack=bool(e.get("attack", False)),
        concepts=tuple(e.get("concepts", ())), shield=e.get("shield"))


def custom_event(ev: Any, slug: str) -> defs.EventDef:
    """A facilitator's event (a checked schema.Event): it strikes once, so it has no weight in the deck."""
    return defs.EventDef(
        id=f"custom:{slug}", name=ev.name or slug, text=ev.text or "", target=ev.target or "region", weight=0.0,
        scale_by=None, effects=tuple(effect(e.model_dump()) for e in ev.effects or ()), attack=bool(ev.attack),
        concepts=(), shield=None)


def effect(e: dict) -> defs.EffectSpec:
    params = tuple((k, v) for k, v in e.items() if k not in ("do", "delay", "over"))
    return defs.EffectSpec(do=e["do"], params=params, delay=int(e.get("delay", 0)), over=int(e.get("over", 1)))

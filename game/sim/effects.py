"""Effect primitives: the small typed vocabulary every action and event is built from, one registered function each."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .defs import ORG_KINDS, PAIR_FIELDS, STOCKS, EffectSpec
from .ledger import Cause
from .state import State

WHO = ("actor", "target", "involved", "members", "others", "all")
DIRS = ("mutual", "from_target", "to_target", "all_to_actor", "among")


@dataclass
class Scratch:
    """What one resolution accumulates before the dynamics use it (efforts, contributions, dialogue, incidents)."""
    effort: np.ndarray                 # (threats, nations)
    contrib: np.ndarray                # (orgs, nations) contributions this turn
    dialogue: float = 0.0
    escalated: bool = False
    withheld: set = field(default_factory=set)   # (organization, nation) that withheld this turn
    incidents: list[dict] = field(default_factory=list)


@dataclass(slots=True)
class Ctx:
    """Who an effect is applied for: the acting nation (or an event's subject), its targets, an organization."""
    state: State
    scratch: Scratch
    actor: int | None
    targets: tuple[int, ...]
    org: int | None
    scale: float
    cause: Cause
    rng: np.random.Generator | None    # None in previews: random outcomes become expectations
    repeat: bool = False               # a later partner of a multi-partner action: the actor's own share is paid once
    order_targets: tuple[int, ...] = ()  # every target of the order (a multi-partner action's whole list)


@dataclass(frozen=True)
class Param:
    kind: type | tuple[type, ...]
    choices: tuple[str, ...] | None = None
    required: bool = True
    default: Any = None


@dataclass(frozen=True)
class Primitive:
    name: str
    fn: Callable[[Ctx, EffectSpec], None]
    params: dict[str, Param]
    doc: str


REGISTRY: dict[str, Primitive] = {}
NUM = (int, float)


def primitive(name: str, doc: str, **params: Param) -> Callable:
    def wrap(fn: Callable[[Ctx, EffectSpec], None]) -> Callable:
        REGISTRY[name] = Primitive(name, fn, params, doc)
        return fn
    return wrap


def who(ctx: Ctx, spec: str) -> tuple[int, ...]:
    if ctx.repeat:  # only what concerns this partner
        return ctx.targets if spec in ("target", "involved") else ()
    if spec == "actor":
        return () if ctx.actor is None else (ctx.actor,)
    if spec == "target":
        return ctx.targets
    if spec == "involved":
        return tuple(dict.fromkeys(((ctx.actor,) if ctx.actor is not None else ()) + ctx.targets))
    if spec == "members":
        if ctx.org is not None:
            return ctx.state.members(ctx.org)
        return who(ctx, "involved")
    if spec == "others":
        return tuple(k for k in range(ctx.state.n) if k != ctx.actor)
    return tuple(range(ctx.state.n))


def pairs(ctx: Ctx, direction: str) -> list[tuple[int, int]]:
    a, n = ctx.actor, ctx.state.n
    if direction == "among":
        group = who(ctx, "members")
        return [(i, j) for i in group for j in group if i != j]
    if a is None:  # events on a pair: the first target stands in for the actor
        if len(ctx.targets) < 2:
            return []
        a, ts = ctx.targets[0], ctx.targets[1:]
    else:
        ts = ctx.targets
    if direction == "mutual":
        return [p for t in ts if t != a for p in ((a, t), (t, a))]
    if direction == "from_target":
        return [(t, a) for t in ts if t != a]
    if direction == "to_target":
        return [(a, t) for t in ts if t != a]
    return [(k, a) for k in range(n) if k != a]  # all_to_actor


@primitive("stock", "Change a stock (security, economy, support, influence) of some nations.",
           stock=Param(str, STOCKS), amount=Param(NUM), who=Param(str, WHO, False, "actor"))
def _stock(ctx: Ctx, e: EffectSpec) -> None:
    _nations(ctx, e.param("stock"), who(ctx, e.param("who", "actor")), e.param("amount") * ctx.scale)


def _nations(ctx: Ctx, fname: str, ks: tuple[int, ...], amt: float) -> None:
    """Per nation for a few, as one ledger entry for many (region-wide effects stay cheap at 30 nations)."""
    if len(ks) <= 2:
        for k in ks:
            ctx.state.add(fname, k, amt, ctx.cause)
    elif ks:
        delta = np.zeros(ctx.state.n)
        delta[list(ks)] = amt
        ctx.state.add(fname, None, delta, ctx.cause)


@primitive("militarization", "Change how threatening some nations' posture looks to others.",
           amount=Param(NUM), who=Param(str, WHO, False, "actor"))
def _militarization(ctx: Ctx, e: EffectSpec) -> None:
    _nations(ctx, "militarization", who(ctx, e.param("who", "actor")), e.param("amount") * ctx.scale)


def signal(state: State, action_id: str, actor: int) -> float:
    """Costly signals (Kydd): the trust a gesture wins for its sender grows with what it cost (action points and
    budget) and shrinks with the sender's militarization; a gesture that cost nothing is cheap talk."""
    p = state.scenario.params
    a = state.scenario.action(action_id)
    posture = 1.0 - p.posture_discount * float(state.v["militarization"][actor]) / 100.0
    return (p.signal_base + p.signal_cost * (a.ap + a.budget)) * posture


def _signalled(ctx: Ctx, fname: str, amt: float) -> float | None:
    """The factor on trust placed in the acting nation by its own gesture, or None when no signal applies."""
    if fname != "trust" or amt <= 0 or ctx.actor is None or ctx.cause.kind != "action":
        return None
    return signal(ctx.state, ctx.cause.id, ctx.actor)


@primitive("pair", "Change a pair value (trust, interop, trade, intel, hotline, tension, agreement, infra).",
           field=Param(str, PAIR_FIELDS), amount=Param(NUM), dir=Param(str, DIRS, False, "mutual"))
def _pair(ctx: Ctx, e: EffectSpec) -> None:
    amt = e.param("amount") * ctx.scale
    fname = e.param("field")
    direction = e.param("dir", "mutual")
    sig = _signalled(ctx, fname, amt)
    if direction in ("among", "all_to_actor"):  # many pairs: one matrix entry in the ledger
        if ctx.repeat:
            return
        n = ctx.state.n
        delta = np.zeros((n, n))
        if direction == "among":
            g = np.array(who(ctx, "members"), dtype=np.intp)
            delta[g[:, None], g] = amt   # what np.ix_(g, g) selects
        else:  # an event has no actor: its first target stands in
            a = ctx.actor if ctx.actor is not None else (ctx.targets[0] if ctx.targets else None)
            if a is not None:
                delta[:, a] = amt
        if sig is not None:
            delta[:, ctx.actor] *= sig
        np.fill_diagonal(delta, 0.0)
        if delta.any():
            ctx.state.add(fname, None, delta, ctx.cause)
        return
    for i, j in pairs(ctx, direction):
        ctx.state.add(fname, (i, j), amt * sig if sig is not None and j == ctx.actor else amt, ctx.cause)


@primitive("region", "Change regional stability (0-100) or the escalation ladder (0-5).",
           field=Param(str, ("stability", "escalation")), amount=Param(NUM))
def _region(ctx: Ctx, e: EffectSpec) -> None:
    if ctx.repeat:
        return
    fname = e.param("field")
    amt = e.param("amount") * (ctx.scale if fname == "stability" else 1.0)
    ctx.state.add(fname, (), amt, ctx.cause)


@primitive("threat", "Raise or lower the level of a regional threat directly.",
           threat=Param(str), amount=Param(NUM))
def _threat(ctx: Ctx, e: EffectSpec) -> None:
    if ctx.repeat:
        return
    k = ctx.state.scenario.threat_index(e.param("threat"))
    ctx.state.add("threat", k, e.param("amount") * ctx.scale, ctx.cause)


@primitive("effort", "Put effort against a threat; efforts are combined by the threat's aggregation rule.",
           threat=Param(str), amount=Param(NUM), who=Param(str, WHO, False, "actor"))
def _effort(ctx: Ctx, e: EffectSpec) -> None:
    k = ctx.state.scenario.threat_index(e.param("threat"))
    for i in who(ctx, e.param("who", "actor")):
        ctx.scratch.effort[k, i] += e.param("amount") * ctx.scale


@primitive("cohesion", "Change the cohesion of an organization: the one named, the targeted one, or every one of the actor.",
           amount=Param(NUM), org=Param(str, None, False, None))
def _cohesion(ctx: Ctx, e: EffectSpec) -> None:
    if ctx.repeat:
        return
    named = e.param("org")
    if named is not None:
        orgs: tuple[int, ...] = (ctx.state.scenario.org_index(named),)
    else:
        orgs = (ctx.org,) if ctx.org is not None else ctx.state.orgs_of(ctx.actor) if ctx.actor is not None else ()
    for o in orgs:
        ctx.state.add("cohesion", o, e.param("amount") * ctx.scale, ctx.cause)


@primitive("contribute", "Count toward the actor's expected contribution to its organizations (of one kind, or any).",
           amount=Param(NUM), kind=Param(str, ORG_KINDS + ("any",), False, "any"))
def _contribute(ctx: Ctx, e: EffectSpec) -> None:
    if ctx.repeat:
        return
    if ctx.actor is None:
        return
    kind = e.param("kind", "any")
    if ctx.org is not None:
        orgs: tuple[int, ...] = (ctx.org,)
    else:  # the actor's organizations of that kind that hold at least one of the order's partners
        partners = ctx.order_targets or ctx.targets
        orgs = tuple(o for o in ctx.state.orgs_of(ctx.actor)
                     if (kind == "any" or ctx.state.scenario.orgs[o].kind == kind)
                     and (not partners or any(t in ctx.state.members(o) for t in partners)))
    amt = e.param("amount") * ctx.scale
    for o in orgs:
        ctx.scratch.contrib[o, ctx.actor] += amt
        ctx.state.add("contribution", (o, ctx.actor), amt, ctx.cause)


@primitive("withhold", "Refuse the targeted organization your contribution this turn: the other members resent it "
           "twice as much as simple neglect.")
def _withhold(ctx: Ctx, e: EffectSpec) -> None:
    if ctx.repeat or ctx.actor is None or ctx.org is None:
        return
    ctx.scratch.withheld.add((ctx.org, ctx.actor))


@primitive("flag", "Mark nations with a named condition for this turn and the next `turns` (transparent, dialogue, reformed).",
           flag=Param(str), turns=Param(int, None, False, 1), who=Param(str, WHO, False, "actor"))
def _flag(ctx: Ctx, e: EffectSpec) -> None:
    until = ctx.state.turn + int(e.param("turns", 1))
    for k in who(ctx, e.param("who", "actor")):
        key = (e.param("flag"), k)
        ctx.state.flags[key] = max(ctx.state.flags.get(key, -1), until)


@primitive("dialogue", "Open a channel that makes de-escalation more likely this turn.", amount=Param(NUM))
def _dialogue(ctx: Ctx, e: EffectSpec) -> None:
    if ctx.repeat:
        return
    ctx.scratch.dialogue += e.param("amount") * ctx.scale


@primitive("incident", "An incident between two nations that may climb the escalation ladder (miscalculation).",
           chance=Param(NUM))
def _incident(ctx: Ctx, e: EffectSpec) -> None:
    ps = pairs(ctx, "to_target")
    if not ps:
        return
    i, j = ps[0]
    p = incident_chance(ctx.state, i, j, e.param("chance"))
    rec = {"pair": [i, j], "chance": round(p, 4), "escalated": None}
    if ctx.rng is not None:
        up = bool(ctx.rng.random() < p)
        rec["escalated"] = up
        if up:
            ctx.scratch.escalated = True
            ctx.state.add("escalation", (), 1.0, ctx.cause)
            for a, b in ((i, j), (j, i)):
                ctx.state.add("tension", (a, b), 0.1, ctx.cause)
                ctx.state.add("trust", (a, b), -0.05, ctx.cause)
    ctx.scratch.incidents.append(rec)


def incident_chance(state: State, i: int, j: int, base: float) -> float:
    """Misunderstanding and miscalculation: tension raises the odds; hotlines, dialogue, transparency and deterrence lower them."""
    v = state.v
    tension = max(v["tension"][i, j], v["tension"][j, i])
    hot = max(v["hotline"][i, j], v["hotline"][j, i])
    p = base * (0.4 + 1.2 * tension) * (1 - 0.6 * hot)
    if state.flag("dialogue", i) or state.flag("dialogue", j):
        p *= 0.7
    if state.flag("transparent", i) or state.flag("transparent", j):
        p *= 0.8
    p *= 1 - 0.4 * max(deterrence(state, i), deterrence(state, j))
    return float(min(0.95, max(0.0, p)))


def deterrence(state: State, k: int) -> float:
    """Deterrence by joint exercises: a collective-defence ally's cohesion times the interoperability built with the members."""
    best = 0.0
    for o in state.orgs_of(k):
        od = state.scenario.orgs[o]
        if od.kind != "collective_defence" or len(od.members) < 2:
            continue
        others = [m for m in od.members if m != k]
        inter = float(np.mean(state.v["interop"][k, others]))
        best = max(best, float(state.v["cohesion"][o]) * min(1.0, 2 * inter))
    return best


_FN: dict[str, Callable[[Ctx, EffectSpec], None]] = {}


def apply(ctx: Ctx, e: EffectSpec) -> None:
    fn = _FN.get(e.do)
    if fn is None:   # the registry's function, looked up once per primitive
        fn = _FN[e.do] = REGISTRY[e.do].fn
    fn(ctx, e)


def check_params(do: str, params: dict[str, Any]) -> list[str]:
    """Problems with an effect's primitive name and parameters (used by content validation)."""
    prim = REGISTRY.get(do)
    if prim is None:
        return [f"unknown effect primitive '{do}'"]
    errs = []
    for name, val in params.items():
        spec = prim.params.get(name)
        if spec is None:
            errs.append(f"'{do}' has no parameter '{name}' (it takes {', '.join(prim.params)})")
            continue
        if isinstance(val, bool) or not isinstance(val, spec.kind):
            errs.append(f"'{do}.{name}' must be {_kind_name(spec.kind)}, not {type(val).__name__}")
        elif spec.choices and val not in spec.choices:
            errs.append(f"'{do}.{name}' must be one of {', '.join(spec.choices)}, not '{val}'")
    for name, spec in prim.params.items():
        if spec.required and name not in params:
            errs.append(f"'{do}' needs parameter '{name}'")
    return errs


def _kind_name(kind: type | tuple[type, ...]) -> str:
    return "a number" if kind == NUM else "an integer" if kind is int else "text"

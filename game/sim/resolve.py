"""resolve_turn: the one place time moves. Events, delayed effects, orders, obligations, dynamics, the report."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np

from . import dynamics
from .agreements import check as check_agreements
from .contract import AgreementRecord, ObligationRecord, OrgRecord, TurnReport
from .defs import ActionDef, EffectSpec, EventDef, Scenario
from .effects import _FN, Ctx, Scratch, apply
from .events import draw_events
from .ledger import Cause
from .orders import order_problems
from .report import make_report
from .scoring import collapsed, outcome
from .state import Obligation, Order, Pending, State, initial_values

Orders = Mapping[int, Sequence[Order]]


class Parts(NamedTuple):
    """What one resolution hands make_report, in its argument order."""
    turn: int
    events: list[tuple[EventDef, tuple[int, ...]]]
    played: dict[int, list[tuple[Order, list[dict[str, Any]]]]]
    obligations: list[ObligationRecord]
    agreements: list[AgreementRecord]
    efforts: dict[str, list[float]]
    orgs: list[OrgRecord]
    scratch: Scratch
    ladder: list[str]


class IllegalOrders(ValueError):
    """Orders that break the rules; `problems` maps nation index to the reasons."""

    def __init__(self, problems: dict[int, list[str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"nation {k}: {', '.join(v)}" for k, v in problems.items()))

    def __reduce__(self):  # picklable (worker pools send it back): rebuilt from its problems, not its message
        return (type(self), (self.problems,))


def new_game(sc: Scenario) -> State:
    """Turn 1 of a scenario, before anything has happened. Trade starts at its gravity level."""
    st = State(scenario=sc, turn=1, v=initial_values(sc))
    st.trust0 = st.v["trust"].copy()
    st.v["trade"][...] = dynamics.gravity(st)
    st.trade0 = st.v["trade"].sum(axis=1)
    return st


def _scratch(state: State) -> Scratch:
    return Scratch(effort=np.zeros((len(state.scenario.threats), state.n)),
                   contrib=np.zeros((len(state.scenario.orgs), state.n)))


def apply_effects(state: State, scratch: Scratch, effects: Sequence[EffectSpec], actor: int | None,
                  targets: tuple[int, ...], org: int | None, scale: float, cause: Cause,
                  rng: np.random.Generator | None, repeat: bool = False, order_targets: tuple[int, ...] = ()) -> None:
    """Apply what is due now and schedule the delayed shares of each effect (delay, then spread over turns)."""
    ctx = Ctx(state, scratch, actor, targets, org, scale, cause, rng, repeat, order_targets)
    for e in effects:
        if e.delay == 0 and e.over <= 1:   # the common case: all of it now
            ctx.scale = scale / 1
            fn = _FN.get(e.do)   # effects.apply's dispatch, inlined: this loop runs for every effect of every order
            if fn is None:
                apply(ctx, e)
            else:
                fn(ctx, e)
            continue
        over = max(1, e.over)
        for k in range(over):
            due = state.turn + e.delay + k
            if due == state.turn:
                ctx.scale = scale / over
                apply(ctx, e)
            else:
                state.pending.append(Pending(due, e, actor, targets, org, scale / over, cause, repeat))


Aimed = dict[tuple[str, int], set[int]]


def aimed_index(orders: Orders) -> Aimed:
    """(action id, target) -> the nations that aimed that action at that target this turn: built once per turn, so
    reciprocity and attendance are set lookups instead of scans of every nation's orders."""
    out: Aimed = {}
    for k, os in orders.items():
        for o in os:
            for t in o.targets:
                s = out.get((o.action, t))
                if s is None:
                    out[(o.action, t)] = {k}
                else:
                    s.add(k)
    return out


def reciprocity_scale(a: ActionDef, actor: int, target: int, orders: Orders, aimed: Aimed | None = None) -> float:
    """Reciprocity: a bilateral gesture answered in kind this turn is worth more to both sides."""
    if a.reciprocity <= 0:
        return 1.0
    if aimed is None:
        aimed = aimed_index({target: orders.get(target, ())})
    return 1.0 + a.reciprocity if target in aimed.get((a.id, actor), ()) else 1.0


def attendance_scale(state: State, a: ActionDef, actor: int, org: int, orders: Orders,
                     aimed: Aimed | None = None) -> float:
    """Inclusivity: a multilateral session is worth more the more members take part."""
    members = state.members(org)
    n_others = len(members) - (actor in members)
    if not n_others or a.reciprocity <= 0:
        return 1.0
    if aimed is None:
        aimed = aimed_index(orders)
    joined = sum(1 for m in aimed.get((a.id, org), ()) if m != actor and m in members)
    return 1.0 + a.reciprocity * joined / n_others


def apply_order(state: State, scratch: Scratch, nation: int, order: Order, orders: Orders,
                rng: np.random.Generator | None, aimed: Aimed | None = None) -> list[dict[str, Any]]:
    """Play one order: per target for bilateral actions (each with its own reciprocity), once otherwise."""
    a = state.scenario.action(order.action)
    played: list[dict[str, Any]] = []
    if aimed is None and a.reciprocity > 0:
        aimed = aimed_index(orders)
    if a.budget:  # money is real: what a nation spends abroad or at home is no longer in its economy
        state.add("economy", nation, -state.scenario.params.spend_cost * a.budget,
                  Cause("action", a.id, nation, tuple(order.targets)))
    if a.target in ("partner", "partners"):
        for k, t in enumerate(order.targets):  # each partner gets its share; the actor's own share is paid once
            scale = reciprocity_scale(a, nation, t, orders, aimed)
            apply_effects(state, scratch, a.effects, nation, (t,), None, scale,
                          Cause("action", a.id, nation, (t,)), rng, repeat=k > 0, order_targets=tuple(order.targets))
            played.append({"target": t, "reciprocated": scale > 1.0})
    elif a.target == "organization":
        org = order.targets[0]
        scale = attendance_scale(state, a, nation, org, orders, aimed)
        members = tuple(m for m in state.members(org) if m != nation)
        apply_effects(state, scratch, a.effects, nation, members, org, scale,
                      Cause("action", a.id, nation, (org,)), rng)
        played.append({"org": org, "scale": round(scale, 3)})
    else:
        apply_effects(state, scratch, a.effects, nation, (), None, 1.0, Cause("action", a.id, nation), rng)
        played.append({})
    return played


def apply_event(state: State, scratch: Scratch, ev: EventDef, targets: tuple[int, ...],
                rng: np.random.Generator | None) -> None:
    cause = Cause("event", ev.id, None, targets)
    apply_effects(state, scratch, ev.effects, None, targets, None, 1.0, cause, rng)
    if ev.attack and targets:
        victim = targets[0]
        for o in state.orgs_of(victim):
            od = state.scenario.orgs[o]
            ob = Obligation(o, victim, state.turn + 1, ev.id)
            if od.kind == "collective_defence" and len(od.members) > 1 and \
                    not any((x.org, x.victim, x.due) == (o, victim, ob.due) for x in state.obligations):
                state.obligations.append(ob)  # one call per ally and victim, however many attacks


def responded(state: State, m: int, ob: Obligation, orders: Orders) -> bool:
    """An ally responds by any non-hostile order aimed at the victim or at the alliance itself."""
    for o in orders.get(m, ()):
        a = state.scenario.action(o.action)
        if a.hostile:
            continue
        if (a.target == "organization" and ob.org in o.targets) or (a.target in ("partner", "partners") and ob.victim in o.targets):
            return True
    return False


def settle_obligations(state: State, orders: Orders) -> list[ObligationRecord]:
    """Article-5 style: allies who answered gain the victim's trust; those who did not lose more (broken commitment)."""
    p = state.scenario.params
    due = [ob for ob in state.obligations if ob.due == state.turn]
    state.obligations = [ob for ob in state.obligations if ob.due > state.turn]
    out: list[ObligationRecord] = []
    for ob in due:
        res: dict[str, bool] = {}
        for m in state.members(ob.org):
            if m == ob.victim:
                continue
            ok = responded(state, m, ob, orders)
            res[state.scenario.nations[m].id] = ok
            cause = Cause("obligation", "kept" if ok else "broken", m, (ob.victim, ob.org))
            state.add("trust", (ob.victim, m), p.kept_commitment if ok else -p.broken_commitment, cause)
            state.add("cohesion", ob.org, 0.02 if ok else -0.05, cause)
            if not ok:
                state.add("influence", m, -2.0, cause)
        out.append({"org": state.scenario.orgs[ob.org].id, "victim": state.scenario.nations[ob.victim].id,
                    "event": ob.event, "responses": res})
    return out


def resolve_turn(state: State, orders: Orders, rng: np.random.Generator, *, ledger: bool = True,
                 inject: Sequence[tuple[EventDef, tuple[int, ...]]] = ()) -> tuple[State, TurnReport]:
    """Resolve one turn and return (new state, report). The given state is never changed.

    ledger=False leaves the why-ledger out of the report (batch runs that only need the numbers).
    inject: events a facilitator adds to this turn; they strike first, before the scripted and drawn ones."""
    if state.over:
        raise ValueError("the game is over")
    problems = {k: errs for k, os in orders.items() if (errs := order_problems(state, k, os))}
    if problems:
        raise IllegalOrders(problems)
    st, parts = _resolve(state, orders, rng, ledger, inject)
    report = make_report(state, st, *parts, ledger, inject)
    st.news = report["events"]
    return st, report


def resolve_lean(state: State, orders: Orders, rng: np.random.Generator,
                 kept_streams: tuple[np.random.Generator, np.random.Generator] | None = None) -> State:
    """The state resolve_turn(..., ledger=False) reaches, without its report (the strategist's look-ahead).

    The orders are trusted to be legal (the caller has checked them); the new state's news is what the report's
    events would have been, since doctrines read it. `kept_streams`, if given, must be the orders' and the
    ladder's generators `streams(rng)` would make now (the look-ahead keeps them per seed: a jump costs more than
    a restart)."""
    if state.over:
        raise ValueError("the game is over")
    st, parts = _resolve(state, orders, rng, False, (), report=False, kept_streams=kept_streams)
    ids = st.scenario.nation_ids
    st.news = [{"id": ev.id, "name": ev.name, "text": ev.text, "targets": [ids[t] for t in tg]}
               for ev, tg in parts.events]
    return st


def streams(rng: np.random.Generator) -> tuple[np.random.Generator, np.random.Generator]:
    """The orders' and the ladder's generators, split off the turn's (jumped copies: independent of each other and
    of the draws the events make). A stand-in generator may say how it splits (a `split()` method)."""
    own = getattr(rng, "split", None)
    if own is not None:
        return own()
    bg = rng.bit_generator
    # numpy's stubs give jumped() to each bit generator that has one (PCG64, Philox, ...), not to their base class
    return np.random.Generator(bg.jumped(1)), np.random.Generator(bg.jumped(2))  # type: ignore[attr-defined]


def _resolve(state: State, given: Orders, rng: np.random.Generator, ledger: bool,
             inject: Sequence[tuple[EventDef, tuple[int, ...]]], report: bool = True,
             kept_streams: tuple[np.random.Generator, np.random.Generator] | None = None) -> tuple[State, Parts]:
    """The resolution itself: the new state and what the report is made of (report=False: the same state, without
    the dynamics' report rows, which nobody reads in the look-ahead)."""
    # the engine's own Orders are kept as they are (the look-ahead's); anything else becomes one, with plain int
    # targets: a numpy integer kept here would reach shared lookups and, later, a save's JSON
    orders: dict[int, tuple[Order, ...]] = {
        k: tuple(o if type(o) is Order and type(o.targets) is tuple and all(type(t) is int for t in o.targets)
                 else Order(o.action, tuple(int(t) for t in o.targets))
                 for o in given.get(k, ())) for k in range(state.n)}
    st = state.copy()
    st.ledger.on = ledger
    scratch = _scratch(st)
    # common random numbers: orders and the ladder draw from streams of their own, so what one nation plays never
    # shifts the dice of the events or of the ladder (a what-if or a duplicate game differs only where play differs)
    order_rng, ladder_rng = kept_streams if kept_streams is not None else streams(rng)

    # 1. events strike
    events: list[tuple[EventDef, tuple[int, ...]]] = []
    for ev, targets in list(inject) + draw_events(st, rng):
        apply_event(st, scratch, ev, targets, rng)
        events.append((ev, targets))
    # 2. delayed effects fall due
    due = [pd for pd in st.pending if pd.turn == st.turn]
    st.pending = [pd for pd in st.pending if pd.turn > st.turn]
    for pd in due:
        apply(Ctx(st, scratch, pd.actor, pd.targets, pd.org, pd.scale, pd.cause, order_rng, pd.repeat), pd.effect)
    # 3. orders, nation by nation (who aimed what at whom is indexed once for reciprocity and attendance)
    aimed = aimed_index(orders)
    played: dict[int, list[tuple[Order, list[dict[str, Any]]]]] = {}
    for k in range(st.n):
        played[k] = [(o, apply_order(st, scratch, k, o, orders, order_rng, aimed)) for o in orders[k]]
    # 4. agreements, obligations, organizations, dynamics
    deals = check_agreements(st, orders, scratch.contrib, scratch.withheld) if st.agreements else []
    obligations = settle_obligations(st, orders)
    efforts = dynamics.threats(st, scratch, report)
    orgs = dynamics.organizations(st, scratch, report)
    dynamics.security_dilemma(st)
    dynamics.drift(st)
    dynamics.economy(st)
    dynamics.stability(st)
    ladder = dynamics.escalation(st, scratch, ladder_rng)
    # 5. the turn ends
    resolved_turn = st.turn
    st.last_orders = orders
    st.turn += 1
    if collapsed(st) or resolved_turn >= st.scenario.turns:
        st.over = True
        st.outcome = outcome(st)
    if ledger:
        st.ledger.compact(st.v)
    return st, Parts(resolved_turn, events, played, obligations, deals, efforts, orgs, scratch, ladder)

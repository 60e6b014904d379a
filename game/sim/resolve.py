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


class Prepared(NamedTuple):
    """Steps 1 and 2 of a lean resolution (events, delayed effects), done once for several plans: no order of the
    turn changes them, so the look-ahead screens every candidate plan from here (resolve_prepared)."""
    state: State                     # what steps 1 and 2 left; never changed after
    scratch: Scratch
    events: list[tuple[EventDef, tuple[int, ...]]]
    order_bg: Any   # the orders' and the ladder's bit generators (of the generators passed in), with their states at step 3
    order_at: Mapping[str, Any]
    ladder_bg: Any
    ladder_at: Mapping[str, Any]
    # the nations before a planner have played: (planner, the others' orders, what of its plan they read) ->
    # (state, scratch, their played orders, the orders' bit generator's state)
    before: dict


def prepare_lean(state: State, rng: np.random.Generator,
                 kept_streams: tuple[np.random.Generator, np.random.Generator] | None = None) -> Prepared:
    """What resolve_lean(state, orders, rng, kept_streams) does before the orders, for every `orders` at once."""
    if state.over:
        raise ValueError("the game is over")
    st = state.copy()
    st.ledger.on = False
    scratch = _scratch(st)
    order_rng, ladder_rng = kept_streams if kept_streams is not None else streams(rng)
    events = _before_orders(st, scratch, rng, order_rng, ())
    return Prepared(st, scratch, events, order_rng.bit_generator, order_rng.bit_generator.state,
                    ladder_rng.bit_generator, ladder_rng.bit_generator.state, {})


def resolve_prepared(prep: Prepared, given: Orders, me: int | None = None) -> State:
    """resolve_lean from a prepared turn: the same state, bit for bit (tests/test_resolve_prepared.py). The bit
    generators are restarted from their saved states, so the prepared turn may be resolved again and again.

    `me`: the nation whose plan alone differs from call to call (the look-ahead's screen). The nations before it
    play first and read its plan only where reciprocity or attendance asks whether it answered them, so their part
    of the turn is played once per distinct answer and kept."""
    st = prep.state.copy()
    st.ledger.on = False
    prep.order_bg.state = prep.order_at
    prep.ladder_bg.state = prep.ladder_at
    order_rng = np.random.Generator(prep.order_bg)
    orders = _as_orders(st, given)
    aimed = aimed_index(orders)
    played: dict[int, list[tuple[Order, list[dict[str, Any]]]]] = {}
    if me is None or me == 0:
        scratch = _copy_scratch(prep.scratch)
        _play(st, scratch, orders, order_rng, aimed, range(st.n), played)
    else:
        key = (me, tuple(orders[k] for k in range(st.n) if k != me), _answers(st, orders, aimed, me))
        got = prep.before.get(key)
        if got is None:
            scratch = _copy_scratch(prep.scratch)
            _play(st, scratch, orders, order_rng, aimed, range(me), played)
            got = prep.before[key] = (st.copy(), _copy_scratch(scratch), dict(played), prep.order_bg.state)
        else:
            st = got[0].copy()
            scratch = _copy_scratch(got[1])
            played.update(got[2])
            prep.order_bg.state = got[3]
        st.ledger.on = False
        _play(st, scratch, orders, order_rng, aimed, range(me, st.n), played)
    st, parts = _after_orders(st, scratch, orders, np.random.Generator(prep.ladder_bg), list(prep.events), played,
                              False, False)
    ids = st.scenario.nation_ids
    st.news = [{"id": ev.id, "name": ev.name, "text": ev.text, "targets": [ids[t] for t in tg]}
               for ev, tg in parts.events]
    return st


def _copy_scratch(sc: Scratch) -> Scratch:
    return Scratch(effort=sc.effort.copy(), contrib=sc.contrib.copy(), dialogue=sc.dialogue,
                   escalated=sc.escalated, withheld=set(sc.withheld), incidents=list(sc.incidents))


def _answers(st: State, orders: dict[int, tuple[Order, ...]], aimed: Aimed, me: int) -> frozenset:
    """What the nations before `me` read of its orders: for each of their gestures with reciprocity that it could
    answer (aimed at it, or at an organization it belongs to), whether it did (reciprocity_scale, attendance_scale)."""
    sc = st.scenario
    out = set()
    for k in range(me):
        for o in orders[k]:
            a = sc.action(o.action)
            if a.reciprocity <= 0:
                continue
            if a.target == "organization":
                key = (o.action, o.targets[0])
                if me in sc.orgs[o.targets[0]].members and me in aimed.get(key, ()):
                    out.add(key)
            elif a.target in ("partner", "partners") and me in o.targets and me in aimed.get((o.action, k), ()):
                out.add((o.action, k))
    return frozenset(out)


def streams(rng: np.random.Generator) -> tuple[np.random.Generator, np.random.Generator]:
    """The orders' and the ladder's generators, split off the turn's (jumped copies: independent of each other and
    of the draws the events make). A stand-in generator may say how it splits (a `split()` method)."""
    own = getattr(rng, "split", None)
    if own is not None:
        return own()
    bg = rng.bit_generator
    # numpy's stubs give jumped() to each bit generator that has one (PCG64, Philox, ...), not to their base class
    return np.random.Generator(bg.jumped(1)), np.random.Generator(bg.jumped(2))  # type: ignore[attr-defined]


def _as_orders(state: State, given: Orders) -> dict[int, tuple[Order, ...]]:
    """Every nation's orders as the engine's own Orders (the look-ahead's are kept as they are), with plain int
    targets: a numpy integer kept here would reach shared lookups and, later, a save's JSON."""
    return {k: tuple(o if type(o) is Order and type(o.targets) is tuple and all(type(t) is int for t in o.targets)
                     else Order(o.action, tuple(int(t) for t in o.targets))
                     for o in given.get(k, ())) for k in range(state.n)}


def _resolve(state: State, given: Orders, rng: np.random.Generator, ledger: bool,
             inject: Sequence[tuple[EventDef, tuple[int, ...]]], report: bool = True,
             kept_streams: tuple[np.random.Generator, np.random.Generator] | None = None) -> tuple[State, Parts]:
    """The resolution itself: the new state and what the report is made of (report=False: the same state, without
    the dynamics' report rows, which nobody reads in the look-ahead)."""
    st = state.copy()
    st.ledger.on = ledger
    scratch = _scratch(st)
    # common random numbers: orders and the ladder draw from streams of their own, so what one nation plays never
    # shifts the dice of the events or of the ladder (a what-if or a duplicate game differs only where play differs)
    order_rng, ladder_rng = kept_streams if kept_streams is not None else streams(rng)
    events = _before_orders(st, scratch, rng, order_rng, inject)
    return _from_orders(st, scratch, given, order_rng, ladder_rng, events, ledger, report)


def _before_orders(st: State, scratch: Scratch, rng: np.random.Generator, order_rng: np.random.Generator,
                   inject: Sequence[tuple[EventDef, tuple[int, ...]]]) -> list[tuple[EventDef, tuple[int, ...]]]:
    """Steps 1 and 2, which no order of this turn changes: events strike, delayed effects fall due."""
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
    return events


def _from_orders(st: State, scratch: Scratch, given: Orders, order_rng: np.random.Generator,
                 ladder_rng: np.random.Generator, events: list[tuple[EventDef, tuple[int, ...]]], ledger: bool,
                 report: bool) -> tuple[State, Parts]:
    """Steps 3 to 5 on `st`, the copy of the turn's state that steps 1 and 2 left."""
    orders = _as_orders(st, given)
    # 3. orders, nation by nation (who aimed what at whom is indexed once for reciprocity and attendance)
    aimed = aimed_index(orders)
    played: dict[int, list[tuple[Order, list[dict[str, Any]]]]] = {}
    _play(st, scratch, orders, order_rng, aimed, range(st.n), played)
    return _after_orders(st, scratch, orders, ladder_rng, events, played, ledger, report)


def _play(st: State, scratch: Scratch, orders: dict[int, tuple[Order, ...]], order_rng: np.random.Generator,
          aimed: Aimed, nations: range, played: dict[int, list[tuple[Order, list[dict[str, Any]]]]]) -> None:
    for k in nations:
        played[k] = [(o, apply_order(st, scratch, k, o, orders, order_rng, aimed)) for o in orders[k]]


def _after_orders(st: State, scratch: Scratch, orders: dict[int, tuple[Order, ...]], ladder_rng: np.random.Generator,
                  events: list[tuple[EventDef, tuple[int, ...]]],
                  played: dict[int, list[tuple[Order, list[dict[str, Any]]]]], ledger: bool,
                  report: bool) -> tuple[State, Parts]:
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

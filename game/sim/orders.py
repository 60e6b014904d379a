"""Order legality: what a nation may play this turn, with every refusal explained in words."""
from __future__ import annotations

import operator
from collections.abc import Sequence

from .defs import ActionDef
from .state import Order, State


def _name(state: State, k: int) -> str:
    return state.scenario.nations[k].name


def target_problems(state: State, nation: int, order: Order) -> list[str]:
    """Why this single order cannot be played (empty when it can), ignoring the turn's totals."""
    sc = state.scenario
    try:
        a = sc.action(order.action)
    except KeyError:
        return [f"there is no action '{order.action}'"]
    t = tuple(order.targets)
    if a.target == "self":
        return [] if not t else [f"{a.name} takes no target"]
    if a.target == "organization":
        if len(t) != 1 or not 0 <= t[0] < len(sc.orgs):
            return [f"{a.name} needs one organization as its target"]
        org = sc.orgs[t[0]]
        if a.org_kind and org.kind != a.org_kind:
            return [f"{a.name} needs a {a.org_kind.replace('_', ' ')}; {org.name} is a {org.kind.replace('_', ' ')}"]
        if nation not in org.members:
            return [f"{_name(state, nation)} is not a member of {org.name}"]
        return []
    limit = 1 if a.target == "partner" else a.max_targets
    if not 1 <= len(t) <= limit:
        return [f"{a.name} needs {'one partner' if limit == 1 else f'1 to {limit} partners'}"]
    if len(set(t)) != len(t):
        return [f"{a.name} names the same partner twice"]
    errs = []
    for k in t:
        if not 0 <= k < state.n:
            errs.append(f"{a.name}: there is no nation number {k}")
        elif k == nation:
            errs.append(f"{a.name} needs a partner other than yourself")
        else:
            errs.extend(_requirement_problems(state, nation, k, a))
    return errs


def _requirement_problems(state: State, nation: int, k: int, a: ActionDef) -> list[str]:
    errs = []
    if a.shared_org is not None and not _fellow_member(state, nation, k, a.shared_org):
        kind = "organization" if a.shared_org == "any" else a.shared_org.replace("_", " ")
        errs.append(f"{a.name} is for allies only: {_name(state, k)} shares no {kind} with {_name(state, nation)}")
    for fname, minimum in a.requires:
        have = float(state.v[fname][nation, k])
        if have < minimum:
            errs.append(f"{a.name} with {_name(state, k)} needs {fname} of at least {minimum:.2f} (now {have:.2f})")
    return errs


def _fellow_member(state: State, nation: int, k: int, kind: str) -> bool:
    """Do the two belong to one organization of this kind ("any": of any kind)?"""
    sc = state.scenario
    return any(k in sc.orgs[o].members and (kind == "any" or sc.orgs[o].kind == kind) for o in sc.orgs_of(nation))


def _target_name(state: State, action_id: str, t: int) -> str:
    try:
        if state.scenario.action(action_id).target == "organization":
            return state.scenario.orgs[t].name
        return _name(state, t)
    except (KeyError, IndexError):
        return str(t)


MAX_ORDERS, MAX_TARGETS = 64, 64   # more than any capacity allows: a bigger list is refused before it is read


def _kind(x: object) -> str:
    return "nothing" if x is None else type(x).__name__


def _shape_problems(orders: object) -> list[str]:
    """Orders checked by type before anything reads them (they may come from a network or a file): a list of
    orders, each with an action id (text) and targets that are whole numbers (numpy integers too, not true/false)."""
    if isinstance(orders, (str, bytes, dict)) or not hasattr(orders, "__iter__") or not hasattr(orders, "__len__"):
        return [f"the orders must be a list of orders, not {_kind(orders)}"]
    if len(orders) > MAX_ORDERS:
        return [f"{len(orders)} orders is more than any nation can give ({MAX_ORDERS} at most)"]
    errs = []
    for n, o in enumerate(orders):
        action, targets = getattr(o, "action", None), getattr(o, "targets", None)
        if not isinstance(o, tuple) or not isinstance(action, str):
            errs.append(f"order {n + 1} is not an order (an action id and its targets), but {_kind(o)}")
            continue
        if isinstance(targets, (str, bytes, dict)) or not isinstance(targets, (tuple, list)):
            errs.append(f"order {n + 1} ({action[:40]}): its targets must be a list of numbers, not {_kind(targets)}")
            continue
        if len(targets) > MAX_TARGETS:
            errs.append(f"order {n + 1} ({action[:40]}): {len(targets)} targets is too many")
            continue
        for t in targets:
            try:
                ok = not isinstance(t, bool) and operator.index(t) is not None
            except TypeError:
                ok = False
            if not ok:
                errs.append(f"order {n + 1} ({action[:40]}): target {str(t)[:20]!r} is not a nation or organization number")
    return errs


def order_problems(state: State, nation: int, orders: Sequence[Order]) -> list[str]:
    """Every reason this set of orders is illegal for `nation` this turn; empty when legal. Anything that is not
    a list of orders with whole-number targets is refused in words here (never a TypeError further in)."""
    if state.over:
        return ["the game is over"]
    try:
        if isinstance(nation, bool):
            raise TypeError
        nation = operator.index(nation)
    except TypeError:
        return [f"there is no nation number {str(nation)[:20]}"]
    if not 0 <= nation < state.n:
        return [f"there is no nation number {nation}"]
    shape = _shape_problems(orders)
    if shape:
        return shape
    errs: list[str] = []
    aimed: dict[str, set[int]] = {}
    ap = budget = 0
    for o in orders:
        errs.extend(target_problems(state, nation, o))
        before = aimed.setdefault(o.action, set())
        targets = set(o.targets) or {-1}
        if before & targets:
            errs.append(f"the same order is given twice: {o.action}" + (
                f" toward {', '.join(_target_name(state, o.action, t) for t in sorted(before & targets))}"
                if targets != {-1} else ""))
        before.update(targets)
        try:
            a = state.scenario.action(o.action)
        except KeyError:
            continue
        ap += a.ap
        budget += a.budget
    if ap > state.capacity(nation):
        errs.append(f"these orders need {ap} action points; {_name(state, nation)} has {state.capacity(nation)}")
    if budget > state.budget(nation):
        errs.append(f"these orders cost {budget} budget; {_name(state, nation)} has {state.budget(nation)} (economy / 10)")
    return errs


def options(state: State, nation: int) -> list[Order]:
    """Every single order the nation could play on its own this turn (one target per order)."""
    sc = state.scenario
    out: list[Order] = []
    cap, bud = state.capacity(nation), state.budget(nation)
    for a in sc.actions:
        if a.ap > cap or a.budget > bud:
            continue
        if a.target == "self":
            out.append(Order(a.id, ()))
        elif a.target == "organization":
            for o in state.orgs_of(nation):
                if not a.org_kind or sc.orgs[o].kind == a.org_kind:
                    out.append(Order(a.id, (o,)))
        else:
            for k in range(state.n):
                if k != nation and not _requirement_problems(state, nation, k, a):
                    out.append(Order(a.id, (k,)))
    return out

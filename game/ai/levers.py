"""The author's levers on computer nations (an action's ai_weight and ai_target): doctrines' scores weighed, partner
cards aimed where the author says. Shipped scenarios set none, so `weigh` hands their candidates back untouched."""
from __future__ import annotations

import numpy as np

from game.sim.defs import ActionDef
from game.sim.orders import target_problems
from game.sim.state import Order, State


def weigh(state: State, nation: int, cands: list[tuple[float, Order]]) -> list[tuple[float, Order]]:
    """Each candidate's score times its action's ai_weight (weight 0: dropped, so a jitter cannot revive it), and
    aimed at the action's ai_target when it has one."""
    lev = state.scenario.levers
    if not lev:
        return cands
    out = []
    for score, order in cands:
        a = lev.get(order.action)
        if a is None:
            out.append((score, order))
        elif a.ai_weight > 0:
            out.append((score * a.ai_weight, aim(state, nation, a, order)))
    return out


def hinted_target(state: State, nation: int, a: ActionDef) -> int | None:
    """The nation the author's ai_target names among those the card may aim at (ties to the lowest index), or None
    when none qualifies."""
    v = state.v
    if a.ai_target == "most_trusted":
        vals = np.array(v["trust"][nation], dtype=float)
    elif a.ai_target == "least_trusted":
        vals = -np.array(v["trust"][nation], dtype=float)
    elif a.ai_target == "rival":
        vals = np.array(v["tension"][nation], dtype=float)
    elif a.ai_target == "ally":
        allies = {m for o in state.orgs_of(nation) for m in state.members(o)}
        vals = np.array([v["trust"][nation, k] if k in allies else -np.inf for k in range(state.n)], dtype=float)
    else:
        return None
    vals[nation] = -np.inf
    for k in np.argsort(-vals, kind="stable"):
        if not np.isfinite(vals[k]):
            return None
        if not target_problems(state, nation, Order(a.id, (int(k),))):
            return int(k)
    return None


def aim(state: State, nation: int, a: ActionDef, order: Order) -> Order:
    """The order aimed at the hinted nation first (a partners card keeps its other targets, up to max_targets)."""
    if not a.ai_target or a.target not in ("partner", "partners"):
        return order
    k = hinted_target(state, nation, a)
    if k is None or (order.targets and order.targets[0] == k):
        return order
    rest = tuple(t for t in order.targets if t != k)
    return Order(order.action, ((k,) + rest)[:1 if a.target == "partner" else a.max_targets])

"""Preview: the expected effects of one nation's orders, computed on a scratch copy; the state is never changed."""
from __future__ import annotations

from collections import defaultdict
from typing import Sequence

from .effects import Ctx, apply
from .orders import order_problems
from .resolve import _scratch, apply_order
from .state import Order, State


def preview(state: State, nation: int, orders: Sequence[Order], partner_orders: dict[int, Sequence[Order]] | None = None) -> dict:
    """What these orders would do if played alone this turn (no events, no other nations unless given).

    Returns {"problems": [...], "changes": [{"field", "index", "delta", "in_turns"}], "effort": {threat: amount},
    "incidents": [{"pair", "chance"}]}. Random outcomes appear as chances, delayed effects with how many turns
    until they arrive. `partner_orders` lets a caller ask "and if they reciprocate?".
    """
    orders = [Order(o.action, tuple(o.targets)) for o in orders]
    problems = order_problems(state, nation, orders)
    st = state.copy()
    st.pending = []
    scratch = _scratch(st)
    all_orders = {k: tuple(v) for k, v in (partner_orders or {}).items()}
    all_orders[nation] = tuple(orders)
    if not problems:
        for o in orders:
            apply_order(st, scratch, nation, o, all_orders, None)
    sums: dict[tuple, float] = defaultdict(float)
    for e in st.ledger:
        if e.index is not None:
            sums[(e.field, e.index, 0)] += float(e.delta)
    for pd in sorted(st.pending, key=lambda p: p.turn):
        st.ledger.entries.clear()
        apply(Ctx(st, scratch, pd.actor, pd.targets, pd.org, pd.scale, pd.cause, None), pd.effect)
        for e in st.ledger:
            if e.index is not None:
                sums[(e.field, e.index, pd.turn - state.turn)] += float(e.delta)
    changes = [{"field": f, "index": ix, "delta": round(d, 4), "in_turns": when}
               for (f, ix, when), d in sums.items() if abs(d) > 1e-9]
    effort = {th.id: round(float(scratch.effort[k, nation]), 4) for k, th in enumerate(state.scenario.threats)
              if scratch.effort[k, nation]}
    return {"problems": problems, "changes": changes, "effort": effort,
            "incidents": [{"pair": r["pair"], "chance": r["chance"]} for r in scratch.incidents]}

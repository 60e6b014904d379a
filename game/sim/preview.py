"""Preview: the expected effects of one nation's orders, computed on a scratch copy; the state is never changed."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

import numpy as np

from .effects import Ctx, apply
from .orders import order_problems
from .resolve import _scratch, apply_order
from .state import Order, State


def _collect(ledger, when: int, sums: dict[tuple, float]) -> None:
    """Add the ledger's changes per value; whole-array entries (region-wide effects) are split per element."""
    for e in ledger:
        if e.index is None:
            delta = np.asarray(e.delta)
            for ix in zip(*np.nonzero(delta)):
                key = tuple(int(i) for i in ix)
                sums[(e.field, key[0] if len(key) == 1 else key, when)] += float(delta[ix])
        else:
            sums[(e.field, e.index, when)] += float(e.delta)


def preview(state: State, nation: int, orders: Sequence[Order], partner_orders: Mapping[int, Sequence[Order]] | None = None) -> dict:
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
    _collect(st.ledger, 0, sums)
    for pd in sorted(st.pending, key=lambda p: p.turn):
        st.ledger.clear()
        apply(Ctx(st, scratch, pd.actor, pd.targets, pd.org, pd.scale, pd.cause, None, pd.repeat), pd.effect)
        _collect(st.ledger, pd.turn - state.turn, sums)
    changes = [{"field": f, "index": ix, "delta": round(d, 4), "in_turns": when}
               for (f, ix, when), d in sums.items() if abs(d) > 1e-9]
    effort = {th.id: round(float(scratch.effort[k, nation]), 4) for k, th in enumerate(state.scenario.threats)
              if scratch.effort[k, nation]}
    return {"problems": problems, "changes": changes, "effort": effort,
            "incidents": [{"pair": r["pair"], "chance": r["chance"]} for r in scratch.incidents]}

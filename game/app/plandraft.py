"""PlanDraft: one human nation's orders in progress - what is left, why a card or target is refused, adding, removing."""
from __future__ import annotations

from typing import Any

from game.sim.orders import order_problems, target_problems
from game.sim.state import Order


class PlanDraft:
    """Reads and edits session.plans[nation]; every refusal comes back in the engine's words (never silently)."""

    def __init__(self, session: Any, nation: int) -> None:
        self.session = session
        self.nation = nation

    @property
    def state(self):
        return self.session.state

    @property
    def orders(self) -> list[Order]:
        return self.session.plan(self.nation)

    def used(self) -> tuple[int, int]:
        sc = self.session.scenario
        return sum(sc.action(o.action).ap for o in self.orders), sum(sc.action(o.action).budget for o in self.orders)

    def left(self) -> tuple[int, int]:
        ap, bud = self.used()
        return self.state.capacity(self.nation) - ap, self.state.budget(self.nation) - bud

    def problems(self) -> list[str]:
        return order_problems(self.state, self.nation, self.orders)

    def candidates(self, a) -> list[int] | None:
        """The possible targets of an action: nations or organizations (None for actions without a target)."""
        if a.target == "self":
            return None
        if a.target == "organization":
            return list(range(len(self.session.scenario.orgs)))
        return [j for j in range(self.state.n) if j != self.nation]

    def blocked(self, a) -> str | None:
        """Why this action cannot be added now, in words, or None."""
        ap, bud = self.left()
        if a.ap > ap:
            return f"needs {a.ap} AP; {ap} left"
        if a.budget > bud:
            return f"costs {a.budget} budget; {bud} left"
        cands = self.candidates(a)
        if cands is not None:
            st, k = self.state, self.nation
            if not any(not target_problems(st, k, Order(a.id, (t,))) for t in cands):
                first = target_problems(st, k, Order(a.id, (cands[0],)))[0] if cands else "no possible target"
                return f"no target qualifies ({first})"
        return None

    def why_not(self, order: Order) -> list[str]:
        """Every reason adding this order would make the plan illegal (empty if it can be added)."""
        st, k = self.state, self.nation
        return target_problems(st, k, order) or order_problems(st, k, self.orders + [order])

    def add(self, order: Order) -> list[str]:
        """Add the order if legal; returns the reasons otherwise (and leaves the plan unchanged)."""
        errs = self.why_not(order)
        if not errs:
            self.session.set_plan(self.nation, self.orders + [order])
        return errs

    def remove(self, index: int) -> None:
        orders = list(self.orders)
        if 0 <= index < len(orders):
            del orders[index]
            self.session.set_plan(self.nation, orders)

    def clear(self) -> None:
        self.session.set_plan(self.nation, [])

    def target_options(self, a) -> list[tuple[int, str, str, bool]]:
        """(index, name, detail, allowed) for each possible target; detail is the refusal or useful numbers."""
        st, k, sc = self.state, self.nation, self.session.scenario
        out = []
        if a.target == "organization":
            for o, org in enumerate(sc.orgs):
                errs = target_problems(st, k, Order(a.id, (o,)))
                kind = org.kind.replace("_", " ")
                detail = "; ".join(errs) if errs else \
                    f"{kind}, {len(org.members)} members, cohesion {float(st.v['cohesion'][o]):.2f}"
                out.append((o, org.name, detail, not errs))
            return out
        for j in self.candidates(a) or []:
            errs = target_problems(st, k, Order(a.id, (j,)))
            trust = f"trust: yours {float(st.v['trust'][k, j]):.2f}, theirs {float(st.v['trust'][j, k]):.2f}"
            out.append((j, sc.nations[j].name, "; ".join(errs) if errs else trust, not errs))
        return out

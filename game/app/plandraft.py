"""PlanDraft: one human nation's orders in progress - what is left, why a card or target is refused, adding, removing."""
from __future__ import annotations

from typing import Any, NamedTuple

from game.sim.agreements import BROKEN_INFLUENCE, contribution, counts_toward, gives, running, unmet
from game.sim.deals import asks, deal_words
from game.sim.orders import order_problems, target_problems
from game.sim.state import Order


class Promise(NamedTuple):
    """One agreement binding the team this turn, as its plan shows it."""
    id: str
    words: str            # the deal in words
    lacking: list[str]    # what the plan still lacks to keep it (empty: it keeps it)
    stake: str            # what keeping and breaking it do (R12.4)
    answers: dict[int, list[Order]]   # the gestures the other parties promised toward this nation, by nation


def promised_answers(promises: list[Promise]) -> dict[int, list[Order]]:
    """The gestures partners promised toward the nation this turn, by nation: what the preview counts as answered
    (the reciprocity bonus of R12.5), where a gesture made in hope counts as unanswered."""
    out: dict[int, list[Order]] = {}
    for p in promises:
        for q, os in p.answers.items():
            out.setdefault(q, []).extend(os)
    return out


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

    def promises(self) -> list[Promise]:
        """This nation's agreements binding this turn: id, the deal in words, what the plan still lacks to keep it
        (an empty list: the plan as it stands keeps it) and what is at stake. Ending planning with something lacking
        breaks it (R12.4)."""
        st, p = self.session.negotiation.planning_state(), self.session.scenario.params
        out = []
        for ag in running(st, self.nation):
            who = ", ".join(st.scenario.nations[q].name for q in ag.deal.others(self.nation))
            stake = (f"kept: +{p.kept_commitment:.2f} trust from {who}; broken: -{p.broken_commitment:.2f} trust"
                     + (f" and -{BROKEN_INFLUENCE:.0f} influence" if ag.deal.public else ""))
            answers = {q: [o for o in asks(st, ag.deal, q) if self.nation in o.targets] for q in ag.deal.others(self.nation)}
            out.append(Promise(ag.id, deal_words(st, ag.deal), unmet(st, ag, self.nation, self.orders), stake, answers))
        return out

    def answers_promised(self) -> dict[int, list[Order]]:
        """promised_answers of this nation's promises."""
        return promised_answers(self.promises())

    def keep_promises(self) -> list[str]:
        """Add what this nation's agreements ask of it and the plan lacks: their gestures, then a contribution to
        each organization it pledged to (as a doctrine picks one); the reasons any could not go in. It removes
        nothing: a build-up against a pledge stays the team's to take out."""
        st, errs, sc = self.session.negotiation.planning_state(), [], self.session.scenario
        for ag in running(st, self.nation):
            for o in asks(st, ag.deal, self.nation):
                if not gives(self.orders, o):
                    errs += [f"{sc.action(o.action).name}: {e}" for e in self.add(o)]
            for t in ag.deal.terms:
                if t.kind == "pledge" and t.pledge == "contribute" and t.org is not None and \
                        not any(counts_toward(st, self.nation, o, t.org) for o in self.orders):
                    c = contribution(st, self.nation, t.org, {x.action for x in self.orders})
                    errs += [f"{sc.action(c.action).name}: {e}" for e in self.add(c)] if c else \
                        [f"nothing can contribute to {sc.orgs[t.org].name} now"]
        return errs

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

    def planned_targets(self, action_id: str) -> set[int]:
        """Whom (or which organization) this card already targets in the plan."""
        return {t for o in self.orders if o.action == action_id for t in o.targets}

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
        planned = self.planned_targets(a.id)
        for j in self.candidates(a) or []:
            errs = target_problems(st, k, Order(a.id, (j,)))
            trust = f"trust: yours {float(st.v['trust'][k, j]):.2f}, theirs {float(st.v['trust'][j, k]):.2f}"
            if j in planned:
                trust += " · in your plan"
            out.append((j, sc.nations[j].name, "; ".join(errs) if errs else trust, not errs))
        return out

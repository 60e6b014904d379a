"""The Doctrine base class: propose scored candidate orders, then fill the turn greedily within action points and budget."""
from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import numpy as np

from game.sim.agreements import contribution, counts_toward
from game.sim.deals import asks, is_buildup
from game.sim.defs import STOCKS
from game.sim.orders import MAX_ORDERS, MAX_TARGETS, order_problems, target_problems
from game.sim.state import Agreement, Order, State

from .levers import hinted_target, weigh

# The base catalog's actions: every doctrine has its own rules for these (see doctrines.py).
BASE_ACTIONS = frozenset({
    "joint_exercise", "personnel_exchange", "capacity_building", "intel_sharing", "peacekeeping", "ministers_dialogue",
    "forum_session", "white_paper", "crisis_hotline", "counter_terrorism", "cyber_defence", "anti_piracy",
    "hadr_mission", "joint_infrastructure", "trade_agreement", "climate_resilience", "special_forces",
    "uav_cooperation", "defence_buildup", "show_of_force", "withhold_contribution", "unilateral_operation",
    "domestic_investment", "civil_military_reform"})


def legal(state: State, nation: int, orders: Sequence[Order]) -> bool:
    """`not order_problems(state, nation, orders)`, without writing the reasons: the look-ahead (do the others' last
    orders still hold?) and the exploits' fill only ask yes or no. Orders of any other shape than the engine's own
    (Order with a tuple of ints) are left to order_problems itself."""
    if state.over or len(orders) > MAX_ORDERS:
        return not order_problems(state, nation, orders)
    sc = state.scenario
    index = sc._action_index
    n, n_orgs = state.n, len(sc.orgs)
    aimed: dict[str, set[int]] = {}
    ap = budget = 0
    for o in orders:
        t = o.targets if type(o) is Order else None
        if type(t) is not tuple or type(o.action) is not str or len(t) > MAX_TARGETS or \
                any(type(x) is not int for x in t):
            return not order_problems(state, nation, orders)
        a = index.get(o.action)
        if a is None:
            return False
        if a.target == "self":
            if t:
                return False
        elif a.target == "organization":
            if len(t) != 1 or not 0 <= t[0] < n_orgs:
                return False
            org = sc.orgs[t[0]]
            if (a.org_kind and org.kind != a.org_kind) or nation not in org.members:
                return False
        else:
            limit = 1 if a.target == "partner" else a.max_targets
            if not 1 <= len(t) <= limit or len(set(t)) != len(t):
                return False
            for k in t:
                if not 0 <= k < n or k == nation:
                    return False
                for fname, minimum in a.requires:
                    if float(state.v[fname][nation, k]) < minimum:
                        return False
        before = aimed.setdefault(o.action, set())
        targets = set(t) or {-1}
        if before & targets:
            return False
        before.update(targets)
        ap += a.ap
        budget += a.budget
    return ap <= state.capacity(nation) and budget <= state.budget(nation)


def previewed_value(state: State, nation: int, order: Order, values: dict[str, float]) -> float:
    """What one order is worth to a nation that values `values`: its previewed changes (now and later, later
    ones discounted) weighed per kind: own stocks by the nation's priorities, others' stocks, stability, the
    others' trust in it, its militarization, cohesion, tension and effort against threats (by threat level)."""
    from game.sim.preview import preview  # lazily: previews are only needed for cards without a rule

    pv = preview(state, nation, [order])
    if pv["problems"]:
        return -np.inf
    return weigh_preview(state, nation, pv, values)


def weigh_preview(state: State, nation: int, pv: dict, values: dict[str, float]) -> float:
    """A preview's changes (of anyone's orders) weighed as `nation` values them (see previewed_value)."""
    sc = state.scenario
    pri = np.array(sc.nations[nation].priorities, dtype=float)
    pri = pri / max(pri.sum(), 1e-9)
    stock_w = dict(zip(STOCKS, pri))
    total = 0.0
    for c in pv["changes"]:
        f, ix, d = c["field"], c["index"], c["delta"] * 0.9 ** c["in_turns"]
        if f in stock_w:
            total += values["own"] * stock_w[f] * d if ix == nation else values["others"] * d / max(1, state.n - 1)
        elif f == "stability":
            total += values["stability"] * d
        elif f == "trust" and isinstance(ix, tuple) and ix[1] == nation:
            total += values["trust_in_me"] * 100 * d
        elif f == "militarization" and ix == nation:
            total += values["militarization"] * d
        elif f == "cohesion":
            total += values["cohesion"] * 100 * d
        elif f == "tension" and isinstance(ix, tuple) and nation in ix:
            total += values["tension"] * 100 * d
    for k, th in enumerate(sc.threats):
        total += values["effort"] * pv["effort"].get(th.id, 0.0) * float(state.v["threat"][k]) / 100.0
    return total


class Doctrine:
    """A computer nation's way of choosing orders. Subclasses implement `candidates`; `plan` stays generic.

    A doctrine only reads the state it is given (never changes it) and draws randomness only from the
    generator passed to `plan`, so the same state and seed give the same orders.
    """
    name: ClassVar[str] = ""
    title: ClassVar[str] = ""
    description: ClassVar[str] = ""
    noise: float = 0.15   # random jitter on scores (doctrines are not perfectly predictable); a session scales it
    # What it values when it judges a card it has no rule for by its previewed effect (see previewed_value)
    values: ClassVar[dict[str, float]] = {"own": 1.0, "others": 0.3, "stability": 0.6, "trust_in_me": 0.2,
                                          "militarization": -0.05, "cohesion": 0.2, "tension": -0.2, "effort": 2.0}

    def __init__(self, nation: int) -> None:
        self.nation = nation

    def reset(self) -> None:
        """Forget anything remembered between turns (doctrines here keep no memory beyond the state)."""

    def clone(self) -> Doctrine:
        return type(self)(self.nation)

    def keeps_word(self, state: State, ag: Agreement) -> bool:
        """Does it keep this agreement this turn? Doctrines keep their word unless they say otherwise."""
        return True

    def promised(self, state: State) -> tuple[list[Order], set[str], set[int], set[Order]]:
        """What the agreements it keeps this turn ask: the orders it owes, the cards it must not play (a no-build-up
        pledge) and the organizations it pledged to contribute to (never withheld from, given something); and the
        gestures of the agreements it breaks, which it withholds."""
        owed: list[Order] = []
        banned: set[str] = set()
        orgs: set[int] = set()
        withheld: set[Order] = set()
        for ag in state.agreements:
            if not (ag.signed <= state.turn <= ag.until and self.nation in ag.deal.parties):
                continue
            if not self.keeps_word(state, ag):
                withheld.update(asks(state, ag.deal, self.nation))
                continue
            owed += [o for o in asks(state, ag.deal, self.nation) if o not in owed]
            for t in ag.deal.terms:
                if t.kind == "pledge" and t.pledge == "no_buildup":
                    banned.update(a.id for a in state.scenario.actions if is_buildup(state, a.id))
                elif t.kind == "pledge" and t.pledge == "contribute" and t.org is not None:
                    orgs.add(t.org)
        return owed, banned, orgs, withheld - set(owed)

    # -- to implement ---------------------------------------------------------------------------
    def candidates(self, state: State) -> list[tuple[float, Order]]:
        raise NotImplementedError

    # -- generic planning -----------------------------------------------------------------------
    def plan(self, state: State, rng: np.random.Generator) -> list[Order]:
        if state.over:
            return []
        return self.choose(state, self.ranking(state, rng))

    def ranking(self, state: State, rng: np.random.Generator,
                own: list[tuple[float, Order]] | None = None) -> list[tuple[float, Order]]:
        """Its candidate orders with their scores (jittered by `noise`), best first (`own`: its `candidates`, when
        already known). The agreements of the state play no part here, only in `choose`: negotiation ranks once and
        chooses with each deal signed (dealing.planned)."""
        own = self.candidates(state) if own is None else own
        cands = weigh(state, self.nation, own) + self.generic_candidates(state, {o.action for _, o in own})
        if not cands:
            return []
        jitter = rng.random(len(cands)) * self.noise
        ranked = sorted(((s + j, k) for k, ((s, _), j) in enumerate(zip(cands, jitter))), reverse=True)
        return [(score, cands[k][1]) for score, k in ranked]

    def choose(self, state: State, ranking: Sequence[tuple[float, Order]]) -> list[Order]:
        """The plan from a ranking: what its agreements ask first, then the best orders that fit what is left."""
        if not ranking:
            return []
        ap, budget = state.capacity(self.nation), state.budget(self.nation)
        chosen: list[Order] = []
        used_actions: set[str] = set()
        banned: set[str] = set()
        broken: set[Order] = set()
        if state.agreements:   # what it promised comes first (agreements are checked at resolution: R12.4)
            owed, banned, orgs, broken = self.promised(state)
            for org in sorted(orgs):
                banned.add("withhold_contribution")
                if not any(counts_toward(state, self.nation, o, org) for o in owed):
                    extra = contribution(state, self.nation, org, {o.action for o in owed})
                    if extra is not None:
                        owed.append(extra)
            for order in owed:
                a = state.scenario.action(order.action)
                if a.ap <= ap and a.budget <= budget and not target_problems(state, self.nation, order):
                    chosen.append(order)
                    used_actions.add(order.action)
                    ap -= a.ap
                    budget -= a.budget
            if ap <= 0:
                return chosen
        for score, order in ranking:
            if score <= 0:
                break
            a = state.scenario.action(order.action)
            if order.action in used_actions or order.action in banned or a.ap > ap or a.budget > budget or \
                    order in broken:
                continue
            if target_problems(state, self.nation, order):
                continue
            chosen.append(order)
            used_actions.add(order.action)
            ap -= a.ap
            budget -= a.budget
            if ap <= 0:
                break
        return chosen

    def generic_candidates(self, state: State, seen: set[str]) -> list[tuple[float, Order]]:
        """Actions the doctrine has no rule for (e.g. a scenario's own) are judged by what they do: the engine's
        preview of the order, weighed by what this doctrine values (`values`), aimed at the most trusted partner
        (or, for hostile ones, the least trusted)."""
        out: list[tuple[float, Order]] = []
        trust = state.v["trust"][self.nation]
        for a in state.scenario.actions:
            if a.id in seen or a.id in BASE_ACTIONS or a.ai_weight == 0:
                continue
            order: Order | None = None
            if a.target == "self":
                order = Order(a.id, ())
            elif a.target == "organization":
                orgs = [o for o in state.orgs_of(self.nation) if not a.org_kind or state.scenario.orgs[o].kind == a.org_kind]
                if orgs:
                    order = Order(a.id, (orgs[0],))
            else:
                k = hinted_target(state, self.nation, a) if a.ai_target else None
                k = self.best(state, -trust if a.hostile else trust) if k is None else k
                if k is not None:
                    order = Order(a.id, (k,))
            if order is not None:
                # on the scale of the doctrines' own rules (0.3 .. 3); a card worth less than 0.3 is not worth an action point
                score = previewed_value(state, self.nation, order, self.values) / 1.5 * a.ai_weight
                if score >= 0.3:
                    out.append((score, order))
        return out

    # -- helpers for subclasses -----------------------------------------------------------------
    def has(self, state: State, action_id: str) -> bool:
        return action_id in state.scenario._action_index

    def best(self, state: State, values: np.ndarray, exclude: tuple[int, ...] = ()) -> int | None:
        """The other nation with the highest value (ties to the lowest index)."""
        vals = np.array(values, dtype=float)
        vals[self.nation] = -np.inf
        for k in exclude:
            vals[k] = -np.inf
        if not np.isfinite(vals).any():
            return None
        return int(np.argmax(vals))

    def perceived_threat(self, state: State) -> float:
        """How threatened this nation feels: its highest tension toward anyone, 0..1."""
        row = state.v["tension"][self.nation].copy()
        row[self.nation] = 0.0
        return float(row.max()) if row.size else 0.0

    def allies(self, state: State, kind: str | None = None) -> list[int]:
        out: set[int] = set()
        for o in state.orgs_of(self.nation):
            if kind is None or state.scenario.orgs[o].kind == kind:
                out.update(state.members(o))
        out.discard(self.nation)
        return sorted(out)

    def victims_to_help(self, state: State) -> list[int]:
        """Allies with an open collective-defence call due this turn."""
        return sorted({ob.victim for ob in state.obligations
                       if ob.due == state.turn and self.nation in state.members(ob.org) and ob.victim != self.nation})

    def org_targets(self, state: State, kind: str) -> list[int]:
        return [o for o in state.orgs_of(self.nation) if state.scenario.orgs[o].kind == kind]

    def cooperated_with_me(self, state: State, k: int) -> bool | None:
        """Last turn, did k aim a cooperative order at me (True), a hostile one (False), or nothing (None)?"""
        orders = state.last_orders.get(k)
        if not orders:
            return None
        verdict = None
        for o in orders:
            a = state.scenario.action(o.action)
            aimed = (a.target in ("partner", "partners") and self.nation in o.targets) or \
                    (a.target == "organization" and self.nation in state.members(o.targets[0]))
            if not aimed:
                continue
            if a.hostile:
                return False
            if a.category == "cooperative":
                verdict = True
        return verdict

"""Deal terms as data (a joint action this turn, pledges for N turns, a trade agreement, a hotline) and their validation."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .defs import NegotiationRules
from .orders import target_problems
from .state import Order, State

TERM_KINDS = ("joint", "pledge", "trade", "hotline")
PLEDGES = ("contribute", "no_buildup", "share_intel")
# the action a term asks of each party toward each other party (joint: the action it names)
TERM_ACTIONS = {"trade": "trade_agreement", "hotline": "crisis_hotline"}
PLEDGE_ACTIONS = {"share_intel": "intel_sharing"}
BUILDUP = 3.0   # an order that raises its own militarization by this much or more is a build-up (no_buildup)
MAX_PARTIES = 4


@dataclass(frozen=True)
class Term:
    """One thing every party promises: `kind` joint (play `action` toward each other party this turn), trade or
    hotline (the same with the trade agreement or the hotline), pledge (`pledge` for `turns` turns: contribute to
    organization `org`, no build-up, share intelligence with each other party)."""
    kind: str
    action: str = ""
    pledge: str = ""
    org: int | None = None
    turns: int = 1

    def card(self) -> str:
        """The action this term asks each party to aim at each other party ('' when it asks none)."""
        if self.kind == "joint":
            return self.action
        if self.kind == "pledge":
            return PLEDGE_ACTIONS.get(self.pledge, "")
        return TERM_ACTIONS.get(self.kind, "")

    def length(self) -> int:
        return self.turns if self.kind == "pledge" else 1


@dataclass(frozen=True)
class Deal:
    """A proposal: `proposer` (a party) offers the terms to the other parties; every party promises every term."""
    proposer: int
    parties: tuple[int, ...]
    terms: tuple[Term, ...]
    public: bool = True

    def others(self, k: int) -> tuple[int, ...]:
        return tuple(p for p in self.parties if p != k)

    def length(self) -> int:
        return max((t.length() for t in self.terms), default=1)


def term_words(state: State, t: Term) -> str:
    sc = state.scenario
    if t.kind == "pledge":
        span = f" for {t.turns} turn{'s' if t.turns != 1 else ''}"
        if t.pledge == "contribute":
            org = sc.orgs[t.org].name if t.org is not None and 0 <= t.org < len(sc.orgs) else "?"
            return f"Contribute to {org}{span}"
        return ("No build-up" if t.pledge == "no_buildup" else "Share intelligence") + span
    card = t.card()
    name = sc._action_index[card].name if card in sc._action_index else card
    return f"{name} together" if t.kind == "joint" else name


def deal_words(state: State, d: Deal) -> str:
    names = ", ".join(state.scenario.nations[p].name for p in d.parties if 0 <= p < state.n)
    return f"{'; '.join(term_words(state, t) for t in d.terms)} ({names})"


def is_buildup(state: State, action_id: str) -> bool:
    """Does this card raise the actor's own militarization by BUILDUP or more (a build-up, a show of force)?"""
    a = state.scenario._action_index.get(action_id)
    if a is None:
        return False
    return sum(float(e.param("amount", 0.0)) for e in a.effects
               if e.do == "militarization" and e.param("who", "actor") in ("actor", "both")) >= BUILDUP


def term_problems(state: State, d: Deal, t: Term, rules: NegotiationRules) -> list[str]:
    sc = state.scenario
    if t.kind not in TERM_KINDS:
        return [f"there is no kind of term '{t.kind}'"]
    if t.kind not in rules.terms:
        return [f"this scenario does not allow {t.kind} terms"]
    if t.kind == "pledge":
        if t.pledge not in PLEDGES:
            return [f"there is no pledge '{t.pledge}'"]
        if t.pledge not in rules.pledges:
            return [f"this scenario does not allow the pledge {t.pledge.replace('_', ' ')}"]
        if not 1 <= t.turns <= rules.max_turns:
            return [f"a pledge runs 1 to {rules.max_turns} turns"]
        if t.pledge == "contribute":
            if t.org is None or not 0 <= t.org < len(sc.orgs):
                return ["a pledge to contribute names an organization"]
            out = [f"{sc.nations[p].name} is not a member of {sc.orgs[t.org].name}"
                   for p in d.parties if p not in sc.orgs[t.org].members]
            return out
    card = t.card()
    if not card:
        return []
    a = sc._action_index.get(card)
    if a is None:
        return [f"there is no action '{card}' in this scenario"]
    if a.target not in ("partner", "partners") or a.hostile:
        return [f"{a.name} is not a gesture two nations make toward each other"]
    out = []
    for p in d.parties:
        for q in d.others(p):
            out += target_problems(state, p, Order(card, (q,)))
    return out


def asks(state: State, d: Deal, k: int) -> list[Order]:
    """The orders party k must give this turn to keep the deal's gestures (one per card, aimed at the others)."""
    out: list[Order] = []
    for t in d.terms:
        card = t.card()
        if not card or card not in state.scenario._action_index:
            continue
        a = state.scenario.action(card)
        others = d.others(k)
        if a.target == "partners" and len(others) <= a.max_targets:
            out.append(Order(card, others))
        else:
            out.extend(Order(card, (q,)) for q in others)
    return out


def deal_problems(state: State, d: Deal, rules: NegotiationRules, signed: Sequence[Deal] = ()) -> list[str]:
    """Why this deal cannot be proposed now (empty when it can): negotiation on, 2 to MAX_PARTIES different nations,
    terms the scenario allows, gestures each party may aim at each other, and every party able to afford what this
    deal and the deals it already signed this turn (`signed`) ask of it."""
    if state.over:
        return ["the game is over"]
    if not rules.enabled:
        return ["negotiation is off in this scenario"]
    if not d.terms:
        return ["a deal needs at least one term"]
    if len(d.terms) > 3:
        return ["a deal has at most 3 terms"]
    if d.proposer not in d.parties:
        return ["the proposer must be a party to its deal"]
    if not 2 <= len(d.parties) <= MAX_PARTIES or len(set(d.parties)) != len(d.parties):
        return [f"a deal is between 2 and {MAX_PARTIES} different nations"]
    if any(not 0 <= p < state.n for p in d.parties):
        return ["a deal names a nation that is not in the game"]
    errs: list[str] = []
    for t in d.terms:
        errs += term_problems(state, d, t, rules)
    if errs:
        return errs
    kinds = [(t.kind, t.card(), t.pledge, t.org) for t in d.terms]
    if len(set(kinds)) != len(kinds):
        return ["a deal names the same term twice"]
    for p in d.parties:
        need = [o for x in (*signed, d) if p in x.parties for o in asks(state, x, p)]
        ap = sum(state.scenario.action(o.action).ap for o in need)
        budget = sum(state.scenario.action(o.action).budget for o in need)
        name = state.scenario.nations[p].name
        if len({(o.action, t) for o in need for t in o.targets}) != sum(len(o.targets) for o in need):
            errs.append(f"{name} has already promised that gesture this turn")
        elif ap > state.capacity(p):
            errs.append(f"{name} cannot keep this: its deals this turn need {ap} action points, it has {state.capacity(p)}")
        elif budget > state.budget(p):
            errs.append(f"{name} cannot keep this: its deals this turn cost {budget} budget, it has {state.budget(p)}")
    return errs

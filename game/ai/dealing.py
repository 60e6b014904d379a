"""Computer nations at the negotiating table: what each doctrine proposes, what it accepts, by the engine's preview."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from game.sim.agreements import signed
from game.sim.deals import Deal, Term, asks, deal_problems
from game.sim.preview import preview
from game.sim.state import Agreement, Order, State

from .base import Doctrine, weigh_preview
from .doctrines import Reciprocator
from .levers import weigh

TRIES = 3             # offers a computer nation makes in one turn until one is accepted
TRUSTED = 0.45        # a reciprocator deals only with partners it trusts this much
WORTH = 0.4           # a deal must be worth this much per action point it costs (the doctrines' scale: 0.3 .. 3)
# the gestures each style offers, best first (joint: both play it toward each other this turn)
JOINT_CARDS = {"reciprocator": ("personnel_exchange", "joint_exercise"),
               "cooperative": ("joint_exercise", "personnel_exchange", "intel_sharing")}


Memo = dict   # what one round of negotiate() works out once per nation (plans, rankings) and per deal (worth)


def _memo(memo: Memo | None, key: tuple, make):
    """make() once per key within one round (the state does not change during it); no memo: every time."""
    if memo is None:
        return make()
    if key not in memo:
        memo[key] = make()
    return memo[key]


def style(name: str) -> str | None:
    """How a doctrine deals: its own name for the fixed ones, 'planner' for the strategists, None: it never deals."""
    if name.startswith("planner"):
        return "planner"
    return name if name in ("cooperative", "hawk", "free_rider", "reciprocator", "hedger", "breaker") else None


def _preview(state: State, k: int, orders: Sequence[Order], others: Mapping[int, Sequence[Order]],
             memo: Memo | None) -> dict:
    """preview() once a round per nation, orders and the others' answer: both sides of a deal weigh the same ones."""
    key = ("preview", k, tuple(orders), tuple(sorted((q, tuple(os)) for q, os in others.items())))
    return _memo(memo, key, lambda: preview(state, k, orders, dict(others)))


def value(state: State, me: int, d: Deal, values: Mapping[str, float], memo: Memo | None = None) -> float:
    """What the deal's gestures this turn are worth to `me`, per action point it owes: the engine's preview of its own
    orders (answered, so with the reciprocity bonus) and of each partner's toward it, and the trust keeping it earns,
    weighed by what it values."""
    owed: dict[int, Sequence[Order]] = {q: asks(state, d, q) for q in d.parties}
    mine = owed.pop(me)
    total = 0.0
    pv = _preview(state, me, mine, owed, memo)
    if pv["problems"]:
        return -np.inf
    total += weigh_preview(state, me, pv, dict(values))
    for q, os in owed.items():   # what q's gestures do, answered by me (in a deal of two: q's own preview)
        total += weigh_preview(state, me, _preview(state, q, os, {me: mine}, memo), dict(values))
    # keeping it this turn raises every other party's trust in `me` (R12.4): part of what the deal gives
    total += values["trust_in_me"] * 100 * state.scenario.params.kept_commitment * len(owed)
    ap = sum(state.scenario.action(o.action).ap for o in mine)
    return total / 1.5 / max(1, ap)


def bar(state: State, me: int, doctrine: Doctrine, d: Deal, signed_now: Sequence[Deal] = (),
        memo: Memo | None = None) -> float:
    """What the deal must be worth to this doctrine per action point: the scores of the orders it would push out of
    the plan the doctrine makes with the deals it already signed this turn (its plan puts what it owes first), and at
    least WORTH; a session of an organization it would attend is never given up for it (inclusivity, R3.7)."""
    before, after = planned(state, me, doctrine, signed_now, memo), planned(state, me, doctrine, (*signed_now, d), memo)
    dropped = [o for o in before if o not in after]
    if not dropped:
        return WORTH
    sc = state.scenario
    if any(sc.action(o.action).target == "organization" for o in dropped):
        return np.inf
    scores = _memo(memo, ("scores", me, doctrine.name), lambda: {o: s for s, o in sorted(   # (an order listed twice:
        weigh(state, me, _candidates(state, me, doctrine, memo)), key=lambda x: x[0])})    # its best score wins)
    ap = sum(sc.action(o.action).ap for o in asks(state, d, me))
    return max(WORTH, sum(float(scores.get(o, WORTH)) for o in dropped) / max(1, ap))


def _doctrine(name: str, me: int) -> Doctrine:
    from .registry import make  # lazily: the registry lists this module's Breaker

    return make(name, me)


def _planner_worth(state: State, me: int, name: str, d: Deal, signed_now: Sequence[Deal], memo: Memo | None) -> float:
    """The strategist's worth of a deal: the line it would play without it (Planner.deal_line) played again with the
    deal signed and kept, minus that line (Planner.deal_worth), beside the deals it already signed this turn."""
    from .planner import Planner

    planner, mine = _doctrine(name, me), [x for x in signed_now if me in x.parties]
    assert isinstance(planner, Planner)
    base = signed(state, mine)
    line = _memo(memo, ("planner-line", me, name, tuple(mine)), lambda: planner.deal_line(base))
    return planner.deal_worth(base, signed(state, [*mine, d]), line)


def proposal(state: State, me: int, name: str, signed_now: Sequence[Deal] = ()) -> Deal | None:
    """The deal this doctrine offers first this turn, if any (see offers)."""
    return next(iter(offers(state, me, name, signed_now)), None)


def offers(state: State, me: int, name: str, signed_now: Sequence[Deal] = (), memo: Memo | None = None) -> list[Deal]:
    """The deals this doctrine would offer this turn, best first: those worth what they cost it (`bar`)."""
    how = style(name)
    if how is None or how == "hawk":   # a hawk trusts strength, not paper: it proposes nothing
        return []
    v, rules = state.v, state.scenario.negotiation
    trust = v["trust"][me].copy()
    trust[me] = -1.0
    friend = int(np.argmax(trust))
    out: list[Deal] = []
    if how in ("reciprocator", "breaker", "cooperative", "planner"):
        if how not in ("reciprocator", "breaker") or trust[friend] >= TRUSTED:
            for card in JOINT_CARDS["cooperative" if how in ("cooperative", "planner") else "reciprocator"]:
                if card in state.scenario._action_index:
                    out.append(Deal(me, (me, friend), (Term("joint", action=card),)))
    else:
        trade = v["trade"][me].copy()
        trade[me] = -1.0
        trader = int(np.argmax(trade))
        if v["agreement"][me, trader] < 0.5:
            out.append(Deal(me, (me, trader), (Term("trade"),)))
        if how == "hedger":
            tension = v["tension"][me].copy()
            tension[me] = -1.0
            tense = int(np.argmax(tension))
            if v["hotline"][me, tense] < 0.4:
                out.append(Deal(me, (me, tense), (Term("hotline"),)))
    doctrine = _doctrine(name, me)
    anyway = planned(state, me, doctrine, signed_now, memo) if how != "planner" else []
    for o in anyway:   # a gesture it makes this turn anyway: offer to make it together (an answer is worth more)
        a = state.scenario.action(o.action)
        if a.reciprocity > 0 and a.target == "partner" and not a.hostile:
            out.insert(0, Deal(me, (me, o.targets[0]), (Term("joint", action=o.action),)))
    out = [d for k, d in enumerate(out) if d not in out[:k] and not deal_problems(state, d, rules, signed_now)]
    if not out:
        return []
    if how == "planner":
        worth = [_memo(memo, ("look", me, d), lambda d=d: _planner_worth(state, me, name, d, signed_now, memo))
                 for d in out]
        least = [0.0] * len(out)
    else:
        worth = [_memo(memo, ("value", me, name, d), lambda d=d: value(state, me, d, doctrine.values, memo))
                 if not _free(state, d, me, anyway) else np.inf for d in out]
        least = [bar(state, me, doctrine, d, signed_now, memo) if WORTH <= worth[k] < np.inf else WORTH
                 for k, d in enumerate(out)]   # (below the floor it fails without planning)
    ranked = sorted(range(len(out)), key=lambda k: -worth[k])
    return [out[k] for k in ranked if worth[k] >= least[k] and worth[k] > 0.0]


def planned(state: State, me: int, doctrine: Doctrine, signed_now: Sequence[Deal], memo: Memo | None) -> list[Order]:
    """What it would play this turn with the deals of `signed_now` it is party to signed (what it owes comes first)."""
    mine = tuple(x for x in signed_now if me in x.parties)
    return _memo(memo, ("planned", me, doctrine.name, mine), lambda: _own_plan(state, me, doctrine, mine, memo))


def _own_plan(state: State, me: int, doctrine: Doctrine, mine: Sequence[Deal] = (), memo: Memo | None = None) -> list[Order]:
    """Its plan this turn with these deals signed, with a generator drawn from the state alone. A doctrine that
    plans the generic way ranks its candidates once a round (deals change only what it chooses from them)."""
    st, rng = signed(state, list(mine)), np.random.default_rng([state.turn, me, 23])
    if type(doctrine).plan is not Doctrine.plan or state.over:
        return doctrine.plan(st, rng)
    return doctrine.choose(st, _memo(memo, ("ranking", me, doctrine.name),
                                     lambda: doctrine.ranking(state, rng, _candidates(state, me, doctrine, memo))))


def _candidates(state: State, me: int, doctrine: Doctrine, memo: Memo | None) -> list[tuple[float, Order]]:
    """The doctrine's own candidates, once a round (its plan's ranking and the bar both start from them)."""
    return _memo(memo, ("candidates", me, doctrine.name), lambda: doctrine.candidates(state))


def _free(state: State, d: Deal, me: int, anyway: Sequence[Order]) -> bool:
    """Does the deal ask of `me` only what it plays this turn anyway (so it gives nothing up for it)?"""
    return all(o in anyway for o in asks(state, d, me))


def accepts(state: State, me: int, name: str, d: Deal, signed_now: Sequence[Deal] = (), memo: Memo | None = None) -> bool:
    """Does this doctrine sign the deal? By doctrine, and by what the engine says the deal is worth to it against
    what it would give up for it (`bar`); the strategist by a short look-ahead."""
    how = style(name)
    if how is None:
        return False
    if how == "breaker":   # signs anything: it means to break it
        return True
    sc = state.scenario
    kinds = {t.kind for t in d.terms}
    if how == "planner":
        return _memo(memo, ("look", me, d), lambda: _planner_worth(state, me, name, d, signed_now, memo)) > 0.0
    trust = min(float(state.v["trust"][me, q]) for q in d.others(me))
    if how == "hawk":   # only drills with its own allies
        allies = {m for o in sc.orgs_of(me) if sc.orgs[o].kind == "collective_defence" for m in sc.orgs[o].members}
        if kinds != {"joint"} or not all(q in allies for q in d.others(me)):
            return False
    if how == "reciprocator" and trust < TRUSTED:
        return False
    if how == "hedger" and not kinds <= {"trade", "hotline"} and trust < TRUSTED:
        return False
    doctrine = _doctrine(name, me)
    free = _free(state, d, me, planned(state, me, doctrine, signed_now, memo))   # it gives nothing up for it
    if how == "free_rider" and not kinds <= {"trade", "hotline"} and not free:
        return False   # signs cheap deals only: trade, hotlines, and gestures it makes this turn anyway
    worth = _memo(memo, ("value", me, name, d), lambda: value(state, me, d, doctrine.values, memo))
    if worth > 0.0 and free:
        return True
    return worth >= WORTH and worth >= bar(state, me, doctrine, d, signed_now, memo)


def negotiate(state: State, doctrines: Mapping[int, str], already: Sequence[Deal] = ()) -> list[Deal]:
    """One round among computer nations: each, in listing order, offers its deals (best first, at most TRIES) to
    partners that are also computer nations, until every partner accepts one, which is signed; one that is already
    party to a deal signed this round offers none (it keeps the rest of its plan for the region). `already`: deals
    signed this turn before (they limit what each party can still promise). Returns the new deals, in the order they
    were signed."""
    rules = state.scenario.negotiation
    if not rules.enabled or state.over:
        return []
    done = list(already)
    out: list[Deal] = []
    memo: Memo = {}
    for k in sorted(doctrines):
        if any(k in d.parties for d in out):   # one deal a round is its share of the table
            continue
        for d in offers(state, k, doctrines[k], done, memo)[:TRIES]:   # until one is accepted (offers are legal
            if any(q not in doctrines for q in d.others(k)):                # with `done` signed: offers checks)
                continue
            if all(accepts(state, q, doctrines[q], d, done, memo) for q in d.others(k)):
                done.append(d)
                out.append(d)
                break
    return out


class Breaker(Reciprocator):
    """The measurement's promise-breaker: deals as a reciprocator does, signs anything, keeps nothing."""
    name = "breaker"
    title = "Promise-breaker (measurement)"
    description = "Plays as a reciprocator, signs every deal and keeps none of them."

    def keeps_word(self, state: State, ag: Agreement) -> bool:
        return False

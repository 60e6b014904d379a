"""Duplicate scoring: each seat against the strategist in that very seat, in the same game (same seed, same others).

Par (par.py) compares a seat with what the strategist scores there on average; but most of a seat's score is what
the other seats did (docs/balance.md, target 3: the others' doctrines explain 50-70 % of it). Duplicate bridge's
answer: play the same deal again with the reference in your chair and score the difference. Here the game is played
again from the start with one seat handed to the strategist; the computer seats play their doctrines (they answer
the strategist, not you) and deal among themselves as they would, the other teams play the orders they played (an
order no longer legal in that line is dropped) and sign again the deals they signed that did not involve the seat
(when every computer party still accepts it in that line), the facilitator's events strike as they did, and every
random draw comes from the same seed. What is left of the difference is what the seat's own choices did, including
how the others answered them.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from game.ai.dealing import accepts, negotiate
from game.ai.registry import make
from game.sim.agreements import signed
from game.sim.deals import Deal, deal_problems
from game.sim.defs import EventDef, Scenario
from game.sim.orders import order_problems
from game.sim.resolve import new_game, resolve_turn
from game.sim.scoring import national_interest
from game.sim.state import Order, State

from .headless import AI, ENGINE, turn_rng
from .par import REFERENCE

Plan = Callable[[State, int, str], list[Order]]


@dataclass
class Played:
    """What a finished (or stopped) game needs to be played again with one seat changed."""
    scenario: Scenario
    seed: int
    turns: int                                      # turns played
    doctrines: dict[int, str]                       # computer seats
    orders: dict[int, list[list[Order]]] = field(default_factory=dict)   # team seats: their orders, turn by turn
    injected: list[list[tuple[EventDef, tuple[int, ...]]]] = field(default_factory=list)  # per turn, if any
    deals: dict[int, list[Deal]] = field(default_factory=dict)   # by turn: the deals signed with a team party


def default_plan(seed: int) -> Plan:
    """How a batch game's computer seat plans (Game.computer_orders' generators)."""
    return lambda st, k, name: make(name, k).plan(st, turn_rng(seed, st.turn, AI, k))


def legal_part(state: State, k: int, orders: Sequence[Order]) -> list[Order]:
    """The orders that are still legal in this line, in their order (each kept only if the plan stays legal)."""
    kept: list[Order] = []
    for o in orders:
        if not order_problems(state, k, kept + [o]):
            kept.append(o)
    return kept


def reference_line(played: Played, seat: int, plan: Plan | None = None, reference: str = REFERENCE) -> State:
    """The game played again with `seat` played by the reference; the state after the same number of turns.
    `plan` is how the other computer seats plan (default: as in a batch game; a class game passes its difficulty)."""
    sc, ref_plan = played.scenario, default_plan(played.seed)   # the reference plays at its own (normal) strength
    plan = plan or ref_plan
    computer = dict(played.doctrines)
    computer[seat] = reference
    st = new_game(sc)
    for t in range(played.turns):
        if st.over:
            break
        done = negotiate(st, computer)   # the computer seats deal among themselves as in the game, then the teams
        done += team_deals(st, played.deals.get(st.turn, ()), seat, computer, done)
        st = signed(st, done)
        orders = {k: (ref_plan if k == seat else plan)(st, k, name) for k, name in sorted(computer.items())}
        for k, per_turn in played.orders.items():
            if k != seat:
                orders[k] = legal_part(st, k, per_turn[t] if t < len(per_turn) else [])
        inject = played.injected[t] if t < len(played.injected) else ()
        st, _ = resolve_turn(st, orders, turn_rng(played.seed, st.turn, ENGINE), ledger=False, inject=inject)
    return st


def team_deals(state: State, deals: Sequence[Deal], seat: int, computer: Mapping[int, str],
               done: Sequence[Deal]) -> list[Deal]:
    """The deals the teams signed this turn that are signed again in the reference line: those the seat was not
    party to (the reference makes its own), still possible there, that every computer party still accepts."""
    rules = state.scenario.negotiation
    out: list[Deal] = []
    for d in deals:
        if seat in d.parties or deal_problems(state, d, rules, [*done, *out]):
            continue
        if all(accepts(state, q, computer[q], d, [*done, *out]) for q in d.parties if q in computer):
            out.append(d)
    return out


def reference_scores(played: Played, seats: Sequence[int] | None = None, plan: Plan | None = None) -> np.ndarray:
    """Per seat (NaN where not asked): the National Interest the reference would have ended with in that seat."""
    out = np.full(played.scenario.n, np.nan)
    for s in (range(played.scenario.n) if seats is None else seats):
        out[s] = float(national_interest(reference_line(played, s, plan))[s])
    return out


def from_game(game, teams: Mapping[int, Sequence[Sequence[Order]]] | None = None,
              deals: Mapping[int, Sequence[Deal]] | None = None) -> Played:
    """A headless Game (runner.headless.Game) as Played: its computer seats are its doctrines; `teams` gives the
    orders of seats that were not computer-played (default: read back from the game's reports); `deals`, by turn,
    the deals signed with them (a report names its agreements in words only, so they are not read back)."""
    sc = game.scenario
    computer = dict(game.doctrines)
    orders: dict[int, list[list[Order]]] = {}
    human = [k for k in range(sc.n) if k not in computer]
    for k in human:
        orders[k] = [list(x) for x in teams[k]] if teams and k in teams else [
            orders_of(sc, r, k) for r in game.history.reports]
    return Played(sc, game.seed, len(game.history.reports), computer, orders,
                  deals={t: list(ds) for t, ds in (deals or {}).items()})


def orders_of(sc: Scenario, report: Mapping, k: int) -> list[Order]:
    """A seat's orders as a report lists them (action id and target ids), back as engine orders."""
    out = []
    for o in report.get("orders", {}).get(sc.nations[k].id, []):
        act = sc.action(o["action"])
        ids = [g.id for g in sc.orgs] if act.target == "organization" else sc.nation_ids
        out.append(Order(o["action"], tuple(ids.index(t) for t in o["targets"] if t in ids)))
    return out

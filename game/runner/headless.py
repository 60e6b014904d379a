"""Headless games: computer doctrines play a scenario turn by turn; the seed fixes every random draw."""
from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from game.ai.dealing import negotiate
from game.ai.registry import DOCTRINES, make
from game.sim.agreements import signed
from game.sim.contract import HistoryDoc, TurnReport
from game.sim.deals import Deal
from game.sim.defs import Scenario
from game.sim.history import History
from game.sim.resolve import new_game, resolve_turn
from game.sim.serialize import state_to_dict
from game.sim.state import Order, State

ENGINE, AI = 0, 1


def turn_rng(seed: int, turn: int, stream: int, nation: int = 0) -> np.random.Generator:
    """The generator for one purpose in one turn: derived from the seed alone, so a game restored at any
    turn (or a branch) draws exactly what an uninterrupted game would have drawn."""
    return np.random.default_rng([int(seed), int(turn), stream, nation])


def turn_rngs(seed: int, turn: int, stream: int, nations: Sequence[int]) -> list[np.random.Generator]:
    """turn_rng for several nations at once, the same generators: the seed words are laid out in one uint32 array
    (what SeedSequence makes of a list of small ints), so no list is converted word by word for each nation."""
    seed, turn = int(seed), int(turn)
    if not (0 <= seed < 2**32 and 0 <= turn < 2**32 and all(0 <= k < 2**32 for k in nations)):
        return [turn_rng(seed, turn, stream, k) for k in nations]
    words = np.empty((len(nations), 4), dtype=np.uint32)
    words[:, 0], words[:, 1], words[:, 2], words[:, 3] = seed, turn, stream, nations
    return [np.random.default_rng(w) for w in words]


@dataclass
class Game:
    scenario: Scenario
    seed: int
    doctrines: dict[int, str]       # nation index -> doctrine name (computer seats)
    history: History
    lean: bool = False              # leave the why-ledger out of reports (batch runs)

    @classmethod
    def new(cls, sc: Scenario, seed: int, overrides: Mapping[str, str] | None = None) -> Game:
        doctrines = {k: nd.doctrine for k, nd in enumerate(sc.nations)}
        for nid, name in (overrides or {}).items():
            doctrines[sc.nation_index(nid)] = name
        return cls(sc, seed, doctrines, History.start(new_game(sc)))

    @classmethod
    def restore(cls, sc: Scenario, seed: int, doctrines: Mapping[int, str], history: History) -> Game:
        """A saved game played on: a doctrine this version does not know (a damaged or newer save) plays as the
        nation's own doctrine of the scenario (the one place this fallback is decided)."""
        known = {k: name if name in DOCTRINES else sc.nations[k].doctrine for k, name in doctrines.items()}
        return cls(sc, seed, known, history)

    @property
    def state(self) -> State:
        return self.history.current

    def computer_orders(self, state: State, seats: Mapping[int, str] | None = None) -> dict[int, list[Order]]:
        seats = self.doctrines if seats is None else seats
        rngs = turn_rngs(self.seed, state.turn, AI, list(seats))
        return {k: make(name, k).plan(state, r) for (k, name), r in zip(seats.items(), rngs)}

    def negotiate(self, state: State, human: Sequence[int] = (), deals: Sequence[Deal] = ()) -> list[Deal]:
        """The deals computer seats sign among themselves this turn (after `deals`, those signed with people)."""
        return negotiate(state, {k: d for k, d in self.doctrines.items() if k not in human}, deals)

    def step(self, human_orders: Mapping[int, list[Order]] | None = None, inject: Sequence = (),
             deals: Sequence[Deal] | None = None) -> TurnReport:
        """Resolve the current turn: computer seats negotiate and plan, human orders are taken as given;
        `inject` holds (EventDef, targets) a facilitator adds to this turn; `deals`, the deals signed this turn
        (None: computer seats negotiate among themselves; given: exactly these, the session's negotiation)."""
        human = dict(human_orders or {})
        st = self.state
        if deals is None:
            deals = self.negotiate(st, list(human))
        st = signed(st, deals)
        orders = self.computer_orders(st, {k: d for k, d in self.doctrines.items() if k not in human})
        orders.update(human)
        new, report = resolve_turn(st, orders, turn_rng(self.seed, st.turn, ENGINE), ledger=not self.lean,
                                   inject=inject)
        self.history.push(new, report)
        return report

    def play(self, turns: int | None = None, on_turn: Callable[[TurnReport], None] | None = None) -> None:
        limit = turns if turns is not None else self.scenario.turns
        while not self.state.over and len(self.history.reports) < limit:
            report = self.step()
            if on_turn:
                on_turn(report)

    def to_dict(self) -> HistoryDoc:
        """The history `run --out` writes (and the golden file holds)."""
        sc = self.scenario
        return {
            "format": "regional-accord-history",
            "version": 1,
            "scenario": sc.id,
            "seed": self.seed,
            "nations": [nd.id for nd in sc.nations],
            "organizations": [o.id for o in sc.orgs],
            "threats": [t.id for t in sc.threats],
            "doctrines": {sc.nations[k].id: d for k, d in sorted(self.doctrines.items())},
            "states": [state_to_dict(s) for s in self.history.states],
            "reports": self.history.reports,
            "final": {"turn": len(self.history.reports), "outcome": self.state.outcome,
                      "summary": self.history.reports[-1]["summary"] if self.history.reports else None},
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"))

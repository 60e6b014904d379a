"""Read-only views of a session: what screens (and later a host's clients) read of the game - the turn, the states,
the reports, the seats, the queued events, the branches - without reaching into the engine's objects.

Views hand out the engine's own State objects and report dicts, uncopied (copying every state each frame would cost
a frame); what they promise is that nothing read through them is changed, and no method of theirs changes anything.
Commands go to the session itself (game/app/session.py)."""
from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from game.sim.contract import TurnReport
from game.sim.state import State

if TYPE_CHECKING:
    from game.sim.history import History
    from game.sim.state import Agreement

    from .injections import Injection
    from .negotiation import Message, Proposal
    from .session import GameSession, Seat


class HistoryView:
    """A game's history, read-only: `states[k]` is the state at the start of turn k + 1, `reports[k]` turn k + 1's
    report (tuples, so they cannot be appended to); what game.runner.analysis, the charts and the what-if read."""
    __slots__ = ("_h",)

    def __init__(self, history: History) -> None:
        self._h = history

    @property
    def states(self) -> tuple[State, ...]:
        return tuple(self._h.states)

    @property
    def reports(self) -> tuple[TurnReport, ...]:
        return tuple(self._h.reports)

    @property
    def current(self) -> State:
        return self._h.current

    def state_at(self, turn: int) -> State:
        """A copy of the state at the start of `turn` (1-based), to play on from."""
        return self._h.state_at(turn)


class SessionView:
    """`session.view`: the game being played, read-only."""
    __slots__ = ("_s",)

    def __init__(self, session: GameSession) -> None:
        self._s = session

    # -- the game ----------------------------------------------------------------------------------
    @property
    def history(self) -> HistoryView:
        return HistoryView(self._s.game.history)

    @property
    def scenario(self) -> Any:
        return self._s.game.scenario

    @property
    def state(self) -> State:
        """The state now (at the start of the turn being planned)."""
        return self._s.game.history.current

    @property
    def turn(self) -> int:
        return self.state.turn

    @property
    def over(self) -> bool:
        return self.state.over

    @property
    def played(self) -> int:
        """How many turns have been resolved."""
        return len(self._s.game.history.reports)

    @property
    def reports(self) -> tuple[TurnReport, ...]:
        return tuple(self._s.game.history.reports)

    @property
    def states(self) -> tuple[State, ...]:
        return tuple(self._s.game.history.states)

    def report(self, turn: int) -> TurnReport:
        """The report of turn `turn` (1-based); IndexError if it has not been resolved."""
        reports = self._s.game.history.reports
        if not 1 <= turn <= len(reports):
            raise IndexError(f"turn {turn} has not been resolved (1..{len(reports)})")
        return reports[turn - 1]

    @property
    def last_report(self) -> TurnReport | None:
        reports = self._s.game.history.reports
        return reports[-1] if reports else None

    def state_at(self, turn: int) -> State:
        """The state at the start of `turn` (1-based; turn played + 1 is now); IndexError outside the game."""
        states = self._s.game.history.states
        if not 1 <= turn <= len(states):
            raise IndexError(f"turn {turn} is not in this game (1..{len(states)})")
        return states[turn - 1]

    def state_after(self, turn: int) -> State:
        """The state at the end of `turn` (the start of the next one), or now if the game stopped there."""
        states = self._s.game.history.states
        return states[turn] if 0 <= turn < len(states) else self.state

    def history_for(self, nation: int) -> list[dict]:
        """Turn by turn, what `nation` played and where it stood after: {"turn", "orders" (engine Orders, as the
        report lists them), "score" (its National Interest at the end of the turn)} for each resolved turn."""
        from game.runner.duplicate import orders_of
        from game.sim.scoring import national_interest

        h, sc = self._s.game.history, self._s.game.scenario
        return [{"turn": int(r["turn"]), "orders": orders_of(sc, r, nation),
                 "score": float(national_interest(h.states[t + 1])[nation])} for t, r in enumerate(h.reports)]

    # -- the session -------------------------------------------------------------------------------
    @property
    def seats(self) -> Mapping[int, Seat]:
        return MappingProxyType(self._s.seats)

    @property
    def doctrines(self) -> dict[int, str]:
        """Nation index -> the doctrine of its seat (a human seat's is what plays for it when its time runs out)."""
        return {k: s.doctrine for k, s in self._s.seats.items()}

    @property
    def pending(self) -> tuple[Injection, ...]:
        return tuple(self._s.pending)

    @property
    def branches(self) -> tuple[dict, ...]:
        return tuple(self._s.branches)

    def planned(self, nation: int) -> bool:
        """Whether a human nation has ended planning this turn."""
        return nation in self._s.done

    @property
    def still_planning(self) -> tuple[int, ...]:
        """The human nations that have not ended planning this turn (none once the game is over)."""
        return () if self.over else tuple(k for k in self._s.humans if k not in self._s.done)

    # -- negotiation (game/app/negotiation.py; what a team sees is what it is party to) ------------------------
    def proposals(self, nation: int | None) -> tuple[Proposal, ...]:
        """This turn's proposals a nation is party to (None: all of them, for the facilitator)."""
        neg = self._s.negotiation
        neg.open_turn()
        return tuple(p for p in neg.this_turn() if nation is None or nation in p.deal.parties)

    def waiting_for(self, nation: int) -> tuple[Proposal, ...]:
        """This turn's proposals that wait for this nation's answer."""
        return tuple(self._s.negotiation.waiting_for(nation))

    def messages(self, nation: int | None) -> tuple[Message, ...]:
        """The messages a nation sent or received (None: all)."""
        return tuple(self._s.negotiation.messages_for(nation))

    def agreements(self, nation: int | None) -> tuple[Agreement, ...]:
        """The agreements binding this turn (signed now or running) that a nation may see: public ones and its own."""
        st = self._s.negotiation.planning_state()
        return tuple(a for a in st.agreements if a.signed <= st.turn <= a.until and
                     (nation is None or a.deal.public or nation in a.deal.parties))

    @property
    def negotiation_on(self) -> bool:
        return bool(self._s.scenario.negotiation.enabled)

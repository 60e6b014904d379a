"""A game's history: the state at the start of every turn and each turn's report, so any turn can be restored."""
from __future__ import annotations

from dataclasses import dataclass, field

from .contract import TurnReport
from .state import State


@dataclass
class History:
    states: list[State]                         # states[k] is the state at the start of turn k + 1
    reports: list[TurnReport] = field(default_factory=list)   # reports[k] is the report of turn k + 1

    @classmethod
    def start(cls, initial: State) -> History:
        return cls([initial])

    @property
    def current(self) -> State:
        return self.states[-1]

    def push(self, state: State, report: TurnReport) -> None:
        self.states.append(state)
        self.reports.append(report)

    def state_at(self, turn: int) -> State:
        """A copy of the state at the start of `turn` (1-based), to look at or to play on from."""
        if not 1 <= turn <= len(self.states):
            raise IndexError(f"turn {turn} is not in this history (1..{len(self.states)})")
        return self.states[turn - 1].copy()

    def rewind(self, turn: int) -> None:
        """Forget everything after the start of `turn`, so play continues from there."""
        self.state_at(turn)
        del self.states[turn:]
        del self.reports[turn - 1:]

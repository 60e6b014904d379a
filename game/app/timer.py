"""The planning timer: seconds of planning per turn, the clock counting down, and the policies that say what happens
to a team still planning when it runs out (the one place they are defined; saves name them, see TimerPolicy)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, get_args

from game.ai.registry import DOCTRINES
from game.content.savemodel import TimerPolicy
from game.sim.state import Order


@dataclass(frozen=True)
class Policy:
    words: str                                              # what the console says it does
    fill: Callable[[Any, int], tuple[list[Order], str]]     # (session, nation) -> (the plan submitted, what happened)


def _submit(session: Any, k: int) -> tuple[list[Order], str]:
    orders = session.legal_prefix(k)
    n = len(orders)
    return orders, (f"{session.nation_name(k)}: time ran out; its plan so far ({n} order{'s' if n != 1 else ''}) "
                    "was submitted.")


def _computer(session: Any, k: int) -> tuple[list[Order], str]:
    title = DOCTRINES[session.seats[k].doctrine].title
    return session.computer_plan(k), f"{session.nation_name(k)}: time ran out; a computer plan ({title}) filled in."


POLICIES: dict[str, Policy] = {
    "submit": Policy("the team's plan so far is submitted", _submit),
    "computer": Policy("a computer plan (the seat's doctrine) fills in", _computer),
}
if tuple(POLICIES) != get_args(TimerPolicy):     # a policy here that saves cannot hold, or one saves name but no code
    raise ImportError(f"timer policies {tuple(POLICIES)} differ from the save format's {get_args(TimerPolicy)}")
TIMER_POLICIES = {name: p.words for name, p in POLICIES.items()}    # name -> what it does, in words


def check_policy(policy: str) -> str:
    if policy not in POLICIES:
        raise ValueError(f"unknown timer policy '{policy}' (one of {', '.join(POLICIES)})")
    return policy


@dataclass
class PlanningTimer:
    """The clock of one game: `limit` seconds a turn (None: no timer), `left` of this turn, `fired` once it ran out."""
    limit: float | None = None
    policy: str = "submit"
    left: float | None = None
    fired: bool = False

    def set(self, seconds: float | None) -> None:
        if seconds is not None and seconds <= 0:
            raise ValueError("a timer needs a positive number of seconds")
        self.limit = float(seconds) if seconds else None
        self.restart()

    def restart(self) -> None:
        self.left = self.limit
        self.fired = False

    def add(self, seconds: float) -> None:
        if self.left is not None:
            self.left = max(0.0, self.left + seconds)
            self.fired = self.fired and self.left <= 0

    def count_down(self, dt: float) -> bool:
        """dt seconds pass; True once, when the clock reaches zero."""
        if self.left is None or self.fired:
            return False
        self.left = max(0.0, self.left - dt)
        if self.left <= 0.0:
            self.fired = True
            return True
        return False

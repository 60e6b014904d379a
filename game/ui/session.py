"""GameSession: one game being played in the UI - seats (human/computer), difficulty, plans in progress, turns, autosave."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.ai.registry import DOCTRINES, make
from game.content import saves
from game.runner.headless import AI, Game, turn_rng
from game.sim.orders import order_problems
from game.sim.state import Order, State

# difficulty -> multiplier of each doctrine's own score noise (easy: computer nations choose more carelessly)
DIFFICULTY = {"easy": 3.0, "normal": 1.0, "hard": 0.3}


@dataclass
class Seat:
    human: bool
    doctrine: str

    def to_dict(self) -> dict:
        return {"human": self.human, "doctrine": self.doctrine}


class GameSession:
    """Wraps game.runner.headless.Game: collects each human nation's orders, resolves turns, autosaves."""

    def __init__(self, game: Game, scenario_path: Path, seats: dict[int, Seat], difficulty: str = "normal",
                 autosave: bool = True) -> None:
        if difficulty not in DIFFICULTY:
            raise ValueError(f"unknown difficulty '{difficulty}' (one of {', '.join(DIFFICULTY)})")
        self.game = game
        self.scenario_path = Path(scenario_path)
        self.seats = seats
        self.difficulty = difficulty
        self.autosave_enabled = autosave
        self.plans: dict[int, list[Order]] = {}   # drafts of this turn, never saved
        self.done: set[int] = set()                # human nations that ended planning this turn
        self.last_save_error: str | None = None

    # -- creating ----------------------------------------------------------------------------------
    @classmethod
    def new(cls, scenario_path: str | Path, scenario: Any, seed: int, seats: dict[int, Seat],
            difficulty: str = "normal", autosave: bool = True) -> "GameSession":
        for k, s in seats.items():
            if s.doctrine not in DOCTRINES:
                raise ValueError(f"unknown doctrine '{s.doctrine}'")
        overrides = {scenario.nations[k].id: s.doctrine for k, s in seats.items() if not s.human}
        game = Game.new(scenario, int(seed), overrides)
        sess = cls(game, Path(scenario_path), dict(seats), difficulty, autosave)
        sess.autosave()
        return sess

    @classmethod
    def from_restored(cls, r: saves.Restored, autosave: bool = True) -> "GameSession":
        sc = r.scenario
        seats = {sc.nation_index(nid): Seat(bool(s["human"]), str(s["doctrine"])) for nid, s in r.seats.items()}
        doctrines = {k: (s.doctrine if s.doctrine in DOCTRINES else sc.nations[k].doctrine) for k, s in seats.items()}
        game = Game(sc, r.seed, doctrines, r.history)
        return cls(game, r.scenario_path, seats, r.difficulty if r.difficulty in DIFFICULTY else "normal", autosave)

    @classmethod
    def load(cls, path: Path, autosave: bool = True) -> "GameSession":
        """Raises saves.SaveError with a one-line message if the file is damaged or its scenario changed."""
        return cls.from_restored(saves.load_save(path), autosave)

    # -- reading -------------------------------------------------------------------------------
    @property
    def scenario(self):
        return self.game.scenario

    @property
    def state(self) -> State:
        return self.game.state

    @property
    def seed(self) -> int:
        return self.game.seed

    @property
    def turn(self) -> int:
        return self.state.turn

    @property
    def over(self) -> bool:
        return self.state.over

    @property
    def humans(self) -> list[int]:
        return sorted(k for k, s in self.seats.items() if s.human)

    @property
    def last_report(self) -> dict | None:
        return self.game.history.reports[-1] if self.game.history.reports else None

    def nation_name(self, k: int) -> str:
        return self.scenario.nations[k].name

    def seat_label(self, k: int) -> str:
        s = self.seats[k]
        return "Human" if s.human else f"Computer: {DOCTRINES[s.doctrine].title}"

    # -- planning -------------------------------------------------------------------------------
    def plan(self, nation: int) -> list[Order]:
        return self.plans.setdefault(nation, [])

    def set_plan(self, nation: int, orders: list[Order]) -> None:
        self.plans[nation] = list(orders)

    def problems(self, nation: int) -> list[str]:
        return order_problems(self.state, nation, self.plan(nation))

    def finish_planning(self, nation: int) -> list[str]:
        """Mark the nation's plan as final; returns the problems instead if it is not legal."""
        errs = self.problems(nation)
        if not errs:
            self.done.add(nation)
        return errs

    def next_planner(self) -> int | None:
        """The next human nation that has not ended planning this turn (None when all have)."""
        if self.over:
            return None
        return next((k for k in self.humans if k not in self.done), None)

    # -- resolving ------------------------------------------------------------------------------
    def computer_orders(self) -> dict[int, list[Order]]:
        """The computer seats' orders; the same generators as Game.computer_orders, with difficulty noise."""
        st, factor = self.state, DIFFICULTY[self.difficulty]
        out = {}
        for k, seat in sorted(self.seats.items()):
            if seat.human:
                continue
            d = make(seat.doctrine, k)
            d.noise = type(d).noise * factor
            out[k] = d.plan(st, turn_rng(self.seed, st.turn, AI, k))
        return out

    def resolve(self) -> dict:
        """Resolve the turn with every human plan and the computer seats' orders; then autosave."""
        if self.over:
            raise ValueError("the game is over")
        orders = self.computer_orders()
        for k in self.humans:
            orders[k] = list(self.plans.get(k, []))
        report = self.game.step(orders)
        self.plans.clear()
        self.done.clear()
        self.autosave()
        return report

    # -- saving ---------------------------------------------------------------------------------
    def to_save(self, name: str) -> dict:
        sc = self.scenario
        return saves.make_save(name=name, scenario_path=self.scenario_path, scenario=sc, seed=self.seed,
                               seats={sc.nations[k].id: s.to_dict() for k, s in sorted(self.seats.items())},
                               difficulty=self.difficulty, history=self.game.history)

    def autosave(self) -> None:
        """Autosave after every turn; a failure is remembered (shown by the UI), never raised mid-game."""
        if not self.autosave_enabled:
            return
        try:
            saves.autosave(self.to_save(f"{self.scenario.name}, turn {self.turn}"))
            self.last_save_error = None
        except saves.SaveError as exc:
            self.last_save_error = str(exc)

    def save_as(self, name: str) -> Path:
        return saves.save_named(self.to_save(name))

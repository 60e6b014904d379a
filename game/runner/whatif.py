"""What else could have happened: a game played on from a chosen turn by computer nations over many seeds.

The restored state at the start of the chosen turn is played to the end `runs` times, each with its own derived
seed (batch.game_seed), every nation played by a computer doctrine. The result is a stability fan (percentile
bands over the whole game, the class's own values before the chosen turn) and the rate of each outcome.
Deterministic: the same history, turn, runs and seed give the same numbers. `WhatIfRun` does the work in small
steps so a screen can stay responsive; `what_if` does it all at once.
"""
from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from game.ai.registry import DOCTRINES
from game.runner.batch import game_seed
from game.runner.headless import Game
from game.sim.history import History
from game.sim.readings import standing
from game.sim.scoring import OUTCOMES

PERCENTILES = (5, 25, 50, 75, 95)
FALLBACK = "reciprocator"


def fast_doctrines(scenario, doctrines: Mapping[int, str]) -> dict[int, str]:
    """Every nation's doctrine for the what-if: its seat's, except that look-ahead planners (about 20 times
    slower) are stood in for by the scenario's doctrine for that nation (or a reciprocator)."""
    out = {}
    for k, nd in enumerate(scenario.nations):
        name = doctrines.get(k, nd.doctrine)
        for cand in (name, nd.doctrine, FALLBACK):
            cls = DOCTRINES.get(cand)
            if cls is not None and not getattr(cls, "lookahead", False):
                out[k] = cand
                break
    return out


def turns_to_branch(history: History) -> list[int]:
    """The turns a what-if can start from: the start of every turn whose state is not over."""
    return [k + 1 for k, st in enumerate(history.states) if not st.over]


@dataclass
class WhatIf:
    from_turn: int
    runs: int
    seed: int
    doctrines: dict[int, str]
    stability: list[list[float]] = field(default_factory=list)   # per run: index k = after turn k (0 = start)
    outcomes: list[str] = field(default_factory=list)
    final_ni: list[list[float]] = field(default_factory=list)    # per run, per nation

    @property
    def done(self) -> int:
        return len(self.outcomes)

    def bands(self) -> list[list[float]]:
        """[p5, p25, p50, p75, p95], each a list over index 0..turns."""
        if not self.stability:
            return [[] for _ in PERCENTILES]
        arr = np.array(self.stability, dtype=float)
        return [[round(float(x), 3) for x in row] for row in np.percentile(arr, PERCENTILES, axis=0)]

    def rates(self) -> dict[str, float]:
        n = max(1, len(self.outcomes))
        return {o: self.outcomes.count(o) / n for o in OUTCOMES}

    def median_ni(self) -> list[float]:
        if not self.final_ni:
            return []
        return [round(float(x), 2) for x in np.median(np.array(self.final_ni), axis=0)]

    def to_dict(self) -> dict:
        return {"from_turn": self.from_turn, "runs": self.runs, "seed": self.seed, "done": self.done,
                "rates": self.rates(), "bands": self.bands(), "median_ni": self.median_ni()}


class WhatIfRun:
    """Plays the what-if games a few turns at a time: call step(seconds) until it returns True."""

    def __init__(self, history: History, doctrines: Mapping[int, str], from_turn: int, runs: int = 40,
                 seed: int = 1) -> None:
        sc = history.states[0].scenario
        if from_turn not in turns_to_branch(history):
            raise ValueError(f"turn {from_turn} cannot be played on (choose one of {turns_to_branch(history)})")
        self.scenario = sc
        self.history = history
        self.result = WhatIf(from_turn, int(runs), int(seed), fast_doctrines(sc, doctrines))
        # the class's own values before the branch: indices 0 .. from_turn - 2 (the branch state is index from_turn-1)
        self.prefix = [float(st.v["stability"]) for st in history.states[: from_turn - 1]]
        self.length = sc.turns + 1
        self.game: Game | None = None

    @property
    def finished(self) -> bool:
        return self.result.done >= self.result.runs

    @property
    def progress(self) -> float:
        r = self.result
        part = 0.0
        if self.game is not None:
            part = len(self.game.history.reports) / max(1, self.scenario.turns - r.from_turn + 1)
        return min(1.0, (r.done + part) / max(1, r.runs))

    def _start(self) -> Game:
        r = self.result
        start = self.history.states[r.from_turn - 1].copy()
        g = Game(self.scenario, game_seed(r.seed, r.done), dict(r.doctrines), History.start(start))
        g.lean = True
        return g

    def _finish(self, g: Game) -> None:
        vals = self.prefix + [float(st.v["stability"]) for st in g.history.states]
        vals = vals[: self.length]
        vals += [vals[-1]] * (self.length - len(vals))      # a game that collapsed early stays where it ended
        r = self.result
        r.stability.append([round(v, 3) for v in vals])
        r.outcomes.append(standing(g.state))
        from game.sim.scoring import national_interest

        r.final_ni.append([round(float(x), 3) for x in national_interest(g.state)])

    def step(self, seconds: float = 0.02) -> bool:
        """Play turns for about `seconds`; True when every run is done."""
        t0 = time.perf_counter()
        while not self.finished:
            if self.game is None:
                self.game = self._start()
            g = self.game
            if g.state.over:
                self._finish(g)
                self.game = None
                continue
            g.step()
            if time.perf_counter() - t0 >= seconds:
                break
        return self.finished


def what_if(history: History, doctrines: Mapping[int, str], from_turn: int = 1, runs: int = 40, seed: int = 1) -> WhatIf:
    """All runs at once (the command line and the HTML report)."""
    run = WhatIfRun(history, doctrines, from_turn, runs, seed)
    while not run.step(10.0):
        pass
    return run.result

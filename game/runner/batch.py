"""Batch Monte Carlo: many seeded games of one scenario, on local worker processes or a Dask cluster.

Game k of a batch with seed S always uses the same derived seed, so results do not depend on how many
workers play them or in which order they finish.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from game.content.loader import load_scenario
from game.runner.headless import Game
from game.sim.agreements import tally
from game.sim.defs import Scenario
from game.sim.readings import standing


def game_seed(seed: int, k: int) -> int:
    return int(np.random.SeedSequence([int(seed), int(k)]).generate_state(1)[0])


@lru_cache(maxsize=8)
def _scenario(path: str) -> Scenario:
    return load_scenario(path)


@dataclass(frozen=True)
class Job:
    path: str
    index: int
    seed: int
    overrides: tuple[tuple[str, str], ...] = ()
    turns: int | None = None
    explain: bool = False           # keep the why-ledger and reduce it to game/runner/explain.py's counts


def play_game(job: Job) -> Game:
    """One batch game played to its end (or `job.turns`), without a why-ledger (unless explained): what every batch
    measure reads."""
    g = Game.new(_scenario(job.path), game_seed(job.seed, job.index), dict(job.overrides))
    g.lean = not job.explain
    g.play(job.turns)
    return g


def play_one(job: Job) -> dict:
    """One game, reduced to plain numbers: per-turn series and the end."""
    sc = _scenario(job.path)
    g = play_game(job)
    ids = sc.nation_ids
    turns = []
    events: dict[str, int] = {}
    for r in g.history.reports:
        s = r["summary"]
        turns.append({"turn": r["turn"], "stability": s["stability"], "escalation": s["escalation"], "trade": s["trade"],
                      "ni": [s["national_interest"][i] for i in ids]})
        for ev in r["events"]:
            events[ev["id"]] = events.get(ev["id"], 0) + 1
    last = turns[-1] if turns else {"stability": 0.0, "escalation": 0, "trade": 0.0, "ni": [0.0] * len(ids)}
    why = {}
    if job.explain:
        from game.runner.explain import explain_game

        why = {"explain": explain_game(g)}
    return {"game": job.index, "seed": game_seed(job.seed, job.index), "outcome": standing(g.state),
            "turns": len(turns), "stability": last["stability"], "escalation": last["escalation"], "trade": last["trade"],
            "ni": last["ni"], "events": events, "series": turns, "doctrines": [g.doctrines.get(k, "") for k in range(sc.n)],
            "free_rider": free_rider_index(g).tolist(), "contributions": _contributions(g),
            "promises": _promises(g), **why}


def _promises(g: Game) -> list[list[int]]:
    """Per seat: agreements it signed, kept its word in to their end, and broke (game/sim/agreements.py, tally)."""
    rows = tally(g.history.reports)
    return [[rows.get(nid, {}).get(k, 0) for k in ("made", "kept", "broken")] for nid in g.scenario.nation_ids]


def promises_by_doctrine(games: list[dict]) -> dict[str, list[int]]:
    """Doctrine -> [agreements made, kept, broken] over these games' seats (a game of before negotiation: none)."""
    out: dict[str, list[int]] = {}
    for g in games:
        for d, row in zip(g["doctrines"], g.get("promises", [])):
            acc = out.setdefault(d, [0, 0, 0])
            for k in range(3):
                acc[k] += row[k]
    return out


def promises_text(games: list[dict]) -> str:
    """The table batch and tournament print: agreements made, kept and broken per doctrine (made = kept + broken +
    still running at the game's end; kept: its word held, also where another party broke the agreement)."""
    rows = promises_by_doctrine(games)
    if not any(sum(r) for r in rows.values()):
        return ""
    lines = ["", f"agreements per game {'made':>8} {'kept':>6} {'broken':>7}"]
    n = max(1, len(games))
    for d, (made, kept, broken) in sorted(rows.items(), key=lambda x: -x[1][0]):
        lines.append(f"  {d:17s} {made / n:8.2f} {kept / n:6.2f} {broken / n:7.2f}")
    return "\n".join(lines) + "\n"


def free_rider_index(g: Game) -> np.ndarray:
    """Per nation, 0 (carried its share) to 1 (gave nothing): its contributions to its organizations against
    what they expected over the turns played; a nation in no organization is judged by the share of its
    action points it spent on cooperative actions."""
    sc, v = g.scenario, g.state.v
    turns = max(1, len(g.history.reports))
    out = np.zeros(sc.n)
    coop = np.zeros(sc.n)
    spent = np.zeros(sc.n)
    for r in g.history.reports:
        for nid, orders in r["orders"].items():
            k = sc.nation_index(nid)
            for o in orders:
                a = sc.action(o["action"])
                spent[k] += a.ap
                coop[k] += a.ap if a.category == "cooperative" else 0
    for k in range(sc.n):
        owed = [(o, od.expected * turns) for o, od in enumerate(sc.orgs) if k in od.members and od.expected > 0]
        if owed:
            out[k] = float(np.mean([1.0 - min(1.0, v["contribution"][o, k] / due) for o, due in owed]))
        else:
            out[k] = 1.0 - (coop[k] / spent[k] if spent[k] else 0.0)
    return out


def _contributions(g: Game) -> dict[str, dict[str, float]]:
    """Each organization's total contributions per member over the game (burden-sharing)."""
    sc, v = g.scenario, g.state.v
    return {o.id: {sc.nations[m].id: round(float(v["contribution"][k, m]), 3) for m in o.members}
            for k, o in enumerate(sc.orgs)}


@dataclass
class BatchResult:
    scenario: Scenario
    seed: int
    runs: int
    games: list[dict] = field(default_factory=list)
    interrupted: bool = False

    def sorted(self) -> list[dict]:
        return sorted(self.games, key=lambda g: g["game"])


def run_batch(path: str, runs: int, seed: int, workers: int = 1, overrides: Mapping[str, str] | None = None,
              turns: int | None = None, progress: Callable[[int], None] | None = None,
              scheduler: str | None = None, explain: bool = False) -> BatchResult:
    """Play `runs` games (explain: with the ledger, each reduced to why-counts); on Ctrl-C stop and return what
    finished, flagged interrupted."""
    jobs = [Job(path, k, seed, tuple(sorted((overrides or {}).items())), turns, explain) for k in range(runs)]
    return run_jobs(path, jobs, seed, workers, progress, scheduler)


def run_jobs(path: str, jobs: list[Job], seed: int, workers: int = 1, progress: Callable[[int], None] | None = None,
             scheduler: str | None = None) -> BatchResult:
    """Play the given games on `workers` local processes (or a Dask cluster); Ctrl-C keeps what finished."""
    sc = _scenario(path)
    runs = len(jobs)
    res = BatchResult(sc, seed, runs)
    step = progress or (lambda _n: None)
    try:
        if scheduler:
            _run_dask(scheduler, jobs, res, step)
        elif workers <= 1:
            for j in jobs:
                res.games.append(play_one(j))
                step(1)
        else:
            _run_local(workers, jobs, res, step)
    except KeyboardInterrupt:
        res.interrupted = True
    return res


def play_chunk(jobs: list[Job]) -> list[dict]:
    """Several games in one task: a Dask task costs about as much as a game to schedule, so games travel in chunks."""
    return [play_one(j) for j in jobs]


def _run_local(workers: int, jobs: list[Job], res: BatchResult, step: Callable[[int], None]) -> None:
    """Chunks of games on local worker processes (game/runner/pool.py), kept as each chunk finishes."""
    from concurrent.futures import as_completed

    from game.runner.pool import workers as pool_of

    with pool_of(workers) as pool:
        for fut in as_completed([pool.submit(play_chunk, c) for c in chunks(jobs, workers)]):
            games = fut.result()
            res.games.extend(games)
            step(len(games))


def chunks(jobs: list[Job], workers: int) -> list[list[Job]]:
    """Jobs cut into chunks: about eight per worker (so a slow chunk does not leave the others idle at the end), at
    most 32 games each (progress still moves), at least one."""
    size = max(1, min(32, len(jobs) // (max(1, workers) * 8) or 1))
    return [jobs[k:k + size] for k in range(0, len(jobs), size)]


def _run_dask(address: str, jobs: list[Job], res: BatchResult, step: Callable[[int], None]) -> None:
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        raise RuntimeError("--scheduler needs the cluster extra: pip install '.[cluster]'") from None
    with Client(address) as client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        futures = client.map(play_chunk, chunks(jobs, workers), pure=False)
        try:
            for fut in as_completed(futures):
                games = fut.result()
                res.games.extend(games)
                step(len(games))
        except KeyboardInterrupt:
            client.cancel(futures)
            raise

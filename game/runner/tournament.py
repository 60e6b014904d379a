"""Doctrine tournaments (Axelrod-style round robin): every doctrine in every seat against random mixes of the others,
ranked by mean seat-relative score (National Interest minus the seat's par) with a 95 % confidence interval."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.ai.registry import DOCTRINES

from .batch import BatchResult, Job, _scenario, run_jobs
from .par import par_table, vs_par


def tournament_jobs(path: str, runs: int, seed: int, doctrines: list[str], turns: int | None = None) -> list[Job]:
    """For each seat and each doctrine, `runs` games in which that seat plays that doctrine and every other
    seat plays a doctrine drawn at random (seeded), so each doctrine meets every mix of opponents."""
    sc = _scenario(path)
    rng = np.random.default_rng([int(seed), 7])
    jobs = []
    k = 0
    for seat in range(sc.n):
        for d in doctrines:
            for _ in range(runs):
                mix = {sc.nations[s].id: (d if s == seat else doctrines[int(rng.integers(len(doctrines)))])
                       for s in range(sc.n)}
                jobs.append(Job(path, k, seed, tuple(sorted(mix.items())), turns))
                k += 1
    return jobs


@dataclass
class Standing:
    doctrine: str
    games: int           # seat-games played
    score: float         # mean seat-relative score: National Interest minus the seat's par (the ranking)
    ci: float            # half-width of its 95 % confidence interval (1.96 standard errors over seat-games)
    ni: float            # mean National Interest
    ni_vs_seat: float    # mean National Interest above the seat's average in this tournament
    wins: float          # share of games it won (secondary): its seats had the best average seat-relative score
    secure: float        # collective outcome rates of the games it played in
    fragile: float
    conflict: float
    free_rider: float    # mean free-rider index (0 carries its share, 1 gives nothing)


def standings(res: BatchResult, doctrines: list[str], par: np.ndarray | None = None) -> list[Standing]:
    """One row per doctrine, best mean seat-relative score first. `par`: the scenario's par table (turns + 1, seats;
    each game is measured against the par of the turn it ended at), or one par per seat; None: the seats' means in
    this tournament stand in for it."""
    games = res.sorted()
    sc = res.scenario
    if not games:
        return []
    ni = np.array([g["ni"] for g in games], dtype=float)              # (games, seats)
    seat_mean = ni.mean(axis=0)
    vs_seat = ni - seat_mean
    if par is None:
        rel = vs_seat
    elif np.ndim(par) == 1:
        rel = ni - np.asarray(par, dtype=float)
    else:
        rel = np.array([vs_par(ni[i], par, g["turns"]) for i, g in enumerate(games)])
    doc = np.array([g["doctrines"] for g in games])                     # (games, seats)
    fri = np.array([g["free_rider"] for g in games], dtype=float)
    # a game's winner is a doctrine: the one whose seats did best on average relative to their seats (a doctrine
    # drawn into several seats of one game gets one chance to win it, not several)
    winners = []
    for i in range(len(games)):
        present = sorted(set(doc[i]))
        means = [float(rel[i][doc[i] == d].mean()) for d in present]
        winners.append(present[int(np.argmax(means))])
    out = []
    for d in doctrines:
        mask = doc == d
        if not mask.any():
            continue
        played = mask.any(axis=1)
        outs = [g["outcome"] for g, p in zip(games, played) if p]
        vals = rel[mask]
        ci = 1.96 * float(vals.std(ddof=1)) / np.sqrt(len(vals)) if len(vals) > 1 else float("inf")
        out.append(Standing(d, int(mask.sum()), float(vals.mean()), ci, float(ni[mask].mean()),
                            float(vs_seat[mask].mean()), winners.count(d) / len(games),
                            outs.count("secure") / len(outs), outs.count("fragile") / len(outs),
                            outs.count("conflict") / len(outs), float(fri[mask].mean())))
    del sc
    return sorted(out, key=lambda s: -s.score)


def table(rows: list[Standing]) -> str:
    head = (f"{'rank':>4}  {'doctrine':14s} {'score':>7} {'95% CI':>15} {'NI':>6} {'wins':>6} {'secure':>7} "
            f"{'fragile':>8} {'conflict':>9} {'free-rider':>11}")
    lines = [head]
    for k, s in enumerate(rows, 1):
        ci = f"[{s.score - s.ci:+.2f}, {s.score + s.ci:+.2f}]"
        lines.append(f"{k:>4}  {s.doctrine:14s} {s.score:+7.2f} {ci:>15} {s.ni:6.2f} {100 * s.wins:5.1f}% "
                     f"{100 * s.secure:6.1f}% {100 * s.fragile:7.1f}% {100 * s.conflict:8.1f}% {s.free_rider:11.2f}")
    return "\n".join(lines)


def run_tournament(path: str, runs: int, seed: int, workers: int = 1, doctrines: list[str] | None = None,
                   turns: int | None = None, progress=None, scheduler: str | None = None,
                   par: np.ndarray | None = None) -> tuple[BatchResult, list[Standing]]:
    """Play the round robin and rank it by seat-relative score against the scenario's par table (par.py) unless
    another par is given."""
    names = doctrines or [d for d in DOCTRINES if not getattr(DOCTRINES[d], "lookahead", False)]
    if par is None:
        par = par_table(_scenario(path))
    res = run_jobs(path, tournament_jobs(path, runs, seed, names, turns), seed, workers, progress, scheduler)
    return res, standings(res, names, par)

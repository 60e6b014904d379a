"""Doctrine tournaments (Axelrod-style round robin): every doctrine in every seat, against random mixes of the others."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.ai.registry import DOCTRINES

from .batch import BatchResult, Job, _scenario, run_jobs


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
    ni: float            # mean National Interest
    ni_vs_seat: float    # mean National Interest above the seat's average (seats differ in strength)
    wins: float          # share of games it won: its seats had the best average score relative to their seats
    secure: float        # collective outcome rates of the games it played in
    fragile: float
    conflict: float
    free_rider: float    # mean free-rider index (0 carries its share, 1 gives nothing)


def standings(res: BatchResult, doctrines: list[str]) -> list[Standing]:
    games = res.sorted()
    sc = res.scenario
    if not games:
        return []
    ni = np.array([g["ni"] for g in games], dtype=float)              # (games, seats)
    seat_mean = ni.mean(axis=0)
    rel = ni - seat_mean
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
        out.append(Standing(d, int(mask.sum()), float(ni[mask].mean()), float(rel[mask].mean()),
                            winners.count(d) / len(games),
                            outs.count("secure") / len(outs), outs.count("fragile") / len(outs),
                            outs.count("conflict") / len(outs), float(fri[mask].mean())))
    del sc
    return sorted(out, key=lambda s: -s.ni_vs_seat)


def table(rows: list[Standing]) -> str:
    head = f"{'rank':>4}  {'doctrine':14s} {'NI':>6} {'vs seat':>8} {'wins':>6} {'secure':>7} {'fragile':>8} {'conflict':>9} {'free-rider':>11}"
    lines = [head]
    for k, s in enumerate(rows, 1):
        lines.append(f"{k:>4}  {s.doctrine:14s} {s.ni:6.2f} {s.ni_vs_seat:+8.2f} {100 * s.wins:5.1f}% {100 * s.secure:6.1f}% "
                     f"{100 * s.fragile:7.1f}% {100 * s.conflict:8.1f}% {s.free_rider:11.2f}")
    return "\n".join(lines)


def run_tournament(path: str, runs: int, seed: int, workers: int = 1, doctrines: list[str] | None = None,
                   turns: int | None = None, progress=None, scheduler: str | None = None) -> tuple[BatchResult, list[Standing]]:
    names = doctrines or [d for d in DOCTRINES if not getattr(DOCTRINES[d], "lookahead", False)]
    res = run_jobs(path, tournament_jobs(path, runs, seed, names, turns), seed, workers, progress, scheduler)
    return res, standings(res, names)

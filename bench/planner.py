"""Strategist speed: time per decision (one nation's plan for one turn) at each difficulty, on every shipped scenario.

Every nation of a seeded game plans with the strategist at every turn of the game; the game itself moves on with the
scenario's own doctrines, so each difficulty is timed on the same states. CPU time (time.process_time), so the load of
a shared machine moves it less. Targets: every p95 within 50 ms (issue 6); hard on meridian within 30 ms (issue 10).

Usage: .venv/bin/python bench/planner.py [--games 2] [SCENARIO ...]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.ai.registry import DIFFICULTY, DOCTRINES
from game.content.loader import load_scenario, scenario_files
from game.runner.headless import Game


def decision_times(path: Path, games: int) -> dict[str, np.ndarray]:
    sc = load_scenario(path)
    times: dict[str, list[float]] = {d: [] for d in DIFFICULTY}
    for seed in range(games):
        g = Game.new(sc, 1000 + seed)
        g.lean = True
        while not g.state.over:
            st = g.state
            for difficulty, name in DIFFICULTY.items():
                for k in range(sc.n):
                    planner = DOCTRINES[name](k)
                    t0 = time.process_time()
                    planner.plan(st, np.random.default_rng([seed, st.turn, k]))
                    times[difficulty].append(time.process_time() - t0)
            g.step()
    return {d: np.array(t) * 1000.0 for d, t in times.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--games", type=int, default=2)
    ap.add_argument("scenarios", nargs="*")
    a = ap.parse_args()
    paths = [Path(p) for p in a.scenarios] or scenario_files()
    print(f"{'scenario':22s} {'difficulty':10s} {'depth':>5} {'decisions':>9} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}")
    worst, hard_meridian = 0.0, None
    for p in paths:
        for difficulty, t in decision_times(p, a.games).items():
            depth = DOCTRINES[DIFFICULTY[difficulty]].depth
            worst = max(worst, float(np.percentile(t, 95)))
            if p.stem == "meridian" and difficulty == "hard":
                hard_meridian = float(np.percentile(t, 95))
            print(f"{p.name:22s} {difficulty:10s} {depth:5d} {len(t):9d} {np.median(t):10.1f} "
                  f"{np.percentile(t, 95):8.1f} {t.max():8.1f}")
    print(f"\nworst p95: {worst:.1f} ms per decision (target <= 50 ms)")
    if hard_meridian is not None:
        print(f"hard on meridian, p95: {hard_meridian:.1f} ms per decision (target <= 30 ms)")
    print(f"reproduce: .venv/bin/python bench/planner.py --games {a.games} {' '.join(a.scenarios)}".rstrip())


if __name__ == "__main__":
    main()

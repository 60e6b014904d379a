"""Batch speed: games per second of the default scenario on 1 and 2 workers, parallel efficiency, and the time
for 1,000 20-turn games."""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.content.loader import default_scenario
from game.runner.batch import run_batch


def rate(runs: int, workers: int) -> tuple[float, float]:
    t0 = time.perf_counter()
    res = run_batch(str(default_scenario()), runs, seed=1, workers=workers)
    dt = time.perf_counter() - t0
    assert len(res.games) == runs
    return runs / dt, dt


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    g1, t1 = rate(runs, 1)
    g2, t2 = rate(runs, 2)
    print(f"default scenario, {runs} games of 20 turns")
    print(f"1 worker : {g1:7.1f} games/s  ({t1:.2f} s)")
    print(f"2 workers: {g2:7.1f} games/s  ({t2:.2f} s)   target: 1,000 games in <= 15 s")
    print(f"parallel efficiency: {100 * g2 / (2 * g1):.0f}%   target >= 80%")
    print("reproduce: .venv/bin/python bench/batch.py [RUNS]")


if __name__ == "__main__":
    main()

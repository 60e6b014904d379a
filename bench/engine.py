"""Engine speed: median time of one turn (every computer nation plans, then the turn resolves) for 8 and 30
nations, a whole 20-turn 8-nation game, and the peak memory of such a game with its full history."""
from __future__ import annotations

import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic  # noqa: E402

from game.runner.headless import Game  # noqa: E402


def turn_times(n: int, games: int) -> list[float]:
    sc = synthetic(n)
    times = []
    for seed in range(games):
        g = Game.new(sc, seed)
        while not g.state.over:
            t0 = time.perf_counter()
            g.step()
            times.append(time.perf_counter() - t0)
    return times


def game_times(n: int, games: int) -> list[float]:
    sc = synthetic(n)
    out = []
    for seed in range(games):
        t0 = time.perf_counter()
        Game.new(sc, 100 + seed).play()
        out.append(time.perf_counter() - t0)
    return out


def peak_memory(n: int) -> float:
    sc = synthetic(n)
    tracemalloc.start()
    g = Game.new(sc, 1)
    g.play()
    g.to_dict()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def main() -> None:
    quick = "--quick" in sys.argv
    k = 2 if quick else 10
    t8 = turn_times(8, k)
    t30 = turn_times(30, max(1, k // 3))
    g8 = game_times(8, k)
    mem = peak_memory(8)
    print(f"one turn,  8 nations: median {statistics.median(t8) * 1e3:7.3f} ms  (p95 {sorted(t8)[int(len(t8) * .95)] * 1e3:.3f} ms, {len(t8)} turns)   target <= 2 ms")
    print(f"one turn, 30 nations: median {statistics.median(t30) * 1e3:7.3f} ms  (p95 {sorted(t30)[int(len(t30) * .95)] * 1e3:.3f} ms, {len(t30)} turns)   target <= 20 ms")
    print(f"20-turn game, 8 nations: median {statistics.median(g8) * 1e3:7.2f} ms ({len(g8)} games)")
    print(f"peak memory, 20-turn 8-nation game with full history and JSON-ready dict: {mem:.1f} MB   target <= 100 MB")
    print("reproduce: .venv/bin/python bench/engine.py")


if __name__ == "__main__":
    main()

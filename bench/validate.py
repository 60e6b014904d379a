"""Validation speed: full validation of the largest shipped scenario against a bare CSafeLoader parse of it."""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.content.loader import load_catalog, load_scenario, scenario_files  # noqa: E402


def best_median(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    files = [p for p in scenario_files()]
    largest = max(files, key=lambda p: p.stat().st_size)
    text = largest.read_text(encoding="utf-8")
    load_catalog()  # the base catalog is parsed once per process, like in the game
    load_scenario(largest)
    bare = best_median(lambda: yaml.load(text, Loader=yaml.CSafeLoader), 200)
    full = best_median(lambda: load_scenario(largest), 200)
    print(f"largest shipped scenario: {largest.name} ({largest.stat().st_size} bytes)")
    print(f"bare yaml.load (CSafeLoader): {bare * 1e3:.3f} ms")
    print(f"validate (safe load + types + meaning + engine definitions): {full * 1e3:.3f} ms")
    print(f"ratio: {full / bare:.2f}x   target <= 3x")
    print("reproduce: .venv/bin/python bench/validate.py")


if __name__ == "__main__":
    main()

"""What Planner.polish buys: the strategist in each seat in turn, with polish and without, on the same game seeds.

Usage: .venv/bin/python tools/polish.py SCENARIO [--rounds 6] [--polish 1] [--seed 4242] [--doctrine planner]

The other seats play the scenario's doctrines. Per seat and round one game with `--polish` rounds and one without,
at the same seed; prints the mean difference of the strategist's final National Interest in its seat with a 95 %
interval (games diverge after the first different order, so the pairs are noisy), and the CPU of each side.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.ai.planner import Planner  # noqa: E402
from game.content.loader import load_scenario  # noqa: E402
from game.data import scenario_path  # noqa: E402
from game.runner.batch import Job, play_one  # noqa: E402


def compare(path: Path, rounds: int, polish: int, seed: int, doctrine: str = "planner") -> dict:
    """Per seat and round: (NI with polish, NI without), and the CPU seconds of each side."""
    sc = load_scenario(path)
    ni: dict[str, list[float]] = {"without": [], "with": []}
    cpu = {"without": 0.0, "with": 0.0}
    shipped = Planner.polish
    try:
        for s, nid in enumerate(sc.nation_ids):
            for r in range(rounds):
                for side, p in (("without", 0), ("with", polish)):
                    Planner.polish = p
                    t = time.process_time()
                    g = play_one(Job(str(path), 900_000 + s * 100 + r, seed, ((nid, doctrine),)))
                    cpu[side] += time.process_time() - t
                    ni[side].append(float(g["ni"][s]))
    finally:
        Planner.polish = shipped
    d = np.array(ni["with"]) - np.array(ni["without"])
    return {"games": len(d), "diff": float(d.mean()), "ci": float(1.96 * d.std(ddof=1) / np.sqrt(len(d))) if len(d) > 1
            else float("nan"), "cpu": cpu, **ni}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario")
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--polish", type=int, default=1)
    ap.add_argument("--seed", type=int, default=4242)
    ap.add_argument("--doctrine", default="planner", help="the strategist's difficulty: planner, planner_hard, ...")
    a = ap.parse_args(argv)
    path = scenario_path(a.scenario) or sys.exit(f"error: no such scenario: {a.scenario}")
    m = compare(path, a.rounds, a.polish, a.seed, a.doctrine)
    print(f"{path.name}, {a.doctrine}: polish {a.polish} minus none {m['diff']:+.2f} ± {m['ci']:.2f} National Interest "
          f"in its seat ({m['games']} games); CPU {m['cpu']['without']:.0f} s without, {m['cpu']['with']:.0f} s with")
    print(f"reproduce: .venv/bin/python tools/polish.py {path.stem} --rounds {a.rounds} --polish {a.polish} "
          f"--seed {a.seed} --doctrine {a.doctrine}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

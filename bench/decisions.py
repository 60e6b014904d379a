"""Every nation's strategist decision (plan and line value) at every turn of one seeded game per shipped scenario, saved
or compared exactly: the check that an engine or planner speed-up plays bit for bit as before (docs/performance.md).

Usage: .venv/bin/python bench/decisions.py save FILE [SCENARIO ...]      # on the tree before the change
       .venv/bin/python bench/decisions.py compare FILE [SCENARIO ...]   # on the tree after: "identical", or the diffs
Prints the planner's CPU seconds too (time.process_time around each decision).
"""
import pickle
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.ai.registry import DOCTRINES
from game.content.loader import load_scenario, scenario_files
from game.runner.headless import Game


def run(names: list[str] | None = None, doctrine: str = "planner") -> tuple[dict, float]:
    out = {}
    cpu = 0.0
    for p in scenario_files():
        if names and p.stem not in names:
            continue
        sc = load_scenario(p)
        g = Game.new(sc, 7)
        g.lean = True
        rows = []
        while not g.state.over:
            st = g.state
            for k in range(sc.n):
                pl = DOCTRINES[doctrine](k)
                rng = np.random.default_rng([7, st.turn, k])
                t = time.process_time()
                plan, score = pl.best_plan(st, rng.integers(0, 2**31, size=(pl.samples, pl.depth)))
                cpu += time.process_time() - t
                rows.append((tuple(plan), score))
            g.step()
        out[p.stem] = rows
    return out, cpu

if __name__ == "__main__":
    mode, file = sys.argv[1], sys.argv[2]
    names = sys.argv[3:] or None
    out, cpu = run(names)
    print(f"planner CPU {cpu:.2f} s, {sum(len(v) for v in out.values())} decisions")
    if mode == "save":
        pickle.dump(out, open(file, "wb"))
    else:
        ref = pickle.load(open(file, "rb"))
        bad = 0
        for k, rows in out.items():
            for i, (a, b) in enumerate(zip(ref[k], rows)):
                if a != b:
                    bad += 1
                    if bad < 5:
                        print("DIFF", k, i, a, b)
        print("identical" if bad == 0 and all(len(ref[k]) == len(out[k]) for k in out) else f"{bad} differ")

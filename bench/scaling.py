"""Turn time against the number of nations (synthetic regions of 3 to 100 nations), with the numpy floor and the
fitted growth, as the markdown table docs/performance.md quotes. CPU time, medians; child processes per size and
tree (bench/rows.py), this tree and a reference tree alternating.

Usage: .venv/bin/python bench/scaling.py [--quick] [--against REF|none] [--sizes 3,6,12,30,60,100]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from engine import ROOT, measure, tree_of


def slope(ns: list[int], ts: list[float]) -> float:
    """The exponent k of t ~ N^k, least squares on log-log."""
    return float(np.polyfit(np.log(ns), np.log(ts), 1)[0])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--against", default="main")
    ap.add_argument("--sizes", default="3,6,12,30,60,100")
    a = ap.parse_args()
    sizes = [int(x) for x in a.sizes.split(",")]
    trees = {"after": ROOT} if a.against == "none" else {"before": tree_of(a.against), "after": ROOT}
    res: dict[str, dict[int, tuple[float, float]]] = {k: {} for k in trees}
    for n in sizes:
        for name, tree in trees.items():
            row = "turn8" if n == 8 else "turn30" if n == 30 else "turn100" if n == 100 else f"turn{n}"
            d = measure(tree, row, a.quick)
            res[name][n] = (float(np.median(d["times"])) * 1e3, float(np.median(d["floor"])) * 1e3)
    head = "| nations | " + " | ".join(f"{k} ms/turn | {k} x floor" for k in trees) + " | floor ms |"
    print(head)
    print("|" + "---|" * (2 + 2 * len(trees)))
    for n in sizes:
        cells = " | ".join(f"{res[k][n][0]:.2f} | {res[k][n][0] / res[k][n][1]:.1f}x" for k in trees)
        print(f"| {n} | {cells} | {res['after'][n][1]:.2f} |")
    for k in trees:
        big = [n for n in sizes if n >= 30]
        print(f"\n{k}: growth N^{slope(sizes, [res[k][n][0] for n in sizes]):.2f} over {sizes[0]}-{sizes[-1]} nations"
              + (f", N^{slope(big, [res[k][n][0] for n in big]):.2f} over {big[0]}-{big[-1]}" if len(big) > 1 else ""))
    print(f"floor: growth N^{slope(sizes, [res['after'][n][1] for n in sizes]):.2f}")
    print(f"reproduce: .venv/bin/python bench/scaling.py{' --quick' if a.quick else ''} --against {a.against}")


if __name__ == "__main__":
    main()

"""Our turn against a peer's: one 8-nation turn (every doctrine plans, the turn resolves, full ledger) as a ratio to
one movement phase of the `diplomacy` engine (pip package `diplomacy`, the DATC-tested adjudicator) with random valid
orders, both timed as CPU time in child processes that alternate within this one run.

The peer lives in its own virtualenv, made by this script on first use (/tmp/ra-peers-venv, or $RA_PEERS_VENV): it is
never a dependency of the project. A diplomacy phase is timed as the orders are made and adjudicated: the possible
orders are listed, one is drawn at random per orderable unit, the orders are set and the phase processed; retreat
and adjustment phases are processed untimed.

Usage: .venv/bin/python bench/peers.py [--quick] [--rounds K] [--against REF]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from engine import ROOT, measure, tree_of  # noqa: E402

VENV = Path(os.environ.get("RA_PEERS_VENV", "/tmp/ra-peers-venv"))
PEER = "diplomacy==1.1.2"

DIPLOMACY = r"""
import json, random, sys, time
from diplomacy import Game
games, phases = int(sys.argv[1]), int(sys.argv[2])
times = []
for seed in range(games):
    rnd = random.Random(seed)
    g = Game()
    done = 0
    while not g.is_game_done and done < phases:
        movement = g.get_current_phase().endswith("M")
        t0 = time.process_time()
        possible = g.get_all_possible_orders()
        for power, locs in g.get_orderable_locations().items():
            g.set_orders(power, [rnd.choice(possible[loc]) for loc in locs if possible[loc]])
        g.process()
        if movement:
            times.append(time.process_time() - t0)
            done += 1
print(json.dumps({"times": times}))
"""


def peer_python() -> Path:
    py = VENV / "bin" / "python"
    ok = py.exists() and subprocess.run([str(py), "-c", "import diplomacy"], capture_output=True).returncode == 0
    if not ok:
        print(f"making {VENV} with {PEER} (once)", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "--quiet", PEER], check=True)
    return py


def diplomacy_times(py: Path, quick: bool) -> list[float]:
    games, phases = (2, 10) if quick else (4, 20)
    res = subprocess.run(["nice", str(py), "-c", DIPLOMACY, str(games), str(phases)], capture_output=True, text=True,
                         check=True)
    return json.loads(res.stdout)["times"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--rounds", type=int, default=0)
    ap.add_argument("--against", default="none", help="also measure a reference tree (e.g. main) in the same rounds")
    a = ap.parse_args()
    rounds = a.rounds or (2 if a.quick else 4)
    py = peer_python()
    trees = {"after": ROOT} if a.against == "none" else {"before": tree_of(a.against), "after": ROOT}
    dip: list[float] = []
    ours: dict[str, list[float]] = {k: [] for k in trees}
    for _ in range(rounds):   # alternate: the peer, then each tree, so all see the same load
        dip += diplomacy_times(py, a.quick)
        for name, tree in trees.items():
            ours[name] += measure(tree, "turn8", a.quick)["times"]
    d = float(np.median(dip))
    print(f"diplomacy movement phase (random valid orders): median {d * 1e3:.2f} ms CPU ({len(dip)} phases)")
    for name, t in ours.items():
        m = float(np.median(t))
        label = "this tree" if name == "after" else a.against
        print(f"our 8-nation turn ({label}): median {m * 1e3:.2f} ms CPU ({len(t)} turns) = {m / d:.2f}x the diplomacy "
              f"phase   target <= 0.3x")
    print(f"reproduce: .venv/bin/python bench/peers.py{' --quick' if a.quick else ''} --against {a.against}")


if __name__ == "__main__":
    main()

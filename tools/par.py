"""Computes every shipped scenario's par (every seat played by the strategist) into game/data/scenarios/par/ID.json.

Usage: .venv/bin/python tools/par.py [SCENARIO ...] [--workers 2]
Run it after any change of the rules, the strategist or a shipped scenario (tests/test_par.py replays each file's
stored first turns and says when it is stale).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.content.loader import load_scenario, scenario_files  # noqa: E402
from game.runner import par  # noqa: E402


def _one(path: str) -> str:
    sc = load_scenario(path)
    t0 = time.process_time()
    games = par.shipped_games(sc)
    table = par.compute_par(sc, games, par.PAR_SEED)
    out = par.write_shipped(sc, table, games, par.PAR_SEED)
    final = ", ".join(f"{nd.id} {v:.1f}" for nd, v in zip(sc.nations, table[-1]))
    return f"{out.relative_to(ROOT)}: {games} games, {time.process_time() - t0:.0f} s CPU; final par {final}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("scenarios", nargs="*")
    ap.add_argument("--workers", type=int, default=2)
    a = ap.parse_args()
    paths = [str(p) for p in (a.scenarios or scenario_files())]
    if a.workers > 1:
        from multiprocessing import get_context

        with get_context("spawn").Pool(a.workers) as pool:
            for line in pool.imap_unordered(_one, paths):
                print(line, flush=True)
    else:
        for p in paths:
            print(_one(p), flush=True)
    print(f"reproduce: .venv/bin/python tools/par.py {' '.join(a.scenarios)}".rstrip())


if __name__ == "__main__":
    main()

"""Computes every shipped scenario's par and seat spreads (every seat played by the strategist) into
game/data/scenarios/par/ID.json.

Usage: .venv/bin/python tools/par.py [SCENARIO ...] [--workers 2] [--games N]   (a path, or a shipped scenario's name)
Run it after any change of the rules, the strategist or a shipped scenario (tests/test_par.py replays each file's
stored first turns and says when it is stale). The games are shared out one by one among the workers, so every
scenario's 100 games keep both cores busy to the end (about 2.5 hours of CPU for the five shipped scenarios).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.content.loader import load_scenario, scenario_files  # noqa: E402
from game.data import scenario_path  # noqa: E402
from game.runner import par  # noqa: E402


def _game(job: tuple[str, int]) -> tuple[str, int, np.ndarray, float]:
    path, k = job
    t0 = time.process_time()
    rows = par.reference_game(load_scenario(path), k, par.PAR_SEED)
    return path, k, rows, time.process_time() - t0


def split_check(n: int, finals: np.ndarray) -> str:
    """Target 4 out of sample from these games: par and seat factors from one half, first places (by score vs par,
    then by standing) in the other, both ways round. A game that ended early is scored against the final par."""
    from game.runner.dilemma import fair_pass

    h = len(finals) // 2
    raw, std = [], []
    for ref, scored in ((finals[:h], finals[h:]), (finals[h:], finals[:h])):
        rel = scored - ref.mean(axis=0)
        raw.append(rel)
        std.append(par.standing(rel, par.factors(par.spread_of(ref))))
    lines = [f"  target 4 split in halves ({2 * (len(finals) - h)} games scored; band {50 / n:.1f}-{200 / n:.1f} %, "
             f"a fair game passes {100 * fair_pass(n, len(finals), (0.5 / n, 2 / n)):.1f} % of the time):"]
    for label, x in (("by score vs par", np.vstack(raw)), ("by standing", np.vstack(std))):
        share = 100 * np.bincount(np.argmax(x, axis=1), minlength=n) / len(x)
        met = all(50 / n - 1e-9 <= v <= 200 / n + 1e-9 for v in share)
        lines.append(f"    {label:16s} " + " ".join(f"{v:5.1f}" for v in share) + ("  met" if met else "  missed"))
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("scenarios", nargs="*")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--games", type=int, default=None, help="games per scenario (default: par.shipped_games)")
    a = ap.parse_args()
    paths = [str(scenario_path(n) or sys.exit(f"error: no such scenario: {n}")) for n in a.scenarios] or \
        [str(p) for p in scenario_files()]
    games = {p: a.games if a.games is not None else par.shipped_games(load_scenario(p)) for p in paths}
    jobs = [(p, k) for k in range(max(games.values(), default=0)) for p in paths if k < games[p]]
    rows: dict[str, dict[int, np.ndarray]] = {p: {} for p in paths}
    cpu = dict.fromkeys(paths, 0.0)

    def done(path: str, k: int, got: np.ndarray, seconds: float) -> None:
        rows[path][k] = got
        cpu[path] += seconds
        if len(rows[path]) < games[path]:
            return
        sc = load_scenario(path)
        arr = np.array([rows[path][i] for i in range(games[path])])
        table, spread = par.summarize(arr)
        out = par.write_shipped(sc, table, spread, games[path], par.PAR_SEED)
        final = ", ".join(f"{nd.id} {v:.1f}" for nd, v in zip(sc.nations, table[-1]))
        print(f"{out.relative_to(ROOT)}: {games[path]} games, {cpu[path]:.0f} s CPU; final par {final}; "
              f"spreads {', '.join(f'{v:.2f}' for v in spread)}", flush=True)
        print(split_check(sc.n, arr[:, -1, :]), flush=True)

    if a.workers > 1:
        from multiprocessing import get_context

        with get_context("spawn").Pool(a.workers) as pool:
            for got in pool.imap_unordered(_game, jobs):
                done(*got)
    else:
        for job in jobs:
            done(*_game(job))
    print(f"reproduce: .venv/bin/python tools/par.py {' '.join(a.scenarios)}".rstrip())


if __name__ == "__main__":
    main()

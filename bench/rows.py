"""One measurement of bench/engine.py, run in a child process against one source tree (the tree's `game` comes first
on sys.path): prints a JSON object of CPU times (time.process_time, seconds) and sizes.

Usage (bench/engine.py runs it): python bench/rows.py ROW [--quick]   with PYTHONPATH=<tree root>, cwd=<tree root>
It uses only what both the old and the new engine offer (Game, play_one, load_scenario, the doctrine registry).
"""
from __future__ import annotations

import dataclasses
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(1, str(HERE))   # synthetic.py and floor.py of this bench; index 1 keeps the tree's game first

import numpy as np  # noqa: E402

# the shipped scenarios of the tree measured (cwd): game/data/scenarios, or scenarios/ in trees from before it moved
SHIPPED = Path("game/data/scenarios") if Path("game/data/scenarios").is_dir() else Path("scenarios")
MERIDIAN = str(SHIPPED / "meridian.yaml")


def _cpu() -> float:
    return time.process_time()


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def turn(n: int, games: int, turns: int) -> dict:
    """Game.step (every computer nation plans, then the turn resolves, full ledger), CPU per turn; and the floor."""
    from floor import floor_times
    from synthetic import synthetic

    from game.runner.headless import Game

    sc = synthetic(n, max(turns, 2))
    times, states = [], []
    for seed in range(games):
        g = Game.new(sc, seed)
        while not g.state.over and len(g.history.reports) < turns:
            states.append(g.state)
            t0 = _cpu()
            g.step()
            times.append(_cpu() - t0)
    return {"times": times, "floor": floor_times(sc, states)}


def planner(games: int) -> dict:
    """The strategist's decisions on meridian, every nation at every turn of seeded games (normal and hard)."""
    from game.ai.registry import DIFFICULTY, DOCTRINES
    from game.content.loader import load_scenario
    from game.runner.headless import Game

    sc = load_scenario(Path(MERIDIAN))
    out: dict[str, list[float]] = {"normal": [], "hard": []}
    for seed in range(games):
        g = Game.new(sc, 1000 + seed)
        g.lean = True
        while not g.state.over:
            st = g.state
            for diff in out:
                for k in range(sc.n):
                    p = DOCTRINES[DIFFICULTY[diff]](k)
                    t0 = _cpu()
                    p.plan(st, np.random.default_rng([seed, st.turn, k]))
                    out[diff].append(_cpu() - t0)
            g.step()
    return out


def strategist_game(games: int) -> dict:
    """A batch game (play_one) of meridian with the first seat a strategist (normal), against the fixed doctrines."""
    from game.runner.batch import Job, play_one

    path = MERIDIAN
    play_one(Job(path, 0, 1))   # load and warm
    fixed, strat = [], []
    for k in range(games):
        t0 = _cpu()
        play_one(Job(path, k, 1))
        fixed.append(_cpu() - t0)
        t0 = _cpu()
        play_one(Job(path, k, 1, (("aurelia", "planner"),)))
        strat.append(_cpu() - t0)
    return {"fixed": fixed, "strategist": strat}


def process(cmd: list[str], runs: int) -> dict:
    """CPU of a whole `python main.py ...` process (user + system, children's rusage), after one warm-up run that
    fills the compiled-scenario cache (a folder of this measurement, never the user's)."""
    env = dict(os.environ, REGIONAL_ACCORD_CACHE=os.environ.get("BENCH_CACHE", "/tmp/ra-bench-cache"),
               PYGAME_HIDE_SUPPORT_PROMPT="1")
    subprocess.run([sys.executable, *cmd], env=env, capture_output=True, check=True)
    out = []
    for _ in range(runs):
        c0 = _children_cpu()
        subprocess.run([sys.executable, *cmd], env=env, capture_output=True, check=True)
        out.append(_children_cpu() - c0)
    return {"times": out}


def batch(runs: int) -> dict:
    """run_batch of meridian on 2 worker processes: CPU of this process and its workers, and the wall time. The
    workers are started with spawn here: forkserver's (the default on Linux) are the fork server's children, so this
    process's rusage never sees their CPU (it read 0.5 s per 1,000 games while the wall clock said 87 s)."""
    from game.runner import pool
    from game.runner.batch import run_batch

    pool.start_method = lambda: "spawn"   # type: ignore[assignment]  # (their start-up is counted: a little more)
    c0, w0, s0 = _children_cpu(), time.perf_counter(), _cpu()
    res = run_batch(MERIDIAN, runs, seed=1, workers=2)
    assert len(res.games) == runs
    return {"cpu": (_cpu() - s0) + (_children_cpu() - c0), "wall": time.perf_counter() - w0, "runs": runs}


def memory(turns: int) -> dict:
    """A long 8-nation game (synthetic, every seat cooperative so the region holds), full ledger: the memory the
    game keeps (tracemalloc, after play) and the peak while writing its JSON."""
    from synthetic import synthetic

    from game.runner.headless import Game

    sc = dataclasses.replace(synthetic(8), turns=turns)
    tracemalloc.start()
    g = Game.new(sc, 1, {nd.id: "cooperative" for nd in sc.nations})
    g.play()
    kept, _ = tracemalloc.get_traced_memory()
    text = g.to_json()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"kept": kept, "peak": peak, "turns": len(g.history.reports), "json": len(text)}


def balance(games: int, quick: bool) -> dict:
    """tools/balance.py on meridian at a few games per setting, one worker: its CPU. The settings' mix of fixed-doctrine
    and strategist games is the full report's, so before/after of this is the ratio `make balance` changes by. Quick:
    with the tool's own --quick (small samples of issue 11's targets too: their full samples alone took over two hours
    of this row)."""
    import tempfile

    c0 = _children_cpu()
    env = dict(os.environ, REGIONAL_ACCORD_CACHE=os.environ.get("BENCH_CACHE", "/tmp/ra-bench-cache"))
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "tools/balance.py", "--games", str(games), "--workers", "1", "--recheck", "0",
                        *(["--quick"] if quick else []), "--out", str(Path(tmp) / "balance.md"), MERIDIAN],
                       env=env, capture_output=True, check=True)
    return {"cpu": _children_cpu() - c0, "games": games, "quick": quick}


def main() -> None:
    row, quick = sys.argv[1], "--quick" in sys.argv
    if row == "turn8":
        out = turn(8, 2 if quick else 6, 20)
    elif row == "turn30":
        out = turn(30, 1 if quick else 2, 10 if quick else 20)
    elif row == "turn100":
        out = turn(100, 1, 3 if quick else 8)
    elif row.startswith("turn"):
        out = turn(int(row[4:]), 1, 5 if quick else 12)
    elif row == "planner":
        out = planner(1 if quick else 2)
    elif row == "strategist":
        out = strategist_game(2 if quick else 6)
    elif row == "run":
        out = process(["main.py", "run", "meridian", "--seed", "1"], 3 if quick else 7)
    elif row == "validate":
        out = process(["main.py", "validate", *sorted(str(p) for p in SHIPPED.glob("*.yaml"))],
                      3 if quick else 7)
    elif row == "batch":
        out = batch(100 if quick else 300)
    elif row == "memory":
        out = memory(100 if quick else 500)
    elif row == "balance":
        out = balance(4 if quick else 10, quick)
    else:
        raise SystemExit(f"unknown row {row}")
    print(json.dumps(out))


if __name__ == "__main__":
    main()

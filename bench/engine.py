"""Engine speed: every row of issue 10's table, measured for this tree and for a reference tree (default: main),
alternately in one run, as CPU time (time.process_time, or the children's rusage for whole processes), medians.

Usage: .venv/bin/python bench/engine.py [--quick] [--against REF] [--only ROW[,ROW]] [--rounds K]
  REF is any git commit (default main; "none" measures this tree alone). Each measurement is one child process
  (bench/rows.py) per tree and round, before and after alternating, so both see the same load of a shared machine.
  Rows: turn8 turn30 turn100 planner strategist run validate batch memory balance (the ratio to the diplomacy
  engine is bench/peers.py: it needs its own virtualenv).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ROWS = ("turn8", "turn30", "turn100", "planner", "strategist", "run", "validate", "batch", "memory", "balance")


def tree_of(ref: str) -> Path:
    """A checkout of `ref` (git archive into /tmp, kept per commit), to measure the engine as it was."""
    sha = subprocess.run(["git", "rev-parse", ref], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    out = Path(f"/tmp/ra-bench-{sha[:12]}")
    if not (out / "game").exists():
        out.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", sha], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(out)], input=archive, check=True)
    return out


def measure(tree: Path, row: str, quick: bool) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree), BENCH_CACHE=f"/tmp/ra-bench-cache-{tree.name}")
    cmd = ["nice", sys.executable, str(HERE / "rows.py"), row] + (["--quick"] if quick else [])
    res = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True)
    if res.returncode != 0:
        raise RuntimeError(f"{row} in {tree}: {res.stderr.strip().splitlines()[-1] if res.stderr.strip() else res.returncode}")
    return json.loads(res.stdout)


def merge(samples: list[dict]) -> dict:
    """Rounds of one row joined: lists concatenated, numbers as lists."""
    out: dict = {}
    for s in samples:
        for k, v in s.items():
            out.setdefault(k, []).extend(v if isinstance(v, list) else [v])
    return out


def ms(x) -> float:
    return 1e3 * float(np.median(x))


def p95(x) -> float:
    return 1e3 * float(np.percentile(x, 95))


def describe(row: str, d: dict, extra: dict) -> tuple[str, float]:
    """The row's figure in words and the number the target is about."""
    if row.startswith("turn"):
        t, f = ms(d["times"]), ms(d["floor"])
        return f"{t:7.2f} ms/turn ({t / f:4.1f}x floor {f:.2f} ms)", t
    if row == "planner":
        return (f"normal p95 {p95(d['normal']):6.1f} ms, hard p95 {p95(d['hard']):6.1f} ms "
                f"(medians {ms(d['normal']):.1f} / {ms(d['hard']):.1f})", p95(d["hard"]))
    if row == "strategist":
        r = float(np.median(d["strategist"])) / float(np.median(d["fixed"]))
        return f"{r:5.1f}x a fixed-doctrine game ({ms(d['fixed']):.0f} ms vs {ms(d['strategist']):.0f} ms)", r
    if row in ("run", "validate"):
        return f"{ms(d['times']) / 1e3:6.3f} s CPU (median of {len(d['times'])})", ms(d["times"]) / 1e3
    if row == "batch":
        per = statistics.median(c / r for c, r in zip(d["cpu"], d["runs"]))
        return (f"{per * 1000:6.1f} s CPU per 1,000 games -> {per * 500:5.1f} s on 2 idle cores "
                f"(wall here {statistics.median(d['wall']):.1f} s for {d['runs'][0]})", per * 500)
    if row == "memory":
        kept, peak = statistics.median(d["kept"]) / 1e6, statistics.median(d["peak"]) / 1e6
        return f"{kept:6.1f} MB kept, {peak:6.1f} MB peak with JSON ({d['turns'][0]} turns)", kept
    if row == "balance":
        cpu = statistics.median(d["cpu"])
        quick = " --quick" if d.get("quick", [False])[0] else ""
        return f"{cpu:6.1f} s CPU for tools/balance.py --games {d['games'][0]}{quick} on meridian", cpu
    return json.dumps(d)[:60], 0.0


ISSUE = {   # the issue's wording of each row and its target
    "turn8": ("one 8-nation turn incl. every doctrine planning", "<= 1.2 ms"),
    "turn30": ("one 30-nation turn", "<= 5 ms"),
    "turn100": ("one 100-nation turn (synthetic)", "<= 30 ms, growth 30->100 <= N^1.3"),
    "planner": ("strategist decision, meridian, p95", "hard <= 30 ms"),
    "strategist": ("a batch game with one strategist seat", "<= 3x"),
    "run": ("python main.py run meridian --seed 1, whole process", "<= 0.3 s"),
    "validate": ("python main.py validate (every shipped scenario), whole process", "<= 0.3 s"),
    "batch": ("1,000-game batch, fixed doctrines, 2 workers", "<= 8 s"),
    "memory": ("memory of a 500-turn 8-nation game with full ledger", "<= 30 MB"),
    "balance": ("make balance (tools/balance.py, 500 games per setting)", "<= 6 min"),
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--against", default="main")
    ap.add_argument("--only", default="")
    ap.add_argument("--rounds", type=int, default=0, help="before/after alternations per row (default 1 quick, 2 full)")
    a = ap.parse_args()
    rows = [r for r in (a.only.split(",") if a.only else ROWS) if r]
    rounds = a.rounds or (1 if a.quick else 2)
    trees = {"after": ROOT}
    if a.against != "none":
        trees = {"before": tree_of(a.against), "after": ROOT}
    print(f"CPU time, medians; before = {a.against}, after = this tree; {rounds} alternating round(s) per row"
          f"{' (--quick: fewer games)' if a.quick else ''}")
    results: dict[str, dict[str, dict]] = {}
    for row in rows:
        got: dict[str, list[dict]] = {k: [] for k in trees}
        for _ in range(rounds):
            for name, tree in trees.items():
                try:
                    got[name].append(measure(tree, row, a.quick))
                except RuntimeError as exc:
                    print(f"  {row}: {name} failed: {exc}")
        results[row] = {k: merge(v) for k, v in got.items() if v}
        title, target = ISSUE[row]
        print(f"\n{title}   (target {target})")
        for name, d in results[row].items():
            text, _ = describe(row, d, {})
            print(f"  {name:6s} {text}")
        if row == "balance" and len(results[row]) == 2:
            r = statistics.median(results[row]["after"]["cpu"]) / statistics.median(results[row]["before"]["cpu"])
            print(f"  after/before {r:.2f}: make balance's 25 min (issue 10, main) -> about {25 * r:.0f} min "
                  f"(the same report, the ratio measured here at few games per setting)")
        if row == "turn100" and "turn30" in results:
            for name in results[row]:
                if name in results["turn30"]:
                    g = np.log(ms(results[row][name]["times"]) / ms(results["turn30"][name]["times"])) / np.log(100 / 30)
                    print(f"  {name:6s} growth 30 -> 100 nations: N^{g:.2f}")
        quick = " --quick" if a.quick else ""
        print(f"  reproduce: .venv/bin/python bench/engine.py --only {row}{quick} --against {a.against}")


if __name__ == "__main__":
    main()

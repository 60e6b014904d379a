"""Measures issue 11's eight targets ("the dilemma made real") and prints each with its value, target, met/missed and the command to reproduce it.

Usage: .venv/bin/python tools/dilemma.py [SCENARIO ...] [--quick] [--seed S] [--only 1,3] [--players turtle,policy]
       [--field greedy,turtle] [--turns 6] [--workers 2] [--json out.json] [--compare earlier.json]
SCENARIO is a file, a shipped scenario's name or `all` (default: meridian and tutorial). Target 6 is measured once,
on tests/data/test_aggregation.yaml. --players limits target 1 to some players (e.g. turtle,greedy,policy).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.data import scenario_path  # noqa: E402
from game.runner import dilemma as dl  # noqa: E402
from game.runner.dilemma_report import row_key, summary_rows, text_table, verdicts  # noqa: E402
from game.runner.pool import cpu_seconds as cpu  # noqa: E402

AGGREGATION = ROOT / "tests" / "data" / "test_aggregation.yaml"


def resolve(name: str) -> str:
    return str(scenario_path(name) or sys.exit(f"error: no such scenario: {name}"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenarios", nargs="*", default=["meridian", "tutorial"])
    ap.add_argument("--quick", action="store_true", help="small samples (about 1-3 minutes per scenario)")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--only", default="", help="comma-separated targets to measure, e.g. 1,3 (default: all)")
    ap.add_argument("--players", default="", help="target 1's players, comma-separated registry names "
                    "(turtle, greedy, nothing, random, spam:<card>, policy = searched per seat; default: all)")
    ap.add_argument("--field", default="", help="target 1's players whose first places are also taken among "
                    "strategists (every other seat the strategist; slow), comma-separated, e.g. greedy,turtle")
    ap.add_argument("--turns", type=int, default=None, help="stop every game after this many turns (e.g. 6, a lesson)")
    ap.add_argument("--json", default="", help="also write every measurement as JSON to this file")
    ap.add_argument("--compare", default="", help="a --json file of an earlier run: show its value under each check")
    a = ap.parse_args(argv)
    only = [int(x) for x in a.only.split(",") if x.strip()] or list(range(1, 9))
    if a.scenarios == ["all"]:
        from game.content.loader import scenario_files
        a.scenarios = [str(p) for p in scenario_files()]
    players = [x.strip() for x in a.players.split(",") if x.strip()] or None
    before = {row_key(r): r for r in json.loads(Path(a.compare).read_text(encoding="utf-8"))["rows"]} if a.compare else None
    sizes = dl.QUICK if a.quick else dl.FULL
    if a.turns is not None:
        if a.turns < 1:
            raise SystemExit("error: --turns must be at least 1")
        sizes = dl.with_sizes(sizes, turns=a.turns)
    mode = ("--quick " if a.quick else "") + (f"--turns {a.turns} " if a.turns else "")
    t0, c0 = time.perf_counter(), cpu()
    log = lambda m: print(f"  ... {m} ({time.perf_counter() - t0:.0f} s)", file=sys.stderr, flush=True)  # noqa: E731
    measures, rows = [], []
    for name in a.scenarios:
        path = resolve(name)
        print(f"measuring {Path(path).name} ...", file=sys.stderr, flush=True)
        ts, cs = time.perf_counter(), cpu()
        m = dl.measure(path, sizes, a.seed, a.workers, only, players=players, log=log,
                       field=[x.strip() for x in a.field.split(",") if x.strip()])
        m["seconds"], m["cpu"] = time.perf_counter() - ts, cpu() - cs
        measures.append(m)
        r = verdicts(m)
        rows += r
        stop = f", stopped after turn {a.turns}" if a.turns else ""
        print(f"\n{m['name']} ({Path(path).name}: {m['nations']} nations, {m['turns']} turns{stop}; seed {a.seed}, par seed "
              f"{m['par_seed']} ({m['par_games']} games), tuning seed {m['tune_seed']}; {m['seconds']:.0f} s, "
              f"{m['cpu']:.0f} s CPU)")
        extra = f"--players {a.players} " if players else ""
        print(text_table(r, f"tools/dilemma.py {Path(path).stem} {mode}{extra}--seed {a.seed}", before))
        if "search" in m:
            fresh = next((r["seat_scores"] for r in m.get("t1", {}).get("rows", []) if r["player"] == "policy"), None)
            print("  searched policies (top cards; score at the tuning seeds -> at fresh seeds):")
            for k, f in enumerate(m["search"]):
                after = "" if fresh is None else f" -> {fresh[k]:+.2f}"
                print(f"    {f['seat']}: {', '.join(f['top_cards'])}  ({f['tuning_score']:+.2f}{after})")
    agg = dl.aggregation(str(AGGREGATION), dl.AGG_THREAT, sizes, a.seed, a.workers) if 6 in only else None
    summary = summary_rows(measures, agg)
    if summary:
        print("\nacross scenarios")
        print(text_table(summary, f"tools/dilemma.py {' '.join(Path(resolve(s)).stem for s in a.scenarios)} {mode}--seed {a.seed}",
                         before))
    rows += summary
    scored = [r for r in rows if r["met"] is not None]
    print("\nscoreboard (a target is met when all its checks are):")
    for where in dict.fromkeys(r["scenario"] for r in scored):
        mine = [r for r in scored if r["scenario"] == where]
        marks = {t: all(r["met"] for r in mine if r["target"] == t) for t in sorted({r["target"] for r in mine})}
        print(f"  {where:16s} " + "  ".join(f"{t}:{'met' if ok else 'MISSED'}" for t, ok in marks.items()))
    print(f"\n{sum(r['met'] for r in scored)} of {len(scored)} checks met; {time.perf_counter() - t0:.0f} s elapsed, "
          f"{cpu() - c0:.0f} s CPU")
    if a.json:
        Path(a.json).write_text(json.dumps({"measures": measures, "aggregation": agg, "rows": rows}, indent=1,
                                           default=float), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

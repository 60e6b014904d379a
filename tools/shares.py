"""Does the strategist ever play a card? Each card's share of its orders in the two fields target 7 pools, quickly.

Usage: .venv/bin/python tools/shares.py SCENARIO [--games 2] [--seed 8181] [--workers 1] [--json out.json]

Issue 11's target 7 asks every base card into at least 1 % of the strategist's orders in some shipped scenario;
`make balance` counts the strategist's orders in target 1's games (its seat among the scenario's doctrines, every seat
in turn) and target 4's (every seat the strategist), hours of CPU. This plays `--games` of each kind per seat (the
all-strategist games once per round: every seat is in each) and prints each card's share in each field and pooled, so
an author sees in a minute or two whether a new or changed card is played at all. tools/cards.py says why a card is
not (how far the best line with it falls short).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.content.loader import load_catalog, load_scenario  # noqa: E402
from game.data import scenario_path  # noqa: E402
from game.runner.batch import Job  # noqa: E402
from game.runner.dilemma import run  # noqa: E402
from game.runner.par import REFERENCE  # noqa: E402


def measure(path: Path, games: int = 2, seed: int = 8181, workers: int = 1) -> dict:
    """Per card: the strategist's orders of it in its seat among doctrines ('seat') and in all-strategist games
    ('field'), and its shares of each and of both ('pooled')."""
    sc = load_scenario(path)
    ids = sc.nation_ids
    seat = [Job(str(path), s * 1000 + r, seed, ((ids[s], REFERENCE),)) for s in range(sc.n) for r in range(games)]
    field = [Job(str(path), 500_000 + r, seed, tuple((i, REFERENCE) for i in ids)) for r in range(games)]
    res = run(seat + field, workers)
    counts: dict[str, Counter] = {"seat": Counter(), "field": Counter()}
    for job, g in zip(seat, res):
        counts["seat"].update(g["orders"][job.index // 1000])
    for g in res[len(seat):]:
        for k in range(sc.n):
            counts["field"].update(g["orders"][k])
    counts["pooled"] = counts["seat"] + counts["field"]
    totals = {k: sum(c.values()) for k, c in counts.items()}
    base = {a.id for a in load_catalog().actions}
    cards = {a.id: {"base": a.id in base, **{k: counts[k].get(a.id, 0) for k in counts},
                    **{f"{k}_share": counts[k].get(a.id, 0) / max(totals[k], 1) for k in counts}}
             for a in sc.actions}
    return {"scenario": path.stem, "games": games, "seed": seed, "orders": totals, "cards": cards}


def table(m: dict) -> str:
    o = m["orders"]
    lines = [f"{m['scenario']}: the strategist's orders, {m['games']} game(s) a seat among doctrines ({o['seat']} orders) "
             f"and {m['games']} all-strategist game(s) ({o['field']} orders), seed {m['seed']}",
             f"{'card':26s} {'seat':>6s} {'field':>6s} {'pooled':>7s}"]
    rows = sorted(m["cards"].items(), key=lambda kv: -kv[1]["pooled_share"])
    for cid, c in rows:
        mark = "" if c["base"] else "  (this scenario's own)"
        lines.append(f"{cid:26s} {100 * c['seat_share']:5.1f}% {100 * c['field_share']:5.1f}% "
                     f"{100 * c['pooled_share']:6.1f}%{mark}")
    under = [cid for cid, c in rows if c["base"] and c["pooled_share"] < 0.01]
    lines.append(f"base cards under 1 % pooled here: {len(under)}" + (f" ({', '.join(sorted(under))})" if under else ""))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario", help="a path, or a shipped scenario's name (meridian)")
    ap.add_argument("--games", type=int, default=2)
    ap.add_argument("--seed", type=int, default=8181)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--json", default=None)
    a = ap.parse_args(argv)
    path = scenario_path(a.scenario) or sys.exit(f"error: no such scenario: {a.scenario}")
    m = measure(Path(path), a.games, a.seed, a.workers)
    print(table(m))
    print(f"reproduce: .venv/bin/python tools/shares.py {Path(path).stem} --games {a.games} --seed {a.seed}")
    if a.json:
        Path(a.json).write_text(json.dumps(m, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

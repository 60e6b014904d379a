"""Where a lone defector's score comes from: issue 11's target 2 for one scenario, each seat's gap taken apart by cause.

Usage: .venv/bin/python tools/temptation.py SCENARIO [--others cooperative] [--players turtle,free_rider]
                                            [--games 10] [--seed 11] [--top 8] [--json out.json]

For every seat, `--games` seeded games with that seat played by each player and the others by `--others`, and the same
games with the seat cooperating. A seat's National Interest moves only through its stocks and the region's stability
(scoring.national_interest), and every change of these is a ledger entry with its cause (R10.2: start + the sum of the
changes = end), so the gap "player minus cooperating" is the sum, over causes, of what each cause brought the seat in
the one game minus the other, weighed as the score weighs it. What no cause holds is the conflict cut (R9.2: a
collapsed region's scores are cut for everyone), printed as its own line, so every table adds up to its gap.

A cause is (what changed, the kind of cause, its id, whose: "me" the seat's own order or organization, "others"
another nation's, "-" no nation's: events, threats, dynamics). Seed 11 is the seed the model is tuned with; the
balance report (tools/balance.py) measures at 2026.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.content.loader import load_scenario, scenario_files  # noqa: E402
from game.runner.batch import game_seed  # noqa: E402
from game.runner.headless import Game  # noqa: E402
from game.sim.defs import STOCKS  # noqa: E402
from game.sim.report import ledger_from_report  # noqa: E402
from game.sim.scoring import national_interest  # noqa: E402

CONFLICT = ("national interest", "outcome", "conflict cut", "-")   # the part of a gap no ledger entry holds

Key = tuple[str, str, str, str]


def contributions(game: Game, seat: int) -> tuple[Counter[Key], float]:
    """What each cause brought the seat's National Interest over the game (weighed as the score weighs stocks and
    stability), and the conflict cut: the final score minus the start and every cause's share."""
    sc = game.scenario
    pri = dict(zip(STOCKS, sc.nations[seat].priorities))
    total = max(sum(pri.values()), 1e-9)
    stake = sc.params.regional_stake
    weight = {s: (1.0 - stake) * w / total for s, w in pri.items()}
    weight["stability"] = stake
    out: Counter[Key] = Counter()
    for report in game.history.reports:
        for e in ledger_from_report(report):
            w = weight.get(e.field)
            if w is None:
                continue
            if e.field == "stability":
                delta = float(e.delta)
            elif e.index is None:
                delta = float(np.asarray(e.delta)[seat])
            elif e.index == seat:
                delta = float(e.delta)
            else:
                continue
            if delta:
                c = e.cause
                whose = "-" if c.actor is None else ("me" if c.actor == seat else "others")
                out[(e.field, c.kind, c.id, whose)] += w * delta
    start = float(national_interest(game.history.states[0])[seat])
    end = float(national_interest(game.state)[seat])
    return out, end - start - sum(out.values())


def play(sc, seed: int, doctrines: dict[int, str]) -> Game:
    g = Game.new(sc, seed, {sc.nations[k].id: d for k, d in doctrines.items()})
    g.play()   # with the ledger: its causes are what this tool reads
    return g


def temptation(path: str, players: list[str], others: str, games: int, seed: int) -> dict:
    """Per seat and player: the mean gap (player minus the seat cooperating, same seeds), its standard error, the
    games that ended in conflict, and the mean of each cause's share of the gap. Plain data."""
    sc = load_scenario(path)
    out: dict = {"scenario": sc.id, "others": others, "games": games, "seed": seed, "seats": {}}
    for s in range(sc.n):
        runs: dict[str, list[tuple[float, Counter[Key], bool]]] = {}
        for p in [*players, "cooperative"]:
            runs[p] = []
            for r in range(games):
                g = play(sc, game_seed(seed, s * 1000 + r), {k: (p if k == s else others) for k in range(sc.n)})
                parts, cut = contributions(g, s)
                parts[CONFLICT] += cut
                runs[p].append((float(national_interest(g.state)[s]), parts, g.state.outcome == "conflict"))
        seat: dict = {}
        for p in players:
            gaps = np.array([a[0] - b[0] for a, b in zip(runs[p], runs["cooperative"])])
            diff: Counter[Key] = Counter()
            for a, b in zip(runs[p], runs["cooperative"]):
                diff.update({k: v / games for k, v in a[1].items()})
                diff.update({k: -v / games for k, v in b[1].items()})
            seat[p] = {"gap": float(gaps.mean()), "se": float(gaps.std(ddof=1) / np.sqrt(games)) if games > 1 else 0.0,
                       "conflicts": [sum(x[2] for x in runs[p]), sum(x[2] for x in runs["cooperative"])],
                       "causes": sorted(([list(k), v] for k, v in diff.items() if abs(v) > 1e-12),
                                        key=lambda kv: -abs(kv[1]))}
        out["seats"][sc.nations[s].id] = seat
    return out


def render(res: dict, top: int) -> str:
    lines = [f"{res['scenario']}: a lone player minus the same seat cooperating, the others {res['others']} "
             f"({res['games']} games a seat, seed {res['seed']}); the causes of the gap, largest first"]
    for nation, seat in res["seats"].items():
        for p, d in seat.items():
            lines.append(f"\n{nation} as {p}: {d['gap']:+.2f} ± {d['se']:.2f} National Interest "
                         f"(conflict in {d['conflicts'][0]} of its games, {d['conflicts'][1]} cooperating)")
            shown = d["causes"][:top]
            for (fname, kind, cid, whose), v in shown:
                lines.append(f"  {v:+6.2f}  {fname:<10} {kind:<12} {cid} ({whose})")
            rest = sum(v for _, v in d["causes"][top:])
            if len(d["causes"]) > top:
                lines.append(f"  {rest:+6.2f}  the other {len(d['causes']) - top} causes")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("scenario", help="a shipped scenario's name (meridian) or a YAML file")
    ap.add_argument("--others", default="cooperative", help="what every other seat plays (naive cooperators)")
    ap.add_argument("--players", default="turtle,free_rider")
    ap.add_argument("--games", type=int, default=10)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--top", type=int, default=8, help="causes shown per seat and player")
    ap.add_argument("--json", help="also write the plain data here")
    a = ap.parse_args()
    shipped = {p.stem: p for p in scenario_files()}
    path = str(shipped.get(a.scenario, a.scenario))
    if not Path(path).exists():
        ap.error(f"{a.scenario}: no such scenario (shipped: {', '.join(shipped)})")
    res = temptation(path, [p.strip() for p in a.players.split(",") if p.strip()], a.others, a.games, a.seed)
    print(render(res, a.top))
    print(f"\nreproduce: .venv/bin/python tools/temptation.py {a.scenario} --others {a.others} --players {a.players} "
          f"--games {a.games} --seed {a.seed}")
    if a.json:
        Path(a.json).write_text(json.dumps(res, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()

"""Why the strategist plays a card or not: each card's share of its decisions, and how far the best line with it falls short.

Usage: .venv/bin/python tools/cards.py SCENARIO [--games 2] [--seed 5151] [--every 1] [--polish N] [--json out.json]

Every seat is the strategist (the par's play, docs/rules.md R9.5). At each decision (every `--every`-th turn of
each nation) the strategist's chosen line is worked out as it plays it (Planner.lines), then every card of the
scenario it did not play is brought into the chosen plan first, at its most natural target (what no longer fits
drops out), and that line is played to the same depth with the same draws. A card's *shortfall* is the chosen
line's value minus that line's: near 0 a card is close to being played, large it is far from it, and below 0 the
strategist missed a better plan (it only tries cards in the first turn's best plan: Planner._insertions). Issue
11's target 7 asks every base card into at least 1 % of the strategist's orders in some shipped scenario
(docs/balance.md); an author can read here what a new card lacks.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.ai.exploits import fill, natural_order  # noqa: E402
from game.ai.registry import make  # noqa: E402
from game.content.loader import load_scenario  # noqa: E402
from game.data import scenario_path  # noqa: E402
from game.runner.headless import Game  # noqa: E402
from game.sim.state import State  # noqa: E402


def decision(state: State, nation: int, seed: int) -> tuple[list[str], dict[str, float | None]]:
    """The chosen plan's cards, and per other card the chosen line's value minus the line with it brought in
    (None: it cannot be played here, or does not fit beside what the strategist owes)."""
    pl = make("planner", nation)
    seeds = np.random.default_rng([seed, state.turn, nation]).integers(0, 2**31, size=(pl.samples, pl.depth))
    lines = pl.lines(state, seeds)   # also leaves its draws' generators in pl._fresh for the lines below
    if not lines:
        return [], {}
    value, chosen, doctrine = lines[0]
    others = pl._expected_orders(state)
    have = {o.action for o in chosen}
    gaps: dict[str, float | None] = {}
    for a in state.scenario.actions:
        if a.id in have or a.ai_weight == 0:
            continue
        o = natural_order(state, nation, a.id)
        plan = pl.honour(state, fill(state, nation, [o, *chosen])) if o is not None else []
        gaps[a.id] = value - pl._line(state, doctrine, plan, others, seeds) if o is not None and o in plan else None
    return [o.action for o in chosen], gaps


def measure(path: Path, games: int, seed: int, every: int = 1) -> dict:
    """Per card: decisions it was played in, decisions it could be tried in, and its shortfalls."""
    sc = load_scenario(path)
    played: dict[str, int] = {a.id: 0 for a in sc.actions}
    best: dict[str, int] = {a.id: 0 for a in sc.actions}   # decisions where its line beat the chosen one and every other
    gaps: dict[str, list[float]] = {a.id: [] for a in sc.actions}
    decisions = orders = 0
    for g_ in range(games):
        g = Game.new(sc, seed + g_, {nid: "planner" for nid in sc.nation_ids})
        g.lean = True
        while not g.state.over:
            st = g.state
            if (st.turn - 1) % every == 0:
                for k in range(sc.n):
                    cards, gap = decision(st, k, seed + g_)
                    decisions += 1
                    orders += len(cards)
                    for c in cards:
                        played[c] += 1
                    for c, x in gap.items():
                        if x is not None:
                            gaps[c].append(x)
                    tried = {c: x for c, x in gap.items() if x is not None}
                    if tried and min(tried.values()) < 0:
                        best[min(tried, key=lambda c: (tried[c], c))] += 1
            g.step()
    return {"scenario": path.name, "games": games, "seed": seed, "decisions": decisions, "orders": orders,
            "cards": {c: {"orders": played[c], "share": played[c] / max(1, orders), "tried": len(gaps[c]),
                          "best": best[c] / max(1, decisions),
                          "median": float(np.median(gaps[c])) if gaps[c] else None,
                          "p10": float(np.percentile(gaps[c], 10)) if gaps[c] else None,
                          "within_half": float(np.mean(np.array(gaps[c]) <= 0.5)) if gaps[c] else None,
                          "better": float(np.mean(np.array(gaps[c]) < 0)) if gaps[c] else None}
                      for c in played}}


def _f(x: float | None, spec: str) -> str:
    return "-" if x is None else format(x, spec)


def _pc(x: float | None) -> str:
    return "     -" if x is None else f"{100 * x:5.0f}%"


def table(m: dict) -> str:
    rows = sorted(m["cards"].items(), key=lambda kv: (-kv[1]["share"], kv[1]["median"] if kv[1]["median"] is not None else 1e9))
    out = [f"{m['scenario']}: {m['decisions']} decisions, {m['orders']} orders, {m['games']} all-strategist games "
           f"from seed {m['seed']}",
           f"{'card':24s} {'share':>7s} {'tried':>6s} {'median':>7s} {'p10':>7s} {'<=0.5':>6s} {'better':>6s} {'best':>6s}"]
    for c, r in rows:
        out.append(f"{c:24s} {100 * r['share']:6.1f}% {r['tried']:6d} {_f(r['median'], '+7.2f'):>7s} "
                   f"{_f(r['p10'], '+7.2f'):>7s} {_pc(r['within_half'])} {_pc(r['better'])} {_pc(r['best'])}")
    out.append("share: of the strategist's orders; tried: decisions where the card could be brought into the chosen "
               "plan; median, p10: the chosen line's value minus the line with the card (National Interest points "
               "and what the line leaves for later); <=0.5: decisions within half a point; better: the line with the "
               "card beat the chosen one; best: of all decisions, those where its line beat the chosen one and every other "
               "card's (what one round of Planner.polish would play)")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario")
    ap.add_argument("--games", type=int, default=2)
    ap.add_argument("--seed", type=int, default=5151)
    ap.add_argument("--every", type=int, default=1, help="look at every k-th turn's decisions (larger scenarios)")
    ap.add_argument("--polish", type=int, default=None, help="rounds of polish the strategist plays with "
                    "(Planner.polish; default: as shipped, none)")
    ap.add_argument("--json", default="")
    a = ap.parse_args(argv)
    if a.polish is not None:
        from game.ai.planner import Planner
        Planner.polish = a.polish
    path = scenario_path(a.scenario) or sys.exit(f"error: no such scenario: {a.scenario}")
    m = measure(path, a.games, a.seed, a.every)
    print(table(m))
    pol = "" if a.polish is None else f" --polish {a.polish}"
    print(f"reproduce: .venv/bin/python tools/cards.py {path.stem} --games {a.games} --seed {a.seed} --every {a.every}{pol}")
    if a.json:
        Path(a.json).write_text(json.dumps(m, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

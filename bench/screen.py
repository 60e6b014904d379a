"""How well the strategist's one-turn screen picks the lines worth playing whole (game/ai/planner.py `keep`).

On every state of seeded games of a scenario (the game moving on with its own doctrines), each nation's plain
candidate plans (no recombination) are played whole (`depth` turns) and screened by their first turn alone, at the
same seeds. Printed: how often the whole-line best plan is among the screen's top K, and what is lost (in a line's
value: National Interest plus what it leaves for later) by playing only those K whole.

Usage: .venv/bin/python bench/screen.py [--games 2] [SCENARIO]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.ai.planner import Planner
from game.content.loader import load_scenario
from game.runner.headless import Game


class _Whole(Planner):
    keep, blend = 99, 0   # every plain candidate played whole, none recombined


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario", nargs="?", default="game/data/scenarios/meridian.yaml")
    ap.add_argument("--games", type=int, default=2)
    args = ap.parse_args()
    sc = load_scenario(Path(args.scenario))
    tops = (1, 2, 3, 4, 5)
    hits = dict.fromkeys(tops, 0)
    loss: dict[int, list[float]] = {k: [] for k in tops}
    states = 0
    for game in range(args.games):
        g = Game.new(sc, 77 + game)
        g.lean = True
        while not g.state.over:
            st = g.state
            for me in range(sc.n):
                p = _Whole(me)
                seeds = np.random.default_rng([st.turn, me, game]).integers(0, 2**31, size=(p.samples, p.depth))
                lines = p.lines(st, seeds)   # best first
                if len(lines) < 3:
                    continue
                others = p._expected_orders(st)
                screen = [sum(p._value(x) for x in p._starts(st, first, others, seeds)) for _, first, _ in lines]
                order = sorted(range(len(lines)), key=lambda i: (-screen[i], i))
                states += 1
                for k in tops:
                    hits[k] += 0 in order[:k]
                    loss[k].append(lines[0][0] - max(lines[i][0] for i in order[:k]))
            g.step()
    print(f"{sc.name}: {states} decisions, {args.games} games")
    for k in tops:
        print(f"  screen top {k}: holds the best whole line {hits[k] / states:6.1%}, mean loss {np.mean(loss[k]):.3f}")
    print(f"reproduce: .venv/bin/python bench/screen.py --games {args.games} {args.scenario}")


if __name__ == "__main__":
    main()

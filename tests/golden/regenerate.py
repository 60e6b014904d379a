"""Regenerate tests/golden/meridian_seed7.json: the full history of a 20-turn meridian run, seed 7.

Run it only when a change to the model is intended (`make golden`); tests/test_golden.py replays the same run and
compares it byte for byte with this file. Nothing else writes the golden file.
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SCENARIO = ROOT / "game" / "data" / "scenarios" / "meridian.yaml"
SEED = 7
TURNS = 20
GOLDEN = HERE / "meridian_seed7.json"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def golden_json() -> str:
    """The golden run's text: Game.to_json() of meridian, seed 7, 20 turns, with a final newline."""
    from game.content.loader import load_scenario
    from game.runner.headless import Game

    game = Game.new(load_scenario(SCENARIO), SEED)
    game.play(TURNS)
    return game.to_json() + "\n"


def main() -> int:
    text = golden_json()
    old = GOLDEN.read_text(encoding="utf-8") if GOLDEN.exists() else None
    tmp = GOLDEN.with_name(GOLDEN.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(GOLDEN)
    rel = GOLDEN.relative_to(ROOT)
    print(f"{rel}: {'unchanged' if old == text else 'written'} ({len(text):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

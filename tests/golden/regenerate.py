"""Regenerate tests/golden/meridian_seed7.json (the full history of a 20-turn meridian run, seed 7) and
tests/golden/scenarios.json (a hash of what each shipped scenario compiles to).

Run it only when a change to the model or to a shipped scenario is intended (`make golden`); tests/test_golden.py
replays the same run and compiles the same scenarios and compares them with these files. Nothing else writes them.
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
SCENARIO_HASHES = HERE / "scenarios.json"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def golden_json() -> str:
    """The golden run's text: Game.to_json() of meridian, seed 7, 20 turns, with a final newline."""
    from game.content.loader import load_scenario
    from game.runner.headless import Game

    game = Game.new(load_scenario(SCENARIO), SEED)
    game.play(TURNS)
    return game.to_json() + "\n"


def scenario_hashes() -> dict[str, str]:
    """File -> sha256 of the repr of its engine definitions (less the path it was read from), for every shipped
    scenario and tests/data file, compiled afresh (not read from the compiled cache)."""
    import dataclasses
    import hashlib

    from game.content.loader import SCENARIOS, load_scenario_text

    out = {}
    for p in sorted(SCENARIOS.glob("*.yaml")) + sorted((ROOT / "tests" / "data").glob("*.yaml")):
        sc = dataclasses.replace(load_scenario_text(p.read_text(encoding="utf-8"), str(p)), source="")
        out[p.relative_to(ROOT).as_posix()] = hashlib.sha256(repr(sc).encode()).hexdigest()
    return out


def write(path: Path, text: str) -> None:
    old = path.read_text(encoding="utf-8") if path.exists() else None
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    print(f"{path.relative_to(ROOT)}: {'unchanged' if old == text else 'written'} ({len(text):,} bytes)")


def main() -> int:
    import json

    write(GOLDEN, golden_json())
    write(SCENARIO_HASHES, json.dumps(scenario_hashes(), indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

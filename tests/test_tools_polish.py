"""tools/polish.py: the strategist with polish against itself without, on the same seeds, per seat."""
from __future__ import annotations

from pathlib import Path

from toolmod import tool as load_tool

from game.ai.planner import Planner

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = ROOT / "game" / "data" / "scenarios" / "tutorial.yaml"


def _tool():
    return load_tool("polish")


def test_polish_zero_against_none_is_the_same_game_and_the_setting_is_put_back():
    tool = _tool()
    same = tool.compare(TUTORIAL, rounds=1, polish=0, seed=3)
    assert same["games"] == 3 and same["diff"] == 0.0            # every seat once; the same strategist both times
    m = tool.compare(TUTORIAL, rounds=1, polish=1, seed=3)
    assert m["games"] == 3 and len(m["with"]) == len(m["without"]) == 3
    assert m["without"] == same["without"]                        # the unpolished side is the shipped strategist
    assert Planner.polish == 0                                    # as shipped again afterwards

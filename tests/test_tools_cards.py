"""tools/cards.py: each card's share of the strategist's orders and how far the best line with it falls short."""
from __future__ import annotations

from pathlib import Path

from toolmod import tool as load_tool

ROOT = Path(__file__).resolve().parents[1]
WINDFALL = ROOT / "tests" / "data" / "tiny_windfall.yaml"   # one card ("windfall") plainly dominates


def _tool():
    return load_tool("cards")


def test_a_dominating_card_is_in_every_plan_and_the_others_are_measured_against_it():
    tool = _tool()
    m = tool.measure(WINDFALL, games=1, seed=5151)
    cards = m["cards"]
    assert m["decisions"] == 15   # 3 nations, 5 turns
    assert cards["windfall"]["orders"] == m["decisions"] and cards["windfall"]["tried"] == 0
    assert abs(sum(c["share"] for c in cards.values()) - 1.0) < 1e-9
    # a card the strategist left out is tried in every decision it could be played in, never more
    for c in cards.values():
        assert c["orders"] + c["tried"] <= m["decisions"]
    tried = [c for c in cards.values() if c["tried"]]
    assert tried and all(c["p10"] <= c["median"] for c in tried)
    text = tool.table(m)
    assert text.splitlines()[2].startswith("windfall")   # the most played card first


def test_the_same_seed_gives_the_same_numbers():
    tool = _tool()
    assert tool.measure(WINDFALL, games=1, seed=7, every=2) == tool.measure(WINDFALL, games=1, seed=7, every=2)


def test_best_counts_each_decision_once_for_the_card_whose_line_beat_all_others():
    tool = _tool()
    m = tool.measure(WINDFALL, games=1, seed=5151)
    shares = [c["best"] for c in m["cards"].values()]
    assert 0.0 < sum(shares) <= 1.0 + 1e-9                         # at most one card a decision
    assert m["cards"]["windfall"]["best"] == 0.0                  # always played: never brought in
    for c in m["cards"].values():
        assert c["best"] <= (c["better"] or 0.0) * c["tried"] / m["decisions"] + 1e-9   # best implies better

"""tools/shares.py: each card's share of the strategist's orders in target 7's two fields (its seat among doctrines,
every seat the strategist), pooled."""
from __future__ import annotations

from pathlib import Path

from toolmod import tool as load_tool

ROOT = Path(__file__).resolve().parents[1]
WINDFALL = ROOT / "tests" / "data" / "tiny_windfall.yaml"   # one card ("windfall") plainly dominates


def test_the_dominating_card_leads_every_field_and_the_shares_add_up():
    tool = load_tool("shares")
    m = tool.measure(WINDFALL, games=1, seed=5151)
    cards = m["cards"]
    for k in ("seat", "field", "pooled"):
        assert abs(sum(c[f"{k}_share"] for c in cards.values()) - 1.0) < 1e-9
        assert max(cards, key=lambda c: cards[c][f"{k}_share"]) == "windfall"
    # pooled counts are the two fields' orders together, card by card
    assert all(c["pooled"] == c["seat"] + c["field"] for c in cards.values())
    # 3 nations, 5 turns: every all-strategist game has each seat's orders, the seat games only one seat's
    assert m["orders"]["field"] >= 15 and m["orders"]["seat"] >= 15
    text = tool.table(m)
    assert text.splitlines()[2].startswith("windfall")
    assert "(this scenario's own)" in text.splitlines()[2]   # windfall is not a base card
    assert text.splitlines()[-1].startswith("base cards under 1 % pooled here:")


def test_the_same_seed_gives_the_same_shares():
    tool = load_tool("shares")
    a, b = (tool.measure(WINDFALL, games=1, seed=s) for s in (7, 7))
    assert a == b


def test_a_tools_scenario_argument_is_a_file_or_a_shipped_name(tmp_path):
    """Every tool's SCENARIO (tools/shares.py, cards.py, polish.py, dilemma.py, par.py) and main.py's: a path as given,
    else the shipped scenario of that name, else nothing (the tool says `error: no such scenario`)."""
    from game.data import SCENARIOS, scenario_path

    mine = tmp_path / "meridian.yaml"
    mine.write_text("id: x\n", encoding="utf-8")
    assert scenario_path(str(mine)) == mine                       # a file of that name wins over the shipped one
    assert scenario_path("meridian") == SCENARIOS / "meridian.yaml"
    assert scenario_path("meridian.yaml") == SCENARIOS / "meridian.yaml"
    assert scenario_path("no_such_region") is None
    assert scenario_path(str(tmp_path)) == tmp_path                # a folder is named as given: the loader refuses it

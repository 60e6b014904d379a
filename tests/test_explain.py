"""`batch --explain`: actions played per nation, turns with nothing affordable, the causes of escalation and of
stability loss, from the why-ledger; the ledger changes no number of the games."""
from __future__ import annotations

import csv
from pathlib import Path

from game.cli import main
from game.content.loader import load_scenario
from game.runner.batch import game_seed, run_batch
from game.runner.headless import Game

ROOT = Path(__file__).resolve().parents[1]
MERIDIAN = str(ROOT / "game" / "data" / "scenarios" / "meridian.yaml")


def test_explained_games_are_the_lean_games():
    lean = run_batch(MERIDIAN, 4, seed=3, turns=8)
    told = run_batch(MERIDIAN, 4, seed=3, turns=8, explain=True)
    assert all("explain" in g for g in told.games) and not any("explain" in g for g in lean.games)
    assert [{k: v for k, v in g.items() if k != "explain"} for g in told.sorted()] == lean.sorted()


def test_the_counts_are_the_games_own():
    res = run_batch(MERIDIAN, 1, seed=3, turns=8, explain=True)
    e = res.games[0]["explain"]
    sc = load_scenario(MERIDIAN)
    g = Game.new(sc, game_seed(3, 0))          # the same game, played with its ledger
    g.play(8)
    plays = {nid: {} for nid in sc.nation_ids}
    up = loss = 0.0
    for rep in g.history.reports:
        for nid, orders in rep["orders"].items():
            for o in orders:
                plays[nid][o["action"]] = plays[nid].get(o["action"], 0) + 1
        for row in rep["ledger"]:
            if row[0] == "escalation" and row[2] > 0:
                up += row[2]
            if row[0] == "stability" and row[2] < 0:
                loss -= row[2]
    assert e["plays"] == plays
    assert abs(sum(e["escalation"].values()) - up) < 1e-9
    assert abs(sum(e["stability_loss"].values()) - loss) < 1e-9 and loss > 0
    assert e["stuck"] == {}


def test_nothing_affordable_is_counted_and_printed(tmp_path, capsys):
    stuck = tmp_path / "stuck.yaml"
    stuck.write_text(f"extends: {ROOT / 'game' / 'data' / 'scenarios' / 'tutorial.yaml'}\nname: Nothing affordable\nturns: 6\n"
                     "rules: {budget_per_economy: 0.0}\n"       # no budget, and the three free cards cost 4 ap of 3
                     "actions:\n  - {id: ministers_dialogue, ap: 4}\n  - {id: withhold_contribution, ap: 4}\n"
                     "  - {id: crisis_hotline, ap: 4}\n")
    out = tmp_path / "out"
    assert main(["batch", str(stuck), "--runs", "2", "--explain", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "why (--explain, from the why-ledger of 2 games; per game on average)" in text
    assert "turns a nation could afford nothing (no legal order within its action points and budget; of 6.0 turns)" \
        "\n  valdoria  6.00\n  kestria   6.00\n  morvane   6.00\n" in text
    assert "  valdoria   0.0 orders: (none)" in text
    rows = list(csv.reader((out / "explain.csv").open()))
    assert rows[0] == ["table", "who", "action", "total", "per_game"]
    assert ["stuck", "kestria", "", "12", "6.0"] in rows
    assert "why (--explain" in (out / "summary.txt").read_text()


def test_explain_tables_in_the_summary(capsys):
    assert main(["batch", "meridian", "--runs", "2", "--turns", "6", "--explain"]) == 0
    text = capsys.readouterr().out
    for head in ("actions played per nation", "none: every nation had a legal order every turn",
                 "biggest causes of escalation", "biggest causes of stability loss"):
        assert head in text
    assert "drava" in text.split("actions played per nation")[1]
    assert main(["batch", "meridian", "--runs", "2", "--turns", "6"]) == 0
    assert "why (--explain" not in capsys.readouterr().out

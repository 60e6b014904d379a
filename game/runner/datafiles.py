"""The data files of an exported game: turns.csv (a row per turn and nation) and history.json (the whole history)."""
from __future__ import annotations

import json

from game.fileio import csv_text as csv_rows
from game.runner.headless import Game
from game.sim import readings
from game.sim.defs import STOCKS

HEADER = ["turn", "nation", "name", *STOCKS, "militarization", "national_interest", "stability", "escalation", "trade"]


def csv_text(game: Game) -> str:
    """One row per turn played and nation: the nation's stocks, militarization and National Interest at the end of
    the turn, and the region's stability, escalation and trade at the same moment."""
    sc = game.scenario
    rows = []
    for t in range(1, len(game.history.reports) + 1):
        st = game.history.states[t]
        ni = readings.national_interests(st)
        region = [readings.stability(st), readings.ladder_step(st), readings.trade(st)]
        for k, nd in enumerate(sc.nations):
            rows.append([t, nd.id, nd.name, *(round(float(st.v[s][k]), 3) for s in STOCKS),
                         round(float(st.v["militarization"][k]), 3), ni[nd.id], *region])
    return csv_rows(HEADER, rows, lineterminator="\n")   # names that look like formulas are neutralised


def json_text(game: Game) -> str:
    """The game's history (Game.to_dict), compact and with sorted keys: the same game gives the same bytes."""
    return json.dumps(game.to_dict(), sort_keys=True, separators=(",", ":"))

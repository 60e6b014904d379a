"""Duplicate scoring (game/runner/duplicate.py): the same game played again with one seat handed to the strategist,
(docs/rules.md R9.6; the common random numbers that make the two games differ only where play differs: R11.1)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np

from game.content.loader import load_scenario
from game.runner.duplicate import from_game, legal_part, orders_of, reference_line, reference_scores, team_deals
from game.runner.headless import Game
from game.sim.deals import Deal, Term
from game.sim.resolve import new_game
from game.sim.scoring import national_interest
from game.sim.state import Order

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = ROOT / "game" / "data" / "scenarios" / "tutorial.yaml"


def test_the_reference_line_of_a_seat_the_strategist_already_played_is_the_game_itself():
    sc = load_scenario(TUTORIAL)
    g = Game.new(sc, 41, {"kestria": "planner", "morvane": "hawk"})
    g.play()
    st = reference_line(from_game(g), 1)
    assert st.turn == g.state.turn
    assert np.array_equal(national_interest(st), national_interest(g.state))


def test_a_team_seat_replays_its_orders_in_the_other_seats_reference_line():
    """Seat 0 played by a team (its orders given each turn): handing seat 1 (already the strategist) to the
    strategist again must give back the very game, so the team's orders were read back and replayed as played."""
    sc = load_scenario(TUTORIAL)
    g = Game.new(sc, 5, {"kestria": "planner"})
    del g.doctrines[0]                      # valdoria is a team's seat
    plays = [[Order("joint_exercise", (1,))], [Order("domestic_investment")], [], [Order("personnel_exchange", (2,))]]
    for p in plays:
        g.step({0: p})
    played = from_game(g)
    assert played.orders[0] == plays
    assert [orders_of(sc, r, 0) for r in g.history.reports] == plays
    st = reference_line(played, 1)
    assert np.array_equal(national_interest(st), national_interest(g.state))
    # and with seat 0 handed to the strategist, seat 0 plays differently from the team (so its score differs)
    ref = reference_scores(played, [0])
    assert np.isnan(ref[1]) and ref[0] != national_interest(g.state)[0]


def test_the_deals_teams_signed_without_the_seat_are_signed_again_in_its_reference_line():
    """Two teams deal with each other; the hawk's seat, already the strategist, handed to the strategist again gives
    back the very game only if the teams' agreement is signed again there (kept, it moves trust: R12.4)."""
    sc = load_scenario(TUTORIAL)
    g = Game.new(sc, 9, {"morvane": "planner"})
    for k in (0, 1):
        del g.doctrines[k]                  # valdoria and kestria are teams
    deal = Deal(0, (0, 1), (Term("joint", action="personnel_exchange"),))
    g.step({0: [Order("personnel_exchange", (1,))], 1: [Order("personnel_exchange", (0,))]}, deals=[deal])
    g.step({0: [Order("domestic_investment")], 1: []}, deals=[])
    assert g.history.reports[0]["agreements"][0]["status"] == "kept"
    played = from_game(g, deals={1: [deal]})
    st = reference_line(played, 2)
    assert np.array_equal(st.v["trust"], g.state.v["trust"])
    assert np.array_equal(national_interest(st), national_interest(g.state))
    without = reference_line(from_game(g), 2)
    assert not np.array_equal(without.v["trust"], g.state.v["trust"])
    # the seat's own deals are the reference's to make: with seat 0 handed over, the deal is not signed again
    assert team_deals(new_game(sc), [deal], 0, {0: "planner", 2: "planner"}, []) == []
    assert team_deals(new_game(sc), [deal], 2, {2: "planner"}, []) == [deal]


def test_orders_no_longer_legal_in_the_reference_line_are_dropped():
    sc = load_scenario(TUTORIAL)
    st = new_game(sc)
    many = [Order("domestic_investment"), Order("defence_buildup"), Order("civil_military_reform"),
            Order("domestic_investment"), Order("defence_buildup")]
    kept = legal_part(st, 0, many)
    assert kept and len(kept) < len(many) and kept == many[:len(kept)]


def test_run_ranks_by_duplicate_score_when_asked():
    proc = subprocess.run([sys.executable, "main.py", "run", str(TUTORIAL), "--seed", "3", "--duplicate",
                           "--doctrine", "valdoria=turtle"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    line = next(x for x in proc.stdout.splitlines() if x.startswith("ranking (duplicate"))
    assert all(nid in line for nid in ("valdoria", "kestria", "morvane"))

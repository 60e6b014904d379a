"""Reading a game back: series, the why-ledger per value, turning points and burden-sharing agree with the game."""
from __future__ import annotations

import pytest

from game.runner import analysis as A
from game.runner.headless import Game


@pytest.fixture(scope="module")
def game(meridian):
    g = Game.new(meridian, 3)
    g.play()
    return g


def test_series_has_a_value_per_turn_and_the_end(game):
    s = A.series(game.history)
    assert len(s["stability"]) == len(game.history.reports) + 1
    assert s["stability"][-1] == pytest.approx(float(game.state.v["stability"]), abs=1e-3)
    assert set(s["ni"]) == set(game.scenario.nation_ids)


@pytest.mark.parametrize("fname, index", [("trust", (1, 0)), ("economy", 4), ("stability", ()), ("threat", 2)])
def test_the_causes_of_a_value_add_up_to_its_change_over_the_game(game, fname, index):
    rows = A.causes(game.history.reports, game.scenario, fname, index)
    start = float(game.history.states[0].v[fname][index])
    end = float(game.state.v[fname][index])
    assert sum(r["delta"] for r in rows) == pytest.approx(end - start, abs=1e-2)
    assert all(isinstance(r["cause"], str) and r["cause"] for r in rows)


def test_causes_name_the_actions_that_moved_a_value(game):
    rows = A.causes(game.history.reports, game.scenario, "economy", game.scenario.nation_index("estmark"))
    names = [c for c, _ in A.totals_by_cause(rows)]
    assert "Estmark: Domestic investment" in names            # the free-rider invests at home


def test_turning_points_carry_their_causes(game):
    tps = A.turning_points(game.history, k=5)
    assert 1 <= len(tps) <= 5 and {t["value"] for t in tps} <= {"stability", "escalation", "trust"}
    assert all(t["causes"] for t in tps)
    assert [t["turn"] for t in tps] == sorted(t["turn"] for t in tps)


def test_burden_sharing_shows_the_free_rider(game):
    pact = next(o for o in A.burden_sharing(game.history) if o["org"] == "mdp")
    by = {m["nation"]: m for m in pact["members"]}
    assert by["estmark"]["free_rider"] == 1.0                  # it withheld every turn
    assert by["borealis"]["free_rider"] < by["estmark"]["free_rider"]
    assert all(0.0 <= m["free_rider"] <= 1.0 for m in pact["members"])


def test_concepts_touched_come_from_what_was_played(game):
    touched = A.concepts_touched(game.history)
    assert "national_interest" in touched and "security_forum" in touched
    assert len(touched) == len(set(touched))

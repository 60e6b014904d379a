"""Par: each seat's reference score per turn (every seat strategist), shipped for shipped scenarios, cached otherwise."""
from __future__ import annotations

import json

import numpy as np
import pytest

from game.runner import par


def _fixed(sc) -> dict[int, str]:
    """A cheap reference play for tests: the scenario's own fixed doctrines."""
    return {k: nd.doctrine for k, nd in enumerate(sc.nations)}


def test_par_table_has_a_row_per_turn_and_a_column_per_seat(meridian):
    t = par.par_table(meridian, games=2, seed=5, reference=_fixed(meridian))
    assert t.shape == (meridian.turns + 1, meridian.n)
    assert np.isfinite(t).all()
    # row 0 is the start: every seat's National Interest before anything happened, the same in every game
    from game.sim.resolve import new_game
    from game.sim.scoring import national_interest
    assert np.allclose(t[0], national_interest(new_game(meridian)), atol=1e-3)


def test_par_is_read_back_from_the_cache_and_a_damaged_cache_is_recomputed(meridian, tmp_path, monkeypatch):
    monkeypatch.setenv("REGIONAL_ACCORD_CACHE", str(tmp_path))
    par._memo.clear()
    ref = _fixed(meridian)
    first = par.par_table(meridian, games=2, seed=6, reference=ref)
    files = list((tmp_path / "par").glob("meridian-*.json"))
    assert len(files) == 1
    par._memo.clear()
    assert np.array_equal(par.par_table(meridian, games=2, seed=6, reference=ref), first)
    files[0].write_text("{not json", encoding="utf-8")
    par._memo.clear()
    assert np.array_equal(par.par_table(meridian, games=2, seed=6, reference=ref), first)
    assert json.loads(files[0].read_text(encoding="utf-8"))["games"] == 2
    # the cached file keeps the seats' spreads too; one from before spreads is computed again, not read as factors 1
    stored = json.loads(files[0].read_text(encoding="utf-8"))
    assert len(stored["spread"]) == meridian.n
    del stored["spread"]
    files[0].write_text(json.dumps(stored), encoding="utf-8")
    par._memo.clear()
    assert np.array_equal(par.par_table(meridian, games=2, seed=6, reference=ref), first)
    assert "spread" in json.loads(files[0].read_text(encoding="utf-8"))


def test_par_follows_the_reference_play(meridian):
    """Par is what the seat scores under the reference play: another reference gives another par."""
    ref = _fixed(meridian)
    base = par.par_table(meridian, games=2, seed=7, reference=ref)
    ref2 = dict(ref)
    ref2[0] = "hawk" if ref[0] != "hawk" else "cooperative"
    other = par.par_table(meridian, games=2, seed=7, reference=ref2)
    assert not np.allclose(base[-1], other[-1])


def test_the_reference_play_is_the_strategist_in_every_seat(meridian):
    assert set(par.reference_doctrines(meridian).values()) == {"planner"}


@pytest.mark.parametrize("name", ["meridian", "tutorial", "north_atlantic", "southeast_asia", "five_eyes"])
def test_every_shipped_scenario_carries_its_par_for_its_current_content(name):
    """So a class never waits for par: the shipped file is used while the scenario is unchanged (tools/par.py
    rewrites them after a rule change)."""
    from game.content.loader import load_scenario

    sc = load_scenario(par.SHIPPED.parent / f"{name}.yaml")
    shipped = par.shipped_par(sc)
    assert shipped is not None, f"game/data/scenarios/par/{name}.json is missing or stale: run tools/par.py"
    assert shipped.shape == (sc.turns + 1, sc.n)
    assert par.shipped_spread(sc) is not None, f"game/data/scenarios/par/{name}.json has no spreads: run tools/par.py"
    assert np.array_equal(par.par_table(sc), shipped)
    from game.sim.resolve import new_game
    from game.sim.scoring import national_interest
    assert np.allclose(shipped[0], national_interest(new_game(sc)), atol=1e-2)


@pytest.mark.parametrize("name", ["meridian", "tutorial", "north_atlantic", "southeast_asia", "five_eyes"])
def test_every_shipped_par_is_still_what_the_engine_plays(name):
    """The shipped par is used while the scenario's content is unchanged, whatever the engine does: a change of the
    rules or of the strategist leaves it stale without a word. Its first par game, replayed for a few turns, must
    still give the numbers stored beside it (after such a change: run tools/par.py)."""
    from game.content.loader import load_scenario

    sc = load_scenario(par.SHIPPED.parent / f"{name}.yaml")
    stored = par.shipped_probe(sc)
    assert stored is not None, f"game/data/scenarios/par/{name}.json has no probe: run tools/par.py"
    assert np.allclose(par.probe(sc), stored, atol=1e-6), \
        f"game/data/scenarios/par/{name}.json is stale for this engine (its first game plays differently): run tools/par.py"


def test_a_changed_scenario_does_not_use_the_shipped_par(meridian):
    import dataclasses

    changed = dataclasses.replace(meridian, stability=meridian.stability + 1)
    assert par.shipped_par(changed) is None


def test_vs_par_is_the_gain_over_the_seat_par_at_the_same_turn():
    table = np.array([[50.0, 40.0], [52.0, 41.0], [55.0, 39.0]])
    assert np.allclose(par.vs_par(np.array([56.0, 40.0]), table, 2), [1.0, 1.0])
    assert np.allclose(par.vs_par(np.array([56.0, 40.0]), table, 1), [4.0, -1.0])


def test_a_shipped_scenario_carries_a_par_of_100_games_and_a_copy_of_it_is_computed_from_twenty():
    """R9.5: tools/par.py averages a shipped scenario over 100 games, whatever its size (its seats' spreads need
    many); the same numbers under another id are not shipped, so their par is computed on first use from 20 games
    (a teacher's own file waits no longer for it)."""
    import dataclasses

    from game.content.loader import load_scenario
    from game.data import shipped

    tut, mer = (load_scenario(shipped(name)) for name in ("tutorial", "meridian"))
    assert (par.shipped_games(tut), par.shipped_games(mer)) == (100, 100)
    stored = json.loads((par.SHIPPED / "tutorial.json").read_text(encoding="utf-8"))
    assert stored["games"] == 100 and par.par_games(tut) == 100 and par.par_games(mer) == 100
    assert np.allclose(par.par_table(tut), np.array(stored["par"]))
    assert np.allclose(par.par_factors(tut), par.factors(np.array(stored["spread"])))
    copy = dataclasses.replace(tut, id="my_harbours")
    assert par.shipped_par(copy) is None and par.par_games(copy) == par.PAR_GAMES == 20

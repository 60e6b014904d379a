"""Par: each seat's reference score per turn, cached by content; a team is ranked by its gain over it."""
from __future__ import annotations

import json

import numpy as np

from game.runner import par


def test_par_table_has_a_row_per_turn_and_a_column_per_seat(meridian):
    t = par.par_table(meridian, games=2, seed=5)
    assert t.shape == (meridian.turns + 1, meridian.n)
    assert np.isfinite(t).all()
    # row 0 is the start: every seat's National Interest before anything happened, the same in every game
    from game.sim.resolve import new_game
    from game.sim.scoring import national_interest
    assert np.allclose(t[0], national_interest(new_game(meridian)), atol=1e-3)


def test_par_is_read_back_from_the_cache_and_a_damaged_cache_is_recomputed(meridian, tmp_path, monkeypatch):
    monkeypatch.setenv("REGIONAL_ACCORD_CACHE", str(tmp_path))
    par._memo.clear()
    first = par.par_table(meridian, games=2, seed=6)
    files = list((tmp_path / "par").glob("meridian-*.json"))
    assert len(files) == 1
    par._memo.clear()
    assert np.array_equal(par.par_table(meridian, games=2, seed=6), first)
    files[0].write_text("{not json", encoding="utf-8")
    par._memo.clear()
    assert np.array_equal(par.par_table(meridian, games=2, seed=6), first)
    assert json.loads(files[0].read_text(encoding="utf-8"))["games"] == 2


def test_par_follows_the_reference_play(meridian):
    """Par is what the seat scores under the reference play: a seat that does nothing in the reference
    gets a different par than the same seat playing its scenario doctrine."""
    ref = par.reference_doctrines(meridian)
    base = par.par_table(meridian, games=2, seed=7, reference=ref)
    ref2 = dict(ref)
    ref2[0] = "hawk" if ref[0] != "hawk" else "cooperative"
    other = par.par_table(meridian, games=2, seed=7, reference=ref2)
    assert not np.allclose(base[-1], other[-1])


def test_vs_par_is_the_gain_over_the_seat_par_at_the_same_turn():
    table = np.array([[50.0, 40.0], [52.0, 41.0], [55.0, 39.0]])
    assert np.allclose(par.vs_par(np.array([56.0, 40.0]), table, 2), [1.0, 1.0])
    assert np.allclose(par.vs_par(np.array([56.0, 40.0]), table, 1), [4.0, -1.0])

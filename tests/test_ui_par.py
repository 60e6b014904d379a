"""Score vs par (National Interest minus the seat's par) and the standing (R9.5) on the board and in the end's
ranking, which the standing orders until the duplicate score (the strategist in the same seat of the same game,
R9.6) is ready and orders it."""
from __future__ import annotations

import numpy as np
import pytest

from game.app import duplicate as DUP
from game.app import par as PAR
from game.app.session import GameSession, Seat
from game.content.loader import SCENARIOS, load_scenario
from game.runner.duplicate import reference_line
from game.sim.scoring import national_interest
from game.ui import testing as ui
from game.ui.app import App
from game.ui.prefs import Settings
from game.ui.scenes.board import BoardScene
from game.ui.scenes.gameover import GameOverScene
from game.ui.scenes.menu import MainMenu


@pytest.fixture
def app(data):
    a = App((1280, 720), Settings())
    yield a
    a.reset()


def _session(turns: int, seed: int = 5):
    path = SCENARIOS / "tutorial.yaml"
    sc = load_scenario(path)
    s = GameSession.new(path, sc, seed, {k: Seat(k == 0, nd.doctrine) for k, nd in enumerate(sc.nations)}, autosave=False)
    for _ in range(turns):
        if not s.over:
            s.resolve()
    return s


def test_board_shows_vs_par_and_the_standing_it_ranks_by(app):
    s = _session(2)
    PAR.table(s, wait=True)
    app.reset(MainMenu(app), BoardScene(app, s))
    app.run_frames(2)
    text = ui.screen_text(app)
    vs, stand = PAR.scores(s), PAR.standings(s)
    assert "vs par" in text and "Stand." in text
    assert PAR.signed(vs[0]) in text and PAR.signed(stand[0]) in text
    assert not np.allclose(PAR.factors(s), 1.0)   # the tutorial's seats spread unequally: the two columns differ


def test_the_end_ranks_by_standing(app, monkeypatch):
    monkeypatch.setattr(DUP, "scores", lambda session, wait=False: None)    # before the duplicate scores are ready
    s = _session(10)
    assert s.over
    app.reset(MainMenu(app), GameOverScene(app, s))
    app.run_frames(2)
    text = ui.screen_text(app)
    assert "Ranking by standing" in text
    vs, stand = PAR.scores(s), PAR.standings(s)
    order = sorted(range(s.scenario.n), key=lambda k: -stand[k])
    rows = [t for t in text if any(t.endswith(nd.name) and t[:1].isdigit() for nd in s.scenario.nations)]
    assert rows == [f"{r}. {s.scenario.nations[k].name}" for r, k in enumerate(order, 1)]
    for k in range(s.scenario.n):
        assert PAR.signed(vs[k]) in text and PAR.signed(stand[k]) in text


def test_the_end_ranks_by_duplicate_score_once_it_is_computed(app):
    s = _session(10)
    dup = DUP.scores(s, wait=True)
    assert dup is not None and np.isfinite(dup).all()
    app.reset(MainMenu(app), GameOverScene(app, s))
    app.run_frames(2)
    text = ui.screen_text(app)
    assert "Ranking by duplicate score" in text and "duplicate" in text and "vs par" in text
    order = sorted(range(s.scenario.n), key=lambda k: -dup[k])
    rows = [t for t in text if any(t.endswith(nd.name) and t[:1].isdigit() for nd in s.scenario.nations)]
    assert rows == [f"{r}. {s.scenario.nations[k].name}" for r, k in enumerate(order, 1)]
    for k in range(s.scenario.n):
        assert PAR.signed(dup[k]) in text


def test_the_duplicate_replay_plays_the_teams_orders_and_the_facilitators_events_as_they_were():
    """Seat 1 is the strategist already: handed to the strategist again, the replay must give back the very game,
    with the team's orders, an injected event and the computer seats' plans all as played (at normal difficulty the
    strategist seat plays as the reference does; at another its depth would differ)."""
    path = SCENARIOS / "tutorial.yaml"
    sc = load_scenario(path)
    seats = {0: Seat(True, "cooperative"), 1: Seat(False, "planner"), 2: Seat(False, "hawk")}
    s = GameSession.new(path, sc, 12, seats, autosave=False)
    s.set_plan(0, [])
    s.resolve()
    s.inject_deck(sc.events[0].id, (2,) if sc.events[0].target != "region" else (), save=False)
    while not s.over:
        s.set_plan(0, s.computer_plan(0)[:1])
        s.resolve()
    played, exact = DUP.played(s)
    assert exact and played.injected[1] and played.injected[1][0][0].id == sc.events[0].id
    again = reference_line(played, 1, plan=lambda st, k, _n: s.plan_at(st, k))
    assert np.array_equal(national_interest(again), national_interest(s.state))



def test_a_dead_scenarios_par_is_never_shown_for_another_that_gets_its_id(monkeypatch):
    """CPython gives a dead object's id to the next one: the par cache must not take one scenario for another."""
    from types import SimpleNamespace

    monkeypatch.setattr(PAR, "id", lambda obj: 7, raising=False)   # every scenario gets the id a dead one had
    first = load_scenario(SCENARIOS / "meridian.yaml")
    assert PAR.table(SimpleNamespace(scenario=first), wait=True).shape == (first.turns + 1, first.n)
    del first
    tut = load_scenario(SCENARIOS / "tutorial.yaml")
    assert PAR.table(SimpleNamespace(scenario=tut), wait=True).shape == (tut.turns + 1, tut.n) != (21, 6)


def test_a_dead_sessions_duplicate_scores_are_never_shown_for_another(monkeypatch):
    a, b = _session(10), _session(10, seed=6)     # two games: other duplicate scores
    monkeypatch.setattr(DUP, "id", lambda obj: 7, raising=False)   # b has the ids a had, as if a had died
    got_a = DUP.scores(a, wait=True)
    got_b = DUP.scores(b, wait=True)
    monkeypatch.undo()
    assert got_b is not None and np.array_equal(got_b, DUP.scores(b, wait=True))
    assert not np.array_equal(got_a, got_b)


def test_a_score_that_rounds_to_zero_reads_plus_zero_never_minus_zero():
    assert [PAR.signed(v) for v in (-0.01, -0.049, 0.0, 0.04)] == ["+0.0"] * 4
    assert PAR.signed(-0.06) == "-0.1" and PAR.signed(1.5) == "+1.5"


def test_leaving_a_finished_game_for_the_menu_stops_its_duplicate_scores():
    """A finished game's duplicate replay runs in another process; back on the menu nobody will read it, so it is
    stopped (it kept a core busy for a game nobody looks at), and asked for again it starts afresh."""
    a = App((1280, 720), Settings())
    try:
        s = _session(10)
        a.reset(MainMenu(a), GameOverScene(a, s))
        a.run_frames(1)
        running = [job for _ref, job in DUP._jobs.values() if not job.done()]
        assert running, "the debrief asks for its duplicate scores as it opens"
        a.top.to_menu()
        a.run_frames(1)
        assert isinstance(a.top, MainMenu)
        assert all(job.done(5.0) for job in running)      # killed, not left to finish
        assert not any(job in running for _ref, job in DUP._jobs.values())
        assert DUP.scores(s, wait=True) is not None      # asked for again: computed afresh
    finally:
        a.reset()

"""Score vs par (National Interest minus the seat's par) on the board and in the end's ranking, which it orders."""
from __future__ import annotations

import pytest

from game.content.loader import SCENARIOS, load_scenario
from game.ui import par as PAR
from game.ui import testing as ui
from game.ui.app import App
from game.ui.prefs import Settings
from game.ui.scenes.board import BoardScene
from game.ui.scenes.gameover import GameOverScene
from game.ui.scenes.menu import MainMenu
from game.ui.session import GameSession, Seat


@pytest.fixture
def app(data):
    a = App((1280, 720), Settings())
    yield a
    a.reset()


def _session(turns: int):
    path = SCENARIOS / "tutorial.yaml"
    sc = load_scenario(path)
    s = GameSession.new(path, sc, 5, {k: Seat(k == 0, nd.doctrine) for k, nd in enumerate(sc.nations)}, autosave=False)
    for _ in range(turns):
        if not s.over:
            s.resolve()
    return s


def test_board_shows_vs_par(app):
    s = _session(2)
    PAR.table(s, wait=True)
    app.reset(MainMenu(app), BoardScene(app, s))
    app.run_frames(2)
    text = ui.screen_text(app)
    vs = PAR.scores(s)
    assert "vs par" in text
    assert PAR.signed(vs[0]) in text


def test_the_end_ranks_by_vs_par(app):
    s = _session(10)
    assert s.over
    app.reset(MainMenu(app), GameOverScene(app, s))
    app.run_frames(2)
    text = ui.screen_text(app)
    assert "Ranking by score vs par" in text
    vs = PAR.scores(s)
    order = sorted(range(s.scenario.n), key=lambda k: -vs[k])
    rows = [t for t in text if any(t.endswith(nd.name) and t[:1].isdigit() for nd in s.scenario.nations)]
    assert rows == [f"{r}. {s.scenario.nations[k].name}" for r, k in enumerate(order, 1)]
    for k in range(s.scenario.n):
        assert PAR.signed(vs[k]) in text

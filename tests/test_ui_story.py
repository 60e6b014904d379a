"""The turn as a story: the stability headline adds up, each nation's changes carry ▲/▼, model causes open into
parts with nations and numbers, an unknown cause is named by its id; and the resolution screen shows it all."""
from __future__ import annotations

import re

import pytest

from game.content.loader import default_scenario, load_scenario
from game.runner.headless import Game
from game.sim.ledger import Cause
from game.ui import story
from game.ui import testing as ui
from game.ui.app import App
from game.ui.prefs import Settings
from game.ui.scenes.board import BoardScene
from game.ui.scenes.menu import MainMenu
from game.ui.scenes.resolution import ResolutionScene


@pytest.fixture(scope="module")
def game():
    sc = load_scenario(default_scenario())
    g = Game.new(sc, 3, {})
    for _ in range(6):
        g.step()
    return g


def test_headline_adds_up(game):
    sc = game.scenario
    for rep in game.history.reports:
        h = story.headline(sc, rep)
        parts = [d for _, d, _ in h["causes"]] + [h["rest"]]
        assert round(sum(parts), 6) == round(h["delta"], 6)
        assert abs(h["before"] + h["delta"] - round(h["after"], 1)) < 1e-6
        assert abs(h["after"] - float(rep["summary"]["stability"])) < 1e-9
        assert story.headline_text(sc, rep).startswith(f"Stability {h['before']:.1f} → {h['after']:.1f}")


def test_model_causes_open_into_nations_and_numbers(game):
    sc = game.scenario
    names = [nd.name for nd in sc.nations]
    seen = set()
    for t, rep in enumerate(game.history.reports, 1):
        state = game.history.states[t]
        for f, ix in (("stability", ()), ("threat", 0), ("tension", (0, 1)), ("economy", 0), ("trust", (0, 1))):
            for cause, _ in story.causes_of(rep, f, ix):
                lines = story.parts(sc, rep, state, f, ix, cause)
                if cause.kind == "dynamic" and cause.id in story.PARTS:
                    assert lines, (cause, f)
                    text = " ".join(lines)
                    assert re.search(r"\d", text), text
                    if cause.id != "regional climate" or "most:" in text:
                        assert any(n in text for n in names) or cause.id == "drift", text
                    seen.add(cause.id)
    assert {"regional climate", "drift", "security dilemma", "collective effort"} <= seen


def test_an_unknown_cause_is_named_by_its_id(game):
    sc, rep = game.scenario, game.history.reports[0]
    new = Cause("dynamic", "brand-new pressure")
    assert story.parts(sc, rep, game.state, "stability", (), new) == []
    assert story.grouped(sc, [(new, -1.0)])[0][0] == "brand-new pressure"


def test_resolution_screen_tells_the_story(data):
    from game.ui.shots import played_session

    session = played_session(turns=2)
    app = App((1280, 720), Settings())
    try:
        app.reset(MainMenu(app), BoardScene(app, session))
        app.push(ResolutionScene(app, session, session.last_report, review=True))
        app.run_frames(2)
        text = " ".join(ui.gui_text(app))
        h = story.headline(session.scenario, session.last_report)
        assert f"Stability {h['before']:.1f} → {h['after']:.1f} ({h['delta']:+.1f})" in text
        assert "▲" in text or "▼" in text
        for words, d, _ in h["causes"]:
            assert f"{d:+.1f}  {words}" in text
        ui.press(app, ord("x"), unicode="x")         # X closes the parts
        assert not app.top.detail
    finally:
        app.reset()


def test_no_doctrine_or_facilitator_marks_on_the_public_screen(data):
    """The map tooltip says 'Computer nation', not its doctrine, until the facilitator reveals the doctrines; the
    resolution never says what the facilitator injected."""
    import pygame

    from game.ai.registry import DOCTRINES
    from game.ui.scenes.facilitator import FacilitatorScene
    from game.ui.shots import played_session

    session = played_session(turns=1)
    app = App((1280, 720), Settings())
    try:
        app.reset(MainMenu(app), BoardScene(app, session))
        app.run_frames(2)
        board = app.top
        k = next(k for k in range(session.scenario.n) if not session.seats[k].human)
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=board.map.pos[k], rel=(0, 0), buttons=(0, 0, 0)))
        app.run_frames(2)
        titles = {d.title for d in DOCTRINES.values()}
        text = ui.screen_text(app)
        assert "Computer nation" in text and not [t for t in text if any(x in t for x in titles)]
        app.push(FacilitatorScene(app, session))
        app.run_frames(1)
        ui.click_button(app, "Doctrines: hidden")
        app.pop()
        app.run_frames(1)
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=board.map.pos[k], rel=(0, 0), buttons=(0, 0, 0)))
        app.run_frames(2)
        assert session.seat_label(k) in ui.screen_text(app)      # revealed: the doctrine is named
        session.inject_deck(session.scenario.events[0].id, ())  if not session.scenario.events[0].target else None
        report = session.resolve()
        app.push(ResolutionScene(app, session, report))
        app.run_frames(2)
        assert not [t for t in ui.screen_text(app) if "facilitator" in t.lower() or "injected" in t.lower()]
    finally:
        app.reset()

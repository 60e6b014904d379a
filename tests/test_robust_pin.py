"""The facilitator PIN guards every route to the console and to a protected class's game: F9, Ctrl+F, the pause
menu, Continue, the Load screen (also from the pause menu), the previous autosave, older and edited saves; wrong
PINs are slowed after a few; the hash is scrypt (a version 2 save's SHA-256 still opens, and is upgraded)."""
from __future__ import annotations

import hashlib
import json

import pygame
import pytest

from game.app import pins
from game.app.session import GameSession, Seat
from game.content import saves
from game.content.loader import default_scenario, load_scenario
from game.ui import testing as ui
from game.ui.app import App
from game.ui.prefs import Settings
from game.ui.scenes.board import BoardScene
from game.ui.scenes.facilitator import FacilitatorScene, PinScene
from game.ui.scenes.loadgame import LoadScene
from game.ui.scenes.menu import MainMenu

PIN = "2468"


@pytest.fixture
def app(data):
    a = App((1280, 720), Settings())
    yield a
    a.reset()


@pytest.fixture
def protected(app, data):
    """A class's game with a named save from before the PIN, then the PIN set (which autosaves: the PIN-less
    autosave of the same turn becomes autosave.1.json, the bypass of issue 17)."""
    sc = load_scenario(default_scenario())
    s = GameSession.new(default_scenario(), sc, 11, {k: Seat(k in (0, 2), nd.doctrine) for k, nd in enumerate(sc.nations)})
    s.save_as("before the pin")
    s.set_pin(PIN)
    assert json.loads(saves.previous_autosave_path().read_text())["facilitator"]["pin"] is None
    app.reset(MainMenu(app), BoardScene(app, s))
    app.run_frames(1)
    return s


def _answer(app, pin: str) -> None:
    assert isinstance(app.top, PinScene), type(app.top).__name__
    ui.type_text(app, app.top.pin_entry, pin)
    ui.press(app, pygame.K_RETURN)


def _wrong_then_right(app, opened: type) -> None:
    _answer(app, "1111")
    assert isinstance(app.top, PinScene) and app.top.error == "Wrong PIN."
    _answer(app, PIN)
    assert isinstance(app.top, opened), type(app.top).__name__


def test_f9_asks(app, protected):
    ui.press(app, pygame.K_F9)
    _wrong_then_right(app, FacilitatorScene)


def test_ctrl_f_asks(app, protected):
    ui.post_key(pygame.K_f, "f", pygame.KMOD_LCTRL)
    app.run_frames(2)
    _wrong_then_right(app, FacilitatorScene)


def test_the_pause_menu_asks(app, protected):
    ui.press(app, pygame.K_ESCAPE)
    ui.click_button(app, "Facilitator console")
    _wrong_then_right(app, FacilitatorScene)


def test_continue_asks_before_the_game_opens(app, protected):
    menu = MainMenu(app)
    app.reset(menu)
    app.run_frames(1)
    ui.click_button(app, "Continue")
    assert isinstance(app.top, PinScene)
    assert not [t for t in ui.screen_text(app) if "Turn 1 of" in t]
    _wrong_then_right(app, BoardScene)
    ui.press(app, pygame.K_F9)                              # and the loaded game's console asks again
    _answer(app, PIN)
    assert isinstance(app.top, FacilitatorScene)


@pytest.mark.parametrize("which", ["previous autosave", "before the pin"])
def test_older_saves_of_the_class_ask_too(app, protected, which):
    """Esc -> Load game -> the previous autosave (or a save from before the PIN): still the class's PIN."""
    ui.press(app, pygame.K_ESCAPE)
    ui.click_button(app, "Load game")
    scene = app.top
    assert isinstance(scene, LoadScene)
    path = saves.previous_autosave_path() if which == "previous autosave" else saves.saves_dir() / "before-the-pin.json"
    scene.load(path)
    _answer(app, "0000")
    assert isinstance(app.top, PinScene)
    ui.press(app, pygame.K_ESCAPE)                          # cancelled: back to the list, no game opened
    assert isinstance(app.top, LoadScene)
    scene.load(path)
    _answer(app, PIN)
    assert isinstance(app.top, BoardScene)
    ui.press(app, pygame.K_F9)
    assert isinstance(app.top, PinScene)                    # the PIN came with the class, not with that save


def test_the_fallback_to_the_previous_autosave_asks(app, protected):
    saves.autosave_path().write_text("{damaged")
    menu = MainMenu(app)
    app.reset(menu)
    app.run_frames(1)
    menu.continue_game()
    assert menu.error and menu.fallback == saves.previous_autosave_path()
    ui.click_button(app, "Load the previous autosave")
    _wrong_then_right(app, BoardScene)


def test_a_save_edited_to_drop_the_pin_still_asks(app, protected):
    path = saves.autosave_path()
    data = json.loads(path.read_text())
    data["facilitator"]["pin"] = None
    path.write_text(json.dumps(data))
    assert GameSession.load(path).has_pin


def test_rewinding_keeps_the_pin(app, protected):
    protected.resolve()
    ui.press(app, pygame.K_F9)
    _answer(app, PIN)
    protected.rewind(1)
    loaded = GameSession.load(saves.autosave_path())
    assert loaded.has_pin and loaded.branches


def test_removing_the_pin_frees_every_save_of_the_class(app, protected):
    assert protected.check_pin(PIN)
    protected.set_pin(None)
    assert not GameSession.load(saves.saves_dir() / "before-the-pin.json").has_pin


def test_wrong_pins_are_slowed_after_a_few(app, protected, monkeypatch):
    now = [1000.0]
    g = pins.guard(protected.class_id)
    monkeypatch.setattr(g, "clock", lambda: now[0])
    for _ in range(pins.MAX_FREE):
        assert not protected.check_pin("0000")
    assert protected.pin_wait == pytest.approx(pins.WAIT_FIRST)
    assert not protected.check_pin(PIN)                     # even the right PIN waits
    ui.press(app, pygame.K_F9)
    _answer(app, PIN)
    assert isinstance(app.top, PinScene) and "wait 5 s" in app.top.error
    now[0] += pins.WAIT_FIRST
    assert not protected.check_pin("0000")
    assert protected.pin_wait == pytest.approx(2 * pins.WAIT_FIRST)   # each further miss waits twice as long
    now[0] += 2 * pins.WAIT_FIRST
    assert protected.check_pin(PIN) and protected.pin_wait == 0


def test_the_pin_is_stored_with_scrypt_and_old_hashes_still_open(app, protected):
    assert protected.pin_hash.startswith("scrypt$16384$8$1$")
    assert PIN not in saves.autosave_path().read_text() and PIN not in (saves.data_dir() / pins.REGISTRY).read_text()
    old = "abcd1234$" + hashlib.sha256(b"abcd1234:9753").hexdigest()
    assert pins.verify("9753", old) and not pins.verify("9754", old)
    protected.pin_hash = old
    assert protected.check_pin("9753") and protected.pin_hash.startswith("scrypt$")
    assert not pins.verify("9753", "scrypt$99999999999$8$1$00$00") and not pins.verify("x", "garbage")

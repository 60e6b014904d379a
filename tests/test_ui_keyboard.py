"""Every screen by keyboard alone: main menu -> a two-team hotseat game -> a named save -> the console -> the debrief
and its export, without one mouse event; and docs/playing.md lists every screen's keys (checked against the
handlers)."""
from __future__ import annotations

import re
from pathlib import Path

import pygame
import pytest

from game.content import saves
from game.content.loader import SCENARIOS
from game.ui import testing as ui
from game.ui.app import App
from game.ui.focus import key_codes
from game.ui.prefs import Settings
from game.ui.scenes.board import BoardScene
from game.ui.scenes.gameover import GameOverScene
from game.ui.scenes.hotseat import HotseatScene
from game.ui.scenes.ledger import LedgerScene
from game.ui.scenes.menu import MainMenu
from game.ui.scenes.pause import PauseMenu
from game.ui.scenes.picker import ScenarioPicker
from game.ui.scenes.planning import PlanningScene
from game.ui.scenes.resolution import ResolutionScene
from game.ui.scenes.setup import SetupScene
from game.ui.shots import factories, scene_classes

ROOT = Path(__file__).resolve().parents[1]
MOUSE = (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION, pygame.MOUSEWHEEL)


@pytest.fixture
def app(data, monkeypatch):
    a = App((1280, 720), Settings())
    a.push(MainMenu(a))
    a.run_frames(2)
    seen = []
    real = a.dispatch

    def dispatch(e):
        seen.append(e.type)
        real(e)

    monkeypatch.setattr(a, "dispatch", dispatch)
    yield a
    assert not [t for t in seen if t in MOUSE], "a mouse event reached the game"
    a.reset()


def key(app, k: int, unicode: str = "", mod: int = 0, frames: int = 3) -> None:
    ui.post_key(k, unicode, mod)
    app.run_frames(frames)


def tab_to(app, label: str, limit: int = 60) -> None:
    """Tab until the focus ring is on the control whose label starts with `label`."""
    for _ in range(limit):
        el = app.top.focused()
        if el is not None and getattr(el, "text", "").startswith(label):
            return
        key(app, pygame.K_TAB, frames=1)
    raise AssertionError(f"Tab never reached '{label}' on {type(app.top).__name__}")


def plan_by_keys(app) -> None:
    """On a planning screen: pick the first card that takes one partner, take the first target by Down + Enter."""
    scene = app.top
    sc = scene.session.scenario
    for number, (_, aid) in enumerate(scene.card_rects, 1):
        if sc.action(aid).target == "partner" and not scene.blocked(sc.action(aid)):
            key(app, getattr(pygame, f"K_{number}"), str(number))
            if scene.targets is None:
                continue
            key(app, pygame.K_DOWN)
            key(app, pygame.K_RETURN, "\r")
            if scene.orders:
                return
    raise AssertionError("no card was planned by keys")


def test_a_whole_game_by_keyboard(app, data):
    # main menu: Down to the picker's button is not needed - New game has the focus; Enter opens it
    assert app.top.focused().text == "New game"
    key(app, pygame.K_DOWN)
    key(app, pygame.K_UP)
    key(app, pygame.K_RETURN, "\r")
    assert isinstance(app.top, ScenarioPicker)
    rows = [e.path.name for e in app.top.entries]
    for _ in range(rows.index("tutorial.yaml") - rows.index(app.top.current.path.name)):
        key(app, pygame.K_DOWN)
    assert app.top.current.path == SCENARIOS / "tutorial.yaml"
    key(app, pygame.K_RETURN, "\r")
    setup = app.top
    assert isinstance(setup, SetupScene)
    # a second team: Tab to the second seat's "Computer" button, Space makes it a team
    tab_to(app, "Computer")
    key(app, pygame.K_SPACE, " ")
    assert [s.human for s in setup.seats.values()][:2] == [True, True]
    tab_to(app, "Hard")
    key(app, pygame.K_SPACE, " ")
    assert setup.difficulty == "hard"
    tab_to(app, "Start")
    key(app, pygame.K_RETURN, "\r")
    board = app.top
    assert isinstance(board, BoardScene)
    session = board.session
    assert session.humans == [0, 1]

    # turn 1: pass screen, plan by keys, pass screen, empty plan, resolution, the why-ledger, back to the board
    key(app, pygame.K_RETURN, "\r")
    assert isinstance(app.top, HotseatScene) and app.top.nation == 0
    key(app, pygame.K_RETURN, "\r")
    assert isinstance(app.top, PlanningScene)
    plan_by_keys(app)
    key(app, pygame.K_RETURN, "\r")
    assert isinstance(app.top, HotseatScene) and app.top.nation == 1
    key(app, pygame.K_RETURN, "\r")
    key(app, pygame.K_RETURN, "\r")
    assert isinstance(app.top, ResolutionScene)
    assert session.game.history.reports[0]["orders"][session.scenario.nations[0].id]
    key(app, pygame.K_w, "w")
    assert isinstance(app.top, LedgerScene)
    key(app, pygame.K_ESCAPE)
    assert isinstance(app.top, ResolutionScene)
    key(app, pygame.K_RETURN, "\r")
    assert isinstance(app.top, BoardScene)

    # a named save from the pause menu
    key(app, pygame.K_ESCAPE)
    assert isinstance(app.top, PauseMenu)
    key(app, pygame.K_s, "s")
    assert app.typing()
    app.top.name_entry.set_text("")
    for ch in "class a":
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    app.run_frames(2)
    assert app.top.name_entry.get_text() == "class a"
    key(app, pygame.K_RETURN, "\r")
    assert any(p.name.startswith("class") for p in saves.saves_dir().iterdir())
    key(app, pygame.K_ESCAPE)            # leaves the name field
    if isinstance(app.top, PauseMenu):
        key(app, pygame.K_ESCAPE)
    assert isinstance(app.top, BoardScene)

    # the facilitator console: every tab by its number, a control by Tab + Space, closed by Esc
    key(app, pygame.K_F9)
    console = app.top
    assert getattr(console, "facilitator", False)
    for n in range(1, 8):
        key(app, getattr(pygame, f"K_{n}"), str(n))
    key(app, pygame.K_1, "1")
    tab_to(app, "Pause")
    key(app, pygame.K_SPACE, " ")
    assert session.paused
    tab_to(app, "Resume")
    key(app, pygame.K_SPACE, " ")
    assert not session.paused
    key(app, pygame.K_ESCAPE)
    assert isinstance(app.top, BoardScene)

    # the rest of the game by Enter alone (fresh presses), to the debrief, and its export
    for _ in range(200):
        if isinstance(app.top, GameOverScene):
            break
        key(app, pygame.K_RETURN, "\r")
    assert isinstance(app.top, GameOverScene)
    key(app, pygame.K_RIGHT)
    key(app, pygame.K_e, "e")
    folder = data / "exports"
    assert folder.exists() and any(folder.rglob("*.html"))
    key(app, pygame.K_RETURN, "\r")
    assert isinstance(app.top, MainMenu)


# -- docs/playing.md keeps every screen's keys ------------------------------------------------------------------
_scene_classes = scene_classes
_factories = factories


def test_playing_md_lists_every_screens_keys():
    doc = (ROOT / "docs" / "playing.md").read_text(encoding="utf-8")
    for cls in _scene_classes():
        m = re.search(rf"^### .*`{cls.__name__}`.*$\n(?P<body>(?:(?!^##).*\n)*)", doc, re.M)
        assert m, f"docs/playing.md has no '### ... `{cls.__name__}`' section"
        body = m.group("body")
        for k, what in cls.KEYS:
            assert f"**{k}**" in body, f"docs/playing.md, {cls.__name__}: key {k} ({what}) is not listed"
        listed = re.findall(r"\*\*([^*]+)\*\*", body)
        for k in listed:
            assert k in dict(cls.KEYS) or k in dict(cls.GLOBAL_KEYS), \
                f"docs/playing.md, {cls.__name__}: lists {k}, which the screen does not declare"
    for k, _ in _scene_classes()[0].GLOBAL_KEYS:
        assert f"**{k}**" in doc


def test_every_declared_key_is_parsed():
    for cls in _scene_classes():
        for k, _ in cls.KEYS:
            assert key_codes(k), (cls.__name__, k)


# -- ... and against the handlers: every key a screen declares does something there -------------------------------
# keys that act only in a state of the screen: the keys pressed first to get there
PREPARE = {("DebriefScene", "L"): [pygame.K_3, pygame.K_DOWN], ("DebriefScene", "R"): "whatif",
           ("GameOverScene", "L"): [pygame.K_3, pygame.K_DOWN], ("GameOverScene", "R"): "whatif",
           ("PlanningScene", "Backspace"): "plan", ("PlanningScene", "Up/Down"): "card",
           ("PlanningScene", "Space"): "card+down", ("FacilitatorScene", "PgUp/PgDn"): [pygame.K_8]}


def test_every_declared_key_acts_on_its_screen(data):
    from game.ui.shots import played_session

    session = played_session(SCENARIOS / "tutorial.yaml", turns=2)
    factories = _factories()
    for cls in _scene_classes():
        for name, what in cls.KEYS:
            app = App((1280, 720), Settings())
            try:
                app.reset(MainMenu(app), BoardScene(app, session))
                scene = factories[cls.__name__](app, session)
                app.push(scene)
                app.run_frames(1)
                prep = PREPARE.get((cls.__name__, name), [])
                if prep == "plan":
                    ui.plan_partner_card(app)
                elif prep in ("card", "card+down"):     # a card that asks for a partner is selected
                    number = next(n for n, (_, aid) in enumerate(scene.card_rects, 1)
                                  if session.scenario.action(aid).target == "partner")
                    key(app, getattr(pygame, f"K_{number}"), str(number), frames=2)
                    assert scene.targets is not None
                    if prep == "card+down":
                        key(app, pygame.K_DOWN, frames=2)
                elif prep == "whatif":          # the what-if tab, once its first run has finished
                    key(app, pygame.K_6, "6", frames=2)
                    for _ in range(2000):
                        if scene.running is None:
                            break
                        app.run_frames(1)
                else:
                    for k in prep:
                        key(app, k, frames=2)
                acted = []
                real = scene.handle_event
                scene.handle_event = lambda e, acted=acted, real=real: acted.append(real(e)) or acted[-1]
                serial = app.scene_serial
                code = key_codes(name)[0]
                ch = chr(code) if code < 128 and chr(code).isprintable() else ""
                key(app, code, ch, frames=2)
                assert any(acted) or app.scene_serial != serial, \
                    f"{cls.__name__}: the declared key {name} ({what}) did nothing"
            finally:
                app.reset()


def test_the_focus_ring_reaches_planning_cards(data):
    """Cards are controls too: Tab brings the ring to a card, Space picks it (as its number key would)."""
    from game.ui.shots import played_session

    session = played_session(turns=1)
    app = App((1280, 720), Settings())
    try:
        app.reset(MainMenu(app), BoardScene(app, session))
        app.push(PlanningScene(app, session, session.humans[0]))
        app.run_frames(1)
        scene = app.top
        first = scene.card_rects[0]
        for _ in range(30):
            el = scene.focused()
            if el is not None and el.rect == first[0]:
                break
            key(app, pygame.K_TAB, frames=1)
        else:
            raise AssertionError("Tab never reached the first card")
        with ui.drawn_text():
            app.draw()
        key(app, pygame.K_SPACE, " ")
        a = session.scenario.action(first[1])
        assert scene.selected == first[1] or (a.target == "self" and session.plan(session.humans[0]))
    finally:
        app.reset()


def _tutorial_planning(app):
    """The tutorial with Valdoria a team, its planning screen open."""
    from game.app.session import GameSession, Seat
    from game.content.loader import load_scenario

    path = SCENARIOS / "tutorial.yaml"
    sc = load_scenario(path)
    session = GameSession.new(path, sc, 3, {k: Seat(k == 0, nd.doctrine) for k, nd in enumerate(sc.nations)})
    app.reset(MainMenu(app), PlanningScene(app, session, 0))
    app.run_frames(2)
    return sc


def test_a_partner_taken_by_enter_is_no_longer_highlighted(app, data):
    """After Down + Enter takes a partner, the next Enter ends planning: the list must not still show that partner
    highlighted as if Enter would act on it (it did, in a real window: the team pressed Enter for a second order and
    the turn ended). The order is in the plan, the card stays open for another partner."""
    _tutorial_planning(app)
    plan_by_keys(app)
    scene = app.top
    assert scene.orders and scene.targets is not None
    assert scene.targets.selected is None
    taken = scene.orders[-1].targets[0]                 # and the list says which partner the card already has
    assert [r.key for r in scene.targets.rows if "in your plan" in r.detail] == [taken]
    key(app, pygame.K_DOWN)                       # Down highlights a row again, and Enter takes it
    assert scene.targets.selected is not None


def test_enter_right_after_picking_a_card_asks_for_its_partner_instead_of_ending_the_turn(app, data):
    """A card's number, then Enter: in a real window (the Archipelago) the turn resolved with nothing in the plan,
    since Enter with no partner highlighted ended planning. It now keeps the screen and says what to do; Down + Enter
    takes the partner, and the next Enter ends planning as before."""
    _tutorial_planning(app)
    scene = app.top
    number = next(n for n, (_, aid) in enumerate(scene.card_rects, 1) if aid == "ministers_dialogue")
    key(app, getattr(pygame, f"K_{number}"), str(number))
    key(app, pygame.K_RETURN, "\r")
    assert app.top is scene and not scene.orders
    assert scene.message and scene.message.startswith("Choose a partner for Defence ministers' dialogue first")
    key(app, pygame.K_DOWN)
    key(app, pygame.K_RETURN, "\r")
    assert [o.action for o in scene.orders] == ["ministers_dialogue"]
    key(app, pygame.K_RETURN, "\r")
    assert app.top is not scene                        # the card has its partner: Enter ends planning


def test_after_a_card_for_several_partners_is_added_enter_ends_planning(app, data):
    """Space marks partners and Enter adds the order; the partner last highlighted stayed highlighted, so the next
    Enter marked it again and said "the same order is given twice" (in a real window, the Meridian Sea's climate
    resilience) instead of ending planning as it does after a one-partner card."""
    _tutorial_planning(app)
    scene = app.top
    sc = scene.session.scenario
    for _ in range(6):                              # PgDn to the first page with a card for several partners
        found = [(n, aid) for n, (_, aid) in enumerate(scene.card_rects, 1) if sc.action(aid).target == "partners"]
        if found:
            break
        key(app, pygame.K_PAGEDOWN)
    number, aid = found[0]
    key(app, getattr(pygame, f"K_{number}"), str(number))
    key(app, pygame.K_DOWN)
    key(app, pygame.K_SPACE, " ")
    key(app, pygame.K_RETURN, "\r")
    assert [o.action for o in scene.orders] == [aid] and scene.message is None
    assert scene.targets is not None and scene.targets.selected is None
    key(app, pygame.K_RETURN, "\r")
    assert app.top is not scene, scene.message


def test_a_first_down_lands_on_a_partner_the_card_can_still_take(app, data):
    """After a partner is taken, Down + Enter adds the card toward the next partner; it landed on the partner just
    taken, and Enter said "the same order is given twice" (in a real window: a ministers' dialogue with Kestria,
    then Down + Enter for Morvane)."""
    _tutorial_planning(app)
    scene = app.top
    number = next(n for n, (_, aid) in enumerate(scene.card_rects, 1) if aid == "ministers_dialogue")
    key(app, getattr(pygame, f"K_{number}"), str(number))
    key(app, pygame.K_DOWN)
    key(app, pygame.K_RETURN, "\r")
    key(app, pygame.K_DOWN)
    key(app, pygame.K_RETURN, "\r")
    aimed = [o.targets[0] for o in scene.orders if o.action == "ministers_dialogue"]
    assert len(aimed) == 2 and len(set(aimed)) == 2, (aimed, scene.message)
    assert scene.message is None


def test_a_card_added_at_once_is_confirmed_not_flagged(app, data, monkeypatch):
    """A card without a target goes into the plan at its key; the screen says "Added: ..." in the good colour (it was
    drawn in the colour of a problem, beside the problems the same place shows)."""
    from game.app.session import GameSession, Seat
    from game.content.loader import load_scenario
    from game.ui import text as T

    path = SCENARIOS / "tutorial.yaml"
    sc = load_scenario(path)
    session = GameSession.new(path, sc, 3, {k: Seat(k == 0, nd.doctrine) for k, nd in enumerate(sc.nations)})
    app.reset(MainMenu(app), PlanningScene(app, session, 0))
    app.run_frames(2)
    scene = app.top
    number = next(n for n, (_, aid) in enumerate(scene.card_rects, 1)
                  if sc.action(aid).target == "self" and not scene.blocked(sc.action(aid)))
    drawn: list[tuple[str, tuple]] = []
    real = T.draw_block
    monkeypatch.setattr(T, "draw_block", lambda surf, text, font, color, *a, **k:
                        (drawn.append((text, tuple(color))), real(surf, text, font, color, *a, **k))[1])
    key(app, getattr(pygame, f"K_{number}"), str(number))
    app.draw()
    said = [c for t, c in drawn if t.startswith("Added: ")]
    assert scene.orders and said and set(said) == {tuple(app.theme.color("good"))}


def test_tab_visits_the_seats_panel_before_the_settings_beside_it(app, data):
    """Tab follows the set-up screen panel by panel: every seat's buttons, then the suggestions, difficulty and seed
    (it zigzagged between the two panels row by row: a seat, '2 teams', 'Normal', the next seat)."""
    from game.content.loader import load_scenario

    path = SCENARIOS / "meridian.yaml"
    app.reset(MainMenu(app), SetupScene(app, path, load_scenario(path), 1))
    app.run_frames(2)
    scene = app.top
    seen = []
    for _ in range(40):
        key(app, pygame.K_TAB, frames=1)
        el = scene.focused()
        seen.append("left" if scene.left.collidepoint(el.rect.center) else
                    "right" if scene.right.collidepoint(el.rect.center) else "bar")
    runs = [p for k, p in enumerate(seen) if k == 0 or seen[k - 1] != p]      # the panels in the order visited
    cycles = " ".join(runs).split("bar")
    assert len(cycles) >= 2 and all(c.split() in ([], ["left", "right"]) for c in cycles), runs
    assert seen.count("left") > 6      # all six seats' buttons in one run

"""UI flow with real pygame events: menu -> new game -> setup -> plan (key + click) -> resolution -> board, save/continue, game over."""
from __future__ import annotations

import time

import pygame
import pytest
from pygame_gui.elements import UITextBox

from game.app.session import GameSession, Seat
from game.content import saves
from game.content.loader import SCENARIOS, default_scenario, load_scenario
from game.sim.orders import target_problems
from game.sim.state import Order
from game.ui import testing as ui
from game.ui.app import App
from game.ui.prefs import Settings
from game.ui.scenes.board import BoardScene
from game.ui.scenes.gameover import GameOverScene
from game.ui.scenes.hotseat import HotseatScene
from game.ui.scenes.loadgame import LoadScene
from game.ui.scenes.menu import MainMenu
from game.ui.scenes.pause import PauseMenu
from game.ui.scenes.picker import ScenarioPicker
from game.ui.scenes.planning import PlanningScene
from game.ui.scenes.resolution import ResolutionScene
from game.ui.scenes.setup import SetupScene


def _scenario_path():
    tut = SCENARIOS / "tutorial.yaml"
    return tut if tut.exists() else default_scenario()


def _finish_turn(app) -> None:
    """From the board: plan nothing more, end planning, read the resolution, back to the board (or game over)."""
    if isinstance(app.top, BoardScene):
        ui.press(app, pygame.K_RETURN)
    while isinstance(app.top, (HotseatScene, PlanningScene)):
        ui.press(app, pygame.K_RETURN)
    assert isinstance(app.top, ResolutionScene), type(app.top)
    ui.press(app, pygame.K_RETURN)


def test_play_a_game_through_the_ui(app, data):
    # main menu -> new game -> the scenario picker
    assert ui.find_button(app, "Continue").is_enabled is False      # no autosave yet, and the button says so
    assert "no autosave" in ui.find_button(app, "Continue").text
    ui.click_button(app, "New game")
    picker = app.top
    assert isinstance(picker, ScenarioPicker)
    path = _scenario_path()
    ui.click(app, picker.list.row_rect(path))
    assert picker.current.path == path and picker.loaded is not None
    ui.press(app, pygame.K_RETURN)

    # setup: the first nation human, the others computer
    setup = app.top
    assert isinstance(setup, SetupScene)
    assert [s.human for s in setup.seats.values()] == [True] + [False] * (setup.sc.n - 1)   # the default
    ui.click_button(app, "Computer")            # the second nation becomes human ...
    assert setup.seats[1].human
    second = [b for b in ui.buttons(app) if b.text == "Human"][1]
    ui.click(app, second.rect)                   # ... and back to computer
    assert [s.human for s in setup.seats.values()] == [True] + [False] * (setup.sc.n - 1)
    assert ui.find_button(app, "Doctrine").is_enabled is False     # the human seat plays no doctrine
    ui.press(app, pygame.K_RETURN)
    board = app.top
    assert isinstance(board, BoardScene)
    session = board.session
    assert session.humans == [0] and session.turn == 1
    assert saves.autosave_path().exists()

    # plan with a number key and a click, Enter ends planning, the resolution shows, Enter back to the board
    ui.press(app, pygame.K_RETURN)
    order = ui.plan_partner_card(app)
    assert session.plan(0) == [order]
    ui.press(app, pygame.K_RETURN)
    assert isinstance(app.top, ResolutionScene)
    played = app.top.report["orders"][session.scenario.nations[0].id]
    assert [o["action"] for o in played] == [order.action]
    # the why-ledger from the resolution: every cause of a value's change this turn
    from game.ui.scenes.ledger import LedgerScene

    ui.click_button(app, "Why?")
    ledger = app.top
    assert isinstance(ledger, LedgerScene) and ledger.turn == 1
    assert ledger.rows() and abs(sum(r["delta"] for r in ledger.rows()) -
                                 (ledger.value_at(session.state) - ledger.value_at(session.game.history.states[0]))) < 0.01
    ui.press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, ResolutionScene)
    ui.press(app, pygame.K_RETURN)
    assert isinstance(app.top, BoardScene) and session.turn == 2

    _finish_turn(app)
    assert session.turn == 3

    # pause menu: save under a name, quit to the menu, Continue resumes at the same turn
    ui.press(app, pygame.K_ESCAPE)
    pause = app.top
    assert isinstance(pause, PauseMenu)
    ui.type_text(app, pause.name_entry, "class one")
    ui.click_button(app, "Save")
    assert (data / "saves" / "class-one.json").exists()
    assert pause.message and "class-one.json" in pause.message[0]
    ui.click_button(app, "Quit to menu")
    assert isinstance(app.top, MainMenu) and len(app.scenes) == 1
    ui.click_button(app, "Continue")
    resumed = app.top
    assert isinstance(resumed, BoardScene)
    assert resumed.session is not session and resumed.session.turn == 3
    assert resumed.session.game.to_json() == session.game.to_json()

    # play on to the end
    for _ in range(resumed.session.scenario.turns):
        if isinstance(app.top, GameOverScene):
            break
        _finish_turn(app)
    assert isinstance(app.top, GameOverScene)
    assert resumed.session.over and resumed.session.state.outcome in ("secure", "fragile", "conflict")
    # the end of the game is the debrief: its sections by number keys, then export the report
    from game.app import duplicate as DUP
    from game.ui.scenes.debrief import DebriefScene

    assert isinstance(app.top, DebriefScene)
    # the duplicate scores come from a background thread: wait for them here, so what follows sees one order of
    # events however loaded the machine is (before, the thread could finish at any key press below)
    assert DUP.scores(resumed.session, wait=True) is not None
    app.run_frames(2)
    assert "Ranking by duplicate score" in ui.screen_text(app)
    for key in (pygame.K_3, pygame.K_4, pygame.K_7):
        ui.press(app, key, unicode=pygame.key.name(key))
    ui.press(app, pygame.K_e, unicode="e")
    exports = list((data / "exports").glob("*/report.html"))
    assert exports and "data:image/png;base64," in exports[0].read_text()
    ui.press(app, pygame.K_RETURN)
    assert isinstance(app.top, MainMenu)
    assert "finished" in ui.find_button(app, "Continue").text


def _two_team_board(app, data):
    sc = load_scenario(default_scenario())
    seats = {k: Seat(k in (0, 3), nd.doctrine) for k, nd in enumerate(sc.nations)}
    session = GameSession.new(default_scenario(), sc, 4, seats)
    app.reset(MainMenu(app), BoardScene(app, session))
    app.run_frames(2)
    return session


def _planning_aurelia(app, data):
    """The two-team board, then Aurelia's planning screen: (session, scene)."""
    session = _two_team_board(app, data)
    app.push(PlanningScene(app, session, 0))
    app.run_frames(1)
    return session, app.top


def test_hotseat_hides_the_previous_plan(app, data):
    session = _two_team_board(app, data)
    ui.press(app, pygame.K_RETURN)
    assert isinstance(app.top, HotseatScene) and app.top.nation == 0
    ui.click_button(app, "Ready")
    first = app.top
    assert isinstance(first, PlanningScene) and first.nation == 0
    ui.plan_partner_card(app)
    ui.press(app, pygame.K_RETURN)
    # the pass screen: nothing of the first plan is on screen, only the pass screen's own widgets
    assert isinstance(app.top, HotseatScene) and app.top.nation == 3
    assert first.ui == [] and {b.text for b in ui.buttons(app)} == {"Ready (Enter)", "Back to the board (Esc)"}
    assert not [el for el in app.manager.get_sprite_group().sprites() if isinstance(el, UITextBox)]   # no preview left
    ui.press(app, pygame.K_RETURN)
    second = app.top
    assert isinstance(second, PlanningScene) and second.nation == 3 and second.orders == []
    ui.press(app, pygame.K_RETURN)
    assert isinstance(app.top, ResolutionScene)
    assert session.turn == 2 and session.plans == {}


def test_illegal_choices_say_why(app, data):
    session, scene = _planning_aurelia(app, data)
    st = session.state
    costly = max(st.scenario.actions, key=lambda a: a.budget)      # joint infrastructure: 4 budget
    session.set_plan(0, [Order("peacekeeping"), Order("defence_buildup")])   # 6 of Aurelia's 7 budget
    assert not session.problems(0)
    reason = scene.blocked(costly)
    assert reason and "budget" in reason                          # the card says why, in words
    scene.pick(costly.id)
    assert costly.id == scene.selected                             # still selectable: the target panel explains
    scene.pick("domestic_investment")                              # a self action that no longer fits
    assert session.plan(0) == [Order("peacekeeping"), Order("defence_buildup")]
    assert scene.message and "budget" in scene.message
    # a partner row that cannot be chosen shows the engine's reason and clicking it explains instead of adding
    scene.deselect()
    need = next(a for a in st.scenario.actions if a.requires)
    scene.pick(need.id)
    bad = next((j for j in range(st.n) if j != 0 and target_problems(st, 0, Order(need.id, (j,)))), None)
    if bad is not None:
        before = list(session.plan(0))
        ui.click(app, scene.targets.row_rect(bad))
        assert session.plan(0) == before and scene.message and need.name in scene.message


def test_targets_by_keyboard_alone(app, data):
    session, scene = _planning_aurelia(app, data)
    sc = session.scenario
    # one partner: the number key picks the card, Down highlights the first row, Enter takes it
    number = next(k for k, (_, aid) in enumerate(scene.card_rects, 1) if aid == "personnel_exchange")
    ui.press(app, getattr(pygame, f"K_{number}"), unicode=str(number))
    assert scene.selected == "personnel_exchange" and scene.targets.selected is None
    ui.press(app, pygame.K_DOWN)
    ui.press(app, pygame.K_DOWN)
    second = scene.targets.rows[1].key
    assert scene.targets.selected == second
    ui.press(app, pygame.K_RETURN)
    assert session.plan(0) == [Order("personnel_exchange", (second,))]
    assert isinstance(app.top, PlanningScene)                        # Enter took the target, it did not end planning
    # several partners: Space marks rows, Enter adds the order with every marked partner
    several = next(a for a in sc.actions if a.target == "partners" and not scene.blocked(a))
    scene.pick(several.id)
    app.run_frames(1)
    ui.press(app, pygame.K_DOWN)
    ui.press(app, pygame.K_SPACE)
    ui.press(app, pygame.K_DOWN)
    ui.press(app, pygame.K_SPACE)
    marked = sorted(scene.multi)
    assert len(marked) == 2
    ui.press(app, pygame.K_RETURN)
    assert session.plan(0)[-1] == Order(several.id, tuple(marked))
    # Esc lets the card go; Enter then ends planning as always
    ui.press(app, pygame.K_ESCAPE)
    assert scene.selected is None
    ui.press(app, pygame.K_RETURN)
    assert not isinstance(app.top, PlanningScene)


def test_compact_layout_forgets_the_target_list_once_the_order_is_added(data):
    big = App((1280, 720), Settings(scale=200))     # the projector layout: one side panel, targets or the plan
    try:
        session, scene = _planning_aurelia(big, data)
        order = ui.plan_partner_card(big)
        # the list has gone with the selection; a click where its rows were lands on the plan panel, harmlessly
        assert scene.selected is None and scene.targets is None and session.plan(0) == [order]
        where = scene.plan_col.center
        ui.click(big, where)
        ui.press(big, pygame.K_SPACE)
        assert session.plan(0) == [order] and isinstance(big.top, PlanningScene)
    finally:
        big.reset()


def test_preview_in_words(app, data):
    session, scene = _planning_aurelia(app, data)
    scene.pick("personnel_exchange")
    ui.click(app, scene.targets.row_rect(1))
    html = scene.preview_html()
    assert "trust" in html and "Borealis" in html and "+0.0" in html
    assert "in 1 turn" in html or "in 2 turns" in html


def test_damaged_autosave_offers_the_previous(app, data):
    sc = load_scenario(default_scenario())
    s = GameSession.new(default_scenario(), sc, 2, {k: Seat(False, nd.doctrine) for k, nd in enumerate(sc.nations)})
    s.resolve()
    saves.autosave_path().write_text('{"format": "regional-accord-save", "version": 1, "scen')
    app.reset(MainMenu(app))
    app.run_frames(1)
    ui.click_button(app, "Continue")
    menu = app.top
    assert isinstance(menu, MainMenu) and "ends early" in menu.error
    ui.click_button(app, "Load the previous autosave")
    assert isinstance(app.top, BoardScene) and app.top.session.turn == 1


def test_load_screen_lists_saves_and_explains_damage(app, data):
    sc = load_scenario(default_scenario())
    s = GameSession.new(default_scenario(), sc, 2, {k: Seat(False, nd.doctrine) for k, nd in enumerate(sc.nations)})
    s.resolve()
    s.save_as("lesson")
    (data / "saves" / "junk.json").write_text("[]")
    ui.click_button(app, "Load game")
    scene = app.top
    assert isinstance(scene, LoadScene)
    junk = next(i.path for i in scene.infos if i.path.name == "junk.json")
    ui.click(app, scene.list.row_rect(junk))
    ui.press(app, pygame.K_RETURN)
    assert isinstance(app.top, LoadScene) and "not a Regional Accord save" in app.top.error
    lesson = next(i.path for i in scene.infos if i.path.name == "lesson.json")
    ui.click(app, scene.list.row_rect(lesson))
    ui.click_button(app, "Load (Enter)")
    assert isinstance(app.top, BoardScene) and app.top.session.turn == 2


def test_f1_codex_hook_and_esc(app):
    depth = len(app.scenes)
    opened = []
    app.open_codex = lambda concept_id=None: opened.append(concept_id)   # the hook other code fills
    ui.click_button(app, "New game")
    ui.press(app, pygame.K_F1)
    assert opened == [None]
    ui.press(app, pygame.K_ESCAPE)
    assert len(app.scenes) == depth


def test_settings_change_scale_and_persist(app, data):
    ui.click_button(app, "Settings")
    ui.click_button(app, "150 %")
    assert app.theme.scale == 1.5 and app.settings.scale == 150
    ui.click_button(app, "Colour-blind safe")
    assert app.theme.colorblind
    assert Settings.load() == Settings(150, False, True)
    ui.press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, MainMenu)


def test_resize_rebuilds_the_layout(app, data):
    _two_team_board(app, data)
    app.surface = pygame.display.set_mode((1600, 900), pygame.RESIZABLE)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(1600, 900), w=1600, h=900))
    app.run_frames(2)
    assert app.manager.window_resolution == (1600, 900)
    assert app.top.side.right <= 1600 and app.top.side.right > 1280


def test_idle_loop_sleeps(app):
    """With nothing happening, the real loop blocks in pygame.event.wait: under 10 % of one CPU."""
    from game.app import duplicate, par

    par.wait_all()       # a par table or duplicate score still computed in the background is not the idle loop
    duplicate.wait_all()
    pygame.time.set_timer(pygame.event.Event(pygame.QUIT), 3000, loops=1)
    wall, cpu = time.monotonic(), time.process_time()
    app.run()
    wall, cpu = time.monotonic() - wall, time.process_time() - cpu
    assert wall >= 2.5
    assert cpu / wall < 0.10, f"idle loop used {cpu / wall:.0%} CPU"


def _press_card(app, aid: str) -> None:
    """Page to a card with PgDn and press its number."""
    scene = app.top
    index = [a.id for a in scene.actions].index(aid)
    while not scene.page * scene.page_size <= index < (scene.page + 1) * scene.page_size:
        ui.press(app, pygame.K_PAGEDOWN)
    n = index - scene.page * scene.page_size + 1
    ui.press(app, getattr(pygame, f"K_{n}"), unicode=str(n))


def test_a_card_without_target_is_added_once_and_errors_use_names(app, data):
    session, scene = _planning_aurelia(app, data)
    sc = session.scenario
    selfish = [a for a in scene.actions if a.target == "self" and not scene.blocked(a)]
    a = selfish[0]
    _press_card(app, a.id)
    assert session.plan(0) == [Order(a.id, ())]
    assert scene.selected is None                           # nothing is left to add: the plan shows again
    assert not [b for b in ui.buttons(app) if b.text.startswith("Add")]
    _press_card(app, a.id)                                  # the same card again: refused, in words
    assert session.plan(0) == [Order(a.id, ())]
    assert scene.message and a.id not in scene.message and a.name in scene.message
    assert not any(x.id in scene.message for x in sc.actions if x.id != x.name and "_" in x.id)


def test_enter_adds_a_several_partner_order(app, data):
    session, scene = _planning_aurelia(app, data)
    several = [a for a in scene.actions if a.target == "partners" and not scene.blocked(a)]
    if not several:
        pytest.skip("no card with several partners in this scenario")
    a = several[0]
    _press_card(app, a.id)
    assert scene.selected == a.id
    ui.press(app, pygame.K_DOWN)
    ui.press(app, pygame.K_RETURN, unicode="\r")            # Enter adds the order with the highlighted partner
    assert len(session.plan(0)) == 1 and session.plan(0)[0].action == a.id
    assert isinstance(app.top, PlanningScene)               # and does not end planning


def test_a_damaged_save_selected_in_the_load_list_reads_on_the_selection(app, data, monkeypatch):
    """The load list names a damaged save in red; selected, it was red on the selection's blue (hard to read in a real
    window): there it is drawn in the text colour, and in red when not selected."""
    from game.ui import text as T

    saves.saves_dir().mkdir(parents=True, exist_ok=True)
    (saves.saves_dir() / "broken.json").write_text('{"format": "regional-accord-save", "version": 1, "scen')
    app.reset(MainMenu(app), LoadScene(app))
    app.run_frames(2)
    scene = app.top
    lst = scene.list
    broken = next(r for r in lst.rows if "broken" in r.title)
    colours: dict[bool, set] = {}
    real = T.draw_block
    drawn: list = []
    monkeypatch.setattr(T, "draw_block", lambda surf, text, font, color, *a, **k:
                        (drawn.append((text, tuple(color))), real(surf, text, font, color, *a, **k))[1])
    for selected in (False, True):
        lst.selected = broken.key if selected else None
        drawn.clear()
        app.draw()
        colours[selected] = {c for t, c in drawn if t.startswith("broken")}
    assert colours[False] == {tuple(app.theme.color("bad"))}
    assert colours[True] == {tuple(app.theme.color("text"))}

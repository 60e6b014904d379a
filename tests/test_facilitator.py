"""The facilitator console through posted events: open/close and PIN, pause, the planning timer (both policies),
injected events (deck, written, invalid), rewind into a branch that survives save/load, seat switches, the live grid,
and what the projector shows with private information hidden. Screenshots in <screenshots>/<test name>/
(tests/shotdir.py says where)."""
from __future__ import annotations

import re
from pathlib import Path

import pygame
import pytest
import shotdir

from game.app import par as PAR
from game.app.privacy import ordinal
from game.app.session import GameSession, Seat
from game.content import saves
from game.content.loader import default_scenario, load_scenario
from game.sim.orders import order_problems, target_problems
from game.sim.state import Order
from game.ui import testing as ui
from game.ui.app import App
from game.ui.prefs import Settings
from game.ui.scenes.board import BoardScene
from game.ui.scenes.facilitator import TABS, FacilitatorScene, PinScene
from game.ui.scenes.hotseat import HotseatScene
from game.ui.scenes.menu import MainMenu
from game.ui.scenes.planning import PlanningScene
from game.ui.scenes.resolution import ResolutionScene

ROOT = Path(__file__).resolve().parents[1]
TEAMS = (0, 2, 3)          # Aurelia, Caldera, Drava play; Borealis, Estmark, Fennor are computer nations


@pytest.fixture
def app(data):
    a = App((1280, 720), Settings())
    yield a
    a.reset()


def classroom(seed: int = 11) -> GameSession:
    sc = load_scenario(default_scenario())
    return GameSession.new(default_scenario(), sc, seed, {k: Seat(k in TEAMS, nd.doctrine) for k, nd in enumerate(sc.nations)})


def on_board(app, session: GameSession) -> BoardScene:
    app.reset(MainMenu(app), BoardScene(app, session))
    app.run_frames(2)
    return app.top


def console(app, tab: str | None = None) -> FacilitatorScene:
    ui.press(app, pygame.K_F9)
    scene = app.top
    assert isinstance(scene, FacilitatorScene), type(scene)
    if tab:
        ui.press(app, pygame.K_1 + [t[0] for t in TABS].index(tab))
        assert scene.tab == tab
    return scene


def tab_button(app, key: str):
    return next(b for b in ui.buttons(app) if b.object_ids and b.object_ids[-1] == f"#{key}")


def first_partner_order(session: GameSession, k: int) -> Order:
    """A legal one-order plan for nation k: the first partner action with a legal target."""
    st = session.state
    for a in st.scenario.actions:
        if a.target != "partner":
            continue
        for j in range(st.n):
            o = Order(a.id, (j,))
            if j != k and not target_problems(st, k, o) and not order_problems(st, k, [o]):
                return o
    raise AssertionError("no legal partner order")


def shot(request, app, name: str) -> None:
    folder = shotdir.folder(request)
    app.screenshot(folder / f"{name}.png")


# -- opening, closing, PIN ------------------------------------------------------------------------
def test_f9_and_ctrl_f_open_and_close_the_console(app):
    app.reset(MainMenu(app))
    app.run_frames(1)
    ui.press(app, pygame.K_F9)
    assert isinstance(app.top, MainMenu)                      # no game on screen: nothing to facilitate
    s = classroom()
    on_board(app, s)
    ui.press(app, pygame.K_F9)
    assert isinstance(app.top, FacilitatorScene) and app.top.session is s
    ui.press(app, pygame.K_F9)
    assert isinstance(app.top, BoardScene)
    ui.post_key(pygame.K_f, "f", pygame.KMOD_LCTRL)
    app.run_frames(2)
    assert isinstance(app.top, FacilitatorScene)
    ui.press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, BoardScene)
    ui.press(app, pygame.K_ESCAPE)                            # the pause menu has a way in too
    ui.click_button(app, "Facilitator console")
    assert isinstance(app.top, FacilitatorScene)


def test_f9_on_the_pause_menu_opens_the_console(app):
    """The pause menu is a screen of the game like any other: F9 opens the console over it (it once closed the menu:
    its 'Facilitator console' method was taken for the console's own flag)."""
    s = classroom()
    on_board(app, s)
    ui.press(app, pygame.K_ESCAPE)
    menu = app.top
    assert type(menu).__name__ == "PauseMenu"
    ui.press(app, pygame.K_F9)
    assert isinstance(app.top, FacilitatorScene) and app.scenes[-2] is menu
    ui.press(app, pygame.K_F9)
    assert app.top is menu


def test_pin_keeps_students_out(app, data):
    s = classroom()
    on_board(app, s)
    scene = console(app, "pin")
    ui.type_text(app, scene.entries["pin"], "12")
    ui.click_button(app, "Set PIN")
    assert not s.has_pin and "at least 4" in scene.current.message[0]        # too short: said so, nothing set
    ui.type_text(app, scene.entries["pin"], "2468")
    ui.click_button(app, "Set PIN")
    saved = s.facilitator_dict()                                           # only a salted hash is kept (a hash may
    assert s.has_pin and "2468" not in saved.values() and s.pin_hash.startswith("scrypt")  # hold the digits by chance)
    ui.press(app, pygame.K_F9)
    assert isinstance(app.top, BoardScene)

    ui.press(app, pygame.K_F9)
    pin = app.top
    assert isinstance(pin, PinScene)
    assert not [t for t in ui.screen_text(app) if "Turn 1 of" in t]        # nothing of the game behind the prompt
    ui.type_text(app, pin.pin_entry, "1111")
    ui.press(app, pygame.K_RETURN)
    assert isinstance(app.top, PinScene) and app.top.error == "Wrong PIN."
    ui.type_text(app, app.top.pin_entry, "2468")
    ui.click_button(app, "Open")
    assert isinstance(app.top, FacilitatorScene)
    ui.press(app, pygame.K_ESCAPE)
    ui.press(app, pygame.K_F9)
    ui.press(app, pygame.K_ESCAPE)                                           # Esc cancels the prompt
    assert isinstance(app.top, BoardScene)

    # the PIN is kept with the game: a loaded save asks for it too, and it can be removed
    loaded = GameSession.load(saves.autosave_path())
    assert loaded.has_pin and loaded.check_pin("2468") and not loaded.check_pin("1111")
    on_board(app, loaded)
    ui.press(app, pygame.K_F9)
    ui.type_text(app, app.top.pin_entry, "2468")
    ui.press(app, pygame.K_RETURN)
    ui.press(app, pygame.K_7)
    ui.click_button(app, "Remove PIN")
    assert not loaded.has_pin


# -- pause and the timer ----------------------------------------------------------------------------
def test_pause_and_resume(app, request):
    s = classroom()
    on_board(app, s)
    console(app, "timer")
    ui.click_button(app, "3 min")
    assert s.timer_limit == 180 and s.timer_left == 180
    ui.press(app, pygame.K_1)
    ui.click_button(app, "Pause the game")
    assert s.paused
    ui.press(app, pygame.K_F9)
    board = app.top
    assert isinstance(board, BoardScene)
    assert not ui.find_button(app, "Plan turn").is_enabled
    ui.press(app, pygame.K_RETURN)                       # Enter does not start planning while paused
    assert app.top is board
    app.run_frames(2, dt=50)                             # the clock does not run while paused
    assert s.timer_left == 180
    assert "Paused by the facilitator" in ui.screen_text(app)
    shot(request, app, "board_paused")

    # resume, go to a pass screen, pause there: it is covered and takes no input
    console(app)
    ui.click_button(app, "Resume the game")
    assert not s.paused
    ui.press(app, pygame.K_F9)
    ui.press(app, pygame.K_RETURN)
    assert isinstance(app.top, HotseatScene)
    ui.click_button(app, "Ready")
    planning = app.top
    assert isinstance(planning, PlanningScene)
    planning.pick_number(1)
    console(app)
    ui.click_button(app, "Pause the game")
    ui.press(app, pygame.K_F9)
    assert app.top is planning
    ui.press(app, pygame.K_RETURN)                       # End planning is blocked
    ui.click(app, ui.find_button(app, "End planning").rect)
    assert app.top is planning and not s.done
    words = ui.screen_text(app)
    assert "Paused by the facilitator" in words
    shot(request, app, "planning_paused")
    console(app)
    ui.click_button(app, "Resume the game")
    ui.press(app, pygame.K_F9)
    # the button, not Enter: Enter would ask for card 1's partner first (a card just picked is never dropped by it)
    ui.click(app, ui.find_button(app, "End planning").rect)
    assert isinstance(app.top, HotseatScene) and s.done == {TEAMS[0]}


@pytest.mark.parametrize("policy", ["submit", "computer"])
def test_timer_runs_out(app, policy, request):
    s = classroom()
    on_board(app, s)
    console(app, "timer")
    ui.click_button(app, "1 min")
    ui.click_button(app, "Submit the team" if policy == "submit" else "A computer plan")
    assert s.timer_policy == policy
    ui.press(app, pygame.K_F9)
    assert "1:00 left" in ui.screen_text(app)
    app.run_frames(1, dt=20)
    assert "0:40 left" in ui.screen_text(app)            # the clock shows on the board, for all to see

    # the first team plans one order and ends; the second starts a plan and is still at it when time runs out
    first, second, third = TEAMS
    s.set_plan(first, [first_partner_order(s, first)])
    ui.press(app, pygame.K_RETURN)
    ui.press(app, pygame.K_RETURN)
    ui.press(app, pygame.K_RETURN)
    assert s.done == {first}
    ui.press(app, pygame.K_RETURN)
    planning = app.top
    assert isinstance(planning, PlanningScene) and planning.nation == second
    draft = [first_partner_order(s, second)]
    assert planning.add(draft[0])
    planning.refresh()
    assert "left" in " ".join(ui.screen_text(app))        # the clock on the planning screen
    shot(request, app, "planning_clock")
    expect = {k: s.computer_plan(k) for k in (second, third)}
    played_first = list(s.plan(first))
    app.run_frames(2, dt=30)
    assert isinstance(app.top, ResolutionScene), type(app.top)
    report = app.top.report
    ids = s.scenario.nation_ids
    orders = {k: [(o["action"], tuple(o["targets"])) for o in report["orders"][ids[k]]] for k in TEAMS}

    def as_pairs(os):
        return [(o.action, tuple(ids[t] if s.scenario.action(o.action).target != "organization"
                                 else s.scenario.orgs[t].id for t in o.targets)) for o in os]

    assert orders[first] == as_pairs(played_first)                      # a finished plan stands either way
    if policy == "submit":
        assert orders[second] == as_pairs(draft) and orders[third] == []
        assert any("plan so far (1 order) was submitted" in n for n in app.top.expiry)
    else:
        assert orders[second] == as_pairs(expect[second]) and orders[third] == as_pairs(expect[third])
        assert any("computer plan" in n for n in app.top.expiry)
    assert "time ran out" in " ".join(ui.screen_text(app))
    shot(request, app, "resolution_after_timeout")
    ui.press(app, pygame.K_RETURN)
    assert isinstance(app.top, BoardScene) and s.turn == 2 and 59 < s.timer_left <= 60   # a new turn, a full clock


def test_clock_stops_while_the_console_is_open(app):
    s = classroom()
    on_board(app, s)
    s.set_timer(60)
    console(app)
    app.run_frames(3, dt=30)
    assert s.timer_left == 60 and isinstance(app.top, FacilitatorScene)


def test_clock_runs_under_menus_and_waits_for_the_resolution(app):
    """Opening the menu (or charts, or the codex) does not stop the clock; when it runs out the turn goes on."""
    s = classroom()
    on_board(app, s)
    s.set_timer(60)
    ui.press(app, pygame.K_RETURN)
    ui.press(app, pygame.K_ESCAPE)                 # a team backs out of the pass screen and opens the menu
    ui.press(app, pygame.K_ESCAPE)
    assert type(app.top).__name__ == "PauseMenu"
    app.run_frames(3, dt=25)
    assert isinstance(app.top, ResolutionScene) and [type(x) for x in app.scenes][:2] == [MainMenu, BoardScene]
    assert len(app.top.expiry) == len(TEAMS)
    app.run_frames(3, dt=25)                       # reading the resolution: the next turn's clock waits
    assert s.turn == 2 and s.timer_left == 60
    ui.press(app, pygame.K_RETURN)
    app.run_frames(1, dt=10)
    assert isinstance(app.top, BoardScene) and s.timer_left < 51


# -- injected events ------------------------------------------------------------------------------------
def test_inject_from_the_deck(app, request):
    s = classroom()
    on_board(app, s)
    scene = console(app, "deck")
    ev = next(e for e in s.scenario.events if e.target == "pair")
    ui.click(app, scene.lists["deck"].row_rect(ev.id))
    assert scene.current.event == ev.id
    ui.click_button(app, "Queue it")
    assert not s.pending and "choose exactly two" in scene.message[0]       # the targets are checked
    ui.click(app, tab_button(app, "deck_target_1").rect)
    ui.click(app, tab_button(app, "deck_target_4").rect)
    assert scene.current.targets == [1, 4]
    shot(request, app, "console_deck")
    ui.click_button(app, "Queue it")
    assert [(i.event.id, i.targets) for i in s.pending] == [(ev.id, (1, 4))]
    region = next(e for e in s.scenario.events if e.target == "region")
    ui.click(app, scene.lists["deck"].row_rect(region.id))
    ui.click_button(app, "Queue it")
    assert len(s.pending) == 2
    ui.click_button(app, "Remove: " + region.name)
    assert len(s.pending) == 1
    ui.press(app, pygame.K_F9)
    report = s.resolve()
    assert report["injected"] == 1
    assert report["events"][0]["id"] == ev.id and report["events"][0]["targets"] == [s.scenario.nation_ids[1], s.scenario.nation_ids[4]]
    assert not s.pending


def test_inject_a_written_event_and_see_the_errors(app, request):
    s = classroom()
    on_board(app, s)
    scene = console(app, "custom")
    ui.type_text(app, scene.entries["name"], "Port strike")
    ui.type_text(app, scene.entries["text"], "Dockers walk out across the straits.")
    ui.type_text(app, scene.entries["effects"], "do: threat, threat: pirates, amount: 5")
    ui.click(app, tab_button(app, "custom_target_3").rect)
    ui.click_button(app, "Check and queue")
    assert not s.pending and "did you mean 'piracy'" in " ".join(scene.current.problems)
    ui.type_text(app, scene.entries["effects"], "do: stock, stock: wealth, amount: lots")
    ui.click_button(app, "Check and queue")
    assert not s.pending
    errors = " ".join(scene.current.problems)
    assert "'wealth' is not one of" in errors and "must be a number" in errors
    words = " ".join(ui.screen_text(app))
    assert "'wealth' is not one of" in words and "effect 1, stock" in words     # shown, in the console's words
    assert scene.entries["name"].get_text() == "Port strike"                     # nothing typed is lost
    shot(request, app, "console_custom_invalid")

    ui.type_text(app, scene.entries["effects"], "do: stock, stock: economy, amount: -6")
    ui.click(app, tab_button(app, "tab_custom").rect)                            # the target survives a rebuild
    ui.click_button(app, "Check and queue")
    assert not scene.current.problems
    (inj,) = s.pending
    assert inj.event.name == "Port strike" and inj.targets == (3,) and inj.spec["custom"]["effects"][0]["who"] == "target"
    before = float(s.state.v["economy"][3])
    ui.press(app, pygame.K_F9)
    report = s.resolve()
    assert report["events"][0]["name"] == "Port strike"
    entries = [e for e in s.state.ledger if e.field == "economy" and e.cause.kind == "event" and "port_strike" in e.cause.id]
    assert entries and entries[0].index == 3 and float(entries[0].delta) == pytest.approx(-6.0)
    assert float(s.state.v["economy"][3]) != before


# -- rewind and branches ----------------------------------------------------------------------------------
def test_rewind_makes_a_branch_that_survives_save_and_load(app, data, request):
    s = classroom()
    for _ in range(4):
        s.resolve()
    line = s.game.to_json()
    on_board(app, s)
    scene = console(app, "rewind")
    ui.click(app, scene.lists["rewind"].row_rect(2))
    ui.type_text(app, scene.entries["branch_label"], "Quiet line")
    ui.click_button(app, "Rewind to the start of turn 2")
    assert s.turn == 5                                          # the first click only asks to confirm
    shot(request, app, "console_rewind_confirm")
    ui.click_button(app, "Yes: rewind to turn 2")
    assert s.turn == 2 and len(s.game.history.reports) == 1
    assert [type(x) for x in app.scenes] == [MainMenu, BoardScene, FacilitatorScene]
    (b,) = s.branches
    assert b["from_turn"] == 2 and b["label"] == "Quiet line" and b["turns"] == 4
    assert len(b["history"]["reports"]) == 4 and len(b["history"]["states"]) == 5
    assert "Quiet line" in " ".join(ui.screen_text(app))

    # the same orders replay the same turn (deterministic), until something differs
    again = s.resolve()
    assert again["summary"] == b["history"]["reports"][1]["summary"]

    # the branch is in the autosave and in a named save; version 2
    path = s.save_as("branched")
    raw = saves.read_save(path)
    assert raw["version"] == saves.VERSION and raw["branches"][0]["label"] == "Quiet line"
    for p in (path, saves.autosave_path()):
        loaded = GameSession.load(p)
        assert [(x["from_turn"], x["label"]) for x in loaded.branches] == [(2, "Quiet line")]
        assert loaded.branches[0]["history"] == b["history"]
    assert line != s.game.to_json()


def test_rewind_after_the_end_plays_on(app, data):
    """At the end of the game the console (from the end screen) rewinds into a new line: the game is on again."""
    from game.ui import flow

    s = classroom()
    while not s.over:
        s.resolve()
    flow.open_session(app, s)
    app.run_frames(1)
    end = app.top
    console(app, "teams")
    assert not ui.find_button(app, "Pause the game").is_enabled              # nothing to pause at the end
    ui.press(app, pygame.K_5)
    last = max(s.rewindable_turns())
    ui.click(app, app.top.lists["rewind"].row_rect(last))
    ui.click_button(app, "Rewind to the start")
    ui.click_button(app, "Yes: rewind")
    assert not s.over and s.turn == last and s.branches[0]["over"]
    ui.press(app, pygame.K_F9)
    assert isinstance(app.top, BoardScene) and end not in app.scenes
    ui.press(app, pygame.K_RETURN)
    assert isinstance(app.top, HotseatScene)


# -- seats ----------------------------------------------------------------------------------------------------
def test_switch_a_seat_mid_game(app, data):
    s = classroom()
    on_board(app, s)
    ui.press(app, pygame.K_RETURN)
    ui.press(app, pygame.K_RETURN)
    assert isinstance(app.top, PlanningScene) and app.top.nation == TEAMS[0]
    console(app, "seats")
    ui.click(app, tab_button(app, f"seat_{TEAMS[0]}").rect)            # Aurelia's team is absent: computer
    assert not s.seats[TEAMS[0]].human and s.humans == list(TEAMS[1:])
    assert [type(x) for x in app.scenes] == [MainMenu, BoardScene, FacilitatorScene]   # its planning screen is gone
    ui.click(app, tab_button(app, f"doctrine_{TEAMS[0]}").rect)
    assert s.seats[TEAMS[0]].doctrine != load_scenario(default_scenario()).nations[TEAMS[0]].doctrine
    ui.click(app, tab_button(app, "seat_1").rect)                        # Borealis gets a team
    assert s.seats[1].human and 1 in s.humans
    assert [e["nation"] for e in s.seat_log] == ["aurelia", "aurelia", "borealis"]
    ui.press(app, pygame.K_F9)
    ui.press(app, pygame.K_RETURN)
    assert isinstance(app.top, HotseatScene) and app.top.nation == 1
    loaded = GameSession.load(saves.autosave_path())
    assert loaded.seats == s.seats and loaded.seat_log == s.seat_log


# -- the live grid ----------------------------------------------------------------------------------------------
def test_live_grid_shows_who_has_planned_but_not_the_plans(app, request):
    s = classroom()
    on_board(app, s)
    order = first_partner_order(s, TEAMS[0])
    ui.press(app, pygame.K_RETURN)
    ui.press(app, pygame.K_RETURN)
    s.set_plan(TEAMS[0], [order])
    ui.press(app, pygame.K_RETURN)                        # Aurelia ends planning
    assert isinstance(app.top, HotseatScene)
    console(app)
    words = ui.screen_text(app)
    assert words.count("✓ planned") == 1 and words.count("not yet") == 2 and words.count("—") == 3
    row = words.index("Aurelia")
    assert words[row + 2] == "✓ planned"
    assert s.scenario.action(order.action).name not in " ".join(words)       # plans stay private
    stocks = {f"{float(s.state.v['security'][k]):.0f}" for k in range(s.scenario.n)}
    assert stocks & set(words)                                                # exact values (not hidden)
    shot(request, app, "console_grid")
    ui.click_button(app, "Private info: shown")
    assert s.hide_private
    words = ui.screen_text(app)
    assert not {f"{float(s.state.v['security'][k]):.1f}" for k in range(s.scenario.n)} & set(words)
    assert "mid" in words or "high" in words or "low" in words
    ui.click_button(app, "Show exact values here")
    assert stocks & set(ui.screen_text(app))
    ui.press(app, pygame.K_F9)
    console(app)
    assert not app.top.peek                                                   # peeking ends with the console


# -- the projector view -----------------------------------------------------------------------------------------
PRIVATE_STOCKS = (61, 63, 69, 71, 73, 77, 79, 83, 87, 89, 91, 93, 97, 62, 81, 68, 74, 76, 78, 82, 86, 88, 92, 94)


def _distinctive(session: GameSession) -> set[str]:
    """Give every nation stock values no public number on screen has (threats, stability, turn, cohesion)."""
    st = session.state
    vals = iter(PRIVATE_STOCKS)
    for k in range(st.n):
        for f in ("security", "economy", "support", "influence"):
            st.v[f][k] = float(next(vals))
    return {str(v) for v in PRIVATE_STOCKS}


def _private_words(words: list[str], tokens: set[str]) -> list[str]:
    return [w for w in words if set(re.findall(r"\d+(?:\.\d+)?", w)) & tokens
            or re.search(r"(Security|Economy|Support|Influence|Budget|Action points|National Interest) \d", w)]


def test_projector_view_hides_private_information(app, request):
    s = classroom()
    tokens = _distinctive(s)
    plan = first_partner_order(s, TEAMS[0])
    s.set_plan(TEAMS[0], [plan])
    plan_words = {s.scenario.action(plan.action).name}
    board = on_board(app, s)

    def hover(k):
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=board.map.pos[k], rel=(0, 0), buttons=(0, 0, 0)))
        app.run_frames(1)
        assert board.hover == k

    # control: shown, the board's table and tooltip do carry the exact values (so the check below can fail)
    hover(TEAMS[1])
    shown = ui.screen_text(app)
    assert _private_words(shown, tokens)
    assert not plan_words & set(" ".join(shown).split(" → ")) and plan.action not in " ".join(shown)

    s.set_hide_private(True)
    app.reset(MainMenu(app), BoardScene(app, s))
    app.run_frames(2)
    board = app.top
    for k in range(s.scenario.n):
        hover(k)
        words = ui.screen_text(app)
        assert not _private_words(words, tokens), _private_words(words, tokens)
        assert not any(p in w for w in words for p in plan_words)
    assert "Exact values are hidden on the shared screen." in words
    # the tooltip's rank is the table's: by standing (R9.5), the par being at hand (shipped)
    assert PAR.table(s, wait=True) is not None
    want = ordinal(PAR.ranks(PAR.standings(s))[s.scenario.n - 1])
    assert f"Rank {want} of {s.scenario.n} by standing" in words, [w for w in words if w.startswith("Rank")]
    shot(request, app, "board_hidden_tooltip")

    # the pass screen after Aurelia planned: no trace of her plan, no private values
    s.done.add(TEAMS[0])
    app.push(HotseatScene(app, s, TEAMS[1]))
    app.run_frames(2)
    words = ui.screen_text(app)
    assert not _private_words(words, tokens) and not any(p in w for w in words for p in plan_words)
    shot(request, app, "hotseat")

    # the turn's resolution: orders are public now, nations' own stock changes stay hidden
    app.pop()
    report = s.resolve()
    app.push(ResolutionScene(app, s, report))
    app.run_frames(2)
    words = " ".join(ui.screen_text(app))
    assert not re.search(r"\b(Aurelia|Borealis|Caldera|Drava|Estmark|Fennor) (security|economy|support|influence|militarization)\b", words)
    assert "own stocks are hidden" in words

    # the charts, the why-ledger and the debrief reached from the shared screen keep the secret too
    from game.ui.scenes.charts import ChartsScene
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.scenes.ledger import LedgerScene

    charts = ChartsScene(app, s)
    app.push(charts)
    app.run_frames(2)
    assert charts.charts.hide_ni
    app.pop()
    ledger = LedgerScene(app, s)
    assert not {"security", "economy", "support", "influence", "militarization"} & set(ledger.fields)
    debrief = DebriefScene(app, s)
    app.push(debrief)
    app.run_frames(2)
    words = ui.screen_text(app)
    assert debrief.hidden and not _private_words(words, tokens), _private_words(words, tokens)
    app.pop()
    s.set_hide_private(False)
    assert "economy" in LedgerScene(app, s).fields          # control: shown again once the secret is lifted


def test_deals_tab_shows_every_nations_proposals_and_agreements_and_pauses_negotiation(app, request):
    from game.sim.deals import Deal, Term

    s = classroom()
    aurelia, borealis, caldera, drava = 0, 1, 2, 3
    neg = s.negotiation
    no_buildup = (Term("pledge", pledge="no_buildup", turns=2),)
    assert neg.propose(Deal(aurelia, (aurelia, caldera), no_buildup)) == []
    first = next(p for p in s.view.waiting_for(caldera) if p.deal.proposer == aurelia)
    assert neg.answer(first.id, caldera, "accept") == [] and first.agreement
    s.resolve()                                   # turn 1: nobody builds up, the pledge runs on into turn 2
    exchange = (Term("joint", action="personnel_exchange"),)
    assert neg.propose(Deal(aurelia, (aurelia, caldera), exchange, public=False)) == []
    assert neg.propose(Deal(drava, (drava, borealis), (Term("trade"),))) == []
    private = next(p for p in s.view.proposals(None) if not p.deal.public)
    to_computer = next(p for p in s.view.proposals(None) if p.deal.proposer == drava)
    on_board(app, s)
    scene = console(app)
    ui.press(app, pygame.K_8, unicode="8")
    assert scene.tab == "deals"
    words = " ".join(ui.screen_text(app))
    assert f"{private.id} Aurelia to Caldera" in words and "Personnel exchange together" in words
    assert "private · Caldera waiting" in words
    verdict = {"accept": "accepted", "decline": "declined"}[to_computer.answers[borealis]]
    assert f"{to_computer.id} Drava to Borealis" in words and f"Borealis {verdict}" in words
    assert f"Proposals of turn 2 ({len(s.view.proposals(None))})" in words
    assert f"Agreement {first.agreement}: Aurelia, Caldera" in words
    assert "binds turns 1-2 · kept every turn so far, checked again when turn 2 resolves" in words
    shot(request, app, "console_deals")

    # private information hidden: a private deal shows its parties, not its terms, until the peek
    s.set_hide_private(True)
    scene.rebuild()
    app.run_frames(2)
    words = " ".join(ui.screen_text(app))
    row = next(r for lv in scene.lists.values() for r in lv.rows if r.key == ("p", private.id))
    assert f"{private.id} Aurelia to Caldera" in words and "terms hidden on the shared screen" in words
    assert "Personnel exchange" not in row.detail and row.detail.startswith("terms hidden")
    ui.click_button(app, "Show private deals here")
    assert "terms hidden on the shared screen" not in " ".join(ui.screen_text(app))
    s.set_hide_private(False)

    # pause from this tab: the tab says so and no team command of the negotiation goes through
    ui.click_button(app, "Pause the game")
    assert s.paused and "Negotiation is paused" in " ".join(ui.screen_text(app))
    shot(request, app, "console_deals_paused")
    assert neg.answer(private.id, caldera, "accept") == ["the facilitator has paused the game"]
    assert private.status == "pending"
    ui.click_button(app, "Resume the game")
    assert not s.paused and neg.answer(private.id, caldera, "accept") == []
    ui.press(app, pygame.K_F9)
    assert isinstance(app.top, BoardScene)

    # turn 3: last turn's agreements have ended - the pledge kept to its end, the exchange nobody played broken
    s.resolve()
    scene = console(app, "deals")
    words = " ".join(ui.screen_text(app))
    assert "Ended last turn" in words
    assert f"Agreement {first.agreement}: Aurelia, Caldera" in words and "public · kept to its end" in words
    assert f"Agreement {private.agreement}: Aurelia, Caldera" in words and "broken by Aurelia, Caldera" in words
    shot(request, app, "console_deals_ended")


def test_deals_tab_after_the_end(app):
    s = classroom()          # played to its end with the teams' plans empty
    while not s.view.over:
        s.resolve()
    on_board(app, s)
    console(app, "deals")
    words = " ".join(ui.screen_text(app))
    assert "The game is over: nothing more is proposed" in words
    assert not ui.find_button(app, "Pause the game").is_enabled


# -- screenshots ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("scale", [100, 200], ids=["1280x720", "1280x720-200pct"])
def test_console_screens(request, data, scale):
    app = App((1280, 720), Settings(scale, False, False))
    try:
        s = classroom()
        for _ in range(3):
            s.resolve()
        s.set_timer(180)
        s.done.add(TEAMS[0])
        s.inject_deck("terrorist_attack", (3,))
        s.inject_deck("piracy_surge", ())
        s.rewind(2, "An earlier line")
        s.resolve()
        s.resolve()
        s.inject_deck("cyber_attack", (1,))
        on_board(app, s)
        shot(request, app, "projector_board")
        for key, _, _ in TABS:
            scene = FacilitatorScene(app, s, key)
            custom = scene.by_key["custom"]
            custom.name, custom.effects = "Port strike", "do: stock, stock: wealth, amount: -5"
            scene.by_key["rewind"].turn = 2
            app.push(scene)
            if key == "custom":
                custom.queue()
                assert custom.problems and not s.pending[1:]
            app.run_frames(2)
            screen = pygame.Rect((0, 0), app.size)
            outside = [f"{type(e).__name__} {getattr(e, 'text', '')!r} {e.rect}" for e in scene.ui
                       if e.alive() and not screen.contains(e.rect)]
            assert not outside, f"{key}: {outside}"
            over_msg = [f"{type(e).__name__} {getattr(e, 'text', '')!r}" for e in scene.ui
                        if e.alive() and e.rect.colliderect(scene.msg_rect)]
            assert not over_msg, f"{key}: widgets over the message line: {over_msg}"
            if key == "teams":   # its key says what the par columns are and what the rank orders by (R9.5)
                text = " ".join(ui.screen_text(app))
                assert "Rank: by standing." in text, text
            shot(request, app, f"console_{key}")
            app.pop()
        s.set_hide_private(True)
        on_board(app, s)
        shot(request, app, "projector_board_hidden")
        app.push(PinScene(app, s))
        app.run_frames(1)
        shot(request, app, "pin")
    finally:
        app.reset()


def test_debrief_compares_the_lines_a_rewind_left_behind(app, request):
    from game.ui.scenes.debrief import DebriefScene

    s = classroom()
    for _ in range(3):
        s.resolve()
    s.rewind(2, "Before the standoff")
    s.resolve()
    debrief = DebriefScene(app, s)
    app.push(debrief)
    app.run_frames(2)
    ui.press(app, pygame.K_8, unicode="8")
    assert debrief.tab == "lines"
    lines = debrief.branch_lines()
    assert [ln["label"] for ln in lines] == ["This line", "Before the standoff"]
    assert lines[1]["turns"] == 3 and lines[1]["from_turn"] == 2 and len(lines[1]["stability"]) == 4
    assert lines[0]["stability"][:2] == pytest.approx(lines[1]["stability"][:2], abs=1e-3)  # the same start until the rewind
    words = " ".join(ui.screen_text(app))
    assert "Before the standoff" in words and "left at turn 2" in words
    shot(request, app, "debrief_lines")

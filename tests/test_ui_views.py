"""The charts, why-ledger, codex and debrief screens, driven with real pygame events from the board, at 1280x720 and
at 200 % scale; a PNG of every screen in <screenshots>/<test name>/ (look at them; tests/shotdir.py says where)."""
from __future__ import annotations

from pathlib import Path

import pygame
import pytest
import shotdir

from game.app.session import GameSession, Seat
from game.content.loader import codex, default_scenario, load_scenario
from game.runner import analysis
from game.runner.whatif import WhatIfRun, fast_doctrines, turns_to_branch, what_if
from game.sim.state import Order
from game.ui import flow
from game.ui import testing as ui
from game.ui.app import App
from game.ui.prefs import Settings
from game.ui.scenes import debrief as debrief_mod
from game.ui.scenes.board import BoardScene
from game.ui.scenes.charts import ChartsScene
from game.ui.scenes.codex import CodexScene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.gameover import GameOverScene
from game.ui.scenes.ledger import LedgerScene
from game.ui.scenes.menu import MainMenu
from game.ui.scenes.planning import PlanningScene
from game.ui.scenes.resolution import ResolutionScene

ROOT = Path(__file__).resolve().parents[1]
SCALES = [pytest.param(100, id="1280x720"), pytest.param(200, id="1280x720-200pct")]


@pytest.fixture(scope="module")
def sc():
    return load_scenario(default_scenario())


def _session(sc, turns: int | None) -> GameSession:
    seats = {k: Seat(k in (0, 3), nd.doctrine) for k, nd in enumerate(sc.nations)}
    s = GameSession.new(default_scenario(), sc, 3, seats, autosave=False)
    while not s.over and (turns is None or s.turn <= turns):
        s.set_plan(0, [Order("joint_exercise", (1,)), Order("white_paper")])
        if s.problems(0):   # a poorer Aurelia (its economy below 30) cannot pay for both
            s.set_plan(0, [Order("white_paper")])
        s.resolve()
    return s


@pytest.fixture(scope="module")
def mid(sc):
    return _session(sc, 5)


@pytest.fixture(scope="module")
def finished(sc):
    return _session(sc, None)


@pytest.fixture(params=SCALES)
def app(request, data):
    a = App((1280, 720), Settings(request.param, False, False))
    yield a
    a.reset()


@pytest.fixture
def shot(request):
    folder = shotdir.folder(request)
    folder.mkdir(parents=True, exist_ok=True)

    def take(app, name: str) -> Path:
        app.run_frames(1)          # pygame_gui works out which widgets are visible in its update, not in draw
        outside = [f"{type(el).__name__} {getattr(el, 'text', '')!r} at {el.rect}" for el in app.top.ui
                   if el.alive() and not pygame.Rect((0, 0), app.size).contains(el.rect)]
        assert not outside, f"{name}: widgets outside the window: {outside}"
        p = app.screenshot(folder / f"{name}.png")
        assert p.stat().st_size > 1000
        return p
    return take


def _board(app, session) -> BoardScene:
    app.reset(MainMenu(app), BoardScene(app, session))
    app.run_frames(2)
    return app.top


def test_board_threats_are_named_in_full_or_by_a_short_label_never_cut(app, mid):
    _board(app, mid)
    shown = ui.screen_text(app)
    for t in mid.scenario.threats:
        short = t.id.replace("_", " ").capitalize()
        assert t.name in shown or short in shown, (t.name, app.settings.scale)
    assert not [s for s in shown if s.startswith(tuple(t.name[:5] for t in mid.scenario.threats)) and "…" in s]


def test_setup_shows_a_bad_seed_and_the_strategists_depth_at_every_scale(app, sc, shot):
    from game.ui.scenes.setup import SetupScene

    app.reset(MainMenu(app), SetupScene(app, default_scenario(), sc, 7))
    app.run_frames(2)
    shown = " ".join(ui.screen_text(app))
    assert "a strategist looks 4 turns ahead" in shown
    ui.click_button(app, "Hard")
    assert "a strategist looks 6 turns ahead" in " ".join(ui.screen_text(app))
    app.top.seed_entry.set_text("")
    ui.click_button(app, "Start")
    assert isinstance(app.top, SetupScene)
    shown = " ".join(ui.screen_text(app))
    assert "The seed must be a whole number" in shown
    shot(app, "setup_bad_seed")


# -- charts ------------------------------------------------------------------------------------------
def test_charts_from_the_board(app, mid, shot):
    _board(app, mid)
    ui.click_button(app, "Charts")
    charts = app.top
    assert isinstance(charts, ChartsScene)
    shot(app, "charts")
    series = analysis.series(mid.game.history)
    assert len(series["stability"]) == mid.turn     # one point per turn so far (and the start)
    ui.press(app, pygame.K_2)
    assert charts.view == "escalation" and list(charts.charts.rects) == ["escalation"]
    shot(app, "charts_ladder")
    ui.press(app, pygame.K_RIGHT)
    assert charts.view == "trade"
    ui.click_button(app, "N")                          # "National Interest (4)" or "NI (4)"
    assert charts.view == "ni"
    shot(app, "charts_ni")
    ui.press(app, pygame.K_1)
    ui.click(app, charts.charts.rects["stability"])   # a chart the why-ledger explains
    assert isinstance(app.top, LedgerScene) and app.top.field == "stability"
    ui.press(app, pygame.K_ESCAPE)
    assert app.top is charts
    ui.press(app, pygame.K_d)
    assert isinstance(app.top, DebriefScene)
    ui.press(app, pygame.K_ESCAPE)
    ui.press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, BoardScene)


def test_chart_grid_needs_room(app, mid):
    _board(app, mid)
    ui.click_button(app, "Charts")
    # 200 %: four charts would be unreadable, so one at a time and no "All four" tab
    assert app.top.fits == (app.theme.scale < 1.5)
    assert any(b.text.startswith("All four") for b in ui.buttons(app)) == app.top.fits


# -- the why-ledger ----------------------------------------------------------------------------------
def _numbers(scene: LedgerScene) -> tuple[float, float, float, float]:
    hist = scene.session.game.history
    before, after = scene.value_at(hist.states[scene.turn - 1]), scene.value_at(hist.states[scene.turn])
    this = sum(r["delta"] for r in scene.rows() if r["turn"] == scene.turn)
    total = sum(r["delta"] for r in scene.rows())
    return after - before, this, scene.value_at(hist.current) - scene.value_at(hist.states[0]), total


def test_ledger_from_the_resolution_with_keys_and_clicks(app, mid, shot):
    _board(app, mid)
    ui.click_button(app, "Last turn")
    assert isinstance(app.top, ResolutionScene)
    ui.click_button(app, "Why?")
    led = app.top
    assert isinstance(led, LedgerScene) and led.turn == mid.game.history.reports[-1]["turn"]
    assert led.field == "stability" and led.compact == (app.theme.scale >= 1.5)
    change, this, game_change, total = _numbers(led)
    assert this == pytest.approx(change, abs=1e-3) and total == pytest.approx(game_change, abs=1e-2)
    shot(app, "ledger_stability")

    # Down to trust, Right to the "from" column, Down: trust Borealis -> ?, Right, Down: toward the next nation
    while led.field != "trust":
        ui.press(app, pygame.K_DOWN, 1)
    ui.press(app, pygame.K_RIGHT)
    assert led.focus == "who"
    ui.press(app, pygame.K_DOWN)
    assert led.a == 1 and led.b != 1
    ui.press(app, pygame.K_RIGHT)
    b0 = led.b
    ui.press(app, pygame.K_DOWN)
    assert led.focus == "toward" and led.b != b0 and led.b != led.a
    change, this, game_change, total = _numbers(led)
    assert this == pytest.approx(change, abs=1e-3) and total == pytest.approx(game_change, abs=1e-3)
    assert led.title().startswith("trust ")
    shot(app, "ledger_trust")

    # the totals over the game are biggest first; PgUp goes a turn back; T shows the game turn by turn
    sizes = [float(r.value) for r in led.game.rows if not r.detail]
    assert [abs(x) for x in sizes] == sorted((abs(x) for x in sizes), reverse=True)
    turn = led.turn
    ui.press(app, pygame.K_PAGEUP)
    assert led.turn == turn - 1
    ui.press(app, pygame.K_t)
    assert led.by_turn and all(r.key is not None for r in led.game.rows)
    first = led.game.rows[0].key
    ui.click(app, led.game.row_rect(first))
    assert led.turn == first
    shot(app, "ledger_by_turn")

    # a value picked with the mouse: the list at 100 %, the < > buttons at 200 %
    if led.compact:
        before = led.field
        ui.click(app, [b for b in ui.buttons(app) if b.text == ">"][0].rect)
        assert led.field != before
    else:
        ui.click(app, led.lists["field"].row_rect("cohesion"))
        assert led.field == "cohesion" and led.kind == "org"
        ui.click(app, led.lists["who"].row_rect(1))
        assert led.a == 1
        change, this, *_ = _numbers(led)
        assert this == pytest.approx(change, abs=1e-3)
    shot(app, "ledger_clicked")
    ui.press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, ResolutionScene)


def test_ledger_sums_are_the_changes_for_every_kind_of_value(mid, data):
    """For every value the explorer offers, the causes of a turn add up to that turn's change and the causes over
    the game to the change since the start."""
    from game.ui.scenes.ledger import FIELDS

    app = App((1280, 720), Settings())
    try:
        sc = mid.scenario
        for field, kind in FIELDS:
            for index in {"region": [()], "pair": [(0, 1), (3, 2)], "threat": list(range(len(sc.threats))),
                          "org": list(range(len(sc.orgs)))}.get(kind, [0, 4]):
                for turn in (1, 3, len(mid.game.history.reports)):
                    led = LedgerScene(app, mid, turn, field, index)
                    assert led.field == field and led.index == index
                    change, this, game_change, total = _numbers(led)
                    assert this == pytest.approx(change, abs=2e-3), (field, index, turn)
                    assert total == pytest.approx(game_change, abs=2e-2), (field, index)
    finally:
        app.reset()


def test_ledger_before_any_turn(app, sc, shot):
    s = _session(sc, 0)
    assert not s.game.history.reports
    app.reset(MainMenu(app), BoardScene(app, s))
    app.open_ledger(s, None)
    assert isinstance(app.top, LedgerScene) and app.top.turn is None
    ui.press(app, pygame.K_DOWN)
    ui.press(app, pygame.K_PAGEUP)          # nothing to page through, and no error
    shot(app, "ledger_empty")


# -- the codex ---------------------------------------------------------------------------------------
def test_codex_with_f1_keys_and_clicks(app, mid, shot):
    _board(app, mid)
    depth = len(app.scenes)
    ui.press(app, pygame.K_F1)
    cx = app.top
    assert isinstance(cx, CodexScene) and cx.selected == codex()[0]["id"]
    assert len(cx.entries) == len(codex()) >= 30
    shot(app, "codex")
    ui.press(app, pygame.K_DOWN)
    assert cx.selected == codex()[1]["id"]
    ui.press(app, pygame.K_h, unicode="h")          # jump to the next title starting with h
    assert cx.by_id[cx.selected]["title"].lower().startswith("h")
    target = codex()[5]["id"]
    ui.click(app, cx.list.row_rect(target))
    assert cx.selected == target
    html = cx.entry_html()
    entry = codex()[5]
    for key in ("title", "source_section"):
        assert T_esc(entry[key]) in html
    assert "How it works in the game" in html and "To discuss" in html
    ui.press(app, pygame.K_PAGEDOWN)
    shot(app, "codex_clicked")
    ui.press(app, pygame.K_F1)                       # F1 in the codex does not stack codices
    assert len(app.scenes) == depth + 1 and isinstance(app.top, CodexScene) and app.top.selected == target
    ui.press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, BoardScene)


def T_esc(text: str) -> str:
    from game.ui.text import esc

    return esc(text)


def test_codex_at_an_action_card_lists_its_concepts(app, mid, shot):
    _board(app, mid)
    action = mid.scenario.action("joint_exercise")
    app.open_codex("joint_exercise")
    cx = app.top
    assert cx.card is not None and cx.card[0] == "joint_exercise"
    assert cx.order[: len(action.concepts)] == list(action.concepts) and cx.selected == action.concepts[0]
    assert [r.key for r in cx.list.rows if r.marked] == list(action.concepts)
    assert action.name in cx.entry_html()
    shot(app, "codex_action")
    ui.press(app, pygame.K_ESCAPE)
    # an action whose id is also a concept's: the prefixed form still lists all the card's concepts
    both = next(a for a in mid.scenario.actions if a.id in {c["id"] for c in codex()} and len(a.concepts) > 1)
    app.open_codex(f"action:{both.id}")
    assert app.top.card[0] == both.id and app.top.order[: len(both.concepts)] == list(both.concepts)
    ui.press(app, pygame.K_ESCAPE)
    app.open_codex(both.id)
    assert app.top.card is None and app.top.selected == both.id
    ui.press(app, pygame.K_ESCAPE)
    app.open_codex("no_such_thing")
    assert app.top.missing == "no_such_thing"
    shot(app, "codex_missing")


def test_every_action_card_reaches_the_codex(mid, app):
    """Each action's concepts exist in the codex, and F1 on a selected card opens the codex at one of them."""
    ids = {c["id"] for c in codex()}
    for a in mid.scenario.actions:
        assert a.concepts and set(a.concepts) <= ids, a.id
    _board(app, mid)
    p = PlanningScene(app, mid, 0)
    app.push(p)
    app.run_frames(1)
    p.selected = "intel_sharing"
    ui.press(app, pygame.K_F1)
    cx = app.top
    assert isinstance(cx, CodexScene)
    assert cx.selected in mid.scenario.action("intel_sharing").concepts


# -- the debrief ---------------------------------------------------------------------------------------
def _run_whatif(app, scene, limit: int = 2000) -> None:
    for _ in range(limit):
        if scene.whatif_done():
            return
        app.run_frames(1)
    raise AssertionError("the what-if games did not finish")


def test_debrief_mid_game_every_section(app, mid, shot, data, monkeypatch):
    monkeypatch.setattr(debrief_mod, "WHATIF_RUNS", 6)
    _board(app, mid)
    ui.click_button(app, "Charts")
    ui.click_button(app, "Debrief")
    d = app.top
    assert isinstance(d, DebriefScene) and not isinstance(d, GameOverScene)
    shot(app, "1_summary")
    for k, key in enumerate(debrief_mod.TAB_KEYS[1:], 2):
        ui.press(app, getattr(pygame, f"K_{k}"))
        assert d.tab == key
        if key == "whatif":
            assert d.running is not None                   # opening the section starts the computer games
            _run_whatif(app, d)
        shot(app, f"{k}_{key}")
    ui.press(app, pygame.K_RIGHT)
    assert d.tab == "summary"

    # turning points: each with causes; a click opens the why-ledger at that turn and value
    ui.press(app, pygame.K_3)
    tps = d.turning()
    assert tps and all(p["causes"] for p in tps)
    ui.click(app, d.list.row_rect(0))
    led = app.top
    assert isinstance(led, LedgerScene) and led.turn == tps[0]["turn"]
    assert led.field == {"average trust": "trust"}.get(tps[0]["value"], tps[0]["value"])
    ui.press(app, pygame.K_ESCAPE)
    assert app.top is d

    # discussion: the scenario's questions, then the prompts of codex concepts the game touched
    ui.press(app, pygame.K_7)
    keys = [r.key for r in d.list.rows]
    assert keys[: len(mid.scenario.discussion)] == [("s", k) for k in range(len(mid.scenario.discussion))]
    touched = analysis.concepts_touched(mid.game.history)
    concept_rows = [k[1] for k in keys if k[0] == "c"]
    assert concept_rows and set(concept_rows) <= set(touched)
    ui.click(app, d.list.row_rect(("c", concept_rows[0])))
    assert isinstance(app.top, CodexScene) and app.top.selected == concept_rows[0]
    ui.press(app, pygame.K_ESCAPE)

    # what if: the numbers are those of the seeded function; another turn plays its own games
    ui.press(app, pygame.K_6)
    wi = d.whatifs[1]
    again = what_if(mid.game.history, d.doctrines(), 1, 6, mid.seed)
    assert wi.bands() == again.bands() and wi.outcomes == again.outcomes
    assert sum(wi.rates().values()) == pytest.approx(1.0)
    ui.press(app, pygame.K_DOWN)
    assert d.from_turn == 2 and d.running is not None
    _run_whatif(app, d)
    assert d.whatifs[2].bands()[2][:1] == [analysis.series(mid.game.history)["stability"][0]]
    shot(app, "6_whatif_turn2")

    # export from the debrief
    ui.click_button(app, "Export")
    folder = mid.export_dir()
    assert d.message and d.message[1] == "good" and str(folder) in d.message[0]
    assert sorted(p.name for p in folder.iterdir()) == ["history.json", "report.html", "turns.csv"]
    shot(app, "export_done")
    ui.press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, ChartsScene)


def test_game_over_is_the_debrief(app, finished, shot, monkeypatch):
    monkeypatch.setattr(debrief_mod, "WHATIF_RUNS", 4)
    flow.open_session(app, finished)
    app.run_frames(2)
    end = app.top
    assert isinstance(end, GameOverScene) and isinstance(end, DebriefScene) and end.tab == "summary"
    labels = [b.text for b in ui.buttons(app)]
    assert any(t.startswith("Main menu") for t in labels) and any(t.startswith("Export") for t in labels)
    shot(app, "gameover")
    ui.press(app, pygame.K_5)
    shot(app, "gameover_trust")
    ui.press(app, pygame.K_6)
    _run_whatif(app, end)
    assert end.whatifs[1].done == 4
    shot(app, "gameover_whatif")
    ui.press(app, pygame.K_4)
    shot(app, "gameover_burden")
    ui.click_button(app, "Last turn")
    assert isinstance(app.top, ResolutionScene)
    ui.press(app, pygame.K_ESCAPE)
    assert app.top is end
    ui.press(app, pygame.K_RETURN)
    assert isinstance(app.top, MainMenu)


def test_debrief_export_error_is_shown(app, mid, data, monkeypatch):
    _board(app, mid)
    app.open_debrief(mid)
    blocker = mid.export_dir()
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("a file where the export folder should be")
    ui.press(app, pygame.K_e)
    d = app.top
    assert d.message and d.message[1] == "bad" and "not a folder" in d.message[0]


# -- the what-if function ------------------------------------------------------------------------------
def test_whatif_is_seeded_and_starts_from_the_class_game(mid):
    hist = mid.game.history
    doctrines = {k: s.doctrine for k, s in mid.seats.items()}
    a = what_if(hist, doctrines, 3, 5, seed=11)
    b = what_if(hist, doctrines, 3, 5, seed=11)
    c = what_if(hist, doctrines, 3, 5, seed=12)
    assert a.stability == b.stability and a.outcomes == b.outcomes
    assert a.stability != c.stability
    assert len({tuple(run) for run in a.stability}) == len(a.stability)       # every run its own seed
    actual = analysis.series(hist)["stability"]
    sc = mid.scenario
    for run in a.stability:
        assert len(run) == sc.turns + 1
        assert run[:3] == pytest.approx(actual[:3], abs=1e-3)      # the class's own turns before the branch
    bands = a.bands()
    assert len(bands) == 5 and all(len(x) == sc.turns + 1 for x in bands)
    assert all(lo <= hi + 1e-9 for lo, hi in zip(bands[0], bands[4]))
    with pytest.raises(ValueError):
        WhatIfRun(hist, doctrines, 99)
    assert turns_to_branch(hist) == list(range(1, mid.turn + 1))
    assert fast_doctrines(sc, {0: "planner"})[0] == sc.nations[0].doctrine


def test_ledger_rows_add_up_to_the_sum_shown(data):
    """Every value, every turn: the causes shown (rounded, smaller ones gathered) add up to the printed sum."""
    import re

    from game.ui.scenes.ledger import LedgerScene
    from game.ui.shots import played_session

    session = played_session(turns=4)
    app = App((1280, 720), Settings())
    try:
        app.reset(MainMenu(app), BoardScene(app, session))
        for field in ("stability", "escalation", "security", "trust", "threat", "cohesion"):
            for turn in range(1, 5):
                scene = LedgerScene(app, session, turn, field=field)
                app.push(scene)
                app.run_frames(1)
                with ui.drawn_text() as log:
                    app.draw()
                sums = [float(m.group(1)) for t in log for m in [re.match(r"Sum of the causes ([+-][0-9.]+)", t)] if m]
                assert sums, (field, turn, log)
                shown = sum(float(r.value) for r in scene.this.rows if not r.detail)
                assert abs(shown - sums[0]) < 1e-6, (field, turn, [(r.value, r.text) for r in scene.this.rows], sums)
                game = [float(m.group(1)) for t in log for m in [re.match(r"Sum ([+-][0-9.]+) =", t)] if m]
                assert abs(sum(float(r.value) for r in scene.game.rows if not r.detail) - game[0]) < 1e-6, (field, turn)
                app.pop()
    finally:
        app.reset()


def test_a_click_on_a_chart_opens_the_turn_clicked(data):
    """Lines, not steps, with round ticks; a click near turn k's point opens the why-ledger at turn k."""
    from game.ui.shots import played_session
    from game.ui.widgets import linechart

    assert linechart.ticks(0, 100, 5) == [0, 20, 40, 60, 80, 100]
    assert linechart.ticks(0, 5, 5, integer=True) == [0, 1, 2, 3, 4, 5]
    assert all(float(t).is_integer() for t in linechart.ticks(0, 19, 6, integer=True))
    session = played_session(turns=6)
    app = App((1280, 720), Settings())
    try:
        app.reset(MainMenu(app), BoardScene(app, session))
        app.push(ChartsScene(app, session))
        app.run_frames(1)
        ui.press(app, pygame.K_1)
        charts = app.top.charts
        title, series, lo, hi, legend, integer, labels = charts.spec("stability")
        chart, _ = linechart.layout(charts.rects["stability"], app.theme, title, series, lo, hi, legend,
                                    charts.turns, labels)
        for turn in (2, 5):
            x, y = int(chart.x_of(turn)), int(chart.y_of(series[0].values[turn]))
            ui.click(app, (x + 3, y))
            assert isinstance(app.top, LedgerScene) and app.top.turn == turn and app.top.field == "stability"
            ui.press(app, pygame.K_ESCAPE)
    finally:
        app.reset()

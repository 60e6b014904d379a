"""The layout holds on a projector: the board, planning, resolution and debrief at 1280x720 (100 % and 200 %) and
1920x1080 read whole - no drawn text cut with an ellipsis, no button label wider than its button - and the map keeps
a usable size."""
from __future__ import annotations

import pygame
import pytest
from pygame_gui.elements import UIButton

from game.ui import testing as ui
from game.ui.app import App
from game.ui.prefs import Settings
from game.ui.shots import SIZES, played_session, screens


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    import os

    from game.content import saves

    os.environ[saves.ENV_DATA] = str(tmp_path_factory.mktemp("data"))
    return played_session(turns=3)


def cut_texts(app) -> list[str]:
    with ui.drawn_text() as log:
        app.draw()
    cut = [t for t in log if t.rstrip().endswith("…") or t.rstrip().endswith("...")]
    for el in app.top.ui:
        if isinstance(el, UIButton) and el.alive():
            if el.text.endswith("…"):
                cut.append(el.text)
            font = el.font if hasattr(el, "font") else None
            if font is not None and font.size(el.text)[0] > el.rect.width - 4:
                cut.append(f"{el.text} (wider than its button)")
    return cut


@pytest.mark.parametrize("size,scale", SIZES, ids=[f"{w}x{h}-{s}" for (w, h), s in SIZES])
def test_turn_screens_read_whole(session, size, scale):
    app = App(size, Settings(scale=scale))
    try:
        problems = {}
        for name in screens(app, session):
            cut = cut_texts(app)
            if cut:
                problems[name] = cut
            if name == "board":
                m = app.top.map.rect
                assert m.width >= 0.4 * size[0] and m.height >= 0.5 * size[1], m      # not a thumbnail
        assert not problems, problems
    finally:
        app.reset()


@pytest.mark.parametrize("size,scale", SIZES, ids=[f"{w}x{h}-{s}" for (w, h), s in SIZES])
def test_every_screen_reads_whole(session, size, scale):
    """Every other screen too, as it opens: menus, setup, charts, ledger, codex, console, settings."""
    from game.ui.scenes.board import BoardScene
    from game.ui.scenes.menu import MainMenu
    from game.ui.shots import factories, scene_classes

    make = factories()
    problems = {}
    for cls in scene_classes():
        app = App(size, Settings(scale=scale))
        try:
            app.reset(MainMenu(app), BoardScene(app, session))
            app.push(make[cls.__name__](app, session))
            app.run_frames(2)
            cut = cut_texts(app)
            if cut:
                problems[cls.__name__] = cut
        finally:
            app.reset()
    assert not problems, problems


@pytest.fixture(scope="module")
def negotiated(session):
    """A game in its second turn with a three-nation, three-term private proposal waiting, an agreement running on from
    turn 1 and the computer nations' own deals: the longest lines the console's Deals tab writes."""
    from game.app.session import GameSession, Seat
    from game.sim.deals import Deal, Term

    sc = session.scenario
    s = GameSession.new(sc.source, sc, 4, {k: Seat(k in (0, 3), nd.doctrine) for k, nd in enumerate(sc.nations)},
                        autosave=False)
    pledge = (Term("pledge", pledge="no_buildup", turns=3),)
    assert s.negotiation.propose(Deal(0, (0, 3), pledge)) == []
    p = next(x for x in s.view.waiting_for(3) if x.deal.proposer == 0)
    assert s.negotiation.answer(p.id, 3, "accept") == []
    s.resolve()
    long = (Term("pledge", pledge="contribute", org=0, turns=3), Term("pledge", pledge="share_intel", turns=2),
            Term("pledge", pledge="no_buildup", turns=3))
    members = tuple(sc.orgs[0].members[:3])
    assert s.negotiation.propose(Deal(members[0], members, long, public=False)) == []
    return s


@pytest.mark.parametrize("size,scale", SIZES, ids=[f"{w}x{h}-{s}" for (w, h), s in SIZES])
def test_the_consoles_deals_tab_reads_whole(negotiated, size, scale):
    from game.ui.scenes.board import BoardScene
    from game.ui.scenes.facilitator import FacilitatorScene
    from game.ui.scenes.menu import MainMenu

    app = App(size, Settings(scale=scale))
    try:
        for paused in (False, True):
            negotiated.paused = paused
            app.reset(MainMenu(app), BoardScene(app, negotiated))
            app.push(FacilitatorScene(app, negotiated, "deals"))
            app.run_frames(2)
            words = " ".join(ui.screen_text(app))
            assert "Proposals of turn 2" in words
            assert not cut_texts(app), cut_texts(app)
            lists = app.top.current.lists.values()
            if any(lv.content_h > lv.rect.height for lv in lists):     # what does not fit is a PgDn away
                ui.press(app, pygame.K_PAGEDOWN)
                assert any(lv.scroll > 0 for lv in lists) and not cut_texts(app), cut_texts(app)
    finally:
        negotiated.paused = False
        app.reset()


def test_the_boards_table_stays_readable_at_a_large_scale(data, monkeypatch):
    """At 200 % in a 1280x720 window the tutorial's nation table shrank to the smallest font (9 px beside 24 px text);
    now the stocks give way, militarization first. At 100 % every column stays, and its key names them."""
    from game.app.session import GameSession, Seat
    from game.content.loader import SCENARIOS, load_scenario
    from game.ui.scenes.board import BoardScene
    from game.ui.scenes.menu import MainMenu
    from game.ui.widgets import meters

    path = SCENARIOS / "tutorial.yaml"
    sc = load_scenario(path)
    seen: dict[int, tuple[list[str], int]] = {}
    real = meters.draw_table

    def spy(surface, th, rect, heads, rows, *a, **k):
        seen[round(th.scale * 100)] = (list(heads), meters.table_size(th, rect, heads, rows))
        return real(surface, th, rect, heads, rows, *a, **k)

    monkeypatch.setattr(meters, "draw_table", spy)
    said = {}
    for scale in (100, 200):
        app = App((1280, 720), Settings(scale=scale))
        s = GameSession.new(path, sc, 3, {k: Seat(k == 0, nd.doctrine) for k, nd in enumerate(sc.nations)})
        app.reset(MainMenu(app), BoardScene(app, s))
        app.run_frames(2)
        with ui.drawn_text() as log:
            app.draw()
        said[scale] = " ".join(log)
        app.reset()
    heads, size = seen[200]
    assert "Mil" not in heads and "NI" in heads and size >= 0.6 * App((1280, 720), Settings(scale=200)).theme.size("small")
    assert "Mil militarization" in said[100]
    assert {"Sec", "Eco", "Sup", "Inf", "Mil"} <= set(seen[100][0])


def test_a_picked_cards_words_read_whole_at_200_percent(session):
    """At 200 % in 1280x720 (the compact planning screen) a picked card's text was cut after two lines ("...gain only
    when it drills back. Buil..."): the words are what a card teaches, so they take up to four lines while a target row
    still shows, and the key hint the footer already gives makes way."""
    from game.ui.scenes.menu import MainMenu
    from game.ui.scenes.planning import PlanningScene

    app = App((1280, 720), Settings(scale=200))
    app.reset(MainMenu(app), PlanningScene(app, session, session.humans[0]))
    app.run_frames(2)
    scene = app.top
    assert scene.compact
    cut = {}
    for a in session.scenario.actions:
        if a.target == "self":
            continue
        scene.selected, scene.multi, scene.message, scene.target_cursor = a.id, [], None, None
        scene.refresh()
        with ui.drawn_text() as log:
            app.draw()
        cut[a.id] = [t for t in log if t.rstrip().endswith("…") and t.rstrip()[:-1].rstrip()[:24] in a.text]
    assert not any(cut.values()), {k: v for k, v in cut.items() if v}
    app.reset()


@pytest.mark.parametrize("name", ["north_atlantic", "southeast_asia", "meridian", "five_eyes", "tutorial"])
def test_the_setup_screen_keeps_its_seed_on_the_panel_at_200_percent(data, name):
    """At 1280x720 and 200 % the North Atlantic's six suggested seatings took three rows and pushed the seed under the
    footer, where no one could see or click it. Every button and the seed entry now stay on their panel, and the
    suggestions still say how many teams each is."""
    from game.content.loader import load_scenario
    from game.data import scenario_path
    from game.ui.scenes.menu import MainMenu
    from game.ui.scenes.setup import SetupScene

    sc = load_scenario(scenario_path(name))
    app = App((1280, 720), Settings(scale=200))
    try:
        app.reset(MainMenu(app), SetupScene(app, scenario_path(name), sc))
        app.run_frames(2)
        top = app.top
        panels = [top.left, top.right]
        live = [el for el in top.ui if el.alive() and el.rect.top >= top.left.top]
        assert top.seed_entry in live
        outside = [getattr(el, "text", "entry") for el in live if not any(p.contains(el.rect) for p in panels)]
        assert not outside, outside
        over = [(getattr(a, "text", "entry"), getattr(b, "text", "entry")) for i, a in enumerate(live)
                for b in live[i + 1:] if a.rect.colliderect(b.rect)]
        assert not over, over
        # each seat's buttons sit on its own row, beside its name
        for k, row in top.row_rects:
            assert any(isinstance(el, UIButton) and el.rect.top == row.top and el.text in ("Human", "Computer")
                       for el in live), (sc.nations[k].name, row)
        labels = [el.text for el in live if isinstance(el, UIButton) and top.right.contains(el.rect)]
        for teams, _ in sc.seats:
            assert str(teams) in labels or f"{teams} teams" in labels or f"{teams} team" in labels, labels
        assert not cut_texts(app), cut_texts(app)
    finally:
        app.reset()


def test_a_nine_nation_ranking_stays_legible_at_the_end_at_200_percent(data, monkeypatch):
    """The North Atlantic's game-over ranking at 1280x720 and 200 %: ten rows under a two-line explanation shrank the
    table to 13-pixel text (half the small font); the explanation gives way where the rows need its room."""
    from game.data import scenario_path
    from game.ui.scenes.board import BoardScene
    from game.ui.scenes.gameover import GameOverScene
    from game.ui.scenes.menu import MainMenu
    from game.ui.widgets import meters

    s = played_session(scenario_path("north_atlantic"), turns=20)
    assert s.view.state.over
    real, sizes = meters.draw_table, []

    def spy(surface, theme, rect, headers, rows, first_width=0.34):
        sizes.append(meters.table_size(theme, rect, headers, rows, first_width))
        return real(surface, theme, rect, headers, rows, first_width)
    monkeypatch.setattr(meters, "draw_table", spy)
    for scale in (200, 100):
        app = App((1280, 720), Settings(scale=scale))
        try:
            app.reset(MainMenu(app), BoardScene(app, s))
            app.push(GameOverScene(app, s))
            app.run_frames(2)
            sizes.clear()
            words = " ".join(ui.screen_text(app))
            assert sizes and sizes[0] >= app.theme.size("small") * 2 // 3, (scale, sizes)
            assert all(nd.name in words for nd in s.scenario.nations)
            assert ("standing: the field's mean" in words) == (scale == 100)     # where there is room, it says what
        finally:
            app.reset()


@pytest.fixture(scope="module")
def nine_nations(tmp_path_factory):
    """The North Atlantic (nine nations, the largest shipped scenario) with three turns played."""
    import os

    from game.content import saves
    from game.data import scenario_path

    os.environ[saves.ENV_DATA] = str(tmp_path_factory.mktemp("data9"))
    return played_session(scenario_path("north_atlantic"), turns=3)


def visible_lines(app) -> list[tuple[str, pygame.Rect]]:
    """Every line of hand-drawn text the top scene draws in one frame (its footer too), cut to the clip it was drawn under (a scrolled
    list's rows beyond its edge are not seen), with where it shows."""
    from game.ui import text as T

    real, seen, top = T.draw, [], app.top

    def draw(surface, text, font, color, pos, align="left", max_width=None):
        r = real(surface, text, font, color, pos, align, max_width)
        if surface is app.surface and text.strip():
            seen.append((text, r.clip(surface.get_clip())))
        return r
    T.draw = draw
    try:
        top.draw(app.surface)
        top.draw_footer(app.surface)          # the key help: what runs past a panel's bottom lands on it
    finally:
        T.draw = real
    return [(t, r) for t, r in seen if r.width > 0 and r.height > 0]


@pytest.mark.parametrize("size,scale", SIZES, ids=[f"{w}x{h}-{s}" for (w, h), s in SIZES])
def test_with_nine_nations_no_line_is_drawn_over_another(nine_nations, size, scale):
    """Every screen with the largest shipped scenario, at each projector size: no two lines of text on top of each
    other, none off the window. The negotiation screen drew its status over its terms at 200 % (and the three-nation
    tutorial the other layout tests use hid it)."""
    from game.ui.scenes.board import BoardScene
    from game.ui.scenes.menu import MainMenu
    from game.ui.shots import factories, scene_classes

    make = factories()
    problems = {}

    def check(name: str) -> None:
        lines = visible_lines(app)
        scr = pygame.Rect((0, 0), app.surface.get_size())
        bad = [t for t, r in lines if not scr.contains(r)]
        cut = [(t, r.inflate(-4, -4)) for t, r in lines]
        bad += [f"{a} / {b}" for i, (a, ra) in enumerate(cut) for b, rb in cut[i + 1:] if ra.colliderect(rb)]
        if bad:
            problems[name] = bad[:6]

    app = App(size, Settings(scale=scale))
    try:
        for name in screens(app, nine_nations):
            check(name)
    finally:
        app.reset()
    for cls in scene_classes():
        app = App(size, Settings(scale=scale))
        try:
            app.reset(MainMenu(app), BoardScene(app, nine_nations))
            app.push(make[cls.__name__](app, nine_nations))
            app.run_frames(2)
            check(cls.__name__)
        finally:
            app.reset()
    assert not problems, problems

"""A hotseat game with two teams through real pygame events: each team negotiates behind the pass screen (N in
planning), they sign and keep an agreement, sign another that one of them breaks, write to each other, and the
debrief's Promises section shows the archive, the promises-kept index and a prompt quoting the broken promise.
Screenshots of the negotiation screen and the debrief go to tests/shotdir.py's folder."""
from __future__ import annotations

import pygame
import pytest
import shotdir

from game.app.session import GameSession, Seat
from game.content.loader import SCENARIOS, load_scenario
from game.sim.state import Order
from game.ui import testing as ui
from game.ui.app import App
from game.ui.prefs import Settings
from game.ui.scenes.board import BoardScene
from game.ui.scenes.gameover import GameOverScene
from game.ui.scenes.hotseat import HotseatScene
from game.ui.scenes.menu import MainMenu
from game.ui.scenes.negotiation import NegotiationScene
from game.ui.scenes.planning import PlanningScene
from game.ui.scenes.resolution import ResolutionScene

VALDORIA, KESTRIA, MORVANE = 0, 1, 2
CARD = "personnel_exchange"


@pytest.fixture
def app(data):
    a = App((1280, 720), Settings())
    yield a
    a.reset()


@pytest.fixture
def shot(request):
    folder = shotdir.folder(request)
    folder.mkdir(parents=True, exist_ok=True)

    def take(app, name: str):
        app.run_frames(1)
        p = app.screenshot(folder / f"{name}.png")
        assert p.stat().st_size > 1000
        return p
    return take


def _to_planning(app, nation: int) -> PlanningScene:
    if isinstance(app.top, BoardScene):
        ui.press(app, pygame.K_RETURN)
    assert isinstance(app.top, HotseatScene) and app.top.nation == nation
    ui.press(app, pygame.K_RETURN)
    assert isinstance(app.top, PlanningScene) and app.top.nation == nation
    return app.top


def _negotiate(app) -> NegotiationScene:
    ui.press(app, pygame.K_n, unicode="n")
    assert isinstance(app.top, NegotiationScene)
    return app.top


def _propose_exchange(app, scene: NegotiationScene) -> None:
    number = next(n for n, t in enumerate(scene.terms(), 1) if t.action == CARD)
    ui.press(app, getattr(pygame, f"K_{number}"), unicode=str(number))
    ui.press(app, pygame.K_p, unicode="p")
    assert scene.message is not None and scene.message[0].startswith("Proposed"), scene.message


def _plan_exchange(app, scene: PlanningScene, partner: int) -> None:
    number = next(n for n, (_, aid) in enumerate(scene.card_rects, 1) if aid == CARD)
    ui.press(app, getattr(pygame, f"K_{number}"), unicode=str(number))
    ui.click(app, scene.targets.row_rect(partner))
    assert [o.action for o in scene.orders] == [CARD]


def _two_teams(app) -> GameSession:
    """The tutorial with Valdoria and Kestria played by teams, on the board."""
    path = SCENARIOS / "tutorial.yaml"
    sc = load_scenario(path)
    session = GameSession.new(path, sc, 5, {k: Seat(k in (VALDORIA, KESTRIA), nd.doctrine)
                                            for k, nd in enumerate(sc.nations)})
    app.reset(MainMenu(app), BoardScene(app, session))
    app.run_frames(2)
    return session


def test_a_proposal_to_a_computer_partner_says_at_once_how_it_answered(app, data):
    """Computer partners answer a proposal at once; the screen said a green "Proposed: ..." while the list below
    said it was declined (in a real window, a joint exercise to Morvane). Now the line itself says it: signed, or
    declined by whom, or waiting for whom."""
    session = _two_teams(app)
    _to_planning(app, VALDORIA)
    neg = _negotiate(app)
    neg.marked, neg.partner = [], MORVANE
    neg.term = 0                                        # a joint exercise together
    ui.press(app, pygame.K_p, unicode="p")
    p = session.negotiation.this_turn()[-1]
    assert p.deal.parties == (VALDORIA, MORVANE) and p.answers[MORVANE] in ("accept", "decline")
    text, tone = neg.message
    if p.agreement:
        assert text.startswith(f"Signed as agreement {p.agreement}:") and tone == "good"
    else:
        assert text.endswith("declined by Morvane") and tone == "bad", neg.message
    # a team's answer is awaited, and said so
    neg.partner = KESTRIA
    ui.press(app, pygame.K_p, unicode="p")
    assert neg.message[0].endswith("waiting for Kestria") and neg.message[1] == "good", neg.message


def test_two_teams_make_keep_and_break_an_agreement_through_to_the_debriefs_archive(app, data, shot):
    session = _two_teams(app)

    # turn 1: Valdoria proposes an exchange to Kestria and writes to it; Kestria accepts; both keep it
    plan = _to_planning(app, VALDORIA)
    neg = _negotiate(app)
    assert neg.partner == KESTRIA
    _propose_exchange(app, neg)
    ui.press(app, pygame.K_m, unicode="m")
    ui.type_text(app, neg.entry_el, "An exchange of officers this turn?")
    ui.press(app, pygame.K_RETURN)
    assert [m.text for m in session.view.messages(KESTRIA)] == ["An exchange of officers this turn?"]
    shot(app, "negotiation-proposer")
    ui.press(app, pygame.K_ESCAPE)
    assert app.top is plan
    _plan_exchange(app, plan, KESTRIA)
    ui.press(app, pygame.K_RETURN)                       # end planning: the pass screen hides Valdoria's side
    plan = _to_planning(app, KESTRIA)
    neg = _negotiate(app)
    assert [p.deal.proposer for p in session.view.waiting_for(KESTRIA)][:1] == [VALDORIA]
    assert "An exchange of officers this turn?" in " ".join(ui.screen_text(app))
    shot(app, "negotiation-answer")
    ui.press(app, pygame.K_a, unicode="a")
    assert neg.message[0].startswith("Accepted") and "agreement 1.1" in neg.message[0]
    ui.press(app, pygame.K_ESCAPE)
    # back in planning, the plan says what the promise still lacks; K adds it and the plan says it keeps it
    assert "Agreement 1.1 is broken unless you add Personnel exchange → Valdoria" in " ".join(ui.screen_text(app))
    ui.press(app, pygame.K_k, unicode="k")
    assert plan.orders == [Order(CARD, (VALDORIA,))]
    assert "Agreement 1.1 kept by this plan" in " ".join(ui.screen_text(app))
    shot(app, "planning-promise-kept")
    ui.press(app, pygame.K_RETURN)
    assert isinstance(app.top, ResolutionScene)
    first = next(a for a in session.view.report(1)["agreements"] if a["id"] == "1.1")
    assert first["status"] == "kept"
    ui.press(app, pygame.K_RETURN)

    # turn 2: the same deal again; this time Kestria signs it and plays something else
    plan = _to_planning(app, VALDORIA)
    _propose_exchange(app, _negotiate(app))
    ui.press(app, pygame.K_ESCAPE)
    _plan_exchange(app, plan, KESTRIA)
    ui.press(app, pygame.K_RETURN)
    _to_planning(app, KESTRIA)
    _negotiate(app)
    ui.press(app, pygame.K_a, unicode="a")
    ui.press(app, pygame.K_ESCAPE)
    assert "Agreement 2.1 is broken unless you add" in " ".join(ui.screen_text(app))
    shot(app, "planning-promise-lacking")
    ui.press(app, pygame.K_RETURN)                       # an empty plan: the promise is broken, as the plan warned
    assert isinstance(app.top, ResolutionScene)
    second = next(a for a in session.view.report(2)["agreements"] if a["parties"] == ["valdoria", "kestria"])
    assert second["status"] == "broken" and second["kept"] == {"valdoria": True, "kestria": False}
    ui.press(app, pygame.K_RETURN)

    # the rest of the game with empty plans, to the debrief
    while not isinstance(app.top, GameOverScene):
        if isinstance(app.top, BoardScene):
            ui.press(app, pygame.K_RETURN)
        while isinstance(app.top, (HotseatScene, PlanningScene)):
            ui.press(app, pygame.K_RETURN)
        if isinstance(app.top, ResolutionScene):
            ui.press(app, pygame.K_RETURN)
    ui.press(app, pygame.K_9, unicode="9")
    assert app.top.tab == "promises"
    text = " ".join(ui.screen_text(app))
    assert "Kestria: promises kept" in text and "broken by Kestria (turn 2)" in text and "kept" in text
    assert "Turn 1, Valdoria to Kestria" in text and "An exchange of officers this turn?" in text   # the message too
    shot(app, "debrief-promises")
    session.set_hide_private(True)                       # a shared screen hiding private information: its count only
    app.top.rebuild()
    hidden = " ".join(ui.screen_text(app))
    assert "1 message between teams" in hidden and "An exchange of officers" not in hidden
    ui.press(app, pygame.K_7, unicode="7")
    assert "Kestria broke agreement 2.1" in " ".join(ui.screen_text(app))
    shot(app, "debrief-discussion")


def test_the_negotiation_screen_takes_no_key_while_the_facilitator_pauses(app, data):
    session = _two_teams(app)
    _to_planning(app, VALDORIA)
    neg = _negotiate(app)
    number = next(n for n, t in enumerate(neg.terms(), 1) if t.action == CARD)
    ui.press(app, getattr(pygame, f"K_{number}"), unicode=str(number))
    session.pause()
    app.run_frames(1)
    before = len(session.view.proposals(None))
    ui.press(app, pygame.K_p, unicode="p")
    ui.press(app, pygame.K_m, unicode="m")
    assert len(session.view.proposals(None)) == before and neg.message is None
    assert app.top is neg and "paused" in " ".join(ui.screen_text(app)).lower()
    session.resume()
    app.run_frames(1)
    _propose_exchange(app, neg)
    assert len(session.view.proposals(None)) == before + 1


def _meridian_two_teams(resolved: bool) -> GameSession:
    """The Meridian Sea with teams in seats 0 and 1 (after one turn, when `resolved`)."""
    path = SCENARIOS / "meridian.yaml"
    sc = load_scenario(path)
    s = GameSession.new(path, sc, 4, {k: Seat(k in (0, 1), nd.doctrine) for k, nd in enumerate(sc.nations)},
                        autosave=False)
    if resolved:
        s.resolve()
    return s


def _two_proposals_to_nation_0(app, s: GameSession) -> None:
    """The board on top, and nation 1's team has proposed two terms to nation 0, which wait for its answer."""
    app.reset(MainMenu(app), BoardScene(app, s))
    other = NegotiationScene(app, s, 1)
    app.push(other)
    app.run_frames(1)
    other.partner = 0
    for t in (1, 2):
        other.term = t
        other.propose()
    app.pop()


def _drawn_rects(app, monkeypatch) -> list[tuple[str, pygame.Rect]]:
    """Every line of hand-drawn text of one frame, with where it went."""
    from game.ui import text as T

    real, seen = T.draw, []

    def draw(surface, text, font, color, pos, align="left", max_width=None):
        r = real(surface, text, font, color, pos, align, max_width)
        seen.append((text, pygame.Rect(r)))
        return r
    monkeypatch.setattr(T, "draw", draw)
    app.draw()
    monkeypatch.setattr(T, "draw", real)
    return seen


@pytest.mark.parametrize("size,scale", [((1280, 720), 200), ((1280, 720), 100), ((1920, 1080), 100)])
def test_a_busy_negotiation_stays_inside_its_panels_at_a_projectors_scale(data, monkeypatch, size, scale):
    """At 1280x720 and 200 % (a projector's setting) the Meridian Sea's negotiation drew its nine terms past the panel,
    its status line over them and this turn's proposals past the bottom of the screen. Now every line stays in its
    panel, none overlaps another, none is cut, and the chosen partner and term stay in sight as they are changed."""
    from test_ui_layout import cut_texts

    s = _meridian_two_teams(resolved=True)
    sc = s.scenario
    app = App(size, Settings(scale=scale))
    try:
        _two_proposals_to_nation_0(app, s)
        for m in ("We will keep the straits open if you join the exercise next turn.", "Agreed in principle."):
            s.negotiation.message(1, (0,), m)
        neg = NegotiationScene(app, s, 0)
        app.push(neg)
        app.run_frames(2)
        for t in range(5):                                     # five proposals of its own, each answered at once
            neg.term, neg.partner = t, 2 + t % 4
            ui.press(app, pygame.K_p, unicode="p")
        assert len(s.view.proposals(0)) >= 5 and neg.message is not None
        panels = [neg.left, neg.mid, neg.right]
        for key, unicode in ((pygame.K_9, "9"), (pygame.K_RIGHT, ""), (pygame.K_1, "1"), (pygame.K_LEFT, "")):
            ui.press(app, key, unicode=unicode)
            seen = _drawn_rects(app, monkeypatch)
            body = [(t, r) for t, r in seen if r.top >= neg.left.top and r.bottom <= neg.left.bottom + 1
                    or any(r.colliderect(p) for p in panels)]
            outside = [t for t, r in body if not any(p.contains(r) for p in panels)]
            assert not outside, outside
            lines = [(t, r.inflate(-2, -2)) for t, r in body]
            overlaps = [(a, b) for i, (a, ra) in enumerate(lines) for b, rb in lines[i + 1:] if ra.colliderect(rb)]
            assert not overlaps, overlaps
            assert not cut_texts(app), cut_texts(app)
            drawn = [t for t, _ in seen]
            assert any(t.startswith(f"{neg.term + 1}. ") for t in drawn), drawn          # the chosen term, in sight
            assert any(t.startswith(f"[ ] {sc.nations[neg.partner].name} ") for t in drawn), drawn
    finally:
        app.reset()


def test_at_200_percent_the_chosen_proposal_stays_in_sight_after_the_screen_is_redrawn(data):
    """The answer list shows one proposal at a time at 200 %: after Down chose the second, a key that rebuilt the
    screen (Right, the next partner) scrolled the list back to the first while A would still answer the second."""
    s = _meridian_two_teams(resolved=False)
    app = App((1280, 720), Settings(scale=200))
    try:
        _two_proposals_to_nation_0(app, s)
        neg = NegotiationScene(app, s, 0)
        app.push(neg)
        app.run_frames(2)
        assert len(neg.waiting.rows) >= 2 and neg.waiting.rect.height < neg.waiting.content_h   # one at a time
        ui.press(app, pygame.K_DOWN)
        second = neg.waiting.rows[1].key
        assert neg.chosen == second
        ui.press(app, pygame.K_RIGHT)                          # rebuilds the screen
        assert neg.waiting.selected == second
        assert neg.waiting.rect.contains(neg.waiting._row_rects()[1]), "the chosen proposal is scrolled out of sight"
    finally:
        app.reset()

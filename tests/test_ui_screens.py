"""Every scene renders at 1280x720, at 200 % scale and in the colour-blind palette; PNGs in <screenshots>/<test name>/
(tests/shotdir.py: $REGIONAL_ACCORD_SHOTS, else pytest's temporary folder)."""
from __future__ import annotations

from pathlib import Path

import pygame
import pytest
import shotdir

from game.app.session import GameSession, Seat
from game.content import saves
from game.content.loader import default_scenario, load_scenario
from game.sim.state import Order
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
from game.ui.scenes.settings import SettingsScene
from game.ui.scenes.setup import SetupScene

ROOT = Path(__file__).resolve().parents[1]

CONFIGS = [
    pytest.param((1280, 720), 100, False, id="1280x720"),
    pytest.param((1280, 720), 200, False, id="1280x720-200pct"),
    pytest.param((1280, 720), 100, True, id="1280x720-colorblind"),
    pytest.param((1920, 1080), 150, False, id="1920x1080-150pct"),
]


def _session(sc, turns: int) -> GameSession:
    seats = {k: Seat(k in (0, 3), nd.doctrine) for k, nd in enumerate(sc.nations)}
    s = GameSession.new(default_scenario(), sc, 3, seats)
    for _ in range(turns):
        s.set_plan(0, [Order("joint_exercise", (1,)), Order("white_paper")])
        s.resolve()
    return s


def _scenes(app, tmp_path):
    """(name, builder) for every screen, each in a state that shows its content (lists, errors, previews)."""
    sc = load_scenario(default_scenario())
    mid = _session(sc, 4)
    broken = tmp_path / "broken.yaml"
    broken.write_text(default_scenario().read_text().replace("turns: 20", "turns: lots").replace("doctrine: hawk", "doctrine: hawkish"))
    (saves.saves_dir() / "damaged.json").write_text("{\"format\": \"regional-accord-save\"")

    def menu_error():
        m = MainMenu(app)
        m.error = "autosave.json: damaged save, it ends early (truncated?)"
        m.fallback = saves.previous_autosave_path()
        return [m]

    def picker_broken():
        p = ScenarioPicker(app)
        p.open_path(broken, rebuild=False)
        return [MainMenu(app), p]

    def planning():
        p = PlanningScene(app, mid, 0)
        mid.set_plan(0, [Order("joint_exercise", (1,)), Order("forum_session", (1,))])
        p.selected, p.multi = "counter_terrorism", [1, 2]
        p.message = "Counter-terrorism task force takes at most 3 partners"
        return [MainMenu(app), BoardScene(app, mid), p]

    def planning_org():
        p = PlanningScene(app, mid, 3)
        mid.set_plan(3, [Order("defence_buildup")])
        p.selected = "forum_session"
        return [MainMenu(app), BoardScene(app, mid), p]

    def planning_plan():
        p = PlanningScene(app, mid, 0)
        mid.set_plan(0, [Order("joint_exercise", (1,)), Order("personnel_exchange", (2,)), Order("white_paper")])
        return [MainMenu(app), BoardScene(app, mid), p]

    def gameover():
        end = _session(sc, 0)
        while not end.over:
            end.resolve()
        return [MainMenu(app), GameOverScene(app, end)]

    return [
        ("menu", lambda: [MainMenu(app)]),
        ("menu_error", menu_error),
        ("picker", lambda: [MainMenu(app), ScenarioPicker(app)]),
        ("picker_broken", picker_broken),
        ("setup", lambda: [MainMenu(app), SetupScene(app, default_scenario(), sc, 7)]),
        ("board", lambda: [MainMenu(app), BoardScene(app, mid)]),
        ("board_hover", lambda: [MainMenu(app), BoardScene(app, mid)]),
        ("planning", planning),
        ("planning_org", planning_org),
        ("planning_plan", planning_plan),
        ("hotseat", lambda: [MainMenu(app), BoardScene(app, mid), HotseatScene(app, mid, 3)]),
        ("resolution", lambda: [MainMenu(app), BoardScene(app, mid), ResolutionScene(app, mid, mid.last_report)]),
        ("pause", lambda: [MainMenu(app), BoardScene(app, mid), PauseMenu(app, mid)]),
        ("load", lambda: [MainMenu(app), LoadScene(app)]),
        ("settings", lambda: [MainMenu(app), SettingsScene(app)]),
        ("gameover", gameover),
    ]


def _widgets_inside(app) -> list[str]:
    """pygame_gui widgets of the top scene that reach outside the window (overflow)."""
    screen = pygame.Rect((0, 0), app.size)
    return [f"{type(el).__name__} {getattr(el, 'text', '')!r} at {el.rect}" for el in app.top.ui
            if el.alive() and not screen.contains(el.rect)]


@pytest.mark.parametrize("size, scale, colorblind", CONFIGS)
def test_every_scene_renders(request, tmp_path, monkeypatch, size, scale, colorblind):
    monkeypatch.setenv(saves.ENV_DATA, str(tmp_path / "data"))
    saves.saves_dir().mkdir(parents=True)
    folder = shotdir.folder(request)
    folder.mkdir(parents=True, exist_ok=True)
    app = App(size, Settings(scale, False, colorblind))
    try:
        for name, build in _scenes(app, tmp_path):
            app.reset(*build())
            app.run_frames(2)
            if name == "board_hover":
                board = app.top
                pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=board.map.pos[3], rel=(0, 0), buttons=(0, 0, 0)))
                app.run_frames(1)
                assert board.hover == 3
            assert not _widgets_inside(app), f"{name}: {_widgets_inside(app)}"
            out = app.screenshot(folder / f"{name}.png")
            assert out.stat().st_size > 1000
    finally:
        app.reset()

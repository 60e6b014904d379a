"""Screenshots of the turn screens (board, planning, resolution, debrief) at the projector sizes, to look at.

    python -m game.ui.shots OUTDIR [scenario.yaml]

writes OUTDIR/<screen>-<width>x<height>-<scale>.png for 1280x720 at 100 % and 200 % and 1920x1080 at 100 %,
with the dummy video driver (no window). `screens(app, session)` is also what the layout tests walk through.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

SIZES = (((1280, 720), 100), ((1280, 720), 200), ((1920, 1080), 100))


def played_session(scenario_path: Path | None = None, turns: int = 3, seed: int = 4):
    """A two-team game of the scenario with a few turns played (so charts, news and the ledger have content)."""
    from game.app.session import GameSession, Seat
    from game.content.loader import default_scenario, load_scenario

    path = Path(scenario_path) if scenario_path else default_scenario()
    sc = load_scenario(path)
    seats = {k: Seat(k in (0, 3 % sc.n), nd.doctrine) for k, nd in enumerate(sc.nations)}
    session = GameSession.new(path, sc, seed, seats, autosave=False)
    for _ in range(turns):
        session.resolve()
    from game.app import par

    par.table(session, wait=True)        # the board and the debrief show scores vs par
    return session


def screens(app, session) -> Iterator[str]:
    """Put each turn screen on top in turn, yielding its name while it is shown."""
    from .scenes.board import BoardScene
    from .scenes.debrief import DebriefScene
    from .scenes.menu import MainMenu
    from .scenes.planning import PlanningScene
    from .scenes.resolution import ResolutionScene

    app.reset(MainMenu(app), BoardScene(app, session))
    app.run_frames(2)
    yield "board"
    app.push(PlanningScene(app, session, session.humans[0]))
    app.run_frames(2)
    yield "planning"
    app.pop()
    app.push(ResolutionScene(app, session, session.view.last_report, review=True))
    app.run_frames(2)
    yield "resolution"
    app.pop()
    app.push(DebriefScene(app, session))
    app.run_frames(2)
    yield "debrief"
    app.pop()



def scene_classes() -> list:
    """Every screen (Scene subclass with a name of its own) in game/ui/scenes, by class name."""
    from pathlib import Path as _P

    import game.ui.scenes as pkg

    from .scene import Scene

    for p in sorted(_P(pkg.__file__).parent.glob("*.py")):
        __import__(f"game.ui.scenes.{p.stem}")
    out, todo = [], list(Scene.__subclasses__())
    while todo:
        c = todo.pop()
        todo += c.__subclasses__()
        if c.__module__.startswith("game.ui.scenes") and "name" in c.__dict__:
            out.append(c)
    return sorted(out, key=lambda c: c.__name__)


def factories() -> dict:
    """Screen class name -> f(app, session) making that screen over a played session (layout and key tests)."""
    from game.content.loader import SCENARIOS

    from .scenes.board import BoardScene
    from .scenes.charts import ChartsScene
    from .scenes.codex import CodexScene
    from .scenes.debrief import DebriefScene
    from .scenes.facilitator import FacilitatorScene, PinScene
    from .scenes.gameover import GameOverScene
    from .scenes.hotseat import HotseatScene
    from .scenes.ledger import LedgerScene
    from .scenes.loadgame import LoadScene
    from .scenes.menu import MainMenu
    from .scenes.negotiation import NegotiationScene
    from .scenes.pause import PauseMenu
    from .scenes.picker import ScenarioPicker
    from .scenes.planning import PlanningScene
    from .scenes.resolution import ResolutionScene
    from .scenes.settings import SettingsScene
    from .scenes.setup import SetupScene

    return {
        "MainMenu": lambda a, s: MainMenu(a), "ScenarioPicker": lambda a, s: ScenarioPicker(a),
        "SetupScene": lambda a, s: SetupScene(a, SCENARIOS / "tutorial.yaml", s.scenario),
        "BoardScene": lambda a, s: BoardScene(a, s), "HotseatScene": lambda a, s: HotseatScene(a, s, s.humans[0]),
        "PlanningScene": lambda a, s: PlanningScene(a, s, s.humans[0]),
        "NegotiationScene": lambda a, s: NegotiationScene(a, s, s.humans[0]),
        "ResolutionScene": lambda a, s: ResolutionScene(a, s, s.last_report, review=True),
        "ChartsScene": lambda a, s: ChartsScene(a, s), "LedgerScene": lambda a, s: LedgerScene(a, s, 1),
        "CodexScene": lambda a, s: CodexScene(a, None), "DebriefScene": lambda a, s: DebriefScene(a, s),
        "GameOverScene": lambda a, s: GameOverScene(a, s), "PauseMenu": lambda a, s: PauseMenu(a, s),
        "LoadScene": lambda a, s: LoadScene(a), "SettingsScene": lambda a, s: SettingsScene(a),
        "PinScene": lambda a, s: PinScene(a, s), "FacilitatorScene": lambda a, s: FacilitatorScene(a, s),
        "ProjectorScene": _projector,
    }


def _projector(app, session):
    """The classroom host's projector view of the session (no server: the view needs only the hub)."""
    from game.net.hub import Hub

    from .scenes.projector import ProjectorScene

    return ProjectorScene(app, Hub(session, store=False), "http://192.168.1.20:8765/", bind="0.0.0.0")


def main(argv: list[str]) -> int:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from .app import App
    from .prefs import Settings

    out = Path(argv[0] if argv else "shots")
    session = played_session(Path(argv[1]) if len(argv) > 1 else None)
    for size, scale in SIZES:
        app = App(size, Settings(scale=scale))
        for name in screens(app, session):
            p = app.screenshot(out / f"{name}-{size[0]}x{size[1]}-{scale}.png")
            print(p)
        app.reset()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

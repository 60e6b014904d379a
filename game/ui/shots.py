"""Screenshots of the turn screens (board, planning, resolution, debrief) at the projector sizes, to look at.

    python -m game.ui.shots OUTDIR [scenario.yaml]

writes OUTDIR/<screen>-<width>x<height>-<scale>.png for 1280x720 at 100 % and 200 % and 1920x1080 at 100 %,
with the dummy video driver (no window). `screens(app, session)` is also what the layout tests walk through.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterator

SIZES = (((1280, 720), 100), ((1280, 720), 200), ((1920, 1080), 100))


def played_session(scenario_path: Path | None = None, turns: int = 3, seed: int = 4):
    """A two-team game of the scenario with a few turns played (so charts, news and the ledger have content)."""
    from game.content.loader import default_scenario, load_scenario

    from .session import GameSession, Seat

    path = Path(scenario_path) if scenario_path else default_scenario()
    sc = load_scenario(path)
    seats = {k: Seat(k in (0, 3 % sc.n), nd.doctrine) for k, nd in enumerate(sc.nations)}
    session = GameSession.new(path, sc, seed, seats, autosave=False)
    for _ in range(turns):
        session.resolve()
    from . import par

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
    app.push(ResolutionScene(app, session, session.last_report, review=True))
    app.run_frames(2)
    yield "resolution"
    app.pop()
    app.push(DebriefScene(app, session))
    app.run_frames(2)
    yield "debrief"
    app.pop()


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

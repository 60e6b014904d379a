"""The order of screens in a turn: board -> (pass screen ->) planning per human nation -> resolution -> board or game over."""
from __future__ import annotations

from game.app.session import GameSession


def open_session(app, session: GameSession) -> None:
    """Show a started or loaded game: the board, or the end screen if it is over (main menu stays below)."""
    from .scenes.board import BoardScene
    from .scenes.gameover import GameOverScene
    from .scenes.menu import MainMenu

    app.reset(MainMenu(app), GameOverScene(app, session) if session.over else BoardScene(app, session))


def advance(app, session: GameSession, replace: bool) -> None:
    """The next step of the turn: the next human's pass/planning screen, or resolve the turn when all have planned.

    replace=True swaps the current screen (a finished plan); False pushes over the board (the Plan button).
    """
    from .scenes.hotseat import HotseatScene
    from .scenes.planning import PlanningScene
    from .scenes.resolution import ResolutionScene

    if app.busy:
        return                       # a resolution is running: no second press may start another
    k = session.next_planner()
    if k is None:
        app.busy = True
        app.show_busy(f"Resolving turn {session.turn} of {session.scenario.turns}")
        try:
            report = session.resolve()
        finally:
            app.busy = False
        scene = ResolutionScene(app, session, report)
    elif len(session.humans) > 1:
        scene = HotseatScene(app, session, k)
    else:
        scene = PlanningScene(app, session, k)
    (app.replace if replace else app.push)(scene)


def after_resolution(app, session: GameSession) -> None:
    if session.over:
        open_session(app, session)
    else:
        app.pop()

"""The order of screens in a turn: board -> (pass screen ->) planning per human nation -> resolution -> board or game
over; the planning clock running out; and the ways into the facilitator console. Screens are asked for by name
(game/ui/routes.py), so this module imports no scene and every scene may import it."""
from __future__ import annotations

from typing import TYPE_CHECKING

from game.app.session import GameSession

from .widgets.clock import clock_text

if TYPE_CHECKING:
    from .app import App


def open_session(app: App, session: GameSession) -> None:
    """Show a started or loaded game: the board, or the end screen if it is over (main menu stays below)."""
    app.reset(app.make("menu"), app.make("gameover" if session.view.over else "board", session))


def advance(app: App, session: GameSession, replace: bool) -> None:
    """The next step of the turn: the next human's pass/planning screen, or resolve the turn when all have planned.

    replace=True swaps the current screen (a finished plan); False pushes over the board (the Plan button).
    """
    if app.busy:
        return                       # a resolution is running: no second press may start another
    k = session.next_planner()
    if k is None:
        app.busy = True
        app.show_busy(f"Resolving turn {session.view.turn} of {session.scenario.turns}")
        try:
            report = session.resolve()
        finally:
            app.busy = False
        scene = app.make("resolution", session, report)
    elif len(session.humans) > 1:
        scene = app.make("hotseat", session, k)
    else:
        scene = app.make("planning", session, k)
    (app.replace if replace else app.push)(scene)


def after_resolution(app: App, session: GameSession) -> None:
    if session.view.over:
        open_session(app, session)
    else:
        app.pop()


# -- the planning clock --------------------------------------------------------------------------------
def tick(app: App, session: GameSession, dt: float) -> bool:
    """Count the planning clock down (App.frame calls this every frame while a game is on screen and nothing in the
    stack stops the clock). When it runs out, the turn goes on (timer_ran_out). True when the clock's text changed."""
    before = clock_text(session)
    if session.tick(dt):
        app.later(lambda: timer_ran_out(app, session))
        return True
    return clock_text(session) != before


def timer_ran_out(app: App, session: GameSession) -> None:
    """Apply the facilitator's policy to every team that has not ended planning, go back to the turn's screens
    (closing the menu, charts or codex a student had opened) and resolve the turn."""
    if session.view.over:
        return
    session.expire()
    while len(app.scenes) > 1 and not (app.top and app.top.turn_screen):
        app.pop()
    if not (app.top and app.top.turn_screen):
        open_session(app, session)
    advance(app, session, replace=app.top is not None and app.top.name != "board")


# -- the facilitator console -----------------------------------------------------------------------------
def open_console(app: App, session: GameSession) -> None:
    """Open the console, through the PIN prompt when a PIN is set."""
    app.open("pin" if session.has_pin else "facilitator", session)


def open_loaded(app: App, session: GameSession) -> None:
    """Show a game just loaded (Continue, Load, the previous autosave): a PIN-protected class's game asks for the
    facilitator's PIN first, so no save of it - older ones included - opens without it."""
    if session.has_pin:
        app.open("pin", session, then=lambda: open_session(app, session), title="PIN to load this game")
    else:
        open_session(app, session)

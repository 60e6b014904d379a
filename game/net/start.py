"""How a hosted game starts: a new session with the scenario's suggested seats for N teams, or the autosave resumed."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from game.app.session import GameSession, Seat
from game.content import saves
from game.content.loader import load_scenario


def suggested_seats(scenario: Any) -> dict[int, list[int]]:
    """The scenario's suggested seats (`seats:` in its file): number of teams -> the nations they play."""
    return {int(teams): list(nations) for teams, nations in scenario.seats}


def new_session(path: Path, teams: int, seed: int = 1, autosave: bool = True) -> GameSession:
    """A new game of the scenario at `path` with `teams` human seats (the scenario's suggestion for that many, else
    the first nations); computer nations play the rest with their own doctrines."""
    sc = load_scenario(path)
    if not 1 <= teams <= sc.n:
        raise ValueError(f"{sc.name} has {sc.n} nations: 1 to {sc.n} teams")
    humans = suggested_seats(sc).get(teams) or list(range(teams))
    seats = {k: Seat(k in humans, nd.doctrine) for k, nd in enumerate(sc.nations)}
    return GameSession.new(path, sc, seed, seats, autosave=autosave)


def resume_session() -> GameSession:
    """The latest autosave (saves.SaveError with a one-line message if there is none or it is damaged)."""
    path = saves.autosave_path()
    if not path.exists():
        raise saves.SaveError(f"no autosave to resume ({path})")
    return GameSession.load(path)

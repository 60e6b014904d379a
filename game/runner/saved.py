"""A saved game, or a history `run --out` wrote, loaded as a Game and its seats for the report (`report SAVE`).

Reading, checking and migrating the file is game.content's (saves, histories); turning what it restored into a
Game is `restored_game`, which the application layer's GameSession.from_restored uses too, so a save opened in the
game and one given to `report` are the same game (an unknown saved doctrine is decided by Game.restore)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from game.runner.headless import Game

if TYPE_CHECKING:   # game.content.saves loads pydantic: only when a save is read
    from game.content.saves import Restored


def restored_game(r: Restored) -> tuple[Game, dict[int, dict]]:
    """The game of a saves.Restored, and its seats by nation index (each the saved dict: human, doctrine)."""
    sc = r.scenario
    seats = {sc.nation_index(nid): dict(s) for nid, s in r.seats.items()}
    return Game.restore(sc, r.seed, {k: str(s["doctrine"]) for k, s in seats.items()}, r.history), seats


def load_saved(path: str | Path, scenario: str | Path | None = None) -> tuple[Game, dict[int, dict], dict]:
    """A saved game (game/content/saves.py), or a history `run --out` wrote (its scenario: `scenario`, else the
    shipped one of its id), as a Game, its seats and its negotiation as saved (proposals and messages; {} for a
    history or an older save); saves.SaveError (one line) if it is damaged."""
    from game.content import histories

    r = histories.load_any(Path(path), scenario)
    game, seats = restored_game(r)
    return game, seats, dict(r.negotiation)


def load_game(path: str | Path, scenario: str | Path | None = None) -> tuple[Game, dict[int, dict]]:
    """load_saved without the negotiation."""
    game, seats, _ = load_saved(path, scenario)
    return game, seats

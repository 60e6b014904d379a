"""The explicit registry of computer doctrines, by name: five fixed doctrines and the look-ahead planners."""
from __future__ import annotations

from .base import Doctrine
from .doctrines import ALL
from .planner import PLANNERS

DOCTRINES: dict[str, type[Doctrine]] = {cls.name: cls for cls in (*ALL, *PLANNERS)}
FIXED: tuple[str, ...] = tuple(cls.name for cls in ALL)
# what a player picks for a computer seat: the fixed doctrines and the strategist, whose depth the difficulty sets
CHOICES: tuple[str, ...] = FIXED + ("planner",)
DIFFICULTY: dict[str, str] = {"easy": "planner_easy", "normal": "planner", "hard": "planner_hard"}


# the exploit players' plans the strategist also tries (see planner.py), when they are registered
EXPLOITS_TRIED: tuple[tuple[str, str], ...] = (("turtle", "turtle"), ("greedy", "hedger"))


def lookup(name: str) -> type[Doctrine] | None:
    """A doctrine class by name, or None (exploit players are registered only where their module exists)."""
    found = DOCTRINES.get(name)
    if found is None:
        found = globals().get("EXPLOITS", {}).get(name)
    return found


def make(name: str, nation: int) -> Doctrine:
    """A fresh doctrine for a nation; KeyError names the known doctrines."""
    try:
        return DOCTRINES[name](nation)
    except KeyError:
        raise KeyError(f"unknown doctrine '{name}' (known: {', '.join(DOCTRINES)})") from None

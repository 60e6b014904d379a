"""The explicit registry of computer doctrines, by name: five fixed doctrines, the look-ahead planners, and the balance tool's exploit players."""
from __future__ import annotations

from .base import Doctrine
from .dealing import Breaker
from .doctrines import ALL
from .exploits import EXPLOITS as _EXPLOITS
from .exploits import Spam
from .planner import PLANNERS
from .policy import PREFIX as POLICY_PREFIX
from .policy import Policy, parse_policy

DOCTRINES: dict[str, type[Doctrine]] = {cls.name: cls for cls in (*ALL, *PLANNERS)}
FIXED: tuple[str, ...] = tuple(cls.name for cls in ALL)
# what a player picks for a computer seat: the fixed doctrines and the strategist, whose depth the difficulty sets
CHOICES: tuple[str, ...] = FIXED + ("planner",)
DIFFICULTY: dict[str, str] = {"easy": "planner_easy", "normal": "planner", "hard": "planner_hard"}

# -- exploit players (the balance tool's adversaries; never offered to players) ------------------------------------
# by name, plus two parameterised families: `spam:<action id>` (plays that one card every turn) and
# `policy:<card>=<weight>,...` (a fixed card-priority policy, see policy.py)
_PLAYERS: tuple[type[Doctrine], ...] = (*_EXPLOITS, Breaker)   # Breaker: docs/balance.md's promise-breaker
EXPLOITS: dict[str, type[Doctrine]] = {cls.name: cls for cls in _PLAYERS}
SPAM_PREFIX = "spam:"


def spam_names(action_ids) -> list[str]:
    """The registry names of the one-card spammers of these cards."""
    return [SPAM_PREFIX + a for a in action_ids]


def known(name: str) -> bool:
    """Whether `make` accepts this name (a doctrine, an exploit, a spammer or a policy)."""
    if name in DOCTRINES or name in EXPLOITS:
        return True
    if name.startswith(SPAM_PREFIX):
        return len(name) > len(SPAM_PREFIX)
    if name.startswith(POLICY_PREFIX):
        try:
            parse_policy(name)
        except ValueError:
            return False
        return True
    return False


# the exploit players whose plans the strategist also tries, with the doctrine that continues each line (planner.py)
EXPLOITS_TRIED: tuple[tuple[str, str], ...] = (("turtle", "turtle"), ("greedy", "repeat"))


def lookup(name: str) -> type[Doctrine] | None:
    """A doctrine or exploit player's class by name, or None."""
    return DOCTRINES.get(name) or EXPLOITS.get(name)


def make(name: str, nation: int) -> Doctrine:
    """A fresh doctrine for a nation; KeyError names the known doctrines."""
    if name in DOCTRINES:
        return DOCTRINES[name](nation)
    if name in EXPLOITS:
        return EXPLOITS[name](nation)
    if name.startswith(SPAM_PREFIX) and len(name) > len(SPAM_PREFIX):
        return Spam(nation, name[len(SPAM_PREFIX):])
    if name.startswith(POLICY_PREFIX):
        try:
            return Policy(nation, parse_policy(name))
        except ValueError as e:
            raise KeyError(str(e)) from None
    raise KeyError(f"unknown doctrine '{name}' (known: {', '.join([*DOCTRINES, *EXPLOITS])}, spam:<card>, "
                   f"policy:<card>=<weight>,...)")

"""The explicit registry of computer doctrines, by name."""
from __future__ import annotations

from .base import Doctrine
from .doctrines import ALL

DOCTRINES: dict[str, type[Doctrine]] = {cls.name: cls for cls in ALL}


def make(name: str, nation: int) -> Doctrine:
    """A fresh doctrine for a nation; KeyError names the known doctrines."""
    try:
        return DOCTRINES[name](nation)
    except KeyError:
        raise KeyError(f"unknown doctrine '{name}' (known: {', '.join(DOCTRINES)})") from None

"""The why-ledger: every change to a value with its cause, so start + sum of deltas == end."""
from __future__ import annotations

from typing import Any, Iterator, NamedTuple

import numpy as np


class Cause(NamedTuple):
    kind: str                      # action | event | dynamic | obligation | threat | organization
    id: str                        # action or event id, or the name of the dynamic
    actor: int | None = None       # nation index, if a nation caused it
    target: tuple[int, ...] = ()   # nation (or organization) indices it was aimed at


class Entry(NamedTuple):
    field: str
    index: Any            # None (whole array), int, or (i, j) tuple, or () for scalars
    delta: Any            # float, or ndarray shaped like the field when index is None
    cause: Cause


class Ledger:
    """Entries of one resolution, in the order they happened."""

    __slots__ = ("entries", "on")

    def __init__(self, entries: list[Entry] | None = None, on: bool = True) -> None:
        self.entries: list[Entry] = entries if entries is not None else []
        self.on = on   # off: a resolution whose report leaves the ledger out (batch runs, look-ahead) keeps none

    def record(self, fname: str, index: Any, delta: Any, cause: Cause) -> None:
        if self.on:
            self.entries.append(Entry(fname, index, delta, cause))

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def causes(self, fname: str, index: Any = ()) -> list[tuple[Cause, float]]:
        """Every cause that changed v[fname][index] with its delta, in order."""
        out = []
        for e in self.entries:
            if e.field != fname:
                continue
            if e.index is None:
                d = float(np.asarray(e.delta)[index]) if index != () else float(e.delta)
                if d:
                    out.append((e.cause, d))
            elif _same_index(e.index, index):
                out.append((e.cause, float(e.delta)))
        return out

    def total(self, fname: str, shape: tuple[int, ...]) -> np.ndarray:
        """Sum of every delta recorded for a field, as an array of the field's shape."""
        acc = np.zeros(shape)
        for e in self.entries:
            if e.field != fname:
                continue
            if e.index is None:
                acc = acc + e.delta
            else:
                acc[e.index] += e.delta
        return acc


def _same_index(a: Any, b: Any) -> bool:
    if isinstance(a, tuple) or isinstance(b, tuple):
        return tuple(np.atleast_1d(a)) == tuple(np.atleast_1d(b)) if a != () and b != () else a == b
    return int(a) == int(b)

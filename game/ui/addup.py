"""Numbers that add up on screen: causes rounded so the shown parts sum to the shown total (largest remainder),
with the causes too small to show at that precision gathered in one 'smaller causes' line."""
from __future__ import annotations

import math
from typing import Sequence

from .describe import SMALL

SMALLER = "smaller causes"


def step_of(field: str) -> float:
    """The precision a field's changes are shown at: 0.01 for 0..1 values, 1 for the ladder, else 0.1."""
    return 0.01 if field in SMALL else 1.0 if field == "escalation" else 0.1


def signed(v: float, step: float) -> str:
    places = max(0, -int(math.floor(math.log10(step) + 1e-9)))
    s = f"{v:+.{places}f}"
    return s.replace("-0." + "0" * places, "+0." + "0" * places) if places else s.replace("-0", "+0")


def add_up(values: Sequence[float], step: float) -> list[float]:
    """The values rounded to multiples of step so that they sum to the rounded total (largest remainder)."""
    if not values:
        return []
    units = [v / step for v in values]
    target = round(sum(units))
    floors = [math.floor(u) for u in units]
    short = target - sum(floors)
    order = sorted(range(len(units)), key=lambda k: -(units[k] - floors[k]))
    out = list(floors)
    for k in order[:max(0, short)]:
        out[k] += 1
    return [o * step for o in out]


def shown_causes(causes: Sequence[tuple[str, float]], step: float) -> list[tuple[str, float]]:
    """(cause, change) biggest first, rounded to step so they add up to the rounded total; the causes that round to
    nothing are one 'smaller causes' row (left out when they too round to nothing)."""
    causes = sorted(causes, key=lambda cd: -abs(cd[1]))
    big = [(c, d) for c, d in causes if abs(d) >= step / 2]
    rest = sum(d for c, d in causes if abs(d) < step / 2)
    items = big + ([(SMALLER, rest)] if abs(rest) >= step / 2 or (not big and causes) else [])
    rounded = add_up([d for _, d in items], step)
    return [(c, r) for (c, _), r in zip(items, rounded) if r != 0 or c == SMALLER and len(items) == 1]

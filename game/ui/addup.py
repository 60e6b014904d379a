"""Numbers that add up on screen: causes rounded so the shown parts sum to the shown total (largest remainder),
with the causes too small to show at that precision gathered in one 'smaller causes' line."""
from __future__ import annotations

import math
from collections.abc import Sequence

from game.sim.defs import PAIR_FIELDS

SMALL = set(PAIR_FIELDS) | {"cohesion"}     # 0..1 values: shown with two decimals
SMALLER = "smaller causes"


def step_of(field: str) -> float:
    """The precision a field's changes are shown at: 0.01 for 0..1 values, 1 for the ladder, else 0.1."""
    return 0.01 if field in SMALL else 1.0 if field == "escalation" else 0.1


def signed(v: float, step: float) -> str:
    places = max(0, -int(math.floor(math.log10(step) + 1e-9)))
    s = f"{v:+.{places}f}"
    return s.replace("-0." + "0" * places, "+0." + "0" * places) if places else s.replace("-0", "+0")


def add_up(values: Sequence[float], step: float, total: float | None = None) -> list[float]:
    """The values rounded to multiples of step so that they sum to the rounded total (largest remainder); `total`
    is the sum to reach when it includes parts not among the values (causes too small to show)."""
    if not values:
        return []
    units = [v / step for v in values]
    target = round((sum(values) if total is None else total) / step)
    floors = [math.floor(u) for u in units]
    short = target - sum(floors)
    order = sorted(range(len(units)), key=lambda k: -(units[k] - floors[k]))
    out = list(floors)
    for k in order[:max(0, short)]:
        out[k] += 1
    for k in sorted(range(len(units)), key=lambda k: units[k] - floors[k])[:max(0, -short)]:
        out[k] -= 1   # the shown total is below the floors' sum (a hidden negative part): take from the smallest remainders
    return [o * step for o in out]


def shown_causes(causes: Sequence[tuple[str, float]], step: float, total: float | None = None) -> list[tuple[str, float]]:
    """(cause, change) biggest first, rounded to step so they add up to the rounded total; the causes that round to
    nothing are one 'smaller causes' row (left out when they too round to nothing)."""
    causes = sorted(causes, key=lambda cd: -abs(cd[1]))
    big = [(c, d) for c, d in causes if abs(d) >= step / 2]
    rest = sum(d for c, d in causes if abs(d) < step / 2)
    items = big + ([(SMALLER, rest)] if abs(rest) >= step / 2 or (not big and causes) else [])
    # the total printed beside the rows, summed the same way (sums in another order can round the other way)
    rounded = add_up([d for _, d in items], step, total=math.fsum(d for _, d in causes) if total is None else total)
    return [(c, r) for (c, _), r in zip(items, rounded) if r != 0 or c == SMALLER and len(items) == 1]

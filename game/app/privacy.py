"""What the shared screen may show of a nation when private information is hidden: coarse bands and ranks, never values.

The privacy rule (docs/classroom.md): a nation's plan in progress is always private (never on the board, a pass
screen, a tooltip or the console; orders become public only in the turn's resolution). When the facilitator hides
private information, each nation's exact stocks, militarization, National Interest score, budget and action points
are private too: the shared screen shows bands (low / mid / high) and the National Interest rank instead.
"""
from __future__ import annotations

from game.sim.scoring import national_interest

BANDS = ((34.0, "low"), (67.0, "mid"), (float("inf"), "high"))
BAND_KEY = "bands: low under 34, mid 34-66, high 67 and over"


def band(value: float) -> str:
    v = float(value)
    return next(name for limit, name in BANDS if v < limit)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def ni_ranks(state) -> dict[int, int]:
    """Nation index -> its National Interest rank (1 = highest), the same order as game.sim.scoring.ranking."""
    ni = national_interest(state)
    order = sorted(range(state.n), key=lambda k: (-ni[k], k))
    return {k: r for r, k in enumerate(order, 1)}

"""What is read off a state for people, in one place: the region's stability, ladder step, trade, threats, cohesion,
mean trust, each nation's National Interest and the outcome so far, rounded as every report, chart, CSV and table
shows them. The turn report's summary is built here; series, exports and screens call the same functions."""
from __future__ import annotations

import numpy as np

from .contract import Outcome, Summary
from .scoring import national_interest, outcome
from .state import State


def stability(state: State) -> float:
    return round(float(state.v["stability"]), 3)


def ladder_step(state: State) -> int:
    """The escalation ladder's step, 0 (calm) to 5 (open conflict)."""
    return int(round(float(state.v["escalation"])))


def trade(state: State) -> float:
    """The region's trade: the trade matrix holds each pair's trade both ways, so every pair counts once."""
    return round(float(state.v["trade"].sum()) / 2.0, 3)


def mean_trust(state: State) -> float:
    """Trust averaged over every ordered pair of different nations (0 for a region of one)."""
    n = state.n
    return round(float(state.v["trust"].sum() / (n * (n - 1))), 4) if n > 1 else 0.0


def threat_levels(state: State) -> dict[str, float]:
    return {t.id: round(float(state.v["threat"][k]), 3) for k, t in enumerate(state.scenario.threats)}


def cohesions(state: State) -> dict[str, float]:
    return {o.id: round(float(state.v["cohesion"][k]), 3) for k, o in enumerate(state.scenario.orgs)}


def national_interests(state: State, ni: np.ndarray | None = None) -> dict[str, float]:
    """Nation id -> National Interest, in the scenario's order (`ni`: national_interest(state), if already at hand)."""
    ni = national_interest(state) if ni is None else ni
    return {nd.id: round(float(ni[k]), 3) for k, nd in enumerate(state.scenario.nations)}


def standing(state: State) -> Outcome:
    """The outcome: the final one once the game is over, else what it would be if the game ended now."""
    return state.outcome or outcome(state)


def summary(state: State) -> Summary:
    """The turn report's summary of the region at the end of a turn."""
    return {
        "stability": stability(state),
        "escalation": ladder_step(state),
        "threats": threat_levels(state),
        "trade": trade(state),
        "national_interest": national_interests(state),
        "cohesion": cohesions(state),
    }

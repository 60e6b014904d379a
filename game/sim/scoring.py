"""Scoring: each nation's National Interest from its priorities, and the region's collective outcome."""
from __future__ import annotations

import numpy as np

from .contract import Outcome
from .defs import STOCKS
from .state import State

OUTCOMES = ("secure", "fragile", "conflict")   # the values of contract.Outcome


def national_interest(state: State) -> np.ndarray:
    """0-100 per nation: its stocks weighted by its own priorities, with a regional stake (a share that is the
    region's stability, so a region in trouble costs everyone); cut for everyone (to `conflict_penalty`, 70 %) if the region collapsed."""
    sc = state.scenario
    stocks = np.stack([state.v[s] for s in STOCKS], axis=1)
    w = np.array([nd.priorities for nd in sc.nations], dtype=float)
    own = (stocks * w).sum(axis=1) / np.maximum(w.sum(axis=1), 1e-9)
    stake = sc.params.regional_stake
    ni = (1.0 - stake) * own + stake * float(state.v["stability"])
    if state.outcome == "conflict":
        ni = ni * sc.params.conflict_penalty
    return ni


def collapsed(state: State) -> bool:
    p = state.scenario.params
    return float(state.v["escalation"]) >= 5.0 or float(state.v["stability"]) <= p.collapse_stability


def outcome(state: State) -> Outcome:
    """conflict: open conflict or collapse; secure: stable and calm; fragile: anything between."""
    p = state.scenario.params
    if collapsed(state):
        return "conflict"
    if float(state.v["stability"]) >= p.secure_stability and float(state.v["escalation"]) <= 1.0:
        return "secure"
    return "fragile"


def ranking(state: State) -> list[tuple[str, float]]:
    ni = national_interest(state)
    order = sorted(range(state.n), key=lambda k: (-ni[k], k))
    return [(state.scenario.nations[k].id, round(float(ni[k]), 2)) for k in order]

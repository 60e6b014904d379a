"""The event deck: which events strike this turn (scripted and drawn, weighted by threats and tension) and on whom."""
from __future__ import annotations

import numpy as np

from .defs import EventDef
from .state import State


def event_chance(state: State, ev: EventDef, _factors: dict | None = None) -> float:
    """Chance per turn that an event of the deck strikes, from its base weight and what scales it.

    _factors: a memo of the scale factors for one state (draw_events rolls the whole deck against one state, and
    many events share a factor: the region's tension, the weakest support ...)."""
    s = ev.scale_by
    if _factors is not None:
        f = _factors.get(s)
        if f is None:
            f = _factors[s] = _factor(state, s)
        return float(min(0.9, ev.weight * f))
    return float(min(0.9, ev.weight * _factor(state, s)))


def _factor(state: State, s: str | None) -> float:
    v = state.v
    f = 1.0
    if s and s.startswith("threat:"):
        f = 0.25 + float(v["threat"][state.scenario.threat_index(s[7:])]) / 40.0
    elif s == "tension":
        f = 0.3 + 3.0 * float(v["tension"].max())
    elif s == "low_support":
        f = max(0.0, 0.3 + (60.0 - float(v["support"].min())) / 30.0)
    elif s == "low_security":
        f = max(0.0, 0.3 + (60.0 - float(v["security"].min())) / 30.0)
    elif s == "distrust":
        n = state.n
        mean_trust = (v["trust"].sum() / (n * (n - 1))) if n > 1 else 0.5
        f = 0.5 + (1.0 - float(mean_trust))
    return f


def pick_targets(state: State, ev: EventDef, rng: np.random.Generator) -> tuple[int, ...]:
    """Choose the struck nation or pair: the weak are hit more by crises, tense pairs by incidents."""
    v, n = state.v, state.n
    if ev.target == "region" or n == 0:
        return ()
    if ev.target == "nation":
        if ev.scale_by == "low_support":
            w = 110.0 - v["support"]
        elif ev.scale_by == "low_security" or (ev.scale_by or "").startswith("threat:"):
            w = 110.0 - v["security"]
        else:
            w = np.ones(n)
        if ev.shield:
            w = w * np.array([0.3 if state.flag(ev.shield, k) else 1.0 for k in range(n)])
        w = np.maximum(w, 1e-6)
        return (int(rng.choice(n, p=w / w.sum())),)
    if n < 2:
        return ()
    if ev.scale_by == "distrust":
        w = (1.0 - v["trust"]) + (1.0 - v["trust"].T) + 0.02
    else:
        w = v["tension"] + v["tension"].T + 0.02
    w = w.copy()
    np.fill_diagonal(w, 0.0)
    flat = w.ravel() / w.sum()
    k = int(rng.choice(n * n, p=flat))
    return (k // n, k % n)


def draw_events(state: State, rng: np.random.Generator) -> list[tuple[EventDef, tuple[int, ...]]]:
    """This turn's events: scripted ones first, then the deck, each rolled once, at most max_events drawn."""
    sc = state.scenario
    out: list[tuple[EventDef, tuple[int, ...]]] = []
    for se in sc.scripted:
        if se.turn == state.turn:
            ev = sc.event(se.event)
            out.append((ev, se.targets or pick_targets(state, ev, rng)))
    rolls = rng.random(len(sc.events))
    scripted = {ev.id for ev, _ in out}  # a scripted event is not also drawn the same turn
    factors: dict = {}
    drawn = [ev for ev, r in zip(sc.events, rolls) if r < event_chance(state, ev, factors) and ev.id not in scripted]
    if len(drawn) > sc.params.max_events:
        keep = sorted(rng.choice(len(drawn), size=sc.params.max_events, replace=False))
        drawn = [drawn[k] for k in keep]
    for ev in drawn:
        out.append((ev, pick_targets(state, ev, rng)))
    return out

"""The turn as a story: the region's headline (stability before -> after and its biggest causes), each nation's
changes with ▲/▼, and the parts behind a model cause (drift, regional climate, security dilemma, collective effort).

Causes are read from the report's why-ledger generically: any cause is named by describe.cause_text (or its id);
the few model causes this file knows get their parts with the nations and numbers behind them (PARTS); a cause it
does not know is shown with its id and, when it changed many values at once, the values it moved most.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

import numpy as np

from game.sim.contract import TurnReport
from game.sim.defs import STOCKS
from game.sim.ledger import Cause
from game.sim.report import ledger_from_report

from .addup import SMALL
from .describe import cause_text, fmt, value_label

UP, DOWN = "▲", "▼"
NATION_FIELDS = (*STOCKS, "militarization")
AGGREGATION_WORDS = {"weakest_link": "weakest link: the lowest effort counts for half",
                     "best_shot": "best shot: the largest effort counts", "sum": "summed effort"}


def _flat(report: TurnReport) -> list[tuple[str, Any, float, Cause]]:
    """The ledger as (field, index, delta, cause) with array entries split into their non-zero elements."""
    out = []
    for e in ledger_from_report(report):
        if e.index is None:
            arr = np.asarray(e.delta, dtype=float)
            for ix in zip(*np.nonzero(arr)):
                out.append((e.field, tuple(int(x) for x in ix) if arr.ndim > 1 else int(ix[0]), float(arr[ix]), e.cause))
        else:
            ix = e.index if not isinstance(e.index, tuple) or e.index == () else tuple(int(x) for x in e.index)
            out.append((e.field, ix, float(e.delta), e.cause))
    return out


def causes_of(report: TurnReport, field: str, index: Any = ()) -> list[tuple[Cause, float]]:
    """Every cause of one value's change this turn, summed per cause, largest first; they add up to the change."""
    acc: dict[Cause, float] = defaultdict(float)
    for f, ix, d, c in _flat(report):
        if f == field and ix == index:
            acc[c] += d
    return sorted(acc.items(), key=lambda cd: -abs(cd[1]))


def mark(delta: float, eps: float = 1e-9) -> str:
    return UP if delta > eps else DOWN if delta < -eps else "="


# -- the headline ------------------------------------------------------------------------------------------
def grouped(sc: Any, causes: list[tuple[Cause, float]]) -> list[tuple[str, float, Cause]]:
    """Causes in words, largest first, with one action played by several nations said once with all of them:
    "Aurelia, Borealis: Regional security forum session (Meridian Security Forum) +2.8"."""
    groups: dict[tuple, list[tuple[Cause, float]]] = defaultdict(list)
    for c, d in causes:
        key = (c.kind, c.id, c.target) if c.kind == "action" and c.actor is not None else (c,)
        groups[key].append((c, d))
    out = []
    for items in groups.values():
        first = items[0][0]
        words = cause_text(sc, first)
        if len(items) > 1 and ": " in words:
            names = ", ".join(sc.nations[c.actor].name for c, _ in items)
            words = f"{names}: {words.split(': ', 1)[1]}"
        out.append((words, sum(d for _, d in items), first))
    return sorted(out, key=lambda x: -abs(x[1]))


def headline(sc: Any, report: TurnReport, n: int = 3) -> dict:
    """{"before", "after", "delta", "causes": [(words, signed number, Cause)], "rest": signed number of the others}.
    The shown causes and `rest` add up to the change."""
    after = float(report["summary"]["stability"])
    causes = causes_of(report, "stability")
    delta = sum(d for _, d in causes)
    from .addup import add_up

    shown = [x for x in grouped(sc, causes)[:n] if abs(x[1]) >= 0.05]
    # rounded to 0.1 so that the causes and 'everything else' add up to the change shown
    *parts, rest = add_up([d for _, d, _ in shown] + [delta - sum(d for _, d, _ in shown)], 0.1)
    shown = [(w, p, c) for (w, _, c), p in zip(shown, parts)]
    before = round(after, 1) - round(sum(parts) + rest, 1)
    return {"before": before, "after": after, "delta": sum(parts) + rest, "causes": shown, "rest": rest}


def headline_text(sc: Any, report: TurnReport) -> str:
    h = headline(sc, report)
    head = f"Stability {h['before']:.1f} → {h['after']:.1f} ({h['delta']:+.1f})"
    parts = [f"{words} {d:+.1f}" for words, d, _ in h["causes"]]
    if abs(h["rest"]) >= 0.05:
        parts.append(f"everything else {h['rest']:+.1f}")
    return head + (": " + ", ".join(parts) if parts else "")


# -- each nation ----------------------------------------------------------------------------------------------
def nation_changes(sc: Any, report: TurnReport) -> list[list[tuple[str, float]]]:
    """Per nation: [(field, change)] of its stocks and militarization this turn, largest first."""
    acc: list[dict[str, float]] = [defaultdict(float) for _ in range(sc.n)]
    for f, ix, d, _ in _flat(report):
        if f in NATION_FIELDS and isinstance(ix, int):
            acc[ix][f] += d
    return [sorted(((f, d) for f, d in a.items() if abs(d) >= 0.05), key=lambda fd: -abs(fd[1])) for a in acc]


# -- the parts behind a model cause ---------------------------------------------------------------------------
Parts = Callable[[Any, TurnReport, Any, str, Any, Cause], list[str]]


def _climate(sc: Any, report: TurnReport, state: Any, field: str, index: Any, cause: Cause) -> list[str]:
    """Stability follows a climate set by trust, tension, threats and cohesion: how each moved and who moved it."""
    lines = []
    flat = _flat(report)
    rate = getattr(getattr(sc, "params", None), "stability_rate", None)
    d = sum(dd for ff, ix, dd, c in flat if ff == field and c == cause)
    if rate and field == "stability":
        was = float(report["summary"]["stability"]) - d
        lines.append(f"the region's climate points stability to {was + d / rate:.1f}; it was at {was:.1f}")
    for f, what in (("trust", "trust"), ("tension", "tension"), ("threat", "threats"), ("cohesion", "cohesion")):
        items = [(ix, d, c) for ff, ix, d, c in flat if ff == f]
        if not items:
            continue
        total: dict[Any, float] = defaultdict(float)
        for ix, d, _ in items:
            total[ix] += d
        size = max(1, len(total))
        mean = sum(total.values()) / size
        ix, d = max(total.items(), key=lambda kv: abs(kv[1]))
        now = ""
        if state is not None and f in state.v:
            arr = np.asarray(state.v[f], dtype=float)
            level = float(arr[~np.eye(arr.shape[0], dtype=bool)].mean()) if arr.ndim == 2 and arr.shape[0] > 1 \
                else float(arr.mean()) if arr.size else 0.0
            now = f" {fmt(f, level)}"
        lines.append(f"{what}{now} ({fmt(f, mean, True)}); most: {value_label(sc, f, ix)} {fmt(f, d, True)}")
    return lines


def _drift(sc: Any, report: TurnReport, state: Any, field: str, index: Any, cause: Cause) -> list[str]:
    """Drift pulls a value back toward where it started the game."""
    if state is None or isinstance(index, tuple) and index == ():
        return ["values drift back toward where they started the game"]
    start = None
    try:
        if field == "trust":
            start = float(state.trust0[index])
        elif field == "militarization":
            start = float(sc.nations[index].militarization)
        elif field in STOCKS:
            from game.sim.dynamics import baselines

            start = float(baselines(sc)[field][index])
    except (AttributeError, IndexError, KeyError, TypeError):
        start = None
    now = float(np.asarray(state.v[field])[index]) if field in state.v else None
    if start is None or now is None:
        return ["values drift back toward where they started the game"]
    return [f"{value_label(sc, field, index)} is {fmt(field, now)}; it drifts back toward {fmt(field, start)}"]


def _dilemma(sc: Any, report: TurnReport, state: Any, field: str, index: Any, cause: Cause) -> list[str]:
    """Security dilemma: i's tension toward j follows j's militarization, discounted by i's trust in j."""
    if state is None:
        return []
    pairs = [(index, 0.0)] if isinstance(index, tuple) and len(index) == 2 else \
        sorted(((ix, d) for f, ix, d, c in _flat(report) if f == field and c == cause),
               key=lambda x: -abs(x[1]))[:3]
    out = []
    for (i, j), _ in pairs:
        mil, trust = float(state.v["militarization"][j]), float(state.v["trust"][i, j])
        out.append(f"{sc.nations[j].name}'s militarization {mil:.0f}, seen by {sc.nations[i].name} "
                   f"through trust {trust:.2f}")
    return out


def _effort(sc: Any, report: TurnReport, state: Any, field: str, index: Any, cause: Cause) -> list[str]:
    """Collective effort against a threat: each nation's effort and the threat's aggregation rule."""
    k = cause.target[0] if cause.target else index if isinstance(index, int) else None
    if k is None or k >= len(sc.threats):
        return []
    th = sc.threats[k]
    eff = (report.get("efforts") or {}).get(th.id)
    if not eff:
        return []
    order = sorted(range(len(eff)), key=lambda m: -eff[m])
    if len(order) > 6:
        order = order[:3] + order[-2:]       # the largest and the smallest (a weakest link's)
    rule = AGGREGATION_WORDS.get(getattr(th, "aggregation", ""), str(getattr(th, "aggregation", "")))
    parts = ", ".join(f"{sc.nations[m].name} {eff[m]:.2f}" for m in order)
    return [f"effort against {th.name}: {parts} ({rule})"]


PARTS: dict[str, Parts] = {"regional climate": _climate, "drift": _drift, "security dilemma": _dilemma,
                           "collective effort": _effort}


def parts(sc: Any, report: TurnReport, state: Any, field: str, index: Any, cause: Cause) -> list[str]:
    """The parts behind a cause, in words; [] for an action or event (its name says it all). A model cause this UI
    does not know: the values it moved most this turn."""
    if cause.kind in ("action", "event", "obligation"):
        return []
    fn = PARTS.get(cause.id)
    if fn is not None:
        try:
            return fn(sc, report, state, field, index, cause)
        except (KeyError, IndexError, TypeError, ValueError, AttributeError):
            return []
    moved = sorted(((f, ix, d) for f, ix, d, c in _flat(report) if c == cause), key=lambda x: -abs(x[2]) *
                   (100.0 if x[0] in SMALL else 1.0))
    if len(moved) <= 1:
        return []
    return ["moved most: " + ", ".join(f"{value_label(sc, f, ix)} {fmt(f, d, True)}" for f, ix, d in moved[:3])]

"""Reading a finished (or running) game: series over turns, the why-ledger per value, turning points, burden-sharing.

Plain data in, plain data out, shared by the debrief screen, the HTML report and the command line.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np

from game.sim import readings
from game.sim.contract import TurnLedger, TurnReport
from game.sim.defs import STOCKS, Scenario
from game.sim.history import History
from game.sim.ledger import Cause
from game.sim.report import describe_cause, entry_from_list


def series(history: History) -> dict[str, Any]:
    """Values at the start of every turn and after the last: stability, escalation, trade, National Interest."""
    sc = history.states[0].scenario
    out: dict[str, Any] = {"turn": [], "stability": [], "escalation": [], "trade": [], "trust": [],
                           "ni": {nd.id: [] for nd in sc.nations}}
    for k, st in enumerate(history.states):
        out["turn"].append(k)
        out["stability"].append(readings.stability(st))
        out["escalation"].append(readings.ladder_step(st))
        out["trade"].append(readings.trade(st))
        out["trust"].append(readings.mean_trust(st))
        for nid, ni in readings.national_interests(st).items():
            out["ni"][nid].append(ni)
    return out


def value_label(sc: Scenario, fname: str, index: Any) -> str:
    """'Aurelia: economy', 'trust Borealis -> Aurelia', 'stability', 'threat: Piracy', 'cohesion: Pact'."""
    names = [nd.name for nd in sc.nations]
    if fname in STOCKS or fname == "militarization":
        return f"{names[index]}: {fname}"
    if fname in ("stability", "escalation"):
        return fname
    if fname == "threat":
        return f"threat: {sc.threats[index].name}"
    if fname == "cohesion":
        return f"cohesion: {sc.orgs[index].name}"
    if fname == "contribution":
        o, m = index
        return f"contribution of {names[m]} to {sc.orgs[o].name}"
    i, j = index
    return f"{fname} {names[i]} -> {names[j]}"


def _delta_at(entry_delta: Any, index: Any) -> float:
    d = np.asarray(entry_delta)
    if d.ndim == 0:
        return float(d)
    return float(d[index])


def causes(reports: Sequence[TurnLedger], sc: Scenario, fname: str, index: Any = (), turns: Sequence[int] | None = None
           ) -> list[dict]:
    """Every cause that moved one value, per turn, summed per cause and in words: the why-ledger explorer's rows."""
    want = set(turns) if turns is not None else None
    ix = tuple(index) if isinstance(index, list) else index
    rows: list[dict] = []
    for rep in reports:
        if want is not None and rep["turn"] not in want:
            continue
        acc: dict[Cause, float] = defaultdict(float)
        for row in rep["ledger"]:
            if row[0] != fname:
                continue
            e = entry_from_list(row)
            if e.index is None:
                d = _delta_at(e.delta, ix)
            elif (e.index == ix) or (isinstance(ix, int) and e.index == ix):
                d = float(e.delta)
            else:
                continue
            if d:
                acc[e.cause] += d
        for c, d in acc.items():
            rows.append({"turn": rep["turn"], "cause": describe_cause(sc, c), "kind": c.kind, "delta": round(d, 4)})
    return rows


def totals_by_cause(rows: list[dict]) -> list[tuple[str, float]]:
    """The causes of a value's change over the game, biggest first."""
    acc: dict[str, float] = defaultdict(float)
    for r in rows:
        acc[r["cause"]] += r["delta"]
    return sorted(acc.items(), key=lambda x: -abs(x[1]))


def turning_points(history: History, k: int = 5) -> list[dict]:
    """The turns that moved stability, escalation and trust the most, each with its biggest causes."""
    sc = history.states[0].scenario
    s = series(history)
    out = []
    for key, scale, fname in (("stability", 1.0, "stability"), ("escalation", 10.0, "escalation"), ("trust", 100.0, "trust")):
        vals = s[key]
        for t in range(1, len(vals)):
            change = vals[t] - vals[t - 1]
            if change:
                out.append({"turn": t, "value": key, "change": round(change, 4), "weight": abs(change) * scale, "field": fname})
    out.sort(key=lambda x: (-x["weight"], x["turn"]))
    # the biggest moves of each value first (so one busy ladder does not hide trust and stability), then the rest
    picked: list[dict] = []
    for key in ("stability", "escalation", "trust"):
        picked += [p for p in out if p["value"] == key][: max(1, k // 3)]
    picked = sorted(picked, key=lambda x: -x["weight"])[:k]
    picked += [p for p in out if p not in picked][: k - len(picked)]
    for p in picked:
        rep = history.reports[p["turn"] - 1]
        if p["field"] == "trust":
            rows = _trust_causes(rep, sc)
        else:
            rows = totals_by_cause(causes([rep], sc, p["field"], ()))
        p["causes"] = [{"cause": c, "delta": round(d, 4)} for c, d in rows[:3]]
        p["events"] = [e["name"] for e in rep["events"]]
        del p["weight"], p["field"]
    return sorted(picked, key=lambda x: x["turn"])


def _trust_causes(rep: TurnReport, sc: Scenario) -> list[tuple[str, float]]:
    """Causes of the change in average trust this turn (each entry's total over all pairs, averaged)."""
    n = sc.n
    acc: dict[str, float] = defaultdict(float)
    for row in rep["ledger"]:
        if row[0] != "trust":
            continue
        e = entry_from_list(row)
        total = float(np.asarray(e.delta).sum()) if e.index is None else float(e.delta)
        acc[describe_cause(sc, e.cause)] += total / (n * (n - 1))
    return sorted(acc.items(), key=lambda x: -abs(x[1]))


def burden_sharing(history: History) -> list[dict]:
    """Per organization and member: contributions over the game against what was expected, and a free-rider
    index (0 carried its share, 1 gave nothing) measured against the member's capacity (action points)."""
    st = history.current
    sc = st.scenario
    turns = max(1, len(history.reports))
    cohesion = readings.cohesions(st)
    out = []
    for o, od in enumerate(sc.orgs):
        members = []
        for m in od.members:
            given = float(st.v["contribution"][o, m])
            due = od.expected * turns
            share = min(1.0, given / due) if due > 0 else 1.0
            members.append({"nation": sc.nations[m].id, "given": round(given, 3), "expected": round(due, 3),
                            "per_action_point": round(given / (turns * sc.nations[m].capacity), 4),
                            "free_rider": round(1.0 - share, 3)})
        out.append({"org": od.id, "name": od.name, "kind": od.kind, "cohesion": cohesion[od.id],
                    "members": members})
    return out


def trust_matrix(history: History, turn: int | None = None) -> list[list[float]]:
    """Trust between every pair at the start of `turn` (default: now)."""
    st = history.current if turn is None else history.states[turn - 1]
    return [[round(float(x), 3) for x in row] for row in st.v["trust"]]


def concepts_touched(history: History) -> list[str]:
    """Codex concepts of every action played and event that struck, most frequent first."""
    sc = history.states[0].scenario
    count: dict[str, int] = defaultdict(int)
    for rep in history.reports:
        for orders in rep["orders"].values():
            for o in orders:
                for c in sc.action(o["action"]).concepts:
                    count[c] += 1
        for ev in rep["events"]:
            known = sc._event_index.get(ev["id"])
            for c in (known.concepts if known else ()):
                count[c] += 1
    return [c for c, _ in sorted(count.items(), key=lambda x: (-x[1], x[0]))]

"""Why a batch came out as it did (`batch --explain`): actions played per nation, turns a nation could afford nothing,
and the biggest causes of escalation and of stability loss, summed from each game's why-ledger.

Batch games normally run lean (no ledger). Explained games keep it: the ledger records what resolution does without
changing it (same seeds, same numbers, tests/test_explain.py checks), and each game is reduced to a few counts in its
worker, so only those travel back. Plays and stuck turns would not need the ledger; the causes do."""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from game.sim.orders import options
from game.sim.report import ledger_from_report

TOP = 6      # causes shown per table


def _label(sc: Any, cause: Any) -> str:
    """A cause as an author reads it, summed over games: who played which card, or which event, threat or dynamic."""
    if cause.kind == "action":
        who = sc.nations[cause.actor].id if cause.actor is not None else "?"
        return f"{who}: {cause.id}"
    return f"{cause.kind}: {cause.id}"


def explain_game(g: Any) -> dict:
    """One finished game with its ledger, reduced to counts: plays[nation][action], stuck[nation] (turns with no
    legal order at all within its action points and budget), escalation[cause] (steps up the ladder) and
    stability_loss[cause] (points of stability lost)."""
    sc = g.scenario
    plays: dict[str, Counter] = {nid: Counter() for nid in sc.nation_ids}
    stuck: Counter = Counter()
    up: defaultdict[str, float] = defaultdict(float)     # amounts, not counts
    loss: defaultdict[str, float] = defaultdict(float)
    for st, rep in zip(g.history.states, g.history.reports):
        for k in range(sc.n):
            if not options(st, k):
                stuck[sc.nation_ids[k]] += 1
        for nid, orders in rep["orders"].items():
            plays[nid].update(o["action"] for o in orders)
        led = ledger_from_report(rep)
        for cause, d in led.causes("escalation"):
            if d > 0:
                up[_label(sc, cause)] += d
        for cause, d in led.causes("stability"):
            if d < 0:
                loss[_label(sc, cause)] -= d
    return {"plays": {n: dict(c) for n, c in plays.items()}, "stuck": dict(stuck),
            "escalation": dict(up), "stability_loss": dict(loss)}


def combine(games: list[dict]) -> dict:
    """The explained games of a batch summed: the same four tables, totals over all games, and the game count."""
    out: dict[str, Any] = {"games": 0, "plays": {}, "stuck": Counter(), "escalation": Counter(),
                           "stability_loss": Counter()}
    for g in games:
        e = g.get("explain")
        if not e:
            continue
        out["games"] += 1
        for nid, c in e["plays"].items():
            out["plays"].setdefault(nid, Counter()).update(c)
        for key in ("stuck", "escalation", "stability_loss"):
            out[key].update(e[key])
    return out


def explain_text(res: Any) -> str:
    """The tables, per game on average: actions played per nation (most played first), turns with nothing
    affordable, and the biggest causes of escalation and of stability loss."""
    sc = res.scenario
    e = combine(res.sorted())
    n = e["games"]
    if not n:
        return ""
    lines = [f"\nwhy (--explain, from the why-ledger of {n} games; per game on average)", "",
             "actions played per nation"]
    width = max(len(i) for i in sc.nation_ids)
    for nid in sc.nation_ids:
        c = e["plays"].get(nid, Counter())
        total = sum(c.values())
        cards = ", ".join(f"{a} {v / n:.1f}" for a, v in sorted(c.items(), key=lambda x: (-x[1], x[0])))
        lines.append(f"  {nid:{width}s} {total / n:5.1f} orders: {cards or '(none)'}")
    turns = sum(g["turns"] for g in res.sorted() if g.get("explain")) / n
    lines += ["", f"turns a nation could afford nothing (no legal order within its action points and budget; "
                  f"of {turns:.1f} turns)"]
    stuck = e["stuck"]
    lines += [f"  {nid:{width}s} {stuck.get(nid, 0) / n:5.2f}" for nid in sc.nation_ids if stuck.get(nid)] or \
        ["  none: every nation had a legal order every turn"]
    for key, title, unit in (("escalation", "biggest causes of escalation", "steps"),
                             ("stability_loss", "biggest causes of stability loss", "points")):
        rows = sorted(e[key].items(), key=lambda x: (-x[1], x[0]))
        total = sum(e[key].values())
        lines += ["", f"{title} ({total / n:.2f} {unit} per game in all)"]
        w = max((len(c) for c, _ in rows[:TOP]), default=0)
        lines += [f"  {c:{w}s} {v / n:7.2f}  {100 * v / total:3.0f}%" for c, v in rows[:TOP]] or ["  none"]
    return "\n".join(lines) + "\n"


def explain_csv_rows(res: Any) -> list[list]:
    """explain.csv: table, nation or cause, item, total over the games, per game."""
    e = combine(res.sorted())
    n = max(1, e["games"])
    rows: list[list] = []
    for nid, c in e["plays"].items():
        rows += [["plays", nid, a, v, round(v / n, 4)] for a, v in sorted(c.items())]
    rows += [["stuck", nid, "", v, round(v / n, 4)] for nid, v in sorted(e["stuck"].items())]
    for key in ("escalation", "stability_loss"):
        rows += [[key, c, "", round(v, 4), round(v / n, 4)] for c, v in sorted(e[key].items(), key=lambda x: -x[1])]
    return rows

"""The turn report: plain, JSON-ready data of what happened in one resolution, ledger included, and ways to read it."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import numpy as np

from .contract import (
    AgreementRecord,
    EventNews,
    Incident,
    LedgerRow,
    ObligationRecord,
    OrgRecord,
    PlayedOrder,
    TurnReport,
)
from .ledger import Cause, Entry, Ledger, LedgerRows, entry_to_list  # noqa: F401  (entry_to_list: kept importable here)
from .readings import summary
from .state import State


class Report(dict):
    """A turn report (its keys and types: TurnReport, game/sim/contract.py): a plain dict, except that its "ledger"
    may be a LedgerRows view of the compact ledger.

    Written as JSON (json.dumps calls items() on a dict subclass), copied or compared, it shows the ledger as the
    plain list of rows it stands for; reading report["ledger"] gives the view, which iterates those rows."""

    def items(self):
        return [(k, list(v) if type(v) is LedgerRows else v) for k, v in dict.items(self)]

    def values(self):
        return [v for _, v in self.items()]

    def copy(self) -> Report:
        return Report(dict.items(self))

    def __reduce__(self) -> tuple:
        return (Report, (dict(dict.items(self)),))


def entry_from_list(row: LedgerRow) -> Entry:
    fname, ix, d, kind, cid, actor, target = row
    index = None if ix is None else tuple(ix) if isinstance(ix, list) else ix
    delta = np.array(d) if isinstance(d, list) else d
    return Entry(fname, index, delta, Cause(kind, cid, actor, tuple(target)))


def ledger_from_report(report: TurnReport) -> Ledger:
    rows = report["ledger"]
    if type(rows) is LedgerRows:   # a report of this session: its ledger is at hand, no need to rebuild it
        return rows.ledger
    return Ledger([entry_from_list(r) for r in rows])


def make_report(before: State, after: State, turn: int, events: list, played: dict, obligations: list[ObligationRecord],
                agreements: list[AgreementRecord],
                efforts: dict[str, list[float]], orgs: list[OrgRecord], scratch: Any, ladder: list[str],
                ledger: bool = True, injected: Sequence = ()) -> TurnReport:
    sc = after.scenario
    ids = sc.nation_ids

    def names(action_id: str, targets: tuple[int, ...]) -> list[str]:
        if sc.action(action_id).target == "organization":
            return [sc.orgs[t].id for t in targets]
        return [ids[t] for t in targets]

    orders: dict[str, list[PlayedOrder]] = {}
    for k, plays in played.items():
        orders[ids[k]] = [{"action": o.action, "targets": names(o.action, o.targets),
                           "reciprocated": any(x.get("reciprocated") for x in info)} for o, info in plays]
    news: list[EventNews] = [{"id": ev.id, "name": ev.name, "text": ev.text, "targets": [ids[t] for t in tg]}
                             for ev, tg in events]
    incidents: list[Incident] = [{"pair": [ids[i] for i in rec["pair"]], "chance": rec["chance"],
                                  "escalated": rec["escalated"]} for rec in scratch.incidents]
    report: TurnReport = {
        "turn": turn,
        "events": news,
        "injected": len(injected),   # the first this many events were injected by the facilitator
        "orders": orders,
        "obligations": obligations,
        "agreements": agreements,
        "incidents": incidents,
        "efforts": efforts,
        "organizations": orgs,
        "ladder": ", ".join(ladder) or None,   # the ladder's moves at the end of the turn: 'down', 'up', 'down, up'

        "summary": summary(after),
        "over": after.over,
        "outcome": after.outcome,
        "ledger": LedgerRows(after.ledger) if ledger else [],
    }
    return cast(TurnReport, Report(report))   # a Report is the same dict, with the ledger read lazily


def describe_cause(sc: Any, c: Cause) -> str:
    """A cause in words, for the ledger explorer and the debrief."""
    who = sc.nations[c.actor].name if c.actor is not None else None
    if c.kind == "action":
        a = sc.action(c.id)
        if a.target == "organization":
            return f"{who}: {a.name} ({', '.join(sc.orgs[t].name for t in c.target)})"
        tgt = ", ".join(sc.nations[t].name for t in c.target)
        return f"{who}: {a.name}" + (f" with {tgt}" if tgt else "")
    if c.kind == "event":
        try:
            name = sc.event(c.id).name
        except KeyError:  # an event written on the spot by the facilitator
            name = c.id.split(":", 1)[-1].replace("_", " ").capitalize()
        tgt = ", ".join(sc.nations[t].name for t in c.target)
        return f"event: {name}" + (f" ({tgt})" if tgt else "")
    if c.kind == "agreement":
        kept, _, words = c.id.partition(":")
        return f"{who} {'kept' if kept == 'kept' else 'broke'} {words}"
    if c.kind == "obligation":
        victim = sc.nations[c.target[0]].name
        return f"{who} {'answered' if c.id == 'kept' else 'failed'} the call to defend {victim}"
    if c.kind == "organization":
        org = sc.orgs[c.target[0]].name if c.target else ""
        return f"{org}: {c.id}" + (f" by {who}" if who else "")
    if c.kind == "threat":
        return f"threat: {next(t.name for t in sc.threats if t.id == c.id)}"
    if c.target and c.id in ("threat growth", "collective effort"):
        # weakest link / best shot: the words name the nation the result turned on, as the ledger does
        return f"{c.id} ({sc.threats[c.target[0]].name})" + (f", pivotal: {who}" if who else "")
    return c.id

"""The archive of a game's negotiation (ICONS-style): every proposal, its answers and its fate per team; the
"promises kept" index per nation; the broken promises quoted for the debrief's discussion."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from game.sim.agreements import tally
from game.sim.contract import AgreementRecord, TurnReport
from game.sim.deals import deal_words

from .negotiation import Proposal

ANSWER_WORDS = {"pending": "no answer", "accept": "accepted", "decline": "declined", "counter": "countered"}


@dataclass(frozen=True)
class Row:
    """One proposal as the archive shows it."""
    turn: int
    id: str
    proposer: str
    deal: str            # the terms and parties in words
    public: bool
    answers: str         # "Borealis accepted, Caldera declined"
    fate: str            # declined / countered / no answer / kept / broken by Borealis (turn 4) / running
    parties: tuple[int, ...]


def _records(reports: Sequence[TurnReport]) -> dict[str, list[tuple[int, AgreementRecord]]]:
    out: dict[str, list[tuple[int, AgreementRecord]]] = {}
    for r in reports:
        for a in r.get("agreements", ()):
            out.setdefault(a["id"], []).append((r["turn"], a))
    return out


def fate(sc: Any, p: Proposal, reports: Sequence[TurnReport]) -> str:
    """What became of a proposal: its answers, or for an agreement how it was kept or broken."""
    if p.agreement is None:
        return {"declined": "declined", "countered": "countered"}.get(p.status, "no answer")
    seen = _records(reports).get(p.agreement, [])
    if not seen:
        return "signed"
    turn, last = seen[-1]
    if last["status"] == "broken":
        who = [sc.nations[sc.nation_index(n)].name for n, ok in last["kept"].items() if not ok]
        return f"broken by {', '.join(who)} (turn {turn})"
    return "kept" if last["status"] == "kept" else "running"


def archive(session: Any, nation: int | None = None) -> list[Row]:
    """The proposals of the game a team may see (those it was party to; None: all, for the facilitator), in order."""
    sc = session.scenario
    reports = session.view.reports
    rows = []
    for p in session.negotiation.seen_by(nation):
        names = sc.nations
        answers = ", ".join(f"{names[k].name} {ANSWER_WORDS[a]}" for k, a in p.answers.items() if k != p.deal.proposer)
        rows.append(Row(p.turn, p.id, names[p.deal.proposer].name, deal_words(session.state, p.deal), p.deal.public,
                        answers, fate(sc, p, reports), p.deal.parties))
    return rows


@dataclass(frozen=True)
class Kept:
    nation: str
    kept: int          # promise-turns kept
    checked: int       # promise-turns checked
    broken: int        # agreements broken

    @property
    def index(self) -> float | None:
        """Share of its promises kept, 0..1 (None: it promised nothing)."""
        return self.kept / self.checked if self.checked else None


def promises_kept(sc: Any, reports: Sequence[TurnReport]) -> list[Kept]:
    """The "promises kept" index of every nation, in listing order."""
    rows = tally(reports)
    return [Kept(nd.name, rows.get(nd.id, {}).get("kept_turns", 0), rows.get(nd.id, {}).get("checked_turns", 0),
                 rows.get(nd.id, {}).get("broken", 0)) for nd in sc.nations]


def broken_promises(sc: Any, reports: Sequence[TurnReport], nation: str | None = None) -> list[str]:
    """Every broken promise of the game in words, in the order they were broken (of the agreements `nation` may see:
    public ones and its own; None: all)."""
    out = []
    for r in reports:
        for a in r.get("agreements", ()):
            if a["status"] != "broken" or not (nation is None or a["public"] or nation in a["parties"]):
                continue
            for nid, ok in a["kept"].items():
                if not ok:
                    name = sc.nations[sc.nation_index(nid)].name
                    out.append(f"Turn {r['turn']}: {name} broke {a['name']}")
    return out


def discussion_prompts(sc: Any, reports: Sequence[TurnReport], limit: int = 3) -> list[str]:
    """Questions for the debrief that quote the game's own broken promises (and one on keeping, if all were kept)."""
    broken = broken_promises(sc, reports)
    out = [f"\u201c{b}.\u201d Why was it broken, and what did it cost the one who broke it? Would you trust them again?"
           for b in broken[:limit]]
    kept = [k for k in promises_kept(sc, reports) if k.checked]
    if kept and not broken:
        out.append("Every agreement of this game was kept. Which one mattered most, and would it have been kept "
                   "without being written down?")
    if len(broken) > limit:
        out.append(f"{len(broken)} promises were broken in all. Did breaking them pay?")
    return out

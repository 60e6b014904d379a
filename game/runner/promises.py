"""The negotiation's archive over plain data (turn reports, proposals as saved): every proposal and its fate, the
"promises kept" index per nation, the broken promises in words and the debrief's prompts that quote them. The
session's archive (game/app/archive.py) and the HTML report (reportdata.py) both read it from here."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from game.sim.agreements import tally
from game.sim.contract import AgreementRecord, TurnReport
from game.sim.deals import Deal, Term, deal_words
from game.sim.state import State

ANSWER_WORDS = {"pending": "no answer", "accept": "accepted", "decline": "declined", "counter": "countered"}
Records = dict[str, list[tuple[int, AgreementRecord]]]


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


def status(answers: Mapping[int, str], agreement: str | None) -> str:
    """What a proposal's answers come to: signed, declined, countered or pending."""
    if agreement is not None:
        return "signed"
    vals = set(answers.values())
    return "declined" if "decline" in vals else "countered" if "counter" in vals else "pending"


def records(reports: Sequence[TurnReport]) -> Records:
    """Every agreement's checks, by agreement id: (turn, record) in turn order."""
    out: Records = {}
    for r in reports:
        for a in r.get("agreements", ()):
            out.setdefault(a["id"], []).append((r["turn"], a))
    return out


def fate(sc: Any, state_word: str, agreement: str | None, recs: Records) -> str:
    """What became of a proposal: its answers, or for an agreement how it was kept or broken."""
    if agreement is None:
        return {"declined": "declined", "countered": "countered"}.get(state_word, "no answer")
    seen = recs.get(agreement, [])
    if not seen:
        return "signed"
    turn, last = seen[-1]
    if last["status"] == "broken":
        who = [sc.nations[sc.nation_index(n)].name for n, ok in last["kept"].items() if not ok]
        return f"broken by {', '.join(who)} (turn {turn})"
    return "kept" if last["status"] == "kept" else "running"


def row(state: State, turn: int, pid: str, deal: Deal, answers: Mapping[int, str], agreement: str | None,
        recs: Records) -> Row:
    """One proposal's archive row (`state`: any state of the game, for its names)."""
    sc = state.scenario
    said = ", ".join(f"{sc.nations[k].name} {ANSWER_WORDS.get(a, a)}" for k, a in answers.items() if k != deal.proposer)
    return Row(turn, pid, sc.nations[deal.proposer].name, deal_words(state, deal), deal.public, said,
               fate(sc, status(answers, agreement), agreement, recs), deal.parties)


def deal_of(saved: Mapping[str, Any], index: Callable[[str], int]) -> Deal:
    """A proposal as the save holds it (game/app/negotiation.py's to_dict) back as its Deal."""
    terms = tuple(Term(t["kind"], t.get("action", ""), t.get("pledge", ""), t.get("org"), int(t.get("turns", 1)))
                  for t in saved["terms"])
    return Deal(index(saved["proposer"]), tuple(index(k) for k in saved["parties"]), terms,
                bool(saved.get("public", True)))


def _from_record(state: State, a: AgreementRecord, recs: Records) -> Row:
    """An agreement no saved proposal names (a headless game keeps only the agreements): signed, so all accepted."""
    sc = state.scenario
    parties = tuple(sc.nation_index(n) for n in a["parties"])
    names = ", ".join(sc.nations[k].name for k in parties)
    others = ", ".join(f"{sc.nations[sc.nation_index(n)].name} accepted" for n in a["parties"] if n != a["proposer"])
    return Row(a["signed"], a["id"], sc.nations[sc.nation_index(a["proposer"])].name,
               f"{'; '.join(a['terms'])} ({names})", a["public"], others, fate(sc, "signed", a["id"], recs), parties)


def archive(state: State, reports: Sequence[TurnReport], proposals: Sequence[Mapping[str, Any]] = ()) -> list[Row]:
    """The archive of a whole game: the saved proposals (every answer, declined ones too) and any agreement of the
    reports that no proposal names, in turn order."""
    sc = state.scenario
    recs = records(reports)
    rows = []
    for p in proposals:
        answers = {sc.nation_index(k): str(a) for k, a in p["answers"].items()}
        rows.append(row(state, int(p["turn"]), str(p["id"]), deal_of(p, sc.nation_index), answers,
                        p.get("agreement"), recs))
    named = {p.get("agreement") for p in proposals}
    rows += [_from_record(state, seen[0][1], recs) for aid, seen in recs.items() if aid not in named]
    return sorted(rows, key=lambda r: r.turn)      # stable: a turn's proposals stay in the order they were made


@dataclass(frozen=True)
class Kept:
    nation: str
    kept: int          # promise-turns kept
    checked: int       # promise-turns checked
    broken: int        # agreements broken
    made: int = 0      # agreements signed
    ended_kept: int = 0   # agreements whose end it reached with its word kept (theirs, or another party broke it)

    @property
    def index(self) -> float | None:
        """Share of its promises kept, 0..1 (None: it promised nothing)."""
        return self.kept / self.checked if self.checked else None


def promises_kept(sc: Any, reports: Sequence[TurnReport]) -> list[Kept]:
    """The "promises kept" index of every nation, in listing order."""
    rows = tally(reports)
    out = []
    for nd in sc.nations:
        t = rows.get(nd.id, {})
        out.append(Kept(nd.name, t.get("kept_turns", 0), t.get("checked_turns", 0), t.get("broken", 0),
                        t.get("made", 0), t.get("kept", 0)))
    return out


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


CLASS = ""   # as `nation`: the class as a whole, who may see the public agreements only


def discussion_prompts(sc: Any, reports: Sequence[TurnReport], limit: int = 3, nation: str | None = None) -> list[str]:
    """Questions for the debrief that quote the game's own broken promises (and one on keeping, if all were kept);
    of the agreements `nation` may see (None: all; CLASS: the public ones)."""
    broken = broken_promises(sc, reports, nation)
    out = [f"\u201c{b}.\u201d Why was it broken, and what did it cost the one who broke it? Would you trust them again?"
           for b in broken[:limit]]
    kept = [k for k in promises_kept(sc, reports) if k.checked]
    if kept and not broken:
        out.append("Every agreement of this game was kept. Which one mattered most, and would it have been kept "
                   "without being written down?")
    if len(broken) > limit:
        out.append(f"{len(broken)} promises were broken in all. Did breaking them pay?")
    return out

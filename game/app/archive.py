"""The archive of a session's negotiation (ICONS-style) as a team may see it: every proposal it was party to, its
answers and its fate; the "promises kept" index per nation and the debrief's prompts on broken promises. The work is
game/runner/promises.py's (the HTML report shows the same from a save); this reads the session's live proposals."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from game.runner import promises as P
from game.sim.contract import TurnReport

from .negotiation import Proposal

__all__ = ["ANSWER_WORDS", "CLASS", "Kept", "Row", "archive", "broken_promises", "discussion_prompts", "fate",
           "promises_kept"]

ANSWER_WORDS, CLASS, Kept, Row = P.ANSWER_WORDS, P.CLASS, P.Kept, P.Row
broken_promises, discussion_prompts, promises_kept = P.broken_promises, P.discussion_prompts, P.promises_kept


def fate(sc: Any, p: Proposal, reports: Sequence[TurnReport]) -> str:
    """What became of a proposal: its answers, or for an agreement how it was kept or broken."""
    return P.fate(sc, p.status, p.agreement, P.records(reports))


def archive(session: Any, nation: int | None = None) -> list[P.Row]:
    """The proposals of the game a team may see (those it was party to; None: all, for the facilitator), in order."""
    recs = P.records(session.view.reports)
    st = session.view.state
    return [P.row(st, p.turn, p.id, p.deal, p.answers, p.agreement, recs) for p in session.negotiation.seen_by(nation)]

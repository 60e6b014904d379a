"""A session's duplicate score (docs/rules.md R9.6): at the end of a game, each seat against the strategist in that
seat of the same game, computed in a background process (background.py; a game played again per seat: seconds) so
no screen waits for it; the debrief shows it beside the score vs par when it is ready."""
from __future__ import annotations

import threading
from typing import Any

import numpy as np

from game.runner.duplicate import Played, orders_of, reference_scores
from game.sim.deals import Deal
from game.sim.scoring import national_interest

from .background import Job, cancel_running, collect, wait_running
from .par import held
from .session import SessionPlan

# keyed by ids, each entry with weak references to the session and the state it was computed for: ids of dead
# objects are reused, so an entry counts only while its references are to these very objects
_done: dict[tuple, tuple[tuple, np.ndarray]] = {}
_jobs: dict[tuple, tuple[tuple, Job]] = {}
_lock = threading.Lock()


def played(session: Any) -> tuple[Played, bool]:
    """The session's game as duplicate.Played, and whether it is exact: a game loaded from a save does not know
    what custom events the facilitator wrote into its earlier turns (deck events come back from the reports)."""
    sc, reports = session.scenario, session.view.reports
    humans = set(session.humans)
    computer = {k: s.doctrine for k, s in session.seats.items() if k not in humans}
    orders = {k: [orders_of(sc, r, k) for r in reports] for k in humans}
    exact, injected = True, []
    for t, r in enumerate(reports, 1):
        if t in session.injected_log:
            injected.append(list(session.injected_log[t]))
            continue
        got = []
        for ev in r.get("events", [])[: int(r.get("injected", 0) or 0)]:
            deck = next((e for e in sc.events if e.id == ev["id"]), None)
            if deck is None:
                exact = False        # written on the spot in an earlier session: its effects are not in the report
                continue
            got.append((deck, tuple(sc.nation_index(i) for i in ev.get("targets", []))))
        injected.append(got)
    deals: dict[int, list[Deal]] = {}   # the deals signed with a team party, by turn, in the order they were signed
    for t in sorted({p.turn for p in session.negotiation.proposals}):
        with_team = [d for d in session.negotiation.deals(t) if any(k in humans for k in d.parties)]
        if with_team:
            deals[t] = with_team
    return Played(sc, session.seed, len(reports), computer, orders, injected, deals), exact


def _key(session: Any) -> tuple:
    return (id(session), session.view.played, id(session.view.state))


def _refs(session: Any) -> tuple:
    return (held(session), held(session.view.state))


def _mine(entry: tuple | None, session: Any) -> Any:
    if entry is None:
        return None
    (s, current), value = entry
    return value if s() is session and current() is session.view.state else None


def _duplicate(p: Played, ni: np.ndarray, plan: SessionPlan) -> np.ndarray:
    """The job's work, in the background process: each seat's score minus the strategist's in its place."""
    return ni - reference_scores(p, plan=plan)


def scores(session: Any, wait: bool = False) -> np.ndarray | None:
    """Each seat's duplicate score at the end of the game, or None while it is computed (or before the end)."""
    if not session.state.over:
        return None
    key = _key(session)
    with _lock:
        got = _mine(_done.get(key), session)
        if got is not None:
            return got
        job = _mine(_jobs.get(key), session)
        if job is None:   # what the job needs is read here, so play may go on (a rewind) while it works
            p, _exact = played(session)
            plan = SessionPlan(session.seed, session.difficulty, dict(p.doctrines))   # the session's difficulty
            refs = _refs(session)
            job = Job(_duplicate, p, national_interest(session.state), plan, name="duplicate")
            _jobs[key] = (refs, job)
    if wait:
        job.done(None)
    with _lock:
        # None from a failed job: a game the replay cannot play (it never should): the debrief goes without
        return collect(_jobs, _done, key, lambda e: _mine(e, session))


def wait_all() -> None:
    wait_running(_jobs, _lock)


def cancel_all() -> None:
    """Stop every duplicate score still being computed and forget it (asked for again, it starts afresh)."""
    cancel_running(_jobs, _lock)

"""Score vs par: each seat's National Interest minus its seat's par (game.runner.par), and the standing teams are
ranked by (that score with each seat's lead over the field scaled by its seat's factor, R9.5). The par table is
computed once per scenario (and engine version) in a background process (background.py), so no screen waits for it
(the board shows it when ready); the debrief at the end waits if it must."""
from __future__ import annotations

import threading
import weakref
from typing import Any

import numpy as np

from game.sim.scoring import national_interest

from .background import Job, cancel_running, collect, wait_running

# keyed by id(scenario) with a weak reference beside it: a dead scenario's id may be reused by another scenario,
# whose par table differs (its shape too), so an entry counts only while its reference is to this very scenario
_tables: dict[int, tuple[Any, tuple[np.ndarray, np.ndarray]]] = {}   # id -> (ref, (table, factors))
_jobs: dict[int, tuple[Any, Job]] = {}
_lock = threading.Lock()


def _mine(entry: tuple | None, sc: Any) -> Any:
    return entry[1] if entry is not None and entry[0]() is sc else None


def held(obj: Any) -> Any:
    """A weak reference, or a strong one for an object that takes none (which keeps its id from being reused)."""
    try:
        return weakref.ref(obj)
    except TypeError:
        return lambda: obj


def _par_of(scenario: Any) -> tuple[np.ndarray, np.ndarray]:
    """The job's work, in the background process (imported there, not at the game's start): (table, factors)."""
    from game.runner.par import factors, par_of

    table, spread = par_of(scenario)
    return table, factors(spread, scenario.n)


def table(session: Any, wait: bool = False) -> np.ndarray | None:
    """The session's par table (turns + 1, nations), or None while it is being computed (wait=False)."""
    got = _par(session, wait)
    return got[0] if got is not None else None


def factors(session: Any, wait: bool = False) -> np.ndarray | None:
    """Each seat's factor for its standing (R9.5), or None while the par is being computed (wait=False)."""
    got = _par(session, wait)
    return got[1] if got is not None else None


def _par(session: Any, wait: bool) -> tuple[np.ndarray, np.ndarray] | None:
    sc = session.scenario
    key = id(sc)
    with _lock:
        got = _mine(_tables.get(key), sc)
        if got is not None:
            return got
        job = _mine(_jobs.get(key), sc)
        if job is None:
            from game.runner.par import known

            ref = held(sc)
            at_hand = known(sc)             # shipped or cached: no process for a par already at hand
            if at_hand is not None:
                _tables[key] = (ref, at_hand)
                return at_hand
            job = Job(_par_of, sc, name="par")
            _jobs[key] = (ref, job)
    if wait:
        job.done(None)
    with _lock:
        return collect(_jobs, _tables, key, lambda e: _mine(e, sc))   # a failed job: no par


def scores(session: Any, state: Any = None, wait: bool = False) -> np.ndarray | None:
    """Each nation's National Interest minus its par at the same point of the game (None while par is computed)."""
    got = _par(session, wait)
    return _vs(got[0], state if state is not None else session.state) if got is not None else None


def standings(session: Any, state: Any = None, wait: bool = False) -> np.ndarray | None:
    """Each nation's standing (R9.5: what teams are ranked by), or None while par is computed."""
    got = _par(session, wait)
    if got is None:
        return None
    from game.runner.par import standing

    return standing(_vs(got[0], state if state is not None else session.state), got[1])


def _vs(table: np.ndarray, st: Any) -> np.ndarray:
    row = min(max(0, int(st.turn) - 1), table.shape[0] - 1)     # the state at the start of turn k follows k - 1 turns
    return national_interest(st) - table[row]


def team_ranks(stand: np.ndarray | None, state: Any) -> dict[int, int]:
    """Nation index -> its rank as teams are ranked (R9.5): by standing (`standings`), by National Interest while the
    par is being computed (stand None)."""
    from .privacy import ni_ranks

    return ranks(stand) if stand is not None else ni_ranks(state)


def ranks(values: np.ndarray) -> dict[int, int]:
    """Nation index -> rank by a score (the standing; 1 = best)."""
    order = sorted(range(len(values)), key=lambda k: (-float(values[k]), k))
    return {k: r for r, k in enumerate(order, 1)}


def signed(v: float) -> str:
    """+1.2 / -0.4; a score that rounds to zero reads +0.0 (never -0.0, which a class reads as a loss)."""
    return f"{v:+.1f}" if round(v, 1) != 0 else "+0.0"


def wait_all() -> None:
    """Wait for every par table being computed (tests that measure the idle loop's CPU)."""
    wait_running(_jobs, _lock)


def cancel_all() -> None:
    """Stop every par table still being computed and forget it (asked for again, it starts afresh)."""
    cancel_running(_jobs, _lock)

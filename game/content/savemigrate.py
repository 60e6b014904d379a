"""Save migrations: one function per step of the save format (version N to N + 1), applied in turn to an older save's
JSON before the model checks it, so the model (savemodel.py) and everything after it know the current version only.

Each step takes the plain data of its version and returns the data of the next, touching only what that step
changed; what it does not understand it passes on unchanged for the model to judge (a damaged old save gets the
same one-line error as a damaged new one). A new format version adds one function here and one test with a save
written by the code of that time (tests/data/saves/).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

CURRENT = 4


def v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 added `branches` (lines of play a facilitator rewound away from) and `facilitator` (timer, policy,
    hidden information, PIN, queued events, seat log): a version 1 game has none, so it gets no branches and the
    default settings (a version 1 file holding either is not of version 1; they were never read). Reports written
    before facilitators could inject events have no `injected` count: none were injected."""
    out = {**data, "version": 2, "branches": [], "facilitator": {}}
    reports = data.get("reports")
    if isinstance(reports, list):
        out["reports"] = [{**r, "injected": r.get("injected", 0)} if isinstance(r, dict) else r for r in reports]
    return out


def v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    """Version 3 added `class_id`, the game a class's saves belong to: a version 2 save belongs to none yet (the
    session gives it one when it loads). Its PIN hash is the salted SHA-256 of version 2, which cannot be turned
    into scrypt without the PIN: game/ui/pins.py still reads it, and the session rehashes it when it is entered."""
    return {**data, "version": 3}


def _no_agreements(history: Any) -> Any:
    """A history (states and reports) of before negotiation: no agreement ran in any state or report."""
    if not isinstance(history, dict):
        return history
    out = dict(history)
    for key in ("states", "reports"):
        if isinstance(history.get(key), list):
            out[key] = [{**x, "agreements": x.get("agreements", [])} if isinstance(x, dict) else x
                        for x in history[key]]
    return out


def v3_to_v4(data: dict[str, Any]) -> dict[str, Any]:
    """Version 4 added negotiation: each state's running `agreements`, each report's agreements checked that turn,
    and the save's `negotiation` (the archive of proposals and the teams' messages). A version 3 game signed no
    agreement and sent no message; its branches neither."""
    out = {**_no_agreements(data), "version": 4, "negotiation": {}}
    branches = data.get("branches")
    if isinstance(branches, list):
        out["branches"] = [{**b, "history": _no_agreements(b.get("history"))} if isinstance(b, dict) else b
                           for b in branches]
    return out


# from version -> the step to the next; every version this game reads but the current one has exactly one step
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: v1_to_v2, 2: v2_to_v3, 3: v3_to_v4}
VERSIONS = (*sorted(MIGRATIONS), CURRENT)


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """The save in the current format: an older one as a new dict (`data` is left as it was), a current one as it
    is. Its version must be one of VERSIONS (savemodel.upgrade checks it first)."""
    version = data["version"]
    while version < CURRENT:
        data = MIGRATIONS[version](data)
        assert data["version"] == version + 1, f"the migration from version {version} must produce {version + 1}"
        version += 1
    return data

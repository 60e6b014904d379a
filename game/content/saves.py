"""Saved games: JSON files in the user data dir, written atomically; autosave rotation; damaged files raise SaveError.

Format history: version 1 holds the scenario, seed, seats and the history (states and reports). Version 2 adds
`branches` (earlier lines of play a facilitator rewound away from: from_turn, label, seats and their history as
saved) and `facilitator` (timer, what happens when it runs out, hidden private information, a salted PIN hash,
events queued for the next resolution, and the log of seat switches). Version 1 saves still load, with no branches
and the default facilitator settings."""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from game.fileio import atomic_write_json

FORMAT = "regional-accord-save"
VERSION = 2
READABLE = (1, 2)          # versions this game can load
ENV_DATA = "REGIONAL_ACCORD_DATA"
AUTOSAVE = "autosave.json"
PREVIOUS_AUTOSAVE = "autosave.1.json"
ROOT = Path(__file__).resolve().parents[2]


class SaveError(Exception):
    """A save that cannot be read or written; str() is one line that says which file and what is wrong."""


# -- where ------------------------------------------------------------------------------------
def data_dir() -> Path:
    """The user's data folder (REGIONAL_ACCORD_DATA overrides it, e.g. in tests)."""
    env = os.environ.get(ENV_DATA)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("regional-accord"))


def saves_dir() -> Path:
    return data_dir() / "saves"


def autosave_path() -> Path:
    return saves_dir() / AUTOSAVE


def previous_autosave_path() -> Path:
    return saves_dir() / PREVIOUS_AUTOSAVE


# -- atomic writes: game/fileio.py (re-exported here for the callers of saves) --------------------------


# -- building and writing ------------------------------------------------------------------------
def _portable(path: Path) -> str:
    """Scenario paths inside the project are stored relative to it, so saves survive moving the folder."""
    p = Path(path).resolve()
    try:
        return p.relative_to(ROOT).as_posix()
    except ValueError:
        return str(p)


def _resolve(stored: str) -> Path:
    p = Path(stored)
    return p if p.is_absolute() else ROOT / p


def history_to_dict(history: Any) -> dict:
    """A history as saved: {"states": [state dicts], "reports": [reports]} (the form branches are kept in)."""
    from game.sim.serialize import state_to_dict

    return {"states": [state_to_dict(s) for s in history.states], "reports": list(history.reports)}


def make_save(*, name: str, scenario_path: str | Path, scenario: Any, seed: int, seats: dict[str, dict],
              difficulty: str, history: Any, branches: list[dict] | None = None,
              facilitator: dict | None = None) -> dict:
    """A save as plain data: the scenario file, seed, seats, the whole history (states and reports), the
    branches rewound away from and the facilitator's settings."""
    from game.sim.serialize import state_to_dict

    st = history.current
    return {
        "format": FORMAT,
        "version": VERSION,
        "name": name,
        "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "scenario": _portable(Path(scenario_path)),
        "scenario_id": scenario.id,
        "scenario_name": scenario.name,
        "nations": list(scenario.nation_ids),
        "threats": [t.id for t in scenario.threats],
        "organizations": [o.id for o in scenario.orgs],
        "seed": int(seed),
        "difficulty": difficulty,
        "seats": seats,
        "turn": st.turn,
        "over": st.over,
        "outcome": st.outcome,
        "states": [state_to_dict(s) for s in history.states],
        "reports": history.reports,
        "branches": list(branches or []),
        "facilitator": dict(facilitator or {}),
    }


def write_save(path: Path, data: dict) -> Path:
    try:
        atomic_write_json(path, data)
    except (OSError, TypeError, ValueError) as exc:
        raise SaveError(f"cannot write {path}: {getattr(exc, 'strerror', None) or exc}") from None
    return Path(path)


def slug(name: str) -> str:
    s = re.sub(r"[^A-Za-z0-9_-]+", "-", name.strip()).strip("-").lower()
    return s[:60] or "save"


def save_named(data: dict) -> Path:
    """A named save in the saves folder (overwrites a save of the same name)."""
    return write_save(saves_dir() / f"{slug(data.get('name', 'save'))}.json", data)


def autosave(data: dict) -> Path:
    """Write the autosave; the one it replaces becomes autosave.1.json, so nothing already saved is lost."""
    path, prev = autosave_path(), previous_autosave_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{AUTOSAVE}.new")
    try:
        atomic_write_json(tmp, data)          # the new autosave is complete on disk before anything moves
        if path.exists():
            os.replace(path, prev)
        os.replace(tmp, path)
    except (OSError, TypeError, ValueError) as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise SaveError(f"cannot write the autosave in {path.parent}: {getattr(exc, 'strerror', None) or exc}") from None
    return path


# -- reading -----------------------------------------------------------------------------------
REQUIRED = ("scenario", "seed", "seats", "states", "reports", "nations")


def read_save(path: Path) -> dict:
    """The save's data, checked for format, version and required keys; SaveError otherwise."""
    path = Path(path)
    name = path.name
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SaveError(f"{name}: no such save") from None
    except OSError as exc:
        raise SaveError(f"{name}: cannot read it ({exc.strerror or exc})") from None
    if not raw.strip():
        raise SaveError(f"{name}: the file is empty")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SaveError(f"{name}: not a save file (not text)") from None
    except json.JSONDecodeError as exc:
        end = exc.pos >= len(exc.doc.rstrip()) or exc.msg.startswith("Unterminated string")
        why = "it ends early (truncated?)" if end else f"bad JSON at line {exc.lineno} column {exc.colno}"
        raise SaveError(f"{name}: damaged save, {why}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SaveError(f"{name}: not a Regional Accord save")
    if data.get("version") not in READABLE:
        raise SaveError(f"{name}: save version {data.get('version')!r} is not supported "
                        f"(this game reads versions {', '.join(map(str, READABLE))})")
    missing = [k for k in REQUIRED if k not in data]
    if missing:
        raise SaveError(f"{name}: damaged save, missing {', '.join(missing)}")
    return data


@dataclass
class Restored:
    """A save turned back into what a session needs."""
    name: str
    scenario_path: Path
    scenario: Any
    seed: int
    difficulty: str
    seats: dict[str, dict]
    history: Any
    branches: list[dict] = field(default_factory=list)       # as saved: from_turn, label, seats, history
    facilitator: dict = field(default_factory=dict)          # as saved (version 1: empty, so the defaults apply)
    version: int = VERSION


def _check_branches(raw: Any, sc: Any) -> list[dict]:
    """Version 2 branches, checked for shape (their states stay plain data: the debrief reads them as saved)."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise ValueError("branches is not a list")
    out = []
    for k, b in enumerate(raw):
        if not isinstance(b, dict):
            raise ValueError(f"branch {k + 1} is not a mapping")
        hist = b.get("history")
        if not isinstance(hist, dict) or not isinstance(hist.get("states"), list) or not isinstance(hist.get("reports"), list):
            raise ValueError(f"branch {k + 1} has no history")
        if len(hist["states"]) != len(hist["reports"]) + 1:
            raise ValueError(f"branch {k + 1}: the turns and reports do not match")
        turn = int(b.get("from_turn", 0))
        if not 1 <= turn <= len(hist["states"]):
            raise ValueError(f"branch {k + 1} starts at turn {turn}, outside its history")
        for st in hist["states"]:
            if not isinstance(st, dict) or len(st.get("values", {}).get("security", [])) != sc.n:
                raise ValueError(f"branch {k + 1} has a damaged state")
        out.append({**b, "from_turn": turn, "label": str(b.get("label", f"Branch {k + 1}"))})
    return out


def _check_facilitator(raw: Any) -> dict:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ValueError("the facilitator settings are not a mapping")
    timer = raw.get("timer")
    if timer is not None and (not isinstance(timer, (int, float)) or timer <= 0):
        raise ValueError(f"the planning timer {timer!r} is not a number of seconds")
    if raw.get("policy", "submit") not in ("submit", "computer"):
        raise ValueError(f"unknown timer policy {raw.get('policy')!r}")
    for key in ("pending", "seat_log"):
        if not isinstance(raw.get(key, []), list):
            raise ValueError(f"the facilitator's {key} is not a list")
    return dict(raw)


def restore(data: dict, label: str = "save") -> Restored:
    """Load the save's scenario and rebuild its history; SaveError if the scenario changed or the data is damaged."""
    from game.content.loader import load_scenario
    from game.content.yamlsafe import ContentError
    from game.sim.history import History
    from game.sim.serialize import state_from_dict

    spath = _resolve(str(data["scenario"]))
    try:
        sc = load_scenario(spath)
    except ContentError as exc:
        first = str(exc.problems[0]) if exc.problems else str(exc)
        more = f" (and {len(exc.problems) - 1} more)" if len(exc.problems) > 1 else ""
        raise SaveError(f"{label}: its scenario no longer loads: {first}{more}") from None
    if list(sc.nation_ids) != list(data["nations"]) or \
            [t.id for t in sc.threats] != list(data.get("threats", [t.id for t in sc.threats])) or \
            [o.id for o in sc.orgs] != list(data.get("organizations", [o.id for o in sc.orgs])):
        raise SaveError(f"{label}: {spath.name} has changed since the game was saved (its nations, threats or organizations differ)")
    try:
        states = [state_from_dict(sc, d) for d in data["states"]]
        reports = list(data["reports"])
        if not states or len(states) != len(reports) + 1:
            raise ValueError("the turns and reports do not match")
        for k, st in enumerate(states):
            if st.turn != k + 1 or st.v["security"].shape != (sc.n,) or st.v["trust"].shape != (sc.n, sc.n):
                raise ValueError(f"turn {k + 1} is inconsistent")
        seats = dict(data["seats"])
        for nid in sc.nation_ids:
            seat = seats[nid]
            if not isinstance(seat, dict) or "human" not in seat or "doctrine" not in seat:
                raise ValueError(f"the seat of {nid} is incomplete")
        seed = int(data["seed"])
        version = int(data.get("version", 1))
        branches = _check_branches(data.get("branches"), sc) if version >= 2 else []
        facilitator = _check_facilitator(data.get("facilitator")) if version >= 2 else {}
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
        raise SaveError(f"{label}: damaged save ({exc})") from None
    hist = History(states, reports)
    return Restored(str(data.get("name", label)), spath, sc, seed, str(data.get("difficulty", "normal")), seats, hist,
                    branches, facilitator, version)


def load_save(path: Path) -> Restored:
    return restore(read_save(path), Path(path).name)


# -- listing -----------------------------------------------------------------------------------
@dataclass
class SaveInfo:
    path: Path
    name: str
    scenario: str
    turn: int
    saved_at: str
    over: bool
    error: str | None = None      # a one-line reason when the file cannot be read

    @property
    def kind(self) -> str:
        return {AUTOSAVE: "autosave", PREVIOUS_AUTOSAVE: "previous autosave"}.get(self.path.name, "save")


def list_saves() -> list[SaveInfo]:
    """Every save in the saves folder, autosaves first then newest first; damaged ones carry their error."""
    folder = saves_dir()
    if not folder.is_dir():
        return []
    out = []
    for p in folder.glob("*.json"):
        try:
            d = read_save(p)
            out.append(SaveInfo(p, str(d.get("name", p.stem)), str(d.get("scenario_name", d["scenario"])),
                                int(d.get("turn", len(d["states"]))), str(d.get("saved_at", "")), bool(d.get("over"))))
        except SaveError as exc:
            out.append(SaveInfo(p, p.stem, "?", 0, "", False, str(exc)))
    rank = {AUTOSAVE: 0, PREVIOUS_AUTOSAVE: 1}
    out.sort(key=lambda s: (rank.get(s.path.name, 2), -_mtime(s.path), s.name))
    return out


def _mtime(p: Path) -> float:
    try:
        return p.stat().st_mtime
    except OSError:
        return 0.0

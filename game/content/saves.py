"""Saved games: JSON files in the user data dir, written atomically; autosave rotation; damaged files raise SaveError.

Format history: version 1 holds the scenario, seed, seats and the history (states and reports). Version 2 adds
`branches` (earlier lines of play a facilitator rewound away from: from_turn, label, seats and their history as
saved) and `facilitator` (timer, what happens when it runs out, hidden private information, a salted PIN hash,
events queued for the next resolution, and the log of seat switches). Version 3 adds `class_id`: the game every
save of one class's play belongs to (a facilitator PIN protects them all; game/app/pins.py). Version 4 adds
negotiation: each state's running `agreements`, each report's agreements checked that turn, and `negotiation` (the
archive of proposals with their answers and the teams' free-text messages). Versions 1 to 3 still load:
savemigrate.py turns them into version 4, one step at a time. Reading goes through one strict model
(savemodel.py) and a check against the scenario (savecheck.py): a bad file is always a one-line SaveError
"<file>: damaged save: <where>: <what>", never another exception."""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from game.data import DATA, checkout
from game.fileio import atomic_write_json

from . import savemodel
from .savecheck import Checker
from .savemodel import Damaged

FORMAT = "regional-accord-save"
VERSION = 4
READABLE = savemodel.VERSIONS   # versions this game can load
ENV_DATA = "REGIONAL_ACCORD_DATA"
AUTOSAVE = "autosave.json"
PREVIOUS_AUTOSAVE = "autosave.1.json"


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
    """A shipped scenario is stored relative to the game's data ('scenarios/meridian.yaml', as saves always wrote it),
    one elsewhere in a clone relative to the clone, so saves survive moving the folder or installing the game."""
    p = Path(path).resolve()
    for top in (DATA, checkout()):
        if top is not None and p.is_relative_to(top):
            return p.relative_to(top).as_posix()
    return str(p)


def _resolve(stored: str) -> Path:
    p = Path(stored)
    if p.is_absolute():
        return p
    top = checkout()
    return DATA / p if (DATA / p).exists() or top is None else top / p


def history_to_dict(history: Any) -> dict:
    """A history as saved: {"states": [state dicts], "reports": [reports]} (the form branches are kept in)."""
    from game.sim.serialize import state_to_dict

    return {"states": [state_to_dict(s) for s in history.states], "reports": list(history.reports)}


def make_save(*, name: str, scenario_path: str | Path, scenario: Any, seed: int, seats: dict[str, dict],
              difficulty: str, history: Any, branches: list[dict] | None = None,
              facilitator: dict | None = None, class_id: str | None = None,
              negotiation: dict | None = None) -> dict:
    """A save as plain data: the scenario file, seed, seats, the whole history (states and reports), the
    branches rewound away from and the facilitator's settings."""
    from game.sim.serialize import state_to_dict

    st = history.current
    return {
        "format": FORMAT,
        "version": VERSION,
        "name": name,
        "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
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
        "negotiation": dict(negotiation or {}),
        **({"class_id": class_id} if class_id else {}),
    }


def write_save(path: Path, data: dict) -> Path:
    try:
        atomic_write_json(path, data, allow_nan=False)   # a save is strict JSON: never a NaN it could not read back
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
        atomic_write_json(tmp, data, allow_nan=False)   # the new autosave is complete on disk before anything moves
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


def sweep_stale(folder: Path | None = None, min_age: float = 60.0) -> list[Path]:
    """Remove what interrupted writes left in the saves folder (the temp files of atomic writes, `.*.tmp`, and a
    half-made autosave, `.autosave.json.new`) once they are `min_age` seconds old; returns what was removed.
    Called when the game starts; never touches a save."""
    import time

    folder = Path(folder) if folder is not None else saves_dir()
    removed = []
    try:
        candidates = [p for p in folder.iterdir() if p.name.startswith(".") and
                      (p.name.endswith(".tmp") or p.name == f".{AUTOSAVE}.new")]
    except OSError:
        return []
    now = time.time()
    for p in candidates:
        try:
            if p.is_file() and not p.is_symlink() and now - p.stat().st_mtime >= min_age:
                p.unlink()
                removed.append(p)
        except OSError:
            pass
    return removed


# -- reading -----------------------------------------------------------------------------------
def _damaged(name: str, exc: Damaged) -> SaveError:
    where = f"{exc.where}: " if exc.where else ""
    if exc.what == "not a Regional Accord save" or exc.where == "version":
        return SaveError(f"{name}: {exc.what}")
    return SaveError(f"{name}: damaged save: {where}{exc.what}")


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing what is not a regular file or is too large before reading it."""
    import stat

    name = path.name
    try:
        info = path.stat()
    except FileNotFoundError:
        raise SaveError(f"{name}: no such save") from None
    except OSError as exc:
        raise SaveError(f"{name}: cannot read it ({exc.strerror or exc})") from None
    if not stat.S_ISREG(info.st_mode):
        raise SaveError(f"{name}: not a save file (it is a folder, a device or a pipe)")
    if info.st_size > savemodel.MAX_BYTES:
        raise SaveError(f"{name}: damaged save: the file is {info.st_size // 2 ** 20} MB; "
                        f"a save is at most {savemodel.MAX_BYTES // 2 ** 20} MB")
    try:
        with open(path, "rb") as fh:
            return fh.read(savemodel.MAX_BYTES + 1)
    except OSError as exc:
        raise SaveError(f"{name}: cannot read it ({exc.strerror or exc})") from None


def parse_save(path: Path) -> tuple[dict, Any]:
    """(raw data, typed model) of the file; SaveError (one line: which file, what and where) otherwise."""
    path = Path(path)
    name = path.name
    raw = _read_bytes(path)
    if not raw.strip():
        raise SaveError(f"{name}: the file is empty")
    try:
        data = savemodel.parse(raw)
    except UnicodeDecodeError:
        raise SaveError(f"{name}: not a save file (not text)") from None
    except json.JSONDecodeError as exc:
        end = exc.pos >= len(exc.doc.rstrip()) or exc.msg.startswith("Unterminated string")
        why = "it ends early (truncated?)" if end else f"bad JSON at line {exc.lineno} column {exc.colno}"
        raise SaveError(f"{name}: damaged save, {why}") from None
    except Damaged as exc:
        raise _damaged(name, exc) from None
    except (RecursionError, ValueError, MemoryError) as exc:
        raise SaveError(f"{name}: damaged save: {type(exc).__name__}") from None
    try:
        return data, savemodel.check_model(data)
    except Damaged as exc:
        raise _damaged(name, exc) from None


def read_save(path: Path) -> dict:
    """The save's data as written (of any version this game reads), checked against the save model (format,
    version, every field typed and ranged)."""
    return parse_save(path)[0]


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
    facilitator: dict = field(default_factory=dict)          # as saved (version 1: the defaults)
    version: int = VERSION                                   # the version it was saved in
    class_id: str | None = None                              # the game it belongs to (version 3; PIN protection)
    negotiation: dict = field(default_factory=dict)          # proposals and messages (version 4; before: none)


def restore(data: dict, label: str = "save") -> Restored:
    """Load the save's scenario and rebuild its history; SaveError if the scenario changed or the data is damaged."""
    from game.content.loader import load_scenario
    from game.content.yamlsafe import ContentError
    from game.sim.history import History
    from game.sim.serialize import state_from_dict

    saved_in = data.get("version") if isinstance(data, dict) else None
    try:
        data = savemodel.upgrade(data)          # an older version in the current format, step by step
        model = savemodel.check_model(data)
    except Damaged as exc:
        raise _damaged(label, exc) from None
    spath = scenario_file(model.scenario, label)
    try:
        sc = load_scenario(spath)
    except ContentError as exc:
        first = str(exc.problems[0]) if exc.problems else str(exc)
        more = f" (and {len(exc.problems) - 1} more)" if len(exc.problems) > 1 else ""
        raise SaveError(f"{label}: its scenario no longer loads: {first}{more}") from None
    if list(sc.nation_ids) != list(model.nations) or \
            [t.id for t in sc.threats] != list(model.threats if model.threats is not None else [t.id for t in sc.threats]) or \
            [o.id for o in sc.orgs] != list(model.organizations if model.organizations is not None else [o.id for o in sc.orgs]):
        raise SaveError(f"{label}: {spath.name} has changed since the game was saved (its nations, threats or organizations differ)")
    try:
        Checker(sc).save(model)
        states = [state_from_dict(sc, d) for d in data["states"]]
    except Damaged as exc:
        raise _damaged(label, exc) from None
    except (KeyError, IndexError, TypeError, ValueError, AttributeError, OverflowError) as exc:  # a check missed it
        raise SaveError(f"{label}: damaged save ({type(exc).__name__}: {str(exc)[:80]})") from None
    seats = {nid: {"human": s.human, "doctrine": s.doctrine} for nid, s in model.seats.items()}
    branches = [{**b, "label": str(b.get("label") or f"Branch {k + 1}")}
                for k, b in enumerate(data.get("branches") or [])]
    facilitator = model.facilitator.model_dump(exclude_none=True)
    hist = History(states, list(data["reports"]))
    return Restored(model.name or label, spath, sc, model.seed, model.difficulty, seats, hist, branches, facilitator,
                    saved_in if isinstance(saved_in, int) else VERSION, model.class_id,
                    model.negotiation.model_dump())


def scenario_file(stored: str, label: str) -> Path:
    """The scenario a save names: a regular .yaml file (a save may not point the game at any other kind of file,
    such as /proc/self/status or a pipe, nor have its content quoted in an error)."""
    import stat

    p = _resolve(stored)
    if "\x00" in stored or p.suffix.lower() not in (".yaml", ".yml"):
        raise SaveError(f"{label}: damaged save: scenario: not a scenario file (a .yaml file)")
    try:
        info = p.stat()
    except FileNotFoundError:
        raise SaveError(f"{label}: its scenario no longer loads: {p.name}: no such file") from None
    except (OSError, RuntimeError, ValueError):
        raise SaveError(f"{label}: damaged save: scenario: the path cannot be followed") from None
    if not stat.S_ISREG(info.st_mode):
        raise SaveError(f"{label}: damaged save: scenario: {p.name} is not a regular file")
    return p


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
    try:
        found = sorted(folder.glob("*.json"))
    except OSError:
        return []
    for p in found:
        try:
            m = parse_save(p)[1]
            out.append(SaveInfo(p, m.name, m.scenario_name or Path(m.scenario).stem, m.turn or len(m.states),
                                m.saved_at, m.over))
        except SaveError as exc:
            out.append(SaveInfo(p, p.stem, "?", 0, "", False, str(exc)))
        except Exception as exc:  # any error: the Load screen lists any file in the folder, whatever it holds
            out.append(SaveInfo(p, p.stem, "?", 0, "", False, f"{p.name}: cannot read it ({type(exc).__name__})"))
    rank = {AUTOSAVE: 0, PREVIOUS_AUTOSAVE: 1}
    out.sort(key=lambda s: (rank.get(s.path.name, 2), -_mtime(s.path), s.name))
    return out


def _mtime(p: Path) -> float:
    try:
        return p.stat().st_mtime
    except OSError:
        return 0.0

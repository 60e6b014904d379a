"""Reading the histories `run --out` writes ("regional-accord-history") as the saves `report` takes.

A history names its scenario by id only, so the scenario is the shipped one of that id or the file given with
`report --scenario`. The history is turned into a version-1 save (every seat a computer seat with the doctrine it
played), migrated and read through the same checks as a save, so a damaged history gets the same one-line
SaveError."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from . import savemodel, saves

FORMAT = "regional-accord-history"
VERSIONS = (1,)


def read_json(path: Path) -> Any:
    """The file's JSON, parsed with the save's guards (size, depth, digits); SaveError otherwise."""
    import json

    path = Path(path)
    raw = saves._read_bytes(path)
    if not raw.strip():
        raise saves.SaveError(f"{path.name}: the file is empty")
    try:
        return savemodel.parse(raw)
    except UnicodeDecodeError:
        raise saves.SaveError(f"{path.name}: not a save file (not text)") from None
    except json.JSONDecodeError:
        return None          # parse_save words it (truncated, or where the JSON breaks)
    except (savemodel.Damaged, RecursionError, ValueError, MemoryError):
        return None


def is_history(data: Any) -> bool:
    return isinstance(data, dict) and data.get("format") == FORMAT


def scenario_of(data: dict, given: str | Path | None, label: str) -> Path:
    """The scenario file of a history: `given`, else the shipped scenario named by the history's id."""
    from game.content.loader import SCENARIOS

    if given is not None:
        return saves.scenario_file(str(Path(given).resolve()), label)
    sid = data.get("scenario")
    shipped = SCENARIOS / f"{sid}.yaml" if isinstance(sid, str) and sid.replace("_", "").isalnum() else None
    if shipped is None or not shipped.is_file():
        shown = repr(sid)[:60]
        raise saves.SaveError(f"{label}: a history of scenario {shown}, which is not a shipped scenario; "
                              f"give its file with --scenario PATH")
    return shipped


def as_save(data: dict, scenario_path: Path, label: str) -> dict:
    """The history as a version-1 save of computer seats (the doctrines it was played with)."""
    if type(data.get("version")) is not int or data["version"] not in VERSIONS:
        raise saves.SaveError(f"{label}: history version {str(data.get('version'))[:20]} is not supported "
                              f"(this game reads versions {', '.join(map(str, VERSIONS))})")
    doctrines = data.get("doctrines")
    if not isinstance(doctrines, dict):
        raise saves.SaveError(f"{label}: damaged history: doctrines: must be a mapping")
    states = data.get("states")
    last = states[-1] if isinstance(states, list) and states and isinstance(states[-1], dict) else {}
    return {"format": saves.FORMAT, "version": 1, "name": Path(label).stem,
            "scenario": saves._portable(scenario_path), "scenario_id": data.get("scenario"),
            "nations": data.get("nations"), "threats": data.get("threats"), "organizations": data.get("organizations"),
            "seed": data.get("seed"), "difficulty": "normal",
            "seats": {nid: {"human": False, "doctrine": d} for nid, d in doctrines.items()},
            "turn": last.get("turn"), "over": last.get("over", False), "outcome": last.get("outcome"),
            "states": states, "reports": data.get("reports")}


def load_any(path: Path, scenario: str | Path | None = None) -> saves.Restored:
    """A save, or a history `run --out` wrote, as a restored game; SaveError (one line) if neither can be read."""
    path = Path(path)
    data = read_json(path)
    if is_history(data):
        label = path.name
        return saves.restore(as_save(data, scenario_of(data, scenario, label), label), label)
    if isinstance(data, dict) and data.get("format") != saves.FORMAT:
        raise saves.SaveError(f"{path.name}: not a Regional Accord save, nor a history written by run --out")
    if scenario is not None:
        raise saves.SaveError(f"{path.name}: --scenario is for a history `run --out` wrote; a save names its own")
    return saves.load_save(path)

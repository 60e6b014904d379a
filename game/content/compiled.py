"""The compiled-scenario cache: a shipped scenario's frozen engine definitions, pickled once, keyed by content hash.

Loading meridian.yaml costs a YAML parse, the base catalog merge and pydantic validation (about 0.4 s of a 0.6 s
`run`, most of it importing pydantic). The result is a tree of frozen dataclasses, so it is kept as a pickle in the
user's cache folder ($REGIONAL_ACCORD_CACHE, else platformdirs' user cache dir; REGIONAL_ACCORD_CACHE=off disables
it) under a key that hashes the path as given, the bytes of every shipped scenario file (game/data/scenarios/*.yaml
and base/*.yaml: whatever one extends is among them) and the source of the loader, the schema, the engine's
definitions and primitives and the doctrine registry. Any edit to any of these gives a new key, so a stale entry is
never read; only scenarios that loaded without errors are stored, so validation of an unchanged shipped file is the
same answer as before. This module imports only the standard library.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from functools import lru_cache
from pathlib import Path
from typing import Any

FORMAT = b"compiled-scenario-1"
ROOT = Path(__file__).resolve().parents[2]   # the folder holding the game package: a clone, or site-packages
# the code whose change must invalidate a compiled scenario
SOURCES = ("game/content/loader.py", "game/content/schema.py", "game/content/extends.py", "game/content/yamlsafe.py",
           "game/content/compiled.py", "game/sim/defs.py", "game/sim/effects.py", "game/ai/registry.py",
           "game/ai/doctrines.py", "game/ai/planner.py",
           # the loader's steps (types, catalog merge, meaning checks, construction) and the tables they read; the
           # wording of problems is not here: only scenarios without problems are stored
           "game/content/prune.py", "game/content/merge.py", "game/content/known.py", "game/content/checks.py",
           "game/content/construct.py", "game/content/format.py", "game/content/rules.py")


def cache_dir() -> Path:
    """$REGIONAL_ACCORD_CACHE, else the user's cache folder (the same place par tables are kept)."""
    env = os.environ.get("REGIONAL_ACCORD_CACHE")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("regional-accord"))


def enabled() -> bool:
    return os.environ.get("REGIONAL_ACCORD_CACHE", "").lower() not in ("off", "0", "none")


@lru_cache(maxsize=1)
def _code_hash() -> bytes:
    h = hashlib.sha256(FORMAT)
    for rel in SOURCES:
        p = ROOT / rel
        h.update(rel.encode())
        h.update(p.read_bytes() if p.exists() else b"-")
    return h.digest()


def key(path: str | Path, shipped: Path, salt: bytes = b"") -> str | None:
    """The cache key of the scenario at `path`, or None when it is not a shipped scenario (those are not cached);
    `salt` keeps another kind of entry made from the same files apart (the base catalog's plain fields)."""
    try:
        p = Path(path).resolve()
        if p.parent != shipped.resolve() or p.suffix != ".yaml":
            return None
        files = sorted(shipped.glob("*.yaml")) + sorted((shipped / "base").glob("*.yaml"))
        h = hashlib.sha256(_code_hash() + salt)
        h.update(str(path).encode())   # the path as given is kept in Scenario.source and error messages
        for f in files:
            h.update(f.name.encode())
            h.update(f.read_bytes())
        return h.hexdigest()[:32]
    except OSError:
        return None


def _file(k: str) -> Path:
    return cache_dir() / "scenarios" / f"{k}.pickle"


def get(k: str) -> Any:
    """The compiled scenario stored under `k`, or None (missing, unreadable or damaged: compile again)."""
    try:
        data = _file(k).read_bytes()
    except OSError:
        return None
    if not data.startswith(FORMAT + b"\n"):
        return None
    try:
        return pickle.loads(data[len(FORMAT) + 1:])
    except Exception:   # a damaged entry costs only a compilation
        return None


def put(k: str, scenario: Any) -> None:
    """Store a compiled scenario, or another entry (atomically: a reader sees the old entry or the new one)."""
    target = _file(k)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        tmp.write_bytes(FORMAT + b"\n" + pickle.dumps(scenario, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, target)
    except OSError:
        pass   # a read-only cache only costs the time to compile again

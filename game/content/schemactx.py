"""What a scenario file may refer to (ids of nations, threats, events, organizations; base and parent ids), read
leniently from its raw YAML the way the loader merges it: the context of a per-scenario JSON Schema."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .format import ARITY


@dataclass(frozen=True)
class Base:
    """The base catalog's ids and the ids the format knows whatever the scenario (doctrines, codex concepts)."""
    threats: tuple[str, ...]
    actions: tuple[str, ...]
    events: tuple[str, ...]
    event_targets: dict[str, str]
    doctrines: tuple[str, ...]
    concepts: tuple[str, ...]


@lru_cache(maxsize=1)
def base() -> Base:
    from game.ai.registry import DOCTRINES  # the loader checks doctrines against the same registry

    from .loader import codex_ids, load_catalog

    cat = load_catalog()
    return Base(tuple(t.id for t in cat.threats), tuple(a.id for a in cat.actions), tuple(e.id for e in cat.events),
                {e.id: e.target for e in cat.events if e.target}, tuple(DOCTRINES), tuple(sorted(codex_ids())))


@dataclass
class Context:
    """One scenario's ids, after extends and disables. `known[kind]` are the ids an item of this file may override
    with only some fields (base items left enabled, and the parent's items); any other id is a new item."""
    nations: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    threats: list[str] = field(default_factory=list)
    events: dict[str, str] = field(default_factory=dict)    # id -> target kind ('' when not given)
    known: dict[str, list[str]] = field(default_factory=dict)
    disabled: list[str] = field(default_factory=list)
    turns: int = 20
    width: float = 100.0
    height: float = 60.0
    extends: bool = False


def _ids(items: Any) -> list[str]:
    if not isinstance(items, list):
        return []
    out: list[str] = []
    for it in items:
        if isinstance(it, dict) and isinstance(it.get("id"), str) and it["id"] not in out:
            out.append(it["id"])
    return out


def _number(v: Any, default: float) -> float:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0 else default


def context_of(data: Any, parent: Any = None) -> Context:
    """The context of `data` (a merged document when the file extends `parent`; both raw YAML data)."""
    b = base()
    data = data if isinstance(data, dict) else {}
    parent = parent if isinstance(parent, dict) else {}
    disabled = [d for d in data.get("disable", []) if isinstance(d, str)] if isinstance(data.get("disable"), list) else []
    before: dict[str, list[str]] = {}
    for kind, ids in (("threats", b.threats), ("actions", b.actions), ("events", b.events)):
        before[kind] = [i for i in ids if i not in disabled] + [i for i in _ids(parent.get(kind)) if i not in ids]
    before["nations"], before["organizations"] = _ids(parent.get("nations")), _ids(parent.get("organizations"))
    available = {k: list(dict.fromkeys(v + _ids(data.get(k)))) for k, v in before.items()}
    targets = dict(b.event_targets)
    for src in (parent, data):
        for e in src.get("events", []) if isinstance(src.get("events"), list) else []:
            if isinstance(e, dict) and isinstance(e.get("id"), str) and e.get("target") in ARITY:
                targets[e["id"]] = e["target"]
    m = data.get("map") if isinstance(data.get("map"), dict) else {}
    turns = data.get("turns", 20)
    return Context(
        nations=available["nations"], organizations=available["organizations"], threats=available["threats"],
        events={e: targets.get(e, "") for e in available["events"]}, known=before, disabled=disabled,
        turns=turns if isinstance(turns, int) and not isinstance(turns, bool) and turns >= 1 else 20,
        width=_number(m.get("width"), 100.0), height=_number(m.get("height"), 60.0), extends=bool(parent))


def context_of_file(path: str) -> Context:
    """The context of a scenario file (its merge over the file it extends); raises ContentError when the file (or
    its parent) is not readable YAML, since then there is nothing a schema could judge."""
    from .extends import MergedYaml, resolve_extends
    from .yamlsafe import load_yaml_file

    doc = resolve_extends(load_yaml_file(path))
    if isinstance(doc, MergedYaml):
        return context_of(doc.data, doc.parent.data)
    return context_of(doc.data)

"""The document less the items and keys that failed type checks, so the meaning checks still see the rest."""
from __future__ import annotations

from typing import Any

REPAIRABLE = {("nations",): ("id", "name", "position"), ("organizations",): ("id", "name", "kind", "members")}
PRUNABLE = (("relations", "trust"), ("relations", "pairs"), ("nations",), ("organizations",), ("threats",),
            ("actions",), ("events",), ("scripted",), ("seats",), ("disable",), ("discussion",))
NOTHING: tuple[None, dict, set] = (None, {}, set())


def prune(data: Any, locs: list[tuple]) -> tuple[dict | None, dict[tuple, list[int]], set[str]]:
    """The document without the items and keys that failed type checks, so the meaning checks can still
    run on everything else (every error at once). Returns (pruned data or None, index remap, pruned ids)."""
    drops = _drops(locs) if isinstance(data, dict) else None
    if drops is None:
        return NOTHING
    drop_items, drop_keys, drop_fields = drops
    pruned = {k: v for k, v in data.items() if k not in drop_keys}
    for (name, k), fields in drop_fields.items():
        items = list(pruned[name])
        if isinstance(items[k], dict):
            items[k] = {f: v for f, v in items[k].items() if f not in fields}
        pruned[name] = items
    remap, ignore = _drop_items(pruned, drop_items)
    return pruned, remap, ignore


def _drop_items(pruned: dict, drop_items: dict[tuple, set[int]]) -> tuple[dict[tuple, list[int]], set[str]]:
    """Takes the bad items out of their lists in `pruned`; returns (index remap, ids of the items taken out)."""
    remap: dict[tuple, list[int]] = {}
    ignore: set[str] = set()
    for prefix, bad in drop_items.items():
        items = _items_at(pruned, prefix)
        if items is None:
            continue
        keep = [k for k in range(len(items)) if k not in bad]
        gone = [items[k] for k in sorted(bad) if k < len(items)]
        ignore.update(str(it["id"]) for it in gone if isinstance(it, dict) and "id" in it)
        _put(pruned, prefix, [items[k] for k in keep])
        remap[prefix] = keep
    return remap, ignore


def _drops(locs: list[tuple]) -> tuple[dict[tuple, set[int]], set[str], dict[tuple, set[str]]] | None:
    """(items to drop by list, top-level keys to drop, fields to drop by item), or None when a bad value leaves
    nothing the meaning checks could use (the name, the nations list, the relations themselves)."""
    drop_items: dict[tuple, set[int]] = {}
    drop_keys: set[str] = set()
    drop_fields: dict[tuple, set[str]] = {}
    for loc in locs:
        prefix = next((p for p in PRUNABLE if _under(loc, p)), None)
        if prefix is None:
            if not loc or loc[0] in ("name", "nations") or (loc[0] == "relations" and len(loc) < 3):
                return None
            drop_keys.add(loc[0])
            continue
        n = len(prefix)
        # a nation or organization keeps its place (others refer to it) when only an optional field is bad
        if prefix in REPAIRABLE and len(loc) > n + 1 and loc[n + 1] not in REPAIRABLE[prefix]:
            drop_fields.setdefault((prefix[0], loc[n]), set()).add(str(loc[n + 1]))
        else:
            drop_items.setdefault(prefix, set()).add(loc[n])
    return drop_items, drop_keys, drop_fields


def _under(loc: tuple, prefix: tuple) -> bool:
    """Whether `loc` is inside an item of the list at `prefix`."""
    n = len(prefix)
    return loc[:n] == prefix and len(loc) > n and isinstance(loc[n], int)


def _items_at(pruned: dict, prefix: tuple) -> list | None:
    parent: Any = pruned
    for part in prefix[:-1]:
        parent = dict(parent[part]) if isinstance(parent.get(part), dict) else {}
    items = parent.get(prefix[-1]) if isinstance(parent, dict) else None
    return items if isinstance(items, list) else None


def _put(pruned: dict, prefix: tuple, items: list) -> None:
    if len(prefix) == 1:
        pruned[prefix[0]] = items
    else:
        rel = dict(pruned.get(prefix[0]) or {})
        rel[prefix[1]] = items
        pruned[prefix[0]] = rel

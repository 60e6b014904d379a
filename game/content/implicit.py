"""Warnings for what a valid scenario removes or replaces without saying so: the actions and events a disabled
threat takes with it, a base item's effects list replaced whole, a parent's disabled item enabled again by a child."""
from __future__ import annotations

from typing import Any

from .extends import MergedYaml, resolve_extends
from .words import effects_words
from .yamlsafe import LoadedYaml, Problem, dotted, load_yaml_file


def _warn(doc: LoadedYaml, loc: tuple, message: str, key: bool = False) -> Problem:
    line, col = doc.key_where(loc) if key else doc.where(loc)
    return Problem(doc.path, line, col, dotted(loc), "warning: " + message)


def _items(data: Any, kind: str) -> list[dict]:
    items = data.get(kind) if isinstance(data, dict) else None
    return [it for it in items if isinstance(it, dict)] if isinstance(items, list) else []


def _threats_of(item: dict) -> set[str]:
    out = {e["threat"] for e in item.get("effects") or () if isinstance(e, dict) and isinstance(e.get("threat"), str)}
    sb = item.get("scale_by")
    if isinstance(sb, str) and sb.startswith("threat:"):
        out.add(sb[7:])
    return out


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _unset_guards(own: LoadedYaml, data: dict, cat: dict, disabled: list[str]) -> list[Problem]:
    """A threat's guard (R5.8) that no card of the scenario sets protects nobody: say so where the file names it."""
    written = {it.get("id"): it for it in _items(data, "actions")}
    cards = [{**b, **written.get(b["id"], {})} for b in cat["actions"] if b["id"] not in disabled]
    cards += [it for it in written.values() if it.get("id") not in {b["id"] for b in cat["actions"]}]
    flags = {e.get("flag") for c in cards for e in c.get("effects") or () if isinstance(e, dict) and e.get("do") == "flag"}
    out = []
    for k, t in enumerate(own.data.get("threats") or () if isinstance(own.data, dict) else ()):
        if isinstance(t, dict) and isinstance(t.get("guard"), str) and t["guard"] not in flags:
            out.append(_warn(own, ("threats", k, "guard"),
                             f"no card of this scenario sets the flag '{t['guard']}', so the guard of threat "
                             f"'{t.get('id')}' protects nobody; give a card an effect {{do: flag, flag: {t['guard']}}}"))
    return out


def implicit_warnings(path: str, raw: LoadedYaml | None = None) -> list[Problem]:
    """Every warning for the scenario at `path` (which must load: call it after load_scenario succeeded); `raw`: the
    file as already read."""
    from .loader import catalog_dicts

    cat = catalog_dicts()
    doc = resolve_extends(raw if raw is not None else load_yaml_file(path))
    own = doc.child if isinstance(doc, MergedYaml) else doc
    parent = doc.parent if isinstance(doc, MergedYaml) else None
    data = doc.data
    disabled = [d for d in data.get("disable") or () if isinstance(d, str)]
    out: list[Problem] = []
    # the file that wrote the disable list (the child's replaces the parent's)
    dis_doc = own if "disable" in own.data or parent is None else parent
    declared = {t["id"] for t in _items(data, "threats")}
    for k, d in enumerate(disabled):
        if d not in {t["id"] for t in cat["threats"]} or d in declared:
            continue
        gone: dict[str, list[str]] = {"action": [], "event": []}
        for kind, base in (("action", cat["actions"]), ("event", cat["events"])):
            written = {it.get("id"): it for it in _items(data, kind + "s")}
            for b in base:
                if b["id"] in disabled:
                    continue
                item = {**b, **written.get(b["id"], {})}
                if d in _threats_of(item):
                    gone[kind].append(b["id"])
        words = [f"the {kind}{'s' if len(ids) > 1 else ''} {_and(ids)}" for kind, ids in gone.items() if ids]
        if words:
            out.append(_warn(dis_doc, ("disable", k),
                             f"disabling the threat '{d}' also leaves out {' and '.join(words)}, which act on it; "
                             f"add them to disable to say so"))
    for kind, base in (("actions", cat["actions"]), ("events", cat["events"])):
        builtin = {b["id"]: dict(b) for b in base if b["id"] not in disabled}
        if parent is not None:
            builtin.update({it["id"]: {**builtin.get(it["id"], {}), **it} for it in _items(parent.data, kind)})
        for k, it in enumerate(own.data.get(kind) or () if isinstance(own.data, dict) else ()):
            if not isinstance(it, dict) or it.get("id") not in builtin or "effects" not in it:
                continue
            if it.get("replace_effects") is True:
                continue
            old = builtin[it["id"]].get("effects") or []
            where = "base" if parent is None or it["id"] not in {p.get("id") for p in _items(parent.data, kind)} \
                else f"{own.data.get('extends')}'s"
            out.append(_warn(own, (kind, k, "effects"),
                             f"replaces the whole effects list of the {where} {kind[:-1]} '{it['id']}' "
                             f"({len(old)} effect(s): {effects_words(old)}) with these {len(it['effects'] or [])}; "
                             f"copy the ones to keep, and add replace_effects: true to say this is meant", key=True))
    out += _unset_guards(own, data, cat, disabled)
    if parent is not None and "disable" in own.data and isinstance(parent.data.get("disable"), list):
        back = [d for d in parent.data["disable"] if isinstance(d, str) and d not in disabled]
        if back:
            out.append(_warn(own, ("disable",),
                             f"{_and([repr(b) for b in back])}, disabled by {own.data.get('extends')}, "
                             f"{'is' if len(back) == 1 else 'are'} back in this scenario: a disable list replaces "
                             f"its parent's; list {'it' if len(back) == 1 else 'them'} here too to keep "
                             f"{'it' if len(back) == 1 else 'them'} out", key=True))
    return sorted(out, key=lambda p: (p.path, p.line, p.col))

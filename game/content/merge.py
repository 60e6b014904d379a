"""The catalog merge: a scenario's threats, actions and events over the base catalog, by id, less `disable`."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from .format import NEEDS, missing_threats
from .wording import suggest

if TYPE_CHECKING:
    from .located import Located


class Merged(NamedTuple):
    """Every complete item by id (catalog order, then the scenario's new ones) as plain fields."""
    threats: dict[str, dict]
    actions: dict[str, dict]
    events: dict[str, dict]
    disabled: dict[str, int]             # id -> its first place in disable
    left_out: dict[str, dict[str, str]]  # 'actions'/'events' -> id -> the missing threat it acts on

    def kept(self, kind: str) -> list[dict]:
        """The actions or events the scenario plays with: those whose every threat is in it."""
        out = self.left_out[kind]
        return [fields for i, fields in getattr(self, kind).items() if i not in out]


def merge(sc: Any, base: dict[str, dict[str, dict]], out: Located) -> Merged:
    """The merge of the typed scenario `sc` over the base catalog (`base`: kind -> id -> fields, never changed here);
    two items with one id and new items that lack fields are reported to `out`."""
    for name in ("nations", "organizations", "threats", "actions", "events"):
        _unique(getattr(sc, name), name, out)
    disabled = {d: k for k, d in reversed(list(enumerate(sc.disable)))}
    threats = _merge(base["threats"], sc.threats, "threats", out, disabled)
    actions = _merge(base["actions"], sc.actions, "actions", out, disabled)
    events = _merge(base["events"], sc.events, "events", out, disabled)
    left_out = {kind: {i: bad[0][1] for i, f in items.items() if (bad := missing_threats(f, threats))}
                for kind, items in (("actions", actions), ("events", events))}
    return Merged(threats, actions, events, disabled, left_out)


def _unique(items: list, loc_name: str, out: Located) -> None:
    seen: dict[str, int] = {}
    for k, it in enumerate(items):
        if it.id in seen:
            first = out.orig((loc_name, seen[it.id]))[1]
            out.add((loc_name, k, "id"), f"duplicate id '{it.id}' (first at {loc_name}[{first}])",
                    check="duplicate ids")
        seen.setdefault(it.id, k)


def _merge(base: dict[str, dict], extra: list, loc_name: str, out: Located,
           disabled: dict[str, int]) -> dict[str, dict]:
    """Base items by id (less the disabled ones), overridden field by field by the scenario's items; new items must
    be complete (NEEDS). An incomplete item whose id is disabled, or close to a base id, is likely a wrong override."""
    merged = {i: dict(fields) for i, fields in base.items() if i not in disabled}
    for k, item in enumerate(extra):
        fields = item.model_dump(exclude_none=True, exclude_unset=True)
        if item.id in merged:
            merged[item.id].update(fields)
            continue
        missing = [r for r in NEEDS[loc_name] if r not in fields]
        if missing:
            _incomplete(base, item.id, missing, (loc_name, k), out, disabled)
        else:
            merged[item.id] = fields
    return merged


def _incomplete(base: dict[str, dict], ident: str, missing: list[str], loc: tuple, out: Located,
                disabled: dict[str, int]) -> None:
    kind, check = loc[0][:-1], "new " + loc[0]
    if ident in disabled and ident in base:
        out.add((*loc, "id"), f"{kind} '{ident}' is disabled in this scenario (disable[{disabled[ident]}]), so this "
                f"is a new {kind} and needs {', '.join(missing)}; to change the built-in one, take it out of disable",
                check=check)
        return
    close = suggest(ident, [i for i in base if i not in disabled])
    hint = f" (a base {kind} is changed by giving its exact id and only the fields to change)" if close else ""
    out.add(loc, f"new {kind} '{ident}' needs {', '.join(missing)}{close}{hint}", check=check)

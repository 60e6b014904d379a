"""The ids a scenario's values may name: the validation context the meaning checks (checks.py) get from pydantic."""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from .wording import suggest

if TYPE_CHECKING:
    from .merge import Merged

NONE: Mapping[Any, Any] = MappingProxyType({})


class Known(NamedTuple):
    """The ids one scenario (or one facilitator's event) may refer to. `actions`/`events` hold the merged fields of
    each id; None means an item stands alone (a custom event: no catalog under it, so it must be complete). A
    NamedTuple, not a dataclass: it is imported on every validation, and a dataclass costs a millisecond to make."""
    seen: dict[tuple[str, str], int]              # items of each id checked so far: a new dict for each validation
    nations: tuple[str, ...] = ()
    ignore: frozenset[str] = frozenset()          # ids of items dropped for type errors: not reported again
    doctrines: tuple[str, ...] = ()
    concepts: frozenset[str] = frozenset()        # empty: no codex, concepts are not checked
    organizations: tuple[str, ...] = ()
    threats: tuple[str, ...] = ()                 # in the merge's order (did-you-mean takes the first close one)
    base: tuple[str, ...] = ()                    # sorted base ids `disable` may name
    disabled: Mapping[str, int] = NONE
    actions: Mapping[str, dict] | None = None
    events: Mapping[str, dict] | None = None
    deck: Mapping[str, str] = NONE                # event id -> target, the events `scripted` may name
    left_out: Mapping[str, str] = NONE            # event id -> the disabled threat that took it out
    ranks: Mapping[tuple[str, str], int] = NONE   # ('actions', id) -> place in the merge
    occurrences: Mapping[tuple[str, str], int] = NONE  # ('actions', id) -> items with that id
    turns: int = 20
    width: float = 100.0
    height: float = 60.0

    def is_nation(self, nid: str) -> bool:
        return nid in self.nations

    def unknown_nation(self, nid: str) -> str | None:
        """What is wrong with naming `nid` as a nation (None: nothing, or it was already reported)."""
        if nid in self.nations or nid in self.ignore:
            return None
        return f"unknown nation '{nid}'{suggest(nid, list(self.nations))}"

    def unknown_threat(self, th: str) -> str:
        if th in self.disabled:
            return f"threat '{th}' is disabled in this scenario (disable[{self.disabled[th]}])"
        return f"unknown threat '{th}'{suggest(th, list(self.threats))}"

    def fields(self, kind: str, item: Any) -> dict | None:
        """The merged fields of a scenario's action or event, at the last item with its id (where the merge ends, so
        its problems are told once); None at the others and when the merge left it out. A standalone item's own.
        Called once per item, in file order: pydantic validates a list's items in order."""
        table = getattr(self, kind)
        if table is None:
            return item.model_dump(exclude_none=True)
        key = (kind, item.id)
        self.seen[key] = seen = self.seen.get(key, 0) + 1
        return table.get(item.id) if seen >= self.occurrences.get(key, 1) else None


def for_scenario(sc: Any, merged: Merged, base: dict[str, dict], ignore: set[str], doctrines: tuple[str, ...],
                 concepts: set[str]) -> Known:
    """The context of a typed scenario `sc` after its merge over the base catalog (kind -> ids)."""
    return Known(
        seen={}, nations=tuple(n.id for n in sc.nations), ignore=frozenset(ignore), doctrines=doctrines,
        concepts=frozenset(concepts), organizations=tuple(o.id for o in sc.organizations),
        threats=tuple(merged.threats), disabled=merged.disabled, actions=merged.actions, events=merged.events,
        base=tuple(sorted({i for kind in ("threats", "actions", "events") for i in base[kind]})),
        deck={e["id"]: e["target"] for e in merged.kept("events")}, left_out=merged.left_out["events"],
        ranks={(kind, i): n for kind in ("actions", "events") for n, i in enumerate(getattr(merged, kind))},
        occurrences=Counter((kind, it.id) for kind in ("actions", "events") for it in getattr(sc, kind)),
        turns=sc.turns, width=sc.map.width, height=sc.map.height)


def for_event(sc: Any, concepts: set[str]) -> Known:
    """The context of an event written during a game of the built scenario `sc` (game.sim.defs.Scenario)."""
    return Known(seen={}, nations=sc.nation_ids, concepts=frozenset(concepts),
                 organizations=tuple(o.id for o in sc.orgs), threats=tuple(sorted(t.id for t in sc.threats)))

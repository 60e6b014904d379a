"""Problems placed at the line and column of the value they are about, from checks and from pydantic errors."""
from __future__ import annotations

from typing import Any

from .extends import MergedYaml
from .wording import MEANING, clean_loc, message
from .yamlsafe import LoadedYaml, Problem, dotted

# How the problems of a file whose types are right are listed: check by check in this order, each check's in file
# order ('actions' and 'events', the checks of merged items, in the merge's order). A file with type errors lists
# every problem in file order.
ORDER = ("duplicate ids", "disable", "new threats", "nations", "relations", "organizations", "new actions",
         "new events", "actions", "events", "scripted", "seats", "concepts and effects")


class Located:
    """Collects problems for one file, each placed at the line and column of the value it is about.

    `remap` translates item indices of a pruned document back to the file's (see prune.py); `ignore` holds
    ids of items pruned for type errors, whose references are not reported a second time as unknown.
    """

    def __init__(self, doc: LoadedYaml | MergedYaml, remap: dict[tuple, list[int]] | None = None,
                 ignore: set[str] | None = None) -> None:
        self.doc = doc
        self.problems: list[Problem] = []
        self.order: list[tuple[int, int]] = []   # (place in ORDER, rank inside it) of each problem; -1: a type error
        self.remap = remap or {}
        self.ignore = ignore or set()

    def orig(self, loc: tuple) -> tuple:
        for prefix, table in self.remap.items():
            n = len(prefix)
            if loc[:n] == prefix and len(loc) > n and isinstance(loc[n], int) and loc[n] < len(table):
                return prefix + (table[loc[n]],) + loc[n + 1:]
        return loc

    def add(self, loc: tuple, message: str, key: bool = False, check: str | None = None, rank: int = 0) -> None:
        """A problem at `loc`, found by `check` (a name in ORDER; None: a type error)."""
        self.order.append((-1 if check is None else ORDER.index(check), rank))
        loc = self.orig(loc)
        if isinstance(self.doc, MergedYaml):
            path, line, col, loc = self.doc.locate(loc, key)
        else:
            path = self.doc.path
            line, col = self.doc.key_where(loc) if key else self.doc.where(loc)
        self.problems.append(Problem(path, line, col, dotted(loc), message))

    def add_errors(self, errors: list[Any]) -> None:
        """Pydantic's errors (exc.errors()), in our words."""
        for err in errors:
            loc, text, key = explain(err, self.doc)
            ctx = err.get("ctx") or {}
            check = ctx.get("check") if err["type"] == MEANING else None
            self.add(loc, text, key=key, check=check, rank=ctx.get("rank", 0))

    def extend(self, other: Located) -> None:
        self.problems += other.problems
        self.order += other.order

    def listed(self) -> list[Problem]:
        """The problems as they are shown (ORDER)."""
        problems = [p for _, p in sorted(zip(self.order, self.problems, strict=True), key=lambda t: t[0])]
        if any(stage < 0 for stage, _ in self.order):
            problems.sort(key=lambda p: (p.path != self.doc.path, p.path, p.line, p.col))
        return problems


def explain(err: Any, doc: Any) -> tuple[tuple, str, bool]:
    """(location, message, whether it is about a key) of one pydantic error; a meaning check's own words are kept."""
    if err["type"] == MEANING:   # its location is exact: no union tag to drop (an effect 'threat' has a key 'threat')
        return tuple(err["loc"]), err["ctx"]["message"], False
    loc = clean_loc(doc.data, tuple(err["loc"]))
    text, key = message(err, loc, doc)
    return loc, text, key

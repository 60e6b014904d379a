"""`extends: other.yaml`: a scenario built on another one, merged as raw data with every value's origin kept."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from game.data import SCENARIOS

from .yamlsafe import ContentError, LoadedYaml, Problem, load_yaml_file

# Lists of items with ids merge by id (an item with a known id changes the fields it gives);
# every other top-level key given by the child replaces the parent's.
BY_ID = ("nations", "organizations", "threats", "actions", "events")


class MergedYaml:
    """A child scenario over its parent: `data` is the merge; `origin(loc)` says which file and which
    location inside it a merged value came from, so errors point at the line that wrote it."""

    def __init__(self, child: LoadedYaml, parent: LoadedYaml) -> None:
        self.child, self.parent = child, parent
        self.path = child.path
        self._items: dict[tuple[str, int], tuple[LoadedYaml, int, LoadedYaml | None, int | None]] = {}
        self.data = self._merge()

    def _merge(self) -> dict:
        c, p = self.child.data, self.parent.data
        out: dict[str, Any] = {k: v for k, v in p.items() if k != "extends"}
        for key, val in c.items():
            if key in BY_ID and isinstance(val, list) and isinstance(out.get(key), list):
                out[key] = self._merge_list(key, out[key], val)
            else:
                out[key] = val
        self._top = {k: (self.child if k in c else self.parent) for k in out}
        return out

    def _merge_list(self, key: str, base: list, extra: list) -> list:
        merged: list = []
        index: dict[Any, int] = {}
        for k, item in enumerate(base):
            self._items[(key, len(merged))] = (self.parent, k, None, None)
            if isinstance(item, dict) and "id" in item:
                index.setdefault(item["id"], len(merged))
            merged.append(item)
        for k, item in enumerate(extra):
            ident = item.get("id") if isinstance(item, dict) else None
            if ident is not None and ident in index and isinstance(merged[index[ident]], dict):
                at = index[ident]
                merged[at] = {**merged[at], **item}
                _, pk, _, _ = self._items[(key, at)]
                self._items[(key, at)] = (self.child, k, self.parent, pk)
            else:
                self._items[(key, len(merged))] = (self.child, k, None, None)
                merged.append(item)
        return merged

    def origin(self, loc: tuple) -> tuple[LoadedYaml, tuple]:
        if not loc:
            return self.child, loc
        if len(loc) >= 2 and (loc[0], loc[1]) in self._items:
            doc, k, other, ok = self._items[(loc[0], loc[1])]
            rest = loc[2:]
            if other is not None and rest and isinstance(doc.data.get(loc[0]), list):
                item = doc.data[loc[0]][k]
                if isinstance(item, dict) and rest[0] not in item:  # a field the child did not override
                    return other, (loc[0], ok) + rest
            return doc, (loc[0], k) + rest
        return self._top.get(loc[0], self.child), loc

    def locate(self, loc: tuple, key: bool = False) -> tuple[str, int, int, tuple]:
        """(file, line, col, location inside that file) of a merged value."""
        doc, inner = self.origin(loc)
        line, col = doc.key_where(inner) if key else doc.where(inner)
        return doc.path, line, col, inner

    def bool_hint(self, loc: tuple) -> str | None:
        doc, inner = self.origin(loc)
        return doc.bool_hint(inner)


SHIPPED = SCENARIOS


def _refuse(child: Path, path: Path, target: str) -> str | None:
    """Why `extends: target` may not be read (None: it may). It is resolved relative to the file that names it and
    must stay inside that file's folder (or its subfolders) or the shipped scenarios folder, and be a regular
    .yaml file: a scenario never reads /proc, /dev or a file outside its tree, nor quotes one in an error."""
    import stat

    if "\x00" in target:
        return f"cannot read '{target[:60]}': not a valid path"
    if Path(target).suffix.lower() not in (".yaml", ".yml"):
        return f"'{target[:60]}' is not a scenario file (a .yaml file)"
    try:
        real, home = path.resolve(), child.resolve().parent
    except (OSError, RuntimeError):
        return f"cannot read '{target[:60]}': the path cannot be followed"
    inside = [top for top in (home, SHIPPED) if real == top or top in real.parents]
    if not inside:
        return (f"'{target[:60]}' is outside this scenario's folder ({home}); extends reads a scenario in the same "
                f"folder or below it, or a shipped one in {SHIPPED}")
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return f"cannot read '{target[:60]}': no such file"
    except OSError as exc:
        return f"cannot read '{target[:60]}': {exc.strerror or exc}"
    if not stat.S_ISREG(mode):
        return f"cannot read '{target[:60]}': it is a folder, a pipe or a device, not a scenario file"
    return None


def resolve_extends(doc: LoadedYaml) -> LoadedYaml | MergedYaml:
    """The document itself, or its merge over the scenario it extends (one level only)."""
    data = doc.data
    if not isinstance(data, dict) or "extends" not in data:
        return doc
    target = data["extends"]
    line, col = doc.where(("extends",))
    if not isinstance(target, str) or not target:
        raise ContentError([Problem(doc.path, line, col, "extends", "extends must be the path of another scenario file")])
    path = Path(doc.path).parent / target
    refusal = _refuse(Path(doc.path), path, target)
    if refusal:
        raise ContentError([Problem(doc.path, line, col, "extends", refusal)])
    parent = load_yaml_file(str(path))
    if isinstance(parent.data, dict) and "extends" in parent.data:
        raise ContentError([Problem(doc.path, line, col, "extends",
                                    f"'{target}' itself extends another scenario; extends goes one level only")])
    return MergedYaml(doc, parent)

"""Load a scenario: safe YAML, `extends:`, types, the catalog merge, meaning checks, frozen engine definitions."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.data import SCENARIOS  # the shipped scenarios: package data, game/data/scenarios
from game.sim import defs

from . import compiled
from .extends import MergedYaml, resolve_extends
from .wording import schema
from .yamlsafe import ContentError, LoadedYaml, Problem, dotted, load_yaml_file, load_yaml_text

# The steps (types, merge, meaning checks, construction) are imported when first used, as pydantic and the schema
# are: a scenario read from the compiled cache needs none of them.
if TYPE_CHECKING:
    from .located import Located
    from .merge import Merged

CATALOG = SCENARIOS / "base" / "catalog.yaml"


@lru_cache(maxsize=1)
def load_catalog(path: str = str(CATALOG)) -> schema.Catalog:
    """The base catalog, typed (scenarios/base/catalog.yaml; read once per process)."""
    from pydantic import ValidationError

    from .located import Located

    doc = load_yaml_file(path)
    try:
        return schema.Catalog.model_validate(doc.data)
    except ValidationError as exc:
        out = Located(doc)
        out.add_errors(exc.errors())
        raise ContentError(out.problems) from None


@lru_cache(maxsize=1)
def catalog_dicts() -> dict[str, list[dict]]:
    """The base catalog's threats, actions and events as plain fields (no None values), in file order: what
    validate's warnings read (game/content/implicit.py). Kept in the compiled cache beside the scenarios, so
    validating shipped files imports no pydantic."""
    k = compiled.key(CATALOG, CATALOG.parent, b"catalog-dicts") if compiled.enabled() else None
    if k is not None and isinstance(hit := compiled.get(k), dict):
        return hit
    cat = load_catalog()
    out = {kind: [b.model_dump(exclude_none=True) for b in getattr(cat, kind)] for kind in ("threats", "actions", "events")}
    if k is not None:
        compiled.put(k, out)
    return out


@lru_cache(maxsize=1)
def catalog_fields() -> dict[str, dict[str, dict]]:
    """The base catalog's threats, actions and events as plain fields by id (catalog_dicts), read once per process;
    the catalog merge copies what it changes."""
    return {kind: {b["id"]: b for b in items} for kind, items in catalog_dicts().items()}


def load_scenario(path: str | Path, raw: LoadedYaml | None = None) -> defs.Scenario:
    """The scenario at `path` as engine definitions; raises ContentError listing every problem with its location.
    `raw`: the file as already read (validate reads it once for the checks and the warnings).

    A shipped scenario is compiled once and then read from the compiled cache (game/content/compiled.py), keyed by
    the content of every scenario file and the loader's and engine's source."""
    key = compiled.key(path, SCENARIOS) if compiled.enabled() else None
    if key is not None and (hit := compiled.get(key)) is not None:
        return hit
    sc = _load_doc(raw if raw is not None else load_yaml_file(str(path)), Path(path).stem)
    if key is not None:
        compiled.put(key, sc)
    return sc


def load_scenario_text(text: str, path: str = "<text>") -> defs.Scenario:
    """Same as load_scenario for YAML already in memory (generated scenarios, tests, the editor)."""
    return _load_doc(load_yaml_text(text, path), Path(path).stem)


def _load_doc(raw: LoadedYaml, default_id: str) -> defs.Scenario:
    """The steps, every problem of the first three at once: the types (schema.py; a file with type errors goes on
    less its bad items, prune.py), the catalog merge (merge.py), the meaning checks (checks.py, the validators that
    get the ids a value may name, known.py, as their validation context), construction (construct.py)."""
    from . import construct
    from .located import Located
    from .merge import merge

    doc = resolve_extends(raw)
    out = Located(doc)
    typed, data, meaning = _types(doc, out)
    merged: Merged | None = None
    if typed is not None:
        merged = merge(typed, catalog_fields(), meaning)
        _meaning(data, typed, merged, meaning)
        if meaning is not out:
            out.extend(meaning)
    if out.problems:
        raise ContentError(out.listed())
    assert merged is not None
    return construct.scenario(typed, merged, default_id, doc.path)


def _types(doc: LoadedYaml | MergedYaml, out: Located) -> tuple[Any, Any, Located]:
    """(typed scenario, the data it was read from, where its meaning problems go). With type errors (reported to
    `out`) it is the document less its bad items (prune.py), placed by index in the file; (None, None, out) when
    nothing is left that the meaning checks could use."""
    from pydantic import ValidationError

    from .located import Located
    from .prune import prune
    from .wording import clean_loc

    try:
        return schema.Scenario.model_validate(doc.data), doc.data, out
    except ValidationError as exc:
        errors = exc.errors()
    out.add_errors(errors)
    pruned, remap, ignore = prune(doc.data, [clean_loc(doc.data, tuple(e["loc"])) for e in errors])
    if pruned is None:
        return None, None, out
    try:
        return schema.Scenario.model_validate(pruned), pruned, Located(doc, remap, ignore)
    except ValidationError:
        return None, None, out


def _meaning(data: Any, typed: Any, merged: Merged, out: Located) -> None:
    """The meaning checks: `data` validated again, now with the ids it may name as the validation context."""
    from pydantic import ValidationError

    from game.ai.registry import DOCTRINES  # content checks doctrine names; ai never imports content

    from .known import for_scenario

    known = for_scenario(typed, merged, catalog_fields(), out.ignore, tuple(DOCTRINES), codex_ids())
    try:
        schema.Scenario.model_validate(data, context=known)
    except ValidationError as exc:
        out.add_errors(exc.errors())


CODEX = SCENARIOS / "base" / "codex.yaml"


@lru_cache(maxsize=1)
def codex() -> tuple[dict, ...]:
    """The codex entries (scenarios/base/codex.yaml), in order."""
    if not CODEX.exists():
        return ()
    doc = load_yaml_file(str(CODEX))
    return tuple(doc.data.get("concepts", ())) if isinstance(doc.data, dict) else ()


def codex_ids() -> set[str]:
    return {c["id"] for c in codex() if isinstance(c, dict) and "id" in c}


class _Unplaced:
    """An event written in the console: no file positions (its problems are at 1:1) and no YAML hints."""

    def __init__(self, data: Any) -> None:
        self.data = data

    @staticmethod
    def bool_hint(loc: tuple) -> None:
        return None


def _effect_first(loc: tuple) -> tuple[bool, int]:
    """Problems of the event itself first, then effect by effect (the console names them 'effect 1', 'effect 2')."""
    k = loc[1] if loc[:1] == ("effects",) and len(loc) > 1 and isinstance(loc[1], int) else -1
    return k >= 0, k


def custom_event(data: Any, sc: defs.Scenario, path: str = "<facilitator>") -> defs.EventDef:
    """An event written on the spot (title, text, target, effects from the primitives), checked by the same
    validators as a scenario's events; its id is 'custom:<slug>'. Raises ContentError with every problem."""
    from pydantic import ValidationError

    from . import construct
    from .known import for_event
    from .located import explain

    if not isinstance(data, dict):
        raise ContentError([Problem(path, 1, 1, "", "an event is a mapping with name, text, target and effects")])
    slug = re.sub(r"[^a-z0-9]+", "_", str(data.get("name", "event")).lower()).strip("_") or "event"
    fields = {"weight": 0.0, **data, "id": slug}
    try:
        ev = schema.Event.model_validate(fields, context=for_event(sc, codex_ids()))
    except ValidationError as exc:
        found = sorted((explain(err, _Unplaced(fields)) for err in exc.errors()), key=lambda f: _effect_first(f[0]))
        raise ContentError([Problem(path, 1, 1, dotted(loc), text) for loc, text, _ in found]) from None
    return construct.custom_event(ev, slug)


def scenario_files() -> list[Path]:
    """The shipped scenarios, default first."""
    files = sorted(p for p in SCENARIOS.glob("*.yaml"))
    files.sort(key=lambda p: (p.stem != "meridian", p.stem))
    return files


def default_scenario() -> Path:
    return SCENARIOS / "meridian.yaml"


LOOKAHEAD_NATIONS = 12     # above this many nations, look-ahead doctrines make turns slow (bench/planner.py)


def scenario_warnings(sc: defs.Scenario) -> list[str]:
    """What validates but a user should know: look-ahead (strategist) doctrines in a large region are slow."""
    if sc.n <= LOOKAHEAD_NATIONS:
        return []   # (before importing the doctrines: validate of a small region needs none of them)
    from game.ai.registry import DOCTRINES

    slow = [n.id for n in sc.nations if getattr(DOCTRINES.get(n.doctrine), "lookahead", False)]
    if slow and sc.n > LOOKAHEAD_NATIONS:
        return [f"{sc.source or sc.id}: warning: {len(slow)} of {sc.n} nations play a look-ahead doctrine "
                f"({', '.join(sorted({sc.nations[sc.nation_index(i)].doctrine for i in slow}))}); in a region of more "
                f"than {LOOKAHEAD_NATIONS} nations each of their turns plays many games ahead and can take seconds "
                f"(planner_hard with 30 nations: about 16 s a turn). Give most of them a fixed doctrine."]
    return []


def format_problems(problems: list[Problem]) -> str:
    return "\n".join(str(p) for p in problems)

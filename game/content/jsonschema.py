"""The scenario format as a draft-07 JSON Schema, from the same pydantic models and the same ids `validate` checks
against: the general schema (every scenario's editor) and a scenario's own (its nations, threats, events ... too)."""
from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from game.data import SCENARIOS
from game.fileio import atomic_write_text

from . import schema
from .format import ARITY, NEEDS, SCALE_BY
from .schemactx import Context, base

SCHEMA_FILE = SCENARIOS / "scenario.schema.json"   # shipped beside the scenarios (their first line names it)
NATION_REFS = (("TrustLink", "from"), ("TrustLink", "to"), ("PairValue", "a"), ("PairValue", "b"))


def _draft07(node: Any) -> Any:
    """Rewrite pydantic's 2020-12 output with draft-07 keywords only."""
    if isinstance(node, list):
        return [_draft07(x) for x in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for k, v in node.items():
        if k == "discriminator":  # an OpenAPI keyword; the Effect definition dispatches on 'do' instead
            continue
        if k == "$defs":
            out["definitions"] = _draft07(v)
        elif k == "$ref" and isinstance(v, str):
            out["$ref"] = v.replace("#/$defs/", "#/definitions/")
        elif k == "prefixItems":
            out["items"] = _draft07(v)
            out["additionalItems"] = False
        elif k == "default" and isinstance(v, dict):
            continue  # a nested model's defaults are listed on its own fields
        else:
            out[k] = _draft07(v)
    if "$ref" in out and len(out) > 1:  # draft-07 ignores siblings of $ref: keep them beside an allOf
        out = {"allOf": [{"$ref": out.pop("$ref")}], **out}
    return out


def _list_items(prop: dict) -> dict:
    """The item schema of a list field (also when it is optional: anyOf [array, null])."""
    for alt in prop.get("anyOf", [prop]):
        if alt.get("type") == "array":
            return alt
    raise KeyError("not a list field")


def _enum(node: dict, values: list[str] | tuple[str, ...]) -> None:
    """Limit a text field to `values` (an empty list stays free text: no schema accepts nothing)."""
    if values:
        node.pop("pattern", None)
        node["enum"] = list(values)


def _effects(d: dict) -> None:
    """One Effect definition that picks its alternative by `do:`, so an error names the primitive meant, not all 12."""
    names = list(schema.EFFECT_MODELS)
    d["Effect"] = {
        "type": "object", "required": ["do"], "description": "an effect primitive: {do: PRIMITIVE, ...its parameters}",
        "properties": {"do": {"enum": names, "description": "the primitive: " + ", ".join(names)}},
        "allOf": [{"if": {"properties": {"do": {"const": n}}, "required": ["do"]},
                   "then": {"$ref": f"#/definitions/Effect_{n}"}} for n in names]}
    for owner in ("Action", "Event"):
        _list_items(d[owner]["properties"]["effects"])["items"] = {"$ref": "#/definitions/Effect"}
    # the escalation ladder moves in whole steps (the loader says the same)
    d["Effect_region"]["if"] = {"properties": {"field": {"const": "escalation"}}, "required": ["field"]}
    d["Effect_region"]["then"] = {"properties": {"over": {"maximum": 1}}}


def _new_items_complete(doc: dict, d: dict, ctx: Context | None) -> None:
    """An item whose id is not one the file may override (a base item, a parent's) is new and needs every field."""
    b = base()
    for kind, model in (("threats", "Threat"), ("actions", "Action"), ("events", "Event"),
                        ("nations", "Nation"), ("organizations", "Organization")):
        known = (ctx.known.get(kind, []) if ctx is not None else
                 {"threats": b.threats, "actions": b.actions, "events": b.events}.get(kind, []))
        spec = d[model]
        required = [r for r in spec.get("required", []) if r != "id"]
        spec["required"] = ["id"]  # a nation or organization of an extending file may change a few fields only
        needs = [n for n in NEEDS[kind] if n != "id"]
        rule: dict[str, Any] = {"required": needs}
        if known:
            rule = {"if": {"properties": {"id": {"enum": list(known)}}, "required": ["id"]}, "else": rule}
        assert set(required) <= set(needs)
        if ctx is None:  # the parent's ids are unknown: an extending file's items may change a few fields only
            rule = {"if": {"not": {"required": ["extends"]}}, "then": {"properties": {kind: {"items": rule}}}}
            doc.setdefault("allOf", []).append(rule)
            continue
        doc["properties"][kind].setdefault("items", {})
        items = doc["properties"][kind]
        items["items"] = {"allOf": [items.pop("items"), rule]}


def _context(d: dict, doc: dict, ctx: Context) -> None:
    """Enums and limits only this scenario's content decides: its nations, threats, events, organizations, turns, map."""
    for model, key in NATION_REFS:
        _enum(d[model]["properties"][key], ctx.nations)
    _enum(d["Organization"]["properties"]["members"]["items"], ctx.nations)
    _enum(d["Seat"]["properties"]["nations"]["items"], ctx.nations)
    scripted = d["Scripted"]["properties"]
    _enum(scripted["targets"]["items"], ctx.nations)
    _enum(scripted["event"], list(ctx.events))
    scripted["turn"]["maximum"] = ctx.turns
    d["Scripted"]["allOf"] = [
        {"if": {"properties": {"event": {"const": e}}, "required": ["event"]},
         "then": {"properties": {"targets": {"anyOf": [{"maxItems": 0}, {"minItems": ARITY[t], "maxItems": ARITY[t]}]}}}}
        for e, t in ctx.events.items() if t in ARITY]
    d["Nation"]["properties"]["position"]["items"] = [{"type": "number", "minimum": 0, "maximum": ctx.width},
                                                      {"type": "number", "minimum": 0, "maximum": ctx.height}]
    for name, spec in d.items():
        if name.startswith("Effect_"):
            props = spec["properties"]
            if "threat" in props:
                _enum(props["threat"], ctx.threats)
            if "org" in props:
                props["org"] = {"anyOf": [{"type": "string", "enum": ctx.organizations}, {"type": "null"}]} \
                    if ctx.organizations else props["org"]
    scale = next(a for a in d["Event"]["properties"]["scale_by"]["anyOf"] if a.get("type") == "string")
    scale["enum"] = list(SCALE_BY) + [f"threat:{t}" for t in ctx.threats]


def scenario_schema(ctx: Context | None = None) -> dict[str, Any]:
    """The general schema (ctx None: ids every scenario shares) or one scenario's (ctx from schemactx.context_of)."""
    doc = copy.deepcopy(_pydantic())
    d = doc["definitions"]
    b = base()
    _enum(d["Nation"]["properties"]["doctrine"], b.doctrines)
    for owner in ("Action", "Event"):
        _enum(_list_items(d[owner]["properties"]["concepts"])["items"], b.concepts)
    _enum(doc["properties"]["disable"]["items"], sorted(set(b.threats + b.actions + b.events)))
    d["Organization"]["properties"]["members"]["uniqueItems"] = True
    zero = {s: {"const": 0} for s in ("security", "economy", "support", "influence")}
    d["Priorities"]["not"] = {"properties": zero, "required": list(zero)}  # all four zero: no National Interest
    _effects(d)
    _new_items_complete(doc, d, ctx)
    # A scenario that extends another may leave out what its parent gives (name and nations).
    doc["required"] = [r for r in doc.get("required", []) if r not in ("name", "nations")]
    doc["properties"]["nations"].pop("minItems", None)
    doc["if"] = {"not": {"required": ["extends"]}}
    doc["then"] = {"required": ["name", "nations"], "properties": {"nations": {"minItems": 2}}}
    if ctx is not None:
        _context(d, doc, ctx)
    return {"$schema": "http://json-schema.org/draft-07/schema#", "$id": "scenario.schema.json", **doc}


@lru_cache(maxsize=1)
def _pydantic() -> dict[str, Any]:
    return _draft07(schema.Scenario.model_json_schema(by_alias=True))


def schema_text(ctx: Context | None = None) -> str:
    return json.dumps(scenario_schema(ctx), indent=1, sort_keys=True) + "\n"


def schema_for(path: str | Path) -> dict[str, Any]:
    """A scenario file's own schema (raises ContentError when the file is not readable YAML)."""
    from .schemactx import context_of_file

    return scenario_schema(context_of_file(str(path)))


def write_schema(path: Path = SCHEMA_FILE, ctx: Context | None = None) -> Path:
    atomic_write_text(path, schema_text(ctx))
    return path

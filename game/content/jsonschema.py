"""The scenario format as a draft-07 JSON Schema, for yaml-language-server and other editors."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from game.fileio import atomic_write_text

from . import schema

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "scenarios" / "scenario.schema.json"


def _draft07(node: Any) -> Any:
    """Rewrite pydantic's 2020-12 output with draft-07 keywords only."""
    if isinstance(node, list):
        return [_draft07(x) for x in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for k, v in node.items():
        if k == "discriminator":  # an OpenAPI keyword; oneOf with const 'do' already says it
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


def scenario_schema() -> dict[str, Any]:
    raw = schema.Scenario.model_json_schema(by_alias=True)
    doc = _draft07(raw)
    # A scenario that extends another may leave out what its parent gives (name and nations).
    required = [r for r in doc.get("required", []) if r not in ("name", "nations")]
    doc["required"] = required
    doc["if"] = {"not": {"required": ["extends"]}}
    doc["then"] = {"required": ["name", "nations"]}
    return {"$schema": "http://json-schema.org/draft-07/schema#", "$id": "scenario.schema.json", **doc}


def schema_text() -> str:
    return json.dumps(scenario_schema(), indent=1, sort_keys=True) + "\n"


def write_schema(path: Path = SCHEMA_FILE) -> Path:
    atomic_write_text(path, schema_text())
    return path

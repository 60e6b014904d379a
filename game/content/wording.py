"""Pydantic's type errors in the game's words: plain messages, hints for YAML traps, did-you-mean."""
from __future__ import annotations

import difflib
import importlib
import typing
from functools import lru_cache
from typing import Any

from .rules import RANGES as RULE_RANGES


class _OnFirstUse:
    """The pydantic schema, imported when first used: a shipped scenario found in the compiled cache never needs it
    (pydantic and the schema are two thirds of a `run`'s start-up)."""

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module("game.content.schema"), name)


schema: Any = _OnFirstUse()
MEANING = "meaning"   # the error type of the meaning checks (checks.py): told in their own words, not pydantic's


def suggest(word: Any, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


@lru_cache(maxsize=1)
def vocab() -> list[str]:
    """Every key the format knows anywhere (the did-you-mean list when the mapping's own keys are not known)."""
    words: set[str] = set()
    for m in (schema.Scenario, schema.Nation, schema.Stocks, schema.Relations, schema.TrustLink, schema.PairValue,
              schema.Threat, schema.Organization, schema.Action, schema.Event, schema.Scripted, schema.MapSize,
              schema.Seat, schema.Rules, *schema.EFFECT_MODELS.values()):
        for name, f in m.model_fields.items():
            words.add(f.alias or name)
    return sorted(words)


def _unwrap(model: Any) -> Any:
    """The model inside Optional / Annotated / list."""
    while True:
        args = typing.get_args(model)
        if typing.get_origin(model) is typing.Annotated or (args and type(None) in args):
            model = next(a for a in args if a is not type(None))
        elif typing.get_origin(model) is list:
            model = args[0]
        else:
            return model


def keys_at(data: Any, loc: tuple) -> list[str] | None:
    """The keys the format allows in the mapping at `loc` (None when it cannot tell)."""
    model: Any = schema.Scenario
    cur = data
    for seg in loc:
        cur = child(cur, seg)
        if isinstance(seg, int):
            continue
        fields = getattr(model, "model_fields", None)
        if fields is None:
            return None
        f = next((f for n, f in fields.items() if (f.alias or n) == seg), None)
        if f is None:
            return None
        model = _unwrap(f.annotation)
    if isinstance(cur, dict) and typing.get_origin(model) is typing.Union:
        model = schema.EFFECT_MODELS.get(cur.get("do"))
    fields = getattr(model, "model_fields", None)
    return None if fields is None else [f.alias or n for n, f in fields.items()]


def clean_loc(data: Any, loc: tuple) -> tuple:
    """Drop the discriminator segments pydantic inserts (e.g. the 'stock' in effects[1].stock.amount)."""
    out, cur = [], data
    prev: Any = None
    for seg in loc:
        if isinstance(cur, dict) and isinstance(seg, str) and cur.get("do") == seg and isinstance(prev, int):
            prev = seg  # the union's tag segment, right after an effect's list index
            continue
        prev = seg
        out.append(seg)
        cur = child(cur, seg)
    return tuple(out)


def child(cur: Any, seg: Any) -> Any:
    """The value under a mapping key or list index, or None when there is none."""
    if isinstance(cur, dict):
        return cur.get(seg)
    if isinstance(cur, list) and isinstance(seg, int) and 0 <= seg < len(cur):
        return cur[seg]
    return None


def message(err: dict, loc: tuple, doc: Any) -> tuple[str, bool]:
    """Pydantic's error in our words; returns (message, whether it is about a key). `doc` gives the data and hints."""
    typ, msg = err["type"], err["msg"]
    if typ == "extra_forbidden":
        key = loc[-1] if loc else ""
        allowed = keys_at(doc.data, loc[:-1])
        return f"unknown key '{key}'{suggest(key, allowed if allowed is not None else vocab())}", True
    if typ == "missing":
        return f"missing required key '{loc[-1]}'", True
    if typ == "union_tag_invalid":
        tag = err.get("ctx", {}).get("tag", "")
        return f"unknown effect primitive '{tag}'{suggest(tag, list(schema.EFFECT_MODELS))}", False
    if typ == "union_tag_not_found":
        return "an effect needs 'do:' naming its primitive (" + ", ".join(schema.EFFECT_MODELS) + ")", False
    if typ == "literal_error":
        msg = _literal(err)
    if loc[:1] == ("rules",) and len(loc) == 2 and typ in ("less_than_equal", "greater_than_equal") and \
            str(loc[1]) in RULE_RANGES:
        lo, hi = RULE_RANGES[str(loc[1])]
        return f"must be between {lo:g} and {hi:g} (found {err.get('input')})", False
    return _plain(typ, err, msg) + _hint(typ, err, doc.bool_hint(loc)), False


def _literal(err: dict) -> str:
    expected = err.get("ctx", {}).get("expected", "")
    got = err.get("input")
    choices = [s.strip(" '") for s in str(expected).replace(" or ", ",").split(",")]
    return f"'{got}' is not one of {expected}" + suggest(got, choices)


def _hint(typ: str, err: dict, hint: str | None) -> str:
    """What YAML did to the value, when that explains the error: a comment, a bare yes/no, a number in quotes."""
    got = err.get("input")
    if hint is not None and hint.startswith("#"):
        return (f" ('{hint}' is a comment: '#' after a space starts one, so YAML found no value here; write it in "
                f"quotes: \"{hint}\")")
    if hint is not None and typ == "bool_type":
        return (f" (the game reads YAML 1.2, as editors do: only true and false are true/false, a bare '{hint}' "
                f"is text; write true or false)")
    if typ in ("float_type", "int_type") and isinstance(got, str) and _numeric(got):
        return " (a number in quotes is text; write it without quotes)"
    return ""


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _kind_of(v: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list", dict: "a mapping",
            type(None): "empty"}.get(type(v), type(v).__name__)


BOUNDS = {"less_than_equal": ("at most", "le"), "greater_than_equal": ("at least", "ge"),
          "less_than": ("less than", "lt"), "greater_than": ("more than", "gt")}
SIMPLE = {"int_type": "a whole number", "int_parsing": "a whole number", "int_from_float": "a whole number",
          "float_type": "a number", "float_parsing": "a number", "string_type": "text", "bool_type": "true or false",
          "bool_parsing": "true or false", "list_type": "a list", "dict_type": "a mapping", "model_type": "a mapping",
          "model_attributes_type": "a mapping", "tuple_type": "a list", "finite_number": "a finite number"}


def _plain(typ: str, err: dict, msg: str) -> str:
    """Pydantic's wording made plain, with the value that was found."""
    ctx, got = err.get("ctx", {}), err.get("input")
    if typ in BOUNDS:
        words, key = BOUNDS[typ]
        limit = ctx.get(key)
        return f"must be {words} {limit:g} (found {got})" if isinstance(limit, (int, float)) else msg
    if typ in SIMPLE:
        shown = f" ({got!r})" if isinstance(got, (str, int, float)) and not isinstance(got, bool) else ""
        return f"must be {SIMPLE[typ]}, not {_kind_of(got)}" + shown
    if typ == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s), found {ctx.get('actual_length')}"
    if typ == "too_long":
        return f"allows at most {ctx.get('max_length')} item(s), found {ctx.get('actual_length')}"
    if typ == "string_too_short":
        return "must not be empty"
    if typ == "string_too_long":
        return f"is too long (at most {ctx.get('max_length')} characters)"
    if typ == "string_pattern_mismatch":
        if ctx.get("pattern", "").startswith("^[a-z]"):
            return f"'{got}' is not a valid id: use lower-case letters, digits and _ , starting with a letter"
        if ctx.get("pattern", "").startswith("^#"):
            return f"'{got}' is not a colour: write it as \"#rrggbb\", e.g. \"#3f7fd0\""
    return msg

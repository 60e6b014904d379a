"""A strict check of plain data against a TypedDict of the engine's contract (game/sim/contract.py), for tests."""
from __future__ import annotations

import collections.abc
import types
import typing
from typing import Any


def problems(value: Any, typ: Any, where: str = "report") -> list[str]:
    """Where `value` breaks the annotation `typ`: a TypedDict needs exactly its keys; ints, floats, text and booleans
    must be exactly those Python types (a numpy scalar or a bool standing in for a number is a problem)."""
    if typ is Any:
        return []
    if typing.is_typeddict(typ):
        if not isinstance(value, dict):
            return [f"{where}: {type(value).__name__}, not a mapping"]
        hints = typing.get_type_hints(typ)
        out = [f"{where}.{k}: missing" for k in hints if k not in value]
        out += [f"{where}.{k}: not part of {typ.__name__}" for k in value if k not in hints]
        for k, t in hints.items():
            if k in value:
                out += problems(value[k], t, f"{where}.{k}")
        return out
    origin, args = typing.get_origin(typ), typing.get_args(typ)
    if origin in (typing.Union, types.UnionType):
        found = [problems(value, a, where) for a in args]
        return [] if any(not p for p in found) else min(found, key=len)
    if origin is typing.Literal:
        return [] if value in args and type(value) is type(args[0]) else [f"{where}: {value!r} is not one of {args}"]
    if origin is list:
        if type(value) is not list:
            return [f"{where}: {type(value).__name__}, not a list"]
        return [p for k, x in enumerate(value) for p in problems(x, args[0], f"{where}[{k}]")]
    if origin is collections.abc.Sequence:
        if not isinstance(value, collections.abc.Sequence) or isinstance(value, str):
            return [f"{where}: {type(value).__name__}, not a sequence"]
        return [p for k, x in enumerate(value) for p in problems(x, args[0], f"{where}[{k}]")]
    if origin is dict:
        if type(value) is not dict:
            return [f"{where}: {type(value).__name__}, not a mapping"]
        return [p for k, x in value.items()
                for p in problems(k, args[0], f"{where} key") + problems(x, args[1], f"{where}.{k}")]
    if typ is type(None):
        return [] if value is None else [f"{where}: {value!r}, not None"]
    if typ in (int, float, str, bool):
        return [] if type(value) is typ else [f"{where}: {type(value).__name__} {value!r:.40}, not {typ.__name__}"]
    raise AssertionError(f"{where}: the checker does not know {typ!r}")

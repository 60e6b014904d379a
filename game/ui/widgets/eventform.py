"""Writing an event in the facilitator console: effects typed as `key: value` lines, example lines, the reference of
the effect primitives, and custom_event's problems in the console's words."""
from __future__ import annotations

import re

import yaml

from game.sim.effects import REGISTRY

from .. import text as T

TEMPLATES = {
    "stock": "do: stock, stock: economy, who: target, amount: -5",
    "pair": "do: pair, field: trust, dir: mutual, amount: -0.1",
    "region": "do: region, field: stability, amount: -3",
    "threat": "do: threat, threat: {threat}, amount: 10",
}
MAX_EFFECTS_TEXT = 4000


def effect_lines(text: str) -> list[dict]:
    """Effects written one per line (or separated by ';') as `key: value, key: value`; ValueError says which line."""
    if len(text) > MAX_EFFECTS_TEXT:
        raise ValueError(f"the effects are too long (at most {MAX_EFFECTS_TEXT} characters)")
    out = []
    lines = [ln.strip() for ln in text.replace(";", "\n").splitlines()]
    for n, line in enumerate((ln for ln in lines if ln), 1):
        body = line if line.startswith("{") else "{" + line + "}"
        try:
            d = yaml.safe_load(body)
        except yaml.YAMLError:
            d = None
        if not isinstance(d, dict):
            raise ValueError(f"effect {n}: cannot read '{line}' (write key: value pairs separated by commas)")
        out.append(d)
    return out


def primitives_html() -> str:
    """The effect primitives a written event can use, with their keys (from the engine's registry)."""
    parts = ["<b>Effects an event can use</b> (who: target is the struck nation, or both of a pair; all is every "
             "nation; left out, who is the struck nations, or all of them for a region event)<br>"]
    for name, prim in REGISTRY.items():
        keys = []
        for key, p in prim.params.items():
            kind = "|".join(p.choices) if p.choices else ("number" if p.kind in ((int, float), float, int) else "name")
            keys.append(f"{key}: {kind}" + ("" if p.required or key == "who" else f" (optional, default {p.default})"))
        parts.append(f"<b>do: {T.esc(name)}</b> - {T.esc(prim.doc)}" + (f"<br>   {T.esc(', '.join(keys))}" if keys else "") + "<br>")
    return "".join(parts)


def friendly(problem) -> str:
    """A custom_event problem without the file position, with 'effects[0]' as 'effect 1' and 'name' as 'title'."""
    loc = re.sub(r"effects\[(\d+)\]\.?", lambda m: f"effect {int(m.group(1)) + 1}" + (", " if m.group(0).endswith(".") else ""),
                 problem.loc or "")
    loc = {"name": "title", "text": "news text", "target": "strikes"}.get(loc, loc)
    msg = problem.message.replace("missing required key 'name'", "write a title") \
        .replace("missing required key 'text'", "write the news text") \
        .replace("missing required key 'effects'", "add at least one effect")
    return f"{loc}: {msg}" if loc and not msg.startswith("write") and not msg.startswith("add") else msg

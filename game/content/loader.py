"""Load a scenario: safe YAML, the base catalog merged in, pydantic types, meaning checks, frozen engine definitions."""
from __future__ import annotations

import difflib
import importlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from game.sim import defs
from game.sim.defs import STOCKS

from . import compiled
from .extends import MergedYaml, resolve_extends
from .rules import RANGES as RULE_RANGES
from .yamlsafe import ContentError, LoadedYaml, Problem, dotted, load_yaml_file, load_yaml_text

from game.data import SCENARIOS  # the shipped scenarios: package data, game/data/scenarios
CATALOG = SCENARIOS / "base" / "catalog.yaml"
SCALE_BY = ("tension", "low_support", "low_security", "distrust")


class _OnFirstUse:
    """The pydantic schema, imported when first used: a shipped scenario found in the compiled cache never needs it
    (pydantic and the schema are two thirds of a `run`'s start-up)."""

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module("game.content.schema"), name)


schema: Any = _OnFirstUse()


def __getattr__(name: str) -> Any:
    if name == "VOCAB":
        return _vocab()
    if name == "ValidationError":
        from pydantic import ValidationError
        return ValidationError
    raise AttributeError(name)


def _vocabulary() -> list[str]:
    words: set[str] = set()
    for m in (schema.Scenario, schema.Nation, schema.Stocks, schema.Relations, schema.TrustLink, schema.PairValue,
              schema.Threat, schema.Organization, schema.Action, schema.Event, schema.Scripted, schema.MapSize,
              schema.Seat, schema.Rules, *schema.EFFECT_MODELS.values()):
        for name, f in m.model_fields.items():
            words.add(f.alias or name)
    return sorted(words)


@lru_cache(maxsize=1)
def _vocab() -> list[str]:
    return _vocabulary()


def suggest(word: Any, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


class Located:
    """Collects problems for one file, each placed at the line and column of the value it is about.

    `remap` translates item indices of a pruned document back to the file's (see _prune); `ignore` holds
    ids of items pruned for type errors, whose references are not reported a second time as unknown.
    """

    def __init__(self, doc: LoadedYaml | MergedYaml, remap: dict[tuple, list[int]] | None = None,
                 ignore: set[str] | None = None) -> None:
        self.doc = doc
        self.problems: list[Problem] = []
        self.remap = remap or {}
        self.ignore = ignore or set()

    def orig(self, loc: tuple) -> tuple:
        for prefix, table in self.remap.items():
            n = len(prefix)
            if loc[:n] == prefix and len(loc) > n and isinstance(loc[n], int) and loc[n] < len(table):
                return prefix + (table[loc[n]],) + loc[n + 1:]
        return loc

    def add(self, loc: tuple, message: str, key: bool = False) -> None:
        loc = self.orig(loc)
        if isinstance(self.doc, MergedYaml):
            path, line, col, loc = self.doc.locate(loc, key)
        else:
            path = self.doc.path
            line, col = self.doc.key_where(loc) if key else self.doc.where(loc)
        self.problems.append(Problem(path, line, col, dotted(loc), message))


def _keys_at(data: Any, loc: tuple) -> list[str] | None:
    """The keys the format allows in the mapping at `loc` (None when it cannot tell)."""
    import typing

    model: Any = schema.Scenario
    cur = data
    for seg in loc:
        cur = _child(cur, seg)
        if isinstance(seg, int):
            continue
        fields = getattr(model, "model_fields", None)
        if fields is None:
            return None
        f = next((f for n, f in fields.items() if (f.alias or n) == seg), None)
        if f is None:
            return None
        model = f.annotation
        while True:  # unwrap Optional / Annotated / list / Union of effect models
            args = typing.get_args(model)
            if typing.get_origin(model) is typing.Annotated or (args and type(None) in args):
                model = next(a for a in args if a is not type(None))
            elif typing.get_origin(model) is list:
                model = args[0]
            else:
                break
    if isinstance(cur, dict) and typing.get_origin(model) is typing.Union:
        model = schema.EFFECT_MODELS.get(cur.get("do"))
    fields = getattr(model, "model_fields", None)
    return None if fields is None else [f.alias or n for n, f in fields.items()]


def _clean_loc(data: Any, loc: tuple) -> tuple:
    """Drop the discriminator segments pydantic inserts (e.g. the 'stock' in effects[1].stock.amount)."""
    out, cur = [], data
    prev: Any = None
    for seg in loc:
        if isinstance(cur, dict) and isinstance(seg, str) and cur.get("do") == seg and isinstance(prev, int):
            prev = seg  # the union's tag segment, right after an effect's list index
            continue
        prev = seg
        out.append(seg)
        cur = _child(cur, seg)
    return tuple(out)


def _child(cur: Any, seg: Any) -> Any:
    """The value under a mapping key or list index, or None when there is none."""
    if isinstance(cur, dict):
        return cur.get(seg)
    if isinstance(cur, list) and isinstance(seg, int) and 0 <= seg < len(cur):
        return cur[seg]
    return None


def _message(err: dict, loc: tuple, doc: LoadedYaml | MergedYaml) -> tuple[str, bool]:
    """Pydantic's error in our words; returns (message, whether it is about a key)."""
    typ, msg = err["type"], err["msg"]
    if typ == "extra_forbidden":
        key = loc[-1] if loc else ""
        allowed = _keys_at(doc.data, loc[:-1])
        return f"unknown key '{key}'{suggest(key, allowed if allowed is not None else _vocab())}", True
    if typ == "missing":
        return f"missing required key '{loc[-1]}'", True
    if typ == "union_tag_invalid":
        tag = err.get("ctx", {}).get("tag", "")
        return f"unknown effect primitive '{tag}'{suggest(tag, list(schema.EFFECT_MODELS))}", False
    if typ == "union_tag_not_found":
        return "an effect needs 'do:' naming its primitive (" + ", ".join(schema.EFFECT_MODELS) + ")", False
    if typ == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        got = err.get("input")
        msg = f"'{got}' is not one of {expected}" + suggest(got, [s.strip(" '") for s in str(expected).replace(" or ", ",").split(",")])
    if loc[:1] == ("rules",) and len(loc) == 2 and typ in ("less_than_equal", "greater_than_equal") and \
            str(loc[1]) in RULE_RANGES:
        lo, hi = RULE_RANGES[str(loc[1])]
        return f"must be between {lo:g} and {hi:g} (found {err.get('input')})", False
    msg = _plain(typ, err, msg)
    hint = doc.bool_hint(loc)
    got = err.get("input")
    if hint is not None and hint.startswith("#"):
        msg += (f" ('{hint}' is a comment: '#' after a space starts one, so YAML found no value here; write it in "
                f"quotes: \"{hint}\")")
    elif hint is not None and typ == "bool_type":
        msg += (f" (the game reads YAML 1.2, as editors do: only true and false are true/false, a bare '{hint}' "
                f"is text; write true or false)")
    elif typ in ("float_type", "int_type") and isinstance(got, str) and _numeric(got):
        msg += " (a number in quotes is text; write it without quotes)"
    return msg, False


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _kind_of(v: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list", dict: "a mapping",
            type(None): "empty"}.get(type(v), type(v).__name__)


def _plain(typ: str, err: dict, msg: str) -> str:
    """Pydantic's wording made plain, with the value that was found."""
    ctx, got = err.get("ctx", {}), err.get("input")
    bounds = {"less_than_equal": ("at most", "le"), "greater_than_equal": ("at least", "ge"),
              "less_than": ("less than", "lt"), "greater_than": ("more than", "gt")}
    if typ in bounds:
        words, key = bounds[typ]
        limit = ctx.get(key)
        return f"must be {words} {limit:g} (found {got})" if isinstance(limit, (int, float)) else msg
    simple = {"int_type": "a whole number", "int_parsing": "a whole number", "int_from_float": "a whole number",
              "float_type": "a number", "float_parsing": "a number", "string_type": "text", "bool_type": "true or false",
              "bool_parsing": "true or false", "list_type": "a list", "dict_type": "a mapping", "model_type": "a mapping",
              "model_attributes_type": "a mapping", "tuple_type": "a list", "finite_number": "a finite number"}
    if typ in simple:
        return f"must be {simple[typ]}, not {_kind_of(got)}" + (f" ({got!r})" if isinstance(got, (str, int, float)) and not isinstance(got, bool) else "")
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


def _pydantic_problems(exc: ValidationError, doc: LoadedYaml | MergedYaml, out: Located) -> None:
    for err in exc.errors():
        loc = _clean_loc(doc.data, tuple(err["loc"]))
        msg, key = _message(err, loc, doc)
        out.add(loc, msg, key=key)


@lru_cache(maxsize=1)
def load_catalog(path: str = str(CATALOG)) -> schema.Catalog:
    from pydantic import ValidationError

    doc = load_yaml_file(path)
    out = Located(doc)
    try:
        cat = schema.Catalog.model_validate(doc.data)
    except ValidationError as exc:
        _pydantic_problems(exc, doc, out)
        raise ContentError(out.problems) from None
    return cat


def _merge(base: list, extra: list, loc_name: str, out: Located, required: tuple[str, ...],
           disabled: dict[str, int] | None = None) -> dict[str, dict]:
    """Base items by id (less the disabled ones), overridden field by field by the scenario's items; new items must be
    complete. An incomplete item whose id is disabled, or close to a base id, is most likely a mistaken override."""
    disabled = disabled or {}
    merged = {b.id: b.model_dump(exclude_none=True) for b in base if b.id not in disabled}
    kind = loc_name[:-1]
    for k, item in enumerate(extra):
        fields = item.model_dump(exclude_none=True, exclude_unset=True)
        if item.id in merged:
            merged[item.id].update(fields)
        else:
            missing = [r for r in required if r not in fields]
            if missing:
                if item.id in disabled and any(b.id == item.id for b in base):
                    out.add((loc_name, k, "id"), f"{kind} '{item.id}' is disabled in this scenario "
                            f"(disable[{disabled[item.id]}]), so this is a new {kind} and needs {', '.join(missing)}; "
                            f"to change the built-in one, take it out of disable")
                else:
                    close = suggest(item.id, [b.id for b in base if b.id not in disabled])
                    hint = f" (a base {kind} is changed by giving its exact id and only the fields to change)" \
                        if close else ""
                    out.add((loc_name, k), f"new {kind} '{item.id}' needs {', '.join(missing)}{close}{hint}")
                continue
            merged[item.id] = fields
    return merged


def load_scenario(path: str | Path) -> defs.Scenario:
    """The scenario at `path` as engine definitions; raises ContentError listing every problem with its location.

    A shipped scenario is compiled once and then read from the compiled cache (game/content/compiled.py), keyed by
    the content of every scenario file and the loader's and engine's source."""
    key = compiled.key(path, SCENARIOS) if compiled.enabled() else None
    if key is not None and (hit := compiled.get(key)) is not None:
        return hit
    sc = _load_doc(load_yaml_file(str(path)), Path(path).stem)
    if key is not None:
        compiled.put(key, sc)
    return sc


def load_scenario_text(text: str, path: str = "<text>") -> defs.Scenario:
    """Same as load_scenario for YAML already in memory (generated scenarios, tests, the editor)."""
    return _load_doc(load_yaml_text(text, path), Path(path).stem)


REPAIRABLE = {("nations",): ("id", "name", "position"), ("organizations",): ("id", "name", "kind", "members")}
PRUNABLE = (("relations", "trust"), ("relations", "pairs"), ("nations",), ("organizations",), ("threats",),
            ("actions",), ("events",), ("scripted",), ("seats",), ("disable",), ("discussion",))


def _prune(data: Any, locs: list[tuple]) -> tuple[dict | None, dict[tuple, list[int]], set[str]]:
    """The document without the items and keys that failed type checks, so the meaning checks can still
    run on everything else (every error at once). Returns (pruned data or None, index remap, pruned ids)."""
    if not isinstance(data, dict):
        return None, {}, set()
    drop_items: dict[tuple, set[int]] = {}
    drop_keys: set[str] = set()
    drop_fields: dict[tuple, set[str]] = {}
    for loc in locs:
        for prefix in PRUNABLE:
            n = len(prefix)
            if loc[:n] == prefix and len(loc) > n and isinstance(loc[n], int):
                # a nation or organization keeps its place (others refer to it) when only an optional field is bad
                if prefix in REPAIRABLE and len(loc) > n + 1 and loc[n + 1] not in REPAIRABLE[prefix]:
                    drop_fields.setdefault((prefix[0], loc[n]), set()).add(str(loc[n + 1]))
                else:
                    drop_items.setdefault(prefix, set()).add(loc[n])
                break
        else:
            if not loc or loc[0] in ("name", "nations") or (loc[0] == "relations" and len(loc) < 3):
                return None, {}, set()
            drop_keys.add(loc[0])
    pruned = {k: v for k, v in data.items() if k not in drop_keys}
    for (name, k), fields in drop_fields.items():
        items = list(pruned[name])
        if isinstance(items[k], dict):
            items[k] = {f: v for f, v in items[k].items() if f not in fields}
        pruned[name] = items
    remap: dict[tuple, list[int]] = {}
    ignore: set[str] = set()
    for prefix, bad in drop_items.items():
        parent = pruned
        for part in prefix[:-1]:
            parent = dict(parent[part]) if isinstance(parent.get(part), dict) else {}
        items = parent.get(prefix[-1]) if isinstance(parent, dict) else None
        if not isinstance(items, list):
            continue
        keep = [k for k in range(len(items)) if k not in bad]
        ignore.update(str(items[k]["id"]) for k in bad if k < len(items) and isinstance(items[k], dict) and "id" in items[k])
        new_list = [items[k] for k in keep]
        if len(prefix) == 1:
            pruned[prefix[0]] = new_list
        else:
            rel = dict(pruned.get(prefix[0]) or {})
            rel[prefix[1]] = new_list
            pruned[prefix[0]] = rel
        remap[prefix] = keep
    return pruned, remap, ignore


def _load_doc(raw: LoadedYaml, default_id: str) -> defs.Scenario:
    from pydantic import ValidationError

    doc = resolve_extends(raw)
    out = Located(doc)
    try:
        sc = schema.Scenario.model_validate(doc.data)
    except ValidationError as exc:
        _pydantic_problems(exc, doc, out)
        locs = [_clean_loc(doc.data, tuple(e["loc"])) for e in exc.errors()]
        pruned, remap, ignore = _prune(doc.data, locs)
        if pruned is not None:
            try:
                partial = schema.Scenario.model_validate(pruned)
            except ValidationError:
                partial = None
            if partial is not None:
                meaning = Located(doc, remap, ignore)
                build(partial, meaning, default_id, doc.path)
                out.problems.extend(meaning.problems)
        raise ContentError(sorted(out.problems, key=lambda p: (p.path != doc.path, p.path, p.line, p.col))) from None
    built = build(sc, out, default_id, doc.path)
    if out.problems:
        raise ContentError(out.problems)
    assert built is not None
    return built


def _unique(items: list, loc_name: str, out: Located) -> None:
    seen: dict[str, int] = {}
    for k, it in enumerate(items):
        if it.id in seen:
            first = out.orig((loc_name, seen[it.id]))[1]
            out.add((loc_name, k, "id"), f"duplicate id '{it.id}' (first at {loc_name}[{first}])")
        seen.setdefault(it.id, k)


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


def build(sc: schema.Scenario, out: Located, default_id: str, source: str = "") -> defs.Scenario | None:
    """Check meaning (references, ranges across fields) and build the frozen engine definitions."""
    from game.ai.registry import DOCTRINES  # content checks doctrine names; ai never imports content

    cat = load_catalog()
    for name in ("nations", "organizations", "threats", "actions", "events"):
        _unique(getattr(sc, name), name, out)
    nation_ids = [n.id for n in sc.nations]
    nix = {nid: k for k, nid in enumerate(nation_ids)}

    def nation_ref(loc: tuple, nid: str) -> int | None:
        if nid not in nix:
            if nid not in out.ignore:
                out.add(loc, f"unknown nation '{nid}'{suggest(nid, nation_ids)}")
            return None
        return nix[nid]

    disabled = set(sc.disable)
    known = {t.id for t in cat.threats} | {a.id for a in cat.actions} | {e.id for e in cat.events}
    for k, d in enumerate(sc.disable):
        if d not in known:
            out.add(("disable", k), f"there is no base action, event or threat '{d}'{suggest(d, sorted(known))}")

    # threats
    where_disabled = {d: k for k, d in reversed(list(enumerate(sc.disable)))}
    threats = _merge(list(cat.threats), sc.threats, "threats", out,
                     ("name", "aggregation", "start", "growth", "damage"), where_disabled)
    threat_ids = list(threats)
    threat_defs = tuple(defs.ThreatDef(t["id"], t["name"], t["aggregation"], float(t["start"]), float(t["growth"]),
                                       tuple((s, float(v)) for s, v in t["damage"].items()), bool(t.get("intel_bonus", False)))
                        for t in threats.values() if "name" in t)

    # nations
    wmax = max(sc.map.width, sc.map.height)
    nations = []
    for k, n in enumerate(sc.nations):
        x, y = n.position
        if not (0 <= x <= sc.map.width and 0 <= y <= sc.map.height):
            out.add(("nations", k, "position"), f"position ({x:g}, {y:g}) is outside the map ({sc.map.width:g} x {sc.map.height:g})")
        pr = n.priorities
        if pr.security + pr.economy + pr.support + pr.influence <= 0:
            out.add(("nations", k, "priorities"), "priorities are all zero; give at least one stock a weight above 0")
        if n.doctrine not in DOCTRINES:
            out.add(("nations", k, "doctrine"), f"unknown doctrine '{n.doctrine}'{suggest(n.doctrine, list(DOCTRINES))} "
                    f"(one of {', '.join(DOCTRINES)})")
        rgb = tuple(int(n.color[i:i + 2], 16) for i in (1, 3, 5))
        nations.append(defs.NationDef(n.id, n.name, tuple(float(getattr(n.stocks, s)) for s in STOCKS),  # type: ignore[arg-type]
                                      float(n.militarization), tuple(float(getattr(pr, s)) for s in STOCKS),  # type: ignore[arg-type]
                                      n.capacity, (x / wmax, y / wmax), n.doctrine, rgb))  # type: ignore[arg-type]

    # relations
    trust = []
    for k, t in enumerate(sc.relations.trust):
        i, j = nation_ref(("relations", "trust", k, "from"), t.from_), nation_ref(("relations", "trust", k, "to"), t.to)
        if i is not None and j is not None:
            if i == j:
                out.add(("relations", "trust", k), "trust of a nation in itself has no meaning")
            trust.append((i, j, t.value))
            if t.mutual:
                trust.append((j, i, t.value))
    pairs = []
    for k, pv in enumerate(sc.relations.pairs):
        i, j = nation_ref(("relations", "pairs", k, "a"), pv.a), nation_ref(("relations", "pairs", k, "b"), pv.b)
        if i is not None and j is not None:
            pairs.append((pv.field, i, j, pv.value))
            if pv.mutual:
                pairs.append((pv.field, j, i, pv.value))

    # organizations
    orgs = []
    for k, o in enumerate(sc.organizations):
        members = []
        for m, nid in enumerate(o.members):
            ix = nation_ref(("organizations", k, "members", m), nid)
            if ix is not None and ix in members:
                out.add(("organizations", k, "members", m), f"'{nid}' is listed twice")
            elif ix is not None:
                members.append(ix)
        orgs.append(defs.OrgDef(o.id, o.name, o.kind, tuple(members), o.cohesion, o.expected))

    # actions and events
    actions = _merge(list(cat.actions), sc.actions, "actions", out, ("name", "category", "target", "effects"),
                     where_disabled)
    events = _merge(list(cat.events), sc.events, "events", out, ("name", "text", "target", "weight", "effects"),
                    where_disabled)
    own_actions = {a.id: k for k, a in enumerate(sc.actions)}
    own_events = {e.id: k for k, e in enumerate(sc.events)}

    def effect_threats_ok(effects: list[dict]) -> list[tuple[int, str]]:
        return [(k, e["threat"]) for k, e in enumerate(effects) if "threat" in e and e["threat"] not in threats]

    def unknown_threat(th: str) -> str:
        if th in where_disabled:
            return f"threat '{th}' is disabled in this scenario (disable[{where_disabled[th]}])"
        return f"unknown threat '{th}'{suggest(th, threat_ids)}"

    dropped: dict[str, str] = {}  # base items left out because a threat they act on is disabled

    action_defs = []
    for aid, a in actions.items():
        bad = effect_threats_ok(a["effects"])
        if bad:
            if aid in own_actions:  # the scenario's own mistake: report it; a base item just drops out
                for k, th in bad:
                    out.add(("actions", own_actions[aid], "effects", k, "threat"), unknown_threat(th))
            dropped[aid] = bad[0][1]
            continue
        if a["target"] == "organization" and not a.get("org_kind") and aid in own_actions:
            pass  # any organization the actor belongs to
        req = dict(a.get("requires") or {})
        shared = req.pop("shared_org", None)
        if aid in own_actions and a["target"] not in ("partner", "partners"):
            for key, given in (("requires", bool(req) or shared), ("ai_target", a.get("ai_target"))):
                if given:
                    out.add(("actions", own_actions[aid], key), f"{key} is for partner and partners actions; "
                            f"'{aid}' targets {'itself' if a['target'] == 'self' else 'an organization'}")
        action_defs.append(defs.ActionDef(
            aid, a["name"], a["category"], a["target"], int(a.get("ap", 1)), int(a.get("budget", 0)),
            tuple(_effect(e) for e in a["effects"]), float(a.get("reciprocity", 0.0)), int(a.get("max_targets", 1)),
            a.get("org_kind"), tuple(sorted(req.items())), a.get("text", ""),
            tuple(a.get("concepts", ())), bool(a.get("hostile", False)), shared,
            float(a.get("ai_weight", 1.0)), a.get("ai_target")))
    event_defs = []
    for eid, e in events.items():
        sb = e.get("scale_by")
        bad = effect_threats_ok(e["effects"])
        if sb and sb.startswith("threat:") and sb[7:] not in threats:
            bad.append((-1, sb[7:]))
        if sb and not sb.startswith("threat:") and sb not in SCALE_BY and eid in own_events:
            out.add(("events", own_events[eid], "scale_by"),
                    f"scale_by must be threat:<id> or one of {', '.join(SCALE_BY)}{suggest(sb, list(SCALE_BY))}")
        if bad:
            if eid in own_events:
                for k, th in bad:
                    loc = ("events", own_events[eid], "scale_by") if k < 0 else ("events", own_events[eid], "effects", k, "threat")
                    out.add(loc, unknown_threat(th))
            dropped[eid] = bad[0][1]
            continue
        event_defs.append(defs.EventDef(eid, e["name"], e["text"], e["target"], float(e["weight"]), sb,
                                        tuple(_effect(x) for x in e["effects"]), bool(e.get("attack", False)),
                                        tuple(e.get("concepts", ())), e.get("shield")))
    event_ids = [e.id for e in event_defs]
    arity = {"nation": 1, "pair": 2, "region": 0}
    scripted = []
    for k, s in enumerate(sc.scripted):
        if s.turn > sc.turns:
            out.add(("scripted", k, "turn"), f"turn {s.turn} is after the last turn ({sc.turns})")
        if s.event not in event_ids:
            if s.event in where_disabled:
                why = f"event '{s.event}' is disabled in this scenario (disable[{where_disabled[s.event]}])"
            elif s.event in dropped:
                why = (f"event '{s.event}' is left out of this scenario: it acts on the threat '{dropped[s.event]}', "
                       f"which is disabled")
            else:
                why = f"unknown event '{s.event}'{suggest(s.event, event_ids)}"
            out.add(("scripted", k, "event"), why)
            continue
        ev = next(e for e in event_defs if e.id == s.event)
        targets = [nation_ref(("scripted", k, "targets", m), t) for m, t in enumerate(s.targets)]
        if s.targets and len(s.targets) != arity[ev.target]:
            out.add(("scripted", k, "targets"), f"'{ev.id}' strikes a {ev.target}: give {arity[ev.target]} target(s), or none to draw them")
        if None not in targets:
            scripted.append(defs.ScriptedEvent(s.turn, s.event, tuple(t for t in targets if t is not None)))
    seats = []
    for k, seat in enumerate(sc.seats):
        refs = [nation_ref(("seats", k, "nations", m), nid) for m, nid in enumerate(seat.nations)]
        if len(seat.nations) != seat.teams:
            out.add(("seats", k, "nations"), f"{seat.teams} teams need {seat.teams} nations; {len(seat.nations)} are listed")
        seats.append((seat.teams, tuple(r for r in refs if r is not None)))
    known_concepts = codex_ids()
    for name, items in (("actions", sc.actions), ("events", sc.events)):
        for k, item in enumerate(items):
            for m, c in enumerate(item.concepts or ()):
                if known_concepts and c not in known_concepts:
                    out.add((name, k, "concepts", m), f"unknown codex concept '{c}'{suggest(c, sorted(known_concepts))}")
            for m, eff in enumerate(item.effects or ()):
                if eff.do == "region" and eff.field == "escalation" and eff.over > 1:
                    out.add((name, k, "effects", m, "over"),
                            "the escalation ladder moves in whole steps: an escalation effect cannot be spread 'over' turns")
                org = getattr(eff, "org", None)
                if org is not None and org not in {o.id for o in sc.organizations}:
                    out.add((name, k, "effects", m, "org"),
                            f"unknown organization '{org}'{suggest(org, [o.id for o in sc.organizations])}")

    if out.problems:
        return None
    params = defs.Params(**{k: v for k, v in sc.rules.model_dump().items() if v is not None})
    return defs.Scenario(
        id=sc.id or default_id, name=sc.name, turns=sc.turns, nations=tuple(nations), threats=threat_defs,
        orgs=tuple(orgs), actions=tuple(action_defs), events=tuple(event_defs), scripted=tuple(scripted),
        params=params, trust=tuple(trust), pairs=tuple(pairs), stability=sc.stability, briefing=sc.briefing,
        default_trust=sc.relations.default_trust, seats=tuple(seats), discussion=tuple(sc.discussion), source=source)


def custom_event(data: Any, sc: defs.Scenario, path: str = "<facilitator>") -> defs.EventDef:
    """An event written on the spot (title, text, target, effects from the primitives), checked like scenario
    content; its id is 'custom:<slug>'. Raises ContentError with every problem."""
    import re as _re

    from pydantic import ValidationError as _VE

    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise ContentError([Problem(path, 1, 1, "", "an event is a mapping with name, text, target and effects")])
    slug = _re.sub(r"[^a-z0-9]+", "_", str(data.get("name", "event")).lower()).strip("_") or "event"
    fields = {"weight": 0.0, **data, "id": slug}
    try:
        ev = schema.Event.model_validate(fields)
    except _VE as exc:
        class _NoHints:
            data = fields

            @staticmethod
            def bool_hint(loc: tuple) -> None:
                return None

        for err in exc.errors():
            loc = _clean_loc(fields, tuple(err["loc"]))
            problems.append(Problem(path, 1, 1, dotted(loc), _message(err, loc, _NoHints)[0]))  # type: ignore[arg-type]
        raise ContentError(problems) from None
    for need in ("name", "text", "target", "effects"):
        if getattr(ev, need) is None:
            problems.append(Problem(path, 1, 1, need, f"missing required key '{need}'"))
    threats = {t.id for t in sc.threats}
    for k, eff in enumerate(ev.effects or ()):
        th = getattr(eff, "threat", None)
        if th is not None and th not in threats:
            problems.append(Problem(path, 1, 1, f"effects[{k}].threat", f"unknown threat '{th}'{suggest(th, sorted(threats))}"))
        org = getattr(eff, "org", None)
        if org is not None and org not in {o.id for o in sc.orgs}:
            problems.append(Problem(path, 1, 1, f"effects[{k}].org", f"unknown organization '{org}'"))
    if problems:
        raise ContentError(problems)
    return defs.EventDef(f"custom:{slug}", ev.name or slug, ev.text or "", ev.target or "region", 0.0, None,
                         tuple(_effect(e.model_dump()) for e in ev.effects or ()), bool(ev.attack), (), None)


def _effect(e: dict) -> defs.EffectSpec:
    params = tuple((k, v) for k, v in e.items() if k not in ("do", "delay", "over"))
    return defs.EffectSpec(e["do"], params, int(e.get("delay", 0)), int(e.get("over", 1)))


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

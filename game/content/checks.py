"""The meaning checks: each scenario value against the ids it may name (known.py), as pydantic validators.

They act only when validation is given a context (a known.Known); without one (types only, the catalog) they pass.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError, ValidationInfo, field_validator, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from .format import ARITY, NEEDS, SCALE_BY, missing_threats
from .wording import MEANING, suggest

if TYPE_CHECKING:   # the context is given at validation; importing it here would slow the schema's import
    from .known import Known

Found = Iterator[tuple[tuple, str]]   # (location inside the value checked, what is wrong)
Check = Callable[[Any, "Known"], Iterable[tuple[tuple, str]]]
_LISTED: dict[Any, str] = {}          # check -> its name in located.ORDER


def listed_as(name: str) -> Callable[[Check], Check]:
    """Names the place of a check's problems in the listing order (located.ORDER)."""
    def mark(check: Check) -> Check:
        _LISTED[check] = name
        return check
    return mark


def _found(checks: tuple[Check, ...], value: Any, k: Known) -> list[tuple[tuple, str, str, int]]:
    """(location, message, check, rank): merged items are ranked by their place in the merge (located.ORDER)."""
    out = []
    for c in checks:
        for loc, text in c(value, k):
            name = _LISTED[c]
            out.append((loc, text, name, k.ranks.get((name, value.id), 0) if name in ("actions", "events") else 0))
    return out


def _raise(title: str, found: list[tuple[tuple, str, str, int]]) -> None:
    """Every problem at once, each at its own location (pydantic prefixes the location of the value checked)."""
    raise ValidationError.from_exception_data(title, [
        InitErrorDetails(loc=loc, input=None, type=PydanticCustomError(
            MEANING, "{message}", {"message": text, "check": check, "rank": rank}))
        for loc, text, check, rank in found])


def of_model(*checks: Check) -> Any:
    """A model validator (after the types) running `check(model, known)` for each check."""
    def validate(self: Any, info: ValidationInfo) -> Any:
        if info.context is not None and (found := _found(checks, self, info.context)):
            _raise(type(self).__name__, found)
        return self
    return model_validator(mode="after")(validate)


def of_field(name: str, *checks: Check) -> Any:
    """A field validator (after the types) running `check(value, known)` for each check."""
    def validate(cls: Any, value: Any, info: ValidationInfo) -> Any:
        if info.context is not None and (found := _found(checks, value, info.context)):
            _raise(cls.__name__, found)
        return value
    return field_validator(name)(validate)


def _nation_ref(loc: tuple, nid: str, k: Known) -> Found:
    if (why := k.unknown_nation(nid)) is not None:
        yield loc, why


@listed_as("nations")
def nation(n: Any, k: Known) -> Found:
    x, y = n.position
    if not (0 <= x <= k.width and 0 <= y <= k.height):
        yield ("position",), f"position ({x:g}, {y:g}) is outside the map ({k.width:g} x {k.height:g})"
    pr = n.priorities
    if pr.security + pr.economy + pr.support + pr.influence <= 0:
        yield ("priorities",), "priorities are all zero; give at least one stock a weight above 0"
    if n.doctrine not in k.doctrines:
        yield ("doctrine",), (f"unknown doctrine '{n.doctrine}'{suggest(n.doctrine, list(k.doctrines))} "
                              f"(one of {', '.join(k.doctrines)})")


@listed_as("relations")
def trust(t: Any, k: Known) -> Found:
    yield from _nation_ref(("from",), t.from_, k)
    yield from _nation_ref(("to",), t.to, k)
    if t.from_ == t.to and k.is_nation(t.from_):
        yield (), "trust of a nation in itself has no meaning"


@listed_as("relations")
def pair(p: Any, k: Known) -> Found:
    yield from _nation_ref(("a",), p.a, k)
    yield from _nation_ref(("b",), p.b, k)


@listed_as("organizations")
def organization(o: Any, k: Known) -> Found:
    seen: set[str] = set()
    for m, nid in enumerate(o.members):
        if not k.is_nation(nid):
            yield from _nation_ref(("members", m), nid, k)
        elif nid in seen:
            yield ("members", m), f"'{nid}' is listed twice"
        seen.add(nid)


@listed_as("disable")
def disable(ids: list[str], k: Known) -> Found:
    for m, d in enumerate(ids):
        if d not in k.base:
            yield (m,), f"there is no base action, event or threat '{d}'{suggest(d, list(k.base))}"


@listed_as("scripted")
def scripted(s: Any, k: Known) -> Found:
    if s.turn > k.turns:
        yield ("turn",), f"turn {s.turn} is after the last turn ({k.turns})"
    if s.event not in k.deck:
        yield ("event",), _not_in_deck(s.event, k)
        return
    for m, nid in enumerate(s.targets):
        yield from _nation_ref(("targets", m), nid, k)
    target = k.deck[s.event]
    if s.targets and len(s.targets) != ARITY[target]:
        yield ("targets",), f"'{s.event}' strikes a {target}: give {ARITY[target]} target(s), or none to draw them"


def _not_in_deck(ev: str, k: Known) -> str:
    if ev in k.disabled:
        return f"event '{ev}' is disabled in this scenario (disable[{k.disabled[ev]}])"
    if ev in k.left_out:
        return f"event '{ev}' is left out of this scenario: it acts on the threat '{k.left_out[ev]}', which is disabled"
    return f"unknown event '{ev}'{suggest(ev, list(k.deck))}"


@listed_as("seats")
def seat(s: Any, k: Known) -> Found:
    for m, nid in enumerate(s.nations):
        yield from _nation_ref(("nations", m), nid, k)
    if len(s.nations) != s.teams:
        yield ("nations",), f"{s.teams} teams need {s.teams} nations; {len(s.nations)} are listed"


@listed_as("actions")
def action(a: Any, k: Known) -> Found:
    fields = k.fields("actions", a)
    bad = missing_threats(fields, k.threats) if fields is not None else []
    yield from _threats(bad, k)
    if fields is not None and not bad:
        yield from _partner_only(a.id, fields)


def _partner_only(aid: str, a: dict) -> Found:
    """requires and ai_target aim a card at a partner: on a self or organization action they mean nothing."""
    req = dict(a.get("requires") or {})
    shared = req.pop("shared_org", None)
    if a["target"] in ("partner", "partners"):
        return
    for key, given in (("requires", bool(req) or shared), ("ai_target", a.get("ai_target"))):
        if given:
            yield (key,), (f"{key} is for partner and partners actions; "
                           f"'{aid}' targets {'itself' if a['target'] == 'self' else 'an organization'}")


@listed_as("events")
def event(e: Any, k: Known) -> Found:
    if k.events is None:   # standalone: no base event under it to give what it leaves out
        yield from (((need,), f"missing required key '{need}'") for need in NEEDS["events"]
                    if need != "weight" and getattr(e, need) is None)
    fields = k.fields("events", e)
    if fields is not None:
        sb = fields.get("scale_by")
        if sb and not sb.startswith("threat:") and sb not in SCALE_BY:
            yield ("scale_by",), \
                f"scale_by must be threat:<id> or one of {', '.join(SCALE_BY)}{suggest(sb, list(SCALE_BY))}"
        yield from _threats(missing_threats(fields, k.threats), k)


def _threats(bad: list[tuple[int, str]], k: Known) -> Found:
    for j, th in bad:
        yield (("scale_by",) if j < 0 else ("effects", j, "threat")), k.unknown_threat(th)


@listed_as("concepts and effects")
def own_effects(item: Any, k: Known) -> Found:
    """What an action's or event's own concepts and effects name."""
    for m, c in enumerate(item.concepts or ()):
        if k.concepts and c not in k.concepts:
            yield ("concepts", m), f"unknown codex concept '{c}'{suggest(c, sorted(k.concepts))}"
    for m, eff in enumerate(item.effects or ()):
        if eff.do == "region" and eff.field == "escalation" and eff.over > 1:
            yield ("effects", m, "over"), \
                "the escalation ladder moves in whole steps: an escalation effect cannot be spread 'over' turns"
        org = vars(eff).get("org")   # a model's fields are its instance dict (getattr of a missing one is slow)
        if org is not None and org not in k.organizations:
            yield ("effects", m, "org"), f"unknown organization '{org}'{suggest(org, list(k.organizations))}"

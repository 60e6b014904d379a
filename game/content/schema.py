"""The scenario file format as pydantic models: types, ranges, defaults, help text (exported as JSON Schema), checks."""
from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, create_model

from game.sim.defs import (
    AGGREGATIONS,
    AI_TARGETS,
    CATEGORIES,
    ORG_KINDS,
    PAIR_FIELDS,
    PARAM_HELP,
    STOCKS,
    TARGET_KINDS,
    Params,
)
from game.sim.effects import NUM, REGISTRY

from . import checks
from .rules import RANGES as RULE_RANGES


def _whole(v: Any) -> Any:
    """2.0 is the whole number 2 (JSON Schema says so too); 2.5, "2" and true stay errors."""
    return int(v) if isinstance(v, float) and v.is_integer() else v


# Strict types: a quoted "45" is text and true is not 1, as in JSON Schema, so the editor and `validate` agree.
Whole = Annotated[int, BeforeValidator(_whole)]


def whole(**limits: Any) -> Any:
    """A whole number with limits (the limits go before the validator, or pydantic's JSON Schema loses them)."""
    return Annotated[int, Field(**limits), BeforeValidator(_whole)]


# whole(...) for the fields below, written out: a type checker cannot read a call in an annotation
ActionPoints = Annotated[int, Field(ge=0, le=6), BeforeValidator(_whole)]
BudgetPoints = Annotated[int, Field(ge=0, le=20), BeforeValidator(_whole)]
MaxTargets = Annotated[int, Field(ge=1, le=10), BeforeValidator(_whole)]
TurnNumber = Annotated[int, Field(ge=1), BeforeValidator(_whole)]
TeamCount = Annotated[int, Field(ge=1, le=12), BeforeValidator(_whole)]
TurnCount = Annotated[int, Field(ge=1, le=200), BeforeValidator(_whole)]

STRICT = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, strict=True)

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", min_length=1, max_length=40,
                          description="lower-case id: letters, digits and _ (e.g. 'north_star')")]
Share = Annotated[float, Field(ge=0.0, le=1.0)]
Level = Annotated[float, Field(ge=0.0, le=100.0)]


class Model(BaseModel):
    model_config = STRICT


def _effect_model(name: str) -> type[BaseModel]:
    prim = REGISTRY[name]
    fields: dict[str, Any] = {
        "do": (Literal[name], Field(description=prim.doc)),
        "delay": (Whole, Field(0, ge=0, le=50, description="turns before the effect starts")),
        "over": (Whole, Field(1, ge=1, le=20, description="turns the effect is spread over (a ramp)")),
    }
    for pname, p in prim.params.items():
        typ: Any = float if p.kind == NUM else Whole if p.kind is int else p.kind
        if p.choices:
            typ = Literal[tuple(p.choices)]
        fields[pname] = (typ, ... if p.required else Field(p.default))
    return create_model(f"Effect_{name}", __config__=STRICT, **fields)


EFFECT_MODELS = {name: _effect_model(name) for name in REGISTRY}
# Union[...] of a tuple made at run time: there is no `|` spelling of it
Effect = Annotated[Union[tuple(EFFECT_MODELS.values())], Field(discriminator="do")]  # type: ignore[valid-type]  # noqa: UP007


def D(text: str, default: Any = ..., **kw: Any) -> Any:
    """A field with its help text (shown by editors and in docs/authoring.md)."""
    return Field(default, description=text, **kw)


class Stocks(Model):
    """A nation's four stocks at the start, each 0-100; they drift back toward these values."""
    security: Level = D("military capability and readiness", 50.0)
    economy: Level = D("wealth; sets the budget (economy / 10 budget points a turn, rounded down)", 50.0)
    support: Level = D("domestic approval and civil-military health", 50.0)
    influence: Level = D("reputation and standing in the region", 50.0)


class Priorities(Model):
    """Weights over the stocks that make this nation's National Interest score."""
    security: Annotated[float, Field(ge=0.0, le=10.0)] = D("weight of security in National Interest", 1.0)
    economy: Annotated[float, Field(ge=0.0, le=10.0)] = D("weight of economy in National Interest", 1.0)
    support: Annotated[float, Field(ge=0.0, le=10.0)] = D("weight of support in National Interest", 1.0)
    influence: Annotated[float, Field(ge=0.0, le=10.0)] = D("weight of influence in National Interest", 1.0)


class Nation(Model):
    """One nation of the region."""
    id: Id
    name: str = D("the name players see", min_length=1, max_length=40)
    position: Annotated[list[float], Field(min_length=2, max_length=2)] = D("[x, y] on the map, in map units (inside map.width x map.height)")
    color: str = D("its colour on the map, as \"#rrggbb\"", "#808080", pattern=r"^#[0-9a-fA-F]{6}$")
    stocks: Stocks = D("starting stocks (and the baselines they drift back to)", Stocks())
    militarization: Level = D("how threatening its posture looks to others, 0-100", 30.0)
    priorities: Priorities = D("what its National Interest weighs", Priorities())
    capacity: Whole = D("action points per turn", 3, ge=1, le=6)
    doctrine: str = D("the computer doctrine that plays it when no human does: "
                      "cooperative, hawk, free_rider, reciprocator or hedger", "cooperative")
    _meaning = checks.of_model(checks.nation)


class TrustLink(Model):
    """Starting trust of one nation in another (trust is one-way unless mutual)."""
    model_config = ConfigDict(**STRICT, populate_by_name=True)
    from_: Id = Field(alias="from", description="the nation that trusts")
    to: Id = D("the nation it trusts")
    value: Share = D("trust, 0 (none) to 1 (complete)")
    mutual: bool = D("set the same trust in the other direction too", False)
    _meaning = checks.of_model(checks.trust)


class PairValue(Model):
    """A starting value of another pair relation."""
    field: Literal[PAIR_FIELDS] = D("trust, interop, trade, intel, hotline, tension, agreement or infra")  # type: ignore[valid-type]
    a: Id = D("first nation")
    b: Id = D("second nation")
    value: Share = D("the value, 0-1")
    mutual: bool = D("set it in both directions", True)
    _meaning = checks.of_model(checks.pair)


class Relations(Model):
    """How the nations start out with each other."""
    default_trust: Share = D("everyone's trust in everyone unless set in trust", 0.45)
    trust: list[TrustLink] = D("starting trust of one nation in another", [])
    pairs: list[PairValue] = D("other starting pair values: hotlines, agreements, interoperability ...", [])


class Threat(Model):
    """A base threat's numbers, or a new threat (which then needs every field)."""
    id: Id
    name: str | None = D("the name players see", None)
    aggregation: Literal[AGGREGATIONS] | None = D(  # type: ignore[valid-type]
        "how efforts combine: sum, weakest_link (the least effort counts most) or best_shot (the largest counts)", None)
    start: Level | None = D("level at the start, 0-100", None)
    growth: Annotated[float, Field(ge=-20.0, le=20.0)] | None = D("level added every turn before efforts push back", None)
    damage: dict[Literal[STOCKS], Annotated[float, Field(ge=0.0, le=50.0)]] | None = D(  # type: ignore[valid-type]
        "stock lost by every nation per turn at level 100 (less for secure nations)", None)
    intel_bonus: bool | None = D("intelligence pacts and shared intelligence multiply efforts against it", None)
    guard: str | None = D("a flag (set by cards' flag effects) that spares the nations it marks a share of this threat's "
                          "damage (guard_cut): taking part in the effort protects the one who takes part", None)


class Organization(Model):
    """A regional organization."""
    id: Id
    name: str = D("the name players see", min_length=1)
    kind: Literal[ORG_KINDS] = D(  # type: ignore[valid-type]
        "collective_defence (Article-5 obligations), dialogue_forum (forum sessions) or intel_pact (sharing multiplies efforts)")
    members: list[Id] = D("member nations", min_length=1)
    cohesion: Share = D("how united it is at the start, 0-1", 0.6)
    expected: Annotated[float, Field(ge=0.0, le=10.0)] = D("contribution expected of each member per turn", 1.0)
    _meaning = checks.of_model(checks.organization)


_requires: dict[str, Any] = {
    **{f: (Share, D(f"the actor's {f} toward the target must be at least this", None)) for f in PAIR_FIELDS},
    "shared_org": (Literal[ORG_KINDS + ("any",)], D(
        "allies only: the target must be a fellow member of an organization of this kind (any: of any kind)", None))}
Requires = create_model(
    "Requires", __config__=STRICT,
    __doc__="What a partner must be for the card to aim at it: minimum pair values from the actor toward it, and "
            "an organization both belong to.",
    **_requires)


class Action(Model):
    """An action of the catalog. A new action needs name, category, target and effects;
    an existing id overrides just the fields given."""
    id: Id
    name: str | None = D("the name on its card", None)
    category: Literal[CATEGORIES] | None = D("cooperative or national", None)  # type: ignore[valid-type]
    target: Literal[TARGET_KINDS] | None = D(  # type: ignore[valid-type]
        "self, partner (one nation), partners (up to max_targets) or organization (one the actor belongs to)", None)
    ap: ActionPoints | None = D("action points it costs (default 1)", None)
    budget: BudgetPoints | None = D("budget points it costs (default 0)", None)
    reciprocity: Annotated[float, Field(ge=0.0, le=3.0)] | None = D(
        "bonus share when the partner plays the same action toward you the same turn (or, for organization "
        "actions, scaled by the share of members taking part)", None)
    max_targets: MaxTargets | None = D("for partners targets: how many at most", None)
    org_kind: Literal[ORG_KINDS] | None = D("for organization targets: the kind it needs", None)  # type: ignore[valid-type]
    requires: Requires | None = D(  # type: ignore[valid-type]
        "for partner cards: minimum pair values from the actor toward each target, e.g. {trust: 0.35}, and "
        "shared_org (allies only)", None)
    hostile: bool | None = D("does not count as standing by an ally under attack", None)
    text: str | None = D("the card's text", None)
    concepts: list[str] | None = D("codex concepts it illustrates", None)
    effects: list[Effect] | None = D("what it does: a list of effect primitives", None)  # type: ignore[valid-type]
    replace_effects: bool | None = D("true when the effects given are meant to replace a built-in item's whole "
                                     "list (otherwise validate warns that they do)", None)
    ai_weight: Annotated[float, Field(ge=0.0, le=10.0)] | None = D(
        "how much computer nations want it: multiplies every doctrine's score for the card (default 1; 0: computer "
        "nations never play it; 2: twice as keen)", None)
    ai_target: Literal[AI_TARGETS] | None = D(  # type: ignore[valid-type]
        "for partner cards: whom computer nations aim it at - most_trusted, least_trusted, ally (the most trusted "
        "fellow member of an organization) or rival (the nation it feels most tension toward); default: each "
        "doctrine's own choice", None)
    _meaning = checks.of_model(checks.action, checks.own_effects)


class Event(Model):
    """An event of the deck. A new event needs name, text, target, weight and effects."""
    id: Id
    name: str | None = D("the headline", None)
    text: str | None = D("the news text", None)
    target: Literal["nation", "pair", "region"] | None = D("what it strikes: a nation, a pair of nations or the region", None)
    weight: Annotated[float, Field(ge=0.0, le=1.0)] | None = D("base chance per turn, before scale_by", None)
    scale_by: str | None = D("what makes it likelier: threat:<id>, tension, low_support, low_security or distrust", None)
    attack: bool | None = D("an attack: the victim's collective-defence allies are expected to respond next turn", None)
    shield: str | None = D("a flag (e.g. reformed) that makes a nation three times less likely to be struck", None)
    concepts: list[str] | None = D("codex concepts it illustrates", None)
    effects: list[Effect] | None = D("what it does: a list of effect primitives", None)  # type: ignore[valid-type]
    replace_effects: bool | None = D("true when the effects given are meant to replace a built-in item's whole "
                                     "list (otherwise validate warns that they do)", None)
    _meaning = checks.of_model(checks.event, checks.own_effects)


class Scripted(Model):
    """An event that always strikes on a given turn."""
    turn: TurnNumber = D("the turn it strikes (at most the scenario's turns)")
    event: Id = D("the event's id")
    targets: list[Id] = D("the nation (or pair) it strikes; leave out to draw them", [])
    _meaning = checks.of_model(checks.scripted)


class MapSize(Model):
    """The map's size, in the units of nation positions."""
    width: Annotated[float, Field(gt=0.0)] = D("map width", 100.0)
    height: Annotated[float, Field(gt=0.0)] = D("map height", 60.0)


class Seat(Model):
    """Which nations humans take for a given number of teams."""
    teams: TeamCount = D("number of teams")
    nations: list[Id] = D("the nations they play")
    _meaning = checks.of_model(checks.seat)


TermKind = Literal["joint", "pledge", "trade", "hotline"]
PledgeKind = Literal["contribute", "no_buildup", "share_intel"]
PledgeTurns = Annotated[int, Field(ge=1, le=10), BeforeValidator(_whole)]


class Negotiation(Model):
    """The negotiation step before planning each turn: may nations propose deals, and which terms."""
    enabled: bool = D("nations may propose deals to each other before planning (false: no negotiation)", True)
    terms: list[TermKind] = D("the kinds of term a deal may hold: joint (a gesture both play toward each other this "
                              "turn), pledge, trade (a trade agreement), hotline",
                              ["joint", "pledge", "trade", "hotline"])
    pledges: list[PledgeKind] = D("the pledges a deal may hold: contribute (to an organization), no_buildup, "
                                  "share_intel", ["contribute", "no_buildup", "share_intel"])
    max_turns: PledgeTurns = D("the most turns a pledge may run", 3)


def _rule_field(name: str) -> tuple[Any, Any]:
    """A rules field: its type and its documented range (game/content/rules.py; a field without one has none)."""
    typ: Any = type(getattr(Params(), name))
    rng = RULE_RANGES.get(name)
    if typ is int:
        typ = whole(ge=rng[0], le=rng[1]) if rng is not None else Whole
    elif rng is not None:
        typ = Annotated[typ, Field(ge=rng[0], le=rng[1])]
    return (typ | None, Field(None, description=PARAM_HELP.get(name, "")))


_rules: dict[str, Any] = {f: _rule_field(f) for f in Params.__dataclass_fields__}
Rules = create_model("Rules", __config__=STRICT, **_rules)


class Scenario(Model):
    """A scenario: a region, its nations, organizations and threats, and changes to the base catalog."""
    model_config = ConfigDict(**STRICT, title="Regional Accord scenario")
    id: Id | None = D("the scenario's id (default: the file name)", None)
    name: str = D("the title players see", min_length=1, max_length=80)
    extends: str | None = D("another scenario file (path relative to this one) whose content this one starts from", None)
    turns: TurnCount = D("number of half-year turns", 20)
    briefing: str = D("what the players are told before they start", "")
    map: MapSize = D("the map's size", MapSize())
    stability: Level = D("regional stability at the start, 0-100", 55.0)
    nations: list[Nation] = D("the nations (2-30)", min_length=2, max_length=30)
    relations: Relations = D("starting trust and other pair values", Relations())
    threats: list[Threat] = D("base threats with this region's numbers, and new threats", [])
    organizations: list[Organization] = D("alliances, forums and intelligence pacts", [])
    actions: list[Action] = D("new actions, or changes to base actions (by id)", [])
    events: list[Event] = D("new events, or changes to base events (by id)", [])
    disable: list[Id] = D("ids of base actions, events or threats to leave out", [])
    scripted: list[Scripted] = D("events that strike on a given turn", [])
    rules: Rules = D("the engine's tunable numbers (docs/rules.md), overridden for this scenario", Rules())  # type: ignore[valid-type]
    seats: list[Seat] = D("suggested seats for classroom play", [])
    discussion: list[str] = D("questions for the debrief", [])
    negotiation: Negotiation = D("what nations may propose to each other before planning (docs/rules.md, section 12)",
                                 Negotiation())
    _disable = checks.of_field("disable", checks.disable)


class Catalog(Model):
    """The base ruleset file."""
    threats: list[Threat] = D("the base threats")
    actions: list[Action] = D("the base actions")
    events: list[Event] = D("the base event deck")

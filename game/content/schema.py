"""The scenario file format as pydantic models: types, ranges, defaults and help text (also exported as JSON Schema)."""
from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, create_model

from game.sim.defs import AGGREGATIONS, CATEGORIES, ORG_KINDS, PAIR_FIELDS, STOCKS, TARGET_KINDS, Params
from game.sim.effects import NUM, REGISTRY

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", min_length=1, max_length=40,
                          description="lower-case id: letters, digits and _ (e.g. 'north_star')")]
Share = Annotated[float, Field(ge=0.0, le=1.0)]
Level = Annotated[float, Field(ge=0.0, le=100.0)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


def _effect_model(name: str) -> type[BaseModel]:
    prim = REGISTRY[name]
    fields: dict[str, Any] = {
        "do": (Literal[name], Field(description=prim.doc)),  # type: ignore[valid-type]
        "delay": (int, Field(0, ge=0, le=50, description="turns before the effect starts")),
        "over": (int, Field(1, ge=1, le=20, description="turns the effect is spread over (a ramp)")),
    }
    for pname, p in prim.params.items():
        typ: Any = Literal[p.choices] if p.choices else (float if p.kind == NUM else p.kind)  # type: ignore[valid-type]
        if p.choices:
            typ = Literal[tuple(p.choices)]  # type: ignore[misc]
        fields[pname] = (typ, ... if p.required else Field(p.default))
    return create_model(f"Effect_{name}", __config__=ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False),
                        **fields)


EFFECT_MODELS = {name: _effect_model(name) for name in REGISTRY}
Effect = Annotated[Union[tuple(EFFECT_MODELS.values())], Field(discriminator="do")]  # type: ignore[valid-type]


class Stocks(Model):
    security: Level = 50.0
    economy: Level = 50.0
    support: Level = 50.0
    influence: Level = 50.0


class Priorities(Model):
    """Weights over the stocks that make this nation's National Interest score."""
    security: Annotated[float, Field(ge=0.0, le=10.0)] = 1.0
    economy: Annotated[float, Field(ge=0.0, le=10.0)] = 1.0
    support: Annotated[float, Field(ge=0.0, le=10.0)] = 1.0
    influence: Annotated[float, Field(ge=0.0, le=10.0)] = 1.0


class Nation(Model):
    id: Id
    name: str = Field(min_length=1, max_length=40)
    position: tuple[float, float] = Field(description="where it sits on the map, in map units")
    color: str = Field("#808080", pattern=r"^#[0-9a-fA-F]{6}$")
    stocks: Stocks = Stocks()
    militarization: Level = Field(30.0, description="how threatening its posture looks to others")
    priorities: Priorities = Priorities()
    capacity: int = Field(3, ge=1, le=6, description="action points per turn")
    doctrine: str = Field("cooperative", description="the computer doctrine that plays it when no human does")


class TrustLink(Model):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    from_: Id = Field(alias="from")
    to: Id
    value: Share
    mutual: bool = Field(False, description="set the same trust in the other direction too")


class PairValue(Model):
    field: Literal[PAIR_FIELDS]  # type: ignore[valid-type]
    a: Id
    b: Id
    value: Share
    mutual: bool = True


class Relations(Model):
    default_trust: Share = 0.45
    trust: list[TrustLink] = []
    pairs: list[PairValue] = Field([], description="other starting pair values: hotlines, agreements, interop ...")


class Threat(Model):
    """A base threat's numbers, or a new threat (which then needs every field)."""
    id: Id
    name: str | None = None
    aggregation: Literal[AGGREGATIONS] | None = None  # type: ignore[valid-type]
    start: Level | None = None
    growth: Annotated[float, Field(ge=-20.0, le=20.0)] | None = None
    damage: dict[Literal[STOCKS], Annotated[float, Field(ge=0.0, le=50.0)]] | None = None  # type: ignore[valid-type]
    intel_bonus: bool | None = None


class Organization(Model):
    id: Id
    name: str = Field(min_length=1)
    kind: Literal[ORG_KINDS]  # type: ignore[valid-type]
    members: list[Id] = Field(min_length=1)
    cohesion: Share = 0.6
    expected: Annotated[float, Field(ge=0.0, le=10.0)] = Field(1.0, description="contribution expected of each member per turn")


class Action(Model):
    """An action of the catalog. A new action needs name, category, target and effects;
    an existing id overrides just the fields given."""
    id: Id
    name: str | None = None
    category: Literal[CATEGORIES] | None = None  # type: ignore[valid-type]
    target: Literal[TARGET_KINDS] | None = None  # type: ignore[valid-type]
    ap: Annotated[int, Field(ge=0, le=6)] | None = None
    budget: Annotated[int, Field(ge=0, le=20)] | None = None
    reciprocity: Annotated[float, Field(ge=0.0, le=3.0)] | None = None
    max_targets: Annotated[int, Field(ge=1, le=10)] | None = None
    org_kind: Literal[ORG_KINDS] | None = None  # type: ignore[valid-type]
    requires: dict[Literal[PAIR_FIELDS], Share] | None = None  # type: ignore[valid-type]
    hostile: bool | None = None
    text: str | None = None
    concepts: list[str] | None = None
    effects: list[Effect] | None = None  # type: ignore[valid-type]


class Event(Model):
    """An event of the deck. A new event needs name, text, target, weight and effects."""
    id: Id
    name: str | None = None
    text: str | None = None
    target: Literal["nation", "pair", "region"] | None = None
    weight: Annotated[float, Field(ge=0.0, le=1.0)] | None = None
    scale_by: str | None = Field(None, description="threat:<id>, tension, low_support, low_security or distrust")
    attack: bool | None = None
    shield: str | None = None
    concepts: list[str] | None = None
    effects: list[Effect] | None = None  # type: ignore[valid-type]


class Scripted(Model):
    turn: Annotated[int, Field(ge=1)]
    event: Id
    targets: list[Id] = []


class MapSize(Model):
    width: Annotated[float, Field(gt=0.0)] = 100.0
    height: Annotated[float, Field(gt=0.0)] = 60.0


class Seat(Model):
    teams: Annotated[int, Field(ge=1, le=12)]
    nations: list[Id]


Rules = create_model("Rules", __config__=ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False),
                     **{f: (type(getattr(Params(), f)) | None, None) for f in Params.__dataclass_fields__})


class Scenario(Model):
    """A scenario: a region, its nations, organizations and threats, and changes to the base catalog."""
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, title="Regional Accord scenario")
    id: Id | None = None
    name: str = Field(min_length=1, max_length=80)
    extends: str | None = Field(None, description="another scenario file (relative path) whose content this one starts from")
    turns: Annotated[int, Field(ge=1, le=200)] = 20
    briefing: str = ""
    map: MapSize = MapSize()
    stability: Level = 55.0
    nations: list[Nation] = Field(min_length=2, max_length=30)
    relations: Relations = Relations()
    threats: list[Threat] = []
    organizations: list[Organization] = []
    actions: list[Action] = []
    events: list[Event] = []
    disable: list[Id] = Field([], description="ids of base actions, events or threats to leave out")
    scripted: list[Scripted] = []
    rules: Rules = Rules()  # type: ignore[valid-type]
    seats: list[Seat] = []
    discussion: list[str] = []


class Catalog(Model):
    """The base ruleset file."""
    threats: list[Threat]
    actions: list[Action]
    events: list[Event]

"""Frozen definitions the engine runs on: nations, threats, organizations, actions, events, tunables.

These are built once by game/content from validated YAML; after that the engine trusts them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

STOCKS = ("security", "economy", "support", "influence")
PAIR_FIELDS = ("trust", "interop", "trade", "intel", "hotline", "tension", "agreement", "infra")
ORG_KINDS = ("collective_defence", "dialogue_forum", "intel_pact")
AGGREGATIONS = ("sum", "weakest_link", "best_shot")
TARGET_KINDS = ("self", "partner", "partners", "organization")
CATEGORIES = ("cooperative", "national")
# whom computer nations aim a partner card at when its author says (ActionDef.ai_target; game/ai/levers.py)
AI_TARGETS = ("most_trusted", "least_trusted", "ally", "rival")


@dataclass(frozen=True)
class EffectSpec:
    """One primitive applied with parameters, optionally delayed and spread ('over') several turns."""
    do: str
    params: tuple[tuple[str, Any], ...]
    delay: int = 0
    over: int = 1

    def __post_init__(self) -> None:
        # a dict beside the tuple: param() is called ~200k times per strategist decision (a linear scan was 8 % of it)
        object.__setattr__(self, "_by_name", dict(self.params))

    def param(self, name: str, default: Any = None) -> Any:
        return self._by_name.get(name, default)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class ActionDef:
    id: str
    name: str
    category: str               # cooperative | national
    target: str                 # self | partner | partners | organization
    ap: int
    budget: int
    effects: tuple[EffectSpec, ...]
    reciprocity: float = 0.0    # bonus share when the partner chose the same action toward us
    max_targets: int = 1
    org_kind: str | None = None  # for organization targets: which kind of organization
    requires: tuple[tuple[str, float], ...] = ()  # e.g. (("trust", 0.35),) on the actor->target pair
    text: str = ""
    concepts: tuple[str, ...] = ()
    hostile: bool = False       # does not count as responding to an ally in need
    shared_org: str | None = None   # partner cards: only toward a fellow member of an organization of this kind ("any")
    ai_weight: float = 1.0      # multiplies every doctrine's score for the card; 0: computer nations never play it
    ai_target: str | None = None  # one of AI_TARGETS: whom computer nations aim it at (None: the doctrine's choice)


@dataclass(frozen=True)
class EventDef:
    id: str
    name: str
    text: str
    target: str                 # nation | pair | region
    weight: float               # base chance per turn
    scale_by: str | None        # None | "threat:<id>" | "tension" | "low_support" | "low_security" | "distrust"
    effects: tuple[EffectSpec, ...]
    attack: bool = False        # opens collective-defence obligations for the victim's allies
    concepts: tuple[str, ...] = ()
    shield: str | None = None   # a nation flagged so is hit less often (e.g. 'reformed' against crises)


@dataclass(frozen=True)
class ThreatDef:
    id: str
    name: str
    aggregation: str            # sum | weakest_link | best_shot
    start: float
    growth: float               # added each turn before effort
    damage: tuple[tuple[str, float], ...]   # stock -> loss per turn at level 100
    intel_bonus: bool = False   # intelligence pacts multiply effort against it
    guard: str | None = None    # a flag that cuts this threat's damage to the nations it marks (R5.8)


@dataclass(frozen=True)
class OrgDef:
    id: str
    name: str
    kind: str
    members: tuple[int, ...]
    cohesion: float
    expected: float             # expected contribution per member per turn


@dataclass(frozen=True)
class NationDef:
    id: str
    name: str
    stocks: tuple[float, float, float, float]
    militarization: float
    priorities: tuple[float, float, float, float]
    capacity: int
    position: tuple[float, float]
    doctrine: str
    color: tuple[int, int, int] = (128, 128, 128)


@dataclass(frozen=True)
class ScriptedEvent:
    turn: int
    event: str
    targets: tuple[int, ...] = ()


@dataclass(frozen=True)
class NegotiationRules:
    """What a scenario lets nations propose to each other before planning (game/sim/deals.py): negotiation on or
    off, which kinds of term and which pledges, and how long a pledge may run."""
    enabled: bool = True
    terms: tuple[str, ...] = ("joint", "pledge", "trade", "hotline")
    pledges: tuple[str, ...] = ("contribute", "no_buildup", "share_intel")
    max_turns: int = 3


@dataclass(frozen=True)
class Params:
    """Every tunable number of the dynamics, in one place; scenarios may override any of them."""
    drift_stock: float = 0.06          # share of the gap to baseline closed each turn
    drift_pair: float = 0.04
    drift_militarization: float = 0.05
    dampen_zone: float = 0.25           # diminishing returns in the outer quarter of a range
    budget_per_economy: float = 0.1     # budget points per economy point
    tension_rate: float = 0.3           # how fast tension follows perceived threat
    tension_scale: float = 1.6          # perceived threat = militarization/100 * (1 - trust) * scale * coef
    transparency_relief: float = 0.4
    hotline_relief: float = 0.3
    interop_relief: float = 0.3
    broken_commitment: float = 0.12     # trust the victim loses in an ally who did not respond
    kept_commitment: float = 0.05
    cohesion_gain: float = 0.15         # share of the gap to its burden-sharing level cohesion closes when rising
    cohesion_loss: float = 0.2          # ... and when falling (neglect is felt faster than effort)
    freeride_resentment: float = 0.02   # trust members lose in a member who contributed nothing (more punishment is the reciprocators' choice)
    dividend_defence: float = 2.0       # security a full contributor gets per turn from a fully cohesive alliance
    dividend_forum: float = 1.5         # influence a full contributor gets from a fully cohesive forum
    dividend_intel: float = 1.5         # security a full contributor gets from a fully cohesive intelligence pact
    trade_rate: float = 0.25
    trade_scale: float = 30.0
    trade_income: float = 0.11          # economy per unit of trade above the baseline trade
    investment: float = 0.05            # economy per stability point above 50
    stability_rate: float = 0.15
    # where the regional climate heads (R8.1): talk in the forums counts little, the alliances and pacts that carry
    # collective security much, and a threat let past its crisis level a lot (if many free-ride, the region fails)
    stability_base: float = 18.0
    stability_cohesion: float = 5.0      # per point of the average cohesion of every organization
    security_cohesion: float = 25.0      # per point of the average cohesion of the alliances and intelligence pacts
    threat_crisis: float = 60.0          # threat level above which a threat is a crisis
    crisis_weight: float = 0.4           # stability the climate loses per threat point above the crisis level
    threat_reduction: float = 10.0      # threat points removed per unit of aggregated effort
    base_effort: float = 0.4            # effort each nation gives every threat from its own security
    intel_multiplier: float = 0.6
    deescalate_base: float = 0.25
    instability_escalation: float = 0.3  # chance of a step up per turn while stability < 25
    escalation_drag: float = 1.5         # stability lost per turn per escalation step above 1
    collapse_stability: float = 5.0
    secure_stability: float = 60.0
    conflict_penalty: float = 0.7        # National Interest kept by everyone when the region collapses (at 0.5 the
    # cliff, a 35-point swing one seat's play can tip either way, outweighed every choice: docs/balance.md target 3)
    max_events: int = 3
    suspicion: float = 0.5               # how far tension toward a nation lowers the trust it settles at
    spend_cost: float = 0.4              # economy a nation gives up per budget point it spends (money is real)
    guard_cut: float = 0.5               # share of a threat's damage a guarded nation is spared (R5.8)
    regional_stake: float = 0.15         # share of every nation's National Interest that is the region's stability
    signal_cost: float = 0.3             # how much a gesture's trust grows per point of its cost (ap + budget)
    signal_base: float = 0.4             # a costless gesture's share of the trust it is written to move (cheap talk)
    posture_discount: float = 0.6        # share of a gesture's trust lost by a sender at militarization 100


PARAM_HELP = {
    "drift_stock": "share of the gap to its baseline a stock closes each turn (inertia)",
    "drift_pair": "share of the gap to where it settles (its start, lowered by suspicion) trust closes each turn",
    "drift_militarization": "share of the gap to its starting value militarization closes each turn",
    "dampen_zone": "outer share of every range where gains (or losses) shrink toward the bound",
    "budget_per_economy": "budget points per point of economy",
    "tension_rate": "how fast tension follows perceived threat",
    "tension_scale": "perceived threat = militarization/100 x (1 - trust) x this x relief",
    "transparency_relief": "how much a transparent nation's posture is discounted",
    "hotline_relief": "how much a hotline discounts the perceived threat",
    "interop_relief": "how much interoperability discounts the perceived threat",
    "broken_commitment": "trust the victim loses in an ally who did not respond",
    "kept_commitment": "trust the victim gains in an ally who responded",
    "cohesion_gain": "share of the gap to its burden-sharing level cohesion closes per turn when it rises",
    "cohesion_loss": "share of the gap to its burden-sharing level cohesion closes per turn when it falls",
    "freeride_resentment": "trust members lose in a member who contributed nothing",
    "dividend_defence": "security a member that gave its full share gets per turn from a fully cohesive alliance",
    "dividend_forum": "influence a member that gave its full share gets per turn from a fully cohesive forum",
    "dividend_intel": "security a member that gave its full share gets per turn from a fully cohesive intelligence pact",
    "trade_rate": "how fast trade follows its gravity level",
    "trade_scale": "size of gravity trade",
    "trade_income": "economy per unit of trade above the start",
    "investment": "economy per turn per stability point above 50",
    "stability_rate": "how fast stability follows the regional climate",
    "stability_base": "where the regional climate starts before trust, tension, threats and cohesion move it",
    "stability_cohesion": "climate points per unit of the average cohesion of every organization",
    "security_cohesion": "climate points per unit of the average cohesion of the alliances and intelligence pacts",
    "threat_crisis": "threat level above which a threat is a crisis that costs the climate",
    "crisis_weight": "climate points lost per threat point above the crisis level",
    "threat_reduction": "threat points removed per unit of combined effort",
    "base_effort": "effort every nation gives every threat from its own security (x security/100)",
    "intel_multiplier": "how much intelligence pacts and shared intelligence multiply effort",
    "deescalate_base": "base chance per turn that the ladder steps down",
    "instability_escalation": "chance per turn of a step up while stability is below 25",
    "escalation_drag": "stability lost per turn per escalation step above 1",
    "collapse_stability": "stability at or below which the region collapses",
    "secure_stability": "stability needed (with escalation <= 1) for a secure outcome",
    "conflict_penalty": "share of National Interest everyone keeps when the region collapses",
    "max_events": "most events drawn from the deck in one turn",
    "suspicion": "how far i's tension toward j lowers the level i's trust in j drifts back to",
    "spend_cost": "economy a nation gives up per budget point it spends",
    "guard_cut": "share of a threat's damage a nation flagged with its guard is spared",
    "regional_stake": "share of National Interest that is the region's stability (a region in trouble costs everyone)",
    "signal_cost": "how much more trust a gesture moves per point of what it cost the sender (ap + budget)",
    "signal_base": "share of its written trust a gesture that cost nothing moves (cheap talk)",
    "posture_discount": "share of a gesture's trust lost when the sender's militarization is 100",
}


@dataclass(frozen=True)
class Scenario:
    id: str
    name: str
    turns: int
    nations: tuple[NationDef, ...]
    threats: tuple[ThreatDef, ...]
    orgs: tuple[OrgDef, ...]
    actions: tuple[ActionDef, ...]
    events: tuple[EventDef, ...]
    scripted: tuple[ScriptedEvent, ...] = ()
    params: Params = field(default_factory=Params)
    trust: tuple[tuple[int, int, float], ...] = ()     # initial trust overrides (i, j, value)
    pairs: tuple[tuple[str, int, int, float], ...] = ()  # other initial pair values (field, i, j, value)
    stability: float = 55.0
    briefing: str = ""
    default_trust: float = 0.45
    seats: tuple[tuple[int, tuple[int, ...]], ...] = ()   # (number of teams, nation indices they play)
    discussion: tuple[str, ...] = ()                     # debrief questions
    source: str = ""                                     # the file it was loaded from
    negotiation: NegotiationRules = field(default_factory=NegotiationRules)

    # Lookups used on every turn: built once, cached on the frozen object (not arguments, not in its repr or
    # comparisons, so a scenario's repr and equality are those of what it was built from).
    _action_index: dict[str, ActionDef] = field(init=False, repr=False, compare=False)
    _event_index: dict[str, EventDef] = field(init=False, repr=False, compare=False)
    _nation_index: dict[str, int] = field(init=False, repr=False, compare=False)
    _org_index: dict[str, int] = field(init=False, repr=False, compare=False)
    _threat_index: dict[str, int] = field(init=False, repr=False, compare=False)
    _n: int = field(init=False, repr=False, compare=False)
    levers: dict[str, ActionDef] = field(init=False, repr=False, compare=False)
    _orgs_of: tuple[tuple[int, ...], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_action_index", {a.id: a for a in self.actions})
        object.__setattr__(self, "_event_index", {e.id: e for e in self.events})
        object.__setattr__(self, "_nation_index", {n.id: i for i, n in enumerate(self.nations)})
        object.__setattr__(self, "_org_index", {o.id: i for i, o in enumerate(self.orgs)})
        object.__setattr__(self, "_threat_index", {t.id: i for i, t in enumerate(self.threats)})
        object.__setattr__(self, "_n", len(self.nations))
        # actions whose author steers computer nations (ai_weight, ai_target): none in the shipped scenarios
        object.__setattr__(self, "levers", {a.id: a for a in self.actions if a.ai_weight != 1.0 or a.ai_target})
        object.__setattr__(self, "_orgs_of", tuple(tuple(k for k, o in enumerate(self.orgs) if i in o.members)
                                                   for i in range(len(self.nations))))

    def action(self, action_id: str) -> ActionDef:
        return self._action_index[action_id]

    def event(self, event_id: str) -> EventDef:
        return self._event_index[event_id]

    def nation_index(self, nation_id: str) -> int:
        return self._nation_index[nation_id]

    def org_index(self, org_id: str) -> int:
        return self._org_index[org_id]

    def orgs_of(self, nation: int) -> tuple[int, ...]:
        """The organizations a nation belongs to, in scenario order."""
        return self._orgs_of[nation]

    def threat_index(self, threat_id: str) -> int:
        return self._threat_index[threat_id]

    @property
    def n(self) -> int:
        return self._n

    @property
    def nation_ids(self) -> tuple[str, ...]:
        return tuple(n.id for n in self.nations)

"""The typed contract of the turn report and the history: what every record holds, key by key, as JSON writes it.

These are TypedDicts, so a report stays the plain dict the golden file, saves and `run --out` write byte for byte;
mypy checks every reader against them, tests/test_contract.py checks the engine's output against them (every key
typed, none extra) and that the save model (game/content/savemodel.py) reads exactly these keys.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, TypedDict

Outcome = Literal["secure", "fragile", "conflict"]

# a why-ledger row: [field, index, change, cause kind, cause id, actor, targets] (game/sim/ledger.py, entry_to_list);
# index is None (a whole-array change, the change is then a nested list), an int, or [i, j]
LedgerRow = list[Any]


class EventNews(TypedDict):
    """An event that struck this turn (also a state's `news`)."""
    id: str              # the event's id; "custom:..." for one the facilitator wrote on the spot
    name: str
    text: str
    targets: list[str]   # nation ids: none (the region), one, or a pair


class PlayedOrder(TypedDict):
    action: str
    targets: list[str]   # nation ids, or organization ids for an action aimed at an organization
    reciprocated: bool   # a partner answered it in kind this turn


class ObligationRecord(TypedDict):
    """A call to defend an attacked ally that fell due this turn, and who answered it."""
    org: str
    victim: str
    event: str                   # the event that made the call
    responses: dict[str, bool]   # member nation id -> answered


class AgreementRecord(TypedDict):
    """An agreement that bound this turn (game/sim/agreements.py), and whether each party kept it."""
    id: str                      # "3.1": the first agreement signed in turn 3
    name: str                    # in words, as the why-ledger names it
    proposer: str
    parties: list[str]           # nation ids
    terms: list[str]             # each term in words
    public: bool                 # public: on the projector and in the news; private: its parties only
    signed: int
    until: int                   # its last turn
    kept: dict[str, bool]        # party -> kept it this turn
    status: Literal["running", "kept", "broken"]


class Incident(TypedDict):
    pair: list[str]              # the two nations
    chance: float                # of escalating
    escalated: bool | None       # None when drawn without a random generator (a preview)


class OrgRecord(TypedDict):
    """An organization's burden-sharing this turn (only organizations that expect contributions)."""
    org: str
    contributions: dict[str, float]   # member nation id -> what it gave
    share: float                      # the members' mean share of what was expected


class Summary(TypedDict):
    """The region at the end of the turn, rounded as every reader shows it (game/sim/readings.py computes it)."""
    stability: float
    escalation: int                   # the ladder's step, 0 to 5
    threats: dict[str, float]
    trade: float
    national_interest: dict[str, float]
    cohesion: dict[str, float]


class TurnReport(TypedDict):
    """What happened in one resolution (game/sim/report.py, make_report)."""
    turn: int
    events: list[EventNews]
    injected: int                            # the first this many events were injected by the facilitator
    orders: dict[str, list[PlayedOrder]]     # nation id -> what it played
    obligations: list[ObligationRecord]
    agreements: list[AgreementRecord]
    incidents: list[Incident]
    efforts: dict[str, list[float]]          # threat id -> effective effort per nation
    organizations: list[OrgRecord]
    ladder: str | None                       # the ladder's moves: 'down', 'up', 'down, up'; None if it held
    summary: Summary
    over: bool
    outcome: Outcome | None
    ledger: Sequence[LedgerRow]              # empty when the game keeps no why-ledger (batch runs)


class TurnLedger(TypedDict):
    """The part of a report the why-ledger's readers need (a TurnReport is one; so is a report cut to one field)."""
    turn: int
    ledger: Sequence[LedgerRow]


# -- the history -------------------------------------------------------------------------------------------
class EffectDict(TypedDict):
    do: str
    params: list[list[Any]]      # [name, value] pairs
    delay: int
    over: int


class PendingDict(TypedDict):
    """An effect waiting for its turn (a delayed or spread-out action, a scheduled event)."""
    turn: int
    effect: EffectDict
    actor: int | None
    targets: list[int]
    org: int | None
    scale: float
    cause: list[Any]             # [kind, id, actor, targets]
    repeat: bool


class TermDict(TypedDict):
    kind: str                    # joint | pledge | trade | hotline (game/sim/deals.py)
    action: str
    pledge: str
    org: int | None
    turns: int


class AgreementDict(TypedDict):
    """A running agreement as plain data: nations and organizations by index."""
    id: str
    proposer: int
    parties: list[int]
    public: bool
    signed: int
    until: int
    terms: list[TermDict]


class StateDict(TypedDict):
    """A state as plain data (game/sim/serialize.py): nations, organizations and threats by index."""
    turn: int
    values: dict[str, Any]                    # field -> number, list or list of lists
    pending: list[PendingDict]
    flags: list[list[Any]]                    # [flag, nation, until turn]
    obligations: list[list[Any]]              # [organization, victim, due turn, event]
    agreements: list[AgreementDict]
    last_orders: dict[str, list[list[Any]]]   # nation index (as text) -> [[action, targets], ...]
    news: list[EventNews]
    over: bool
    outcome: Outcome | None
    trust0: list[list[float]] | None
    trade0: list[float] | None


class SavedHistory(TypedDict):
    """A history as a save and its branches keep it: states[k] starts turn k + 1, reports[k] is turn k + 1's."""
    states: list[StateDict]
    reports: list[TurnReport]


class FinalRecord(TypedDict):
    turn: int                    # turns played
    outcome: Outcome | None
    summary: Summary | None      # the last report's, None before the first turn


class HistoryDoc(TypedDict):
    """The history `run --out` writes (format "regional-accord-history", game/runner/headless.py)."""
    format: Literal["regional-accord-history"]
    version: int
    scenario: str
    seed: int
    nations: list[str]
    organizations: list[str]
    threats: list[str]
    doctrines: dict[str, str]    # nation id -> doctrine it was played with
    states: list[StateDict]
    reports: list[TurnReport]
    final: FinalRecord

"""The save file's one strict model: guarded JSON parsing (size, depth, digits, no NaN), an older version migrated to
the current one (savemigrate.py), then every field typed and ranged and the parts checked against one another
(pydantic models and their validators: turns numbered in order, one report fewer than states, ...).

What needs the scenario (shapes, indices, ids, effects) is checked after it is loaded, by savecheck.py: the scenario
is named by the save itself, so it cannot be known while the save is being read. Each check raises
Damaged(where, what); game/content/saves.py turns it into the one-line SaveError
"<file>: damaged save: <where>: <what>". Limits are documented in docs/limits.md. The reports' and states' keys
are those of the engine's contract (game/sim/contract.py; tests/test_contract.py holds the two together).
"""
from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Annotated, Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import ErrorDetails, PydanticCustomError

from .savemigrate import CURRENT, VERSIONS, migrate

FORMAT = "regional-accord-save"
MAX_BYTES = 128 * 1024 * 1024       # a 30-nation, 200-turn game with its why-ledger stays well below
MAX_DEPTH = 24                      # a save nests 10 deep at most (a branch's ledger rows)
MAX_DIGITS = 40                     # no number of a save has more digits
MAX_TURNS = 201                     # scenarios have at most 200 turns (states = reports + 1)
MAX_ITEMS = 200_000                 # ledger rows, pending effects, flags ... of one turn
Outcome = Literal["secure", "fragile", "conflict"] | None
# the timer policies a save may name: the one list of them (what each does: game/app/timer.py, keyed by these)
TimerPolicy = Literal["submit", "computer"]
Text = Annotated[str, Field(max_length=2000)]
Short = Annotated[str, Field(max_length=200)]
Index = Annotated[int, Field(ge=0, le=10_000)]
Turn = Annotated[int, Field(ge=0, le=10_000)]
Num = Annotated[float, Field(allow_inf_nan=False)]


class Damaged(Exception):
    """What is wrong with a save and where: str() is 'where: what' (where may be empty)."""

    def __init__(self, where: str, what: str) -> None:
        self.where, self.what = where, what
        super().__init__(f"{where}: {what}" if where else what)

    def __reduce__(self):  # picklable: rebuilt from both parts (the default passes only the message)
        return (type(self), (self.where, self.what))


# -- guarded parsing -------------------------------------------------------------------------------
_KEEP = bytes(set(range(256)) - set(b'[]{}"'))


def depth(raw: bytes) -> int:
    """How deep the JSON nests, counted on its brackets outside strings (fast: bytes methods and numpy)."""
    bare = raw.replace(b"\\\\", b"").replace(b'\\"', b"").translate(None, delete=_KEEP)
    bare = b"".join(bare.split(b'"')[::2])             # drop what is inside strings
    codes = np.frombuffer(bare, dtype=np.uint8)
    if not codes.size:
        return 0
    step = np.where((codes == 0x5B) | (codes == 0x7B), 1, -1).astype(np.int32)
    return int(np.cumsum(step).max())


def _bad_constant(name: str) -> Any:
    raise Damaged("", f"'{name}' is not a number a save can hold")


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise Damaged("", f"a number has more than {MAX_DIGITS} digits")
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_DIGITS + 10:
        raise Damaged("", f"a number has more than {MAX_DIGITS} digits")
    x = float(text)
    if not math.isfinite(x):
        raise Damaged("", f"the number {text[:20]} is too large")
    return x


def parse(raw: bytes) -> Any:
    """The save's JSON, after the size and depth are checked on the raw bytes; every number's digits are checked
    before it is converted (so nothing huge or deep is ever built)."""
    if len(raw) > MAX_BYTES:
        raise Damaged("", f"the file is {len(raw) // 2 ** 20} MB; a save is at most {MAX_BYTES // 2 ** 20} MB")
    if depth(raw) > MAX_DEPTH:
        raise Damaged("", f"it nests more than {MAX_DEPTH} levels deep")
    text = raw.decode("utf-8")                          # UnicodeDecodeError: the caller says 'not text'
    return json.loads(text, parse_constant=_bad_constant, parse_float=_float, parse_int=_int)


# -- the typed model -------------------------------------------------------------------------------
class M(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


class Open(BaseModel):
    """Engine reports: their known fields are typed; fields a newer engine adds pass through."""
    model_config = ConfigDict(extra="allow", strict=True, allow_inf_nan=False)


def bad(at: tuple, what: str) -> PydanticCustomError:
    """A validator's problem `what` at `at` below the model it checks (check_model joins the two locations)."""
    return PydanticCustomError("save_check", "{what}", {"what": what, "at": at})


def history_problem(states: Sequence[StateM], reports: Sequence[ReportM]) -> PydanticCustomError | None:
    """What is wrong with a history's order: a state per turn and one report fewer, each numbered by its place."""
    if len(states) != len(reports) + 1:
        return bad(("states",), f"{len(states)} turns but {len(reports)} reports (it needs one report fewer)")
    for k, st in enumerate(states):
        if st.turn != k + 1:
            return bad(("states", k, "turn"), f"is {st.turn}; it is the state of turn {k + 1}")
    for k, r in enumerate(reports):
        if r.turn != k + 1:
            return bad(("reports", k, "turn"), f"is {r.turn}; it is the report of turn {k + 1}")
    for k, st in enumerate(states[:-1]):
        if st.over:
            return bad(("states", k, "over"), "the game is over before its last turn")
    return None


class SeatM(M):
    human: bool
    doctrine: Short


class EffectM(M):
    do: Short
    params: list[list[Any]] = Field(max_length=50)
    delay: Annotated[int, Field(ge=0, le=1000)]
    over: Annotated[int, Field(ge=1, le=1000)]


class PendingM(M):
    turn: Turn
    effect: EffectM
    actor: Index | None
    targets: list[Index] = Field(max_length=64)
    org: Index | None
    scale: Num
    cause: list[Any] = Field(min_length=4, max_length=4)
    repeat: bool = False


class EventNewsM(Open):
    id: Short
    name: Text
    text: Annotated[str, Field(max_length=20_000)]
    targets: list[Short] = Field(max_length=2)


class TermM(M):
    kind: Literal["joint", "pledge", "trade", "hotline"]
    action: Short = ""
    pledge: Short = ""
    org: Index | None = None
    turns: Annotated[int, Field(ge=1, le=100)] = 1


class AgreementM(M):
    id: Short
    proposer: Index
    parties: list[Index] = Field(min_length=2, max_length=12)
    public: bool
    signed: Turn
    until: Turn
    terms: list[TermM] = Field(min_length=1, max_length=3)


class StateM(M):
    turn: Annotated[int, Field(ge=1, le=MAX_TURNS + 1)]
    values: dict[Short, Any]
    pending: list[PendingM] = Field(max_length=MAX_ITEMS)
    flags: list[list[Any]] = Field(max_length=MAX_ITEMS)
    obligations: list[list[Any]] = Field(max_length=MAX_ITEMS)
    agreements: list[AgreementM] = Field(max_length=1000)
    last_orders: dict[Short, list[list[Any]]]
    news: list[EventNewsM] = Field(max_length=1000)
    over: bool
    outcome: Outcome
    trust0: list[list[Num]] | None = None
    trade0: list[Num] | None = None


class OrderM(Open):
    action: Short
    targets: list[Short] = Field(max_length=64)
    reciprocated: bool


class ObligationM(Open):
    org: Short
    victim: Short
    event: Short
    responses: dict[Short, bool] = Field(max_length=64)


class AgreementRecordM(Open):
    id: Short
    name: Text
    proposer: Short
    parties: list[Short] = Field(min_length=2, max_length=12)
    terms: list[Text] = Field(max_length=3)
    public: bool
    signed: Turn
    until: Turn
    kept: dict[Short, bool] = Field(max_length=12)
    status: Literal["running", "kept", "broken"]


class IncidentM(Open):
    pair: list[Short] = Field(min_length=2, max_length=2)
    chance: Num
    escalated: bool | None


class OrgRecordM(Open):
    org: Short
    contributions: dict[Short, Num] = Field(max_length=64)
    share: Num


class SummaryM(Open):
    stability: Num
    escalation: int
    threats: dict[Short, Num]
    trade: Num
    national_interest: dict[Short, Num]
    cohesion: dict[Short, Num]


class ReportM(Open):
    turn: Annotated[int, Field(ge=1, le=MAX_TURNS)]
    events: list[EventNewsM] = Field(max_length=1000)
    injected: Annotated[int, Field(ge=0, le=1000)]
    orders: dict[Short, list[OrderM]]
    obligations: list[ObligationM] = Field(max_length=MAX_ITEMS)
    agreements: list[AgreementRecordM] = Field(max_length=1000)
    incidents: list[IncidentM] = Field(max_length=MAX_ITEMS)
    efforts: dict[Short, list[Num]]
    organizations: list[OrgRecordM] = Field(max_length=1000)
    ladder: Short | None
    summary: SummaryM
    over: bool
    outcome: Outcome
    ledger: list[list[Any]] = Field(max_length=MAX_ITEMS)


class HistoryM(M):
    states: list[StateM] = Field(min_length=1, max_length=MAX_TURNS + 1)
    reports: list[ReportM] = Field(max_length=MAX_TURNS)

    @model_validator(mode="after")
    def _in_order(self) -> HistoryM:
        if (problem := history_problem(self.states, self.reports)) is not None:
            raise problem
        return self


class BranchM(Open):
    from_turn: Annotated[int, Field(ge=1, le=MAX_TURNS + 1)]
    label: Annotated[str, Field(max_length=200)] = ""
    turns: Annotated[int, Field(ge=0, le=MAX_TURNS)] | None = None
    over: bool = False
    outcome: Outcome = None
    seats: dict[Short, SeatM] = Field(default_factory=dict, max_length=64)
    history: HistoryM

    @model_validator(mode="after")
    def _from_its_history(self) -> BranchM:
        if self.from_turn > len(self.history.states):
            raise bad(("from_turn",), f"turn {self.from_turn} is outside its history")
        return self


class InjectionM(M):
    event: Short | None = None
    custom: dict[Short, Any] | None = None
    targets: list[Short] = Field(default_factory=list, max_length=2)

    @model_validator(mode="after")
    def _one_event(self) -> InjectionM:
        if (self.event is None) == (self.custom is None):
            raise bad((), "names neither a deck event nor its own event")
        return self


class SeatSwitchM(M):
    turn: Turn
    nation: Short
    human: bool
    doctrine: Short


class FacilitatorM(M):
    timer: Annotated[float, Field(gt=0, le=86_400, allow_inf_nan=False)] | None = None
    policy: TimerPolicy = "submit"
    hide_private: bool = False
    pin: Annotated[str, Field(max_length=512)] | None = None
    pending: list[InjectionM] = Field(default_factory=list, max_length=50)
    seat_log: list[SeatSwitchM] = Field(default_factory=list, max_length=10_000)


class ProposalM(M):
    """A deal proposed in the negotiation step and what became of it (game/app/negotiation.py)."""
    id: Short
    turn: Turn
    proposer: Short
    parties: list[Short] = Field(min_length=2, max_length=12)
    terms: list[TermM] = Field(min_length=1, max_length=3)
    public: bool = True
    answers: dict[Short, Literal["pending", "accept", "decline", "counter"]] = Field(max_length=12)
    counter_of: Short | None = None
    agreement: Short | None = None


class MessageM(M):
    turn: Turn
    sender: Short
    to: list[Short] = Field(min_length=1, max_length=12)
    text: Text


class NegotiationM(M):
    proposals: list[ProposalM] = Field(default_factory=list, max_length=MAX_ITEMS)
    messages: list[MessageM] = Field(default_factory=list, max_length=MAX_ITEMS)


class SaveM(M):
    """A save in the current format (older ones are migrated first: savemigrate.py)."""
    format: Literal["regional-accord-save"]
    version: Literal[4]
    name: Short = "save"
    saved_at: Short = ""
    scenario: Annotated[str, Field(min_length=1, max_length=1000)]
    scenario_id: Short | None = None
    scenario_name: Short | None = None
    nations: list[Short] = Field(min_length=1, max_length=64)
    threats: list[Short] | None = Field(None, max_length=200)
    organizations: list[Short] | None = Field(None, max_length=200)
    seed: Annotated[int, Field(ge=0, le=2 ** 64 - 1)]
    difficulty: Short = "normal"
    seats: dict[Short, SeatM] = Field(max_length=64)
    turn: Annotated[int, Field(ge=1, le=MAX_TURNS + 1)] | None = None
    over: bool = False
    outcome: Outcome = None
    states: list[StateM] = Field(min_length=1, max_length=MAX_TURNS + 1)
    reports: list[ReportM] = Field(max_length=MAX_TURNS)
    branches: list[BranchM] = Field(default_factory=list, max_length=50)
    facilitator: FacilitatorM = Field(default_factory=FacilitatorM)
    negotiation: NegotiationM = Field(default_factory=NegotiationM)
    class_id: Annotated[str, Field(pattern=r"^[0-9a-f]{8,64}$")] | None = None

    @model_validator(mode="after")
    def _agrees(self) -> SaveM:
        if self.turn is not None and self.turn != len(self.states):
            raise bad(("turn",), f"is {self.turn}, but the game has {len(self.states)} turns")
        if self.over != self.states[-1].over:
            raise bad(("over",), "disagrees with the game's last turn")
        if (problem := history_problem(self.states, self.reports)) is not None:
            raise problem
        return self


def _where(loc: Sequence[int | str]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _words(err: ErrorDetails) -> str:
    typ, got = err["type"], err.get("input")
    if typ == "save_check":
        return err["msg"]
    shown = repr(got)[:40] if isinstance(got, (str, int, float, bool)) or got is None else type(got).__name__
    plain = {"missing": "is missing", "extra_forbidden": "is not part of a save", "int_type": "must be a whole number",
             "float_type": "must be a number", "bool_type": "must be true or false", "string_type": "must be text",
             "list_type": "must be a list", "dict_type": "must be a mapping", "model_type": "must be a mapping",
             "literal_error": "is not one of the allowed values", "finite_number": "must be a finite number"}
    msg = plain.get(typ, err["msg"][:1].lower() + err["msg"][1:])
    scalar = isinstance(got, (str, int, float, bool)) or got is None
    return msg if typ in ("missing", "extra_forbidden") or not scalar else f"{msg} (found {shown})"


def upgrade(data: Any) -> dict[str, Any]:
    """The save's data in the current format version (migrated step by step if older); Damaged if it is not a save of
    a version this game reads."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise Damaged("", "not a Regional Accord save")
    if type(data.get("version")) is not int or data.get("version") not in VERSIONS:
        v = data.get("version")
        raise Damaged("version", f"save version {v if isinstance(v, int) else repr(str(v)[:20])} is not supported "
                      f"(this game reads versions {', '.join(map(str, VERSIONS))})")
    return migrate(data) if data["version"] != CURRENT else data


def check_model(data: Any) -> SaveM:
    """The save (of any version this game reads) typed and ranged field by field and its parts checked against one
    another; Damaged names the first problem (and how many more)."""
    data = upgrade(data)
    try:
        return SaveM.model_validate(data)
    except ValidationError as exc:
        errs = exc.errors()
        more = f" (and {len(errs) - 1} more problems)" if len(errs) > 1 else ""
        first = errs[0]
        at = tuple(first.get("ctx", {}).get("at", ())) if first["type"] == "save_check" else ()
        raise Damaged(_where((*first["loc"], *at)), _words(first) + more) from None
    except RecursionError:
        raise Damaged("", "it nests too deep") from None

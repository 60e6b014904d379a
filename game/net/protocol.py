"""The classroom host's wire protocol: every message a browser may send (pydantic models, checked before anything is
applied) and the error reply. Outbound messages are plain JSON dicts built by game/net/views.py.

A message is one JSON object of at most MAX_FRAME bytes with a "type"; anything else - not JSON, too large, an unknown
type, a field of the wrong type or out of range, an extra field - is answered with {"type": "error", "code", "message"}
and changes nothing."""
from __future__ import annotations

import json
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

MAX_FRAME = 4096           # bytes of one inbound message (the largest real one, a message of MAX_TEXT characters
                           # of up to 4 UTF-8 bytes each, is about 2100)
MAX_OUT_QUEUE = 64         # outbound messages waiting for one slow socket before it is dropped

Code = Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9-]+$")]
Device = Annotated[str, Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
Small = Annotated[int, Field(ge=0, le=1000)]


class _Msg(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


# -- a team's device ------------------------------------------------------------------------------------------
class Join(_Msg):
    type: Literal["join"]
    code: Code
    device: Device                     # chosen by the browser, kept in its localStorage: the same device rejoining


class AddOrder(_Msg):
    type: Literal["add_order"]
    action: Annotated[str, Field(min_length=1, max_length=64)]
    targets: Annotated[list[Small], Field(max_length=8)] = []


class RemoveOrder(_Msg):
    type: Literal["remove_order"]
    index: Small


class ClearPlan(_Msg):
    type: Literal["clear_plan"]


class KeepPromises(_Msg):
    type: Literal["keep_promises"]      # add what the team's agreements ask of it this turn (PlanDraft.keep_promises)


class Submit(_Msg):
    type: Literal["submit"]            # end planning: the plan is final unless revised before planning ends


class Revise(_Msg):
    type: Literal["revise"]            # take a submitted plan back to change it (until the turn resolves)


# -- negotiation (a team always acts as its own nation: the proposer, the one answering, the sender) ------------
MAX_TEXT = 500             # characters of one message between teams (a phone screen of text)
ProposalId = Annotated[str, Field(min_length=3, max_length=16, pattern=r"^[0-9]{1,4}\.p[0-9]{1,4}$")]
Partners = Annotated[list[Small], Field(min_length=1, max_length=3)]


class TermMsg(_Msg):
    kind: Literal["joint", "pledge", "trade", "hotline"]
    action: Annotated[str, Field(max_length=64)] = ""
    pledge: Literal["", "contribute", "no_buildup", "share_intel"] = ""
    org: Small | None = None
    turns: Annotated[int, Field(ge=1, le=20)] = 1


Terms = Annotated[list[TermMsg], Field(min_length=1, max_length=3)]


class Propose(_Msg):
    type: Literal["propose"]
    to: Partners
    terms: Terms
    public: bool = True


class AnswerMsg(_Msg):
    type: Literal["answer"]
    proposal: ProposalId
    verdict: Literal["accept", "decline"]


class Counter(_Msg):
    type: Literal["counter"]
    proposal: ProposalId
    terms: Terms


class Message(_Msg):
    type: Literal["message"]
    to: Partners
    text: Annotated[str, Field(min_length=1, max_length=MAX_TEXT)]


class Ping(_Msg):
    type: Literal["ping"]


# -- the facilitator page -------------------------------------------------------------------------------------
class FacLogin(_Msg):
    type: Literal["fac_login"]
    pin: Annotated[str, Field(min_length=1, max_length=64)]
    device: Device


class FacPause(_Msg):
    type: Literal["fac_pause"]
    paused: bool


class FacTimer(_Msg):
    type: Literal["fac_timer"]
    seconds: Annotated[int, Field(ge=0, le=3600)]     # 0: no timer
    policy: Literal["submit", "computer"]


class FacAddTime(_Msg):
    type: Literal["fac_add_time"]
    seconds: Annotated[int, Field(ge=-600, le=600)]


class FacEndPlanning(_Msg):
    type: Literal["fac_end_planning"]  # time is up now: the expiry policy fills in, the turn resolves


class FacInject(_Msg):
    type: Literal["fac_inject"]
    event: Annotated[str, Field(min_length=1, max_length=64)]
    targets: Annotated[list[Small], Field(max_length=2)] = []


class FacRemoveInjection(_Msg):
    type: Literal["fac_remove_injection"]
    index: Small


class FacRewind(_Msg):
    type: Literal["fac_rewind"]
    turn: Annotated[int, Field(ge=1, le=1000)]
    label: Annotated[str, Field(max_length=200)] = ""


class FacSeat(_Msg):
    type: Literal["fac_seat"]
    nation: Small
    human: bool
    doctrine: Annotated[str, Field(max_length=40)] = ""


class FacHide(_Msg):
    type: Literal["fac_hide"]
    hide: bool


class FacKick(_Msg):
    type: Literal["fac_kick"]
    client: Annotated[str, Field(min_length=1, max_length=16)]


Inbound = Annotated[Join | AddOrder | RemoveOrder | ClearPlan | KeepPromises | Submit | Revise | Propose | AnswerMsg | Counter
                    | Message | Ping | FacLogin | FacPause
                    | FacTimer | FacAddTime | FacEndPlanning | FacInject | FacRemoveInjection | FacRewind | FacSeat
                    | FacHide | FacKick, Field(discriminator="type")]
_ADAPTER: TypeAdapter[Inbound] = TypeAdapter(Inbound)
TEAM_TYPES = frozenset({"add_order", "remove_order", "clear_plan", "keep_promises", "submit", "revise", "propose", "answer", "counter",
                        "message"})
DEAL_TYPES = frozenset({"propose", "answer", "counter", "message"})


class ProtocolError(Exception):
    """An inbound message refused: `code` for programs, the message in words for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def error(code: str, message: str) -> dict:
    return {"type": "error", "code": code, "message": message}


def parse(raw: str | bytes) -> _Msg:
    """One inbound frame as its model; ProtocolError (nothing applied) if it is too large, not JSON or not valid."""
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    if len(data) > MAX_FRAME:
        raise ProtocolError("too_large", f"a message may have at most {MAX_FRAME} bytes (this one: {len(data)})")
    try:
        obj = json.loads(data)
    except (ValueError, RecursionError):
        raise ProtocolError("bad_json", "the message is not JSON") from None
    if not isinstance(obj, dict) or not isinstance(obj.get("type"), str):
        raise ProtocolError("bad_message", 'a message is a JSON object with a "type"')
    try:
        return _ADAPTER.validate_python(obj)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()) if p != obj.get("type")) or "message"
        raise ProtocolError("invalid", f"{obj['type'][:40]}: {where}: {first.get('msg', 'invalid')}") from None

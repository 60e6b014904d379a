"""Agreements: a plan judged against them before the turn (unmet); checked at resolution, in the why-ledger."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from .contract import AgreementDict, AgreementRecord
from .deals import Deal, Term, asks, deal_words, is_buildup, term_words
from .ledger import Cause
from .orders import target_problems
from .state import Agreement, Order, State

BROKEN_INFLUENCE = 2.0   # a public promise broken costs reputation, as a failed call to an ally does (R6.7)


def signed(state: State, deals: Sequence[Deal]) -> State:
    """The state with these deals signed as agreements (a copy; the turn does not move): what the nations plan on."""
    if not deals:
        return state
    st = state.copy()
    base = sum(1 for a in st.agreements if a.signed == st.turn)
    for k, d in enumerate(deals):
        st.agreements.append(Agreement(f"{st.turn}.{base + k + 1}", d, st.turn, st.turn + d.length() - 1))
    return st


def name(state: State, ag: Agreement) -> str:
    """The agreement in words, as the ledger and the archive name it."""
    return f"agreement {ag.id}: {deal_words(state, ag.deal)}"


def running(state: State, nation: int | None = None) -> list[Agreement]:
    """The agreements that bind this turn (of one nation, if given)."""
    return [a for a in state.agreements if a.signed <= state.turn <= a.until and
            (nation is None or nation in a.deal.parties)]


def _aims(orders: Sequence[Order], card: str, q: int) -> bool:
    return any(o.action == card and q in o.targets for o in orders)


def gives(orders: Sequence[Order], o: Order) -> bool:
    """Do these orders play `o`'s card toward each of its targets (in one order or several)?"""
    return all(_aims(orders, o.action, q) for q in o.targets)


def term_kept(state: State, d: Deal, t: Term, k: int, orders: Sequence[Order], contrib: Any, withheld: set) -> bool:
    """Did party k keep this term this turn (its orders, and what they contributed)?"""
    card = t.card()
    if card and not all(_aims(orders, card, q) for q in d.others(k)):
        return False
    if t.kind == "pledge" and t.pledge == "contribute":
        return t.org is not None and float(contrib[t.org, k]) > 0.0 and (t.org, k) not in withheld
    if t.kind == "pledge" and t.pledge == "no_buildup":
        return not any(is_buildup(state, o.action) for o in orders)
    return True


def counts_toward(state: State, nation: int, o: Order, org: int) -> bool:
    """Does this order of this nation count toward the organization's contributions (R6.1)?"""
    a = state.scenario.action(o.action)
    kinds = [e.param("kind", "any") for e in a.effects if e.do == "contribute"]
    if a.hostile or not any(k in ("any", state.scenario.orgs[org].kind) for k in kinds):
        return False
    if a.target == "organization":
        return o.targets == (org,)
    if org not in state.orgs_of(nation):
        return False
    return a.target == "self" or any(t in state.members(org) for t in o.targets)


def contribution(state: State, nation: int, org: int, taken: set[str]) -> Order | None:
    """An order that counts toward this organization: a session on it, or a gesture to its most trusted member."""
    members = [m for m in state.members(org) if m != nation]
    friend = max(members, key=lambda m: (float(state.v["trust"][nation, m]), -m), default=None)
    for a in state.scenario.actions:
        if a.id in taken:
            continue
        if a.target == "organization":
            o = Order(a.id, (org,))
        elif a.target in ("partner", "partners") and friend is not None:
            o = Order(a.id, (friend,))
        else:
            continue
        if counts_toward(state, nation, o, org) and not target_problems(state, nation, o):
            return o
    return None


def _withholds(state: State, o: Order, org: int) -> bool:
    a = state.scenario.action(o.action)
    return a.target == "organization" and o.targets == (org,) and any(e.do == "withhold" for e in a.effects)


def unmet(state: State, ag: Agreement, k: int, orders: Sequence[Order]) -> list[str]:
    """What party k's plan lacks, or holds against, to keep this agreement this turn, in words (empty: it keeps
    it). The planning screen shows it before the turn resolves; `check` is the judge after."""
    sc, out = state.scenario, []
    for o in asks(state, ag.deal, k):
        if not gives(orders, o):
            out.append(f"add {sc.action(o.action).name} → {', '.join(sc.nations[q].name for q in o.targets)}")
    for t in ag.deal.terms:
        if t.kind == "pledge" and t.pledge == "no_buildup":
            out += [f"remove {sc.action(o.action).name} (no build-up pledged)" for o in orders if is_buildup(state, o.action)]
        elif t.kind == "pledge" and t.pledge == "contribute" and t.org is not None:
            org = sc.orgs[t.org].name
            if any(_withholds(state, o, t.org) for o in orders):
                out.append(f"stop withholding from {org} (contribution pledged)")
            elif not any(counts_toward(state, k, o, t.org) for o in orders):
                out.append(f"add a contribution to {org}")
    return out


def check(state: State, orders: Mapping[int, Sequence[Order]], contrib: Any, withheld: set) -> list[AgreementRecord]:
    """Every agreement binding this turn, party by party: kept raises each other party's trust in it by
    `kept_commitment`; broken lowers it by `broken_commitment` (and, when public, costs 2 influence) and ends the
    agreement. An agreement whose last turn this is and that every party kept ends kept."""
    p = state.scenario.params
    ids = state.scenario.nation_ids
    out: list[AgreementRecord] = []
    keep: list[Agreement] = []
    for ag in state.agreements:
        if not ag.signed <= state.turn <= ag.until:
            keep.append(ag)
            continue
        d, words = ag.deal, name(state, ag)
        kept = {k: all(term_kept(state, d, t, k, orders.get(k, ()), contrib, withheld) for t in d.terms)
                for k in d.parties}
        for k, ok in kept.items():
            cause = Cause("agreement", ("kept:" if ok else "broken:") + words, k, d.others(k))
            for q in d.others(k):
                state.add("trust", (q, k), p.kept_commitment if ok else -p.broken_commitment, cause)
            if not ok and d.public:
                state.add("influence", k, -BROKEN_INFLUENCE, cause)
        broken = not all(kept.values())
        status: Literal["running", "kept", "broken"] = \
            "broken" if broken else "kept" if state.turn == ag.until else "running"
        if status == "running":
            keep.append(ag)
        out.append({"id": ag.id, "name": words, "proposer": ids[d.proposer], "parties": [ids[k] for k in d.parties],
                    "terms": [term_words(state, t) for t in d.terms], "public": d.public, "signed": ag.signed,
                    "until": ag.until, "kept": {ids[k]: ok for k, ok in kept.items()}, "status": status})
    state.agreements = keep
    return out


def visible(records: Sequence[AgreementRecord], nation: str | None) -> list[AgreementRecord]:
    """The agreement records a nation may see (R12.6): the public ones and its own; None (the facilitator): all."""
    return [r for r in records if nation is None or r["public"] or nation in r["parties"]]


def tally(reports: Sequence[Any]) -> dict[str, dict[str, int]]:
    """Per nation id: agreements it made (signed), kept (its word held to the agreement's end: its last turn, or the
    turn another party broke it) and broken, over these turn reports, so made = kept + broken + still running; and
    its promise-turns kept and checked (the promises-kept index is kept_turns / checked_turns)."""
    out: dict[str, dict[str, int]] = {}
    for r in reports:
        for a in r.get("agreements", ()):
            for nid, ok in a["kept"].items():
                row = out.setdefault(nid, {"made": 0, "kept": 0, "broken": 0, "kept_turns": 0, "checked_turns": 0})
                row["made"] += a["signed"] == r["turn"]
                row["checked_turns"] += 1
                row["kept_turns"] += bool(ok)
                row["broken"] += not ok
                row["kept"] += ok and a["status"] != "running"
    return out


# -- as plain data (states in saves and histories) ---------------------------------------------------------------
def to_dict(ag: Agreement) -> AgreementDict:
    d = ag.deal
    return {"id": ag.id, "proposer": d.proposer, "parties": list(d.parties), "public": d.public,
            "signed": ag.signed, "until": ag.until,
            "terms": [{"kind": t.kind, "action": t.action, "pledge": t.pledge, "org": t.org, "turns": t.turns}
                      for t in d.terms]}


def from_dict(x: Mapping[str, Any]) -> Agreement:
    terms = tuple(Term(t["kind"], t.get("action", ""), t.get("pledge", ""), t.get("org"), int(t.get("turns", 1)))
                  for t in x["terms"])
    deal = Deal(int(x["proposer"]), tuple(int(k) for k in x["parties"]), terms, bool(x["public"]))
    return Agreement(str(x["id"]), deal, int(x["signed"]), int(x["until"]))

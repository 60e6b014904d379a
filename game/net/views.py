"""What the classroom host sends: the public view (what the projector shows, and every socket), one team's private
view (its stocks, budget, action points, relations, cards and targets, its draft with the engine's preview, its own
why-ledger of the last resolution) and the facilitator's view. Built from session.view and game/app/privacy.py only;
nothing here changes the session.

The privacy rule of docs/classroom.md, applied to the network: a team's draft and plan go only to that team's sockets
(orders become public in the turn's resolution); while the facilitator hides private information, another nation's
exact stocks, militarization, National Interest, budget and action points are sent as bands and ranks only, and a
resolution's why-ledger and summary hold only the receiving team's own values."""
from __future__ import annotations

from typing import Any

import numpy as np

from game.app.negotiation import allowed_terms
from game.app.plandraft import promised_answers
from game.app.privacy import BAND_KEY, band
from game.sim.agreements import visible
from game.sim.deals import Term, deal_words, term_words
from game.sim.defs import STOCKS
from game.sim.preview import preview
from game.sim.readings import ladder_step, stability, threat_levels
from game.sim.report import describe_cause, ledger_from_report
from game.sim.scoring import national_interest
from game.sim.state import Order

LEDGER_LINES = 8          # causes shown per value in a team's why-ledger


def _r(x: Any, nd: int = 1) -> float:
    return round(float(x), nd)


def _target_names(sc: Any, action_id: str, targets: list[str] | tuple[int, ...]) -> str:
    a = sc.action(action_id)
    if not targets:
        return ""
    if isinstance(targets[0], str):
        by_id = {n.id: n.name for n in sc.nations} | {o.id: o.name for o in sc.orgs}
        return ", ".join(by_id.get(str(t), str(t)) for t in targets)
    pool = sc.orgs if a.target == "organization" else sc.nations
    return ", ".join(pool[int(t)].name for t in targets if 0 <= int(t) < len(pool))


def public_report(session: Any, report: Any, hidden: bool) -> dict:
    """A resolved turn as everyone may see it: events, every nation's orders (public once resolved), incidents, the
    ladder, the region; National Interest only when private information is shown."""
    sc = session.view.scenario
    by_id = {n.id: n.name for n in sc.nations}
    orders = {by_id[nid]: [{"action": sc.action(o["action"]).name,
                            "targets": _target_names(sc, o["action"], o["targets"]),
                            "reciprocated": bool(o["reciprocated"])} for o in os_]
              for nid, os_ in report["orders"].items()}
    summ = report["summary"]
    out = {"turn": int(report["turn"]), "events": [{"name": e["name"], "text": e["text"],
                                                      "targets": [by_id.get(t, t) for t in e["targets"]]}
                                                     for e in report["events"]],
           "injected": int(report["injected"]), "orders": orders,
           "incidents": [{"pair": [by_id.get(p, p) for p in i["pair"]], "escalated": i["escalated"]}
                         for i in report["incidents"]],
           "ladder": report["ladder"], "stability": summ["stability"], "escalation": summ["escalation"],
           "over": bool(report["over"]), "outcome": report["outcome"],
           "agreements": [_record(sc, r) for r in report.get("agreements", ()) if r["public"]]}
    if not hidden:
        out["national_interest"] = {by_id[k]: v for k, v in summ["national_interest"].items()}
    return out


def public(session: Any, planned: dict[int, bool] | None = None) -> dict:
    """Everything any socket (and the projector) may see now."""
    v = session.view
    st, sc = v.state, v.scenario
    hidden = bool(session.hide_private)
    ni = national_interest(st)
    from game.app import par

    stand = par.standings(session)       # None while the par is being computed: ranked by National Interest then
    ranks = par.team_ranks(stand, st)
    nations = []
    for k, nd in enumerate(sc.nations):
        seat = v.seats.get(k)
        human = bool(seat and seat.human)
        row: dict[str, Any] = {"index": k, "id": nd.id, "name": nd.name, "team": human, "pos": list(nd.position),
                               "status": "computer" if not human else ("planned" if v.planned(k) else "not yet"),
                               "rank": ranks[k]}
        if hidden:
            row["bands"] = {s: band(st.stock(s, k)) for s in STOCKS}
        else:
            row["stocks"] = {s: _r(st.stock(s, k)) for s in STOCKS}
            row["militarization"] = _r(st.v["militarization"][k])
            row["ni"] = _r(ni[k])
            if stand is not None:
                row["standing"] = par.signed(float(stand[k]))
        nations.append(row)
    t = session.timer
    last = v.last_report
    return {
        "type": "public", "scenario": sc.name, "turn": v.turn, "turns": int(sc.turns), "played": v.played,
        "over": v.over, "outcome": st.outcome, "paused": bool(session.paused), "hidden": hidden,
        "band_key": BAND_KEY if hidden else "",
        "timer": {"left": None if t.left is None else _r(t.left, 0), "limit": t.limit, "policy": t.policy,
                  "running": bool(session.timer_running)},
        "region": {"stability": stability(st), "escalation": ladder_step(st),
                   "threats": {th.name: _r(threat_levels(st)[th.id], 2) for th in sc.threats},
                   # what the shared screen's map draws: each pair's trust as the mean of both ways, and cohesion
                   "trust": np.round((st.v["trust"] + st.v["trust"].T) / 2, 2).tolist(),   # diagonal 0: no self-trust
                   "cohesion": [_r(c, 2) for c in st.v["cohesion"]],
                   "orgs": [{"name": og.name, "members": list(og.members)} for og in sc.orgs]},
        "nations": nations,
        "news": [{"name": e["name"], "text": e["text"]} for e in st.news],
        # public agreements binding now (private ones reach only their parties' views)
        "agreements": [_agreement(st, a) for a in v.agreements(None) if a.deal.public] if v.negotiation_on else [],
        "last": public_report(session, last, hidden) if last is not None else None,
    }


def _draft(session: Any, k: int) -> dict:
    sc = session.view.scenario
    d = session.draft(k)
    orders = list(d.orders)
    ap, bud = d.left()
    promises = d.promises()
    res = preview(d.state, k, orders, promised_answers(promises)) if orders else None   # promised answers count
    lines = []
    if res and not res["problems"]:
        for c in sorted(res["changes"], key=lambda c: (c["in_turns"], -abs(c["delta"])))[:16]:
            ix = c["index"]
            if c["field"] == "contribution" and isinstance(ix, (list, tuple)):     # (organization, nation)
                what = f"{sc.nations[int(ix[1])].name}'s contribution to {sc.orgs[int(ix[0])].name}"
            elif c["field"] == "cohesion" and isinstance(ix, int):
                what = f"cohesion of {sc.orgs[ix].name}"
            elif isinstance(ix, (list, tuple)) and len(ix) == 2:
                what = f"{c['field']} {sc.nations[int(ix[0])].name}→{sc.nations[int(ix[1])].name}"
            elif isinstance(ix, int) and c["field"] in STOCKS + ("militarization",):
                what = f"{sc.nations[ix].name} {c['field']}"
            elif isinstance(ix, int) and c["field"] in ("threat",):
                what = f"threat {sc.threats[ix].name}"
            else:
                what = c["field"]
            when = "now" if c["in_turns"] <= 0 else f"in {c['in_turns']} turn{'s' if c['in_turns'] > 1 else ''}"
            lines.append(f"{when}: {what} {c['delta']:+.2f}")
        for inc in res["incidents"]:
            i, j = inc["pair"]
            lines.append(f"chance of an incident {sc.nations[i].name}-{sc.nations[j].name}: {inc['chance'] * 100:.0f}%")
    return {"orders": [{"index": i, "action": o.action, "name": sc.action(o.action).name,
                        "targets": list(o.targets), "target_names": _target_names(sc, o.action, tuple(o.targets))}
                       for i, o in enumerate(orders)],
            "ap_left": ap, "budget_left": bud, "problems": d.problems(),
            "promises": [{"id": x.id, "words": x.words, "lacking": x.lacking, "stake": x.stake} for x in promises],
            "preview": lines, "preview_problems": res["problems"] if res else []}


def _cards(session: Any, k: int) -> list[dict]:
    d = session.draft(k)
    ap, bud = d.left()
    out = []
    for a in session.view.scenario.actions:
        opts = None if a.target == "self" else d.target_options(a)
        # the draft's own refusal, asked only of a card that cannot be played (it looks at every target again)
        refused = a.ap > ap or a.budget > bud or (opts is not None and not any(ok for *_, ok in opts))
        out.append({"id": a.id, "name": a.name, "ap": a.ap, "budget": a.budget, "target": a.target,
                    "max_targets": a.max_targets, "category": a.category, "text": a.text,
                    "blocked": d.blocked(a) if refused else None,
                    "targets": None if opts is None else [{"index": i, "name": name, "detail": detail, "ok": ok}
                                                          for i, name, detail, ok in opts]})
    return out


def own_ledger(session: Any, k: int, report: Any) -> list[dict]:
    """Why the team's own values changed in a resolution: each of its stocks, and its trust in each partner and
    theirs in it (one pass over the turn's why-ledger)."""
    sc = session.view.scenario
    wanted: dict[tuple[str, Any], str] = {(s, k): s for s in STOCKS + ("militarization",)}
    wanted |= {("trust", (k, j)): f"your trust in {sc.nations[j].name}" for j in range(sc.n) if j != k}
    wanted |= {("trust", (j, k)): f"{sc.nations[j].name}'s trust in you" for j in range(sc.n) if j != k}
    by_field: dict[str, list[Any]] = {}
    for f, ix in wanted:
        by_field.setdefault(f, []).append(ix)
    found: dict[tuple[str, Any], list[tuple[Any, float]]] = {key: [] for key in wanted}
    for e in ledger_from_report(report):
        ixs = by_field.get(e.field)
        if ixs is None:
            continue
        if e.index is None:                  # a whole-array change: each wanted element's share
            arr = e.delta
            for ix in ixs:
                d = float(arr[ix])
                if d:
                    found[(e.field, ix)].append((e.cause, d))
        else:
            ix = tuple(int(i) for i in e.index) if isinstance(e.index, (tuple, list)) else int(e.index)
            if (e.field, ix) in found:
                found[(e.field, ix)].append((e.cause, float(e.delta)))
    out = []
    for key, label in wanted.items():
        causes = found[key]
        if not causes:
            continue
        items = sorted(causes, key=lambda cd: -abs(cd[1]))[:LEDGER_LINES]
        out.append({"value": label, "change": round(sum(d for _, d in causes), 3),
                    "causes": [{"cause": describe_cause(sc, c), "change": round(d, 3)} for c, d in items]})
    return out


def team(session: Any, k: int, cache: dict | None = None) -> dict:
    """Team k's private view: only ever sent to sockets of team k. `cache` keeps each team's why-ledger of the last
    resolution between views (it changes only when a turn resolves; keyed by the report itself)."""
    v = session.view
    st, sc = v.state, v.scenario
    seat = v.seats.get(k)
    relations = [{"index": j, "name": sc.nations[j].name, "trust_mine": _r(st.v["trust"][k, j], 2),
                  "trust_theirs": _r(st.v["trust"][j, k], 2), "interop": _r(st.v["interop"][k, j], 2),
                  "trade": _r(st.v["trade"][k, j], 2), "intel": _r(st.v["intel"][k, j], 2),
                  "hotline": bool(st.v["hotline"][k, j] > 0.5)} for j in range(sc.n) if j != k]
    out: dict[str, Any] = {
        "type": "team", "nation": k, "name": sc.nations[k].name, "turn": v.turn, "over": v.over,
        "human": bool(seat and seat.human), "submitted": v.planned(k),
        "stocks": {s: _r(st.stock(s, k)) for s in STOCKS}, "militarization": _r(st.v["militarization"][k]),
        "ni": _r(national_interest(st)[k]), "budget": st.budget(k), "ap": st.capacity(k),
        "relations": relations, "orgs": [sc.orgs[o].name for o in st.orgs_of(k)],
    }
    if not v.over and out["human"]:
        out["draft"] = _draft(session, k)
        out["cards"] = _cards(session, k)
    last = v.last_report
    if last is not None:
        mine = [{"action": sc.action(o["action"]).name, "targets": _target_names(sc, o["action"], o["targets"]),
                 "reciprocated": bool(o["reciprocated"])} for o in last["orders"].get(sc.nations[k].id, [])]
        hit = cache.get(k) if cache is not None else None
        if hit is None or hit[0] is not last:
            hit = (last, own_ledger(session, k, last))
            if cache is not None:
                cache[k] = hit
        out["resolution"] = {"turn": int(last["turn"]), "mine": mine, "ledger": hit[1],
                             "agreements": [_record(sc, r) for r in visible(last.get("agreements", ()), sc.nations[k].id)]}
    if v.over:
        out["debrief"] = debrief(session, k)
    if v.negotiation_on or v.messages(k):
        out["deals"] = deals(session, k)
    return out


# -- negotiation ----------------------------------------------------------------------------------------------
def _term(st: Any, t: Term) -> dict:
    return {"kind": t.kind, "action": t.action, "pledge": t.pledge, "org": t.org, "turns": t.turns,
            "words": term_words(st, t)}


def _proposal(st: Any, p: Any) -> dict:
    sc = st.scenario
    return {"id": p.id, "proposer": sc.nations[p.deal.proposer].name, "mine": False,
            "parties": [sc.nations[q].name for q in p.deal.parties], "public": p.deal.public,
            "terms": [_term(st, t) for t in p.deal.terms], "words": deal_words(st, p.deal),
            "answers": {sc.nations[q].name: a for q, a in p.answers.items()}, "status": p.status,
            "counter_of": p.counter_of, "agreement": p.agreement}


def _agreement(st: Any, a: Any) -> dict:
    sc = st.scenario
    return {"id": a.id, "words": deal_words(st, a.deal), "public": a.deal.public, "signed": a.signed,
            "until": a.until, "parties": [sc.nations[q].name for q in a.deal.parties],
            "state": "signed this turn" if a.signed == st.turn else f"running until turn {a.until}"}


def _record(sc: Any, r: Any) -> dict:
    """An agreement checked at a resolution, with nation names (kept: party -> kept it)."""
    by_id = {n.id: n.name for n in sc.nations}
    return {"id": r["id"], "name": r["name"], "public": r["public"], "status": r["status"],
            "parties": [by_id.get(q, q) for q in r["parties"]], "kept": {by_id.get(q, q): ok for q, ok in r["kept"].items()}}


def deals(session: Any, k: int) -> dict:
    """Team k's negotiation: this turn's proposals it is party to (those waiting for its answer apart), the agreements
    binding this turn it may see (public ones and its own), the messages it sent or received, the terms it may offer.
    A private deal between others and their messages are never here (docs/classroom.md)."""
    v = session.view
    st = v.state
    sc = v.scenario
    waiting = {p.id for p in v.waiting_for(k)} if v.negotiation_on and not v.over else set()
    props = []
    for p in v.proposals(k):
        row = _proposal(st, p)
        row["mine"] = p.deal.proposer == k
        row["waiting"] = p.id in waiting
        props.append(row)
    return {"on": bool(v.negotiation_on), "proposals": props,
            "agreements": [_agreement(st, a) for a in v.agreements(k)],
            "messages": [{"turn": m.turn, "from": sc.nations[m.sender].name, "mine": m.sender == k,
                          "to": [sc.nations[q].name for q in m.to], "text": m.text} for m in v.messages(k)],
            "terms": [_term(st, t) for t in allowed_terms(sc, k)] if v.negotiation_on else [],
            "partners": [{"index": j, "name": sc.nations[j].name, "team": bool(v.seats[j].human)}
                         for j in range(sc.n) if j != k]}


def terms_of(msgs: Any) -> tuple[Term, ...]:
    return tuple(Term(m.kind, m.action, m.pledge, m.org, m.turns) for m in msgs)


def debrief(session: Any, k: int) -> dict:
    """The end of the game for team k: the outcome, the ranking by standing (as every screen ranks, R9.5; by National
    Interest only while the par table is still being computed), its own turns."""
    from game.app import par

    v = session.view
    sc, st = v.scenario, v.state
    ni = national_interest(st)
    vs = par.scores(session, st)
    stand = par.standings(session, st)
    key = ni if stand is None else stand
    order = sorted(range(sc.n), key=lambda j: (-float(key[j]), j))
    hidden = bool(session.hide_private)

    def numbers(j: int) -> dict:
        if hidden and j != k:
            return {}
        return {"ni": _r(ni[j]), **({} if vs is None or stand is None else
                                    {"vs_par": par.signed(float(vs[j])), "standing": par.signed(float(stand[j]))})}

    return {"outcome": st.outcome, "turns": v.played, "by": "National Interest" if stand is None else "standing",
            "ranking": [{"rank": r, "name": sc.nations[j].name, **numbers(j)} for r, j in enumerate(order, 1)],
            "mine": [{"turn": h["turn"], "score": _r(h["score"]),
                      "orders": [sc.action(o.action).name + (f" ({_target_names(sc, o.action, tuple(o.targets))})"
                                                             if o.targets else "") for o in h["orders"]]}
                     for h in v.history_for(k)]}


def facilitator(session: Any, clients: list[dict], codes: dict[int, str]) -> dict:
    """The facilitator page: who has submitted, the clock, the deck, queued events, turns to rewind to, branches, seats,
    devices. Never any team's plan."""
    from game.ai.registry import DOCTRINES

    v = session.view
    sc = v.scenario
    return {"type": "facilitator", "turn": v.turn, "over": v.over, "paused": bool(session.paused),
            "hidden": bool(session.hide_private),
            "timer": {"left": session.timer.left, "limit": session.timer.limit, "policy": session.timer.policy},
            "seats": [{"index": k, "name": nd.name, "human": bool(v.seats[k].human), "doctrine": v.seats[k].doctrine,
                       "status": session.planning_status(k), "code": codes.get(k, "")} for k, nd in enumerate(sc.nations)],
            "doctrines": [{"id": d, "title": DOCTRINES[d].title} for d in DOCTRINES],
            "deck": [{"id": e.id, "name": e.name, "target": e.target} for e in sc.events],
            "pending": [i.describe(sc) for i in v.pending],
            "rewind": session.rewindable_turns(),
            "branches": [b["label"] for b in v.branches],
            "agreements": [_agreement(v.state, a) for a in v.agreements(None) if a.deal.public],
            "private_agreements": sum(1 for a in v.agreements(None) if not a.deal.public),
            "clients": clients}


def order_of(msg: Any) -> Order:
    return Order(str(msg.action), tuple(int(t) for t in msg.targets))

"""A typed save checked against its scenario: every array's shape, bounds and finiteness, every index, id, pending
effect, obligation, order, report and why-ledger row of the game and of its branches. Raises savemodel.Damaged.

What needs no scenario (types, ranges, the order of turns, one report fewer than states) the model has checked."""
from __future__ import annotations

import math
from typing import Any

import numpy as np
from pydantic import ValidationError

from game.sim.state import BOUNDS, initial_values

from .savemodel import Damaged

SLACK = 1e-6     # rounding a value may carry past its bound


def _idx(x: Any, size: int, where: str, what: str) -> int:
    if isinstance(x, bool) or not isinstance(x, int) or not 0 <= x < size:
        raise Damaged(where, f"{str(x)[:20]} is not {what} (0 to {size - 1})" if size else f"there is no {what}")
    return x


def _array(raw: Any, shape: tuple, fname: str, where: str) -> np.ndarray:
    try:
        a = np.array(raw, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise Damaged(where, "is not a table of numbers") from None
    if a.shape != shape:
        raise Damaged(where, f"has shape {a.shape}, the scenario needs {shape}")
    if not np.isfinite(a).all():
        raise Damaged(where, "holds a value that is not a finite number")
    if fname in BOUNDS:
        lo, hi, _ = BOUNDS[fname]
        if a.size and (a.min() < lo - SLACK or a.max() > hi + SLACK):
            raise Damaged(where, f"holds a value outside {lo:g} to {hi:g}")
    return a


class Checker:
    """The checks for one scenario (its sizes, ids and effect vocabulary)."""

    def __init__(self, sc: Any) -> None:
        from game.sim.effects import REGISTRY

        self.sc, self.n = sc, sc.n
        self.shapes = {k: np.asarray(v).shape for k, v in initial_values(sc).items()}
        self.nations = list(sc.nation_ids)
        self.orgs = [o.id for o in sc.orgs]
        self.threats = [t.id for t in sc.threats]
        self.actions = {a.id: a for a in sc.actions}
        self.events = {e.id for e in sc.events}
        self.registry = REGISTRY

    # -- causes and effects ------------------------------------------------------------------------
    def cause(self, c: Any, where: str) -> None:
        if not isinstance(c, list) or len(c) != 4 or not all(isinstance(x, str) for x in c[:2]):
            raise Damaged(where, "is not a cause [kind, id, actor, targets]")
        kind, cid, actor, target = c
        if actor is not None:
            _idx(actor, self.n, where + ".actor", "a nation number")
        if not isinstance(target, list) or len(target) > 64:
            raise Damaged(where + ".targets", "is not a list of numbers")
        if kind == "action":
            if cid not in self.actions:
                raise Damaged(where, f"unknown action '{cid[:40]}'")
            size = len(self.orgs) if self.actions[cid].target == "organization" else self.n
        elif kind == "event":
            if cid not in self.events and not cid.startswith("custom:"):
                raise Damaged(where, f"unknown event '{cid[:40]}'")
            size = self.n
        elif kind == "threat":
            if cid not in self.threats:
                raise Damaged(where, f"unknown threat '{cid[:40]}'")
            size = self.n
        elif kind == "obligation":
            size = self.n
            if len(target) != 2:
                raise Damaged(where, "an obligation names its victim and its organization")
            _idx(target[1], len(self.orgs), where + ".targets[1]", "an organization number")
            target = target[:1]
        elif kind == "organization":
            size = len(self.orgs)
        elif kind == "agreement":
            size = self.n
        elif kind == "dynamic":
            size = max(self.n, len(self.orgs), len(self.threats)) if cid not in ("threat growth", "collective effort") \
                else len(self.threats)
        else:
            raise Damaged(where, f"unknown kind of cause '{kind[:40]}'")
        for k, t in enumerate(target):
            _idx(t, size, f"{where}.targets[{k}]", "a valid target number")

    def effect(self, e: Any, where: str) -> None:
        from . import schema

        if e.do not in self.registry:
            raise Damaged(where + ".do", f"unknown effect primitive '{e.do[:40]}'")
        params: dict[str, Any] = {}
        for k, pair in enumerate(e.params):
            if len(pair) != 2 or not isinstance(pair[0], str):
                raise Damaged(f"{where}.params[{k}]", "is not a [name, value] pair")
            params[pair[0]] = pair[1]
        try:
            schema.EFFECT_MODELS[e.do].model_validate({"do": e.do, **params})
        except ValidationError as exc:
            err = exc.errors()[0]
            raise Damaged(f"{where}.params", f"{'.'.join(map(str, err['loc']))}: {err['msg'].lower()}") from None
        if "threat" in params and params["threat"] not in self.threats:
            raise Damaged(where + ".params", f"unknown threat '{str(params['threat'])[:40]}'")
        if "org" in params and params["org"] not in self.orgs:
            raise Damaged(where + ".params", f"unknown organization '{str(params['org'])[:40]}'")

    # -- a state -----------------------------------------------------------------------------------
    def state(self, st: Any, where: str) -> None:
        if set(st.values) != set(self.shapes):
            missing, extra = sorted(set(self.shapes) - set(st.values)), sorted(set(st.values) - set(self.shapes))
            raise Damaged(where + ".values", f"missing {', '.join(missing)}" if missing else f"unknown {', '.join(extra)[:60]}")
        for name, raw in st.values.items():
            _array(raw, self.shapes[name], name, f"{where}.values.{name}")
        for j, p in enumerate(st.pending):
            w = f"{where}.pending[{j}]"
            self.effect(p.effect, w + ".effect")
            if p.actor is not None:
                _idx(p.actor, self.n, w + ".actor", "a nation number")
            for m, t in enumerate(p.targets):
                _idx(t, self.n, f"{w}.targets[{m}]", "a nation number")
            if p.org is not None:
                _idx(p.org, len(self.orgs), w + ".org", "an organization number")
            if p.turn < st.turn:
                raise Damaged(w + ".turn", f"falls due at turn {p.turn}, before this state's turn {st.turn}")
            if abs(p.scale) > 1e6:
                raise Damaged(w + ".scale", "is not a plausible scale")
            self.cause(p.cause, w + ".cause")
        for j, f in enumerate(st.flags):
            if len(f) != 3 or not isinstance(f[0], str) or isinstance(f[2], bool) or not isinstance(f[2], int):
                raise Damaged(f"{where}.flags[{j}]", "is not a [flag, nation, until turn] entry")
            _idx(f[1], self.n, f"{where}.flags[{j}][1]", "a nation number")
        for j, o in enumerate(st.obligations):
            w = f"{where}.obligations[{j}]"
            if len(o) != 4 or not isinstance(o[3], str) or isinstance(o[2], bool) or not isinstance(o[2], int):
                raise Damaged(w, "is not an [organization, victim, due turn, event] entry")
            _idx(o[0], len(self.orgs), w + "[0]", "an organization number")
            _idx(o[1], self.n, w + "[1]", "a nation number")
        for j, ag in enumerate(st.agreements):
            w = f"{where}.agreements[{j}]"
            for m, k in enumerate(ag.parties):
                _idx(k, self.n, f"{w}.parties[{m}]", "a nation number")
            if ag.proposer not in ag.parties or len(set(ag.parties)) != len(ag.parties):
                raise Damaged(w, "is not an agreement between different nations, its proposer among them")
            for m, t in enumerate(ag.terms):
                self.term(t, f"{w}.terms[{m}]")
        for key, orders in st.last_orders.items():
            w = f"{where}.last_orders.{key[:20]}"
            if not key.isdigit():
                raise Damaged(w, "is not a nation number")
            _idx(int(key), self.n, w, "a nation number")
            for j, o in enumerate(orders):
                if len(o) != 2 or o[0] not in self.actions or not isinstance(o[1], list):
                    raise Damaged(f"{w}[{j}]", "is not an [action, targets] order of this scenario")
                size = len(self.orgs) if self.actions[o[0]].target == "organization" else self.n
                for m, t in enumerate(o[1]):
                    _idx(t, size, f"{w}[{j}].targets[{m}]", "a valid target number")
        for j, news in enumerate(st.news):
            self.ids(news.targets, self.nations, f"{where}.news[{j}].targets", "nation")
        if st.trust0 is not None:
            _array(st.trust0, (self.n, self.n), "trust", where + ".trust0")
        if st.trade0 is not None:
            _array(st.trade0, (self.n,), "", where + ".trade0")

    def term(self, t: Any, where: str) -> None:
        """A deal's term (game/sim/deals.py): the card it names is an action, the organization one of the scenario's."""
        from game.sim.deals import PLEDGES

        if t.action and t.action not in self.actions:
            raise Damaged(where + ".action", f"unknown action '{t.action[:40]}'")
        if t.kind == "pledge" and t.pledge not in PLEDGES:
            raise Damaged(where + ".pledge", f"unknown pledge '{t.pledge[:40]}'")
        if t.org is not None:
            _idx(t.org, len(self.orgs), where + ".org", "an organization number")

    def custom_event(self, data: dict, where: str) -> None:
        from .loader import custom_event
        from .yamlsafe import ContentError

        try:
            custom_event(data, self.sc)
        except ContentError as exc:
            first = exc.problems[0] if exc.problems else None
            raise Damaged(where + (f".{first.loc}" if first and first.loc else ""),
                          first.message if first else "is not an event") from None
        except RecursionError:
            raise Damaged(where, "nests too deep") from None

    def ids(self, got: Any, known: list[str], where: str, what: str) -> None:
        for x in got:
            if x not in known:
                raise Damaged(where, f"unknown {what} '{str(x)[:40]}'")

    # -- a report ----------------------------------------------------------------------------------
    def report(self, r: Any, where: str) -> None:
        for j, ev in enumerate(r.events):
            if ev.id not in self.events and not ev.id.startswith("custom:"):
                raise Damaged(f"{where}.events[{j}].id", f"unknown event '{ev.id[:40]}'")
            self.ids(ev.targets, self.nations, f"{where}.events[{j}].targets", "nation")
        self.ids(r.orders, self.nations, where + ".orders", "nation")
        for nid, orders in r.orders.items():
            for j, o in enumerate(orders):
                w = f"{where}.orders.{nid}[{j}]"
                if o.action not in self.actions:
                    raise Damaged(w + ".action", f"unknown action '{o.action[:40]}'")
                self.ids(o.targets, self.nations + self.orgs, w + ".targets", "nation or organization")
        s = r.summary
        for name, keys in (("national_interest", self.nations), ("threats", self.threats), ("cohesion", self.orgs)):
            if sorted(getattr(s, name)) != sorted(keys):
                raise Damaged(f"{where}.summary.{name}", "does not name the scenario's " + name.replace("_", " "))
        for tid, eff in r.efforts.items():
            if tid not in self.threats or len(eff) != self.n:
                raise Damaged(f"{where}.efforts.{tid[:40]}", "is not an effort per nation against a threat of the scenario")
        for j, ob in enumerate(r.obligations):
            if ob.org not in self.orgs or ob.victim not in self.nations or \
                    any(m not in self.nations for m in ob.responses):
                raise Damaged(f"{where}.obligations[{j}]",
                              "is not an obligation of this scenario's organizations and nations")
        for j, ag in enumerate(r.agreements):
            if ag.proposer not in self.nations or any(m not in self.nations for m in [*ag.parties, *ag.kept]):
                raise Damaged(f"{where}.agreements[{j}]", "is not an agreement between this scenario's nations")
        for j, inc in enumerate(r.incidents):
            if any(p not in self.nations for p in inc.pair):
                raise Damaged(f"{where}.incidents[{j}]", "is not an incident between two nations")
        for j, og in enumerate(r.organizations):
            if og.org not in self.orgs or any(m not in self.nations for m in og.contributions):
                raise Damaged(f"{where}.organizations[{j}]", "is not an organization of this scenario")
        for j, row in enumerate(r.ledger):
            self.ledger_row(row, f"{where}.ledger[{j}]")

    def ledger_row(self, row: list, where: str) -> None:
        if len(row) != 7 or not isinstance(row[0], str) or row[0] not in self.shapes:
            raise Damaged(where, "is not a why-ledger row [field, index, change, kind, id, actor, targets]")
        shape = self.shapes[row[0]]
        ix, delta = row[1], row[2]
        if ix is None:
            _array(delta, shape, "", where + ".change")
        else:
            idx = ix if isinstance(ix, list) else [ix]
            if len(idx) != len(shape):
                raise Damaged(where + ".index", f"does not fit {row[0]}")
            for d, (i, size) in enumerate(zip(idx, shape)):
                _idx(i, size, f"{where}.index[{d}]", f"an index of {row[0]}")
            if isinstance(delta, bool) or not isinstance(delta, (int, float)) or not math.isfinite(delta):
                raise Damaged(where + ".change", "is not a finite number")
        self.cause([row[3], row[4], row[5], row[6]], where + ".cause")

    def history(self, states: list, reports: list, where: str) -> None:
        """A history's states and reports (their number and order the model has checked)."""
        for k, st in enumerate(states):
            self.state(st, f"{where}states[{k}]")
        for k, r in enumerate(reports):
            self.report(r, f"{where}reports[{k}]")

    def save(self, s: Any) -> None:
        """The whole save: seats, history, branches and the facilitator's queue and seat log."""
        if sorted(s.seats) != sorted(self.nations):
            extra = sorted(set(s.seats) - set(self.nations))
            raise Damaged("seats", f"unknown nation '{extra[0][:40]}'" if extra else
                          f"no seat for {', '.join(sorted(set(self.nations) - set(s.seats)))}")
        self.history(s.states, s.reports, "")
        for b, br in enumerate(s.branches):
            self.ids(br.seats, self.nations, f"branches[{b}].seats", "nation")
            self.history(br.history.states, br.history.reports, f"branches[{b}].history.")
        for j, inj in enumerate(s.facilitator.pending):
            w = f"facilitator.pending[{j}]"
            if inj.event is not None and inj.event not in self.events:
                raise Damaged(w + ".event", f"unknown event '{inj.event[:40]}'")
            if inj.custom is not None:
                self.custom_event(inj.custom, w + ".custom")
            self.ids(inj.targets, self.nations, w + ".targets", "nation")
        for j, e in enumerate(s.facilitator.seat_log):
            self.ids([e.nation], self.nations, f"facilitator.seat_log[{j}].nation", "nation")
        for j, p in enumerate(s.negotiation.proposals):
            w = f"negotiation.proposals[{j}]"
            self.ids([p.proposer, *p.parties, *p.answers], self.nations, w, "nation")
            for m, t in enumerate(p.terms):
                self.term(t, f"{w}.terms[{m}]")
        for j, msg in enumerate(s.negotiation.messages):
            self.ids([msg.sender, *msg.to], self.nations, f"negotiation.messages[{j}]", "nation")

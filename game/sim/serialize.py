"""State to plain data and back (for the JSON history, saves and restoring a game at any turn)."""
from __future__ import annotations

import numpy as np

from . import agreements
from .contract import EffectDict, StateDict
from .defs import EffectSpec, Scenario
from .ledger import Cause
from .state import Obligation, Order, Pending, State


def _effect_to(e: EffectSpec) -> EffectDict:
    return {"do": e.do, "params": [[k, v] for k, v in e.params], "delay": e.delay, "over": e.over}


def _effect_from(d: EffectDict) -> EffectSpec:
    return EffectSpec(d["do"], tuple((k, v) for k, v in d["params"]), d["delay"], d["over"])


def state_to_dict(st: State) -> StateDict:
    return {
        "turn": st.turn,
        "values": {k: a.tolist() for k, a in st.v.items()},
        "pending": [{"turn": p.turn, "effect": _effect_to(p.effect), "actor": p.actor, "targets": list(p.targets),
                     "org": p.org, "scale": p.scale, "cause": list(p.cause[:3]) + [list(p.cause.target)],
                     "repeat": p.repeat}
                    for p in st.pending],
        "flags": [[k[0], k[1], until] for k, until in sorted(st.flags.items())],
        "obligations": [list(o) for o in st.obligations],
        "agreements": [agreements.to_dict(a) for a in st.agreements],
        "last_orders": {str(k): [[o.action, list(o.targets)] for o in os] for k, os in sorted(st.last_orders.items())},
        "news": st.news,
        "over": st.over,
        "outcome": st.outcome,
        "trust0": st.trust0.tolist() if st.trust0 is not None else None,
        "trade0": st.trade0.tolist() if st.trade0 is not None else None,
    }


def state_from_dict(sc: Scenario, d: StateDict) -> State:
    v = {k: np.array(a, dtype=float) for k, a in d["values"].items()}
    st = State(scenario=sc, turn=int(d["turn"]), v=v)
    st.pending = [Pending(p["turn"], _effect_from(p["effect"]), p["actor"], tuple(p["targets"]), p["org"], p["scale"],
                          Cause(p["cause"][0], p["cause"][1], p["cause"][2], tuple(p["cause"][3])),
                          bool(p.get("repeat", False)))
                  for p in d["pending"]]
    st.flags = {(f, int(k)): int(u) for f, k, u in d["flags"]}
    st.obligations = [Obligation(*o) for o in d["obligations"]]
    st.agreements = [agreements.from_dict(a) for a in d.get("agreements", [])]
    st.last_orders = {int(k): tuple(Order(a, tuple(t)) for a, t in os) for k, os in d["last_orders"].items()}
    st.news = list(d["news"])
    st.over, st.outcome = bool(d["over"]), d["outcome"]
    st.trust0 = np.array(d["trust0"]) if d.get("trust0") is not None else None
    st.trade0 = np.array(d["trade0"]) if d.get("trade0") is not None else None
    return st

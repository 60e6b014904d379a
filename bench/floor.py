"""The numpy floor of a turn: the same arithmetic as one turn of the engine, written as whole-array numpy with no
Python per value, no ledger and no report. It is a cost model, not a second engine (its numbers are not the game's):
what a turn would cost if every phase were one scatter or one array expression per field.

Phases, as in resolve_turn: the deck rolled (one draw per event, weights from threats and tension), orders applied as
scatter-adds per field with diminishing returns near the bounds, obligations, threats (effort, aggregation,
damage), organizations (contributions against expectations, dividends, free-rider resentment as an outer product),
the security dilemma, drift, gravity trade, stability, escalation; and planning: every nation scores every option of
the catalog at once (one matrix) and takes the best within its action points.
"""
from __future__ import annotations

import numpy as np

STOCKS = ("security", "economy", "support", "influence")
PAIRS = ("trust", "interop", "trade", "intel", "hotline", "tension", "agreement", "infra")


def _damp_add(a: np.ndarray, idx: np.ndarray, amt: np.ndarray, lo: float, hi: float, zone: float = 0.25) -> None:
    """Scatter-add with diminishing returns near the bounds and clamping (State.add, vectorised)."""
    flat = a.reshape(-1)
    cur = flat[idx]
    room = np.where(amt > 0, hi - cur, cur - lo) / (hi - lo)
    step = amt * np.clip(room / zone, 0.0, 1.0)
    np.add.at(flat, idx, step)
    np.clip(flat, lo, hi, out=flat)


class Floor:
    """Prepared once per scenario size: positions, option tables, index buffers."""

    def __init__(self, sc, rng_seed: int = 0) -> None:
        self.n = n = sc.n
        self.o = len(sc.orgs)
        self.t = max(1, len(sc.threats))
        self.e = len(sc.events)
        self.a = len(sc.actions)
        pos = np.array([nd.position for nd in sc.nations], dtype=float)
        self.dist = 0.5 + np.sqrt(((pos[:, None, :] - pos[None, :, :]) ** 2).sum(-1))
        self.member = np.zeros((self.o, n))
        for k, og in enumerate(sc.orgs):
            self.member[k, list(og.members)] = 1.0
        self.weights = np.array([ev.weight for ev in sc.events])
        r = np.random.default_rng(rng_seed)
        # an option table: each action's effect on (stock, partner pair) per nation, scored against priorities
        self.action_gain = r.random((self.a, 4))
        self.prio = np.array([nd.priorities for nd in sc.nations], dtype=float)
        self.ap = np.array([a.ap for a in sc.actions])
        self.cap = np.array([nd.capacity for nd in sc.nations])
        self.diag = np.arange(n) * (n + 1)

    def turn(self, v: dict[str, np.ndarray], rng: np.random.Generator) -> None:
        n, o = self.n, self.o
        # planning: every nation scores every (action, partner) at once and takes its best three
        score = (self.prio @ self.action_gain.T)[:, :, None] * (0.5 + v["trust"][:, None, :]) \
            + rng.random((n, self.a, n)) * 0.15
        score[:, :, np.arange(n)] = -np.inf if n else 0.0
        flat = score.reshape(n, -1)
        best = np.argpartition(-flat, 3, axis=1)[:, :3] if flat.shape[1] > 3 else np.zeros((n, 0), int)
        act, partner = np.divmod(best, n)
        actor = np.repeat(np.arange(n), best.shape[1])
        act, partner = act.ravel(), partner.ravel()
        # the deck: one roll per event, chances from threats and tension
        chance = np.minimum(0.9, self.weights * (0.25 + v["threat"].mean() / 40.0 + 3.0 * v["tension"].max()))
        struck = rng.random(self.e) < chance
        victims = rng.integers(0, n, size=int(struck.sum()))
        _damp_add(v["security"], victims, np.full(victims.size, -3.0), 0, 100)
        # orders as scatters per field: reciprocity from an (actor, partner) table, mutual pair effects, stocks
        chose = np.zeros((n, n))
        chose[actor, partner] = 1.0
        recip = 1.0 + 0.5 * chose[partner, actor]
        amt = 0.02 * recip
        for f in ("trust", "interop", "hotline", "intel"):
            _damp_add(v[f], np.concatenate([actor * n + partner, partner * n + actor]), np.concatenate([amt, amt]), 0, 1)
        _damp_add(v["security"], actor, 0.5 * recip, 0, 100)
        _damp_add(v["influence"], partner, 0.3 * recip, 0, 100)
        _damp_add(v["militarization"], actor, 0.2 * (act % 3 == 0), 0, 100)
        contrib = np.zeros((o, n))
        np.add.at(contrib, (act % max(1, o), actor), self.member[act % max(1, o), actor])
        effort = np.zeros((self.t, n))
        np.add.at(effort, (act % self.t, actor), 1.0)
        # threats: effort with intelligence, aggregation, damage to every nation
        eff = effort + 0.4 * v["security"] / 100.0
        agg = np.stack([eff.mean(axis=1), 0.5 * eff.min(axis=1) + 0.5 * eff.mean(axis=1), 0.5 * eff.max(axis=1)])[0]
        loss = (v["threat"][:, None] / 100.0) * (1.0 - 0.5 * v["security"][None, :] / 100.0)
        for s in ("security", "economy"):
            v[s] -= loss.sum(axis=0) * 0.5
        v["threat"] += 2.0 - 10.0 * agg[: v["threat"].size]
        np.clip(v["threat"], 0, 100, out=v["threat"])
        # organizations: shares, cohesion, dividends, resentment of those who gave nothing (outer product)
        share = np.minimum(contrib / 0.5, 1.0) * self.member
        mean_share = share.sum(axis=1) / np.maximum(self.member.sum(axis=1), 1)
        v["cohesion"] += (mean_share - 0.6) / 0.4 * 0.04
        np.clip(v["cohesion"], 0, 1, out=v["cohesion"])
        v["security"] += (v["cohesion"][:, None] * share).sum(axis=0) * 2.0
        idle = self.member * (share == 0)
        resent = 0.05 * (self.member.T @ (idle * mean_share[:, None]))
        np.fill_diagonal(resent, 0.0)
        v["trust"] -= resent
        # the security dilemma, drift, gravity trade, stability
        coef = np.clip(1.0 - 0.3 * v["hotline"] - 0.3 * v["interop"], 0.2, 1.0)
        perceived = np.clip(v["militarization"][None, :] / 100.0 * (1.0 - v["trust"]) * 1.6 * coef, 0.0, 1.0)
        v["tension"] += 0.3 * (perceived - v["tension"])
        for f, rate in (("interop", 0.03), ("intel", 0.06), ("hotline", 0.02)):
            v[f] *= 1.0 - rate
        for s in STOCKS:
            v[s] += 0.06 * (50.0 - v[s])
        econ = v["economy"] / 100.0
        trust = (v["trust"] + v["trust"].T) / 2.0
        target = 30.0 * np.outer(econ, econ) * (0.3 + 0.7 * trust) * (1 + 0.5 * np.maximum(v["agreement"], v["agreement"].T)) \
            * (1 + 0.4 * np.maximum(v["infra"], v["infra"].T)) * float(v["stability"]) / 100.0 / self.dist
        target.reshape(-1)[self.diag] = 0.0
        v["trade"] += 0.25 * (target - v["trade"])
        v["economy"] += 0.15 * (v["trade"].sum(axis=1) - v["trade"].sum(axis=1).mean())
        for f in PAIRS:
            np.clip(v[f], 0.0, 1.0 if f != "trade" else 100.0, out=v[f])
            v[f].reshape(-1)[self.diag] = 0.0
        for s in STOCKS + ("militarization",):
            np.clip(v[s], 0.0, 100.0, out=v[s])
        off = n * (n - 1) if n > 1 else 1
        climate = 30.0 + 50.0 * v["trust"].sum() / off - 40.0 * v["tension"].sum() / off + 15.0 * v["cohesion"].mean()
        v["stability"] = np.asarray(float(v["stability"]) + 0.15 * (climate - float(v["stability"])))
        if rng.random() < 0.25:
            v["escalation"] = np.asarray(max(0.0, float(v["escalation"]) - 1.0))


def floor_times(sc, states: list, rng_seed: int = 0) -> list[float]:
    """CPU seconds of the floor turn on copies of the given states' values."""
    import time

    fl = Floor(sc, rng_seed)
    rng = np.random.default_rng(rng_seed)
    out = []
    for st in states:
        v = {k: a.copy() for k, a in st.v.items()}
        t0 = time.process_time()
        fl.turn(v, rng)
        out.append(time.process_time() - t0)
    return out

"""End-of-turn dynamics: threats as public goods, organizations, the security dilemma, drift, trade, stability, escalation."""
from __future__ import annotations

import numpy as np

from .contract import OrgRecord
from .defs import STOCKS
from .effects import Scratch
from .ledger import Cause
from .state import BOUNDS, State, baselines


def _offdiag_mean(a: np.ndarray) -> float:
    n = a.shape[0]
    return float(a.sum() / (n * (n - 1))) if n > 1 else 0.0


def aggregate(rule: str, effort: np.ndarray) -> float:
    """Sandler's aggregation technologies, normalised per nation so regions of any size compare."""
    if effort.size == 0:
        return 0.0
    if rule == "weakest_link":
        return 0.75 * float(effort.min()) + 0.25 * _mean(effort)
    if rule == "best_shot":
        return 0.6 * float(effort.max())
    return _mean(effort)


def pivot(rule: str, effort: np.ndarray) -> int | None:
    """The nation an aggregation rule turns on: the weakest link's worst contributor, the best shot's best."""
    if effort.size == 0 or rule == "sum":
        return None
    return int(effort.argmin()) if rule == "weakest_link" else int(effort.argmax())


def effective_effort(state: State, scratch: Scratch) -> np.ndarray:
    """Effort per threat and nation: chosen effort plus a share of own security, multiplied by intelligence pacts."""
    sc, v, p = state.scenario, state.v, state.scenario.params
    eff = scratch.effort + p.base_effort * v["security"] / 100.0
    pact = np.zeros(state.n)
    for o, od in enumerate(sc.orgs):
        if od.kind == "intel_pact":
            for m in od.members:
                pact[m] = max(pact[m], float(v["cohesion"][o]))
    shared = v["intel"].sum(axis=0) / (state.n - 1) if state.n > 1 else np.zeros(state.n)  # intelligence received
    intel_mult = 1.0 + p.intel_multiplier * (0.6 * pact + 0.8 * shared)
    for k, th in enumerate(sc.threats):
        if th.intel_bonus:
            eff[k] = eff[k] * intel_mult
    return eff


def threats(state: State, scratch: Scratch, report: bool = True) -> dict[str, list[float]]:
    """Threats grow, collective effort pushes them back, and what remains damages every nation. Returns each
    threat's effective effort per nation for the report (empty with report=False: the look-ahead reads none)."""
    sc, v, p = state.scenario, state.v, state.scenario.params
    eff = effective_effort(state, scratch)
    interop_bonus = 1.0 + 0.3 * _offdiag_mean(v["interop"])
    out: dict[str, list[float]] = {}
    exposed = None   # 1 - security / 200 per nation, worked out again only after security itself was damaged
    for k, th in enumerate(sc.threats):
        level = float(v["threat"][k])
        for stock, per100 in th.damage:
            if exposed is None:
                exposed = 1.0 - 0.5 * v["security"] / 100.0
            hit = exposed if th.guard is None else exposed * _unguarded(state, th.guard)
            # -(x * exposed) is (-x) * exposed exactly (IEEE products are symmetric in sign): one array pass less
            state.add(stock, None, -(per100 * level / 100.0) * hit, Cause("threat", th.id))
            if stock == "security":
                exposed = None
        reduction = p.threat_reduction * aggregate(th.aggregation, eff[k]) * interop_bonus
        state.add("threat", k, th.growth, Cause("dynamic", "threat growth", None, (k,)))
        # weakest link and best shot: the ledger names the nation the result turned on
        state.add("threat", k, -reduction, Cause("dynamic", "collective effort", pivot(th.aggregation, eff[k]), (k,)))
        if report:
            out[th.id] = [round(float(x), 4) for x in eff[k]]
    return out


def _unguarded(state: State, flag: str) -> np.ndarray:
    """Per nation, the share of a guarded threat's damage it takes (R5.8): 1 - guard_cut where the flag holds."""
    cut = state.scenario.params.guard_cut
    return np.array([1.0 - cut if state.flag(flag, k) else 1.0 for k in range(state.n)])


DIVIDEND = {"collective_defence": ("security", "dividend_defence"), "dialogue_forum": ("influence", "dividend_forum"),
            "intel_pact": ("security", "dividend_intel")}


def burden_level(share: float) -> float:
    """The cohesion an organization heads for when its members give on average `share` of what it expects:
    full at 60 % of expectations (nobody gives all it could every turn), nothing when nobody gives."""
    return min(1.0, max(0.0, share / 0.6))


def organizations(state: State, scratch: Scratch, report: bool = True) -> list[OrgRecord]:
    """Contributions against expectations move cohesion; members resent those who gave nothing. Returns the
    report's rows (none with report=False)."""
    sc, v, p = state.scenario, state.v, state.scenario.params
    out: list[OrgRecord] = []
    for o, od in enumerate(sc.orgs):
        mem = list(od.members)
        if not mem or od.expected <= 0:  # nothing expected: nothing to fall short of
            continue
        c = scratch.contrib[o, mem]
        share = np.minimum(c / max(od.expected, 1e-9), 1.0)
        mean_share = _mean(share)
        # cohesion lives under cooperation and decays under neglect: it closes part of the gap to its level each turn
        gap = burden_level(mean_share) - float(v["cohesion"][o])
        rate = p.cohesion_gain if gap > 0 else p.cohesion_loss
        state.add("cohesion", o, gap * rate, Cause("organization", "burden-sharing", None, (o,)))
        # club goods: a cohesive organization pays each member in proportion to what that member gave
        stock, rate_d = DIVIDEND[od.kind]
        amount = getattr(p, rate_d) * float(v["cohesion"][o])
        shares = share.tolist()
        withheld = [(o, m) in scratch.withheld for m in mem]
        for idx, m in enumerate(mem):
            if shares[idx] > 0 and not withheld[idx]:
                state.add(stock, m, amount * shares[idx], Cause("organization", "membership dividend", m, (o,)))
        if len(mem) > 1:
            riders = [idx for idx in range(len(mem)) if not shares[idx] > 0 or withheld[idx]]
            if riders:
                _resent(state, o, mem, share, riders, withheld)
        if report:
            out.append({"org": od.id, "contributions": {sc.nations[m].id: round(float(x), 3) for m, x in zip(mem, c)},
                        "share": round(mean_share, 3)})
    return out


def _mean(a: np.ndarray) -> float:
    """float(a.mean()) without numpy's Python wrapper: the same sum (add.reduce) over the same count, so the same float."""
    return float(np.add.reduce(a, axis=None)) / a.size


def _resent(state: State, o: int, mem: list[int], share: np.ndarray, riders: list[int], withheld: list[bool]) -> None:
    """The other members' trust in each free-rider of organization o drops in proportion to what the others gave
    (twice for withholding). One organization's pairs (k, m) are all distinct, so they are updated as one array with
    the arithmetic State.add does per value (diminishing returns near 0, clamp), giving the same floats; the ledger
    gets the same rows, in the same order, as one State.add per pair would write."""
    p = state.scenario.params
    n = len(mem)
    ks: list[int] = []
    ms: list[int] = []
    amts: list[float] = []
    for idx in riders:
        m = mem[idx]
        # the others' mean share: the same values, in the same order, that np.delete(share, idx) keeps
        others_share = _mean(share[[j for j in range(n) if j != idx]])
        hurt = p.freeride_resentment * others_share * (2.0 if withheld[idx] else 1.0)
        for k in mem:
            if k != m:
                ks.append(k)
                ms.append(m)
                amts.append(-hurt)
    arr = state.v["trust"]
    lo, hi, _ = BOUNDS["trust"]
    zone = p.dampen_zone
    if len(ks) <= _ARRAY_FROM:
        applied = _scalar_adds(arr, ks, ms, amts, lo, hi, zone)
    else:
        cur = arr[ks, ms]
        amt = np.array(amts)
        room = np.where(amt > 0, hi - cur, cur - lo)
        if hi - lo != 1.0:
            room = room / (hi - lo)
        factor = np.where(room < zone, np.where(room > 0.0, room / zone, 0.0), 1.0)
        amt = np.where(amt != 0.0, amt * factor, amt)
        new = cur + amt
        new = np.where(new > lo, new, lo)
        new = np.where(new < hi, new, hi)
        arr[ks, ms] = new
        applied = (new - cur).tolist()
    led = state.ledger
    if led.on:
        raw = led._raw
        causes = {m: Cause("organization", "free-riding", m, (o,)) for m in set(ms)}   # equal causes: one each
        for k, m, a in zip(ks, ms, applied):
            if a:
                raw.append(("trust", (k, m), a, causes[m]))


_ARRAY_FROM = 48   # below this many pairs plain float arithmetic is cheaper than numpy's per-call overhead


def _scalar_adds(arr: np.ndarray, ks: list[int], ms: list[int], amts: list[float], lo: float, hi: float,
                 zone: float) -> list[float]:
    """State.add's scalar path (diminishing returns, clamp) for distinct pairs, without a call and a lookup per pair."""
    out = []
    span = hi - lo
    for k, m, amt in zip(ks, ms, amts):
        cur = arr.item(k, m)
        if amt:
            room = ((hi - cur) if amt > 0 else (cur - lo)) / span
            if room < zone:
                amt *= room / zone if room > 0.0 else 0.0
        new = cur + amt
        if not new > lo:
            new = lo
        elif not new < hi:
            new = hi
        applied = new - cur
        if applied:
            arr[k, m] = new
        out.append(applied)
    return out


def security_dilemma(state: State) -> None:
    """Richardson: each nation's tension toward another follows the other's militarization, discounted by trust,
    transparency, hotlines and interoperability."""
    v, p, n = state.v, state.scenario.params, state.n
    transparent = np.array([1.0 if state.flag("transparent", k) else 0.0 for k in range(n)])
    coef = 1.0 - p.transparency_relief * transparent[None, :] - p.hotline_relief * v["hotline"] - p.interop_relief * v["interop"]
    coef = np.clip(coef, 0.2, 1.0)
    perceived = np.clip(v["militarization"][None, :] / 100.0 * (1.0 - v["trust"]) * p.tension_scale * coef, 0.0, 1.0)
    state.add("tension", None, p.tension_rate * (perceived - v["tension"]), Cause("dynamic", "security dilemma"), dampen=False)


def drift(state: State) -> None:
    """Inertia: stocks, militarization and relations drift back toward their baselines; unused ties fade."""
    v, p, sc = state.v, state.scenario.params, state.scenario
    const = _constants(sc)
    base = const.base
    cause = Cause("dynamic", "drift")
    for s in STOCKS:
        state.add(s, None, p.drift_stock * (base[s] - v[s]), cause, dampen=False)
    state.add("militarization", None, p.drift_militarization * (const.mil0 - v["militarization"]), cause, dampen=False)
    # suspicion: the tenser i feels toward j (j's arms read as a threat), the lower i's trust in j settles
    assert state.trust0 is not None, "new_game and every save give a game the trust it drifts back to"
    settle = np.clip(state.trust0 - p.suspicion * v["tension"], 0.0, 1.0)
    state.add("trust", None, p.drift_pair * (settle - v["trust"]), cause, dampen=False)
    state.add("interop", None, -0.03 * v["interop"], cause, dampen=False)
    state.add("intel", None, -0.06 * v["intel"], cause, dampen=False)
    state.add("hotline", None, -0.02 * v["hotline"], cause, dampen=False)


class _Constants:
    """What the dynamics read from the scenario alone, worked out once per scenario (read-only arrays)."""

    def __init__(self, sc) -> None:
        self.base = baselines(sc)
        self.mil0 = np.array([nd.militarization for nd in sc.nations])
        pos = np.array([nd.position for nd in sc.nations], dtype=float)
        d = np.sqrt(((pos[:, None, :] - pos[None, :, :]) ** 2).sum(-1))
        n = len(pos)
        mean_d = float(d.sum() / (n * (n - 1))) if n > 1 else 1.0
        self.dist = 0.5 + d / max(mean_d, 1e-9)   # in units of the region's mean distance: maps of any scale trade alike
        for a in (*self.base.values(), self.mil0, self.dist):
            a.setflags(write=False)


_CONSTANTS: dict[int, tuple] = {}


def _constants(sc) -> _Constants:
    """The scenario's constants, by identity (a scenario is frozen); a few scenarios are kept at a time."""
    got = _CONSTANTS.get(id(sc))
    if got is not None and got[0] is sc:
        return got[1]
    if len(_CONSTANTS) >= 32:
        _CONSTANTS.clear()
    c = _Constants(sc)
    _CONSTANTS[id(sc)] = (sc, c)
    return c


def gravity(state: State) -> np.ndarray:
    """Trade a pair would settle at: economies' product over distance, scaled by trust, agreements, infrastructure, stability."""
    v, p, sc = state.v, state.scenario.params, state.scenario
    econ = v["economy"] / 100.0
    trust = (v["trust"] + v["trust"].T) / 2.0
    dist = _constants(sc).dist
    calm = float(v["stability"]) / 100.0 * (1.0 - 0.15 * float(v["escalation"]))
    agree = np.maximum(v["agreement"], v["agreement"].T)
    infra = np.maximum(v["infra"], v["infra"].T)
    target = p.trade_scale * np.outer(econ, econ) * (0.3 + 0.7 * trust) * (1 + 0.5 * agree) * (1 + 0.4 * infra) * calm / dist
    np.fill_diagonal(target, 0.0)
    return target


def economy(state: State) -> None:
    """Trade flows toward the gravity level; trade above the start and a stable region feed each economy."""
    v, p = state.v, state.scenario.params
    state.add("trade", None, p.trade_rate * (gravity(state) - v["trade"]), Cause("dynamic", "gravity trade"), dampen=False)
    gain = p.trade_income * (v["trade"].sum(axis=1) - state.trade0)
    state.add("economy", None, gain, Cause("dynamic", "trade"))
    state.add("economy", None, p.investment * (float(v["stability"]) - 50.0), Cause("dynamic", "investment attracted by stability"))


def _security_cohesion(state: State) -> float:
    """Mean cohesion of the organizations that carry collective security (alliances, intelligence pacts): what a
    region of free-riders loses, however often it still talks in its forums."""
    coh = state.v["cohesion"]
    vals = [float(coh[o]) for o, od in enumerate(state.scenario.orgs) if od.kind != "dialogue_forum"]
    if vals:
        return sum(vals) / len(vals)
    return _mean(coh) if coh.size else 0.5   # a region of forums only: its forums are what it has


def stability(state: State) -> None:
    """The regional climate: trust, tension, threats, cohesion and the escalation ladder set where stability heads."""
    v, p = state.v, state.scenario.params
    esc = float(v["escalation"])
    if esc > 1:
        state.add("stability", (), -p.escalation_drag * (esc - 1), Cause("dynamic", "escalation"))
        state.add("economy", None, -0.5 * (esc - 1), Cause("dynamic", "escalation"))
    coh = _mean(v["cohesion"]) if v["cohesion"].size else 0.5
    sec = _security_cohesion(state)
    th = v["threat"]
    crisis = float(np.maximum(th - p.threat_crisis, 0.0).sum()) if th.size else 0.0
    target = (p.stability_base + 50.0 * _offdiag_mean(v["trust"]) - 40.0 * _offdiag_mean(v["tension"])
              - 0.2 * (_mean(th) if th.size else 0.0) + p.stability_cohesion * coh + p.security_cohesion * sec
              - p.crisis_weight * crisis)
    state.add("stability", (), p.stability_rate * (target - float(v["stability"])), Cause("dynamic", "regional climate"))


def escalation(state: State, scratch: Scratch, rng: np.random.Generator) -> list[str]:
    """The ladder steps down when calm and talked down, and up when the region is unstable.
    Returns the moves made, in order ('down', 'up'). At the top of the ladder (open conflict) nothing is talked down."""
    v, p = state.v, state.scenario.params
    esc = float(v["escalation"])
    moved: list[str] = []
    if 0 < esc < 5 and not scratch.escalated:
        p_down = (p.deescalate_base + 0.1 * min(scratch.dialogue, 4.0) + 0.3 * _offdiag_mean(v["hotline"])
                  - 0.5 * _offdiag_mean(v["tension"]))
        if rng.random() < min(0.9, max(0.05, p_down)):
            state.add("escalation", (), -1.0, Cause("dynamic", "de-escalation"))
            moved.append("down")
    if float(v["stability"]) < 25.0 and rng.random() < p.instability_escalation:
        state.add("escalation", (), 1.0, Cause("dynamic", "instability"))
        moved.append("up")
    return moved

"""Game state: every number of the model in named numpy arrays, changed only through State.add (which writes the ledger, when kept)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from .contract import EventNews, Outcome
from .defs import PAIR_FIELDS, STOCKS, Scenario
from .ledger import Cause, Ledger

if TYPE_CHECKING:
    from .deals import Deal

# field -> (low, high, diminishing returns near the bounds?)
BOUNDS: dict[str, tuple[float, float, bool]] = {
    **{s: (0.0, 100.0, True) for s in STOCKS},
    "militarization": (0.0, 100.0, True),
    **{p: (0.0, 1.0, True) for p in PAIR_FIELDS},
    "trade": (0.0, 100.0, True),
    "stability": (0.0, 100.0, True),
    "escalation": (0.0, 5.0, False),
    "threat": (0.0, 100.0, True),
    "cohesion": (0.0, 1.0, True),
    "contribution": (0.0, 1e9, False),
}
PAIRS = PAIR_FIELDS
NATION_FIELDS = STOCKS + ("militarization",)
REGION_FIELDS = ("stability", "escalation", "threat")
ORG_FIELDS = ("cohesion", "contribution")


class Order(NamedTuple):
    """One action a nation plays this turn: the action id and its targets (nation or organization indices)."""
    action: str
    targets: tuple[int, ...] = ()


class Pending(NamedTuple):
    """A delayed share of an effect, due at the resolution of `turn`."""
    turn: int
    effect: Any            # EffectSpec (with delay/over already accounted for)
    actor: int | None
    targets: tuple[int, ...]
    org: int | None
    scale: float
    cause: Cause
    repeat: bool = False   # a later partner's share of a multi-partner action (the actor's share is paid once)


class Obligation(NamedTuple):
    """Allies of `victim` in `org` are expected to respond during the resolution of turn `due`."""
    org: int
    victim: int
    due: int
    event: str


class Agreement(NamedTuple):
    """A deal every party accepted (game/sim/agreements.py checks it at each resolution from `signed` to `until`)."""
    id: str          # "3.1": the first agreement signed in turn 3
    deal: Deal
    signed: int
    until: int       # the last turn it runs


@dataclass
class State:
    scenario: Scenario
    turn: int                                   # the turn being planned (1-based)
    v: dict[str, np.ndarray]
    pending: list[Pending] = field(default_factory=list)
    flags: dict[tuple[str, int], int] = field(default_factory=dict)   # (flag, nation) -> last turn it holds
    obligations: list[Obligation] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)   # running agreements (signed, not yet due or broken)
    last_orders: dict[int, tuple[Order, ...]] = field(default_factory=dict)
    news: list[EventNews] = field(default_factory=list)   # events of the last resolution (public)
    over: bool = False
    outcome: Outcome | None = None
    ledger: Ledger = field(default_factory=Ledger)   # entries of the resolution in progress
    trust0: np.ndarray | None = None   # constants of the game: the trust that relations drift back to
    trade0: np.ndarray | None = None   # and each nation's starting trade, which trade income is measured from

    @property
    def n(self) -> int:
        return self.scenario.n

    def copy(self) -> State:
        return State(
            scenario=self.scenario, turn=self.turn,
            v={k: a.copy() for k, a in self.v.items()},
            pending=list(self.pending), flags=dict(self.flags),
            obligations=list(self.obligations), agreements=list(self.agreements), last_orders=dict(self.last_orders),
            news=list(self.news), over=self.over, outcome=self.outcome, ledger=Ledger(),
            trust0=self.trust0, trade0=self.trade0,
        )

    # -- the one way values change -------------------------------------------------------
    def add(self, fname: str, index: Any, amount: Any, cause: Cause, dampen: bool = True) -> Any:
        """Add `amount` to v[fname][index] with diminishing returns near bounds and clamping.

        index None means the whole array (amount broadcast). Records the applied change in the
        ledger and returns it.
        """
        arr = self.v[fname]
        lo, hi, damp = BOUNDS[fname]
        if index is None:
            cur = arr   # read only until `applied` is known, so no copy is needed
            amt = np.asarray(amount, dtype=float)
            if damp and dampen:
                amt = _dampen_array(cur, amt, lo, hi, self.scenario.params.dampen_zone)
            new = np.asarray(cur + amt)   # an array even for a 0-d field, so the clamp can work in place
            np.maximum(new, lo, out=new)   # in place: one array for the whole clamp
            np.minimum(new, hi, out=new)
            if arr.ndim == 2:  # pair fields: a nation has no relation with itself (np.fill_diagonal, without its overhead)
                step, end = arr.shape[1] + 1, arr.shape[1] * arr.shape[1]
                new.reshape(-1)[:end:step] = cur.reshape(-1)[:end:step]
            applied = new - cur
            if not _count_nonzero(applied):   # applied.any(), without numpy's Python wrapper
                return applied
            arr[...] = new
            if self.ledger.on:
                self.ledger._raw.append((fname, None, applied, cause))   # one operation, however many values
            return applied
        # one value: plain floats (names of their own, as the arrays above are another type)
        was = arr.item(index) if index != () else float(arr)
        dx = float(amount)
        if damp and dampen and dx:
            # diminishing returns in the outer part of the range (inlined: this is the engine's hottest line)
            room = ((hi - was) if dx > 0 else (was - lo)) / (hi - lo)
            zone = self.scenario.params.dampen_zone
            if room < zone:
                dx *= room / zone if room > 0.0 else 0.0   # max(0.0, room / zone), without the call
        now = was + dx
        # min(hi, max(lo, now)) as the comparisons those builtins make (NaN included), without the calls
        if not now > lo:
            now = lo
        elif not now < hi:
            now = hi
        change = now - was
        if change:
            arr[index] = now
            led = self.ledger
            if led.on:
                led._raw.append((fname, index, change, cause))   # a plain tuple; Ledger.compact makes columns of it
        return change

    # -- reading -------------------------------------------------------------------------
    def stock(self, name: str, nation: int) -> float:
        return float(self.v[name][nation])

    def flag(self, name: str, nation: int) -> bool:
        return self.flags.get((name, nation), -1) >= self.turn

    def budget(self, nation: int) -> int:
        return int(self.v["economy"][nation] * self.scenario.params.budget_per_economy)

    def capacity(self, nation: int) -> int:
        return self.scenario.nations[nation].capacity

    def members(self, org: int) -> tuple[int, ...]:
        return self.scenario.orgs[org].members

    def orgs_of(self, nation: int) -> tuple[int, ...]:
        return self.scenario.orgs_of(nation)


_count_nonzero = np.count_nonzero

try:   # the clip ufunc itself: what np.clip computes, without two layers of Python wrappers
    _clip = np._core.umath.clip  # type: ignore[attr-defined]  # private, so not in numpy's stubs
except AttributeError:  # pragma: no cover - other numpy layouts
    _clip = np.clip


def _dampen_array(cur: np.ndarray, amt: np.ndarray, lo: float, hi: float, zone: float) -> np.ndarray:
    # the passes that cannot change a value are skipped: x - 0.0 and x / 1.0 are x exactly (pair fields are 0..1)
    room = np.where(amt > 0, hi - cur, cur - lo if lo else cur)
    if hi - lo != 1.0:
        room /= hi - lo
    room /= zone
    return amt * _clip(room, 0.0, 1.0, out=room)


def initial_values(sc: Scenario) -> dict[str, np.ndarray]:
    """The scenario's starting numbers as arrays."""
    n, o = sc.n, len(sc.orgs)
    v: dict[str, np.ndarray] = {}
    for k, s in enumerate(STOCKS):
        v[s] = np.array([nd.stocks[k] for nd in sc.nations], dtype=float)
    v["militarization"] = np.array([nd.militarization for nd in sc.nations], dtype=float)
    for p in PAIR_FIELDS:
        v[p] = np.zeros((n, n))
    v["trust"][:] = sc.default_trust
    v["tension"][:] = 0.1
    for i, j, val in sc.trust:
        v["trust"][i, j] = val
    for fname, i, j, val in sc.pairs:
        v[fname][i, j] = val
    for p in PAIR_FIELDS:
        np.fill_diagonal(v[p], 0.0)
    v["stability"] = np.array(sc.stability)
    v["escalation"] = np.array(0.0)
    v["threat"] = np.array([th.start for th in sc.threats], dtype=float)
    v["cohesion"] = np.array([og.cohesion for og in sc.orgs], dtype=float)
    v["contribution"] = np.zeros((o, n))
    return v


def baselines(sc: Scenario) -> dict[str, np.ndarray]:
    """Where stocks drift back to: the scenario's starting values."""
    return {s: np.array([nd.stocks[k] for nd in sc.nations], dtype=float) for k, s in enumerate(STOCKS)}

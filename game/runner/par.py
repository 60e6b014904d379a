"""Par: what each seat scores, turn by turn, when the computer strategist plays every seat.

A team is ranked by its gain over its own seat's par (golf's par), never by raw National Interest: seats start
unequal, so raw National Interest ranks the map, not the players. Par is the mean over seeded reference games
(seeds of their own, disjoint from any measured in docs/balance.md) in which every seat is played by the
strategist (normal difficulty), so "above par" means "better than the computer would have done in your seat,
in a region played as well as the computer plays it". A par from the scenario's own fixed doctrines favoured the
seats whose doctrine is weakest (meridian: Aurelia first in 100 % of all-strategist games).

Teams are ranked by their *standing* (`standing`): the field's mean score vs par, plus each seat's lead over that
mean times its seat's factor. Most of a score vs par is the region's luck, shared by every seat (in all-strategist
meridian games the seats' scores correlate 0.88-0.97), so who finishes first is decided by the small leads over the
field, and these spread twice as wide in some seats as in others: ranked by score vs par the widest-spread seat was
first in 31 % of all-strategist games and the narrowest in 6 %. The factor (`factors`) scales each seat's lead to
the same spread, measured in the par's own games (`spread_of`).

Shipped scenarios carry their par in game/data/scenarios/par/ID.json (tools/par.py writes them; used while the
scenario's content is unchanged); any other scenario's par is computed on first use (about a minute for six
nations) and cached on disk, keyed by the scenario's content and the engine's source.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

import numpy as np

from game.data import PACKAGE, SCENARIOS
from game.sim.defs import Scenario
from game.sim.scoring import national_interest

PAR_GAMES = 20
SHIPPED_GAMES = 100   # a shipped par, computed once and offline: its seats' spreads need many games (R9.5)
PAR_SEED = 9001
REFERENCE = "planner"
_ENGINE_DIRS = ("sim", "ai")
SHIPPED = SCENARIOS / "par"      # package data; tools/par.py rewrites it in a clone


def cache_dir() -> Path:
    """Where computed par tables are kept: $REGIONAL_ACCORD_CACHE, else the user's cache folder."""
    env = os.environ.get("REGIONAL_ACCORD_CACHE")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("regional-accord"))


@lru_cache(maxsize=1)
def _engine_hash() -> str:
    """A hash of the engine's and the doctrines' source: any rule change invalidates every cached par."""
    h = hashlib.sha256()
    for d in _ENGINE_DIRS:
        for f in sorted((PACKAGE / d).glob("*.py")):
            h.update(f.name.encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


def content_hash(sc: Scenario) -> str:
    """The scenario's content (every rule and number, not where it was loaded from)."""
    return hashlib.sha256(repr(dataclasses.replace(sc, source="")).encode()).hexdigest()[:24]


def fingerprint(sc: Scenario, games: int, seed: int, reference: tuple[tuple[int, str], ...]) -> str:
    key = f"{content_hash(sc)}|{games}|{seed}|{reference}|{_engine_hash()}"
    return hashlib.sha256(key.encode()).hexdigest()[:24]


def reference_doctrines(sc: Scenario) -> dict[int, str]:
    """The reference play: every seat played by the strategist."""
    return {k: REFERENCE for k in range(sc.n)}


def _read_table(path: Path, sc: Scenario) -> tuple[dict, np.ndarray] | None:
    """A stored par file and its table, if it is readable and shaped for this scenario (else None: computed again)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        arr = np.array(data["par"], dtype=float)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return (data, arr) if arr.shape == (sc.turns + 1, sc.n) and np.isfinite(arr).all() else None


def _shipped(sc: Scenario) -> tuple[dict, np.ndarray] | None:
    """The par file shipped with a scenario (game/data/scenarios/par/ID.json) and its table, if it was computed for
    this very content."""
    got = _read_table(SHIPPED / f"{sc.id}.json", sc)
    return got if got is not None and got[0].get("content") == content_hash(sc) else None


def shipped_par(sc: Scenario) -> np.ndarray | None:
    """The par shipped with a scenario, if it was computed for this very content."""
    got = _shipped(sc)
    return got[1] if got is not None else None


def shipped_games(sc: Scenario) -> int:
    """How many reference games tools/par.py makes a shipped scenario's par of (R9.5): 100, whatever its size. From
    20 games a seat's par was up to 1.9 points off and its factor up to 30 % (measured in the Meridian Sea)."""
    del sc
    return SHIPPED_GAMES


def par_games(sc: Scenario) -> int:
    """How many games the scenario's par at hand is the mean of: its shipped par's, else PAR_GAMES."""
    got = _shipped(sc)
    return int(got[0].get("games", PAR_GAMES)) if got is not None else PAR_GAMES


PROBE_TURNS = 3   # the shipped par carries the first turns of its first game: a cheap check that it is still true


def probe(sc: Scenario, seed: int = PAR_SEED) -> list[float]:
    """National Interest per seat after PROBE_TURNS turns of the first par game, replayed. The shipped par is used
    whenever the scenario's content is unchanged (a class never waits for it), so a change of the engine or the
    strategist would leave it silently stale: a test replays the probe and compares (tests/test_par.py)."""
    from game.runner.batch import game_seed
    from game.runner.headless import Game

    ref = reference_doctrines(sc)
    g = Game.new(sc, game_seed(seed, 0), {sc.nations[i].id: d for i, d in ref.items()})
    g.lean = True
    g.play(PROBE_TURNS)
    return [round(float(x), 6) for x in national_interest(g.state)]


def shipped_spread(sc: Scenario) -> np.ndarray | None:
    """The seats' spreads stored with the shipped par (R9.5), if it was computed for this very content."""
    got = _shipped(sc)
    return _spread_in(got[0], sc) if got is not None else None


def _spread_in(data: dict, sc: Scenario) -> np.ndarray | None:
    """A par file's seat spreads, if present and shaped for this scenario (a file from before spreads: None)."""
    try:
        arr = np.array(data["spread"], dtype=float)
    except (KeyError, ValueError, TypeError):
        return None
    return arr if arr.shape == (sc.n,) and np.isfinite(arr).all() and (arr >= 0).all() else None


def shipped_probe(sc: Scenario) -> list[float] | None:
    """The probe stored with the shipped par, or None."""
    try:
        got = json.loads((SHIPPED / f"{sc.id}.json").read_text(encoding="utf-8")).get("probe")
    except (OSError, ValueError, AttributeError):
        return None
    return [float(x) for x in got] if isinstance(got, list) else None


def write_shipped(sc: Scenario, table: np.ndarray, spread: np.ndarray, games: int, seed: int) -> Path:
    """Store a scenario's par and its seats' spreads beside the shipped scenarios (tools/par.py), with its probe."""
    from game.fileio import atomic_write_text

    path = SHIPPED / f"{sc.id}.json"
    atomic_write_text(path, json.dumps({"scenario": sc.id, "content": content_hash(sc), "engine": _engine_hash(),
                                        "reference": REFERENCE, "games": games, "seed": seed,
                                        "par": np.round(table, 3).tolist(), "spread": np.round(spread, 4).tolist(),
                                        "probe": probe(sc, seed)},
                                       indent=None) + "\n")
    return path


def reference_game(sc: Scenario, k: int, seed: int = PAR_SEED, reference: dict[int, str] | None = None) -> np.ndarray:
    """National Interest per seat after each turn (row 0: the start) of reference game `k`, (turns + 1, seats). A
    game that ended early (collapse) keeps its final scores for the turns it did not play."""
    from game.runner.batch import game_seed
    from game.runner.headless import Game

    ref = reference if reference is not None else reference_doctrines(sc)
    g = Game.new(sc, game_seed(seed, k), {sc.nations[i].id: d for i, d in ref.items()})
    g.lean = True
    g.play()
    rows = [national_interest(s) for s in g.history.states]
    rows += [rows[-1]] * (sc.turns + 1 - len(rows))
    return np.array(rows[: sc.turns + 1])


def compute(sc: Scenario, games: int = PAR_GAMES, seed: int = PAR_SEED,
            reference: dict[int, str] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(par table, seat spreads) from `games` reference games (summarize)."""
    rows = np.array([reference_game(sc, k, seed, reference) for k in range(games)]).reshape(games, sc.turns + 1, sc.n)
    return summarize(rows)


def summarize(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(par table, seat spreads) from reference games' rows (games, turns + 1, seats): their mean, and spread_of
    their final rows."""
    return (rows.mean(axis=0) if len(rows) else np.zeros(rows.shape[1:])), spread_of(rows[:, -1, :])


def spread_of(finals: np.ndarray) -> np.ndarray:
    """Per seat, how widely its lead over the field spreads across reference games: the standard deviation of its
    final National Interest minus the mean of every seat's, (games, seats) -> (seats,); zeros below two games."""
    finals = np.asarray(finals, dtype=float)
    if finals.ndim != 2 or finals.shape[0] < 2:
        return np.zeros(finals.shape[-1] if finals.ndim else 0)
    lead = finals - finals.mean(axis=1, keepdims=True)
    return lead.std(axis=0, ddof=1)


FACTOR_RANGE = (0.5, 2.0)   # so a seat whose spread was measured near zero cannot let noise decide the ranking


def factors(spread: np.ndarray | None, n: int | None = None) -> np.ndarray:
    """Each seat's factor (R9.5): the seats' mean spread over its own, within FACTOR_RANGE; all 1 without spreads
    (or when they are all zero)."""
    if spread is None or not np.asarray(spread).size:
        return np.ones(n or 0)
    s = np.asarray(spread, dtype=float)
    mean = float(s.mean())
    if mean <= 0.0:
        return np.ones(s.shape)
    return np.clip(mean / np.maximum(s, 1e-9), *FACTOR_RANGE)


def standing(scores: np.ndarray, factor: np.ndarray) -> np.ndarray:
    """What teams are ranked by (R9.5), from scores vs par (..., seats): the field's mean score, plus each seat's lead
    over that mean times its factor; with every factor 1 it is the score."""
    scores = np.asarray(scores, dtype=float)
    field = scores.mean(axis=-1, keepdims=True)
    return field + np.asarray(factor, dtype=float) * (scores - field)


_memo: dict[str, tuple[np.ndarray, np.ndarray]] = {}


def _at_hand(sc: Scenario, games: int, seed: int, reference: dict[int, str] | None
             ) -> tuple[str, Path, tuple[np.ndarray, np.ndarray] | None]:
    """(cache key, cache file, (table, spreads) if shipped, remembered or cached on disk) - never computed here. A
    stored par without spreads (from before them) counts as absent."""
    ref = reference if reference is not None else reference_doctrines(sc)
    key = fingerprint(sc, games, seed, tuple(sorted(ref.items())))
    path = cache_dir() / "par" / f"{sc.id}-{key}.json"
    if key not in _memo:
        got = _shipped(sc) if reference is None and games == PAR_GAMES and seed == PAR_SEED else None
        if got is None:
            got = _read_table(path, sc)
        spread = _spread_in(got[0], sc) if got is not None else None
        if got is None or spread is None:
            return key, path, None
        _memo[key] = (got[1], spread)
    table, spread = _memo[key]
    return key, path, (table.copy(), spread.copy())


def par_of(sc: Scenario, games: int = PAR_GAMES, seed: int = PAR_SEED,
           reference: dict[int, str] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(par table (turns + 1, nations), seat spreads (nations,)): shipped (from shipped_games games), from memory, the
    disk cache, or computed (from `games`)."""
    key, path, got = _at_hand(sc, games, seed, reference)
    if got is not None:
        return got
    table, spread = compute(sc, games, seed, reference)
    table, spread = np.round(table, 4), np.round(spread, 4)
    try:
        from game.fileio import atomic_write_text

        atomic_write_text(path, json.dumps({"scenario": sc.id, "games": games, "seed": seed, "par": table.tolist(),
                                            "spread": spread.tolist()}))
    except OSError:
        pass   # a read-only cache only costs the time to compute par again
    _memo[key] = (table, spread)
    return table.copy(), spread.copy()


def par_table(sc: Scenario, games: int = PAR_GAMES, seed: int = PAR_SEED,
              reference: dict[int, str] | None = None) -> np.ndarray:
    """The par table of a scenario, shaped (turns + 1, nations) (par_of's first half)."""
    return par_of(sc, games, seed, reference)[0]


def par_factors(sc: Scenario, games: int = PAR_GAMES, seed: int = PAR_SEED,
                reference: dict[int, str] | None = None) -> np.ndarray:
    """Each seat's factor for its standing (R9.5), from par_of's spreads."""
    return factors(par_of(sc, games, seed, reference)[1], sc.n)


def known(sc: Scenario) -> tuple[np.ndarray, np.ndarray] | None:
    """The scenario's (par table, seat factors) if at hand (shipped or cached), without computing them."""
    got = _at_hand(sc, PAR_GAMES, PAR_SEED, None)[2]
    return (got[0], factors(got[1], sc.n)) if got is not None else None


def vs_par(ni: np.ndarray, table: np.ndarray, turns_played: int) -> np.ndarray:
    """Each seat's score: its National Interest minus its par at the same point of the game."""
    row = min(max(0, turns_played), table.shape[0] - 1)
    return np.asarray(ni, dtype=float) - table[row]

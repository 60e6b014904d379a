"""Par: what each seat scores, turn by turn, when the computer strategist plays every seat.

A team is ranked by its gain over its own seat's par (golf's par), never by raw National Interest: seats start
unequal, so raw National Interest ranks the map, not the players. Par is the mean over seeded reference games
(seeds of their own, disjoint from any measured in docs/balance.md) in which every seat is played by the
strategist (normal difficulty), so "above par" means "better than the computer would have done in your seat,
in a region played as well as the computer plays it". With every seat strategist, every seat is above par about
equally often (measured in docs/balance.md); a par from the scenario's own fixed doctrines favoured the seats
whose doctrine is weakest (meridian: Aurelia first in 100 % of all-strategist games).

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


# a shipped par is computed once, offline (tools/par.py): a smaller scenario's from more games, as many as PAR_GAMES
# of the default scenario's size cost (a game's cost grows with seats x seats x turns: every seat's strategist looks
# at every seat), at most PAR_GAMES_MAX; at 20 games the tutorial's par was 0.44 off for Morvane, more than the
# spread that decides who finishes first. A par computed on first use (any other scenario) stays at PAR_GAMES.
PAR_COST = 6 * 6 * 20
PAR_GAMES_MAX = 100


def shipped_games(sc: Scenario) -> int:
    """How many reference games tools/par.py makes a shipped scenario's par the mean of (R9.5)."""
    return max(PAR_GAMES, min(PAR_GAMES_MAX, PAR_GAMES * PAR_COST // max(1, sc.n * sc.n * sc.turns)))


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


def shipped_probe(sc: Scenario) -> list[float] | None:
    """The probe stored with the shipped par, or None."""
    try:
        got = json.loads((SHIPPED / f"{sc.id}.json").read_text(encoding="utf-8")).get("probe")
    except (OSError, ValueError, AttributeError):
        return None
    return [float(x) for x in got] if isinstance(got, list) else None


def write_shipped(sc: Scenario, table: np.ndarray, games: int, seed: int) -> Path:
    """Store a scenario's par beside the shipped scenarios (tools/par.py), with its probe."""
    from game.fileio import atomic_write_text

    path = SHIPPED / f"{sc.id}.json"
    atomic_write_text(path, json.dumps({"scenario": sc.id, "content": content_hash(sc), "engine": _engine_hash(),
                                        "reference": REFERENCE, "games": games, "seed": seed,
                                        "par": np.round(table, 3).tolist(), "probe": probe(sc, seed)},
                                       indent=None) + "\n")
    return path


def compute_par(sc: Scenario, games: int = PAR_GAMES, seed: int = PAR_SEED,
                reference: dict[int, str] | None = None) -> np.ndarray:
    """Mean National Interest per seat after each turn (row 0: the start) over `games` reference games.
    A game that ended early (collapse) keeps its final scores for the turns it did not play."""
    from game.runner.batch import game_seed
    from game.runner.headless import Game

    ref = reference if reference is not None else reference_doctrines(sc)
    table = np.zeros((sc.turns + 1, sc.n))
    for k in range(games):
        g = Game.new(sc, game_seed(seed, k), {sc.nations[i].id: d for i, d in ref.items()})
        g.lean = True
        g.play()
        rows = [national_interest(s) for s in g.history.states]
        rows += [rows[-1]] * (sc.turns + 1 - len(rows))
        table += np.array(rows[: sc.turns + 1])
    return table / max(1, games)


_memo: dict[str, np.ndarray] = {}


def _at_hand(sc: Scenario, games: int, seed: int, reference: dict[int, str] | None) -> tuple[str, Path, np.ndarray | None]:
    """(cache key, cache file, the table if shipped, remembered or cached on disk) - never computed here."""
    ref = reference if reference is not None else reference_doctrines(sc)
    key = fingerprint(sc, games, seed, tuple(sorted(ref.items())))
    path = cache_dir() / "par" / f"{sc.id}-{key}.json"
    if key not in _memo:
        shipped = shipped_par(sc) if reference is None and games == PAR_GAMES and seed == PAR_SEED else None
        got = _read_table(path, sc) if shipped is None else None
        table = shipped if shipped is not None else got[1] if got is not None else None
        if table is None:
            return key, path, None
        _memo[key] = table
    return key, path, _memo[key].copy()


def par_table(sc: Scenario, games: int = PAR_GAMES, seed: int = PAR_SEED,
              reference: dict[int, str] | None = None) -> np.ndarray:
    """The par table of a scenario, shaped (turns + 1, nations): shipped (from shipped_games games), from memory, the
    disk cache, or computed (from `games`)."""
    key, path, table = _at_hand(sc, games, seed, reference)
    if table is not None:
        return table
    table = np.round(compute_par(sc, games, seed, reference), 4)
    try:
        from game.fileio import atomic_write_text

        atomic_write_text(path, json.dumps({"scenario": sc.id, "games": games, "seed": seed, "par": table.tolist()}))
    except OSError:
        pass   # a read-only cache only costs the time to compute par again
    _memo[key] = table
    return table.copy()


def known_par(sc: Scenario) -> np.ndarray | None:
    """The scenario's par if it is at hand (shipped or cached), without computing it."""
    return _at_hand(sc, PAR_GAMES, PAR_SEED, None)[2]


def vs_par(ni: np.ndarray, table: np.ndarray, turns_played: int) -> np.ndarray:
    """Each seat's score: its National Interest minus its par at the same point of the game."""
    row = min(max(0, turns_played), table.shape[0] - 1)
    return np.asarray(ni, dtype=float) - table[row]

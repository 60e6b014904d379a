"""Issue 11's eight targets ("the dilemma made real") measured on one scenario: plain functions returning plain data.

Scores are seat-relative: a seat's National Interest at the end minus its par at the same turn (game/runner/par.py:
what that seat scores when the scenario's own doctrines play every seat). Seeds come in three disjoint families:
the games measured use base seed S, par games par.PAR_SEED, policy tuning games `tune_seed(S)`.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from game.ai.registry import FIXED, spam_names
from game.content.loader import load_catalog
from game.runner.batch import Job, _scenario, play_game
from game.runner.par import PAR_SEED, REFERENCE, par_factors, par_games, par_table, vs_par
from game.runner.par import standing as seat_standing
from game.sim.readings import standing
from game.sim.scoring import national_interest


def tune_seed(seed: int) -> int:
    return int(seed) + 2_000_003


@dataclass(frozen=True)
class Sizes:
    """Games per setting (per seat where a setting puts one player in each seat in turn)."""
    exploit: int = 12        # per seat, each of turtle / greedy / nothing / random / the searched policy
    spam: int = 2            # per seat, each one-card spammer (screening; the best three get `exploit`)
    planner: int = 12        # per seat, the strategist in that seat (target 1's yardstick)
    lone: int = 12           # per seat and setting (target 2)
    mix: int = 400           # random-doctrine games (target 3)
    dup_mix: int = 200       # ... of which each is played again once per seat with the strategist there (duplicate)
    dup_first: int = 6       # target 1's rounds per seat whose first places are also taken by duplicate score
    strategist: int = 100    # all-strategist games (target 4: at 30 a fair game passed it only 17-47 % of the time)
    cohesion: int = 60       # per setting: all cooperative, default mix, all hawk (target 5)
    aggregation: int = 150   # per aggregation rule (target 6)
    tournament: int = 2      # per seat and doctrine (target 8)
    pop: int = 12            # policy search: candidates per generation
    gens: int = 3            # generations
    tune: int = 4            # tuning games per candidate
    elite: float = 0.25
    turns: int | None = None  # stop every game after this many turns (a lesson's length); None: the scenario's


QUICK = Sizes(exploit=4, spam=1, planner=4, lone=3, mix=150, dup_mix=60, dup_first=2, strategist=12, cohesion=16, aggregation=40,
              tournament=1, pop=8, gens=2, tune=2)
TINY = Sizes(exploit=1, spam=1, planner=1, lone=1, mix=12, dup_mix=12, dup_first=1, strategist=2, cohesion=2, aggregation=2,
             tournament=1, pop=3, gens=1, tune=1)   # for tests: every code path, no statistics
FULL = Sizes()


# -- one game, reduced to what the targets need -----------------------------------------------------------------
def play_measured(job: Job) -> dict:
    sc = _scenario(job.path)
    g = play_game(job)
    st = g.state
    orders: list[dict[str, int]] = [dict() for _ in range(sc.n)]
    for r in g.history.reports:
        for nid, os_ in r["orders"].items():
            k = sc.nation_index(nid)
            for o in os_:
                orders[k][o["action"]] = orders[k].get(o["action"], 0) + 1
    return {"index": job.index, "ni": [float(x) for x in national_interest(st)], "turns": len(g.history.reports),
            "outcome": standing(st), "cohesion": [float(x) for x in st.v["cohesion"]],
            "doctrines": [g.doctrines.get(k, "") for k in range(sc.n)], "orders": orders}


def run(jobs: Sequence[Job], workers: int = 1) -> list[dict]:
    """Play the jobs (on `workers` processes: game/runner/pool.py), results in the jobs' order."""
    if workers <= 1 or len(jobs) <= 1:
        return [play_measured(j) for j in jobs]
    from game.runner.pool import workers as pool_of

    with pool_of(workers) as pool:
        return list(pool.map(play_measured, jobs, chunksize=max(1, min(8, len(jobs) // (workers * 6)))))


def _mix(sc, seat_doctrines: dict[int, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((sc.nations[k].id, d) for k, d in seat_doctrines.items()))


# -- par -------------------------------------------------------------------------------------------------------
def par(path: str) -> np.ndarray:
    """The scenario's par table, (turns + 1, seats): game/runner/par.py's, computed once and cached."""
    return par_table(_scenario(path))


def final_par(table: np.ndarray) -> np.ndarray:
    return np.asarray(table, dtype=float)[-1]


def scores(results: Sequence[dict], table: np.ndarray) -> np.ndarray:
    """(games, seats) seat-relative scores: National Interest minus par at the turn each game ended."""
    table = np.asarray(table, dtype=float)
    if table.ndim == 1:   # a final par vector
        return np.array([r["ni"] for r in results], dtype=float) - table
    return np.array([vs_par(np.array(r["ni"]), table, r["turns"]) for r in results], dtype=float).reshape(
        len(results), table.shape[1])


def seat_factors(path: str) -> np.ndarray:
    """The scenario's seat factors (R9.5), from its par's spreads: what a standing scales each seat's lead by."""
    return par_factors(_scenario(path))


def first_seat(rel: np.ndarray, factor: np.ndarray) -> np.ndarray:
    """Per game, the seat ranked first: the best standing (R9.5) from the seat-relative scores."""
    return np.argmax(seat_standing(rel, factor), axis=1)


# -- target 1: exploits and the searched policy against the strategist ----------------------------------------------
def exploit_players(sc) -> dict[str, list[str]]:
    """Every exploit player by label, as the registry name each seat plays."""
    names = ["turtle", "greedy", "nothing", "random", *spam_names(a.id for a in sc.actions)]
    return {n: [n] * sc.n for n in names}


def versus_strategist(path: str, players: dict[str, list[str]], sizes: Sizes, seed: int, par_tab: np.ndarray,
                      workers: int = 1, strategist: str = "planner", topup: int = 3) -> dict:
    """Each player in each seat in turn (others: the scenario's doctrines), against the strategist in the same seat
    at the same game seeds. Per player: mean seat-relative score, its lead over the strategist (mean over seats, and
    the best seat), the share of its games it finished first in. Spammers are screened with `sizes.spam` games per
    seat; the `topup` best of them (and any ahead of the strategist) are then played as often as the other exploits."""
    sc = _scenario(path)
    allp = {strategist: [strategist] * sc.n, **players}
    by: dict[tuple[str, int], list[tuple[int, float, bool]]] = {}
    ni: dict[tuple[str, int, int], np.ndarray] = {}
    plans: list[dict[str, int]] = []

    def play(wanted: dict[str, range]) -> None:
        jobs, keys = [], []
        for label, rounds in wanted.items():
            for s in range(sc.n):
                for r in rounds:
                    jobs.append(Job(path, s * 1000 + r, seed, _mix(sc, {s: allp[label][s]}), sizes.turns))
                    keys.append((label, s, r))
        res = run(jobs, workers)
        rel = scores(res, par_tab)
        for (label, s, r), row, f, game in zip(keys, rel, first_seat(rel, seat_factors(path)), res):
            by.setdefault((label, s), []).append((r, float(row[s]), bool(f == s)))
            ni[(label, s, r)] = np.array(game["ni"], dtype=float)
            if label == strategist:
                plans.append(game["orders"][s])

    def rows() -> list[dict]:
        ref = {s: dict((r, v) for r, v, _ in by[(strategist, s)]) for s in range(sc.n)}
        out = []
        for label in allp:
            seat_means, leads, firsts, diffs = [], [], [], []
            for s in range(sc.n):
                vals = by[(label, s)]
                seat_means.append(float(np.mean([v for _, v, _ in vals])))
                paired = [v - ref[s][r] for r, v, _ in vals if r in ref[s]]
                leads.append(float(np.mean(paired)) if paired else float("nan"))
                diffs += [d - leads[-1] for d in paired]   # spread within seats (seats differ by design)
                firsts += [f for _, _, f in vals]
            ci = 1.96 * float(np.std(diffs, ddof=1)) / np.sqrt(len(diffs)) if len(diffs) > sc.n else float("nan")
            out.append({"player": label, "score": float(np.mean(seat_means)), "lead": float(np.mean(leads)), "lead_ci": ci,
                        "best_seat_lead": float(np.max(leads)), "first": float(np.mean(firsts)),
                        "seat_scores": seat_means, "games": len(firsts)})
        return out

    spam = [p for p in allp if p.startswith("spam:")]
    play({p: range(sizes.planner if p == strategist else sizes.spam if p in spam else sizes.exploit) for p in allp})
    if sizes.exploit > sizes.spam and spam:
        screened = sorted((r for r in rows() if r["player"] in spam), key=lambda r: -r["lead"])
        more = [r["player"] for k, r in enumerate(screened) if k < topup or r["lead"] > 0]
        play({p: range(sizes.spam, sizes.exploit) for p in more})
    dup = duplicate_firsts(path, {p: allp[p] for p in allp if p not in spam}, ni, sizes, seed, workers, strategist)
    out = sorted(rows(), key=lambda x: -x["score"])
    for r in out:
        r["dup_first"], r["dup_games"] = dup.get(r["player"], (float("nan"), 0))
    return {"rows": out, "cap": max(0.30, 2.0 / sc.n), "strategist": strategist,
            "strategist_orders": _sum_counts(plans)}


def duplicate_firsts(path: str, players: dict[str, list[str]], ni: dict[tuple[str, int, int], np.ndarray],
                     sizes: Sizes, seed: int, workers: int, strategist: str) -> dict[str, tuple[float, int]]:
    """First places by duplicate score (duplicate.py) in target 1's games: each player in seat s, the scenario's
    doctrines elsewhere, on the first `sizes.dup_first` rounds. Every seat k is scored against the strategist in
    seat k of that same game: for k = s that is the strategist's own game at the round's seed, for every other seat
    one more game. Per player: (share of games its seat was first, games)."""
    sc = _scenario(path)
    rounds = range(min(sizes.dup_first, sizes.exploit, sizes.planner))
    jobs, keys = [], []
    for label, seats in players.items():
        for s in range(sc.n):
            for r in rounds:
                for k in range(sc.n):
                    if k != s and (label, s, r) in ni:
                        jobs.append(Job(path, s * 1000 + r, seed, _mix(sc, {s: seats[s], k: strategist}), sizes.turns))
                        keys.append((label, s, r, k))
    ref: dict[tuple[str, int, int], np.ndarray] = {}
    for (label, s, r, k), game in zip(keys, run(jobs, workers)):
        ref.setdefault((label, s, r), np.full(sc.n, np.nan))[k] = game["ni"][k]
    out: dict[str, tuple[float, int]] = {}
    for label in players:
        firsts = []
        for (lab, s, r), refs in ref.items():
            if lab != label or (strategist, s, r) not in ni:
                continue
            refs[s] = ni[(strategist, s, r)][s]
            firsts.append(int(np.argmax(ni[(label, s, r)] - refs)) == s)
        out[label] = (float(np.mean(firsts)) if firsts else float("nan"), len(firsts))
    return out


def strong_field(path: str, players: dict[str, list[str]], sizes: Sizes, seed: int, par_tab: np.ndarray,
                 workers: int = 1, strategist: str = "planner") -> dict[str, tuple[float, int, float]]:
    """First places of each player in a strong field: it in seat s, the strategist in every other seat, on
    `sizes.dup_first` rounds per seat, ranked by standing (R9.5: par is the all-strategist play, so in this field every
    seat's yardstick is fair). Target 1's cap read where it means something: among doctrines the strategist itself
    is first in most games, among strategists an exploit should not be. Ranked by duplicate score (R9.6, the debrief's
    ranking) every strategist seat scores 0 here, so the player is first exactly when it beats the strategist in its
    own seat (the all-strategist game at the same seed): that share is the third number. `players`: label -> the
    registry name each seat plays. Per player: (share first by standing, games, share first by duplicate score)."""
    sc = _scenario(path)
    jobs, keys = [], []
    for label, names in players.items():
        for s in range(sc.n):
            for r in range(sizes.dup_first):
                seats = {k: strategist for k in range(sc.n)}
                seats[s] = names[s]
                jobs.append(Job(path, 700_000 + s * 1000 + r, seed, _mix(sc, seats), sizes.turns))
                keys.append((label, s))
    # the duplicate references: every seat the strategist, at the same game seeds (one per seat and round)
    refs = [Job(path, 700_000 + s * 1000 + r, seed, _mix(sc, {k: strategist for k in range(sc.n)}), sizes.turns)
            for s in range(sc.n) for r in range(sizes.dup_first)]
    res = run(jobs + refs, workers)
    res, ref = res[:len(jobs)], res[len(jobs):]
    firsts: dict[str, list[bool]] = {p: [] for p in players}
    beats: dict[str, list[bool]] = {p: [] for p in players}
    for i, ((label, s), f) in enumerate(zip(keys, first_seat(scores(res, par_tab), seat_factors(path)))):
        firsts[label].append(bool(f == s))
        r = i % sizes.dup_first
        beats[label].append(bool(res[i]["ni"][s] > ref[s * sizes.dup_first + r]["ni"][s]))
    return {p: (float(np.mean(v)) if v else float("nan"), len(v), float(np.mean(beats[p])) if v else float("nan"))
            for p, v in firsts.items()}


def _sum_counts(counts: Sequence[dict[str, int]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for c in counts:
        for a, n in c.items():
            out[a] = out.get(a, 0) + n
    return out


# -- target 2: a lone turtle or free-rider against the same seat cooperating ---------------------------------------
def lone_defector(path: str, sizes: Sizes, seed: int, par_tab: np.ndarray, workers: int = 1) -> dict:
    """Per defector (turtle, free-rider) and setting (others naive cooperators / reciprocators): its score minus
    the same seat's score when it cooperates, at the same seeds, averaged over seats."""
    sc = _scenario(path)
    settings = {"cooperators": "cooperative", "reciprocators": "reciprocator"}
    players = ("turtle", "free_rider", "cooperative")
    jobs, keys = [], []
    for env, other in settings.items():
        for p in players:
            for s in range(sc.n):
                for r in range(sizes.lone):
                    mix = {k: (p if k == s else other) for k in range(sc.n)}
                    jobs.append(Job(path, s * 1000 + r, seed, _mix(sc, mix), sizes.turns))
                    keys.append((env, p, s, r))
    rel = scores(run(jobs, workers), par_tab)
    val = {key: float(row[key[2]]) for key, row in zip(keys, rel)}
    out: dict = {}
    for p in ("turtle", "free_rider"):
        out[p] = {}
        for env in settings:
            gaps = [val[(env, p, s, r)] - val[(env, "cooperative", s, r)] for s in range(sc.n) for r in range(sizes.lone)]
            out[p][env] = float(np.mean(gaps))
    return out


# -- target 3: how much of a seat's score its own doctrine explains --------------------------------------------------
def _explained(y: np.ndarray, x: np.ndarray) -> float:
    """Adjusted share of the variance of y (already centred) explained by least squares on the columns of x."""
    n, p = x.shape
    tot = float((y ** 2).sum())
    if tot <= 0 or p == 0 or n <= p + 1:
        return 0.0
    beta, *_ = np.linalg.lstsq(x, y, rcond=None)
    r2 = 1.0 - float(((y - x @ beta) ** 2).sum()) / tot
    return max(0.0, 1.0 - (1.0 - r2) * (n - 1) / (n - p - 1))


def _onehot(codes: np.ndarray, levels: int) -> np.ndarray:
    """Dummies for codes 1..levels-1 (level 0 is the reference), centred."""
    x = np.zeros((len(codes), levels - 1))
    for k in range(1, levels):
        x[:, k - 1] = codes == k
    return x - x.mean(axis=0)


def own_choice(path: str, sizes: Sizes, seed: int, par_tab: np.ndarray, workers: int = 1,
               pool: Sequence[str] = FIXED) -> dict:
    """Random-doctrine games (a doctrine drawn per seat): how much of a seat's score its own doctrine explains, scored
    against par and (the first `sizes.dup_mix` games, each played again once per seat) against the duplicate."""
    sc = _scenario(path)
    rng = np.random.default_rng([int(seed), 3])
    codes = rng.integers(len(pool), size=(sizes.mix, sc.n))
    jobs = [Job(path, 500_000 + g, seed, _mix(sc, {k: pool[int(c)] for k, c in enumerate(codes[g])}), sizes.turns)
            for g in range(sizes.mix)]
    # the same games with one seat handed to the strategist: each seat's duplicate reference (duplicate.py)
    nd = min(sizes.dup_mix, sizes.mix)
    refs = [Job(path, 500_000 + g, seed, _mix(sc, {**{k: pool[int(c)] for k, c in enumerate(codes[g])}, s: REFERENCE}),
                sizes.turns) for g in range(nd) for s in range(sc.n)]
    res = run(jobs + refs, workers)
    rel = scores(res[:len(jobs)], par_tab)
    ref_ni = np.array([r["ni"][i % sc.n] for i, r in enumerate(res[len(jobs):])]).reshape(nd, sc.n)
    dup = np.array([r["ni"] for r in res[:nd]], dtype=float).reshape(nd, sc.n) - ref_ni
    out = _variance_shares(sc, rel, codes, len(pool), seat_factors(path))
    own = codes[:nd]
    by_doctrine = {pool[d]: float(dup[own == d].mean()) for d in range(len(pool)) if (own == d).any()}
    duplicate = {**_variance_shares(sc, dup, own, len(pool), np.ones(sc.n)), "games": nd, "by_doctrine": by_doctrine}
    out.update({"games": sizes.mix, "pool": list(pool), "duplicate": duplicate})
    return out


def _variance_shares(sc, rel: np.ndarray, codes: np.ndarray, d: int, factor: np.ndarray) -> dict:
    """Pooled over seats (weighted by each seat's variance): the adjusted share of the variance of the seat's score
    its own doctrine explains, and the share the others' doctrines explain on top; per seat too, and first places
    (by the standing the seat factors make of these scores: all 1 for duplicate scores, which rank as they are)."""
    own_ss = others_ss = tot_ss = 0.0
    per_seat = []
    for s in range(sc.n):
        y = rel[:, s] - rel[:, s].mean()
        tot = float((y ** 2).sum())
        own_x = _onehot(codes[:, s], d)
        oth_x = np.hstack([_onehot(codes[:, k], d) for k in range(sc.n) if k != s])
        own = _explained(y, own_x)
        both = _explained(y, np.hstack([own_x, oth_x]))
        per_seat.append({"seat": sc.nations[s].id, "own": own, "others": max(0.0, both - own)})
        own_ss += own * tot
        others_ss += max(0.0, both - own) * tot
        tot_ss += tot
    firsts = np.bincount(first_seat(rel, factor), minlength=sc.n) / max(1, len(rel))
    return {"own": own_ss / tot_ss if tot_ss else 0.0, "others": others_ss / tot_ss if tot_ss else 0.0,
            "seats": per_seat, "first": {sc.nations[k].id: float(firsts[k]) for k in range(sc.n)}}


# -- target 4: every seat the strategist ----------------------------------------------------------------------------
def all_strategist(path: str, sizes: Sizes, seed: int, par_tab: np.ndarray, workers: int = 1,
                   strategist: str = "planner") -> dict:
    sc = _scenario(path)
    mix = _mix(sc, {k: strategist for k in range(sc.n)})
    res = run([Job(path, 600_000 + g, seed, mix, sizes.turns) for g in range(sizes.strategist)], workers)
    firsts = np.bincount(first_seat(scores(res, par_tab), seat_factors(path)), minlength=sc.n) / max(1, len(res))
    band = (0.5 / sc.n, 2.0 / sc.n)
    return {"first": {sc.nations[k].id: float(firsts[k]) for k in range(sc.n)},
            "band": band, "games": len(res), "fair_pass": fair_pass(sc.n, len(res), band),
            "strategist_orders": _sum_counts([c for r in res for c in r["orders"]])}


def fair_pass(seats: int, games: int, band: tuple[float, float]) -> float:
    """The chance that a perfectly fair game (every seat equally likely to finish first) has every seat's share of
    first places inside `band` in this many games: how much a miss of target 4 says at this sample size. Exact: a
    multinomial split seat by seat (the first seat's count is binomial, the next one's binomial in what is left)."""
    if games <= 0:
        return 0.0
    lo, hi = math.ceil(band[0] * games - 1e-9), math.floor(band[1] * games + 1e-9)
    left = {games: 1.0}   # games not yet given to a seat -> probability
    for k in range(seats):
        p = 1.0 / (seats - k)
        nxt: dict[int, float] = {}
        for r, pr in left.items():
            for c in range(lo, min(hi, r) + 1):
                if k == seats - 1 and c != r:
                    continue
                q = pr * math.comb(r, c) * p ** c * (1.0 - p) ** (r - c) if k < seats - 1 else pr
                nxt[r - c] = nxt.get(r - c, 0.0) + q
        left = nxt
    return float(left.get(0, 0.0))


# -- target 5: organizations and collapse ------------------------------------------------------------------------------
def organizations(path: str, sizes: Sizes, seed: int, workers: int = 1) -> dict:
    sc = _scenario(path)
    settings = {"cooperative": {k: "cooperative" for k in range(sc.n)}, "default": {},
                "hawk": {k: "hawk" for k in range(sc.n)}}
    out: dict = {}
    for name, mix in settings.items():
        res = run([Job(path, 700_000 + g, seed, _mix(sc, mix), sizes.turns) for g in range(sizes.cohesion)], workers)
        coh = np.array([r["cohesion"] for r in res]).reshape(len(res), len(sc.orgs))
        outs = [r["outcome"] for r in res]
        out[name] = {"cohesion": {o.id: float(coh[:, k].mean()) for k, o in enumerate(sc.orgs)},
                     "dead": {o.id: float((coh[:, k] < 0.1).mean()) for k, o in enumerate(sc.orgs)},
                     "conflict": outs.count("conflict") / len(outs), "secure": outs.count("secure") / len(outs),
                     "games": len(res)}
    return out


# -- target 6: aggregation rules with consequences (a test scenario) ---------------------------------------------------
def aggregation(path: str, threat: str, sizes: Sizes, seed: int, workers: int = 1) -> dict:
    """The secure rate of the scenario's own doctrines with `threat` combined by each aggregation rule in turn
    (the scenario file is rewritten with that one rule set in its `{id: <threat>, ...}` entry, into a temporary
    directory)."""
    import re
    import tempfile
    from pathlib import Path

    text = Path(path).read_text(encoding="utf-8")
    with_rule = re.compile(rf"(\{{\s*id:\s*{re.escape(threat)}\s*,[^}}\n]*?aggregation:\s*)(\w+)")
    bare = re.compile(rf"(\{{\s*id:\s*{re.escape(threat)}\s*,)")
    if with_rule.search(text):
        swap = lambda rule: with_rule.sub(lambda m: m.group(1) + rule, text, count=1)  # noqa: E731
    elif bare.search(text):
        swap = lambda rule: bare.sub(lambda m: m.group(1) + f" aggregation: {rule},", text, count=1)  # noqa: E731
    else:
        raise ValueError(f"{path}: no '{{id: {threat}, ...}}' entry to swap its aggregation in")
    rates = {}
    with tempfile.TemporaryDirectory() as tmp:
        for rule in ("sum", "weakest_link", "best_shot"):
            p = Path(tmp) / f"{Path(path).stem}_{rule}.yaml"
            p.write_text(swap(rule), encoding="utf-8")
            if _scenario(str(p)).threats[_scenario(str(p))._threat_index[threat]].aggregation != rule:
                raise ValueError(f"{path}: swapping {threat}'s aggregation to {rule} did not take")
            res = run([Job(str(p), 800_000 + g, seed, (), sizes.turns) for g in range(sizes.aggregation)], workers)
            rates[rule] = sum(r["outcome"] == "secure" for r in res) / len(res)
            _scenario.cache_clear()   # the temporary files go; their loaded scenarios with them
    return {"threat": threat, "secure": rates, "spread": max(rates.values()) - min(rates.values()),
            "games": sizes.aggregation}


# -- target 7: every base card in the strategist's play ------------------------------------------------------------
@lru_cache(maxsize=1)
def base_cards() -> tuple[str, ...]:
    return tuple(a.id for a in load_catalog().actions)


def card_shares(orders: dict[str, int]) -> dict[str, float]:
    """Each base card's share of the strategist's orders."""
    total = max(1, sum(orders.values()))
    return {a: orders.get(a, 0) / total for a in base_cards()}


# -- target 8: the tournament ranks by seat-relative score --------------------------------------------------------------
def tournament(path: str, sizes: Sizes, seed: int, par_tab: np.ndarray, workers: int = 1) -> dict:
    from game.runner.tournament import run_tournament

    res, rows = run_tournament(path, sizes.tournament, seed, workers, list(FIXED), sizes.turns, par=par_tab)
    ranked = [r.score for r in rows]
    return {"rows": [{"doctrine": r.doctrine, "score": r.score, "ci": r.ci, "wins": r.wins} for r in rows],
            "ranked_by_score": ranked == sorted(ranked, reverse=True), "has_ci": all(math.isfinite(r.ci) for r in rows),
            "games": len(res.games)}


# -- everything for one scenario ---------------------------------------------------------------------------------------
TARGETS = (1, 2, 3, 4, 5, 7, 8)   # per shipped scenario; 6 is measured on the test scenario (and, as a
# diagnostic, on a shipped scenario when asked for: `only` holding 6)
AGG_THREAT = "piracy"


def measure(path: str, sizes: Sizes = QUICK, seed: int = 11, workers: int = 1, only: Sequence[int] = TARGETS,
            policies: dict[str, list[str]] | None = None, players: Sequence[str] | None = None,
            log: Callable[[str], None] = lambda _m: None, field: Sequence[str] = ()) -> dict:
    """The targets of one scenario as plain data. Target 1 enters `players` (registry names; default every exploit
    player and "policy") against the strategist; "policy" is a policy searched per seat (game/runner/search.py)
    unless `policies` (label -> a registry name per seat) are given. `field`: players whose first places are also
    taken among strategists (strong_field; n-1 strategists a game, so only on request)."""
    sc = _scenario(path)
    if seed in (PAR_SEED, tune_seed(PAR_SEED)) or tune_seed(seed) == PAR_SEED:
        raise ValueError(f"seed {seed}: the par games use seed {PAR_SEED}; measure at another seed")
    out: dict = {"file": path, "name": sc.name, "nations": sc.n, "turns": sc.turns, "seed": seed,
                 "par_seed": PAR_SEED, "par_games": par_games(sc), "tune_seed": tune_seed(seed), "sizes": sizes.__dict__}
    par_tab = par(path)
    out["par"] = {sc.nations[k].id: float(final_par(par_tab)[k]) for k in range(sc.n)}
    strategist_orders: dict[str, int] = {}
    if 1 in only or 7 in only:
        entered: dict[str, list[str]] = {}
        if 1 in only:
            names = list(exploit_players(sc)) + ["policy"] if players is None else list(players)
            entered = {n: [n] * sc.n for n in names if n != "policy"}
            if "policy" in names and policies is None:
                from game.runner.search import search_policies
                log("searching a policy per seat")
                found = search_policies(path, sizes, seed, par_tab, workers)
                out["search"] = found
                policies = {"policy": [f["name"] for f in found]}
            entered.update(policies or {})
        log("exploits against the strategist" if entered else "the strategist in each seat")
        t1 = versus_strategist(path, entered, sizes, seed, par_tab, workers)
        strategist_orders = _sum_counts([strategist_orders, t1.pop("strategist_orders")])
        if 1 in only:
            out["t1"] = t1
            if field:
                log("first places among strategists")
                t1["field"] = strong_field(path, {p: entered.get(p, [p] * sc.n) for p in field}, sizes, seed, par_tab,
                                           workers)
    if 2 in only:
        log("lone turtle and free-rider")
        out["t2"] = lone_defector(path, sizes, seed, par_tab, workers)
    if 3 in only:
        log("random-doctrine mixes")
        out["t3"] = own_choice(path, sizes, seed, par_tab, workers)
    if 4 in only or 7 in only:
        log("all strategist")
        out["t4"] = all_strategist(path, sizes, seed, par_tab, workers)
        strategist_orders = _sum_counts([strategist_orders, out["t4"].pop("strategist_orders")])
    if 5 in only:
        log("organizations and collapse")
        out["t5"] = organizations(path, sizes, seed, workers)
    if 7 in only:
        out["t7"] = {"orders": strategist_orders, "shares": card_shares(strategist_orders)}
    if 6 in only:
        log(f"{AGG_THREAT}'s aggregation swapped")
        try:
            out["t6"] = aggregation(path, AGG_THREAT, sizes, seed, workers)
        except ValueError as e:
            out["t6"] = {"error": str(e)}
    if 8 in only:
        log("tournament")
        out["t8"] = tournament(path, sizes, seed, par_tab, workers)
    return out


def with_sizes(sizes: Sizes, **kw) -> Sizes:
    return replace(sizes, **kw)

"""Automatic search for the best fixed card-priority policy per seat: the cross-entropy method over card weights.

Each candidate (a weight per card, see game/ai/policy.py) plays one seat against the scenario's own doctrines in
a few tuning games (at `tune_seed`, disjoint from the measured seeds; every candidate of a generation meets the
same games) and is scored by its mean seat-relative score. The elite fraction sets the next generation's mean
and spread. Generation 0 also holds a turtle-like policy and a cooperative one, so the search starts at least
from the exploits a student would try first.
"""
from __future__ import annotations

import math

import numpy as np

from game.ai.exploits import TURTLE_ORDER
from game.ai.policy import policy_name
from game.runner.batch import Job, _scenario

from .dilemma import Sizes, _mix, run, scores, tune_seed


def _seeded(sc) -> list[np.ndarray]:
    ids = [a.id for a in sc.actions]
    turtle = np.full(len(ids), -1.0)
    for rank, i in enumerate(TURTLE_ORDER):
        if i in ids:
            turtle[ids.index(i)] = 2.0 - 0.25 * rank
    coop = np.array([0.5 if a.category == "cooperative" else -1.0 for a in sc.actions])
    return [turtle, coop]


def search_policies(path: str, sizes: Sizes, seed: int, par_tab: np.ndarray, workers: int = 1) -> list[dict]:
    """Per seat: the best policy of the last generation, its weights, its tuning score and each generation's
    best and mean tuning score."""
    sc = _scenario(path)
    ids = [a.id for a in sc.actions]
    k = len(ids)
    rngs = [np.random.default_rng([int(seed), 11, s]) for s in range(sc.n)]
    mu = np.zeros((sc.n, k))
    sigma = np.ones((sc.n, k))
    n_elite = min(sizes.pop, max(2, math.ceil(sizes.elite * sizes.pop)))
    history: list[list[dict]] = [[] for _ in range(sc.n)]
    best: list[dict] = [{} for _ in range(sc.n)]
    for gen in range(sizes.gens):
        cands = []
        for s in range(sc.n):
            pop = [mu[s].copy()] + [mu[s] + sigma[s] * rngs[s].standard_normal(k) for _ in range(sizes.pop - 1)]
            if gen == 0:
                seeded = _seeded(sc)[: sizes.pop - 1]
                pop[1:1 + len(seeded)] = seeded
            cands.append([np.round(p, 3) for p in pop])
        jobs, keys = [], []
        for s in range(sc.n):
            for c, w in enumerate(cands[s]):
                name = policy_name(dict(zip(ids, w)))
                for r in range(sizes.tune):
                    jobs.append(Job(path, gen * 100_000 + s * 1000 + r, tune_seed(seed), _mix(sc, {s: name}), sizes.turns))
                    keys.append((s, c))
        rel = scores(run(jobs, workers), par_tab)
        score = np.zeros((sc.n, sizes.pop))
        for (s, c), row in zip(keys, rel):
            score[s, c] += row[s] / sizes.tune
        for s in range(sc.n):
            order = np.argsort(-score[s], kind="stable")
            elite = np.array([cands[s][c] for c in order[:n_elite]])
            mu[s] = elite.mean(axis=0)
            sigma[s] = elite.std(axis=0) + 0.3 / (gen + 2)   # a floor that shrinks, so the search keeps exploring
            top = int(order[0])
            history[s].append({"gen": gen, "best": float(score[s, top]), "mean": float(score[s].mean())})
            best[s] = {"weights": dict(zip(ids, (float(x) for x in cands[s][top]))), "tuning_score": float(score[s, top])}
    out = []
    for s in range(sc.n):
        w = best[s]["weights"]
        out.append({"seat": sc.nations[s].id, "name": policy_name(w), "tuning_score": best[s]["tuning_score"],
                    "top_cards": [i for i, x in sorted(w.items(), key=lambda x: -x[1]) if x > 0][:6],
                    "weights": {i: x for i, x in sorted(w.items(), key=lambda x: -x[1]) if x > 0},
                    "history": history[s]})
    return out

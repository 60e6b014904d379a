"""A fixed card-priority policy: one weight per card; each turn it plays its highest-weighted playable cards at their natural targets."""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from game.sim.state import Order, State

from .exploits import Exploit, fill, natural_order

PREFIX = "policy:"


class Policy(Exploit):
    """Cards with a weight above zero, highest first (ties by catalog order), each at its most natural target
    (see exploits.natural_order), while action points and budget last. Its name `policy:card=w,...` is the
    whole policy, so a batch job can name it."""
    name = "policy"
    title = "Card-priority policy (searched)"
    description = "Plays its highest-weighted cards every turn; the balance tool searches the weights."

    def __init__(self, nation: int, weights: Mapping[str, float] | None = None) -> None:
        super().__init__(nation)
        self.weights = dict(weights or {})

    def clone(self) -> Policy:
        return Policy(self.nation, self.weights)

    def plan(self, state: State, rng: np.random.Generator) -> list[Order]:
        if state.over:
            return []
        index = {a.id: k for k, a in enumerate(state.scenario.actions)}
        ids = sorted((i for i, w in self.weights.items() if w > 0 and i in index), key=lambda i: (-self.weights[i], index[i]))
        ranked = [o for o in (natural_order(state, self.nation, i) for i in ids) if o is not None]
        return fill(state, self.nation, ranked)


def policy_name(weights: Mapping[str, float]) -> str:
    """The registry name of a policy: its positive weights, rounded, in a fixed order."""
    parts = [f"{i}={w:.3f}" for i, w in sorted(weights.items()) if w > 0]
    return PREFIX + ",".join(parts)


def parse_policy(name: str) -> dict[str, float]:
    """The weights of a `policy:card=w,...` name; ValueError on a malformed one."""
    if not name.startswith(PREFIX):
        raise ValueError(f"not a policy name: {name!r}")
    out: dict[str, float] = {}
    body = name[len(PREFIX):]
    for part in filter(None, body.split(",")):
        card, sep, w = part.partition("=")
        if not sep or not card:
            raise ValueError(f"malformed policy weight {part!r} in {name!r} (want card=weight)")
        out[card] = float(w)
    return out

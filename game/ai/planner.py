"""A look-ahead planner: tries candidate plans in the engine itself against the likely plans of others, keeps the best."""
from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import numpy as np

from game.sim.agreements import running
from game.sim.deals import asks
from game.sim.defs import STOCKS
from game.sim.resolve import Prepared, prepare_lean, resolve_lean, resolve_prepared
from game.sim.resolve import streams as split_streams
from game.sim.scoring import national_interest
from game.sim.state import Order, State

from .base import Doctrine, legal
from .doctrines import ALL as FIXED
from .exploits import Repeat, fill, natural_order

if TYPE_CHECKING:
    from numpy.random._pcg64 import _PCG64State  # the dict PCG64.state gives and takes (stubs only)


class Planner(Doctrine):
    """Each candidate plan is the plan one of the fixed doctrines (or a student's exploit) would play in this seat,
    with what its agreements ask put first (`honour`), or a mixture of the best of these (`_blends`). The planner
    screens every candidate by its first turn, then resolves `depth` turns for the best few (the same random draws
    for every candidate, so luck does not decide), assuming the others play what their agreements ask and repeat
    what they did last turn, and keeps the plan whose line ends best. A line that reaches the end of the game
    (or a collapse) is worth its final National Interest; one that stops short is worth its National Interest plus
    what it leaves for later: the others' trust in the planner, the region's stability and the threats' damage to
    come. Besides the doctrines' plans it tries its best plan with each card it does not play brought in."""
    name = "planner"
    title = "Strategist (look-ahead)"
    description = ("Simulates each doctrine's plan, mixtures of the best and its best plan with each other card brought in, "
                   "a few turns ahead in the engine, and plays "
                   "the one that ends best; "
                   "the difficulty sets how far it looks (easy 1 turn, normal 4, hard 6).")
    lookahead: ClassVar[bool] = True
    # measured on meridian (288 tournament games): 2 turns ahead trails the reciprocator by 0.4 points, 4 leads it by
    # 2.6, 6 by 3.9 and 8 adds nothing more; bench/planner.py keeps 6 within 50 ms per decision
    depth: ClassVar[int] = 4
    samples: ClassVar[int] = 1
    stab_weight: ClassVar[float] = 0.15   # how much the region's stability counts beside its own National Interest
    trust_weight: ClassVar[float] = 20.0  # how much the others' trust in it counts (it pays in trade later)
    # how many candidates get a whole line, and how many of the best are recombined, after every candidate's first
    # turn has screened them: the first turn's ranking holds the whole line's best plan in its top 4 in 97.5 % of
    # meridian decisions (bench/screen.py), and recombining the top 3 closed most of a searched policy's lead
    keep: ClassVar[int] = 4
    blend: ClassVar[int] = 3
    # the threats a line leaves count for this many more turns of their damage to it (a lower threat stays lower):
    # without it the look-ahead saw nothing of what effort against a threat buys after its last turn
    threat_turns: ClassVar[int] = 4
    # whether it tries its best plan with each other card brought in (`_insertions`), and how many of these also get
    # a whole line past the screen
    insert: ClassVar[bool] = True
    insert_keep: ClassVar[int] = 2
    # rounds of polish on the chosen plan (each card it does not play brought in, every line played whole); 0: none,
    # as the shipped strategist and its pars are (a round costs about 20 more lines)
    polish: ClassVar[int] = 0

    def plan(self, state: State, rng: np.random.Generator) -> list[Order]:
        if state.over:
            return []
        return self.best_plan(state, rng.integers(0, 2**31, size=(self.samples, self.depth)))[0]

    def best_plan(self, state: State, seeds: np.ndarray) -> tuple[list[Order], float]:
        """The best candidate plan and what its line ends with, every line drawing on `seeds` (samples x depth)."""
        lines = self.lines(state, seeds)
        return (list(lines[0][1]), lines[0][0]) if lines else ([], -np.inf)

    def lines(self, state: State, seeds: np.ndarray) -> list[tuple[float, list[Order], Doctrine]]:
        """The candidate plans worth a whole line, as (what the line ends with, the plan, the doctrine that carries it
        on), best first (ties: the earlier candidate). Every distinct candidate is screened by its first turn alone;
        the `blend` best are recombined (`_blends`), and the `keep` best of all are played `depth` turns."""
        me = self.nation
        # every line draws from generators seeded alike: seed each once and restart it from its saved state
        self._fresh = _Restarts()
        others = self._expected_orders(state)
        pool: list[tuple[list[Order], Doctrine]] = []
        seen: set[tuple] = set()
        for first_cls, then_cls in self._candidate_classes():
            first = self.honour(state, first_cls(me).plan(state, self._fresh(int(seeds[0, 0]))))
            if tuple(first) not in seen:
                seen.add(tuple(first))
                pool.append((first, then_cls(me)))
        starts = [self._starts(state, first, others, seeds, shared=True) for first, _ in pool]
        screen = [sum(self._value(st) for st in sts) for sts in starts]   # what each first turn leaves
        top = [pool[i] for i in _best(screen, self.blend)]
        blends = self._blends(state, top, seen)
        inserted = self._insertions(state, pool[_best(screen, 1)[0]], seen) if self.insert else []
        for first, doctrine in blends + inserted:
            pool.append((first, doctrine))
            starts.append(self._starts(state, first, others, seeds, shared=True))
            screen.append(sum(self._value(st) for st in starts[-1]))
        deep = _best(screen, self.keep)
        # a card whose worth comes after the first turn (effort against a threat, help that arrives later) loses the
        # screen to plans that pay now: the best few plans with one card brought in go the whole line as well
        first_inserted = len(pool) - len(inserted)
        deep += [i for i in _best(screen, len(screen)) if i >= first_inserted and i not in deep][: self.insert_keep]
        out = []
        for i in deep:
            first, doctrine = pool[i]
            out.append((sum(self._finish(st, doctrine, seeds[s]) for s, st in enumerate(starts[i])), i, first, doctrine))
        out.sort(key=lambda x: (-x[0], x[1]))
        # polish (off unless asked): the chosen plan with each card it does not play brought in, every one played the
        # whole line (tools/cards.py: in the Meridian Sea such a line beats the chosen one in 30-49 % of decisions for
        # most cards, which the one-turn screen of `_insertions` cannot see)
        for _ in range(self.polish):
            _, _, first, doctrine = out[0]
            whole = {tuple(f) for _, _, f, _ in out}
            for plan, then in self._insertions(state, (first, doctrine), whole):
                sts = self._starts(state, plan, others, seeds, shared=True)
                out.append((sum(self._finish(st, then, seeds[s]) for s, st in enumerate(sts)), len(pool) + len(out),
                            plan, then))
            out.sort(key=lambda x: (-x[0], x[1]))
        return [(score, first, doctrine) for score, _, first, doctrine in out]

    def _blends(self, state: State, best: list[tuple[list[Order], Doctrine]], seen: set[tuple]
                ) -> list[tuple[list[Order], Doctrine]]:
        """New plans made of the best ones: each order of one brought into another first (what no longer fits drops
        out), the line carried on by the receiving plan's doctrine. A searched fixed policy beat the strategist with
        plans no doctrine makes (defence build-up, a forum session and withholding, in one turn) although its own
        look-ahead rated them higher (measured in the Meridian Sea), so it builds such mixtures from its best plans."""
        out = []
        for base, doctrine in best:
            for donor, _ in best:
                for o in donor:
                    if donor is base or o in base:
                        continue
                    plan = self.honour(state, fill(state, self.nation, [o, *base]))   # its deals still come first
                    if plan and tuple(plan) not in seen:
                        seen.add(tuple(plan))
                        out.append((plan, doctrine))
        return out

    def _insertions(self, state: State, best: tuple[list[Order], Doctrine], seen: set[tuple]
                    ) -> list[tuple[list[Order], Doctrine]]:
        """The best plan with each card it does not play brought in first (at its most natural target: natural_order),
        the line carried on by the best plan's doctrine: a card no doctrine's plan and no mixture holds is still
        tried, so every card, shipped or authored, is judged by what it does here (docs/balance.md target 7)."""
        base, doctrine = best
        have = {o.action for o in base}
        out: list[tuple[list[Order], Doctrine]] = []
        for a in state.scenario.actions:
            if a.id in have or a.ai_weight == 0:   # weight 0: the author keeps computer nations off it
                continue
            o = natural_order(state, self.nation, a.id)
            if o is None:
                continue
            plan = self.honour(state, fill(state, self.nation, [o, *base]))
            if o in plan and tuple(plan) not in seen:
                seen.add(tuple(plan))
                out.append((plan, doctrine))
        return out

    def deal_seeds(self, state: State) -> np.ndarray:
        """The draws a deal is weighed on: fixed by the turn and the nation alone, the same with the deal and without."""
        return np.random.default_rng([state.turn, self.nation, 29]).integers(0, 2**31, size=(self.samples, self.depth))

    def deal_line(self, state: State) -> tuple[float, list[Order], Doctrine] | None:
        """The line a deal is weighed against, as (what it ends with, the plan, who carries it on): what it played
        last turn, repeated (one line instead of a plan's seven or so; the region moves slowly, so last turn's choice
        stands for this one's), or on the first turn its best line. None once the game is over."""
        if state.over:
            return None
        last = list(state.last_orders.get(self.nation, ()))
        if not last:
            lines = self.lines(state, self.deal_seeds(state))
            return lines[0] if lines else None
        seeds = self.deal_seeds(state)
        self._fresh = _Restarts()
        mine, again = fill(state, self.nation, last), Repeat(self.nation)
        others = self._expected_orders(state)
        return self._line(state, again, mine, others, seeds), mine, again

    def deal_worth(self, state: State, with_deal: State, line: tuple[float, list[Order], Doctrine] | None) -> float:
        """What signing a deal is worth: the line it would play without (`deal_line`, from `state`) played again with
        the deal signed and kept (by `honour`: what it asks first, the plan's own orders in what is left), minus that
        line. Weighed so against what it would play instead (not against a cooperative's plan), a deal that pushes out
        a better plan is refused, and one it signs it keeps."""
        if line is None or state.over:
            return 0.0
        seeds = self.deal_seeds(state)
        self._fresh = _Restarts()
        score, first, doctrine = line
        mine, others = self.honour(with_deal, first), self._expected_orders(with_deal)
        return self._line(with_deal, doctrine, mine, others, seeds) - score

    def honour(self, state: State, plan: list[Order]) -> list[Order]:
        """A candidate plan made to keep the strategist's word: what its agreements ask first, then the plan's own
        orders that still fit (choose's rules). Its deals are weighed as kept (deal_worth), and an exploit's plan
        knows nothing of them: without this it signed a gesture and then played the greedy plan that broke it."""
        if not running(state, self.nation):
            return plan
        return self.choose(state, [(1.0, o) for o in plan])

    @staticmethod
    def _candidate_classes() -> list[tuple[type[Doctrine], type[Doctrine]]]:
        """Whose plans it tries, as (this turn's plan, how the line goes on): every fixed doctrine's, and the plans a
        clever student would try (stay at home; the one-step greedy, whose line goes on repeating it: a greedy plan
        costs a preview of every option), so an exploit that pays is found by the strategist too."""
        from .registry import EXPLOITS_TRIED, lookup

        out: list[tuple[type[Doctrine], type[Doctrine]]] = [(c, c) for c in FIXED]
        for name, then in EXPLOITS_TRIED:
            first_cls, then_cls = lookup(name), lookup(then)
            if first_cls is not None and then_cls is not None:
                out.append((first_cls, then_cls))
        return out

    def _expected_orders(self, state: State) -> dict[int, list[Order]]:
        """The others are assumed to play what their agreements ask this turn, then repeat last turn's orders where
        these are still legal."""
        out: dict[int, list[Order]] = {}
        for k in range(state.n):
            if k == self.nation:
                continue
            owed = [o for ag in running(state, k) for o in asks(state, ag.deal, k)]
            last = owed + [o for o in state.last_orders.get(k, ()) if o.action not in {x.action for x in owed}]
            out[k] = last if legal(state, k, last) else (owed if legal(state, k, owed) else [])
        return out

    def _line(self, state: State, doctrine: Doctrine, first: list[Order], others: dict[int, list[Order]],
              seeds: np.ndarray) -> float:
        """What a line ends with, summed over its samples (one row of `seeds` each)."""
        return sum(self._finish(st, doctrine, seeds[s])
                   for s, st in enumerate(self._starts(state, first, others, seeds)))

    def _starts(self, state: State, first: list[Order], others: dict[int, list[Order]],
                seeds: np.ndarray, shared: bool = False) -> list[State]:
        """A line's first turn, once per sample: this plan against what the others are expected to play. `shared`:
        one of many plans from this state (the screen), so the part of the turn no plan changes is resolved once."""
        if state.over:
            return [state] * self.samples
        orders = dict(others)   # checked by _expected_orders
        orders[self.nation] = first   # a doctrine's plan is legal by construction (Doctrine.plan checks it)
        # the state resolve_turn(..., ledger=False) would reach, without building a report nobody reads; in the screen
        # the events and delayed effects, and the nations before this one, are resolved once (resolve.prepare_lean)
        if shared:
            return [resolve_prepared(self._fresh.prepared(state, int(row[0])), orders, self.nation)
                    for row in seeds[: self.samples]]
        return [resolve_lean(state, orders, self._fresh(int(row[0])), self._fresh.streams(int(row[0])))
                for row in seeds[: self.samples]]

    def _finish(self, st: State, doctrine: Doctrine, seeds: np.ndarray) -> float:
        """The rest of a line from its first turn's state: the doctrine plays on, the others repeat themselves."""
        for d in range(1, self.depth):
            if st.over:
                break
            mine = self.honour(st, doctrine.plan(st, self._fresh(int(seeds[d]))))
            orders = {k: [o for o in st.last_orders.get(k, ())] for k in range(st.n) if k != self.nation}
            orders = {k: (v if legal(st, k, v) else []) for k, v in orders.items()}
            orders[self.nation] = mine
            seed = int(seeds[d])
            st = resolve_lean(st, orders, self._fresh(seed), self._fresh.streams(seed))
        return self._value(st)

    def _value(self, st: State) -> float:
        ni = float(national_interest(st)[self.nation])
        if st.over:
            return ni  # the game ended inside the look-ahead (last turn or collapse): its final score is all that counts
        # what the line leaves for later turns: others' trust in us (trade, partners) and the region's stability
        them = [k for k in range(st.n) if k != self.nation]
        trusted = float(st.v["trust"][them, self.nation].mean()) if them else 0.0
        later = min(self.threat_turns, st.scenario.turns - st.turn + 1)
        return ni + self.trust_weight * trusted + self.stab_weight * float(st.v["stability"]) - \
            later * threat_cost(st, self.nation)


def threat_cost(st: State, nation: int) -> float:
    """The National Interest the threats at their present levels take from a nation in one turn (R5's damage, by its
    exposure, weighed by its priorities and its share of National Interest that is not the regional stake)."""
    sc = st.scenario
    pri = sc.nations[nation].priorities
    total = max(sum(pri), 1e-9)
    weight = dict(zip(STOCKS, pri))
    exposed = 1.0 - 0.5 * float(st.v["security"][nation]) / 100.0
    cost = 0.0
    for k, th in enumerate(sc.threats):
        level = float(st.v["threat"][k]) / 100.0
        cost += sum(weight.get(stock, 0.0) * per100 for stock, per100 in th.damage) * level
    return cost * exposed * (1.0 - sc.params.regional_stake) / total


def _best(values: list[float], k: int) -> list[int]:
    """The indices of the k highest values, best first (ties: the earlier one)."""
    return sorted(range(len(values)), key=lambda i: (-values[i], i))[:k]


class _Restarts:
    """np.random.default_rng(seed), cheaper when the same seed comes back: each seed's bit generator is made once
    and restarted from its seeded state (a seventh of the cost of seeding). The look-ahead uses one generator per
    seed at a time (a plan's, then a resolution's, beside that resolution's two jumped streams, which are bit
    generators of their own), so restarting a shared bit generator never disturbs one still in use."""

    def __init__(self) -> None:
        self._seeded: dict[int, tuple[np.random.PCG64, _PCG64State]] = {}
        self._jumped: dict[int, tuple] = {}
        self._prepared: dict[tuple[int, int], tuple[State, Prepared]] = {}

    def prepared(self, state: State, seed: int) -> Prepared:
        """prepare_lean(state, default_rng(seed), streams of it), made once per state and seed (the state is kept
        beside it, so its id is not reused while this lives)."""
        got = self._prepared.get((id(state), seed))
        if got is None:
            got = self._prepared[(id(state), seed)] = (state, prepare_lean(state, self(seed), self.streams(seed)))
        return got[1]

    def __call__(self, seed: int) -> np.random.Generator:
        got = self._seeded.get(seed)
        if got is None:
            bg = np.random.PCG64(seed)   # what default_rng(seed) builds
            self._seeded[seed] = (bg, bg.state)
            return np.random.Generator(bg)
        bg, start = got
        bg.state = start
        return np.random.Generator(bg)

    def streams(self, seed: int) -> tuple[np.random.Generator, np.random.Generator]:
        """resolve.streams(default_rng(seed)): a resolution's orders' and ladder's generators, jumped once per seed and
        restarted after (a jump costs about fifteen restarts)."""
        got = self._jumped.get(seed)
        if got is None:
            made = split_streams(np.random.default_rng(seed))
            got = self._jumped[seed] = tuple((g.bit_generator, g.bit_generator.state) for g in made)
        out = []
        for bg, start in got:
            bg.state = start
            out.append(np.random.Generator(bg))
        return out[0], out[1]


class PlannerEasy(Planner):
    name = "planner_easy"
    title = "Strategist (easy: one turn ahead)"
    description = "Looks one turn ahead."
    depth = 1


class PlannerHard(Planner):
    name = "planner_hard"
    title = "Strategist (hard: six turns ahead)"
    description = "Looks six turns ahead."
    depth = 6


PLANNERS = (PlannerEasy, Planner, PlannerHard)

"""The five fixed doctrines: cooperative internationalist, realist hawk, free-rider, reciprocator, hedger."""
from __future__ import annotations

from game.sim.state import Order, State

from .base import Doctrine

Cand = list[tuple[float, Order]]


def _threat(state: State, tid: str) -> float:
    sc = state.scenario
    ix = sc._threat_index.get(tid)
    return 0.0 if ix is None else float(state.v["threat"][ix]) / 100.0


def _add(state: State, me: Doctrine, out: Cand, score: float, action: str, targets: tuple[int, ...] = ()) -> None:
    if score > 0 and me.has(state, action):
        out.append((score, Order(action, targets)))


def _struck(state: State, event_ids: tuple[str, ...]) -> list[int]:
    ids = state.scenario.nation_index
    return [ids(t) for ev in state.news if ev["id"] in event_ids for t in ev["targets"]]


class Cooperative(Doctrine):
    name = "cooperative"
    title = "Cooperative internationalist"
    description = "Invests in the region: exercises, exchanges, dialogue, shared threats, answers every ally."
    values = {"own": 1.0, "others": 0.6, "stability": 1.0, "trust_in_me": 0.3, "militarization": -0.2,
              "cohesion": 0.3, "tension": -0.3, "effort": 3.0}

    def candidates(self, state: State) -> Cand:
        me, v = self.nation, state.v
        out: Cand = []
        for victim in self.victims_to_help(state):
            _add(state, self, out, 3.0, "joint_exercise", (victim,))
        for victim in _struck(state, ("natural_disaster",)):
            if victim != me:
                _add(state, self, out, 2.5, "hadr_mission", (victim,))
        # carries its share of every club: drills with the alliance member it is least interoperable with, shares
        # intelligence with the pact member it trusts most
        for kind, action, pick in (("collective_defence", "joint_exercise", -1.0), ("intel_pact", "intel_sharing", 1.0)):
            members = self.allies(state, kind)
            if members:
                row = v["interop"][me] if action == "joint_exercise" else v["trust"][me]
                k = max(members, key=lambda m: (pick * float(row[m]), -m))
                _add(state, self, out, 1.1, action, (k,))
        low_trust = self.best(state, 1.0 - v["trust"][:, me])           # who trusts us least
        tense = self.best(state, v["tension"][me] + v["tension"][:, me])
        friend = self.best(state, v["trust"][me] + v["interop"][me])
        # a naive internationalist drills with whoever is least secure, not whom it trusts most: it keeps no score, so
        # a free-rider among cooperators is still helped (docs/balance.md target 2: the temptation is real);
        # intelligence it shares only where it trusts (the card asks for trust anyway)
        needy = self.best(state, 100.0 - v["security"])
        for o in self.org_targets(state, "dialogue_forum"):
            _add(state, self, out, 1.4 + v["tension"].mean(), "forum_session", (o,))
        if tense is not None:
            _add(state, self, out, 0.8 + 2 * float(v["tension"][me, tense]), "ministers_dialogue", (tense,))
            if v["hotline"][me, tense] < 0.4:
                _add(state, self, out, 0.6 + 2 * float(v["tension"][me, tense]), "crisis_hotline", (tense,))
        if low_trust is not None:
            _add(state, self, out, 1.0, "personnel_exchange", (low_trust,))
        if needy is not None:
            _add(state, self, out, 0.9, "joint_exercise", (needy,))
        if friend is not None:
            _add(state, self, out, 0.5 + _threat(state, "terrorism") + _threat(state, "cyber"), "intel_sharing", (friend,))
            _add(state, self, out, 0.3 + _threat(state, "cyber") * 1.5, "cyber_defence", (friend,))
            # shared surveillance of the sea lanes and borders: worth it while piracy or terrorism is high (no doctrine
            # played this card before, so the strategist never could: docs/balance.md target 7)
            _add(state, self, out, 0.3 + _threat(state, "piracy") + _threat(state, "terrorism"), "uav_cooperation",
                 (friend,))
        _add(state, self, out, 0.4 + _threat(state, "terrorism") * 1.5, "counter_terrorism",
             (friend,) if friend is not None else ())
        piracy = _threat(state, "piracy")
        low_sec = self.best(state, 100.0 - v["security"])
        if low_sec is not None:
            _add(state, self, out, 0.2 + piracy * 1.5, "anti_piracy", (low_sec,))
            _add(state, self, out, 0.6, "capacity_building", (low_sec,))
        _add(state, self, out, 0.4 + _threat(state, "disaster"), "climate_resilience",
             (low_sec,) if low_sec is not None else ())
        _add(state, self, out, 0.7 if float(v["militarization"][me]) > 30 else 0.3, "white_paper")
        _add(state, self, out, 0.5 if float(v["stability"]) < 50 else 0.2, "peacekeeping")
        if friend is not None and v["agreement"][me, friend] < 0.5:
            _add(state, self, out, 0.5, "trade_agreement", (friend,))
        if float(v["economy"][me]) < 40:
            _add(state, self, out, 1.2, "domestic_investment")
        return out


class Hawk(Doctrine):
    name = "hawk"
    title = "Realist hawk"
    description = "Trusts strength: builds up when threatened, shows force to rivals, exercises only with allies."
    values = {"own": 1.5, "others": 0.0, "stability": 0.2, "trust_in_me": 0.0, "militarization": 0.1,
              "cohesion": 0.1, "tension": 0.0, "effort": 1.0}

    def candidates(self, state: State) -> Cand:
        me, v = self.nation, state.v
        out: Cand = []
        threat = self.perceived_threat(state)
        rival = self.best(state, v["tension"][me] + (1.0 - v["trust"][me]))
        _add(state, self, out, 1.0 + 2 * threat, "defence_buildup")
        if rival is not None:
            _add(state, self, out, 0.6 + 1.5 * threat, "show_of_force", (rival,))
        allies = self.allies(state, "collective_defence")
        for victim in self.victims_to_help(state):
            _add(state, self, out, 1.8, "joint_exercise", (victim,))
        if allies:
            ally = max(allies, key=lambda k: (float(v["trust"][me, k]), -k))
            _add(state, self, out, 0.9, "joint_exercise", (ally,))
            _add(state, self, out, 0.5, "special_forces", (ally,))
        _add(state, self, out, 0.4 + _threat(state, "terrorism"), "unilateral_operation")
        if float(v["support"][me]) < 45:
            _add(state, self, out, 0.8, "civil_military_reform")
        _add(state, self, out, 0.5 if float(v["economy"][me]) < 50 else 0.2, "domestic_investment")
        return out


class FreeRider(Doctrine):
    name = "free_rider"
    title = "Free-rider"
    description = ("Lets others carry collective security: withholds from its alliances and pacts, invests and reforms "
                   "at home, still talks in the forums, signs only cheap deals and keeps them.")
    values = {"own": 1.5, "others": 0.0, "stability": 0.3, "trust_in_me": 0.05, "militarization": 0.0,
              "cohesion": 0.0, "tension": -0.1, "effort": 0.5}

    def candidates(self, state: State) -> Cand:
        me, v = self.nation, state.v
        out: Cand = []
        for o in state.orgs_of(me):
            if state.scenario.orgs[o].kind in ("collective_defence", "intel_pact"):
                _add(state, self, out, 1.2, "withhold_contribution", (o,))
        _add(state, self, out, 1.5, "domestic_investment")
        # talk is cheap: it attends the forums (their stability is everyone's, and staying away is pivotal in a
        # small one, R3.7) and reforms at home; what it leaves to others is the region's security
        for o in self.org_targets(state, "dialogue_forum"):
            _add(state, self, out, 1.0, "forum_session", (o,))
        _add(state, self, out, 1.1, "civil_military_reform")
        partner = self.best(state, v["trade"][me])
        if partner is not None:
            _add(state, self, out, 0.9 if v["agreement"][me, partner] < 0.5 else 0.1, "trade_agreement", (partner,))
            _add(state, self, out, 0.4, "ministers_dialogue", (partner,))
        _add(state, self, out, 0.6 if float(v["security"][me]) < 40 else 0.1, "defence_buildup")
        return out


class Reciprocator(Doctrine):
    """Generous tit-for-tat on each partner: answers cooperation with cooperation, hostility with coldness,
    and sometimes forgives."""
    name = "reciprocator"
    title = "Reciprocator"
    description = "Generous tit-for-tat with each partner: mirrors what they did last turn, forgives a third of the time."
    generosity = 0.33

    def candidates(self, state: State) -> Cand:
        me, v = self.nation, state.v
        out: Cand = []
        for victim in self.victims_to_help(state):
            _add(state, self, out, 2.5, "joint_exercise", (victim,))
        # forgiveness is drawn from the state alone, so plan() stays a pure function of state and rng
        seed = (state.turn * 7919 + me * 104729) % 1000 / 1000.0
        hostile: list[int] = []
        for k in range(state.n):
            if k == me:
                continue
            did = self.cooperated_with_me(state, k)
            trust = float(v["trust"][me, k])
            if did is False:
                if ((seed + k * 0.37) % 1.0) > self.generosity:  # not forgiven: talk, but no gift
                    hostile.append(k)
                    _add(state, self, out, 0.6 + float(v["tension"][me, k]), "ministers_dialogue", (k,))
                    continue
                _add(state, self, out, 0.6 + trust, "personnel_exchange", (k,))  # forgiven: a fresh start
                continue
            if did:  # answer cooperation in kind, first with the very gesture we received
                for o in state.last_orders.get(k, ()):
                    a = state.scenario._action_index.get(o.action)
                    if a is not None and me in o.targets and a.target in ("partner", "partners") and not a.hostile:
                        _add(state, self, out, 1.3 + trust, o.action, (k,))
                _add(state, self, out, 0.7 + trust, "personnel_exchange", (k,))
                _add(state, self, out, 0.5 + trust, "joint_exercise", (k,))
            elif state.turn == 1 or trust >= 0.6:  # no news from k: open with a modest gesture only to close friends
                _add(state, self, out, 0.4 + trust, "personnel_exchange", (k,))
        for org in self.org_targets(state, "dialogue_forum"):
            _add(state, self, out, 0.9, "forum_session", (org,))
        partner = self.best(state, v["trust"][me], exclude=tuple(hostile))
        if partner is not None:
            _add(state, self, out, 0.3 + _threat(state, "terrorism"), "counter_terrorism", (partner,))
        _add(state, self, out, 0.5 + 1.5 * self.perceived_threat(state) - 0.3, "defence_buildup")
        _add(state, self, out, 0.5, "domestic_investment")
        return out


class Hedger(Doctrine):
    name = "hedger"
    title = "Hedger"
    description = "Keeps options open: talks to everyone, arms a little when threatened, cooperates where it pays."

    def candidates(self, state: State) -> Cand:
        me, v = self.nation, state.v
        out: Cand = []
        threat = self.perceived_threat(state)
        tense = self.best(state, v["tension"][me])
        trader = self.best(state, v["trade"][me])
        if tense is not None:
            _add(state, self, out, 0.8 + 2 * threat, "ministers_dialogue", (tense,))
            if v["hotline"][me, tense] < 0.4:
                _add(state, self, out, 0.5 + 2 * threat, "crisis_hotline", (tense,))
        if trader is not None:
            _add(state, self, out, 0.9 if v["agreement"][me, trader] < 0.5 else 0.1, "trade_agreement", (trader,))
            _add(state, self, out, 0.5, "joint_infrastructure", (trader,))
        for o in self.org_targets(state, "dialogue_forum"):
            _add(state, self, out, 1.0, "forum_session", (o,))
        _add(state, self, out, 0.3 + 1.5 * threat, "defence_buildup")
        for victim in _struck(state, ("natural_disaster",)):
            if victim != me:
                _add(state, self, out, 1.2, "hadr_mission", (victim,))
        _add(state, self, out, 0.4 + _threat(state, "disaster"), "climate_resilience",
             (trader,) if trader is not None else ())
        _add(state, self, out, 0.6, "domestic_investment")
        _add(state, self, out, 0.3, "white_paper")
        return out


ALL = (Cooperative, Hawk, FreeRider, Reciprocator, Hedger)

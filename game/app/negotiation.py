"""The negotiation step before planning: proposals to one or more nations, accept / decline / counter, messages.

Each turn opens with the computer nations dealing among themselves (as a headless game does) and offering their
deals to teams; then teams propose to anyone. A computer nation answers at once (by its doctrine, game/ai/dealing.py);
a team answers on its own negotiation screen. A deal every party accepts is signed: it binds this turn's plans and
is checked when the turn resolves (docs/rules.md, section 12). While the facilitator has paused the game, every team
command (propose, answer, counter, message) is refused and changes nothing. Proposals, answers and the teams'
free-text messages are kept in the save (its `negotiation` section) and make the archive (archive.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from game.ai.dealing import TRIES, accepts, offers
from game.runner.promises import deal_of, status
from game.sim.agreements import signed
from game.sim.deals import PLEDGE_ACTIONS, TERM_ACTIONS, Deal, Term, deal_problems
from game.sim.state import State

if TYPE_CHECKING:
    from .session import GameSession

Answer = Literal["pending", "accept", "decline", "counter"]
MAX_MESSAGE = 2000
PAUSED = "the facilitator has paused the game"   # what every team command answers while the game is paused
PLEDGE_TURNS = 2   # a pledge offered from a team's screen runs two turns (or the scenario's most, if fewer)


def allowed_terms(scenario: Any, nation: int) -> list[Term]:
    """The terms a nation may offer in this scenario, in a fixed order: up to four joint gestures, the trade agreement
    and the hotline, the pledges (contributions to its own organizations). Whether a deal with them can be kept this
    turn is deal_problems' question."""
    rules = scenario.negotiation
    out: list[Term] = []
    if "joint" in rules.terms:
        out += [Term("joint", action=a.id) for a in scenario.actions
                if a.reciprocity > 0 and a.target == "partner" and not a.hostile
                and a.id not in TERM_ACTIONS.values()][:4]
    out += [Term(kind) for kind, card in TERM_ACTIONS.items() if kind in rules.terms and card in scenario._action_index]
    if "pledge" in rules.terms:
        turns = min(PLEDGE_TURNS, rules.max_turns)
        out += [Term("pledge", pledge=p, turns=turns) for p in rules.pledges if p != "contribute"
                and PLEDGE_ACTIONS.get(p, "") in ("", *scenario._action_index)]
        if "contribute" in rules.pledges:
            out += [Term("pledge", pledge="contribute", org=o, turns=turns) for o in scenario.orgs_of(nation)]
    return out


@dataclass
class Proposal:
    """A deal put to its parties in one turn and what each answered; `agreement` is the id it was signed under."""
    id: str
    turn: int
    deal: Deal
    answers: dict[int, Answer]
    counter_of: str | None = None
    agreement: str | None = None

    @property
    def status(self) -> str:
        """signed, declined, countered or pending."""
        return status(self.answers, self.agreement)


@dataclass
class Message:
    turn: int
    sender: int
    to: tuple[int, ...]
    text: str


@dataclass
class Negotiation:
    """One session's negotiation: every proposal of the game (the archive) and the messages between teams."""
    session: GameSession
    proposals: list[Proposal] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    opened: int = 0    # the last turn whose computer deals were made (0: none yet)

    # -- reading --------------------------------------------------------------------------------------------
    @property
    def enabled(self) -> bool:
        return self.session.scenario.negotiation.enabled

    def this_turn(self) -> list[Proposal]:
        return [p for p in self.proposals if p.turn == self.session.turn]

    def deals(self, turn: int | None = None) -> list[Deal]:
        """The deals signed in a turn (default: this one), in the order they were signed (their agreement ids follow
        it)."""
        t = self.session.turn if turn is None else turn
        out = sorted((p for p in self.proposals if p.turn == t and p.agreement is not None),
                     key=lambda p: int(str(p.agreement).split(".")[1]))
        return [p.deal for p in out]

    def planning_state(self) -> State:
        """The position plans are made in: this turn's deals signed."""
        self.open_turn()
        return signed(self.session.state, self.deals())

    def waiting_for(self, nation: int) -> list[Proposal]:
        """This turn's proposals that wait for this nation's answer."""
        self.open_turn()
        return [p for p in self.this_turn() if p.answers.get(nation) == "pending" and p.status == "pending"]

    def seen_by(self, nation: int | None) -> list[Proposal]:
        """The proposals a nation may see (those it is party to; None: the facilitator, all of them)."""
        return [p for p in self.proposals if nation is None or nation in p.deal.parties]

    def messages_for(self, nation: int | None) -> list[Message]:
        return [m for m in self.messages if nation is None or nation == m.sender or nation in m.to]

    def problems(self, deal: Deal) -> list[str]:
        return deal_problems(self.session.state, deal, self.session.scenario.negotiation, self.deals())

    # -- commands -------------------------------------------------------------------------------------------
    def open_turn(self) -> None:
        """Once per turn: the computer nations deal among themselves and put their offers to teams."""
        s = self.session
        if self.opened == s.turn or s.over or not self.enabled:
            return
        self.opened = s.turn
        humans = s.humans
        computer = {k: seat.doctrine for k, seat in s.seats.items() if not seat.human}
        for d in s.game.negotiate(s.state, humans, self.deals()):
            self._add(d, {k: "accept" for k in d.parties})
        for k in sorted(computer):   # then each offers a team the first of its deals that involves one
            for d in offers(s.state, k, computer[k], self.deals())[:TRIES]:
                if not any(q in humans for q in d.parties) or self.problems(d):
                    continue
                answers: dict[int, Answer] = {q: "pending" if q in humans else
                                              "accept" if q == k or accepts(s.state, q, computer[q], d, self.deals())
                                              else "decline" for q in d.parties}
                self._add(d, answers)
                break

    def propose(self, deal: Deal, counter_of: str | None = None) -> list[str]:
        """A team's proposal (checked; the reasons if refused). Computer parties answer at once."""
        if self.session.paused:
            return [PAUSED]
        self.open_turn()
        errs = self.problems(deal)
        if errs:
            return errs
        s = self.session
        answers: dict[int, Answer] = {}
        for q in deal.parties:
            if q == deal.proposer or s.seats[q].human:
                answers[q] = "accept" if q == deal.proposer else "pending"
            else:
                answers[q] = "accept" if accepts(s.state, q, s.seats[q].doctrine, deal, self.deals()) else "decline"
        self._add(deal, answers, counter_of)
        return []

    def answer(self, pid: str, nation: int, verdict: Answer) -> list[str]:
        """A team accepts or declines a proposal put to it; the deal is signed once every party has accepted."""
        if self.session.paused:
            return [PAUSED]
        p = self._find(pid)
        if p is None or p.turn != self.session.turn:
            return ["there is no such proposal this turn"]
        if p.answers.get(nation) != "pending" or p.status != "pending":
            return ["this proposal is not waiting for your answer"]
        if verdict == "accept":
            errs = self.problems(p.deal)
            if errs:
                return errs
        p.answers[nation] = verdict
        self._sign_if_agreed(p)
        self.session.autosave()
        return []

    def counter(self, pid: str, nation: int, terms: tuple[Term, ...]) -> list[str]:
        """Answer a proposal with other terms between the same parties: the old one is countered, the new one is
        this nation's proposal."""
        if self.session.paused:
            return [PAUSED]
        p = self._find(pid)
        if p is None or p.answers.get(nation) != "pending" or p.status != "pending":
            return ["this proposal is not waiting for your answer"]
        d = p.deal
        new = Deal(nation, (nation, *[q for q in d.parties if q != nation]), terms, d.public)
        errs = self.problems(new)
        if errs:
            return errs
        p.answers[nation] = "counter"
        return self.propose(new, counter_of=p.id)

    def message(self, sender: int, to: tuple[int, ...], text: str) -> list[str]:
        """A free-text message from a team to other teams (kept in the save)."""
        if self.session.paused:
            return [PAUSED]
        text = text.strip()[:MAX_MESSAGE]
        if not text:
            return ["the message is empty"]
        if not to or any(q == sender or not 0 <= q < self.session.scenario.n for q in to):
            return ["a message goes to other nations"]
        self.messages.append(Message(self.session.turn, sender, tuple(to), text))
        self.session.autosave()
        return []

    def rewound(self, turn: int) -> None:
        """Rewinding to `turn` forgets the proposals and messages of it and after (that line is the branch's)."""
        self.proposals = [p for p in self.proposals if p.turn < turn]
        self.messages = [m for m in self.messages if m.turn < turn]
        self.opened = 0

    # -- inside -----------------------------------------------------------------------------------------------
    def _find(self, pid: str) -> Proposal | None:
        return next((p for p in self.proposals if p.id == pid), None)

    def _add(self, deal: Deal, answers: dict[int, Answer], counter_of: str | None = None) -> Proposal:
        t = self.session.turn
        p = Proposal(f"{t}.p{len(self.this_turn()) + 1}", t, deal, answers, counter_of)
        self.proposals.append(p)
        self._sign_if_agreed(p)
        return p

    def _sign_if_agreed(self, p: Proposal) -> None:
        if p.agreement is None and all(a == "accept" for a in p.answers.values()):
            p.agreement = f"{p.turn}.{len(self.deals()) + 1}"

    # -- as saved -----------------------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        ids = self.session.scenario.nation_ids
        return {
            "proposals": [{"id": p.id, "turn": p.turn, "proposer": ids[p.deal.proposer],
                           "parties": [ids[k] for k in p.deal.parties], "public": p.deal.public,
                           "terms": [{"kind": t.kind, "action": t.action, "pledge": t.pledge, "org": t.org,
                                      "turns": t.turns} for t in p.deal.terms],
                           "answers": {ids[k]: a for k, a in p.answers.items()},
                           "counter_of": p.counter_of, "agreement": p.agreement} for p in self.proposals],
            "messages": [{"turn": m.turn, "sender": ids[m.sender], "to": [ids[k] for k in m.to], "text": m.text}
                         for m in self.messages],
        }

    def restore(self, data: dict[str, Any]) -> None:
        ix = self.session.scenario.nation_index
        self.proposals = [Proposal(p["id"], p["turn"], deal_of(p, ix), {ix(k): a for k, a in p["answers"].items()},
                                   p.get("counter_of"), p.get("agreement")) for p in data.get("proposals", [])]
        self.messages = [Message(m["turn"], ix(m["sender"]), tuple(ix(k) for k in m["to"]), m["text"])
                         for m in data.get("messages", [])]
        turn = self.session.turn
        self.opened = turn if any(p.turn == turn for p in self.proposals) else 0

"""GameSession: one game being played - seats (human/computer), difficulty, plans in progress, turns, autosave, and
what a facilitator controls: pause, the planning timer, injected events, rewinds (branches), seat switches, hidden
private information and the console PIN. No pygame: the pygame front end drives it, and a host can drive it alike.

Screens read through `session.view` (game/app/view.py: the turn, states, reports, seats, queued events, branches)
and change the game only through these commands, each of which autosaves when it changes what a save holds:

  creating      GameSession.new(path, scenario, seed, seats, difficulty)    GameSession.load(path)
  planning      set_plan(k, orders)   add_order(k, order) -> problems   remove_order(k, i)   clear_plan(k)
                finish_planning(k) -> problems ("end planning": the plan is final once it is legal)
                reopen_planning(k) (take an ended plan back to change it, until the turn resolves)
  resolving     resolve() -> the turn's report (when next_planner() is None: every human seat has ended planning)
  the clock     pause()  resume()  set_timer(seconds, policy)  set_timer_policy(policy)  restart_timer()
                add_time(seconds)  tick(dt) -> True once when time runs out  expire() -> what the policy did
  events        inject_deck(event_id, targets)  inject_custom(data, targets)  remove_injection(i)
  rewinding     rewind(turn, label) -> the branch left behind (kept in `branches` and saved)
  negotiating   negotiation.propose(deal) -> problems   negotiation.answer(id, k, verdict)   negotiation.counter(id,
                k, terms)   negotiation.message(k, to, text)   (game/app/negotiation.py; before planning each turn)
  seats         set_seat(k, human, doctrine) (switch a seat between a team and a computer nation, from now on)
  privacy, PIN  set_hide_private(hide)  set_reveal_doctrines(reveal)  set_pin(pin)
                check_pin(pin) -> bool (slowed after wrong ones)
  saving        autosave()  save_as(name) -> path  export(folder, whatif, colorblind) -> the files written

When the clock runs out a front end calls expire() and then resolves as usual (the policies: game/app/timer.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.ai.registry import DIFFICULTY as PLANNER_BY_DIFFICULTY
from game.ai.registry import DOCTRINES, make
from game.content import saves
from game.runner.headless import AI, Game, turn_rng
from game.runner.saved import restored_game
from game.sim.contract import TurnReport
from game.sim.orders import order_problems
from game.sim.state import Order, State

from . import pins
from .injections import Injection, target_problem
from .negotiation import Negotiation
from .plandraft import PlanDraft
from .timer import POLICIES, TIMER_POLICIES, PlanningTimer, check_policy
from .view import SessionView

__all__ = ["DIFFICULTY", "MIN_PIN", "PLANNER_BY_DIFFICULTY", "TIMER_POLICIES", "GameSession", "Injection", "Seat",
           "SessionPlan"]

# difficulty -> multiplier of each doctrine's own score noise (easy: computer nations choose more carelessly),
# and for a strategist seat, which planner plays it (PLANNER_BY_DIFFICULTY, from the registry: how far it looks)
DIFFICULTY = {"easy": 3.0, "normal": 1.0, "hard": 0.3}
MIN_PIN = 4


@dataclass(frozen=True)
class SessionPlan:
    """How a session's computer seats plan at its seed and difficulty, as a value that crosses to a background
    process (duplicate scores replay the game there); `doctrines` fixes each seat's doctrine whatever name is asked."""
    seed: int
    difficulty: str
    doctrines: dict[int, str] | None = None

    def __call__(self, state: State, k: int, name: str) -> list[Order]:
        name = self.doctrines[k] if self.doctrines is not None else name
        if getattr(DOCTRINES.get(name), "lookahead", False):  # a strategist: the difficulty sets how far it looks
            name = PLANNER_BY_DIFFICULTY[self.difficulty]
        d = make(name, k)
        d.noise = type(d).noise * DIFFICULTY[self.difficulty]
        return d.plan(state, turn_rng(self.seed, state.turn, AI, k))


@dataclass(frozen=True)
class Seat:
    """Who plays a nation: a team (human) or the computer, and the doctrine that plays it (for a team: when its
    time runs out under the computer policy). Frozen: a switch replaces the seat (set_seat)."""
    human: bool
    doctrine: str

    def to_dict(self) -> dict:
        return {"human": self.human, "doctrine": self.doctrine}


class GameSession:
    """Wraps game.runner.headless.Game: collects each human nation's orders, resolves turns, autosaves."""

    def __init__(self, game: Game, scenario_path: Path, seats: dict[int, Seat], difficulty: str = "normal",
                 autosave: bool = True) -> None:
        if difficulty not in DIFFICULTY:
            raise ValueError(f"unknown difficulty '{difficulty}' (one of {', '.join(DIFFICULTY)})")
        self.game = game
        self.scenario_path = Path(scenario_path)
        self.seats = seats
        self.difficulty = difficulty
        self.autosave_enabled = autosave
        self.plans: dict[int, list[Order]] = {}   # drafts of this turn, never saved
        self.done: set[int] = set()                # human nations that ended planning this turn
        self.last_save_error: str | None = None
        # -- the facilitator's controls (saved in the save's "facilitator" section, except the running clock)
        self.branches: list[dict] = []             # earlier lines: {"from_turn", "label", "seats", "history"}
        self.pending: list[Injection] = []         # events that strike first in the next resolution
        self.seat_log: list[dict] = []             # seat switches: {"turn", "nation", "human", "doctrine"}
        self.timer = PlanningTimer()               # seconds of planning per turn and the policy when they run out
        self.paused = False
        self.hide_private = False                  # exact stocks hidden on the shared screen
        self.reveal_doctrines = False              # the board names the computer nations' doctrines (this sitting only)
        self.pin_hash: str | None = None           # scrypt hash (game/app/pins.py); also kept for the class's game
        self.class_id: str | None = None           # the game every save of this play belongs to (PIN protection)
        self.expiry_notes: list[str] = []          # what the timer did this turn (for the resolution screen)
        self.last_expiry: list[str] = []           # ... and at the last resolution
        self.last_injected: list[str] = []         # the events injected into the last resolution, in words
        # what was injected into each turn resolved (EventDef, targets), for the duplicate score's replay; not saved:
        # a loaded game's earlier turns get their deck events back from the reports (game/app/duplicate.py)
        self.injected_log: dict[int, list[tuple[Any, tuple[int, ...]]]] = {}
        self.negotiation = Negotiation(self)       # this game's proposals, agreements signed and messages
        self.view = SessionView(self)              # what screens read (read-only)

    # -- creating ----------------------------------------------------------------------------------
    @classmethod
    def new(cls, scenario_path: str | Path, scenario: Any, seed: int, seats: dict[int, Seat],
            difficulty: str = "normal", autosave: bool = True) -> GameSession:
        for s in seats.values():
            if s.doctrine not in DOCTRINES:
                raise ValueError(f"unknown doctrine '{s.doctrine}'")
        overrides = {scenario.nations[k].id: s.doctrine for k, s in seats.items() if not s.human}
        game = Game.new(scenario, int(seed), overrides)
        sess = cls(game, Path(scenario_path), dict(seats), difficulty, autosave)
        sess.class_id = pins.new_class_id()
        sess.autosave()
        return sess

    @classmethod
    def from_restored(cls, r: saves.Restored, autosave: bool = True) -> GameSession:
        game, saved = restored_game(r)   # the same game `report SAVE` makes of this save
        seats = {k: Seat(bool(s["human"]), game.doctrines[k]) for k, s in saved.items()}
        sess = cls(game, r.scenario_path, seats, r.difficulty if r.difficulty in DIFFICULTY else "normal", autosave)
        sess._restore_facilitator(r.facilitator, r.branches)
        sess.negotiation.restore(r.negotiation)
        sess.class_id = r.class_id or pins.new_class_id()
        known, class_hash = pins.class_pin(sess.class_id)
        if known:                       # the facilitator's PIN for this game, whatever this one save says
            sess.pin_hash = class_hash
        elif sess.pin_hash:
            pins.record(sess.class_id, sess.pin_hash)
        return sess

    def _restore_facilitator(self, f: dict, branches: list[dict]) -> None:
        """The facilitator section of a save (version 1 saves have none: the defaults stay)."""
        self.branches = [dict(b) for b in branches]
        timer = f.get("timer")
        self.timer.limit = float(timer) if timer else None
        self.timer.policy = check_policy(f.get("policy", "submit"))
        self.hide_private = bool(f.get("hide_private", False))
        pin = f.get("pin")
        self.pin_hash = pin if isinstance(pin, str) and pin else None
        self.seat_log = [dict(e) for e in f.get("seat_log", [])]
        self.restart_timer()
        from game.content.yamlsafe import ContentError

        for spec in f.get("pending", []):
            try:
                targets = tuple(self.scenario.nation_index(t) for t in spec.get("targets", []))
                if "custom" in spec:
                    self.inject_custom(spec["custom"], targets, save=False)
                else:
                    self.inject_deck(spec["event"], targets, save=False)
            except (ContentError, KeyError, ValueError, TypeError, AttributeError) as exc:
                raise saves.SaveError(f"damaged save (a queued event cannot be rebuilt: {exc})") from None

    @classmethod
    def load(cls, path: Path, autosave: bool = True) -> GameSession:
        """Raises saves.SaveError with a one-line message if the file is damaged or its scenario changed."""
        return cls.from_restored(saves.load_save(path), autosave)

    # -- reading -------------------------------------------------------------------------------
    @property
    def scenario(self):
        return self.game.scenario

    @property
    def seed(self) -> int:
        return self.game.seed

    # the state, turn, end and last report are the view's (screens read them there; game/app, tools and tests here)
    @property
    def state(self) -> State:
        return self.view.state

    @property
    def turn(self) -> int:
        return self.view.turn

    @property
    def over(self) -> bool:
        return self.view.over

    @property
    def last_report(self) -> TurnReport | None:
        return self.view.last_report

    @property
    def humans(self) -> list[int]:
        return sorted(k for k, s in self.seats.items() if s.human)

    def nation_name(self, k: int) -> str:
        return self.scenario.nations[k].name

    def seat_label(self, k: int) -> str:
        s = self.seats[k]
        return "Human" if s.human else f"Computer: {DOCTRINES[s.doctrine].title}"

    @property
    def timer_limit(self) -> float | None:
        """Seconds of planning per turn (None: no timer)."""
        return self.timer.limit

    @property
    def timer_policy(self) -> str:
        return self.timer.policy

    @property
    def timer_left(self) -> float | None:
        return self.timer.left

    @property
    def timer_fired(self) -> bool:
        return self.timer.fired

    # -- planning -------------------------------------------------------------------------------
    def plan(self, nation: int) -> list[Order]:
        return self.plans.setdefault(nation, [])

    def set_plan(self, nation: int, orders: list[Order]) -> None:
        self.plans[nation] = list(orders)

    def draft(self, nation: int) -> PlanDraft:
        """The nation's plan in progress, to read and edit order by order (what is left, why a card is refused)."""
        return PlanDraft(self, nation)

    def add_order(self, nation: int, order: Order) -> list[str]:
        """Add an order to the nation's plan if it stays legal; returns the reasons otherwise (plan unchanged)."""
        return self.draft(nation).add(order)

    def remove_order(self, nation: int, index: int) -> None:
        self.draft(nation).remove(index)

    def clear_plan(self, nation: int) -> None:
        self.set_plan(nation, [])

    def problems(self, nation: int) -> list[str]:
        return order_problems(self.state, nation, self.plan(nation))

    def finish_planning(self, nation: int) -> list[str]:
        """Mark the nation's plan as final; returns the problems instead if it is not legal."""
        errs = self.problems(nation)
        if not errs:
            self.done.add(nation)
        return errs

    def reopen_planning(self, nation: int) -> None:
        """Take back an ended plan to revise it (the classroom host: a team's device may until the turn resolves)."""
        self.done.discard(nation)

    def next_planner(self) -> int | None:
        """The next human nation that has not ended planning this turn (None when all have)."""
        if self.over:
            return None
        return next((k for k in self.humans if k not in self.done), None)

    # -- resolving ------------------------------------------------------------------------------
    def computer_plan(self, k: int) -> list[Order]:
        """What the seat's doctrine plays for nation k this turn (the same generator as Game.computer_orders,
        with the difficulty's noise), also for a human seat whose time ran out; in the position of this turn's deals."""
        return self.plan_at(self.negotiation.planning_state(), k)

    def plan_at(self, state: State, k: int, name: str | None = None) -> list[Order]:
        """What seat k's doctrine (or `name`) plays in `state`, at this session's difficulty."""
        return SessionPlan(self.seed, self.difficulty)(state, k, name or self.seats[k].doctrine)

    def computer_orders(self) -> dict[int, list[Order]]:
        """The computer seats' orders."""
        return {k: self.computer_plan(k) for k, seat in sorted(self.seats.items()) if not seat.human}

    def resolve(self) -> TurnReport:
        """Resolve the turn with every human plan, the computer seats' orders and the queued events; then autosave."""
        if self.over:
            raise ValueError("the game is over")
        orders = self.computer_orders()
        for k in self.humans:
            orders[k] = list(self.plans.get(k, []))
        inject = [(i.event, i.targets) for i in self.pending]
        turn = self.state.turn
        report = self.game.step(orders, inject=inject, deals=self.negotiation.deals())
        self.injected_log[turn] = inject
        self.last_injected = [i.describe(self.scenario) for i in self.pending]
        self.last_expiry, self.expiry_notes = self.expiry_notes, []
        self.pending.clear()
        self.plans.clear()
        self.done.clear()
        self.restart_timer()
        self.autosave()
        return report

    # -- facilitator: pause and the planning timer -------------------------------------------------
    def pause(self) -> None:
        self.paused = True

    def resume(self) -> None:
        self.paused = False

    def set_timer(self, seconds: float | None, policy: str | None = None) -> None:
        """A planning timer of `seconds` per turn (None: none); the clock restarts now."""
        if seconds is not None and seconds <= 0:
            raise ValueError("a timer needs a positive number of seconds")
        if policy is not None:
            self.set_timer_policy(policy, save=False)
        self.timer.set(seconds)
        self.autosave()

    def set_timer_policy(self, policy: str, save: bool = True) -> None:
        self.timer.policy = check_policy(policy)
        if save:
            self.autosave()

    def restart_timer(self) -> None:
        self.timer.restart()

    def add_time(self, seconds: float) -> None:
        self.timer.add(seconds)

    @property
    def timer_running(self) -> bool:
        return (self.timer.left is not None and not self.timer.fired and not self.paused and not self.over
                and bool(self.humans))

    def tick(self, dt: float) -> bool:
        """Count the planning clock down by dt seconds; True once, when it runs out."""
        return self.timer_running and self.timer.count_down(dt)

    def legal_prefix(self, k: int) -> list[Order]:
        """The team's plan so far, cut back to its longest legal beginning."""
        orders = list(self.plans.get(k, []))
        while orders and order_problems(self.state, k, orders):
            orders.pop()
        return orders

    def expire(self) -> list[str]:
        """Time is up: every team that has not ended planning gets the facilitator's policy (its plan so far, or
        a computer plan) and is marked done. Returns what happened, in words (also shown after the resolution)."""
        policy = POLICIES[self.timer.policy]
        notes = []
        for k in self.humans:
            if k in self.done:
                continue
            self.plans[k], note = policy.fill(self, k)
            notes.append(note)
            self.done.add(k)
        self.timer.fired = True
        self.expiry_notes.extend(notes)
        return notes

    # -- facilitator: injected events ------------------------------------------------------------
    def target_problem(self, ev: Any, targets: tuple[int, ...]) -> str | None:
        return target_problem(self.scenario, ev, targets)

    def _queue(self, ev: Any, targets: tuple[int, ...], spec: dict, save: bool) -> Injection:
        if self.over:
            raise ValueError("the game is over: rewind to play on")
        problem = self.target_problem(ev, tuple(targets))
        if problem:
            raise ValueError(problem)
        inj = Injection(ev, tuple(int(t) for t in targets), spec)
        self.pending.append(inj)
        if save:
            self.autosave()
        return inj

    def inject_deck(self, event_id: str, targets: tuple[int, ...], save: bool = True) -> Injection:
        """Queue an event of the scenario's deck for the start of the next resolution (ValueError: wrong targets)."""
        ev = next((e for e in self.scenario.events if e.id == event_id), None)
        if ev is None:
            raise ValueError(f"no event '{event_id}' in the deck")
        ids = [self.scenario.nations[t].id for t in targets]
        return self._queue(ev, tuple(targets), {"event": event_id, "targets": ids}, save)

    def inject_custom(self, data: dict, targets: tuple[int, ...], save: bool = True) -> Injection:
        """Queue an event written on the spot; raises ContentError (its problems in words) or ValueError (targets)."""
        from game.content.loader import custom_event

        ev = custom_event(data, self.scenario)
        ids = [self.scenario.nations[t].id for t in targets if 0 <= t < self.scenario.n]
        return self._queue(ev, tuple(targets), {"custom": dict(data), "targets": ids}, save)

    def remove_injection(self, index: int) -> None:
        if 0 <= index < len(self.pending):
            del self.pending[index]
            self.autosave()

    # -- facilitator: rewind ---------------------------------------------------------------------
    def rewindable_turns(self) -> list[int]:
        """The turns whose start can be played again (every turn before the current one)."""
        return list(range(1, len(self.game.history.states)))

    def rewind(self, turn: int, label: str | None = None) -> dict:
        """Play on from the start of an earlier turn. The line left behind is kept in `branches` (and the save)."""
        hist = self.game.history
        if turn not in self.rewindable_turns():
            raise ValueError(f"cannot rewind to turn {turn} (turns 1 to {len(hist.states) - 1} can be played again)")
        played = len(hist.reports)
        sc = self.scenario
        branch = {
            "from_turn": int(turn),
            "label": (label or "").strip() or f"Line {len(self.branches) + 1}: played to turn {played}, left at turn {turn}",
            "turns": played,
            "over": hist.current.over,
            "outcome": hist.current.outcome,
            "seats": {sc.nations[k].id: s.to_dict() for k, s in sorted(self.seats.items())},
            "history": saves.history_to_dict(hist),
        }
        self.branches.append(branch)
        hist.rewind(turn)
        self.injected_log = {t: x for t, x in self.injected_log.items() if t < turn}
        self.negotiation.rewound(turn)
        self.plans.clear()
        self.done.clear()
        self.pending.clear()
        self.expiry_notes, self.last_expiry, self.last_injected = [], [], []
        self.restart_timer()
        self.autosave()
        return branch

    # -- facilitator: seats, privacy, PIN ---------------------------------------------------------
    def set_seat(self, k: int, human: bool, doctrine: str | None = None) -> None:
        """Switch a seat between a team and a computer nation (and its doctrine), from this turn on."""
        doctrine = doctrine or self.seats[k].doctrine
        if doctrine not in DOCTRINES:
            raise ValueError(f"unknown doctrine '{doctrine}'")
        self.seats[k] = Seat(bool(human), doctrine)
        self.game.doctrines[k] = doctrine
        if not human:
            self.plans.pop(k, None)
            self.done.discard(k)
        self.seat_log.append({"turn": self.turn, "nation": self.scenario.nations[k].id, "human": bool(human),
                              "doctrine": doctrine})
        self.autosave()

    def planning_status(self, k: int) -> str:
        """'computer', 'planned' or 'not yet' (never what the plan holds)."""
        if not self.seats[k].human:
            return "computer"
        return "planned" if k in self.done else "not yet"

    def set_hide_private(self, hide: bool) -> None:
        self.hide_private = bool(hide)
        self.autosave()

    def set_reveal_doctrines(self, reveal: bool) -> None:
        """Name (or stop naming) each computer nation's doctrine on the shared screen; not saved: a loaded game hides
        them again."""
        self.reveal_doctrines = bool(reveal)

    def set_pin(self, pin: str | None) -> None:
        """Protect the facilitator console with a PIN (None or '' removes it)."""
        pin = (pin or "").strip()
        if pin and len(pin) < MIN_PIN:
            raise ValueError(f"a PIN needs at least {MIN_PIN} characters")
        self.pin_hash = pins.hash_pin(pin) if pin else None
        pins.record(self.class_id, self.pin_hash)
        self.autosave()

    @property
    def has_pin(self) -> bool:
        return bool(self.pin_hash)

    @property
    def pin_wait(self) -> float:
        """Seconds before another PIN attempt is taken (after a few wrong ones; 0: now)."""
        return pins.guard(self.class_id).wait() if self.pin_hash else 0.0

    def check_pin(self, pin: str) -> bool:
        """Whether `pin` opens the console; False without trying while attempts are slowed (see pin_wait)."""
        if not self.pin_hash:
            return True
        g = pins.guard(self.class_id)
        if g.wait() > 0:
            return False
        if not pins.verify(pin, self.pin_hash):
            g.failed()
            return False
        g.succeeded()
        if not self.pin_hash.startswith("scrypt$"):   # a version 2 save's SHA-256: kept from now on with scrypt
            self.pin_hash = pins.hash_pin((pin or "").strip())
            pins.record(self.class_id, self.pin_hash)
        return True

    def facilitator_dict(self) -> dict:
        return {"timer": self.timer_limit, "policy": self.timer_policy, "hide_private": self.hide_private,
                "pin": self.pin_hash, "pending": [i.spec for i in self.pending], "seat_log": list(self.seat_log)}

    # -- saving ---------------------------------------------------------------------------------
    def to_save(self, name: str) -> dict:
        sc = self.scenario
        return saves.make_save(name=name, scenario_path=self.scenario_path, scenario=sc, seed=self.seed,
                               seats={sc.nations[k].id: s.to_dict() for k, s in sorted(self.seats.items())},
                               difficulty=self.difficulty, history=self.game.history, branches=self.branches,
                               facilitator=self.facilitator_dict(), class_id=self.class_id,
                               negotiation=self.negotiation.to_dict())

    def autosave(self) -> None:
        """Autosave after every turn; a failure is remembered (shown by the UI), never raised mid-game."""
        if not self.autosave_enabled:
            return
        try:
            saves.autosave(self.to_save(f"{self.scenario.name}, turn {self.turn}"))
            self.last_save_error = None
        except saves.SaveError as exc:
            self.last_save_error = str(exc)

    def save_as(self, name: str) -> Path:
        return saves.save_named(self.to_save(name))

    def export_dir(self) -> Path:
        """Where an export of the game so far goes: <data dir>/exports/<scenario>-seed<seed>-turn<turn>."""
        return saves.data_dir() / "exports" / f"{saves.slug(self.scenario.name)}-seed{self.seed}-turn{self.turn}"

    def export(self, folder: Path | None = None, whatif: Any = None, colorblind: bool = False) -> list[Path]:
        """report.html, turns.csv and history.json of the game so far (game.runner.export; its ExportError if the
        folder cannot be written). The figures are drawn with pygame, loaded only here. Private deals are in the
        report unless private information is hidden (as on the debrief screen)."""
        from game.runner import export as fig

        return fig.write_report(self.game, folder or self.export_dir(), self.seats, whatif, colorblind,
                                self.negotiation.to_dict(), private=not self.hide_private)

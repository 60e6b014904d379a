"""The facilitator console (F9 or Ctrl+F, optionally behind a PIN): pause, planning timer, inject events, rewind, seats, privacy.

The console's state and actions live here (its tabs' layout and drawing in console_tabs.py), with the PIN prompt and
what the App uses while a game is on screen: `tick` (the planning clock, and `timer_ran_out` when it runs out) and
`draw_pause_card` (what the projector shows while the facilitator has paused the game).
"""
from __future__ import annotations

import pygame
import pygame_gui

from game.ai.registry import CHOICES, DOCTRINES
from game.app.injections import custom_event_data
from game.app.session import TIMER_POLICIES, GameSession
from game.content.yamlsafe import ContentError

from .. import flow, layout
from .. import text as T
from ..scene import Scene
from ..widgets.clock import clock_text
from ..widgets.eventform import TEMPLATES, effect_lines, friendly
from ..widgets.listview import ListView
from .console_tabs import ConsoleTabs

TABS = (("teams", "Teams", "Teams"), ("timer", "Timer", "Timer"), ("deck", "Deck event", "Deck"),
        ("custom", "Own event", "Write"), ("rewind", "Rewind", "Rewind"), ("seats", "Seats", "Seats"),
        ("pin", "PIN", "PIN"))


# -- shared with the turn screens ------------------------------------------------------------------
def tick(app, session: GameSession, dt: float) -> bool:
    """Count the planning clock down (App.frame calls this every frame while a game is on screen and nothing in the
    stack stops the clock). When it runs out, the turn goes on (timer_ran_out). True when the clock's text changed."""
    before = clock_text(session)
    if session.tick(dt):
        app.later(lambda: timer_ran_out(app, session))
        return True
    return clock_text(session) != before


def timer_ran_out(app, session: GameSession) -> None:
    """Apply the facilitator's policy to every team that has not ended planning, go back to the turn's screens
    (closing the menu, charts or codex a student had opened) and resolve the turn."""
    if session.over:
        return
    session.expire()
    while len(app.scenes) > 1 and not getattr(app.top, "turn_screen", False):
        app.pop()
    if not getattr(app.top, "turn_screen", False):
        flow.open_session(app, session)
    flow.advance(app, session, replace=app.top.name != "board")


def draw_pause_card(surface: pygame.Surface, theme, session: GameSession, opaque: bool) -> None:
    """'Paused by the facilitator' over a turn screen; opaque over a private screen (a team's planning)."""
    th = theme
    if opaque:
        surface.fill(th.color("bg"))
    else:
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 190))
        surface.blit(shade, (0, 0))
    scr = surface.get_rect()
    fh, fb = th.font("title", True), th.font("body")
    w = min(scr.width - 2 * th.sp("pad"), th.px(560))
    h = fh.get_linesize() + 2 * fb.get_linesize() + 3 * th.sp("pad")
    box = layout.centered(scr, w, h)
    pygame.draw.rect(surface, th.color("panel"), box, border_radius=th.sp("radius"))
    pygame.draw.rect(surface, th.color("warn"), box, width=max(2, th.px(2)), border_radius=th.sp("radius"))
    y = box.y + th.sp("pad")
    T.draw(surface, "Paused by the facilitator", fh, th.color("warn"), (box.centerx, y), "center", max_width=w - th.px(16))
    y += fh.get_linesize() + th.sp("pad") // 2
    T.draw_block(surface, "Eyes to the front. The planning clock is stopped; the game goes on when the facilitator resumes.",
                 fb, th.color("text"), pygame.Rect(box.x + th.sp("pad"), y, w - 2 * th.sp("pad"), 2 * fb.get_linesize()),
                 align="center")


def open_console(app, session: GameSession) -> None:
    """Open the console, through the PIN prompt when a PIN is set."""
    app.push(PinScene(app, session) if session.has_pin else FacilitatorScene(app, session))


def open_loaded(app, session: GameSession) -> None:
    """Show a game just loaded (Continue, Load, the previous autosave): a PIN-protected class's game asks for the
    facilitator's PIN first, so no save of it - older ones included - opens without it."""
    if session.has_pin:
        app.push(PinScene(app, session, then=lambda: flow.open_session(app, session), title="PIN to load this game"))
    else:
        flow.open_session(app, session)


# -- the PIN prompt --------------------------------------------------------------------------------
class PinScene(Scene):
    """Asks for the facilitator's PIN before the console opens (opaque: nothing of the game shows behind it)."""
    name = "pin"
    KEYS = (("Enter", "open the console"), ("Esc", "cancel"))
    facilitator = True
    stops_clock = True

    def __init__(self, app, session: GameSession, then=None, title: str = "Facilitator PIN") -> None:
        super().__init__(app)
        self.session = session
        self.then = then                      # what the right PIN opens (default: the console)
        self.title = title
        self.error: str | None = None
        self.pin_entry = None

    def close(self) -> None:
        self.app.pop()

    def on_back(self) -> bool:
        self.close()
        return True

    def on_confirm(self) -> bool:
        self.submit()
        return True

    def submit(self) -> None:
        pin = self.pin_entry.get_text() if self.pin_entry else ""
        wait = self.session.pin_wait
        if not wait and self.session.check_pin(pin):
            if self.then is not None:
                self.app.pop()
                self.then()
            else:
                self.app.replace(FacilitatorScene(self.app, self.session))
            return
        wait = self.session.pin_wait
        self.error = f"Wrong PIN. Too many tries: wait {wait:.0f} s before the next." if wait else "Wrong PIN."
        self.rebuild()

    def build(self) -> None:
        th = self.theme
        scr = self.screen
        bh, pad = th.sp("button_h"), th.sp("pad")
        fh, fs = th.font("heading", True), th.font("small")
        w = min(scr.width - 2 * pad, th.px(420))
        h = fh.get_linesize() + 2 * fs.get_linesize() + 2 * bh + 5 * pad
        self.box = layout.centered(scr, w, h)
        inner = layout.inset(self.box, pad)
        y = inner.y + fh.get_linesize() + pad
        self.pin_entry = self.entry(pygame.Rect(inner.x, y, inner.width, bh), "")
        self.pin_entry.set_text_hidden(True)
        self.pin_entry.focus()
        y += bh + pad
        half = (inner.width - th.sp("gap")) // 2
        self.button(pygame.Rect(inner.x, y, half, bh), "Open (Enter)", self.submit, style="primary")
        self.button(pygame.Rect(inner.x + half + th.sp("gap"), y, half, bh), "Cancel (Esc)", self.close)
        self.msg_rect = pygame.Rect(inner.x, y + bh + pad // 2, inner.width, 2 * fs.get_linesize())

    def handle_event(self, e: pygame.event.Event) -> bool:
        if e.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and e.ui_element is self.pin_entry:
            self.submit()
            return True
        return super().handle_event(e)

    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        surface.fill(th.color("bg"))
        inner = self.panel(surface, self.box)
        T.draw(surface, self.title, th.font("heading", True), th.color("text"), inner.topleft, max_width=inner.width)
        if self.error:
            T.draw_block(surface, self.error, th.font("small"), th.color("bad"), self.msg_rect)


# -- the console -----------------------------------------------------------------------------------
class FacilitatorScene(ConsoleTabs, Scene):
    """The teacher's console, one tab per job. Opaque: it replaces the projector view while open (the planning clock
    stops meanwhile). Exact private values show here only after 'Show exact values here' when they are hidden."""
    name = "facilitator"
    KEYS = (("1-7", "tab"), ("F9", "close"), ("Esc", "close"))
    facilitator = True
    stops_clock = True

    def __init__(self, app, session: GameSession, tab: str = "teams") -> None:
        super().__init__(app)
        self.session = session
        self.tab = tab
        self.peek = False                     # exact values on this console although hidden (until it closes)
        self.message: tuple[str, str] | None = None
        sc = session.scenario
        self.deck_event: str | None = sc.events[0].id if sc.events else None
        self.deck_targets: list[int] = []
        self.queue_head: pygame.Rect | None = None
        self.queue_hidden = 0
        self.custom = {"name": "", "text": "", "target": "nation", "attack": False,
                       "effects": TEMPLATES["stock"]}
        self.custom_targets: list[int] = []
        self.custom_errors: list[str] = []
        self.rewind_turn: int | None = None
        self.rewind_confirm = False
        self.branch_label = ""
        self.seat_page = 0
        self.pin_message: tuple[str, str] | None = None
        self.entries: dict[str, object] = {}
        self.lists: dict[str, ListView] = {}

    # -- reading --------------------------------------------------------------------------------------
    @property
    def sc(self):
        return self.session.scenario

    @property
    def exact(self) -> bool:
        """Exact private values may be drawn on this console now."""
        return not self.session.hide_private or self.peek

    def select_tab(self, tab: str) -> None:
        self.tab, self.message, self.rewind_confirm = tab, None, False
        self.rebuild()

    def say(self, text: str, tone: str = "good") -> None:
        self.message = (text, tone)
        self.rebuild()

    def close(self) -> None:
        self.app.pop()

    def on_back(self) -> bool:
        self.close()
        return True

    def clear(self) -> None:
        """Keep what was typed into the fields before the widgets go (rebuilds, covering, closing)."""
        for key, el in self.entries.items():
            if el.alive():
                if key == "branch_label":
                    self.branch_label = el.get_text()
                elif key in self.custom:
                    self.custom[key] = el.get_text()
        self.entries = {}
        super().clear()

    def restack(self) -> None:
        """After a rewind or a seat switch: the game screens below start again from the board (a planning or pass
        screen of the old turn must not stay under the console)."""
        flow.open_session(self.app, self.session)
        self.app.push(self)

    # -- actions: teams, pause, privacy --------------------------------------------------------------
    def toggle_pause(self) -> None:
        s = self.session
        if s.paused:
            s.resume()
            self.say("Resumed: the clock runs again when the game shows.")
        else:
            s.pause()
            self.say("Paused: the shared screen says so and the teams cannot go on until you resume.", "warn")

    def toggle_hide(self) -> None:
        self.session.set_hide_private(not self.session.hide_private)
        self.peek = False
        self.say("Private information is hidden on the shared screen (bands and ranks only)." if self.session.hide_private
                 else "Private information is shown on the shared screen (exact stocks).", "warn")

    def toggle_doctrines(self) -> None:
        """Reveal (or hide again) the computer nations' doctrines on the shared screen (for this sitting)."""
        s = self.session
        s.reveal_doctrines = not getattr(s, "reveal_doctrines", False)
        self.say("The board names each computer nation's doctrine." if s.reveal_doctrines
                 else "The board no longer names the computer nations' doctrines.", "warn")

    def toggle_peek(self) -> None:
        self.peek = not self.peek
        self.say("Exact values are shown on this console - the projector shows them too." if self.peek
                 else "Exact values hidden again.", "warn" if self.peek else "good")

    # -- actions: timer ---------------------------------------------------------------------------------
    def set_timer(self, seconds: int | None) -> None:
        self.session.set_timer(seconds)
        self.say(f"Planning timer: {seconds // 60} min per turn, starting now." if seconds else "No planning timer.")

    def set_policy(self, policy: str) -> None:
        self.session.set_timer_policy(policy)
        self.say(f"When time runs out, {TIMER_POLICIES[policy]}.")

    def restart_clock(self) -> None:
        self.session.restart_timer()
        self.say("The clock starts again from the full time.")

    def add_minute(self) -> None:
        self.session.add_time(60)
        self.say("One more minute on the clock.")

    # -- actions: events ----------------------------------------------------------------------------------
    def pick_deck_event(self, event_id: str) -> None:
        self.deck_event, self.deck_targets = event_id, []
        self.message = None
        self.rebuild()

    def toggle_target(self, which: str, k: int) -> None:
        kind = self.sc.event(self.deck_event).target if which == "deck" else self.custom["target"]
        chosen = self.deck_targets if which == "deck" else self.custom_targets
        need = {"nation": 1, "pair": 2}.get(kind, 0)
        if k in chosen:
            chosen.remove(k)
        else:
            chosen.append(k)
            while len(chosen) > need:
                chosen.pop(0)
        self.rebuild()

    def queue_deck(self) -> None:
        if self.deck_event is None:
            return
        try:
            inj = self.session.inject_deck(self.deck_event, tuple(self.deck_targets))
        except ValueError as exc:
            self.say(str(exc), "bad")
            return
        self.deck_targets = []
        self.say(f"Queued: {inj.describe(self.sc)} strikes first in the next resolution.")

    def set_custom_target(self, kind: str) -> None:
        self.custom["target"] = kind
        need = {"nation": 1, "pair": 2}.get(kind, 0)
        del self.custom_targets[need:]
        self.rebuild()

    def toggle_attack(self) -> None:
        self.custom["attack"] = not self.custom["attack"]
        self.rebuild()

    def add_template(self, kind: str) -> None:
        self.clear()            # keep the typed text first
        threat = self.sc.threats[0].id if self.sc.threats else "piracy"
        line = TEMPLATES[kind].format(threat=threat)
        cur = str(self.custom["effects"]).rstrip()
        self.custom["effects"] = f"{cur}\n{line}" if cur else line
        self.build()

    def custom_data(self) -> dict:
        self.clear()
        self.build()
        c = self.custom
        return custom_event_data(c["target"], effect_lines(str(c["effects"])), str(c["name"]), str(c["text"]),
                                 bool(c["attack"]))

    def queue_custom(self) -> None:
        try:
            data = self.custom_data()
            inj = self.session.inject_custom(data, tuple(self.custom_targets))
        except ContentError as exc:
            self.custom_errors = [friendly(p) for p in exc.problems]
            self.message = None
            self.rebuild()
            return
        except ValueError as exc:
            self.custom_errors = [str(exc)]
            self.message = None
            self.rebuild()
            return
        self.custom_errors = []
        self.custom_targets = []
        self.say(f"Queued: {inj.describe(self.sc)} strikes first in the next resolution.")

    def remove_injection(self, index: int) -> None:
        self.session.remove_injection(index)
        self.say("Removed from the queue.")

    # -- actions: rewind ----------------------------------------------------------------------------------
    def pick_turn(self, turn: int) -> None:
        self.rewind_turn, self.rewind_confirm = turn, False
        self.message = None
        self.rebuild()

    def rewind(self) -> None:
        if self.rewind_turn is None:
            self.say("Choose the turn to play again first.", "bad")
            return
        if not self.rewind_confirm:
            self.rewind_confirm = True
            self.message = None
            self.rebuild()
            return
        self.clear()
        turn = self.rewind_turn
        branch = self.session.rewind(turn, self.branch_label)
        self.rewind_turn, self.rewind_confirm, self.branch_label = None, False, ""
        self.message = (f"Back at the start of turn {turn}. The line you left is kept as '{branch['label']}' "
                        f"(in the save, and for the debrief).", "good")
        self.restack()

    def cancel_rewind(self) -> None:
        self.rewind_confirm = False
        self.rebuild()

    # -- actions: seats ----------------------------------------------------------------------------------
    def toggle_seat(self, k: int) -> None:
        s = self.session
        human = not s.view.seats[k].human
        s.set_seat(k, human)
        who = s.nation_name(k)
        self.message = ((f"{who} is played by a team from now on." if human else
                         f"{who} is played by the computer ({DOCTRINES[s.view.seats[k].doctrine].title}) from now on."), "good")
        self.restack()

    def cycle_doctrine(self, k: int) -> None:
        s = self.session
        names = list(CHOICES)
        cur = s.view.seats[k].doctrine
        nxt = names[(names.index(cur) + 1) % len(names)] if cur in names else names[0]
        s.set_seat(k, s.view.seats[k].human, nxt)
        self.say(f"{s.nation_name(k)}: doctrine {DOCTRINES[nxt].title}.")

    def seat_page_to(self, page: int) -> None:
        self.seat_page = page
        self.rebuild()

    # -- actions: PIN ------------------------------------------------------------------------------------
    def set_pin(self) -> None:
        el = self.entries.get("pin")
        pin = el.get_text() if el is not None else ""
        try:
            self.session.set_pin(pin)
        except ValueError as exc:
            self.pin_message = (str(exc), "bad")
        else:
            self.pin_message = ("PIN set: F9 asks for it from now on (also after loading this game).", "good")
        self.rebuild()

    def remove_pin(self) -> None:
        self.session.set_pin(None)
        self.pin_message = ("PIN removed: anyone who presses F9 opens this console.", "warn")
        self.rebuild()

    # -- layout -------------------------------------------------------------------------------------------
    def build(self) -> None:
        th = self.theme
        self.entries = {}
        self.lists = {}
        self.bar_reserved = self.bar_buttons([("Close (F9)", self.close, {"style": "primary"})])
        scr = self.screen
        pad, gap = th.sp("pad"), th.sp("gap")
        body = layout.inset(pygame.Rect(0, th.sp("bar"), scr.width, scr.height - th.sp("bar")), pad)
        self.bh = th.sp("button_h")
        tabs_r, rest = layout.cut_top(body, self.bh, pad)
        fs = th.font("small")
        self.msg_rect, self.content = layout.cut_bottom(rest, 2 * fs.get_linesize(), gap)
        f = th.font("body", True)
        natural = [f.size(long)[0] + th.px(30) for _, long, _ in TABS]
        use_long = sum(natural) + gap * (len(TABS) - 1) <= tabs_r.width
        x = tabs_r.x
        for (key, long, short), wl in zip(TABS, natural):
            label = long if use_long else short
            w = wl if use_long else (tabs_r.width - gap * (len(TABS) - 1)) // len(TABS)
            self.button(pygame.Rect(x, tabs_r.y, w, self.bh), label, lambda key=key: self.select_tab(key),
                        style="selected" if key == self.tab else None, oid=f"tab_{key}")
            x += w + gap
        getattr(self, f"_build_{self.tab}")()

    # -- events -------------------------------------------------------------------------------------------

    def handle_event(self, e: pygame.event.Event) -> bool:
        if e.type == pygame.KEYDOWN and pygame.K_1 <= e.key <= pygame.K_7 and not (e.mod & pygame.KMOD_CTRL):
            self.select_tab(TABS[e.key - pygame.K_1][0])
            return True
        if e.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and e.ui_element is self.entries.get("pin"):
            self.set_pin()
            return True
        for key, lv in list(self.lists.items()):
            row = lv.handle_event(e)
            if row is not None:
                (self.pick_deck_event if key == "deck" else self.pick_turn)(row.key)
                return True
            if e.type == pygame.MOUSEWHEEL:
                self.app.invalidate()
        return super().handle_event(e)

    # -- drawing --------------------------------------------------------------------------------------------
    def status(self) -> str:
        s = self.session
        parts = [f"Turn {min(s.turn, s.scenario.turns)} of {s.scenario.turns}"]
        if s.over:
            parts.append("game over")
        if s.paused:
            parts.append("PAUSED")
        clock = clock_text(s)
        if s.timer_limit and clock and clock != "Paused":
            parts.append(clock)
        if s.view.pending:
            parts.append(f"{len(s.view.pending)} queued")
        if s.view.branches:
            parts.append(f"{len(s.view.branches)} branch{'es' if len(s.view.branches) != 1 else ''}")
        return " · ".join(parts)

    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        surface.fill(th.color("bg"))
        self.top_bar(surface, "Facilitator console", self.status(), self.bar_reserved)
        getattr(self, f"_draw_{self.tab}")(surface)
        if self.message:
            T.draw_block(surface, self.message[0], th.font("small"), th.color(self.message[1]), self.msg_rect, max_lines=2)

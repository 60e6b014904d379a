"""The console's Timer tab: minutes of planning per turn, what happens to a team whose time runs out, restart, +1
minute and pause."""
from __future__ import annotations

from functools import partial

import pygame

from game.app.timer import TIMER_POLICIES

from ... import text as T
from ...widgets.clock import clock_text
from .base import ButtonSpec, Tab, block

TIMER_CHOICES = (None, 60, 120, 180, 300, 480)
HELP = ("The clock shows on the board, the pass screens and the planning screens. It runs from the board of a new turn "
        "until the turn resolves (also under the menu or the charts), and stops while the game is paused, this console "
        "is open or the class reads a resolution. When it runs out, every team that has not ended planning gets the "
        "policy above and the turn resolves.")


class TimerTab(Tab):
    key, long, short = "timer", "Timer", "Timer"

    def build(self, content: pygame.Rect) -> None:
        super().build(content)
        th = self.theme
        s = self.session
        bh = self.bh
        fb = th.font("body", True)
        gap, pad = th.sp("gap"), th.sp("pad")
        y = content.y
        head_h = fb.get_linesize() + th.font("body").get_linesize() + pad
        rows_h = 2 * (fb.get_linesize() + gap + bh + pad) + bh
        self.lines_y = y if head_h + rows_h <= content.height else None   # the top bar says it too
        if self.lines_y is not None:
            y += head_h
        self.labels = [("Time per turn", y)]
        y += fb.get_linesize() + gap
        over = s.view.over
        specs: list[ButtonSpec] = [
            ("Off" if v is None else f"{v // 60} min", partial(self.set_timer, v),
             {"style": "selected" if (s.timer_limit or None) == v else None, "enabled": not over})
            for v in TIMER_CHOICES]
        self.row(pygame.Rect(content.x, y, content.width, bh), specs)
        y += bh + pad
        self.labels.append(("When time runs out", y))
        y += fb.get_linesize() + gap
        self.row(pygame.Rect(content.x, y, content.width, bh), [
            ("Submit the team's plan so far", lambda: self.set_policy("submit"),
             {"style": "selected" if s.timer_policy == "submit" else None}, "Submit plan so far", "Submit"),
            ("A computer plan fills in", lambda: self.set_policy("computer"),
             {"style": "selected" if s.timer_policy == "computer" else None}, "Computer fills in", "Computer")])
        y += bh + pad
        running = s.timer_limit is not None and not over
        self.row(pygame.Rect(content.x, y, content.width, bh), [
            ("Restart the clock", self.restart_clock, {"enabled": running}, "Restart"),
            ("+1 minute", self.add_minute, {"enabled": running}),
            ("Resume the game" if s.paused else "Pause the game", self.console.toggle_pause, {"enabled": not over},
             "Resume" if s.paused else "Pause")])
        y += bh + pad
        self.help_rect = pygame.Rect(content.x, y, content.width, content.bottom - y)

    # -- actions --------------------------------------------------------------------------------------
    def set_timer(self, seconds: int | None) -> None:
        self.session.set_timer(seconds)
        self.console.say(f"Planning timer: {seconds // 60} min per turn, starting now." if seconds else "No planning timer.")

    def set_policy(self, policy: str) -> None:
        self.session.set_timer_policy(policy)
        self.console.say(f"When time runs out, {TIMER_POLICIES[policy]}.")

    def restart_clock(self) -> None:
        self.session.restart_timer()
        self.console.say("The clock starts again from the full time.")

    def add_minute(self) -> None:
        self.session.add_time(60)
        self.console.say("One more minute on the clock.")

    # -- drawing ----------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        s = self.session
        fb, fs, f = th.font("body", True), th.font("small"), th.font("body")
        x, w = self.content.x, self.content.width
        if s.timer_limit:
            line1 = f"Planning timer: {int(s.timer_limit) // 60} min per turn · this turn: {clock_text(s) or ''}"
        else:
            line1 = "No planning timer: teams plan as long as they need."
        if self.lines_y is not None:
            T.draw(surface, line1, fb, th.color("text"), (x, self.lines_y), max_width=w)
            T.draw(surface, f"When time runs out, {TIMER_POLICIES[s.timer_policy]}.", f, th.color("muted"),
                   (x, self.lines_y + fb.get_linesize()), max_width=w)
        for text, y in self.labels:
            T.draw(surface, text, fb, th.color("text"), (x, y), max_width=w)
        block(surface, HELP, fs, th.color("muted"), self.help_rect)

"""The console's Seats tab: switch a nation between a team and the computer, and the doctrine that plays it, from this
turn on (paged when the nations do not fit)."""
from __future__ import annotations

from functools import partial

import pygame

from game.ai.registry import CHOICES, DOCTRINES

from ... import text as T
from .base import Console, Tab, block

HELP = ("Switch a seat to cover an absent team (or to let a team join). The change counts from this turn; a team's "
        "unfinished plan is dropped when its seat becomes a computer.")
STATUS = {"computer": "computer", "planned": "✓ planned", "not yet": "not planned yet"}


class SeatsTab(Tab):
    key, long, short = "seats", "Seats", "Seats"

    def __init__(self, console: Console) -> None:
        super().__init__(console)
        self.page = 0
        self.rows: list[tuple[int, pygame.Rect]] = []
        self.cols = (0, 0, 0)

    def build(self, content: pygame.Rect) -> None:
        super().build(content)
        th = self.theme
        gap = th.sp("gap")
        bh = self.bh
        rect = content
        n = self.session.scenario.n
        head_h = th.font("small").get_linesize() * 2 + gap
        per_page = max(1, (rect.height - head_h - bh - gap) // (bh + gap))
        if n * (bh + gap) <= rect.height - head_h:
            per_page = n
        pages = max(1, -(-n // per_page))
        self.page = min(self.page, pages - 1)
        self.rows = []
        name_w = int(rect.width * 0.30)
        seat_w = int(rect.width * 0.20)
        status_w = int(rect.width * 0.16)
        y = rect.y + head_h
        start = self.page * per_page
        fit = self.console.fit
        for k in range(start, min(n, start + per_page)):
            seat = self.session.view.seats[k]
            self.rows.append((k, pygame.Rect(rect.x, y, rect.width, bh)))
            self.button(pygame.Rect(rect.x + name_w, y, seat_w - gap, bh), "Team" if seat.human else "Computer",
                        partial(self.toggle_seat, k), style="selected" if seat.human else None, oid=f"seat_{k}",
                        tooltip="Switch between a team and a computer nation, from this turn on")
            dw = rect.width - name_w - seat_w - status_w
            title = DOCTRINES[seat.doctrine].title if seat.doctrine in DOCTRINES else seat.doctrine
            short = seat.doctrine.replace("_", " ").capitalize()
            self.button(pygame.Rect(rect.x + name_w + seat_w, y, dw - gap, bh),
                        fit(dw - gap, f"Doctrine: {title}", f"Doctrine: {short}", title, short),
                        partial(self.cycle_doctrine, k), oid=f"doctrine_{k}",
                        tooltip="The doctrine that plays this nation as a computer (and fills in a team's plan when "
                                "the timer's policy says so)")
            y += bh + gap
        if pages > 1:
            half = (rect.width - gap) // 2
            self.button(pygame.Rect(rect.x, rect.bottom - bh, half, bh), "Previous nations",
                        lambda: self.page_to(self.page - 1), enabled=self.page > 0)
            self.button(pygame.Rect(rect.x + half + gap, rect.bottom - bh, half, bh), "More nations",
                        lambda: self.page_to(self.page + 1), enabled=self.page < pages - 1)
        self.cols = (name_w, seat_w, status_w)

    # -- actions --------------------------------------------------------------------------------------
    def toggle_seat(self, k: int) -> None:
        s = self.session
        human = not s.view.seats[k].human
        s.set_seat(k, human)
        who = s.nation_name(k)
        self.console.message = ((f"{who} is played by a team from now on." if human else
                                 f"{who} is played by the computer ({DOCTRINES[s.view.seats[k].doctrine].title}) "
                                 "from now on."), "good")
        self.console.restack()

    def cycle_doctrine(self, k: int) -> None:
        s = self.session
        names = list(CHOICES)
        cur = s.view.seats[k].doctrine
        nxt = names[(names.index(cur) + 1) % len(names)] if cur in names else names[0]
        s.set_seat(k, s.view.seats[k].human, nxt)
        self.console.say(f"{s.nation_name(k)}: doctrine {DOCTRINES[nxt].title}.")

    def page_to(self, page: int) -> None:
        self.page = page
        self.console.rebuild()

    # -- drawing ----------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        s = self.session
        fs, fb = th.font("small"), th.font("body", True)
        c = self.content
        block(surface, HELP, fs, th.color("muted"), pygame.Rect(c.x, c.y, c.width, 2 * fs.get_linesize()))
        name_w, _seat_w, status_w = self.cols
        rad = th.px(7)
        for k, row in self.rows:
            pygame.draw.circle(surface, th.nation_color(s.scenario, k), (row.x + rad, row.centery), rad)
            T.draw(surface, s.nation_name(k), fb, th.color("text"),
                   (row.x + 2 * rad + th.px(6), row.centery - fb.get_linesize() // 2), max_width=name_w - 2 * rad - th.px(10))
            status = STATUS[s.planning_status(k)]
            T.draw(surface, status, fs, th.color("good" if status.startswith("✓") else "muted"),
                   (row.right, row.centery - fs.get_linesize() // 2), "right", max_width=status_w - th.px(6))

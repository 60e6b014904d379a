"""SetupScene: per nation human or computer (and which doctrine), suggested seats, difficulty and seed; Start."""
from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
from pygame_gui.elements import UITextEntryLine

from game.ai.planner import Planner
from game.ai.registry import CHOICES, DOCTRINES
from game.app.session import DIFFICULTY, PLANNER_BY_DIFFICULTY, GameSession, Seat
from game.sim.defs import Scenario

from .. import flow, layout
from .. import text as T
from ..scene import Scene

if TYPE_CHECKING:
    from ..app import App

_MANNER = {"easy": "computer nations choose carelessly", "normal": "computer nations play their doctrine",
           "hard": "computer nations choose sharply"}


def _words(difficulty: str) -> str:
    planner = DOCTRINES[PLANNER_BY_DIFFICULTY[difficulty]]
    depth = planner.depth if issubclass(planner, Planner) else 1
    return f"{_MANNER[difficulty]}; a strategist looks {depth} turn{'s' if depth > 1 else ''} ahead"


DIFFICULTY_WORDS = {d: _words(d) for d in _MANNER}


HOSTED_WORDS = "A team plays this nation on its own devices, joining with its code."
HOTSEAT_WORDS = "A team plays this nation at this computer (hotseat); its plan stays hidden from the others."

class SetupScene(Scene):
    name = "setup"
    KEYS = (("Enter", "start"), ("Esc", "back"))

    def __init__(self, app: App, path: Path, scenario: Scenario, seed: int = 1, host: bool = False) -> None:
        super().__init__(app)
        self.host = host               # a class game on the teams' own devices (the menu's "Host a class game")
        self.lan = False               # hosted: reachable from the class's network, or from this computer only
        self.path = Path(path)
        self.sc = scenario
        self.seats = {k: Seat(k == 0, nd.doctrine) for k, nd in enumerate(scenario.nations)}
        self.difficulty = "normal"
        self.seed_text = str(seed)
        # the scenario's suggested seats (teams -> nations played by people), as its file's `seats:` gives them
        self.suggested = [(teams, list(nations)) for teams, nations in scenario.seats]
        self.page = 0
        self.keep_seat: int | None = None   # the seat last changed: its page stays shown when the rows move
        self.error: str | None = None
        self.seed_entry: UITextEntryLine | None = None

    # -- actions -------------------------------------------------------------------------------
    def _keep_seed(self) -> None:
        if self.seed_entry is not None:
            self.seed_text = self.seed_entry.get_text().strip()

    def seat_words(self, k: int) -> str:
        """What the line under a seat says: who plays it, or what its doctrine does."""
        s = self.seats[k]
        if s.human:
            return HOSTED_WORDS if self.host else HOTSEAT_WORDS
        return DOCTRINES[s.doctrine].description if s.doctrine in DOCTRINES else ""

    def toggle_human(self, k: int) -> None:
        self._keep_seed()
        self.keep_seat = k
        self.seats[k] = replace(self.seats[k], human=not self.seats[k].human)
        self.rebuild()

    def cycle_doctrine(self, k: int) -> None:
        self._keep_seed()
        names = list(CHOICES)
        cur = self.seats[k].doctrine
        nxt = names[(names.index(cur) + 1) % len(names)] if cur in names else names[0]
        self.seats[k] = replace(self.seats[k], doctrine=nxt)
        self.keep_seat = k
        self.rebuild()

    def apply_suggestion(self, humans: list[int]) -> None:
        self._keep_seed()
        self.seats = {k: replace(s, human=k in humans) for k, s in self.seats.items()}
        self.rebuild()

    def set_difficulty(self, d: str) -> None:
        self._keep_seed()
        self.difficulty = d
        self.rebuild()

    def set_page(self, page: int) -> None:
        self._keep_seed()
        self.page = page
        self.rebuild()

    def start(self) -> None:
        self._keep_seed()
        try:
            seed = int(self.seed_text)
        except ValueError:
            self.error = ("The seed must be a whole number; the box is empty." if not self.seed_text else
                          f"The seed must be a whole number, not '{self.seed_text}'.")
            self.rebuild()
            return
        session = GameSession.new(self.path, self.sc, seed, {k: Seat(s.human, s.doctrine) for k, s in self.seats.items()},
                                  self.difficulty)
        if not self.host:
            flow.open_session(self.app, session)
            return
        from ..hosting import host_session

        self.error = host_session(self.app, session, "0.0.0.0" if self.lan else "127.0.0.1")
        if self.error:
            self.rebuild()

    def toggle_lan(self) -> None:
        self._keep_seed()
        self.lan = not self.lan
        self.rebuild()

    def on_confirm(self) -> bool:
        self.start()
        return True

    # -- layout -------------------------------------------------------------------------------
    def build(self) -> None:
        th = self.theme
        humans = sum(s.human for s in self.seats.values())
        specs: list = [("Back (Esc)", self.on_back, {})]
        if self.host:
            specs.append(("Devices: the class's network" if self.lan else "Devices: this computer only", self.toggle_lan,
                          {"tooltip": "The class's network: any phone or laptop on this Wi-Fi can open the address. "
                                      "This computer only: for a try-out."}))
        specs.append(("Host this game (Enter)" if self.host else "Start (Enter)", self.start, {"style": "primary"}))
        self.bar_reserved = self.bar_buttons(specs)
        self.humans = humans
        scr = self.screen
        pad = th.sp("pad")
        body = layout.inset(pygame.Rect(0, th.sp("bar"), scr.width, scr.height - th.sp("bar")), pad)
        self.left, self.right = layout.columns(body, [1.6, 1], pad)
        self.kfocus.groups = (self.left, self.right)   # Tab: every seat, then the suggestions, difficulty, seed
        self._build_seats()
        self._build_options()

    def _build_seats(self) -> None:
        th = self.theme
        inner = layout.inset(self.left, th.sp("pad"))
        fb, fs = th.font("heading", True), th.font("small")
        bh, gap = th.sp("button_h"), th.sp("gap")
        head_h = fb.get_linesize() + gap
        # each seat's words take the lines they need (up to 4: a free-rider's at 200 %), and a page holds the seats
        # that fit; the seat just changed stays on the page shown
        width, line = inner.width - th.px(4), fs.get_linesize()
        self.desc_lines = {k: min(4, max(2, len(T.wrap(self.seat_words(k), fs, width)))) for k in range(self.sc.n)}
        avail = inner.height - head_h - bh - gap
        pages: list[list[int]] = [[]]
        used = 0
        for k in range(self.sc.n):
            h = bh + self.desc_lines[k] * line + 2 * gap
            if pages[-1] and used + h > avail:
                pages.append([])
                used = 0
            pages[-1].append(k)
            used += h
        if self.keep_seat is not None:
            self.page = next(p for p, ks in enumerate(pages) if self.keep_seat in ks)
            self.keep_seat = None
        self.page = min(self.page, len(pages) - 1)
        self.seats_head = pygame.Rect(inner.x, inner.y, inner.width, fb.get_linesize())
        self.row_rects = []
        name_w = int(inner.width * 0.28)
        human_w = int(inner.width * 0.24)
        y = inner.y + head_h
        for k in pages[self.page]:
            h = bh + self.desc_lines[k] * line + 2 * gap
            row = pygame.Rect(inner.x, y, inner.width, h - gap)
            self.row_rects.append((k, row))
            s = self.seats[k]
            self.button(pygame.Rect(row.x + name_w, row.y, human_w - gap, bh), "Human" if s.human else "Computer",
                        partial(self.toggle_human, k), style="selected" if s.human else None,
                        tooltip="Switch between a human team and a computer nation")
            title = DOCTRINES[s.doctrine].title if s.doctrine in DOCTRINES else s.doctrine
            dw = row.width - name_w - human_w
            self.button(pygame.Rect(row.x + name_w + human_w, row.y, dw, bh),
                        self.fit(dw, f"Doctrine: {title}", title, title.split()[0]), partial(self.cycle_doctrine, k), enabled=not s.human,
                        tooltip="Click to change the doctrine that plays this nation")
            y += h
        if len(pages) > 1:
            nav = pygame.Rect(inner.x, inner.bottom - bh, inner.width, bh)
            half = (nav.width - gap) // 2
            self.button(pygame.Rect(nav.x, nav.y, half, bh), "Previous nations", lambda: self.set_page(self.page - 1),
                        enabled=self.page > 0)
            self.button(pygame.Rect(nav.x + half + gap, nav.y, half, bh), "More nations",
                        lambda: self.set_page(self.page + 1), enabled=self.page < len(pages) - 1)
        self.pages = len(pages)

    def _build_options(self) -> None:
        th = self.theme
        inner = layout.inset(self.right, th.sp("pad"))
        fb = th.font("heading", True)
        bh, gap = th.sp("button_h"), th.sp("gap")
        y = inner.y
        self.option_labels = []
        fs = th.font("small")
        diff_lines = min(3, len(T.wrap(DIFFICULTY_WORDS[self.difficulty], fs, inner.width)))
        if self.suggested:
            n = len(self.suggested)
            fbody = th.font("body")
            full = [f"{t} team{'s' if t != 1 else ''}" for t, _ in self.suggested]

            def fits(labels: list[str], per_row: int) -> bool:
                bw = (inner.width - gap * (per_row - 1)) // per_row
                return all(fbody.size(t)[0] + th.px(24 if len(t) > 2 else 12) <= bw for t in labels)

            # one row of "3 teams" when they fit (room for the seed), else two a row; where that pushes the
            # difficulty and the seed off the panel (nine nations at 200 %), the numbers alone under "Suggested teams"
            below = fb.get_linesize() + 2 * gap + 2 * bh + diff_lines * fs.get_linesize()   # as tight as below packs them
            room = inner.bottom - (y + fb.get_linesize() + gap) - below
            choices = ([(full, n, "Suggested seats")] if n <= 4 else []) + [(full, 2 if n > 2 else n, "Suggested seats")]
            choices += [([str(t) for t, _ in self.suggested], k, "Suggested teams") for k in (n, -(-n // 2))]
            usable = [c for c in choices if fits(c[0], c[1])] or choices[-1:]
            labels, per_row, head = next((c for c in usable if -(-n // c[1]) * (bh + gap) <= room), usable[0])
            self.option_labels.append((head, y))
            y += fb.get_linesize() + gap
            bw = (inner.width - gap * (per_row - 1)) // per_row
            for m, ((teams, humans), label) in enumerate(zip(self.suggested, labels)):
                r, c = divmod(m, per_row)
                names = ", ".join(self.sc.nations[k].name for k in humans)
                self.button(pygame.Rect(inner.x + c * (bw + gap), y + r * (bh + gap), bw, bh), label,
                            partial(self.apply_suggestion, humans),
                            tooltip=f"{teams} team{'s' if teams != 1 else ''} - humans: {names}; computers play the rest")
            y += (-(-n // per_row)) * (bh + gap) + gap
        self.option_labels.append(("Difficulty", y))
        y += fb.get_linesize() + gap
        bw = (inner.width - 2 * gap) // 3
        for m, d in enumerate(DIFFICULTY):
            self.button(pygame.Rect(inner.x + m * (bw + gap), y, bw, bh), d.capitalize(), partial(self.set_difficulty, d),
                        style="selected" if d == self.difficulty else None, tooltip=DIFFICULTY_WORDS[d])
        y += bh + gap
        self.diff_text_y = y
        self.diff_text_lines = diff_lines
        y += self.diff_text_lines * fs.get_linesize() + 2 * gap
        y = max(self.diff_text_y + self.diff_text_lines * fs.get_linesize(), min(y, inner.bottom - bh))  # in the panel
        self.option_labels.append(("Seed", y))
        label_w = fb.size("Seed")[0] + th.px(12)
        ew = min(th.px(160), inner.width - label_w)
        self.seed_entry = self.entry(pygame.Rect(inner.x + label_w, y, ew, bh), self.seed_text)
        self.seed_entry.set_allowed_characters("numbers")
        y += bh + 2 * gap
        self.info_rect = pygame.Rect(inner.x, y, inner.width, inner.bottom - y)

    # -- drawing ---------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        sc = self.sc
        surface.fill(th.color("bg"))
        self.top_bar(surface, f"Set up: {sc.name}", f"{sc.n} nations · {sc.turns} turns", self.bar_reserved)
        self.panel(surface, self.left)
        self.panel(surface, self.right)
        fb, fbody, fs = th.font("heading", True), th.font("body", True), th.font("small")
        head = "Who plays each nation" + (f" (page {self.page + 1} of {self.pages})" if self.pages > 1 else "")
        T.draw(surface, head, fb, th.color("text"), self.seats_head.topleft, max_width=self.seats_head.width)
        name_w = int(self.seats_head.width * 0.28)
        bh = th.sp("button_h")
        for k, row in self.row_rects:
            r = th.px(8)
            pygame.draw.circle(surface, th.nation_color(sc, k), (row.x + r, row.y + bh // 2), r)
            T.draw(surface, sc.nations[k].name, fbody, th.color("text"), (row.x + 2 * r + th.px(6), row.y + (bh - fbody.get_linesize()) // 2),
                   max_width=name_w - 2 * r - th.px(10))
            T.draw_block(surface, self.seat_words(k), fs, th.color("muted"),
                         pygame.Rect(row.x + th.px(4), row.y + bh + th.px(2), row.width - th.px(4),
                                     self.desc_lines[k] * fs.get_linesize()))
        for text, y in self.option_labels:
            T.draw(surface, text, fb, th.color("text"), (self.info_rect.x, y), max_width=self.info_rect.width)
        line = fs.get_linesize()
        roomy = self.info_rect.height >= line     # at a large UI scale the panel ends just below the seed
        diff_box = pygame.Rect(self.info_rect.x, self.diff_text_y, self.info_rect.width, self.diff_text_lines * line)
        if self.error and not roomy:              # an error must show: it takes the difficulty's words' place
            T.draw_block(surface, self.error, fs, th.color("bad"), diff_box)
        else:
            T.draw_block(surface, DIFFICULTY_WORDS[self.difficulty], fs, th.color("muted"), diff_box)
        if not roomy:
            return
        humans = [sc.nations[k].name for k, s in self.seats.items() if s.human]
        summary = (f"Human teams: {', '.join(humans)}. " if humans else "No human team: you watch the computer nations play. ")
        if self.host:
            summary += ("Each team joins at the address the projector shows, with its code (C on the projector). "
                        if humans else "Give at least one nation to a team: teams join on their own devices. ")
        else:
            summary += ("With more than one team, a 'Pass to' screen hides each plan from the next team. "
                        if len(humans) > 1 else "")
        summary += "The same seed, seats and orders give the same game."
        y = self.info_rect.y
        if self.error:
            y += T.draw_block(surface, self.error, fs, th.color("bad"), pygame.Rect(self.info_rect.x, y, self.info_rect.width, 2 * fs.get_linesize()))
        T.draw_block(surface, summary, fs, th.color("text"), pygame.Rect(self.info_rect.x, y, self.info_rect.width, self.info_rect.bottom - y))

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
        self.error: str | None = None
        self.seed_entry: UITextEntryLine | None = None

    # -- actions -------------------------------------------------------------------------------
    def _keep_seed(self) -> None:
        if self.seed_entry is not None:
            self.seed_text = self.seed_entry.get_text().strip()

    def toggle_human(self, k: int) -> None:
        self._keep_seed()
        self.seats[k] = replace(self.seats[k], human=not self.seats[k].human)
        self.rebuild()

    def cycle_doctrine(self, k: int) -> None:
        self._keep_seed()
        names = list(CHOICES)
        cur = self.seats[k].doctrine
        nxt = names[(names.index(cur) + 1) % len(names)] if cur in names else names[0]
        self.seats[k] = replace(self.seats[k], doctrine=nxt)
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
        self.row_h = bh + 2 * fs.get_linesize() + 2 * gap
        avail = inner.height - head_h - bh - gap
        per_page = max(1, avail // self.row_h)
        pages = max(1, -(-self.sc.n // per_page))
        self.page = min(self.page, pages - 1)
        self.seats_head = pygame.Rect(inner.x, inner.y, inner.width, fb.get_linesize())
        self.row_rects = []
        name_w = int(inner.width * 0.28)
        human_w = int(inner.width * 0.24)
        start = self.page * per_page
        for n, k in enumerate(range(start, min(self.sc.n, start + per_page))):
            y = inner.y + head_h + n * self.row_h
            row = pygame.Rect(inner.x, y, inner.width, self.row_h - gap)
            self.row_rects.append((k, row))
            s = self.seats[k]
            self.button(pygame.Rect(row.x + name_w, y, human_w - gap, bh), "Human" if s.human else "Computer",
                        partial(self.toggle_human, k), style="selected" if s.human else None,
                        tooltip="Switch between a human team and a computer nation")
            title = DOCTRINES[s.doctrine].title if s.doctrine in DOCTRINES else s.doctrine
            dw = row.width - name_w - human_w
            self.button(pygame.Rect(row.x + name_w + human_w, y, dw, bh),
                        self.fit(dw, f"Doctrine: {title}", title, title.split()[0]), partial(self.cycle_doctrine, k), enabled=not s.human,
                        tooltip="Click to change the doctrine that plays this nation")
        if pages > 1:
            nav = pygame.Rect(inner.x, inner.bottom - bh, inner.width, bh)
            half = (nav.width - gap) // 2
            self.button(pygame.Rect(nav.x, nav.y, half, bh), "Previous nations", lambda: self.set_page(self.page - 1),
                        enabled=self.page > 0)
            self.button(pygame.Rect(nav.x + half + gap, nav.y, half, bh), "More nations",
                        lambda: self.set_page(self.page + 1), enabled=self.page < pages - 1)
        self.pages = pages

    def _build_options(self) -> None:
        th = self.theme
        inner = layout.inset(self.right, th.sp("pad"))
        fb = th.font("heading", True)
        bh, gap = th.sp("button_h"), th.sp("gap")
        y = inner.y
        self.option_labels = []
        if self.suggested:
            self.option_labels.append(("Suggested seats", y))
            y += fb.get_linesize() + gap
            n = len(self.suggested)
            fbody = th.font("body")
            fits_one_row = all(fbody.size(f"{t} teams")[0] + th.px(24) <= (inner.width - gap * (n - 1)) // n
                               for t, _ in self.suggested)
            per_row = n if n <= 4 and fits_one_row else 2 if n > 2 else n   # one row when they fit: room for the seed
            bw = (inner.width - gap * (per_row - 1)) // per_row
            for m, (teams, humans) in enumerate(self.suggested):
                r, c = divmod(m, per_row)
                names = ", ".join(self.sc.nations[k].name for k in humans)
                label = f"{teams} team{'s' if teams != 1 else ''}"
                self.button(pygame.Rect(inner.x + c * (bw + gap), y + r * (bh + gap), bw, bh), label,
                            partial(self.apply_suggestion, humans), tooltip=f"Humans: {names}; computers play the rest")
            y += (-(-n // per_row)) * (bh + gap) + gap
        self.option_labels.append(("Difficulty", y))
        y += fb.get_linesize() + gap
        bw = (inner.width - 2 * gap) // 3
        for m, d in enumerate(DIFFICULTY):
            self.button(pygame.Rect(inner.x + m * (bw + gap), y, bw, bh), d.capitalize(), partial(self.set_difficulty, d),
                        style="selected" if d == self.difficulty else None, tooltip=DIFFICULTY_WORDS[d])
        y += bh + gap
        self.diff_text_y = y
        fs = th.font("small")
        self.diff_text_lines = min(3, len(T.wrap(DIFFICULTY_WORDS[self.difficulty], fs, inner.width)))
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
            s = self.seats[k]
            r = th.px(8)
            pygame.draw.circle(surface, th.nation_color(sc, k), (row.x + r, row.y + bh // 2), r)
            T.draw(surface, sc.nations[k].name, fbody, th.color("text"), (row.x + 2 * r + th.px(6), row.y + (bh - fbody.get_linesize()) // 2),
                   max_width=name_w - 2 * r - th.px(10))
            desc = ("A team plays this nation on its own devices, joining with its code." if s.human and self.host else
                    "A team plays this nation at this computer (hotseat); its plan stays hidden from the others."
                    if s.human else DOCTRINES[s.doctrine].description if s.doctrine in DOCTRINES else "")
            T.draw_block(surface, desc, fs, th.color("muted"),
                         pygame.Rect(row.x + th.px(4), row.y + bh + th.px(2), row.width - th.px(4), 2 * fs.get_linesize()))
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

"""The facilitator console's tabs - teams grid, timer, deck event, own event, rewind, seats, PIN: their layout (build)
and drawing, mixed into game.ui.scenes.facilitator.FacilitatorScene (which holds the actions and the state)."""
from __future__ import annotations

import pygame
import pygame_gui

from game.ai.registry import DOCTRINES
from game.app import par as PAR
from game.app.privacy import BAND_KEY, band, ni_ranks, ordinal
from game.app.timer import TIMER_POLICIES
from game.sim.effects import REGISTRY
from game.sim.scoring import national_interest

from .. import layout
from .. import text as T
from ..describe import LADDER
from ..widgets import meters
from ..widgets.clock import clock_text
from ..widgets.eventform import TEMPLATES, primitives_html
from ..widgets.listview import ListView, Row

TIMER_CHOICES = (None, 60, 120, 180, 300, 480)


def block(surface: pygame.Surface, text: str, font, color, rect: pygame.Rect, **kw) -> int:
    """Wrapped text inside rect, or nothing when not even one line fits (a large UI scale leaves no room)."""
    if rect.height < font.get_linesize():
        return 0
    return T.draw_block(surface, text, font, color, rect, **kw)


class ConsoleTabs:
    """Layout and drawing of each tab; `_build_<tab>` makes its widgets, `_draw_<tab>` draws the rest."""

    def _row(self, rect: pygame.Rect, specs: list[tuple]) -> None:
        """Buttons sized to their labels from the left of rect (shrunk evenly if they do not fit)."""
        th = self.theme
        gap = th.sp("gap")
        widths = []
        for spec in specs:
            bold = (spec[2] if len(spec) > 2 else {}).get("style") in ("primary", "selected")
            widths.append(th.font("body", bold).size(spec[0])[0] + th.px(28))
        total = sum(widths) + gap * (len(specs) - 1)
        if total > rect.width:
            each = (rect.width - gap * (len(specs) - 1)) // max(1, len(specs))
            widths = [each] * len(specs)
        x = rect.x
        for spec, w in zip(specs, widths):
            kw = spec[2] if len(spec) > 2 else {}
            label = self.fit(w, spec[0], *(spec[3:] if len(spec) > 3 else ()))
            self.button(pygame.Rect(x, rect.y, w, rect.height), label, spec[1], **kw)
            x += w + gap

    def _nation_grid(self, rect: pygame.Rect, chosen: list[int], which: str, enabled: bool = True) -> int:
        """A toggle button per nation: as many columns as the names allow, flatter buttons when rows run short;
        returns the height used."""
        th = self.theme
        gap = th.sp("gap")
        n = self.sc.n
        f = th.font("body", True)
        name_w = max(f.size(nd.name)[0] for nd in self.sc.nations) + th.px(28)
        cols = max(1, min(n, (rect.width + gap) // (name_w + gap)))
        rows = -(-n // cols)
        bh = max(th.font("small").get_linesize() + th.px(8),
                 min(self.bh, (rect.height + gap) // max(1, rows) - gap))
        w = (rect.width - gap * (cols - 1)) // cols
        for k, nd in enumerate(self.sc.nations):
            r, c = divmod(k, cols)
            self.button(pygame.Rect(rect.x + c * (w + gap), rect.y + r * (bh + gap), w, bh), self.fit(w, nd.name),
                        lambda k=k: self.toggle_target(which, k), style="selected" if k in chosen else None,
                        enabled=enabled, oid=f"{which}_target_{k}")
        return rows * (bh + gap) - gap

    def _queue_list(self, rect: pygame.Rect) -> None:
        """The events queued for the next resolution, each a button that removes it."""
        th = self.theme
        fb = th.font("body", True)
        self.queue_head = pygame.Rect(rect.x, rect.y, rect.width, fb.get_linesize())
        y = rect.y + fb.get_linesize() + th.sp("gap")
        bh = min(self.bh, th.font("body").get_linesize() + th.px(10))
        shown = 0
        for k, inj in enumerate(self.session.view.pending):
            if y + bh > rect.bottom:
                break
            self.button(pygame.Rect(rect.x, y, rect.width, bh), self.fit(rect.width, f"Remove: {inj.describe(self.sc)}"),
                        lambda k=k: self.remove_injection(k), tooltip="Remove it from the queue")
            y += bh + th.sp("gap")
            shown += 1
        self.queue_hidden = len(self.session.view.pending) - shown

    # tabs

    def _build_teams(self) -> None:
        th = self.theme
        s = self.session
        btns, self.table_rect = layout.cut_bottom(self.content, self.bh, th.sp("pad"))
        specs = [("Resume the game" if s.paused else "Pause the game", self.toggle_pause,
                  {"style": "primary", "enabled": not s.over}, "Resume" if s.paused else "Pause"),
                 ("Private info: hidden" if s.hide_private else "Private info: shown", self.toggle_hide,
                  {"style": "selected" if s.hide_private else None,
                   "tooltip": "Hide each nation's exact stocks on the shared screen (bands and ranks instead)"},
                  "Hidden" if s.hide_private else "Shown")]
        shown = bool(getattr(s, "reveal_doctrines", False))
        specs.append(("Doctrines: shown to the room" if shown else "Doctrines: hidden", self.toggle_doctrines,
                      {"style": "selected" if shown else None,
                       "tooltip": "Whether the board names the doctrine each computer nation plays (the end shows it)"},
                      "Doctrines shown" if shown else "Doctrines hidden"))
        if s.hide_private:
            specs.append(("Hide values here" if self.peek else "Show exact values here", self.toggle_peek,
                          {"tooltip": "Only on this console, until it closes; the projector shows it too"},
                          "Hide here" if self.peek else "Show here"))
        self._row(btns, specs)

    def _build_timer(self) -> None:
        th = self.theme
        s = self.session
        fb = th.font("body", True)
        gap, pad = th.sp("gap"), th.sp("pad")
        y = self.content.y
        head_h = fb.get_linesize() + th.font("body").get_linesize() + pad
        rows_h = 2 * (fb.get_linesize() + gap + self.bh + pad) + self.bh
        self.timer_lines_y = y if head_h + rows_h <= self.content.height else None   # the top bar says it too
        if self.timer_lines_y is not None:
            y += head_h
        self.timer_labels = []
        self.timer_labels.append(("Time per turn", y))
        y += fb.get_linesize() + gap
        specs = [("Off" if v is None else f"{v // 60} min", lambda v=v: self.set_timer(v),
                  {"style": "selected" if (s.timer_limit or None) == v else None, "enabled": not s.over})
                 for v in TIMER_CHOICES]
        self._row(pygame.Rect(self.content.x, y, self.content.width, self.bh), specs)
        y += self.bh + pad
        self.timer_labels.append(("When time runs out", y))
        y += fb.get_linesize() + gap
        self._row(pygame.Rect(self.content.x, y, self.content.width, self.bh), [
            ("Submit the team's plan so far", lambda: self.set_policy("submit"),
             {"style": "selected" if s.timer_policy == "submit" else None}, "Submit plan so far", "Submit"),
            ("A computer plan fills in", lambda: self.set_policy("computer"),
             {"style": "selected" if s.timer_policy == "computer" else None}, "Computer fills in", "Computer")])
        y += self.bh + pad
        running = s.timer_limit is not None and not s.over
        self._row(pygame.Rect(self.content.x, y, self.content.width, self.bh), [
            ("Restart the clock", self.restart_clock, {"enabled": running}, "Restart"),
            ("+1 minute", self.add_minute, {"enabled": running}),
            ("Resume the game" if s.paused else "Pause the game", self.toggle_pause, {"enabled": not s.over},
             "Resume" if s.paused else "Pause")])
        y += self.bh + pad
        self.timer_help = pygame.Rect(self.content.x, y, self.content.width, self.content.bottom - y)

    def _build_deck(self) -> None:
        th = self.theme
        pad = th.sp("pad")
        left, right = layout.columns(self.content, [1.1, 1], pad)
        rows = []
        for ev in self.sc.events:
            what = {"nation": "strikes a nation", "pair": "strikes a pair", "region": "strikes the region"}[ev.target]
            rows.append(Row(ev.id, ev.name, f"{what}{', an attack' if ev.attack else ''}: {ev.text}"))
        self.lists["deck"] = ListView(th, left, rows, selected=self.deck_event, max_detail_lines=2)
        self._build_event_side(right, "deck", self.sc.event(self.deck_event).target if self.deck_event else "region",
                               self.deck_targets, [("Queue it for the next resolution", self.queue_deck,
                                                    {"style": "primary", "enabled": self.deck_event is not None and not self.session.over},
                                                    "Queue it", "Queue")])

    def _build_event_side(self, rect: pygame.Rect, which: str, kind: str, chosen: list[int], buttons: list[tuple]) -> None:
        """The right side of an event tab: what it strikes (and the nation buttons), the queue button(s), room for
        the problems of an invalid event, and the queue of the next resolution if there is room left."""
        th = self.theme
        gap, pad = th.sp("gap"), th.sp("pad")
        fb, fs = th.font("body", True), th.font("small")
        y = rect.y
        if which == "custom":
            self._row(pygame.Rect(rect.x, y, rect.width, self.bh), [
                ("A nation", lambda: self.set_custom_target("nation"), {"style": "selected" if kind == "nation" else None}, "Nation"),
                ("A pair", lambda: self.set_custom_target("pair"), {"style": "selected" if kind == "pair" else None}, "Pair"),
                ("The region", lambda: self.set_custom_target("region"), {"style": "selected" if kind == "region" else None},
                 "Region")])
            y += self.bh + gap
        self.target_head = pygame.Rect(rect.x, y, rect.width, fb.get_linesize())
        y += fb.get_linesize() + gap
        if kind != "region":
            room = rect.bottom - y - self.bh - pad - 3 * fs.get_linesize()
            y += self._nation_grid(pygame.Rect(rect.x, y, rect.width, max(fs.get_linesize() + th.px(8), room)), chosen,
                                   which, enabled=not self.session.over) + pad
        self._row(pygame.Rect(rect.x, y, rect.width, self.bh), buttons)
        y += self.bh + pad
        self.side_rest = pygame.Rect(rect.x, y, rect.width, max(0, rect.bottom - y))
        row_h = min(self.bh, th.font("body").get_linesize() + th.px(10))
        need = fb.get_linesize() + gap + row_h
        errors = which == "custom" and self.custom_errors
        if errors or self.side_rest.height < need:
            self.queue_head = None
            self.queue_hidden = len(self.session.view.pending)
            return
        self._queue_list(self.side_rest)

    def _build_custom(self) -> None:
        th = self.theme
        gap, pad = th.sp("gap"), th.sp("pad")
        f = th.font("body")
        left, right = layout.columns(self.content, [1.2, 1], pad)
        label_w = max(f.size(t)[0] for t in ("Title", "News")) + th.px(12)
        bh = self.bh
        y = left.y
        self.custom_labels = []
        for key, lab, ph in (("name", "Title", "e.g. Port strike"), ("text", "News", "What the news says")):
            self.custom_labels.append((lab, y))
            el = self.entry(pygame.Rect(left.x + label_w, y, left.width - label_w, bh), str(self.custom[key]), ph)
            self.entries[key] = el
            y += bh + gap
        self.effects_head = pygame.Rect(left.x, y, left.width, th.font("small").get_linesize())
        y += self.effects_head.height + th.px(2)
        tmpl_r, box_r = layout.cut_bottom(pygame.Rect(left.x, y, left.width, left.bottom - y), bh, gap)
        lh = th.font("body").get_linesize()
        if box_r.height > 14 * lh:               # room to spare: a reference of the primitives below the effects
            box_r, help_r = layout.cut_top(box_r, 6 * lh, gap)
            self.textbox(help_r, primitives_html())
        box = pygame_gui.elements.UITextEntryBox(box_r, str(self.custom["effects"]), self.manager)
        self.keep(box)
        self.entries["effects"] = box
        self._row(tmpl_r, [(f"+ {k}", lambda k=k: self.add_template(k), {"tooltip": REGISTRY[k].doc}) for k in TEMPLATES])
        attack = self.custom["attack"]
        self._build_event_side(right, "custom", self.custom["target"], self.custom_targets, [
            ("Check and queue it", self.queue_custom, {"style": "primary", "enabled": not self.session.over},
             "Check, queue", "Queue"),
            ("Attack: yes" if attack else "Attack: no", self.toggle_attack,
             {"style": "selected" if attack else None,
              "tooltip": "An attack: the victim's collective-defence allies are expected to respond next turn"},
             "Attack" if attack else "No attack")])

    def _build_rewind(self) -> None:
        th = self.theme
        s = self.session
        gap, pad = th.sp("gap"), th.sp("pad")
        left, right = layout.columns(self.content, [1.1, 1], pad)
        rows = []
        for turn in reversed(s.rewindable_turns()):
            st = s.view.state_at(turn)
            lvl = int(round(float(st.v["escalation"])))
            rep = s.view.report(turn)
            evs = ", ".join(e["name"] for e in rep["events"]) or "no events"
            rows.append(Row(turn, f"Start of turn {turn}",
                            f"stability {float(st.v['stability']):.0f} · ladder {lvl} ({LADDER[lvl]}) · then: {evs}"))
        self.lists["rewind"] = ListView(th, left, rows, selected=self.rewind_turn, max_detail_lines=2)
        fb = th.font("body", True)
        y = right.y
        self.rewind_label_y = y
        y += fb.get_linesize() + gap
        el = self.entry(pygame.Rect(right.x, y, right.width, self.bh), self.branch_label, "e.g. The hawkish line")
        self.entries["branch_label"] = el
        y += self.bh + pad
        t = self.rewind_turn
        if self.rewind_confirm and t is not None:
            self._row(pygame.Rect(right.x, y, right.width, self.bh), [
                (f"Yes: rewind to turn {t}", self.rewind, {"style": "primary"}, "Yes, rewind"),
                ("Cancel", self.cancel_rewind, {})])
        else:
            self._row(pygame.Rect(right.x, y, right.width, self.bh), [
                (f"Rewind to the start of turn {t}" if t else "Rewind (choose a turn)", self.rewind,
                 {"style": "primary", "enabled": t is not None}, f"Rewind to turn {t}" if t else "Rewind")])
        y += self.bh + pad
        self.rewind_text = pygame.Rect(right.x, y, right.width, right.bottom - y)

    def _build_seats(self) -> None:
        th = self.theme
        gap = th.sp("gap")
        bh = self.bh
        rect = self.content
        head_h = th.font("small").get_linesize() * 2 + gap
        per_page = max(1, (rect.height - head_h - bh - gap) // (bh + gap))
        if self.sc.n * (bh + gap) <= rect.height - head_h:
            per_page = self.sc.n
        pages = max(1, -(-self.sc.n // per_page))
        self.seat_page = min(self.seat_page, pages - 1)
        self.seat_rows = []
        name_w = int(rect.width * 0.30)
        seat_w = int(rect.width * 0.20)
        status_w = int(rect.width * 0.16)
        y = rect.y + head_h
        start = self.seat_page * per_page
        for k in range(start, min(self.sc.n, start + per_page)):
            seat = self.session.view.seats[k]
            self.seat_rows.append((k, pygame.Rect(rect.x, y, rect.width, bh)))
            self.button(pygame.Rect(rect.x + name_w, y, seat_w - gap, bh), "Team" if seat.human else "Computer",
                        lambda k=k: self.toggle_seat(k), style="selected" if seat.human else None, oid=f"seat_{k}",
                        tooltip="Switch between a team and a computer nation, from this turn on")
            dw = rect.width - name_w - seat_w - status_w
            title = DOCTRINES[seat.doctrine].title if seat.doctrine in DOCTRINES else seat.doctrine
            short = seat.doctrine.replace("_", " ").capitalize()
            self.button(pygame.Rect(rect.x + name_w + seat_w, y, dw - gap, bh),
                        self.fit(dw - gap, f"Doctrine: {title}", f"Doctrine: {short}", title, short),
                        lambda k=k: self.cycle_doctrine(k), oid=f"doctrine_{k}",
                        tooltip="The doctrine that plays this nation as a computer (and fills in a team's plan when "
                                "the timer's policy says so)")
            y += bh + gap
        if pages > 1:
            half = (rect.width - gap) // 2
            self.button(pygame.Rect(rect.x, rect.bottom - bh, half, bh), "Previous nations",
                        lambda: self.seat_page_to(self.seat_page - 1), enabled=self.seat_page > 0)
            self.button(pygame.Rect(rect.x + half + gap, rect.bottom - bh, half, bh), "More nations",
                        lambda: self.seat_page_to(self.seat_page + 1), enabled=self.seat_page < pages - 1)
        self.seat_cols = (name_w, seat_w, status_w)

    def _build_pin(self) -> None:
        th = self.theme
        pad = th.sp("pad")
        rect = self.content
        fs = th.font("body")
        y = rect.y + 3 * fs.get_linesize() + pad
        w = min(rect.width, th.px(260))
        el = self.entry(pygame.Rect(rect.x, y, w, self.bh), "", "new PIN (4 or more)")
        el.set_text_hidden(True)
        self.entries["pin"] = el
        y += self.bh + pad
        self._row(pygame.Rect(rect.x, y, rect.width, self.bh), [
            ("Set PIN", self.set_pin, {"style": "primary"}),
            ("Remove PIN", self.remove_pin, {"enabled": self.session.has_pin})])
        y += self.bh + pad
        self.pin_msg_rect = pygame.Rect(rect.x, y, rect.width, rect.bottom - y)

    def _draw_teams(self, surface: pygame.Surface) -> None:
        th = self.theme
        s = self.session
        st, sc = s.state, s.scenario
        exact = self.exact
        ni = national_interest(st)
        vs = PAR.scores(s)
        ranks = PAR.ranks(vs) if vs is not None else ni_ranks(st)     # teams rank by their score vs par
        status_words = {"computer": "—", "planned": "✓ planned", "not yet": "not yet"}
        rows = []
        for k, nd in enumerate(sc.nations):
            seat = s.view.seats[k]
            who = "Team" if seat.human else seat.doctrine.replace("_", " ").capitalize()
            vals = [st.v[f][k] for f in ("security", "economy", "support", "influence")]
            cells = [nd.name, who, status_words[s.planning_status(k)],
                     *((f"{float(v):.0f}" if exact else band(v)) for v in vals),
                     f"{ni[k]:.1f}" if exact else "·"]
            if vs is not None:
                cells.append(PAR.signed(vs[k]) if exact else "·")
            cells.append(ordinal(ranks[k]))
            rows.append(((th.nation_color(sc, k), th.nation_shape(k)), cells, seat.human))
        heads = ["Nation", "Seat", "Plan", "Sec", "Eco", "Sup", "Inf", "NI"] + (["vs par"] if vs is not None else [])
        y = meters.draw_table(surface, th, self.table_rect, heads + ["Rank"], rows, first_width=0.22)
        fs = th.font("small")
        note = ("Plans stay private: only whether each team has ended planning shows. "
                + ("Exact values are hidden on the shared screen; " + BAND_KEY + "." if not exact
                   else "Sec security · Eco economy · Sup support · Inf influence · NI National Interest."))
        room = self.table_rect.bottom - y - th.sp("gap")
        if room >= fs.get_linesize():
            block(surface, note, fs, th.color("muted"),
                         pygame.Rect(self.table_rect.x, y + th.sp("gap"), self.table_rect.width, room))

    def _draw_timer(self, surface: pygame.Surface) -> None:
        th = self.theme
        s = self.session
        fb, fs, f = th.font("body", True), th.font("small"), th.font("body")
        x, w = self.content.x, self.content.width
        if s.timer_limit:
            clock = clock_text(s) or ""
            line1 = f"Planning timer: {int(s.timer_limit) // 60} min per turn · this turn: {clock}"
        else:
            line1 = "No planning timer: teams plan as long as they need."
        if self.timer_lines_y is not None:
            T.draw(surface, line1, fb, th.color("text"), (x, self.timer_lines_y), max_width=w)
            T.draw(surface, f"When time runs out, {TIMER_POLICIES[s.timer_policy]}.", f, th.color("muted"),
                   (x, self.timer_lines_y + fb.get_linesize()), max_width=w)
        for text, y in self.timer_labels:
            T.draw(surface, text, fb, th.color("text"), (x, y), max_width=w)
        block(surface, "The clock shows on the board, the pass screens and the planning screens. It runs from the "
                     "board of a new turn until the turn resolves (also under the menu or the charts), and stops while the "
                     "game is paused, this console is open or the class reads a resolution. When it runs out, every team "
                     "that has not ended planning gets the policy above and the turn resolves.",
                     fs, th.color("muted"), self.timer_help)

    def _draw_event_side(self, surface: pygame.Surface, kind: str, chosen: list[int]) -> None:
        th = self.theme
        fb, fs = th.font("body", True), th.font("small")
        ask = {"nation": "Strikes one nation: choose it", "pair": "Strikes a pair: choose two nations",
               "region": "Strikes the whole region: no target"}[kind]
        T.draw(surface, ask, fb, th.color("text"), self.target_head.topleft, max_width=self.target_head.width)
        if self.queue_head is None:
            return
        n = len(self.session.view.pending)
        head = f"Next resolution: {n} queued event{'s' if n != 1 else ''}" if n else "Next resolution: nothing queued"
        T.draw(surface, head, fb, th.color("text"), self.queue_head.topleft, max_width=self.queue_head.width)
        if self.queue_hidden > 0:
            T.draw(surface, f"+ {self.queue_hidden} more", fs, th.color("muted"),
                   (self.queue_head.right, self.queue_head.y), "right")

    def _draw_deck(self, surface: pygame.Surface) -> None:
        self.lists["deck"].draw(surface)
        ev = self.sc.event(self.deck_event) if self.deck_event else None
        self._draw_event_side(surface, ev.target if ev else "region", self.deck_targets)

    def _draw_custom(self, surface: pygame.Surface) -> None:
        th = self.theme
        f, fs = th.font("body"), th.font("small")
        bh = self.bh
        for text, y in self.custom_labels:
            T.draw(surface, text, f, th.color("text"), (self.content.x, y + (bh - f.get_linesize()) // 2))
        head = self.effects_head
        label = next((t for t in ("Effects, one per line as key: value, … (the + buttons add examples)",
                                  "Effects, one per line (key: value, …)", "Effects") if fs.size(t)[0] <= head.width), "Effects")
        T.draw(surface, label, fs, th.color("muted"), head.topleft, max_width=head.width)
        self._draw_event_side(surface, self.custom["target"], self.custom_targets)
        if self.custom_errors:
            r = self.side_rest
            block(surface, "Not valid - " + "\n".join(self.custom_errors), fs, th.color("bad"),
                         pygame.Rect(r.x, r.y, r.width, self.msg_rect.bottom - r.y))

    def _draw_rewind(self, surface: pygame.Surface) -> None:
        th = self.theme
        s = self.session
        self.lists["rewind"].draw(surface)
        fb, fs = th.font("body", True), th.font("small")
        r = self.rewind_text
        T.draw(surface, "Name the line you leave (optional)", fb, th.color("text"), (r.x, self.rewind_label_y), max_width=r.width)
        y = r.y
        if s.view.branches:
            T.draw(surface, f"Lines kept ({len(s.view.branches)}):", fb, th.color("text"), (r.x, y), max_width=r.width)
            y += fb.get_linesize()
            lines = [f"{b['label']} (from turn {b['from_turn']}, played to turn {b.get('turns', len(b['history']['reports']))})"
                     for b in reversed(s.view.branches)]
            y += block(surface, "\n".join(lines), fs, th.color("text"),
                              pygame.Rect(r.x, y, r.width, min(4, len(lines)) * fs.get_linesize())) + th.sp("gap")
        text = ("Rewinding plays on from the start of the chosen turn: the same seed gives the same events unless the "
                "orders differ. The line you leave stays in the save and can be compared in the debrief.")
        block(surface, text, fs, th.color("muted"), pygame.Rect(r.x, y, r.width, r.bottom - y))

    def _draw_seats(self, surface: pygame.Surface) -> None:
        th = self.theme
        s = self.session
        fs, fb = th.font("small"), th.font("body", True)
        block(surface, "Switch a seat to cover an absent team (or to let a team join). The change counts from "
                     "this turn; a team's unfinished plan is dropped when its seat becomes a computer.", fs,
                     th.color("muted"), pygame.Rect(self.content.x, self.content.y, self.content.width, 2 * fs.get_linesize()))
        name_w, seat_w, status_w = self.seat_cols
        for k, row in self.seat_rows:
            rad = th.px(7)
            pygame.draw.circle(surface, th.nation_color(s.scenario, k), (row.x + rad, row.centery), rad)
            T.draw(surface, s.nation_name(k), fb, th.color("text"), (row.x + 2 * rad + th.px(6), row.centery - fb.get_linesize() // 2),
                   max_width=name_w - 2 * rad - th.px(10))
            status = {"computer": "computer", "planned": "✓ planned", "not yet": "not planned yet"}[s.planning_status(k)]
            T.draw(surface, status, fs, th.color("good" if status.startswith("✓") else "muted"),
                   (row.right, row.centery - fs.get_linesize() // 2), "right", max_width=status_w - th.px(6))

    def _draw_pin(self, surface: pygame.Surface) -> None:
        th = self.theme
        s = self.session
        f = th.font("body")
        rect = self.content
        text = ("A PIN protects this console: F9 or Ctrl+F ask for it." if s.has_pin else
                "No PIN: anyone who presses F9 or Ctrl+F opens this console. Set one to keep students out.")
        block(surface, text + " Every save of this game asks for it too.", f, th.color("text"),
                     pygame.Rect(rect.x, rect.y, rect.width, 3 * f.get_linesize()))
        if self.pin_message:
            block(surface, self.pin_message[0], th.font("small"), th.color(self.pin_message[1]), self.pin_msg_rect)

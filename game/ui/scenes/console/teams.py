"""The console's Teams tab: the live grid (who has ended planning, never what they planned), pause, the privacy switch,
the computer nations' doctrines shown or not, and a peek at exact values on this console only."""
from __future__ import annotations

import pygame

from game.app import par as PAR
from game.app.privacy import BAND_KEY, band, ordinal
from game.sim.scoring import national_interest

from ... import layout
from ... import text as T
from ...widgets import meters
from .base import ButtonSpec, Tab, block

STATUS_WORDS = {"computer": "—", "planned": "✓ planned", "not yet": "not yet"}


class TeamsTab(Tab):
    key, long, short = "teams", "Teams", "Teams"

    def build(self, content: pygame.Rect) -> None:
        super().build(content)
        s = self.session
        btns, self.table_rect = layout.cut_bottom(content, self.bh, self.theme.sp("pad"))
        specs: list[ButtonSpec] = [
            ("Resume the game" if s.paused else "Pause the game", self.console.toggle_pause,
             {"style": "primary", "enabled": not s.view.over}, "Resume" if s.paused else "Pause"),
            ("Private info: hidden" if s.hide_private else "Private info: shown", self.toggle_hide,
             {"style": "selected" if s.hide_private else None,
              "tooltip": "Hide each nation's exact stocks on the shared screen (bands and ranks instead)"},
             "Hidden" if s.hide_private else "Shown")]
        shown = s.reveal_doctrines
        specs.append(("Doctrines: shown to the room" if shown else "Doctrines: hidden from the room", self.toggle_doctrines,
                      {"style": "selected" if shown else None,
                       "tooltip": "Whether the board names the doctrine each computer nation plays (the end shows it)"},
                      "Doctrines shown" if shown else "Doctrines hidden"))
        if s.hide_private:
            peek = self.console.peek
            specs.append(("Hide values here" if peek else "Show exact values here", self.toggle_peek,
                          {"tooltip": "Only on this console, until it closes; the projector shows it too"},
                          "Hide here" if peek else "Show here"))
        self.row(btns, specs)

    # -- actions --------------------------------------------------------------------------------------
    def toggle_hide(self) -> None:
        s = self.session
        s.set_hide_private(not s.hide_private)
        self.console.peek = False
        self.console.say("Private information is hidden on the shared screen (bands and ranks only)." if s.hide_private
                         else "Private information is shown on the shared screen (exact stocks).", "warn")

    def toggle_doctrines(self) -> None:
        """Reveal (or hide again) the computer nations' doctrines on the shared screen (for this sitting)."""
        s = self.session
        s.set_reveal_doctrines(not s.reveal_doctrines)
        self.console.say("The board names each computer nation's doctrine." if s.reveal_doctrines
                         else "The board no longer names the computer nations' doctrines.", "warn")

    def toggle_peek(self) -> None:
        c = self.console
        c.peek = not c.peek
        c.say("Exact values are shown on this console - the projector shows them too." if c.peek
              else "Exact values hidden again.", "warn" if c.peek else "good")

    # -- drawing ----------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        s = self.session
        st, sc = s.view.state, s.scenario
        exact = self.console.exact
        ni = national_interest(st)
        vs = PAR.scores(s)
        stand = PAR.standings(s)          # None exactly when vs is: both wait for the par
        ranks = PAR.team_ranks(stand, st)
        rows = []
        for k, nd in enumerate(sc.nations):
            seat = s.view.seats[k]
            who = "Team" if seat.human else seat.doctrine.replace("_", " ").capitalize()
            vals = [st.v[f][k] for f in ("security", "economy", "support", "influence")]
            cells = [nd.name, who, STATUS_WORDS[s.planning_status(k)],
                     *((f"{float(v):.0f}" if exact else band(v)) for v in vals),
                     f"{ni[k]:.1f}" if exact else "·"]
            if vs is not None and stand is not None:
                cells += [PAR.signed(vs[k]) if exact else "·", PAR.signed(stand[k]) if exact else "·"]
            cells.append(ordinal(ranks[k]))
            rows.append(((th.nation_color(sc, k), th.nation_shape(k)), cells, seat.human))
        heads = ["Nation", "Seat", "Plan", "Sec", "Eco", "Sup", "Inf", "NI"] + (["vs par", "Stand."] if vs is not None else [])
        y = meters.draw_table(surface, th, self.table_rect, heads + ["Rank"], rows, first_width=0.22)
        fs = th.font("small")
        # the key's sentences in order of need, as many whole ones as fit (at 200 % two lines fit under the table)
        parts = ["Plans stay private: only whether each team has ended planning shows.",
                 "Rank: by standing." if vs is not None else "Rank: by National Interest.",
                 ("Exact values are hidden on the shared screen; " + BAND_KEY + "." if not exact
                  else "Sec security · Eco economy · Sup support · Inf influence · NI National Interest.")]
        if vs is not None:
            parts += ["vs par: National Interest minus what this seat scores when the strategist plays every seat.",
                      "The standing (Stand.): the field's mean vs par plus this seat's lead over it times the seat's "
                      "factor."]
        room = self.table_rect.bottom - y - th.sp("gap")
        note = T.whole_sentences(" ".join(parts), fs, self.table_rect.width, max(0, room // fs.get_linesize()))
        if note:
            block(surface, note, fs, th.color("muted"),
                  pygame.Rect(self.table_rect.x, y + th.sp("gap"), self.table_rect.width, room))

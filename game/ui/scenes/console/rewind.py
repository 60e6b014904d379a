"""The console's Rewind tab: play on from the start of an earlier turn (asked twice), the line left behind kept under a
name of the facilitator's choosing, and the lines kept so far."""
from __future__ import annotations

from typing import Any

import pygame

from ... import layout
from ... import text as T
from ...describe import LADDER
from ...widgets.listview import ListView, Row
from .base import Console, Tab, block

HELP = ("Rewinding plays on from the start of the chosen turn: the same seed gives the same events unless the orders "
        "differ. The line you leave stays in the save and can be compared in the debrief.")


class RewindTab(Tab):
    key, long, short = "rewind", "Rewind", "Rewind"

    def __init__(self, console: Console) -> None:
        super().__init__(console)
        self.turn: int | None = None          # the turn whose start is played again
        self.confirm = False                  # the first press only asks
        self.label = ""                       # the name of the line left behind
        self.label_y = 0
        self.text_rect = pygame.Rect(0, 0, 0, 0)

    def selected(self) -> None:
        self.confirm = False

    def keep_typed(self) -> None:
        el = self.entries.get("branch_label")
        if el is not None and el.alive():
            self.label = el.get_text()

    def build(self, content: pygame.Rect) -> None:
        super().build(content)
        th = self.theme
        s = self.session
        v = s.view
        gap, pad = th.sp("gap"), th.sp("pad")
        bh = self.bh
        left, right = layout.columns(content, [1.1, 1], pad)
        rows = []
        for turn in reversed(s.rewindable_turns()):
            st = v.state_at(turn)
            lvl = int(round(float(st.v["escalation"])))
            evs = ", ".join(e["name"] for e in v.report(turn)["events"]) or "no events"
            rows.append(Row(turn, f"Start of turn {turn}",
                            f"stability {float(st.v['stability']):.0f} · ladder {lvl} ({LADDER[lvl]}) · then: {evs}"))
        self.lists["rewind"] = ListView(th, left, rows, selected=self.turn, max_detail_lines=2)
        y = right.y
        self.label_y = y
        y += th.font("body", True).get_linesize() + gap
        self.entries["branch_label"] = self.console.entry(pygame.Rect(right.x, y, right.width, bh), self.label,
                                                          "e.g. The hawkish line")
        y += bh + pad
        t = self.turn
        if self.confirm and t is not None:
            self.row(pygame.Rect(right.x, y, right.width, bh), [
                (f"Yes: rewind to turn {t}", self.rewind, {"style": "primary"}, "Yes, rewind"),
                ("Cancel", self.cancel, {})])
        else:
            self.row(pygame.Rect(right.x, y, right.width, bh), [
                (f"Rewind to the start of turn {t}" if t else "Rewind (choose a turn)", self.rewind,
                 {"style": "primary", "enabled": t is not None}, f"Rewind to turn {t}" if t else "Rewind")])
        y += bh + pad
        self.text_rect = pygame.Rect(right.x, y, right.width, right.bottom - y)

    # -- actions ----------------------------------------------------------------------------------------
    def pick(self, list_name: str, key: Any) -> None:
        self.turn, self.confirm = int(key), False
        self.console.quiet()

    def rewind(self) -> None:
        c = self.console
        if self.turn is None:
            c.say("Choose the turn to play again first.", "bad")
            return
        if not self.confirm:
            self.confirm = True
            c.quiet()
            return
        c.clear()
        turn = self.turn
        branch = self.session.rewind(turn, self.label)
        self.turn, self.confirm, self.label = None, False, ""
        c.message = (f"Back at the start of turn {turn}. The line you left is kept as '{branch['label']}' "
                     f"(in the save, and for the debrief).", "good")
        c.restack()

    def cancel(self) -> None:
        self.confirm = False
        self.console.rebuild()

    # -- drawing ------------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        branches = self.session.view.branches
        self.lists["rewind"].draw(surface)
        fb, fs = th.font("body", True), th.font("small")
        r = self.text_rect
        T.draw(surface, "Name the line you leave (optional)", fb, th.color("text"), (r.x, self.label_y), max_width=r.width)
        y = r.y
        if branches:
            T.draw(surface, f"Lines kept ({len(branches)}):", fb, th.color("text"), (r.x, y), max_width=r.width)
            y += fb.get_linesize()
            lines = [f"{b['label']} (from turn {b['from_turn']}, played to turn {b.get('turns', len(b['history']['reports']))})"
                     for b in reversed(branches)]
            y += block(surface, "\n".join(lines), fs, th.color("text"),
                       pygame.Rect(r.x, y, r.width, min(4, len(lines)) * fs.get_linesize())) + th.sp("gap")
        block(surface, HELP, fs, th.color("muted"), pygame.Rect(r.x, y, r.width, r.bottom - y))

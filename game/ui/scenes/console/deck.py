"""The console's Deck event tab: any event of the scenario's deck, aimed at the nations chosen, queued to strike first
in the next resolution."""
from __future__ import annotations

from typing import Any

import pygame

from ... import layout
from ...widgets.listview import ListView, Row
from .base import Console
from .events import EventTab

STRIKES = {"nation": "strikes a nation", "pair": "strikes a pair", "region": "strikes the region"}


class DeckTab(EventTab):
    key, long, short = "deck", "Deck event", "Deck"

    def __init__(self, console: Console) -> None:
        super().__init__(console)
        events = self.session.scenario.events
        self.event: str | None = events[0].id if events else None

    def kind(self) -> str:
        return self.session.scenario.event(self.event).target if self.event else "region"

    def build(self, content: pygame.Rect) -> None:
        super().build(content)
        th = self.theme
        left, right = layout.columns(content, [1.1, 1], th.sp("pad"))
        rows = [Row(ev.id, ev.name, f"{STRIKES[ev.target]}{', an attack' if ev.attack else ''}: {ev.text}")
                for ev in self.session.scenario.events]
        self.lists["deck"] = ListView(th, left, rows, selected=self.event, max_detail_lines=2)
        self.build_side(right, (), [("Queue it for the next resolution", self.queue,
                                     {"style": "primary", "enabled": self.event is not None and not self.session.view.over},
                                     "Queue it", "Queue")])

    # -- actions --------------------------------------------------------------------------------------
    def pick(self, list_name: str, key: Any) -> None:
        self.event, self.targets = str(key), []
        self.console.quiet()

    def queue(self) -> None:
        if self.event is None:
            return
        try:
            inj = self.session.inject_deck(self.event, tuple(self.targets))
        except ValueError as exc:
            self.console.say(str(exc), "bad")
            return
        self.targets = []
        self.console.say(f"Queued: {inj.describe(self.session.scenario)} strikes first in the next resolution.")

    def draw(self, surface: pygame.Surface) -> None:
        self.lists["deck"].draw(surface)
        self.draw_side(surface)

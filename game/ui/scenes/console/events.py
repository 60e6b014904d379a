"""What the two event tabs (a deck event, an event written on the spot) share: the nation buttons that choose the
targets, the queue button(s) and the list of events queued for the next resolution, each a button that removes it."""
from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import pygame

from ... import text as T
from .base import ButtonSpec, Console, Tab

NEED = {"nation": 1, "pair": 2}             # how many targets an event of each kind takes (the region: none)
ASK = {"nation": "Strikes one nation: choose it", "pair": "Strikes a pair: choose two nations",
       "region": "Strikes the whole region: no target"}


class EventTab(Tab):
    """A tab that queues an event: subclasses say what it strikes (`kind`) and lay out their own left side."""

    def __init__(self, console: Console) -> None:
        super().__init__(console)
        self.targets: list[int] = []         # the nations chosen, oldest first (a new one pushes the oldest out)
        self.queue_head: pygame.Rect | None = None
        self.queue_hidden = 0
        self.target_head = pygame.Rect(0, 0, 0, 0)
        self.side_rest = pygame.Rect(0, 0, 0, 0)

    def kind(self) -> str:
        """'nation', 'pair' or 'region': what the event being prepared strikes."""
        raise NotImplementedError

    def errors(self) -> list[str]:
        """Why the event cannot be queued, shown where the queue would be (nothing by default)."""
        return []

    def toggle_target(self, k: int) -> None:
        chosen = self.targets
        if k in chosen:
            chosen.remove(k)
        else:
            chosen.append(k)
            while len(chosen) > NEED.get(self.kind(), 0):
                chosen.pop(0)
        self.console.rebuild()

    def remove_injection(self, index: int) -> None:
        self.session.remove_injection(index)
        self.console.say("Removed from the queue.")

    # -- layout ---------------------------------------------------------------------------------------------
    def nation_grid(self, rect: pygame.Rect, enabled: bool = True) -> int:
        """A toggle button per nation: as many columns as the names allow, flatter buttons when rows run short;
        returns the height used."""
        th = self.theme
        gap = th.sp("gap")
        sc = self.session.scenario
        n = sc.n
        f = th.font("body", True)
        name_w = max(f.size(nd.name)[0] for nd in sc.nations) + th.px(28)
        cols = max(1, min(n, (rect.width + gap) // (name_w + gap)))
        rows = -(-n // cols)
        bh = max(th.font("small").get_linesize() + th.px(8),
                 min(self.bh, (rect.height + gap) // max(1, rows) - gap))
        w = (rect.width - gap * (cols - 1)) // cols
        for k, nd in enumerate(sc.nations):
            r, c = divmod(k, cols)
            self.button(pygame.Rect(rect.x + c * (w + gap), rect.y + r * (bh + gap), w, bh), self.console.fit(w, nd.name),
                        partial(self.toggle_target, k), style="selected" if k in self.targets else None,
                        enabled=enabled, oid=f"{self.key}_target_{k}")
        return rows * (bh + gap) - gap

    def queue_list(self, rect: pygame.Rect) -> None:
        """The events queued for the next resolution, each a button that removes it."""
        th = self.theme
        pending = self.session.view.pending
        fb = th.font("body", True)
        self.queue_head = pygame.Rect(rect.x, rect.y, rect.width, fb.get_linesize())
        y = rect.y + fb.get_linesize() + th.sp("gap")
        bh = min(self.bh, th.font("body").get_linesize() + th.px(10))
        shown = 0
        for k, inj in enumerate(pending):
            if y + bh > rect.bottom:
                break
            self.button(pygame.Rect(rect.x, y, rect.width, bh),
                        self.console.fit(rect.width, f"Remove: {inj.describe(self.session.scenario)}"),
                        partial(self.remove_injection, k), tooltip="Remove it from the queue")
            y += bh + th.sp("gap")
            shown += 1
        self.queue_hidden = len(pending) - shown

    def build_side(self, rect: pygame.Rect, top: Sequence[ButtonSpec], buttons: Sequence[ButtonSpec]) -> None:
        """The right side of an event tab: a row of `top` buttons if any, what the event strikes (and the nation
        buttons), the queue button(s), room for the problems of an invalid event, and the queue of the next
        resolution if there is room left."""
        th = self.theme
        gap, pad = th.sp("gap"), th.sp("pad")
        fb, fs = th.font("body", True), th.font("small")
        y = rect.y
        if top:
            self.row(pygame.Rect(rect.x, y, rect.width, self.bh), top)
            y += self.bh + gap
        self.target_head = pygame.Rect(rect.x, y, rect.width, fb.get_linesize())
        y += fb.get_linesize() + gap
        if self.kind() != "region":
            room = rect.bottom - y - self.bh - pad - 3 * fs.get_linesize()
            y += self.nation_grid(pygame.Rect(rect.x, y, rect.width, max(fs.get_linesize() + th.px(8), room)),
                                  enabled=not self.session.view.over) + pad
        self.row(pygame.Rect(rect.x, y, rect.width, self.bh), buttons)
        y += self.bh + pad
        self.side_rest = pygame.Rect(rect.x, y, rect.width, max(0, rect.bottom - y))
        row_h = min(self.bh, th.font("body").get_linesize() + th.px(10))
        need = fb.get_linesize() + gap + row_h
        if self.errors() or self.side_rest.height < need:
            self.queue_head = None
            self.queue_hidden = len(self.session.view.pending)
            return
        self.queue_list(self.side_rest)

    # -- drawing -------------------------------------------------------------------------------------------
    def draw_side(self, surface: pygame.Surface) -> None:
        th = self.theme
        fb, fs = th.font("body", True), th.font("small")
        head = self.target_head
        T.draw(surface, ASK[self.kind()], fb, th.color("text"), head.topleft, max_width=head.width)
        if self.queue_head is None:
            return
        n = len(self.session.view.pending)
        text = f"Next resolution: {n} queued event{'s' if n != 1 else ''}" if n else "Next resolution: nothing queued"
        T.draw(surface, text, fb, th.color("text"), self.queue_head.topleft, max_width=self.queue_head.width)
        if self.queue_hidden > 0:
            T.draw(surface, f"+ {self.queue_hidden} more", fs, th.color("muted"),
                   (self.queue_head.right, self.queue_head.y), "right")

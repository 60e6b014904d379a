"""PlanningScene: one human nation picks its orders - action cards (keys 1-9), targets, the plan, the engine's preview."""
from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.app.plandraft import Promise, promised_answers
from game.app.session import GameSession
from game.sim.orders import target_problems
from game.sim.preview import preview
from game.sim.state import Order

from .. import flow, layout
from .. import text as T
from ..describe import preview_html
from ..scene import Scene
from ..widgets.cards import draw_card, target_words
from ..widgets.clock import clock_width, draw_clock
from ..widgets.listview import ListView, Row

if TYPE_CHECKING:
    from ..app import App

KEYS = {getattr(pygame, f"K_{d}"): d for d in range(1, 10)}
KEYS.update({getattr(pygame, f"K_KP{d}"): d for d in range(1, 10)})


class PlanningScene(Scene):
    name = "planning"
    KEYS = (("1-9", "pick a card"), ("Up/Down", "target"), ("Space", "mark a partner"), ("PgUp/PgDn", "more cards"), ("Backspace", "remove the last order"), ("Enter", "take the target, add the order, or end planning"), ("N", "negotiate"), ("K", "keep your promises"), ("Esc", "cancel the card / back"))
    pause_blocks = True       # the facilitator's pause stops input here (App.pause_gate) ...
    private_view = True       # ... and covers the plan entirely
    turn_screen = True

    def __init__(self, app: App, session: GameSession, nation: int) -> None:
        super().__init__(app)
        self.session = session
        self.nation = nation
        self.draft = session.draft(nation)
        sc = session.scenario
        self.actions = sorted(sc.actions, key=lambda a: (a.category != "cooperative", sc.actions.index(a)))
        self.page = 0
        self.page_size = 9
        self.selected: str | None = None
        self.multi: list[int] = []
        self.message: str | None = None
        self.added: str | None = None   # the card a one-click add just put in the plan (said in "good", not as a problem)
        self.compact = False
        self.hover_card: int | None = None
        self.targets: ListView | None = None
        self.target_cursor: int | None = None   # the target row highlighted with Up/Down (Space or Enter takes it)
        self.card_rects: list[tuple[pygame.Rect, str]] = []
        self.remove_rects: list[tuple[pygame.Rect, int]] = []
        self.all_promises: list[Promise] = []   # the agreements binding this team now, as its plan shows them
        self.promises: list[Promise] = []

    # -- reading ---------------------------------------------------------------------------------
    @property
    def state(self):
        return self.session.view.state

    @property
    def orders(self) -> list[Order]:
        return self.draft.orders

    def blocked(self, a) -> str | None:
        return self.draft.blocked(a)

    def codex_concept(self) -> str | None:
        # the codex opens at the card: every concept it illustrates, listed first
        return f"action:{self.selected}" if self.selected else None

    # -- changing the plan -------------------------------------------------------------------------
    def pick(self, action_id: str) -> None:
        """Select a card; a card without a target is added at once (and nothing is left to add: the panel shows
        the plan again), or says why it cannot be."""
        a = self.session.scenario.action(action_id)
        self.selected, self.multi, self.message, self.target_cursor = action_id, [], None, None
        if a.target == "self" and self.add(Order(action_id, ())):
            self.selected = None
            self.added = self.message = f"Added: {a.name}"
        self.refresh()

    def words(self, errs: list[str]) -> str:
        """The engine's reasons in the player's words: action ids become the cards' names."""
        sc = self.session.scenario
        names = {a.id: a.name for a in sc.actions}
        out = []
        for e in errs:
            for aid, name in sorted(names.items(), key=lambda kv: -len(kv[0])):
                e = re.sub(rf"(?<![\w-])'?{re.escape(aid)}'?(?![\w-])", name, e)
            out.append(e)
        return "; ".join(out)

    def add_selected_self(self) -> None:
        if self.selected:
            self.add(Order(self.selected, ()))
        self.refresh()

    def deselect(self) -> None:
        self.selected, self.multi, self.message, self.target_cursor = None, [], None, None
        self.refresh()

    def pick_number(self, number: int) -> None:
        index = self.page * self.page_size + number - 1
        if number <= self.page_size and index < len(self.actions):
            self.pick(self.actions[index].id)

    def add(self, order: Order) -> bool:
        """Add an order if legal; otherwise say why (never silently)."""
        errs = self.draft.add(order)
        if errs:
            self.message = self.words(errs)
            return False
        self.message = None
        self.multi = []
        if self.compact:          # one side panel: go back to showing the plan
            self.selected = None
        return True

    def choose_target(self, t: int) -> None:
        a = self.session.scenario.action(self.selected)
        if a.target == "partners":
            if t in self.multi:
                self.multi.remove(t)
            elif len(self.multi) >= a.max_targets:
                self.message = f"{a.name} takes at most {a.max_targets} partners"
            else:
                errs = target_problems(self.state, self.nation, Order(a.id, (t,)))
                self.message = self.words(errs) if errs else None
                if not errs:
                    self.multi.append(t)
        else:
            self.add(Order(a.id, (t,)))
        self.refresh()

    def add_multi(self) -> None:
        if self.selected and self.multi:
            if self.add(Order(self.selected, tuple(sorted(self.multi)))):
                # added: the next Enter ends planning, so no partner may stay highlighted as if Enter would mark it
                # (in a real window Enter marked it again and said "the same order is given twice")
                self.target_cursor = None
        elif self.selected:
            self.message = "choose at least one partner first"
        self.refresh()

    def remove(self, index: int) -> None:
        self.draft.remove(index)
        self.message = None
        self.refresh()

    def clear_plan(self) -> None:
        self.draft.clear()
        self.message = None
        self.refresh()

    def end_planning(self) -> None:
        errs = self.session.finish_planning(self.nation)
        if errs:
            self.message = "Cannot end planning: " + self.words(errs)
            self.refresh()
            return
        flow.advance(self.app, self.session, replace=True)

    def keep_promises(self) -> None:
        """Add what this team's agreements ask of it this turn (K); anything that cannot go in says why."""
        if not self.all_promises:
            self.message = "No agreement binds you this turn" + \
                (" (N: negotiate one)." if self.session.view.negotiation_on else ".")
        else:
            errs = self.draft.keep_promises()
            self.message = "Cannot keep every promise: " + self.words(errs) if errs else None
        self.refresh()

    def negotiate(self) -> None:
        """This team's negotiation screen, over its plan (private as the plan is: behind the pass screen)."""
        if self.session.view.negotiation_on:
            self.app.open("negotiation", self.session, self.nation)

    def set_page(self, page: int) -> None:
        pages = max(1, -(-len(self.actions) // self.page_size))
        self.page = max(0, min(pages - 1, page))
        self.refresh()

    def refresh(self) -> None:
        self.rebuild()

    def on_confirm(self) -> bool:
        self.end_planning()
        return True

    def on_back(self) -> bool:
        if self.selected:
            self.deselect()
            return True
        return super().on_back()

    # -- layout ----------------------------------------------------------------------------------
    def build(self) -> None:
        th = self.theme
        self.buttons_w = self.bar_buttons([
            ("End planning (Enter)", self.end_planning, {"style": "primary"}),
            *([("Negotiate (N)", self.negotiate, {})] if self.session.view.negotiation_on else []),
            ("Back (Esc)", self.on_back, {}),
        ])
        self.bar_reserved = self.buttons_w + clock_width(th, self.session)
        scr = self.screen
        pad = th.sp("pad")
        body = layout.inset(pygame.Rect(0, th.sp("bar"), scr.width, scr.height - th.sp("bar")), pad)
        # roomy: cards | target | plan. Compact (large UI scale): cards | one panel, the target picker while an
        # action is selected, else the plan and its preview.
        self.compact = scr.width / th.scale < 1000
        if self.compact:
            self.cards_col, side = layout.columns(body, [1.1, 1], pad)
            self.target_col = side if self.selected else None
            self.plan_col = None if self.selected else side
        else:
            self.cards_col, self.target_col, self.plan_col = layout.columns(body, [5, 2.6, 3.2], pad)
        self.kfocus.groups = tuple(c for c in (self.cards_col, self.target_col, self.plan_col) if c is not None)
        self._layout_cards()
        self.targets = None   # a list from the previous layout must not take clicks meant for the plan panel
        if self.target_col is not None:
            self._layout_targets(self.target_col)
        if self.plan_col is not None:
            self._layout_plan(self.plan_col)

    def _layout_cards(self) -> None:
        th = self.theme
        col = self.cards_col
        bh = th.sp("button_h")
        head, grid_r = layout.cut_top(col, bh, th.sp("gap"))
        fb, fs = th.font("body", True), th.font("small")
        min_h = 2 * fb.get_linesize() + 2 * fs.get_linesize() + th.px(20)      # name, cost, one line of text
        cols = max(1, col.width // max(th.px(150 if self.compact else 205), fb.size("Joint military")[0] + th.px(40)))
        rows = max(1, grid_r.height // max(min_h, 0 if self.compact else th.px(150)))
        self.page_size = min(9, cols * rows)
        while cols * rows > self.page_size and rows > 1 and cols * (rows - 1) >= self.page_size:
            rows -= 1
        pages = max(1, -(-len(self.actions) // self.page_size))
        self.page = min(self.page, pages - 1)
        self.cards_head = head
        nxt, prv = ("Next", "Prev") if self.compact else ("Next (PgDn)", "Prev (PgUp)")
        bw = th.font("body").size(nxt)[0] + th.px(30)
        if pages > 1:
            self.button(pygame.Rect(head.right - bw, head.y, bw, bh), nxt, lambda: self.set_page(self.page + 1),
                        enabled=self.page < pages - 1, tooltip="Page Down")
            self.button(pygame.Rect(head.right - 2 * bw - th.sp("gap"), head.y, bw, bh), prv,
                        lambda: self.set_page(self.page - 1), enabled=self.page > 0, tooltip="Page Up")
            self.head_text_w = head.width - 2 * bw - 2 * th.sp("gap")
        else:
            self.head_text_w = head.width
        self.pages = pages
        rects = layout.grid(grid_r, cols, rows, th.sp("gap"))
        start = self.page * self.page_size
        self.card_rects = [(r, a.id) for r, a in zip(rects, self.actions[start:start + self.page_size])]
        # each card is also a see-through button over its drawing: the focus ring reaches it (Tab, arrows) and
        # Space picks it, as its number key or a click does
        for r, aid in self.card_rects:
            self.button(r, "", partial(self.pick, aid), style="card",
                        tooltip=None)

    def _layout_targets(self, col: pygame.Rect) -> None:
        th = self.theme
        inner = layout.inset(col, th.sp("pad"))
        self.targets = None
        if not self.selected:
            self.msg_rect = pygame.Rect(inner.x, inner.bottom - 4 * th.font("small").get_linesize(), inner.width,
                                        4 * th.font("small").get_linesize())
            return
        sc = self.session.scenario
        a = sc.action(self.selected)
        fb, fs = th.font("heading", True), th.font("small")
        bh, gap = th.sp("button_h"), th.sp("gap")
        self.name_lines = 1 if self.compact else 2
        self.text_lines = 2 if self.compact else 4
        head_h = min(self.name_lines, len(T.wrap(a.name, fb, inner.width))) * fb.get_linesize()
        text_h = min(self.text_lines, len(T.wrap(a.text, fs, inner.width))) * fs.get_linesize()
        hint = a.target != "self" and not self.compact   # compact: the footer's keys say it; the card's words need the line
        sub_h = th.font("body", True).get_linesize() + (fs.get_linesize() if hint else 0)   # + key hint
        msg_lines = min(4, len(T.wrap(self.message, fs, inner.width))) if self.message else 0
        msg_h = msg_lines * fs.get_linesize() + (gap if msg_lines else 0)
        top_h = head_h + text_h + sub_h + 3 * gap
        if self.compact:   # the card's words are what it teaches: up to 4 lines while a target row still shows whole
            want = min(4, len(T.wrap(a.text, fs, inner.width)))
            rows_h = th.font("body", True).get_linesize() + 2 * fs.get_linesize() + gap if a.target != "self" else 0
            spare = inner.height - top_h - msg_h - bh - gap - rows_h
            more = max(0, min(want * fs.get_linesize() - text_h, spare)) // fs.get_linesize()
            if more:
                self.text_lines = text_h // fs.get_linesize() + more
                text_h += more * fs.get_linesize()
                top_h += more * fs.get_linesize()
        self.target_text_rect = pygame.Rect(inner.x, inner.y, inner.width, top_h)
        rest = pygame.Rect(inner.x, inner.y + top_h, inner.width, inner.height - top_h - msg_h)
        self.msg_rect = pygame.Rect(inner.x, inner.bottom - msg_h + gap, inner.width, max(0, msg_h - gap))
        btns, rest = layout.cut_bottom(rest, bh, gap)
        specs = []
        if a.target == "partners":
            n = len(self.multi)
            specs.append((f"Add ({n})",
                          self.add_multi, {"style": "primary", "enabled": n > 0}))
        elif a.target == "self":
            specs.append(("Add to plan", self.add_selected_self, {"style": "primary"}))
        specs.append(("Cancel (Esc)" if self.compact else "Cancel", self.deselect, {}))
        self.button_row(btns, specs, align="left")
        if a.target != "self":
            self.targets = ListView(th, rest, self._target_rows(a), selected=self.target_cursor,
                                    max_detail_lines=2 if self.compact else 3)
            if self.target_cursor is not None:
                self.targets.row_rect(self.target_cursor)   # keep the highlighted row in view

    def _target_rows(self, a) -> list[Row]:
        th, sc = self.theme, self.session.scenario
        rows = []
        for key, name, detail, ok in self.draft.target_options(a):
            swatch = th.org_color(key) if a.target == "organization" else (th.nation_color(sc, key), th.nation_shape(key))
            rows.append(Row(key, name, detail, swatch, "text" if ok else "muted", "muted" if ok else "bad",
                            marked=key in self.multi))
        return rows

    def _layout_plan(self, col: pygame.Rect) -> None:
        th = self.theme
        inner = layout.inset(col, th.sp("pad"))
        fb, f = th.font("heading", True), th.font("body")
        row_h = f.get_linesize() + th.px(4)
        n = max(1, len(self.orders))
        list_h = min(n, 6) * row_h
        summary_h = 2 * th.font("small").get_linesize()
        problems = self.draft.problems()
        prob_h = min(3, len(problems)) * th.font("small").get_linesize() * 2 if problems else 0
        # the agreements binding this turn, each with what the plan still lacks (ending planning so breaks it)
        self.all_promises = self.draft.promises()
        self.promises = self.all_promises[:3]   # the lines shown (the preview counts every promised answer)
        fs = th.font("small")
        prom_h = sum(min(3, len(T.wrap(t, fs, inner.width))) for t, _ in self.promise_lines()) * fs.get_linesize() + \
            (th.sp("gap") if self.promises else 0)
        top_h = fb.get_linesize() + list_h + summary_h + prob_h + prom_h + 3 * th.sp("gap")
        bh = min(th.sp("button_h"), fb.get_linesize())
        self.plan_top = pygame.Rect(inner.x, inner.y, inner.width, top_h)
        self.plan_rows_rect = pygame.Rect(inner.x, inner.y + fb.get_linesize() + th.sp("gap"), inner.width, list_h)
        self.remove_rects = []
        x_w = th.font("body", True).size("×")[0] + th.px(14)
        for k in range(min(len(self.orders), 6)):
            r = pygame.Rect(self.plan_rows_rect.right - x_w, self.plan_rows_rect.y + k * row_h, x_w, row_h - th.px(2))
            self.remove_rects.append((r, k))
        self.problems = problems
        cw = th.font("body").size("Clear")[0] + th.px(28)
        self.clear_rect = pygame.Rect(inner.right - cw, inner.y, cw, bh)
        self.button(self.clear_rect, "Clear", self.clear_plan, enabled=bool(self.orders),
                    tooltip="Remove every order (Backspace removes the last one)")
        prev_r = pygame.Rect(inner.x, self.plan_top.bottom, inner.width, inner.bottom - self.plan_top.bottom)
        self.preview_box = self.textbox(prev_r, self.preview_html())

    def promise_lines(self) -> list[tuple[str, str]]:
        """Each agreement binding this team now, in words and tone: kept by the plan as it stands, or what it lacks."""
        return [(f"Agreement {x.id} kept by this plan: {x.words} ({x.stake})", "good") if not x.lacking else
                (f"Agreement {x.id} is broken unless you {'; '.join(x.lacking)} (K adds what is missing; {x.stake})",
                 "bad") for x in self.promises]

    def preview_html(self) -> str:
        """The engine's preview of the whole plan, in words (game.sim.preview.preview never changes the state); the
        gestures partners promised toward this team count as answered."""
        promised = promised_answers(self.all_promises)
        res = preview(self.state, self.nation, self.orders, promised) if self.orders else None
        return preview_html(self.session.scenario, self.nation, self.orders, res, T.hexcolor(self.theme.color("bad")),
                            promised)

    # -- events ------------------------------------------------------------------------------------
    def handle_event(self, e: pygame.event.Event) -> bool:
        if e.type == pygame.KEYDOWN:
            if e.key in KEYS:
                self.pick_number(KEYS[e.key])
                return True
            if e.key == pygame.K_PAGEDOWN:
                self.set_page(self.page + 1)
                return True
            if e.key == pygame.K_PAGEUP:
                self.set_page(self.page - 1)
                return True
            if e.key in (pygame.K_BACKSPACE, pygame.K_DELETE) and self.orders:
                self.remove(len(self.orders) - 1)
                return True
            if e.key == pygame.K_k:
                self.keep_promises()
                return True
            if e.key == pygame.K_n and self.session.view.negotiation_on:
                self.negotiate()
                return True
            if self.targets is not None and self.target_key(e):
                return True
        if self.targets is not None:
            row = self.targets.handle_event(e)
            if row is not None:
                self.choose_target(row.key)
                return True
            if e.type == pygame.MOUSEWHEEL:
                self.app.invalidate()
        if e.type == pygame.MOUSEMOTION:
            hover = next((k for k, (r, _) in enumerate(self.card_rects) if r.collidepoint(e.pos)), None)
            if hover != self.hover_card:
                self.hover_card = hover
                self.app.invalidate()
        if e.type == pygame.MOUSEBUTTONDOWN and e.button == 1:
            for r, aid in self.card_rects:
                if r.collidepoint(e.pos):
                    self.pick(aid)
                    return True
            for r, k in self.remove_rects:
                if r.collidepoint(e.pos):
                    self.remove(k)
                    return True
        return super().handle_event(e)

    def target_key(self, e: pygame.event.Event) -> bool:
        """Targets by keyboard: Up/Down highlight a row, Space takes it (for several partners: marks or unmarks it),
        Enter takes it too - or, for several partners with some marked, adds the order."""
        assert self.targets is not None and self.selected is not None   # a target list is shown for the card picked
        fresh = self.target_cursor is None
        row = self.targets.arrow(e)
        if row is not None:
            if fresh:   # a first Up/Down lands on the first target the card can still take, not one it already has
                row = self._first_open(row)
            self.target_cursor = row.key
            self.app.invalidate()
            return True
        enter = e.key in (pygame.K_RETURN, pygame.K_KP_ENTER)
        if e.key != pygame.K_SPACE and not enter:
            return False
        several = self.session.scenario.action(self.selected).target == "partners"
        if enter and several:               # Enter adds the order: with the partners marked, or the highlighted one
            if not self.multi and self.target_cursor is None and self.draft.planned_targets(self.selected):
                return False                # the card is in the plan and nothing is marked: Enter ends planning
            if not self.multi and self.target_cursor is not None:
                self.choose_target(self.target_cursor)
            if self.multi:
                self.add_multi()
            else:
                self.message = "Up/Down and Space mark partners; Enter adds the order"
                self.refresh()
            return True
        if self.target_cursor is None:
            if enter and not self.draft.planned_targets(self.selected):
                # a card just picked, no target taken yet: Enter would end planning without it (in a real window a
                # team pressed a card's number, then Enter, and its turn resolved with nothing in the plan)
                a = self.session.scenario.action(self.selected)
                whom = "an organization" if a.target == "organization" else "a partner"
                self.message = f"Choose {whom} for {a.name} first: Up/Down, then Enter (Esc puts the card back)"
                self.refresh()
                return True
            return False        # nothing highlighted: Enter still ends planning, Space presses the focused control
        taken = self.target_cursor
        if not several:
            # taken: the next Enter ends planning again, so no row may stay highlighted as if Enter would take it
            # (cleared before choose_target rebuilds the list, which draws the cursor's row highlighted)
            self.target_cursor = None
        self.choose_target(taken)
        return True

    def _first_open(self, row: Row) -> Row:
        """The first row the selected card can be aimed at and is not aimed at yet in the plan (`row` if none)."""
        assert self.targets is not None and self.selected is not None
        planned = self.draft.planned_targets(self.selected)
        allowed = {key for key, _, _, ok in self.draft.target_options(self.session.scenario.action(self.selected)) if ok}
        for k, r in enumerate(self.targets.rows):
            if r.key in allowed and r.key not in planned:
                self.targets.selected = r.key
                self.targets.ensure_visible(k)
                return r
        return row

    # -- drawing ---------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        sc, st, k = self.session.scenario, self.state, self.nation
        surface.fill(th.color("bg"))
        bar = self.top_bar(surface, f"Planning: {sc.nations[k].name}", f"Turn {st.turn} of {sc.turns} · orders stay secret until the turn resolves",
                           self.bar_reserved)
        pygame.draw.rect(surface, th.nation_color(sc, k), (0, bar.bottom - th.px(4), bar.width, th.px(4)))
        draw_clock(surface, th, self.screen.width - self.buttons_w, self.session)
        self._draw_cards(surface)
        if self.target_col is not None:
            self._draw_targets(surface, self.target_col)
        if self.plan_col is not None:
            self._draw_plan(surface, self.plan_col)

    def _draw_cards(self, surface: pygame.Surface) -> None:
        th = self.theme
        start = self.page * self.page_size
        end = min(len(self.actions), start + self.page_size)
        f = th.font("body", True)
        room = self.head_text_w - th.px(6)
        head = f"Actions {start + 1}–{end} of {len(self.actions)} · keys 1–{end - start}"
        if self.pages > 1:
            head += f" · page {self.page + 1}/{self.pages}"
        for cand in (head, f"Actions {start + 1}–{end} of {len(self.actions)}", f"{start + 1}–{end} of {len(self.actions)}"):
            if f.size(cand)[0] <= room:
                head = cand
                break
        T.draw(surface, head, f, th.color("text"), (self.cards_head.x, self.cards_head.centery - f.get_linesize() // 2),
               max_width=room)
        counts: dict[str, int] = {}
        for o in self.orders:
            counts[o.action] = counts.get(o.action, 0) + 1
        sc = self.session.scenario
        for n, (r, aid) in enumerate(self.card_rects):
            a = sc.action(aid)
            draw_card(surface, th, r, a, n + 1, selected=aid == self.selected, in_plan=counts.get(aid, 0),
                      blocked=self.blocked(a), hover=n == self.hover_card)

    def _draw_targets(self, surface: pygame.Surface, col: pygame.Rect) -> None:
        th = self.theme
        inner = self.panel(surface, col)
        if not self.selected:
            T.draw_block(surface, "Pick an action card (click it or press its number). Partner and organization actions then ask "
                         "for a target here; anything you cannot choose says why.", th.font("body"), th.color("muted"), inner)
            if self.message:
                tone = "good" if self.message == self.added else "bad"   # a confirmation, not a problem
                T.draw_block(surface, self.message, th.font("small"), th.color(tone),
                             pygame.Rect(inner.x, inner.bottom - 4 * th.font("small").get_linesize(), inner.width,
                                         4 * th.font("small").get_linesize()))
            return
        a = self.session.scenario.action(self.selected)
        r = self.target_text_rect
        fb, fs, fbody = th.font("heading", True), th.font("small"), th.font("body", True)
        y = r.y + T.draw_block(surface, a.name, fb, th.category_color(a.category),
                               pygame.Rect(r.x, r.y, r.width, self.name_lines * fb.get_linesize()))
        y += th.sp("gap")
        y += T.draw_block(surface, a.text, fs, th.color("text"), pygame.Rect(r.x, y, r.width, self.text_lines * fs.get_linesize()))
        y += th.sp("gap")
        ask = {"self": "No target needed.", "partner": "Choose a partner:",
               "partners": f"Choose {target_words(a)}, then Add:", "organization": "Choose an organization:"}[a.target]
        T.draw(surface, ask, fbody, th.color("muted"), (r.x, y), max_width=r.width)
        if a.target != "self" and not self.compact:
            keys = "Up/Down, Space marks, Enter adds" if a.target == "partners" else "or Up/Down, then Enter"
            T.draw(surface, keys, fs, th.color("muted"), (r.x, y + fbody.get_linesize()), max_width=r.width)
        if self.targets is not None:
            self.targets.draw(surface)
        if self.message:
            T.draw_block(surface, self.message, fs, th.color("bad"), self.msg_rect)

    def _draw_plan(self, surface: pygame.Surface, col: pygame.Rect) -> None:
        th = self.theme
        sc, st, k = self.session.scenario, self.state, self.nation
        inner = self.panel(surface, col)
        fb, f, fs = th.font("heading", True), th.font("body"), th.font("small")
        T.draw(surface, f"Plan of {sc.nations[k].name}", fb, th.color("text"), inner.topleft,
               max_width=self.clear_rect.x - inner.x - th.sp("gap"))
        rows = self.plan_rows_rect
        row_h = f.get_linesize() + th.px(4)
        if not self.orders:
            T.draw(surface, "No orders yet (an empty plan is allowed).", fs, th.color("muted"), rows.topleft, max_width=rows.width)
        for n, o in enumerate(self.orders[:len(self.remove_rects)]):     # as laid out (a rebuild follows any change)
            a = sc.action(o.action)
            tg = ", ".join(sc.orgs[t].name if a.target == "organization" else sc.nations[t].name for t in o.targets)
            label = f"{n + 1}. {a.name}" + (f" → {tg}" if tg else "")
            y = rows.y + n * row_h
            pygame.draw.rect(surface, th.category_color(a.category), (rows.x, y + th.px(3), th.px(4), row_h - th.px(6)))
            xr = self.remove_rects[n][0]
            T.draw(surface, label, f, th.color("text"), (rows.x + th.px(8), y), max_width=xr.x - rows.x - th.px(10))
            pygame.draw.rect(surface, th.color("button"), xr, border_radius=th.px(3))
            T.draw(surface, "×", th.font("body", True), th.color("text"), (xr.centerx, xr.y), "center")
        if len(self.orders) > 6:
            T.draw(surface, f"+ {len(self.orders) - 6} more", fs, th.color("muted"), (rows.x, rows.bottom), max_width=rows.width)
        y = rows.bottom + th.sp("gap")
        left_ap, left_b = self.draft.left()
        T.draw(surface, f"Action points: {left_ap} of {st.capacity(k)} left", fs,
               th.color("bad" if left_ap < 0 else "text"), (inner.x, y), max_width=inner.width)
        y += fs.get_linesize()
        T.draw(surface, f"Budget: {left_b} of {st.budget(k)} left (economy / 10)", fs,
               th.color("bad" if left_b < 0 else "text"), (inner.x, y), max_width=inner.width)
        y += fs.get_linesize() + th.sp("gap")
        for p in self.problems[:3]:
            y += T.draw_block(surface, self.words([p]), fs, th.color("bad"), pygame.Rect(inner.x, y, inner.width, 2 * fs.get_linesize()))
        if self.promises:
            y += th.sp("gap")
        for line, tone in self.promise_lines():
            y += T.draw_block(surface, line, fs, th.color(tone), pygame.Rect(inner.x, y, inner.width, 3 * fs.get_linesize()))

"""NegotiationScene: one team's private negotiation before planning (key N in planning): propose, answer, message."""
from __future__ import annotations

import pygame
import pygame_gui

from game.app.negotiation import allowed_terms
from game.app.session import GameSession
from game.sim.deals import Deal, Term, term_words

from .. import layout
from .. import text as T
from ..scene import Scene
from ..theme import Font
from ..widgets.listview import ListView, Row

NUMBER_KEYS = {getattr(pygame, f"K_{d}"): d for d in range(1, 10)}
Entry = tuple[str, Font, str]         # a line of a list: its words, font and tone
STATUS_WORDS = {"signed": "signed", "declined": "declined", "countered": "countered", "pending": "waiting"}


class NegotiationScene(Scene):
    name = "negotiation"
    KEYS = (("1-9", "pick a term"), ("Left/Right", "choose a partner"), ("Space", "mark the partner"),
            ("P", "propose"), ("V", "public or private"), ("Up/Down", "choose a proposal"), ("A", "accept"),
            ("D", "decline"), ("C", "counter with the picked term"), ("M", "type a message"),
            ("Esc", "back to planning"))
    pause_blocks = True       # the facilitator's pause stops it, as planning
    private_view = True       # what a team negotiates is its own: behind the pass screen
    turn_screen = True

    def __init__(self, app, session: GameSession, nation: int) -> None:
        super().__init__(app)
        self.session = session
        self.nation = nation
        self.partner = next(k for k in range(session.scenario.n) if k != nation)
        self.marked: list[int] = []
        self.term = 0
        self.public = True
        self.chosen: str | None = None          # the proposal chosen with Up/Down (to answer)
        self.message: tuple[str, str] | None = None
        self.entry_el: pygame_gui.elements.UITextEntryLine | None = None
        self.waiting: ListView | None = None

    # -- what can be proposed -------------------------------------------------------------------------------
    def terms(self) -> list[Term]:
        """The terms this scenario allows, in a fixed order (keys 1-9 pick them): the app layer's list, which the
        classroom host's client offers too."""
        return allowed_terms(self.session.scenario, self.nation)[:9]

    def partners(self) -> list[int]:
        return self.marked or [self.partner]

    # -- commands ---------------------------------------------------------------------------------------------
    def propose(self) -> None:
        terms = self.terms()
        if not terms:
            self.say("This scenario allows no terms.", "bad")
            return
        deal = Deal(self.nation, (self.nation, *self.partners()), (terms[self.term],), self.public)
        errs = self.session.negotiation.propose(deal)
        if errs:
            self.say("; ".join(errs), "bad")
            return
        # computer partners answer at once: say how, beside the proposal (a green "Proposed" over a refusal misled)
        p = self.session.negotiation.this_turn()[-1]
        nations = self.session.scenario.nations
        no = [nations[q].name for q, a in p.answers.items() if a == "decline"]
        waiting = [nations[q].name for q, a in p.answers.items() if a == "pending"]
        if p.agreement:
            self.say(f"Signed as agreement {p.agreement}: {self.deal_line(deal)}", "good")
        elif no:
            self.say(f"Proposed: {self.deal_line(deal)} - declined by {', '.join(no)}", "bad")
        else:
            self.say(f"Proposed: {self.deal_line(deal)} - waiting for {', '.join(waiting)}", "good")

    def answer(self, verdict: str) -> None:
        p = self.current()
        if p is None:
            self.say("Nothing waits for your answer.", "muted")
            return
        errs = self.session.negotiation.answer(p.id, self.nation, verdict)  # type: ignore[arg-type]
        word = {"accept": "Accepted", "decline": "Declined"}[verdict]
        signed = " - signed as agreement " + p.agreement if p.agreement else ""
        self.say("; ".join(errs) if errs else f"{word}: {self.deal_line(p.deal)}{signed}", "bad" if errs else "good")

    def counter(self) -> None:
        p, terms = self.current(), self.terms()
        if p is None or not terms:
            self.say("Nothing to counter.", "muted")
            return
        errs = self.session.negotiation.counter(p.id, self.nation, (terms[self.term],))
        self.say("; ".join(errs) if errs else f"Countered with: {term_words(self.session.view.state, terms[self.term])}",
                 "bad" if errs else "good")

    def send(self) -> None:
        text = self.entry_el.get_text() if self.entry_el is not None else ""
        errs = self.session.negotiation.message(self.nation, tuple(self.partners()), text)
        if self.entry_el is not None and not errs:
            self.entry_el.set_text("")
        self.say("; ".join(errs) if errs else "Message sent.", "bad" if errs else "good")

    def say(self, text: str, tone: str) -> None:
        self.message = (text, tone)
        self.rebuild()

    def current(self):
        waiting = self.session.view.waiting_for(self.nation)
        return next((p for p in waiting if p.id == self.chosen), waiting[0] if waiting else None)

    def deal_line(self, d: Deal) -> str:
        st = self.session.view.state
        names = ", ".join(self.session.scenario.nations[k].name for k in d.parties if k != self.nation)
        return "; ".join(term_words(st, t) for t in d.terms) + f" with {names}" + ("" if d.public else " (private)")

    def step_partner(self, delta: int) -> None:
        others = [k for k in range(self.session.scenario.n) if k != self.nation]
        self.partner = others[(others.index(self.partner) + delta) % len(others)]
        self.rebuild()

    def mark(self) -> None:
        if self.partner in self.marked:
            self.marked.remove(self.partner)
        elif len(self.marked) < 3:
            self.marked.append(self.partner)
        self.rebuild()

    def on_back(self) -> bool:
        self.app.pop()
        return True

    # -- layout ------------------------------------------------------------------------------------------------
    def build(self) -> None:
        th = self.theme
        self.bar_w = self.bar_buttons([("Propose (P)", self.propose, {"style": "primary"}), ("Back (Esc)", self.on_back, {})])
        scr = self.screen
        pad, bh = th.sp("pad"), th.sp("button_h")
        body = layout.inset(pygame.Rect(0, th.sp("bar"), scr.width, scr.height - th.sp("bar")), pad)
        self.left, self.mid, self.right = layout.columns(body, [3, 3, 3], pad)
        inner = layout.inset(self.left, pad)
        fh = th.font("heading", True).get_linesize()
        lst = pygame.Rect(inner.x, inner.y + fh + th.sp("gap"), inner.width, inner.height // 2 - fh)
        rows = [Row(p.id, f"From {self.session.scenario.nations[p.deal.proposer].name}", self.deal_line(p.deal),
                    tone="text") for p in self.session.view.waiting_for(self.nation)]
        self.waiting = ListView(th, lst, rows, selected=self.chosen or (rows[0].key if rows else None), max_detail_lines=4)
        if inner.height < 18 * th.font("body").get_linesize() and self.waiting.heights:
            # a projector's 200 %: the list shows one proposal at a time (Up/Down), leaving room for this turn's
            self.waiting.rect.height = min(lst.height, max(self.waiting.heights))
            lst = self.waiting.rect
            self.waiting.set_rows(rows)
        keys = [r.key for r in rows]
        if self.waiting.selected in keys:            # the proposal chosen stays in sight after a rebuild
            self.waiting.ensure_visible(keys.index(self.waiting.selected))
        btn = pygame.Rect(inner.x, lst.bottom + th.sp("gap"), inner.width, bh)
        w = min(th.sp("button_w") * 3 // 2, (btn.width - 2 * th.sp("gap")) // 3)
        self.button_row(btn, [(self.fit(w, "Accept (A)", "Accept", "A"), lambda: self.answer("accept"), {"enabled": bool(rows)}),
                              (self.fit(w, "Decline (D)", "Decline", "D"), lambda: self.answer("decline"), {"enabled": bool(rows)}),
                              (self.fit(w, "Counter (C)", "Counter", "C"), self.counter, {"enabled": bool(rows)})],
                        align="left")
        self.this_turn_y = btn.bottom + th.sp("pad")
        rin = layout.inset(self.right, pad)
        self.entry_el = self.entry(pygame.Rect(rin.x, rin.y + fh + th.sp("gap"), rin.width - th.px(90), bh),
                                   placeholder="message")
        self.button(pygame.Rect(rin.right - th.px(84), rin.y + fh + th.sp("gap"), th.px(84), bh), "Send", self.send)
        self.messages_y = rin.y + fh + bh + 2 * th.sp("gap")

    def handle_event(self, e: pygame.event.Event) -> bool:
        if e.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and e.ui_element is self.entry_el:
            self.send()
            return True
        if e.type == pygame.KEYDOWN and not self.app.typing():
            if e.key in NUMBER_KEYS and NUMBER_KEYS[e.key] <= len(self.terms()):
                self.term = NUMBER_KEYS[e.key] - 1
                self.rebuild()
                return True
            keys = {pygame.K_LEFT: lambda: self.step_partner(-1), pygame.K_RIGHT: lambda: self.step_partner(1),
                    pygame.K_SPACE: self.mark, pygame.K_p: self.propose, pygame.K_a: lambda: self.answer("accept"),
                    pygame.K_d: lambda: self.answer("decline"), pygame.K_c: self.counter,
                    pygame.K_v: self.toggle_public}
            if e.key in keys:
                keys[e.key]()
                return True
            if e.key == pygame.K_m and self.entry_el is not None:
                self.app.swallow_text = e.unicode or "m"
                self.kfocus.set(self.ui, self.entry_el)
                self._focus_changed(self.entry_el)
                return True
            if e.key in (pygame.K_UP, pygame.K_DOWN) and self.waiting is not None:
                row = self.waiting.arrow(e)
                if row is not None:
                    self.chosen = row.key
                    self.app.invalidate()
                return True
        if self.waiting is not None:
            row = self.waiting.handle_event(e)
            if row is not None:
                self.chosen = self.waiting.selected = row.key
                self.app.invalidate()
                return True
        return super().handle_event(e)

    def toggle_public(self) -> None:
        self.public = not self.public
        self.rebuild()

    # -- drawing -------------------------------------------------------------------------------------------------
    def text(self, surface: pygame.Surface, words: str, font, tone: str, x: int, y: int, width: int) -> int:
        """Words wrapped to the width, never cut (a long line takes more lines); the height they took."""
        lines = max(1, len(T.wrap(words, font, width)))
        return T.draw_block(surface, words, font, self.theme.color(tone), pygame.Rect(x, y, width, lines * font.get_linesize()))

    @staticmethod
    def heights(entries: list[Entry], width: int) -> list[int]:
        return [max(1, len(T.wrap(words, font, width))) * font.get_linesize() for words, font, _ in entries]

    def run(self, surface: pygame.Surface, header: Entry, entries: list[Entry],
            keep: int, rect: pygame.Rect, short: str | None = None) -> int:
        """A header, then as many entries as fit in rect around entry `keep` (the chosen one, or the newest); when some
        are left out the header (its `short` words, if given) says which are shown ("Term · 4 of 9"): at 200 % a list
        never runs over what is below it."""
        words, hfont, htone = header
        w, n = rect.width, len(entries)
        hs = self.heights(entries, w)
        hh = self.heights([header], w)[0] if words else 0
        a, b = layout.window(hs, keep, rect.height - hh, 0)
        if n and sum(hs) > rect.height - hh:
            base = short or words
            hh = self.heights([(f"{base} · {n} of {n}", hfont, htone)], w)[0]
            a, b = layout.window(hs, keep, rect.height - hh, 0)
            if hs[keep] > rect.height - hh:
                a = b = keep                    # not even the chosen one fits: the header says how many there are
            shown = f"{n}" if a == b else f"{b} of {n}" if b - a == 1 else f"{a + 1}-{b} of {n}"
            words = f"{base} · {shown}" if base else (f"{shown} not shown" if a == b else shown)
        y = rect.y + (self.text(surface, words, hfont, htone, rect.x, rect.y, w) if words else 0)
        for (line, font, tone), h in zip(entries[a:b], hs[a:b]):
            lh = font.get_linesize()
            y += T.draw_block(surface, line, font, self.theme.color(tone),
                              pygame.Rect(rect.x, y, w, max(lh, min(h, (rect.bottom - y) // lh * lh))))
        return y - rect.y

    @staticmethod
    def split(room: int, first: int, second: int, need1: int, need2: int) -> tuple[int, int]:
        """Room for two lists (`first`, `second`: what all of each takes; `need`: its header and chosen entry): all of
        each when both fit, else the first at most half unless the second is short, each its chosen entry if it can."""
        r1 = min(first, max(room // 2, room - second))
        r1 = max(need1, min(r1, room - need2))
        return r1, room - r1

    def need(self, header, entries, keep: int, width: int, short: str | None = None) -> int:
        """What a list takes with only its chosen entry shown (and its header saying which of how many)."""
        n = len(entries)
        words = f"{short or header[0]} · {n} of {n}"
        return sum(self.heights([(words, *header[1:]), *entries[keep:keep + 1]], width))

    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        sc = self.session.scenario
        surface.fill(th.color("bg"))
        name = sc.nations[self.nation].name
        room = self.screen.width - self.bar_w - 2 * th.sp("pad")
        title = f"Negotiation: {name}" if th.font("heading", True).size(f"Negotiation: {name}")[0] <= room else name
        self.top_bar(surface, title, f"turn {self.session.view.turn} · private to this team", self.bar_w)
        self.draw_answers(surface)
        self.draw_proposal(surface)
        self.draw_messages(surface)

    def draw_answers(self, surface: pygame.Surface) -> None:
        """Left: what waits for an answer, then this turn's proposals (newest kept) and the agreements binding now."""
        th, view = self.theme, self.session.view
        fs, fb = th.font("small"), th.font("body", True)
        inner = self.panel(surface, self.left, "Your answer")
        if self.waiting is not None:
            if self.waiting.rows:
                self.waiting.draw(surface)
            else:
                T.draw_block(surface, "Nothing waits for you.", fs, th.color("muted"),
                             pygame.Rect(*self.waiting.rect.topleft, inner.width, 2 * fs.get_linesize()))
        mine = [(f"{p.id} {STATUS_WORDS[p.status]}: {self.deal_line(p.deal)}", fs,
                 {"signed": "good", "declined": "bad"}.get(p.status, "muted")) for p in view.proposals(self.nation)]
        turn = view.turn
        binding = [(f"{ag.id}: {self.deal_line(ag.deal)}" + (f", to turn {ag.until}" if ag.until > turn else ""), fs, "text")
                   for ag in view.agreements(self.nation)]
        y, w = self.this_turn_y, inner.width
        head1 = ("This turn", fb, "text")
        head2 = ("Binding this turn", fb, "text") if binding else ("Binding this turn: none", fb, "text")
        room = inner.bottom - y - th.sp("gap")
        r1, _ = self.split(room, sum(self.heights([head1, *mine], w)), sum(self.heights([head2, *binding], w)),
                           self.need(head1, mine, len(mine) - 1, w), self.need(head2, binding, 0, w))
        y += self.run(surface, head1, mine, len(mine) - 1, pygame.Rect(inner.x, y, w, r1)) + th.sp("gap")
        self.run(surface, head2, binding, 0, pygame.Rect(inner.x, y, w, inner.bottom - y))

    def draw_proposal(self, surface: pygame.Surface) -> None:
        """Middle: the proposal being written; the chosen partner and term stay in sight however little room."""
        th, sc = self.theme, self.session.scenario
        f, fs = th.font("body"), th.font("small")
        gap, line = th.sp("gap"), fs.get_linesize()
        mid = self.panel(surface, self.mid, "Propose")
        w = mid.width
        said = 0
        if self.message:
            said = min(4, len(T.wrap(self.message[0], fs, w))) * line
            T.draw_block(surface, self.message[0], fs, th.color(self.message[1]),
                         pygame.Rect(mid.x, mid.bottom - said, w, said), max_lines=4)
        others = [k for k in range(sc.n) if k != self.nation]
        trust = self.session.view.state.v["trust"]
        partners = [(f"{'[x]' if k in self.marked else '[ ]'} {sc.nations[k].name}  (trust {trust[self.nation, k]:.2f})", f,
                     "accent" if k == self.partner else "text") for k in others]
        terms = [(f"{n + 1}. {term_words(self.session.view.state, t)}", f, "accent" if n == self.term else "text")
                 for n, t in enumerate(self.terms())]
        head_p = ("Partners (Left/Right, Space marks)", fs, "muted")
        head_t = ("Term (keys 1-9)", fs, "muted")
        public = "Public: everyone sees it (V)" if self.public else "Private: only its parties see it (V)"
        note = ("Kept, an agreement builds the others' trust; broken, it costs more than twice as much "
                "(and influence, when public).")
        room = mid.height - said - self.heights([(public, f, "")], w)[0] - 2 * gap
        hp, ht = sum(self.heights([head_p, *partners], w)), sum(self.heights([head_t, *terms], w))
        note_h = self.heights([(note, fs, "")], w)[0] + gap
        show_note = hp + ht + gap + note_h <= room
        rp, rt = self.split(room - gap - (note_h if show_note else 0), hp, ht,
                            self.need(head_p, partners, others.index(self.partner), w, "Partner (←/→)"),
                            self.need(head_t, terms, self.term, w))
        y = mid.y
        y += self.run(surface, head_p, partners, others.index(self.partner), pygame.Rect(mid.x, y, w, rp),
                      short="Partner (←/→)") + gap
        y += self.run(surface, head_t, terms, self.term, pygame.Rect(mid.x, y, w, rt)) + gap
        y += self.text(surface, public, f, "text", mid.x, y, w) + gap
        if show_note:
            self.text(surface, note, fs, "muted", mid.x, y, w)

    def draw_messages(self, surface: pygame.Surface) -> None:
        """Right: the messages, newest kept."""
        th, sc = self.theme, self.session.scenario
        fs = th.font("small")
        rin = self.panel(surface, self.right, "Messages")
        msgs = [(f"T{m.turn} {sc.nations[m.sender].name} → {', '.join(sc.nations[k].name for k in m.to)}: {m.text}", fs,
                 "text") for m in self.session.view.messages(self.nation)]
        self.run(surface, ("", fs, "muted"), msgs, len(msgs) - 1,
                 pygame.Rect(rin.x, self.messages_y, rin.width, rin.bottom - self.messages_y))

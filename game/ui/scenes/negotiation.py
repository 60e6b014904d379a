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
from ..widgets.listview import ListView, Row

NUMBER_KEYS = {getattr(pygame, f"K_{d}"): d for d in range(1, 10)}
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
            self.say(f"Proposed and accepted: {self.deal_line(deal)} - signed as agreement {p.agreement}", "good")
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

    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        sc, view = self.session.scenario, self.session.view
        surface.fill(th.color("bg"))
        name = sc.nations[self.nation].name
        room = self.screen.width - self.bar_w - 2 * th.sp("pad")
        title = f"Negotiation: {name}" if th.font("heading", True).size(f"Negotiation: {name}")[0] <= room else name
        self.top_bar(surface, title, f"turn {self.session.view.turn} · private to this team", self.bar_w)
        f, fs, fb = th.font("body"), th.font("small"), th.font("body", True)
        line = fs.get_linesize()
        # left: what waits for an answer, then this turn's proposals and the agreements binding now
        inner = self.panel(surface, self.left, "Your answer")
        if self.waiting is not None:
            if self.waiting.rows:
                self.waiting.draw(surface)
            else:
                T.draw_block(surface, "Nothing waits for you.", fs, th.color("muted"),
                             pygame.Rect(*self.waiting.rect.topleft, inner.width, 2 * line))
        y = self.this_turn_y
        y += self.text(surface, "This turn", fb, "text", inner.x, y, inner.width)
        for p in view.proposals(self.nation)[-5:]:
            tone = {"signed": "good", "declined": "bad"}.get(p.status, "muted")
            y += self.text(surface, f"{p.id} {STATUS_WORDS[p.status]}: {self.deal_line(p.deal)}", fs, tone, inner.x, y,
                           inner.width)
        y += th.sp("gap")
        y += self.text(surface, "Binding this turn", fb, "text", inner.x, y, inner.width)
        for ag in view.agreements(self.nation)[:5]:
            until = f", to turn {ag.until}" if ag.until > self.session.view.turn else ""
            y += self.text(surface, f"{ag.id}: {self.deal_line(ag.deal)}{until}", fs, "text", inner.x, y, inner.width)
        # middle: the proposal being written
        mid = self.panel(surface, self.mid, "Propose")
        y = mid.y
        y += self.text(surface, "Partners (Left/Right, Space marks):", fs, "muted", mid.x, y, mid.width)
        for k, nd in enumerate(sc.nations):
            if k == self.nation:
                continue
            mark = "[x]" if k in self.marked else "[ ]"
            tone = "accent" if k == self.partner else "text"
            y += self.text(surface, f"{mark} {nd.name}  (trust {self.session.view.state.v['trust'][self.nation, k]:.2f})", f,
                           tone, mid.x, y, mid.width)
        y += th.sp("gap")
        y += self.text(surface, "Term (keys 1-9):", fs, "muted", mid.x, y, mid.width)
        for n, t in enumerate(self.terms()):
            y += self.text(surface, f"{n + 1}. {term_words(self.session.view.state, t)}", f,
                           "accent" if n == self.term else "text", mid.x, y, mid.width)
        y += th.sp("gap")
        y += self.text(surface, "Public: everyone sees it (V)" if self.public else "Private: only its parties see it (V)",
                       f, "text", mid.x, y, mid.width) + th.sp("gap")
        self.text(surface, "Kept, an agreement builds the others' trust; broken, it costs more than twice as much "
                  "(and influence, when public).", fs, "muted", mid.x, y, mid.width)
        if self.message:
            T.draw_block(surface, self.message[0], fs, th.color(self.message[1]),
                         pygame.Rect(mid.x, mid.bottom - 3 * line, mid.width, 3 * line), max_lines=3)
        # right: messages
        rin = self.panel(surface, self.right, "Messages")
        y = self.messages_y
        for m in view.messages(self.nation)[-8:]:
            who = sc.nations[m.sender].name
            to = ", ".join(sc.nations[k].name for k in m.to)
            y += self.text(surface, f"T{m.turn} {who} → {to}: {m.text}", fs, "text", rin.x, y, rin.width)

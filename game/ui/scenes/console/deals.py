"""The console's Deals tab: every proposal of this turn between any nations (who to whom, the terms, public or private,
each answer so far), the agreements that bind this turn and how they stand, those that ended last turn, and pause."""
from __future__ import annotations

from typing import Any

import pygame

from game.app.negotiation import Proposal
from game.sim.contract import AgreementRecord
from game.sim.deals import Deal, term_words
from game.sim.state import Agreement

from ... import layout
from ...widgets.listview import ListView, Row
from .base import ButtonSpec, Tab

ANSWERS = {"pending": "waiting", "accept": "accepted", "decline": "declined", "counter": "countered"}
HIDDEN = "terms hidden on the shared screen (Show exact values here to read them)"


class DealsTab(Tab):
    key, long, short = "deals", "Deals", "Deals"

    def build(self, content: pygame.Rect) -> None:
        super().build(content)
        s = self.session
        btns, body = layout.cut_bottom(content, self.bh, self.theme.sp("pad"))
        specs: list[ButtonSpec] = [
            ("Resume the game" if s.paused else "Pause the game", self.console.toggle_pause,
             {"style": "primary", "enabled": not s.view.over}, "Resume" if s.paused else "Pause")]
        if s.hide_private:
            peek = self.console.peek
            specs.append(("Hide private deals here" if peek else "Show private deals here", self.toggle_peek,
                          {"tooltip": "Only on this console, until it closes; the projector shows it too"},
                          "Hide here" if peek else "Show here"))
        self.row(btns, specs)
        proposals, agreements = self.rows()
        if body.width >= self.theme.px(900):      # room for two columns: proposals beside agreements
            left, right = layout.columns(body, [1, 1], self.theme.sp("pad"))
            self.lists["deals"] = ListView(self.theme, left, proposals, max_detail_lines=8)
            self.lists["agreements"] = ListView(self.theme, right, agreements, max_detail_lines=8)
        else:
            self.lists["deals"] = ListView(self.theme, body, proposals + agreements, max_detail_lines=8)

    def process_event(self, e: pygame.event.Event) -> bool:
        """PgUp/PgDn scroll the lists by most of their height (arrows keep moving the focus over the buttons)."""
        if e.type == pygame.KEYDOWN and e.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            for lv in self.lists.values():
                lv.scroll_by((1 if e.key == pygame.K_PAGEDOWN else -1) * lv.rect.height * 3 // 4)
            self.console.app.invalidate()
            return True
        return super().process_event(e)

    def toggle_peek(self) -> None:
        c = self.console
        c.peek = not c.peek
        c.say("Private deals and exact values are shown on this console - the projector shows them too." if c.peek
              else "Private deals hidden again.", "warn" if c.peek else "good")

    # -- what the list says -------------------------------------------------------------------------------
    def rows(self) -> tuple[list[Row], list[Row]]:
        """The proposals' rows and the agreements' rows (each under a heading row)."""
        s = self.session
        v = s.view
        if not v.negotiation_on:
            return [Row(("h", "off"), "Negotiation is off in this scenario", "Nations only plan; no deal is proposed.",
                        tone="muted")], []
        out: list[Row] = []
        if s.paused and not v.over:
            out.append(Row(("h", "paused"), "Negotiation is paused",
                           "No team can propose, answer or send a message until you resume.", tone="bad"))
        props = v.proposals(None)
        if v.over:
            out.append(Row(("h", "proposals"), "The game is over: nothing more is proposed",
                           "The debrief's Promises tab and the exported report hold every proposal and its fate.",
                           tone="muted"))
        else:
            out.append(Row(("h", "proposals"), f"Proposals of turn {v.turn} ({len(props)})",
                           "" if props else "None yet: teams propose on their negotiation screen (N in planning); "
                           "computer nations make their offers when the turn opens.", tone="muted"))
        out += [self.proposal_row(p) for p in props]
        ags = v.agreements(None)
        right: list[Row] = []
        right.append(Row(("h", "agreements"), f"Agreements binding this turn ({len(ags)})",
                       "" if ags else "None: a proposal every party accepts is signed and binds this turn's plans.",
                       tone="muted"))
        right += [self.agreement_row(a) for a in ags]
        ended = [r for r in self.last_records() if r["status"] != "running"]
        if ended:
            right.append(Row(("h", "ended"), f"Ended last turn ({len(ended)})", tone="muted"))
            right += [self.ended_row(r) for r in ended]
        return out, right

    def names(self, ks: Any) -> str:
        sc = self.session.scenario
        return ", ".join(sc.nations[k].name for k in ks)

    def terms(self, d: Deal) -> str:
        if not d.public and not self.console.exact:
            return HIDDEN
        st = self.session.view.state
        return "; ".join(term_words(st, t) for t in d.terms)

    def swatch(self, k: int) -> tuple[pygame.Color, str]:
        th = self.theme
        return th.nation_color(self.session.scenario, k), th.nation_shape(k)

    def proposal_row(self, p: Proposal) -> Row:
        d = p.deal
        sc = self.session.scenario
        answers = ", ".join(f"{sc.nations[k].name} {ANSWERS[a]}" for k, a in p.answers.items() if k != d.proposer)
        status = p.status
        signed = f" · signed as agreement {p.agreement}" if p.agreement else ""   # else the answers say it all
        head = f"{p.id} {sc.nations[d.proposer].name} to {self.names(d.others(d.proposer))}"
        counter = f" · counters {p.counter_of}" if p.counter_of else ""
        detail = f"{self.terms(d)}\n{'public' if d.public else 'private'}{counter} · {answers}{signed}"
        return Row(("p", p.id), head, detail, swatch=self.swatch(d.proposer),
                   tone="good" if status == "signed" else "muted" if status in ("declined", "countered") else "text",
                   detail_tone="text")

    def agreement_row(self, a: Agreement) -> Row:
        v = self.session.view
        d = a.deal
        span = f"turn {a.signed}" if a.until == a.signed else f"turns {a.signed}-{a.until}"
        if a.signed == v.turn:
            state = "signed this turn: checked when the turn resolves"
        else:
            state = f"kept every turn so far, checked again when turn {v.turn} resolves"
        detail = f"{self.terms(d)}\n{'public' if d.public else 'private'} · binds {span} · {state}"
        return Row(("a", a.id), f"Agreement {a.id}: {self.names(d.parties)}", detail, swatch=self.swatch(d.proposer),
                   detail_tone="text")

    def last_records(self) -> list[AgreementRecord]:
        v = self.session.view
        last = v.reports[-1] if v.reports else None
        return list(last.get("agreements", ())) if last is not None and last["turn"] == v.turn - 1 else []

    def ended_row(self, r: AgreementRecord) -> Row:
        sc = self.session.scenario
        names = ", ".join(sc.nations[sc.nation_index(n)].name for n in r["parties"])
        broke = [sc.nations[sc.nation_index(n)].name for n, ok in r["kept"].items() if not ok]
        fate = f"broken by {', '.join(broke)}" if broke else "kept to its end"
        terms = "; ".join(r["terms"]) if r["public"] or self.console.exact else HIDDEN
        detail = f"{terms}\n{'public' if r['public'] else 'private'} · {fate}"
        return Row(("e", r["id"]), f"Agreement {r['id']}: {names}", detail, tone="bad" if broke else "good",
                   detail_tone="text")

    # -- drawing ----------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        for lv in self.lists.values():
            lv.draw(surface)

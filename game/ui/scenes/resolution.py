"""ResolutionScene: what happened this turn - events, everyone's orders, reciprocity, obligations, incidents, biggest changes.

Orders become public here (the turn has resolved). With private information hidden, the biggest changes leave out
nations' own stocks and militarization; what the facilitator injected and what the planning timer did are shown."""
from __future__ import annotations

import pygame

from .. import flow, layout
from .. import text as T
from game.sim.defs import STOCKS

from ..describe import LADDER, OUTCOME_WORDS, biggest_changes, changes_html, report_html
from ..scene import Scene
from ..session import GameSession


class ResolutionScene(Scene):
    name = "resolution"
    KEYS = (("Enter", "continue"), ("W", "why? the ledger"), ("Esc", "continue"))

    def __init__(self, app, session: GameSession, report: dict, review: bool = False) -> None:
        super().__init__(app)
        self.session = session
        self.report = report
        self.review = review          # opened from the board ("Last turn"): Continue just goes back
        self.changes = self.public_changes()
        # what the facilitator did to this turn (only known for the turn just resolved)
        fresh = not review and session.last_report is report
        self.injected = list(session.last_injected) if fresh else []
        self.expiry = list(session.last_expiry) if fresh else []

    @property
    def stops_clock(self) -> bool:
        """The class reads a turn that just resolved: the next turn's planning clock waits (not for a review)."""
        return not self.review

    def public_changes(self) -> list[dict]:
        """The biggest changes; with private information hidden, without nations' own stocks and militarization."""
        s = self.session
        if not s.hide_private:
            return biggest_changes(s.scenario, self.report)
        private = tuple(f" {f}" for f in (*STOCKS, "militarization"))
        items = biggest_changes(s.scenario, self.report, n=40)
        return [it for it in items if not it["label"].endswith(private)][:8]

    def proceed(self) -> None:
        if self.review:
            self.app.pop()
        else:
            flow.after_resolution(self.app, self.session)

    def on_confirm(self) -> bool:
        self.proceed()
        return True

    def on_back(self) -> bool:
        self.proceed()
        return True

    def handle_event(self, e: pygame.event.Event) -> bool:
        if e.type == pygame.KEYDOWN and e.key == pygame.K_w:
            self.why()
            return True
        return super().handle_event(e)

    def why(self) -> None:
        self.app.open_ledger(self.session, self.report["turn"])

    def colors(self) -> dict[str, str]:
        th = self.theme
        col = {k: T.hexcolor(th.color(k)) for k in ("text", "good", "bad", "muted")}
        for k in range(self.session.scenario.n):
            col[f"nation{k}"] = T.hexcolor(th.nation_color(self.session.scenario, k))
        return col

    def build(self) -> None:
        th = self.theme
        has_ledger = self.app.has_scene("ledger")
        label = "Continue (Enter)" if not (self.report.get("over") and not self.review) else "See the outcome (Enter)"
        self.bar_reserved = self.bar_buttons([
            ("Why? (W)", self.why, {"enabled": has_ledger,
                                         "tooltip": None if has_ledger else "The why-ledger explorer comes later (game/ui/scenes/ledger.py)"}),
            (label, self.proceed, {"style": "primary"}),
        ])
        scr = self.screen
        pad = th.sp("pad")
        body = layout.inset(pygame.Rect(0, th.sp("bar"), scr.width, scr.height - th.sp("bar")), pad)
        left, right = layout.columns(body, [1.4, 1], pad)
        col = self.colors()
        self.textbox(left, report_html(self.session.scenario, self.report, col, {"heading": th.size("heading")}))
        s = self.report["summary"]
        head = (f"<font pixel_size='{th.size('heading')}'><b>Biggest changes and why</b></font><br>"
                f"Stability {s['stability']:.1f} · ladder {s['escalation']} ({LADDER[s['escalation']]})<br>")
        if self.report.get("over"):
            head += f"<b>The game is over.</b> {T.esc(OUTCOME_WORDS.get(self.report.get('outcome') or '', ''))}<br>"
        if self.injected:
            head += f"<font color='{col['muted']}'>Injected by the facilitator: {T.esc('; '.join(self.injected))}</font><br>"
        for note in self.expiry:
            head += f"<font color='{col['bad']}'>{T.esc(note)}</font><br>"
        if self.session.hide_private:
            head += f"<font color='{col['muted']}'>Nations' own stocks are hidden on the shared screen.</font><br>"
        self.textbox(right, head + "<br>" + changes_html(self.changes, col))

    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        surface.fill(th.color("bg"))
        sc = self.session.scenario
        self.top_bar(surface, f"Turn {self.report['turn']} of {sc.turns} resolved", sc.name, self.bar_reserved)

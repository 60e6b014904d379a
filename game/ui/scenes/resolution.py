"""ResolutionScene: what happened this turn - events, everyone's orders, reciprocity, obligations, incidents, biggest changes."""
from __future__ import annotations

import pygame

from .. import flow, layout
from .. import text as T
from ..describe import LADDER, OUTCOME_WORDS, biggest_changes, changes_html, report_html
from ..scene import Scene
from ..session import GameSession


class ResolutionScene(Scene):
    name = "resolution"

    def __init__(self, app, session: GameSession, report: dict, review: bool = False) -> None:
        super().__init__(app)
        self.session = session
        self.report = report
        self.review = review          # opened from the board ("Last turn"): Continue just goes back
        self.changes = biggest_changes(session.scenario, report)

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
            ("Why? (ledger)", self.why, {"enabled": has_ledger,
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
        self.textbox(right, head + "<br>" + changes_html(self.changes, col))

    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        surface.fill(th.color("bg"))
        sc = self.session.scenario
        self.top_bar(surface, f"Turn {self.report['turn']} of {sc.turns} resolved", sc.name, self.bar_reserved)

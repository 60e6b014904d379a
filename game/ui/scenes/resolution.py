"""ResolutionScene: what happened this turn - events, everyone's orders, reciprocity, obligations, incidents, biggest changes.

Orders become public here (the turn has resolved). With private information hidden, the biggest changes leave out
nations' own stocks and militarization; what the facilitator injected and what the planning timer did are shown."""
from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.app.session import GameSession
from game.sim.contract import TurnReport
from game.sim.defs import STOCKS

from .. import flow, layout, story
from .. import text as T
from ..describe import LADDER, OUTCOME_WORDS, biggest_changes, changes_html, report_html
from ..scene import Scene

if TYPE_CHECKING:
    from ..app import App


class ResolutionScene(Scene):
    name = "resolution"
    KEYS = (("Enter", "continue"), ("W", "why? the ledger"), ("X", "parts of model causes"), ("Esc", "continue"))

    def __init__(self, app: App, session: GameSession, report: TurnReport, review: bool = False) -> None:
        super().__init__(app)
        self.session = session
        self.report = report
        self.review = review          # opened from the board ("Last turn"): Continue just goes back
        self.changes = self.public_changes()
        # what the facilitator did to this turn (only known for the turn just resolved)
        fresh = not review and session.view.last_report is report
        self.injected = list(session.last_injected) if fresh else []   # for the console, never the room's screen
        self.detail = True            # model causes opened into their parts (X closes and opens them)
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
        if e.type == pygame.KEYDOWN and e.key == pygame.K_x:
            self.toggle_detail()
            return True
        return super().handle_event(e)

    def toggle_detail(self) -> None:
        self.detail = not self.detail
        self.rebuild()

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
        label = "Continue (Enter)" if not (self.report.get("over") and not self.review) else "See the outcome (Enter)"
        self.bar_reserved = self.bar_buttons([
            ("Why? (W)", self.why, {}),
            ("Hide parts (X)" if self.detail else "Show parts (X)", self.toggle_detail, {}),
            (label, self.proceed, {"style": "primary"}),
        ])
        scr = self.screen
        pad = th.sp("pad")
        body = layout.inset(pygame.Rect(0, th.sp("bar"), scr.width, scr.height - th.sp("bar")), pad)
        col = self.colors()
        events = report_html(self.session.scenario, self.report, col, {"heading": th.size("heading")})
        if body.width / th.scale < 900:      # a projector at a large scale: one column, the story first
            self.story_box = self.textbox(body, self.story_html(col) + "<br>" + events)
            return
        left, right = layout.columns(body, [1.3, 1], pad)
        self.story_box = self.textbox(left, self.story_html(col))
        self.textbox(right, events)

    def state_after(self):
        return self.session.view.state_after(int(self.report["turn"]))

    def story_html(self, col: dict[str, str]) -> str:
        """The turn as a story: the region's headline and its causes (model causes opened into their parts), each
        nation's changes with ▲/▼, then the biggest changes and why."""
        th, sc, rep = self.theme, self.session.scenario, self.report
        state = self.state_after()
        h = f"<font pixel_size='{th.size('heading')}'><b>"
        he = "</b></font><br>"
        line = story.headline(sc, rep)
        tone = col["good"] if line["delta"] > 0.05 else col["bad"] if line["delta"] < -0.05 else col["text"]
        out = [f"{h}Stability {line['before']:.1f} {T.esc('→')} {line['after']:.1f} <font color='{tone}'>({line['delta']:+.1f})"
               f"</font>{he}"]
        for words, d, cause in line["causes"]:
            out.append(f"   <font color='{col['good'] if d > 0 else col['bad']}'>{d:+.1f}</font>  {T.esc(words)}<br>")
            for part in story.parts(sc, rep, state, "stability", (), cause) if self.detail else []:
                out.append(f"<font color='{col['muted']}'>        {T.esc(part)}</font><br>")
        if abs(line["rest"]) >= 0.05:
            out.append(f"<font color='{col['muted']}'>   {line['rest']:+.1f}  everything else</font><br>")
        s = rep["summary"]
        out.append(f"Escalation ladder: step {s['escalation']} of 5 ({LADDER[s['escalation']]})<br>")
        if rep.get("over"):
            out.append(f"<b>The game is over.</b> {T.esc(OUTCOME_WORDS.get(rep.get('outcome') or '', ''))}<br>")
        for note in self.expiry:
            out.append(f"<font color='{col['bad']}'>{T.esc(note)}</font><br>")
        out.append(f"<br>{h}Nations{he}")
        if self.session.hide_private:
            out.append(f"<font color='{col['muted']}'>Nations' own stocks are hidden on the shared screen.</font><br>")
        else:
            def color_of(f: str, d: float) -> str:
                return col["text"] if f == "militarization" else col["good"] if d > 0 else col["bad"]

            for k, changes in enumerate(story.nation_changes(sc, rep)):
                marks = ", ".join(f"<font color='{color_of(f, d)}'>{T.esc(story.mark(d))}</font> "
                                  f"{f} {d:+.1f}" for f, d in changes[:4]) or "no change"
                out.append(f"<font color='{col[f'nation{k}']}'><b>{T.esc(sc.nations[k].name)}</b></font>: {marks}<br>")
        out.append(f"<br>{h}Biggest changes and why{he}")
        explain = (lambda it, cause: story.parts(sc, rep, state, it["field"], it["index"], cause)) if self.detail else None
        out.append(changes_html([it for it in self.changes if it.get("field") != "stability"], col, explain))
        return "".join(out)

    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        surface.fill(th.color("bg"))
        sc = self.session.scenario
        self.top_bar(surface, f"Turn {self.report['turn']} of {sc.turns} resolved", sc.name, self.bar_reserved)

"""BoardScene: the main game screen - map, region meters, threats, nations' stocks, the turn counter and the news feed."""
from __future__ import annotations

import pygame

from game.sim.scoring import national_interest

from .. import flow, layout
from .. import text as T
from ..describe import LADDER
from ..scene import Scene
from ..session import GameSession
from ..widgets import meters
from ..widgets.mapview import MapView


class BoardScene(Scene):
    name = "board"

    def __init__(self, app, session: GameSession) -> None:
        super().__init__(app)
        self.session = session
        self.hover: int | None = None
        self.mouse = (0, 0)
        self.map: MapView | None = None

    # -- actions ---------------------------------------------------------------------------------
    def plan(self) -> None:
        if self.session.over:
            flow.open_session(self.app, self.session)
        else:
            flow.advance(self.app, self.session, replace=False)

    def last_turn(self) -> None:
        from .resolution import ResolutionScene

        if self.session.last_report:
            self.app.push(ResolutionScene(self.app, self.session, self.session.last_report, review=True))

    def pause(self) -> None:
        from .pause import PauseMenu

        self.app.push(PauseMenu(self.app, self.session))

    def on_back(self) -> bool:
        self.pause()
        return True

    def on_confirm(self) -> bool:
        self.plan()
        return True

    def plan_label(self) -> str:
        s = self.session
        if not s.humans:
            return "Next turn (Enter)"
        k = s.next_planner()
        if k is None:
            return "Resolve turn (Enter)"
        if len(s.humans) == 1:
            return f"Plan: {s.nation_name(k)} (Enter)"
        left = len(s.humans) - len(s.done)
        return f"Plan turn: {left} team{'s' if left != 1 else ''} (Enter)"

    # -- layout ----------------------------------------------------------------------------------
    def build(self) -> None:
        th = self.theme
        s = self.session
        specs = [(self.plan_label(), self.plan, {"style": "primary"})]
        if s.last_report:
            specs.append(("Last turn", self.last_turn, {}))
        has_charts = self.app.has_scene("charts")
        specs.append(("Charts", lambda: self.app.open_charts(s),
                      {"enabled": has_charts, "tooltip": None if has_charts else "Charts come later (game/ui/scenes/charts.py)"}))
        specs.append(("Menu (Esc)", self.pause, {}))
        self.bar_reserved = self.bar_buttons(specs)

        scr = self.screen
        pad, gap = th.sp("pad"), th.sp("gap")
        body = layout.inset(pygame.Rect(0, th.sp("bar"), scr.width, scr.height - th.sp("bar")), pad)
        side_w = max(min(th.px(440), body.width // 2), int(body.width * 0.36))
        side_w = min(side_w, body.width // 2)
        self.side, left = layout.cut_right(body, side_w, pad)
        lines = 3 if left.height >= th.px(560) else 2
        news_h = th.font("heading", True).get_linesize() + lines * th.font("body").get_linesize() + th.px(16)
        news_h = max(news_h, int(left.height * 0.22))
        self.news_rect, map_rect = layout.cut_bottom(left, news_h, pad)
        self.map = MapView(th, map_rect, s.scenario)
        self.news = self.textbox(self.news_rect, self.news_html())
        self._layout_side()

    def _layout_side(self) -> None:
        """Roomy: gauge, ladder and threats stacked. Compact (large UI scale): gauge and ladder side by side,
        no titles, so the nations' table keeps a readable font."""
        th = self.theme
        inner = layout.inset(self.side, th.sp("pad"))
        gap = th.sp("pad")
        n_threats = len(self.session.scenario.threats)
        rows_needed = (self.session.scenario.n + 1) * int(th.font("body").get_linesize() * 1.15)
        gh = meters.gauge_height(th)
        roomy = gh + meters.ladder_height(th) + meters.threats_height(th, n_threats, inner.width) + 3 * gap
        self.compact = inner.height - roomy < rows_needed
        if not self.compact:
            self.gauge_rect, rest = layout.cut_top(inner, gh, gap)
            self.ladder_rect, rest = layout.cut_top(rest, meters.ladder_height(th), gap)
        else:
            top, rest = layout.cut_top(inner, max(gh, meters.ladder_height(th, True)), gap)
            self.gauge_rect, self.ladder_rect = layout.columns(top, [1, 1.2], th.px(14))
        tall = meters.threats_height(th, n_threats, inner.width, title=not self.compact)
        self.threats_rect, rest = layout.cut_top(rest, tall, gap)
        self.table_rect = rest

    def news_html(self) -> str:
        th = self.theme
        s = self.session
        sc = s.scenario
        parts = []
        if s.last_save_error:
            parts.append(f"<font color='{T.hexcolor(th.color('bad'))}'>{T.esc(s.last_save_error)}</font><br>")
        rep = s.last_report
        title = f"News of turn {rep['turn']}" if rep else "News"
        parts.append(f"<b>{title}</b><br>")
        if not rep:
            first = sc.briefing.strip().split("\n\n")[0].replace("\n", " ") if sc.briefing else ""
            parts.append(T.esc(first or "The first turn has not been played yet."))
            return "".join(parts)
        names = {nd.id: nd.name for nd in sc.nations}
        if not s.state.news:
            parts.append("A quiet half-year: no events.<br>")
        for ev in s.state.news:
            tg = ", ".join(names.get(t, t) for t in ev["targets"])
            parts.append(f"<b>{T.esc(ev['name'])}</b>{' (' + T.esc(tg) + ')' if tg else ''}: {T.esc(ev['text'])}<br>")
        if rep.get("ladder"):
            lvl = rep["summary"]["escalation"]
            parts.append(f"The escalation ladder moved {rep['ladder']} to {lvl} ({LADDER[lvl]}).<br>")
        return "".join(parts)

    # -- events ---------------------------------------------------------------------------------
    def handle_event(self, e: pygame.event.Event) -> bool:
        if e.type == pygame.MOUSEMOTION and self.map is not None:
            self.mouse = e.pos
            hover = self.map.hit(e.pos)
            if hover != self.hover:
                self.hover = hover
                self.app.invalidate()
            return False
        if e.type == pygame.KEYDOWN and e.key == pygame.K_p:
            self.plan()
            return True
        return super().handle_event(e)

    # -- drawing ---------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        s = self.session
        st = s.state
        sc = s.scenario
        surface.fill(th.color("bg"))
        turn = min(st.turn, sc.turns)
        self.top_bar(surface, f"Turn {turn} of {sc.turns}", sc.name, self.bar_reserved)
        if self.map is None:
            return
        self.map.draw(surface, st, set(s.humans), self.hover)
        self.panel(surface, self.side)
        p = st.scenario.params
        meters.draw_gauge(surface, th, self.gauge_rect, "Regional stability", float(st.v["stability"]),
                          marks=((p.collapse_stability, "collapse"), (p.secure_stability, "secure")))
        meters.draw_ladder(surface, th, self.ladder_rect, float(st.v["escalation"]), self.compact)
        meters.draw_threats(surface, th, self.threats_rect,
                            [(t.name, float(st.v["threat"][k])) for k, t in enumerate(sc.threats)], not self.compact)
        ni = national_interest(st)
        rows = []
        for k, nd in enumerate(sc.nations):
            v = st.v
            cells = [nd.name + (" (H)" if k in s.humans else ""),
                     *(f"{float(v[f][k]):.0f}" for f in ("security", "economy", "support", "influence", "militarization")),
                     f"{ni[k]:.1f}"]
            rows.append((th.nation_color(sc, k), cells, k in s.humans))
        y = meters.draw_table(surface, th, self.table_rect, ["Nation", "Sec", "Eco", "Sup", "Inf", "Mil", "NI"], rows)
        key = ("Sec security · Eco economy · Sup support · Inf influence · Mil militarization · "
               "NI National Interest (each nation's own score) · (H) a human team. Hover a nation on the map for more.")
        fs = th.font("small")
        room = self.table_rect.bottom - y - th.sp("gap")
        if room >= 2 * fs.get_linesize():
            T.draw_block(surface, key, fs, th.color("muted"), pygame.Rect(self.table_rect.x, y + th.sp("gap"),
                                                                         self.table_rect.width, room))

    def draw_overlay(self, surface: pygame.Surface) -> None:
        if self.hover is not None and self.map is not None:
            pos = self.map.pos[self.hover]
            self.map.draw_tooltip(surface, self.session.state, self.hover, self.session.seat_label(self.hover), pos)

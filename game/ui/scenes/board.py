"""BoardScene: the main game screen - map, region meters, threats, nations' stocks, the turn counter and the news feed.

This is the projector view: it shows public information only. Plans in progress never show (only whether each team
has planned); with the facilitator's "hide private information" on, nations' exact stocks, National Interest,
budget and action points give way to bands and a rank (by standing once the par is at hand, R9.5) (game/app/privacy.py)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from game.app import par as PAR
from game.app.privacy import BAND_KEY, band, ordinal
from game.app.session import GameSession
from game.sim.scoring import national_interest

from .. import flow, layout
from .. import text as T
from ..describe import LADDER
from ..scene import Scene
from ..widgets import meters
from ..widgets.clock import clock_width, draw_clock
from ..widgets.mapview import MapView

if TYPE_CHECKING:
    from ..app import App


class BoardScene(Scene):
    name = "board"
    KEYS = (("Enter/P", "plan the turn"), ("L", "last turn"), ("C", "charts"), ("N", "next nation's details"), ("Esc", "menu"))
    turn_screen = True        # where the turn goes on when the planning clock runs out (flow.timer_ran_out)

    def __init__(self, app: App, session: GameSession) -> None:
        super().__init__(app)
        self.session = session
        self.hover: int | None = None
        self.mouse = (0, 0)
        self.map: MapView | None = None
        self._par_seen = False
        self.side = self.table_rect = pygame.Rect(0, 0, 0, 0)     # laid out by build
        self.news_rect: pygame.Rect | None = None

    # -- actions ---------------------------------------------------------------------------------
    def plan(self) -> None:
        if self.session.paused and not self.session.view.over:
            return                       # the facilitator paused the game: the board stays, the turn waits
        if self.session.view.over:
            flow.open_session(self.app, self.session)
        else:
            flow.advance(self.app, self.session, replace=False)

    def last_turn(self) -> None:
        last = self.session.view.last_report
        if last:
            self.app.open("resolution", self.session, last, review=True)

    def pause(self) -> None:
        self.app.open("pause", self.session)

    def on_back(self) -> bool:
        self.pause()
        return True

    def on_confirm(self) -> bool:
        self.plan()
        return True

    def plan_label(self, short: bool = False) -> str:
        s = self.session
        if not s.humans:
            return "Next turn" if short else "Next turn (Enter)"
        k = s.next_planner()
        if k is None:
            return "Resolve" if short else "Resolve turn (Enter)"
        if len(s.humans) == 1:
            return "Plan" if short else f"Plan: {s.nation_name(k)} (Enter)"
        left = len(s.view.still_planning)
        return f"Plan: {left} left" if short else f"Plan turn: {left} team{'s' if left != 1 else ''} (Enter)"

    # -- layout ----------------------------------------------------------------------------------
    def build(self) -> None:
        th = self.theme
        s = self.session
        paused = s.paused and not s.view.over
        specs: list[list[Any]] = [[self.plan_label(), self.plan, {"style": "primary", "enabled": not paused,
                                                "tooltip": "The facilitator paused the game" if paused else None},
                  self.plan_label(short=True)]]
        if s.view.last_report:
            specs.append(["Last turn (L)", self.last_turn, {}, "Last turn"])
        specs.append(["Charts (C)", lambda: self.app.open_charts(s), {}, "Charts"])
        specs.append(["Menu (Esc)", self.pause, {}, "Menu"])
        # a projector at a large UI scale: short labels, so the turn and the clock keep their room in the bar
        title_w = th.font("heading", True).size(f"Turn {min(s.view.turn, s.scenario.turns)} of {s.scenario.turns}")[0]
        need = title_w + clock_width(th, s) + 3 * th.sp("pad") + sum(
            th.font("body", k == 0).size(sp[0])[0] + th.px(30) + th.sp("gap") for k, sp in enumerate(specs))
        if need > self.screen.width:
            for sp in specs:
                sp[0] = sp[3]
        self.buttons_w = self.bar_buttons([tuple(sp[:3]) for sp in specs])
        self.bar_reserved = self.buttons_w + clock_width(th, s)

        scr = self.screen
        pad = th.sp("pad")
        body = layout.inset(pygame.Rect(0, th.sp("bar"), scr.width, scr.height - th.sp("bar")), pad)
        side_w = max(min(th.px(440), body.width // 2), int(body.width * 0.36))
        side_w = min(side_w, body.width // 2)
        self.side, left = layout.cut_right(body, side_w, pad)
        # a projector at a large UI scale: the map keeps the whole column (a thumbnail is no map); the news
        # then goes under the side panel's table when there is room (else: Last turn, L)
        self.tall_map = left.height / th.scale < 420
        lines = 3 if left.height >= th.px(560) else 2
        news_h = th.font("heading", True).get_linesize() + lines * th.font("body").get_linesize() + th.px(16)
        if self.tall_map:
            map_rect = left
            self._layout_side()
            fits = self.table_rect.height - news_h - pad >= (s.scenario.n + 1) * th.font(th.spacing["min_font"] + 2).get_linesize()
            self.news_rect = None
            if fits:
                self.news_rect, self.table_rect = layout.cut_bottom(self.table_rect, news_h, pad)
        else:
            news_h = max(news_h, int(left.height * 0.22))
            self.news_rect, map_rect = layout.cut_bottom(left, news_h, pad)
            self._layout_side()
        self.map = MapView(th, map_rect, s.scenario)
        self.news = self.textbox(self.news_rect, self.news_html()) if self.news_rect is not None else None

    def _layout_side(self) -> None:
        """Roomy: gauge, ladder and threats stacked. Compact (large UI scale): gauge and ladder side by side,
        no titles, so the nations' table keeps a readable font."""
        th = self.theme
        inner = layout.inset(self.side, th.sp("pad"))
        gap = th.sp("pad")
        n_threats = len(self.session.scenario.threats)
        rows_needed = (self.session.scenario.n + 1) * int(th.font("body").get_linesize() * 1.15)
        gh = meters.gauge_height(th)
        drag = getattr(self.session.scenario.params, "escalation_drag", None)
        lh = meters.ladder_height(th, False, inner.width, drag)
        roomy = gh + lh + meters.threats_height(th, n_threats, inner.width) + 3 * gap
        self.compact = inner.height - roomy < rows_needed
        if not self.compact:
            self.gauge_rect, rest = layout.cut_top(inner, gh, gap)
            self.ladder_rect, rest = layout.cut_top(rest, lh, gap)
        else:
            cols = layout.columns(pygame.Rect(inner.x, inner.y, inner.width, 1), [1, 1.2], th.px(14))
            top, rest = layout.cut_top(inner, max(gh, meters.ladder_height(th, True, cols[1].width)), gap)
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
        rep = s.view.last_report
        title = f"News of turn {rep['turn']}" if rep else "News"
        parts.append(f"<b>{title}</b><br>")
        if not rep:
            first = sc.briefing.strip().split("\n\n")[0].replace("\n", " ") if sc.briefing else ""
            parts.append(T.esc(first or "The first turn has not been played yet."))
            return "".join(parts)
        names = {nd.id: nd.name for nd in sc.nations}
        if not s.view.state.news:
            parts.append("A quiet half-year: no events.<br>")
        for ev in s.view.state.news:
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
        if e.type == pygame.KEYDOWN and e.key == pygame.K_l and self.session.view.last_report:
            self.last_turn()
            return True
        if e.type == pygame.KEYDOWN and e.key == pygame.K_c:
            self.app.open_charts(self.session)
            return True
        if e.type == pygame.KEYDOWN and e.key == pygame.K_n and self.map is not None:
            n = self.session.scenario.n          # a nation's details without a mouse: N steps through them
            self.hover = 0 if self.hover is None else None if self.hover == n - 1 else self.hover + 1
            self.app.invalidate()
            return True
        return super().handle_event(e)

    def public_seat(self, k: int) -> str:
        """Who plays a nation, as the room may see it: a computer nation's doctrine only once the facilitator has
        revealed the doctrines (or the game is over)."""
        s = self.session
        if s.reveal_doctrines or s.view.over:
            return s.seat_label(k)
        return "Team" if s.view.seats[k].human else "Computer nation"

    @property
    def vs_par(self):
        """Each nation's score vs par now, or None while the par table is being computed."""
        return PAR.scores(self.session)

    def update(self, dt: float) -> bool:
        """Redraw once when the par table, computed in the background, arrives."""
        if not self._par_seen and PAR.table(self.session) is not None:
            self._par_seen = True
            return True
        return False

    # -- drawing ---------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        s = self.session
        st = s.view.state
        sc = s.scenario
        surface.fill(th.color("bg"))
        turn = min(st.turn, sc.turns)
        self.top_bar(surface, f"Turn {turn} of {sc.turns}", sc.name, self.bar_reserved)
        draw_clock(surface, th, self.screen.width - self.buttons_w, s)
        if self.map is None:
            return
        self.map.draw(surface, st, set(s.humans), self.hover)
        if s.paused and not s.view.over:
            self._paused_banner(surface)
        self.panel(surface, self.side)
        p = st.scenario.params
        meters.draw_gauge(surface, th, self.gauge_rect, "Regional stability", float(st.v["stability"]),
                          marks=((p.collapse_stability, "collapse"), (p.secure_stability, "secure")))
        meters.draw_ladder(surface, th, self.ladder_rect, float(st.v["escalation"]), self.compact,
                           getattr(p, "escalation_drag", None))
        meters.draw_threats(surface, th, self.threats_rect,
                            [(t.name, float(st.v["threat"][k]), t.id.replace("_", " ").capitalize())
                             for k, t in enumerate(sc.threats)], not self.compact)
        hidden = s.hide_private
        ni = national_interest(st)
        vs = self.vs_par
        stand = PAR.standings(s)          # None exactly when vs is: both wait for the par
        ranks = PAR.team_ranks(stand, st)
        rows = []
        for k, nd in enumerate(sc.nations):
            v = st.v
            mark = (" (H ✓)" if s.view.planned(k) else " (H)") if k in s.humans else ""
            stocks = [float(v[f][k]) for f in ("security", "economy", "support", "influence", "militarization")]
            cells = [nd.name + mark, *((band(x) if hidden else f"{x:.0f}") for x in stocks),
                     ordinal(ranks[k]) if hidden else f"{ni[k]:.1f}"]
            if vs is not None and stand is not None and not hidden:
                cells += [PAR.signed(vs[k]), PAR.signed(stand[k])]
            rows.append(((th.nation_color(sc, k), th.nation_shape(k)), cells, k in s.humans))
        heads = ["Nation", "Sec", "Eco", "Sup", "Inf", "Mil", "Rank" if hidden else "NI"]
        if vs is not None and not hidden:
            heads += ["vs par", "Stand."]   # "Standing" does not fit a numeric column at 1280 x 720
        # a large UI scale in a small window: the stocks give way (militarization first) before the table's text
        # shrinks below 60 % of the small text, so the back row can still read who leads (hover or N: every value)
        def size(cols: list[int]) -> int:
            return meters.table_size(th, self.table_rect, [heads[c] for c in cols],
                                     [(sw, [cells[c] for c in cols], b) for sw, cells, b in rows])

        shown = list(range(len(heads)))
        least = [c for c in shown if c not in (1, 2, 3, 4, 5)]
        if size(least) > size(shown):     # else the rows' height sets the size: dropping columns would not help
            for col in (5, 4, 3, 2, 1):
                if size(shown) >= 0.6 * th.size("small"):
                    break
                shown.remove(col)
        dropped = {heads[c] for c in range(len(heads)) if c not in shown}
        y = meters.draw_table(surface, th, self.table_rect, [heads[c] for c in shown],
                              [(sw, [cells[c] for c in shown], b) for sw, cells, b in rows])
        if hidden:
            key = ("Exact values are hidden on the shared screen: " + BAND_KEY + ". Rank: "
                   + ("rank by standing (score vs par, each seat's lead over the field scaled by its seat's factor). "
                      if vs is not None
                      else "National Interest rank. ")
                   + "(H) a human team, ✓ it has planned this turn.")
        else:
            key = ("".join(f"{a} {w} · " for a, w in (("Sec", "security"), ("Eco", "economy"), ("Sup", "support"),
                                                       ("Inf", "influence"), ("Mil", "militarization")) if a not in dropped)
                   + "NI National Interest (each nation's own score) · "
                   + ("vs par: National Interest minus what this seat scores when the strategist plays every seat · "
                      "Stand. standing: the field's mean vs par plus this seat's lead over it times the seat's factor "
                      "(teams rank by it) · " if vs is not None else "")
                   + "(H) a human team, ✓ it has planned this turn. Hover a nation on the map (or press N) for more.")
        fs = th.font("small")
        room = self.table_rect.bottom - y - th.sp("gap")
        if room >= 2 * fs.get_linesize():
            T.draw_block(surface, key, fs, th.color("muted"), pygame.Rect(self.table_rect.x, y + th.sp("gap"),
                                                                         self.table_rect.width, room))

    def _paused_banner(self, surface: pygame.Surface) -> None:
        if self.map is None:
            return
        th = self.theme
        f = th.font("heading", True)
        text = "Paused by the facilitator"
        r = pygame.Rect(0, 0, min(self.map.rect.width - th.px(16), f.size(text)[0] + th.px(40)), f.get_linesize() + th.px(12))
        r.midtop = (self.map.rect.centerx, self.map.rect.y + th.px(8))
        pygame.draw.rect(surface, th.color("panel"), r, border_radius=th.sp("radius"))
        pygame.draw.rect(surface, th.color("warn"), r, width=max(2, th.px(2)), border_radius=th.sp("radius"))
        T.draw(surface, text, f, th.color("warn"), (r.centerx, r.y + th.px(6)), "center", max_width=r.width - th.px(12))

    def draw_overlay(self, surface: pygame.Surface) -> None:
        if self.hover is not None and self.map is not None:
            s = self.session
            pos = self.map.pos[self.hover]
            stand = PAR.standings(s) if s.hide_private else None   # the rank the table beside it shows (R9.5)
            rank = (PAR.team_ranks(stand, s.view.state)[self.hover], "standing" if stand is not None else "National Interest")
            self.map.draw_tooltip(surface, s.view.state, self.hover, self.public_seat(self.hover), pos,
                                  hidden=s.hide_private, rank=rank)

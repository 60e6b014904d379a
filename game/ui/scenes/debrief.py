"""DebriefScene: the end of a game (or the game so far) - outcome and ranking, charts, turning points, burden-sharing,
trust at start and end, what else could have happened (computer games from a chosen turn), discussion, export."""
from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np
import pygame

from game.app import archive
from game.app import duplicate as DUP
from game.app import par as PAR
from game.app.session import GameSession
from game.runner import analysis, figures
from game.runner.export import ExportError
from game.runner.reportdata import codex_prompts
from game.runner.whatif import WhatIfRun, turns_to_branch
from game.sim.scoring import national_interest, ranking

from .. import layout
from .. import text as T
from ..describe import LADDER, OUTCOME_WORDS
from ..scene import Scene
from ..widgets import meters
from ..widgets.chartview import FigureCache, GameCharts, rgb, ui_style
from ..widgets.debriefparts import draw_org, draw_trust_pair, draw_trust_row, org_block_height, trust_pair_fits
from ..widgets.listview import ListView, Row

if TYPE_CHECKING:
    from ..app import App

OUTCOME_COLOR = {"secure": "good", "fragile": "warn", "conflict": "bad"}
TABS = (("summary", "Outcome", "Result"), ("charts", "Charts", "Charts"), ("turning", "Turning points", "Turns"),
        ("burden", "Burden-sharing", "Burden"), ("trust", "Trust", "Trust"), ("whatif", "What if?", "What if"),
        ("discuss", "Discussion", "Discuss"), ("lines", "Other lines", "Lines"), ("promises", "Promises", "Promises"))
TAB_KEYS = [t[0] for t in TABS]
WHATIF_RUNS = 40
STEP_SECONDS = 0.025          # what-if work per frame: the screen stays responsive while it runs


class DebriefScene(Scene):
    name = "debrief"
    KEYS: tuple[tuple[str, str], ...] = ((f"1-{len(TAB_KEYS)}", "section"), ("Left/Right", "section"), ("Up/Down", "choose"), ("L", "why-ledger at the turning point"), ("R", "run the what-if"), ("E", "export"), ("Esc", "back"))
    final = False          # the end of the game (GameOverScene): Enter/Esc go to the main menu

    def __init__(self, app: App, session: GameSession, tab: str = "summary") -> None:
        super().__init__(app)
        self.session = session
        self.tab = tab if tab in TAB_KEYS else "summary"
        self.cache = FigureCache()
        self.message: tuple[str, str] | None = None     # (text, colour name) of the last export
        self.list: ListView | None = None
        self.trust_row = 0               # the nation whose trust is listed when the heat maps are too small
        self.charts: GameCharts | None = None
        self.chart_view: str | None = None
        self._turning: list[dict] | None = None
        self._series: dict | None = None
        self._burden: list[dict] | None = None
        self.org_page = 0
        self.selected: Any = None
        branch = turns_to_branch(self.history)
        self.from_turn = branch[0] if branch else None
        self.whatifs: dict[int, Any] = {}
        self._par_seen = self._dup_seen = False    # the par table, the duplicate scores: arrived and drawn
        self.running: WhatIfRun | None = None

    # -- data (computed once, when first needed) ----------------------------------------------------------
    @property
    def history(self) -> Any:
        """The game's history, read-only (session.view.history). Any: game.runner's analysis, what-if and figures are
        annotated for the engine's History and read only its states and reports, which this view has alike; typed
        once their signatures name a protocol both satisfy (game/runner is being split meanwhile)."""
        return self.session.view.history

    def series(self) -> dict:
        if self._series is None:
            self._series = analysis.series(self.history)
        return self._series

    def turning(self) -> list[dict]:
        if self._turning is None:
            self._turning = analysis.turning_points(self.history, 6)
        return self._turning

    def burden(self) -> list[dict]:
        if self._burden is None:
            self._burden = analysis.burden_sharing(self.history)
        return self._burden

    def doctrines(self) -> dict[int, str]:
        return self.session.view.doctrines

    # -- actions ----------------------------------------------------------------------------------------
    def set_tab(self, tab: str) -> None:
        if tab in TAB_KEYS:
            self.tab = tab
            self.selected = None
            if tab == "whatif" and self.from_turn is not None and self.from_turn not in self.whatifs and self.running is None:
                self.run_whatif()
            self.rebuild()

    def run_whatif(self) -> None:
        if self.from_turn is None:
            return
        self.running = WhatIfRun(self.history, self.doctrines(), self.from_turn, WHATIF_RUNS, self.session.seed)
        self.app.invalidate()

    def whatif_done(self) -> bool:
        return self.running is None

    def change_from(self, delta: int) -> None:
        choices = turns_to_branch(self.history)
        if not choices or self.from_turn is None:
            return
        k = choices.index(self.from_turn) if self.from_turn in choices else 0
        self.from_turn = choices[max(0, min(len(choices) - 1, k + delta))]
        self.running = None                     # a run for another turn is dropped; this turn's starts (once)
        if self.from_turn not in self.whatifs:
            self.run_whatif()
        self.rebuild()

    def export(self) -> None:
        folder = self.session.export_dir()
        wi = self.whatifs.get(self.from_turn) if self.from_turn is not None else None
        try:
            paths = self.session.export(folder, wi, self.theme.colorblind)
            self.message = (f"Exported to {folder}: " + ", ".join(p.name for p in paths), "good")
        except ExportError as exc:
            self.message = (str(exc), "bad")
        self.rebuild()

    def open_turning_point(self, k: int) -> None:
        """The why-ledger at a turning point: the turn and the value (for trust: the pair that moved most)."""
        p = self.turning()[k]
        field = {"stability": "stability", "escalation": "escalation", "trust": "trust"}.get(p["value"], "stability")
        index: Any = None
        if field == "trust":
            a, b = self.history.states[p["turn"] - 1].v["trust"], self.history.states[p["turn"]].v["trust"]
            i, j = np.unravel_index(int(np.argmax(np.abs(b - a))), a.shape)
            index = (int(i), int(j)) if i != j else None
        self.app.open("ledger", self.session, p["turn"], field, index)

    def codex_concept(self) -> str | None:
        if self.tab == "discuss" and isinstance(self.selected, tuple) and self.selected[0] == "c":
            return self.selected[1]
        return None

    def on_confirm(self) -> bool:
        return self.on_back()

    # -- layout ---------------------------------------------------------------------------------------
    def bar_specs(self) -> list[tuple]:
        return [("Export (E)", self.export, {}), ("Back (Esc)", self.on_back, {"style": "primary"})]

    def title(self) -> str:
        s = self.session
        return f"Debrief, turn {min(s.view.turn, s.scenario.turns)} of {s.scenario.turns}"

    def build(self) -> None:
        th = self.theme
        self.bar_reserved = self.bar_buttons(self.bar_specs())
        scr = self.screen
        pad, gap = th.sp("pad"), th.sp("gap")
        body = layout.inset(pygame.Rect(0, th.sp("bar"), scr.width, scr.height - th.sp("bar")), pad)
        fb = th.font("body", True)
        choices = ([f"{lg} ({k})" for k, (_, lg, _) in enumerate(TABS, 1)],
                   [f"{sh} ({k})" for k, (_, _, sh) in enumerate(TABS, 1)], [sh for _, _, sh in TABS])
        # one row of tabs if their names fit, else two rows (a projector at 200 %): names are never cut
        for rows in (1, 2):
            per_row = -(-len(TABS) // rows)
            w = (body.width - gap * (per_row - 1)) // per_row
            labels = next((ls for ls in choices if all(fb.size(x)[0] <= w - th.px(24) for x in ls)), None)
            if labels is not None:
                break
        if labels is None:
            labels = [self.fit(w, sh, bold=True) for _, _, sh in TABS]
        tabs, body = layout.cut_top(body, rows * th.sp("button_h") + (rows - 1) * gap, pad)
        specs = [(text, partial(self.set_tab, key), {"style": "selected" if key == self.tab else None})
                 for (key, _, _), text in zip(TABS, labels)]
        for r in range(rows):
            row = pygame.Rect(tabs.x, tabs.y + r * (th.sp("button_h") + gap), tabs.width, th.sp("button_h"))
            self.button_row(row, specs[r * per_row:(r + 1) * per_row], align="left")
        fs = th.font("small")
        status_h = (2 if self.message or scr.width >= th.px(900) else 1) * fs.get_linesize()
        self.status_rect, self.body = layout.cut_bottom(body, status_h, gap)
        self.list = None
        self.charts = None
        build = self.builders().get(self.tab)
        if build is not None:
            build()

    def builders(self) -> dict[str, Callable[[], None]]:
        """The widgets of each section that has any (the others are drawn only)."""
        return {"summary": self._build_summary, "charts": self._build_charts, "turning": self._build_turning,
                "discuss": self._build_discuss, "whatif": self._build_whatif, "promises": self._build_promises}

    def drawers(self) -> dict[str, Callable[[pygame.Surface], None]]:
        """How each section (TABS) is drawn."""
        return {"summary": self._draw_summary, "charts": self._draw_charts, "turning": self._draw_turning,
                "burden": self._draw_burden, "trust": self._draw_trust, "whatif": self._draw_whatif,
                "discuss": self._draw_discuss, "lines": self._draw_lines, "promises": self._draw_promises}

    def _summary_columns(self) -> tuple[pygame.Rect, pygame.Rect, bool]:
        th = self.theme
        wide = self.body.width >= th.px(900)
        left, right = layout.columns(self.body, [1, 1.1], 2 * th.sp("pad"))
        return left, right, wide

    def _build_summary(self) -> None:
        """Below the outcome and its numbers, the stability chart when there is room for it."""
        th = self.theme
        left, _, wide = self._summary_columns()
        fb, ff = th.font("body"), th.font("body" if wide else "small")
        top = th.font("huge" if wide else "title", True).get_linesize() + 3 * fb.get_linesize() + 4 * ff.get_linesize() \
            + 2 * th.sp("pad")
        chart = pygame.Rect(left.x, left.y + top, left.width, left.height - top)
        if chart.height >= th.px(170):
            self.charts = GameCharts(th, self.session.scenario, self.history, chart, self.cache, "stability")

    @property
    def hidden(self) -> bool:
        """Mid-game with private information hidden by the facilitator: no exact National Interest on screen."""
        return self.session.hide_private and not self.session.view.over

    def _build_charts(self) -> None:
        th = self.theme
        fits = GameCharts.grid_fits(th, self.body)
        if not fits and self.chart_view is None:
            self.chart_view = "stability"
        self.charts = GameCharts(th, self.session.scenario, self.history, self.body, self.cache,
                                 None if fits else self.chart_view, hide_ni=self.hidden)

    def _build_turning(self) -> None:
        rows = []
        for k, p in enumerate(self.turning()):
            word = {"stability": "stability", "escalation": "escalation ladder", "trust": "average trust"}[p["value"]]
            why = "; ".join(f"{c['cause']} ({c['delta']:+.3g})" for c in p["causes"]) or "no single cause"
            ev = f" Events: {', '.join(p['events'])}." if p["events"] else ""
            tone = "good" if (p["change"] > 0) != (p["value"] == "escalation") else "bad"
            rows.append(Row(k, f"Turn {p['turn']}: {word} {p['change']:+.3g}", f"Because of: {why}.{ev}", tone=tone))
        self.list = ListView(self.theme, self.body, rows, self.selected, max_detail_lines=3)

    def _build_discuss(self) -> None:
        sc = self.session.scenario
        rows = [Row(("s", k), f"Question {k + 1} of this scenario", q, detail_tone="text") for k, q in enumerate(sc.discussion)]
        seen = archive.CLASS if self.session.hide_private else None   # a shared screen quotes public promises only
        for k, q in enumerate(archive.discussion_prompts(sc, self.session.view.reports, nation=seen)):
            rows.append(Row(("b", k), "Promises of this game", q, tone="text", detail_tone="text"))
        for c in codex_prompts(self.history):
            rows.append(Row(("c", c["id"]), f"{c.get('title', c['id'])} (codex)", c["prompt"], tone="text", detail_tone="text"))
        self.list = ListView(self.theme, self.body, rows, self.selected, max_detail_lines=3)

    def _build_promises(self) -> None:
        """The promises-kept index per nation, the archive of every proposal and its fate (ICONS-style), then the
        messages between teams; on a shared screen that hides private information, private deals and the messages'
        text stay out."""
        sc, view = self.session.scenario, self.session.view
        rows = []
        for k, kept in enumerate(archive.promises_kept(sc, view.reports)):
            idx = kept.index
            detail = (f"kept {kept.kept} of {kept.checked} turns promised; broke {kept.broken}" if idx is not None
                      else "promised nothing")
            rows.append(Row(("n", k), f"{kept.nation}: " + ("no promises" if idx is None else
                                                              f"promises kept {100 * idx:.0f} %"),
                            detail, tone="text" if idx is None or idx >= 0.999 else "bad"))
        for r in archive.archive(self.session):
            if not r.public and self.session.hide_private:
                continue
            tone = "bad" if r.fate.startswith("broken") else "good" if r.fate == "kept" else "muted"
            rows.append(Row(("p", r.id), f"Turn {r.turn}, {r.proposer}: {r.deal}" + ("" if r.public else " (private)"),
                            f"{r.answers or 'no other party'} - {r.fate}", tone=tone))
        said = view.messages(None)   # between teams: each reached only its sender and recipients
        if said and self.session.hide_private:
            rows.append(Row(("m", "hidden"), f"{len(said)} message{'s' if len(said) != 1 else ''} between teams",
                            "private to their senders and recipients: shown when private information is shown",
                            tone="muted"))
        elif said:
            names = [nd.name for nd in sc.nations]
            rows += [Row(("m", i), f"Turn {m.turn}, {names[m.sender]} to {', '.join(names[q] for q in m.to)}", m.text,
                         tone="muted") for i, m in enumerate(said)]
        self.list = ListView(self.theme, self.body, rows, self.selected, max_detail_lines=2)

    def _build_whatif(self) -> None:
        th = self.theme
        row, self.wi_body = layout.cut_top(self.body, th.sp("button_h"), th.sp("pad"))
        has = self.from_turn is not None
        bw = th.font("body", True).size("<")[0] + th.px(26)
        x = row.x + th.font("body", True).size("From the start of turn 00")[0] + th.px(12)
        self.wi_label = pygame.Rect(row.x, row.y, x - row.x, row.height)
        self.button(pygame.Rect(x, row.y, bw, row.height), "<", lambda: self.change_from(-1), enabled=has,
                    tooltip="An earlier turn (Up)")
        self.button(pygame.Rect(x + bw + th.sp("gap"), row.y, bw, row.height), ">", lambda: self.change_from(1), enabled=has,
                    tooltip="A later turn (Down)")
        x += 2 * bw + 2 * th.sp("gap")
        label = self.fit(row.right - x, f"Play {WHATIF_RUNS} computer games from there (R)", f"Play {WHATIF_RUNS} games (R)",
                         "Run (R)")
        w = min(row.right - x, th.font("body", True).size(label)[0] + th.px(30))
        self.button(pygame.Rect(x, row.y, w, row.height), label, self.run_whatif, style="primary",
                    enabled=has and self.running is None)

    # -- input ------------------------------------------------------------------------------------------
    def handle_event(self, e: pygame.event.Event) -> bool:
        if self.list is not None:
            row = self.list.handle_event(e)
            if row is not None:
                self.selected = self.list.selected = row.key
                if self.tab == "turning":
                    self.open_turning_point(row.key)
                elif self.tab == "discuss" and row.key[0] == "c":
                    self.app.open_codex(row.key[1])
                self.app.invalidate()
                return True
            if e.type in (pygame.MOUSEWHEEL, pygame.MOUSEMOTION):
                self.app.invalidate()
        if e.type == pygame.KEYDOWN:
            if pygame.K_1 <= e.key < pygame.K_1 + len(TAB_KEYS):
                self.set_tab(TAB_KEYS[e.key - pygame.K_1])
                return True
            if e.key in (pygame.K_LEFT, pygame.K_RIGHT):
                k = TAB_KEYS.index(self.tab)
                back = e.key == pygame.K_LEFT
                self.set_tab(TAB_KEYS[(k + (-1 if back else 1)) % len(TAB_KEYS)])
                return True
            if e.key == pygame.K_e:
                self.export()
                return True
            if e.key in (pygame.K_UP, pygame.K_DOWN):
                return self._up_down(-1 if e.key == pygame.K_UP else 1)
            if e.key == pygame.K_r and self.tab == "whatif" and self.running is None:
                self.run_whatif()
                self.rebuild()
                return True
            if e.key == pygame.K_l and self.tab == "turning" and self.selected is not None:
                self.open_turning_point(self.selected)
                return True
        return super().handle_event(e)

    def _up_down(self, d: int) -> bool:
        if self.list is not None:
            row = self.list.move(d)
            if row is not None:
                self.selected = row.key
        elif self.tab == "whatif":
            self.change_from(d)
        elif self.tab == "charts" and self.charts is not None and len(self.charts.rects) == 1:
            keys = list(GameCharts.KEYS)
            self.chart_view = keys[(keys.index(self.chart_view or keys[0]) + d) % len(keys)]
            self.rebuild()
        elif self.tab == "burden":
            self.org_page = max(0, self.org_page + d)
        elif self.tab == "trust":          # one nation's row at a time (large scale)
            self.trust_row = (self.trust_row + d) % self.session.scenario.n
        self.app.invalidate()
        return True

    def update(self, dt: float) -> bool:
        if not self._par_seen and PAR.table(self.session) is not None:
            self._par_seen = True       # the par table arrived from the background: the ranking is redrawn
            return True
        if self.final and not self._dup_seen and DUP.scores(self.session) is not None:
            self._dup_seen = True       # the duplicate scores arrived: the ranking is redrawn by them
            return True
        run = self.running
        if run is None:
            return False
        if run.step(STEP_SECONDS):
            self.whatifs[run.result.from_turn] = run.result
            self.running = None
            self.cache.clear()
            if self.tab == "whatif":
                self.rebuild()
        else:
            self.app.active_until = time.monotonic() + 0.2     # keep frames coming while it works
        return True

    # -- drawing --------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        surface.fill(th.color("bg"))
        self.top_bar(surface, self.title(), self.session.scenario.name, self.bar_reserved)
        self.drawers()[self.tab](surface)
        fs = th.font("small")
        if self.message:
            T.draw_block(surface, self.message[0], fs, th.color(self.message[1]), self.status_rect, max_lines=2)
        else:
            hint = {"turning": "Click a turning point (or Up/Down, then L) to open the why-ledger at it.",
                    "discuss": "Click a codex question (or F1 on it) to read the concept in the codex.",
                    "whatif": "Up/Down: the turn to play on from · R: play the computer games again.",
                    "burden": "Bar: what a member gave against what the organization expected of it.",
                    }.get(self.tab, "")
            if self.tab == "trust" and not trust_pair_fits(th, self.body, self.session.scenario.n):
                hint = "Up/Down: the next nation's trust in the others."
            if self.tab == "charts" and self.charts is not None and len(self.charts.rects) == 1:
                hint = "Up/Down: the next chart (stability, ladder, trade, National Interest)."
            if self.screen.width >= th.px(900) or not hint:
                hint = (hint + " " if hint else "") + f"1-{len(TAB_KEYS)} or Left/Right: sections · E: export the report"
            T.draw_block(surface, hint, fs, th.color("muted"), self.status_rect, max_lines=2)

    def _draw_summary(self, surface: pygame.Surface) -> None:
        th = self.theme
        s = self.session
        sc, st = s.scenario, s.view.state
        left, right, wide = self._summary_columns()
        played = len(self.history.reports)
        fh = th.font("huge" if wide else "title", True)
        fb = th.font("body")
        if st.over:
            outcome = st.outcome or "fragile"
            T.draw(surface, outcome.capitalize(), fh, th.color(OUTCOME_COLOR.get(outcome, "text")), left.topleft,
                   max_width=left.width)
            text = f"{OUTCOME_WORDS.get(outcome, '')} After {played} of {sc.turns} turns."
        else:
            T.draw(surface, "So far", fh, th.color("text"), left.topleft, max_width=left.width)
            text = f"The game is still going: {played} of {sc.turns} turns played."
        y = left.y + fh.get_linesize()
        y += T.draw_block(surface, text, fb, th.color("text"), pygame.Rect(left.x, y, left.width, 3 * fb.get_linesize()))
        ser = self.series()
        n0, n1 = ser["trust"][0], ser["trust"][-1]
        facts = [f"Stability {ser['stability'][0]:.0f} → {ser['stability'][-1]:.0f} (secure needs "
                 f"{sc.params.secure_stability:.0f})",
                 f"Escalation ladder {ser['escalation'][-1]} ({LADDER[ser['escalation'][-1]]}), highest "
                 f"{max(ser['escalation'])}",
                 f"Regional trade {ser['trade'][0]:.0f} → {ser['trade'][-1]:.0f}",
                 f"Average trust {n0:.2f} → {n1:.2f}"]
        fs = th.font("body" if wide else "small")
        y += th.sp("gap")
        for line in facts:
            if y + fs.get_linesize() > left.bottom:
                break
            T.draw(surface, "· " + line, fs, th.color("muted"), (left.x, y), max_width=left.width)
            y += fs.get_linesize()
        fbh = th.font("heading", True)
        vs = self.vs_par
        stand = PAR.standings(s, self.history.states[-1], wait=self.final) if vs is not None else None
        dup = DUP.scores(s) if self.final else None
        title = ("Ranking by duplicate score" if dup is not None else "Ranking by standing" if stand is not None
                 else "National Interest ranking")
        T.draw(surface, title, fbh, th.color("text"), right.topleft, max_width=right.width)
        ty = right.y + fbh.get_linesize() + th.sp("gap")
        # what the ranking means, in a line, where the table keeps rows of the small font's height with it (at 200 %
        # nine nations need the room: their names would shrink to 7 pixels)
        explain = (right.bottom - ty - 2 * th.font("small").get_linesize()) // (sc.n + 1) >= th.font("small").get_linesize()
        if explain and dup is not None:   # what it means, in one line (docs/rules.md R9.6)
            ty += T.draw_block(surface, "duplicate: your score minus what the strategist would have scored in "
                               "your seat of this same game", th.font("small"), th.color("muted"),
                               pygame.Rect(right.x, ty, right.width, 2 * th.font("small").get_linesize()), max_lines=2)
        elif explain and stand is not None:   # R9.5, in one line
            ty += T.draw_block(surface, "standing: the field's mean vs par plus your lead over it times your "
                               "seat's factor", th.font("small"),
                               th.color("muted"),
                               pygame.Rect(right.x, ty, right.width, 2 * th.font("small").get_linesize()), max_lines=2)
        idx = {nd.id: k for k, nd in enumerate(sc.nations)}
        ni = national_interest(st)
        # teams are ranked by their duplicate score at the end (what their own choices did, R9.6), else by their
        # standing (their score vs par, each seat's lead over the field scaled: R9.5), never by raw NI
        key = dup if dup is not None else stand
        order = sorted(range(sc.n), key=lambda k: (-float(key[k]), k)) if key is not None else \
            [idx[nid] for nid, _ in ranking(st)]
        rows = []
        for rank, k in enumerate(order, 1):
            seat = "Human" if s.view.seats[k].human else "Computer"
            nums = ["-"] if self.hidden else [f"{ni[k]:.1f}"]            # ranks only on a hidden screen
            if vs is not None and stand is not None:
                nums += ["-", "-"] if self.hidden else [PAR.signed(vs[k]), PAR.signed(stand[k])]
            if dup is not None:
                nums.append("-" if self.hidden else PAR.signed(dup[k]))
            rows.append(((th.nation_color(sc, k), th.nation_shape(k)), [f"{rank}. {sc.nations[k].name}", seat, *nums],
                         s.view.seats[k].human))
        meters.draw_table(surface, th, pygame.Rect(right.x, ty, right.width, right.bottom - ty),
                          ["Nation", "Seat", "NI"] + (["vs par", "standing"] if stand is not None else [])
                          + (["duplicate"] if dup is not None else []), rows, first_width=0.42)
        if self.charts is not None:
            self.charts.draw(surface)

    @property
    def vs_par(self):
        """Scores vs par at this point of the game (the end waits for the par table; mid-game it may still come)."""
        return PAR.scores(self.session, self.history.states[-1], wait=self.final)

    def branch_lines(self) -> list[dict]:
        """This line and every line a rewind left behind: label, stability per turn, turns played, outcome."""
        s = self.session
        out = [{"label": "This line", "stability": self.series()["stability"], "turns": len(self.history.reports),
                "outcome": s.view.state.outcome, "from_turn": None}]
        for b in s.view.branches:
            states = b.get("history", {}).get("states", [])
            out.append({"label": b.get("label", "an earlier line"), "from_turn": b.get("from_turn"),
                        "stability": [float(st["values"]["stability"]) for st in states],
                        "turns": b.get("turns", max(0, len(states) - 1)), "outcome": b.get("outcome")})
        return out

    def _draw_lines(self, surface: pygame.Surface) -> None:
        """The class's lines compared: after a rewind, the earlier line is kept and shown against this one."""
        th = self.theme
        fs = th.font("small")
        lines = self.branch_lines()
        if len(lines) == 1:
            T.draw_block(surface, "Only one line so far. When the facilitator rewinds to an earlier turn (F9, Rewind), "
                         "the line left behind is kept in the save and compared with this one here.", th.font("body"),
                         th.color("muted"), self.body)
            return
        chart, table = layout.cut_top(self.body, int(self.body.height * 0.62), th.sp("pad"))
        names = [f"{k}. {ln['label']}" if k else ln["label"] for k, ln in enumerate(lines)]
        series = {name: ln["stability"] for name, ln in zip(names, lines)}
        st = ui_style(th)
        figures.lines_figure(surface, chart, "Regional stability along each line (start of every turn)", series, 0, 100, st,
                         {}, fs, True, th.font("body", True))
        rows = []
        for name, ln in zip(names, lines):
            word = ln["outcome"] or "still going"
            left = "" if ln["from_turn"] is None else f"left at turn {ln['from_turn']}"
            end = f"{ln['stability'][-1]:.0f}" if ln["stability"] else "-"
            rows.append((th.color("accent"), [name, left, str(ln["turns"]), word, end], ln["from_turn"] is None))
        meters.draw_table(surface, th, table, ["Line", "Rewound", "Turns", "Outcome", "Stability"], rows,
                          first_width=0.46)

    def _draw_charts(self, surface: pygame.Surface) -> None:
        if self.charts is not None:
            self.charts.draw(surface)

    def _draw_turning(self, surface: pygame.Surface) -> None:
        self._draw_list(surface, "No turn has moved stability, the ladder or trust yet.")

    def _draw_promises(self, surface: pygame.Surface) -> None:
        self._draw_list(surface, "No proposals were made in this game.")

    def _draw_discuss(self, surface: pygame.Surface) -> None:
        self._draw_list(surface, "No discussion prompts: play a turn first.")

    def _draw_list(self, surface: pygame.Surface, empty: str) -> None:
        th = self.theme
        if self.list is not None and self.list.rows:
            self.list.draw(surface)
        else:
            T.draw_block(surface, empty, th.font("body"), th.color("muted"), self.body)

    def _draw_burden(self, surface: pygame.Surface) -> None:
        th = self.theme
        orgs = self.burden()
        if not orgs:
            T.draw_block(surface, "This scenario has no organizations.", th.font("body"), th.color("muted"), self.body)
            return
        fsb = th.font("small", True)
        label_rect, body = layout.cut_bottom(self.body, fsb.get_linesize(), th.sp("gap"))
        gap = th.sp("pad")
        cols = max(1, min(len(orgs), body.width // th.px(300)))
        col_w = (body.width - gap * (cols - 1)) // cols
        # an organization too long for the screen continues in another block
        per_block = max(1, (body.height - org_block_height(th, 0)) // max(1, org_block_height(th, 1) - org_block_height(th, 0)))
        blocks = []
        for org in orgs:
            ms = org["members"]
            for k in range(0, max(1, len(ms)), per_block):
                part = dict(org, members=ms[k:k + per_block])
                if k:
                    part["name"] = f"{org['name']} (continued)"
                blocks.append(part)
        # each block goes into the least filled column it fits in; when none has room, onto a new page (Up/Down)
        pages: list[list[tuple[dict, pygame.Rect]]] = [[]]
        used = [0] * cols
        for org in blocks:
            h = min(org_block_height(th, len(org["members"])), body.height)
            fits = [c for c in range(cols) if used[c] == 0 or used[c] + h <= body.height]
            if not fits:
                pages.append([])
                used = [0] * cols
                fits = list(range(cols))
            c = min(fits, key=lambda c: used[c])
            pages[-1].append((org, pygame.Rect(body.x + c * (col_w + gap), body.y + used[c], col_w, h)))
            used[c] += h + gap
        self.org_page = min(self.org_page, len(pages) - 1)
        for org, r in pages[self.org_page]:
            draw_org(surface, th, r, org, self.session.scenario)
        if len(pages) > 1:
            T.draw(surface, f"Page {self.org_page + 1} of {len(pages)} (Up/Down)", fsb, th.color("accent"),
                   label_rect.topright, "right")

    def _draw_trust(self, surface: pygame.Surface) -> None:
        st = self.session.view.state
        start, end = analysis.trust_matrix(self.history, 1), analysis.trust_matrix(self.history)
        label = "End of the game" if st.over else "Now"
        if not trust_pair_fits(self.theme, self.body, self.session.scenario.n):
            # too small for the heat maps' numbers: one nation's row at a time, in numbers (Up/Down: the next)
            draw_trust_row(surface, self.theme, self.body, self.session.scenario, start, end, label, self.trust_row)
            return
        draw_trust_pair(surface, self.theme, self.body, self.session.scenario, start, end, label, self.cache,
                        ("trust", len(self.history.states)))

    def _draw_whatif(self, surface: pygame.Surface) -> None:
        th = self.theme
        fb, fs = th.font("body", True), th.font("body")
        if self.from_turn is None:
            T.draw_block(surface, "Nothing is left to play in this game.", fs, th.color("muted"), self.body)
            return
        T.draw(surface, f"From the start of turn {self.from_turn}", fb, th.color("text"),
               (self.wi_label.x, self.wi_label.centery - fb.get_linesize() // 2), max_width=self.wi_label.width)
        body = self.wi_body
        run = self.running
        if run is not None and run.result.from_turn == self.from_turn:
            bar = pygame.Rect(body.x, body.y + th.px(8), min(body.width, th.px(480)), th.px(18))
            pygame.draw.rect(surface, th.color("panel_alt"), bar, border_radius=th.px(4))
            fill = bar.copy()
            fill.width = int(bar.width * run.progress)
            pygame.draw.rect(surface, th.color("accent"), fill, border_radius=th.px(4))
            T.draw(surface, f"Computer nations are playing the game on: {run.result.done} of {run.result.runs} games",
                   fs, th.color("muted"), (body.x, bar.bottom + th.px(6)), max_width=body.width)
            return
        wi = self.whatifs.get(self.from_turn)
        if wi is None:
            T.draw_block(surface, "Press R to play the game on from this turn with computer nations in every seat.", fs,
                         th.color("muted"), body)
            return
        s = self.session
        rates = wi.rates()
        mine = s.view.state.outcome if s.view.state.over else None
        words = " · ".join(f"{o} {100 * v:.0f}%" for o, v in rates.items())
        line = (f"{wi.done} computer games from turn {wi.from_turn}: {words}." +
                (f" This game ended {mine}." if mine else " This game is still going."))
        wide = body.width >= th.px(700)
        if not wide:      # a big UI scale: one line of numbers, the chart gets the room
            line = f"{words}" + (f" (this game: {mine})" if mine else " (this game is still going)")
        used = T.draw_block(surface, line, fs, th.color("text"), pygame.Rect(body.x, body.y, body.width, 2 * fs.get_linesize()))
        rest = pygame.Rect(body.x, body.y + used + th.sp("gap"), body.width, body.height - used - th.sp("gap"))
        left, right = layout.columns(rest, [2.4, 1], th.sp("pad")) if wide else (rest, None)
        style = ui_style(th)
        ser = self.series()
        bands = wi.bands()
        key = ("fan", wi.from_turn, len(self.history.states), th.scale, th.colorblind)
        title = "Stability: this game against the computer games" if wide else ""
        self.cache.blit(surface, left, key, lambda sf, r: figures.fan_figure(
            sf, r, title, bands, ser["stability"], wi.done, style, rgb(th.color("accent")), th.font("small"),
            th.font("body", True), rgb(th.color("warn"))))
        if right is not None:
            self.cache.blit(surface, right, ("rates",) + key[1:], lambda sf, r: figures.outcome_figure(
                sf, r, "Outcomes of the computer games", rates, style, th.font("small"), th.font("body", True)))

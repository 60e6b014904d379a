"""LedgerScene, the why-ledger explorer: pick any value and see every cause of its change this turn and over the game."""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

import pygame

from game.app.session import GameSession
from game.runner import analysis
from game.sim.contract import TurnLedger
from game.sim.defs import STOCKS
from game.sim.ledger import Cause

from .. import addup, layout, story
from .. import text as T
from ..describe import cause_text, fmt, value_label
from ..scene import Scene
from ..widgets.causelist import CauseList, CauseRow
from ..widgets.listview import ListView, Row

if TYPE_CHECKING:
    from ..app import App

# (field, kind): region | threat | nation | pair | org
FIELDS = (("stability", "region"), ("escalation", "region"), ("threat", "threat"),
          *((s, "nation") for s in STOCKS), ("militarization", "nation"),
          ("trust", "pair"), ("tension", "pair"), ("trade", "pair"), ("interop", "pair"), ("hotline", "pair"),
          ("intel", "pair"), ("agreement", "pair"), ("infra", "pair"), ("cohesion", "org"))
KIND = dict(FIELDS)
LABELS = {"escalation": "Escalation ladder", "threat": "Threat level", "interop": "Interoperability",
          "intel": "Intelligence shared", "agreement": "Trade agreement", "infra": "Joint infrastructure",
          "hotline": "Hotline", "cohesion": "Organization cohesion"}
HELP = {"region": "one value for the whole region", "threat": "pick the threat", "nation": "pick the nation",
        "pair": "pick who (from) and toward whom", "org": "pick the organization"}
WORSE_UP = {"threat", "escalation", "tension"}
COLUMNS = ("field", "who", "toward")


def label(field: str) -> str:
    return LABELS.get(field, field.capitalize())


class LedgerScene(Scene):
    name = "ledger"
    KEYS = (("Up/Down", "choose"), ("Left/Right", "column"), ("PgUp/PgDn", "turn"), ("T", "by turn or by cause"), ("Esc", "back"))

    def __init__(self, app: App, session: GameSession, turn: int | None = None, field: str | None = None, index: Any = None) -> None:
        super().__init__(app)
        self.session = session
        sc = session.scenario
        # while the facilitator hides private information, a nation's own stocks are not explored on the shared screen
        hidden = session.hide_private and not session.view.over
        self.fields = [f for f, kind in FIELDS if not (kind == "threat" and not sc.threats) and not (kind == "org" and not sc.orgs)
                       and not (hidden and kind == "nation")]
        self.field = field if field in self.fields else "stability"
        self.a, self.b = 0, 1 if sc.n > 1 else 0
        if index is not None and index != ():
            if isinstance(index, (tuple, list)):
                self.a, self.b = int(index[0]), int(index[1])
            else:
                self.a = int(index)
        self._fix_pair()
        reports = session.view.reports
        last = int(reports[-1]["turn"]) if reports else None
        self.turn: int | None = turn if (turn is not None and last is not None and 1 <= turn <= last) else last
        self.focus = "field"
        self.by_turn = False           # over the game: per cause (False) or turn by turn (True)
        self._filtered: dict[str, list[TurnLedger]] = {}
        self.lists: dict[str, ListView] = {}
        self.this: CauseList | None = None
        self.game: CauseList | None = None

    # -- what is selected ---------------------------------------------------------------------------
    @property
    def kind(self) -> str:
        return KIND[self.field]

    def _fix_pair(self) -> None:
        n = self.session.scenario.n
        limit = {"threat": len(self.session.scenario.threats), "org": len(self.session.scenario.orgs)}.get(KIND[self.field], n)
        self.a = max(0, min(self.a, max(0, limit - 1)))
        self.b = max(0, min(self.b, n - 1))
        if self.kind == "pair" and self.a == self.b and n > 1:
            self.b = (self.a + 1) % n

    @property
    def index(self) -> Any:
        return {"region": (), "pair": (self.a, self.b)}.get(self.kind, self.a)

    def value_at(self, state) -> float:
        v = state.v[self.field]
        return float(v) if self.kind == "region" else float(v[self.index])

    def title(self) -> str:
        sc = self.session.scenario
        if self.kind == "region":
            return "Regional stability" if self.field == "stability" else "Escalation ladder"
        if self.kind == "pair":
            return value_label(sc, self.field, self.index)
        if self.kind == "threat":
            return f"Threat: {sc.threats[self.a].name}"
        if self.kind == "org":
            return f"Cohesion of {sc.orgs[self.a].name}"
        return f"{sc.nations[self.a].name}: {self.field}"

    def rows(self) -> list[dict]:
        """Every cause of the value's change in every turn (analysis.causes on this field's ledger rows only)."""
        f = self.field
        if f not in self._filtered:
            self._filtered[f] = [{"turn": r["turn"], "ledger": [row for row in r["ledger"] if row[0] == f]}
                                 for r in self.session.view.reports]
        return analysis.causes(self._filtered[f], self.session.scenario, f, self.index)

    # -- changing it ----------------------------------------------------------------------------------
    def select(self, column: str, key: Any) -> None:
        if column == "field":
            self.field = key
        elif column == "who":
            self.a = key
        else:
            self.b = key
        self._fix_pair()
        self.rebuild()

    def shift_turn(self, by: int) -> None:
        """The turn before (-1) or after (+1) the one shown."""
        if self.turn is not None:
            self.set_turn(self.turn + by)

    def set_turn(self, turn: int) -> None:
        reports = self.session.view.reports
        if not reports:
            return
        self.turn = max(1, min(reports[-1]["turn"], turn))
        self.rebuild()

    def toggle_view(self) -> None:
        self.by_turn = not self.by_turn
        self.rebuild()

    def options(self, column: str) -> list[tuple[Any, str]]:
        """(key, name) of every choice in a column of the picker."""
        sc = self.session.scenario
        if column == "field":
            return [(f, label(f)) for f in self.fields]
        if column == "toward":
            return [(k, nd.name) for k, nd in enumerate(sc.nations) if k != self.a]
        if self.kind == "threat":
            return [(k, t.name) for k, t in enumerate(sc.threats)]
        if self.kind == "org":
            return [(k, o.name) for k, o in enumerate(sc.orgs)]
        return [(k, nd.name) for k, nd in enumerate(sc.nations)]

    def current(self, column: str) -> Any:
        return {"field": self.field, "who": self.a, "toward": self.b}[column]

    def step(self, column: str, delta: int) -> None:
        """The previous/next choice in a column (Up/Down, or the < > buttons)."""
        keys = [k for k, _ in self.options(column)]
        if not keys:
            return
        cur = self.current(column)
        k = keys.index(cur) if cur in keys else 0
        self.focus = column
        self.select(column, keys[max(0, min(len(keys) - 1, k + delta))])

    def columns(self) -> list[str]:
        return {"region": ["field"], "pair": ["field", "who", "toward"]}.get(self.kind, ["field", "who"])

    # -- layout ---------------------------------------------------------------------------------------
    def build(self) -> None:
        th = self.theme
        t = self.turn
        has = t is not None
        self.bar_reserved = self.bar_buttons([
            ("Earlier (PgUp)", partial(self.shift_turn, -1), {"enabled": t is not None and t > 1}),
            ("Later (PgDn)", partial(self.shift_turn, 1), {"enabled": t is not None and t < self.session.view.played}),
            ("By turn (T)" if not self.by_turn else "By cause (T)", self.toggle_view, {"enabled": has}),
            ("Back (Esc)", self.on_back, {"style": "primary"}),
        ])
        scr = self.screen
        pad, gap = th.sp("pad"), th.sp("gap")
        body = layout.inset(pygame.Rect(0, th.sp("bar"), scr.width, scr.height - th.sp("bar")), pad)
        fs = th.font("small")
        self.help_rect, body = layout.cut_bottom(body, fs.get_linesize(), gap)
        # a big UI scale on a small window: the picker becomes one row of < choice > buttons, the causes get the width
        self.compact = scr.width < th.px(1000) or scr.height < th.px(600)
        self.lists = {}
        if self.compact:
            row, self.right = layout.cut_top(body, th.sp("button_h"), pad)
            self._build_spinners(row)
            if self.focus not in self.columns():
                self.focus = "field"
            self._layout_right()
            return
        pick, self.right = layout.cut_left(body, int(body.width * 0.42), pad)
        self.field_rect, self.who_rect = layout.columns(pick, [1.15, 1], pad)
        sc = self.session.scenario
        fb = th.font("body", True)
        head = fb.get_linesize() + gap
        self.lists = {"field": ListView(th, layout.cut_top(self.field_rect, head)[1],
                                        [Row(f, label(f)) for f in self.fields], self.field, 0)}
        kind = self.kind
        self.toward_rect = None
        who_rect = self.who_rect
        if kind == "pair":
            who_rect, self.toward_rect = layout.rows(self.who_rect, [1, 1], pad)
        self.who_rects = {"who": who_rect, "toward": self.toward_rect}
        nations = [Row(k, nd.name, swatch=th.nation_color(sc, k)) for k, nd in enumerate(sc.nations)]
        if kind in ("nation", "pair"):
            self.lists["who"] = ListView(th, layout.cut_top(who_rect, head)[1], nations, self.a, 0)
        elif kind == "threat":
            self.lists["who"] = ListView(th, layout.cut_top(who_rect, head)[1],
                                         [Row(k, t.name) for k, t in enumerate(sc.threats)], self.a, 0)
        elif kind == "org":
            self.lists["who"] = ListView(th, layout.cut_top(who_rect, head)[1],
                                         [Row(k, o.name, swatch=th.org_color(k)) for k, o in enumerate(sc.orgs)], self.a, 0)
        if self.toward_rect is not None:
            self.lists["toward"] = ListView(th, layout.cut_top(self.toward_rect, head)[1],
                                            [r for r in nations if r.key != self.a], self.b, 0)
        if self.focus not in self.lists:
            self.focus = "field"
        for lv in self.lists.values():
            if lv.selected is not None:
                keys = [r.key for r in lv.rows]
                if lv.selected in keys:
                    lv.ensure_visible(keys.index(lv.selected))
        self._layout_right()

    def _build_spinners(self, row: pygame.Rect) -> None:
        th = self.theme
        gap = th.sp("gap")
        cols = self.columns()
        parts = layout.columns(row, [1] * len(cols), th.sp("pad"))
        titles = {"field": "", "who": {"pair": "From: ", "threat": "", "org": ""}.get(self.kind, ""), "toward": "Toward: "}
        for column, r in zip(cols, parts):
            w = th.font("body", True).size("<")[0] + th.px(26)
            left, rest = layout.cut_left(r, w, gap)
            right, mid = layout.cut_right(rest, w, gap)
            names = dict(self.options(column))
            name = names.get(self.current(column), "")
            self.button(left, "<", partial(self.step, column, -1), tooltip="Previous (Up)")
            self.button(mid, self.fit(mid.width, titles[column] + name, name, bold=self.focus == column),
                        partial(self._focus, column), style="selected" if self.focus == column else None)
            self.button(right, ">", partial(self.step, column, 1), tooltip="Next (Down)")

    def _focus(self, column: str) -> None:
        self.focus = column
        self.rebuild()

    def _layout_right(self) -> None:
        th = self.theme
        pad, gap = th.sp("pad"), th.sp("gap")
        fh, fb, fs = th.font("heading", True), th.font("body", True), th.font("small")
        lines = T.block_height(self.numbers_line(), fs, self.right.width) if self.turn is not None else 2 * fs.get_linesize()
        self.head_rect, rest = layout.cut_top(self.right, fh.get_linesize() + min(lines, 2 * fs.get_linesize()) + gap, gap)
        if self.compact:
            self.this_panel, self.game_panel = layout.columns(rest, [1, 1], pad)
        else:
            self.this_panel, self.game_panel = layout.rows(rest, [1, 1.25], pad)
        self.this = self.game = None
        if self.turn is None:
            return
        rows = self.rows()
        f = self.field
        tone = lambda d: "accent" if f == "militarization" else ("good" if (d > 0) != (f in WORSE_UP) else "bad")  # noqa: E731
        this = [r for r in rows if r["turn"] == self.turn]
        step = addup.step_of(f)
        # one row per cause, rounded so the rows add up to the sum printed under them
        this_sum, game_sum = math.fsum(r["delta"] for r in this), math.fsum(r["delta"] for r in rows)
        shown = addup.shown_causes(analysis.totals_by_cause(this), step, this_sum)
        biggest = max([abs(d) for _, d in shown] + [1e-12])
        inner = lambda r: layout.cut_bottom(layout.cut_top(layout.inset(r, pad, gap), fb.get_linesize(), gap)[1],  # noqa: E731
                                            fs.get_linesize(), gap)[1]
        self.this = CauseList(th, inner(self.this_panel), self._with_parts(self.turn, shown, step, biggest, tone), max_lines=4,
                              empty="Nothing changed it this turn.")
        if self.by_turn:
            per: dict[int, list[dict]] = defaultdict(list)
            for r in rows:
                per[r["turn"]].append(r)
            turns = sorted(per)
            nets = dict(zip(turns, addup.add_up([math.fsum(r["delta"] for r in per[t]) for t in turns], step, game_sum)))
            big = max([abs(v) for v in nets.values()] + [1e-12])
            game_rows = []
            for t in sorted(per):
                top = sorted(per[t], key=lambda r: -abs(r["delta"]))
                words = "; ".join(f"{r['cause']} {fmt(f, r['delta'], True)}" for r in top[:3])
                more = f"; and {len(top) - 3} more" if len(top) > 3 else ""
                game_rows.append(CauseRow(addup.signed(nets[t], step), f"Turn {t}: {words}{more}", abs(nets[t]) / big,
                                          tone(nets[t]), key=t, bold=t == self.turn))
        else:
            totals = addup.shown_causes(analysis.totals_by_cause(rows), step, game_sum)
            big = max([abs(d) for _, d in totals] + [1e-12])
            kinds = {r["cause"]: r.get("kind") for r in rows}
            game_rows = []
            for c, d in totals:
                game_rows.append(CauseRow(addup.signed(d, step), c, abs(d) / big, tone(d)))
                if kinds.get(c) not in (None, "action", "event", "obligation"):    # a model cause: its turns
                    turns_of = sorted(((r["turn"], r["delta"]) for r in rows if r["cause"] == c), key=lambda td: -abs(td[1]))
                    if len(turns_of) > 1:
                        most = ", ".join(f"turn {t} {addup.signed(v, step)}" for t, v in turns_of[:3])
                        game_rows.append(CauseRow("", f"most in {most} (T: turn by turn)", detail=True))
        self.game = CauseList(th, inner(self.game_panel), game_rows, max_lines=4,
                              empty="Nothing has changed it in this game.")
        self.sums = (this_sum, game_sum)
        self.precision = step

    def _with_parts(self, turn: int, shown: list[tuple[str, float]], step: float, biggest: float,
                    tone: Callable[[float], str]) -> list[CauseRow]:
        """This turn's causes, each model cause followed by its parts (the nations and numbers behind it)."""
        report = self.session.view.report(turn)
        state = self.session.view.state_after(turn)
        causes: dict[str, Cause] = {}
        for cause, _ in story.causes_of(report, self.field, self.index):
            causes.setdefault(cause_text(self.session.scenario, cause), cause)
        out = []
        for c, d in shown:
            out.append(CauseRow(addup.signed(d, step), c, abs(d) / biggest, tone(d)))
            model = causes.get(c)
            if model is not None:
                out += [CauseRow("", part, detail=True)
                        for part in story.parts(self.session.scenario, report, state, self.field, self.index, model)]
        return out

    # -- input ------------------------------------------------------------------------------------------
    def on_confirm(self) -> bool:
        return False

    def handle_event(self, e: pygame.event.Event) -> bool:
        for column, lv in self.lists.items():
            row = lv.handle_event(e)
            if row is not None:
                self.focus = column
                self.select(column, row.key)
                return True
        for cl in (self.this, self.game):
            if cl is not None:
                line = cl.handle_event(e)
                if line is not None and line.key is not None:
                    self.set_turn(int(line.key))
                    return True
        if e.type in (pygame.MOUSEWHEEL, pygame.MOUSEMOTION):
            self.app.invalidate()
        if e.type == pygame.KEYDOWN:
            cols = self.columns()
            if e.key in (pygame.K_UP, pygame.K_DOWN):
                self.step(self.focus, -1 if e.key == pygame.K_UP else 1)
                return True
            if e.key in (pygame.K_LEFT, pygame.K_RIGHT):
                k = cols.index(self.focus) if self.focus in cols else 0
                back = e.key == pygame.K_LEFT
                self._focus(cols[(k + (-1 if back else 1)) % len(cols)])
                return True
            if self.turn is not None and e.key in (pygame.K_PAGEUP, pygame.K_COMMA):
                self.set_turn(self.turn - 1)
                return True
            if self.turn is not None and e.key in (pygame.K_PAGEDOWN, pygame.K_PERIOD):
                self.set_turn(self.turn + 1)
                return True
            if e.key == pygame.K_t and self.turn is not None:
                self.toggle_view()
                return True
        return super().handle_event(e)

    # -- drawing --------------------------------------------------------------------------------------
    def _column(self, surface, rect, title, column) -> None:
        th = self.theme
        fb = th.font("body", True)
        col = th.color("accent") if self.focus == column else th.color("muted")
        T.draw(surface, title, fb, col, rect.topleft, max_width=rect.width)
        lv = self.lists.get(column)
        if lv is not None:
            lv.draw(surface)
            if self.focus == column:
                pygame.draw.rect(surface, th.color("accent"), lv.rect.inflate(th.px(4), th.px(4)), width=th.px(2),
                                 border_radius=th.sp("radius"))

    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        s = self.session
        surface.fill(th.color("bg"))
        sub = f"turn {self.turn} of {s.scenario.turns}" if self.turn else "no turn resolved yet"
        self.top_bar(surface, "Why-ledger", sub, self.bar_reserved)
        if not self.compact:
            self._draw_picker(surface)
        self._draw_value(surface)

    def _draw_picker(self, surface: pygame.Surface) -> None:
        th = self.theme
        fb, fs = th.font("body", True), th.font("small")
        self._column(surface, self.field_rect, "Value", "field")
        if self.kind == "region":
            T.draw_block(surface, f"{label(self.field)}: {HELP['region']}.", fs, th.color("muted"),
                         layout.inset(self.who_rect, 0, fb.get_linesize()))
        else:
            who_title = {"pair": "From", "threat": "Threat", "org": "Organization"}.get(self.kind, "Nation")
            self._column(surface, self.who_rects["who"], who_title, "who")
            if self.kind == "pair":
                self._column(surface, self.who_rects["toward"], "Toward", "toward")

    def numbers_line(self) -> str:
        hist, f, t = self.session.view.history, self.field, self.turn
        if t is None:
            return ""
        return (f"Start of the game {fmt(f, self.value_at(hist.states[0]))} · start of turn {t} "
                f"{fmt(f, self.value_at(hist.states[t - 1]))} · end of turn {t} {fmt(f, self.value_at(hist.states[t]))} · "
                f"now {fmt(f, self.value_at(hist.current))}")

    def _draw_value(self, surface: pygame.Surface) -> None:
        """The value's name, its numbers (start, this turn, now) and the two lists of causes."""
        th = self.theme
        hist = self.session.view.history
        fs, fh = th.font("small"), th.font("heading", True)
        r = self.head_rect
        T.draw(surface, self.title(), fh, th.color("text"), r.topleft, max_width=r.width)
        f = self.field
        start, now = self.value_at(hist.states[0]), self.value_at(hist.current)
        y = r.y + fh.get_linesize()
        if self.turn is None:
            T.draw_block(surface, f"Now {fmt(f, now)}. No turn has been resolved yet, so nothing has changed it.", fs,
                         th.color("muted"), pygame.Rect(r.x, y, r.width, r.bottom - y))
            return
        before, after = self.value_at(hist.states[self.turn - 1]), self.value_at(hist.states[self.turn])
        T.draw_block(surface, self.numbers_line(), fs, th.color("muted"), pygame.Rect(r.x, y, r.width, r.bottom - y),
                     max_lines=2)
        this_sum, game_sum = self.sums
        q = self.precision
        shown = lambda v: addup.signed(round(v / q) * q, q)  # noqa: E731
        self._panel(surface, self.this_panel,
                    f"Turn {self.turn}: {fmt(f, before)} → {fmt(f, after)} ({shown(after - before)})",
                    self.this, f"Sum of the causes {shown(this_sum)} "
                               f"= the change of turn {self.turn}")
        what = "turn by turn: click a turn to show it" if self.by_turn else "by cause, biggest first"
        self._panel(surface, self.game_panel, f"Over the game: {fmt(f, start)} → {fmt(f, now)} ({shown(now - start)})",
                    self.game, f"Sum {shown(game_sum)} "
                               f"= the change since the start · {what}")

    def _panel(self, surface, rect, title, cl: CauseList | None, foot: str) -> None:
        th = self.theme
        inner = self.panel(surface, rect)
        fb, fs = th.font("body", True), th.font("small")
        T.draw(surface, title, fb, th.color("text"), inner.topleft, max_width=inner.width)
        if cl is not None:
            cl.draw(surface)
        y = rect.bottom - th.sp("gap") - fs.get_linesize()
        if fs.size(foot)[0] > inner.width and " · " in foot:
            foot = foot.split(" · ")[0]         # the sum says it all; the view's name is on its button
        T.draw(surface, foot, fs, th.color("muted"), (inner.x, y), max_width=inner.width)

"""ScenarioPicker: the shipped scenarios or any typed/pasted path; shows name, briefing, nations, turns - or located errors."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.content.loader import SCENARIOS, load_scenario, scenario_files
from game.content.yamlsafe import ContentError
from game.sim.defs import Scenario

from .. import layout
from .. import text as T
from ..scene import Scene
from ..widgets.listview import ListView, Row

if TYPE_CHECKING:
    from ..app import App


@dataclass
class Entry:
    path: Path
    scenario: Scenario | None
    problems: list[str] | None


def try_load(path: Path) -> Entry:
    try:
        return Entry(path, load_scenario(path), None)
    except ContentError as exc:
        return Entry(path, None, [str(p) for p in exc.problems] or [str(exc)])


def resolve_name(text: str) -> Path:
    """A typed path, or the name of a shipped scenario ('meridian')."""
    p = Path(text).expanduser()
    if not p.exists() and (SCENARIOS / f"{text}.yaml").exists():
        return SCENARIOS / f"{text}.yaml"
    return p


class ScenarioPicker(Scene):
    name = "picker"
    KEYS = (("Up/Down", "choose a scenario"), ("Enter", "next: seats"), ("Esc", "back"))

    def __init__(self, app: App, seed: int = 1, preselect: str | None = None, go_on: bool = False,
                 host: bool = False) -> None:
        super().__init__(app)
        self.host = host                # on to a hosted class game's seats (the menu's "Host a class game")
        self.seed = seed
        self.go_on = go_on              # straight on to the seats when the preselected scenario loads (main.py play X)
        self.entries = [try_load(p) for p in scenario_files()]
        self.current: Entry | None = self.entries[0] if self.entries else None
        self.typed = ""
        self.list: ListView | None = None
        if preselect:
            self.open_path(resolve_name(preselect), rebuild=False)

    @property
    def loaded(self) -> Scenario | None:
        return self.current.scenario if self.current else None

    def enter(self) -> None:
        super().enter()
        if self.go_on and self.loaded is not None:
            self.go_on = False
            self.app.later(self.next)

    # -- actions -------------------------------------------------------------------------------
    def select(self, path: Path) -> None:
        self.current = next((e for e in self.entries if e.path == path), self.current)
        self.rebuild()

    def open_path(self, path: Path, rebuild: bool = True) -> None:
        path = Path(path)
        entry = try_load(path)
        self.entries = [e for e in self.entries if e.path != path] + [entry]
        self.current = entry
        if rebuild:
            self.rebuild()

    def open_typed(self) -> None:
        text = self.path_entry.get_text().strip() if self.path_entry else self.typed
        self.typed = text
        if text:
            self.open_path(resolve_name(text))

    def next(self) -> None:
        if self.current and self.current.scenario is not None:
            self.app.open("setup", self.current.path, self.current.scenario, self.seed, host=self.host)

    def on_confirm(self) -> bool:
        self.next()
        return True

    # -- layout -------------------------------------------------------------------------------
    def rows(self) -> list[Row]:
        out = []
        for e in self.entries:
            if e.scenario is not None:
                sc = e.scenario
                out.append(Row(e.path, sc.name, f"{e.path.name} · {sc.n} nations · {sc.turns} turns"))
            else:
                n = len(e.problems or [])
                out.append(Row(e.path, e.path.name, f"{n} error{'s' if n != 1 else ''}: cannot be played", tone="bad",
                               detail_tone="bad"))
        return out

    def build(self) -> None:
        th = self.theme
        ok = self.current is not None and self.current.scenario is not None
        self.bar_reserved = self.bar_buttons([
            ("Back (Esc)", self.on_back, {}),
            ("Next: seats (Enter)", self.next, {"style": "primary", "enabled": ok}),
        ])
        scr = self.screen
        pad, gap = th.sp("pad"), th.sp("gap")
        body = layout.inset(pygame.Rect(0, th.sp("bar"), scr.width, scr.height - th.sp("bar")), pad)
        left, right = layout.columns(body, [1, 1.5], pad)
        bh = th.sp("button_h")
        fb = th.font("body", True)
        open_h = fb.get_linesize() + bh + gap
        self.open_rect, list_panel = layout.cut_bottom(left, open_h, pad)
        self.list_panel = list_panel
        inner = self.panel_inner(list_panel)
        self.list = ListView(th, inner, self.rows(), self.current.path if self.current else None, max_detail_lines=2)
        row_y = self.open_rect.y + fb.get_linesize() + gap
        bw = th.font("body").size("Open")[0] + th.px(36)
        self.path_entry = self.entry(pygame.Rect(self.open_rect.x, row_y, self.open_rect.width - bw - gap, bh), self.typed,
                                     placeholder="path/to/scenario.yaml")
        self.button(pygame.Rect(self.open_rect.right - bw, row_y, bw, bh), "Open", self.open_typed)
        self.textbox(right, self.details_html())

    def panel_inner(self, rect: pygame.Rect) -> pygame.Rect:
        th = self.theme
        title_h = th.font("heading", True).get_linesize() + th.sp("gap") // 2
        inner = layout.inset(rect, th.sp("pad"), th.sp("pad") // 2 + 1)
        return pygame.Rect(inner.x, inner.y + title_h, inner.width, inner.height - title_h)

    def details_html(self) -> str:
        th = self.theme
        e = self.current
        h = f"<font pixel_size='{th.size('heading')}'><b>"
        if e is None:
            return "No scenario files found."
        if e.scenario is None:
            bad = T.hexcolor(th.color("bad"))
            lines = "<br>".join(T.esc(p) for p in e.problems or [])
            return (f"{h}{T.esc(e.path.name)} has errors</b></font><br>"
                    f"Fix these in the file, then open it again (or run: python main.py validate {T.esc(e.path)}).<br><br>"
                    f"<font color='{bad}'>{lines}</font>")
        sc = e.scenario
        parts = [f"{h}{T.esc(sc.name)}</b></font><br>",
                 f"{sc.turns} turns (half-years) · {sc.n} nations · {len(sc.orgs)} organizations · {T.esc(e.path.name)}<br><br>"]
        if sc.briefing:
            parts.append(T.esc(sc.briefing.strip()).replace("\n\n", "<br><br>").replace("\n", " ") + "<br><br>")
        parts.append("<b>Nations</b><br>")
        for k, nd in enumerate(sc.nations):
            col = T.hexcolor(th.nation_color(sc, k))
            orgs = [o.name for o in sc.orgs if k in o.members]
            parts.append(f"<font color='{col}'><b>{T.esc(nd.name)}</b></font>: security {nd.stocks[0]:.0f}, economy {nd.stocks[1]:.0f}, "
                         f"militarization {nd.militarization:.0f}" + (f"; in {T.esc(', '.join(orgs))}" if orgs else "") + "<br>")
        if sc.orgs:
            parts.append("<br><b>Organizations</b><br>")
            for o in sc.orgs:
                members = ", ".join(sc.nations[m].name for m in o.members)
                parts.append(f"{T.esc(o.name)} ({o.kind.replace('_', ' ')}): {T.esc(members)}<br>")
        return "".join(parts)

    # -- events -------------------------------------------------------------------------------
    def handle_event(self, e: pygame.event.Event) -> bool:
        if e.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and e.ui_element is self.path_entry:
            self.open_typed()
            return True
        if self.list is not None:
            row = self.list.handle_event(e)
            if row is not None:
                self.select(row.key)
                return True
            if e.type in (pygame.MOUSEWHEEL, pygame.MOUSEMOTION):
                self.app.invalidate()
            row = self.list.arrow(e)
            if row is not None:
                self.select(row.key)
                return True
        return super().handle_event(e)

    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        surface.fill(th.color("bg"))
        self.top_bar(surface, "Host a class game" if self.host else "New game", "choose a scenario", self.bar_reserved)
        self.panel(surface, self.list_panel, "Scenarios")
        if self.list is not None:
            self.list.draw(surface)
        f = th.font("body", True)
        T.draw(surface, "Or open any scenario file:", f, th.color("text"), self.open_rect.topleft, max_width=self.open_rect.width)

"""LoadScene: every save in the data dir (autosaves first); a damaged one says why and offers the previous autosave."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import pygame

from game.app.session import GameSession
from game.content import saves

from .. import flow, layout
from .. import text as T
from ..scene import ButtonSpec, Scene
from ..widgets.listview import ListView, Row

if TYPE_CHECKING:
    from ..app import App


def local_time(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


class LoadScene(Scene):
    name = "load"
    KEYS = (("Up/Down", "choose a save"), ("Enter", "load"), ("Esc", "back"))

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.infos = saves.list_saves()
        self.selected = self.infos[0].path if self.infos else None
        self.error: str | None = None
        self.fallback: saves.Path | None = None
        self.list: ListView | None = None

    def rows(self) -> list[Row]:
        out = []
        for i in self.infos:
            title = {"autosave": "Autosave", "previous autosave": "Previous autosave"}.get(i.kind, i.name)
            if i.error:
                out.append(Row(i.path, f"{title} ({i.path.name})", i.error, tone="bad", detail_tone="bad"))
            else:
                state = "finished" if i.over else f"turn {i.turn}"
                detail = f"{i.scenario} · {state} · saved {local_time(i.saved_at)}"
                out.append(Row(i.path, title, detail))
        return out

    def load(self, path=None) -> None:
        path = path or self.selected
        if path is None:
            return
        try:
            session = GameSession.load(path)
        except saves.SaveError as exc:
            self.error = str(exc)
            prev = saves.previous_autosave_path()
            self.fallback = prev if path.name == saves.AUTOSAVE and prev.exists() else None
            self.rebuild()
            return
        flow.open_loaded(self.app, session)          # through the PIN prompt for a PIN-protected class's game

    def on_confirm(self) -> bool:
        self.load()
        return True

    def build(self) -> None:
        th = self.theme
        specs: list[ButtonSpec] = [("Back (Esc)", self.on_back, {})]
        if self.fallback is not None:
            specs.append(("Load the previous autosave", lambda: self.load(self.fallback), {"style": "primary"}))
        specs.append(("Load (Enter)", self.load, {"style": "primary", "enabled": self.selected is not None}))
        self.bar_reserved = self.bar_buttons(specs)
        scr = self.screen
        pad = th.sp("pad")
        body = layout.inset(pygame.Rect(0, th.sp("bar"), scr.width, scr.height - th.sp("bar")), pad)
        msg_h = 3 * th.font("body").get_linesize() if self.error else 0
        self.msg_rect, rest = layout.cut_bottom(body, msg_h, pad if msg_h else 0)
        self.panel_rect = rest
        self.list = ListView(th, layout.inset(rest, pad), self.rows(), self.selected, max_detail_lines=2)

    def handle_event(self, e: pygame.event.Event) -> bool:
        if self.list is not None:
            row = self.list.handle_event(e)
            if row is not None:
                if row.key == self.selected:
                    self.load(row.key)
                else:
                    self.selected = self.list.selected = row.key
                    self.error = None
                    self.fallback = None
                    self.rebuild()
                return True
            if e.type in (pygame.MOUSEWHEEL, pygame.MOUSEMOTION):
                self.app.invalidate()
            row = self.list.arrow(e)
            if row is not None:
                self.selected = row.key
                return True
        return super().handle_event(e)

    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        surface.fill(th.color("bg"))
        self.top_bar(surface, "Load a game", f"{len(self.infos)} saves in {saves.saves_dir()}", self.bar_reserved)
        self.panel(surface, self.panel_rect)
        if self.list is not None:
            if self.infos:
                self.list.draw(surface)
            else:
                T.draw_block(surface, "No saves yet. A game is saved automatically after every turn.", th.font("body"),
                             th.color("muted"), layout.inset(self.panel_rect, th.sp("pad")))
        if self.error:
            T.draw_block(surface, self.error, th.font("body"), th.color("bad"), self.msg_rect)

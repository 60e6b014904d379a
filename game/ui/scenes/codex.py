"""CodexScene: every concept of the source the game makes playable - what it is, where it comes from, how it works
in the game, a discussion prompt - opened at a concept, or at an action card or event (listing its concepts)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame
from pygame_gui.elements import UITextBox

from game.content.loader import codex

from .. import layout
from .. import text as T
from ..scene import Scene
from ..widgets.listview import ListView, Row

if TYPE_CHECKING:
    from ..app import App


def _cards(app) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(id, name, 'action'|'event', concepts) of the game being played, or of the base catalog outside a game."""
    sc = next((s.session.scenario for s in reversed(app.scenes) if getattr(s, "session", None) is not None), None)
    if sc is not None:
        return ([(a.id, a.name, "action", tuple(a.concepts)) for a in sc.actions]
                + [(e.id, e.name, "event", tuple(e.concepts)) for e in sc.events])
    from game.content.loader import load_catalog
    from game.content.yamlsafe import ContentError

    try:
        cat = load_catalog()
    except (ContentError, OSError):
        return []
    return ([(a.id, a.name, "action", tuple(a.concepts or ())) for a in cat.actions]
            + [(e.id, e.name, "event", tuple(e.concepts or ())) for e in cat.events])


class CodexScene(Scene):
    """concept_id: a codex id ('joint_exercises'), or 'action:<id>' / 'event:<id>' (or a bare card id) to list that
    card's concepts first, marked; None or an unknown id: the whole codex."""
    name = "codex"
    KEYS = (("Up/Down", "choose"), ("A-Z", "jump to a title"), ("PgUp/PgDn", "scroll the text"), ("Esc", "back"))

    def __init__(self, app: App, concept_id: str | None = None) -> None:
        super().__init__(app)
        self.entries = [c for c in codex() if isinstance(c, dict) and "id" in c]
        self.by_id: dict[str, dict[str, Any]] = {c["id"]: c for c in self.entries}
        self.cards = _cards(app)
        self.card: tuple[str, str, str, tuple[str, ...]] | None = None   # opened at an action card or event
        self.missing: str | None = None
        kind, _, card_id = (concept_id or "").partition(":")
        if card_id and kind in ("action", "event"):        # "action:joint_exercise": that card and all its concepts
            self.card = next((c for c in self.cards if c[0] == card_id and c[2] == kind), None)
            concept_id = None if self.card else concept_id
            self.missing = None if self.card else concept_id
        elif concept_id and concept_id not in self.by_id:   # a bare card id works too, when no concept has that id
            self.card = next((c for c in self.cards if c[0] == concept_id), None)
            if self.card is None:
                self.missing = concept_id
        first = [c for c in (self.card[3] if self.card else ()) if c in self.by_id]
        self.order: list[str] = first + [c["id"] for c in self.entries if c["id"] not in first]
        self.selected = concept_id if concept_id in self.by_id else (self.order[0] if self.order else None)
        self.list: ListView | None = None
        self.box: UITextBox | None = None

    def enter(self) -> None:
        # F1 inside the codex opens the codex again: replace the one below instead of stacking them
        below = self.app.scenes[-2] if len(self.app.scenes) > 1 else None
        if isinstance(below, CodexScene) and self.app.scenes[-1] is self:
            self.app.scenes.remove(below)
            below.exit()
        super().enter()

    def codex_concept(self) -> str | None:
        return self.selected

    # -- choosing -------------------------------------------------------------------------------------
    def choose(self, cid: Any) -> None:
        if cid in self.by_id and cid != self.selected:
            self.selected = cid
            self.rebuild()

    def handle_event(self, e: pygame.event.Event) -> bool:
        if self.list is not None:
            row = self.list.handle_event(e)
            if row is not None:
                self.choose(row.key)
                return True
            if e.type in (pygame.MOUSEWHEEL, pygame.MOUSEMOTION):
                self.app.invalidate()
        if e.type == pygame.KEYDOWN:
            row = self.list.arrow(e) if self.list is not None else None
            if row is not None:
                self.choose(row.key)
                return True
            if e.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
                self.page(-1 if e.key == pygame.K_PAGEUP else 1)
                return True
            ch = (getattr(e, "unicode", "") or "").lower()
            if len(ch) == 1 and ch.isalpha():
                self.jump(ch)
                return True
        return super().handle_event(e)

    def page(self, direction: int) -> None:
        """Scroll the entry's text by most of a screen (when it is longer than its box)."""
        sb = getattr(self.box, "scroll_bar", None)
        if sb is not None:
            sb.set_scroll_from_start_percentage(sb.start_percentage + direction * sb.visible_percentage * 0.9)
            self.app.invalidate()

    def jump(self, letter: str) -> None:
        """The next entry whose title starts with the letter (like a file list)."""
        ids = self.order
        k = ids.index(self.selected) if self.selected in ids else -1
        for step in range(1, len(ids) + 1):
            cid = ids[(k + step) % len(ids)]
            if self.by_id[cid].get("title", cid).lower().startswith(letter):
                self.choose(cid)
                if self.list is not None:
                    self.list.selected = cid
                return

    # -- layout ---------------------------------------------------------------------------------------
    def rows(self) -> list[Row]:
        mine = set(self.card[3]) if self.card else set()
        return [Row(cid, self.by_id[cid].get("title", cid), self.by_id[cid].get("source_section", ""), marked=cid in mine)
                for cid in self.order]

    def build(self) -> None:
        th = self.theme
        self.bar_reserved = self.bar_buttons([("Back (Esc)", self.on_back, {"style": "primary"})])
        scr = self.screen
        pad = th.sp("pad")
        body = layout.inset(pygame.Rect(0, th.sp("bar"), scr.width, scr.height - th.sp("bar")), pad)
        fs = th.font("small")
        self.help_rect, body = layout.cut_bottom(body, fs.get_linesize(), th.sp("gap"))
        left, right = layout.cut_left(body, max(th.px(220), int(body.width * 0.34)), pad)
        self.note_rect = None
        if self.card or self.missing:
            self.note_rect, left = layout.cut_top(left, T.block_height(self.note(), fs, left.width), th.sp("gap"))
        self.list = ListView(th, left, self.rows(), self.selected, max_detail_lines=3)   # wrapped, not cut
        if self.selected in self.order:
            self.list.ensure_visible(self.order.index(self.selected))
        self.box = self.textbox(right, self.entry_html())

    def entry_html(self) -> str:
        th = self.theme
        c = self.by_id.get(self.selected or "")
        if c is None:
            return "The codex is empty (game/data/scenarios/base/codex.yaml)."
        muted, accent = T.hexcolor(th.color("muted")), T.hexcolor(th.color("accent"))
        h = f"<font pixel_size='{th.size('heading')}'><b>"
        he = "</b></font><br>"
        out = [f"<font pixel_size='{th.size('title')}'><b>{T.esc(c.get('title', c['id']))}</b></font><br>",
               f"<font color='{muted}'>From the source: <i>{T.esc(c.get('source_section', ''))}</i></font><br><br>",
               T.esc(c.get("text", "")), "<br><br>", f"{h}How it works in the game{he}", T.esc(c.get("in_game", "")), "<br><br>"]
        if c.get("prompt"):
            out += [f"{h}To discuss{he}", f"<font color='{accent}'>{T.esc(c['prompt'])}</font><br><br>"]
        actions = [name for _id, name, kind, cs in self.cards if kind == "action" and c["id"] in cs]
        events = [name for _id, name, kind, cs in self.cards if kind == "event" and c["id"] in cs]
        if actions:
            out += [f"{h}Action cards{he}", T.esc(", ".join(actions)), "<br><br>"]
        if events:
            out += [f"{h}Events{he}", T.esc(", ".join(events)), "<br>"]
        return "".join(out)

    def note(self) -> str:
        if self.card:
            kind = "card" if self.card[2] == "action" else "event"
            n = len(self.card[3])
            if not n:
                return f"The {kind} {self.card[1]} is not tied to a codex concept."
            return f"The {kind} {self.card[1]} brings in {n} concept{'s' if n != 1 else ''}: marked, at the top."
        return f"No codex entry '{self.missing}'; here is the whole codex."

    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        surface.fill(th.color("bg"))
        sub = f"{len(self.entries)} concepts of military diplomacy and regional cooperation"
        self.top_bar(surface, "Codex", sub, self.bar_reserved)
        fs = th.font("small")
        if self.note_rect is not None:
            T.draw_block(surface, self.note(), fs, th.color("accent"), self.note_rect)
        if self.list is not None:
            self.list.draw(surface)

"""The console's Own event tab: an event written on the spot (title, news, effects as `key: value` lines, what it
strikes, whether it is an attack), checked by the scenario's own validators and queued for the next resolution."""
from __future__ import annotations

from functools import partial

import pygame
import pygame_gui

from game.app.injections import custom_event_data
from game.content.yamlsafe import ContentError
from game.sim.effects import REGISTRY

from ... import layout
from ... import text as T
from ...widgets.eventform import TEMPLATES, effect_lines, friendly, primitives_html
from .base import Console, block
from .events import NEED, EventTab


class CustomTab(EventTab):
    key, long, short = "custom", "Own event", "Write"

    def __init__(self, console: Console) -> None:
        super().__init__(console)
        self.name = ""
        self.text = ""
        self.target = "nation"
        self.attack = False
        self.effects = TEMPLATES["stock"]
        self.problems: list[str] = []      # why the last check refused it, in the console's words
        self.labels: list[tuple[str, int]] = []
        self.effects_head = pygame.Rect(0, 0, 0, 0)

    def kind(self) -> str:
        return self.target

    def errors(self) -> list[str]:
        return self.problems

    def keep_typed(self) -> None:
        typed = {key: el.get_text() for key, el in self.entries.items() if el.alive()}
        self.name = typed.get("name", self.name)
        self.text = typed.get("text", self.text)
        self.effects = typed.get("effects", self.effects)

    # -- layout -----------------------------------------------------------------------------------------
    def build(self, content: pygame.Rect) -> None:
        super().build(content)
        c = self.console
        th = self.theme
        gap, pad = th.sp("gap"), th.sp("pad")
        f = th.font("body")
        left, right = layout.columns(content, [1.2, 1], pad)
        label_w = max(f.size(t)[0] for t in ("Title", "News")) + th.px(12)
        bh = self.bh
        y = left.y
        self.labels = []
        for key, lab, value, ph in (("name", "Title", self.name, "e.g. Port strike"),
                                    ("text", "News", self.text, "What the news says")):
            self.labels.append((lab, y))
            self.entries[key] = c.entry(pygame.Rect(left.x + label_w, y, left.width - label_w, bh), value, ph)
            y += bh + gap
        self.effects_head = pygame.Rect(left.x, y, left.width, th.font("small").get_linesize())
        y += self.effects_head.height + th.px(2)
        tmpl_r, box_r = layout.cut_bottom(pygame.Rect(left.x, y, left.width, left.bottom - y), bh, gap)
        lh = th.font("body").get_linesize()
        if box_r.height > 14 * lh:               # room to spare: a reference of the primitives below the effects
            box_r, help_r = layout.cut_top(box_r, 6 * lh, gap)
            c.textbox(help_r, primitives_html())
        self.entries["effects"] = c.keep(pygame_gui.elements.UITextEntryBox(box_r, self.effects, c.manager))
        self.row(tmpl_r, [(f"+ {k}", partial(self.add_template, k), {"tooltip": REGISTRY[k].doc}) for k in TEMPLATES])
        self.build_side(right, [
            ("A nation", lambda: self.set_target("nation"), {"style": "selected" if self.target == "nation" else None}, "Nation"),
            ("A pair", lambda: self.set_target("pair"), {"style": "selected" if self.target == "pair" else None}, "Pair"),
            ("The region", lambda: self.set_target("region"), {"style": "selected" if self.target == "region" else None},
             "Region")], [
            ("Check and queue it", self.queue, {"style": "primary", "enabled": not self.session.view.over},
             "Check, queue", "Queue"),
            ("Attack: yes" if self.attack else "Attack: no", self.toggle_attack,
             {"style": "selected" if self.attack else None,
              "tooltip": "An attack: the victim's collective-defence allies are expected to respond next turn"},
             "Attack" if self.attack else "No attack")])

    # -- actions --------------------------------------------------------------------------------------------
    def set_target(self, kind: str) -> None:
        self.target = kind
        del self.targets[NEED.get(kind, 0):]
        self.console.rebuild()

    def toggle_attack(self) -> None:
        self.attack = not self.attack
        self.console.rebuild()

    def add_template(self, kind: str) -> None:
        c = self.console
        c.clear()            # keep the typed text first (the widgets go; what they held stays here)
        sc = self.session.scenario
        line = TEMPLATES[kind].format(threat=sc.threats[0].id if sc.threats else "piracy")
        cur = self.effects.rstrip()
        self.effects = f"{cur}\n{line}" if cur else line
        c.build()

    def data(self) -> dict:
        """The event as the validators take it, from what is typed now."""
        self.keep_typed()
        return custom_event_data(self.target, effect_lines(self.effects), self.name, self.text, self.attack)

    def queue(self) -> None:
        try:
            inj = self.session.inject_custom(self.data(), tuple(self.targets))
        except ContentError as exc:
            self.problems = [friendly(p) for p in exc.problems]
            self.console.quiet()
            return
        except ValueError as exc:
            self.problems = [str(exc)]
            self.console.quiet()
            return
        self.problems = []
        self.targets = []
        self.console.say(f"Queued: {inj.describe(self.session.scenario)} strikes first in the next resolution.")

    # -- drawing --------------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        f, fs = th.font("body"), th.font("small")
        for text, y in self.labels:
            T.draw(surface, text, f, th.color("text"), (self.content.x, y + (self.bh - f.get_linesize()) // 2))
        head = self.effects_head
        label = next((t for t in ("Effects, one per line as key: value, … (the + buttons add examples)",
                                  "Effects, one per line (key: value, …)", "Effects") if fs.size(t)[0] <= head.width),
                     "Effects")
        T.draw(surface, label, fs, th.color("muted"), head.topleft, max_width=head.width)
        self.draw_side(surface)
        if self.problems:
            r = self.side_rest
            block(surface, "Not valid - " + "\n".join(self.problems), fs, th.color("bad"),
                  pygame.Rect(r.x, r.y, r.width, self.console.msg_rect.bottom - r.y))

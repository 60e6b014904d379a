"""The Scene base class (one per screen): lifecycle, event/update/draw, and helpers that create pygame_gui widgets."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UILabel, UITextBox, UITextEntryLine

from . import layout
from . import text as T
from .focus import Focus, draw_ring

if TYPE_CHECKING:
    from pygame_gui import UIManager

    from .app import App
    from .theme import Font, Theme

# a button of a row or bar: (label, action), then optionally the button's keywords (style, enabled, tooltip, oid)
# and shorter labels for a narrow row
ButtonSpec = tuple[Any, ...]


class Scene:
    """A screen. The App calls enter/exit/cover/reveal, then per frame handle_event, update(dt), draw(surface).

    Widgets are built in `build()` from the current window size and theme, and killed in `clear()`; a covered
    scene keeps no widgets, and a resize or a new UI scale simply rebuilds. `draw` never changes state.
    """
    name = "scene"
    opaque = True          # False: the scene below is drawn first (an overlay such as the pause menu)
    # this screen's own keys, (key, what it does): shown in its footer and listed in docs/playing.md (a test checks
    # both against the handlers). Tab/Shift-Tab, arrows, Enter/Space on the focused control and F1/F11 come with
    # every screen (GLOBAL_KEYS).
    KEYS: tuple[tuple[str, str], ...] = (("Esc", "back"),)
    GLOBAL_KEYS: tuple[tuple[str, str], ...] = (("Tab/Shift-Tab", "move the focus"), ("Space", "press it"),
                                                ("F1", "codex"), ("F11", "full screen"))
    # what the App asks of a screen
    pause_blocks = False   # the facilitator's pause takes this screen's input and covers it with the pause card ...
    private_view = False   # ... entirely (a team's plan shows nothing through it)
    turn_screen = False    # where the turn goes on when the planning clock runs out (flow.timer_ran_out)
    facilitator = False    # the console or its PIN prompt: F9 closes it

    @property
    def stops_clock(self) -> bool:
        """The planning clock stands still while this screen is anywhere in the stack."""
        return False

    def __init__(self, app: App) -> None:
        self.app = app
        self.ui: list[Any] = []
        self.kfocus = Focus()
        self.presses: dict[int, Callable[[], Any]] = {}
        self.primary_button: Any = None        # the primary button: focused until the player moves the focus

    # -- shortcuts ------------------------------------------------------------------------------
    @property
    def theme(self) -> Theme:
        return self.app.theme

    @property
    def manager(self) -> UIManager:
        return self.app.manager

    @property
    def screen(self) -> pygame.Rect:
        """The window less the key footer at the bottom: what a screen lays itself out in."""
        w, h = self.app.size
        return pygame.Rect(0, 0, w, h - self.footer_height())

    # -- the key footer -----------------------------------------------------------------------------
    def footer_keys(self) -> list[tuple[str, str]]:
        """The screen's keys, then the keys of every screen that this one does not give a meaning of its own."""
        own = {k for k, _ in self.KEYS}
        return list(self.KEYS) + [(k, w) for k, w in self.GLOBAL_KEYS if k not in own]

    def footer_text(self) -> str:
        return "  ·  ".join(f"{k}: {what}" for k, what in self.footer_keys())

    def footer_font(self) -> Font:
        """The key footer's font: the small size, grown at most 1.5 times on a projector (it is for the person at
        the keyboard; the screen's own text takes the room)."""
        th = self.theme
        return th.font(min(th.size("small"), int(th.sizes["small"] * 1.5)))

    def footer_lines(self) -> list[str]:
        th = self.theme
        return T.wrap(self.footer_text(), self.footer_font(), self.app.size[0] - 2 * th.sp("pad"))[:3]

    def footer_height(self) -> int:
        f = self.footer_font()
        return len(self.footer_lines()) * f.get_linesize() + self.theme.sp("gap")

    def draw_footer(self, surface: pygame.Surface) -> None:
        th = self.theme
        w, h = self.app.size
        r = pygame.Rect(0, h - self.footer_height(), w, self.footer_height())
        pygame.draw.rect(surface, th.color("bg"), r)
        pygame.draw.line(surface, th.color("border"), r.topleft, r.topright, 1)
        f = self.footer_font()
        y = r.y + th.sp("gap") // 2
        for line in self.footer_lines():
            T.draw(surface, line, f, th.color("muted"), (r.centerx, y), "center", max_width=w - 2 * th.sp("pad"))
            y += f.get_linesize()

    # -- keyboard focus -----------------------------------------------------------------------------
    def focused(self) -> Any:
        return self.kfocus.current(self.ui, self.primary_button)

    def move_focus(self, step: int) -> bool:
        el = self.kfocus.step(self.ui, step, self.primary_button)
        self._focus_changed(el)
        return el is not None

    def _focus_changed(self, el: Any) -> None:
        if isinstance(el, UITextEntryLine):
            self.manager.set_focus_set(el)         # a text field takes the typing at once
        elif self.app.typing():
            self.manager.set_focus_set(None)
        self.app.invalidate()

    def activate(self, el: Any) -> bool:
        """Press the focused control as a click would."""
        if el is None or not el.alive() or not el.is_enabled:
            return False
        if isinstance(el, UITextEntryLine):
            self.manager.set_focus_set(el)
            return True
        action = self.presses.get(id(el))
        if action is None:
            return False
        self.app.later(action)
        return True

    def draw_focus(self, surface: pygame.Surface) -> None:
        el = self.focused()
        if el is not None:
            draw_ring(surface, self.theme, el)

    # -- lifecycle ------------------------------------------------------------------------------
    def enter(self) -> None:
        self.build()

    def exit(self) -> None:
        self.clear()

    def cover(self) -> None:
        self.clear()

    def reveal(self) -> None:
        self.build()

    def rebuild(self) -> None:
        self.clear()
        self.build()

    def build(self) -> None:
        """Create this screen's widgets for the current size and theme."""

    def clear(self) -> None:
        for el in self.ui:
            el.kill()
        self.ui = []
        self.presses = {}
        self.primary_button = None

    # -- per frame ------------------------------------------------------------------------------
    def handle_event(self, e: pygame.event.Event) -> bool:
        """Default keys: Esc goes back; Enter does the screen's own Enter action (the one its button labels say,
        on_confirm) and, on a screen without one, presses the focused control (the primary one until the player
        moves the focus); Space presses the focused control; arrows move the focus. Subclasses handle their own
        keys first, then call this."""
        if e.type == pygame.KEYDOWN:
            if e.key == pygame.K_ESCAPE:
                return self.on_back()
            if e.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                if type(self).on_confirm is not Scene.on_confirm and self.on_confirm():
                    return True
                return self.activate(self.focused())
            if e.key == pygame.K_SPACE:      # only a control the player chose: a stray Space never ends a turn
                return self.kfocus.moved and self.activate(self.focused())
            arrows = {pygame.K_UP: (0, -1), pygame.K_DOWN: (0, 1), pygame.K_LEFT: (-1, 0), pygame.K_RIGHT: (1, 0)}
            if e.key in arrows:
                el = self.kfocus.toward(self.ui, *arrows[e.key], default=self.primary_button,
                                        wrap=not self.app.key_held)
                self._focus_changed(el)
                return el is not None
        return False

    def update(self, dt: float) -> bool:
        """Advance animations; return True if the screen needs a redraw."""
        return False

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.theme.color("bg"))

    def draw_overlay(self, surface: pygame.Surface) -> None:
        """Drawn above the widgets (tooltips)."""

    def on_back(self) -> bool:
        if len(self.app.scenes) > 1:
            self.app.pop()
            return True
        return False

    def on_confirm(self) -> bool:
        return False

    def codex_concept(self) -> str | None:
        """The concept F1 should open the codex at, if this screen shows one."""
        return None

    # -- widget helpers ---------------------------------------------------------------------------
    def keep(self, el):
        self.ui.append(el)
        return el

    def _oid(self, style: str | None, oid: str | None = None) -> ObjectID | None:
        if style is None and oid is None:
            return None
        return ObjectID(object_id=f"#{oid}" if oid else None, class_id=f"@{style}" if style else None)

    def button(self, rect: pygame.Rect, label: str, action: Callable[[], Any], *, tooltip: str | None = None,
               style: str | None = None, enabled: bool = True, oid: str | None = None) -> UIButton:
        b = UIButton(pygame.Rect(rect), label, self.manager, tool_tip_text=tooltip, object_id=self._oid(style, oid),
                     command=lambda: self.app.later(action))
        if not enabled:
            b.disable()
        self.presses[id(b)] = action
        if style == "primary" and self.primary_button is None:
            self.primary_button = b
        return self.keep(b)

    def label(self, rect: pygame.Rect, label: str, style: str | None = None) -> UILabel:
        return self.keep(UILabel(pygame.Rect(rect), label, self.manager, object_id=self._oid(style)))

    def textbox(self, rect: pygame.Rect, html: str, oid: str | None = None) -> UITextBox:
        return self.keep(UITextBox(html, pygame.Rect(rect), self.manager, object_id=self._oid(None, oid)))

    def entry(self, rect: pygame.Rect, value: str = "", placeholder: str | None = None) -> UITextEntryLine:
        el = UITextEntryLine(pygame.Rect(rect), self.manager, placeholder_text=placeholder)
        if value:
            el.set_text(value)
        return self.keep(el)

    def button_row(self, rect: pygame.Rect, specs: Sequence[ButtonSpec], align: str = "right") -> list[UIButton]:
        """Buttons of equal width along a bar; specs are (label, action, kwargs)."""
        gap = self.theme.sp("gap")
        w = min(self.theme.sp("button_w") * 3 // 2, (rect.width - gap * (len(specs) - 1)) // max(1, len(specs)))
        total = w * len(specs) + gap * (len(specs) - 1)
        x = rect.right - total if align == "right" else rect.x if align == "left" else rect.centerx - total // 2
        out = []
        for k, spec in enumerate(specs):
            label, action = spec[0], spec[1]
            kw = spec[2] if len(spec) > 2 else {}
            out.append(self.button(pygame.Rect(x + k * (w + gap), rect.y, w, rect.height), label, action, **kw))
        return out

    def fit(self, width: int, *labels: str, bold: bool = False) -> str:
        """The first label that fits a button of this width (the last one cut with … otherwise)."""
        f = self.theme.font("body", bold)
        room = width - self.theme.px(24)
        for lab in labels:
            if f.size(lab)[0] <= room:
                return lab
        return T.ellipsize(labels[-1], f, room)

    def bar_buttons(self, specs: Sequence[ButtonSpec], bold_first: bool = False) -> int:
        """Buttons sized to their labels at the right of the top bar; returns the width they take."""
        th = self.theme
        bar_h = th.sp("bar")
        h = min(th.sp("button_h"), bar_h - th.px(8))
        gap = th.sp("gap")
        x = self.screen.width - th.sp("pad")
        used = 0
        for spec in reversed(specs):
            label, action = spec[0], spec[1]
            kw = spec[2] if len(spec) > 2 else {}
            bold = kw.get("style") in ("primary", "selected")
            w = th.font("body", bold).size(label)[0] + th.px(30)
            x -= w
            self.button(pygame.Rect(x, (bar_h - h) // 2, w, h), label, action, **kw)
            x -= gap
            used += w + gap
        return used + th.sp("pad")

    # -- drawing helpers -------------------------------------------------------------------------
    def panel(self, surface: pygame.Surface, rect: pygame.Rect, title: str | None = None, color: str = "panel") -> pygame.Rect:
        """A panel background with an optional title; returns the content rect below the title."""
        th = self.theme
        pygame.draw.rect(surface, th.color(color), rect, border_radius=th.sp("radius"))
        pygame.draw.rect(surface, th.color("border"), rect, width=th.sp("border"), border_radius=th.sp("radius"))
        inner = layout.inset(rect, th.sp("pad"), th.sp("pad") // 2 + 1)
        if title:
            f = th.font("heading", True)
            T.draw(surface, title, f, th.color("text"), inner.topleft, max_width=inner.width)
            _, inner = layout.cut_top(inner, f.get_linesize(), th.sp("gap") // 2)
        return inner

    def top_bar(self, surface: pygame.Surface, title: str, subtitle: str | None = None, right_reserved: int = 0) -> pygame.Rect:
        th = self.theme
        bar = pygame.Rect(0, 0, self.screen.width, th.sp("bar"))
        pygame.draw.rect(surface, th.color("panel"), bar)
        pygame.draw.line(surface, th.color("border"), bar.bottomleft, bar.bottomright, th.sp("border"))
        f = th.font("heading", True)
        room = bar.width - right_reserved - 2 * th.sp("pad")
        r = T.draw(surface, title, f, th.color("text"), (th.sp("pad"), bar.centery - f.get_linesize() // 2), max_width=room)
        if subtitle:
            fs = th.font("body")
            left = room - r.width - th.sp("pad")
            if fs.size(subtitle)[0] <= left:            # the whole subtitle or none: a cut one says nothing
                T.draw(surface, subtitle, fs, th.color("muted"), (r.right + th.sp("pad"), bar.centery - fs.get_linesize() // 2),
                       max_width=left)
        return bar

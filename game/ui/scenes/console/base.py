"""What every tab of the facilitator console shares: the Tab base class (build, process_event, update, draw) and the
Console scene it lives in (the session, the message line, pause and the button rows the tabs lay out)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import pygame
from pygame_gui.elements import UITextEntryBox, UITextEntryLine

from game.app.session import GameSession

from ... import flow
from ... import text as T
from ...scene import ButtonSpec, Scene
from ...widgets.listview import ListView

if TYPE_CHECKING:
    from ...app import App
    from ...theme import Font, Theme

Entry = UITextEntryLine | UITextEntryBox


def block(surface: pygame.Surface, text: str, font: Font, color: pygame.Color, rect: pygame.Rect, **kw: Any) -> int:
    """Wrapped text inside rect, or nothing when not even one line fits (a large UI scale leaves no room)."""
    if rect.height < font.get_linesize():
        return 0
    return T.draw_block(surface, text, font, color, rect, **kw)


class Console(Scene):
    """The console scene as its tabs see it (game/ui/scenes/facilitator.py builds on it): the session, the message
    under the tabs, the exact-values peek, and the actions more than one tab offers."""

    def __init__(self, app: App, session: GameSession) -> None:
        super().__init__(app)
        self.session = session
        self.peek = False                     # exact values on this console although hidden (until it closes)
        self.message: tuple[str, str] | None = None
        self.msg_rect = pygame.Rect(0, 0, 0, 0)
        self.bh = 0                           # the height of a button row (set by build)

    @property
    def exact(self) -> bool:
        """Exact private values may be drawn on this console now."""
        return not self.session.hide_private or self.peek

    def say(self, text: str, tone: str = "good") -> None:
        self.message = (text, tone)
        self.rebuild()

    def quiet(self) -> None:
        """Forget the last message and lay the tab out again (a choice that needs no words)."""
        self.message = None
        self.rebuild()

    def restack(self) -> None:
        """After a rewind or a seat switch: the game screens below start again from the board (a planning or pass
        screen of the old turn must not stay under the console)."""
        flow.open_session(self.app, self.session)
        self.app.push(self)

    def toggle_pause(self) -> None:
        s = self.session
        if s.paused:
            s.resume()
            self.say("Resumed: the clock runs again when the game shows.")
        else:
            s.pause()
            self.say("Paused: the shared screen says so and the teams cannot go on until you resume.", "warn")

    def row(self, rect: pygame.Rect, specs: Sequence[ButtonSpec]) -> None:
        """Buttons sized to their labels from the left of rect (shrunk evenly if they do not fit)."""
        th = self.theme
        gap = th.sp("gap")
        widths = []
        for spec in specs:
            bold = (spec[2] if len(spec) > 2 else {}).get("style") in ("primary", "selected")
            widths.append(th.font("body", bold).size(spec[0])[0] + th.px(28))
        total = sum(widths) + gap * (len(specs) - 1)
        if total > rect.width:
            each = (rect.width - gap * (len(specs) - 1)) // max(1, len(specs))
            widths = [each] * len(specs)
        x = rect.x
        for spec, w in zip(specs, widths):
            kw = spec[2] if len(spec) > 2 else {}
            label = self.fit(w, spec[0], *(spec[3:] if len(spec) > 3 else ()))
            self.button(pygame.Rect(x, rect.y, w, rect.height), label, spec[1], **kw)
            x += w + gap


class Tab:
    """One tab of the console. It keeps its own state (what is chosen, what was typed) for as long as the console is
    open; `build` makes its widgets inside `content` each time the console is laid out, `draw` draws the rest."""
    key: ClassVar[str]            # the name tests and the tab buttons use (#tab_<key>)
    long: ClassVar[str]           # the tab button's label, and a shorter one when the labels do not all fit
    short: ClassVar[str]

    def __init__(self, console: Console) -> None:
        self.console = console
        self.content = pygame.Rect(0, 0, 0, 0)
        self.entries: dict[str, Entry] = {}   # its text fields, by name (what was typed is read back from them)
        self.lists: dict[str, ListView] = {}  # its lists; a click on a row goes to pick(list name, row key)

    # -- what a tab reads -------------------------------------------------------------------------------
    @property
    def session(self) -> GameSession:
        return self.console.session

    @property
    def theme(self) -> Theme:
        return self.console.theme

    @property
    def bh(self) -> int:
        return self.console.bh

    # -- the tab's life -------------------------------------------------------------------------------
    def selected(self) -> None:
        """The facilitator chose this tab (again): drop half-finished confirmations."""

    def build(self, content: pygame.Rect) -> None:
        """Make the tab's widgets inside `content` (the console has killed the previous ones)."""
        self.content = content
        self.entries = {}
        self.lists = {}

    def keep_typed(self) -> None:
        """The widgets are about to go (a rebuild, another screen on top, closing): keep what was typed."""

    def process_event(self, e: pygame.event.Event) -> bool:
        """An event the widgets did not take; True when the tab used it. Clicks on a list's row go to pick."""
        for name, lv in self.lists.items():
            row = lv.handle_event(e)
            if row is not None:
                self.pick(name, row.key)
                return True
            if e.type == pygame.MOUSEWHEEL:
                self.console.app.invalidate()
        return False

    def pick(self, list_name: str, key: Any) -> None:
        """A row of one of the tab's lists was chosen."""

    def update(self, dt: float) -> bool:
        """Advance anything animated; True when the tab needs a redraw."""
        return False

    def draw(self, surface: pygame.Surface) -> None:
        """Draw what is not a widget (the console has drawn its bar and draws the message line)."""

    # -- helpers ------------------------------------------------------------------------------------------
    def row(self, rect: pygame.Rect, specs: Sequence[ButtonSpec]) -> None:
        self.console.row(rect, specs)

    def button(self, rect: pygame.Rect, label: str, action: Callable[[], Any], **kw: Any) -> Any:
        return self.console.button(rect, label, action, **kw)

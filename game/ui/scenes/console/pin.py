"""The console's PIN tab: set or remove the facilitator's PIN (F9 and every save of this game ask for it)."""
from __future__ import annotations

import pygame
import pygame_gui

from .base import Console, Tab, block


class PinTab(Tab):
    key, long, short = "pin", "PIN", "PIN"

    def __init__(self, console: Console) -> None:
        super().__init__(console)
        self.message: tuple[str, str] | None = None     # what became of the last try (shown in the tab)
        self.msg_rect = pygame.Rect(0, 0, 0, 0)

    def build(self, content: pygame.Rect) -> None:
        super().build(content)
        th = self.theme
        pad = th.sp("pad")
        rect = content
        y = rect.y + 3 * th.font("body").get_linesize() + pad
        el = self.console.entry(pygame.Rect(rect.x, y, min(rect.width, th.px(260)), self.bh), "", "new PIN (4 or more)")
        el.set_text_hidden(True)
        self.entries["pin"] = el
        y += self.bh + pad
        self.row(pygame.Rect(rect.x, y, rect.width, self.bh), [
            ("Set PIN", self.set_pin, {"style": "primary"}),
            ("Remove PIN", self.remove_pin, {"enabled": self.session.has_pin})])
        y += self.bh + pad
        self.msg_rect = pygame.Rect(rect.x, y, rect.width, rect.bottom - y)

    def process_event(self, e: pygame.event.Event) -> bool:
        if e.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and e.ui_element is self.entries.get("pin"):
            self.set_pin()
            return True
        return super().process_event(e)

    # -- actions --------------------------------------------------------------------------------------
    def set_pin(self) -> None:
        el = self.entries.get("pin")
        pin = el.get_text() if el is not None else ""
        try:
            self.session.set_pin(pin)
        except ValueError as exc:
            self.message = (str(exc), "bad")
        else:
            self.message = ("PIN set: F9 asks for it from now on (also after loading this game).", "good")
        self.console.rebuild()

    def remove_pin(self) -> None:
        self.session.set_pin(None)
        self.message = ("PIN removed: anyone who presses F9 opens this console.", "warn")
        self.console.rebuild()

    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        f = th.font("body")
        rect = self.content
        text = ("A PIN protects this console: F9 or Ctrl+F ask for it." if self.session.has_pin else
                "No PIN: anyone who presses F9 or Ctrl+F opens this console. Set one to keep students out.")
        block(surface, text + " Every save of this game asks for it too.", f, th.color("text"),
              pygame.Rect(rect.x, rect.y, rect.width, 3 * f.get_linesize()))
        if self.message:
            block(surface, self.message[0], th.font("small"), th.color(self.message[1]), self.msg_rect)

"""Driving the UI with real pygame events (for tests and scripted demos): keys, clicks on widgets, finding buttons."""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pygame
from pygame_gui.elements import UIButton

from .theme import TEXT_LOGS


def post_key(key: int, unicode: str = "", mod: int = 0) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=unicode, scancode=0))


def post_click(pos: tuple[int, int], button: int = 1) -> None:
    pos = (int(pos[0]), int(pos[1]))
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button))


def press(app, key: int, frames: int = 3, unicode: str = "") -> None:
    post_key(key, unicode)
    app.run_frames(frames)


def click(app, target, frames: int = 3) -> None:
    """Click the centre of a Rect (or a point), then run a few frames so callbacks and scene changes happen."""
    pos = target.center if isinstance(target, pygame.Rect) else target
    post_click(pos)
    app.run_frames(frames)


def buttons(app) -> list[UIButton]:
    return [el for el in (app.top.ui if app.top else []) if isinstance(el, UIButton) and el.alive()]


def find_button(app, text: str) -> UIButton:
    """The top scene's button whose label starts with `text` (AssertionError listing the labels otherwise)."""
    found = [b for b in buttons(app) if b.text.startswith(text)]
    assert found, f"no button '{text}' on {type(app.top).__name__}: {[b.text for b in buttons(app)]}"
    return found[0]


def click_button(app, text: str, frames: int = 3) -> None:
    b = find_button(app, text)
    assert b.is_enabled, f"button '{b.text}' is disabled"
    click(app, b.rect, frames)


def type_text(app, entry, text: str, frames: int = 2) -> None:
    """Replace a text entry's content by typing into it (click to focus, select all, then text input events)."""
    click(app, entry.rect, 1)
    entry.set_text("")
    for ch in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    app.run_frames(frames)


# -- what a screen shows, in words (privacy tests) ------------------------------------------------------
@contextmanager
def drawn_text() -> Iterator[list[str]]:
    """Collect every string drawn with a theme font (hand-drawn text: tables, maps, tooltips) while inside."""
    log: list[str] = []
    TEXT_LOGS.append(log)
    try:
        yield log
    finally:
        TEXT_LOGS.remove(log)


def gui_text(app) -> list[str]:
    """The words every live pygame_gui widget holds: button and label texts, tooltips, text boxes, entries."""
    out = []
    for el in app.manager.get_sprite_group().sprites():
        for attr in ("text", "html_text", "tool_tip_text"):
            v = getattr(el, attr, None)
            if isinstance(v, str) and v:
                out.append(re.sub(r"<[^>]+>", "", v))
        if hasattr(el, "get_text") and callable(el.get_text):
            try:
                v = el.get_text()
            except (TypeError, AttributeError):
                v = None
            if isinstance(v, str) and v:
                out.append(v)
    return out


def screen_text(app) -> list[str]:
    """Everything the window shows in words: one full draw with the text log on, plus the widgets' strings."""
    with drawn_text() as log:
        app.draw()
    return log + gui_text(app)


def plan_partner_card(app):
    """On a planning screen: press the number of the first partner card with a legal target, then click that
    target's row; returns the order placed. (In the compact layout a card without a target list is passed over.)"""
    from game.sim.orders import order_problems, target_problems
    from game.sim.state import Order

    from .scenes.planning import PlanningScene

    scene = app.top
    assert isinstance(scene, PlanningScene), type(scene)
    st, k = scene.state, scene.nation
    for number, (_, aid) in enumerate(scene.card_rects, 1):
        a = st.scenario.action(aid)
        if a.target != "partner" or scene.blocked(a):
            continue
        target = next((j for j in range(st.n) if j != k and not target_problems(st, k, Order(aid, (j,)))
                       and not order_problems(st, k, scene.orders + [Order(aid, (j,))])), None)
        if target is None:
            continue
        press(app, getattr(pygame, f"K_{number}"), unicode=str(number))
        if scene.targets is None:
            continue
        assert scene.selected == aid
        click(app, scene.targets.row_rect(target))
        assert Order(aid, (target,)) in scene.orders
        return Order(aid, (target,))
    raise AssertionError("no partner card with a legal target on this page")

"""The App: the window, the scene stack (push/pop/replace), the frame loop that sleeps when idle, global keys and hooks.

Screens are opened by name through game/ui/routes.py: `make(name, ...)` builds one, `open(name, ...)` pushes it.
F1 opens the codex, F9 or Ctrl+F the facilitator console for the game on screen (through its PIN if one is set,
game/ui/flow.py); while the facilitator has paused the game, the turn screens that say `pause_blocks` take no input and
show the pause card.
"""
from __future__ import annotations

import logging
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pygame
import pygame_gui

from game.app.session import GameSession

from . import flow, routes
from .prefs import Settings
from .scene import Scene
from .theme import Theme
from .widgets.pausecard import draw_pause_card

log = logging.getLogger(__name__)

DEFAULT_SIZE = (1280, 720)
FPS = 30                  # while something happens
ACTIVE_AFTER_INPUT = 0.5  # seconds of full frame rate after the last input (hover fades, button states)
IDLE_WAIT_MS = 500        # otherwise block on the event queue this long (idle CPU ~0)
TYPING_WAIT_MS = 150      # a focused text field blinks its cursor
MAX_DT = 1.0              # longest frame step (the planning clock counts real time; idle frames are 0.5 s apart)
INPUT_EVENTS = (pygame.KEYDOWN, pygame.KEYUP, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION,
                pygame.MOUSEWHEEL, pygame.TEXTINPUT)
# keys whose held repeats make sense (moving in a list, scrolling, editing text); any other key acts once per press
REPEATABLE = frozenset((pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_PAGEUP, pygame.K_PAGEDOWN))
TYPING_REPEATABLE = REPEATABLE | {pygame.K_BACKSPACE, pygame.K_DELETE}
REPEAT_GAP = 0.6          # seconds: a held key repeats every 40 ms after 400 ms; a longer silence is a new press


class App:
    """Owns the window, the pygame_gui manager, the theme and the scene stack. Scenes are game.ui.scene.Scene."""

    def __init__(self, size: tuple[int, int] | None = None, settings: Settings | None = None) -> None:
        pygame.display.init()     # no pygame.init(): the game plays no sound, so no audio device is opened
        pygame.font.init()
        pygame.key.set_repeat(400, 40)   # repeats reach only REPEATABLE keys (see InputGate in dispatch)
        self.settings = settings if settings is not None else Settings.load()
        self.theme = Theme(self.settings.scale / 100.0, self.settings.colorblind)
        self.window_size = size or DEFAULT_SIZE
        self.surface = self._set_mode()
        pygame.display.set_caption("Regional Accord")
        self.manager = self._new_manager()
        self.scenes: list[Scene] = []
        self.running = True
        self.dirty = True
        self.active_until = 0.0
        self.frames_drawn = 0
        self._later: list[Callable[[], Any]] = []
        self._last = time.monotonic()
        self.held: dict[int, float] = {}  # keys down now -> when their last KEYDOWN came (a KEYDOWN of a held key
                                          # is a repeat, unless the key has been silent longer than REPEAT_GAP:
                                          # a KEYUP lost with the window's focus never leaves a key dead)
        self.scene_serial = 0             # counts scene changes: input queued before a screen was shown is dropped
        self.busy = False                 # a turn is resolving: nothing may start another
        self.dropped = 0                  # input events ignored (repeats, stale input), for tests
        self.key_held = False             # the KEYDOWN being dispatched is a held key's repeat (no wrapping around)
        self.swallow_text: str | None = None   # the text of a key that opened a text field (not typed into it)

    # -- window --------------------------------------------------------------------------------
    def _set_mode(self) -> pygame.Surface:
        if self.settings.fullscreen:
            surf = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        else:
            surf = pygame.display.set_mode(self.window_size, pygame.RESIZABLE)
        return surf

    def _new_manager(self) -> pygame_gui.UIManager:
        m = pygame_gui.UIManager(self.surface.get_size(), self.theme.gui_theme(), enable_live_theme_updates=False)
        name = self.theme.font_files.get("gui_name", "noto_sans")
        fonts: list[dict[str, str | int | float]] = [{"name": name, "point_size": self.theme.size(size), "style": "italic", "antialiased": "1"}
                 for size in ("small", "body", "heading")]
        fonts += [{"name": "fira_code_symbols", "point_size": self.theme.size(size), "style": style, "antialiased": "1"}
                  for size in ("small", "body", "heading") for style in ("regular", "bold")]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")    # "already loaded" notices
            m.preload_fonts(fonts)
        return m

    @property
    def size(self) -> tuple[int, int]:
        return self.surface.get_size()

    def _resized(self) -> None:
        surface = pygame.display.get_surface()
        if surface is None:          # the window has gone (closing): nothing to lay out
            return
        self.surface = surface
        if not self.settings.fullscreen:
            self.window_size = self.surface.get_size()
        self.manager.set_window_resolution(self.surface.get_size())
        self._relayout()
        self.invalidate()

    def apply_settings(self, new: Settings) -> str | None:
        """Switch scale, palette or fullscreen now, rebuild the screen, and persist; returns a save error or None."""
        old, self.settings = self.settings, new
        if self.top:
            self.top.clear()
        if new.fullscreen != old.fullscreen:
            self.surface = self._set_mode()
        self.theme = Theme(new.scale / 100.0, new.colorblind)
        self.manager = self._new_manager()
        self._relayout()
        self.invalidate()
        return new.save()

    # -- scene stack ---------------------------------------------------------------------------
    @property
    def top(self) -> Scene | None:
        return self.scenes[-1] if self.scenes else None

    def push(self, scene: Scene) -> None:
        self.scene_serial += 1
        if self.top:
            self.top.cover()
        self.scenes.append(scene)
        scene.enter()
        self.invalidate()

    def pop(self) -> None:
        self.scene_serial += 1
        if not self.scenes:
            return
        self.scenes.pop().exit()
        if self.top:
            self.top.reveal()
            self._relayout(top=False)     # an overlay's background may have been laid out for another size or scale
        else:
            self.running = False
        self.invalidate()

    def replace(self, scene: Scene) -> None:
        self.scene_serial += 1
        if self.scenes:
            self.scenes.pop().exit()
        self.scenes.append(scene)
        scene.enter()
        self.invalidate()

    def reset(self, *scenes: Scene) -> None:
        """Replace the whole stack (e.g. [main menu, board] after loading a game)."""
        self.scene_serial += 1
        while self.scenes:
            self.scenes.pop().exit()
        self.scenes = list(scenes)
        if self.top:
            self.top.enter()
        self._relayout(top=False)
        self.invalidate()

    def _relayout(self, top: bool = True) -> None:
        """Lay out every scene that is drawn (an overlay shows the scene below): the top one with its widgets,
        the ones below for their geometry only (their widgets are removed again)."""
        k = len(self.scenes) - 1
        while k > 0 and not self.scenes[k].opaque:
            k -= 1
        for s in self.scenes[k:-1]:
            s.rebuild()
            s.clear()
        if top and self.top:
            self.top.rebuild()

    # -- opening screens by name ------------------------------------------------------------------
    def make(self, name: str, *args: Any, **kw: Any) -> Scene:
        """The screen routed as `name` (game/ui/routes.py), built for this app with the arguments its class takes."""
        return routes.scene_class(name)(self, *args, **kw)

    def open(self, name: str, *args: Any, **kw: Any) -> Scene:
        """Push the screen routed as `name`; returns it."""
        scene = self.make(name, *args, **kw)
        self.push(scene)
        return scene

    def open_codex(self, concept_id: str | None = None) -> None:
        """F1 from any screen: the codex at a concept (or its index)."""
        self.open("codex", concept_id)

    def open_ledger(self, session: GameSession, turn: int | None = None) -> None:
        self.open("ledger", session, turn)

    def open_charts(self, session: GameSession) -> None:
        self.open("charts", session)

    def open_debrief(self, session: GameSession) -> None:
        self.open("debrief", session)

    # -- facilitator -------------------------------------------------------------------------------
    def current_session(self) -> GameSession | None:
        """The game on screen: the session of the topmost scene that has one (None at the menus)."""
        for s in reversed(self.scenes):
            session = getattr(s, "session", None)
            if isinstance(session, GameSession):
                return session
            if getattr(session, "hosted", False):   # the projector's stand-in for a hosted game (game/net/console.py)
                return cast(GameSession, session)
        return None

    def open_facilitator(self) -> bool:
        """F9 / Ctrl+F: open the facilitator console (through the PIN prompt), or close it if it is open."""
        if self.top is not None and self.top.facilitator:
            self.pop()
            return True
        session = self.current_session()
        if session is None:
            log.info("the facilitator console needs a game on screen; ignoring")
            return False
        flow.open_console(self, session)
        return True

    def _tick_clock(self, dt: float) -> bool:
        """The facilitator's planning clock runs whatever screen of the game is on top (menu, charts, codex ...),
        except while a scene in the stack stops it (the console, a turn's resolution)."""
        session = self.current_session()
        if session is None or session.timer_left is None:
            return False
        if any(s.stops_clock for s in self.scenes):
            return False
        return flow.tick(self, session, dt)

    def pause_gate(self) -> GameSession | None:
        """The session if the facilitator's pause blocks the top scene (a turn screen), else None."""
        top = self.top
        if top is None or not top.pause_blocks:
            return None
        s = getattr(top, "session", None)
        return s if isinstance(s, GameSession) and s.paused and not s.view.over else None

    # -- events --------------------------------------------------------------------------------
    def later(self, fn: Callable[[], Any]) -> None:
        """Run fn after the current event is processed (button callbacks change scenes safely this way)."""
        self._later.append(fn)

    def _run_later(self) -> None:
        while self._later:
            self._later.pop(0)()

    def invalidate(self) -> None:
        self.dirty = True

    def typing(self) -> bool:
        focus = self.manager.get_focus_set() or set()
        return any(isinstance(e, (pygame_gui.elements.UITextEntryLine, pygame_gui.elements.UITextEntryBox))
                   for e in focus)

    def admit(self, e: pygame.event.Event) -> bool:
        """Track held keys; False for an event no screen may see: the repeat of a held key (a held Enter would end
        turn after turn), except the keys whose repeats move in a list or scroll (REPEATABLE)."""
        if e.type == pygame.KEYUP:
            self.held.pop(e.key, None)
        elif e.type == pygame.KEYDOWN:
            now = time.monotonic()
            repeat = now - self.held.get(e.key, -1e9) < REPEAT_GAP
            self.held[e.key] = now
            self.key_held = repeat
            if repeat and e.key not in (TYPING_REPEATABLE if self.typing() else REPEATABLE):
                self.dropped += 1
                return False
        elif e.type == pygame.TEXTINPUT and self.swallow_text is not None:
            swallow, self.swallow_text = self.swallow_text, None
            if e.text == swallow:
                return False
        elif e.type == pygame.WINDOWFOCUSLOST:
            self.held.clear()          # a key released in another window sends no KEYUP here
        return True

    def stale(self, e: pygame.event.Event) -> None:
        """Input that arrived before the screen on top was shown: it only updates which keys are held."""
        if e.type == pygame.KEYUP:
            self.held.pop(e.key, None)
        elif e.type == pygame.KEYDOWN:
            self.held[e.key] = time.monotonic()
        self.dropped += 1

    def drain_stale(self) -> None:
        """After a new screen is shown: drop the input queued meanwhile (presses during a slow resolution)."""
        for e in pygame.event.get(INPUT_EVENTS):
            self.stale(e)

    def dispatch(self, e: pygame.event.Event) -> None:
        if not self.admit(e):
            return
        if e.type == pygame.QUIT:
            self.running = False
            return
        if e.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            surface = pygame.display.get_surface()
            if surface is not None and surface.get_size() != self.manager.window_resolution:
                self._resized()
            return
        if e.type == pygame.KEYDOWN and (e.key == pygame.K_F9 or (e.key == pygame.K_f and e.mod & pygame.KMOD_CTRL
                                                                  and not self.typing())):
            self.open_facilitator()
            return
        if e.type in INPUT_EVENTS and self.pause_gate() is not None:
            return
        if e.type == pygame.KEYDOWN and e.key == pygame.K_F1:
            self.open_codex(self.top.codex_concept() if self.top else None)
            return
        if e.type == pygame.KEYDOWN and e.key == pygame.K_TAB and self.top and not e.mod & pygame.KMOD_CTRL:
            self.top.move_focus(-1 if e.mod & pygame.KMOD_SHIFT else 1)
            return
        if e.type == pygame.KEYDOWN and e.key == pygame.K_F11:
            s = self.settings
            self.apply_settings(Settings(s.scale, not s.fullscreen, s.colorblind))
            return
        consumed = self.manager.process_events(e)
        self._run_later()
        if consumed and e.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.KEYDOWN, pygame.MOUSEWHEEL):
            return
        if e.type == pygame.KEYDOWN and self.typing() and e.key not in (pygame.K_ESCAPE,):
            return
        if self.top:
            self.top.handle_event(e)
        self._run_later()

    # -- frames --------------------------------------------------------------------------------
    def frame(self, events: list[pygame.event.Event], dt: float) -> None:
        """One frame: events to the top scene and pygame_gui, update, and a redraw only if something changed."""
        serial = self.scene_serial
        for e in events:
            if self.scene_serial != serial and e.type in INPUT_EVENTS:
                self.stale(e)          # queued for the screen that has just gone
                continue
            self.dispatch(e)
            if not self.running:
                return
        self.manager.update(dt)
        changed = bool(self.top.update(dt)) if self.top else False
        changed = self._tick_clock(dt) or changed
        if self._later:
            self._run_later()
            self.manager.update(0.0)    # widgets of a scene changed by update() (the planning clock) show this frame
        # idle wake-ups redraw only for a blinking cursor or a widget under the mouse (its tooltip may appear)
        if (events or changed or self.dirty or time.monotonic() < self.active_until or self.typing()
                or self.manager.get_hovering_any_element()):
            self.draw()
            pygame.display.flip()
        if self.scene_serial != serial:
            self.drain_stale()         # the new screen is shown now; what was pressed before it is not for it

    def draw(self) -> None:
        """Draw the scene stack from the last opaque scene up, then the widgets, then overlays (tooltips)."""
        self.dirty = False
        self.frames_drawn += 1
        if not self.scenes:
            self.surface.fill(self.theme.color("bg"))
            return
        k = len(self.scenes) - 1
        while k > 0 and not self.scenes[k].opaque:
            k -= 1
        for s in self.scenes[k:]:
            s.draw(self.surface)
        self.manager.draw_ui(self.surface)
        top = self.scenes[-1]
        top.draw_focus(self.surface)
        top.draw_overlay(self.surface)
        top.draw_footer(self.surface)
        if self.pause_gate() is not None:
            draw_pause_card(self.surface, self.theme, opaque=top.private_view)

    def show_busy(self, text: str) -> None:
        """A card over the screen while the game works (a turn resolving): drawn and shown at once, since no frame
        is drawn until the work is done. Input meanwhile is dropped when the next screen shows (drain_stale)."""
        if not self.scenes:
            return
        th = self.theme
        f = th.font("heading", True)
        w, h = f.size(text)[0] + 4 * th.sp("pad"), f.get_linesize() + 2 * th.sp("pad")
        r = pygame.Rect(0, 0, min(w, self.size[0]), h)
        r.center = (self.size[0] // 2, self.size[1] // 2)
        pygame.draw.rect(self.surface, th.color("panel"), r, border_radius=th.sp("radius"))
        pygame.draw.rect(self.surface, th.color("accent"), r, width=max(2, th.px(2)), border_radius=th.sp("radius"))
        img = f.render(text, True, th.color("text"))
        self.surface.blit(img, img.get_rect(center=r.center))
        pygame.display.flip()

    def run_frames(self, n: int = 1, dt: float = 1 / FPS) -> None:
        """Process n frames from the event queue without sleeping (for tests and scripted demos)."""
        for _ in range(n):
            if not self.running:
                return
            self.frame(pygame.event.get(), dt)

    def run(self) -> None:
        """The real loop: full frame rate shortly after input, otherwise sleep in pygame.event.wait."""
        self._last = time.monotonic()
        while self.running and self.scenes:
            now = time.monotonic()
            if self.dirty or now < self.active_until:
                pygame.time.wait(max(0, int(1000 / FPS - (now - self._last) * 1000)))
                events = pygame.event.get()
            else:
                e = pygame.event.wait(TYPING_WAIT_MS if self.typing() else IDLE_WAIT_MS)
                events = [] if e.type == pygame.NOEVENT else [e] + pygame.event.get()
            now = time.monotonic()
            dt, self._last = min(MAX_DT, now - self._last), now
            if events:
                self.active_until = now + ACTIVE_AFTER_INPUT
            self.frame(events, dt)

    def screenshot(self, path: str | Path) -> Path:
        self.draw()
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.surface, str(path))
        return path

    def quit(self) -> None:
        self.running = False


def run_app(scenario: str | None = None, seed: int = 1) -> int:
    """Start the pygame front end at the main menu (or at setup for a scenario given on the command line)."""
    from game.content.saves import sweep_stale

    sweep_stale()          # temp files of writes a crash or kill -9 interrupted
    app = App()
    app.open("menu")
    if scenario:
        app.open("picker", seed=seed, preselect=scenario, go_on=True)
    app.run()
    pygame.quit()
    return 0

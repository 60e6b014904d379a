"""Every screen by name, its module imported the first time it is opened: scenes ask for the next screen by name
(`app.make("planning", session, k)`, `app.open("ledger", session, turn)`), so no scene module imports another and
the scenes form no import circle (tests/test_ui_imports.py checks both).

A new screen is one line in ROUTES below ("name": "module:Class", the module under game.ui.scenes or a full dotted
path), or `register(name, "package.module:Class")` at start-up for a screen that lives outside game/ui. The class is
a game.ui.scene.Scene whose __init__ takes the App first, then whatever its callers pass."""
from __future__ import annotations

import importlib

from .scene import Scene

ROUTES: dict[str, str] = {
    # the way in
    "menu": "menu:MainMenu",
    "picker": "picker:ScenarioPicker",
    "setup": "setup:SetupScene",
    "load": "loadgame:LoadScene",
    "settings": "settings:SettingsScene",
    # a turn (game/ui/flow.py orders them)
    "board": "board:BoardScene",
    "hotseat": "hotseat:HotseatScene",
    "planning": "planning:PlanningScene",
    "negotiation": "negotiation:NegotiationScene",
    "resolution": "resolution:ResolutionScene",
    "gameover": "gameover:GameOverScene",
    # reached from a game
    "pause": "pause:PauseMenu",
    "charts": "charts:ChartsScene",
    "ledger": "ledger:LedgerScene",
    "debrief": "debrief:DebriefScene",
    "codex": "codex:CodexScene",
    # the facilitator
    "pin": "facilitator:PinScene",
    "facilitator": "facilitator:FacilitatorScene",
    # a hosted class game (game/ui/hosting.py starts it)
    "projector": "projector:ProjectorScene",
}
_loaded: dict[str, type[Scene]] = {}


def register(name: str, target: str) -> None:
    """Route `name` to `target` ("module:Class"; a module without dots is under game.ui.scenes). A name already
    routed elsewhere is an error: two screens must not answer to one name."""
    if ":" not in target:
        raise ValueError(f"a route is 'module:Class', not {target!r}")
    if ROUTES.get(name, target) != target:
        raise ValueError(f"'{name}' already routes to {ROUTES[name]}")
    ROUTES[name] = target
    _loaded.pop(name, None)


def scene_class(name: str) -> type[Scene]:
    """The scene class routed as `name` (KeyError naming the known routes for an unknown one)."""
    cls = _loaded.get(name)
    if cls is not None:
        return cls
    if name not in ROUTES:
        raise KeyError(f"no screen named '{name}' (routes: {', '.join(sorted(ROUTES))})")
    module, _, attr = ROUTES[name].partition(":")
    full = module if "." in module else f"game.ui.scenes.{module}"
    found = getattr(importlib.import_module(full), attr)
    if not (isinstance(found, type) and issubclass(found, Scene)):
        raise TypeError(f"route '{name}': {ROUTES[name]} is not a Scene")
    _loaded[name] = found
    return found

"""Starting a hosted class game from the window: the projector view (scenes/projector.py, opened by name) over the
classroom host of game/net, from `python main.py host` or the main menu's "Host a class game"."""
from __future__ import annotations

from typing import Any

import pygame


def run_projector(hub: Any, server: Any, bind: str) -> int:
    """`python main.py host`: the window shows the projector view until closed; closing it stops the host."""
    from .app import App

    app = App()
    app.open("projector", hub, server.url, server, bind)
    try:
        app.run()
    finally:
        if server is not None:
            server.stop()
        pygame.quit()
    return 0


def host_from_menu(app: Any) -> str | None:
    """The main menu's "Host a class game": the default scenario with three teams, on this computer only (port 8765,
    or any free one); returns a problem in words, or None once the projector view is shown."""
    from game.content.loader import default_scenario
    from game.net.hub import Hub
    from game.net.server import HostServer
    from game.net.start import new_session

    try:
        session = new_session(default_scenario(), 3)
    except (ValueError, OSError) as exc:
        return f"Cannot start a class game: {exc}"
    hub = Hub(session)
    server = None
    for port in (8765, 0):
        try:
            server = HostServer(hub, "127.0.0.1", port).start()
            break
        except OSError:
            continue
    if server is None:
        return "Cannot start the classroom host: no free port on this computer"
    app.open("projector", hub, server.url, server, "127.0.0.1")
    return None

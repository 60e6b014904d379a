"""Starting a hosted class game from the window: the projector view (scenes/projector.py, opened by name) over the
classroom host of game/net, from `python main.py host` or the main menu's "Host a class game" (scenario, seats and
who may join chosen on the picker and setup screens)."""
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


def host_session(app: Any, session: Any, bind: str = "127.0.0.1") -> str | None:
    """Serve `session` to the teams' devices (port 8765, or any free one) and show the projector view; returns a
    problem in words, or None once the projector is shown. Leaving the projector (Esc) stops the host."""
    from game.net.hub import Hub
    from game.net.server import HostServer

    if not session.humans:
        return "Give at least one nation to a team: teams join on their own devices"
    hub = Hub(session)
    server = None
    for port in (8765, 0):
        try:
            server = HostServer(hub, bind, port).start()
            break
        except OSError:
            continue
    if server is None:
        return f"Cannot start the classroom host: no free port on {bind}"
    app.open("projector", hub, server.url, server, bind)
    return None

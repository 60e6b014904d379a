"""The pygame facilitator console (F9) over a hosted game: its commands run on the host's event loop under the hub's
lock, so they never race the devices' messages or a resolution, and every device hears of them; its reads go to the
session itself."""
from __future__ import annotations

import asyncio
import functools
from typing import Any

# what the console's tabs and its PIN prompt ask of a session that changes it (game/ui/scenes/console/)
COMMANDS = frozenset({
    "pause", "resume", "set_timer", "set_timer_policy", "add_time", "restart_timer", "inject_deck", "inject_custom",
    "remove_injection", "rewind", "set_seat", "set_hide_private", "set_reveal_doctrines", "set_pin", "expire"})
TIMEOUT = 60.0     # a resolution the command set off is waited for (seconds)


class HostedSession:
    """Stands in for the hub's GameSession on the pygame thread: an attribute read is the session's own; a command
    is sent to the host's loop and waited for (its ValueError, the session's refusal, comes back as it is)."""
    hosted = True

    def __init__(self, hub: Any) -> None:
        if hub.loop is None:
            raise RuntimeError("the classroom host is not serving yet")
        self._hub = hub

    def __getattr__(self, name: str) -> Any:
        if name in COMMANDS:
            return functools.partial(self._call, name)
        return getattr(self._hub.session, name)

    def tick(self, dt: float) -> bool:
        """The host counts the planning clock down itself (game/net/server.py's ticker): the window never does."""
        return False

    def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        fut = asyncio.run_coroutine_threadsafe(self._hub.console_command(name, args, kwargs), self._hub.loop)
        return fut.result(TIMEOUT)

"""The classroom host's web server: a starlette app (the browser client from the package, one websocket endpoint) run
by uvicorn in a background thread, so the pygame window can be the projector.

No path from the network reaches the file system: the client's few files are read from the package once, at start,
into a fixed table (name -> bytes) and only those names are served. It listens on 127.0.0.1 unless told otherwise."""
from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from . import protocol as P
from .hub import Hub

FILES = {"index.html": "text/html; charset=utf-8", "client.js": "text/javascript; charset=utf-8",
         "style.css": "text/css; charset=utf-8"}
HEADERS = {"Content-Security-Policy": "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; "
                                      "frame-ancestors 'none'",
           "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}
WS_MAX_SIZE = 65536        # frames above this are refused by the websocket layer (close 1009); above MAX_FRAME, by us
HTTP_RATE, HTTP_BURST = 20.0, 60.0
TICK = 0.25                # seconds between planning-clock ticks
RESYNC = 2.0               # seconds between public views while the clock runs (devices count down between them)


def client_files() -> dict[str, bytes]:
    web = resources.files("game.data") / "web"
    return {name: (web / name).read_bytes() for name in FILES}


def make_app(hub: Hub, tick: bool = True) -> Starlette:
    files = client_files()
    buckets: dict[str, list[float]] = {}

    def limited(ip: str) -> bool:
        now = time.monotonic()
        b = buckets.setdefault(ip, [HTTP_BURST, now])
        b[0] = min(HTTP_BURST, b[0] + (now - b[1]) * HTTP_RATE)
        b[1] = now
        if b[0] < 1:
            return True
        b[0] -= 1
        return False

    def page(name: str):
        async def serve(request: Request) -> Response:
            if limited(request.client.host if request.client else ""):
                return PlainTextResponse("too many requests", 429)
            return Response(files[name], media_type=FILES[name], headers=HEADERS)
        return serve

    async def ws_endpoint(ws: WebSocket) -> None:
        origin = ws.headers.get("origin")
        if origin and origin.split("://", 1)[-1] != ws.headers.get("host", ""):
            await ws.close(1008)        # another site's page in a student's browser: no socket for it
            return
        await ws.accept()
        c = hub.connect(ws.client.host if ws.client else "")
        if c is None:
            await ws.close(1013)
            return

        async def writer() -> None:
            while True:
                text = await c.outbox.get()
                if text is None:            # the hub closed this socket (removed, too slow, too many messages)
                    hub.disconnect(c)
                    with contextlib.suppress(Exception):
                        await ws.close(1008)
                    return
                await ws.send_text(text)

        task = asyncio.create_task(writer())
        try:
            while not c.closed:
                msg = await ws.receive()
                if msg["type"] == "websocket.disconnect":
                    break
                raw = msg.get("text")
                if raw is None:
                    raw = msg.get("bytes") or b""
                await hub.handle(c, raw)
        except (WebSocketDisconnect, RuntimeError):
            pass
        finally:
            hub.disconnect(c)
            with contextlib.suppress(asyncio.TimeoutError, Exception):
                await asyncio.wait_for(task, 1.0)
            task.cancel()

    async def ticker() -> None:
        last, synced = time.monotonic(), 0.0
        while True:
            await asyncio.sleep(TICK)
            now = time.monotonic()
            dt, last = now - last, now
            await hub.tick(dt)
            if hub.session.timer_running and now - synced >= RESYNC:
                synced = now
                async with hub.lock:
                    hub.broadcast(teams=set(), public=True)

    @contextlib.asynccontextmanager
    async def lifespan(app: Any):
        hub.loop = asyncio.get_running_loop()
        task = asyncio.create_task(ticker()) if tick else None
        yield
        if task:
            task.cancel()

    routes = [Route("/", page("index.html")), Route("/facilitator", page("index.html")),
              Route("/static/client.js", page("client.js")), Route("/static/style.css", page("style.css")),
              WebSocketRoute("/ws", ws_endpoint)]
    return Starlette(routes=routes, lifespan=lifespan)


class HostServer:
    """uvicorn serving make_app(hub) on a background thread; `url` is where it listens."""

    def __init__(self, hub: Hub, bind: str = "127.0.0.1", port: int = 8765) -> None:
        import uvicorn

        self.hub = hub
        self.sock = socket.socket(socket.AF_INET6 if ":" in bind else socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((bind, port))          # OSError here (port in use, no such address) is the caller's to report
        self.bind, self.port = bind, self.sock.getsockname()[1]
        # no per-message deflate: compressing every view for 40 sockets cost a third of the host's CPU and ~30 ms of
        # each resolution's delivery (bench/host.py); uncompressed, a turn is about 1 MB in all, nothing for a LAN
        config = uvicorn.Config(make_app(hub), log_level="warning", ws_max_size=WS_MAX_SIZE, ws="websockets-sansio",
                                ws_per_message_deflate=False, lifespan="on", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True,
                                       name="classroom-host")

    def start(self, timeout: float = 10.0) -> HostServer:
        self.thread.start()
        end = time.monotonic() + timeout
        while not self.server.started and time.monotonic() < end and self.thread.is_alive():
            time.sleep(0.02)
        if not self.server.started:
            why = "stopped while starting" if not self.thread.is_alive() else f"did not start within {timeout:g} s"
            raise OSError(f"the classroom host {why} on {self.bind}:{self.port}")
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(5.0)
        self.sock.close()

    @property
    def url(self) -> str:
        return f"http://{join_address(self.bind)}:{self.port}/"


def join_address(bind: str) -> str:
    """The address devices type: the machine's LAN address when listening on every interface."""
    if bind not in ("0.0.0.0", "::", ""):
        return f"[{bind}]" if ":" in bind else bind
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))       # no packet is sent: this only picks the interface of the default route
            return str(s.getsockname()[0])
    except OSError:
        return socket.gethostname()


__all__ = ["MAX_FRAME", "HostServer", "join_address", "make_app"]
MAX_FRAME = P.MAX_FRAME

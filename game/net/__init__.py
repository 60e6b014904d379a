"""Regional Accord's classroom host: a local web server (starlette + uvicorn, websockets) that drives a session of
game/app for teams on their own devices - the wire protocol (protocol.py), the hub of sockets, codes and views
(hub.py, views.py), the server (server.py) and how a hosted game starts (start.py). No pygame: the projector view is
a scene of game/ui that reads the hub's public view. docs/architecture.md has the layers; docs/classroom.md the use."""

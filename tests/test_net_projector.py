"""The projector view of a hosted game (dummy video driver) and the `host` command: the menu's "Host a class game"
shows the join address and its QR code, C shows the codes, the view never shows a team's draft or hidden stocks; the
command listens, serves the client and says where."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pygame
import pytest

from game.net.hub import Hub
from game.sim.state import Order
from game.ui import testing as ui
from game.ui.widgets.mapview import acronym

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def app(data):
    from game.ui.app import App
    from game.ui.prefs import Settings

    a = App(size=(1280, 720), settings=Settings())
    yield a
    while a.scenes:
        a.pop()
    pygame.display.quit()


def press(app, key) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0))
    app.run_frames(1)


def test_the_menu_hosts_a_class_game_and_the_projector_shows_where_to_join(app, tmp_path):
    from game.ui import testing as ui
    from game.ui.scenes.menu import MainMenu
    from game.ui.scenes.projector import ProjectorScene, qr_surface
    from game.ui.scenes.setup import SetupScene

    menu = MainMenu(app)
    app.push(menu)
    app.run_frames(1)
    ui.click_button(app, "Host a class game")                   # the scenario, then its seats and who may join
    with ui.drawn_text() as said:                               # the picker says which way it leads
        app.draw()
    assert "Host a class game" in said and "New game" not in said
    ui.press(app, pygame.K_RETURN)
    setup = app.top
    assert isinstance(setup, SetupScene) and setup.host
    ui.click_button(app, "Devices: this computer only")         # the default (a try-out); the class's Wi-Fi on request
    assert setup.lan
    ui.click_button(app, "Devices: the class's network")
    assert not setup.lan
    app.screenshot(tmp_path / "host_setup.png")
    ui.click_button(app, "3 teams")
    ui.click_button(app, "Host this game (Enter)")
    scene = app.top
    assert isinstance(scene, ProjectorScene) and setup.error is None
    assert sum(n["team"] for n in scene.hub.snapshot["nations"]) == 3
    try:
        url = scene.url
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url, timeout=5) as r:        # the host serves the client
            assert b"Regional Accord" in r.read()
        shown = scene.shown_text()
        assert url in shown and any("this computer" in line for line in shown)
        assert not any(code in " ".join(shown) for code in scene.hub.codes.values())
        qr = qr_surface(url, 4)
        assert qr.get_size()[0] > 80 and qr.get_at((0, 0))[:3] == (255, 255, 255)
        press(app, pygame.K_c)                                  # the facilitator's codes, on request only
        shown = " ".join(scene.shown_text())
        humans = [n for n in scene.hub.snapshot["nations"] if n["team"]]
        assert all(scene.hub.codes[n["index"]] in shown for n in humans) and scene.hub.secret in shown
        app.screenshot(tmp_path / "projector.png")
        press(app, pygame.K_c)
        assert scene.hub.secret not in " ".join(scene.shown_text())
    finally:
        ui.press(app, pygame.K_ESCAPE)                          # Esc: the host stops with the screen
    assert scene.server is None and app.top is setup


def test_the_projector_never_shows_a_draft_or_hidden_stocks(app):
    from game.content.loader import default_scenario
    from game.net.start import new_session
    from game.ui.scenes.projector import ProjectorScene

    s = new_session(default_scenario(), 3, autosave=False)
    hub = Hub(s, store=False)
    k = s.humans[0]
    a = next(a for a in s.scenario.actions if a.target == "self" and not s.draft(k).blocked(a))
    assert s.add_order(k, Order(a.id, ())) == []
    s.set_hide_private(True)
    hub.broadcast(teams={k}, public=True)
    scene = ProjectorScene(app, hub, "http://127.0.0.1:1/")
    app.push(scene)
    app.run_frames(1)
    shown = " ".join(scene.shown_text())
    assert a.name not in shown                                   # the draft stays on the team's devices
    stocks = {f"{s.state.stock(st, j):.0f}" for j in range(s.scenario.n) for st in ("security", "economy")}
    assert "security low" in shown or "security mid" in shown or "security high" in shown
    assert not any(f"sec {v}" in shown for v in stocks)          # bands, never the values
    s.set_hide_private(False)
    hub.broadcast(teams=set(), public=True)
    assert "sec " in " ".join(scene.shown_text())


def test_the_projector_draws_the_region_as_the_board_does(app):
    """The map (each pair's trust as the mean of both ways, as the board's map draws it; the organizations), the
    stability gauge and the ladder, from the public snapshot: a hosted class saw only lines of numbers."""
    from game.content.loader import default_scenario
    from game.net.start import new_session
    from game.ui.scenes.projector import ProjectorScene

    s = new_session(default_scenario(), 3, autosave=False)
    s.state.v["trust"][0, 1], s.state.v["trust"][1, 0] = 0.9, 0.3
    hub = Hub(s, store=False)
    trust = hub.snapshot["region"]["trust"]
    assert trust[0][1] == trust[1][0] == 0.6 and trust[2][2] == 0.0
    assert hub.snapshot["region"]["cohesion"] == [round(float(c), 2) for c in s.state.v["cohesion"]]
    scene = ProjectorScene(app, hub, "http://127.0.0.1:1/")
    app.push(scene)
    with ui.drawn_text() as said:
        app.draw()
    assert scene.map is not None and scene.map.sc is s.scenario
    corner = (scene.map.rect.x + 6, scene.map.rect.y + 6)
    assert app.surface.get_at(corner)[:3] == tuple(app.theme.color("sea"))[:3]     # the sea, as on the board
    assert "Regional stability" in said and "Escalation ladder" in said
    assert all(og.name in " ".join(said) or acronym(og.name) in said for og in s.scenario.orgs)   # the legend


def test_f9_on_the_projector_opens_the_console_whose_commands_reach_every_device(app, tmp_path):
    """The host's own console: F9 on the projector opens the facilitator console on the hosted game; what it does
    is applied on the host's loop (not from the window's thread) and the public view every device gets follows."""
    from game.content.loader import default_scenario
    from game.net.server import HostServer
    from game.net.start import new_session
    from game.ui import testing as ui
    from game.ui.scenes.facilitator import FacilitatorScene

    s = new_session(default_scenario(), 3, autosave=False)
    hub = Hub(s, store=False)
    server = HostServer(hub, "127.0.0.1", 0).start()
    try:
        app.open("projector", hub, server.url, None, "127.0.0.1")
        app.run_frames(1)
        ui.press(app, pygame.K_F9)
        assert isinstance(app.top, FacilitatorScene)
        ui.press(app, pygame.K_2)                                   # the timer tab
        ui.click_button(app, "3 min")
        assert s.timer_limit == 180 and hub.snapshot["timer"]["left"] == 180
        ui.press(app, pygame.K_1)                                   # the teams tab
        ui.click_button(app, "Pause the game")
        assert s.paused and hub.snapshot["paused"]
        app.screenshot(tmp_path / "projector_console.png")
        ui.click_button(app, "Resume the game")
        assert not s.paused and not hub.snapshot["paused"]
        ui.press(app, pygame.K_F9)                                  # closes it: the projector again
        assert app.top.name == "projector"
        app.run_frames(5, dt=20_000)                                # 100 s of frames: not the window's clock to count
        assert s.timer_left is not None and s.timer_left > 150
    finally:
        while len(app.scenes):
            app.pop()
        server.stop()


def test_the_host_command_listens_serves_and_says_where(data, tmp_path):
    env = dict(os.environ, REGIONAL_ACCORD_DATA=str(data), PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "host", "tutorial", "--teams", "2", "--port", "0",
                             "--headless"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        first = proc.stdout.readline()
        assert "teams join at http://127.0.0.1:" in first, (first, proc.stderr.read() if proc.poll() else "")
        url = first.split("teams join at ")[1].strip()
        lines = [proc.stdout.readline() for _ in range(4)]
        assert "this computer" in lines[0] and "facilitator page" in lines[1]
        assert sum(" code " in line for line in lines[2:]) == 2
        deadline = time.monotonic() + 10
        while True:
            try:
                with urllib.request.urlopen(url + "static/style.css", timeout=5) as r:
                    assert r.headers["Content-Type"].startswith("text/css")
                break
            except OSError:
                assert time.monotonic() < deadline
                time.sleep(0.2)
        for bad in ("static/../pyproject.toml", "static/index.py", "..%2f..%2fetc%2fpasswd"):
            with pytest.raises(urllib.error.HTTPError) as exc:
                urllib.request.urlopen(url + bad, timeout=5)
            assert exc.value.code == 404
    finally:
        proc.terminate()
        proc.wait(10)
        proc.stdout.close()
        proc.stderr.close()


def test_the_host_command_refuses_a_port_in_use_in_one_line(data):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        r = subprocess.run([sys.executable, str(ROOT / "main.py"), "host", "tutorial", "--port", str(port),
                            "--headless"], capture_output=True, text=True, timeout=60,
                           env=dict(os.environ, REGIONAL_ACCORD_DATA=str(data), PYTHONPATH=str(ROOT)))
    assert r.returncode == 2 and r.stderr.startswith(f"error: cannot listen on 127.0.0.1:{port}"), r.stderr


def test_a_nine_nation_projector_at_200_percent_shows_every_team_and_says_what_it_left_out(data):
    """The North Atlantic hosted for three teams, at 1280x720 and 200 %: the nations' list showed the first four nations
    in the scenario's order and silently dropped the rest, two of the three teams among them. The teams now come first
    and the last line names the nations left out."""
    from game.data import scenario_path
    from game.net.start import new_session
    from game.ui.app import App
    from game.ui.prefs import Settings
    from game.ui.scenes.projector import ProjectorScene

    s = new_session(scenario_path("north_atlantic"), 3, autosave=False)
    hub = Hub(s, store=False)
    a = App(size=(1280, 720), settings=Settings(scale=200))
    try:
        scene = ProjectorScene(a, hub, "http://127.0.0.1:1/")
        a.push(scene)
        a.run_frames(1)
        with ui.drawn_text() as log:
            a.draw()
        teams = [s.scenario.nations[k].name for k in s.humans]
        assert len(teams) == 3
        for name in teams:
            assert any(line.startswith(f"{name} (team, ") for line in log), (name, log)
        more = [line for line in log if line.startswith("+ ") and " more" in line]
        assert len(more) == 1, log
        left = int(more[0].split()[1])
        shown = [n.name for n in s.scenario.nations if any(line.startswith(f"{n.name} (") for line in log)]
        assert left == s.scenario.n - len(shown) > 0
        assert not any(t.rstrip().endswith("…") for t in log), log
    finally:
        while a.scenes:
            a.pop()

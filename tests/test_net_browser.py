"""The classroom host end to end in real headless Chromium (Debian's, driven by Playwright): three teams join on
three browsers (one at phone size), play against three computer nations while the projector view draws under the
dummy video driver; one team reloads mid-planning and keeps its draft; the facilitator's page injects an event and
rewinds; the game reaches the debrief on every device; two teams sign a private deal and exchange a message on the Deals
tab (a phone-size screenshot saved)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("RA_CHROMIUM", "/usr/bin/chromium")
MERIDIAN = Path(__file__).resolve().parents[1] / "game" / "data" / "scenarios" / "meridian.yaml"

if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
    if os.environ.get("CI"):
        raise RuntimeError(f"CI needs Debian's chromium at {CHROMIUM} for the classroom host's browser test "
                           "(.ci/run installs it)")
    pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium): the browser test is skipped here",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect      # (about 14 s on an idle machine: not marked slow)


@pytest.fixture
def short_meridian(tmp_path) -> Path:
    """The Meridian Sea cut to three turns (no scripted events), so a class game ends in a test."""
    p = tmp_path / "short.yaml"
    p.write_text(f"extends: {MERIDIAN}\nname: Meridian (three turns)\nturns: 3\nscripted: []\n", encoding="utf-8")
    return p


def add_any_order(page) -> str:
    """Play the first card this device may play, at the first target allowed; returns the card's id."""
    card = page.locator(".card:not([disabled])").first
    action = card.get_attribute("data-id")
    before = page.locator("#orders li[data-action]").count()
    card.click()
    page.wait_for_selector("#targets")
    targets = page.locator(".target:not([disabled])")
    if targets.count():
        targets.first.click()
    if page.locator("#add").count():
        page.locator("#add").click()
    expect(page.locator("#orders li[data-action]")).to_have_count(before + 1)
    return str(action)


def test_three_teams_in_chromium_play_to_the_debrief_with_a_reload_an_injection_and_a_rewind(data, short_meridian):
    from game.net.hub import Hub
    from game.net.server import HostServer
    from game.net.start import new_session

    session = new_session(short_meridian, 3, seed=11)
    hub = Hub(session)
    server = HostServer(hub, "127.0.0.1", 0).start()
    projector = Projector(hub, server.url)
    try:
        with sync_api.sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            pages = []
            for k, size in zip(session.humans, ({"width": 390, "height": 844}, None, None)):
                ctx = browser.new_context(viewport=size) if size else browser.new_context()
                page = ctx.new_page()
                page.goto(server.url)
                page.fill("#code", hub.codes[k].lower())              # codes are read off a screen: case is forgiven
                page.click("#join")
                page.wait_for_selector("#cards")
                assert page.title() == "Regional Accord" and session.view.scenario.nations[k].name in \
                    page.inner_text("#title")
                pages.append(page)
            fac = browser.new_context().new_page()
            fac.goto(server.url + "facilitator")
            fac.fill("#fac-pin", hub.secret)
            fac.click("#fac-login")
            fac.wait_for_selector("#fac-inject")
            projector.frame()

            def play_turn(reload_one: bool = False, inject: bool = False) -> None:
                turn = session.view.turn
                for i, page in enumerate(pages):
                    if page.locator("[data-tab=plan]").count():
                        page.click("[data-tab=plan]")
                    page.wait_for_selector("#cards")
                    action = add_any_order(page)
                    if reload_one and i == 0:                         # mid-planning: the page reloads
                        page.reload()
                        page.wait_for_selector("#orders li[data-action]")
                        assert page.locator("#orders li[data-action]").first.get_attribute("data-action") == action
                    projector.frame()
                if inject:
                    fac.select_option("#inject-event", index=region_event_index(session))
                    fac.click("#inject")
                    fac.wait_for_selector("#fac-inject li")
                for page in pages:
                    page.click("#submit")
                for page in pages:                                    # the turn resolved on every device
                    expect(page.locator("#status")).not_to_contain_text(f"Turn {turn} of", timeout=15000)
                projector.frame()

            play_turn()
            play_turn(reload_one=True, inject=True)
            assert session.view.played == 2 and session.view.report(2)["injected"] == 1
            pages[1].click("[data-tab=result]")
            injected = session.view.report(2)["events"][0]["name"]
            assert injected in pages[1].inner_text("#resolution")      # the team sees the injected event
            assert pages[1].locator("#ledger details").count() > 0     # ... and why its values changed
            pages[0].click("[data-tab=region]")                        # the region's map, on a phone
            n = session.view.scenario.n
            expect(pages[0].locator("#region-map svg circle.nation")).to_have_count(n)
            lines = pages[0].locator("#region-map svg line")
            expect(lines).to_have_count(n * (n - 1) // 2)
            trust = session.view.state.v["trust"]
            got = float(lines.first.get_attribute("data-trust"))         # each pair's trust, both ways' mean
            assert abs(got - (trust[0, 1] + trust[1, 0]) / 2) < 0.006

            fac.select_option("#rewind-turn", "2")
            fac.fill("#rewind-label", "before the crisis")
            fac.click("#rewind")
            expect(fac.locator("#fac-rewind")).to_contain_text("before the crisis")
            assert session.view.played == 1 and [b["label"] for b in session.view.branches] == ["before the crisis"]
            for page in pages:
                expect(page.locator("#status")).to_contain_text("Turn 2 of")
            play_turn()
            play_turn()
            assert session.view.over
            for page in pages:
                page.wait_for_selector("#debrief")
                assert "The end: the region is" in page.inner_text("#debrief")
            projector.frame()
            browser.close()
        projector.check(session)
    finally:
        projector.close()
        server.stop()


def region_event_index(session) -> int:
    return next(i for i, e in enumerate(session.view.scenario.events) if e.target == "region")


class Projector:
    """The pygame projector view of the hosted game, drawing under the dummy video driver between browser steps."""

    def __init__(self, hub, url: str) -> None:
        from game.ui.app import App
        from game.ui.prefs import Settings
        from game.ui.scenes.projector import ProjectorScene

        self.app = App(size=(1280, 720), settings=Settings())
        self.scene = ProjectorScene(self.app, hub, url)
        self.app.push(self.scene)
        self.frames = 0

    def frame(self) -> None:
        self.app.run_frames(2)
        self.frames += 1

    def check(self, session) -> None:
        """It redrew as the game moved, showed the join address and the end, never a team's code (C not pressed)."""
        assert self.frames >= 8 and self.app.frames_drawn >= 5
        shown = " ".join(self.scene.shown_text())
        assert "game over" in shown and f"Turn {session.view.turn} of 3" in shown
        assert self.scene.url in shown and "Regional Accord" in shown
        assert not any(code in shown for code in self.scene.hub.codes.values())

    def close(self) -> None:
        import pygame

        pygame.display.quit()


def test_a_host_restart_from_the_autosave_and_the_page_reconnects_by_itself_with_its_draft(data, short_meridian):
    from game.net.hub import Hub
    from game.net.server import HostServer
    from game.net.start import new_session, resume_session

    session = new_session(short_meridian, 3, seed=2)
    hub = Hub(session)
    server = HostServer(hub, "127.0.0.1", 0).start()
    port = server.port
    try:
        with sync_api.sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
            page.goto(server.url)
            page.fill("#code", hub.codes[session.humans[0]])
            page.click("#join")
            page.wait_for_selector("#cards")
            action = add_any_order(page)
            server.stop()                                           # the laptop's host stops ...
            expect(page.locator("#status")).to_contain_text("reconnecting")
            session.autosave()
            hub = Hub(resume_session())                             # ... and is started again: `host --resume`
            server = HostServer(hub, "127.0.0.1", port).start()
            expect(page.locator("#status")).to_contain_text("Turn 1 of 3", timeout=15000)
            assert page.locator("#orders li[data-action]").first.get_attribute("data-action") == action
            browser.close()
    finally:
        server.stop()


def test_two_teams_sign_a_deal_and_exchange_messages_on_the_deals_tab(data, request):
    from game.data import shipped
    from game.net.hub import Hub
    from game.net.server import HostServer
    from game.net.start import new_session
    from tests.shotdir import folder

    session = new_session(shipped("tutorial"), 2, seed=5, autosave=False)
    a, b = session.humans
    hub = Hub(session)
    server = HostServer(hub, "127.0.0.1", 0).start()
    shots = folder(request)
    shots.mkdir(parents=True, exist_ok=True)
    try:
        with sync_api.sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            pages = []
            for k, size in ((a, {"width": 390, "height": 844}), (b, None)):
                page = (browser.new_context(viewport=size) if size else browser.new_context()).new_page()
                page.goto(server.url)
                page.fill("#code", hub.codes[k])
                page.click("#join")
                page.wait_for_selector("#cards")
                page.click("button[data-tab=deals]")
                pages.append(page)
            phone, laptop = pages
            phone.click(f"button[data-partner='{b}']")
            phone.click("button[data-term^='trade|']")
            phone.click("#deal-public")                                   # private: its parties only
            phone.click("#deal-send")
            offer = laptop.locator("#deals-waiting .deal")
            expect(offer).to_contain_text("Trade agreement")
            expect(offer).to_contain_text("private")
            offer.locator("button[data-answer=accept]").click()
            expect(phone.locator("#deals-agreements")).to_contain_text("Trade agreement")
            expect(phone.locator("#deals-agreements")).to_contain_text("signed this turn")
            phone.click("button[data-tab=plan]")                          # the plan says what the promise asks
            expect(phone.locator("#promises")).to_contain_text("broken unless you add Trade agreement")
            phone.click("#keep")
            expect(phone.locator("#promises")).to_contain_text("kept by this plan")
            expect(phone.locator("#orders")).to_contain_text("Trade agreement")
            phone.screenshot(path=str(shots / "plan_promise_phone.png"), full_page=True)
            phone.click("button[data-tab=deals]")
            laptop.select_option("#msg-to", str(a))
            laptop.fill("#msg-text", "We will keep it. Will you?")
            laptop.click("#msg-send")
            expect(phone.locator("#messages")).to_contain_text("We will keep it. Will you?")
            assert laptop.input_value("#msg-text") == ""
            phone.evaluate("document.getElementById('top').style.position = 'static'")  # a sticky header would
            phone.screenshot(path=str(shots / "deals_phone.png"), full_page=True)         # land mid-page
            browser.close()
    finally:
        server.stop()

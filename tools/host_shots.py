"""The screenshots of docs/classroom.md's classroom host section: the projector view (SDL's dummy video driver) and the
phone client and the facilitator page (Debian's chromium through Playwright, at phone and laptop size), of one game
played to turn 3 with three teams. Writes docs/img/host-*.png; run it after changing what those screens show:

    .venv/bin/python tools/host_shots.py [--chromium /usr/bin/chromium]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ["REGIONAL_ACCORD_DATA"] = tempfile.mkdtemp(prefix="ra-shots-")   # never the user's autosave
OUT = ROOT / "docs" / "img"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    from game.content.loader import default_scenario
    from game.net.hub import Hub
    from game.net.server import HostServer
    from game.net.start import new_session
    from game.ui.app import App
    from game.ui.prefs import Settings
    from game.ui.scenes.projector import ProjectorScene

    OUT.mkdir(parents=True, exist_ok=True)
    s = new_session(default_scenario(), 3, seed=4)
    hub = Hub(s, store=False)
    server = HostServer(hub, "127.0.0.1", 0).start()
    phone = {"width": 390, "height": 844}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
            pages = []
            for k in s.humans:
                page = browser.new_context(viewport=phone, device_scale_factor=2).new_page()
                page.goto(server.url)
                page.fill("#code", hub.codes[k])
                page.click("#join")
                page.wait_for_selector("#cards")
                pages.append(page)
            for _turn in range(2):                  # two turns played: a resolution and a why-ledger to show
                for page in pages:
                    page.click("[data-tab=plan]")
                    page.locator(".card:not([disabled])").first.click()
                    if page.locator(".target:not([disabled])").count():
                        page.locator(".target:not([disabled])").first.click()
                    if page.locator("#add").count():
                        page.locator("#add").click()
                    page.wait_for_selector("#orders li[data-action]")
                for page in pages:
                    page.click("#submit")
                for page in pages:
                    page.wait_for_selector("#resolution")
            me = pages[0]
            me.click("[data-tab=result]")
            me.locator("#ledger details").first.click()
            me.screenshot(path=str(OUT / "host-phone-resolution.png"))
            me.click("[data-tab=plan]")
            me.locator(".card:not([disabled])").nth(1).click()
            me.wait_for_selector("#targets")
            if me.locator(".target:not([disabled])").count():
                me.locator(".target:not([disabled])").first.click()
            me.locator(".card:not([disabled])").first.click()
            me.wait_for_selector("#targets")
            me.evaluate("window.scrollTo(0, 0)")
            me.screenshot(path=str(OUT / "host-phone-plan.png"), full_page=False)
            me.locator("#targets").scroll_into_view_if_needed()
            me.screenshot(path=str(OUT / "host-phone-targets.png"), full_page=False)
            me.click("[data-tab=me]")
            me.screenshot(path=str(OUT / "host-phone-dashboard.png"))
            me.click("[data-tab=region]")
            me.wait_for_selector("#region-map svg")
            me.screenshot(path=str(OUT / "host-phone-region.png"))
            pages[1].click("[data-tab=plan]")
            pages[1].click("#submit")
            fac = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            fac.goto(server.url + "facilitator")
            fac.fill("#fac-pin", hub.secret)
            fac.click("#fac-login")
            fac.wait_for_selector("#fac-inject")
            fac.screenshot(path=str(OUT / "host-facilitator.png"), full_page=True)
            browser.close()
        app = App(size=(1280, 720), settings=Settings())
        scene = ProjectorScene(app, hub, "http://192.168.1.20:8765/", bind="0.0.0.0")
        app.push(scene)
        app.run_frames(2)
        app.screenshot(OUT / "host-projector.png")
    finally:
        server.stop()
    for p in sorted(OUT.glob("host-*.png")):
        print(f"written: {p.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

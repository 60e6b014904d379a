"""ProjectorScene: the pygame window of a hosted class game - the public view only (the region's map, stability and
ladder as the board draws them, every nation's seat and whether it has planned, the last turn), the join address with
its QR code, where the host listens; C shows the team codes and the facilitator secret (blank the projector first), F9
the facilitator console (game/net/console.py). It draws the hub's public snapshot only, never the session's state (the
scenario's fixed definitions place the map)."""
from __future__ import annotations

from typing import Any

import numpy as np
import pygame

from .. import text as T
from ..scene import Scene
from ..widgets import meters
from ..widgets.mapview import MapView


def qr_surface(url: str, module_px: int) -> pygame.Surface:
    """The join address as a QR code (segno), dark on white with the quiet zone."""
    import segno

    rows = segno.make(url, error="m").matrix
    border = 4
    n = len(rows) + 2 * border
    surf = pygame.Surface((n * module_px, n * module_px))
    surf.fill((255, 255, 255))
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                surf.fill((0, 0, 0), ((x + border) * module_px, (y + border) * module_px, module_px, module_px))
    return surf


class _Relations:
    """What the map reads of a state, from the public snapshot's region: each pair's trust (the mean of both ways, as
    the map draws it) and each organization's cohesion."""

    def __init__(self, region: dict) -> None:
        self.v = {"trust": np.array(region["trust"], dtype=float), "cohesion": np.array(region["cohesion"], dtype=float)}


class ProjectorScene(Scene):
    name = "projector"
    KEYS = (("C", "team codes and the facilitator secret (blank the projector first)"),
            ("F9", "the facilitator console (its commands reach every device)"), ("Esc", "stop hosting"))

    def __init__(self, app, hub: Any, url: str, server: Any = None, bind: str = "127.0.0.1") -> None:
        super().__init__(app)
        self.hub = hub
        self.url = url
        self.server = server               # stopped when this screen closes, if it is ours
        self.bind = bind
        self.show_codes = False
        self._qr: tuple[int, pygame.Surface] | None = None
        self.map: MapView | None = None
        self._seen: int | None = None
        # what F9 opens the console on: the hub's session, its commands applied on the host's loop (game/net/console.py)
        self.session: Any = None
        if getattr(hub, "loop", None) is not None:
            from game.net.console import HostedSession

            self.session = HostedSession(hub)

    # -- what is shown: the public view only ----------------------------------------------------------
    def listening(self) -> str:
        if self.bind in ("127.0.0.1", "localhost", "::1"):
            return f"Listening on {self.bind} only: devices of this computer can join (python main.py host --bind 0.0.0.0 for the class's Wi-Fi)"
        return f"Listening on {self.bind}: any device on this network can open the address"

    def lines(self) -> dict[str, list[str]]:
        """The text of each part of the screen, from the hub's public snapshot (and the codes only on request)."""
        p = self.hub.snapshot
        timer = p["timer"]
        clock = ""
        if timer["left"] is not None:
            left = int(timer["left"])
            clock = f"   ·   {left // 60}:{left % 60:02d} left" + ("" if timer["running"] else " (stopped)")
        head = [f"Regional Accord: {p['scenario']}",
                f"Turn {p['turn']} of {p['turns']}" + ("   ·   game over: " + str(p["outcome"]) if p["over"] else "")
                + clock + ("   ·   PAUSED by the facilitator" if p["paused"] else "")]
        teams = [n for n in p["nations"] if n["team"]]
        done = sum(n["status"] == "planned" for n in teams)
        nations = [f"{done} of {len(teams)} teams have planned"]
        # the teams first: on a small projector screen the list ends with "+ N computer nations", never a team's line
        for n in sorted(p["nations"], key=lambda n: not n["team"]):
            seat = f"team, {n['status']}" if n["team"] else "computer"
            if p["hidden"]:
                vals = ", ".join(f"{k} {v}" for k, v in n["bands"].items()) + f"; rank {n['rank']}"
            else:
                vals = ", ".join(f"{k[:3]} {v:.0f}" for k, v in n["stocks"].items()) + f"; NI {n['ni']:.1f}"
            nations.append(f"{n['name']} ({seat}):   {vals}")
        reg = p["region"]
        region = [f"Stability {reg['stability']:.1f}   ·   escalation ladder {reg['escalation']} of 5",
                  "Threats: " + ", ".join(f"{k} {v:.0f}" for k, v in reg["threats"].items())]
        last = []
        if p["last"]:
            lr = p["last"]
            last.append(f"Turn {lr['turn']}: " + ("; ".join(e["name"] for e in lr["events"]) or "no events"))
            for nation, orders in lr["orders"].items():
                last.append(f"{nation}: " + (", ".join(o["action"] + (f" ({o['targets']})" if o["targets"] else "")
                                                       for o in orders) or "nothing"))
        for r in (p["last"] or {}).get("agreements", ()):   # how last turn's public agreements fared
            who = ", ".join(f"{q} {'kept it' if ok else 'BROKE it'}" for q, ok in r["kept"].items())
            last.append(f"Agreement {r['name']}: {who}")
        deals = [f"{' and '.join(a['parties'])}: {a['words']} ({a['state']})" for a in p.get("agreements", ())]
        join = ["Join your team:", self.url, "open it on a phone or laptop, or scan the code; type your team's code",
                self.listening()]
        out = {"head": head, "join": join, "nations": nations, "region": region, "deals": deals, "last": last}
        if self.show_codes:
            sc_names = {n["index"]: n["name"] for n in p["nations"]}
            out["codes"] = [f"{sc_names[k]}: {code}" for k, code in sorted(self.hub.codes.items())
                            if any(n["index"] == k and n["team"] for n in p["nations"])]
            out["codes"].append(f"Facilitator page: {self.url}facilitator   secret: {self.hub.secret}")
        return out

    def shown_text(self) -> list[str]:
        return [line for part in self.lines().values() for line in part]

    # -- frames -------------------------------------------------------------------------------------
    def handle_event(self, e: pygame.event.Event) -> bool:
        if e.type == pygame.KEYDOWN and e.key == pygame.K_c:
            self.show_codes = not self.show_codes
            self.app.invalidate()
            return True
        return super().handle_event(e)

    def update(self, dt: float) -> bool:
        seen = id(self.hub.snapshot)           # the hub replaces the snapshot whole on every change
        changed, self._seen = seen != self._seen, seen
        return changed or bool(self.hub.snapshot["timer"]["running"])

    def exit(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None
        super().exit()

    def _qr_for(self, size: int) -> pygame.Surface:
        if self._qr is None or self._qr[0] != size:
            import segno

            modules = len(segno.make(self.url, error="m").matrix) + 8
            self._qr = (size, qr_surface(self.url, max(2, size // modules)))
        return self._qr[1]

    TITLES = {"nations": "Nations", "region": "The region", "deals": "Public agreements",
              "last": "Last turn (public once resolved)"}

    def _section(self, surface: pygame.Surface, key: str, lines: list[str], area: pygame.Rect, y: int) -> int:
        """A titled part in `area` from `y`: whole lines only, as many as fit, and a last line saying how many did not
        ("+ 5 more: Iberica, Nordmark, ..."); returns where the next may start."""
        th = self.theme
        head, body = th.font("heading", True), th.font("body")
        if not lines or y + head.get_linesize() > area.bottom:
            return y
        T.draw(surface, self.TITLES[key], head, th.color("accent"), (area.x, y))
        y += head.get_linesize()
        hs = [T.block_height(line, body, area.width) for line in lines]
        fit = 0
        while fit < len(lines) and y + sum(hs[:fit + 1]) <= area.bottom:
            fit += 1
        if fit < len(lines):                      # room for the "more" line: give up lines until it fits
            while fit > 0 and y + sum(hs[:fit]) + body.get_linesize() > area.bottom:
                fit -= 1
        for line, h in zip(lines[:fit], hs[:fit]):
            y += T.draw_block(surface, line, body, th.color("text"), pygame.Rect(area.x, y, area.width, h))
        if fit < len(lines):
            left = [line.split(" (")[0] if key == "nations" else "" for line in lines[fit:]]
            names = [w for w in left if w]
            more = f"+ {len(left)} more" + (": " + ", ".join(names) if names else "")
            while names and body.size(more)[0] > area.width:      # whole names only, as many as fit
                names.pop()
                more = f"+ {len(left)} more" + (f", {', '.join(names)} among them" if names else "")
            T.draw(surface, more, body, th.color("muted"), (area.x, y), max_width=area.width)
            y += body.get_linesize()
        return y + th.sp("gap")

    def _draw_region(self, surface: pygame.Surface, area: pygame.Rect, nations: list[str]) -> int:
        """The map (trust lines, organizations, who is a team) beside the nations' lines, then the stability gauge
        beside the ladder, as the board draws them; returns where the text below may start."""
        th, p = self.theme, self.hub.snapshot
        sc = self.hub.session.view.scenario
        gap = th.sp("gap")
        half = (area.width - th.sp("pad")) // 2
        below = max(meters.gauge_height(th), meters.ladder_height(th, True, half))
        rect = pygame.Rect(area.x, area.y, half, max(th.px(120), (area.height - below) * 9 // 20))
        if self.map is None or self.map.rect != rect:
            self.map = MapView(th, rect, sc)
        if self.map.area.height >= th.px(100):
            self.map.draw(surface, _Relations(p["region"]), {n["index"] for n in p["nations"] if n["team"]})
            beside = pygame.Rect(area.right - half, rect.y, half, area.height - below - gap)   # may reach below the map
            y = max(rect.bottom + gap, self._section(surface, "nations", nations, beside, rect.y))
        else:   # a large UI scale in a small window: no room for a map its legend leaves, the nations' lines instead
            room = pygame.Rect(area.x, area.y, area.width, area.height - below - gap)
            y = self._section(surface, "nations", nations, room, area.y)
        reg = sc.params
        meters.draw_gauge(surface, th, pygame.Rect(area.x, y, half, meters.gauge_height(th)), "Regional stability",
                          float(p["region"]["stability"]),
                          marks=((reg.collapse_stability, "collapse"), (reg.secure_stability, "secure")))
        meters.draw_ladder(surface, th, pygame.Rect(area.right - half, y, half, below), float(p["region"]["escalation"]),
                           True)
        return y + below + gap

    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        surface.fill(th.color("bg"))
        scr = self.screen
        pad, gap = th.sp("pad"), th.sp("gap")
        parts = self.lines()
        big, body, head, small = th.font("title", True), th.font("body"), th.font("heading", True), th.font("small")
        y = pad
        for line, font, color in ((parts["head"][0], big, "text"), (parts["head"][1], head, "accent")):
            y += T.draw_block(surface, line, font, th.color(color), pygame.Rect(pad, y, scr.width - 2 * pad,
                                                                             T.block_height(line, font, scr.width - 2 * pad)))
        y += gap
        side = min(scr.width // 3, scr.height - y - pad)
        left_w = scr.width - side - 3 * pad
        # the join panel, right: the address as large as it fits, its QR code, where the host listens
        x0 = scr.width - side - pad
        url_font = next((f for f in (th.font("heading", True), th.font("body", True)) if f.size(self.url)[0] <= side),
                        th.font("small", True))
        note = ". ".join(parts["join"][2:])
        note_h = T.block_height(note, small, side)
        yy = y + T.draw_block(surface, parts["join"][0], head, th.color("text"),
                              pygame.Rect(x0, y, side, T.block_height(parts["join"][0], head, side)))
        yy += T.draw_block(surface, self.url, url_font, th.color("accent"),
                           pygame.Rect(x0, yy, side, T.block_height(self.url, url_font, side)))
        qr = self._qr_for(max(60, min(side, scr.bottom - yy - note_h - gap)))
        surface.blit(qr, (x0, yy + gap // 2))
        yy += qr.get_height() + gap
        T.draw_block(surface, note, small, th.color("muted"), pygame.Rect(x0, yy, side, max(0, scr.bottom - yy)))
        left = pygame.Rect(pad, y, left_w, scr.bottom - y)
        y = self._draw_region(surface, left, parts["nations"])
        # stability and the ladder are drawn above: the threats' line stays; then the agreements and the last turn
        for key, lines in (("region", parts["region"][1:]), ("deals", parts["deals"]), ("last", parts["last"])):
            y = self._section(surface, key, lines, left, y)
        if "codes" in parts:
            w = min(scr.width - 2 * pad, th.px(760))
            inner = w - 2 * pad
            title = "Team codes - for the facilitator only (C hides them)"
            rows = [(title, head, "accent")] + [(line, big if "Facilitator" not in line else body, "text")
                                                for line in parts["codes"]]
            hs = [T.block_height(t, f, inner) for t, f, _ in rows]
            r = pygame.Rect(0, 0, w, min(scr.height, sum(hs) + 2 * pad + gap))
            r.center = scr.center
            pygame.draw.rect(surface, th.color("panel"), r, border_radius=th.sp("radius"))
            pygame.draw.rect(surface, th.color("accent"), r, width=max(2, th.px(2)), border_radius=th.sp("radius"))
            yy = r.top + pad
            for (t, f, color), h in zip(rows, hs):
                yy += T.draw_block(surface, t, f, th.color(color), pygame.Rect(r.left + pad, yy, inner, h))

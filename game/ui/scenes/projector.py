"""ProjectorScene: the pygame window of a hosted class game - the public view only (the region, every nation's seat and
whether it has planned, the last turn), the join address with its QR code, where the host listens; C shows the team
codes and the facilitator secret (blank the projector first), F9 the facilitator console (game/net/console.py). It
draws the hub's public snapshot only, never the session."""
from __future__ import annotations

from typing import Any

import pygame

from .. import text as T
from ..scene import Scene


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
        for n in p["nations"]:
            seat = f"team, {n['status']}" if n["team"] else "computer"
            if p["hidden"]:
                vals = ", ".join(f"{k} {v}" for k, v in n["bands"].items()) + f"; rank {n['rank']}"
            else:
                vals = ", ".join(f"{k[:3]} {v:.0f}" for k, v in n["stocks"].items()) + f"; NI {n['ni']:.1f}"
            nations.append(f"{n['name']} ({seat}):   {vals}")
        reg = p["region"]
        region = [f"Stability {reg['stability']:.1f}   ·   escalation ladder {reg['escalation']} of 5",
                  "Threats: " + ", ".join(f"{k} {v:.2f}" for k, v in reg["threats"].items())]
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
        note = " ".join(parts["join"][2:])
        note_h = T.block_height(note, small, side)
        yy = y + T.draw_block(surface, parts["join"][0], head, th.color("text"),
                              pygame.Rect(x0, y, side, T.block_height(parts["join"][0], head, side)))
        yy += T.draw_block(surface, self.url, url_font, th.color("accent"),
                           pygame.Rect(x0, yy, side, T.block_height(self.url, url_font, side)))
        qr = self._qr_for(max(60, min(side, scr.bottom - yy - note_h - gap)))
        surface.blit(qr, (x0, yy + gap // 2))
        yy += qr.get_height() + gap
        T.draw_block(surface, note, small, th.color("muted"), pygame.Rect(x0, yy, side, max(0, scr.bottom - yy)))
        # the region and the nations, left: whole lines only, as many as fit
        for key in ("nations", "region", "deals", "last"):
            if not parts[key] or y + head.get_linesize() > scr.bottom:
                continue
            title = {"nations": "Nations", "region": "The region", "deals": "Public agreements",
                     "last": "Last turn (public once resolved)"}[key]
            T.draw(surface, title, head, th.color("accent"), (pad, y))
            y += head.get_linesize()
            for line in parts[key]:
                h = T.block_height(line, body, left_w)
                if y + h > scr.bottom:
                    break
                y += T.draw_block(surface, line, body, th.color("text"), pygame.Rect(pad, y, left_w, h))
            y += gap
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

"""MapView: the region drawn by hand - nations as labelled circles, trust as lines, organizations as rings and a legend."""
from __future__ import annotations

import pygame

from game.app.privacy import band, ordinal
from game.sim.scoring import national_interest

from .. import text as T
from .markers import draw_marker


def acronym(name: str) -> str:
    """'Meridian Defence Pact' -> 'MDP'; a one-word name stays as it is."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isupper()]
    return "".join(w[0] for w in words) if len(words) > 1 else name


class MapView:
    """Lays nations out from their scenario positions inside `rect`; hit() finds the nation under the mouse."""

    def __init__(self, theme, rect: pygame.Rect, scenario) -> None:
        self.theme = theme
        self.rect = pygame.Rect(rect)
        self.sc = scenario
        # map symbols grow more slowly than text, so a large UI scale still leaves room for the region
        grow = 1.0 + (theme.scale - 1.0) * 0.5
        self.radius = int(theme.spacing["nation_r"] * grow)
        self.ring = max(2, int(theme.spacing["ring"] * grow))
        self._legend_items = self._legend_layout()
        self.legend_h = self._legend_height()
        self.area = pygame.Rect(self.rect.x, self.rect.y, self.rect.width, self.rect.height - self.legend_h)
        self.pos = self._positions()
        for _ in range(2):       # crowded maps: shrink the circles so neighbours do not cover each other
            nearest = min((((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5 for i, (ax, ay) in self.pos.items()
                           for j, (bx, by) in self.pos.items() if i < j), default=1e9)
            reach = self.radius + self.ring * max(1, len(self.sc.orgs))
            if 2 * reach <= nearest * 0.95 or self.radius <= theme.px(6):
                break
            f = max(0.4, nearest * 0.95 / (2 * reach))
            self.radius, self.ring = max(theme.px(6), int(self.radius * f)), max(2, int(self.ring * f))
            self.pos = self._positions()
        self.labels = self._place_labels()

    # -- layout -------------------------------------------------------------------------------
    def _positions(self) -> dict[int, tuple[int, int]]:
        th = self.theme
        rings = self.ring * (max((len([o for o in self.sc.orgs if k in o.members]) for k in range(self.sc.n)), default=0))
        label_w = max(self.label_font().size(nd.name)[0] for nd in self.sc.nations) // 2 + th.px(6)
        margin_x = max(self.radius + rings, label_w) + th.px(6)
        margin_top = self.radius + rings + th.px(8)
        margin_bottom = self.radius + rings + self.label_font().get_linesize() + th.px(6)
        xs = [nd.position[0] for nd in self.sc.nations]
        ys = [nd.position[1] for nd in self.sc.nations]
        minx, maxx, miny, maxy = min(xs), max(xs), min(ys), max(ys)
        w = max(1, self.area.width - 2 * margin_x)
        h = max(1, self.area.height - margin_top - margin_bottom)
        spanx, spany = max(maxx - minx, 1e-6), max(maxy - miny, 1e-6)
        scale = min(w / spanx, h / spany)
        offx = self.area.x + margin_x + (w - spanx * scale) / 2
        offy = self.area.y + margin_top + (h - spany * scale) / 2
        return {k: (int(offx + (x - minx) * scale), int(offy + (y - miny) * scale)) for k, (x, y) in enumerate(zip(xs, ys))}

    def _legend_layout(self) -> list[tuple[str, pygame.Color]]:
        """Organization names for the legend: full names with cohesion, else initials ('MDP'), else initials alone -
        the first that fits on one line (or the shortest)."""
        self.show_cohesion = True
        full = [(o.name, self.theme.org_color(k)) for k, o in enumerate(self.sc.orgs)]
        short = [(acronym(o.name), self.theme.org_color(k)) for k, o in enumerate(self.sc.orgs)]
        options = [(full, True), (short, True), (short, False)]
        best = min(options, key=lambda o: self._lines(*o))
        for items, coh in options:
            if self._lines(items, coh) <= 1:
                best = (items, coh)
                break
        self.show_cohesion = best[1]
        return best[0]

    def _item_width(self, name: str, cohesion: bool) -> int:
        th = self.theme
        return th.px(22) + th.font("small").size(name + (" (0.00)" if cohesion else ""))[0] + th.px(12)

    def _lines(self, items, cohesion: bool) -> int:
        th = self.theme
        x, lines = 0, 1
        width = self.rect.width - 2 * th.px(8)
        for name, col in list(items) + [("trust: low — high", None)]:
            w = self._item_width(name, cohesion and col is not None)
            if x + w > width and x > 0:
                lines += 1
                x = 0
            x += w
        return lines

    def _legend_height(self) -> int:
        th = self.theme
        return self._lines(self._legend_items, self.show_cohesion) * (th.font("small").get_linesize() + th.px(2)) + th.px(8)

    def label_font(self):
        th = self.theme
        return th.font("body" if th.scale < 1.5 else "small", True)

    def hit(self, pos: tuple[int, int]) -> int | None:
        r2 = (self.radius + self.theme.px(4)) ** 2
        for k, (x, y) in self.pos.items():
            if (pos[0] - x) ** 2 + (pos[1] - y) ** 2 <= r2:
                return k
        return None

    # -- drawing -------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, state, humans: set[int], hover: int | None = None) -> None:
        th = self.theme
        pygame.draw.rect(surface, th.color("sea"), self.rect, border_radius=th.sp("radius"))
        step = max(th.px(40), self.rect.width // 12)
        for x in range(self.rect.x + step, self.rect.right, step):
            pygame.draw.line(surface, th.color("sea_grid"), (x, self.rect.y), (x, self.area.bottom))
        for y in range(self.rect.y + step, self.area.bottom, step):
            pygame.draw.line(surface, th.color("sea_grid"), (self.rect.x, y), (self.rect.right, y))
        clip = surface.get_clip()
        surface.set_clip(self.area)
        self._draw_trust(surface, state, hover)
        self._draw_nations(surface, state, humans, hover)
        surface.set_clip(clip)
        self._draw_legend(surface, state)

    def _draw_trust(self, surface: pygame.Surface, state, hover: int | None) -> None:
        th = self.theme
        trust = state.v["trust"]
        n = self.sc.n
        for i in range(n):
            for j in range(i + 1, n):
                t = (float(trust[i, j]) + float(trust[j, i])) / 2.0
                if hover is not None and hover not in (i, j):
                    continue
                width = max(1, th.px(1 + 7 * max(0.0, t - 0.25)))
                pygame.draw.line(surface, th.trust_color(t), self.pos[i], self.pos[j], width)

    def _draw_nations(self, surface: pygame.Surface, state, humans: set[int], hover: int | None) -> None:
        th = self.theme
        f, fs = self.label_font(), th.font("small")
        ring = self.ring
        for k, (x, y) in self.pos.items():
            m = 0
            for o, org in enumerate(self.sc.orgs):
                if k in org.members:
                    m += 1
                    pygame.draw.circle(surface, th.org_color(o), (x, y), self.radius + m * ring, max(1, th.px(2)))
            shape = th.nation_shape(k)
            draw_marker(surface, shape, th.nation_color(self.sc, k), (x, y), self.radius)
            outline = th.color("text") if (k in humans or k == hover) else th.color("bg")
            draw_marker(surface, shape, outline, (x, y), self.radius, max(1, th.px(3 if k == hover else 2)))
            if k in humans:
                T.draw(surface, "H", fs, th.color("bg"), (x, y - fs.get_linesize() // 2), "center")
        # labels after all circles, so a neighbour's circle never covers a name
        for k, bg in self.labels.items():
            shade = pygame.Surface(bg.size, pygame.SRCALPHA)
            shade.fill((0, 0, 0, 150))
            surface.blit(shade, bg)
            T.draw(surface, self.sc.nations[k].name, f, th.color("text"), (bg.centerx, bg.y), "center")

    def _place_labels(self) -> dict[int, pygame.Rect]:
        """A name box per nation: below its circle if free, else above, right or left (greedy, no overlaps if possible)."""
        th, f = self.theme, self.label_font()
        circles = []
        for k, (x, y) in self.pos.items():
            reach = self.radius + self.ring * sum(1 for o in self.sc.orgs if k in o.members)
            circles.append(pygame.Rect(x - reach, y - reach, 2 * reach, 2 * reach))
        placed: dict[int, pygame.Rect] = {}
        for k, (x, y) in self.pos.items():
            reach = circles[k].width // 2
            box = pygame.Rect(0, 0, f.size(self.sc.nations[k].name)[0] + th.px(8), f.get_linesize())
            options: list[tuple[int, int, pygame.Rect]] = []
            for anchor, point in (("midtop", (x, y + reach + th.px(2))), ("midbottom", (x, y - reach - th.px(2))),
                                  ("midleft", (x + reach + th.px(4), y)), ("midright", (x - reach - th.px(4), y))):
                r = box.copy()
                setattr(r, anchor, point)
                r.clamp_ip(self.area)
                clash = sum(r.colliderect(o) for o in placed.values()) * 3 + \
                    sum(r.colliderect(c) for j, c in enumerate(circles) if j != k)
                options.append((clash, len(options), r))
            placed[k] = min(options)[2]
        return placed

    def _draw_legend(self, surface: pygame.Surface, state) -> None:
        th = self.theme
        f = th.font("small")
        lh = f.get_linesize() + th.px(2)
        x0 = self.rect.x + th.px(8)
        x, y = x0, self.area.bottom + th.px(4)
        pygame.draw.line(surface, th.color("border"), (self.rect.x, self.area.bottom), (self.rect.right, self.area.bottom))
        coh = state.v["cohesion"]
        items: list[tuple[str, pygame.Color | None]] = [
            (f"{name} ({float(coh[k]):.2f})" if self.show_cohesion else name, col)
            for k, (name, col) in enumerate(self._legend_items)]
        items.append(("trust: low — high", None))
        for (name, col), base in zip(items, [n for n, _ in self._legend_items] + ["trust: low — high"]):
            w = self._item_width(base, self.show_cohesion and col is not None)
            if x + w > self.rect.right - th.px(8) and x > x0:
                x, y = x0, y + lh
            cy = y + lh // 2
            if col is not None:
                pygame.draw.circle(surface, col, (x + th.px(8), cy), th.px(7), max(1, th.px(2)))
                T.draw(surface, name, f, th.color("text"), (x + th.px(20), y), max_width=self.rect.right - x - th.px(28))
            else:
                T.draw(surface, "trust: low", f, th.color("text"), (x, y))
                lx = x + f.size("trust: low ")[0]
                seg = th.px(6)
                for s in range(4):
                    pygame.draw.line(surface, th.trust_color(s / 3), (lx + s * seg, cy), (lx + (s + 1) * seg, cy), th.px(3))
                T.draw(surface, "high", f, th.color("text"), (lx + 4 * seg + th.px(4), y))
            x += w

    def draw_tooltip(self, surface: pygame.Surface, state, k: int, seat_label: str, anchor: tuple[int, int],
                     hidden: bool = False, *, rank: tuple[int, str]) -> None:
        """A box with the nation's stocks next to it (drawn above the widgets); `hidden`: only what is public when the
        facilitator hides private information (bands and a rank, no budget or action points). `rank`: (its rank, what
        it ranks by) as the board's table shows it (game.app.par.team_ranks), shown when hidden."""
        th = self.theme
        nd = self.sc.nations[k]
        v = state.v
        orgs = [o.name for o in self.sc.orgs if k in o.members]
        member = "Member of: " + (", ".join(orgs) if orgs else "no organization")
        if hidden:
            place, by = rank
            lines = [
                f"{seat_label}",
                f"Rank {ordinal(place)} of {state.n} by {by}",
                f"Security {band(v['security'][k])} · Economy {band(v['economy'][k])}",
                f"Support {band(v['support'][k])} · Influence {band(v['influence'][k])}",
                f"Militarization {band(v['militarization'][k])}",
                member,
                "Exact values are hidden on the shared screen.",
            ]
        else:
            ni = national_interest(state)[k]
            lines = [
                f"{seat_label}",
                f"Security {v['security'][k]:.0f} · Economy {v['economy'][k]:.0f}",
                f"Support {v['support'][k]:.0f} · Influence {v['influence'][k]:.0f}",
                f"Militarization {v['militarization'][k]:.0f} · National Interest {ni:.1f}",
                f"Budget {state.budget(k)} · Action points {state.capacity(k)}",
                member,
            ]
        fb, fs = th.font("body", True), th.font("small")
        pad = th.px(8)
        maxw = min(th.px(360), surface.get_width() - 2 * pad)
        wrapped = [ln for line in lines for ln in T.wrap(line, fs, maxw - 2 * pad)]
        w = min(maxw, max([fb.size(nd.name)[0]] + [fs.size(ln)[0] for ln in wrapped]) + 2 * pad)
        h = fb.get_linesize() + len(wrapped) * fs.get_linesize() + 2 * pad
        box = pygame.Rect(anchor[0] + self.radius + pad, anchor[1] - h // 2, w, h)
        if box.right > surface.get_width():
            box.right = anchor[0] - self.radius - pad
        box.clamp_ip(surface.get_rect())
        pygame.draw.rect(surface, th.color("panel"), box, border_radius=th.sp("radius"))
        pygame.draw.rect(surface, th.nation_color(self.sc, k), box, width=th.px(2), border_radius=th.sp("radius"))
        y = box.y + pad
        T.draw(surface, nd.name, fb, th.nation_color(self.sc, k), (box.x + pad, y), max_width=w - 2 * pad)
        y += fb.get_linesize()
        for ln in wrapped:
            T.draw(surface, ln, fs, th.color("text"), (box.x + pad, y))
            y += fs.get_linesize()

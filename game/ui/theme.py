"""The UI theme: colours, fonts and sizes (game/data/assets/theme.json) times the UI scale, and the pygame_gui theme."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import pygame

from game.data import ASSETS

THEME_FILE = ASSETS / "theme.json"
SCALES = (100, 125, 150, 175, 200)


@lru_cache(maxsize=1)
def _theme_data() -> dict[str, Any]:
    return json.loads(THEME_FILE.read_text(encoding="utf-8"))


def _font_path(name: str) -> str | None:
    """A font shipped inside pygame_gui (Noto Sans), so nothing is downloaded; None = pygame's default font."""
    try:
        p = resources.files("pygame_gui.data") / name
        return str(p) if p.is_file() else None
    except (ModuleNotFoundError, FileNotFoundError):
        return None


SYMBOLS = frozenset("→↔←↑↓●■▲▼✓◆○")   # not in Noto Sans: drawn with pygame_gui's Fira Code, as pygame_gui does
TEXT_LOGS: list[list[str]] = []        # test mode: every string drawn with a theme font is appended to each list here
                                       # (game.ui.testing.drawn_text), so tests can check what a screen shows


class Font(pygame.font.Font):
    """A font that draws the few symbols Noto Sans lacks (arrows, dots, ticks) with a fallback font."""

    def __init__(self, path: str | None, size: int, symbols: pygame.font.Font | None) -> None:
        super().__init__(path, size)
        self.symbols = symbols

    def _runs(self, text: str) -> list[tuple[bool, str]]:
        runs: list[tuple[bool, str]] = []
        for ch in text:
            sym = ch in SYMBOLS and self.symbols is not None
            if runs and runs[-1][0] == sym:
                runs[-1] = (sym, runs[-1][1] + ch)
            else:
                runs.append((sym, ch))
        return runs

    def size(self, text: str) -> tuple[int, int]:  # type: ignore[override]
        if self.symbols is None or not SYMBOLS.intersection(text):
            return super().size(text)
        w = sum((self.symbols.size(t) if sym else super(Font, self).size(t))[0] for sym, t in self._runs(text))
        return w, self.get_linesize()

    def render(self, text, antialias, color, bgcolor=None, wraplength=0):
        text = str(text)
        for log in TEXT_LOGS:
            log.append(text)
        if self.symbols is None or not SYMBOLS.intersection(text):
            return super().render(text, antialias, color, bgcolor)
        parts = [self.symbols.render(t, antialias, color) if sym else super(Font, self).render(t, antialias, color)
                 for sym, t in self._runs(text)]
        h = max(self.get_linesize(), max(p.get_height() for p in parts))
        out = pygame.Surface((sum(p.get_width() for p in parts), h), pygame.SRCALPHA)
        x = 0
        for p in parts:
            out.blit(p, (x, (h - p.get_height()) // 2))
            x += p.get_width()
        return out


@lru_cache(maxsize=64)
def _kept_apart(colors: tuple, spares: tuple) -> list:
    from .colors import kept_apart

    return kept_apart(list(colors), list(spares))


def _hex(c: str) -> pygame.Color:
    return pygame.Color(c)


class Theme:
    """Every colour, font and size the UI draws with. `scale` is 1.0 .. 2.0 (the projector setting)."""

    def __init__(self, scale: float = 1.0, colorblind: bool = False) -> None:
        data = _theme_data()
        self.scale = max(1.0, min(2.0, float(scale)))
        self.colorblind = colorblind
        self.palette: dict[str, Any] = data["palettes"]["colorblind" if colorblind else "normal"]
        self.sizes: dict[str, int] = data["sizes"]
        self.spacing: dict[str, int] = data["spacing"]
        self.font_files: dict[str, str] = data["font"]
        self._fonts: dict[tuple[int, bool], Font] = {}

    # -- sizes ---------------------------------------------------------------------------------
    def px(self, n: float) -> int:
        """A length at 100 % scale, in pixels at the current scale."""
        return max(1, int(round(n * self.scale))) if n > 0 else 0

    def sp(self, name: str) -> int:
        return self.px(self.spacing[name])

    def size(self, name: str) -> int:
        return self.px(self.sizes[name])

    # -- fonts ---------------------------------------------------------------------------------
    def font(self, size: str | int = "body", bold: bool = False) -> Font:
        """A font by size name ('small', 'body', 'heading', 'title', 'huge') or by pixel size."""
        px = self.size(size) if isinstance(size, str) else max(6, int(size))
        key = (px, bold)
        f = self._fonts.get(key)
        if f is None:
            path = _font_path(self.font_files["bold" if bold else "regular"])
            sym_path = _font_path(self.font_files.get("symbols", "FiraCode-Regular.ttf"))
            f = Font(path, px, pygame.font.Font(sym_path, px) if sym_path else None)
            self._fonts[key] = f
        return f

    # -- colours -------------------------------------------------------------------------------
    def color(self, name: str) -> pygame.Color:
        return _hex(self.palette[name])

    def ladder_color(self, level: int) -> pygame.Color:
        lad = self.palette["ladder"]
        return _hex(lad[max(0, min(len(lad) - 1, int(level)))])

    def org_color(self, k: int) -> pygame.Color:
        orgs = self.palette["orgs"]
        return _hex(orgs[k % len(orgs)])

    def nation_color(self, scenario: Any, k: int) -> pygame.Color:
        """The colour-blind palette's colour for nation k, or the scenario's colour - unless it is closer than
        colors.MIN_DELTA_E to an earlier nation's: then the palette's most distant spare colour."""
        cb = self.palette.get("nations")
        if cb:
            return _hex(cb[k % len(cb)])
        if scenario is None:
            spares = self.palette.get("nation_spares") or ["#808080"]
            return _hex(spares[k % len(spares)])
        cols = _kept_apart(tuple(tuple(nd.color)[:3] for nd in scenario.nations), tuple(self.palette.get("nation_spares", ())))
        return pygame.Color(*cols[k])

    @staticmethod
    def nation_shape(k: int) -> str:
        """The shape that marks nation k on the map, in charts and legends (widgets.markers)."""
        from .widgets.markers import shape_of

        return shape_of(k)

    def category_color(self, category: str) -> pygame.Color:
        return self.color(category if category in self.palette else "accent")

    def trust_color(self, t: float) -> pygame.Color:
        """Low trust -> trust_low, 0.5 -> trust_mid, high -> trust_high."""
        t = max(0.0, min(1.0, t))
        if t < 0.5:
            return self.color("trust_low").lerp(self.color("trust_mid"), t / 0.5)
        return self.color("trust_mid").lerp(self.color("trust_high"), (t - 0.5) / 0.5)

    def level_color(self, value: float, good_high: bool = True) -> pygame.Color:
        """A 0..100 value as bad (red) .. warn .. good (green)."""
        v = max(0.0, min(100.0, value)) / 100.0
        if not good_high:
            v = 1.0 - v
        if v < 0.5:
            return self.color("bad").lerp(self.color("warn"), v / 0.5)
        return self.color("warn").lerp(self.color("good"), (v - 0.5) / 0.5)

    # -- pygame_gui ----------------------------------------------------------------------------
    def gui_theme(self) -> dict[str, Any]:
        """The pygame_gui theme dictionary, built from the same numbers (scaled)."""
        p = self.palette
        name = self.font_files.get("gui_name", "noto_sans")

        def font(size: str, bold: bool = False) -> dict[str, str]:
            return {"name": name, "size": str(self.size(size)), "bold": "1" if bold else "0"}

        colours = {
            "normal_bg": p["button"], "hovered_bg": p["button_hover"], "disabled_bg": p["button_disabled"],
            "selected_bg": p["selected"], "active_bg": p["selected"], "dark_bg": p["panel"],
            "normal_text": p["text"], "hovered_text": p["text"], "disabled_text": p["muted"],
            "selected_text": p["text"], "active_text": p["text"],
            "normal_border": p["border"], "hovered_border": p["accent"], "disabled_border": p["panel_alt"],
            "selected_border": p["accent"], "active_border": p["accent"],
            "link_text": p["accent"], "link_hover": p["text"], "link_selected": p["text"],
            "text_cursor": p["text"], "filled_bar": p["accent"], "unfilled_bar": p["panel_alt"],
        }
        shape = {"shape": "rounded_rectangle", "shape_corner_radius": str(self.sp("radius")),
                 "border_width": str(self.sp("border")), "shadow_width": "0",
                 "text_horiz_alignment_padding": str(self.px(8))}
        return {
            "defaults": {"colours": colours, "font": font("body")},
            "button": {"misc": dict(shape), "font": font("body")},
            "label": {"colours": {"dark_bg": "#00000000", "normal_text": p["text"]}, "font": font("body")},
            "text_box": {"colours": {"dark_bg": p["panel"]}, "font": font("body"),
                         "misc": {"padding": f"{self.px(8)},{self.px(6)}", "border_width": str(self.sp("border")),
                                  "shadow_width": "0", "shape": "rectangle"}},
            "text_entry_line": {"font": font("body"),
                                "misc": {"padding": f"{self.px(6)},{self.px(4)}", "shadow_width": "0",
                                         "border_width": str(self.sp("border"))}},
            "selection_list": {"misc": {"list_item_height": str(self.px(28)), "border_width": str(self.sp("border")),
                                        "shadow_width": "0"}},
            "vertical_scroll_bar": {"misc": {"shadow_width": "0"}},
            # tooltips as wide as the text's scale needs (the default 170 px put one word a line at 200 %)
            "tool_tip": {"misc": {"rect_width": str(self.px(320))}},
            "tool_tip.text_box": {"font": font("small"), "misc": {"padding": f"{self.px(6)},{self.px(4)}",
                                                                  "border_width": str(self.sp("border"))}},
            "panel": {"colours": {"dark_bg": p["panel"]}, "misc": {"shadow_width": "0"}},
            "@primary": {"colours": {"normal_bg": p["button_primary"], "hovered_bg": p["button_hover"]},
                         "font": font("body", True)},
            "@selected": {"colours": {"normal_bg": p["selected"], "normal_border": p["accent"]},
                          "font": font("body", True)},
            "@title": {"font": font("title", True)},
            # see-through buttons over hand-drawn controls (planning's cards): only the focus ring shows them
            "@card": {"colours": {k: "#00000000" for k in ("normal_bg", "hovered_bg", "disabled_bg", "selected_bg",
                                                            "active_bg", "normal_border", "hovered_border",
                                                            "disabled_border", "selected_border", "active_border")},
                      "misc": {"border_width": "0", "shadow_width": "0", "shape": "rectangle"}},
            "@heading": {"font": font("heading", True)},
            "@small": {"font": font("small")},
            "@muted": {"colours": {"normal_text": p["muted"]}, "font": font("small")},
            "@bad": {"colours": {"normal_text": p["bad"]}, "font": font("body")},
        }

"""The colours of the debrief report, shared by its figures (PNG, game.runner.figures) and its CSS (the HTML report).

Plain RGB tuples and hex strings: no pygame here, so the HTML side can use them without a display library.
"""
from __future__ import annotations

import colorsys
from collections.abc import Sequence

Color = tuple[int, int, int]

# Okabe-Ito: told apart by colour-blind viewers (the colour-blind setting uses them for the nations)
OKABE_ITO: list[Color] = [(230, 159, 0), (86, 180, 233), (0, 158, 115), (240, 228, 66), (0, 114, 178), (213, 94, 0),
                          (204, 121, 167), (120, 120, 120)]
BLUE, ORANGE, GREEN = (0, 114, 178), (213, 94, 0), (0, 158, 115)
LINES: dict[str, Color] = {"stability": BLUE, "escalation": ORANGE, "trade": GREEN}   # the region's line charts
FAN = BLUE                                                                            # the what-if's stability fan
OUTCOME_COLORS: dict[str, Color] = {"secure": GREEN, "fragile": (230, 159, 0), "conflict": ORANGE}
TRUST_LOW, TRUST_MID, TRUST_HIGH = ORANGE, (153, 153, 153), (86, 180, 233)


def hex_color(c: Sequence[int]) -> str:
    """'#rrggbb' of an RGB triple, as CSS takes it."""
    return f"#{int(c[0]):02x}{int(c[1]):02x}{int(c[2]):02x}"


# the stylesheet's colours (game/data/templates/report.css): the outcome words are darker than the chart colours
# of the same outcome, so that they read as text on white
CSS: dict[str, str] = {
    "text": "#1e2228", "rule": "#ddd", "muted": "#666", "diagonal": "#eee",
    "secure": "#00805c", "fragile": "#b87c00", "conflict": "#c0392b", "bar": hex_color(BLUE),
}


def trust_colour(t: float, low: Color = TRUST_LOW, mid: Color = TRUST_MID, high: Color = TRUST_HIGH) -> Color:
    """Low trust orange, 0.5 grey, high blue (readable for colour-blind viewers)."""
    t = max(0.0, min(1.0, float(t)))
    a, b, f = (low, mid, t / 0.5) if t < 0.5 else (mid, high, (t - 0.5) / 0.5)
    return (int(a[0] + (b[0] - a[0]) * f), int(a[1] + (b[1] - a[1]) * f), int(a[2] + (b[2] - a[2]) * f))


def distinct(colors: Sequence[Color]) -> list[Color]:
    """The colours as given when they tell every nation apart; otherwise evenly spaced hues (a scenario without
    colours gives every nation the same grey, and a palette of 8 repeats with more nations).

    The hues are pygame.Color's hsva (saturation 70, value 90/70 alternating), computed here without pygame; a test
    checks they are pygame's own for every count of nations up to 64."""
    if len(set(colors)) == len(colors):
        return list(colors)
    out = []
    for k in range(len(colors)):
        hue = (k * 360.0 / max(1, len(colors)) + 25) % 360
        r, g, b = colorsys.hsv_to_rgb(hue / 360.0, 0.70, 0.90 if k % 2 == 0 else 0.70)
        out.append((int(r * 255), int(g * 255), int(b * 255)))
    return out


def nation_colors(sc, colorblind: bool = False) -> list[Color]:
    """Each nation's colour in the report: the scenario's (made distinct), or Okabe-Ito for colour-blind viewers."""
    if colorblind and sc.n <= len(OKABE_ITO):
        return [OKABE_ITO[k] for k in range(sc.n)]
    return distinct([tuple(nd.color) for nd in sc.nations])

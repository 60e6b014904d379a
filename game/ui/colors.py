"""Colour science for the palettes: CIELAB, the CIEDE2000 colour difference (ΔE), colour-vision-deficiency simulation
(Machado et al. 2009, full severity), and nation colours kept apart: a scenario colour too close to an earlier
nation's is replaced by the palette's most distant spare colour."""
from __future__ import annotations

import math
from functools import lru_cache

MIN_DELTA_E = 15.0          # two nations on screen are at least this far apart (CIEDE2000) in either palette
MIN_DELTA_E_CVD = 8.0       # ... and, in the colour-blind palette, this far under each simulated deficiency

# Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB
CVD = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}


def rgb(c) -> tuple[int, int, int]:
    """'#rrggbb', a pygame.Color or an (r, g, b) tuple."""
    if isinstance(c, str):
        c = c.lstrip("#")
        return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)
    return int(c[0]), int(c[1]), int(c[2])


def _lin(v: float) -> float:
    v /= 255.0
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def _unlin(v: float) -> float:
    v = max(0.0, min(1.0, v))
    return 255.0 * (12.92 * v if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055)


def simulate(c, kind: str) -> tuple[int, int, int]:
    """How a colour looks with a colour-vision deficiency ('protanopia', 'deuteranopia', 'tritanopia')."""
    lin = [_lin(x) for x in rgb(c)]
    m = CVD[kind]
    return tuple(int(round(_unlin(sum(m[r][k] * lin[k] for k in range(3))))) for r in range(3))  # type: ignore[return-value]


@lru_cache(maxsize=4096)
def lab(c) -> tuple[float, float, float]:
    r, g, b = (_lin(x) for x in rgb(c))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(c1, c2) -> float:
    """CIEDE2000 colour difference between two colours."""
    L1, a1, b1 = lab(rgb(c1))
    L2, a2, b2 = lab(rgb(c2))
    C1, C2 = math.hypot(a1, b1), math.hypot(a2, b2)
    Cm = (C1 + C2) / 2
    G = 0.5 * (1 - math.sqrt(Cm ** 7 / (Cm ** 7 + 25 ** 7)))
    a1p, a2p = (1 + G) * a1, (1 + G) * a2
    C1p, C2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360
    h2p = math.degrees(math.atan2(b2, a2p)) % 360
    dLp, dCp = L2 - L1, C2p - C1p
    dh = h2p - h1p
    if C1p * C2p == 0:
        dh = 0.0
    elif dh > 180:
        dh -= 360
    elif dh < -180:
        dh += 360
    dHp = 2 * math.sqrt(C1p * C2p) * math.sin(math.radians(dh / 2))
    Lpm, Cpm = (L1 + L2) / 2, (C1p + C2p) / 2
    if C1p * C2p == 0:
        hpm = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hpm = (h1p + h2p) / 2
    else:
        hpm = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    T = (1 - 0.17 * math.cos(math.radians(hpm - 30)) + 0.24 * math.cos(math.radians(2 * hpm))
         + 0.32 * math.cos(math.radians(3 * hpm + 6)) - 0.20 * math.cos(math.radians(4 * hpm - 63)))
    dtheta = 30 * math.exp(-(((hpm - 275) / 25) ** 2))
    Rc = 2 * math.sqrt(Cpm ** 7 / (Cpm ** 7 + 25 ** 7))
    Sl = 1 + 0.015 * (Lpm - 50) ** 2 / math.sqrt(20 + (Lpm - 50) ** 2)
    Sc, Sh = 1 + 0.045 * Cpm, 1 + 0.015 * Cpm * T
    Rt = -math.sin(math.radians(2 * dtheta)) * Rc
    return math.sqrt((dLp / Sl) ** 2 + (dCp / Sc) ** 2 + (dHp / Sh) ** 2 + Rt * (dCp / Sc) * (dHp / Sh))


def kept_apart(colors: list, spares: list, min_de: float = MIN_DELTA_E) -> list[tuple[int, int, int]]:
    """The colours in order, each one that is closer than min_de to an earlier kept colour replaced by the spare
    farthest from all kept ones."""
    kept: list[tuple[int, int, int]] = []
    for c in colors:
        c = rgb(c)
        if all(delta_e(c, k) >= min_de for k in kept):
            kept.append(c)
            continue
        pool = [rgb(s) for s in spares if rgb(s) not in kept] or [c]
        kept.append(max(pool, key=lambda s: min((delta_e(s, k) for k in kept), default=100.0)))
    return kept

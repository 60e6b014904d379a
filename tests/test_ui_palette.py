"""Palettes: every nation of every shipped scenario stays apart from the others (CIEDE2000) in both palettes and,
in the colour-blind one, under simulated colour-vision deficiencies; 12+ colour-blind colours and a shape per
nation; the escalation ladder's colours rise in severity."""
from __future__ import annotations

import itertools

import pygame
import pytest

from game.content.loader import SCENARIOS, load_scenario
from game.ui.colors import MIN_DELTA_E, MIN_DELTA_E_CVD, delta_e, lab, rgb, simulate
from game.ui.theme import Theme
from game.ui.widgets.markers import SHAPES, draw_marker

SHIPPED = sorted(p for p in SCENARIOS.glob("*.yaml") if p.stem != "base")


def _scenarios():
    out = []
    for p in SHIPPED:
        try:
            out.append(load_scenario(p))
        except Exception:       # the base ruleset and other non-scenario files
            continue
    return out


@pytest.fixture(scope="module")
def scenarios():
    pygame.font.init()
    return _scenarios()


@pytest.mark.parametrize("colorblind", [False, True])
def test_no_two_nations_look_alike(scenarios, colorblind):
    th = Theme(1.0, colorblind)
    assert scenarios
    for sc in scenarios:
        cols = [rgb(th.nation_color(sc, k)) for k in range(sc.n)]
        for (i, a), (j, b) in itertools.combinations(enumerate(cols), 2):
            assert delta_e(a, b) >= MIN_DELTA_E, (sc.name, sc.nations[i].name, sc.nations[j].name, delta_e(a, b))
            if colorblind:
                for kind in ("deuteranopia", "protanopia"):
                    d = delta_e(simulate(a, kind), simulate(b, kind))
                    assert d >= MIN_DELTA_E_CVD, (sc.name, kind, sc.nations[i].name, sc.nations[j].name, d)


def test_north_atlantic_blues_are_told_apart(scenarios):
    sc = next(s for s in scenarios if "North Atlantic" in s.name)
    th = Theme(1.0, False)
    cols = [rgb(th.nation_color(sc, k)) for k in range(sc.n)]
    assert len(set(cols)) == sc.n
    assert cols[0] == tuple(sc.nations[0].color)[:3]          # the first keeps the scenario's own colour


def test_colorblind_palette_has_twelve_colours_and_shapes():
    th = Theme(1.0, True)
    cols = [rgb(th.nation_color(None, k)) for k in range(12)]
    assert len(set(cols)) == 12
    for a, b in itertools.combinations(cols, 2):
        assert delta_e(a, b) >= MIN_DELTA_E
    assert len(set(SHAPES)) >= 12 and len({Theme.nation_shape(k) for k in range(12)}) == 12
    surf = pygame.Surface((40, 40))
    for shape in SHAPES:            # every shape draws something about the size asked
        surf.fill((0, 0, 0))
        r = draw_marker(surf, shape, (255, 255, 255), (20, 20), 8)
        assert 10 <= r.width <= 24 and 10 <= r.height <= 24, (shape, r)


@pytest.mark.parametrize("colorblind", [False, True])
def test_ladder_rises_in_severity(colorblind):
    th = Theme(1.0, colorblind)
    steps = [rgb(th.ladder_color(k)) for k in range(6)]
    for view in (None, "deuteranopia", "protanopia"):
        light = [lab(simulate(c, view) if view else c)[0] for c in steps]
        assert all(a > b + 3 for a, b in zip(light, light[1:])), (view, light)     # each step darker
    assert lab(steps[5])[1] > lab(steps[0])[1] + 30          # and far redder than calm

"""The cards a shipped scenario plays differently from the base catalog do what their text there says (one turn with the
order against the same turn without it, every chance roll failing, so only the order differs)."""
from __future__ import annotations

from pathlib import Path

import pytest
from rules_fixtures import FixedRng, O, base_ruleset

from game.content.loader import load_scenario
from game.sim.resolve import new_game, resolve_turn

SCENARIOS = Path(__file__).resolve().parents[1] / "game" / "data" / "scenarios"


def _gap(sc, orders, field, who, *, interop: float = 0.3):
    """What `orders` of nation 0 change `field` at `who` (a nation, or a (from, to) pair) by, in one turn."""
    def turn(with_orders):
        st = new_game(sc)
        st.v["interop"][0, 1] = st.v["interop"][1, 0] = interop   # special forces needs 0.2 with the partner
        out, _ = resolve_turn(st, {0: orders} if with_orders else {}, FixedRng(0.9999))
        return float(out.v[field][who])
    return turn(True) - turn(False)


@pytest.fixture(scope="module")
def north_atlantic():
    return load_scenario(SCENARIOS / "north_atlantic.yaml")


@pytest.fixture(scope="module")
def tutorial():
    return load_scenario(SCENARIOS / "tutorial.yaml")


@pytest.fixture(scope="module")
def southeast_asia():
    return load_scenario(SCENARIOS / "southeast_asia.yaml")


def test_north_atlantic_special_forces_gain_both_forces_and_the_allys_trust(north_atlantic):
    """'Both forces gain, and the ally trusts you more for it': the base card gives the sender no security and wins
    no trust."""
    sf = [O("special_forces", 1)]
    base = base_ruleset()
    # the base card's sender gains only what the terrorism it fights no longer takes (about 0.2 here)
    assert _gap(north_atlantic, sf, "security", 0) > _gap(base, sf, "security", 0) + 0.5
    assert _gap(north_atlantic, sf, "security", 1) > 1.5
    assert _gap(north_atlantic, sf, "trust", (1, 0)) > 0.005
    assert _gap(base, sf, "trust", (1, 0)) <= 0.0


def test_archipelago_joint_infrastructure_starts_paying_at_once(southeast_asia):
    """'Work starts at once, trade flows from the next turn, and the partners draw closer': both economies gain in
    the turn itself (the base card pays from two turns later), and trust rises both ways."""
    infra = [O("joint_infrastructure", 1)]
    assert _gap(southeast_asia, infra, "economy", 1) > 0.5
    assert _gap(southeast_asia, infra, "trust", (1, 0)) > 0.01
    assert _gap(southeast_asia, infra, "trust", (0, 1)) > 0.01
    assert _gap(base_ruleset(), infra, "economy", 1) < 0.1   # a trace of trade from the trust it wins


def test_archipelago_show_of_force_deters_and_the_rival_remembers(southeast_asia):
    """'Popular at home, and it deters - but the rival remembers': the sender's security and support rise, the
    rival's trust in it falls (the base card buys no security)."""
    sof = [O("show_of_force", 1)]
    assert _gap(southeast_asia, sof, "security", 0) > 0.5
    assert _gap(southeast_asia, sof, "support", 0) > 1.0
    assert _gap(southeast_asia, sof, "trust", (1, 0)) < -0.01
    assert _gap(base_ruleset(), sof, "security", 0) <= 0.0


def test_tutorial_hotline_calms_the_bay(tutorial):
    """'Incidents between you are far less likely to escalate, and the bay breathes easier for it': the tutorial's
    briefing sends its teams to the hotline after the border incident; there it raises the region's stability, eases
    the pair's tension more than the base card and wins the partner's trust (the base card wins a trace)."""
    line = [O("crisis_hotline", 1)]
    base = base_ruleset()
    assert _gap(tutorial, line, "stability", ()) > _gap(base, line, "stability", ()) + 0.5   # base: 0.1, the calmer pair
    assert _gap(tutorial, line, "tension", (0, 1)) < _gap(base, line, "tension", (0, 1)) - 0.005   # near 0: damped
    assert _gap(tutorial, line, "trust", (1, 0)) > 0.01
    assert _gap(base, line, "trust", (1, 0)) < 0.002      # a trace, through the calmer pair

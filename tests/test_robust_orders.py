"""Orders at the engine's door: wrongly typed orders and targets are IllegalOrders in words, never a TypeError;
numpy integers are whole numbers; IllegalOrders survives pickling (worker pools send it back)."""
from __future__ import annotations

import pickle

import numpy as np
import pytest

from game.runner.headless import turn_rng
from game.sim.orders import order_problems
from game.sim.resolve import IllegalOrders, new_game, resolve_turn
from game.sim.state import Order


@pytest.fixture()
def start(meridian):
    return new_game(meridian)


def _partner_action(sc):
    return next(a.id for a in sc.actions if a.target == "partner" and a.budget == 0 and not a.requires)


BAD_TARGETS = [1.0, 1.5, "1", None, b"\x01", True, float("nan"), {"a": 1}, [1]]


@pytest.mark.parametrize("target", BAD_TARGETS, ids=repr)
def test_a_wrongly_typed_target_is_illegal_orders_not_a_crash(start, target):
    action = _partner_action(start.scenario)
    with pytest.raises(IllegalOrders) as info:
        resolve_turn(start, {0: [Order(action, (target,))]}, turn_rng(1, 1, 0))
    assert "not a nation or organization number" in str(info.value)


def _stable_id(x) -> str:
    """repr, without an object's address: every pytest-xdist worker must collect the same test ids."""
    return "object()" if type(x) is object else repr(x)


@pytest.mark.parametrize("targets", [None, 1, 2.5, "12", {1: 2}, object()], ids=_stable_id)
def test_targets_that_are_not_a_list_are_refused(start, targets):
    action = _partner_action(start.scenario)
    with pytest.raises(IllegalOrders) as info:
        resolve_turn(start, {0: [Order(action, targets)]}, turn_rng(1, 1, 0))
    assert "targets must be a list of numbers" in str(info.value)


@pytest.mark.parametrize("orders", [None, 5, "hotline", {"a": 1}, [5], [None], [("x",)], [(1, (1,))],
                                    [Order(7, (1,))], [Order("x", (1,))] * 65], ids=lambda o: repr(o)[:30])
def test_orders_that_are_not_orders_are_refused(start, orders):
    with pytest.raises(IllegalOrders):
        resolve_turn(start, {0: orders}, turn_rng(1, 1, 0))


@pytest.mark.parametrize("nation", [True, 1.0, "0", None, -1, 99], ids=repr)
def test_a_nation_that_is_not_a_seat_is_refused(start, nation):
    with pytest.raises(IllegalOrders):
        resolve_turn(start, {nation: []}, turn_rng(1, 1, 0))


def test_numpy_integers_are_whole_numbers(start):
    action = _partner_action(start.scenario)
    assert order_problems(start, np.int64(0), [Order(action, (np.int64(1),))]) == []
    new, _ = resolve_turn(start, {np.int32(0): [Order(action, (np.int32(1),))]}, turn_rng(1, 1, 0))
    assert new.turn == 2
    # kept as plain ints: a numpy integer in the orders once leaked into a later save's JSON
    assert [type(t) for o in new.last_orders[0] for t in o.targets] == [int]


def test_illegal_orders_pickles_with_its_problems(start):
    with pytest.raises(IllegalOrders) as info:
        resolve_turn(start, {0: [Order("no_such", ())]}, turn_rng(1, 1, 0))
    back = pickle.loads(pickle.dumps(info.value))
    assert isinstance(back, IllegalOrders) and back.problems == info.value.problems and str(back) == str(info.value)

"""Wagner–Whitin and the finite-horizon programme: batches, broadcasting, DataFrames, errors."""

import numpy as np
import pandas as pd
import pytest

import flowcast
import flowcast.inventory as inv
from flowcast.inventory.compat.stockpyl.wagner_whitin import wagner_whitin as sp_wagner_whitin

DEMAND = np.array([[90, 120, 80, 70], [10, 0, 300, 5], [0, 0, 0, 0]], dtype=float)


def test_wagner_whitin_batch_rows_equal_single_calls():
    k = np.array([[500.0], [50.0], [10.0]])
    c = [1.0, 2.0, 1.5, 0.5]
    plans = inv.wagner_whitin(DEMAND, holding_cost=2, fixed_cost=k, purchase_cost=c)
    assert plans.order_quantities.shape == (3, 4) and plans.costs_to_go.shape == (3, 5)
    for i in range(3):
        one = inv.wagner_whitin(DEMAND[i], 2, float(k[i, 0]), c)
        assert one.cost == plans.cost[i]
        np.testing.assert_array_equal(one.order_quantities, plans.order_quantities[i])
        np.testing.assert_array_equal(one.next_order_periods, plans.next_order_periods[i])
    # Every plan orders exactly the demand; a SKU without demand costs nothing.
    np.testing.assert_array_equal(plans.order_quantities.sum(axis=1), DEMAND.sum(axis=1))
    assert plans.cost[2] == 0.0


def test_wagner_whitin_keeps_a_dataframe_index():
    frame = pd.DataFrame(DEMAND[:2], index=["sku-a", "sku-b"], columns=["w1", "w2", "w3", "w4"])
    plans = inv.wagner_whitin(frame, holding_cost=2, fixed_cost=100)
    assert list(plans.order_quantities.index) == ["sku-a", "sku-b"]
    assert list(plans.order_quantities.columns) == ["w1", "w2", "w3", "w4"]
    assert plans.cost["sku-b"] == inv.wagner_whitin(DEMAND[1], 2, 100).cost


def test_the_stockpyl_drop_in_batches_2d_demand():
    Q, cost, theta, s = sp_wagner_whitin(4, 2, 500, DEMAND[:2])
    assert Q.shape == (2, 5) and theta.shape == (2, 6) and s.shape == (2, 5)
    assert cost[0] == 1380.0 and s[0].tolist() == [0, 3, 5, 5, 5]


def test_finite_horizon_batch_and_detail():
    one = inv.finite_horizon(1, 20, 2, 50, 100, 20, periods=5, terminal_holding_cost=1, terminal_stockout_cost=20)
    assert one.cost_to_go.shape == (6, one.levels.size) and one.order_up_to.shape == (5, one.levels.size)
    # The cost of starting at level 0 is θ_1(0).
    assert one.cost_to_go[0, int(-one.levels[0])] == one.total_cost
    assert 0 <= one.demand_outside_grid < 1e-3
    many = inv.finite_horizon(
        1, 20, 2, [[50.0], [0.0]], 100, 20, periods=5, terminal_holding_cost=1, terminal_stockout_cost=20
    )
    assert many.reorder_points.shape == (2, 5) and many.cost_to_go is None
    np.testing.assert_array_equal(many.order_up_to_levels[0], one.order_up_to_levels)
    np.testing.assert_array_equal(many.reorder_points[1], many.order_up_to_levels[1])  # K = 0: base stock


BAD = [
    (lambda: inv.wagner_whitin([10, -1, 5], 1, 10), "negative", "demand[1]"),
    (lambda: inv.wagner_whitin(DEMAND, 1, [[1.0], [2.0]]), "length_mismatch", "fixed_cost"),
    (lambda: inv.wagner_whitin(DEMAND, [1, 2], 10), "length_mismatch", "holding_cost"),
    (lambda: inv.wagner_whitin([[1, 2], [3, np.nan]], 1, 10), "not_finite", "demand[1, 1]"),
    (lambda: inv.wagner_whitin([], 1, 10), "empty", "demand"),
    (lambda: inv.finite_horizon(1, 20, 2, 50, 100, 20), "wrong_type", "periods"),
    (lambda: inv.finite_horizon(1, 20, 2, 50, 100, [20, 0], periods=2), "not_positive", "demand_sd[1]"),
    (lambda: inv.finite_horizon(0, 20, 2, 50, 100, 20, periods=2), "not_positive", "holding_cost"),
    (
        lambda: inv.finite_horizon(1, 20, 2, 50, 100, 20, periods=2, discount_factor=1.2),
        "out_of_range",
        "discount_factor",
    ),
]


@pytest.mark.parametrize("call,code,field", BAD)
def test_bad_input_is_a_validation_error(call, code, field):
    with pytest.raises(flowcast.ValidationError) as info:
        call()
    assert (info.value.code, info.value.field) == (code, field)


def test_guaranteed_service_on_a_tree_and_its_evaluator_agree():
    # Two suppliers feed an assembly stage that serves two retailers.
    edges = [(0, 2), (1, 2), (2, 3), (2, 4)]
    kw = dict(demand_sd=[0, 0, 0, 3, 4], demand_mean=[0, 0, 0, 10, 20], demand_bound_constant=1.645)
    best = inv.guaranteed_service(
        [1, 1, 2, 4, 4], [2, 3, 1, 1, 1], edges, external_outbound_cst=[None] * 3 + [0, 1], **kw
    )
    assert best.net_demand_sd[2] == pytest.approx(5.0) and best.net_demand_mean[2] == 30
    again = inv.guaranteed_service(
        [1, 1, 2, 4, 4], [2, 3, 1, 1, 1], edges, external_outbound_cst=[None] * 3 + [0, 1],
        outbound_cst=best.outbound_cst.astype(int).tolist(), **kw,
    )  # fmt: skip
    assert again.cost == pytest.approx(best.cost)
    np.testing.assert_allclose(again.safety_stock, best.safety_stock)


def test_simulation_is_seeded_and_shaped_periods_by_stages():
    kw = dict(demand={"distribution": "poisson", "mean": 5}, base_stock_level=[8, 10], seed=3)
    a = inv.simulate(50, [2, 1], 9, [1, 2], **kw)
    b = inv.simulate(50, [2, 1], 9, [1, 2], **kw)
    assert a.inventory_level.shape == (50, 2)
    np.testing.assert_array_equal(a.inventory_level, b.inventory_level)
    assert a.total_cost == pytest.approx(a.holding_cost.sum() + a.stockout_cost.sum())
    # Stage 1 sees stage 0's orders as its demand.
    np.testing.assert_array_equal(a.demand[:, 1], a.order_quantity[:, 0])


NETWORK_BAD = [
    (lambda: inv.guaranteed_service([1, 1, 1], [1, 1, 1], [(0, 1), (1, 2), (2, 0)]), "invalid_network", "edges"),
    (lambda: inv.guaranteed_service([1, 1, 1], [1, 1, 1], [(0, 1)]), "invalid_network", "edges"),
    (lambda: inv.guaranteed_service([1, 1], [1, 1.5], [(0, 1)]), "out_of_range", "processing_time[1]"),
    (lambda: inv.guaranteed_service([1, -1], [1, 1], [(0, 1)]), "negative", "holding_cost[1]"),
    (lambda: inv.serial_base_stock([1, 2], [1, -1], 10, 5, 1), "negative", "lead_time[1]"),
    (lambda: inv.serial_base_stock([1, 2], [1, 1], 10, 5, 0), "not_positive", "demand_sd"),
    (lambda: inv.simulate(5, 1, 9, 1, [1, -2], base_stock_level=3), "negative", "demand[1]"),
    (
        lambda: inv.simulate(5, 1, 9, 1, [1], policy="s_S", reorder_point=5, order_up_to_level=2),
        "out_of_range",
        "order_up_to_level",
    ),
    (lambda: inv.simulate(5, 1, 9, 1, [1], policy="fixed", base_stock_level=3), "out_of_range", "policy"),
]


@pytest.mark.parametrize("call,code,field", NETWORK_BAD)
def test_network_and_simulation_bad_input(call, code, field):
    with pytest.raises(flowcast.ValidationError) as info:
        call()
    assert (info.value.code, info.value.field) == (code, field)


def test_myopic_bounds_and_levels_match_stockpyls_examples():
    from flowcast.inventory.compat.stockpyl.finite_horizon import myopic_bounds
    from flowcast.inventory.compat.stockpyl.newsvendor import set_myopic_cost_to

    S_lo, S_hi, s_lo, s_hi = myopic_bounds(5, 1, 20, 1, 20, 2, 50, 100, 20)
    assert (S_lo[1], S_hi[1], s_lo[1], s_hi[1]) == pytest.approx(
        (133.36782387894158, 191.66022942788436, 110.26036848597217, 133.36782387894158), abs=1e-9
    )
    assert set_myopic_cost_to(18, 0.18, 0.70, 0.3, 0.35, 50, 8, 0.98) == pytest.approx(49.394684658734164, abs=1e-9)
    assert set_myopic_cost_to(18, 0.18, 0.70, 0.3, 0.35, 50, 8, 0.98, left_half=False) == pytest.approx(
        71.84861989932769, abs=1e-9
    )
    levels = inv.myopic_level_at_cost([18, 20], 0.18, 0.70, 0.3, 0.35, 50, 8, 0.98)
    assert levels.shape == (2,) and levels[1] < levels[0]
    with pytest.raises(flowcast.ValidationError) as info:
        inv.myopic_level_at_cost(1, 0.18, 0.70, 0.3, 0.35, 50, 8, 0.98)
    assert info.value.field == "cost"

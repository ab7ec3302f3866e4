"""flowcast.expiry perishable models: every exact vector, the published De Moor (2022) and
Hendrix (2019) checks, simulation against the exact values, and bad input."""

import numpy as np
import pytest

import flowcast
import flowcast.expiry as ex

METRICS = (
    "expected_order",
    "expected_sales",
    "expected_lost_sales",
    "expected_outdate",
    "expected_end_on_hand",
    "fill_rate",
    "waste_fraction",
    "n_states",
)


def test_every_exact_vector(load_shared):
    cases = load_shared("inventory/perishable_vectors_dev.json")["perishable"]
    assert len(cases) == 12
    for case in cases:
        i = case["inputs"]
        got = ex.perishable_base_stock(
            lifetime=i["lifetime_m"],
            order_up_to=i["order_up_to_S"],
            demand_mean=i["poisson_mean"],
            issuing=i["issuing"].lower(),
        )
        for key in METRICS:
            assert got[key] == pytest.approx(case["expected"][key], abs=case["tol_abs"]), (case["id"], key)


def _de_moor(reference, issuing):
    inp = reference["inputs"]
    return dict(
        lifetime=inp["max_useful_life"],
        issuing=issuing,
        lead_time=inp["lead_time"],
        demand_pmf=ex.gamma_demand_pmf(4.0, 0.5, 100),
        order_cost=inp["variable_order_cost"],
        shortage_cost=inp["shortage_cost"],
        wastage_cost=inp["wastage_cost"],
        holding_cost=inp["holding_cost"],
        max_order=inp["max_order_quantity"],
    )


def test_de_moor_2022_best_base_stock_and_policy_tables(load_shared):
    reference = load_shared("inventory/perishable_vectors_dev.json")["published_reference"][0]
    want = reference["expected"]
    for issuing in ("lifo", "fifo"):
        best = ex.optimize_perishable_base_stock(**_de_moor(reference, issuing))
        assert best["base_stock"] == want[f"{issuing.upper()}_best_base_stock_S"]
        args = _de_moor(reference, issuing)
        policy = ex.perishable_optimal_policy(
            args.pop("lifetime"), args.pop("max_order"), discount=0.99, tolerance=1e-4, **args
        )
        table = np.asarray(want[f"optimal_policy_{issuing.upper()}_rows_age1_8_to_0_cols_age2_0_to_8"])
        # Rows run from age1 = 8 down to 0, columns age2 = 0..8.
        np.testing.assert_array_equal(policy["orders"][8::-1, :9], table)


@pytest.mark.parametrize("m, max_order, key", [(2, 10, "m2_exp1_pi"), (3, 15, "m3_exp1_pi")])
def test_hendrix_2019_long_run_reward(load_shared, m, max_order, key):
    want = load_shared("inventory/perishable_vectors_dev.json")["published_reference"][1]["expected"][key]
    policy = ex.perishable_optimal_policy(m, max_order, 5.0, "fifo", lead_time=1, order_cost=0.5, price=1.0)
    assert policy["converged"]
    assert round(policy["average_reward"], 2) == want


def test_simulation_agrees_with_the_exact_chain():
    exact = ex.perishable_base_stock(3, 10, 4.0, "lifo")
    sim = ex.simulate_perishable(3, 10, 4.0, "lifo", periods=200_000, seed=7)
    for key, err in (("expected_outdate", "outdate"), ("expected_sales", "sales")):
        assert abs(sim["metrics"][key] - exact[key]) < 5 * sim["std_errors"][err] + 1e-9
    assert sim == ex.simulate_perishable(3, 10, 4.0, "lifo", periods=200_000, seed=7)
    # Lead times are the simulator's ground: it still balances its flows.
    lagged = ex.simulate_perishable(3, 12, 4.0, "fifo", lead_time=2, periods=50_000, seed=1)["metrics"]
    assert lagged["expected_sales"] + lagged["expected_lost_sales"] == pytest.approx(4.0, abs=0.05)


def test_bad_input_raises_typed_errors():
    cases = [
        (lambda: ex.perishable_base_stock(0, 5, 3.0), "out_of_range", "lifetime"),
        (lambda: ex.perishable_base_stock(2, -1, 3.0), "negative", "base_stock"),
        (lambda: ex.perishable_base_stock(2, 5, float("nan")), "not_finite", "demand_mean"),
        (lambda: ex.perishable_base_stock(2, 5, 3.0, "newest"), "wrong_type", "issuing"),
        (lambda: ex.perishable_base_stock(2, 5, demand_pmf=[0.5, 0.4]), "out_of_range", "pmf"),
        (lambda: ex.perishable_base_stock(2, 5, 3.0, holding_cost=-1), "negative", "holding_cost"),
        (lambda: ex.perishable_base_stock(2, 5), "wrong_type", "demand_mean"),
    ]
    for call, code, field in cases:
        with pytest.raises(flowcast.ValidationError) as e:
            call()
        assert (e.value.code, e.value.field) == (code, field), e.value

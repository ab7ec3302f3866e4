"""flowcast.inventory: broadcasting, containers, agreement with the formulas, bad input."""

import pickle
import threading

import numpy as np
import pandas as pd
import polars as pl
import pytest

import flowcast
import flowcast.inventory as inv


def test_scalars_give_floats_and_arrays_give_arrays():
    q, cost = inv.eoq(8, 0.225, 1300)
    assert type(q) is float and type(cost) is float
    q, cost = inv.eoq(8, 0.225, [1300, 5200])
    assert isinstance(q, np.ndarray) and q.shape == (2,)
    assert q[1] == pytest.approx(2 * q[0])


def test_broadcasting_follows_numpy_shapes():
    demand = np.array([[100.0, 200.0, 300.0], [400.0, 500.0, 600.0]])
    holding = np.array([1.0, 2.0, 3.0])
    q, _ = inv.eoq(10.0, holding, demand)
    assert q.shape == (2, 3)
    np.testing.assert_allclose(q, np.sqrt(2 * 10.0 * demand / holding), rtol=1e-15)


def test_non_contiguous_and_integer_inputs_are_accepted():
    demand = np.arange(1, 21, dtype=np.int64)[::2]
    q, _ = inv.eoq(8, 0.5, demand)
    np.testing.assert_allclose(q, np.sqrt(2 * 8 * demand / 0.5), rtol=1e-15)


def test_batch_equals_scalar_calls_exactly():
    rng = np.random.default_rng(7)
    mu, sd = rng.uniform(1, 100, 50), rng.uniform(0, 30, 50)
    lt, q = rng.uniform(1, 10, 50), rng.uniform(10, 500, 50)
    batch = inv.safety_stock(mu, sd, lt, 0.5, fill_rate=0.97, order_quantity=q)
    for i in range(50):
        one = inv.safety_stock(mu[i], sd[i], lt[i], 0.5, fill_rate=0.97, order_quantity=q[i])
        assert one.safety_stock == batch.safety_stock[i]
        assert one.reorder_point == batch.reorder_point[i]


def test_safety_stock_targets_agree_with_each_other():
    csl = inv.safety_stock(100, 30, 4, 1, cycle_service_level=0.9)
    k = inv.safety_stock(100, 30, 4, 1, safety_factor=csl.safety_factor)
    assert k.safety_stock == pytest.approx(csl.safety_stock, rel=1e-15)
    assert k.cycle_service_level == pytest.approx(0.9, rel=1e-14)
    fill = inv.safety_stock(100, 30, 4, 1, fill_rate=0.99, order_quantity=500)
    check = inv.cycle_service(fill.safety_factor, fill.lead_time_demand_sd, 500)
    assert check.fill_rate == pytest.approx(0.99, abs=1e-12)


def test_loss_function_identities_and_inverse():
    z = np.linspace(-5, 5, 101)
    g, gbar = inv.standard_normal_loss(z), inv.standard_normal_loss_complement(z)
    np.testing.assert_allclose(g - gbar, -z, atol=1e-13)
    g2, g2bar = inv.standard_normal_second_loss(z), inv.standard_normal_second_loss_complement(z)
    np.testing.assert_allclose(g2 + g2bar, 0.5 * (z * z + 1), rtol=1e-13)
    np.testing.assert_allclose(inv.standard_normal_loss_inverse(g), z, atol=1e-9)
    # (3z + 10 − 10)/3 is z only to rounding, which the far tail magnifies a little.
    x = z * 3 + 10
    np.testing.assert_allclose(inv.normal_loss(x, 10, 3), 3 * g, rtol=1e-11)
    np.testing.assert_allclose(inv.normal_loss_complement(x, 10, 3), 3 * gbar, rtol=1e-11)
    np.testing.assert_allclose(inv.normal_second_loss(x, 10, 3), 9 * g2, rtol=1e-11)
    np.testing.assert_allclose(inv.normal_second_loss_complement(x, 10, 3), 9 * g2bar, rtol=1e-11)


def test_pandas_series_in_pandas_series_out_with_the_index():
    demand = pd.Series([1300.0, 5200.0], index=["sku-a", "sku-b"], name="demand")
    q, cost = inv.eoq(8, 0.225, demand)
    assert isinstance(q, pd.Series) and list(q.index) == ["sku-a", "sku-b"]
    assert q["sku-b"] == pytest.approx(2 * q["sku-a"])
    r = inv.safety_stock(demand / 365, 2.0, 7, cycle_service_level=0.95)
    assert isinstance(r.reorder_point, pd.Series)


def test_polars_series_in_polars_series_out():
    demand = pl.Series("demand", [1300.0, 5200.0])
    q, _ = inv.eoq(8, 0.225, demand)
    assert isinstance(q, pl.Series) and q.len() == 2
    frame = pl.DataFrame({"mu": [10.0, 20.0], "sd": [3.0, 4.0]})
    r = inv.safety_stock(frame["mu"], frame["sd"], 5, cycle_service_level=0.95)
    assert isinstance(r.safety_stock, pl.Series)


BAD_CALLS = [
    (lambda: inv.eoq(float("nan"), 1, 1), "not_finite", "fixed_cost", "NaN"),
    (lambda: inv.eoq(0, 1, 1), "not_positive", "fixed_cost", "0"),
    (lambda: inv.eoq(1, -2, 1), "not_positive", "holding_cost", "-2"),
    (lambda: inv.eoq(1, 1, [1, -3]), "negative", "demand_rate[1]", "-3"),
    (lambda: inv.eoq(1, 1, []), "empty", "demand_rate", "[]"),
    (lambda: inv.eoq(1, [1, 2, 3], [1, 2]), "length_mismatch", "inputs", None),
    (lambda: inv.eoq(1, 1, ["a", "b"]), "wrong_type", "demand_rate", None),
    (lambda: inv.eoq(1, 1, 1, order_quantity=0), "not_positive", "order_quantity", "0"),
    (lambda: inv.safety_stock(10, 2, 3, cycle_service_level=1.0), "out_of_range", "cycle_service_level", "1"),
    (lambda: inv.safety_stock(10, 2, 3, fill_rate=[0.9, 1.5], order_quantity=5), "out_of_range", "fill_rate[1]", "1.5"),
    (lambda: inv.safety_stock(10, [2, float("inf")], 3, safety_factor=1), "not_finite", "demand_sd[1]", "inf"),
    (lambda: inv.standard_normal_loss([0.0, float("nan")]), "not_finite", "z[1]", "NaN"),
    (lambda: inv.standard_normal_loss_inverse(0.0), "not_positive", "g", "0"),
    (lambda: inv.normal_loss(1, 0, 0), "not_positive", "sd", "0"),
    (lambda: inv.cycle_service(1, 1, -5), "not_positive", "order_quantity", "-5"),
    (lambda: inv.loss("weibull", 1, shape=2), "out_of_range", "distribution", "'weibull'"),
    (lambda: inv.loss("poisson", [1, 2.5], mean=3), "out_of_range", "x[1]", "2.5"),
    (lambda: inv.loss("poisson", 1, mean=[3, -1]), "not_positive", "mean[1]", "-1"),
    (lambda: inv.loss("gamma", 0, shape=2, scale=3), "out_of_range", "x", "0"),
    (lambda: inv.loss("poisson", 1, mean=3, order=3), "out_of_range", "order", "3"),
    (lambda: inv.loss("discrete", 1, pmf={1: 0.5, 2: 0.4}), "out_of_range", "pmf", None),
    (lambda: inv.loss("negative_binomial", 3, mean=5, sd=2), "out_of_range", "sd", "2"),
    (lambda: inv.rq(1, 10, 5, 100, 10, 1, method="best"), "out_of_range", "method", '"best"'),
    (lambda: inv.rq(1, 10, 5, [100, -1], 10, 1), "not_positive", "demand_mean[1]", "-1"),
    (lambda: inv.rq_cost(50, 0, 1, 10, 5, 100, 10, 1), "not_positive", "order_quantity", "0"),
    (lambda: inv.rq_poisson(1, 10, 5, float("nan"), 1), "not_finite", "demand_mean", "NaN"),
    (lambda: inv.ss(1, -10, 5, demand_mean=4), "not_positive", "stockout_cost", "-10"),
    (lambda: inv.ss_power_approximation(1, 10, 5, 4, [1, float("inf")]), "not_finite", "demand_sd[1]", "inf"),
]


@pytest.mark.parametrize("call,code,field,value", BAD_CALLS)
def test_bad_input_raises_validation_error_naming_field_and_value(call, code, field, value):
    with pytest.raises(flowcast.ValidationError) as info:
        call()
    e = info.value
    assert isinstance(e, ValueError) and isinstance(e, flowcast.FlowcastError)
    assert e.code == code and e.field == field
    if value is not None:
        assert e.value == value
    assert field in str(e) and f"[{code}]" in str(e)


def test_errors_index_the_callers_own_arrays_after_broadcasting():
    with pytest.raises(flowcast.ValidationError) as info:
        inv.eoq([[8.0], [-1.0]], 1.0, [1.0, 2.0, 3.0])
    assert info.value.field == "fixed_cost[1, 0]"
    assert str(info.value).startswith("fixed_cost[1, 0] = -1:")
    with pytest.raises(flowcast.ValidationError) as info:
        inv.safety_stock(1, 1, 1, fill_rate=[0.9, "x"], order_quantity=5)
    assert (info.value.field, info.value.code) == ("fill_rate", "wrong_type")


def test_series_with_different_indexes_are_refused_not_paired_by_position():
    a = pd.Series([1.0, 2.0], index=["sku-a", "sku-b"])
    b = pd.Series([1.0, 2.0], index=["sku-b", "sku-a"])
    with pytest.raises(flowcast.ValidationError) as info:
        inv.eoq(8, a, b)
    assert info.value.code == "length_mismatch" and "same index" in info.value.reason
    # A one-element Series broadcasts; the result takes the full-length Series' index.
    q, _ = inv.eoq(pd.Series([8.0]), 1.0, a)
    assert list(q.index) == ["sku-a", "sku-b"]


def test_text_series_are_wrong_type():
    for series in (pd.Series(["a", "b"]), pl.Series(["a", "b"])):
        with pytest.raises(flowcast.ValidationError) as info:
            inv.eoq(8, series, 1)
        assert info.value.code == "wrong_type" and "\n" not in str(info.value)


def test_overflow_is_an_error_not_an_infinity():
    with pytest.raises(flowcast.ValidationError) as info:
        inv.eoq(1.0, 1e-300, [1.0, 1e300])
    assert info.value.field == "order_quantity[1]" and info.value.code == "not_finite"


def test_loss_of_any_distribution_broadcasts_and_keeps_identities():
    x = np.arange(0, 40)
    for name, params in [
        ("poisson", {"mean": 12.0}),
        ("negative_binomial", {"mean": 12.0, "sd": 5.0}),
        ("geometric", {"p": 0.1}),
        ("gamma", {"shape": 3.0, "scale": 4.0}),
    ]:
        xs = x + 1 if name == "gamma" else x
        first = inv.loss(name, xs, **params)
        assert first.loss.shape == xs.shape
        assert np.all(np.diff(first.loss) <= 1e-12)  # n(x) decreases
        np.testing.assert_allclose(
            first.loss - first.complement, 12.0 - xs if name != "geometric" else 10.0 - xs, atol=1e-9
        )
    pmf = {0: 0.1, 2: 0.6, 5: 0.3}
    r = inv.loss("discrete", [0, 2, 5], pmf=pmf)
    np.testing.assert_allclose(r.loss - r.complement, 2.7 - np.array([0, 2, 5]), atol=1e-12)
    with pytest.raises(TypeError):
        inv.loss("normal", 1, mean=0)


def test_misused_targets_are_type_errors():
    with pytest.raises(TypeError):
        inv.safety_stock(10, 2, 3)
    with pytest.raises(TypeError):
        inv.safety_stock(10, 2, 3, cycle_service_level=0.9, safety_factor=1)
    with pytest.raises(TypeError):
        inv.safety_stock(10, 2, 3, fill_rate=0.9)


def test_errors_survive_pickling():
    with pytest.raises(flowcast.ValidationError) as info:
        inv.eoq(1, -2, 1)
    again = pickle.loads(pickle.dumps(info.value))
    assert (again.code, again.field, again.value, str(again)) == (
        info.value.code,
        info.value.field,
        info.value.value,
        str(info.value),
    )


def test_the_gil_is_released_during_batch_work():
    """Another Python thread keeps running while a large batch is computed in Rust."""
    n = 4_000_000
    demand = np.full(n, 1000.0)
    started, done = threading.Event(), threading.Event()
    ticks = []

    def work():
        started.set()
        for _ in range(3):
            inv.safety_stock(demand, 30.0, 5.0, 1.0, fill_rate=0.98, order_quantity=400.0)
        done.set()

    def count():
        started.wait()
        while not done.is_set():
            ticks.append(1)

    threads = [threading.Thread(target=work), threading.Thread(target=count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(ticks) > 1000, "the counting thread was starved: the GIL was held"


def test_safety_stock_from_quantiles_of_a_normal_matches_mean_and_sd():
    from statistics import NormalDist

    levels = [0.1, 0.5, 0.9, 0.99]
    rows = [[NormalDist(m, s).inv_cdf(a) for a in levels] for m, s in [(100, 20), (40, 5)]]
    by_quantiles = inv.safety_stock_from_quantiles(rows, levels, cycle_service_level=[0.95, 0.9])
    direct = inv.safety_stock([100, 40], [20, 5], 1, cycle_service_level=[0.95, 0.9])
    np.testing.assert_allclose(by_quantiles.reorder_point, direct.reorder_point, rtol=1e-9)
    np.testing.assert_allclose(by_quantiles.safety_stock, direct.safety_stock, rtol=1e-9)
    fill = inv.safety_stock_from_quantiles(rows[0], levels, fill_rate=0.98, order_quantity=200)
    assert fill.reorder_point == pytest.approx(
        inv.safety_stock(100, 20, 1, fill_rate=0.98, order_quantity=200).reorder_point, rel=1e-9
    )


def test_safety_stock_from_a_quantile_dataframe_keeps_its_index():
    frame = pd.DataFrame([[80, 100, 130], [8, 10, 14]], index=["a", "b"], columns=[0.1, 0.5, 0.9])
    r = inv.safety_stock_from_quantiles(frame, cycle_service_level=0.9)
    assert list(r.reorder_point.index) == ["a", "b"] and r.reorder_point["a"] == 130.0
    with pytest.raises(flowcast.ValidationError) as info:
        inv.safety_stock_from_quantiles([[1, 2], [3, 1]], [0.5, 0.9], cycle_service_level=0.9)
    assert info.value.field == "values[1, 1]"


def test_threads_do_not_change_the_answers():
    means = np.linspace(5, 40, 64)
    one = inv.ss(1, 9, 64, means, threads=1)
    every = inv.ss(1, 9, 64, means)
    np.testing.assert_array_equal(one.order_up_to_level, every.order_up_to_level)
    np.testing.assert_array_equal(one.cost, every.cost)
    q1 = inv.rq(0.2, 5, 8, means * 100, means * 3, 0.1, threads=1)
    q2 = inv.rq(0.2, 5, 8, means * 100, means * 3, 0.1, threads=2)
    np.testing.assert_array_equal(q1.order_quantity, q2.order_quantity)
    p1 = inv.newsvendor(1, 9, distribution="poisson", mean=means, threads=1)
    p2 = inv.newsvendor(1, 9, distribution="poisson", mean=means)
    np.testing.assert_array_equal(p1.base_stock_level, p2.base_stock_level)

"""The shared reference vectors through the Python faces, at their stated tolerances."""

import math

import numpy as np
import pytest
from conftest import within

import flowcast
import flowcast.expiry as ex
import flowcast.inventory as inv
from flowcast.inventory.compat.stockpyl import eoq as sp_eoq
from flowcast.inventory.compat.stockpyl import loss_functions as sp_loss

COMPAT = {
    "eoq.economic_order_quantity": (sp_eoq.economic_order_quantity, ["order_quantity", "cost"]),
    "loss_functions.standard_normal_loss": (sp_loss.standard_normal_loss, ["L", "L_bar"]),
    "loss_functions.standard_normal_second_loss": (sp_loss.standard_normal_second_loss, ["L2", "L2_bar"]),
    "loss_functions.normal_loss": (sp_loss.normal_loss, ["n", "n_bar"]),
    "loss_functions.normal_second_loss": (sp_loss.normal_second_loss, ["n2", "n2_bar"]),
}


def test_stockpyl_vectors_through_the_compat_layer(load_shared):
    vectors = [v for v in load_shared("inventory/vectors_dev.json")["vectors"] if v["function"] in COMPAT]
    assert len(vectors) >= 140
    for v in vectors:
        fn, fields = COMPAT[v["function"]]
        got = fn(**v["inputs"])
        for field, value in zip(fields, got):
            exp = v["outputs"][field]
            assert within(value, exp, v["tol"]["abs"], v["tol"]["rel"]), (v["id"], field, value, exp)


def _flatten(values):
    for v in values:
        if isinstance(v, (list, tuple)):
            yield from _flatten(v)
        elif hasattr(v, "__len__") and not isinstance(v, str):
            yield from _flatten(list(v))
        else:
            yield v


class Frozen:
    """Stands in for a scipy.stats frozen distribution: what the drop-ins read of one."""

    def __init__(self, name, *args, **kwds):
        self.dist = type("Dist", (), {"name": name})()
        self.args, self.kwds = args, kwds


def _scipy_like(spec: dict) -> Frozen:
    """The vectors' ``{"type": ...}`` distributions, as scipy would be called for them."""
    if spec["type"] == "lognormal":
        return Frozen("lognorm", spec["sigma"], scale=math.exp(spec["mu"]))
    if spec["type"] == "uniform":
        return Frozen("uniform", loc=spec["lo"], scale=spec["hi"] - spec["lo"])
    raise AssertionError(spec)


def _inputs(v):
    inputs = dict(v["inputs"])
    for key in ("demand_distribution", "yield_distribution"):
        if key in inputs:
            inputs["demand_distrib" if key.startswith("demand") else key] = _scipy_like(inputs.pop(key))
    if "demand_pmf" in inputs:
        inputs["demand_pmf"] = {int(k): p for k, p in inputs["demand_pmf"].items()}
    return inputs


COMPAT_MODULES = (
    "eoq",
    "newsvendor",
    "supply_uncertainty",
    "rq",
    "ss",
    "wagner_whitin",
    "finite_horizon",
    "gsm_serial",
    "gsm_tree",
    "ssm_serial",
    "sim",
)
# Integer decisions match exactly (the vectors' plans are unique; see the data README).
EXACT = {
    "wagner_whitin": {"order_quantities", "next_order_periods"},
    "finite_horizon": {"reorder_points", "order_up_to_levels"},
}


def _compare(vid, key, got, want, tol, exact):
    """``got`` against ``want``: dicts by key (JSON keys are strings), lists by position."""
    if isinstance(want, dict):
        got = {str(k): v for k, v in got.items()}
        assert set(got) == set(want), (vid, key, sorted(got), sorted(want))
        for k, w in want.items():
            _compare(vid, f"{key}[{k}]", got[k], w, tol, exact)
    elif isinstance(want, list):
        got = list(got)
        assert len(got) == len(want), (vid, key, len(got), len(want))
        for i, (g, w) in enumerate(zip(got, want)):
            _compare(vid, f"{key}[{i}]", g, w, tol, exact)
    elif exact:
        assert got == want, (vid, key, got, want)
    else:
        assert within(got, want, tol["abs"], tol["rel"]), (vid, key, got, want)


def _gsm_cost_of(v, cst):
    """The cost of CSTs ``cst`` (by node) on the vector's network, by flowcast's evaluator."""
    from flowcast.inventory.compat.stockpyl import gsm_serial
    from flowcast.inventory.compat.stockpyl._network import node_demands, node_values, read_nodes

    i = v["inputs"]
    if "nodes" in i:
        nodes = i["nodes"]
    else:  # a serial system given as lists, node 1 first
        n = i["num_nodes"]
        nodes = gsm_serial._chain_nodes(
            n, i["local_holding_cost"], i["processing_time"], i["demand_bound_constant"],
            i["external_outbound_cst"], i["external_inbound_cst"], i["demand_mean"], i["demand_standard_deviation"],
        )  # fmt: skip
    indices, stages, edges = read_nodes(nodes)
    mean, sd = node_demands(stages)
    nan = float("nan")
    r = inv.guaranteed_service(
        node_values(stages, "local_holding_cost"),
        node_values(stages, "processing_time"),
        edges,
        demand_mean=mean,
        demand_sd=sd,
        demand_bound_constant=[nan if z is None else z for z in node_values(stages, "demand_bound_constant")],
        external_inbound_cst=[c or 0 for c in node_values(stages, "external_inbound_cst")],
        external_outbound_cst=[nan if c is None else c for c in node_values(stages, "external_outbound_cst")],
        outbound_cst=[cst[k] for k in indices],
    )
    return r.cost


def test_every_vector_of_the_compat_modules(load_shared):
    """Every vector of the modules the drop-ins cover, by stockpyl name, with stockpyl's
    inputs; outputs compared in stockpyl's return order. Guaranteed-service CSTs may differ
    among tied optima, so there both our CSTs and stockpyl's must cost the optimal cost."""
    import flowcast.inventory.compat.stockpyl as sp

    vectors = [v for v in load_shared("inventory/vectors_dev.json")["vectors"] if v["module"] in COMPAT_MODULES]
    assert len(vectors) >= 555
    for v in vectors:
        module, name = v["function"].split(".")
        inputs = {k: x for k, x in _inputs(v).items() if k != "list_order"}  # a note, not a parameter
        result = getattr(getattr(sp, module), name)(**inputs)
        result = result[: len(v["outputs"])] if isinstance(result, tuple) else [result]
        assert len(result) == len(v["outputs"]), v["id"]
        for (key, expected), value in zip(v["outputs"].items(), result):
            if module.startswith("gsm") and key == "cst":
                theirs = {int(k): c for k, c in expected.items()}
                for cst in (value, theirs):
                    _compare(v["id"], "cost of CSTs", _gsm_cost_of(v, cst), v["outputs"]["cost"], v["tol"], False)
                continue
            _compare(v["id"], key, value, expected, v["tol"], key in EXACT.get(module, ()))


def test_every_loss_function_vector_through_the_compat_layer(load_shared):
    """Every ``loss_functions.*`` vector, called by its stockpyl name with its stockpyl inputs."""
    vectors = [v for v in load_shared("inventory/vectors_dev.json")["vectors"] if v["module"] == "loss_functions"]
    assert len(vectors) >= 130
    for v in vectors:
        fn = getattr(sp_loss, v["function"].split(".", 1)[1])
        inputs = dict(v["inputs"])
        if "pmf" in inputs:
            inputs["pmf"] = {int(k): p for k, p in inputs["pmf"].items()}
        got = fn(**inputs)
        for (field, exp), value in zip(v["outputs"].items(), got):
            assert within(value, exp, v["tol"]["abs"], v["tol"]["rel"]), (v["id"], field, value, exp)


def test_stockpyl_vectors_batched_in_one_call(load_shared):
    """Every EOQ vector at once: the drop-in broadcasts arrays and returns arrays."""
    vectors = [
        v
        for v in load_shared("inventory/vectors_dev.json")["vectors"]
        if v["function"] == "eoq.economic_order_quantity" and "order_quantity" not in v["inputs"]
    ]
    col = lambda k: np.array([v["inputs"][k] for v in vectors], dtype=float)  # noqa: E731
    q, cost = sp_eoq.economic_order_quantity(col("fixed_cost"), col("holding_cost"), col("demand_rate"))
    assert isinstance(q, np.ndarray) and q.shape == (len(vectors),)
    for v, qi, ci in zip(vectors, q, cost):
        assert within(qi, v["outputs"]["order_quantity"], v["tol"]["abs"], v["tol"]["rel"]), v["id"]
        assert within(ci, v["outputs"]["cost"], v["tol"]["abs"], v["tol"]["rel"]), v["id"]


def _check(case, name, got):
    exp = case["expected"][name]
    assert within(got, exp, 5e-11, case.get("tol_rel", 1e-9)), (case["id"], name, got, exp)


def test_practitioner_cases(load_shared):
    covered = 0
    for case in load_shared("inventory/practitioner_cases.json")["cases"]:
        i, cid = case.get("inputs", {}), case["id"]
        if cid.startswith("ss-demand-and-leadtime"):
            r = inv.safety_stock(
                i["mu_demand_per_day"],
                i["sd_demand_per_day"],
                i["mu_leadtime_days"],
                i["sd_leadtime_days"],
                safety_factor=i["z"],
            )
            _check(case, "sigma_ltd", r.lead_time_demand_sd)
            _check(case, "safety_stock", r.safety_stock)
            _check(case, "reorder_point", r.reorder_point)
        elif cid == "ss-demand-only":
            r = inv.safety_stock(0.0, i["sd_demand_per_day"], i["leadtime_days"], cycle_service_level=i["csl"])
            _check(case, "z", r.safety_factor)
            _check(case, "safety_stock", r.safety_stock)
        elif cid.startswith("G("):
            _check(case, "G", inv.standard_normal_loss(i["k"]))
            _check(case, "csl", inv.cycle_service(i["k"], 1.0, 1.0).cycle_service_level)
        elif cid.startswith("fill-rate-rQ"):
            r = inv.cycle_service(i["k"], i["sigma_ltd"], i["Q"])
            _check(case, "expected_shortage_per_cycle", r.expected_shortage_per_cycle)
            _check(case, "fill_rate", r.fill_rate)
            _check(case, "csl", r.cycle_service_level)
        elif cid.startswith("order-up-to"):
            r = inv.safety_stock(
                i["mu_per_period"],
                i["sd_per_period"],
                i["leadtime"],
                review_period=i["review_period"],
                cycle_service_level=i["csl"],
            )
            _check(case, "z", r.safety_factor)
            _check(case, "order_up_to", r.reorder_point)
            _check(case, "safety_stock", r.safety_stock)
        elif cid.startswith("eoq-all-units") or cid.startswith("eoq-incremental"):
            kind = "all_units" if cid.startswith("eoq-all-units") else "incremental"
            r = inv.eoq_with_discounts(i["K"], i["i"], i["lam"], i["breakpoints"], i["unit_costs"], kind)
            _check(case, "Q", r.order_quantity)
            _check(case, "region", r.region)
            _check(case, "cost", r.cost)
        elif cid.startswith("epq-"):
            r = inv.economic_production_quantity(i["K"], i["h"], i["lam"], i["mu"])
            _check(case, "Q", r.order_quantity)
            _check(case, "cost", r.cost)
        elif cid.startswith("eoqb-"):
            r = inv.eoq_with_backorders(i["K"], i["h"], i["p"], i["lam"])
            _check(case, "Q", r.order_quantity)
            _check(case, "x", r.stockout_fraction)
            _check(case, "cost", r.cost)
        elif cid.startswith("jrp-"):
            r = inv.joint_replenishment(i["K"], i["k"], i["h"], i["lam"])
            assert r.order_multiples.tolist() == case["expected"]["m"]
            for got, exp in zip(r.order_quantities, case["expected"]["Q"]):
                assert within(got, exp, 5e-11, 1e-9), cid
            _check(case, "T", r.base_cycle_time)
            _check(case, "cost", r.cost)
        elif cid.startswith("newsvendor-"):
            r = inv.newsvendor(i["h"], i["p"], mean=i["mu"], sd=i["sigma"])
            _check(case, "S", r.base_stock_level)
            _check(case, "cost", r.cost)
        elif cid in ("eoq-example-3.1", "eoq-total-cost-with-purchase"):
            q, cost = inv.eoq(i["K"], i["h"], i["lam"])
            _check(case, "Q", q)
            _check(case, "cost" if "cost" in case["expected"] else "annual_cost_ex_purchase", cost)
        elif cid.startswith("zheng-federgruen"):
            # The published table is in vectors_dev.json: each (s, S)'s cost through the drop-in,
            # and the exact algorithm finds an optimum at least as cheap.
            from flowcast.inventory.compat.stockpyl import ss as sp_ss

            table = [
                v
                for v in load_shared("inventory/vectors_dev.json")["vectors"]
                if v["source"].startswith("Zheng & Federgruen (1991) Table")
            ]
            assert len(table) == 24
            for v in table:
                j = v["inputs"]
                args = (j["holding_cost"], j["stockout_cost"], j["fixed_cost"], True, j["demand_mean"])
                got = sp_ss.s_s_cost_discrete(j["reorder_point"], j["order_up_to_level"], *args)
                assert within(got, v["outputs"]["cost"], v["tol"]["abs"], v["tol"]["rel"]), v["id"]
                assert sp_ss.s_s_discrete_exact(*args)[2] <= got + 1e-9, v["id"]
        else:
            continue
        covered += 1
    assert covered == 21


def _week():
    return [round(5.0 + 2.5 * math.sin(k / 37.0) + (6.0 if 4000 <= k < 4030 else 0.0), 6) for k in range(10080)]


def test_every_mkt_case(load_shared):
    cases = load_shared("coldchain/mkt_vectors.json")["mkt"]
    assert len(cases) == 21
    for c in cases:
        temps = c["temps_c"] if isinstance(c["temps_c"], list) else _week()
        got = ex.mean_kinetic_temperature(
            temps, c["weights"], delta_h=c["dH_J_per_mol"] / 1000, gas_constant=c["R_J_per_mol_K"] / 1000
        )
        assert abs(got - c["expected"]["mkt_c"]) <= c["tol_abs_c"], (c["id"], got)


@pytest.mark.parametrize("kind", ["pandas", "polars"])
def test_mkt_cases_in_one_grouped_call(load_shared, kind):
    """All equal-constant cases at once through mean_kinetic_temperature_by."""
    cases = [
        c
        for c in load_shared("coldchain/mkt_vectors.json")["mkt"]
        if c["dH_J_per_mol"] == 83144.0 and c["R_J_per_mol_K"] == 8.3144
    ]
    rows = {"case": [], "temp": [], "w": []}
    for c in cases:
        temps = c["temps_c"] if isinstance(c["temps_c"], list) else _week()
        weights = c["weights"] or [1.0] * len(temps)
        rows["case"] += [c["id"]] * len(temps)
        rows["temp"] += [float(t) for t in temps]
        rows["w"] += [float(w) for w in weights]
    import pandas as pd
    import polars as pl

    frame = pl.DataFrame(rows) if kind == "polars" else pd.DataFrame(rows)
    out = ex.mean_kinetic_temperature_by(frame, by="case", temps="temp", weights="w")
    got = dict(zip(list(out["case"]), list(out["mkt_c"])))
    for c in cases:
        assert abs(got[c["id"]] - c["expected"]["mkt_c"]) <= c["tol_abs_c"], c["id"]


def test_continuous_losses_take_scipy_distributions_anywhere_on_the_line():
    from flowcast.inventory.compat.stockpyl.loss_functions import (
        continuous_loss,
        continuous_second_loss,
        exponential_loss,
        gamma_second_loss,
        uniform_loss,
    )

    expon, gamma, uniform = Frozen("expon", scale=20.0), Frozen("gamma", 3.0, scale=7.0), Frozen("uniform", 10, 40)
    assert continuous_loss(30.0, expon) == pytest.approx(exponential_loss(30.0, 0.05), rel=1e-12)
    assert continuous_second_loss(30.0, gamma) == pytest.approx(gamma_second_loss(30.0, 3.0, 7.0), rel=1e-12)
    assert continuous_loss(30.0, uniform) == pytest.approx(uniform_loss(30.0, 10, 50), rel=1e-12)
    # Off the support the losses are the mean's distance (first order), or half the second moment.
    assert continuous_loss(-5.0, expon) == pytest.approx((25.0, 0.0))
    assert continuous_loss(60.0, uniform) == pytest.approx((0.0, 30.0))
    assert continuous_second_loss(0.0, uniform) == pytest.approx((0.5 * (30.0**2 + 40.0**2 / 12), 0.0))
    n, nbar = continuous_loss(np.array([-1.0, 30.0]), expon)
    assert n.shape == (2,) and n[0] == pytest.approx(21.0)
    with pytest.raises(flowcast.ValidationError):
        continuous_loss(3.0, Frozen("poisson", 4.0))

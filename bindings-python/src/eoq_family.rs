//! `flowcast.inventory` kernels of the EOQ family and its supply-risk variants.

use flowcast_inventory::eoq::{
    JointReplenishment, QuantityDiscounts, eoq_with_backorders_batch, epq_batch,
};
use flowcast_inventory::supply::{Yield, eoq_disruptions_batch, eoq_yield_batch};
use numpy::{PyArray1, PyReadonlyArray1};
use pyo3::prelude::*;

use crate::arrays::{column, to_numpy};
use crate::errors::compute;

type Array<'py> = Bound<'py, PyArray1<f64>>;
type Input<'py> = PyReadonlyArray1<'py, f64>;

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(eoq_with_backorders, m)?)?;
    m.add_function(wrap_pyfunction!(economic_production_quantity, m)?)?;
    m.add_function(wrap_pyfunction!(eoq_with_discounts, m)?)?;
    m.add_function(wrap_pyfunction!(joint_replenishment, m)?)?;
    m.add_function(wrap_pyfunction!(eoq_with_disruptions, m)?)?;
    m.add_function(wrap_pyfunction!(eoq_with_yield_uncertainty, m)?)?;
    Ok(())
}

/// (order_quantity, stockout_fraction, cost) per row.
#[pyfunction]
#[pyo3(signature = (fixed_cost, holding_cost, stockout_cost, demand_rate, order_quantity=None, stockout_fraction=None))]
fn eoq_with_backorders<'py>(
    py: Python<'py>,
    fixed_cost: Input<'py>,
    holding_cost: Input<'py>,
    stockout_cost: Input<'py>,
    demand_rate: Input<'py>,
    order_quantity: Option<Input<'py>>,
    stockout_fraction: Option<Input<'py>>,
) -> PyResult<(Array<'py>, Array<'py>, Array<'py>)> {
    let given = match (&order_quantity, &stockout_fraction) {
        (Some(q), Some(x)) => Some((
            column(py, "order_quantity", q)?,
            column(py, "stockout_fraction", x)?,
        )),
        _ => None,
    };
    let [k, h, p, d] = [
        column(py, "fixed_cost", &fixed_cost)?,
        column(py, "holding_cost", &holding_cost)?,
        column(py, "stockout_cost", &stockout_cost)?,
        column(py, "demand_rate", &demand_rate)?,
    ];
    let [q, x, c] = compute(py, || Ok(eoq_with_backorders_batch(k, h, p, d, given)?))?;
    Ok((to_numpy(py, q), to_numpy(py, x), to_numpy(py, c)))
}

/// (order_quantity, cost) per row.
#[pyfunction]
#[pyo3(signature = (fixed_cost, holding_cost, demand_rate, production_rate, order_quantity=None))]
fn economic_production_quantity<'py>(
    py: Python<'py>,
    fixed_cost: Input<'py>,
    holding_cost: Input<'py>,
    demand_rate: Input<'py>,
    production_rate: Input<'py>,
    order_quantity: Option<Input<'py>>,
) -> PyResult<(Array<'py>, Array<'py>)> {
    let q = order_quantity
        .as_ref()
        .map(|a| column(py, "order_quantity", a))
        .transpose()?;
    let [k, h, d, mu] = [
        column(py, "fixed_cost", &fixed_cost)?,
        column(py, "holding_cost", &holding_cost)?,
        column(py, "demand_rate", &demand_rate)?,
        column(py, "production_rate", &production_rate)?,
    ];
    let [q, c] = compute(py, || Ok(epq_batch(k, h, d, mu, q)?))?;
    Ok((to_numpy(py, q), to_numpy(py, c)))
}

/// (order_quantity, region, cost) for one price schedule; `kind` is `all_units` or `incremental`.
#[pyfunction]
fn eoq_with_discounts(
    py: Python<'_>,
    kind: &str,
    fixed_cost: f64,
    holding_cost_rate: f64,
    demand_rate: f64,
    breakpoints: Vec<f64>,
    unit_costs: Vec<f64>,
) -> PyResult<(f64, usize, f64)> {
    let incremental = kind == "incremental";
    let schedule = QuantityDiscounts {
        fixed_cost,
        holding_cost_rate,
        demand_rate,
        breakpoints,
        unit_costs,
    };
    let o = compute(py, || {
        Ok(if incremental {
            schedule.incremental()?
        } else {
            schedule.all_units()?
        })
    })?;
    Ok((o.order_quantity, o.region, o.cost))
}

/// (order_quantities, base_cycle_time, order_multiples, cost) by Silver's heuristic.
#[pyfunction]
fn joint_replenishment(
    py: Python<'_>,
    shared_fixed_cost: f64,
    individual_fixed_costs: Vec<f64>,
    holding_costs: Vec<f64>,
    demand_rates: Vec<f64>,
) -> PyResult<(Vec<f64>, f64, Vec<u64>, f64)> {
    let problem = JointReplenishment {
        shared_fixed_cost,
        individual_fixed_costs,
        holding_costs,
        demand_rates,
    };
    let p = compute(py, || Ok(problem.silver_heuristic()?))?;
    Ok((
        p.order_quantities,
        p.base_cycle_time,
        p.order_multiples,
        p.cost,
    ))
}

/// (order_quantity, cost) per row of the EOQ with supply disruptions.
#[pyfunction]
#[pyo3(signature = (fixed_cost, holding_cost, stockout_cost, demand_rate, disruption_rate, recovery_rate, approximate, order_quantity=None))]
#[allow(clippy::too_many_arguments)]
fn eoq_with_disruptions<'py>(
    py: Python<'py>,
    fixed_cost: Input<'py>,
    holding_cost: Input<'py>,
    stockout_cost: Input<'py>,
    demand_rate: Input<'py>,
    disruption_rate: Input<'py>,
    recovery_rate: Input<'py>,
    approximate: bool,
    order_quantity: Option<Input<'py>>,
) -> PyResult<(Array<'py>, Array<'py>)> {
    let inputs = [
        column(py, "fixed_cost", &fixed_cost)?,
        column(py, "holding_cost", &holding_cost)?,
        column(py, "stockout_cost", &stockout_cost)?,
        column(py, "demand_rate", &demand_rate)?,
        column(py, "disruption_rate", &disruption_rate)?,
        column(py, "recovery_rate", &recovery_rate)?,
    ];
    let q = order_quantity
        .as_ref()
        .map(|a| column(py, "order_quantity", a))
        .transpose()?;
    let [q, c] = compute(py, || Ok(eoq_disruptions_batch(inputs, q, approximate)?))?;
    Ok((to_numpy(py, q), to_numpy(py, c)))
}

/// (order_quantity, cost) per row of the EOQ with random yield; `kind` is `additive` or
/// `multiplicative`.
#[pyfunction]
#[pyo3(signature = (kind, fixed_cost, holding_cost, demand_rate, yield_mean, yield_sd, order_quantity=None))]
#[allow(clippy::too_many_arguments)]
fn eoq_with_yield_uncertainty<'py>(
    py: Python<'py>,
    kind: &str,
    fixed_cost: Input<'py>,
    holding_cost: Input<'py>,
    demand_rate: Input<'py>,
    yield_mean: Input<'py>,
    yield_sd: Input<'py>,
    order_quantity: Option<Input<'py>>,
) -> PyResult<(Array<'py>, Array<'py>)> {
    let kind = if kind == "additive" {
        Yield::Additive
    } else {
        Yield::Multiplicative
    };
    let [k, h, d, mu, sd] = [
        column(py, "fixed_cost", &fixed_cost)?,
        column(py, "holding_cost", &holding_cost)?,
        column(py, "demand_rate", &demand_rate)?,
        column(py, "yield_mean", &yield_mean)?,
        column(py, "yield_sd", &yield_sd)?,
    ];
    let q = order_quantity
        .as_ref()
        .map(|a| column(py, "order_quantity", a))
        .transpose()?;
    let [q, c] = compute(py, || Ok(eoq_yield_batch(kind, k, h, d, mu, sd, q)?))?;
    Ok((to_numpy(py, q), to_numpy(py, c)))
}

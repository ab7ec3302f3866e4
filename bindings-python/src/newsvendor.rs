//! `flowcast.inventory` newsvendor kernels.

use flowcast_core::{Column, Threads};
use flowcast_inventory::loss::Family;
use flowcast_inventory::newsvendor::{
    NormalNewsvendors, Side, myopic_batch, myopic_level_at_cost_batch, newsvendor_batch,
    newsvendor_explicit_batch,
};
use flowcast_inventory::supply::{newsvendor_disruptions_batch, newsvendor_yield_batch};
use flowcast_inventory::{Distribution, Newsvendor, Pmf};
use numpy::{PyArray1, PyArrayMethods, PyReadonlyArray1};
use pyo3::prelude::*;

use crate::arrays::{column, to_numpy};
use crate::errors::{compute, raise};

type Array<'py> = Bound<'py, PyArray1<f64>>;
type Input<'py> = PyReadonlyArray1<'py, f64>;

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(newsvendor_normal, m)?)?;
    m.add_function(wrap_pyfunction!(newsvendor_family, m)?)?;
    m.add_function(wrap_pyfunction!(newsvendor_discrete, m)?)?;
    m.add_function(wrap_pyfunction!(newsvendor_explicit, m)?)?;
    m.add_function(wrap_pyfunction!(myopic, m)?)?;
    m.add_function(wrap_pyfunction!(myopic_level_at_cost, m)?)?;
    m.add_function(wrap_pyfunction!(newsvendor_with_disruptions, m)?)?;
    m.add_function(wrap_pyfunction!(newsvendor_with_yield, m)?)?;
    Ok(())
}

fn family(py: Python<'_>, name: &str) -> PyResult<Family> {
    Family::from_name(name).map_err(|e| raise(py, e))
}

fn columns<'a>(
    py: Python<'_>,
    names: &[&'static str],
    arrays: &'a [Input<'_>],
) -> PyResult<Vec<Column<'a>>> {
    arrays
        .iter()
        .zip(names.iter().chain(std::iter::repeat(&"parameter")))
        .map(|(a, name)| column(py, name, a))
        .collect()
}

/// (base_stock_level, cost) per row of normal newsvendors; outputs are numpy-allocated (large
/// numpy arrays get transparent huge pages, so writing them costs few page faults).
#[pyfunction]
#[pyo3(signature = (holding_cost, stockout_cost, demand_mean, demand_sd, lead_time, base_stock_level=None))]
fn newsvendor_normal<'py>(
    py: Python<'py>,
    holding_cost: Input<'py>,
    stockout_cost: Input<'py>,
    demand_mean: Input<'py>,
    demand_sd: Input<'py>,
    lead_time: Input<'py>,
    base_stock_level: Option<Input<'py>>,
) -> PyResult<(Array<'py>, Array<'py>)> {
    let batch = NormalNewsvendors {
        holding_cost: column(py, "holding_cost", &holding_cost)?,
        stockout_cost: column(py, "stockout_cost", &stockout_cost)?,
        demand_mean: column(py, "demand_mean", &demand_mean)?,
        demand_sd: column(py, "demand_sd", &demand_sd)?,
        lead_time: column(py, "lead_time", &lead_time)?,
    };
    let s = base_stock_level
        .as_ref()
        .map(|a| column(py, "base_stock_level", a))
        .transpose()?;
    let n = compute(py, || Ok(batch.rows(s)?))?;
    let (levels, costs) = (
        PyArray1::<f64>::zeros(py, n, false),
        PyArray1::<f64>::zeros(py, n, false),
    );
    {
        let (mut l, mut c) = (levels.readwrite(), costs.readwrite());
        let (l, c) = (l.as_slice_mut()?, c.as_slice_mut()?);
        compute(py, || Ok(batch.solve_into(s, l, c)?))?;
    }
    Ok((levels, costs))
}

/// (base_stock_level, cost) per row for demand of a named family.
#[pyfunction]
#[pyo3(signature = (family_name, holding_cost, stockout_cost, parameters, base_stock_level=None, threads=0))]
fn newsvendor_family<'py>(
    py: Python<'py>,
    family_name: &str,
    holding_cost: Input<'py>,
    stockout_cost: Input<'py>,
    parameters: Vec<Input<'py>>,
    base_stock_level: Option<Input<'py>>,
    threads: usize,
) -> PyResult<(Array<'py>, Array<'py>)> {
    let threads = Threads::from_count(threads);
    let family = family(py, family_name)?;
    let params = columns(py, family.parameters(), &parameters)?;
    let (h, p) = (
        column(py, "holding_cost", &holding_cost)?,
        column(py, "stockout_cost", &stockout_cost)?,
    );
    let s = base_stock_level
        .as_ref()
        .map(|a| column(py, "base_stock_level", a))
        .transpose()?;
    let [levels, costs] = compute(py, || {
        Ok(newsvendor_batch(family, h, p, &params, s, threads)?)
    })?;
    Ok((to_numpy(py, levels), to_numpy(py, costs)))
}

/// (base_stock_level, cost) for demand given by a pmf.
#[pyfunction]
#[pyo3(signature = (holding_cost, stockout_cost, values, probabilities, base_stock_level=None))]
fn newsvendor_discrete(
    py: Python<'_>,
    holding_cost: f64,
    stockout_cost: f64,
    values: Vec<f64>,
    probabilities: Vec<f64>,
    base_stock_level: Option<f64>,
) -> PyResult<(f64, f64)> {
    let r = compute(py, || {
        let demand = Distribution::Discrete(Pmf::new(values.into_iter().zip(probabilities))?);
        let nv = Newsvendor {
            holding_cost,
            stockout_cost,
            demand,
        };
        Ok(match base_stock_level {
            Some(s) => nv.cost_at(s)?,
            None => nv.optimal()?,
        })
    })?;
    Ok((r.base_stock_level, r.cost))
}

/// (base_stock_level, profit) per row of explicit-form newsvendors.
#[pyfunction]
#[pyo3(signature = (family_name, revenue, purchase_cost, salvage_value, holding_cost, stockout_cost, parameters, base_stock_level=None))]
#[allow(clippy::too_many_arguments)]
fn newsvendor_explicit<'py>(
    py: Python<'py>,
    family_name: &str,
    revenue: Input<'py>,
    purchase_cost: Input<'py>,
    salvage_value: Input<'py>,
    holding_cost: Input<'py>,
    stockout_cost: Input<'py>,
    parameters: Vec<Input<'py>>,
    base_stock_level: Option<Input<'py>>,
) -> PyResult<(Array<'py>, Array<'py>)> {
    let family = family(py, family_name)?;
    let params = columns(py, family.parameters(), &parameters)?;
    let costs = [
        column(py, "revenue", &revenue)?,
        column(py, "purchase_cost", &purchase_cost)?,
        column(py, "salvage_value", &salvage_value)?,
        column(py, "holding_cost", &holding_cost)?,
        column(py, "stockout_cost", &stockout_cost)?,
    ];
    let s = base_stock_level
        .as_ref()
        .map(|a| column(py, "base_stock_level", a))
        .transpose()?;
    let [levels, profits] = compute(py, || {
        Ok(newsvendor_explicit_batch(family, costs, &params, s)?)
    })?;
    Ok((to_numpy(py, levels), to_numpy(py, profits)))
}

/// (base_stock_level, cost) per row of myopic policies.
#[pyfunction]
#[pyo3(signature = (inputs, base_stock_level=None))]
fn myopic<'py>(
    py: Python<'py>,
    inputs: Vec<Input<'py>>,
    base_stock_level: Option<Input<'py>>,
) -> PyResult<(Array<'py>, Array<'py>)> {
    let names = [
        "holding_cost",
        "stockout_cost",
        "purchase_cost",
        "purchase_cost_next",
        "demand_mean",
        "demand_sd",
        "discount_factor",
    ];
    let cols = columns(py, &names, &inputs)?;
    let cols: [Column<'_>; 7] = cols
        .try_into()
        .map_err(|_| pyo3::exceptions::PyTypeError::new_err("myopic takes 7 input arrays"))?;
    let s = base_stock_level
        .as_ref()
        .map(|a| column(py, "base_stock_level", a))
        .transpose()?;
    let [levels, costs] = compute(py, || Ok(myopic_batch(cols, s)?))?;
    Ok((to_numpy(py, levels), to_numpy(py, costs)))
}

/// The level where the myopic cost equals each row's `cost`, below (or above) the minimiser.
#[pyfunction]
fn myopic_level_at_cost<'py>(
    py: Python<'py>,
    above: bool,
    inputs: Vec<Input<'py>>,
) -> PyResult<Array<'py>> {
    let names = [
        "cost",
        "holding_cost",
        "stockout_cost",
        "purchase_cost",
        "purchase_cost_next",
        "demand_mean",
        "demand_sd",
        "discount_factor",
    ];
    let cols: [Column<'_>; 8] = columns(py, &names, &inputs)?.try_into().map_err(|_| {
        pyo3::exceptions::PyTypeError::new_err("myopic_level_at_cost takes 8 input arrays")
    })?;
    let side = if above { Side::Above } else { Side::Below };
    Ok(to_numpy(
        py,
        compute(py, || Ok(myopic_level_at_cost_batch(side, cols)?))?,
    ))
}

/// (base_stock_level, cost) per row of newsvendors with supply disruptions.
#[pyfunction]
#[pyo3(signature = (inputs, base_stock_level=None))]
fn newsvendor_with_disruptions<'py>(
    py: Python<'py>,
    inputs: Vec<Input<'py>>,
    base_stock_level: Option<Input<'py>>,
) -> PyResult<(Array<'py>, Array<'py>)> {
    let names = [
        "holding_cost",
        "stockout_cost",
        "demand",
        "disruption_prob",
        "recovery_prob",
    ];
    let cols = columns(py, &names, &inputs)?;
    let cols: [Column<'_>; 5] = cols
        .try_into()
        .map_err(|_| pyo3::exceptions::PyTypeError::new_err("takes 5 input arrays"))?;
    let s = base_stock_level
        .as_ref()
        .map(|a| column(py, "base_stock_level", a))
        .transpose()?;
    let [levels, costs] = compute(py, || Ok(newsvendor_disruptions_batch(cols, s)?))?;
    Ok((to_numpy(py, levels), to_numpy(py, costs)))
}

/// (base_stock_level, cost) per row of newsvendors with additive yield of a named family.
#[pyfunction]
#[pyo3(signature = (family_name, inputs, parameters, base_stock_level=None))]
fn newsvendor_with_yield<'py>(
    py: Python<'py>,
    family_name: &str,
    inputs: Vec<Input<'py>>,
    parameters: Vec<Input<'py>>,
    base_stock_level: Option<Input<'py>>,
) -> PyResult<(Array<'py>, Array<'py>)> {
    let family = family(py, family_name)?;
    let names = ["holding_cost", "stockout_cost", "demand"];
    let cols = columns(py, &names, &inputs)?;
    let cols: [Column<'_>; 3] = cols
        .try_into()
        .map_err(|_| pyo3::exceptions::PyTypeError::new_err("takes 3 input arrays"))?;
    let params = columns(py, family.parameters(), &parameters)?;
    let s = base_stock_level
        .as_ref()
        .map(|a| column(py, "base_stock_level", a))
        .transpose()?;
    let [levels, costs] = compute(py, || Ok(newsvendor_yield_batch(family, cols, &params, s)?))?;
    Ok((to_numpy(py, levels), to_numpy(py, costs)))
}

//! `flowcast.inventory` kernels of (r, Q) and (s, S) policies.

use flowcast_core::{Column, Threads};
use flowcast_inventory::rq::{
    R_FOR_Q_INPUTS, RQ_COST_INPUTS, RQ_INPUTS, RQ_POISSON_INPUTS, RqMethod, optimal_r_for_q_batch,
    rq_batch, rq_cost_batch, rq_poisson_batch,
};
use flowcast_inventory::ss::{
    POWER_INPUTS, PeriodicReview, SS_POISSON_INPUTS, power_approximation_batch, ss_poisson_batch,
};
use flowcast_inventory::{Distribution, Pmf};
use numpy::{PyArray1, PyReadonlyArray1};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;

use crate::arrays::{column, to_numpy};
use crate::errors::{compute, raise};

type Array<'py> = Bound<'py, PyArray1<f64>>;
type Input<'py> = PyReadonlyArray1<'py, f64>;

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(rq_policy, m)?)?;
    m.add_function(wrap_pyfunction!(rq_cost, m)?)?;
    m.add_function(wrap_pyfunction!(rq_optimal_reorder_point, m)?)?;
    m.add_function(wrap_pyfunction!(rq_poisson, m)?)?;
    m.add_function(wrap_pyfunction!(ss_poisson, m)?)?;
    m.add_function(wrap_pyfunction!(ss_discrete, m)?)?;
    m.add_function(wrap_pyfunction!(ss_power_approximation, m)?)?;
    Ok(())
}

/// Named columns, exactly `N` of them.
fn columns<'a, const N: usize>(
    py: Python<'_>,
    names: [&'static str; N],
    arrays: &'a [Input<'_>],
) -> PyResult<[Column<'a>; N]> {
    if arrays.len() != N {
        return Err(PyTypeError::new_err(format!(
            "expected {N} input arrays, got {}",
            arrays.len()
        )));
    }
    let mut out = [Column::Scalar(0.0); N];
    for (i, (name, a)) in names.into_iter().zip(arrays).enumerate() {
        out[i] = column(py, name, a)?;
    }
    Ok(out)
}

/// The two levels of a given policy as columns, when both are given.
fn given<'a>(
    py: Python<'_>,
    names: [&'static str; 2],
    a: &'a Option<Input<'_>>,
    b: &'a Option<Input<'_>>,
) -> PyResult<Option<(Column<'a>, Column<'a>)>> {
    match (a, b) {
        (Some(a), Some(b)) => Ok(Some((column(py, names[0], a)?, column(py, names[1], b)?))),
        _ => Ok(None),
    }
}

type Triple<'py> = (Array<'py>, Array<'py>, Array<'py>);

fn triple(py: Python<'_>, [a, b, c]: [Vec<f64>; 3]) -> Triple<'_> {
    (to_numpy(py, a), to_numpy(py, b), to_numpy(py, c))
}

/// (reorder_point, order_quantity, cost) per row by an (r, Q) heuristic.
#[pyfunction]
#[pyo3(signature = (method, inputs, threads=0))]
fn rq_policy<'py>(
    py: Python<'py>,
    method: &str,
    inputs: Vec<Input<'py>>,
    threads: usize,
) -> PyResult<Triple<'py>> {
    let method = RqMethod::from_name(method).map_err(|e| raise(py, e))?;
    let cols = columns(py, RQ_INPUTS, &inputs)?;
    let threads = Threads::from_count(threads);
    Ok(triple(
        py,
        compute(py, || Ok(rq_batch(method, cols, threads)?))?,
    ))
}

/// Exact (r, Q) cost per row.
#[pyfunction]
fn rq_cost<'py>(py: Python<'py>, inputs: Vec<Input<'py>>) -> PyResult<Array<'py>> {
    let cols = columns(py, RQ_COST_INPUTS, &inputs)?;
    Ok(to_numpy(py, compute(py, || Ok(rq_cost_batch(cols)?))?))
}

/// The optimal reorder point for each row's order quantity.
#[pyfunction]
fn rq_optimal_reorder_point<'py>(py: Python<'py>, inputs: Vec<Input<'py>>) -> PyResult<Array<'py>> {
    let cols = columns(py, R_FOR_Q_INPUTS, &inputs)?;
    Ok(to_numpy(
        py,
        compute(py, || Ok(optimal_r_for_q_batch(cols)?))?,
    ))
}

/// (reorder_point, order_quantity, cost) per row with Poisson demand.
#[pyfunction]
#[pyo3(signature = (inputs, reorder_point=None, order_quantity=None, threads=0))]
fn rq_poisson<'py>(
    py: Python<'py>,
    inputs: Vec<Input<'py>>,
    reorder_point: Option<Input<'py>>,
    order_quantity: Option<Input<'py>>,
    threads: usize,
) -> PyResult<Triple<'py>> {
    let threads = Threads::from_count(threads);
    let cols = columns(py, RQ_POISSON_INPUTS, &inputs)?;
    let given = given(
        py,
        ["reorder_point", "order_quantity"],
        &reorder_point,
        &order_quantity,
    )?;
    Ok(triple(
        py,
        compute(py, || Ok(rq_poisson_batch(cols, given, threads)?))?,
    ))
}

/// (reorder_point, order_up_to_level, cost) per row with Poisson demand.
#[pyfunction]
#[pyo3(signature = (inputs, reorder_point=None, order_up_to_level=None, threads=0))]
fn ss_poisson<'py>(
    py: Python<'py>,
    inputs: Vec<Input<'py>>,
    reorder_point: Option<Input<'py>>,
    order_up_to_level: Option<Input<'py>>,
    threads: usize,
) -> PyResult<Triple<'py>> {
    let threads = Threads::from_count(threads);
    let cols = columns(py, SS_POISSON_INPUTS, &inputs)?;
    let levels = ["reorder_point", "order_up_to_level"];
    let given = given(py, levels, &reorder_point, &order_up_to_level)?;
    Ok(triple(
        py,
        compute(py, || Ok(ss_poisson_batch(cols, given, threads)?))?,
    ))
}

/// (reorder_point, order_up_to_level, cost) for demand given by a pmf.
#[pyfunction]
#[pyo3(signature = (holding_cost, stockout_cost, fixed_cost, values, probabilities, reorder_point=None, order_up_to_level=None))]
#[allow(clippy::too_many_arguments)]
fn ss_discrete(
    py: Python<'_>,
    holding_cost: f64,
    stockout_cost: f64,
    fixed_cost: f64,
    values: Vec<f64>,
    probabilities: Vec<f64>,
    reorder_point: Option<f64>,
    order_up_to_level: Option<f64>,
) -> PyResult<(f64, f64, f64)> {
    compute(py, || {
        let demand = Distribution::Discrete(Pmf::new(values.into_iter().zip(probabilities))?);
        let m = PeriodicReview {
            holding_cost,
            stockout_cost,
            fixed_cost,
            demand,
        };
        Ok(match (reorder_point, order_up_to_level) {
            (Some(s), Some(big_s)) => (s, big_s, m.cost(s, big_s)?),
            _ => {
                let p = m.optimal()?;
                (p.reorder_point, p.order_up_to_level, p.cost)
            }
        })
    })
}

/// (reorder_point, order_up_to_level) per row by the power approximation.
#[pyfunction]
fn ss_power_approximation<'py>(
    py: Python<'py>,
    inputs: Vec<Input<'py>>,
) -> PyResult<(Array<'py>, Array<'py>)> {
    let cols = columns(py, POWER_INPUTS, &inputs)?;
    let [s, big_s] = compute(py, || Ok(power_approximation_batch(cols)?))?;
    Ok((to_numpy(py, s), to_numpy(py, big_s)))
}

//! `flowcast.inventory` kernels of multi-echelon models and simulation: the guaranteed-service
//! model on trees, the serial stochastic-service model, and the periodic-review simulator.

use flowcast_core::{ErrorCode, ValidationError};
use flowcast_inventory::gsm::{GsmSolution, GsmStage, GuaranteedService};
use flowcast_inventory::loss::Family;
use flowcast_inventory::sim::{Demand, EventOrder, History, Policy, SimStage, Simulation};
use flowcast_inventory::ssm::SerialSystem;
use numpy::{PyArray1, PyArray2};
use pyo3::prelude::*;

use crate::errors::{compute, raise};

type Array<'py> = Bound<'py, PyArray1<f64>>;

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(guaranteed_service, m)?)?;
    m.add_function(wrap_pyfunction!(serial_base_stock, m)?)?;
    m.add_function(wrap_pyfunction!(serial_newsvendor_heuristic, m)?)?;
    m.add_function(wrap_pyfunction!(serial_holding_cost, m)?)?;
    m.add_function(wrap_pyfunction!(simulate, m)?)?;
    Ok(())
}

fn whole(py: Python<'_>, field: &'static str, values: &[f64]) -> PyResult<Vec<u32>> {
    values
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            if v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v <= f64::from(u32::MAX) {
                Ok(v as u32)
            } else {
                Err(raise(
                    py,
                    ValidationError::new(
                        ErrorCode::OutOfRange,
                        field,
                        v,
                        "must be a whole number of periods, at least 0",
                    )
                    .at(i),
                ))
            }
        })
        .collect()
}

/// Per-stage results of the guaranteed-service model, all as float arrays, then the cost.
type GsmArrays<'py> = (
    Array<'py>,
    Array<'py>,
    Array<'py>,
    Array<'py>,
    Array<'py>,
    Array<'py>,
    Array<'py>,
    f64,
);

/// Optimal (or given) CSTs of a guaranteed-service tree. Optional per-stage values are NaN
/// when absent.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (holding_cost, processing_time, demand_bound_constant, external_inbound_cst, external_outbound_cst, demand_mean, demand_sd, edges, outbound_cst=None))]
fn guaranteed_service<'py>(
    py: Python<'py>,
    holding_cost: Vec<f64>,
    processing_time: Vec<f64>,
    demand_bound_constant: Vec<f64>,
    external_inbound_cst: Vec<f64>,
    external_outbound_cst: Vec<f64>,
    demand_mean: Vec<f64>,
    demand_sd: Vec<f64>,
    edges: Vec<(usize, usize)>,
    outbound_cst: Option<Vec<f64>>,
) -> PyResult<GsmArrays<'py>> {
    let n = holding_cost.len();
    for (name, len) in [
        ("processing_time", processing_time.len()),
        ("demand_bound_constant", demand_bound_constant.len()),
        ("external_inbound_cst", external_inbound_cst.len()),
        ("external_outbound_cst", external_outbound_cst.len()),
        ("demand_mean", demand_mean.len()),
        ("demand_sd", demand_sd.len()),
    ] {
        flowcast_core::check::same_len(name, len, "holding_cost", n).map_err(|e| raise(py, e))?;
    }
    let t = whole(py, "processing_time", &processing_time)?;
    let inbound = whole(py, "external_inbound_cst", &external_inbound_cst)?;
    let bounds: Vec<f64> = external_outbound_cst
        .iter()
        .map(|b| if b.is_nan() { 0.0 } else { *b })
        .collect();
    let outbound = whole(py, "external_outbound_cst", &bounds)?;
    let model = GuaranteedService {
        stages: (0..n)
            .map(|k| GsmStage {
                holding_cost: holding_cost[k],
                processing_time: t[k],
                demand_bound_constant: (!demand_bound_constant[k].is_nan())
                    .then_some(demand_bound_constant[k]),
                external_inbound_cst: inbound[k],
                external_outbound_cst: (!external_outbound_cst[k].is_nan()).then_some(outbound[k]),
                demand_mean: demand_mean[k],
                demand_sd: demand_sd[k],
            })
            .collect(),
        edges,
    };
    let given = outbound_cst
        .map(|c| whole(py, "outbound_cst", &c))
        .transpose()?;
    let sol: GsmSolution = compute(py, || {
        Ok(match &given {
            Some(c) => model.evaluate(c)?,
            None => model.optimize()?,
        })
    })?;
    let floats = |v: &[u32]| PyArray1::from_iter(py, v.iter().map(|x| f64::from(*x)));
    Ok((
        floats(&sol.outbound_cst),
        floats(&sol.inbound_cst),
        floats(&sol.net_replenishment_time),
        PyArray1::from_vec(py, sol.safety_stock),
        PyArray1::from_vec(py, sol.base_stock_level),
        PyArray1::from_vec(py, sol.net_demand_mean),
        PyArray1::from_vec(py, sol.net_demand_sd),
        sol.cost,
    ))
}

fn serial(
    echelon_holding_cost: Vec<f64>,
    lead_time: Vec<f64>,
    stockout_cost: f64,
    demand_mean: f64,
    demand_sd: f64,
) -> SerialSystem {
    SerialSystem {
        echelon_holding_cost,
        lead_time,
        stockout_cost,
        demand_mean,
        demand_sd,
    }
}

/// (echelon levels, local levels, cost) of a serial system, optimal or for given levels.
#[pyfunction]
#[pyo3(signature = (echelon_holding_cost, lead_time, stockout_cost, demand_mean, demand_sd, echelon_base_stock=None))]
fn serial_base_stock<'py>(
    py: Python<'py>,
    echelon_holding_cost: Vec<f64>,
    lead_time: Vec<f64>,
    stockout_cost: f64,
    demand_mean: f64,
    demand_sd: f64,
    echelon_base_stock: Option<Vec<f64>>,
) -> PyResult<(Array<'py>, Array<'py>, f64)> {
    let m = serial(
        echelon_holding_cost,
        lead_time,
        stockout_cost,
        demand_mean,
        demand_sd,
    );
    let (levels, cost) = compute(py, || match &echelon_base_stock {
        Some(s) => Ok((s.clone(), m.cost(s)?)),
        None => {
            let p = m.optimize()?;
            Ok((p.echelon_base_stock, p.cost))
        }
    })?;
    let local: Vec<f64> = levels
        .iter()
        .enumerate()
        .map(|(j, s)| if j == 0 { *s } else { s - levels[j - 1] })
        .collect();
    Ok((
        PyArray1::from_vec(py, levels),
        PyArray1::from_vec(py, local),
        cost,
    ))
}

/// The expected holding cost alone of given echelon levels.
#[pyfunction]
fn serial_holding_cost(
    py: Python<'_>,
    echelon_holding_cost: Vec<f64>,
    lead_time: Vec<f64>,
    demand_mean: f64,
    demand_sd: f64,
    echelon_base_stock: Vec<f64>,
) -> PyResult<f64> {
    let m = serial(echelon_holding_cost, lead_time, 0.0, demand_mean, demand_sd);
    compute(py, || Ok(m.holding_cost(&echelon_base_stock)?))
}

/// Shang–Song echelon levels.
#[pyfunction]
fn serial_newsvendor_heuristic<'py>(
    py: Python<'py>,
    echelon_holding_cost: Vec<f64>,
    lead_time: Vec<f64>,
    stockout_cost: f64,
    demand_mean: f64,
    demand_sd: f64,
    weight: f64,
) -> PyResult<Array<'py>> {
    let m = serial(
        echelon_holding_cost,
        lead_time,
        stockout_cost,
        demand_mean,
        demand_sd,
    );
    Ok(PyArray1::from_vec(
        py,
        compute(py, || Ok(m.newsvendor_heuristic(weight)?))?,
    ))
}

/// The simulated history: six (periods × stages) arrays — demand, order quantity, inbound
/// shipment, inventory level, holding cost, stockout cost — and the total cost.
type SimArrays<'py> = (
    Bound<'py, PyArray2<f64>>,
    Bound<'py, PyArray2<f64>>,
    Bound<'py, PyArray2<f64>>,
    Bound<'py, PyArray2<f64>>,
    Bound<'py, PyArray2<f64>>,
    Bound<'py, PyArray2<f64>>,
    f64,
);

/// Runs the simulator. `policy` is `base_stock`, `s_S`, `r_nQ` or `r_Q_one_lot` with its
/// `parameters` (level; s, S; r, Q); demand is a repeating list, or a family with parameters.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (periods, holding_cost, lead_time, initial_inventory_level, base_stock_levels, stockout_cost, policy, parameters, demand_values, demand_family, demand_parameters, demand_first, seed))]
fn simulate<'py>(
    py: Python<'py>,
    periods: usize,
    holding_cost: Vec<f64>,
    lead_time: Vec<f64>,
    initial_inventory_level: Vec<f64>,
    base_stock_levels: Vec<f64>,
    stockout_cost: f64,
    policy: &str,
    parameters: Vec<f64>,
    demand_values: Option<Vec<f64>>,
    demand_family: Option<String>,
    demand_parameters: Vec<f64>,
    demand_first: bool,
    seed: u64,
) -> PyResult<SimArrays<'py>> {
    let lead = whole(py, "lead_time", &lead_time)?;
    let p = |i: usize| parameters.get(i).copied().unwrap_or(f64::NAN);
    let policy = match policy {
        "base_stock" => Policy::BaseStock { level: p(0) },
        "s_S" => Policy::Ss {
            reorder_point: p(0),
            order_up_to_level: p(1),
        },
        "r_nQ" => Policy::Rq {
            reorder_point: p(0),
            order_quantity: p(1),
        },
        "r_Q_one_lot" => Policy::RqOneLot {
            reorder_point: p(0),
            order_quantity: p(1),
        },
        other => {
            return Err(raise(
                py,
                ValidationError::new(
                    ErrorCode::OutOfRange,
                    "policy",
                    format!("{other:?}"),
                    "must be one of base_stock, s_S, r_nQ, r_Q_one_lot",
                ),
            ));
        }
    };
    let random = match &demand_family {
        Some(name) => {
            let family = Family::from_name(name).map_err(|e| raise(py, e))?;
            let at = |i: usize| demand_parameters.get(i).copied().unwrap_or(f64::NAN);
            Some(family.with(at(0), at(1)).map_err(|e| raise(py, e))?)
        }
        None => None,
    };
    let values = demand_values.unwrap_or_default();
    let demand = match random {
        Some(d) => Demand::Random(d),
        None => Demand::Repeating(&values),
    };
    let n = holding_cost.len();
    for (name, len) in [
        ("lead_time", lead.len()),
        ("initial_inventory_level", initial_inventory_level.len()),
        ("base_stock_levels", base_stock_levels.len()),
    ] {
        flowcast_core::check::same_len(name, len, "holding_cost", n).map_err(|e| raise(py, e))?;
    }
    let sim = Simulation {
        stages: (0..n)
            .map(|k| SimStage {
                holding_cost: holding_cost[k],
                lead_time: lead[k],
                initial_inventory_level: initial_inventory_level[k],
            })
            .collect(),
        policy,
        base_stock_levels,
        stockout_cost,
        demand,
        event_order: if demand_first {
            EventOrder::DemandFirst
        } else {
            EventOrder::OrderFirst
        },
    };
    let history: History = compute(py, || Ok(sim.run(periods, seed)?))?;
    let grid = |f: fn(&flowcast_inventory::sim::StagePeriod) -> f64| -> Bound<'py, PyArray2<f64>> {
        let rows: Vec<Vec<f64>> = history
            .periods
            .iter()
            .map(|row| row.iter().map(f).collect())
            .collect();
        PyArray2::from_vec2(py, &rows).unwrap_or_else(|_| PyArray2::zeros(py, [0, n], false))
    };
    Ok((
        grid(|s| s.demand),
        grid(|s| s.order_quantity),
        grid(|s| s.inbound_shipment),
        grid(|s| s.inventory_level),
        grid(|s| s.holding_cost),
        grid(|s| s.stockout_cost),
        history.total_cost,
    ))
}

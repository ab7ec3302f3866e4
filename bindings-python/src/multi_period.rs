//! `flowcast.inventory` kernels of the multi-period models: Wagner–Whitin and the
//! finite-horizon dynamic programme. Inputs over SKUs × periods arrive as `(kind, values)`
//! pairs, `kind` one of `scalar`, `periods`, `skus`, `full` (see `flowcast_inventory::grid`).

use flowcast_core::{Column, ErrorCode, ValidationError};
use flowcast_inventory::finite_horizon::{FiniteHorizon, Truncation};
use flowcast_inventory::grid::Grid;
use flowcast_inventory::wagner_whitin::WagnerWhitin;
use numpy::{PyArray1, PyReadonlyArray1};
use pyo3::prelude::*;

use crate::arrays::{column, slice, to_numpy};
use crate::errors::{compute, invalid};

type Array<'py> = Bound<'py, PyArray1<f64>>;
type Input<'py> = PyReadonlyArray1<'py, f64>;
type GridInput<'py> = (String, Input<'py>);

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(wagner_whitin, m)?)?;
    m.add_function(wrap_pyfunction!(finite_horizon, m)?)?;
    m.add_function(wrap_pyfunction!(myopic_bounds, m)?)?;
    Ok(())
}

fn grid<'a>(
    py: Python<'_>,
    name: &'static str,
    (kind, values): &'a GridInput<'_>,
) -> PyResult<Grid<'a>> {
    let values = slice(py, name, values)?;
    Ok(match kind.as_str() {
        "scalar" if values.len() == 1 => Grid::Scalar(values[0]),
        "periods" => Grid::Periods(values),
        "skus" => Grid::Skus(values),
        "full" => Grid::Full(values),
        _ => {
            return Err(invalid(
                py,
                ValidationError::new(ErrorCode::WrongType, name, kind, "is not an input layout"),
            ));
        }
    })
}

/// The seven per-period inputs of the finite-horizon model, in its order.
fn period_grids<'a>(py: Python<'_>, grids: &'a [GridInput<'_>]) -> PyResult<[Grid<'a>; 7]> {
    let names = [
        "holding_cost",
        "stockout_cost",
        "purchase_cost",
        "fixed_cost",
        "demand_mean",
        "demand_sd",
        "discount_factor",
    ];
    if grids.len() != names.len() {
        return Err(pyo3::exceptions::PyTypeError::new_err(
            "expected 7 per-period inputs",
        ));
    }
    let mut g = [Grid::Scalar(0.0); 7];
    for (i, (name, input)) in names.into_iter().zip(grids).enumerate() {
        g[i] = grid(py, name, input)?;
    }
    Ok(g)
}

/// (order_quantities, cost, costs_to_go, next_order_periods), SKU by SKU, flat.
#[pyfunction]
fn wagner_whitin<'py>(
    py: Python<'py>,
    periods: usize,
    demand: GridInput<'py>,
    holding_cost: GridInput<'py>,
    fixed_cost: GridInput<'py>,
    purchase_cost: GridInput<'py>,
) -> PyResult<(
    Array<'py>,
    Array<'py>,
    Array<'py>,
    Bound<'py, PyArray1<u32>>,
)> {
    let model = WagnerWhitin {
        periods,
        demand: grid(py, "demand", &demand)?,
        holding_cost: grid(py, "holding_cost", &holding_cost)?,
        fixed_cost: grid(py, "fixed_cost", &fixed_cost)?,
        purchase_cost: grid(py, "purchase_cost", &purchase_cost)?,
    };
    let plans = compute(py, || Ok(model.solve()?))?;
    Ok((
        to_numpy(py, plans.order_quantities),
        to_numpy(py, plans.cost),
        to_numpy(py, plans.costs_to_go),
        PyArray1::from_vec(py, plans.next_order_periods),
    ))
}

/// The finite-horizon result: (reorder_points, order_up_to_levels, total_cost) flat over SKUs,
/// and with `detail` (one SKU) also (x_min, cost_to_go, best_level, demand_outside_grid,
/// level_below_grid).
type Detail<'py> = (i64, Array<'py>, Array<'py>, f64, f64);

#[pyfunction]
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (periods, grids, terminal_holding_cost, terminal_stockout_cost, initial_inventory_level, demand_spread, level_spread, detail))]
fn finite_horizon<'py>(
    py: Python<'py>,
    periods: usize,
    grids: Vec<GridInput<'py>>,
    terminal_holding_cost: Input<'py>,
    terminal_stockout_cost: Input<'py>,
    initial_inventory_level: Input<'py>,
    demand_spread: f64,
    level_spread: f64,
    detail: bool,
) -> PyResult<(Array<'py>, Array<'py>, Array<'py>, Option<Detail<'py>>)> {
    let g = period_grids(py, &grids)?;
    let col = |name, a| -> PyResult<Column<'_>> { column(py, name, a) };
    let model = FiniteHorizon {
        periods,
        holding_cost: g[0],
        stockout_cost: g[1],
        purchase_cost: g[2],
        fixed_cost: g[3],
        demand_mean: g[4],
        demand_sd: g[5],
        discount_factor: g[6],
        terminal_holding_cost: col("terminal_holding_cost", &terminal_holding_cost)?,
        terminal_stockout_cost: col("terminal_stockout_cost", &terminal_stockout_cost)?,
        initial_inventory_level: col("initial_inventory_level", &initial_inventory_level)?,
        truncation: Truncation {
            demand_spread,
            level_spread,
        },
    };
    if detail {
        let sol = compute(py, || Ok(model.solve_one()?))?;
        let extra = (
            sol.x_min,
            to_numpy(py, sol.cost_to_go),
            to_numpy(py, sol.best_level),
            sol.demand_outside_grid,
            sol.level_below_grid,
        );
        return Ok((
            to_numpy(py, sol.reorder_points),
            to_numpy(py, sol.order_up_to_levels),
            to_numpy(py, vec![sol.total_cost]),
            Some(extra),
        ));
    }
    let all = compute(py, || Ok(model.solve()?))?;
    Ok((
        to_numpy(py, all.reorder_points),
        to_numpy(py, all.order_up_to_levels),
        to_numpy(py, all.total_cost),
        None,
    ))
}

/// Myopic bounds per period of one SKU: (S lower, S upper, s lower, s upper; NaN where none).
#[pyfunction]
fn myopic_bounds<'py>(
    py: Python<'py>,
    periods: usize,
    grids: Vec<GridInput<'py>>,
    terminal_holding_cost: f64,
    terminal_stockout_cost: f64,
) -> PyResult<(Array<'py>, Array<'py>, Array<'py>, Array<'py>)> {
    let g = period_grids(py, &grids)?;
    let model = FiniteHorizon {
        periods,
        holding_cost: g[0],
        stockout_cost: g[1],
        purchase_cost: g[2],
        fixed_cost: g[3],
        demand_mean: g[4],
        demand_sd: g[5],
        discount_factor: g[6],
        terminal_holding_cost: Column::Scalar(terminal_holding_cost),
        terminal_stockout_cost: Column::Scalar(terminal_stockout_cost),
        initial_inventory_level: Column::Scalar(0.0),
        truncation: Truncation::default(),
    };
    let b = compute(py, || Ok(model.myopic_bounds()?))?;
    let upper: Vec<f64> = b
        .reorder_upper
        .iter()
        .map(|v| v.unwrap_or(f64::NAN))
        .collect();
    Ok((
        to_numpy(py, b.order_up_to_lower),
        to_numpy(py, b.order_up_to_upper),
        to_numpy(py, b.reorder_lower),
        to_numpy(py, upper),
    ))
}

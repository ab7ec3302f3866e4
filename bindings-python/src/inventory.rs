//! `flowcast.inventory` kernels: EOQ, loss functions, safety stock.

use flowcast_core::column::zeroed;
use flowcast_core::{Column, ErrorCode, ValidationError};
use flowcast_inventory::loss::{self, Family, Order};
use flowcast_inventory::{
    CycleServiceColumns, EoqColumns, EoqInput, LeadTimeDemand, SafetyStockColumns, SafetyStockVecs,
    ServiceTarget,
};
use flowcast_inventory::{Distribution, Pmf};
use numpy::{PyArray1, PyArrayMethods, PyReadonlyArray1};
use pyo3::prelude::*;

use crate::arrays::{column, outputs, rows, slice, to_numpy};
use crate::errors::{compute, invalid, raise};

type Array<'py> = Bound<'py, PyArray1<f64>>;
type Input<'py> = PyReadonlyArray1<'py, f64>;

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(eoq, m)?)?;
    m.add_function(wrap_pyfunction!(safety_stock, m)?)?;
    m.add_function(wrap_pyfunction!(safety_stock_from_quantiles, m)?)?;
    m.add_function(wrap_pyfunction!(cycle_service, m)?)?;
    m.add_function(wrap_pyfunction!(standard_normal_loss, m)?)?;
    m.add_function(wrap_pyfunction!(standard_normal_second_loss, m)?)?;
    m.add_function(wrap_pyfunction!(normal_loss, m)?)?;
    m.add_function(wrap_pyfunction!(normal_second_loss, m)?)?;
    m.add_function(wrap_pyfunction!(standard_normal_loss_inverse, m)?)?;
    m.add_function(wrap_pyfunction!(distribution_loss, m)?)?;
    m.add_function(wrap_pyfunction!(discrete_loss, m)?)?;
    Ok(())
}

/// (order_quantity, cost) per row; `order_quantity` given means: cost of that quantity.
#[pyfunction]
#[pyo3(signature = (fixed_cost, holding_cost, demand_rate, order_quantity=None))]
fn eoq<'py>(
    py: Python<'py>,
    fixed_cost: Input<'py>,
    holding_cost: Input<'py>,
    demand_rate: Input<'py>,
    order_quantity: Option<Input<'py>>,
) -> PyResult<(Array<'py>, Array<'py>)> {
    let input = EoqInput {
        fixed_cost: column(py, "fixed_cost", &fixed_cost)?,
        holding_cost: column(py, "holding_cost", &holding_cost)?,
        demand_rate: column(py, "demand_rate", &demand_rate)?,
    };
    let q = order_quantity
        .as_ref()
        .map(|a| column(py, "order_quantity", a))
        .transpose()?;
    let mut named = vec![
        ("fixed_cost", input.fixed_cost),
        ("holding_cost", input.holding_cost),
        ("demand_rate", input.demand_rate),
    ];
    named.extend(q.map(|q| ("order_quantity", q)));
    let [qty, cost] = outputs(py, rows(py, &named)?);
    {
        let (mut a, mut b) = (qty.readwrite(), cost.readwrite());
        let out = EoqColumns {
            order_quantity: a.as_slice_mut()?,
            cost: b.as_slice_mut()?,
        };
        compute(py, || Ok(input.solve_into(q, out)?))?;
    }
    Ok((qty, cost))
}

/// (safety_factor, lead_time_demand_mean, lead_time_demand_sd, safety_stock, reorder_point,
/// cycle_service_level) per row. `target_kind` is `cycle_service_level`, `fill_rate` (with
/// `order_quantity`) or `safety_factor`.
#[pyfunction]
#[pyo3(signature = (demand_mean, demand_sd, lead_time, lead_time_sd, review_period, target_kind, target, order_quantity=None))]
#[allow(clippy::too_many_arguments, clippy::type_complexity)]
fn safety_stock<'py>(
    py: Python<'py>,
    demand_mean: Input<'py>,
    demand_sd: Input<'py>,
    lead_time: Input<'py>,
    lead_time_sd: Input<'py>,
    review_period: Input<'py>,
    target_kind: &str,
    target: Input<'py>,
    order_quantity: Option<Input<'py>>,
) -> PyResult<(
    Array<'py>,
    Array<'py>,
    Array<'py>,
    Array<'py>,
    Array<'py>,
    Array<'py>,
)> {
    let demand = LeadTimeDemand {
        demand_mean: column(py, "demand_mean", &demand_mean)?,
        demand_sd: column(py, "demand_sd", &demand_sd)?,
        lead_time: column(py, "lead_time", &lead_time)?,
        lead_time_sd: column(py, "lead_time_sd", &lead_time_sd)?,
        review_period: column(py, "review_period", &review_period)?,
    };
    let target = service_target(py, target_kind, &target, order_quantity.as_ref())?;
    let mut named = vec![
        ("demand_mean", demand.demand_mean),
        ("demand_sd", demand.demand_sd),
        ("lead_time", demand.lead_time),
        ("lead_time_sd", demand.lead_time_sd),
        ("review_period", demand.review_period),
    ];
    named.extend(match target {
        ServiceTarget::CycleServiceLevel(a) | ServiceTarget::SafetyFactor(a) => vec![("target", a)],
        ServiceTarget::FillRate {
            fill_rate,
            order_quantity,
        } => {
            vec![("target", fill_rate), ("order_quantity", order_quantity)]
        }
    });
    let arrays: [Array<'py>; 6] = outputs(py, rows(py, &named)?);
    {
        let mut views: Vec<_> = arrays.iter().map(|a| a.readwrite()).collect();
        let mut slices = views.iter_mut().map(|v| v.as_slice_mut());
        let mut next = || slices.next().transpose();
        let out = SafetyStockColumns {
            safety_factor: next()?,
            lead_time_demand_mean: next()?,
            lead_time_demand_sd: next()?,
            safety_stock: next()?,
            reorder_point: next()?,
            cycle_service_level: next()?,
        };
        compute(py, || Ok(demand.safety_stock_into(target, out)?))?;
    }
    let [k, mean, sd, ss, rop, csl] = arrays;
    Ok((k, mean, sd, ss, rop, csl))
}

type Buffers<'py> = (
    Array<'py>,
    Array<'py>,
    Array<'py>,
    Array<'py>,
    Array<'py>,
    Array<'py>,
);

/// Every output of a sized batch of buffers, handed to numpy.
fn buffers(py: Python<'_>, v: SafetyStockVecs) -> Buffers<'_> {
    (
        to_numpy(py, v.safety_factor),
        to_numpy(py, v.lead_time_demand_mean),
        to_numpy(py, v.lead_time_demand_sd),
        to_numpy(py, v.safety_stock),
        to_numpy(py, v.reorder_point),
        to_numpy(py, v.cycle_service_level),
    )
}

/// The service target named `kind` over the `target` column.
fn service_target<'a>(
    py: Python<'_>,
    kind: &str,
    target: &'a Input<'_>,
    order_quantity: Option<&'a Input<'_>>,
) -> PyResult<ServiceTarget<Column<'a>>> {
    Ok(match (kind, order_quantity) {
        ("cycle_service_level", None) => {
            ServiceTarget::CycleServiceLevel(column(py, "cycle_service_level", target)?)
        }
        ("safety_factor", None) => {
            ServiceTarget::SafetyFactor(column(py, "safety_factor", target)?)
        }
        ("fill_rate", Some(q)) => ServiceTarget::FillRate {
            fill_rate: column(py, "fill_rate", target)?,
            order_quantity: column(py, "order_quantity", q)?,
        },
        _ => {
            let e = ValidationError::new(
                ErrorCode::OutOfRange,
                "target_kind",
                kind,
                "must be cycle_service_level or safety_factor, or fill_rate with an order_quantity",
            );
            return Err(invalid(py, e));
        }
    })
}

/// Buffers from forecast quantiles: row i of `values` at the shared `levels`.
#[pyfunction]
#[pyo3(signature = (levels, values, target_kind, target, order_quantity=None, mean=None))]
fn safety_stock_from_quantiles<'py>(
    py: Python<'py>,
    levels: Vec<f64>,
    values: Input<'py>,
    target_kind: &str,
    target: Input<'py>,
    order_quantity: Option<Input<'py>>,
    mean: Option<Input<'py>>,
) -> PyResult<Buffers<'py>> {
    let values = slice(py, "values", &values)?;
    let target = service_target(py, target_kind, &target, order_quantity.as_ref())?;
    let mean = mean.as_ref().map(|m| column(py, "mean", m)).transpose()?;
    let v = compute(py, || {
        Ok(
            flowcast_inventory::quantile_buffer::safety_stock_from_quantiles(
                &levels, values, target, mean,
            )?,
        )
    })?;
    Ok(buffers(py, v))
}

/// (cycle_service_level, expected_shortage_per_cycle, fill_rate) per row.
#[pyfunction]
fn cycle_service<'py>(
    py: Python<'py>,
    safety_factor: Input<'py>,
    lead_time_demand_sd: Input<'py>,
    order_quantity: Input<'py>,
) -> PyResult<(Array<'py>, Array<'py>, Array<'py>)> {
    let columns = [
        (
            "safety_factor",
            column(py, "safety_factor", &safety_factor)?,
        ),
        (
            "lead_time_demand_sd",
            column(py, "lead_time_demand_sd", &lead_time_demand_sd)?,
        ),
        (
            "order_quantity",
            column(py, "order_quantity", &order_quantity)?,
        ),
    ];
    let n = rows(py, &columns)?;
    let [csl, short, fill] = compute(py, || {
        let mut out: [Vec<f64>; 3] = std::array::from_fn(|_| zeroed(n));
        let [csl, short, fill] = &mut out;
        let [k, sd, q] = columns.map(|(_, c)| c);
        flowcast_inventory::cycle_service_into(
            k,
            sd,
            q,
            CycleServiceColumns {
                cycle_service_level: csl,
                expected_shortage_per_cycle: short,
                fill_rate: fill,
            },
        )?;
        Ok(out)
    })?;
    Ok((to_numpy(py, csl), to_numpy(py, short), to_numpy(py, fill)))
}

type StandardKernel = fn(&[f64], &mut [f64], &mut [f64]) -> flowcast_inventory::Result<()>;

/// (loss, complement) per row of a standard normal loss function.
fn standard_pair<'py>(
    py: Python<'py>,
    z: &Input<'py>,
    kernel: StandardKernel,
) -> PyResult<(Array<'py>, Array<'py>)> {
    let values = slice(py, "z", z)?;
    let (a, b) = compute(py, || {
        let (mut a, mut b) = (zeroed(values.len()), zeroed(values.len()));
        kernel(values, &mut a, &mut b)?;
        Ok((a, b))
    })?;
    Ok((to_numpy(py, a), to_numpy(py, b)))
}

/// (G(z), Ḡ(z)) per row.
#[pyfunction]
fn standard_normal_loss<'py>(py: Python<'py>, z: Input<'py>) -> PyResult<(Array<'py>, Array<'py>)> {
    standard_pair(py, &z, loss::standard_normal_loss_batch)
}

/// (G₂(z), Ḡ₂(z)) per row.
#[pyfunction]
fn standard_normal_second_loss<'py>(
    py: Python<'py>,
    z: Input<'py>,
) -> PyResult<(Array<'py>, Array<'py>)> {
    standard_pair(py, &z, loss::standard_normal_second_loss_batch)
}

type NormalKernel = fn(
    Column<'_>,
    Column<'_>,
    Column<'_>,
    &mut [f64],
    &mut [f64],
) -> flowcast_inventory::Result<()>;

fn normal_pair<'py>(
    py: Python<'py>,
    inputs: [&Input<'py>; 3],
    kernel: NormalKernel,
) -> PyResult<(Array<'py>, Array<'py>)> {
    let x = column(py, "x", inputs[0])?;
    let mean = column(py, "mean", inputs[1])?;
    let sd = column(py, "sd", inputs[2])?;
    let n = rows(py, &[("x", x), ("mean", mean), ("sd", sd)])?;
    let (a, b) = compute(py, || {
        let (mut a, mut b) = (zeroed(n), zeroed(n));
        kernel(x, mean, sd, &mut a, &mut b)?;
        Ok((a, b))
    })?;
    Ok((to_numpy(py, a), to_numpy(py, b)))
}

/// (n(x), n̄(x)) per row for N(mean, sd²).
#[pyfunction]
fn normal_loss<'py>(
    py: Python<'py>,
    x: Input<'py>,
    mean: Input<'py>,
    sd: Input<'py>,
) -> PyResult<(Array<'py>, Array<'py>)> {
    normal_pair(py, [&x, &mean, &sd], loss::normal_loss_batch)
}

/// (n₂(x), n̄₂(x)) per row for N(mean, sd²).
#[pyfunction]
fn normal_second_loss<'py>(
    py: Python<'py>,
    x: Input<'py>,
    mean: Input<'py>,
    sd: Input<'py>,
) -> PyResult<(Array<'py>, Array<'py>)> {
    normal_pair(py, [&x, &mean, &sd], loss::normal_second_loss_batch)
}

/// k with G(k) = g per row.
#[pyfunction]
fn standard_normal_loss_inverse<'py>(py: Python<'py>, g: Input<'py>) -> PyResult<Array<'py>> {
    let column = column(py, "g", &g)?;
    let n = rows(py, &[("g", column)])?;
    let out = compute(py, || {
        let mut out = zeroed(n);
        loss::standard_normal_loss_inverse_into(column, &mut out)?;
        Ok(out)
    })?;
    Ok(to_numpy(py, out))
}

/// (loss, complement) per row for a named family with one array per parameter; `order` 1 or 2.
#[pyfunction]
fn distribution_loss<'py>(
    py: Python<'py>,
    family: &str,
    parameters: Vec<Input<'py>>,
    x: Input<'py>,
    order: u8,
) -> PyResult<(Array<'py>, Array<'py>)> {
    let family = Family::from_name(family).map_err(|e| raise(py, e))?;
    let names = family.parameters();
    let columns = parameters
        .iter()
        .zip(names.iter().chain(std::iter::repeat(&"parameter")))
        .map(|(a, name)| column(py, name, a))
        .collect::<PyResult<Vec<_>>>()?;
    let x = column(py, "x", &x)?;
    let order = loss_order(py, order)?;
    let (a, b) = compute(py, || {
        let mut all = columns
            .iter()
            .copied()
            .zip(names.iter().copied())
            .map(|(c, n)| (n, c))
            .collect::<Vec<_>>();
        all.push(("x", x));
        let n = Column::rows(&all)?;
        let (mut a, mut b) = (zeroed(n), zeroed(n));
        loss::loss_into(family, &columns, x, order, &mut a, &mut b)?;
        Ok((a, b))
    })?;
    Ok((to_numpy(py, a), to_numpy(py, b)))
}

/// (loss, complement) at each x of a discrete distribution given by its pmf.
#[pyfunction]
fn discrete_loss<'py>(
    py: Python<'py>,
    values: Vec<f64>,
    probabilities: Vec<f64>,
    x: Input<'py>,
    order: u8,
) -> PyResult<(Array<'py>, Array<'py>)> {
    let xs = slice(py, "x", &x)?;
    let order = loss_order(py, order)?;
    let (a, b) = compute(py, || {
        let pmf = Pmf::new(values.into_iter().zip(probabilities))?;
        let d = Distribution::Discrete(pmf);
        let (mut a, mut b) = (zeroed(xs.len()), zeroed(xs.len()));
        for (i, &x) in xs.iter().enumerate() {
            (a[i], b[i]) = d
                .loss_of_order(x, order)
                .map_err(|e| index(e, i, xs.len()))?;
        }
        Ok((a, b))
    })?;
    Ok((to_numpy(py, a), to_numpy(py, b)))
}

fn loss_order(py: Python<'_>, order: u8) -> PyResult<Order> {
    match order {
        1 => Ok(Order::First),
        2 => Ok(Order::Second),
        _ => Err(invalid(
            py,
            ValidationError::new(ErrorCode::OutOfRange, "order", order, "must be 1 or 2"),
        )),
    }
}

/// An inventory error as the exception, outside `compute`.
/// An error at element `i` of an input of `len` elements (unindexed for a single value).
fn index(e: flowcast_inventory::Error, i: usize, len: usize) -> flowcast_inventory::Error {
    match e {
        flowcast_inventory::Error::Invalid(v) if len > 1 && v.field == "x" => v.at(i).into(),
        other => other,
    }
}

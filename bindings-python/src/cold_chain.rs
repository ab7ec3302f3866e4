//! `flowcast.expiry` kernels beyond MKT: shelf life, rolling and bucketed MKT, excursions (batch
//! and streaming), FEFO, waste projection and the donation plan. Structured inputs and results
//! cross as JSON text, which the Python package turns into dicts.

use flowcast_core::column::zeroed;
use flowcast_core::{ErrorCode, ValidationError};
use flowcast_expiry::excursion::{Rules, Tracker, analyze_many};
use flowcast_expiry::fefo::{Lot, Order, fefo_allocate_orders};
use flowcast_expiry::kinetic_sums::{MktSums, rolling_mkt};
use flowcast_expiry::mkt::MktParams;
use flowcast_expiry::shelf_life::{RateModel, q10_from_arrhenius, shelf_life_consumed};
use flowcast_expiry::waste::{
    Demand, Lot as WasteLot, WastePlanProblem, plan_waste, project_waste,
};
use numpy::{PyArray1, PyReadonlyArray1};
use pyo3::prelude::*;
use serde::Serialize;

use crate::arrays::{positions, slice, to_numpy};
use crate::errors::{Failure, compute, raise};

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(acceleration_factor, m)?)?;
    m.add_function(wrap_pyfunction!(q10_from_arrhenius_py, m)?)?;
    m.add_function(wrap_pyfunction!(shelf_life, m)?)?;
    m.add_function(wrap_pyfunction!(rolling_mean_kinetic_temperature, m)?)?;
    m.add_function(wrap_pyfunction!(kinetic_sums, m)?)?;
    m.add_function(wrap_pyfunction!(combine_kinetic_sums, m)?)?;
    m.add_function(wrap_pyfunction!(excursion_rules, m)?)?;
    m.add_function(wrap_pyfunction!(analyze_excursions, m)?)?;
    m.add_function(wrap_pyfunction!(fefo_allocate, m)?)?;
    m.add_function(wrap_pyfunction!(project_waste_py, m)?)?;
    m.add_function(wrap_pyfunction!(plan_waste_py, m)?)?;
    m.add_class::<ExcursionTracker>()?;
    Ok(())
}

fn model(delta_h: f64, gas_constant: f64, q10: Option<f64>) -> RateModel {
    q10.map_or(
        RateModel::Arrhenius(MktParams {
            delta_h,
            gas_constant,
        }),
        RateModel::Q10,
    )
}

/// Bucket bounds must not decrease and must stay within `len`.
fn monotone(bounds: &[usize], len: usize) -> Result<(), Failure> {
    let bad = bounds.windows(2).any(|w| w[1] < w[0]) || bounds.last().is_some_and(|&b| b > len);
    if bad {
        return Err(Failure::Invalid(ValidationError::new(
            ErrorCode::OutOfRange,
            "bounds",
            format!("{} bounds", bounds.len()),
            "must not decrease and must stay within the readings",
        )));
    }
    Ok(())
}

/// An expiry error, its field indexed by `i` when given.
fn indexed(e: flowcast_expiry::Error, i: Option<usize>) -> Failure {
    match (Failure::from(e), i) {
        (Failure::Invalid(v), Some(i)) => Failure::Invalid(v.at(i)),
        (other, _) => other,
    }
}

/// Text in a JSON argument that does not read as the expected structure.
fn bad_json(field: &'static str, e: &serde_json::Error) -> Failure {
    Failure::Invalid(ValidationError::new(
        ErrorCode::WrongType,
        field,
        "the given structure",
        format!("does not match: {e}"),
    ))
}

fn to_json(value: &impl Serialize) -> Result<String, Failure> {
    serde_json::to_string(value).map_err(|e| Failure::Other(e.to_string()))
}

/// AF(t) relative to `t_ref`, element-wise (arrays of one length, or one value for all).
#[pyfunction]
#[pyo3(signature = (t_c, t_ref_c, delta_h, gas_constant, q10=None))]
fn acceleration_factor<'py>(
    py: Python<'py>,
    t_c: PyReadonlyArray1<'py, f64>,
    t_ref_c: PyReadonlyArray1<'py, f64>,
    delta_h: f64,
    gas_constant: f64,
    q10: Option<f64>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let (t, t_ref) = (slice(py, "t_c", &t_c)?, slice(py, "t_ref_c", &t_ref_c)?);
    let model = model(delta_h, gas_constant, q10);
    let out = compute(py, || {
        let at = |v: &[f64], i: usize| if v.len() == 1 { v[0] } else { v[i] };
        let n = t.len().max(t_ref.len());
        (0..n)
            .map(|i| {
                model
                    .acceleration_factor(at(t, i), at(t_ref, i))
                    .map_err(|e| indexed(e, (n > 1).then_some(i)))
            })
            .collect::<Result<Vec<_>, _>>()
    })?;
    Ok(to_numpy(py, out))
}

/// The Q10 equal to Arrhenius kinetics over [t_ref, t_ref + 10].
#[pyfunction]
#[pyo3(name = "q10_from_arrhenius", signature = (t_ref_c, delta_h, gas_constant))]
fn q10_from_arrhenius_py(
    py: Python<'_>,
    t_ref_c: f64,
    delta_h: f64,
    gas_constant: f64,
) -> PyResult<f64> {
    let p = MktParams {
        delta_h,
        gas_constant,
    };
    q10_from_arrhenius(&p, t_ref_c).map_err(|e| raise(py, e))
}

/// (elapsed, equivalent_at_ref, fraction_consumed, remaining_at_ref).
#[pyfunction]
#[pyo3(signature = (temps_c, durations, t_ref_c, shelf_life_at_ref, delta_h, gas_constant, q10=None))]
#[allow(clippy::too_many_arguments)]
fn shelf_life(
    py: Python<'_>,
    temps_c: PyReadonlyArray1<'_, f64>,
    durations: PyReadonlyArray1<'_, f64>,
    t_ref_c: f64,
    shelf_life_at_ref: f64,
    delta_h: f64,
    gas_constant: f64,
    q10: Option<f64>,
) -> PyResult<(f64, f64, f64, f64)> {
    let (t, d) = (
        slice(py, "temps_c", &temps_c)?,
        slice(py, "durations", &durations)?,
    );
    let model = model(delta_h, gas_constant, q10);
    let s = compute(py, || {
        Ok(shelf_life_consumed(
            t,
            d,
            t_ref_c,
            shelf_life_at_ref,
            &model,
        )?)
    })?;
    Ok((
        s.elapsed,
        s.equivalent_at_ref,
        s.fraction_consumed,
        s.remaining_at_ref,
    ))
}

/// MKT of every window of `window` consecutive readings.
#[pyfunction]
#[pyo3(signature = (temps_c, weights, window, delta_h, gas_constant))]
fn rolling_mean_kinetic_temperature<'py>(
    py: Python<'py>,
    temps_c: PyReadonlyArray1<'py, f64>,
    weights: Option<PyReadonlyArray1<'py, f64>>,
    window: usize,
    delta_h: f64,
    gas_constant: f64,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let temps = slice(py, "temps_c", &temps_c)?;
    let weights = weights
        .as_ref()
        .map(|w| slice(py, "weights", w))
        .transpose()?;
    let p = MktParams {
        delta_h,
        gas_constant,
    };
    let out = compute(py, || {
        let mut out = zeroed(temps.len().saturating_sub(window) + 1);
        rolling_mkt(temps, weights, window, &p, &mut out)?;
        Ok(out)
    })?;
    Ok(to_numpy(py, out))
}

type SumsArrays<'py> = (
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<f64>>,
);

/// Per bucket `temps_c[bounds[j]..bounds[j+1]]`: (ln Σw·e^(−ΔH/RT), Σw, Σw·t, min, max).
#[pyfunction]
#[pyo3(signature = (temps_c, weights, bounds, delta_h, gas_constant))]
fn kinetic_sums<'py>(
    py: Python<'py>,
    temps_c: PyReadonlyArray1<'py, f64>,
    weights: Option<PyReadonlyArray1<'py, f64>>,
    bounds: PyReadonlyArray1<'py, i64>,
    delta_h: f64,
    gas_constant: f64,
) -> PyResult<SumsArrays<'py>> {
    let temps = slice(py, "temps_c", &temps_c)?;
    let weights = weights
        .as_ref()
        .map(|w| slice(py, "weights", w))
        .transpose()?;
    let bounds = positions(py, "bounds", &bounds)?;
    let p = MktParams {
        delta_h,
        gas_constant,
    };
    let parts = compute(py, || {
        if let Some(w) = weights {
            flowcast_core::check::same_len("weights", w.len(), "temps_c", temps.len())?;
        }
        monotone(&bounds, temps.len())?;
        let mut parts = [const { Vec::new() }; 5];
        for b in bounds.windows(2) {
            let (start, end) = (b[0], b[1]);
            let w = weights.map(|w| &w[start..end]);
            let s =
                MktSums::from_readings(&temps[start..end], w, &p).map_err(
                    |e| match Failure::from(e) {
                        Failure::Invalid(v) => Failure::Invalid(v.offset(start)),
                        other => other,
                    },
                )?;
            let nan = f64::NAN;
            for (k, v) in [
                s.ln_kinetic_sum(),
                s.total_weight(),
                s.weighted_temp(),
                s.min_c().unwrap_or(nan),
                s.max_c().unwrap_or(nan),
            ]
            .into_iter()
            .enumerate()
            {
                parts[k].push(v);
            }
        }
        Ok(parts)
    })?;
    let [a, b, c, d, e] = parts.map(|v| to_numpy(py, v));
    Ok((a, b, c, d, e))
}

/// MKT (°C) of each group of buckets `[bounds[j], bounds[j+1])` from their stored sums.
#[pyfunction]
#[pyo3(signature = (ln_kinetic_sum, weight, weighted_temp, min_c, max_c, bounds, delta_h, gas_constant))]
#[allow(clippy::too_many_arguments)]
fn combine_kinetic_sums<'py>(
    py: Python<'py>,
    ln_kinetic_sum: PyReadonlyArray1<'py, f64>,
    weight: PyReadonlyArray1<'py, f64>,
    weighted_temp: PyReadonlyArray1<'py, f64>,
    min_c: PyReadonlyArray1<'py, f64>,
    max_c: PyReadonlyArray1<'py, f64>,
    bounds: PyReadonlyArray1<'py, i64>,
    delta_h: f64,
    gas_constant: f64,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let ln = slice(py, "ln_kinetic_sum", &ln_kinetic_sum)?;
    let w = slice(py, "weight", &weight)?;
    let wt = slice(py, "weighted_temp", &weighted_temp)?;
    let lo = slice(py, "min_c", &min_c)?;
    let hi = slice(py, "max_c", &max_c)?;
    let bounds = positions(py, "bounds", &bounds)?;
    let p = MktParams {
        delta_h,
        gas_constant,
    };
    let out = compute(py, || {
        let n = ln.len();
        monotone(&bounds, n)?;
        for (name, len) in [
            ("weight", w.len()),
            ("weighted_temp", wt.len()),
            ("min_c", lo.len()),
            ("max_c", hi.len()),
        ] {
            flowcast_core::check::same_len(name, len, "ln_kinetic_sum", n)?;
        }
        bounds
            .windows(2)
            .map(|b| {
                let mut total = MktSums::new(&p)?;
                for i in b[0]..b[1].min(n) {
                    let part = MktSums::from_parts(&p, ln[i], w[i], wt[i], lo[i], hi[i])
                        .map_err(|e| indexed(e, Some(i)))?;
                    total.merge(&part)?;
                }
                Ok(total.mkt_c().unwrap_or(f64::NAN))
            })
            .collect::<Result<Vec<_>, Failure>>()
    })?;
    Ok(to_numpy(py, out))
}

fn rules_from(json: &str) -> Result<Rules, Failure> {
    let rules: Rules = serde_json::from_str(json).map_err(|e| bad_json("rules", &e))?;
    rules.validate()?;
    Ok(rules)
}

/// A preset (`refrigerated`, `controlled_cold`, `controlled_room`, `frozen`) with `overrides`
/// (a JSON object of rule fields) applied, validated, as JSON.
#[pyfunction]
#[pyo3(signature = (preset, overrides))]
fn excursion_rules(py: Python<'_>, preset: &str, overrides: &str) -> PyResult<String> {
    compute(py, || {
        let base = Rules::preset(preset)?;
        let mut value = serde_json::to_value(&base).map_err(|e| Failure::Other(e.to_string()))?;
        let extra: serde_json::Value =
            serde_json::from_str(overrides).map_err(|e| bad_json("rules", &e))?;
        if let (Some(target), Some(fields)) = (value.as_object_mut(), extra.as_object()) {
            for (k, v) in fields {
                target.insert(k.clone(), v.clone());
            }
        }
        let rules = rules_from(&value.to_string())?;
        to_json(&rules)
    })
}

/// One JSON report per log `[bounds[j], bounds[j+1])`.
#[pyfunction]
#[pyo3(signature = (timestamps, temps_c, bounds, rules))]
fn analyze_excursions(
    py: Python<'_>,
    timestamps: PyReadonlyArray1<'_, f64>,
    temps_c: PyReadonlyArray1<'_, f64>,
    bounds: PyReadonlyArray1<'_, i64>,
    rules: &str,
) -> PyResult<Vec<String>> {
    let (t, v) = (
        slice(py, "timestamps", &timestamps)?,
        slice(py, "temps_c", &temps_c)?,
    );
    let bounds = positions(py, "bounds", &bounds)?;
    compute(py, || {
        let rules = rules_from(rules)?;
        analyze_many(t, v, &bounds, &rules)?
            .iter()
            .map(to_json)
            .collect()
    })
}

/// The streaming tracker; the Python package wraps it as `flowcast.expiry.ExcursionTracker`.
#[pyclass(module = "flowcast._flowcast")]
struct ExcursionTracker {
    inner: Tracker,
}

#[pymethods]
impl ExcursionTracker {
    #[new]
    fn new(py: Python<'_>, rules: &str) -> PyResult<Self> {
        let inner = compute(py, || Ok(Tracker::new(rules_from(rules)?)?))?;
        Ok(Self { inner })
    }

    /// Restores a tracker from [`ExcursionTracker::state`].
    #[staticmethod]
    fn from_state(py: Python<'_>, state: &str) -> PyResult<Self> {
        let inner: Tracker =
            serde_json::from_str(state).map_err(|e| raise(py, bad_json("state", &e)))?;
        inner.rules().validate().map_err(|e| raise(py, e))?;
        Ok(Self { inner })
    }

    /// Signals as JSON.
    fn push(&mut self, py: Python<'_>, t: f64, temp_c: f64) -> PyResult<String> {
        let signals = self.inner.push(t, temp_c).map_err(|e| raise(py, e))?;
        to_json(&signals).map_err(|e| raise(py, e))
    }

    fn extend(
        &mut self,
        py: Python<'_>,
        timestamps: PyReadonlyArray1<'_, f64>,
        temps_c: PyReadonlyArray1<'_, f64>,
    ) -> PyResult<()> {
        let (t, v) = (
            slice(py, "timestamps", &timestamps)?,
            slice(py, "temps_c", &temps_c)?,
        );
        let inner = &mut self.inner;
        compute(py, || Ok(inner.extend(t, v)?))
    }

    fn report(&self, py: Python<'_>) -> PyResult<String> {
        to_json(&self.inner.report()).map_err(|e| raise(py, e))
    }

    fn state(&self, py: Python<'_>) -> PyResult<String> {
        to_json(&self.inner).map_err(|e| raise(py, e))
    }

    fn readings(&self) -> u64 {
        self.inner.readings()
    }
}

/// FEFO for `orders` (qty, ship_day, min_remaining_days) in turn: allocations as JSON.
#[pyfunction]
#[pyo3(signature = (ids, expiry_days, quantities, order_qty, ship_days, min_remaining_days))]
fn fefo_allocate(
    py: Python<'_>,
    ids: Vec<String>,
    expiry_days: Vec<i64>,
    quantities: Vec<f64>,
    order_qty: Vec<f64>,
    ship_days: Vec<i64>,
    min_remaining_days: Vec<i64>,
) -> PyResult<String> {
    compute(py, || {
        let lots: Vec<Lot> = ids
            .into_iter()
            .zip(expiry_days)
            .zip(quantities)
            .map(|((id, expiry_day), qty)| Lot {
                id,
                expiry_day,
                qty,
            })
            .collect();
        let orders: Vec<Order> = order_qty
            .iter()
            .zip(&ship_days)
            .zip(&min_remaining_days)
            .map(|((&qty, &ship_day), &min_remaining_days)| Order {
                qty,
                ship_day,
                min_remaining_days,
            })
            .collect();
        to_json(&fefo_allocate_orders(&lots, &orders)?)
    })
}

/// Projected sold/unsold per lot, as JSON.
#[pyfunction]
#[pyo3(name = "project_waste", signature = (ids, quantities, days_to_expiry, unit_values, mean_per_day, daily, min_shelf_days))]
#[allow(clippy::too_many_arguments)]
fn project_waste_py(
    py: Python<'_>,
    ids: Vec<String>,
    quantities: Vec<f64>,
    days_to_expiry: Vec<u32>,
    unit_values: Vec<f64>,
    mean_per_day: f64,
    daily: Option<Vec<f64>>,
    min_shelf_days: u32,
) -> PyResult<String> {
    compute(py, || {
        let lots: Vec<WasteLot> = ids
            .into_iter()
            .zip(quantities)
            .zip(days_to_expiry)
            .zip(unit_values)
            .map(|(((id, q), d), v)| WasteLot::new(id, q, d, v))
            .collect();
        let demand = match &daily {
            Some(days) => Demand::daily(days, mean_per_day),
            None => Demand::flat(mean_per_day),
        };
        to_json(&project_waste(&lots, demand, min_shelf_days)?)
    })
}

/// The donation plan of a JSON problem, as JSON.
#[pyfunction]
#[pyo3(name = "plan_waste", signature = (problem))]
fn plan_waste_py(py: Python<'_>, problem: &str) -> PyResult<String> {
    compute(py, || {
        let problem: WastePlanProblem =
            serde_json::from_str(problem).map_err(|e| bad_json("problem", &e))?;
        to_json(&plan_waste(&problem)?)
    })
}

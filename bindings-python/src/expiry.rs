//! `flowcast.expiry` kernels: mean kinetic temperature.

use flowcast_core::column::zeroed;
use flowcast_expiry::mkt::{MktParams, mkt_segments};
use numpy::{PyArray1, PyReadonlyArray1};
use pyo3::prelude::*;

use crate::arrays::{positions, slice, to_numpy};
use crate::errors::compute;

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(mean_kinetic_temperature, m)?)?;
    Ok(())
}

/// MKT in °C of each record `temps_c[bounds[j]..bounds[j+1]]`.
#[pyfunction]
#[pyo3(signature = (temps_c, weights, bounds, delta_h, gas_constant))]
fn mean_kinetic_temperature<'py>(
    py: Python<'py>,
    temps_c: PyReadonlyArray1<'py, f64>,
    weights: Option<PyReadonlyArray1<'py, f64>>,
    bounds: PyReadonlyArray1<'py, i64>,
    delta_h: f64,
    gas_constant: f64,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let temps = slice(py, "temps_c", &temps_c)?;
    let weights = weights
        .as_ref()
        .map(|w| slice(py, "weights", w))
        .transpose()?;
    let bounds = positions(py, "bounds", &bounds)?;
    let params = MktParams {
        delta_h,
        gas_constant,
    };
    let out = compute(py, || {
        let mut out = zeroed(bounds.len().saturating_sub(1));
        mkt_segments(temps, weights, &bounds, &params, &mut out)?;
        Ok(out)
    })?;
    Ok(to_numpy(py, out))
}

//! numpy arrays in and out: zero-copy views as batch columns, owned vectors handed to numpy.

use flowcast_core::{Column, ErrorCode, ValidationError};
use numpy::{PyArray1, PyReadonlyArray1};
use pyo3::prelude::*;

use crate::errors::invalid;

/// A float64 array as a batch column: one element is a scalar broadcast to every row. The
/// Python package passes contiguous 1-D arrays; anything else is reported, not copied.
pub(crate) fn column<'a>(
    py: Python<'_>,
    name: &'static str,
    array: &'a PyReadonlyArray1<'_, f64>,
) -> PyResult<Column<'a>> {
    let values = array.as_slice().map_err(|_| {
        invalid(
            py,
            ValidationError::new(
                ErrorCode::OutOfRange,
                name,
                "a strided array",
                "must be contiguous",
            ),
        )
    })?;
    Ok(match values {
        [single] => Column::Scalar(*single),
        _ => Column::Values(values),
    })
}

/// Row count of named columns, as an exception when they disagree.
pub(crate) fn rows(py: Python<'_>, columns: &[(&'static str, Column<'_>)]) -> PyResult<usize> {
    Column::rows(columns).map_err(|e| invalid(py, e))
}

/// Hands a vector to numpy without copying.
pub(crate) fn to_numpy(py: Python<'_>, values: Vec<f64>) -> Bound<'_, PyArray1<f64>> {
    PyArray1::from_vec(py, values)
}

/// A zeroed output vector, allocated with `malloc` and filled rather than `calloc`ed: for large
/// outputs `calloc` maps fresh pages whose first-touch faults cost more than the kernel itself,
/// while `malloc` reuses the heap pages numpy freed on the previous call.
pub(crate) fn zeros(n: usize) -> Vec<f64> {
    let mut v = Vec::with_capacity(n);
    v.resize(n, 0.0);
    v
}

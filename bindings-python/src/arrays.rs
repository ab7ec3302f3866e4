//! numpy arrays in and out: zero-copy views as batch columns, owned vectors handed to numpy.

use flowcast_core::{Column, ErrorCode, ValidationError};
use numpy::{PyArray1, PyReadonlyArray1};
use pyo3::prelude::*;

use crate::errors::invalid;

/// The array's values without copying. The Python package passes contiguous 1-D arrays;
/// anything else is reported, not copied.
pub(crate) fn slice<'a>(
    py: Python<'_>,
    name: &'static str,
    array: &'a PyReadonlyArray1<'_, f64>,
) -> PyResult<&'a [f64]> {
    array.as_slice().map_err(|_| {
        invalid(
            py,
            ValidationError::new(
                ErrorCode::OutOfRange,
                name,
                "a strided array",
                "must be contiguous",
            ),
        )
    })
}

/// Record boundaries (int64 positions) as indexes; a negative one is reported by name.
pub(crate) fn positions(
    py: Python<'_>,
    name: &'static str,
    array: &PyReadonlyArray1<'_, i64>,
) -> PyResult<Vec<usize>> {
    array
        .as_array()
        .iter()
        .map(|&b| usize::try_from(b))
        .collect::<Result<_, _>>()
        .map_err(|_| {
            invalid(
                py,
                ValidationError::new(
                    ErrorCode::Negative,
                    name,
                    "a negative value",
                    "must be at least 0",
                ),
            )
        })
}

/// A float64 array as a batch column: one element is a scalar broadcast to every row.
pub(crate) fn column<'a>(
    py: Python<'_>,
    name: &'static str,
    array: &'a PyReadonlyArray1<'_, f64>,
) -> PyResult<Column<'a>> {
    Ok(match slice(py, name, array)? {
        [single] => Column::Scalar(*single),
        values => Column::Values(values),
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

/// `N` output arrays of `n` rows, allocated by numpy (which asks for huge pages for large
/// arrays, so filling them costs far fewer page faults than a fresh Rust vector).
pub(crate) fn outputs<const N: usize>(py: Python<'_>, n: usize) -> [Bound<'_, PyArray1<f64>>; N] {
    std::array::from_fn(|_| PyArray1::<f64>::zeros(py, n, false))
}

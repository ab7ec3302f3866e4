//! One place where Rust errors and panics become Python exceptions.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

use flowcast_core::ValidationError;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// A failed computation, before it becomes an exception.
pub(crate) enum Failure {
    /// Bad input: `flowcast.ValidationError` (also a `ValueError`).
    Invalid(ValidationError),
    /// Anything else: `flowcast.FlowcastError`.
    Other(String),
}

impl From<ValidationError> for Failure {
    fn from(e: ValidationError) -> Self {
        Self::Invalid(e)
    }
}

impl From<flowcast_inventory::Error> for Failure {
    fn from(e: flowcast_inventory::Error) -> Self {
        match e {
            flowcast_inventory::Error::Invalid(v) => Self::Invalid(v),
            other => Self::Other(other.to_string()),
        }
    }
}

impl From<flowcast_expiry::Error> for Failure {
    fn from(e: flowcast_expiry::Error) -> Self {
        match e {
            flowcast_expiry::Error::Invalid(v) => Self::Invalid(v),
            other => Self::Other(other.to_string()),
        }
    }
}

impl From<flowcast_forecast::Error> for Failure {
    fn from(e: flowcast_forecast::Error) -> Self {
        match e {
            flowcast_forecast::Error::Invalid(v) => Self::Invalid(v),
            other => Self::Other(other.to_string()),
        }
    }
}

/// Runs `f` without the GIL and turns its failure, or a panic, into the matching exception.
pub(crate) fn compute<T: Send>(
    py: Python<'_>,
    f: impl FnOnce() -> Result<T, Failure> + Send,
) -> PyResult<T> {
    match py.detach(|| catch_unwind(AssertUnwindSafe(f))) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(failure)) => Err(to_exception(py, failure)),
        Err(panic) => Err(to_exception(
            py,
            Failure::Other(format!(
                "internal error (please report it): {}",
                panic_text(&*panic)
            )),
        )),
    }
}

/// A validation failure as an exception, outside [`compute`].
pub(crate) fn invalid(py: Python<'_>, e: ValidationError) -> PyErr {
    to_exception(py, Failure::Invalid(e))
}

/// Any core error as its exception, outside [`compute`].
pub(crate) fn raise(py: Python<'_>, e: impl Into<Failure>) -> PyErr {
    to_exception(py, e.into())
}

fn panic_text(panic: &(dyn Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned())
}

fn to_exception(py: Python<'_>, failure: Failure) -> PyErr {
    let built = match &failure {
        Failure::Invalid(e) => exception(py, "ValidationError", &e.to_string(), Some(e)),
        Failure::Other(message) => exception(py, "FlowcastError", message, None),
    };
    built.unwrap_or_else(|import_error| {
        // Only when the pure-Python package is missing around the extension module.
        let message = match failure {
            Failure::Invalid(e) => e.to_string(),
            Failure::Other(m) => m,
        };
        PyRuntimeError::new_err(format!(
            "{message} (and flowcast.errors failed to load: {import_error})"
        ))
    })
}

fn exception(
    py: Python<'_>,
    class: &str,
    message: &str,
    detail: Option<&ValidationError>,
) -> PyResult<PyErr> {
    let cls = py.import("flowcast.errors")?.getattr(class)?;
    let kwargs = PyDict::new(py);
    if let Some(e) = detail {
        kwargs.set_item("code", e.code.as_str())?;
        kwargs.set_item("field", e.field.as_ref())?;
        kwargs.set_item("value", &e.value)?;
        kwargs.set_item("reason", e.reason.as_ref())?;
    }
    let instance = cls.call((message,), Some(&kwargs))?;
    Ok(PyErr::from_value(instance))
}

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
    /// Bad input whose codes are not `flowcast_core`'s (a malformed file, an invalid routing
    /// problem with every issue): also `flowcast.ValidationError`.
    Input(Box<InputError>),
    /// An exception raised by Python while the computation ran (Ctrl-C): raised as it is.
    Python(PyErr),
    /// Anything else: `flowcast.FlowcastError`.
    Other(String),
}

/// The parts of a `flowcast.ValidationError` that [`ValidationError`] cannot carry.
pub(crate) struct InputError {
    /// The whole message.
    pub message: String,
    /// Stable code of the (first) issue.
    pub code: String,
    /// Where: a field, a location in a problem (`clients[3].tw_late`), or `line`.
    pub field: String,
    /// The offending value, when there is one on its own.
    pub value: Option<String>,
    /// Why.
    pub reason: String,
    /// The 1-based line of a malformed file.
    pub line: Option<usize>,
    /// Every issue: (code, location, cause, action).
    pub issues: Vec<[String; 4]>,
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
        Failure::Python(e) => return e.clone_ref(py),
        Failure::Invalid(e) => exception(py, "ValidationError", &e.to_string(), Some(e)),
        Failure::Input(e) => input_exception(py, e),
        Failure::Other(message) => exception(py, "FlowcastError", message, None),
    };
    built.unwrap_or_else(|import_error| {
        // Only when the pure-Python package is missing around the extension module.
        let message = match failure {
            Failure::Invalid(e) => e.to_string(),
            Failure::Input(e) => e.message,
            Failure::Python(e) => e.to_string(),
            Failure::Other(m) => m,
        };
        PyRuntimeError::new_err(format!(
            "{message} (and flowcast.errors failed to load: {import_error})"
        ))
    })
}

fn input_exception(py: Python<'_>, e: &InputError) -> PyResult<PyErr> {
    let cls = py.import("flowcast.errors")?.getattr("ValidationError")?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("code", &e.code)?;
    kwargs.set_item("field", &e.field)?;
    kwargs.set_item("value", &e.value)?;
    kwargs.set_item("reason", &e.reason)?;
    kwargs.set_item("line", e.line)?;
    let issues = e
        .issues
        .iter()
        .map(|[code, location, cause, action]| {
            let d = PyDict::new(py);
            d.set_item("code", code)?;
            d.set_item("location", location)?;
            d.set_item("cause", cause)?;
            d.set_item("action", action)?;
            Ok(d)
        })
        .collect::<PyResult<Vec<_>>>()?;
    kwargs.set_item("issues", issues)?;
    let instance = cls.call((&e.message,), Some(&kwargs))?;
    Ok(PyErr::from_value(instance))
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

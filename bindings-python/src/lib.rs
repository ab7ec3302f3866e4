//! `flowcast._flowcast`: the private extension module under the `flowcast` Python package.
//!
//! Thin by design: each function converts numpy arrays to batch columns, releases the GIL,
//! runs the Rust kernel (catching any panic), and maps errors to the exception hierarchy defined
//! in `flowcast/errors.py`. Broadcasting, DataFrames and docstrings live in the Python package.

use pyo3::prelude::*;

mod arrays;
mod cold_chain;
mod eoq_family;
mod errors;
mod expiry;
mod forecasting;
mod inventory;
mod multi_period;
mod networks;
mod newsvendor;
mod perishable;
mod policies;
mod vrp;

/// The extension module.
#[pymodule]
fn _flowcast(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    inventory::register(m)?;
    eoq_family::register(m)?;
    newsvendor::register(m)?;
    policies::register(m)?;
    multi_period::register(m)?;
    networks::register(m)?;
    expiry::register(m)?;
    cold_chain::register(m)?;
    perishable::register(m)?;
    forecasting::register(m)?;
    vrp::register(m)?;
    Ok(())
}

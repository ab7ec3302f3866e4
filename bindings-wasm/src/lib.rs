//! `flowcast` for JavaScript: the npm package's WebAssembly core.
//!
//! Thin by design: each export reads its JavaScript arguments (numbers, `number[]` or
//! `Float64Array`, option objects with camelCase keys), calls the Rust kernel, and returns plain
//! numbers, `Float64Array`s or objects. Errors are thrown as `Error`s named `ValidationError`
//! with the Rust message and `code`, `field`, `value`, `reason` properties. TypeScript types for
//! every export are generated from the declarations in [`types`].

pub mod cold_chain;
mod convert;
pub mod eoq_family;
mod errors;
pub mod expiry;
pub mod forecasting;
pub mod inventory;
mod json;
pub mod multi_period;
pub mod networks;
pub mod newsvendor;
pub mod perishable;
pub mod policies;
mod types;
pub mod vrp;

use wasm_bindgen::prelude::*;

/// The library version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

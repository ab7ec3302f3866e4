//! Rust errors as thrown JavaScript `Error`s.

use flowcast_core::ValidationError;
use js_sys::{Error, Reflect};
use wasm_bindgen::JsValue;

/// A `ValidationError` (name) carrying `code`, `field`, `value` and `reason`.
pub(crate) fn invalid(e: &ValidationError) -> JsValue {
    let err = Error::new(&e.to_string());
    err.set_name("ValidationError");
    for (key, value) in [
        ("code", e.code.as_str()),
        ("field", e.field.as_ref()),
        ("value", e.value.as_str()),
        ("reason", e.reason.as_ref()),
    ] {
        // Setting a property on a fresh Error object cannot fail.
        let _ = Reflect::set(&err, &key.into(), &value.into());
    }
    err.into()
}

/// Any other failure, as a plain `FlowcastError`.
fn other(message: &str) -> JsValue {
    let err = Error::new(message);
    err.set_name("FlowcastError");
    err.into()
}

pub(crate) fn from_inventory(e: flowcast_inventory::Error) -> JsValue {
    match e {
        flowcast_inventory::Error::Invalid(v) => invalid(&v),
        e => other(&e.to_string()),
    }
}

pub(crate) fn from_expiry(e: flowcast_expiry::Error) -> JsValue {
    match e {
        flowcast_expiry::Error::Invalid(v) => invalid(&v),
        e => other(&e.to_string()),
    }
}

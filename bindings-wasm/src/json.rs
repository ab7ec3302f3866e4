//! Structured values between JavaScript and Rust as JSON, with camelCase keys on the
//! JavaScript side and the Rust crates' snake_case keys on the other. Used for the inputs and
//! results that are objects or lists of objects (rules, lots, reports, plans).

use flowcast_core::{ErrorCode, ValidationError};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use wasm_bindgen::JsValue;

use crate::errors::invalid;

fn snake(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn camel(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for c in key.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Renames every object key of `value` with `rename`, recursively.
fn rekey(value: Value, rename: fn(&str) -> String) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (rename(&k), rekey(v, rename)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(|v| rekey(v, rename)).collect()),
        other => other,
    }
}

/// A JavaScript value as JSON with snake_case keys (`undefined` is `null`).
pub(crate) fn from_js_value(field: &'static str, value: &JsValue) -> Result<Value, JsValue> {
    if value.is_undefined() {
        return Ok(Value::Null);
    }
    let text = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| wrong(field, "cannot be written as JSON".to_owned()))?;
    let parsed: Value = serde_json::from_str(&text).map_err(|e| wrong(field, e.to_string()))?;
    Ok(rekey(parsed, snake))
}

/// A Rust value read from JSON with snake_case keys.
pub(crate) fn read<T: DeserializeOwned>(field: &'static str, value: Value) -> Result<T, JsValue> {
    serde_json::from_value(value).map_err(|e| wrong(field, format!("does not match: {e}")))
}

/// A Rust result as a JavaScript object with camelCase keys.
pub(crate) fn to_js(value: &impl Serialize) -> Result<JsValue, JsValue> {
    let json = serde_json::to_value(value).map_err(|e| JsValue::from_str(&e.to_string()))?;
    js_sys::JSON::parse(&rekey(json, camel).to_string())
}

fn wrong(field: &'static str, reason: String) -> JsValue {
    invalid(&ValidationError::new(
        ErrorCode::WrongType,
        field,
        "the given value",
        reason,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for k in [
            "min_duration",
            "delta_h",
            "minutes_out_of_range",
            "t_ref_c",
            "readings",
        ] {
            assert_eq!(snake(&camel(k)), k);
        }
        assert_eq!(camel("ln_kinetic_sum"), "lnKineticSum");
    }
}

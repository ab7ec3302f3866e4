//! Reading JavaScript arguments and building results.

use flowcast_core::{Column, ErrorCode, ValidationError};
use js_sys::{Array, Float64Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::errors::invalid;

/// WebAssembly runs on the page's one thread.
pub(crate) const ONE_THREAD: flowcast_core::Threads =
    flowcast_core::Threads::Exactly(std::num::NonZeroUsize::MIN);

/// A numeric argument: one number, or one per row.
#[derive(Debug)]
pub(crate) enum Numbers {
    One(f64),
    Many(Vec<f64>),
}

impl Numbers {
    /// As a batch column; a one-element array broadcasts like a number (as in numpy).
    pub(crate) fn column(&self) -> Column<'_> {
        match self.as_slice() {
            [single] => Column::Scalar(*single),
            values => Column::Values(values),
        }
    }

    pub(crate) fn is_many(&self) -> bool {
        matches!(self, Self::Many(_))
    }

    /// The values as a slice (one element for a number).
    pub(crate) fn as_slice(&self) -> &[f64] {
        match self {
            Self::One(v) => std::slice::from_ref(v),
            Self::Many(v) => v,
        }
    }
}

pub(crate) fn wrong_type(field: &'static str, value: &JsValue, reason: &'static str) -> JsValue {
    let shown = if value.is_undefined() {
        "undefined".to_owned()
    } else if value.is_null() {
        "null".to_owned()
    } else if let Some(s) = value.as_string() {
        format!("{s:?}")
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    };
    invalid(&ValidationError::new(
        ErrorCode::WrongType,
        field,
        shown,
        reason,
    ))
}

/// A `number`, `number[]` or `Float64Array`.
pub(crate) fn numbers(field: &'static str, value: &JsValue) -> Result<Numbers, JsValue> {
    if let Some(x) = value.as_f64() {
        return Ok(Numbers::One(x));
    }
    if let Some(typed) = value.dyn_ref::<Float64Array>() {
        return Ok(Numbers::Many(typed.to_vec()));
    }
    if Array::is_array(value) {
        let array: &Array = value.unchecked_ref();
        let mut out = Vec::with_capacity(array.length() as usize);
        for (i, item) in array.iter().enumerate() {
            let x = item.as_f64().ok_or_else(|| {
                let e = wrong_type(field, &item, "must be a number");
                index_field(&e, field, i);
                e
            })?;
            out.push(x);
        }
        return Ok(Numbers::Many(out));
    }
    Err(wrong_type(
        field,
        value,
        "must be a number, number[] or Float64Array",
    ))
}

/// Rewrites a thrown error's `field` and message to point at element `i`.
fn index_field(err: &JsValue, field: &str, i: usize) {
    let indexed = format!("{field}[{i}]");
    let _ = Reflect::set(err, &"field".into(), &indexed.clone().into());
    if let Some(e) = err.dyn_ref::<js_sys::Error>() {
        let message: String = e.message().into();
        e.set_message(&message.replacen(field, &indexed, 1));
    }
}

/// Property `key` of an options object; `undefined` if absent.
pub(crate) fn property(options: &JsValue, key: &str) -> JsValue {
    if options.is_object() {
        Reflect::get(options, &key.into()).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// A required numeric option.
pub(crate) fn required(options: &JsValue, field: &'static str) -> Result<Numbers, JsValue> {
    let value = property(options, field);
    if value.is_undefined() {
        return Err(wrong_type(field, &value, "is required"));
    }
    numbers(field, &value)
}

/// An optional numeric option (`undefined` and `null` mean absent).
pub(crate) fn optional(options: &JsValue, field: &'static str) -> Result<Option<Numbers>, JsValue> {
    let value = property(options, field);
    if value.is_undefined() || value.is_null() {
        Ok(None)
    } else {
        numbers(field, &value).map(Some)
    }
}

/// The options argument must be an object whose keys are all in `allowed`: a misspelt option
/// (`leadTimeSD`) is an error, never silently ignored.
pub(crate) fn expect_object(options: &JsValue, allowed: &[&str]) -> Result<(), JsValue> {
    if !options.is_object() || Array::is_array(options) {
        return Err(wrong_type("options", options, "must be an options object"));
    }
    let object: &Object = options.unchecked_ref();
    for key in Object::keys(object).iter() {
        let key = key.as_string().unwrap_or_default();
        if !allowed.contains(&key.as_str()) {
            let e = ValidationError::new(
                ErrorCode::WrongType,
                "options",
                format!("{key:?}"),
                format!("is not an option here (expected: {})", allowed.join(", ")),
            );
            return Err(invalid(&e));
        }
    }
    Ok(())
}

/// An optional plain-number option (`undefined` and `null` mean `default`).
pub(crate) fn number_or(
    options: &JsValue,
    field: &'static str,
    default: f64,
) -> Result<f64, JsValue> {
    let value = property(options, field);
    if value.is_undefined() || value.is_null() {
        Ok(default)
    } else {
        value
            .as_f64()
            .ok_or_else(|| wrong_type(field, &value, "must be a number"))
    }
}

/// A result value: a number when every input was a number, else a `Float64Array`.
pub(crate) fn output(values: &[f64], many: bool) -> JsValue {
    if many {
        Float64Array::from(values).into()
    } else {
        JsValue::from_f64(values[0])
    }
}

/// A plain object from (key, value) pairs.
pub(crate) fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let obj = Object::new();
    for (key, value) in entries {
        let _ = Reflect::set(&obj, &(*key).into(), value);
    }
    obj.into()
}

/// Row count of named columns, as a thrown error when they disagree.
pub(crate) fn rows(columns: &[(&'static str, Column<'_>)]) -> Result<usize, JsValue> {
    Column::rows(columns).map_err(|e| invalid(&e))
}

/// A discrete distribution from an object mapping values to probabilities
/// (`{ 1: 0.25, 2: 0.75 }`).
pub(crate) fn pmf(value: &JsValue) -> Result<flowcast_inventory::Distribution, JsValue> {
    if !value.is_object() || Array::is_array(value) {
        let e = ValidationError::new(
            ErrorCode::WrongType,
            "pmf",
            "not an object",
            "must map values to probabilities, e.g. { 1: 0.25, 2: 0.75 }",
        );
        return Err(invalid(&e));
    }
    let map: &Object = value.unchecked_ref();
    let mut points = Vec::new();
    for entry in Object::entries(map).iter() {
        let pair: Array = entry.unchecked_into();
        let key = pair.get(0).as_string().unwrap_or_default();
        let x = key.parse::<f64>().map_err(|_| {
            invalid(&ValidationError::new(
                ErrorCode::WrongType,
                "pmf",
                format!("{key:?}"),
                "keys must be numbers",
            ))
        })?;
        points.push((
            x,
            numbers("pmf", &pair.get(1))?
                .as_slice()
                .first()
                .copied()
                .unwrap_or(f64::NAN),
        ));
    }
    let pmf = flowcast_inventory::Pmf::new(points).map_err(crate::errors::from_inventory)?;
    Ok(flowcast_inventory::Distribution::Discrete(pmf))
}

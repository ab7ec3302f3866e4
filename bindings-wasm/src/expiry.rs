//! Expiry exports: mean kinetic temperature.

use flowcast_expiry::mkt::{MktParams, mean_kinetic_temperature as mkt};
use wasm_bindgen::prelude::*;

use crate::convert::{numbers, optional, property};
use crate::errors::from_expiry;

#[wasm_bindgen]
extern "C" {
    /// The options object of [`mean_kinetic_temperature`] (declared in TypeScript).
    #[wasm_bindgen(typescript_type = "MktOptions")]
    pub type MktOptions;
}

/// Mean kinetic temperature in °C (USP <1160>) of `tempsC`, optionally time-weighted, with
/// ΔH (`deltaH`, kJ/mol, default 83.144) and R (`gasConstant`, kJ/(mol·K), default 8.3144e-3).
#[wasm_bindgen(js_name = meanKineticTemperature)]
pub fn mean_kinetic_temperature(
    #[wasm_bindgen(js_name = tempsC, unchecked_param_type = "Numeric")] temps_c: JsValue,
    options: Option<MktOptions>,
) -> Result<f64, JsValue> {
    let temps = numbers("tempsC", &temps_c)?;
    let options: JsValue = options.map_or(JsValue::UNDEFINED, Into::into);
    let weights = optional(&options, "weights")?;
    let defaults = MktParams::default();
    let scalar = |key: &'static str, default: f64| -> Result<f64, JsValue> {
        let v = property(&options, key);
        if v.is_undefined() || v.is_null() {
            Ok(default)
        } else {
            numbers(key, &v).map(|n| n.as_slice().first().copied().unwrap_or(f64::NAN))
        }
    };
    let params = MktParams {
        delta_h: scalar("deltaH", defaults.delta_h)?,
        gas_constant: scalar("gasConstant", defaults.gas_constant)?,
    };
    let temps = match &temps {
        crate::convert::Numbers::One(t) => std::slice::from_ref(t),
        crate::convert::Numbers::Many(v) => v.as_slice(),
    };
    mkt(temps, weights.as_ref().map(|w| w.as_slice()), &params).map_err(from_expiry)
}

//! Expiry exports: mean kinetic temperature.

use flowcast_expiry::mkt::{MktParams, mean_kinetic_temperature as mkt};
use wasm_bindgen::prelude::*;

use crate::convert::{expect_object, number_or, numbers, optional};
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
    if !options.is_undefined() && !options.is_null() {
        expect_object(&options, &["weights", "deltaH", "gasConstant"])?;
    }
    let weights = optional(&options, "weights")?;
    let defaults = MktParams::default();
    let params = MktParams {
        delta_h: number_or(&options, "deltaH", defaults.delta_h)?,
        gas_constant: number_or(&options, "gasConstant", defaults.gas_constant)?,
    };
    mkt(
        temps.as_slice(),
        weights.as_ref().map(|w| w.as_slice()),
        &params,
    )
    .map_err(from_expiry)
}

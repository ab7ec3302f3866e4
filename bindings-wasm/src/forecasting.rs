//! Forecasting exports: one series or many, any models, with intervals.

use flowcast_core::Threads;
use flowcast_forecast::batch::{BatchOptions, forecast_batch};
use flowcast_forecast::model::Model;
use js_sys::{Array, Float64Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::convert::{expect_object, numbers, property, wrong_type};
use crate::errors::invalid;

#[wasm_bindgen]
extern "C" {
    /// Options of [`forecast`] (declared in TypeScript).
    #[wasm_bindgen(typescript_type = "ForecastOptions")]
    pub type ForecastOptions;
    /// Forecasts per model (declared in TypeScript).
    #[wasm_bindgen(typescript_type = "SeriesForecast | SeriesForecast[]")]
    pub type ForecastOutput;
}

fn from_forecast(e: flowcast_forecast::Error) -> JsValue {
    match e {
        flowcast_forecast::Error::Invalid(v) => invalid(&v),
        other => {
            let err = js_sys::Error::new(&other.to_string());
            err.set_name("FlowcastError");
            err.into()
        }
    }
}

/// Forecasts `series` (one `number[]`/`Float64Array`, or an array of them) `h` steps ahead
/// with `models` (names as the CLI: `auto_ets`, `auto_theta`, `croston_sba`…), intervals at
/// `level` percents. One series gives one object `{ Model: Float64Array, "Model-lo-95": … }`;
/// many give an array of them.
#[wasm_bindgen]
pub fn forecast(
    #[wasm_bindgen(unchecked_param_type = "Numeric | Numeric[]")] series: JsValue,
    options: ForecastOptions,
) -> Result<ForecastOutput, JsValue> {
    let options: JsValue = options.into();
    expect_object(
        &options,
        &[
            "h",
            "seasonLength",
            "models",
            "level",
            "fallback",
            "conformalWindows",
        ],
    )?;
    let h = property(&options, "h")
        .as_f64()
        .filter(|v| *v >= 1.0 && v.fract() == 0.0)
        .ok_or_else(|| {
            wrong_type(
                "h",
                &property(&options, "h"),
                "must be a whole number of steps, at least 1",
            )
        })? as usize;
    let m = match property(&options, "seasonLength").as_f64() {
        Some(v) if v >= 1.0 && v.fract() == 0.0 => v as usize,
        None if property(&options, "seasonLength").is_undefined() => 1,
        _ => {
            return Err(wrong_type(
                "seasonLength",
                &property(&options, "seasonLength"),
                "must be a whole number, at least 1",
            ));
        }
    };
    let names: Vec<String> = match property(&options, "models") {
        v if v.is_undefined() => vec!["auto_ets".into()],
        v if Array::is_array(&v) => Array::from(&v)
            .iter()
            .map(|x| {
                x.as_string()
                    .ok_or_else(|| wrong_type("models", &x, "must be model names"))
            })
            .collect::<Result<_, _>>()?,
        v => return Err(wrong_type("models", &v, "must be an array of model names")),
    };
    let models: Vec<Model> = names
        .iter()
        .map(|n| Model::from_name(n, m))
        .collect::<Result<_, _>>()
        .map_err(from_forecast)?;
    let levels: Vec<u32> = match property(&options, "level") {
        v if v.is_undefined() => Vec::new(),
        v if Array::is_array(&v) => Array::from(&v)
            .iter()
            .map(|x| {
                x.as_f64()
                    .filter(|l| *l > 0.0 && *l < 100.0 && l.fract() == 0.0)
                    .map(|l| l as u32)
                    .ok_or_else(|| {
                        wrong_type("level", &x, "must be whole percents between 1 and 99")
                    })
            })
            .collect::<Result<_, _>>()?,
        v => return Err(wrong_type("level", &v, "must be an array of percents")),
    };
    let fallback = match property(&options, "fallback") {
        v if v.is_undefined() => Some(Model::from_name("naive", m).map_err(from_forecast)?),
        v if v.is_null() => None,
        v => Some(
            Model::from_name(
                &v.as_string()
                    .ok_or_else(|| wrong_type("fallback", &v, "must be a model name or null"))?,
                m,
            )
            .map_err(from_forecast)?,
        ),
    };
    let conformal_windows = property(&options, "conformalWindows")
        .as_f64()
        .map_or(2, |v| v.max(1.0) as usize);
    // One series or many.
    let many = Array::is_array(&series)
        && Array::from(&series)
            .iter()
            .next()
            .is_some_and(|x| Array::is_array(&x) || x.is_instance_of::<Float64Array>());
    let data: Vec<Vec<f64>> = if many {
        Array::from(&series)
            .iter()
            .map(|s| numbers("series", &s).map(|n| n.as_slice().to_vec()))
            .collect::<Result<_, _>>()?
    } else {
        vec![numbers("series", &series)?.as_slice().to_vec()]
    };
    let refs: Vec<&[f64]> = data.iter().map(Vec::as_slice).collect();
    let batch = BatchOptions {
        h,
        levels: levels.iter().map(|&l| f64::from(l) / 100.0).collect(),
        conformal_windows,
        fallback,
        threads: Threads::from_count(1),
    };
    let out = forecast_batch(&refs, &models, &batch).map_err(from_forecast)?;
    let objects: Vec<JsValue> = out
        .iter()
        .map(|per_model| {
            let obj = Object::new();
            for (m, f) in models.iter().zip(per_model) {
                let _ = Reflect::set(
                    &obj,
                    &m.name().into(),
                    &Float64Array::from(f.forecast.mean.as_slice()),
                );
                for (band, l) in f.forecast.intervals.iter().zip(&levels) {
                    let _ = Reflect::set(
                        &obj,
                        &format!("{}-lo-{l}", m.name()).into(),
                        &Float64Array::from(band.lo.as_slice()),
                    );
                    let _ = Reflect::set(
                        &obj,
                        &format!("{}-hi-{l}", m.name()).into(),
                        &Float64Array::from(band.hi.as_slice()),
                    );
                }
                if let Some(reason) = &f.fell_back {
                    let _ = Reflect::set(
                        &obj,
                        &format!("{}-fallback", m.name()).into(),
                        &reason.into(),
                    );
                }
            }
            obj.into()
        })
        .collect();
    let value: JsValue = if many {
        objects.into_iter().collect::<Array>().into()
    } else {
        objects.into_iter().next().unwrap_or(JsValue::UNDEFINED)
    };
    Ok(value.unchecked_into())
}

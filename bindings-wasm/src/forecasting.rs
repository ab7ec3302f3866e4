//! Forecasting exports: one series or many, any models, with intervals.

use flowcast_core::Threads;
use flowcast_forecast::batch::{BatchOptions, cross_validation_batch, forecast_batch};
use flowcast_forecast::evaluate::{Refit, Windows};
use flowcast_forecast::forecast::Forecast;
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
    expect_object(&options, &COMMON)?;
    let run = Run::read(&options)?;
    let (data, many) = series_data(&series)?;
    let refs: Vec<&[f64]> = data.iter().map(Vec::as_slice).collect();
    let out = forecast_batch(&refs, &run.models, &run.batch).map_err(from_forecast)?;
    let objects: Vec<JsValue> = out
        .iter()
        .map(|per_model| {
            let obj = Object::new();
            for (m, f) in run.models.iter().zip(per_model) {
                run.set_forecast(&obj, m, &f.forecast, f.fell_back.as_deref());
            }
            obj.into()
        })
        .collect();
    Ok(one_or_many(objects, many).unchecked_into())
}

#[wasm_bindgen]
extern "C" {
    /// Options of [`cross_validation`] (declared in TypeScript).
    #[wasm_bindgen(typescript_type = "CrossValidationOptions")]
    pub type CrossValidationOptions;
    /// Windows per series (declared in TypeScript).
    #[wasm_bindgen(typescript_type = "CrossValidationWindow[] | CrossValidationWindow[][]")]
    pub type CrossValidationOutput;
}

/// Rolling-origin cross-validation of `series` (one or many) by `models`: `nWindows` origins
/// `stepSize` apart, the last `h` before the end, re-estimating at every origin (`refit:
/// true`), only at the first (`false`: later origins run the fitted model forward), or every
/// `k`-th. One series gives an array of windows `{ cutoff, actual, Model, "Model-lo-95", … }`
/// (cutoff = index of the last training value); many give an array of such arrays.
#[wasm_bindgen(js_name = crossValidation)]
pub fn cross_validation(
    #[wasm_bindgen(unchecked_param_type = "Numeric | Numeric[]")] series: JsValue,
    options: CrossValidationOptions,
) -> Result<CrossValidationOutput, JsValue> {
    let options: JsValue = options.into();
    let mut known = COMMON.to_vec();
    known.extend(["nWindows", "stepSize", "refit"]);
    expect_object(&options, &known)?;
    let run = Run::read(&options)?;
    let count = |name: &'static str| match property(&options, name) {
        v if v.is_undefined() => Ok(1),
        v => v
            .as_f64()
            .filter(|x| *x >= 1.0 && x.fract() == 0.0)
            .map(|x| x as usize)
            .ok_or_else(|| wrong_type(name, &v, "must be a whole number, at least 1")),
    };
    let refit = match property(&options, "refit") {
        v if v.is_undefined() || v.as_bool() == Some(true) => Refit::Always,
        v if v.as_bool() == Some(false) => Refit::Never,
        v => match v.as_f64() {
            Some(k) if k >= 1.0 && k.fract() == 0.0 => Refit::Every(k as usize),
            _ => {
                return Err(wrong_type(
                    "refit",
                    &v,
                    "must be true, false or a whole number of windows",
                ));
            }
        },
    };
    let windows = Windows::new(count("nWindows")?, count("stepSize")?).with_refit(refit);
    let (data, many) = series_data(&series)?;
    let refs: Vec<&[f64]> = data.iter().map(Vec::as_slice).collect();
    let out =
        cross_validation_batch(&refs, &run.models, windows, &run.batch).map_err(from_forecast)?;
    let per_series: Vec<JsValue> = out
        .iter()
        .map(|per_model| {
            let objects: Array = (0..windows.n_windows)
                .map(|w| {
                    let obj = Object::new();
                    let first = &per_model[0].windows[w];
                    let _ = Reflect::set(&obj, &"cutoff".into(), &(first.cutoff as f64).into());
                    let _ = Reflect::set(
                        &obj,
                        &"actual".into(),
                        &Float64Array::from(first.actual.as_slice()),
                    );
                    for (m, mw) in run.models.iter().zip(per_model) {
                        run.set_forecast(&obj, m, &mw.windows[w].forecast, mw.fell_back.as_deref());
                    }
                    JsValue::from(obj)
                })
                .collect();
            objects.into()
        })
        .collect();
    Ok(one_or_many(per_series, many).unchecked_into())
}

/// Options both exports take.
const COMMON: [&str; 6] = [
    "h",
    "seasonLength",
    "models",
    "level",
    "fallback",
    "conformalWindows",
];

/// Models, level percents and batch options read from an options object.
struct Run {
    models: Vec<Model>,
    levels: Vec<u32>,
    batch: BatchOptions,
}

impl Run {
    fn read(options: &JsValue) -> Result<Self, JsValue> {
        let h = property(options, "h")
            .as_f64()
            .filter(|v| *v >= 1.0 && v.fract() == 0.0)
            .ok_or_else(|| {
                wrong_type(
                    "h",
                    &property(options, "h"),
                    "must be a whole number of steps, at least 1",
                )
            })? as usize;
        let m = match property(options, "seasonLength").as_f64() {
            Some(v) if v >= 1.0 && v.fract() == 0.0 => v as usize,
            None if property(options, "seasonLength").is_undefined() => 1,
            _ => {
                return Err(wrong_type(
                    "seasonLength",
                    &property(options, "seasonLength"),
                    "must be a whole number, at least 1",
                ));
            }
        };
        let names: Vec<String> = match property(options, "models") {
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
        let levels: Vec<u32> = match property(options, "level") {
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
        let fallback = match property(options, "fallback") {
            v if v.is_undefined() => Some(Model::from_name("naive", m).map_err(from_forecast)?),
            v if v.is_null() => None,
            v => Some(
                Model::from_name(
                    &v.as_string().ok_or_else(|| {
                        wrong_type("fallback", &v, "must be a model name or null")
                    })?,
                    m,
                )
                .map_err(from_forecast)?,
            ),
        };
        let conformal_windows = property(options, "conformalWindows")
            .as_f64()
            .map_or(2, |v| v.max(1.0) as usize);
        let batch = BatchOptions {
            h,
            levels: levels.iter().map(|&l| f64::from(l) / 100.0).collect(),
            conformal_windows,
            fallback,
            threads: Threads::from_count(1),
        };
        Ok(Self {
            models,
            levels,
            batch,
        })
    }

    /// Sets `Model`, `Model-lo-L`, `Model-hi-L` (and `Model-fallback`) on `obj`.
    fn set_forecast(&self, obj: &Object, m: &Model, f: &Forecast, fell_back: Option<&str>) {
        let _ = Reflect::set(
            obj,
            &m.name().into(),
            &Float64Array::from(f.mean.as_slice()),
        );
        for (band, l) in f.intervals.iter().zip(&self.levels) {
            let _ = Reflect::set(
                obj,
                &format!("{}-lo-{l}", m.name()).into(),
                &Float64Array::from(band.lo.as_slice()),
            );
            let _ = Reflect::set(
                obj,
                &format!("{}-hi-{l}", m.name()).into(),
                &Float64Array::from(band.hi.as_slice()),
            );
        }
        if let Some(reason) = fell_back {
            let _ = Reflect::set(
                obj,
                &format!("{}-fallback", m.name()).into(),
                &reason.into(),
            );
        }
    }
}

/// One series or many: the values and whether many were given.
fn series_data(series: &JsValue) -> Result<(Vec<Vec<f64>>, bool), JsValue> {
    let many = Array::is_array(series)
        && Array::from(series)
            .iter()
            .next()
            .is_some_and(|x| Array::is_array(&x) || x.is_instance_of::<Float64Array>());
    let data = if many {
        Array::from(series)
            .iter()
            .map(|s| numbers("series", &s).map(|n| n.as_slice().to_vec()))
            .collect::<Result<_, _>>()?
    } else {
        vec![numbers("series", series)?.as_slice().to_vec()]
    };
    Ok((data, many))
}

/// The single result for one series, the array for many.
fn one_or_many(results: Vec<JsValue>, many: bool) -> JsValue {
    if many {
        results.into_iter().collect::<Array>().into()
    } else {
        results.into_iter().next().unwrap_or(JsValue::UNDEFINED)
    }
}

//! `flowcast.forecast` kernels: many series (one flat array and bounds) × many models in one
//! call, in parallel, without the GIL.

use flowcast_core::{ErrorCode, Threads, ValidationError};
use flowcast_forecast::batch::{BatchOptions, cross_validation_batch, forecast_batch};
use flowcast_forecast::evaluate::{Refit, Windows};
use flowcast_forecast::forecast::Forecast;
use flowcast_forecast::model::Model;
use numpy::{PyArray1, PyReadonlyArray1};
use pyo3::prelude::*;

use crate::arrays::{positions, slice, to_numpy};
use crate::errors::{Failure, compute, raise};

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(forecast_many, m)?)?;
    m.add_function(wrap_pyfunction!(cross_validation_many, m)?)?;
    m.add_function(wrap_pyfunction!(model_spec, m)?)?;
    Ok(())
}

fn models_from(json: &str) -> Result<Vec<Model>, Failure> {
    serde_json::from_str(json).map_err(|e| {
        Failure::Invalid(ValidationError::new(
            ErrorCode::WrongType,
            "models",
            "the given list",
            format!("is not a list of models: {e}"),
        ))
    })
}

/// The JSON spec of a model named as the CLI names it (`croston_sba`, `seasonal_naive`…).
#[pyfunction]
fn model_spec(py: Python<'_>, name: &str, season_length: usize) -> PyResult<String> {
    let model = Model::from_name(name, season_length).map_err(|e| raise(py, e))?;
    serde_json::to_string(&model).map_err(|e| raise(py, Failure::Other(e.to_string())))
}

type Outputs<'py> = (
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<f64>>,
    Vec<Option<String>>,
);

/// Forecasts of every series `y[bounds[i]..bounds[i+1]]` by every model: `mean[(i·h + step)·k
/// + model]`, `lo`/`hi[((i·h + step)·k + model)·L + level]`, and per (series, model) the
/// reason a fallback stood in.
#[pyfunction]
#[pyo3(signature = (y, bounds, models, h, levels, conformal_windows, fallback, threads))]
#[allow(clippy::too_many_arguments)]
fn forecast_many<'py>(
    py: Python<'py>,
    y: PyReadonlyArray1<'py, f64>,
    bounds: PyReadonlyArray1<'py, i64>,
    models: &str,
    h: usize,
    levels: Vec<f64>,
    conformal_windows: usize,
    fallback: Option<&str>,
    threads: usize,
) -> PyResult<Outputs<'py>> {
    let values = slice(py, "y", &y)?;
    let bounds = positions(py, "bounds", &bounds)?;
    let l = levels.len();
    let result = compute(py, || {
        let (series, models, options) = batch(
            values,
            &bounds,
            models,
            h,
            &levels,
            conformal_windows,
            fallback,
            threads,
        )?;
        let out = forecast_batch(&series, &models, &options)?;
        let mut cells = Cells::new(series.len() * h, models.len(), l);
        for (i, per_model) in out.iter().enumerate() {
            for (j, mf) in per_model.iter().enumerate() {
                cells.notes.push(mf.fell_back.clone());
                cells.write(&mf.forecast, i * h, j);
            }
        }
        Ok(cells)
    })?;
    Ok(result.into_outputs(py))
}

/// The series, models and options of a batch call.
type Batch<'a> = (Vec<&'a [f64]>, Vec<Model>, BatchOptions);

/// Checks `bounds` and reads the models, fallback and options of a batch call.
#[allow(clippy::too_many_arguments)]
fn batch<'a>(
    values: &'a [f64],
    bounds: &[usize],
    models: &str,
    h: usize,
    levels: &[f64],
    conformal_windows: usize,
    fallback: Option<&str>,
    threads: usize,
) -> Result<Batch<'a>, Failure> {
    let models = models_from(models)?;
    let fallback = match fallback {
        Some(f) => Some(models_from(&format!("[{f}]"))?[0]),
        None => None,
    };
    if bounds.windows(2).any(|w| w[1] <= w[0]) || bounds.last().is_some_and(|&b| b > values.len()) {
        return Err(Failure::Invalid(ValidationError::new(
            ErrorCode::OutOfRange,
            "bounds",
            "a series",
            "must increase within the data: every series needs at least one value",
        )));
    }
    let series = bounds.windows(2).map(|w| &values[w[0]..w[1]]).collect();
    let options = BatchOptions {
        h,
        levels: levels.to_vec(),
        conformal_windows,
        fallback,
        threads: Threads::from_count(threads),
    };
    Ok((series, models, options))
}

/// The output columns of a batch call: `mean[row·k + model]` and the bands
/// `lo`/`hi[(row·k + model)·l + level]`, with a fallback note per (series, model).
struct Cells {
    mean: Vec<f64>,
    lo: Vec<f64>,
    hi: Vec<f64>,
    notes: Vec<Option<String>>,
    k: usize,
    l: usize,
}

impl Cells {
    fn new(rows: usize, k: usize, l: usize) -> Self {
        Self {
            mean: vec![0.0; rows * k],
            lo: vec![0.0; rows * k * l],
            hi: vec![0.0; rows * k * l],
            notes: Vec::new(),
            k,
            l,
        }
    }

    /// Writes a forecast's steps at rows `row..`, model column `j`.
    fn write(&mut self, f: &Forecast, row: usize, j: usize) {
        for (step, &m) in f.mean.iter().enumerate() {
            let cell = (row + step) * self.k + j;
            self.mean[cell] = m;
            for (b, band) in f.intervals.iter().enumerate() {
                self.lo[cell * self.l + b] = band.lo[step];
                self.hi[cell * self.l + b] = band.hi[step];
            }
        }
    }

    fn into_outputs(self, py: Python<'_>) -> Outputs<'_> {
        (
            to_numpy(py, self.mean),
            to_numpy(py, self.lo),
            to_numpy(py, self.hi),
            self.notes,
        )
    }
}

/// Rolling-origin cross-validation of every series by every model: `n_windows` origins
/// `step_size` apart (the last `h` before each series' end), re-estimating every `refit`
/// origins (0: only at the first). Rows are (series, window, step) in that order: `mean[row·k
/// + model]`, bands as in `forecast_many`; notes per (series, model).
#[pyfunction]
#[pyo3(signature = (y, bounds, models, h, n_windows, step_size, refit, levels, conformal_windows, fallback, threads))]
#[allow(clippy::too_many_arguments)]
fn cross_validation_many<'py>(
    py: Python<'py>,
    y: PyReadonlyArray1<'py, f64>,
    bounds: PyReadonlyArray1<'py, i64>,
    models: &str,
    h: usize,
    n_windows: usize,
    step_size: usize,
    refit: usize,
    levels: Vec<f64>,
    conformal_windows: usize,
    fallback: Option<&str>,
    threads: usize,
) -> PyResult<Outputs<'py>> {
    let values = slice(py, "y", &y)?;
    let bounds = positions(py, "bounds", &bounds)?;
    let l = levels.len();
    let result = compute(py, || {
        let (series, models, options) = batch(
            values,
            &bounds,
            models,
            h,
            &levels,
            conformal_windows,
            fallback,
            threads,
        )?;
        let refit = match refit {
            0 => Refit::Never,
            1 => Refit::Always,
            k => Refit::Every(k),
        };
        let windows = Windows::new(n_windows, step_size).with_refit(refit);
        let out = cross_validation_batch(&series, &models, windows, &options)?;
        let mut cells = Cells::new(series.len() * n_windows * h, models.len(), l);
        for (i, per_model) in out.iter().enumerate() {
            for (j, mw) in per_model.iter().enumerate() {
                cells.notes.push(mw.fell_back.clone());
                for (w, window) in mw.windows.iter().enumerate() {
                    cells.write(&window.forecast, (i * n_windows + w) * h, j);
                }
            }
        }
        Ok(cells)
    })?;
    Ok(result.into_outputs(py))
}

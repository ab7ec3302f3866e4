//! Many series, many models, in parallel: the engine behind the CLI and the bindings (one call,
//! no per-series overhead in the caller's language).

use flowcast_core::{Threads, ValidationError};

use crate::error::{Error, Result};
use crate::evaluate::{
    Window, Windows, conformal, conformal_bands, conformal_errors, cross_validation_with,
};
use crate::forecast::Forecast;
use crate::model::Model;

/// How a batch is forecast.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchOptions {
    /// Steps ahead.
    pub h: usize,
    /// Interval levels (probabilities); models without analytic intervals get conformal ones.
    pub levels: Vec<f64>,
    /// Windows for conformal intervals (statsforecast's default is 2).
    pub conformal_windows: usize,
    /// The model used where another cannot fit a series (`None`: the batch fails instead).
    pub fallback: Option<Model>,
    /// Worker threads (each takes the next series as it finishes one; results do not depend
    /// on the count).
    pub threads: Threads,
}

impl Default for BatchOptions {
    fn default() -> Self {
        Self {
            h: 1,
            levels: Vec::new(),
            conformal_windows: 2,
            fallback: Some(Model::Baseline(crate::models::baselines::Baseline::Naive)),
            threads: Threads::All,
        }
    }
}

/// One model's forecast of one series.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelForecast {
    /// The forecast.
    pub forecast: Forecast,
    /// Why the fallback model stands in, if it does.
    pub fell_back: Option<String>,
}

/// Forecasts every series with every model: `result[i][k]` is series `i`, model `k`.
///
/// ```
/// use flowcast_forecast::batch::{BatchOptions, forecast_batch};
/// use flowcast_forecast::model::Model;
/// let a = [1.0, 2.0, 3.0, 4.0];
/// let b = [0.0, 5.0, 0.0, 3.0];
/// let models = [Model::from_name("naive", 1)?, Model::from_name("croston_sba", 1)?];
/// let out = forecast_batch(&[&a, &b], &models, &BatchOptions { h: 2, ..Default::default() })?;
/// assert_eq!(out[0][0].forecast.mean, [4.0, 4.0]);
/// # Ok::<(), flowcast_forecast::Error>(())
/// ```
///
/// # Errors
/// A model that cannot fit a series when there is no fallback (or the fallback fails too),
/// named `series[i]` with the model.
pub fn forecast_batch(
    series: &[&[f64]],
    models: &[Model],
    options: &BatchOptions,
) -> Result<Vec<Vec<ModelForecast>>> {
    check(models, options)?;
    for_each_series(series.len(), options.threads, |i| {
        models
            .iter()
            .map(|&m| {
                let (forecast, fell_back) =
                    with_fallback(m, options, |m| forecast_model(series[i], m, options))
                        .map_err(|e| at_series(e, i, m))?;
                Ok(ModelForecast {
                    forecast,
                    fell_back,
                })
            })
            .collect()
    })
}

/// One model's cross-validation of one series.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelWindows {
    /// The forecast of each origin, oldest first.
    pub windows: Vec<Window>,
    /// Why the fallback model stands in, if it does.
    pub fell_back: Option<String>,
}

/// Rolling-origin cross-validation of every model on every series (`result[i][k]`: series
/// `i`, model `k`), in parallel, with the batch's horizon, intervals (conformal ones for models
/// without analytic intervals, calibrated on each origin's training data) and fallback.
///
/// ```
/// use flowcast_forecast::batch::{BatchOptions, cross_validation_batch};
/// use flowcast_forecast::evaluate::{Refit, Windows};
/// use flowcast_forecast::model::Model;
/// let y: Vec<f64> = (0..40).map(|t| 10.0 + (t % 4) as f64).collect();
/// let models = [Model::from_name("auto_ets", 4)?, Model::from_name("croston_sba", 1)?];
/// let options = BatchOptions { h: 4, levels: vec![0.8], ..Default::default() };
/// let once = Windows::new(3, 4).with_refit(Refit::Never);
/// let out = cross_validation_batch(&[&y], &models, once, &options)?;
/// assert_eq!(out[0][1].windows[2].cutoff, 35);
/// # Ok::<(), flowcast_forecast::Error>(())
/// ```
///
/// # Errors
/// As [`forecast_batch`], and a series too short for the windows (no fallback helps there).
pub fn cross_validation_batch(
    series: &[&[f64]],
    models: &[Model],
    windows: Windows,
    options: &BatchOptions,
) -> Result<Vec<Vec<ModelWindows>>> {
    check(models, options)?;
    for (i, y) in series.iter().enumerate() {
        windows.ends(y.len(), options.h).map_err(|e| match e {
            Error::Invalid(v) => Error::Invalid(ValidationError {
                field: format!("series[{i}].{}", v.field).into(),
                ..v
            }),
            other => other,
        })?;
    }
    let (h, levels) = (options.h, &options.levels);
    for_each_series(series.len(), options.threads, |i| {
        models
            .iter()
            .map(|&m| {
                let (windows, fell_back) = with_fallback(m, options, |m| {
                    cross_validation_with(series[i], m, h, windows, |fitted, train| {
                        if levels.is_empty() || m.has_intervals() {
                            return fitted.forecast(h, levels);
                        }
                        let mean = fitted.forecast(h, &[])?.mean;
                        let errors = conformal_errors(train, m, h, options.conformal_windows)?;
                        Ok(conformal_bands(mean, &errors, levels))
                    })
                })
                .map_err(|e| at_series(e, i, m))?;
                Ok(ModelWindows { windows, fell_back })
            })
            .collect()
    })
}

fn check(models: &[Model], options: &BatchOptions) -> Result<()> {
    crate::series::horizon(options.h)?;
    crate::series::levels(&options.levels)?;
    for m in models.iter().chain(&options.fallback) {
        m.validate()?;
    }
    Ok(())
}

/// Runs `one` for every series index on `threads` workers and returns the results in series
/// order (the first error in series order, as a single thread would report it).
fn for_each_series<T: Send>(
    n: usize,
    threads: Threads,
    one: impl Fn(usize) -> Result<T> + Sync,
) -> Result<Vec<T>> {
    let workers = if cfg!(target_arch = "wasm32") {
        1
    } else {
        threads.count().min(n).max(1)
    };
    if workers == 1 {
        return (0..n).map(one).collect();
    }
    let one = &one;
    // Workers take the next series from a shared counter: series differ widely in cost (an
    // ARIMA search can take 100 times another's), so dealing them out in advance leaves one
    // core idle at the end. Each result goes back to its series' slot: the output does not
    // depend on who computed what.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let next = &next;
    let parts: Vec<Vec<(usize, Result<T>)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if i >= n {
                            break done;
                        }
                        done.push((i, one(i)));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let mut slots: Vec<Option<Result<T>>> = (0..n).map(|_| None).collect();
    for (i, r) in parts.into_iter().flatten() {
        slots[i] = Some(r);
    }
    slots
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            s.unwrap_or_else(|| {
                Err(Error::NotFitted {
                    model: "batch",
                    reason: format!("series {i} was not computed (a worker stopped)"),
                })
            })
        })
        .collect()
}

/// `run(model)`, or `run(fallback)` with the reason when the model fails and a different
/// fallback is set.
fn with_fallback<T>(
    model: Model,
    options: &BatchOptions,
    run: impl Fn(Model) -> Result<T>,
) -> Result<(T, Option<String>)> {
    match run(model) {
        Ok(v) => Ok((v, None)),
        Err(e) => match options.fallback {
            Some(fallback) if fallback != model => Ok((run(fallback)?, Some(e.to_string()))),
            _ => Err(e),
        },
    }
}

fn forecast_model(y: &[f64], model: Model, options: &BatchOptions) -> Result<Forecast> {
    if options.levels.is_empty() || model.has_intervals() {
        model.fit(y)?.forecast(options.h, &options.levels)
    } else {
        conformal(
            y,
            model,
            options.h,
            &options.levels,
            options.conformal_windows,
        )
    }
}

fn at_series(e: Error, i: usize, model: Model) -> Error {
    match e {
        Error::Invalid(v) => Error::Invalid(ValidationError {
            field: format!("series[{i}].{} ({})", v.field, model.name()).into(),
            ..v
        }),
        Error::NotFitted { model, reason } => Error::NotFitted {
            model,
            reason: format!("series {i}: {reason}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threads_do_not_change_the_answer_and_fallbacks_are_reported() {
        let data: Vec<Vec<f64>> = (0..40)
            .map(|s| {
                (0..(5 + s % 20))
                    .map(|t| f64::from((t * 7 + s) % 11))
                    .collect()
            })
            .collect();
        let refs: Vec<&[f64]> = data.iter().map(Vec::as_slice).collect();
        let models = [
            Model::from_name("seasonal_naive", 12).unwrap(),
            Model::from_name("adida", 1).unwrap(),
        ];
        let opts = |threads| BatchOptions {
            h: 3,
            levels: vec![0.8],
            threads,
            ..Default::default()
        };
        let one = forecast_batch(&refs, &models, &opts(Threads::from_count(1))).unwrap();
        let four = forecast_batch(&refs, &models, &opts(Threads::from_count(4))).unwrap();
        assert_eq!(one, four);
        // Series shorter than a season fall back to Naive, and say so.
        assert!(one[0][0].fell_back.as_deref().unwrap().contains("season"));
        let strict = BatchOptions {
            fallback: None,
            ..opts(Threads::from_count(2))
        };
        let e = forecast_batch(&refs, &models, &strict).unwrap_err();
        assert!(
            e.to_string().starts_with("series[0].y (SeasonalNaive)"),
            "{e}"
        );
    }
}

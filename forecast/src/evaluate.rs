//! Conformal intervals and rolling-origin cross-validation, for any [`Model`].

use flowcast_core::{ErrorCode, ValidationError};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::forecast::{Band, Forecast};
use crate::model::{Fitted, Model};
use crate::series;

/// Prediction intervals from the model's own out-of-sample errors (split conformal).
///
/// The model is refitted on the series cut `n_windows` times, each time `h` further back; the
/// absolute errors of each forecast step across the windows give, at level `l`, the
/// ⌈(n_windows + 1)·l⌉-th smallest (the largest when that rank exceeds `n_windows`), and the
/// band is the point forecast of the full series ± that error. With few windows the bands are
/// wide on purpose: their coverage guarantee needs the rank.
///
/// ```
/// use flowcast_forecast::evaluate::conformal;
/// use flowcast_forecast::model::Model;
/// let y: Vec<f64> = (0..60).map(|t| 10.0 + (t % 7) as f64).collect();
/// let f = conformal(&y, Model::from_name("seasonal_window_average", 7)?, 7, &[0.8], 5)?;
/// assert!(f.intervals[0].lo.iter().zip(&f.mean).all(|(lo, m)| lo <= m));
/// # Ok::<(), flowcast_forecast::Error>(())
/// ```
///
/// # Errors
/// Fewer than 1 window, a series too short for the windows, bad levels, the model's own errors.
pub fn conformal(
    y: &[f64],
    model: Model,
    h: usize,
    levels: &[f64],
    n_windows: usize,
) -> Result<Forecast> {
    series::levels(levels)?;
    let errors = conformal_errors(y, model, h, n_windows)?;
    let mean = model.fit(y)?.forecast(h, &[])?.mean;
    Ok(conformal_bands(mean, &errors, levels))
}

/// The sorted absolute errors of each forecast step over `n_windows` refits, each `h` further
/// back (the calibration set of [`conformal`]).
pub(crate) fn conformal_errors(
    y: &[f64],
    model: Model,
    h: usize,
    n_windows: usize,
) -> Result<Vec<Vec<f64>>> {
    series::finite(y)?;
    series::horizon(h)?;
    at_least_one("n_windows", n_windows)?;
    series::at_least(y, n_windows * h + 1, "the conformal windows")?;
    let mut errors = vec![Vec::with_capacity(n_windows); h];
    for w in 1..=n_windows {
        let cut = y.len() - w * h;
        let f = model.fit(&y[..cut])?.forecast(h, &[])?;
        for (j, e) in errors.iter_mut().enumerate() {
            e.push((y[cut + j] - f.mean[j]).abs());
        }
    }
    for e in &mut errors {
        e.sort_by(f64::total_cmp);
    }
    Ok(errors)
}

/// Bands around `mean` at each level from calibration errors (see [`conformal`]).
pub(crate) fn conformal_bands(mean: Vec<f64>, errors: &[Vec<f64>], levels: &[f64]) -> Forecast {
    let intervals = levels
        .iter()
        .map(|&level| {
            let (lo, hi) = mean
                .iter()
                .zip(errors)
                .map(|(m, e)| {
                    let n = e.len();
                    let rank = (((n + 1) as f64) * level).ceil() as usize;
                    let q = e[rank.clamp(1, n) - 1];
                    (m - q, m + q)
                })
                .unzip();
            Band { level, lo, hi }
        })
        .collect();
    Forecast { mean, intervals }
}

fn at_least_one(name: &'static str, v: usize) -> Result<()> {
    if v == 0 {
        return Err(
            ValidationError::new(ErrorCode::OutOfRange, name, 0, "must be at least 1").into(),
        );
    }
    Ok(())
}

/// When cross-validation re-estimates the model (statsforecast's `refit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Refit {
    /// At every origin.
    #[default]
    Always,
    /// Only at the first origin; later origins run the fitted model forward over the new
    /// observations ([`Fitted::forward`]).
    Never,
    /// At every `k`-th origin (the first included), forward in between.
    Every(usize),
}

/// The origins of a rolling-origin evaluation: `n_windows` of them, `step_size` apart, the
/// last one `h` before the end of the series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Windows {
    /// Number of forecast origins.
    pub n_windows: usize,
    /// Steps between consecutive origins.
    pub step_size: usize,
    /// When to re-estimate.
    pub refit: Refit,
}

impl Windows {
    /// `n_windows` origins `step_size` apart, refitting at each.
    pub fn new(n_windows: usize, step_size: usize) -> Self {
        Self {
            n_windows,
            step_size,
            refit: Refit::Always,
        }
    }

    /// Sets when to re-estimate.
    #[must_use]
    pub fn with_refit(mut self, refit: Refit) -> Self {
        self.refit = refit;
        self
    }

    /// The training length at each origin, for a series of `n` values and horizon `h`.
    ///
    /// # Errors
    /// A window count, step or refit period of 0; a series too short for the windows.
    pub fn ends(&self, n: usize, h: usize) -> Result<Vec<usize>> {
        series::horizon(h)?;
        at_least_one("n_windows", self.n_windows)?;
        at_least_one("step_size", self.step_size)?;
        if let Refit::Every(k) = self.refit {
            at_least_one("refit", k)?;
        }
        let span = h + (self.n_windows - 1) * self.step_size;
        if n <= span {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "y",
                format!("length {n}"),
                format!("must be longer than {span} for the cross-validation windows"),
            )
            .into());
        }
        Ok((0..self.n_windows)
            .map(|w| n - span + w * self.step_size)
            .collect())
    }

    fn refits_at(&self, w: usize) -> bool {
        match self.refit {
            Refit::Always => true,
            Refit::Never => w == 0,
            Refit::Every(k) => w % k == 0,
        }
    }
}

/// One cross-validation window's forecasts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Window {
    /// Index of the last training value (the forecast origin).
    pub cutoff: usize,
    /// The actual values of the window.
    pub actual: Vec<f64>,
    /// The forecast.
    pub forecast: Forecast,
}

/// Rolling-origin cross-validation of `model` on `y` over `windows`, `h` steps ahead, with
/// analytic intervals at `levels` (the batch, [`crate::batch::cross_validation_batch`], also
/// gives conformal ones).
///
/// ```
/// use flowcast_forecast::evaluate::{cross_validation, Refit, Windows};
/// use flowcast_forecast::model::Model;
/// let y: Vec<f64> = (0..30).map(f64::from).collect();
/// let w = cross_validation(&y, Model::from_name("rwd", 1)?, 3, Windows::new(2, 3), &[])?;
/// assert_eq!((w.len(), w[1].cutoff), (2, 26));
/// assert!((w[1].forecast.mean[0] - 27.0).abs() < 1e-9);
/// // Fitted once at the first origin, then run forward over the new values.
/// let once = Windows::new(2, 3).with_refit(Refit::Never);
/// let w = cross_validation(&y, Model::from_name("auto_ets", 1)?, 3, once, &[0.9])?;
/// assert_eq!(w[1].forecast.intervals[0].level, 0.9);
/// # Ok::<(), flowcast_forecast::Error>(())
/// ```
///
/// # Errors
/// As [`Windows::ends`]; a non-finite series; the model's own errors.
pub fn cross_validation(
    y: &[f64],
    model: Model,
    h: usize,
    windows: Windows,
    levels: &[f64],
) -> Result<Vec<Window>> {
    series::levels(levels)?;
    cross_validation_with(y, model, h, windows, |fitted, _| fitted.forecast(h, levels))
}

/// [`cross_validation`] with the forecast of each origin made by `forecast(fitted, training)`.
pub(crate) fn cross_validation_with(
    y: &[f64],
    model: Model,
    h: usize,
    windows: Windows,
    mut forecast: impl FnMut(&Fitted, &[f64]) -> Result<Forecast>,
) -> Result<Vec<Window>> {
    series::finite(y)?;
    let ends = windows.ends(y.len(), h)?;
    let mut fitted: Option<Fitted> = None;
    let mut out = Vec::with_capacity(ends.len());
    for (w, &end) in ends.iter().enumerate() {
        let train = &y[..end];
        let next = match &fitted {
            Some(f) if !windows.refits_at(w) => f.forward(train)?,
            _ => model.fit(train)?,
        };
        out.push(Window {
            cutoff: end - 1,
            actual: y[end..end + h].to_vec(),
            forecast: forecast(&next, train)?,
        });
        fitted = Some(next);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conformal_bands_cover_the_held_out_errors() {
        let y: Vec<f64> = (0..40)
            .map(|t| f64::from(t % 5) + if t % 11 == 0 { 3.0 } else { 0.0 })
            .collect();
        let model = Model::from_name("seasonal_naive", 5).unwrap();
        let f = conformal(&y, model, 5, &[0.5, 0.9], 4).unwrap();
        for (a, b) in f.intervals[0].hi.iter().zip(&f.intervals[1].hi) {
            assert!(a <= b, "wider at a higher level");
        }
        assert!(conformal(&y, model, 5, &[0.9], 0).is_err());
        assert!(conformal(&y[..10], model, 5, &[0.9], 4).is_err());
    }

    #[test]
    fn cross_validation_windows_end_where_they_should() {
        let y: Vec<f64> = (0..20).map(f64::from).collect();
        let naive = Model::from_name("naive", 1).unwrap();
        let w = cross_validation(&y, naive, 4, Windows::new(3, 2), &[]).unwrap();
        assert_eq!(w.iter().map(|x| x.cutoff).collect::<Vec<_>>(), [11, 13, 15]);
        assert_eq!(w[2].actual, [16.0, 17.0, 18.0, 19.0]);
        assert!(cross_validation(&y, naive, 4, Windows::new(10, 2), &[]).is_err());
        let zero = Windows::new(2, 2).with_refit(Refit::Every(0));
        assert!(cross_validation(&y, naive, 4, zero, &[]).is_err());
    }
}

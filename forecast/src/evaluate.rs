//! Conformal intervals and rolling-origin cross-validation, for any [`Model`].

use flowcast_core::{ErrorCode, ValidationError};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::forecast::{Band, Forecast};
use crate::model::Model;
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
    series::finite(y)?;
    series::horizon(h)?;
    series::levels(levels)?;
    if n_windows == 0 {
        return Err(ValidationError::new(
            ErrorCode::OutOfRange,
            "n_windows",
            0,
            "must be at least 1",
        )
        .into());
    }
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
    let mean = model.fit(y)?.forecast(h, &[])?.mean;
    let intervals = levels
        .iter()
        .map(|&level| {
            let rank = (((n_windows + 1) as f64) * level).ceil() as usize;
            let k = rank.clamp(1, n_windows) - 1;
            let (lo, hi) = mean
                .iter()
                .zip(&errors)
                .map(|(m, e)| (m - e[k], m + e[k]))
                .unzip();
            Band { level, lo, hi }
        })
        .collect();
    Ok(Forecast { mean, intervals })
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

/// Rolling-origin cross-validation: `n_windows` origins, `step_size` apart, the last one `h`
/// before the end; the model is refitted at every origin.
///
/// ```
/// use flowcast_forecast::evaluate::cross_validation;
/// use flowcast_forecast::model::Model;
/// let y: Vec<f64> = (0..30).map(f64::from).collect();
/// let w = cross_validation(&y, Model::from_name("rwd", 1)?, 3, 2, 3, &[])?;
/// assert_eq!((w.len(), w[1].cutoff), (2, 26));
/// assert!((w[1].forecast.mean[0] - 27.0).abs() < 1e-9);
/// # Ok::<(), flowcast_forecast::Error>(())
/// ```
///
/// # Errors
/// A window count or step of 0, a series too short for the windows, the model's own errors.
pub fn cross_validation(
    y: &[f64],
    model: Model,
    h: usize,
    n_windows: usize,
    step_size: usize,
    levels: &[f64],
) -> Result<Vec<Window>> {
    series::finite(y)?;
    series::horizon(h)?;
    for (name, v) in [("n_windows", n_windows), ("step_size", step_size)] {
        if v == 0 {
            return Err(
                ValidationError::new(ErrorCode::OutOfRange, name, 0, "must be at least 1").into(),
            );
        }
    }
    let span = h + (n_windows - 1) * step_size;
    series::at_least(y, span + 1, "the cross-validation windows")?;
    (0..n_windows)
        .map(|w| {
            let end = y.len() - span + w * step_size;
            let forecast = model.fit(&y[..end])?.forecast(h, levels)?;
            Ok(Window {
                cutoff: end - 1,
                actual: y[end..end + h].to_vec(),
                forecast,
            })
        })
        .collect()
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
        let w = cross_validation(&y, Model::from_name("naive", 1).unwrap(), 4, 3, 2, &[]).unwrap();
        assert_eq!(w.iter().map(|x| x.cutoff).collect::<Vec<_>>(), [11, 13, 15]);
        assert_eq!(w[2].actual, [16.0, 17.0, 18.0, 19.0]);
        assert!(
            cross_validation(&y, Model::from_name("naive", 1).unwrap(), 4, 10, 2, &[]).is_err()
        );
    }
}

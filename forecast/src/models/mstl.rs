//! MSTL (Bandara, Hyndman & Bergmeir 2021): multiple seasonal components peeled off one period
//! at a time by STL, twice over, and the rest forecast by a non-seasonal AutoETS ("ZZN"), as
//! statsforecast's `MSTL(season_length=[24, 168], trend_forecaster=AutoETS(model="ZZN"))`.
//! Each seasonal component is forecast by repeating its last cycle; intervals are the trend
//! model's, shifted by the seasonal forecast.
//!
//! Periods of 1, and periods the series does not cover twice, are dropped (the model is then
//! the trend model on the series).
//!
//! ```
//! use flowcast_forecast::models::mstl::Mstl;
//! // Hourly data with a daily and a weekly cycle.
//! let y: Vec<f64> = (0..24 * 7 * 4)
//!     .map(|t| 100.0 + 10.0 * ((t % 24) as f64 / 24.0 * 6.283).sin() + 5.0 * ((t % 168) as f64 / 168.0 * 6.283).cos())
//!     .collect();
//! let f = Mstl::new(&[24, 168])?.fit(&y)?.forecast(48, &[0.9])?;
//! assert!((f.mean[0] - y[y.len() - 168]).abs() < 1.0);
//! # Ok::<(), flowcast_forecast::Error>(())
//! ```

use flowcast_core::{ErrorCode, ValidationError};
use serde::{Deserialize, Serialize};

use super::ets::{AutoEts, Ets};
use super::stl::stl;
use crate::error::Result;
use crate::forecast::Forecast;
use crate::series;

/// Seasonal periods MSTL takes at most.
pub const MAX_PERIODS: usize = 4;

/// MSTL options: up to [`MAX_PERIODS`] season lengths (0 marks an unused slot).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Mstl {
    /// Season lengths, ascending use order; zeros are unused slots.
    pub periods: [usize; MAX_PERIODS],
}

impl Mstl {
    /// MSTL with these season lengths.
    ///
    /// # Errors
    /// No period, more than [`MAX_PERIODS`], or a period of 0.
    pub fn new(periods: &[usize]) -> Result<Self> {
        if periods.is_empty() || periods.len() > MAX_PERIODS {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "season_length",
                format!("{} periods", periods.len()),
                format!("MSTL takes between 1 and {MAX_PERIODS} season lengths"),
            )
            .into());
        }
        let mut slots = [0; MAX_PERIODS];
        for (i, &p) in periods.iter().enumerate() {
            series::season(p).map_err(|e| match e {
                crate::Error::Invalid(v) => crate::Error::Invalid(v.at(i)),
                other => other,
            })?;
            slots[i] = p;
        }
        Ok(Self { periods: slots })
    }

    /// The periods in use.
    pub fn season_lengths(&self) -> Vec<usize> {
        self.periods.iter().copied().filter(|&p| p > 0).collect()
    }

    /// Decomposes `y` and fits the trend model.
    ///
    /// # Errors
    /// A non-finite or empty series; the trend model's own errors.
    pub fn fit(&self, y: &[f64]) -> Result<MstlFit> {
        series::finite(y)?;
        let (periods, components, adjusted) = decompose(y, &self.season_lengths());
        let trend = AutoEts::new(1).with_model("ZZN")?.fit(&adjusted)?;
        Ok(MstlFit::assemble(periods, &components, trend))
    }
}

/// Peels the seasonal components off `y`, one period at a time by STL, twice over (periods of
/// 1 and those the series does not cover twice are dropped): returns the periods used
/// (ascending), their components and the seasonally adjusted series.
fn decompose(y: &[f64], season_lengths: &[usize]) -> (Vec<usize>, Vec<Vec<f64>>, Vec<f64>) {
    let n = y.len();
    let mut periods: Vec<usize> = season_lengths
        .iter()
        .copied()
        .filter(|&p| p > 1 && n >= 2 * p)
        .collect();
    periods.sort_unstable();
    periods.dedup();
    let mut components: Vec<Vec<f64>> = vec![vec![0.0; n]; periods.len()];
    let mut adjusted = y.to_vec();
    for _ in 0..2 {
        for (component, &p) in components.iter_mut().zip(&periods) {
            let with: Vec<f64> = adjusted
                .iter()
                .zip(component.iter())
                .map(|(a, s)| a + s)
                .collect();
            *component = stl(&with, p).seasonal;
            adjusted = with
                .iter()
                .zip(component.iter())
                .map(|(a, s)| a - s)
                .collect();
        }
    }
    (periods, components, adjusted)
}

/// A fitted MSTL model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MstlFit {
    /// The periods used (ascending).
    pub periods: Vec<usize>,
    /// Each component's last cycle, repeated by the forecast.
    last_cycles: Vec<Vec<f64>>,
    /// The trend model, fitted on the seasonally adjusted series.
    pub trend: Ets,
    fitted: Vec<f64>,
}

impl MstlFit {
    fn assemble(periods: Vec<usize>, components: &[Vec<f64>], trend: Ets) -> Self {
        let n = trend.fitted().len();
        let fitted = trend
            .fitted()
            .iter()
            .zip(0..n)
            .map(|(f, t)| f + components.iter().map(|c| c[t]).sum::<f64>())
            .collect();
        let last_cycles = components
            .iter()
            .zip(&periods)
            .map(|(c, &p)| c[n - p..].to_vec())
            .collect();
        Self {
            periods,
            last_cycles,
            trend,
            fitted,
        }
    }

    /// Decomposes `y` (usually the fitted history extended by new observations) with the same
    /// periods and runs the trend model forward over the adjusted series without
    /// re-estimating it (see [`Ets::forward`]).
    ///
    /// # Errors
    /// A non-finite or empty series; the trend model's `forward` errors.
    pub fn forward(&self, y: &[f64]) -> Result<Self> {
        series::finite(y)?;
        let (periods, components, adjusted) = decompose(y, &self.periods);
        let trend = self.trend.forward(&adjusted)?;
        Ok(Self::assemble(periods, &components, trend))
    }

    /// Forecasts `h` steps: the trend model's forecast plus every seasonal component's last
    /// cycle repeated.
    ///
    /// # Errors
    /// As the trend model's `forecast`.
    pub fn forecast(&self, h: usize, levels: &[f64]) -> Result<Forecast> {
        let mut f = self.trend.forecast(h, levels)?;
        for k in 0..h {
            let s: f64 = self.last_cycles.iter().map(|c| c[k % c.len()]).sum();
            f.mean[k] += s;
            for band in &mut f.intervals {
                band.lo[k] += s;
                band.hi[k] += s;
            }
        }
        Ok(f)
    }

    /// In-sample one-step fits: the trend model's plus the seasonal components.
    pub fn fitted(&self) -> &[f64] {
        &self.fitted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_cycles_are_recovered_and_bad_periods_refused() {
        let at = |t: usize| {
            50.0 + 8.0 * f64::from(u8::from(t % 24 >= 8 && t % 24 < 18))
                + 4.0 * f64::from(u8::from(t % 168 < 48))
                + 0.01 * t as f64
        };
        let n = 24 * 7 * 3;
        let y: Vec<f64> = (0..n).map(at).collect();
        let fit = Mstl::new(&[24, 168]).unwrap().fit(&y).unwrap();
        assert_eq!(fit.periods, [24, 168]);
        let f = fit.forecast(168, &[0.8]).unwrap();
        let err: f64 = (0..168).map(|k| (f.mean[k] - at(n + k)).abs()).sum::<f64>() / 168.0;
        assert!(err < 1.0, "mean absolute error of the next week {err}");
        assert!(f.intervals[0].lo.iter().zip(&f.mean).all(|(l, m)| l <= m));
        assert!(
            Mstl::new(&[]).is_err()
                && Mstl::new(&[24, 0]).is_err()
                && Mstl::new(&[1, 2, 3, 4, 5]).is_err()
        );
        // A period the series does not cover twice is dropped.
        assert_eq!(
            Mstl::new(&[24, 1000]).unwrap().fit(&y).unwrap().periods,
            [24]
        );
    }
}

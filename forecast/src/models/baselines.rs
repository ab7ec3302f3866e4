//! Baselines: Naive, SeasonalNaive, RandomWalkWithDrift, HistoricAverage, WindowAverage and
//! SeasonalWindowAverage, with statsforecast's forecasts and analytic intervals.
//!
//! Interval standard deviations (σ from the in-sample one-step residuals, as statsforecast):
//! Naive σ√h; SeasonalNaive σ√(⌊(h−1)/m⌋ + 1); drift σ√(h(1 + h/(n−1))); historic average
//! σ√(1 + 1/n); the window averages have none (use conformal intervals).
//!
//! ```
//! use flowcast_forecast::models::baselines::{Baseline, fit};
//! let f = fit(&[1.0, 2.0, 3.0, 4.0], Baseline::RandomWalkWithDrift)?.forecast(2, &[0.8])?;
//! assert_eq!(f.mean, [5.0, 6.0]);
//! # Ok::<(), flowcast_forecast::Error>(())
//! ```

use flowcast_core::{ErrorCode, ValidationError};
use serde::{Deserialize, Serialize};

use super::seasonal::{
    DecompositionType, SEASONALITY_CRITICAL, classical_decomposition, seasonality_statistic,
};
use crate::error::Result;
use crate::forecast::Forecast;
use crate::series;

/// Which baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Baseline {
    /// The last value.
    Naive,
    /// The value one season back.
    SeasonalNaive {
        /// Season length (≥ 1).
        season_length: usize,
    },
    /// The last value plus the average change per step.
    RandomWalkWithDrift,
    /// The mean of the whole history.
    HistoricAverage,
    /// The mean of the last `window_size` values.
    WindowAverage {
        /// Values averaged (≥ 1).
        window_size: usize,
    },
    /// M4's benchmark: Naive on the series seasonally adjusted by classical multiplicative
    /// decomposition when the 90 % autocorrelation test finds a season (and n ≥ 3m), then
    /// reseasonalised.
    Naive2 {
        /// Season length (≥ 1).
        season_length: usize,
    },
    /// For each position in the season, the mean of its last `window_size` seasons.
    SeasonalWindowAverage {
        /// Season length (≥ 1).
        season_length: usize,
        /// Seasons averaged (≥ 1).
        window_size: usize,
    },
}

impl Baseline {
    /// statsforecast's alias.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Naive => "Naive",
            Self::SeasonalNaive { .. } => "SeasonalNaive",
            Self::RandomWalkWithDrift => "RWD",
            Self::HistoricAverage => "HistoricAverage",
            Self::WindowAverage { .. } => "WindowAverage",
            Self::Naive2 { .. } => "Naive2",
            Self::SeasonalWindowAverage { .. } => "SeasWA",
        }
    }
}

/// A fitted baseline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BaselineFit {
    /// The method.
    pub method: Baseline,
    /// One season of values the forecast repeats (one value for the flat methods).
    pattern: Vec<f64>,
    /// Seasonal factors applied to the forecast (Naive2 on a seasonal series), by step.
    #[serde(default)]
    factors: Vec<f64>,
    /// Drift per step (0 except for the random walk with drift).
    drift: f64,
    /// Residual σ, NaN without analytic intervals.
    sigma: f64,
    /// Length of the history.
    n: usize,
    fitted: Vec<f64>,
}

/// Fits `method` to `y`.
///
/// # Errors
/// An empty or non-finite series; a season or window of 0; a window longer than the series;
/// fewer values than one season for the seasonal window average.
pub fn fit(y: &[f64], method: Baseline) -> Result<BaselineFit> {
    series::finite(y)?;
    let n = y.len();
    let mut fitted = vec![f64::NAN; n];
    let mut factors = Vec::new();
    let rms = |fitted: &[f64], dof: usize| -> f64 {
        let ss: f64 = y
            .iter()
            .zip(fitted)
            .filter(|(_, f)| !f.is_nan())
            .map(|(a, f)| (a - f) * (a - f))
            .sum();
        if dof > 0 {
            (ss / dof as f64).sqrt()
        } else {
            0.0
        }
    };
    let (pattern, drift, sigma) = match method {
        Baseline::Naive => {
            fitted[1..].copy_from_slice(&y[..n - 1]);
            (vec![y[n - 1]], 0.0, rms(&fitted, n - 1))
        }
        Baseline::SeasonalNaive { season_length: m } => {
            series::season(m)?;
            series::at_least(y, m, "one season of the seasonal naive")?;
            fitted[m..].copy_from_slice(&y[..n - m]);
            (y[n - m..].to_vec(), 0.0, rms(&fitted, n - m))
        }
        Baseline::RandomWalkWithDrift => {
            series::at_least(y, 2, "a drift")?;
            let slope = (y[n - 1] - y[0]) / (n - 1) as f64;
            for i in 1..n {
                fitted[i] = y[i - 1] + slope;
            }
            (vec![y[n - 1]], slope, rms(&fitted, n - 1))
        }
        Baseline::HistoricAverage => {
            let mean = y.iter().sum::<f64>() / n as f64;
            fitted.fill(mean);
            (vec![mean], 0.0, rms(&fitted, n.saturating_sub(1)))
        }
        Baseline::Naive2 { season_length: m } => {
            series::season(m)?;
            let seasonal = m > 1
                && n >= 3 * m
                && seasonality_statistic(y, m).is_some_and(|s| s > SEASONALITY_CRITICAL)
                && y.iter().all(|&v| v > 0.0);
            if seasonal {
                let s = classical_decomposition(y, m, DecompositionType::Multiplicative)?;
                let adjusted = s.deseasonalize(y);
                factors = (0..m).map(|j| s.at(n + j)).collect();
                for i in 1..n {
                    fitted[i] = adjusted[i - 1] * s.at(i);
                }
                (vec![adjusted[n - 1]], 0.0, rms(&fitted, n - 1))
            } else {
                fitted[1..].copy_from_slice(&y[..n - 1]);
                (vec![y[n - 1]], 0.0, rms(&fitted, n - 1))
            }
        }
        Baseline::WindowAverage { window_size: k } => {
            window(k, n)?;
            (
                vec![y[n - k..].iter().sum::<f64>() / k as f64],
                0.0,
                f64::NAN,
            )
        }
        Baseline::SeasonalWindowAverage {
            season_length: m,
            window_size: k,
        } => {
            series::season(m)?;
            window(k, n / m.max(1))?;
            let tail = &y[n - k * m..];
            let pattern = (0..m)
                .map(|j| (0..k).map(|s| tail[s * m + j]).sum::<f64>() / k as f64)
                .collect();
            (pattern, 0.0, f64::NAN)
        }
    };
    Ok(BaselineFit {
        method,
        pattern,
        factors,
        drift,
        sigma,
        n,
        fitted,
    })
}

fn window(k: usize, available: usize) -> Result<()> {
    if k == 0 || k > available {
        return Err(ValidationError::new(
            ErrorCode::OutOfRange,
            "window_size",
            k,
            format!("must be between 1 and {available} (what the series holds)"),
        )
        .into());
    }
    Ok(())
}

impl BaselineFit {
    /// Forecasts `h` steps with intervals at `levels` (probabilities).
    ///
    /// # Errors
    /// `h` of 0, levels outside (0, 1), or levels for a window average (no analytic intervals).
    pub fn forecast(&self, h: usize, levels: &[f64]) -> Result<Forecast> {
        series::horizon(h)?;
        series::levels(levels)?;
        let m = self.pattern.len();
        let factor = |i: usize| {
            if self.factors.is_empty() {
                1.0
            } else {
                self.factors[i % self.factors.len()]
            }
        };
        let mean: Vec<f64> = (0..h)
            .map(|i| (self.pattern[i % m] + self.drift * (i + 1) as f64) * factor(i))
            .collect();
        if levels.is_empty() {
            return Ok(Forecast::point(mean));
        }
        if self.sigma.is_nan() {
            return Err(ValidationError::new(
                ErrorCode::WrongType,
                "levels",
                format!("{} levels", levels.len()),
                "window averages have no analytic intervals: use conformal intervals",
            )
            .into());
        }
        let (sigma, n) = (self.sigma, self.n as f64);
        let sd = |i: usize| {
            let step = (i + 1) as f64;
            match self.method {
                Baseline::Naive => sigma * step.sqrt(),
                Baseline::Naive2 { .. } => sigma * step.sqrt() * factor(i),
                Baseline::SeasonalNaive { season_length } => {
                    sigma * ((i / season_length) as f64 + 1.0).sqrt()
                }
                Baseline::RandomWalkWithDrift => sigma * (step * (1.0 + step / (n - 1.0))).sqrt(),
                _ => sigma * (1.0 + 1.0 / n).sqrt(),
            }
        };
        Ok(Forecast::normal(mean, levels, sd))
    }

    /// In-sample one-step fits (NaN where undefined).
    pub fn fitted(&self) -> &[f64] {
        &self.fitted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forecasts_and_intervals() {
        let y = [1.0, 3.0, 2.0, 4.0, 3.0, 5.0];
        let naive = fit(&y, Baseline::Naive)
            .unwrap()
            .forecast(3, &[0.95])
            .unwrap();
        assert_eq!(naive.mean, [5.0; 3]);
        // Residuals 2, −1, 2, −1, 2: σ = √(14/5).
        let sigma = (14.0f64 / 5.0).sqrt();
        let z = flowcast_core::normal::quantile(0.975);
        assert!((naive.intervals[0].hi[1] - (5.0 + z * sigma * 2f64.sqrt())).abs() < 1e-12);
        let snaive = fit(&y, Baseline::SeasonalNaive { season_length: 2 })
            .unwrap()
            .forecast(4, &[])
            .unwrap();
        assert_eq!(snaive.mean, [3.0, 5.0, 3.0, 5.0]);
        let swa = fit(
            &y,
            Baseline::SeasonalWindowAverage {
                season_length: 2,
                window_size: 2,
            },
        )
        .unwrap();
        assert_eq!(swa.forecast(2, &[]).unwrap().mean, [2.5, 4.5]);
        assert_eq!(
            fit(&y, Baseline::WindowAverage { window_size: 3 })
                .unwrap()
                .forecast(1, &[])
                .unwrap()
                .mean,
            [4.0]
        );
        assert_eq!(
            fit(&y, Baseline::HistoricAverage)
                .unwrap()
                .forecast(1, &[])
                .unwrap()
                .mean,
            [3.0]
        );
    }

    #[test]
    fn bad_input() {
        assert!(
            fit(&[1.0, f64::NAN], Baseline::Naive)
                .unwrap_err()
                .to_string()
                .starts_with("y[1] = NaN")
        );
        assert!(fit(&[1.0], Baseline::SeasonalNaive { season_length: 4 }).is_err());
        assert!(fit(&[1.0, 2.0], Baseline::WindowAverage { window_size: 3 }).is_err());
        assert!(fit(&[1.0], Baseline::RandomWalkWithDrift).is_err());
        let wa = fit(&[1.0, 2.0], Baseline::WindowAverage { window_size: 2 }).unwrap();
        assert!(wa.forecast(2, &[0.9]).is_err());
        assert!(
            fit(&[1.0, 2.0], Baseline::Naive)
                .unwrap()
                .forecast(2, &[95.0])
                .is_err()
        );
    }
}

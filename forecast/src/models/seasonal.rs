//! Seasonality test and classical decomposition shared by the M4-style models (Theta, Naive2).
//!
//! * [`seasonality_statistic`] / [`is_seasonal`]: the 90 % autocorrelation test at lag `m` used by
//!   the M4 benchmarks and by statsforecast's Theta: the series is seasonal when
//!   `|r_m| > 1.645 · sqrt((1 + 2 Σ_{k<m} r_k²) / n)`, with `r_k` the sample autocorrelation
//!   (demeaned, divided by `n`).
//! * [`classical_decomposition`]: seasonal indices of the classical (moving-average)
//!   decomposition, multiplicative or additive, normalised to mean 1 (or 0).
//! * [`SeasonalIndices::deseasonalize`] / [`SeasonalIndices::reseasonalize`] (and the free
//!   functions [`deseasonalize`] / [`reseasonalize`]) apply them.

use crate::error::Result;
use flowcast_core::{ErrorCode, ValidationError};
use serde::{Deserialize, Serialize};

/// One-sided 95 % standard normal quantile: the critical value of the two-sided 90 % test.
pub const SEASONALITY_CRITICAL: f64 = 1.644_853_626_951_472_2;

/// How the seasonal component combines with the rest of the series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum DecompositionType {
    /// `y = trend · season · remainder` (needs strictly positive data).
    #[default]
    Multiplicative,
    /// `y = trend + season + remainder`.
    Additive,
}

/// The test statistic `|r_m| / sqrt((1 + 2 Σ_{k=1}^{m-1} r_k²) / n)` of the M4 seasonality test.
///
/// `None` when it is undefined: `m < 2`, `n ≤ m`, a constant series, or non-finite values.
/// Compare with [`SEASONALITY_CRITICAL`]; callers apply their own length rule (statsforecast's
/// Theta: `m ≥ 4` and `n ≥ 2m`, see [`is_seasonal`]; M4's Naive2: `n ≥ 3m`).
pub fn seasonality_statistic(y: &[f64], m: usize) -> Option<f64> {
    let n = y.len();
    if m < 2 || n <= m {
        return None;
    }
    let mean = y.iter().sum::<f64>() / n as f64;
    let c0: f64 = y.iter().map(|v| (v - mean) * (v - mean)).sum();
    if !(c0.is_finite() && c0 > 0.0) {
        return None;
    }
    let acf = |k: usize| -> f64 {
        y[..n - k]
            .iter()
            .zip(&y[k..])
            .map(|(a, b)| (a - mean) * (b - mean))
            .sum::<f64>()
            / c0
    };
    let sum_sq: f64 = (1..m).map(|k| acf(k).powi(2)).sum();
    let stat = acf(m).abs() / ((1.0 + 2.0 * sum_sq) / n as f64).sqrt();
    stat.is_finite().then_some(stat)
}

/// statsforecast's / M4's seasonality test as Theta applies it: `m ≥ 4`, at least two full
/// seasons, and a lag-`m` autocorrelation significant at the 90 % level.
///
/// ```
/// use flowcast_forecast::models::seasonal::is_seasonal;
/// let y: Vec<f64> = (0..48).map(|t| 10.0 + [3.0, -1.0, 0.5, -2.5][t % 4]).collect();
/// assert!(is_seasonal(&y, 4));
/// assert!(!is_seasonal(&y, 1));
/// ```
pub fn is_seasonal(y: &[f64], m: usize) -> bool {
    m >= 4
        && y.len() / 2 >= m
        && seasonality_statistic(y, m).is_some_and(|s| s > SEASONALITY_CRITICAL)
}

/// Seasonal indices of period `m`: `indices[t % m]` applies at time `t` (0 = first observation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeasonalIndices {
    /// Multiplicative (mean 1) or additive (mean 0).
    pub kind: DecompositionType,
    /// One index per position in the season, aligned with the start of the series.
    pub indices: Vec<f64>,
}

impl SeasonalIndices {
    /// The season length `m`.
    pub fn period(&self) -> usize {
        self.indices.len()
    }

    /// The index at time `t` (0-based from the first observation; forecasts continue at `n`).
    /// Empty indices act as no season (1 or 0).
    #[inline]
    pub fn at(&self, t: usize) -> f64 {
        match self.indices.len() {
            0 => match self.kind {
                DecompositionType::Multiplicative => 1.0,
                DecompositionType::Additive => 0.0,
            },
            m => self.indices[t % m],
        }
    }

    /// Removes the season from `y` (observed from time 0).
    pub fn deseasonalize(&self, y: &[f64]) -> Vec<f64> {
        y.iter()
            .enumerate()
            .map(|(t, &v)| match self.kind {
                DecompositionType::Multiplicative => v / self.at(t),
                DecompositionType::Additive => v - self.at(t),
            })
            .collect()
    }

    /// Puts the season back into `values`, whose first element is at time `start`.
    pub fn reseasonalize(&self, values: &mut [f64], start: usize) {
        for (j, v) in values.iter_mut().enumerate() {
            let s = self.at(start + j);
            match self.kind {
                DecompositionType::Multiplicative => *v *= s,
                DecompositionType::Additive => *v += s,
            }
        }
    }
}

/// Free-function form of [`SeasonalIndices::deseasonalize`].
pub fn deseasonalize(y: &[f64], s: &SeasonalIndices) -> Vec<f64> {
    s.deseasonalize(y)
}

/// Free-function form of [`SeasonalIndices::reseasonalize`].
pub fn reseasonalize(values: &mut [f64], start: usize, s: &SeasonalIndices) {
    s.reseasonalize(values, start);
}

/// Classical decomposition's seasonal indices (statsmodels `seasonal_decompose` / R `decompose`).
///
/// The trend is the centred moving average of order `m` (`2×m` for even `m`); the indices are
/// the per-position means of `y / trend` (or `y − trend`), normalised to mean 1 (or 0).
///
/// # Errors
/// `Error::Invalid` when `m < 2` (field `m`), `y` is shorter than `2m` or holds a non-finite
/// value (field `y`), or, for [`DecompositionType::Multiplicative`], a value is not positive.
///
/// ```
/// use flowcast_forecast::models::seasonal::{classical_decomposition, DecompositionType};
/// let y: Vec<f64> = (0..24).map(|t| 100.0 * [1.2, 0.8, 1.1, 0.9][t % 4]).collect();
/// let s = classical_decomposition(&y, 4, DecompositionType::Multiplicative).unwrap();
/// assert!((s.indices[0] - 1.2).abs() < 1e-12 && (s.indices[1] - 0.8).abs() < 1e-12);
/// ```
pub fn classical_decomposition(
    y: &[f64],
    m: usize,
    kind: DecompositionType,
) -> Result<SeasonalIndices> {
    if m < 2 {
        return Err(ValidationError::new(
            ErrorCode::OutOfRange,
            "m",
            m,
            "season length must be at least 2",
        )
        .into());
    }
    crate::series::finite(y)?;
    let n = y.len();
    if n / 2 < m {
        return Err(ValidationError::new(
            ErrorCode::OutOfRange,
            "y",
            format!("length {n}"),
            format!(
                "needs at least two full seasons ({} observations)",
                m.saturating_mul(2)
            ),
        )
        .into());
    }
    let bad = match kind {
        DecompositionType::Multiplicative => y.iter().position(|&v| v <= 0.0),
        DecompositionType::Additive => None,
    };
    if let Some(i) = bad {
        return Err(ValidationError::new(
            ErrorCode::NotPositive,
            "y",
            y[i],
            "multiplicative decomposition needs positive data",
        )
        .at(i)
        .into());
    }
    let half = m / 2;
    let even = m % 2 == 0;
    let inv_m = 1.0 / m as f64;
    let mut sums = vec![0.0; m];
    let mut counts = vec![0usize; m];
    for t in half..n - half {
        let window = &y[t - half..=t + half];
        let trend = if even {
            let inner: f64 = window[1..m].iter().sum();
            (0.5 * (window[0] + window[m]) + inner) * inv_m
        } else {
            window.iter().sum::<f64>() * inv_m
        };
        let d = match kind {
            DecompositionType::Multiplicative => y[t] / trend,
            DecompositionType::Additive => y[t] - trend,
        };
        sums[t % m] += d;
        counts[t % m] += 1;
    }
    let mut indices: Vec<f64> = sums
        .iter()
        .zip(&counts)
        .map(|(s, &c)| s / c as f64)
        .collect();
    let mean = indices.iter().sum::<f64>() * inv_m;
    for v in &mut indices {
        match kind {
            DecompositionType::Multiplicative => *v /= mean,
            DecompositionType::Additive => *v -= mean,
        }
    }
    Ok(SeasonalIndices { kind, indices })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;

    fn noise(n: usize, seed: u64) -> Vec<f64> {
        let mut r = flowcast_core::Rng::seed_from(seed);
        (0..n).map(|_| r.uniform() - 0.5).collect()
    }

    #[test]
    fn pure_seasonal_series_is_detected() {
        let y: Vec<f64> = (0..60)
            .map(|t| 50.0 + 10.0 * (2.0 * std::f64::consts::PI * t as f64 / 12.0).sin())
            .collect();
        assert!(is_seasonal(&y, 12));
    }

    #[test]
    fn white_noise_is_not_seasonal() {
        let mut hits = 0;
        for seed in 0..50 {
            if is_seasonal(&noise(120, seed), 12) {
                hits += 1;
            }
        }
        // A 5 % one-sided test: expect ≈ 2.5 false positives in 50; allow up to 8.
        assert!(hits <= 8, "{hits} false positives");
    }

    #[test]
    fn test_needs_two_seasons_and_m_at_least_4() {
        let y: Vec<f64> = (0..7).map(|t| [1.0, 5.0, 2.0, 8.0][t % 4]).collect();
        assert!(!is_seasonal(&y, 4));
        let y: Vec<f64> = (0..30).map(|t| [1.0, 5.0, 2.0][t % 3]).collect();
        assert!(!is_seasonal(&y, 3));
        assert!(seasonality_statistic(&[3.0; 20], 4).is_none());
    }

    #[test]
    fn statistic_matches_statsmodels_acf() {
        // statsmodels: acf(y, nlags=4, fft=False) for y = 1..=12 squared mod 7.
        let y: Vec<f64> = (1..=12).map(|t| ((t * t) % 7) as f64).collect();
        let n = y.len() as f64;
        let mean = y.iter().sum::<f64>() / n;
        let c = |k: usize| -> f64 { (0..12 - k).map(|t| (y[t] - mean) * (y[t + k] - mean)).sum() };
        let r: Vec<f64> = (0..=4).map(|k| c(k) / c(0)).collect();
        let expect =
            r[4].abs() / ((1.0 + 2.0 * (r[1] * r[1] + r[2] * r[2] + r[3] * r[3])) / n).sqrt();
        assert!((seasonality_statistic(&y, 4).unwrap() - expect).abs() < 1e-12);
    }

    #[test]
    fn multiplicative_decomposition_recovers_indices_on_trend() {
        let pattern = [1.3, 0.7, 1.1, 0.9];
        let y: Vec<f64> = (0..40)
            .map(|t| (100.0 + 2.0 * t as f64) * pattern[t % 4])
            .collect();
        let s = classical_decomposition(&y, 4, DecompositionType::Multiplicative).unwrap();
        for (a, b) in s.indices.iter().zip(pattern) {
            assert!((a - b).abs() < 0.01, "{a} vs {b}");
        }
        let mean: f64 = s.indices.iter().sum::<f64>() / 4.0;
        assert!((mean - 1.0).abs() < 1e-12);
        let adj = s.deseasonalize(&y);
        let mut back = adj.clone();
        s.reseasonalize(&mut back, 0);
        for (a, b) in back.iter().zip(&y) {
            assert!((a - b).abs() < 1e-9);
        }
    }

    #[test]
    fn additive_decomposition_odd_period() {
        let pattern = [3.0, -1.0, -2.0];
        let y: Vec<f64> = (0..30).map(|t| t as f64 + pattern[t % 3]).collect();
        let s = classical_decomposition(&y, 3, DecompositionType::Additive).unwrap();
        for (a, b) in s.indices.iter().zip(pattern) {
            assert!((a - b).abs() < 1e-9, "{a} vs {b}");
        }
        assert_eq!(s.at(31), s.indices[1]);
    }

    #[test]
    fn decomposition_errors_are_typed() {
        let e = classical_decomposition(&[1.0; 10], 1, DecompositionType::Additive).unwrap_err();
        assert!(matches!(e, Error::Invalid(ref v) if v.field == "m"));
        let e = classical_decomposition(&[1.0; 7], 4, DecompositionType::Additive).unwrap_err();
        assert!(matches!(e, Error::Invalid(ref v) if v.field == "y"));
        let mut y = vec![1.0; 12];
        y[5] = -1.0;
        let e = classical_decomposition(&y, 4, DecompositionType::Multiplicative).unwrap_err();
        assert!(
            matches!(e, Error::Invalid(ref v) if v.field == "y[5]" && v.code == ErrorCode::NotPositive)
        );
        y[5] = f64::NAN;
        let e = classical_decomposition(&y, 4, DecompositionType::Additive).unwrap_err();
        assert!(matches!(e, Error::Invalid(ref v) if v.field == "y[5]"));
    }
}

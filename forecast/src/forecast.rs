//! What a model returns: point forecasts and prediction intervals.

use serde::{Deserialize, Serialize};

/// A prediction interval at one level for every step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Band {
    /// Coverage probability in (0, 1), e.g. 0.95.
    pub level: f64,
    /// Lower bounds, one per step.
    pub lo: Vec<f64>,
    /// Upper bounds, one per step.
    pub hi: Vec<f64>,
}

/// Point forecasts for steps 1..=h, and intervals at the requested levels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Forecast {
    /// Mean (point) forecast per step.
    pub mean: Vec<f64>,
    /// One band per requested level, in the order requested.
    pub intervals: Vec<Band>,
}

/// The central band level whose bounds are the `p` and `1 − p` quantiles: |2p − 1|.
pub fn level_for_quantile(p: f64) -> f64 {
    (2.0 * p - 1.0).abs()
}

impl Forecast {
    /// Point forecasts without intervals.
    pub fn point(mean: Vec<f64>) -> Self {
        Self {
            mean,
            intervals: Vec::new(),
        }
    }

    /// The one-sided `p` quantile per step (for a service level): the median is the mean, and
    /// otherwise the upper (p > ½) or lower bound of the band at level |2p − 1|, which must
    /// have been requested (see [`level_for_quantile`]). `None` when it was not.
    ///
    /// ```
    /// use flowcast_forecast::forecast::{Forecast, level_for_quantile};
    /// let f = Forecast::normal(vec![10.0], &[level_for_quantile(0.95)], |_| 2.0);
    /// let q95 = f.quantile(0.95).unwrap();
    /// assert!((q95[0] - (10.0 + 1.644_853_626_951_472 * 2.0)).abs() < 1e-9);
    /// ```
    pub fn quantile(&self, p: f64) -> Option<Vec<f64>> {
        if p == 0.5 {
            return Some(self.mean.clone());
        }
        let level = level_for_quantile(p);
        let band = self
            .intervals
            .iter()
            .find(|b| (b.level - level).abs() < 1e-9)?;
        Some(if p > 0.5 {
            band.hi.clone()
        } else {
            band.lo.clone()
        })
    }

    /// Intervals from a normal forecast distribution: step `i` (0-based) has standard
    /// deviation `sd(i)`.
    pub fn normal(mean: Vec<f64>, levels: &[f64], sd: impl Fn(usize) -> f64) -> Self {
        let intervals = levels
            .iter()
            .map(|&level| {
                let z = flowcast_core::normal::quantile(0.5 + level / 2.0);
                let (lo, hi) = mean
                    .iter()
                    .enumerate()
                    .map(|(i, &m)| (m - z * sd(i), m + z * sd(i)))
                    .unzip();
                Band { level, lo, hi }
            })
            .collect();
        Self { mean, intervals }
    }
}

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

impl Forecast {
    /// Point forecasts without intervals.
    pub fn point(mean: Vec<f64>) -> Self {
        Self {
            mean,
            intervals: Vec::new(),
        }
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

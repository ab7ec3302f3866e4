//! Intermittent demand: Croston (classic, SBA, optimised), TSB, ADIDA and IMAPA, as
//! statsforecast defines them, so their forecasts match it to rounding.
//!
//! Demand sizes are the positive values; intervals are the gaps between non-zero periods (the
//! first counted from the start of the series). Simple exponential smoothing starts at the first
//! value; "optimised" means α chosen on [0.1, 0.3] by golden-section search on the in-sample
//! squared one-step errors. Forecasts are flat over the horizon. A series without any demand
//! forecasts its last value (Croston) or zero (TSB, ADIDA, IMAPA). These models take demand,
//! so negative values are refused.
//!
//! ```
//! use flowcast_forecast::models::intermittent::{Intermittent, fit};
//! let y = [0.0, 3.0, 0.0, 0.0, 4.0, 0.0, 2.0, 0.0];
//! let f = fit(&y, Intermittent::CrostonClassic)?.forecast(3, &[])?;
//! assert_eq!(f.mean.len(), 3);
//! assert!(f.mean[0] > 0.0 && f.mean[0] < 4.0);
//! # Ok::<(), flowcast_forecast::Error>(())
//! ```

use flowcast_core::{ErrorCode, ValidationError};
use serde::{Deserialize, Serialize};

use super::ses;
use crate::error::Result;
use crate::forecast::Forecast;
use crate::series;

/// Which intermittent-demand method.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Intermittent {
    /// Croston (1972): SES with α = 0.1 on sizes and intervals, forecast size / interval.
    CrostonClassic,
    /// Syntetos–Boylan approximation: classic × 0.95 (α/2 bias correction with α = 0.1).
    CrostonSba,
    /// Croston with each α optimised on [0.1, 0.3].
    CrostonOptimized,
    /// Teunter–Syntetos–Babai: SES of the demand probability (every period) times SES of the
    /// sizes (updated when demand occurs).
    Tsb {
        /// Smoothing of the sizes, in [0, 1].
        alpha_d: f64,
        /// Smoothing of the probability, in [0, 1].
        alpha_p: f64,
    },
    /// Aggregate–disaggregate: sum into buckets of the mean interval, optimised SES, spread.
    Adida,
    /// Multiple aggregation: ADIDA at every level 1..=mean interval, averaged.
    Imapa,
}

impl Intermittent {
    /// Checks the method's options: TSB's smoothing constants lie in [0, 1].
    ///
    /// # Errors
    /// `out_of_range` naming `alpha_d` or `alpha_p`.
    pub fn validate(&self) -> Result<()> {
        if let Self::Tsb { alpha_d, alpha_p } = *self {
            for (name, a) in [("alpha_d", alpha_d), ("alpha_p", alpha_p)] {
                if !(0.0..=1.0).contains(&a) {
                    return Err(ValidationError::new(
                        ErrorCode::OutOfRange,
                        name,
                        a,
                        "must lie in [0, 1]",
                    )
                    .into());
                }
            }
        }
        Ok(())
    }

    /// statsforecast's alias of the method.
    pub fn name(&self) -> &'static str {
        match self {
            Self::CrostonClassic => "CrostonClassic",
            Self::CrostonSba => "CrostonSBA",
            Self::CrostonOptimized => "CrostonOptimized",
            Self::Tsb { .. } => "TSB",
            Self::Adida => "ADIDA",
            Self::Imapa => "IMAPA",
        }
    }
}

/// A fitted intermittent model: its flat forecast and in-sample fits where defined.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IntermittentFit {
    /// The method.
    pub method: Intermittent,
    /// The per-period forecast.
    pub level: f64,
    fitted: Vec<f64>,
}

impl IntermittentFit {
    /// The flat forecast for `h` steps. These methods have no analytic intervals: `levels`
    /// must be empty (use conformal intervals).
    ///
    /// # Errors
    /// `h` of 0; levels given.
    pub fn forecast(&self, h: usize, levels: &[f64]) -> Result<Forecast> {
        series::horizon(h)?;
        if !levels.is_empty() {
            return Err(ValidationError::new(
                ErrorCode::WrongType,
                "levels",
                format!("{} levels", levels.len()),
                "intermittent models have no analytic intervals: use conformal intervals",
            )
            .into());
        }
        Ok(Forecast::point(vec![self.level; h]))
    }

    /// In-sample one-step fits (NaN where the method defines none; all NaN for the methods
    /// whose fits statsforecast does not define cheaply: optimised Croston, ADIDA, IMAPA).
    pub fn fitted(&self) -> &[f64] {
        &self.fitted
    }
}

/// Fits `method` to demand history `y` (non-negative, finite).
///
/// # Errors
/// An empty series, NaN, negative demand (`y[i]`), TSB smoothing outside [0, 1].
pub fn fit(y: &[f64], method: Intermittent) -> Result<IntermittentFit> {
    series::finite(y)?;
    if let Some(i) = y.iter().position(|&v| v < 0.0) {
        return Err(ValidationError::new(
            ErrorCode::Negative,
            "y",
            y[i],
            "intermittent-demand models take demand, which cannot be negative",
        )
        .at(i)
        .into());
    }
    method.validate()?;
    let nan = || vec![f64::NAN; y.len()];
    let (level, fitted) = match method {
        Intermittent::CrostonClassic => croston(y, 1.0),
        Intermittent::CrostonSba => croston(y, 0.95),
        Intermittent::CrostonOptimized => (croston_optimized(y), nan()),
        Intermittent::Tsb { alpha_d, alpha_p } => tsb(y, alpha_d, alpha_p),
        Intermittent::Adida => (adida(y), nan()),
        Intermittent::Imapa => (imapa(y), nan()),
    };
    Ok(IntermittentFit {
        method,
        level,
        fitted,
    })
}

/// Positive values.
fn sizes(y: &[f64]) -> Vec<f64> {
    y.iter().copied().filter(|&v| v > 0.0).collect()
}

/// Gaps between non-zero periods, the first counted from the start.
fn intervals(y: &[f64]) -> Vec<f64> {
    let mut last = 0usize;
    let mut out = Vec::new();
    for (i, &v) in y.iter().enumerate() {
        if v != 0.0 {
            out.push((i + 1 - last) as f64);
            last = i + 1;
        }
    }
    out
}

fn croston(y: &[f64], factor: f64) -> (f64, Vec<f64>) {
    let demand = sizes(y);
    if demand.is_empty() {
        return (y[y.len() - 1], naive_fitted(y));
    }
    let gaps = intervals(y);
    let (size, size_fits) = ses::forecast(&demand, 0.1);
    let (gap, gap_fits) = ses::forecast(&gaps, 0.1);
    let level = if gap == 0.0 { size } else { size / gap };
    // Fits: the latest smoothed size over the latest smoothed interval, held between demands.
    let mut size_path = size_fits;
    size_path.push(size);
    let mut gap_path = gap_fits;
    gap_path.push(gap);
    let sizes_held = hold(y, &size_path, |v| v > 0.0, |prev| prev);
    let gaps_held = hold(y, &gap_path, |v| v != 0.0, |_| 1.0);
    let fitted = sizes_held
        .iter()
        .zip(&gaps_held)
        .map(|(s, g)| factor * s / if *g == 0.0 { 1.0 } else { *g })
        .collect();
    (factor * level, fitted)
}

/// Expands per-event fits to per-period fits (statsforecast's `expand_fitted_*`): after an
/// event the next event's fit applies; before the first, `before(previous value)`.
fn hold(
    y: &[f64],
    path: &[f64],
    event: impl Fn(f64) -> bool,
    before: impl Fn(f64) -> f64,
) -> Vec<f64> {
    let mut out = vec![f64::NAN; y.len()];
    let mut k = 0;
    for i in 1..y.len() {
        if event(y[i - 1]) {
            k += 1;
            out[i] = path.get(k).copied().unwrap_or(f64::NAN);
        } else if k > 0 {
            out[i] = out[i - 1];
        } else {
            out[i] = before(y[i - 1]);
        }
    }
    out
}

fn naive_fitted(y: &[f64]) -> Vec<f64> {
    let mut out = vec![f64::NAN; y.len()];
    out[1..].copy_from_slice(&y[..y.len() - 1]);
    out
}

fn croston_optimized(y: &[f64]) -> f64 {
    let demand = sizes(y);
    if demand.is_empty() {
        return y[y.len() - 1];
    }
    let size = ses::optimized_next(&demand);
    let gap = ses::optimized_next(&intervals(y));
    if gap == 0.0 { size } else { size / gap }
}

fn tsb(y: &[f64], alpha_d: f64, alpha_p: f64) -> (f64, Vec<f64>) {
    if y.iter().all(|&v| v == 0.0) {
        let mut fitted = vec![0.0; y.len()];
        fitted[0] = f64::NAN;
        return (0.0, fitted);
    }
    let occurrence: Vec<f64> = y.iter().map(|&v| f64::from(u8::from(v != 0.0))).collect();
    let demand = sizes(y);
    let (p, p_fits) = ses::forecast(&occurrence, alpha_p);
    let (d, d_fits) = ses::forecast(&demand, alpha_d);
    let mut d_path = d_fits;
    d_path.push(d);
    let d_held = hold(y, &d_path, |v| v > 0.0, |prev| prev);
    let fitted = p_fits.iter().zip(&d_held).map(|(a, b)| a * b).collect();
    (p * d, fitted)
}

/// Mean interval between demands, rounded half to even as Python's `round`.
fn mean_interval(y: &[f64]) -> usize {
    let gaps = intervals(y);
    let mean = gaps.iter().sum::<f64>() / gaps.len() as f64;
    (mean.round_ties_even() as usize).max(1)
}

/// Optimised-SES forecast of the sums of `level`-period buckets aligned to the series' end.
fn bucket_forecast(y: &[f64], level: usize) -> f64 {
    let cut = &y[y.len() % level..];
    let sums: Vec<f64> = cut.chunks_exact(level).map(|c| c.iter().sum()).collect();
    if sums.is_empty() {
        return 0.0;
    }
    ses::optimized_next(&sums)
}

fn adida(y: &[f64]) -> f64 {
    if y.iter().all(|&v| v == 0.0) {
        return 0.0;
    }
    let level = mean_interval(y);
    bucket_forecast(y, level) / level as f64
}

fn imapa(y: &[f64]) -> f64 {
    if y.iter().all(|&v| v == 0.0) {
        return 0.0;
    }
    let top = mean_interval(y);
    (1..=top)
        .map(|level| bucket_forecast(y, level) / level as f64)
        .sum::<f64>()
        / top as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn hand_worked_croston() {
        // Sizes 3, 4, 2; intervals 2, 3, 2. SES(0.1): sizes 3 → 3 → 3.1 → 2.99;
        // intervals 2 → 2 → 2.1 → 2.09. Forecast 2.99 / 2.09.
        let y = [0.0, 3.0, 0.0, 0.0, 4.0, 0.0, 2.0];
        let f = fit(&y, Intermittent::CrostonClassic).unwrap();
        assert!((f.level - 2.99 / 2.09).abs() < 1e-12, "{}", f.level);
        let sba = fit(&y, Intermittent::CrostonSba).unwrap();
        assert!((sba.level - 0.95 * f.level).abs() < 1e-12);
        assert_eq!(intervals(&y), [2.0, 3.0, 2.0]);
    }

    #[test]
    fn no_demand_and_bad_input() {
        let zeros = [0.0; 6];
        assert_eq!(
            fit(&zeros, Intermittent::CrostonClassic).unwrap().level,
            0.0
        );
        for m in [
            Intermittent::Adida,
            Intermittent::Imapa,
            Intermittent::Tsb {
                alpha_d: 0.1,
                alpha_p: 0.1,
            },
        ] {
            assert_eq!(fit(&zeros, m).unwrap().level, 0.0);
        }
        let e = fit(&[1.0, -2.0], Intermittent::Adida).unwrap_err();
        assert!(e.to_string().starts_with("y[1] = -2"), "{e}");
        assert!(fit(&[1.0, f64::NAN], Intermittent::Adida).is_err());
        assert!(fit(&[], Intermittent::Adida).is_err());
        assert!(
            fit(
                &[1.0],
                Intermittent::Tsb {
                    alpha_d: 1.5,
                    alpha_p: 0.1
                }
            )
            .is_err()
        );
        let f = fit(&[0.0, 2.0], Intermittent::Imapa).unwrap();
        assert!(f.forecast(2, &[0.9]).is_err() && f.forecast(0, &[]).is_err());
    }

    #[test]
    fn adida_rounds_like_python() {
        // Intervals 2, 3 → mean 2.5 → 2 (half to even).
        assert_eq!(mean_interval(&[0.0, 1.0, 0.0, 0.0, 1.0]), 2);
        // Intervals 3, 4 → 3.5 → 4.
        assert_eq!(mean_interval(&[0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0]), 4);
    }

    proptest! {
        #[test]
        fn forecasts_are_finite_non_negative_and_bounded(y in prop::collection::vec(prop_oneof![Just(0.0), 0.0f64..50.0], 1..80)) {
            let max = y.iter().copied().fold(0.0, f64::max);
            for m in [Intermittent::CrostonClassic, Intermittent::CrostonSba, Intermittent::CrostonOptimized,
                      Intermittent::Tsb { alpha_d: 0.2, alpha_p: 0.1 }, Intermittent::Adida, Intermittent::Imapa] {
                let f = fit(&y, m).unwrap();
                prop_assert!(f.level.is_finite() && f.level >= 0.0 && f.level <= max + 1e-9, "{m:?}: {}", f.level);
                prop_assert_eq!(f.fitted().len(), y.len());
            }
        }
    }
}

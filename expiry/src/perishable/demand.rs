//! Demand per period as a pmf on 0..=dmax, with the Poisson and discretised-gamma builders.

use flowcast_core::special::gamma_p;
use flowcast_core::{ErrorCode, ValidationError, check};

use crate::error::Result;

/// Most demand values a pmf may have (0..=dmax).
const MAX_POINTS: usize = 100_000_000;
/// A Poisson pmf stops where a term falls below this fraction of the mode's (the rest of the
/// tail, under 1e-17 of the mass, is dropped and the pmf renormalised).
const POISSON_CUTOFF: f64 = 1e-18;
/// Largest Poisson mean accepted.
const MAX_POISSON_MEAN: f64 = 1e7;

/// Demand per period: probabilities of 0, 1, …, dmax units, summing to 1.
///
/// ```
/// use flowcast_expiry::perishable::DemandPmf;
/// let d = DemandPmf::new(vec![0.25, 0.5, 0.25])?;
/// assert_eq!(d.max_demand(), 2);
/// assert!((d.mean() - 1.0).abs() < 1e-15);
/// assert!((DemandPmf::poisson(4.0)?.mean() - 4.0).abs() < 1e-12);
/// # Ok::<(), flowcast_expiry::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct DemandPmf {
    pmf: Vec<f64>,
}

impl DemandPmf {
    /// A pmf from its probabilities (index = units demanded). They are rescaled to sum to
    /// exactly 1 and trailing zeros are dropped.
    ///
    /// # Errors
    /// An empty pmf, a negative or non-finite probability (`pmf[i]`), probabilities that do
    /// not sum to 1 within 1e-9, or more than 10⁸ values.
    pub fn new(pmf: Vec<f64>) -> Result<Self> {
        check::non_empty("pmf", pmf.len())?;
        if pmf.len() > MAX_POINTS {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "pmf",
                format!("{} values", pmf.len()),
                "must have at most 100000000 values",
            )
            .into());
        }
        for (i, &p) in pmf.iter().enumerate() {
            check::non_negative("pmf", p).map_err(|e| e.at(i))?;
        }
        let total: f64 = pmf.iter().sum();
        if (total - 1.0).abs() > 1e-9 {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "pmf",
                format!("sum {total}"),
                "probabilities must sum to 1 (within 1e-9)",
            )
            .into());
        }
        Ok(Self::normalised(pmf))
    }

    /// Rescales to sum 1 and trims trailing zeros; `pmf` is non-negative with a positive sum.
    fn normalised(mut pmf: Vec<f64>) -> Self {
        let total: f64 = pmf.iter().sum();
        for p in &mut pmf {
            *p /= total;
        }
        let last = pmf.iter().rposition(|&p| p > 0.0).unwrap_or(0);
        pmf.truncate(last + 1);
        Self { pmf }
    }

    /// Poisson demand with this mean (> 0, at most 10⁷). The pmf runs until the terms fall
    /// below 1e-18 of the mode's; the dropped tail (under 1e-17) is renormalised away.
    ///
    /// # Errors
    /// A mean that is not finite, not positive or above 10⁷ (`demand_mean`).
    pub fn poisson(mean: f64) -> Result<Self> {
        check::positive("demand_mean", mean)?;
        if mean > MAX_POISSON_MEAN {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "demand_mean",
                mean,
                "must be at most 10000000",
            )
            .into());
        }
        // Weights relative to the mode, by the recurrences p(k ± 1) = p(k)·λ/(k + 1) and
        // p(k)·k/λ outward from it; normalising removes the mode's own value.
        let mode = mean.floor() as usize;
        let mut up = Vec::new();
        let mut w = 1.0;
        let mut k = mode;
        while w >= POISSON_CUTOFF {
            k += 1;
            w *= mean / k as f64;
            up.push(w);
        }
        let mut pmf = vec![0.0; mode + 1 + up.len()];
        let mut w = 1.0;
        pmf[mode] = 1.0;
        for k in (1..=mode).rev() {
            w *= k as f64 / mean;
            if w < 1e-300 {
                break;
            }
            pmf[k - 1] = w;
        }
        pmf[mode + 1..].copy_from_slice(&up);
        Ok(Self::normalised(pmf))
    }

    /// A gamma variable with this mean and coefficient of variation, rounded to the nearest
    /// integer and capped at `max_demand`, as De Moor et al. (2022) and viso_jax discretise it:
    /// P(0) = F(½), P(k) = F(k + ½) − F(k − ½) for 1 ≤ k ≤ max_demand, and the mass above
    /// max_demand + ½ added to P(max_demand). F is the gamma cdf with shape 1/CoV² and scale
    /// mean·CoV².
    ///
    /// ```
    /// use flowcast_expiry::perishable::DemandPmf;
    /// let d = DemandPmf::gamma_rounded(4.0, 0.5, 100)?;
    /// assert!((d.mean() - 4.0).abs() < 0.05);
    /// # Ok::<(), flowcast_expiry::Error>(())
    /// ```
    ///
    /// # Errors
    /// A mean or CoV that is not finite and positive, or `max_demand` of 0 or above 10⁸.
    pub fn gamma_rounded(mean: f64, cov: f64, max_demand: u32) -> Result<Self> {
        check::positive("gamma_mean", mean)?;
        check::positive("gamma_cov", cov)?;
        if max_demand == 0 || max_demand as usize >= MAX_POINTS {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "max_demand",
                max_demand,
                "must be between 1 and 99999999",
            )
            .into());
        }
        let shape = 1.0 / (cov * cov);
        let scale = mean * cov * cov;
        if !(shape.is_finite() && scale.is_finite() && scale > 0.0) {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "gamma_cov",
                cov,
                "gives a gamma shape or scale that cannot be represented",
            )
            .into());
        }
        let cdf = |x: f64| gamma_p(shape, x / scale);
        let mut pmf = Vec::with_capacity(max_demand as usize + 1);
        let mut below = cdf(0.5);
        pmf.push(below);
        for k in 1..=max_demand {
            let upper = cdf(f64::from(k) + 0.5);
            pmf.push(upper - below);
            below = upper;
        }
        let total: f64 = pmf.iter().sum();
        let last = pmf.len() - 1;
        pmf[last] = (pmf[last] + 1.0 - total).max(0.0);
        if pmf.iter().any(|p| !p.is_finite()) || pmf.iter().sum::<f64>() <= 0.0 {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "gamma_cov",
                cov,
                "gives a gamma distribution whose cdf cannot be evaluated",
            )
            .into());
        }
        Ok(Self::normalised(pmf))
    }

    /// The probabilities of 0..=dmax units.
    pub fn probabilities(&self) -> &[f64] {
        &self.pmf
    }

    /// The largest demand with positive probability, dmax.
    pub fn max_demand(&self) -> usize {
        self.pmf.len() - 1
    }

    /// Mean demand per period.
    pub fn mean(&self) -> f64 {
        self.pmf
            .iter()
            .enumerate()
            .rev()
            .map(|(d, p)| d as f64 * p)
            .sum()
    }

    /// Variance of demand per period.
    pub fn variance(&self) -> f64 {
        let mean = self.mean();
        self.pmf
            .iter()
            .enumerate()
            .map(|(d, p)| (d as f64 - mean).powi(2) * p)
            .sum()
    }

    /// Checks the invariants (they hold for every value built by the constructors; this guards
    /// against a pmf changed by other code in this crate).
    pub(crate) fn validate(&self) -> Result<()> {
        check::non_empty("pmf", self.pmf.len())?;
        Ok(())
    }

    /// P(D ≥ a) for a = 0..=dmax + 1, summed from the top so the tail keeps its accuracy.
    pub(crate) fn tail(&self) -> Vec<f64> {
        let mut tail = vec![0.0; self.pmf.len() + 1];
        for a in (0..self.pmf.len()).rev() {
            tail[a] = tail[a + 1] + self.pmf[a];
        }
        tail
    }

    /// E[(D − a)⁺] for a = 0..=dmax + 1 (the expected demand lost with `a` units on hand).
    pub(crate) fn loss(&self, tail: &[f64]) -> Vec<f64> {
        let mut loss = vec![0.0; tail.len()];
        for a in (0..tail.len() - 1).rev() {
            loss[a] = loss[a + 1] + tail[a + 1];
        }
        loss
    }

    /// Cumulative probabilities for sampling by inversion (the last is exactly 1).
    pub(crate) fn cdf(&self) -> Vec<f64> {
        let mut acc = 0.0;
        let mut cdf: Vec<f64> = self
            .pmf
            .iter()
            .map(|p| {
                acc += p;
                acc
            })
            .collect();
        if let Some(last) = cdf.last_mut() {
            *last = 1.0;
        }
        cdf
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;

    fn code(r: Result<DemandPmf>) -> ErrorCode {
        match r.unwrap_err() {
            Error::Invalid(e) => e.code,
        }
    }

    #[test]
    fn poisson_matches_the_closed_form() {
        let d = DemandPmf::poisson(3.0).unwrap();
        let p = d.probabilities();
        for (k, &pk) in p.iter().enumerate().take(15) {
            let exact =
                (-3.0f64).exp() * 3f64.powi(k as i32) / (1..=k).map(|i| i as f64).product::<f64>();
            assert!((pk - exact).abs() < 1e-15, "{k}: {pk} vs {exact}");
        }
        assert!((d.mean() - 3.0).abs() < 1e-13);
        assert!((d.variance() - 3.0).abs() < 1e-12);
        let big = DemandPmf::poisson(2000.0).unwrap();
        assert!((big.mean() - 2000.0).abs() < 1e-8);
        assert!((big.variance() - 2000.0).abs() < 1e-6);
    }

    #[test]
    fn gamma_rounding_follows_viso_jax() {
        let d = DemandPmf::gamma_rounded(4.0, 0.5, 100).unwrap();
        let p = d.probabilities();
        // Shape 4, scale 1: P(0) = F(0.5), P(1) = F(1.5) − F(0.5).
        assert!((p[0] - gamma_p(4.0, 0.5)).abs() < 1e-15);
        assert!((p[1] - (gamma_p(4.0, 1.5) - gamma_p(4.0, 0.5))).abs() < 1e-15);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-15);
        let capped = DemandPmf::gamma_rounded(4.0, 0.5, 5).unwrap();
        assert!((capped.probabilities()[5] - (1.0 - gamma_p(4.0, 4.5))).abs() < 1e-14);
    }

    #[test]
    fn tail_loss_and_cdf() {
        let d = DemandPmf::new(vec![0.2, 0.3, 0.5]).unwrap();
        let tail = d.tail();
        assert_eq!(tail.len(), 4);
        assert!((tail[1] - 0.8).abs() < 1e-15 && tail[3] == 0.0);
        let loss = d.loss(&tail);
        assert!((loss[0] - d.mean()).abs() < 1e-15);
        assert!((loss[1] - 0.5).abs() < 1e-15);
        assert_eq!(*d.cdf().last().unwrap(), 1.0);
    }

    #[test]
    fn rejects_bad_pmfs() {
        assert_eq!(code(DemandPmf::new(vec![])), ErrorCode::Empty);
        assert_eq!(code(DemandPmf::new(vec![0.5, 0.4])), ErrorCode::OutOfRange);
        assert_eq!(code(DemandPmf::new(vec![1.5, -0.5])), ErrorCode::Negative);
        assert_eq!(
            code(DemandPmf::new(vec![f64::NAN, 1.0])),
            ErrorCode::NotFinite
        );
        assert_eq!(code(DemandPmf::poisson(f64::NAN)), ErrorCode::NotFinite);
        assert_eq!(code(DemandPmf::poisson(0.0)), ErrorCode::NotPositive);
        assert_eq!(code(DemandPmf::poisson(1e9)), ErrorCode::OutOfRange);
        assert_eq!(
            code(DemandPmf::gamma_rounded(4.0, 0.5, 0)),
            ErrorCode::OutOfRange
        );
        assert_eq!(
            code(DemandPmf::gamma_rounded(-4.0, 0.5, 9)),
            ErrorCode::NotPositive
        );
        assert_eq!(DemandPmf::new(vec![0.5, 0.5, 0.0]).unwrap().max_demand(), 1);
    }
}

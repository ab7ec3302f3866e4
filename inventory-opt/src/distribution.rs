//! Demand distributions with closed-form (or finite-sum) loss functions.
//!
//! Parameterisations follow Snyder & Shen, *Fundamentals of Supply Chain Theory*, and stockpyl:
//! the exponential takes its rate, the gamma a shape and a scale, the geometric counts trials up
//! to the first success (support 1, 2, …), the negative binomial counts failures before the r-th
//! success (support 0, 1, …; r may be fractional, as when fitted from a mean and standard
//! deviation).

use flowcast_core::special::{beta_i, gamma_p, gamma_q, ln_gamma};
use flowcast_core::{ErrorCode, ValidationError, check, normal};

use crate::error::Result;

/// A distribution of demand (or of any quantity whose overshoot a loss function measures).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Distribution {
    /// N(mean, sd²), sd > 0.
    Normal {
        /// Mean.
        mean: f64,
        /// Standard deviation, > 0.
        sd: f64,
    },
    /// e^Y with Y ~ N(mu, sigma²), sigma > 0.
    Lognormal {
        /// Mean of the logarithm.
        mu: f64,
        /// Standard deviation of the logarithm, > 0.
        sigma: f64,
    },
    /// Exponential with rate > 0 (mean 1/rate).
    Exponential {
        /// Rate, > 0.
        rate: f64,
    },
    /// Gamma with shape > 0 and scale > 0 (mean shape·scale).
    Gamma {
        /// Shape a, > 0.
        shape: f64,
        /// Scale b, > 0.
        scale: f64,
    },
    /// Uniform on [low, high], low < high.
    Uniform {
        /// Lower end.
        low: f64,
        /// Upper end, > low.
        high: f64,
    },
    /// Poisson with mean > 0.
    Poisson {
        /// Mean, > 0.
        mean: f64,
    },
    /// Trials up to and including the first success, success probability p in (0, 1].
    Geometric {
        /// Success probability.
        p: f64,
    },
    /// Failures before the r-th success, r > 0, success probability p in (0, 1).
    NegativeBinomial {
        /// Number of successes (may be fractional), > 0.
        r: f64,
        /// Success probability.
        p: f64,
    },
    /// Any distribution on whole numbers, given as (value, probability) pairs.
    Discrete(Pmf),
}

/// A probability mass function on whole numbers: sorted, distinct values with their
/// probabilities (non-negative, summing to 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Pmf {
    points: Vec<(f64, f64)>,
}

/// How far a pmf's probabilities may sum from 1 (rounding in published tables).
const PMF_SUM_TOLERANCE: f64 = 1e-6;

impl Pmf {
    /// A pmf from (value, probability) pairs in any order.
    ///
    /// # Errors
    /// An empty pmf, a value that is not a whole number, a repeated value, a negative or
    /// non-finite probability, or probabilities that do not sum to 1 (within 1e-6).
    pub fn new(points: impl IntoIterator<Item = (f64, f64)>) -> Result<Self> {
        let mut points: Vec<(f64, f64)> = points.into_iter().collect();
        check::non_empty("pmf", points.len())?;
        for &(value, prob) in &points {
            whole("pmf value", value)?;
            check::non_negative("pmf probability", prob)?;
        }
        points.sort_by(|a, b| a.0.total_cmp(&b.0));
        if let Some(w) = points.windows(2).find(|w| w[0].0 == w[1].0) {
            let e =
                ValidationError::new(ErrorCode::OutOfRange, "pmf value", w[0].0, "appears twice");
            return Err(e.into());
        }
        let total: f64 = points.iter().map(|p| p.1).sum();
        if (total - 1.0).abs() > PMF_SUM_TOLERANCE {
            let e = ValidationError::new(
                ErrorCode::OutOfRange,
                "pmf",
                format!("probabilities summing to {total}"),
                "must sum to 1",
            );
            return Err(e.into());
        }
        Ok(Self { points })
    }

    /// The (value, probability) pairs, by increasing value.
    pub fn points(&self) -> &[(f64, f64)] {
        &self.points
    }
}

/// `value` must be a whole number.
pub(crate) fn whole(field: &'static str, value: f64) -> Result<f64> {
    if check::finite(field, value)?.fract() == 0.0 {
        Ok(value)
    } else {
        Err(ValidationError::new(
            ErrorCode::OutOfRange,
            field,
            value,
            "must be a whole number",
        )
        .into())
    }
}

impl Distribution {
    /// A negative binomial with the given mean and standard deviation (requires variance > mean):
    /// r = μ²/(σ² − μ), p = μ/σ².
    ///
    /// # Errors
    /// A non-positive mean or sd, or a variance not above the mean.
    pub fn negative_binomial_from_moments(mean: f64, sd: f64) -> Result<Self> {
        let mean = check::positive("mean", mean)?;
        let sd = check::positive("sd", sd)?;
        let var = sd * sd;
        if var <= mean {
            let e = ValidationError::new(
                ErrorCode::OutOfRange,
                "sd",
                sd,
                "must have sd² above the mean for a negative binomial",
            );
            return Err(e.into());
        }
        Ok(Self::NegativeBinomial {
            r: mean * mean / (var - mean),
            p: 1.0 - (var - mean) / var,
        })
    }

    /// Checks the parameters.
    ///
    /// # Errors
    /// The first parameter out of its domain, named as in the variant.
    pub fn validate(&self) -> Result<()> {
        match *self {
            Self::Normal { mean, sd } => {
                check::finite("mean", mean)?;
                check::positive("sd", sd)?;
            }
            Self::Lognormal { mu, sigma } => {
                check::finite("mu", mu)?;
                check::positive("sigma", sigma)?;
            }
            Self::Exponential { rate } => {
                check::positive("rate", rate)?;
            }
            Self::Gamma { shape, scale } => {
                check::positive("shape", shape)?;
                check::positive("scale", scale)?;
            }
            Self::Uniform { low, high } => {
                check::finite("low", low)?;
                check::greater_than("high", high, low, "must be greater than low")?;
            }
            Self::Poisson { mean } => {
                check::positive("mean", mean)?;
            }
            Self::Geometric { p } => {
                if !(check::finite("p", p)? > 0.0 && p <= 1.0) {
                    return Err(ValidationError::new(
                        ErrorCode::OutOfRange,
                        "p",
                        p,
                        "must be in (0, 1]",
                    )
                    .into());
                }
            }
            Self::NegativeBinomial { r, p } => {
                check::positive("r", r)?;
                check::open_unit("p", p)?;
            }
            Self::Discrete(_) => {}
        }
        Ok(())
    }

    /// Whether the support is whole numbers (so loss functions take whole x).
    pub fn is_discrete(&self) -> bool {
        matches!(
            self,
            Self::Poisson { .. }
                | Self::Geometric { .. }
                | Self::NegativeBinomial { .. }
                | Self::Discrete(_)
        )
    }

    /// Mean (parameters assumed valid).
    pub fn mean(&self) -> f64 {
        match *self {
            Self::Normal { mean, .. } => mean,
            Self::Lognormal { mu, sigma } => (mu + 0.5 * sigma * sigma).exp(),
            Self::Exponential { rate } => 1.0 / rate,
            Self::Gamma { shape, scale } => shape * scale,
            Self::Uniform { low, high } => 0.5 * (low + high),
            Self::Poisson { mean } => mean,
            Self::Geometric { p } => 1.0 / p,
            Self::NegativeBinomial { r, p } => r * (1.0 - p) / p,
            Self::Discrete(ref pmf) => pmf.points.iter().map(|&(x, f)| x * f).sum(),
        }
    }

    /// Variance (parameters assumed valid).
    pub fn variance(&self) -> f64 {
        match *self {
            Self::Normal { sd, .. } => sd * sd,
            Self::Lognormal { mu, sigma } => {
                let s2 = sigma * sigma;
                (s2.exp() - 1.0) * (2.0 * mu + s2).exp()
            }
            Self::Exponential { rate } => 1.0 / (rate * rate),
            Self::Gamma { shape, scale } => shape * scale * scale,
            Self::Uniform { low, high } => (high - low) * (high - low) / 12.0,
            Self::Poisson { mean } => mean,
            Self::Geometric { p } => (1.0 - p) / (p * p),
            Self::NegativeBinomial { r, p } => r * (1.0 - p) / (p * p),
            Self::Discrete(ref pmf) => {
                let m = self.mean();
                pmf.points.iter().map(|&(x, f)| (x - m) * (x - m) * f).sum()
            }
        }
    }

    /// The α-quantile: the smallest x with P(X ≤ x) ≥ α (for continuous families, F(x) = α).
    ///
    /// ```
    /// use flowcast_inventory::Distribution;
    /// assert_eq!(Distribution::Poisson { mean: 50.0 }.quantile(0.795_454_545)?, 56.0);
    /// let s = Distribution::Lognormal { mu: 6.0, sigma: 0.3 }.quantile(0.1765 / 1.1765)?;
    /// assert!((s - 295.626_644_807).abs() < 1e-6);
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    ///
    /// # Errors
    /// Invalid parameters, or α outside (0, 1).
    pub fn quantile(&self, alpha: f64) -> Result<f64> {
        self.validate()?;
        let a = check::open_unit("quantile", alpha)?;
        Ok(match *self {
            Self::Normal { mean, sd } => mean + sd * normal::quantile(a),
            Self::Lognormal { mu, sigma } => (mu + sigma * normal::quantile(a)).exp(),
            Self::Exponential { rate } => -(-a).ln_1p() / rate,
            Self::Uniform { low, high } => low + a * (high - low),
            Self::Gamma { shape, scale } => scale * gamma_quantile(shape, a),
            Self::Geometric { p } if p >= 1.0 => 1.0,
            Self::Geometric { p } => {
                // F(k) = 1 − (1 − p)^k ≥ α ⇔ k ≥ ln(1 − α)/ln(1 − p); guard the rounding at the edge.
                let k = ((-a).ln_1p() / (-p).ln_1p()).ceil().max(1.0);
                if self.cdf(k - 1.0) >= a { k - 1.0 } else { k }
            }
            Self::Poisson { .. } | Self::NegativeBinomial { .. } => self.discrete_quantile(a),
            Self::Discrete(ref pmf) => {
                let mut total = 0.0;
                let mut chosen = pmf.points[pmf.points.len() - 1].0;
                for &(x, f) in &pmf.points {
                    total += f;
                    if total >= a {
                        chosen = x;
                        break;
                    }
                }
                chosen
            }
        })
    }

    /// Smallest whole k ≥ 0 with F(k) ≥ α, searched from a normal approximation.
    fn discrete_quantile(&self, a: f64) -> f64 {
        let guess = (self.mean() + self.variance().sqrt() * normal::quantile(a))
            .floor()
            .max(0.0);
        let mut k = guess;
        if self.cdf(k) >= a {
            while k > 0.0 && self.cdf(k - 1.0) >= a {
                k -= 1.0;
            }
        } else {
            while self.cdf(k) < a {
                k += 1.0;
            }
        }
        k
    }

    /// Probability mass at whole number `k` (discrete families; 0 off the support).
    pub(crate) fn pmf(&self, k: f64) -> f64 {
        match *self {
            Self::Poisson { mean } if k >= 0.0 => (k * mean.ln() - mean - ln_gamma(k + 1.0)).exp(),
            Self::Geometric { p } if k >= 1.0 => p * (1.0 - p).powf(k - 1.0),
            Self::NegativeBinomial { r, p } if k >= 0.0 => {
                (ln_gamma(k + r) - ln_gamma(r) - ln_gamma(k + 1.0)
                    + r * p.ln()
                    + k * (1.0 - p).ln())
                .exp()
            }
            Self::Discrete(ref pmf) => pmf
                .points
                .iter()
                .find(|pt| pt.0 == k)
                .map_or(0.0, |pt| pt.1),
            _ => 0.0,
        }
    }

    /// P(X ≤ k) at whole number `k` (discrete families).
    pub(crate) fn cdf(&self, k: f64) -> f64 {
        match *self {
            Self::Poisson { mean } if k >= 0.0 => gamma_q(k + 1.0, mean),
            Self::Geometric { p } if k >= 1.0 => 1.0 - (1.0 - p).powf(k),
            Self::NegativeBinomial { r, p } if k >= 0.0 => beta_i(r, k + 1.0, p),
            Self::Discrete(ref pmf) => pmf
                .points
                .iter()
                .take_while(|pt| pt.0 <= k)
                .map(|pt| pt.1)
                .sum(),
            _ => 0.0,
        }
    }

    /// Density at x (continuous families) for the gamma, as its loss function needs.
    pub(crate) fn gamma_density(shape: f64, scale: f64, x: f64) -> f64 {
        if x <= 0.0 {
            return 0.0;
        }
        ((shape - 1.0) * x.ln() - x / scale - ln_gamma(shape) - shape * scale.ln()).exp()
    }

    /// Gamma cdf at x.
    pub(crate) fn gamma_cdf(shape: f64, scale: f64, x: f64) -> f64 {
        if x <= 0.0 {
            0.0
        } else {
            gamma_p(shape, x / scale)
        }
    }
}

/// x with P(a, x) = p (unit scale), by Newton steps on the regularized incomplete gamma from
/// the Wilson–Hilferty approximation, falling back to bisection if a step leaves the bracket.
fn gamma_quantile(a: f64, p: f64) -> f64 {
    let z = normal::quantile(p);
    let t = 1.0 - 1.0 / (9.0 * a) + z / (3.0 * a.sqrt());
    let mut x = (a * t * t * t).max(1e-300);
    let (mut lo, mut hi) = (0.0, f64::INFINITY);
    for _ in 0..200 {
        let f = gamma_p(a, x) - p;
        if f > 0.0 {
            hi = x
        } else {
            lo = x
        }
        let density = ((a - 1.0) * x.ln() - x - ln_gamma(a)).exp();
        let mut next = x - f / density;
        if !(next > lo && next < hi && next.is_finite()) {
            next = if hi.is_finite() {
                0.5 * (lo + hi)
            } else {
                2.0 * x.max(1.0)
            };
        }
        if (next - x).abs() <= 1e-14 * x.max(1e-300) {
            return next;
        }
        x = next;
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_and_masses_are_consistent() {
        let cases = [
            Distribution::Poisson { mean: 3.5 },
            Distribution::Geometric { p: 0.3 },
            Distribution::NegativeBinomial { r: 2.5, p: 0.4 },
            Distribution::Discrete(Pmf::new([(1.0, 0.2), (4.0, 0.5), (7.0, 0.3)]).unwrap()),
        ];
        for d in cases {
            d.validate().unwrap();
            let (mut total, mut mean, mut second) = (0.0, 0.0, 0.0);
            for k in 0..400 {
                let k = f64::from(k);
                let f = d.pmf(k);
                total += f;
                mean += k * f;
                second += k * k * f;
                assert!((d.cdf(k) - total).abs() < 1e-12, "{d:?} cdf({k})");
            }
            assert!((total - 1.0).abs() < 1e-12, "{d:?}");
            assert!((mean - d.mean()).abs() < 1e-9, "{d:?}");
            assert!((second - mean * mean - d.variance()).abs() < 1e-8, "{d:?}");
        }
    }

    #[test]
    fn quantiles_invert_the_cdf() {
        for a in [0.001, 0.1, 0.5, 0.795_454_545, 0.999] {
            for d in [
                Distribution::Poisson { mean: 50.0 },
                Distribution::Poisson { mean: 0.7 },
                Distribution::NegativeBinomial { r: 2.5, p: 0.3 },
                Distribution::Geometric { p: 0.2 },
            ] {
                let k = d.quantile(a).unwrap();
                assert!(
                    d.cdf(k) >= a && (k == 0.0 || d.cdf(k - 1.0) < a),
                    "{d:?} {a} -> {k}"
                );
            }
            for (shape, scale) in [(0.3, 2.0), (2.0, 3.0), (50.0, 0.1)] {
                let x = Distribution::Gamma { shape, scale }.quantile(a).unwrap();
                assert!(
                    (Distribution::gamma_cdf(shape, scale, x) - a).abs() < 1e-12,
                    "gamma {shape} {a}"
                );
            }
            let e = Distribution::Exponential { rate: 0.5 }.quantile(a).unwrap();
            assert!((1.0 - (-0.5 * e).exp() - a).abs() < 1e-14);
        }
        let pmf = Distribution::Discrete(
            Pmf::new([(1.0, 0.25), (2.0, 0.05), (3.0, 0.1), (4.0, 0.6)]).unwrap(),
        );
        assert_eq!(pmf.quantile(0.3).unwrap(), 2.0);
        assert_eq!(pmf.quantile(0.99).unwrap(), 4.0);
        assert!(pmf.quantile(1.0).is_err());
    }

    #[test]
    fn negative_binomial_from_moments_round_trips() {
        let d = Distribution::negative_binomial_from_moments(23.0, 8.0).unwrap();
        assert!((d.mean() - 23.0).abs() < 1e-12 && (d.variance() - 64.0).abs() < 1e-10);
        assert!(Distribution::negative_binomial_from_moments(23.0, 4.0).is_err());
    }

    #[test]
    fn bad_parameters_and_pmfs_are_named() {
        let e = Distribution::Gamma {
            shape: 2.0,
            scale: 0.0,
        }
        .validate()
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "scale = 0: must be greater than 0 [not_positive]"
        );
        let e = Distribution::Uniform {
            low: 3.0,
            high: 3.0,
        }
        .validate()
        .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("high = 3: must be greater than low")
        );
        assert!(Distribution::Geometric { p: 1.5 }.validate().is_err());
        assert!(
            Pmf::new([(1.5, 1.0)])
                .unwrap_err()
                .to_string()
                .contains("whole number")
        );
        assert!(
            Pmf::new([(1.0, 0.5), (1.0, 0.5)])
                .unwrap_err()
                .to_string()
                .contains("appears twice")
        );
        assert!(
            Pmf::new([(1.0, 0.5), (2.0, 0.4)])
                .unwrap_err()
                .to_string()
                .contains("must sum to 1")
        );
        assert!(Pmf::new([]).is_err());
    }
}

//! Loss functions of the standard normal distribution and their inverse.
//!
//! With Z standard normal, the first-order loss is G(z) = E[(Z − z)⁺] = φ(z) − z(1 − Φ(z)):
//! the expected shortfall per unit of standard deviation when a buffer of z standard deviations
//! is held. The second-order loss is G₂(z) = ½E[((Z − z)⁺)²]. Their complements are
//! Ḡ(z) = E[(z − Z)⁺] = G(−z) and Ḡ₂(z) = G₂(−z), computed through the symmetry so that no
//! cancellation occurs in the far tail. Conventions follow Snyder & Shen, *Fundamentals of
//! Supply Chain Theory*, ch. 4, and stockpyl's `loss_functions` module.
//!
//! These are pure functions: NaN in gives NaN out. The batch forms validate their inputs.

use flowcast_core::special::{beta_i, gamma_p, gamma_q};
use flowcast_core::{Column, ErrorCode, ValidationError, check, column::check_output, normal};

use crate::distribution::{Distribution, whole};
use crate::error::Result;

/// First-order standard normal loss G(z) = E[(Z − z)⁺].
///
/// ```
/// use flowcast_inventory::loss::standard_normal_loss;
/// assert!((standard_normal_loss(1.3) - 0.045_527_962_086_513_97).abs() < 1e-15);
/// ```
#[inline]
pub fn standard_normal_loss(z: f64) -> f64 {
    standard_normal_loss_pair(z).0
}

/// Complementary first-order loss Ḡ(z) = E[(z − Z)⁺] = z + G(z) = G(−z).
#[inline]
pub fn standard_normal_loss_complement(z: f64) -> f64 {
    standard_normal_loss_pair(z).1
}

/// (G(z), Ḡ(z)) from one evaluation of the tail and density at |z|.
///
/// With y = |z|: G(y) = φ(y) − y(1 − Φ(y)), where the upper tail keeps full relative accuracy
/// (so the difference loses only about log10(y²) digits), and G(−y) = y + G(y), a sum of
/// positive terms.
#[inline]
pub fn standard_normal_loss_pair(z: f64) -> (f64, f64) {
    let y = z.abs();
    let (tail, density) = normal::tail_and_density(y);
    let small = (density - y * tail).max(0.0);
    orient(z, small, y + small)
}

/// Second-order standard normal loss G₂(z) = ½E[((Z − z)⁺)²] = ½[(z² + 1)(1 − Φ(z)) − zφ(z)].
///
/// ```
/// use flowcast_inventory::loss::standard_normal_second_loss;
/// assert!((standard_normal_second_loss(1.3) - 0.018_807_066_936_571_11).abs() < 1e-15);
/// ```
#[inline]
pub fn standard_normal_second_loss(z: f64) -> f64 {
    standard_normal_second_loss_pair(z).0
}

/// Complementary second-order loss Ḡ₂(z) = ½E[((z − Z)⁺)²] = G₂(−z).
#[inline]
pub fn standard_normal_second_loss_complement(z: f64) -> f64 {
    standard_normal_second_loss_pair(z).1
}

/// (G₂(z), Ḡ₂(z)) from one evaluation at |z|, using G₂(y) + G₂(−y) = ½(y² + 1).
#[inline]
pub fn standard_normal_second_loss_pair(z: f64) -> (f64, f64) {
    let y = z.abs();
    let (tail, density) = normal::tail_and_density(y);
    let half_second_moment = 0.5 * (y * y + 1.0);
    let small = (half_second_moment * tail - 0.5 * y * density).max(0.0);
    orient(z, small, half_second_moment - small)
}

/// (loss, complement) at z from the values at |z|: the small one is the loss for z ≥ 0.
#[inline(always)]
fn orient(z: f64, small: f64, large: f64) -> (f64, f64) {
    if z >= 0.0 {
        (small, large)
    } else if z < 0.0 {
        (large, small)
    } else {
        (f64::NAN, f64::NAN)
    }
}

/// First-order loss of N(mean, sd²) at x: E[(X − x)⁺] = sd·G((x − mean)/sd).
#[inline]
pub fn normal_loss(x: f64, mean: f64, sd: f64) -> f64 {
    sd * standard_normal_loss((x - mean) / sd)
}

/// Second-order loss of N(mean, sd²) at x: ½E[((X − x)⁺)²] = sd²·G₂((x − mean)/sd).
#[inline]
pub fn normal_second_loss(x: f64, mean: f64, sd: f64) -> f64 {
    sd * sd * standard_normal_second_loss((x - mean) / sd)
}

/// The safety factor k with G(k) = `g`, for `g > 0` (NaN otherwise).
///
/// Solves f(k) = ln G(k) − ln g = 0, f concave and decreasing, with Halley steps (f′ = −Q/G,
/// f″ = (φG − Q²)/G², Q = 1 − Φ). The start −Φ⁻¹(g) = Φ⁻¹(1 − g) (for g < ½) or
/// 0.3989 − g (for larger g) lies right of the root, since G(k) ≤ 1 − Φ(k) for k ≥ 0 and
/// G(k) ≤ φ(0) − k for k ≤ 0; from there Newton's step alone converges monotonically, and is
/// taken whenever Halley's correction factor looks unreliable. Three steps reach full precision
/// from g = 1e-6 to g = 10.
///
/// ```
/// use flowcast_inventory::loss::{standard_normal_loss, standard_normal_loss_inverse};
/// let k = standard_normal_loss_inverse(0.01);
/// assert!((standard_normal_loss(k) - 0.01).abs() < 1e-15);
/// ```
pub fn standard_normal_loss_inverse(g: f64) -> f64 {
    if g.is_nan() || g <= 0.0 || g.is_infinite() {
        return f64::NAN;
    }
    let target = g.ln();
    let mut k = if g < 0.5 {
        -normal::quantile(g)
    } else {
        0.398_942_280_401_432_7 - g
    };
    for _ in 0..100 {
        let y = k.abs();
        let (upper, density) = normal::tail_and_density(y);
        let small = (density - y * upper).max(0.0);
        let (loss, tail) = if k >= 0.0 {
            (small, upper)
        } else {
            (y + small, 1.0 - upper)
        };
        if loss <= 0.0 {
            // Underflow: only for g below ~1e-300; step back towards the root.
            k *= 0.5;
            continue;
        }
        let f = loss.ln() - target;
        let slope = -tail / loss;
        let curvature = (density * loss - tail * tail) / (loss * loss);
        let newton = -f / slope;
        let correction = 1.0 - 0.5 * f * curvature / (slope * slope);
        let step = if (0.5..2.0).contains(&correction) {
            newton / correction
        } else {
            newton
        };
        k += step;
        // The error after a Halley step is of the order of step³: below 1e-7 it is negligible.
        if step.abs() <= 1e-7 * k.abs().max(1.0) {
            break;
        }
    }
    k
}

/// G(z) and Ḡ(z) for every row of `z`.
///
/// # Errors
/// A [`flowcast_core::ValidationError`] naming `z[i]` for a non-finite value, or a length
/// mismatch between `z` and the outputs.
pub fn standard_normal_loss_batch(
    z: &[f64],
    loss: &mut [f64],
    complement: &mut [f64],
) -> Result<()> {
    map_batch(z, loss, complement, standard_normal_loss_pair)
}

/// G₂(z) and Ḡ₂(z) for every row of `z`.
///
/// # Errors
/// As [`standard_normal_loss_batch`].
pub fn standard_normal_second_loss_batch(
    z: &[f64],
    loss: &mut [f64],
    complement: &mut [f64],
) -> Result<()> {
    map_batch(z, loss, complement, standard_normal_second_loss_pair)
}

/// [`standard_normal_loss_inverse`] for every row of `g`.
///
/// # Errors
/// A `g` that is not a finite positive number (indexed for per-row input), or a length
/// mismatch.
pub fn standard_normal_loss_inverse_into(g: Column<'_>, out: &mut [f64]) -> Result<()> {
    let columns = [("g", g)];
    let rows = Column::rows(&columns)?;
    check_output("out", out.len(), rows)?;
    for (i, slot) in out.iter_mut().enumerate() {
        let g = check::positive("g", g.get(i)).map_err(|e| Column::locate(e, i, &columns))?;
        *slot = standard_normal_loss_inverse(g);
    }
    Ok(())
}

/// First-order loss n(x) = E[(X − x)⁺] and its complement n̄(x) = E[(x − X)⁺] of
/// X ~ N(mean, sd²), for every row.
///
/// # Errors
/// A non-finite `x` or `mean`, a non-positive `sd` (field indexed for per-row inputs), or a
/// length mismatch.
pub fn normal_loss_batch(
    x: Column<'_>,
    mean: Column<'_>,
    sd: Column<'_>,
    loss: &mut [f64],
    complement: &mut [f64],
) -> Result<()> {
    normal_batch(x, mean, sd, loss, complement, |z, sd| {
        let (g, gbar) = standard_normal_loss_pair(z);
        (sd * g, sd * gbar)
    })
}

/// Second-order loss n₂(x) = ½E[((X − x)⁺)²] and its complement ½E[((x − X)⁺)²] of
/// X ~ N(mean, sd²), for every row.
///
/// # Errors
/// As [`normal_loss_batch`].
pub fn normal_second_loss_batch(
    x: Column<'_>,
    mean: Column<'_>,
    sd: Column<'_>,
    loss: &mut [f64],
    complement: &mut [f64],
) -> Result<()> {
    normal_batch(x, mean, sd, loss, complement, |z, sd| {
        let (g2, g2bar) = standard_normal_second_loss_pair(z);
        (sd * sd * g2, sd * sd * g2bar)
    })
}

fn normal_batch(
    x: Column<'_>,
    mean: Column<'_>,
    sd: Column<'_>,
    a: &mut [f64],
    b: &mut [f64],
    f: impl Fn(f64, f64) -> (f64, f64),
) -> Result<()> {
    let columns = [("x", x), ("mean", mean), ("sd", sd)];
    let rows = Column::rows(&columns)?;
    check_output("loss", a.len(), rows)?;
    check_output("complement", b.len(), rows)?;
    for i in 0..rows {
        let row = || -> std::result::Result<(f64, f64), ValidationError> {
            let x = check::finite("x", x.get(i))?;
            let mean = check::finite("mean", mean.get(i))?;
            let sd = check::positive("sd", sd.get(i))?;
            Ok(((x - mean) / sd, sd))
        };
        let (z, sd) = row().map_err(|e| Column::locate(e, i, &columns))?;
        (a[i], b[i]) = f(z, sd);
    }
    Ok(())
}

fn map_batch(z: &[f64], a: &mut [f64], b: &mut [f64], f: impl Fn(f64) -> (f64, f64)) -> Result<()> {
    let rows = Column::rows(&[("z", Column::Values(z))])?;
    check_output("loss", a.len(), rows)?;
    check_output("complement", b.len(), rows)?;
    for (i, ((&z, a), b)) in z.iter().zip(a.iter_mut()).zip(b.iter_mut()).enumerate() {
        check::finite("z", z).map_err(|e| e.at(i))?;
        (*a, *b) = f(z);
    }
    Ok(())
}

/// Which loss function: first order E[(X − x)⁺] or second order ½E[((X − x)⁺)²].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// n(x) = E[(X − x)⁺] and n̄(x) = E[(x − X)⁺].
    First,
    /// n₂(x) = ½E[((X − x)⁺)²] and n̄₂(x) = ½E[((x − X)⁺)²] (for discrete X:
    /// ½E[(X − x)(X − x − 1); X ≥ x] and ½E[(x − X)(x + 1 − X); X ≤ x]).
    Second,
}

impl Distribution {
    /// (n(x), n̄(x)): the expected amount by which X exceeds x, and by which x exceeds X.
    ///
    /// ```
    /// use flowcast_inventory::Distribution;
    /// let (n, n_bar) = Distribution::Poisson { mean: 15.0 }.loss(18.0)?;
    /// assert!((n - 0.517_609_528_258_472_4).abs() < 1e-12);
    /// assert!((n_bar - (18.0 - 15.0 + n)).abs() < 1e-12);
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    ///
    /// # Errors
    /// Invalid parameters; a non-finite x; x outside the family's domain (below 0 for the
    /// exponential, not above 0 for the gamma, outside [low, high] for the uniform); a
    /// fractional x for a discrete family.
    pub fn loss(&self, x: f64) -> Result<(f64, f64)> {
        self.loss_of_order(x, Order::First)
    }

    /// (n₂(x), n̄₂(x)), the second-order loss and its complement.
    ///
    /// # Errors
    /// As [`Distribution::loss`] (the gamma accepts x = 0 here).
    pub fn second_loss(&self, x: f64) -> Result<(f64, f64)> {
        self.loss_of_order(x, Order::Second)
    }

    /// First- or second-order loss and complement.
    ///
    /// # Errors
    /// As [`Distribution::loss`].
    pub fn loss_of_order(&self, x: f64, order: Order) -> Result<(f64, f64)> {
        self.validate()?;
        check::finite("x", x)?;
        if self.is_discrete() {
            whole("x", x)?;
        }
        let pair = match (self, order) {
            (&Self::Normal { mean, sd }, Order::First) => {
                let (g, gbar) = standard_normal_loss_pair((x - mean) / sd);
                (sd * g, sd * gbar)
            }
            (&Self::Normal { mean, sd }, Order::Second) => {
                let (g, gbar) = standard_normal_second_loss_pair((x - mean) / sd);
                (sd * sd * g, sd * sd * gbar)
            }
            (&Self::Lognormal { mu, sigma }, order) => lognormal(mu, sigma, x, order),
            (&Self::Exponential { rate }, order) => {
                domain(x >= 0.0, x, "must be at least 0 for an exponential")?;
                let (mean, var) = (self.mean(), self.variance());
                match order {
                    Order::First => {
                        let n = (-rate * x).exp() / rate;
                        (n, x - mean + n)
                    }
                    Order::Second => {
                        let n2 = (-rate * x).exp() / (rate * rate);
                        (n2, 0.5 * ((x - mean) * (x - mean) + var) - n2)
                    }
                }
            }
            (&Self::Gamma { shape, scale }, order) => gamma(shape, scale, x, order)?,
            (&Self::Uniform { low, high }, order) => {
                domain(
                    (low..=high).contains(&x),
                    x,
                    "must lie between low and high",
                )?;
                let w = high - low;
                match order {
                    Order::First => (
                        (high - x).powi(2) / (2.0 * w),
                        (x - low).powi(2) / (2.0 * w),
                    ),
                    Order::Second => (
                        (high - x).powi(3) / (6.0 * w),
                        (x - low).powi(3) / (6.0 * w),
                    ),
                }
            }
            (&Self::Poisson { mean }, order) => {
                let (f, cdf) = (self.pmf(x), self.cdf(x));
                // P(X > x) directly, so the upper tail keeps its relative accuracy.
                let sf = if x >= 0.0 {
                    gamma_p(x + 1.0, mean)
                } else {
                    1.0
                };
                let d = x - mean;
                match order {
                    Order::First => (-d * sf + mean * f, d * cdf + mean * f),
                    Order::Second => {
                        let a = d * d + x;
                        (
                            0.5 * (a * sf - mean * d * f),
                            0.5 * (a * cdf + mean * d * f),
                        )
                    }
                }
            }
            (&Self::Geometric { p }, order) => {
                let (mean, var) = (self.mean(), self.variance());
                let d = x - mean;
                match order {
                    Order::First => {
                        let n = if x >= 1.0 {
                            (1.0 - p) / p * (1.0 - p).powf(x - 1.0)
                        } else {
                            mean - x
                        };
                        (n, d + n)
                    }
                    Order::Second => {
                        let n2 = if x >= 1.0 {
                            ((1.0 - p) / p).powi(2) * (1.0 - p).powf(x - 1.0)
                        } else {
                            0.5 * (d * d - (-d) + var)
                        };
                        (n2, 0.5 * (d * d + d + var) - n2)
                    }
                }
            }
            (&Self::NegativeBinomial { r, p }, order) => {
                let (mean, var) = (self.mean(), self.variance());
                let beta = (1.0 - p) / p;
                let f = self.pmf(x);
                // P(X > x) = I_{1−p}(x + 1, r), accurate in the upper tail.
                let sf = if x >= 0.0 {
                    beta_i(x + 1.0, r, 1.0 - p)
                } else {
                    1.0
                };
                let d = x - mean;
                match order {
                    Order::First => {
                        let n = -(x - r * beta) * sf + (x + r) * beta * f;
                        (n, d + n)
                    }
                    Order::Second => {
                        let n2 = 0.5
                            * ((r * (r + 1.0) * beta * beta - 2.0 * r * beta * x + x * (x + 1.0))
                                * sf
                                + ((r + 1.0) * beta - x) * (x + r) * beta * f);
                        (n2, 0.5 * (d * d + d + var) - n2)
                    }
                }
            }
            (Self::Discrete(pmf), order) => {
                let pts = pmf.points();
                match order {
                    Order::First => (
                        pts.iter()
                            .filter(|pt| pt.0 >= x)
                            .map(|&(y, f)| (y - x) * f)
                            .sum(),
                        pts.iter()
                            .filter(|pt| pt.0 <= x)
                            .map(|&(y, f)| (x - y) * f)
                            .sum(),
                    ),
                    Order::Second => (
                        0.5 * pts
                            .iter()
                            .filter(|pt| pt.0 >= x)
                            .map(|&(y, f)| (y - x) * (y - x - 1.0) * f)
                            .sum::<f64>(),
                        0.5 * pts
                            .iter()
                            .filter(|pt| pt.0 <= x)
                            .map(|&(y, f)| (x - y) * (x + 1.0 - y) * f)
                            .sum::<f64>(),
                    ),
                }
            }
        };
        check::finite_result("loss", pair.0)?;
        check::finite_result("complement", pair.1)?;
        Ok(pair)
    }
}

fn domain(ok: bool, x: f64, reason: &'static str) -> Result<()> {
    if ok {
        Ok(())
    } else {
        Err(ValidationError::new(ErrorCode::OutOfRange, "x", x, reason).into())
    }
}

/// Lognormal losses from the partial moments E[Xᵏ; X > x] = e^(kμ + k²σ²/2) Φ(kσ − d),
/// d = (ln x − μ)/σ, each tail taken directly so neither side cancels.
fn lognormal(mu: f64, sigma: f64, x: f64, order: Order) -> (f64, f64) {
    let m1 = (mu + 0.5 * sigma * sigma).exp();
    if x <= 0.0 {
        // X > 0 ≥ x: all of X exceeds x.
        return match order {
            Order::First => (m1 - x, 0.0),
            Order::Second => {
                let m2 = (2.0 * mu + 2.0 * sigma * sigma).exp();
                (0.5 * (m2 - 2.0 * x * m1 + x * x), 0.0)
            }
        };
    }
    let d = (x.ln() - mu) / sigma;
    match order {
        Order::First => (
            m1 * normal::sf(d - sigma) - x * normal::sf(d),
            x * normal::cdf(d) - m1 * normal::cdf(d - sigma),
        ),
        Order::Second => {
            let m2 = (2.0 * mu + 2.0 * sigma * sigma).exp();
            let upper = m2 * normal::sf(d - 2.0 * sigma) - 2.0 * x * m1 * normal::sf(d - sigma)
                + x * x * normal::sf(d);
            let lower = x * x * normal::cdf(d) - 2.0 * x * m1 * normal::cdf(d - sigma)
                + m2 * normal::cdf(d - 2.0 * sigma);
            (0.5 * upper.max(0.0), 0.5 * lower.max(0.0))
        }
    }
}

/// Gamma losses from partial moments: E[X; X > x] = ab·Q(a + 1, x/b) and so on, each tail
/// taken directly from the regularized incomplete gamma.
fn gamma(a: f64, b: f64, x: f64, order: Order) -> Result<(f64, f64)> {
    match order {
        Order::First => {
            domain(x > 0.0, x, "must be greater than 0 for a gamma")?;
            let t = x / b;
            Ok((
                a * b * gamma_q(a + 1.0, t) - x * gamma_q(a, t),
                x * gamma_p(a, t) - a * b * gamma_p(a + 1.0, t),
            ))
        }
        Order::Second => {
            domain(x >= 0.0, x, "must be at least 0 for a gamma")?;
            let (f, cdf) = (
                Distribution::gamma_density(a, b, x),
                Distribution::gamma_cdf(a, b, x),
            );
            let u = a - x / b;
            let n2 = 0.5 * ((u * u + a) * (1.0 - cdf) + (u + 1.0) * x * f) * b * b;
            let (mean, var) = (a * b, a * b * b);
            Ok((n2, 0.5 * ((x - mean) * (x - mean) + var) - n2))
        }
    }
}

/// A distribution family whose parameters can vary per row of a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Family {
    /// Parameters (mean, sd).
    Normal,
    /// Parameters (mu, sigma).
    Lognormal,
    /// Parameter (rate).
    Exponential,
    /// Parameters (shape, scale).
    Gamma,
    /// Parameters (low, high).
    Uniform,
    /// Parameter (mean).
    Poisson,
    /// Parameter (p).
    Geometric,
    /// Parameters (r, p).
    NegativeBinomial,
    /// Parameters (mean, sd), fitted as r = μ²/(σ² − μ), p = μ/σ².
    NegativeBinomialMoments,
}

impl Family {
    /// Every family, for listing in messages.
    pub const ALL: [Family; 9] = [
        Self::Normal,
        Self::Lognormal,
        Self::Exponential,
        Self::Gamma,
        Self::Uniform,
        Self::Poisson,
        Self::Geometric,
        Self::NegativeBinomial,
        Self::NegativeBinomialMoments,
    ];

    /// The family's name in the bindings (`"negative_binomial"`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Normal => "normal",
            Self::Lognormal => "lognormal",
            Self::Exponential => "exponential",
            Self::Gamma => "gamma",
            Self::Uniform => "uniform",
            Self::Poisson => "poisson",
            Self::Geometric => "geometric",
            Self::NegativeBinomial => "negative_binomial",
            Self::NegativeBinomialMoments => "negative_binomial_moments",
        }
    }

    /// The family named `name`.
    ///
    /// # Errors
    /// An unknown name, listing the known ones.
    pub fn from_name(name: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|f| f.name() == name)
            .ok_or_else(|| {
                let known: Vec<&str> = Self::ALL.iter().map(|f| f.name()).collect();
                ValidationError::new(
                    ErrorCode::OutOfRange,
                    "distribution",
                    format!("{name:?}"),
                    format!("must be one of {}", known.join(", ")),
                )
                .into()
            })
    }

    /// The family's parameter names, in the order the batch takes them.
    pub fn parameters(self) -> &'static [&'static str] {
        match self {
            Self::Normal | Self::NegativeBinomialMoments => &["mean", "sd"],
            Self::Lognormal => &["mu", "sigma"],
            Self::Exponential => &["rate"],
            Self::Gamma => &["shape", "scale"],
            Self::Uniform => &["low", "high"],
            Self::Poisson => &["mean"],
            Self::Geometric => &["p"],
            Self::NegativeBinomial => &["r", "p"],
        }
    }

    /// The distribution with parameters `a` (and `b`, ignored for one-parameter families).
    ///
    /// # Errors
    /// Parameters out of the family's domain.
    pub fn with(self, a: f64, b: f64) -> Result<Distribution> {
        let d = match self {
            Self::Normal => Distribution::Normal { mean: a, sd: b },
            Self::Lognormal => Distribution::Lognormal { mu: a, sigma: b },
            Self::Exponential => Distribution::Exponential { rate: a },
            Self::Gamma => Distribution::Gamma { shape: a, scale: b },
            Self::Uniform => Distribution::Uniform { low: a, high: b },
            Self::Poisson => Distribution::Poisson { mean: a },
            Self::Geometric => Distribution::Geometric { p: a },
            Self::NegativeBinomial => Distribution::NegativeBinomial { r: a, p: b },
            Self::NegativeBinomialMoments => {
                return Distribution::negative_binomial_from_moments(a, b);
            }
        };
        d.validate()?;
        Ok(d)
    }
}

/// Loss and complement of `order` for every row: row i uses `family` with `parameters[j]`
/// (one column per name in [`Family::parameters`]) at `x[i]`.
///
/// ```
/// use flowcast_core::Column;
/// use flowcast_inventory::loss::{Family, Order, loss_into};
/// let x = [18.0, 20.0];
/// let (mut n, mut n_bar) = ([0.0; 2], [0.0; 2]);
/// loss_into(Family::Poisson, &[Column::Scalar(15.0)], Column::Values(&x), Order::First, &mut n, &mut n_bar)?;
/// assert!((n[0] - 0.517_609_528_258_472_4).abs() < 1e-12 && n[1] < n[0]);
/// # Ok::<(), flowcast_inventory::Error>(())
/// ```
///
/// # Errors
/// A wrong number of parameter columns, the first invalid row (indexed for per-row inputs), or
/// a length mismatch.
pub fn loss_into(
    family: Family,
    parameters: &[Column<'_>],
    x: Column<'_>,
    order: Order,
    loss: &mut [f64],
    complement: &mut [f64],
) -> Result<()> {
    let mut columns = crate::newsvendor::family_columns(family, parameters)?;
    columns.push(("x", x));
    let rows = Column::rows(&columns)?;
    check_output("loss", loss.len(), rows)?;
    check_output("complement", complement.len(), rows)?;
    for i in 0..rows {
        let a = parameters[0].get(i);
        let b = parameters.get(1).map_or(f64::NAN, |c| c.get(i));
        let pair = family
            .with(a, b)
            .and_then(|d| d.loss_of_order(x.get(i), order));
        (loss[i], complement[i]) = pair.map_err(|e| e.at_row(i, &columns))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn family_names_round_trip() {
        for f in Family::ALL {
            assert_eq!(Family::from_name(f.name()), Ok(f));
        }
        assert!(
            Family::from_name("weibull")
                .unwrap_err()
                .to_string()
                .contains("must be one of normal")
        );
    }

    #[test]
    fn domain_and_type_errors() {
        let e = Distribution::Exponential { rate: 0.2 }
            .loss(-1.0)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "x = -1: must be at least 0 for an exponential [out_of_range]"
        );
        assert!(
            Distribution::Gamma {
                shape: 2.0,
                scale: 3.0
            }
            .loss(0.0)
            .is_err()
        );
        assert!(
            Distribution::Gamma {
                shape: 2.0,
                scale: 3.0
            }
            .second_loss(0.0)
            .is_ok()
        );
        assert!(
            Distribution::Uniform {
                low: 2.0,
                high: 8.0
            }
            .loss(9.0)
            .is_err()
        );
        let e = Distribution::Poisson { mean: 3.0 }.loss(2.5).unwrap_err();
        assert_eq!(
            e.to_string(),
            "x = 2.5: must be a whole number [out_of_range]"
        );
        let e = Distribution::Poisson { mean: -3.0 }.loss(2.0).unwrap_err();
        assert!(e.to_string().starts_with("mean = -3"));
        let cols = [Column::Scalar(15.0), Column::Scalar(1.0)];
        let e = loss_into(
            Family::Poisson,
            &cols,
            Column::Scalar(1.0),
            Order::First,
            &mut [0.0],
            &mut [0.0],
        )
        .unwrap_err();
        assert!(e.to_string().contains("must be 1 for this family (mean)"));
        let x = [1.0, 1.5];
        let e = loss_into(
            Family::Poisson,
            &cols[..1],
            Column::Values(&x),
            Order::First,
            &mut [0.0; 2],
            &mut [0.0; 2],
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("x[1] = 1.5"));
    }

    #[test]
    fn known_values() {
        // G(0) = φ(0); the standard tables' G(2.33) is 0.003352 (some print 0.00352 by mistake).
        assert!((standard_normal_loss(0.0) - normal::FRAC_1_SQRT_2PI).abs() < 1e-16);
        assert!((standard_normal_loss(2.33) - 0.003_352_319_4).abs() < 1e-10);
        assert!((standard_normal_second_loss(0.0) - 0.25).abs() < 1e-16);
    }

    #[test]
    fn inverse_handles_the_whole_range() {
        for g in [
            1e-300, 1e-30, 1e-8, 1e-3, 0.1, 0.398, 0.4, 0.5, 1.0, 10.0, 1e6,
        ] {
            let k = standard_normal_loss_inverse(g);
            let back = standard_normal_loss(k);
            // G itself loses about log10(k²) digits to cancellation far out (k ≈ 37 at 1e-300).
            let tol = if g < 1e-100 { 1e-9 } else { 1e-12 };
            assert!(((back - g) / g).abs() < tol, "g={g} k={k} G(k)={back}");
        }
        assert!(standard_normal_loss_inverse(0.0).is_nan());
        assert!(standard_normal_loss_inverse(-1.0).is_nan());
        assert!(standard_normal_loss_inverse(f64::NAN).is_nan());
    }

    #[test]
    fn batch_rejects_nan_with_its_index() {
        let z = [0.0, f64::NAN];
        let (mut a, mut b) = ([0.0; 2], [0.0; 2]);
        let err = standard_normal_loss_batch(&z, &mut a, &mut b).unwrap_err();
        assert_eq!(
            err.to_string(),
            "z[1] = NaN: must be a finite number [not_finite]"
        );
        let err = standard_normal_loss_batch(&[], &mut [], &mut []).unwrap_err();
        assert!(err.to_string().contains("[empty]"));
    }

    fn continuous() -> impl Strategy<Value = Distribution> {
        prop_oneof![
            (-50.0f64..50.0, 0.1f64..20.0).prop_map(|(mean, sd)| Distribution::Normal { mean, sd }),
            (-1.0f64..3.0, 0.05f64..1.0)
                .prop_map(|(mu, sigma)| Distribution::Lognormal { mu, sigma }),
            (0.05f64..5.0).prop_map(|rate| Distribution::Exponential { rate }),
            (0.3f64..20.0, 0.1f64..5.0)
                .prop_map(|(shape, scale)| Distribution::Gamma { shape, scale }),
        ]
    }

    fn discrete() -> impl Strategy<Value = Distribution> {
        prop_oneof![
            (0.2f64..40.0).prop_map(|mean| Distribution::Poisson { mean }),
            (0.05f64..1.0).prop_map(|p| Distribution::Geometric { p }),
            (0.3f64..20.0, 0.1f64..0.9).prop_map(|(r, p)| Distribution::NegativeBinomial { r, p }),
        ]
    }

    proptest! {
        #[test]
        fn continuous_loss_identities(d in continuous(), q in 0.01f64..0.99) {
            // x at a quantile-ish point inside the support.
            let x = match d { Distribution::Normal { mean, sd } => mean + sd * normal::quantile(q), _ => d.mean() * 2.0 * q + 1e-3 };
            let (mean, var) = (d.mean(), d.variance());
            let (n, nbar) = d.loss(x).unwrap();
            prop_assert!(n >= 0.0 && nbar >= 0.0);
            prop_assert!((n - nbar - (mean - x)).abs() <= 1e-9 * (mean.abs() + x.abs() + 1.0));
            let (n2, n2bar) = d.second_loss(x).unwrap();
            let total = 0.5 * ((x - mean).powi(2) + var);
            prop_assert!((n2 + n2bar - total).abs() <= 1e-8 * total.max(1.0), "{n2} + {n2bar} vs {total}");
        }

        #[test]
        fn discrete_losses_equal_brute_force_sums(d in discrete(), k in -2i32..60) {
            let x = f64::from(k);
            let (mut n, mut nbar, mut n2, mut n2bar) = (0.0, 0.0, 0.0, 0.0);
            for y in 0..4000 {
                let y = f64::from(y);
                let f = d.pmf(y);
                if y >= x { n += (y - x) * f; n2 += 0.5 * (y - x) * (y - x - 1.0) * f; }
                if y <= x { nbar += (x - y) * f; n2bar += 0.5 * (x - y) * (x + 1.0 - y) * f; }
            }
            let (a, b) = d.loss(x).unwrap();
            let (c, e) = d.second_loss(x).unwrap();
            let tol = |v: f64| 1e-8 * v.abs().max(1.0);
            prop_assert!((a - n).abs() <= tol(n) && (b - nbar).abs() <= tol(nbar), "{d:?} x={x}: {a},{b} vs {n},{nbar}");
            prop_assert!((c - n2).abs() <= tol(n2) && (e - n2bar).abs() <= tol(n2bar), "{d:?} x={x}: {c},{e} vs {n2},{n2bar}");
        }

        #[test]
        fn loss_identities(z in -8.0f64..8.0) {
            let g = standard_normal_loss(z);
            let gbar = standard_normal_loss_complement(z);
            // G(z) − Ḡ(z) = −z, G ≥ max(0, −z), G decreasing and convex.
            prop_assert!((g - gbar + z).abs() < 1e-13);
            prop_assert!(g >= (-z).max(0.0) - 1e-15);
            prop_assert!(standard_normal_loss(z + 1e-3) <= g);
            let g2 = standard_normal_second_loss(z);
            let g2bar = standard_normal_second_loss_complement(z);
            prop_assert!((g2 + g2bar - 0.5 * (z * z + 1.0)).abs() < 1e-12);
        }

        #[test]
        fn inverse_round_trips(k in -20.0f64..8.0) {
            let g = standard_normal_loss(k);
            let back = standard_normal_loss_inverse(g);
            prop_assert!((back - k).abs() < 1e-9 * k.abs().max(1.0), "{k} -> {g} -> {back}");
        }
    }
}

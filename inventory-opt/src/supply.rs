//! Order quantities under supply uncertainty (Snyder & Shen ch. 9): a supplier that fails and
//! recovers at random, or delivers a random amount.
//!
//! - **Disruptions** (EOQD, Berk & Arreola 2006): the supplier fails at rate δ and recovers at
//!   rate ρ; demand during an outage is backordered at cost p per unit per unit time. With
//!   ψ(Q) = δ/(δ + ρ)·(1 − e^(−(δ + ρ)Q/λ)), the cost per unit time is
//!   g(Q) = (K + hQ²/(2λ) + pλψ(Q)/ρ) / (Q/λ + ψ(Q)/ρ), minimised by golden-section search around
//!   the closed-form optimum of the approximation ψ ≈ δ/(δ + ρ).
//! - **Additive yield**: an order of Q delivers Q + Y, E(Y) = μ, sd(Y) = σ:
//!   Q* = √(2Kλ/h + σ²) − μ, g(Q) = (2Kλ + hσ²)/(2(Q + μ)) + h(Q + μ)/2.
//! - **Multiplicative yield**: an order of Q delivers QY: Q* = √(2Kλ/(h(σ² + μ²))),
//!   g(Q) = Kλ/(Qμ) + hQ(σ² + μ²)/(2μ).
//! - **Newsvendor with disruptions**: each period the supplier fails with probability δ and
//!   recovers with probability ρ; an outage of n periods means (n + 1)·D must be covered. The
//!   outage length has π₀ = ρ/(δ + ρ), πₙ = δρ/(δ + ρ)·(1 − ρ)^(n−1), and the best level is
//!   S = D(1 + n*), n* the critical fractile of that distribution; costs are summed in closed form.
//! - **Newsvendor with additive yield**: an order up to S yields S + Y; S* = D − F_Y⁻¹(h/(h + p)),
//!   cost p·n̄_Y(D − S) + h·n_Y(D − S).

use flowcast_core::{Column, ErrorCode, ValidationError, check};

use crate::batch::map_rows;
use crate::distribution::Distribution;
use crate::eoq::Eoq;
use crate::error::Result;
use crate::newsvendor::NewsvendorResult;

/// The EOQ with supply disruptions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EoqDisruptions {
    /// Fixed cost per order K, > 0.
    pub fixed_cost: f64,
    /// Holding cost per unit per unit time h, > 0.
    pub holding_cost: f64,
    /// Backorder cost per unit per unit time p, > 0.
    pub stockout_cost: f64,
    /// Demand per unit time λ, > 0.
    pub demand_rate: f64,
    /// Rate at which the supplier fails δ, > 0.
    pub disruption_rate: f64,
    /// Rate at which it recovers ρ, > 0.
    pub recovery_rate: f64,
}

impl EoqDisruptions {
    fn validated(&self) -> Result<()> {
        check::positive("fixed_cost", self.fixed_cost)?;
        check::positive("holding_cost", self.holding_cost)?;
        check::positive("stockout_cost", self.stockout_cost)?;
        check::positive("demand_rate", self.demand_rate)?;
        check::positive("disruption_rate", self.disruption_rate)?;
        check::positive("recovery_rate", self.recovery_rate)?;
        Ok(())
    }

    /// Cost per unit time of ordering `order_quantity`, with the exact ψ(Q) or (if
    /// `approximate`) its limit δ/(δ + ρ).
    ///
    /// # Errors
    /// Invalid parameters or a non-positive order quantity.
    pub fn cost_at(&self, order_quantity: f64, approximate: bool) -> Result<f64> {
        self.validated()?;
        let q = check::positive("order_quantity", order_quantity)?;
        Ok(check::finite_result("cost", self.cost(q, approximate))?)
    }

    fn cost(&self, q: f64, approximate: bool) -> f64 {
        let (k, h, p, d) = (
            self.fixed_cost,
            self.holding_cost,
            self.stockout_cost,
            self.demand_rate,
        );
        let (delta, rho) = (self.disruption_rate, self.recovery_rate);
        let mut psi = delta / (delta + rho);
        if !approximate {
            psi *= -(-(delta + rho) * q / d).exp_m1();
        }
        (k + h * q * q / (2.0 * d) + p * d * psi / rho) / (q / d + psi / rho)
    }

    /// The optimal order quantity and its cost: the closed form under the approximation, or a
    /// golden-section search of the exact cost (to 1e-10 relative) when `approximate` is false.
    ///
    /// ```
    /// use flowcast_inventory::supply::EoqDisruptions;
    /// let m = EoqDisruptions { fixed_cost: 8.0, holding_cost: 0.225, stockout_cost: 5.0,
    ///     demand_rate: 1300.0, disruption_rate: 1.5, recovery_rate: 14.0 };
    /// let e = m.optimal(false)?;
    /// assert!((e.order_quantity - 772.811).abs() < 1e-2);
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    ///
    /// # Errors
    /// Invalid parameters.
    pub fn optimal(&self, approximate: bool) -> Result<Eoq> {
        self.validated()?;
        let (k, h, p, d) = (
            self.fixed_cost,
            self.holding_cost,
            self.stockout_cost,
            self.demand_rate,
        );
        let rho = self.recovery_rate;
        let psi = self.disruption_rate / (self.disruption_rate + rho);
        let closed = (((psi * d * h).powi(2) + 2.0 * h * rho * (k * d * rho + d * d * p * psi))
            .sqrt()
            - psi * d * h)
            / (h * rho);
        let q = if approximate {
            closed
        } else {
            golden_section(
                |q| self.cost(q, false),
                closed / 10.0,
                closed * 10.0,
                1e-10 * closed,
            )
        };
        // The closed form's cost is hQ (Berk & Arreola); the search reports the exact cost.
        let cost = if approximate {
            h * q
        } else {
            self.cost(q, false)
        };
        Ok(Eoq {
            order_quantity: check::finite_result("order_quantity", q)?,
            cost: check::finite_result("cost", cost)?,
        })
    }
}

/// Minimiser of a unimodal `f` on [a, b], to within `tol`.
fn golden_section(f: impl Fn(f64) -> f64, mut a: f64, mut b: f64, tol: f64) -> f64 {
    let inv_phi = (5f64.sqrt() - 1.0) / 2.0;
    let mut c = b - inv_phi * (b - a);
    let mut d = a + inv_phi * (b - a);
    let (mut fc, mut fd) = (f(c), f(d));
    while (b - a).abs() > tol {
        if fc < fd {
            (b, d, fd) = (d, c, fc);
            c = b - inv_phi * (b - a);
            fc = f(c);
        } else {
            (a, c, fc) = (c, d, fd);
            d = a + inv_phi * (b - a);
            fd = f(d);
        }
    }
    0.5 * (a + b)
}

/// How a random yield acts on an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Yield {
    /// Q is delivered as Q + Y.
    Additive,
    /// Q is delivered as QY.
    Multiplicative,
}

/// The EOQ with random yield.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EoqYield {
    /// How the yield acts.
    pub kind: Yield,
    /// Fixed cost per order K, > 0.
    pub fixed_cost: f64,
    /// Holding cost per unit per unit time h, > 0.
    pub holding_cost: f64,
    /// Demand per unit time λ, ≥ 0.
    pub demand_rate: f64,
    /// Mean yield μ (a quantity for additive yield, a fraction > 0 for multiplicative).
    pub yield_mean: f64,
    /// Standard deviation of the yield σ, ≥ 0.
    pub yield_sd: f64,
}

impl EoqYield {
    fn validated(&self) -> Result<()> {
        check::positive("fixed_cost", self.fixed_cost)?;
        check::positive("holding_cost", self.holding_cost)?;
        check::non_negative("demand_rate", self.demand_rate)?;
        check::non_negative("yield_sd", self.yield_sd)?;
        match self.kind {
            Yield::Additive => check::finite("yield_mean", self.yield_mean)?,
            Yield::Multiplicative => check::positive("yield_mean", self.yield_mean)?,
        };
        Ok(())
    }

    /// The optimal order quantity and its cost.
    ///
    /// ```
    /// use flowcast_inventory::supply::{EoqYield, Yield};
    /// let e = EoqYield { kind: Yield::Multiplicative, fixed_cost: 18_500.0, holding_cost: 0.06,
    ///     demand_rate: 75_000.0, yield_mean: 5.0 / 6.0, yield_sd: 0.140_859_042_454_752_75 }.optimal()?;
    /// assert!((e.order_quantity - 254_460.213).abs() < 1e-2);
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    ///
    /// # Errors
    /// Invalid parameters, or (additive yield) an optimum whose expected delivery is not
    /// positive.
    pub fn optimal(&self) -> Result<Eoq> {
        self.validated()?;
        let (k, h, d, mu, sd) = (
            self.fixed_cost,
            self.holding_cost,
            self.demand_rate,
            self.yield_mean,
            self.yield_sd,
        );
        let q = match self.kind {
            Yield::Additive => (2.0 * k * d / h + sd * sd).sqrt() - mu,
            Yield::Multiplicative => (2.0 * k * d / (h * (sd * sd + mu * mu))).sqrt(),
        };
        self.evaluate(q)
    }

    /// The cost of ordering `order_quantity`.
    ///
    /// # Errors
    /// Invalid parameters, a non-positive order quantity, or (additive yield) an expected
    /// delivery Q + μ that is not positive.
    pub fn cost_at(&self, order_quantity: f64) -> Result<Eoq> {
        self.validated()?;
        self.evaluate(check::positive("order_quantity", order_quantity)?)
    }

    fn evaluate(&self, q: f64) -> Result<Eoq> {
        let (k, h, d, mu, sd) = (
            self.fixed_cost,
            self.holding_cost,
            self.demand_rate,
            self.yield_mean,
            self.yield_sd,
        );
        let cost = match self.kind {
            Yield::Additive => {
                let delivered = q + mu;
                if delivered <= 0.0 {
                    let e = ValidationError::new(
                        ErrorCode::OutOfRange,
                        "order_quantity",
                        q,
                        "must exceed -yield_mean so that something arrives",
                    );
                    return Err(e.into());
                }
                (2.0 * k * d + h * sd * sd) / (2.0 * delivered) + h * delivered / 2.0
            }
            Yield::Multiplicative => k * d / (q * mu) + h * q * (sd * sd + mu * mu) / (2.0 * mu),
        };
        Ok(Eoq {
            order_quantity: check::finite_result("order_quantity", q)?,
            cost: check::finite_result("cost", cost)?,
        })
    }
}

/// [`EoqYield`] over batch columns: `[order_quantity, cost]` per row.
///
/// # Errors
/// The first invalid row, or a length mismatch.
pub fn eoq_yield_batch(
    kind: Yield,
    fixed_cost: Column<'_>,
    holding_cost: Column<'_>,
    demand_rate: Column<'_>,
    yield_mean: Column<'_>,
    yield_sd: Column<'_>,
    order_quantity: Option<Column<'_>>,
) -> Result<[Vec<f64>; 2]> {
    let mut inputs = vec![
        ("fixed_cost", fixed_cost),
        ("holding_cost", holding_cost),
        ("demand_rate", demand_rate),
        ("yield_mean", yield_mean),
        ("yield_sd", yield_sd),
    ];
    inputs.extend(order_quantity.map(|q| ("order_quantity", q)));
    map_rows(&inputs, |r| {
        let m = EoqYield {
            kind,
            fixed_cost: r[0],
            holding_cost: r[1],
            demand_rate: r[2],
            yield_mean: r[3],
            yield_sd: r[4],
        };
        let e = if r.len() > 5 {
            m.cost_at(r[5])?
        } else {
            m.optimal()?
        };
        Ok([e.order_quantity, e.cost])
    })
}

/// [`EoqDisruptions`] over batch columns: `[order_quantity, cost]` per row, optimal or at the
/// given order quantities.
///
/// # Errors
/// The first invalid row, or a length mismatch.
pub fn eoq_disruptions_batch(
    inputs: [Column<'_>; 6],
    order_quantity: Option<Column<'_>>,
    approximate: bool,
) -> Result<[Vec<f64>; 2]> {
    let names = [
        "fixed_cost",
        "holding_cost",
        "stockout_cost",
        "demand_rate",
        "disruption_rate",
        "recovery_rate",
    ];
    let mut named: Vec<(&'static str, Column<'_>)> = names.into_iter().zip(inputs).collect();
    named.extend(order_quantity.map(|q| ("order_quantity", q)));
    map_rows(&named, |r| {
        let m = EoqDisruptions {
            fixed_cost: r[0],
            holding_cost: r[1],
            stockout_cost: r[2],
            demand_rate: r[3],
            disruption_rate: r[4],
            recovery_rate: r[5],
        };
        if r.len() > 6 {
            Ok([r[6], m.cost_at(r[6], approximate)?])
        } else {
            let e = m.optimal(approximate)?;
            Ok([e.order_quantity, e.cost])
        }
    })
}

/// The newsvendor with a supplier that fails and recovers each period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NewsvendorDisruptions {
    /// Cost per unit left over h, > 0.
    pub holding_cost: f64,
    /// Cost per unit short p, > 0.
    pub stockout_cost: f64,
    /// Demand per period D, > 0.
    pub demand: f64,
    /// Probability an up supplier fails in a period δ, in (0, 1).
    pub disruption_prob: f64,
    /// Probability a down supplier recovers in a period ρ, in (0, 1).
    pub recovery_prob: f64,
}

impl NewsvendorDisruptions {
    fn validated(&self) -> Result<()> {
        check::positive("holding_cost", self.holding_cost)?;
        check::positive("stockout_cost", self.stockout_cost)?;
        check::positive("demand", self.demand)?;
        check::open_unit("disruption_prob", self.disruption_prob)?;
        check::open_unit("recovery_prob", self.recovery_prob)?;
        Ok(())
    }

    /// The optimal level D(1 + n*) and its expected cost.
    ///
    /// ```
    /// use flowcast_inventory::supply::NewsvendorDisruptions;
    /// let m = NewsvendorDisruptions { holding_cost: 0.25, stockout_cost: 3.0, demand: 2000.0,
    ///     disruption_prob: 0.04, recovery_prob: 0.25 };
    /// let r = m.optimal()?;
    /// assert_eq!(r.base_stock_level, 8000.0);
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    ///
    /// # Errors
    /// Non-positive costs or demand, probabilities outside (0, 1).
    pub fn optimal(&self) -> Result<NewsvendorResult> {
        self.validated()?;
        let (d, r) = (self.disruption_prob, self.recovery_prob);
        let target = self.stockout_cost / (self.stockout_cost + self.holding_cost);
        // F(n) = 1 − δ/(δ + ρ)(1 − ρ)^n ≥ target ⇔ n ≥ ln((1 − target)(δ + ρ)/δ)/ln(1 − ρ).
        let bound = ((1.0 - target) * (d + r) / d).ln() / (-r).ln_1p();
        let mut n = bound.ceil().max(0.0);
        // Guard the rounding at the boundary: the smallest n that reaches the target.
        let cdf = |n: f64| 1.0 - d / (d + r) * (1.0 - r).powf(n);
        while n > 0.0 && cdf(n - 1.0) >= target {
            n -= 1.0;
        }
        while cdf(n) < target {
            n += 1.0;
        }
        self.cost_at(self.demand * (1.0 + n))
    }

    /// The expected cost of ordering up to `base_stock_level`.
    ///
    /// # Errors
    /// As [`NewsvendorDisruptions::optimal`], and a non-finite level.
    pub fn cost_at(&self, base_stock_level: f64) -> Result<NewsvendorResult> {
        self.validated()?;
        let s = check::finite("base_stock_level", base_stock_level)?;
        let (h, p, big_d) = (self.holding_cost, self.stockout_cost, self.demand);
        let (d, r) = (self.disruption_prob, self.recovery_prob);
        let q = 1.0 - r;
        let pi0 = r / (d + r);
        let c = d * r / (d + r);
        // Σπₙ(S − (n + 1)D) = S − D(1 + E[N]), E[N] = δ/((δ + ρ)ρ); plus (h + p) times the
        // shortage tail Σ_{n ≥ n₀} πₙ((n + 1)D − S), n₀ the first outage that runs short.
        let mean_outage = d / ((d + r) * r);
        let n0 = (s / big_d).floor().max(0.0);
        // Σ_{n ≥ m} c·q^(n−1)((n + 1)D − S) for m ≥ 1, in closed form.
        let geometric_tail =
            |m: f64| c * q.powf(m - 1.0) * (((m + 1.0) * big_d - s) / r + big_d * q / (r * r));
        let shortage = if n0 == 0.0 {
            pi0 * (big_d - s).max(0.0) + geometric_tail(1.0)
        } else {
            geometric_tail(n0)
        };
        let cost = h * (s - big_d * (1.0 + mean_outage)) + (h + p) * shortage;
        Ok(NewsvendorResult {
            base_stock_level: s,
            cost: check::finite_result("cost", cost)?,
        })
    }
}

/// The newsvendor whose order up to S delivers S + Y, Y random.
#[derive(Debug, Clone, PartialEq)]
pub struct NewsvendorYield {
    /// Cost per unit left over h, > 0.
    pub holding_cost: f64,
    /// Cost per unit short p, > 0.
    pub stockout_cost: f64,
    /// Demand D (deterministic), > 0.
    pub demand: f64,
    /// Distribution of the yield Y.
    pub yield_distribution: Distribution,
}

impl NewsvendorYield {
    fn validated(&self) -> Result<()> {
        check::positive("holding_cost", self.holding_cost)?;
        check::positive("stockout_cost", self.stockout_cost)?;
        check::positive("demand", self.demand)?;
        self.yield_distribution.validate()
    }

    /// The optimal level D − F_Y⁻¹(h/(h + p)) and its expected cost.
    ///
    /// # Errors
    /// Non-positive costs or demand, an invalid yield distribution.
    pub fn optimal(&self) -> Result<NewsvendorResult> {
        self.validated()?;
        let ratio = self.holding_cost / (self.holding_cost + self.stockout_cost);
        self.cost_at(self.demand - self.yield_distribution.quantile(ratio)?)
    }

    /// The expected cost p·n̄_Y(D − S) + h·n_Y(D − S) of ordering up to `base_stock_level`.
    ///
    /// # Errors
    /// As [`NewsvendorYield::optimal`], and a shortfall D − S outside the yield's domain.
    pub fn cost_at(&self, base_stock_level: f64) -> Result<NewsvendorResult> {
        self.validated()?;
        let s = check::finite("base_stock_level", base_stock_level)?;
        let (n, n_bar) = self.yield_distribution.loss(self.demand - s)?;
        let cost = self.stockout_cost * n_bar + self.holding_cost * n;
        Ok(NewsvendorResult {
            base_stock_level: s,
            cost: check::finite_result("cost", cost)?,
        })
    }
}

/// [`NewsvendorDisruptions`] for every row: `[base_stock_level, cost]`. `inputs` are the columns
/// (holding_cost, stockout_cost, demand, disruption_prob, recovery_prob).
///
/// # Errors
/// The first invalid row, or a length mismatch.
pub fn newsvendor_disruptions_batch(
    inputs: [Column<'_>; 5],
    base_stock_level: Option<Column<'_>>,
) -> Result<[Vec<f64>; 2]> {
    let names = [
        "holding_cost",
        "stockout_cost",
        "demand",
        "disruption_prob",
        "recovery_prob",
    ];
    let mut named: Vec<(&'static str, Column<'_>)> = names.into_iter().zip(inputs).collect();
    named.extend(base_stock_level.map(|s| ("base_stock_level", s)));
    map_rows(&named, |r| {
        let m = NewsvendorDisruptions {
            holding_cost: r[0],
            stockout_cost: r[1],
            demand: r[2],
            disruption_prob: r[3],
            recovery_prob: r[4],
        };
        let out = if r.len() > 5 {
            m.cost_at(r[5])?
        } else {
            m.optimal()?
        };
        Ok([out.base_stock_level, out.cost])
    })
}

/// [`NewsvendorYield`] for every row, the yield of `family` with one column per parameter:
/// `[base_stock_level, cost]`. `inputs` are (holding_cost, stockout_cost, demand).
///
/// # Errors
/// The first invalid row, a wrong number of parameter columns, or a length mismatch.
pub fn newsvendor_yield_batch(
    family: crate::loss::Family,
    inputs: [Column<'_>; 3],
    parameters: &[Column<'_>],
    base_stock_level: Option<Column<'_>>,
) -> Result<[Vec<f64>; 2]> {
    let mut named = crate::newsvendor::family_columns(family, parameters)?;
    named.extend(
        ["holding_cost", "stockout_cost", "demand"]
            .into_iter()
            .zip(inputs),
    );
    named.extend(base_stock_level.map(|s| ("base_stock_level", s)));
    let n = family.parameters().len();
    map_rows(&named, |r| {
        let yield_distribution = family.with(r[0], if n > 1 { r[1] } else { f64::NAN })?;
        let m = NewsvendorYield {
            holding_cost: r[n],
            stockout_cost: r[n + 1],
            demand: r[n + 2],
            yield_distribution,
        };
        let out = if r.len() > n + 3 {
            m.cost_at(r[n + 3])?
        } else {
            m.optimal()?
        };
        Ok([out.base_stock_level, out.cost])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn disruption_newsvendor_cost_equals_the_plain_sum() {
        let m = NewsvendorDisruptions {
            holding_cost: 0.25,
            stockout_cost: 3.0,
            demand: 2000.0,
            disruption_prob: 0.04,
            recovery_prob: 0.25,
        };
        for s in [0.0, 1200.0, 2000.0, 5500.0, 8000.0, 30_000.0] {
            let (d, r) = (m.disruption_prob, m.recovery_prob);
            let mut brute = 0.0;
            for n in 0..2000 {
                let pi = if n == 0 {
                    r / (d + r)
                } else {
                    d * r / (d + r) * (1.0 - r).powi(n - 1)
                };
                let need = f64::from(n + 1) * m.demand;
                brute += pi
                    * (m.holding_cost * (s - need).max(0.0)
                        + m.stockout_cost * (need - s).max(0.0));
            }
            let got = m.cost_at(s).unwrap().cost;
            assert!(
                (got - brute).abs() <= 1e-9 * brute,
                "S = {s}: {got} vs {brute}"
            );
        }
        let best = m.optimal().unwrap();
        for s in [6000.0, 10_000.0] {
            assert!(m.cost_at(s).unwrap().cost >= best.cost);
        }
    }

    proptest! {
        #[test]
        fn disruption_search_finds_the_minimum(k in 1.0f64..100.0, h in 0.05f64..2.0, p in 0.5f64..20.0, d in 10.0f64..5e3, delta in 0.1f64..5.0, rho in 1.0f64..30.0, f in 0.8f64..1.25) {
            let m = EoqDisruptions { fixed_cost: k, holding_cost: h, stockout_cost: p, demand_rate: d, disruption_rate: delta, recovery_rate: rho };
            let best = m.optimal(false).unwrap();
            prop_assert!(m.cost_at(best.order_quantity * f, false).unwrap() >= best.cost * (1.0 - 1e-12));
            // With no disruptions to speak of, the EOQD is the EOQ.
            let calm = EoqDisruptions { disruption_rate: 1e-9, ..m }.optimal(true).unwrap();
            let eoq = crate::EoqInput { fixed_cost: k, holding_cost: h, demand_rate: d }.optimal().unwrap();
            prop_assert!((calm.order_quantity / eoq.order_quantity - 1.0).abs() < 1e-4);
        }

        #[test]
        fn yield_optima_are_minima(k in 1.0f64..1e4, h in 0.01f64..5.0, d in 10.0f64..1e5, mu in 0.3f64..1.2, sd in 0.0f64..0.3, f in 0.5f64..2.0) {
            for (kind, mean) in [(Yield::Multiplicative, mu), (Yield::Additive, -mu * 10.0)] {
                let m = EoqYield { kind, fixed_cost: k, holding_cost: h, demand_rate: d, yield_mean: mean, yield_sd: sd * 10.0 };
                let best = m.optimal().unwrap();
                if let Ok(other) = m.cost_at(best.order_quantity * f) {
                    prop_assert!(other.cost >= best.cost * (1.0 - 1e-12));
                }
            }
        }
    }
}

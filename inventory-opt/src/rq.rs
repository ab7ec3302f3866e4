//! Continuous review (r, Q) policies: order Q whenever the inventory position falls to r
//! (Snyder & Shen ch. 5). Demand arrives at rate λ with standard deviation σ per unit time; over
//! the lead time L it is normal with mean μ = λL and standard deviation σ√L (or Poisson with mean
//! λL for [`RqPoisson`]).
//!
//! The exact expected cost per unit time is g(r, Q) = (Kλ + ∫_r^{r+Q} G(y) dy)/Q, with G the
//! newsvendor cost of lead-time demand, G(y) = h(y − μ) + (h + p)·n(y). Because the second-order
//! loss n₂ has derivative −n, the integral is closed-form:
//! ∫G = h[(y − μ)²/2] + (h + p)(n₂(r) − n₂(r + Q)), so costs need no quadrature.

use flowcast_core::{Column, ErrorCode, Threads, ValidationError, check, normal};

use crate::batch::{map_rows, map_rows_par};
use crate::distribution::{Distribution, whole};
use crate::eoq::EoqBackorders;
use crate::error::Result;
use crate::loss::{
    standard_normal_loss_inverse, standard_normal_loss_pair, standard_normal_second_loss_pair,
};

/// An (r, Q) problem with normal lead-time demand.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rq {
    /// Holding cost per unit per unit time h, > 0.
    pub holding_cost: f64,
    /// Backorder cost per unit per unit time p, > 0.
    pub stockout_cost: f64,
    /// Fixed cost per order K, > 0.
    pub fixed_cost: f64,
    /// Demand per unit time λ, > 0.
    pub demand_mean: f64,
    /// Standard deviation of demand per unit time σ, > 0.
    pub demand_sd: f64,
    /// Lead time L, > 0.
    pub lead_time: f64,
}

/// An (r, Q) policy and its expected cost per unit time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RqPolicy {
    /// Reorder point r.
    pub reorder_point: f64,
    /// Order quantity Q.
    pub order_quantity: f64,
    /// Expected cost per unit time (the exact g(r, Q) unless an approximation says otherwise).
    pub cost: f64,
}

/// Fixed-point iterations stop when both r and Q move less than this.
const FIXED_POINT_TOL: f64 = 1e-10;
const MAX_ITERATIONS: usize = 10_000;

impl Rq {
    /// Mean and sd of lead-time demand, validating everything.
    fn lead_time_demand(&self) -> Result<(f64, f64)> {
        check::positive("holding_cost", self.holding_cost)?;
        check::positive("stockout_cost", self.stockout_cost)?;
        check::positive("fixed_cost", self.fixed_cost)?;
        let lambda = check::positive("demand_mean", self.demand_mean)?;
        let sd = check::positive("demand_sd", self.demand_sd)?;
        let l = check::positive("lead_time", self.lead_time)?;
        Ok((lambda * l, sd * l.sqrt()))
    }

    /// (n(y), n₂(y)) of lead-time demand.
    fn losses(mu: f64, sigma: f64, y: f64) -> (f64, f64) {
        let z = (y - mu) / sigma;
        (
            sigma * standard_normal_loss_pair(z).0,
            sigma * sigma * standard_normal_second_loss_pair(z).0,
        )
    }

    /// The exact expected cost per unit time of policy (r, Q).
    ///
    /// ```
    /// use flowcast_inventory::rq::Rq;
    /// let m = Rq { holding_cost: 0.225, stockout_cost: 7.5, fixed_cost: 8.0, demand_mean: 1300.0,
    ///     demand_sd: 150.0, lead_time: 1.0 / 12.0 };
    /// assert!((m.cost(126.8, 328.5)? - 78.071_162_509_282_94).abs() < 1e-7);
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    ///
    /// # Errors
    /// Non-positive costs, demand, sd or lead time; a non-finite r; a non-positive Q.
    pub fn cost(&self, reorder_point: f64, order_quantity: f64) -> Result<f64> {
        let (mu, sigma) = self.lead_time_demand()?;
        let r = check::finite("reorder_point", reorder_point)?;
        let q = check::positive("order_quantity", order_quantity)?;
        Ok(check::finite_result(
            "cost",
            self.exact_cost(mu, sigma, r, q),
        )?)
    }

    fn exact_cost(&self, mu: f64, sigma: f64, r: f64, q: f64) -> f64 {
        let (h, p) = (self.holding_cost, self.stockout_cost);
        let (_, n2_r) = Self::losses(mu, sigma, r);
        let (_, n2_rq) = Self::losses(mu, sigma, r + q);
        let holding = h * ((r + q - mu).powi(2) - (r - mu).powi(2)) / 2.0;
        (self.fixed_cost * self.demand_mean + holding + (h + p) * (n2_r - n2_rq)) / q
    }

    /// The reorder point that minimises g(r, Q) for a given Q: the r with G(r) = G(r + Q),
    /// i.e. (h + p)(n(r) − n(r + Q)) = hQ, solved by bisection to machine precision.
    ///
    /// # Errors
    /// As [`Rq::cost`].
    pub fn optimal_r_for_q(&self, order_quantity: f64) -> Result<f64> {
        let (mu, sigma) = self.lead_time_demand()?;
        let q = check::positive("order_quantity", order_quantity)?;
        Ok(self.r_for_q(mu, sigma, q))
    }

    fn r_for_q(&self, mu: f64, sigma: f64, q: f64) -> f64 {
        let (h, p) = (self.holding_cost, self.stockout_cost);
        // f(r) = (h + p)(n(r) − n(r + Q)) − hQ falls from pQ to −hQ as r rises.
        let f = |r: f64| {
            (h + p) * (Self::losses(mu, sigma, r).0 - Self::losses(mu, sigma, r + q).0) - h * q
        };
        let critical = mu + sigma * normal::quantile(p / (p + h));
        let (mut lo, mut hi) = (critical - q - 10.0 * sigma, critical);
        while f(lo) < 0.0 {
            lo -= q + 10.0 * sigma;
        }
        while f(hi) > 0.0 {
            hi += 10.0 * sigma;
        }
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if mid <= lo || mid >= hi {
                break;
            }
            if f(mid) > 0.0 { lo = mid } else { hi = mid }
        }
        0.5 * (lo + hi)
    }

    /// The expected-inventory-level (EIL) approximation: iterate r = F⁻¹(1 − Qh/(pλ)),
    /// Q = √(2λ(K + p·n(r))/h) from the EOQ to the fixed point; the cost is the approximation's
    /// h(r − μ + Q/2) + Kλ/Q + pλn(r)/Q, as published.
    ///
    /// # Errors
    /// As [`Rq::cost`], and an iterate with Qh ≥ pλ (no fractile exists).
    pub fn eil_approximation(&self) -> Result<RqPolicy> {
        let (mu, sigma) = self.lead_time_demand()?;
        let (h, p, k, lambda) = (
            self.holding_cost,
            self.stockout_cost,
            self.fixed_cost,
            self.demand_mean,
        );
        let mut q = (2.0 * k * lambda / h).sqrt();
        let mut r = 0.0;
        for _ in 0..MAX_ITERATIONS {
            let fraction = q * h / (p * lambda);
            if fraction >= 1.0 {
                let e = ValidationError::new(
                    ErrorCode::OutOfRange,
                    "stockout_cost",
                    p,
                    "is too small: the EIL approximation needs Qh < pλ",
                );
                return Err(e.into());
            }
            let next_r = mu + sigma * normal::quantile(1.0 - fraction);
            let next_q = (2.0 * lambda * (k + p * Self::losses(mu, sigma, next_r).0) / h).sqrt();
            let done = (next_q - q).abs() <= FIXED_POINT_TOL * q
                && (next_r - r).abs() <= FIXED_POINT_TOL * r.abs().max(1.0);
            (r, q) = (next_r, next_q);
            if done {
                break;
            }
        }
        let n = Self::losses(mu, sigma, r).0;
        let cost = h * (r - mu + q / 2.0) + k * lambda / q + p * lambda * n / q;
        Ok(RqPolicy {
            reorder_point: r,
            order_quantity: q,
            cost: check::finite_result("cost", cost)?,
        })
    }

    /// The EOQB approximation: Q from the EOQ with planned backorders, then the optimal r for it.
    ///
    /// # Errors
    /// As [`Rq::cost`].
    pub fn eoqb_approximation(&self) -> Result<RqPolicy> {
        let (mu, sigma) = self.lead_time_demand()?;
        let q = EoqBackorders {
            fixed_cost: self.fixed_cost,
            holding_cost: self.holding_cost,
            stockout_cost: self.stockout_cost,
            demand_rate: self.demand_mean,
        }
        .optimal()?
        .order_quantity;
        let r = self.r_for_q(mu, sigma, q);
        Ok(RqPolicy {
            reorder_point: r,
            order_quantity: q,
            cost: self.exact_cost(mu, sigma, r, q),
        })
    }

    /// The EOQ + safety stock approximation: Q the EOQ, r the newsvendor level of lead-time demand.
    ///
    /// # Errors
    /// As [`Rq::cost`].
    pub fn eoqss_approximation(&self) -> Result<RqPolicy> {
        let (mu, sigma) = self.lead_time_demand()?;
        let (h, p) = (self.holding_cost, self.stockout_cost);
        let q = (2.0 * self.fixed_cost * self.demand_mean / h).sqrt();
        let r = mu + sigma * normal::quantile(p / (p + h));
        Ok(RqPolicy {
            reorder_point: r,
            order_quantity: q,
            cost: self.exact_cost(mu, sigma, r, q),
        })
    }

    /// The loss-function approximation: iterate n(r) = hQ/(h + p),
    /// Q = √(2(Kλ + (h + p)n₂(r))/h) from the EOQ to the fixed point.
    ///
    /// # Errors
    /// As [`Rq::cost`].
    pub fn loss_function_approximation(&self) -> Result<RqPolicy> {
        let (mu, sigma) = self.lead_time_demand()?;
        let (h, p, k, lambda) = (
            self.holding_cost,
            self.stockout_cost,
            self.fixed_cost,
            self.demand_mean,
        );
        let mut q = (2.0 * k * lambda / h).sqrt();
        let mut r = 0.0;
        for _ in 0..MAX_ITERATIONS {
            let next_r = mu + sigma * standard_normal_loss_inverse(h * q / ((h + p) * sigma));
            let next_q =
                (2.0 * (k * lambda + (h + p) * Self::losses(mu, sigma, next_r).1) / h).sqrt();
            let done = (next_q - q).abs() <= FIXED_POINT_TOL * q
                && (next_r - r).abs() <= FIXED_POINT_TOL * r.abs().max(1.0);
            (r, q) = (next_r, next_q);
            if done {
                break;
            }
        }
        Ok(RqPolicy {
            reorder_point: r,
            order_quantity: q,
            cost: check::finite_result("cost", self.exact_cost(mu, sigma, r, q))?,
        })
    }
}

/// The input columns of [`rq_batch`], in order.
pub const RQ_INPUTS: [&str; 6] = [
    "holding_cost",
    "stockout_cost",
    "fixed_cost",
    "demand_mean",
    "demand_sd",
    "lead_time",
];

/// The input columns of [`rq_cost_batch`], in order.
pub const RQ_COST_INPUTS: [&str; 8] = [
    "reorder_point",
    "order_quantity",
    "holding_cost",
    "stockout_cost",
    "fixed_cost",
    "demand_mean",
    "demand_sd",
    "lead_time",
];

/// The input columns of [`optimal_r_for_q_batch`], in order.
pub const R_FOR_Q_INPUTS: [&str; 6] = [
    "order_quantity",
    "holding_cost",
    "stockout_cost",
    "demand_mean",
    "demand_sd",
    "lead_time",
];

/// The input columns of [`rq_poisson_batch`], in order.
pub const RQ_POISSON_INPUTS: [&str; 5] = [
    "holding_cost",
    "stockout_cost",
    "fixed_cost",
    "demand_mean",
    "lead_time",
];

/// Which (r, Q) heuristic [`rq_batch`] runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RqMethod {
    /// [`Rq::eil_approximation`].
    Eil,
    /// [`Rq::eoqb_approximation`].
    Eoqb,
    /// [`Rq::eoqss_approximation`].
    EoqSs,
    /// [`Rq::loss_function_approximation`].
    LossFunction,
}

impl RqMethod {
    /// Every method, in the order their names are listed.
    pub const ALL: [Self; 4] = [Self::LossFunction, Self::Eil, Self::Eoqb, Self::EoqSs];

    /// The method's name: `loss_function`, `eil`, `eoqb` or `eoqss`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Eil => "eil",
            Self::Eoqb => "eoqb",
            Self::EoqSs => "eoqss",
            Self::LossFunction => "loss_function",
        }
    }

    /// The method called `name`.
    ///
    /// # Errors
    /// An unknown name, listing the known ones.
    pub fn from_name(name: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|m| m.name() == name)
            .ok_or_else(|| {
                let known: Vec<&str> = Self::ALL.iter().map(|m| m.name()).collect();
                ValidationError::new(
                    ErrorCode::OutOfRange,
                    "method",
                    format!("{name:?}"),
                    format!("must be one of {}", known.join(", ")),
                )
                .into()
            })
    }
}

/// An (r, Q) heuristic for every row: `[reorder_point, order_quantity, cost]`. `inputs` are the
/// columns (holding_cost, stockout_cost, fixed_cost, demand_mean, demand_sd, lead_time).
///
/// # Errors
/// The first invalid row, or a length mismatch.
pub fn rq_batch(
    method: RqMethod,
    inputs: [Column<'_>; 6],
    threads: Threads,
) -> Result<[Vec<f64>; 3]> {
    let named: Vec<(&'static str, Column<'_>)> = RQ_INPUTS.into_iter().zip(inputs).collect();
    map_rows_par(threads, &named, |r| {
        let m = Rq {
            holding_cost: r[0],
            stockout_cost: r[1],
            fixed_cost: r[2],
            demand_mean: r[3],
            demand_sd: r[4],
            lead_time: r[5],
        };
        let p = match method {
            RqMethod::Eil => m.eil_approximation()?,
            RqMethod::Eoqb => m.eoqb_approximation()?,
            RqMethod::EoqSs => m.eoqss_approximation()?,
            RqMethod::LossFunction => m.loss_function_approximation()?,
        };
        Ok([p.reorder_point, p.order_quantity, p.cost])
    })
}

/// [`Rq::cost`] for every row. `inputs` are the columns (reorder_point, order_quantity,
/// holding_cost, stockout_cost, fixed_cost, demand_mean, demand_sd, lead_time).
///
/// # Errors
/// The first invalid row, or a length mismatch.
pub fn rq_cost_batch(inputs: [Column<'_>; 8]) -> Result<Vec<f64>> {
    let named: Vec<(&'static str, Column<'_>)> = RQ_COST_INPUTS.into_iter().zip(inputs).collect();
    let [cost] = map_rows(&named, |r| {
        let m = Rq {
            holding_cost: r[2],
            stockout_cost: r[3],
            fixed_cost: r[4],
            demand_mean: r[5],
            demand_sd: r[6],
            lead_time: r[7],
        };
        Ok([m.cost(r[0], r[1])?])
    })?;
    Ok(cost)
}

/// [`Rq::optimal_r_for_q`] for every row. `inputs` are the columns (order_quantity,
/// holding_cost, stockout_cost, demand_mean, demand_sd, lead_time); the fixed cost plays no part.
///
/// # Errors
/// The first invalid row, or a length mismatch.
pub fn optimal_r_for_q_batch(inputs: [Column<'_>; 6]) -> Result<Vec<f64>> {
    let named: Vec<(&'static str, Column<'_>)> = R_FOR_Q_INPUTS.into_iter().zip(inputs).collect();
    let [r] = map_rows(&named, |r| {
        let m = Rq {
            holding_cost: r[1],
            stockout_cost: r[2],
            fixed_cost: 1.0,
            demand_mean: r[3],
            demand_sd: r[4],
            lead_time: r[5],
        };
        Ok([m.optimal_r_for_q(r[0])?])
    })?;
    Ok(r)
}

/// [`RqPoisson`] for every row: `[reorder_point, order_quantity, cost]`, exact, or the cost of
/// the given `(reorder_point, order_quantity)` columns. `inputs` are (holding_cost,
/// stockout_cost, fixed_cost, demand_mean, lead_time).
///
/// # Errors
/// The first invalid row, or a length mismatch.
pub fn rq_poisson_batch(
    inputs: [Column<'_>; 5],
    given: Option<(Column<'_>, Column<'_>)>,
    threads: Threads,
) -> Result<[Vec<f64>; 3]> {
    let mut named: Vec<(&'static str, Column<'_>)> =
        RQ_POISSON_INPUTS.into_iter().zip(inputs).collect();
    if let Some((r, q)) = given {
        named.extend([("reorder_point", r), ("order_quantity", q)]);
    }
    map_rows_par(threads, &named, |r| {
        let m = RqPoisson {
            holding_cost: r[0],
            stockout_cost: r[1],
            fixed_cost: r[2],
            demand_mean: r[3],
            lead_time: r[4],
        };
        if r.len() > 5 {
            Ok([r[5], r[6], m.cost(r[5], r[6])?])
        } else {
            let p = m.exact()?;
            Ok([p.reorder_point, p.order_quantity, p.cost])
        }
    })
}

/// An (r, Q) problem with Poisson demand and integer r, Q.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RqPoisson {
    /// Holding cost per unit per unit time h, > 0.
    pub holding_cost: f64,
    /// Backorder cost per unit per unit time p, > 0.
    pub stockout_cost: f64,
    /// Fixed cost per order K, > 0.
    pub fixed_cost: f64,
    /// Demand per unit time λ, > 0.
    pub demand_mean: f64,
    /// Lead time L, > 0.
    pub lead_time: f64,
}

impl RqPoisson {
    fn lead_time_demand(&self) -> Result<Distribution> {
        check::positive("holding_cost", self.holding_cost)?;
        check::positive("stockout_cost", self.stockout_cost)?;
        check::positive("fixed_cost", self.fixed_cost)?;
        let lambda = check::positive("demand_mean", self.demand_mean)?;
        let l = check::positive("lead_time", self.lead_time)?;
        Ok(Distribution::Poisson { mean: lambda * l })
    }

    /// G(y) = h·n̄(y) + p·n(y) of lead-time demand.
    fn g(&self, demand: &Distribution, y: f64) -> Result<f64> {
        let (n, n_bar) = demand.loss(y)?;
        Ok(self.holding_cost * n_bar + self.stockout_cost * n)
    }

    fn exact_cost(&self, demand: &Distribution, r: f64, q: f64) -> Result<f64> {
        let mut total = self.fixed_cost * self.demand_mean;
        let mut y = r + 1.0;
        while y <= r + q {
            total += self.g(demand, y)?;
            y += 1.0;
        }
        Ok(total / q)
    }

    /// The expected cost per unit time (Kλ + Σ_{y=r+1}^{r+Q} G(y))/Q.
    ///
    /// # Errors
    /// Non-positive parameters, a fractional r, a Q that is not a positive whole number.
    pub fn cost(&self, reorder_point: f64, order_quantity: f64) -> Result<f64> {
        let demand = self.lead_time_demand()?;
        let r = whole("reorder_point", reorder_point)?;
        let q = whole("order_quantity", order_quantity)?;
        check::positive("order_quantity", q)?;
        self.exact_cost(&demand, r, q)
    }

    /// The optimal (r, Q) by Federgruen & Zheng's (1992) algorithm, as Snyder & Shen give it.
    ///
    /// ```
    /// use flowcast_inventory::rq::RqPoisson;
    /// let m = RqPoisson { holding_cost: 20.0, stockout_cost: 150.0, fixed_cost: 100.0, demand_mean: 1.5, lead_time: 2.0 };
    /// let p = m.exact()?;
    /// assert_eq!((p.reorder_point, p.order_quantity), (3.0, 5.0));
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    ///
    /// # Errors
    /// Non-positive parameters.
    pub fn exact(&self) -> Result<RqPolicy> {
        let demand = self.lead_time_demand()?;
        let alpha = self.stockout_cost / (self.stockout_cost + self.holding_cost);
        let s = demand.quantile(alpha)?;
        let (mut q, mut r) = (1.0, s - 1.0);
        let mut g = self.exact_cost(&demand, r, q)?;
        loop {
            let (g_prev, r_prev) = (g, r);
            if self.g(&demand, r)? < self.g(&demand, r + q + 1.0)? {
                r -= 1.0;
            }
            g = self.exact_cost(&demand, r, q + 1.0)?;
            if g > g_prev {
                return Ok(RqPolicy {
                    reorder_point: r_prev,
                    order_quantity: q,
                    cost: g_prev,
                });
            }
            q += 1.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn model(h: f64, p: f64, k: f64, lambda: f64, sd: f64, l: f64) -> Rq {
        Rq {
            holding_cost: h,
            stockout_cost: p,
            fixed_cost: k,
            demand_mean: lambda,
            demand_sd: sd,
            lead_time: l,
        }
    }

    /// The closed-form integral against a plain Simpson rule over the newsvendor cost.
    #[test]
    fn closed_form_cost_matches_quadrature() {
        let m = model(0.225, 7.5, 8.0, 1300.0, 150.0, 1.0 / 12.0);
        let (mu, sigma) = m.lead_time_demand().unwrap();
        let g = |y: f64| {
            let (n, _) = Rq::losses(mu, sigma, y);
            m.holding_cost * (y - mu) + (m.holding_cost + m.stockout_cost) * n
        };
        let (r, q) = (126.8, 328.5);
        let steps = 20_000;
        let dx = q / f64::from(steps);
        let simpson: f64 = (0..=steps)
            .map(|i| {
                let w = if i == 0 || i == steps {
                    1.0
                } else if i % 2 == 1 {
                    4.0
                } else {
                    2.0
                };
                w * g(r + f64::from(i) * dx)
            })
            .sum::<f64>()
            * dx
            / 3.0;
        let expected = (m.fixed_cost * m.demand_mean + simpson) / q;
        assert!((m.cost(r, q).unwrap() - expected).abs() < 1e-9);
    }

    proptest! {
        #[test]
        fn optimal_r_minimises_the_cost_for_its_q(h in 0.05f64..5.0, p in 0.5f64..50.0, k in 1.0f64..100.0, lambda in 10.0f64..5e3, cv in 0.05f64..1.0, l in 0.01f64..1.0, f in 0.5f64..2.0, dr in -20.0f64..20.0) {
            let m = model(h, p, k, lambda, lambda * cv, l);
            let q = (2.0 * k * lambda / h).sqrt() * f;
            let r = m.optimal_r_for_q(q).unwrap();
            prop_assert!(m.cost(r + dr, q).unwrap() >= m.cost(r, q).unwrap() * (1.0 - 1e-12));
        }

        #[test]
        fn no_heuristic_beats_the_exact_optimum(h in 0.05f64..5.0, p in 2.0f64..50.0, k in 1.0f64..100.0, lambda in 100.0f64..5e3, cv in 0.05f64..0.5, l in 0.05f64..0.5) {
            let m = model(h, p, k, lambda, lambda * cv, l);
            // The exact optimum: r = r*(Q) and a golden-section search over Q.
            let cost_of_q = |q: f64| m.cost(m.optimal_r_for_q(q).unwrap(), q).unwrap();
            let eoq = (2.0 * k * lambda / h).sqrt();
            let (mut a, mut b) = (eoq * 0.2, eoq * 5.0 + 10.0 * lambda * cv * l.sqrt());
            for _ in 0..200 {
                let (c, d) = (b - 0.618 * (b - a), a + 0.618 * (b - a));
                if cost_of_q(c) < cost_of_q(d) { b = d } else { a = c }
            }
            let best = cost_of_q(0.5 * (a + b));
            for heuristic in [m.loss_function_approximation().unwrap(), m.eoqb_approximation().unwrap(), m.eoqss_approximation().unwrap()] {
                let exact = m.cost(heuristic.reorder_point, heuristic.order_quantity).unwrap();
                prop_assert!((exact - heuristic.cost).abs() <= 1e-9 * exact);
                prop_assert!(exact >= best * (1.0 - 1e-9));
            }
        }
    }

    #[test]
    fn poisson_exact_beats_its_neighbours() {
        let m = RqPoisson {
            holding_cost: 20.0,
            stockout_cost: 150.0,
            fixed_cost: 100.0,
            demand_mean: 1.5,
            lead_time: 2.0,
        };
        let best = m.exact().unwrap();
        for r in 0..8 {
            for q in 1..12 {
                assert!(
                    m.cost(f64::from(r), f64::from(q)).unwrap() >= best.cost - 1e-9,
                    "({r}, {q})"
                );
            }
        }
        assert!(
            m.cost(2.5, 3.0)
                .unwrap_err()
                .to_string()
                .starts_with("reorder_point = 2.5")
        );
    }
}

//! Periodic review (s, S) policies: each period, if the inventory position is at or below s,
//! order up to S (Snyder & Shen §4.5). Demand per period is discrete; G(y) = h·n̄(y) + p·n(y) is
//! the one-period newsvendor cost.
//!
//! The exact cost is c(s, S) = (K + Σ_{d=0}^{S−s−1} m(d)·G(S − d)) / M(S − s), with m the
//! renewal function of the demand (m(0) = 1/(1 − f(0)), m(j) = m(0)·Σ_{l=1}^{j} f(l)m(j − l))
//! and M its partial sums. The optimum comes from Zheng & Federgruen's (1991) algorithm; the
//! renewal function depends only on S − s, so it is computed once, grown as the search needs it,
//! and every cost evaluation is linear in S − s.
//!
//! The power approximation (Ehrhardt 1979; Ehrhardt & Mosier 1984) takes only the mean and
//! standard deviation of demand.

use std::collections::HashMap;

use flowcast_core::{Column, ErrorCode, Threads, ValidationError, check};

use crate::batch::{map_rows, map_rows_par};
use crate::distribution::{Distribution, whole};
use crate::error::Result;

/// An (s, S) problem with discrete demand per period.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodicReview {
    /// Holding cost per unit left at the end of a period h, > 0.
    pub holding_cost: f64,
    /// Backorder cost per unit short at the end of a period p, > 0.
    pub stockout_cost: f64,
    /// Fixed cost per order K, > 0.
    pub fixed_cost: f64,
    /// Demand per period: Poisson or a pmf on whole numbers ≥ 0.
    pub demand: Distribution,
}

/// An (s, S) policy and its expected cost per period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SsPolicy {
    /// Reorder point s.
    pub reorder_point: f64,
    /// Order-up-to level S.
    pub order_up_to_level: f64,
    /// Expected cost per period.
    pub cost: f64,
}

/// Cached pieces of c(s, S): the demand pmf, the renewal function and its sums, G(y).
struct Evaluator<'a> {
    model: &'a PeriodicReview,
    pmf: Vec<f64>,
    m: Vec<f64>,
    sums: Vec<f64>,
    g: HashMap<i64, f64>,
}

impl<'a> Evaluator<'a> {
    fn new(model: &'a PeriodicReview) -> Result<Self> {
        let f0 = model.demand.pmf(0.0);
        if f0 >= 1.0 {
            let e = ValidationError::new(
                ErrorCode::OutOfRange,
                "demand",
                "P(D = 0) = 1",
                "must have some positive demand",
            );
            return Err(e.into());
        }
        Ok(Self {
            model,
            pmf: vec![f0],
            m: vec![1.0 / (1.0 - f0)],
            sums: vec![0.0, 1.0 / (1.0 - f0)],
            g: HashMap::new(),
        })
    }

    /// Grows the renewal function to cover gaps S − s up to `n`.
    fn grow(&mut self, n: usize) {
        while self.pmf.len() < n {
            let k = self.pmf.len() as f64;
            self.pmf.push(self.model.demand.pmf(k));
        }
        while self.m.len() < n {
            let j = self.m.len();
            let total: f64 = (1..=j).map(|l| self.pmf[l] * self.m[j - l]).sum();
            self.m.push(self.m[0] * total);
            let last = self.sums[self.sums.len() - 1];
            self.sums.push(last + self.m[j]);
        }
    }

    fn g(&mut self, y: i64) -> Result<f64> {
        if let Some(&v) = self.g.get(&y) {
            return Ok(v);
        }
        let (n, n_bar) = self.model.demand.loss(y as f64)?;
        let v = self.model.holding_cost * n_bar + self.model.stockout_cost * n;
        self.g.insert(y, v);
        Ok(v)
    }

    fn cost(&mut self, s: i64, big_s: i64) -> Result<f64> {
        let n = usize::try_from(big_s - s).unwrap_or(0).max(1);
        self.grow(n);
        let mut total = self.model.fixed_cost;
        for d in 0..n {
            total += self.m[d] * self.g(big_s - d as i64)?;
        }
        Ok(total / self.sums[n])
    }
}

impl PeriodicReview {
    fn validated(&self) -> Result<()> {
        check::positive("holding_cost", self.holding_cost)?;
        check::positive("stockout_cost", self.stockout_cost)?;
        check::positive("fixed_cost", self.fixed_cost)?;
        self.demand.validate()?;
        match &self.demand {
            Distribution::Poisson { .. } => Ok(()),
            Distribution::Discrete(pmf) if pmf.points().first().is_some_and(|p| p.0 >= 0.0) => {
                Ok(())
            }
            _ => Err(ValidationError::new(
                ErrorCode::WrongType,
                "demand",
                "not Poisson or a pmf on 0, 1, …",
                "must be Poisson or a pmf on whole numbers ≥ 0",
            )
            .into()),
        }
    }

    /// The expected cost per period of policy (s, S), s < S.
    ///
    /// ```
    /// use flowcast_inventory::{Distribution, ss::PeriodicReview};
    /// let m = PeriodicReview { holding_cost: 1.0, stockout_cost: 4.0, fixed_cost: 5.0, demand: Distribution::Poisson { mean: 6.0 } };
    /// assert!((m.cost(4.0, 10.0)? - 8.034_111_561_471_642).abs() < 1e-9);
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    ///
    /// # Errors
    /// Non-positive costs, demand that is not Poisson or a pmf on 0, 1, …, fractional levels,
    /// or s ≥ S.
    pub fn cost(&self, reorder_point: f64, order_up_to_level: f64) -> Result<f64> {
        self.validated()?;
        let s = whole("reorder_point", reorder_point)?;
        let big_s = whole("order_up_to_level", order_up_to_level)?;
        if big_s <= s {
            let e = ValidationError::new(
                ErrorCode::OutOfRange,
                "order_up_to_level",
                big_s,
                "must exceed reorder_point",
            );
            return Err(e.into());
        }
        Evaluator::new(self)?.cost(s as i64, big_s as i64)
    }

    /// The optimal (s, S) by Zheng & Federgruen's algorithm.
    ///
    /// ```
    /// use flowcast_inventory::{Distribution, ss::PeriodicReview};
    /// let m = PeriodicReview { holding_cost: 1.0, stockout_cost: 4.0, fixed_cost: 5.0, demand: Distribution::Poisson { mean: 6.0 } };
    /// let p = m.optimal()?;
    /// assert_eq!((p.reorder_point, p.order_up_to_level), (4.0, 10.0));
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`PeriodicReview::cost`].
    pub fn optimal(&self) -> Result<SsPolicy> {
        self.validated()?;
        let mut e = Evaluator::new(self)?;
        // y*: the newsvendor level, minimiser of G.
        let alpha = self.stockout_cost / (self.stockout_cost + self.holding_cost);
        let y_star = self.demand.quantile(alpha)? as i64;
        let s0_upper = y_star;
        let mut s = y_star;
        loop {
            s -= 1;
            if e.cost(s, s0_upper)? <= e.g(s)? {
                break;
            }
        }
        let (mut s_hat, mut big_s_hat) = (s, s0_upper);
        let mut g_hat = e.cost(s_hat, big_s_hat)?;
        let mut big_s = big_s_hat + 1;
        while e.g(big_s)? <= g_hat {
            if e.cost(s_hat, big_s)? < g_hat {
                big_s_hat = big_s;
                while e.cost(s, big_s_hat)? <= e.g(s + 1)? {
                    s += 1;
                }
                s_hat = s;
                g_hat = e.cost(s_hat, big_s_hat)?;
            }
            big_s += 1;
        }
        Ok(SsPolicy {
            reorder_point: s_hat as f64,
            order_up_to_level: big_s_hat as f64,
            cost: g_hat,
        })
    }
}

/// The power approximation of (s, S) from the mean μ > 0 and sd σ > 0 of demand per period:
/// Q = 1.30μ^0.494 (K/h)^0.506 (1 + σ²/μ²)^0.116, z = √(Qh/(σp)),
/// s = 0.973μ + σ(0.183/z + 1.063 − 2.192z), S = s + Q.
///
/// ```
/// use flowcast_inventory::ss::power_approximation;
/// let (s, big_s) = power_approximation(0.18, 0.7, 2.5, 50.0, 8.0)?;
/// assert!((s - 40.194_616_956_474_07).abs() < 1e-9 && (big_s - 74.290_170_109_805_79).abs() < 1e-9);
/// # Ok::<(), flowcast_inventory::Error>(())
/// ```
///
/// # Errors
/// Non-positive costs, mean or sd.
pub fn power_approximation(
    holding_cost: f64,
    stockout_cost: f64,
    fixed_cost: f64,
    demand_mean: f64,
    demand_sd: f64,
) -> Result<(f64, f64)> {
    let h = check::positive("holding_cost", holding_cost)?;
    let p = check::positive("stockout_cost", stockout_cost)?;
    let k = check::positive("fixed_cost", fixed_cost)?;
    let mu = check::positive("demand_mean", demand_mean)?;
    let sd = check::positive("demand_sd", demand_sd)?;
    let q = 1.30 * mu.powf(0.494) * (k / h).powf(0.506) * (1.0 + (sd / mu).powi(2)).powf(0.116);
    let z = (q / sd * (h / p)).sqrt();
    let s = 0.973 * mu + sd * (0.183 / z + 1.063 - 2.192 * z);
    Ok((
        check::finite_result("reorder_point", s)?,
        check::finite_result("order_up_to_level", s + q)?,
    ))
}

/// The input columns of [`power_approximation_batch`], in order.
pub const POWER_INPUTS: [&str; 5] = [
    "holding_cost",
    "stockout_cost",
    "fixed_cost",
    "demand_mean",
    "demand_sd",
];

/// The input columns of [`ss_poisson_batch`], in order.
pub const SS_POISSON_INPUTS: [&str; 4] =
    ["holding_cost", "stockout_cost", "fixed_cost", "demand_mean"];

/// [`power_approximation`] for every row: `[reorder_point, order_up_to_level]`. `inputs` are the
/// columns (holding_cost, stockout_cost, fixed_cost, demand_mean, demand_sd).
///
/// # Errors
/// The first invalid row, or a length mismatch.
pub fn power_approximation_batch(inputs: [Column<'_>; 5]) -> Result<[Vec<f64>; 2]> {
    let named: Vec<(&'static str, Column<'_>)> = POWER_INPUTS.into_iter().zip(inputs).collect();
    map_rows(&named, |r| {
        let (s, big_s) = power_approximation(r[0], r[1], r[2], r[3], r[4])?;
        Ok([s, big_s])
    })
}

/// (s, S) for every row with Poisson demand: `[reorder_point, order_up_to_level, cost]`, optimal,
/// or the cost of the given `(reorder_point, order_up_to_level)` columns. `inputs` are the
/// columns (holding_cost, stockout_cost, fixed_cost, demand_mean).
///
/// # Errors
/// The first invalid row, or a length mismatch.
pub fn ss_poisson_batch(
    inputs: [Column<'_>; 4],
    given: Option<(Column<'_>, Column<'_>)>,
    threads: Threads,
) -> Result<[Vec<f64>; 3]> {
    let mut named: Vec<(&'static str, Column<'_>)> =
        SS_POISSON_INPUTS.into_iter().zip(inputs).collect();
    if let Some((s, big_s)) = given {
        named.extend([("reorder_point", s), ("order_up_to_level", big_s)]);
    }
    map_rows_par(threads, &named, |r| {
        let m = PeriodicReview {
            holding_cost: r[0],
            stockout_cost: r[1],
            fixed_cost: r[2],
            demand: Distribution::Poisson { mean: r[3] },
        };
        if r.len() > 4 {
            Ok([r[4], r[5], m.cost(r[4], r[5])?])
        } else {
            let p = m.optimal()?;
            Ok([p.reorder_point, p.order_up_to_level, p.cost])
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Pmf;
    use proptest::prelude::*;

    proptest! {
        /// The algorithm's answer beats every policy in a generous window around it.
        #[test]
        fn optimum_beats_a_brute_force_window(h in 0.2f64..5.0, p in 1.0f64..30.0, k in 1.0f64..100.0, mean in 0.5f64..25.0) {
            let m = PeriodicReview { holding_cost: h, stockout_cost: p, fixed_cost: k, demand: Distribution::Poisson { mean } };
            let best = m.optimal().unwrap();
            let (s0, big_s0) = (best.reorder_point as i64, best.order_up_to_level as i64);
            for s in (s0 - 8)..=(s0 + 8) {
                for big_s in (s + 1)..=(big_s0 + 15) {
                    prop_assert!(m.cost(s as f64, big_s as f64).unwrap() >= best.cost - 1e-9, "({s}, {big_s})");
                }
            }
        }
    }

    #[test]
    fn pmf_demand_and_bad_inputs() {
        let pmf = Distribution::Discrete(
            Pmf::new([(0.0, 0.1), (1.0, 0.3), (2.0, 0.4), (3.0, 0.2)]).unwrap(),
        );
        let m = PeriodicReview {
            holding_cost: 1.0,
            stockout_cost: 9.0,
            fixed_cost: 10.0,
            demand: pmf,
        };
        let best = m.optimal().unwrap();
        assert!(best.order_up_to_level > best.reorder_point);
        assert!(
            m.cost(3.0, 3.0)
                .unwrap_err()
                .to_string()
                .contains("must exceed reorder_point")
        );
        let normal = PeriodicReview {
            demand: Distribution::Normal { mean: 5.0, sd: 1.0 },
            ..m
        };
        assert!(
            normal
                .optimal()
                .unwrap_err()
                .to_string()
                .contains("must be Poisson or a pmf")
        );
    }
}

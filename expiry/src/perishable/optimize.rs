//! The best base-stock level by exact evaluation over a bracket.

use std::ops::RangeInclusive;

use flowcast_core::{ErrorCode, ValidationError};

use super::{PerishableMetrics, PerishableSystem, units};
use crate::error::Result;

/// The best base-stock level found and the curve it was chosen from.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BaseStockOptimum {
    /// The level with the least objective (the lowest such level on ties).
    pub base_stock: i64,
    /// Its exact metrics.
    pub metrics: PerishableMetrics,
    /// Every level evaluated with its objective (cost less revenue per period), in order.
    pub curve: Vec<(i64, f64)>,
}

impl PerishableSystem {
    /// The base-stock level minimising the expected cost per period less sales revenue (just
    /// the cost when there is no price), by exact evaluation of every level in `bracket`.
    ///
    /// The search is exhaustive over the bracket: it assumes no convexity, so the answer is the
    /// best level in the bracket. Without a bracket it is 0..=hi with hi = ⌈(L + 1)μ +
    /// 6σ√(L + 1)⌉ + 1 (μ, σ: mean and standard deviation of demand per period), a level that
    /// covers demand over the lead time and the period to six standard deviations, and no more
    /// than (m + L)·max order when orders are capped (no state can use a higher level).
    ///
    /// ```
    /// use flowcast_expiry::perishable::{Costs, DemandPmf, Issuing, PerishableSystem};
    /// // De Moor et al. (2022), m = 2, L = 1: the best base stock under LIFO is 5.
    /// let costs = Costs { order: 3.0, shortage: 5.0, wastage: 7.0, holding: 1.0, price: None };
    /// let system = PerishableSystem::new(2, 1, DemandPmf::gamma_rounded(4.0, 0.5, 100)?, Issuing::Lifo)
    ///     .with_costs(costs)
    ///     .with_max_order(10);
    /// assert_eq!(system.optimize_base_stock(None)?.base_stock, 5);
    /// # Ok::<(), flowcast_expiry::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`evaluate`](Self::evaluate) for any level in the bracket; an empty bracket or one
    /// starting below 0.
    pub fn optimize_base_stock(
        &self,
        bracket: Option<RangeInclusive<i64>>,
    ) -> Result<BaseStockOptimum> {
        self.validate()?;
        let (lo, hi) = match bracket {
            Some(r) => {
                let (lo, hi) = r.into_inner();
                units("bracket_start", lo)?;
                units("bracket_end", hi)?;
                if hi < lo {
                    return Err(ValidationError::new(
                        ErrorCode::OutOfRange,
                        "bracket_end",
                        hi,
                        format!("must be at least the bracket start ({lo})"),
                    )
                    .into());
                }
                (lo, hi)
            }
            None => (0, self.default_upper_level()),
        };
        let mut best: Option<(i64, PerishableMetrics)> = None;
        let mut curve = Vec::with_capacity((hi - lo + 1) as usize);
        for s in lo..=hi {
            let m = self.evaluate(s)?;
            curve.push((s, m.objective()));
            if best.is_none_or(|(_, b)| m.objective() < b.objective()) {
                best = Some((s, m));
            }
        }
        let (base_stock, metrics) = best.expect("the bracket is not empty");
        Ok(BaseStockOptimum {
            base_stock,
            metrics,
            curve,
        })
    }

    /// ⌈(L + 1)μ + 6σ√(L + 1)⌉ + 1, at most (m + L)·max order.
    fn default_upper_level(&self) -> i64 {
        let periods = f64::from(self.lead_time) + 1.0;
        let mean = self.demand.mean();
        let sd = self.demand.variance().sqrt();
        let hi = (periods * mean + 6.0 * sd * periods.sqrt()).ceil() as i64 + 1;
        let hi = match self.max_order {
            Some(q) => hi.min(q * (i64::from(self.lifetime) + i64::from(self.lead_time))),
            None => hi,
        };
        hi.clamp(0, super::MAX_UNITS)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Costs, DemandPmf, Issuing};
    use super::*;

    #[test]
    fn the_optimum_is_the_least_of_the_curve() {
        let costs = Costs {
            order: 1.0,
            holding: 0.5,
            shortage: 4.0,
            wastage: 2.0,
            price: None,
        };
        let sys = PerishableSystem::new(3, 0, DemandPmf::poisson(3.0).unwrap(), Issuing::Fifo)
            .with_costs(costs);
        let best = sys.optimize_base_stock(Some(0..=15)).unwrap();
        assert_eq!(best.curve.len(), 16);
        let min = best.curve.iter().map(|c| c.1).fold(f64::INFINITY, f64::min);
        assert_eq!(best.metrics.objective(), min);
        assert!(best.base_stock > 0 && best.base_stock < 15);
        let default = sys.optimize_base_stock(None).unwrap();
        assert_eq!(default.base_stock, best.base_stock);
    }

    #[test]
    fn rejects_bad_brackets() {
        let sys = PerishableSystem::new(2, 0, DemandPmf::poisson(2.0).unwrap(), Issuing::Fifo);
        #[allow(clippy::reversed_empty_ranges)]
        let empty = 5..=3;
        assert!(sys.optimize_base_stock(Some(empty)).is_err());
        assert!(sys.optimize_base_stock(Some(-2..=3)).is_err());
    }
}

//! EOQ with quantity discounts (Snyder & Shen §3.5): the unit price c_j applies in region j,
//! Q ∈ [b_j, b_{j+1}), breakpoints b_0 = 0 < b_1 < …; holding cost is a rate i times the price.
//!
//! - **All-units**: the region's price applies to every unit. Cost g_j(Q) = c_jλ + Kλ/Q +
//!   ic_jQ/2; the optimum is a realizable Q*_j = √(2Kλ/(ic_j)) or a breakpoint.
//! - **Incremental**: the region's price applies to the units within it. With
//!   c̄_j = Σ_{i<j} c_i(b_{i+1} − b_i) − c_j b_j, g_j(Q) = c_jλ + ic̄_j/2 + (K + c̄_j)λ/Q + ic_jQ/2;
//!   the optimum is a realizable Q*_j = √(2(K + c̄_j)λ/(ic_j)).
//!
//! Ties between candidates keep the first in the order realizable optima, then breakpoints.

use flowcast_core::{ErrorCode, ValidationError, check};

use crate::error::Result;

/// A price schedule and the EOQ parameters it applies to.
#[derive(Debug, Clone, PartialEq)]
pub struct QuantityDiscounts {
    /// Fixed cost per order K, > 0.
    pub fixed_cost: f64,
    /// Holding cost per unit time as a fraction of the unit price, i > 0.
    pub holding_cost_rate: f64,
    /// Demand per unit time λ, > 0.
    pub demand_rate: f64,
    /// Region starts b_0 = 0 < b_1 < … .
    pub breakpoints: Vec<f64>,
    /// Unit price in each region, > 0.
    pub unit_costs: Vec<f64>,
}

/// The chosen order quantity, its price region (0-based) and cost per unit time (purchase
/// included).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DiscountedOrder {
    /// Order quantity Q.
    pub order_quantity: f64,
    /// Index of the price region Q falls in.
    pub region: usize,
    /// Purchase + ordering + holding cost per unit time.
    pub cost: f64,
}

impl QuantityDiscounts {
    fn validated(&self) -> Result<()> {
        check::positive("fixed_cost", self.fixed_cost)?;
        check::positive("holding_cost_rate", self.holding_cost_rate)?;
        check::positive("demand_rate", self.demand_rate)?;
        let b = &self.breakpoints;
        check::non_empty("breakpoints", b.len())?;
        check::same_len("unit_costs", self.unit_costs.len(), "breakpoints", b.len())?;
        if b[0] != 0.0 {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "breakpoints[0]",
                b[0],
                "must be 0",
            )
            .into());
        }
        for (j, pair) in b.windows(2).enumerate() {
            check::finite("breakpoints", pair[1]).map_err(|e| e.at(j + 1))?;
            if pair[1] <= pair[0] {
                let e = ValidationError::new(
                    ErrorCode::OutOfRange,
                    "breakpoints",
                    pair[1],
                    "must strictly increase",
                );
                return Err(e.at(j + 1).into());
            }
        }
        for (j, &c) in self.unit_costs.iter().enumerate() {
            check::positive("unit_costs", c).map_err(|e| e.at(j))?;
        }
        Ok(())
    }

    /// Whether Q lies in region j.
    fn in_region(&self, q: f64, j: usize) -> bool {
        q >= self.breakpoints[j] && self.breakpoints.get(j + 1).is_none_or(|&next| q < next)
    }

    /// The best order quantity when the region's price applies to every unit.
    ///
    /// ```
    /// use flowcast_inventory::eoq::QuantityDiscounts;
    /// // Snyder & Shen, Example 3.6: the third price break wins.
    /// let d = QuantityDiscounts { fixed_cost: 8.0, holding_cost_rate: 0.3, demand_rate: 1300.0,
    ///     breakpoints: vec![0.0, 400.0, 800.0], unit_costs: vec![0.75, 0.72, 0.68] };
    /// let best = d.all_units()?;
    /// assert_eq!((best.order_quantity, best.region), (800.0, 2));
    /// assert!((best.cost - 978.6).abs() < 1e-9);
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    ///
    /// # Errors
    /// Non-positive costs or demand, breakpoints not starting at 0 and strictly increasing,
    /// unit costs not one positive price per breakpoint.
    pub fn all_units(&self) -> Result<DiscountedOrder> {
        self.validated()?;
        let (k, i, d) = (self.fixed_cost, self.holding_cost_rate, self.demand_rate);
        let g = |q: f64, j: usize| {
            let c = self.unit_costs[j];
            c * d + k * d / q + i * c * q / 2.0
        };
        let optima = self.unit_costs.iter().enumerate().filter_map(|(j, &c)| {
            let q = (2.0 * k * d / (i * c)).sqrt();
            self.in_region(q, j).then_some((q, j))
        });
        let breaks = self
            .breakpoints
            .iter()
            .enumerate()
            .skip(1)
            .map(|(j, &b)| (b, j));
        best(optima.chain(breaks).map(|(q, j)| DiscountedOrder {
            order_quantity: q,
            region: j,
            cost: g(q, j),
        }))
    }

    /// The best order quantity when each region's price applies to the units within it.
    ///
    /// ```
    /// use flowcast_inventory::eoq::QuantityDiscounts;
    /// // Snyder & Shen, Example 3.7: the first region's EOQ wins.
    /// let d = QuantityDiscounts { fixed_cost: 8.0, holding_cost_rate: 0.3, demand_rate: 1300.0,
    ///     breakpoints: vec![0.0, 400.0, 800.0], unit_costs: vec![0.75, 0.72, 0.68] };
    /// let best = d.incremental()?;
    /// assert_eq!(best.region, 0);
    /// assert!((best.cost - 1_043.410_525_505_948).abs() < 1e-9);
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`QuantityDiscounts::all_units`].
    pub fn incremental(&self) -> Result<DiscountedOrder> {
        self.validated()?;
        let (k, i, d) = (self.fixed_cost, self.holding_cost_rate, self.demand_rate);
        let (b, c) = (&self.breakpoints, &self.unit_costs);
        // c̄_j: what the units below b_j cost, less what they would cost at price c_j.
        let mut paid_below = 0.0;
        let mut candidates = Vec::with_capacity(c.len());
        for j in 0..c.len() {
            if j > 0 {
                paid_below += c[j - 1] * (b[j] - b[j - 1]);
            }
            let c_bar = if j == 0 {
                0.0
            } else {
                paid_below - c[j] * b[j]
            };
            let q = (2.0 * (k + c_bar) * d / (i * c[j])).sqrt();
            if self.in_region(q, j) {
                let cost = c[j] * d + i * c_bar / 2.0 + (k + c_bar) * d / q + i * c[j] * q / 2.0;
                candidates.push(DiscountedOrder {
                    order_quantity: q,
                    region: j,
                    cost,
                });
            }
        }
        best(candidates.into_iter())
    }
}

/// The cheapest candidate (the first among equals).
fn best(candidates: impl Iterator<Item = DiscountedOrder>) -> Result<DiscountedOrder> {
    let best = candidates.fold(None::<DiscountedOrder>, |acc, c| match acc {
        Some(a) if a.cost <= c.cost => Some(a),
        _ => Some(c),
    });
    let best = best.ok_or_else(|| {
        ValidationError::new(
            ErrorCode::OutOfRange,
            "breakpoints",
            "no region",
            "admit a realizable order quantity",
        )
    })?;
    check::finite_result("cost", best.cost)?;
    Ok(best)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn schedule(k: f64, d: f64, steps: &[(f64, f64)]) -> QuantityDiscounts {
        QuantityDiscounts {
            fixed_cost: k,
            holding_cost_rate: 0.25,
            demand_rate: d,
            breakpoints: steps.iter().map(|s| s.0).collect(),
            unit_costs: steps.iter().map(|s| s.1).collect(),
        }
    }

    #[test]
    fn schedules_are_validated() {
        let bad = schedule(8.0, 100.0, &[(10.0, 1.0)]);
        assert!(
            bad.all_units()
                .unwrap_err()
                .to_string()
                .starts_with("breakpoints[0] = 10")
        );
        let bad = schedule(8.0, 100.0, &[(0.0, 1.0), (50.0, 0.9), (50.0, 0.8)]);
        assert!(
            bad.incremental()
                .unwrap_err()
                .to_string()
                .starts_with("breakpoints[2] = 50: must strictly increase")
        );
        let mut bad = schedule(8.0, 100.0, &[(0.0, 1.0), (50.0, 0.9)]);
        bad.unit_costs.pop();
        assert!(
            bad.all_units()
                .unwrap_err()
                .to_string()
                .contains("[length_mismatch]")
        );
    }

    proptest! {
        /// Brute force over a fine grid never beats the chosen quantity.
        #[test]
        fn choices_beat_a_grid_search(k in 1.0f64..500.0, d in 10.0f64..1e4, b1 in 1.0f64..2e3, b2 in 1.0f64..2e3, c0 in 1.0f64..10.0, r1 in 0.5f64..1.0, r2 in 0.5f64..1.0) {
            let s = schedule(k, d, &[(0.0, c0), (b1, c0 * r1), (b1 + b2, c0 * r1 * r2)]);
            let (i, region) = (s.holding_cost_rate, |q: f64| (0..3).rev().find(|&j| q >= s.breakpoints[j]).unwrap());
            let all_units = |q: f64| { let c = s.unit_costs[region(q)]; c * d + k * d / q + i * c * q / 2.0 };
            let paid = |q: f64| (0..3).map(|j| {
                let hi = s.breakpoints.get(j + 1).copied().unwrap_or(f64::INFINITY);
                s.unit_costs[j] * (q.min(hi) - s.breakpoints[j]).max(0.0)
            }).sum::<f64>();
            // Incremental: purchase cost per order paid(Q), held at rate i on its average value.
            let incremental = |q: f64| paid(q) * d / q + k * d / q + i * paid(q) / 2.0;
            let a = s.all_units().unwrap();
            let n = s.incremental().unwrap();
            prop_assert!((all_units(a.order_quantity) - a.cost).abs() <= 1e-9 * a.cost);
            prop_assert!((incremental(n.order_quantity) - n.cost).abs() <= 1e-9 * n.cost);
            for step in 1..4000 {
                let q = f64::from(step) * (b1 + b2) * 2.0 / 4000.0;
                prop_assert!(all_units(q) >= a.cost * (1.0 - 1e-12));
                prop_assert!(incremental(q) >= n.cost * (1.0 - 1e-12));
            }
        }
    }
}

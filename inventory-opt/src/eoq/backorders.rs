//! EOQ with planned backorders (Snyder & Shen §3.3): a fraction x of each cycle is spent out of
//! stock, at stockout cost p per unit per unit time.
//!
//! Q* = √(2Kλ(h + p)/(hp)), x* = h/(h + p), g* = Q*·hp/(h + p); for a given (Q, x),
//! g = hQ(1 − x)²/2 + pQx²/2 + Kλ/Q.

use flowcast_core::{Column, check};

use crate::batch::map_rows;
use crate::error::Result;

/// Parameters of the EOQ with planned backorders.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EoqBackorders {
    /// Fixed cost per order K, > 0.
    pub fixed_cost: f64,
    /// Holding cost per unit per unit time h, > 0.
    pub holding_cost: f64,
    /// Backorder (stockout) cost per unit per unit time p, > 0.
    pub stockout_cost: f64,
    /// Demand per unit time λ, ≥ 0.
    pub demand_rate: f64,
}

/// An order quantity with the fraction of time out of stock, and its cost per unit time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BackorderPolicy {
    /// Order quantity Q.
    pub order_quantity: f64,
    /// Fraction of each cycle spent backordered, x.
    pub stockout_fraction: f64,
    /// Cost per unit time.
    pub cost: f64,
}

impl EoqBackorders {
    fn validated(&self) -> Result<()> {
        check::positive("fixed_cost", self.fixed_cost)?;
        check::positive("holding_cost", self.holding_cost)?;
        check::positive("stockout_cost", self.stockout_cost)?;
        check::non_negative("demand_rate", self.demand_rate)?;
        Ok(())
    }

    /// The optimal policy.
    ///
    /// ```
    /// use flowcast_inventory::eoq::EoqBackorders;
    /// // Snyder & Shen, Example 3.8.
    /// let p = EoqBackorders { fixed_cost: 8.0, holding_cost: 0.225, stockout_cost: 5.0, demand_rate: 1300.0 }.optimal()?;
    /// assert!((p.order_quantity - 310.812_555_159).abs() < 1e-6);
    /// assert!((p.stockout_fraction - 0.043_062_201).abs() < 1e-9);
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    ///
    /// # Errors
    /// A non-positive or non-finite cost, a negative demand rate.
    pub fn optimal(&self) -> Result<BackorderPolicy> {
        self.validated()?;
        let (k, h, p, d) = (
            self.fixed_cost,
            self.holding_cost,
            self.stockout_cost,
            self.demand_rate,
        );
        let q = (2.0 * k * d * (h + p) / (h * p)).sqrt();
        let cost = check::finite_result("cost", q * (h * p) / (h + p))?;
        Ok(BackorderPolicy {
            order_quantity: check::finite_result("order_quantity", q)?,
            stockout_fraction: h / (h + p),
            cost,
        })
    }

    /// The cost of ordering `order_quantity` with `stockout_fraction` of each cycle backordered.
    ///
    /// # Errors
    /// As [`EoqBackorders::optimal`], a non-positive order quantity, a fraction outside [0, 1].
    pub fn cost_at(&self, order_quantity: f64, stockout_fraction: f64) -> Result<BackorderPolicy> {
        self.validated()?;
        let q = check::positive("order_quantity", order_quantity)?;
        let x = check::finite("stockout_fraction", stockout_fraction)?;
        if !(0.0..=1.0).contains(&x) {
            return Err(flowcast_core::ValidationError::new(
                flowcast_core::ErrorCode::OutOfRange,
                "stockout_fraction",
                x,
                "must be between 0 and 1",
            )
            .into());
        }
        let (k, h, p, d) = (
            self.fixed_cost,
            self.holding_cost,
            self.stockout_cost,
            self.demand_rate,
        );
        let cost = h * q * (1.0 - x).powi(2) / 2.0 + p * q * x * x / 2.0 + k * d / q;
        Ok(BackorderPolicy {
            order_quantity: q,
            stockout_fraction: x,
            cost: check::finite_result("cost", cost)?,
        })
    }
}

/// [`EoqBackorders`] over batch columns: `[order_quantity, stockout_fraction, cost]` per row,
/// optimal, or evaluated at the given `(order_quantity, stockout_fraction)` columns.
///
/// # Errors
/// The first invalid row, or a length mismatch.
pub fn eoq_with_backorders_batch(
    fixed_cost: Column<'_>,
    holding_cost: Column<'_>,
    stockout_cost: Column<'_>,
    demand_rate: Column<'_>,
    given: Option<(Column<'_>, Column<'_>)>,
) -> Result<[Vec<f64>; 3]> {
    let mut inputs = vec![
        ("fixed_cost", fixed_cost),
        ("holding_cost", holding_cost),
        ("stockout_cost", stockout_cost),
        ("demand_rate", demand_rate),
    ];
    if let Some((q, x)) = given {
        inputs.extend([("order_quantity", q), ("stockout_fraction", x)]);
    }
    map_rows(&inputs, |r| {
        let m = EoqBackorders {
            fixed_cost: r[0],
            holding_cost: r[1],
            stockout_cost: r[2],
            demand_rate: r[3],
        };
        let p = if r.len() > 4 {
            m.cost_at(r[4], r[5])?
        } else {
            m.optimal()?
        };
        Ok([p.order_quantity, p.stockout_fraction, p.cost])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_optimum_beats_nearby_policies(k in 1.0f64..1e3, h in 0.01f64..10.0, p in 0.01f64..50.0, d in 1.0f64..1e5, f in 0.5f64..2.0, dx in -0.1f64..0.1) {
            let m = EoqBackorders { fixed_cost: k, holding_cost: h, stockout_cost: p, demand_rate: d };
            let best = m.optimal().unwrap();
            let x = (best.stockout_fraction + dx).clamp(0.0, 1.0);
            let other = m.cost_at(best.order_quantity * f, x).unwrap();
            prop_assert!(other.cost >= best.cost * (1.0 - 1e-12));
            let same = m.cost_at(best.order_quantity, best.stockout_fraction).unwrap();
            prop_assert!((same.cost - best.cost).abs() <= 1e-9 * best.cost);
        }
    }
}

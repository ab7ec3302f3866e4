//! Economic production quantity (Snyder & Shen §3.4): replenishment arrives at a finite
//! production rate μ > λ, so only a fraction 1 − ρ (ρ = λ/μ) of each batch is ever held.
//!
//! Q* = √(2Kλ/(h(1 − ρ))), g* = Q*·h(1 − ρ); for a given Q, g = Kλ/Q + h(1 − ρ)Q/2.

use flowcast_core::{Column, ErrorCode, ValidationError, check};

use crate::batch::map_rows;
use crate::eoq::Eoq;
use crate::error::Result;

/// Parameters of the economic production quantity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Epq {
    /// Fixed (set-up) cost per batch K, > 0.
    pub fixed_cost: f64,
    /// Holding cost per unit per unit time h, > 0.
    pub holding_cost: f64,
    /// Demand per unit time λ, ≥ 0.
    pub demand_rate: f64,
    /// Production per unit time μ, > λ.
    pub production_rate: f64,
}

impl Epq {
    fn holding_share(&self) -> Result<f64> {
        check::positive("fixed_cost", self.fixed_cost)?;
        check::positive("holding_cost", self.holding_cost)?;
        check::non_negative("demand_rate", self.demand_rate)?;
        let mu = check::positive("production_rate", self.production_rate)?;
        if self.demand_rate >= mu {
            let e = ValidationError::new(
                ErrorCode::OutOfRange,
                "production_rate",
                mu,
                "must exceed demand_rate",
            );
            return Err(e.into());
        }
        Ok(1.0 - self.demand_rate / mu)
    }

    /// The optimal batch size and its cost.
    ///
    /// ```
    /// use flowcast_inventory::eoq::Epq;
    /// let e = Epq { fixed_cost: 8.0, holding_cost: 0.225, demand_rate: 1300.0, production_rate: 1700.0 }.optimal()?;
    /// assert!((e.order_quantity - 626.808_494_589).abs() < 1e-6);
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    ///
    /// # Errors
    /// Non-positive costs, a negative demand rate, a production rate not above demand.
    pub fn optimal(&self) -> Result<Eoq> {
        let share = self.holding_share()?;
        let q = (2.0 * self.fixed_cost * self.demand_rate / (self.holding_cost * share)).sqrt();
        Ok(Eoq {
            order_quantity: check::finite_result("order_quantity", q)?,
            cost: check::finite_result("cost", q * self.holding_cost * share)?,
        })
    }

    /// The cost of producing `order_quantity` per batch.
    ///
    /// # Errors
    /// As [`Epq::optimal`], and a non-positive order quantity.
    pub fn cost_at(&self, order_quantity: f64) -> Result<Eoq> {
        let share = self.holding_share()?;
        let q = check::positive("order_quantity", order_quantity)?;
        let cost = self.fixed_cost * self.demand_rate / q + self.holding_cost * share * q / 2.0;
        Ok(Eoq {
            order_quantity: q,
            cost: check::finite_result("cost", cost)?,
        })
    }
}

/// [`Epq`] over batch columns: `[order_quantity, cost]` per row.
///
/// # Errors
/// The first invalid row, or a length mismatch.
pub fn epq_batch(
    fixed_cost: Column<'_>,
    holding_cost: Column<'_>,
    demand_rate: Column<'_>,
    production_rate: Column<'_>,
    order_quantity: Option<Column<'_>>,
) -> Result<[Vec<f64>; 2]> {
    let mut inputs = vec![
        ("fixed_cost", fixed_cost),
        ("holding_cost", holding_cost),
        ("demand_rate", demand_rate),
        ("production_rate", production_rate),
    ];
    inputs.extend(order_quantity.map(|q| ("order_quantity", q)));
    map_rows(&inputs, |r| {
        let m = Epq {
            fixed_cost: r[0],
            holding_cost: r[1],
            demand_rate: r[2],
            production_rate: r[3],
        };
        let e = if r.len() > 4 {
            m.cost_at(r[4])?
        } else {
            m.optimal()?
        };
        Ok([e.order_quantity, e.cost])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EoqInput;

    #[test]
    fn infinite_production_rate_is_the_eoq_and_slower_production_rejected() {
        let e = Epq {
            fixed_cost: 8.0,
            holding_cost: 0.225,
            demand_rate: 1300.0,
            production_rate: 1e12,
        }
        .optimal()
        .unwrap();
        let plain = EoqInput {
            fixed_cost: 8.0,
            holding_cost: 0.225,
            demand_rate: 1300.0,
        }
        .optimal()
        .unwrap();
        assert!((e.order_quantity / plain.order_quantity - 1.0).abs() < 1e-8);
        let bad = Epq {
            fixed_cost: 8.0,
            holding_cost: 0.225,
            demand_rate: 1300.0,
            production_rate: 1300.0,
        };
        assert!(
            bad.optimal()
                .unwrap_err()
                .to_string()
                .contains("must exceed demand_rate")
        );
    }
}

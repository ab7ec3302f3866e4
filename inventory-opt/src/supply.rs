//! Order quantities under supply uncertainty (Snyder & Shen ch. 9): a supplier that fails and
//! recovers at random, or delivers a random amount.
//!
//! - **Disruptions** (EOQD, Berk & Arreola 2006): the supplier fails at rate δ and recovers at
//!   rate ρ; demand during an outage is backordered at cost p per unit per unit time. With
//!   ψ(Q) = δ/(δ + ρ)·(1 − e^(−(δ + ρ)Q/λ)), the cost per unit time is
//!   g(Q) = (K + hQ²/(2λ) + pλψ(Q)/ρ) / (Q/λ + ψ(Q)/ρ), minimised by golden-section search around
//!   the closed-form optimum of the approximation ψ ≈ δ/(δ + ρ).
//! - **Additive yield**: an order of Q delivers Q + Y, E[Y] = μ, sd[Y] = σ:
//!   Q* = √(2Kλ/h + σ²) − μ, g(Q) = (2Kλ + hσ²)/(2(Q + μ)) + h(Q + μ)/2.
//! - **Multiplicative yield**: an order of Q delivers QY: Q* = √(2Kλ/(h(σ² + μ²))),
//!   g(Q) = Kλ/(Qμ) + hQ(σ² + μ²)/(2μ).

use flowcast_core::{Column, ErrorCode, ValidationError, check};

use crate::batch::map_rows;
use crate::eoq::Eoq;
use crate::error::Result;

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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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

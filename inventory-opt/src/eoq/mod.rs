//! The economic order quantity and its family: the order size that balances fixed ordering cost
//! against holding cost when demand is steady (Harris 1913; Snyder & Shen, *Fundamentals of
//! Supply Chain Theory*, ch. 3), with planned backorders ([`EoqBackorders`]), finite production
//! ([`Epq`]), quantity discounts ([`QuantityDiscounts`]) and joint replenishment
//! ([`JointReplenishment`]).
//!
//! With fixed cost K per order, holding cost h per unit per unit time and demand rate λ:
//! Q* = √(2Kλ/h), and the cost per unit time of ordering Q is g(Q) = Kλ/Q + hQ/2, so
//! g(Q*) = √(2Kλh). The purchase cost cλ does not depend on Q and is not included.

mod backorders;
mod discounts;
mod joint;
mod production;

pub use backorders::{BackorderPolicy, EoqBackorders, eoq_with_backorders_batch};
pub use discounts::{DiscountedOrder, QuantityDiscounts};
pub use joint::{JointPolicy, JointReplenishment};
pub use production::{Epq, epq_batch};

use flowcast_core::column::{CHUNK, check_output, zeroed};
use flowcast_core::{Column, ValidationError, check};

use crate::error::Result;

/// The parameters of an EOQ problem, as plain numbers (`EoqInput<f64>`) or batch columns
/// (`EoqInput<Column>`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EoqInput<V = f64> {
    /// Fixed cost per order (K), > 0.
    pub fixed_cost: V,
    /// Holding cost per unit per unit time (h), > 0.
    pub holding_cost: V,
    /// Demand per unit time (λ), ≥ 0.
    pub demand_rate: V,
}

/// An order quantity and its cost per unit time (ordering + holding, purchase excluded).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Eoq {
    /// The order quantity Q.
    pub order_quantity: f64,
    /// Kλ/Q + hQ/2.
    pub cost: f64,
}

impl EoqInput {
    /// The optimal order quantity Q* = √(2Kλ/h) and its cost √(2Kλh).
    ///
    /// A demand rate of 0 gives Q* = 0 at cost 0 (never order).
    ///
    /// ```
    /// use flowcast_inventory::EoqInput;
    /// // Snyder & Shen, Example 3.1.
    /// let eoq = EoqInput { fixed_cost: 8.0, holding_cost: 0.225, demand_rate: 1300.0 }.optimal()?;
    /// assert!((eoq.order_quantity - 304.046_780_026_436_8).abs() < 1e-9);
    /// assert!((eoq.cost - 68.410_525_505_948_29).abs() < 1e-9);
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Invalid`] for a non-positive or non-finite cost, or a negative or
    /// non-finite demand rate.
    pub fn optimal(&self) -> Result<Eoq> {
        let (k, h, d) = self.validated()?;
        optimum(k, h, d).finite()
    }

    /// The cost per unit time of ordering `order_quantity` units at a time.
    ///
    /// ```
    /// use flowcast_inventory::EoqInput;
    /// let eoq = EoqInput { fixed_cost: 8.0, holding_cost: 0.225, demand_rate: 1300.0 }.cost_at(250.0)?;
    /// assert!((eoq.cost - 69.725).abs() < 1e-12);
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`EoqInput::optimal`], and for a non-positive order quantity.
    pub fn cost_at(&self, order_quantity: f64) -> Result<Eoq> {
        let (k, h, d) = self.validated()?;
        let q = check::positive("order_quantity", order_quantity)?;
        Eoq {
            order_quantity: q,
            cost: cost_of(k, h, d, q),
        }
        .finite()
    }

    fn validated(&self) -> std::result::Result<(f64, f64, f64), ValidationError> {
        Ok((
            check::positive("fixed_cost", self.fixed_cost)?,
            check::positive("holding_cost", self.holding_cost)?,
            check::non_negative("demand_rate", self.demand_rate)?,
        ))
    }
}

impl Eoq {
    /// Itself, or an overflow error when extreme inputs made a result infinite.
    fn finite(self) -> Result<Self> {
        check::finite_result("order_quantity", self.order_quantity)?;
        check::finite_result("cost", self.cost)?;
        Ok(self)
    }
}

/// Q* and its cost; the one formula the scalar and batch forms share.
#[inline(always)]
fn optimum(k: f64, h: f64, d: f64) -> Eoq {
    let kd2 = 2.0 * k * d;
    Eoq {
        order_quantity: (kd2 / h).sqrt(),
        cost: (kd2 * h).sqrt(),
    }
}

/// Kλ/Q + hQ/2.
#[inline(always)]
fn cost_of(k: f64, h: f64, d: f64, q: f64) -> f64 {
    k * d / q + h * q / 2.0
}

/// Whether every row of a chunk is valid, without branching per row (NaN fails every test).
#[inline(always)]
fn chunk_is_valid(k: &[f64], h: &[f64], d: &[f64], q: Option<&[f64]>) -> bool {
    let mut ok = true;
    for ((&k, &h), &d) in k.iter().zip(h).zip(d) {
        ok &= (k > 0.0) & (k < f64::INFINITY) & (h > 0.0) & (h < f64::INFINITY);
        ok &= (0.0..f64::INFINITY).contains(&d);
    }
    if let Some(q) = q {
        ok &= q
            .iter()
            .fold(true, |ok, &q| ok & (q > 0.0) & (q < f64::INFINITY));
    }
    ok
}

/// Where a batch EOQ call writes its results: one slot per row in each.
#[derive(Debug)]
pub struct EoqColumns<'a> {
    /// Order quantity per row.
    pub order_quantity: &'a mut [f64],
    /// Cost per unit time per row.
    pub cost: &'a mut [f64],
}

impl EoqInput<Column<'_>> {
    /// [`EoqInput::solve_into`] with owned outputs: `(order_quantity, cost)` per row.
    ///
    /// # Errors
    /// As [`EoqInput::solve_into`].
    pub fn solve(&self, order_quantity: Option<Column<'_>>) -> Result<(Vec<f64>, Vec<f64>)> {
        let rows = Column::rows(&self.columns(order_quantity))?;
        let (mut q, mut cost) = (zeroed(rows), zeroed(rows));
        self.solve_into(
            order_quantity,
            EoqColumns {
                order_quantity: &mut q,
                cost: &mut cost,
            },
        )?;
        Ok((q, cost))
    }

    fn columns<'c>(&self, order_quantity: Option<Column<'c>>) -> [(&'static str, Column<'c>); 4]
    where
        Self: 'c,
    {
        [
            ("fixed_cost", self.fixed_cost),
            ("holding_cost", self.holding_cost),
            ("demand_rate", self.demand_rate),
            (
                "order_quantity",
                order_quantity.unwrap_or(Column::Scalar(1.0)),
            ),
        ]
    }

    /// EOQ for every row: the optimal quantity, or the cost of the given `order_quantity`.
    /// Row `i` gives exactly what [`EoqInput::optimal`] (or [`EoqInput::cost_at`]) gives for
    /// row `i`'s values.
    ///
    /// ```
    /// use flowcast_core::Column;
    /// use flowcast_inventory::{EoqColumns, EoqInput};
    /// let demand = [1300.0, 0.0, 5200.0];
    /// let input = EoqInput {
    ///     fixed_cost: Column::Scalar(8.0),
    ///     holding_cost: Column::Scalar(0.225),
    ///     demand_rate: Column::Values(&demand),
    /// };
    /// let (mut q, mut cost) = ([0.0; 3], [0.0; 3]);
    /// input.solve_into(None, EoqColumns { order_quantity: &mut q, cost: &mut cost })?;
    /// assert!((q[2] - 2.0 * q[0]).abs() < 1e-9 && q[1] == 0.0);
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    ///
    /// # Errors
    /// The first invalid row's error, its field indexed (`demand_rate[7]`) when that input is
    /// per row; a length mismatch between inputs or outputs.
    pub fn solve_into(
        &self,
        order_quantity: Option<Column<'_>>,
        out: EoqColumns<'_>,
    ) -> Result<()> {
        let columns = self.columns(order_quantity);
        let rows = Column::rows(&columns)?;
        check_output("order_quantity", out.order_quantity.len(), rows)?;
        check_output("cost", out.cost.len(), rows)?;
        // Chunks: validate all rows branch-free, then run the formula over plain slices.
        let mut bufs = [[0.0; CHUNK]; 4];
        for start in (0..rows).step_by(CHUNK) {
            let len = CHUNK.min(rows - start);
            let [bk, bh, bd, bq] = &mut bufs;
            let k = self.fixed_cost.chunk(start, len, bk);
            let h = self.holding_cost.chunk(start, len, bh);
            let d = self.demand_rate.chunk(start, len, bd);
            let q = order_quantity.as_ref().map(|q| q.chunk(start, len, bq));
            if !chunk_is_valid(k, h, d, q) {
                if let Some(e) = self.first_error(order_quantity, start, len, &columns) {
                    return Err(e);
                }
            }
            let oq = &mut out.order_quantity[start..start + len];
            let oc = &mut out.cost[start..start + len];
            match q {
                None => {
                    for j in 0..len {
                        let e = optimum(k[j], h[j], d[j]);
                        (oq[j], oc[j]) = (e.order_quantity, e.cost);
                    }
                }
                Some(q) => {
                    for j in 0..len {
                        (oq[j], oc[j]) = (q[j], cost_of(k[j], h[j], d[j], q[j]));
                    }
                }
            }
            if !oq
                .iter()
                .chain(oc.iter())
                .fold(true, |ok, v| ok & v.is_finite())
            {
                for (j, (&q, &c)) in oq.iter().zip(oc.iter()).enumerate() {
                    Eoq {
                        order_quantity: q,
                        cost: c,
                    }
                    .finite()
                    .map_err(|e| e.in_row(start + j, &columns))?;
                }
            }
        }
        Ok(())
    }

    /// The error of the first invalid row in `start..start + len`, as the scalar form reports it.
    fn first_error(
        &self,
        order_quantity: Option<Column<'_>>,
        start: usize,
        len: usize,
        columns: &[(&'static str, Column<'_>)],
    ) -> Option<crate::Error> {
        (start..start + len).find_map(|i| {
            let row = EoqInput {
                fixed_cost: self.fixed_cost.get(i),
                holding_cost: self.holding_cost.get(i),
                demand_rate: self.demand_rate.get(i),
            };
            let result = match order_quantity {
                None => row.optimal(),
                Some(q) => row.cost_at(q.get(i)),
            };
            result.err().map(|e| e.at_row(i, columns))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flowcast_core::ErrorCode;
    use proptest::prelude::*;

    fn input(k: f64, h: f64, d: f64) -> EoqInput {
        EoqInput {
            fixed_cost: k,
            holding_cost: h,
            demand_rate: d,
        }
    }

    #[test]
    fn rejects_bad_costs_naming_field_and_value() {
        let e = input(0.0, 1.0, 1.0).optimal().unwrap_err();
        assert_eq!(
            e.to_string(),
            "fixed_cost = 0: must be greater than 0 [not_positive]"
        );
        let e = input(1.0, -2.0, 1.0).optimal().unwrap_err();
        assert_eq!(
            e.to_string(),
            "holding_cost = -2: must be greater than 0 [not_positive]"
        );
        let crate::Error::Invalid(e) = input(1.0, 1.0, f64::NAN).optimal().unwrap_err();
        assert_eq!(e.code, ErrorCode::NotFinite);
        let crate::Error::Invalid(e) = input(1.0, 1.0, 1.0).cost_at(0.0).unwrap_err();
        assert_eq!(e.field, "order_quantity");
    }

    #[test]
    fn overflow_is_an_error() {
        let e = input(1e300, 1e-300, 1e300).optimal().unwrap_err();
        assert!(
            e.to_string().starts_with("order_quantity = inf: overflows"),
            "{e}"
        );
        let k = [1.0, 1e300];
        let batch = EoqInput {
            fixed_cost: Column::Values(&k),
            holding_cost: Column::Scalar(1e-300),
            demand_rate: Column::Scalar(1e300),
        };
        let e = batch.solve(None).unwrap_err();
        assert!(
            e.to_string().starts_with("order_quantity[0] = inf") || e.to_string().contains("[1]"),
            "{e}"
        );
    }

    #[test]
    fn batch_errors_point_at_the_row() {
        let d = [1.0, 2.0, -3.0];
        let inp = EoqInput {
            fixed_cost: Column::Scalar(1.0),
            holding_cost: Column::Scalar(1.0),
            demand_rate: Column::Values(&d),
        };
        let (mut q, mut c) = ([0.0; 3], [0.0; 3]);
        let e = inp
            .solve_into(
                None,
                EoqColumns {
                    order_quantity: &mut q,
                    cost: &mut c,
                },
            )
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "demand_rate[2] = -3: must be at least 0 [negative]"
        );
        let mut short = [0.0; 2];
        let e = inp
            .solve_into(
                None,
                EoqColumns {
                    order_quantity: &mut short,
                    cost: &mut c,
                },
            )
            .unwrap_err();
        assert!(e.to_string().contains("[length_mismatch]"));
    }

    proptest! {
        #[test]
        fn optimum_is_a_minimum_and_batch_agrees_exactly(
            k in 0.01f64..1e4, h in 0.001f64..1e3, d in 0.0f64..1e6, f in 0.1f64..10.0
        ) {
            let p = input(k, h, d);
            let best = p.optimal().unwrap();
            if best.order_quantity > 0.0 {
                let other = p.cost_at(best.order_quantity * f).unwrap();
                prop_assert!(other.cost >= best.cost * (1.0 - 1e-12));
                let at = p.cost_at(best.order_quantity).unwrap();
                prop_assert!((at.cost - best.cost).abs() <= 1e-9 * best.cost);
            }
            let (ks, hs, ds) = ([k, k], [h, h], [d, d]);
            let batch = EoqInput { fixed_cost: Column::Values(&ks), holding_cost: Column::Values(&hs), demand_rate: Column::Values(&ds) };
            let (mut q, mut c) = ([0.0; 2], [0.0; 2]);
            batch.solve_into(None, EoqColumns { order_quantity: &mut q, cost: &mut c }).unwrap();
            prop_assert_eq!(q[1].to_bits(), best.order_quantity.to_bits());
            prop_assert_eq!(c[1].to_bits(), best.cost.to_bits());
        }
    }
}

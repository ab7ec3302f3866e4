//! Wagner–Whitin lot sizing: deterministic demand over a finite horizon, a fixed cost per order,
//! a purchase cost per unit and a holding cost per unit per period, no shortages (Snyder & Shen
//! §3.7, Algorithm 3.1).
//!
//! θ_t, the cost of periods t…T when an order is placed in period t, is
//! θ_t = min_{t < s ≤ T} { K_t + Σ_{i=t}^{s−1} (c_t + h_t·(i − t))·d_i + θ_s }, θ_T = 0: the order
//! in period t covers demand up to period s − 1, and its K_t is paid only if that demand is
//! positive (a run of zero-demand periods needs no order). A unit bought in period t pays that period's
//! holding rate h_t for every period it waits (as when holding is a carrying rate on the unit's
//! value); with one holding cost for all periods this is the textbook model. Ties go to the
//! earliest s, and the sums are taken in the same order as stockpyl, so plans match exactly.
//!
//! Periods are numbered from 0 here; `next_order_periods[t] = T` means no further order.

use crate::error::Result;
use crate::grid::{Grid, batch_rows};

/// A batch of Wagner–Whitin problems over `periods` periods; every input broadcasts
/// (see [`Grid`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WagnerWhitin<'a> {
    /// Number of periods T, ≥ 1.
    pub periods: usize,
    /// Demand per SKU and period d, ≥ 0.
    pub demand: Grid<'a>,
    /// Holding cost per unit per period h, ≥ 0, by the period the unit was ordered in.
    pub holding_cost: Grid<'a>,
    /// Fixed cost per order K, ≥ 0, by order period.
    pub fixed_cost: Grid<'a>,
    /// Purchase cost per unit c, ≥ 0, by order period.
    pub purchase_cost: Grid<'a>,
}

/// Optimal plans, SKU by SKU (row-major).
#[derive(Debug, Clone, PartialEq)]
pub struct LotSizingPlans {
    /// Number of periods T.
    pub periods: usize,
    /// Quantity ordered in each period, T per SKU.
    pub order_quantities: Vec<f64>,
    /// Optimal total cost θ_0, one per SKU.
    pub cost: Vec<f64>,
    /// Costs to go θ_0…θ_T (θ_T = 0), T + 1 per SKU.
    pub costs_to_go: Vec<f64>,
    /// After an order in period t, the period of the next order (T for none), T per SKU.
    pub next_order_periods: Vec<u32>,
}

/// One SKU's plan, borrowed from [`LotSizingPlans`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LotSizingPlan<'a> {
    /// Quantity ordered in each period.
    pub order_quantities: &'a [f64],
    /// Optimal total cost.
    pub cost: f64,
    /// Costs to go θ_0…θ_T.
    pub costs_to_go: &'a [f64],
    /// Next order period after an order in each period.
    pub next_order_periods: &'a [u32],
}

impl LotSizingPlans {
    /// Number of SKUs.
    pub fn len(&self) -> usize {
        self.cost.len()
    }

    /// Whether there are no SKUs (never, for a solved batch).
    pub fn is_empty(&self) -> bool {
        self.cost.is_empty()
    }

    /// SKU `i`'s plan.
    ///
    /// # Panics
    /// If `i` is not below [`len`](Self::len).
    pub fn row(&self, i: usize) -> LotSizingPlan<'_> {
        let t = self.periods;
        LotSizingPlan {
            order_quantities: &self.order_quantities[i * t..(i + 1) * t],
            cost: self.cost[i],
            costs_to_go: &self.costs_to_go[i * (t + 1)..(i + 1) * (t + 1)],
            next_order_periods: &self.next_order_periods[i * t..(i + 1) * t],
        }
    }
}

impl WagnerWhitin<'_> {
    /// The optimal plan of one SKU with costs that stay the same in every period.
    ///
    /// ```
    /// use flowcast_inventory::wagner_whitin::WagnerWhitin;
    /// // Snyder & Shen, Example 3.9.
    /// let plans = WagnerWhitin::single(&[90.0, 120.0, 80.0, 70.0], 2.0, 500.0, 0.0).solve()?;
    /// let plan = plans.row(0);
    /// assert_eq!(plan.order_quantities, [210.0, 0.0, 150.0, 0.0]);
    /// assert_eq!(plan.cost, 1380.0);
    /// assert_eq!(plan.next_order_periods, [2, 4, 4, 4]);
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    pub fn single(
        demand: &[f64],
        holding_cost: f64,
        fixed_cost: f64,
        purchase_cost: f64,
    ) -> WagnerWhitin<'_> {
        WagnerWhitin {
            periods: demand.len(),
            demand: Grid::Periods(demand),
            holding_cost: Grid::Scalar(holding_cost),
            fixed_cost: Grid::Scalar(fixed_cost),
            purchase_cost: Grid::Scalar(purchase_cost),
        }
    }

    fn named(&self) -> [(&'static str, Grid<'_>); 4] {
        [
            ("demand", self.demand),
            ("holding_cost", self.holding_cost),
            ("fixed_cost", self.fixed_cost),
            ("purchase_cost", self.purchase_cost),
        ]
    }

    /// Number of SKUs in the batch.
    ///
    /// # Errors
    /// Inputs whose lengths do not fit together or `periods` = 0.
    pub fn rows(&self) -> Result<usize> {
        batch_rows(&self.named(), self.periods)
    }

    /// Solves every SKU, allocating the outputs.
    ///
    /// # Errors
    /// See [`solve_into`](Self::solve_into).
    pub fn solve(&self) -> Result<LotSizingPlans> {
        let (n, t) = (self.rows()?, self.periods);
        let mut plans = LotSizingPlans {
            periods: t,
            order_quantities: vec![0.0; n * t],
            cost: vec![0.0; n],
            costs_to_go: vec![0.0; n * (t + 1)],
            next_order_periods: vec![0; n * t],
        };
        self.solve_into(&mut plans)?;
        Ok(plans)
    }

    /// Solves every SKU into `out`, whose vectors must already have the batch's sizes; no
    /// allocation per SKU.
    ///
    /// # Errors
    /// Mismatched lengths, `periods` = 0, more than `u32::MAX` periods, or a NaN, infinite or
    /// negative input, named with its position (`demand[3, 7]`).
    pub fn solve_into(&self, out: &mut LotSizingPlans) -> Result<()> {
        let (n, t) = (self.rows()?, self.periods);
        let sizes = [
            ("order_quantities", out.order_quantities.len(), n * t),
            ("cost", out.cost.len(), n),
            ("costs_to_go", out.costs_to_go.len(), n * (t + 1)),
            ("next_order_periods", out.next_order_periods.len(), n * t),
        ];
        for (name, len, rows) in sizes {
            flowcast_core::column::check_output(name, len, rows)?;
        }
        let last = u32::try_from(t).map_err(|_| {
            flowcast_core::ValidationError::new(
                flowcast_core::ErrorCode::OutOfRange,
                "periods",
                t,
                "must be at most 4294967295",
            )
        })?;
        out.periods = t;
        let mut rows = [vec![0.0; t], vec![0.0; t], vec![0.0; t], vec![0.0; t]];
        for i in 0..n {
            for ((field, grid), row) in self.named().iter().zip(rows.iter_mut()) {
                grid.read_row(field, i, row)?;
            }
            let [d, h, k, c] = &rows;
            let theta = &mut out.costs_to_go[i * (t + 1)..(i + 1) * (t + 1)];
            let next = &mut out.next_order_periods[i * t..(i + 1) * t];
            solve_row(d, h, k, c, theta, next, last);
            let orders = &mut out.order_quantities[i * t..(i + 1) * t];
            orders.fill(0.0);
            let mut p = 0;
            while p < t {
                let s = next[p] as usize;
                orders[p] = d[p..s].iter().sum();
                p = s;
            }
            out.cost[i] = theta[0];
        }
        Ok(())
    }
}

/// The backward recursion for one SKU: θ into `theta`, the best next order period into `next`.
fn solve_row(
    d: &[f64],
    h: &[f64],
    k: &[f64],
    c: &[f64],
    theta: &mut [f64],
    next: &mut [u32],
    last: u32,
) {
    let t_len = d.len();
    theta[t_len] = 0.0;
    for t in (0..t_len).rev() {
        let (ct, ht) = (c[t], h[t]);
        // The same sum started at K_t and at 0: an "order" covering no demand costs no K_t.
        let (mut with_setup, mut without) = (k[t], 0.0);
        let mut covers_demand = false;
        let (mut best, mut best_s) = (f64::INFINITY, last);
        // Covering periods t..=t + wait, the next order comes in period t + wait + 1.
        for (wait, (&di, &after)) in d[t..].iter().zip(&theta[t + 1..]).enumerate() {
            let term = ct * di + ht * wait as f64 * di;
            with_setup += term;
            without += term;
            covers_demand |= di > 0.0;
            let cost = if covers_demand { with_setup } else { without } + after;
            if cost < best {
                best = cost;
                best_s = (t + wait + 1) as u32;
            }
        }
        theta[t] = best;
        next[t] = best_s;
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Every plan that orders at the start: cost by brute force over the 2^(T−1) order sets
    /// (with positive demand, so every order pays its setup).
    fn brute_force(d: &[f64], h: f64, k: f64, c: f64) -> f64 {
        let t = d.len();
        (0..1u32 << (t - 1))
            .map(|mask| {
                let mut starts = vec![0];
                starts.extend((1..t).filter(|p| mask >> (p - 1) & 1 == 1));
                starts.push(t);
                starts
                    .windows(2)
                    .map(|w| {
                        k + (w[0]..w[1])
                            .map(|i| (c + h * (i - w[0]) as f64) * d[i])
                            .sum::<f64>()
                    })
                    .sum()
            })
            .fold(f64::INFINITY, f64::min)
    }

    proptest! {
        /// The recursion finds the cheapest of all 2^(T−1) plans, orders exactly the demand, and
        /// its plan costs what it says.
        #[test]
        fn matches_brute_force_and_meets_demand(
            d in proptest::collection::vec(1.0f64..500.0, 1..10),
            h in 0.0f64..5.0, k in 0.0f64..800.0, c in 0.0f64..10.0,
        ) {
            let plans = WagnerWhitin::single(&d, h, k, c).solve().unwrap();
            let plan = plans.row(0);
            prop_assert!((plan.cost - brute_force(&d, h, k, c)).abs() <= 1e-9 * plan.cost.max(1.0));
            let ordered: f64 = plan.order_quantities.iter().sum();
            prop_assert!((ordered - d.iter().sum::<f64>()).abs() < 1e-9 * ordered);
            let mut stock = 0.0;
            let mut cost = 0.0;
            for (t, (&q, &dt)) in plan.order_quantities.iter().zip(&d).enumerate() {
                if q > 0.0 {
                    cost += k + c * q;
                }
                stock += q - dt;
                prop_assert!(stock > -1e-9, "short in period {}", t);
                cost += h * stock;
            }
            prop_assert!((cost - plan.cost).abs() <= 1e-9 * plan.cost.max(1.0));
        }
    }

    #[test]
    fn periods_without_demand_need_no_order() {
        let plans = WagnerWhitin::single(&[0.0, 0.0, 40.0, 0.0], 1.0, 100.0, 0.0)
            .solve()
            .unwrap();
        let plan = plans.row(0);
        assert_eq!(plan.cost, 100.0);
        assert_eq!(plan.order_quantities, [0.0, 0.0, 40.0, 0.0]);
        let none = WagnerWhitin::single(&[0.0; 3], 1.0, 100.0, 2.0)
            .solve()
            .unwrap();
        assert_eq!(none.row(0).cost, 0.0);
    }

    #[test]
    fn batch_rows_equal_single_solves() {
        let d = [90.0, 120.0, 80.0, 70.0, 10.0, 0.0, 300.0, 5.0];
        let k = [500.0, 50.0];
        let c = [1.0, 2.0, 1.5, 0.5];
        let batch = WagnerWhitin {
            periods: 4,
            demand: Grid::Full(&d),
            holding_cost: Grid::Scalar(2.0),
            fixed_cost: Grid::Skus(&k),
            purchase_cost: Grid::Periods(&c),
        }
        .solve()
        .unwrap();
        for i in 0..2 {
            let single = WagnerWhitin {
                periods: 4,
                demand: Grid::Periods(&d[i * 4..i * 4 + 4]),
                holding_cost: Grid::Scalar(2.0),
                fixed_cost: Grid::Scalar(k[i]),
                purchase_cost: Grid::Periods(&c),
            }
            .solve()
            .unwrap();
            assert_eq!(batch.row(i), single.row(0));
        }
    }

    #[test]
    fn bad_input_is_an_error() {
        let d = [1.0, -2.0];
        let e = WagnerWhitin::single(&d, 1.0, 1.0, 0.0).solve().unwrap_err();
        assert!(e.to_string().starts_with("demand[1] = -2"), "{e}");
        assert!(WagnerWhitin::single(&[], 1.0, 1.0, 0.0).solve().is_err());
        assert!(
            WagnerWhitin::single(&[1.0], f64::NAN, 1.0, 0.0)
                .solve()
                .is_err()
        );
    }
}

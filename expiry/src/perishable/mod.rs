//! Fixed-lifetime perishable inventory under periodic review with lost sales: exact stationary
//! evaluation and optimisation of base-stock policies, a seeded simulator, and optimal policies
//! by value iteration.
//!
//! # Model
//! A product lives `m` periods ([`PerishableSystem::lifetime`], m ≥ 1; m = 1 means nothing is
//! carried over). Orders arrive `L` periods after they are placed
//! ([`PerishableSystem::lead_time`], L ≥ 0). Demand per period is i.i.d. with a pmf on
//! 0..=dmax ([`DemandPmf`]); demand not met at once is lost. Every period runs, in this order:
//!
//! 1. **Order**: the inventory position IP = on hand (all ages) + pipeline is observed and
//!    q = min(max(0, S − IP), max order) is ordered (base stock S), or the quantity an
//!    [`OptimalPolicy`] gives for the state.
//! 2. **Receive**: the order placed L periods ago arrives fresh, with m periods of life; with
//!    L = 0 that is this period's own order, so it can serve this period's demand.
//! 3. **Demand** is served from stock on hand, oldest first ([`Issuing::Fifo`]) or freshest
//!    first ([`Issuing::Lifo`]); what cannot be served is lost.
//! 4. **Outdate and age**: units with one period of life left that are still unsold are
//!    outdated (wasted); the rest lose one period of life and are carried over. The units
//!    carried over are the period's *end on hand*; holding cost is charged on them.
//!
//! Per period, costs are `order·q + holding·end on hand + shortage·lost + wastage·outdated`,
//! and the reward is `price·sales − cost` ([`Costs`]).
//!
//! # State
//! A state is the vector `[pipeline, on hand]` youngest first: the L orders in transit (the
//! most recent first, the one arriving this period last), then the m − 1 on-hand cohorts
//! (most life left first, one period left last), m − 1 + L entries in all. This is the
//! observation order of viso_jax (Farrington et al.), so that De Moor et al.'s
//! "stock age 1, stock age 2" (m = 2, L = 1) is `[order arriving now, stock with one period
//! left]`. Under a base-stock level S the entries sum to at most S, so the exact chain has
//! C(S + m − 1 + L, m − 1 + L) states.
//!
//! # Methods
//! - [`PerishableSystem::evaluate`]: exact stationary metrics of a base-stock level by Markov
//!   chain (states ranked combinatorially, transitions precomputed with demands beyond the
//!   stock on hand lumped, stationary law by Anderson-accelerated Gauss–Seidel to a sweep
//!   change below 1e-12).
//! - [`PerishableSystem::simulate`]: seeded simulation with warm-up and batch-means standard
//!   errors, for systems too large for the exact method.
//! - [`PerishableSystem::optimize_base_stock`]: the base stock with the least expected cost
//!   (less revenue), by exact evaluation over a bracket.
//! - [`PerishableSystem::optimal_policy`]: optimal state-dependent orders by (relative) value
//!   iteration.
//!
//! # Sources
//! Nahmias (1982), *Perishable inventory theory: a review*, Oper. Res. 30(4); Nahmias (2011),
//! *Perishable Inventory Systems*; De Moor, Gijsbrechts & Boute (2022), EJOR 301(2) (m = 2,
//! L = 1 experiments: best base stock and optimal policy tables); Hendrix et al. (2019),
//! Comput. Math. Methods 1:e1027 (long-run reward by value iteration); the conventions as
//! reproduced in the public repository joefarrington/viso_jax.
//!
//! ```
//! use flowcast_expiry::perishable::{DemandPmf, Issuing, PerishableSystem};
//! let system = PerishableSystem::new(2, 0, DemandPmf::poisson(3.0)?, Issuing::Fifo);
//! let m = system.evaluate(5)?;
//! assert!((m.expected_outdate - 0.344_551_091_502).abs() < 1e-9);
//! assert!((m.expected_order - (m.expected_sales + m.expected_outdate)).abs() < 1e-9);
//! # Ok::<(), flowcast_expiry::Error>(())
//! ```

mod demand;
mod exact;
mod optimize;
mod sim;
mod value_iteration;

use flowcast_core::{ErrorCode, ValidationError, check};

use crate::error::Result;

pub use demand::DemandPmf;
pub use exact::MAX_EXACT_STATES;
pub use optimize::BaseStockOptimum;
pub use sim::{MetricErrors, SimEstimate, SimOptions};
pub use value_iteration::{MAX_VI_STATES, OptimalPolicy, ValueIterationOptions};

/// Largest lifetime or lead time accepted (periods).
pub const MAX_PERIODS: u32 = 10_000;
/// Largest base-stock level or maximum order quantity accepted (units).
pub const MAX_UNITS: i64 = 1_000_000_000;

/// Which units a sale takes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Issuing {
    /// Oldest first (first in, first out).
    Fifo,
    /// Freshest first (last in, first out).
    Lifo,
}

/// Costs per unit and period. All must be finite and ≥ 0; the default is all zero.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Costs {
    /// Per unit ordered (purchase or variable order cost).
    pub order: f64,
    /// Per unit on hand at the end of a period (after outdating).
    pub holding: f64,
    /// Per unit of demand lost.
    pub shortage: f64,
    /// Per unit outdated.
    pub wastage: f64,
    /// Revenue per unit sold, if any.
    pub price: Option<f64>,
}

impl Costs {
    fn validate(&self) -> Result<()> {
        check::non_negative("order_cost", self.order)?;
        check::non_negative("holding_cost", self.holding)?;
        check::non_negative("shortage_cost", self.shortage)?;
        check::non_negative("wastage_cost", self.wastage)?;
        if let Some(p) = self.price {
            check::non_negative("price", p)?;
        }
        Ok(())
    }

    /// Cost of one period's flows.
    fn cost(&self, order: f64, end_on_hand: f64, lost: f64, outdate: f64) -> f64 {
        self.order * order
            + self.holding * end_on_hand
            + self.shortage * lost
            + self.wastage * outdate
    }
}

/// A fixed-lifetime perishable item under periodic review with lost sales.
#[derive(Debug, Clone, PartialEq)]
pub struct PerishableSystem {
    /// Periods a unit can be sold in, m ≥ 1 (at most [`MAX_PERIODS`]).
    pub lifetime: u32,
    /// Periods between placing and receiving an order, L ≥ 0 (at most [`MAX_PERIODS`]).
    pub lead_time: u32,
    /// Demand per period.
    pub demand: DemandPmf,
    /// Issuing rule.
    pub issuing: Issuing,
    /// Unit costs and optional price.
    pub costs: Costs,
    /// Largest quantity one order may be (`None`: no limit). Value iteration needs one.
    pub max_order: Option<i64>,
}

/// Long-run average flows per period of a policy, exact or estimated.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct PerishableMetrics {
    /// Units ordered.
    pub expected_order: f64,
    /// Units sold.
    pub expected_sales: f64,
    /// Units of demand lost.
    pub expected_lost_sales: f64,
    /// Units outdated.
    pub expected_outdate: f64,
    /// Units on hand at the end of a period, after outdating.
    pub expected_end_on_hand: f64,
    /// Sales over demand (1 when there is no demand).
    pub fill_rate: f64,
    /// Outdated over ordered (0 when nothing is ordered).
    pub waste_fraction: f64,
    /// States of the exact chain, C(S + m − 1 + L, m − 1 + L) (0 for simulation estimates).
    pub n_states: usize,
    /// Cost per period: order, holding, shortage and wastage.
    pub expected_cost: f64,
    /// `price·sales − cost` per period, when a price is given.
    pub expected_reward: Option<f64>,
}

impl PerishableMetrics {
    /// Assembles the metrics from the five flows; `demand` is the mean demand.
    #[allow(clippy::too_many_arguments)]
    fn from_flows(
        costs: &Costs,
        order: f64,
        sales: f64,
        lost: f64,
        outdate: f64,
        end_on_hand: f64,
        demand: f64,
        n_states: usize,
    ) -> Self {
        let cost = costs.cost(order, end_on_hand, lost, outdate);
        Self {
            expected_order: order,
            expected_sales: sales,
            expected_lost_sales: lost,
            expected_outdate: outdate,
            expected_end_on_hand: end_on_hand,
            fill_rate: if demand > 0.0 { sales / demand } else { 1.0 },
            waste_fraction: if order > 0.0 { outdate / order } else { 0.0 },
            n_states,
            expected_cost: cost,
            expected_reward: costs.price.map(|p| p * sales - cost),
        }
    }

    /// What the optimisation minimises: cost less sales revenue (just the cost without a price).
    pub fn objective(&self) -> f64 {
        match self.expected_reward {
            Some(reward) => -reward,
            None => self.expected_cost,
        }
    }
}

impl PerishableSystem {
    /// A system with zero costs and no order limit; set [`costs`](Self::costs) and
    /// [`max_order`](Self::max_order) (or use [`with_costs`](Self::with_costs) and
    /// [`with_max_order`](Self::with_max_order)) as needed. Inputs are checked when used.
    pub fn new(lifetime: u32, lead_time: u32, demand: DemandPmf, issuing: Issuing) -> Self {
        Self {
            lifetime,
            lead_time,
            demand,
            issuing,
            costs: Costs::default(),
            max_order: None,
        }
    }

    /// The same system with these costs.
    #[must_use]
    pub fn with_costs(mut self, costs: Costs) -> Self {
        self.costs = costs;
        self
    }

    /// The same system with orders capped at `max_order` units.
    #[must_use]
    pub fn with_max_order(mut self, max_order: i64) -> Self {
        self.max_order = Some(max_order);
        self
    }

    /// Checks every field.
    fn validate(&self) -> Result<()> {
        if self.lifetime == 0 || self.lifetime > MAX_PERIODS {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "lifetime",
                self.lifetime,
                "must be between 1 and 10000 periods",
            )
            .into());
        }
        if self.lead_time > MAX_PERIODS {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "lead_time",
                self.lead_time,
                "must be at most 10000 periods",
            )
            .into());
        }
        self.demand.validate()?;
        self.costs.validate()?;
        if let Some(q) = self.max_order {
            units("max_order", q)?;
        }
        Ok(())
    }

    /// The order cap in units (`u32::MAX` when there is none), after validation.
    fn order_cap(&self) -> u32 {
        self.max_order.map_or(u32::MAX, |q| q as u32)
    }

    /// State length m − 1 + L.
    fn state_len(&self) -> usize {
        (self.lifetime - 1) as usize + self.lead_time as usize
    }
}

/// A count of units: an integer in 0..=[`MAX_UNITS`].
fn units(field: &'static str, value: i64) -> Result<u32> {
    if value < 0 {
        return Err(
            ValidationError::new(ErrorCode::Negative, field, value, "must be at least 0").into(),
        );
    }
    if value > MAX_UNITS {
        return Err(ValidationError::new(
            ErrorCode::OutOfRange,
            field,
            value,
            "must be at most 1000000000 units",
        )
        .into());
    }
    Ok(value as u32)
}

/// One period's flows from a state, the shared kernel of every method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Flows {
    sales: u64,
    outdate: u64,
    end_on_hand: u64,
}

/// Runs steps 2–4 of a period (receive, demand, outdate and age) with buffers reused between
/// calls.
#[derive(Debug, Clone)]
struct Stepper {
    lead_time: usize,
    issuing: Issuing,
    /// Stock on hand after receiving, most life left first (m entries).
    cohorts: Vec<u32>,
}

impl Stepper {
    fn new(system: &PerishableSystem) -> Self {
        Self {
            lead_time: system.lead_time as usize,
            issuing: system.issuing,
            cohorts: vec![0; system.lifetime as usize],
        }
    }

    /// Loads the stock available in `state` once order `q` is placed: the arriving order, then
    /// the on-hand cohorts. Returns the units available.
    fn receive(&mut self, state: &[u32], q: u32) -> u64 {
        let l = self.lead_time;
        self.cohorts[0] = if l == 0 { q } else { state[l - 1] };
        self.cohorts[1..].copy_from_slice(&state[l..]);
        self.cohorts.iter().map(|&c| u64::from(c)).sum()
    }

    /// Serves `demand` from the stock loaded by [`receive`](Self::receive), outdates and ages,
    /// and writes the next state (order `q` joins the pipeline).
    fn serve(&self, state: &[u32], q: u32, demand: u64, next: &mut [u32]) -> Flows {
        let mut cohorts_left = demand;
        let mut sold = 0u64;
        let m = self.cohorts.len();
        let mut take = |c: u32| -> u32 {
            let t = cohorts_left.min(u64::from(c));
            cohorts_left -= t;
            sold += t;
            c - t as u32
        };
        let l = self.lead_time;
        let (pipe, on_hand) = next.split_at_mut(l);
        if l > 0 {
            pipe[0] = q;
            pipe[1..].copy_from_slice(&state[..l - 1]);
        }
        let outdate;
        match self.issuing {
            Issuing::Fifo => {
                outdate = take(self.cohorts[m - 1]);
                for (slot, &c) in on_hand.iter_mut().zip(&self.cohorts[..m - 1]).rev() {
                    *slot = take(c);
                }
            }
            Issuing::Lifo => {
                for (slot, &c) in on_hand.iter_mut().zip(&self.cohorts[..m - 1]) {
                    *slot = take(c);
                }
                outdate = take(self.cohorts[m - 1]);
            }
        }
        let end_on_hand = on_hand.iter().map(|&c| u64::from(c)).sum();
        Flows {
            sales: sold,
            outdate: u64::from(outdate),
            end_on_hand,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn system(m: u32, l: u32, issuing: Issuing) -> PerishableSystem {
        PerishableSystem::new(m, l, DemandPmf::poisson(2.0).unwrap(), issuing)
    }

    #[test]
    fn stepper_issues_fifo_and_lifo() {
        // m = 3, L = 1: state [arriving, life 2, life 1].
        let state = [4, 2, 3];
        let mut next = [0; 3];
        let mut fifo = Stepper::new(&system(3, 1, Issuing::Fifo));
        assert_eq!(fifo.receive(&state, 5), 9);
        let f = fifo.serve(&state, 5, 4, &mut next);
        assert_eq!(next, [5, 4, 1]);
        assert_eq!((f.sales, f.outdate, f.end_on_hand), (4, 0, 5));
        let mut lifo = Stepper::new(&system(3, 1, Issuing::Lifo));
        lifo.receive(&state, 5);
        let f = lifo.serve(&state, 5, 4, &mut next);
        assert_eq!(next, [5, 0, 2]);
        assert_eq!((f.sales, f.outdate, f.end_on_hand), (4, 3, 2));
        let f = lifo.serve(&state, 5, 20, &mut next);
        assert_eq!(next, [5, 0, 0]);
        assert_eq!((f.sales, f.outdate, f.end_on_hand), (9, 0, 0));
    }

    #[test]
    fn stepper_with_zero_lead_time_sells_the_new_order() {
        let state = [1];
        let mut next = [0; 1];
        let mut s = Stepper::new(&system(2, 0, Issuing::Fifo));
        assert_eq!(s.receive(&state, 3), 4);
        let f = s.serve(&state, 3, 2, &mut next);
        assert_eq!(next, [2]);
        assert_eq!((f.sales, f.outdate, f.end_on_hand), (2, 0, 2));
        // m = 1: everything unsold is outdated.
        let mut one = Stepper::new(&system(1, 0, Issuing::Fifo));
        let mut none: [u32; 0] = [];
        assert_eq!(one.receive(&[], 3), 3);
        let f = one.serve(&[], 3, 1, &mut none);
        assert_eq!((f.sales, f.outdate, f.end_on_hand), (1, 2, 0));
    }
}

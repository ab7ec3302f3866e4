//! Periodic-review simulation of a single stage or a serial chain, seeded and exact to replay.
//!
//! Stages are numbered from 0 (facing demand) up to N − 1 (supplied from outside, never short).
//! Every period runs these steps, in this order:
//!
//! 1. **Receive**: each stage takes in the shipments due this period (sent L periods ago, L its
//!    shipment lead time), then ships what it can of what it owes downstream (backorders first
//!    come, first served).
//! 2. **Demand and orders**, in the [`EventOrder`] chosen:
//!    - [`DemandFirst`](EventOrder::DemandFirst) (stockpyl's order, and the timing of the
//!      stochastic-service model): demand arrives at stage 0 and is met from stock or
//!      backordered; then stages order, from stage 0 upward.
//!    - [`OrderFirst`](EventOrder::OrderFirst) (Snyder & Shen's single-stage timing): stages
//!      order first, from stage 0 upward; then demand arrives.
//!
//!    A stage orders from the inventory position IP = on hand − backorders + on order (on order:
//!    ordered and not yet received). Its supplier ships at once what it can of the order and
//!    backorders the rest; a shipment with lead time 0 is received (and passed on) at once.
//! 3. **Costs** on the ending state: holding cost on each stage's stock on hand, the stockout
//!    cost on stage 0's backorders, and, for goods travelling between stages, the sending
//!    stage's holding cost (stockpyl's in-transit rule; goods from the outside supplier cost
//!    nothing in transit).
//!
//! With DemandFirst a base-stock stage's level covers L periods of demand; with OrderFirst it
//! covers L + 1.

use flowcast_core::{ErrorCode, Rng, ValidationError, check};

use crate::distribution::Distribution;
use crate::error::Result;

/// When demand arrives relative to ordering within a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventOrder {
    /// Demand, then orders (stockpyl; the stochastic-service model's timing).
    DemandFirst,
    /// Orders, then demand (Snyder & Shen's single-stage timing).
    OrderFirst,
}

/// Demand per period at stage 0.
#[derive(Debug, Clone, PartialEq)]
pub enum Demand<'a> {
    /// These values in turn, starting over at the end (stockpyl's deterministic demand).
    Repeating(&'a [f64]),
    /// Independent draws; draws below 0 (from a normal, say) count as 0.
    Random(Distribution),
}

/// How stage 0 orders. Upstream stages follow base-stock policies.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Policy {
    /// Order up to `level` every period.
    BaseStock {
        /// Order-up-to level S.
        level: f64,
    },
    /// When IP ≤ s, order up to S.
    Ss {
        /// Reorder point s.
        reorder_point: f64,
        /// Order-up-to level S ≥ s.
        order_up_to_level: f64,
    },
    /// When IP ≤ r, order the smallest multiple of Q that lifts IP above r (the textbook
    /// (r, nQ) policy).
    Rq {
        /// Reorder point r.
        reorder_point: f64,
        /// Lot size Q > 0.
        order_quantity: f64,
    },
    /// When IP ≤ r, order one lot Q, however far below r IP is (stockpyl's (r, Q)).
    RqOneLot {
        /// Reorder point r.
        reorder_point: f64,
        /// Lot size Q > 0.
        order_quantity: f64,
    },
}

impl Policy {
    fn validate(&self) -> Result<()> {
        match *self {
            Self::BaseStock { level } => {
                check::finite("base_stock_level", level)?;
            }
            Self::Ss {
                reorder_point,
                order_up_to_level,
            } => {
                check::finite("reorder_point", reorder_point)?;
                check::finite("order_up_to_level", order_up_to_level)?;
                if order_up_to_level < reorder_point {
                    return Err(ValidationError::new(
                        ErrorCode::OutOfRange,
                        "order_up_to_level",
                        order_up_to_level,
                        "must be at least the reorder point",
                    )
                    .into());
                }
            }
            Self::Rq {
                reorder_point,
                order_quantity,
            }
            | Self::RqOneLot {
                reorder_point,
                order_quantity,
            } => {
                check::finite("reorder_point", reorder_point)?;
                check::positive("order_quantity", order_quantity)?;
            }
        }
        Ok(())
    }

    fn order(&self, ip: f64) -> f64 {
        match *self {
            Self::BaseStock { level } => (level - ip).max(0.0),
            Self::Ss {
                reorder_point,
                order_up_to_level,
            } if ip <= reorder_point => order_up_to_level - ip,
            Self::Rq {
                reorder_point,
                order_quantity,
            } if ip <= reorder_point => {
                order_quantity * ((reorder_point - ip) / order_quantity).floor().max(0.0)
                    + order_quantity
            }
            Self::RqOneLot {
                reorder_point,
                order_quantity,
            } if ip <= reorder_point => order_quantity,
            _ => 0.0,
        }
    }
}

/// One stage of a simulated chain.
#[derive(Debug, Clone, PartialEq)]
pub struct SimStage {
    /// Holding cost per unit on hand per period (also charged on goods it has sent downstream
    /// that are still travelling), ≥ 0.
    pub holding_cost: f64,
    /// Periods a shipment into this stage travels.
    pub lead_time: u32,
    /// Inventory level at the start (on hand if positive, backorders if negative).
    pub initial_inventory_level: f64,
}

/// A serial chain to simulate: `stages[0]` faces demand and follows `policy`; every other
/// stage orders up to its `base_stock_levels` entry (its local level, index 0 unused).
#[derive(Debug, Clone, PartialEq)]
pub struct Simulation<'a> {
    /// Stages, stage 0 (facing demand) first.
    pub stages: Vec<SimStage>,
    /// Stage 0's policy.
    pub policy: Policy,
    /// Local base-stock levels of stages 1…N − 1 (entry 0 is ignored).
    pub base_stock_levels: Vec<f64>,
    /// Stockout cost per unit backordered at stage 0 per period, ≥ 0.
    pub stockout_cost: f64,
    /// Demand at stage 0.
    pub demand: Demand<'a>,
    /// When demand arrives relative to ordering.
    pub event_order: EventOrder,
}

/// What happened at one stage in one period.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct StagePeriod {
    /// Demand (stage 0) or orders received from downstream.
    pub demand: f64,
    /// Quantity ordered.
    pub order_quantity: f64,
    /// Quantity received.
    pub inbound_shipment: f64,
    /// Ending inventory level (on hand − backorders).
    pub inventory_level: f64,
    /// Holding cost (on hand and in transit downstream).
    pub holding_cost: f64,
    /// Stockout cost.
    pub stockout_cost: f64,
}

impl StagePeriod {
    /// Holding plus stockout cost.
    pub fn total_cost(&self) -> f64 {
        self.holding_cost + self.stockout_cost
    }
}

/// A simulation's history: `periods[t][k]` is stage k in period t.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    /// Per period, per stage.
    pub periods: Vec<Vec<StagePeriod>>,
    /// Total cost over all periods and stages.
    pub total_cost: f64,
}

impl History {
    /// Average cost per period over the periods from `warm_up` on.
    pub fn average_cost(&self, warm_up: usize) -> f64 {
        let kept = &self.periods[warm_up.min(self.periods.len())..];
        let total: f64 = kept.iter().flatten().map(StagePeriod::total_cost).sum();
        total / kept.len().max(1) as f64
    }
}

/// A stage's state while simulating.
#[derive(Debug, Clone, Default)]
struct State {
    on_hand: f64,
    backorders: f64,
    on_order: f64,
    /// Shipments due, by period.
    arriving: Vec<f64>,
}

impl Simulation<'_> {
    /// A single stage.
    ///
    /// ```
    /// use flowcast_inventory::sim::{Demand, EventOrder, Policy, Simulation};
    /// // Order up to 18 each period, lead time 3, starting with 3 on hand.
    /// let run = Simulation::single_stage(1.47, 8.21, 3, 3.0, Policy::BaseStock { level: 18.0 },
    ///     Demand::Repeating(&[12.0, 12.0, 1.0, 4.0, 1.0, 7.0, 12.0]), EventOrder::DemandFirst)
    ///     .run(10, 0)?;
    /// assert_eq!(run.periods[0][0].order_quantity, 27.0);
    /// assert!((run.total_cost - 783.25).abs() < 1e-9);
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    pub fn single_stage<'a>(
        holding_cost: f64,
        stockout_cost: f64,
        lead_time: u32,
        initial_inventory_level: f64,
        policy: Policy,
        demand: Demand<'a>,
        event_order: EventOrder,
    ) -> Simulation<'a> {
        Simulation {
            stages: vec![SimStage {
                holding_cost,
                lead_time,
                initial_inventory_level,
            }],
            policy,
            base_stock_levels: vec![0.0],
            stockout_cost,
            demand,
            event_order,
        }
    }

    fn validate(&self) -> Result<()> {
        let n = check::non_empty("stages", self.stages.len())?;
        check::same_len(
            "base_stock_levels",
            self.base_stock_levels.len(),
            "stages",
            n,
        )?;
        for (k, s) in self.stages.iter().enumerate() {
            check::non_negative("holding_cost", s.holding_cost).map_err(|e| e.at(k))?;
            check::finite("initial_inventory_level", s.initial_inventory_level)
                .map_err(|e| e.at(k))?;
            if k > 0 {
                check::finite("base_stock_levels", self.base_stock_levels[k])
                    .map_err(|e| e.at(k))?;
            }
        }
        check::non_negative("stockout_cost", self.stockout_cost)?;
        self.policy.validate()?;
        match &self.demand {
            Demand::Repeating(values) => {
                check::non_empty("demand", values.len())?;
                for (t, &d) in values.iter().enumerate() {
                    check::non_negative("demand", d).map_err(|e| e.at(t))?;
                }
            }
            Demand::Random(d) => {
                d.quantile(0.5)?;
            }
        }
        Ok(())
    }

    /// Runs `periods` periods; `seed` drives random demand (unused for repeating demand).
    ///
    /// # Errors
    /// A negative or non-finite cost, level or demand, an (s, S) with S < s, a lot size ≤ 0,
    /// or invalid distribution parameters.
    pub fn run(&self, periods: usize, seed: u64) -> Result<History> {
        self.validate()?;
        let n = self.stages.len();
        let mut rng = Rng::seed_from(seed);
        let horizon = periods
            + self
                .stages
                .iter()
                .map(|s| s.lead_time as usize)
                .max()
                .unwrap_or(0)
            + 1;
        let mut state: Vec<State> = self
            .stages
            .iter()
            .map(|s| State {
                on_hand: s.initial_inventory_level.max(0.0),
                backorders: (-s.initial_inventory_level).max(0.0),
                on_order: 0.0,
                arriving: vec![0.0; horizon],
            })
            .collect();
        let mut history = Vec::with_capacity(periods);
        let mut total = 0.0;
        for t in 0..periods {
            let mut rec = vec![StagePeriod::default(); n];
            // 1. Receive, upstream first, and pass on what downstream is owed.
            for k in (0..n).rev() {
                let due = std::mem::take(&mut state[k].arriving[t]);
                self.receive(&mut state, &mut rec, k, due, t);
            }
            // 2. Demand and orders.
            let d = match &self.demand {
                Demand::Repeating(values) => values[t % values.len()],
                Demand::Random(dist) => {
                    let u = ((rng.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64;
                    dist.quantile(u)?.max(0.0)
                }
            };
            rec[0].demand = d;
            if self.event_order == EventOrder::DemandFirst {
                self.fill(&mut state, &mut rec, 0, d, t);
            }
            for k in 0..n {
                let s = &state[k];
                let ip = s.on_hand - s.backorders + s.on_order;
                let q = if k == 0 {
                    self.policy.order(ip)
                } else {
                    (self.base_stock_levels[k] - ip).max(0.0)
                };
                rec[k].order_quantity = q;
                state[k].on_order += q;
                if k + 1 < n {
                    rec[k + 1].demand = q;
                    self.fill(&mut state, &mut rec, k + 1, q, t);
                } else {
                    self.send(&mut state, &mut rec, k, q, t);
                }
            }
            if self.event_order == EventOrder::OrderFirst {
                self.fill(&mut state, &mut rec, 0, d, t);
            }
            // 3. Costs on the ending state.
            for k in 0..n {
                let s = &state[k];
                let travelling: f64 = if k > 0 {
                    state[k - 1].on_order - state[k].backorders
                } else {
                    0.0
                };
                rec[k].inventory_level = s.on_hand - s.backorders;
                rec[k].holding_cost =
                    self.stages[k].holding_cost * (s.on_hand + travelling.max(0.0));
                if k == 0 {
                    rec[k].stockout_cost = self.stockout_cost * s.backorders;
                }
                total += rec[k].total_cost();
            }
            history.push(rec);
        }
        Ok(History {
            periods: history,
            total_cost: total,
        })
    }

    /// Stage k takes in `qty` (at period t) and ships what it owes downstream.
    fn receive(&self, state: &mut [State], rec: &mut [StagePeriod], k: usize, qty: f64, t: usize) {
        if qty == 0.0 {
            return;
        }
        rec[k].inbound_shipment += qty;
        state[k].on_hand += qty;
        state[k].on_order -= qty;
        self.ship_backorders(state, rec, k, t);
    }

    /// Stage k is asked for `qty` more (by demand or by its customer's order) and ships what it can.
    fn fill(&self, state: &mut [State], rec: &mut [StagePeriod], k: usize, qty: f64, t: usize) {
        state[k].backorders += qty;
        self.ship_backorders(state, rec, k, t);
    }

    fn ship_backorders(&self, state: &mut [State], rec: &mut [StagePeriod], k: usize, t: usize) {
        let x = state[k].on_hand.min(state[k].backorders);
        if x <= 0.0 {
            return;
        }
        state[k].on_hand -= x;
        state[k].backorders -= x;
        if k > 0 {
            self.send(state, rec, k - 1, x, t);
        }
    }

    /// Goods bound for stage k leave its supplier at period t.
    fn send(&self, state: &mut [State], rec: &mut [StagePeriod], k: usize, qty: f64, t: usize) {
        if qty <= 0.0 {
            return;
        }
        let due = t + self.stages[k].lead_time as usize;
        if due == t {
            self.receive(state, rec, k, qty, t);
        } else if due < state[k].arriving.len() {
            state[k].arriving[due] += qty;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_first_covers_one_more_period() {
        // Constant demand 5, lead time 2, base stock 15: with OrderFirst the stage never runs
        // short (15 covers L + 1 = 3 periods); with DemandFirst 10 would be enough.
        let run = |order, level| {
            Simulation::single_stage(
                1.0,
                10.0,
                2,
                level,
                Policy::BaseStock { level },
                Demand::Repeating(&[5.0]),
                order,
            )
            .run(30, 0)
            .unwrap()
        };
        let first = run(EventOrder::OrderFirst, 15.0);
        assert!(
            first.periods[5..]
                .iter()
                .all(|p| p[0].inventory_level == 0.0)
        );
        let demand_first = run(EventOrder::DemandFirst, 10.0);
        assert!(
            demand_first.periods[5..]
                .iter()
                .all(|p| p[0].inventory_level == 0.0)
        );
    }

    #[test]
    fn r_nq_orders_enough_lots_and_one_lot_does_not() {
        let p = Policy::Rq {
            reorder_point: 10.0,
            order_quantity: 4.0,
        };
        assert_eq!(p.order(3.0), 8.0);
        assert_eq!(p.order(10.0), 4.0);
        assert_eq!(p.order(11.0), 0.0);
        let one = Policy::RqOneLot {
            reorder_point: 10.0,
            order_quantity: 4.0,
        };
        assert_eq!(one.order(3.0), 4.0);
    }

    #[test]
    fn the_same_seed_replays_exactly() {
        let sim = Simulation::single_stage(
            1.0,
            9.0,
            1,
            0.0,
            Policy::BaseStock { level: 12.0 },
            Demand::Random(Distribution::Poisson { mean: 5.0 }),
            EventOrder::DemandFirst,
        );
        assert_eq!(sim.run(200, 7).unwrap(), sim.run(200, 7).unwrap());
        assert_ne!(
            sim.run(200, 7).unwrap().total_cost,
            sim.run(200, 8).unwrap().total_cost
        );
    }

    #[test]
    fn bad_input_is_named() {
        let bad = Simulation::single_stage(
            1.0,
            9.0,
            1,
            0.0,
            Policy::Ss {
                reorder_point: 5.0,
                order_up_to_level: 2.0,
            },
            Demand::Repeating(&[1.0]),
            EventOrder::DemandFirst,
        );
        assert!(
            bad.run(3, 0)
                .unwrap_err()
                .to_string()
                .starts_with("order_up_to_level = 2")
        );
        let bad = Simulation::single_stage(
            1.0,
            9.0,
            1,
            0.0,
            Policy::BaseStock { level: 5.0 },
            Demand::Repeating(&[1.0, -2.0]),
            EventOrder::DemandFirst,
        );
        assert!(
            bad.run(3, 0)
                .unwrap_err()
                .to_string()
                .starts_with("demand[1] = -2")
        );
    }
}

//! Optimal ordering by value iteration over the `[pipeline, on hand]` state, for small systems.
//!
//! Each state entry is an order (or what is left of one), so with a maximum order Q the
//! states are the (Q + 1)^(m − 1 + L) vectors with entries in 0..=Q (viso_jax's state space).
//! Actions are the orders 0..=Q; the one-period reward is `price·sales − cost`. With a
//! discount below 1 this is plain value iteration, stopped when no value moves by more than
//! the tolerance (viso_jax's rule); with discount 1 it is relative value iteration (Puterman
//! §8.5.5), stopped when the span of the value changes is below the tolerance, and the mean of
//! the smallest and largest change is the optimal long-run reward per period. Either way the
//! policy is greedy with respect to the final values, taking the smallest order on ties.
//!
//! With L ≥ 1 the demand outcomes of a state do not depend on the order, so they are found
//! once per state and sweep, and the values of all orders are accumulated together over
//! contiguous memory (the state index puts the newest order in the fastest-moving place).

use flowcast_core::{ErrorCode, ValidationError, check};

use super::{PerishableSystem, Stepper};
use crate::error::Result;

/// Most states value iteration will take on, (Q + 1)^(m − 1 + L).
pub const MAX_VI_STATES: usize = 5_000_000;

/// Discounting and stopping for [`PerishableSystem::optimal_policy`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValueIterationOptions {
    /// Discount factor in (0, 1]; 1 means long-run average reward (relative value iteration).
    pub discount: f64,
    /// Stop when the sup-norm change (discount < 1) or the span of the changes (discount 1)
    /// falls below this (> 0).
    pub tolerance: f64,
    /// Sweeps allowed (≥ 1).
    pub max_iterations: usize,
}

impl Default for ValueIterationOptions {
    /// Average reward, tolerance 1e-6, 10 000 sweeps.
    fn default() -> Self {
        Self {
            discount: 1.0,
            tolerance: 1e-6,
            max_iterations: 10_000,
        }
    }
}

/// An optimal stationary ordering policy over `[pipeline, on hand]` states.
#[derive(Debug, Clone, PartialEq)]
pub struct OptimalPolicy {
    /// Lifetime m of the system.
    pub lifetime: u32,
    /// Lead time L of the system.
    pub lead_time: u32,
    /// Maximum order Q (entries and actions run over 0..=Q).
    pub max_order: u32,
    /// Order for each state; state `x` (m − 1 + L entries) has index Σᵢ xᵢ·(Q + 1)ⁱ.
    pub orders: Vec<u32>,
    /// Final values (relative to the empty state when the discount is 1).
    pub values: Vec<f64>,
    /// Optimal long-run reward per period (`price·sales − cost`), when the discount is 1.
    pub average_reward: Option<f64>,
    /// Sweeps run.
    pub iterations: usize,
    /// Whether the stopping rule was met within the allowed sweeps.
    pub converged: bool,
}

impl OptimalPolicy {
    /// Number of states, (Q + 1)^(m − 1 + L).
    pub fn n_states(&self) -> usize {
        self.orders.len()
    }

    /// Index of `state` in [`orders`](Self::orders) and [`values`](Self::values).
    ///
    /// # Errors
    /// A state of the wrong length or with an entry above the maximum order.
    pub fn state_index(&self, state: &[u32]) -> Result<usize> {
        let k = (self.lifetime - 1) as usize + self.lead_time as usize;
        check::same_len("state", state.len(), "m - 1 + L", k)?;
        let radix = self.max_order as usize + 1;
        let mut index = 0;
        for (i, &x) in state.iter().enumerate().rev() {
            if x > self.max_order {
                return Err(ValidationError::new(
                    ErrorCode::OutOfRange,
                    "state",
                    x,
                    "must be at most the maximum order",
                )
                .at(i)
                .into());
            }
            index = index * radix + x as usize;
        }
        Ok(index)
    }

    /// The order for `state` (`[pipeline, on hand]`, youngest first).
    ///
    /// # Errors
    /// As [`state_index`](Self::state_index).
    pub fn order(&self, state: &[u32]) -> Result<u32> {
        Ok(self.orders[self.state_index(state)?])
    }
}

impl PerishableSystem {
    /// An optimal ordering policy by (relative) value iteration; needs
    /// [`max_order`](Self::max_order).
    ///
    /// ```
    /// use flowcast_expiry::perishable::{Costs, DemandPmf, Issuing, PerishableSystem,
    ///     ValueIterationOptions};
    /// // Hendrix et al. (2019), m = 2: price 1, unit cost 0.5, Poisson(5), orders up to 10.
    /// let costs = Costs { order: 0.5, price: Some(1.0), ..Costs::default() };
    /// let system = PerishableSystem::new(2, 1, DemandPmf::poisson(5.0)?, Issuing::Fifo)
    ///     .with_costs(costs)
    ///     .with_max_order(10);
    /// let policy = system.optimal_policy(&ValueIterationOptions::default())?;
    /// assert!(policy.converged);
    /// assert!((policy.average_reward.unwrap() - 2.22).abs() < 0.005);
    /// # Ok::<(), flowcast_expiry::Error>(())
    /// ```
    ///
    /// # Errors
    /// Invalid system fields, no maximum order, a discount outside (0, 1], a non-positive
    /// tolerance, no sweeps allowed, or more than [`MAX_VI_STATES`] states.
    pub fn optimal_policy(&self, options: &ValueIterationOptions) -> Result<OptimalPolicy> {
        self.validate()?;
        let Some(q) = self.max_order else {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "max_order",
                "None",
                "must be set for value iteration (it bounds the actions and the states)",
            )
            .into());
        };
        let q = q as u32;
        let discount = check::positive("discount", options.discount)?;
        if discount > 1.0 {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "discount",
                discount,
                "must be at most 1",
            )
            .into());
        }
        check::positive("tolerance", options.tolerance)?;
        if options.max_iterations == 0 {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "max_iterations",
                0,
                "must be at least 1",
            )
            .into());
        }
        let k = self.state_len();
        let radix = q as usize + 1;
        let n = (0..k)
            .try_fold(1usize, |n, _| {
                n.checked_mul(radix).filter(|&n| n <= MAX_VI_STATES)
            })
            .ok_or_else(|| {
                ValidationError::new(
                    ErrorCode::OutOfRange,
                    "max_order",
                    q,
                    format!(
                        "gives more than {MAX_VI_STATES} states ((Q + 1)^(m - 1 + L) with m = {}, \
                         L = {}): too large for value iteration",
                        self.lifetime, self.lead_time
                    ),
                )
            })?;
        let mut sweeper = Sweeper::new(self, q, discount);
        let mut values = vec![0.0; n];
        let mut new = vec![0.0; n];
        let mut orders = vec![0u32; n];
        let mut converged = false;
        let mut iterations = 0;
        let mut average_reward = None;
        while iterations < options.max_iterations {
            iterations += 1;
            sweeper.sweep(&values, &mut new, &mut orders);
            let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
            for (a, b) in new.iter().zip(&values) {
                lo = lo.min(a - b);
                hi = hi.max(a - b);
            }
            let done = if discount < 1.0 {
                hi.max(-lo) < options.tolerance
            } else {
                average_reward = Some(0.5 * (lo + hi));
                hi - lo < options.tolerance
            };
            std::mem::swap(&mut values, &mut new);
            if discount == 1.0 {
                let reference = values[0];
                for v in &mut values {
                    *v -= reference;
                }
            }
            if done {
                converged = true;
                break;
            }
        }
        // The policy is greedy with respect to the final values.
        sweeper.sweep(&values, &mut new, &mut orders);
        Ok(OptimalPolicy {
            lifetime: self.lifetime,
            lead_time: self.lead_time,
            max_order: q,
            orders,
            values,
            average_reward,
            iterations,
            converged,
        })
    }
}

/// One Bellman sweep over all states, with its buffers.
struct Sweeper<'a> {
    system: &'a PerishableSystem,
    stepper: Stepper,
    max_order: u32,
    discount: f64,
    pmf: &'a [f64],
    tail: Vec<f64>,
    loss: Vec<f64>,
    /// (Q + 1)^i.
    pow: Vec<usize>,
    state: Vec<u32>,
    next: Vec<u32>,
    /// (successor index, probability) of the current state.
    outcomes: Vec<(usize, f64)>,
    /// Expected future value of each order.
    acc: Vec<f64>,
}

impl<'a> Sweeper<'a> {
    fn new(system: &'a PerishableSystem, max_order: u32, discount: f64) -> Self {
        let k = system.state_len();
        let radix = max_order as usize + 1;
        let tail = system.demand.tail();
        let loss = system.demand.loss(&tail);
        Self {
            system,
            stepper: Stepper::new(system),
            max_order,
            discount,
            pmf: system.demand.probabilities(),
            tail,
            loss,
            pow: (0..k).map(|i| radix.pow(i as u32)).collect(),
            state: vec![0; k],
            next: vec![0; k],
            outcomes: Vec::new(),
            acc: vec![0.0; radix],
        }
    }

    /// Demand outcomes of the current state under order `q`: fills `outcomes` with successor
    /// indices (without the newest order's place when `skip_first`) and returns the expected
    /// one-period reward before the order cost.
    fn outcomes(&mut self, q: u32, skip_first: bool) -> f64 {
        let costs = self.system.costs;
        let available = self.stepper.receive(&self.state, q);
        let top = available.min(self.pmf.len() as u64 - 1) as usize;
        self.outcomes.clear();
        let mut reward = 0.0;
        for d in 0..=top {
            let p = if d == top { self.tail[d] } else { self.pmf[d] };
            if p == 0.0 {
                continue;
            }
            let f = self.stepper.serve(&self.state, q, d as u64, &mut self.next);
            reward -= p * (costs.wastage * f.outdate as f64 + costs.holding * f.end_on_hand as f64);
            let index = if skip_first {
                self.next[1..]
                    .iter()
                    .zip(&self.pow)
                    .map(|(&x, &w)| x as usize * w)
                    .sum()
            } else {
                self.next
                    .iter()
                    .zip(&self.pow)
                    .map(|(&x, &w)| x as usize * w)
                    .sum()
            };
            match self.outcomes.last_mut() {
                Some(last) if last.0 == index => last.1 += p,
                _ => self.outcomes.push((index, p)),
            }
        }
        let a = (available as usize).min(self.loss.len() - 1);
        let lost = self.loss[a];
        let sales = self.loss[0] - lost;
        reward + costs.price.unwrap_or(0.0) * sales - costs.shortage * lost
    }

    /// `new[s] = max over orders of (reward + discount·E[values of successor])`, with the
    /// smallest maximising order in `orders[s]`.
    fn sweep(&mut self, values: &[f64], new: &mut [f64], orders: &mut [u32]) {
        let radix = self.max_order as usize + 1;
        let order_cost = self.system.costs.order;
        let lead_time = self.system.lead_time;
        self.state.fill(0);
        for s in 0..new.len() {
            let (mut best, mut best_q) = (f64::NEG_INFINITY, 0);
            if lead_time > 0 {
                let reward = self.outcomes(0, true);
                self.acc.fill(0.0);
                for &(rest, p) in &self.outcomes {
                    let block = &values[rest * radix..(rest + 1) * radix];
                    for (a, v) in self.acc.iter_mut().zip(block) {
                        *a += p * v;
                    }
                }
                for (q, &future) in self.acc.iter().enumerate() {
                    let value = reward - order_cost * q as f64 + self.discount * future;
                    if value > best {
                        (best, best_q) = (value, q as u32);
                    }
                }
            } else {
                for q in 0..=self.max_order {
                    let reward = self.outcomes(q, false);
                    let future: f64 = self.outcomes.iter().map(|&(j, p)| p * values[j]).sum();
                    let value = reward - order_cost * f64::from(q) + self.discount * future;
                    if value > best {
                        (best, best_q) = (value, q);
                    }
                }
            }
            new[s] = best;
            orders[s] = best_q;
            // Odometer: entry 0 moves fastest, matching the index Σ xᵢ (Q + 1)ⁱ.
            for x in &mut self.state {
                if *x < self.max_order {
                    *x += 1;
                    break;
                }
                *x = 0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Costs, DemandPmf, Issuing};
    use super::*;
    use crate::Error;

    fn field(r: Result<OptimalPolicy>) -> String {
        match r.unwrap_err() {
            Error::Invalid(e) => e.field.into_owned(),
        }
    }

    #[test]
    fn state_index_round_trips() {
        let sys = PerishableSystem::new(2, 1, DemandPmf::poisson(2.0).unwrap(), Issuing::Fifo)
            .with_costs(Costs {
                order: 1.0,
                price: Some(3.0),
                ..Costs::default()
            })
            .with_max_order(4);
        let p = sys
            .optimal_policy(&ValueIterationOptions::default())
            .unwrap();
        assert_eq!(p.n_states(), 25);
        assert_eq!(p.state_index(&[3, 2]).unwrap(), 3 + 2 * 5);
        assert!(p.order(&[5, 0]).is_err());
        assert!(p.order(&[1]).is_err());
    }

    #[test]
    fn zero_lead_time_matches_the_best_base_stock_when_that_is_optimal() {
        // m = 1 has a single state: the policy is the newsvendor order, and its long-run reward
        // equals the exact evaluation of that base stock.
        let costs = Costs {
            order: 1.0,
            holding: 0.2,
            shortage: 2.0,
            wastage: 0.5,
            price: Some(4.0),
        };
        let sys = PerishableSystem::new(1, 0, DemandPmf::poisson(6.0).unwrap(), Issuing::Fifo)
            .with_costs(costs)
            .with_max_order(20);
        let p = sys
            .optimal_policy(&ValueIterationOptions::default())
            .unwrap();
        assert_eq!(p.n_states(), 1);
        let best = sys.optimize_base_stock(Some(0..=20)).unwrap();
        assert_eq!(i64::from(p.orders[0]), best.base_stock);
        let exact = best.metrics.expected_reward.unwrap();
        assert!((p.average_reward.unwrap() - exact).abs() < 1e-9);
    }

    #[test]
    fn rejects_bad_options() {
        let sys = PerishableSystem::new(2, 1, DemandPmf::poisson(2.0).unwrap(), Issuing::Fifo);
        assert_eq!(
            field(sys.optimal_policy(&ValueIterationOptions::default())),
            "max_order"
        );
        let sys = sys.with_max_order(3);
        let o = ValueIterationOptions::default();
        assert_eq!(
            field(sys.optimal_policy(&ValueIterationOptions { discount: 1.5, ..o })),
            "discount"
        );
        assert_eq!(
            field(sys.optimal_policy(&ValueIterationOptions { discount: 0.0, ..o })),
            "discount"
        );
        assert_eq!(
            field(sys.optimal_policy(&ValueIterationOptions {
                tolerance: f64::NAN,
                ..o
            })),
            "tolerance"
        );
        assert_eq!(
            field(sys.optimal_policy(&ValueIterationOptions {
                max_iterations: 0,
                ..o
            })),
            "max_iterations"
        );
        let big = PerishableSystem::new(6, 2, DemandPmf::poisson(2.0).unwrap(), Issuing::Fifo)
            .with_max_order(30);
        assert_eq!(field(big.optimal_policy(&o)), "max_order");
    }
}

//! Seeded simulation of a base-stock policy, for systems beyond the exact method.

use flowcast_core::{ErrorCode, Rng, ValidationError};

use super::{PerishableMetrics, PerishableSystem, Stepper, units};
use crate::error::Result;

/// How long to simulate and how to estimate the error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SimOptions {
    /// Periods measured, after the warm-up (at least `batches`).
    pub periods: usize,
    /// Periods run first and discarded, from an empty system.
    pub warm_up: usize,
    /// Seed of the demand stream: the same seed gives the same run.
    pub seed: u64,
    /// Batches for the batch-means standard errors (at least 2).
    pub batches: usize,
}

impl Default for SimOptions {
    /// 100 000 periods after 1 000 of warm-up, seed 0, 20 batches.
    fn default() -> Self {
        Self {
            periods: 100_000,
            warm_up: 1_000,
            seed: 0,
            batches: 20,
        }
    }
}

/// Standard errors of simulated per-period means (batch means).
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct MetricErrors {
    /// Of the mean order.
    pub order: f64,
    /// Of the mean sales.
    pub sales: f64,
    /// Of the mean lost sales.
    pub lost_sales: f64,
    /// Of the mean outdate.
    pub outdate: f64,
    /// Of the mean end-on-hand stock.
    pub end_on_hand: f64,
    /// Of the mean cost.
    pub cost: f64,
}

/// Simulated metrics with their standard errors.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct SimEstimate {
    /// Means over the measured periods; `fill_rate` is sales over realised demand and
    /// `n_states` is 0.
    pub metrics: PerishableMetrics,
    /// Batch-means standard errors of the flows and the cost.
    pub std_errors: MetricErrors,
    /// Periods measured.
    pub periods: usize,
}

impl PerishableSystem {
    /// Simulates the base-stock policy with level `base_stock` (orders capped at
    /// [`max_order`](Self::max_order) if set), starting empty, and estimates its long-run
    /// metrics. Any lifetime, lead time and pmf works; run time grows with periods × (m + L).
    ///
    /// ```
    /// use flowcast_expiry::perishable::{DemandPmf, Issuing, PerishableSystem, SimOptions};
    /// let system = PerishableSystem::new(2, 0, DemandPmf::poisson(3.0)?, Issuing::Fifo);
    /// let est = system.simulate(5, &SimOptions { seed: 7, ..SimOptions::default() })?;
    /// let exact = system.evaluate(5)?;
    /// let z = (est.metrics.expected_outdate - exact.expected_outdate) / est.std_errors.outdate;
    /// assert!(z.abs() < 5.0);
    /// # Ok::<(), flowcast_expiry::Error>(())
    /// ```
    ///
    /// # Errors
    /// Invalid system fields, a negative `base_stock`, fewer than 2 batches or fewer periods
    /// than batches.
    pub fn simulate(&self, base_stock: i64, options: &SimOptions) -> Result<SimEstimate> {
        self.validate()?;
        let s = units("base_stock", base_stock)?;
        let (periods, batches) = (options.periods, options.batches);
        if batches < 2 {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "batches",
                batches,
                "must be at least 2",
            )
            .into());
        }
        if periods < batches {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "periods",
                periods,
                format!("must be at least the number of batches ({batches})"),
            )
            .into());
        }
        let cap = self.order_cap();
        let cdf = self.demand.cdf();
        let mut rng = Rng::seed_from(options.seed);
        let mut stepper = Stepper::new(self);
        let k = self.state_len();
        let mut state = vec![0u32; k];
        let mut next = vec![0u32; k];
        let per_batch = periods / batches;
        let measured = per_batch * batches;
        // Per batch: order, sales, lost, outdate, end on hand, cost, demand.
        let mut sums = vec![[0.0f64; 7]; batches];
        for t in 0..options.warm_up + measured {
            let position: u64 = state.iter().map(|&x| u64::from(x)).sum();
            let q = (u64::from(s).saturating_sub(position)).min(u64::from(cap)) as u32;
            let u = rng.uniform();
            let demand = cdf.partition_point(|&c| c <= u).min(cdf.len() - 1) as u64;
            stepper.receive(&state, q);
            let f = stepper.serve(&state, q, demand, &mut next);
            std::mem::swap(&mut state, &mut next);
            if t < options.warm_up {
                continue;
            }
            let b = (t - options.warm_up) / per_batch;
            let lost = (demand - f.sales) as f64;
            let flows = [
                f64::from(q),
                f.sales as f64,
                lost,
                f.outdate as f64,
                f.end_on_hand as f64,
            ];
            let cost = self.costs.cost(flows[0], flows[4], lost, flows[3]);
            let acc = &mut sums[b];
            for (a, x) in acc
                .iter_mut()
                .zip(flows.iter().chain([cost, demand as f64].iter()))
            {
                *a += x;
            }
        }
        let mut means = [0.0; 7];
        for batch in &mut sums {
            for (m, x) in means.iter_mut().zip(batch.iter_mut()) {
                *x /= per_batch as f64;
                *m += *x / batches as f64;
            }
        }
        let se = |i: usize| {
            let var =
                sums.iter().map(|b| (b[i] - means[i]).powi(2)).sum::<f64>() / (batches - 1) as f64;
            (var / batches as f64).sqrt()
        };
        let [order, sales, lost, outdate, end_on_hand, _, demand] = means;
        Ok(SimEstimate {
            metrics: PerishableMetrics::from_flows(
                &self.costs,
                order,
                sales,
                lost,
                outdate,
                end_on_hand,
                demand,
                0,
            ),
            std_errors: MetricErrors {
                order: se(0),
                sales: se(1),
                lost_sales: se(2),
                outdate: se(3),
                end_on_hand: se(4),
                cost: se(5),
            },
            periods: measured,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Costs, DemandPmf, Issuing};
    use super::*;
    use crate::Error;

    #[test]
    fn same_seed_same_run() {
        let sys = PerishableSystem::new(3, 1, DemandPmf::poisson(2.0).unwrap(), Issuing::Lifo);
        let o = SimOptions {
            periods: 5_000,
            ..SimOptions::default()
        };
        assert_eq!(sys.simulate(6, &o).unwrap(), sys.simulate(6, &o).unwrap());
        let other = SimOptions { seed: 1, ..o };
        assert_ne!(
            sys.simulate(6, &o).unwrap(),
            sys.simulate(6, &other).unwrap()
        );
    }

    #[test]
    fn agrees_with_exact_with_lead_time_and_cap() {
        let costs = Costs {
            order: 3.0,
            holding: 1.0,
            shortage: 5.0,
            wastage: 7.0,
            price: Some(10.0),
        };
        let sys = PerishableSystem::new(3, 2, DemandPmf::poisson(2.5).unwrap(), Issuing::Fifo)
            .with_costs(costs)
            .with_max_order(4);
        let exact = sys.evaluate(9).unwrap();
        let est = sys
            .simulate(
                9,
                &SimOptions {
                    periods: 200_000,
                    seed: 11,
                    ..SimOptions::default()
                },
            )
            .unwrap();
        let (m, e) = (est.metrics, est.std_errors);
        for (got, want, se) in [
            (m.expected_order, exact.expected_order, e.order),
            (m.expected_sales, exact.expected_sales, e.sales),
            (
                m.expected_lost_sales,
                exact.expected_lost_sales,
                e.lost_sales,
            ),
            (m.expected_outdate, exact.expected_outdate, e.outdate),
            (
                m.expected_end_on_hand,
                exact.expected_end_on_hand,
                e.end_on_hand,
            ),
            (m.expected_cost, exact.expected_cost, e.cost),
        ] {
            assert!(
                se > 0.0 && ((got - want) / se).abs() < 5.0,
                "{got} vs {want} (se {se})"
            );
        }
    }

    #[test]
    fn rejects_bad_options() {
        let sys = PerishableSystem::new(2, 0, DemandPmf::poisson(2.0).unwrap(), Issuing::Fifo);
        let bad = |o: SimOptions| match sys.simulate(3, &o).unwrap_err() {
            Error::Invalid(e) => e.field,
        };
        assert_eq!(
            bad(SimOptions {
                batches: 1,
                ..SimOptions::default()
            }),
            "batches"
        );
        assert_eq!(
            bad(SimOptions {
                periods: 3,
                ..SimOptions::default()
            }),
            "periods"
        );
        assert!(sys.simulate(-1, &SimOptions::default()).is_err());
    }
}

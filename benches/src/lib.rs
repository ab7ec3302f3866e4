//! Deterministic inputs for the benches: batches of SKUs and temperature logs that look like
//! real ones (skewed demand, lead times of days to weeks, fridge logs with excursions).

use flowcast_core::Rng;

/// One column per SKU parameter, `n` rows.
#[derive(Debug, Clone)]
pub struct SkuBatch {
    /// Fixed cost per order.
    pub order_cost: Vec<f64>,
    /// Holding cost per unit per year.
    pub holding_cost: Vec<f64>,
    /// Demand per year.
    pub annual_demand: Vec<f64>,
    /// Mean demand per day.
    pub demand_mean: Vec<f64>,
    /// Standard deviation of daily demand.
    pub demand_sd: Vec<f64>,
    /// Mean lead time in days.
    pub lead_time: Vec<f64>,
    /// Standard deviation of the lead time in days.
    pub lead_time_sd: Vec<f64>,
    /// Cycle service level target per SKU.
    pub service_level: Vec<f64>,
}

/// `n` SKUs drawn with seed `seed`.
pub fn sku_batch(n: usize, seed: u64) -> SkuBatch {
    let mut rng = Rng::seed_from(seed);
    let mut b = SkuBatch {
        order_cost: Vec::with_capacity(n),
        holding_cost: Vec::with_capacity(n),
        annual_demand: Vec::with_capacity(n),
        demand_mean: Vec::with_capacity(n),
        demand_sd: Vec::with_capacity(n),
        lead_time: Vec::with_capacity(n),
        lead_time_sd: Vec::with_capacity(n),
        service_level: Vec::with_capacity(n),
    };
    for _ in 0..n {
        // Log-uniform daily demand from 0.1 to 1,000 units.
        let daily = 10f64.powf(rng.uniform() * 4.0 - 1.0);
        b.demand_mean.push(daily);
        b.demand_sd.push(daily.sqrt() * (0.5 + rng.uniform()));
        b.annual_demand.push(daily * 365.0);
        b.order_cost.push(20.0 + 80.0 * rng.uniform());
        b.holding_cost.push(0.25 * (1.0 + 99.0 * rng.uniform()));
        b.lead_time.push(1.0 + 20.0 * rng.uniform());
        b.lead_time_sd.push(2.0 * rng.uniform());
        b.service_level.push(0.9 + 0.099 * rng.uniform());
    }
    b
}

/// `n` fridge readings (°C) around 5 °C with a daily cycle and an occasional warm spell.
pub fn fridge_log(n: usize, seed: u64) -> Vec<f64> {
    let mut rng = Rng::seed_from(seed);
    (0..n)
        .map(|i| {
            let hour = (i % 1440) as f64 / 60.0;
            let spell = if i % 50_000 < 90 { 9.0 } else { 0.0 };
            5.0 + 1.5 * (hour / 24.0 * std::f64::consts::TAU).sin()
                + 0.3 * rng.standard_normal()
                + spell
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_are_valid_and_reproducible() {
        let a = sku_batch(1000, 1);
        assert_eq!(a.demand_mean, sku_batch(1000, 1).demand_mean);
        assert!(a.demand_mean.iter().all(|&d| d > 0.0));
        assert!(a.service_level.iter().all(|&s| s > 0.0 && s < 1.0));
        let log = fridge_log(10_000, 2);
        assert!(log.iter().all(|t| t.is_finite() && *t > -273.15));
    }
}

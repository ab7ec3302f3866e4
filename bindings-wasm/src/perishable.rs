//! Perishable-inventory exports: exact base-stock values, simulation, the optimal base stock and
//! value-iteration policies for fixed-lifetime stock under FIFO or LIFO issuing.

use flowcast_expiry::perishable::{
    Costs, DemandPmf, Issuing, PerishableSystem, SimOptions, ValueIterationOptions,
};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::errors::{from_expiry, invalid};
use crate::json::{from_js_value, read, to_js};

#[wasm_bindgen]
extern "C" {
    /// A perishable system and what to compute (declared in TypeScript).
    #[wasm_bindgen(typescript_type = "PerishableOptions")]
    pub type PerishableOptions;
    /// Exact or simulated metrics (declared in TypeScript).
    #[wasm_bindgen(typescript_type = "PerishableMetrics")]
    pub type PerishableMetricsJs;
    /// Simulated metrics with standard errors (declared in TypeScript).
    #[wasm_bindgen(typescript_type = "PerishableSimulation")]
    pub type PerishableSimulationJs;
    /// The best base stock (declared in TypeScript).
    #[wasm_bindgen(typescript_type = "PerishableOptimum")]
    pub type PerishableOptimumJs;
    /// An optimal policy (declared in TypeScript).
    #[wasm_bindgen(typescript_type = "PerishablePolicy")]
    pub type PerishablePolicyJs;
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    lifetime: u32,
    #[serde(default)]
    order_up_to: Option<i64>,
    #[serde(default)]
    demand_mean: Option<f64>,
    #[serde(default)]
    demand_pmf: Option<Vec<f64>>,
    #[serde(default)]
    gamma: Option<Gamma>,
    #[serde(default)]
    issuing: Option<String>,
    #[serde(default)]
    lead_time: u32,
    #[serde(default)]
    order_cost: f64,
    #[serde(default)]
    holding_cost: f64,
    #[serde(default)]
    shortage_cost: f64,
    #[serde(default)]
    wastage_cost: f64,
    #[serde(default)]
    price: Option<f64>,
    #[serde(default)]
    max_order: Option<i64>,
    #[serde(default)]
    search: Option<[i64; 2]>,
    #[serde(default)]
    periods: Option<usize>,
    #[serde(default)]
    warm_up: Option<usize>,
    #[serde(default)]
    seed: Option<u64>,
    #[serde(default)]
    batches: Option<usize>,
    #[serde(default)]
    discount: Option<f64>,
    #[serde(default)]
    tolerance: Option<f64>,
    #[serde(default)]
    max_iterations: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Gamma {
    mean: f64,
    cov: f64,
    max_demand: u32,
}

fn wrong(field: &'static str, reason: &'static str) -> JsValue {
    invalid(&flowcast_core::ValidationError::new(
        flowcast_core::ErrorCode::WrongType,
        field,
        "given",
        reason,
    ))
}

fn spec(options: PerishableOptions) -> Result<(Spec, PerishableSystem), JsValue> {
    let s: Spec = read("options", from_js_value("options", &options.into())?)?;
    let issuing = match s.issuing.as_deref().unwrap_or("fifo") {
        "fifo" | "FIFO" => Issuing::Fifo,
        "lifo" | "LIFO" => Issuing::Lifo,
        _ => return Err(wrong("issuing", "must be \"fifo\" or \"lifo\"")),
    };
    let demand = match (s.demand_mean, &s.demand_pmf, &s.gamma) {
        (Some(mean), None, None) => DemandPmf::poisson(mean),
        (None, Some(p), None) => DemandPmf::new(p.clone()),
        (None, None, Some(g)) => DemandPmf::gamma_rounded(g.mean, g.cov, g.max_demand),
        _ => {
            return Err(wrong(
                "demandMean",
                "give exactly one of demandMean (Poisson), demandPmf or gamma",
            ));
        }
    }
    .map_err(from_expiry)?;
    let mut system =
        PerishableSystem::new(s.lifetime, s.lead_time, demand, issuing).with_costs(Costs {
            order: s.order_cost,
            holding: s.holding_cost,
            shortage: s.shortage_cost,
            wastage: s.wastage_cost,
            price: s.price,
        });
    if let Some(q) = s.max_order {
        system = system.with_max_order(q);
    }
    Ok((s, system))
}

fn level(s: &Spec) -> Result<i64, JsValue> {
    s.order_up_to
        .ok_or_else(|| wrong("orderUpTo", "is required"))
}

/// Exact stationary values of base stock `orderUpTo` (Poisson `demandMean`, a `demandPmf` or
/// `gamma` demand; lost sales; FIFO or LIFO).
#[wasm_bindgen(js_name = perishableBaseStock)]
pub fn perishable_base_stock(options: PerishableOptions) -> Result<PerishableMetricsJs, JsValue> {
    let (s, system) = spec(options)?;
    let m = system.evaluate(level(&s)?).map_err(from_expiry)?;
    Ok(to_js(&m)?.unchecked_into())
}

/// The same values by seeded simulation (`periods`, `warmUp`, `seed`, `batches`).
#[wasm_bindgen(js_name = simulatePerishable)]
pub fn simulate_perishable(options: PerishableOptions) -> Result<PerishableSimulationJs, JsValue> {
    let (s, system) = spec(options)?;
    let o = SimOptions {
        periods: s.periods.unwrap_or(100_000),
        warm_up: s.warm_up.unwrap_or(1_000),
        seed: s.seed.unwrap_or(0),
        batches: s.batches.unwrap_or(20),
    };
    let e = system.simulate(level(&s)?, &o).map_err(from_expiry)?;
    Ok(to_js(&e)?.unchecked_into())
}

/// The base stock with the least expected cost (or greatest reward with a `price`).
#[wasm_bindgen(js_name = optimizePerishableBaseStock)]
pub fn optimize_perishable_base_stock(
    options: PerishableOptions,
) -> Result<PerishableOptimumJs, JsValue> {
    let (s, system) = spec(options)?;
    let best = system
        .optimize_base_stock(s.search.map(|[a, b]| a..=b))
        .map_err(from_expiry)?;
    Ok(to_js(&best)?.unchecked_into())
}

/// Optimal orders per state by value iteration (`maxOrder` required; `discount` 1 for the
/// long-run average). `orders[i]` is the order of the state whose entries are the base-
/// `(maxOrder + 1)` digits of `i`, least significant first.
#[wasm_bindgen(js_name = perishableOptimalPolicy)]
pub fn perishable_optimal_policy(
    options: PerishableOptions,
) -> Result<PerishablePolicyJs, JsValue> {
    let (s, system) = spec(options)?;
    let o = ValueIterationOptions {
        discount: s.discount.unwrap_or(1.0),
        tolerance: s.tolerance.unwrap_or(1e-6),
        max_iterations: s.max_iterations.unwrap_or(10_000),
    };
    let p = system.optimal_policy(&o).map_err(from_expiry)?;
    let out = serde_json::json!({
        "orders": p.orders,
        "average_reward": p.average_reward,
        "iterations": p.iterations,
        "converged": p.converged,
        "radix": p.max_order + 1,
        "dimensions": (p.lifetime - 1) + p.lead_time,
    });
    Ok(to_js(&out)?.unchecked_into())
}

//! Order quantities, safety stocks and reorder points for a batch of SKUs in two calls.
//!
//! `cargo run -p flowcast-examples --example replenishment`

use flowcast_core::Column;
use flowcast_inventory::{EoqColumns, EoqInput, LeadTimeDemand, SafetyStockColumns, ServiceTarget};

fn main() -> Result<(), flowcast_inventory::Error> {
    let skus = ["INS-100", "VAC-FLU", "AMX-500", "PCM-1G"];
    let daily_demand = [6.5, 18.0, 14.0, 40.0];
    let daily_sd = [3.0, 9.0, 6.0, 18.0];
    let lead_time_days = [2.0, 3.0, 4.0, 2.0];
    let annual: Vec<f64> = daily_demand.iter().map(|d| d * 365.0).collect();
    let holding = [7.0, 3.0, 0.9, 0.24]; // per unit per year

    // How much: one fixed order cost for all, per-SKU demand and holding cost.
    let (mut q, mut cost) = ([0.0; 4], [0.0; 4]);
    EoqInput {
        fixed_cost: Column::Scalar(45.0),
        holding_cost: Column::Values(&holding),
        demand_rate: Column::Values(&annual),
    }
    .solve_into(
        None,
        EoqColumns {
            order_quantity: &mut q,
            cost: &mut cost,
        },
    )?;

    // When: a cycle service level per SKU class, lead times known to ± 1 day.
    let service = [0.98, 0.99, 0.95, 0.95];
    let (mut ss, mut rop) = ([0.0; 4], [0.0; 4]);
    LeadTimeDemand {
        demand_mean: Column::Values(&daily_demand),
        demand_sd: Column::Values(&daily_sd),
        lead_time: Column::Values(&lead_time_days),
        lead_time_sd: Column::Scalar(1.0),
        review_period: Column::Scalar(0.0),
    }
    .safety_stock_into(
        ServiceTarget::CycleServiceLevel(Column::Values(&service)),
        SafetyStockColumns {
            safety_stock: Some(&mut ss),
            reorder_point: Some(&mut rop),
            ..Default::default()
        },
    )?;

    println!(
        "{:<8} {:>8} {:>10} {:>8} {:>8}",
        "sku", "EOQ", "cost/year", "safety", "reorder"
    );
    for i in 0..skus.len() {
        println!(
            "{:<8} {:>8.1} {:>10.2} {:>8.1} {:>8.1}",
            skus[i], q[i], cost[i], ss[i], rop[i]
        );
        assert!(rop[i] >= daily_demand[i] * lead_time_days[i] + ss[i] - 1e-9);
    }
    Ok(())
}

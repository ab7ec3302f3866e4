//! The stockpyl reference vectors of the multi-period models: Wagner–Whitin and the
//! finite-horizon dynamic programme. stockpyl's lists are 1-indexed (element 0 a placeholder);
//! flowcast's start at period 0.

use flowcast_core::Column;
use flowcast_inventory::finite_horizon::{FiniteHorizon, Truncation};
use flowcast_inventory::grid::Grid;
use flowcast_inventory::wagner_whitin::WagnerWhitin;
use flowcast_testkit::{close, inventory_vectors, num, numbers, tol};
use serde_json::Value;

/// A scalar or per-period input as a grid (stockpyl lists may carry a leading placeholder).
fn grid(v: &Value, periods: usize) -> (Vec<f64>, bool) {
    match v {
        Value::Array(_) => {
            let mut values = numbers(v);
            if values.len() == periods + 1 {
                values.remove(0);
            }
            (values, true)
        }
        Value::Null => (vec![0.0], false),
        other => (vec![other.as_f64().expect("number")], false),
    }
}

fn as_grid((values, per_period): &(Vec<f64>, bool)) -> Grid<'_> {
    if *per_period {
        Grid::Periods(values)
    } else {
        Grid::Scalar(values[0])
    }
}

#[test]
fn stockpyl_wagner_whitin_vectors() {
    let all = inventory_vectors("wagner_whitin.wagner_whitin");
    for v in &all {
        let (id, i, o) = (v["id"].as_str().unwrap(), &v["inputs"], &v["outputs"]);
        let (abs, rel) = tol(v);
        let t = num(i, "num_periods") as usize;
        let (d, h, k, c) = (
            grid(&i["demand"], t),
            grid(&i["holding_cost"], t),
            grid(&i["fixed_cost"], t),
            grid(&i["purchase_cost"], t),
        );
        let plans = WagnerWhitin {
            periods: t,
            demand: as_grid(&d),
            holding_cost: as_grid(&h),
            fixed_cost: as_grid(&k),
            purchase_cost: as_grid(&c),
        }
        .solve()
        .unwrap_or_else(|e| panic!("{id}: {e}"));
        let plan = plans.row(0);
        close(id, "cost", plan.cost, num(o, "cost"), abs, rel);
        let theta = numbers(&o["costs_to_go"]);
        for (p, (got, expected)) in plan.costs_to_go.iter().zip(&theta[1..]).enumerate() {
            close(id, &format!("theta[{p}]"), *got, *expected, abs, rel);
        }
        // Ties can give other plans of the same cost; these vectors' plans are unique.
        let orders = numbers(&o["order_quantities"]);
        assert_eq!(plan.order_quantities, &orders[1..], "{id}: orders");
        let next: Vec<u32> = numbers(&o["next_order_periods"])[1..]
            .iter()
            .map(|s| *s as u32 - 1)
            .collect();
        assert_eq!(plan.next_order_periods, next, "{id}: next order periods");
    }
    assert!(all.len() >= 16);
}

#[test]
fn stockpyl_finite_horizon_vectors() {
    let all = inventory_vectors("finite_horizon.finite_horizon_dp");
    for v in &all {
        let (id, i, o) = (v["id"].as_str().unwrap(), &v["inputs"], &v["outputs"]);
        let (abs, rel) = tol(v);
        let t = num(i, "num_periods") as usize;
        let values: Vec<(Vec<f64>, bool)> = [
            "holding_cost",
            "stockout_cost",
            "purchase_cost",
            "fixed_cost",
            "demand_mean",
            "demand_sd",
        ]
        .iter()
        .map(|k| grid(&i[*k], t))
        .collect();
        let scalar = |k: &str| Column::Scalar(i.get(k).and_then(Value::as_f64).unwrap_or(0.0));
        let sol = FiniteHorizon {
            periods: t,
            holding_cost: as_grid(&values[0]),
            stockout_cost: as_grid(&values[1]),
            purchase_cost: as_grid(&values[2]),
            fixed_cost: as_grid(&values[3]),
            demand_mean: as_grid(&values[4]),
            demand_sd: as_grid(&values[5]),
            discount_factor: Grid::Scalar(
                i.get("discount_factor")
                    .and_then(Value::as_f64)
                    .unwrap_or(1.0),
            ),
            terminal_holding_cost: scalar("terminal_holding_cost"),
            terminal_stockout_cost: scalar("terminal_stockout_cost"),
            initial_inventory_level: scalar("initial_inventory_level"),
            truncation: Truncation::default(),
        }
        .solve_one()
        .unwrap_or_else(|e| panic!("{id}: {e}"));
        close(
            id,
            "total_cost",
            sol.total_cost,
            num(o, "total_cost"),
            abs,
            rel,
        );
        assert_eq!(
            sol.reorder_points,
            &numbers(&o["reorder_points"])[1..],
            "{id}: s"
        );
        assert_eq!(
            sol.order_up_to_levels,
            &numbers(&o["order_up_to_levels"])[1..],
            "{id}: S"
        );
    }
}

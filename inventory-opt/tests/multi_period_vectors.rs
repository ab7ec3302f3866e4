//! The stockpyl reference vectors of the multi-period models: Wagner–Whitin and the
//! finite-horizon dynamic programme. stockpyl's lists are 1-indexed (element 0 a placeholder);
//! flowcast's start at period 0.

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

//! The stockpyl reference vectors of the multi-period models: Wagner–Whitin and the
//! finite-horizon dynamic programme. stockpyl's lists are 1-indexed (element 0 a placeholder);
//! flowcast's start at period 0.

use flowcast_core::Column;
use flowcast_inventory::Distribution;
use flowcast_inventory::finite_horizon::{FiniteHorizon, Truncation};
use flowcast_inventory::grid::Grid;
use flowcast_inventory::gsm::{GsmStage, GuaranteedService};
use flowcast_inventory::sim::{Demand, EventOrder, Policy, SimStage, Simulation};
use flowcast_inventory::ssm::SerialSystem;
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

/// A stockpyl network as flowcast stages and edges: either `nodes` (index, predecessors, …) or
/// a serial system given as lists, node 1 (downstream) first. Returns the stage indices too.
fn gsm_network(i: &Value) -> (GuaranteedService, Vec<u64>) {
    let int = |v: &Value| v.as_u64().map(|x| x as u32);
    if let Some(nodes) = i["nodes"].as_array() {
        let ids: Vec<u64> = nodes.iter().map(|n| n["index"].as_u64().unwrap()).collect();
        let pos = |id: u64| ids.iter().position(|x| *x == id).unwrap();
        let stages = nodes
            .iter()
            .map(|n| GsmStage {
                holding_cost: num(n, "local_holding_cost"),
                processing_time: int(&n["processing_time"]).unwrap(),
                demand_bound_constant: n["demand_bound_constant"].as_f64(),
                external_inbound_cst: int(&n["external_inbound_cst"]).unwrap_or(0),
                external_outbound_cst: int(&n["external_outbound_cst"]),
                demand_mean: n["demand_mean"].as_f64().unwrap_or(0.0),
                demand_sd: n["demand_sd"].as_f64().unwrap_or(0.0),
            })
            .collect();
        let edges = nodes
            .iter()
            .flat_map(|n| {
                let to = pos(n["index"].as_u64().unwrap());
                n["predecessors"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(move |p| (pos(p.as_u64().unwrap()), to))
                    .collect::<Vec<_>>()
            })
            .collect();
        return (GuaranteedService { stages, edges }, ids);
    }
    let n = num(i, "num_nodes") as usize;
    // Lists run from node 1 (downstream) to node N; `serial` wants upstream first.
    let mut h = numbers(&i["local_holding_cost"]);
    let mut t: Vec<u32> = numbers(&i["processing_time"])
        .iter()
        .map(|x| *x as u32)
        .collect();
    h.reverse();
    t.reverse();
    let chain = GuaranteedService::serial(
        &h,
        &t,
        num(i, "demand_bound_constant"),
        num(i, "external_inbound_cst") as u32,
        Some(num(i, "external_outbound_cst") as u32),
        num(i, "demand_mean"),
        num(i, "demand_standard_deviation"),
    );
    (chain, (1..=n as u64).rev().collect())
}

#[test]
fn stockpyl_guaranteed_service_vectors() {
    let mut all = inventory_vectors("gsm_serial.optimize_committed_service_times");
    all.extend(inventory_vectors(
        "gsm_tree.optimize_committed_service_times",
    ));
    for v in &all {
        let (id, o) = (v["id"].as_str().unwrap(), &v["outputs"]);
        let (abs, rel) = tol(v);
        let (model, ids) = gsm_network(&v["inputs"]);
        let best = model.optimize().unwrap_or_else(|e| panic!("{id}: {e}"));
        close(id, "cost", best.cost, num(o, "cost"), abs, rel);
        // Ties may give other CSTs of the same cost: check ours cost what the optimum costs.
        let again = model.evaluate(&best.outbound_cst).unwrap();
        close(id, "cost of the CSTs", again.cost, num(o, "cost"), abs, rel);
        let stockpyl: Vec<u32> = ids
            .iter()
            .map(|k| o["cst"][k.to_string()].as_u64().unwrap() as u32)
            .collect();
        let theirs = model.evaluate(&stockpyl).unwrap();
        close(
            id,
            "cost of stockpyl's CSTs",
            theirs.cost,
            best.cost,
            abs,
            rel,
        );
    }
    assert!(all.len() >= 17);
}

/// A stockpyl serial stochastic-service system, stage 1 (downstream) first.
fn serial_system(i: &Value) -> SerialSystem {
    if let Some(nodes) = i["nodes"].as_array() {
        let mut nodes: Vec<&Value> = nodes.iter().collect();
        nodes.sort_by_key(|n| n["index"].as_u64());
        let demand = nodes[0];
        return SerialSystem {
            echelon_holding_cost: nodes
                .iter()
                .map(|n| num(n, "echelon_holding_cost"))
                .collect(),
            lead_time: nodes.iter().map(|n| num(n, "shipment_lead_time")).collect(),
            stockout_cost: num(demand, "stockout_cost"),
            demand_mean: num(demand, "demand_mean"),
            demand_sd: num(demand, "demand_sd"),
        };
    }
    // stockpyl's ssm_serial lists run in system order, upstream (node N) first, whatever the
    // vectors' `list_order` note says (their expected values are computed that way).
    let reversed = |k: &str| numbers(&i[k]).into_iter().rev().collect();
    SerialSystem {
        echelon_holding_cost: reversed("echelon_holding_cost"),
        lead_time: reversed("lead_time"),
        stockout_cost: num(i, "stockout_cost"),
        demand_mean: num(i, "demand_mean"),
        demand_sd: num(i, "demand_standard_deviation"),
    }
}

#[test]
fn stockpyl_stochastic_service_vectors() {
    for v in inventory_vectors("ssm_serial.optimize_base_stock_levels") {
        let (id, o) = (v["id"].as_str().unwrap(), &v["outputs"]);
        let (abs, rel) = tol(&v);
        let best = serial_system(&v["inputs"])
            .optimize()
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        close(id, "cost", best.cost, num(o, "cost"), abs, rel);
        for (j, s) in best.echelon_base_stock.iter().enumerate() {
            close(
                id,
                &format!("S[{}]", j + 1),
                *s,
                num(&o["echelon_S"], &(j + 1).to_string()),
                abs,
                rel,
            );
        }
    }
    for v in inventory_vectors("ssm_serial.newsvendor_heuristic") {
        let (id, o) = (v["id"].as_str().unwrap(), &v["outputs"]);
        let (abs, rel) = tol(&v);
        let levels = serial_system(&v["inputs"])
            .newsvendor_heuristic(0.5)
            .unwrap();
        for (j, s) in levels.iter().enumerate() {
            close(
                id,
                &format!("S[{}]", j + 1),
                *s,
                num(&o["echelon_S"], &(j + 1).to_string()),
                abs,
                rel,
            );
        }
    }
}

fn sim_policy(i: &Value) -> Policy {
    match i["policy_type"].as_str().unwrap() {
        "BS" => Policy::BaseStock {
            level: num(i, "base_stock_level"),
        },
        "sS" => Policy::Ss {
            reorder_point: num(i, "reorder_point"),
            order_up_to_level: num(i, "order_up_to_level"),
        },
        "rQ" => Policy::RqOneLot {
            reorder_point: num(i, "reorder_point"),
            order_quantity: num(i, "order_quantity"),
        },
        other => panic!("policy {other}"),
    }
}

#[test]
fn stockpyl_simulation_vectors() {
    for v in inventory_vectors("sim.simulation_single_stage") {
        let (id, i, o) = (v["id"].as_str().unwrap(), &v["inputs"], &v["outputs"]);
        let (abs, rel) = tol(&v);
        let demand = numbers(&i["demand_list"]);
        let run = Simulation::single_stage(
            num(i, "local_holding_cost"),
            num(i, "stockout_cost"),
            num(i, "shipment_lead_time") as u32,
            num(i, "initial_inventory_level"),
            sim_policy(i),
            Demand::Repeating(&demand),
            EventOrder::DemandFirst,
        )
        .run(num(i, "num_periods") as usize, 0)
        .unwrap_or_else(|e| panic!("{id}: {e}"));
        close(
            id,
            "total_cost",
            run.total_cost,
            num(o, "total_cost"),
            abs,
            rel,
        );
        for (p, expected) in run.periods.iter().zip(o["periods"].as_array().unwrap()) {
            let got = p[0];
            let t = expected["t"].as_u64().unwrap();
            for (name, value) in [
                ("demand", got.demand),
                ("order_quantity", got.order_quantity),
                ("inbound_shipment", got.inbound_shipment),
                ("inventory_level", got.inventory_level),
                ("holding_cost", got.holding_cost),
                ("stockout_cost", got.stockout_cost),
                ("total_cost", got.total_cost()),
            ] {
                close(
                    id,
                    &format!("{name}[{t}]"),
                    value,
                    num(expected, name),
                    abs,
                    rel,
                );
            }
        }
    }
    for v in inventory_vectors("sim.simulation_serial_base_stock") {
        let (id, i, o) = (v["id"].as_str().unwrap(), &v["inputs"], &v["outputs"]);
        let (abs, rel) = tol(&v);
        // Lists run in `lists_are_for_nodes` order (N … 1); stage 0 is node 1.
        let nodes: Vec<u64> = i["lists_are_for_nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_u64().unwrap())
            .collect();
        let by_node = |key: &str| {
            let values = numbers(&i[key]);
            let mut out = vec![0.0; nodes.len()];
            for (node, value) in nodes.iter().zip(values) {
                out[*node as usize - 1] = value;
            }
            out
        };
        let (h, lead, levels) = (
            by_node("local_holding_cost"),
            by_node("shipment_lead_time"),
            by_node("base_stock_level"),
        );
        let demand = numbers(&i["demand_list"]);
        let run = Simulation {
            stages: (0..nodes.len())
                .map(|k| SimStage {
                    holding_cost: h[k],
                    lead_time: lead[k] as u32,
                    initial_inventory_level: levels[k],
                })
                .collect(),
            policy: Policy::BaseStock { level: levels[0] },
            base_stock_levels: levels.clone(),
            stockout_cost: num(i, "stockout_cost"),
            demand: Demand::Repeating(&demand),
            event_order: EventOrder::DemandFirst,
        }
        .run(num(i, "num_periods") as usize, 0)
        .unwrap_or_else(|e| panic!("{id}: {e}"));
        close(
            id,
            "total_cost",
            run.total_cost,
            num(o, "total_cost"),
            abs,
            rel,
        );
        for k in 0..nodes.len() {
            let expected = numbers(&o["inventory_level_by_node"][(k + 1).to_string()]);
            let got: Vec<f64> = run.periods.iter().map(|p| p[k].inventory_level).collect();
            assert_eq!(got, expected, "{id}: node {}", k + 1);
        }
    }
}

/// Simulating the Clark–Scarf optimum (local levels S_j − S_{j−1}, local holding costs
/// h_j + … + h_N, demand before orders) gives the cost the recursion computes.
#[test]
fn simulation_confirms_the_clark_scarf_cost() {
    let chain = SerialSystem {
        echelon_holding_cost: vec![3.0, 2.0, 2.0],
        lead_time: vec![1.0, 1.0, 2.0],
        stockout_cost: 37.12,
        demand_mean: 5.0,
        demand_sd: 1.0,
    };
    let best = chain.optimize().unwrap();
    let local_h: Vec<f64> = (0..3)
        .map(|j| chain.echelon_holding_cost[j..].iter().sum())
        .collect();
    let levels = best.local_base_stock.clone();
    let sim = Simulation {
        stages: (0..3)
            .map(|k| SimStage {
                holding_cost: local_h[k],
                lead_time: chain.lead_time[k] as u32,
                initial_inventory_level: levels[k],
            })
            .collect(),
        policy: Policy::BaseStock { level: levels[0] },
        base_stock_levels: levels,
        stockout_cost: chain.stockout_cost,
        demand: Demand::Random(Distribution::Normal { mean: 5.0, sd: 1.0 }),
        event_order: EventOrder::DemandFirst,
    };
    let simulated = sim.run(1_000_000, 11).unwrap().average_cost(100);
    // A million periods: across seeds the average varies by about 0.03.
    assert!(
        (simulated - best.cost).abs() < 0.12,
        "simulated {simulated} vs {}",
        best.cost
    );
}

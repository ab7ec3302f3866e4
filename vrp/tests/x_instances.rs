//! The CVRPLIB X development instances of `../shared/data/vrp/X` and their best-known solutions.

mod common;

use flowcast_vrp::format::{self, Format, parse_sol, parse_vrplib, solution_from_ids};
use flowcast_vrp::{Rounding, check};

/// Every instance parses to what its name says: `X-n106-k14` has 106 nodes, node 1 the depot
/// and 105 clients named by their node numbers 2..=106, one capacity dimension, rounded
/// Euclidean distances, and one vehicle per client (the files give no fleet size).
#[test]
fn every_x_instance_parses() {
    let all = common::files("X", "vrp");
    assert_eq!(all.len(), 50);
    for (stem, text) in &all {
        assert_eq!(format::detect(text), Format::Vrplib, "{stem}");
        let p = parse_vrplib(text).unwrap_or_else(|e| panic!("{stem}: {e}"));
        let nodes: usize = stem[3..stem.find("-k").unwrap()].parse().unwrap();
        assert_eq!(p.name(), stem);
        assert_eq!(
            (p.depots().len(), p.clients().len()),
            (1, nodes - 1),
            "{stem}"
        );
        assert_eq!(p.depots()[0].name, "1");
        assert_eq!(p.clients()[0].name, "2");
        assert_eq!(p.clients()[nodes - 2].name, nodes.to_string());
        assert_eq!(p.dimensions(), 1);
        assert_eq!(p.rounding(), Some(Rounding::Nearest));
        assert_eq!(p.vehicle_types().len(), 1);
        assert_eq!(p.vehicle_types()[0].count, nodes - 1);
        assert!(
            p.distance_matrix()
                .as_slice()
                .iter()
                .all(|d| d.fract() == 0.0)
        );
        assert!(p.unservable_clients().is_empty(), "{stem}");
    }
}

/// The first lines of X-n106-k14, checked by hand: capacity 600, depot at (0, 0), node 2 at
/// (615, 190) with demand 32: nint(√(615² + 190²)) = nint(643.68) = 644.
#[test]
fn x_n106_by_hand() {
    let p = parse_vrplib(&common::read("X/X-n106-k14.vrp")).unwrap();
    assert_eq!(p.vehicle_types()[0].capacity, [600.0]);
    let c = &p.clients()[0];
    assert_eq!((c.x, c.y), (615.0, 190.0));
    assert_eq!(p.distance(0, p.client_location(0)), 644.0);
}

/// Every BKS `.sol` file, read and checked, is feasible, and its recomputed cost equals both
/// its own `Cost` line and the `bks` column of `bks.csv`, exactly (integer distances), with
/// the number of routes of `bks_vehicles`.
#[test]
fn every_bks_solution_is_feasible_at_its_cost() {
    let bks = common::bks();
    let solutions = common::files("X", "sol");
    assert_eq!(solutions.len(), 50);
    for (stem, text) in &solutions {
        let problem = parse_vrplib(&common::read(&format!("X/{stem}.vrp"))).unwrap();
        let (ids, cost) = parse_sol(text).unwrap_or_else(|e| panic!("{stem}: {e}"));
        let solution = solution_from_ids(&ids, 0);
        let report = check(&problem, &solution);
        assert!(report.feasible, "{stem}: {report}");
        assert!(report.unvisited.is_empty());
        assert_eq!(Some(report.cost), cost, "{stem}: against its Cost line");
        assert_eq!(report.cost, report.distance);
        let row = &bks[stem.as_str()];
        assert_eq!(report.cost, row.bks, "{stem}: against bks.csv");
        assert_eq!(solution.num_vehicles(), row.vehicles, "{stem}");
        // Writing it back gives the same file content.
        let again = format::write_sol(&format::solution_to_ids(&solution), report.cost);
        assert_eq!(parse_sol(&again).unwrap(), (ids, cost));
    }
}

//! Vehicle routing: a morning delivery round for two vans with time windows, built with the
//! API, solved under an iteration limit (reproducible), checked by the independent checker and
//! written as a CVRPLIB `.sol`; then the same problem through the versioned JSON format.
//!
//! `cargo run -p flowcast-examples --example routing`

use flowcast_core::Threads;
use flowcast_vrp::format::{from_json, solution_to_ids, to_json, write_sol};
use flowcast_vrp::{Client, Depot, Problem, Rounding, SolveOptions, VehicleType, check, solve};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // A depot open 7:00–19:00 (minutes from midnight) and twelve shops on a 20 km square; half
    // accept deliveries only in the morning. Travel time = distance (60 km/h), 10 min per stop.
    let depot = Depot {
        tw_early: 420.0,
        tw_late: 1140.0,
        ..Depot::new("depot", 10.0, 10.0)
    };
    let clients: Vec<Client> = (0..12)
        .map(|k| {
            let (x, y) = (f64::from((k * 7) % 20), f64::from((k * 13) % 20));
            let mut c = Client::new(format!("shop-{k}"), x, y, vec![f64::from(3 + k % 4)]);
            c.service = 10.0;
            if k % 2 == 0 {
                c.tw_early = 480.0;
                c.tw_late = 660.0;
            }
            c
        })
        .collect();
    let van = VehicleType {
        fixed_cost: 20.0,
        ..VehicleType::new("van", 2, vec![30.0])
    };
    let problem = Problem::from_coordinates(
        "morning round",
        vec![depot],
        clients,
        vec![van],
        Rounding::Exact,
    )?;

    let options = SolveOptions {
        time_limit: None,
        max_iterations: Some(2_000),
        seed: 7,
        threads: Threads::from_count(1),
        ..Default::default()
    };
    let result = solve(&problem, &options)?;
    let report = check(&problem, &result.solution);
    println!(
        "{}: cost {:.2} with {} vans, feasible: {} (checker: {}, cost {:.2})",
        problem.name(),
        result.cost,
        result.solution.routes.len(),
        result.feasible,
        report.feasible,
        report.cost
    );
    for (route, r) in result.solution.routes.iter().zip(&report.routes) {
        let stops: Vec<&str> = route
            .visits
            .iter()
            .map(|&c| problem.clients()[c].name.as_str())
            .collect();
        println!(
            "  van leaves {:.0}:{:02.0}, {:.1} km, back after {:.0} min: {}",
            (r.departure / 60.0).floor(),
            r.departure % 60.0,
            r.distance,
            r.duration,
            stops.join(" → ")
        );
    }
    print!(
        "{}",
        write_sol(&solution_to_ids(&result.solution), result.cost)
    );

    // The same problem through the versioned JSON format (what services and browsers send).
    let again = from_json(&to_json(&problem))?;
    assert_eq!(again.clients().len(), problem.clients().len());
    assert!(report.feasible && (report.cost - result.cost).abs() < 1e-6);
    Ok(())
}

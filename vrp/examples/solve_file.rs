//! Solves one instance file and checks the answer: `cargo run --release -p flowcast-vrp
//! --example solve_file -- PATH [SECONDS] [THREADS]`.

use std::time::Duration;

use flowcast_vrp::{SolveOptions, check, read, solve};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = args
        .get(1)
        .ok_or("usage: solve_file PATH [SECONDS] [THREADS]")?;
    let seconds: f64 = args.get(2).map_or(Ok(5.0), |s| s.parse())?;
    let threads: usize = args.get(3).map_or(Ok(0), |s| s.parse())?;
    let problem = read(&std::fs::read_to_string(path)?, None)?;
    // FLOWCAST_ITERATIONS=N replaces the time limit by an iteration limit (reproducible with
    // one thread); FLOWCAST_STRATEGY=hgs selects the genetic search.
    let iterations = std::env::var("FLOWCAST_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok());
    let strategy = match std::env::var("FLOWCAST_STRATEGY").as_deref() {
        Ok("hgs") => flowcast_vrp::search::Strategy::HybridGenetic,
        _ => flowcast_vrp::search::Strategy::IteratedLocalSearch,
    };
    let options = SolveOptions {
        time_limit: iterations
            .is_none()
            .then(|| Duration::from_secs_f64(seconds)),
        max_iterations: iterations,
        threads: flowcast_core::Threads::from_count(threads),
        strategy,
        granularity: std::env::var("FLOWCAST_GRANULARITY")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(20),
        ..Default::default()
    };
    let result = solve(&problem, &options)?;
    let report = check(&problem, &result.solution);
    println!(
        "{}: cost {:.2} (checked {:.2}, feasible {}), {} routes, {} iterations, {:.2} s",
        problem.name(),
        result.cost,
        report.cost,
        report.feasible,
        result.solution.routes.len(),
        result.iterations,
        result.seconds
    );
    if !report.feasible {
        for v in report.violations.iter().take(5) {
            println!("  {} {v:?}", v.code());
        }
    }
    Ok(())
}

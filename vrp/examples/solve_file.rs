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
    let options = SolveOptions {
        time_limit: Some(Duration::from_secs_f64(seconds)),
        threads: flowcast_core::Threads::from_count(threads),
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
    Ok(())
}

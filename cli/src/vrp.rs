//! `flowcast vrp solve` and `flowcast vrp check`: routing problems from VRPLIB, Solomon or JSON
//! files, one JSON object on stdout, logs on stderr.
//!
//! Client ids in everything these commands print or write follow the CVRPLIB `.sol`
//! convention: the depot is 0 and is not listed, client index `c` is id `c + 1` (VRPLIB node `k`
//! is id `k − 1`; Solomon customers keep their numbers).

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use flowcast_core::{CancellationToken, Progress, SearchStatus, SystemClock, Threads};
use flowcast_vrp::check::Violation;
use flowcast_vrp::format::{self, Format, FormatError};
use flowcast_vrp::{CheckReport, Problem, Solution, SolveError, SolveOptions, solve_with};
use serde::Serialize;

use crate::error::CliError;

/// The time limit when neither `--time-limit` nor `--max-iterations` is given.
pub(crate) const DEFAULT_TIME_LIMIT: f64 = 10.0;

/// What `flowcast vrp solve` was asked.
pub(crate) struct SolveRequest<'a> {
    pub instance: &'a Path,
    pub format: Option<Format>,
    pub time_limit: Option<f64>,
    pub max_iterations: Option<u64>,
    pub seed: u64,
    pub threads: usize,
    pub out: Option<&'a Path>,
    pub verbose: bool,
}

/// The JSON object `flowcast vrp solve` prints (ARCHITECTURE.md's contract, plus `unserved`,
/// `iterations` and `format`).
#[derive(Debug, Serialize)]
struct SolveOutput<'a> {
    instance: &'a str,
    cost: f64,
    vehicles: usize,
    routes: Vec<Vec<usize>>,
    feasible: bool,
    seconds: f64,
    unserved: Vec<UnservedOutput>,
    iterations: u64,
    format: &'static str,
}

#[derive(Debug, Serialize)]
struct UnservedOutput {
    client: usize,
    reason: &'static str,
}

/// Runs `flowcast vrp solve`: the answer on stdout, a summary (and with `verbose`, each new
/// best) on stderr.
pub(crate) fn solve(r: &SolveRequest<'_>) -> Result<(), CliError> {
    let started = Instant::now();
    let limit = time_limit(r.time_limit, r.max_iterations)?;
    let (problem, format) = read_problem(r.instance, r.format)?;
    // The limit covers the whole command: what reading took comes off the search's budget.
    let options = SolveOptions {
        time_limit: limit.map(|l| l.saturating_sub(started.elapsed())),
        max_iterations: r.max_iterations,
        seed: r.seed,
        threads: Threads::from_count(r.threads),
        ..SolveOptions::default()
    };
    let clock = SystemClock::new();
    let log = Log {
        on: r.verbose,
        next: Duration::ZERO,
    };
    let result = solve_with(&problem, &options, &clock, CancellationToken::new(), log)
        .map_err(|e| solve_error(r.instance, &e))?;
    let routes = format::solution_to_ids(&result.solution);
    if let Some(out) = r.out {
        write_solution(out, &result.solution, &routes, result.cost)?;
    }
    let seconds = started.elapsed().as_secs_f64();
    let output = SolveOutput {
        instance: instance_name(&problem, r.instance),
        cost: result.cost,
        vehicles: routes.len(),
        routes,
        feasible: result.feasible,
        seconds,
        unserved: result
            .unserved
            .iter()
            .map(|u| UnservedOutput {
                client: u.client + 1,
                reason: u.reason.as_str(),
            })
            .collect(),
        iterations: result.iterations,
        format: format.as_str(),
    };
    print_json(&output)?;
    eprintln!(
        "flowcast vrp: {}: cost {}, {} route(s), {}{}, {} iterations on {} thread(s) in {:.2} s",
        output.instance,
        output.cost,
        output.vehicles,
        if output.feasible {
            "feasible"
        } else {
            "INFEASIBLE"
        },
        if output.unserved.is_empty() {
            String::new()
        } else {
            format!(", {} client(s) no vehicle can serve", output.unserved.len())
        },
        output.iterations,
        options.threads.count(),
        seconds
    );
    Ok(())
}

/// The search's budget: `--time-limit` when given (finite, 0 or more), else none when an
/// iteration limit is given, else [`DEFAULT_TIME_LIMIT`].
fn time_limit(
    seconds: Option<f64>,
    max_iterations: Option<u64>,
) -> Result<Option<Duration>, CliError> {
    match (seconds, max_iterations) {
        (Some(s), _) => Duration::try_from_secs_f64(s).map(Some).map_err(|_| {
            CliError::BadInput(format!(
                "--time-limit {s}: must be a finite number of seconds, 0 or more"
            ))
        }),
        (None, Some(_)) => Ok(None),
        (None, None) => Ok(Some(Duration::from_secs_f64(DEFAULT_TIME_LIMIT))),
    }
}

/// Logs each new best cost to stderr when on.
struct Log {
    on: bool,
    next: Duration,
}

impl Progress for Log {
    fn on_best(&mut self, status: &SearchStatus) {
        // At most ten lines a second, however fast the improvements come.
        if self.on && status.elapsed >= self.next {
            self.next = status.elapsed + Duration::from_millis(100);
            eprintln!(
                "flowcast vrp: {:>8.3} s  iteration {:>8}  best {}",
                status.elapsed.as_secs_f64(),
                status.iterations,
                status.best_cost
            );
        }
    }
}

/// Reads and validates a problem file; bad content is [`CliError::BadInput`] on one line.
fn read_problem(path: &Path, format: Option<Format>) -> Result<(Problem, Format), CliError> {
    let text = read_text(path)?;
    let format = format.unwrap_or_else(|| format::detect(&text));
    let problem = format::read(&text, Some(format)).map_err(|e| format_error(path, format, &e))?;
    Ok((problem, format))
}

fn read_text(path: &Path) -> Result<String, CliError> {
    let bytes = std::fs::read(path).map_err(|e| CliError::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        CliError::bad(
            path,
            format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// A reader's error on one line: `path: line 12: …`, or every issue of an invalid problem
/// separated by ` | `.
fn format_error(path: &Path, format: Format, e: &FormatError) -> CliError {
    match e {
        FormatError::Invalid(errors) => {
            let issues: Vec<String> = errors.issues().iter().map(ToString::to_string).collect();
            CliError::bad(
                path,
                format!(
                    "invalid problem ({} issue{}): {}",
                    issues.len(),
                    if issues.len() == 1 { "" } else { "s" },
                    issues.join(" | ")
                ),
            )
        }
        other => CliError::bad(path, format!("{format}: {}", one_line(&other.to_string()))),
    }
}

fn solve_error(path: &Path, e: &SolveError) -> CliError {
    match e {
        SolveError::TooManyDimensions(_) => CliError::bad(path, e),
        // Unbounded cannot happen (the CLI always sets a limit) and there is no warm start.
        other => CliError::Io(format!("{}: {other}", path.display())),
    }
}

fn one_line(text: &str) -> String {
    text.split('\n')
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The problem's name, else the file's stem.
fn instance_name<'a>(problem: &'a Problem, path: &'a Path) -> &'a str {
    if problem.name().trim().is_empty() {
        path.file_stem().and_then(|s| s.to_str()).unwrap_or("")
    } else {
        problem.name()
    }
}

/// Writes the solution: the JSON solution format (with vehicle types) when the path ends in
/// `.json`, else CVRPLIB `.sol`.
fn write_solution(
    path: &Path,
    solution: &Solution,
    ids: &[Vec<usize>],
    cost: f64,
) -> Result<(), CliError> {
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let text = if is_json {
        format::solution_to_json(solution)
    } else {
        format::write_sol(ids, cost)
    };
    std::fs::write(path, text).map_err(|e| CliError::io(path, e))
}

fn print_json(value: &impl Serialize) -> Result<(), CliError> {
    let text = serde_json::to_string(value).map_err(|e| CliError::Io(e.to_string()))?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}")
        .and_then(|()| out.flush())
        .map_err(|e| CliError::Io(format!("stdout: {e}")))
}

/// What `flowcast vrp check` prints.
#[derive(Debug, Serialize)]
struct CheckOutput<'a> {
    instance: &'a str,
    feasible: bool,
    cost: f64,
    /// The solution file's own `Cost` line, if any.
    stated_cost: Option<f64>,
    distance: f64,
    duration: f64,
    vehicles: usize,
    violations: Vec<ViolationOutput>,
    unvisited: Vec<usize>,
}

/// One violation: its stable code, a message, and the route (1-based, as `Route #k`) and client
/// id it concerns, when it concerns one.
#[derive(Debug, Serialize)]
struct ViolationOutput {
    code: &'static str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    route: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    client: Option<usize>,
}

/// Runs `flowcast vrp check INSTANCE SOLUTION`: the checker's report on stdout.
pub(crate) fn check(
    instance: &Path,
    solution: &Path,
    format: Option<Format>,
) -> Result<(), CliError> {
    let (problem, _) = read_problem(instance, format)?;
    let text = read_text(solution)?;
    let (parsed, stated_cost) = if text.trim_start().starts_with('{') {
        format::solution_from_json(&text).map(|s| (s, None))
    } else {
        format::parse_sol(&text).map(|(ids, cost)| (format::solution_from_ids(&ids, 0), cost))
    }
    .map_err(|e| CliError::bad(solution, one_line(&e.to_string())))?;
    let report = flowcast_vrp::check(&problem, &parsed);
    let output = check_output(instance_name(&problem, instance), &report, stated_cost);
    print_json(&output)?;
    eprintln!(
        "flowcast vrp check: {}: {}, cost {}{}",
        output.instance,
        if output.feasible {
            "feasible".to_owned()
        } else {
            format!("INFEASIBLE ({} violation(s))", output.violations.len())
        },
        output.cost,
        match stated_cost {
            Some(c) if (c - output.cost).abs() > 1e-6 * c.abs().max(1.0) => {
                format!(" (the file says {c})")
            }
            _ => String::new(),
        }
    );
    Ok(())
}

fn check_output<'a>(
    instance: &'a str,
    report: &CheckReport,
    stated_cost: Option<f64>,
) -> CheckOutput<'a> {
    CheckOutput {
        instance,
        feasible: report.feasible,
        cost: report.cost,
        stated_cost,
        distance: report.distance,
        duration: report.duration,
        vehicles: report.routes.iter().filter(|r| !r.stops.is_empty()).count(),
        violations: report.violations.iter().map(violation).collect(),
        unvisited: report.unvisited.iter().map(|c| c + 1).collect(),
    }
}

/// A violation with routes numbered as in the file (from 1) and clients by id.
fn violation(v: &Violation) -> ViolationOutput {
    let (route, client, message) = match *v {
        Violation::UnknownVehicleType {
            route,
            vehicle_type,
        } => (
            Some(route + 1),
            None,
            format!(
                "route #{}: vehicle type {vehicle_type} does not exist",
                route + 1
            ),
        ),
        Violation::UnknownClient { route, client, .. } => (
            Some(route + 1),
            Some(client.wrapping_add(1)),
            format!(
                "route #{}: client id {} does not exist",
                route + 1,
                client.wrapping_add(1)
            ),
        ),
        Violation::VisitedMoreThanOnce { client, times } => (
            None,
            Some(client + 1),
            format!("client {} is visited {times} times", client + 1),
        ),
        Violation::RequiredNotVisited { client } => (
            None,
            Some(client + 1),
            format!("client {} is not visited", client + 1),
        ),
        Violation::CapacityExceeded {
            route,
            dimension,
            load,
            capacity,
        } => (
            Some(route + 1),
            None,
            format!(
                "route #{}: load {load} exceeds capacity {capacity} (dimension {dimension})",
                route + 1
            ),
        ),
        Violation::TimeWindowMissed {
            route,
            client,
            arrival,
            tw_late,
        } => (
            Some(route + 1),
            Some(client + 1),
            format!(
                "route #{}: arrives at client {} at {arrival}, after its window closes at {tw_late}",
                route + 1,
                client + 1
            ),
        ),
        Violation::LateReturn {
            route,
            arrival,
            tw_late,
        } => (
            Some(route + 1),
            None,
            format!(
                "route #{}: back at the depot at {arrival}, after {tw_late}",
                route + 1
            ),
        ),
        Violation::MaxDurationExceeded {
            route,
            duration,
            max_duration,
        } => (
            Some(route + 1),
            None,
            format!(
                "route #{}: duration {duration} exceeds the maximum {max_duration}",
                route + 1
            ),
        ),
        Violation::MaxDistanceExceeded {
            route,
            distance,
            max_distance,
        } => (
            Some(route + 1),
            None,
            format!(
                "route #{}: distance {distance} exceeds the maximum {max_distance}",
                route + 1
            ),
        ),
        Violation::TooManyRoutes {
            vehicle_type,
            used,
            count,
        } => (
            None,
            None,
            format!("vehicle type {vehicle_type}: {used} routes, but only {count} vehicles"),
        ),
        // A kind this build does not know yet: its own message.
        ref other => (None, None, other.to_string()),
    };
    ViolationOutput {
        code: v.code(),
        message,
        route,
        client,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_limit_defaults_and_bounds() {
        assert_eq!(
            time_limit(None, None).unwrap(),
            Some(Duration::from_secs(10))
        );
        assert_eq!(time_limit(None, Some(100)).unwrap(), None);
        assert_eq!(
            time_limit(Some(1.5), Some(100)).unwrap(),
            Some(Duration::from_millis(1500))
        );
        for bad in [-1.0, f64::NAN, f64::INFINITY] {
            assert!(time_limit(Some(bad), None).is_err(), "{bad}");
        }
    }

    #[test]
    fn violations_use_file_numbering() {
        let v = violation(&Violation::TimeWindowMissed {
            route: 0,
            client: 4,
            arrival: 12.0,
            tw_late: 10.0,
        });
        assert_eq!(
            (v.code, v.route, v.client),
            ("time_window_missed", Some(1), Some(5))
        );
        assert!(
            v.message.starts_with("route #1: arrives at client 5 at 12"),
            "{}",
            v.message
        );
    }
}

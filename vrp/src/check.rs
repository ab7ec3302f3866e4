//! The independent solution checker.
//!
//! It shares no code with the solver: every number is recomputed from the [`Problem`] by a plain
//! forward simulation of each route, following the route semantics in [`crate::model`]. The
//! minimum route duration comes from Savelsbergh's (1992) forward time slack: the simulation
//! first leaves at the earliest departure, then the departure is delayed by as much of the
//! waiting as can be removed without making any arrival later than its window (or later than
//! it already was, for an arrival that is already late), and the route is simulated again from
//! there.
//!
//! Comparisons allow a relative tolerance of [`TOLERANCE`] (`1e-6 · max(1, |limit|)`) for time
//! windows, loads, durations and distances.

use serde_json::{Value, json};
use std::fmt;

use crate::model::{Problem, VehicleType};
use crate::solution::{Route, Solution};

/// Relative tolerance of every comparison against a limit.
pub const TOLERANCE: f64 = 1e-6;

/// Whether `value` is over `limit` by more than the tolerance.
#[inline]
fn exceeds(value: f64, limit: f64) -> bool {
    value > limit + TOLERANCE * limit.abs().max(1.0)
}

/// A broken rule. Route indices are positions in [`Solution::routes`]; client indices are
/// 0-based indices into [`Problem::clients`].
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Violation {
    /// A route names a vehicle type that does not exist.
    #[error("route {route}: vehicle type {vehicle_type} does not exist")]
    UnknownVehicleType {
        /// The route.
        route: usize,
        /// The index it names.
        vehicle_type: usize,
    },
    /// A route visits a client index that does not exist (it is left out of the simulation).
    #[error("route {route}: visit {position} is client {client}, which does not exist")]
    UnknownClient {
        /// The route.
        route: usize,
        /// Position of the visit in the route.
        position: usize,
        /// The index it names.
        client: usize,
    },
    /// A client is visited more than once (by one route or several).
    #[error("client {client} is visited {times} times")]
    VisitedMoreThanOnce {
        /// The client.
        client: usize,
        /// How often.
        times: usize,
    },
    /// A required client is not visited.
    #[error("required client {client} is not visited")]
    RequiredNotVisited {
        /// The client.
        client: usize,
    },
    /// A route's load exceeds its vehicle's capacity in one dimension.
    #[error("route {route}: load {load} exceeds capacity {capacity} in dimension {dimension}")]
    CapacityExceeded {
        /// The route.
        route: usize,
        /// The load dimension.
        dimension: usize,
        /// The route's total demand in that dimension.
        load: f64,
        /// The vehicle's capacity in that dimension.
        capacity: f64,
    },
    /// A route arrives at a client after its window closes (leaving as early as allowed).
    #[error("route {route}: arrives at client {client} at {arrival}, after its tw_late {tw_late}")]
    TimeWindowMissed {
        /// The route.
        route: usize,
        /// The client.
        client: usize,
        /// Arrival time.
        arrival: f64,
        /// The client's latest arrival.
        tw_late: f64,
    },
    /// A route is back at its end depot after the shift ends or the depot closes.
    #[error("route {route}: back at the depot at {arrival}, after {tw_late}")]
    LateReturn {
        /// The route.
        route: usize,
        /// Return time.
        arrival: f64,
        /// `min(vehicle tw_late, end depot tw_late)`.
        tw_late: f64,
    },
    /// A route's (minimum) duration exceeds its vehicle type's maximum.
    #[error("route {route}: duration {duration} exceeds max_duration {max_duration}")]
    MaxDurationExceeded {
        /// The route.
        route: usize,
        /// Its duration.
        duration: f64,
        /// The limit.
        max_duration: f64,
    },
    /// A route's distance exceeds its vehicle type's maximum.
    #[error("route {route}: distance {distance} exceeds max_distance {max_distance}")]
    MaxDistanceExceeded {
        /// The route.
        route: usize,
        /// Its distance.
        distance: f64,
        /// The limit.
        max_distance: f64,
    },
    /// More non-empty routes of a vehicle type than it has vehicles.
    #[error("vehicle type {vehicle_type}: {used} routes, but only {count} vehicles")]
    TooManyRoutes {
        /// The vehicle type.
        vehicle_type: usize,
        /// Non-empty routes of that type.
        used: usize,
        /// Its count.
        count: usize,
    },
}

impl Violation {
    /// The stable string code, e.g. `"time_window_missed"`.
    pub const fn code(&self) -> &'static str {
        match self {
            Self::UnknownVehicleType { .. } => "unknown_vehicle_type",
            Self::UnknownClient { .. } => "unknown_client",
            Self::VisitedMoreThanOnce { .. } => "visited_more_than_once",
            Self::RequiredNotVisited { .. } => "required_not_visited",
            Self::CapacityExceeded { .. } => "capacity_exceeded",
            Self::TimeWindowMissed { .. } => "time_window_missed",
            Self::LateReturn { .. } => "late_return",
            Self::MaxDurationExceeded { .. } => "max_duration_exceeded",
            Self::MaxDistanceExceeded { .. } => "max_distance_exceeded",
            Self::TooManyRoutes { .. } => "too_many_routes",
        }
    }
}

/// One visit of a simulated route.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stop {
    /// The client.
    pub client: usize,
    /// Arrival time.
    pub arrival: f64,
    /// Service start: `max(arrival, tw_early)`.
    pub start: f64,
}

/// One route, recomputed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RouteReport {
    /// Its vehicle type (as given, even if unknown).
    pub vehicle_type: usize,
    /// Sum of the distance matrix over its legs.
    pub distance: f64,
    /// Minimum duration over feasible departures (see the module docs).
    pub duration: f64,
    /// Total demand per load dimension.
    pub load: Vec<f64>,
    /// The departure that gives [`RouteReport::duration`].
    pub departure: f64,
    /// The return to the end depot when leaving at [`RouteReport::departure`].
    pub return_time: f64,
    /// `fixed_cost + unit_distance_cost · distance + unit_duration_cost · duration`; 0 for an
    /// empty route or an unknown vehicle type.
    pub cost: f64,
    /// The visits when leaving at [`RouteReport::departure`] (unknown clients left out).
    pub stops: Vec<Stop>,
    /// Whether this route breaks no rule of its own (capacity, windows, limits, known indices).
    pub feasible: bool,
}

/// Everything the checker found about a solution.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CheckReport {
    /// No violations.
    pub feasible: bool,
    /// Σ route costs + uncollected prizes.
    pub cost: f64,
    /// Σ route distances.
    pub distance: f64,
    /// Σ route durations.
    pub duration: f64,
    /// Σ fixed costs of the non-empty routes.
    pub fixed_cost: f64,
    /// Σ prizes of the optional clients not visited.
    pub uncollected_prizes: f64,
    /// One report per route of the solution, in the same order (empty routes included).
    pub routes: Vec<RouteReport>,
    /// Every broken rule: route by route, then fleet counts, then clients.
    pub violations: Vec<Violation>,
    /// The clients not visited (required and optional), ascending.
    pub unvisited: Vec<usize>,
}

impl fmt::Display for CheckReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} cost {} (distance {}, duration {}, fixed {}, prizes {}), {} vehicles",
            if self.feasible {
                "feasible"
            } else {
                "infeasible"
            },
            self.cost,
            self.distance,
            self.duration,
            self.fixed_cost,
            self.uncollected_prizes,
            self.routes.iter().filter(|r| !r.stops.is_empty()).count()
        )?;
        for v in &self.violations {
            write!(f, "\n  {v} [{}]", v.code())?;
        }
        Ok(())
    }
}

/// Checks `solution` against `problem` and recomputes its cost.
///
/// ```
/// use flowcast_vrp::{check, Client, Depot, Problem, Rounding, Route, Solution, VehicleType};
/// let problem = Problem::from_coordinates(
///     "line",
///     vec![Depot::new("d", 0.0, 0.0)],
///     vec![Client::new("a", 1.0, 0.0, vec![1.0]), Client::new("b", 2.0, 0.0, vec![1.0])],
///     vec![VehicleType::new("v", 1, vec![2.0])],
///     Rounding::Exact,
/// )?;
/// let report = check(&problem, &Solution::new(vec![Route::new(0, vec![0, 1])]));
/// assert!(report.feasible);
/// assert_eq!(report.cost, 4.0);
/// # Ok::<(), flowcast_vrp::ProblemErrors>(())
/// ```
pub fn check(problem: &Problem, solution: &Solution) -> CheckReport {
    let mut violations = Vec::new();
    let mut visits = vec![0usize; problem.clients().len()];
    let mut used = vec![0usize; problem.vehicle_types().len()];
    let mut routes = Vec::with_capacity(solution.routes.len());
    let (mut cost, mut distance, mut duration, mut fixed_cost) = (0.0, 0.0, 0.0, 0.0);
    for (r, route) in solution.routes.iter().enumerate() {
        for &c in &route.visits {
            if let Some(n) = visits.get_mut(c) {
                *n += 1;
            }
        }
        let (report, mut found) = check_route(problem, r, route);
        if !route.is_empty() {
            if let Some(u) = used.get_mut(route.vehicle_type) {
                *u += 1;
                fixed_cost += problem.vehicle_types()[route.vehicle_type].fixed_cost;
            }
        }
        cost += report.cost;
        distance += report.distance;
        duration += report.duration;
        violations.append(&mut found);
        routes.push(report);
    }
    for (v, (&used, vt)) in used.iter().zip(problem.vehicle_types()).enumerate() {
        if used > vt.count {
            violations.push(Violation::TooManyRoutes {
                vehicle_type: v,
                used,
                count: vt.count,
            });
        }
    }
    let mut unvisited = Vec::new();
    let mut uncollected_prizes = 0.0;
    for (c, (&times, client)) in visits.iter().zip(problem.clients()).enumerate() {
        match times {
            0 => {
                unvisited.push(c);
                if client.required {
                    violations.push(Violation::RequiredNotVisited { client: c });
                } else {
                    uncollected_prizes += client.prize;
                }
            }
            1 => {}
            times => violations.push(Violation::VisitedMoreThanOnce { client: c, times }),
        }
    }
    CheckReport {
        feasible: violations.is_empty(),
        cost: cost + uncollected_prizes,
        distance,
        duration,
        fixed_cost,
        uncollected_prizes,
        routes,
        violations,
        unvisited,
    }
}

/// Checks one route on its own (capacity, time windows, return, route limits, known indices;
/// not visit counts or fleet size); `index` is the route's number in the violations.
pub fn check_route(
    problem: &Problem,
    index: usize,
    route: &Route,
) -> (RouteReport, Vec<Violation>) {
    let mut violations = Vec::new();
    let Some(vt) = problem.vehicle_types().get(route.vehicle_type) else {
        violations.push(Violation::UnknownVehicleType {
            route: index,
            vehicle_type: route.vehicle_type,
        });
        return (
            RouteReport {
                vehicle_type: route.vehicle_type,
                load: vec![0.0; problem.dimensions()],
                ..RouteReport::default()
            },
            violations,
        );
    };
    let mut clients = Vec::with_capacity(route.visits.len());
    for (position, &c) in route.visits.iter().enumerate() {
        if c < problem.clients().len() {
            clients.push(c);
        } else {
            violations.push(Violation::UnknownClient {
                route: index,
                position,
                client: c,
            });
        }
    }
    if route.visits.is_empty() {
        let report = RouteReport {
            vehicle_type: route.vehicle_type,
            load: vec![0.0; problem.dimensions()],
            feasible: true,
            ..RouteReport::default()
        };
        return (report, violations);
    }

    // Load.
    let mut load = vec![0.0; problem.dimensions()];
    for &c in &clients {
        for (l, q) in load.iter_mut().zip(&problem.clients()[c].demand) {
            *l += q;
        }
    }
    for (dimension, (&l, &capacity)) in load.iter().zip(&vt.capacity).enumerate() {
        if exceeds(l, capacity) {
            violations.push(Violation::CapacityExceeded {
                route: index,
                dimension,
                load: l,
                capacity,
            });
        }
    }

    // Distance.
    let start = vt.start_depot;
    let end = vt.end_depot;
    let mut distance = 0.0;
    let mut at = start;
    for &c in &clients {
        let next = problem.client_location(c);
        distance += problem.distance(at, next);
        at = next;
    }
    distance += problem.distance(at, end);

    // Time: first leave as early as allowed, which makes every arrival as early as it can be.
    let depot_start = &problem.depots()[start];
    let earliest = vt.tw_early.max(depot_start.tw_early);
    let latest = vt.tw_late.min(depot_start.tw_late);
    let back_by = vt.tw_late.min(problem.depots()[end].tw_late);
    let first = simulate(problem, vt, &clients, earliest);
    for s in &first.stops {
        let tw_late = problem.clients()[s.client].tw_late;
        if exceeds(s.arrival, tw_late) {
            violations.push(Violation::TimeWindowMissed {
                route: index,
                client: s.client,
                arrival: s.arrival,
                tw_late,
            });
        }
    }
    if exceeds(first.return_time, back_by) {
        violations.push(Violation::LateReturn {
            route: index,
            arrival: first.return_time,
            tw_late: back_by,
        });
    }

    // Forward time slack: delaying the departure by Δ delays the arrival at a stop by
    // max(0, Δ − waiting before it), so stop i tolerates Δ ≤ waiting before i + its own slack
    // (none for a stop already late). Delaying past the total waiting shortens nothing.
    let mut waited = 0.0;
    let mut delay = latest - earliest;
    for s in &first.stops {
        let tw_late = problem.clients()[s.client].tw_late;
        delay = f64::min(delay, waited + (tw_late - s.arrival).max(0.0));
        waited += s.start - s.arrival;
    }
    delay = delay
        .min(waited + (back_by - first.return_time).max(0.0))
        .min(waited)
        .max(0.0);
    let departure = earliest + delay;
    let run = if delay > 0.0 {
        simulate(problem, vt, &clients, departure)
    } else {
        first
    };
    let duration = run.return_time - departure;

    if exceeds(duration, vt.max_duration) {
        violations.push(Violation::MaxDurationExceeded {
            route: index,
            duration,
            max_duration: vt.max_duration,
        });
    }
    if exceeds(distance, vt.max_distance) {
        violations.push(Violation::MaxDistanceExceeded {
            route: index,
            distance,
            max_distance: vt.max_distance,
        });
    }
    let report = RouteReport {
        vehicle_type: route.vehicle_type,
        distance,
        duration,
        load,
        departure,
        return_time: run.return_time,
        cost: vt.fixed_cost + vt.unit_distance_cost * distance + vt.unit_duration_cost * duration,
        stops: run.stops,
        feasible: violations.is_empty(),
    };
    (report, violations)
}

/// A route run forward from one departure time.
struct Run {
    stops: Vec<Stop>,
    return_time: f64,
}

fn simulate(problem: &Problem, vt: &VehicleType, clients: &[usize], departure: f64) -> Run {
    let mut stops = Vec::with_capacity(clients.len());
    let mut t = departure;
    let mut at = vt.start_depot;
    for &c in clients {
        let client = &problem.clients()[c];
        let next = problem.client_location(c);
        let arrival = t + problem.duration(at, next);
        let start = arrival.max(client.tw_early);
        stops.push(Stop {
            client: c,
            arrival,
            start,
        });
        t = start + client.service;
        at = next;
    }
    Run {
        stops,
        return_time: t + problem.duration(at, vt.end_depot),
    }
}

impl CheckReport {
    /// The report as JSON with snake_case keys, as the CLI and the bindings hand it out:
    /// totals, `num_vehicles`, `violations` (each with its `code`, `message` and numbers),
    /// `unvisited` and per route its visits, distance, duration, load, departure, return time
    /// (`null` when not finite), cost and feasibility.
    pub fn to_json(&self) -> Value {
        json!({
            "feasible": self.feasible,
            "cost": self.cost,
            "distance": self.distance,
            "duration": self.duration,
            "fixed_cost": self.fixed_cost,
            "uncollected_prizes": self.uncollected_prizes,
            "num_vehicles": self.routes.iter().filter(|r| !r.stops.is_empty()).count(),
            "violations": self.violations.iter().map(Violation::to_json).collect::<Vec<_>>(),
            "unvisited": self.unvisited,
            "routes": self.routes.iter().map(|r| json!({
                "vehicle_type": r.vehicle_type,
                "visits": r.stops.iter().map(|s| s.client).collect::<Vec<_>>(),
                "distance": r.distance,
                "duration": r.duration,
                "load": r.load,
                "departure": finite(r.departure),
                "return_time": finite(r.return_time),
                "cost": r.cost,
                "feasible": r.feasible,
            })).collect::<Vec<_>>(),
        })
    }
}

impl Violation {
    /// The violation as JSON: its `code`, its `message` and its numbers by name.
    pub fn to_json(&self) -> Value {
        let mut out = match *self {
            Violation::UnknownVehicleType {
                route,
                vehicle_type,
            } => json!({"route": route, "vehicle_type": vehicle_type}),
            Violation::UnknownClient {
                route,
                position,
                client,
            } => json!({"route": route, "position": position, "client": client}),
            Violation::VisitedMoreThanOnce { client, times } => {
                json!({"client": client, "times": times})
            }
            Violation::RequiredNotVisited { client } => json!({"client": client}),
            Violation::CapacityExceeded {
                route,
                dimension,
                load,
                capacity,
            } => {
                json!({"route": route, "dimension": dimension, "load": load, "capacity": capacity})
            }
            Violation::TimeWindowMissed {
                route,
                client,
                arrival,
                tw_late,
            } => json!({"route": route, "client": client, "arrival": arrival, "tw_late": tw_late}),
            Violation::LateReturn {
                route,
                arrival,
                tw_late,
            } => json!({"route": route, "arrival": arrival, "tw_late": tw_late}),
            Violation::MaxDurationExceeded {
                route,
                duration,
                max_duration,
            } => json!({"route": route, "duration": duration, "max_duration": max_duration}),
            Violation::MaxDistanceExceeded {
                route,
                distance,
                max_distance,
            } => json!({"route": route, "distance": distance, "max_distance": max_distance}),
            Violation::TooManyRoutes {
                vehicle_type,
                used,
                count,
            } => json!({"vehicle_type": vehicle_type, "used": used, "count": count}),
        };
        out["code"] = json!(self.code());
        out["message"] = json!(self.to_string());
        out
    }
}

/// JSON has no infinity: a non-finite time is `null`.
fn finite(x: f64) -> Value {
    if x.is_finite() { json!(x) } else { Value::Null }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerance_is_relative_with_a_floor_of_one() {
        assert!(!exceeds(1000.0005, 1000.0));
        assert!(exceeds(1000.002, 1000.0));
        assert!(!exceeds(0.000_000_5, 0.0));
        assert!(exceeds(0.000_002, 0.0));
        assert!(!exceeds(1e300, f64::INFINITY));
    }
}

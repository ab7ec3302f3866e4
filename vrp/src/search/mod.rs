//! The solver: a hybrid genetic search (Vidal et al. 2012; Vidal 2022, "HGS-CVRP") over a local
//! search with granular neighbourhoods, relocate / swap / 2-opt / 2-opt* / SWAP* moves priced in
//! O(1) from route prefix data (time windows by Vidal et al. 2013's segments), adaptive
//! penalties for infeasible intermediate solutions, and several workers exchanging their best
//! solutions.
//!
//! ```
//! use flowcast_vrp::{Client, Depot, Problem, Rounding, VehicleType, check};
//! use flowcast_vrp::search::{SolveOptions, solve};
//! let clients = (0..12)
//!     .map(|k| {
//!         let a = k as f64 * 0.5;
//!         Client::new(k.to_string(), 10.0 * a.cos(), 10.0 * a.sin(), vec![1.0])
//!     })
//!     .collect();
//! let problem = Problem::from_coordinates(
//!     "ring",
//!     vec![Depot::new("depot", 0.0, 0.0)],
//!     clients,
//!     vec![VehicleType::new("van", 4, vec![4.0])],
//!     Rounding::Exact,
//! )?;
//! let result = solve(&problem, &SolveOptions { max_iterations: Some(200), threads: flowcast_core::Threads::from_count(1), ..Default::default() })?;
//! let report = check(&problem, &result.solution);
//! assert!(report.feasible && result.feasible);
//! assert!((report.cost - result.cost).abs() < 1e-6);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod bench;
mod crossover;
mod data;
mod hgs;
mod ils;
mod individual;
mod local_search;
mod operators;
mod penalty;
mod pieces;
mod population;
mod route;
mod ruin;
mod segment;
mod split;
mod worker;

use std::time::Duration;

use flowcast_core::{
    CancellationToken, Clock, NoProgress, Progress, Rng, Search, StoppingCriterion, Threads,
};

use crate::{Problem, Route as SolutionRoute, Solution, Unservable};
use data::Data;
use individual::Individual;
use local_search::Routes;
use segment::MAX_DIMS;
use worker::{Found, Shared, Worker};

/// How a solve runs. The default: 10 seconds, every core, seed 0.
#[derive(Debug, Clone, PartialEq)]
pub struct SolveOptions {
    /// Wall-clock budget (`None`: no time limit; then set `max_iterations`).
    pub time_limit: Option<Duration>,
    /// Iterations (offspring) per worker (`None`: no limit).
    pub max_iterations: Option<u64>,
    /// Seed of the random choices; with one thread and an iteration limit the result depends
    /// only on it.
    pub seed: u64,
    /// Worker threads (each runs the search; they share their best solutions).
    pub threads: Threads,
    /// A solution to start from; the result is never worse than it.
    pub initial: Option<Solution>,
    /// Size of each client's neighbourhood of candidate moves.
    pub granularity: usize,
    /// The metaheuristic around the local search.
    pub strategy: Strategy,
}

/// The metaheuristic around the local search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Strategy {
    /// Iterated local search with ruin-and-recreate and late acceptance (the default).
    #[default]
    IteratedLocalSearch,
    /// Hybrid genetic search (population, crossover, Split).
    HybridGenetic,
}

impl Default for SolveOptions {
    fn default() -> Self {
        Self {
            time_limit: Some(Duration::from_secs(10)),
            max_iterations: None,
            seed: 0,
            threads: Threads::All,
            initial: None,
            granularity: 20,
            strategy: Strategy::default(),
        }
    }
}

/// A client the solution leaves out, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Unserved {
    /// Client index.
    pub client: usize,
    /// Why: a reason no vehicle can serve it.
    pub reason: Unservable,
}

/// What a solve found.
#[derive(Debug, Clone, PartialEq)]
pub struct SolveResult {
    /// The best solution (feasible if any feasible one was found).
    pub solution: Solution,
    /// Its cost (route costs plus the prizes of unvisited optional clients).
    pub cost: f64,
    /// Whether it meets every constraint and serves every required client.
    pub feasible: bool,
    /// Clients no vehicle can serve, left out with their reason.
    pub unserved: Vec<Unserved>,
    /// Iterations run (over all workers).
    pub iterations: u64,
    /// Wall time.
    pub seconds: f64,
}

/// Why a solve could not start.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum SolveError {
    /// The solver carries at most four load dimensions.
    #[error("dimensions = {0}: the solver handles at most {MAX_DIMS} load dimensions")]
    TooManyDimensions(usize),
    /// Neither a time limit nor an iteration limit was set.
    #[error("time_limit and max_iterations are both unset: the search would never stop")]
    Unbounded,
    /// The warm start does not fit the problem.
    #[error("initial solution: {0}")]
    BadInitial(String),
}

/// Solves `problem` on the system clock. See [`solve_with`].
///
/// # Errors
/// As [`solve_with`].
pub fn solve(problem: &Problem, options: &SolveOptions) -> Result<SolveResult, SolveError> {
    let clock = flowcast_core::SystemClock::new();
    solve_with(
        problem,
        options,
        &clock,
        CancellationToken::new(),
        NoProgress,
    )
}

/// Solves `problem`, reading time from `clock`, stopping early when `cancel` is raised, and
/// reporting the first worker's progress.
///
/// # Errors
/// More than four load dimensions, no stopping rule, or a warm start naming unknown clients or
/// vehicle types, or using more vehicles of a type than exist.
pub fn solve_with<P: Progress>(
    problem: &Problem,
    options: &SolveOptions,
    clock: &(dyn Clock + Sync),
    cancel: CancellationToken,
    progress: P,
) -> Result<SolveResult, SolveError> {
    if problem.dimensions() > MAX_DIMS {
        return Err(SolveError::TooManyDimensions(problem.dimensions()));
    }
    if options.time_limit.is_none() && options.max_iterations.is_none() {
        return Err(SolveError::Unbounded);
    }
    let start = clock.now();
    let data = Data::new(problem, options.granularity.max(1));
    let mut slots = slots(problem, data.timed);
    if let Some(init) = &options.initial {
        // Room for every route of the warm start (within each type's count).
        for (t, v) in problem.vehicle_types().iter().enumerate() {
            let used = init
                .routes
                .iter()
                .filter(|r| r.vehicle_type == t && !r.visits.is_empty())
                .count()
                .min(v.count);
            let have = slots.iter().filter(|&&s| s == t).count();
            slots.extend(std::iter::repeat_n(t, used.saturating_sub(have)));
        }
        slots.sort_unstable();
    }
    let mut unserved = Vec::new();
    let mut clients = Vec::new();
    for c in 0..problem.clients().len() {
        match problem.unservable_reason(c) {
            Some(reason) => unserved.push(Unserved { client: c, reason }),
            None => clients.push(data.n_depots + c),
        }
    }
    let initial = options
        .initial
        .as_ref()
        .map(|s| initial_routes(problem, &data, &slots, &clients, s))
        .transpose()?;
    let stop = criterion(options, problem.clients().len());
    let deadline = options.time_limit.map(|t| start + t);
    let interrupted = {
        let cancel = cancel.clone();
        move || cancel.is_cancelled() || deadline.is_some_and(|d| clock.now() >= d)
    };
    let workers = if cfg!(target_arch = "wasm32") {
        1
    } else {
        options.threads.count().max(1)
    };
    let rngs = Rng::seed_from(options.seed).split(workers);
    let shared = Shared::default();
    let shared = (workers > 1).then_some(&shared);
    let strategy = options.strategy;
    let parts = Parts {
        data: &data,
        slots: &slots,
        clients: &clients,
        initial: initial.as_ref(),
        shared,
        interrupted: &interrupted,
    };
    let mut rngs = rngs.into_iter();
    let first_rng = rngs.next().unwrap_or_else(|| Rng::seed_from(options.seed));
    let found = std::thread::scope(|scope| {
        let handles: Vec<_> = rngs
            .map(|rng| {
                let stop = stop.clone();
                let cancel = cancel.clone();
                scope.spawn(move || {
                    let mut search = Search::new(stop, clock, cancel, NoProgress);
                    parts.run(strategy, rng, &mut search)
                })
            })
            .collect();
        let mut search = Search::new(stop.clone(), clock, cancel.clone(), progress);
        let mut all = vec![parts.run(strategy, first_rng, &mut search)];
        search.finish();
        all.extend(handles.into_iter().filter_map(|h| h.join().ok()));
        all
    });
    let iterations = found.iter().map(|f| f.iterations).sum();
    let best = found
        .iter()
        .filter_map(|f| f.best.as_ref())
        .min_by(|a, b| a.cost.total_cmp(&b.cost))
        .or_else(|| {
            found
                .iter()
                .filter_map(|f| f.best_infeasible.as_ref())
                .min_by(|a, b| {
                    let big = route::Penalties {
                        load: 1e6,
                        time: 1e6,
                    };
                    a.penalised(big).total_cmp(&b.penalised(big))
                })
        });
    let (solution, cost, feasible) = match best {
        Some(ind) => (to_solution(&data, &ind.routes), ind.cost, ind.is_feasible()),
        None => {
            // Stopped before any solution: every servable client on its own route where slots
            // allow (a valid, probably poor, answer).
            let routes = split::split(
                &data,
                &clients,
                &slots,
                route::Penalties {
                    load: 1e6,
                    time: 1e6,
                },
            );
            let ind = Individual::new(&data, routes);
            (to_solution(&data, &ind.routes), ind.cost, ind.is_feasible())
        }
    };
    let feasible = feasible
        && unserved
            .iter()
            .all(|u| !problem.clients()[u.client].required);
    Ok(SolveResult {
        solution,
        cost,
        feasible,
        unserved,
        iterations,
        seconds: clock.now().saturating_sub(start).as_secs_f64(),
    })
}

/// What every worker shares.
#[derive(Clone, Copy)]
struct Parts<'a> {
    data: &'a Data,
    slots: &'a [usize],
    clients: &'a [usize],
    initial: Option<&'a Routes>,
    shared: Option<&'a Shared>,
    interrupted: &'a (dyn Fn() -> bool + Sync),
}

impl Parts<'_> {
    fn run<P: Progress>(self, strategy: Strategy, rng: Rng, search: &mut Search<'_, P>) -> Found {
        let worker = Worker {
            data: self.data,
            slots: self.slots,
            clients: self.clients,
            rng,
            initial: self.initial.cloned(),
            shared: self.shared,
            interrupted: self.interrupted,
        };
        match strategy {
            Strategy::IteratedLocalSearch => worker.run_iterated(search),
            Strategy::HybridGenetic => worker.run_genetic(search),
        }
    }
}

fn criterion(options: &SolveOptions, clients: usize) -> StoppingCriterion {
    let mut parts = vec![StoppingCriterion::NoImprovement(
        100_000 + 2_000 * clients as u64,
    )];
    if let Some(t) = options.time_limit {
        parts.push(StoppingCriterion::Deadline(t));
    }
    if let Some(n) = options.max_iterations {
        parts.push(StoppingCriterion::MaxIterations(n));
    }
    StoppingCriterion::any(parts)
}

/// Route slots: per vehicle type, as many as it has but, without time constraints, no more
/// than 1.3 times the routes its capacity needs for all the demand, plus 3 (HGS-CVRP's fleet
/// bound for unlimited fleets). Time windows can need many more routes than capacity does.
fn slots(problem: &Problem, timed: bool) -> Vec<usize> {
    let dims = problem.dimensions();
    let total: Vec<f64> = (0..dims)
        .map(|d| problem.clients().iter().map(|c| c.demand[d]).sum())
        .collect();
    let n = problem.clients().len();
    let mut out = Vec::new();
    for (t, v) in problem.vehicle_types().iter().enumerate() {
        let need = (0..dims)
            .map(|d| {
                if v.capacity[d] > 0.0 {
                    (total[d] / v.capacity[d]).ceil()
                } else {
                    n as f64
                }
            })
            .fold(1.0, f64::max);
        let bound = if timed {
            n.max(1)
        } else {
            ((1.3 * need).ceil() as usize + 3).min(n.max(1))
        };
        out.extend(std::iter::repeat_n(t, v.count.min(bound)));
    }
    out
}

/// The warm start as route slots; clients it leaves out are added at the end of the route
/// that ends nearest to them, so every servable client is routed.
fn initial_routes(
    problem: &Problem,
    data: &Data,
    slots: &[usize],
    clients: &[usize],
    s: &Solution,
) -> Result<Routes, SolveError> {
    let mut routes: Routes = slots.iter().map(|&v| (v, Vec::new())).collect();
    let mut used = vec![false; slots.len()];
    let mut seen = vec![false; data.n_loc];
    let n = problem.clients().len();
    for (k, r) in s.routes.iter().enumerate() {
        if r.visits.is_empty() {
            continue;
        }
        let slot = (0..slots.len())
            .find(|&i| !used[i] && slots[i] == r.vehicle_type)
            .ok_or_else(|| {
                SolveError::BadInitial(format!(
                    "route {k}: no free vehicle of type {} (unknown type, or more routes than the search uses)",
                    r.vehicle_type
                ))
            })?;
        used[slot] = true;
        for &c in &r.visits {
            if c >= n {
                return Err(SolveError::BadInitial(format!(
                    "route {k}: unknown client {c}"
                )));
            }
            let l = data.n_depots + c;
            if seen[l] {
                return Err(SolveError::BadInitial(format!(
                    "client {c} is visited twice"
                )));
            }
            seen[l] = true;
            routes[slot].1.push(l);
        }
    }
    for &l in clients {
        if !seen[l] {
            let best = (0..routes.len())
                .min_by(|&a, &b| {
                    let end = |r: usize| {
                        routes[r]
                            .1
                            .last()
                            .map_or(f64::INFINITY, |&e| data.dist(e, l))
                    };
                    end(a).total_cmp(&end(b))
                })
                .unwrap_or(0);
            routes[best].1.push(l);
        }
    }
    Ok(routes)
}

fn to_solution(data: &Data, routes: &Routes) -> Solution {
    Solution {
        routes: routes
            .iter()
            .filter(|(_, c)| !c.is_empty())
            .map(|(v, c)| SolutionRoute {
                vehicle_type: *v,
                visits: c.iter().map(|&l| l - data.n_depots).collect(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests;

//! The hybrid genetic search loop (Vidal et al. 2012; Vidal 2022): parents by binary tournament,
//! ordered crossover, Split, local search under adaptive penalties, repair of half the
//! infeasible offspring, survivor selection, and a restart after long stagnation. Several
//! workers run it side by side and pass their best solutions to each other.

use flowcast_core::{Progress, Search};

use super::crossover;
use super::data::Data;
use super::individual::Individual;
use super::local_search::{LocalSearch, Routes};
use super::penalty::PenaltyManager;
use super::population::{MU, Population};
use super::route::Penalties;
use super::split::split;
use super::worker::{Found, Worker};

/// Iterations without a better solution before the population restarts.
const RESTART: u64 = 20_000;
/// Iterations between looks at the other workers' best.
const MIGRATE_EVERY: u64 = 50;

impl Worker<'_> {
    /// Runs the genetic search until `search` stops.
    pub(crate) fn run_genetic<P: Progress>(mut self, search: &mut Search<'_, P>) -> Found {
        let data = self.data;
        let mut ls = LocalSearch::new(data);
        let mut pm = PenaltyManager::new(initial_penalties(data), 0.2);
        let mut pop = Population::default();
        let mut iterations = 0u64;
        let mut since_best = 0u64;
        let interrupted = self.interrupted;
        if let Some(init) = self.initial.take() {
            // The warm start as given first, so the result is never worse than it.
            pop.add(Individual::new(data, init.clone()), data, pm.pen);
            let ind = self.educate(&mut ls, init, pm.pen, interrupted);
            pop.add(ind, data, pm.pen);
        }
        // Initial population: random giant tours, split and improved.
        let mut tour: Vec<usize> = self.clients.to_vec();
        while pop.len() < 4 * MU && search.keep_going() {
            self.rng.shuffle(&mut tour);
            let routes = split(data, &tour, self.slots, pm.pen);
            let ind = self.educate(&mut ls, routes, pm.pen, interrupted);
            self.insert(ind, &mut pop, &mut pm, &mut ls);
            iterations += 1;
            search.record(best_cost(&pop));
            if interrupted() {
                break;
            }
        }
        let (mut seen, mut child) = (Vec::new(), Vec::new());
        while search.keep_going() && !interrupted() && pop.len() >= 2 {
            let (a, b) = pop.select_pair(&mut self.rng, pm.pen);
            crossover::ordered(&a.tour, &b.tour, &mut self.rng, &mut seen, &mut child);
            let routes = split(data, &child, self.slots, pm.pen);
            let ind = self.educate(&mut ls, routes, pm.pen, interrupted);
            let improved = self.insert(ind, &mut pop, &mut pm, &mut ls);
            iterations += 1;
            since_best = if improved { 0 } else { since_best + 1 };
            if let Some(shared) = self.shared {
                if improved {
                    if let Some(best) = &pop.best {
                        shared.offer(best);
                    }
                }
                if iterations % MIGRATE_EVERY == 0 {
                    let own = pop.best.as_ref().map_or(f64::INFINITY, |b| b.cost);
                    if let Some(other) = shared.better_than(own) {
                        pop.add(other, data, pm.pen);
                    }
                }
            }
            search.record(best_cost(&pop));
            if since_best >= RESTART {
                pop.restart();
                since_best = 0;
                while pop.len() < 4 * MU && search.keep_going() && !interrupted() {
                    self.rng.shuffle(&mut tour);
                    let routes = split(data, &tour, self.slots, pm.pen);
                    let ind = self.educate(&mut ls, routes, pm.pen, interrupted);
                    self.insert(ind, &mut pop, &mut pm, &mut ls);
                }
            }
        }
        if let (Some(shared), Some(best)) = (self.shared, &pop.best) {
            shared.offer(best);
        }
        Found {
            best: pop.best,
            best_infeasible: pop.best_infeasible.map(|b| b.1),
            iterations,
        }
    }

    /// Local search from `routes` under `pen`.
    fn educate(
        &mut self,
        ls: &mut LocalSearch,
        routes: Routes,
        pen: Penalties,
        interrupted: &(dyn Fn() -> bool + Sync),
    ) -> Individual {
        ls.load(&routes, pen);
        ls.run(&mut self.rng, interrupted);
        Individual::new(self.data, ls.export())
    }

    /// Adds an improved offspring, records its feasibility for the penalties, and repairs half
    /// of the infeasible ones. Returns whether the best feasible solution improved.
    fn insert(
        &mut self,
        ind: Individual,
        pop: &mut Population,
        pm: &mut PenaltyManager,
        ls: &mut LocalSearch,
    ) -> bool {
        pm.record(ind.load_excess, ind.time_excess);
        let feasible = ind.is_feasible();
        let routes = (!feasible).then(|| ind.routes.clone());
        let mut improved = pop.add(ind, self.data, pm.pen);
        if let Some(routes) = routes {
            if self.rng.uniform() < 0.5 {
                let repaired = self.educate(ls, routes, pm.repair(), self.interrupted);
                if repaired.is_feasible() {
                    improved |= pop.add(repaired, self.data, pm.pen);
                }
            }
        }
        improved
    }
}

/// Load penalty of the order of a distance per unit of demand (as HGS-CVRP starts it).
pub(crate) fn initial_penalties(data: &Data) -> Penalties {
    let max_dist = (0..data.n_loc)
        .flat_map(|i| (0..data.n_loc).map(move |j| (i, j)))
        .step_by(7)
        .map(|(i, j)| data.dist(i, j))
        .fold(0.0, f64::max);
    let max_demand = data
        .clients()
        .map(|l| data.demand[l].iter().copied().fold(0.0, f64::max))
        .fold(0.0, f64::max);
    let load = if max_demand > 0.0 {
        (max_dist / max_demand).clamp(0.1, 1000.0)
    } else {
        1.0
    };
    Penalties { load, time: 1.0 }
}

fn best_cost(pop: &Population) -> f64 {
    pop.best.as_ref().map_or(f64::INFINITY, |b| b.cost)
}

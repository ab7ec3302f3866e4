//! Iterated local search: ruin and recreate a few strings, repair with the local search (which
//! only re-examines what changed), and accept by late-acceptance hill climbing (Burke & Bykov
//! 2017). Each iteration costs a fraction of a millisecond on a thousand clients, so this
//! search gets far in short time budgets; the genetic search ([`super::hgs`]) is kept for
//! comparison and long runs.

use flowcast_core::{Progress, Rng, Search};

use super::data::Data;
use super::individual::Individual;
use super::local_search::LocalSearch;
use super::penalty::PenaltyManager;
use super::route::Penalties;
use super::ruin::{recreate, ruin};
use super::split::split;
use super::worker::{Found, Worker};

/// Late-acceptance history length.
const HISTORY: usize = 300;
/// Iterations without a new best before restarting from the best (or the shared best).
const RESTART: u64 = 50_000;
/// Iterations between looks at the other workers' best.
const SYNC_EVERY: u64 = 2_000;

impl Worker<'_> {
    /// Runs the iterated local search until `search` stops.
    pub(crate) fn run_iterated<P: Progress>(mut self, search: &mut Search<'_, P>) -> Found {
        let data = self.data;
        let interrupted = self.interrupted;
        let mut pm = PenaltyManager::new(super::hgs::initial_penalties(data), 0.5);
        let mut ls = LocalSearch::new(data);
        let mut best: Option<Individual> = None;
        let mut best_infeasible: Option<(f64, Individual)> = None;
        let start = match self.initial.take() {
            Some(init) => {
                let given = Individual::new(data, init.clone());
                if given.is_feasible() {
                    best = Some(given);
                }
                init
            }
            None => {
                // A giant tour by nearest neighbour from a random client, split.
                let tour = nearest_neighbour_tour(data, self.clients, &mut self.rng);
                split(data, &tour, self.slots, pm.pen)
            }
        };
        ls.load(&start, pm.pen);
        ls.run(&mut self.rng, interrupted);
        let mut current = Individual::new(data, ls.export());
        let mut note = |ind: &Individual, best: &mut Option<Individual>| -> bool {
            if ind.is_feasible() {
                if best.as_ref().is_none_or(|b| ind.cost < b.cost - 1e-9) {
                    *best = Some(ind.clone());
                    return true;
                }
            } else {
                let p = ind.penalised(Penalties {
                    load: 1e6,
                    time: 1e6,
                });
                if best_infeasible.as_ref().is_none_or(|b| p < b.0) {
                    best_infeasible = Some((p, ind.clone()));
                }
            }
            false
        };
        note(&current, &mut best);
        let mut current_cost = current.penalised(pm.pen);
        let mut history = vec![current_cost; HISTORY];
        let mut iterations = 0u64;
        let mut since_best = 0u64;
        let mut removed = Vec::new();
        while search.keep_going() && !interrupted() {
            ls.begin();
            ruin(&mut ls, &mut self.rng, &mut removed);
            recreate(&mut ls, &mut self.rng, &mut removed);
            ls.run(&mut self.rng, interrupted);
            let mut cand = Individual::new(data, ls.export());
            // Until something feasible is found, infeasible candidates are repaired at once
            // (later the penalties keep the search near the boundary; repairing every
            // candidate would halve the iterations for little gain).
            if !cand.is_feasible() && best.is_none() {
                cand = repair(&mut ls, &mut self.rng, &pm, interrupted);
            }
            pm.record(cand.load_excess, cand.time_excess);
            let improved = note(&cand, &mut best);
            let cand_cost = cand.penalised(pm.pen);
            let slot = (iterations as usize) % HISTORY;
            if cand_cost <= history[slot] || cand_cost <= current_cost {
                ls.commit();
                current = cand;
                current_cost = cand_cost;
            } else {
                ls.rollback();
            }
            if current_cost < history[slot] {
                history[slot] = current_cost;
            }
            iterations += 1;
            since_best = if improved { 0 } else { since_best + 1 };
            if improved {
                if let (Some(shared), Some(b)) = (self.shared, &best) {
                    shared.offer(b);
                }
            }
            // Penalties may have moved: re-price the current solution and the routes.
            if pm.pen != ls.pen {
                ls.set_penalties(pm.pen);
                current_cost = current.penalised(pm.pen);
            }
            let sync = self.shared.is_some() && iterations % SYNC_EVERY == 0;
            if since_best >= RESTART || sync {
                let own = best.as_ref().map_or(f64::INFINITY, |b| b.cost);
                let target = match self.shared.and_then(|s| s.better_than(own)) {
                    Some(other) => Some(other),
                    None if since_best >= RESTART => best.clone(),
                    None => None,
                };
                if let Some(t) = target {
                    ls.load(&t.routes, pm.pen);
                    current = t;
                    current_cost = current.penalised(pm.pen);
                    history.fill(current_cost);
                    since_best = 0;
                }
            }
            search.record(best.as_ref().map_or(f64::INFINITY, |b| b.cost));
        }
        if best.is_none() {
            // Nothing feasible yet: a last repair of the best infeasible solution with steeply
            // rising penalties.
            if let Some((_, b)) = &best_infeasible {
                let mut pen = pm.repair();
                ls.load(&b.routes, pen);
                for _ in 0..4 {
                    ls.set_penalties(pen);
                    ls.touch_violating();
                    ls.run(&mut self.rng, &|| false);
                    let ind = Individual::new(data, ls.export());
                    if ind.is_feasible() {
                        best = Some(ind);
                        break;
                    }
                    pen = Penalties {
                        load: pen.load * 10.0,
                        time: pen.time * 10.0,
                    };
                }
            }
        }
        if let (Some(shared), Some(b)) = (self.shared, &best) {
            shared.offer(b);
        }
        Found {
            best,
            best_infeasible: best_infeasible.map(|b| b.1),
            iterations,
        }
    }
}

/// Local search under raised penalties on the routes that violate a constraint; the
/// penalties are restored afterwards. Returns the resulting solution.
fn repair(
    ls: &mut LocalSearch,
    rng: &mut Rng,
    pm: &PenaltyManager,
    interrupted: &(dyn Fn() -> bool + Sync),
) -> Individual {
    ls.set_penalties(pm.repair());
    ls.touch_violating();
    ls.run(rng, interrupted);
    ls.set_penalties(pm.pen);
    Individual::new(ls.data, ls.export())
}

/// Clients in nearest-neighbour order from a random one (nearest among the granular
/// neighbours, else the nearest unvisited by a scan).
fn nearest_neighbour_tour(data: &Data, clients: &[usize], rng: &mut Rng) -> Vec<usize> {
    let mut tour = Vec::with_capacity(clients.len());
    if clients.is_empty() {
        return tour;
    }
    let mut left = vec![false; data.n_loc];
    for &c in clients {
        left[c] = true;
    }
    let mut at = clients[rng.index(clients.len())];
    for _ in 0..clients.len() {
        left[at] = false;
        tour.push(at);
        let next = data.neighbours[at]
            .iter()
            .map(|&v| v as usize)
            .find(|&v| left[v])
            .or_else(|| {
                clients
                    .iter()
                    .copied()
                    .filter(|&v| left[v])
                    .min_by(|&a, &b| data.dist(at, a).total_cmp(&data.dist(at, b)))
            });
        match next {
            Some(n) => at = n,
            None => break,
        }
    }
    tour
}

//! Entry points for the criterion benches (`benches/benches/vrp.rs`): one local-search descent
//! and one sweep of move evaluations, on a problem as given. Not a stable API.

use flowcast_core::Rng;

use super::data::Data;
use super::local_search::LocalSearch;
use super::pieces::{self, Piece, Plan};
use super::route::Penalties;
use super::split::split;
use crate::Problem;

/// A problem prepared for benchmarking: its search data and a route set to start from.
pub struct Prepared {
    data: Data,
    slots: Vec<usize>,
    tour: Vec<usize>,
}

const PEN: Penalties = Penalties {
    load: 10.0,
    time: 10.0,
};

impl Prepared {
    /// Flattens `problem` and draws a random giant tour from `seed`.
    pub fn new(problem: &Problem, seed: u64) -> Self {
        let data = Data::new(problem, 20);
        let slots = super::slots(problem, data.timed);
        let mut tour: Vec<usize> = data.clients().collect();
        Rng::seed_from(seed).shuffle(&mut tour);
        Self { data, slots, tour }
    }

    /// Splits the random tour and runs the local search to a local optimum; returns the
    /// penalised cost reached.
    pub fn descent(&self, seed: u64) -> f64 {
        let routes = split(&self.data, &self.tour, &self.slots, PEN);
        let mut ls = LocalSearch::new(&self.data);
        ls.load(&routes, PEN);
        ls.run(&mut Rng::seed_from(seed), &|| false);
        ls.routes.iter().map(|r| r.cost).sum()
    }

    /// Prices every relocation of a client after each of its neighbours (without applying
    /// any) on the local optimum reached from the random tour; returns how many were priced
    /// and the sum of their costs (so the work cannot be optimised away).
    pub fn price_relocations(&self, optimum: &Optimum<'_>) -> (usize, f64) {
        let ls = &optimum.0;
        let mut count = 0;
        let mut sum = 0.0;
        for u in self.data.clients() {
            let (ru, i) = (ls.route_of[u], ls.pos_of[u]);
            for &v in &self.data.neighbours[u] {
                let (rv, j) = (ls.route_of[v as usize], ls.pos_of[v as usize]);
                if ru == rv {
                    continue;
                }
                let u_plan = Plan::new(
                    ls.routes[ru].vehicle,
                    &[
                        Piece::Prefix {
                            route: ru,
                            to: i - 1,
                        },
                        Piece::Suffix {
                            route: ru,
                            from: i + 1,
                        },
                    ],
                );
                let v_plan = Plan::new(
                    ls.routes[rv].vehicle,
                    &[
                        Piece::Prefix { route: rv, to: j },
                        Piece::Node(u),
                        Piece::Suffix {
                            route: rv,
                            from: j + 1,
                        },
                    ],
                );
                sum += pieces::cost(&self.data, &ls.routes, &u_plan, PEN)
                    + pieces::cost(&self.data, &ls.routes, &v_plan, PEN);
                count += 2;
            }
        }
        (count, sum)
    }

    /// The local optimum reached from the random tour.
    pub fn optimum(&self, seed: u64) -> Optimum<'_> {
        let routes = split(&self.data, &self.tour, &self.slots, PEN);
        let mut ls = LocalSearch::new(&self.data);
        ls.load(&routes, PEN);
        ls.run(&mut Rng::seed_from(seed), &|| false);
        Optimum(ls)
    }
}

/// A local optimum held by the local search (see [`Prepared::optimum`]).
pub struct Optimum<'a>(LocalSearch<'a>);

//! Local search to a local optimum under the current penalties: for each client `u` (in random
//! order) and each client `v` of its granular neighbourhood, the operators try the moves that
//! make `u` and `v` neighbours; the first improving move is applied. Route pairs whose circle
//! sectors overlap are then tried with SWAP*. Pairs are re-tested only when one of their routes
//! changed since (Vidal 2022, "Hybrid genetic search for the CVRP: open-source implementation
//! and SWAP* neighborhood").

use flowcast_core::Rng;

use super::data::Data;
use super::operators::{relocate, swap, swap_star, two_opt};
use super::pieces::{self, Piece, Plan};
use super::route::{Penalties, Route, sectors_overlap};

/// A route set as the search exchanges it: vehicle type and client locations.
pub(crate) type Routes = Vec<(usize, Vec<usize>)>;

/// Improvements smaller than this are ignored (floating-point noise).
pub(crate) const EPS: f64 = 1e-7;

const NONE: usize = usize::MAX;

/// The local search and the solution it is improving.
pub(crate) struct LocalSearch<'d> {
    pub data: &'d Data,
    pub pen: Penalties,
    pub routes: Vec<Route>,
    /// Route and position of each location (`NONE` when not routed).
    pub route_of: Vec<usize>,
    pub pos_of: Vec<usize>,
    /// Move counter at each route's last change.
    modified: Vec<u64>,
    /// Move counter when each client was last tested against its neighbours.
    tested: Vec<u64>,
    /// Move counter when each route pair was last tried with SWAP*.
    star_tested: Vec<u64>,
    moves: u64,
    order: Vec<usize>,
    buf: Vec<usize>,
    /// Routes as they were before the first change since [`LocalSearch::begin`].
    undo: Vec<(usize, usize, Vec<usize>)>,
    /// Move counter at [`LocalSearch::begin`] (0: not recording).
    checkpoint: u64,
    /// SWAP*'s cheapest insertions per (route, client), with the route's stamp when computed.
    pub star_cache: Vec<Vec<(u64, swap_star::Best3)>>,
}

impl<'d> LocalSearch<'d> {
    pub(crate) fn new(data: &'d Data) -> Self {
        Self {
            data,
            pen: Penalties {
                load: 1.0,
                time: 1.0,
            },
            routes: Vec::new(),
            route_of: vec![NONE; data.n_loc],
            pos_of: vec![0; data.n_loc],
            modified: Vec::new(),
            tested: vec![0; data.n_loc],
            star_tested: Vec::new(),
            moves: 0,
            order: data.clients().collect(),
            buf: Vec::new(),
            undo: Vec::new(),
            checkpoint: 0,
            star_cache: Vec::new(),
        }
    }

    /// Loads a route set (every route slot, empty ones included).
    pub(crate) fn load(&mut self, routes: &Routes, pen: Penalties) {
        self.pen = pen;
        self.route_of.fill(NONE);
        self.routes.clear();
        for (r, (vehicle, clients)) in routes.iter().enumerate() {
            let route = Route::new(self.data, *vehicle, clients, pen);
            for (p, &l) in route.nodes.iter().enumerate().skip(1) {
                if p < route.nodes.len() - 1 {
                    self.route_of[l] = r;
                    self.pos_of[l] = p;
                }
            }
            self.routes.push(route);
        }
        self.modified = vec![1; self.routes.len()];
        self.star_tested = vec![0; self.routes.len() * self.routes.len()];
        self.tested.fill(0);
        self.moves = 1;
        self.undo.clear();
        self.checkpoint = 0;
        self.star_cache.clear();
    }

    /// Marks every route that violates a constraint as changed, so the next run re-examines it
    /// (after the penalties were raised to repair it).
    pub(crate) fn touch_violating(&mut self) {
        for r in 0..self.routes.len() {
            let t = self.routes[r].totals(self.data);
            if t.load_excess > 1e-9 || t.time_excess > 1e-9 {
                self.remember(r);
                self.moves += 1;
                self.modified[r] = self.moves;
            }
        }
    }

    /// Move counter at route `r`'s last change.
    pub(crate) fn stamp(&self, r: usize) -> u64 {
        self.modified[r]
    }

    /// Changes the penalty weights (route costs are re-priced, O(1) each).
    pub(crate) fn set_penalties(&mut self, pen: Penalties) {
        if pen == self.pen {
            return;
        }
        self.pen = pen;
        for r in &mut self.routes {
            r.cost = r.totals(self.data).penalised(pen);
        }
    }

    /// Starts recording changes so that [`LocalSearch::rollback`] can undo them.
    pub(crate) fn begin(&mut self) {
        self.undo.clear();
        self.moves += 1;
        self.checkpoint = self.moves;
    }

    /// Undoes every change since [`LocalSearch::begin`].
    pub(crate) fn rollback(&mut self) {
        let undo = std::mem::take(&mut self.undo);
        self.checkpoint = 0;
        for (r, vehicle, clients) in &undo {
            self.set_route(*r, *vehicle, clients);
        }
        self.undo = undo;
        self.undo.clear();
    }

    /// Keeps the changes since [`LocalSearch::begin`].
    pub(crate) fn commit(&mut self) {
        self.undo.clear();
        self.checkpoint = 0;
    }

    /// Records route `r` for undo if this is its first change since the checkpoint.
    fn remember(&mut self, r: usize) {
        if self.checkpoint > 0 && self.modified[r] < self.checkpoint {
            let route = &self.routes[r];
            self.undo.push((r, route.vehicle, route.clients().to_vec()));
        }
    }

    /// Replaces route `r` by `clients` driven by `vehicle`. Clients it no longer holds are
    /// marked unrouted (unless another route now holds them).
    pub(crate) fn set_route(&mut self, r: usize, vehicle: usize, clients: &[usize]) {
        self.remember(r);
        self.moves += 1;
        for &l in self.routes[r].clients() {
            if self.route_of[l] == r {
                self.route_of[l] = NONE;
            }
        }
        let (start, end) = (
            self.data.vehicles[vehicle].start,
            self.data.vehicles[vehicle].end,
        );
        let route = &mut self.routes[r];
        route.vehicle = vehicle;
        route.nodes.clear();
        route.nodes.push(start);
        route.nodes.extend_from_slice(clients);
        route.nodes.push(end);
        route.update(self.data, self.pen);
        for (p, &l) in clients.iter().enumerate() {
            self.route_of[l] = r;
            self.pos_of[l] = p + 1;
        }
        self.modified[r] = self.moves;
    }

    /// Whether location `l` is on a route.
    pub(crate) fn is_routed(&self, l: usize) -> bool {
        self.route_of[l] != NONE
    }

    /// The route set.
    pub(crate) fn export(&self) -> Routes {
        self.routes
            .iter()
            .map(|r| (r.vehicle, r.clients().to_vec()))
            .collect()
    }

    /// Improves the loaded solution until no move improves it.
    /// Checks `interrupted` now and then and stops early (the solution stays valid).
    pub(crate) fn run(&mut self, rng: &mut Rng, interrupted: &(dyn Fn() -> bool + Sync)) {
        rng.shuffle(&mut self.order);
        loop {
            let mut improved = false;
            for k in 0..self.order.len() {
                if k % 64 == 63 && interrupted() {
                    return;
                }
                let u = self.order[k];
                let last_test = self.tested[u];
                self.tested[u] = self.moves;
                if !self.data.required[u] && self.try_optional(u, last_test) {
                    improved = true;
                }
                if self.route_of[u] == NONE {
                    continue;
                }
                let n_neigh = self.data.neighbours[u].len();
                for t in 0..n_neigh {
                    let v = self.data.neighbours[u][t] as usize;
                    if self.route_of[v] == NONE || self.route_of[u] == NONE {
                        continue;
                    }
                    let (ru, rv) = (self.route_of[u], self.route_of[v]);
                    if self.modified[ru].max(self.modified[rv]) <= last_test {
                        continue;
                    }
                    if self.try_pair(u, v) {
                        improved = true;
                        continue;
                    }
                    // v first in its route: also try u right after its start depot.
                    if self.pos_of[v] == 1 && self.try_after_depot(u, self.route_of[v]) {
                        improved = true;
                    }
                }
                if self.route_of[u] != NONE
                    && self.modified[self.route_of[u]] > last_test
                    && self.try_empty_route(u)
                {
                    improved = true;
                }
            }
            if self.run_swap_star() {
                improved = true;
            }
            if !improved {
                break;
            }
        }
    }

    /// An optional client: dropped when its route saves more than its prize without it,
    /// inserted next to a neighbour when that costs less than its prize.
    /// Routes unchanged since `last_test` (when `u` was last tried) are skipped.
    fn try_optional(&mut self, u: usize, last_test: u64) -> bool {
        let prize = self.data.prize[u];
        if self.route_of[u] != NONE {
            let (r, i) = (self.route_of[u], self.pos_of[u]);
            if self.modified[r] <= last_test {
                return false;
            }
            let plan = Plan::new(
                self.routes[r].vehicle,
                &[
                    Piece::Prefix {
                        route: r,
                        to: i - 1,
                    },
                    Piece::Suffix {
                        route: r,
                        from: i + 1,
                    },
                ],
            );
            if self.cost(&plan) - self.routes[r].cost + prize < -EPS {
                self.apply(&[(r, plan)]);
                return true;
            }
            return false;
        }
        let mut best: Option<(f64, usize, usize)> = None;
        for t in 0..self.data.neighbours[u].len() {
            let v = self.data.neighbours[u][t] as usize;
            if self.route_of[v] == NONE || self.modified[self.route_of[v]] <= last_test {
                continue;
            }
            let (r, j) = (self.route_of[v], self.pos_of[v]);
            for at in [j - 1, j] {
                let plan = Plan::new(
                    self.routes[r].vehicle,
                    &[
                        Piece::Prefix { route: r, to: at },
                        Piece::Node(u),
                        Piece::Suffix {
                            route: r,
                            from: at + 1,
                        },
                    ],
                );
                let delta = self.cost(&plan) - self.routes[r].cost;
                if delta - prize < -EPS && best.is_none_or(|b| delta < b.0) {
                    best = Some((delta, r, at));
                }
            }
        }
        let Some((_, r, at)) = best else {
            return false;
        };
        let plan = Plan::new(
            self.routes[r].vehicle,
            &[
                Piece::Prefix { route: r, to: at },
                Piece::Node(u),
                Piece::Suffix {
                    route: r,
                    from: at + 1,
                },
            ],
        );
        self.apply(&[(r, plan)]);
        true
    }

    /// Moves that make `v` a neighbour of `u` (u after v and related).
    fn try_pair(&mut self, u: usize, v: usize) -> bool {
        let (ru, i) = (self.route_of[u], self.pos_of[u]);
        let (rv, j) = (self.route_of[v], self.pos_of[v]);
        relocate::after(self, (ru, i), (rv, j))
            || swap::strings(self, (ru, i), (rv, j))
            || two_opt::run(self, (ru, i), (rv, j))
    }

    /// Moves that put `u` first in route `rv`.
    fn try_after_depot(&mut self, u: usize, rv: usize) -> bool {
        let (ru, i) = (self.route_of[u], self.pos_of[u]);
        relocate::after(self, (ru, i), (rv, 0))
            || (ru != rv && two_opt::inter(self, (ru, i), (rv, 0)))
    }

    /// Moves `u` alone into an empty route, if one is free and it improves.
    fn try_empty_route(&mut self, u: usize) -> bool {
        let ru = self.route_of[u];
        let Some(empty) = (0..self.routes.len()).find(|&r| self.routes[r].is_empty()) else {
            return false;
        };
        relocate::after(self, (ru, self.pos_of[u]), (empty, 0))
    }

    fn run_swap_star(&mut self) -> bool {
        let n = self.routes.len();
        let mut improved = false;
        for a in 0..n {
            for b in a + 1..n {
                if self.routes[a].is_empty() || self.routes[b].is_empty() {
                    continue;
                }
                let key = a * n + b;
                if self.star_tested[key] >= self.modified[a].max(self.modified[b]) {
                    continue;
                }
                self.star_tested[key] = self.moves;
                if !sectors_overlap(self.routes[a].sector, self.routes[b].sector) {
                    continue;
                }
                if swap_star::run(self, a, b) {
                    improved = true;
                }
            }
        }
        improved
    }

    /// Penalised cost of a plan.
    #[inline(always)]
    pub(crate) fn cost(&self, plan: &Plan) -> f64 {
        pieces::cost(self.data, &self.routes, plan, self.pen)
    }

    /// Replaces routes by plans (all priced on the current routes) and refreshes positions.
    pub(crate) fn apply(&mut self, changes: &[(usize, Plan)]) {
        let mut built: Vec<Vec<usize>> = Vec::with_capacity(changes.len());
        for (_, plan) in changes {
            pieces::clients(&self.routes, plan, &mut self.buf);
            built.push(self.buf.clone());
        }
        for (r, _) in changes {
            self.remember(*r);
            for &l in self.routes[*r].clients() {
                if self.route_of[l] == *r {
                    self.route_of[l] = NONE;
                }
            }
        }
        self.moves += 1;
        for ((r, plan), clients) in changes.iter().zip(built) {
            let route = &mut self.routes[*r];
            route.vehicle = plan.vehicle;
            let (start, end) = (
                self.data.vehicles[plan.vehicle].start,
                self.data.vehicles[plan.vehicle].end,
            );
            route.nodes.clear();
            route.nodes.push(start);
            route.nodes.extend_from_slice(&clients);
            route.nodes.push(end);
            route.update(self.data, self.pen);
            for (p, &l) in clients.iter().enumerate() {
                self.route_of[l] = *r;
                self.pos_of[l] = p + 1;
            }
            self.modified[*r] = self.moves;
        }
    }

    /// Applies `changes` if they lower the penalised cost of the routes they replace.
    #[inline]
    pub(crate) fn apply_if_better(&mut self, changes: &[(usize, Plan)]) -> bool {
        // Distance alone first: most moves lengthen the routes by more than their penalties
        // could shrink, and are rejected without pricing loads and times.
        let mut bound = 0.0;
        for (r, plan) in changes {
            bound += pieces::lower_bound(self.data, &self.routes, plan) - self.routes[*r].cost;
        }
        if bound >= -EPS {
            return false;
        }
        let mut delta = 0.0;
        for (r, plan) in changes {
            delta += self.cost(plan) - self.routes[*r].cost;
        }
        if delta < -EPS {
            self.apply(changes);
            true
        } else {
            false
        }
    }
}

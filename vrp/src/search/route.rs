//! A route as the local search holds it: its visits with the depots at both ends, and prefix
//! and suffix summaries (distance, load, time segments) from which any move that keeps stretches
//! of it is priced in O(1) per stretch.

use super::data::Data;
use super::segment::{self, Load, MAX_DIMS, Seg};

/// Weights of the constraint violations in the penalised cost.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Penalties {
    /// Per unit of load above capacity.
    pub load: f64,
    /// Per unit of time warp, duration above the limit or distance above the limit.
    pub time: f64,
}

/// One route and its summaries.
#[derive(Debug, Clone)]
pub(crate) struct Route {
    pub vehicle: usize,
    /// Locations: start depot, clients, end depot.
    pub nodes: Vec<usize>,
    /// Distance from the start to `nodes[i]`.
    pub cum_dist: Vec<f64>,
    /// Distance of `nodes[0..=i]` driven backwards (`Σ_{j<i} d(nodes[j+1], nodes[j])`).
    pub rev_dist: Vec<f64>,
    /// Load of `nodes[0..=i]`.
    pub cum_load: Vec<Load>,
    /// Time segment of `nodes[0..=i]` (timed problems only).
    pub fwd: Vec<Seg>,
    /// Time segment of `nodes[i..]` (timed problems only).
    pub bwd: Vec<Seg>,
    /// Penalised cost under the penalties of the last [`Route::update`].
    pub cost: f64,
    /// Circle sector of the visits (min angle, span), for SWAP*'s route pairing.
    pub sector: (f64, f64),
}

/// What a route costs and violates.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct RouteTotals {
    pub distance: f64,
    pub duration: f64,
    pub load_excess: f64,
    pub time_excess: f64,
    /// Cost without penalties (0 for an empty route).
    pub cost: f64,
}

impl Route {
    pub(crate) fn new(data: &Data, vehicle: usize, clients: &[usize], pen: Penalties) -> Self {
        let v = &data.vehicles[vehicle];
        let mut nodes = Vec::with_capacity(clients.len() + 2);
        nodes.push(v.start);
        nodes.extend_from_slice(clients);
        nodes.push(v.end);
        let mut r = Self {
            vehicle,
            nodes,
            cum_dist: Vec::new(),
            rev_dist: Vec::new(),
            cum_load: Vec::new(),
            fwd: Vec::new(),
            bwd: Vec::new(),
            cost: 0.0,
            sector: (0.0, 0.0),
        };
        r.update(data, pen);
        r
    }

    /// Number of clients.
    #[inline(always)]
    pub(crate) fn len(&self) -> usize {
        self.nodes.len() - 2
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.nodes.len() == 2
    }

    /// The clients, in order.
    pub(crate) fn clients(&self) -> &[usize] {
        &self.nodes[1..self.nodes.len() - 1]
    }

    /// Recomputes every summary and the cost after the nodes changed.
    pub(crate) fn update(&mut self, data: &Data, pen: Penalties) {
        let n = self.nodes.len();
        self.cum_dist.resize(n, 0.0);
        self.rev_dist.resize(n, 0.0);
        self.cum_load.resize(n, [0.0; MAX_DIMS]);
        self.cum_dist[0] = 0.0;
        self.rev_dist[0] = 0.0;
        self.cum_load[0] = [0.0; MAX_DIMS];
        for i in 1..n {
            let (a, b) = (self.nodes[i - 1], self.nodes[i]);
            self.cum_dist[i] = self.cum_dist[i - 1] + data.dist(a, b);
            self.rev_dist[i] = self.rev_dist[i - 1] + data.dist(b, a);
            self.cum_load[i] = segment::add(&self.cum_load[i - 1], &data.demand[b]);
        }
        if data.timed {
            let v = &data.vehicles[self.vehicle];
            self.fwd.resize(n, v.start_seg);
            self.bwd.resize(n, v.end_seg);
            self.fwd[0] = v.start_seg;
            for i in 1..n {
                let next = if i == n - 1 {
                    v.end_seg
                } else {
                    data.visit[self.nodes[i]]
                };
                let t = data.dur(self.nodes[i - 1], self.nodes[i]);
                self.fwd[i] = self.fwd[i - 1].then(t, &next);
            }
            self.bwd[n - 1] = v.end_seg;
            for i in (0..n - 1).rev() {
                let here = if i == 0 {
                    v.start_seg
                } else {
                    data.visit[self.nodes[i]]
                };
                let t = data.dur(self.nodes[i], self.nodes[i + 1]);
                self.bwd[i] = here.then(t, &self.bwd[i + 1]);
            }
        }
        self.cost = self.totals(data).penalised(pen);
        self.sector = sector(data, self.clients());
    }

    /// Distance, duration, violations and cost of the route as it stands.
    pub(crate) fn totals(&self, data: &Data) -> RouteTotals {
        let last = self.nodes.len() - 1;
        let seg = data.timed.then(|| self.fwd[last]);
        totals(
            data,
            self.vehicle,
            self.len(),
            self.cum_dist[last],
            &self.cum_load[last],
            seg,
        )
    }
}

impl RouteTotals {
    /// Cost plus weighted violations.
    #[inline(always)]
    pub(crate) fn penalised(&self, pen: Penalties) -> f64 {
        self.cost + pen.load * self.load_excess + pen.time * self.time_excess
    }
}

/// The totals of a route of vehicle `vehicle` with `n_clients` clients, given its distance,
/// load and (timed problems) full time segment, depots included.
#[inline(always)]
pub(crate) fn totals(
    data: &Data,
    vehicle: usize,
    n_clients: usize,
    distance: f64,
    load: &Load,
    seg: Option<Seg>,
) -> RouteTotals {
    if n_clients == 0 {
        return RouteTotals::default();
    }
    let v = &data.vehicles[vehicle];
    let mut t = RouteTotals {
        distance,
        duration: 0.0,
        load_excess: segment::excess(load, &v.capacity),
        time_excess: (distance - v.max_distance).max(0.0),
        cost: v.fixed + v.unit_distance * distance,
    };
    if let Some(s) = seg {
        t.duration = s.duration;
        t.time_excess += s.time_warp + (s.duration - v.max_duration).max(0.0);
        t.cost += v.unit_duration * s.duration;
    }
    t
}

/// The smallest circle sector (start angle, span) holding the clients' polar angles.
fn sector(data: &Data, clients: &[usize]) -> (f64, f64) {
    use std::f64::consts::TAU;
    let Some(&first) = clients.first() else {
        return (0.0, 0.0);
    };
    let (mut start, mut span) = (data.angle[first], 0.0);
    for &c in &clients[1..] {
        let a = data.angle[c];
        let off = (a - start).rem_euclid(TAU);
        if off <= span {
            continue;
        }
        // Extend whichever side is shorter.
        let back = TAU - off;
        if off - span <= back {
            span = off;
        } else {
            start = a;
            span += back;
        }
    }
    (start, span.min(TAU))
}

/// Whether two sectors overlap (with a little slack).
pub(crate) fn sectors_overlap(a: (f64, f64), b: (f64, f64)) -> bool {
    use std::f64::consts::TAU;
    let slack = 0.05;
    let d1 = (b.0 - a.0).rem_euclid(TAU);
    let d2 = (a.0 - b.0).rem_euclid(TAU);
    d1 <= a.1 + slack || d2 <= b.1 + slack
}

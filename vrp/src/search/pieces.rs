//! Moves as concatenations: a changed route is written as at most a few stretches of existing
//! routes (forward or reversed) and single visits, and priced from the routes' prefix data,
//! without building it. Applying a move builds the routes from the same description.

use super::data::Data;
use super::route::{Penalties, Route, RouteTotals, totals};
use super::segment::{self, Load, MAX_DIMS};

/// A stretch of a new route. Positions index `Route::nodes` (0 is the start depot).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Piece {
    /// `nodes[0..=to]` of a route, start depot included (must come first, and be of the
    /// route's own vehicle's start).
    Prefix { route: usize, to: usize },
    /// Clients `nodes[from..=to]` in order (empty when `from > to`).
    Range {
        route: usize,
        from: usize,
        to: usize,
    },
    /// Clients `nodes[from..=to]` backwards.
    Rev {
        route: usize,
        from: usize,
        to: usize,
    },
    /// One location.
    Node(usize),
    /// `nodes[from..]` of a route, end depot included (must come last).
    Suffix { route: usize, from: usize },
}

/// A new route: its vehicle and up to five pieces.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Plan {
    pub vehicle: usize,
    pub pieces: [Piece; 5],
    pub len: usize,
}

impl Plan {
    pub(crate) fn new(vehicle: usize, pieces: &[Piece]) -> Self {
        let mut p = [Piece::Node(0); 5];
        p[..pieces.len()].copy_from_slice(pieces);
        Self {
            vehicle,
            pieces: p,
            len: pieces.len(),
        }
    }

    pub(crate) fn pieces(&self) -> &[Piece] {
        &self.pieces[..self.len]
    }
}

/// Prices a plan: the totals of the route it describes.
#[inline]
pub(crate) fn price(data: &Data, routes: &[Route], plan: &Plan) -> RouteTotals {
    let v = &data.vehicles[plan.vehicle];
    let timed = data.timed;
    let mut dist = 0.0;
    let mut load: Load = [0.0; MAX_DIMS];
    let mut seg = v.start_seg;
    let mut last = v.start;
    let mut count = 0usize;
    let mut closed = false;
    for piece in plan.pieces() {
        match *piece {
            Piece::Prefix { route, to } => {
                let r = &routes[route];
                debug_assert!({
                    let own = &data.vehicles[r.vehicle];
                    own.start == v.start && own.start_seg == v.start_seg
                });
                dist = r.cum_dist[to];
                load = r.cum_load[to];
                if timed {
                    seg = r.fwd[to];
                }
                last = r.nodes[to];
                count = to;
            }
            Piece::Range { route, from, to } => {
                if from > to {
                    continue;
                }
                let r = &routes[route];
                let first = r.nodes[from];
                dist += data.dist(last, first) + r.cum_dist[to] - r.cum_dist[from];
                load = segment::add(&load, &segment::sub(&r.cum_load[to], &r.cum_load[from - 1]));
                if timed {
                    let mut t = data.dur(last, first);
                    for i in from..=to {
                        seg = seg.then(t, &data.visit[r.nodes[i]]);
                        if i < to {
                            t = data.dur(r.nodes[i], r.nodes[i + 1]);
                        }
                    }
                }
                last = r.nodes[to];
                count += to + 1 - from;
            }
            Piece::Rev { route, from, to } => {
                if from > to {
                    continue;
                }
                let r = &routes[route];
                let first = r.nodes[to];
                dist += data.dist(last, first) + r.rev_dist[to] - r.rev_dist[from];
                load = segment::add(&load, &segment::sub(&r.cum_load[to], &r.cum_load[from - 1]));
                if timed {
                    let mut t = data.dur(last, first);
                    for i in (from..=to).rev() {
                        seg = seg.then(t, &data.visit[r.nodes[i]]);
                        if i > from {
                            t = data.dur(r.nodes[i], r.nodes[i - 1]);
                        }
                    }
                }
                last = r.nodes[from];
                count += to + 1 - from;
            }
            Piece::Node(l) => {
                dist += data.dist(last, l);
                load = segment::add(&load, &data.demand[l]);
                if timed {
                    seg = seg.then(data.dur(last, l), &data.visit[l]);
                }
                last = l;
                count += 1;
            }
            Piece::Suffix { route, from } => {
                let r = &routes[route];
                let end = r.nodes.len() - 1;
                count += end - from;
                if same_end(data, r.vehicle, plan.vehicle) {
                    let first = r.nodes[from];
                    dist += data.dist(last, first) + r.cum_dist[end] - r.cum_dist[from];
                    load = segment::add(
                        &load,
                        &segment::sub(&r.cum_load[end], &r.cum_load[from - 1]),
                    );
                    if timed {
                        seg = seg.then(data.dur(last, first), &r.bwd[from]);
                    }
                    closed = true;
                } else {
                    // Another end depot: the clients, then this vehicle's own end.
                    if from < end {
                        let first = r.nodes[from];
                        dist += data.dist(last, first) + r.cum_dist[end - 1] - r.cum_dist[from];
                        load = segment::add(
                            &load,
                            &segment::sub(&r.cum_load[end - 1], &r.cum_load[from - 1]),
                        );
                        if timed {
                            let mut t = data.dur(last, first);
                            for i in from..end {
                                seg = seg.then(t, &data.visit[r.nodes[i]]);
                                t = data.dur(r.nodes[i], r.nodes[i + 1]);
                            }
                        }
                        last = r.nodes[end - 1];
                    }
                }
            }
        }
    }
    if !closed {
        dist += data.dist(last, v.end);
        if timed {
            seg = seg.then(data.dur(last, v.end), &v.end_seg);
        }
    }
    totals(data, plan.vehicle, count, dist, &load, timed.then_some(seg))
}

/// A lower bound on the penalised cost of a plan from its distance alone (fixed cost plus
/// distance cost; penalties and duration costs are at least 0), or `−∞` when the vehicle has a
/// duration cost (then no such bound is cheap).
#[inline]
pub(crate) fn lower_bound(data: &Data, routes: &[Route], plan: &Plan) -> f64 {
    let v = &data.vehicles[plan.vehicle];
    if v.unit_duration > 0.0 {
        return f64::NEG_INFINITY;
    }
    let mut dist = 0.0;
    let mut last = v.start;
    let mut count = 0usize;
    let mut closed = false;
    for piece in plan.pieces() {
        match *piece {
            Piece::Prefix { route, to } => {
                let r = &routes[route];
                dist = r.cum_dist[to];
                last = r.nodes[to];
                count = to;
            }
            Piece::Range { route, from, to } => {
                if from <= to {
                    let r = &routes[route];
                    dist += data.dist(last, r.nodes[from]) + r.cum_dist[to] - r.cum_dist[from];
                    last = r.nodes[to];
                    count += to + 1 - from;
                }
            }
            Piece::Rev { route, from, to } => {
                if from <= to {
                    let r = &routes[route];
                    dist += data.dist(last, r.nodes[to]) + r.rev_dist[to] - r.rev_dist[from];
                    last = r.nodes[from];
                    count += to + 1 - from;
                }
            }
            Piece::Node(l) => {
                dist += data.dist(last, l);
                last = l;
                count += 1;
            }
            Piece::Suffix { route, from } => {
                let r = &routes[route];
                let end = r.nodes.len() - 1;
                count += end - from;
                if same_end(data, r.vehicle, plan.vehicle) {
                    dist += data.dist(last, r.nodes[from]) + r.cum_dist[end] - r.cum_dist[from];
                    closed = true;
                } else if from < end {
                    dist += data.dist(last, r.nodes[from]) + r.cum_dist[end - 1] - r.cum_dist[from];
                    last = r.nodes[end - 1];
                }
            }
        }
    }
    if !closed {
        dist += data.dist(last, v.end);
    }
    if count == 0 {
        0.0
    } else {
        v.fixed + v.unit_distance * dist
    }
}

/// Penalised cost of a plan.
#[inline]
pub(crate) fn cost(data: &Data, routes: &[Route], plan: &Plan, pen: Penalties) -> f64 {
    price(data, routes, plan).penalised(pen)
}

/// The client locations a plan describes, in order.
pub(crate) fn clients(routes: &[Route], plan: &Plan, out: &mut Vec<usize>) {
    out.clear();
    for piece in plan.pieces() {
        match *piece {
            Piece::Prefix { route, to } => out.extend_from_slice(&routes[route].nodes[1..=to]),
            Piece::Range { route, from, to } => {
                if from <= to {
                    out.extend_from_slice(&routes[route].nodes[from..=to]);
                }
            }
            Piece::Rev { route, from, to } => {
                if from <= to {
                    out.extend(routes[route].nodes[from..=to].iter().rev());
                }
            }
            Piece::Node(l) => out.push(l),
            Piece::Suffix { route, from } => {
                let r = &routes[route];
                out.extend_from_slice(&r.nodes[from..r.nodes.len() - 1]);
            }
        }
    }
}

/// Whether routes of vehicle types `a` and `b` end the same way (same depot and closing time).
#[inline(always)]
pub(crate) fn same_end(data: &Data, a: usize, b: usize) -> bool {
    a == b || {
        let (va, vb) = (&data.vehicles[a], &data.vehicles[b]);
        va.end == vb.end && va.end_seg == vb.end_seg
    }
}

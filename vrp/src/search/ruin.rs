//! Ruin and recreate (Christiaens & Vanden Berghe 2020, "Slack induction by string removals
//! for vehicle routing problems"): a few strings of consecutive clients are cut from routes near
//! a random client, then every removed client is reinserted at its cheapest position (under the
//! current penalties), skipping each position with a small "blink" probability.

use flowcast_core::Rng;

use super::local_search::LocalSearch;
use super::pieces::{Piece, Plan};
use super::segment;

/// Average number of clients removed.
const AVG_REMOVED: f64 = 10.0;
/// Longest string cut from one route.
const MAX_STRING: usize = 10;
/// Probability of skipping a position while recreating.
const BLINK: f64 = 0.01;

/// Removes strings around a random client; returns the removed client locations.
pub(crate) fn ruin(ls: &mut LocalSearch, rng: &mut Rng, removed: &mut Vec<usize>) {
    removed.clear();
    let data = ls.data;
    let (used, routed) = ls
        .routes
        .iter()
        .filter(|r| !r.is_empty())
        .fold((0, 0), |(n, c), r| (n + 1, c + r.len()));
    if used == 0 {
        return;
    }
    let avg_len = routed as f64 / used as f64;
    let max_len = (MAX_STRING as f64).min(avg_len).max(1.0);
    let max_strings = (4.0 * AVG_REMOVED / (1.0 + max_len) - 1.0).max(1.0);
    let strings = 1 + (rng.uniform() * max_strings) as usize;
    // A random routed client, without listing them: draw among all clients until one is
    // routed (some route holds a client, and most clients are routed).
    let first = data.n_depots;
    let seed = loop {
        let c = first + rng.index(data.n_loc - first);
        if ls.is_routed(c) {
            break c;
        }
    };
    let mut done_routes: Vec<usize> = Vec::new();
    let candidates = std::iter::once(seed).chain(data.neighbours[seed].iter().map(|&v| v as usize));
    for c in candidates {
        if done_routes.len() >= strings {
            break;
        }
        if !ls.is_routed(c) {
            continue;
        }
        let r = ls.route_of[c];
        if done_routes.contains(&r) {
            continue;
        }
        done_routes.push(r);
        let len = ls.routes[r].len();
        let l = 1 + rng.index((max_len as usize).min(len));
        // A string of length l holding c, at a random offset.
        let pos = ls.pos_of[c];
        let lo = pos.saturating_sub(l - 1).max(1);
        let hi = pos.min(len + 1 - l);
        let start = lo + rng.index(hi - lo + 1);
        let route = &ls.routes[r];
        let mut kept: Vec<usize> = Vec::with_capacity(len - l);
        for (p, &x) in route.nodes[1..=len].iter().enumerate() {
            if p + 1 >= start && p + 1 < start + l {
                removed.push(x);
            } else {
                kept.push(x);
            }
        }
        let vehicle = route.vehicle;
        ls.set_route(r, vehicle, &kept);
    }
}

/// Reinserts `removed` (in an order chosen at random among SISR's four) at their cheapest
/// positions in routes near them or an empty route.
pub(crate) fn recreate(ls: &mut LocalSearch, rng: &mut Rng, removed: &mut [usize]) {
    let data = ls.data;
    let depot = 0;
    match rng.below(11) {
        0..=3 => rng.shuffle(removed),
        4..=7 => removed.sort_by(|&a, &b| {
            let qa: f64 = data.demand[a].iter().sum();
            let qb: f64 = data.demand[b].iter().sum();
            qb.total_cmp(&qa)
        }),
        8..=9 => removed.sort_by(|&a, &b| data.dist(depot, b).total_cmp(&data.dist(depot, a))),
        _ => removed.sort_by(|&a, &b| data.dist(depot, a).total_cmp(&data.dist(depot, b))),
    }
    let mut candidates: Vec<usize> = Vec::new();
    for &c in removed.iter() {
        candidates.clear();
        for &v in &data.neighbours[c] {
            let v = v as usize;
            if ls.is_routed(v) {
                let r = ls.route_of[v];
                if !candidates.contains(&r) {
                    candidates.push(r);
                }
            }
        }
        if let Some(empty) = (0..ls.routes.len()).find(|&r| ls.routes[r].is_empty()) {
            candidates.push(empty);
        }
        if candidates.is_empty() {
            // Nothing near is routed: any route.
            candidates.extend(0..ls.routes.len());
        }
        let mut best: Option<(f64, usize, usize)> = None;
        for &r in &candidates {
            if let Some((delta, pos)) = cheapest(ls, rng, c, r) {
                if best.is_none_or(|b| delta < b.0) {
                    best = Some((delta, r, pos));
                }
            }
        }
        let (delta, r, pos) = best.unwrap_or((0.0, candidates[0], 0));
        if !data.required[c] && delta >= data.prize[c] {
            // Not worth its prize: left out.
            continue;
        }
        let plan = Plan::new(
            ls.routes[r].vehicle,
            &[
                Piece::Prefix { route: r, to: pos },
                Piece::Node(c),
                Piece::Suffix {
                    route: r,
                    from: pos + 1,
                },
            ],
        );
        ls.apply(&[(r, plan)]);
    }
}

/// Cheapest insertion of `c` into route `r`: (cost increase, insert after position).
fn cheapest(ls: &LocalSearch, rng: &mut Rng, c: usize, r: usize) -> Option<(f64, usize)> {
    let data = ls.data;
    let route = &ls.routes[r];
    let v = &data.vehicles[route.vehicle];
    let mut best: Option<(f64, usize)> = None;
    if !data.timed {
        // Untimed: the load term does not depend on the position; pick by distance.
        let last = route.nodes.len() - 1;
        let load = route.cum_load[last];
        let new_load = segment::add(&load, &data.demand[c]);
        let load_delta = ls.pen.load
            * (segment::excess(&new_load, &v.capacity) - segment::excess(&load, &v.capacity));
        let fixed = if route.is_empty() { v.fixed } else { 0.0 };
        let distance_excess = |d: f64| (d - v.max_distance).max(0.0);
        for p in 0..last {
            if rng.uniform() < BLINK {
                continue;
            }
            let (a, b) = (route.nodes[p], route.nodes[p + 1]);
            let dd = data.dist(a, c) + data.dist(c, b) - data.dist(a, b);
            if best.is_none_or(|x| dd < x.0) {
                best = Some((dd, p));
            }
        }
        return best.map(|(dd, p)| {
            let total = route.cum_dist[last];
            let excess = ls.pen.time * (distance_excess(total + dd) - distance_excess(total));
            (v.unit_distance * dd + load_delta + fixed + excess, p)
        });
    }
    for p in 0..route.nodes.len() - 1 {
        if rng.uniform() < BLINK {
            continue;
        }
        let plan = Plan::new(
            route.vehicle,
            &[
                Piece::Prefix { route: r, to: p },
                Piece::Node(c),
                Piece::Suffix {
                    route: r,
                    from: p + 1,
                },
            ],
        );
        let delta = ls.cost(&plan) - route.cost;
        if best.is_none_or(|x| delta < x.0) {
            best = Some((delta, p));
        }
    }
    best
}

//! Split (Prins 2004; Vidal 2016): the best way to cut a giant tour into consecutive routes,
//! one per vehicle slot at most, by dynamic programming over (routes used, clients covered).
//! Route costs are exact and penalised (load excess, time warp), computed incrementally as a
//! route is extended; routes are not extended past 1.5 times the largest capacity.

use super::data::Data;
use super::local_search::Routes;
use super::route::{Penalties, totals};
use super::segment::{self, Load, MAX_DIMS};

/// Cuts `tour` (client locations) into at most `slots.len()` routes, route `k` driven by vehicle
/// type `slots[k]`; returns every slot's route (empty ones included).
pub(crate) fn split(data: &Data, tour: &[usize], slots: &[usize], pen: Penalties) -> Routes {
    let n = tour.len();
    let r_max = slots.len();
    let mut routes: Routes = slots.iter().map(|&v| (v, Vec::new())).collect();
    if n == 0 || r_max == 0 {
        return routes;
    }
    // One vehicle type: the shortest path over cut points, whatever the route count, is
    // enough unless it needs more routes than there are slots.
    if slots.iter().all(|&v| v == slots[0]) {
        let cuts = unlimited(data, tour, slots[0], pen);
        if cuts.len() <= r_max {
            for (k, (i, j)) in cuts.into_iter().enumerate() {
                routes[k].1 = tour[i..j].to_vec();
            }
            return routes;
        }
    }
    let inf = f64::INFINITY;
    // p[k][j]: best cost of covering tour[..j] with the first k slots; pred[k][j]: where the
    // k-th route starts.
    let mut p = vec![inf; (r_max + 1) * (n + 1)];
    let mut pred = vec![0usize; (r_max + 1) * (n + 1)];
    let at = |k: usize, j: usize| k * (n + 1) + j;
    p[at(0, 0)] = 0.0;
    for (k, &vt) in slots.iter().enumerate() {
        for i in 0..n {
            let base = p[at(k, i)];
            if base == inf {
                continue;
            }
            // Carry p[k][i] to p[k+1][i]: an unused slot.
            if base < p[at(k + 1, i)] {
                p[at(k + 1, i)] = base;
                pred[at(k + 1, i)] = i;
            }
            extend(data, tour, vt, i, pen, |j, cost| {
                let at_kj = at(k + 1, j);
                if base + cost < p[at_kj] {
                    p[at_kj] = base + cost;
                    pred[at_kj] = i;
                }
            });
        }
    }
    // Walk back from the full tour with every slot considered.
    let mut j = n;
    for k in (1..=r_max).rev() {
        let i = pred[at(k, j)];
        if i < j {
            routes[k - 1].1 = tour[i..j].to_vec();
        }
        j = i;
    }
    routes
}

/// Penalised cost of the route of vehicle `vt` serving `tour[i..j]`, for each `j` from `i + 1`
/// on, passed to `f(j, cost)` until the load passes the extension limit.
#[inline]
fn extend(
    data: &Data,
    tour: &[usize],
    vt: usize,
    i: usize,
    pen: Penalties,
    mut f: impl FnMut(usize, f64),
) {
    let v = &data.vehicles[vt];
    let limit = 1.5
        * v.capacity
            .iter()
            .copied()
            .filter(|c| c.is_finite())
            .fold(0.0, f64::max)
        + 1e-9;
    let mut load: Load = [0.0; MAX_DIMS];
    let mut dist = 0.0;
    let mut seg = v.start_seg;
    let mut last = v.start;
    for (j, &c) in tour.iter().enumerate().skip(i) {
        load = segment::add(&load, &data.demand[c]);
        dist += data.dist(last, c);
        if data.timed {
            seg = seg.then(data.dur(last, c), &data.visit[c]);
        }
        last = c;
        let closed = data
            .timed
            .then(|| seg.then(data.dur(last, v.end), &v.end_seg));
        let t = totals(
            data,
            vt,
            j + 1 - i,
            dist + data.dist(last, v.end),
            &load,
            closed,
        );
        f(j + 1, t.penalised(pen));
        if j > i && load.iter().any(|&q| q > limit) {
            break;
        }
    }
}

/// Cuts for an unlimited fleet of vehicle type `vt`: `(start, end)` of each route.
fn unlimited(data: &Data, tour: &[usize], vt: usize, pen: Penalties) -> Vec<(usize, usize)> {
    let n = tour.len();
    let mut p = vec![f64::INFINITY; n + 1];
    let mut pred = vec![0usize; n + 1];
    p[0] = 0.0;
    for i in 0..n {
        let base = p[i];
        if base == f64::INFINITY {
            continue;
        }
        extend(data, tour, vt, i, pen, |j, cost| {
            if base + cost < p[j] {
                p[j] = base + cost;
                pred[j] = i;
            }
        });
    }
    let mut cuts = Vec::new();
    let mut j = n;
    while j > 0 {
        cuts.push((pred[j], j));
        j = pred[j];
    }
    cuts.reverse();
    cuts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Client, Depot, Problem, Rounding, VehicleType};

    #[test]
    fn cuts_where_capacity_forces_it() {
        // Clients on a line at x = 1..4, demand 1 each, capacity 2: two routes of two.
        let clients = (1..=4)
            .map(|x| Client::new(x.to_string(), f64::from(x), 0.0, vec![1.0]))
            .collect();
        let problem = Problem::from_coordinates(
            "line",
            vec![Depot::new("d", 0.0, 0.0)],
            clients,
            vec![VehicleType::new("v", 3, vec![2.0])],
            Rounding::Exact,
        )
        .unwrap();
        let data = Data::new(&problem, 10);
        let pen = Penalties {
            load: 100.0,
            time: 100.0,
        };
        let routes = split(&data, &[1, 2, 3, 4], &[0, 0, 0], pen);
        let used: Vec<&Vec<usize>> = routes
            .iter()
            .map(|r| &r.1)
            .filter(|r| !r.is_empty())
            .collect();
        assert_eq!(used, [&vec![1, 2], &vec![3, 4]]);
    }
}

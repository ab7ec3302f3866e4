//! A solution in the population: its routes, giant tour, costs and the neighbour relations the
//! diversity measure compares.

use super::data::Data;
use super::local_search::Routes;
use super::route::{Penalties, RouteTotals, totals};
use super::segment::{self, MAX_DIMS};

/// Marker for "the depot" in successor and predecessor lists.
const DEPOT: usize = usize::MAX;

/// A scored solution.
#[derive(Debug, Clone)]
pub(crate) struct Individual {
    pub routes: Routes,
    /// Clients in route order (the giant tour).
    pub tour: Vec<usize>,
    /// Cost without penalties (prizes of unvisited optional clients included).
    pub cost: f64,
    /// Load excess and time excess summed over routes.
    pub load_excess: f64,
    pub time_excess: f64,
    /// Successor and predecessor of each location (`DEPOT` at route ends).
    succ: Vec<usize>,
    pred: Vec<usize>,
}

impl Individual {
    pub(crate) fn new(data: &Data, routes: Routes) -> Self {
        let mut cost = 0.0;
        let (mut load_excess, mut time_excess) = (0.0, 0.0);
        let mut succ = vec![DEPOT; data.n_loc];
        let mut pred = vec![DEPOT; data.n_loc];
        let mut tour = Vec::with_capacity(data.n_loc);
        let mut visited = vec![false; data.n_loc];
        for (vehicle, clients) in &routes {
            let t = route_totals(data, *vehicle, clients);
            cost += t.cost;
            load_excess += t.load_excess;
            time_excess += t.time_excess;
            for (k, &c) in clients.iter().enumerate() {
                pred[c] = if k == 0 { DEPOT } else { clients[k - 1] };
                succ[c] = clients.get(k + 1).copied().unwrap_or(DEPOT);
                visited[c] = true;
            }
            tour.extend_from_slice(clients);
        }
        cost += data
            .clients()
            .filter(|&l| !visited[l])
            .map(|l| data.prize[l])
            .sum::<f64>();
        Self {
            routes,
            tour,
            cost,
            load_excess,
            time_excess,
            succ,
            pred,
        }
    }

    pub(crate) fn is_feasible(&self) -> bool {
        self.load_excess <= 1e-9 && self.time_excess <= 1e-9
    }

    pub(crate) fn penalised(&self, pen: Penalties) -> f64 {
        self.cost + pen.load * self.load_excess + pen.time * self.time_excess
    }

    /// Broken-pairs distance: the share of clients whose neighbours differ (Vidal et al. 2012).
    pub(crate) fn distance(&self, other: &Self, data: &Data) -> f64 {
        let mut diff = 0usize;
        for c in data.clients() {
            if self.succ[c] != other.succ[c] && self.succ[c] != other.pred[c] {
                diff += 1;
            }
            if self.pred[c] == DEPOT && other.pred[c] != DEPOT && other.pred[c] != other.succ[c] {
                diff += 1;
            }
        }
        diff as f64 / (data.n_loc - data.n_depots).max(1) as f64
    }
}

/// Totals of a route given as a vehicle and its clients.
pub(crate) fn route_totals(data: &Data, vehicle: usize, clients: &[usize]) -> RouteTotals {
    let v = &data.vehicles[vehicle];
    let mut load = [0.0; MAX_DIMS];
    let mut dist = 0.0;
    let mut seg = v.start_seg;
    let mut last = v.start;
    for &c in clients {
        load = segment::add(&load, &data.demand[c]);
        dist += data.dist(last, c);
        if data.timed {
            seg = seg.then(data.dur(last, c), &data.visit[c]);
        }
        last = c;
    }
    dist += data.dist(last, v.end);
    let seg = data
        .timed
        .then(|| seg.then(data.dur(last, v.end), &v.end_seg));
    totals(data, vehicle, clients.len(), dist, &load, seg)
}

//! The problem flattened for the search: dense matrices by location, per-location demands,
//! windows and service times, vehicle types with their depots' windows folded in, and each
//! client's granular neighbourhood.

use super::segment::{Load, MAX_DIMS, Seg};
use crate::Problem;

/// A vehicle type as the search uses it.
#[derive(Debug, Clone)]
pub(crate) struct Vehicle {
    pub capacity: Load,
    pub fixed: f64,
    pub start: usize,
    pub end: usize,
    /// Departure window (shift and start depot hours).
    pub start_seg: Seg,
    /// Return window (shift and end depot hours).
    pub end_seg: Seg,
    pub max_duration: f64,
    pub max_distance: f64,
    pub unit_distance: f64,
    pub unit_duration: f64,
}

/// Flattened problem data.
#[derive(Debug)]
pub(crate) struct Data {
    /// Number of locations (depots first, then clients).
    pub n_loc: usize,
    pub n_depots: usize,
    dist: Vec<f64>,
    dur: Option<Vec<f64>>,
    pub demand: Vec<Load>,
    /// Visit segment of each location (service and window; zero for depots).
    pub visit: Vec<Seg>,
    /// Whether each location must be visited (false for depots and optional clients).
    pub required: Vec<bool>,
    pub prize: Vec<f64>,
    pub vehicles: Vec<Vehicle>,
    /// Whether time matters (windows, shifts, durations in cost or limits).
    pub timed: bool,
    /// Client locations by proximity (granular neighbourhood), per location.
    pub neighbours: Vec<Vec<u32>>,
    /// Polar angle of each location around the first depot (for SWAP*'s route sectors).
    pub angle: Vec<f64>,
}

impl Data {
    pub(crate) fn new(problem: &Problem, granularity: usize) -> Self {
        let n_depots = problem.depots().len();
        let n_loc = problem.num_locations();
        let dims = problem.dimensions();
        debug_assert!(dims <= MAX_DIMS);
        let dist = problem.distance_matrix().as_slice().to_vec();
        let dur = (!problem.duration_is_distance())
            .then(|| problem.duration_matrix().as_slice().to_vec());
        let mut demand = vec![[0.0; MAX_DIMS]; n_loc];
        let mut visit = vec![Seg::visit(0.0, f64::NEG_INFINITY, f64::INFINITY); n_loc];
        let mut required = vec![false; n_loc];
        let mut prize = vec![0.0; n_loc];
        let mut timed = false;
        for (c, client) in problem.clients().iter().enumerate() {
            let l = n_depots + c;
            for (d, &q) in client.demand.iter().enumerate() {
                demand[l][d] = q;
            }
            visit[l] = Seg::visit(client.service, client.tw_early, client.tw_late);
            timed |= client.tw_late.is_finite() || client.tw_early > 0.0;
            required[l] = client.required;
            prize[l] = client.prize;
        }
        let depots = problem.depots();
        let vehicles: Vec<Vehicle> = problem
            .vehicle_types()
            .iter()
            .map(|v| {
                let (s, e) = (&depots[v.start_depot], &depots[v.end_depot]);
                let open = v.tw_early.max(s.tw_early);
                let close = v.tw_late.min(e.tw_late);
                timed |= close.is_finite()
                    || v.tw_late.min(s.tw_late).is_finite()
                    || v.max_duration.is_finite()
                    || v.unit_duration_cost > 0.0;
                let mut capacity = [f64::INFINITY; MAX_DIMS];
                capacity[..dims].copy_from_slice(&v.capacity[..dims]);
                Vehicle {
                    capacity,
                    fixed: v.fixed_cost,
                    start: v.start_depot,
                    end: v.end_depot,
                    start_seg: Seg::visit(0.0, open, v.tw_late.min(s.tw_late)),
                    end_seg: Seg::visit(0.0, f64::NEG_INFINITY, close),
                    max_duration: v.max_duration,
                    max_distance: v.max_distance,
                    unit_distance: v.unit_distance_cost,
                    unit_duration: v.unit_duration_cost,
                }
            })
            .collect();
        let mut data = Self {
            n_loc,
            n_depots,
            dist,
            dur,
            demand,
            visit,
            required,
            prize,
            vehicles,
            timed,
            neighbours: Vec::new(),
            angle: Vec::new(),
        };
        let (x0, y0) = (depots[0].x, depots[0].y);
        data.angle = (0..n_loc)
            .map(|l| match problem.location_client(l) {
                Some(c) => {
                    let cl = &problem.clients()[c];
                    (cl.y - y0).atan2(cl.x - x0)
                }
                None => 0.0,
            })
            .collect();
        data.neighbours = data.granular(granularity);
        data
    }

    #[inline(always)]
    pub(crate) fn dist(&self, i: usize, j: usize) -> f64 {
        self.dist[i * self.n_loc + j]
    }

    #[inline(always)]
    pub(crate) fn dur(&self, i: usize, j: usize) -> f64 {
        match &self.dur {
            Some(d) => d[i * self.n_loc + j],
            None => self.dist[i * self.n_loc + j],
        }
    }

    /// Client locations `n_depots..n_loc`.
    pub(crate) fn clients(&self) -> std::ops::Range<usize> {
        self.n_depots..self.n_loc
    }

    /// The `k` clients closest to each client by a time-aware proximity (Vidal et al. 2013):
    /// travel plus the waiting and lateness the pair would force, either way round.
    fn granular(&self, k: usize) -> Vec<Vec<u32>> {
        let mut out = vec![Vec::new(); self.n_loc];
        let clients: Vec<usize> = self.clients().collect();
        let mut scored: Vec<(f64, u32)> = Vec::with_capacity(clients.len());
        for &u in &clients {
            scored.clear();
            for &v in &clients {
                if v == u {
                    continue;
                }
                let p = |a: usize, b: usize| {
                    let d = self.dist(a, b);
                    if !self.timed {
                        return d;
                    }
                    let (sa, sb) = (&self.visit[a], &self.visit[b]);
                    let t = self.dur(a, b);
                    let wait = (sb.earliest - t - sa.duration - sa.latest).max(0.0);
                    let late = (sa.earliest + sa.duration + t - sb.latest).max(0.0);
                    d + 0.2 * wait + late
                };
                scored.push((p(u, v).min(p(v, u)), v as u32));
            }
            let kk = k.min(scored.len());
            if kk > 0 && kk < scored.len() {
                scored.select_nth_unstable_by(kk - 1, |a, b| a.0.total_cmp(&b.0));
            }
            scored.truncate(kk);
            scored.sort_by(|a, b| a.0.total_cmp(&b.0));
            out[u] = scored.iter().map(|s| s.1).collect();
        }
        out
    }
}

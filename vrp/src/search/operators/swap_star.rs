//! SWAP* (Vidal 2022): exchanges a client `u` of route A with a client `v` of route B, each
//! inserted at its best position in the other route rather than in the other's place. For every
//! client the three cheapest insertion positions in the other route are kept; each pair is then
//! priced by distance and load in O(1), and the best pair is checked exactly (time windows
//! included) before it is applied.

use crate::search::local_search::{EPS, LocalSearch};
use crate::search::pieces::{Piece, Plan};
use crate::search::segment;

/// Three cheapest insertion positions (insert after `pos`) with their distance cost.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Best3 {
    cost: [f64; 3],
    pos: [usize; 3],
}

impl Best3 {
    fn new() -> Self {
        Self {
            cost: [f64::INFINITY; 3],
            pos: [usize::MAX; 3],
        }
    }

    fn offer(&mut self, cost: f64, pos: usize) {
        if cost >= self.cost[2] {
            return;
        }
        let mut k = 2;
        while k > 0 && cost < self.cost[k - 1] {
            self.cost[k] = self.cost[k - 1];
            self.pos[k] = self.pos[k - 1];
            k -= 1;
        }
        self.cost[k] = cost;
        self.pos[k] = pos;
    }
}

/// Cheapest insertion positions of every client of `from` into `into`, from the cache where
/// `into` has not changed since they were computed.
fn insertions(ls: &mut LocalSearch, from: usize, into: usize) -> Vec<Best3> {
    let data = ls.data;
    let stamp = ls.stamp(into);
    let n_loc = data.n_loc;
    let cache = &mut ls.star_cache;
    if cache.len() <= into {
        cache.resize_with(into + 1, Vec::new);
    }
    let row = &mut cache[into];
    if row.is_empty() {
        row.resize(n_loc, (0, Best3::new()));
    }
    let (rf, ri) = (&ls.routes[from], &ls.routes[into]);
    rf.clients()
        .iter()
        .map(|&c| {
            if row[c].0 == stamp {
                return row[c].1;
            }
            let mut best = Best3::new();
            for p in 0..ri.nodes.len() - 1 {
                let (a, b) = (ri.nodes[p], ri.nodes[p + 1]);
                best.offer(data.dist(a, c) + data.dist(c, b) - data.dist(a, b), p);
            }
            row[c] = (stamp, best);
            best
        })
        .collect()
}

/// Best SWAP* between routes `a` and `b`; applies it if it improves. Returns whether it did.
pub(crate) fn run(ls: &mut LocalSearch, a: usize, b: usize) -> bool {
    let data = ls.data;
    let into_a = insertions(ls, b, a);
    let into_b = insertions(ls, a, b);
    let (ra, rb) = (&ls.routes[a], &ls.routes[b]);
    let (va, vb) = (&data.vehicles[ra.vehicle], &data.vehicles[rb.vehicle]);
    let (la, lb) = (
        ra.cum_load[ra.nodes.len() - 1],
        rb.cum_load[rb.nodes.len() - 1],
    );
    let (ea, eb) = (
        segment::excess(&la, &va.capacity),
        segment::excess(&lb, &vb.capacity),
    );
    let removal = |nodes: &[usize], i: usize| {
        let (p, u, n) = (nodes[i - 1], nodes[i], nodes[i + 1]);
        data.dist(p, n) - data.dist(p, u) - data.dist(u, n)
    };
    // Cheapest insertion of `c` (with its top three `best`) into a route whose client at
    // position `i` leaves: in that client's place, or at a listed position not next to it.
    let insert = |nodes: &[usize], best: &Best3, c: usize, i: usize| -> (f64, usize) {
        let (p, n) = (nodes[i - 1], nodes[i + 1]);
        let mut out = (data.dist(p, c) + data.dist(c, n) - data.dist(p, n), i - 1);
        for k in 0..3 {
            let pos = best.pos[k];
            if pos != usize::MAX && pos != i - 1 && pos != i && best.cost[k] < out.0 {
                out = (best.cost[k], pos);
                break;
            }
        }
        out
    };
    let mut found: Option<(f64, usize, usize, usize, usize)> = None;
    for i in 1..=ra.len() {
        let u = ra.nodes[i];
        let rem_u = removal(&ra.nodes, i);
        let qu = data.demand[u];
        for j in 1..=rb.len() {
            let v = rb.nodes[j];
            let qv = data.demand[v];
            let new_a = segment::add(&segment::sub(&la, &qu), &qv);
            let new_b = segment::add(&segment::sub(&lb, &qv), &qu);
            let pen = ls.pen.load
                * (segment::excess(&new_a, &va.capacity) - ea
                    + segment::excess(&new_b, &vb.capacity)
                    - eb);
            let rem_v = removal(&rb.nodes, j);
            // Insertions cost at least 0 (triangle inequality): removals and load alone bound
            // the move from below.
            let bound = va.unit_distance * rem_u + vb.unit_distance * rem_v + pen;
            if bound >= found.map_or(-EPS, |f| f.0) {
                continue;
            }
            let (cv, pv) = insert(&ra.nodes, &into_a[j - 1], v, i);
            let (cu, pu) = insert(&rb.nodes, &into_b[i - 1], u, j);
            let delta = va.unit_distance * (rem_u + cv) + vb.unit_distance * (rem_v + cu) + pen;
            if delta < found.map_or(-EPS, |f| f.0) {
                found = Some((delta, i, pv, j, pu));
            }
        }
    }
    let Some((_, i, pv, j, pu)) = found else {
        return false;
    };
    let plan_a = remove_insert(ra.vehicle, a, i, rb.nodes[j], pv);
    let plan_b = remove_insert(rb.vehicle, b, j, ra.nodes[i], pu);
    ls.apply_if_better(&[(a, plan_a), (b, plan_b)])
}

/// Route `r` without its client at `i`, with location `c` inserted after position `p` (of the
/// original route; `p` is `i − 1` or `i` for "in its place").
fn remove_insert(vehicle: usize, r: usize, i: usize, c: usize, p: usize) -> Plan {
    if p + 1 == i || p == i {
        Plan::new(
            vehicle,
            &[
                Piece::Prefix {
                    route: r,
                    to: i - 1,
                },
                Piece::Node(c),
                Piece::Suffix {
                    route: r,
                    from: i + 1,
                },
            ],
        )
    } else if p < i {
        Plan::new(
            vehicle,
            &[
                Piece::Prefix { route: r, to: p },
                Piece::Node(c),
                Piece::Range {
                    route: r,
                    from: p + 1,
                    to: i - 1,
                },
                Piece::Suffix {
                    route: r,
                    from: i + 1,
                },
            ],
        )
    } else {
        Plan::new(
            vehicle,
            &[
                Piece::Prefix {
                    route: r,
                    to: i - 1,
                },
                Piece::Range {
                    route: r,
                    from: i + 1,
                    to: p,
                },
                Piece::Node(c),
                Piece::Suffix {
                    route: r,
                    from: p + 1,
                },
            ],
        )
    }
}

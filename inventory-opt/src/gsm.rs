//! The guaranteed-service model of safety-stock placement (Graves & Willems 2000, 2003;
//! Snyder & Shen §6.3) on serial chains and trees.
//!
//! Each stage k quotes its customers an outbound committed service time (CST) S_k and is quoted
//! an inbound CST SI_k ≥ S_i by each supplier i (and ≥ its external inbound CST). It then holds
//! safety stock z_k·σ_k·√(SI_k + T_k − S_k) against its net replenishment time, σ_k the
//! standard deviation of all demand downstream of k (independent demands add variances), and
//! a stage with external customers must meet their CST (S_k ≤ external outbound CST). The
//! model chooses the CSTs that minimise Σ h_k·z_k·σ_k·√NRT_k.
//!
//! On a tree the Graves–Willems dynamic programme is exact: stages are labelled so that each
//! has exactly one neighbour with a larger label, and processed in label order, computing the
//! best cost of the subtree below a stage as a function of its outbound CST (when its larger
//! neighbour is downstream) or its inbound CST (when upstream). Ties go to the smallest CST,
//! as in stockpyl, so costs match it; tied optima may differ in their CSTs.

use flowcast_core::{ErrorCode, ValidationError, check};
use petgraph::Direction;
use petgraph::algo::{connected_components, is_cyclic_undirected, toposort};
use petgraph::graph::{DiGraph, NodeIndex};

use crate::error::Result;

/// One stage of a guaranteed-service network.
#[derive(Debug, Clone, PartialEq)]
pub struct GsmStage {
    /// Holding cost per unit of safety stock per period h_k, ≥ 0.
    pub holding_cost: f64,
    /// Processing (or lead) time T_k, in periods.
    pub processing_time: u32,
    /// Safety factor z_k of the demand bound z·σ·√τ; `None` takes the first sink's that has one
    /// (1 if none has).
    pub demand_bound_constant: Option<f64>,
    /// CST quoted to the stage by an outside supplier, the least SI_k can be.
    pub external_inbound_cst: u32,
    /// CST the stage must quote its outside customers, the most S_k can be (`None`: no bound).
    pub external_outbound_cst: Option<u32>,
    /// Mean external demand per period at the stage (0 for none), ≥ 0.
    pub demand_mean: f64,
    /// Standard deviation of external demand per period (0 for none), ≥ 0.
    pub demand_sd: f64,
}

/// A guaranteed-service network: stages and the edges `(supplier, customer)` between them,
/// by position in `stages`. The edges must make a tree (ignoring their direction).
#[derive(Debug, Clone, PartialEq)]
pub struct GuaranteedService {
    /// The stages.
    pub stages: Vec<GsmStage>,
    /// `(upstream, downstream)` pairs of stage positions.
    pub edges: Vec<(usize, usize)>,
}

/// Optimal CSTs and what they imply, stage by stage.
#[derive(Debug, Clone, PartialEq)]
pub struct GsmSolution {
    /// Outbound CST S_k.
    pub outbound_cst: Vec<u32>,
    /// Inbound CST SI_k.
    pub inbound_cst: Vec<u32>,
    /// Net replenishment time SI_k + T_k − S_k.
    pub net_replenishment_time: Vec<u32>,
    /// Mean demand per period the stage serves (its own and all downstream).
    pub net_demand_mean: Vec<f64>,
    /// Standard deviation of that demand.
    pub net_demand_sd: Vec<f64>,
    /// Safety stock z_k·σ_k·√NRT_k.
    pub safety_stock: Vec<f64>,
    /// Base-stock level μ_k·NRT_k + safety stock.
    pub base_stock_level: Vec<f64>,
    /// Total holding cost of safety stock per period.
    pub cost: f64,
}

/// The validated network with everything the programme needs per stage.
struct Prepared {
    graph: DiGraph<(), ()>,
    z: Vec<f64>,
    mean: Vec<f64>,
    sd: Vec<f64>,
    /// Longest time from any outside supplier through the stage: M_k.
    max_time: Vec<u32>,
}

fn network_error(
    field: impl Into<std::borrow::Cow<'static, str>>,
    value: impl std::fmt::Display,
    reason: &'static str,
) -> crate::Error {
    ValidationError::new(ErrorCode::InvalidNetwork, field, value, reason).into()
}

impl GuaranteedService {
    /// A serial chain, stages listed from the most upstream to the one facing demand, with
    /// the same safety factor throughout.
    ///
    /// ```
    /// use flowcast_inventory::gsm::GuaranteedService;
    /// // Snyder & Shen, Example 6.3: stages 3 → 2 → 1, demand N(0, 1) at stage 1.
    /// let chain = GuaranteedService::serial(&[2.0, 4.0, 7.0], &[1, 0, 1], 1.0, 1, Some(1), 0.0, 1.0);
    /// let best = chain.optimize()?;
    /// assert!((best.cost - 2.0 * 2f64.sqrt()).abs() < 1e-12);
    /// assert_eq!(best.outbound_cst, [0, 0, 1]);
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    pub fn serial(
        holding_costs: &[f64],
        processing_times: &[u32],
        demand_bound_constant: f64,
        external_inbound_cst: u32,
        external_outbound_cst: Option<u32>,
        demand_mean: f64,
        demand_sd: f64,
    ) -> Self {
        let n = holding_costs.len();
        let stages = holding_costs
            .iter()
            .zip(processing_times)
            .enumerate()
            .map(|(i, (&h, &t))| GsmStage {
                holding_cost: h,
                processing_time: t,
                demand_bound_constant: Some(demand_bound_constant),
                external_inbound_cst: if i == 0 { external_inbound_cst } else { 0 },
                external_outbound_cst: if i + 1 == n {
                    external_outbound_cst
                } else {
                    None
                },
                demand_mean: if i + 1 == n { demand_mean } else { 0.0 },
                demand_sd: if i + 1 == n { demand_sd } else { 0.0 },
            })
            .collect();
        Self {
            stages,
            edges: (1..n).map(|i| (i - 1, i)).collect(),
        }
    }

    fn prepare(&self) -> Result<Prepared> {
        let n = check::non_empty("stages", self.stages.len())?;
        for (i, s) in self.stages.iter().enumerate() {
            let at = |e: ValidationError| e.at(i);
            check::non_negative("holding_cost", s.holding_cost).map_err(at)?;
            check::non_negative("demand_mean", s.demand_mean).map_err(at)?;
            check::non_negative("demand_sd", s.demand_sd).map_err(at)?;
            if let Some(z) = s.demand_bound_constant {
                check::non_negative("demand_bound_constant", z).map_err(at)?;
            }
        }
        let mut graph = DiGraph::<(), ()>::with_capacity(n, self.edges.len());
        for _ in 0..n {
            graph.add_node(());
        }
        for (e, &(a, b)) in self.edges.iter().enumerate() {
            if a >= n || b >= n {
                return Err(network_error(
                    format!("edges[{e}]"),
                    format!("({a}, {b})"),
                    "must join two of the stages",
                ));
            }
            if a == b
                || graph.contains_edge(NodeIndex::new(a), NodeIndex::new(b))
                || graph.contains_edge(NodeIndex::new(b), NodeIndex::new(a))
            {
                return Err(network_error(
                    format!("edges[{e}]"),
                    format!("({a}, {b})"),
                    "must join two different stages once",
                ));
            }
            graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
        }
        if self.edges.len() + 1 != n
            || is_cyclic_undirected(&graph)
            || connected_components(&graph) != 1
        {
            return Err(network_error(
                "edges",
                format!("{} edges for {n} stages", self.edges.len()),
                "must join the stages into a tree (connected, no cycles)",
            ));
        }
        let order = toposort(&graph, None)
            .map_err(|_| network_error("edges", "a cycle", "must not loop"))?;
        // A missing safety factor is the first demand-facing stage's (in list order), or 1.
        let default_z = self
            .stages
            .iter()
            .enumerate()
            .filter(|(k, _)| {
                graph
                    .neighbors_directed(NodeIndex::new(*k), Direction::Outgoing)
                    .next()
                    .is_none()
            })
            .find_map(|(_, s)| s.demand_bound_constant)
            .unwrap_or(1.0);
        let z = self
            .stages
            .iter()
            .map(|s| s.demand_bound_constant.unwrap_or(default_z))
            .collect();
        // Net demand: each stage's own plus everything downstream (sinks first).
        let mut mean: Vec<f64> = self.stages.iter().map(|s| s.demand_mean).collect();
        let mut var: Vec<f64> = self
            .stages
            .iter()
            .map(|s| s.demand_sd * s.demand_sd)
            .collect();
        for &k in order.iter().rev() {
            for i in graph.neighbors_directed(k, Direction::Incoming) {
                mean[i.index()] += mean[k.index()];
                var[i.index()] += var[k.index()];
            }
        }
        // M_k = T_k + max(external inbound CST, M of every supplier), suppliers first.
        let mut max_time = vec![0u32; n];
        for &k in &order {
            let s = &self.stages[k.index()];
            let upstream = graph
                .neighbors_directed(k, Direction::Incoming)
                .map(|i| max_time[i.index()])
                .max()
                .unwrap_or(0);
            max_time[k.index()] = s
                .processing_time
                .checked_add(upstream.max(s.external_inbound_cst))
                .ok_or_else(|| {
                    network_error(
                        "processing_time",
                        s.processing_time,
                        "adds up to more periods than fit in 32 bits",
                    )
                })?;
        }
        Ok(Prepared {
            graph,
            z,
            mean,
            sd: var.into_iter().map(f64::sqrt).collect(),
            max_time,
        })
    }

    /// The optimal CSTs.
    ///
    /// # Errors
    /// A negative or non-finite cost or demand, or edges that do not make a tree
    /// ([`ErrorCode::InvalidNetwork`]).
    pub fn optimize(&self) -> Result<GsmSolution> {
        let p = self.prepare()?;
        let (outbound, inbound) = Programme::new(self, &p).solve();
        Ok(self.solution(&p, outbound, inbound))
    }

    /// The cost and stock of given outbound CSTs, each stage's inbound CST being the latest of
    /// its suppliers' CSTs and its external inbound CST.
    ///
    /// # Errors
    /// As [`optimize`](Self::optimize), a CST list of the wrong length, or CSTs that break
    /// an external outbound CST or give a negative net replenishment time.
    pub fn evaluate(&self, outbound_cst: &[u32]) -> Result<GsmSolution> {
        let p = self.prepare()?;
        check::same_len(
            "outbound_cst",
            outbound_cst.len(),
            "stages",
            self.stages.len(),
        )?;
        let mut inbound = vec![0u32; self.stages.len()];
        for (k, s) in self.stages.iter().enumerate() {
            let latest = p
                .graph
                .neighbors_directed(NodeIndex::new(k), Direction::Incoming)
                .map(|i| outbound_cst[i.index()])
                .max()
                .unwrap_or(0);
            inbound[k] = latest.max(s.external_inbound_cst);
            let bad = |reason| {
                Err(ValidationError::new(
                    ErrorCode::OutOfRange,
                    format!("outbound_cst[{k}]"),
                    outbound_cst[k],
                    reason,
                )
                .into())
            };
            if s.external_outbound_cst.is_some_and(|b| outbound_cst[k] > b) {
                return bad("must not exceed the external outbound CST");
            }
            if outbound_cst[k] > inbound[k] + s.processing_time {
                return bad("must not exceed the inbound CST plus the processing time");
            }
        }
        Ok(self.solution(&p, outbound_cst.to_vec(), inbound))
    }

    fn solution(&self, p: &Prepared, outbound: Vec<u32>, inbound: Vec<u32>) -> GsmSolution {
        let n = self.stages.len();
        let nrt: Vec<u32> = (0..n)
            .map(|k| inbound[k] + self.stages[k].processing_time - outbound[k])
            .collect();
        let safety: Vec<f64> = (0..n)
            .map(|k| p.z[k] * p.sd[k] * f64::from(nrt[k]).sqrt())
            .collect();
        let cost = (0..n)
            .map(|k| self.stages[k].holding_cost * safety[k])
            .sum();
        GsmSolution {
            base_stock_level: (0..n)
                .map(|k| p.mean[k] * f64::from(nrt[k]) + safety[k])
                .collect(),
            outbound_cst: outbound,
            inbound_cst: inbound,
            net_replenishment_time: nrt,
            net_demand_mean: p.mean.clone(),
            net_demand_sd: p.sd.clone(),
            safety_stock: safety,
            cost,
        }
    }
}

/// The smallest value of `f` over a range and the first index attaining it.
#[derive(Debug, Clone, Copy)]
struct Best {
    value: f64,
    at: u32,
}

/// The Graves–Willems programme on a prepared tree.
struct Programme<'a> {
    model: &'a GuaranteedService,
    p: &'a Prepared,
    /// Stages in label order: each has exactly one later neighbour (but the last).
    order: Vec<NodeIndex>,
    /// Position of each stage in `order`.
    label: Vec<usize>,
    /// For stages solved by outbound CST: θ_out(S) for S = 0..=M, the best SI for each, and the
    /// running minimum over S' ≤ S.
    out: Vec<Vec<(f64, u32)>>,
    out_prefix: Vec<Vec<Best>>,
    /// For stages solved by inbound CST: θ_in(SI) for SI = 0..=M − T, the best S for each, and
    /// the running minimum over SI' ≥ SI.
    inn: Vec<Vec<(f64, u32)>>,
    in_suffix: Vec<Vec<Best>>,
}

impl<'a> Programme<'a> {
    fn new(model: &'a GuaranteedService, p: &'a Prepared) -> Self {
        let n = model.stages.len();
        // Label by peeling leaves: a stage joins once at most one unlabelled neighbour is left.
        let mut open: Vec<usize> = (0..n)
            .map(|k| p.graph.neighbors_undirected(NodeIndex::new(k)).count())
            .collect();
        let mut labelled = vec![false; n];
        let mut queue: std::collections::VecDeque<usize> =
            (0..n).filter(|&k| open[k] <= 1).collect();
        let mut order = Vec::with_capacity(n);
        while let Some(k) = queue.pop_front() {
            if labelled[k] {
                continue;
            }
            labelled[k] = true;
            order.push(NodeIndex::new(k));
            for j in p.graph.neighbors_undirected(NodeIndex::new(k)) {
                let j = j.index();
                if !labelled[j] {
                    open[j] -= 1;
                    if open[j] <= 1 {
                        queue.push_back(j);
                    }
                }
            }
        }
        let mut label = vec![0; n];
        for (l, k) in order.iter().enumerate() {
            label[k.index()] = l;
        }
        Self {
            model,
            p,
            order,
            label,
            out: vec![Vec::new(); n],
            out_prefix: vec![Vec::new(); n],
            inn: vec![Vec::new(); n],
            in_suffix: vec![Vec::new(); n],
        }
    }

    fn earlier_neighbours(&self, k: usize, dir: Direction) -> impl Iterator<Item = usize> + '_ {
        let l = self.label[k];
        self.p
            .graph
            .neighbors_directed(NodeIndex::new(k), dir)
            .map(|i| i.index())
            .filter(move |&i| self.label[i] < l)
    }

    /// c_k(S, SI): stage k's holding cost plus the best of every earlier neighbour's subtree.
    fn c(&self, k: usize, s: u32, si: u32) -> f64 {
        let stage = &self.model.stages[k];
        let nrt = f64::from(si + stage.processing_time - s);
        let mut cost = stage.holding_cost * (self.p.z[k] * self.p.sd[k] * nrt.sqrt());
        for i in self.earlier_neighbours(k, Direction::Incoming) {
            let prefix = &self.out_prefix[i];
            cost += prefix[(si as usize).min(prefix.len() - 1)].value;
        }
        for j in self.earlier_neighbours(k, Direction::Outgoing) {
            cost += self.in_suffix[j][s as usize].value;
        }
        cost
    }

    fn solve(mut self) -> (Vec<u32>, Vec<u32>) {
        let n = self.model.stages.len();
        for l in 0..n {
            let k = self.order[l].index();
            let stage = &self.model.stages[k];
            let (t, m) = (stage.processing_time, self.p.max_time[k]);
            let later_is_downstream = l + 1 < n
                && self
                    .p
                    .graph
                    .neighbors_directed(NodeIndex::new(k), Direction::Outgoing)
                    .any(|j| self.label[j.index()] > l);
            if later_is_downstream {
                // θ_out(S): best SI ≥ max(external inbound CST, S − T) for each S ≤ M.
                let bound = stage.external_outbound_cst.unwrap_or(u32::MAX);
                let values: Vec<(f64, u32)> = (0..=m)
                    .map(|s| {
                        let mut best = (f64::INFINITY, 0);
                        if s <= bound {
                            for si in stage.external_inbound_cst.max(s.saturating_sub(t))..=m - t {
                                let c = self.c(k, s, si);
                                if c < best.0 {
                                    best = (c, si);
                                }
                            }
                        }
                        best
                    })
                    .collect();
                let mut prefix = Vec::with_capacity(values.len());
                let mut run = Best {
                    value: f64::INFINITY,
                    at: 0,
                };
                for (s, &(v, _)) in values.iter().enumerate() {
                    if v < run.value {
                        run = Best {
                            value: v,
                            at: s as u32,
                        };
                    }
                    prefix.push(run);
                }
                self.out[k] = values;
                self.out_prefix[k] = prefix;
            } else {
                // θ_in(SI): best S ≤ min(SI' + T, external outbound CST), SI' = max(SI, external).
                let bound = stage.external_outbound_cst.unwrap_or(u32::MAX);
                let values: Vec<(f64, u32)> = (0..=m - t)
                    .map(|si| {
                        let local = si.max(stage.external_inbound_cst);
                        let mut best = (f64::INFINITY, 0);
                        for s in 0..=(local + t).min(bound) {
                            let c = self.c(k, s, local);
                            if c < best.0 {
                                best = (c, s);
                            }
                        }
                        best
                    })
                    .collect();
                let mut suffix = vec![
                    Best {
                        value: f64::INFINITY,
                        at: 0
                    };
                    values.len()
                ];
                let mut run = Best {
                    value: f64::INFINITY,
                    at: 0,
                };
                for si in (0..values.len()).rev() {
                    if values[si].0 <= run.value {
                        run = Best {
                            value: values[si].0,
                            at: si as u32,
                        };
                    }
                    suffix[si] = run;
                }
                self.inn[k] = values;
                self.in_suffix[k] = suffix;
            }
        }
        // The last stage: its best inbound CST, then every stage from its later neighbour.
        let mut outbound = vec![0u32; n];
        let mut inbound = vec![0u32; n];
        let root = self.order[n - 1].index();
        let si = self.in_suffix[root][0].at;
        self.settle_by_inbound(root, si, &mut outbound, &mut inbound);
        for l in (0..n - 1).rev() {
            let k = self.order[l].index();
            let later = self
                .p
                .graph
                .neighbors_undirected(NodeIndex::new(k))
                .map(|j| j.index())
                .find(|&j| self.label[j] > l)
                .unwrap_or(root);
            if self
                .p
                .graph
                .contains_edge(NodeIndex::new(k), NodeIndex::new(later))
            {
                // k supplies its later neighbour: the best S within that neighbour's inbound CST.
                let prefix = &self.out_prefix[k];
                let s = prefix[(inbound[later] as usize).min(prefix.len() - 1)].at;
                outbound[k] = s;
                inbound[k] = self.out[k][s as usize].1;
            } else {
                // k is supplied by its later neighbour: the best SI from that neighbour's S on.
                let si = self.in_suffix[k][outbound[later] as usize].at;
                self.settle_by_inbound(k, si, &mut outbound, &mut inbound);
            }
        }
        (outbound, inbound)
    }

    fn settle_by_inbound(&self, k: usize, si: u32, outbound: &mut [u32], inbound: &mut [u32]) {
        inbound[k] = si.max(self.model.stages[k].external_inbound_cst);
        outbound[k] = self.inn[k][si as usize].1;
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The cheapest of every assignment of outbound CSTs (inbound CSTs the latest supplier's).
    fn brute_force(model: &GuaranteedService) -> f64 {
        let p = model.prepare().unwrap();
        let n = model.stages.len();
        let mut s = vec![0u32; n];
        let mut best = f64::INFINITY;
        loop {
            if let Ok(sol) = model.evaluate(&s) {
                best = best.min(sol.cost);
            }
            let mut k = 0;
            while k < n {
                if s[k] < p.max_time[k] {
                    s[k] += 1;
                    break;
                }
                s[k] = 0;
                k += 1;
            }
            if k == n {
                return best;
            }
        }
    }

    fn tree(
        parents: &[usize],
        downstream: &[bool],
        h: &[f64],
        t: &[u32],
        sd: &[f64],
        out_cst: &[Option<u32>],
    ) -> GuaranteedService {
        let n = h.len();
        GuaranteedService {
            stages: (0..n)
                .map(|k| GsmStage {
                    holding_cost: h[k],
                    processing_time: t[k],
                    demand_bound_constant: Some(1.645),
                    external_inbound_cst: 0,
                    external_outbound_cst: out_cst[k],
                    demand_mean: 10.0 * sd[k],
                    demand_sd: sd[k],
                })
                .collect(),
            edges: (1..n)
                .map(|k| {
                    if downstream[k] {
                        (parents[k - 1] % k, k)
                    } else {
                        (k, parents[k - 1] % k)
                    }
                })
                .collect(),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// On random trees of up to 5 stages the programme finds the cheapest CSTs, and the
        /// CSTs it returns cost what it says.
        #[test]
        fn programme_equals_brute_force(
            n in 1usize..6,
            parents in proptest::collection::vec(0usize..100, 4),
            downstream in proptest::collection::vec(any::<bool>(), 5),
            h in proptest::collection::vec(0.1f64..5.0, 5),
            t in proptest::collection::vec(0u32..4, 5),
            sd in proptest::collection::vec(0.0f64..3.0, 5),
            bound in proptest::collection::vec(proptest::option::of(0u32..3), 5),
        ) {
            let model = tree(&parents, &downstream, &h[..n], &t[..n], &sd[..n], &bound[..n]);
            let best = model.optimize().unwrap();
            let again = model.evaluate(&best.outbound_cst).unwrap();
            prop_assert!((again.cost - best.cost).abs() <= 1e-9 * best.cost.max(1.0));
            let brute = brute_force(&model);
            prop_assert!((best.cost - brute).abs() <= 1e-9 * brute.max(1.0), "{} vs {}", best.cost, brute);
        }
    }

    #[test]
    fn a_cycle_or_a_forest_is_not_a_tree() {
        let mut m = GuaranteedService::serial(&[1.0, 2.0, 3.0], &[1, 1, 1], 1.0, 0, None, 0.0, 1.0);
        m.edges.push((2, 0));
        let e = m.optimize().unwrap_err().to_string();
        assert!(
            e.contains("invalid_network") && e.starts_with("edges ="),
            "{e}"
        );
        m.edges.truncate(1);
        assert!(m.optimize().unwrap_err().to_string().contains("tree"));
        m.edges = vec![(0, 1), (1, 7)];
        assert!(
            m.optimize()
                .unwrap_err()
                .to_string()
                .starts_with("edges[1]")
        );
        m.edges = vec![(0, 1), (1, 0)];
        assert!(
            m.optimize()
                .unwrap_err()
                .to_string()
                .starts_with("edges[1]")
        );
    }

    #[test]
    fn bad_stage_data_is_named() {
        let m = GuaranteedService::serial(&[1.0, -2.0], &[1, 1], 1.0, 0, None, 0.0, 1.0);
        assert!(
            m.optimize()
                .unwrap_err()
                .to_string()
                .starts_with("holding_cost[1] = -2")
        );
    }
}

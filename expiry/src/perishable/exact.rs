//! Exact stationary evaluation of a base-stock level by Markov chain.
//!
//! States are the vectors `[pipeline, on hand]` (m − 1 + L entries) that sum to at most S,
//! ranked in lexicographic order by a closed form (hockey-stick sums of binomials), so the
//! chain lives in dense arrays. Each state's transitions are built once: every demand below
//! the stock available gives its own successor, demands at or above it are lumped, and
//! consecutive demands that lead to the same successor (those that only eat into stock that
//! would be outdated anyway) are merged. The stationary law comes from Gauss–Seidel sweeps
//! over the states reachable from the empty one, accelerated by Anderson mixing (the chains
//! mix slowly under LIFO, whose cohort sizes nearly repeat every m periods), until a sweep
//! moves the law by less than 1e-12 in L1. Demand pmfs that reach S (P(D ≥ S) > 0) give a
//! single recurrent class; otherwise the result is a stationary law of the reachable states.

use flowcast_core::{ErrorCode, ValidationError};

use super::{Issuing, PerishableMetrics, PerishableSystem, Stepper, units};
use crate::error::Result;

/// Most states the exact method will build, C(S + m − 1 + L, m − 1 + L).
pub const MAX_EXACT_STATES: usize = 5_000_000;
/// Most stored transitions (about 24 bytes each while building).
const MAX_TRANSITIONS: usize = 60_000_000;
/// Stop when a sweep moves the stationary law by less than this in L1.
const TOLERANCE: f64 = 1e-12;
/// Sweep budget.
const MAX_ITERATIONS: usize = 100_000;
/// Sweeps without a new smallest change before the mixing is restarted or the solve stops.
const STALL: usize = 50;
/// Past iterates Anderson mixing combines.
const ANDERSON_DEPTH: usize = 5;
/// Deepest Anderson history supported.
const MAX_DEPTH: usize = 8;

/// Lexicographic ranks of the vectors of `k` non-negative integers summing to at most `s`.
#[derive(Debug, Clone)]
pub(super) struct Ranker {
    k: usize,
    s: u32,
    /// C(n, r) for n ≤ s + k, r ≤ k, row-major with k + 1 columns (saturating).
    binom: Vec<u64>,
}

impl Ranker {
    /// The ranker, or `None` when there are more than `limit` vectors.
    pub(super) fn new(k: usize, s: u32, limit: usize) -> Option<Self> {
        // C(s + k, k) by the product formula, stopping as soon as it passes the limit.
        let mut count: u128 = 1;
        for i in 1..=k as u128 {
            count = count * (u128::from(s) + i) / i;
            if count > limit as u128 {
                return None;
            }
        }
        let rows = s as usize + k + 1;
        let cols = k + 1;
        let mut binom = vec![0u64; rows * cols];
        for n in 0..rows {
            binom[n * cols] = 1;
            for r in 1..=n.min(k) {
                let above = binom[(n - 1) * cols + r];
                let left = binom[(n - 1) * cols + r - 1];
                binom[n * cols + r] = above.saturating_add(left);
            }
        }
        Some(Self { k, s, binom })
    }

    fn c(&self, n: usize, r: usize) -> u64 {
        self.binom[n * (self.k + 1) + r]
    }

    /// Number of vectors, C(s + k, k).
    pub(super) fn len(&self) -> usize {
        self.c(self.s as usize + self.k, self.k) as usize
    }

    /// Rank of `v` (length k, sum ≤ s): Σⱼ C(tⱼ + k − j, k − j) − C(tⱼ − vⱼ + k − j, k − j),
    /// where tⱼ = s − v₀ − … − vⱼ₋₁ is the budget left at position j.
    pub(super) fn rank(&self, v: &[u32]) -> usize {
        let mut t = self.s as usize;
        let mut rank = 0u64;
        for (j, &x) in v.iter().enumerate() {
            let r = self.k - j;
            let x = x as usize;
            rank += self.c(t + r, r) - self.c(t - x + r, r);
            t -= x;
        }
        rank as usize
    }

    /// Steps `v` (whose sum is `sum`) to the next vector in lexicographic order; false after
    /// the last.
    pub(super) fn advance(&self, v: &mut [u32], sum: &mut u32) -> bool {
        let k = v.len();
        if k == 0 {
            return false;
        }
        if *sum < self.s {
            v[k - 1] += 1;
            *sum += 1;
            return true;
        }
        // The budget is used up: clear the last non-zero entry and carry into the one before.
        let Some(p) = v.iter().rposition(|&x| x > 0) else {
            return false;
        };
        if p == 0 {
            return false;
        }
        *sum -= v[p] - 1;
        v[p] = 0;
        v[p - 1] += 1;
        true
    }
}

/// Transition probabilities of the stored edges.
#[derive(Debug, Clone)]
enum Weights {
    /// Every edge is a run of demands [a, b] (the last lumped with all higher demands when it
    /// is the largest possible), so its probability is one of a few values, kept in a table
    /// and named by a 2-byte index: a third of the memory traffic of a sweep.
    Table { values: Vec<f64>, index: Vec<u16> },
    /// Probabilities as such, for long pmfs.
    Direct(Vec<f64>),
}

/// Longest pmf (dmax + 1) whose run probabilities are tabulated: 2·(dmax + 1)² ≤ 2¹⁶.
const TABLE_POINTS: usize = 180;

/// The chain of a base-stock policy, as Gauss–Seidel needs it: transitions into each state
/// (CSR by target, self-loops apart), and each state's expected flows.
#[derive(Debug, Clone)]
struct Chain {
    in_offsets: Vec<usize>,
    in_sources: Vec<u32>,
    weights: Weights,
    /// Probability of moving to another state (summed over those edges, so an absorbing state
    /// has exactly 0).
    leave: Vec<f64>,
    /// Whether the state can be reached from the empty one.
    reachable: Vec<bool>,
    /// Per state: order, sales, lost, outdate, end on hand.
    flows: Vec<[f64; 5]>,
}

impl PerishableSystem {
    /// Exact long-run metrics of the base-stock policy with order-up-to level `base_stock`
    /// (orders capped at [`max_order`](Self::max_order) if set), from the stationary law of its
    /// Markov chain. The chain starts empty; demand pmfs whose support covers S give a single
    /// recurrent class, so the start does not matter then.
    ///
    /// ```
    /// use flowcast_expiry::perishable::{DemandPmf, Issuing, PerishableSystem};
    /// let lifo = PerishableSystem::new(3, 0, DemandPmf::poisson(2.0)?, Issuing::Lifo);
    /// let m = lifo.evaluate(6)?;
    /// assert_eq!(m.n_states, 28);
    /// assert!((m.expected_order - 3.144_194_764_022).abs() < 1e-9);
    /// assert!((m.fill_rate - 0.997_037_808_098).abs() < 1e-9);
    /// # Ok::<(), flowcast_expiry::Error>(())
    /// ```
    ///
    /// # Errors
    /// Invalid system fields (lifetime 0, negative or non-finite costs, …), a negative
    /// `base_stock`, or a chain above [`MAX_EXACT_STATES`] states (use
    /// [`simulate`](Self::simulate) then).
    pub fn evaluate(&self, base_stock: i64) -> Result<PerishableMetrics> {
        self.validate()?;
        let s = units("base_stock", base_stock)?;
        let ranker = self.exact_ranker(s)?;
        let chain = self.build_chain(&ranker, s)?;
        let pi = stationary(&chain);
        let mut totals = [0.0; 5];
        for (p, f) in pi.iter().zip(&chain.flows) {
            for (t, x) in totals.iter_mut().zip(f) {
                *t += p * x;
            }
        }
        let [order, sales, lost, outdate, end_on_hand] = totals;
        Ok(PerishableMetrics::from_flows(
            &self.costs,
            order,
            sales,
            lost,
            outdate,
            end_on_hand,
            self.demand.mean(),
            ranker.len(),
        ))
    }

    pub(super) fn exact_ranker(&self, s: u32) -> Result<Ranker> {
        Ranker::new(self.state_len(), s, MAX_EXACT_STATES).ok_or_else(|| {
            ValidationError::new(
                ErrorCode::OutOfRange,
                "base_stock",
                s,
                format!(
                    "gives more than {MAX_EXACT_STATES} states (C(S + m - 1 + L, m - 1 + L) with \
                     m = {}, L = {}): too large for exact evaluation, use simulate",
                    self.lifetime, self.lead_time
                ),
            )
            .into()
        })
    }

    fn build_chain(&self, ranker: &Ranker, s: u32) -> Result<Chain> {
        let n = ranker.len();
        let k = self.state_len();
        let l = self.lead_time as usize;
        let m = self.lifetime as usize;
        let pmf = self.demand.probabilities();
        let tail = self.demand.tail();
        let loss = self.demand.loss(&tail);
        let mean = loss[0];
        let dmax = pmf.len() - 1;
        let points = dmax + 1;
        // Probability of the demand run [a, b]: pmf[a] + … + pmf[b − 1] + (pmf or tail)[b],
        // summed in that order; the table index is 2·(a·(dmax + 1) + b) + lumped.
        let run = |a: usize, b: usize, lumped: bool| {
            pmf[a..b].iter().sum::<f64>() + if lumped { tail[b] } else { pmf[b] }
        };
        let table: Option<Vec<f64>> = (points <= TABLE_POINTS).then(|| {
            let mut t = vec![0.0; 2 * points * points];
            for a in 0..points {
                for b in a..points {
                    t[2 * (a * points + b)] = run(a, b, false);
                    t[2 * (a * points + b) + 1] = run(a, b, true);
                }
            }
            t
        });
        let cap = self.order_cap();
        let mut stepper = Stepper::new(self);
        // Consumption order of the m cohorts (most life left first in `cohorts`).
        let order: Vec<usize> = match self.issuing {
            Issuing::Fifo => (0..m).rev().collect(),
            Issuing::Lifo => (0..m).collect(),
        };
        // Outgoing transitions first (CSR by source), in rank order.
        let per_state = (s as usize).min(dmax) + 1;
        let guess = n.saturating_mul(per_state).min(MAX_TRANSITIONS);
        let mut offsets = Vec::with_capacity(n + 1);
        let mut targets: Vec<u32> = Vec::with_capacity(guess);
        let mut keys: Vec<u16> = Vec::new();
        let mut probs: Vec<f64> = Vec::new();
        if table.is_some() {
            keys.reserve(guess);
        } else {
            probs.reserve(guess);
        }
        let mut flows = Vec::with_capacity(n);
        offsets.push(0);
        let mut v = vec![0u32; k];
        let mut next = vec![0u32; k];
        let mut left = vec![0u32; m];
        let mut sum = 0u32;
        loop {
            let q = (s - sum).min(cap);
            let available = stepper.receive(&v, q);
            let top = available.min(dmax as u64) as usize;
            // Demand d = 0: nothing sold. Each further unit of demand takes one unit from the
            // cohort first in the issuing order; the successor changes unless that unit would
            // have been outdated anyway.
            left.copy_from_slice(&stepper.cohorts);
            let _ = stepper.serve(&v, q, 0, &mut next);
            let mut outdate = u64::from(left[m - 1]);
            let mut end: u64 = left[..m - 1].iter().map(|&c| u64::from(c)).sum();
            let (mut e_outdate, mut e_end) = (0.0, 0.0);
            let mut target = ranker.rank(&next) as u32;
            let mut start = 0;
            let mut cursor = 0;
            let mut push = |target: u32, a: usize, b: usize| {
                let lumped = b == top;
                let p = match &table {
                    Some(t) => {
                        let key = 2 * (a * points + b) + usize::from(lumped);
                        if t[key] > 0.0 {
                            keys.push(key as u16);
                        }
                        t[key]
                    }
                    None => {
                        let p = run(a, b, lumped);
                        if p > 0.0 {
                            probs.push(p);
                        }
                        p
                    }
                };
                if p > 0.0 {
                    targets.push(target);
                }
            };
            for d in 0..=top {
                let p = if d == top { tail[d] } else { pmf[d] };
                e_outdate += p * outdate as f64;
                e_end += p * end as f64;
                if d == top {
                    break;
                }
                while left[order[cursor]] == 0 {
                    cursor += 1;
                }
                let c = order[cursor];
                left[c] -= 1;
                if c == m - 1 {
                    outdate -= 1;
                } else {
                    next[l + c] -= 1;
                    end -= 1;
                    push(target, start, d);
                    target = ranker.rank(&next) as u32;
                    start = d + 1;
                }
            }
            push(target, start, top);
            if targets.len() > MAX_TRANSITIONS {
                return Err(ValidationError::new(
                    ErrorCode::OutOfRange,
                    "base_stock",
                    s,
                    format!(
                        "gives more than {MAX_TRANSITIONS} transitions: too large for exact \
                         evaluation, use simulate"
                    ),
                )
                .into());
            }
            offsets.push(targets.len());
            let a = (available as usize).min(loss.len() - 1);
            let lost = loss[a];
            flows.push([f64::from(q), mean - lost, lost, e_outdate, e_end]);
            if !ranker.advance(&mut v, &mut sum) {
                break;
            }
        }
        debug_assert_eq!(flows.len(), n);
        // States reachable from the empty one (rank 0), depth first. With L = 0 and demand
        // that can reach S, every state empties at once with positive probability: all count.
        let all = l == 0 && tail[(s as usize).min(points)] > 0.0;
        let mut reachable = vec![all; n];
        let mut stack = if all { Vec::new() } else { vec![0usize] };
        reachable[0] = true;
        while let Some(i) = stack.pop() {
            for &j in &targets[offsets[i]..offsets[i + 1]] {
                if !reachable[j as usize] {
                    reachable[j as usize] = true;
                    stack.push(j as usize);
                }
            }
        }
        // Transpose to transitions by target (a counting sort), keeping self-loops apart.
        let weight = |e: usize| match &table {
            Some(t) => t[keys[e] as usize],
            None => probs[e],
        };
        let mut leave = vec![0.0; n];
        let mut in_offsets = vec![0usize; n + 1];
        for (i, row) in offsets.windows(2).enumerate() {
            for &j in &targets[row[0]..row[1]] {
                if j as usize != i {
                    in_offsets[j as usize + 1] += 1;
                }
            }
        }
        for j in 0..n {
            in_offsets[j + 1] += in_offsets[j];
        }
        let edges = in_offsets[n];
        let mut fill = in_offsets.clone();
        let mut in_sources = vec![0u32; edges];
        let mut in_keys = vec![0u16; if table.is_some() { edges } else { 0 }];
        let mut in_probs = vec![0.0; if table.is_some() { 0 } else { edges }];
        for (i, row) in offsets.windows(2).enumerate() {
            for e in row[0]..row[1] {
                let j = targets[e] as usize;
                if j != i {
                    leave[i] += weight(e);
                    in_sources[fill[j]] = i as u32;
                    if table.is_some() {
                        in_keys[fill[j]] = keys[e];
                    } else {
                        in_probs[fill[j]] = probs[e];
                    }
                    fill[j] += 1;
                }
            }
        }
        let weights = match table {
            Some(values) => Weights::Table {
                values,
                index: in_keys,
            },
            None => Weights::Direct(in_probs),
        };
        Ok(Chain {
            in_offsets,
            in_sources,
            weights,
            leave,
            reachable,
            flows,
        })
    }
}

/// Anderson acceleration (Walker & Ni 2011) of the Gauss–Seidel map G: the next iterate is
/// G(x) less the mix of recent changes of G that best cancels the current residual G(x) − x.
struct Anderson {
    /// Differences of successive residuals and of successive G values, as ring buffers.
    df: Vec<Vec<f64>>,
    dg: Vec<Vec<f64>>,
    /// Gram matrix of `df`, depth × depth.
    gram: Vec<f64>,
    len: usize,
    head: usize,
    f_prev: Vec<f64>,
    g_prev: Vec<f64>,
    started: bool,
}

impl Anderson {
    fn new(depth: usize, n: usize) -> Self {
        Self {
            df: vec![vec![0.0; n]; depth],
            dg: vec![vec![0.0; n]; depth],
            gram: vec![0.0; depth * depth],
            len: 0,
            head: 0,
            f_prev: vec![0.0; n],
            g_prev: vec![0.0; n],
            started: false,
        }
    }

    fn reset(&mut self) {
        self.len = 0;
        self.started = false;
    }

    /// `x` is the current iterate and `g` = G(x); overwrites `x` with the next iterate.
    // Several same-length arrays are walked in step: plain indices read best.
    #[allow(clippy::needless_range_loop)]
    fn mix(&mut self, x: &mut [f64], g: &[f64]) {
        let depth = self.df.len();
        let slot = self.head;
        if self.started {
            // One pass: the new residual, its change, and the change of G.
            let (df, dg) = (&mut self.df[slot], &mut self.dg[slot]);
            for j in 0..x.len() {
                let f = g[j] - x[j];
                df[j] = f - self.f_prev[j];
                dg[j] = g[j] - self.g_prev[j];
                self.f_prev[j] = f;
                self.g_prev[j] = g[j];
            }
            self.head = (self.head + 1) % depth;
            self.len = (self.len + 1).min(depth);
        } else {
            for j in 0..x.len() {
                self.f_prev[j] = g[j] - x[j];
                self.g_prev[j] = g[j];
            }
            self.started = true;
        }
        let k = self.len;
        if k == 0 {
            x.copy_from_slice(g);
            return;
        }
        // One pass: the new Gram row and the right-hand side ⟨ΔFᵢ, f⟩.
        let mut row = [0.0; MAX_DEPTH];
        let mut rhs = [0.0; MAX_DEPTH];
        let new = &self.df[slot];
        for j in 0..x.len() {
            let (a, f) = (new[j], self.f_prev[j]);
            for i in 0..k {
                let d = self.df[i][j];
                row[i] += a * d;
                rhs[i] += d * f;
            }
        }
        for i in 0..k {
            self.gram[slot * depth + i] = row[i];
            self.gram[i * depth + slot] = row[i];
        }
        // Least squares min ‖f − ΔF γ‖ by the (regularised) normal equations.
        let scale = (0..k).map(|i| self.gram[i * depth + i]).fold(0.0, f64::max);
        x.copy_from_slice(g);
        if !(scale > 0.0 && scale.is_finite()) {
            return;
        }
        let mut a = vec![0.0; k * (k + 1)];
        for i in 0..k {
            for j in 0..k {
                a[i * (k + 1) + j] = self.gram[i * depth + j] / scale;
            }
            a[i * (k + 1) + i] += 1e-12;
            a[i * (k + 1) + k] = rhs[i] / scale;
        }
        let Some(gamma) = solve(&mut a, k) else {
            return;
        };
        // One pass: x = G(x) − ΔG γ, clipped at 0; then normalise.
        let mut total = 0.0;
        for j in 0..x.len() {
            let mut v = x[j];
            for (i, gm) in gamma.iter().enumerate() {
                v -= gm * self.dg[i][j];
            }
            let v = v.max(0.0);
            x[j] = v;
            total += v;
        }
        if total > 0.0 && total.is_finite() {
            for xj in x.iter_mut() {
                *xj /= total;
            }
        } else {
            x.copy_from_slice(g);
        }
    }
}

/// Solves the k × k system in `a` (augmented, row-major, k + 1 columns) by Gaussian
/// elimination with partial pivoting.
fn solve(a: &mut [f64], k: usize) -> Option<Vec<f64>> {
    let w = k + 1;
    for c in 0..k {
        let p = (c..k).max_by(|&i, &j| a[i * w + c].abs().total_cmp(&a[j * w + c].abs()))?;
        if a[p * w + c] == 0.0 {
            return None;
        }
        for col in 0..w {
            a.swap(c * w + col, p * w + col);
        }
        for r in c + 1..k {
            let f = a[r * w + c] / a[c * w + c];
            for col in c..w {
                a[r * w + col] -= f * a[c * w + col];
            }
        }
    }
    let mut x = vec![0.0; k];
    for c in (0..k).rev() {
        let mut v = a[c * w + k];
        for j in c + 1..k {
            v -= a[c * w + j] * x[j];
        }
        x[c] = v / a[c * w + c];
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}

/// One Gauss–Seidel sweep of πP = π over the states in rank order, then normalisation.
fn sweep(chain: &Chain, pi: &mut [f64]) {
    match &chain.weights {
        Weights::Table { values, index } => {
            sweep_with(chain, pi, index, |k: u16| values[k as usize])
        }
        Weights::Direct(probs) => sweep_with(chain, pi, probs, |p: f64| p),
    }
    let total: f64 = pi.iter().sum();
    for x in pi.iter_mut() {
        *x /= total;
    }
}

/// The sweep proper; `weights[e]` gives edge e's probability through `weight`. Four partial
/// sums keep the additions from waiting on one another.
fn sweep_with<W: Copy>(chain: &Chain, pi: &mut [f64], weights: &[W], weight: impl Fn(W) -> f64) {
    for j in 0..pi.len() {
        let leave = chain.leave[j];
        if leave <= 0.0 {
            continue;
        }
        let row = chain.in_offsets[j]..chain.in_offsets[j + 1];
        let sources = &chain.in_sources[row.clone()];
        let w = &weights[row];
        let mut acc = [0.0; 4];
        let mut src4 = sources.chunks_exact(4);
        let mut w4 = w.chunks_exact(4);
        for (s, w) in (&mut src4).zip(&mut w4) {
            for t in 0..4 {
                acc[t] += pi[s[t] as usize] * weight(w[t]);
            }
        }
        for (&i, &w) in src4.remainder().iter().zip(w4.remainder()) {
            acc[0] += pi[i as usize] * weight(w);
        }
        pi[j] = ((acc[0] + acc[1]) + (acc[2] + acc[3])) / leave;
    }
}

/// The stationary law of `chain` among the states reachable from the empty one: Gauss–Seidel
/// sweeps accelerated by Anderson mixing, from the uniform law on the reachable states, until
/// a sweep moves the law by less than [`TOLERANCE`] in L1.
fn stationary(chain: &Chain) -> Vec<f64> {
    let n = chain.leave.len();
    let reachable = chain.reachable.iter().filter(|&&r| r).count() as f64;
    let mut x: Vec<f64> = chain
        .reachable
        .iter()
        .map(|&r| if r { 1.0 / reachable } else { 0.0 })
        .collect();
    let mut g = x.clone();
    let mut anderson = Anderson::new(ANDERSON_DEPTH, n);
    let (mut best, mut best_at) = (f64::INFINITY, 0);
    for iteration in 0..MAX_ITERATIONS {
        g.copy_from_slice(&x);
        sweep(chain, &mut g);
        let change: f64 = g.iter().zip(&x).map(|(a, b)| (a - b).abs()).sum();
        if change.is_nan() || change < TOLERANCE {
            return g;
        }
        if change < best {
            (best, best_at) = (change, iteration);
        } else if iteration - best_at > STALL {
            // Mixing has stopped helping (rounding level, or a bad history): restart it, and
            // give up once plain sweeps stall too.
            if anderson.started && anderson.len > 0 {
                anderson.reset();
                best_at = iteration;
            } else {
                return g;
            }
        }
        anderson.mix(&mut x, &g);
    }
    g
}

#[cfg(test)]
mod tests {
    use super::super::{DemandPmf, Issuing};
    use super::*;

    #[test]
    fn ranks_are_the_lexicographic_positions() {
        for (k, s) in [(0, 3), (1, 4), (2, 3), (3, 5), (4, 2)] {
            let r = Ranker::new(k, s, 1_000_000).unwrap();
            let mut v = vec![0u32; k];
            let mut sum = 0;
            let mut i = 0;
            loop {
                assert_eq!(r.rank(&v), i, "k {k} s {s} {v:?}");
                assert!(v.iter().sum::<u32>() == sum && sum <= s);
                i += 1;
                if !r.advance(&mut v, &mut sum) {
                    break;
                }
            }
            assert_eq!(i, r.len());
        }
        assert_eq!(Ranker::new(4, 30, 10_000_000).unwrap().len(), 46_376);
        assert!(Ranker::new(20, 1000, MAX_EXACT_STATES).is_none());
    }

    #[test]
    fn degenerate_demand_still_converges() {
        // Demand always 1 with S = 3, m = 2: the chain is periodic from the empty start.
        let d = DemandPmf::new(vec![0.0, 1.0]).unwrap();
        for issuing in [Issuing::Fifo, Issuing::Lifo] {
            let m = PerishableSystem::new(2, 0, d.clone(), issuing)
                .evaluate(3)
                .unwrap();
            assert!((m.expected_sales - 1.0).abs() < 1e-12);
            assert!((m.expected_order - m.expected_sales - m.expected_outdate).abs() < 1e-9);
        }
        let zero = DemandPmf::new(vec![1.0]).unwrap();
        let m = PerishableSystem::new(2, 0, zero, Issuing::Fifo)
            .evaluate(4)
            .unwrap();
        assert_eq!(m.fill_rate, 1.0);
        assert!((m.expected_order - m.expected_outdate).abs() < 1e-9);
    }

    #[test]
    fn zero_base_stock_orders_nothing() {
        let d = DemandPmf::poisson(2.0).unwrap();
        let m = PerishableSystem::new(3, 2, d, Issuing::Fifo)
            .evaluate(0)
            .unwrap();
        assert_eq!(m.n_states, 1);
        assert_eq!(m.expected_order, 0.0);
        assert_eq!(m.waste_fraction, 0.0);
        assert!((m.expected_lost_sales - 2.0).abs() < 1e-12);
    }
}

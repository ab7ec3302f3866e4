//! The finite-horizon stochastic inventory problem by dynamic programming (Snyder & Shen
//! §4.3.3 and §4.4.3, Algorithm 4.1): T periods of normal demand, backorders, a purchase cost
//! and a fixed cost per order, terminal costs h_T·x⁺ + p_T·x⁻ on what is left after period T.
//!
//! θ_t(x) = min_{y ≥ x} { K_t·𝟙(y > x) + c_t·(y − x) + H_t(y) }, where
//! H_t(y) = h_t·n̄(y) + p_t·n(y) + γ_t·E[θ_{t+1}(y − D_t)], n and n̄ the normal loss functions.
//! The optimal policy is (s_t, S_t); with K_t = 0 it is a base-stock policy (s_t = S_t).
//!
//! The state is discretised at integers, as stockpyl does, so the answers match it: demand
//! takes the integer values d in [μ_min − 4σ_max, μ_max + 4σ_max] (at least 0) with
//! probabilities Φ((d + ½ − μ)/σ) − Φ((d − ½ − μ)/σ), and the inventory level x runs over
//! [μ_min − μ_max − 9σ_max, μ_max + Q_max + 5σ_max] (Q the EOQ with backorders, bounds rounded
//! half to even); a level pushed below the range by demand counts as its lowest value. If the
//! best order-up-to level for some x is the top of the range, the top is doubled and the
//! programme rerun. The spreads 4 and 5 are [`Truncation`]'s defaults; the solution reports how
//! much demand probability the truncation left out, so a caller can widen it.
//!
//! The minimisation over y is linear in the range, not quadratic: the best y > x minimises
//! c_t·y + H_t(y), a running minimum from the top of the range down.

use flowcast_core::{Column, ErrorCode, ValidationError, check, normal};

use crate::error::Result;
use crate::grid::{Grid, batch_rows};
use crate::loss::normal_loss;
use crate::newsvendor::{Myopic, Side};

/// How far the discretisation reaches, in demand standard deviations.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Truncation {
    /// Demand values considered: mean ± `demand_spread`·sd (stockpyl's `d_spread`, 4).
    pub demand_spread: f64,
    /// Margin around the estimated (s, S) (stockpyl's `s_spread`, 5).
    pub level_spread: f64,
}

impl Default for Truncation {
    fn default() -> Self {
        Self {
            demand_spread: 4.0,
            level_spread: 5.0,
        }
    }
}

/// A batch of finite-horizon problems over `periods` periods; per-period inputs broadcast as
/// [`Grid`]s, per-SKU ones as [`Column`]s.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FiniteHorizon<'a> {
    /// Number of periods T, ≥ 1.
    pub periods: usize,
    /// Holding cost per unit left at the end of a period h_t, > 0.
    pub holding_cost: Grid<'a>,
    /// Backorder cost per unit short at the end of a period p_t, > 0.
    pub stockout_cost: Grid<'a>,
    /// Purchase cost per unit c_t, ≥ 0.
    pub purchase_cost: Grid<'a>,
    /// Fixed cost per order K_t, ≥ 0.
    pub fixed_cost: Grid<'a>,
    /// Mean demand per period μ_t, ≥ 0.
    pub demand_mean: Grid<'a>,
    /// Standard deviation of demand per period σ_t, > 0.
    pub demand_sd: Grid<'a>,
    /// Discount factor γ_t in (0, 1].
    pub discount_factor: Grid<'a>,
    /// Cost per unit left after the last period h_T, ≥ 0.
    pub terminal_holding_cost: Column<'a>,
    /// Cost per unit short after the last period p_T, ≥ 0.
    pub terminal_stockout_cost: Column<'a>,
    /// Inventory level at the start of the first period x_1.
    pub initial_inventory_level: Column<'a>,
    /// Discretisation reach.
    pub truncation: Truncation,
}

/// One SKU's optimal policy, with the whole dynamic programme.
#[derive(Debug, Clone, PartialEq)]
pub struct FiniteHorizonSolution {
    /// Reorder point s_t of each period: order when the level is at or below it.
    pub reorder_points: Vec<f64>,
    /// Order-up-to level S_t of each period.
    pub order_up_to_levels: Vec<f64>,
    /// Optimal expected total discounted cost from the initial level, θ_1(x_1).
    pub total_cost: f64,
    /// The lowest inventory level of the grid; column j of the matrices is level `x_min + j`.
    pub x_min: i64,
    /// Number of levels in the grid.
    pub levels: usize,
    /// θ_t(x): T + 1 rows (the last is the terminal cost) of `levels` columns.
    pub cost_to_go: Vec<f64>,
    /// The optimal order-up-to level y_t(x): T rows of `levels` columns.
    pub best_level: Vec<f64>,
    /// The largest probability, over periods, of demand outside the demand grid.
    pub demand_outside_grid: f64,
    /// The largest probability, over periods, that demand takes the level from s_t below the
    /// grid.
    pub level_below_grid: f64,
}

/// Optimal policies of a batch, SKU by SKU (row-major).
#[derive(Debug, Clone, PartialEq)]
pub struct FiniteHorizonPolicies {
    /// Number of periods T.
    pub periods: usize,
    /// Reorder points, T per SKU.
    pub reorder_points: Vec<f64>,
    /// Order-up-to levels, T per SKU.
    pub order_up_to_levels: Vec<f64>,
    /// Optimal expected total cost, one per SKU.
    pub total_cost: Vec<f64>,
}

/// One SKU's validated inputs, one value per period.
struct Inputs {
    h: Vec<f64>,
    p: Vec<f64>,
    c: Vec<f64>,
    k: Vec<f64>,
    mu: Vec<f64>,
    sigma: Vec<f64>,
    gamma: Vec<f64>,
    terminal_h: f64,
    terminal_p: f64,
    x1: f64,
}

impl FiniteHorizon<'_> {
    /// One SKU with the same costs and demand in every period.
    ///
    /// ```
    /// use flowcast_inventory::finite_horizon::FiniteHorizon;
    /// // Snyder & Shen §4.4.3: h = 1, p = 20, terminal 1 and 20, c = 2, K = 50, N(100, 20²).
    /// let sol = FiniteHorizon::stationary(5, 1.0, 20.0, 2.0, 50.0, 100.0, 20.0).solve_one()?;
    /// assert_eq!(sol.reorder_points, [110.0, 110.0, 110.0, 110.0, 111.0]);
    /// assert_eq!(sol.order_up_to_levels, [133.0, 133.0, 133.0, 133.0, 126.0]);
    /// assert!((sol.total_cost - 1558.6946).abs() < 1e-3);
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    pub fn stationary(
        periods: usize,
        holding_cost: f64,
        stockout_cost: f64,
        purchase_cost: f64,
        fixed_cost: f64,
        demand_mean: f64,
        demand_sd: f64,
    ) -> FiniteHorizon<'static> {
        FiniteHorizon {
            periods,
            holding_cost: Grid::Scalar(holding_cost),
            stockout_cost: Grid::Scalar(stockout_cost),
            purchase_cost: Grid::Scalar(purchase_cost),
            fixed_cost: Grid::Scalar(fixed_cost),
            demand_mean: Grid::Scalar(demand_mean),
            demand_sd: Grid::Scalar(demand_sd),
            discount_factor: Grid::Scalar(1.0),
            terminal_holding_cost: Column::Scalar(holding_cost),
            terminal_stockout_cost: Column::Scalar(stockout_cost),
            initial_inventory_level: Column::Scalar(0.0),
            truncation: Truncation::default(),
        }
    }

    fn grids(&self) -> [(&'static str, Grid<'_>); 7] {
        [
            ("holding_cost", self.holding_cost),
            ("stockout_cost", self.stockout_cost),
            ("purchase_cost", self.purchase_cost),
            ("fixed_cost", self.fixed_cost),
            ("demand_mean", self.demand_mean),
            ("demand_sd", self.demand_sd),
            ("discount_factor", self.discount_factor),
        ]
    }

    fn columns(&self) -> [(&'static str, Column<'_>); 3] {
        [
            ("terminal_holding_cost", self.terminal_holding_cost),
            ("terminal_stockout_cost", self.terminal_stockout_cost),
            ("initial_inventory_level", self.initial_inventory_level),
        ]
    }

    /// Number of SKUs in the batch.
    ///
    /// # Errors
    /// Inputs whose lengths do not fit together, `periods` = 0, or a truncation spread that is
    /// not finite and positive (`level_spread` may be 0).
    pub fn rows(&self) -> Result<usize> {
        check::positive("demand_spread", self.truncation.demand_spread)?;
        check::non_negative("level_spread", self.truncation.level_spread)?;
        let by_grid = batch_rows(&self.grids(), self.periods)?;
        let columns = self.columns();
        let per_sku = columns.iter().filter_map(|(_, c)| c.len()).next();
        match per_sku {
            None => Ok(by_grid),
            Some(n) if by_grid == 1 || n == by_grid => Ok(Column::rows(&columns)?),
            Some(n) => Err(ValidationError::new(
                ErrorCode::LengthMismatch,
                "inputs",
                format!("{n} vs {by_grid}"),
                "per-SKU inputs must describe as many SKUs as the per-period ones",
            )
            .into()),
        }
    }

    fn inputs(&self, row: usize) -> Result<Inputs> {
        let t = self.periods;
        let mut v: [Vec<f64>; 7] = std::array::from_fn(|_| vec![0.0; t]);
        for ((field, grid), out) in self.grids().iter().zip(v.iter_mut()) {
            grid.read_row(field, row, out)?;
        }
        let [h, p, c, k, mu, sigma, gamma] = v;
        let grids = self.grids();
        for (g, values) in [(0, &h), (1, &p), (5, &sigma), (6, &gamma)] {
            let (field, grid) = grids[g];
            for (t, &value) in values.iter().enumerate() {
                check::positive(field, value).map_err(|e| ValidationError {
                    field: grid.locate(field, row, t),
                    ..e
                })?;
            }
        }
        if let Some(t) = gamma.iter().position(|g| *g > 1.0) {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                self.discount_factor.locate("discount_factor", row, t),
                gamma[t],
                "must be at most 1",
            )
            .into());
        }
        let [th, tp, x1] = self.columns().map(|(_, c)| c.get(row));
        let per_sku = self.columns().iter().any(|(_, c)| c.len().is_some());
        let at = |e: ValidationError| if per_sku { e.at(row) } else { e };
        Ok(Inputs {
            terminal_h: check::non_negative("terminal_holding_cost", th).map_err(at)?,
            terminal_p: check::non_negative("terminal_stockout_cost", tp).map_err(at)?,
            x1: check::finite("initial_inventory_level", x1).map_err(at)?,
            h,
            p,
            c,
            k,
            mu,
            sigma,
            gamma,
        })
    }

    /// Solves the first SKU of the inputs, keeping the whole programme.
    ///
    /// # Errors
    /// A length mismatch, a NaN, infinite or out-of-range input named with its position, or a
    /// grid too large to hold (more than 50 million cells).
    pub fn solve_one(&self) -> Result<FiniteHorizonSolution> {
        self.rows()?;
        solve(&self.inputs(0)?, self.truncation)
    }

    /// The optimal policy of every SKU.
    ///
    /// # Errors
    /// As [`solve_one`](Self::solve_one), for the first SKU that fails.
    pub fn solve(&self) -> Result<FiniteHorizonPolicies> {
        let (n, t) = (self.rows()?, self.periods);
        let mut out = FiniteHorizonPolicies {
            periods: t,
            reorder_points: Vec::with_capacity(n * t),
            order_up_to_levels: Vec::with_capacity(n * t),
            total_cost: Vec::with_capacity(n),
        };
        for i in 0..n {
            let sol = solve(&self.inputs(i)?, self.truncation)?;
            out.reorder_points.extend(&sol.reorder_points);
            out.order_up_to_levels.extend(&sol.order_up_to_levels);
            out.total_cost.push(sol.total_cost);
        }
        Ok(out)
    }
}

/// Veinott's myopic bounds on the optimal (s_t, S_t) of each period, from the one-period
/// cost G_t(y) = c_t·y + g_t(y) − γ_t·c_{t+1}·(y − μ_t) (the last period adds the terminal
/// costs to h and p, with c_{T+1} = K_{T+1} = 0).
#[derive(Debug, Clone, PartialEq)]
pub struct MyopicBounds {
    /// S̲_t, the minimiser of G_t: a lower bound on S_t.
    pub order_up_to_lower: Vec<f64>,
    /// S̄_t ≥ S̲_t with G_t(S̄_t) = G_t(S̲_t) + γ_t·K_{t+1}: an upper bound on S_t.
    pub order_up_to_upper: Vec<f64>,
    /// s̲_t ≤ S̲_t with G_t(s̲_t) = G_t(S̲_t) + K_t: a lower bound on s_t.
    pub reorder_lower: Vec<f64>,
    /// s̄_t ≤ S̲_t with G_t(s̄_t) = G_t(S̲_t) + K_t − γ_t·K_{t+1}: an upper bound on s_t,
    /// `None` where K_t < γ_t·K_{t+1}.
    pub reorder_upper: Vec<Option<f64>>,
}

impl FiniteHorizon<'_> {
    /// The myopic bounds of the first SKU's periods.
    ///
    /// ```
    /// use flowcast_inventory::finite_horizon::FiniteHorizon;
    /// let b = FiniteHorizon::stationary(5, 1.0, 20.0, 2.0, 50.0, 100.0, 20.0).myopic_bounds()?;
    /// assert!((b.order_up_to_lower[0] - 133.367_823_878_94).abs() < 1e-9);
    /// assert!((b.order_up_to_upper[0] - 191.660_229_427_88).abs() < 1e-9);
    /// assert!((b.reorder_lower[0] - 110.260_368_485_97).abs() < 1e-9);
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`solve_one`](Self::solve_one), or a purchase-cost change c_t − γ_t·c_{t+1} outside
    /// (−h_t, p_t) in some period (the myopic policy needs it inside).
    pub fn myopic_bounds(&self) -> Result<MyopicBounds> {
        self.rows()?;
        let inp = self.inputs(0)?;
        let t_len = inp.h.len();
        let mut out = MyopicBounds {
            order_up_to_lower: Vec::with_capacity(t_len),
            order_up_to_upper: Vec::with_capacity(t_len),
            reorder_lower: Vec::with_capacity(t_len),
            reorder_upper: Vec::with_capacity(t_len),
        };
        for t in 0..t_len {
            let last = t + 1 == t_len;
            let (c_next, k_next) = if last {
                (0.0, 0.0)
            } else {
                (inp.c[t + 1], inp.k[t + 1])
            };
            let m = Myopic {
                holding_cost: inp.h[t] + if last { inp.terminal_h } else { 0.0 },
                stockout_cost: inp.p[t] + if last { inp.terminal_p } else { 0.0 },
                purchase_cost: inp.c[t],
                purchase_cost_next: c_next,
                demand_mean: inp.mu[t],
                demand_sd: inp.sigma[t],
                discount_factor: inp.gamma[t],
            };
            let in_period = |e: crate::Error| match e {
                crate::Error::Invalid(v) => crate::Error::Invalid(v.at(t)),
            };
            let best = m.optimal().map_err(in_period)?;
            let (k, gk) = (inp.k[t], inp.gamma[t] * k_next);
            let at = |extra: f64, side| m.level_at_cost(best.cost + extra, side).map_err(in_period);
            out.order_up_to_lower.push(best.base_stock_level);
            out.order_up_to_upper.push(at(gk, Side::Above)?);
            out.reorder_lower.push(at(k, Side::Below)?);
            out.reorder_upper.push(if k >= gk {
                Some(at(k - gk, Side::Below)?)
            } else {
                None
            });
        }
        Ok(out)
    }
}

/// The largest grid the programme will allocate (cells of θ).
const MAX_CELLS: usize = 50_000_000;

fn max(v: &[f64]) -> f64 {
    v.iter().copied().fold(f64::NEG_INFINITY, f64::max)
}

fn min(v: &[f64]) -> f64 {
    v.iter().copied().fold(f64::INFINITY, f64::min)
}

/// Round half to even, as Python's `round`, to an integer level.
fn level(x: f64) -> i64 {
    x.round_ties_even() as i64
}

fn solve(inp: &Inputs, trunc: Truncation) -> Result<FiniteHorizonSolution> {
    let t_len = inp.h.len();
    let (mu_max, sd_max) = (max(&inp.mu), max(&inp.sigma));
    let d_min = level(min(&inp.mu) - trunc.demand_spread * sd_max).max(0);
    let d_max = level(mu_max + trunc.demand_spread * sd_max);
    // The EOQ with backorders of each period sizes the top of the grid (from the second
    // period on, as stockpyl does; the first when there is only one).
    let eoqb: Vec<f64> = (0..t_len)
        .map(|t| {
            let (h, p) = (inp.h[t], inp.p[t]);
            (2.0 * inp.k[t] * inp.mu[t] * (h + p) / (h * p)).sqrt()
        })
        .collect();
    let q_max = max(if t_len > 1 { &eoqb[1..] } else { &eoqb });
    let mut x_min =
        level(min(&inp.mu) - mu_max - sd_max * (trunc.level_spread + trunc.demand_spread));
    let mut x_max = level(mu_max + q_max + sd_max * trunc.level_spread);
    if !(d_max.abs() < 1 << 40 && x_min.abs() < 1 << 40 && x_max.abs() < 1 << 40) {
        return Err(ValidationError::new(
            ErrorCode::OutOfRange,
            "demand_mean",
            mu_max,
            "gives a grid of inventory levels too large to hold",
        )
        .into());
    }
    // The initial level must be on the grid.
    x_min = x_min.min(inp.x1.floor() as i64);
    x_max = x_max.max(inp.x1.ceil() as i64);
    let demand: Vec<i64> = (d_min..=d_max).collect();
    let demand_outside_grid = (0..t_len)
        .map(|t| {
            let (m, s) = (inp.mu[t], inp.sigma[t]);
            normal::cdf((d_min as f64 - m) / s) + normal::sf((d_max as f64 - m) / s)
        })
        .fold(0.0, f64::max);
    loop {
        let levels = usize::try_from(x_max - x_min + 1).unwrap_or(usize::MAX);
        if levels.saturating_mul(t_len + 1) > MAX_CELLS {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "demand_sd",
                sd_max,
                "gives a grid of inventory levels too large to hold",
            )
            .into());
        }
        if let Some(sol) = attempt(inp, &demand, x_min, x_max, levels) {
            return Ok(FiniteHorizonSolution {
                demand_outside_grid,
                ..sol
            });
        }
        x_max = if x_max > 0 {
            2 * x_max
        } else {
            x_max + (x_max - x_min).max(1)
        };
    }
}

/// One pass of the programme on levels x_min..=x_max; `None` if the best order-up-to level hit
/// the top of the grid (the grid must grow).
fn attempt(
    inp: &Inputs,
    demand: &[i64],
    x_min: i64,
    x_max: i64,
    levels: usize,
) -> Option<FiniteHorizonSolution> {
    let t_len = inp.h.len();
    let mut theta = vec![0.0; (t_len + 1) * levels];
    let mut best_level = vec![0.0; t_len * levels];
    let (mut s_out, mut big_s_out) = (vec![0.0; t_len], vec![0.0; t_len]);
    let mut level_below_grid: f64 = 0.0;
    for (j, cell) in theta[t_len * levels..].iter_mut().enumerate() {
        let x = (x_min + j as i64) as f64;
        *cell = inp.terminal_h * x.max(0.0) + inp.terminal_p * (-x).max(0.0);
    }
    let mut prob = vec![0.0; demand.len()];
    let mut big_h = vec![0.0; levels];
    for t in (0..t_len).rev() {
        let (mu, sd) = (inp.mu[t], inp.sigma[t]);
        for (p, &d) in prob.iter_mut().zip(demand) {
            let d = d as f64;
            *p = normal::cdf((d + 0.5 - mu) / sd) - normal::cdf((d - 0.5 - mu) / sd);
        }
        let (head, tail) = theta.split_at_mut((t + 1) * levels);
        let next = &tail[..levels];
        for (j, hy) in big_h.iter_mut().enumerate() {
            let y = x_min + j as i64;
            let n = normal_loss(y as f64, mu, sd);
            let n_bar = n + (y as f64 - mu);
            let mut future = 0.0;
            for (p, &d) in prob.iter().zip(demand) {
                let after = (y - d).clamp(x_min, x_max);
                future += p * next[(after - x_min) as usize];
            }
            *hy = inp.h[t] * n_bar + inp.p[t] * n + inp.gamma[t] * future;
        }
        let row = &mut head[t * levels..];
        let oul = &mut best_level[t * levels..(t + 1) * levels];
        let (c, k) = (inp.c[t], inp.k[t]);
        // Best y above x: the running minimum of c·y + H(y), earliest y on ties.
        let mut above: Option<(usize, f64)> = None;
        for j in (0..levels).rev() {
            let x = x_min + j as i64;
            let (mut best, mut best_j) = (big_h[j], j);
            if let Some((ja, _)) = above {
                let y = x_min + ja as i64;
                let ordering = c * (y - x) as f64 + k + big_h[ja];
                if ordering < best {
                    best = ordering;
                    best_j = ja;
                }
            }
            if best_j == levels - 1 && j < levels - 1 {
                return None;
            }
            row[j] = best;
            oul[j] = (x_min + best_j as i64) as f64;
            let g = c * x as f64 + big_h[j];
            if above.is_none_or(|(_, ga)| g <= ga) {
                above = Some((j, g));
            }
        }
        // S_t is the level ordered up to from the bottom of the grid; s_t the top of the run of
        // levels that order up to it.
        let big_s = oul[0];
        let run = oul.iter().take_while(|&&y| y == big_s).count();
        let s = x_min + run as i64 - 1;
        big_s_out[t] = big_s;
        s_out[t] = s as f64;
        level_below_grid = level_below_grid.max(normal::sf(((s - x_min) as f64 - mu) / sd));
    }
    let start = (inp.x1.trunc() as i64 - x_min) as usize;
    Some(FiniteHorizonSolution {
        reorder_points: s_out,
        order_up_to_levels: big_s_out,
        total_cost: theta[start],
        x_min,
        levels,
        cost_to_go: theta,
        best_level,
        demand_outside_grid: 0.0,
        level_below_grid,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The programme written the plain way (every y for every x) on the solution's own grid.
    fn naive_cost_to_go(m: &FiniteHorizon<'_>, sol: &FiniteHorizonSolution) -> Vec<f64> {
        let inp = m.inputs(0).unwrap();
        let (x_min, n) = (sol.x_min, sol.levels);
        let x_max = x_min + n as i64 - 1;
        let t_len = m.periods;
        let mut theta = sol.cost_to_go[t_len * n..].to_vec();
        let mut rows = vec![];
        for t in (0..t_len).rev() {
            let (mu, sd) = (inp.mu[t], inp.sigma[t]);
            let d_lo = (inp.mu.iter().copied().fold(f64::INFINITY, f64::min)
                - 4.0 * inp.sigma.iter().copied().fold(0.0, f64::max))
            .round_ties_even()
            .max(0.0) as i64;
            let d_hi = (inp.mu.iter().copied().fold(0.0, f64::max)
                + 4.0 * inp.sigma.iter().copied().fold(0.0, f64::max))
            .round_ties_even() as i64;
            let h_of = |y: i64| {
                let n = normal_loss(y as f64, mu, sd);
                let future: f64 = (d_lo..=d_hi)
                    .map(|d| {
                        let p = normal::cdf((d as f64 + 0.5 - mu) / sd)
                            - normal::cdf((d as f64 - 0.5 - mu) / sd);
                        p * theta[((y - d).clamp(x_min, x_max) - x_min) as usize]
                    })
                    .sum();
                inp.h[t] * (n + y as f64 - mu) + inp.p[t] * n + inp.gamma[t] * future
            };
            let hs: Vec<f64> = (x_min..=x_max).map(h_of).collect();
            let row: Vec<f64> = (x_min..=x_max)
                .map(|x| {
                    (x..=x_max)
                        .map(|y| {
                            let order = if y > x {
                                inp.k[t] + inp.c[t] * (y - x) as f64
                            } else {
                                0.0
                            };
                            order + hs[(y - x_min) as usize]
                        })
                        .fold(f64::INFINITY, f64::min)
                })
                .collect();
            theta = row.clone();
            rows.push(row);
        }
        rows.reverse();
        rows.concat()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        /// The linear-time minimisation gives the plain programme's costs to go, and the policy
        /// read from them is an (s, S) policy with s ≤ S.
        #[test]
        fn fast_minimisation_equals_the_plain_programme(
            periods in 1usize..4, h in 0.5f64..3.0, p in 2.0f64..30.0, c in 0.0f64..3.0,
            k in 0.0f64..60.0, mean in 5.0f64..40.0, cv in 0.1f64..0.5,
        ) {
            let m = FiniteHorizon::stationary(periods, h, p, c, k, mean, mean * cv);
            let sol = m.solve_one().unwrap();
            let naive = naive_cost_to_go(&m, &sol);
            for (a, b) in sol.cost_to_go[..periods * sol.levels].iter().zip(&naive) {
                prop_assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{} vs {}", a, b);
            }
            for (s, big_s) in sol.reorder_points.iter().zip(&sol.order_up_to_levels) {
                prop_assert!(s <= big_s);
            }
        }
    }

    #[test]
    fn base_stock_without_fixed_costs() {
        let sol = FiniteHorizon::stationary(5, 1.0, 20.0, 2.0, 0.0, 100.0, 20.0)
            .solve_one()
            .unwrap();
        assert_eq!(sol.order_up_to_levels, [133.0, 133.0, 133.0, 133.0, 126.0]);
        assert_eq!(sol.reorder_points, sol.order_up_to_levels);
    }

    #[test]
    fn one_period_is_the_newsvendor() {
        // One period, no purchase or fixed cost, terminal costs 0: S is the newsvendor level
        // rounded to the grid.
        let mut m = FiniteHorizon::stationary(1, 1.0, 9.0, 0.0, 0.0, 50.0, 10.0);
        m.terminal_holding_cost = Column::Scalar(0.0);
        m.terminal_stockout_cost = Column::Scalar(0.0);
        let sol = m.solve_one().unwrap();
        let critical = 50.0 + 10.0 * normal::quantile(0.9);
        assert!((sol.order_up_to_levels[0] - critical).abs() <= 1.0);
    }

    #[test]
    fn batch_rows_equal_single_solves() {
        let means = [100.0, 40.0];
        let batch = FiniteHorizon {
            demand_mean: Grid::Skus(&means),
            ..FiniteHorizon::stationary(3, 1.0, 20.0, 2.0, 50.0, 0.0, 8.0)
        };
        let all = batch.solve().unwrap();
        for (i, mean) in means.into_iter().enumerate() {
            let one = FiniteHorizon::stationary(3, 1.0, 20.0, 2.0, 50.0, mean, 8.0)
                .solve_one()
                .unwrap();
            assert_eq!(
                &all.order_up_to_levels[i * 3..i * 3 + 3],
                one.order_up_to_levels
            );
            assert_eq!(all.total_cost[i], one.total_cost);
        }
    }

    #[test]
    fn bad_input_is_named() {
        let bad = |m: FiniteHorizon<'_>| m.solve_one().unwrap_err().to_string();
        let sd = [10.0, 0.0];
        let m = FiniteHorizon {
            demand_sd: Grid::Periods(&sd),
            ..FiniteHorizon::stationary(2, 1.0, 20.0, 2.0, 50.0, 100.0, 8.0)
        };
        assert!(bad(m).starts_with("demand_sd[1] = 0"));
        let m = FiniteHorizon {
            discount_factor: Grid::Scalar(1.5),
            ..FiniteHorizon::stationary(2, 1.0, 20.0, 2.0, 50.0, 100.0, 8.0)
        };
        assert!(bad(m).starts_with("discount_factor = 1.5"));
        assert!(
            bad(FiniteHorizon::stationary(
                0, 1.0, 20.0, 2.0, 50.0, 100.0, 8.0
            ))
            .contains("periods")
        );
        assert!(
            bad(FiniteHorizon::stationary(
                2, 1.0, 20.0, 2.0, 50.0, 1e300, 8.0
            ))
            .contains("too large")
        );
    }
}

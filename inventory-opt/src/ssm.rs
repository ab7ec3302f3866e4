//! The stochastic-service model of a serial supply chain (Clark & Scarf 1960; Chen & Zheng 1994;
//! Snyder & Shen §6.2): stages 1 (facing demand) to N, each reordering every period from the
//! stage above it (stage N from an outside supplier that never runs short) with a shipment
//! lead time L_j, backorders at cost p per unit per period at stage 1, echelon holding costs
//! h_j, and i.i.d. normal demand per period. Echelon base-stock policies are optimal.
//!
//! The optimum follows the recursion C̄_0(x) = (p + Σh)·x⁻, Ĉ_j(x) = h_j·x + C̄_{j−1}(x),
//! C_j(y) = E[Ĉ_j(y − D_j)] with D_j the demand over L_j periods, S*_j = argmin C_j and
//! C̄_j(x) = C_j(min(S*_j, x)); the optimal cost is C_N(S*_N). C_1 is exact (a normal loss
//! function); later stages integrate on a grid of step σ/200 (σ the standard deviation of
//! demand over all the lead times), aligned so that y − d falls on the grid, with each
//! function's exact linear asymptote below it and its constant value above; each S*_j is
//! refined between grid points by a parabola. A grid four times finer moves the cost by less
//! than 1e-4, and stage 1's level matches its exact newsvendor value. On Snyder & Shen's
//! Example 6.1 this gives S* = (6.4909, 12.0176, 22.7055), C* = 47.6602; stockpyl's coarser
//! grid gives (6.484, 12.028, 22.72), 47.6654, and its documentation quotes
//! (6.514, 12.012, 22.700), 47.6687.
//!
//! The newsvendor heuristic (Shang & Song 2003) sets each echelon level from two newsvendor
//! problems in closed form.

use flowcast_core::{ErrorCode, ValidationError, check, normal};

use crate::error::Result;
use crate::loss::normal_loss;

/// A serial system, stage 1 (facing demand) first.
#[derive(Debug, Clone, PartialEq)]
pub struct SerialSystem {
    /// Echelon holding cost h_j of each stage, ≥ 0 (stage 1 first).
    pub echelon_holding_cost: Vec<f64>,
    /// Shipment lead time L_j into each stage, in periods, ≥ 0.
    pub lead_time: Vec<f64>,
    /// Backorder cost per unit per period at stage 1, p > 0.
    pub stockout_cost: f64,
    /// Mean demand per period at stage 1, ≥ 0.
    pub demand_mean: f64,
    /// Standard deviation of demand per period, > 0.
    pub demand_sd: f64,
}

/// Echelon base-stock levels and their expected cost per period.
#[derive(Debug, Clone, PartialEq)]
pub struct SerialPolicy {
    /// Echelon base-stock level S_j of each stage, stage 1 first.
    pub echelon_base_stock: Vec<f64>,
    /// Local base-stock levels S_j − S_{j−1} (S_0 = 0).
    pub local_base_stock: Vec<f64>,
    /// Expected holding and backorder cost per period.
    pub cost: f64,
}

/// Steps of σ (over all lead times) per grid cell, and how far the grid reaches in σ.
const CELLS_PER_SD: f64 = 200.0;
const REACH: f64 = 8.0;

impl SerialSystem {
    fn validated(&self) -> Result<usize> {
        let n = check::non_empty("echelon_holding_cost", self.echelon_holding_cost.len())?;
        check::same_len("lead_time", self.lead_time.len(), "echelon_holding_cost", n)?;
        for (j, (&h, &l)) in self
            .echelon_holding_cost
            .iter()
            .zip(&self.lead_time)
            .enumerate()
        {
            check::non_negative("echelon_holding_cost", h).map_err(|e| e.at(j))?;
            check::non_negative("lead_time", l).map_err(|e| e.at(j))?;
        }
        check::positive("stockout_cost", self.stockout_cost)?;
        check::non_negative("demand_mean", self.demand_mean)?;
        check::positive("demand_sd", self.demand_sd)?;
        Ok(n)
    }

    /// The optimal echelon base-stock levels (Clark–Scarf, Chen–Zheng).
    ///
    /// ```
    /// use flowcast_inventory::ssm::SerialSystem;
    /// // Snyder & Shen, Example 6.1: 3 stages, N(5, 1) demand.
    /// let chain = SerialSystem {
    ///     echelon_holding_cost: vec![3.0, 2.0, 2.0],
    ///     lead_time: vec![1.0, 1.0, 2.0],
    ///     stockout_cost: 37.12,
    ///     demand_mean: 5.0,
    ///     demand_sd: 1.0,
    /// };
    /// let best = chain.optimize()?;
    /// assert!((best.echelon_base_stock[0] - 6.4909).abs() < 1e-3);
    /// assert!((best.cost - 47.660).abs() < 1e-3);
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    ///
    /// # Errors
    /// Lists of different lengths, a negative cost or lead time, a non-positive stockout cost or
    /// demand standard deviation, or a non-finite value.
    pub fn optimize(&self) -> Result<SerialPolicy> {
        self.validated()?;
        self.run(None, CELLS_PER_SD)
    }

    /// The expected cost per period of given echelon base-stock levels (stage 1 first).
    ///
    /// # Errors
    /// As [`optimize`](Self::optimize), or levels of the wrong number or not finite.
    pub fn cost(&self, echelon_base_stock: &[f64]) -> Result<f64> {
        let n = self.validated()?;
        check::same_len(
            "echelon_base_stock",
            echelon_base_stock.len(),
            "echelon_holding_cost",
            n,
        )?;
        for (j, &s) in echelon_base_stock.iter().enumerate() {
            check::finite("echelon_base_stock", s).map_err(|e| e.at(j))?;
        }
        Ok(self.run(Some(echelon_base_stock), CELLS_PER_SD)?.cost)
    }

    /// The expected holding cost per period alone of given echelon base-stock levels (the cost
    /// with no charge for backorders; `stockout_cost` is not used).
    ///
    /// # Errors
    /// As [`cost`](Self::cost), except that the stockout cost is not checked.
    pub fn holding_cost(&self, echelon_base_stock: &[f64]) -> Result<f64> {
        let holding_only = SerialSystem {
            stockout_cost: 1.0,
            ..self.clone()
        };
        holding_only.validated()?;
        let n = self.echelon_holding_cost.len();
        check::same_len(
            "echelon_base_stock",
            echelon_base_stock.len(),
            "echelon_holding_cost",
            n,
        )?;
        for (j, &s) in echelon_base_stock.iter().enumerate() {
            check::finite("echelon_base_stock", s).map_err(|e| e.at(j))?;
        }
        let free = SerialSystem {
            stockout_cost: 0.0,
            ..self.clone()
        };
        Ok(free.run(Some(echelon_base_stock), CELLS_PER_SD)?.cost)
    }

    /// The Shang–Song newsvendor heuristic: S_j = w·S_j^l + (1 − w)·S_j^u, the newsvendor levels
    /// for demand over L_1 + … + L_j periods with backorder cost p + h_{j+1} + … + h_N and holding
    /// cost h_1 + … + h_j (S^l) or h_j (S^u). `weight` w is in [0, 1] (stockpyl's default 0.5).
    ///
    /// # Errors
    /// As [`optimize`](Self::optimize), or a weight outside [0, 1].
    pub fn newsvendor_heuristic(&self, weight: f64) -> Result<Vec<f64>> {
        let n = self.validated()?;
        check::finite("weight", weight)?;
        if !(0.0..=1.0).contains(&weight) {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "weight",
                weight,
                "must be in [0, 1]",
            )
            .into());
        }
        let h = &self.echelon_holding_cost;
        let level = |holding: f64, backorder: f64, mean: f64, sd: f64| {
            if sd == 0.0 || holding == 0.0 {
                return if holding == 0.0 { f64::INFINITY } else { mean };
            }
            mean + sd * normal::quantile(backorder / (backorder + holding))
        };
        let mut out = Vec::with_capacity(n);
        let mut lead = 0.0;
        for j in 0..n {
            lead += self.lead_time[j];
            let (mean, sd) = (self.demand_mean * lead, self.demand_sd * lead.sqrt());
            let backorder = self.stockout_cost + h[j + 1..].iter().sum::<f64>();
            let lower = level(h[..=j].iter().sum(), backorder, mean, sd);
            let upper = level(h[j], backorder, mean, sd);
            let s = weight * lower + (1.0 - weight) * upper;
            out.push(check::finite_result("echelon_base_stock", s).map_err(|e| e.at(j))?);
        }
        Ok(out)
    }

    /// The recursion, optimising each S_j or using the `given` one.
    fn run(&self, given: Option<&[f64]>, cells_per_sd: f64) -> Result<SerialPolicy> {
        let n = self.echelon_holding_cost.len();
        let h = &self.echelon_holding_cost;
        let (mu, sigma, p) = (self.demand_mean, self.demand_sd, self.stockout_cost);
        let total_h: f64 = h.iter().sum();
        let means: Vec<f64> = self.lead_time.iter().map(|l| mu * l).collect();
        let sds: Vec<f64> = self.lead_time.iter().map(|l| sigma * l.sqrt()).collect();
        let total_lead: f64 = self.lead_time.iter().sum();
        let sd_all = (sigma * total_lead.sqrt()).max(sigma);
        let delta = sd_all / cells_per_sd;
        let lo = -REACH * sds.iter().sum::<f64>() - REACH * sd_all;
        let mut hi = mu * total_lead + REACH * sd_all;
        if let Some(s) = given {
            hi = s.iter().copied().fold(hi, f64::max) + REACH * sd_all;
        }
        let cells = ((hi - lo) / delta).ceil() as usize + 1;
        if cells > 20_000_000 {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "echelon_base_stock",
                hi,
                "is too far above the demand to evaluate",
            )
            .into());
        }
        let x = |i: usize| lo + i as f64 * delta;
        // C̄_{j−1} on the grid, its linear asymptote below (slope·x + intercept) and its
        // constant value above.
        let mut bar: Vec<f64> = (0..cells)
            .map(|i| (p + total_h) * (-x(i)).max(0.0))
            .collect();
        let (mut slope, mut intercept, mut above) = (-(p + total_h), 0.0, 0.0);
        let mut levels = Vec::with_capacity(n);
        let mut c = vec![0.0; cells];
        let mut cost = 0.0;
        for j in 0..n {
            let (m, s) = (means[j], sds[j]);
            if j == 0 {
                // Exact: E[h₁(y − D) + (p + Σh)(y − D)⁻] with a normal loss function.
                for (i, ci) in c.iter_mut().enumerate() {
                    let y = x(i);
                    let loss = if s > 0.0 {
                        normal_loss(y, m, s)
                    } else {
                        (m - y).max(0.0)
                    };
                    *ci = h[0] * (y - m) + (p + total_h) * loss;
                }
            } else {
                let bar_at = |k: isize| -> f64 {
                    if k < 0 {
                        slope * x(0) + slope * k as f64 * delta + intercept
                    } else if k as usize >= cells {
                        above
                    } else {
                        bar[k as usize]
                    }
                };
                if s == 0.0 {
                    // No lead time: C_j(y) = h_j·(y − m) + C̄_{j−1}(y − m), m = 0 here.
                    for (i, ci) in c.iter_mut().enumerate() {
                        *ci = h[j] * (x(i) - m) + bar_at(i as isize);
                    }
                } else {
                    let first = ((m - REACH * s) / delta).floor() as isize;
                    let last = ((m + REACH * s) / delta).ceil() as isize;
                    let weights: Vec<f64> = (first..=last)
                        .map(|k| {
                            let d = k as f64 * delta;
                            normal::cdf((d + 0.5 * delta - m) / s)
                                - normal::cdf((d - 0.5 * delta - m) / s)
                        })
                        .collect();
                    for (i, ci) in c.iter_mut().enumerate() {
                        let mut e = 0.0;
                        for (w, k) in weights.iter().zip(first..) {
                            e += w * bar_at(i as isize - k);
                        }
                        *ci = h[j] * (x(i) - m) + e;
                    }
                }
            }
            // The level: the minimum refined by a parabola, or the given one.
            let (level, value) = match given {
                Some(g) => (g[j], interpolate(&c, lo, delta, g[j])),
                None => {
                    let i = (0..cells).fold(0, |b, i| if c[i] < c[b] { i } else { b });
                    if i == cells - 1 {
                        return Err(ValidationError::new(
                            ErrorCode::OutOfRange,
                            "stockout_cost",
                            p,
                            "is so large against the holding costs that the levels leave the grid",
                        )
                        .into());
                    }
                    refine(&c, i, lo, delta)
                }
            };
            levels.push(level);
            cost = value;
            // C̄_j(x) = C_j(min(S_j, x)); C_j's asymptote follows from C̄_{j−1}'s.
            for (i, b) in bar.iter_mut().enumerate() {
                *b = if x(i) < level { c[i] } else { value };
            }
            slope += h[j];
            intercept -= slope * m;
            above = value;
        }
        let local = levels
            .iter()
            .enumerate()
            .map(|(j, s)| if j == 0 { *s } else { s - levels[j - 1] })
            .collect();
        Ok(SerialPolicy {
            echelon_base_stock: levels,
            local_base_stock: local,
            cost: check::finite_result("cost", cost)?,
        })
    }
}

/// The minimum of a grid function near cell `i` by a parabola through its neighbours.
fn refine(c: &[f64], i: usize, lo: f64, delta: f64) -> (f64, f64) {
    if i == 0 {
        return (lo, c[0]);
    }
    let (a, b, d) = (c[i - 1], c[i], c[i + 1]);
    let curvature = a - 2.0 * b + d;
    if curvature <= 0.0 {
        return (lo + i as f64 * delta, b);
    }
    let offset = 0.5 * (a - d) / curvature;
    (
        lo + (i as f64 + offset) * delta,
        b - 0.25 * (a - d) * offset,
    )
}

/// A grid function at `y` by quadratic interpolation through the three nearest points
/// (clamped to the grid).
fn interpolate(c: &[f64], lo: f64, delta: f64, y: f64) -> f64 {
    let t = ((y - lo) / delta).clamp(0.0, (c.len() - 1) as f64);
    let i = (t.round() as usize).clamp(1, c.len() - 2);
    let u = t - i as f64;
    let (a, b, d) = (c[i - 1], c[i], c[i + 1]);
    b + 0.5 * u * (d - a) + 0.5 * u * u * (a - 2.0 * b + d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example_6_1() -> SerialSystem {
        SerialSystem {
            echelon_holding_cost: vec![3.0, 2.0, 2.0],
            lead_time: vec![1.0, 1.0, 2.0],
            stockout_cost: 37.12,
            demand_mean: 5.0,
            demand_sd: 1.0,
        }
    }

    #[test]
    fn one_stage_is_the_newsvendor() {
        // One stage: S* is the newsvendor level over the lead time, and the cost is
        // h·(S − μL) + (p + h)·n(S).
        let m = SerialSystem {
            echelon_holding_cost: vec![2.0],
            lead_time: vec![3.0],
            stockout_cost: 18.0,
            demand_mean: 10.0,
            demand_sd: 2.0,
        };
        let best = m.optimize().unwrap();
        let sd = 2.0 * 3f64.sqrt();
        let s = 30.0 + sd * normal::quantile(0.9);
        assert!(
            (best.echelon_base_stock[0] - s).abs() < 1e-4,
            "{}",
            best.echelon_base_stock[0]
        );
        let exact = 2.0 * (s - 30.0) + 20.0 * normal_loss(s, 30.0, sd);
        assert!((best.cost - exact).abs() < 1e-6, "{} vs {exact}", best.cost);
        assert_eq!(m.newsvendor_heuristic(0.5).unwrap()[0], s);
    }

    #[test]
    fn the_optimum_is_the_cheapest_nearby_policy() {
        let m = example_6_1();
        let best = m.optimize().unwrap();
        let at_best = m.cost(&best.echelon_base_stock).unwrap();
        assert!(
            (at_best - best.cost).abs() < 1e-6,
            "{at_best} vs {}",
            best.cost
        );
        // Stage 1's level is exactly a newsvendor's: F(S₁) = (p + h₂ + h₃)/(p + Σh).
        let s1 = 5.0 + normal::quantile((37.12 + 4.0) / (37.12 + 7.0));
        assert!((best.echelon_base_stock[0] - s1).abs() < 1e-5);
        // A grid four times finer moves the answer by less than 1e-4.
        let fine = m.run(None, 4.0 * CELLS_PER_SD).unwrap();
        assert!((fine.cost - best.cost).abs() < 1e-4);
        for (a, b) in fine.echelon_base_stock.iter().zip(&best.echelon_base_stock) {
            assert!((a - b).abs() < 1e-3);
        }
        for j in 0..3 {
            for step in [-0.3, 0.3] {
                let mut s = best.echelon_base_stock.clone();
                s[j] += step;
                assert!(m.cost(&s).unwrap() > best.cost);
            }
        }
        let heuristic = m.newsvendor_heuristic(0.5).unwrap();
        assert!(m.cost(&heuristic).unwrap() >= best.cost);
        // Holding alone is part of the cost, and grows with the levels.
        let held = m.holding_cost(&best.echelon_base_stock).unwrap();
        assert!(held > 0.0 && held < best.cost);
        let more: Vec<f64> = best.echelon_base_stock.iter().map(|s| s + 2.0).collect();
        assert!(m.holding_cost(&more).unwrap() > held);
    }

    #[test]
    fn bad_input_is_named() {
        let mut m = example_6_1();
        m.lead_time[2] = -1.0;
        assert!(
            m.optimize()
                .unwrap_err()
                .to_string()
                .starts_with("lead_time[2] = -1")
        );
        let mut m = example_6_1();
        m.demand_sd = 0.0;
        assert!(
            m.optimize()
                .unwrap_err()
                .to_string()
                .starts_with("demand_sd = 0")
        );
        assert!(example_6_1().newsvendor_heuristic(1.5).is_err());
        assert!(example_6_1().cost(&[1.0]).is_err());
    }
}

//! The newsvendor: one order before uncertain demand, leftovers held at cost h per unit and
//! shortages at cost p per unit (Snyder & Shen ch. 4).
//!
//! The optimal order-up-to level is the critical fractile S* = F⁻¹(p/(p + h)) and the expected
//! cost g(S) = h·n̄(S) + p·n(S), with n and n̄ the demand's loss function and its complement; for
//! normal demand g(S*) = (h + p)φ(z*)σ. The explicit form with revenue r, purchase cost c and
//! salvage value v has critical ratio (p + r − c)/(p + h + r − v) and profit
//! (r − c + p)S − pμ + (v − r − h − p)·n̄(S). The myopic policy of a multi-period problem with
//! purchase costs c this period and c′ next, discounted by γ, has critical ratio
//! (p − c + γc′)/(p + h).

use flowcast_core::column::{CHUNK, zeroed};
use flowcast_core::{Column, ErrorCode, Threads, ValidationError, check, normal};

use crate::batch::{map_rows, map_rows_par};
use crate::distribution::Distribution;
use crate::error::Result;
use crate::loss::Family;

/// A newsvendor problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Newsvendor {
    /// Cost per unit left over h, > 0.
    pub holding_cost: f64,
    /// Cost per unit short p, > 0.
    pub stockout_cost: f64,
    /// Demand over the period (over lead time + 1 periods for a base-stock reading).
    pub demand: Distribution,
}

/// An order-up-to level and its expected cost (or profit, for the explicit form).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NewsvendorResult {
    /// Order-up-to (base-stock) level S.
    pub base_stock_level: f64,
    /// Expected cost h·n̄(S) + p·n(S) (profit for [`NewsvendorExplicit`]).
    pub cost: f64,
}

impl Newsvendor {
    /// p/(p + h), validated.
    fn critical_ratio(&self) -> Result<f64> {
        let h = check::positive("holding_cost", self.holding_cost)?;
        let p = check::positive("stockout_cost", self.stockout_cost)?;
        self.demand.validate()?;
        Ok(p / (p + h))
    }

    /// The optimal order-up-to level (the critical fractile) and its expected cost.
    ///
    /// ```
    /// use flowcast_inventory::{Distribution, Newsvendor};
    /// // Snyder & Shen, Example 4.1.
    /// let nv = Newsvendor { holding_cost: 0.18, stockout_cost: 0.7, demand: Distribution::Normal { mean: 50.0, sd: 8.0 } };
    /// let r = nv.optimal()?;
    /// assert!((r.base_stock_level - 56.603_955_927_433_89).abs() < 1e-9);
    /// assert!((r.cost - 1.997_605_193_176_644_5).abs() < 1e-9);
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    ///
    /// # Errors
    /// Non-positive costs or invalid demand parameters.
    pub fn optimal(&self) -> Result<NewsvendorResult> {
        let alpha = self.critical_ratio()?;
        if let Distribution::Normal { mean, sd } = self.demand {
            let z = normal::quantile(alpha);
            return Ok(NewsvendorResult {
                base_stock_level: mean + sd * z,
                cost: (self.holding_cost + self.stockout_cost) * normal::pdf(z) * sd,
            });
        }
        let s = self.demand.quantile(alpha)?;
        self.cost_at(s)
    }

    /// The expected cost of ordering up to `base_stock_level`.
    ///
    /// # Errors
    /// As [`Newsvendor::optimal`], and a level outside the demand's domain (fractional for
    /// discrete demand, for example).
    pub fn cost_at(&self, base_stock_level: f64) -> Result<NewsvendorResult> {
        self.critical_ratio()?;
        let (n, n_bar) = self.demand.loss(base_stock_level).map_err(rename_x)?;
        let cost = self.holding_cost * n_bar + self.stockout_cost * n;
        Ok(NewsvendorResult {
            base_stock_level,
            cost: check::finite_result("cost", cost)?,
        })
    }
}

/// Loss-function errors about `x` are about the base-stock level here.
fn rename_x(e: crate::Error) -> crate::Error {
    match e {
        crate::Error::Invalid(mut v) if v.field == "x" => {
            v.field = "base_stock_level".into();
            v.into()
        }
        other => other,
    }
}

/// The newsvendor in explicit revenue, purchase and salvage terms.
#[derive(Debug, Clone, PartialEq)]
pub struct NewsvendorExplicit {
    /// Selling price r, > purchase cost.
    pub revenue: f64,
    /// Purchase cost c, > salvage value.
    pub purchase_cost: f64,
    /// Salvage value of a leftover unit v.
    pub salvage_value: f64,
    /// Extra cost per leftover unit h, ≥ 0.
    pub holding_cost: f64,
    /// Goodwill cost per unit short p, ≥ 0.
    pub stockout_cost: f64,
    /// Demand over the period.
    pub demand: Distribution,
}

impl NewsvendorExplicit {
    fn critical_ratio(&self) -> Result<f64> {
        let (r, c) = (
            check::finite("revenue", self.revenue)?,
            check::finite("purchase_cost", self.purchase_cost)?,
        );
        let v = check::finite("salvage_value", self.salvage_value)?;
        let h = check::non_negative("holding_cost", self.holding_cost)?;
        let p = check::non_negative("stockout_cost", self.stockout_cost)?;
        if r <= c {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "revenue",
                r,
                "must exceed purchase_cost",
            )
            .into());
        }
        if c <= v {
            let e = ValidationError::new(
                ErrorCode::OutOfRange,
                "purchase_cost",
                c,
                "must exceed salvage_value",
            );
            return Err(e.into());
        }
        self.demand.validate()?;
        Ok((p + r - c) / (p + h + r - v))
    }

    /// The profit-maximising order-up-to level and its expected profit (in `cost`).
    ///
    /// ```
    /// use flowcast_inventory::{Distribution, NewsvendorExplicit};
    /// let nv = NewsvendorExplicit { revenue: 1.0, purchase_cost: 0.3, salvage_value: 0.12,
    ///     holding_cost: 0.0, stockout_cost: 0.0, demand: Distribution::Normal { mean: 50.0, sd: 8.0 } };
    /// let r = nv.optimal()?;
    /// assert!((r.cost - 33.002_394_806_823_354).abs() < 1e-9);
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    ///
    /// # Errors
    /// Negative costs, revenue not above purchase cost, purchase cost not above salvage value,
    /// invalid demand.
    pub fn optimal(&self) -> Result<NewsvendorResult> {
        let alpha = self.critical_ratio()?;
        if let Distribution::Normal { mean, sd } = self.demand {
            let z = normal::quantile(alpha);
            let (r, c, v) = (self.revenue, self.purchase_cost, self.salvage_value);
            let penalty = r - v + self.holding_cost + self.stockout_cost;
            return Ok(NewsvendorResult {
                base_stock_level: mean + sd * z,
                cost: (r - c) * mean - penalty * normal::pdf(z) * sd,
            });
        }
        let s = self.demand.quantile(alpha)?;
        self.profit_at(s)
    }

    /// The expected profit (in `cost`) of ordering up to `base_stock_level`.
    ///
    /// # Errors
    /// As [`NewsvendorExplicit::optimal`], and a level outside the demand's domain.
    pub fn profit_at(&self, base_stock_level: f64) -> Result<NewsvendorResult> {
        self.critical_ratio()?;
        let (_, n_bar) = self.demand.loss(base_stock_level).map_err(rename_x)?;
        let (r, c, v, h, p) = (
            self.revenue,
            self.purchase_cost,
            self.salvage_value,
            self.holding_cost,
            self.stockout_cost,
        );
        let profit =
            (r - c + p) * base_stock_level - p * self.demand.mean() + (v - r - h - p) * n_bar;
        Ok(NewsvendorResult {
            base_stock_level,
            cost: check::finite_result("profit", profit)?,
        })
    }
}

/// The myopic base-stock policy of a multi-period problem with normal demand.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Myopic {
    /// Holding cost per unit h, > 0.
    pub holding_cost: f64,
    /// Stockout cost per unit p, > 0.
    pub stockout_cost: f64,
    /// Purchase cost this period c.
    pub purchase_cost: f64,
    /// Purchase cost next period c′.
    pub purchase_cost_next: f64,
    /// Mean demand per period.
    pub demand_mean: f64,
    /// Standard deviation of demand per period, > 0.
    pub demand_sd: f64,
    /// Discount factor γ in (0, 1].
    pub discount_factor: f64,
}

impl Myopic {
    fn critical_ratio(&self) -> Result<f64> {
        let h = check::positive("holding_cost", self.holding_cost)?;
        let p = check::positive("stockout_cost", self.stockout_cost)?;
        check::finite("purchase_cost", self.purchase_cost)?;
        check::finite("purchase_cost_next", self.purchase_cost_next)?;
        check::finite("demand_mean", self.demand_mean)?;
        check::positive("demand_sd", self.demand_sd)?;
        let gamma = check::positive("discount_factor", self.discount_factor)?;
        if gamma > 1.0 {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "discount_factor",
                gamma,
                "must be at most 1",
            )
            .into());
        }
        let c_plus = self.purchase_cost - gamma * self.purchase_cost_next;
        if c_plus <= -h || c_plus >= p {
            let e = ValidationError::new(
                ErrorCode::OutOfRange,
                "purchase_cost",
                self.purchase_cost,
                "must keep −h < c − γc′ < p for the myopic policy",
            );
            return Err(e.into());
        }
        Ok((p - c_plus) / (p + h))
    }

    /// The myopic order-up-to level and its one-period cost.
    ///
    /// # Errors
    /// Non-positive costs or sd, a discount factor outside (0, 1], or c − γc′ outside (−h, p).
    pub fn optimal(&self) -> Result<NewsvendorResult> {
        let ratio = self.critical_ratio()?;
        self.cost_at(self.demand_mean + self.demand_sd * normal::quantile(ratio))
    }

    /// The one-period cost cS + g(S) − γc′(S − μ) of ordering up to `base_stock_level`.
    ///
    /// # Errors
    /// As [`Myopic::optimal`].
    pub fn cost_at(&self, base_stock_level: f64) -> Result<NewsvendorResult> {
        self.critical_ratio()?;
        let s = check::finite("base_stock_level", base_stock_level)?;
        let nv = Newsvendor {
            holding_cost: self.holding_cost,
            stockout_cost: self.stockout_cost,
            demand: Distribution::Normal {
                mean: self.demand_mean,
                sd: self.demand_sd,
            },
        };
        let g = nv.cost_at(s)?.cost;
        let cost = self.purchase_cost * s + g
            - self.discount_factor * self.purchase_cost_next * (s - self.demand_mean);
        Ok(NewsvendorResult {
            base_stock_level: s,
            cost: check::finite_result("cost", cost)?,
        })
    }
}

/// Which side of the myopic minimiser a level is sought on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// At or below the minimiser (stockpyl's `left_half=True`).
    Below,
    /// At or above it.
    Above,
}

impl Myopic {
    /// The level y on `side` of the minimiser where the one-period cost G(y) equals `cost`
    /// (G is convex; found by Newton steps kept inside a bracket).
    ///
    /// ```
    /// use flowcast_inventory::Myopic;
    /// use flowcast_inventory::newsvendor::Side;
    /// // Snyder & Shen, Example 4.1.
    /// let m = Myopic { holding_cost: 0.18, stockout_cost: 0.70, purchase_cost: 0.3,
    ///     purchase_cost_next: 0.35, demand_mean: 50.0, demand_sd: 8.0, discount_factor: 0.98 };
    /// assert!((m.level_at_cost(18.0, Side::Below)? - 49.394_684_658_734).abs() < 1e-9);
    /// assert!((m.level_at_cost(18.0, Side::Above)? - 71.848_619_899_327).abs() < 1e-9);
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Myopic::optimal`], or a `cost` below the minimum G(S).
    pub fn level_at_cost(&self, cost: f64, side: Side) -> Result<f64> {
        let best = self.optimal()?;
        check::finite("cost", cost)?;
        if cost < best.cost {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "cost",
                cost,
                format!("must be at least the least one-period cost {}", best.cost),
            )
            .into());
        }
        let g = |y: f64| -> Result<f64> { Ok(self.cost_at(y)?.cost - cost) };
        let slope = |y: f64| {
            let f = normal::cdf((y - self.demand_mean) / self.demand_sd);
            self.purchase_cost - self.discount_factor * self.purchase_cost_next
                + self.holding_cost * f
                - self.stockout_cost * (1.0 - f)
        };
        let s = best.base_stock_level;
        if g(s)? >= 0.0 {
            return Ok(s);
        }
        // Bracket the root by doubling steps away from the minimiser.
        let dir = if side == Side::Below { -1.0 } else { 1.0 };
        let mut step = self.demand_sd;
        let mut far = s + dir * step;
        while g(far)? < 0.0 {
            step *= 2.0;
            far = s + dir * step;
        }
        let (mut lo, mut hi) = if dir > 0.0 { (s, far) } else { (far, s) };
        let mut y = far;
        for _ in 0..200 {
            let v = g(y)?;
            if v == 0.0 {
                return Ok(y);
            }
            // Keep the bracket [lo, hi] around the root (G − cost is monotone on this side).
            if (v > 0.0) == (dir > 0.0) {
                hi = y;
            } else {
                lo = y;
            }
            let newton = y - v / slope(y);
            let next = if newton > lo && newton < hi {
                newton
            } else {
                0.5 * (lo + hi)
            };
            let tiny = 4.0 * f64::EPSILON * y.abs().max(1.0);
            if (next - y).abs() <= tiny || hi - lo <= tiny {
                return Ok(next);
            }
            y = next;
        }
        Ok(y)
    }
}

/// Inputs of the batch normal newsvendor: one column per parameter, demand over
/// `lead_time + 1` periods (mean μ(L + 1), sd σ√(L + 1)).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NormalNewsvendors<'a> {
    /// Cost per unit left over h, > 0.
    pub holding_cost: Column<'a>,
    /// Cost per unit short p, > 0.
    pub stockout_cost: Column<'a>,
    /// Mean demand per period.
    pub demand_mean: Column<'a>,
    /// Standard deviation of demand per period, > 0.
    pub demand_sd: Column<'a>,
    /// Lead time in periods, ≥ 0.
    pub lead_time: Column<'a>,
}

impl NormalNewsvendors<'_> {
    fn columns<'c>(&self, base_stock_level: Option<Column<'c>>) -> Vec<(&'static str, Column<'c>)>
    where
        Self: 'c,
    {
        let mut columns = vec![
            ("holding_cost", self.holding_cost),
            ("stockout_cost", self.stockout_cost),
            ("demand_mean", self.demand_mean),
            ("demand_sd", self.demand_sd),
            ("lead_time", self.lead_time),
        ];
        columns.extend(base_stock_level.map(|s| ("base_stock_level", s)));
        columns
    }

    /// Number of rows, checking the inputs' lengths.
    ///
    /// # Errors
    /// A length mismatch or an empty input.
    pub fn rows(&self, base_stock_level: Option<Column<'_>>) -> Result<usize> {
        Ok(Column::rows(&self.columns(base_stock_level))?)
    }

    /// `[base_stock_level, cost]` per row, allocated: see [`NormalNewsvendors::solve_into`].
    ///
    /// # Errors
    /// As [`NormalNewsvendors::solve_into`].
    pub fn solve(&self, base_stock_level: Option<Column<'_>>) -> Result<[Vec<f64>; 2]> {
        let rows = self.rows(base_stock_level)?;
        let (mut levels, mut costs) = (zeroed(rows), zeroed(rows));
        self.solve_into(base_stock_level, &mut levels, &mut costs)?;
        Ok([levels, costs])
    }

    /// The optimal level and cost of every row (or the cost of the given levels), written to
    /// `levels` and `costs`; row i is exactly [`Newsvendor::optimal`] (or
    /// [`Newsvendor::cost_at`]) for row i's values.
    ///
    /// The fast path of the family: validates a chunk branch-free, then computes; a critical
    /// ratio that repeats (one cost pair for all SKUs, or a few classes) costs one quantile.
    ///
    /// ```
    /// use flowcast_core::Column;
    /// use flowcast_inventory::newsvendor::NormalNewsvendors;
    /// let sd = [8.0, 16.0];
    /// let batch = NormalNewsvendors { holding_cost: Column::Scalar(0.18), stockout_cost: Column::Scalar(0.7),
    ///     demand_mean: Column::Scalar(50.0), demand_sd: Column::Values(&sd), lead_time: Column::Scalar(0.0) };
    /// let [levels, costs] = batch.solve(None)?;
    /// assert!((levels[0] - 56.603_955_927_433_89).abs() < 1e-9 && (costs[1] - 2.0 * costs[0]).abs() < 1e-9);
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    ///
    /// # Errors
    /// The first invalid row (indexed for per-row inputs), or a length mismatch.
    pub fn solve_into(
        &self,
        base_stock_level: Option<Column<'_>>,
        levels: &mut [f64],
        costs: &mut [f64],
    ) -> Result<()> {
        let columns = self.columns(base_stock_level);
        let rows = Column::rows(&columns)?;
        flowcast_core::column::check_output("base_stock_level", levels.len(), rows)?;
        flowcast_core::column::check_output("cost", costs.len(), rows)?;
        let row = |i: usize| -> Result<NewsvendorResult> {
            let (mean, sd) = over_lead_time(
                self.demand_mean.get(i),
                self.demand_sd.get(i),
                self.lead_time.get(i),
            )?;
            let nv = Newsvendor {
                holding_cost: self.holding_cost.get(i),
                stockout_cost: self.stockout_cost.get(i),
                demand: Distribution::Normal { mean, sd },
            };
            match base_stock_level {
                None => nv.optimal(),
                Some(s) => nv.cost_at(s.get(i)),
            }
        };
        let mut last_ratio = (f64::NAN, f64::NAN, f64::NAN);
        let mut last_lead = (f64::NAN, f64::NAN);
        let mut bufs = [[0.0; CHUNK]; 6];
        for start in (0..rows).step_by(CHUNK) {
            let len = CHUNK.min(rows - start);
            let [b0, b1, b2, b3, b4, b5] = &mut bufs;
            let h = self.holding_cost.chunk(start, len, b0);
            let p = self.stockout_cost.chunk(start, len, b1);
            let mu = self.demand_mean.chunk(start, len, b2);
            let sd = self.demand_sd.chunk(start, len, b3);
            let lt = self.lead_time.chunk(start, len, b4);
            let s = base_stock_level.as_ref().map(|c| c.chunk(start, len, b5));
            let mut ok = true;
            for j in 0..len {
                ok &= (h[j] > 0.0) & (h[j] < f64::INFINITY) & (p[j] > 0.0) & (p[j] < f64::INFINITY);
                ok &= mu[j].is_finite()
                    & (sd[j] > 0.0)
                    & (sd[j] < f64::INFINITY)
                    & (0.0..f64::INFINITY).contains(&lt[j]);
            }
            if let Some(s) = s {
                ok &= s.iter().fold(true, |ok, v| ok & v.is_finite());
            }
            if !ok {
                if let Some(e) =
                    (start..start + len).find_map(|i| row(i).err().map(|e| e.at_row(i, &columns)))
                {
                    return Err(e);
                }
            }
            let (levels, costs) = (
                &mut levels[start..start + len],
                &mut costs[start..start + len],
            );
            if let (None, Column::Scalar(hh), Column::Scalar(pp)) =
                (s, self.holding_cost, self.stockout_cost)
            {
                // One cost pair for every row: one quantile, then a loop the compiler vectorises.
                let z = normal::quantile(pp / (pp + hh));
                let weight = (hh + pp) * normal::pdf(z);
                for j in 0..len {
                    let sigma = sd[j] * (lt[j] + 1.0).sqrt();
                    levels[j] = mu[j] * (lt[j] + 1.0) + sigma * z;
                    costs[j] = weight * sigma;
                }
                continue;
            }
            for j in 0..len {
                if lt[j] != last_lead.0 {
                    last_lead = (lt[j], (lt[j] + 1.0).sqrt());
                }
                let (mean, sigma) = (mu[j] * (lt[j] + 1.0), sd[j] * last_lead.1);
                match s {
                    None => {
                        let ratio = p[j] / (p[j] + h[j]);
                        if ratio != last_ratio.0 {
                            let z = normal::quantile(ratio);
                            last_ratio = (ratio, z, normal::pdf(z));
                        }
                        levels[j] = mean + sigma * last_ratio.1;
                        costs[j] = (h[j] + p[j]) * last_ratio.2 * sigma;
                    }
                    Some(s) => {
                        let (g, gbar) =
                            crate::loss::standard_normal_loss_pair((s[j] - mean) / sigma);
                        levels[j] = s[j];
                        costs[j] = h[j] * (sigma * gbar) + p[j] * (sigma * g);
                    }
                }
            }
        }
        Ok(())
    }
}

/// Newsvendors of any [`Family`] for every row: `[base_stock_level, cost]`, one column per
/// family parameter; optimal, or the cost of the given levels.
///
/// # Errors
/// The first invalid row, a wrong number of parameter columns, or a length mismatch.
pub fn newsvendor_batch(
    family: Family,
    holding_cost: Column<'_>,
    stockout_cost: Column<'_>,
    parameters: &[Column<'_>],
    base_stock_level: Option<Column<'_>>,
    threads: Threads,
) -> Result<[Vec<f64>; 2]> {
    let mut inputs = family_columns(family, parameters)?;
    inputs.extend([
        ("holding_cost", holding_cost),
        ("stockout_cost", stockout_cost),
    ]);
    inputs.extend(base_stock_level.map(|s| ("base_stock_level", s)));
    let n = family.parameters().len();
    map_rows_par(threads, &inputs, |r| {
        let demand = family.with(r[0], if n > 1 { r[1] } else { f64::NAN })?;
        let nv = Newsvendor {
            holding_cost: r[n],
            stockout_cost: r[n + 1],
            demand,
        };
        let out = if r.len() > n + 2 {
            nv.cost_at(r[n + 2])?
        } else {
            nv.optimal()?
        };
        Ok([out.base_stock_level, out.cost])
    })
}

/// Explicit-form newsvendors of any [`Family`] for every row: `[base_stock_level, profit]`.
/// `costs` are the columns (revenue, purchase_cost, salvage_value, holding_cost, stockout_cost).
///
/// # Errors
/// The first invalid row, a wrong number of parameter columns, or a length mismatch.
pub fn newsvendor_explicit_batch(
    family: Family,
    costs: [Column<'_>; 5],
    parameters: &[Column<'_>],
    base_stock_level: Option<Column<'_>>,
) -> Result<[Vec<f64>; 2]> {
    let mut inputs = family_columns(family, parameters)?;
    let names = [
        "revenue",
        "purchase_cost",
        "salvage_value",
        "holding_cost",
        "stockout_cost",
    ];
    inputs.extend(names.into_iter().zip(costs));
    inputs.extend(base_stock_level.map(|s| ("base_stock_level", s)));
    let n = family.parameters().len();
    map_rows(&inputs, |r| {
        let demand = family.with(r[0], if n > 1 { r[1] } else { f64::NAN })?;
        let c = &r[n..];
        let nv = NewsvendorExplicit {
            revenue: c[0],
            purchase_cost: c[1],
            salvage_value: c[2],
            holding_cost: c[3],
            stockout_cost: c[4],
            demand,
        };
        let out = if c.len() > 5 {
            nv.profit_at(c[5])?
        } else {
            nv.optimal()?
        };
        Ok([out.base_stock_level, out.cost])
    })
}

/// [`Myopic`] for every row: `[base_stock_level, cost]`. `inputs` are the columns (holding_cost,
/// stockout_cost, purchase_cost, purchase_cost_next, demand_mean, demand_sd, discount_factor).
///
/// # Errors
/// The first invalid row, or a length mismatch.
pub fn myopic_batch(
    inputs: [Column<'_>; 7],
    base_stock_level: Option<Column<'_>>,
) -> Result<[Vec<f64>; 2]> {
    let names = [
        "holding_cost",
        "stockout_cost",
        "purchase_cost",
        "purchase_cost_next",
        "demand_mean",
        "demand_sd",
        "discount_factor",
    ];
    let mut named: Vec<(&'static str, Column<'_>)> = names.into_iter().zip(inputs).collect();
    named.extend(base_stock_level.map(|s| ("base_stock_level", s)));
    map_rows(&named, |r| {
        let m = Myopic {
            holding_cost: r[0],
            stockout_cost: r[1],
            purchase_cost: r[2],
            purchase_cost_next: r[3],
            demand_mean: r[4],
            demand_sd: r[5],
            discount_factor: r[6],
        };
        let out = if r.len() > 7 {
            m.cost_at(r[7])?
        } else {
            m.optimal()?
        };
        Ok([out.base_stock_level, out.cost])
    })
}

/// [`Myopic::level_at_cost`] for every row. `inputs` are the columns (cost, holding_cost,
/// stockout_cost, purchase_cost, purchase_cost_next, demand_mean, demand_sd, discount_factor).
///
/// # Errors
/// The first invalid row, or a length mismatch.
pub fn myopic_level_at_cost_batch(side: Side, inputs: [Column<'_>; 8]) -> Result<Vec<f64>> {
    let names = [
        "cost",
        "holding_cost",
        "stockout_cost",
        "purchase_cost",
        "purchase_cost_next",
        "demand_mean",
        "demand_sd",
        "discount_factor",
    ];
    let named: Vec<(&'static str, Column<'_>)> = names.into_iter().zip(inputs).collect();
    let [y] = map_rows(&named, |r| {
        let m = Myopic {
            holding_cost: r[1],
            stockout_cost: r[2],
            purchase_cost: r[3],
            purchase_cost_next: r[4],
            demand_mean: r[5],
            demand_sd: r[6],
            discount_factor: r[7],
        };
        Ok([m.level_at_cost(r[0], side)?])
    })?;
    Ok(y)
}

/// The family's parameter columns, named; a wrong count is an error.
pub(crate) fn family_columns<'c>(
    family: Family,
    parameters: &[Column<'c>],
) -> Result<Vec<(&'static str, Column<'c>)>> {
    let names = family.parameters();
    if parameters.len() != names.len() {
        let e = ValidationError::new(
            ErrorCode::LengthMismatch,
            "parameters",
            format!("{} columns", parameters.len()),
            format!(
                "must be {} for this family ({})",
                names.len(),
                names.join(", ")
            ),
        );
        return Err(e.into());
    }
    Ok(names
        .iter()
        .copied()
        .zip(parameters.iter().copied())
        .collect())
}

/// Mean and sd of demand over `lead_time + 1` periods.
fn over_lead_time(mean: f64, sd: f64, lead_time: f64) -> Result<(f64, f64)> {
    let l = check::non_negative("lead_time", lead_time)?;
    Ok((
        check::finite("demand_mean", mean)? * (l + 1.0),
        check::positive("demand_sd", sd)? * (l + 1.0).sqrt(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn normal_nv(h: f64, p: f64, mean: f64, sd: f64) -> Newsvendor {
        Newsvendor {
            holding_cost: h,
            stockout_cost: p,
            demand: Distribution::Normal { mean, sd },
        }
    }

    proptest! {
        #[test]
        fn the_critical_fractile_minimises_cost(h in 0.01f64..10.0, p in 0.01f64..50.0, mean in 0.0f64..1e3, sd in 0.1f64..100.0, dz in -1.0f64..1.0) {
            let nv = normal_nv(h, p, mean, sd);
            let best = nv.optimal().unwrap();
            // The closed-form cost equals h·n̄ + p·n at S*.
            let at = nv.cost_at(best.base_stock_level).unwrap();
            prop_assert!((at.cost - best.cost).abs() <= 1e-9 * best.cost.max(1e-9));
            prop_assert!(nv.cost_at(best.base_stock_level + dz * sd).unwrap().cost >= best.cost * (1.0 - 1e-12));
        }

        #[test]
        fn discrete_optimum_is_a_local_minimum(h in 0.05f64..5.0, p in 0.05f64..20.0, mean in 0.5f64..60.0) {
            let nv = Newsvendor { holding_cost: h, stockout_cost: p, demand: Distribution::Poisson { mean } };
            let best = nv.optimal().unwrap();
            for step in [-1.0, 1.0] {
                let s = best.base_stock_level + step;
                if s >= 0.0 {
                    prop_assert!(nv.cost_at(s).unwrap().cost >= best.cost - 1e-12);
                }
            }
        }

        #[test]
        fn normal_batch_matches_scalar(h in 0.01f64..10.0, p in 0.01f64..50.0, mean in 0.0f64..1e3, sd in 0.1f64..100.0, lt in 0.0f64..5.0) {
            let one = normal_nv(h, p, mean * (lt + 1.0), sd * (lt + 1.0).sqrt()).optimal().unwrap();
            // Per-row costs (the general loop) and shared costs (the vectorised loop) alike.
            for (hc, pc) in [(Column::Values(&[h, h]), Column::Scalar(p)), (Column::Scalar(h), Column::Scalar(p))] {
                let batch = NormalNewsvendors { holding_cost: hc, stockout_cost: pc, demand_mean: Column::Scalar(mean), demand_sd: Column::Values(&[sd, sd]), lead_time: Column::Scalar(lt) };
                let [s, c] = batch.solve(None).unwrap();
                prop_assert_eq!(s[1].to_bits(), one.base_stock_level.to_bits());
                prop_assert_eq!(c[1].to_bits(), one.cost.to_bits());
            }
        }
    }

    #[test]
    fn bad_inputs_are_named() {
        assert!(
            normal_nv(0.0, 1.0, 5.0, 1.0)
                .optimal()
                .unwrap_err()
                .to_string()
                .starts_with("holding_cost = 0")
        );
        let pois = Newsvendor {
            holding_cost: 1.0,
            stockout_cost: 1.0,
            demand: Distribution::Poisson { mean: 3.0 },
        };
        assert!(
            pois.cost_at(2.5)
                .unwrap_err()
                .to_string()
                .starts_with("base_stock_level = 2.5: must be a whole number")
        );
        let batch = NormalNewsvendors {
            holding_cost: Column::Scalar(1.0),
            stockout_cost: Column::Scalar(1.0),
            demand_mean: Column::Scalar(5.0),
            demand_sd: Column::Values(&[1.0, -1.0]),
            lead_time: Column::Scalar(0.0),
        };
        let e = batch.solve(None).unwrap_err();
        assert!(e.to_string().starts_with("demand_sd[1] = -1"));
        let m = Myopic {
            holding_cost: 1.0,
            stockout_cost: 2.0,
            purchase_cost: 5.0,
            purchase_cost_next: 0.0,
            demand_mean: 1.0,
            demand_sd: 1.0,
            discount_factor: 1.0,
        };
        assert!(m.optimal().is_err());
    }
}

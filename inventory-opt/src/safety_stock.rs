//! Safety stock and reorder points with demand and lead-time variability.
//!
//! Demand per period has mean μ_D and standard deviation σ_D, independent across periods; the
//! lead time has mean μ_L and standard deviation σ_L periods; stock is reviewed every R periods
//! (R = 0 for continuous review). Over the protection interval R + L, demand has mean
//! μ = μ_D(R + μ_L) and standard deviation σ = √((R + μ_L)σ_D² + μ_D²σ_L²) (Silver, Pyke &
//! Peterson, *Inventory Management and Production Planning and Scheduling*, §7.5; Snyder & Shen,
//! *Fundamentals of Supply Chain Theory*, §5.2). The safety stock is kσ for a safety factor k,
//! and the reorder point (the order-up-to level when R > 0) is μ + kσ.
//!
//! The factor k comes from the service target:
//! - cycle service level α (probability of no stockout in a cycle): k = Φ⁻¹(α);
//! - fill rate β (share of demand met from stock) with order quantity Q, from
//!   β = 1 − σG(k)/Q, G the standard normal loss: k = G⁻¹((1 − β)Q/σ). For periodic review use
//!   the expected demand per review period, μ_D·R, as Q;
//! - or k given directly.
//!
//! k is reported exactly, even when negative (a low target can need less than the mean). With no
//! variability (σ = 0) the safety stock is 0 and every cycle is served (cycle service level 1).

use flowcast_core::column::{CHUNK, check_output, zeroed};
use flowcast_core::{Column, check, normal};

use crate::error::Result;
use crate::loss::{standard_normal_loss, standard_normal_loss_inverse};

/// Demand and lead time at one stocking point, as plain numbers or batch columns.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LeadTimeDemand<V = f64> {
    /// Mean demand per period (μ_D), ≥ 0.
    pub demand_mean: V,
    /// Standard deviation of demand per period (σ_D), ≥ 0.
    pub demand_sd: V,
    /// Mean lead time in periods (μ_L), ≥ 0.
    pub lead_time: V,
    /// Standard deviation of the lead time in periods (σ_L), ≥ 0.
    pub lead_time_sd: V,
    /// Periods between reviews (R): 0 for continuous review, ≥ 0.
    pub review_period: V,
}

/// What the buffer must achieve.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ServiceTarget<V = f64> {
    /// Probability that a replenishment cycle has no stockout, in (0, 1).
    CycleServiceLevel(V),
    /// Share of demand met from stock, in (0, 1), given the order quantity (> 0) that sets how
    /// much demand a cycle carries.
    FillRate {
        /// Target fill rate β.
        fill_rate: V,
        /// Order quantity Q (or demand per review period for periodic review).
        order_quantity: V,
    },
    /// The safety factor k itself (any finite number).
    SafetyFactor(V),
}

/// A sized buffer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SafetyStock {
    /// Safety factor k (z): buffer in standard deviations of protection-interval demand.
    pub safety_factor: f64,
    /// Mean demand over the protection interval, μ_D(R + μ_L).
    pub lead_time_demand_mean: f64,
    /// Standard deviation of demand over the protection interval (σ).
    pub lead_time_demand_sd: f64,
    /// kσ.
    pub safety_stock: f64,
    /// μ + kσ: reorder point (continuous review) or order-up-to level (periodic review).
    pub reorder_point: f64,
    /// Probability of no stockout in a cycle, Φ(k) (1 when σ = 0).
    pub cycle_service_level: f64,
}

impl LeadTimeDemand {
    /// Sizes the buffer for `target`.
    ///
    /// ```
    /// use flowcast_inventory::{LeadTimeDemand, ServiceTarget};
    /// // 120 ± 60 units/day, lead time 5 ± 2 days, 95 % cycle service level.
    /// let d = LeadTimeDemand { demand_mean: 120.0, demand_sd: 60.0, lead_time: 5.0, lead_time_sd: 2.0, review_period: 0.0 };
    /// let ss = d.safety_stock(ServiceTarget::CycleServiceLevel(0.95))?;
    /// assert!((ss.lead_time_demand_sd - 274.954_541_697_4).abs() < 1e-9);
    /// assert!((ss.safety_stock - 452.259_975_157_7).abs() < 1e-6);
    /// assert!((ss.reorder_point - 1_052.259_975_157_7).abs() < 1e-6);
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Invalid`] naming the field: a negative or non-finite demand or lead-time
    /// figure, a service level or fill rate outside (0, 1), a non-positive order quantity, a
    /// non-finite safety factor.
    pub fn safety_stock(&self, target: ServiceTarget) -> Result<SafetyStock> {
        check::non_negative("demand_mean", self.demand_mean)?;
        check::non_negative("demand_sd", self.demand_sd)?;
        check::non_negative("lead_time", self.lead_time)?;
        check::non_negative("lead_time_sd", self.lead_time_sd)?;
        check::non_negative("review_period", self.review_period)?;
        match target {
            ServiceTarget::CycleServiceLevel(alpha) => {
                check::open_unit("cycle_service_level", alpha)?;
            }
            ServiceTarget::FillRate {
                fill_rate,
                order_quantity,
            } => {
                check::open_unit("fill_rate", fill_rate)?;
                check::positive("order_quantity", order_quantity)?;
            }
            ServiceTarget::SafetyFactor(k) => {
                check::finite("safety_factor", k)?;
            }
        }
        let (mean, sd) = self.protection_interval();
        assemble(target, mean, sd, factor(target, sd)).finite()
    }

    /// Mean and standard deviation of demand over the protection interval (inputs valid).
    #[inline(always)]
    fn protection_interval(&self) -> (f64, f64) {
        let protection = self.review_period + self.lead_time;
        let (mu, sd, sd_l) = (self.demand_mean, self.demand_sd, self.lead_time_sd);
        (
            mu * protection,
            (protection * sd * sd + mu * mu * sd_l * sd_l).sqrt(),
        )
    }
}

/// The safety factor for a (valid) target, given σ.
#[inline(always)]
fn factor(target: ServiceTarget, sd: f64) -> f64 {
    match target {
        ServiceTarget::CycleServiceLevel(alpha) => normal::quantile(alpha),
        ServiceTarget::FillRate {
            fill_rate,
            order_quantity,
        } if sd > 0.0 => standard_normal_loss_inverse((1.0 - fill_rate) * order_quantity / sd),
        ServiceTarget::FillRate { .. } => 0.0,
        ServiceTarget::SafetyFactor(k) => k,
    }
}

/// The sized buffer from its parts; the one formula the scalar and batch forms share.
#[inline(always)]
fn assemble(target: ServiceTarget, mean: f64, sd: f64, k: f64) -> SafetyStock {
    let safety_stock = if sd > 0.0 { k * sd } else { 0.0 };
    let cycle_service_level = match target {
        _ if sd == 0.0 => 1.0,
        ServiceTarget::CycleServiceLevel(alpha) => alpha,
        _ => normal::cdf(k),
    };
    SafetyStock {
        safety_factor: k,
        lead_time_demand_mean: mean,
        lead_time_demand_sd: sd,
        safety_stock,
        reorder_point: mean + safety_stock,
        cycle_service_level,
    }
}

impl SafetyStock {
    /// Itself, or an overflow error when extreme inputs made a result infinite.
    fn finite(self) -> Result<Self> {
        check::finite_result("lead_time_demand_mean", self.lead_time_demand_mean)?;
        check::finite_result("lead_time_demand_sd", self.lead_time_demand_sd)?;
        check::finite_result("reorder_point", self.reorder_point)?;
        Ok(self)
    }
}

/// Service measures of a buffer of k standard deviations in an (r, Q) cycle with backorders.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CycleService {
    /// Φ(k): probability of no stockout in a cycle.
    pub cycle_service_level: f64,
    /// σG(k): expected units short per cycle.
    pub expected_shortage_per_cycle: f64,
    /// 1 − σG(k)/Q, floored at 0: share of demand met from stock.
    pub fill_rate: f64,
}

/// Cycle service level, expected shortage per cycle and fill rate of safety factor `k`, with
/// protection-interval demand standard deviation `sd` and order quantity `order_quantity`.
///
/// ```
/// use flowcast_inventory::cycle_service;
/// let s = cycle_service(1.0, 100.0, 500.0)?;
/// assert!((s.fill_rate - 0.983_336_905_9).abs() < 1e-9);
/// # Ok::<(), flowcast_inventory::Error>(())
/// ```
///
/// # Errors
/// [`crate::Error::Invalid`] for a non-finite k, a negative σ or a non-positive Q.
pub fn cycle_service(k: f64, sd: f64, order_quantity: f64) -> Result<CycleService> {
    let k = check::finite("safety_factor", k)?;
    let sd = check::non_negative("lead_time_demand_sd", sd)?;
    let q = check::positive("order_quantity", order_quantity)?;
    let shortage = sd * standard_normal_loss(k);
    Ok(CycleService {
        cycle_service_level: normal::cdf(k),
        expected_shortage_per_cycle: shortage,
        fill_rate: (1.0 - shortage / q).max(0.0),
    })
}

/// Where a batch [`cycle_service_into`] call writes: one slot per row in each.
#[derive(Debug)]
pub struct CycleServiceColumns<'a> {
    /// Φ(k) per row.
    pub cycle_service_level: &'a mut [f64],
    /// σG(k) per row.
    pub expected_shortage_per_cycle: &'a mut [f64],
    /// 1 − σG(k)/Q per row, floored at 0.
    pub fill_rate: &'a mut [f64],
}

/// [`cycle_service`] for every row.
///
/// # Errors
/// The first invalid row's error (indexed for per-row inputs), or a length mismatch.
pub fn cycle_service_into(
    safety_factor: Column<'_>,
    lead_time_demand_sd: Column<'_>,
    order_quantity: Column<'_>,
    out: CycleServiceColumns<'_>,
) -> Result<()> {
    let columns = [
        ("safety_factor", safety_factor),
        ("lead_time_demand_sd", lead_time_demand_sd),
        ("order_quantity", order_quantity),
    ];
    let rows = Column::rows(&columns)?;
    check_output("cycle_service_level", out.cycle_service_level.len(), rows)?;
    check_output(
        "expected_shortage_per_cycle",
        out.expected_shortage_per_cycle.len(),
        rows,
    )?;
    check_output("fill_rate", out.fill_rate.len(), rows)?;
    for i in 0..rows {
        let s = cycle_service(
            safety_factor.get(i),
            lead_time_demand_sd.get(i),
            order_quantity.get(i),
        )
        .map_err(|e| e.at_row(i, &columns))?;
        out.cycle_service_level[i] = s.cycle_service_level;
        out.expected_shortage_per_cycle[i] = s.expected_shortage_per_cycle;
        out.fill_rate[i] = s.fill_rate;
    }
    Ok(())
}

/// Where a batch safety-stock call writes: one slot per row in each requested output.
#[derive(Debug, Default)]
pub struct SafetyStockColumns<'a> {
    /// Safety factor per row.
    pub safety_factor: Option<&'a mut [f64]>,
    /// Protection-interval demand mean per row.
    pub lead_time_demand_mean: Option<&'a mut [f64]>,
    /// Protection-interval demand standard deviation per row.
    pub lead_time_demand_sd: Option<&'a mut [f64]>,
    /// Safety stock per row.
    pub safety_stock: Option<&'a mut [f64]>,
    /// Reorder point (order-up-to level) per row.
    pub reorder_point: Option<&'a mut [f64]>,
    /// Cycle service level per row.
    pub cycle_service_level: Option<&'a mut [f64]>,
}

/// Every output of a batch safety-stock call, owned: one value per row in each.
#[derive(Debug, Clone, PartialEq)]
pub struct SafetyStockVecs {
    /// Safety factor per row.
    pub safety_factor: Vec<f64>,
    /// Protection-interval demand mean per row.
    pub lead_time_demand_mean: Vec<f64>,
    /// Protection-interval demand standard deviation per row.
    pub lead_time_demand_sd: Vec<f64>,
    /// Safety stock per row.
    pub safety_stock: Vec<f64>,
    /// Reorder point (order-up-to level) per row.
    pub reorder_point: Vec<f64>,
    /// Cycle service level per row.
    pub cycle_service_level: Vec<f64>,
}

impl LeadTimeDemand<Column<'_>> {
    /// [`LeadTimeDemand::safety_stock_into`] with every output, owned.
    ///
    /// # Errors
    /// As [`LeadTimeDemand::safety_stock_into`].
    pub fn safety_stock_batch(&self, target: ServiceTarget<Column<'_>>) -> Result<SafetyStockVecs> {
        let rows = Column::rows(&self.columns(target))?;
        let mut v = SafetyStockVecs {
            safety_factor: zeroed(rows),
            lead_time_demand_mean: zeroed(rows),
            lead_time_demand_sd: zeroed(rows),
            safety_stock: zeroed(rows),
            reorder_point: zeroed(rows),
            cycle_service_level: zeroed(rows),
        };
        self.safety_stock_into(
            target,
            SafetyStockColumns {
                safety_factor: Some(&mut v.safety_factor),
                lead_time_demand_mean: Some(&mut v.lead_time_demand_mean),
                lead_time_demand_sd: Some(&mut v.lead_time_demand_sd),
                safety_stock: Some(&mut v.safety_stock),
                reorder_point: Some(&mut v.reorder_point),
                cycle_service_level: Some(&mut v.cycle_service_level),
            },
        )?;
        Ok(v)
    }

    /// The named input columns: the five demand ones, then the target's (in that order).
    fn columns<'c>(&self, target: ServiceTarget<Column<'c>>) -> Vec<(&'static str, Column<'c>)>
    where
        Self: 'c,
    {
        let mut columns = vec![
            ("demand_mean", self.demand_mean),
            ("demand_sd", self.demand_sd),
            ("lead_time", self.lead_time),
            ("lead_time_sd", self.lead_time_sd),
            ("review_period", self.review_period),
        ];
        match target {
            ServiceTarget::CycleServiceLevel(a) => columns.push(("cycle_service_level", a)),
            ServiceTarget::FillRate {
                fill_rate,
                order_quantity,
            } => {
                columns.push(("fill_rate", fill_rate));
                columns.push(("order_quantity", order_quantity));
            }
            ServiceTarget::SafetyFactor(k) => columns.push(("safety_factor", k)),
        }
        columns
    }

    /// [`LeadTimeDemand::safety_stock`] for every row, writing only the requested outputs.
    /// Row `i` is exactly the scalar result for row `i`'s values.
    ///
    /// ```
    /// use flowcast_core::Column;
    /// use flowcast_inventory::{LeadTimeDemand, SafetyStockColumns, ServiceTarget};
    /// let mean = [100.0, 40.0];
    /// let sd = [30.0, 10.0];
    /// let d = LeadTimeDemand {
    ///     demand_mean: Column::Values(&mean), demand_sd: Column::Values(&sd),
    ///     lead_time: Column::Scalar(4.0), lead_time_sd: Column::Scalar(0.0),
    ///     review_period: Column::Scalar(0.0),
    /// };
    /// let (mut ss, mut rop) = ([0.0; 2], [0.0; 2]);
    /// d.safety_stock_into(
    ///     ServiceTarget::CycleServiceLevel(Column::Scalar(0.95)),
    ///     SafetyStockColumns { safety_stock: Some(&mut ss), reorder_point: Some(&mut rop), ..Default::default() },
    /// )?;
    /// assert!((ss[0] - 1.644_853_626_951_472 * 60.0).abs() < 1e-9);
    /// assert!((rop[1] - (160.0 + 1.644_853_626_951_472 * 20.0)).abs() < 1e-9);
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    ///
    /// # Errors
    /// The first invalid row's error with its index (for per-row inputs); a length mismatch
    /// between inputs or outputs.
    pub fn safety_stock_into(
        &self,
        target: ServiceTarget<Column<'_>>,
        mut out: SafetyStockColumns<'_>,
    ) -> Result<()> {
        let columns = self.columns(target);
        let rows = Column::rows(&columns)?;
        for (name, slot) in [
            ("safety_factor", &out.safety_factor),
            ("lead_time_demand_mean", &out.lead_time_demand_mean),
            ("lead_time_demand_sd", &out.lead_time_demand_sd),
            ("safety_stock", &out.safety_stock),
            ("reorder_point", &out.reorder_point),
            ("cycle_service_level", &out.cycle_service_level),
        ] {
            if let Some(s) = slot {
                check_output(name, s.len(), rows)?;
            }
        }
        let row_target = |i: usize| match target {
            ServiceTarget::CycleServiceLevel(a) => ServiceTarget::CycleServiceLevel(a.get(i)),
            ServiceTarget::FillRate {
                fill_rate,
                order_quantity,
            } => ServiceTarget::FillRate {
                fill_rate: fill_rate.get(i),
                order_quantity: order_quantity.get(i),
            },
            ServiceTarget::SafetyFactor(k) => ServiceTarget::SafetyFactor(k.get(i)),
        };
        let row_demand = |i: usize| LeadTimeDemand {
            demand_mean: self.demand_mean.get(i),
            demand_sd: self.demand_sd.get(i),
            lead_time: self.lead_time.get(i),
            lead_time_sd: self.lead_time_sd.get(i),
            review_period: self.review_period.get(i),
        };
        // Service levels repeat (a few classes, or one scalar): reuse the last quantile.
        let mut last_quantile = (f64::NAN, f64::NAN);
        let mut overflowed: Option<usize> = None;
        let mut bufs = [[0.0; CHUNK]; 7];
        for start in (0..rows).step_by(CHUNK) {
            let len = CHUNK.min(rows - start);
            let [b0, b1, b2, b3, b4, b5, b6] = &mut bufs;
            let mu = self.demand_mean.chunk(start, len, b0);
            let sd = self.demand_sd.chunk(start, len, b1);
            let lt = self.lead_time.chunk(start, len, b2);
            let lt_sd = self.lead_time_sd.chunk(start, len, b3);
            let review = self.review_period.chunk(start, len, b4);
            let t1 = columns[5].1.chunk(start, len, b5);
            let t2 = columns.get(6).map(|c| c.1.chunk(start, len, b6));
            let mut ok = [mu, sd, lt, lt_sd, review].iter().all(|c| {
                c.iter()
                    .fold(true, |ok, &x| ok & (0.0..f64::INFINITY).contains(&x))
            });
            ok &= match target {
                ServiceTarget::SafetyFactor(_) => t1.iter().fold(true, |ok, &k| ok & k.is_finite()),
                _ => t1.iter().fold(true, |ok, &p| ok & (p > 0.0) & (p < 1.0)),
            };
            if let Some(q) = t2 {
                ok &= q
                    .iter()
                    .fold(true, |ok, &q| ok & (q > 0.0) & (q < f64::INFINITY));
            }
            if !ok {
                let bad = (start..start + len).find_map(|i| {
                    let err = row_demand(i).safety_stock(row_target(i)).err()?;
                    Some(err.at_row(i, &columns))
                });
                if let Some(e) = bad {
                    return Err(e);
                }
            }
            for j in 0..len {
                let i = start + j;
                let row = LeadTimeDemand {
                    demand_mean: mu[j],
                    demand_sd: sd[j],
                    lead_time: lt[j],
                    lead_time_sd: lt_sd[j],
                    review_period: review[j],
                };
                let t = match target {
                    ServiceTarget::CycleServiceLevel(_) => ServiceTarget::CycleServiceLevel(t1[j]),
                    ServiceTarget::FillRate { .. } => ServiceTarget::FillRate {
                        fill_rate: t1[j],
                        order_quantity: t2.map_or(f64::NAN, |q| q[j]),
                    },
                    ServiceTarget::SafetyFactor(_) => ServiceTarget::SafetyFactor(t1[j]),
                };
                let (mean, sigma) = row.protection_interval();
                let k = match t {
                    ServiceTarget::CycleServiceLevel(alpha) if alpha == last_quantile.0 => {
                        last_quantile.1
                    }
                    ServiceTarget::CycleServiceLevel(alpha) => {
                        last_quantile = (alpha, normal::quantile(alpha));
                        last_quantile.1
                    }
                    _ => factor(t, sigma),
                };
                let r = assemble(t, mean, sigma, k);
                // Overflow is rare: note it without branching, find the row afterwards.
                if overflowed.is_none()
                    & !(r.lead_time_demand_mean.is_finite() & r.reorder_point.is_finite())
                {
                    overflowed = Some(i);
                }
                write(&mut out.safety_factor, i, r.safety_factor);
                write(&mut out.lead_time_demand_mean, i, r.lead_time_demand_mean);
                write(&mut out.lead_time_demand_sd, i, r.lead_time_demand_sd);
                write(&mut out.safety_stock, i, r.safety_stock);
                write(&mut out.reorder_point, i, r.reorder_point);
                write(&mut out.cycle_service_level, i, r.cycle_service_level);
            }
        }
        match overflowed {
            Some(i) => {
                let e = row_demand(i).safety_stock(row_target(i)).err();
                Err(e.map_or_else(|| overflow_at(i), |e| e.in_row(i, &columns)))
            }
            None => Ok(()),
        }
    }
}

/// The overflow error for a row the scalar form somehow accepted (not expected to happen).
fn overflow_at(row: usize) -> crate::Error {
    check::finite_result("reorder_point", f64::INFINITY)
        .unwrap_err()
        .at(row)
        .into()
}

#[inline(always)]
fn write(slot: &mut Option<&mut [f64]>, i: usize, value: f64) {
    if let Some(s) = slot {
        s[i] = value;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn demand(mu: f64, sd: f64, l: f64, sdl: f64) -> LeadTimeDemand {
        LeadTimeDemand {
            demand_mean: mu,
            demand_sd: sd,
            lead_time: l,
            lead_time_sd: sdl,
            review_period: 0.0,
        }
    }

    #[test]
    fn bad_targets_are_named() {
        let d = demand(10.0, 2.0, 3.0, 0.0);
        for (target, expected) in [
            (
                ServiceTarget::CycleServiceLevel(1.0),
                "cycle_service_level = 1: must be strictly between 0 and 1 [out_of_range]",
            ),
            (
                ServiceTarget::FillRate {
                    fill_rate: 0.9,
                    order_quantity: 0.0,
                },
                "order_quantity = 0: must be greater than 0 [not_positive]",
            ),
            (
                ServiceTarget::SafetyFactor(f64::INFINITY),
                "safety_factor = inf: must be a finite number [not_finite]",
            ),
        ] {
            assert_eq!(d.safety_stock(target).unwrap_err().to_string(), expected);
        }
        let e = demand(10.0, -1.0, 3.0, 0.0)
            .safety_stock(ServiceTarget::SafetyFactor(1.0))
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "demand_sd = -1: must be at least 0 [negative]"
        );
    }

    #[test]
    fn no_variability_needs_no_buffer() {
        let d = demand(10.0, 0.0, 3.0, 0.0);
        for t in [
            ServiceTarget::CycleServiceLevel(0.99),
            ServiceTarget::FillRate {
                fill_rate: 0.99,
                order_quantity: 50.0,
            },
        ] {
            let s = d.safety_stock(t).unwrap();
            assert_eq!(
                (s.safety_stock, s.reorder_point, s.cycle_service_level),
                (0.0, 30.0, 1.0)
            );
        }
    }

    #[test]
    fn overflowing_results_are_errors_not_infinities() {
        let d = demand(1e200, 1e200, 1e200, 0.0);
        let e = d
            .safety_stock(ServiceTarget::CycleServiceLevel(0.9))
            .unwrap_err();
        assert!(e.to_string().contains("overflows"), "{e}");
        let mean = [1.0, 1e200];
        let batch = LeadTimeDemand {
            demand_mean: Column::Values(&mean),
            demand_sd: Column::Scalar(1.0),
            lead_time: Column::Scalar(1e200),
            lead_time_sd: Column::Scalar(0.0),
            review_period: Column::Scalar(0.0),
        };
        let e = batch
            .safety_stock_batch(ServiceTarget::SafetyFactor(Column::Scalar(1.0)))
            .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("lead_time_demand_mean[1] = inf: overflows"),
            "{e}"
        );
    }

    #[test]
    fn fill_rate_target_is_met_exactly() {
        let d = demand(100.0, 30.0, 4.0, 1.0);
        let s = d
            .safety_stock(ServiceTarget::FillRate {
                fill_rate: 0.98,
                order_quantity: 400.0,
            })
            .unwrap();
        let c = cycle_service(s.safety_factor, s.lead_time_demand_sd, 400.0).unwrap();
        assert!((c.fill_rate - 0.98).abs() < 1e-12);
        assert!((c.cycle_service_level - s.cycle_service_level).abs() < 1e-15);
    }

    #[test]
    fn batch_reports_the_bad_row_and_checks_outputs() {
        let sd = [1.0, f64::NAN];
        let d = LeadTimeDemand {
            demand_mean: Column::Scalar(5.0),
            demand_sd: Column::Values(&sd),
            lead_time: Column::Scalar(2.0),
            lead_time_sd: Column::Scalar(0.0),
            review_period: Column::Scalar(0.0),
        };
        let mut ss = [0.0; 2];
        let out = SafetyStockColumns {
            safety_stock: Some(&mut ss),
            ..Default::default()
        };
        let e = d
            .safety_stock_into(ServiceTarget::CycleServiceLevel(Column::Scalar(0.9)), out)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "demand_sd[1] = NaN: must be a finite number [not_finite]"
        );
        let mut short = [0.0; 1];
        let out = SafetyStockColumns {
            reorder_point: Some(&mut short),
            ..Default::default()
        };
        let e = d
            .safety_stock_into(ServiceTarget::SafetyFactor(Column::Scalar(1.0)), out)
            .unwrap_err();
        assert!(e.to_string().starts_with("reorder_point = 1 slots"));
    }

    proptest! {
        #[test]
        fn invariants(
            mu in 0.0f64..1e4, sd in 0.0f64..1e3, l in 0.0f64..30.0, sdl in 0.0f64..10.0,
            r in 0.0f64..7.0, alpha in 0.5f64..0.9999, beta in 0.5f64..0.9999, q in 1.0f64..1e4
        ) {
            let d = LeadTimeDemand { demand_mean: mu, demand_sd: sd, lead_time: l, lead_time_sd: sdl, review_period: r };
            let a = d.safety_stock(ServiceTarget::CycleServiceLevel(alpha)).unwrap();
            // Reorder point = mean + buffer; the buffer is non-negative for targets of 50 % or more.
            prop_assert!((a.reorder_point - a.lead_time_demand_mean - a.safety_stock).abs() <= 1e-9 * a.reorder_point.abs().max(1.0));
            prop_assert!(a.safety_stock >= 0.0);
            // A higher service level never needs a smaller buffer.
            let b = d.safety_stock(ServiceTarget::CycleServiceLevel((alpha + 1.0) / 2.0)).unwrap();
            prop_assert!(b.safety_stock >= a.safety_stock);
            // A fill-rate target is met: 1 − σG(k)/Q = β.
            let f = d.safety_stock(ServiceTarget::FillRate { fill_rate: beta, order_quantity: q }).unwrap();
            if f.lead_time_demand_sd > 0.0 {
                let c = cycle_service(f.safety_factor, f.lead_time_demand_sd, q).unwrap();
                prop_assert!((c.fill_rate - beta).abs() < 1e-9, "{} vs {beta}", c.fill_rate);
            }
        }
    }
}

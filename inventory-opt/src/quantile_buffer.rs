//! Safety stock from forecast quantiles of demand over the protection interval (lead time plus
//! review period), for when a forecast gives quantiles rather than a mean and a standard
//! deviation.
//!
//! Quantiles are read in normal-score space: between two given levels the value is linear in
//! z = Φ⁻¹(α), and beyond the outermost levels it continues with the outermost pair's slope.
//! This is exact for normal demand and keeps the shape (say, the skew) a forecast gives within
//! its levels. For a cycle-service-level target α the reorder point is the value at α. The
//! mean is the forecast's point forecast if given, otherwise the mean of the normal fitted to
//! the quantiles (least squares in z); the safety stock is the reorder point minus the mean.
//! A fill-rate target needs the expected shortage, so it uses the fitted normal:
//! k = G⁻¹((1 − β)Q/σ). A safety-factor target gives μ + kσ, also from the fitted normal.

use flowcast_core::column::zeroed;
use flowcast_core::{Column, ErrorCode, ValidationError, check, normal};

use crate::error::Result;
use crate::loss::standard_normal_loss_inverse;
use crate::safety_stock::{SafetyStock, SafetyStockVecs, ServiceTarget};

/// Quantiles of demand over the protection interval at increasing `levels`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuantileDemand<'a> {
    /// Levels α_i, strictly increasing in (0, 1); at least two.
    pub levels: &'a [f64],
    /// Demand values at those levels, finite and non-decreasing.
    pub values: &'a [f64],
}

/// The levels' normal scores and the sums the least-squares fit needs (computed once a batch).
struct Levels {
    z: Vec<f64>,
    mean_z: f64,
    spread_z: f64,
}

impl Levels {
    fn new(levels: &[f64]) -> Result<Self> {
        let n = levels.len();
        if n < 2 {
            return Err(ValidationError::new(
                ErrorCode::Empty,
                "levels",
                n,
                "must hold at least two levels",
            )
            .into());
        }
        for (i, &a) in levels.iter().enumerate() {
            check::open_unit("levels", a).map_err(|e| e.at(i))?;
            if i > 0 && a <= levels[i - 1] {
                return Err(ValidationError::new(
                    ErrorCode::OutOfRange,
                    format!("levels[{i}]"),
                    a,
                    "must be above the level before it",
                )
                .into());
            }
        }
        let z: Vec<f64> = levels.iter().map(|&a| normal::quantile(a)).collect();
        let mean_z = z.iter().sum::<f64>() / n as f64;
        let spread_z = z.iter().map(|zi| (zi - mean_z) * (zi - mean_z)).sum();
        Ok(Self {
            z,
            mean_z,
            spread_z,
        })
    }

    fn check_values(&self, values: &[f64]) -> Result<()> {
        check::same_len("values", values.len(), "levels", self.z.len())?;
        for (i, &v) in values.iter().enumerate() {
            check::finite("values", v).map_err(|e| e.at(i))?;
            if i > 0 && v < values[i - 1] {
                return Err(ValidationError::new(
                    ErrorCode::OutOfRange,
                    format!("values[{i}]"),
                    v,
                    "must be at least the value before it",
                )
                .into());
            }
        }
        Ok(())
    }

    /// Value at normal score `z`: linear between the levels, the outermost slope beyond.
    fn at_score(&self, values: &[f64], z: f64) -> f64 {
        let upper = self
            .z
            .partition_point(|&zi| zi < z)
            .clamp(1, self.z.len() - 1);
        let (z0, z1) = (self.z[upper - 1], self.z[upper]);
        let (v0, v1) = (values[upper - 1], values[upper]);
        v0 + (v1 - v0) * (z - z0) / (z1 - z0)
    }

    /// Least-squares N(μ, σ²) with value ≈ μ + σz.
    fn fit(&self, values: &[f64]) -> (f64, f64) {
        let mean_v = values.iter().sum::<f64>() / values.len() as f64;
        let szv: f64 = self
            .z
            .iter()
            .zip(values)
            .map(|(zi, vi)| (zi - self.mean_z) * (vi - mean_v))
            .sum();
        let sd = szv / self.spread_z;
        (mean_v - sd * self.mean_z, sd)
    }

    fn safety_stock(
        &self,
        values: &[f64],
        target: ServiceTarget,
        mean: Option<f64>,
    ) -> Result<SafetyStock> {
        self.check_values(values)?;
        let (fit_mean, sd) = self.fit(values);
        let mean = match mean {
            Some(m) => check::finite("mean", m)?,
            None => fit_mean,
        };
        let (reorder_point, k, csl) = match target {
            ServiceTarget::CycleServiceLevel(alpha) => {
                let rp = self.at_score(
                    values,
                    normal::quantile(check::open_unit("cycle_service_level", alpha)?),
                );
                let k = if sd > 0.0 { (rp - mean) / sd } else { 0.0 };
                (rp, k, alpha)
            }
            ServiceTarget::FillRate {
                fill_rate,
                order_quantity,
            } => {
                check::open_unit("fill_rate", fill_rate)?;
                check::positive("order_quantity", order_quantity)?;
                if sd <= 0.0 {
                    return Err(ValidationError::new(
                        ErrorCode::OutOfRange,
                        "values",
                        "all equal",
                        "must spread for a fill-rate target",
                    )
                    .into());
                }
                let k = standard_normal_loss_inverse((1.0 - fill_rate) * order_quantity / sd);
                (mean + k * sd, k, normal::cdf(k))
            }
            ServiceTarget::SafetyFactor(k) => {
                check::finite("safety_factor", k)?;
                (mean + k * sd.max(0.0), k, normal::cdf(k))
            }
        };
        Ok(SafetyStock {
            safety_factor: k,
            lead_time_demand_mean: mean,
            lead_time_demand_sd: sd,
            safety_stock: reorder_point - mean,
            reorder_point: check::finite_result("reorder_point", reorder_point)?,
            cycle_service_level: csl,
        })
    }
}

impl QuantileDemand<'_> {
    fn scored(&self) -> Result<Levels> {
        check::same_len("values", self.values.len(), "levels", self.levels.len())?;
        let levels = Levels::new(self.levels)?;
        levels.check_values(self.values)?;
        Ok(levels)
    }

    /// The demand value at level `alpha` in (0, 1).
    ///
    /// ```
    /// use flowcast_inventory::quantile_buffer::QuantileDemand;
    /// // Quantiles of N(100, 20²) at 50 % and 90 %.
    /// let q = QuantileDemand { levels: &[0.5, 0.9], values: &[100.0, 125.631_031_310_9] };
    /// assert!((q.quantile(0.95)? - 132.897_072_539).abs() < 1e-6);
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    ///
    /// # Errors
    /// Levels not strictly increasing in (0, 1), values decreasing or not finite, fewer than two
    /// levels, or `alpha` outside (0, 1).
    pub fn quantile(&self, alpha: f64) -> Result<f64> {
        let levels = self.scored()?;
        let z = normal::quantile(check::open_unit("cycle_service_level", alpha)?);
        Ok(levels.at_score(self.values, z))
    }

    /// The normal N(μ, σ²) whose quantiles fit the given ones best (least squares in z).
    ///
    /// # Errors
    /// As [`quantile`](Self::quantile).
    pub fn fitted_normal(&self) -> Result<(f64, f64)> {
        Ok(self.scored()?.fit(self.values))
    }

    /// The buffer for `target`; `mean` is the point forecast of demand over the interval, if
    /// any (else the fitted normal's mean).
    ///
    /// ```
    /// use flowcast_inventory::ServiceTarget;
    /// use flowcast_inventory::quantile_buffer::QuantileDemand;
    /// let q = QuantileDemand { levels: &[0.1, 0.5, 0.9, 0.99], values: &[80.0, 100.0, 130.0, 175.0] };
    /// let b = q.safety_stock(ServiceTarget::CycleServiceLevel(0.9), None)?;
    /// assert_eq!(b.reorder_point, 130.0);
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`quantile`](Self::quantile), a target out of range, a non-finite `mean`, or (for a
    /// fill-rate target) values with no spread.
    pub fn safety_stock(&self, target: ServiceTarget, mean: Option<f64>) -> Result<SafetyStock> {
        self.scored()?.safety_stock(self.values, target, mean)
    }
}

/// [`QuantileDemand::safety_stock`] for every SKU: row i of `values` (`levels.len()` values per
/// row) at the shared `levels`, with its own target and optional mean.
///
/// # Errors
/// The first invalid row (named `values[i, j]` or by its target), or mismatched lengths.
pub fn safety_stock_from_quantiles(
    levels: &[f64],
    values: &[f64],
    target: ServiceTarget<Column<'_>>,
    mean: Option<Column<'_>>,
) -> Result<SafetyStockVecs> {
    let m = levels.len().max(1);
    if values.len() % m != 0 || values.is_empty() {
        return Err(ValidationError::new(
            ErrorCode::LengthMismatch,
            "values",
            values.len(),
            format!("must hold whole rows of {m} quantiles"),
        )
        .into());
    }
    let rows = values.len() / m;
    let mut named: Vec<(&'static str, Column<'_>)> = match target {
        ServiceTarget::CycleServiceLevel(a) => vec![("cycle_service_level", a)],
        ServiceTarget::FillRate {
            fill_rate,
            order_quantity,
        } => vec![("fill_rate", fill_rate), ("order_quantity", order_quantity)],
        ServiceTarget::SafetyFactor(k) => vec![("safety_factor", k)],
    };
    named.extend(mean.map(|c| ("mean", c)));
    let per_row = Column::rows(&named)?;
    if per_row != 1 && per_row != rows {
        return Err(ValidationError::new(
            ErrorCode::LengthMismatch,
            named[0].0,
            per_row,
            format!("must have one value per SKU ({rows})"),
        )
        .into());
    }
    let mut out = SafetyStockVecs {
        safety_factor: zeroed(rows),
        lead_time_demand_mean: zeroed(rows),
        lead_time_demand_sd: zeroed(rows),
        safety_stock: zeroed(rows),
        reorder_point: zeroed(rows),
        cycle_service_level: zeroed(rows),
    };
    let scored = Levels::new(levels)?;
    for i in 0..rows {
        let row = &values[i * m..(i + 1) * m];
        let t = match target {
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
        let b = scored
            .safety_stock(row, t, mean.map(|c| c.get(i)))
            .map_err(|e| match e {
                crate::Error::Invalid(v) => {
                    let field = v.field.to_string();
                    let located = match field.split_once('[') {
                        Some(("values", rest)) => ValidationError {
                            field: format!("values[{i}, {rest}").into(),
                            ..v
                        },
                        _ if rows > 1 && !field.contains('[') && field != "levels" => v.at(i),
                        _ => v,
                    };
                    crate::Error::Invalid(located)
                }
            })?;
        out.safety_factor[i] = b.safety_factor;
        out.lead_time_demand_mean[i] = b.lead_time_demand_mean;
        out.lead_time_demand_sd[i] = b.lead_time_demand_sd;
        out.safety_stock[i] = b.safety_stock;
        out.reorder_point[i] = b.reorder_point;
        out.cycle_service_level[i] = b.cycle_service_level;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::safety_stock::LeadTimeDemand;

    proptest! {
        /// Quantiles of a normal give back its own buffer, for any target.
        #[test]
        fn normal_quantiles_reproduce_the_normal_buffer(mean in 10.0f64..1000.0, cv in 0.05f64..1.0, alpha in 0.55f64..0.995) {
            let sd = mean * cv;
            let levels = [0.05, 0.25, 0.5, 0.75, 0.95];
            let values: Vec<f64> = levels.iter().map(|&a| mean + sd * normal::quantile(a)).collect();
            let q = QuantileDemand { levels: &levels, values: &values };
            let direct = LeadTimeDemand { demand_mean: mean, demand_sd: sd, lead_time: 1.0, lead_time_sd: 0.0, review_period: 0.0 };
            for target in [ServiceTarget::CycleServiceLevel(alpha), ServiceTarget::FillRate { fill_rate: alpha, order_quantity: mean }] {
                let a = q.safety_stock(target, None).unwrap();
                let b = direct.safety_stock(target).unwrap();
                prop_assert!((a.reorder_point - b.reorder_point).abs() < 1e-9 * mean);
                prop_assert!((a.safety_stock - b.safety_stock).abs() < 1e-9 * mean);
            }
        }
    }

    #[test]
    fn skew_within_the_levels_is_kept() {
        let q = QuantileDemand {
            levels: &[0.1, 0.5, 0.9, 0.99],
            values: &[80.0, 100.0, 130.0, 175.0],
        };
        assert_eq!(q.quantile(0.5).unwrap(), 100.0);
        assert_eq!(q.quantile(0.99).unwrap(), 175.0);
        let mid = q.quantile(0.95).unwrap();
        assert!(mid > 130.0 && mid < 175.0);
        let b = q
            .safety_stock(ServiceTarget::CycleServiceLevel(0.9), Some(104.0))
            .unwrap();
        assert_eq!(b.safety_stock, 26.0);
    }

    #[test]
    fn batch_rows_equal_single_calls_and_errors_are_located() {
        let levels = [0.5, 0.9];
        let values = [100.0, 120.0, 50.0, 55.0];
        let csl = [0.95, 0.8];
        let all = safety_stock_from_quantiles(
            &levels,
            &values,
            ServiceTarget::CycleServiceLevel(Column::Values(&csl)),
            None,
        )
        .unwrap();
        let one = QuantileDemand {
            levels: &levels,
            values: &values[2..],
        }
        .safety_stock(ServiceTarget::CycleServiceLevel(0.8), None)
        .unwrap();
        assert_eq!(all.reorder_point[1], one.reorder_point);
        let bad = [100.0, 120.0, 50.0, 40.0];
        let e = safety_stock_from_quantiles(
            &levels,
            &bad,
            ServiceTarget::CycleServiceLevel(Column::Scalar(0.9)),
            None,
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("values[1, 1] = 40"), "{e}");
        let e = QuantileDemand {
            levels: &[0.5, 0.5],
            values: &[1.0, 2.0],
        }
        .quantile(0.9)
        .unwrap_err();
        assert!(e.to_string().starts_with("levels[1]"));
    }
}

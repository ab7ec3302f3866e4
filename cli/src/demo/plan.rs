//! The main job's computations: replenishment policy per pharmacy and SKU, and the state of
//! every lot. Pure functions of the loaded [`Network`].

use flowcast_core::Rng;
use flowcast_expiry::mkt::{MktParams, summarize};
use flowcast_inventory::quantile_buffer::QuantileDemand;
use flowcast_inventory::{EoqInput, LeadTimeDemand, SafetyStock, ServiceTarget};
use serde::Serialize;

use super::cold_chain::{DonationPlan, LogCheck, check_log, donation_plan, projected_unsold};
use super::data::{Lot, Network, Sku};
use super::routes::{RoutePlan, replenishment_routes};
use crate::dates::format_date;
use crate::error::CliError;

/// Days of sales history the demand statistics use (the most recent ones).
pub(crate) const DEMAND_WINDOW_DAYS: usize = 28;

/// Levels at which lead-time demand is read.
pub(crate) const QUANTILE_LEVELS: [f64; 7] = [0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995];

/// Days of demand the report forecasts.
pub(crate) const FORECAST_DAYS: usize = 14;

/// A demand forecast with 80 % and 95 % intervals per day.
#[derive(Debug, Serialize)]
pub(crate) struct DemandForecast {
    /// The model that made it (AutoETS with a weekly season; CrostonSBA for intermittent
    /// sellers; Naive when neither fits).
    pub model: String,
    pub mean: Vec<f64>,
    pub lo_80: Vec<f64>,
    pub hi_80: Vec<f64>,
    pub lo_95: Vec<f64>,
    pub hi_95: Vec<f64>,
    /// Σ mean over the horizon.
    pub total: f64,
}

/// Forecasts a daily sales history: AutoETS with a weekly season, or CrostonSBA with
/// conformal intervals when more than half the days sell nothing; Naive if neither fits.
fn demand_forecast(history: &[f64]) -> Result<DemandForecast, flowcast_forecast::Error> {
    use flowcast_forecast::batch::{BatchOptions, forecast_batch};
    use flowcast_forecast::model::Model;
    let zeros = history.iter().filter(|&&v| v == 0.0).count();
    let name = if 2 * zeros > history.len() {
        "croston_sba"
    } else {
        "auto_ets"
    };
    let model = Model::from_name(name, 7)?;
    let options = BatchOptions {
        h: FORECAST_DAYS,
        levels: vec![0.8, 0.95],
        conformal_windows: 4,
        threads: flowcast_core::Threads::from_count(1),
        ..Default::default()
    };
    let out = forecast_batch(&[history], &[model], &options)?
        .remove(0)
        .remove(0);
    let f = out.forecast;
    let floor = |v: &[f64]| v.iter().map(|x| x.max(0.0)).collect::<Vec<_>>();
    Ok(DemandForecast {
        model: if out.fell_back.is_some() {
            "Naive".into()
        } else {
            model.name().into()
        },
        total: f.mean.iter().sum(),
        lo_80: floor(&f.intervals[0].lo),
        hi_80: f.intervals[0].hi.clone(),
        lo_95: floor(&f.intervals[1].lo),
        hi_95: f.intervals[1].hi.clone(),
        mean: f.mean,
    })
}

/// Bootstrap draws of lead-time demand per pharmacy and SKU.
const DRAWS: usize = 4000;

/// The whole report, serialised as `report.json`.
#[derive(Debug, Serialize)]
pub(crate) struct Report {
    pub as_of: String,
    pub data_dir: String,
    pub counts: Counts,
    pub sites: Vec<SiteOut>,
    pub demand_window_days: usize,
    /// Levels of every policy's `lead_time_demand_quantiles`.
    pub quantile_levels: Vec<f64>,
    pub policies: Vec<Policy>,
    pub lots: Vec<LotState>,
    /// Where units projected to expire unsold should go.
    pub donation_plan: DonationPlan,
    /// Delivery routes from the depot to the pharmacies that must reorder (absent without
    /// `vehicles.csv`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub routes: Option<RoutePlan>,
    pub totals: Totals,
}

#[derive(Debug, Serialize)]
pub(crate) struct Counts {
    pub sites: usize,
    pub pharmacies: usize,
    pub skus: usize,
    pub sales_rows: usize,
    pub history_days: i64,
    pub lots: usize,
    pub temperature_readings: usize,
}

/// A depot or pharmacy with its coordinates.
#[derive(Debug, Serialize)]
pub(crate) struct SiteOut {
    pub site_id: String,
    pub name: String,
    pub kind: String,
    pub lat: f64,
    pub lon: f64,
}

/// Replenishment policy of one SKU at one pharmacy.
#[derive(Debug, Serialize)]
pub(crate) struct Policy {
    pub site_id: String,
    pub site_name: String,
    pub sku: String,
    pub sku_name: String,
    /// Mean and sample standard deviation of daily sales over the window.
    pub demand_mean_per_day: f64,
    pub demand_sd_per_day: f64,
    /// Quantiles of demand over the lead time at `Report::quantile_levels`, from which the
    /// reorder point is read.
    pub lead_time_demand_quantiles: Vec<f64>,
    pub order_quantity: f64,
    /// Ordering plus holding cost per year at the order quantity.
    pub annual_cost: f64,
    pub target_kind: String,
    pub target: f64,
    /// The exact factor for the target (negative when the order size alone meets it).
    pub safety_factor: f64,
    /// k·σ floored at zero.
    pub safety_stock: f64,
    pub reorder_point: f64,
    pub cycle_service_level: f64,
    pub on_hand: f64,
    /// Units to order now under an (r, nQ) policy: 0 when on hand is above the reorder point.
    pub order_now: f64,
    /// Daily sales over the window, oldest first (for the report's sparklines).
    pub recent_sales: Vec<f64>,
    /// Demand forecast for the next [`FORECAST_DAYS`] days from the whole history.
    pub forecast: DemandForecast,
}

/// One lot's temperature and expiry state.
#[derive(Debug, Serialize)]
pub(crate) struct LotState {
    pub lot: String,
    pub sku: String,
    pub sku_name: String,
    pub site_id: String,
    pub qty: f64,
    pub expiry_date: String,
    pub days_to_expiry: i64,
    pub storage: String,
    pub band_low_c: f64,
    pub band_high_c: f64,
    pub readings: usize,
    pub hours_logged: f64,
    pub mkt_c: Option<f64>,
    pub mean_c: Option<f64>,
    pub min_c: Option<f64>,
    pub max_c: Option<f64>,
    /// MKT at or below the top of the label band.
    pub mkt_within_label: Option<bool>,
    /// Days until the lot is sold out at its pharmacy's mean daily demand, selling lots of the
    /// same SKU first-expiry-first-out (`None` without demand).
    pub days_of_cover: Option<f64>,
    /// Units projected to be left when the lot expires (FEFO at the pharmacy's demand).
    pub projected_unsold: f64,
    /// The lot will not sell out before it expires at the current demand.
    pub at_risk_of_expiry: bool,
    /// Excursions and verdict of the temperature log.
    pub log: Option<LogCheck>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Totals {
    pub pairs_planned: usize,
    pub pairs_to_order: usize,
    pub units_to_order: f64,
    pub annual_cost: f64,
    pub safety_stock_value: f64,
    pub lots_above_label_mkt: usize,
    pub lots_at_risk_of_expiry: usize,
    pub lots_with_excursions: usize,
    pub lots_rejected: usize,
}

impl LotState {
    /// MKT above the label, readings outside the band, or stock that will expire unsold.
    pub(crate) fn needs_attention(&self) -> bool {
        self.log
            .as_ref()
            .is_some_and(|l| !l.excursions.is_empty() || l.verdict != "in_range")
            || self.mkt_within_label == Some(false)
            || self.max_c.is_some_and(|m| m > self.band_high_c)
            || self.min_c.is_some_and(|m| m < self.band_low_c)
            || self.at_risk_of_expiry
    }
}

/// Computes the report.
pub(crate) fn plan(net: &Network) -> Result<Report, CliError> {
    let as_of = net.as_of();
    let skus_path = net.dir.join("skus.csv");
    let mut policies = Vec::new();
    for (site_idx, site) in net
        .sites
        .iter()
        .enumerate()
        .filter(|(_, s)| s.kind != "depot")
    {
        for (sku_idx, sku) in net.skus.iter().enumerate() {
            let Some(series) = net.daily_sales.get(&(site_idx, sku_idx)) else {
                continue;
            };
            let window = &series[series.len().saturating_sub(DEMAND_WINDOW_DAYS)..];
            let (mean, sd) = mean_sd(window);
            if mean <= 0.0 {
                continue; // nothing sold recently: nothing to plan
            }
            let on_hand = net
                .lots
                .iter()
                .filter(|l| l.site == site_idx && l.sku == sku_idx)
                .fold(0.0, |acc, l| acc + l.qty);
            let in_sku = |e: flowcast_inventory::Error| {
                CliError::bad(
                    &skus_path,
                    format!("sku {} at {}: {e}", sku.sku, site.site_id),
                )
            };
            let mut rng = Rng::seed_from((site_idx * 1_000 + sku_idx) as u64);
            let quantiles = lead_time_demand(window, sku, &mut rng);
            let (order_quantity, annual_cost, buffer) =
                policy_for(sku, mean, sd, &quantiles).map_err(in_sku)?;
            // A negative buffer means the order size alone meets the fill rate; the plan never
            // holds less than the mean lead-time demand.
            let safety_stock = buffer.safety_stock.max(0.0);
            let reorder_point = buffer.lead_time_demand_mean + safety_stock;
            policies.push(Policy {
                site_id: site.site_id.clone(),
                site_name: site.name.clone(),
                sku: sku.sku.clone(),
                sku_name: sku.name.clone(),
                demand_mean_per_day: mean,
                demand_sd_per_day: sd,
                lead_time_demand_quantiles: quantiles.values,
                order_quantity,
                annual_cost,
                target_kind: sku.target_kind.clone(),
                target: sku.target,
                safety_factor: buffer.safety_factor,
                safety_stock,
                reorder_point,
                cycle_service_level: buffer.cycle_service_level,
                on_hand,
                order_now: order_now(on_hand, reorder_point, order_quantity),
                recent_sales: window.to_vec(),
                forecast: demand_forecast(series).map_err(|e| {
                    CliError::bad(
                        &net.dir.join("sales.csv"),
                        format!("{} at {}: {e}", sku.sku, site.site_id),
                    )
                })?,
            });
        }
    }

    let in_lots =
        |e: flowcast_expiry::Error| CliError::bad(&net.dir.join("lots.csv"), e.to_string());
    let unsold = projected_unsold(net, as_of, &policies).map_err(in_lots)?;
    let mut lots = Vec::new();
    for (lot, &left) in net.lots.iter().zip(&unsold) {
        lots.push(lot_state(net, lot, as_of, &policies, left)?);
    }
    let donation_plan = donation_plan(net, as_of, &policies, &unsold).map_err(in_lots)?;
    let routes = replenishment_routes(net, &policies)?;
    // Lots needing attention first, then by expiry.
    lots.sort_by_key(|l| (!l.needs_attention(), l.days_to_expiry));

    let totals = Totals {
        pairs_planned: policies.len(),
        pairs_to_order: policies.iter().filter(|p| p.order_now > 0.0).count(),
        units_to_order: policies.iter().map(|p| p.order_now).sum(),
        annual_cost: policies.iter().map(|p| p.annual_cost).sum(),
        safety_stock_value: policies
            .iter()
            .map(|p| {
                p.safety_stock.max(0.0)
                    * net
                        .skus
                        .iter()
                        .find(|s| s.sku == p.sku)
                        .map_or(0.0, |s| s.unit_cost)
            })
            .sum(),
        lots_above_label_mkt: lots
            .iter()
            .filter(|l| l.mkt_within_label == Some(false))
            .count(),
        lots_at_risk_of_expiry: lots.iter().filter(|l| l.at_risk_of_expiry).count(),
        lots_with_excursions: lots
            .iter()
            .filter(|l| l.log.as_ref().is_some_and(|g| !g.excursions.is_empty()))
            .count(),
        lots_rejected: lots
            .iter()
            .filter(|l| l.log.as_ref().is_some_and(|g| g.verdict == "reject"))
            .count(),
    };
    Ok(Report {
        as_of: format_date(as_of),
        data_dir: net.dir.display().to_string(),
        counts: Counts {
            sites: net.sites.len(),
            pharmacies: net.sites.iter().filter(|s| s.kind != "depot").count(),
            skus: net.skus.len(),
            sales_rows: net.sales_rows,
            history_days: net.last_day - net.first_day + 1,
            lots: net.lots.len(),
            temperature_readings: net.lots.iter().map(|l| l.readings.len()).sum(),
        },
        sites: net
            .sites
            .iter()
            .map(|s| SiteOut {
                site_id: s.site_id.clone(),
                name: s.name.clone(),
                kind: s.kind.clone(),
                lat: s.lat,
                lon: s.lon,
            })
            .collect(),
        demand_window_days: DEMAND_WINDOW_DAYS,
        quantile_levels: QUANTILE_LEVELS.to_vec(),
        policies,
        lots,
        donation_plan,
        routes,
        totals,
    })
}

/// Demand over the lead time as quantiles at [`QUANTILE_LEVELS`], and its mean: each of
/// [`DRAWS`] draws takes a lead time from N(μ_L, σ_L) (whole days, at least 0) and adds that many
/// days drawn from the window's daily sales. Intermittent and skewed demand keeps its shape;
/// a forecast model's quantiles take this place once flowcast forecasts.
pub(crate) struct LeadTimeDemandQuantiles {
    pub values: Vec<f64>,
    pub mean: f64,
}

fn lead_time_demand(window: &[f64], sku: &Sku, rng: &mut Rng) -> LeadTimeDemandQuantiles {
    let mut draws: Vec<f64> = (0..DRAWS)
        .map(|_| {
            let lead = (sku.lead_time_days + sku.lead_time_sd_days * rng.standard_normal())
                .round()
                .max(0.0) as usize;
            (0..lead).map(|_| window[rng.index(window.len())]).sum()
        })
        .collect();
    draws.sort_by(f64::total_cmp);
    let mean = draws.iter().sum::<f64>() / DRAWS as f64;
    // Linear interpolation between order statistics (numpy's default).
    let values = QUANTILE_LEVELS
        .iter()
        .map(|&a| {
            let h = (DRAWS - 1) as f64 * a;
            let (lo, frac) = (h.floor() as usize, h.fract());
            draws[lo] + frac * (draws[(lo + 1).min(DRAWS - 1)] - draws[lo])
        })
        .collect();
    LeadTimeDemandQuantiles { values, mean }
}

/// EOQ (per year) and the buffer of one SKU with daily demand `mean` ± `sd`: read from the
/// lead-time demand quantiles, or from mean and sd when the draws do not spread (a fill-rate
/// target needs a spread).
fn policy_for(
    sku: &Sku,
    mean: f64,
    sd: f64,
    quantiles: &LeadTimeDemandQuantiles,
) -> Result<(f64, f64, SafetyStock), flowcast_inventory::Error> {
    let eoq = EoqInput {
        fixed_cost: sku.order_cost,
        holding_cost: sku.unit_cost * sku.holding_rate,
        demand_rate: mean * 365.0,
    }
    .optimal()?;
    let target = match sku.target_kind.as_str() {
        "fill_rate" => ServiceTarget::FillRate {
            fill_rate: sku.target,
            order_quantity: eoq.order_quantity,
        },
        _ => ServiceTarget::CycleServiceLevel(sku.target),
    };
    let from_quantiles = QuantileDemand {
        levels: &QUANTILE_LEVELS,
        values: &quantiles.values,
    }
    .safety_stock(target, Some(quantiles.mean));
    let buffer = match from_quantiles {
        Ok(b) => b,
        Err(_) => LeadTimeDemand {
            demand_mean: mean,
            demand_sd: sd,
            lead_time: sku.lead_time_days,
            lead_time_sd: sku.lead_time_sd_days,
            review_period: 0.0,
        }
        .safety_stock(target)?,
    };
    Ok((eoq.order_quantity, eoq.cost, buffer))
}

/// (r, nQ): order the smallest whole number of lots Q that lifts the position above r.
fn order_now(position: f64, reorder_point: f64, q: f64) -> f64 {
    if position > reorder_point || q <= 0.0 {
        0.0
    } else {
        let lots = ((reorder_point - position) / q).floor() + 1.0;
        (lots * q).ceil()
    }
}

fn lot_state(
    net: &Network,
    lot: &Lot,
    as_of: i64,
    policies: &[Policy],
    projected_unsold: f64,
) -> Result<LotState, CliError> {
    let sku = &net.skus[lot.sku];
    let site = &net.sites[lot.site];
    let (lo, hi) = storage_band(&sku.storage).ok_or_else(|| {
        CliError::bad(
            &net.dir.join("skus.csv"),
            format!(
                "sku {}: storage = {:?}: expected a band like 2-8C",
                sku.sku, sku.storage
            ),
        )
    })?;
    let temps: Vec<f64> = lot.readings.iter().map(|&(_, t)| t).collect();
    let weights = hold_weights(&lot.readings);
    let summary = if temps.is_empty() {
        None
    } else {
        let s = summarize(&temps, Some(&weights), &MktParams::default()).map_err(|e| {
            CliError::bad(
                &net.dir.join("temperatures.csv"),
                format!("lot {}: {e}", lot.lot),
            )
        })?;
        Some(s)
    };
    let demand = policies
        .iter()
        .find(|p| p.site_id == site.site_id && p.sku == sku.sku)
        .map(|p| p.demand_mean_per_day);
    let days_to_expiry = lot.expiry - as_of;
    // Sold first-expiry-first-out: this lot lasts until it and every lot of the same SKU at the
    // same pharmacy that expires no later are sold.
    let queue = net
        .lots
        .iter()
        .filter(|o| {
            o.site == lot.site && o.sku == lot.sku && (o.expiry, &o.lot) <= (lot.expiry, &lot.lot)
        })
        .fold(0.0, |acc, o| acc + o.qty);
    let days_of_cover = demand.filter(|&d| d > 0.0).map(|d| queue / d);
    let log = check_log(lot, lo, hi).map_err(|e| {
        CliError::bad(
            &net.dir.join("temperatures.csv"),
            format!("lot {}: {e}", lot.lot),
        )
    })?;
    Ok(LotState {
        lot: lot.lot.clone(),
        sku: sku.sku.clone(),
        sku_name: sku.name.clone(),
        site_id: site.site_id.clone(),
        qty: lot.qty,
        expiry_date: format_date(lot.expiry),
        days_to_expiry,
        storage: sku.storage.clone(),
        band_low_c: lo,
        band_high_c: hi,
        readings: temps.len(),
        hours_logged: weights.iter().fold(0.0, |a, w| a + w),
        mkt_c: summary.map(|s| s.mkt_c),
        mean_c: summary.map(|s| s.mean_c),
        min_c: summary.map(|s| s.min_c),
        max_c: summary.map(|s| s.max_c),
        mkt_within_label: summary.map(|s| s.mkt_c <= hi),
        days_of_cover,
        projected_unsold,
        at_risk_of_expiry: projected_unsold > 0.0,
        log,
    })
}

/// Hours each reading stands for under sample-and-hold: until the next reading; the last one
/// stands for as long as the one before it (an hour if it is alone).
fn hold_weights(readings: &[(i64, f64)]) -> Vec<f64> {
    let mut w: Vec<f64> = readings
        .windows(2)
        .map(|p| (p[1].0 - p[0].0) as f64 / 60.0)
        .collect();
    if !readings.is_empty() {
        w.push(w.last().copied().unwrap_or(1.0));
    }
    w
}

/// `2-8C` → (2, 8); `-25--15C` → (−25, −15).
fn storage_band(s: &str) -> Option<(f64, f64)> {
    let body = s.strip_suffix('C').or_else(|| s.strip_suffix("°C"))?;
    let split = body.char_indices().skip(1).find(|&(_, c)| c == '-')?.0;
    let lo: f64 = body[..split].parse().ok()?;
    let hi: f64 = body[split + 1..].parse().ok()?;
    (lo < hi).then_some((lo, hi))
}

/// Mean and sample standard deviation.
fn mean_sd(xs: &[f64]) -> (f64, f64) {
    let n = xs.len() as f64;
    if xs.is_empty() {
        return (0.0, 0.0);
    }
    let mean = xs.iter().sum::<f64>() / n;
    let var = if xs.len() > 1 {
        xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)
    } else {
        0.0
    };
    (mean, var.sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_bands_parse() {
        assert_eq!(storage_band("2-8C"), Some((2.0, 8.0)));
        assert_eq!(storage_band("15-25C"), Some((15.0, 25.0)));
        assert_eq!(storage_band("-25--15C"), Some((-25.0, -15.0)));
        assert_eq!(storage_band("8-2C"), None);
        assert_eq!(storage_band("cold"), None);
    }

    #[test]
    fn reorder_rule_orders_whole_lots() {
        assert_eq!(order_now(50.0, 40.0, 30.0), 0.0);
        assert_eq!(order_now(40.0, 40.0, 30.0), 30.0);
        assert_eq!(order_now(0.0, 70.0, 30.0), 90.0);
        assert_eq!(order_now(10.0, 40.0, 12.5), 38.0);
    }

    #[test]
    fn hold_weights_follow_the_gaps() {
        assert_eq!(
            hold_weights(&[(0, 1.0), (60, 2.0), (90, 3.0)]),
            vec![1.0, 0.5, 0.5]
        );
        assert_eq!(hold_weights(&[(0, 1.0)]), vec![1.0]);
        assert!(hold_weights(&[]).is_empty());
    }

    #[test]
    fn sample_statistics() {
        let (m, s) = mean_sd(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]);
        assert_eq!(m, 5.0);
        assert!((s - (32.0f64 / 7.0).sqrt()).abs() < 1e-12);
    }
}

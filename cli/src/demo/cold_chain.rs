//! The main job's expiry side: excursions in each lot's temperature log, units projected to
//! expire unsold at each pharmacy, and where to send them before they do (transfers to other
//! pharmacies with spare demand, donations to partners), as one LP per SKU.

use std::collections::HashMap;

use flowcast_expiry::excursion::{Interval, Rules, StabilityBudget, analyze};
use flowcast_expiry::waste::{
    Demand, Destination, Leg, Lot as WasteLot, PlanLot, WastePlanProblem, plan_waste, project_waste,
};
use serde::Serialize;

use super::data::{Lot, Network};
use super::plan::Policy;
use crate::dates::format_timestamp;

/// A reading holds at most this long (the loggers write hourly): longer silences are gaps.
const MAX_GAP_MIN: f64 = 120.0;
/// Out-of-range runs shorter than this are logger noise, not excursions.
const MIN_EXCURSION_MIN: f64 = 30.0;
/// Time a 2–8 °C product may spend in (8, 25] °C (a typical stability allowance: 72 h).
const COLD_BUDGET_MIN: f64 = 72.0 * 60.0;
/// Days of a receiving pharmacy's demand a transfer may fill.
const TRANSFER_SPARE_DAYS: f64 = 14.0;
/// Cost of moving one unit one km (courier, per unit).
const TRANSPORT_PER_UNIT_KM: f64 = 0.02;
/// Cost of destroying one unit of pharmaceutical waste (incineration).
const DISPOSAL_PER_UNIT: f64 = 0.5;
/// Handling cost per unit donated (paperwork, packing).
const DONATION_HANDLING: f64 = 0.1;
/// Mass of one pack, kg.
const KG_PER_UNIT: f64 = 0.05;
/// Road distance over great-circle distance.
const ROAD_FACTOR: f64 = 1.3;

/// One excursion of a lot's log.
#[derive(Debug, Serialize)]
pub(crate) struct ExcursionOut {
    pub kind: &'static str,
    pub start: String,
    pub duration_min: f64,
    pub peak_c: f64,
    /// `allowed`, `spike`, `budget` or `outside`.
    pub band: &'static str,
}

/// What a lot's temperature log says.
#[derive(Debug, Serialize)]
pub(crate) struct LogCheck {
    pub excursions: Vec<ExcursionOut>,
    pub minutes_out_of_range: f64,
    pub minutes_in_gaps: f64,
    /// `in_range`, `acceptable`, `review` or `reject`.
    pub verdict: &'static str,
    pub reasons: Vec<String>,
}

/// The rules for a label band: 2–8 °C products get a stability budget above 8 °C; room
/// temperature products the USP allowances (excursions to 30 °C, spikes to 40 °C under an MKT
/// at the top of the band).
pub(crate) fn rules_for(lo: f64, hi: f64) -> Rules {
    let mut rules = Rules {
        max_gap: Some(MAX_GAP_MIN),
        min_duration: MIN_EXCURSION_MIN,
        ..Rules::custom(lo, hi)
    };
    if hi <= 8.0 {
        rules.budgets.push(StabilityBudget {
            band: Interval {
                lo: hi,
                hi: 25.0,
                lo_closed: false,
                hi_closed: true,
            },
            minutes: COLD_BUDGET_MIN,
        });
    } else if hi >= 25.0 {
        rules.allowed = Some(Interval::closed(lo.min(15.0), hi.max(30.0)));
        rules.spike_max = Some(40.0);
        rules.mkt_limit = Some(hi);
    }
    rules
}

/// Excursions and verdict of a lot's log (`None` without readings).
pub(crate) fn check_log(
    lot: &Lot,
    lo: f64,
    hi: f64,
) -> Result<Option<LogCheck>, flowcast_expiry::Error> {
    if lot.readings.is_empty() {
        return Ok(None);
    }
    let t: Vec<f64> = lot.readings.iter().map(|&(m, _)| m as f64).collect();
    let v: Vec<f64> = lot.readings.iter().map(|&(_, c)| c).collect();
    let r = analyze(&t, &v, &rules_for(lo, hi))?;
    let excursions = r
        .events
        .iter()
        .map(|e| ExcursionOut {
            kind: match e.kind {
                flowcast_expiry::excursion::Kind::High => "high",
                flowcast_expiry::excursion::Kind::Low => "low",
            },
            start: format_timestamp(e.start_min as i64),
            duration_min: e.duration_min,
            peak_c: e.peak_c,
            band: match e.band {
                flowcast_expiry::excursion::Band::Allowed => "allowed",
                flowcast_expiry::excursion::Band::Spike => "spike",
                flowcast_expiry::excursion::Band::Budget => "budget",
                flowcast_expiry::excursion::Band::Outside => "outside",
            },
        })
        .collect();
    Ok(Some(LogCheck {
        excursions,
        minutes_out_of_range: r.minutes_out_of_range,
        minutes_in_gaps: r.minutes_in_gaps,
        verdict: match r.verdict.status {
            flowcast_expiry::excursion::Status::InRange => "in_range",
            flowcast_expiry::excursion::Status::Acceptable => "acceptable",
            flowcast_expiry::excursion::Status::Review => "review",
            flowcast_expiry::excursion::Status::Reject => "reject",
        },
        reasons: r
            .verdict
            .reasons
            .iter()
            .map(|x| x.message.clone())
            .collect(),
    }))
}

/// Units of each lot (by index in `net.lots`) projected to be left when it expires, selling
/// each pharmacy's lots of a SKU first-expiry-first-out at its mean daily demand.
pub(crate) fn projected_unsold(
    net: &Network,
    as_of: i64,
    policies: &[Policy],
) -> Result<Vec<f64>, flowcast_expiry::Error> {
    let mut groups: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for (i, lot) in net.lots.iter().enumerate() {
        groups.entry((lot.site, lot.sku)).or_default().push(i);
    }
    let mut unsold = vec![0.0; net.lots.len()];
    for ((site, sku), members) in groups {
        let demand = policies
            .iter()
            .find(|p| p.site_id == net.sites[site].site_id && p.sku == net.skus[sku].sku)
            .map_or(0.0, |p| p.demand_mean_per_day);
        let lots: Vec<WasteLot> = members
            .iter()
            .map(|&i| {
                let l = &net.lots[i];
                let days = u32::try_from((l.expiry - as_of).max(0)).unwrap_or(u32::MAX);
                WasteLot::new(l.lot.clone(), l.qty, days, net.skus[sku].unit_cost)
            })
            .collect();
        for (&i, p) in members
            .iter()
            .zip(project_waste(&lots, Demand::flat(demand), 0)?)
        {
            unsold[i] = p.unsold;
        }
    }
    Ok(unsold)
}

/// One move of the plan.
#[derive(Debug, Serialize)]
pub(crate) struct Move {
    pub lot: String,
    pub sku: String,
    pub from: String,
    pub to: String,
    pub to_name: String,
    /// `transfer` or `donation`.
    pub kind: &'static str,
    pub units: f64,
    pub km: f64,
    pub value: f64,
    pub cost: f64,
}

/// Where the units projected to expire go.
#[derive(Debug, Default, Serialize)]
pub(crate) struct DonationPlan {
    pub moves: Vec<Move>,
    pub units_at_risk: f64,
    pub units_rescued: f64,
    pub units_wasted: f64,
    pub value_recovered: f64,
    pub transport_and_handling: f64,
    pub kg_avoided: f64,
    /// With the FAO food-waste factor (2.5 kg CO2e/kg): a placeholder until product LCA data.
    pub co2e_avoided_kg: f64,
}

pub(crate) fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (
        a.0.to_radians(),
        a.1.to_radians(),
        b.0.to_radians(),
        b.1.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin() * ROAD_FACTOR
}

/// One transfer/donation LP per SKU over its lots at risk.
pub(crate) fn donation_plan(
    net: &Network,
    as_of: i64,
    policies: &[Policy],
    unsold: &[f64],
) -> Result<DonationPlan, flowcast_expiry::Error> {
    let mut out = DonationPlan::default();
    let place = |id: &str| -> Option<(f64, f64)> {
        net.sites
            .iter()
            .find(|s| s.site_id == id)
            .map(|s| (s.lat, s.lon))
            .or_else(|| {
                net.partners
                    .iter()
                    .find(|p| p.partner_id == id)
                    .map(|p| (p.lat, p.lon))
            })
    };
    for (sku_idx, sku) in net.skus.iter().enumerate() {
        let at_risk: Vec<usize> = (0..net.lots.len())
            .filter(|&i| net.lots[i].sku == sku_idx && unsold[i] > 0.0)
            .collect();
        if at_risk.is_empty() {
            continue;
        }
        let cold = sku.storage.starts_with("2-");
        let lots: Vec<PlanLot> = at_risk
            .iter()
            .map(|&i| {
                let l = &net.lots[i];
                let days = u32::try_from((l.expiry - as_of).max(0)).unwrap_or(u32::MAX);
                PlanLot {
                    kg_per_unit: KG_PER_UNIT,
                    disposal_cost_per_unit: DISPOSAL_PER_UNIT,
                    ..PlanLot::new(
                        l.lot.clone(),
                        net.sites[l.site].site_id.clone(),
                        unsold[i],
                        days,
                    )
                }
            })
            .collect();
        let mut destinations = Vec::new();
        for p in policies.iter().filter(|p| p.sku == sku.sku) {
            let spare = (p.demand_mean_per_day * TRANSFER_SPARE_DAYS).floor();
            if spare > 0.0 {
                destinations.push(Destination {
                    transport_per_unit_km: TRANSPORT_PER_UNIT_KM,
                    transit_days: 1,
                    min_days_on_arrival: 7,
                    ..Destination::transfer(p.site_id.clone(), spare, sku.unit_cost)
                });
            }
        }
        for partner in net
            .partners
            .iter()
            .filter(|p| !cold || p.cold_chain == "yes")
        {
            destinations.push(Destination {
                handling_per_unit: DONATION_HANDLING,
                transport_per_unit_km: TRANSPORT_PER_UNIT_KM,
                max_km: partner.max_km,
                min_days_on_arrival: partner.min_days_on_arrival,
                ..Destination::donation(partner.partner_id.clone(), partner.capacity_units, 0.0)
            });
        }
        let mut legs = Vec::new();
        for lot in &lots {
            for d in destinations.iter().filter(|d| d.id != lot.site) {
                if let (Some(a), Some(b)) = (place(&lot.site), place(&d.id)) {
                    if !legs.iter().any(|l: &Leg| {
                        (l.from == lot.site && l.to == d.id) || (l.to == lot.site && l.from == d.id)
                    }) {
                        legs.push(Leg::new(lot.site.clone(), d.id.clone(), km(a, b)));
                    }
                }
            }
        }
        let problem = WastePlanProblem {
            lots,
            destinations,
            legs,
            ..Default::default()
        };
        let plan = plan_waste(&problem)?;
        for a in &plan.assignments {
            let d = &problem.destinations.iter().find(|d| d.id == a.outlet_id);
            let name = net
                .sites
                .iter()
                .find(|s| s.site_id == a.outlet_id)
                .map(|s| s.name.clone())
                .or_else(|| {
                    net.partners
                        .iter()
                        .find(|p| p.partner_id == a.outlet_id)
                        .map(|p| p.name.clone())
                })
                .unwrap_or_default();
            out.moves.push(Move {
                lot: a.lot_id.clone(),
                sku: sku.sku.clone(),
                from: problem.lots[a.lot].site.clone(),
                to: a.outlet_id.clone(),
                to_name: name,
                kind: if d
                    .is_some_and(|d| d.kind == flowcast_expiry::waste::DestinationKind::Donation)
                {
                    "donation"
                } else {
                    "transfer"
                },
                units: a.units,
                km: a.km,
                value: a.value,
                cost: a.handling_cost + a.transport_cost,
            });
        }
        let t = &plan.totals;
        out.units_at_risk += t.units_rescued + t.units_wasted;
        out.units_rescued += t.units_rescued;
        out.units_wasted += t.units_wasted;
        out.value_recovered += t.recovered_value;
        out.transport_and_handling += t.handling_cost + t.transport_cost;
        out.kg_avoided += t.kg_avoided;
        out.co2e_avoided_kg += t.co2e_avoided_kg;
    }
    Ok(out)
}

//! The markdown / transfer / donation plan: a transportation LP solved with `microlp`.

use std::collections::{HashMap, HashSet};

use flowcast_core::{ErrorCode, ValidationError, check};
use good_lp::{Expression, ProblemVariables, Solution, SolverModel, Variable, variable};

use super::{field, limit, non_negative, unique_ids};
use crate::error::Result;

/// Default emission factor of wasted food, kg CO2e per kg: FAO (2013), *Food Wastage
/// Footprint: Impacts on Natural Resources* — 3.3 Gt CO2e (without land-use change) for about
/// 1.3 Gt of food wasted a year, ≈ 2.54, rounded to 2.5.
pub const DEFAULT_CO2E_PER_KG: f64 = 2.5;

/// Defaults of the optional fields when a problem is read from JSON (the bindings).
mod serde_defaults {
    pub(super) fn one() -> f64 {
        1.0
    }
    pub(super) fn co2e() -> f64 {
        super::DEFAULT_CO2E_PER_KG
    }
    pub(super) fn unlimited() -> f64 {
        f64::INFINITY
    }
    pub(super) fn one_day() -> u32 {
        1
    }
}

/// A lot with units at risk of waste, at one site.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanLot {
    /// Caller's id, unique among the lots.
    pub id: String,
    /// Site holding the lot: the place for markdowns and the origin of transfers.
    pub site: String,
    /// Units at risk (finite, ≥ 0), e.g. [`super::LotProjection::unsold`].
    pub at_risk: f64,
    /// Days until expiry today, as in [`super::Lot::days_to_expiry`].
    pub days_to_expiry: u32,
    /// Mass of one unit in kg (finite, ≥ 0). Default 1.
    #[serde(default = "serde_defaults::one")]
    pub kg_per_unit: f64,
    /// kg CO2e per kg of this product wasted (finite, ≥ 0). Default [`DEFAULT_CO2E_PER_KG`].
    #[serde(default = "serde_defaults::co2e")]
    pub co2e_per_kg: f64,
    /// Cost of disposing of one wasted unit (finite, ≥ 0). Default 0.
    #[serde(default)]
    pub disposal_cost_per_unit: f64,
}

impl PlanLot {
    /// A lot of 1 kg units with the default CO2e factor and no disposal cost.
    pub fn new(
        id: impl Into<String>,
        site: impl Into<String>,
        at_risk: f64,
        days_to_expiry: u32,
    ) -> Self {
        Self {
            id: id.into(),
            site: site.into(),
            at_risk,
            days_to_expiry,
            kg_per_unit: 1.0,
            co2e_per_kg: DEFAULT_CO2E_PER_KG,
            disposal_cost_per_unit: 0.0,
        }
    }
}

/// Which lots a markdown applies to; its capacity is shared by all of them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkdownScope {
    /// One lot, by id.
    Lot(String),
    /// Every lot at a site, by site id.
    Site(String),
}

/// Extra units sellable at a markdown price at the lots' own site, before they expire (lots with
/// `days_to_expiry = 0` cannot take it).
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Markdown {
    /// Caller's id, unique among the markdowns.
    pub id: String,
    /// The lot or site it covers.
    pub scope: MarkdownScope,
    /// Extra units it sells (≥ 0; `f64::INFINITY` for no limit).
    pub capacity: f64,
    /// Markdown price per unit (finite, ≥ 0).
    pub value_per_unit: f64,
    /// Cost per unit of relabelling and handling (finite, ≥ 0). Default 0.
    #[serde(default)]
    pub handling_per_unit: f64,
}

impl Markdown {
    /// A markdown without handling cost.
    pub fn new(id: impl Into<String>, scope: MarkdownScope, capacity: f64, value: f64) -> Self {
        Self {
            id: id.into(),
            scope,
            capacity,
            value_per_unit: value,
            handling_per_unit: 0.0,
        }
    }
}

/// What a [`Destination`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DestinationKind {
    /// Another site of the network, selling the units at its own price.
    Transfer,
    /// A donation partner: a food bank, a charity.
    Donation,
}

/// Another site or a donation partner that can take at-risk units.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Destination {
    /// Caller's id, unique among the destinations; for a transfer, the site's id (a lot at that
    /// same site cannot be transferred to it).
    pub id: String,
    /// Transfer or donation.
    pub kind: DestinationKind,
    /// Units it can take (≥ 0; `f64::INFINITY` for no limit): for a site, its spare demand
    /// before the lots expire; for a partner, what it accepts.
    pub capacity: f64,
    /// Value per unit there (finite, ≥ 0): the sale price at a site; a tax benefit or social
    /// value for a donation (may be 0).
    pub value_per_unit: f64,
    /// Handling cost per unit (finite, ≥ 0). Default 0.
    #[serde(default)]
    pub handling_per_unit: f64,
    /// Transport cost per unit and km (finite, ≥ 0). Default 0.
    #[serde(default)]
    pub transport_per_unit_km: f64,
    /// Longest leg it is worth serving, km (≥ 0; `f64::INFINITY`, the default, for no limit).
    #[serde(default = "serde_defaults::unlimited")]
    pub max_km: f64,
    /// Days in transit. Default 0.
    #[serde(default)]
    pub transit_days: u32,
    /// Days of sale left that units must have on arrival: `days_to_expiry − transit_days ≥
    /// min_days_on_arrival`. Default 1.
    #[serde(default = "serde_defaults::one_day")]
    pub min_days_on_arrival: u32,
}

impl Destination {
    /// A destination with no costs, no distance limit, same-day transit and at least one day of
    /// sale left on arrival.
    pub fn new(id: impl Into<String>, kind: DestinationKind, capacity: f64, value: f64) -> Self {
        Self {
            id: id.into(),
            kind,
            capacity,
            value_per_unit: value,
            handling_per_unit: 0.0,
            transport_per_unit_km: 0.0,
            max_km: f64::INFINITY,
            transit_days: 0,
            min_days_on_arrival: 1,
        }
    }

    /// [`Destination::new`] for a transfer to site `id`.
    pub fn transfer(id: impl Into<String>, capacity: f64, value: f64) -> Self {
        Self::new(id, DestinationKind::Transfer, capacity, value)
    }

    /// [`Destination::new`] for a donation partner `id`.
    pub fn donation(id: impl Into<String>, capacity: f64, value: f64) -> Self {
        Self::new(id, DestinationKind::Donation, capacity, value)
    }
}

/// The distance between two places (lot sites or destinations), valid both ways.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Leg {
    /// One end.
    pub from: String,
    /// The other end.
    pub to: String,
    /// Distance in km (finite, ≥ 0).
    pub km: f64,
}

impl Leg {
    /// A leg from its three fields.
    pub fn new(from: impl Into<String>, to: impl Into<String>, km: f64) -> Self {
        Self {
            from: from.into(),
            to: to.into(),
            km,
        }
    }
}

/// The inputs of [`plan_waste`].
#[derive(Debug, Clone, PartialEq, Default, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WastePlanProblem {
    /// Lots with units at risk.
    pub lots: Vec<PlanLot>,
    /// Markdown options at the lots' sites.
    pub markdowns: Vec<Markdown>,
    /// Transfer sites and donation partners.
    pub destinations: Vec<Destination>,
    /// Distances from lot sites to destinations; a destination with no leg from a lot's site
    /// cannot take that lot.
    pub legs: Vec<Leg>,
}

/// Where units go: an index into [`WastePlanProblem::markdowns`] or
/// [`WastePlanProblem::destinations`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(tag = "kind", content = "index", rename_all = "snake_case")]
pub enum Outlet {
    /// `markdowns[j]`.
    Markdown(usize),
    /// `destinations[j]`, a transfer.
    Transfer(usize),
    /// `destinations[j]`, a donation.
    Donation(usize),
}

/// Units of one lot sent to one outlet.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Assignment {
    /// Index of the lot in [`WastePlanProblem::lots`].
    pub lot: usize,
    /// The lot's id.
    pub lot_id: String,
    /// Where the units go.
    pub outlet: Outlet,
    /// The markdown's or destination's id.
    pub outlet_id: String,
    /// Units sent.
    pub units: f64,
    /// Distance travelled, km (0 for a markdown).
    pub km: f64,
    /// `units × value_per_unit`.
    pub value: f64,
    /// `units × handling_per_unit`.
    pub handling_cost: f64,
    /// `units × transport_per_unit_km × km`.
    pub transport_cost: f64,
}

/// Why a (lot, outlet) pair was not offered to the LP.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ExclusionReason {
    /// A transfer to the lot's own site.
    SameSite,
    /// No [`Leg`] joins the lot's site and the destination.
    NoDistance,
    /// The leg is longer than the destination's `max_km`.
    TooFar {
        /// Length of the leg.
        km: f64,
        /// The destination's limit.
        max_km: f64,
    },
    /// Too little shelf life would be left: `days_left = days_to_expiry − transit_days`
    /// (negative when the lot would expire in transit) is below `min_days` (1 for a markdown).
    ShelfLife {
        /// Days of sale left on arrival.
        days_left: i64,
        /// Days required.
        min_days: u32,
    },
    /// Value − handling − transport + disposal saved is not positive: rescuing loses money.
    NoGain {
        /// That net gain per unit.
        gain_per_unit: f64,
    },
}

/// A (lot, outlet) pair that the plan may not use.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Excluded {
    /// Index of the lot.
    pub lot: usize,
    /// The outlet.
    pub outlet: Outlet,
    /// Why.
    pub reason: ExclusionReason,
}

/// What happens to one lot's at-risk units.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct LotOutcome {
    /// Units sent to some outlet.
    pub rescued: f64,
    /// Units left to waste: `at_risk − rescued`.
    pub wasted: f64,
    /// `wasted × disposal_cost_per_unit`.
    pub disposal_cost: f64,
}

/// Plan-wide sums.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct Totals {
    /// Σ assignment values.
    pub recovered_value: f64,
    /// Σ handling costs.
    pub handling_cost: f64,
    /// Σ transport costs.
    pub transport_cost: f64,
    /// Σ disposal costs of the wasted units.
    pub disposal_cost: f64,
    /// `recovered_value − handling_cost − transport_cost − disposal_cost`: what the LP
    /// maximises (up to the constant disposal cost of all at-risk units).
    pub objective: f64,
    /// Units rescued.
    pub units_rescued: f64,
    /// Units wasted.
    pub units_wasted: f64,
    /// kg of waste avoided: Σ rescued × `kg_per_unit`.
    pub kg_avoided: f64,
    /// kg of waste still projected: Σ wasted × `kg_per_unit`.
    pub kg_wasted: f64,
    /// kg CO2e avoided: Σ rescued × `kg_per_unit` × `co2e_per_kg`.
    pub co2e_avoided_kg: f64,
}

/// The optimal plan.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct WastePlan {
    /// Non-zero assignments, by lot then outlet (markdowns first, then destinations, each in
    /// input order).
    pub assignments: Vec<Assignment>,
    /// Per lot, in input order.
    pub lots: Vec<LotOutcome>,
    /// Pairs not offered to the LP, with the reason, by lot then outlet. Lots with nothing at
    /// risk and outlets with no capacity are left out, and markdowns are only paired with the
    /// lots they cover.
    pub excluded: Vec<Excluded>,
    /// Plan-wide sums.
    pub totals: Totals,
    /// Whether every quantity is a whole number of units: true when the at-risk quantities and
    /// finite capacities are whole numbers (the LP values are then snapped to integers).
    pub integral: bool,
}

/// Distance in km between a site and a destination, looked up both ways.
struct Legs<'a>(HashMap<(&'a str, &'a str), f64>);

impl<'a> Legs<'a> {
    fn key(a: &'a str, b: &'a str) -> (&'a str, &'a str) {
        if a <= b { (a, b) } else { (b, a) }
    }

    fn km(&self, a: &str, b: &str) -> Option<f64> {
        if a == b {
            return Some(0.0);
        }
        self.0.get(&Legs::key(a, b)).copied()
    }
}

/// One (lot, outlet) pair offered to the LP.
struct Arc {
    lot: usize,
    /// Markdowns are outlets `0..M`, destinations `M..M + D`.
    outlet: usize,
    upper: f64,
    gain: f64,
    km: f64,
    value: f64,
    handling: f64,
    transport: f64,
}

/// Sends the at-risk units of every lot to markdowns, transfers and donations so as to maximise
/// recovered value − handling − transport − disposal cost, by linear programming (see the
/// [module documentation](super) for the model).
///
/// ```
/// use flowcast_expiry::waste::{
///     Destination, Leg, Markdown, MarkdownScope, Outlet, PlanLot, WastePlanProblem, plan_waste,
/// };
/// let mut far = Destination::transfer("store-2", 5.0, 3.0);
/// far.transport_per_unit_km = 0.01;
/// let problem = WastePlanProblem {
///     lots: vec![PlanLot::new("milk-7", "store-1", 8.0, 3)],
///     markdowns: vec![Markdown::new("md", MarkdownScope::Site("store-1".into()), 4.0, 1.0)],
///     destinations: vec![far],
///     legs: vec![Leg::new("store-1", "store-2", 50.0)],
/// };
/// let plan = plan_waste(&problem)?;
/// // The transfer nets 3 − 0.5 = 2.5 a unit, the markdown 1: fill the transfer, then mark down.
/// assert_eq!(plan.assignments[0].outlet, Outlet::Markdown(0));
/// assert_eq!(plan.assignments[0].units, 3.0);
/// assert_eq!(plan.assignments[1].units, 5.0);
/// assert_eq!(plan.totals.objective, 15.5);
/// # Ok::<(), flowcast_expiry::Error>(())
/// ```
///
/// # Errors
/// [`crate::Error::Invalid`] naming the field (`lots[2].at_risk`, `destinations[0].max_km`, …)
/// for a negative or non-finite quantity, value, cost or distance (capacities and `max_km` may
/// be `+∞`); a repeated id among the lots, markdowns or destinations, or a repeated leg; a
/// markdown for an unknown lot or site, or a leg to an unknown place or from a place to itself
/// ([`ErrorCode::InvalidNetwork`]; repeated ids are [`ErrorCode::Duplicate`]); totals that overflow; or, should it ever happen, a failure of
/// the LP solver (the LP itself is always feasible and bounded: sending nothing is a plan).
pub fn plan_waste(problem: &WastePlanProblem) -> Result<WastePlan> {
    let WastePlanProblem {
        lots,
        markdowns,
        destinations,
        legs,
    } = problem;
    let lot_ids = validate_lots(lots)?;
    validate_outlets(markdowns, destinations, lots, &lot_ids)?;
    let legs = validate_legs(legs, lots, destinations)?;

    let (arcs, excluded) = build_arcs(lots, markdowns, destinations, &legs)?;
    let capacity = |o: usize| {
        if o < markdowns.len() {
            markdowns[o].capacity
        } else {
            destinations[o - markdowns.len()].capacity
        }
    };
    let integral = lots.iter().all(|l| l.at_risk.fract() == 0.0)
        && markdowns.iter().map(|m| m.capacity).all(whole_or_infinite)
        && destinations
            .iter()
            .map(|d| d.capacity)
            .all(whole_or_infinite);
    let mut units = solve(&arcs, lots, markdowns.len() + destinations.len(), capacity)?;
    let mut snapped = integral;
    for (x, a) in units.iter_mut().zip(&arcs) {
        let r = x.round();
        if integral && (*x - r).abs() <= 1e-6 {
            *x = r;
        } else {
            snapped = false;
        }
        *x = x.clamp(0.0, a.upper);
    }
    finish(problem, &arcs, &units, excluded, snapped)
}

fn whole_or_infinite(c: f64) -> bool {
    c == f64::INFINITY || c.fract() == 0.0
}

fn validate_lots(lots: &[PlanLot]) -> Result<HashMap<&str, usize>> {
    for (i, l) in lots.iter().enumerate() {
        non_negative("lots", i, "at_risk", l.at_risk)?;
        non_negative("lots", i, "kg_per_unit", l.kg_per_unit)?;
        non_negative("lots", i, "co2e_per_kg", l.co2e_per_kg)?;
        non_negative(
            "lots",
            i,
            "disposal_cost_per_unit",
            l.disposal_cost_per_unit,
        )?;
    }
    Ok(unique_ids("lots", lots.iter().map(|l| l.id.as_str()))?)
}

fn unknown(field: String, id: &str, reason: &'static str) -> crate::Error {
    ValidationError::new(ErrorCode::InvalidNetwork, field, format!("{id:?}"), reason).into()
}

fn validate_outlets(
    markdowns: &[Markdown],
    destinations: &[Destination],
    lots: &[PlanLot],
    lot_ids: &HashMap<&str, usize>,
) -> Result<()> {
    let sites: HashSet<&str> = lots.iter().map(|l| l.site.as_str()).collect();
    for (j, m) in markdowns.iter().enumerate() {
        limit("markdowns", j, "capacity", m.capacity)?;
        non_negative("markdowns", j, "value_per_unit", m.value_per_unit)?;
        non_negative("markdowns", j, "handling_per_unit", m.handling_per_unit)?;
        match &m.scope {
            MarkdownScope::Lot(id) if !lot_ids.contains_key(id.as_str()) => {
                return Err(unknown(
                    field("markdowns", j, "scope"),
                    id,
                    "is not the id of any lot",
                ));
            }
            MarkdownScope::Site(s) if !sites.contains(s.as_str()) => {
                return Err(unknown(
                    field("markdowns", j, "scope"),
                    s,
                    "is not the site of any lot",
                ));
            }
            _ => {}
        }
    }
    unique_ids("markdowns", markdowns.iter().map(|m| m.id.as_str()))?;
    for (j, d) in destinations.iter().enumerate() {
        limit("destinations", j, "capacity", d.capacity)?;
        non_negative("destinations", j, "value_per_unit", d.value_per_unit)?;
        non_negative("destinations", j, "handling_per_unit", d.handling_per_unit)?;
        let t = d.transport_per_unit_km;
        non_negative("destinations", j, "transport_per_unit_km", t)?;
        limit("destinations", j, "max_km", d.max_km)?;
    }
    unique_ids("destinations", destinations.iter().map(|d| d.id.as_str()))?;
    Ok(())
}

fn validate_legs<'a>(
    legs: &'a [Leg],
    lots: &[PlanLot],
    destinations: &[Destination],
) -> Result<Legs<'a>> {
    let places: HashSet<&str> = (lots.iter().map(|l| l.site.as_str()))
        .chain(destinations.iter().map(|d| d.id.as_str()))
        .collect();
    let mut map = HashMap::with_capacity(legs.len());
    for (k, leg) in legs.iter().enumerate() {
        non_negative("legs", k, "km", leg.km)?;
        for (name, p) in [("from", &leg.from), ("to", &leg.to)] {
            if !places.contains(p.as_str()) {
                return Err(unknown(
                    field("legs", k, name),
                    p,
                    "is neither the site of a lot nor a destination",
                ));
            }
        }
        if leg.from == leg.to {
            return Err(unknown(
                field("legs", k, "to"),
                &leg.to,
                "equals `from`: a leg joins two different places",
            ));
        }
        if map
            .insert(Legs::key(&leg.from, &leg.to), (k, leg.km))
            .is_some()
        {
            return Err(ValidationError::new(
                ErrorCode::Duplicate,
                field("legs", k, "to"),
                format!("{:?} - {:?}", leg.from, leg.to),
                "repeats an earlier leg between the same places (legs count both ways)",
            )
            .into());
        }
    }
    Ok(Legs(
        map.into_iter().map(|(key, (_, km))| (key, km)).collect(),
    ))
}

fn build_arcs(
    lots: &[PlanLot],
    markdowns: &[Markdown],
    destinations: &[Destination],
    legs: &Legs<'_>,
) -> std::result::Result<(Vec<Arc>, Vec<Excluded>), ValidationError> {
    let mut arcs = Vec::new();
    let mut excluded = Vec::new();
    let m = markdowns.len();
    for (i, lot) in lots.iter().enumerate() {
        if lot.at_risk <= 0.0 {
            continue;
        }
        let d = i64::from(lot.days_to_expiry);
        let mut offer =
            |outlet: Outlet, cap: f64, arc: std::result::Result<Arc, ExclusionReason>| {
                if cap <= 0.0 {
                    return Ok(());
                }
                match arc {
                    Ok(a) if !a.gain.is_finite() => {
                        return Err(ValidationError::new(
                            ErrorCode::NotFinite,
                            format!("gain of lots[{i}] at {outlet:?}"),
                            a.gain,
                            "overflows: value, costs and disposal cost are too extreme together",
                        ));
                    }
                    Ok(a) if a.gain > 0.0 => arcs.push(Arc {
                        upper: lot.at_risk.min(cap),
                        ..a
                    }),
                    Ok(a) => excluded.push(Excluded {
                        lot: i,
                        outlet,
                        reason: ExclusionReason::NoGain {
                            gain_per_unit: a.gain,
                        },
                    }),
                    Err(reason) => excluded.push(Excluded {
                        lot: i,
                        outlet,
                        reason,
                    }),
                }
                Ok(())
            };
        for (j, md) in markdowns.iter().enumerate() {
            let covers = match &md.scope {
                MarkdownScope::Lot(id) => *id == lot.id,
                MarkdownScope::Site(s) => *s == lot.site,
            };
            if !covers {
                continue;
            }
            let arc = if d < 1 {
                Err(ExclusionReason::ShelfLife {
                    days_left: d,
                    min_days: 1,
                })
            } else {
                let gain = md.value_per_unit - md.handling_per_unit + lot.disposal_cost_per_unit;
                Ok(Arc {
                    lot: i,
                    outlet: j,
                    upper: 0.0,
                    gain,
                    km: 0.0,
                    value: md.value_per_unit,
                    handling: md.handling_per_unit,
                    transport: 0.0,
                })
            };
            offer(Outlet::Markdown(j), md.capacity, arc)?;
        }
        for (j, dest) in destinations.iter().enumerate() {
            let outlet = match dest.kind {
                DestinationKind::Transfer => Outlet::Transfer(j),
                DestinationKind::Donation => Outlet::Donation(j),
            };
            let days_left = d - i64::from(dest.transit_days);
            let arc = if dest.kind == DestinationKind::Transfer && dest.id == lot.site {
                Err(ExclusionReason::SameSite)
            } else {
                match legs.km(&lot.site, &dest.id) {
                    None => Err(ExclusionReason::NoDistance),
                    Some(km) if km > dest.max_km => Err(ExclusionReason::TooFar {
                        km,
                        max_km: dest.max_km,
                    }),
                    Some(_) if days_left < i64::from(dest.min_days_on_arrival) => {
                        Err(ExclusionReason::ShelfLife {
                            days_left,
                            min_days: dest.min_days_on_arrival,
                        })
                    }
                    Some(km) => {
                        let transport = dest.transport_per_unit_km * km;
                        Ok(Arc {
                            lot: i,
                            outlet: m + j,
                            upper: 0.0,
                            gain: dest.value_per_unit - dest.handling_per_unit - transport
                                + lot.disposal_cost_per_unit,
                            km,
                            value: dest.value_per_unit,
                            handling: dest.handling_per_unit,
                            transport,
                        })
                    }
                }
            };
            offer(outlet, dest.capacity, arc)?;
        }
    }
    Ok((arcs, excluded))
}

/// Solves the LP; returns the units on each arc.
fn solve(
    arcs: &[Arc],
    lots: &[PlanLot],
    outlets: usize,
    capacity: impl Fn(usize) -> f64,
) -> Result<Vec<f64>> {
    if arcs.is_empty() {
        return Ok(Vec::new());
    }
    let mut vars = ProblemVariables::new();
    let x: Vec<Variable> = arcs
        .iter()
        .map(|a| vars.add(variable().min(0.0).max(a.upper)))
        .collect();
    let mut objective = Expression::with_capacity(arcs.len());
    for (&v, a) in x.iter().zip(arcs) {
        objective.add_mul(a.gain, v);
    }
    // Row sums, and the sum of the arcs' upper bounds, per lot and per outlet: a row whose
    // bounds already keep it within its limit needs no constraint.
    let mut lot_rows: Vec<(Expression, f64)> = vec![(Expression::default(), 0.0); lots.len()];
    let mut outlet_rows: Vec<(Expression, f64)> = vec![(Expression::default(), 0.0); outlets];
    for (&v, a) in x.iter().zip(arcs) {
        for (row, ub) in [&mut lot_rows[a.lot], &mut outlet_rows[a.outlet]] {
            row.add_mul(1.0, v);
            *ub += a.upper;
        }
    }
    let mut model = vars.maximise(objective).using(good_lp::microlp);
    let limits = lots
        .iter()
        .map(|l| l.at_risk)
        .chain((0..outlets).map(capacity));
    for ((row, ub), limit) in lot_rows.into_iter().chain(outlet_rows).zip(limits) {
        if ub > limit {
            model.add_constraint(row.leq(limit));
        }
    }
    let solution = model.solve().map_err(|e| {
        ValidationError::new(
            ErrorCode::OutOfRange,
            "problem",
            format!("{} lots, {} arcs", lots.len(), arcs.len()),
            format!("could not be solved by the LP solver ({e}); check for extreme magnitudes"),
        )
    })?;
    Ok(x.iter().map(|&v| solution.value(v)).collect())
}

fn finish(
    problem: &WastePlanProblem,
    arcs: &[Arc],
    units: &[f64],
    excluded: Vec<Excluded>,
    integral: bool,
) -> Result<WastePlan> {
    let lots = &problem.lots;
    let markdowns = &problem.markdowns;
    let mut t = Totals::default();
    let mut rescued = vec![0.0; lots.len()];
    let mut assignments = Vec::new();
    for (a, &u) in arcs.iter().zip(units) {
        if u <= 0.0 {
            continue;
        }
        rescued[a.lot] += u;
        let (outlet, outlet_id) = match a.outlet.checked_sub(markdowns.len()) {
            None => (Outlet::Markdown(a.outlet), &markdowns[a.outlet].id),
            Some(j) => {
                let d = &problem.destinations[j];
                let o = match d.kind {
                    DestinationKind::Transfer => Outlet::Transfer(j),
                    DestinationKind::Donation => Outlet::Donation(j),
                };
                (o, &d.id)
            }
        };
        let asg = Assignment {
            lot: a.lot,
            lot_id: lots[a.lot].id.clone(),
            outlet,
            outlet_id: outlet_id.clone(),
            units: u,
            km: a.km,
            value: u * a.value,
            handling_cost: u * a.handling,
            transport_cost: u * a.transport,
        };
        t.recovered_value += asg.value;
        t.handling_cost += asg.handling_cost;
        t.transport_cost += asg.transport_cost;
        assignments.push(asg);
    }
    let outcomes = lots
        .iter()
        .zip(rescued)
        .map(|(l, r)| {
            let r = r.min(l.at_risk);
            let wasted = l.at_risk - r;
            t.units_rescued += r;
            t.units_wasted += wasted;
            t.kg_avoided += r * l.kg_per_unit;
            t.kg_wasted += wasted * l.kg_per_unit;
            t.co2e_avoided_kg += r * l.kg_per_unit * l.co2e_per_kg;
            let disposal_cost = wasted * l.disposal_cost_per_unit;
            t.disposal_cost += disposal_cost;
            LotOutcome {
                rescued: r,
                wasted,
                disposal_cost,
            }
        })
        .collect();
    t.objective = t.recovered_value - t.handling_cost - t.transport_cost - t.disposal_cost;
    for (name, v) in [
        ("recovered_value", t.recovered_value),
        ("handling_cost", t.handling_cost),
        ("transport_cost", t.transport_cost),
        ("disposal_cost", t.disposal_cost),
        ("objective", t.objective),
        ("units_rescued", t.units_rescued),
        ("units_wasted", t.units_wasted),
        ("co2e_avoided_kg", t.co2e_avoided_kg),
        ("kg_avoided", t.kg_avoided),
        ("kg_wasted", t.kg_wasted),
    ] {
        check::finite_result(name, v)?;
    }
    Ok(WastePlan {
        assignments,
        lots: outcomes,
        excluded,
        totals: t,
        integral,
    })
}

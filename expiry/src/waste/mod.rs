//! Waste projection and a markdown / transfer / donation plan for lots nearing expiry.
//!
//! Two steps, usable apart:
//!
//! 1. [`project_waste`] runs the lots of one SKU at one site against a daily demand forecast,
//!    first-expiry-first-out, and projects how much of each lot will still be on the shelf when
//!    it can no longer be sold: its units *at risk*.
//! 2. [`plan_waste`] decides where the at-risk units of many lots (at many sites) should go —
//!    sold at a markdown on site, transferred to another site with spare demand, or donated to a
//!    partner (a food bank, a charity) — to maximise the value recovered net of handling and
//!    transport costs; whatever is left is waste.
//!
//! # The plan as a linear programme
//!
//! Every (lot *i*, outlet *j*) pair that passes the outlet's limits (distance, remaining shelf
//! life on arrival, same site for a markdown) is an arc with a variable `xᵢⱼ ≥ 0`, the units
//! sent, and a gain per unit
//! `gᵢⱼ = valueⱼ − handlingⱼ − transportⱼ · kmᵢⱼ + disposalᵢ`
//! (rescuing a unit also saves its disposal cost, so a zero-value donation is still worth it
//! when disposal costs more than getting it there). The programme is
//!
//! ```text
//! maximise   Σ gᵢⱼ xᵢⱼ
//! subject to Σⱼ xᵢⱼ ≤ at_riskᵢ      for every lot i
//!            Σᵢ xᵢⱼ ≤ capacityⱼ     for every outlet j
//!            xᵢⱼ ≥ 0
//! ```
//!
//! and the reported objective subtracts the constant `Σ disposalᵢ · at_riskᵢ`, so it reads as
//! recovered value − handling − transport − disposal of what is still wasted. Arcs that break a
//! limit, or whose gain is not positive, are never created; the plan lists them in
//! [`WastePlan::excluded`] with the reason. It is solved with `good_lp`'s pure-Rust `microlp`
//! simplex, so it also runs in WebAssembly.
//!
//! It is a transportation problem: its constraint matrix is the incidence matrix of a bipartite
//! graph, which is totally unimodular, so when every at-risk quantity and every finite capacity
//! is a whole number, every vertex of the feasible region — and so the simplex optimum — is a
//! whole number of units. The plan then snaps values within 1e-6 of an integer to it (removing
//! the solver's rounding noise) and says so in [`WastePlan::integral`]; with fractional inputs, or
//! should a value be further than 1e-6 from an integer, the LP values are reported as they are.
//!
//! # CO2e factor
//!
//! Rescued units avoid `units × kg_per_unit × co2e_per_kg` of emissions. The default factor,
//! [`DEFAULT_CO2E_PER_KG`] = 2.5 kg CO2e per kg of food, is the global average of FAO (2013),
//! *Food Wastage Footprint: Impacts on Natural Resources*: 3.3 Gt CO2e (excluding land-use
//! change) for about 1.3 Gt of food lost or wasted a year (≈ 2.54, rounded down). It is a
//! cradle-to-waste average across all food; pass a category-specific factor per lot where one
//! is known (meat and dairy are several times higher, produce lower).
//!
//! ```
//! use flowcast_expiry::waste::{
//!     Demand, Destination, Leg, Lot, PlanLot, WastePlanProblem, plan_waste, project_waste,
//! };
//! // 30 yoghurts, 10 expire in 2 days and 20 in 5; 4 sell a day.
//! let lots = [Lot::new("a", 10.0, 2, 1.5), Lot::new("b", 20.0, 5, 1.5)];
//! let proj = project_waste(&lots, Demand::flat(4.0), 0)?;
//! assert_eq!((proj[0].unsold, proj[1].unsold), (2.0, 8.0));
//! // Offer the 10 at-risk units to a food bank 12 km away that takes 6.
//! let problem = WastePlanProblem {
//!     lots: lots
//!         .iter()
//!         .zip(&proj)
//!         .map(|(l, p)| PlanLot::new(&l.id, "store-1", p.unsold, l.days_to_expiry))
//!         .collect(),
//!     destinations: vec![Destination::donation("food-bank", 6.0, 0.5)],
//!     legs: vec![Leg::new("store-1", "food-bank", 12.0)],
//!     ..Default::default()
//! };
//! let plan = plan_waste(&problem)?;
//! assert_eq!(plan.totals.units_rescued, 6.0);
//! assert_eq!(plan.totals.units_wasted, 4.0);
//! # Ok::<(), flowcast_expiry::Error>(())
//! ```

mod plan;
mod projection;

pub use plan::{
    Assignment, DEFAULT_CO2E_PER_KG, Destination, DestinationKind, Excluded, ExclusionReason, Leg,
    LotOutcome, Markdown, MarkdownScope, Outlet, PlanLot, Totals, WastePlan, WastePlanProblem,
    plan_waste,
};
pub use projection::{Demand, Lot, LotFate, LotProjection, project_waste};

use std::collections::HashMap;

use flowcast_core::{ErrorCode, ValidationError, check};

/// `list[i].name`, the field name of a struct inside a list input.
fn field(list: &str, i: usize, name: &str) -> String {
    format!("{list}[{i}].{name}")
}

/// Renames the field of a validator's error to `list[i].name`.
fn named(e: ValidationError, list: &str, i: usize, name: &str) -> ValidationError {
    ValidationError {
        field: field(list, i, name).into(),
        ..e
    }
}

/// A finite value ≥ 0, reported as `list[i].name`.
fn non_negative(list: &str, i: usize, name: &str, v: f64) -> Result<f64, ValidationError> {
    check::non_negative("", v).map_err(|e| named(e, list, i, name))
}

/// A value ≥ 0 that may be +∞ (no limit), reported as `list[i].name`.
fn limit(list: &str, i: usize, name: &str, v: f64) -> Result<f64, ValidationError> {
    if v == f64::INFINITY {
        Ok(v)
    } else {
        non_negative(list, i, name, v)
    }
}

/// Index of every id in `ids`, or an error naming the first repeat.
fn unique_ids<'a>(
    list: &str,
    ids: impl Iterator<Item = &'a str>,
) -> Result<HashMap<&'a str, usize>, ValidationError> {
    let mut seen = HashMap::new();
    for (i, id) in ids.enumerate() {
        if let Some(j) = seen.insert(id, i) {
            return Err(ValidationError::new(
                ErrorCode::Duplicate,
                field(list, i, "id"),
                format!("{id:?}"),
                format!("repeats {}: ids must be unique", field(list, j, "id")),
            ));
        }
    }
    Ok(seen)
}

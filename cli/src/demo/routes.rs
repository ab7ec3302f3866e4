//! Replenishment routes: one day's deliveries from the depot to the pharmacies that must reorder,
//! planned with the routing solver (`flowcast-vrp`) and verified by its independent checker.
//!
//! Each pharmacy with an order is one client whose demand is the units it orders (all SKUs
//! together); it takes [`SERVICE_MIN`] minutes to unload and accepts deliveries within
//! [`WINDOW`]; vans work the [`SHIFT`]. Distances are the demo's road distances
//! ([`km`]); travel times follow from the slowest vehicle's average speed.

use flowcast_core::Threads;
use flowcast_vrp::{
    Client, Depot, Matrix, Problem, SolveOptions, VehicleType, Violation, check, solve,
};
use serde::Serialize;

use super::cold_chain::km;
use super::data::{Network, Site, Vehicle};
use super::plan::Policy;
use crate::error::CliError;

/// Unloading time per stop, minutes.
pub(crate) const SERVICE_MIN: f64 = 15.0;
/// When pharmacies take deliveries, minutes from midnight (08:00–18:00).
pub(crate) const WINDOW: (f64, f64) = (8.0 * 60.0, 18.0 * 60.0);
/// When vans may leave and must be back, minutes from midnight (07:00–19:00).
pub(crate) const SHIFT: (f64, f64) = (7.0 * 60.0, 19.0 * 60.0);

/// The day's delivery routes, serialised as `report.json`'s `routes`.
#[derive(Debug, Serialize)]
pub(crate) struct RoutePlan {
    pub depot_id: String,
    pub depot_name: String,
    /// `HH:MM–HH:MM`.
    pub shift: String,
    pub delivery_window: String,
    pub service_min: f64,
    /// The speed travel times assume (the slowest vehicle's).
    pub speed_kmh: f64,
    /// The checker found no broken rule and every pharmacy with an order is served.
    pub feasible: bool,
    /// What the checker found wrong, `code: detail` (empty when feasible).
    pub violations: Vec<String>,
    pub routes: Vec<RouteOut>,
    /// Pharmacies with an order that no route serves.
    pub unserved: Vec<UnservedOut>,
    pub totals: RouteTotals,
}

/// One vehicle's route.
#[derive(Debug, Serialize)]
pub(crate) struct RouteOut {
    /// e.g. `van 1`.
    pub vehicle: String,
    pub vehicle_type: String,
    pub capacity_units: f64,
    pub departure: String,
    pub return_time: String,
    pub stops: Vec<StopOut>,
    pub units: f64,
    pub km: f64,
    /// Depot to depot, waiting included.
    pub minutes: f64,
    /// Fixed cost plus cost per km.
    pub cost: f64,
}

/// One delivery.
#[derive(Debug, Serialize)]
pub(crate) struct StopOut {
    pub site_id: String,
    pub name: String,
    pub units: f64,
    /// `HH:MM`.
    pub arrival: String,
}

/// A pharmacy with an order left off the routes.
#[derive(Debug, Serialize)]
pub(crate) struct UnservedOut {
    pub site_id: String,
    pub name: String,
    pub units: f64,
    /// The solver's code (`demand_exceeds_capacity`, `time_window_unreachable`, …) or
    /// `not_routed` when the fleet could not fit it in.
    pub reason: String,
    pub detail: String,
}

#[derive(Debug, Default, Serialize)]
pub(crate) struct RouteTotals {
    pub routes: usize,
    pub stops: usize,
    pub units: f64,
    pub km: f64,
    pub minutes: f64,
    pub cost: f64,
}

/// Routes for the pharmacies with an order in `policies`, or `None` when the data folder has
/// no `vehicles.csv`.
pub(crate) fn replenishment_routes(
    net: &Network,
    policies: &[Policy],
) -> Result<Option<RoutePlan>, CliError> {
    let Some(vehicles) = &net.vehicles else {
        return Ok(None);
    };
    let depot = net
        .sites
        .iter()
        .find(|s| s.kind == "depot")
        .ok_or_else(|| {
            CliError::bad(
                &net.dir.join("sites.csv"),
                "no row with kind = depot: vehicles.csv needs a depot to route from",
            )
        })?;
    let mut orders: Vec<(&Site, f64)> = Vec::new();
    for site in net.sites.iter().filter(|s| s.kind != "depot") {
        let units: f64 = policies
            .iter()
            .filter(|p| p.site_id == site.site_id)
            .map(|p| p.order_now)
            .sum();
        if units > 0.0 {
            orders.push((site, units));
        }
    }
    plan_routes(depot, &orders, vehicles)
        .map(Some)
        .map_err(|e| CliError::bad(&net.dir.join("vehicles.csv"), e))
}

/// Plans deliveries of `units` to each `(site, units)` from `depot` with `vehicles`.
///
/// # Errors
/// The problem is invalid (e.g. a vehicle count of 0) or the solver cannot start.
pub(crate) fn plan_routes(
    depot: &Site,
    orders: &[(&Site, f64)],
    vehicles: &[Vehicle],
) -> Result<RoutePlan, String> {
    let speed_kmh = vehicles
        .iter()
        .map(|v| v.speed_kmh)
        .fold(f64::INFINITY, f64::min);
    let mut plan = RoutePlan {
        depot_id: depot.site_id.clone(),
        depot_name: depot.name.clone(),
        shift: span(SHIFT),
        delivery_window: span(WINDOW),
        service_min: SERVICE_MIN,
        speed_kmh,
        feasible: true,
        violations: Vec::new(),
        routes: Vec::new(),
        unserved: Vec::new(),
        totals: RouteTotals::default(),
    };
    if orders.is_empty() {
        return Ok(plan);
    }

    let places: Vec<(f64, f64)> = std::iter::once(depot)
        .chain(orders.iter().map(|(s, _)| *s))
        .map(|s| (s.lat, s.lon))
        .collect();
    let n = places.len();
    let distance = Matrix::from_fn(n, |i, j| {
        if i == j {
            0.0
        } else {
            km(places[i], places[j])
        }
    });
    let duration = Matrix::from_fn(n, |i, j| distance.get(i, j) / speed_kmh * 60.0);
    let problem = Problem::new(
        "replenishment",
        vec![Depot {
            name: depot.site_id.clone(),
            x: depot.lon,
            y: depot.lat,
            tw_early: SHIFT.0,
            tw_late: SHIFT.1,
        }],
        orders
            .iter()
            .map(|(s, units)| Client {
                service: SERVICE_MIN,
                tw_early: WINDOW.0,
                tw_late: WINDOW.1,
                ..Client::new(s.site_id.clone(), s.lon, s.lat, vec![*units])
            })
            .collect(),
        vehicles
            .iter()
            .map(|v| VehicleType {
                fixed_cost: v.fixed_cost,
                tw_early: SHIFT.0,
                tw_late: SHIFT.1,
                unit_distance_cost: v.cost_per_km,
                ..VehicleType::new(v.vehicle_type.clone(), v.count, vec![v.capacity_units])
            })
            .collect(),
        distance,
        duration,
    )
    .map_err(|e| e.to_string())?;
    let options = SolveOptions {
        time_limit: None,
        max_iterations: Some(2000),
        seed: 1,
        threads: Threads::from_count(1),
        ..Default::default()
    };
    let result = solve(&problem, &options).map_err(|e| e.to_string())?;
    let report = check(&problem, &result.solution);

    let mut used = vec![0usize; vehicles.len()];
    for r in report.routes.iter().filter(|r| !r.stops.is_empty()) {
        let v = &vehicles[r.vehicle_type];
        used[r.vehicle_type] += 1;
        let stops: Vec<StopOut> = r
            .stops
            .iter()
            .map(|s| {
                let (site, units) = orders[s.client];
                StopOut {
                    site_id: site.site_id.clone(),
                    name: site.name.clone(),
                    units,
                    arrival: clock(s.arrival),
                }
            })
            .collect();
        plan.routes.push(RouteOut {
            vehicle: format!("{} {}", v.vehicle_type, used[r.vehicle_type]),
            vehicle_type: v.vehicle_type.clone(),
            capacity_units: v.capacity_units,
            departure: clock(r.departure),
            return_time: clock(r.return_time),
            units: r.load.iter().sum(),
            stops,
            km: r.distance,
            minutes: r.duration,
            cost: r.cost,
        });
    }
    for &c in &report.unvisited {
        let (site, units) = orders[c];
        let (reason, detail) = match result.unserved.iter().find(|u| u.client == c) {
            Some(u) => (u.reason.as_str().to_string(), u.reason.to_string()),
            None => (
                "not_routed".to_string(),
                "the fleet could not fit it into its routes".to_string(),
            ),
        };
        plan.unserved.push(UnservedOut {
            site_id: site.site_id.clone(),
            name: site.name.clone(),
            units,
            reason,
            detail,
        });
    }
    plan.feasible = report.feasible;
    plan.violations = report
        .violations
        .iter()
        // Unvisited pharmacies are listed with their reason already.
        .filter(|v| !matches!(v, Violation::RequiredNotVisited { .. }))
        .map(|v| format!("{}: {v}", v.code()))
        .collect();
    plan.totals = RouteTotals {
        routes: plan.routes.len(),
        stops: plan.routes.iter().map(|r| r.stops.len()).sum(),
        units: plan.routes.iter().map(|r| r.units).sum(),
        km: report.distance,
        minutes: report.duration,
        cost: report.cost,
    };
    Ok(plan)
}

/// `HH:MM` of minutes from midnight, to the nearest minute.
fn clock(minutes: f64) -> String {
    let m = minutes.round() as i64;
    format!("{:02}:{:02}", m.div_euclid(60), m.rem_euclid(60))
}

fn span((from, to): (f64, f64)) -> String {
    format!("{}–{}", clock(from), clock(to))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(id: &str, lat: f64, lon: f64) -> Site {
        Site {
            site_id: id.into(),
            name: format!("Site {id}"),
            kind: if id == "D" { "depot" } else { "pharmacy" }.into(),
            lat,
            lon,
        }
    }

    fn van(count: usize, capacity_units: f64) -> Vehicle {
        Vehicle {
            vehicle_type: "van".into(),
            count,
            capacity_units,
            speed_kmh: 30.0,
            cost_per_km: 0.6,
            fixed_cost: 25.0,
        }
    }

    #[test]
    fn tiny_network_needs_two_vans_and_serves_everyone_once() {
        let depot = site("D", 45.0, 4.0);
        let sites = [
            site("A", 45.02, 4.0),
            site("B", 45.0, 4.03),
            site("C", 44.98, 4.0),
        ];
        let orders: Vec<(&Site, f64)> = sites.iter().zip([60.0, 50.0, 40.0]).collect();
        let plan = plan_routes(&depot, &orders, &[van(2, 100.0)]).unwrap();
        assert!(plan.feasible, "{:?}", plan.violations);
        assert!(plan.unserved.is_empty());
        assert_eq!(plan.routes.len(), 2, "150 units in vans of 100");
        let mut seen: Vec<&str> = plan
            .routes
            .iter()
            .flat_map(|r| r.stops.iter().map(|s| s.site_id.as_str()))
            .collect();
        seen.sort_unstable();
        assert_eq!(seen, ["A", "B", "C"]);
        for r in &plan.routes {
            assert!(r.units <= 100.0);
            assert_eq!(r.units, r.stops.iter().map(|s| s.units).sum::<f64>());
            // Fixed cost plus 0.6 per km.
            assert!((r.cost - (25.0 + 0.6 * r.km)).abs() < 1e-9);
            for s in &r.stops {
                assert!(s.arrival.as_str() >= "08:00" && s.arrival.as_str() <= "18:00");
            }
        }
        assert_eq!(plan.totals.units, 150.0);
        assert!((plan.totals.cost - plan.routes.iter().map(|r| r.cost).sum::<f64>()).abs() < 1e-9);
    }

    #[test]
    fn an_order_larger_than_any_van_is_reported_not_routed() {
        let depot = site("D", 45.0, 4.0);
        let sites = [site("A", 45.02, 4.0), site("B", 45.0, 4.03)];
        let orders: Vec<(&Site, f64)> = sites.iter().zip([60.0, 500.0]).collect();
        let plan = plan_routes(&depot, &orders, &[van(2, 100.0)]).unwrap();
        assert!(!plan.feasible);
        assert_eq!(plan.unserved.len(), 1);
        assert_eq!(plan.unserved[0].site_id, "B");
        assert_eq!(plan.unserved[0].reason, "demand_exceeds_capacity");
        assert_eq!(plan.totals.units, 60.0);
        assert!(plan.violations.is_empty());
    }

    #[test]
    fn clock_rounds_to_the_minute() {
        assert_eq!(clock(487.6), "08:08");
        assert_eq!(span(SHIFT), "07:00–19:00");
    }
}

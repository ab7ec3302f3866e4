//! Whole random problems: they validate or are refused (never panic), round-trip through JSON,
//! and the checker's numbers obey what the route semantics imply, for any solution.

use flowcast_vrp::format::{from_json, to_json};
use flowcast_vrp::{
    Client, Depot, Matrix, Problem, Rounding, Route, Solution, VehicleType, check, check_route,
};
use proptest::prelude::*;

/// +∞ one time in four, else a value in `range`.
fn limit(range: std::ops::Range<f64>) -> impl Strategy<Value = f64> {
    prop_oneof![1 => Just(f64::INFINITY), 3 => range]
}

fn problem() -> impl Strategy<Value = Option<Problem>> {
    (1usize..3, 0usize..8, 1usize..3, 0usize..3).prop_flat_map(
        |(n_depots, n_clients, n_types, dims)| {
            let depot = (
                -50.0..50.0f64,
                -50.0..50.0f64,
                0.0..20.0f64,
                limit(20.0..300.0),
            )
                .prop_map(|(x, y, e, l)| Depot {
                    tw_early: e,
                    tw_late: l,
                    ..Depot::new("d", x, y)
                });
            let client = (
                (-50.0..50.0f64, -50.0..50.0f64),
                prop::collection::vec(0.0..10.0f64, dims),
                0.0..5.0f64,
                (0.0..100.0f64, limit(0.0..150.0)),
                any::<bool>(),
                0.0..20.0f64,
            )
                .prop_map(
                    |((x, y), demand, service, (e, w), required, prize)| Client {
                        service,
                        tw_early: e,
                        tw_late: e + w,
                        required,
                        prize,
                        ..Client::new("c", x, y, demand)
                    },
                );
            let vehicle_type = (
                0usize..3,
                prop::collection::vec(0.0..30.0f64, dims),
                (0.0..10.0f64, 0.0..2.0f64, 0.0..1.0f64),
                (0..n_depots, 0..n_depots),
                (0.0..10.0f64, limit(100.0..400.0)),
                (limit(20.0..300.0), limit(20.0..300.0)),
            )
                .prop_map(
                    move |(
                        count,
                        capacity,
                        (fixed, unit_distance, unit_duration),
                        (s, e),
                        (tw_e, tw_l),
                        (md, mx),
                    )| {
                        VehicleType {
                            fixed_cost: fixed,
                            unit_distance_cost: unit_distance,
                            unit_duration_cost: unit_duration,
                            start_depot: s,
                            end_depot: e,
                            tw_early: tw_e,
                            tw_late: tw_l,
                            max_duration: md,
                            max_distance: mx,
                            ..VehicleType::new("v", count, capacity)
                        }
                    },
                );
            let n = n_depots + n_clients;
            let matrices = prop_oneof![
                prop_oneof![
                    Just(Rounding::Exact),
                    Just(Rounding::Nearest),
                    Just(Rounding::Ceil)
                ]
                .prop_map(Err),
                (
                    prop::collection::vec(0.0..60.0f64, n * n),
                    prop::collection::vec(0.0..60.0f64, n * n)
                )
                    .prop_map(move |(d, t)| Ok((
                        Matrix::new(n, d).unwrap(),
                        Matrix::new(n, t).unwrap()
                    ))),
            ];
            (
                prop::collection::vec(depot, n_depots),
                prop::collection::vec(client, n_clients),
                prop::collection::vec(vehicle_type, n_types),
                matrices,
            )
                .prop_map(|(depots, clients, types, matrices)| {
                    match matrices {
                        Err(rounding) => {
                            Problem::from_coordinates("random", depots, clients, types, rounding)
                        }
                        Ok((d, t)) => Problem::new("random", depots, clients, types, d, t),
                    }
                    .ok()
                })
        },
    )
}

fn solution() -> impl Strategy<Value = Solution> {
    let route = (0usize..4, prop::collection::vec(0usize..9, 0..6))
        .prop_map(|(v, visits)| Route::new(v, visits));
    prop::collection::vec(route, 0..5).prop_map(Solution::new)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn random_problems_round_trip_and_check_consistently(p in problem(), s in solution()) {
        let Some(p) = p else { return Ok(()) };
        prop_assert_eq!(&from_json(&to_json(&p)).unwrap(), &p);

        let r = check(&p, &s);
        prop_assert_eq!(r.routes.len(), s.routes.len());
        let route_costs: f64 = r.routes.iter().map(|x| x.cost).sum();
        prop_assert!(close(r.cost, route_costs + r.uncollected_prizes));
        prop_assert_eq!(r.feasible, r.violations.is_empty());
        for (route, report) in s.routes.iter().zip(&r.routes) {
            let Some(vt) = p.vehicle_types().get(route.vehicle_type) else { continue };
            let known: Vec<usize> = route.visits.iter().copied().filter(|&c| c < p.clients().len()).collect();
            if route.visits.is_empty() {
                prop_assert_eq!(report.cost, 0.0);
                continue;
            }
            // Distance: the legs, summed here.
            let mut at = vt.start_depot;
            let mut distance = 0.0;
            let mut travel = 0.0;
            for &c in &known {
                distance += p.distance(at, p.client_location(c));
                travel += p.duration(at, p.client_location(c)) + p.clients()[c].service;
                at = p.client_location(c);
            }
            distance += p.distance(at, vt.end_depot);
            travel += p.duration(at, vt.end_depot);
            prop_assert!(close(report.distance, distance));
            // Duration: at least travel and service, at most leaving as early as allowed.
            prop_assert!(report.duration >= travel - 1e-9 * (1.0 + travel));
            let earliest = vt.tw_early.max(p.depots()[vt.start_depot].tw_early);
            prop_assert!(report.departure >= earliest);
            prop_assert!(close(report.return_time - report.departure, report.duration));
            // Replaying the schedule from its departure here gives the same stops.
            let mut t = report.departure;
            let mut at = vt.start_depot;
            for (stop, &c) in report.stops.iter().zip(&known) {
                let arrival = t + p.duration(at, p.client_location(c));
                prop_assert!(close(stop.arrival, arrival));
                t = arrival.max(p.clients()[c].tw_early) + p.clients()[c].service;
                at = p.client_location(c);
            }
            prop_assert!(close(report.return_time, t + p.duration(at, vt.end_depot)));
        }

        // Unservable clients: no vehicle type (with vehicles) serves them alone; others some.
        for c in 0..p.clients().len() {
            let alone_ok = p.vehicle_types().iter().enumerate().any(|(v, vt)| {
                vt.count > 0 && check_route(&p, 0, &Route::new(v, vec![c])).1.is_empty()
            });
            prop_assert_eq!(p.unservable_reason(c).is_none(), alone_ok, "client {}", c);
        }
    }
}

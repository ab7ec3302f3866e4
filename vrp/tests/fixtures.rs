//! Tiny hand-checkable problems, one or two per rule of the checker. Each test says what it
//! proves; every expected number can be worked out on paper from the fixture.

use flowcast_vrp::{
    Client, Depot, Problem, Rounding, Route, Solution, Unservable, VehicleType, Violation, check,
};

/// A depot at 0 and clients on the x axis at 1, 2, 3, 4 (so every distance is a difference of
/// positions), demand 1 each, two vehicles of capacity 3, no time windows.
fn line() -> Problem {
    line_with(|_, _| {})
}

/// [`line`] after `edit` changes its clients and vehicle type.
fn line_with(edit: impl FnOnce(&mut Vec<Client>, &mut VehicleType)) -> Problem {
    let mut clients: Vec<Client> = (1..=4)
        .map(|k| Client::new(k.to_string(), f64::from(k), 0.0, vec![1.0]))
        .collect();
    let mut vt = VehicleType::new("van", 2, vec![3.0]);
    edit(&mut clients, &mut vt);
    Problem::from_coordinates(
        "line",
        vec![Depot::new("depot", 0.0, 0.0)],
        clients,
        vec![vt],
        Rounding::Exact,
    )
    .unwrap()
}

fn routes(routes: &[&[usize]]) -> Solution {
    Solution::new(routes.iter().map(|r| Route::new(0, r.to_vec())).collect())
}

fn codes(p: &Problem, s: &Solution) -> Vec<&'static str> {
    check(p, s).violations.iter().map(Violation::code).collect()
}

/// A feasible solution costs its distance: 0→1→2→3→0 is 6, 0→4→0 is 8.
#[test]
fn feasible_solution_costs_its_distance() {
    let r = check(&line(), &routes(&[&[0, 1, 2], &[3]]));
    assert!(r.feasible, "{r}");
    assert_eq!((r.cost, r.distance, r.duration), (14.0, 14.0, 14.0));
    assert_eq!(r.routes[0].load, [3.0]);
    assert_eq!(r.routes[1].stops[0].arrival, 4.0);
    assert!(r.unvisited.is_empty());
}

/// Four clients of demand 1 on one vehicle of capacity 3: load 4 > 3 in dimension 0.
#[test]
fn capacity_exceeded() {
    let r = check(&line(), &routes(&[&[0, 1, 2, 3]]));
    assert_eq!(
        r.violations,
        [Violation::CapacityExceeded {
            route: 0,
            dimension: 0,
            load: 4.0,
            capacity: 3.0
        }]
    );
    assert!(!r.routes[0].feasible);
}

/// With a second load dimension (capacity 2, each client 1), three clients overload only
/// dimension 1, and the violation names it.
#[test]
fn capacity_exceeded_names_the_dimension() {
    let p = line_with(|clients, vt| {
        for c in clients.iter_mut() {
            c.demand.push(1.0);
        }
        vt.capacity.push(2.0);
    });
    let r = check(&p, &routes(&[&[0, 1, 2], &[3]]));
    assert_eq!(
        r.violations,
        [Violation::CapacityExceeded {
            route: 0,
            dimension: 1,
            load: 3.0,
            capacity: 2.0
        }]
    );
}

/// A load within the 1e-6 relative tolerance is not a violation.
#[test]
fn capacity_within_tolerance() {
    let p = line_with(|clients, _| clients[0].demand[0] = 1.000_001);
    assert!(check(&p, &routes(&[&[0, 1, 2], &[3]])).feasible);
}

/// Client 3 is left out: it is reported and listed as unvisited.
#[test]
fn required_client_not_visited() {
    let r = check(&line(), &routes(&[&[0, 1, 2]]));
    assert_eq!(r.violations, [Violation::RequiredNotVisited { client: 3 }]);
    assert_eq!(r.unvisited, [3]);
}

/// Client 1 on both routes: one violation counting two visits (and no capacity problem).
#[test]
fn client_visited_twice() {
    let r = check(&line(), &routes(&[&[0, 1], &[1, 2, 3]]));
    assert_eq!(
        r.violations,
        [Violation::VisitedMoreThanOnce {
            client: 1,
            times: 2
        }]
    );
}

/// Client 7 does not exist: reported with its position, and left out of the route's numbers
/// (the route 0→1→2→3→0 is still 6 long).
#[test]
fn unknown_client() {
    let r = check(&line(), &routes(&[&[0, 1, 2, 7], &[3]]));
    assert_eq!(
        r.violations,
        [Violation::UnknownClient {
            route: 0,
            position: 3,
            client: 7
        }]
    );
    assert_eq!(r.routes[0].distance, 6.0);
}

/// Vehicle type 5 does not exist: the route is reported and its clients count as visited.
#[test]
fn unknown_vehicle_type() {
    let s = Solution::new(vec![Route::new(0, vec![0, 1, 2]), Route::new(5, vec![3])]);
    let r = check(&line(), &s);
    assert_eq!(
        r.violations,
        [Violation::UnknownVehicleType {
            route: 1,
            vehicle_type: 5
        }]
    );
}

/// Three routes for two vehicles is one too many; empty routes do not count.
#[test]
fn too_many_routes_but_empty_ones_are_ignored() {
    let r = check(&line(), &routes(&[&[0, 1], &[2], &[3]]));
    assert_eq!(
        r.violations,
        [Violation::TooManyRoutes {
            vehicle_type: 0,
            used: 3,
            count: 2
        }]
    );
    let r = check(&line(), &routes(&[&[], &[0, 1, 2], &[], &[3], &[]]));
    assert!(r.feasible, "{r}");
    assert_eq!(r.cost, 14.0);
    assert_eq!(r.routes.len(), 5);
}

/// max_distance 7: the route to client 3 (at 4) and back is 8.
#[test]
fn max_distance_exceeded() {
    let p = line_with(|_, vt| vt.max_distance = 7.0);
    let r = check(&p, &routes(&[&[0, 1, 2], &[3]]));
    assert_eq!(
        r.violations,
        [Violation::MaxDistanceExceeded {
            route: 1,
            distance: 8.0,
            max_distance: 7.0
        }]
    );
}

/// Client 3 (at 4) must be reached by 3: arriving at 4 is late. Its other route stays feasible.
#[test]
fn time_window_missed() {
    let p = line_with(|clients, _| clients[3].tw_late = 3.0);
    let r = check(&p, &routes(&[&[0, 1, 2], &[3]]));
    assert_eq!(
        r.violations,
        [Violation::TimeWindowMissed {
            route: 1,
            client: 3,
            arrival: 4.0,
            tw_late: 3.0
        }]
    );
    assert!(r.routes[0].feasible && !r.routes[1].feasible);
}

/// Service of 2 at each client and a depot closing at 11: route 0→1→2→3 arrives back at
/// 3 + 3·2 + 3 = 12, late; route 0→4→0 is back at 4 + 2 + 4 = 10, in time.
#[test]
fn late_return_to_the_depot() {
    let clients: Vec<Client> = (1..=4)
        .map(|k| Client {
            service: 2.0,
            ..Client::new(k.to_string(), f64::from(k), 0.0, vec![1.0])
        })
        .collect();
    let depot = Depot {
        tw_late: 11.0,
        ..Depot::new("depot", 0.0, 0.0)
    };
    let p = Problem::from_coordinates(
        "closing",
        vec![depot],
        clients,
        vec![VehicleType::new("van", 2, vec![3.0])],
        Rounding::Exact,
    )
    .unwrap();
    let r = check(&p, &routes(&[&[0, 1, 2], &[3]]));
    assert_eq!(
        r.violations,
        [Violation::LateReturn {
            route: 0,
            arrival: 12.0,
            tw_late: 11.0
        }]
    );
    // The vehicle's own shift end binds the same way.
    let p = line_with(|_, vt| vt.tw_late = 7.0);
    assert_eq!(codes(&p, &routes(&[&[0, 1, 2], &[3]])), ["late_return"]);
}

/// Client 3 (at 4) opens at 20. Leaving at 0 means arriving at 4 and waiting 16; the vehicle may
/// leave at 16 instead, so the duration is 8 (not 24) and max_duration 8 is met, while a
/// max_duration of 7 is exceeded by that minimum duration.
#[test]
fn duration_is_the_minimum_over_departure_times() {
    let p = line_with(|clients, vt| {
        clients[3].tw_early = 20.0;
        vt.max_duration = 8.0;
    });
    let r = check(&p, &routes(&[&[0, 1, 2], &[3]]));
    assert!(r.feasible, "{r}");
    let route = &r.routes[1];
    assert_eq!(
        (route.departure, route.duration, route.return_time),
        (16.0, 8.0, 24.0)
    );
    assert_eq!((route.stops[0].arrival, route.stops[0].start), (20.0, 20.0));
    assert_eq!(r.duration, 6.0 + 8.0);

    let p = line_with(|clients, vt| {
        clients[3].tw_early = 20.0;
        vt.max_duration = 7.0;
    });
    assert_eq!(
        check(&p, &routes(&[&[0, 1, 2], &[3]])).violations,
        [Violation::MaxDurationExceeded {
            route: 1,
            duration: 8.0,
            max_duration: 7.0
        }]
    );
}

/// The waiting cannot always be removed. Client 0 (at 1) must be reached by 2, client 1 (at 2)
/// opens at 30. Leaving at 0: arrive 1, arrive 2, wait until 30, back at 32 (duration 32).
/// Leaving later than 1 makes client 0 late, so the best departure is 1 and the duration 31.
/// A brute-force scan of departure times in this test agrees.
#[test]
fn duration_keeps_waiting_that_a_later_window_forces() {
    let p = line_with(|clients, _| {
        clients[0].tw_late = 2.0;
        clients[1].tw_early = 30.0;
    });
    let r = check(&p, &routes(&[&[0, 1], &[2, 3]]));
    assert!(r.feasible, "{r}");
    assert_eq!((r.routes[0].departure, r.routes[0].duration), (1.0, 31.0));

    // Brute force: simulate the route from every departure in steps of 1/8.
    let simulate = |t0: f64| -> Option<f64> {
        let (a0, l0, e1) = (t0 + 1.0, 2.0, 30.0);
        if a0 > l0 {
            return None;
        }
        let a1 = a0 + 1.0;
        let back = a1.max(e1) + 2.0;
        Some(back - t0)
    };
    let best = (0..=400)
        .filter_map(|k| simulate(f64::from(k) / 8.0))
        .fold(f64::INFINITY, f64::min);
    assert_eq!(best, 31.0);
}

/// The shift start bounds the departure: with the vehicle available from 5 only, the route to
/// client 3 (open from 20) leaves at 16 as before, but a route to client 0 (at 1) leaves at 5.
/// A depot opening at 8 bounds it the same way.
#[test]
fn departure_is_not_before_the_shift_or_the_depot_opens() {
    let p = line_with(|clients, vt| {
        clients[3].tw_early = 20.0;
        vt.tw_early = 5.0;
    });
    let r = check(&p, &routes(&[&[0, 1, 2], &[3]]));
    assert_eq!((r.routes[0].departure, r.routes[1].departure), (5.0, 16.0));
    assert_eq!(r.routes[0].stops[0].arrival, 6.0);

    let clients: Vec<Client> = (1..=4)
        .map(|k| Client::new(k.to_string(), f64::from(k), 0.0, vec![1.0]))
        .collect();
    let depot = Depot {
        tw_early: 8.0,
        ..Depot::new("depot", 0.0, 0.0)
    };
    let p = Problem::from_coordinates(
        "late opening",
        vec![depot],
        clients,
        vec![VehicleType::new("van", 2, vec![3.0])],
        Rounding::Exact,
    )
    .unwrap();
    let r = check(&p, &routes(&[&[0, 1, 2], &[3]]));
    assert_eq!(
        (r.routes[0].departure, r.routes[0].return_time),
        (8.0, 14.0)
    );
}

/// Costs: fixed 100 per used vehicle, 2 per unit of distance, 0.5 per unit of duration, plus the
/// prize 7 of an optional client left out; an empty route costs nothing.
#[test]
fn costs_fixed_unit_and_prizes() {
    let p = line_with(|clients, vt| {
        vt.fixed_cost = 100.0;
        vt.unit_distance_cost = 2.0;
        vt.unit_duration_cost = 0.5;
        clients[3].required = false;
        clients[3].prize = 7.0;
    });
    let r = check(&p, &routes(&[&[0, 1, 2], &[]]));
    assert!(r.feasible, "{r}");
    assert_eq!(r.unvisited, [3]);
    assert_eq!((r.fixed_cost, r.uncollected_prizes), (100.0, 7.0));
    assert_eq!(r.cost, 100.0 + 2.0 * 6.0 + 0.5 * 6.0 + 7.0);
    assert_eq!(r.routes[1].cost, 0.0);
    // Visiting it instead: a second vehicle, 8 more distance and duration, no prize.
    let r = check(&p, &routes(&[&[0, 1, 2], &[3]]));
    assert_eq!(r.cost, 200.0 + 2.0 * 14.0 + 0.5 * 14.0);
}

/// Two depots: the vehicle leaves depot 1 (at 10) and ends at depot 0 (at 0). Route to client
/// 3 (at 4): 6 + 4 = 10.
#[test]
fn start_and_end_depots_differ() {
    let clients: Vec<Client> = (1..=4)
        .map(|k| Client::new(k.to_string(), f64::from(k), 0.0, vec![1.0]))
        .collect();
    let vt = VehicleType {
        start_depot: 1,
        end_depot: 0,
        ..VehicleType::new("van", 2, vec![3.0])
    };
    let p = Problem::from_coordinates(
        "two depots",
        vec![Depot::new("west", 0.0, 0.0), Depot::new("east", 10.0, 0.0)],
        clients,
        vec![vt],
        Rounding::Exact,
    )
    .unwrap();
    assert_eq!(p.client_location(0), 2);
    let r = check(&p, &routes(&[&[3], &[2, 1, 0]]));
    assert!(r.feasible, "{r}");
    assert_eq!((r.routes[0].distance, r.routes[1].distance), (10.0, 10.0));
}

/// A route may break several rules at once and every one is listed, route rules first.
#[test]
fn all_violations_are_listed() {
    let p = line_with(|clients, vt| {
        clients[2].tw_late = 1.0;
        vt.max_distance = 5.0;
    });
    let s = routes(&[&[0, 1, 2, 3, 9], &[0]]);
    assert_eq!(
        codes(&p, &s),
        [
            "unknown_client",
            "capacity_exceeded",
            "time_window_missed",
            "max_distance_exceeded",
            "visited_more_than_once",
        ]
    );
}

/// Why a client cannot be served, even alone, for each reason; and the type that gets furthest
/// decides when there are several types.
#[test]
fn unservable_reasons() {
    // Demand 4 > capacity 3.
    let p = line_with(|clients, _| clients[0].demand[0] = 4.0);
    assert_eq!(
        p.unservable_reason(0),
        Some(Unservable::DemandExceedsCapacity { dimension: 0 })
    );
    assert_eq!(p.unservable_reason(1), None);
    // Client at 4 must be reached by 3.
    let p = line_with(|clients, _| clients[3].tw_late = 3.0);
    assert_eq!(
        p.unservable_reason(3),
        Some(Unservable::TimeWindowUnreachable)
    );
    // Shift ends at 7: client at 4 is reached at 4 but the vehicle is back at 8.
    let p = line_with(|_, vt| vt.tw_late = 7.0);
    assert_eq!(p.unservable_reason(3), Some(Unservable::CannotReturnInTime));
    assert_eq!(p.unservable_reason(2), None);
    // Service 10 at client 3 with max_duration 15: 4 + 10 + 4 = 18.
    let p = line_with(|clients, vt| {
        clients[3].service = 10.0;
        vt.max_duration = 15.0;
    });
    assert_eq!(
        p.unservable_reason(3),
        Some(Unservable::MaxDurationTooShort)
    );
    // max_distance 7 < 8.
    let p = line_with(|_, vt| vt.max_distance = 7.0);
    assert_eq!(
        p.unservable_reason(3),
        Some(Unservable::MaxDistanceTooShort)
    );
    assert_eq!(
        p.unservable_clients(),
        [(3, Unservable::MaxDistanceTooShort)]
    );
    assert_eq!(
        Unservable::MaxDistanceTooShort.as_str(),
        "max_distance_too_short"
    );

    // Two types: a small one (capacity 3) and one that is big enough but too short-ranged: the
    // big one got further, so the reason is its distance limit. A type with count 0 is ignored.
    let small = VehicleType::new("small", 1, vec![3.0]);
    let big = VehicleType {
        max_distance: 7.0,
        ..VehicleType::new("big", 1, vec![10.0])
    };
    let huge = VehicleType::new("huge", 0, vec![100.0]);
    let clients: Vec<Client> = (1..=4)
        .map(|k| Client::new(k.to_string(), f64::from(k), 0.0, vec![f64::from(k)]))
        .collect();
    let p = Problem::from_coordinates(
        "two types",
        vec![Depot::new("d", 0.0, 0.0)],
        clients,
        vec![small, big, huge],
        Rounding::Exact,
    )
    .unwrap();
    assert_eq!(
        p.unservable_reason(3),
        Some(Unservable::MaxDistanceTooShort)
    );
    assert_eq!(p.unservable_reason(2), None);
}

//! `Problem::new` reports every issue at once, with stable codes and exact locations.

use flowcast_vrp::{
    Client, Depot, IssueCode, Matrix, Problem, ProblemErrors, Rounding, VehicleType,
};

fn issues(e: &ProblemErrors) -> Vec<(&'static str, &str)> {
    e.issues()
        .iter()
        .map(|i| (i.code.as_str(), i.location.as_str()))
        .collect()
}

/// One problem with a dozen different mistakes: all are reported, in model order, each with
/// its location; the display has one line per issue.
#[test]
fn every_issue_is_reported_at_once() {
    let depots = vec![Depot {
        tw_early: 10.0,
        tw_late: 5.0,
        ..Depot::new("d", 0.0, 0.0)
    }];
    let clients = vec![
        Client {
            demand: vec![1.0, -2.0],
            service: f64::NAN,
            ..Client::new("a", 1.0, 0.0, vec![])
        },
        Client::new("b", 2.0, 0.0, vec![1.0, 1.0, 1.0]),
        Client {
            tw_late: f64::INFINITY, // allowed
            tw_early: f64::INFINITY,
            prize: -1.0,
            ..Client::new("c", 3.0, 0.0, vec![1.0, 1.0])
        },
    ];
    let vehicle_types = vec![VehicleType {
        capacity: vec![10.0, f64::INFINITY],
        fixed_cost: -5.0,
        end_depot: 3,
        max_duration: f64::INFINITY, // allowed
        max_distance: f64::NEG_INFINITY,
        ..VehicleType::new("v", 0, vec![])
    }];
    let distance = Matrix::from_fn(4, |i, j| {
        if (i, j) == (3, 1) {
            -1.0
        } else {
            (i as f64 - j as f64).abs()
        }
    });
    let duration = Matrix::from_fn(3, |_, _| 0.0);
    let e = Problem::new("bad", depots, clients, vehicle_types, distance, duration).unwrap_err();
    assert_eq!(
        issues(&e),
        [
            ("window_inverted", "depots[0].tw_late"),
            ("negative", "clients[0].demand[1]"),
            ("not_finite", "clients[0].service"),
            ("length_mismatch", "clients[1].demand"),
            ("not_finite", "clients[2].tw_early"),
            ("negative", "clients[2].prize"),
            ("no_vehicles", "vehicle_types"),
            ("not_finite", "vehicle_types[0].capacity[1]"),
            ("negative", "vehicle_types[0].fixed_cost"),
            ("out_of_range", "vehicle_types[0].end_depot"),
            ("not_finite", "vehicle_types[0].max_distance"),
            ("negative", "distance[3][1]"),
            ("matrix_size", "duration"),
        ],
        "{e}"
    );
    assert_eq!(e.to_string().lines().count(), e.issues().len());
    let first = &e.issues()[0];
    assert_eq!(first.code, IssueCode::WindowInverted);
    assert!(
        first.cause.contains("tw_late 5 is before tw_early 10"),
        "{}",
        first.cause
    );
    assert!(!first.action.is_empty());
    assert!(
        e.to_string()
            .starts_with("depots[0].tw_late: tw_late 5 is before tw_early 10")
    );
    assert!(
        e.issues()[3].cause.contains("client \"b\""),
        "{}",
        e.issues()[3].cause
    );
}

/// Nothing at all: no depots and no vehicle types are two issues.
#[test]
fn an_empty_problem_has_two_issues() {
    let e =
        Problem::from_coordinates("empty", vec![], vec![], vec![], Rounding::Exact).unwrap_err();
    assert_eq!(
        issues(&e),
        [("empty", "depots"), ("empty", "vehicle_types")]
    );
}

/// A shift that ends before the depot opens can never be on time.
#[test]
fn an_empty_shift_is_reported() {
    let depot = Depot {
        tw_early: 100.0,
        ..Depot::new("d", 0.0, 0.0)
    };
    let vt = VehicleType {
        tw_late: 50.0,
        ..VehicleType::new("v", 1, vec![1.0])
    };
    let e = Problem::from_coordinates(
        "shift",
        vec![depot],
        vec![Client::new("a", 1.0, 0.0, vec![1.0])],
        vec![vt],
        Rounding::Exact,
    )
    .unwrap_err();
    assert_eq!(issues(&e), [("empty_shift", "vehicle_types[0].tw_early")]);
}

/// A garbage matrix lists ten entries and counts the rest in one more issue.
#[test]
fn matrix_issues_are_capped() {
    let m = Matrix::from_fn(6, |_, _| f64::NAN);
    let e = Problem::new(
        "nan",
        vec![Depot::new("d", 0.0, 0.0)],
        (0..5)
            .map(|k| Client::new(k.to_string(), 0.0, 0.0, vec![]))
            .collect(),
        vec![VehicleType::new("v", 1, vec![])],
        m.clone(),
        Matrix::from_fn(6, |_, _| 1.0),
    )
    .unwrap_err();
    assert_eq!(e.issues().len(), 11);
    assert_eq!(e.issues()[10].location, "distance");
    assert!(e.issues()[10].cause.starts_with("26 more entries"));
}

/// A client too big for every vehicle, or whose window cannot be reached, is not an error: the
/// problem builds and says why the client cannot be served.
#[test]
fn unservable_clients_are_not_validation_errors() {
    let p = Problem::from_coordinates(
        "unservable",
        vec![Depot::new("d", 0.0, 0.0)],
        vec![
            Client::new("big", 1.0, 0.0, vec![50.0]),
            Client {
                tw_late: 1.0,
                ..Client::new("far", 100.0, 0.0, vec![1.0])
            },
        ],
        vec![VehicleType::new("v", 1, vec![10.0])],
        Rounding::Exact,
    )
    .unwrap();
    let reasons: Vec<(usize, &str)> = p
        .unservable_clients()
        .into_iter()
        .map(|(c, r)| (c, r.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [
            (0, "demand_exceeds_capacity"),
            (1, "time_window_unreachable")
        ]
    );
}

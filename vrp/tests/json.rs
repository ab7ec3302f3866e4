//! The JSON problem and solution formats: round trips, versions, errors, and the examples of
//! `docs/vrp-format.md`.

mod common;

use flowcast_vrp::format::{
    self, Format, from_json, parse_solomon, parse_vrplib, solution_from_json, solution_to_json,
    to_json,
};
use flowcast_vrp::{
    Client, Depot, FormatError, Matrix, Problem, Rounding, Route, Solution, VehicleType, check,
};

/// The ```json blocks of docs/vrp-format.md, in order.
fn doc_examples() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/vrp-format.md");
    let text = std::fs::read_to_string(path).unwrap();
    text.split("```json\n")
        .skip(1)
        .map(|block| block.split("```").next().unwrap().to_owned())
        .collect()
}

/// The documented example problem reads as described, and the documented solution is feasible
/// on it, at the cost worked out by hand; leaving the optional clinic out costs its prize.
#[test]
fn documented_examples_read() {
    let examples = doc_examples();
    assert_eq!(examples.len(), 2);
    assert_eq!(format::detect(&examples[0]), Format::Json);
    let p = from_json(&examples[0]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((p.name(), p.dimensions()), ("two-vans", 2));
    assert_eq!(p.clients()[0].demand, [4.0, 1.0]);
    assert!(!p.clients()[2].required);
    assert_eq!(p.vehicle_types()[0].max_duration, f64::INFINITY);
    assert_eq!(p.distance(0, 1), 50.0);
    let mut s = solution_from_json(&examples[1]).unwrap();
    let r = check(&p, &s);
    assert!(r.feasible, "{r}");
    // Pharmacy-b then -a: √500 + √(50² + 30²) + 50; the clinic and back: 2·√2600. Durations
    // add the 15 of service (no waiting: pharmacy-a is reached at 85.7, inside [60, 120]).
    let d0 = 500f64.sqrt() + 3400f64.sqrt() + 50.0;
    let d1 = 2.0 * 2600f64.sqrt();
    assert!((r.routes[0].distance - d0).abs() < 1e-12);
    assert!((r.routes[0].duration - (d0 + 15.0)).abs() < 1e-12);
    let cost = 2.0 * 50.0 + 1.2 * (d0 + d1) + 0.1 * (d0 + d1 + 15.0);
    assert!((r.cost - cost).abs() < 1e-9, "{} vs {cost}", r.cost);

    s.routes.pop();
    let r = check(&p, &s);
    assert!(
        r.feasible && r.unvisited == [2] && r.uncollected_prizes == 80.0,
        "{r}"
    );
}

/// Problems from coordinates (Solomon, X) round-trip exactly through to_json / from_json, and
/// are written without matrices.
#[test]
fn coordinate_problems_round_trip() {
    let solomon = parse_solomon(&common::read("solomon/RC208.txt")).unwrap();
    let x = parse_vrplib(&common::read("X/X-n106-k14.vrp")).unwrap();
    for p in [solomon, x] {
        let text = to_json(&p);
        assert!(!text.contains("\"distance\""), "{}", p.name());
        let back = from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", p.name()));
        assert_eq!(back, p);
    }
}

/// A problem using every field, with explicit asymmetric matrices, round-trips exactly,
/// including non-default values and infinite limits.
#[test]
fn explicit_problem_round_trips() {
    let depots = vec![
        Depot {
            tw_early: 1.5,
            tw_late: 1e9,
            ..Depot::new("north", 0.1, 0.2)
        },
        Depot::new("", -3.0, 4.0),
    ];
    let clients = vec![
        Client {
            service: 0.3,
            tw_early: 2.0,
            tw_late: 77.25,
            required: false,
            prize: 12.5,
            ..Client::new("a", 1.0 / 3.0, 2.0, vec![1.0, 0.1])
        },
        Client::new("b", 5.0, 6.0, vec![0.0, 2.0]),
    ];
    let vehicle_types = vec![
        VehicleType {
            fixed_cost: 10.0,
            start_depot: 1,
            end_depot: 0,
            tw_early: 1.0,
            tw_late: 500.0,
            max_duration: 100.0,
            max_distance: f64::INFINITY,
            unit_distance_cost: 0.7,
            unit_duration_cost: 0.2,
            ..VehicleType::new("truck", 3, vec![10.0, 5.0])
        },
        VehicleType::new("bike", 1, vec![1.0, 1.0]),
    ];
    let distance = Matrix::from_fn(4, |i, j| (i * 10 + j) as f64 / 7.0);
    let duration = Matrix::from_fn(4, |i, j| (j * 3 + i) as f64 * 0.1);
    let p = Problem::new(
        "every field",
        depots,
        clients,
        vehicle_types,
        distance,
        duration,
    )
    .unwrap();
    let text = to_json(&p);
    assert!(text.contains("\"duration\""));
    assert_eq!(from_json(&text).unwrap(), p);

    // Durations equal to distances are written once.
    let m = Matrix::from_fn(3, |i, j| i.abs_diff(j) as f64);
    let p = Problem::new(
        "same",
        vec![Depot::new("d", 0.0, 0.0)],
        vec![
            Client::new("a", 0.0, 0.0, vec![1.0]),
            Client::new("b", 0.0, 0.0, vec![1.0]),
        ],
        vec![VehicleType::new("v", 1, vec![2.0])],
        m.clone(),
        m,
    )
    .unwrap();
    let text = to_json(&p);
    assert!(text.contains("\"distance\"") && !text.contains("\"duration\""));
    assert_eq!(from_json(&text).unwrap(), p);
}

#[test]
fn solutions_round_trip() {
    let s = Solution::new(vec![
        Route::new(1, vec![3, 0, 2]),
        Route::new(0, vec![]),
        Route::new(0, vec![1]),
    ]);
    let text = solution_to_json(&s);
    assert_eq!(solution_from_json(&text).unwrap(), s);
    assert_eq!(
        solution_from_json(&solution_to_json(&Solution::default())).unwrap(),
        Solution::default()
    );
}

/// A later version is refused with a message naming both versions, at the line of the key.
#[test]
fn unknown_version_is_refused() {
    let text = "{\n  \"format\": \"flowcast-vrp-problem\",\n  \"version\": 2,\n  \"depots\": []\n}";
    let e = from_json(text).unwrap_err();
    assert!(
        matches!(
            e,
            FormatError::UnsupportedVersion {
                line: 3,
                version: 2,
                supported: 1,
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        "line 3: unsupported flowcast-vrp-problem version 2; this build reads version 1"
    );
    let e =
        solution_from_json(r#"{"format": "flowcast-vrp-solution", "version": 7, "routes": []}"#)
            .unwrap_err();
    assert!(matches!(
        e,
        FormatError::UnsupportedVersion { version: 7, .. }
    ));
    let e = from_json(r#"{"format": "flowcast-vrp-problem", "version": "1"}"#).unwrap_err();
    assert!(e.to_string().contains("not a whole number"), "{e}");
}

#[test]
fn wrong_or_missing_format_is_refused() {
    let e = from_json(r#"{"format": "flowcast-vrp-solution", "version": 1, "routes": []}"#)
        .unwrap_err();
    assert!(e.to_string().contains("solution"), "{e}");
    let e = from_json(r#"{"version": 1}"#).unwrap_err();
    assert!(e.to_string().contains("\"format\""), "{e}");
    let e = solution_from_json(r#"{"format": "something", "version": 1}"#).unwrap_err();
    assert!(e.to_string().contains("something"), "{e}");
}

/// Errors serde finds carry its line: a misspelt key on line 5, a string where a number goes on
/// line 4, a missing comma on line 3.
#[test]
fn json_errors_name_the_line() {
    let head = "{\"format\": \"flowcast-vrp-problem\", \"version\": 1,\n";
    let cases = [
        (
            format!(
                "{head}\"depots\": [{{\"x\": 0, \"y\": 0}}],\n\"vehicleTypes\": [{{\"count\": 1}}],\n\"clients\": [\n{{\"x\": 1, \"y\": 1, \"tw_late\": 3}}]}}"
            ),
            5,
            "unknown field",
        ),
        (
            format!(
                "{head}\"depots\": [{{\"x\": 0, \"y\": 0}}],\n\"vehicleTypes\": [{{\"count\": 1}}],\n\"clients\": [{{\"x\": \"one\"}}]}}"
            ),
            4,
            "invalid type",
        ),
        (
            format!("{head}\"depots\": []\n\"clients\": []}}"),
            3,
            "expected",
        ),
    ];
    for (text, line, words) in cases {
        let e = from_json(&text).unwrap_err();
        assert_eq!(e.line(), Some(line), "{e}");
        assert!(e.to_string().contains(words), "{e}");
    }
}

/// Problems in the model: reported with camelCase locations, all at once, including missing
/// coordinates and ragged matrices.
#[test]
fn invalid_json_problems_list_every_issue() {
    let text = r#"{"format": "flowcast-vrp-problem", "version": 1,
        "depots": [{"x": 0}],
        "clients": [{"x": 1, "y": 1, "demand": 2, "twEarly": 5, "twLate": 4}],
        "vehicleTypes": [{"count": 1, "capacity": 3, "unitDistanceCost": -1}]}"#;
    let FormatError::Invalid(e) = from_json(text).unwrap_err() else {
        panic!("expected Invalid");
    };
    let found: Vec<(&str, &str)> = e
        .issues()
        .iter()
        .map(|i| (i.code.as_str(), i.location.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("missing", "depots[0].y"),
            ("window_inverted", "clients[0].twLate"),
            ("negative", "vehicleTypes[0].unitDistanceCost"),
        ]
    );

    let ragged = r#"{"format": "flowcast-vrp-problem", "version": 1,
        "depots": [{}], "clients": [{"demand": 1}], "vehicleTypes": [{"count": 1, "capacity": 1}],
        "distance": [[0, 1], [1]]}"#;
    let FormatError::Invalid(e) = from_json(ragged).unwrap_err() else {
        panic!("expected Invalid");
    };
    assert_eq!(e.issues()[0].location, "distance");
    assert_eq!(e.issues()[0].code.as_str(), "matrix_size");
}

/// A matrix of durations alone: distances come from the coordinates with the rounding given.
#[test]
fn duration_without_distance_uses_coordinates() {
    let text = r#"{"format": "flowcast-vrp-problem", "version": 1, "rounding": "nearest",
        "depots": [{"x": 0, "y": 0}], "clients": [{"x": 1, "y": 1, "demand": 1}],
        "vehicleTypes": [{"count": 1, "capacity": 1}],
        "duration": [[0, 9], [8, 0]]}"#;
    let p = from_json(text).unwrap();
    assert_eq!(
        (p.distance(0, 1), p.duration(0, 1), p.duration(1, 0)),
        (1.0, 9.0, 8.0)
    );
    assert_eq!(p.rounding(), None);
    assert_eq!(from_json(&to_json(&p)).unwrap(), p);
    assert_eq!(
        Rounding::Nearest.as_str(),
        "nearest",
        "the JSON spelling is the Rounding name"
    );
}

//! The 56 Solomon VRPTW instances of `../shared/data/vrp/solomon`.

mod common;

use flowcast_vrp::format::{self, Format, parse_solomon};
use flowcast_vrp::{Problem, Rounding, Route, Solution, Violation, check};

/// Every instance parses: 100 clients named "1".."100", one depot "0", 25 vehicles, the
/// capacity its family's files give (C1, R1, RC1: 200; C2: 700; R2, RC2: 1000), exact
/// Euclidean distances equal to durations.
#[test]
fn every_solomon_instance_parses() {
    let all = common::files("solomon", "txt");
    assert_eq!(all.len(), 56);
    for (stem, text) in &all {
        assert_eq!(format::detect(text), Format::Solomon, "{stem}");
        let p = parse_solomon(text).unwrap_or_else(|e| panic!("{stem}: {e}"));
        assert_eq!(p.name(), stem);
        assert_eq!((p.depots().len(), p.clients().len()), (1, 100), "{stem}");
        assert_eq!(p.depots()[0].name, "0");
        let names: Vec<String> = (1..=100).map(|k| k.to_string()).collect();
        assert!(p.clients().iter().map(|c| &c.name).eq(names.iter()));
        let capacity = match &stem[..stem.len() - 2] {
            "C1" | "R1" | "RC1" => 200.0,
            "C2" => 700.0,
            "R2" | "RC2" => 1000.0,
            other => panic!("unknown family {other}"),
        };
        let vt = &p.vehicle_types()[0];
        assert_eq!(
            (vt.count, vt.capacity.as_slice()),
            (25, &[capacity][..]),
            "{stem}"
        );
        assert_eq!(p.rounding(), Some(Rounding::Exact));
        assert!(p.duration_is_distance());
        assert!(p.unservable_clients().is_empty(), "{stem}");
    }
}

/// C101's first rows, by hand: the depot (40, 50) open [0, 1236]; customer 1 at (45, 68),
/// demand 10, window [912, 967], service 90, at distance √(5² + 18²) = √349.
#[test]
fn c101_by_hand() {
    let p = parse_solomon(&common::read("solomon/C101.txt")).unwrap();
    let d = &p.depots()[0];
    assert_eq!((d.x, d.y, d.tw_early, d.tw_late), (40.0, 50.0, 0.0, 1236.0));
    let c = &p.clients()[0];
    assert_eq!((c.x, c.y, c.demand.as_slice()), (45.0, 68.0, &[10.0][..]));
    assert_eq!((c.tw_early, c.tw_late, c.service), (912.0, 967.0, 90.0));
    assert_eq!(p.distance(0, 1), 349f64.sqrt());
}

/// Routes in Solomon customer numbers, as a solution (customer k is client k − 1).
fn solution(routes: &[&[usize]]) -> Solution {
    Solution::new(
        routes
            .iter()
            .map(|r| Route::new(0, r.iter().map(|k| k - 1).collect()))
            .collect(),
    )
}

/// A feasible C101 solution built by a sequential earliest-start greedy outside this code base
/// (a Python script), whose distance that script computed in double precision: the checker
/// finds it feasible and agrees on the distance.
const C101: [&[usize]; 10] = [
    &[20, 24, 25, 27, 29, 30, 28, 26, 23, 22, 21, 49],
    &[67, 65, 63, 62, 74, 72, 61, 64, 68, 66, 69],
    &[5, 3, 7, 8, 10, 11, 9, 6, 4, 2, 1, 75],
    &[43, 42, 41, 40, 44, 46, 45, 48, 51, 50, 52, 47],
    &[90, 87, 86, 83, 82, 84, 85, 88, 89, 91],
    &[13, 17, 18, 19, 15, 16, 14, 12, 99],
    &[98, 96, 95, 94, 92, 93, 97, 100],
    &[32, 33, 31, 35, 37, 38, 39, 36, 34],
    &[57, 55, 54, 53, 56, 58, 60, 59],
    &[81, 78, 76, 71, 70, 73, 77, 79, 80],
];

fn c101() -> Problem {
    parse_solomon(&common::read("solomon/C101.txt")).unwrap()
}

#[test]
fn a_hand_made_c101_solution_is_feasible() {
    let report = check(&c101(), &solution(&C101));
    assert!(report.feasible, "{report}");
    assert!(
        (report.cost - 880.479_256_048_062).abs() < 1e-9,
        "{}",
        report.cost
    );
    assert_eq!(report.cost, report.distance);
    assert_eq!(report.routes.len(), 10);
    // Above the distance-minimising BKS of bks.csv, as a greedy should be.
    assert!(report.cost > common::bks()["C101"].bks);
}

/// The same solution with customers 1 and 75 swapped at the end of the third route: customer 1
/// (window [912, 967]) is now reached at 1090, and that is the only violation (the return is
/// still before the depot closes at 1236 and no other visit moves).
#[test]
fn a_late_visit_is_reported() {
    let mut routes = C101;
    let swapped: [usize; 12] = [5, 3, 7, 8, 10, 11, 9, 6, 4, 2, 75, 1];
    routes[2] = &swapped;
    let report = check(&c101(), &solution(&routes));
    assert!(!report.feasible);
    assert_eq!(report.violations.len(), 1, "{report}");
    match report.violations[0] {
        Violation::TimeWindowMissed {
            route,
            client,
            arrival,
            tw_late,
        } => {
            assert_eq!((route, client, tw_late), (2, 0, 967.0));
            assert!((arrival - 1090.0).abs() < 1e-9, "{arrival}");
        }
        ref other => panic!("unexpected {other}"),
    }
    assert_eq!(report.violations[0].code(), "time_window_missed");
}

/// An R101 greedy solution (21 routes, same script): feasible, same distance.
#[test]
fn a_hand_made_r101_solution_is_feasible() {
    let routes: [&[usize]; 21] = [
        &[59, 5, 83, 61, 85, 43, 91, 100],
        &[92, 42, 98, 16, 86, 97, 13, 89, 58],
        &[45, 82, 88, 90, 10, 32, 70],
        &[14, 15, 87, 57, 37, 60, 93],
        &[63, 62, 11, 49, 17],
        &[72, 2, 73, 22, 56, 74, 25],
        &[27, 69, 76, 79, 3, 68, 24, 80],
        &[33, 29, 81, 34, 35, 77],
        &[28, 12, 40, 53, 26, 4],
        &[95, 44, 38, 96, 48],
        &[36, 47, 19, 8, 46],
        &[39, 23, 67, 55],
        &[31, 30, 51, 50, 1],
        &[65, 71, 9, 20],
        &[52, 7, 66],
        &[21, 41, 54],
        &[75, 94],
        &[64],
        &[99, 6],
        &[18, 84],
        &[78],
    ];
    let p = parse_solomon(&common::read("solomon/R101.txt")).unwrap();
    let report = check(&p, &solution(&routes));
    assert!(report.feasible, "{report}");
    assert!((report.cost - 2_045.451_243_855_658_7).abs() < 1e-9);
}

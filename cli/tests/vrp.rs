//! `flowcast vrp solve` and `flowcast vrp check` end to end: the ARCHITECTURE contract's JSON
//! on a CVRPLIB X instance and a Solomon instance, `--out` round-tripping through `check` as
//! feasible at the same cost, and bad input exiting 2 with one line naming what is wrong.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_flowcast"))
}

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("flowcast-vrp-{}-{name}", std::process::id()))
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs `flowcast vrp ARGS…`, expecting exit 0 and exactly one JSON object on stdout.
fn json(args: &[&str]) -> Value {
    let o = bin().arg("vrp").args(args).output().unwrap();
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    assert_eq!(text.trim().lines().count(), 1, "stdout is one line: {text}");
    serde_json::from_str(&text).unwrap()
}

/// Solves `instance` for 1 s with `--out`, checks the contract's keys and the client ids, then
/// checks the written `.sol` with `flowcast vrp check`.
fn solve_and_check(instance: &Path, name: &str, clients: usize, fleet: Option<usize>) -> Value {
    let sol = temp(&format!("{name}.sol"));
    let path = instance.to_str().unwrap();
    let answer = json(&[
        "solve",
        path,
        "--time-limit",
        "1",
        "--seed",
        "3",
        "--threads",
        "2",
        "--out",
        sol.to_str().unwrap(),
    ]);
    assert_eq!(answer["instance"], name);
    assert_eq!(answer["feasible"], true, "{answer}");
    let seconds = answer["seconds"].as_f64().unwrap();
    assert!(seconds > 0.0 && seconds < 3.0, "{seconds}");
    let routes = answer["routes"].as_array().unwrap();
    assert_eq!(answer["vehicles"].as_u64().unwrap() as usize, routes.len());
    if let Some(fleet) = fleet {
        assert!(routes.len() <= fleet, "{} routes", routes.len());
    }
    // Every client id 1..=n once; the depot (0) never listed.
    let mut ids: Vec<u64> = routes
        .iter()
        .flat_map(|r| r.as_array().unwrap().iter().map(|c| c.as_u64().unwrap()))
        .collect();
    ids.sort_unstable();
    assert_eq!(ids, (1..=clients as u64).collect::<Vec<_>>());
    assert_eq!(answer["unserved"], Value::Array(vec![]));
    assert!(answer["iterations"].as_u64().unwrap() > 0);

    // The .sol file: one `Route #k:` line per route, in the printed order, then `Cost`.
    let text = std::fs::read_to_string(&sol).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), routes.len() + 1, "{text}");
    let first: Vec<String> = routes[0]
        .as_array()
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(lines[0], format!("Route #1: {}", first.join(" ")));
    assert!(lines[routes.len()].starts_with("Cost "), "{text}");

    let report = json(&["check", path, sol.to_str().unwrap()]);
    assert_eq!(report["feasible"], true, "{report}");
    assert_eq!(report["violations"], Value::Array(vec![]));
    let cost = answer["cost"].as_f64().unwrap();
    assert!(
        (report["cost"].as_f64().unwrap() - cost).abs() <= 1e-9 * cost,
        "{report}"
    );
    assert!((report["stated_cost"].as_f64().unwrap() - cost).abs() <= 1e-9 * cost);
    assert_eq!(report["vehicles"], answer["vehicles"]);
    answer
}

#[test]
fn solves_an_x_instance_and_its_solution_checks() {
    let instance = shared("vrp/X/X-n106-k14.vrp");
    let answer = solve_and_check(&instance, "X-n106-k14", 105, None);
    // Rounded distances: a whole cost, within 5 % of the best known 26362 after one second.
    let cost = answer["cost"].as_f64().unwrap();
    assert_eq!(cost.fract(), 0.0);
    assert!((26362.0..26362.0 * 1.05).contains(&cost), "{cost}");
    assert_eq!(answer["format"], "vrplib");
}

#[test]
fn solves_a_solomon_instance_within_its_fleet() {
    let instance = shared("vrp/solomon/C101.txt");
    let answer = solve_and_check(&instance, "C101", 100, Some(25));
    // Distance-minimising BKS 827.3 (double precision); the clustered C1 optimum is found fast.
    let cost = answer["cost"].as_f64().unwrap();
    assert!((827.0..827.3 * 1.05).contains(&cost), "{cost}");
    assert_eq!(answer["format"], "solomon");
}

#[test]
fn the_reference_solution_checks_at_its_cost() {
    let report = json(&[
        "check",
        shared("vrp/X/X-n106-k14.vrp").to_str().unwrap(),
        shared("vrp/X/X-n106-k14.sol").to_str().unwrap(),
    ]);
    assert_eq!(report["feasible"], true);
    assert_eq!(report["cost"], 26362.0);
    assert_eq!(report["vehicles"], 14);
}

const TINY: &str = "NAME : tiny\nTYPE : CVRP\nDIMENSION : 4\nCAPACITY : 10\n\
    EDGE_WEIGHT_TYPE : EUC_2D\nNODE_COORD_SECTION\n1 0 0\n2 0 10\n3 10 10\n4 10 0\n\
    DEMAND_SECTION\n1 0\n2 4\n3 4\n4 4\nDEPOT_SECTION\n1\n-1\nEOF\n";

#[test]
fn an_iteration_limit_with_one_thread_is_deterministic_and_json_out_keeps_types() {
    let path = temp("tiny.vrp");
    std::fs::write(&path, TINY).unwrap();
    let p = path.to_str().unwrap();
    let args = [
        "solve",
        p,
        "--max-iterations",
        "1000",
        "--threads",
        "1",
        "--seed",
        "7",
    ];
    let (a, b) = (json(&args), json(&args));
    assert_eq!(a["routes"], b["routes"]);
    // Three clients of demand 4 at three corners of a 10-square, capacity 10: two neighbours on
    // one route (10 + 10 + 14) and the third alone (10 + 10) is the optimum, 54.
    assert_eq!(a["cost"], 54.0, "{a}");
    assert_eq!(a["vehicles"], 2);
    let out = temp("tiny.json");
    json(&[
        "solve",
        p,
        "--time-limit",
        "0.2",
        "--out",
        out.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("flowcast-vrp-solution"), "{text}");
    let report = json(&["check", p, out.to_str().unwrap()]);
    assert_eq!(
        (report["feasible"].clone(), report["cost"].clone()),
        (Value::Bool(true), 54.0.into())
    );
}

#[test]
fn check_reports_violations_with_codes_and_file_numbering() {
    let path = temp("tiny-check.vrp");
    std::fs::write(&path, TINY).unwrap();
    let sol = temp("tiny-bad.sol");
    // All three clients on one route (load 12 > 10), client 3 forgotten in the second.
    std::fs::write(&sol, "Route #1: 1 2\nRoute #2: 2 1\nCost 1\n").unwrap();
    let report = json(&["check", path.to_str().unwrap(), sol.to_str().unwrap()]);
    assert_eq!(report["feasible"], false);
    assert_eq!(report["stated_cost"], 1.0);
    let codes: Vec<&str> = report["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "visited_more_than_once",
            "visited_more_than_once",
            "required_not_visited"
        ],
        "{report}"
    );
    assert_eq!(report["violations"][2]["client"], 3);
    assert_eq!(report["unvisited"], serde_json::json!([3]));
}

#[test]
fn bad_input_exits_2_with_one_line() {
    let x = std::fs::read_to_string(shared("vrp/X/X-n106-k14.vrp")).unwrap();
    // Line 7 of the X file starts the coordinates; break the fifth node's (line 12).
    let mut lines: Vec<&str> = x.lines().collect();
    assert!(lines[6].starts_with("NODE_COORD_SECTION"), "{}", lines[6]);
    lines[11] = "5 abc 743";
    let malformed = lines.join("\n");
    let negative = TINY.replace("2 4\n", "2 -4\n");
    let solomon = "C1\n\nVEHICLE\nNUMBER CAPACITY\n 2 10\n\nCUSTOMER\n\
        CUST NO. XCOORD. YCOORD. DEMAND READY TIME DUE DATE SERVICE TIME\n\
        0 0 0 0 0 100 0\n1 1 1 5 50 20 0\n";
    for (name, text, args, needle) in [
        (
            "malformed.vrp",
            malformed.as_str(),
            vec![],
            "line 12: x: \"abc\" is not a number",
        ),
        (
            "negative.vrp",
            negative.as_str(),
            vec![],
            "clients[0].demand[0]: -4 is negative",
        ),
        ("window.txt", solomon, vec![], "[window_inverted]"),
        ("json.vrp", TINY, vec!["--format", "json"], "json: line 1"),
        (
            "limit.vrp",
            TINY,
            vec!["--time-limit", "-1"],
            "--time-limit -1",
        ),
        (
            "nan.vrp",
            TINY,
            vec!["--time-limit", "NaN"],
            "--time-limit NaN",
        ),
    ] {
        let path = temp(name);
        std::fs::write(&path, text).unwrap();
        let o = bin()
            .args(["vrp", "solve"])
            .arg(&path)
            .args(&args)
            .output()
            .unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(needle), "{name}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{name}: {err}");
        assert!(o.stdout.is_empty(), "{name}: nothing on stdout");
    }
    // A malformed solution file names its line too.
    let (problem, sol) = (temp("ok.vrp"), temp("bad.sol"));
    std::fs::write(&problem, TINY).unwrap();
    std::fs::write(&sol, "Route #1: 1 2\nRoute #2: x\n").unwrap();
    let o = bin()
        .args(["vrp", "check"])
        .arg(&problem)
        .arg(&sol)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("line 2"), "{}", stderr(&o));
    // A missing file is not bad content: exit 1.
    let o = bin()
        .args(["vrp", "solve", "/nonexistent/x.vrp"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

fn shared(relative: &str) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    [
        std::env::var_os("FLOWCAST_SHARED_DATA").map(PathBuf::from),
        Some(root.join("../shared/data")),
        Some(PathBuf::from("/work/shared/data")),
    ]
    .into_iter()
    .flatten()
    .map(|d| d.join(relative))
    .find(|p| p.exists())
    .expect("shared data not found (set FLOWCAST_SHARED_DATA)")
}

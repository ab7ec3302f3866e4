//! `flowcast demo` end to end: on the bundled sample network, and on broken copies of it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_flowcast"))
}

fn sample_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/data")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("flowcast-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A copy of the sample data with `file` replaced by `contents`.
fn broken_copy(name: &str, file: &str, contents: &str) -> PathBuf {
    let dir = temp_dir(name);
    for entry in std::fs::read_dir(sample_data()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(dir.join(file), contents).unwrap();
    dir
}

#[test]
fn demo_writes_a_consistent_report() {
    let out = temp_dir("out");
    let run = bin()
        .args(["demo", "--data"])
        .arg(sample_data())
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let stdout = String::from_utf8(run.stdout).unwrap();
    assert!(stdout.contains("Replenishment") && stdout.contains("report.html"));

    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["as_of"], "2026-11-21");
    let policies = report["policies"].as_array().unwrap();
    assert_eq!(
        policies.len(),
        30,
        "every pharmacy × SKU with demand is planned"
    );
    for p in policies {
        let f = |k: &str| p[k].as_f64().unwrap();
        assert!(f("order_quantity") > 0.0 && f("safety_stock") >= 0.0);
        // The reorder point covers mean lead-time demand plus the buffer.
        assert!(f("reorder_point") >= f("safety_stock"));
        // Ordering happens exactly when stock is at or below the reorder point.
        assert_eq!(f("order_now") > 0.0, f("on_hand") <= f("reorder_point"));
    }
    // Every pair has a 14-day demand forecast with ordered 80 % and 95 % bands.
    for p in policies {
        let f = &p["forecast"];
        let mean = f["mean"].as_array().unwrap();
        assert_eq!(mean.len(), 14);
        for (i, m) in mean.iter().enumerate() {
            let at = |k: &str| f[k][i].as_f64().unwrap();
            let m = m.as_f64().unwrap();
            assert!(
                at("lo_95") <= at("lo_80").max(0.0) + 1e-9 && at("hi_80") <= at("hi_95") + 1e-9
            );
            assert!(
                at("lo_80") <= m.max(0.0) + 1e-9 && m <= at("hi_80") + 1e-9,
                "{}",
                f["model"]
            );
        }
    }
    let lots = report["lots"].as_array().unwrap();
    assert_eq!(lots.len(), 39);
    let by_id = |id: &str| lots.iter().find(|l| l["lot"] == id).unwrap();
    // The weekend power cut pushes the lot's MKT over its 2–8 °C label; the hot van does not.
    assert_eq!(by_id("L-INS-2403")["mkt_within_label"], false);
    assert_eq!(by_id("L-AMX-5502")["mkt_within_label"], true);
    assert_eq!(by_id("L-EPO-0711")["at_risk_of_expiry"], true);
    assert_eq!(report["totals"]["lots_above_label_mkt"], 1);
    // Both troubled logs hold one excursion each, tolerated by the rules of their band.
    let power_cut = &by_id("L-INS-2403")["log"];
    assert_eq!(power_cut["excursions"].as_array().unwrap().len(), 1);
    assert_eq!(power_cut["excursions"][0]["band"], "budget");
    assert_eq!(by_id("L-AMX-5502")["log"]["excursions"][0]["band"], "spike");
    assert_eq!(report["totals"]["lots_with_excursions"], 2);
    // Every unit projected to expire unsold is rescued or counted as waste, never more.
    let plan = &report["donation_plan"];
    let moved: f64 = plan["moves"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["units"].as_f64().unwrap())
        .sum();
    assert!((moved - plan["units_rescued"].as_f64().unwrap()).abs() < 1e-9);
    let at_risk: f64 = lots
        .iter()
        .map(|l| l["projected_unsold"].as_f64().unwrap())
        .sum();
    assert!((plan["units_at_risk"].as_f64().unwrap() - at_risk).abs() < 1e-9);
    assert!(plan["units_rescued"].as_f64().unwrap() > 0.0);

    // Replenishment routes: every pharmacy with an order is visited exactly once, with its
    // units, and no van carries more than its capacity.
    assert!(stdout.contains("Replenishment routes from DC-LYON"));
    let routes = &report["routes"];
    assert_eq!(routes["feasible"], true, "{}", routes["violations"]);
    assert!(routes["unserved"].as_array().unwrap().is_empty());
    let mut ordered = std::collections::BTreeMap::new();
    for p in policies {
        let units = p["order_now"].as_f64().unwrap();
        if units > 0.0 {
            *ordered
                .entry(p["site_id"].as_str().unwrap().to_string())
                .or_insert(0.0) += units;
        }
    }
    assert!(!ordered.is_empty());
    let mut visited = std::collections::BTreeMap::new();
    let list = routes["routes"].as_array().unwrap();
    assert!(list.len() >= 2, "the sample's orders need both vans");
    for r in list {
        for k in ["vehicle", "departure", "return_time"] {
            assert!(r[k].is_string(), "{k}");
        }
        for k in ["km", "minutes", "cost", "units", "capacity_units"] {
            assert!(r[k].as_f64().unwrap() >= 0.0, "{k}");
        }
        let mut load = 0.0;
        for stop in r["stops"].as_array().unwrap() {
            let arrival = stop["arrival"].as_str().unwrap();
            assert!(arrival.len() == 5 && ("08:00"..="18:00").contains(&arrival));
            assert!(stop["name"].is_string());
            let units = stop["units"].as_f64().unwrap();
            load += units;
            let id = stop["site_id"].as_str().unwrap().to_string();
            assert!(visited.insert(id, units).is_none(), "visited twice");
        }
        assert_eq!(load, r["units"].as_f64().unwrap());
        assert!(load <= r["capacity_units"].as_f64().unwrap());
    }
    assert_eq!(visited, ordered);
    let t = &routes["totals"];
    assert_eq!(t["routes"].as_u64().unwrap() as usize, list.len());
    assert_eq!(
        t["units"].as_f64().unwrap(),
        report["totals"]["units_to_order"].as_f64().unwrap()
    );
    let cost: f64 = list.iter().map(|r| r["cost"].as_f64().unwrap()).sum();
    assert!((t["cost"].as_f64().unwrap() - cost).abs() < 1e-9);
    assert!(t["km"].as_f64().unwrap() > 0.0);

    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(
        html.starts_with("<!doctype html>") && html.contains("L-INS-2403") && html.contains("<svg")
    );
    assert!(html.contains("<h2>Replenishment routes</h2>") && html.contains("van 2"));
}

#[test]
fn demo_without_vehicles_csv_plans_no_routes() {
    let data = temp_dir("no-vehicles");
    for entry in std::fs::read_dir(sample_data()).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap() != "vehicles.csv" {
            std::fs::copy(&path, data.join(path.file_name().unwrap())).unwrap();
        }
    }
    let out = temp_dir("no-vehicles-out");
    let run = bin()
        .args(["demo", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let stdout = String::from_utf8(run.stdout).unwrap();
    assert!(stdout.contains("Replenishment routes: none planned (no vehicles.csv"));
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    assert!(report.get("routes").is_none());
}

#[test]
fn bad_input_exits_2_naming_file_line_and_field() {
    let cases = [
        (
            "sales.csv",
            "date,site_id,sku,qty\n2026-11-01,PH-BRON,INS-100,abc\n",
            "sales.csv: line 2: qty",
        ),
        (
            "sales.csv",
            "date,site_id,sku,qty\n2026-13-01,PH-BRON,INS-100,1\n",
            "line 2: date = \"2026-13-01\"",
        ),
        (
            "sales.csv",
            "date,site_id,sku,qty\n2026-11-01,PH-NOWHERE,INS-100,1\n",
            "site_id = \"PH-NOWHERE\": not in sites.csv",
        ),
        (
            "skus.csv",
            "sku,name,storage,unit_cost,order_cost,holding_rate,lead_time_days,lead_time_sd_days,target_kind,target\nINS-100,x,2-8C,28,-45,0.25,2,0.5,cycle_service_level,0.98\nVAC-FLU,x,2-8C,12,45,0.25,3,1,fill_rate,0.99\nEPO-4K,x,2-8C,85,60,0.3,5,2,cycle_service_level,0.97\nAMX-500,x,15-25C,4.5,30,0.2,4,1.5,cycle_service_level,0.95\nPCM-1G,x,15-25C,1.2,30,0.2,2,0.5,fill_rate,0.98\n",
            "fixed_cost = -45: must be greater than 0",
        ),
        (
            "vehicles.csv",
            "vehicle_type,count,capacity_units,speed_kmh,cost_per_km,fixed_cost\nvan,2,4000,0,0.6,25\n",
            "vehicles.csv: line 2: speed_kmh = 0",
        ),
        (
            "temperatures.csv",
            "lot,timestamp,temp_c\nL-INS-2403,2026-11-14T00:00,-300\n",
            "temps_c[0] = -300",
        ),
    ];
    for (i, (file, contents, expected)) in cases.into_iter().enumerate() {
        let data = broken_copy(&format!("bad{i}"), file, contents);
        let out = temp_dir(&format!("bad-out{i}"));
        let run = bin()
            .args(["demo", "--data"])
            .arg(&data)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(2), "case {i}");
        let stderr = String::from_utf8(run.stderr).unwrap();
        assert!(stderr.contains(expected), "case {i}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "one-line error: {stderr}");
    }
    let run = bin()
        .args(["demo", "--data", "/nonexistent/flowcast"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
}

//! Every MKT case of `../shared/data/coldchain/mkt_vectors.json` at its tolerance.

use flowcast_expiry::mkt::{MktParams, summarize};
use flowcast_testkit::{load_json, num};
use serde_json::Value;

/// The one generated case: `round(5.0 + 2.5*sin(k/37.0) + (6.0 if 4000<=k<4030 else 0.0), 6)`.
fn generated_week() -> Vec<f64> {
    (0..10_080)
        .map(|k| {
            let bump = if (4000..4030).contains(&k) { 6.0 } else { 0.0 };
            let t: f64 = 5.0 + 2.5 * (f64::from(k) / 37.0).sin() + bump;
            (t * 1e6).round() / 1e6
        })
        .collect()
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

#[test]
fn every_mkt_case_at_its_tolerance() {
    let data = load_json("coldchain/mkt_vectors.json");
    let cases = data["mkt"].as_array().unwrap();
    assert_eq!(cases.len(), 21);
    for case in cases {
        let id = case["id"].as_str().unwrap();
        let temps = match &case["temps_c"] {
            Value::Array(_) => numbers(&case["temps_c"]),
            generator => {
                assert!(
                    generator["generator"]
                        .as_str()
                        .unwrap()
                        .contains("sin(k/37.0)"),
                    "{id}"
                );
                generated_week()
            }
        };
        let weights = (!case["weights"].is_null()).then(|| numbers(&case["weights"]));
        let dh_j = num(case, "dH_J_per_mol");
        let r_j = num(case, "R_J_per_mol_K");
        assert_eq!(num(case, "kelvin_offset"), 273.15);
        // The file states constants in J; the API takes kJ, as USP <1160> writes them.
        let params = MktParams {
            delta_h: dh_j / 1000.0,
            gas_constant: r_j / 1000.0,
        };
        let got = summarize(&temps, weights.as_deref(), &params).unwrap();
        let exp = &case["expected"];
        let tol = num(case, "tol_abs_c");
        for (what, value) in [
            ("mkt_c", got.mkt_c),
            ("time_weighted_mean_c", got.mean_c),
            ("min_c", got.min_c),
            ("max_c", got.max_c),
        ] {
            let e = num(exp, what);
            assert!(
                (value - e).abs() <= tol,
                "{id}: {what} = {value}, expected {e} ± {tol}"
            );
        }
    }
}

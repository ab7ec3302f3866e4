//! Every Arrhenius, Q10 and excursion case of `../shared/data/coldchain/mkt_vectors.json`.

use flowcast_expiry::excursion::{Interval, Kind, Rules, StabilityBudget, analyze};
use flowcast_expiry::mkt::MktParams;
use flowcast_expiry::shelf_life::{RateModel, q10_from_arrhenius, shelf_life_consumed};
use flowcast_testkit::{close, load_json, num, numbers};
use serde_json::Value;

/// The file states constants in J; the API takes kJ, as USP <1160> writes them.
fn arrhenius(case: &Value) -> MktParams {
    MktParams {
        delta_h: num(case, "Ea_J_per_mol") / 1000.0,
        gas_constant: num(case, "R") / 1000.0,
    }
}

#[test]
fn every_arrhenius_case() {
    let data = load_json("coldchain/mkt_vectors.json");
    let cases = data["arrhenius"].as_array().unwrap();
    assert_eq!(cases.len(), 17);
    for case in cases {
        let id = case["id"].as_str().unwrap();
        let model = RateModel::Arrhenius(arrhenius(case));
        let rel = num(case, "tol_rel");
        let exp = &case["expected"];
        let t_ref = num(case, "T_ref_c");
        if exp.get("acceleration_factor").is_some() {
            let got = model.acceleration_factor(num(case, "T_c"), t_ref).unwrap();
            close(
                id,
                "acceleration_factor",
                got,
                num(exp, "acceleration_factor"),
                0.0,
                rel,
            );
        } else {
            let temps = numbers(&case["profile_temps_c"]);
            let hours = numbers(&case["profile_hours"]);
            let got =
                shelf_life_consumed(&temps, &hours, t_ref, num(case, "shelf_life_ref_h"), &model)
                    .unwrap();
            close(
                id,
                "equivalent_hours_at_ref",
                got.equivalent_at_ref,
                num(exp, "equivalent_hours_at_ref"),
                0.0,
                rel,
            );
            close(
                id,
                "fraction_consumed",
                got.fraction_consumed,
                num(exp, "fraction_consumed"),
                0.0,
                rel,
            );
            close(
                id,
                "remaining_h_at_ref",
                got.remaining_at_ref,
                num(exp, "remaining_h_at_ref"),
                0.0,
                rel,
            );
        }
    }
}

#[test]
fn every_q10_case() {
    let data = load_json("coldchain/mkt_vectors.json");
    let cases = data["q10"].as_array().unwrap();
    assert_eq!(cases.len(), 14);
    for case in cases {
        let id = case["id"].as_str().unwrap();
        let rel = num(case, "tol_rel");
        let exp = &case["expected"];
        let t_ref = num(case, "T_ref_c");
        if exp.get("rate_ratio").is_some() {
            let got = RateModel::Q10(num(case, "Q10"))
                .acceleration_factor(num(case, "T_c"), t_ref)
                .unwrap();
            close(id, "rate_ratio", got, num(exp, "rate_ratio"), 0.0, rel);
        } else {
            let got = q10_from_arrhenius(&arrhenius(case), t_ref).unwrap();
            close(id, "Q10", got, num(exp, "Q10"), 0.0, rel);
        }
    }
}

#[test]
fn every_excursion_case() {
    let data = load_json("coldchain/mkt_vectors.json");
    let cases = data["excursion"].as_array().unwrap();
    assert_eq!(cases.len(), 2);
    for case in cases {
        let id = case["id"].as_str().unwrap();
        let range = numbers(&case["range_c"]);
        let mut rules = Rules::custom(range[0], range[1]);
        let budget = case.get("stability_budget");
        if let Some(b) = budget {
            rules.budgets.push(StabilityBudget {
                band: Interval::parse(b["band_c"].as_str().unwrap()).unwrap(),
                minutes: num(b, "budget_min"),
            });
        }
        let report = analyze(
            &numbers(&case["timestamps_min"]),
            &numbers(&case["temps_c"]),
            &rules,
        )
        .unwrap();
        let exp = &case["expected"];
        let tol = 1e-9;
        close(
            id,
            "minutes_above",
            report.minutes_above,
            num(exp, "minutes_above"),
            tol,
            0.0,
        );
        close(
            id,
            "minutes_below",
            report.minutes_below,
            num(exp, "minutes_below"),
            tol,
            0.0,
        );
        close(
            id,
            "minutes_out_of_range",
            report.minutes_out_of_range,
            num(exp, "minutes_out_of_range"),
            tol,
            0.0,
        );
        close(
            id,
            "longest_event_min",
            report.longest_event_min,
            num(exp, "longest_event_min"),
            tol,
            0.0,
        );
        let events = exp["events"].as_array().unwrap();
        assert_eq!(report.events.len(), events.len(), "{id}");
        assert_eq!(report.events.len() as f64, num(exp, "event_count"), "{id}");
        for (got, want) in report.events.iter().zip(events) {
            let kind = match got.kind {
                Kind::High => "high",
                Kind::Low => "low",
            };
            assert_eq!(kind, want["kind"].as_str().unwrap(), "{id}");
            close(
                id,
                "start_min",
                got.start_min,
                num(want, "start_min"),
                tol,
                0.0,
            );
            close(
                id,
                "duration_min",
                got.duration_min,
                num(want, "duration_min"),
                tol,
                0.0,
            );
            close(id, "peak_c", got.peak_c, num(want, "peak_c"), tol, 0.0);
        }
        let band_minutes = report.budgets.first().map_or(0.0, |b| b.used_minutes);
        close(
            id,
            "band_minutes",
            band_minutes,
            num(exp, "band_minutes"),
            tol,
            0.0,
        );
        if let Some(b) = budget {
            let remaining = report.budgets[0].remaining_minutes;
            close(
                id,
                "expected_remaining_min",
                remaining,
                num(b, "expected_remaining_min"),
                tol,
                0.0,
            );
        }
        if let Some(mkt) = case.get("mkt_c") {
            close(
                id,
                "mkt_c",
                report.mkt_c.unwrap(),
                mkt.as_f64().unwrap(),
                1e-6,
                0.0,
            );
        }
    }
}

//! Accuracy on the shared dev data against statsforecast 2.1.1, run in this repository's harness
//! (benches/forecast): sMAPE and MASE over every series of a set must be within 1 % of
//! statsforecast's (or better).

use flowcast_forecast::metrics::{mase, smape};
use flowcast_forecast::model::Model;
use flowcast_testkit::load_series;

/// Mean sMAPE and MASE of `model` over a dev set.
fn accuracy(set: &str, h: usize, m: usize, model: Model) -> (f64, f64) {
    let train = load_series(&format!("forecast/{set}_train.csv.gz"));
    let test = load_series(&format!("forecast/{set}_test.csv.gz"));
    let (mut s, mut a) = (0.0, 0.0);
    for ((id, y), (tid, actual)) in train.iter().zip(&test) {
        assert_eq!(id, tid);
        let f = model.fit(y).unwrap().forecast(h, &[]).unwrap().mean;
        s += smape(actual, &f).unwrap();
        a += mase(actual, &f, y, m).unwrap();
    }
    (s / train.len() as f64, a / train.len() as f64)
}

fn close(what: &str, got: (f64, f64), statsforecast: (f64, f64)) {
    for (name, g, r) in [
        ("sMAPE", got.0, statsforecast.0),
        ("MASE", got.1, statsforecast.1),
    ] {
        assert!(g <= r * 1.01, "{what} {name}: {g} vs statsforecast {r}");
    }
}

#[test]
fn auto_theta_matches_statsforecast_on_m3_quarterly_and_other() {
    close(
        "m3_quarterly",
        accuracy(
            "m3_quarterly",
            8,
            4,
            Model::from_name("auto_theta", 4).unwrap(),
        ),
        (8.92382, 1.09074),
    );
    close(
        "m3_other",
        accuracy("m3_other", 8, 1, Model::from_name("auto_theta", 1).unwrap()),
        (4.75704, 2.10706),
    );
}

#[test]
fn theta_beats_naive2_on_m3_quarterly() {
    let theta = accuracy("m3_quarterly", 8, 4, Model::from_name("theta", 4).unwrap());
    let naive2 = accuracy("m3_quarterly", 8, 4, Model::from_name("naive2", 4).unwrap());
    let owa = flowcast_forecast::metrics::owa(theta.0, theta.1, naive2.0, naive2.1);
    assert!(owa < 1.0, "Theta's OWA against Naive2: {owa}");
}

#[test]
fn auto_ets_matches_statsforecast_on_m3_quarterly_and_yearly() {
    close(
        "m3_quarterly",
        accuracy(
            "m3_quarterly",
            8,
            4,
            Model::from_name("auto_ets", 4).unwrap(),
        ),
        (9.2193, 1.1238),
    );
    close(
        "m3_yearly",
        accuracy("m3_yearly", 6, 1, Model::from_name("auto_ets", 1).unwrap()),
        (15.4445, 2.6968),
    );
}

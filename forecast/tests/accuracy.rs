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

#[test]
fn auto_arima_matches_statsforecast_on_m3_quarterly_and_other() {
    close(
        "m3_quarterly",
        accuracy(
            "m3_quarterly",
            8,
            4,
            Model::from_name("auto_arima", 4).unwrap(),
        ),
        (9.693, 1.1835),
    );
    close(
        "m3_other",
        accuracy("m3_other", 8, 1, Model::from_name("auto_arima", 1).unwrap()),
        (4.619, 1.8994),
    );
}

#[test]
fn a_combination_of_ets_theta_and_arima_beats_theta_on_m3_quarterly() {
    let (train, test) = (
        load_series("forecast/m3_quarterly_train.csv.gz"),
        load_series("forecast/m3_quarterly_test.csv.gz"),
    );
    let models = ["auto_ets", "auto_theta", "auto_arima"].map(|n| Model::from_name(n, 4).unwrap());
    let theta = Model::from_name("theta", 4).unwrap();
    let naive2 = Model::from_name("naive2", 4).unwrap();
    let (mut comb, mut th, mut n2) = ((0.0, 0.0), (0.0, 0.0), (0.0, 0.0));
    for ((_, y), (_, actual)) in train.iter().zip(&test) {
        let fc: Vec<Vec<f64>> = models
            .iter()
            .map(|m| m.fit(y).unwrap().forecast(8, &[]).unwrap().mean)
            .collect();
        let mean: Vec<f64> = (0..8)
            .map(|i| fc.iter().map(|f| f[i]).sum::<f64>() / 3.0)
            .collect();
        for (acc, f) in [
            (&mut comb, mean),
            (
                &mut th,
                theta.fit(y).unwrap().forecast(8, &[]).unwrap().mean,
            ),
            (
                &mut n2,
                naive2.fit(y).unwrap().forecast(8, &[]).unwrap().mean,
            ),
        ] {
            acc.0 += smape(actual, &f).unwrap();
            acc.1 += mase(actual, &f, y, 4).unwrap();
        }
    }
    let owa = |a: (f64, f64)| flowcast_forecast::metrics::owa(a.0, a.1, n2.0, n2.1);
    assert!(
        owa(comb) < owa(th),
        "combination OWA {} vs Theta {}",
        owa(comb),
        owa(th)
    );
}

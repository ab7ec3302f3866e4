//! flowcast's models against statsforecast 2.1 on the shared dev data (reference forecasts
//! written by `benches/forecast/reference_intermittent.py`). statsforecast computed these in
//! float32 (it casts integer demand to float32), hence the 1e-5 relative tolerance.

use flowcast_forecast::models::intermittent::{Intermittent, fit};
use flowcast_testkit::load_series;

#[test]
fn intermittent_models_match_statsforecast_on_carparts() {
    let series = load_series("forecast/carparts_train.csv.gz");
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/statsforecast_intermittent.csv"
    ))
    .unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let methods = [
        Intermittent::CrostonClassic,
        Intermittent::CrostonSba,
        Intermittent::CrostonOptimized,
        Intermittent::Tsb {
            alpha_d: 0.2,
            alpha_p: 0.2,
        },
        Intermittent::Adida,
        Intermittent::Imapa,
    ];
    let by_id: std::collections::HashMap<&str, &[f64]> = series
        .iter()
        .map(|(id, y)| (id.as_str(), y.as_slice()))
        .collect();
    let mut checked = 0;
    let mut worst = 0.0f64;
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        let y = by_id[cells[0]];
        for (k, method) in methods.iter().enumerate() {
            assert_eq!(header[k + 1], method.name());
            let want: f64 = cells[k + 1].parse().unwrap();
            let got = fit(y, *method).unwrap().level;
            let err = (got - want).abs() / want.abs().max(1e-3);
            worst = worst.max(err);
            assert!(
                err < 1e-5,
                "{} {}: {got} vs statsforecast {want}",
                cells[0],
                method.name()
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 1255 * 6);
    println!("worst relative difference {worst:e}");
}

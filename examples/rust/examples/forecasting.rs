//! Demand forecasting: AutoETS, AutoTheta and AutoARIMA on a monthly series with 95 % bands,
//! Croston SBA on a spare part, a batch of both in parallel, and their accuracy on a holdout.
//!
//! `cargo run -p flowcast-examples --example forecasting`

use flowcast_forecast::batch::{BatchOptions, forecast_batch};
use flowcast_forecast::metrics::{mase, smape};
use flowcast_forecast::model::Model;

fn main() -> Result<(), flowcast_forecast::Error> {
    // Five years of monthly sales: trend, a summer peak, some noise; the last year held out.
    let sales: Vec<f64> = (0..60)
        .map(|t| {
            200.0
                + 2.0 * f64::from(t)
                + 40.0 * (f64::from(t % 12) / 12.0 * std::f64::consts::TAU).sin()
                + f64::from((t * 37) % 11)
        })
        .collect();
    let (train, test) = sales.split_at(48);
    for name in ["auto_ets", "auto_theta", "auto_arima", "naive2"] {
        let model = Model::from_name(name, 12)?;
        let f = model.fit(train)?.forecast(12, &[0.95])?;
        println!(
            "{:<10} next month {:7.1} (95 %: {:7.1} to {:7.1})  sMAPE {:5.2}  MASE {:.3}",
            model.name(),
            f.mean[0],
            f.intervals[0].lo[0],
            f.intervals[0].hi[0],
            smape(test, &f.mean)?,
            mase(test, &f.mean, train, 12)?
        );
    }

    // A spare part that sells a few months a year.
    let part = [
        0.0, 0.0, 3.0, 0.0, 0.0, 0.0, 1.0, 0.0, 4.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0, 3.0,
    ];
    let sba = Model::from_name("croston_sba", 1)?
        .fit(&part)?
        .forecast(3, &[])?;
    println!("spare part, CrostonSBA: {:.3} a month", sba.mean[0]);

    // Both series, two models, every core; a model that cannot fit a series falls back to Naive.
    let models = [
        Model::from_name("auto_theta", 12)?,
        Model::from_name("croston_sba", 12)?,
    ];
    let options = BatchOptions {
        h: 6,
        levels: vec![0.8],
        ..Default::default()
    };
    let out = forecast_batch(&[train, &part], &models, &options)?;
    for (i, per_model) in out.iter().enumerate() {
        for (m, f) in models.iter().zip(per_model) {
            let note = f
                .fell_back
                .as_deref()
                .map_or(String::new(), |why| format!(" (fell back: {why})"));
            println!(
                "series {i} {:<11} {:8.2}{note}",
                m.name(),
                f.forecast.mean[0]
            );
        }
    }
    Ok(())
}

//! One fit (and a forecast with 80/95 % intervals) of each model family on a synthetic monthly
//! series of 120 points (trend, multiplicative season, noise), and a batch of 1,000 such series
//! through `forecast_batch` on one thread and on every core. Accuracy and the comparison with
//! statsforecast live in the harness (`make bench-forecast`).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use flowcast_core::{Rng, Threads};
use flowcast_forecast::batch::{BatchOptions, forecast_batch};
use flowcast_forecast::model::Model;

fn monthly(seed: u64) -> Vec<f64> {
    let mut rng = Rng::seed_from(seed);
    (0..120)
        .map(|t| {
            let season = 1.0 + 0.2 * (f64::from(t % 12) / 12.0 * std::f64::consts::TAU).sin();
            (500.0 + 3.0 * f64::from(t)) * season + 20.0 * rng.standard_normal()
        })
        .collect()
}

fn intermittent(seed: u64) -> Vec<f64> {
    let mut rng = Rng::seed_from(seed);
    (0..60)
        .map(|_| {
            if rng.uniform() < 0.3 {
                (1.0 + 5.0 * rng.uniform()).round()
            } else {
                0.0
            }
        })
        .collect()
}

fn one_fit(c: &mut Criterion) {
    let y = monthly(1);
    let sparse = intermittent(2);
    let mut g = c.benchmark_group("forecast_one_fit");
    for name in [
        "auto_ets",
        "auto_theta",
        "auto_arima",
        "naive2",
        "seasonal_naive",
    ] {
        let model = Model::from_name(name, 12).unwrap();
        g.bench_function(format!("{name}_monthly_120"), |b| {
            b.iter(|| {
                model
                    .fit(black_box(&y))
                    .unwrap()
                    .forecast(18, &[0.8, 0.95])
                    .unwrap()
            });
        });
    }
    for name in ["croston_sba", "croston_optimized", "tsb", "adida", "imapa"] {
        let model = Model::from_name(name, 1).unwrap();
        g.bench_function(format!("{name}_intermittent_60"), |b| {
            b.iter(|| {
                model
                    .fit(black_box(&sparse))
                    .unwrap()
                    .forecast(12, &[])
                    .unwrap()
            });
        });
    }
    g.finish();
}

fn batch(c: &mut Criterion) {
    let data: Vec<Vec<f64>> = (0..1000).map(monthly).collect();
    let refs: Vec<&[f64]> = data.iter().map(Vec::as_slice).collect();
    let models = [Model::from_name("auto_theta", 12).unwrap()];
    let mut g = c.benchmark_group("forecast_batch_1k_monthly");
    g.throughput(Throughput::Elements(1000));
    g.sample_size(10);
    for (label, threads) in [
        ("one_thread", Threads::from_count(1)),
        ("all_cores", Threads::All),
    ] {
        let options = BatchOptions {
            h: 18,
            levels: vec![0.95],
            threads,
            ..Default::default()
        };
        g.bench_function(format!("auto_theta_{label}"), |b| {
            b.iter(|| forecast_batch(black_box(&refs), &models, &options).unwrap())
        });
    }
    g.finish();
}

criterion_group!(benches, one_fit, batch);
criterion_main!(benches);

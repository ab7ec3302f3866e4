//! Mean kinetic temperature over 1,000,000 readings, one record and many; rolling MKT; excursion
//! detection over a year of one-minute readings for 100 sensors (52.56 million readings).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use flowcast_benches::fridge_log;
use flowcast_expiry::excursion::{Interval, Rules, StabilityBudget, analyze_many};
use flowcast_expiry::kinetic_sums::rolling_mkt;
use flowcast_expiry::mkt::{MktParams, mean_kinetic_temperature, mkt_segments};

const N: usize = 1_000_000;

fn mkt(c: &mut Criterion) {
    let temps = fridge_log(N, 7);
    let weights: Vec<f64> = (0..N).map(|i| 1.0 + (i % 3) as f64).collect();
    let params = MktParams::default();
    let mut g = c.benchmark_group("mkt_1m_readings");
    g.throughput(Throughput::Elements(N as u64));
    g.sample_size(30);
    g.bench_function("one_record", |b| {
        b.iter(|| mean_kinetic_temperature(black_box(&temps), None, &params).unwrap());
    });
    g.bench_function("one_record_weighted", |b| {
        b.iter(|| mean_kinetic_temperature(black_box(&temps), Some(&weights), &params).unwrap());
    });
    let bounds: Vec<usize> = (0..=10_000).map(|j| j * (N / 10_000)).collect();
    let mut out = vec![0.0; 10_000];
    g.bench_function("10k_lots_of_100", |b| {
        b.iter(|| mkt_segments(black_box(&temps), None, &bounds, &params, &mut out).unwrap());
    });
    g.finish();
    c.bench_function("mkt_scalar_24_readings", |b| {
        let day = &temps[..24];
        b.iter(|| mean_kinetic_temperature(black_box(day), None, &params).unwrap());
    });
}

fn rolling(c: &mut Criterion) {
    let temps = fridge_log(N, 7);
    let mut out = vec![0.0; N - 1440 + 1];
    let mut g = c.benchmark_group("rolling_mkt_1m_readings");
    g.throughput(Throughput::Elements(N as u64));
    g.sample_size(20);
    g.bench_function("24h_window_of_minutes", |b| {
        b.iter(|| {
            rolling_mkt(
                black_box(&temps),
                None,
                1440,
                &MktParams::default(),
                &mut out,
            )
            .unwrap()
        });
    });
    g.finish();
}

/// The anchor: MKT and excursion detection over one year of one-minute readings for
/// 100 sensors, one core, in one call.
fn excursions(c: &mut Criterion) {
    const SENSORS: usize = 100;
    const YEAR: usize = 525_600;
    let mut temps = Vec::with_capacity(SENSORS * YEAR);
    for s in 0..SENSORS {
        temps.extend(fridge_log(YEAR, s as u64));
    }
    let minutes: Vec<f64> = (0..SENSORS)
        .flat_map(|_| (0..YEAR).map(|m| m as f64))
        .collect();
    let bounds: Vec<usize> = (0..=SENSORS).map(|s| s * YEAR).collect();
    let rules = Rules {
        min_duration: 5.0,
        max_gap: Some(2.0),
        budgets: vec![StabilityBudget {
            band: Interval::parse("(8, 25]").unwrap(),
            minutes: 4320.0,
        }],
        ..Rules::refrigerated()
    };
    let mut g = c.benchmark_group("excursions_100_sensors_1y_minutely");
    g.throughput(Throughput::Elements((SENSORS * YEAR) as u64));
    g.sample_size(10);
    g.bench_function("mkt_and_excursions", |b| {
        b.iter(|| analyze_many(black_box(&minutes), black_box(&temps), &bounds, &rules).unwrap());
    });
    g.finish();
}

criterion_group!(benches, mkt, rolling, excursions);
criterion_main!(benches);

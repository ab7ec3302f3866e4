//! Mean kinetic temperature over 1,000,000 readings, one record and many.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use flowcast_benches::fridge_log;
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

criterion_group!(benches, mkt);
criterion_main!(benches);

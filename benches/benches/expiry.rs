//! Mean kinetic temperature over 1,000,000 readings, one record and many; rolling MKT; excursion
//! detection over a year of one-minute readings for 100 sensors (52.56 million readings);
//! perishable inventory (exact chain, lifetime 5, Poisson mean 10; optimal base stock;
//! simulation); FEFO; the donation LP.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use flowcast_benches::fridge_log;
use flowcast_core::Rng;
use flowcast_expiry::excursion::{Interval, Rules, StabilityBudget, analyze_many};
use flowcast_expiry::fefo::{Lot, Order, fefo_allocate_orders};
use flowcast_expiry::kinetic_sums::rolling_mkt;
use flowcast_expiry::mkt::{MktParams, mean_kinetic_temperature, mkt_segments};
use flowcast_expiry::perishable::{Costs, DemandPmf, Issuing, PerishableSystem, SimOptions};
use flowcast_expiry::waste::{Destination, Leg, PlanLot, WastePlanProblem, plan_waste};

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

/// The anchor: the exact FIFO and LIFO chains for a lifetime of 5 periods and Poisson
/// mean 10, at base-stock levels around and above the cost-minimising one.
fn perishable(c: &mut Criterion) {
    let mut g = c.benchmark_group("perishable_exact_m5_poisson10");
    g.sample_size(10);
    for issuing in [Issuing::Fifo, Issuing::Lifo] {
        let system = PerishableSystem::new(5, 0, DemandPmf::poisson(10.0).unwrap(), issuing);
        for s in [15, 20, 25, 30] {
            g.bench_function(format!("{issuing:?}_S{s}"), |b| {
                b.iter(|| system.evaluate(black_box(s)).unwrap())
            });
        }
    }
    g.finish();
    let costs = Costs {
        order: 3.0,
        holding: 1.0,
        shortage: 5.0,
        wastage: 7.0,
        price: None,
    };
    let system = PerishableSystem::new(3, 0, DemandPmf::poisson(10.0).unwrap(), Issuing::Fifo)
        .with_costs(costs);
    c.bench_function("perishable_optimal_base_stock_m3_poisson10", |b| {
        b.iter(|| system.optimize_base_stock(None).unwrap());
    });
    let options = SimOptions {
        periods: 1_000_000,
        warm_up: 1_000,
        seed: 1,
        batches: 20,
    };
    let mut g = c.benchmark_group("perishable_simulation");
    g.sample_size(10);
    g.throughput(Throughput::Elements(1_000_000));
    g.bench_function("m5_poisson10_lead2_1m_periods", |b| {
        let lagged = PerishableSystem::new(5, 2, DemandPmf::poisson(10.0).unwrap(), Issuing::Fifo);
        b.iter(|| lagged.simulate(black_box(40), &options).unwrap());
    });
    g.finish();
}

/// FEFO for 10,000 orders over 1,000 lots, and the donation LP for 200 lots and 20 outlets.
fn allocation(c: &mut Criterion) {
    let mut rng = Rng::seed_from(5);
    let lots: Vec<Lot> = (0..1000)
        .map(|i| Lot {
            id: format!("L{i:04}"),
            expiry_day: rng.index(400) as i64,
            qty: rng.index(200) as f64,
        })
        .collect();
    let orders: Vec<Order> = (0..10_000)
        .map(|j| Order {
            qty: rng.index(20) as f64,
            ship_day: (j / 40) as i64,
            min_remaining_days: 14,
        })
        .collect();
    c.bench_function("fefo_10k_orders_1k_lots", |b| {
        b.iter(|| fefo_allocate_orders(&lots, black_box(&orders)).unwrap())
    });
    let sites = 10;
    let problem = WastePlanProblem {
        lots: (0..200)
            .map(|i| {
                PlanLot::new(
                    format!("L{i}"),
                    format!("S{}", i % sites),
                    rng.index(50) as f64,
                    3 + rng.index(20) as u32,
                )
            })
            .collect(),
        destinations: (0..20)
            .map(|j| Destination {
                transport_per_unit_km: 0.02,
                max_km: 60.0,
                ..if j % 2 == 0 {
                    Destination::transfer(format!("S{}", j / 2), 100.0, 2.0 + rng.uniform())
                } else {
                    Destination::donation(format!("P{j}"), 150.0, rng.uniform())
                }
            })
            .collect(),
        legs: (0..sites)
            .flat_map(|s| (0..20).map(move |j| (s, j)))
            // Site-to-site legs once per pair (legs count both ways).
            .filter(|&(s, j)| j % 2 == 1 || s < j / 2)
            .map(|(s, j)| {
                let to = if j % 2 == 0 {
                    format!("S{}", j / 2)
                } else {
                    format!("P{j}")
                };
                Leg::new(
                    format!("S{s}"),
                    to,
                    5.0 + 10.0 * ((s * 7 + j * 3) % 9) as f64,
                )
            })
            .collect(),
        ..Default::default()
    };
    c.bench_function("donation_lp_200_lots_20_outlets", |b| {
        b.iter(|| plan_waste(black_box(&problem)).unwrap())
    });
}

criterion_group!(benches, mkt, rolling, excursions, perishable, allocation);
criterion_main!(benches);

//! Inventory kernels: scalar calls and 1,000,000-SKU batches (one core).
//!
//! `replenishment/1m` is the headline: EOQ, safety stock and reorder point for a million SKUs
//! with per-SKU demand, lead time and service level.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use flowcast_benches::sku_batch;
use flowcast_core::Column;
use flowcast_inventory::finite_horizon::FiniteHorizon;
use flowcast_inventory::grid::Grid;
use flowcast_inventory::loss::{standard_normal_loss, standard_normal_loss_batch};
use flowcast_inventory::newsvendor::NormalNewsvendors;
use flowcast_inventory::rq::{RqMethod, rq_batch};
use flowcast_inventory::ss::ss_poisson_batch;
use flowcast_inventory::wagner_whitin::WagnerWhitin;
use flowcast_inventory::{EoqColumns, EoqInput, LeadTimeDemand, SafetyStockColumns, ServiceTarget};

const N: usize = 1_000_000;

fn scalar(c: &mut Criterion) {
    let mut g = c.benchmark_group("scalar");
    g.bench_function("eoq", |b| {
        let input = EoqInput {
            fixed_cost: 8.0,
            holding_cost: 0.225,
            demand_rate: 1300.0,
        };
        b.iter(|| black_box(&input).optimal());
    });
    g.bench_function("safety_stock_csl", |b| {
        let d = LeadTimeDemand {
            demand_mean: 120.0,
            demand_sd: 60.0,
            lead_time: 5.0,
            lead_time_sd: 2.0,
            review_period: 0.0,
        };
        b.iter(|| black_box(&d).safety_stock(ServiceTarget::CycleServiceLevel(black_box(0.95))));
    });
    g.bench_function("safety_stock_fill_rate", |b| {
        let d = LeadTimeDemand {
            demand_mean: 120.0,
            demand_sd: 60.0,
            lead_time: 5.0,
            lead_time_sd: 2.0,
            review_period: 0.0,
        };
        let t = ServiceTarget::FillRate {
            fill_rate: 0.98,
            order_quantity: 1000.0,
        };
        b.iter(|| black_box(&d).safety_stock(black_box(t)));
    });
    g.bench_function("standard_normal_loss", |b| {
        b.iter(|| standard_normal_loss(black_box(1.3)))
    });
    g.finish();
}

fn batch(c: &mut Criterion) {
    let s = sku_batch(N, 42);
    let eoq_input = EoqInput {
        fixed_cost: Column::Values(&s.order_cost),
        holding_cost: Column::Values(&s.holding_cost),
        demand_rate: Column::Values(&s.annual_demand),
    };
    let demand = LeadTimeDemand {
        demand_mean: Column::Values(&s.demand_mean),
        demand_sd: Column::Values(&s.demand_sd),
        lead_time: Column::Values(&s.lead_time),
        lead_time_sd: Column::Values(&s.lead_time_sd),
        review_period: Column::Scalar(0.0),
    };
    let (mut q, mut cost, mut ss, mut rop) =
        (vec![0.0; N], vec![0.0; N], vec![0.0; N], vec![0.0; N]);

    let mut g = c.benchmark_group("batch_1m");
    g.throughput(Throughput::Elements(N as u64));
    g.sample_size(20);
    g.bench_function("eoq", |b| {
        b.iter(|| {
            eoq_input
                .solve_into(
                    None,
                    EoqColumns {
                        order_quantity: &mut q,
                        cost: &mut cost,
                    },
                )
                .unwrap()
        });
    });
    g.bench_function("safety_stock_csl", |b| {
        b.iter(|| {
            let out = SafetyStockColumns {
                safety_stock: Some(&mut ss),
                reorder_point: Some(&mut rop),
                ..Default::default()
            };
            demand
                .safety_stock_into(
                    ServiceTarget::CycleServiceLevel(Column::Values(&s.service_level)),
                    out,
                )
                .unwrap();
        });
    });
    g.bench_function("replenishment", |b| {
        b.iter(|| {
            eoq_input
                .solve_into(
                    None,
                    EoqColumns {
                        order_quantity: &mut q,
                        cost: &mut cost,
                    },
                )
                .unwrap();
            let out = SafetyStockColumns {
                safety_stock: Some(&mut ss),
                reorder_point: Some(&mut rop),
                ..Default::default()
            };
            demand
                .safety_stock_into(
                    ServiceTarget::CycleServiceLevel(Column::Values(&s.service_level)),
                    out,
                )
                .unwrap();
        });
    });
    eoq_input
        .solve_into(
            None,
            EoqColumns {
                order_quantity: &mut q,
                cost: &mut cost,
            },
        )
        .unwrap();
    let order_quantity = q.clone();
    g.bench_function("safety_stock_fill_rate", |b| {
        b.iter(|| {
            let out = SafetyStockColumns {
                safety_stock: Some(&mut ss),
                reorder_point: Some(&mut rop),
                ..Default::default()
            };
            let target = ServiceTarget::FillRate {
                fill_rate: Column::Scalar(0.98),
                order_quantity: Column::Values(&order_quantity),
            };
            demand.safety_stock_into(target, out).unwrap();
        });
    });
    // Newsvendor with per-SKU holding and stockout costs (a quantile per SKU: the worst case),
    // and with one cost pair for all (one quantile in all).
    let stockout: Vec<f64> = s
        .holding_cost
        .iter()
        .zip(&s.service_level)
        .map(|(h, a)| h * a / (1.0 - a))
        .collect();
    let per_sku = NormalNewsvendors {
        holding_cost: Column::Values(&s.holding_cost),
        stockout_cost: Column::Values(&stockout),
        demand_mean: Column::Values(&s.demand_mean),
        demand_sd: Column::Values(&s.demand_sd),
        lead_time: Column::Scalar(0.0),
    };
    let shared = NormalNewsvendors {
        holding_cost: Column::Scalar(1.0),
        stockout_cost: Column::Scalar(9.0),
        ..per_sku
    };
    g.bench_function("newsvendor_normal", |b| {
        b.iter(|| per_sku.solve_into(None, &mut ss, &mut rop).unwrap())
    });
    g.bench_function("newsvendor_normal_shared_costs", |b| {
        b.iter(|| shared.solve_into(None, &mut ss, &mut rop).unwrap())
    });
    let z: Vec<f64> = s
        .service_level
        .iter()
        .map(|p| (p - 0.9) * 40.0 - 2.0)
        .collect();
    g.bench_function("standard_normal_loss", |b| {
        b.iter(|| standard_normal_loss_batch(&z, &mut ss, &mut rop).unwrap());
    });
    g.finish();
}

/// The issue-5 speed anchors: (r, Q) EIL for 100,000 SKUs and exact (s, S) for 1,000 SKUs with
/// Poisson means up to 75.
fn families(c: &mut Criterion) {
    let mut g = c.benchmark_group("families");
    g.sample_size(10);
    let s = sku_batch(100_000, 7);
    let per_year: Vec<f64> = s.demand_mean.iter().map(|d| d * 365.0).collect();
    let sd_per_year: Vec<f64> = s.demand_sd.iter().map(|d| d * 365f64.sqrt()).collect();
    let lead_years: Vec<f64> = s.lead_time.iter().map(|l| l / 365.0).collect();
    let stockout: Vec<f64> = s.holding_cost.iter().map(|h| h * 20.0).collect();
    g.throughput(Throughput::Elements(100_000));
    g.bench_function("rq_eil_100k", |b| {
        b.iter(|| {
            rq_batch(
                RqMethod::Eil,
                [
                    Column::Values(&s.holding_cost),
                    Column::Values(&stockout),
                    Column::Values(&s.order_cost),
                    Column::Values(&per_year),
                    Column::Values(&sd_per_year),
                    Column::Values(&lead_years),
                ],
            )
            .unwrap()
        });
    });
    let means: Vec<f64> = (0..1_000)
        .map(|i| 5.0 + 70.0 * f64::from(i) / 999.0)
        .collect();
    g.throughput(Throughput::Elements(1_000));
    g.bench_function("ss_exact_poisson_1k", |b| {
        b.iter(|| {
            ss_poisson_batch(
                [
                    Column::Scalar(1.0),
                    Column::Scalar(9.0),
                    Column::Scalar(64.0),
                    Column::Values(&means),
                ],
                None,
            )
            .unwrap()
        });
    });
    let skus = sku_batch(1_000, 11);
    let mut rng = flowcast_core::Rng::seed_from(5);
    let weekly: Vec<f64> = skus
        .demand_mean
        .iter()
        .flat_map(|d| {
            let noise: Vec<f64> = (0..52).map(|_| rng.uniform()).collect();
            noise
                .into_iter()
                .map(move |u| (d * 7.0 * (0.5 + u)).round())
        })
        .collect();
    let weekly_holding: Vec<f64> = skus.holding_cost.iter().map(|h| h / 52.0).collect();
    g.throughput(Throughput::Elements(1));
    g.bench_function("finite_horizon_dp_5_periods", |b| {
        let m = FiniteHorizon::stationary(5, 1.0, 20.0, 2.0, 50.0, 100.0, 20.0);
        b.iter(|| black_box(&m).solve_one().unwrap());
    });
    g.throughput(Throughput::Elements(1_000));
    g.bench_function("wagner_whitin_1k_x_52", |b| {
        b.iter(|| {
            WagnerWhitin {
                periods: 52,
                demand: Grid::Full(&weekly),
                holding_cost: Grid::Skus(&weekly_holding),
                fixed_cost: Grid::Skus(&skus.order_cost),
                purchase_cost: Grid::Scalar(0.0),
            }
            .solve()
            .unwrap()
        });
    });
    g.finish();
}

criterion_group!(benches, scalar, batch, families);
criterion_main!(benches);

//! Inventory kernels: scalar calls and 1,000,000-SKU batches (one core).
//!
//! `replenishment/1m` is the headline: EOQ, safety stock and reorder point for a million SKUs
//! with per-SKU demand, lead time and service level.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use flowcast_benches::sku_batch;
use flowcast_core::Column;
use flowcast_inventory::loss::{standard_normal_loss, standard_normal_loss_batch};
use flowcast_inventory::newsvendor::NormalNewsvendors;
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

criterion_group!(benches, scalar, batch);
criterion_main!(benches);

//! The inventory toolkit family by family (one core): one SKU, a million SKUs where the model
//! is a closed form or a short iteration, and the anchor sizes where it is a search or
//! a programme (exact (s, S) for 1,000 SKUs, Wagner–Whitin for 1,000 SKUs × 52 weeks, …).

use std::hint::black_box;

use criterion::{
    BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main, measurement::WallTime,
};
use flowcast_benches::{SkuBatch, sku_batch};
use flowcast_core::{Column, Threads};
use flowcast_inventory::eoq::{EoqBackorders, Epq, eoq_with_backorders_batch, epq_batch};
use flowcast_inventory::finite_horizon::FiniteHorizon;
use flowcast_inventory::grid::Grid;
use flowcast_inventory::gsm::GuaranteedService;
use flowcast_inventory::loss::normal_loss_batch;
use flowcast_inventory::newsvendor::{NormalNewsvendors, newsvendor_batch};
use flowcast_inventory::quantile_buffer::safety_stock_from_quantiles;
use flowcast_inventory::rq::{Rq, RqMethod, rq_batch};
use flowcast_inventory::sim::{Demand, EventOrder, Policy, Simulation};
use flowcast_inventory::ss::{PeriodicReview, power_approximation_batch, ss_poisson_batch};
use flowcast_inventory::ssm::SerialSystem;
use flowcast_inventory::wagner_whitin::WagnerWhitin;
use flowcast_inventory::{Distribution, Newsvendor, ServiceTarget, loss::Family};

const MILLION: usize = 1_000_000;

/// Every bench measures one core.
const ONE: Threads = Threads::Exactly(std::num::NonZeroUsize::MIN);

/// Per-year and per-lead-time views of a SKU batch.
struct Yearly {
    demand: Vec<f64>,
    sd: Vec<f64>,
    lead: Vec<f64>,
    stockout: Vec<f64>,
}

fn yearly(s: &SkuBatch) -> Yearly {
    Yearly {
        demand: s.demand_mean.iter().map(|d| d * 365.0).collect(),
        sd: s.demand_sd.iter().map(|d| d * 365f64.sqrt()).collect(),
        lead: s.lead_time.iter().map(|l| l / 365.0).collect(),
        stockout: s.holding_cost.iter().map(|h| h * 20.0).collect(),
    }
}

fn one_sku(c: &mut Criterion) {
    let mut g = c.benchmark_group("one_sku");
    g.bench_function("eoq_with_backorders", |b| {
        let m = EoqBackorders {
            fixed_cost: 8.0,
            holding_cost: 0.225,
            stockout_cost: 5.0,
            demand_rate: 1300.0,
        };
        b.iter(|| black_box(&m).optimal().unwrap());
    });
    g.bench_function("epq", |b| {
        let m = Epq {
            fixed_cost: 8.0,
            holding_cost: 0.225,
            demand_rate: 1300.0,
            production_rate: 1900.0,
        };
        b.iter(|| black_box(&m).optimal().unwrap());
    });
    g.bench_function("newsvendor_poisson", |b| {
        let m = Newsvendor {
            holding_cost: 1.0,
            stockout_cost: 9.0,
            demand: Distribution::Poisson { mean: 50.0 },
        };
        b.iter(|| black_box(&m).optimal().unwrap());
    });
    g.bench_function("rq_loss_function", |b| {
        let m = Rq {
            holding_cost: 0.225,
            stockout_cost: 7.5,
            fixed_cost: 8.0,
            demand_mean: 1300.0,
            demand_sd: 150.0,
            lead_time: 1.0 / 12.0,
        };
        b.iter(|| black_box(&m).loss_function_approximation().unwrap());
    });
    g.bench_function("ss_exact_poisson", |b| {
        let m = PeriodicReview {
            holding_cost: 1.0,
            stockout_cost: 9.0,
            fixed_cost: 64.0,
            demand: Distribution::Poisson { mean: 50.0 },
        };
        b.iter(|| black_box(&m).optimal().unwrap());
    });
    g.bench_function("wagner_whitin_52", |b| {
        let d: Vec<f64> = (0..52)
            .map(|t| 100.0 + 40.0 * ((t * 7) % 11) as f64)
            .collect();
        b.iter(|| {
            WagnerWhitin::single(black_box(&d), 0.5, 400.0, 0.0)
                .solve()
                .unwrap()
        });
    });
    g.bench_function("finite_horizon_dp_5_periods", |b| {
        let m = FiniteHorizon::stationary(5, 1.0, 20.0, 2.0, 50.0, 100.0, 20.0);
        b.iter(|| black_box(&m).solve_one().unwrap());
    });
    g.bench_function("guaranteed_service_serial_3", |b| {
        let m = GuaranteedService::serial(&[2.0, 4.0, 7.0], &[1, 0, 1], 1.0, 1, Some(1), 0.0, 1.0);
        b.iter(|| black_box(&m).optimize().unwrap());
    });
    g.bench_function("clark_scarf_3_stages", |b| {
        let m = SerialSystem {
            echelon_holding_cost: vec![3.0, 2.0, 2.0],
            lead_time: vec![1.0, 1.0, 2.0],
            stockout_cost: 37.12,
            demand_mean: 5.0,
            demand_sd: 1.0,
        };
        b.iter(|| black_box(&m).optimize().unwrap());
    });
    g.bench_function("simulation_1000_periods", |b| {
        let sim = Simulation::single_stage(
            1.0,
            9.0,
            2,
            15.0,
            Policy::BaseStock { level: 15.0 },
            Demand::Random(Distribution::Poisson { mean: 5.0 }),
            EventOrder::OrderFirst,
        );
        b.iter(|| black_box(&sim).run(1000, 1).unwrap());
    });
    g.finish();
}

fn group<'a>(c: &'a mut Criterion, name: &str, n: usize) -> BenchmarkGroup<'a, WallTime> {
    let mut g = c.benchmark_group(name);
    g.sample_size(10);
    g.throughput(Throughput::Elements(n as u64));
    g
}

fn million_skus(c: &mut Criterion) {
    let s = sku_batch(MILLION, 42);
    let y = yearly(&s);
    let mut g = group(c, "million_skus", MILLION);
    let (h, k) = (
        Column::Values(&s.holding_cost),
        Column::Values(&s.order_cost),
    );
    g.bench_function("eoq_with_backorders", |b| {
        b.iter(|| {
            eoq_with_backorders_batch(
                k,
                h,
                Column::Values(&y.stockout),
                Column::Values(&y.demand),
                None,
            )
            .unwrap()
        });
    });
    let production: Vec<f64> = y.demand.iter().map(|d| 1.5 * d).collect();
    g.bench_function("epq", |b| {
        b.iter(|| {
            epq_batch(
                k,
                h,
                Column::Values(&y.demand),
                Column::Values(&production),
                None,
            )
            .unwrap()
        });
    });
    let normal = NormalNewsvendors {
        holding_cost: Column::Scalar(1.0),
        stockout_cost: Column::Scalar(9.0),
        demand_mean: Column::Values(&s.demand_mean),
        demand_sd: Column::Values(&s.demand_sd),
        lead_time: Column::Values(&s.lead_time),
    };
    g.bench_function("newsvendor_normal_with_lead_time", |b| {
        b.iter(|| normal.solve(None).unwrap())
    });
    let (mut loss, mut complement) = (vec![0.0; MILLION], vec![0.0; MILLION]);
    g.bench_function("normal_loss", |b| {
        b.iter(|| {
            normal_loss_batch(
                Column::Values(&s.service_level),
                Column::Scalar(0.95),
                Column::Values(&s.demand_sd),
                &mut loss,
                &mut complement,
            )
            .unwrap()
        });
    });
    g.bench_function("ss_power_approximation", |b| {
        b.iter(|| {
            power_approximation_batch([
                h,
                Column::Values(&y.stockout),
                k,
                Column::Values(&s.demand_mean),
                Column::Values(&s.demand_sd),
            ])
            .unwrap()
        });
    });
    // Five forecast quantiles per SKU.
    let levels = [0.1, 0.5, 0.9, 0.95, 0.99];
    let quantiles: Vec<f64> = s
        .demand_mean
        .iter()
        .zip(&s.demand_sd)
        .flat_map(|(m, sd)| {
            levels.map(|a| m * 7.0 + sd * 7f64.sqrt() * flowcast_core::normal::quantile(a))
        })
        .collect();
    g.bench_function("safety_stock_from_quantiles", |b| {
        b.iter(|| {
            safety_stock_from_quantiles(
                &levels,
                &quantiles,
                ServiceTarget::CycleServiceLevel(Column::Values(&s.service_level)),
                None,
            )
            .unwrap()
        });
    });
    g.finish();
}

/// The anchors, and the searches at sizes a nightly run would use.
fn anchors(c: &mut Criterion) {
    let s = sku_batch(100_000, 7);
    let y = yearly(&s);
    let mut g = group(c, "anchors", 100_000);
    let rq_inputs = [
        Column::Values(&s.holding_cost),
        Column::Values(&y.stockout),
        Column::Values(&s.order_cost),
        Column::Values(&y.demand),
        Column::Values(&y.sd),
        Column::Values(&y.lead),
    ];
    g.bench_function("rq_eil_100k", |b| {
        b.iter(|| rq_batch(RqMethod::Eil, rq_inputs, ONE).unwrap())
    });
    g.bench_function("rq_loss_function_100k", |b| {
        b.iter(|| rq_batch(RqMethod::LossFunction, rq_inputs, ONE).unwrap())
    });
    let poisson: Vec<f64> = s.demand_mean.iter().map(|m| m.clamp(0.5, 200.0)).collect();
    g.bench_function("newsvendor_poisson_100k", |b| {
        b.iter(|| {
            newsvendor_batch(
                Family::Poisson,
                Column::Scalar(1.0),
                Column::Scalar(9.0),
                &[Column::Values(&poisson)],
                None,
                ONE,
            )
            .unwrap()
        })
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
                ONE,
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

criterion_group!(benches, one_sku, million_skus, anchors);
criterion_main!(benches);

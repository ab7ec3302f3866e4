//! Routing: pricing moves and one local-search descent on shared instances (X-n256-k16 and
//! X-n1001-k43 for capacity, R101 for time windows). Solution quality against PyVRP, OR-Tools
//! and VROOM lives in the harness (`make bench-vrp`).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use flowcast_vrp::Problem;
use flowcast_vrp::search::bench::Prepared;

fn instance(relative: &str) -> Problem {
    let path = flowcast_testkit::shared_data().join("vrp").join(relative);
    let text = std::fs::read_to_string(&path).expect("shared VRP data");
    flowcast_vrp::read(&text, None).expect("a valid instance")
}

fn moves(c: &mut Criterion) {
    let mut g = c.benchmark_group("vrp_price_relocations");
    for name in ["X/X-n256-k16.vrp", "X/X-n1001-k43.vrp", "solomon/R101.txt"] {
        let problem = instance(name);
        let prepared = Prepared::new(&problem, 1);
        let optimum = prepared.optimum(1);
        let (count, _) = prepared.price_relocations(&optimum);
        g.throughput(Throughput::Elements(count as u64));
        g.bench_function(problem.name(), |b| {
            b.iter(|| black_box(prepared.price_relocations(&optimum)));
        });
    }
    g.finish();
}

fn descent(c: &mut Criterion) {
    let mut g = c.benchmark_group("vrp_local_search_descent");
    g.sample_size(10);
    for name in ["X/X-n256-k16.vrp", "X/X-n1001-k43.vrp", "solomon/R101.txt"] {
        let problem = instance(name);
        let prepared = Prepared::new(&problem, 1);
        g.bench_function(problem.name(), |b| {
            b.iter(|| black_box(prepared.descent(1)))
        });
    }
    g.finish();
}

criterion_group!(benches, moves, descent);
criterion_main!(benches);

//! Unit tests of the search's parts on small generated problems: pricing a move from its
//! pieces must equal building the route and pricing it from scratch, and every operator must
//! leave the local search consistent (positions, cached costs) and never make it worse.

use flowcast_core::Rng;
use proptest::prelude::*;

use super::data::Data;
use super::local_search::{LocalSearch, Routes};
use super::operators::{relocate, swap, swap_star, two_opt};
use super::pieces::{self, Piece, Plan};
use super::route::{Penalties, Route};
use crate::{Client, Depot, Problem, Rounding, VehicleType};

/// Two depots, two vehicle types, `n` clients with windows and two load dimensions.
fn problem(n: usize, seed: u64, timed: bool) -> Problem {
    let mut rng = Rng::seed_from(seed);
    let mut u = |lo: f64, hi: f64| lo + (hi - lo) * rng.uniform();
    let depots = vec![
        Depot::new("a", 0.0, 0.0),
        Depot::new("b", u(-9.0, 9.0), u(-9.0, 9.0)),
    ];
    let clients = (0..n)
        .map(|k| {
            let mut c = Client::new(
                k.to_string(),
                u(-20.0, 20.0),
                u(-20.0, 20.0),
                vec![u(1.0, 4.0), u(0.0, 2.0)],
            );
            if timed {
                c.service = u(0.0, 3.0);
                let open = u(0.0, 60.0);
                c.tw_early = open;
                c.tw_late = open + u(5.0, 40.0);
            }
            c
        })
        .collect();
    let mut a = VehicleType::new("a", 4, vec![9.0, 5.0]);
    let mut b = VehicleType::new("b", 2, vec![14.0, 8.0]);
    b.start_depot = 1;
    b.fixed_cost = 7.0;
    b.unit_distance_cost = 1.3;
    if timed {
        a.tw_late = 200.0;
        a.max_duration = 120.0;
        b.unit_duration_cost = 0.2;
    }
    Problem::from_coordinates("t", depots, clients, vec![a, b], Rounding::Exact).unwrap()
}

/// Clients dealt at random over six route slots (four of type 0, two of type 1).
fn random_routes(data: &Data, rng: &mut Rng) -> Routes {
    let mut routes: Routes = vec![
        (0, vec![]),
        (0, vec![]),
        (0, vec![]),
        (0, vec![]),
        (1, vec![]),
        (1, vec![]),
    ];
    let mut clients: Vec<usize> = data.clients().collect();
    rng.shuffle(&mut clients);
    for c in clients {
        let r = rng.index(routes.len());
        routes[r].1.push(c);
    }
    routes
}

const PEN: Penalties = Penalties {
    load: 3.0,
    time: 2.0,
};

/// The local search's caches agree with routes rebuilt from their clients.
fn assert_consistent(ls: &LocalSearch) {
    let mut seen = 0;
    for (r, route) in ls.routes.iter().enumerate() {
        let fresh = Route::new(ls.data, route.vehicle, route.clients(), ls.pen);
        assert!(
            (fresh.cost - route.cost).abs() < 1e-9,
            "route {r}: {} vs {}",
            route.cost,
            fresh.cost
        );
        for (p, &l) in route.clients().iter().enumerate() {
            assert_eq!((ls.route_of[l], ls.pos_of[l]), (r, p + 1));
            seen += 1;
        }
    }
    assert_eq!(seen, ls.data.clients().len());
}

fn total(ls: &LocalSearch) -> f64 {
    ls.routes.iter().map(|r| r.cost).sum()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any stretch-wise plan is priced exactly as the route it describes.
    #[test]
    fn pricing_a_plan_equals_pricing_the_route_it_builds(seed in any::<u64>(), timed in any::<bool>()) {
        let p = problem(12, seed, timed);
        let data = Data::new(&p, 6);
        let mut rng = Rng::seed_from(seed ^ 0x9e37);
        let mut ls = LocalSearch::new(&data);
        ls.load(&random_routes(&data, &mut rng), PEN);
        let nonempty: Vec<usize> = (0..ls.routes.len()).filter(|&r| !ls.routes[r].is_empty()).collect();
        prop_assume!(nonempty.len() >= 2);
        let (a, b) = (nonempty[0], nonempty[1]);
        let (ka, kb) = (ls.routes[a].len(), ls.routes[b].len());
        let i = rng.index(ka + 1);
        let j = rng.index(kb + 1);
        let vehicle = ls.routes[a].vehicle;
        let plans = [
            Plan::new(vehicle, &[Piece::Prefix { route: a, to: i }, Piece::Suffix { route: b, from: j + 1 }]),
            Plan::new(vehicle, &[Piece::Prefix { route: a, to: i }, Piece::Rev { route: b, from: 1, to: j }]),
            Plan::new(vehicle, &[Piece::Prefix { route: a, to: 0 }, Piece::Range { route: b, from: 1, to: j }, Piece::Node(ls.routes[a].nodes[1]), Piece::Suffix { route: a, from: (i + 1).max(2) }]),
            Plan::new(ls.routes[b].vehicle, &[Piece::Prefix { route: b, to: 0 }, Piece::Rev { route: a, from: 1, to: ka }, Piece::Suffix { route: b, from: kb + 1 }]),
        ];
        let mut clients = Vec::new();
        for plan in &plans {
            let priced = pieces::price(&data, &ls.routes, plan);
            pieces::clients(&ls.routes, plan, &mut clients);
            let built = Route::new(&data, plan.vehicle, &clients, PEN).totals(&data);
            prop_assert!((priced.penalised(PEN) - built.penalised(PEN)).abs() < 1e-9, "{plan:?}: {priced:?} vs {built:?}");
            let bound = pieces::lower_bound(&data, &ls.routes, plan);
            prop_assert!(bound <= built.penalised(PEN) + 1e-9);
        }
    }

    /// Each operator, tried on every pair, keeps the caches right and only ever lowers the cost.
    #[test]
    fn operators_keep_the_search_consistent_and_only_improve(seed in any::<u64>(), timed in any::<bool>()) {
        let p = problem(14, seed, timed);
        let data = Data::new(&p, 8);
        let mut rng = Rng::seed_from(seed ^ 0x51);
        let mut ls = LocalSearch::new(&data);
        ls.load(&random_routes(&data, &mut rng), PEN);
        for op in 0..4 {
            for u in data.clients() {
                for &v in &data.neighbours[u] {
                    let v = v as usize;
                    let (pu, pv) = ((ls.route_of[u], ls.pos_of[u]), (ls.route_of[v], ls.pos_of[v]));
                    let before = total(&ls);
                    let moved = match op {
                        0 => relocate::after(&mut ls, pu, pv),
                        1 => swap::strings(&mut ls, pu, pv),
                        2 => two_opt::run(&mut ls, pu, pv),
                        _ => pu.0 != pv.0 && swap_star::run(&mut ls, pu.0.min(pv.0), pu.0.max(pv.0)),
                    };
                    let after = total(&ls);
                    prop_assert!(if moved { after < before - 1e-9 } else { after == before }, "op {op}: {before} -> {after}");
                    assert_consistent(&ls);
                }
            }
        }
    }
}

/// A full local search ends in a local optimum no operator improves, and rollback restores
/// the solution it started from exactly.
#[test]
fn local_search_reaches_a_local_optimum_and_rolls_back() {
    let p = problem(30, 5, true);
    let data = Data::new(&p, 10);
    let mut rng = Rng::seed_from(5);
    let mut ls = LocalSearch::new(&data);
    let start = random_routes(&data, &mut rng);
    ls.load(&start, PEN);
    let before = total(&ls);
    ls.begin();
    ls.run(&mut rng, &|| false);
    assert!(total(&ls) < before);
    assert_consistent(&ls);
    let optimum = ls.export();
    for u in data.clients() {
        for &v in &data.neighbours[u] {
            let v = v as usize;
            let (pu, pv) = (
                (ls.route_of[u], ls.pos_of[u]),
                (ls.route_of[v], ls.pos_of[v]),
            );
            assert!(!relocate::after(&mut ls, pu, pv) && !swap::strings(&mut ls, pu, pv));
        }
    }
    ls.rollback();
    assert_consistent(&ls);
    let restored = ls.export();
    for ((va, ca), (vb, cb)) in restored.iter().zip(&start) {
        assert_eq!((va, ca), (vb, cb));
    }
    assert_ne!(restored, optimum);
}

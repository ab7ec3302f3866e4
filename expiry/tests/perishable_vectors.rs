//! The perishable reference vectors (exact base-stock metrics), De Moor et al. (2022) and
//! Hendrix et al. (2019) as reproduced by viso_jax, invariants, and input checks.

use flowcast_core::ErrorCode;
use flowcast_expiry::Error;
use flowcast_expiry::perishable::{
    Costs, DemandPmf, Issuing, PerishableSystem, SimOptions, ValueIterationOptions,
};
use flowcast_testkit::{close, load_json, num};
use proptest::prelude::*;
use serde_json::Value;

fn data() -> Value {
    load_json("inventory/perishable_vectors_dev.json")
}

fn issuing(name: &str) -> Issuing {
    match name {
        "FIFO" => Issuing::Fifo,
        "LIFO" => Issuing::Lifo,
        other => panic!("unknown issuing {other}"),
    }
}

fn code(err: Error) -> ErrorCode {
    match err {
        Error::Invalid(e) => e.code,
        other => panic!("not a validation error: {other}"),
    }
}

#[test]
fn perishable_vectors_match_exactly() {
    let data = data();
    let cases = data["perishable"].as_array().expect("perishable cases");
    assert_eq!(cases.len(), 12);
    for case in cases {
        let id = case["id"].as_str().unwrap();
        let input = &case["inputs"];
        let want = &case["expected"];
        let tol = num(case, "tol_abs");
        let system = PerishableSystem::new(
            num(input, "lifetime_m") as u32,
            0,
            DemandPmf::poisson(num(input, "poisson_mean")).unwrap(),
            issuing(input["issuing"].as_str().unwrap()),
        );
        let m = system.evaluate(num(input, "order_up_to_S") as i64).unwrap();
        for (what, got) in [
            ("expected_order", m.expected_order),
            ("expected_sales", m.expected_sales),
            ("expected_lost_sales", m.expected_lost_sales),
            ("expected_outdate", m.expected_outdate),
            ("expected_end_on_hand", m.expected_end_on_hand),
            ("fill_rate", m.fill_rate),
            ("waste_fraction", m.waste_fraction),
        ] {
            close(id, what, got, num(want, what), tol, 0.0);
        }
        assert_eq!(m.n_states as f64, num(want, "n_states"), "{id}: n_states");
    }
}

#[test]
fn simulation_agrees_with_the_vectors() {
    let data = data();
    for case in data["perishable"].as_array().unwrap().iter().step_by(3) {
        let input = &case["inputs"];
        let system = PerishableSystem::new(
            num(input, "lifetime_m") as u32,
            0,
            DemandPmf::poisson(num(input, "poisson_mean")).unwrap(),
            issuing(input["issuing"].as_str().unwrap()),
        );
        let s = num(input, "order_up_to_S") as i64;
        let est = system
            .simulate(
                s,
                &SimOptions {
                    periods: 100_000,
                    seed: 2024,
                    ..SimOptions::default()
                },
            )
            .unwrap();
        let (m, e, want) = (est.metrics, est.std_errors, &case["expected"]);
        for (got, key, se) in [
            (m.expected_order, "expected_order", e.order),
            (m.expected_sales, "expected_sales", e.sales),
            (m.expected_outdate, "expected_outdate", e.outdate),
            (
                m.expected_end_on_hand,
                "expected_end_on_hand",
                e.end_on_hand,
            ),
        ] {
            let z = (got - num(want, key)) / se;
            assert!(
                z.abs() < 4.5,
                "{}: {key} {got} vs {} (z {z})",
                case["id"],
                num(want, key)
            );
        }
    }
}

/// De Moor et al. (2022), m = 2, L = 1, experiment 1 (LIFO) and 2 (FIFO), as in viso_jax.
fn de_moor(issuing: Issuing) -> PerishableSystem {
    let reference = &data()["published_reference"][0]["inputs"];
    let costs = Costs {
        order: num(reference, "variable_order_cost"),
        shortage: num(reference, "shortage_cost"),
        wastage: num(reference, "wastage_cost"),
        holding: num(reference, "holding_cost"),
        price: None,
    };
    PerishableSystem::new(
        num(reference, "max_useful_life") as u32,
        num(reference, "lead_time") as u32,
        DemandPmf::gamma_rounded(4.0, 0.5, 100).unwrap(),
        issuing,
    )
    .with_costs(costs)
    .with_max_order(num(reference, "max_order_quantity") as i64)
}

#[test]
fn de_moor_best_base_stock() {
    let data = data();
    let want = &data["published_reference"][0]["expected"];
    for (issuing, key) in [
        (Issuing::Lifo, "LIFO_best_base_stock_S"),
        (Issuing::Fifo, "FIFO_best_base_stock_S"),
    ] {
        let best = de_moor(issuing).optimize_base_stock(None).unwrap();
        assert_eq!(
            best.base_stock as f64,
            num(want, key),
            "{key}: {:?}",
            best.curve
        );
    }
}

#[test]
fn de_moor_optimal_policy_tables() {
    let data = data();
    let want = &data["published_reference"][0]["expected"];
    // viso_jax runs discounted value iteration (γ = 0.99) to a sup-norm change below 1e-4.
    let options = ValueIterationOptions {
        discount: 0.99,
        tolerance: 1e-4,
        max_iterations: 10_000,
    };
    for (issuing, key) in [
        (
            Issuing::Lifo,
            "optimal_policy_LIFO_rows_age1_8_to_0_cols_age2_0_to_8",
        ),
        (
            Issuing::Fifo,
            "optimal_policy_FIFO_rows_age1_8_to_0_cols_age2_0_to_8",
        ),
    ] {
        let policy = de_moor(issuing).optimal_policy(&options).unwrap();
        assert!(policy.converged);
        let rows = want[key].as_array().unwrap();
        for (r, row) in rows.iter().enumerate() {
            let age1 = 8 - r as u32;
            for (age2, cell) in row.as_array().unwrap().iter().enumerate() {
                // State [stock age 1 (arriving now), stock age 2 (one period left)].
                let got = policy.order(&[age1, age2 as u32]).unwrap();
                assert_eq!(
                    f64::from(got),
                    cell.as_f64().unwrap(),
                    "{key} age1 {age1} age2 {age2}"
                );
            }
        }
    }
}

/// Hendrix et al. (2019) single product, exp1: Poisson(5), price 1, unit cost 0.5, FIFO,
/// max order 10 / 15 / 20 for m = 2 / 3 / 4; orders arrive the next period.
fn hendrix(m: u32, max_order: i64) -> PerishableSystem {
    let costs = Costs {
        order: 0.5,
        price: Some(1.0),
        ..Costs::default()
    };
    PerishableSystem::new(m, 1, DemandPmf::poisson(5.0).unwrap(), Issuing::Fifo)
        .with_costs(costs)
        .with_max_order(max_order)
}

fn hendrix_check(m: u32, max_order: i64, key: &str) {
    let data = data();
    let want = num(&data["published_reference"][1]["expected"], key);
    let options = ValueIterationOptions {
        tolerance: 1e-4,
        ..ValueIterationOptions::default()
    };
    let policy = hendrix(m, max_order).optimal_policy(&options).unwrap();
    assert!(policy.converged);
    let pi = policy.average_reward.unwrap();
    assert_eq!((pi * 100.0).round() / 100.0, want, "{key}: {pi}");
}

#[test]
fn hendrix_m2_long_run_reward() {
    hendrix_check(2, 10, "m2_exp1_pi");
}

#[test]
fn hendrix_m3_long_run_reward() {
    hendrix_check(3, 15, "m3_exp1_pi");
}

#[test]
fn hendrix_m4_long_run_reward() {
    hendrix_check(4, 20, "m4_exp1_pi");
}

#[test]
fn bad_inputs_give_typed_errors() {
    let pmf = DemandPmf::poisson(3.0).unwrap();
    let system = PerishableSystem::new(2, 0, pmf.clone(), Issuing::Fifo);
    assert_eq!(code(system.evaluate(-1).unwrap_err()), ErrorCode::Negative);
    assert_eq!(
        code(DemandPmf::poisson(f64::NAN).unwrap_err()),
        ErrorCode::NotFinite
    );
    let dead = PerishableSystem::new(0, 0, pmf.clone(), Issuing::Fifo);
    let err = dead.evaluate(3).unwrap_err();
    assert_eq!(code(err.clone()), ErrorCode::OutOfRange);
    assert!(err.to_string().starts_with("lifetime = 0"), "{err}");
    assert_eq!(code(DemandPmf::new(vec![]).unwrap_err()), ErrorCode::Empty);
    let err = DemandPmf::new(vec![0.3, 0.3]).unwrap_err();
    assert_eq!(code(err.clone()), ErrorCode::OutOfRange);
    assert!(err.to_string().contains("sum to 1"), "{err}");
    let bad_cost = system.clone().with_costs(Costs {
        holding: -1.0,
        ..Costs::default()
    });
    assert_eq!(code(bad_cost.evaluate(3).unwrap_err()), ErrorCode::Negative);
    let bad_price = system.clone().with_costs(Costs {
        price: Some(f64::INFINITY),
        ..Costs::default()
    });
    assert_eq!(
        code(bad_price.evaluate(3).unwrap_err()),
        ErrorCode::NotFinite
    );
    assert_eq!(
        code(system.clone().with_max_order(-3).evaluate(3).unwrap_err()),
        ErrorCode::Negative
    );
    let huge = PerishableSystem::new(8, 3, pmf, Issuing::Fifo);
    let err = huge.evaluate(200).unwrap_err();
    assert_eq!(code(err.clone()), ErrorCode::OutOfRange);
    assert!(err.to_string().contains("use simulate"), "{err}");
}

fn arb_system() -> impl Strategy<Value = (PerishableSystem, PerishableSystem, i64)> {
    (
        1u32..=4,
        0u32..=2,
        0.2f64..6.0,
        0i64..=9,
        prop::option::of(1i64..=6),
    )
        .prop_map(|(m, l, mean, s, cap)| {
            let pmf = DemandPmf::poisson(mean).unwrap();
            let mut fifo = PerishableSystem::new(m, l, pmf.clone(), Issuing::Fifo);
            fifo.max_order = cap;
            let mut lifo = fifo.clone();
            lifo.issuing = Issuing::Lifo;
            (fifo, lifo, s)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn stationary_invariants((fifo, lifo, s) in arb_system()) {
        let mean = fifo.demand.mean();
        let f = fifo.evaluate(s).unwrap();
        let l = lifo.evaluate(s).unwrap();
        for m in [&f, &l] {
            // Flow balance: everything ordered is sold or outdated in steady state.
            prop_assert!((m.expected_order - m.expected_sales - m.expected_outdate).abs() < 1e-9);
            prop_assert!((m.expected_sales + m.expected_lost_sales - mean).abs() < 1e-9);
            prop_assert!((0.0..=1.0 + 1e-12).contains(&m.fill_rate));
            prop_assert!((0.0..=1.0 + 1e-12).contains(&m.waste_fraction));
            prop_assert!(m.expected_end_on_hand >= -1e-12);
        }
        if fifo.max_order.is_none() {
            // Order up to S each period: position after ordering is always S.
            let (lifetime, lead) = (fifo.lifetime, fifo.lead_time);
            if lead == 0 {
                prop_assert!((f.expected_order + f.expected_end_on_hand - s as f64).abs() < 1e-9);
            }
            // FIFO never outdates more than LIFO (Nahmias 1982).
            prop_assert!(f.expected_outdate <= l.expected_outdate + 1e-9,
                "m {lifetime} L {lead}: fifo {} lifo {}", f.expected_outdate, l.expected_outdate);
        }
    }
}

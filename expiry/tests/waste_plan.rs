//! The waste plan against brute force, its limits, and its input checks.

use flowcast_core::{ErrorCode, Rng};
use flowcast_expiry::Error;
use flowcast_expiry::waste::{
    Destination, DestinationKind, ExclusionReason, Leg, Markdown, MarkdownScope, Outlet, PlanLot,
    WastePlan, WastePlanProblem, plan_waste,
};

/// The per-unit gain of sending lot `i` to `outlet`, worked out from the documented rules
/// independently of the implementation; `None` when the pair is not allowed.
fn gain(p: &WastePlanProblem, i: usize, outlet: Outlet) -> Option<f64> {
    let lot = &p.lots[i];
    match outlet {
        Outlet::Markdown(j) => {
            let m = &p.markdowns[j];
            let covers = match &m.scope {
                MarkdownScope::Lot(id) => *id == lot.id,
                MarkdownScope::Site(s) => *s == lot.site,
            };
            (covers && lot.days_to_expiry >= 1)
                .then_some(m.value_per_unit - m.handling_per_unit + lot.disposal_cost_per_unit)
        }
        Outlet::Transfer(j) | Outlet::Donation(j) => {
            let d = &p.destinations[j];
            if d.kind == DestinationKind::Transfer && d.id == lot.site {
                return None;
            }
            let km = p
                .legs
                .iter()
                .find(|l| {
                    (l.from == lot.site && l.to == d.id) || (l.to == lot.site && l.from == d.id)
                })
                .map(|l| l.km)
                .or((lot.site == d.id).then_some(0.0))?;
            let left = i64::from(lot.days_to_expiry) - i64::from(d.transit_days);
            (km <= d.max_km && left >= i64::from(d.min_days_on_arrival)).then_some(
                d.value_per_unit - d.handling_per_unit - d.transport_per_unit_km * km
                    + lot.disposal_cost_per_unit,
            )
        }
    }
}

fn outlets(p: &WastePlanProblem) -> Vec<(Outlet, f64)> {
    let md = p
        .markdowns
        .iter()
        .enumerate()
        .map(|(j, m)| (Outlet::Markdown(j), m.capacity));
    let dest = p
        .destinations
        .iter()
        .enumerate()
        .map(|(j, d)| match d.kind {
            DestinationKind::Transfer => (Outlet::Transfer(j), d.capacity),
            DestinationKind::Donation => (Outlet::Donation(j), d.capacity),
        });
    md.chain(dest).collect()
}

/// Best Σ gain·x over all integer assignments (x ≥ 0, within lot and outlet limits).
fn brute_force(p: &WastePlanProblem) -> f64 {
    let outs = outlets(p);
    let mut arcs = Vec::new(); // (lot, outlet position, gain)
    for i in 0..p.lots.len() {
        for (k, &(o, _)) in outs.iter().enumerate() {
            if let Some(g) = gain(p, i, o) {
                arcs.push((i, k, g));
            }
        }
    }
    fn go(
        arcs: &[(usize, usize, f64)],
        lot_left: &mut [f64],
        cap_left: &mut [f64],
        acc: f64,
    ) -> f64 {
        let Some((&(i, k, g), rest)) = arcs.split_first() else {
            return acc;
        };
        let most = lot_left[i].min(cap_left[k]) as u32;
        let mut best = f64::NEG_INFINITY;
        for x in 0..=most {
            let x = f64::from(x);
            lot_left[i] -= x;
            cap_left[k] -= x;
            best = best.max(go(rest, lot_left, cap_left, acc + g * x));
            lot_left[i] += x;
            cap_left[k] += x;
        }
        best
    }
    let mut lot_left: Vec<f64> = p.lots.iter().map(|l| l.at_risk).collect();
    let mut cap_left: Vec<f64> = outs.iter().map(|&(_, c)| c).collect();
    go(&arcs, &mut lot_left, &mut cap_left, 0.0)
}

fn random_problem(rng: &mut Rng) -> WastePlanProblem {
    let pick = |rng: &mut Rng, n: u64| rng.below(n) as f64;
    let sites = ["A", "B"];
    let lots: Vec<PlanLot> = (0..1 + rng.below(3).max(rng.below(3)))
        .map(|i| {
            let mut l = PlanLot::new(
                format!("L{i}"),
                sites[rng.index(2)],
                pick(rng, 4),
                rng.below(6) as u32,
            );
            l.disposal_cost_per_unit = pick(rng, 3) * 0.5;
            l.kg_per_unit = 1.0 + pick(rng, 2);
            l
        })
        .collect();
    let n_md = rng.below(2) as usize;
    let markdowns: Vec<Markdown> = (0..n_md)
        .map(|j| {
            let scope = if rng.below(2) == 0 {
                MarkdownScope::Lot(lots[rng.index(lots.len())].id.clone())
            } else {
                MarkdownScope::Site(lots[rng.index(lots.len())].site.clone())
            };
            let mut m = Markdown::new(format!("M{j}"), scope, pick(rng, 4), pick(rng, 5));
            m.handling_per_unit = pick(rng, 3) * 0.5;
            m
        })
        .collect();
    let mut ids = vec!["A", "B", "C", "P", "Q"];
    rng.shuffle(&mut ids);
    let n_dest = 3 - n_md - rng.below(2) as usize * rng.index(3 - n_md);
    let destinations: Vec<Destination> = ids[..n_dest]
        .iter()
        .map(|&id| {
            let kind = if matches!(id, "P" | "Q") || rng.below(3) == 0 {
                DestinationKind::Donation
            } else {
                DestinationKind::Transfer
            };
            let mut d = Destination::new(id, kind, pick(rng, 4), 1.0 + pick(rng, 5));
            d.handling_per_unit = pick(rng, 3) * 0.5;
            d.transport_per_unit_km = pick(rng, 3) * 0.01;
            d.max_km = if rng.below(3) == 0 {
                f64::INFINITY
            } else {
                60.0 + pick(rng, 100)
            };
            d.transit_days = rng.below(3).min(rng.below(3)) as u32;
            d.min_days_on_arrival = rng.below(3) as u32;
            d
        })
        .collect();
    let mut legs = Vec::new();
    for s in sites {
        for d in &destinations {
            if d.id != s && rng.below(5) != 0 && !legs.iter().any(|l: &Leg| l.from == d.id) {
                legs.push(Leg::new(s, d.id.as_str(), 10.0 * pick(rng, 11)));
            }
        }
    }
    // Legs may only name known places: drop those from a site holding no lot.
    legs.retain(|l| lots.iter().any(|lot| lot.site == l.from));
    WastePlanProblem {
        lots,
        markdowns,
        destinations,
        legs,
    }
}

fn check_limits(p: &WastePlanProblem, plan: &WastePlan) {
    let outs = outlets(p);
    let mut per_lot = vec![0.0; p.lots.len()];
    let mut per_outlet = vec![0.0; outs.len()];
    for a in &plan.assignments {
        assert!(a.units > 0.0);
        let g = gain(p, a.lot, a.outlet).expect("assignment on a forbidden pair");
        assert!(g > 0.0, "assignment with no gain");
        assert!(
            !plan
                .excluded
                .iter()
                .any(|e| e.lot == a.lot && e.outlet == a.outlet),
            "an excluded pair is used"
        );
        per_lot[a.lot] += a.units;
        per_outlet[outs.iter().position(|&(o, _)| o == a.outlet).unwrap()] += a.units;
    }
    for (i, l) in p.lots.iter().enumerate() {
        assert!(per_lot[i] <= l.at_risk + 1e-9, "lot {i} over-assigned");
        assert!((plan.lots[i].rescued - per_lot[i]).abs() < 1e-9);
        assert!((plan.lots[i].rescued + plan.lots[i].wasted - l.at_risk).abs() < 1e-9);
    }
    for (k, &(_, cap)) in outs.iter().enumerate() {
        assert!(per_outlet[k] <= cap + 1e-9, "outlet {k} over capacity");
    }
    for e in &plan.excluded {
        match (gain(p, e.lot, e.outlet), e.reason) {
            (Some(g), ExclusionReason::NoGain { gain_per_unit }) => {
                assert!(g <= 0.0 && (g - gain_per_unit).abs() < 1e-12)
            }
            (None, ExclusionReason::NoGain { .. }) => panic!("{e:?} is not allowed at all"),
            (Some(_), _) => panic!("{e:?} is allowed"),
            (None, _) => {}
        }
    }
}

#[test]
fn plan_is_optimal_against_brute_force() {
    let mut rng = Rng::seed_from(20_261_122);
    for case in 0..200 {
        let p = random_problem(&mut rng);
        let plan = plan_waste(&p).unwrap_or_else(|e| panic!("case {case}: {e}\n{p:#?}"));
        let disposal_all: f64 = p
            .lots
            .iter()
            .map(|l| l.at_risk * l.disposal_cost_per_unit)
            .sum();
        let best = brute_force(&p) - disposal_all;
        assert!(
            (plan.totals.objective - best).abs() < 1e-6,
            "case {case}: LP {} vs brute force {best}\n{p:#?}\n{plan:#?}",
            plan.totals.objective
        );
        assert!(plan.integral, "case {case}");
        assert!(plan.assignments.iter().all(|a| a.units.fract() == 0.0));
        check_limits(&p, &plan);
        let t = plan.totals;
        let at_risk: f64 = p.lots.iter().map(|l| l.at_risk).sum();
        assert!((t.units_rescued + t.units_wasted - at_risk).abs() < 1e-9);
        let net = t.recovered_value - t.handling_cost - t.transport_cost - t.disposal_cost;
        assert!((t.objective - net).abs() < 1e-9);
    }
}

#[test]
fn fractional_inputs_give_the_lp_values() {
    let p = WastePlanProblem {
        lots: vec![PlanLot::new("a", "S", 2.5, 3)],
        destinations: vec![Destination::donation("bank", 1.75, 1.0)],
        legs: vec![Leg::new("S", "bank", 5.0)],
        ..Default::default()
    };
    let plan = plan_waste(&p).unwrap();
    assert!(!plan.integral);
    assert!((plan.totals.units_rescued - 1.75).abs() < 1e-9);
    assert!((plan.lots[0].wasted - 0.75).abs() < 1e-9);
}

#[test]
fn disposal_cost_makes_zero_value_donation_worthwhile_and_co2e_is_reported() {
    let mut lot = PlanLot::new("bread", "S", 10.0, 2);
    lot.kg_per_unit = 0.4;
    let mut bank = Destination::donation("bank", 6.0, 0.0);
    bank.transport_per_unit_km = 0.01;
    let mut p = WastePlanProblem {
        lots: vec![lot],
        destinations: vec![bank],
        legs: vec![Leg::new("bank", "S", 20.0)],
        ..Default::default()
    };
    // No disposal cost: the donation costs 0.2 a unit and earns nothing.
    let plan = plan_waste(&p).unwrap();
    assert!(plan.assignments.is_empty());
    assert!(matches!(
        plan.excluded[0].reason,
        ExclusionReason::NoGain { gain_per_unit } if (gain_per_unit + 0.2).abs() < 1e-12
    ));
    // Disposal at 0.5 a unit: donating 6 saves 6 × (0.5 − 0.2).
    p.lots[0].disposal_cost_per_unit = 0.5;
    let plan = plan_waste(&p).unwrap();
    let t = plan.totals;
    assert_eq!((t.units_rescued, t.units_wasted), (6.0, 4.0));
    assert!((t.objective - (-1.2 - 2.0)).abs() < 1e-9);
    assert!((t.kg_avoided - 2.4).abs() < 1e-12);
    assert!((t.co2e_avoided_kg - 2.4 * 2.5).abs() < 1e-12);
    assert_eq!(plan.assignments[0].outlet, Outlet::Donation(0));
    assert_eq!(plan.assignments[0].outlet_id, "bank");
}

#[test]
fn limits_exclude_arcs_with_reasons() {
    let lot = PlanLot::new("a", "S", 5.0, 3);
    let mut far = Destination::transfer("T1", 5.0, 2.0);
    far.max_km = 50.0;
    let mut slow = Destination::transfer("T2", 5.0, 2.0);
    slow.transit_days = 2;
    slow.min_days_on_arrival = 2;
    let p = WastePlanProblem {
        lots: vec![lot],
        markdowns: vec![],
        destinations: vec![
            far,
            slow,
            Destination::transfer("S", 5.0, 2.0),
            Destination::donation("nowhere", 5.0, 1.0),
        ],
        legs: vec![Leg::new("S", "T1", 60.0), Leg::new("T2", "S", 10.0)],
    };
    let plan = plan_waste(&p).unwrap();
    let reasons: Vec<_> = plan.excluded.iter().map(|e| e.reason).collect();
    assert_eq!(
        reasons,
        [
            ExclusionReason::TooFar {
                km: 60.0,
                max_km: 50.0
            },
            ExclusionReason::ShelfLife {
                days_left: 1,
                min_days: 2
            },
            ExclusionReason::SameSite,
            ExclusionReason::NoDistance,
        ]
    );
    assert!(plan.assignments.is_empty());
    assert_eq!(plan.totals.units_wasted, 5.0);
}

fn err(p: &WastePlanProblem) -> String {
    let Error::Invalid(e) = plan_waste(p).unwrap_err() else {
        unreachable!()
    };
    format!("{} [{}]", e.field, e.code)
}

#[test]
fn bad_inputs_give_typed_errors() {
    let base = WastePlanProblem {
        lots: vec![
            PlanLot::new("a", "S", 5.0, 3),
            PlanLot::new("b", "S", 1.0, 3),
        ],
        markdowns: vec![Markdown::new(
            "m",
            MarkdownScope::Site("S".into()),
            2.0,
            1.0,
        )],
        destinations: vec![Destination::donation("bank", 5.0, 1.0)],
        legs: vec![Leg::new("S", "bank", 5.0)],
    };
    assert!(plan_waste(&base).is_ok());
    let with = |f: &dyn Fn(&mut WastePlanProblem)| {
        let mut p = base.clone();
        f(&mut p);
        err(&p)
    };
    assert_eq!(
        with(&|p| p.lots[1].at_risk = -1.0),
        "lots[1].at_risk [negative]"
    );
    assert_eq!(
        with(&|p| p.lots[0].co2e_per_kg = f64::NAN),
        "lots[0].co2e_per_kg [not_finite]"
    );
    assert_eq!(
        with(&|p| p.lots[1].id = "a".into()),
        "lots[1].id [duplicate]"
    );
    assert_eq!(
        with(&|p| p.markdowns[0].capacity = -2.0),
        "markdowns[0].capacity [negative]"
    );
    assert_eq!(
        with(&|p| p.markdowns[0].scope = MarkdownScope::Lot("zz".into())),
        "markdowns[0].scope [invalid_network]"
    );
    assert_eq!(
        with(&|p| p.markdowns[0].scope = MarkdownScope::Site("zz".into())),
        "markdowns[0].scope [invalid_network]"
    );
    assert_eq!(
        with(&|p| p.destinations[0].transport_per_unit_km = -0.1),
        "destinations[0].transport_per_unit_km [negative]"
    );
    assert_eq!(
        with(&|p| p.destinations[0].max_km = f64::NAN),
        "destinations[0].max_km [not_finite]"
    );
    assert_eq!(
        with(&|p| p.destinations.push(Destination::transfer("bank", 1.0, 1.0))),
        "destinations[1].id [duplicate]"
    );
    assert_eq!(
        with(&|p| p.legs[0].to = "nobody".into()),
        "legs[0].to [invalid_network]"
    );
    assert_eq!(
        with(&|p| p.legs.push(Leg::new("bank", "S", 7.0))),
        "legs[1].to [duplicate]"
    );
    assert_eq!(
        with(&|p| p.legs[0].km = f64::INFINITY),
        "legs[0].km [not_finite]"
    );
    // Valid one by one, overflowing together.
    let e = with(&|p| {
        p.lots[0].disposal_cost_per_unit = f64::MAX;
        p.destinations[0].value_per_unit = f64::MAX;
    });
    assert!(e.ends_with("[not_finite]"), "{e}");
    // Infinite capacities and distance limits are allowed.
    let mut p = base.clone();
    p.destinations[0].capacity = f64::INFINITY;
    p.markdowns[0].capacity = f64::INFINITY;
    let plan = plan_waste(&p).unwrap();
    assert_eq!(plan.totals.units_rescued, 6.0);
    assert!(plan.integral);
    let code = match plan_waste(&WastePlanProblem {
        lots: vec![PlanLot::new("a", "S", -0.0 - 1.0, 1)],
        ..Default::default()
    }) {
        Err(Error::Invalid(e)) => e.code,
        other => panic!("{other:?}"),
    };
    assert_eq!(code, ErrorCode::Negative);
}

/// A network-sized plan: 200 lots at 10 stores, 10 other stores and 10 partners. Run with
/// `cargo test --release --test waste_plan -- --ignored --nocapture` for the timing.
#[test]
#[ignore = "timing; run in release"]
fn timing_200_lots_20_destinations() {
    let mut rng = Rng::seed_from(7);
    let lots: Vec<PlanLot> = (0..200)
        .map(|i| {
            let mut l = PlanLot::new(
                format!("lot{i}"),
                format!("S{}", i % 10),
                rng.below(40) as f64,
                rng.below(6) as u32,
            );
            l.disposal_cost_per_unit = 0.1;
            l
        })
        .collect();
    let destinations: Vec<Destination> = (0..20)
        .map(|j| {
            let (id, kind) = if j < 10 {
                (format!("T{j}"), DestinationKind::Transfer)
            } else {
                (format!("P{j}"), DestinationKind::Donation)
            };
            let mut d =
                Destination::new(id, kind, rng.below(200) as f64, rng.below(30) as f64 / 10.0);
            d.transport_per_unit_km = 0.005;
            d.max_km = 150.0;
            d.transit_days = rng.below(2) as u32;
            d
        })
        .collect();
    let legs = (0..10)
        .flat_map(|s| (0..20).map(move |j| (s, j)))
        .map(|(s, j)| {
            let to = &destinations[j].id;
            Leg::new(format!("S{s}"), to.as_str(), 5.0 + rng.below(200) as f64)
        })
        .collect();
    let markdowns = (0..10)
        .map(|s| {
            Markdown::new(
                format!("md{s}"),
                MarkdownScope::Site(format!("S{s}")),
                30.0,
                0.8,
            )
        })
        .collect();
    let p = WastePlanProblem {
        lots,
        markdowns,
        destinations,
        legs,
    };
    let start = std::time::Instant::now();
    let plan = plan_waste(&p).unwrap();
    let took = start.elapsed();
    println!(
        "200 lots x 20 destinations (+10 markdowns): {took:?}, {} assignments, {} excluded, objective {:.2}, integral {}",
        plan.assignments.len(),
        plan.excluded.len(),
        plan.totals.objective,
        plan.integral
    );
    check_limits(&p, &plan);
}

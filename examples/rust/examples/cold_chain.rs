//! A cold chain end to end: MKT of several lots in one call, excursions in a fridge log with a
//! verdict, shelf life used, FEFO picking, perishable stock at the best base stock, and where
//! to send stock that will expire unsold.
//!
//! `cargo run -p flowcast-examples --example cold_chain`

use flowcast_expiry::excursion::{Interval, Rules, StabilityBudget, analyze};
use flowcast_expiry::fefo::{Lot, Order, fefo_allocate};
use flowcast_expiry::mkt::{MktParams, mean_kinetic_temperature, mkt_segments};
use flowcast_expiry::perishable::{Costs, DemandPmf, Issuing, PerishableSystem};
use flowcast_expiry::shelf_life::{RateModel, shelf_life_consumed};
use flowcast_expiry::waste::{Destination, Leg, PlanLot, WastePlanProblem, plan_waste};

fn main() -> Result<(), flowcast_expiry::Error> {
    // Three lots' hourly logs, back to back; `bounds` says where each starts and ends.
    let mut temps = vec![5.0; 24]; // a steady fridge
    temps.extend([5.0; 20].iter().chain(&[12.0, 14.0, 13.0, 9.0])); // a door left open
    temps.extend([21.0, 23.0, 24.0, 22.0]); // room-temperature stock
    let bounds = [0, 24, 48, 52];
    let mut mkt = [0.0; 3];
    mkt_segments(&temps, None, &bounds, &MktParams::default(), &mut mkt)?;
    for (lot, value) in ["fridge", "door-open", "room"].iter().zip(mkt) {
        println!("{lot:<10} MKT {value:6.2} °C");
    }
    assert!(mkt[1] > mkt[0] && mkt[1] < 8.0);

    // The door-open log, minute timestamps: excursions against 2–8 °C with a 72 h budget above.
    let minutes: Vec<f64> = (0..24).map(|h| f64::from(h) * 60.0).collect();
    let rules = Rules {
        min_duration: 30.0,
        max_gap: Some(90.0),
        budgets: vec![StabilityBudget {
            band: Interval::parse("(8, 25]")?,
            minutes: 72.0 * 60.0,
        }],
        ..Rules::refrigerated()
    };
    let report = analyze(&minutes, &temps[24..48], &rules)?;
    for e in &report.events {
        println!(
            "excursion {:?} from minute {} for {} min, peak {} °C ({:?})",
            e.kind, e.start_min, e.duration_min, e.peak_c, e.band
        );
    }
    println!(
        "verdict {:?}: {}",
        report.verdict.status, report.verdict.reasons[0].message
    );

    // Shelf life those hours used (Arrhenius, USP constants), of two years at 5 °C.
    let hours = vec![1.0; 24];
    let used = shelf_life_consumed(&temps[24..48], &hours, 5.0, 17_520.0, &RateModel::default())?;
    println!(
        "24 h on the clock aged the lot {:.1} h at 5 °C ({:.4} % of its shelf life)",
        used.equivalent_at_ref,
        100.0 * used.fraction_consumed
    );

    // Pick an order first-expiry-first-out, needing 30 days of shelf life at delivery.
    let lot = |id: &str, expiry_day, qty| Lot {
        id: id.into(),
        expiry_day,
        qty,
    };
    let lots = [lot("A", 40, 50.0), lot("B", 20, 30.0), lot("C", 90, 80.0)];
    let order = Order {
        qty: 70.0,
        ship_day: 0,
        min_remaining_days: 30,
    };
    let picks = fefo_allocate(&lots, &order)?;
    for p in &picks.picks {
        println!("pick {} × {}", p.qty, lots[p.lot].id);
    }
    println!("too short-dated: {}", lots[picks.ineligible[0].lot].id);

    // A product that lives 2 days, Poisson(10) demand: the best base stock, FIFO issuing.
    let system =
        PerishableSystem::new(2, 0, DemandPmf::poisson(10.0)?, Issuing::Fifo).with_costs(Costs {
            order: 3.0,
            holding: 1.0,
            shortage: 5.0,
            wastage: 7.0,
            price: None,
        });
    let best = system.optimize_base_stock(None)?;
    println!(
        "order up to {}: fill rate {:.3}, {:.2} units outdated a day ({:.1} % of orders)",
        best.base_stock,
        best.metrics.fill_rate,
        best.metrics.expected_outdate,
        100.0 * best.metrics.waste_fraction
    );

    // 40 units will expire unsold at store S1 (destroying one costs 0.50): a food bank 8 km
    // away takes 25.
    let plan = plan_waste(&WastePlanProblem {
        lots: vec![PlanLot {
            disposal_cost_per_unit: 0.5,
            ..PlanLot::new("L1", "S1", 40.0, 4)
        }],
        destinations: vec![Destination::donation("bank", 25.0, 0.0)],
        legs: vec![Leg::new("S1", "bank", 8.0)],
        ..Default::default()
    })?;
    println!(
        "donate {} units, {} wasted, {:.1} kg CO2e avoided",
        plan.totals.units_rescued, plan.totals.units_wasted, plan.totals.co2e_avoided_kg
    );

    // A sensor glitch is reported with its position, not turned into a silent NaN.
    let err = mean_kinetic_temperature(&[5.0, f64::NAN], None, &MktParams::default()).unwrap_err();
    println!("bad log: {err}");
    Ok(())
}

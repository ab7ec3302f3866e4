use super::*;
use proptest::prelude::*;

/// (kind, start, duration, peak) of an excursion.
type Event = (Kind, f64, f64, f64);

/// An independent reference on integer minutes: expand the log minute by minute, then read
/// runs off the expansion. Returns (minutes above, below, events as (kind, start, duration,
/// peak), gap minutes).
fn per_minute(t: &[i64], temps: &[f64], rules: &Rules) -> (f64, f64, Vec<Event>, f64) {
    let (lo, hi) = (rules.range.lo, rules.range.hi);
    let gap = rules.max_gap.map_or(i64::MAX, |g| g as i64);
    let mut minutes: Vec<Option<f64>> = Vec::new(); // None = gap
    for i in 0..t.len().saturating_sub(1) {
        for m in t[i]..t[i + 1] {
            minutes.push((m - t[i] < gap).then_some(temps[i]));
        }
    }
    let (mut above, mut below, mut gaps) = (0.0, 0.0, 0.0);
    let mut events = Vec::new();
    let mut run: Option<Event> = None;
    for (k, m) in minutes.iter().enumerate() {
        let kind = match m {
            None => {
                gaps += 1.0;
                None
            }
            Some(v) if *v > hi => {
                above += 1.0;
                Some(Kind::High)
            }
            Some(v) if *v < lo => {
                below += 1.0;
                Some(Kind::Low)
            }
            Some(_) => None,
        };
        let start = (t[0] + k as i64) as f64;
        match (kind, &mut run) {
            (Some(kd), Some(r)) if r.0 == kd => {
                r.2 += 1.0;
                let v = m.unwrap();
                r.3 = if kd == Kind::High {
                    r.3.max(v)
                } else {
                    r.3.min(v)
                };
            }
            (Some(kd), _) => {
                events.extend(run.take());
                run = Some((kd, start, 1.0, m.unwrap()));
            }
            (None, _) => events.extend(run.take()),
        }
    }
    events.extend(run);
    let events = events
        .into_iter()
        .filter(|e| e.2 >= rules.min_duration)
        .collect();
    (above, below, events, gaps)
}

fn log() -> impl Strategy<Value = (Vec<i64>, Vec<f64>)> {
    prop::collection::vec(
        (
            1i64..30,
            prop::sample::select(vec![1.0, 2.0, 5.0, 8.0, 8.5, 9.5, -1.0, 20.0]),
        ),
        1..60,
    )
    .prop_map(|steps| {
        let mut t = 0;
        steps
            .into_iter()
            .map(|(dt, v)| {
                t += dt;
                (t, v)
            })
            .unzip()
    })
}

fn rules_with(min_duration: f64, max_gap: Option<f64>) -> Rules {
    Rules {
        min_duration,
        max_gap,
        budgets: vec![StabilityBudget {
            band: Interval::parse("(8, 25]").unwrap(),
            minutes: 60.0,
        }],
        ..Rules::refrigerated()
    }
}

proptest! {
    #[test]
    fn matches_a_minute_by_minute_expansion(
        (t, temps) in log(),
        min_duration in prop::sample::select(vec![0.0, 5.0, 20.0]),
        gap in prop::sample::select(vec![None, Some(10.0), Some(25.0)]),
    ) {
        let rules = rules_with(min_duration, gap);
        let tf: Vec<f64> = t.iter().map(|&x| x as f64).collect();
        let r = analyze(&tf, &temps, &rules).unwrap();
        let (above, below, events, gaps) = per_minute(&t, &temps, &rules);
        prop_assert_eq!(r.minutes_above, above);
        prop_assert_eq!(r.minutes_below, below);
        prop_assert_eq!(r.minutes_in_gaps, gaps);
        let got: Vec<_> = r.events.iter().map(|e| (e.kind, e.start_min, e.duration_min, e.peak_c)).collect();
        prop_assert_eq!(got, events);
        prop_assert_eq!(r.minutes_credited + r.minutes_in_gaps, r.end_min - r.start_min);
    }

    #[test]
    fn streaming_across_a_restart_equals_batch(
        (t, temps) in log(),
        cut in 0usize..60,
        min_duration in prop::sample::select(vec![0.0, 5.0]),
        gap in prop::sample::select(vec![None, Some(10.0)]),
    ) {
        let rules = rules_with(min_duration, gap);
        let tf: Vec<f64> = t.iter().map(|&x| x as f64).collect();
        let batch = analyze(&tf, &temps, &rules).unwrap();
        let cut = cut.min(t.len());
        let mut first = Tracker::new(rules).unwrap();
        for i in 0..cut {
            first.push(tf[i], temps[i]).unwrap();
        }
        let saved = serde_json::to_string(&first).unwrap();
        let mut resumed: Tracker = serde_json::from_str(&saved).unwrap();
        prop_assert_eq!(&resumed, &first);
        for i in cut..t.len() {
            resumed.push(tf[i], temps[i]).unwrap();
        }
        prop_assert_eq!(resumed.report(), batch);
    }
}

#[test]
fn bad_logs_name_the_reading() {
    let r = Rules::refrigerated();
    let msg = |t: &[f64], v: &[f64]| analyze(t, v, &r).unwrap_err().to_string();
    assert!(msg(&[0.0, 1.0, 1.0], &[5.0; 3]).starts_with("timestamps[2] = 1: must be later"));
    assert!(msg(&[0.0, 2.0, 1.0], &[5.0; 3]).ends_with("[not_increasing]"));
    assert!(msg(&[0.0, 1.0], &[5.0, f64::NAN]).starts_with("temps_c[1] = NaN"));
    assert!(msg(&[0.0, 1.0], &[5.0, -280.0]).starts_with("temps_c[1] = -280"));
    assert!(msg(&[0.0, f64::NAN], &[5.0, 5.0]).starts_with("timestamps[1] = NaN"));
    assert!(msg(&[], &[]).contains("[empty]"));
    assert!(msg(&[0.0], &[5.0, 5.0]).contains("[length_mismatch]"));
    let e = analyze_many(&[0.0, 1.0, 0.0, 0.0], &[5.0; 4], &[0, 2, 4], &r).unwrap_err();
    assert!(e.to_string().starts_with("timestamps[3] = 0"), "{e}");
    let bad = Rules {
        allowed: Some(Interval::closed(3.0, 15.0)),
        ..Rules::refrigerated()
    };
    assert!(
        analyze(&[0.0], &[5.0], &bad)
            .unwrap_err()
            .to_string()
            .starts_with("allowed = [3, 15]")
    );
    assert!(Interval::parse("8, 25").is_err() && Interval::parse("[9, 2]").is_err());
    assert!(Rules::preset("tropical").is_err());
    // A rejected reading leaves the tracker as it was.
    let mut tracker = Tracker::new(r).unwrap();
    tracker.push(0.0, 5.0).unwrap();
    let before = tracker.clone();
    assert!(tracker.push(0.0, 9.0).is_err());
    assert_eq!(tracker, before);
}

#[test]
fn controlled_room_temperature_follows_usp() {
    // 29 days at 22 °C, then 24 h at 40 °C: a tolerated spike (MKT 23.6 °C ≤ 25 °C).
    let day = 1440.0;
    let crt = Rules::controlled_room();
    let r = analyze(
        &[0.0, 29.0 * day, 30.0 * day, 30.0 * day + 1.0],
        &[22.0, 40.0, 22.0, 22.0],
        &crt,
    )
    .unwrap();
    assert_eq!(r.events[0].band, Band::Spike);
    assert_eq!(r.verdict.status, Status::Acceptable, "{:?}", r.verdict);
    // On a 24 °C base the MKT passes 25 °C and the same spike is not tolerated.
    let r = analyze(
        &[0.0, 29.0 * day, 30.0 * day, 30.0 * day + 1.0],
        &[24.0, 40.0, 24.0, 24.0],
        &crt,
    )
    .unwrap();
    assert_eq!(r.verdict.status, Status::Reject);
    assert_eq!(r.verdict.reasons[0].code, "mkt_above_limit");
    // A spike longer than a day is rejected, and so is anything above 40 °C.
    let r = analyze(
        &[0.0, 2.0 * day, 2.0 * day + 1.0],
        &[35.0, 22.0, 22.0],
        &crt,
    )
    .unwrap();
    assert_eq!(r.verdict.reasons[0].code, "spike_too_long");
    let r = analyze(&[0.0, 10.0, 20.0], &[41.0, 22.0, 22.0], &crt).unwrap();
    assert_eq!(r.verdict.reasons[0].code, "excursion_outside_allowed");
    // Excursions to 28 °C are allowed; 14 °C is not.
    let r = analyze(&[0.0, 60.0, 6000.0], &[28.0, 22.0, 22.0], &crt).unwrap();
    assert_eq!(
        (r.events[0].band, r.verdict.status),
        (Band::Allowed, Status::Acceptable)
    );
    let r = analyze(&[0.0, 60.0, 120.0], &[14.0, 22.0, 22.0], &crt).unwrap();
    assert_eq!(r.verdict.status, Status::Reject);
}

#[test]
fn budgets_gaps_and_minimum_durations() {
    let mut rules = rules_with(15.0, Some(10.0));
    // 10 min at 9 °C (shorter than 15: ignored), then a 60-min silence after a 5 °C reading.
    let r = analyze(
        &[0.0, 10.0, 20.0, 80.0, 90.0],
        &[9.0, 5.0, 5.0, 5.0, 5.0],
        &rules,
    )
    .unwrap();
    assert_eq!(
        (r.events.len(), r.ignored_events, r.minutes_above),
        (0, 1, 10.0)
    );
    assert_eq!(
        r.gaps,
        vec![Gap {
            start_min: 30.0,
            end_min: 80.0
        }]
    );
    assert_eq!(r.verdict.status, Status::Review);
    assert_eq!(r.budgets[0].used_minutes, 10.0);
    // 70 min above 8 °C: the 60-min budget is exceeded.
    rules.max_gap = None;
    let r = analyze(&[0.0, 70.0, 80.0], &[9.0, 5.0, 5.0], &rules).unwrap();
    assert_eq!(r.events[0].band, Band::Budget);
    assert_eq!(r.verdict.reasons[0].code, "budget_exceeded");
    assert_eq!(r.budgets[0].remaining_minutes, -10.0);
    let r = analyze(&[0.0, 50.0, 80.0], &[9.0, 5.0, 5.0], &rules).unwrap();
    assert_eq!(r.verdict.status, Status::Acceptable);
    assert_eq!(r.verdict.reasons[0].code, "covered_by_budget");
}

#[test]
fn signals_follow_the_log() {
    let mut tracker = Tracker::new(rules_with(15.0, Some(30.0))).unwrap();
    let s = tracker.push(0.0, 9.0).unwrap();
    assert!(s.out_of_range && s.excursion_started && !s.excursion_confirmed);
    let s = tracker.push(10.0, 9.5).unwrap();
    assert!(!s.excursion_started && !s.excursion_confirmed);
    let s = tracker.push(20.0, 5.0).unwrap();
    assert!(s.excursion_confirmed && !s.excursion_ended);
    let s = tracker.push(100.0, 5.0).unwrap();
    assert!(s.excursion_ended && s.gap);
    let s = tracker.push(200.0, 12.0).unwrap();
    assert!(s.gap && s.excursion_started);
    let s = tracker.push(230.0, 12.0).unwrap();
    assert!(!s.budget_exceeded && !s.gap);
    let s = tracker.push(260.0, 12.0).unwrap();
    assert!(s.budget_exceeded);
    assert!(tracker.report().events.last().unwrap().ongoing);
}

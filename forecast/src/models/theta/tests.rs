use super::*;

/// A trending quarterly series with a strong season (statsforecast detects it and adjusts
/// multiplicatively).
const Y: [f64; 32] = [
    106.0, 94.0, 112.0, 94.0, 126.0, 114.0, 132.0, 101.0, 133.0, 121.0, 139.0, 121.0, 153.0, 128.0,
    146.0, 128.0, 160.0, 148.0, 166.0, 148.0, 167.0, 155.0, 173.0, 155.0, 187.0, 175.0, 180.0,
    162.0, 194.0, 182.0, 200.0, 182.0,
];

/// statsforecast 2.1.1 `auto_theta(Y, 4, model=...)` + `forecast_theta(h=6)` means.
const SF_MEAN: [(ThetaModel, [f64; 6]); 4] = [
    (
        ThetaModel::Standard,
        [
            215.9540432316,
            193.9417835174,
            214.5278522108,
            182.0348553476,
            222.6186787908,
            199.8812656714,
        ],
    ),
    (
        ThetaModel::Optimized,
        [
            213.5612744564,
            193.2609489957,
            215.3739380125,
            184.0892956894,
            226.7411537524,
            205.0067762318,
        ],
    ),
    (
        ThetaModel::DynamicStandard,
        [
            215.945641788,
            193.9435480255,
            214.5369513438,
            182.0433076765,
            222.6209329699,
            199.8663351816,
        ],
    ),
    (
        ThetaModel::DynamicOptimized,
        [
            213.437532696,
            193.1395466125,
            215.2269634046,
            183.9527785755,
            226.5585851117,
            204.8278473168,
        ],
    ),
];

/// statsforecast's 95 % bounds for AutoTheta (= OTM) on `Y` (200 simulated paths, seed 0).
const SF_LO95: [f64; 6] = [203.0708, 185.3317, 205.4178, 175.1142, 214.3077, 195.1394];
const SF_HI95: [f64; 6] = [222.9234, 202.98, 225.4581, 193.2912, 236.1074, 214.4665];

#[test]
fn matches_statsforecast_point_forecasts() {
    // Same objective, start, bounds and Nelder–Mead variant: only floating-point rounding
    // (q^i computed incrementally instead of by pow) differs, so the optimiser lands on the
    // same point; 1e-6 relative leaves room for a slightly different final simplex.
    for (model, expect) in SF_MEAN {
        let fit = AutoTheta::new(4).with_model(model).fit(&Y).unwrap();
        assert!(fit.seasonal().is_some());
        let fc = fit.forecast(6, &[]).unwrap();
        for (a, b) in fc.mean.iter().zip(expect) {
            assert!((a / b - 1.0).abs() < 1e-6, "{model:?}: {a} vs {b}");
        }
    }
    let auto = AutoTheta::new(4).fit(&Y).unwrap();
    assert_eq!(auto.model(), ThetaModel::Optimized);
    assert!((auto.alpha() - 0.1).abs() < 1e-9);
    assert!((auto.theta() / 89.22356591211606 - 1.0).abs() < 1e-4);
}

#[test]
fn intervals_close_to_statsforecast() {
    // Same simulation, different random stream: 200 paths put the 2.5 % / 97.5 % quantiles
    // within ~15 % of the half-width of statsforecast's; require 35 %.
    let fit = AutoTheta::new(4).fit(&Y).unwrap();
    let fc = fit.forecast(6, &[0.95]).unwrap();
    let b = &fc.intervals[0];
    for j in 0..6 {
        let half = (SF_HI95[j] - SF_LO95[j]) / 2.0;
        assert!(
            (b.lo[j] - SF_LO95[j]).abs() < 0.35 * half,
            "lo {j}: {} vs {}",
            b.lo[j],
            SF_LO95[j]
        );
        assert!(
            (b.hi[j] - SF_HI95[j]).abs() < 0.35 * half,
            "hi {j}: {} vs {}",
            b.hi[j],
            SF_HI95[j]
        );
    }
}

#[test]
fn linear_series_is_extrapolated() {
    let y: Vec<f64> = (0..30).map(|t| 5.0 + 2.0 * t as f64).collect();
    // statsforecast: OTM, forecasts 64.99338, 66.98683, 68.98028, 70.97373, 72.96718.
    let sf = [
        64.9933838198702,
        66.98683380154169,
        68.9802837832132,
        70.97373376488468,
        72.96718374655619,
    ];
    let fit = AutoTheta::new(1).fit(&y).unwrap();
    let fc = fit.forecast(5, &[0.9]).unwrap();
    for (j, (a, b)) in fc.mean.iter().zip(sf).enumerate() {
        assert!((a - b).abs() < 1e-3, "{a} vs {b}");
        // and close to the true line 65, 67, ...
        assert!((a - (65.0 + 2.0 * j as f64)).abs() < 0.1);
    }
    for model in ThetaModel::ALL {
        let fit = AutoTheta::new(1).with_model(model).fit(&y).unwrap();
        let fc = fit.forecast(3, &[]).unwrap();
        assert!(
            fc.mean.windows(2).all(|w| w[1] > w[0]),
            "{model:?} {:?}",
            fc.mean
        );
        assert!(
            fit.fitted()[10..]
                .iter()
                .zip(&y[10..])
                .all(|(f, v)| (f - v).abs() < 2.0)
        );
    }
}

#[test]
fn invariants_hold() {
    let mut rng = flowcast_core::Rng::seed_from(7);
    for case in 0..20 {
        let n = 8 + case * 5;
        let m = [1, 4, 12][case % 3];
        let y: Vec<f64> = (0..n)
            .map(|t| 50.0 + t as f64 * 0.3 + 10.0 * (t % m.max(2)) as f64 + 5.0 * rng.uniform())
            .collect();
        let fit = AutoTheta::new(m).fit(&y).unwrap();
        assert_eq!(fit.fitted().len(), n);
        assert!(fit.fitted().iter().all(|v| v.is_finite()));
        let fc = fit.forecast(12, &[0.8, 0.95]).unwrap();
        assert!(fc.mean.iter().all(|v| v.is_finite()));
        let (b80, b95) = (&fc.intervals[0], &fc.intervals[1]);
        for j in 0..12 {
            assert!(b95.lo[j] <= b80.lo[j] && b80.lo[j] <= fc.mean[j] + 1e-9);
            assert!(fc.mean[j] <= b80.hi[j] + 1e-9 && b80.hi[j] <= b95.hi[j]);
        }
        if fit.seasonal().is_none() {
            // Intervals widen with the horizon on the adjusted scale.
            let w: Vec<f64> = (0..12).map(|j| b95.hi[j] - b95.lo[j]).collect();
            assert!(w[11] > w[0], "case {case}: {w:?}");
        }
        // Deterministic.
        assert_eq!(fc, fit.forecast(12, &[0.8, 0.95]).unwrap());
    }
}

#[test]
fn constant_and_non_positive_series() {
    let fit = AutoTheta::new(4).fit(&[3.0; 20]).unwrap();
    let fc = fit.forecast(4, &[0.9]).unwrap();
    assert!(
        fc.mean.iter().all(|v| (v - 3.0).abs() < 1e-6),
        "{:?}",
        fc.mean
    );
    // Seasonal with negatives: additive adjustment.
    let y: Vec<f64> = (0..40)
        .map(|t| [5.0, -5.0, 3.0, -3.0][t % 4] + 0.1 * t as f64)
        .collect();
    let fit = AutoTheta::new(4).fit(&y).unwrap();
    assert_eq!(fit.seasonal().unwrap().kind, DecompositionType::Additive);
    let fc = fit.forecast(4, &[]).unwrap();
    // Level ≈ 4 at t = 40, plus the indices [5, -5, 3, -3].
    assert!(
        (fc.mean[0] - 9.0).abs() < 0.5 && (fc.mean[1] + 1.0).abs() < 0.5,
        "{:?}",
        fc.mean
    );
}

#[test]
fn typed_errors() {
    let err = |r: Result<ThetaFit>| match r {
        Err(Error::Invalid(v)) => v,
        other => panic!("expected Invalid, got {other:?}"),
    };
    let e = err(AutoTheta::new(1).fit(&[]));
    assert_eq!((e.field.as_ref(), e.code), ("y", ErrorCode::Empty));
    let e = err(AutoTheta::new(1).fit(&[1.0, 2.0, f64::NAN, 4.0, 5.0]));
    assert_eq!((e.field.as_ref(), e.code), ("y[2]", ErrorCode::NotFinite));
    let e = err(AutoTheta::new(1).fit(&[1.0, 2.0, 3.0]));
    assert_eq!((e.field.as_ref(), e.value.as_str()), ("y", "length 3"));
    let e = err(AutoTheta::new(0).fit(&Y));
    assert_eq!(e.field, "season_length");
    let e = err(AutoTheta::new(1).with_alpha(1.5).fit(&Y));
    assert_eq!(e.field, "alpha");
    let e = err(AutoTheta::new(1).with_theta(0.5).fit(&Y));
    assert_eq!(e.field, "theta");
    let fit = StandardTheta::new(4).fit(&Y).unwrap();
    let e = match fit.forecast(0, &[]) {
        Err(Error::Invalid(v)) => v,
        other => panic!("{other:?}"),
    };
    assert_eq!(e.field, "h");
    let e = match fit.forecast(3, &[0.8, 95.0]) {
        Err(Error::Invalid(v)) => v,
        other => panic!("{other:?}"),
    };
    assert_eq!(e.field, "levels[1]");
}

#[test]
fn fixed_parameters_are_kept() {
    let fit = AutoTheta::new(1)
        .with_model(ThetaModel::Optimized)
        .with_alpha(0.3)
        .with_theta(3.0)
        .with_initial_level(50.0)
        .fit(&Y)
        .unwrap();
    assert_eq!(
        (fit.alpha(), fit.theta(), fit.initial_level()),
        (0.3, 3.0, 50.0)
    );
    // Standard models ignore a fixed theta, as statsforecast does.
    let fit = AutoTheta::new(1)
        .with_model(ThetaModel::Standard)
        .with_theta(3.0)
        .fit(&Y)
        .unwrap();
    assert_eq!(fit.theta(), 2.0);
}

#[test]
fn wrappers_and_serde_round_trip() {
    for (fit, model) in [
        (StandardTheta::new(4).fit(&Y).unwrap(), ThetaModel::Standard),
        (
            OptimizedTheta::new(4).fit(&Y).unwrap(),
            ThetaModel::Optimized,
        ),
        (
            DynamicStandardTheta::new(4).fit(&Y).unwrap(),
            ThetaModel::DynamicStandard,
        ),
        (
            DynamicOptimizedTheta::new(4).fit(&Y).unwrap(),
            ThetaModel::DynamicOptimized,
        ),
    ] {
        assert_eq!(fit.model(), model);
        let json = serde_json::to_string(&fit).unwrap();
        let back: ThetaFit = serde_json::from_str(&json).unwrap();
        // JSON floats may lose the last bit; compare to 1e-12 relative.
        let (a, b) = (
            back.forecast(5, &[0.9]).unwrap(),
            fit.forecast(5, &[0.9]).unwrap(),
        );
        let close = |x: &[f64], y: &[f64]| {
            x.iter()
                .zip(y)
                .all(|(p, q)| (p - q).abs() <= 1e-12 * q.abs())
        };
        assert!(close(&a.mean, &b.mean) && close(&a.intervals[0].lo, &b.intervals[0].lo));
    }
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Any input gives a typed result, never a panic; a fit forecasts finite values with
        /// ordered bands.
        #[test]
        fn never_panics(
            y in proptest::collection::vec(prop_oneof![-1e6..1e6f64, Just(f64::NAN), Just(0.0)], 0..60),
            m in 0usize..14,
        ) {
            if let Ok(fit) = AutoTheta::new(m).fit(&y) {
                let fc = fit.forecast(7, &[0.8, 0.95]).unwrap();
                prop_assert!(fc.mean.iter().all(|v| v.is_finite()));
                for b in &fc.intervals {
                    for j in 0..7 {
                        prop_assert!(b.lo[j] <= b.hi[j]);
                    }
                }
            }
        }
    }
}

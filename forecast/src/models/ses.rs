//! Simple exponential smoothing as statsforecast's intermittent-demand models use it: the
//! level starts at the first value, and α may be chosen by golden-section search on the
//! in-sample sum of squared one-step errors.

/// One-step forecast after the whole series, and in-sample one-step fits (the first NaN).
/// A single value forecasts itself.
pub(crate) fn forecast(x: &[f64], alpha: f64) -> (f64, Vec<f64>) {
    let mut fitted = vec![f64::NAN; x.len()];
    let Some(&first) = x.first() else {
        return (f64::NAN, fitted);
    };
    if x.len() == 1 {
        return (first, fitted);
    }
    let mut level = first;
    for i in 1..x.len() {
        level = alpha * x[i - 1] + (1.0 - alpha) * level;
        fitted[i] = level;
    }
    (alpha * x[x.len() - 1] + (1.0 - alpha) * level, fitted)
}

/// The one-step forecast alone, without allocating.
pub(crate) fn next(x: &[f64], alpha: f64) -> f64 {
    let Some(&first) = x.first() else {
        return f64::NAN;
    };
    let mut level = first;
    for &v in x {
        level = alpha * v + (1.0 - alpha) * level;
    }
    if x.len() == 1 { first } else { level }
}

/// Sum of squared one-step errors of SES with `alpha`, level starting at `x[0]`.
fn sse(alpha: f64, x: &[f64]) -> f64 {
    let Some(&first) = x.first() else {
        return 0.0;
    };
    let mut level = first;
    let mut total = 0.0;
    for i in 1..x.len() {
        level = alpha * x[i - 1] + (1.0 - alpha) * level;
        let e = x[i] - level;
        total += e * e;
    }
    total
}

/// The α in [lo, hi] minimising [`sse`], by golden-section search to an interval below 1e-12
/// (stopping early on an exact tie).
pub(crate) fn golden_alpha(x: &[f64], lo: f64, hi: f64) -> f64 {
    let ratio = (5.0f64.sqrt() + 1.0) / 2.0;
    let (mut a, mut b) = (lo, hi);
    let mut c = b - (b - a) / ratio;
    let mut d = a + (b - a) / ratio;
    let (mut fc, mut fd) = (sse(c, x), sse(d, x));
    let mut steps = 0;
    while (b - a).abs() >= 1e-12 && steps < 200 {
        if fc < fd {
            b = d;
            d = c;
            fd = fc;
            c = b - (b - a) / ratio;
            fc = sse(c, x);
        } else if fd < fc {
            a = c;
            c = d;
            fc = fd;
            d = a + (b - a) / ratio;
            fd = sse(d, x);
        } else {
            break;
        }
        steps += 1;
    }
    (a + b) / 2.0
}

/// One-step forecast with α optimised on [0.1, 0.3].
pub(crate) fn optimized_next(x: &[f64]) -> f64 {
    next(x, golden_alpha(x, 0.1, 0.3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forecast_and_next_agree() {
        let x = [3.0, 0.0, 5.0, 2.0, 8.0];
        let (f, fitted) = forecast(&x, 0.3);
        assert!((f - next(&x, 0.3)).abs() < 1e-12);
        assert!(fitted[0].is_nan() && (fitted[1] - 3.0).abs() < 1e-12);
        assert_eq!(next(&[4.0], 0.5), 4.0);
        // A smooth series has a unimodal error curve: the search finds its minimum.
        let smooth = [10.0, 12.0, 11.0, 13.0, 12.5, 14.0, 13.5, 15.0];
        let a = golden_alpha(&smooth, 0.1, 0.3);
        assert!((0.1..=0.3).contains(&a));
        for k in 0..=200 {
            let probe = 0.1 + 0.001 * f64::from(k);
            assert!(
                sse(a, &smooth) <= sse(probe, &smooth) + 1e-9,
                "{a} vs {probe}"
            );
        }
    }
}

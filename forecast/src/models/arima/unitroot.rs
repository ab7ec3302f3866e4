//! Choosing the differencing orders as statsforecast's `ndiffs` (KPSS, level, 5 %) and
//! `nsdiffs` (the default "seas" test: STL seasonal strength above 0.64).

use crate::models::stl::stl;

pub(crate) fn is_constant(x: &[f64]) -> bool {
    x.iter().all(|&v| v == x[0])
}

/// `x` differenced `times` times at `lag`.
pub(crate) fn diff(x: &[f64], lag: usize, times: usize) -> Vec<f64> {
    let mut y = x.to_vec();
    for _ in 0..times {
        if y.len() <= lag {
            return Vec::new();
        }
        y = (lag..y.len()).map(|i| y[i] - y[i - lag]).collect();
    }
    y
}

/// KPSS level-stationarity statistic with `lags` Bartlett lags (statsmodels' `kpss(x, "c")`).
pub(crate) fn kpss_stat(x: &[f64], lags: usize) -> f64 {
    let n = x.len();
    let mean = x.iter().sum::<f64>() / n as f64;
    let mut cum = 0.0;
    let mut eta = 0.0;
    let mut s = 0.0;
    for &v in x {
        let e = v - mean;
        cum += e;
        eta += cum * cum;
        s += e * e;
    }
    let eta = eta / (n * n) as f64;
    for i in 1..=lags {
        let mut xp = 0.0;
        for t in i..n {
            xp += (x[t] - mean) * (x[t - i] - mean);
        }
        s += 2.0 * xp * (1.0 - i as f64 / (lags as f64 + 1.0));
    }
    eta / (s / n as f64)
}

/// KPSS rejects level stationarity at 5 % (statistic above the 0.463 critical value).
fn kpss_rejects(x: &[f64]) -> bool {
    let n = x.len();
    let lags = (3.0 * (n as f64).sqrt() / 13.0).floor() as usize;
    if n < 2 || lags >= n {
        return false;
    }
    let s = kpss_stat(x, lags);
    s.is_finite() && s > 0.463
}

/// Number of first differences (≤ `max_d`) that KPSS asks for.
pub(crate) fn ndiffs(x: &[f64], max_d: usize) -> usize {
    let mut d = 0;
    if x.is_empty() || is_constant(x) {
        return 0;
    }
    let mut dodiff = kpss_rejects(x);
    let mut x = x.to_vec();
    while dodiff && d < max_d {
        d += 1;
        // statsforecast 2.1.1 drops one more leading value after each difference
        x = diff(&x, 1, 1);
        if !x.is_empty() {
            x.remove(0);
        }
        if x.is_empty() || is_constant(&x) {
            return d;
        }
        dodiff = kpss_rejects(&x);
    }
    d
}

fn var(x: &[f64]) -> f64 {
    let n = x.len() as f64;
    let m = x.iter().sum::<f64>() / n;
    x.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / (n - 1.0)
}

/// Seasonal strength max(0, min(1, 1 − var(R)/var(R + S))) from STL.
pub(crate) fn seasonal_strength(x: &[f64], m: usize) -> f64 {
    let fit = stl(x, m);
    let rem: Vec<f64> = (0..x.len())
        .map(|i| x[i] - fit.seasonal[i] - fit.trend[i])
        .collect();
    let rs: Vec<f64> = rem.iter().zip(&fit.seasonal).map(|(r, s)| r + s).collect();
    (1.0 - var(&rem) / var(&rs)).clamp(0.0, 1.0)
}

/// Number of seasonal differences (0 or 1 with `max_d = 1`).
pub(crate) fn nsdiffs(x: &[f64], m: usize, max_d: usize) -> usize {
    if is_constant(x) || m < 2 || m >= x.len() || x.len() < 2 * m {
        return 0;
    }
    let test = |x: &[f64]| {
        let s = seasonal_strength(x, m);
        s.is_finite() && s > 0.64
    };
    let mut dd = 0;
    let mut dodiff = test(x);
    let mut x = x.to_vec();
    while dodiff && dd < max_d {
        dd += 1;
        x = diff(&x, m, 1);
        if is_constant(&x) {
            return dd;
        }
        dodiff = x.len() >= 2 * m && dd < max_d && test(&x);
    }
    dd
}

//! Heuristic initial states, as statsforecast's `initstate`: a classical moving-average
//! decomposition of the whole series (or a trend + one-harmonic Fourier regression when
//! n < 3m) gives the seasonal indices; a regression on the first `max(10, 2m)` seasonally
//! adjusted values gives level and slope.

use super::model::SeasonType;

/// Initial `[l, (b), s_0 .. s_{m-2}]`; the last seasonal state is implied by normalisation.
pub(crate) fn initial_state(
    y: &[f64],
    m: usize,
    trend: bool,
    season: SeasonType,
    out: &mut Vec<f64>,
) {
    out.clear();
    let n = y.len();
    let mut y_sa: Vec<f64>;
    let mut init_seas: Vec<f64> = Vec::new();
    let mut m_eff = 1;
    if season != SeasonType::None && m > 1 {
        m_eff = m;
        let mult = season == SeasonType::Multiplicative;
        let seasonal = if n < 3 * m {
            fourier_seasonal(y, m, mult)
        } else {
            decompose_seasonal(y, m, mult)
        };
        init_seas = (1..m).rev().map(|i| seasonal[i]).collect();
        if mult {
            for v in &mut init_seas {
                *v = v.max(1e-2);
            }
            let sum: f64 = init_seas.iter().sum();
            if sum > m as f64 {
                let denom: f64 = init_seas.iter().map(|v| v + 1e-2).sum();
                for v in &mut init_seas {
                    *v /= denom;
                }
            }
            y_sa = y
                .iter()
                .zip(&seasonal)
                .map(|(a, s)| a / s.max(1e-2))
                .collect();
        } else {
            y_sa = y.iter().zip(&seasonal).map(|(a, s)| a - s).collect();
        }
    } else {
        y_sa = y.to_vec();
    }
    let maxn = (2 * m_eff).max(10).min(n);
    y_sa.truncate(maxn);
    if trend {
        let (mut l, mut b) = line_fit(&y_sa);
        if (l + b).abs() < 1e-8 {
            l *= 1.0 + 1e-3;
            b *= 1.0 - 1e-3;
        }
        out.push(l);
        out.push(b);
    } else {
        out.push(y_sa.iter().sum::<f64>() / maxn as f64);
    }
    out.extend_from_slice(&init_seas);
}

/// Least-squares intercept (at t = 0) and slope of `v` against t = 1..=len.
fn line_fit(v: &[f64]) -> (f64, f64) {
    let k = v.len() as f64;
    if v.len() < 2 {
        return (v.first().copied().unwrap_or(0.0), 0.0);
    }
    let tm = (k + 1.0) / 2.0;
    let ym = v.iter().sum::<f64>() / k;
    let mut sxy = 0.0;
    let mut sxx = 0.0;
    for (i, &yi) in v.iter().enumerate() {
        let dt = (i + 1) as f64 - tm;
        sxy += dt * (yi - ym);
        sxx += dt * dt;
    }
    let b = sxy / sxx;
    (ym - b * tm, b)
}

/// Seasonal component of statsmodels' `seasonal_decompose` (centred moving average, period
/// means of the detrended series, normalised to sum 0 / mean 1), tiled over the series.
fn decompose_seasonal(y: &[f64], m: usize, mult: bool) -> Vec<f64> {
    let n = y.len();
    // Filter of length m+1 with half weights at the ends (even m) or m equal weights (odd m).
    let half = m / 2;
    let mut sums = vec![0.0; m];
    let mut counts = vec![0usize; m];
    for i in half..n.saturating_sub(half) {
        let trend = if m % 2 == 0 {
            let inner: f64 = y[i + 1 - half..i + half].iter().sum();
            (inner + 0.5 * (y[i - half] + y[i + half])) / m as f64
        } else {
            y[i - half..=i + half].iter().sum::<f64>() / m as f64
        };
        let d = if mult { y[i] / trend } else { y[i] - trend };
        if d.is_finite() {
            sums[i % m] += d;
            counts[i % m] += 1;
        }
    }
    let mut avg: Vec<f64> = sums
        .iter()
        .zip(&counts)
        .map(|(s, &c)| if c > 0 { s / c as f64 } else { f64::NAN })
        .collect();
    let mean = avg.iter().sum::<f64>() / m as f64;
    for a in &mut avg {
        if mult {
            *a /= mean;
        } else {
            *a -= mean;
        }
    }
    (0..n).map(|t| avg[t % m]).collect()
}

/// Seasonal part left after a least-squares fit of intercept + trend + one Fourier pair.
fn fourier_seasonal(y: &[f64], m: usize, mult: bool) -> Vec<f64> {
    let n = y.len();
    let w = 2.0 * std::f64::consts::PI / m as f64;
    // Columns: 1, t, cos, sin (sin dropped for m = 2 where it vanishes).
    let k = if m == 2 { 3 } else { 4 };
    let mut a = [[0.0f64; 4]; 4];
    let mut r = [0.0f64; 4];
    for (i, &yi) in y.iter().enumerate() {
        let t = (i + 1) as f64;
        let x = [1.0, t, (w * t).cos(), (w * t).sin()];
        for p in 0..k {
            r[p] += x[p] * yi;
            for q in 0..k {
                a[p][q] += x[p] * x[q];
            }
        }
    }
    let coef = solve(&mut a, &mut r, k);
    (0..n)
        .map(|i| {
            let base = coef[0] + coef[1] * (i + 1) as f64;
            if mult { y[i] / base } else { y[i] - base }
        })
        .collect()
}

#[allow(clippy::needless_range_loop)]
/// Gaussian elimination with partial pivoting on a k×k system (k ≤ 4); singular pivots give 0.
fn solve(a: &mut [[f64; 4]; 4], r: &mut [f64; 4], k: usize) -> [f64; 4] {
    for c in 0..k {
        let piv = (c..k)
            .max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))
            .unwrap_or(c);
        a.swap(c, piv);
        r.swap(c, piv);
        let d = a[c][c];
        if d.abs() < 1e-300 {
            continue;
        }
        for i in c + 1..k {
            let f = a[i][c] / d;
            for j in c..k {
                a[i][j] -= f * a[c][j];
            }
            r[i] -= f * r[c];
        }
    }
    let mut x = [0.0; 4];
    for c in (0..k).rev() {
        let mut s = r[c];
        for j in c + 1..k {
            s -= a[c][j] * x[j];
        }
        x[c] = if a[c][c].abs() < 1e-300 {
            0.0
        } else {
            s / a[c][c]
        };
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_fit_recovers_a_line() {
        let v: Vec<f64> = (1..=10).map(|t| 3.0 + 2.0 * t as f64).collect();
        let (l, b) = line_fit(&v);
        assert!((l - 3.0).abs() < 1e-12 && (b - 2.0).abs() < 1e-12);
    }

    #[test]
    fn decomposition_of_a_pure_pattern_returns_it() {
        let pat = [1.0, -2.0, 0.5, 0.5];
        let y: Vec<f64> = (0..24).map(|t| 10.0 + pat[t % 4]).collect();
        let s = decompose_seasonal(&y, 4, false);
        for t in 0..24 {
            assert!((s[t] - pat[t % 4]).abs() < 1e-12);
        }
        let mut out = Vec::new();
        initial_state(&y, 4, false, SeasonType::Additive, &mut out);
        assert!((out[0] - 10.0).abs() < 1e-12);
        assert_eq!(out.len(), 4);
        // s_0 = season of the last pre-sample period (index m-1), then backwards.
        assert!((out[1] - pat[3]).abs() < 1e-12 && (out[3] - pat[1]).abs() < 1e-12);
    }
}

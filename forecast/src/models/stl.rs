//! STL decomposition (Cleveland et al. 1990), the non-robust single pass used by statsforecast's
//! `mstl` for the seasonal-strength test: statsmodels' `STL(period, seasonal=11,
//! seasonal_deg=0)` with its default trend and low-pass windows, 5 inner iterations, jumps of 1.

/// Seasonal and trend components of `y`.
pub(crate) struct Stl {
    pub seasonal: Vec<f64>,
    pub trend: Vec<f64>,
}

/// Loess estimate at `xs` (1-based positions) from `y[nleft-1..nright]`.
#[allow(clippy::too_many_arguments)]
fn est(
    y: &[f64],
    n: usize,
    len: usize,
    ideg: usize,
    xs: f64,
    nleft: usize,
    nright: usize,
    w: &mut [f64],
) -> Option<f64> {
    let range = n as f64 - 1.0;
    let mut h = (xs - nleft as f64).max(nright as f64 - xs);
    if len > n {
        h += ((len - n) / 2) as f64;
    }
    let h9 = 0.999 * h;
    let h1 = 0.001 * h;
    let mut a = 0.0;
    for j in nleft..=nright {
        let r = (j as f64 - xs).abs();
        let wj = if r <= h9 {
            if r <= h1 {
                1.0
            } else {
                (1.0 - (r / h).powi(3)).powi(3)
            }
        } else {
            0.0
        };
        w[j - 1] = wj;
        a += wj;
    }
    if a <= 0.0 {
        return None;
    }
    for j in nleft..=nright {
        w[j - 1] /= a;
    }
    if h > 0.0 && ideg > 0 {
        let mut a = 0.0;
        for j in nleft..=nright {
            a += w[j - 1] * j as f64;
        }
        let mut b = xs - a;
        let mut c = 0.0;
        for j in nleft..=nright {
            c += w[j - 1] * (j as f64 - a).powi(2);
        }
        if c.sqrt() > 0.001 * range {
            b /= c;
            for j in nleft..=nright {
                w[j - 1] *= b * (j as f64 - a) + 1.0;
            }
        }
    }
    let mut ys = 0.0;
    for j in nleft..=nright {
        ys += w[j - 1] * y[j - 1];
    }
    Some(ys)
}

/// Loess smoothing of `y` (jump 1) into `ys`.
fn ess(y: &[f64], len: usize, ideg: usize, ys: &mut [f64], w: &mut [f64]) {
    let n = y.len();
    if n < 2 {
        ys[0] = y[0];
        return;
    }
    if len >= n {
        for i in 1..=n {
            ys[i - 1] = est(y, n, len, ideg, i as f64, 1, n, w).unwrap_or(y[i - 1]);
        }
    } else {
        let nsh = len.div_ceil(2);
        let (mut nleft, mut nright) = (1, len);
        for i in 1..=n {
            if i > nsh && nright != n {
                nleft += 1;
                nright += 1;
            }
            ys[i - 1] = est(y, n, len, ideg, i as f64, nleft, nright, w).unwrap_or(y[i - 1]);
        }
    }
}

fn moving_average(x: &[f64], len: usize, out: &mut Vec<f64>) {
    let newn = x.len() + 1 - len;
    out.clear();
    let mut v: f64 = x[..len].iter().sum();
    let fl = len as f64;
    out.push(v / fl);
    for j in 1..newn {
        v = v - x[j - 1] + x[len + j - 1];
        out.push(v / fl);
    }
}

/// Decomposes `y` with period `np ≥ 2` (needs `y.len() ≥ 2·np`).
pub(crate) fn stl(y: &[f64], np: usize) -> Stl {
    let n = y.len();
    let ns = 11usize;
    let nt = {
        let t = (1.5 * np as f64 / (1.0 - 1.5 / ns as f64)).ceil() as usize;
        if t % 2 == 0 { t + 1 } else { t }
    };
    let nl = if (np + 1) % 2 == 0 { np + 2 } else { np + 1 };
    let mut trend = vec![0.0; n];
    let mut season = vec![0.0; n];
    let mut work1 = vec![0.0; n];
    let mut cyc = vec![0.0; n + 2 * np];
    let mut wbuf = vec![0.0; n + 2 * np];
    let mut sub = Vec::with_capacity(n / np + 1);
    let mut subs = vec![0.0; n / np + 3];
    let (mut ma1, mut ma2, mut ma3) = (Vec::new(), Vec::new(), Vec::new());
    let mut low = vec![0.0; n];
    for _ in 0..5 {
        for i in 0..n {
            work1[i] = y[i] - trend[i];
        }
        // seasonal smoothing of each cycle-subseries, extended one period at each end
        for j in 1..=np {
            let k = (n - j) / np + 1;
            sub.clear();
            for i in 1..=k {
                sub.push(work1[(i - 1) * np + j - 1]);
            }
            ess(&sub, ns, 0, &mut subs[1..=k], &mut wbuf);
            let nright = ns.min(k);
            subs[0] = est(&sub, k, ns, 0, 0.0, 1, nright, &mut wbuf).unwrap_or(subs[1]);
            let nleft = if k + 1 > ns { k + 1 - ns } else { 1 };
            subs[k + 1] =
                est(&sub, k, ns, 0, (k + 1) as f64, nleft, k, &mut wbuf).unwrap_or(subs[k]);
            for mm in 1..=k + 2 {
                cyc[(mm - 1) * np + j - 1] = subs[mm - 1];
            }
        }
        // low-pass filter of the cycle-subseries
        moving_average(&cyc, np, &mut ma1);
        moving_average(&ma1, np, &mut ma2);
        moving_average(&ma2, 3, &mut ma3);
        ess(&ma3, nl, 1, &mut low, &mut wbuf);
        for i in 0..n {
            season[i] = cyc[np + i] - low[i];
            work1[i] = y[i] - season[i];
        }
        ess(&work1, nt, 1, &mut trend, &mut wbuf);
    }
    Stl {
        seasonal: season,
        trend,
    }
}

//! Exact Gaussian likelihood of a stationary ARMA process by the Kalman filter on Harvey's
//! state-space form (R's `ARIMA_Like`), the conditional sum of squares (`ARIMA_CSS`), and the
//! forecast recursions of the integrated model (`KalmanForecast`).
//!
//! The likelihood runs on the differenced series: for an ARIMA model the diffuse likelihood of
//! the levels equals the likelihood of the differences, so the state keeps only the ARMA part
//! (dimension r = max(p, q + 1)) instead of r + d + D·m. All buffers live in [`Workspace`] so an
//! evaluation allocates nothing.

/// Reusable buffers for likelihood evaluations.
#[derive(Debug, Default, Clone)]
pub(crate) struct Workspace {
    pub phi: Vec<f64>,
    pub theta: Vec<f64>,
    pub w: Vec<f64>,
    pub resid: Vec<f64>,
    pub a: Vec<f64>,
    pub anew: Vec<f64>,
    pub pm: Vec<f64>,
    pub pnew: Vec<f64>,
    pub gamma: Vec<f64>,
    pub psi: Vec<f64>,
    pub sys: Vec<f64>,
    pub rhs: Vec<f64>,
}

#[inline]
fn th(theta: &[f64], i: usize) -> f64 {
    if i == 0 {
        1.0
    } else if i <= theta.len() {
        theta[i - 1]
    } else {
        0.0
    }
}

#[inline]
fn ph(phi: &[f64], i: usize) -> f64 {
    if i >= 1 && i <= phi.len() {
        phi[i - 1]
    } else {
        0.0
    }
}

/// Stationary covariance of the state (unit innovation variance) into `out` (r × r,
/// row-major). Returns false when the AR part is (numerically) not stationary.
pub(crate) fn q0(phi: &[f64], theta: &[f64], r: usize, ws: &mut Workspace) -> bool {
    let p = phi.len();
    let q = theta.len();
    let npsi = r.max(q) + 1;
    ws.psi.clear();
    ws.psi.resize(npsi, 0.0);
    ws.psi[0] = 1.0;
    for j in 1..npsi {
        let mut v = th(theta, j);
        for i in 1..=j.min(p) {
            v += phi[i - 1] * ws.psi[j - i];
        }
        ws.psi[j] = v;
    }
    // c_k = Σ_{j≥k} θ_j ψ_{j-k}
    let c = |k: usize, psi: &[f64]| -> f64 {
        let mut s = 0.0;
        for j in k..=q {
            s += th(theta, j) * psi[j - k];
        }
        s
    };
    ws.gamma.clear();
    ws.gamma.resize(r + 1, 0.0);
    if p == 0 {
        for k in 0..=r.min(q) {
            ws.gamma[k] = c(k, &ws.psi);
        }
    } else {
        let n = p + 1;
        ws.sys.clear();
        ws.sys.resize(n * n, 0.0);
        ws.rhs.clear();
        ws.rhs.resize(n, 0.0);
        for k in 0..n {
            ws.sys[k * n + k] += 1.0;
            for j in 1..=p {
                let l = k.abs_diff(j);
                ws.sys[k * n + l] -= phi[j - 1];
            }
            ws.rhs[k] = if k <= q { c(k, &ws.psi) } else { 0.0 };
        }
        if !solve(&mut ws.sys, &mut ws.rhs, n) {
            return false;
        }
        for k in 0..=r {
            if k < n {
                ws.gamma[k] = ws.rhs[k];
            } else {
                let mut v = if k <= q { c(k, &ws.psi) } else { 0.0 };
                for j in 1..=p {
                    v += phi[j - 1] * ws.gamma[k - j];
                }
                ws.gamma[k] = v;
            }
        }
        if !(ws.gamma[0] > 0.0) || !ws.gamma[0].is_finite() {
            return false;
        }
    }
    let out = &mut ws.pnew;
    out.clear();
    out.resize(r * r, 0.0);
    for k in 0..r {
        let mut s = 0.0;
        for j in 0..r - k {
            s += ph(phi, k + j + 1) * ws.gamma[j + 1] + th(theta, k + j) * ws.psi[j];
        }
        out[k] = s;
        out[k * r] = s;
    }
    let g0 = ws.gamma[0];
    for i in (1..r).rev() {
        for k in (i..r).rev() {
            let p0k = if k + 1 < r { out[k + 1] } else { 0.0 };
            let p0i = if i + 1 < r { out[i + 1] } else { 0.0 };
            let next = if k + 1 < r {
                out[(i + 1) * r + k + 1]
            } else {
                0.0
            };
            let v = ph(phi, i + 1) * ph(phi, k + 1) * g0
                + th(theta, i) * th(theta, k)
                + ph(phi, i + 1) * p0k
                + ph(phi, k + 1) * p0i
                + next;
            out[i * r + k] = v;
            out[k * r + i] = v;
        }
    }
    out.iter().all(|v| v.is_finite())
}

/// Gaussian elimination with partial pivoting; solution left in `b`.
fn solve(a: &mut [f64], b: &mut [f64], n: usize) -> bool {
    for col in 0..n {
        let mut piv = col;
        let mut best = a[col * n + col].abs();
        for row in col + 1..n {
            let v = a[row * n + col].abs();
            if v > best {
                best = v;
                piv = row;
            }
        }
        if !(best > 1e-300) {
            return false;
        }
        if piv != col {
            for j in 0..n {
                a.swap(col * n + j, piv * n + j);
            }
            b.swap(col, piv);
        }
        let d = a[col * n + col];
        for row in col + 1..n {
            let f = a[row * n + col] / d;
            if f != 0.0 {
                for j in col..n {
                    a[row * n + j] -= f * a[col * n + j];
                }
                b[row] -= f * b[col];
            }
        }
    }
    for col in (0..n).rev() {
        let mut s = b[col];
        for j in col + 1..n {
            s -= a[col * n + j] * b[j];
        }
        b[col] = s / a[col * n + col];
    }
    true
}

/// Sums from the Kalman filter: Σ v²/F over used steps, Σ ln F, and the count used.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Like {
    pub ssq: f64,
    pub sumlog: f64,
    pub nu: usize,
}

/// Runs the filter over `ws.w` with `ws.phi`, `ws.theta`. With `keep_resid` the standardized
/// innovations go to `ws.resid`. The filtered state stays in `ws.a`, `ws.pm`.
pub(crate) fn arma_like(ws: &mut Workspace, keep_resid: bool) -> Option<Like> {
    let p = ws.phi.len();
    let q = ws.theta.len();
    let r = p.max(q + 1);
    let (phi, theta) = (std::mem::take(&mut ws.phi), std::mem::take(&mut ws.theta));
    let ok = q0(&phi, &theta, r, ws);
    let res = if ok {
        filter(ws, &phi, &theta, r, keep_resid)
    } else {
        None
    };
    ws.phi = phi;
    ws.theta = theta;
    res
}

fn filter(ws: &mut Workspace, phi: &[f64], theta: &[f64], r: usize, keep: bool) -> Option<Like> {
    let p = phi.len();
    let q = theta.len();
    let n = ws.w.len();
    ws.a.clear();
    ws.a.resize(r, 0.0);
    ws.anew.clear();
    ws.anew.resize(r, 0.0);
    ws.pm.clear();
    ws.pm.resize(r * r, 0.0);
    if keep {
        ws.resid.clear();
        ws.resid.resize(n, 0.0);
    }
    let (mut ssq, mut sumlog, mut nu) = (0.0, 0.0, 0usize);
    let a = &mut ws.a;
    let anew = &mut ws.anew;
    let pm = &mut ws.pm;
    let pnew = &mut ws.pnew;
    // once P has collapsed to zero (pure AR after p steps) the filter is a plain recursion
    let mut collapsed = false;
    for l in 0..n {
        let a0 = a[0];
        for i in 0..r {
            let mut v = if i + 1 < r { a[i + 1] } else { 0.0 };
            if i < p {
                v += phi[i] * a0;
            }
            anew[i] = v;
        }
        if collapsed {
            let resid0 = ws.w[l] - anew[0];
            nu += 1;
            ssq += resid0 * resid0;
            if keep {
                ws.resid[l] = resid0;
            }
            a.copy_from_slice(anew);
            a[0] += resid0;
            for i in 1..r {
                a[i] += th(theta, i) * resid0;
            }
            continue;
        }
        if l > 0 {
            let p00 = pm[0];
            for i in 0..r {
                let vi = th(theta, i);
                let phii = if i < p { phi[i] } else { 0.0 };
                let pi0 = if i + 1 < r { pm[(i + 1) * r] } else { 0.0 };
                for j in i..r {
                    let mut v = if i <= q && j <= q {
                        vi * th(theta, j)
                    } else {
                        0.0
                    };
                    let phij = if j < p { phi[j] } else { 0.0 };
                    v += phii * phij * p00;
                    if j + 1 < r {
                        if i + 1 < r {
                            v += pm[(i + 1) * r + j + 1];
                        }
                        v += phii * pm[(j + 1) * r];
                    }
                    v += phij * pi0;
                    pnew[i * r + j] = v;
                    pnew[j * r + i] = v;
                }
            }
        }
        let resid0 = ws.w[l] - anew[0];
        let gain = pnew[0];
        if !(gain > 0.0) || !gain.is_finite() {
            return None;
        }
        if gain < 1e4 {
            nu += 1;
            ssq += resid0 * resid0 / gain;
            sumlog += gain.ln();
        }
        if keep {
            ws.resid[l] = resid0 / gain.sqrt();
        }
        let k = resid0 / gain;
        for i in 0..r {
            a[i] = anew[i] + pnew[i * r] * k;
        }
        let mut maxp: f64 = 0.0;
        for i in 0..r {
            let mi = pnew[i * r] / gain;
            for j in i..r {
                let v = pnew[i * r + j] - mi * pnew[j * r];
                pm[i * r + j] = v;
                pm[j * r + i] = v;
                maxp = maxp.max(v.abs());
            }
        }
        if q == 0 && maxp < 1e-13 && l + 1 >= p {
            pm.iter_mut().for_each(|v| *v = 0.0);
            collapsed = true;
        }
    }
    Some(Like { ssq, sumlog, nu })
}

/// Conditional sum of squares / count on `w` (differenced, adjusted), conditioning on the first
/// `phi.len()` values; residuals go to `resid` (zero before the start). `None` if no residual.
pub(crate) fn css(w: &[f64], phi: &[f64], theta: &[f64], resid: &mut Vec<f64>) -> Option<f64> {
    let n = w.len();
    let p = phi.len();
    let q = theta.len();
    resid.clear();
    resid.resize(n, 0.0);
    if n <= p {
        return None;
    }
    let mut ssq = 0.0;
    for l in p..n {
        let mut tmp = w[l];
        for j in 0..p {
            tmp -= phi[j] * w[l - j - 1];
        }
        let jmax = (l - p).min(q);
        for j in 0..jmax {
            tmp -= theta[j] * resid[l - j - 1];
        }
        resid[l] = tmp;
        ssq += tmp * tmp;
    }
    Some(ssq / (n - p) as f64)
}

/// Forecasts of the integrated model from the augmented state `a` (ARMA part of size r, then
/// the last `delta.len()` adjusted levels, newest first) with covariance `pm`. Returns the means
/// and the forecast variances in units of σ².
pub(crate) fn forecast(
    phi: &[f64],
    theta: &[f64],
    delta: &[f64],
    a: &[f64],
    pm: &[f64],
    h: usize,
) -> (Vec<f64>, Vec<f64>) {
    let p = phi.len();
    let r = p.max(theta.len() + 1);
    let d = delta.len();
    let rd = r + d;
    // transition matrix
    let mut t = vec![0.0; rd * rd];
    for i in 0..p {
        t[i * rd] = phi[i];
    }
    for i in 1..r {
        t[(i - 1) * rd + i] = 1.0;
    }
    if d > 0 {
        t[r * rd] = 1.0;
        for i in 0..d {
            t[r * rd + r + i] = delta[i];
        }
        for i in 1..d {
            t[(r + i) * rd + r + i - 1] = 1.0;
        }
    }
    let mut z = vec![0.0; rd];
    z[0] = 1.0;
    z[r..].copy_from_slice(delta);
    let mut rv = vec![0.0; rd];
    for (i, v) in rv.iter_mut().enumerate().take(r) {
        *v = th(theta, i);
    }
    let mut a = a.to_vec();
    let mut pmat = pm.to_vec();
    let mut anew = vec![0.0; rd];
    let mut tp = vec![0.0; rd * rd];
    let mut mean = Vec::with_capacity(h);
    let mut var = Vec::with_capacity(h);
    for _ in 0..h {
        for i in 0..rd {
            anew[i] = (0..rd).map(|j| t[i * rd + j] * a[j]).sum();
        }
        a.copy_from_slice(&anew);
        mean.push((0..rd).map(|i| z[i] * a[i]).sum());
        for i in 0..rd {
            for j in 0..rd {
                tp[i * rd + j] = (0..rd).map(|k| t[i * rd + k] * pmat[k * rd + j]).sum();
            }
        }
        for i in 0..rd {
            for j in 0..rd {
                pmat[i * rd + j] =
                    (0..rd).map(|k| tp[i * rd + k] * t[j * rd + k]).sum::<f64>() + rv[i] * rv[j];
            }
        }
        let mut s = 0.0;
        for i in 0..rd {
            for j in 0..rd {
                s += z[i] * z[j] * pmat[i * rd + j];
            }
        }
        var.push(s.max(0.0));
    }
    (mean, var)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Q0 solves P = T P T' + R R'.
    #[test]
    fn q0_solves_lyapunov() {
        let phi = [0.5, -0.2, 0.0, 0.3, -0.15];
        let theta = [0.4, 0.0, 0.0, -0.5, -0.2];
        let r = 6;
        let mut ws = Workspace::default();
        assert!(q0(&phi, &theta, r, &mut ws));
        let pm = ws.pnew.clone();
        let mut t = vec![0.0; r * r];
        for i in 0..phi.len() {
            t[i * r] = phi[i];
        }
        for i in 1..r {
            t[(i - 1) * r + i] = 1.0;
        }
        let rv: Vec<f64> = (0..r).map(|i| th(&theta, i)).collect();
        for i in 0..r {
            for j in 0..r {
                let mut v = rv[i] * rv[j];
                for k in 0..r {
                    for l in 0..r {
                        v += t[i * r + k] * pm[k * r + l] * t[j * r + l];
                    }
                }
                assert!(
                    (v - pm[i * r + j]).abs() < 1e-10,
                    "{i} {j} {v} {}",
                    pm[i * r + j]
                );
            }
        }
    }

    #[test]
    fn ar1_variance() {
        let mut ws = Workspace::default();
        assert!(q0(&[0.6], &[], 1, &mut ws));
        assert!((ws.pnew[0] - 1.0 / (1.0 - 0.36)).abs() < 1e-12);
    }
}

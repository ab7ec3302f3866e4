//! Parameter layout and transformations (as R's `arima.c`): the partial-autocorrelation map
//! that keeps AR parts stationary, its inverse, the expansion of the multiplicative seasonal
//! polynomials, and root checks.

/// Orders of a seasonal ARMA part (after differencing) with the season length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Layout {
    pub p: usize,
    pub q: usize,
    pub sp: usize,
    pub sq: usize,
    pub m: usize,
}

impl Layout {
    /// Number of ARMA coefficients (p + q + P + Q).
    pub(crate) fn narma(&self) -> usize {
        self.p + self.q + self.sp + self.sq
    }
    /// Length of the expanded AR polynomial.
    pub(crate) fn np(&self) -> usize {
        self.p + self.m * self.sp
    }
    /// Length of the expanded MA polynomial.
    pub(crate) fn nq(&self) -> usize {
        self.q + self.m * self.sq
    }
}

/// Maps unconstrained `raw` to the coefficients of a stationary AR polynomial
/// (tanh to partial autocorrelations, then Durbin–Levinson).
pub(crate) fn partrans(raw: &[f64], out: &mut [f64]) {
    let p = raw.len();
    let mut work = [0.0f64; 64];
    for j in 0..p {
        out[j] = raw[j].tanh();
        work[j] = out[j];
    }
    for j in 1..p {
        let a = out[j];
        for k in 0..j {
            work[k] -= a * out[j - k - 1];
        }
        out[..j].copy_from_slice(&work[..j]);
    }
}

/// Inverse of [`partrans`]; non-finite entries mean `phi` is not stationary.
pub(crate) fn invpartrans(phi: &[f64], out: &mut [f64]) {
    let p = phi.len();
    let mut work = [0.0f64; 64];
    out[..p].copy_from_slice(phi);
    work[..p].copy_from_slice(phi);
    for j in (1..p).rev() {
        let a = out[j];
        for k in 0..j {
            work[k] = (out[k] + a * out[j - k - 1]) / (1.0 - a * a);
        }
        out[..j].copy_from_slice(&work[..j]);
    }
    for v in out[..p].iter_mut() {
        *v = v.atanh();
    }
}

/// Expands `par` (ar, ma, sar, sma) into the full `phi` and `theta` polynomials; with `trans`
/// the AR and seasonal AR blocks are first mapped through [`partrans`].
pub(crate) fn expand(
    lay: &Layout,
    par: &[f64],
    trans: bool,
    phi: &mut Vec<f64>,
    theta: &mut Vec<f64>,
) {
    let (p, q, sp, sq, m) = (lay.p, lay.q, lay.sp, lay.sq, lay.m);
    let mut ar = [0.0f64; 64];
    let mut sar = [0.0f64; 64];
    if trans {
        partrans(&par[..p], &mut ar);
        partrans(&par[p + q..p + q + sp], &mut sar);
    } else {
        ar[..p].copy_from_slice(&par[..p]);
        sar[..sp].copy_from_slice(&par[p + q..p + q + sp]);
    }
    let ma = &par[p..p + q];
    let sma = &par[p + q + sp..p + q + sp + sq];
    phi.clear();
    phi.resize(lay.np(), 0.0);
    theta.clear();
    theta.resize(lay.nq(), 0.0);
    phi[..p].copy_from_slice(&ar[..p]);
    theta[..q].copy_from_slice(ma);
    for j in 0..sp {
        phi[(j + 1) * m - 1] += sar[j];
        for i in 0..p {
            phi[(j + 1) * m + i] -= ar[i] * sar[j];
        }
    }
    for j in 0..sq {
        theta[(j + 1) * m - 1] += sma[j];
        for i in 0..q {
            theta[(j + 1) * m + i] += ma[i] * sma[j];
        }
    }
}

/// Replaces the AR and seasonal AR blocks of `raw` (transformed space) by their
/// [`partrans`] images: the model's coefficients.
pub(crate) fn undo(lay: &Layout, raw: &[f64]) -> Vec<f64> {
    let mut out = raw.to_vec();
    partrans(&raw[..lay.p], &mut out[..lay.p]);
    let s = lay.p + lay.q;
    partrans(&raw[s..s + lay.sp], &mut out[s..s + lay.sp]);
    out
}

/// statsforecast 2.1.1's inverse transform, which updates the coefficients in place inside
/// the step-down loop (differs from R's for p ≥ 3); used to reproduce its ML starting points.
pub(crate) fn invpartrans_sf(phi: &[f64], out: &mut [f64]) {
    let p = phi.len();
    out[..p].copy_from_slice(phi);
    for j in (1..p).rev() {
        let a = out[j];
        for k in 0..j {
            out[k] = (out[k] + a * out[j - k - 1]) / (1.0 - a * a);
        }
    }
    for v in out[..p].iter_mut() {
        *v = v.atanh();
    }
}

/// Inverse of [`undo`] (`sf`: statsforecast's variant); returns false when an AR block is not
/// stationary.
pub(crate) fn redo(lay: &Layout, coef: &mut [f64], sf: bool) -> bool {
    let inv = if sf { invpartrans_sf } else { invpartrans };
    let mut tmp = [0.0f64; 64];
    inv(&coef[..lay.p], &mut tmp);
    coef[..lay.p].copy_from_slice(&tmp[..lay.p]);
    let s = lay.p + lay.q;
    inv(&coef[s..s + lay.sp], &mut tmp);
    coef[s..s + lay.sp].copy_from_slice(&tmp[..lay.sp]);
    coef.iter().all(|v| v.is_finite())
}

/// Number of coefficients up to the last one above 1e-8 in magnitude.
pub(crate) fn trimmed_len(c: &[f64]) -> usize {
    let mut k = c.len();
    while k > 0 && c[k - 1].abs() <= 1e-8 {
        k -= 1;
    }
    k
}

/// True when every root of `1 - c_1 z - … - c_k z^k` lies strictly outside the circle of
/// radius `radius` (Schur–Cohn step-down on the rescaled coefficients). Trailing
/// coefficients below 1e-8 in magnitude are dropped first, as statsforecast does.
pub(crate) fn roots_outside(c: &[f64], radius: f64) -> bool {
    let k = trimmed_len(c);
    if k == 0 {
        return true;
    }
    if c[..k].iter().any(|v| !v.is_finite()) {
        return false;
    }
    let mut a: Vec<f64> = (0..k).map(|i| c[i] * radius.powi(i as i32 + 1)).collect();
    let mut work = a.clone();
    for j in (0..k).rev() {
        let r = a[j];
        if r.abs() >= 1.0 {
            return false;
        }
        for i in 0..j {
            work[i] = (a[i] + r * a[j - i - 1]) / (1.0 - r * r);
        }
        a[..j].copy_from_slice(&work[..j]);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partrans_round_trips() {
        let raw = [0.3, -0.7, 1.2];
        let mut phi = [0.0; 3];
        partrans(&raw, &mut phi);
        assert!(roots_outside(&phi, 1.0));
        let mut back = [0.0; 3];
        invpartrans(&phi, &mut back);
        for (a, b) in raw.iter().zip(back) {
            assert!((a - b).abs() < 1e-12);
        }
    }

    #[test]
    fn root_check_matches_ar1() {
        assert!(roots_outside(&[0.98], 1.01));
        assert!(!roots_outside(&[0.995], 1.01));
        assert!(!roots_outside(&[1.0, 0.2], 1.0));
        // (1 - 0.5z)(1 - 0.5z) = 1 - z + 0.25 z^2 → roots 2, 2
        assert!(roots_outside(&[1.0, -0.25], 1.9));
        assert!(!roots_outside(&[1.0, -0.25], 2.1));
    }

    #[test]
    fn seasonal_expansion() {
        let lay = Layout {
            p: 1,
            q: 1,
            sp: 1,
            sq: 1,
            m: 4,
        };
        let (mut phi, mut theta) = (Vec::new(), Vec::new());
        expand(&lay, &[0.5, 0.3, 0.2, 0.4], false, &mut phi, &mut theta);
        assert_eq!(phi, vec![0.5, 0.0, 0.0, 0.2, -0.1]);
        assert!((theta[4] - 0.12).abs() < 1e-15 && theta[3] == 0.4 && theta[0] == 0.3);
    }
}

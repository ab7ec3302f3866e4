//! Maximum-likelihood fit of one ETS model: statsforecast's starting values (`initparam`,
//! `initstate`), its objective (`n ln Σe² + 2 Σ ln|ŷ|` for multiplicative errors) and its
//! box-clamped Nelder–Mead; optionally R's "usual"/"admissible" parameter checks.

use super::init::initial_state;
use super::model::{ErrorType, EtsSpec, Filter, SeasonType, Smoothing, filter, load_ring};
use super::nelder_mead::NelderMead;
use serde::{Deserialize, Serialize};

/// Which parameter region the optimiser may explore.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Bounds {
    /// statsforecast 2.x: box constraints only — `alpha, beta, gamma ∈ [1e-4, 0.9999]`,
    /// `phi ∈ [0.8, 0.98]` — where the upper bounds of beta and gamma are lowered to the
    /// starting `alpha` and `1 − alpha` of each model tried, cumulatively over an automatic
    /// search, exactly as statsforecast's `initparam` does. The default: it reproduces
    /// statsforecast's forecasts.
    #[default]
    Box,
    /// R's `bounds = "usual"`: the box plus `beta ≤ alpha` and `gamma ≤ 1 − alpha`.
    Usual,
    /// R's default `bounds = "both"`: the usual bounds and the admissible (forecastability)
    /// region of Hyndman et al. (2008), including the characteristic-root check for seasonal
    /// models.
    Both,
}

/// Parameters the caller fixed instead of estimating.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Fixed {
    pub alpha: Option<f64>,
    pub beta: Option<f64>,
    pub gamma: Option<f64>,
    pub phi: Option<f64>,
}

pub(crate) const LOWER: [f64; 4] = [1e-4, 1e-4, 1e-4, 0.8];
pub(crate) const UPPER: [f64; 4] = [0.9999, 0.9999, 0.9999, 0.98];
const MAX_ITER: usize = 1000;
const TOL_STD: f64 = 1e-4;

/// Reusable buffers for fitting many models and series.
#[derive(Debug, Default)]
pub(crate) struct Workspace {
    nm: NelderMead,
    x0: Vec<f64>,
    lo: Vec<f64>,
    hi: Vec<f64>,
    init: Vec<f64>,
    ring: Vec<f64>,
    /// Objective evaluations so far (diagnostics).
    pub evals: u64,
}

/// The result of optimising one model.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub spec: EtsSpec,
    pub m: usize,
    pub par: Smoothing,
    /// Full initial state `[l, (b), s_0 .. s_{m-1}]`.
    pub state0: Vec<f64>,
    pub n_params: usize,
    /// Small-sample corrected AIC, the selection criterion.
    pub aicc: f64,
}

/// Fits `spec`; `upper` carries statsforecast's running upper bounds (see [`Bounds::Box`]).
/// Returns `None` when the model has too many parameters for the data or its likelihood is
/// undefined.
pub(crate) fn fit_model(
    y: &[f64],
    m_season: usize,
    spec: EtsSpec,
    fixed: &Fixed,
    bounds: Bounds,
    upper: &mut [f64; 4],
    ws: &mut Workspace,
) -> Option<Candidate> {
    let n = y.len();
    let tr = spec.has_trend();
    let se = spec.has_season();
    let m = if se { m_season } else { 1 };
    let mut local_upper = UPPER;
    let up: &mut [f64; 4] = if bounds == Bounds::Box {
        upper
    } else {
        &mut local_upper
    };
    let lo = LOWER;
    // initparam
    let alpha0 = fixed.alpha.unwrap_or_else(|| {
        let a = lo[0] + 0.2 * (up[0] - lo[0]) / m as f64;
        if (0.0..=1.0).contains(&a) {
            a
        } else {
            lo[0] + 2e-3
        }
    });
    let mut x0 = std::mem::take(&mut ws.x0);
    let mut xl = std::mem::take(&mut ws.lo);
    let mut xu = std::mem::take(&mut ws.hi);
    x0.clear();
    xl.clear();
    xu.clear();
    if fixed.alpha.is_none() {
        x0.push(alpha0);
        xl.push(lo[0]);
        xu.push(up[0]);
    }
    if tr && fixed.beta.is_none() {
        up[1] = up[1].min(alpha0);
        let mut b = lo[1] + 0.1 * (up[1] - lo[1]);
        if b < 0.0 || b > alpha0 {
            b = alpha0 - 1e-3;
        }
        x0.push(b);
        xl.push(lo[1]);
        xu.push(up[1]);
    }
    if se && fixed.gamma.is_none() {
        up[2] = up[2].min(1.0 - alpha0);
        let mut g = lo[2] + 0.05 * (up[2] - lo[2]);
        if g < 0.0 || g > 1.0 - alpha0 {
            g = 1.0 - alpha0 - 1e-3;
        }
        x0.push(g);
        xl.push(lo[2]);
        xu.push(up[2]);
    }
    if spec.damped && fixed.phi.is_none() {
        let mut p = lo[3] + 0.99 * (up[3] - lo[3]);
        if !(0.0..=1.0).contains(&p) {
            p = up[3] - 1e-3;
        }
        x0.push(p);
        xl.push(lo[3]);
        xu.push(up[3]);
    }
    let n_smooth = x0.len();
    let box_hi = [up[0], up[1], up[2], up[3]];
    initial_state(y, m, tr, spec.season, &mut ws.init);
    x0.extend_from_slice(&ws.init);
    xl.resize(x0.len(), f64::NEG_INFINITY);
    xu.resize(x0.len(), f64::INFINITY);
    let np = x0.len();
    let result = if np + 1 >= n {
        None
    } else {
        ws.ring.clear();
        ws.ring.resize(m, 0.0);
        let (ring, evals) = (&mut ws.ring, &mut ws.evals);
        let mut obj = |x: &[f64]| -> f64 {
            *evals += 1;
            let par = unpack(spec, fixed, x);
            if bounds != Bounds::Box && !check_param(spec, par, &lo, &box_hi, bounds, m) {
                return f64::INFINITY;
            }
            evaluate(spec, m, y, par, &x[n_smooth..], ring).unwrap_or(f64::INFINITY)
        };
        ws.nm.minimize(&mut obj, &x0, &xl, &xu, MAX_ITER, TOL_STD);
        let best = &ws.nm.best;
        let par = unpack(spec, fixed, best);
        let mut state0 = best[n_smooth..].to_vec();
        if se {
            let s = &state0[1 + usize::from(tr)..];
            let total = if spec.season == SeasonType::Multiplicative {
                m as f64
            } else {
                0.0
            };
            let last = total - s.iter().sum::<f64>();
            state0.push(last);
        }
        let lik = evaluate(spec, m, y, par, &best[n_smooth..], ring);
        match lik {
            Some(lik) if !lik.is_nan() => {
                let k = np + 1;
                let (_, aicc, _) = criteria(lik, k, n);
                Some(Candidate {
                    spec,
                    m,
                    par,
                    state0,
                    n_params: k,
                    aicc,
                })
            }
            _ => None,
        }
    };
    ws.x0 = x0;
    ws.lo = xl;
    ws.hi = xu;
    result
}

/// Smoothing parameters from the optimiser's vector `[alpha, beta, gamma, phi, ...]`.
fn unpack(spec: EtsSpec, fixed: &Fixed, x: &[f64]) -> Smoothing {
    let mut j = 0;
    let mut take = |fx: Option<f64>| {
        fx.unwrap_or_else(|| {
            j += 1;
            x[j - 1]
        })
    };
    let alpha = take(fixed.alpha);
    let beta = if spec.has_trend() {
        take(fixed.beta)
    } else {
        0.0
    };
    let gamma = if spec.has_season() {
        take(fixed.gamma)
    } else {
        0.0
    };
    let phi = if spec.damped { take(fixed.phi) } else { 1.0 };
    Smoothing {
        alpha,
        beta,
        gamma,
        phi,
    }
}

/// Objective for states `st = [l, (b), s_0 .. s_{m-2}]`; `None` for an inadmissible
/// multiplicative season (a negative index).
pub(crate) fn evaluate(
    spec: EtsSpec,
    m: usize,
    y: &[f64],
    par: Smoothing,
    st: &[f64],
    ring: &mut [f64],
) -> Option<f64> {
    let tr = usize::from(spec.has_trend());
    let l = st[0];
    let b = if tr == 1 { st[1] } else { 0.0 };
    let ring: &mut [f64] = if spec.has_season() {
        let s = &st[1 + tr..];
        let mult = spec.season == SeasonType::Multiplicative;
        let total = if mult { m as f64 } else { 0.0 };
        let mut sum = 0.0;
        for (i, &v) in s.iter().enumerate() {
            if mult && v < 0.0 {
                return None;
            }
            sum += v;
            ring[(m - i) % m] = v;
        }
        let last = total - sum;
        if mult && last < 0.0 {
            return None;
        }
        ring[1 % m] = last;
        ring
    } else {
        &mut ring[..0]
    };
    let mut state = Filter { l, b, ring };
    let lik = filter(spec, y, par, &mut state, None);
    if lik.is_nan() {
        return Some(f64::NAN);
    }
    Some(lik.max(-1e10))
}

/// AIC, AICc and BIC from the objective `lik` (−2 log-likelihood up to a constant), `k`
/// estimated values (including the variance) and `n` observations.
pub(crate) fn criteria(lik: f64, k: usize, n: usize) -> (f64, f64, f64) {
    let (kf, nf) = (k as f64, n as f64);
    let aic = lik + 2.0 * kf;
    let bic = lik + nf.ln() * kf;
    let aicc = if n > k + 1 {
        aic + 2.0 * kf * (kf + 1.0) / (nf - kf - 1.0)
    } else {
        f64::INFINITY
    };
    (aic, aicc, bic)
}

/// Runs the filter from a full initial state, returning one-step forecasts, residuals, the
/// final state `[l, b, s_0 .. s_{m-1}]` and the objective.
pub(crate) fn replay(
    spec: EtsSpec,
    m: usize,
    y: &[f64],
    par: Smoothing,
    state0: &[f64],
) -> (Vec<f64>, Vec<f64>, f64, f64, Vec<f64>, f64) {
    let tr = usize::from(spec.has_trend());
    let mut ring = vec![0.0; if spec.has_season() { m } else { 0 }];
    if spec.has_season() {
        load_ring(&mut ring, &state0[1 + tr..]);
    }
    let mut fit = vec![0.0; y.len()];
    let mut st = Filter {
        l: state0[0],
        b: if tr == 1 { state0[1] } else { 0.0 },
        ring: &mut ring,
    };
    let lik = filter(spec, y, par, &mut st, Some(&mut fit));
    let (l, b) = (st.l, st.b);
    let resid = y
        .iter()
        .zip(&fit)
        .map(|(&yi, &f)| match spec.error {
            ErrorType::Additive => yi - f,
            ErrorType::Multiplicative => {
                let f0 = if f.abs() < 1e-10 { f + 1e-10 } else { f };
                (yi - f) / f0
            }
        })
        .collect();
    let mut s = vec![0.0; ring.len()];
    super::model::unload_ring(&ring, y.len(), &mut s);
    (fit, resid, l, b, s, lik)
}

/// R's `check.param`: usual bounds and/or the admissible region.
fn check_param(
    spec: EtsSpec,
    p: Smoothing,
    lo: &[f64; 4],
    hi: &[f64; 4],
    bounds: Bounds,
    m: usize,
) -> bool {
    if p.alpha < lo[0] || p.alpha > hi[0] {
        return false;
    }
    if spec.has_trend() && (p.beta < lo[1] || p.beta > p.alpha || p.beta > hi[1]) {
        return false;
    }
    if spec.damped && (p.phi < lo[3] || p.phi > hi[3]) {
        return false;
    }
    if spec.has_season() && (p.gamma < lo[2] || p.gamma > 1.0 - p.alpha || p.gamma > hi[2]) {
        return false;
    }
    bounds != Bounds::Both || admissible(spec, p, m)
}

/// Forecastability region of Hyndman et al. (2008, ch. 10), as R's `admissible`.
pub(crate) fn admissible(spec: EtsSpec, p: Smoothing, m: usize) -> bool {
    let phi = p.phi;
    let alpha = p.alpha;
    if !(0.0..=1.0 + 1e-8).contains(&phi) {
        return false;
    }
    if !spec.has_season() {
        if alpha < 1.0 - 1.0 / phi || alpha > 1.0 + 1.0 / phi {
            return false;
        }
        if spec.has_trend()
            && (p.beta < alpha * (phi - 1.0) || p.beta > (1.0 + phi) * (2.0 - alpha))
        {
            return false;
        }
        return true;
    }
    if m <= 1 {
        return true;
    }
    let (beta, gamma) = (p.beta, p.gamma);
    let mf = m as f64;
    if gamma < (1.0 - 1.0 / phi - alpha).max(0.0) || gamma > 1.0 + 1.0 / phi - alpha {
        return false;
    }
    if alpha < 1.0 - 1.0 / phi - gamma * (1.0 - mf + phi + phi * mf) / (2.0 * phi * mf) {
        return false;
    }
    if beta < -(1.0 - phi) * (gamma / mf + alpha) {
        return false;
    }
    // Characteristic polynomial (increasing powers), degree m + 1; all roots must lie in the
    // closed unit disc. Checked with the Schur–Cohn recursion instead of a root finder.
    let mut c = vec![0.0; m + 2];
    c[0] = phi * (1.0 - alpha - gamma);
    c[1] = alpha + beta - alpha * phi + gamma - 1.0;
    for v in c.iter_mut().take(m).skip(2) {
        *v = alpha + beta - alpha * phi;
    }
    c[m] = alpha + beta - phi;
    c[m + 1] = 1.0;
    roots_in_unit_disc(&mut c)
}

/// Schur–Cohn test: true when every root of `c[0] + c[1] z + … + c[d] z^d` has
/// |z| < 1 + 1e-10 (R rejects a largest root modulus above 1 + 1e-10). The polynomial is first
/// rescaled to `p((1 + 1e-10) z)`, whose roots must then lie strictly inside the unit disc.
fn roots_in_unit_disc(c: &mut Vec<f64>) -> bool {
    let rho = 1.0 + 1e-10;
    let mut scale = 1.0;
    for v in c.iter_mut() {
        *v *= scale;
        scale *= rho;
    }
    while c.len() > 1 {
        let d = c.len() - 1;
        let (a0, ad) = (c[0], c[d]);
        if a0.abs() >= ad.abs() || a0.is_nan() || ad.is_nan() {
            return false;
        }
        let mut next: Vec<f64> = (0..d).map(|i| ad * c[i + 1] - a0 * c[d - 1 - i]).collect();
        // Normalise by the (positive) leading coefficient ad² − a0² to avoid underflow.
        let lead = next[d - 1];
        for v in &mut next {
            *v /= lead;
        }
        *c = next;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schur_cohn_matches_known_roots() {
        // (z - 0.5)(z + 0.9) = z² + 0.4 z - 0.45
        assert!(roots_in_unit_disc(&mut vec![-0.45, 0.4, 1.0]));
        // (z - 1.5)(z + 0.2) = z² - 1.3 z - 0.3
        assert!(!roots_in_unit_disc(&mut vec![-0.3, -1.3, 1.0]));
        // (z - 0.5)(z - 2) = z² - 2.5 z + 1: |c0| = |c2| but a root outside.
        assert!(!roots_in_unit_disc(&mut vec![1.0, -2.5, 1.0]));
        // (z - 0.99)^3
        let a = 0.99f64;
        assert!(roots_in_unit_disc(&mut vec![
            -a * a * a,
            3.0 * a * a,
            -3.0 * a,
            1.0
        ]));
    }

    #[test]
    fn admissible_region_contains_usual_seasonal_values() {
        let spec = EtsSpec::new(
            ErrorType::Additive,
            super::super::model::TrendType::Additive,
            false,
            SeasonType::Additive,
        );
        let p = Smoothing {
            alpha: 0.3,
            beta: 0.05,
            gamma: 0.1,
            phi: 1.0,
        };
        assert!(admissible(spec, p, 12));
        let bad = Smoothing { alpha: 1.9, ..p };
        assert!(!admissible(spec, bad, 12));
    }
}

//! The Theta state-space recursions (Fiorucci et al. 2016, eqs. as in statsforecast).
//!
//! State at time `t`: smoothed level `ℓ`, running mean `ȳ`, trend line `A + B·t`, and the
//! one-step forecast `μ`. With `q = 1 − α` and `c = 1 − 1/θ`, the forecast made at time
//! `i − 1` for time `i` is `μ_i = ℓ_{i−1} + c·(A·q^i + B·(1 − q^{i+1})/α)`. The standard models
//! fix `A, B` at the OLS line of the whole series; the dynamic ones update them online.

use super::ThetaModel;

/// Objective floor for `mean |y|` (statsforecast's `TOL`).
const TOL: f64 = 1e-10;

/// One row of the state matrix.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct State {
    pub level: f64,
    pub mean_y: f64,
    pub a: f64,
    pub b: f64,
    pub mu: f64,
}

/// Precomputed, parameter-free facts about a (deseasonalised) series.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SeriesInfo {
    /// OLS intercept and slope of `y` on `t = 1..=n`.
    pub ols_a: f64,
    pub ols_b: f64,
    /// `max(mean |y|, TOL)`: the objective's scale.
    pub scale: f64,
}

impl SeriesInfo {
    pub(super) fn new(y: &[f64]) -> Self {
        let n = y.len() as f64;
        let mean = y.iter().sum::<f64>() / n;
        let weighted = y
            .iter()
            .enumerate()
            .map(|(t, v)| v * (t + 1) as f64)
            .sum::<f64>()
            / n;
        let ols_b = 6.0 * (2.0 * weighted - (n + 1.0) * mean) / (n * n - 1.0);
        let ols_a = mean - (n + 1.0) * ols_b / 2.0;
        let scale = (y.iter().map(|v| v.abs()).sum::<f64>() / n).max(TOL);
        Self {
            ols_a,
            ols_b,
            scale,
        }
    }
}

/// Parameters of one Theta model.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Params {
    pub level0: f64,
    pub alpha: f64,
    pub theta: f64,
}

#[inline]
fn init(y0: f64, model: ThetaModel, p: Params, info: &SeriesInfo) -> State {
    let (a, b, mu) = if model.is_dynamic() {
        (y0, 0.0, y0)
    } else {
        let mu = p.level0 + (1.0 - 1.0 / p.theta) * (info.ols_a + info.ols_b);
        (info.ols_a, info.ols_b, mu)
    };
    State {
        level: p.alpha * y0 + (1.0 - p.alpha) * p.level0,
        mean_y: y0,
        a,
        b,
        mu,
    }
}

/// The forecast for time `i` from state `s` at `i − 1`; `qi = q^i`.
#[inline(always)]
fn predict(s: &State, qi: f64, q: f64, alpha: f64, c: f64) -> f64 {
    s.level + c * (s.a * qi + s.b * (1.0 - qi * q) / alpha)
}

/// Moves `s` to time `i` after observing `y` (which is the forecast itself when simulating
/// the mean path).
#[inline(always)]
fn update(s: &mut State, i: usize, y: f64, alpha: f64, dynamic: bool) {
    let fi = i as f64;
    let prev_mean = s.mean_y;
    s.level = alpha * y + (1.0 - alpha) * s.level;
    s.mean_y = (fi * prev_mean + y) / (fi + 1.0);
    if dynamic {
        s.b = ((fi - 1.0) * s.b + 6.0 * (y - prev_mean) / (fi + 1.0)) / (fi + 2.0);
        s.a = s.mean_y - s.b * (fi + 2.0) / 2.0;
    }
}

/// statsforecast's fitting objective: `Σ_{t≥3} e_t² / mean |y|` over the one-step errors.
/// `y.len() ≥ 4`. Allocation-free; NaN becomes +∞.
pub(crate) fn objective(y: &[f64], model: ThetaModel, p: Params, info: &SeriesInfo) -> f64 {
    let dynamic = model.is_dynamic();
    let alpha = p.alpha;
    let q = 1.0 - alpha;
    let c = 1.0 - 1.0 / p.theta;
    let mut s = init(y[0], model, p, info);
    let mut qi = q;
    let mut sse = 0.0;
    for (i, &yi) in y.iter().enumerate().skip(1) {
        let e = yi - predict(&s, qi, q, alpha, c);
        if i >= 3 {
            sse += e * e;
        }
        update(&mut s, i, yi, alpha, dynamic);
        qi *= q;
    }
    let v = sse / info.scale;
    if v.is_nan() { f64::INFINITY } else { v }
}

/// Runs the filter once more, writing the one-step forecasts `μ_t` into `mu` (same length as
/// `y`) and returning the objective value and the last state.
pub(crate) fn filter(
    y: &[f64],
    model: ThetaModel,
    p: Params,
    info: &SeriesInfo,
    mu: &mut [f64],
) -> (f64, State) {
    let dynamic = model.is_dynamic();
    let alpha = p.alpha;
    let q = 1.0 - alpha;
    let c = 1.0 - 1.0 / p.theta;
    let mut s = init(y[0], model, p, info);
    mu[0] = s.mu;
    let mut qi = q;
    let mut sse = 0.0;
    for (i, &yi) in y.iter().enumerate().skip(1) {
        let f = predict(&s, qi, q, alpha, c);
        mu[i] = f;
        if i >= 3 {
            sse += (yi - f) * (yi - f);
        }
        update(&mut s, i, yi, alpha, dynamic);
        s.mu = f;
        qi *= q;
    }
    (sse / info.scale, s)
}

/// Point forecasts for times `n..n+h` from the last state (`n = y.len()`).
pub(crate) fn forecast_mean(
    last: &State,
    n: usize,
    model: ThetaModel,
    alpha: f64,
    theta: f64,
    out: &mut [f64],
) {
    let dynamic = model.is_dynamic();
    let q = 1.0 - alpha;
    let c = 1.0 - 1.0 / theta;
    let mut s = *last;
    let mut qi = q.powf(n as f64);
    for (j, o) in out.iter_mut().enumerate() {
        let f = predict(&s, qi, q, alpha, c);
        *o = f;
        update(&mut s, n + j, f, alpha, dynamic);
        qi *= q;
    }
}

/// statsforecast's simulated Theta paths: from the last state, each step adds `N(0, σ²)`
/// noise to the forecast and updates level, mean and the trend line dynamically (for every
/// model type, as statsforecast does). Values are rounded to `f32` as statsforecast stores
/// them. Writes `paths` row-major `[step][path]`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn simulate(
    last: &State,
    mean_y: f64,
    n: usize,
    alpha: f64,
    theta: f64,
    sigma: f64,
    n_paths: usize,
    rng: &mut flowcast_core::Rng,
    paths: &mut [f64],
) {
    let q = 1.0 - alpha;
    let c = 1.0 - 1.0 / theta;
    let mut st = vec![
        State {
            level: last.level,
            mean_y,
            a: last.a,
            b: last.b,
            mu: 0.0,
        };
        n_paths
    ];
    let mut qi = q.powf(n as f64);
    for (step, row) in paths.chunks_exact_mut(n_paths).enumerate() {
        let i = n + step;
        let fi = i as f64;
        for (s, out) in st.iter_mut().zip(row.iter_mut()) {
            let base = predict(s, qi, q, alpha, c) as f32 as f64;
            let z = flowcast_core::normal::quantile(
                ((rng.next_u64() >> 11) as f64 + 0.5) * (1.0 / (1u64 << 53) as f64),
            );
            let v = (base + sigma * z) as f32 as f64;
            *out = v;
            s.level = alpha * v + (1.0 - alpha) * s.level;
            s.mean_y = (fi * s.mean_y + v) / (fi + 1.0);
            s.b = ((fi - 1.0) * s.b + 6.0 * (v - s.mean_y) / (fi + 1.0)) / (fi + 2.0);
            s.a = s.mean_y - s.b * (fi + 2.0) / 2.0;
        }
        qi *= q;
    }
}

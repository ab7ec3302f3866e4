//! ETS state-space recursions (Hyndman et al. 2008), written in the "Pegels" form that R's
//! `etscalc` and statsforecast's `ets::Calc` use: the update equations are expressed through the
//! observation, so the same update serves additive and multiplicative errors.
//!
//! Seasonal states live in a ring buffer during filtering (one write per step instead of
//! shifting `m` values); the public state order is `s[0]` = most recent season.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Error component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ErrorType {
    /// Additive errors: `y = f + e`.
    Additive,
    /// Multiplicative (relative) errors: `y = f (1 + e)`; needs strictly positive data.
    Multiplicative,
}

/// Trend component (multiplicative trends are not supported, as in statsforecast's default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TrendType {
    /// No trend.
    None,
    /// Additive trend, damped when [`EtsSpec::damped`] is set.
    Additive,
}

/// Seasonal component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SeasonType {
    /// No season.
    None,
    /// Additive season.
    Additive,
    /// Multiplicative season; needs strictly positive data.
    Multiplicative,
}

/// One ETS model: ETS(error, trend[d], season).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EtsSpec {
    /// Error component.
    pub error: ErrorType,
    /// Trend component.
    pub trend: TrendType,
    /// Damped trend (only meaningful with an additive trend).
    pub damped: bool,
    /// Seasonal component.
    pub season: SeasonType,
}

impl EtsSpec {
    /// Builds a spec; `damped` is ignored without a trend.
    pub const fn new(error: ErrorType, trend: TrendType, damped: bool, season: SeasonType) -> Self {
        let damped = damped && matches!(trend, TrendType::Additive);
        Self {
            error,
            trend,
            damped,
            season,
        }
    }

    pub(crate) fn has_trend(&self) -> bool {
        self.trend == TrendType::Additive
    }

    pub(crate) fn has_season(&self) -> bool {
        self.season != SeasonType::None
    }

    /// True when the model needs strictly positive data.
    pub fn is_multiplicative(&self) -> bool {
        self.error == ErrorType::Multiplicative || self.season == SeasonType::Multiplicative
    }
}

impl fmt::Display for EtsSpec {
    /// `ETS(M,Ad,M)` style, as R and statsforecast print it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = match self.error {
            ErrorType::Additive => "A",
            ErrorType::Multiplicative => "M",
        };
        let t = match (self.trend, self.damped) {
            (TrendType::None, _) => "N",
            (TrendType::Additive, false) => "A",
            (TrendType::Additive, true) => "Ad",
        };
        let s = match self.season {
            SeasonType::None => "N",
            SeasonType::Additive => "A",
            SeasonType::Multiplicative => "M",
        };
        write!(f, "ETS({e},{t},{s})")
    }
}

/// Smoothing parameters as used by the recursions: `beta = 0` without trend, `gamma = 0`
/// without season, `phi = 1` when not damped.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Smoothing {
    pub alpha: f64,
    pub beta: f64,
    pub gamma: f64,
    pub phi: f64,
}

const TOL: f64 = 1e-10;
const HUGE: f64 = 1e10;

/// Filter state: level, slope and the seasonal ring.
pub(crate) struct Filter<'a> {
    pub l: f64,
    pub b: f64,
    /// Seasonal ring, `ring[t % m]` holds the seasonal of the latest time `≡ t (mod m)`.
    pub ring: &'a mut [f64],
}

/// Loads state `[l, (b), s_0 .. s_{m-1}]` (statsforecast order) into the ring for step 1.
pub(crate) fn load_ring(ring: &mut [f64], s: &[f64]) {
    let m = ring.len();
    for (i, &v) in s.iter().enumerate().take(m) {
        ring[(m - i) % m] = v;
    }
}

/// Reads the ring after `n` steps back into statsforecast order (`s[0]` = time n).
pub(crate) fn unload_ring(ring: &[f64], n: usize, s: &mut [f64]) {
    let m = ring.len();
    for (k, v) in s.iter_mut().enumerate().take(m) {
        *v = ring[(n + m * (k / m + 1) - k) % m];
    }
}

/// Runs the filter over `y`, writing one-step forecasts into `fit` when given, and returns the
/// statsforecast/R objective `n ln(Σe²) (+ 2 Σ ln|f|)`.
///
/// Dispatches once to a monomorphised loop so the inner loop carries no component branches.
pub(crate) fn filter(
    spec: EtsSpec,
    y: &[f64],
    p: Smoothing,
    st: &mut Filter<'_>,
    fit: Option<&mut [f64]>,
) -> f64 {
    let em = spec.error == ErrorType::Multiplicative;
    let tr = spec.has_trend();
    macro_rules! go {
        ($rec:literal, $f:expr) => {
            match (em, tr, spec.season) {
                (false, false, SeasonType::None) => run::<false, false, 0, $rec>(y, p, st, $f),
                (false, false, SeasonType::Additive) => run::<false, false, 1, $rec>(y, p, st, $f),
                (false, false, SeasonType::Multiplicative) => {
                    run::<false, false, 2, $rec>(y, p, st, $f)
                }
                (false, true, SeasonType::None) => run::<false, true, 0, $rec>(y, p, st, $f),
                (false, true, SeasonType::Additive) => run::<false, true, 1, $rec>(y, p, st, $f),
                (false, true, SeasonType::Multiplicative) => {
                    run::<false, true, 2, $rec>(y, p, st, $f)
                }
                (true, false, SeasonType::None) => run::<true, false, 0, $rec>(y, p, st, $f),
                (true, false, SeasonType::Additive) => run::<true, false, 1, $rec>(y, p, st, $f),
                (true, false, SeasonType::Multiplicative) => {
                    run::<true, false, 2, $rec>(y, p, st, $f)
                }
                (true, true, SeasonType::None) => run::<true, true, 0, $rec>(y, p, st, $f),
                (true, true, SeasonType::Additive) => run::<true, true, 1, $rec>(y, p, st, $f),
                (true, true, SeasonType::Multiplicative) => {
                    run::<true, true, 2, $rec>(y, p, st, $f)
                }
            }
        };
    }
    match fit {
        Some(f) => go!(true, &mut f[..y.len()]),
        None => go!(false, &mut []),
    }
}

#[inline(always)]
fn run<const EM: bool, const TR: bool, const S: u8, const RECORD: bool>(
    y: &[f64],
    p: Smoothing,
    st: &mut Filter<'_>,
    fit: &mut [f64],
) -> f64 {
    let Smoothing {
        alpha,
        beta,
        gamma,
        phi,
    } = p;
    // The level and trend updates in their linear form,
    //   l' = (1 − α)·l + (1 − α)·φ·b + α·p,   b' = (1 − β)·φ·b + β·(p − l),
    // with p the seasonally adjusted observation: the same recursion as
    // l' = q + α(p − q), b' = φb + β(p − q) (q = l + φb) with a dependency chain of two
    // operations per state instead of four, which is what bounds this loop.
    let a1 = 1.0 - alpha;
    let a1phi = a1 * phi;
    let b1phi = (1.0 - beta) * phi;
    let mut l = st.l;
    let mut b = st.b;
    let m = st.ring.len().max(1);
    let mut idx = 1 % m;
    let mut sse = 0.0;
    let mut logsum = 0.0;
    let mut prod = 1.0;
    for (i, &yi) in y.iter().enumerate() {
        let s_old = if S > 0 { st.ring[idx] } else { 0.0 };
        let phib = if TR { phi * b } else { 0.0 };
        let q = l + phib;
        let f = match S {
            1 => q + s_old,
            2 => q * s_old,
            _ => q,
        };
        // A multiplicative season needs y/s and y/q, a multiplicative error (y − f)/f: one
        // reciprocal of f = q·s serves all three when none is near zero.
        let (e, pv, tq) = if S == 2 && EM && f.abs() >= TOL && s_old.abs() >= TOL && q.abs() >= TOL
        {
            let r = 1.0 / f;
            let yr = yi * r;
            (yr - 1.0, yr * q, yr * s_old)
        } else {
            let e = if EM {
                let f0 = if f.abs() < TOL { f + TOL } else { f };
                (yi - f) / f0
            } else {
                yi - f
            };
            let pv = match S {
                1 => yi - s_old,
                2 => {
                    if s_old.abs() < TOL {
                        HUGE
                    } else {
                        yi / s_old
                    }
                }
                _ => yi,
            };
            let tq = match S {
                1 => yi - q,
                2 => {
                    if q.abs() < TOL {
                        HUGE
                    } else {
                        yi / q
                    }
                }
                _ => 0.0,
            };
            (e, pv, tq)
        };
        sse += e * e;
        if EM {
            let af = f.abs();
            let af = if af > 0.0 { af } else { 1e-8 };
            if (1e-100..1e100).contains(&af) {
                prod *= af;
                if !(1e-200..1e200).contains(&prod) {
                    logsum += prod.ln();
                    prod = 1.0;
                }
            } else {
                logsum += af.ln();
            }
        }
        if RECORD {
            fit[i] = f;
        }
        let ln = if TR {
            a1 * l + (a1phi * b + alpha * pv)
        } else {
            a1 * l + alpha * pv
        };
        if TR {
            b = b1phi * b + beta * (pv - l);
        }
        if S > 0 {
            st.ring[idx] = s_old + gamma * (tq - s_old);
            idx += 1;
            if idx == m {
                idx = 0;
            }
        }
        l = ln;
    }
    st.l = l;
    st.b = b;
    let n = y.len() as f64;
    let mut lik = if sse > 0.0 {
        n * sse.ln()
    } else {
        n * (sse + 1e-8).ln()
    };
    if EM {
        lik += 2.0 * (logsum + prod.ln());
    }
    lik
}

/// Point forecasts for `h` steps from the final state (`s[0]` = most recent season), exactly as
/// statsforecast's `ets::Forecast` computes them.
pub(crate) fn point_forecast(
    spec: EtsSpec,
    l: f64,
    b: f64,
    s: &[f64],
    phi: f64,
    h: usize,
) -> Vec<f64> {
    let m = s.len().max(1);
    let mut out = Vec::with_capacity(h);
    let mut phistar = phi;
    let mut phipow = phi;
    for i in 0..h {
        let mut f = if spec.has_trend() { l + phistar * b } else { l };
        if spec.has_season() {
            let j = (m - 1) - (i % m);
            match spec.season {
                SeasonType::Additive => f += s[j],
                SeasonType::Multiplicative => f *= s[j],
                SeasonType::None => {}
            }
        }
        out.push(f);
        // statsforecast/R `etsforecast`: the damping sum grows by phi^(i+1) after step i, so
        // step k uses phi + Σ_{j<k} phi^j (matches their published forecasts).
        phistar += phipow;
        phipow *= phi;
    }
    out
}

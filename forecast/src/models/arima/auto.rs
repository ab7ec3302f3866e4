//! Automatic order selection (Hyndman & Khandakar 2008) as R's `forecast::auto.arima` and
//! statsforecast's `AutoARIMA`: KPSS for d, seasonal strength for D, stepwise search by AICc.

use serde::{Deserialize, Serialize};

use super::fit::{ArimaModel, Cand, Data, Ic, Method, Trend, fit_cand};
use super::kalman::Workspace;
use super::params::Layout;
use super::unitroot::{diff, is_constant, ndiffs, nsdiffs};
use crate::error::{Error, Result};
use flowcast_core::{ErrorCode, ValidationError};

/// Settings of the automatic ARIMA search; `AutoArima::new(m)` gives auto.arima's defaults.
///
/// ```
/// use flowcast_forecast::models::arima::AutoArima;
/// let y: Vec<f64> = (0..48)
///     .map(|t| 100.0 + t as f64 + 10.0 * [1.0, -1.0, 0.5, -0.5][t % 4] + ((t * 7 % 5) as f64))
///     .collect();
/// let model = AutoArima::new(4).fit(&y).unwrap();
/// let fc = model.forecast(8, &[0.8, 0.95]).unwrap();
/// assert_eq!(fc.mean.len(), 8);
/// assert!(fc.mean.iter().all(|v| v.is_finite()));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AutoArima {
    /// Season length (1 = non-seasonal).
    pub m: usize,
    /// Fixed d (None: KPSS test).
    pub d: Option<usize>,
    /// Fixed D (None: seasonal-strength test).
    pub seasonal_d: Option<usize>,
    /// Largest p, q, P, Q.
    pub max_p: usize,
    /// Largest q.
    pub max_q: usize,
    /// Largest P.
    pub max_sp: usize,
    /// Largest Q.
    pub max_sq: usize,
    /// Largest d and D the tests may choose.
    pub max_d: usize,
    /// Largest D.
    pub max_sd: usize,
    /// Starting p, q, P, Q of the stepwise search.
    pub start_p: usize,
    /// Starting q.
    pub start_q: usize,
    /// Starting P.
    pub start_sp: usize,
    /// Starting Q.
    pub start_sq: usize,
    /// Only stationary models (d = D = 0).
    pub stationary: bool,
    /// Consider seasonal models.
    pub seasonal: bool,
    /// Ranking criterion.
    pub ic: Ic,
    /// Maximum number of models the stepwise search fits.
    pub nmodels: usize,
    /// Rank with CSS then refit by ML (`None`: when n > 150 or m > 12, as R's auto.arima;
    /// default `Some(false)`, as statsforecast's `AutoARIMA`, which is the more accurate).
    pub approximation: Option<bool>,
    /// Allow a drift term when d + D = 1.
    pub allow_drift: bool,
    /// Allow a mean when d + D = 0.
    pub allow_mean: bool,
    /// Run the ML optimisation for differenced models of seasonal series too. On seasonal
    /// data (m > 1) statsforecast 2.1.1 does not move from the CSS estimates of differenced
    /// candidates (its diffuse prior, kappa = 1e6, flattens the numerical gradient), so with
    /// `false` (default) they keep their CSS coefficients and are ranked by the exact
    /// likelihood at those values, as statsforecast does, and faster. Non-seasonal series
    /// (m = 1) are always optimised: there statsforecast's optimiser does move, and matching it
    /// brings tourism yearly's MASE from 1.15 % above statsforecast's to 0.5 %.
    pub ml_when_differenced: bool,
}

impl AutoArima {
    /// auto.arima's defaults for season length `m`.
    pub fn new(m: usize) -> Self {
        Self {
            m,
            d: None,
            seasonal_d: None,
            max_p: 5,
            max_q: 5,
            max_sp: 2,
            max_sq: 2,
            max_d: 2,
            max_sd: 1,
            start_p: 2,
            start_q: 2,
            start_sp: 1,
            start_sq: 1,
            stationary: false,
            seasonal: true,
            ic: Ic::Aicc,
            nmodels: 94,
            approximation: Some(false),
            allow_drift: true,
            allow_mean: true,
            ml_when_differenced: false,
        }
    }

    /// Selects and fits the model for `y`.
    ///
    /// # Errors
    /// [`Error::Invalid`] for an empty series, a non-finite value (naming its index) or `m = 0`;
    /// [`Error::NotFitted`] when no candidate model can be estimated.
    pub fn fit(&self, y: &[f64]) -> Result<ArimaModel> {
        crate::series::finite(y)?;
        if self.m == 0 {
            return Err(
                ValidationError::new(ErrorCode::OutOfRange, "m", 0, "must be at least 1").into(),
            );
        }
        let n = y.len();
        let m = if self.seasonal { self.m } else { 1 };
        if is_constant(y) {
            return Ok(ArimaModel::constant_series(y, m));
        }
        let approximation = self.approximation.unwrap_or(n > 150 || self.m > 12);
        let mut max_p = self.max_p.min(n / 3);
        let mut max_q = self.max_q.min(n / 3);
        let mut max_sp = self.max_sp.min(n / 3 / m);
        let mut max_sq = self.max_sq.min(n / 3 / m);
        let ic = if n <= 3 { Ic::Aic } else { self.ic };
        let (mut d, mut sd) = (self.d, self.seasonal_d);
        if self.stationary {
            d = Some(0);
            sd = Some(0);
        }
        let sd = if m == 1 {
            max_sp = 0;
            max_sq = 0;
            0
        } else if let Some(v) = sd {
            v
        } else if n <= 2 * m {
            0
        } else {
            nsdiffs(y, m, self.max_sd)
        };
        let dx = if sd > 0 { diff(y, m, sd) } else { y.to_vec() };
        let mut d = match d {
            Some(v) => v,
            None => ndiffs(&dx, self.max_d),
        };
        if d > 0 && dx.len() <= d {
            d -= 1;
        }
        let ddx = diff(&dx, 1, d);
        let not_fitted = |r: &str| Error::NotFitted {
            model: "AutoARIMA",
            reason: r.to_string(),
        };
        if ddx.is_empty() {
            return Err(not_fitted("not enough data after differencing"));
        }
        let mut ws = Workspace::default();
        let data = Data::new(y, d, sd, m);
        if is_constant(&ddx) {
            // the data follow a polynomial: a pure differencing model, with drift when d+D = 1
            let mean = ddx.iter().sum::<f64>() / ddx.len() as f64;
            let (trend, fixed) = if d + sd == 1 {
                (Trend::Drift, vec![mean / data.c])
            } else if d + sd == 0 {
                (Trend::Mean, vec![mean])
            } else {
                (Trend::None, vec![])
            };
            let lay = Layout {
                p: 0,
                q: 0,
                sp: 0,
                sq: 0,
                m,
            };
            let c = fit_cand(
                &data,
                lay,
                trend,
                Method::Ml,
                Some(&fixed),
                &mut ws,
                false,
                self.ml_when_differenced || self.m == 1,
            )
            .ok_or_else(|| not_fitted("the differenced series is constant"))?;
            return ArimaModel::from_cand(&data, &c, &mut ws);
        }
        if m > 1 {
            if max_p > 0 {
                max_p = max_p.min(m - 1);
            }
            if max_q > 0 {
                max_q = max_q.min(m - 1);
            }
        }
        let allow_drift = self.allow_drift && d + sd == 1;
        let allow_mean = self.allow_mean && d + sd == 0;
        let mut constant = allow_drift || allow_mean;
        let trend_of = |c: bool| {
            if !c {
                Trend::None
            } else if d + sd == 0 {
                Trend::Mean
            } else {
                Trend::Drift
            }
        };
        let method = if approximation {
            Method::Css
        } else {
            Method::CssMl
        };
        let (mut start_p, mut start_q, mut start_sp, mut start_sq) =
            (self.start_p, self.start_q, self.start_sp, self.start_sq);
        if n < 10 {
            start_p = start_p.min(1);
            start_q = start_q.min(1);
            start_sp = 0;
            start_sq = 0;
        }
        let mut p = start_p.min(max_p);
        let mut q = start_q.min(max_q);
        let mut sp = start_sp.min(max_sp);
        let mut sq = start_sq.min(max_sq);

        struct Row {
            o: [usize; 4],
            c: bool,
            ic: f64,
        }
        let mut results: Vec<Row> = Vec::with_capacity(self.nmodels);
        let mut best: Option<Cand> = None;
        let mut best_ic = f64::INFINITY;
        let mut try_fit =
            |o: [usize; 4], c: bool, results: &mut Vec<Row>, ws: &mut Workspace| -> bool {
                let lay = Layout {
                    p: o[0],
                    q: o[1],
                    sp: o[2],
                    sq: o[3],
                    m,
                };
                let cand = fit_cand(
                    &data,
                    lay,
                    trend_of(c),
                    method,
                    None,
                    ws,
                    true,
                    self.ml_when_differenced || self.m == 1,
                );
                let v = cand.as_ref().map_or(f64::INFINITY, |c| c.ic(ic));
                let v = if v.is_nan() { f64::INFINITY } else { v };
                results.push(Row { o, c, ic: v });
                if v < best_ic {
                    best_ic = v;
                    best = cand;
                    true
                } else {
                    false
                }
            };
        let seen = |o: [usize; 4], c: bool, results: &Vec<Row>| {
            results.iter().any(|r| r.o == o && r.c == c)
        };

        try_fit([p, q, sp, sq], constant, &mut results, &mut ws);
        if try_fit([0, 0, 0, 0], constant, &mut results, &mut ws) {
            p = 0;
            q = 0;
            sp = 0;
            sq = 0;
        }
        if max_p > 0 || max_sp > 0 {
            let p_ = usize::from(max_p > 0);
            let sp_ = usize::from(m > 1 && max_sp > 0);
            if try_fit([p_, 0, sp_, 0], constant, &mut results, &mut ws) {
                p = p_;
                sp = sp_;
                q = 0;
                sq = 0;
            }
        }
        if max_q > 0 || max_sq > 0 {
            let q_ = usize::from(max_q > 0);
            let sq_ = usize::from(m > 1 && max_sq > 0);
            if try_fit([0, q_, 0, sq_], constant, &mut results, &mut ws) {
                p = 0;
                sp = 0;
                q = q_;
                sq = sq_;
            }
        }
        if constant && try_fit([0, 0, 0, 0], false, &mut results, &mut ws) {
            p = 0;
            q = 0;
            sp = 0;
            sq = 0;
            // statsforecast keeps `constant` unchanged here
        }
        let mut startk = 0;
        while startk < results.len() && results.len() < self.nmodels {
            startk = results.len();
            // neighbours in auto.arima's order: (ΔP, ΔQ) then (Δp, Δq), then the constant
            let seasonal_moves: [(i32, i32); 8] = [
                (-1, 0),
                (0, -1),
                (1, 0),
                (0, 1),
                (-1, -1),
                (-1, 1),
                (1, -1),
                (1, 1),
            ];
            let mut moved = false;
            for &(dp, dq) in &seasonal_moves {
                let (np_, nq_) = (sp as i32 + dp, sq as i32 + dq);
                if np_ < 0 || nq_ < 0 || np_ > max_sp as i32 || nq_ > max_sq as i32 {
                    continue;
                }
                let o = [p, q, np_ as usize, nq_ as usize];
                if results.len() >= self.nmodels || seen(o, constant, &results) {
                    continue;
                }
                if try_fit(o, constant, &mut results, &mut ws) {
                    sp = o[2];
                    sq = o[3];
                    moved = true;
                    break;
                }
            }
            if moved {
                continue;
            }
            for &(dp, dq) in &seasonal_moves {
                let (np_, nq_) = (p as i32 + dp, q as i32 + dq);
                if np_ < 0 || nq_ < 0 || np_ > max_p as i32 || nq_ > max_q as i32 {
                    continue;
                }
                let o = [np_ as usize, nq_ as usize, sp, sq];
                if results.len() >= self.nmodels || seen(o, constant, &results) {
                    continue;
                }
                if try_fit(o, constant, &mut results, &mut ws) {
                    p = o[0];
                    q = o[1];
                    moved = true;
                    break;
                }
            }
            if moved {
                continue;
            }
            let o = [p, q, sp, sq];
            if (allow_drift || allow_mean)
                && results.len() < self.nmodels
                && !seen(o, !constant, &results)
                && try_fit(o, !constant, &mut results, &mut ws)
            {
                constant = !constant;
            }
        }

        if approximation && best.is_some() {
            // refit the candidates by ML in order of their CSS criterion; keep the first that fits
            let mut order: Vec<usize> = (0..results.len()).collect();
            order.sort_by(|&a, &b| results[a].ic.total_cmp(&results[b].ic));
            best = None;
            for i in order {
                let r = &results[i];
                let lay = Layout {
                    p: r.o[0],
                    q: r.o[1],
                    sp: r.o[2],
                    sq: r.o[3],
                    m,
                };
                if let Some(c) = fit_cand(
                    &data,
                    lay,
                    trend_of(r.c),
                    Method::CssMl,
                    None,
                    &mut ws,
                    true,
                    self.ml_when_differenced || self.m == 1,
                ) {
                    if c.ic(ic).is_finite() {
                        best = Some(c);
                        break;
                    }
                }
            }
        }
        let best = best.ok_or_else(|| not_fitted("no suitable ARIMA model found"))?;
        ArimaModel::from_cand(&data, &best, &mut ws)
    }
}

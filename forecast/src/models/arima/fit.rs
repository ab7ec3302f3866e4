//! Estimation of one ARIMA(p,d,q)(P,D,Q)m model (R's `arima` as ported by statsforecast) and
//! the fitted model's forecasts.

use flowcast_core::{ErrorCode, ValidationError, normal};
use serde::{Deserialize, Serialize};

use super::kalman::{self, Workspace};
use super::optim::bfgs;
use super::params::{self, Layout};
use super::unitroot::diff;
use crate::error::{Error, Result};
use crate::forecast::{Band, Forecast};

const MODEL: &str = "ARIMA";
const BIG: f64 = 1e300;
const LN_2PI: f64 = 1.837_877_066_409_345_5;

/// Estimation method, as R's `arima(method = ...)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Method {
    /// Conditional sum of squares.
    Css,
    /// Exact Gaussian likelihood (Kalman filter), started from zero.
    Ml,
    /// Exact likelihood started from the CSS estimate (R's and statsforecast's default).
    #[default]
    CssMl,
}

/// Deterministic term of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Trend {
    /// None.
    #[default]
    None,
    /// A constant mean (only without differencing).
    Mean,
    /// A linear drift in the levels (only with exactly one difference, regular or seasonal).
    Drift,
}

/// Series with its differenced version cached for repeated fits with the same (d, D).
#[derive(Debug)]
pub(crate) struct Data<'a> {
    pub y: &'a [f64],
    pub d: usize,
    pub sd: usize,
    pub m: usize,
    pub dy: Vec<f64>,
    /// The drift column after differencing (1 or m).
    pub c: f64,
}

impl<'a> Data<'a> {
    pub(crate) fn new(y: &'a [f64], d: usize, sd: usize, m: usize) -> Self {
        let mut dy = diff(y, 1, d);
        if sd > 0 {
            dy = diff(&dy, m, sd);
        }
        let c = if sd == 1 && d == 0 { m as f64 } else { 1.0 };
        Self { y, d, sd, m, dy, c }
    }
    fn nd(&self) -> usize {
        self.d + self.sd * self.m
    }
}

/// An estimated candidate: coefficients and information criteria.
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    pub lay: Layout,
    pub trend: Trend,
    pub method: Method,
    /// ar, ma, sar, sma, then the trend coefficient.
    pub coef: Vec<f64>,
    pub fun: f64,
    pub aic: f64,
    pub aicc: f64,
    pub bic: f64,
    pub npar: usize,
}

impl Cand {
    pub(crate) fn ic(&self, ic: Ic) -> f64 {
        match ic {
            Ic::Aic => self.aic,
            Ic::Aicc => self.aicc,
            Ic::Bic => self.bic,
        }
    }
}

/// Information criterion used to rank models.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Ic {
    /// Akaike.
    Aic,
    /// Akaike, small-sample corrected (auto.arima's default).
    #[default]
    Aicc,
    /// Schwarz.
    Bic,
}

fn adjust(data: &Data, trend: Trend, beta: f64, w: &mut Vec<f64>) {
    w.clear();
    match trend {
        Trend::None => w.extend_from_slice(&data.dy),
        Trend::Mean => w.extend(data.y.iter().map(|v| v - beta)),
        Trend::Drift => w.extend(data.dy.iter().map(|v| v - beta * data.c)),
    }
}

fn css_obj(data: &Data, lay: &Layout, trend: Trend, par: &[f64], ws: &mut Workspace) -> f64 {
    let narma = lay.narma();
    params::expand(lay, &par[..narma], false, &mut ws.phi, &mut ws.theta);
    let beta = if trend == Trend::None {
        0.0
    } else {
        par[narma]
    };
    adjust(data, trend, beta, &mut ws.w);
    match kalman::css(&ws.w, &ws.phi, &ws.theta, &mut ws.resid) {
        Some(s) if s > 0.0 && s.is_finite() => 0.5 * s.ln(),
        _ => BIG,
    }
}

fn ml_obj(
    data: &Data,
    lay: &Layout,
    trend: Trend,
    par: &[f64],
    trans: bool,
    ws: &mut Workspace,
) -> f64 {
    let narma = lay.narma();
    if par.iter().any(|v| !v.is_finite()) {
        return BIG;
    }
    params::expand(lay, &par[..narma], trans, &mut ws.phi, &mut ws.theta);
    let beta = if trend == Trend::None {
        0.0
    } else {
        par[narma]
    };
    adjust(data, trend, beta, &mut ws.w);
    match kalman::arma_like(ws, false) {
        Some(l) if l.nu > 0 => {
            let s2 = l.ssq / l.nu as f64;
            let v = 0.5 * (s2.ln() + l.sumlog / l.nu as f64);
            if s2 > 0.0 && v.is_finite() { v } else { BIG }
        }
        _ => BIG,
    }
}

/// Fits one candidate (statsforecast's `myarima`): `None` when it cannot be estimated or is
/// rejected (roots within 1.01 of the unit circle), i.e. an infinite criterion.
#[allow(clippy::too_many_arguments)]
pub(crate) fn fit_cand(
    data: &Data,
    lay: Layout,
    trend: Trend,
    method: Method,
    fixed: Option<&[f64]>,
    ws: &mut Workspace,
    strict: bool,
    ml_when_differenced: bool,
) -> Option<Cand> {
    let narma = lay.narma();
    let k = narma + usize::from(trend != Trend::None);
    let n_used = data.dy.len();
    if n_used == 0 || n_used <= lay.np() && method == Method::Css {
        return None;
    }
    let mut init = vec![0.0; k];
    if trend != Trend::None {
        init[narma] = match trend {
            Trend::Mean => data.y.iter().sum::<f64>() / data.y.len() as f64,
            _ => data.dy.iter().sum::<f64>() / n_used as f64 / data.c,
        };
    }
    let nu = n_used as f64;
    let nfree = if fixed.is_some() { 0 } else { k };
    let (coef, fun, aic) = if let Some(fx) = fixed {
        let f = ml_obj(data, &lay, trend, fx, false, ws);
        (
            fx.to_vec(),
            f,
            2.0 * nu * f + nu * (1.0 + LN_2PI) + 2.0 * (nfree as f64 + 1.0),
        )
    } else if method == Method::Css {
        let r = bfgs(|x| css_obj(data, &lay, trend, x, ws), &init, 100);
        let s2 = (2.0 * r.f).exp();
        if r.f >= BIG || !(s2 > 0.0) {
            return None;
        }
        // CSS information criterion: offset + n* ln σ² + 2 npar (the offset is the same for
        // every candidate with the same differencing; this one makes it a conditional AIC)
        (
            r.x,
            r.f,
            nu * (s2.ln() + 1.0 + LN_2PI) + 2.0 * (k as f64 + 1.0),
        )
    } else {
        let mut start = init.clone();
        if method == Method::CssMl && k > 0 {
            let r = bfgs(|x| css_obj(data, &lay, trend, x, ws), &init, 100);
            if r.converged && r.f < BIG {
                start = r.x;
            }
        }
        if !params::redo(&lay, &mut start, strict) {
            return None;
        }
        let r = if data.nd() > 0 && !ml_when_differenced {
            let f = ml_obj(data, &lay, trend, &start, true, ws);
            super::optim::Minimum {
                x: start,
                f,
                converged: true,
            }
        } else {
            bfgs(|x| ml_obj(data, &lay, trend, x, true, ws), &start, 100)
        };
        if r.f >= BIG || !r.f.is_finite() {
            return None;
        }
        let coef = params::undo(&lay, &r.x);
        (
            coef,
            r.f,
            2.0 * nu * r.f + nu * (1.0 + LN_2PI) + 2.0 * (k as f64 + 1.0),
        )
    };
    if !aic.is_finite() {
        return None;
    }
    let npar = nfree + 1;
    let nstar = nu;
    let np = npar as f64;
    let bic = aic + np * (nstar.ln() - 2.0);
    let den = nstar - np - 1.0;
    let aicc = if den != 0.0 {
        aic + 2.0 * np * (np + 1.0) / den
    } else {
        f64::INFINITY
    };
    params::expand(&lay, &coef[..narma], false, &mut ws.phi, &mut ws.theta);
    // statsforecast checks roots only for polynomials of degree ≥ 2: an AR(1) or MA(1) part
    // passes whatever its coefficient (its non-stationary AR(1) fits fail earlier)
    let radius = if strict { 1.01 } else { 1.0 };
    let min_len = if strict { 2 } else { 1 };
    if lay.p + lay.sp > 0
        && params::trimmed_len(&ws.phi) >= min_len
        && !params::roots_outside(&ws.phi, radius)
    {
        return None;
    }
    if strict && lay.q + lay.sq > 0 && params::trimmed_len(&ws.theta) >= 2 {
        let neg: Vec<f64> = ws.theta.iter().map(|v| -v).collect();
        if !params::roots_outside(&neg, radius) {
            return None;
        }
    }
    Some(Cand {
        lay,
        trend,
        method,
        coef,
        fun,
        aic,
        aicc,
        bic,
        npar,
    })
}

/// A fitted seasonal ARIMA model: coefficients, criteria, filtered state for forecasting and
/// one-step in-sample fits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArimaModel {
    order: [usize; 3],
    seasonal: [usize; 3],
    m: usize,
    trend: Trend,
    method: Method,
    ar: Vec<f64>,
    ma: Vec<f64>,
    sar: Vec<f64>,
    sma: Vec<f64>,
    trend_coef: f64,
    sigma2: f64,
    loglik: f64,
    aic: f64,
    aicc: f64,
    bic: f64,
    nobs: usize,
    phi: Vec<f64>,
    theta: Vec<f64>,
    delta: Vec<f64>,
    state: Vec<f64>,
    cov: Vec<f64>,
    #[serde(with = "nan_as_null")]
    fitted: Vec<f64>,
    #[serde(with = "nan_as_null")]
    residuals: Vec<f64>,
    constant: Option<f64>,
}

/// Serializes NaN entries as `null` so text formats without NaN (JSON) round-trip.
mod nan_as_null {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(super) fn serialize<S: Serializer>(v: &[f64], s: S) -> Result<S::Ok, S::Error> {
        let o: Vec<Option<f64>> = v
            .iter()
            .map(|x| if x.is_nan() { None } else { Some(*x) })
            .collect();
        o.serialize(s)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<f64>, D::Error> {
        let o: Vec<Option<f64>> = Vec::deserialize(d)?;
        Ok(o.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect())
    }
}

fn delta_poly(d: usize, sd: usize, m: usize) -> Vec<f64> {
    let mut poly = vec![1.0];
    let mut mul = |lag: usize| {
        let mut out = vec![0.0; poly.len() + lag];
        for (i, &c) in poly.iter().enumerate() {
            out[i] += c;
            out[i + lag] -= c;
        }
        poly = out;
    };
    for _ in 0..d {
        mul(1);
    }
    for _ in 0..sd {
        mul(m);
    }
    poly[1..].iter().map(|v| -v).collect()
}

impl ArimaModel {
    /// Builds the fitted model from an accepted candidate: final filter pass, residuals,
    /// σ² (as statsforecast: Σ resid² / (n* − npar + 1)), state for forecasting.
    pub(crate) fn from_cand(data: &Data, c: &Cand, ws: &mut Workspace) -> Result<Self> {
        let lay = c.lay;
        let narma = lay.narma();
        let beta = if c.trend == Trend::None {
            0.0
        } else {
            c.coef[narma]
        };
        params::expand(&lay, &c.coef[..narma], false, &mut ws.phi, &mut ws.theta);
        adjust(data, c.trend, beta, &mut ws.w);
        let not_fitted = |reason: &str| Error::NotFitted {
            model: MODEL,
            reason: reason.to_string(),
        };
        let like = kalman::arma_like(ws, true)
            .ok_or_else(|| not_fitted("the AR part is not stationary"))?;
        let mut resid = ws.resid.clone();
        if c.method == Method::Css {
            let mut r = Vec::new();
            kalman::css(&ws.w, &ws.phi, &ws.theta, &mut r);
            resid = r;
        }
        let n = data.y.len();
        let nd = data.nd();
        let nstar = data.dy.len() as f64;
        let ssq: f64 = resid.iter().map(|v| v * v).sum();
        let den = (nstar - c.npar as f64 + 1.0).max(1.0);
        let sigma2 = ssq / den;
        let _ = like;
        let mut fitted = vec![f64::NAN; n];
        let mut residuals = vec![f64::NAN; n];
        for (j, r) in resid.iter().enumerate() {
            fitted[nd + j] = data.y[nd + j] - r;
            residuals[nd + j] = *r;
        }
        let delta = delta_poly(data.d, data.sd, data.m);
        let r = ws.phi.len().max(ws.theta.len() + 1);
        let rd = r + delta.len();
        let mut state = vec![0.0; rd];
        state[..r].copy_from_slice(&ws.a);
        let adj = |t: usize| match c.trend {
            Trend::Mean => data.y[t] - beta,
            Trend::Drift => data.y[t] - beta * (t + 1) as f64,
            Trend::None => data.y[t],
        };
        for i in 0..delta.len() {
            state[r + i] = adj(n - 2 - i);
        }
        let mut cov = vec![0.0; rd * rd];
        for i in 0..r {
            for j in 0..r {
                cov[i * rd + j] = ws.pm[i * r + j];
            }
        }
        let nu = data.dy.len() as f64;
        let loglik = -0.5 * (2.0 * nu * c.fun + nu * (1.0 + LN_2PI));
        let (p, q, sp) = (lay.p, lay.q, lay.sp);
        Ok(Self {
            order: [lay.p, data.d, lay.q],
            seasonal: [lay.sp, data.sd, lay.sq],
            m: data.m,
            trend: c.trend,
            method: c.method,
            ar: c.coef[..p].to_vec(),
            ma: c.coef[p..p + q].to_vec(),
            sar: c.coef[p + q..p + q + sp].to_vec(),
            sma: c.coef[p + q + sp..narma].to_vec(),
            trend_coef: beta,
            sigma2,
            loglik,
            aic: c.aic,
            aicc: c.aicc,
            bic: c.bic,
            nobs: n,
            phi: ws.phi.clone(),
            theta: ws.theta.clone(),
            delta,
            state,
            cov,
            fitted,
            residuals,
            constant: None,
        })
    }

    /// The mean model of a constant series: forecasts repeat the value with zero width.
    pub(crate) fn constant_series(y: &[f64], m: usize) -> Self {
        let v = y[0];
        Self {
            order: [0, 0, 0],
            seasonal: [0, 0, 0],
            m,
            trend: Trend::Mean,
            method: Method::CssMl,
            ar: vec![],
            ma: vec![],
            sar: vec![],
            sma: vec![],
            trend_coef: v,
            sigma2: 0.0,
            loglik: f64::NAN,
            aic: f64::NAN,
            aicc: f64::NAN,
            bic: f64::NAN,
            nobs: y.len(),
            phi: vec![],
            theta: vec![],
            delta: vec![],
            state: vec![0.0],
            cov: vec![0.0],
            fitted: y.to_vec(),
            residuals: vec![0.0; y.len()],
            constant: Some(v),
        }
    }

    /// The same model (orders, coefficients, trend term) applied to `y`, usually the fitted
    /// history extended by new observations: the Kalman filter runs again with the
    /// coefficients fixed, so the state, fits, residuals, σ² and likelihood follow `y` while
    /// nothing is re-estimated (statsforecast's `forward`).
    ///
    /// ```
    /// use flowcast_forecast::models::arima::{ArimaSpec, Trend};
    /// let y: Vec<f64> = (0..60).map(|t| (t as f64 * 0.7).sin() * 3.0 + 0.2 * t as f64).collect();
    /// let fit = ArimaSpec::new(1, 1, 1).trend(Trend::Drift).fit(&y[..48])?;
    /// let moved = fit.forward(&y)?;
    /// assert_eq!((moved.ar(), moved.ma()), (fit.ar(), fit.ma()));
    /// assert_eq!(moved.fitted().len(), 60);
    /// # Ok::<(), flowcast_forecast::Error>(())
    /// ```
    ///
    /// # Errors
    /// A non-finite series, one not longer than the differencing and AR lags, or one the fixed
    /// coefficients cannot filter (a zero-variance fit).
    pub fn forward(&self, y: &[f64]) -> Result<Self> {
        crate::series::finite(y)?;
        let [p, d, q] = self.order;
        let [sp, sd, sq] = self.seasonal;
        let m = self.m;
        let needed = d + sd * m + p + sp * m;
        if y.len() <= needed {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "y",
                format!("{} values", y.len()),
                format!("must hold more than d + D·m + p + P·m = {needed} values"),
            )
            .into());
        }
        if self.constant.is_some() && super::unitroot::is_constant(y) {
            return Ok(Self::constant_series(y, m));
        }
        let data = Data::new(y, d, sd, m);
        let lay = Layout { p, q, sp, sq, m };
        let mut coef: Vec<f64> = [&self.ar, &self.ma, &self.sar, &self.sma]
            .into_iter()
            .flatten()
            .copied()
            .collect();
        if self.trend != Trend::None {
            coef.push(self.trend_coef);
        }
        let mut ws = Workspace::default();
        let cand = fit_cand(
            &data,
            lay,
            self.trend,
            self.method,
            Some(&coef),
            &mut ws,
            false,
            true,
        )
        .ok_or_else(|| Error::NotFitted {
            model: MODEL,
            reason: "the fixed coefficients give no finite likelihood on this series".into(),
        })?;
        Self::from_cand(&data, &cand, &mut ws)
    }

    /// Forecasts `h` steps with central prediction bands at each probability in `levels`.
    ///
    /// # Errors
    /// [`Error::Invalid`] when `h` is 0 or a level is not strictly between 0 and 1.
    pub fn forecast(&self, h: usize, levels: &[f64]) -> Result<Forecast> {
        crate::series::horizon(h)?;
        crate::series::levels(levels)?;
        let (mean, var) = if let Some(v) = self.constant {
            (vec![v; h], vec![0.0; h])
        } else {
            let (mut mean, var) = kalman::forecast(
                &self.phi,
                &self.theta,
                &self.delta,
                &self.state,
                &self.cov,
                h,
            );
            for (i, f) in mean.iter_mut().enumerate() {
                *f += match self.trend {
                    Trend::None => 0.0,
                    Trend::Mean => self.trend_coef,
                    Trend::Drift => self.trend_coef * (self.nobs + i + 1) as f64,
                };
            }
            (mean, var)
        };
        let intervals = levels
            .iter()
            .map(|&l| {
                let z = normal::quantile(0.5 + l / 2.0);
                let se: Vec<f64> = var.iter().map(|v| (v * self.sigma2).sqrt()).collect();
                Band {
                    level: l,
                    lo: mean.iter().zip(&se).map(|(m, s)| m - z * s).collect(),
                    hi: mean.iter().zip(&se).map(|(m, s)| m + z * s).collect(),
                }
            })
            .collect();
        Ok(Forecast { mean, intervals })
    }

    /// One-step in-sample fits (NaN for the first d + D·m values, which the differencing uses).
    pub fn fitted(&self) -> &[f64] {
        &self.fitted
    }
    /// Standardized one-step innovations (NaN where `fitted` is NaN).
    pub fn residuals(&self) -> &[f64] {
        &self.residuals
    }
    /// (p, d, q).
    pub fn order(&self) -> [usize; 3] {
        self.order
    }
    /// (P, D, Q).
    pub fn seasonal_order(&self) -> [usize; 3] {
        self.seasonal
    }
    /// Season length.
    pub fn season_length(&self) -> usize {
        self.m
    }
    /// Deterministic term.
    pub fn trend(&self) -> Trend {
        self.trend
    }
    /// Mean or drift coefficient (0 without a trend term).
    pub fn trend_coef(&self) -> f64 {
        self.trend_coef
    }
    /// AR coefficients φ₁..φp.
    pub fn ar(&self) -> &[f64] {
        &self.ar
    }
    /// MA coefficients θ₁..θq.
    pub fn ma(&self) -> &[f64] {
        &self.ma
    }
    /// Seasonal AR coefficients.
    pub fn sar(&self) -> &[f64] {
        &self.sar
    }
    /// Seasonal MA coefficients.
    pub fn sma(&self) -> &[f64] {
        &self.sma
    }
    /// Innovation variance.
    pub fn sigma2(&self) -> f64 {
        self.sigma2
    }
    /// Gaussian log-likelihood (conditional for [`Method::Css`]).
    pub fn loglik(&self) -> f64 {
        self.loglik
    }
    /// AIC.
    pub fn aic(&self) -> f64 {
        self.aic
    }
    /// AICc.
    pub fn aicc(&self) -> f64 {
        self.aicc
    }
    /// BIC.
    pub fn bic(&self) -> f64 {
        self.bic
    }
    /// Estimation method used.
    pub fn method(&self) -> Method {
        self.method
    }
}

/// Specification of an ARIMA(p,d,q)(P,D,Q)m model to fit.
///
/// ```
/// use flowcast_forecast::models::arima::{ArimaSpec, Trend};
/// let y: Vec<f64> = (0..60).map(|t| 10.0 + (t as f64 * 0.7).sin() + 0.1 * t as f64).collect();
/// let model = ArimaSpec::new(1, 1, 1).trend(Trend::Drift).fit(&y).unwrap();
/// let fc = model.forecast(6, &[0.95]).unwrap();
/// assert_eq!(fc.mean.len(), 6);
/// assert!(fc.intervals[0].lo[5] < fc.mean[5]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArimaSpec {
    /// (p, d, q).
    pub order: [usize; 3],
    /// (P, D, Q).
    pub seasonal: [usize; 3],
    /// Season length (1 = non-seasonal).
    pub m: usize,
    /// Mean or drift term; ignored (as R's `include.constant`) when it does not apply.
    pub trend: Trend,
    /// Estimation method.
    pub method: Method,
}

impl ArimaSpec {
    /// Non-seasonal ARIMA(p, d, q) without trend term, estimated by CSS-ML.
    pub fn new(p: usize, d: usize, q: usize) -> Self {
        Self {
            order: [p, d, q],
            seasonal: [0, 0, 0],
            m: 1,
            trend: Trend::None,
            method: Method::CssMl,
        }
    }
    /// Adds a seasonal part (P, D, Q) with season length `m`.
    #[must_use]
    pub fn seasonal(mut self, sp: usize, sd: usize, sq: usize, m: usize) -> Self {
        self.seasonal = [sp, sd, sq];
        self.m = m;
        self
    }
    /// Sets the trend term.
    #[must_use]
    pub fn trend(mut self, trend: Trend) -> Self {
        self.trend = trend;
        self
    }
    /// Sets the estimation method.
    #[must_use]
    pub fn method(mut self, method: Method) -> Self {
        self.method = method;
        self
    }

    /// Estimates the model on `y`.
    ///
    /// # Errors
    /// [`Error::Invalid`] for an empty series, a non-finite value (naming its index), a zero
    /// season length, orders above 20 or a series not longer than the differencing;
    /// [`Error::NotFitted`] when no admissible parameters are found.
    pub fn fit(&self, y: &[f64]) -> Result<ArimaModel> {
        crate::series::finite(y)?;
        let [p, d, q] = self.order;
        let [sp, sd, sq] = self.seasonal;
        let m = self.m;
        if m == 0 {
            return Err(
                ValidationError::new(ErrorCode::OutOfRange, "m", 0, "must be at least 1").into(),
            );
        }
        for (name, v) in [
            ("p", p),
            ("d", d),
            ("q", q),
            ("P", sp),
            ("D", sd),
            ("Q", sq),
        ] {
            if v > 20 {
                return Err(ValidationError::new(
                    ErrorCode::OutOfRange,
                    name,
                    v,
                    "must be at most 20",
                )
                .into());
            }
        }
        let (sp, sd, sq) = if m == 1 { (0, 0, 0) } else { (sp, sd, sq) };
        let nd = d + sd * m;
        if y.len() <= nd + p + sp * m {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "y",
                format!("{} values", y.len()),
                format!(
                    "must hold more than d + D·m + p + P·m = {} values",
                    nd + p + sp * m
                ),
            )
            .into());
        }
        let trend = match (self.trend, d + sd) {
            (Trend::Mean, 0) | (Trend::Drift, 0) => Trend::Mean,
            (Trend::Mean, 1) | (Trend::Drift, 1) => Trend::Drift,
            _ => Trend::None,
        };
        if super::unitroot::is_constant(y) {
            return Ok(ArimaModel::constant_series(y, m));
        }
        let data = Data::new(y, d, sd, m);
        let lay = Layout { p, q, sp, sq, m };
        let mut ws = Workspace::default();
        let cand = fit_unchecked(&data, lay, trend, self.method, &mut ws).ok_or_else(|| {
            Error::NotFitted {
                model: MODEL,
                reason: "no admissible (stationary, invertible) parameters were found".into(),
            }
        })?;
        ArimaModel::from_cand(&data, &cand, &mut ws)
    }
}

/// Like [`fit_cand`] but keeps models with roots near the unit circle and non-invertible MA
/// parts (R's `arima` rejects neither); used for user-specified fits.
fn fit_unchecked(
    data: &Data,
    lay: Layout,
    trend: Trend,
    method: Method,
    ws: &mut Workspace,
) -> Option<Cand> {
    fit_cand(data, lay, trend, method, None, ws, false, true).or_else(|| {
        // retry the plain likelihood when CSS gave a non-stationary start
        if method == Method::CssMl {
            fit_cand(data, lay, trend, Method::Ml, None, ws, false, true)
        } else {
            None
        }
    })
}

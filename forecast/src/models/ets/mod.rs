//! Exponential smoothing state-space models ETS(E,T,S) and automatic selection (AutoETS), as
//! R's `forecast::ets` and statsforecast's `AutoETS`.
//!
//! - [`Ets::fit`] estimates one model family (damped and undamped variants are compared when
//!   the spec has a trend only if you use [`AutoEts`]); [`AutoEts`] searches the admissible
//!   set by AICc.
//! - Estimation: maximum likelihood over smoothing parameters and initial states with a
//!   box-clamped Nelder–Mead, from statsforecast's heuristic starting values.
//! - Forecasts: point forecasts from the state recursions; analytic prediction intervals for
//!   all supported classes (Hyndman et al. 2008, ch. 6).

mod auto;
mod fit;
mod init;
mod intervals;
mod model;
mod nelder_mead;

pub use auto::AutoEts;
pub use fit::Bounds;
pub use model::{ErrorType, EtsSpec, SeasonType, TrendType};

use crate::error::Result;
use crate::forecast::{Band, Forecast};
use fit::{Candidate, Workspace};
use flowcast_core::{ErrorCode, ValidationError};
use model::Smoothing;
use serde::{Deserialize, Serialize};

/// Reusable buffers for fitting many series (see [`AutoEts::fit_with`]).
#[derive(Debug, Default)]
pub struct EtsWorkspace(Workspace);

impl EtsWorkspace {
    /// Likelihood evaluations performed with this workspace so far (a cost diagnostic).
    pub fn evaluations(&self) -> u64 {
        self.0.evals
    }
}

/// Estimated smoothing parameters (`None` where the model has no such component).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EtsParams {
    /// Level smoothing.
    pub alpha: f64,
    /// Trend smoothing.
    pub beta: Option<f64>,
    /// Season smoothing.
    pub gamma: Option<f64>,
    /// Damping.
    pub phi: Option<f64>,
}

/// A fitted ETS model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ets {
    spec: EtsSpec,
    season_length: usize,
    params: EtsParams,
    /// Initial state `[l, (b), s_0 .. s_{m-1}]`, `s_0` the most recent season.
    initial_state: Vec<f64>,
    level: f64,
    slope: f64,
    /// Final seasonal states, `seasonal[0]` the most recent.
    seasonal: Vec<f64>,
    fitted: Vec<f64>,
    residuals: Vec<f64>,
    sigma2: f64,
    lik: f64,
    n_params: usize,
    aic: f64,
    aicc: f64,
    bic: f64,
}

impl Ets {
    /// Fits one ETS model (`spec`, including its damping) by maximum likelihood.
    ///
    /// ```
    /// use flowcast_forecast::models::ets::{Ets, EtsSpec, ErrorType, TrendType, SeasonType};
    /// let y: Vec<f64> = (0..30).map(|t| 10.0 + 2.0 * t as f64).collect();
    /// let spec = EtsSpec::new(ErrorType::Additive, TrendType::Additive, false, SeasonType::None);
    /// let fit = Ets::fit(&y, 1, spec)?;
    /// let fc = fit.forecast(3, &[])?;
    /// assert!((fc.mean[0] - 70.0).abs() < 0.5 && (fc.mean[2] - 74.0).abs() < 1.0);
    /// # Ok::<(), flowcast_forecast::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`AutoEts::fit`]; also a multiplicative season with an additive error (unstable).
    pub fn fit(y: &[f64], season_length: usize, spec: EtsSpec) -> Result<Self> {
        let mut a = AutoEts::new(season_length).with_damped(Some(spec.damped));
        a.error = Some(spec.error);
        a.trend = Some(spec.trend);
        a.season = Some(spec.season);
        if spec.error == ErrorType::Additive && spec.season == SeasonType::Multiplicative {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "model",
                spec,
                "additive error with multiplicative season is a forbidden (unstable) combination",
            )
            .into());
        }
        a.fit(y)
    }

    /// The same model (form, smoothing parameters and initial state) run over `y`, usually
    /// the fitted history extended by new observations: states, fits, residuals, σ² and the
    /// criteria are recomputed, nothing is re-estimated (statsforecast's `forward`, used by
    /// cross-validation without refitting).
    ///
    /// ```
    /// use flowcast_forecast::models::ets::AutoEts;
    /// let y: Vec<f64> = (0..40).map(|t| 20.0 + (t % 4) as f64 + 0.5 * t as f64).collect();
    /// let fit = AutoEts::new(4).fit(&y[..32])?;
    /// let moved = fit.forward(&y)?;
    /// assert_eq!((moved.spec(), moved.params()), (fit.spec(), fit.params()));
    /// assert_eq!(moved.fitted().len(), 40);
    /// # Ok::<(), flowcast_forecast::Error>(())
    /// ```
    ///
    /// # Errors
    /// An empty or non-finite series; a non-positive value for a model with a multiplicative
    /// component (named `y[i]`).
    pub fn forward(&self, y: &[f64]) -> Result<Self> {
        crate::series::finite(y)?;
        if self.spec.is_multiplicative() {
            if let Some(i) = y.iter().position(|&v| v <= 0.0) {
                return Err(ValidationError::new(
                    ErrorCode::NotPositive,
                    "y",
                    y[i],
                    format!(
                        "ETS({}) has a multiplicative component and needs positive data",
                        self.spec
                    ),
                )
                .at(i)
                .into());
            }
        }
        let c = Candidate {
            spec: self.spec,
            m: self.season_length,
            par: self.smoothing(),
            state0: self.initial_state.clone(),
            n_params: self.n_params,
            aicc: self.aicc,
        };
        Ok(Self::from_candidate(y, c))
    }

    /// Runs the candidate's filter over `y`; the criteria come from that run (for a fresh fit
    /// they equal the optimiser's).
    pub(crate) fn from_candidate(y: &[f64], c: Candidate) -> Self {
        let (fitted, residuals, level, slope, seasonal, lik) =
            fit::replay(c.spec, c.m, y, c.par, &c.state0);
        let lik = lik.max(-1e10);
        let (aic, aicc, bic) = fit::criteria(lik, c.n_params, y.len());
        let denom = y.len() as f64 - c.n_params as f64 - 1.0;
        let sse: f64 = residuals.iter().map(|e| e * e).sum();
        let sigma2 = if denom > 0.0 {
            sse / denom
        } else {
            f64::INFINITY
        };
        let p = c.par;
        Self {
            spec: c.spec,
            season_length: c.m,
            params: EtsParams {
                alpha: p.alpha,
                beta: c.spec.has_trend().then_some(p.beta),
                gamma: c.spec.has_season().then_some(p.gamma),
                phi: c.spec.damped.then_some(p.phi),
            },
            initial_state: c.state0,
            level,
            slope,
            seasonal,
            fitted,
            residuals,
            sigma2,
            lik,
            n_params: c.n_params,
            aic,
            aicc,
            bic,
        }
    }

    fn smoothing(&self) -> Smoothing {
        Smoothing {
            alpha: self.params.alpha,
            beta: self.params.beta.unwrap_or(0.0),
            gamma: self.params.gamma.unwrap_or(0.0),
            phi: self.params.phi.unwrap_or(1.0),
        }
    }

    /// Point forecasts for steps 1..=h and prediction intervals at `levels` (each in (0, 1)).
    ///
    /// # Errors
    /// [`crate::Error::Invalid`] on `h` = 0 or a level outside (0, 1).
    pub fn forecast(&self, h: usize, levels: &[f64]) -> Result<Forecast> {
        crate::series::horizon(h)?;
        crate::series::levels(levels)?;
        let p = self.smoothing();
        let mean =
            model::point_forecast(self.spec, self.level, self.slope, &self.seasonal, p.phi, h);
        let mut intervals = Vec::with_capacity(levels.len());
        if !levels.is_empty() {
            let var = intervals::variances(
                self.spec,
                self.season_length,
                p,
                self.sigma2,
                &mean,
                self.level,
                self.slope,
                &self.seasonal,
            );
            for &lv in levels {
                let z = flowcast_core::normal::quantile(0.5 + lv / 2.0);
                let (lo, hi) = mean
                    .iter()
                    .zip(&var)
                    .map(|(f, v)| {
                        let w = z * v.sqrt();
                        (f - w, f + w)
                    })
                    .unzip();
                intervals.push(Band { level: lv, lo, hi });
            }
        }
        Ok(Forecast { mean, intervals })
    }

    /// One-step in-sample forecasts, same length as the training series.
    pub fn fitted(&self) -> &[f64] {
        &self.fitted
    }

    /// In-sample errors: `y − ŷ` (additive error) or `(y − ŷ)/ŷ` (multiplicative error).
    pub fn residuals(&self) -> &[f64] {
        &self.residuals
    }

    /// The selected model.
    pub fn spec(&self) -> EtsSpec {
        self.spec
    }

    /// Season length used by the model (1 when it has no season).
    pub fn season_length(&self) -> usize {
        self.season_length
    }

    /// Estimated smoothing parameters.
    pub fn params(&self) -> EtsParams {
        self.params
    }

    /// Estimated initial state `[l, (b), s_0 .. s_{m-1}]` (`s_0` the most recent season).
    pub fn initial_state(&self) -> &[f64] {
        &self.initial_state
    }

    /// Residual variance `Σe² / (n − k − 1)`, k = estimated values incl. the variance itself.
    pub fn sigma2(&self) -> f64 {
        self.sigma2
    }

    /// Log-likelihood as R/statsforecast report it (`−½ (n ln Σe² + 2 Σ ln|ŷ|)`).
    pub fn loglik(&self) -> f64 {
        -0.5 * self.lik
    }

    /// Number of estimated values, including the error variance.
    pub fn n_params(&self) -> usize {
        self.n_params
    }

    /// Akaike information criterion.
    pub fn aic(&self) -> f64 {
        self.aic
    }

    /// Small-sample corrected AIC, the selection criterion of [`AutoEts`].
    pub fn aicc(&self) -> f64 {
        self.aicc
    }

    /// Bayesian information criterion.
    pub fn bic(&self) -> f64 {
        self.bic
    }
}

#[cfg(test)]
mod tests;

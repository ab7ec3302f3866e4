//! AutoETS: fit every admissible ETS model and keep the one with the smallest AICc, searching
//! in statsforecast's order (errors A, M; trends N, A; seasons N, A, M; damped then undamped)
//! so that its cumulative starting bounds are reproduced.

use super::fit::{Bounds, Candidate, Fixed, UPPER, fit_model};
use super::model::{ErrorType, EtsSpec, SeasonType, TrendType};
use super::{Ets, EtsWorkspace};
use crate::error::{Error, Result};
use flowcast_core::{ErrorCode, ValidationError, check};
use serde::{Deserialize, Serialize};

/// Automatic ETS model selection by AICc, as R's `ets()` and statsforecast's `AutoETS`.
///
/// Components left as `None` are chosen automatically ("Z" in a model code). Multiplicative
/// errors and seasons are only tried on strictly positive data, seasonal models only when
/// `season_length > 1` and the series is longer than one season, and the unstable
/// combinations ETS(A,·,M) are excluded.
///
/// ```
/// use flowcast_forecast::models::ets::AutoEts;
/// let y: Vec<f64> = (0..48).map(|t| 100.0 + t as f64 + [5.0, -3.0, 1.0, -3.0][t % 4]).collect();
/// let model = AutoEts::new(4).fit(&y)?;
/// let fc = model.forecast(8, &[0.8, 0.95])?;
/// assert_eq!(fc.mean.len(), 8);
/// assert!(fc.intervals[1].lo[0] <= fc.mean[0] && fc.mean[0] <= fc.intervals[1].hi[0]);
/// # Ok::<(), flowcast_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AutoEts {
    /// Season length m (1 = non-seasonal).
    pub season_length: usize,
    /// Error component, `None` = automatic.
    pub error: Option<ErrorType>,
    /// Trend component, `None` = automatic.
    pub trend: Option<TrendType>,
    /// Season component, `None` = automatic.
    pub season: Option<SeasonType>,
    /// Damped trend: `None` tries both.
    pub damped: Option<bool>,
    /// Fixed damping parameter instead of estimating it.
    pub phi: Option<f64>,
    /// Parameter region for the optimiser.
    pub bounds: Bounds,
}

impl AutoEts {
    /// Fully automatic search ("ZZZ") for season length `season_length`.
    pub fn new(season_length: usize) -> Self {
        Self {
            season_length,
            error: None,
            trend: None,
            season: None,
            damped: None,
            phi: None,
            bounds: Bounds::Box,
        }
    }

    /// Restricts the search with a three-letter code (error, trend, season) where `Z` means
    /// automatic: `"ZZZ"`, `"AAN"`, `"MAM"`, `"ZZN"`… Trend `M` is not supported.
    ///
    /// # Errors
    /// [`Error::Invalid`] on field `model` for any other code.
    pub fn with_model(mut self, code: &str) -> Result<Self> {
        let bad = |reason: &'static str| -> Error {
            ValidationError::new(ErrorCode::OutOfRange, "model", code, reason).into()
        };
        let c: Vec<char> = code.chars().collect();
        if c.len() != 3 {
            return Err(bad(
                "must be three letters: error (A/M/Z), trend (N/A/Z), season (N/A/M/Z)",
            ));
        }
        self.error = match c[0].to_ascii_uppercase() {
            'A' => Some(ErrorType::Additive),
            'M' => Some(ErrorType::Multiplicative),
            'Z' => None,
            _ => return Err(bad("error type must be A, M or Z")),
        };
        self.trend = match c[1].to_ascii_uppercase() {
            'N' => Some(TrendType::None),
            'A' => Some(TrendType::Additive),
            'Z' => None,
            'M' => return Err(bad("multiplicative trend is not supported")),
            _ => return Err(bad("trend type must be N, A or Z")),
        };
        self.season = match c[2].to_ascii_uppercase() {
            'N' => Some(SeasonType::None),
            'A' => Some(SeasonType::Additive),
            'M' => Some(SeasonType::Multiplicative),
            'Z' => None,
            _ => return Err(bad("season type must be N, A, M or Z")),
        };
        if self.error == Some(ErrorType::Additive)
            && self.season == Some(SeasonType::Multiplicative)
        {
            return Err(bad(
                "additive error with multiplicative season is a forbidden (unstable) combination",
            ));
        }
        Ok(self)
    }

    /// Damped trend: `Some(true)` only damped, `Some(false)` only undamped, `None` both.
    pub fn with_damped(mut self, damped: Option<bool>) -> Self {
        self.damped = damped;
        self
    }

    /// Fixes the damping parameter (R and statsforecast restrict it to [0.8, 0.98] when estimated).
    ///
    /// # Errors
    /// [`Error::Invalid`] on field `phi` unless it lies in (0, 1].
    pub fn with_phi(mut self, phi: Option<f64>) -> Result<Self> {
        if let Some(p) = phi {
            if !(check::finite("phi", p)? > 0.0 && p <= 1.0) {
                return Err(ValidationError::new(
                    ErrorCode::OutOfRange,
                    "phi",
                    p,
                    "must be in (0, 1]",
                )
                .into());
            }
        }
        self.phi = phi;
        Ok(self)
    }

    /// Chooses the optimiser's parameter region (default [`Bounds::Box`], as statsforecast).
    pub fn with_bounds(mut self, bounds: Bounds) -> Self {
        self.bounds = bounds;
        self
    }

    /// Fits all candidate models to `y` (oldest first) and returns the one with the lowest AICc.
    ///
    /// # Errors
    /// [`Error::Invalid`] for an empty series, a non-finite value, `season_length = 0`, a
    /// series too short for the requested model, or non-positive data with a requested
    /// multiplicative component; [`Error::NotFitted`] when no candidate could be estimated.
    pub fn fit(&self, y: &[f64]) -> Result<Ets> {
        self.fit_with(y, &mut EtsWorkspace::default())
    }

    /// As [`AutoEts::fit`], reusing `ws`'s buffers (for batches of series).
    ///
    /// # Errors
    /// As [`AutoEts::fit`].
    pub fn fit_with(&self, y: &[f64], ws: &mut EtsWorkspace) -> Result<Ets> {
        let ws = &mut ws.0;
        let m = crate::series::season(self.season_length)?;
        crate::series::finite(y)?;
        let n = y.len();
        if n < 4 {
            return Err(too_short(n, 4, "ETS"));
        }
        if y.iter().all(|&v| v == y[0]) {
            // statsforecast: a constant series gets ETS(A,N,N) with alpha fixed at 0.9999.
            let spec = EtsSpec::new(
                ErrorType::Additive,
                TrendType::None,
                false,
                SeasonType::None,
            );
            let fixed = Fixed {
                alpha: Some(0.9999),
                ..Fixed::default()
            };
            let mut upper = UPPER;
            let c = fit_model(y, 1, spec, &fixed, self.bounds, &mut upper, ws)
                .ok_or_else(|| not_fitted("constant series"))?;
            return Ok(Ets::from_candidate(y, c));
        }
        let mut season = self.season;
        if m == 1 || n <= m {
            match season {
                Some(SeasonType::Additive | SeasonType::Multiplicative) if m == 1 => {
                    return Err(ValidationError::new(
                        ErrorCode::OutOfRange,
                        "season_length",
                        m,
                        "a seasonal model needs season_length > 1",
                    )
                    .into());
                }
                _ => season = Some(SeasonType::None),
            }
        }
        let first_non_positive = y.iter().position(|&v| v <= 0.0);
        if let Some(i) = first_non_positive {
            if self.error == Some(ErrorType::Multiplicative)
                || season == Some(SeasonType::Multiplicative)
            {
                return Err(ValidationError::new(
                    ErrorCode::NotPositive,
                    "y",
                    y[i],
                    "must be greater than 0 for a multiplicative error or season",
                )
                .at(i)
                .into());
            }
        }
        let positive = first_non_positive.is_none();
        let npars =
            2 + if self.trend == Some(TrendType::Additive) {
                2
            } else {
                0
            } + if matches!(
                season,
                Some(SeasonType::Additive | SeasonType::Multiplicative)
            ) {
                2
            } else {
                0
            } + usize::from(self.damped == Some(true));
        if n <= npars + 4 {
            return Err(too_short(n, npars + 5, "the requested ETS model"));
        }
        let errors: &[ErrorType] = match self.error {
            Some(ErrorType::Additive) => &[ErrorType::Additive],
            Some(ErrorType::Multiplicative) => &[ErrorType::Multiplicative],
            None => &[ErrorType::Additive, ErrorType::Multiplicative],
        };
        let trends: &[TrendType] = match self.trend {
            Some(TrendType::None) => &[TrendType::None],
            Some(TrendType::Additive) => &[TrendType::Additive],
            None => &[TrendType::None, TrendType::Additive],
        };
        let seasons: &[SeasonType] = match season {
            Some(SeasonType::None) => &[SeasonType::None],
            Some(SeasonType::Additive) => &[SeasonType::Additive],
            Some(SeasonType::Multiplicative) => &[SeasonType::Multiplicative],
            None => &[
                SeasonType::None,
                SeasonType::Additive,
                SeasonType::Multiplicative,
            ],
        };
        let dampeds: &[bool] = match self.damped {
            Some(true) => &[true],
            Some(false) => &[false],
            None => &[true, false],
        };
        let fixed = Fixed {
            phi: self.phi,
            ..Fixed::default()
        };
        let mut upper = UPPER;
        let mut best: Option<Candidate> = None;
        for &e in errors {
            for &t in trends {
                for &s in seasons {
                    for &d in dampeds {
                        if t == TrendType::None && d {
                            continue;
                        }
                        if e == ErrorType::Additive && s == SeasonType::Multiplicative {
                            continue;
                        }
                        if !positive
                            && (e == ErrorType::Multiplicative || s == SeasonType::Multiplicative)
                        {
                            continue;
                        }
                        if s != SeasonType::None && m == 1 {
                            continue;
                        }
                        let spec = EtsSpec::new(e, t, d, s);
                        let Some(c) = fit_model(y, m, spec, &fixed, self.bounds, &mut upper, ws)
                        else {
                            continue;
                        };
                        if c.aicc.is_nan() {
                            continue;
                        }
                        if best.as_ref().is_none_or(|b| c.aicc < b.aicc) {
                            best = Some(c);
                        }
                    }
                }
            }
        }
        match best {
            Some(c) if c.aicc.is_finite() => Ok(Ets::from_candidate(y, c)),
            _ => Err(not_fitted(
                "no candidate model could be estimated (too few observations for its parameters)",
            )),
        }
    }
}

fn too_short(n: usize, need: usize, what: &str) -> Error {
    ValidationError::new(
        ErrorCode::OutOfRange,
        "y",
        format!("{n} values"),
        format!("too short for {what}: needs at least {need} values"),
    )
    .into()
}

fn not_fitted(reason: &str) -> Error {
    Error::NotFitted {
        model: "ETS",
        reason: reason.to_string(),
    }
}

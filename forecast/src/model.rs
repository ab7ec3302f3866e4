//! One type for every model, so batches, cross-validation and the faces can name models, fit
//! them and serialise what they fitted.

use flowcast_core::{ErrorCode, ValidationError};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::forecast::Forecast;
use crate::models::arima::{ArimaModel, AutoArima};
use crate::models::baselines::{self, Baseline, BaselineFit};
use crate::models::ets::{AutoEts, Ets};
use crate::models::intermittent::{self, Intermittent, IntermittentFit};
use crate::models::mstl::{Mstl, MstlFit};
use crate::models::theta::{AutoTheta, ThetaFit, ThetaModel};

/// A model and its options.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "family", rename_all = "snake_case")]
pub enum Model {
    /// A baseline.
    Baseline(Baseline),
    /// An intermittent-demand method.
    Intermittent(Intermittent),
    /// The Theta family (one variant, or AutoTheta choosing among the four).
    Theta(AutoTheta),
    /// Exponential smoothing state-space models (AutoETS; any component may be fixed).
    Ets(AutoEts),
    /// Seasonal ARIMA chosen by the Hyndman–Khandakar stepwise search.
    Arima(AutoArima),
    /// Multiple seasonal decomposition with a non-seasonal AutoETS on the rest.
    Mstl(Mstl),
}

/// A fitted model of any family.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "family", rename_all = "snake_case")]
pub enum Fitted {
    /// A fitted baseline.
    Baseline(BaselineFit),
    /// A fitted intermittent method.
    Intermittent(IntermittentFit),
    /// A fitted Theta model.
    Theta(ThetaFit),
    /// A fitted ETS model.
    Ets(Ets),
    /// A fitted ARIMA model.
    Arima(ArimaModel),
    /// A fitted MSTL model.
    Mstl(MstlFit),
}

/// Names [`Model::from_name`] knows, for messages.
pub const MODEL_NAMES: &str = "naive, naive2, seasonal_naive, rwd, historic_average, window_average, \
seasonal_window_average, croston_classic, croston_sba, croston_optimized, tsb, adida, imapa, auto_theta, \
theta, optimized_theta, dynamic_theta, dynamic_optimized_theta, auto_ets, ets_<error><trend><season> \
(e.g. ets_aan, ets_mam, ets_zzn), auto_arima, mstl";

impl Model {
    /// A model by its snake-case name (or statsforecast's alias), with the series' season length
    /// and default options: window averages over 3 values or seasons, TSB with α_d = α_p = 0.2.
    ///
    /// ```
    /// use flowcast_forecast::model::Model;
    /// assert_eq!(Model::from_name("SeasonalNaive", 12)?.name(), "SeasonalNaive");
    /// assert_eq!(Model::from_name("croston_sba", 1)?.name(), "CrostonSBA");
    /// # Ok::<(), flowcast_forecast::Error>(())
    /// ```
    ///
    /// # Errors
    /// An unknown name (`wrong_type` on `models`).
    pub fn from_name(name: &str, season_length: usize) -> Result<Self> {
        let key: String = name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let m = season_length;
        Ok(match key.as_str() {
            "naive" => Self::Baseline(Baseline::Naive),
            "autoets" | "ets" => Self::Ets(AutoEts::new(m)),
            "autoarima" | "arima" => Self::Arima(AutoArima::new(m)),
            "mstl" => Self::Mstl(Mstl::new(&[m])?),
            code if code.starts_with("ets") && code.len() == 6 => {
                Self::Ets(AutoEts::new(m).with_model(&code[3..].to_ascii_uppercase())?)
            }
            "naive2" => Self::Baseline(Baseline::Naive2 { season_length: m }),
            "autotheta" => Self::Theta(AutoTheta::new(m)),
            "theta" | "standardtheta" => {
                Self::Theta(AutoTheta::new(m).with_model(ThetaModel::Standard))
            }
            "optimizedtheta" => Self::Theta(AutoTheta::new(m).with_model(ThetaModel::Optimized)),
            "dynamictheta" | "dynamicstandardtheta" => {
                Self::Theta(AutoTheta::new(m).with_model(ThetaModel::DynamicStandard))
            }
            "dynamicoptimizedtheta" => {
                Self::Theta(AutoTheta::new(m).with_model(ThetaModel::DynamicOptimized))
            }
            "seasonalnaive" | "snaive" => {
                Self::Baseline(Baseline::SeasonalNaive { season_length: m })
            }
            "rwd" | "randomwalkwithdrift" | "drift" => {
                Self::Baseline(Baseline::RandomWalkWithDrift)
            }
            "historicaverage" | "mean" => Self::Baseline(Baseline::HistoricAverage),
            "windowaverage" => Self::Baseline(Baseline::WindowAverage { window_size: 3 }),
            "seasonalwindowaverage" | "seaswa" => Self::Baseline(Baseline::SeasonalWindowAverage {
                season_length: m,
                window_size: 3,
            }),
            "crostonclassic" | "croston" => Self::Intermittent(Intermittent::CrostonClassic),
            "crostonsba" | "sba" => Self::Intermittent(Intermittent::CrostonSba),
            "crostonoptimized" => Self::Intermittent(Intermittent::CrostonOptimized),
            "tsb" => Self::Intermittent(Intermittent::Tsb {
                alpha_d: 0.2,
                alpha_p: 0.2,
            }),
            "adida" => Self::Intermittent(Intermittent::Adida),
            "imapa" => Self::Intermittent(Intermittent::Imapa),
            _ => {
                return Err(ValidationError::new(
                    ErrorCode::WrongType,
                    "models",
                    format!("{name:?}"),
                    format!("is not a model (expected one of: {MODEL_NAMES})"),
                )
                .into());
            }
        })
    }

    /// The column name statsforecast gives the model's forecasts.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Baseline(b) => b.name(),
            Self::Intermittent(i) => i.name(),
            Self::Ets(_) => "AutoETS",
            Self::Arima(_) => "AutoARIMA",
            Self::Mstl(_) => "MSTL",
            Self::Theta(t) => match t.model {
                None => "AutoTheta",
                Some(ThetaModel::Standard) => "Theta",
                Some(ThetaModel::Optimized) => "OptimizedTheta",
                Some(ThetaModel::DynamicStandard) => "DynamicTheta",
                Some(ThetaModel::DynamicOptimized) => "DynamicOptimizedTheta",
            },
        }
    }

    /// Fits the model to `y`.
    ///
    /// # Errors
    /// The family's own validation errors.
    pub fn fit(&self, y: &[f64]) -> Result<Fitted> {
        Ok(match *self {
            Self::Baseline(b) => Fitted::Baseline(baselines::fit(y, b)?),
            Self::Intermittent(i) => Fitted::Intermittent(intermittent::fit(y, i)?),
            Self::Theta(t) => Fitted::Theta(t.fit(y)?),
            Self::Ets(e) => Fitted::Ets(e.fit(y)?),
            Self::Arima(a) => Fitted::Arima(a.fit(y)?),
            Self::Mstl(a) => Fitted::Mstl(a.fit(y)?),
        })
    }

    /// Checks the model's own options (not the data): smoothing constants in range, seasons and
    /// windows of at least 1. Batches check every model first, so a bad option is an error,
    /// never a silent fallback.
    ///
    /// # Errors
    /// The offending option, named.
    pub fn validate(&self) -> Result<()> {
        let positive = |name: &'static str, v: usize| {
            if v == 0 {
                Err(ValidationError::new(
                    ErrorCode::OutOfRange,
                    name,
                    0,
                    "must be at least 1",
                ))
            } else {
                Ok(())
            }
        };
        match *self {
            Self::Baseline(Baseline::SeasonalNaive { season_length }) => {
                positive("season_length", season_length)?
            }
            Self::Baseline(Baseline::WindowAverage { window_size }) => {
                positive("window_size", window_size)?
            }
            Self::Baseline(Baseline::SeasonalWindowAverage {
                season_length,
                window_size,
            }) => {
                positive("season_length", season_length)?;
                positive("window_size", window_size)?;
            }
            Self::Intermittent(i) => i.validate()?,
            _ => {}
        }
        Ok(())
    }

    /// Whether the model gives analytic intervals (the others need conformal ones).
    pub fn has_intervals(&self) -> bool {
        matches!(
            self,
            Self::Theta(_)
                | Self::Ets(_)
                | Self::Arima(_)
                | Self::Mstl(_)
                | Self::Baseline(
                    Baseline::Naive
                        | Baseline::Naive2 { .. }
                        | Baseline::SeasonalNaive { .. }
                        | Baseline::RandomWalkWithDrift
                        | Baseline::HistoricAverage
                )
        )
    }
}

impl Fitted {
    /// Forecasts `h` steps with intervals at `levels` (probabilities).
    ///
    /// # Errors
    /// As the family's `forecast`.
    pub fn forecast(&self, h: usize, levels: &[f64]) -> Result<Forecast> {
        match self {
            Self::Baseline(f) => f.forecast(h, levels),
            Self::Intermittent(f) => f.forecast(h, levels),
            Self::Theta(f) => f.forecast(h, levels),
            Self::Ets(f) => f.forecast(h, levels),
            Self::Arima(f) => f.forecast(h, levels),
            Self::Mstl(f) => f.forecast(h, levels),
        }
    }

    /// The fitted model applied to `y`, usually its history extended by new observations,
    /// without re-estimating: ETS, Theta, ARIMA and MSTL keep their parameters and run their
    /// filters over `y`; baselines and intermittent methods, whose forecasts are functions of
    /// the data alone (or re-optimised on it, as statsforecast does), are fitted to `y` again.
    /// Cross-validation without refitting moves the model from origin to origin with this.
    ///
    /// ```
    /// use flowcast_forecast::model::Model;
    /// let y: Vec<f64> = (0..48).map(|t| 50.0 + (t % 12) as f64 + 0.3 * t as f64).collect();
    /// let fit = Model::from_name("auto_ets", 12)?.fit(&y[..36])?;
    /// let f = fit.forward(&y)?.forecast(6, &[])?;
    /// assert_eq!(f.mean.len(), 6);
    /// # Ok::<(), flowcast_forecast::Error>(())
    /// ```
    ///
    /// # Errors
    /// As the family's `forward` (or `fit`) on `y`.
    pub fn forward(&self, y: &[f64]) -> Result<Fitted> {
        Ok(match self {
            Self::Baseline(f) => Self::Baseline(baselines::fit(y, f.method)?),
            Self::Intermittent(f) => Self::Intermittent(intermittent::fit(y, f.method)?),
            Self::Theta(f) => Self::Theta(f.forward(y)?),
            Self::Ets(f) => Self::Ets(f.forward(y)?),
            Self::Arima(f) => Self::Arima(f.forward(y)?),
            Self::Mstl(f) => Self::Mstl(f.forward(y)?),
        })
    }

    /// In-sample one-step fits.
    pub fn fitted(&self) -> &[f64] {
        match self {
            Self::Baseline(f) => f.fitted(),
            Self::Intermittent(f) => f.fitted(),
            Self::Theta(f) => f.fitted(),
            Self::Ets(f) => f.fitted(),
            Self::Arima(f) => f.fitted(),
            Self::Mstl(f) => f.fitted(),
        }
    }
}

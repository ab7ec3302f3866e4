//! The Theta family as statsforecast implements it (Fiorucci et al. 2016, "Models for optimising
//! the theta method and their relationship to state space models").
//!
//! * [`StandardTheta`] (STM, θ = 2), [`OptimizedTheta`] (OTM), [`DynamicStandardTheta`] (DSTM)
//!   and [`DynamicOptimizedTheta`] (DOTM);
//! * [`AutoTheta`] fits all four and keeps the one with the smallest in-sample MSE.
//!
//! Seasonal series (the 90 % autocorrelation test at lag `m`, `m ≥ 4`, `n ≥ 2m`) are adjusted by
//! classical decomposition first (multiplicative by default, additive when the data are not
//! all positive or an index falls below 0.01), and the forecasts reseasonalised.
//!
//! The initial level, α ∈ [0.1, 0.99] and (for OTM/DOTM) θ ≥ 1 minimise
//! `Σ_{t≥3} e_t² / mean|y|` over one-step errors with a box-clamped adaptive Nelder–Mead
//! started at (y₀/2, 0.5, 2). Prediction intervals are simulated like statsforecast's:
//! 200 sample paths of the state recursion with `N(0, σ²)` errors (σ the standard deviation
//! of the residuals after the first three), empirical quantiles with linear interpolation,
//! from a fixed seed (so intervals are deterministic but not bit-identical to statsforecast).

mod nelder_mead;
mod state;

use crate::error::{Error, Result};
use crate::forecast::{Band, Forecast};
use crate::models::seasonal::{
    DecompositionType, SeasonalIndices, classical_decomposition, is_seasonal,
};
use flowcast_core::{ErrorCode, ValidationError};
use serde::{Deserialize, Serialize};
use state::{Params, SeriesInfo, State};

/// Default number of simulated paths for prediction intervals (as statsforecast).
pub const DEFAULT_PATHS: usize = 200;

/// The four Theta models of Fiorucci et al. (2016).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ThetaModel {
    /// STM: θ = 2, fixed OLS trend line.
    Standard,
    /// OTM: θ optimised, fixed OLS trend line.
    Optimized,
    /// DSTM: θ = 2, trend line updated online.
    DynamicStandard,
    /// DOTM: θ optimised, trend line updated online.
    DynamicOptimized,
}

impl ThetaModel {
    /// All four, in the order [`AutoTheta`] tries them (ties keep the earlier one).
    pub const ALL: [ThetaModel; 4] = [
        Self::Standard,
        Self::Optimized,
        Self::DynamicStandard,
        Self::DynamicOptimized,
    ];

    /// statsforecast's short name: `"STM"`, `"OTM"`, `"DSTM"` or `"DOTM"`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Standard => "STM",
            Self::Optimized => "OTM",
            Self::DynamicStandard => "DSTM",
            Self::DynamicOptimized => "DOTM",
        }
    }

    /// Whether the trend line is updated online.
    pub const fn is_dynamic(self) -> bool {
        matches!(self, Self::DynamicStandard | Self::DynamicOptimized)
    }

    /// Whether θ is estimated (otherwise it is 2).
    pub const fn optimizes_theta(self) -> bool {
        matches!(self, Self::Optimized | Self::DynamicOptimized)
    }
}

/// AutoTheta: fits the candidate Theta models and keeps the best by in-sample MSE.
///
/// ```
/// use flowcast_forecast::models::theta::AutoTheta;
/// let y: Vec<f64> = (0..40).map(|t| 10.0 + 0.5 * t as f64 + [1.0, -1.0, 2.0, -2.0][t % 4]).collect();
/// let fit = AutoTheta::new(4).fit(&y).unwrap();
/// let fc = fit.forecast(8, &[0.8, 0.95]).unwrap();
/// assert_eq!(fc.mean.len(), 8);
/// assert!(fc.intervals[1].lo[0] <= fc.mean[0] && fc.mean[0] <= fc.intervals[1].hi[0]);
/// assert_eq!(fit.fitted().len(), y.len());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AutoTheta {
    /// Season length `m` (1 = non-seasonal).
    pub season_length: usize,
    /// Preferred decomposition for seasonal series.
    pub decomposition: DecompositionType,
    /// Restrict to one model (`None`: try all four).
    pub model: Option<ThetaModel>,
    /// Fixed initial level instead of estimating it.
    pub initial_level: Option<f64>,
    /// Fixed smoothing parameter α instead of estimating it.
    pub alpha: Option<f64>,
    /// Fixed θ for OTM/DOTM instead of estimating it (STM/DSTM always use 2).
    pub theta: Option<f64>,
    /// Number of simulated paths for prediction intervals.
    pub n_paths: usize,
    /// Seed of the interval simulation.
    pub seed: u64,
}

impl AutoTheta {
    /// All four models, multiplicative adjustment, estimated parameters, 200 paths, seed 0.
    pub fn new(season_length: usize) -> Self {
        Self {
            season_length,
            decomposition: DecompositionType::Multiplicative,
            model: None,
            initial_level: None,
            alpha: None,
            theta: None,
            n_paths: DEFAULT_PATHS,
            seed: 0,
        }
    }

    /// Only this model.
    #[must_use]
    pub fn with_model(mut self, model: ThetaModel) -> Self {
        self.model = Some(model);
        self
    }

    /// Preferred seasonal decomposition.
    #[must_use]
    pub fn with_decomposition(mut self, kind: DecompositionType) -> Self {
        self.decomposition = kind;
        self
    }

    /// Fixes α (in (0, 1]).
    #[must_use]
    pub fn with_alpha(mut self, alpha: f64) -> Self {
        self.alpha = Some(alpha);
        self
    }

    /// Fixes θ (≥ 1) for the optimised models.
    #[must_use]
    pub fn with_theta(mut self, theta: f64) -> Self {
        self.theta = Some(theta);
        self
    }

    /// Fixes the initial level.
    #[must_use]
    pub fn with_initial_level(mut self, level: f64) -> Self {
        self.initial_level = Some(level);
        self
    }

    /// Interval simulation: number of paths (≥ 2) and seed.
    #[must_use]
    pub fn with_simulation(mut self, n_paths: usize, seed: u64) -> Self {
        self.n_paths = n_paths;
        self.seed = seed;
        self
    }

    /// Fits to `y` (oldest first).
    ///
    /// # Errors
    /// `Error::Invalid` for an empty series, a non-finite value (field `y[i]`), fewer than 4
    /// observations, `season_length == 0`, `n_paths < 2`, or a fixed parameter out of range;
    /// `Error::NotFitted` if no model gives a finite objective.
    pub fn fit(&self, y: &[f64]) -> Result<ThetaFit> {
        self.validate(y)?;
        let n = y.len();
        let m = self.season_length;
        let seasonal = if is_seasonal(y, m) {
            let positive = y.iter().all(|&v| v > 0.0);
            let mut kind = self.decomposition;
            if kind == DecompositionType::Multiplicative && !positive {
                kind = DecompositionType::Additive;
            }
            let mut s = classical_decomposition(y, m, kind)?;
            if kind == DecompositionType::Multiplicative && s.indices.iter().any(|&v| v < 0.01) {
                s = classical_decomposition(y, m, DecompositionType::Additive)?;
            }
            Some(s)
        } else {
            None
        };
        let adj = match &seasonal {
            Some(s) => s.deseasonalize(y),
            None => y.to_vec(),
        };
        let info = SeriesInfo::new(&adj);
        let candidates: &[ThetaModel] = match &self.model {
            Some(m) => std::slice::from_ref(m),
            None => &ThetaModel::ALL,
        };
        let mut best: Option<(ThetaModel, Params, f64)> = None;
        for &model in candidates {
            let p = self.estimate(&adj, model, &info);
            let mse = state::objective(&adj, model, p, &info);
            if mse.is_finite() && best.as_ref().is_none_or(|b| mse < b.2) {
                best = Some((model, p, mse));
            }
        }
        let Some((model, p, _)) = best else {
            return Err(Error::NotFitted {
                model: "AutoTheta",
                reason: "no Theta model has a finite in-sample error".into(),
            });
        };
        let mut fitted = vec![0.0; n];
        let (obj, last) = state::filter(&adj, model, p, &info, &mut fitted);
        let mean_y = adj.iter().sum::<f64>() / n as f64;
        if let Some(s) = &seasonal {
            s.reseasonalize(&mut fitted, 0);
        }
        let residuals: Vec<f64> = y.iter().zip(&fitted).map(|(a, b)| a - b).collect();
        let tail = if n - 3 >= 2 {
            &residuals[3..]
        } else {
            &residuals[..]
        };
        let sigma = std_dev(tail);
        let mse = obj * info.scale / (n - 3) as f64;
        Ok(ThetaFit {
            model,
            initial_level: p.level0,
            alpha: p.alpha,
            theta: p.theta,
            mse,
            n,
            last,
            mean_y,
            sigma,
            fitted,
            residuals,
            seasonal,
            n_paths: self.n_paths,
            seed: self.seed,
            options: *self,
        })
    }

    fn validate(&self, y: &[f64]) -> Result<()> {
        crate::series::finite(y)?;
        if y.len() < 4 {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "y",
                format!("length {}", y.len()),
                "Theta needs at least 4 observations",
            )
            .into());
        }
        crate::series::season(self.season_length)?;
        check_paths(self.n_paths)?;
        if let Some(a) = self.alpha.filter(|a| !(*a > 0.0 && *a <= 1.0)) {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "alpha",
                a,
                "must be in (0, 1]",
            )
            .into());
        }
        if let Some(t) = self.theta.filter(|t| !(t.is_finite() && *t >= 1.0)) {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "theta",
                t,
                "must be finite and at least 1",
            )
            .into());
        }
        if let Some(l) = self.initial_level {
            flowcast_core::check::finite("initial_level", l)?;
        }
        Ok(())
    }

    /// Estimates the free parameters of `model` on the adjusted series.
    fn estimate(&self, y: &[f64], model: ThetaModel, info: &SeriesInfo) -> Params {
        let p = Params {
            level0: self.initial_level.unwrap_or(y[0] / 2.0),
            alpha: self.alpha.unwrap_or(0.5),
            theta: if model.optimizes_theta() {
                self.theta.unwrap_or(2.0)
            } else {
                2.0
            },
        };
        let free = [
            self.initial_level.is_none(),
            self.alpha.is_none(),
            model.optimizes_theta() && self.theta.is_none(),
        ];
        let (lo_all, hi_all) = ([-1e10, 0.1, 1.0], [1e10, 0.99, 1e10]);
        let start = [p.level0, p.alpha, p.theta];
        let (mut x0, mut lo, mut hi) = ([0.0; 3], [0.0; 3], [0.0; 3]);
        let mut d = 0;
        for k in 0..3 {
            if free[k] {
                x0[d] = start[k];
                lo[d] = lo_all[k];
                hi[d] = hi_all[k];
                d += 1;
            }
        }
        if d == 0 {
            return p;
        }
        let unpack = |x: &[f64; 3]| {
            let mut q = p;
            let mut j = 0;
            for (k, slot) in [&mut q.level0, &mut q.alpha, &mut q.theta]
                .into_iter()
                .enumerate()
            {
                if free[k] {
                    *slot = x[j];
                    j += 1;
                }
            }
            q
        };
        let (x, _) = nelder_mead::minimize(
            |x| state::objective(y, model, unpack(x), info),
            &x0,
            &lo,
            &hi,
            d,
            nelder_mead::Options::default(),
        );
        unpack(&x)
    }
}

macro_rules! fixed_theta {
    ($(#[$doc:meta])* $name:ident, $model:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub struct $name(pub AutoTheta);

        impl $name {
            /// Default settings (multiplicative adjustment, estimated parameters).
            pub fn new(season_length: usize) -> Self {
                Self(AutoTheta::new(season_length).with_model($model))
            }

            /// Preferred seasonal decomposition.
            #[must_use]
            pub fn with_decomposition(self, kind: DecompositionType) -> Self {
                Self(self.0.with_decomposition(kind))
            }

            /// Fits to `y`; see [`AutoTheta::fit`] for the errors.
            ///
            /// # Errors
            /// As [`AutoTheta::fit`].
            pub fn fit(&self, y: &[f64]) -> Result<ThetaFit> {
                self.0.fit(y)
            }
        }
    };
}

fixed_theta!(
    /// Standard Theta Model (STM): θ = 2; the classic Assimakopoulos–Nikolopoulos method.
    ///
    /// ```
    /// use flowcast_forecast::models::theta::{StandardTheta, ThetaModel};
    /// let y: Vec<f64> = (0..30).map(|t| 5.0 + 2.0 * t as f64).collect();
    /// let fit = StandardTheta::new(1).fit(&y).unwrap();
    /// assert_eq!(fit.model(), ThetaModel::Standard);
    /// let fc = fit.forecast(3, &[]).unwrap();
    /// assert!(fc.mean[0] > y[29] && fc.mean[2] > fc.mean[0]);
    /// ```
    StandardTheta,
    ThetaModel::Standard
);
fixed_theta!(
    /// Optimised Theta Model (OTM): θ estimated.
    OptimizedTheta,
    ThetaModel::Optimized
);
fixed_theta!(
    /// Dynamic Standard Theta Model (DSTM): θ = 2, trend line updated online.
    DynamicStandardTheta,
    ThetaModel::DynamicStandard
);
fixed_theta!(
    /// Dynamic Optimised Theta Model (DOTM): θ estimated, trend line updated online.
    DynamicOptimizedTheta,
    ThetaModel::DynamicOptimized
);

/// A fitted Theta model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThetaFit {
    model: ThetaModel,
    initial_level: f64,
    alpha: f64,
    theta: f64,
    mse: f64,
    n: usize,
    last: State,
    mean_y: f64,
    sigma: f64,
    fitted: Vec<f64>,
    residuals: Vec<f64>,
    seasonal: Option<SeasonalIndices>,
    n_paths: usize,
    seed: u64,
    /// The options it was fitted with (for [`ThetaFit::forward`]).
    options: AutoTheta,
}

impl ThetaFit {
    /// The same model and parameters (initial level, α, θ) applied to `y`, usually the fitted
    /// history extended by new observations: the seasonality test and decomposition run again
    /// on `y`, nothing is re-estimated (statsforecast's `forward`).
    ///
    /// ```
    /// use flowcast_forecast::models::theta::AutoTheta;
    /// let y: Vec<f64> = (0..40).map(|t| 10.0 + t as f64 + (t % 3) as f64).collect();
    /// let fit = AutoTheta::new(1).fit(&y[..30])?;
    /// let moved = fit.forward(&y)?;
    /// assert_eq!((moved.model(), moved.alpha(), moved.theta()), (fit.model(), fit.alpha(), fit.theta()));
    /// # Ok::<(), flowcast_forecast::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`AutoTheta::fit`] on `y`.
    pub fn forward(&self, y: &[f64]) -> Result<ThetaFit> {
        let mut options = self.options;
        options.model = Some(self.model);
        options.initial_level = Some(self.initial_level);
        options.alpha = Some(self.alpha);
        options.theta = Some(self.theta);
        options.fit(y)
    }

    /// The selected model.
    pub fn model(&self) -> ThetaModel {
        self.model
    }
    /// Smoothing parameter α.
    pub fn alpha(&self) -> f64 {
        self.alpha
    }
    /// θ (2 for the standard models).
    pub fn theta(&self) -> f64 {
        self.theta
    }
    /// Initial smoothed level ℓ₀ (on the seasonally adjusted scale).
    pub fn initial_level(&self) -> f64 {
        self.initial_level
    }
    /// Mean squared one-step error (after the first three) on the adjusted series.
    pub fn mse(&self) -> f64 {
        self.mse
    }
    /// Standard deviation of the residuals used for the intervals.
    pub fn sigma(&self) -> f64 {
        self.sigma
    }
    /// Seasonal indices, when the series was seasonally adjusted.
    pub fn seasonal(&self) -> Option<&SeasonalIndices> {
        self.seasonal.as_ref()
    }
    /// In-sample one-step fitted values (same length as `y`).
    pub fn fitted(&self) -> &[f64] {
        &self.fitted
    }
    /// `y − fitted`.
    pub fn residuals(&self) -> &[f64] {
        &self.residuals
    }

    /// Forecasts `h` steps with a prediction band per level in (0, 1).
    ///
    /// # Errors
    /// `Error::Invalid` for `h == 0` (field `h`), a level outside (0, 1) (field `levels[i]`),
    /// or fewer than two simulation paths (field `n_paths`, only from a hand-edited model).
    pub fn forecast(&self, h: usize, levels: &[f64]) -> Result<Forecast> {
        crate::series::horizon(h)?;
        crate::series::levels(levels)?;
        check_paths(self.n_paths)?;
        let mut mean = vec![0.0; h];
        state::forecast_mean(
            &self.last, self.n, self.model, self.alpha, self.theta, &mut mean,
        );
        let mut intervals = Vec::with_capacity(levels.len());
        if !levels.is_empty() {
            let k = self.n_paths;
            let mut paths = vec![0.0; h * k];
            let mut rng = flowcast_core::Rng::seed_from(self.seed);
            state::simulate(
                &self.last,
                self.mean_y,
                self.n,
                self.alpha,
                self.theta,
                self.sigma,
                k,
                &mut rng,
                &mut paths,
            );
            for row in paths.chunks_exact_mut(k) {
                row.sort_unstable_by(f64::total_cmp);
            }
            for &l in levels {
                let (mut lo, mut hi) = (vec![0.0; h], vec![0.0; h]);
                let ql = (1.0 - l) / 2.0;
                for (j, row) in paths.chunks_exact(k).enumerate() {
                    lo[j] = sorted_quantile(row, ql);
                    hi[j] = sorted_quantile(row, ql + l);
                }
                intervals.push(Band { level: l, lo, hi });
            }
        }
        if let Some(s) = &self.seasonal {
            s.reseasonalize(&mut mean, self.n);
            for b in &mut intervals {
                s.reseasonalize(&mut b.lo, self.n);
                s.reseasonalize(&mut b.hi, self.n);
            }
        }
        Ok(Forecast { mean, intervals })
    }
}

/// numpy's default (`linear`) quantile of sorted data.
fn sorted_quantile(sorted: &[f64], p: f64) -> f64 {
    let pos = p * (sorted.len() - 1) as f64;
    let i = (pos.floor() as usize).min(sorted.len() - 1);
    let frac = pos - i as f64;
    match sorted.get(i + 1) {
        Some(&next) if frac > 0.0 => sorted[i] + frac * (next - sorted[i]),
        _ => sorted[i],
    }
}

/// Sample standard deviation (ddof = 1); 0 for fewer than two values.
fn std_dev(x: &[f64]) -> f64 {
    if x.len() < 2 {
        return 0.0;
    }
    let mean = x.iter().sum::<f64>() / x.len() as f64;
    (x.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (x.len() - 1) as f64).sqrt()
}

/// Interval simulation needs at least two paths.
fn check_paths(n_paths: usize) -> Result<()> {
    if n_paths < 2 {
        return Err(ValidationError::new(
            ErrorCode::OutOfRange,
            "n_paths",
            n_paths,
            "must be at least 2",
        )
        .into());
    }
    Ok(())
}

#[cfg(test)]
mod tests;

//! Seasonal ARIMA with mean or drift, and automatic order selection (AutoARIMA).
//!
//! A port of the algorithms of R's `stats::arima` and `forecast::auto.arima` as implemented by
//! statsforecast 2.x (whose defaults it follows):
//!
//! - [`ArimaSpec::fit`] estimates ARIMA(p,d,q)(P,D,Q)m by conditional sum of squares, exact
//!   Gaussian likelihood (Kalman filter on the differenced series, stationary initial state
//!   covariance) or CSS followed by ML (default). AR parts are kept stationary by the
//!   partial-autocorrelation (tanh + Durbin–Levinson) transform; the optimiser is BFGS with
//!   forward-difference gradients.
//! - [`AutoArima::fit`] picks D by the STL seasonal-strength test (> 0.64), d by KPSS at 5 %,
//!   then runs the Hyndman–Khandakar stepwise search ranked by AICc (CSS ranking and ML refit
//!   when n > 150 or m > 12), with drift/mean rules as auto.arima.
//! - [`ArimaModel::forecast`] gives Kalman forecasts of the integrated model with normal
//!   prediction bands; [`ArimaModel::fitted`] the one-step in-sample fits.

// `!(x > 0.0)` deliberately treats NaN as failure; index loops mirror the published recursions.
#![allow(clippy::neg_cmp_op_on_partial_ord, clippy::needless_range_loop)]

mod auto;
mod fit;
mod kalman;
mod optim;
mod params;
#[cfg(test)]
mod tests;
mod unitroot;

pub use auto::AutoArima;
pub use fit::{ArimaModel, ArimaSpec, Ic, Method, Trend};

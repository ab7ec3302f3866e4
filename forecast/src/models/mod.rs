//! The models. Each fits a series and returns a serialisable fitted model with `forecast(h,
//! levels)` and `fitted()`.

pub mod arima;
pub mod baselines;
pub mod ets;
pub mod intermittent;
pub mod mstl;
pub mod seasonal;
pub(crate) mod ses;
pub(crate) mod stl;
pub mod theta;

//! The forecast crate's error type.

use flowcast_core::ValidationError;

/// Why a model could not be fitted or could not forecast.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An input is out of its domain (NaN inside a series, a series too short for its season,
    /// non-positive data for a multiplicative model…).
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    /// The model cannot be fitted to this series (no admissible parameters, a singular system);
    /// batch callers fall back to another model.
    #[error("{model} cannot be fitted: {reason}")]
    NotFitted {
        /// The model's name.
        model: &'static str,
        /// Why, in words.
        reason: String,
    },
}

/// Result with the forecast [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

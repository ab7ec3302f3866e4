//! The expiry crate's error type.

use flowcast_core::ValidationError;

/// Why an expiry calculation could not produce an answer.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An input is out of its domain (NaN, a temperature below absolute zero, an empty record…).
    #[error(transparent)]
    Invalid(#[from] ValidationError),
}

/// Result with the expiry [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

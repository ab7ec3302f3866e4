//! The inventory crate's error type.

use flowcast_core::{Column, ValidationError};

/// Why an inventory calculation could not produce an answer.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An input is out of its domain (NaN, a non-positive cost, a service level outside (0, 1)…).
    #[error(transparent)]
    Invalid(#[from] ValidationError),
}

/// Result with the inventory [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// The same error located at `row` of a batch call over `columns` (see [`Column::locate`]).
    pub(crate) fn at_row(self, row: usize, columns: &[(&'static str, Column<'_>)]) -> Self {
        match self {
            Self::Invalid(e) => Self::Invalid(Column::locate(e, row, columns)),
        }
    }

    /// The same error for row `row` of a batch result (`reorder_point[7]`), unless every input
    /// was a scalar (then there is only the one result).
    pub(crate) fn in_row(self, row: usize, columns: &[(&'static str, Column<'_>)]) -> Self {
        let per_row = columns.iter().any(|(_, c)| c.len().is_some());
        match self {
            Self::Invalid(e) if per_row => Self::Invalid(e.at(row)),
            other => other,
        }
    }
}

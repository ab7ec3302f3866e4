//! The one shape of a rejected input, shared by every flowcast crate and every binding.

use std::borrow::Cow;
use std::fmt;

/// Stable, machine-readable category of a validation failure.
///
/// The string form ([`ErrorCode::as_str`]) is part of the public contract: bindings expose it as
/// the `code` attribute of their errors, and it never changes meaning between releases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// NaN or ±infinity where a finite number is required.
    NotFinite,
    /// Zero or negative where a strictly positive number is required.
    NotPositive,
    /// Negative where zero or more is required.
    Negative,
    /// Outside the allowed interval (the reason states the interval).
    OutOfRange,
    /// An empty array or series where at least one element is required.
    Empty,
    /// Arrays that must have the same length (or broadcast) do not.
    LengthMismatch,
    /// A value of the wrong kind: text where a number is expected, a nested array, an object.
    WrongType,
    /// A network of the wrong shape: not a tree or not a chain where one is required, or an
    /// edge to an unknown node, a repeated edge or a self-loop.
    InvalidNetwork,
    /// A sequence that must strictly increase does not: timestamps out of order or repeated.
    NotIncreasing,
    /// An identifier that must be unique appears twice (a lot, a site, a partner).
    Duplicate,
}

impl ErrorCode {
    /// The stable string form, e.g. `"not_positive"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::NotFinite => "not_finite",
            Self::NotPositive => "not_positive",
            Self::Negative => "negative",
            Self::OutOfRange => "out_of_range",
            Self::Empty => "empty",
            Self::LengthMismatch => "length_mismatch",
            Self::WrongType => "wrong_type",
            Self::InvalidNetwork => "invalid_network",
            Self::NotIncreasing => "not_increasing",
            Self::Duplicate => "duplicate",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An input that was rejected: which field, what value, why, and a stable code.
///
/// Displayed as `field = value: reason [code]`, for example
/// `holding_cost[3] = -2: must be greater than 0 [not_positive]`.
///
/// ```
/// use flowcast_core::{check, ErrorCode};
/// let err = check::positive("holding_cost", -2.0).unwrap_err();
/// assert_eq!(err.code, ErrorCode::NotPositive);
/// assert_eq!(err.to_string(), "holding_cost = -2: must be greater than 0 [not_positive]");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{field} = {value}: {reason} [{code}]")]
pub struct ValidationError {
    /// Stable category of the failure.
    pub code: ErrorCode,
    /// The input's name as the caller knows it, with an index for batch inputs (`demand_rate[7]`).
    pub field: Cow<'static, str>,
    /// The offending value, formatted (`NaN`, `-2`, `[]`, `3 vs 4`).
    pub value: String,
    /// What the value must satisfy, in words.
    pub reason: Cow<'static, str>,
}

impl ValidationError {
    /// Builds an error from its four parts.
    pub fn new(
        code: ErrorCode,
        field: impl Into<Cow<'static, str>>,
        value: impl fmt::Display,
        reason: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self {
            code,
            field: field.into(),
            value: value.to_string(),
            reason: reason.into(),
        }
    }

    /// The same error with its position moved on by `offset`: `y[3]` becomes `y[3 + offset]`
    /// (an error found in a slice, reported at the caller's position). A field without a
    /// position is left as it is.
    ///
    /// ```
    /// use flowcast_core::check;
    /// let e = check::finite("temps_c", f64::NAN).unwrap_err().at(3).offset(100);
    /// assert_eq!(e.field, "temps_c[103]");
    /// ```
    #[must_use]
    pub fn offset(mut self, offset: usize) -> Self {
        let shifted = self
            .field
            .strip_suffix(']')
            .and_then(|f| f.rsplit_once('['))
            .and_then(|(name, i)| {
                i.parse::<usize>()
                    .ok()
                    .map(|i| format!("{name}[{}]", i + offset))
            });
        if let Some(field) = shifted {
            self.field = Cow::Owned(field);
        }
        self
    }

    /// The same error for element `index` of a batch input: `field` becomes `field[index]`.
    #[must_use]
    pub fn at(mut self, index: usize) -> Self {
        self.field = Cow::Owned(format!("{}[{index}]", self.field));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_field_value_reason_and_code() {
        let e = ValidationError::new(ErrorCode::NotFinite, "z", f64::NAN, "must be finite");
        assert_eq!(e.to_string(), "z = NaN: must be finite [not_finite]");
    }

    #[test]
    fn at_appends_the_index() {
        let e = ValidationError::new(ErrorCode::Negative, "qty", -1, "must be at least 0").at(12);
        assert_eq!(e.field, "qty[12]");
        assert_eq!(e.to_string(), "qty[12] = -1: must be at least 0 [negative]");
    }

    #[test]
    fn codes_are_distinct_and_snake_case() {
        let all = [
            ErrorCode::NotFinite,
            ErrorCode::NotPositive,
            ErrorCode::Negative,
            ErrorCode::OutOfRange,
            ErrorCode::Empty,
            ErrorCode::LengthMismatch,
            ErrorCode::WrongType,
        ];
        let mut names: Vec<_> = all.iter().map(|c| c.as_str()).collect();
        assert!(
            names
                .iter()
                .all(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        );
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all.len());
    }
}

//! What is wrong with a problem: every issue at once, each with a stable code, a location, a
//! cause and a suggested fix.

use std::fmt;

/// Stable, machine-readable category of a [`ProblemIssue`].
///
/// The string form ([`IssueCode::as_str`]) never changes meaning between releases; the codes
/// shared with `flowcast_core::ErrorCode` (`not_finite`, `negative`, `length_mismatch`,
/// `out_of_range`, `empty`) mean the same thing there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum IssueCode {
    /// NaN, or ±∞ where only a finite number makes sense.
    NotFinite,
    /// A negative quantity, time, cost or matrix entry.
    Negative,
    /// A time window (or shift) that closes before it opens.
    WindowInverted,
    /// A demand or capacity with a number of values other than the problem's load dimensions.
    LengthMismatch,
    /// A distance or duration matrix whose side is not the number of locations, or a ragged one.
    MatrixSize,
    /// A depot index past the last depot.
    OutOfRange,
    /// No depots, or no vehicle types.
    Empty,
    /// Vehicle types exist but every count is 0.
    NoVehicles,
    /// A vehicle type's shift does not overlap its start depot's opening hours, or it must be
    /// back at its end depot before it may leave: no route of it can ever be on time.
    EmptyShift,
    /// More locations than a dense matrix is built for (see [`crate::MAX_LOCATIONS`]).
    TooLarge,
    /// A value the reader needs is absent (coordinates without a distance matrix in JSON).
    Missing,
}

impl IssueCode {
    /// The stable string form, e.g. `"window_inverted"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::NotFinite => "not_finite",
            Self::Negative => "negative",
            Self::WindowInverted => "window_inverted",
            Self::LengthMismatch => "length_mismatch",
            Self::MatrixSize => "matrix_size",
            Self::OutOfRange => "out_of_range",
            Self::Empty => "empty",
            Self::NoVehicles => "no_vehicles",
            Self::EmptyShift => "empty_shift",
            Self::TooLarge => "too_large",
            Self::Missing => "missing",
        }
    }
}

impl fmt::Display for IssueCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing wrong with a problem.
///
/// Displayed as `location: cause [code]; fix: action`, for example
/// `clients[17].tw_late: 5 is before tw_early 10 [window_inverted]; fix: ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProblemIssue {
    /// Stable category.
    pub code: IssueCode,
    /// Where, as a path into the model: `clients[17].tw_late`, `vehicle_types[0].capacity[1]`,
    /// `distance[3][4]` (the JSON reader rewrites the names to its camelCase keys).
    pub location: String,
    /// What is wrong, with the offending value.
    pub cause: String,
    /// A suggested fix.
    pub action: String,
}

impl ProblemIssue {
    /// An issue from its parts.
    pub fn new(
        code: IssueCode,
        location: impl Into<String>,
        cause: impl Into<String>,
        action: impl Into<String>,
    ) -> Self {
        Self {
            code,
            location: location.into(),
            cause: cause.into(),
            action: action.into(),
        }
    }
}

impl fmt::Display for ProblemIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} [{}]; fix: {}",
            self.location, self.cause, self.code, self.action
        )
    }
}

/// Every issue found in a problem (at least one), in the order the model lists its parts:
/// depots, clients, vehicle types, matrices. Displayed one issue per line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ProblemErrors(pub Vec<ProblemIssue>);

impl ProblemErrors {
    /// The issues.
    pub fn issues(&self) -> &[ProblemIssue] {
        &self.0
    }

    /// The distinct codes, in order of first appearance.
    pub fn codes(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        for i in &self.0 {
            if !out.contains(&i.code.as_str()) {
                out.push(i.code.as_str());
            }
        }
        out
    }
}

impl fmt::Display for ProblemErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (k, issue) in self.0.iter().enumerate() {
            if k > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{issue}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_snake_case() {
        let all = [
            IssueCode::NotFinite,
            IssueCode::Negative,
            IssueCode::WindowInverted,
            IssueCode::LengthMismatch,
            IssueCode::MatrixSize,
            IssueCode::OutOfRange,
            IssueCode::Empty,
            IssueCode::NoVehicles,
            IssueCode::EmptyShift,
            IssueCode::TooLarge,
            IssueCode::Missing,
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

    #[test]
    fn display_is_one_issue_per_line() {
        let e = ProblemErrors(vec![
            ProblemIssue::new(IssueCode::Empty, "depots", "no depots", "add a depot"),
            ProblemIssue::new(
                IssueCode::Negative,
                "clients[0].service",
                "-1",
                "use 0 or more",
            ),
        ]);
        assert_eq!(
            e.to_string(),
            "depots: no depots [empty]; fix: add a depot\n\
             clients[0].service: -1 [negative]; fix: use 0 or more"
        );
        assert_eq!(e.codes(), ["empty", "negative"]);
    }
}

#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

pub mod check;
pub mod format;
pub mod model;
pub mod search;
pub mod solution;

pub use check::{CheckReport, RouteReport, Stop, TOLERANCE, Violation, check, check_route};
pub use format::{Format, FormatError, detect, read};
pub use model::{
    Client, Depot, IssueCode, MAX_LOCATIONS, Matrix, MatrixError, Problem, ProblemErrors,
    ProblemIssue, Rounding, Unservable, VehicleType,
};
pub use search::{SolveError, SolveOptions, SolveResult, Unserved, solve, solve_with};
pub use solution::{Route, Solution};

#[cfg(test)]
mod tests {
    /// Every public type can cross threads, so a solver can share a problem between workers.
    #[test]
    fn public_types_are_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<super::Problem>();
        check::<super::Solution>();
        check::<super::CheckReport>();
        check::<super::ProblemErrors>();
        check::<super::FormatError>();
        check::<super::Matrix>();
    }
}

//! Temperature excursions: detection over a log, stability budgets, the USP MKT rule, and a
//! verdict with reasons; batch ([`analyze`]) or streaming ([`Tracker`]), with the same answers.
//!
//! Semantics (the same in both):
//! - timestamps are minutes (any origin) and must strictly increase;
//! - sample and hold: reading i holds on [tᵢ, tᵢ₊₁); the last reading carries no duration;
//! - a hold longer than [`Rules::max_gap`] is credited `max_gap` and the rest is a gap, flagged
//!   and credited to nothing (an excursion is cut there);
//! - out of range means above `range.hi` or below `range.lo`: boundaries are in range;
//! - an excursion is a maximal out-of-range run of one kind; runs shorter than
//!   [`Rules::min_duration`] are counted in the minutes but not as excursions;
//! - MKT weights each reading by its credited hold;
//! - a stability budget counts the credited minutes with readings in its band.

mod report;
mod rules;
mod tracker;

pub use report::{Band, BudgetUse, Excursion, Gap, Kind, Reason, Report, Status, Verdict};
pub use rules::{DAY_MIN, Interval, Rules, StabilityBudget};
pub use tracker::{Signals, Tracker};

use flowcast_core::check;

use crate::error::Result;

/// Readings validated and taken in together by [`analyze`] (2 × 64 KiB of input).
const CHUNK: usize = 8192;

/// Analyses one temperature log: `temps_c[i]` read at `timestamps[i]` minutes.
///
/// ```
/// use flowcast_expiry::excursion::{Rules, Status, analyze};
/// let t = [0.0, 5.0, 10.0, 15.0, 20.0];
/// let temps = [6.0, 8.5, 9.0, 7.0, 5.0];
/// let report = analyze(&t, &temps, &Rules::refrigerated())?;
/// assert_eq!(report.events.len(), 1);
/// assert_eq!((report.events[0].start_min, report.events[0].duration_min, report.events[0].peak_c), (5.0, 10.0, 9.0));
/// assert_eq!(report.verdict.status, Status::Reject);
/// # Ok::<(), flowcast_expiry::Error>(())
/// ```
///
/// # Errors
/// Invalid rules; an empty log; lengths that differ; timestamps that are not finite or do not
/// strictly increase (`timestamps[i]`, code `not_increasing`); NaN temperatures or ones at or
/// below absolute zero (`temps_c[i]`).
pub fn analyze(timestamps: &[f64], temps_c: &[f64], rules: &Rules) -> Result<Report> {
    check::non_empty("temps_c", temps_c.len())?;
    check::same_len("timestamps", timestamps.len(), "temps_c", temps_c.len())?;
    let mut tracker = Tracker::new(rules.clone())?;
    // In chunks that stay in cache between their validation and their processing: one pass
    // over memory instead of two (the same operations in the same order as one `extend`).
    for (t, v) in timestamps.chunks(CHUNK).zip(temps_c.chunks(CHUNK)) {
        tracker.extend(t, v)?;
    }
    Ok(tracker.report())
}

/// [`analyze`] for many logs at once (one per sensor or lot): log `j` is
/// `timestamps[bounds[j]..bounds[j + 1]]`. Indexes in errors are positions in the whole arrays.
///
/// # Errors
/// As [`analyze`], and `bounds` that do not start at 0, end at the number of readings and
/// strictly increase.
pub fn analyze_many(
    timestamps: &[f64],
    temps_c: &[f64],
    bounds: &[usize],
    rules: &Rules,
) -> Result<Vec<Report>> {
    check::same_len("timestamps", timestamps.len(), "temps_c", temps_c.len())?;
    crate::mkt::check_bounds(bounds, temps_c.len())?;
    bounds
        .windows(2)
        .map(|b| {
            analyze(&timestamps[b[0]..b[1]], &temps_c[b[0]..b[1]], rules).map_err(|e| {
                let crate::Error::Invalid(v) = e;
                v.offset(b[0]).into()
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;

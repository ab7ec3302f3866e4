//! Progress callbacks with no-op defaults: implement only what you need.

use crate::search::SearchSummary;
use crate::stop::SearchStatus;

/// Receives events from a running search. Every method has a no-op default.
///
/// ```
/// use flowcast_core::{Progress, SearchStatus};
/// #[derive(Default)]
/// struct CountBest(u32);
/// impl Progress for CountBest {
///     fn on_best(&mut self, _status: &SearchStatus) { self.0 += 1; }
/// }
/// ```
pub trait Progress {
    /// The search is about to start.
    fn on_start(&mut self) {}
    /// An iteration finished; `fraction` estimates the share of the budget used, in [0, 1].
    fn on_iteration(&mut self, _status: &SearchStatus, _fraction: f64) {}
    /// The iteration just recorded improved the best cost.
    fn on_best(&mut self, _status: &SearchStatus) {}
    /// The search ended.
    fn on_end(&mut self, _summary: &SearchSummary) {}
}

/// Ignores every event.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {}

impl<P: Progress + ?Sized> Progress for &mut P {
    fn on_start(&mut self) {
        (**self).on_start();
    }
    fn on_iteration(&mut self, status: &SearchStatus, fraction: f64) {
        (**self).on_iteration(status, fraction);
    }
    fn on_best(&mut self, status: &SearchStatus) {
        (**self).on_best(status);
    }
    fn on_end(&mut self, summary: &SearchSummary) {
        (**self).on_end(summary);
    }
}

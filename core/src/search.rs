//! One loop guard for iterative searches: stopping criteria, clock, cancellation and progress
//! wired together, so solvers only say what an iteration does.

use std::time::Duration;

use crate::cancel::CancellationToken;
use crate::clock::Clock;
use crate::progress::Progress;
use crate::stop::{SearchStatus, StoppingCriterion};

/// Why a search ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopReason {
    /// The stopping criterion was met.
    Criterion,
    /// The cancellation token was raised.
    Cancelled,
}

/// What a finished search reports.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SearchSummary {
    /// Iterations recorded.
    pub iterations: u64,
    /// Best cost recorded (`+∞` if none).
    pub best_cost: f64,
    /// Time from start to finish.
    pub elapsed: Duration,
    /// Why it ended; `None` if the caller finished it before any stop condition.
    pub stopped_by: Option<StopReason>,
}

/// Guards a search loop: `while search.keep_going() { …; search.record(cost) }`.
///
/// `keep_going` reads the clock and the cancellation token and checks the criterion; `record`
/// counts the iteration, tracks the best cost and reports progress.
pub struct Search<'c, P: Progress> {
    stop: StoppingCriterion,
    clock: &'c dyn Clock,
    origin: Duration,
    cancel: CancellationToken,
    progress: P,
    status: SearchStatus,
    stopped_by: Option<StopReason>,
}

impl<'c, P: Progress> Search<'c, P> {
    /// Starts a search now (by `clock`) and tells `progress`.
    pub fn new(
        stop: StoppingCriterion,
        clock: &'c dyn Clock,
        cancel: CancellationToken,
        mut progress: P,
    ) -> Self {
        progress.on_start();
        Self {
            stop,
            origin: clock.now(),
            clock,
            cancel,
            progress,
            status: SearchStatus::default(),
            stopped_by: None,
        }
    }

    /// Whether to run another iteration: false once cancelled or the criterion is met.
    pub fn keep_going(&mut self) -> bool {
        if self.stopped_by.is_some() {
            return false;
        }
        self.status.elapsed = self.clock.now().saturating_sub(self.origin);
        if self.cancel.is_cancelled() {
            self.stopped_by = Some(StopReason::Cancelled);
        } else if self.stop.is_met(&self.status) {
            self.stopped_by = Some(StopReason::Criterion);
        }
        self.stopped_by.is_none()
    }

    /// Records one finished iteration that reached `cost`; returns whether it improved the best.
    pub fn record(&mut self, cost: f64) -> bool {
        self.status.iterations += 1;
        let improved = cost < self.status.best_cost;
        if improved {
            self.status.best_cost = cost;
            self.status.iterations_since_improvement = 0;
            self.progress.on_best(&self.status);
        } else {
            self.status.iterations_since_improvement += 1;
        }
        let fraction = self.stop.progress(&self.status);
        self.progress.on_iteration(&self.status, fraction);
        improved
    }

    /// The current status (elapsed time as of the last `keep_going`).
    pub fn status(&self) -> &SearchStatus {
        &self.status
    }

    /// Estimated fraction of the budget used, in [0, 1].
    pub fn fraction_done(&self) -> f64 {
        self.stop.progress(&self.status)
    }

    /// Ends the search, tells `progress`, and returns the summary.
    pub fn finish(mut self) -> SearchSummary {
        let summary = SearchSummary {
            iterations: self.status.iterations,
            best_cost: self.status.best_cost,
            elapsed: self.clock.now().saturating_sub(self.origin),
            stopped_by: self.stopped_by,
        };
        self.progress.on_end(&summary);
        summary
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;
    use crate::progress::NoProgress;

    #[derive(Default)]
    struct Log {
        started: bool,
        iterations: u64,
        bests: Vec<f64>,
        fractions: Vec<f64>,
        ended: Option<SearchSummary>,
    }

    impl Progress for Log {
        fn on_start(&mut self) {
            self.started = true;
        }
        fn on_iteration(&mut self, _s: &SearchStatus, fraction: f64) {
            self.iterations += 1;
            self.fractions.push(fraction);
        }
        fn on_best(&mut self, s: &SearchStatus) {
            self.bests.push(s.best_cost);
        }
        fn on_end(&mut self, summary: &SearchSummary) {
            self.ended = Some(*summary);
        }
    }

    #[test]
    fn deadline_stops_the_loop_on_the_injected_clock() {
        let clock = ManualClock::default();
        let stop = StoppingCriterion::Deadline(Duration::from_secs(1));
        let mut search = Search::new(stop, &clock, CancellationToken::new(), NoProgress);
        let mut n = 0;
        while search.keep_going() {
            clock.advance(Duration::from_millis(100));
            search.record(1.0);
            n += 1;
        }
        assert_eq!(n, 10);
        let summary = search.finish();
        assert_eq!(summary.stopped_by, Some(StopReason::Criterion));
        assert_eq!(summary.elapsed, Duration::from_secs(1));
    }

    #[test]
    fn no_improvement_counts_from_the_last_best_and_progress_is_reported() {
        let clock = ManualClock::default();
        let mut log = Log::default();
        let stop = StoppingCriterion::NoImprovement(3);
        let mut search = Search::new(stop, &clock, CancellationToken::new(), &mut log);
        let costs = [5.0, 4.0, 4.0, 3.0, 3.5, 3.0, 9.0, 1.0];
        let mut seen = 0;
        while search.keep_going() {
            search.record(costs[seen]);
            seen += 1;
        }
        let summary = search.finish();
        // 5, 4 (best), 4, 3 (best), 3.5, 3, 9 -> three without improvement after 3.
        assert_eq!(seen, 7);
        assert_eq!(summary.best_cost, 3.0);
        assert!(log.started);
        assert_eq!(log.iterations, 7);
        assert_eq!(log.bests, vec![5.0, 4.0, 3.0]);
        assert_eq!(*log.fractions.last().unwrap(), 1.0);
        assert!(log.fractions.iter().all(|f| (0.0..=1.0).contains(f)));
        assert_eq!(log.ended.unwrap().iterations, 7);
    }

    #[test]
    fn cancellation_wins_over_an_unmet_criterion() {
        let clock = ManualClock::default();
        let token = CancellationToken::new();
        let stop = StoppingCriterion::MaxIterations(1_000);
        let mut search = Search::new(stop, &clock, token.clone(), NoProgress);
        let mut n = 0;
        while search.keep_going() {
            n += 1;
            if n == 5 {
                token.cancel();
            }
            search.record(f64::from(n));
        }
        assert!(!search.keep_going());
        assert_eq!(search.fraction_done(), 0.005);
        assert_eq!(search.status().iterations, 5);
        assert_eq!(search.finish().stopped_by, Some(StopReason::Cancelled));
    }
}

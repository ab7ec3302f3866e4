//! When an iterative search stops, and how far along it is.

use std::time::Duration;

/// What a stopping criterion can see of a running search.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SearchStatus {
    /// Completed iterations.
    pub iterations: u64,
    /// Iterations completed since the best cost last improved.
    pub iterations_since_improvement: u64,
    /// Time since the search started.
    pub elapsed: Duration,
    /// Best cost recorded so far (`+∞` before the first record).
    pub best_cost: f64,
}

impl Default for SearchStatus {
    fn default() -> Self {
        Self {
            iterations: 0,
            iterations_since_improvement: 0,
            elapsed: Duration::ZERO,
            best_cost: f64::INFINITY,
        }
    }
}

/// A rule that ends a search, composable with [`StoppingCriterion::any`] and
/// [`StoppingCriterion::all`].
///
/// Each criterion also estimates the fraction of its budget used, in [0, 1]; `Any` reports the
/// largest of its parts (the one closest to firing), `All` the smallest.
///
/// ```
/// use flowcast_core::{SearchStatus, StoppingCriterion};
/// use std::time::Duration;
/// let stop = StoppingCriterion::any([
///     StoppingCriterion::MaxIterations(100),
///     StoppingCriterion::Deadline(Duration::from_secs(10)),
/// ]);
/// let status = SearchStatus { iterations: 25, elapsed: Duration::from_secs(5), ..Default::default() };
/// assert!(!stop.is_met(&status));
/// assert_eq!(stop.progress(&status), 0.5);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum StoppingCriterion {
    /// Stop once this much time has elapsed.
    Deadline(Duration),
    /// Stop after this many iterations.
    MaxIterations(u64),
    /// Stop after this many consecutive iterations without a better cost.
    NoImprovement(u64),
    /// Stop as soon as the best cost is at or below this value.
    TargetCost(f64),
    /// Stop when any part is met.
    Any(Vec<StoppingCriterion>),
    /// Stop when every part is met.
    All(Vec<StoppingCriterion>),
}

fn ratio(done: f64, budget: f64) -> f64 {
    if budget <= 0.0 {
        1.0
    } else {
        (done / budget).clamp(0.0, 1.0)
    }
}

impl StoppingCriterion {
    /// Stop when any of `parts` is met.
    pub fn any(parts: impl IntoIterator<Item = StoppingCriterion>) -> Self {
        Self::Any(parts.into_iter().collect())
    }

    /// Stop when all of `parts` are met.
    pub fn all(parts: impl IntoIterator<Item = StoppingCriterion>) -> Self {
        Self::All(parts.into_iter().collect())
    }

    /// Whether the search should stop now. An empty `Any` never fires; an empty `All` always does.
    pub fn is_met(&self, s: &SearchStatus) -> bool {
        match self {
            Self::Deadline(d) => s.elapsed >= *d,
            Self::MaxIterations(n) => s.iterations >= *n,
            Self::NoImprovement(n) => s.iterations_since_improvement >= *n,
            Self::TargetCost(t) => s.best_cost <= *t,
            Self::Any(parts) => parts.iter().any(|c| c.is_met(s)),
            Self::All(parts) => parts.iter().all(|c| c.is_met(s)),
        }
    }

    /// Estimated fraction of the budget used, in [0, 1]. A met criterion reports 1; a target
    /// cost reports 0 until it is reached (its distance is not a budget).
    pub fn progress(&self, s: &SearchStatus) -> f64 {
        if self.is_met(s) {
            return 1.0;
        }
        match self {
            Self::Deadline(d) => ratio(s.elapsed.as_secs_f64(), d.as_secs_f64()),
            Self::MaxIterations(n) => ratio(s.iterations as f64, *n as f64),
            Self::NoImprovement(n) => ratio(s.iterations_since_improvement as f64, *n as f64),
            Self::TargetCost(_) => 0.0,
            Self::Any(parts) => parts.iter().map(|c| c.progress(s)).fold(0.0, f64::max),
            Self::All(parts) => parts.iter().map(|c| c.progress(s)).fold(1.0, f64::min),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn status(iterations: u64, since: u64, secs: f64, best: f64) -> SearchStatus {
        SearchStatus {
            iterations,
            iterations_since_improvement: since,
            elapsed: Duration::from_secs_f64(secs),
            best_cost: best,
        }
    }

    #[test]
    fn each_leaf_fires_at_its_bound() {
        let s = status(10, 4, 2.0, 7.0);
        assert!(StoppingCriterion::MaxIterations(10).is_met(&s));
        assert!(!StoppingCriterion::MaxIterations(11).is_met(&s));
        assert!(StoppingCriterion::NoImprovement(4).is_met(&s));
        assert!(!StoppingCriterion::NoImprovement(5).is_met(&s));
        assert!(StoppingCriterion::Deadline(Duration::from_secs(2)).is_met(&s));
        assert!(!StoppingCriterion::Deadline(Duration::from_secs(3)).is_met(&s));
        assert!(StoppingCriterion::TargetCost(7.0).is_met(&s));
        assert!(!StoppingCriterion::TargetCost(6.9).is_met(&s));
    }

    #[test]
    fn any_and_all_combine() {
        let s = status(10, 0, 1.0, 5.0);
        let it = StoppingCriterion::MaxIterations(10);
        let time = StoppingCriterion::Deadline(Duration::from_secs(4));
        assert!(StoppingCriterion::any([it.clone(), time.clone()]).is_met(&s));
        assert!(!StoppingCriterion::all([it.clone(), time.clone()]).is_met(&s));
        let all = StoppingCriterion::all([StoppingCriterion::MaxIterations(20), time]);
        assert_eq!(all.progress(&s), 0.25);
        assert!(!StoppingCriterion::any([]).is_met(&s));
        assert!(StoppingCriterion::all([]).is_met(&s));
    }

    #[test]
    fn zero_budgets_are_met_at_once() {
        let s = SearchStatus::default();
        assert!(StoppingCriterion::MaxIterations(0).is_met(&s));
        assert_eq!(
            StoppingCriterion::Deadline(Duration::ZERO).progress(&s),
            1.0
        );
    }

    fn leaf() -> impl Strategy<Value = StoppingCriterion> {
        prop_oneof![
            (0u64..50).prop_map(|ms| StoppingCriterion::Deadline(Duration::from_millis(ms))),
            (0u64..50).prop_map(StoppingCriterion::MaxIterations),
            (0u64..50).prop_map(StoppingCriterion::NoImprovement),
            (-10.0f64..10.0).prop_map(StoppingCriterion::TargetCost),
        ]
    }

    fn criterion() -> impl Strategy<Value = StoppingCriterion> {
        leaf().prop_recursive(3, 16, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(StoppingCriterion::Any),
                prop::collection::vec(inner, 0..4).prop_map(StoppingCriterion::All),
            ]
        })
    }

    proptest! {
        #[test]
        fn progress_is_in_unit_interval_and_one_when_met(
            c in criterion(), it in 0u64..100, since in 0u64..100, ms in 0u64..100, best in -20.0f64..20.0
        ) {
            let s = status(it, since.min(it), ms as f64 / 1000.0, best);
            let p = c.progress(&s);
            prop_assert!((0.0..=1.0).contains(&p));
            if c.is_met(&s) { prop_assert_eq!(p, 1.0); }
        }

        #[test]
        fn more_iterations_never_unmeet_an_iteration_limit(n in 0u64..100, it in 0u64..100) {
            let c = StoppingCriterion::MaxIterations(n);
            if c.is_met(&status(it, 0, 0.0, 0.0)) {
                prop_assert!(c.is_met(&status(it + 1, 0, 0.0, 0.0)));
            }
        }
    }
}

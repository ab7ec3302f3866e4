//! What every search worker is given and returns, and the best solution workers share.

use std::sync::Mutex;

use flowcast_core::Rng;

use super::data::Data;
use super::individual::Individual;
use super::local_search::Routes;

/// The best solution any worker has found (shared between workers).
#[derive(Debug, Default)]
pub(crate) struct Shared {
    best: Mutex<Option<Individual>>,
}

impl Shared {
    pub(crate) fn offer(&self, ind: &Individual) {
        if let Ok(mut best) = self.best.lock() {
            if best.as_ref().is_none_or(|b| ind.cost < b.cost - 1e-9) {
                *best = Some(ind.clone());
            }
        }
    }

    pub(crate) fn better_than(&self, cost: f64) -> Option<Individual> {
        let best = self.best.lock().ok()?;
        best.as_ref().filter(|b| b.cost < cost - 1e-9).cloned()
    }
}

/// What one worker needs.
pub(crate) struct Worker<'a> {
    pub data: &'a Data,
    /// Vehicle type of each route slot.
    pub slots: &'a [usize],
    /// Clients to route (servable ones).
    pub clients: &'a [usize],
    pub rng: Rng,
    pub initial: Option<Routes>,
    pub shared: Option<&'a Shared>,
    /// Returns true when the search must stop now (deadline passed or cancelled).
    pub interrupted: &'a (dyn Fn() -> bool + Sync),
}

/// What a worker found.
pub(crate) struct Found {
    pub best: Option<Individual>,
    pub best_infeasible: Option<Individual>,
    pub iterations: u64,
}

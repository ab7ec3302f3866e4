//! Adaptive penalty weights (Vidal et al. 2012): every `PERIOD` local-search results, each
//! weight grows when fewer than the target share of solutions met its constraint and shrinks
//! when more did, so the search keeps moving along the boundary of the feasible region.

use super::route::Penalties;

const PERIOD: usize = 100;
const UP: f64 = 1.2;
const DOWN: f64 = 0.85;
const MIN: f64 = 0.1;
const MAX: f64 = 100_000.0;

/// The weights and the recent feasibility record.
#[derive(Debug, Clone)]
pub(crate) struct PenaltyManager {
    pub pen: Penalties,
    /// Target share of feasible results.
    target: f64,
    load_ok: Vec<bool>,
    time_ok: Vec<bool>,
}

impl PenaltyManager {
    pub(crate) fn new(pen: Penalties, target: f64) -> Self {
        Self {
            pen,
            target,
            load_ok: Vec::with_capacity(PERIOD),
            time_ok: Vec::with_capacity(PERIOD),
        }
    }

    /// Records one local-search result; adjusts the weights at the end of a period.
    pub(crate) fn record(&mut self, load_excess: f64, time_excess: f64) {
        self.load_ok.push(load_excess <= 1e-9);
        self.time_ok.push(time_excess <= 1e-9);
        if self.load_ok.len() == PERIOD {
            self.pen.load = adjust(self.pen.load, &self.load_ok, self.target);
            self.pen.time = adjust(self.pen.time, &self.time_ok, self.target);
            self.load_ok.clear();
            self.time_ok.clear();
        }
    }

    /// Weights for repairing an infeasible solution.
    pub(crate) fn repair(&self) -> Penalties {
        Penalties {
            load: (self.pen.load * 10.0).min(MAX),
            time: (self.pen.time * 10.0).min(MAX),
        }
    }
}

fn adjust(weight: f64, ok: &[bool], target: f64) -> f64 {
    let share = ok.iter().filter(|&&b| b).count() as f64 / ok.len() as f64;
    if share < target - 0.05 {
        (weight * UP).min(MAX)
    } else if share > target + 0.05 {
        (weight * DOWN).max(MIN)
    } else {
        weight
    }
}

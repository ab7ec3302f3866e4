//! Clients no vehicle can serve, even alone on a route, and why.

use std::fmt;

use super::Problem;
use crate::check::{Violation, check_route};
use crate::solution::Route;

/// Why no vehicle can serve a client, even on a route of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Unservable {
    /// Its demand in `dimension` exceeds the capacity of the vehicle.
    DemandExceedsCapacity {
        /// The load dimension.
        dimension: usize,
    },
    /// Leaving the start depot as early as allowed, the vehicle arrives after the client's
    /// `tw_late`.
    TimeWindowUnreachable,
    /// The vehicle can reach the client in time but cannot be back at its end depot before the
    /// shift ends or the depot closes.
    CannotReturnInTime,
    /// The shortest possible route to the client and back takes longer than `max_duration`.
    MaxDurationTooShort,
    /// The route to the client and back is longer than `max_distance`.
    MaxDistanceTooShort,
}

impl Unservable {
    /// The stable string code, e.g. `"time_window_unreachable"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::DemandExceedsCapacity { .. } => "demand_exceeds_capacity",
            Self::TimeWindowUnreachable => "time_window_unreachable",
            Self::CannotReturnInTime => "cannot_return_in_time",
            Self::MaxDurationTooShort => "max_duration_too_short",
            Self::MaxDistanceTooShort => "max_distance_too_short",
        }
    }

    /// The order of the checks: a vehicle type that fails a later check came closer to serving
    /// the client.
    fn rank(self) -> u8 {
        match self {
            Self::DemandExceedsCapacity { .. } => 0,
            Self::TimeWindowUnreachable => 1,
            Self::CannotReturnInTime => 2,
            Self::MaxDurationTooShort => 3,
            Self::MaxDistanceTooShort => 4,
        }
    }
}

impl fmt::Display for Unservable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::DemandExceedsCapacity { dimension } => {
                write!(f, "demand exceeds every capacity in dimension {dimension}")
            }
            Self::TimeWindowUnreachable => f.write_str("its time window cannot be reached"),
            Self::CannotReturnInTime => f.write_str("no vehicle can be back at its depot in time"),
            Self::MaxDurationTooShort => f.write_str("a route to it exceeds every max_duration"),
            Self::MaxDistanceTooShort => f.write_str("a route to it exceeds every max_distance"),
        }
    }
}

impl Problem {
    /// Why no vehicle can serve client `c`, even on a route of its own, or `None` when some
    /// vehicle type (with a count of 1 or more) can.
    ///
    /// Each vehicle type is tried in turn against the checks in the order of [`Unservable`]:
    /// capacity, reaching the window from its start depot, getting back to its end depot within
    /// its shift, `max_duration`, `max_distance` (with the checker's tolerance). When every type
    /// fails, the reason given is the one of the type that got furthest through that list (the
    /// first such type on a tie), which is the most useful to fix.
    ///
    /// ```
    /// use flowcast_vrp::{Client, Depot, Problem, Rounding, Unservable, VehicleType};
    /// let p = Problem::from_coordinates(
    ///     "p",
    ///     vec![Depot::new("d", 0.0, 0.0)],
    ///     vec![Client::new("big", 1.0, 0.0, vec![12.0]), Client::new("ok", 2.0, 0.0, vec![1.0])],
    ///     vec![VehicleType::new("van", 3, vec![10.0])],
    ///     Rounding::Exact,
    /// )?;
    /// assert_eq!(p.unservable_reason(0), Some(Unservable::DemandExceedsCapacity { dimension: 0 }));
    /// assert_eq!(p.unservable_reason(0).unwrap().as_str(), "demand_exceeds_capacity");
    /// assert_eq!(p.unservable_reason(1), None);
    /// # Ok::<(), flowcast_vrp::ProblemErrors>(())
    /// ```
    ///
    /// # Panics
    /// If `c` is not a client index.
    pub fn unservable_reason(&self, c: usize) -> Option<Unservable> {
        assert!(c < self.clients().len(), "client {c} does not exist");
        let mut best: Option<Unservable> = None;
        for (v, vt) in self.vehicle_types().iter().enumerate() {
            if vt.count == 0 {
                continue;
            }
            let (_, violations) = check_route(self, 0, &Route::new(v, vec![c]));
            let reason = violations
                .iter()
                .filter_map(|x| match *x {
                    Violation::CapacityExceeded { dimension, .. } => {
                        Some(Unservable::DemandExceedsCapacity { dimension })
                    }
                    Violation::TimeWindowMissed { .. } => Some(Unservable::TimeWindowUnreachable),
                    Violation::LateReturn { .. } => Some(Unservable::CannotReturnInTime),
                    Violation::MaxDurationExceeded { .. } => Some(Unservable::MaxDurationTooShort),
                    Violation::MaxDistanceExceeded { .. } => Some(Unservable::MaxDistanceTooShort),
                    _ => None,
                })
                .min_by_key(|r| r.rank());
            match reason {
                None => return None,
                Some(r) if best.is_none_or(|b| r.rank() > b.rank()) => best = Some(r),
                Some(_) => {}
            }
        }
        best
    }

    /// Every client no vehicle can serve, with the reason ([`Problem::unservable_reason`]).
    pub fn unservable_clients(&self) -> Vec<(usize, Unservable)> {
        (0..self.clients().len())
            .filter_map(|c| self.unservable_reason(c).map(|r| (c, r)))
            .collect()
    }
}

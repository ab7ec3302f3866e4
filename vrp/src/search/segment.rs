//! Loads and time-window segments: the summaries of a stretch of a route that concatenate in
//! O(1), so a move is priced from the pieces it leaves in place (Vidal et al. 2013,
//! "A hybrid genetic algorithm with adaptive diversity management for a large class of vehicle
//! routing problems with time-windows").

/// Load dimensions the solver carries inline (problems with more are refused by [`super::solve`]).
pub(crate) const MAX_DIMS: usize = 4;

/// Demand or load in each dimension.
pub(crate) type Load = [f64; MAX_DIMS];

/// `a + b` per dimension.
#[inline(always)]
pub(crate) fn add(a: &Load, b: &Load) -> Load {
    [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]]
}

/// `a − b` per dimension.
#[inline(always)]
pub(crate) fn sub(a: &Load, b: &Load) -> Load {
    [a[0] - b[0], a[1] - b[1], a[2] - b[2], a[3] - b[3]]
}

/// Total load above capacity, over the dimensions.
#[inline(always)]
pub(crate) fn excess(load: &Load, capacity: &Load) -> f64 {
    (load[0] - capacity[0]).max(0.0)
        + (load[1] - capacity[1]).max(0.0)
        + (load[2] - capacity[2]).max(0.0)
        + (load[3] - capacity[3]).max(0.0)
}

/// The time summary of a sequence of visits: its minimum duration (service, travel and
/// unavoidable waiting), the time warp it needs (how much the vehicle would have to travel back
/// in time to meet every window), and the window of start times achieving both.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Seg {
    pub duration: f64,
    pub time_warp: f64,
    pub earliest: f64,
    pub latest: f64,
}

impl Seg {
    /// A single visit: `service` long, to start in `[early, late]`.
    pub(crate) fn visit(service: f64, early: f64, late: f64) -> Self {
        Self {
            duration: service,
            time_warp: 0.0,
            earliest: early,
            latest: late,
        }
    }

    /// This sequence, then `travel`, then `next`.
    #[inline(always)]
    pub(crate) fn then(&self, travel: f64, next: &Seg) -> Seg {
        let delta = self.duration - self.time_warp + travel;
        let wait = (next.earliest - delta - self.latest).max(0.0);
        let warp = (self.earliest + delta - next.latest).max(0.0);
        Seg {
            duration: self.duration + next.duration + travel + wait,
            time_warp: self.time_warp + next.time_warp + warp,
            earliest: (next.earliest - delta).max(self.earliest) - wait,
            latest: (next.latest - delta).min(self.latest) + warp,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waiting_and_lateness_are_found() {
        // Depot open [0, 100]; client A service 5 in [20, 30]; travel 10.
        let depot = Seg::visit(0.0, 0.0, 100.0);
        let a = Seg::visit(5.0, 20.0, 30.0);
        let s = depot.then(10.0, &a);
        // Leave at 10, arrive at 20: no waiting, duration 15.
        assert_eq!(
            (s.duration, s.time_warp, s.earliest, s.latest),
            (15.0, 0.0, 10.0, 20.0)
        );
        // B in [0, 12] right after A: served from 20 to 25 at best, so 13 late.
        let b = Seg::visit(1.0, 0.0, 12.0);
        let s = s.then(0.0, &b);
        assert_eq!(s.time_warp, 13.0);
        // Two visits with a forced wait: C [50, 60] right after the depot at 0..0 must wait.
        let early = Seg::visit(0.0, 0.0, 0.0).then(10.0, &Seg::visit(0.0, 50.0, 60.0));
        assert_eq!((early.duration, early.time_warp), (50.0, 0.0));
        assert_eq!(excess(&[5.0, 1.0, 0.0, 0.0], &[4.0, 2.0, 0.0, 0.0]), 1.0);
    }
}

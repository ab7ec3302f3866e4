//! How many worker threads a call may use.

use std::num::NonZeroUsize;

/// Thread-count setting for parallel work. The default uses every available core.
///
/// ```
/// use flowcast_core::Threads;
/// assert_eq!(Threads::from_count(0), Threads::All);
/// assert_eq!(Threads::from_count(3).resolve(2), 3);
/// assert_eq!(Threads::All.resolve(8), 8);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Threads {
    /// One thread per available core.
    #[default]
    All,
    /// Exactly this many threads (oversubscription is the caller's choice).
    Exactly(NonZeroUsize),
}

impl Threads {
    /// `0` means every core (the CLI and binding convention); any other count is taken as is.
    pub fn from_count(n: usize) -> Self {
        NonZeroUsize::new(n).map_or(Self::All, Self::Exactly)
    }

    /// The thread count given `available` cores (at least 1).
    pub fn resolve(self, available: usize) -> usize {
        match self {
            Self::All => available.max(1),
            Self::Exactly(n) => n.get(),
        }
    }

    /// The thread count on this machine (one where parallelism cannot be queried).
    pub fn count(self) -> usize {
        self.resolve(std::thread::available_parallelism().map_or(1, NonZeroUsize::get))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_never_resolves_to_zero() {
        assert_eq!(Threads::All.resolve(0), 1);
        assert!(Threads::All.count() >= 1);
        assert_eq!(Threads::from_count(1).count(), 1);
    }
}

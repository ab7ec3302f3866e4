#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

pub mod cancel;
pub mod check;
pub mod clock;
pub mod column;
pub mod error;
pub mod normal;
pub mod progress;
pub mod rng;
pub mod search;
pub mod special;
pub mod stop;
pub mod threads;

pub use cancel::CancellationToken;
pub use clock::{Clock, ManualClock, SystemClock};
pub use column::Column;
pub use error::{ErrorCode, ValidationError};
pub use progress::{NoProgress, Progress};
pub use rng::Rng;
pub use search::{Search, SearchSummary, StopReason};
pub use stop::{SearchStatus, StoppingCriterion};
pub use threads::Threads;

#[cfg(test)]
mod tests {
    /// Every public type can cross threads, so callers can run searches on worker threads.
    #[test]
    fn public_types_are_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<super::ValidationError>();
        check::<super::Rng>();
        check::<super::StoppingCriterion>();
        check::<super::CancellationToken>();
        check::<super::ManualClock>();
        check::<super::SystemClock>();
        check::<super::Threads>();
        check::<super::SearchSummary>();
    }
}

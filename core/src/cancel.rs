//! A cancellation flag shared between the caller and a running computation.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// A flag that any clone can raise and every clone sees. Long computations poll it between
/// iterations and return their best result so far.
///
/// ```
/// use flowcast_core::CancellationToken;
/// let token = CancellationToken::new();
/// let handle = token.clone();
/// assert!(!token.is_cancelled());
/// handle.cancel();
/// assert!(token.is_cancelled());
/// ```
#[derive(Debug, Clone, Default)]
pub struct CancellationToken(Arc<AtomicBool>);

impl CancellationToken {
    /// A fresh, unraised token.
    pub fn new() -> Self {
        Self::default()
    }

    /// Raises the flag for every clone.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether any clone has raised the flag.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cancel_is_seen_across_threads() {
        let token = CancellationToken::new();
        let remote = token.clone();
        std::thread::spawn(move || remote.cancel()).join().unwrap();
        assert!(token.is_cancelled());
    }
}

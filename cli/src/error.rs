//! The CLI's errors and their exit codes.

use std::fmt;
use std::path::Path;

/// Why a command failed.
#[derive(Debug)]
pub(crate) enum CliError {
    /// The input is wrong: a missing column, a malformed value, an inconsistent file (exit 2).
    BadInput(String),
    /// Reading or writing failed for reasons outside the input's content (exit 1).
    Io(String),
}

impl CliError {
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            Self::BadInput(_) => 2,
            Self::Io(_) => 1,
        }
    }

    pub(crate) fn bad(path: &Path, detail: impl fmt::Display) -> Self {
        Self::BadInput(format!("{}: {detail}", path.display()))
    }

    pub(crate) fn io(path: &Path, err: std::io::Error) -> Self {
        Self::Io(format!("{}: {err}", path.display()))
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BadInput(m) | Self::Io(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for CliError {}

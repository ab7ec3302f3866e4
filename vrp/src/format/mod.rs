//! Reading problems and solutions from text: VRPLIB (CVRPLIB), Solomon, the versioned JSON
//! formats, and CVRPLIB `.sol` solutions. No file I/O: every function takes the text.
//!
//! No input makes these functions panic; malformed text gives a [`FormatError`] naming the
//! 1-based line, and text that parses but describes an invalid problem gives
//! [`FormatError::Invalid`] with every issue. See `docs/vrp-format.md` for the formats.

pub mod json;
pub mod sol;
pub mod solomon;
pub mod vrplib;

use std::fmt;
use std::str::FromStr;

use crate::model::{Problem, ProblemErrors};

pub use json::{from_json, solution_from_json, solution_to_json, to_json};
pub use sol::{parse_sol, solution_from_ids, solution_to_ids, write_sol};
pub use solomon::parse_solomon;
pub use vrplib::parse_vrplib;

/// Why a text could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum FormatError {
    /// The text is malformed at `line` (1-based).
    #[error("line {line}: {message}")]
    Parse {
        /// 1-based line number.
        line: usize,
        /// What is wrong there.
        message: String,
    },
    /// A JSON file of a format version this build does not read.
    #[error(
        "line {line}: unsupported {format} version {version}; this build reads version {supported}"
    )]
    UnsupportedVersion {
        /// 1-based line of the `version` key.
        line: usize,
        /// The format named in the file.
        format: &'static str,
        /// The version found.
        version: u64,
        /// The version this build reads.
        supported: u64,
    },
    /// The text parses but describes an invalid problem.
    #[error("the file describes an invalid problem:\n{0}")]
    Invalid(#[from] ProblemErrors),
}

impl FormatError {
    /// A parse error at `line`.
    pub(crate) fn at(line: usize, message: impl Into<String>) -> Self {
        Self::Parse {
            line,
            message: message.into(),
        }
    }

    /// The 1-based line, when the error is tied to one.
    pub fn line(&self) -> Option<usize> {
        match self {
            Self::Parse { line, .. } | Self::UnsupportedVersion { line, .. } => Some(*line),
            Self::Invalid(_) => None,
        }
    }
}

/// A problem file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// VRPLIB / CVRPLIB (`KEY : value` lines and `*_SECTION`s).
    Vrplib,
    /// Solomon's VRPTW text format.
    Solomon,
    /// The flowcast JSON problem format.
    Json,
}

impl Format {
    /// `"vrplib"`, `"solomon"` or `"json"` (the CLI's `--format` spelling).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Vrplib => "vrplib",
            Self::Solomon => "solomon",
            Self::Json => "json",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A format name that is not `vrplib`, `solomon` or `json`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown format {0:?}: expected vrplib, solomon or json")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    /// Case-insensitive `vrplib`, `solomon` or `json`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "vrplib" => Ok(Self::Vrplib),
            "solomon" => Ok(Self::Solomon),
            "json" => Ok(Self::Json),
            _ => Err(UnknownFormat(s.to_owned())),
        }
    }
}

/// The format of a problem text, from its content: JSON when it starts with `{`; Solomon when a
/// line `VEHICLE` comes before any VRPLIB-looking line (`KEY : value` or `*_SECTION`); VRPLIB
/// otherwise (whose parser then explains what is wrong with text that is none of the three).
///
/// ```
/// use flowcast_vrp::format::{detect, Format};
/// assert_eq!(detect("{\"format\": \"flowcast-vrp-problem\"}"), Format::Json);
/// assert_eq!(detect("C101\n\nVEHICLE\nNUMBER CAPACITY\n 25 200\n"), Format::Solomon);
/// assert_eq!(detect("NAME : X-n101-k25\nDIMENSION : 101\n"), Format::Vrplib);
/// ```
pub fn detect(text: &str) -> Format {
    let text = strip_bom(text);
    if text.trim_start().starts_with('{') {
        return Format::Json;
    }
    for line in text.lines() {
        let line = line.trim();
        let word = line.split_whitespace().next().unwrap_or("");
        if word.eq_ignore_ascii_case("VEHICLE") {
            return Format::Solomon;
        }
        if word.to_ascii_uppercase().ends_with("_SECTION") || line.contains(':') {
            return Format::Vrplib;
        }
    }
    Format::Vrplib
}

/// Reads a problem in `format`, or in the [detected](detect) one when `None`.
///
/// # Errors
/// The format's parse errors, or [`FormatError::Invalid`].
pub fn read(text: &str, format: Option<Format>) -> Result<Problem, FormatError> {
    match format.unwrap_or_else(|| detect(text)) {
        Format::Vrplib => parse_vrplib(text),
        Format::Solomon => parse_solomon(text),
        Format::Json => from_json(text),
    }
}

/// The text without a leading byte-order mark.
pub(crate) fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The non-blank lines, trimmed, with their 1-based numbers.
pub(crate) fn numbered_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    strip_bom(text)
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
}

/// The number of the last line (1 for an empty text), where "missing …" errors point.
pub(crate) fn last_line(text: &str) -> usize {
    text.lines().count().max(1)
}

/// A number token.
pub(crate) fn number(token: &str, line: usize, what: &str) -> Result<f64, FormatError> {
    token
        .parse::<f64>()
        .map_err(|_| FormatError::at(line, format!("{what}: {token:?} is not a number")))
}

/// A non-negative integer token.
pub(crate) fn integer(token: &str, line: usize, what: &str) -> Result<usize, FormatError> {
    token.parse::<usize>().map_err(|_| {
        FormatError::at(
            line,
            format!("{what}: {token:?} is not a whole number of 0 or more"),
        )
    })
}

/// The `N` whitespace-separated fields of a data line (`shape` names them in the error).
pub(crate) fn fields<'a, const N: usize>(
    line: &'a str,
    no: usize,
    shape: &str,
) -> Result<[&'a str; N], FormatError> {
    let parts: Vec<&str> = line.split_whitespace().collect();
    <[&str; N]>::try_from(parts).map_err(|parts| {
        FormatError::at(
            no,
            format!(
                "expected {N} values ({shape}), found {}: {line:?}",
                parts.len()
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for f in [Format::Vrplib, Format::Solomon, Format::Json] {
            assert_eq!(f.as_str().parse::<Format>().unwrap(), f);
        }
        assert!("csv".parse::<Format>().is_err());
        assert_eq!(" JSON ".parse::<Format>().unwrap(), Format::Json);
    }

    #[test]
    fn detection_falls_back_to_vrplib() {
        assert_eq!(detect(""), Format::Vrplib);
        assert_eq!(detect("\u{feff}  {}"), Format::Json);
        assert_eq!(detect("garbage\nmore"), Format::Vrplib);
    }
}

//! Checks on the series and options every model shares.

use flowcast_core::{ErrorCode, ValidationError, check};

use crate::error::Result;

/// A series must be non-empty and finite; returns it.
///
/// # Errors
/// `y` empty (`empty`) or holding NaN/±∞ (`not_finite`, naming the first position).
pub fn finite(y: &[f64]) -> Result<&[f64]> {
    check::non_empty("y", y.len())?;
    if let Some(i) = y.iter().position(|v| !v.is_finite()) {
        return Err(check::finite("y", y[i]).unwrap_err().at(i).into());
    }
    Ok(y)
}

/// `y` must hold at least `n` values for `what`.
///
/// # Errors
/// `out_of_range` on `y` otherwise.
pub fn at_least(y: &[f64], n: usize, what: &str) -> Result<()> {
    if y.len() < n {
        return Err(ValidationError::new(
            ErrorCode::OutOfRange,
            "y",
            format!("{} values", y.len()),
            format!("must hold at least {n} values for {what}"),
        )
        .into());
    }
    Ok(())
}

/// Prediction levels must lie in (0, 1).
///
/// # Errors
/// `out_of_range` on `levels[i]`.
pub fn levels(levels: &[f64]) -> Result<()> {
    for (i, &l) in levels.iter().enumerate() {
        if !(l > 0.0 && l < 1.0) {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "levels",
                l,
                "must be a probability strictly between 0 and 1 (0.95, not 95)",
            )
            .at(i)
            .into());
        }
    }
    Ok(())
}

/// A horizon must be at least 1.
///
/// # Errors
/// `out_of_range` on `h`.
pub fn horizon(h: usize) -> Result<usize> {
    if h == 0 {
        return Err(
            ValidationError::new(ErrorCode::OutOfRange, "h", 0, "must be at least 1").into(),
        );
    }
    Ok(h)
}

/// A season length must be at least 1.
///
/// # Errors
/// `out_of_range` on `season_length`.
pub fn season(m: usize) -> Result<usize> {
    if m == 0 {
        return Err(ValidationError::new(
            ErrorCode::OutOfRange,
            "season_length",
            0,
            "must be at least 1 (1 = no season)",
        )
        .into());
    }
    Ok(m)
}

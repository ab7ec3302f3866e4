//! Validators that return the checked value or a [`ValidationError`] naming field and value.
//!
//! Each validator is cheap on the happy path (a comparison or two, no allocation), so batch
//! kernels can call them per element.

use crate::error::{ErrorCode, ValidationError};

/// `value` must be finite (not NaN, not ±∞).
///
/// # Errors
/// [`ErrorCode::NotFinite`] otherwise.
#[inline]
pub fn finite(field: &'static str, value: f64) -> Result<f64, ValidationError> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(ValidationError::new(
            ErrorCode::NotFinite,
            field,
            value,
            "must be a finite number",
        ))
    }
}

/// A computed `value` must be finite: guards results against overflow from inputs that are
/// valid one by one but extreme together (a demand of 1e200 times a cost of 1e200).
///
/// # Errors
/// [`ErrorCode::NotFinite`] naming the result.
#[inline]
pub fn finite_result(field: &'static str, value: f64) -> Result<f64, ValidationError> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(ValidationError::new(
            ErrorCode::NotFinite,
            field,
            value,
            "overflows: the inputs are too extreme for the result to be represented",
        ))
    }
}

/// `value` must be finite and strictly greater than zero.
///
/// # Errors
/// [`ErrorCode::NotFinite`] or [`ErrorCode::NotPositive`].
#[inline]
pub fn positive(field: &'static str, value: f64) -> Result<f64, ValidationError> {
    if finite(field, value)? > 0.0 {
        Ok(value)
    } else {
        Err(ValidationError::new(
            ErrorCode::NotPositive,
            field,
            value,
            "must be greater than 0",
        ))
    }
}

/// `value` must be finite and zero or more.
///
/// # Errors
/// [`ErrorCode::NotFinite`] or [`ErrorCode::Negative`].
#[inline]
pub fn non_negative(field: &'static str, value: f64) -> Result<f64, ValidationError> {
    if finite(field, value)? >= 0.0 {
        Ok(value)
    } else {
        Err(ValidationError::new(
            ErrorCode::Negative,
            field,
            value,
            "must be at least 0",
        ))
    }
}

/// `value` must be a probability strictly between 0 and 1.
///
/// # Errors
/// [`ErrorCode::NotFinite`] or [`ErrorCode::OutOfRange`].
#[inline]
pub fn open_unit(field: &'static str, value: f64) -> Result<f64, ValidationError> {
    if finite(field, value)? > 0.0 && value < 1.0 {
        Ok(value)
    } else {
        Err(ValidationError::new(
            ErrorCode::OutOfRange,
            field,
            value,
            "must be strictly between 0 and 1",
        ))
    }
}

/// `value` must be finite and strictly greater than `bound`; `reason` says why, in words.
///
/// # Errors
/// [`ErrorCode::NotFinite`] or [`ErrorCode::OutOfRange`] with `reason`.
#[inline]
pub fn greater_than(
    field: &'static str,
    value: f64,
    bound: f64,
    reason: &'static str,
) -> Result<f64, ValidationError> {
    if finite(field, value)? > bound {
        Ok(value)
    } else {
        Err(ValidationError::new(
            ErrorCode::OutOfRange,
            field,
            value,
            reason,
        ))
    }
}

/// A collection must hold at least one element.
///
/// # Errors
/// [`ErrorCode::Empty`] when `len == 0`.
#[inline]
pub fn non_empty(field: &'static str, len: usize) -> Result<usize, ValidationError> {
    if len > 0 {
        Ok(len)
    } else {
        Err(ValidationError::new(
            ErrorCode::Empty,
            field,
            "[]",
            "must hold at least one value",
        ))
    }
}

/// Two collections must have the same length; the error is reported on `field`.
///
/// # Errors
/// [`ErrorCode::LengthMismatch`] naming both lengths.
#[inline]
pub fn same_len(
    field: &'static str,
    len: usize,
    other_field: &'static str,
    other_len: usize,
) -> Result<usize, ValidationError> {
    if len == other_len {
        Ok(len)
    } else {
        Err(ValidationError::new(
            ErrorCode::LengthMismatch,
            field,
            format!("{len} values"),
            format!("must have as many values as {other_field} ({other_len})"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_good_values_and_return_them() {
        assert_eq!(finite("x", -3.5), Ok(-3.5));
        assert_eq!(finite_result("q", 2.0), Ok(2.0));
        assert!(
            finite_result("q", f64::INFINITY)
                .unwrap_err()
                .to_string()
                .starts_with("q = inf: overflows")
        );
        assert_eq!(positive("x", 1e-300), Ok(1e-300));
        assert_eq!(non_negative("x", 0.0), Ok(0.0));
        assert_eq!(open_unit("p", 0.95), Ok(0.95));
        assert_eq!(greater_than("t", -273.0, -273.15, "r"), Ok(-273.0));
        assert_eq!(non_empty("xs", 3), Ok(3));
        assert_eq!(same_len("a", 4, "b", 4), Ok(4));
    }

    #[test]
    fn reject_each_bad_value_with_its_code() {
        assert_eq!(
            finite("x", f64::NAN).unwrap_err().code,
            ErrorCode::NotFinite
        );
        assert_eq!(finite("x", f64::INFINITY).unwrap_err().value, "inf");
        assert_eq!(positive("x", 0.0).unwrap_err().code, ErrorCode::NotPositive);
        assert_eq!(
            positive("x", f64::NAN).unwrap_err().code,
            ErrorCode::NotFinite
        );
        assert_eq!(
            non_negative("x", -0.1).unwrap_err().code,
            ErrorCode::Negative
        );
        for p in [0.0, 1.0, -0.5, 1.5] {
            assert_eq!(open_unit("p", p).unwrap_err().code, ErrorCode::OutOfRange);
        }
        let e = greater_than("t", -300.0, -273.15, "below absolute zero").unwrap_err();
        assert_eq!(
            e.to_string(),
            "t = -300: below absolute zero [out_of_range]"
        );
        assert_eq!(non_empty("xs", 0).unwrap_err().code, ErrorCode::Empty);
        let e = same_len("weights", 3, "temps", 4).unwrap_err();
        assert_eq!(
            e.to_string(),
            "weights = 3 values: must have as many values as temps (4) [length_mismatch]"
        );
    }
}

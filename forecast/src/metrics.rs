//! Accuracy measures, per series, as the M4 competition and statsforecast's evaluation define
//! them. All take the actual values `y` and the forecasts `f` of the same horizon; the scaled
//! measures also take the training series.
//!
//! ```
//! use flowcast_forecast::metrics::{mase, smape};
//! let train = [1.0, 2.0, 3.0, 4.0];
//! assert!((smape(&[5.0, 6.0], &[5.0, 5.0])? - 100.0 / 11.0).abs() < 1e-12);
//! assert!((mase(&[5.0, 6.0], &[5.0, 5.0], &train, 1)? - 0.5).abs() < 1e-12);
//! # Ok::<(), flowcast_forecast::Error>(())
//! ```

use flowcast_core::{ErrorCode, ValidationError, check};

use crate::error::Result;
use crate::series;

fn pair(y: &[f64], f: &[f64]) -> Result<()> {
    check::non_empty("y", y.len())?;
    check::same_len("forecast", f.len(), "y", y.len())?;
    series::finite(y)?;
    if let Some(i) = f.iter().position(|v| !v.is_finite()) {
        return Err(check::finite("forecast", f[i]).unwrap_err().at(i).into());
    }
    Ok(())
}

/// Mean absolute error.
///
/// # Errors
/// Empty, mismatched or non-finite inputs.
pub fn mae(y: &[f64], f: &[f64]) -> Result<f64> {
    pair(y, f)?;
    Ok(y.iter().zip(f).map(|(a, b)| (a - b).abs()).sum::<f64>() / y.len() as f64)
}

/// Mean squared error.
///
/// # Errors
/// As [`mae`].
pub fn mse(y: &[f64], f: &[f64]) -> Result<f64> {
    pair(y, f)?;
    Ok(y.iter().zip(f).map(|(a, b)| (a - b) * (a - b)).sum::<f64>() / y.len() as f64)
}

/// Root mean squared error.
///
/// # Errors
/// As [`mae`].
pub fn rmse(y: &[f64], f: &[f64]) -> Result<f64> {
    mse(y, f).map(f64::sqrt)
}

/// Symmetric MAPE in percent, M4's definition: mean of 200·|y − f| / (|y| + |f|); a step where
/// both are 0 counts 0.
///
/// # Errors
/// As [`mae`].
pub fn smape(y: &[f64], f: &[f64]) -> Result<f64> {
    pair(y, f)?;
    let total: f64 = y
        .iter()
        .zip(f)
        .map(|(a, b)| {
            let scale = a.abs() + b.abs();
            if scale == 0.0 {
                0.0
            } else {
                200.0 * (a - b).abs() / scale
            }
        })
        .sum();
    Ok(total / y.len() as f64)
}

/// In-sample mean of |train[t] − train[t − m]| (the seasonal naive's MAE).
fn naive_scale(train: &[f64], m: usize, squared: bool) -> Result<f64> {
    series::season(m)?;
    series::finite(train)?;
    series::at_least(train, m + 1, "the scale of a scaled error")?;
    let d = train.windows(m + 1).map(|w| {
        let e = w[m] - w[0];
        if squared { e * e } else { e.abs() }
    });
    let scale = d.sum::<f64>() / (train.len() - m) as f64;
    if scale > 0.0 {
        Ok(scale)
    } else {
        Err(ValidationError::new(
            ErrorCode::NotPositive,
            "train",
            "a series equal to itself one season back",
            "has no naive error to scale by",
        )
        .into())
    }
}

/// Mean absolute scaled error: MAE over the in-sample MAE of the lag-`m` seasonal naive.
///
/// # Errors
/// As [`mae`]; a training series no longer than `m` or with a zero scale.
pub fn mase(y: &[f64], f: &[f64], train: &[f64], m: usize) -> Result<f64> {
    Ok(mae(y, f)? / naive_scale(train, m, false)?)
}

/// Root mean squared scaled error (M5): √(MSE over the in-sample MSE of the lag-`m` naive).
///
/// # Errors
/// As [`mase`].
pub fn rmsse(y: &[f64], f: &[f64], train: &[f64], m: usize) -> Result<f64> {
    Ok((mse(y, f)? / naive_scale(train, m, true)?).sqrt())
}

/// Overall weighted average (M4): the mean of sMAPE and MASE, each relative to Naive2's on the
/// same series set.
pub fn owa(smape: f64, mase: f64, smape_naive2: f64, mase_naive2: f64) -> f64 {
    (smape / smape_naive2 + mase / mase_naive2) / 2.0
}

/// Pinball (quantile) loss of quantile forecasts `q` at probability `tau`:
/// mean of max(τ(y − q), (τ − 1)(y − q)).
///
/// # Errors
/// As [`mae`]; `tau` outside (0, 1).
pub fn pinball(y: &[f64], q: &[f64], tau: f64) -> Result<f64> {
    pair(y, q)?;
    check::open_unit("tau", tau)?;
    Ok(y.iter()
        .zip(q)
        .map(|(a, b)| (tau * (a - b)).max((tau - 1.0) * (a - b)))
        .sum::<f64>()
        / y.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_and_errors() {
        assert_eq!(mae(&[1.0, 2.0], &[2.0, 4.0]).unwrap(), 1.5);
        assert!((rmse(&[1.0, 2.0], &[2.0, 4.0]).unwrap() - 2.5f64.sqrt()).abs() < 1e-15);
        assert_eq!(smape(&[0.0, 0.0], &[0.0, 0.0]).unwrap(), 0.0);
        assert_eq!(smape(&[1.0], &[0.0]).unwrap(), 200.0);
        assert!((pinball(&[10.0], &[8.0], 0.9).unwrap() - 1.8).abs() < 1e-12);
        assert!((pinball(&[10.0], &[12.0], 0.9).unwrap() - 0.2).abs() < 1e-12);
        assert!((rmsse(&[3.0], &[1.0], &[1.0, 2.0, 1.0], 1).unwrap() - 2.0).abs() < 1e-12);
        assert!((owa(10.0, 1.0, 20.0, 2.0) - 0.5).abs() < 1e-15);
        assert!(mase(&[1.0], &[1.0], &[5.0, 5.0], 1).is_err());
        assert!(mae(&[1.0], &[1.0, 2.0]).is_err());
        assert!(
            smape(&[1.0], &[f64::NAN])
                .unwrap_err()
                .to_string()
                .starts_with("forecast[0]")
        );
    }
}

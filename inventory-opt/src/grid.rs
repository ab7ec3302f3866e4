//! Inputs over SKUs × periods, broadcast the way numpy broadcasts a value, a row of periods, a
//! column of SKUs or a full matrix against each other.

use std::borrow::Cow;

use flowcast_core::{ErrorCode, ValidationError};

use crate::error::Result;

/// One input of a multi-period model for a batch of SKUs.
///
/// ```
/// use flowcast_inventory::grid::Grid;
/// let demand = [90.0, 120.0, 80.0, 70.0, 10.0, 20.0, 30.0, 40.0];
/// let grid = Grid::Full(&demand);
/// assert_eq!(grid.rows("demand", 4)?, Some(2));
/// let mut row = [0.0; 4];
/// grid.read_row("demand", 1, &mut row)?;
/// assert_eq!(row, [10.0, 20.0, 30.0, 40.0]);
/// # Ok::<(), flowcast_inventory::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Grid<'a> {
    /// The same value for every SKU in every period.
    Scalar(f64),
    /// One value per period, shared by every SKU.
    Periods(&'a [f64]),
    /// One value per SKU, the same in every period.
    Skus(&'a [f64]),
    /// One value per SKU and period, row-major (SKU by SKU).
    Full(&'a [f64]),
}

impl Grid<'_> {
    /// How many SKUs this input fixes (`None` if it fits any number), checking its length
    /// against `periods`.
    ///
    /// # Errors
    /// A per-period input not `periods` long, a full grid not a whole number of rows, or an
    /// empty input.
    pub fn rows(&self, field: &'static str, periods: usize) -> Result<Option<usize>> {
        let bad = |len: usize, reason: String| -> crate::Error {
            ValidationError::new(ErrorCode::LengthMismatch, field, len, reason).into()
        };
        match *self {
            Grid::Scalar(_) => Ok(None),
            Grid::Periods(v) if v.len() == periods => Ok(None),
            Grid::Periods(v) => Err(bad(
                v.len(),
                format!("must have one value per period ({periods})"),
            )),
            Grid::Skus([]) | Grid::Full([]) => {
                Err(ValidationError::new(ErrorCode::Empty, field, "[]", "must not be empty").into())
            }
            Grid::Skus(v) => Ok(Some(v.len())),
            Grid::Full(v) if v.len() % periods == 0 => Ok(Some(v.len() / periods)),
            Grid::Full(v) => Err(bad(
                v.len(),
                format!("must hold whole rows of {periods} periods"),
            )),
        }
    }

    /// The name of SKU `row`'s value in period `t`, as the caller indexes this input:
    /// `demand[2, 5]` in a full grid, `demand[5]` per period, `demand[2]` per SKU.
    pub fn locate(&self, field: &'static str, row: usize, t: usize) -> Cow<'static, str> {
        match self {
            Grid::Scalar(_) => field.into(),
            Grid::Periods(_) => format!("{field}[{t}]").into(),
            Grid::Skus(_) => format!("{field}[{row}]").into(),
            Grid::Full(_) => format!("{field}[{row}, {t}]").into(),
        }
    }

    /// Copies SKU `row`'s value in each period into `out` (one slot per period), requiring every
    /// value to be finite and at least 0.
    ///
    /// # Errors
    /// A NaN, infinite or negative value, named with its position (`demand[2, 5]`).
    pub fn read_row(&self, field: &'static str, row: usize, out: &mut [f64]) -> Result<()> {
        let periods = out.len();
        match *self {
            Grid::Scalar(v) => out.fill(v),
            Grid::Periods(v) => out.copy_from_slice(v),
            Grid::Skus(v) => out.fill(v[row]),
            Grid::Full(v) => out.copy_from_slice(&v[row * periods..(row + 1) * periods]),
        }
        match out.iter().position(|v| !(v.is_finite() && *v >= 0.0)) {
            None => Ok(()),
            Some(t) => {
                let value = out[t];
                let (code, reason) = if value.is_finite() {
                    (ErrorCode::Negative, "must be at least 0")
                } else {
                    (ErrorCode::NotFinite, "must be finite")
                };
                Err(ValidationError::new(code, self.locate(field, row, t), value, reason).into())
            }
        }
    }
}

/// The number of SKUs the named `inputs` describe together, or the first that disagrees.
///
/// # Errors
/// An input whose length fits neither `periods` nor the others' SKU count.
pub fn batch_rows(inputs: &[(&'static str, Grid<'_>)], periods: usize) -> Result<usize> {
    if periods == 0 {
        return Err(
            ValidationError::new(ErrorCode::Empty, "periods", 0, "must be at least 1").into(),
        );
    }
    let mut rows: Option<(usize, &str)> = None;
    for (field, grid) in inputs {
        if let Some(n) = grid.rows(field, periods)? {
            match rows {
                Some((m, _)) if m != n => {
                    return Err(ValidationError::new(
                        ErrorCode::LengthMismatch,
                        *field,
                        format!("{n} vs {m}"),
                        "must describe as many SKUs as the other inputs",
                    )
                    .into());
                }
                _ => rows = Some((n, field)),
            }
        }
    }
    Ok(rows.map_or(1, |(n, _)| n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(e: crate::Error) -> String {
        let crate::Error::Invalid(v) = e;
        v.field.into_owned()
    }

    #[test]
    fn rows_broadcast_like_numpy() {
        let d = [1.0; 12];
        let k = [5.0, 6.0, 7.0];
        let inputs = [
            ("demand", Grid::Full(&d)),
            ("fixed_cost", Grid::Skus(&k)),
            ("holding_cost", Grid::Scalar(1.0)),
            ("purchase_cost", Grid::Periods(&[1.0, 2.0, 3.0, 4.0])),
        ];
        assert_eq!(batch_rows(&inputs, 4).unwrap(), 3);
        assert_eq!(batch_rows(&inputs[2..], 4).unwrap(), 1);
        assert!(batch_rows(&inputs, 3).is_err());
        let short = [
            ("demand", Grid::Full(&d)),
            ("fixed_cost", Grid::Skus(&k[..2])),
        ];
        assert_eq!(field(batch_rows(&short, 4).unwrap_err()), "fixed_cost");
    }

    #[test]
    fn bad_values_are_named_by_position() {
        let d = [1.0, 2.0, 3.0, -4.0];
        let mut row = [0.0; 2];
        let e = Grid::Full(&d).read_row("demand", 1, &mut row).unwrap_err();
        assert_eq!(field(e), "demand[1, 1]");
        let e = Grid::Periods(&[1.0, f64::NAN])
            .read_row("h", 0, &mut row)
            .unwrap_err();
        assert_eq!(field(e), "h[1]");
        let e = Grid::Scalar(-1.0).read_row("k", 0, &mut row).unwrap_err();
        assert_eq!(field(e), "k");
    }
}

//! Running a scalar formula over every row of batch columns.

use flowcast_core::Column;
use flowcast_core::column::zeroed;

use crate::error::Result;

/// Evaluates `formula` on every row of the named `inputs` (scalars broadcast), collecting its
/// `N` outputs per row. Row `i` gets exactly what the scalar call would give; the first failing
/// row's error is returned with its index for per-row inputs.
///
/// ```
/// use flowcast_core::Column;
/// use flowcast_inventory::batch::map_rows;
/// let x = [1.0, 2.0, 3.0];
/// let [sum, product] = map_rows(&[("x", Column::Values(&x)), ("y", Column::Scalar(10.0))], |r| Ok([r[0] + r[1], r[0] * r[1]]))?;
/// assert_eq!((sum, product), (vec![11.0, 12.0, 13.0], vec![10.0, 20.0, 30.0]));
/// # Ok::<(), flowcast_inventory::Error>(())
/// ```
///
/// # Errors
/// A length mismatch or empty input, or the first row `formula` rejects.
pub fn map_rows<const N: usize>(
    inputs: &[(&'static str, Column<'_>)],
    formula: impl Fn(&[f64]) -> Result<[f64; N]>,
) -> Result<[Vec<f64>; N]> {
    let rows = Column::rows(inputs)?;
    let mut out: [Vec<f64>; N] = std::array::from_fn(|_| zeroed(rows));
    let mut row = vec![0.0; inputs.len()];
    for i in 0..rows {
        for (slot, (_, column)) in row.iter_mut().zip(inputs) {
            *slot = column.get(i);
        }
        let values = formula(&row).map_err(|e| e.at_row(i, inputs))?;
        for (o, v) in out.iter_mut().zip(values) {
            o[i] = v;
        }
    }
    Ok(out)
}

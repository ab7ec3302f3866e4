//! Running a scalar formula over every row of batch columns.

use flowcast_core::column::zeroed;
use flowcast_core::{Column, Threads};

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

/// [`map_rows`] on up to `threads` threads, for formulas that search or iterate (tens of
/// microseconds a row and more): rows go in blocks of [`BLOCK`], dealt to the threads in turn
/// (so a batch sorted by difficulty still shares out evenly), and the results, and the error
/// reported (the first failing row), are exactly the single-threaded ones. Small batches, and
/// WebAssembly, run on the calling thread.
///
/// # Errors
/// As [`map_rows`].
pub fn map_rows_par<const N: usize>(
    threads: Threads,
    inputs: &[(&'static str, Column<'_>)],
    formula: impl Fn(&[f64]) -> Result<[f64; N]> + Sync,
) -> Result<[Vec<f64>; N]> {
    let rows = Column::rows(inputs)?;
    let workers = if cfg!(target_arch = "wasm32") {
        1
    } else {
        threads.count().min(rows / BLOCK).max(1)
    };
    if workers == 1 {
        return map_rows(inputs, formula);
    }
    let mut out: [Vec<f64>; N] = std::array::from_fn(|_| zeroed(rows));
    // Each block's output slices, dealt round-robin: worker w takes blocks w, w + T, ….
    let mut dealt: Vec<Vec<Block<'_, N>>> = (0..workers).map(|_| Vec::new()).collect();
    {
        let mut chunked: Vec<std::slice::ChunksMut<'_, f64>> =
            out.iter_mut().map(|o| o.chunks_mut(BLOCK)).collect();
        for block in 0..rows.div_ceil(BLOCK) {
            let slices: Vec<&mut [f64]> = chunked.iter_mut().filter_map(Iterator::next).collect();
            if let Ok(set) = <[&mut [f64]; N]>::try_from(slices) {
                dealt[block % workers].push((block * BLOCK, set));
            }
        }
    }
    let formula = &formula;
    let failures: Vec<Option<(usize, crate::Error)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = dealt
            .into_iter()
            .map(|blocks| {
                scope.spawn(move || {
                    let mut row = vec![0.0; inputs.len()];
                    for (start, mut part) in blocks {
                        for j in 0..part[0].len() {
                            let i = start + j;
                            for (slot, (_, column)) in row.iter_mut().zip(inputs) {
                                *slot = column.get(i);
                            }
                            match formula(&row) {
                                Ok(values) => {
                                    for (o, v) in part.iter_mut().zip(values) {
                                        o[j] = v;
                                    }
                                }
                                // A worker's blocks are in row order: its first error is its earliest.
                                Err(e) => return Some((i, e.at_row(i, inputs))),
                            }
                        }
                    }
                    None
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    match failures.into_iter().flatten().min_by_key(|(i, _)| *i) {
        Some((_, e)) => Err(e),
        None => Ok(out),
    }
}

/// A block's first row and its slice of each output.
type Block<'a, const N: usize> = (usize, [&'a mut [f64]; N]);

/// Rows per block a worker takes at a time.
const BLOCK: usize = 16;

#[cfg(test)]
mod tests {
    use std::num::NonZeroUsize;

    use flowcast_core::{ErrorCode, ValidationError};

    use super::*;

    #[test]
    fn threads_change_nothing_but_the_speed() {
        let x: Vec<f64> = (0..1000).map(f64::from).collect();
        let inputs = [("x", Column::Values(&x)), ("y", Column::Scalar(3.0))];
        let formula = |r: &[f64]| -> Result<[f64; 2]> {
            if r[0] == 700.0 || r[0] == 900.0 {
                return Err(
                    ValidationError::new(ErrorCode::OutOfRange, "x", r[0], "is unlucky").into(),
                );
            }
            Ok([r[0] * r[1], r[0].sqrt()])
        };
        let one = map_rows(&inputs[..], |r| Ok([r[0] * r[1], r[0].sqrt()])).unwrap();
        for n in [1, 2, 3, 8] {
            let threads = Threads::Exactly(NonZeroUsize::new(n).unwrap());
            let par = map_rows_par(threads, &inputs, |r| Ok([r[0] * r[1], r[0].sqrt()])).unwrap();
            assert_eq!(par, one);
            // The first failing row is reported, whichever thread met it first.
            let e = map_rows_par(threads, &inputs, formula).unwrap_err();
            assert!(e.to_string().starts_with("x[700] = 700"), "{e}");
        }
    }
}

//! Dense square matrices over locations (distances, durations).

/// The largest number of locations a matrix may be computed from coordinates for: a dense
/// `f64` matrix of this side takes 8 GiB. Larger problems need sparse or on-the-fly distances,
/// which this crate does not offer; the parsers refuse them before allocating.
pub const MAX_LOCATIONS: usize = 32_768;

/// How Euclidean distances computed from coordinates are rounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Rounding {
    /// Double precision, unrounded (the Solomon convention).
    #[default]
    Exact,
    /// Rounded to the nearest integer, halves up: TSPLIB's `nint(x) = ⌊x + 0.5⌋` (the CVRPLIB
    /// `EUC_2D` convention of the X instances).
    Nearest,
    /// Rounded up to the next integer (TSPLIB `CEIL_2D`).
    Ceil,
}

impl Rounding {
    /// The rounded value of a (non-negative) distance.
    #[inline]
    pub fn apply(self, d: f64) -> f64 {
        match self {
            Self::Exact => d,
            Self::Nearest => (d + 0.5).floor(),
            Self::Ceil => d.ceil(),
        }
    }

    /// The stable string form: `"exact"`, `"nearest"` or `"ceil"` (the JSON format's spelling).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::Nearest => "nearest",
            Self::Ceil => "ceil",
        }
    }
}

/// Why a [`Matrix`] could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MatrixError {
    /// The data does not hold `n × n` values.
    #[error("a {n}×{n} matrix needs {expected} values, got {len}")]
    Shape {
        /// The side asked for.
        n: usize,
        /// `n²` (saturating).
        expected: usize,
        /// The number of values given.
        len: usize,
    },
    /// Row `row` of a matrix given by rows does not have `n` entries.
    #[error("row {row} has {len} entries, expected {n}")]
    Ragged {
        /// The row's index.
        row: usize,
        /// Its length.
        len: usize,
        /// The number of rows (and so the expected length).
        n: usize,
    },
    /// More than [`MAX_LOCATIONS`] points.
    #[error("{n} locations is more than the {MAX_LOCATIONS} a dense matrix is built for")]
    TooLarge {
        /// The number of points.
        n: usize,
    },
}

/// A dense square matrix of `f64`, row-major: entry `(i, j)` is `data[i·n + j]`.
///
/// ```
/// use flowcast_vrp::Matrix;
/// let m = Matrix::new(2, vec![0.0, 3.0, 4.0, 0.0])?;
/// assert_eq!((m.size(), m.get(1, 0), m.row(0)), (2, 4.0, &[0.0, 3.0][..]));
/// # Ok::<(), flowcast_vrp::MatrixError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Matrix {
    n: usize,
    data: Vec<f64>,
}

impl Matrix {
    /// An `n × n` matrix from its row-major values.
    ///
    /// # Errors
    /// [`MatrixError::Shape`] unless `data.len() == n²`.
    pub fn new(n: usize, data: Vec<f64>) -> Result<Self, MatrixError> {
        match n.checked_mul(n) {
            Some(expected) if expected == data.len() => Ok(Self { n, data }),
            expected => Err(MatrixError::Shape {
                n,
                expected: expected.unwrap_or(usize::MAX),
                len: data.len(),
            }),
        }
    }

    /// A matrix from its rows.
    ///
    /// # Errors
    /// [`MatrixError::Ragged`] naming the first row whose length is not the number of rows.
    pub fn from_rows(rows: &[Vec<f64>]) -> Result<Self, MatrixError> {
        let n = rows.len();
        if let Some((row, r)) = rows.iter().enumerate().find(|(_, r)| r.len() != n) {
            return Err(MatrixError::Ragged {
                row,
                len: r.len(),
                n,
            });
        }
        Ok(Self {
            n,
            data: rows.concat(),
        })
    }

    /// An `n × n` matrix with entry `(i, j) = f(i, j)`.
    pub fn from_fn(n: usize, mut f: impl FnMut(usize, usize) -> f64) -> Self {
        let mut data = Vec::with_capacity(n * n);
        for i in 0..n {
            data.extend((0..n).map(|j| f(i, j)));
        }
        Self { n, data }
    }

    /// Euclidean distances between `points`, rounded by `rounding`.
    ///
    /// ```
    /// use flowcast_vrp::{Matrix, Rounding};
    /// let m = Matrix::euclidean(&[(0.0, 0.0), (1.0, 1.0)], Rounding::Nearest)?;
    /// assert_eq!(m.get(0, 1), 1.0); // √2 ≈ 1.414 rounds to 1
    /// # Ok::<(), flowcast_vrp::MatrixError>(())
    /// ```
    ///
    /// # Errors
    /// [`MatrixError::TooLarge`] for more than [`MAX_LOCATIONS`] points.
    pub fn euclidean(points: &[(f64, f64)], rounding: Rounding) -> Result<Self, MatrixError> {
        if points.len() > MAX_LOCATIONS {
            return Err(MatrixError::TooLarge { n: points.len() });
        }
        Ok(Self::from_fn(points.len(), |i, j| {
            let (dx, dy) = (points[i].0 - points[j].0, points[i].1 - points[j].1);
            rounding.apply((dx * dx + dy * dy).sqrt())
        }))
    }

    /// The side `n`.
    #[inline]
    pub fn size(&self) -> usize {
        self.n
    }

    /// Entry `(i, j)`.
    ///
    /// # Panics
    /// If `i` or `j` is not below [`Matrix::size`].
    #[inline]
    pub fn get(&self, i: usize, j: usize) -> f64 {
        assert!(
            j < self.n,
            "column {j} out of range for a {0}×{0} matrix",
            self.n
        );
        self.data[i * self.n + j]
    }

    /// Row `i`.
    ///
    /// # Panics
    /// If `i` is not below [`Matrix::size`].
    #[inline]
    pub fn row(&self, i: usize) -> &[f64] {
        &self.data[i * self.n..(i + 1) * self.n]
    }

    /// All values, row-major.
    #[inline]
    pub fn as_slice(&self) -> &[f64] {
        &self.data
    }

    /// The rows as vectors (for serialisation).
    pub fn to_rows(&self) -> Vec<Vec<f64>> {
        if self.n == 0 {
            return Vec::new();
        }
        self.data.chunks(self.n).map(<[f64]>::to_vec).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_is_checked() {
        assert!(matches!(
            Matrix::new(2, vec![0.0; 3]),
            Err(MatrixError::Shape {
                n: 2,
                expected: 4,
                len: 3
            })
        ));
        assert!(matches!(
            Matrix::new(usize::MAX, vec![]),
            Err(MatrixError::Shape { .. })
        ));
        assert!(matches!(
            Matrix::from_rows(&[vec![0.0, 1.0], vec![1.0]]),
            Err(MatrixError::Ragged {
                row: 1,
                len: 1,
                n: 2
            })
        ));
        assert_eq!(Matrix::from_rows(&[]).unwrap().size(), 0);
        let e = Matrix::euclidean(&vec![(0.0, 0.0); MAX_LOCATIONS + 1], Rounding::Exact);
        assert_eq!(
            e.unwrap_err().to_string(),
            "32769 locations is more than the 32768 a dense matrix is built for"
        );
    }

    #[test]
    fn nint_rounds_halves_up() {
        assert_eq!(Rounding::Nearest.apply(2.5), 3.0);
        assert_eq!(Rounding::Nearest.apply(2.499), 2.0);
        assert_eq!(Rounding::Ceil.apply(2.01), 3.0);
        assert_eq!(Rounding::Exact.apply(2.01), 2.01);
    }

    #[test]
    fn rows_round_trip() {
        let m = Matrix::from_fn(3, |i, j| (i * 3 + j) as f64);
        assert_eq!(Matrix::from_rows(&m.to_rows()).unwrap(), m);
        assert_eq!(m.row(2), &[6.0, 7.0, 8.0]);
    }
}

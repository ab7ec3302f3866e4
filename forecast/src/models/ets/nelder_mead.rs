//! Box-clamped adaptive Nelder–Mead, following the variant statsforecast uses for ETS
//! (initial step +5 % per coordinate, 1e-4 for zeros; adaptive coefficients of Gao & Han 2012;
//! stop when the population standard deviation of the simplex values falls below `tol`).
//!
//! All buffers live in [`NelderMead`] and are reused across calls: no allocation per iteration.

#[derive(Debug, Default)]
pub(crate) struct NelderMead {
    simplex: Vec<f64>,
    fvals: Vec<f64>,
    xo: Vec<f64>,
    xr: Vec<f64>,
    xt: Vec<f64>,
    sum: Vec<f64>,
    /// Best point of the last run.
    pub best: Vec<f64>,
}

fn clamp_into(x: &mut [f64], lower: &[f64], upper: &[f64]) {
    for ((v, &lo), &hi) in x.iter_mut().zip(lower).zip(upper) {
        *v = v.max(lo).min(hi);
    }
}

impl NelderMead {
    /// Minimises `f` from `x0` inside `[lower, upper]`; returns the objective at `self.best`.
    pub(crate) fn minimize<F: FnMut(&[f64]) -> f64>(
        &mut self,
        f: &mut F,
        x0: &[f64],
        lower: &[f64],
        upper: &[f64],
        max_iter: usize,
        tol: f64,
    ) -> f64 {
        let n = x0.len();
        let rows = n + 1;
        let nf = n as f64;
        let (alpha, gamma, rho, sigma) =
            (1.0, 1.0 + 2.0 / nf, 0.75 - 1.0 / (2.0 * nf), 1.0 - 1.0 / nf);
        self.simplex.clear();
        self.simplex.resize(rows * n, 0.0);
        self.fvals.clear();
        self.fvals.resize(rows, 0.0);
        for buf in [
            &mut self.xo,
            &mut self.xr,
            &mut self.xt,
            &mut self.best,
            &mut self.sum,
        ] {
            buf.clear();
            buf.resize(n, 0.0);
        }
        self.xt.copy_from_slice(x0);
        clamp_into(&mut self.xt, lower, upper);
        for r in 0..rows {
            self.simplex[r * n..(r + 1) * n].copy_from_slice(&self.xt);
        }
        for i in 0..n {
            let v = self.simplex[i * n + i];
            let v = if v == 0.0 { 1e-4 } else { v * 1.05 };
            self.simplex[i * n + i] = v.max(lower[i]).min(upper[i]);
        }
        for r in 0..rows {
            self.fvals[r] = f(&self.simplex[r * n..(r + 1) * n]);
        }
        self.resum(rows, n);
        let mut best = 0;
        for _ in 0..max_iter {
            if pop_std(&self.fvals) < tol {
                break;
            }
            // Order: best, worst, second worst (NaN values sort last, as +inf would).
            best = 0;
            let mut worst = 0;
            for r in 1..rows {
                if lt(self.fvals[r], self.fvals[best]) {
                    best = r;
                }
                if !lt(self.fvals[r], self.fvals[worst]) {
                    worst = r;
                }
            }
            if worst == best {
                worst = if best == 0 { 1 } else { 0 };
            }
            let mut second = if worst == 0 { 1 } else { 0 };
            for r in 0..rows {
                if r != worst && !lt(self.fvals[r], self.fvals[second]) {
                    second = r;
                }
            }
            // Centroid without the worst row, from the running column sums.
            let w0 = worst * n;
            for j in 0..n {
                self.xo[j] = (self.sum[j] - self.simplex[w0 + j]) / nf;
            }
            for j in 0..n {
                self.xr[j] = self.xo[j] + alpha * (self.xo[j] - self.simplex[w0 + j]);
            }
            clamp_into(&mut self.xr, lower, upper);
            let fr = f(&self.xr);
            let (fb, fs, fw) = (self.fvals[best], self.fvals[second], self.fvals[worst]);
            if fb <= fr && fr < fs {
                self.replace_row(w0, n, false);
                self.fvals[worst] = fr;
                continue;
            }
            if fr < fb {
                for j in 0..n {
                    self.xt[j] = self.xo[j] + gamma * (self.xr[j] - self.xo[j]);
                }
                clamp_into(&mut self.xt, lower, upper);
                let fe = f(&self.xt);
                if fe < fr {
                    self.replace_row(w0, n, true);
                    self.fvals[worst] = fe;
                } else {
                    self.replace_row(w0, n, false);
                    self.fvals[worst] = fr;
                }
                continue;
            }
            if fs <= fr && fr < fw {
                for j in 0..n {
                    self.xt[j] = self.xo[j] + rho * (self.xr[j] - self.xo[j]);
                }
                clamp_into(&mut self.xt, lower, upper);
                let fc = f(&self.xt);
                if fc <= fr {
                    self.replace_row(w0, n, true);
                    self.fvals[worst] = fc;
                    continue;
                }
            } else {
                for j in 0..n {
                    self.xt[j] = self.xo[j] - rho * (self.xr[j] - self.xo[j]);
                }
                clamp_into(&mut self.xt, lower, upper);
                let fc = f(&self.xt);
                if fc < fw {
                    self.replace_row(w0, n, true);
                    self.fvals[worst] = fc;
                    continue;
                }
            }
            // Shrink towards the best vertex (rows 1.., as statsforecast does).
            let b0 = best * n;
            for r in 1..rows {
                if r == best {
                    continue;
                }
                for j in 0..n {
                    let v = self.simplex[b0 + j]
                        + sigma * (self.simplex[r * n + j] - self.simplex[b0 + j]);
                    self.simplex[r * n + j] = v.max(lower[j]).min(upper[j]);
                }
                self.fvals[r] = f(&self.simplex[r * n..(r + 1) * n]);
            }
            self.resum(rows, n);
        }
        // The true best vertex (statsforecast returns the one ranked best at the last ordering).
        for r in 0..rows {
            if lt(self.fvals[r], self.fvals[best]) {
                best = r;
            }
        }
        self.best
            .copy_from_slice(&self.simplex[best * n..(best + 1) * n]);
        self.fvals[best]
    }
}

impl NelderMead {
    /// Recomputes the column sums of the simplex.
    fn resum(&mut self, rows: usize, n: usize) {
        self.sum.fill(0.0);
        for r in 0..rows {
            for (s, &v) in self.sum.iter_mut().zip(&self.simplex[r * n..(r + 1) * n]) {
                *s += v;
            }
        }
    }

    /// Replaces the row starting at `w0` with `xt` (or `xr`), keeping the column sums.
    fn replace_row(&mut self, w0: usize, n: usize, use_xt: bool) {
        let src = if use_xt { &self.xt } else { &self.xr };
        let row = &mut self.simplex[w0..w0 + n];
        for ((s, r), &v) in self.sum.iter_mut().zip(row.iter_mut()).zip(src) {
            *s += v - *r;
            *r = v;
        }
    }
}

/// `a < b` with NaN treated as larger than everything.
#[inline]
fn lt(a: f64, b: f64) -> bool {
    a < b || (b.is_nan() && !a.is_nan())
}

fn pop_std(v: &[f64]) -> f64 {
    let k = v.len() as f64;
    let mean = v.iter().sum::<f64>() / k;
    (v.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / k).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimises_a_shifted_quadratic_inside_the_box() {
        let mut nm = NelderMead::default();
        let mut f = |x: &[f64]| (x[0] - 0.3).powi(2) + 10.0 * (x[1] + 2.0).powi(2);
        let v = nm.minimize(&mut f, &[0.5, 1.0], &[0.0, -1.0], &[1.0, 5.0], 2000, 1e-14);
        assert!((nm.best[0] - 0.3).abs() < 1e-4, "{:?}", nm.best);
        assert!(
            (nm.best[1] + 1.0).abs() < 1e-6,
            "clamped at the lower bound"
        );
        assert!((v - 10.0).abs() < 1e-6);
    }
}

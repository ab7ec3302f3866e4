//! Box-clamped adaptive Nelder–Mead for up to three parameters, allocation-free.
//!
//! Same variant as statsforecast's Theta optimiser: adaptive coefficients (Gao & Han 2012),
//! every trial point clamped to the box, stop when the population standard deviation of the
//! simplex values drops below `tol_std` or after `max_iter` iterations; the shrink step moves
//! rows `1..=d` towards the best row, and the returned point is the best row of the final
//! simplex.

/// Largest number of free parameters.
pub(crate) const MAX_DIM: usize = 3;

/// Optimiser settings.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Options {
    pub init_step: f64,
    pub zero_pert: f64,
    pub max_iter: usize,
    pub tol_std: f64,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            init_step: 0.05,
            zero_pert: 1e-4,
            max_iter: 1_000,
            tol_std: 1e-4,
        }
    }
}

type Point = [f64; MAX_DIM];

#[inline]
fn clamp(x: &mut Point, d: usize, lo: &Point, hi: &Point) {
    for i in 0..d {
        x[i] = x[i].max(lo[i]).min(hi[i]);
    }
}

/// Minimises `f` over the box `[lo, hi]` from `x0`; returns the best point and its value.
/// Only the first `d` coordinates are used (`1 ≤ d ≤ MAX_DIM`).
pub(crate) fn minimize<F: FnMut(&Point) -> f64>(
    mut f: F,
    x0: &Point,
    lo: &Point,
    hi: &Point,
    d: usize,
    opt: Options,
) -> (Point, f64) {
    debug_assert!((1..=MAX_DIM).contains(&d));
    let nd = d as f64;
    let (alpha, gamma, rho, sigma) = (1.0, 1.0 + 2.0 / nd, 0.75 - 1.0 / (2.0 * nd), 1.0 - 1.0 / nd);
    let mut start = *x0;
    clamp(&mut start, d, lo, hi);
    let mut simplex = [start; MAX_DIM + 1];
    for (i, row) in simplex.iter_mut().enumerate().take(d) {
        let v = row[i];
        let v = if v == 0.0 {
            opt.zero_pert
        } else {
            v * (1.0 + opt.init_step)
        };
        row[i] = v.max(lo[i]).min(hi[i]);
    }
    let rows = d + 1;
    let mut fs = [0.0; MAX_DIM + 1];
    for i in 0..rows {
        fs[i] = f(&simplex[i]);
    }
    for _ in 0..opt.max_iter {
        let mean = fs[..rows].iter().sum::<f64>() / rows as f64;
        let var = fs[..rows]
            .iter()
            .map(|v| (v - mean) * (v - mean))
            .sum::<f64>()
            / rows as f64;
        if var.sqrt() < opt.tol_std {
            break;
        }
        // Stable insertion sort of the row indices by value (ties keep index order).
        let mut order = [0usize, 1, 2, 3];
        for i in 1..rows {
            let mut j = i;
            while j > 0 && fs[order[j]] < fs[order[j - 1]] {
                order.swap(j, j - 1);
                j -= 1;
            }
        }
        let best = order[0];
        let worst = order[d];
        let second = order[d - 1];
        let mut xo = [0.0; MAX_DIM];
        for (r, row) in simplex.iter().enumerate().take(rows) {
            if r != worst {
                for i in 0..d {
                    xo[i] += row[i];
                }
            }
        }
        for v in xo.iter_mut().take(d) {
            *v /= nd;
        }
        let xw = simplex[worst];
        let mut xr = [0.0; MAX_DIM];
        for i in 0..d {
            xr[i] = xo[i] + alpha * (xo[i] - xw[i]);
        }
        clamp(&mut xr, d, lo, hi);
        let fr = f(&xr);
        if fs[best] <= fr && fr < fs[second] {
            simplex[worst] = xr;
            fs[worst] = fr;
            continue;
        }
        if fr < fs[best] {
            let mut xe = [0.0; MAX_DIM];
            for i in 0..d {
                xe[i] = xo[i] + gamma * (xr[i] - xo[i]);
            }
            clamp(&mut xe, d, lo, hi);
            let fe = f(&xe);
            if fe < fr {
                simplex[worst] = xe;
                fs[worst] = fe;
            } else {
                simplex[worst] = xr;
                fs[worst] = fr;
            }
            continue;
        }
        let mut xc = [0.0; MAX_DIM];
        if fs[second] <= fr && fr < fs[worst] {
            for i in 0..d {
                xc[i] = xo[i] + rho * (xr[i] - xo[i]);
            }
            clamp(&mut xc, d, lo, hi);
            let fc = f(&xc);
            if fc <= fr {
                simplex[worst] = xc;
                fs[worst] = fc;
                continue;
            }
        } else {
            for i in 0..d {
                xc[i] = xo[i] - rho * (xr[i] - xo[i]);
            }
            clamp(&mut xc, d, lo, hi);
            let fc = f(&xc);
            if fc < fs[worst] {
                simplex[worst] = xc;
                fs[worst] = fc;
                continue;
            }
        }
        let xb = simplex[best];
        for j in 1..rows {
            for i in 0..d {
                simplex[j][i] = xb[i] + sigma * (simplex[j][i] - xb[i]);
            }
            let mut row = simplex[j];
            clamp(&mut row, d, lo, hi);
            simplex[j] = row;
            fs[j] = f(&simplex[j]);
        }
    }
    // The best row of the final simplex (first on ties), as statsforecast returns it.
    let mut best = 0;
    for i in 1..rows {
        if fs[i] < fs[best] {
            best = i;
        }
    }
    (simplex[best], fs[best])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_quadratic_minimum_inside_box() {
        let f =
            |x: &Point| (x[0] - 1.0).powi(2) + 10.0 * (x[1] + 2.0).powi(2) + (x[2] - 0.5).powi(2);
        let opt = Options {
            tol_std: 1e-14,
            ..Options::default()
        };
        let (x, v) = minimize(f, &[0.0, 0.0, 0.0], &[-5.0; 3], &[5.0; 3], 3, opt);
        assert!(v < 1e-8, "{v}");
        assert!((x[0] - 1.0).abs() < 1e-3 && (x[1] + 2.0).abs() < 1e-3);
    }

    #[test]
    fn respects_bounds() {
        let f = |x: &Point| (x[0] - 3.0).powi(2);
        let (x, _) = minimize(
            f,
            &[0.5, 0.0, 0.0],
            &[0.1, 0.0, 0.0],
            &[0.99, 0.0, 0.0],
            1,
            Options::default(),
        );
        assert!((x[0] - 0.99).abs() < 1e-9);
    }
}

//! BFGS with forward-difference gradients (as scipy's `minimize(method="BFGS")` used by
//! statsforecast), a backtracking Armijo line search and early termination once the objective
//! stops decreasing.

/// Outcome of [`bfgs`].
#[derive(Debug, Clone)]
pub(crate) struct Minimum {
    pub x: Vec<f64>,
    pub f: f64,
    /// False when the iteration limit was reached before convergence.
    pub converged: bool,
}

const REL_STEP: f64 = 1.490_116_119_384_765_6e-8; // sqrt(f64::EPSILON)

fn gradient<F: FnMut(&[f64]) -> f64>(f: &mut F, x: &mut [f64], fx: f64, g: &mut [f64]) {
    for i in 0..x.len() {
        let xi = x[i];
        let h = REL_STEP * xi.abs().max(1.0) * if xi < 0.0 { -1.0 } else { 1.0 };
        x[i] = xi + h;
        let h = x[i] - xi;
        let f1 = f(x);
        x[i] = xi;
        g[i] = (f1 - fx) / h;
    }
}

/// Minimises `f` from `x0`; `f` must return a finite value or a large penalty.
pub(crate) fn bfgs<F: FnMut(&[f64]) -> f64>(mut f: F, x0: &[f64], maxiter: usize) -> Minimum {
    let n = x0.len();
    let mut x = x0.to_vec();
    let mut fx = f(&x);
    if n == 0 || !fx.is_finite() {
        return Minimum {
            x,
            f: fx,
            converged: fx.is_finite(),
        };
    }
    let mut g = vec![0.0; n];
    gradient(&mut f, &mut x, fx, &mut g);
    let mut hinv = vec![0.0; n * n];
    for i in 0..n {
        hinv[i * n + i] = 1.0;
    }
    let mut dir = vec![0.0; n];
    let mut xn = vec![0.0; n];
    let mut gn = vec![0.0; n];
    let mut s = vec![0.0; n];
    let mut y = vec![0.0; n];
    let mut hy = vec![0.0; n];
    let gnorm = g.iter().map(|v| v * v).sum::<f64>().sqrt();
    let mut old_old = fx + gnorm / 2.0;
    let mut small = 0;
    for _ in 0..maxiter {
        if g.iter().any(|v| !v.is_finite()) {
            return Minimum {
                x,
                f: fx,
                converged: true,
            };
        }
        if g.iter().all(|v| v.abs() <= 1e-8) {
            return Minimum {
                x,
                f: fx,
                converged: true,
            };
        }
        for i in 0..n {
            dir[i] = -(0..n).map(|j| hinv[i * n + j] * g[j]).sum::<f64>();
        }
        let mut slope: f64 = dir.iter().zip(&g).map(|(d, g)| d * g).sum();
        if !(slope < 0.0) {
            // not a descent direction: restart from steepest descent
            for i in 0..n {
                for j in 0..n {
                    hinv[i * n + j] = if i == j { 1.0 } else { 0.0 };
                }
                dir[i] = -g[i];
            }
            slope = -g.iter().map(|v| v * v).sum::<f64>();
            if !(slope < 0.0) {
                return Minimum {
                    x,
                    f: fx,
                    converged: true,
                };
            }
        }
        let mut alpha = if slope != 0.0 {
            (1.01 * 2.0 * (fx - old_old) / slope).min(1.0)
        } else {
            1.0
        };
        if !(alpha > 0.0) || !alpha.is_finite() {
            alpha = 1.0;
        }
        let mut fnew = f64::INFINITY;
        let mut found = false;
        for _ in 0..40 {
            for i in 0..n {
                xn[i] = x[i] + alpha * dir[i];
            }
            fnew = f(&xn);
            if fnew.is_finite() && fnew <= fx + 1e-4 * alpha * slope {
                found = true;
                break;
            }
            // quadratic interpolation, kept within [0.1, 0.5] of the step
            let denom = 2.0 * (fnew - fx - slope * alpha);
            let mut na = if fnew.is_finite() && denom > 0.0 {
                -slope * alpha * alpha / denom
            } else {
                0.5 * alpha
            };
            if !na.is_finite() {
                na = 0.5 * alpha;
            }
            na = na.clamp(0.1 * alpha, 0.5 * alpha);
            alpha = na;
        }
        if !found {
            return Minimum {
                x,
                f: fx,
                converged: true,
            };
        }
        gradient(&mut f, &mut xn, fnew, &mut gn);
        for i in 0..n {
            s[i] = xn[i] - x[i];
            y[i] = gn[i] - g[i];
        }
        let ys: f64 = y.iter().zip(&s).map(|(a, b)| a * b).sum();
        if ys
            > 1e-12
                * s.iter().map(|v| v * v).sum::<f64>().sqrt()
                * y.iter().map(|v| v * v).sum::<f64>().sqrt()
        {
            let rho = 1.0 / ys;
            for i in 0..n {
                hy[i] = (0..n).map(|j| hinv[i * n + j] * y[j]).sum();
            }
            let yhy: f64 = y.iter().zip(&hy).map(|(a, b)| a * b).sum();
            for i in 0..n {
                for j in 0..n {
                    hinv[i * n + j] += -rho * (hy[i] * s[j] + s[i] * hy[j])
                        + (rho * rho * yhy + rho) * s[i] * s[j];
                }
            }
        }
        let decrease = fx - fnew;
        old_old = fx;
        x.copy_from_slice(&xn);
        g.copy_from_slice(&gn);
        fx = fnew;
        if decrease < 1e-10 * (1.0 + fx.abs()) {
            small += 1;
            if small >= 2 {
                return Minimum {
                    x,
                    f: fx,
                    converged: true,
                };
            }
        } else {
            small = 0;
        }
    }
    Minimum {
        x,
        f: fx,
        converged: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimises_rosenbrock() {
        let r = bfgs(
            |x| (1.0 - x[0]).powi(2) + 100.0 * (x[1] - x[0] * x[0]).powi(2),
            &[-1.2, 1.0],
            500,
        );
        assert!(
            (r.x[0] - 1.0).abs() < 1e-3 && (r.x[1] - 1.0).abs() < 2e-3,
            "{:?}",
            r
        );
    }
}

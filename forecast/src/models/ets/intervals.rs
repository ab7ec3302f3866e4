//! Forecast variances (Hyndman et al. 2008, ch. 6), as R's `forecast.ets` / statsforecast:
//!
//! - class 1 (additive error, no or additive season): `σ² (1 + Σ_{j<h} c_j²)`;
//! - class 2 (multiplicative error, no or additive season): the θ recursion
//!   `θ_h = μ_h² + σ² Σ_{j<h} c_j² θ_{h−j}`, `v_h = (1 + σ²) θ_h − μ_h²`;
//! - class 3 (multiplicative error and season): the moment recursion on `M_h = x xᵀ`-style
//!   level/season products (R's `class3`, with sparse Kronecker factors).
//!
//! with `c_j = α + β Σ_{i≤j} φ^i + γ 1[j ≡ 0 mod m]`.

use super::model::{ErrorType, EtsSpec, SeasonType, Smoothing};

/// Variance of the h-step forecast errors for steps 1..=h.
#[allow(clippy::too_many_arguments)]
pub(crate) fn variances(
    spec: EtsSpec,
    m: usize,
    p: Smoothing,
    sigma2: f64,
    mean: &[f64],
    l: f64,
    b: f64,
    s: &[f64],
) -> Vec<f64> {
    let h = mean.len();
    if spec.error == ErrorType::Multiplicative && spec.season == SeasonType::Multiplicative {
        return class3(spec, m, p, sigma2, h, l, b, s);
    }
    // c_1 .. c_{h-1}
    let mut c = Vec::with_capacity(h);
    let mut phisum = 0.0;
    let mut phipow = 1.0;
    for j in 1..h {
        phipow *= p.phi;
        phisum += phipow;
        let mut cj = p.alpha;
        if spec.has_trend() {
            cj += p.beta * phisum;
        }
        if spec.has_season() && j % m.max(1) == 0 {
            cj += p.gamma;
        }
        c.push(cj);
    }
    match spec.error {
        ErrorType::Additive => {
            let mut out = Vec::with_capacity(h);
            let mut acc = 1.0;
            out.push(sigma2);
            for cj in &c {
                acc += cj * cj;
                out.push(sigma2 * acc);
            }
            out.truncate(h);
            out
        }
        ErrorType::Multiplicative => {
            let mut theta = vec![0.0; h];
            for k in 0..h {
                let mut sum = 0.0;
                for j in 0..k {
                    sum += c[j] * c[j] * theta[k - 1 - j];
                }
                theta[k] = mean[k] * mean[k] + sigma2 * sum;
            }
            theta
                .iter()
                .zip(mean)
                .map(|(t, f)| ((1.0 + sigma2) * t - f * f).max(0.0))
                .collect()
        }
    }
}

type Sparse = Vec<(usize, usize, f64)>;

/// Kronecker product `A ⊗ B` of small dense matrices, as nonzero triplets.
fn kron(a: &[Vec<f64>], b: &[Vec<f64>]) -> Sparse {
    let (pb, qb) = (b.len(), b[0].len());
    let mut out = Vec::new();
    for (i, ra) in a.iter().enumerate() {
        for (j, &va) in ra.iter().enumerate() {
            if va == 0.0 {
                continue;
            }
            for (k, rb) in b.iter().enumerate() {
                for (l, &vb) in rb.iter().enumerate() {
                    if vb != 0.0 {
                        out.push((i * pb + k, j * qb + l, va * vb));
                    }
                }
            }
        }
    }
    out
}

/// `out += scale · A X Bᵀ` for sparse A, B and dense d×d X (row-major).
fn sandwich(
    a: &Sparse,
    x: &[f64],
    b: &Sparse,
    d: usize,
    scale: f64,
    tmp: &mut [f64],
    out: &mut [f64],
) {
    tmp.fill(0.0);
    for &(r, i, v) in a {
        for j in 0..d {
            tmp[r * d + j] += v * x[i * d + j];
        }
    }
    for &(c, j, v) in b {
        for r in 0..d {
            out[r * d + c] += scale * v * tmp[r * d + j];
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn class3(
    spec: EtsSpec,
    m: usize,
    p: Smoothing,
    sigma2: f64,
    h: usize,
    l: f64,
    b: f64,
    s: &[f64],
) -> Vec<f64> {
    let p1 = 1 + usize::from(spec.has_trend());
    let d = p1 * m;
    let (f1, g1): (Vec<Vec<f64>>, Vec<Vec<f64>>) = if p1 == 1 {
        (vec![vec![1.0]], vec![vec![p.alpha]])
    } else {
        (
            vec![vec![1.0, 1.0], vec![0.0, p.phi]],
            vec![vec![p.alpha, p.alpha], vec![p.beta, p.beta]],
        )
    };
    let mut f2 = vec![vec![0.0; m]; m];
    f2[0][m - 1] = 1.0;
    for i in 1..m {
        f2[i][i - 1] = 1.0;
    }
    let mut g2 = vec![vec![0.0; m]; m];
    g2[0][m - 1] = p.gamma;
    let f21 = kron(&f2, &f1);
    let g21 = kron(&g2, &g1);
    let mut k = kron(&g2, &f1);
    k.extend(kron(&f2, &g1));
    // Mh (p1 × m) and vec(Mh) in column-major order: index j*p1 + i.
    let x = if p1 == 1 { vec![l] } else { vec![l, b] };
    let mut mh: Vec<f64> = (0..m)
        .flat_map(|j| x.iter().map(move |xi| xi * s[j]))
        .collect();
    let mut vh = vec![0.0; d * d];
    let mut next = vec![0.0; d * d];
    let mut tmp = vec![0.0; d * d];
    let mut outer = vec![0.0; d * d];
    let mut out = Vec::with_capacity(h);
    let hidx: Vec<usize> = (0..p1).map(|i| (m - 1) * p1 + i).collect();
    for _ in 0..h {
        let mu: f64 = hidx.iter().map(|&i| mh[i]).sum();
        let hv: f64 = hidx
            .iter()
            .flat_map(|&i| hidx.iter().map(move |&j| (i, j)))
            .map(|(i, j)| vh[i * d + j])
            .sum();
        out.push(((1.0 + sigma2) * hv + sigma2 * mu * mu).max(0.0));
        next.fill(0.0);
        sandwich(&f21, &vh, &f21, d, 1.0, &mut tmp, &mut next);
        sandwich(&f21, &vh, &g21, d, sigma2, &mut tmp, &mut next);
        sandwich(&g21, &vh, &f21, d, sigma2, &mut tmp, &mut next);
        for i in 0..d {
            for j in 0..d {
                outer[i * d + j] = vh[i * d + j] + mh[i] * mh[j];
            }
        }
        sandwich(&k, &outer, &k, d, sigma2, &mut tmp, &mut next);
        for i in 0..d {
            for j in 0..d {
                outer[i * d + j] = 3.0 * vh[i * d + j] + 2.0 * mh[i] * mh[j];
            }
        }
        sandwich(&g21, &outer, &g21, d, sigma2 * sigma2, &mut tmp, &mut next);
        std::mem::swap(&mut vh, &mut next);
        // Mh ← F1 Mh F2ᵀ + σ² G1 Mh G2ᵀ, i.e. vec(Mh) ← (F21 + σ² G21) vec(Mh).
        let mut new_mh = vec![0.0; d];
        for &(r, c, v) in &f21 {
            new_mh[r] += v * mh[c];
        }
        for &(r, c, v) in &g21 {
            new_mh[r] += sigma2 * v * mh[c];
        }
        mh = new_mh;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::ets::model::TrendType;

    #[test]
    fn class1_closed_forms() {
        // AAN: 1 + (h-1)(α² + αβh + β²h(2h-1)/6)
        let spec = EtsSpec::new(
            ErrorType::Additive,
            TrendType::Additive,
            false,
            SeasonType::None,
        );
        let p = Smoothing {
            alpha: 0.4,
            beta: 0.1,
            gamma: 0.0,
            phi: 1.0,
        };
        let v = variances(spec, 1, p, 2.0, &[0.0; 6], 0.0, 0.0, &[]);
        for (i, vi) in v.iter().enumerate() {
            let h = (i + 1) as f64;
            let exp =
                2.0 * (1.0 + (h - 1.0) * (0.16 + 0.04 * h + 0.01 * h * (2.0 * h - 1.0) / 6.0));
            assert!((vi - exp).abs() < 1e-12, "{vi} vs {exp}");
        }
    }

    #[test]
    fn class3_first_step_is_sigma2_mu2() {
        let spec = EtsSpec::new(
            ErrorType::Multiplicative,
            TrendType::None,
            false,
            SeasonType::Multiplicative,
        );
        let p = Smoothing {
            alpha: 0.3,
            beta: 0.0,
            gamma: 0.1,
            phi: 1.0,
        };
        let s = [1.1, 0.9, 1.2, 0.8];
        let v = class3(spec, 4, p, 0.01, 6, 100.0, 0.0, &s);
        assert!((v[0] - 0.01 * (100.0 * 0.8f64).powi(2)).abs() < 1e-9);
        assert!(v.windows(2).all(|w| w[1] > 0.0));
    }
}

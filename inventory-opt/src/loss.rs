//! Loss functions of the standard normal distribution and their inverse.
//!
//! With Z standard normal, the first-order loss is G(z) = E[(Z − z)⁺] = φ(z) − z(1 − Φ(z)):
//! the expected shortfall per unit of standard deviation when a buffer of z standard deviations
//! is held. The second-order loss is G₂(z) = ½E[((Z − z)⁺)²]. Their complements are
//! Ḡ(z) = E[(z − Z)⁺] = G(−z) and Ḡ₂(z) = G₂(−z), computed through the symmetry so that no
//! cancellation occurs in the far tail. Conventions follow Snyder & Shen, *Fundamentals of
//! Supply Chain Theory*, ch. 4, and stockpyl's `loss_functions` module.
//!
//! These are pure functions: NaN in gives NaN out. The batch forms validate their inputs.

use flowcast_core::{Column, check, column::check_output, normal};

use crate::error::Result;

/// First-order standard normal loss G(z) = E[(Z − z)⁺].
///
/// ```
/// use flowcast_inventory::loss::standard_normal_loss;
/// assert!((standard_normal_loss(1.3) - 0.045_527_962_086_513_97).abs() < 1e-15);
/// ```
#[inline]
pub fn standard_normal_loss(z: f64) -> f64 {
    standard_normal_loss_pair(z).0
}

/// Complementary first-order loss Ḡ(z) = E[(z − Z)⁺] = z + G(z) = G(−z).
#[inline]
pub fn standard_normal_loss_complement(z: f64) -> f64 {
    standard_normal_loss_pair(z).1
}

/// (G(z), Ḡ(z)) from one evaluation of the tail and density at |z|.
///
/// With y = |z|: G(y) = φ(y) − y(1 − Φ(y)), where the upper tail keeps full relative accuracy
/// (so the difference loses only about log10(y²) digits), and G(−y) = y + G(y), a sum of
/// positive terms.
#[inline]
pub fn standard_normal_loss_pair(z: f64) -> (f64, f64) {
    let y = z.abs();
    let (tail, density) = normal::tail_and_density(y);
    let small = (density - y * tail).max(0.0);
    orient(z, small, y + small)
}

/// Second-order standard normal loss G₂(z) = ½E[((Z − z)⁺)²] = ½[(z² + 1)(1 − Φ(z)) − zφ(z)].
///
/// ```
/// use flowcast_inventory::loss::standard_normal_second_loss;
/// assert!((standard_normal_second_loss(1.3) - 0.018_807_066_936_571_11).abs() < 1e-15);
/// ```
#[inline]
pub fn standard_normal_second_loss(z: f64) -> f64 {
    standard_normal_second_loss_pair(z).0
}

/// Complementary second-order loss Ḡ₂(z) = ½E[((z − Z)⁺)²] = G₂(−z).
#[inline]
pub fn standard_normal_second_loss_complement(z: f64) -> f64 {
    standard_normal_second_loss_pair(z).1
}

/// (G₂(z), Ḡ₂(z)) from one evaluation at |z|, using G₂(y) + G₂(−y) = ½(y² + 1).
#[inline]
pub fn standard_normal_second_loss_pair(z: f64) -> (f64, f64) {
    let y = z.abs();
    let (tail, density) = normal::tail_and_density(y);
    let half_second_moment = 0.5 * (y * y + 1.0);
    let small = (half_second_moment * tail - 0.5 * y * density).max(0.0);
    orient(z, small, half_second_moment - small)
}

/// (loss, complement) at z from the values at |z|: the small one is the loss for z ≥ 0.
#[inline(always)]
fn orient(z: f64, small: f64, large: f64) -> (f64, f64) {
    if z >= 0.0 {
        (small, large)
    } else if z < 0.0 {
        (large, small)
    } else {
        (f64::NAN, f64::NAN)
    }
}

/// First-order loss of N(mean, sd²) at x: E[(X − x)⁺] = sd·G((x − mean)/sd).
#[inline]
pub fn normal_loss(x: f64, mean: f64, sd: f64) -> f64 {
    sd * standard_normal_loss((x - mean) / sd)
}

/// Second-order loss of N(mean, sd²) at x: ½E[((X − x)⁺)²] = sd²·G₂((x − mean)/sd).
#[inline]
pub fn normal_second_loss(x: f64, mean: f64, sd: f64) -> f64 {
    sd * sd * standard_normal_second_loss((x - mean) / sd)
}

/// The safety factor k with G(k) = `g`, for `g > 0` (NaN otherwise).
///
/// Solves f(k) = ln G(k) − ln g = 0, f concave and decreasing, with Halley steps (f′ = −Q/G,
/// f″ = (φG − Q²)/G², Q = 1 − Φ). The start −Φ⁻¹(g) = Φ⁻¹(1 − g) (for g < ½) or
/// 0.3989 − g (for larger g) lies right of the root, since G(k) ≤ 1 − Φ(k) for k ≥ 0 and
/// G(k) ≤ φ(0) − k for k ≤ 0; from there Newton's step alone converges monotonically, and is
/// taken whenever Halley's correction factor looks unreliable. Three steps reach full precision
/// from g = 1e-6 to g = 10.
///
/// ```
/// use flowcast_inventory::loss::{standard_normal_loss, standard_normal_loss_inverse};
/// let k = standard_normal_loss_inverse(0.01);
/// assert!((standard_normal_loss(k) - 0.01).abs() < 1e-15);
/// ```
pub fn standard_normal_loss_inverse(g: f64) -> f64 {
    if g.is_nan() || g <= 0.0 || g.is_infinite() {
        return f64::NAN;
    }
    let target = g.ln();
    let mut k = if g < 0.5 {
        -normal::quantile(g)
    } else {
        0.398_942_280_401_432_7 - g
    };
    for _ in 0..100 {
        let y = k.abs();
        let (upper, density) = normal::tail_and_density(y);
        let small = (density - y * upper).max(0.0);
        let (loss, tail) = if k >= 0.0 {
            (small, upper)
        } else {
            (y + small, 1.0 - upper)
        };
        if loss <= 0.0 {
            // Underflow: only for g below ~1e-300; step back towards the root.
            k *= 0.5;
            continue;
        }
        let f = loss.ln() - target;
        let slope = -tail / loss;
        let curvature = (density * loss - tail * tail) / (loss * loss);
        let newton = -f / slope;
        let correction = 1.0 - 0.5 * f * curvature / (slope * slope);
        let step = if (0.5..2.0).contains(&correction) {
            newton / correction
        } else {
            newton
        };
        k += step;
        // The error after a Halley step is of the order of step³: below 1e-7 it is negligible.
        if step.abs() <= 1e-7 * k.abs().max(1.0) {
            break;
        }
    }
    k
}

/// G(z) and Ḡ(z) for every row of `z`.
///
/// # Errors
/// A [`flowcast_core::ValidationError`] naming `z[i]` for a non-finite value, or a length
/// mismatch between `z` and the outputs.
pub fn standard_normal_loss_batch(
    z: &[f64],
    loss: &mut [f64],
    complement: &mut [f64],
) -> Result<()> {
    map_batch(z, loss, complement, standard_normal_loss_pair)
}

/// G₂(z) and Ḡ₂(z) for every row of `z`.
///
/// # Errors
/// As [`standard_normal_loss_batch`].
pub fn standard_normal_second_loss_batch(
    z: &[f64],
    loss: &mut [f64],
    complement: &mut [f64],
) -> Result<()> {
    map_batch(z, loss, complement, standard_normal_second_loss_pair)
}

/// [`standard_normal_loss_inverse`] for every row of `g`.
///
/// # Errors
/// A `g` that is not a finite positive number (indexed for per-row input), or a length
/// mismatch.
pub fn standard_normal_loss_inverse_into(g: Column<'_>, out: &mut [f64]) -> Result<()> {
    let columns = [("g", g)];
    let rows = Column::rows(&columns)?;
    check_output("out", out.len(), rows)?;
    for (i, slot) in out.iter_mut().enumerate() {
        let g = check::positive("g", g.get(i)).map_err(|e| Column::locate(e, i, &columns))?;
        *slot = standard_normal_loss_inverse(g);
    }
    Ok(())
}

/// First-order loss n(x) = E[(X − x)⁺] and its complement n̄(x) = E[(x − X)⁺] of
/// X ~ N(mean, sd²), for every row.
///
/// # Errors
/// A non-finite `x` or `mean`, a non-positive `sd` (field indexed for per-row inputs), or a
/// length mismatch.
pub fn normal_loss_batch(
    x: Column<'_>,
    mean: Column<'_>,
    sd: Column<'_>,
    loss: &mut [f64],
    complement: &mut [f64],
) -> Result<()> {
    normal_batch(x, mean, sd, loss, complement, |z, sd| {
        let (g, gbar) = standard_normal_loss_pair(z);
        (sd * g, sd * gbar)
    })
}

/// Second-order loss n₂(x) = ½E[((X − x)⁺)²] and its complement ½E[((x − X)⁺)²] of
/// X ~ N(mean, sd²), for every row.
///
/// # Errors
/// As [`normal_loss_batch`].
pub fn normal_second_loss_batch(
    x: Column<'_>,
    mean: Column<'_>,
    sd: Column<'_>,
    loss: &mut [f64],
    complement: &mut [f64],
) -> Result<()> {
    normal_batch(x, mean, sd, loss, complement, |z, sd| {
        let (g2, g2bar) = standard_normal_second_loss_pair(z);
        (sd * sd * g2, sd * sd * g2bar)
    })
}

fn normal_batch(
    x: Column<'_>,
    mean: Column<'_>,
    sd: Column<'_>,
    a: &mut [f64],
    b: &mut [f64],
    f: impl Fn(f64, f64) -> (f64, f64),
) -> Result<()> {
    let columns = [("x", x), ("mean", mean), ("sd", sd)];
    let rows = Column::rows(&columns)?;
    check_output("loss", a.len(), rows)?;
    check_output("complement", b.len(), rows)?;
    for i in 0..rows {
        let row = || -> std::result::Result<(f64, f64), flowcast_core::ValidationError> {
            let x = check::finite("x", x.get(i))?;
            let mean = check::finite("mean", mean.get(i))?;
            let sd = check::positive("sd", sd.get(i))?;
            Ok(((x - mean) / sd, sd))
        };
        let (z, sd) = row().map_err(|e| Column::locate(e, i, &columns))?;
        (a[i], b[i]) = f(z, sd);
    }
    Ok(())
}

fn map_batch(z: &[f64], a: &mut [f64], b: &mut [f64], f: impl Fn(f64) -> (f64, f64)) -> Result<()> {
    let rows = Column::rows(&[("z", Column::Values(z))])?;
    check_output("loss", a.len(), rows)?;
    check_output("complement", b.len(), rows)?;
    for (i, ((&z, a), b)) in z.iter().zip(a.iter_mut()).zip(b.iter_mut()).enumerate() {
        check::finite("z", z).map_err(|e| e.at(i))?;
        (*a, *b) = f(z);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_values() {
        // G(0) = φ(0); the standard tables' G(2.33) is 0.003352 (some print 0.00352 by mistake).
        assert!((standard_normal_loss(0.0) - normal::FRAC_1_SQRT_2PI).abs() < 1e-16);
        assert!((standard_normal_loss(2.33) - 0.003_352_319_4).abs() < 1e-10);
        assert!((standard_normal_second_loss(0.0) - 0.25).abs() < 1e-16);
    }

    #[test]
    fn inverse_handles_the_whole_range() {
        for g in [
            1e-300, 1e-30, 1e-8, 1e-3, 0.1, 0.398, 0.4, 0.5, 1.0, 10.0, 1e6,
        ] {
            let k = standard_normal_loss_inverse(g);
            let back = standard_normal_loss(k);
            // G itself loses about log10(k²) digits to cancellation far out (k ≈ 37 at 1e-300).
            let tol = if g < 1e-100 { 1e-9 } else { 1e-12 };
            assert!(((back - g) / g).abs() < tol, "g={g} k={k} G(k)={back}");
        }
        assert!(standard_normal_loss_inverse(0.0).is_nan());
        assert!(standard_normal_loss_inverse(-1.0).is_nan());
        assert!(standard_normal_loss_inverse(f64::NAN).is_nan());
    }

    #[test]
    fn batch_rejects_nan_with_its_index() {
        let z = [0.0, f64::NAN];
        let (mut a, mut b) = ([0.0; 2], [0.0; 2]);
        let err = standard_normal_loss_batch(&z, &mut a, &mut b).unwrap_err();
        assert_eq!(
            err.to_string(),
            "z[1] = NaN: must be a finite number [not_finite]"
        );
        let err = standard_normal_loss_batch(&[], &mut [], &mut []).unwrap_err();
        assert!(err.to_string().contains("[empty]"));
    }

    proptest! {
        #[test]
        fn loss_identities(z in -8.0f64..8.0) {
            let g = standard_normal_loss(z);
            let gbar = standard_normal_loss_complement(z);
            // G(z) − Ḡ(z) = −z, G ≥ max(0, −z), G decreasing and convex.
            prop_assert!((g - gbar + z).abs() < 1e-13);
            prop_assert!(g >= (-z).max(0.0) - 1e-15);
            prop_assert!(standard_normal_loss(z + 1e-3) <= g);
            let g2 = standard_normal_second_loss(z);
            let g2bar = standard_normal_second_loss_complement(z);
            prop_assert!((g2 + g2bar - 0.5 * (z * z + 1.0)).abs() < 1e-12);
        }

        #[test]
        fn inverse_round_trips(k in -20.0f64..8.0) {
            let g = standard_normal_loss(k);
            let back = standard_normal_loss_inverse(g);
            prop_assert!((back - k).abs() < 1e-9 * k.abs().max(1.0), "{k} -> {g} -> {back}");
        }
    }
}

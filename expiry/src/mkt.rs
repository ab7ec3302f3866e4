//! Mean kinetic temperature (USP <1160>): the single temperature that would degrade a product as
//! much as the varying temperatures it actually saw, under Arrhenius kinetics.

use flowcast_core::column::check_output;
use flowcast_core::{ErrorCode, ValidationError, check};

use crate::error::Result;
use crate::fast_exp;

/// 0 °C in kelvin.
pub const KELVIN_OFFSET: f64 = 273.15;

/// Kinetic constants. The default is USP <1160>: ΔH = 83.144 kJ/mol, R = 8.3144 × 10⁻³
/// kJ/(mol·K), so ΔH/R = 10 000 K.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MktParams {
    /// Activation energy ΔH in kJ/mol (> 0); 60–100 is typical for drug products.
    pub delta_h: f64,
    /// Gas constant R in kJ/(mol·K) (> 0).
    pub gas_constant: f64,
}

impl Default for MktParams {
    fn default() -> Self {
        Self {
            delta_h: 83.144,
            gas_constant: 8.3144e-3,
        }
    }
}

impl MktParams {
    /// ΔH/R in kelvin, validated.
    pub(crate) fn activation_temperature(&self) -> Result<f64> {
        let dh = check::positive("delta_h", self.delta_h)?;
        let r = check::positive("gas_constant", self.gas_constant)?;
        let c = dh / r;
        if c.is_finite() {
            Ok(c)
        } else {
            Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "gas_constant",
                r,
                "is too small for delta_h: their ratio overflows",
            )
            .into())
        }
    }
}

/// A temperature must be finite and above absolute zero.
pub(crate) fn check_reading(
    field: &'static str,
    t: f64,
) -> std::result::Result<f64, ValidationError> {
    if t > -KELVIN_OFFSET && t.is_finite() {
        return Ok(t);
    }
    let code = if t.is_finite() {
        ErrorCode::OutOfRange
    } else {
        ErrorCode::NotFinite
    };
    Err(ValidationError::new(
        code,
        field,
        t,
        "must be a finite temperature above absolute zero (-273.15 °C)",
    ))
}

/// MKT of a record together with its plain statistics.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MktSummary {
    /// Mean kinetic temperature, °C.
    pub mkt_c: f64,
    /// Weighted (time-weighted) arithmetic mean, °C.
    pub mean_c: f64,
    /// Coldest reading with a positive weight, °C.
    pub min_c: f64,
    /// Warmest reading with a positive weight, °C.
    pub max_c: f64,
    /// Sum of the weights (the number of readings when unweighted).
    pub total_weight: f64,
}

/// Mean kinetic temperature in °C of readings `temps_c`, each weighted by `weights` (for
/// example the hours it represents) or equally when `None`.
///
/// ```
/// use flowcast_expiry::mkt::{MktParams, mean_kinetic_temperature};
/// // A month at 22 °C with one day at 40 °C (hours as weights).
/// let mkt = mean_kinetic_temperature(&[22.0, 40.0], Some(&[696.0, 24.0]), &MktParams::default())?;
/// assert!((mkt - 23.599_583_089_816).abs() < 1e-9);
/// # Ok::<(), flowcast_expiry::Error>(())
/// ```
///
/// # Errors
/// [`crate::Error::Invalid`] for an empty record, a non-finite reading or one at or below
/// absolute zero, a negative or non-finite weight, weights summing to zero, a weight array of
/// another length, or non-positive constants. Fields are named `temps_c[i]` / `weights[i]`.
pub fn mean_kinetic_temperature(
    temps_c: &[f64],
    weights: Option<&[f64]>,
    params: &MktParams,
) -> Result<f64> {
    summarize(temps_c, weights, params).map(|s| s.mkt_c)
}

/// [`mean_kinetic_temperature`] with the weighted mean, minimum, maximum and total weight.
///
/// # Errors
/// As [`mean_kinetic_temperature`].
pub fn summarize(
    temps_c: &[f64],
    weights: Option<&[f64]>,
    params: &MktParams,
) -> Result<MktSummary> {
    let c = params.activation_temperature()?;
    check::non_empty("temps_c", temps_c.len())?;
    if let Some(w) = weights {
        check::same_len("weights", w.len(), "temps_c", temps_c.len())?;
    }
    segment(temps_c, weights, c, 0)
}

/// MKT in °C of many records at once: record `j` is `temps_c[bounds[j]..bounds[j + 1]]` (with the
/// same slice of `weights`), written to `out[j]`.
///
/// ```
/// use flowcast_expiry::mkt::{MktParams, mkt_segments};
/// let temps = [5.0, 5.0, 20.0, 30.0];
/// let mut out = [0.0; 2];
/// mkt_segments(&temps, None, &[0, 2, 4], &MktParams::default(), &mut out)?;
/// assert!((out[0] - 5.0).abs() < 1e-9);
/// assert!((out[1] - 26.259_886_916_003).abs() < 1e-9);
/// # Ok::<(), flowcast_expiry::Error>(())
/// ```
///
/// # Errors
/// As [`mean_kinetic_temperature`] for any record (indices are positions in `temps_c`), and
/// for `bounds` that do not start at 0, end at `temps_c.len()` and strictly increase, or an
/// `out` without one slot per record.
pub fn mkt_segments(
    temps_c: &[f64],
    weights: Option<&[f64]>,
    bounds: &[usize],
    params: &MktParams,
    out: &mut [f64],
) -> Result<()> {
    let c = params.activation_temperature()?;
    check::non_empty("temps_c", temps_c.len())?;
    if let Some(w) = weights {
        check::same_len("weights", w.len(), "temps_c", temps_c.len())?;
    }
    check_bounds(bounds, temps_c.len())?;
    check_output("out", out.len(), bounds.len() - 1)?;
    for (slot, pair) in out.iter_mut().zip(bounds.windows(2)) {
        let (start, end) = (pair[0], pair[1]);
        let w = weights.map(|w| &w[start..end]);
        *slot = segment(&temps_c[start..end], w, c, start)?.mkt_c;
    }
    Ok(())
}

pub(crate) fn check_bounds(bounds: &[usize], len: usize) -> Result<()> {
    let bad = |value: String, reason: &'static str| {
        ValidationError::new(ErrorCode::OutOfRange, "bounds", value, reason)
    };
    if bounds.len() < 2 || bounds[0] != 0 || bounds[bounds.len() - 1] != len {
        return Err(bad(
            format!("{} bounds", bounds.len()),
            "must start at 0 and end at the number of readings",
        )
        .into());
    }
    if let Some(j) = bounds.windows(2).position(|p| p[1] <= p[0]) {
        return Err(bad(
            format!("{}..{}", bounds[j], bounds[j + 1]),
            "must strictly increase (every record needs a reading)",
        )
        .at(j)
        .into());
    }
    Ok(())
}

/// The kernel: one validated, non-empty record starting at position `base` of the caller's
/// arrays (for error messages). `c` is ΔH/R in kelvin.
fn segment(temps: &[f64], weights: Option<&[f64]>, c: f64, base: usize) -> Result<MktSummary> {
    // Pass 1: validate, and find the extremes and the weighted mean. Readings with zero weight
    // are validated but do not count.
    let (mut min_c, mut max_c) = (f64::INFINITY, f64::NEG_INFINITY);
    let (mut total_w, mut sum_wt) = (0.0, 0.0);
    for (i, &t) in temps.iter().enumerate() {
        let w = weights.map_or(1.0, |w| w[i]);
        check_reading("temps_c", t).map_err(|e| e.at(base + i))?;
        if !(w >= 0.0 && w.is_finite()) {
            return Err(check::non_negative("weights", w)
                .unwrap_err()
                .at(base + i)
                .into());
        }
        if w > 0.0 {
            min_c = min_c.min(t);
            max_c = max_c.max(t);
            total_w += w;
            sum_wt += w * t;
        }
    }
    let span = || format!("readings {base}..{}", base + temps.len());
    if total_w <= 0.0 {
        return Err(ValidationError::new(
            ErrorCode::NotPositive,
            "weights",
            format!("0 in total for {}", span()),
            "must not all be zero",
        )
        .into());
    }
    if !(total_w.is_finite() && sum_wt.is_finite()) {
        return Err(ValidationError::new(
            ErrorCode::NotFinite,
            "weights",
            format!("an overflowing total for {}", span()),
            "must sum to a finite number (rescale them: only their ratios matter)",
        )
        .into());
    }
    // Pass 2: Σ wᵢ·e^(c/T_max − c/Tᵢ), every term in (0, 1]: log-sum-exp shifted by the warmest
    // reading. Four accumulators break the dependency chain of the additions.
    let shift = c / (max_c + KELVIN_OFFSET);
    // Every exponent lies in [shift − ΔH/(R·T_min), 0]: in range for the unclamped exp unless
    // the record spans an extreme range. One loop each, so the choice is not made per reading.
    let exponent = |t: f64| shift - c / (t + KELVIN_OFFSET);
    let scaled = if c / (min_c + KELVIN_OFFSET) - shift <= fast_exp::LIMIT {
        kinetic_sum(temps, weights, |t| fast_exp::exp_in_range(exponent(t)))
    } else {
        kinetic_sum(temps, weights, |t| fast_exp::exp(exponent(t)))
    };
    let mkt_k = c / (shift - (scaled / total_w).ln());
    Ok(MktSummary {
        // Rounding can put a constant record's MKT an ulp outside its range; clamp it back.
        mkt_c: (mkt_k - KELVIN_OFFSET).clamp(min_c, max_c),
        mean_c: (sum_wt / total_w).clamp(min_c, max_c),
        min_c,
        max_c,
        total_weight: total_w,
    })
}

/// Σ wᵢ·term(tᵢ) with four accumulators (breaking the dependency chain of the additions).
/// Readings with zero weight do not count: one warmer than the shift would make 0 × ∞.
#[inline(always)]
fn kinetic_sum(temps: &[f64], weights: Option<&[f64]>, term: impl Fn(f64) -> f64) -> f64 {
    let weighted = |w: f64, t: f64| if w > 0.0 { w * term(t) } else { 0.0 };
    let mut acc = [0.0f64; 4];
    match weights {
        None => {
            let mut chunks = temps.chunks_exact(4);
            for ch in &mut chunks {
                for (a, &t) in acc.iter_mut().zip(ch) {
                    *a += term(t);
                }
            }
            acc[0] += chunks.remainder().iter().map(|&t| term(t)).sum::<f64>();
        }
        Some(w) => {
            let mut chunks = temps.chunks_exact(4).zip(w.chunks_exact(4));
            for (tc, wc) in &mut chunks {
                for ((a, &t), &w) in acc.iter_mut().zip(tc).zip(wc) {
                    *a += weighted(w, t);
                }
            }
            let done = temps.len() - temps.len() % 4;
            acc[0] += temps[done..]
                .iter()
                .zip(&w[done..])
                .map(|(&t, &w)| weighted(w, t))
                .sum::<f64>();
        }
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn usp() -> MktParams {
        MktParams::default()
    }

    #[test]
    fn rejects_bad_records_naming_the_reading() {
        let msg = |t: &[f64], w: Option<&[f64]>| {
            mean_kinetic_temperature(t, w, &usp())
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            msg(&[], None),
            "temps_c = []: must hold at least one value [empty]"
        );
        assert_eq!(
            msg(&[5.0, -300.0], None),
            "temps_c[1] = -300: must be a finite temperature above absolute zero (-273.15 °C) [out_of_range]"
        );
        assert!(msg(&[5.0, -273.15], None).starts_with("temps_c[1] = -273.15"));
        assert!(msg(&[f64::NAN], None).ends_with("[not_finite]"));
        assert_eq!(
            msg(&[5.0, 6.0], Some(&[1.0, -1.0])),
            "weights[1] = -1: must be at least 0 [negative]"
        );
        assert!(msg(&[5.0, 6.0], Some(&[0.0, 0.0])).contains("must not all be zero"));
        assert!(msg(&[5.0, 6.0], Some(&[1.0])).contains("[length_mismatch]"));
        let bad = MktParams {
            delta_h: 0.0,
            ..usp()
        };
        assert!(
            mean_kinetic_temperature(&[5.0], None, &bad)
                .unwrap_err()
                .to_string()
                .starts_with("delta_h = 0")
        );
    }

    #[test]
    fn segments_check_their_bounds() {
        let t = [1.0, 2.0, 3.0];
        let mut out = [0.0; 2];
        for bounds in [&[0, 3][..], &[0, 1, 2], &[1, 2, 3], &[0, 0, 3]] {
            let r = mkt_segments(&t, None, bounds, &usp(), &mut out);
            assert!(r.is_err(), "{bounds:?}");
        }
        let e =
            mkt_segments(&[1.0, f64::NAN, 3.0], None, &[0, 1, 3], &usp(), &mut out).unwrap_err();
        assert!(e.to_string().starts_with("temps_c[1] = NaN"));
    }

    #[test]
    fn zero_weight_readings_do_not_count() {
        // A zero-weight spike must not become the log-sum-exp shift (it would underflow the sum).
        let p = MktParams {
            delta_h: 83_144.0,
            ..usp()
        };
        let s = summarize(&[5.0, 5.0, 500.0], Some(&[1.0, 1.0, 0.0]), &p).unwrap();
        assert!((s.mkt_c - 5.0).abs() < 1e-9 && s.max_c == 5.0);
        let e = mkt_segments(
            &[5.0, 6.0, 7.0],
            Some(&[1.0, 0.0, 0.0]),
            &[0, 1, 3],
            &usp(),
            &mut [0.0; 2],
        );
        assert!(
            e.unwrap_err()
                .to_string()
                .contains("0 in total for readings 1..3")
        );
        let huge = mean_kinetic_temperature(&[5.0, 6.0], Some(&[1e308, 1e308]), &usp());
        assert!(huge.unwrap_err().to_string().contains("[not_finite]"));
        let tiny_r = MktParams {
            gas_constant: 1e-320,
            ..usp()
        };
        assert!(mean_kinetic_temperature(&[5.0], None, &tiny_r).is_err());
    }

    #[test]
    fn extreme_but_valid_records_stay_finite() {
        let t = [-273.0, 1000.0, 25.0];
        let m = mean_kinetic_temperature(&t, None, &usp()).unwrap();
        assert!(m.is_finite() && m > 25.0);
        let many = vec![4.0; 1_000_003];
        assert!((mean_kinetic_temperature(&many, None, &usp()).unwrap() - 4.0).abs() < 1e-9);
    }

    proptest! {
        #[test]
        fn mkt_lies_between_mean_and_max_and_ignores_order_and_weight_scale(
            temps in prop::collection::vec(-40.0f64..60.0, 1..40),
            scale in 0.01f64..100.0,
        ) {
            let s = summarize(&temps, None, &usp()).unwrap();
            // Jensen: the exponential weighting puts MKT at or above the arithmetic mean.
            prop_assert!(s.mkt_c >= s.mean_c - 1e-9 && s.mkt_c <= s.max_c);
            let mut rev = temps.clone();
            rev.reverse();
            let r = mean_kinetic_temperature(&rev, None, &usp()).unwrap();
            prop_assert!((r - s.mkt_c).abs() < 1e-9);
            let w = vec![scale; temps.len()];
            let weighted = mean_kinetic_temperature(&temps, Some(&w), &usp()).unwrap();
            prop_assert!((weighted - s.mkt_c).abs() < 1e-9);
        }

        #[test]
        fn segments_equal_separate_calls(a in prop::collection::vec(-10.0f64..40.0, 1..20), b in prop::collection::vec(-10.0f64..40.0, 1..20)) {
            let all: Vec<f64> = a.iter().chain(&b).copied().collect();
            let mut out = [0.0; 2];
            mkt_segments(&all, None, &[0, a.len(), all.len()], &usp(), &mut out).unwrap();
            prop_assert_eq!(out[0], mean_kinetic_temperature(&a, None, &usp()).unwrap());
            prop_assert_eq!(out[1], mean_kinetic_temperature(&b, None, &usp()).unwrap());
        }
    }
}

//! Composable MKT partial sums and rolling MKT windows.
//!
//! MKT over a stretch of readings depends only on Σwᵢ·e^(−ΔH/(R·Tᵢ)) and Σwᵢ. Keep those sums
//! per hour or per day (in a database, in a stream) and the MKT of any union of buckets is
//! exact: [`MktSums::merge`] adds them. The kinetic sum is stored shifted (Σwᵢ·e^(s − ΔH/(R·Tᵢ))
//! with `s` chosen near the warmest reading) so it neither underflows nor overflows.

use flowcast_core::column::check_output;
use flowcast_core::{ErrorCode, ValidationError, check};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::fast_exp;
use crate::mkt::{KELVIN_OFFSET, MktParams, check_reading};

/// A shifted term larger than e^this is rescaled so sums stay far from overflow.
pub(crate) const RESCALE_ABOVE: f64 = 300.0;

/// Partial sums of a stretch of readings from which its MKT, mean, minimum and maximum are exact.
///
/// ```
/// use flowcast_expiry::kinetic_sums::MktSums;
/// use flowcast_expiry::mkt::{MktParams, mean_kinetic_temperature};
/// let p = MktParams::default();
/// // Two daily buckets, merged: the same MKT as the whole record.
/// let (day1, day2) = ([5.0, 6.0, 7.0], [12.0, 4.0]);
/// let mut total = MktSums::from_readings(&day1, None, &p)?;
/// total.merge(&MktSums::from_readings(&day2, None, &p)?)?;
/// let whole = mean_kinetic_temperature(&[5.0, 6.0, 7.0, 12.0, 4.0], None, &p)?;
/// assert!((total.mkt_c().unwrap() - whole).abs() < 1e-12);
/// # Ok::<(), flowcast_expiry::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MktSums {
    /// ΔH/R in kelvin: sums made with other constants cannot be merged.
    activation_k: f64,
    /// The shift `s` of the stored kinetic sum.
    shift: f64,
    /// Σwᵢ·e^(s − ΔH/(R·Tᵢ)).
    scaled: f64,
    /// Σwᵢ.
    weight: f64,
    /// Σwᵢ·tᵢ (°C).
    weighted_temp: f64,
    /// Coldest reading with a positive weight (0 when empty: every field stays finite, so the
    /// sums serialise to JSON).
    min_c: f64,
    /// Warmest reading with a positive weight (0 when empty).
    max_c: f64,
}

impl MktSums {
    /// Empty sums for the given constants.
    ///
    /// # Errors
    /// Non-positive or non-finite constants.
    pub fn new(params: &MktParams) -> Result<Self> {
        Ok(Self::empty(params.activation_temperature()?))
    }

    pub(crate) fn empty(activation_k: f64) -> Self {
        Self {
            activation_k,
            shift: 0.0,
            scaled: 0.0,
            weight: 0.0,
            weighted_temp: 0.0,
            min_c: 0.0,
            max_c: 0.0,
        }
    }

    /// Sums of a record (`weights` equal when `None`), validated as in
    /// [`crate::mkt::mean_kinetic_temperature`] but allowed to be empty.
    ///
    /// # Errors
    /// A non-finite reading or one at or below absolute zero, a negative or non-finite weight,
    /// weights of another length, bad constants.
    pub fn from_readings(
        temps_c: &[f64],
        weights: Option<&[f64]>,
        params: &MktParams,
    ) -> Result<Self> {
        let mut sums = Self::new(params)?;
        if let Some(w) = weights {
            check::same_len("weights", w.len(), "temps_c", temps_c.len())?;
        }
        for (i, &t) in temps_c.iter().enumerate() {
            let w = weights.map_or(1.0, |w| w[i]);
            check_reading("temps_c", t).map_err(|e| e.at(i))?;
            check_weight("weights", w).map_err(|e| e.at(i))?;
            sums.add_unchecked(t, w);
        }
        sums.check_totals()?;
        Ok(sums)
    }

    /// Adds one reading `temp_c` held for `weight` (hours, minutes: only ratios matter).
    ///
    /// # Errors
    /// As [`MktSums::from_readings`] for the one reading.
    pub fn add(&mut self, temp_c: f64, weight: f64) -> Result<()> {
        check_reading("temp_c", temp_c)?;
        check_weight("weight", weight)?;
        self.add_unchecked(temp_c, weight);
        self.check_totals()
    }

    /// The hot path: `temp_c` and `weight` already validated.
    #[inline]
    pub(crate) fn add_unchecked(&mut self, temp_c: f64, weight: f64) {
        if weight <= 0.0 {
            return;
        }
        let exponent = self.activation_k / (temp_c + KELVIN_OFFSET);
        if self.weight == 0.0 {
            self.shift = exponent;
            self.min_c = temp_c;
            self.max_c = temp_c;
        } else if self.shift - exponent > RESCALE_ABOVE {
            self.scaled *= (exponent - self.shift).exp();
            self.shift = exponent;
        }
        self.add_term(temp_c, weight, fast_exp::exp(self.shift - exponent));
    }

    /// The current shift, once a reading has been added: a vectorised pass can compute the
    /// terms e^(shift − ΔH/(R·T)) for [`MktSums::add_term`] ahead, as long as no shifted
    /// exponent exceeds [`RESCALE_ABOVE`].
    #[inline]
    pub(crate) fn shift(&self) -> Option<f64> {
        (self.weight > 0.0).then_some(self.shift)
    }

    /// ΔH/R in kelvin.
    #[inline]
    pub(crate) fn activation_k(&self) -> f64 {
        self.activation_k
    }

    /// Adds a reading whose term `fast_exp::exp(shift − ΔH/(R·T))` is already known; exactly
    /// what [`MktSums::add_unchecked`] does with it (weight > 0, sums not empty).
    #[inline]
    pub(crate) fn add_term(&mut self, temp_c: f64, weight: f64, term: f64) {
        self.scaled += weight * term;
        self.weight += weight;
        self.weighted_temp += weight * temp_c;
        self.min_c = self.min_c.min(temp_c);
        self.max_c = self.max_c.max(temp_c);
    }

    /// Adds another stretch's sums (buckets can come in any order).
    ///
    /// # Errors
    /// Sums made with different ΔH/R, or totals that overflow.
    pub fn merge(&mut self, other: &Self) -> Result<()> {
        if other.activation_k != self.activation_k {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "other",
                format!("ΔH/R = {} K vs {} K", other.activation_k, self.activation_k),
                "must be made with the same ΔH and R",
            )
            .into());
        }
        if other.weight == 0.0 {
            return Ok(());
        }
        if self.weight == 0.0 {
            *self = *other;
            return Ok(());
        }
        let shift = self.shift.min(other.shift);
        self.scaled =
            self.scaled * (shift - self.shift).exp() + other.scaled * (shift - other.shift).exp();
        self.shift = shift;
        self.weight += other.weight;
        self.weighted_temp += other.weighted_temp;
        self.min_c = self.min_c.min(other.min_c);
        self.max_c = self.max_c.max(other.max_c);
        self.check_totals()
    }

    fn check_totals(&self) -> Result<()> {
        if self.weight.is_finite() && self.weighted_temp.is_finite() {
            Ok(())
        } else {
            Err(ValidationError::new(
                ErrorCode::NotFinite,
                "weights",
                "an overflowing total",
                "must sum to a finite number (rescale them: only their ratios matter)",
            )
            .into())
        }
    }

    /// Mean kinetic temperature in °C, `None` while no reading has a positive weight.
    pub fn mkt_c(&self) -> Option<f64> {
        (self.weight > 0.0).then(|| {
            let kelvin = self.activation_k / (self.shift - (self.scaled / self.weight).ln());
            (kelvin - KELVIN_OFFSET).clamp(self.min_c, self.max_c)
        })
    }

    /// Weighted arithmetic mean in °C, `None` when empty.
    pub fn mean_c(&self) -> Option<f64> {
        (self.weight > 0.0)
            .then(|| (self.weighted_temp / self.weight).clamp(self.min_c, self.max_c))
    }

    /// Natural logarithm of Σwᵢ·e^(−ΔH/(R·Tᵢ)) (−∞ when empty): store this, not the sum itself,
    /// which underflows for cold records and large ΔH.
    pub fn ln_kinetic_sum(&self) -> f64 {
        if self.weight > 0.0 {
            self.scaled.ln() - self.shift
        } else {
            f64::NEG_INFINITY
        }
    }

    /// Rebuilds sums stored as their parts (for example one row per hourly bucket).
    ///
    /// # Errors
    /// Bad constants, a non-finite or negative weight, an extreme outside (−273.15 °C, ∞), or
    /// parts that contradict each other (min above max, a non-empty bucket without a finite
    /// `ln_kinetic_sum`).
    pub fn from_parts(
        params: &MktParams,
        ln_kinetic_sum: f64,
        weight: f64,
        weighted_temp: f64,
        min_c: f64,
        max_c: f64,
    ) -> Result<Self> {
        let mut sums = Self::new(params)?;
        check_weight("weight", weight)?;
        if weight == 0.0 {
            return Ok(sums);
        }
        check::finite("ln_kinetic_sum", ln_kinetic_sum)?;
        check::finite("weighted_temp", weighted_temp)?;
        check_reading("min_c", min_c)?;
        check_reading("max_c", max_c)?;
        if min_c > max_c {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                "min_c",
                format!("{min_c} > max_c {max_c}"),
                "must not exceed max_c",
            )
            .into());
        }
        sums.shift = -ln_kinetic_sum;
        sums.scaled = 1.0;
        sums.weight = weight;
        sums.weighted_temp = weighted_temp;
        sums.min_c = min_c;
        sums.max_c = max_c;
        Ok(sums)
    }

    /// Σwᵢ (0 when empty).
    pub fn total_weight(&self) -> f64 {
        self.weight
    }

    /// Σwᵢ·tᵢ in °C.
    pub fn weighted_temp(&self) -> f64 {
        self.weighted_temp
    }

    /// Coldest reading with a positive weight, `None` when empty.
    pub fn min_c(&self) -> Option<f64> {
        (self.weight > 0.0).then_some(self.min_c)
    }

    /// Warmest reading with a positive weight, `None` when empty.
    pub fn max_c(&self) -> Option<f64> {
        (self.weight > 0.0).then_some(self.max_c)
    }
}

fn check_weight(field: &'static str, w: f64) -> std::result::Result<f64, ValidationError> {
    check::non_negative(field, w)
}

/// MKT in °C of every window of `window` consecutive readings: `out[i]` covers readings
/// `i..i + window`, so `out` holds `temps_c.len() − window + 1` values. With hourly readings a
/// window of 24 is the 24 h MKT proposed for controlled-cold products, 720 the 30-day window
/// for room temperature (USP PF 44(4)).
///
/// Exact for every window (no running subtraction, which would lose accuracy after a spike):
/// each window is a suffix of one block of `window` readings plus a prefix of the next.
///
/// ```
/// use flowcast_expiry::kinetic_sums::rolling_mkt;
/// use flowcast_expiry::mkt::MktParams;
/// let mut out = [0.0; 3];
/// rolling_mkt(&[5.0, 5.0, 20.0, 30.0], None, 2, &MktParams::default(), &mut out)?;
/// assert!((out[0] - 5.0).abs() < 1e-9 && (out[2] - 26.259_886_916_003).abs() < 1e-9);
/// # Ok::<(), flowcast_expiry::Error>(())
/// ```
///
/// # Errors
/// As [`crate::mkt::mean_kinetic_temperature`]; a `window` of 0 or longer than the record; a
/// window whose weights are all zero; `out` of the wrong length.
pub fn rolling_mkt(
    temps_c: &[f64],
    weights: Option<&[f64]>,
    window: usize,
    params: &MktParams,
    out: &mut [f64],
) -> Result<()> {
    let c = params.activation_temperature()?;
    let n = temps_c.len();
    check::non_empty("temps_c", n)?;
    if window == 0 || window > n {
        return Err(ValidationError::new(
            ErrorCode::OutOfRange,
            "window",
            window,
            format!("must be between 1 and the number of readings ({n})"),
        )
        .into());
    }
    let sums = MktSums::from_readings(temps_c, weights, params)?;
    check_output("out", out.len(), n - window + 1)?;
    if sums.weight == 0.0 {
        return Err(all_zero(0, n));
    }
    // One shift for the whole record (its warmest reading): every term is in [0, 1].
    let shift = c / (sums.max_c + KELVIN_OFFSET);
    let weight = |i: usize| weights.map_or(1.0, |w| w[i]);
    // Every reading's term once, in a loop that vectorises.
    let exps: Vec<f64> = temps_c
        .iter()
        .map(|&t| fast_exp::exp(shift - c / (t + KELVIN_OFFSET)))
        .collect();
    // Suffix sums of the current block, then a running prefix over the next block.
    let reading = |i: usize| {
        let w = weight(i);
        Window::of(w, w * exps[i], temps_c[i])
    };
    let mut suffix = vec![Window::EMPTY; window];
    let mut start = 0;
    while start + window <= n {
        let mut acc = Window::EMPTY;
        for (k, slot) in suffix.iter_mut().enumerate().rev() {
            acc = acc.plus(reading(start + k));
            *slot = acc;
        }
        let mut prefix = Window::EMPTY;
        for (k, s) in suffix.iter().enumerate() {
            // Window starting at start + k: suffix[k] of this block + the next block's first k.
            let first = start + k;
            if first + window > n {
                break;
            }
            let all = s.plus(prefix);
            if all.weight <= 0.0 {
                return Err(all_zero(first, first + window));
            }
            let kelvin = c / (shift - (all.kinetic / all.weight).ln());
            out[first] = (kelvin - KELVIN_OFFSET).clamp(all.lo, all.hi);
            if start + window + k < n {
                prefix = prefix.plus(reading(start + window + k));
            }
        }
        start += window;
    }
    Ok(())
}

/// Sums of a run of readings under one fixed shift.
#[derive(Clone, Copy)]
struct Window {
    kinetic: f64,
    weight: f64,
    hi: f64,
    lo: f64,
}

impl Window {
    const EMPTY: Self = Self {
        kinetic: 0.0,
        weight: 0.0,
        hi: f64::NEG_INFINITY,
        lo: f64::INFINITY,
    };

    fn of(weight: f64, kinetic: f64, temp_c: f64) -> Self {
        if weight > 0.0 {
            Self {
                kinetic,
                weight,
                hi: temp_c,
                lo: temp_c,
            }
        } else {
            Self::EMPTY
        }
    }

    fn plus(self, o: Self) -> Self {
        Self {
            kinetic: self.kinetic + o.kinetic,
            weight: self.weight + o.weight,
            hi: self.hi.max(o.hi),
            lo: self.lo.min(o.lo),
        }
    }
}

fn all_zero(start: usize, end: usize) -> crate::Error {
    ValidationError::new(
        ErrorCode::NotPositive,
        "weights",
        format!("0 in total for readings {start}..{end}"),
        "must not all be zero within a window",
    )
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mkt::mean_kinetic_temperature;
    use proptest::prelude::*;

    fn usp() -> MktParams {
        MktParams::default()
    }

    #[test]
    fn bad_input_is_rejected() {
        let p = usp();
        let mut s = MktSums::new(&p).unwrap();
        assert!(s.add(f64::NAN, 1.0).is_err());
        assert!(s.add(-300.0, 1.0).is_err());
        assert!(s.add(5.0, -1.0).is_err());
        assert_eq!(s.mkt_c(), None);
        let other = MktSums::new(&MktParams { delta_h: 60.0, ..p }).unwrap();
        assert!(
            s.merge(&other)
                .unwrap_err()
                .to_string()
                .contains("same ΔH and R")
        );
        let mut out = [0.0; 2];
        let e = rolling_mkt(&[1.0, 2.0], None, 3, &p, &mut out).unwrap_err();
        assert!(e.to_string().starts_with("window = 3"));
        let e = rolling_mkt(&[1.0, 2.0, 3.0], Some(&[1.0, 0.0, 0.0]), 2, &p, &mut out).unwrap_err();
        assert!(e.to_string().contains("readings 1..3"), "{e}");
        assert!(MktSums::from_parts(&p, -30.0, 1.0, 5.0, 6.0, 5.0).is_err());
    }

    #[test]
    fn extreme_records_rescale_instead_of_overflowing() {
        let p = MktParams {
            delta_h: 2000.0,
            ..usp()
        };
        let mut s = MktSums::new(&p).unwrap();
        for t in [-200.0, 25.0, 500.0, -100.0] {
            s.add(t, 1.0).unwrap();
        }
        let direct = mean_kinetic_temperature(&[-200.0, 25.0, 500.0, -100.0], None, &p).unwrap();
        assert!((s.mkt_c().unwrap() - direct).abs() < 1e-9);
    }

    proptest! {
        #[test]
        fn merged_buckets_equal_the_whole_record(
            temps in prop::collection::vec(-30.0f64..50.0, 1..60),
            weights in prop::collection::vec(0.0f64..10.0, 60),
            cut in 0usize..60,
        ) {
            let p = usp();
            let w = &weights[..temps.len()];
            prop_assume!(w.iter().sum::<f64>() > 0.0);
            let cut = cut.min(temps.len());
            let whole = crate::mkt::summarize(&temps, Some(w), &p).unwrap();
            let mut a = MktSums::from_readings(&temps[cut..], Some(&w[cut..]), &p).unwrap();
            a.merge(&MktSums::from_readings(&temps[..cut], Some(&w[..cut]), &p).unwrap()).unwrap();
            prop_assert!((a.mkt_c().unwrap() - whole.mkt_c).abs() < 1e-9);
            prop_assert!((a.mean_c().unwrap() - whole.mean_c).abs() < 1e-9);
            let stored = MktSums::from_parts(&p, a.ln_kinetic_sum(), a.total_weight(), a.weighted_temp(),
                a.min_c().unwrap(), a.max_c().unwrap()).unwrap();
            prop_assert!((stored.mkt_c().unwrap() - whole.mkt_c).abs() < 1e-9);
        }

        #[test]
        fn rolling_windows_equal_direct_mkt(
            temps in prop::collection::vec(-30.0f64..50.0, 1..50),
            window in 1usize..50,
        ) {
            let window = window.min(temps.len());
            let mut out = vec![0.0; temps.len() - window + 1];
            rolling_mkt(&temps, None, window, &usp(), &mut out).unwrap();
            for (i, got) in out.iter().enumerate() {
                let direct = mean_kinetic_temperature(&temps[i..i + window], None, &usp()).unwrap();
                prop_assert!((got - direct).abs() < 1e-9, "window {i}: {got} vs {direct}");
            }
        }
    }
}

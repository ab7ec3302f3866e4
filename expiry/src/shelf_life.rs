//! Shelf-life models: how much faster a product degrades at one temperature than at its
//! reference (label) temperature, and how much of its shelf life a temperature history used.
//!
//! The equivalent-age model: an hour at temperature T counts as AF(T) hours at the reference
//! temperature, where AF is the rate ratio of the chosen [`RateModel`]:
//! - Arrhenius: AF(T) = exp((Eₐ/R)·(1/T_ref − 1/T)), T in kelvin, with Eₐ and R from
//!   [`MktParams`] (USP <1160> defaults: Eₐ = 83.144 kJ/mol, R = 8.3144 J/(mol·K));
//! - Q10: AF(T) = Q10^((T − T_ref)/10), the rate multiplies by Q10 every 10 °C (Q10 = 2–3 is
//!   typical for foods and biologics).
//!
//! The shelf life at reference minus the equivalent age is what remains, at the reference
//! temperature; at another storage temperature divide by its AF
//! ([`ShelfLife::remaining_at`]).

use flowcast_core::{ErrorCode, ValidationError, check};

use crate::error::Result;
use crate::mkt::check_reading;
use crate::mkt::{KELVIN_OFFSET, MktParams};

/// How degradation speeds up with temperature.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RateModel {
    /// Arrhenius kinetics with activation energy `delta_h` and gas constant (kJ units).
    Arrhenius(MktParams),
    /// A constant rate ratio per 10 °C (> 0).
    Q10(f64),
}

impl Default for RateModel {
    /// Arrhenius with the USP <1160> constants.
    fn default() -> Self {
        Self::Arrhenius(MktParams::default())
    }
}

impl RateModel {
    /// Validates the model; returns a closure-free description used by the kernels.
    fn kernel(&self) -> Result<Kernel> {
        match *self {
            Self::Arrhenius(p) => Ok(Kernel::Arrhenius(p.activation_temperature()?)),
            Self::Q10(q) => Ok(Kernel::Q10(check::positive("q10", q)?.ln() / 10.0)),
        }
    }

    /// The rate at `t_c` relative to the rate at `t_ref_c` (the acceleration factor).
    ///
    /// ```
    /// use flowcast_expiry::shelf_life::RateModel;
    /// assert!((RateModel::Q10(2.0).acceleration_factor(25.0, 5.0)? - 4.0).abs() < 1e-12);
    /// let af = RateModel::default().acceleration_factor(25.0, 5.0)?;
    /// assert!((af - 11.152_461_192_385).abs() < 1e-9);
    /// # Ok::<(), flowcast_expiry::Error>(())
    /// ```
    ///
    /// # Errors
    /// Temperatures that are not finite or not above absolute zero; bad constants or Q10.
    pub fn acceleration_factor(&self, t_c: f64, t_ref_c: f64) -> Result<f64> {
        let kernel = self.kernel()?;
        let t_ref = check_reading("t_ref_c", t_ref_c)?;
        let t = check_reading("t_c", t_c)?;
        check::finite_result("acceleration_factor", kernel.log_ratio(t, t_ref).exp())
            .map_err(Into::into)
    }
}

#[derive(Debug, Clone, Copy)]
enum Kernel {
    /// Eₐ/R in kelvin.
    Arrhenius(f64),
    /// ln(Q10)/10 per °C.
    Q10(f64),
}

impl Kernel {
    /// ln AF(t) relative to `t_ref`.
    #[inline]
    fn log_ratio(self, t: f64, t_ref: f64) -> f64 {
        match self {
            Self::Arrhenius(c) => c * (1.0 / (t_ref + KELVIN_OFFSET) - 1.0 / (t + KELVIN_OFFSET)),
            Self::Q10(k) => k * (t - t_ref),
        }
    }
}

/// The Q10 equivalent to Arrhenius kinetics over [`t_ref_c`, `t_ref_c` + 10 °C]: AF(t_ref + 10).
///
/// ```
/// use flowcast_expiry::mkt::MktParams;
/// use flowcast_expiry::shelf_life::q10_from_arrhenius;
/// assert!((q10_from_arrhenius(&MktParams::default(), 5.0)? - 3.482_245_727_025).abs() < 1e-9);
/// # Ok::<(), flowcast_expiry::Error>(())
/// ```
///
/// # Errors
/// As [`RateModel::acceleration_factor`].
pub fn q10_from_arrhenius(params: &MktParams, t_ref_c: f64) -> Result<f64> {
    RateModel::Arrhenius(*params).acceleration_factor(t_ref_c + 10.0, t_ref_c)
}

/// How much shelf life a temperature history consumed, in the time unit of its durations.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShelfLife {
    /// Clock time of the history (Σ durations).
    pub elapsed: f64,
    /// Equivalent age at the reference temperature: Σ durationᵢ·AF(Tᵢ).
    pub equivalent_at_ref: f64,
    /// `equivalent_at_ref` / shelf life at reference (above 1 once expired).
    pub fraction_consumed: f64,
    /// Shelf life left at the reference temperature (negative once expired).
    pub remaining_at_ref: f64,
}

impl ShelfLife {
    /// Shelf life left if the product is stored at `t_c` from now on: `remaining_at_ref /
    /// AF(t_c)`.
    ///
    /// # Errors
    /// As [`RateModel::acceleration_factor`].
    pub fn remaining_at(&self, t_c: f64, t_ref_c: f64, model: &RateModel) -> Result<f64> {
        Ok(self.remaining_at_ref / model.acceleration_factor(t_c, t_ref_c)?)
    }
}

/// Shelf life consumed by a history of temperatures `temps_c`, each held for `durations[i]`
/// (hours, days: the unit of `shelf_life_at_ref`).
///
/// ```
/// use flowcast_expiry::shelf_life::{RateModel, shelf_life_consumed};
/// // Two years at 5 °C; 20 days at 5 °C, 6 h at 12 °C, 2 h at 25 °C, 20 days at 5 °C.
/// let used = shelf_life_consumed(
///     &[5.0, 5.0, 12.0, 25.0, 5.0], &[240.0, 240.0, 6.0, 2.0, 480.0], 5.0, 17_520.0,
///     &RateModel::default(),
/// )?;
/// assert!((used.equivalent_at_ref - 996.807_439_554_68).abs() < 1e-6);
/// assert!((used.remaining_at_ref - 16_523.192_560_445_32).abs() < 1e-6);
/// # Ok::<(), flowcast_expiry::Error>(())
/// ```
///
/// # Errors
/// Mismatched lengths, a temperature that is not finite or not above absolute zero (named
/// `temps_c[i]`), a negative or non-finite duration, a non-positive shelf life, bad constants.
pub fn shelf_life_consumed(
    temps_c: &[f64],
    durations: &[f64],
    t_ref_c: f64,
    shelf_life_at_ref: f64,
    model: &RateModel,
) -> Result<ShelfLife> {
    let life = check::positive("shelf_life_at_ref", shelf_life_at_ref)?;
    let (elapsed, equivalent) = equivalent_age(temps_c, durations, t_ref_c, model)?;
    Ok(ShelfLife {
        elapsed,
        equivalent_at_ref: equivalent,
        fraction_consumed: equivalent / life,
        remaining_at_ref: life - equivalent,
    })
}

/// Clock time Σ durationsᵢ and equivalent age Σ durationsᵢ·AF(Tᵢ) at `t_ref_c`.
///
/// # Errors
/// As [`shelf_life_consumed`].
pub fn equivalent_age(
    temps_c: &[f64],
    durations: &[f64],
    t_ref_c: f64,
    model: &RateModel,
) -> Result<(f64, f64)> {
    let kernel = model.kernel()?;
    let t_ref = check_reading("t_ref_c", t_ref_c)?;
    check::same_len("durations", durations.len(), "temps_c", temps_c.len())?;
    let (mut elapsed, mut equivalent) = (0.0, 0.0);
    for (i, (&t, &d)) in temps_c.iter().zip(durations).enumerate() {
        check_reading("temps_c", t).map_err(|e| e.at(i))?;
        check::non_negative("durations", d).map_err(|e| e.at(i))?;
        elapsed += d;
        if d > 0.0 {
            equivalent += d * kernel.log_ratio(t, t_ref).exp();
        }
    }
    if !(elapsed.is_finite() && equivalent.is_finite()) {
        return Err(ValidationError::new(
            ErrorCode::NotFinite,
            "durations",
            "an overflowing total",
            "must give a finite equivalent age",
        )
        .into());
    }
    Ok((elapsed, equivalent))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn bad_input_names_the_field() {
        let m = RateModel::default();
        let e = |r: Result<ShelfLife>| r.unwrap_err().to_string();
        assert!(
            e(shelf_life_consumed(
                &[5.0, f64::NAN],
                &[1.0, 1.0],
                5.0,
                10.0,
                &m
            ))
            .starts_with("temps_c[1] = NaN")
        );
        assert!(
            e(shelf_life_consumed(&[5.0], &[-1.0], 5.0, 10.0, &m)).starts_with("durations[0] = -1")
        );
        assert!(
            e(shelf_life_consumed(&[5.0], &[1.0], 5.0, 0.0, &m))
                .starts_with("shelf_life_at_ref = 0")
        );
        assert!(
            e(shelf_life_consumed(&[5.0], &[1.0, 2.0], 5.0, 1.0, &m)).contains("[length_mismatch]")
        );
        assert!(RateModel::Q10(0.0).acceleration_factor(5.0, 5.0).is_err());
        assert!(m.acceleration_factor(-274.0, 5.0).is_err());
    }

    proptest! {
        #[test]
        fn a_history_at_the_reference_ages_at_clock_speed(
            hours in prop::collection::vec(0.0f64..100.0, 1..20),
            t_ref in -20.0f64..40.0,
            q10 in 1.1f64..4.0,
        ) {
            for model in [RateModel::default(), RateModel::Q10(q10)] {
                let temps = vec![t_ref; hours.len()];
                let (elapsed, eq) = equivalent_age(&temps, &hours, t_ref, &model).unwrap();
                prop_assert!((elapsed - eq).abs() <= 1e-9 * elapsed.max(1.0));
                // Warmer ages faster, colder slower.
                let (_, warm) = equivalent_age(&vec![t_ref + 5.0; hours.len()], &hours, t_ref, &model).unwrap();
                let (_, cold) = equivalent_age(&vec![t_ref - 5.0; hours.len()], &hours, t_ref, &model).unwrap();
                prop_assert!(warm >= eq && cold <= eq);
            }
        }
    }
}

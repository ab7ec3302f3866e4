//! Storage rules: the label range, what excursions are tolerated, stability budgets.

use flowcast_core::{ErrorCode, ValidationError, check};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::mkt::MktParams;
use crate::mkt::check_reading;

/// One day in minutes: the longest transient spike USP <659> tolerates.
pub const DAY_MIN: f64 = 1440.0;

/// A temperature interval with open or closed ends, written like `(8, 25]`.
///
/// Serialises as that text; reads from the text or from `[lo, hi]` (closed).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(into = "String", try_from = "IntervalText")]
pub struct Interval {
    /// Lower end, °C.
    pub lo: f64,
    /// Upper end, °C.
    pub hi: f64,
    /// Whether `lo` itself belongs to the interval.
    pub lo_closed: bool,
    /// Whether `hi` itself belongs to the interval.
    pub hi_closed: bool,
}

impl Interval {
    /// `[lo, hi]`.
    pub const fn closed(lo: f64, hi: f64) -> Self {
        Self {
            lo,
            hi,
            lo_closed: true,
            hi_closed: true,
        }
    }

    /// Parses `(8, 25]`, `[2, 8]`, `[-25,-10)`.
    ///
    /// ```
    /// use flowcast_expiry::excursion::Interval;
    /// let band = Interval::parse("(8, 25]")?;
    /// assert!(!band.contains(8.0) && band.contains(8.01) && band.contains(25.0));
    /// # Ok::<(), flowcast_expiry::Error>(())
    /// ```
    ///
    /// # Errors
    /// Text that is not two finite numbers between brackets with `lo ≤ hi`.
    pub fn parse(text: &str) -> Result<Self> {
        let bad = || {
            ValidationError::new(
                ErrorCode::WrongType,
                "band",
                format!("{text:?}"),
                "must look like (8, 25] or [2, 8]: two numbers, each end open ( ) or closed [ ]",
            )
        };
        let t = text.trim();
        let lo_closed = match t.chars().next() {
            Some('[') => true,
            Some('(') => false,
            _ => return Err(bad().into()),
        };
        let hi_closed = match t.chars().last() {
            Some(']') => true,
            Some(')') => false,
            _ => return Err(bad().into()),
        };
        let inner = &t[1..t.len() - 1];
        let (a, b) = inner.split_once(',').ok_or_else(bad)?;
        let lo: f64 = a.trim().parse().map_err(|_| bad())?;
        let hi: f64 = b.trim().parse().map_err(|_| bad())?;
        let band = Self {
            lo,
            hi,
            lo_closed,
            hi_closed,
        };
        band.validate("band")?;
        Ok(band)
    }

    /// Whether `t` lies in the interval.
    #[inline]
    pub fn contains(&self, t: f64) -> bool {
        let above = if self.lo_closed {
            t >= self.lo
        } else {
            t > self.lo
        };
        let below = if self.hi_closed {
            t <= self.hi
        } else {
            t < self.hi
        };
        above && below
    }

    fn validate(&self, field: &'static str) -> Result<()> {
        check::finite(field, self.lo)?;
        check::finite(field, self.hi)?;
        if self.lo > self.hi {
            return Err(ValidationError::new(
                ErrorCode::OutOfRange,
                field,
                self.to_string(),
                "must have lo ≤ hi",
            )
            .into());
        }
        Ok(())
    }
}

/// What an [`Interval`] reads from.
#[derive(Deserialize)]
#[serde(untagged)]
enum IntervalText {
    Text(String),
    Closed([f64; 2]),
}

impl TryFrom<IntervalText> for Interval {
    type Error = String;

    fn try_from(v: IntervalText) -> std::result::Result<Self, String> {
        let band = match v {
            IntervalText::Text(t) => return Self::parse(&t).map_err(|e| e.to_string()),
            IntervalText::Closed([lo, hi]) => Self::closed(lo, hi),
        };
        band.validate("band").map_err(|e| e.to_string())?;
        Ok(band)
    }
}

impl From<Interval> for String {
    fn from(band: Interval) -> Self {
        band.to_string()
    }
}

impl std::fmt::Display for Interval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let open = if self.lo_closed { '[' } else { '(' };
        let close = if self.hi_closed { ']' } else { ')' };
        write!(f, "{open}{}, {}{close}", self.lo, self.hi)
    }
}

/// Cumulative time a lot may spend in a band (from the product's stability studies).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StabilityBudget {
    /// The band the budget counts, e.g. `(8, 25]` for a 2–8 °C product.
    pub band: Interval,
    /// Minutes allowed in the band over the lot's life.
    pub minutes: f64,
}

/// How a temperature log is judged. Times are in minutes, like the log's timestamps.
///
/// Presets follow USP <659> (packaging and storage requirements); every field can be changed.
///
/// Read from JSON (the bindings), missing fields take [`Rules::refrigerated`]'s values, and
/// unknown fields are refused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Rules {
    /// The label range `[lo, hi]` (boundaries are in range).
    pub range: Interval,
    /// Excursions shorter than this are ignored in events and verdicts (their minutes still
    /// count in the totals and the budgets).
    pub min_duration: f64,
    /// A reading holds at most this long: a longer silence is a gap, flagged and not credited.
    /// `None` holds every reading until the next one.
    pub max_gap: Option<f64>,
    /// Excursions that stay within this wider range are tolerated while MKT ≤ `mkt_limit`
    /// (USP: 15–30 °C for controlled room temperature, 0–15 °C for controlled cold).
    pub allowed: Option<Interval>,
    /// Transient spikes up to this temperature are tolerated for at most `spike_minutes`
    /// each, under the same MKT condition (USP: 40 °C for 24 h at controlled room temperature).
    pub spike_max: Option<f64>,
    /// Longest tolerated spike, minutes.
    pub spike_minutes: f64,
    /// The MKT ceiling under which allowed excursions and spikes are tolerated.
    pub mkt_limit: Option<f64>,
    /// Stability budgets: excursions within a budget's band are tolerated while its time
    /// lasts.
    pub budgets: Vec<StabilityBudget>,
    /// Kinetic constants for MKT.
    pub mkt: MktParams,
}

impl Default for Rules {
    /// [`Rules::refrigerated`].
    fn default() -> Self {
        Self::refrigerated()
    }
}

impl Rules {
    /// A custom label range `[lo, hi]` with no tolerated excursion.
    pub fn custom(lo: f64, hi: f64) -> Self {
        Self {
            range: Interval::closed(lo, hi),
            min_duration: 0.0,
            max_gap: None,
            allowed: None,
            spike_max: None,
            spike_minutes: DAY_MIN,
            mkt_limit: None,
            budgets: Vec::new(),
            mkt: MktParams::default(),
        }
    }

    /// Refrigerated, 2–8 °C, strict: every excursion counts unless a budget covers it.
    pub fn refrigerated() -> Self {
        Self::custom(2.0, 8.0)
    }

    /// Controlled cold temperature (USP <659>): 2–8 °C, excursions within 0–15 °C tolerated
    /// while MKT ≤ 8 °C.
    pub fn controlled_cold() -> Self {
        Self {
            allowed: Some(Interval::closed(0.0, 15.0)),
            mkt_limit: Some(8.0),
            ..Self::custom(2.0, 8.0)
        }
    }

    /// Controlled room temperature (USP <659>): 20–25 °C, excursions within 15–30 °C and
    /// spikes up to 40 °C for at most 24 h tolerated while MKT ≤ 25 °C.
    pub fn controlled_room() -> Self {
        Self {
            allowed: Some(Interval::closed(15.0, 30.0)),
            spike_max: Some(40.0),
            mkt_limit: Some(25.0),
            ..Self::custom(20.0, 25.0)
        }
    }

    /// Freezer (USP <659>): −25 to −10 °C.
    pub fn frozen() -> Self {
        Self::custom(-25.0, -10.0)
    }

    /// A preset by name: `refrigerated`, `controlled_cold`, `controlled_room` (or `crt`),
    /// `frozen`.
    ///
    /// # Errors
    /// An unknown name.
    pub fn preset(name: &str) -> Result<Self> {
        match name {
            "refrigerated" | "2-8" => Ok(Self::refrigerated()),
            "controlled_cold" => Ok(Self::controlled_cold()),
            "controlled_room" | "crt" => Ok(Self::controlled_room()),
            "frozen" => Ok(Self::frozen()),
            _ => Err(ValidationError::new(
                ErrorCode::WrongType,
                "product",
                format!("{name:?}"),
                "must be refrigerated, controlled_cold, controlled_room (crt), frozen or a custom range",
            )
            .into()),
        }
    }

    /// Checks every field.
    ///
    /// # Errors
    /// Bounds that are not finite or out of order, a reading bound at or below absolute zero,
    /// negative durations or budgets, an allowed range that does not contain the label range,
    /// bad MKT constants.
    pub fn validate(&self) -> Result<()> {
        self.range.validate("range")?;
        check_reading("range", self.range.lo)?;
        check::non_negative("min_duration", self.min_duration)?;
        if let Some(g) = self.max_gap {
            check::positive("max_gap", g)?;
        }
        if let Some(a) = self.allowed {
            a.validate("allowed")?;
            if a.lo > self.range.lo || a.hi < self.range.hi {
                return Err(ValidationError::new(
                    ErrorCode::OutOfRange,
                    "allowed",
                    a.to_string(),
                    format!("must contain the label range {}", self.range),
                )
                .into());
            }
        }
        if let Some(s) = self.spike_max {
            check::greater_than(
                "spike_max",
                s,
                self.range.hi,
                "must be above the label range",
            )?;
        }
        check::non_negative("spike_minutes", self.spike_minutes)?;
        if let Some(m) = self.mkt_limit {
            check_reading("mkt_limit", m)?;
        }
        for (i, b) in self.budgets.iter().enumerate() {
            b.band.validate("budgets.band").map_err(|e| at(e, i))?;
            check::non_negative("budgets.minutes", b.minutes).map_err(|e| e.at(i))?;
        }
        self.mkt.activation_temperature()?;
        Ok(())
    }
}

fn at(e: crate::Error, i: usize) -> crate::Error {
    match e {
        crate::Error::Invalid(v) => v.at(i).into(),
    }
}

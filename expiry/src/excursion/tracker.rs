//! The streaming excursion tracker: one reading at a time, state that serialises.

use flowcast_core::{ErrorCode, ValidationError, check};
use serde::{Deserialize, Serialize};

use super::report::{BudgetUse, Excursion, Gap, Kind, Report};
use super::rules::Rules;
use crate::error::Result;
use crate::fast_exp;
use crate::kinetic_sums::{MktSums, RESCALE_ABOVE};
use crate::mkt::KELVIN_OFFSET;
use crate::mkt::check_reading;

/// Readings per block of the batch path (two stack buffers of this many terms).
const BLOCK: usize = 256;

/// What a reading changed, for alerting. Several flags can be set at once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signals {
    /// The reading just received is outside the label range.
    pub out_of_range: bool,
    /// The reading just received starts an out-of-range run (its duration is not known yet).
    pub excursion_started: bool,
    /// The open run has just reached the minimum duration: it is an excursion.
    pub excursion_confirmed: bool,
    /// An excursion has just ended (see [`Tracker::events`]).
    pub excursion_ended: bool,
    /// The silence before this reading was longer than the maximum gap.
    pub gap: bool,
    /// A stability budget has just been used up.
    pub budget_exceeded: bool,
}

/// Reading `index` (`temp_c` at `t`) after one at `previous`: a temperature above absolute
/// zero, a finite time later than the previous one.
fn check_next(previous: Option<f64>, t: f64, temp_c: f64, index: usize) -> Result<()> {
    check_reading("temps_c", temp_c).map_err(|e| e.at(index))?;
    if !t.is_finite() {
        return Err(ValidationError::new(
            ErrorCode::NotFinite,
            "timestamps",
            t,
            "must be a finite time",
        )
        .at(index)
        .into());
    }
    if let Some(p) = previous.filter(|&p| t <= p) {
        return Err(ValidationError::new(
            ErrorCode::NotIncreasing,
            "timestamps",
            t,
            format!("must be later than the previous timestamp ({p})"),
        )
        .at(index)
        .into());
    }
    Ok(())
}

/// An out-of-range run still growing.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
struct Run {
    kind: Kind,
    start: f64,
    duration: f64,
    peak_c: f64,
}

/// Feeds a temperature log one reading at a time and keeps every total of the batch
/// [`super::analyze`] up to date, which is itself this tracker run over the whole log: fed the
/// same readings, in one go or across restarts, both give the same [`Report`].
///
/// Semantics: reading i (time tᵢ in minutes, temperature in °C) holds on [tᵢ, tᵢ₊₁), capped at
/// [`Rules::max_gap`] (the rest is a [`Gap`], credited to nothing); the last reading has no
/// duration yet. Out of range means above `range.hi` or below `range.lo` (boundaries are in
/// range). An excursion is a maximal out-of-range run of one kind (high or low), broken by a
/// gap.
///
/// ```
/// use flowcast_expiry::excursion::{Rules, Tracker};
/// let mut tracker = Tracker::new(Rules::refrigerated())?;
/// let mut alerts = 0;
/// for (t, temp) in [(0.0, 5.0), (10.0, 9.5), (20.0, 9.0), (30.0, 5.0), (40.0, 5.5)] {
///     if tracker.push(t, temp)?.excursion_ended {
///         alerts += 1;
///     }
/// }
/// // The state serialises (serde), so a service can resume after a restart.
/// let report = tracker.report();
/// assert_eq!((alerts, report.events.len(), report.minutes_above), (1, 1, 20.0));
/// # Ok::<(), flowcast_expiry::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tracker {
    rules: Rules,
    readings: u64,
    first_t: f64,
    /// The last reading, whose hold is not known yet.
    pending: Option<(f64, f64)>,
    sums: MktSums,
    minutes_above: f64,
    minutes_below: f64,
    minutes_credited: f64,
    minutes_in_gaps: f64,
    band_minutes: Vec<f64>,
    run: Option<Run>,
    events: Vec<Excursion>,
    ignored_events: u64,
    gaps: Vec<Gap>,
}

impl Tracker {
    /// A tracker for a new log.
    ///
    /// # Errors
    /// Invalid [`Rules`].
    pub fn new(rules: Rules) -> Result<Self> {
        rules.validate()?;
        let sums = MktSums::new(&rules.mkt)?;
        Ok(Self {
            band_minutes: vec![0.0; rules.budgets.len()],
            rules,
            readings: 0,
            first_t: 0.0,
            pending: None,
            sums,
            minutes_above: 0.0,
            minutes_below: 0.0,
            minutes_credited: 0.0,
            minutes_in_gaps: 0.0,
            run: None,
            events: Vec::new(),
            ignored_events: 0,
            gaps: Vec::new(),
        })
    }

    /// The rules the log is judged by.
    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// Readings received so far.
    pub fn readings(&self) -> u64 {
        self.readings
    }

    /// Excursions closed so far (at least [`Rules::min_duration`] long).
    pub fn events(&self) -> &[Excursion] {
        &self.events
    }

    /// Takes in reading `temp_c` at `t` minutes.
    ///
    /// # Errors
    /// A timestamp that is not finite or not later than the previous one (`timestamps[i]`,
    /// counting from the first reading), a temperature that is NaN or not above absolute zero
    /// (`temps_c[i]`). A rejected reading leaves the tracker unchanged.
    pub fn push(&mut self, t: f64, temp_c: f64) -> Result<Signals> {
        let index = usize::try_from(self.readings).unwrap_or(usize::MAX);
        check_next(self.pending.map(|p| p.0), t, temp_c, index)?;
        let mut signals = Signals::default();
        match self.pending {
            Some((t0, temp0)) => self.hold(t0, temp0, t, None, &mut signals),
            None => self.first_t = t,
        }
        let kind = self.kind(temp_c);
        signals.out_of_range = kind.is_some();
        signals.excursion_started = kind.is_some() && self.run.is_none_or(|r| Some(r.kind) != kind);
        self.pending = Some((t, temp_c));
        self.readings += 1;
        Ok(signals)
    }

    /// Takes in a batch of readings: the same as [`Tracker::push`] on each, without the
    /// signals, in a tight loop.
    ///
    /// # Errors
    /// As [`Tracker::push`], for the first bad reading; a rejected batch leaves the tracker
    /// unchanged.
    pub fn extend(&mut self, timestamps: &[f64], temps_c: &[f64]) -> Result<()> {
        check::same_len("timestamps", timestamps.len(), "temps_c", temps_c.len())?;
        let base = usize::try_from(self.readings).unwrap_or(usize::MAX);
        self.validate(timestamps, temps_c, base)?;
        let Some(&t_first) = timestamps.first() else {
            return Ok(());
        };
        let mut sink = Signals::default();
        match self.pending {
            Some((t0, v0)) => self.hold(t0, v0, t_first, None, &mut sink),
            None => self.first_t = t_first,
        }
        // Readings 0..n−1 are credited now (each one's next reading is in the batch), in
        // blocks: a vectorised pass computes their MKT terms with the current shift, then the
        // sequential pass takes them in exactly as `push` would (the same operations in the
        // same order), falling back to `push`'s path if a reading needs a rescale.
        let n = timestamps.len();
        let c = self.sums.activation_k();
        let (mut x, mut e) = ([0.0; BLOCK], [0.0; BLOCK]);
        let mut start = 0;
        while start + 1 < n {
            let end = (start + BLOCK).min(n - 1);
            let mut i = start;
            if let Some(shift) = self.sums.shift() {
                let temps = &temps_c[start..end];
                let len = end - start;
                let mut in_range = true;
                for (xk, &v) in x[..len].iter_mut().zip(temps) {
                    *xk = shift - c / (v + KELVIN_OFFSET);
                    in_range &= xk.abs() <= fast_exp::LIMIT;
                }
                // The unclamped exp equals the clamped one in range, bit for bit.
                if in_range {
                    for (ek, &xk) in e[..len].iter_mut().zip(&x[..len]) {
                        *ek = fast_exp::exp_in_range(xk);
                    }
                } else {
                    for (ek, &xk) in e[..len].iter_mut().zip(&x[..len]) {
                        *ek = fast_exp::exp(xk);
                    }
                }
                while i < end && x[i - start] <= RESCALE_ABOVE {
                    i = self.in_range_stretch(
                        timestamps,
                        temps_c,
                        i,
                        end,
                        &e[..end - start],
                        start,
                    );
                    if i < end && x[i - start] <= RESCALE_ABOVE {
                        let term = Some(e[i - start]);
                        self.hold(
                            timestamps[i],
                            temps_c[i],
                            timestamps[i + 1],
                            term,
                            &mut sink,
                        );
                        i += 1;
                    }
                }
            }
            for j in i..end {
                self.hold(
                    timestamps[j],
                    temps_c[j],
                    timestamps[j + 1],
                    None,
                    &mut sink,
                );
            }
            start = end;
        }
        let (t0, v0) = (timestamps[n - 1], temps_c[n - 1]);
        self.pending = Some((t0, v0));
        self.readings += timestamps.len() as u64;
        Ok(())
    }

    /// Takes in readings `i..end` while they are in range, in no budget band, before no gap and
    /// with no run open: the common case, with the accumulators in registers. Exactly what
    /// [`Tracker::hold`] does for such readings, in the same order. Returns where it stopped.
    #[inline]
    fn in_range_stretch(
        &mut self,
        timestamps: &[f64],
        temps_c: &[f64],
        mut i: usize,
        end: usize,
        terms: &[f64],
        offset: usize,
    ) -> usize {
        if self.run.is_some() {
            return i;
        }
        let range = self.rules.range;
        let gap = self.rules.max_gap.unwrap_or(f64::INFINITY);
        let budgets = &self.rules.budgets;
        let mut sums = self.sums;
        let mut credited = self.minutes_credited;
        while i < end {
            let v = temps_c[i];
            let held = timestamps[i + 1] - timestamps[i];
            let plain = v >= range.lo && v <= range.hi && held <= gap;
            if !plain || budgets.iter().any(|b| b.band.contains(v)) {
                break;
            }
            sums.add_term(v, held, terms[i - offset]);
            credited += held;
            i += 1;
        }
        self.sums = sums;
        self.minutes_credited = credited;
        i
    }

    /// Checks a batch before any of it is taken in.
    fn validate(&self, timestamps: &[f64], temps_c: &[f64], base: usize) -> Result<()> {
        let ok_temp = |v: f64| v > -KELVIN_OFFSET && v.is_finite();
        let mut prev = self.pending.map_or(f64::NEG_INFINITY, |p| p.0);
        let mut clean = true;
        for (&t, &v) in timestamps.iter().zip(temps_c) {
            // Branch-free accumulation: the error is located afterwards, only when needed.
            clean &= ok_temp(v) & t.is_finite() & (t > prev);
            prev = t;
        }
        if clean {
            return Ok(());
        }
        let mut prev = self.pending.map(|p| p.0);
        for (i, (&t, &v)) in timestamps.iter().zip(temps_c).enumerate() {
            check_next(prev, t, v, base + i)?;
            prev = Some(t);
        }
        Ok(())
    }

    /// Credits the hold of reading (`t0`, `temp0`) now that the next one arrived at `t`.
    #[inline]
    fn hold(&mut self, t0: f64, temp0: f64, t: f64, term: Option<f64>, signals: &mut Signals) {
        let held = t - t0;
        let credited = match self.rules.max_gap {
            Some(g) => held.min(g),
            None => held,
        };
        self.credit(t0, temp0, credited, term, signals);
        if held > credited {
            self.close_run(signals);
            self.gaps.push(Gap {
                start_min: t0 + credited,
                end_min: t,
            });
            self.minutes_in_gaps += held - credited;
            signals.gap = true;
        }
    }

    #[inline]
    fn kind(&self, temp_c: f64) -> Option<Kind> {
        if temp_c > self.rules.range.hi {
            Some(Kind::High)
        } else if temp_c < self.rules.range.lo {
            Some(Kind::Low)
        } else {
            None
        }
    }

    /// Credits `minutes` of hold to the reading `temp_c` taken at `t`.
    #[inline]
    fn credit(
        &mut self,
        t: f64,
        temp_c: f64,
        minutes: f64,
        term: Option<f64>,
        signals: &mut Signals,
    ) {
        match term {
            Some(e) => self.sums.add_term(temp_c, minutes, e),
            None => self.sums.add_unchecked(temp_c, minutes),
        }
        self.minutes_credited += minutes;
        for (used, budget) in self.band_minutes.iter_mut().zip(&self.rules.budgets) {
            if budget.band.contains(temp_c) {
                let before = *used;
                *used += minutes;
                if before <= budget.minutes && *used > budget.minutes {
                    signals.budget_exceeded = true;
                }
            }
        }
        let Some(kind) = self.kind(temp_c) else {
            self.close_run(signals);
            return;
        };
        match kind {
            Kind::High => self.minutes_above += minutes,
            Kind::Low => self.minutes_below += minutes,
        }
        let min_duration = self.rules.min_duration;
        match &mut self.run {
            Some(run) if run.kind == kind => {
                let before = run.duration;
                run.duration += minutes;
                run.peak_c = match kind {
                    Kind::High => run.peak_c.max(temp_c),
                    Kind::Low => run.peak_c.min(temp_c),
                };
                if before < min_duration && run.duration >= min_duration {
                    signals.excursion_confirmed = true;
                }
            }
            _ => {
                self.close_run(signals);
                self.run = Some(Run {
                    kind,
                    start: t,
                    duration: minutes,
                    peak_c: temp_c,
                });
                if minutes >= min_duration {
                    signals.excursion_confirmed = true;
                }
            }
        }
    }

    fn close_run(&mut self, signals: &mut Signals) {
        if let Some(run) = self.run.take() {
            if self.keep(&run) {
                self.events.push(self.excursion(&run, false));
                signals.excursion_ended = true;
            } else {
                self.ignored_events += 1;
            }
        }
    }

    fn keep(&self, run: &Run) -> bool {
        run.duration >= self.rules.min_duration
    }

    fn excursion(&self, run: &Run, ongoing: bool) -> Excursion {
        Excursion {
            kind: run.kind,
            start_min: run.start,
            end_min: run.start + run.duration,
            duration_min: run.duration,
            peak_c: run.peak_c,
            ongoing,
            band: self.rules.classify(run.kind, run.peak_c, run.duration),
        }
    }

    /// The report of the log so far: an open run is reported as an ongoing excursion, and the
    /// last reading (whose hold is unknown) is not credited.
    pub fn report(&self) -> Report {
        let mut events = self.events.clone();
        let mut ignored = self.ignored_events;
        if let Some(run) = &self.run {
            if self.keep(run) {
                events.push(self.excursion(run, true));
            } else {
                ignored += 1;
            }
        }
        let budgets = self
            .rules
            .budgets
            .iter()
            .zip(&self.band_minutes)
            .map(|(b, &used)| BudgetUse {
                band: b.band,
                budget_minutes: b.minutes,
                used_minutes: used,
                remaining_minutes: b.minutes - used,
            })
            .collect();
        let end = self.pending.map_or(0.0, |(t, _)| t);
        Report::build(
            &self.rules,
            super::report::Totals {
                readings: self.readings,
                start: self.first_t,
                end,
                minutes_credited: self.minutes_credited,
                minutes_above: self.minutes_above,
                minutes_below: self.minutes_below,
                minutes_in_gaps: self.minutes_in_gaps,
                ignored_events: ignored,
            },
            events,
            self.gaps.clone(),
            budgets,
            &self.sums,
        )
    }
}

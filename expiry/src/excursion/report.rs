//! What an analysed log reports: excursions, gaps, budgets, MKT and a verdict with reasons.

use serde::{Deserialize, Serialize};

use super::rules::{Interval, Rules};
use crate::kinetic_sums::MktSums;

/// Above or below the label range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Warmer than the range.
    High,
    /// Colder than the range.
    Low,
}

/// Which tolerance an excursion falls under (before the MKT and budget conditions are checked).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    /// Within [`Rules::allowed`].
    Allowed,
    /// Within [`Rules::spike_max`] and no longer than [`Rules::spike_minutes`].
    Spike,
    /// Beyond the allowances but inside a stability budget's band.
    Budget,
    /// Beyond every allowance.
    Outside,
}

/// One excursion: a maximal out-of-range run of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Excursion {
    /// High or low.
    pub kind: Kind,
    /// When the first out-of-range reading was taken (minutes).
    pub start_min: f64,
    /// `start_min + duration_min` (the run may have been cut by a gap).
    pub end_min: f64,
    /// Credited minutes out of range.
    pub duration_min: f64,
    /// The warmest (high) or coldest (low) reading of the run.
    pub peak_c: f64,
    /// Still open when the log ended.
    pub ongoing: bool,
    /// The tolerance it falls under.
    pub band: Band,
}

/// A silence longer than [`Rules::max_gap`]: no reading covers `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Gap {
    /// When the last reading's credit ran out (minutes).
    pub start_min: f64,
    /// When the next reading arrived (minutes).
    pub end_min: f64,
}

/// Time spent in a stability budget's band.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BudgetUse {
    /// The band counted.
    pub band: Interval,
    /// Minutes allowed.
    pub budget_minutes: f64,
    /// Minutes spent in the band.
    pub used_minutes: f64,
    /// `budget_minutes − used_minutes` (negative once exceeded).
    pub remaining_minutes: f64,
}

/// The overall judgement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Every credited reading within the label range.
    InRange,
    /// Excursions, all tolerated by the rules (allowances under the MKT limit, budgets).
    Acceptable,
    /// Nothing violated, but gaps leave time unaccounted for.
    Review,
    /// At least one rule violated.
    Reject,
}

/// Why the verdict is what it is. `code` is stable; `message` is for people.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    /// `in_range`, `allowed_excursions`, `covered_by_budget`, `excursion_outside_allowed`,
    /// `spike_too_long`, `mkt_above_limit`, `budget_exceeded`, `data_gap`.
    pub code: &'static str,
    /// A sentence with the numbers.
    pub message: String,
}

/// The verdict on a log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// Overall status.
    pub status: Status,
    /// Every reason, rejections first.
    pub reasons: Vec<Reason>,
}

/// The totals a tracker keeps, handed to [`Report::build`].
pub(crate) struct Totals {
    pub readings: u64,
    pub start: f64,
    pub end: f64,
    pub minutes_credited: f64,
    pub minutes_above: f64,
    pub minutes_below: f64,
    pub minutes_in_gaps: f64,
    pub ignored_events: u64,
}

/// Everything found in a temperature log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Readings analysed.
    pub readings: u64,
    /// First timestamp (minutes).
    pub start_min: f64,
    /// Last timestamp (minutes).
    pub end_min: f64,
    /// Minutes credited to readings (the span minus gaps).
    pub minutes_credited: f64,
    /// Minutes above the range.
    pub minutes_above: f64,
    /// Minutes below the range.
    pub minutes_below: f64,
    /// `minutes_above + minutes_below`.
    pub minutes_out_of_range: f64,
    /// Minutes no reading covers.
    pub minutes_in_gaps: f64,
    /// Excursions at least [`Rules::min_duration`] long, in time order.
    pub events: Vec<Excursion>,
    /// Out-of-range runs shorter than the minimum duration.
    pub ignored_events: u64,
    /// Number of excursions (`events.len()`).
    pub event_count: usize,
    /// Longest excursion, minutes (0 without any).
    pub longest_event_min: f64,
    /// Gaps, in time order.
    pub gaps: Vec<Gap>,
    /// One entry per stability budget of the rules.
    pub budgets: Vec<BudgetUse>,
    /// MKT of the credited readings, each weighted by its hold (`None` without credited time).
    pub mkt_c: Option<f64>,
    /// Hold-weighted mean temperature.
    pub mean_c: Option<f64>,
    /// Coldest credited reading.
    pub min_c: Option<f64>,
    /// Warmest credited reading.
    pub max_c: Option<f64>,
    /// The judgement.
    pub verdict: Verdict,
}

impl Rules {
    /// The tolerance an excursion of `kind` reaching `peak_c` for `minutes` falls under.
    pub fn classify(&self, kind: Kind, peak_c: f64, minutes: f64) -> Band {
        if self.allowed.is_some_and(|a| a.contains(peak_c)) {
            Band::Allowed
        } else if kind == Kind::High
            && self.spike_max.is_some_and(|s| peak_c <= s)
            && minutes <= self.spike_minutes
        {
            Band::Spike
        } else if self.budgets.iter().any(|b| b.band.contains(peak_c)) {
            Band::Budget
        } else {
            Band::Outside
        }
    }
}

impl Report {
    pub(crate) fn build(
        rules: &Rules,
        totals: Totals,
        events: Vec<Excursion>,
        gaps: Vec<Gap>,
        budgets: Vec<BudgetUse>,
        sums: &MktSums,
    ) -> Self {
        let mkt_c = sums.mkt_c();
        let verdict = judge(rules, &events, &gaps, &budgets, mkt_c);
        Self {
            readings: totals.readings,
            start_min: totals.start,
            end_min: totals.end,
            minutes_credited: totals.minutes_credited,
            minutes_above: totals.minutes_above,
            minutes_below: totals.minutes_below,
            minutes_out_of_range: totals.minutes_above + totals.minutes_below,
            minutes_in_gaps: totals.minutes_in_gaps,
            event_count: events.len(),
            longest_event_min: events.iter().map(|e| e.duration_min).fold(0.0, f64::max),
            ignored_events: totals.ignored_events,
            events,
            gaps,
            budgets,
            mkt_c,
            mean_c: sums.mean_c(),
            min_c: sums.min_c(),
            max_c: sums.max_c(),
            verdict,
        }
    }
}

fn judge(
    rules: &Rules,
    events: &[Excursion],
    gaps: &[Gap],
    budgets: &[BudgetUse],
    mkt_c: Option<f64>,
) -> Verdict {
    let mut reject = Vec::new();
    let mut accept = Vec::new();
    let range = rules.range;
    for e in events {
        let when = format!(
            "{:?} excursion at {} min for {} min, peak {} °C",
            e.kind, e.start_min, e.duration_min, e.peak_c
        );
        match e.band {
            Band::Outside => {
                let spike_too_long = e.kind == Kind::High
                    && rules.spike_max.is_some_and(|s| e.peak_c <= s)
                    && e.duration_min > rules.spike_minutes;
                if spike_too_long {
                    reject.push(Reason {
                        code: "spike_too_long",
                        message: format!(
                            "{when}: spikes may last at most {} min",
                            rules.spike_minutes
                        ),
                    });
                } else {
                    reject.push(Reason {
                        code: "excursion_outside_allowed",
                        message: format!(
                            "{when}: outside every allowance of the label range {range}"
                        ),
                    });
                }
            }
            Band::Allowed | Band::Spike | Band::Budget => {}
        }
    }
    for b in budgets.iter().filter(|b| b.used_minutes > b.budget_minutes) {
        reject.push(Reason {
            code: "budget_exceeded",
            message: format!(
                "{} min in {} exceed its stability budget of {} min",
                b.used_minutes, b.band, b.budget_minutes
            ),
        });
    }
    let tolerated = events
        .iter()
        .filter(|e| matches!(e.band, Band::Allowed | Band::Spike))
        .count();
    if tolerated > 0 {
        match (rules.mkt_limit, mkt_c) {
            (Some(limit), Some(mkt)) if mkt > limit => reject.push(Reason {
                code: "mkt_above_limit",
                message: format!("MKT {mkt:.3} °C exceeds {limit} °C, so {tolerated} allowed excursion(s) are not tolerated"),
            }),
            (Some(limit), Some(mkt)) => accept.push(Reason {
                code: "allowed_excursions",
                message: format!("{tolerated} excursion(s) within the allowances, tolerated: MKT {mkt:.3} °C ≤ {limit} °C"),
            }),
            _ => accept.push(Reason {
                code: "allowed_excursions",
                message: format!("{tolerated} excursion(s) within the allowances"),
            }),
        }
    }
    let covered = events.iter().filter(|e| e.band == Band::Budget).count();
    if covered > 0 && budgets.iter().all(|b| b.used_minutes <= b.budget_minutes) {
        accept.push(Reason {
            code: "covered_by_budget",
            message: format!("{covered} excursion(s) covered by stability budgets"),
        });
    }
    if !gaps.is_empty() {
        let missing: f64 = gaps.iter().map(|g| g.end_min - g.start_min).sum();
        accept.push(Reason {
            code: "data_gap",
            message: format!("{} gap(s) leave {missing} min without readings", gaps.len()),
        });
    }
    let status = if !reject.is_empty() {
        Status::Reject
    } else if !gaps.is_empty() {
        Status::Review
    } else if events.is_empty() {
        accept.push(Reason {
            code: "in_range",
            message: format!("every credited reading within {range}"),
        });
        Status::InRange
    } else {
        Status::Acceptable
    };
    reject.extend(accept);
    Verdict {
        status,
        reasons: reject,
    }
}

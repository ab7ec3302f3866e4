//! Projected unsold quantity per lot: FEFO depletion against a daily demand forecast.

use flowcast_core::{ErrorCode, ValidationError, check};

use super::{field, non_negative, unique_ids};
use crate::error::Result;

/// One lot of a SKU at one site.
#[derive(Debug, Clone, PartialEq)]
pub struct Lot {
    /// Caller's id, unique among the lots.
    pub id: String,
    /// Units on hand (finite, ≥ 0; fractions allowed, e.g. kg).
    pub quantity: f64,
    /// Days until expiry `d`: the lot can be sold on days `0..d` (today is day 0), so a lot with
    /// `d = 0` can no longer be sold.
    pub days_to_expiry: u32,
    /// Value of one unit (finite, ≥ 0), used for [`LotProjection::unsold_value`].
    pub unit_value: f64,
}

impl Lot {
    /// A lot from its four fields.
    pub fn new(id: impl Into<String>, quantity: f64, days_to_expiry: u32, unit_value: f64) -> Self {
        Self {
            id: id.into(),
            quantity,
            days_to_expiry,
            unit_value,
        }
    }
}

/// Forecast demand per day for the site and SKU.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Demand<'a> {
    /// Demand on every day not covered by `daily` (finite, ≥ 0).
    pub mean_per_day: f64,
    /// Demand on days `0..daily.len()` (each finite, ≥ 0); `None` for a flat forecast.
    pub daily: Option<&'a [f64]>,
}

impl<'a> Demand<'a> {
    /// The same demand every day.
    pub const fn flat(mean_per_day: f64) -> Self {
        Self {
            mean_per_day,
            daily: None,
        }
    }

    /// Demand `days[t]` on day `t`, then `mean_after` on every later day.
    pub const fn daily(days: &'a [f64], mean_after: f64) -> Self {
        Self {
            mean_per_day: mean_after,
            daily: Some(days),
        }
    }

    fn on(&self, day: u64) -> f64 {
        let d = self.daily.unwrap_or_default();
        usize::try_from(day)
            .ok()
            .and_then(|t| d.get(t))
            .copied()
            .unwrap_or(self.mean_per_day)
    }

    fn validate(&self) -> Result<()> {
        check::non_negative("mean_per_day", self.mean_per_day)?;
        for (t, &v) in self.daily.unwrap_or_default().iter().enumerate() {
            check::non_negative("daily", v).map_err(|e| e.at(t))?;
        }
        Ok(())
    }
}

/// How a lot leaves the shelf.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "fate", rename_all = "snake_case")]
pub enum LotFate {
    /// Every unit sells; `day` is the day the last one sells (0 for an empty lot).
    SoldOut {
        /// Day of the last sale.
        day: u32,
    },
    /// Units are left when the lot stops being sellable; `day` is the first day it may no longer
    /// be sold: `days_to_expiry − min_shelf_days` (at least 0).
    Expires {
        /// First day the lot may not be sold.
        day: u32,
    },
}

/// Projected outcome of one lot.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct LotProjection {
    /// Units projected to sell.
    pub sold: f64,
    /// Units projected to be left unsold (at risk of waste).
    pub unsold: f64,
    /// `unsold × unit_value`.
    pub unsold_value: f64,
    /// Sell-out or expiry, with its day.
    #[serde(flatten)]
    pub fate: LotFate,
}

/// Projects, for each lot, how much sells and how much is left when it can no longer be sold.
///
/// Lots are depleted first-expiry-first-out (ties in input order): on day `t` the day's demand
/// is served from the sellable lot that expires first, then the next, and any demand left over
/// is lost (no backorders). A lot with `days_to_expiry = d` is sellable on days
/// `0..d − min_shelf_days`: with `min_shelf_days = k` units may not be sold in their last `k`
/// days. What it still holds on day `d − k` is its `unsold` quantity. Results are in input
/// order. Runs in `O(n log n + daily.len())`: days past the per-day forecast are jumped over, not
/// simulated, so far-off expiries cost nothing.
///
/// ```
/// use flowcast_expiry::waste::{Demand, Lot, LotFate, project_waste};
/// let lots = [Lot::new("late", 20.0, 6, 2.0), Lot::new("early", 10.0, 3, 2.0)];
/// // 5 a day for two days, then 2 a day; nothing sells in a lot's last day.
/// let p = project_waste(&lots, Demand::daily(&[5.0, 5.0], 2.0), 1)?;
/// // "early" (sellable days 0..2) sells out on day 1; "late" (days 0..5) sells 2 a day on days
/// // 2, 3 and 4, leaving 14.
/// assert_eq!(p[1].fate, LotFate::SoldOut { day: 1 });
/// assert_eq!((p[0].sold, p[0].unsold, p[0].unsold_value), (6.0, 14.0, 28.0));
/// assert_eq!(p[0].fate, LotFate::Expires { day: 5 });
/// # Ok::<(), flowcast_expiry::Error>(())
/// ```
///
/// # Errors
/// [`crate::Error::Invalid`] for a negative or non-finite `lots[i].quantity`,
/// `lots[i].unit_value`, `mean_per_day` or `daily[t]`, or a repeated `lots[i].id`.
pub fn project_waste(
    lots: &[Lot],
    demand: Demand<'_>,
    min_shelf_days: u32,
) -> Result<Vec<LotProjection>> {
    demand.validate()?;
    for (i, lot) in lots.iter().enumerate() {
        non_negative("lots", i, "quantity", lot.quantity)?;
        non_negative("lots", i, "unit_value", lot.unit_value)?;
    }
    unique_ids("lots", lots.iter().map(|l| l.id.as_str()))?;

    let mut order: Vec<usize> = (0..lots.len()).collect();
    order.sort_by_key(|&i| lots[i].days_to_expiry); // stable: ties keep input order
    let flat_from = demand.daily.map_or(0, |d| d.len() as u64);
    let m = demand.mean_per_day;

    let mut out = vec![
        LotProjection {
            sold: 0.0,
            unsold: 0.0,
            unsold_value: 0.0,
            fate: LotFate::SoldOut { day: 0 },
        };
        lots.len()
    ];
    // The clock: day `t`, with `left` units of that day's demand not yet served.
    let (mut t, mut left) = (0u64, demand.on(0));
    for &i in &order {
        let lot = &lots[i];
        let end = u64::from(lot.days_to_expiry.saturating_sub(min_shelf_days));
        // Remainders this small are rounding noise of the subtractions, not stock.
        let tol = 1e-9 * lot.quantity;
        let mut r = lot.quantity;
        let mut last_sale = 0u64;
        while r > tol && t < end {
            if left > 0.0 {
                let take = left.min(r);
                r -= take;
                left -= take;
                last_sale = t;
                continue;
            }
            // Today's demand is used up: move on.
            if t + 1 < flat_from {
                t += 1;
                left = demand.on(t);
                continue;
            }
            // Days t+1..end all see demand m: jump instead of stepping.
            let days = end - (t + 1);
            if m * days as f64 <= r - tol {
                if days > 0 && m > 0.0 {
                    last_sale = end - 1;
                }
                r -= m * days as f64;
                t = end;
                left = m;
            } else {
                // m > 0 here. The lot runs out on day t + j, 1 ≤ j ≤ days.
                let j = ((r - tol) / m).ceil().clamp(1.0, days as f64) as u64;
                t += j;
                left = (m * j as f64 - r).max(0.0);
                r = 0.0;
                last_sale = t;
            }
        }
        let unsold = if r > tol { r } else { 0.0 };
        let unsold_value = unsold * lot.unit_value;
        if !unsold_value.is_finite() {
            return Err(ValidationError::new(
                ErrorCode::NotFinite,
                field("lots", i, "unit_value"),
                lot.unit_value,
                "overflows when multiplied by the unsold quantity",
            )
            .into());
        }
        out[i] = LotProjection {
            sold: lot.quantity - unsold,
            unsold,
            unsold_value,
            fate: if unsold > 0.0 {
                LotFate::Expires { day: end as u32 }
            } else {
                LotFate::SoldOut {
                    day: last_sale as u32,
                }
            },
        };
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Day-by-day reference: the definition, simulated literally.
    fn naive(lots: &[Lot], demand: Demand<'_>, k: u32) -> Vec<(f64, Option<u32>)> {
        let horizon = lots.iter().map(|l| l.days_to_expiry).max().unwrap_or(0);
        let mut rem: Vec<f64> = lots.iter().map(|l| l.quantity).collect();
        let mut last = vec![None; lots.len()];
        let mut order: Vec<usize> = (0..lots.len()).collect();
        order.sort_by_key(|&i| lots[i].days_to_expiry);
        for t in 0..horizon {
            let mut left = demand.on(u64::from(t));
            for &i in &order {
                if t + k < lots[i].days_to_expiry && rem[i] > 0.0 && left > 0.0 {
                    let take = left.min(rem[i]);
                    rem[i] -= take;
                    left -= take;
                    last[i] = Some(t);
                }
            }
        }
        rem.into_iter().zip(last).collect()
    }

    #[test]
    fn hand_worked_fefo() {
        // Lots 5 (d=1), 10 (d=3), 10 (d=3), 8 (d=10); 6 a day.
        let lots = [
            Lot::new("a", 10.0, 3, 1.0),
            Lot::new("b", 5.0, 1, 1.0),
            Lot::new("c", 10.0, 3, 1.0),
            Lot::new("d", 8.0, 10, 1.0),
        ];
        let p = project_waste(&lots, Demand::flat(6.0), 0).unwrap();
        // Day 0: b sells 5, a sells 1. Days 1–2: a sells 9 (out on day 2), c sells 3. c has 7 left
        // on day 3. d sells on days 3–4 (6 + 2): out on day 4.
        assert_eq!(p[1].fate, LotFate::SoldOut { day: 0 });
        assert_eq!(p[0].fate, LotFate::SoldOut { day: 2 });
        assert_eq!((p[2].sold, p[2].unsold), (3.0, 7.0));
        assert_eq!(p[2].fate, LotFate::Expires { day: 3 });
        assert_eq!(p[3].fate, LotFate::SoldOut { day: 4 });
        // With 2 days of minimum shelf life: b (d=1) and a, c (d=3, one day) are pulled early.
        let p = project_waste(&lots, Demand::flat(6.0), 2).unwrap();
        assert_eq!((p[1].unsold, p[1].fate), (5.0, LotFate::Expires { day: 0 }));
        assert_eq!((p[0].sold, p[0].unsold), (6.0, 4.0));
        assert_eq!((p[2].sold, p[2].unsold), (0.0, 10.0));
        assert_eq!(p[3].fate, LotFate::SoldOut { day: 2 });
    }

    #[test]
    fn zero_demand_empty_lots_and_far_expiries() {
        let lots = [
            Lot::new("a", 0.0, 3, 1.0),
            Lot::new("b", 4.0, u32::MAX, 0.5),
        ];
        let p = project_waste(&lots, Demand::flat(0.0), 0).unwrap();
        assert_eq!(p[0].fate, LotFate::SoldOut { day: 0 });
        assert_eq!((p[1].unsold, p[1].unsold_value), (4.0, 2.0));
        assert_eq!(p[1].fate, LotFate::Expires { day: u32::MAX });
        let p = project_waste(&lots, Demand::flat(1e-3), 0).unwrap();
        assert_eq!(p[1].unsold, 0.0);
        assert_eq!(p[1].fate, LotFate::SoldOut { day: 3_999 });
        assert!(project_waste(&[], Demand::flat(1.0), 0).unwrap().is_empty());
    }

    #[test]
    fn fractional_demand_sells_out_on_the_right_day() {
        let p = project_waste(&[Lot::new("a", 0.3, 9, 1.0)], Demand::flat(0.1), 0).unwrap();
        assert_eq!(p[0].fate, LotFate::SoldOut { day: 2 });
        let p = project_waste(
            &[Lot::new("a", 0.3, 9, 1.0)],
            Demand::daily(&[0.1, 0.1, 0.1], 0.0),
            0,
        )
        .unwrap();
        assert_eq!((p[0].unsold, p[0].fate), (0.0, LotFate::SoldOut { day: 2 }));
    }

    #[test]
    fn rejects_bad_inputs_naming_them() {
        let msg = |lots: &[Lot], d: Demand<'_>| project_waste(lots, d, 0).unwrap_err().to_string();
        let ok = Lot::new("a", 1.0, 2, 1.0);
        assert_eq!(
            msg(
                &[ok.clone(), Lot::new("b", -1.0, 2, 1.0)],
                Demand::flat(1.0)
            ),
            "lots[1].quantity = -1: must be at least 0 [negative]"
        );
        assert!(
            msg(&[Lot::new("b", 1.0, 2, f64::NAN)], Demand::flat(1.0))
                .starts_with("lots[0].unit_value = NaN")
        );
        assert_eq!(
            msg(&[ok.clone(), ok.clone()], Demand::flat(1.0)),
            "lots[1].id = \"a\": repeats lots[0].id: ids must be unique [duplicate]"
        );
        assert!(
            msg(std::slice::from_ref(&ok), Demand::flat(-1.0)).starts_with("mean_per_day = -1")
        );
        assert!(
            msg(
                std::slice::from_ref(&ok),
                Demand::daily(&[1.0, f64::INFINITY], 1.0)
            )
            .starts_with("daily[1] = inf")
        );
        let huge = Lot::new("h", 1e300, 0, 1e300);
        assert!(msg(&[huge], Demand::flat(0.0)).contains("[not_finite]"));
    }

    proptest! {
        #[test]
        fn matches_the_day_by_day_definition(
            lots in prop::collection::vec((0u32..20, 0u32..15), 0..6),
            daily in prop::collection::vec(0u32..8, 0..10),
            mean in 0u32..6,
            k in 0u32..4,
        ) {
            let lots: Vec<Lot> = lots
                .iter()
                .enumerate()
                .map(|(i, &(q, d))| Lot::new(i.to_string(), f64::from(q), d, 1.0))
                .collect();
            let daily: Vec<f64> = daily.into_iter().map(f64::from).collect();
            let demand = Demand::daily(&daily, f64::from(mean));
            let got = project_waste(&lots, demand, k).unwrap();
            let want = naive(&lots, demand, k);
            for (i, (g, (rem, last))) in got.iter().zip(want).enumerate() {
                prop_assert_eq!(g.unsold, rem, "lot {}", i);
                prop_assert_eq!(g.sold + g.unsold, lots[i].quantity);
                let fate = if rem > 0.0 {
                    LotFate::Expires { day: lots[i].days_to_expiry.saturating_sub(k) }
                } else {
                    LotFate::SoldOut { day: last.unwrap_or(0) }
                };
                prop_assert_eq!(g.fate, fate, "lot {}", i);
            }
        }
    }
}

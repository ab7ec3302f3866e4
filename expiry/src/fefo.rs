//! FEFO allocation: pick lots for orders first-expiry-first-out, with a minimum remaining
//! shelf life at delivery.
//!
//! A lot is eligible for an order shipped on `ship_day` if `expiry_day − ship_day ≥
//! min_remaining_days`; eligible lots are taken greedily by (expiry day, lot id) until the order
//! is filled, and what is missing is the shortfall. Lots failing the date rule are reported
//! with the reason; empty lots are skipped silently.

use flowcast_core::{ErrorCode, ValidationError, check};
use serde::Serialize;

use crate::error::Result;

/// A lot in stock.
#[derive(Debug, Clone, PartialEq)]
pub struct Lot {
    /// Unique id (ties on the expiry day are broken by id).
    pub id: String,
    /// The day it expires (any day numbering shared with the orders).
    pub expiry_day: i64,
    /// Units on hand (≥ 0).
    pub qty: f64,
}

/// An order to fill.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Order {
    /// Units wanted (≥ 0).
    pub qty: f64,
    /// The day it ships.
    pub ship_day: i64,
    /// Days of shelf life the customer needs at delivery (≥ 0).
    pub min_remaining_days: i64,
}

/// Units taken from one lot.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Pick {
    /// Position of the lot in the input.
    pub lot: usize,
    /// Units taken.
    pub qty: f64,
}

/// Why a lot cannot serve an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Reason {
    /// It expires before the ship day.
    Expired {
        /// `expiry_day − ship_day` (negative).
        days_left: i64,
    },
    /// Not enough shelf life left at delivery.
    ShortShelfLife {
        /// `expiry_day − ship_day`.
        days_left: i64,
        /// The order's minimum.
        required: i64,
    },
}

/// A lot that cannot serve the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Ineligible {
    /// Position of the lot in the input.
    pub lot: usize,
    /// Why.
    pub reason: Reason,
}

/// The picks for one order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Allocation {
    /// Lots in the order they are taken.
    pub picks: Vec<Pick>,
    /// Units that could not be served.
    pub shortfall: f64,
    /// Lots failing the date rule, in input order.
    pub ineligible: Vec<Ineligible>,
}

/// Allocates one order.
///
/// ```
/// use flowcast_expiry::fefo::{Lot, Order, fefo_allocate};
/// let lot = |id: &str, expiry_day, qty| Lot { id: id.into(), expiry_day, qty };
/// let lots = [lot("A", 10, 5.0), lot("B", 5, 5.0), lot("C", 5, 3.0), lot("D", 2, 9.0)];
/// let a = fefo_allocate(&lots, &Order { qty: 9.0, ship_day: 0, min_remaining_days: 3 })?;
/// let picks: Vec<_> = a.picks.iter().map(|p| (lots[p.lot].id.as_str(), p.qty)).collect();
/// assert_eq!(picks, [("B", 5.0), ("C", 3.0), ("A", 1.0)]);
/// assert_eq!((a.shortfall, a.ineligible[0].lot), (0.0, 3));
/// # Ok::<(), flowcast_expiry::Error>(())
/// ```
///
/// # Errors
/// A negative or non-finite quantity (`lots[i].qty`, `qty`), a negative minimum, a duplicate
/// lot id (`lots[i].id`, code `duplicate`).
pub fn fefo_allocate(lots: &[Lot], order: &Order) -> Result<Allocation> {
    let mut stock = check_lots(lots)?;
    let order = order_checked(order, None)?;
    Ok(allocate(lots, &picking_order(lots), &mut stock, &order))
}

/// Allocates `orders` one after another from the same stock (what one order takes, the next
/// cannot).
///
/// # Errors
/// As [`fefo_allocate`]; order fields are named `orders[j].qty`.
pub fn fefo_allocate_orders(lots: &[Lot], orders: &[Order]) -> Result<Vec<Allocation>> {
    let mut stock = check_lots(lots)?;
    let checked = orders
        .iter()
        .enumerate()
        .map(|(j, o)| order_checked(o, Some(j)))
        .collect::<Result<Vec<_>>>()?;
    let sorted = picking_order(lots);
    Ok(checked
        .iter()
        .map(|o| allocate(lots, &sorted, &mut stock, o))
        .collect())
}

fn check_lots(lots: &[Lot]) -> Result<Vec<f64>> {
    let mut ids: Vec<(&str, usize)> = lots
        .iter()
        .enumerate()
        .map(|(i, l)| (l.id.as_str(), i))
        .collect();
    ids.sort_unstable();
    if let Some(w) = ids.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(ValidationError::new(
            ErrorCode::Duplicate,
            format!("lots[{}].id", w[1].1),
            format!("{:?}", w[1].0),
            format!("must be unique (also lots[{}].id)", w[0].1),
        )
        .into());
    }
    lots.iter()
        .enumerate()
        .map(|(i, l)| {
            check::non_negative("qty", l.qty).map_err(|e| {
                ValidationError {
                    field: format!("lots[{i}].qty").into(),
                    ..e
                }
                .into()
            })
        })
        .collect()
}

fn order_checked(order: &Order, index: Option<usize>) -> Result<Order> {
    let name = |e: ValidationError| -> crate::Error {
        match index {
            Some(j) => ValidationError {
                field: format!("orders[{j}].{}", e.field).into(),
                ..e
            }
            .into(),
            None => e.into(),
        }
    };
    check::non_negative("qty", order.qty).map_err(name)?;
    if order.min_remaining_days < 0 {
        return Err(name(ValidationError::new(
            ErrorCode::Negative,
            "min_remaining_days",
            order.min_remaining_days,
            "must be at least 0",
        )));
    }
    Ok(*order)
}

/// The lots in picking order: by (expiry day, id).
fn picking_order(lots: &[Lot]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..lots.len()).collect();
    order.sort_by(|&a, &b| {
        (lots[a].expiry_day, &lots[a].id).cmp(&(lots[b].expiry_day, &lots[b].id))
    });
    order
}

/// One order against the stock left. `sorted` is [`picking_order`]: the eligible lots are a
/// suffix of it (expiry day at least ship day + minimum), found by binary search.
fn allocate(lots: &[Lot], sorted: &[usize], stock: &mut [f64], order: &Order) -> Allocation {
    let ineligible = lots
        .iter()
        .enumerate()
        .filter_map(|(i, lot)| {
            let days_left = lot.expiry_day.saturating_sub(order.ship_day);
            (days_left < order.min_remaining_days).then_some(Ineligible {
                lot: i,
                reason: if days_left < 0 {
                    Reason::Expired { days_left }
                } else {
                    Reason::ShortShelfLife {
                        days_left,
                        required: order.min_remaining_days,
                    }
                },
            })
        })
        .collect();
    let first = sorted.partition_point(|&i| {
        lots[i].expiry_day.saturating_sub(order.ship_day) < order.min_remaining_days
    });
    let mut left = order.qty;
    let mut picks = Vec::new();
    for &i in &sorted[first..] {
        if left <= 0.0 {
            break;
        }
        if stock[i] > 0.0 {
            let take = stock[i].min(left);
            stock[i] -= take;
            left -= take;
            picks.push(Pick { lot: i, qty: take });
        }
    }
    Allocation {
        picks,
        shortfall: left.max(0.0),
        ineligible,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn lot(id: &str, expiry_day: i64, qty: f64) -> Lot {
        Lot {
            id: id.into(),
            expiry_day,
            qty,
        }
    }

    #[test]
    fn bad_input_and_reasons() {
        let order = Order {
            qty: 5.0,
            ship_day: 10,
            min_remaining_days: 3,
        };
        let e = fefo_allocate(&[lot("A", 20, 1.0), lot("A", 21, 1.0)], &order).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("lots[1].id = \"A\": must be unique"),
            "{e}"
        );
        let e = fefo_allocate(&[lot("A", 20, -1.0)], &order).unwrap_err();
        assert!(e.to_string().starts_with("lots[0].qty = -1"));
        let e = fefo_allocate_orders(
            &[],
            &[
                order,
                Order {
                    qty: f64::NAN,
                    ..order
                },
            ],
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("orders[1].qty = NaN"), "{e}");
        let a = fefo_allocate(&[lot("old", 8, 4.0), lot("short", 12, 4.0)], &order).unwrap();
        assert_eq!(a.ineligible[0].reason, Reason::Expired { days_left: -2 });
        assert_eq!(
            a.ineligible[1].reason,
            Reason::ShortShelfLife {
                days_left: 2,
                required: 3
            }
        );
        assert_eq!(a.shortfall, 5.0);
    }

    #[test]
    fn successive_orders_share_the_stock() {
        let lots = [lot("A", 20, 5.0), lot("B", 30, 5.0)];
        let o = Order {
            qty: 4.0,
            ship_day: 0,
            min_remaining_days: 0,
        };
        let all = fefo_allocate_orders(&lots, &[o, o, o]).unwrap();
        assert_eq!(
            all[1].picks,
            [Pick { lot: 0, qty: 1.0 }, Pick { lot: 1, qty: 3.0 }]
        );
        assert_eq!(all[2].shortfall, 2.0);
    }

    proptest! {
        #[test]
        fn picks_respect_stock_dates_and_order(
            lots in prop::collection::vec((0i64..30, 0u8..20), 0..12),
            qty in 0u32..120, ship in 0i64..20, min_days in 0i64..10,
        ) {
            let lots: Vec<Lot> = lots.iter().enumerate().map(|(i, &(e, q))| lot(&format!("L{i:02}"), e, f64::from(q))).collect();
            let o = Order { qty: f64::from(qty), ship_day: ship, min_remaining_days: min_days };
            let a = fefo_allocate(&lots, &o).unwrap();
            let taken: f64 = a.picks.iter().map(|p| p.qty).sum();
            prop_assert_eq!(taken + a.shortfall, o.qty);
            let available: f64 = lots.iter().filter(|l| l.expiry_day - ship >= min_days).map(|l| l.qty).sum();
            prop_assert_eq!(a.shortfall, (o.qty - available).max(0.0));
            for w in a.picks.windows(2) {
                prop_assert!(lots[w[0].lot].expiry_day <= lots[w[1].lot].expiry_day);
                prop_assert_eq!(w[0].qty, lots[w[0].lot].qty, "only the last pick is partial");
            }
        }
    }
}

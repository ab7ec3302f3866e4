"""FEFO allocation: pick lots first-expiry-first-out with a minimum remaining shelf life.

A lot is eligible for an order shipped on ``ship_day`` if ``expiry_day − ship_day ≥
min_remaining_days``; eligible lots are taken greedily by (expiry day, lot id).

>>> import flowcast.expiry as ex
>>> lots = [{"lot": "A", "expiry_day": 10, "qty": 5}, {"lot": "B", "expiry_day": 5, "qty": 5},
...         {"lot": "C", "expiry_day": 5, "qty": 3}, {"lot": "D", "expiry_day": 2, "qty": 9}]
>>> a = ex.fefo_allocate(lots, qty=9, ship_day=0, min_remaining_days=3)
>>> a["picks"]
[{'lot': 'B', 'qty': 5}, {'lot': 'C', 'qty': 3}, {'lot': 'A', 'qty': 1}]
>>> a["shortfall"], a["ineligible_lots"]
(0, ['D'])
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any, Iterable, List, Mapping

import numpy as np

from flowcast import _flowcast
from flowcast._arrays import invalid, records

__all__ = ["fefo_allocate", "fefo_allocate_orders"]


def _number(x: float) -> Any:
    """Whole quantities come back as ints, as they went in."""
    return int(x) if float(x).is_integer() else x


def _day(field: str, day: Any) -> int:
    """A whole day number, or a date (counted in days since 1970-01-01)."""
    if isinstance(day, (_dt.date, np.datetime64)) or type(day).__name__ == "Timestamp":
        return int(np.datetime64(day, "D").astype(np.int64))
    if isinstance(day, bool) or not isinstance(day, (int, float, np.integer, np.floating)) or int(day) != day:
        raise invalid(field, day, "wrong_type", "must be a whole day number or a date")
    return int(day)


def _lots(lots: Any):
    lots = records("lots", lots)
    ids, expiry, qty = [], [], []
    for i, lot in enumerate(lots):
        for key in ("lot", "expiry_day", "qty"):
            if key not in lot:
                raise invalid(f"lots[{i}].{key}", "missing", "wrong_type", "every lot needs lot, expiry_day and qty")
        ids.append(str(lot["lot"]))
        expiry.append(_day(f"lots[{i}].expiry_day", lot["expiry_day"]))
        qty.append(float(lot["qty"]))
    return lots, ids, expiry, qty


def _allocation(lots: List[Mapping[str, Any]], a: dict, reasons: bool) -> dict:
    out = {
        "picks": [{"lot": lots[p["lot"]]["lot"], "qty": _number(p["qty"])} for p in a["picks"]],
        "shortfall": _number(a["shortfall"]),
        "ineligible_lots": [lots[i["lot"]]["lot"] for i in a["ineligible"]],
    }
    if reasons:
        out["reasons"] = {lots[i["lot"]]["lot"]: {k: v for k, v in i["reason"].items()} for i in a["ineligible"]}
    return out


def fefo_allocate(
    lots: Iterable[Mapping[str, Any]],
    qty: float,
    ship_day: int,
    min_remaining_days: int = 0,
    reasons: bool = False,
) -> dict:
    """Allocates one order.

    Args:
        lots: dicts ``{"lot", "expiry_day", "qty"}`` (lot ids unique), or a pandas or polars
            DataFrame with those columns. Days are whole numbers or dates.
        qty: units ordered.
        ship_day: the day the order ships (same numbering as ``expiry_day``).
        min_remaining_days: shelf life the customer needs at delivery.
        reasons: also return ``"reasons"``: per ineligible lot, ``{"code": "expired" |
            "short_shelf_life", "days_left", "required"}``.

    Returns:
        ``{"picks": [{"lot", "qty"}], "shortfall", "ineligible_lots"}``.

    Raises:
        ValidationError: negative quantities, a repeated lot id (``duplicate``), a missing key.
    """
    return fefo_allocate_orders(
        lots, [{"qty": qty, "ship_day": ship_day, "min_remaining_days": min_remaining_days}], reasons
    )[0]


def fefo_allocate_orders(
    lots: Iterable[Mapping[str, Any]], orders: Iterable[Mapping[str, Any]], reasons: bool = False
) -> List[dict]:
    """Allocates orders (dicts ``{"qty", "ship_day", "min_remaining_days"?}``) one after the
    other from the same stock: what one order takes, the next cannot.

    >>> lots = [{"lot": "A", "expiry_day": 20, "qty": 5}, {"lot": "B", "expiry_day": 30, "qty": 5}]
    >>> [a["shortfall"] for a in fefo_allocate_orders(lots, [{"qty": 4, "ship_day": 0}] * 3)]
    [0, 0, 2]
    """
    lots, ids, expiry, qty = _lots(lots)
    orders = list(orders)
    order_qty = [float(o["qty"]) for o in orders]
    ship = [_day(f"orders[{j}].ship_day", o["ship_day"]) for j, o in enumerate(orders)]
    min_days = [int(o.get("min_remaining_days", 0)) for o in orders]
    result = json.loads(_flowcast.fefo_allocate(ids, expiry, qty, order_qty, ship, min_days))
    return [_allocation(lots, a, reasons) for a in result]

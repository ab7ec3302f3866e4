"""Waste projection and the markdown / transfer / donation plan.

:func:`project_waste` runs a site's lots of one SKU against its daily demand forecast,
first-expiry-first-out, and projects what each lot will still hold when it can no longer be
sold. :func:`plan_waste` sends at-risk units to markdowns, other sites or donation partners,
maximising value recovered net of handling and transport, within capacities, distance limits
and the shelf life partners need; it is a linear programme (a transportation problem, so with
whole quantities its optimum is in whole units), solved in Rust with a pure-Rust simplex.

>>> import flowcast.expiry as ex
>>> lots = [{"lot": "a", "qty": 10, "days_to_expiry": 2}, {"lot": "b", "qty": 20, "days_to_expiry": 5}]
>>> [p["unsold"] for p in ex.project_waste(lots, demand_per_day=4)]
[2.0, 8.0]
>>> plan = ex.plan_waste(
...     lots=[{"id": "a", "site": "store", "at_risk": 2, "days_to_expiry": 2},
...           {"id": "b", "site": "store", "at_risk": 8, "days_to_expiry": 5}],
...     destinations=[{"id": "food-bank", "kind": "donation", "capacity": 6, "value_per_unit": 0.5}],
...     legs=[("store", "food-bank", 12.0)],
... )
>>> plan["totals"]["units_rescued"], plan["totals"]["units_wasted"]
(6.0, 4.0)
"""

from __future__ import annotations

import json
import math
from typing import Any, Iterable, List, Mapping, Optional

import numpy as np

from flowcast import _flowcast
from flowcast._arrays import as_float_array, invalid, records

__all__ = ["project_waste", "plan_waste", "DEFAULT_CO2E_PER_KG"]

#: kg CO2e per kg of food wasted: FAO (2013) Food Wastage Footprint, 3.3 Gt CO2e / 1.3 Gt.
DEFAULT_CO2E_PER_KG = 2.5


def project_waste(
    lots: Any,
    demand_per_day: Any,
    demand_after: Optional[float] = None,
    min_shelf_days: int = 0,
) -> List[dict]:
    """Projected ``sold``, ``unsold`` (at risk), ``unsold_value`` and ``fate`` (``sold_out`` or
    ``expires``, with its ``day``) of each lot, in input order.

    Args:
        lots: dicts (or a DataFrame) with ``lot``, ``qty``, ``days_to_expiry`` and optionally
            ``unit_value``. A lot with ``days_to_expiry = d`` sells on days ``0 .. d − 1 −
            min_shelf_days``.
        demand_per_day: forecast demand: one number for every day, or one per day from today.
        demand_after: demand on days past a per-day forecast (default: its mean).
        min_shelf_days: units may not be sold in their last ``min_shelf_days`` days.
    """
    rows = records("lots", lots)
    ids = [str(r.get("lot", r.get("id", i))) for i, r in enumerate(rows)]
    qty = [float(r["qty"]) for r in rows]
    days = []
    for i, r in enumerate(rows):
        d = r["days_to_expiry"]
        if isinstance(d, bool) or int(d) != d or d < 0:
            raise invalid(f"lots[{i}].days_to_expiry", d, "out_of_range", "must be a whole number of days, at least 0")
        days.append(int(d))
    values = [float(r.get("unit_value", 0.0)) for r in rows]
    demand = as_float_array("demand_per_day", demand_per_day)
    if demand.ndim == 0:
        mean, daily = float(demand), None
    else:
        daily = [float(x) for x in demand.reshape(-1)]
        mean = float(np.mean(daily)) if demand_after is None and daily else float(demand_after or 0.0)
    if isinstance(min_shelf_days, bool) or int(min_shelf_days) != min_shelf_days or min_shelf_days < 0:
        raise invalid("min_shelf_days", min_shelf_days, "out_of_range", "must be a whole number of days, at least 0")
    out = json.loads(_flowcast.project_waste(ids, qty, days, values, mean, daily, int(min_shelf_days)))
    for row, p in zip(rows, out):
        p["lot"] = row.get("lot", row.get("id"))
    return out


def _finite(value: Any, total: float) -> float:
    """Unlimited capacities become the total at risk (more can never be used)."""
    v = float(value)
    return total if math.isinf(v) and v > 0 else v


def plan_waste(
    lots: Any,
    destinations: Iterable[Mapping[str, Any]] = (),
    markdowns: Iterable[Mapping[str, Any]] = (),
    legs: Iterable[Any] = (),
) -> dict:
    """Where at-risk units should go.

    Args:
        lots: dicts (or a DataFrame): ``id``, ``site``, ``at_risk``, ``days_to_expiry``,
            optional ``kg_per_unit`` (1), ``co2e_per_kg`` (:data:`DEFAULT_CO2E_PER_KG`),
            ``disposal_cost_per_unit`` (0).
        destinations: other sites and partners: ``id``, ``kind`` (``"transfer"`` or
            ``"donation"``), ``capacity`` (units), ``value_per_unit``, optional
            ``handling_per_unit``, ``transport_per_unit_km``, ``max_km``, ``transit_days``,
            ``min_days_on_arrival`` (1).
        markdowns: ``id``, ``site`` (capacity shared by the site's lots) or ``lot`` (one lot),
            ``capacity``, ``value_per_unit``, optional ``handling_per_unit``.
        legs: distances ``(from, to, km)`` between sites and partners (either direction).

    Returns:
        ``assignments`` (``lot``, ``lot_id``, ``outlet`` {``kind``, ``index``}, ``outlet_id``,
        ``units``, ``km``, ``value``, ``handling_cost``, ``transport_cost``), ``lots``
        (``rescued``, ``wasted``, ``disposal_cost`` per lot), ``excluded`` (pairs not allowed,
        with the reason), ``totals`` (``recovered_value``, costs, ``objective``,
        ``units_rescued``, ``units_wasted``, ``kg_avoided``, ``co2e_avoided_kg`` …) and
        ``integral``.
    """
    lot_rows = [dict(r) for r in records("lots", lots)]
    total = sum(float(r.get("at_risk", 0.0)) for r in lot_rows)
    dest = []
    for d in destinations:
        d = dict(d)
        d["capacity"] = _finite(d.get("capacity", 0.0), total)
        if "max_km" in d and math.isinf(float(d["max_km"])):
            del d["max_km"]
        dest.append(d)
    marks = []
    for i, m in enumerate(markdowns):
        m = dict(m)
        if "scope" not in m:
            if "lot" in m:
                m["scope"] = {"lot": str(m.pop("lot"))}
            elif "site" in m:
                m["scope"] = {"site": str(m.pop("site"))}
            else:
                raise invalid(f"markdowns[{i}].site", "missing", "wrong_type", "a markdown needs a site or a lot")
        m["capacity"] = _finite(m.get("capacity", 0.0), total)
        marks.append(m)
    leg_rows = []
    for leg in legs:
        if isinstance(leg, Mapping):
            leg_rows.append({"from": str(leg["from"]), "to": str(leg["to"]), "km": float(leg["km"])})
        else:
            a, b, km = leg
            leg_rows.append({"from": str(a), "to": str(b), "km": float(km)})
    problem = {"lots": lot_rows, "markdowns": marks, "destinations": dest, "legs": leg_rows}
    return json.loads(_flowcast.plan_waste(json.dumps(problem)))

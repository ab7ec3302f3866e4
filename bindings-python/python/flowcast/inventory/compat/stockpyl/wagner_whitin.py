"""``stockpyl.wagner_whitin`` drop-in. Lists are 1-indexed as in stockpyl (element 0 is a
placeholder); a 2-D ``demand`` (SKUs x periods) solves a batch, returning arrays with one row
per SKU in the same layout.

>>> from flowcast.inventory.compat.stockpyl.wagner_whitin import wagner_whitin
>>> Q, cost, theta, s = wagner_whitin(4, 2, 500, [90, 120, 80, 70])
>>> Q, cost, s
([0, 210.0, 0, 150.0, 0], 1380.0, [0, 3, 5, 5, 5])
>>> theta.tolist()
[0.0, 1380.0, 940.0, 640.0, 500.0, 0.0]
"""

from __future__ import annotations

from typing import Any, Tuple

import numpy as np

from flowcast import inventory as _inv

__all__ = ["wagner_whitin"]


def per_period(x: Any, num_periods: int) -> Any:
    """A scalar as is; a stockpyl list of T or T + 1 values (element 0 a placeholder) as the T
    values of periods 1…T, keeping any leading SKU axis."""
    a = np.asarray(x, dtype=np.float64)
    if a.ndim == 0:
        return a
    if a.shape[-1] == num_periods + 1:
        return a[..., 1:]
    return a


def wagner_whitin(num_periods, holding_cost, fixed_cost, demand, purchase_cost=0) -> Tuple[Any, Any, Any, Any]:
    """``(order_quantities, cost, costs_to_go, next_order_periods)``, 1-indexed."""
    T = int(num_periods)
    plan = _inv.wagner_whitin(
        per_period(demand, T),
        per_period(holding_cost, T),
        per_period(fixed_cost, T),
        per_period(purchase_cost, T),
    )
    q, theta, nxt = (np.asarray(a) for a in (plan.order_quantities, plan.costs_to_go, plan.next_order_periods))
    if q.ndim == 1:
        orders = [0] + [float(v) if v else 0 for v in q]
        return orders, float(plan.cost), np.concatenate([[0.0], theta]), [0] + [int(v) + 1 for v in nxt]
    pad = np.zeros((q.shape[0], 1))
    return (
        np.hstack([pad, q]),
        np.asarray(plan.cost),
        np.hstack([pad, theta]),
        np.hstack([pad.astype(np.int64), nxt + 1]),
    )

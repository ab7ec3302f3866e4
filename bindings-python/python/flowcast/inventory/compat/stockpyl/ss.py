"""``stockpyl.ss`` drop-ins.

>>> from flowcast.inventory.compat.stockpyl.ss import s_s_discrete_exact
>>> s, S, cost = s_s_discrete_exact(1, 4, 5, True, 6)
>>> s, S, round(cost, 6)
(4.0, 10.0, 8.034112)
"""

from __future__ import annotations

from typing import Any, Optional, Tuple

from flowcast import inventory as _inv

__all__ = ["s_s_cost_discrete", "s_s_discrete_exact", "s_s_power_approximation"]


def _pmf(demand_hi, demand_pmf) -> dict:
    """stockpyl's list pmf on 0..demand_hi as a dict (the whole list: stockpyl drops the last
    value in its newsvendor costs)."""
    return {d: float(demand_pmf[d]) for d in range(int(demand_hi) + 1)}


def s_s_cost_discrete(
    reorder_point,
    order_up_to_level,
    holding_cost,
    stockout_cost,
    fixed_cost,
    use_poisson,
    demand_mean: Optional[Any] = None,
    demand_hi: Optional[int] = None,
    demand_pmf: Optional[list] = None,
) -> Any:
    """The exact expected cost per period of (s, S)."""
    if use_poisson:
        return _inv.ss(
            holding_cost,
            stockout_cost,
            fixed_cost,
            demand_mean,
            reorder_point=reorder_point,
            order_up_to_level=order_up_to_level,
        ).cost
    return _inv.ss(
        holding_cost,
        stockout_cost,
        fixed_cost,
        pmf=_pmf(demand_hi, demand_pmf),
        reorder_point=reorder_point,
        order_up_to_level=order_up_to_level,
    ).cost


def s_s_discrete_exact(
    holding_cost,
    stockout_cost,
    fixed_cost,
    use_poisson,
    demand_mean: Optional[Any] = None,
    demand_hi: Optional[int] = None,
    demand_pmf: Optional[list] = None,
) -> Tuple[Any, Any, Any]:
    """``(reorder_point, order_up_to_level, cost)``, optimal (Zheng & Federgruen)."""
    if use_poisson:
        return tuple(_inv.ss(holding_cost, stockout_cost, fixed_cost, demand_mean))
    return tuple(_inv.ss(holding_cost, stockout_cost, fixed_cost, pmf=_pmf(demand_hi, demand_pmf)))


def s_s_power_approximation(holding_cost, stockout_cost, fixed_cost, demand_mean, demand_sd) -> Tuple[Any, Any]:
    """``(reorder_point, order_up_to_level)`` by the power approximation."""
    return _inv.ss_power_approximation(holding_cost, stockout_cost, fixed_cost, demand_mean, demand_sd)

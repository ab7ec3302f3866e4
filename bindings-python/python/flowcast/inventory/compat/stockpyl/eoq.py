"""``stockpyl.eoq`` drop-ins."""

from __future__ import annotations

from typing import Any, Optional, Tuple

from flowcast import inventory as _inv
from flowcast.inventory import eoq as _eoq

__all__ = [
    "economic_order_quantity",
    "economic_order_quantity_with_backorders",
    "economic_production_quantity",
    "economic_order_quantity_with_all_units_discounts",
    "economic_order_quantity_with_incremental_discounts",
    "joint_replenishment_problem_silver_heuristic",
]


def economic_order_quantity(
    fixed_cost: Any, holding_cost: Any, demand_rate: Any, order_quantity: Optional[Any] = None
) -> Tuple[Any, Any]:
    """Economic order quantity and its cost per unit time, as ``stockpyl.eoq``.

    >>> economic_order_quantity(fixed_cost=8, holding_cost=0.225, demand_rate=1300)
    (304.0467800264368, 68.41052550594829)

    Returns:
        ``(order_quantity, cost)``; the given ``order_quantity`` and its cost when one is given.

    One difference: a ``fixed_cost`` of 0 is rejected here (ValidationError), where stockpyl
    returns an order quantity of 0; flowcast treats a free order as a data error.
    """
    q, cost = _eoq(fixed_cost, holding_cost, demand_rate, order_quantity)
    return q, cost


def economic_order_quantity_with_backorders(
    fixed_cost: Any,
    holding_cost: Any,
    stockout_cost: Any,
    demand_rate: Any,
    order_quantity: Optional[Any] = None,
    stockout_fraction: Optional[Any] = None,
) -> Tuple[Any, Any, Any]:
    """``(order_quantity, stockout_fraction, cost)``, as ``stockpyl.eoq``."""
    r = _inv.eoq_with_backorders(
        fixed_cost, holding_cost, stockout_cost, demand_rate, order_quantity, stockout_fraction
    )
    return r.order_quantity, r.stockout_fraction, r.cost


def economic_production_quantity(
    fixed_cost: Any,
    holding_cost: Any,
    demand_rate: Any,
    production_rate: Any,
    order_quantity: Optional[Any] = None,
) -> Tuple[Any, Any]:
    """``(order_quantity, cost)``, as ``stockpyl.eoq``."""
    r = _inv.economic_production_quantity(fixed_cost, holding_cost, demand_rate, production_rate, order_quantity)
    return r.order_quantity, r.cost


def economic_order_quantity_with_all_units_discounts(
    fixed_cost: float,
    holding_cost_rate: float,
    demand_rate: float,
    breakpoints,
    unit_costs,
) -> Tuple[float, int, float]:
    """``(order_quantity, region, cost)``, as ``stockpyl.eoq``."""
    return tuple(
        _inv.eoq_with_discounts(fixed_cost, holding_cost_rate, demand_rate, breakpoints, unit_costs, "all_units")
    )


def economic_order_quantity_with_incremental_discounts(
    fixed_cost: float,
    holding_cost_rate: float,
    demand_rate: float,
    breakpoints,
    unit_costs,
) -> Tuple[float, int, float]:
    """``(order_quantity, region, cost)``, as ``stockpyl.eoq``."""
    return tuple(
        _inv.eoq_with_discounts(fixed_cost, holding_cost_rate, demand_rate, breakpoints, unit_costs, "incremental")
    )


def joint_replenishment_problem_silver_heuristic(
    shared_fixed_cost, individual_fixed_costs, holding_costs, demand_rates
):
    """``(order_quantities, base_cycle_time, order_multiples, cost)`` with lists, as ``stockpyl.eoq``."""
    r = _inv.joint_replenishment(shared_fixed_cost, individual_fixed_costs, holding_costs, demand_rates)
    return [float(q) for q in r.order_quantities], r.base_cycle_time, [int(m) for m in r.order_multiples], r.cost

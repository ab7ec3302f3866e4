"""``stockpyl.supply_uncertainty`` drop-ins: the EOQ with disruptions and with random yield."""

from __future__ import annotations

from typing import Any, Optional, Tuple

from flowcast import inventory as _inv

__all__ = [
    "eoq_with_disruptions",
    "eoq_with_disruptions_cost",
    "eoq_with_additive_yield_uncertainty",
    "eoq_with_multiplicative_yield_uncertainty",
]


def eoq_with_disruptions(fixed_cost: Any, holding_cost: Any, stockout_cost: Any, demand_rate: Any,
                         disruption_rate: Any, recovery_rate: Any, approximate: bool = False) -> Tuple[Any, Any]:
    """``(order_quantity, cost)``, as ``stockpyl.supply_uncertainty``."""
    r = _inv.eoq_with_disruptions(fixed_cost, holding_cost, stockout_cost, demand_rate, disruption_rate,
                                  recovery_rate, approximate)
    return r.order_quantity, r.cost


def eoq_with_disruptions_cost(order_quantity: Any, fixed_cost: Any, holding_cost: Any, stockout_cost: Any,
                              demand_rate: Any, disruption_rate: Any, recovery_rate: Any, approximate: bool = False) -> Any:
    """The cost of ``order_quantity``, as ``stockpyl.supply_uncertainty``."""
    return _inv.eoq_with_disruptions(fixed_cost, holding_cost, stockout_cost, demand_rate, disruption_rate,
                                     recovery_rate, approximate, order_quantity=order_quantity).cost


def eoq_with_additive_yield_uncertainty(fixed_cost: Any, holding_cost: Any, demand_rate: Any, yield_mean: Any,
                                        yield_sd: Any, order_quantity: Optional[Any] = None) -> Tuple[Any, Any]:
    """``(order_quantity, cost)`` when an order of Q delivers Q + Y."""
    r = _inv.eoq_with_yield_uncertainty(fixed_cost, holding_cost, demand_rate, yield_mean, yield_sd, "additive",
                                        order_quantity)
    return r.order_quantity, r.cost


def eoq_with_multiplicative_yield_uncertainty(fixed_cost: Any, holding_cost: Any, demand_rate: Any, yield_mean: Any,
                                              yield_sd: Any, order_quantity: Optional[Any] = None) -> Tuple[Any, Any]:
    """``(order_quantity, cost)`` when an order of Q delivers QY."""
    r = _inv.eoq_with_yield_uncertainty(fixed_cost, holding_cost, demand_rate, yield_mean, yield_sd,
                                        "multiplicative", order_quantity)
    return r.order_quantity, r.cost

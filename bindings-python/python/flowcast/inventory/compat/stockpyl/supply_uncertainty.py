"""``stockpyl.supply_uncertainty`` drop-ins: the EOQ and the newsvendor with disruptions and with
random yield.

>>> from flowcast.inventory.compat.stockpyl.supply_uncertainty import newsvendor_with_disruptions
>>> S, cost = newsvendor_with_disruptions(0.25, 3, 2000, 0.04, 0.25)
>>> S
8000.0
"""

from __future__ import annotations

from typing import Any, Optional, Tuple

from flowcast import inventory as _inv
from flowcast.errors import ValidationError
from flowcast.inventory.compat.stockpyl._scipy import from_scipy

__all__ = [
    "eoq_with_disruptions",
    "eoq_with_disruptions_cost",
    "eoq_with_additive_yield_uncertainty",
    "eoq_with_multiplicative_yield_uncertainty",
    "newsvendor_with_disruptions",
    "newsvendor_with_additive_yield_uncertainty",
]


def eoq_with_disruptions(
    fixed_cost: Any,
    holding_cost: Any,
    stockout_cost: Any,
    demand_rate: Any,
    disruption_rate: Any,
    recovery_rate: Any,
    approximate: bool = False,
) -> Tuple[Any, Any]:
    """``(order_quantity, cost)``, as ``stockpyl.supply_uncertainty``."""
    r = _inv.eoq_with_disruptions(
        fixed_cost, holding_cost, stockout_cost, demand_rate, disruption_rate, recovery_rate, approximate
    )
    return r.order_quantity, r.cost


def eoq_with_disruptions_cost(
    order_quantity: Any,
    fixed_cost: Any,
    holding_cost: Any,
    stockout_cost: Any,
    demand_rate: Any,
    disruption_rate: Any,
    recovery_rate: Any,
    approximate: bool = False,
) -> Any:
    """The cost of ``order_quantity``, as ``stockpyl.supply_uncertainty``."""
    return _inv.eoq_with_disruptions(
        fixed_cost,
        holding_cost,
        stockout_cost,
        demand_rate,
        disruption_rate,
        recovery_rate,
        approximate,
        order_quantity=order_quantity,
    ).cost


def eoq_with_additive_yield_uncertainty(
    fixed_cost: Any,
    holding_cost: Any,
    demand_rate: Any,
    yield_mean: Any,
    yield_sd: Any,
    order_quantity: Optional[Any] = None,
) -> Tuple[Any, Any]:
    """``(order_quantity, cost)`` when an order of Q delivers Q + Y."""
    r = _inv.eoq_with_yield_uncertainty(
        fixed_cost, holding_cost, demand_rate, yield_mean, yield_sd, "additive", order_quantity
    )
    return r.order_quantity, r.cost


def eoq_with_multiplicative_yield_uncertainty(
    fixed_cost: Any,
    holding_cost: Any,
    demand_rate: Any,
    yield_mean: Any,
    yield_sd: Any,
    order_quantity: Optional[Any] = None,
) -> Tuple[Any, Any]:
    """``(order_quantity, cost)`` when an order of Q delivers QY."""
    r = _inv.eoq_with_yield_uncertainty(
        fixed_cost, holding_cost, demand_rate, yield_mean, yield_sd, "multiplicative", order_quantity
    )
    return r.order_quantity, r.cost


def newsvendor_with_disruptions(
    holding_cost: Any,
    stockout_cost: Any,
    demand: Any,
    disruption_prob: Any,
    recovery_prob: Any,
    base_stock_level: Optional[Any] = None,
) -> Tuple[Any, Any]:
    """``(base_stock_level, cost)`` with a supplier that fails and recovers each period; the cost
    is summed in closed form (stockpyl truncates the sum)."""
    r = _inv.newsvendor_with_disruptions(
        holding_cost, stockout_cost, demand, disruption_prob, recovery_prob, base_stock_level
    )
    return r.base_stock_level, r.cost


def newsvendor_with_additive_yield_uncertainty(
    holding_cost: Any,
    stockout_cost: Any,
    demand: Any,
    yield_mean: Optional[Any] = None,
    yield_sd: Optional[Any] = None,
    yield_distribution: Any = None,
    loss_function: Any = None,
    base_stock_level: Optional[Any] = None,
) -> Tuple[Any, Any]:
    """``(base_stock_level, cost)`` when an order up to S yields S + Y: normal Y from
    ``yield_mean``/``yield_sd``, or a scipy.stats frozen ``yield_distribution``. (Unlike stockpyl,
    a given ``base_stock_level`` is costed rather than failing; ``loss_function`` is not used:
    the loss comes from the distribution in closed form.)"""
    if yield_mean is not None and yield_sd is not None:
        name, params = "normal", {"mean": yield_mean, "sd": yield_sd}
    elif yield_distribution is not None:
        name, params = from_scipy(yield_distribution)
    else:
        raise ValidationError(
            "yield_distribution = missing: must provide yield_mean and yield_sd or yield_distribution [wrong_type]",
            code="wrong_type",
            field="yield_distribution",
            value="missing",
            reason="must provide yield_mean and yield_sd or yield_distribution",
        )
    r = _inv.newsvendor_with_yield_uncertainty(
        holding_cost, stockout_cost, demand, distribution=name, base_stock_level=base_stock_level, **params
    )
    return r.base_stock_level, r.cost

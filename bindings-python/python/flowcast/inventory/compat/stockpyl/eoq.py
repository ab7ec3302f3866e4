"""``stockpyl.eoq`` drop-ins."""

from __future__ import annotations

from typing import Any, Optional, Tuple

from flowcast.inventory import eoq as _eoq

__all__ = ["economic_order_quantity"]


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

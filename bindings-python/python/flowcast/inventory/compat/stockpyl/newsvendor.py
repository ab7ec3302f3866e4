"""``stockpyl.newsvendor`` drop-ins.

>>> from flowcast.inventory.compat.stockpyl.newsvendor import newsvendor_normal
>>> S, cost = newsvendor_normal(0.18, 0.70, 50, 8)
>>> round(S, 4), round(cost, 4)
(56.604, 1.9976)
>>> S, cost = newsvendor_normal(0.18, 0.70, [50, 100], 8)  # a batch: arrays in, arrays out
>>> [round(s, 4) for s in S.tolist()]
[56.604, 106.604]
"""

from __future__ import annotations

from typing import Any, Optional, Tuple

from flowcast import inventory as _inv
from flowcast.errors import ValidationError
from flowcast.inventory.compat.stockpyl._scipy import from_scipy

__all__ = [
    "newsvendor_normal",
    "newsvendor_normal_cost",
    "newsvendor_poisson",
    "newsvendor_poisson_cost",
    "newsvendor_continuous",
    "newsvendor_discrete",
    "newsvendor_normal_explicit",
    "newsvendor_poisson_explicit",
    "myopic",
    "myopic_cost",
    "set_myopic_cost_to",
]


def _pair(r) -> Tuple[Any, Any]:
    return r.base_stock_level, r.cost


def newsvendor_normal(
    holding_cost: Any,
    stockout_cost: Any,
    demand_mean: Any,
    demand_sd: Any,
    lead_time: Any = 0,
    base_stock_level: Optional[Any] = None,
) -> Tuple[Any, Any]:
    """``(base_stock_level, cost)`` for normal demand over ``lead_time + 1`` periods."""
    return _pair(
        _inv.newsvendor(
            holding_cost,
            stockout_cost,
            mean=demand_mean,
            sd=demand_sd,
            lead_time=lead_time,
            base_stock_level=base_stock_level,
        )
    )


def newsvendor_normal_cost(
    base_stock_level: Any, holding_cost: Any, stockout_cost: Any, demand_mean: Any, demand_sd: Any, lead_time: Any = 0
) -> Any:
    """The expected cost of ``base_stock_level`` under normal demand."""
    return newsvendor_normal(holding_cost, stockout_cost, demand_mean, demand_sd, lead_time, base_stock_level)[1]


def newsvendor_poisson(
    holding_cost: Any, stockout_cost: Any, demand_mean: Any, base_stock_level: Optional[Any] = None
) -> Tuple[Any, Any]:
    """``(base_stock_level, cost)`` for Poisson demand."""
    return _pair(
        _inv.newsvendor(
            holding_cost, stockout_cost, distribution="poisson", mean=demand_mean, base_stock_level=base_stock_level
        )
    )


def newsvendor_poisson_cost(base_stock_level: Any, holding_cost: Any, stockout_cost: Any, demand_mean: Any) -> Any:
    """The expected cost of ``base_stock_level`` under Poisson demand."""
    return newsvendor_poisson(holding_cost, stockout_cost, demand_mean, base_stock_level)[1]


def newsvendor_continuous(
    holding_cost: Any,
    stockout_cost: Any,
    demand_distrib: Any = None,
    demand_pdf: Any = None,
    base_stock_level: Optional[Any] = None,
) -> Tuple[Any, Any]:
    """``(base_stock_level, cost)`` for demand given as a scipy.stats frozen distribution (norm,
    lognorm, expon, gamma, uniform); closed-form loss functions replace numerical integration."""
    if demand_distrib is None:
        raise ValidationError(
            "demand_distrib = missing: must be a scipy.stats frozen distribution (a pdf alone is not supported) "
            "[wrong_type]",
            code="wrong_type",
            field="demand_distrib",
            value="missing",
            reason="must be a scipy.stats frozen distribution (a pdf alone is not supported)",
        )
    name, params = from_scipy(demand_distrib)
    return _pair(
        _inv.newsvendor(holding_cost, stockout_cost, distribution=name, base_stock_level=base_stock_level, **params)
    )


def newsvendor_discrete(
    holding_cost: Any,
    stockout_cost: Any,
    demand_distrib: Any = None,
    demand_pmf: Optional[dict] = None,
    base_stock_level: Optional[Any] = None,
) -> Tuple[Any, Any]:
    """``(base_stock_level, cost)`` for demand given as a pmf dict (or a scipy.stats discrete
    frozen distribution)."""
    if demand_pmf is not None:
        return _pair(
            _inv.newsvendor(
                holding_cost, stockout_cost, distribution="discrete", pmf=demand_pmf, base_stock_level=base_stock_level
            )
        )
    if demand_distrib is None:
        raise ValidationError(
            "demand_pmf = missing: must provide demand_distrib or demand_pmf [wrong_type]",
            code="wrong_type",
            field="demand_pmf",
            value="missing",
            reason="must provide demand_distrib or demand_pmf",
        )
    name, params = from_scipy(demand_distrib)
    return _pair(
        _inv.newsvendor(holding_cost, stockout_cost, distribution=name, base_stock_level=base_stock_level, **params)
    )


def newsvendor_normal_explicit(
    revenue: Any,
    purchase_cost: Any,
    salvage_value: Any,
    demand_mean: Any,
    demand_sd: Any,
    holding_cost: Any = 0,
    stockout_cost: Any = 0,
    lead_time: Any = 0,
    base_stock_level: Optional[Any] = None,
) -> Tuple[Any, Any]:
    """``(base_stock_level, profit)`` for normal demand."""
    return _pair(
        _inv.newsvendor_explicit(
            revenue,
            purchase_cost,
            salvage_value,
            mean=demand_mean,
            sd=demand_sd,
            holding_cost=holding_cost,
            stockout_cost=stockout_cost,
            lead_time=lead_time,
            base_stock_level=base_stock_level,
        )
    )


def newsvendor_poisson_explicit(
    revenue: Any,
    purchase_cost: Any,
    salvage_value: Any,
    demand_mean: Any,
    holding_cost: Any = 0,
    stockout_cost: Any = 0,
    lead_time: Any = 0,
    base_stock_level: Optional[Any] = None,
) -> Tuple[Any, Any]:
    """``(base_stock_level, profit)`` for Poisson demand."""
    return _pair(
        _inv.newsvendor_explicit(
            revenue,
            purchase_cost,
            salvage_value,
            distribution="poisson",
            mean=demand_mean,
            holding_cost=holding_cost,
            stockout_cost=stockout_cost,
            lead_time=lead_time,
            base_stock_level=base_stock_level,
        )
    )


def myopic(
    holding_cost: Any,
    stockout_cost: Any,
    purchase_cost: Any,
    purchase_cost_next_per: Any,
    demand_mean: Any,
    demand_sd: Any,
    discount_factor: Any = 1.0,
    base_stock_level: Optional[Any] = None,
) -> Tuple[Any, Any]:
    """``(base_stock_level, cost)`` of the myopic policy."""
    return _pair(
        _inv.myopic(
            holding_cost,
            stockout_cost,
            purchase_cost,
            purchase_cost_next_per,
            demand_mean,
            demand_sd,
            discount_factor,
            base_stock_level,
        )
    )


def myopic_cost(
    base_stock_level: Any,
    holding_cost: Any,
    stockout_cost: Any,
    purchase_cost: Any,
    purchase_cost_next_per: Any,
    demand_mean: Any,
    demand_sd: Any,
    discount_factor: Any = 1.0,
) -> Any:
    """The one-period cost of ``base_stock_level`` under the myopic model."""
    return myopic(
        holding_cost,
        stockout_cost,
        purchase_cost,
        purchase_cost_next_per,
        demand_mean,
        demand_sd,
        discount_factor,
        base_stock_level,
    )[1]


def set_myopic_cost_to(
    cost: Any,
    holding_cost: Any,
    stockout_cost: Any,
    purchase_cost: Any,
    purchase_cost_next_per: Any,
    demand_mean: Any,
    demand_sd: Any,
    discount_factor: Any = 1.0,
    left_half: bool = True,
) -> Any:
    """The level y with ``myopic_cost(y) == cost``, at or below the myopic minimiser
    (``left_half``) or at or above it; solved to machine precision."""
    return _inv.myopic_level_at_cost(
        cost,
        holding_cost,
        stockout_cost,
        purchase_cost,
        purchase_cost_next_per,
        demand_mean,
        demand_sd,
        discount_factor,
        side="below" if left_half else "above",
    )

"""Inventory optimisation, vectorised over SKUs.

Every function takes scalars, lists, numpy arrays or pandas/polars Series, broadcasts them
against each other as numpy does, and returns the same kind: floats for scalars, arrays (or
Series) for arrays. A million SKUs go through one call, in Rust, without the GIL.

>>> import flowcast.inventory as inv
>>> q, cost = inv.eoq(fixed_cost=8, holding_cost=0.225, demand_rate=1300)
>>> round(q, 4), round(cost, 4)
(304.0468, 68.4105)
>>> r = inv.safety_stock(demand_mean=120, demand_sd=60, lead_time=5, lead_time_sd=2,
...                      cycle_service_level=0.95)
>>> round(r.safety_stock, 2), round(r.reorder_point, 2)
(452.26, 1052.26)

Bad input raises :class:`flowcast.ValidationError` naming the field and value::

    >>> inv.eoq(fixed_cost=8, holding_cost=[0.2, -1.0], demand_rate=1300)
    Traceback (most recent call last):
    ...
    flowcast.errors.ValidationError: holding_cost[1] = -1: must be greater than 0 [not_positive]
"""

from __future__ import annotations

from flowcast.inventory._eoq_family import (
    BackorderResult,
    DiscountResult,
    JointResult,
    economic_production_quantity,
    eoq_with_backorders,
    eoq_with_discounts,
    eoq_with_disruptions,
    eoq_with_yield_uncertainty,
    joint_replenishment,
)
from flowcast.inventory._loss import (
    DISTRIBUTIONS,
    LossResult,
    loss,
    normal_loss,
    normal_loss_complement,
    normal_second_loss,
    normal_second_loss_complement,
    standard_normal_loss,
    standard_normal_loss_complement,
    standard_normal_loss_inverse,
    standard_normal_second_loss,
    standard_normal_second_loss_complement,
)
from flowcast.inventory._multi_period import (
    FiniteHorizonResult,
    LotSizingResult,
    MyopicBoundsResult,
    finite_horizon,
    myopic_bounds,
    wagner_whitin,
)
from flowcast.inventory._networks import (
    GuaranteedServiceResult,
    SerialResult,
    SimulationResult,
    guaranteed_service,
    serial_base_stock,
    serial_holding_cost,
    serial_newsvendor_heuristic,
    simulate,
)
from flowcast.inventory._newsvendor import (
    NewsvendorResult,
    myopic,
    myopic_level_at_cost,
    newsvendor,
    newsvendor_explicit,
    newsvendor_with_disruptions,
    newsvendor_with_yield_uncertainty,
)
from flowcast.inventory._policies import (
    RQResult,
    SSResult,
    rq,
    rq_cost,
    rq_optimal_reorder_point,
    rq_poisson,
    ss,
    ss_power_approximation,
)
from flowcast.inventory._replenishment import (
    CycleServiceResult,
    EOQResult,
    SafetyStockResult,
    cycle_service,
    eoq,
    safety_stock,
    safety_stock_from_quantiles,
)

__all__ = [
    "EOQResult",
    "SafetyStockResult",
    "CycleServiceResult",
    "eoq",
    "safety_stock",
    "safety_stock_from_quantiles",
    "cycle_service",
    "standard_normal_loss",
    "standard_normal_loss_complement",
    "standard_normal_second_loss",
    "standard_normal_second_loss_complement",
    "standard_normal_loss_inverse",
    "normal_loss",
    "normal_loss_complement",
    "normal_second_loss",
    "normal_second_loss_complement",
    "LossResult",
    "loss",
    "DISTRIBUTIONS",
    "BackorderResult",
    "DiscountResult",
    "JointResult",
    "eoq_with_backorders",
    "economic_production_quantity",
    "eoq_with_discounts",
    "joint_replenishment",
    "eoq_with_disruptions",
    "eoq_with_yield_uncertainty",
    "NewsvendorResult",
    "newsvendor",
    "newsvendor_explicit",
    "myopic",
    "newsvendor_with_disruptions",
    "newsvendor_with_yield_uncertainty",
    "RQResult",
    "SSResult",
    "rq",
    "rq_cost",
    "rq_optimal_reorder_point",
    "rq_poisson",
    "ss",
    "ss_power_approximation",
    "LotSizingResult",
    "wagner_whitin",
    "FiniteHorizonResult",
    "finite_horizon",
    "MyopicBoundsResult",
    "myopic_bounds",
    "myopic_level_at_cost",
    "GuaranteedServiceResult",
    "guaranteed_service",
    "SerialResult",
    "serial_base_stock",
    "serial_holding_cost",
    "serial_newsvendor_heuristic",
    "SimulationResult",
    "simulate",
]

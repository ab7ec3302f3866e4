"""The EOQ family: backorders, production, quantity discounts, joint replenishment, supply risk."""

from __future__ import annotations

from typing import Any, NamedTuple, Optional

from flowcast import _flowcast
from flowcast._arrays import Batch
from flowcast.errors import ValidationError
from flowcast.inventory._replenishment import EOQResult

ArrayLike = Any  # a number, a sequence of numbers, a numpy array, or a pandas/polars Series


class BackorderResult(NamedTuple):
    """Order quantity, fraction of each cycle backordered, and cost per unit time."""

    order_quantity: Any
    stockout_fraction: Any
    cost: Any


class DiscountResult(NamedTuple):
    """Order quantity, its price region (0-based), and cost per unit time (purchase included)."""

    order_quantity: float
    region: int
    cost: float


class JointResult(NamedTuple):
    """A joint replenishment policy."""

    order_quantities: Any
    base_cycle_time: float
    order_multiples: Any
    cost: float


def eoq_with_backorders(
    fixed_cost: ArrayLike,
    holding_cost: ArrayLike,
    stockout_cost: ArrayLike,
    demand_rate: ArrayLike,
    order_quantity: Optional[ArrayLike] = None,
    stockout_fraction: Optional[ArrayLike] = None,
) -> BackorderResult:
    """EOQ with planned backorders: Q* = sqrt(2Kλ(h + p)/(hp)), x* = h/(h + p); or the cost of a
    given (Q, x): hQ(1 − x)²/2 + pQx²/2 + Kλ/Q.

    >>> r = eoq_with_backorders(8, 0.225, 5, 1300)
    >>> round(r.order_quantity, 4), round(r.stockout_fraction, 6)
    (310.8126, 0.043062)
    """
    if (order_quantity is None) != (stockout_fraction is None):
        raise TypeError("eoq_with_backorders() takes both order_quantity and stockout_fraction, or neither")
    b = Batch(
        fixed_cost=fixed_cost,
        holding_cost=holding_cost,
        stockout_cost=stockout_cost,
        demand_rate=demand_rate,
        order_quantity=order_quantity,
        stockout_fraction=stockout_fraction,
    )
    f = b.flat
    with b.errors():
        q, x, c = _flowcast.eoq_with_backorders(
            f["fixed_cost"],
            f["holding_cost"],
            f["stockout_cost"],
            f["demand_rate"],
            f.get("order_quantity"),
            f.get("stockout_fraction"),
        )
    return BackorderResult(b.wrap(q), b.wrap(x), b.wrap(c))


def economic_production_quantity(
    fixed_cost: ArrayLike,
    holding_cost: ArrayLike,
    demand_rate: ArrayLike,
    production_rate: ArrayLike,
    order_quantity: Optional[ArrayLike] = None,
) -> EOQResult:
    """Economic production quantity: Q* = sqrt(2Kλ/(h(1 − λ/μ))); or the cost of a given Q.

    >>> round(economic_production_quantity(8, 0.225, 1300, 1700).order_quantity, 4)
    626.8085
    """
    b = Batch(
        fixed_cost=fixed_cost,
        holding_cost=holding_cost,
        demand_rate=demand_rate,
        production_rate=production_rate,
        order_quantity=order_quantity,
    )
    f = b.flat
    with b.errors():
        q, c = _flowcast.economic_production_quantity(
            f["fixed_cost"], f["holding_cost"], f["demand_rate"], f["production_rate"], f.get("order_quantity")
        )
    return EOQResult(b.wrap(q), b.wrap(c))


def eoq_with_discounts(
    fixed_cost: float,
    holding_cost_rate: float,
    demand_rate: float,
    breakpoints,
    unit_costs,
    kind: str = "all_units",
) -> DiscountResult:
    """EOQ under a quantity-discount schedule: ``kind="all_units"`` (the region's price applies
    to every unit) or ``"incremental"`` (to the units within it). ``breakpoints`` start at 0.

    >>> r = eoq_with_discounts(8, 0.3, 1300, [0, 400, 800], [0.75, 0.72, 0.68])
    >>> r.order_quantity, r.region, round(r.cost, 6)
    (800.0, 2, 978.6)
    """
    if kind not in ("all_units", "incremental"):
        raise ValidationError(
            f"kind = {kind!r}: must be 'all_units' or 'incremental' [out_of_range]",
            code="out_of_range",
            field="kind",
            value=repr(kind),
            reason="must be 'all_units' or 'incremental'",
        )
    q, region, cost = _flowcast.eoq_with_discounts(
        kind,
        float(fixed_cost),
        float(holding_cost_rate),
        float(demand_rate),
        [float(b) for b in breakpoints],
        [float(c) for c in unit_costs],
    )
    return DiscountResult(q, region, cost)


def joint_replenishment(shared_fixed_cost: float, individual_fixed_costs, holding_costs, demand_rates) -> JointResult:
    """Joint replenishment by Silver's heuristic: a base cycle T and a multiple m_n per product.

    >>> r = joint_replenishment(600, [120, 840, 300], [160, 20, 50], [1, 1, 1])
    >>> r.order_multiples.tolist(), round(r.cost, 4)
    ([1, 3, 1], 837.8544)
    """
    import numpy as np

    q, t, m, cost = _flowcast.joint_replenishment(
        float(shared_fixed_cost),
        [float(v) for v in individual_fixed_costs],
        [float(v) for v in holding_costs],
        [float(v) for v in demand_rates],
    )
    return JointResult(np.asarray(q), t, np.asarray(m, dtype=np.int64), cost)


def eoq_with_disruptions(
    fixed_cost: ArrayLike,
    holding_cost: ArrayLike,
    stockout_cost: ArrayLike,
    demand_rate: ArrayLike,
    disruption_rate: ArrayLike,
    recovery_rate: ArrayLike,
    approximate: bool = False,
    order_quantity: Optional[ArrayLike] = None,
) -> EOQResult:
    """EOQ with a supplier that fails at ``disruption_rate`` and recovers at ``recovery_rate``
    (Berk & Arreola): the exact optimum by golden-section search, or the closed form of the
    approximation (``approximate=True``); with ``order_quantity``, that quantity's cost.

    >>> round(eoq_with_disruptions(8, 0.225, 5, 1300, 1.5, 14).order_quantity, 2)
    772.81
    """
    b = Batch(
        fixed_cost=fixed_cost,
        holding_cost=holding_cost,
        stockout_cost=stockout_cost,
        demand_rate=demand_rate,
        disruption_rate=disruption_rate,
        recovery_rate=recovery_rate,
        order_quantity=order_quantity,
    )
    f = b.flat
    with b.errors():
        q, c = _flowcast.eoq_with_disruptions(
            f["fixed_cost"],
            f["holding_cost"],
            f["stockout_cost"],
            f["demand_rate"],
            f["disruption_rate"],
            f["recovery_rate"],
            bool(approximate),
            f.get("order_quantity"),
        )
    return EOQResult(b.wrap(q), b.wrap(c))


def eoq_with_yield_uncertainty(
    fixed_cost: ArrayLike,
    holding_cost: ArrayLike,
    demand_rate: ArrayLike,
    yield_mean: ArrayLike,
    yield_sd: ArrayLike,
    kind: str = "multiplicative",
    order_quantity: Optional[ArrayLike] = None,
) -> EOQResult:
    """EOQ when an order of Q delivers Q + Y (``kind="additive"``) or QY
    (``"multiplicative"``), Y with mean ``yield_mean`` and sd ``yield_sd``.

    >>> round(eoq_with_yield_uncertainty(18500, 0.06, 75000, 5 / 6, 0.14085904245475275).order_quantity, 1)
    254460.2
    """
    if kind not in ("additive", "multiplicative"):
        raise ValidationError(
            f"kind = {kind!r}: must be 'additive' or 'multiplicative' [out_of_range]",
            code="out_of_range",
            field="kind",
            value=repr(kind),
            reason="must be 'additive' or 'multiplicative'",
        )
    b = Batch(
        fixed_cost=fixed_cost,
        holding_cost=holding_cost,
        demand_rate=demand_rate,
        yield_mean=yield_mean,
        yield_sd=yield_sd,
        order_quantity=order_quantity,
    )
    f = b.flat
    with b.errors():
        q, c = _flowcast.eoq_with_yield_uncertainty(
            kind,
            f["fixed_cost"],
            f["holding_cost"],
            f["demand_rate"],
            f["yield_mean"],
            f["yield_sd"],
            f.get("order_quantity"),
        )
    return EOQResult(b.wrap(q), b.wrap(c))

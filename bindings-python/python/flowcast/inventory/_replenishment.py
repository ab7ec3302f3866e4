"""EOQ, safety stock and reorder points, and the service a buffer gives."""

from __future__ import annotations

from typing import Any, NamedTuple, Optional

import numpy as np

from flowcast import _flowcast
from flowcast._arrays import Batch, _kind, invalid

ArrayLike = Any  # a number, a sequence of numbers, a numpy array, or a pandas/polars Series


class EOQResult(NamedTuple):
    """Order quantity and its cost per unit time (ordering + holding; purchase excluded)."""

    order_quantity: Any
    cost: Any


class SafetyStockResult(NamedTuple):
    """A sized buffer (see :func:`safety_stock`)."""

    safety_stock: Any
    reorder_point: Any
    safety_factor: Any
    lead_time_demand_mean: Any
    lead_time_demand_sd: Any
    cycle_service_level: Any


class CycleServiceResult(NamedTuple):
    """Service measures of a buffer in an (r, Q) cycle with backorders."""

    cycle_service_level: Any
    expected_shortage_per_cycle: Any
    fill_rate: Any


def eoq(
    fixed_cost: ArrayLike,
    holding_cost: ArrayLike,
    demand_rate: ArrayLike,
    order_quantity: Optional[ArrayLike] = None,
) -> EOQResult:
    """Economic order quantity Q* = sqrt(2 K λ / h) and its cost sqrt(2 K λ h).

    Args:
        fixed_cost: cost per order K (> 0).
        holding_cost: holding cost per unit per unit time h (> 0).
        demand_rate: demand per unit time λ (≥ 0; 0 gives Q* = 0).
        order_quantity: if given, evaluate this quantity instead: cost K λ / Q + h Q / 2.

    Returns:
        ``EOQResult(order_quantity, cost)``.

    Raises:
        ValidationError: a non-positive or non-finite cost, a negative demand rate, a
            non-positive order quantity, or inputs that do not broadcast.
    """
    b = Batch(
        fixed_cost=fixed_cost,
        holding_cost=holding_cost,
        demand_rate=demand_rate,
        order_quantity=order_quantity,
    )
    f = b.flat
    with b.errors():
        q, cost = _flowcast.eoq(f["fixed_cost"], f["holding_cost"], f["demand_rate"], f.get("order_quantity"))
    return EOQResult(b.wrap(q), b.wrap(cost))


def _target(who: str, cycle_service_level, fill_rate, safety_factor, order_quantity):
    """The one service target given, and all of them by name."""
    targets = {
        "cycle_service_level": cycle_service_level,
        "fill_rate": fill_rate,
        "safety_factor": safety_factor,
    }
    given = [name for name, value in targets.items() if value is not None]
    if len(given) != 1:
        raise TypeError(
            f"{who}() takes exactly one of cycle_service_level, fill_rate (with "
            f"order_quantity) or safety_factor; got {given or 'none'}"
        )
    kind = given[0]
    if (kind == "fill_rate") != (order_quantity is not None):
        raise TypeError(f"{who}(): order_quantity goes with fill_rate, and only with it")
    return kind, targets


def safety_stock(
    demand_mean: ArrayLike,
    demand_sd: ArrayLike,
    lead_time: ArrayLike,
    lead_time_sd: ArrayLike = 0.0,
    *,
    cycle_service_level: Optional[ArrayLike] = None,
    fill_rate: Optional[ArrayLike] = None,
    order_quantity: Optional[ArrayLike] = None,
    safety_factor: Optional[ArrayLike] = None,
    review_period: ArrayLike = 0.0,
) -> SafetyStockResult:
    """Safety stock and reorder point with demand and lead-time variability.

    Over the protection interval R + L, demand has mean μ_D (R + μ_L) and standard deviation
    σ = sqrt((R + μ_L) σ_D² + μ_D² σ_L²). The buffer is k σ and the reorder point (order-up-to
    level when R > 0) is the mean plus the buffer. Give exactly one target:

    - ``cycle_service_level`` α in (0, 1): k = Φ⁻¹(α);
    - ``fill_rate`` β in (0, 1) with ``order_quantity`` Q: k solves 1 − σ G(k) / Q = β (for
      periodic review pass the demand per review period as Q);
    - ``safety_factor`` k directly.

    k is exact and may be negative (the order size alone can meet a fill rate). With no
    variability the buffer is 0 and the cycle service level 1.

    Args:
        demand_mean: mean demand per period (≥ 0).
        demand_sd: standard deviation of demand per period (≥ 0).
        lead_time: mean lead time in periods (≥ 0).
        lead_time_sd: standard deviation of the lead time in periods (≥ 0).
        review_period: periods between reviews; 0 for continuous review.

    Returns:
        ``SafetyStockResult(safety_stock, reorder_point, safety_factor, lead_time_demand_mean,
        lead_time_demand_sd, cycle_service_level)``.
    """
    kind, targets = _target("safety_stock", cycle_service_level, fill_rate, safety_factor, order_quantity)
    b = Batch(
        demand_mean=demand_mean,
        demand_sd=demand_sd,
        lead_time=lead_time,
        lead_time_sd=lead_time_sd,
        review_period=review_period,
        order_quantity=order_quantity,
        **{kind: targets[kind]},
    )
    f = b.flat
    with b.errors():
        k, mean, sd, ss, rop, csl = _flowcast.safety_stock(
            f["demand_mean"],
            f["demand_sd"],
            f["lead_time"],
            f["lead_time_sd"],
            f["review_period"],
            kind,
            f[kind],
            f.get("order_quantity"),
        )
    return SafetyStockResult(b.wrap(ss), b.wrap(rop), b.wrap(k), b.wrap(mean), b.wrap(sd), b.wrap(csl))


def cycle_service(
    safety_factor: ArrayLike, lead_time_demand_sd: ArrayLike, order_quantity: ArrayLike
) -> CycleServiceResult:
    """Cycle service level Φ(k), expected shortage per cycle σ G(k), and fill rate
    1 − σ G(k) / Q (floored at 0) of a buffer of k standard deviations.

    >>> r = cycle_service(1.0, 100.0, 500.0)
    >>> round(r.fill_rate, 6)
    0.983337
    """
    b = Batch(safety_factor=safety_factor, lead_time_demand_sd=lead_time_demand_sd, order_quantity=order_quantity)
    f = b.flat
    with b.errors():
        csl, short, fill = _flowcast.cycle_service(f["safety_factor"], f["lead_time_demand_sd"], f["order_quantity"])
    return CycleServiceResult(b.wrap(csl), b.wrap(short), b.wrap(fill))


def safety_stock_from_quantiles(
    quantiles: Any,
    levels: Optional[Any] = None,
    *,
    cycle_service_level: Optional[ArrayLike] = None,
    fill_rate: Optional[ArrayLike] = None,
    order_quantity: Optional[ArrayLike] = None,
    safety_factor: Optional[ArrayLike] = None,
    mean: Optional[ArrayLike] = None,
) -> SafetyStockResult:
    """Safety stock and reorder point from forecast quantiles of demand over the protection
    interval (lead time plus review period): one SKU's quantiles (1-D) or one row per SKU (2-D
    array, or a DataFrame whose columns are the levels, like ``0.5, 0.9, 0.99``), at ``levels``
    strictly increasing in (0, 1).

    Values are read linearly in the normal score Φ⁻¹(α) between the given levels (exact for
    normal demand; keeps a forecast's skew) and extrapolated beyond them. A cycle-service-level
    target takes the value at that level as the reorder point; the safety stock is the reorder
    point minus ``mean`` (the point forecast, if given, else the mean of the normal fitted to the
    quantiles). Fill-rate and safety-factor targets use the fitted normal.

    >>> r = safety_stock_from_quantiles([80, 100, 130, 175], [0.1, 0.5, 0.9, 0.99], cycle_service_level=0.9, mean=104)
    >>> r.reorder_point, r.safety_stock
    (130.0, 26.0)
    """
    kind, targets = _target(
        "safety_stock_from_quantiles", cycle_service_level, fill_rate, safety_factor, order_quantity
    )
    if levels is None and hasattr(quantiles, "columns"):
        levels = [float(c) for c in quantiles.columns]
    if levels is None:
        raise TypeError("safety_stock_from_quantiles() needs levels (or a DataFrame whose columns are the levels)")
    index = getattr(quantiles, "index", None) if _kind(quantiles) == "pandas" else None
    values = np.asarray(quantiles.to_numpy() if hasattr(quantiles, "columns") else quantiles, dtype=np.float64)
    levels = [float(a) for a in np.atleast_1d(np.asarray(levels, dtype=np.float64))]
    one = values.ndim == 1
    rows = 1 if one else values.shape[0]
    flat = {}
    for name, value in (("target", targets[kind]), ("order_quantity", order_quantity), ("mean", mean)):
        if value is not None:
            a = np.ascontiguousarray(np.atleast_1d(np.asarray(value, dtype=np.float64))).reshape(-1)
            if a.size not in (1, rows):
                field = kind if name == "target" else name
                raise invalid(field, f"{a.size} values", "length_mismatch", f"must have one value per SKU ({rows})")
            flat[name] = a
    out = _flowcast.safety_stock_from_quantiles(
        levels,
        np.ascontiguousarray(values).reshape(-1),
        kind,
        flat["target"],
        flat.get("order_quantity"),
        flat.get("mean"),
    )
    k, mu, sd, ss, rop, csl = out
    if one:
        k, mu, sd, ss, rop, csl = (float(x[0]) for x in out)
    elif index is not None:
        import pandas as pd

        k, mu, sd, ss, rop, csl = (pd.Series(x, index=index) for x in out)
    return SafetyStockResult(ss, rop, k, mu, sd, csl)

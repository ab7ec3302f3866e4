"""Continuous-review (r, Q) and periodic-review (s, S) policies."""

from __future__ import annotations

from typing import Any, NamedTuple, Optional

from flowcast import _flowcast
from flowcast._arrays import Batch

ArrayLike = Any  # a number, a sequence of numbers, a numpy array, or a pandas/polars Series


class RQResult(NamedTuple):
    """A continuous-review (r, Q) policy and its expected cost per unit time."""

    reorder_point: Any
    order_quantity: Any
    cost: Any


class SSResult(NamedTuple):
    """A periodic-review (s, S) policy and its expected cost per period."""

    reorder_point: Any
    order_up_to_level: Any
    cost: Any


_RQ_INPUTS = ["holding_cost", "stockout_cost", "fixed_cost", "demand_mean", "demand_sd", "lead_time"]


def rq(
    holding_cost: ArrayLike,
    stockout_cost: ArrayLike,
    fixed_cost: ArrayLike,
    demand_mean: ArrayLike,
    demand_sd: ArrayLike,
    lead_time: ArrayLike,
    method: str = "loss_function",
    *,
    threads: int = 0,
) -> RQResult:
    """An (r, Q) policy for normal lead-time demand (mean λL, sd σ√L) by one of the classic
    heuristics: ``"loss_function"`` (default), ``"eil"`` (expected inventory level), ``"eoqb"``
    (EOQ with backorders, then the best r), ``"eoqss"`` (EOQ plus the newsvendor level). The
    cost is the exact expected cost of the policy (the EIL approximation's own, for ``"eil"``).
    ``threads`` sets the worker threads for a batch (0, the default: every core); the answers
    do not depend on it.

    >>> r = rq(0.225, 7.5, 8, 1300, 150, 1 / 12, method="eil")
    >>> round(r.reorder_point, 3), round(r.order_quantity, 3)
    (213.97, 318.59)
    """
    b = Batch(
        holding_cost=holding_cost,
        stockout_cost=stockout_cost,
        fixed_cost=fixed_cost,
        demand_mean=demand_mean,
        demand_sd=demand_sd,
        lead_time=lead_time,
    )
    with b.errors():
        r, q, c = _flowcast.rq_policy(method, [b.flat[n] for n in _RQ_INPUTS], threads)
    return RQResult(b.wrap(r), b.wrap(q), b.wrap(c))


def rq_cost(
    reorder_point: ArrayLike,
    order_quantity: ArrayLike,
    holding_cost: ArrayLike,
    stockout_cost: ArrayLike,
    fixed_cost: ArrayLike,
    demand_mean: ArrayLike,
    demand_sd: ArrayLike,
    lead_time: ArrayLike,
) -> Any:
    """The exact expected cost per unit time of (r, Q) with normal lead-time demand, in closed
    form: (Kλ + h[(y − μ)²/2]_r^{r+Q} + (h + p)(n₂(r) − n₂(r + Q)))/Q.

    >>> round(rq_cost(126.8, 328.5, 0.225, 7.5, 8, 1300, 150, 1 / 12), 6)
    78.071163
    """
    b = Batch(
        reorder_point=reorder_point,
        order_quantity=order_quantity,
        holding_cost=holding_cost,
        stockout_cost=stockout_cost,
        fixed_cost=fixed_cost,
        demand_mean=demand_mean,
        demand_sd=demand_sd,
        lead_time=lead_time,
    )
    with b.errors():
        c = _flowcast.rq_cost([b.flat[n] for n in ["reorder_point", "order_quantity"] + _RQ_INPUTS])
    return b.wrap(c)


def rq_optimal_reorder_point(
    order_quantity: ArrayLike,
    holding_cost: ArrayLike,
    stockout_cost: ArrayLike,
    demand_mean: ArrayLike,
    demand_sd: ArrayLike,
    lead_time: ArrayLike,
) -> Any:
    """The reorder point minimising the (r, Q) cost for a given Q: G(r) = G(r + Q).

    >>> round(rq_optimal_reorder_point(300, 0.225, 7.5, 1300, 150, 1 / 12), 4)
    129.4273
    """
    b = Batch(
        order_quantity=order_quantity,
        holding_cost=holding_cost,
        stockout_cost=stockout_cost,
        demand_mean=demand_mean,
        demand_sd=demand_sd,
        lead_time=lead_time,
    )
    names = ["order_quantity", "holding_cost", "stockout_cost", "demand_mean", "demand_sd", "lead_time"]
    with b.errors():
        r = _flowcast.rq_optimal_reorder_point([b.flat[n] for n in names])
    return b.wrap(r)


def rq_poisson(
    holding_cost: ArrayLike,
    stockout_cost: ArrayLike,
    fixed_cost: ArrayLike,
    demand_mean: ArrayLike,
    lead_time: ArrayLike,
    reorder_point: Optional[ArrayLike] = None,
    order_quantity: Optional[ArrayLike] = None,
    *,
    threads: int = 0,
) -> RQResult:
    """The optimal integer (r, Q) for Poisson demand (Federgruen & Zheng), or the cost of a given
    ``reorder_point`` and ``order_quantity``.
    ``threads`` sets the worker threads for a batch (0, the default: every core); the answers
    do not depend on it.

    >>> r = rq_poisson(20, 150, 100, 1.5, 2)
    >>> r.reorder_point, r.order_quantity
    (3.0, 5.0)
    """
    if (reorder_point is None) != (order_quantity is None):
        raise TypeError("rq_poisson() takes both reorder_point and order_quantity, or neither")
    b = Batch(
        holding_cost=holding_cost,
        stockout_cost=stockout_cost,
        fixed_cost=fixed_cost,
        demand_mean=demand_mean,
        lead_time=lead_time,
        reorder_point=reorder_point,
        order_quantity=order_quantity,
    )
    f = b.flat
    names = ["holding_cost", "stockout_cost", "fixed_cost", "demand_mean", "lead_time"]
    with b.errors():
        r, q, c = _flowcast.rq_poisson([f[n] for n in names], f.get("reorder_point"), f.get("order_quantity"), threads)
    return RQResult(b.wrap(r), b.wrap(q), b.wrap(c))


def ss(
    holding_cost: ArrayLike,
    stockout_cost: ArrayLike,
    fixed_cost: ArrayLike,
    demand_mean: Optional[ArrayLike] = None,
    *,
    pmf: Optional[dict] = None,
    reorder_point: Optional[ArrayLike] = None,
    order_up_to_level: Optional[ArrayLike] = None,
    threads: int = 0,
) -> SSResult:
    """The optimal periodic-review (s, S) policy (Zheng & Federgruen) for Poisson demand with
    ``demand_mean`` per period, or demand given as ``pmf``; or the exact cost of a given
    ``reorder_point`` and ``order_up_to_level``.
    ``threads`` sets the worker threads for a batch (0, the default: every core); the answers
    do not depend on it.

    >>> r = ss(1, 4, 5, demand_mean=6)
    >>> r.reorder_point, r.order_up_to_level, round(r.cost, 6)
    (4.0, 10.0, 8.034112)
    """
    if (reorder_point is None) != (order_up_to_level is None):
        raise TypeError("ss() takes both reorder_point and order_up_to_level, or neither")
    if pmf is not None:
        if demand_mean is not None:
            raise TypeError("ss() takes demand_mean (Poisson) or pmf, not both")
        s, big_s, c = _flowcast.ss_discrete(
            float(holding_cost),
            float(stockout_cost),
            float(fixed_cost),
            [float(v) for v in pmf.keys()],
            [float(p) for p in pmf.values()],
            None if reorder_point is None else float(reorder_point),
            None if order_up_to_level is None else float(order_up_to_level),
        )
        return SSResult(s, big_s, c)
    if demand_mean is None:
        raise TypeError("ss() needs demand_mean (Poisson demand) or pmf")
    b = Batch(
        holding_cost=holding_cost,
        stockout_cost=stockout_cost,
        fixed_cost=fixed_cost,
        demand_mean=demand_mean,
        reorder_point=reorder_point,
        order_up_to_level=order_up_to_level,
    )
    f = b.flat
    with b.errors():
        s, big_s, c = _flowcast.ss_poisson(
            [f[n] for n in ["holding_cost", "stockout_cost", "fixed_cost", "demand_mean"]],
            f.get("reorder_point"),
            f.get("order_up_to_level"),
            threads,
        )
    return SSResult(b.wrap(s), b.wrap(big_s), b.wrap(c))


def ss_power_approximation(
    holding_cost: ArrayLike,
    stockout_cost: ArrayLike,
    fixed_cost: ArrayLike,
    demand_mean: ArrayLike,
    demand_sd: ArrayLike,
) -> tuple:
    """(s, S) by the power approximation from the mean and sd of demand per period.

    >>> s, big_s = ss_power_approximation(0.18, 0.7, 2.5, 50, 8)
    >>> round(s, 4), round(big_s, 4)
    (40.1946, 74.2902)
    """
    b = Batch(
        holding_cost=holding_cost,
        stockout_cost=stockout_cost,
        fixed_cost=fixed_cost,
        demand_mean=demand_mean,
        demand_sd=demand_sd,
    )
    names = ["holding_cost", "stockout_cost", "fixed_cost", "demand_mean", "demand_sd"]
    with b.errors():
        s, big_s = _flowcast.ss_power_approximation([b.flat[n] for n in names])
    return b.wrap(s), b.wrap(big_s)

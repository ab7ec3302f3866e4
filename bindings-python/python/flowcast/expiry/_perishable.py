"""Perishable inventory: fixed-lifetime stock under FIFO or LIFO issuing with an order-up-to
policy. Exact stationary values by Markov chain, a seeded simulator for what the exact method
cannot reach, the cost-minimising base stock, and optimal state-dependent orders by value
iteration.

Every period: order up to S (capped at ``max_order``), receive the order placed ``lead_time``
periods ago (with ``lead_time=0`` this period's own order), serve demand oldest first (FIFO)
or freshest first (LIFO), lose what cannot be served, outdate units with one period of life
left, age the rest. ``expected_end_on_hand`` counts units carried over, after outdating.

>>> import flowcast.expiry as ex
>>> r = ex.perishable_base_stock(lifetime=2, order_up_to=5, demand_mean=3.0, issuing="fifo")
>>> round(r["expected_outdate"], 9), round(r["fill_rate"], 9)
(0.344551092, 0.955126481)
"""

from __future__ import annotations

import json
from typing import Any, Optional, Sequence

import numpy as np

from flowcast import _flowcast

__all__ = [
    "perishable_base_stock",
    "simulate_perishable",
    "optimize_perishable_base_stock",
    "perishable_optimal_policy",
    "gamma_demand_pmf",
]


def _model(
    lifetime: int,
    demand_mean: Optional[float],
    issuing: str,
    lead_time: int,
    demand_pmf: Optional[Sequence[float]],
    order_cost: float,
    holding_cost: float,
    shortage_cost: float,
    wastage_cost: float,
    price: Optional[float],
    max_order: Optional[int],
) -> Any:
    pmf = None if demand_pmf is None else [float(p) for p in np.asarray(demand_pmf, dtype=float).reshape(-1)]
    return _flowcast.PerishableModel(
        int(lifetime),
        int(lead_time),
        str(issuing).lower(),
        None if demand_mean is None else float(demand_mean),
        pmf,
        [float(order_cost), float(holding_cost), float(shortage_cost), float(wastage_cost)],
        None if price is None else float(price),
        None if max_order is None else int(max_order),
    )


def perishable_base_stock(
    lifetime: int,
    order_up_to: int,
    demand_mean: Optional[float] = None,
    issuing: str = "fifo",
    *,
    lead_time: int = 0,
    demand_pmf: Optional[Sequence[float]] = None,
    order_cost: float = 0.0,
    holding_cost: float = 0.0,
    shortage_cost: float = 0.0,
    wastage_cost: float = 0.0,
    price: Optional[float] = None,
    max_order: Optional[int] = None,
) -> dict:
    """Exact stationary values of base stock ``order_up_to`` for a product that lives
    ``lifetime`` periods, with Poisson(``demand_mean``) demand (or any ``demand_pmf`` on 0, 1,
    …), lost sales and ``issuing`` ``"fifo"`` or ``"lifo"``.

    Returns:
        ``expected_order``, ``expected_sales``, ``expected_lost_sales``, ``expected_outdate``,
        ``expected_end_on_hand`` (per period), ``fill_rate`` (sales / mean demand),
        ``waste_fraction`` (outdated / ordered), ``n_states`` of the chain, ``expected_cost``
        per period from the given costs, and ``expected_reward`` (``price`` × sales − cost) when
        a price is given.

    Raises:
        ValidationError: a lifetime below 1, a negative level, a NaN or negative mean, a pmf
            that does not sum to 1, negative costs, a chain too large for the exact method.
    """
    model = _model(
        lifetime, demand_mean, issuing, lead_time, demand_pmf, order_cost, holding_cost, shortage_cost,
        wastage_cost, price, max_order,
    )  # fmt: skip
    return json.loads(model.evaluate(int(order_up_to)))


def simulate_perishable(
    lifetime: int,
    order_up_to: int,
    demand_mean: Optional[float] = None,
    issuing: str = "fifo",
    *,
    lead_time: int = 0,
    demand_pmf: Optional[Sequence[float]] = None,
    order_cost: float = 0.0,
    holding_cost: float = 0.0,
    shortage_cost: float = 0.0,
    wastage_cost: float = 0.0,
    price: Optional[float] = None,
    max_order: Optional[int] = None,
    periods: int = 100_000,
    warm_up: int = 1_000,
    seed: int = 0,
    batches: int = 20,
) -> dict:
    """The same values estimated by a seeded simulation (for lead times and demand laws the
    exact chain cannot reach): ``metrics`` (as :func:`perishable_base_stock`), ``std_errors``
    (batch means) and ``periods``. The same seed gives the same answer.

    >>> r = simulate_perishable(2, 5, 3.0, periods=200_000, seed=1)
    >>> abs(r["metrics"]["expected_outdate"] - 0.3446) < 4 * r["std_errors"]["outdate"] + 1e-3
    True
    """
    model = _model(
        lifetime, demand_mean, issuing, lead_time, demand_pmf, order_cost, holding_cost, shortage_cost,
        wastage_cost, price, max_order,
    )  # fmt: skip
    return json.loads(model.simulate(int(order_up_to), int(periods), int(warm_up), int(seed), int(batches)))


def optimize_perishable_base_stock(
    lifetime: int,
    demand_mean: Optional[float] = None,
    issuing: str = "fifo",
    *,
    lead_time: int = 0,
    demand_pmf: Optional[Sequence[float]] = None,
    order_cost: float = 0.0,
    holding_cost: float = 0.0,
    shortage_cost: float = 0.0,
    wastage_cost: float = 0.0,
    price: Optional[float] = None,
    max_order: Optional[int] = None,
    search: Optional[Sequence[int]] = None,
) -> dict:
    """The base stock with the least expected cost per period (or the greatest reward when a
    ``price`` is given), by exact evaluation: ``base_stock``, its ``metrics`` and the ``curve``
    of (level, objective) pairs evaluated. ``search=(lo, hi)`` bounds the levels tried.

    >>> r = optimize_perishable_base_stock(2, 3.0, "fifo", holding_cost=1, shortage_cost=5, wastage_cost=7)
    >>> r["base_stock"]
    4
    """
    model = _model(
        lifetime, demand_mean, issuing, lead_time, demand_pmf, order_cost, holding_cost, shortage_cost,
        wastage_cost, price, max_order,
    )  # fmt: skip
    lo, hi = (None, None) if search is None else (int(search[0]), int(search[1]))
    return json.loads(model.optimize(lo, hi))


def perishable_optimal_policy(
    lifetime: int,
    max_order: int,
    demand_mean: Optional[float] = None,
    issuing: str = "fifo",
    *,
    lead_time: int = 0,
    demand_pmf: Optional[Sequence[float]] = None,
    order_cost: float = 0.0,
    holding_cost: float = 0.0,
    shortage_cost: float = 0.0,
    wastage_cost: float = 0.0,
    price: Optional[float] = None,
    discount: float = 1.0,
    tolerance: float = 1e-6,
    max_iterations: int = 10_000,
) -> dict:
    """Optimal orders for every state by (relative) value iteration, with ``discount`` 1 for
    the long-run average (``average_reward`` is then the gain per period).

    Returns ``orders``: an integer array with one axis per state entry, indexed
    ``orders[x0, x1, …]`` where the state is ``[pipeline (newest first), on hand (most life
    left first)]``, each entry 0..``max_order``; ``values`` in the same layout;
    ``average_reward``; ``iterations``; ``converged``.
    """
    model = _model(
        lifetime, demand_mean, issuing, lead_time, demand_pmf, order_cost, holding_cost, shortage_cost,
        wastage_cost, price, max_order,
    )  # fmt: skip
    orders, values, gain, iterations, converged, radix, dims = model.policy(
        float(discount), float(tolerance), int(max_iterations)
    )
    shape = [radix] * dims
    axes = list(reversed(range(dims)))
    return {
        "orders": orders.reshape(shape).transpose(axes).astype(np.int64),
        "values": values.reshape(shape).transpose(axes),
        "average_reward": gain,
        "iterations": iterations,
        "converged": converged,
    }


def gamma_demand_pmf(mean: float, cov: float, max_demand: int) -> np.ndarray:
    """Gamma demand with ``mean`` and coefficient of variation ``cov`` rounded to whole units
    on 0..``max_demand`` (the last value takes the tail), as De Moor et al. (2022) use it."""
    return _flowcast.gamma_demand_pmf(float(mean), float(cov), int(max_demand))

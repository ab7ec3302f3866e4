"""``stockpyl.rq`` drop-ins. Costs are exact closed forms rather than numerical quadrature, and
the iterations run to convergence; ``tol`` is accepted and ignored.

>>> from flowcast.inventory.compat.stockpyl.rq import r_q_eil_approximation
>>> r, Q, cost = r_q_eil_approximation(0.225, 7.5, 8, 1300, 150, 1 / 12)
>>> round(r, 2), round(Q, 2), round(cost, 2)
(213.97, 318.59, 95.45)
"""

from __future__ import annotations

from typing import Any, Tuple

from flowcast import inventory as _inv

__all__ = [
    "r_q_cost",
    "r_q_optimal_r_for_q",
    "r_q_eil_approximation",
    "r_q_eoqb_approximation",
    "r_q_eoqss_approximation",
    "r_q_loss_function_approximation",
    "r_q_cost_poisson",
    "r_q_poisson_exact",
]


def r_q_cost(
    reorder_point, order_quantity, holding_cost, stockout_cost, fixed_cost, demand_mean, demand_sd, lead_time
) -> Any:
    """The exact expected cost per unit time of (r, Q)."""
    return _inv.rq_cost(
        reorder_point, order_quantity, holding_cost, stockout_cost, fixed_cost, demand_mean, demand_sd, lead_time
    )


def r_q_optimal_r_for_q(
    order_quantity, holding_cost, stockout_cost, demand_mean, demand_sd, lead_time, tol: float = 1e-6
) -> Any:
    """The optimal reorder point for ``order_quantity``."""
    return _inv.rq_optimal_reorder_point(order_quantity, holding_cost, stockout_cost, demand_mean, demand_sd, lead_time)


def r_q_eil_approximation(
    holding_cost, stockout_cost, fixed_cost, demand_mean, demand_sd, lead_time, tol: float = 1e-6
) -> Tuple[Any, Any, Any]:
    """``(reorder_point, order_quantity, cost)`` by the EIL approximation."""
    return tuple(_inv.rq(holding_cost, stockout_cost, fixed_cost, demand_mean, demand_sd, lead_time, "eil"))


def _pair(method, *args) -> Tuple[Any, Any]:
    r = _inv.rq(*args, method=method)
    return r.reorder_point, r.order_quantity


def r_q_eoqb_approximation(
    holding_cost, stockout_cost, fixed_cost, demand_mean, demand_sd, lead_time
) -> Tuple[Any, Any]:
    """``(reorder_point, order_quantity)`` by the EOQB approximation."""
    return _pair("eoqb", holding_cost, stockout_cost, fixed_cost, demand_mean, demand_sd, lead_time)


def r_q_eoqss_approximation(
    holding_cost, stockout_cost, fixed_cost, demand_mean, demand_sd, lead_time
) -> Tuple[Any, Any]:
    """``(reorder_point, order_quantity)`` by the EOQ + safety stock approximation."""
    return _pair("eoqss", holding_cost, stockout_cost, fixed_cost, demand_mean, demand_sd, lead_time)


def r_q_loss_function_approximation(
    holding_cost, stockout_cost, fixed_cost, demand_mean, demand_sd, lead_time, tol: float = 1e-6
) -> Tuple[Any, Any]:
    """``(reorder_point, order_quantity)`` by the loss-function approximation."""
    return _pair("loss_function", holding_cost, stockout_cost, fixed_cost, demand_mean, demand_sd, lead_time)


def r_q_cost_poisson(
    reorder_point, order_quantity, holding_cost, stockout_cost, fixed_cost, demand_mean, lead_time
) -> Any:
    """The expected cost per unit time of integer (r, Q) with Poisson demand."""
    return _inv.rq_poisson(
        holding_cost, stockout_cost, fixed_cost, demand_mean, lead_time, reorder_point, order_quantity
    ).cost


def r_q_poisson_exact(holding_cost, stockout_cost, fixed_cost, demand_mean, lead_time) -> Tuple[Any, Any, Any]:
    """``(reorder_point, order_quantity, cost)``, optimal for Poisson demand."""
    return tuple(_inv.rq_poisson(holding_cost, stockout_cost, fixed_cost, demand_mean, lead_time))

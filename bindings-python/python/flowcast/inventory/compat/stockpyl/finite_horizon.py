"""``stockpyl.finite_horizon`` drop-ins: ``myopic_bounds``, and ``finite_horizon_dp`` on stockpyl's integer grid, with
the same 1-indexed lists and matrices, and the same warnings when the truncation leaves out more
than ``trunc_tol`` of the demand probability. Per-period lists may carry SKU rows (2-D) to solve
a batch, returning ``(reorder_points, order_up_to_levels, total_cost)`` arrays with a leading
zero column and ``None`` for the matrices.

>>> from flowcast.inventory.compat.stockpyl.finite_horizon import finite_horizon_dp
>>> s, S, cost, _, _, _ = finite_horizon_dp(5, 1, 20, 1, 20, 2, 50, 100, 20)
>>> s, S
([0, 110, 110, 110, 110, 111], [0, 133.0, 133.0, 133.0, 133.0, 126.0])
"""

from __future__ import annotations

import warnings
from typing import Any, Tuple

import numpy as np

from flowcast import inventory as _inv
from flowcast.inventory.compat.stockpyl.wagner_whitin import per_period

__all__ = ["finite_horizon_dp", "myopic_bounds"]


def finite_horizon_dp(
    num_periods,
    holding_cost,
    stockout_cost,
    terminal_holding_cost,
    terminal_stockout_cost,
    purchase_cost,
    fixed_cost,
    demand_mean,
    demand_sd,
    discount_factor=1.0,
    initial_inventory_level=0.0,
    trunc_tol=0.02,
    d_spread=4,
    s_spread=5,
) -> Tuple[Any, Any, Any, Any, Any, Any]:
    """``(reorder_points, order_up_to_levels, total_cost, cost_matrix, oul_matrix, x_range)``."""
    T = int(num_periods)
    r = _inv.finite_horizon(
        *(per_period(x, T) for x in (holding_cost, stockout_cost, purchase_cost, fixed_cost, demand_mean, demand_sd)),
        periods=T,
        terminal_holding_cost=terminal_holding_cost,
        terminal_stockout_cost=terminal_stockout_cost,
        discount_factor=per_period(discount_factor, T),
        initial_inventory_level=initial_inventory_level,
        demand_spread=d_spread,
        level_spread=s_spread,
    )
    if r.cost_to_go is None:
        pad = np.zeros((r.total_cost.size, 1))
        return (
            np.hstack([pad, r.reorder_points]),
            np.hstack([pad, r.order_up_to_levels]),
            r.total_cost,
            None,
            None,
            None,
        )
    if r.demand_outside_grid > trunc_tol:
        warnings.warn(
            "Total probability of demand outside demand-truncation range exceeds trunc_tol for at least one period.",
            stacklevel=2,
        )
    if r.level_below_grid > trunc_tol:
        warnings.warn(
            "Probability that demand brings IL below x-truncation range exceeds trunc_tol.",
            stacklevel=2,
        )
    zeros = np.zeros((1, r.levels.size))
    return (
        [0] + [int(v) for v in r.reorder_points],
        [0] + [float(v) for v in r.order_up_to_levels],
        r.total_cost,
        np.vstack([zeros, r.cost_to_go]),
        np.vstack([zeros, r.order_up_to]),
        r.levels.astype(np.int64),
    )


def myopic_bounds(
    num_periods,
    holding_cost,
    stockout_cost,
    terminal_holding_cost,
    terminal_stockout_cost,
    purchase_cost,
    fixed_cost,
    demand_mean,
    demand_sd,
    discount_factor=1.0,
) -> Tuple[Any, Any, Any, Any]:
    """``(S_underbar, S_overbar, s_underbar, s_overbar)``, 1-indexed arrays (element 0 is 0);
    ``s_overbar[t]`` is ``None`` where K_t < γ_t·K_{t+1}."""
    T = int(num_periods)
    b = _inv.myopic_bounds(
        *(per_period(x, T) for x in (holding_cost, stockout_cost, purchase_cost, fixed_cost, demand_mean, demand_sd)),
        periods=T,
        terminal_holding_cost=terminal_holding_cost,
        terminal_stockout_cost=terminal_stockout_cost,
        discount_factor=per_period(discount_factor, T),
    )
    lead = np.zeros(1)
    s_overbar = np.concatenate([lead, b.reorder_upper]).astype(object)
    s_overbar[1:][np.isnan(b.reorder_upper)] = None
    return (
        np.concatenate([lead, b.order_up_to_lower]),
        np.concatenate([lead, b.order_up_to_upper]),
        np.concatenate([lead, b.reorder_lower]),
        s_overbar,
    )

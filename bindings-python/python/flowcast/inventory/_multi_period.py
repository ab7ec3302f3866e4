"""Multi-period models: Wagner–Whitin lot sizing and the finite-horizon (s, S) programme.

Inputs that vary by period and SKU broadcast as numpy arrays do against a (SKUs, periods)
grid: a number is the same everywhere, a 1-D array (or a row of shape (1, T)) gives one value
per period, a column of shape (n, 1) one value per SKU, and an (n, T) array (or DataFrame)
one per SKU and period.
"""

from __future__ import annotations

from typing import Any, Dict, NamedTuple, Optional, Tuple

import numpy as np

from flowcast import _flowcast
from flowcast._arrays import _kind, as_float_array, invalid

ArrayLike = Any  # a number, a sequence of numbers, a numpy array, or a pandas/polars Series
GridLike = Any  # as ArrayLike, or a 2-D array or DataFrame of SKUs x periods


class LotSizingResult(NamedTuple):
    """An optimal lot-sizing plan: one row per SKU for 2-D demand, flat for one SKU."""

    order_quantities: Any
    cost: Any
    costs_to_go: Any
    next_order_periods: Any


class FiniteHorizonResult(NamedTuple):
    """Optimal (s_t, S_t) and cost; for one SKU, also the programme (``cost_to_go`` has a row per
    period plus the terminal row, ``order_up_to`` a row per period, and their columns are the
    inventory ``levels``) and how much probability the truncation dropped."""

    reorder_points: Any
    order_up_to_levels: Any
    total_cost: Any
    cost_to_go: Optional[np.ndarray] = None
    order_up_to: Optional[np.ndarray] = None
    levels: Optional[np.ndarray] = None
    demand_outside_grid: Optional[float] = None
    level_below_grid: Optional[float] = None


def _as_grid_array(name: str, x: Any) -> np.ndarray:
    if _kind(x) is not None and hasattr(x, "columns"):  # a pandas or polars DataFrame
        try:
            return np.asarray(x.to_numpy(), dtype=np.float64)
        except (TypeError, ValueError):
            raise invalid(name, f"a {type(x).__name__}", "wrong_type", "must hold numbers only") from None
    return as_float_array(name, x)


def _grid(name: str, x: Any) -> Tuple[str, np.ndarray, Optional[int], Optional[int]]:
    """``(kind, flat values, SKUs it fixes, periods it fixes)`` of one input."""
    a = _as_grid_array(name, x)
    if a.size == 0:
        raise invalid(name, "[]", "empty", "must not be empty")
    if a.ndim == 0:
        return "scalar", a.reshape(1), None, None
    if a.ndim == 1 or (a.ndim == 2 and a.shape[0] == 1 and a.shape[1] != 1):
        return "periods", np.ascontiguousarray(a).reshape(-1), None, a.shape[-1]
    if a.ndim == 2 and a.shape[1] == 1:
        return "skus", np.ascontiguousarray(a).reshape(-1), a.shape[0], None
    if a.ndim == 2:
        return "full", np.ascontiguousarray(a).reshape(-1), a.shape[0], a.shape[1]
    raise invalid(
        name, f"shape {a.shape}", "length_mismatch", "must be a number, 1-D (periods) or 2-D (SKUs x periods)"
    )


def _grids(
    inputs: Dict[str, Any], periods: Optional[int]
) -> Tuple[Dict[str, Tuple[str, np.ndarray]], int, Optional[int]]:
    """Every input as ``(kind, values)``, the number of periods, and the SKU count of a batch
    (``None`` when no input has SKU rows)."""
    out, rows = {}, None
    for name, x in inputs.items():
        kind, flat, r, t = _grid(name, x)
        if t is not None:
            if periods is not None and t != periods:
                raise invalid(name, t, "length_mismatch", f"must have one value per period ({periods})")
            periods = t
        if r is not None:
            if rows is not None and r != rows:
                raise invalid(name, f"{r} vs {rows}", "length_mismatch", "must describe as many SKUs as the others")
            rows = r
        out[name] = (kind, flat)
    if periods is None:
        raise invalid("periods", "None", "wrong_type", "must be given when every input is a number")
    return out, periods, rows


def _frame_like(demand: Any, values: np.ndarray, columns: Any = None) -> Any:
    """``values`` as a DataFrame (or Series) on ``demand``'s index when demand was a pandas
    DataFrame; as is otherwise."""
    if _kind(demand) != "pandas" or not hasattr(demand, "columns"):
        return values
    import pandas as pd

    if values.ndim == 1:
        return pd.Series(values, index=demand.index)
    return pd.DataFrame(values, index=demand.index, columns=columns)


def wagner_whitin(
    demand: GridLike, holding_cost: GridLike, fixed_cost: GridLike, purchase_cost: GridLike = 0.0
) -> LotSizingResult:
    """The optimal lot sizes for known demand (Wagner–Whitin): order in period t to cover
    periods t…s−1 at a fixed cost K_t plus c_t per unit, each unit then paying h_t per period
    it waits. An order covering no demand costs nothing. Periods count from 0, and
    ``next_order_periods[t]`` is the period of the order after one in period t (T: none).

    ``demand`` is one SKU's periods (1-D) or SKUs x periods (2-D array or DataFrame); the costs
    broadcast against it (see the module docstring).

    >>> plan = wagner_whitin([90, 120, 80, 70], holding_cost=2, fixed_cost=500)
    >>> plan.order_quantities.tolist(), plan.cost
    ([210.0, 0.0, 150.0, 0.0], 1380.0)
    >>> plans = wagner_whitin([[90, 120, 80, 70], [10, 0, 0, 5]], holding_cost=2, fixed_cost=[[500], [20]])
    >>> plans.cost.tolist()
    [1380.0, 40.0]
    """
    grids, periods, rows = _grids(
        {"demand": demand, "holding_cost": holding_cost, "fixed_cost": fixed_cost, "purchase_cost": purchase_cost},
        None,
    )
    q, cost, theta, nxt = _flowcast.wagner_whitin(
        periods, grids["demand"], grids["holding_cost"], grids["fixed_cost"], grids["purchase_cost"]
    )
    nxt = nxt.astype(np.int64)
    if rows is None:
        return LotSizingResult(q, float(cost[0]), theta, nxt)
    columns = getattr(demand, "columns", None)
    return LotSizingResult(
        _frame_like(demand, q.reshape(rows, periods), columns),
        _frame_like(demand, cost),
        _frame_like(demand, theta.reshape(rows, periods + 1)),
        _frame_like(demand, nxt.reshape(rows, periods), columns),
    )


def finite_horizon(
    holding_cost: GridLike,
    stockout_cost: GridLike,
    purchase_cost: GridLike,
    fixed_cost: GridLike,
    demand_mean: GridLike,
    demand_sd: GridLike,
    *,
    periods: Optional[int] = None,
    terminal_holding_cost: ArrayLike = 0.0,
    terminal_stockout_cost: ArrayLike = 0.0,
    discount_factor: GridLike = 1.0,
    initial_inventory_level: ArrayLike = 0.0,
    demand_spread: float = 4.0,
    level_spread: float = 5.0,
) -> FiniteHorizonResult:
    """The optimal (s_t, S_t) policy over T periods of normal demand with backorders, by
    dynamic programming on integer inventory levels (Snyder & Shen Algorithm 4.1, on
    stockpyl's grid): order up to S_t when the level is at or below s_t. What is left after
    the last period costs ``terminal_holding_cost`` per unit (``terminal_stockout_cost`` per
    unit short). ``periods`` is needed only when every per-period input is a number.

    Per-period inputs broadcast over SKUs x periods (see the module docstring); the terminal
    costs and the initial level take one value per SKU.

    >>> r = finite_horizon(1, 20, 2, 50, 100, 20, periods=5, terminal_holding_cost=1, terminal_stockout_cost=20)
    >>> r.reorder_points.tolist(), r.order_up_to_levels.tolist()
    ([110.0, 110.0, 110.0, 110.0, 111.0], [133.0, 133.0, 133.0, 133.0, 126.0])
    >>> round(r.total_cost, 2)
    1558.69
    """
    grids, periods, rows = _grids(
        {
            "holding_cost": holding_cost,
            "stockout_cost": stockout_cost,
            "purchase_cost": purchase_cost,
            "fixed_cost": fixed_cost,
            "demand_mean": demand_mean,
            "demand_sd": demand_sd,
            "discount_factor": discount_factor,
        },
        periods,
    )
    per_sku = {
        name: np.ascontiguousarray(as_float_array(name, v), dtype=np.float64).reshape(-1)
        for name, v in [
            ("terminal_holding_cost", terminal_holding_cost),
            ("terminal_stockout_cost", terminal_stockout_cost),
            ("initial_inventory_level", initial_inventory_level),
        ]
    }
    sku_rows = {a.size for a in per_sku.values() if a.size > 1}
    batch = rows is not None or bool(sku_rows)
    s, big_s, cost, detail = _flowcast.finite_horizon(
        periods,
        list(grids.values()),
        per_sku["terminal_holding_cost"],
        per_sku["terminal_stockout_cost"],
        per_sku["initial_inventory_level"],
        float(demand_spread),
        float(level_spread),
        not batch,
    )
    if batch:
        n = cost.size
        return FiniteHorizonResult(s.reshape(n, periods), big_s.reshape(n, periods), cost)
    x_min, theta, best, outside, below = detail
    levels = np.arange(x_min, x_min + theta.size // (periods + 1), dtype=np.float64)
    return FiniteHorizonResult(
        s,
        big_s,
        float(cost[0]),
        theta.reshape(periods + 1, levels.size),
        best.reshape(periods, levels.size),
        levels,
        outside,
        below,
    )


class MyopicBoundsResult(NamedTuple):
    """Per period: bounds on the optimal order-up-to level (``order_up_to_lower`` is the
    myopic level) and reorder point (``reorder_upper`` NaN where it does not apply)."""

    order_up_to_lower: np.ndarray
    order_up_to_upper: np.ndarray
    reorder_lower: np.ndarray
    reorder_upper: np.ndarray


def myopic_bounds(
    holding_cost: GridLike,
    stockout_cost: GridLike,
    purchase_cost: GridLike,
    fixed_cost: GridLike,
    demand_mean: GridLike,
    demand_sd: GridLike,
    *,
    periods: Optional[int] = None,
    terminal_holding_cost: float = 0.0,
    terminal_stockout_cost: float = 0.0,
    discount_factor: GridLike = 1.0,
) -> MyopicBoundsResult:
    """Veinott's myopic bounds on each period's optimal (s_t, S_t) of the finite-horizon
    problem (one SKU; inputs as :func:`finite_horizon`).

    >>> b = myopic_bounds(1, 20, 2, 50, 100, 20, periods=5, terminal_holding_cost=1, terminal_stockout_cost=20)
    >>> [round(float(v[0]), 4) for v in b]
    [133.3678, 191.6602, 110.2604, 133.3678]
    """
    grids, periods, rows = _grids(
        {
            "holding_cost": holding_cost,
            "stockout_cost": stockout_cost,
            "purchase_cost": purchase_cost,
            "fixed_cost": fixed_cost,
            "demand_mean": demand_mean,
            "demand_sd": demand_sd,
            "discount_factor": discount_factor,
        },
        periods,
    )
    if rows is not None:
        raise invalid("inputs", f"{rows} SKUs", "length_mismatch", "must describe one SKU (1-D per-period inputs)")
    out = _flowcast.myopic_bounds(
        periods, list(grids.values()), float(terminal_holding_cost), float(terminal_stockout_cost)
    )
    return MyopicBoundsResult(*out)

"""Multi-echelon models and simulation: the guaranteed-service model on trees, the serial
stochastic-service model (Clark–Scarf), and a seeded periodic-review simulator."""

from __future__ import annotations

from typing import Any, NamedTuple, Optional, Sequence, Tuple, Union

import numpy as np

from flowcast import _flowcast
from flowcast._arrays import invalid
from flowcast.inventory._newsvendor import _family


class GuaranteedServiceResult(NamedTuple):
    """Per stage (in the order given): committed service times, net replenishment times,
    the demand each stage serves, its safety stock and base-stock level; and the total cost."""

    outbound_cst: np.ndarray
    inbound_cst: np.ndarray
    net_replenishment_time: np.ndarray
    safety_stock: np.ndarray
    base_stock_level: np.ndarray
    net_demand_mean: np.ndarray
    net_demand_sd: np.ndarray
    cost: float


def _per_stage(name: str, value: Any, n: int, default: float = np.nan) -> list:
    if value is None:
        return [default] * n
    a = np.asarray(value, dtype=float)
    if a.ndim == 0:
        return [float(a)] * n
    if a.shape != (n,):
        raise invalid(name, f"{a.size} values", "length_mismatch", f"must have one value per stage ({n})")
    return a.tolist()


def guaranteed_service(
    holding_cost: Sequence[float],
    processing_time: Sequence[float],
    edges: Sequence[Tuple[int, int]] = (),
    *,
    demand_mean: Any = 0.0,
    demand_sd: Any = 0.0,
    demand_bound_constant: Any = None,
    external_inbound_cst: Any = 0,
    external_outbound_cst: Any = None,
    outbound_cst: Optional[Sequence[int]] = None,
) -> GuaranteedServiceResult:
    """Safety-stock placement by the guaranteed-service model (Graves & Willems) on a tree of
    stages. ``edges`` are ``(supplier, customer)`` pairs of stage positions; with no edges and one
    stage, a single stage. Per-stage inputs take one value per stage or one for all; a missing
    ``demand_bound_constant`` takes the first demand-facing stage's, a missing
    ``external_outbound_cst`` means no bound. With ``outbound_cst`` given, its cost instead of
    the optimum.

    >>> r = guaranteed_service([2, 4, 7], [1, 0, 1], [(0, 1), (1, 2)], demand_sd=[0, 0, 1],
    ...                        demand_bound_constant=1, external_inbound_cst=[1, 0, 0],
    ...                        external_outbound_cst=[None, None, 1])
    >>> r.outbound_cst.tolist(), round(r.cost, 6)
    ([0.0, 0.0, 1.0], 2.828427)
    """
    h = np.asarray(holding_cost, dtype=float).reshape(-1).tolist()
    n = len(h)
    bounds = external_outbound_cst
    if bounds is not None and np.ndim(bounds) == 1:
        bounds = [np.nan if b is None else b for b in bounds]
    z = demand_bound_constant
    if z is not None and np.ndim(z) == 1:
        z = [np.nan if v is None else v for v in z]
    out = _flowcast.guaranteed_service(
        h,
        _per_stage("processing_time", processing_time, n),
        _per_stage("demand_bound_constant", z, n),
        _per_stage("external_inbound_cst", external_inbound_cst, n, 0.0),
        _per_stage("external_outbound_cst", bounds, n),
        _per_stage("demand_mean", demand_mean, n, 0.0),
        _per_stage("demand_sd", demand_sd, n, 0.0),
        [(int(a), int(b)) for a, b in edges],
        None if outbound_cst is None else [float(c) for c in outbound_cst],
    )
    return GuaranteedServiceResult(*out)


class SerialResult(NamedTuple):
    """Echelon and local base-stock levels (stage 1, facing demand, first) and the expected
    cost per period."""

    echelon_base_stock: np.ndarray
    local_base_stock: np.ndarray
    cost: float


def serial_base_stock(
    echelon_holding_cost: Sequence[float],
    lead_time: Sequence[float],
    stockout_cost: float,
    demand_mean: float,
    demand_sd: float,
    *,
    echelon_base_stock: Optional[Sequence[float]] = None,
) -> SerialResult:
    """The optimal echelon base-stock levels of a serial chain under the stochastic-service
    model (Clark & Scarf; Chen & Zheng), stage 1 (facing N(mean, sd²) demand per period) first;
    or, with ``echelon_base_stock`` given, their expected cost.

    >>> r = serial_base_stock([3, 2, 2], [1, 1, 2], 37.12, 5, 1)
    >>> [round(s, 3) for s in r.echelon_base_stock.tolist()], round(r.cost, 3)
    ([6.491, 12.018, 22.706], 47.66)
    """
    s, local, cost = _flowcast.serial_base_stock(
        [float(h) for h in echelon_holding_cost],
        [float(v) for v in lead_time],
        float(stockout_cost),
        float(demand_mean),
        float(demand_sd),
        None if echelon_base_stock is None else [float(v) for v in echelon_base_stock],
    )
    return SerialResult(s, local, cost)


def serial_newsvendor_heuristic(
    echelon_holding_cost: Sequence[float],
    lead_time: Sequence[float],
    stockout_cost: float,
    demand_mean: float,
    demand_sd: float,
    weight: float = 0.5,
) -> np.ndarray:
    """Echelon base-stock levels by Shang & Song's newsvendor heuristic (stage 1 first): a
    ``weight``-ed mix of two newsvendor levels per stage, in closed form.

    >>> [round(s, 4) for s in serial_newsvendor_heuristic([3, 2, 2], [1, 1, 2], 37.12, 5, 1).tolist()]
    [6.4909, 12.0274, 22.634]
    """
    return _flowcast.serial_newsvendor_heuristic(
        [float(h) for h in echelon_holding_cost],
        [float(v) for v in lead_time],
        float(stockout_cost),
        float(demand_mean),
        float(demand_sd),
        float(weight),
    )


def serial_holding_cost(
    echelon_holding_cost: Sequence[float],
    lead_time: Sequence[float],
    demand_mean: float,
    demand_sd: float,
    echelon_base_stock: Sequence[float],
) -> float:
    """The expected holding cost per period alone (no charge for backorders) of echelon
    base-stock levels in a serial chain, stage 1 first.

    >>> round(serial_holding_cost([3, 2, 2], [1, 1, 2], 5, 1, [6.49, 12.02, 22.71]), 2)
    43.16
    """
    return _flowcast.serial_holding_cost(
        [float(h) for h in echelon_holding_cost],
        [float(v) for v in lead_time],
        float(demand_mean),
        float(demand_sd),
        [float(v) for v in echelon_base_stock],
    )


class SimulationResult(NamedTuple):
    """A simulated history: arrays of shape (periods, stages), stage 0 facing demand. For
    stages above 0, ``demand`` is the orders received from downstream."""

    demand: np.ndarray
    order_quantity: np.ndarray
    inbound_shipment: np.ndarray
    inventory_level: np.ndarray
    holding_cost: np.ndarray
    stockout_cost: np.ndarray
    total_cost: float

    def average_cost(self, warm_up: int = 0) -> float:
        """Mean cost per period from period ``warm_up`` on."""
        kept = slice(warm_up, None)
        return float((self.holding_cost[kept].sum() + self.stockout_cost[kept].sum()) / max(1, len(self.demand[kept])))


_POLICIES = {
    "base_stock": ("base_stock_level",),
    "s_S": ("reorder_point", "order_up_to_level"),
    "r_nQ": ("reorder_point", "order_quantity"),
    "r_Q_one_lot": ("reorder_point", "order_quantity"),
}


def simulate(
    periods: int,
    holding_cost: Any,
    stockout_cost: float,
    lead_time: Any,
    demand: Union[Sequence[float], dict],
    *,
    policy: str = "base_stock",
    base_stock_level: Any = None,
    reorder_point: Optional[float] = None,
    order_up_to_level: Optional[float] = None,
    order_quantity: Optional[float] = None,
    initial_inventory_level: Any = None,
    event_order: str = "order_first",
    seed: int = 0,
) -> SimulationResult:
    """Simulates a single stage or a serial chain (stage 0 faces demand) for ``periods``
    periods. Per-stage inputs take one value per stage; stage 0 follows ``policy``
    (``"base_stock"``, ``"s_S"``, ``"r_nQ"``, or stockpyl's ``"r_Q_one_lot"``) and stages above
    it order up to their ``base_stock_level`` (local). ``demand`` is a list repeated in turn, or a
    distribution such as ``{"distribution": "poisson", "mean": 5}``, drawn with ``seed``.

    Each period: shipments arrive and backorders are served; then demand and orders in
    ``event_order``: ``"order_first"`` (Snyder & Shen's single-stage timing) or
    ``"demand_first"`` (stockpyl's, and the stochastic-service model's); then costs on the ending
    state (holding on stock on hand and in transit downstream at the sending stage's rate,
    stockout cost on stage 0's backorders). The initial inventory level defaults to the
    base-stock levels.

    >>> r = simulate(10, 1.47, 8.21, 3, [12, 12, 1, 4, 1, 7, 12], base_stock_level=18,
    ...              initial_inventory_level=3, event_order="demand_first")
    >>> r.order_quantity[:3, 0].tolist(), round(r.total_cost, 2)
    ([27.0, 12.0, 1.0], 783.25)
    """
    if policy not in _POLICIES:
        raise invalid("policy", repr(policy), "out_of_range", f"must be one of {', '.join(_POLICIES)}")
    if event_order not in ("order_first", "demand_first"):
        raise invalid("event_order", repr(event_order), "out_of_range", "must be 'order_first' or 'demand_first'")
    h = np.atleast_1d(np.asarray(holding_cost, dtype=float)).tolist()
    n = len(h)
    levels = _per_stage("base_stock_level", base_stock_level, n, 0.0)
    given = {"base_stock_level": levels[0], "reorder_point": reorder_point, "order_up_to_level": order_up_to_level}
    given["order_quantity"] = order_quantity
    names = _POLICIES[policy]
    missing = [k for k in names if given[k] is None or (k == "base_stock_level" and base_stock_level is None)]
    if missing:
        raise TypeError(f"simulate(policy={policy!r}) needs {', '.join(missing)}")
    initial = (
        levels if initial_inventory_level is None else _per_stage("initial_inventory_level", initial_inventory_level, n)
    )
    values, family, parameters = None, None, []
    if isinstance(demand, dict):
        spec = dict(demand)
        name = spec.pop("distribution", "normal")
        family, order = _family(name, spec, "simulate")
        parameters = [float(spec[k]) for k in order]
    else:
        values = np.atleast_1d(np.asarray(demand, dtype=float)).tolist()
    out = _flowcast.simulate(
        int(periods),
        h,
        _per_stage("lead_time", lead_time, n),
        initial,
        levels,
        float(stockout_cost),
        policy,
        [float(given[k]) for k in names],
        values,
        family,
        parameters,
        event_order == "demand_first",
        int(seed),
    )
    return SimulationResult(*out)

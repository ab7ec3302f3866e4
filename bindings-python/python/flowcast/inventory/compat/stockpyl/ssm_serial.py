"""``stockpyl.ssm_serial`` drop-in: the serial stochastic-service model, nodes indexed N
(upstream) … 1 (facing demand) unless ``node_order_in_system`` says otherwise. List parameters
follow ``node_order_in_lists`` if given, else the system order (upstream first), as in stockpyl.
The instance may also come as a stockpyl ``network`` or as ``nodes`` (dicts with stockpyl's
attribute names: ``index``, ``predecessors``, ``echelon_holding_cost``, ``shipment_lead_time``,
``stockout_cost``, ``demand_mean``, ``demand_sd``).

``optimize_base_stock_levels`` integrates on a grid about 100 times finer than stockpyl's
(its ``x``, ``x_num``, ``d_num`` and tail-probability settings are accepted and ignored, and
``plots`` draws nothing), so its answers are closer to the exact optimum: on Example 6.1,
S* = {3: 22.7055, 2: 12.0176, 1: 6.4909} and C* = 47.6602, against stockpyl's
{3: 22.72, 2: 12.028, 1: 6.484} and 47.6654.

>>> from flowcast.inventory.compat.stockpyl.ssm_serial import newsvendor_heuristic
>>> S = newsvendor_heuristic(num_nodes=3, echelon_holding_cost=[2, 2, 3], lead_time=[2, 1, 1],
...                          stockout_cost=37.12, demand_mean=5, demand_standard_deviation=1)
>>> {k: round(v, 4) for k, v in S.items()}
{3: 22.634, 2: 12.0274, 1: 6.4909}
"""

from __future__ import annotations

import math
from typing import Dict, List, Optional, Tuple

from flowcast.inventory import serial_base_stock, serial_holding_cost, serial_newsvendor_heuristic
from flowcast.inventory.compat.stockpyl._network import node_demands, node_values, per_node, read_nodes

__all__ = ["optimize_base_stock_levels", "newsvendor_heuristic", "expected_cost", "expected_holding_cost"]


class _Chain:
    """A serial instance: node indices from stage 1 (facing demand) upward, and its data."""

    def __init__(self, order: List[int], h: List[float], lead: List[float], p: float, mean: float, sd: float):
        self.order, self.h, self.lead, self.p, self.mean, self.sd = order, h, lead, p, mean, sd

    def keyed(self, values) -> Dict[int, float]:
        """Values per stage (stage 1 first) keyed by node, upstream first as stockpyl lists them."""
        return {k: float(v) for k, v in reversed(list(zip(self.order, values)))}


def _chain(
    num_nodes,
    node_order_in_system,
    node_order_in_lists,
    echelon_holding_cost,
    lead_time,
    stockout_cost,
    demand_mean,
    demand_standard_deviation,
    demand_source,
    network,
    nodes,
) -> _Chain:
    if network is not None or nodes is not None:
        indices, stages, edges = read_nodes(network if network is not None else nodes)
        downstream = {a for a, _ in edges}
        # Stage 1 faces demand (supplies nobody); walk up the chain from it.
        supplier = {b: a for a, b in edges}
        k = next(i for i in range(len(indices)) if i not in downstream)
        chain = [k]
        while chain[-1] in supplier:
            chain.append(supplier[chain[-1]])
        h = node_values(stages, "echelon_holding_cost")
        lead = node_values(stages, "shipment_lead_time")
        if all(v is None for v in lead):
            lead = node_values(stages, "lead_time")
        mean, sd = node_demands(stages)
        p = node_values(stages, "stockout_cost")[k]
        return _Chain(
            [indices[i] for i in chain],
            [float(h[i]) for i in chain],
            [float(lead[i] or 0) for i in chain],
            float(p),
            mean[k],
            sd[k],
        )
    if node_order_in_system is None:
        if num_nodes is None:
            raise ValueError("You must provide either network or num_nodes, ..., stockout_cost")
        node_order_in_system = list(range(int(num_nodes), 0, -1))
    system = [int(k) for k in node_order_in_system]
    lists = [int(k) for k in node_order_in_lists] if node_order_in_lists is not None else system
    h = per_node(echelon_holding_cost, system, lists)
    lead = per_node(lead_time, system, lists)
    if demand_source is not None:
        demand_mean, demand_standard_deviation = demand_source.mean, demand_source.standard_deviation
    order = list(reversed(system))
    return _Chain(
        order,
        [float(h[k]) for k in order],
        [float(lead[k] or 0) for k in order],
        float(stockout_cost),
        float(demand_mean),
        float(demand_standard_deviation),
    )


def optimize_base_stock_levels(
    num_nodes=None,
    node_order_in_system=None,
    node_order_in_lists=None,
    echelon_holding_cost=None,
    lead_time=None,
    stockout_cost=None,
    demand_mean=None,
    demand_standard_deviation=None,
    demand_source=None,
    network=None,
    S=None,
    plots=False,
    x=None,
    x_num=1000,
    d_num=100,
    ltd_lower_tail_prob=None,
    ltd_upper_tail_prob=None,
    sum_ltd_lower_tail_prob=None,
    sum_ltd_upper_tail_prob=None,
    nodes=None,
) -> Tuple[Dict[int, float], float]:
    """``(S_star, C_star)``: optimal echelon base-stock levels by node and the expected cost
    per period; with ``S`` (a dict by node) given, ``S`` and its cost."""
    c = _chain(
        num_nodes,
        node_order_in_system,
        node_order_in_lists,
        echelon_holding_cost,
        lead_time,
        stockout_cost,
        demand_mean,
        demand_standard_deviation,
        demand_source,
        network,
        nodes,
    )
    given: Optional[List[float]] = None if S is None else [float(S[k]) for k in c.order]
    r = serial_base_stock(c.h, c.lead, c.p, c.mean, c.sd, echelon_base_stock=given)
    return c.keyed(r.echelon_base_stock), r.cost


def newsvendor_heuristic(
    num_nodes=None,
    node_order_in_system=None,
    node_order_in_lists=None,
    echelon_holding_cost=None,
    lead_time=None,
    stockout_cost=None,
    demand_mean=None,
    demand_standard_deviation=None,
    demand_source=None,
    network=None,
    weight=0.5,
    round_type=None,
    nodes=None,
) -> Dict[int, float]:
    """Shang & Song's echelon base-stock levels by node, rounded ``"up"``, ``"down"``,
    ``"nearest"`` or not at all (``None``)."""
    c = _chain(
        num_nodes,
        node_order_in_system,
        node_order_in_lists,
        echelon_holding_cost,
        lead_time,
        stockout_cost,
        demand_mean,
        demand_standard_deviation,
        demand_source,
        network,
        nodes,
    )
    levels = c.keyed(serial_newsvendor_heuristic(c.h, c.lead, c.p, c.mean, c.sd, weight))
    rounding = {None: None, "up": math.ceil, "down": math.floor, "nearest": round}
    if round_type not in rounding:
        raise ValueError("round_type must be 'up', 'down', 'nearest' or None")
    f = rounding[round_type]
    return levels if f is None else {k: f(v) for k, v in levels.items()}


def expected_cost(
    echelon_S,
    num_nodes=None,
    echelon_holding_cost=None,
    lead_time=None,
    stockout_cost=None,
    demand_mean=None,
    demand_standard_deviation=None,
    demand_source=None,
    network=None,
    x_num=1000,
    d_num=100,
    ltd_lower_tail_prob=None,
    ltd_upper_tail_prob=None,
    sum_ltd_lower_tail_prob=None,
    sum_ltd_upper_tail_prob=None,
    nodes=None,
) -> float:
    """Expected cost per period of echelon base-stock levels ``echelon_S`` (a dict by node)."""
    if any(v is None for v in echelon_S.values()):
        raise ValueError("echelon_S cannot be None for any node")
    return optimize_base_stock_levels(
        num_nodes=num_nodes,
        echelon_holding_cost=echelon_holding_cost,
        lead_time=lead_time,
        stockout_cost=stockout_cost,
        demand_mean=demand_mean,
        demand_standard_deviation=demand_standard_deviation,
        demand_source=demand_source,
        network=network,
        S=echelon_S,
        nodes=nodes,
    )[1]


def expected_holding_cost(
    echelon_S,
    num_nodes=None,
    echelon_holding_cost=None,
    lead_time=None,
    stockout_cost=None,
    demand_mean=None,
    demand_standard_deviation=None,
    demand_source=None,
    network=None,
    x_num=1000,
    d_num=100,
    ltd_lower_tail_prob=None,
    ltd_upper_tail_prob=None,
    sum_ltd_lower_tail_prob=None,
    sum_ltd_upper_tail_prob=None,
    nodes=None,
) -> float:
    """Expected holding cost per period (no backorder cost) of echelon base-stock levels
    ``echelon_S`` (a dict by node)."""
    if any(v is None for v in echelon_S.values()):
        raise ValueError("echelon_S cannot be None for any node")
    c = _chain(
        num_nodes,
        None,
        None,
        echelon_holding_cost,
        lead_time,
        1.0 if stockout_cost is None else stockout_cost,
        demand_mean,
        demand_standard_deviation,
        demand_source,
        network,
        nodes,
    )
    return serial_holding_cost(c.h, c.lead, c.mean, c.sd, [float(echelon_S[k]) for k in c.order])

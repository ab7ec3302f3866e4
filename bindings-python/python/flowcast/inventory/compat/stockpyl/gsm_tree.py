"""``stockpyl.gsm_tree`` drop-in: the guaranteed-service model on a tree (Graves & Willems).
The tree is a stockpyl ``SupplyChainNetwork`` (read by its attributes, without importing
stockpyl) or ``nodes``: dicts with stockpyl's attribute names (``index``, ``predecessors``,
``local_holding_cost``, ``processing_time``, ``demand_bound_constant``, ``external_inbound_cst``,
``external_outbound_cst``, ``demand_mean``, ``demand_sd``). Costs match stockpyl's; where
several CST choices tie, the CSTs may differ.

>>> from flowcast.inventory.compat.stockpyl.gsm_tree import optimize_committed_service_times
>>> nodes = [
...     {"index": 1, "predecessors": [2], "local_holding_cost": 7, "processing_time": 1,
...      "external_outbound_cst": 1, "demand_mean": 0, "demand_sd": 1, "demand_bound_constant": 1},
...     {"index": 2, "predecessors": [], "local_holding_cost": 4, "processing_time": 1,
...      "external_inbound_cst": 1},
... ]
>>> cst, cost = optimize_committed_service_times(nodes=nodes)
>>> cst, round(cost, 6)
({1: 1, 2: 0}, 5.656854)
"""

from __future__ import annotations

import math
from typing import Any, Dict, Tuple

from flowcast.inventory import guaranteed_service
from flowcast.inventory.compat.stockpyl._network import node_demands, node_values, read_nodes

__all__ = ["optimize_committed_service_times"]


def _number(v: Any, missing: float = math.nan) -> float:
    return missing if v is None else float(v)


def optimize_committed_service_times(tree: Any = None, nodes: Any = None) -> Tuple[Dict[int, int], float]:
    """``(opt_cst, opt_cost)``: the optimal CST of each node (keyed by its index) and the cost."""
    if tree is None and nodes is None:
        raise ValueError("optimize_committed_service_times needs a tree (or nodes)")
    indices, stages, edges = read_nodes(tree if tree is not None else nodes)
    mean, sd = node_demands(stages)
    r = guaranteed_service(
        [_number(v) for v in node_values(stages, "local_holding_cost")],
        [_number(v) for v in node_values(stages, "processing_time")],
        edges,
        demand_mean=mean,
        demand_sd=sd,
        demand_bound_constant=[_number(v) for v in node_values(stages, "demand_bound_constant")],
        external_inbound_cst=[_number(v, 0.0) for v in node_values(stages, "external_inbound_cst")],
        external_outbound_cst=[_number(v) for v in node_values(stages, "external_outbound_cst")],
    )
    return {k: int(c) for k, c in zip(indices, r.outbound_cst)}, r.cost

"""``stockpyl.gsm_serial`` drop-in: the guaranteed-service model on a serial chain, nodes
indexed N (upstream) … 1 (facing demand). The instance comes as stockpyl's lists (the n-th
entry for node n + 1), as a stockpyl ``network``, or as ``nodes`` (dicts with stockpyl's
attribute names).

>>> from flowcast.inventory.compat.stockpyl.gsm_serial import optimize_committed_service_times
>>> cst, cost = optimize_committed_service_times(
...     num_nodes=3, local_holding_cost=[7, 4, 2], processing_time=[1, 0, 1], demand_bound_constant=1,
...     external_outbound_cst=1, external_inbound_cst=1, demand_mean=0, demand_standard_deviation=1)
>>> cst, round(cost, 6)
({3: 0, 2: 0, 1: 1}, 2.828427)
"""

from __future__ import annotations

from typing import Dict, Tuple

from flowcast.inventory.compat.stockpyl import gsm_tree
from flowcast.inventory.compat.stockpyl._network import per_node

__all__ = ["optimize_committed_service_times"]


def optimize_committed_service_times(
    num_nodes=None,
    local_holding_cost=None,
    processing_time=None,
    demand_bound_constant=None,
    external_outbound_cst=None,
    external_inbound_cst=None,
    demand_mean=None,
    demand_standard_deviation=None,
    demand_source=None,
    network=None,
    nodes=None,
) -> Tuple[Dict[int, int], float]:
    """``(opt_cst, opt_cost)``: the optimal CST of each node (keys N … 1) and the cost."""
    if network is not None or nodes is not None:
        cst, cost = gsm_tree.optimize_committed_service_times(tree=network, nodes=nodes)
        return {k: cst[k] for k in sorted(cst, reverse=True)}, cost
    if num_nodes is None:
        raise ValueError("You must provide either network or num_nodes, ..., demand_bound_constant")
    if demand_source is not None:
        demand_mean, demand_standard_deviation = demand_source.mean, demand_source.standard_deviation
    chain = _chain_nodes(
        num_nodes, local_holding_cost, processing_time, demand_bound_constant, external_outbound_cst,
        external_inbound_cst, demand_mean, demand_standard_deviation,
    )  # fmt: skip
    cst, cost = gsm_tree.optimize_committed_service_times(nodes=chain)
    return {k: cst[k] for k in sorted(cst, reverse=True)}, cost


def _chain_nodes(
    num_nodes, local_holding_cost, processing_time, demand_bound_constant, external_outbound_cst,
    external_inbound_cst, demand_mean, demand_standard_deviation,
) -> list:  # fmt: skip
    """A serial system given as stockpyl's lists (the n-th entry for node n + 1) as node dicts."""
    indices = list(range(1, int(num_nodes) + 1))
    h = per_node(local_holding_cost, indices)
    t = per_node(processing_time, indices)
    z = per_node(demand_bound_constant, indices)
    return [
        {
            "index": k,
            "predecessors": [k + 1] if k < num_nodes else [],
            "local_holding_cost": h[k],
            "processing_time": t[k],
            "demand_bound_constant": z[k],
            "external_inbound_cst": external_inbound_cst if k == num_nodes else None,
            "external_outbound_cst": external_outbound_cst if k == 1 else None,
            "demand_mean": demand_mean if k == 1 else None,
            "demand_sd": demand_standard_deviation if k == 1 else None,
        }
        for k in indices
    ]

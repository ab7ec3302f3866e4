"""Simulation drop-ins for stockpyl's single-stage and serial systems.

stockpyl simulates ``SupplyChainNetwork`` objects built by ``single_stage_system`` and
``serial_system`` with ``sim.simulation``; these two functions take the same parameters as
those builders, simulate with stockpyl's event order (shipments in, demand, then orders) and
rules (an (r, Q) policy orders one lot Q whenever IP ≤ r; items in transit between stages cost
the sending stage's holding cost), and return the total cost with the history.
``demand_type`` is ``"D"`` (``demand_list`` repeated), ``"N"`` (``mean``, ``standard_deviation``)
or ``"P"`` (``mean``), random demand drawn with ``rand_seed``.

>>> from flowcast.inventory.compat.stockpyl.sim import simulation_single_stage
>>> total, periods = simulation_single_stage(
...     num_periods=10, local_holding_cost=1.47, stockout_cost=8.21, demand_type="D",
...     demand_list=[12, 12, 1, 4, 1, 7, 12], policy_type="BS", shipment_lead_time=3,
...     initial_inventory_level=3, base_stock_level=18)
>>> round(total, 2), periods[0]["order_quantity"]
(783.25, 27.0)
"""

from __future__ import annotations

from typing import Any, Dict, List, Tuple

from flowcast.inventory import simulate
from flowcast.inventory.compat.stockpyl._network import per_node

__all__ = ["simulation_single_stage", "simulation_serial_base_stock"]

_POLICY = {"BS": "base_stock", "sS": "s_S", "rQ": "r_Q_one_lot"}


def _demand(demand_type, demand_list, mean, standard_deviation):
    if demand_type == "D":
        return list(demand_list)
    if demand_type == "N":
        return {"distribution": "normal", "mean": mean, "sd": standard_deviation}
    if demand_type == "P":
        return {"distribution": "poisson", "mean": mean}
    raise ValueError(f"demand_type {demand_type!r} is not supported (use 'D', 'N' or 'P')")


def simulation_single_stage(
    num_periods,
    local_holding_cost,
    stockout_cost,
    demand_type,
    policy_type,
    shipment_lead_time=0,
    initial_inventory_level=0,
    base_stock_level=None,
    reorder_point=None,
    order_up_to_level=None,
    order_quantity=None,
    demand_list=None,
    mean=None,
    standard_deviation=None,
    rand_seed=None,
) -> Tuple[float, List[Dict[str, Any]]]:
    """``(total_cost, periods)``: one dict per period with ``t``, ``demand``,
    ``order_quantity``, ``inbound_shipment``, ``inventory_level``, ``holding_cost``,
    ``stockout_cost`` and ``total_cost``."""
    if policy_type not in _POLICY:
        raise ValueError(f"policy_type {policy_type!r} is not supported (use 'BS', 'sS' or 'rQ')")
    r = simulate(
        int(num_periods),
        local_holding_cost,
        stockout_cost,
        shipment_lead_time,
        _demand(demand_type, demand_list, mean, standard_deviation),
        policy=_POLICY[policy_type],
        base_stock_level=base_stock_level if base_stock_level is not None else 0.0,
        reorder_point=reorder_point,
        order_up_to_level=order_up_to_level,
        order_quantity=order_quantity,
        initial_inventory_level=initial_inventory_level,
        event_order="demand_first",
        seed=0 if rand_seed is None else int(rand_seed),
    )
    periods = [
        {
            "t": t,
            "demand": float(r.demand[t, 0]),
            "order_quantity": float(r.order_quantity[t, 0]),
            "inbound_shipment": float(r.inbound_shipment[t, 0]),
            "inventory_level": float(r.inventory_level[t, 0]),
            "holding_cost": float(r.holding_cost[t, 0]),
            "stockout_cost": float(r.stockout_cost[t, 0]),
            "total_cost": float(r.holding_cost[t, 0] + r.stockout_cost[t, 0]),
        }
        for t in range(int(num_periods))
    ]
    return r.total_cost, periods


def simulation_serial_base_stock(
    num_nodes,
    local_holding_cost,
    stockout_cost,
    shipment_lead_time,
    base_stock_level,
    num_periods,
    node_order_in_system=None,
    lists_are_for_nodes=None,
    demand_type="D",
    demand_list=None,
    mean=None,
    standard_deviation=None,
    rand_seed=None,
) -> Tuple[float, Dict[int, List[float]]]:
    """``(total_cost, inventory_level_by_node)`` of a serial chain under local base-stock
    policies, node 1 facing demand; the stockout cost applies at node 1 and every node starts
    at its base-stock level."""
    system = [int(k) for k in (node_order_in_system or range(int(num_nodes), 0, -1))]
    lists = [int(k) for k in lists_are_for_nodes] if lists_are_for_nodes is not None else system
    order = list(reversed(system))  # stage 0 = node 1, facing demand
    h, lead, level = (per_node(v, system, lists) for v in (local_holding_cost, shipment_lead_time, base_stock_level))
    r = simulate(
        int(num_periods),
        [h[k] for k in order],
        stockout_cost,
        [lead[k] for k in order],
        _demand(demand_type, demand_list, mean, standard_deviation),
        base_stock_level=[level[k] for k in order],
        event_order="demand_first",
        seed=0 if rand_seed is None else int(rand_seed),
    )
    by_node = {k: r.inventory_level[:, order.index(k)].tolist() for k in system}
    return r.total_cost, by_node

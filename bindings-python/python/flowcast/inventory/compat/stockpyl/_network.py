"""Reading stockpyl-style networks: stockpyl ``SupplyChainNetwork`` objects (read by their
attributes, without importing stockpyl), or lists of node dicts with the same attribute names
(``index``, ``predecessors``, ``local_holding_cost``, …, ``demand_mean``, ``demand_sd``)."""

from __future__ import annotations

from typing import Any, Dict, List, Tuple


def _get(node: Any, name: str, default: Any = None) -> Any:
    if isinstance(node, dict):
        return node.get(name, default)
    return getattr(node, name, default)


def _demand(node: Any) -> Tuple[float, float]:
    """Mean and standard deviation of a node's external demand (0, 0 without)."""
    if isinstance(node, dict):
        return float(node.get("demand_mean") or 0.0), float(node.get("demand_sd") or 0.0)
    source = getattr(node, "demand_source", None)
    if source is None or getattr(source, "type", None) is None:
        return 0.0, 0.0
    return float(getattr(source, "mean", 0.0) or 0.0), float(getattr(source, "standard_deviation", 0.0) or 0.0)


def _predecessors(node: Any) -> List[int]:
    if isinstance(node, dict):
        return [int(p) for p in node.get("predecessors") or []]
    if hasattr(node, "predecessor_indices"):
        return [int(p) for p in node.predecessor_indices(include_external=False)]
    return [int(p.index) for p in node.predecessors()]


def read_nodes(network: Any) -> Tuple[List[int], List[Any], List[Tuple[int, int]]]:
    """``(indices, nodes, edges)``: node indices in the network's order, the nodes, and
    ``(supplier, customer)`` edges by position."""
    nodes = list(network if isinstance(network, (list, tuple)) else network.nodes)
    indices = [int(_get(n, "index")) for n in nodes]
    position: Dict[int, int] = {k: i for i, k in enumerate(indices)}
    edges = [(position[p], position[indices[i]]) for i, n in enumerate(nodes) for p in _predecessors(n)]
    return indices, nodes, edges


def node_values(nodes: List[Any], name: str) -> List[Any]:
    """Attribute ``name`` of every node (``None`` where absent)."""
    return [_get(n, name) for n in nodes]


def node_demands(nodes: List[Any]) -> Tuple[List[float], List[float]]:
    pairs = [_demand(n) for n in nodes]
    return [m for m, _ in pairs], [s for _, s in pairs]


def per_node(value: Any, indices: List[int], order: List[int] = None) -> Dict[int, Any]:
    """stockpyl's node parameters: a dict keyed by node, a list in ``order`` (default
    ``indices``), or one value for every node."""
    if isinstance(value, dict):
        return {k: value.get(k) for k in indices}
    if isinstance(value, (list, tuple)) or (hasattr(value, "__len__") and not isinstance(value, str)):
        values = list(value)
        keys = order if order is not None else indices
        if len(values) != len(keys):
            raise ValueError(f"expected {len(keys)} values, got {len(values)}")
        return dict(zip(keys, values))
    return {k: value for k in indices}

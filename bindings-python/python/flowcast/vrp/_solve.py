"""Solving a routing problem and checking a solution independently of the solver."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

from flowcast import _flowcast
from flowcast.errors import ValidationError
from flowcast.vrp._problem import Problem, _index, _invalid, _number

__all__ = ["Result", "solve", "check"]


@dataclass(frozen=True)
class Result:
    """What :func:`solve` found.

    Attributes:
        routes: the non-empty routes, each a list of 0-based client indices in visiting order
            (the depots are implied).
        vehicle_types: the vehicle type of each route.
        cost: route costs plus the prizes of unvisited optional clients.
        feasible: whether every constraint holds and every required client is served (also
            :meth:`is_feasible`).
        unserved: ``(client, reason code)`` for each client no vehicle can serve, even alone
            (``"demand_exceeds_capacity"``, ``"time_window_unreachable"``...); they are left out.
        iterations: search iterations, over all threads.
        seconds: wall time of the search.
    """

    routes: List[List[int]]
    vehicle_types: List[int]
    cost: float
    feasible: bool
    unserved: List[Tuple[int, str]] = field(default_factory=list)
    iterations: int = 0
    seconds: float = 0.0

    def is_feasible(self) -> bool:
        """Whether every constraint holds and every required client is served."""
        return self.feasible

    @property
    def num_vehicles(self) -> int:
        """Routes used (each non-empty route is one vehicle)."""
        return len(self.routes)

    def __repr__(self) -> str:
        return (
            f"Result(cost={self.cost:g}, feasible={self.feasible}, vehicles={self.num_vehicles}, "
            f"unserved={len(self.unserved)}, iterations={self.iterations}, seconds={self.seconds:.3f})"
        )


def _routes(name: str, routes: Any) -> List[List[int]]:
    if isinstance(routes, (str, bytes)) or not hasattr(routes, "__iter__"):
        raise _invalid(name, routes, "wrong_type", "must be a list of routes (lists of client indices)")
    out = []
    for r, route in enumerate(routes):
        if isinstance(route, (str, bytes)) or not hasattr(route, "__iter__"):
            raise _invalid(f"{name}[{r}]", route, "wrong_type", "must be a list of client indices")
        out.append([_index(f"{name}[{r}][{k}]", c) for k, c in enumerate(route)])
    return out


def _solution(
    name: str, routes: Any, vehicle_types: Optional[Sequence[int]]
) -> Tuple[List[List[int]], Optional[List[int]]]:
    """Routes and their vehicle types from a :class:`Result` or a list of routes."""
    if isinstance(routes, Result):
        if vehicle_types is None:
            vehicle_types = routes.vehicle_types
        routes = routes.routes
    out = _routes(name, routes)
    if vehicle_types is None:
        return out, None
    types = [_index(f"vehicle_types[{i}]", t) for i, t in enumerate(vehicle_types)]
    if len(types) != len(out):
        raise _invalid(
            "vehicle_types", f"{len(types)} vs {len(out)} routes", "length_mismatch", "must give one type per route"
        )
    return out, types


def _problem(problem: Any) -> Any:
    if not isinstance(problem, Problem):
        raise ValidationError(
            f"problem = a {type(problem).__name__}: must be a flowcast.vrp.Problem [wrong_type]",
            code="wrong_type",
            field="problem",
            value=type(problem).__name__,
            reason="must be a flowcast.vrp.Problem (from read, Model(...).data() or Problem.from_json)",
        )
    return problem._inner


def solve(
    problem: Problem,
    time_limit: Optional[float] = 10.0,
    seed: int = 0,
    max_iterations: Optional[int] = None,
    threads: int = 0,
    initial: Union[Result, Sequence[Sequence[int]], None] = None,
) -> Result:
    """Solves ``problem`` and returns the best solution found.

    The search (iterated local search over granular neighbourhoods, several threads sharing
    their best) runs without the GIL until ``time_limit`` seconds (default 10; ``None``: no
    time limit) or ``max_iterations`` iterations per thread, whichever comes first; Ctrl-C stops
    it and raises ``KeyboardInterrupt``. ``threads=0`` uses every core; with ``threads=1`` and an
    iteration limit the result depends only on ``seed``. ``initial`` (a :class:`Result`, or
    routes of client indices, all of vehicle type 0) is a warm start: the result is never worse.

    >>> from flowcast.vrp import Model, solve
    >>> m = Model()
    >>> _ = m.add_depot(0, 0)
    >>> for x, y in [(0, 10), (10, 10), (10, 0)]:
    ...     _ = m.add_client(x, y, demand=4)
    >>> _ = m.add_vehicle_type(count=3, capacity=8)
    >>> result = solve(m.data(), max_iterations=2000, time_limit=None, threads=1)
    >>> result.is_feasible(), round(result.cost, 3), result.num_vehicles
    (True, 54.142, 2)

    Raises:
        ValidationError: a negative or NaN ``time_limit``, no limit at all, a bad warm start
            (``field="initial"``), more load dimensions than the solver carries (4).
    """
    inner = _problem(problem)
    limit = None if time_limit is None else _number("time_limit", time_limit)
    iterations = None if max_iterations is None else _index("max_iterations", max_iterations)
    routes, types = (None, None) if initial is None else _solution("initial", initial, None)
    if limit is not None and (math.isnan(limit) or limit < 0 or math.isinf(limit)):
        code = "negative" if limit < 0 else "not_finite"
        raise _invalid("time_limit", limit, code, "must be a finite number of seconds, 0 or more (None: no limit)")
    out = _flowcast.vrp_solve(inner, limit, iterations, _index("seed", seed), _index("threads", threads), routes, types)
    routes_out, types_out, cost, feasible, unserved, iterations_run, seconds = out
    return Result(
        routes=[list(r) for r in routes_out],
        vehicle_types=list(types_out),
        cost=cost,
        feasible=feasible,
        unserved=[(c, r) for c, r in unserved],
        iterations=iterations_run,
        seconds=seconds,
    )


def check(
    problem: Problem, routes: Union[Result, Sequence[Sequence[int]]], vehicle_types: Optional[Sequence[int]] = None
) -> Dict[str, Any]:
    """Checks a solution against ``problem`` with flowcast's independent checker (it shares no
    code with the solver) and recomputes its cost.

    ``routes`` is a :class:`Result` or a list of routes of 0-based client indices;
    ``vehicle_types`` gives each route's type (default: the result's, else 0 for every route).
    Returns a dict: ``feasible``, ``cost``, ``distance``, ``duration``, ``fixed_cost``,
    ``uncollected_prizes``, ``num_vehicles``, ``violations`` (each with a stable ``code``
    such as ``"capacity_exceeded"``, a ``message`` and its numbers: ``route``, ``client``...),
    ``unvisited`` and per route ``routes`` (``distance``, ``duration``, ``load``, ``departure``,
    ``return_time``, ``cost``, ``feasible``).

    >>> from flowcast.vrp import Model, check
    >>> m = Model()
    >>> _ = m.add_depot(0, 0)
    >>> _ = m.add_client(3, 4, demand=2)
    >>> _ = m.add_client(6, 8, demand=2)
    >>> _ = m.add_vehicle_type(count=1, capacity=3)
    >>> report = check(m.data(), [[0, 1]])
    >>> report["feasible"], report["cost"], [v["code"] for v in report["violations"]]
    (False, 20.0, ['capacity_exceeded'])
    """
    inner = _problem(problem)
    out, types = _solution("routes", routes, vehicle_types)
    return json.loads(_flowcast.vrp_check(inner, out, types))

"""Routing problems: read from VRPLIB, Solomon or flowcast JSON files, or built with
:class:`Model` from numbers, lists and numpy arrays. Either way the problem is validated once,
and every issue is reported at once."""

from __future__ import annotations

import math
import operator
import os
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import numpy as np

from flowcast import _flowcast
from flowcast.errors import ValidationError

__all__ = ["Problem", "Model", "read"]

_INF = math.inf


class Problem:
    """A validated routing problem: depots, clients, vehicle types and the distance and duration
    matrices over locations (depots first, then clients).

    Get one from :func:`read`, :meth:`Model.data` or :meth:`Problem.from_json`. It pickles (as
    the JSON format, exactly) and compares by value.

    >>> from flowcast.vrp import Model
    >>> m = Model(name="tiny")
    >>> m.add_depot(0, 0)
    0
    >>> m.add_client(3, 4, demand=2)
    0
    >>> m.add_vehicle_type(count=1, capacity=5)
    0
    >>> problem = m.data()
    >>> problem
    Problem(name='tiny', clients=1, depots=1, vehicle_types=1, vehicles=1, dimensions=1)
    >>> problem.distance_matrix().tolist()
    [[0.0, 5.0], [5.0, 0.0]]
    >>> Problem.from_json(problem.to_json()) == problem
    True
    """

    __slots__ = ("_inner",)

    def __init__(self, inner: Any) -> None:
        if not isinstance(inner, _flowcast.VrpProblem):
            raise TypeError("build a Problem with flowcast.vrp.read, Model(...).data() or Problem.from_json")
        self._inner = inner

    @staticmethod
    def from_json(text: str) -> "Problem":
        """Reads the flowcast JSON problem format (``docs/vrp-format.md``).

        Raises:
            ValidationError: malformed JSON (``code="malformed"`` with ``line``), an unsupported
                version, or an invalid problem (``issues`` lists every one).
        """
        if not isinstance(text, str):
            raise ValidationError(
                f"text = a {type(text).__name__}: must be a str [wrong_type]",
                code="wrong_type",
                field="text",
                value=type(text).__name__,
                reason="must be a str",
            )
        return Problem(_flowcast.VrpProblem.from_json(text))

    @staticmethod
    def from_text(text: str, format: Optional[str] = None) -> "Problem":
        """Reads a problem from the text of a VRPLIB, Solomon or flowcast JSON file
        (``format="vrplib"|"solomon"|"json"``; default: detected from the content)."""
        if not isinstance(text, str):
            raise ValidationError(
                f"text = a {type(text).__name__}: must be a str [wrong_type]",
                code="wrong_type",
                field="text",
                value=type(text).__name__,
                reason="must be a str",
            )
        if format is not None and not isinstance(format, str):
            raise _invalid("format", format, "wrong_type", 'must be "vrplib", "solomon", "json" or None')
        inner, _ = _flowcast.vrp_read(text, format)
        return Problem(inner)

    def to_json(self) -> str:
        """The flowcast JSON problem format; :meth:`from_json` reads it back to an equal problem."""
        return self._inner.to_json()

    @property
    def name(self) -> str:
        return self._inner.name

    @property
    def num_clients(self) -> int:
        return self._inner.num_clients

    @property
    def num_depots(self) -> int:
        return self._inner.num_depots

    @property
    def num_vehicle_types(self) -> int:
        return self._inner.num_vehicle_types

    @property
    def num_vehicles(self) -> int:
        """Vehicles of every type together."""
        return self._inner.num_vehicles

    @property
    def dimensions(self) -> int:
        """Load dimensions (length of every demand and capacity)."""
        return self._inner.dimensions

    @property
    def num_locations(self) -> int:
        """Depots plus clients: the side of the matrices."""
        return self._inner.num_locations

    def distance_matrix(self) -> np.ndarray:
        """Distances between locations (depots first, then clients), a new 2-D array."""
        return self._inner.distance_matrix()

    def duration_matrix(self) -> np.ndarray:
        """Travel times between locations, a new 2-D array."""
        return self._inner.duration_matrix()

    def unservable(self) -> Dict[int, str]:
        """The clients no vehicle can serve, even alone, with the reason code
        (``demand_exceeds_capacity``, ``time_window_unreachable``, ``cannot_return_in_time``,
        ``max_duration_too_short``, ``max_distance_too_short``)."""
        return {c: r for c, r in enumerate(self._inner.unservable()) if r is not None}

    def __repr__(self) -> str:
        return (
            f"Problem(name={self.name!r}, clients={self.num_clients}, depots={self.num_depots}, "
            f"vehicle_types={self.num_vehicle_types}, vehicles={self.num_vehicles}, dimensions={self.dimensions})"
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Problem) and self._inner == other._inner

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> Any:
        return (_problem_from_json, (self.to_json(),))


def _problem_from_json(text: str) -> Problem:  # pickling support
    return Problem.from_json(text)


def read(path: Union[str, "os.PathLike[str]"], format: Optional[str] = None) -> Problem:
    """Reads a problem file: VRPLIB/CVRPLIB (``EUC_2D`` distances rounded to the nearest integer,
    as in the X instances), Solomon (double-precision distances, the file's fleet) or flowcast
    JSON. ``format`` is ``"vrplib"``, ``"solomon"`` or ``"json"``; by default it is detected
    from the content.

    Raises:
        ValidationError: a malformed file (``code="malformed"``, ``line`` set) or an invalid
            problem (``issues`` lists every issue with its code, location, cause and action).
        OSError: the file cannot be read.
    """
    with open(path, "rb") as f:
        data = f.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise ValidationError(
            f"line {line}: not UTF-8 text [malformed]",
            code="malformed",
            field="line",
            value=str(line),
            reason="not UTF-8 text",
            line=line,
        ) from None
    return Problem.from_text(text, format)


def _invalid(field: str, value: Any, code: str, reason: str) -> ValidationError:
    shown = repr(value)
    if len(shown) > 60:
        shown = f"a {type(value).__name__}"
    return ValidationError(f"{field} = {shown}: {reason} [{code}]", code=code, field=field, value=shown, reason=reason)


def _number(field: str, value: Any) -> float:
    if isinstance(value, (str, bytes)):
        raise _invalid(field, value, "wrong_type", "must be a number")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise _invalid(field, value, "wrong_type", "must be a number") from None


def _index(field: str, value: Any) -> int:
    """A whole number, 0 or more (numpy integers and whole floats accepted)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        i = operator.index(value)
    except TypeError:
        raise _invalid(field, value, "wrong_type", "must be a whole number") from None
    if i < 0:
        raise _invalid(field, i, "negative", "must be 0 or more")
    if i >= 2**63:
        raise _invalid(field, i, "out_of_range", "must be below 2**63")
    return i


def _load(field: str, value: Any) -> Optional[List[float]]:
    """A demand or capacity: ``None`` (zeros), one number (one dimension) or a sequence."""
    if value is None:
        return None
    if np.ndim(value) == 0:
        return [_number(field, value)]
    if np.ndim(value) != 1:
        raise _invalid(field, value, "wrong_type", "must be a number or a 1-D sequence of numbers")
    return [_number(f"{field}[{i}]", v) for i, v in enumerate(value)]


def _matrix(field: str, value: Any) -> np.ndarray:
    try:
        m = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise _invalid(field, value, "wrong_type", "must be a 2-D array of numbers") from None
    if m.ndim != 2:
        raise _invalid(field, value, "wrong_type", "must be a 2-D array of numbers")
    return m


class Model:
    """Builds a routing problem piece by piece, then validates it once with :meth:`data`.

    Locations are the depots (in the order added) then the clients; distances are Euclidean
    between the coordinates, rounded by ``rounding`` (``"exact"``: double precision, the
    Solomon convention; ``"nearest"``: TSPLIB ``nint``, the CVRPLIB convention; ``"ceil"``),
    unless :meth:`distance_matrix` gives them; durations equal distances unless
    :meth:`duration_matrix` gives them. Every time shares one unit, every distance another.

    >>> m = Model()
    >>> depot = m.add_depot(0, 0, tw_late=100)
    >>> for x, y in [(0, 10), (10, 10), (10, 0)]:
    ...     _ = m.add_client(x, y, demand=4, service=1)
    >>> m.add_vehicle_type(count=2, capacity=10)
    0
    >>> m.data().num_clients
    3
    """

    def __init__(self, name: str = "", rounding: str = "exact") -> None:
        self.name = str(name)
        self.rounding = rounding
        self._depots: List[Tuple[Any, ...]] = []
        self._clients: List[List[Any]] = []
        self._vehicle_types: List[List[Any]] = []
        self._distance: Optional[np.ndarray] = None
        self._duration: Optional[np.ndarray] = None

    def add_depot(
        self, x: float, y: float, tw_early: float = 0.0, tw_late: float = _INF, name: Optional[str] = None
    ) -> int:
        """Adds a depot open over ``[tw_early, tw_late]``; returns its index."""
        i = len(self._depots)
        f = f"depots[{i}]"
        self._depots.append(
            (
                str(i) if name is None else str(name),
                _number(f"{f}.x", x),
                _number(f"{f}.y", y),
                _number(f"{f}.tw_early", tw_early),
                _number(f"{f}.tw_late", tw_late),
            )
        )
        return i

    def add_client(
        self,
        x: float,
        y: float,
        demand: Union[float, Sequence[float], None] = None,
        service: float = 0.0,
        tw_early: float = 0.0,
        tw_late: float = _INF,
        required: bool = True,
        prize: float = 0.0,
        name: Optional[str] = None,
    ) -> int:
        """Adds a client; returns its index (0 for the first client, whatever the depots).

        ``demand`` is one number (one load dimension) or one per dimension; ``None`` is zero in
        every dimension. A vehicle arriving before ``tw_early`` waits; arriving after
        ``tw_late`` is infeasible; service takes ``service``. An optional client
        (``required=False``) may be skipped, which costs its ``prize``.
        """
        i = len(self._clients)
        f = f"clients[{i}]"
        self._clients.append(
            [
                str(i + 1) if name is None else str(name),
                _number(f"{f}.x", x),
                _number(f"{f}.y", y),
                _load(f"{f}.demand", demand),
                _number(f"{f}.service", service),
                _number(f"{f}.tw_early", tw_early),
                _number(f"{f}.tw_late", tw_late),
                bool(required),
                _number(f"{f}.prize", prize),
            ]
        )
        return i

    def add_vehicle_type(
        self,
        count: int,
        capacity: Union[float, Sequence[float], None],
        fixed_cost: float = 0.0,
        start_depot: int = 0,
        end_depot: int = 0,
        tw_early: float = 0.0,
        tw_late: float = _INF,
        max_duration: float = _INF,
        max_distance: float = _INF,
        unit_distance_cost: float = 1.0,
        unit_duration_cost: float = 0.0,
        name: Optional[str] = None,
    ) -> int:
        """Adds ``count`` identical vehicles; returns the type's index.

        ``capacity`` is one number (one load dimension) or one per dimension (the first vehicle
        type sets the number of dimensions). A route of this type leaves ``start_depot`` no
        earlier than ``tw_early``, is back at ``end_depot`` by ``tw_late``, and costs
        ``fixed_cost + unit_distance_cost * distance + unit_duration_cost * duration``.
        """
        i = len(self._vehicle_types)
        f = f"vehicle_types[{i}]"
        self._vehicle_types.append(
            [
                str(i) if name is None else str(name),
                _index(f"{f}.count", count),
                _load(f"{f}.capacity", capacity) or [],
                _number(f"{f}.fixed_cost", fixed_cost),
                _index(f"{f}.start_depot", start_depot),
                _index(f"{f}.end_depot", end_depot),
                _number(f"{f}.tw_early", tw_early),
                _number(f"{f}.tw_late", tw_late),
                _number(f"{f}.max_duration", max_duration),
                _number(f"{f}.max_distance", max_distance),
                _number(f"{f}.unit_distance_cost", unit_distance_cost),
                _number(f"{f}.unit_duration_cost", unit_duration_cost),
            ]
        )
        return i

    def distance_matrix(self, matrix: Any) -> "Model":
        """Gives the distances: a square 2-D array over the locations (depots first, then
        clients; row = from). Returns the model."""
        self._distance = _matrix("distance", matrix)
        return self

    def duration_matrix(self, matrix: Any) -> "Model":
        """Gives the travel times: a square 2-D array over the locations. Returns the model."""
        self._duration = _matrix("duration", matrix)
        return self

    @classmethod
    def from_arrays(
        cls,
        depot_xy: Any,
        client_xy: Any,
        demand: Any,
        capacity: Any,
        num_vehicles: int,
        service: Any = None,
        time_windows: Any = None,
        depot_time_window: Optional[Tuple[float, float]] = None,
        prize: Any = None,
        required: Any = None,
        distance: Any = None,
        duration: Any = None,
        fixed_cost: float = 0.0,
        rounding: str = "exact",
        name: str = "",
    ) -> "Model":
        """A model from arrays, in one call: one depot at ``depot_xy`` (``(x, y)``) or several
        (an ``(m, 2)`` array), clients at ``client_xy`` (``(n, 2)``), ``demand`` (``(n,)`` or
        ``(n, d)``), one vehicle type of ``num_vehicles`` vehicles of ``capacity`` (a number or
        ``(d,)``) from and to depot 0. Optional per-client ``service`` (``(n,)`` or a number),
        ``time_windows`` (``(n, 2)``: earliest start, latest arrival), ``prize`` and ``required``
        (``(n,)``); ``depot_time_window`` ``(open, close)``; matrices over the locations.

        >>> import numpy as np
        >>> m = Model.from_arrays(depot_xy=(0, 0), client_xy=np.array([[3, 4], [6, 8]]),
        ...                       demand=[1, 2], capacity=3, num_vehicles=1)
        >>> m.data().num_clients
        2
        """
        m = cls(name=name, rounding=rounding)
        depots = np.asarray(depot_xy, dtype=np.float64)
        if depots.ndim == 1:
            depots = depots.reshape(1, -1)
        clients = np.asarray(client_xy, dtype=np.float64)
        if clients.ndim == 1 and clients.size == 0:
            clients = clients.reshape(0, 2)
        for field, a in (("depot_xy", depots), ("client_xy", clients)):
            if a.ndim != 2 or a.shape[1] != 2:
                raise _invalid(field, a.shape, "length_mismatch", "must be (x, y) pairs: an array of shape (n, 2)")
        n = len(clients)

        def per_client(field: str, value: Any, shapes: Sequence[Tuple[int, ...]]) -> Optional[np.ndarray]:
            """``value`` as an array of one of ``shapes`` (-1: any width); a number for every client."""
            if value is None:
                return None
            a = np.asarray(value)
            if a.ndim == 0 and shapes[0] == (n,):
                return np.full(n, a.item())
            if not any(len(s) == a.ndim and all(w in (-1, v) for w, v in zip(s, a.shape)) for s in shapes):
                wanted = " or ".join(str(s).replace("-1", "d") for s in shapes)
                raise _invalid(field, a.shape, "length_mismatch", f"must have shape {wanted} (one row per client)")
            return a

        demand_a = per_client("demand", demand, [(n,), (n, -1)])
        service_a = per_client("service", service, [(n,)])
        windows_a = per_client("time_windows", time_windows, [(n, 2)])
        prize_a = per_client("prize", prize, [(n,)])
        required_a = per_client("required", required, [(n,)])
        d_open, d_close = depot_time_window if depot_time_window is not None else (0.0, _INF)
        for x, y in depots:
            m.add_depot(x, y, tw_early=d_open, tw_late=d_close)
        for i, (x, y) in enumerate(clients):
            m.add_client(
                x,
                y,
                demand=None if demand_a is None else demand_a[i],
                service=0.0 if service_a is None else service_a[i],
                tw_early=0.0 if windows_a is None else windows_a[i, 0],
                tw_late=_INF if windows_a is None else windows_a[i, 1],
                required=True if required_a is None else bool(required_a[i]),
                prize=0.0 if prize_a is None else prize_a[i],
            )
        m.add_vehicle_type(count=num_vehicles, capacity=capacity, fixed_cost=fixed_cost)
        if distance is not None:
            m.distance_matrix(distance)
        if duration is not None:
            m.duration_matrix(duration)
        return m

    def data(self) -> Problem:
        """Validates the model and returns the :class:`Problem`.

        Raises:
            ValidationError: listing every issue (``issues``: each with ``code``,
                ``location`` such as ``"clients[3].tw_late"``, ``cause`` and ``action``); the
                error's ``code`` and ``field`` are the first issue's.
        """
        if self._vehicle_types:
            dims = len(self._vehicle_types[0][2])
        else:
            dims = next((len(c[3]) for c in self._clients if c[3] is not None), 0)
        clients = [tuple(c[:3] + [[0.0] * dims if c[3] is None else c[3]] + c[4:]) for c in self._clients]
        vehicle_types = [tuple(v) for v in self._vehicle_types]
        inner = _flowcast.vrp_build(
            self.name, list(self._depots), clients, vehicle_types, self._distance, self._duration, self.rounding
        )
        return Problem(inner)

    def __repr__(self) -> str:
        return (
            f"Model(name={self.name!r}, depots={len(self._depots)}, clients={len(self._clients)}, "
            f"vehicle_types={len(self._vehicle_types)})"
        )

"""The VRP quality harness: flowcast's routing solver and three peers (PyVRP, OR-Tools routing,
VROOM) on the same shared instances, with the same wall-clock limit each, every answer checked
and costed again here, independently of what the solver says about it.

    make bench-vrp                                                  # the default 8 X + 6 Solomon
    make bench-vrp HARNESS_ARGS="--set solomon --time-limit 30"
    .venv-vrp/bin/python benches/vrp/harness.py --instances X-n106-k14,R101 --solvers pyvrp,vroom \\
        --time-limit 2 --flowcast-threads 0,1

Instances come from the shared data (``$FLOWCAST_SHARED_DATA``, else ``<repo>/../shared/data``,
else ``/work/shared/data``), folder ``vrp/``:

* ``X/*.vrp``: CVRPLIB, Euclidean distances rounded to the nearest integer (TSPLIB ``nint``),
  unlimited fleet, objective total distance.
* ``solomon/*.txt``: Solomon VRPTW, double-precision Euclidean distances, travel time = distance,
  fleet size and capacity from the file, objective total distance only (not vehicles first).
* ``bks.csv``: column ``bks`` is the gap reference (for Solomon the distance-minimising BKS).

The limit counts from the start of each call, model building included: the peers run in this
process, are handed what is left of the budget once their model is built (PyVRP's ``MaxRuntime``
is started at the call start), and their wall time runs from the call start to the answer.
flowcast runs as ``target/release/flowcast vrp solve INSTANCE --time-limit T --seed S
[--threads N]`` and its wall time runs from process start to exit. Time beyond the limit is
reported as overshoot, not hidden.

Solomon data are real-valued; the peers need integers. Every peer gets distances scaled by
``SCALE`` (1000) and rounded (PyVRP's ``round_func="exact"`` convention) as its cost, and travel
times scaled and rounded *up*, so that a schedule feasible in their integer model is also
feasible in double precision. Costs are then recomputed here in double precision anyway.

Peers' settings: PyVRP ``solve(data, stop=MaxRuntime, seed)`` (one thread: it has no other mode);
OR-Tools with a capacity dimension (and a time dimension for Solomon), PATH_CHEAPEST_ARC then
GUIDED_LOCAL_SEARCH, one thread, no seed (its search is deterministic); VROOM (pyvroom)
``exploration_level=5`` on all cores with its ``timeout``. OR-Tools and VROOM need a fleet:
Solomon's file fleet (25), and for X ``2 * ceil(total demand / capacity)`` vehicles (twice the
capacity bound, which the ``k`` of the name equals or slightly exceeds: more than any BKS uses).
PyVRP gets one vehicle per client on X, as ``pyvrp.read`` sets it.

Every returned route set is re-evaluated (``evaluate``): every client exactly once, capacity,
Solomon time windows (service starts by the due date, waiting allowed, service times, back at
the depot by its due date) and fleet size; cost recomputed with the instance's own convention.
An infeasible answer is reported as infeasible, never as a cost. Writes a markdown table to
stdout, ``results.csv`` (one row per instance, one column group per solver) and
``solutions.jsonl`` (every route set, for audit) to ``--out``.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import timedelta
from importlib import metadata
from pathlib import Path

import numpy as np
import vrplib

REPO = Path(__file__).resolve().parents[2]
SCALE = 1000  # Solomon: integer units per distance/time unit for the peers
EPS = 1e-6  # float slack in the Solomon time-window and cost checks
PEERS = ("pyvrp", "ortools", "vroom")

# 8 X instances spread over 100-1000 clients and over route lengths (3 to 24 clients a route),
# and one Solomon instance per class, mixing tight (x01, x05) and wide (x02, x07) windows.
DEFAULT_X = [
    "X-n106-k14",
    "X-n190-k8",
    "X-n256-k16",
    "X-n344-k43",
    "X-n469-k138",
    "X-n586-k159",
    "X-n801-k40",
    "X-n1001-k43",
]
DEFAULT_SOLOMON = ["C101", "C205", "R101", "R207", "RC105", "RC202"]


# ---------------------------------------------------------------------------------------------
# Data


def shared_data() -> Path:
    """The shared data folder: $FLOWCAST_SHARED_DATA, then <repo>/../shared/data, then /work."""
    candidates = [Path(os.environ["FLOWCAST_SHARED_DATA"])] if os.environ.get("FLOWCAST_SHARED_DATA") else []
    candidates += [REPO.parent / "shared" / "data", Path("/work/shared/data")]
    for c in candidates:
        if (c / "vrp").is_dir():
            return c / "vrp"
    raise SystemExit(f"VRP data not found (looked for vrp/ in {', '.join(map(str, candidates))})")


@dataclass
class Instance:
    """One instance, in the harness's own terms: index 0 is the depot, client ids are 1..n (the
    CVRPLIB ``.sol`` convention: VRPLIB node k is client k-1; Solomon customers keep their
    numbers), so a client id is also its row in ``dist``."""

    name: str
    kind: str  # "X" or "solomon"
    path: Path
    coords: np.ndarray
    demand: np.ndarray
    capacity: int
    dist: np.ndarray  # X: nint-rounded int64; Solomon: float64
    bks: float
    fleet: int | None = None  # Solomon: the file's vehicle count; X: unlimited
    ready: np.ndarray | None = None  # Solomon only, same indexing as dist
    due: np.ndarray | None = None
    service: np.ndarray | None = None

    @property
    def n(self) -> int:
        return len(self.coords) - 1

    @property
    def has_tw(self) -> bool:
        return self.kind == "solomon"

    def min_vehicles(self) -> int:
        return math.ceil(int(self.demand.sum()) / self.capacity)

    def peer_fleet(self) -> int:
        """Vehicles for OR-Tools and VROOM: the file's fleet, or twice the capacity bound."""
        return self.fleet if self.fleet is not None else min(self.n, 2 * self.min_vehicles())

    def scaled_distance(self) -> np.ndarray:
        """Integer cost matrix for the peers: X as is; Solomon scaled by SCALE and rounded."""
        if self.kind == "X":
            return self.dist.astype(np.int64)
        return np.round(SCALE * self.dist).astype(np.int64)

    def scaled_duration(self) -> np.ndarray:
        """Integer travel times for the peers (Solomon): scaled by SCALE and rounded up, so that
        an integer-feasible schedule is feasible in double precision too."""
        return np.ceil(SCALE * self.dist - 1e-9).astype(np.int64)


def euclidean(coords: np.ndarray) -> np.ndarray:
    xy = coords.astype(np.float64)
    return np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=-1))


def read_bks(root: Path) -> dict[str, dict]:
    with open(root / "bks.csv", newline="") as f:
        return {row["instance"]: row for row in csv.DictReader(f)}


def load(root: Path, name: str, bks: dict[str, dict]) -> Instance:
    """Read one instance by its stem (X-n106-k14, R101), from X/ or solomon/."""
    if name not in bks:
        raise SystemExit(f"{name}: not in {root / 'bks.csv'}")
    ref = float(bks[name]["bks"])
    x_path, s_path = root / "X" / f"{name}.vrp", root / "solomon" / f"{name}.txt"
    if x_path.is_file():
        data = vrplib.read_instance(str(x_path), compute_edge_weights=False)
        if list(np.atleast_1d(data.get("depot", [0]))) != [0]:
            raise SystemExit(f"{name}: the harness expects the depot at VRPLIB node 1")
        if data.get("edge_weight_type", "EUC_2D") != "EUC_2D":
            raise SystemExit(f"{name}: only EUC_2D is supported")
        coords = np.asarray(data["node_coord"])
        # TSPLIB nint: floor(d + 0.5) (np.round would round halves to even).
        dist = np.floor(euclidean(coords) + 0.5).astype(np.int64)
        return Instance(name, "X", x_path, coords, np.asarray(data["demand"]), int(data["capacity"]), dist, ref)
    if s_path.is_file():
        data = vrplib.read_instance(str(s_path), instance_format="solomon", compute_edge_weights=False)
        coords = np.asarray(data["node_coord"])
        tw = np.asarray(data["time_window"])
        return Instance(
            name,
            "solomon",
            s_path,
            coords,
            np.asarray(data["demand"]),
            int(data["capacity"]),
            euclidean(coords),
            ref,
            fleet=int(data["vehicles"]),
            ready=tw[:, 0].astype(np.float64),
            due=tw[:, 1].astype(np.float64),
            service=np.asarray(data["service_time"], dtype=np.float64),
        )
    raise SystemExit(f"{name}: neither {x_path} nor {s_path} exists")


# ---------------------------------------------------------------------------------------------
# Independent re-evaluation


@dataclass
class Evaluation:
    feasible: bool
    cost: float
    vehicles: int
    problems: list[str] = field(default_factory=list)


def evaluate(inst: Instance, routes: list[list[int]]) -> Evaluation:
    """Check a route set (client ids, depot left out) against the instance and recompute its cost:
    X with the nint-rounded integer distances, Solomon in double precision."""
    problems: list[str] = []
    seen = np.zeros(inst.n + 1, dtype=np.int64)
    routes = [list(r) for r in routes if len(r) > 0]
    cost = 0.0
    for k, route in enumerate(routes):
        bad = [c for c in route if not (isinstance(c, (int, np.integer)) and 1 <= c <= inst.n)]
        if bad:
            problems.append(f"route {k + 1}: unknown client ids {bad[:5]}")
            continue
        for c in route:
            seen[c] += 1
        load_ = int(inst.demand[route].sum())
        if load_ > inst.capacity:
            problems.append(f"route {k + 1}: load {load_} > capacity {inst.capacity}")
        path = [0, *route, 0]
        cost += float(sum(inst.dist[a, b] for a, b in zip(path, path[1:])))
        if inst.has_tw:
            problems += _time_windows(inst, route, k + 1)
    missing = np.flatnonzero(seen[1:] == 0) + 1
    twice = np.flatnonzero(seen[1:] > 1) + 1
    if len(missing):
        problems.append(f"{len(missing)} clients not served (e.g. {missing[:5].tolist()})")
    if len(twice):
        problems.append(f"{len(twice)} clients served more than once (e.g. {twice[:5].tolist()})")
    if inst.fleet is not None and len(routes) > inst.fleet:
        problems.append(f"{len(routes)} routes > fleet {inst.fleet}")
    if inst.kind == "X":
        cost = float(round(cost))
    return Evaluation(not problems, cost, len(routes), problems)


def _time_windows(inst: Instance, route: list[int], k: int) -> list[str]:
    """Solomon schedule: leave the depot at its ready time, wait when early, start service by
    the due date, serve, travel (time = distance), and be back at the depot by its due date."""
    t, prev = float(inst.ready[0]), 0
    for c in route:
        t = max(t + inst.service[prev] + inst.dist[prev, c], inst.ready[c])
        if t > inst.due[c] + EPS:
            return [f"route {k}: client {c} reached at {t:.4f} > due {inst.due[c]:g}"]
        prev = c
    back = t + inst.service[prev] + inst.dist[prev, 0]
    if back > inst.due[0] + EPS:
        return [f"route {k}: back at the depot at {back:.4f} > due {inst.due[0]:g}"]
    return []


def check_reference_solutions(instances: list[Instance]) -> None:
    """Self-test of the evaluator: each X instance's BKS .sol must evaluate feasible at its BKS."""
    for inst in instances:
        sol = inst.path.with_suffix(".sol")
        if inst.kind != "X" or not sol.is_file():
            continue
        ev = evaluate(inst, vrplib.read_solution(str(sol))["routes"])
        if not ev.feasible or ev.cost != inst.bks:
            raise SystemExit(f"evaluator self-test failed on {sol}: {ev}")


# ---------------------------------------------------------------------------------------------
# Solvers. Each returns a Run; routes are client ids per the .sol convention.


@dataclass
class Run:
    status: str  # "ok" (an answer to evaluate), "no solution", "not built", "error", "timeout"
    routes: list[list[int]] = field(default_factory=list)
    reported_cost: float | None = None  # the solver's own cost, back in instance units
    wall: float = 0.0
    note: str = ""


def solve_pyvrp(inst: Instance, limit: float, seed: int) -> Run:
    import pyvrp
    from pyvrp.stop import MaxRuntime

    start = time.perf_counter()
    stop = MaxRuntime(limit)
    stop(0)  # MaxRuntime starts its clock at its first call: make that the call start
    if inst.kind == "X":
        data = pyvrp.read(inst.path, round_func="round")
    else:
        data = _pyvrp_solomon(inst)
    result = pyvrp.solve(data, stop=stop, seed=seed, collect_stats=False, display=False)
    wall = time.perf_counter() - start
    best = result.best
    routes = [[data.client(a.idx).location for a in route if a.is_client()] for route in best.routes()]
    scale = 1 if inst.kind == "X" else SCALE
    note = "" if result.is_feasible() else "PyVRP: best solution infeasible"
    return Run("ok", routes, best.distance() / scale, wall, note)


def _pyvrp_solomon(inst: Instance):
    """PyVRP ProblemData for a Solomon instance (pyvrp.read reads VRPLIB only): locations in file
    order, client i at location i, one vehicle type with the file's fleet and the depot's window."""
    import pyvrp

    s = SCALE
    locations = [pyvrp.Location(float(x), float(y)) for x, y in inst.coords]
    depot = pyvrp.Depot(0, tw_early=int(s * inst.ready[0]), tw_late=int(s * inst.due[0]))
    clients = [
        pyvrp.Client(
            i,
            delivery=[int(inst.demand[i])],
            service_duration=int(s * inst.service[i]),
            tw_early=int(s * inst.ready[i]),
            tw_late=int(s * inst.due[i]),
        )
        for i in range(1, inst.n + 1)
    ]
    vehicles = pyvrp.VehicleType(
        num_available=inst.fleet,
        capacity=[inst.capacity],
        tw_early=int(s * inst.ready[0]),
        tw_late=int(s * inst.due[0]),
    )
    return pyvrp.ProblemData(
        locations, clients, [depot], [vehicles], [inst.scaled_distance()], [inst.scaled_duration()]
    )


def solve_ortools(inst: Instance, limit: float, seed: int) -> Run:
    del seed  # OR-Tools routing has no seed: GLS from PATH_CHEAPEST_ARC is deterministic
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    start = time.perf_counter()
    fleet = inst.peer_fleet()
    manager = pywrapcp.RoutingIndexManager(inst.n + 1, fleet, 0)
    routing = pywrapcp.RoutingModel(manager)
    # Matrices indexed by node, evaluated in C++ (a Python callback would cost OR-Tools dearly).
    arc = routing.RegisterTransitMatrix(inst.scaled_distance().tolist())
    routing.SetArcCostEvaluatorOfAllVehicles(arc)
    demand = routing.RegisterUnaryTransitVector([int(d) for d in inst.demand])
    routing.AddDimension(demand, 0, inst.capacity, True, "Capacity")
    if inst.has_tw:
        # Transit i -> j = service at i + travel i -> j; the cumul is the start of service.
        travel = inst.scaled_duration() + np.round(SCALE * inst.service)[:, None].astype(np.int64)
        np.fill_diagonal(travel, 0)
        horizon = int(SCALE * inst.due[0])
        time_ = routing.RegisterTransitMatrix(travel.tolist())
        routing.AddDimension(time_, horizon, horizon, False, "Time")
        dim = routing.GetDimensionOrDie("Time")
        for c in range(1, inst.n + 1):
            dim.CumulVar(manager.NodeToIndex(c)).SetRange(int(SCALE * inst.ready[c]), int(SCALE * inst.due[c]))
        for v in range(fleet):
            for idx in (routing.Start(v), routing.End(v)):
                dim.CumulVar(idx).SetRange(int(SCALE * inst.ready[0]), horizon)
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    params.time_limit.FromMilliseconds(max(10, int(1000 * (limit - (time.perf_counter() - start)))))
    solution = routing.SolveWithParameters(params)
    wall = time.perf_counter() - start
    if solution is None:
        status = routing_enums_pb2.RoutingSearchStatus.Value.Name(routing.status())
        return Run("no solution", wall=wall, note=f"OR-Tools {status} with {fleet} vehicles")
    routes = []
    for v in range(fleet):
        idx, route = solution.Value(routing.NextVar(routing.Start(v))), []
        while not routing.IsEnd(idx):
            route.append(manager.IndexToNode(idx))
            idx = solution.Value(routing.NextVar(idx))
        if route:  # unused vehicles go straight from start to end
            routes.append(route)
    scale = 1 if inst.kind == "X" else SCALE
    return Run("ok", routes, solution.ObjectiveValue() / scale, wall)


def solve_vroom(inst: Instance, limit: float, seed: int) -> Run:
    del seed  # VROOM takes no seed
    import vroom

    start = time.perf_counter()
    problem = vroom.Input()
    problem.set_costs_matrix("car", inst.scaled_distance())
    if inst.has_tw:
        s = SCALE
        problem.set_durations_matrix("car", inst.scaled_duration())
        depot_tw = vroom.TimeWindow(int(s * inst.ready[0]), int(s * inst.due[0]))
        for v in range(inst.peer_fleet()):
            problem.add_vehicle(vroom.Vehicle(v + 1, start=0, end=0, capacity=[inst.capacity], time_window=depot_tw))
        for c in range(1, inst.n + 1):
            tw = vroom.TimeWindow(int(s * inst.ready[c]), int(s * inst.due[c]))
            problem.add_job(
                vroom.Job(
                    c,
                    location=c,
                    delivery=[int(inst.demand[c])],
                    default_service=int(s * inst.service[c]),
                    time_windows=[tw],
                )
            )
    else:
        problem.set_durations_matrix("car", inst.scaled_distance())
        for v in range(inst.peer_fleet()):
            problem.add_vehicle(vroom.Vehicle(v + 1, start=0, end=0, capacity=[inst.capacity]))
        for c in range(1, inst.n + 1):
            problem.add_job(vroom.Job(c, location=c, delivery=[int(inst.demand[c])]))
    remaining = max(0.01, limit - (time.perf_counter() - start))
    solution = problem.solve(exploration_level=5, nb_threads=cores(), timeout=timedelta(seconds=remaining))
    wall = time.perf_counter() - start
    summary = solution.to_dict()["summary"]
    frame = solution.routes
    jobs = frame[frame["type"] == "job"]
    routes = [[int(c) for c in group["id"]] for _, group in jobs.groupby("vehicle_id", sort=True)]
    scale = 1 if inst.kind == "X" else SCALE
    note = f"VROOM left {summary['unassigned']} jobs unassigned" if summary.get("unassigned") else ""
    return Run("ok", routes, summary["cost"] / scale, wall, note)


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def flowcast_available(binary: Path) -> str:
    """'' when `flowcast vrp solve` exists, else the reason it cannot run."""
    if not binary.is_file():
        return f"{binary} missing"
    try:
        probe = subprocess.run([str(binary), "vrp", "solve", "--help"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"{binary} vrp solve --help: {e}"
    if probe.returncode != 0:
        return (probe.stderr.strip().splitlines() or ["no vrp subcommand"])[0]
    return ""


def solve_flowcast(inst: Instance, limit: float, seed: int, binary: Path, threads: int) -> Run:
    """One `flowcast vrp solve` process; killed after twice the limit plus 30 s."""
    cmd = [str(binary), "vrp", "solve", str(inst.path), "--time-limit", f"{limit:g}", "--seed", str(seed)]
    if threads:
        cmd += ["--threads", str(threads)]
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=2 * limit + 30)
    except subprocess.TimeoutExpired:
        return Run("timeout", wall=time.perf_counter() - start, note=f"killed after {2 * limit + 30:g} s")
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        tail = (proc.stderr.strip().splitlines() or [f"exit {proc.returncode}"])[-1]
        return Run("error", wall=wall, note=f"exit {proc.returncode}: {tail[:200]}")
    answer = _last_json_object(proc.stdout)
    if answer is None:
        return Run("error", wall=wall, note="no JSON object on stdout")
    routes = [[int(c) for c in r] for r in answer.get("routes", [])]
    note = "" if answer.get("feasible", True) else "flowcast says: infeasible"
    if not routes:
        return Run("no solution", wall=wall, note=note or "no routes")
    cost = answer.get("cost")
    return Run("ok", routes, float(cost) if cost is not None else None, wall, note)


def _last_json_object(stdout: str) -> dict | None:
    try:
        value = json.loads(stdout)
        return value if isinstance(value, dict) else None
    except json.JSONDecodeError:
        pass
    for line in reversed(stdout.strip().splitlines()):
        if line.lstrip().startswith("{"):
            try:
                return json.loads(line)
            except json.JSONDecodeError:
                continue
    return None


# ---------------------------------------------------------------------------------------------
# Driver and report


@dataclass
class Cell:
    """One solver on one instance, after re-evaluation."""

    run: Run
    ev: Evaluation | None = None

    @property
    def solved(self) -> bool:
        return self.ev is not None and self.ev.feasible

    def verdict(self) -> str:
        if self.run.status != "ok":
            return self.run.status
        return "yes" if self.solved else "infeasible"


def gap(cost: float, bks: float) -> float:
    return 100.0 * (cost - bks) / bks


def cost_tolerance(inst: Instance, ev: Evaluation) -> float:
    """How far a solver's own cost may honestly differ from ours: nothing on X (integers); on
    Solomon half a scaled unit per arc (the peers' rounding) plus float noise."""
    return 1e-6 if inst.kind == "X" else (ev.vehicles + inst.n) * 0.5 / SCALE + 1e-6


def resolve_instances(args: argparse.Namespace, root: Path) -> list[str]:
    if args.instances:
        return [s.strip() for s in args.instances.split(",") if s.strip()]
    x = sorted((p.stem for p in (root / "X").glob("*.vrp")), key=lambda s: int(s.split("-")[1][1:]))
    solomon = sorted(p.stem for p in (root / "solomon").glob("*.txt"))
    return {"x": x, "solomon": solomon, "all": x + solomon, "default": DEFAULT_X + DEFAULT_SOLOMON}[args.set]


def solver_labels(args: argparse.Namespace) -> list[tuple[str, int]]:
    """(column label, flowcast thread count; 0 = flowcast's own default) per solver to run."""
    labels = []
    for name in [s.strip() for s in args.solvers.split(",") if s.strip()]:
        if name == "flowcast":
            threads = [int(t) for t in args.flowcast_threads.split(",")] if args.flowcast_threads else [args.threads]
            labels += [("flowcast" if t == 0 else f"flowcast-t{t}", t) for t in threads]
        elif name in PEERS:
            labels.append((name, 0))
        else:
            raise SystemExit(f"unknown solver {name!r} (flowcast, {', '.join(PEERS)})")
    return labels


def versions() -> dict[str, str]:
    out = {}
    for dist in ("pyvrp", "ortools", "pyvroom", "vrplib", "numpy"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "not installed"
    return out


def fmt(value: float | None, digits: int = 2) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--instances", default="", help="comma-separated stems (X-n106-k14,R101); overrides --set")
    parser.add_argument("--set", choices=["default", "x", "solomon", "all"], default="default")
    parser.add_argument("--time-limit", type=float, default=10.0, help="wall seconds per solver and instance")
    parser.add_argument("--solvers", default="flowcast,pyvrp,ortools,vroom")
    parser.add_argument("--threads", type=int, default=0, help="flowcast threads (0 = its default: all cores)")
    parser.add_argument("--flowcast-threads", default="", help="run flowcast once per value, e.g. 0,1")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=REPO / "target" / "vrp-harness")
    parser.add_argument("--flowcast-bin", type=Path, default=REPO / "target" / "release" / "flowcast")
    args = parser.parse_args()

    root = shared_data()
    bks = read_bks(root)
    instances = [load(root, name, bks) for name in resolve_instances(args, root)]
    check_reference_solutions(instances)
    labels = solver_labels(args)
    limit = args.time_limit
    missing_flowcast = flowcast_available(args.flowcast_bin) if any(t[0].startswith("flowcast") for t in labels) else ""
    args.out.mkdir(parents=True, exist_ok=True)

    vers = versions()
    print(f"data {root}; {len(instances)} instances; limit {limit:g} s; seed {args.seed}; {cores()} cores")
    print("versions: " + ", ".join(f"{k} {v}" for k, v in vers.items()))
    if missing_flowcast:
        print(f"flowcast vrp not built yet ({missing_flowcast}): its rows say so")

    solvers = {
        "pyvrp": solve_pyvrp,
        "ortools": solve_ortools,
        "vroom": solve_vroom,
    }
    table: dict[str, dict[str, Cell]] = {}
    with open(args.out / "solutions.jsonl", "w") as log:
        for inst in instances:
            table[inst.name] = {}
            for label, threads in labels:
                if label.startswith("flowcast"):
                    if missing_flowcast:
                        run = Run("not built", note="flowcast vrp not built yet")
                    else:
                        run = solve_flowcast(inst, limit, args.seed, args.flowcast_bin, threads)
                else:
                    try:
                        run = solvers[label](inst, limit, args.seed)
                    except Exception as e:  # a peer's failure is a result, not the end of the run
                        run = Run("error", note=f"{type(e).__name__}: {e}"[:200])
                cell = Cell(run, evaluate(inst, run.routes) if run.status == "ok" else None)
                table[inst.name][label] = cell
                log.write(json.dumps(_log_record(inst, label, cell)) + "\n")
                print(_progress(inst, label, cell, limit), flush=True)

    write_csv(args.out / "results.csv", instances, labels, table)
    print_table(instances, labels, table)
    print_summary(instances, labels, table, limit)
    print(f"\nwritten {args.out / 'results.csv'} and {args.out / 'solutions.jsonl'}")


def _progress(inst: Instance, label: str, cell: Cell, limit: float) -> str:
    head = f"  {inst.name:<12} {label:<12}"
    if cell.ev is None:
        return f"{head} {cell.run.status}: {cell.run.note}" if cell.run.note else f"{head} {cell.run.status}"
    ev, run = cell.ev, cell.run
    if not ev.feasible:
        text = f"{head} INFEASIBLE  {ev.vehicles:4d} veh  {run.wall:7.2f} s: " + "; ".join(ev.problems[:3])
        return text + (f"  [{run.note}]" if run.note else "")
    text = f"{head} cost {ev.cost:12.2f}  gap {gap(ev.cost, inst.bks):7.2f} %  {ev.vehicles:4d} veh  {run.wall:7.2f} s"
    if run.reported_cost is not None and abs(run.reported_cost - ev.cost) > cost_tolerance(inst, ev):
        text += f"  (own cost {run.reported_cost:.3f} disagrees)"
    return text + (f"  [{run.note}]" if run.note else "")


def _log_record(inst: Instance, label: str, cell: Cell) -> dict:
    rec = {"instance": inst.name, "solver": label, "status": cell.run.status, "wall": round(cell.run.wall, 4)}
    rec.update({"reported_cost": cell.run.reported_cost, "note": cell.run.note, "routes": cell.run.routes})
    if cell.ev:
        rec.update({"cost": cell.ev.cost, "feasible": cell.ev.feasible, "problems": cell.ev.problems})
    return rec


def write_csv(path: Path, instances, labels, table) -> None:
    fields = ["instance", "n_clients", "bks"]
    for label, _ in labels:
        fields += [f"{label}_{k}" for k in ("cost", "gap_pct", "vehicles", "wall_s", "feasible", "reported_cost")]
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        for inst in instances:
            row = {"instance": inst.name, "n_clients": inst.n, "bks": inst.bks}
            for label, _ in labels:
                cell = table[inst.name][label]
                row[f"{label}_wall_s"] = f"{cell.run.wall:.3f}" if cell.run.status != "not built" else ""
                row[f"{label}_feasible"] = cell.verdict()
                row[f"{label}_reported_cost"] = fmt(cell.run.reported_cost, 4)
                if cell.ev:
                    row[f"{label}_vehicles"] = cell.ev.vehicles
                if cell.solved:
                    row[f"{label}_cost"] = fmt(cell.ev.cost, 4)
                    row[f"{label}_gap_pct"] = fmt(gap(cell.ev.cost, inst.bks), 4)
            w.writerow(row)


def print_table(instances, labels, table) -> None:
    head = ["instance", "n", "BKS"]
    for label, _ in labels:
        head += [f"{label} cost", "gap %", "veh", "s", "feasible"]
    print("\n| " + " | ".join(head) + " |\n|" + "---|" * len(head))
    for inst in instances:
        cells = [inst.name, str(inst.n), f"{inst.bks:g}"]
        for label, _ in labels:
            cell = table[inst.name][label]
            if cell.run.status == "not built":
                cells += ["flowcast vrp not built yet", "", "", "", ""]
                continue
            cost = fmt(cell.ev.cost) if cell.solved else ""
            g = fmt(gap(cell.ev.cost, inst.bks)) if cell.solved else ""
            veh = str(cell.ev.vehicles) if cell.ev else ""
            cells += [cost, g, veh, fmt(cell.run.wall), cell.verdict()]
        print("| " + " | ".join(cells) + " |")


def mean_gap(instances, table, label: str, only: set[str] | None = None) -> tuple[float | None, int]:
    gaps = [
        gap(table[i.name][label].ev.cost, i.bks)
        for i in instances
        if table[i.name][label].solved and (only is None or i.name in only)
    ]
    return (float(np.mean(gaps)) if gaps else None), len(gaps)


def print_summary(instances, labels, table, limit: float) -> None:
    print()
    for label, _ in labels:
        cells = [table[i.name][label] for i in instances]
        if all(c.run.status == "not built" for c in cells):
            print(f"{label}: flowcast vrp not built yet")
            continue
        mg, n = mean_gap(instances, table, label)
        infeasible = sum(c.run.status == "ok" and not c.solved for c in cells)
        unsolved = sum(c.run.status != "ok" for c in cells)
        longest = max(c.run.wall for c in cells)
        over = max(0.0, longest - limit)
        self_check = [
            abs(c.run.reported_cost - c.ev.cost) for c in cells if c.solved and c.run.reported_cost is not None
        ]
        print(
            f"{label}: mean gap {fmt(mg, 3) or 'n/a'} % over {n} feasibly solved; {infeasible} infeasible, "
            f"{unsolved} no solution/error/timeout; max wall {longest:.2f} s, overshoot {over:.2f} s; "
            f"own cost vs ours max |diff| {fmt(max(self_check), 4) if self_check else 'n/a'}"
        )
    if any(label == "pyvrp" for label, _ in labels):
        for label, _ in labels:
            if not label.startswith("flowcast"):
                continue
            both = {i.name for i in instances if table[i.name][label].solved and table[i.name]["pyvrp"].solved}
            fc, n = mean_gap(instances, table, label, both)
            py, _ = mean_gap(instances, table, "pyvrp", both)
            if n == 0 or py is None or fc is None:
                print(f"{label} / pyvrp mean gap ratio: n/a (no instance solved feasibly by both)")
            elif py <= 0:
                print(f"{label} / pyvrp mean gap ratio: n/a (PyVRP's mean gap {py:.3f} % is not positive)")
            else:
                print(f"{label} / pyvrp mean gap ratio: {fc / py:.3f} ({fc:.3f} % / {py:.3f} % over {n} instances)")


if __name__ == "__main__":
    sys.exit(main())

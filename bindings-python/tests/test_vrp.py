"""flowcast.vrp: reading the shared instances, solving them under a time limit with every answer
checked by the independent checker, the Model builder on hand-checkable toys, pickling, warm
starts, the GIL and Ctrl-C, and bad input raising ValidationError with every issue."""

import _thread
import json
import math
import pickle
import threading
import time

import numpy as np
import pytest
from conftest import shared_data

import flowcast
import flowcast.vrp as vrp


@pytest.fixture(scope="module")
def x106():
    return vrp.read(shared_data() / "vrp" / "X" / "X-n106-k14.vrp")


@pytest.fixture(scope="module")
def c101():
    return vrp.read(shared_data() / "vrp" / "solomon" / "C101.txt")


def visits_every_client_once(problem, result):
    seen = sorted(c for r in result.routes for c in r)
    return seen == list(range(problem.num_clients))


def test_reads_an_x_instance(x106):
    assert (x106.name, x106.num_clients, x106.num_depots, x106.num_vehicle_types) == ("X-n106-k14", 105, 1, 1)
    assert x106.dimensions == 1 and x106.num_locations == 106
    assert repr(x106) == (
        "Problem(name='X-n106-k14', clients=105, depots=1, vehicle_types=1, vehicles=105, dimensions=1)"
    )
    d = x106.distance_matrix()
    assert d.shape == (106, 106) and d[0, 1] == round(math.hypot(615, 190))  # CVRPLIB nint


def test_solves_an_x_instance_and_the_checker_agrees(x106):
    result = vrp.solve(x106, time_limit=1, seed=1)
    assert result.is_feasible() and result.feasible and result.unserved == []
    assert visits_every_client_once(x106, result)
    assert result.vehicle_types == [0] * result.num_vehicles
    assert 0 < result.seconds < 1.5 and result.iterations > 0
    report = vrp.check(x106, result)
    assert report["feasible"] and report["violations"] == []
    assert report["cost"] == result.cost and report["num_vehicles"] == result.num_vehicles
    assert 26362 <= result.cost <= 26362 * 1.05  # best known 26362
    # The BKS routes, from CVRPLIB's 1-based ids, check at their cost.
    text = (shared_data() / "vrp" / "X" / "X-n106-k14.sol").read_text()
    bks = [[int(i) - 1 for i in line.split(":")[1].split()] for line in text.splitlines() if line.startswith("Route")]
    assert vrp.check(x106, bks)["cost"] == 26362


def test_solves_a_solomon_instance_within_its_fleet(c101):
    assert (c101.name, c101.num_clients, c101.num_vehicles) == ("C101", 100, 25)
    result = vrp.solve(c101, time_limit=1, seed=2, threads=1)
    report = vrp.check(c101, result)
    assert result.is_feasible() and report["feasible"], report["violations"][:3]
    assert visits_every_client_once(c101, result) and result.num_vehicles <= 25
    assert math.isclose(report["cost"], result.cost, rel_tol=1e-9)
    assert 827.3 - 0.1 <= result.cost <= 827.3 * 1.05  # distance-minimising BKS 827.3
    # Per-route details: every departure and return within the depot's hours [0, 1236].
    assert all(0 <= r["departure"] and r["return_time"] <= 1236 + 1e-6 for r in report["routes"])


def two_clusters():
    """Six clients of demand 1 in two clusters of three, on the axes at 10, 11 and 12 from the
    depot; two vehicles of capacity 3. Each vehicle must take three clients, and a route through
    one cluster costs at least 2 * 12 = 24, which the straight out-and-back achieves: the optimum
    is 48, one route per cluster."""
    m = vrp.Model(name="clusters")
    m.add_depot(0, 0)
    for k in (10, 11, 12):
        m.add_client(k, 0, demand=1)
    for k in (10, 11, 12):
        m.add_client(0, k, demand=1)
    m.add_vehicle_type(count=2, capacity=3)
    return m


def test_builder_toy_reaches_its_known_optimum():
    problem = two_clusters().data()
    result = vrp.solve(problem, time_limit=0.5, seed=3)
    assert result.is_feasible() and result.cost == pytest.approx(48.0)
    assert sorted(sorted(r) for r in result.routes) == [[0, 1, 2], [3, 4, 5]]
    assert vrp.check(problem, [[0, 1, 2], [3, 4, 5]])["cost"] == pytest.approx(48.0)


def test_time_windows_force_the_order():
    """One vehicle; client 0 at x=1 opens at 20, client 1 at x=5 closes at 6. Going to client 1
    first (arrive 5), then client 0 (arrive 9, wait until 20), then home: distance 10. The other
    order reaches client 1 at 24, after its window."""
    m = vrp.Model()
    m.add_depot(0, 0)
    m.add_client(1, 0, tw_early=20, tw_late=30)
    m.add_client(5, 0, tw_late=6)
    m.add_vehicle_type(count=1, capacity=None)
    problem = m.data()
    assert problem.dimensions == 0
    result = vrp.solve(problem, time_limit=None, max_iterations=500, threads=1)
    assert result.routes == [[1, 0]] and result.cost == pytest.approx(10.0)
    report = vrp.check(problem, [[0, 1]])
    assert not report["feasible"]
    (v,) = report["violations"]
    assert (v["code"], v["route"], v["client"], v["arrival"], v["tw_late"]) == ("time_window_missed", 0, 1, 24, 6)
    # Duration is the minimum over departures: leaving at 1 (the latest that still reaches
    # client 1 by 6) and back at 21.
    good = vrp.check(problem, [[1, 0]])["routes"][0]
    assert (good["departure"], good["return_time"], good["duration"]) == (1, 21, 20)


def test_from_arrays_builds_the_same_problem():
    xy = np.array([[10, 0], [11, 0], [12, 0], [0, 10], [0, 11], [0, 12]], dtype=float)
    m = vrp.Model.from_arrays(
        depot_xy=(0, 0), client_xy=xy, demand=np.ones(6), capacity=3, num_vehicles=2, name="clusters"
    )
    assert m.data() == two_clusters().data()
    windows = np.column_stack([np.zeros(6), np.full(6, 100.0)])
    timed = vrp.Model.from_arrays(
        (0, 0), xy, np.ones((6, 2)), [3, 3], 2, service=1.0, time_windows=windows, depot_time_window=(0, 200)
    ).data()
    assert timed.dimensions == 2
    result = vrp.solve(timed, time_limit=0.3)
    assert result.is_feasible() and vrp.check(timed, result)["feasible"]


def test_explicit_matrices_and_costs():
    """Distances given (asymmetric), durations given apart; a fixed cost per vehicle and a
    cost per unit of duration."""
    m = vrp.Model()
    m.add_depot(0, 0)
    m.add_client(0, 0, demand=1)
    m.add_client(0, 0, demand=1)
    m.add_vehicle_type(count=2, capacity=2, fixed_cost=100, unit_duration_cost=0.5)
    m.distance_matrix([[0, 1, 9], [9, 0, 1], [1, 9, 0]])
    m.duration_matrix(np.full((3, 3), 2.0) - 2 * np.eye(3))
    problem = m.data()
    assert problem.distance_matrix()[0, 2] == 9 and problem.duration_matrix()[0, 1] == 2
    result = vrp.solve(problem, time_limit=0.3)
    # One vehicle 0 -> 1 -> 2 -> 0: distance 3, duration 6, fixed 100.
    assert result.routes == [[0, 1]] and result.cost == pytest.approx(100 + 3 + 3)
    assert vrp.Problem.from_json(problem.to_json()) == problem


def test_pickling_round_trips(x106):
    problem = two_clusters().data()
    assert pickle.loads(pickle.dumps(problem)) == problem
    assert pickle.loads(pickle.dumps(x106)) == x106
    result = vrp.solve(problem, time_limit=0.2)
    again = pickle.loads(pickle.dumps(result))
    assert again == result and again.is_feasible() and again.num_vehicles == result.num_vehicles
    try:
        vrp.Model().data()
    except flowcast.ValidationError as e:
        copy = pickle.loads(pickle.dumps(e))
        assert (copy.code, copy.field, copy.issues, str(copy)) == (e.code, e.field, e.issues, str(e))


def test_warm_start_is_never_worse(x106):
    first = vrp.solve(x106, time_limit=0.3, seed=4, threads=1)
    again = vrp.solve(x106, time_limit=0.2, seed=5, threads=1, initial=first)
    assert again.cost <= first.cost and vrp.check(x106, again)["feasible"]
    # A poor start: clients in index order, a new route whenever the next would overload it.
    demand = [c["demand"][0] for c in json.loads(x106.to_json())["clients"]]
    poor, load = [[]], 0
    for c, d in enumerate(demand):
        if load + d > 600:
            poor, load = poor + [[]], 0
        poor[-1].append(c)
        load += d
    report = vrp.check(x106, poor)
    assert report["feasible"] and report["cost"] > 2 * first.cost
    warm = vrp.solve(x106, time_limit=0.2, seed=6, initial=poor)
    assert warm.cost <= report["cost"] and warm.is_feasible()


def test_one_thread_and_an_iteration_limit_are_deterministic():
    problem = two_clusters().data()
    a, b = (vrp.solve(problem, time_limit=None, max_iterations=300, threads=1, seed=9) for _ in range(2))
    assert (a.routes, a.cost, a.iterations) == (b.routes, b.cost, b.iterations)


def test_unservable_clients_are_left_out_with_a_reason():
    m = vrp.Model()
    m.add_depot(0, 0)
    m.add_client(1, 0, demand=5)
    m.add_client(2, 0, demand=50)
    m.add_client(100, 0, demand=1, tw_late=10)
    m.add_vehicle_type(count=2, capacity=10)
    problem = m.data()
    assert problem.unservable() == {1: "demand_exceeds_capacity", 2: "time_window_unreachable"}
    result = vrp.solve(problem, time_limit=0.2)
    assert result.unserved == [(1, "demand_exceeds_capacity"), (2, "time_window_unreachable")]
    assert not result.is_feasible() and result.routes == [[0]]
    assert [v["code"] for v in vrp.check(problem, result)["violations"]] == ["required_not_visited"] * 2


def prize_toy():
    """Client 1 is optional, 50 away: visiting it costs 100 - 2 more, skipping it costs its
    prize, 10. The optimum skips it: 2 + 10 = 12."""
    m = vrp.Model()
    m.add_depot(0, 0)
    m.add_client(1, 0, demand=1)
    m.add_client(50, 0, demand=1, required=False, prize=10)
    m.add_vehicle_type(count=1, capacity=5)
    return m.data()


def test_optional_clients_are_costed_by_the_checker():
    problem = prize_toy()
    assert vrp.check(problem, [[0]])["cost"] == 12 and vrp.check(problem, [[0]])["uncollected_prizes"] == 10
    result = vrp.solve(problem, time_limit=0.2)
    assert result.is_feasible() and result.cost == vrp.check(problem, result)["cost"]


def test_optional_clients_are_skipped_when_their_prize_is_small():
    result = vrp.solve(prize_toy(), time_limit=0.2)
    assert result.routes == [[0]] and result.cost == pytest.approx(12.0)


def test_the_solve_releases_the_gil(x106):
    done = []
    worker = threading.Thread(target=lambda: done.append(vrp.solve(x106, time_limit=0.6, threads=1)))
    start = time.perf_counter()
    worker.start()
    ticks = 0
    while worker.is_alive() and time.perf_counter() - start < 0.4:
        ticks += 1
    worker.join()
    assert done and ticks > 10_000, ticks


def test_ctrl_c_stops_the_search(x106):
    timer = threading.Timer(0.3, _thread.interrupt_main)
    start = time.perf_counter()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        vrp.solve(x106, time_limit=20)
    assert time.perf_counter() - start < 5


def test_an_invalid_model_lists_every_issue():
    m = vrp.Model()
    m.add_depot(0, 0)
    m.add_client(1, 1, demand=-1, tw_early=5, tw_late=3)
    m.add_client(2, 2, demand=[1, 2])
    m.add_vehicle_type(count=0, capacity=10, start_depot=3)
    with pytest.raises(flowcast.ValidationError) as info:
        m.data()
    e = info.value
    assert isinstance(e, ValueError) and isinstance(e, flowcast.FlowcastError)
    codes = [i["code"] for i in e.issues]
    assert codes == ["negative", "window_inverted", "length_mismatch", "no_vehicles", "out_of_range"], e.issues
    assert (e.code, e.field) == ("negative", "clients[0].demand[0]")
    assert e.issues[1]["location"] == "clients[0].tw_late" and e.issues[1]["action"]
    assert str(e).startswith("invalid problem (5 issues):") and "clients[1].demand" in str(e)


@pytest.mark.parametrize(
    "build, code, field",
    [
        (lambda m: m.add_client("a", 0), "wrong_type", "clients[0].x"),
        (lambda m: m.add_client(0, 0, demand=[1, "b"]), "wrong_type", "clients[0].demand[1]"),
        (lambda m: m.add_vehicle_type(count=-1, capacity=1), "negative", "vehicle_types[0].count"),
        (lambda m: m.add_vehicle_type(count=1.5, capacity=1), "wrong_type", "vehicle_types[0].count"),
        (lambda m: m.distance_matrix([1, 2, 3]), "wrong_type", "distance"),
    ],
)
def test_builder_arguments_are_checked_at_once(build, code, field):
    with pytest.raises(flowcast.ValidationError) as info:
        build(vrp.Model())
    assert (info.value.code, info.value.field) == (code, field)


def test_bad_models_at_data_time():
    m = two_clusters()
    m.distance_matrix(np.zeros((7, 6)))
    with pytest.raises(flowcast.ValidationError) as info:
        m.data()
    assert (info.value.code, info.value.field) == ("matrix_size", "distance")
    m.distance_matrix(np.zeros((5, 5)))
    with pytest.raises(flowcast.ValidationError, match="matrix_size"):
        m.data()
    nan = vrp.Model()
    nan.add_depot(0, float("nan"))
    nan.add_vehicle_type(1, 1)
    with pytest.raises(flowcast.ValidationError) as info:
        nan.data()
    assert (info.value.code, info.value.field) == ("not_finite", "depots[0].y")
    with pytest.raises(flowcast.ValidationError) as info:
        vrp.Model(rounding="floor").data()
    assert info.value.field == "rounding"
    with pytest.raises(flowcast.ValidationError) as info:
        vrp.Model.from_arrays((0, 0), np.zeros((3, 2)), [1, 2], 5, 1)
    assert (info.value.code, info.value.field) == ("length_mismatch", "demand")


def test_malformed_files_name_the_line(tmp_path):
    path = tmp_path / "bad.vrp"
    path.write_text(
        "NAME : bad\nTYPE : CVRP\nDIMENSION : 3\nEDGE_WEIGHT_TYPE : EUC_2D\nNODE_COORD_SECTION\n1 0 0\n2 x 1\n"
    )
    with pytest.raises(flowcast.ValidationError) as info:
        vrp.read(path)
    assert (info.value.code, info.value.line) == ("malformed", 7)
    assert str(info.value).startswith("line 7:")
    with pytest.raises(flowcast.ValidationError) as info:
        vrp.read(path, format="csv")
    assert (info.value.code, info.value.field) == ("out_of_range", "format")
    with pytest.raises(flowcast.ValidationError) as info:
        vrp.read(path, format=3)
    assert (info.value.code, info.value.field) == ("wrong_type", "format")
    path.write_bytes(b"NAME : x\n\xff\n")
    with pytest.raises(flowcast.ValidationError) as info:
        vrp.read(path)
    assert info.value.line == 2
    with pytest.raises(flowcast.ValidationError) as info:
        vrp.Problem.from_json('{"format": "flowcast-vrp-problem", "version": 9}')
    assert info.value.code == "unsupported_version"
    with pytest.raises(FileNotFoundError):
        vrp.read(tmp_path / "missing.vrp")


def test_bad_solve_and_check_arguments(x106):
    problem = two_clusters().data()
    cases = [
        (lambda: vrp.solve(problem, time_limit=-1), "negative", "time_limit"),
        (lambda: vrp.solve(problem, time_limit=float("nan")), "not_finite", "time_limit"),
        (lambda: vrp.solve(problem, time_limit=None), "out_of_range", "time_limit"),
        (lambda: vrp.solve(problem, seed=-1), "negative", "seed"),
        (lambda: vrp.solve("x.vrp"), "wrong_type", "problem"),
        (lambda: vrp.solve(problem, time_limit=0.1, initial=[[0, 99]]), "out_of_range", "initial"),
        (lambda: vrp.solve(problem, time_limit=0.1, initial=[[0, 0]]), "out_of_range", "initial"),
        (lambda: vrp.solve(problem, time_limit=0.1, initial=[[0, -1]]), "negative", "initial[0][1]"),
        (lambda: vrp.check(problem, [[0, 1.5]]), "wrong_type", "routes[0][1]"),
        (lambda: vrp.check(problem, [[0]], vehicle_types=[0, 0]), "length_mismatch", "vehicle_types"),
        (lambda: vrp.check(problem, 3), "wrong_type", "routes"),
    ]
    for call, code, field in cases:
        with pytest.raises(flowcast.ValidationError) as info:
            call()
        assert (info.value.code, info.value.field) == (code, field), str(info.value)
    # Unknown clients and vehicle types are the checker's findings, not errors.
    report = vrp.check(problem, [[0, 1, 2, 99], [3]], vehicle_types=[0, 4])
    assert {v["code"] for v in report["violations"]} >= {"unknown_vehicle_type", "unknown_client"}

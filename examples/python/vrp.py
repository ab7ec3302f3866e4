"""Vehicle routing from Python: a CVRPLIB X instance and a Solomon instance from the shared data,
solved for two seconds each and checked by the independent checker; then a small delivery
problem built from numpy arrays (two vans, time windows, a fixed cost per van) and an invalid
one, whose every issue is reported at once.

Run: python examples/python/vrp.py
"""

import os
from pathlib import Path

import numpy as np

import flowcast
import flowcast.vrp as vrp

repo = Path(__file__).resolve().parents[2]
# The shared data: $FLOWCAST_SHARED_DATA, ../shared/data beside the repository, /work/shared/data.
candidates = [os.environ.get("FLOWCAST_SHARED_DATA"), repo.parent / "shared" / "data", "/work/shared/data"]
data = next(Path(c) for c in candidates if c and Path(c).is_dir()) / "vrp"

for path, best_known in [(data / "X" / "X-n106-k14.vrp", 26362), (data / "solomon" / "C101.txt", 827.3)]:
    problem = vrp.read(path)
    result = vrp.solve(problem, time_limit=2, seed=1)
    report = vrp.check(problem, result)  # recomputed from scratch, sharing no code with the solver
    print(
        f"{problem.name}: {problem.num_clients} clients, cost {result.cost:.1f} "
        f"(gap {100 * (result.cost / best_known - 1):.2f} % to {best_known}), {result.num_vehicles} routes, "
        f"checked {'feasible' if report['feasible'] else 'INFEASIBLE'} at {report['cost']:.1f}, "
        f"{result.iterations} iterations in {result.seconds:.2f} s"
    )

# Eight pharmacies around a warehouse (km), demands in cases, delivery windows in minutes after
# 8:00, 10 minutes of service each; two vans of 20 cases, 1 km = 1 minute, 30 per van used.
rng = np.random.default_rng(7)
sites = rng.uniform(-20, 20, size=(8, 2)).round(1)
demand = rng.integers(2, 7, size=8)
opens = rng.choice([0, 60, 120], size=8)
model = vrp.Model.from_arrays(
    depot_xy=(0, 0),
    client_xy=sites,
    demand=demand,
    capacity=20,
    num_vehicles=2,
    service=10,
    time_windows=np.column_stack([opens, opens + 180]),
    depot_time_window=(0, 480),
    fixed_cost=30,
    name="pharmacies",
)
problem = model.data()
result = vrp.solve(problem, time_limit=0.5, seed=1)
report = vrp.check(problem, result)
print(f"{problem!r}: cost {result.cost:.1f}, feasible {result.is_feasible()}")
for k, (route, info) in enumerate(zip(result.routes, report["routes"])):
    stops = " -> ".join(f"#{c}" for c in route)
    print(
        f"  van {k}: depot -> {stops} -> depot, {info['distance']:.1f} km, load {info['load'][0]:.0f}, "
        f"out at {info['departure']:.0f}, back at {info['return_time']:.0f}"
    )

bad = vrp.Model()
bad.add_depot(0, 0)
bad.add_client(5, 5, demand=-2, tw_early=60, tw_late=30)
bad.add_vehicle_type(count=1, capacity=10, start_depot=2)
try:
    bad.data()
except flowcast.ValidationError as e:
    print(f"invalid model, {len(e.issues)} issues:")
    for issue in e.issues:
        print(f"  {issue['location']}: {issue['cause']} [{issue['code']}]")

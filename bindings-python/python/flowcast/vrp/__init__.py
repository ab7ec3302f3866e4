"""Vehicle routing: read or build a problem, solve it, check any solution independently.

Problems come from VRPLIB/CVRPLIB, Solomon or flowcast JSON files (:func:`read`), or from
numbers and arrays (:class:`Model`); either way they are validated once, every issue reported
at once. :func:`solve` runs the search without the GIL for a time limit and returns a
:class:`Result`; :func:`check` recomputes any solution's cost and lists every violated rule
with a stable code. Client indices are 0-based positions in the problem's clients (a VRPLIB
file's node ``k`` is client ``k - 2`` when node 1 is the depot; Solomon customer ``i`` is client
``i - 1``). The route semantics are in ``docs/vrp-format.md``.

>>> import flowcast.vrp as vrp
>>> m = vrp.Model(name="corners")
>>> _ = m.add_depot(0, 0)
>>> for x, y in [(0, 10), (10, 10), (10, 0)]:
...     _ = m.add_client(x, y, demand=4)
>>> _ = m.add_vehicle_type(count=2, capacity=10)
>>> problem = m.data()
>>> result = vrp.solve(problem, time_limit=0.2, seed=1)
>>> result.is_feasible(), round(result.cost, 3)
(True, 54.142)
>>> vrp.check(problem, result)["feasible"]
True
"""

from flowcast.vrp._problem import Model, Problem, read
from flowcast.vrp._solve import Result, check, solve

__all__ = ["read", "Problem", "Model", "solve", "Result", "check"]

"""Mean kinetic temperature per lot from a long table of readings (polars), in one call.

Run: python examples/python/cold_chain.py
"""

import polars as pl

import flowcast
import flowcast.expiry as ex

readings = pl.DataFrame(
    {
        "lot": ["fridge"] * 24 + ["door-open"] * 24 + ["room"] * 4,
        "temp_c": [5.0] * 24 + [5.0] * 20 + [12.0, 14.0, 13.0, 9.0] + [21.0, 23.0, 24.0, 22.0],
    }
)
per_lot = ex.mean_kinetic_temperature_by(readings, by="lot", temps="temp_c")
print(per_lot)
mkt = dict(zip(per_lot["lot"], per_lot["mkt_c"]))
assert mkt["fridge"] < mkt["door-open"] < 8.0

try:
    ex.mean_kinetic_temperature([5.0, float("nan")])
except flowcast.ValidationError as e:
    print("bad log:", e)

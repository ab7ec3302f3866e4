"""A cold chain end to end, from Python: MKT per lot from a polars table, excursions with a
verdict (batch and streaming), FEFO picking, perishable stock at its best base stock, and a
donation plan for stock that will expire unsold.

Run: python examples/python/cold_chain.py
"""

import numpy as np
import pandas as pd
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

# The door-open log with real timestamps, judged as a 2–8 °C product with a 72 h budget above 8 °C.
times = pd.date_range("2026-11-20", periods=24, freq="h")
door = readings.filter(pl.col("lot") == "door-open")["temp_c"].to_numpy()
report = ex.analyze_excursions(times, door, "refrigerated", min_duration=30, budgets=[("(8, 25]", 72 * 60)])
for e in report["events"]:
    print(f"excursion {e['kind']} at {e['start']} for {e['duration_min']:.0f} min, peak {e['peak_c']} °C")
print("verdict:", report["verdict"]["status"], "-", report["verdict"]["reasons"][0]["message"])

# The same log reading by reading, as a monitoring service would; its state survives a restart.
tracker = ex.ExcursionTracker("refrigerated", min_duration=30)
minutes = np.arange(24) * 60.0
for t, v in zip(minutes[:12], door[:12]):
    tracker.push(t, v)
tracker = ex.ExcursionTracker.from_state(tracker.state())
alerts = [t for t, v in zip(minutes[12:], door[12:]) if tracker.push(t, v)["excursion_confirmed"]]
print("alert raised at minute", alerts)

used = ex.shelf_life_consumed(door, np.ones(24), t_ref_c=5.0, shelf_life_at_ref=17_520)
print(f"24 h aged the lot {used['equivalent_at_ref']:.1f} h at 5 °C")

lots = [
    {"lot": "A", "expiry_day": 40, "qty": 50},
    {"lot": "B", "expiry_day": 20, "qty": 30},
    {"lot": "C", "expiry_day": 90, "qty": 80},
]
print("FEFO:", ex.fefo_allocate(lots, qty=70, ship_day=0, min_remaining_days=30, reasons=True))

best = ex.optimize_perishable_base_stock(2, 10.0, "fifo", order_cost=3, holding_cost=1, shortage_cost=5, wastage_cost=7)
m = best["metrics"]
print(f"order up to {best['base_stock']}: fill rate {m['fill_rate']:.3f}, waste {100 * m['waste_fraction']:.1f} %")

plan = ex.plan_waste(
    lots=[{"id": "L1", "site": "S1", "at_risk": 40, "days_to_expiry": 4, "disposal_cost_per_unit": 0.5}],
    destinations=[{"id": "bank", "kind": "donation", "capacity": 25, "value_per_unit": 0.0}],
    legs=[("S1", "bank", 8.0)],
)
assert plan["totals"]["units_rescued"] == 25
print("donation plan:", plan["totals"]["units_rescued"], "rescued,", plan["totals"]["units_wasted"], "wasted")

try:
    ex.mean_kinetic_temperature([5.0, float("nan")])
except flowcast.ValidationError as e:
    print("bad log:", e)

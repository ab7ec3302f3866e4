"""Order quantities, safety stocks and reorder points for a table of SKUs (pandas in, pandas out).

Run: python examples/python/replenishment.py
"""

import numpy as np
import pandas as pd

import flowcast.inventory as inv

skus = pd.DataFrame(
    {
        "sku": ["INS-100", "VAC-FLU", "AMX-500", "PCM-1G"],
        "daily_demand": [6.5, 18.0, 14.0, 40.0],
        "daily_sd": [3.0, 9.0, 6.0, 18.0],
        "lead_time_days": [2.0, 3.0, 4.0, 2.0],
        "holding_cost": [7.0, 3.0, 0.9, 0.24],  # per unit per year
        "service_level": [0.98, 0.99, 0.95, 0.95],
    }
).set_index("sku")

q, cost = inv.eoq(fixed_cost=45.0, holding_cost=skus["holding_cost"], demand_rate=skus["daily_demand"] * 365)
buffer = inv.safety_stock(
    skus["daily_demand"],
    skus["daily_sd"],
    skus["lead_time_days"],
    lead_time_sd=1.0,
    cycle_service_level=skus["service_level"],
)
plan = skus.assign(
    order_quantity=q, cost_per_year=cost, safety_stock=buffer.safety_stock, reorder_point=buffer.reorder_point
)
print(plan[["order_quantity", "cost_per_year", "safety_stock", "reorder_point"]].round(1))
assert isinstance(q, pd.Series) and list(q.index) == list(skus.index)
assert np.all(plan["reorder_point"] >= plan["safety_stock"])

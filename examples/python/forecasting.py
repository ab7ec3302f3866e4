"""Demand forecasting from Python in statsforecast's dialect: AutoETS, AutoTheta, AutoARIMA and
Naive2 on the shared M3 quarterly sample, with bands, then their accuracy on the held-out
quarters; and Croston-family models on spare parts.

Run: python examples/python/forecasting.py
"""

import os
from pathlib import Path

import numpy as np
import pandas as pd

from flowcast.forecast import IMAPA, AutoARIMA, AutoETS, AutoTheta, CrostonSBA, Naive2, StatsForecast

repo = Path(__file__).resolve().parents[2]
# The shared data: $FLOWCAST_SHARED_DATA, ../shared/data beside the repository, /work/shared/data.
candidates = [os.environ.get("FLOWCAST_SHARED_DATA"), repo.parent / "shared" / "data", "/work/shared/data"]
data = next(Path(c) for c in candidates if c and Path(c).is_dir()) / "forecast"
train = pd.read_csv(data / "m3_quarterly_train.csv.gz")
test = pd.read_csv(data / "m3_quarterly_test.csv.gz")
keep = train["unique_id"].unique()[:40]
train, test = train[train.unique_id.isin(keep)], test[test.unique_id.isin(keep)]

sf = StatsForecast(models=[AutoETS(4), AutoTheta(4), AutoARIMA(4), Naive2(4)], freq=1, n_jobs=-1)
fc = sf.forecast(df=train, h=8, level=[95])
print(fc.head(3).round(1).to_string())
merged = test.merge(fc, on=["unique_id", "ds"])
for model in ["AutoETS", "AutoTheta", "AutoARIMA", "Naive2"]:
    y, f = merged["y"].to_numpy(), merged[model].to_numpy()
    print(f"{model:<10} sMAPE {np.mean(200 * np.abs(y - f) / (np.abs(y) + np.abs(f))):6.2f}")

parts = pd.DataFrame(
    {
        "unique_id": np.repeat(["brake-pad", "gasket"], 12),
        "ds": np.tile(np.arange(12), 2),
        "y": [0, 2, 0, 0, 1, 0, 0, 3, 0, 0, 0, 1] + [1, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0],
    }
)
print(StatsForecast(models=[CrostonSBA(), IMAPA()], freq=1).forecast(df=parts, h=2).round(3).to_string())

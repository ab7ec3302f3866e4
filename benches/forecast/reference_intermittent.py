"""Writes statsforecast's intermittent-demand forecasts on the carparts dev set, the reference
flowcast's Rust tests compare against (forecast/tests/data/statsforecast_intermittent.csv).

Run with a Python that has statsforecast 2.x (e.g. the harness venv):
    python benches/forecast/reference_intermittent.py [SHARED_DATA_DIR]
"""

import sys
from pathlib import Path

import pandas as pd
from statsforecast import StatsForecast
from statsforecast.models import ADIDA, IMAPA, TSB, CrostonClassic, CrostonOptimized, CrostonSBA

shared = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[3] / "shared" / "data")
train = pd.read_csv(shared / "forecast" / "carparts_train.csv.gz")
models = [CrostonClassic(), CrostonSBA(), CrostonOptimized(), TSB(alpha_d=0.2, alpha_p=0.2), ADIDA(), IMAPA()]
sf = StatsForecast(models=models, freq=1, n_jobs=1)
fc = sf.forecast(df=train, h=1)
out = Path(__file__).resolve().parents[2] / "forecast" / "tests" / "data" / "statsforecast_intermittent.csv"
fc.drop(columns=["ds"]).to_csv(out, index=False, float_format="%.17g")
print(f"{len(fc)} series -> {out}")

"""The forecasting quality harness: flowcast and statsforecast (and augurs where it can) on the
same dev series, in one run, one core each. Writes a table of sMAPE, MASE, OWA (vs Naive2),
RMSSE and series per CPU-second per data set and model, to stdout (markdown) and to
target/forecast-harness/results.csv.

    make bench-forecast                                  # every set, the default models
    .venv-forecast/bin/python benches/forecast/harness.py --sets m3_monthly,carparts --models AutoETS

Series per CPU-second is the number of series over the process CPU time of fitting and
forecasting them (with 80 and 95 % intervals), one thread each, after a warm-up (numba's JIT).
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[2]
INTERMITTENT = {"carparts"}
SMOOTH_MODELS = ["AutoETS", "AutoTheta", "AutoARIMA", "Naive2", "SeasonalNaive"]
SPARSE_MODELS = ["CrostonClassic", "CrostonSBA", "CrostonOptimized", "TSB", "ADIDA", "IMAPA", "Naive"]


def shared() -> Path:
    for c in [REPO.parent / "shared" / "data", Path("/work/shared/data")]:
        if c.is_dir():
            return c
    raise SystemExit("shared data not found")


def flowcast_model(name: str, m: int):
    import flowcast.forecast as ff

    return {
        "AutoETS": lambda: ff.AutoETS(season_length=m),
        "AutoTheta": lambda: ff.AutoTheta(season_length=m),
        "AutoARIMA": lambda: ff.AutoARIMA(season_length=m) if hasattr(ff, "AutoARIMA") else None,
        "Naive2": lambda: ff.Naive2(season_length=m),
        "SeasonalNaive": lambda: ff.SeasonalNaive(season_length=m),
        "Naive": lambda: ff.Naive(),
        "CrostonClassic": ff.CrostonClassic,
        "CrostonSBA": ff.CrostonSBA,
        "CrostonOptimized": ff.CrostonOptimized,
        "TSB": lambda: ff.TSB(alpha_d=0.2, alpha_p=0.2),
        "ADIDA": ff.ADIDA,
        "IMAPA": ff.IMAPA,
    }[name]()


def statsforecast_model(name: str, m: int):
    import statsforecast.models as sm

    return {
        "AutoETS": lambda: sm.AutoETS(season_length=m),
        "AutoTheta": lambda: sm.AutoTheta(season_length=m),
        "AutoARIMA": lambda: sm.AutoARIMA(season_length=m),
        "SeasonalNaive": lambda: sm.SeasonalNaive(season_length=m),
        "Naive": sm.Naive,
        "CrostonClassic": sm.CrostonClassic,
        "CrostonSBA": sm.CrostonSBA,
        "CrostonOptimized": sm.CrostonOptimized,
        "TSB": lambda: sm.TSB(alpha_d=0.2, alpha_p=0.2),
        "ADIDA": sm.ADIDA,
        "IMAPA": sm.IMAPA,
    }.get(name, lambda: None)()


def metrics(train: pd.DataFrame, test: pd.DataFrame, fc: pd.DataFrame, col: str, m: int) -> dict:
    merged = test.merge(fc[["unique_id", "ds", col]], on=["unique_id", "ds"])
    smape, mase, rmsse = [], [], []
    hist = {k: g["y"].to_numpy() for k, g in train.groupby("unique_id", sort=False)}
    for uid, g in merged.groupby("unique_id", sort=False):
        y, f = g["y"].to_numpy(), g[col].to_numpy()
        denom = np.abs(y) + np.abs(f)
        smape.append(np.mean(np.where(denom == 0, 0.0, 200 * np.abs(y - f) / np.where(denom == 0, 1, denom))))
        h_ = hist[uid]
        scale = np.mean(np.abs(h_[m:] - h_[:-m])) if len(h_) > m else np.nan
        mase.append(np.mean(np.abs(y - f)) / scale if scale > 0 else np.nan)
        s2 = np.mean((h_[1:] - h_[:-1]) ** 2)
        rmsse.append(np.sqrt(np.mean((y - f) ** 2) / s2) if s2 > 0 else np.nan)
    return {"smape": float(np.nanmean(smape)), "mase": float(np.nanmean(mase)), "rmsse": float(np.nanmean(rmsse))}


def run(lib: str, name: str, train: pd.DataFrame, h: int, m: int, level):
    model = flowcast_model(name, m) if lib == "flowcast" else statsforecast_model(name, m)
    if model is None:
        return None, None
    if lib == "flowcast":
        from flowcast.forecast import StatsForecast

        sf = StatsForecast(models=[model], freq=1, n_jobs=1)
    else:
        from statsforecast import StatsForecast

        sf = StatsForecast(models=[model], freq=1, n_jobs=1)
    warm = train[train["unique_id"].isin(train["unique_id"].unique()[:2])]
    sf.forecast(df=warm, h=h, level=level)
    start = time.process_time()
    fc = sf.forecast(df=train, h=h, level=level)
    cpu = time.process_time() - start
    col = [c for c in fc.columns if c not in ("unique_id", "ds") and "-lo-" not in c and "-hi-" not in c][0]
    return fc.rename(columns={col: name}), cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--sets",
        default="m3_yearly,m3_quarterly,m3_monthly,m3_other,tourism_yearly,tourism_quarterly,tourism_monthly,carparts",
    )
    parser.add_argument("--models", default=None, help="comma-separated (default: per set kind)")
    parser.add_argument("--libs", default="flowcast,statsforecast")
    parser.add_argument("--max-series", type=int, default=0, help="first N series of each set (0 = all)")
    args = parser.parse_args()
    data = shared() / "forecast"
    manifest = json.loads((data / "manifest.json").read_text())["datasets"]
    out_dir = REPO / "target" / "forecast-harness"
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = []
    for name in args.sets.split(","):
        info = manifest[name]
        h, m = info["horizon"], info["season_length"]
        scale_m = 1 if name in INTERMITTENT else m
        train = pd.read_csv(data / f"{name}_train.csv.gz")
        test = pd.read_csv(data / f"{name}_test.csv.gz")
        if args.max_series:
            keep = train["unique_id"].unique()[: args.max_series]
            train, test = train[train.unique_id.isin(keep)], test[test.unique_id.isin(keep)]
        n = train["unique_id"].nunique()
        models = args.models.split(",") if args.models else (SPARSE_MODELS if name in INTERMITTENT else SMOOTH_MODELS)
        naive2 = None
        for lib in args.libs.split(","):
            for model in models:
                # Intermittent models have no analytic intervals (statsforecast needs conformal
                # settings for them): point forecasts there, 80/95 % intervals elsewhere.
                level = None if name in INTERMITTENT or model in SPARSE_MODELS else [80, 95]
                fc, cpu = run(lib, model, train, h, m, level)
                if fc is None:
                    continue
                score = metrics(train, test, fc, model, scale_m)
                if model == "Naive2" and lib == "flowcast":
                    naive2 = score
                rows.append(
                    {
                        "set": name,
                        "lib": lib,
                        "model": model,
                        "series": n,
                        **score,
                        "cpu_s": cpu,
                        "series_per_cpu_s": n / cpu if cpu > 0 else float("inf"),
                    }
                )
                print(
                    f"  {name:<18} {lib:<13} {model:<17} sMAPE {score['smape']:8.4f}  MASE {score['mase']:7.4f}"
                    f"  {n / max(cpu, 1e-9):10.1f} series/CPU-s",
                    flush=True,
                )
        if naive2:
            for r in rows:
                if r["set"] == name:
                    r["owa"] = 0.5 * (r["smape"] / naive2["smape"] + r["mase"] / naive2["mase"])
    with open(out_dir / "results.csv", "w", newline="") as f:
        w = csv.DictWriter(
            f,
            fieldnames=["set", "lib", "model", "series", "smape", "mase", "owa", "rmsse", "cpu_s", "series_per_cpu_s"],
        )
        w.writeheader()
        w.writerows(rows)
    print("\n| set | model | lib | sMAPE | MASE | OWA | RMSSE | series/CPU-s |\n|---|---|---|---|---|---|---|---|")
    for r in sorted(rows, key=lambda r: (r["set"], r["model"], r["lib"])):
        owa = f"{r['owa']:.4f}" if "owa" in r else ""
        print(
            f"| {r['set']} | {r['model']} | {r['lib']} | {r['smape']:.4f} | {r['mase']:.4f} | {owa}"
            f" | {r['rmsse']:.4f} | {r['series_per_cpu_s']:.1f} |"
        )
    print(f"\nwritten {out_dir / 'results.csv'}")


if __name__ == "__main__":
    main()

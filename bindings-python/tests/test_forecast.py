"""flowcast.forecast: statsforecast's dialect on the shared data, both frame libraries, model
classes on numpy, cross-validation, and bad input."""

import numpy as np
import pandas as pd
import polars as pl
import pytest

import flowcast
from flowcast.forecast import (
    ADIDA,
    IMAPA,
    TSB,
    CrostonClassic,
    CrostonOptimized,
    CrostonSBA,
    Naive,
    RandomWalkWithDrift,
    SeasonalNaive,
    StatsForecast,
    WindowAverage,
)


@pytest.fixture
def load_csv():
    from conftest import shared_data

    return lambda rel: pd.read_csv(shared_data() / rel)


def test_intermittent_models_match_statsforecast_reference(load_csv):
    train = load_csv("forecast/carparts_train.csv.gz")
    from pathlib import Path

    ref = pd.read_csv(
        Path(__file__).resolve().parents[2] / "forecast" / "tests" / "data" / "statsforecast_intermittent.csv"
    )
    models = [CrostonClassic(), CrostonSBA(), CrostonOptimized(), TSB(alpha_d=0.2, alpha_p=0.2), ADIDA(), IMAPA()]
    fc = StatsForecast(models=models, freq=1, n_jobs=2).forecast(df=train, h=1)
    merged = fc.merge(ref, on="unique_id", suffixes=("", "_sf"))
    assert len(merged) == 1255
    for m in models:
        np.testing.assert_allclose(merged[m.alias], merged[f"{m.alias}_sf"], rtol=1e-5, atol=1e-6)


def test_polars_in_polars_out_and_bands():
    df = pl.DataFrame({"unique_id": ["a"] * 6, "ds": list(range(1, 7)), "y": [1.0, 3.0, 2.0, 4.0, 3.0, 5.0]})
    fc = StatsForecast(models=[Naive(), RandomWalkWithDrift()], freq=1).forecast(df=df, h=2, level=[80, 95])
    assert isinstance(fc, pl.DataFrame)
    assert fc.columns == [
        "unique_id", "ds", "Naive", "Naive-lo-95", "Naive-lo-80", "Naive-hi-80", "Naive-hi-95",
        "RWD", "RWD-lo-95", "RWD-lo-80", "RWD-hi-80", "RWD-hi-95",
    ]  # fmt: skip
    row = fc.row(0, named=True)
    assert row["Naive-lo-95"] < row["Naive-lo-80"] < row["Naive"] < row["Naive-hi-80"] < row["Naive-hi-95"]
    assert fc["ds"].to_list() == [7, 8]


def test_dates_step_by_the_frequency():
    df = pd.DataFrame({"unique_id": "s", "ds": pd.date_range("2024-01-01", periods=5, freq="MS"), "y": np.arange(5.0)})
    fc = StatsForecast(models=[Naive()], freq="MS").forecast(df=df, h=2)
    assert list(fc["ds"]) == [pd.Timestamp("2024-06-01"), pd.Timestamp("2024-07-01")]


def test_cross_validation_has_cutoffs_and_actuals():
    df = pd.DataFrame(
        {"unique_id": np.repeat(["a", "b"], 20), "ds": np.tile(np.arange(20), 2), "y": np.tile(np.arange(20.0), 2)}
    )
    cv = StatsForecast(models=[Naive(), WindowAverage(2)], freq=1).cross_validation(
        df=df, h=3, n_windows=2, step_size=3
    )
    assert len(cv) == 2 * 2 * 3
    first = cv[cv.unique_id == "a"].iloc[0]
    assert (first["cutoff"], first["ds"], first["y"], first["Naive"]) == (13, 14, 14.0, 13.0)


def test_cross_validation_without_refit_runs_the_first_fit_forward(load_csv):
    """refit=False (and refit=2) against statsforecast 2.1.1's cross_validation on 12 M3
    quarterly series (the reference file the Rust tests use)."""
    from pathlib import Path

    from flowcast.forecast import AutoARIMA, AutoETS, AutoTheta

    ref = pd.read_csv(Path(__file__).resolve().parents[2] / "forecast/tests/data/statsforecast_cv.csv")
    train = load_csv("forecast/m3_quarterly_train.csv.gz")
    train = train[train.unique_id.isin(ref.unique_id.unique())]
    sf = StatsForecast(models=[AutoETS(season_length=4), AutoTheta(season_length=4), AutoARIMA(season_length=4)])
    cv = sf.cross_validation(df=train, h=4, n_windows=3, step_size=4, refit=False)
    want = ref[ref.refit == 0].merge(cv, on=["unique_id", "ds", "cutoff"], suffixes=("_sf", ""))
    assert len(want) == len(cv) == 12 * 3 * 4
    for m, tol in [("AutoETS", 1e-6), ("AutoTheta", 1e-6), ("AutoARIMA", 1e-4)]:
        rel = np.abs(want[m] - want[f"{m}_sf"]) / np.maximum(np.abs(want[f"{m}_sf"]), 1.0)
        assert rel.max() < tol, m
    # refit every second origin: origins 0 and 2 are fresh fits, origin 1 runs forward.
    every2 = sf.cross_validation(df=train, h=4, n_windows=3, step_size=4, refit=2, level=[80])
    always = sf.cross_validation(df=train, h=4, n_windows=3, step_size=4, refit=True, level=[80])
    last = every2.cutoff == every2.groupby("unique_id").cutoff.transform("max")
    assert np.allclose(every2[last]["AutoETS"], always[last]["AutoETS"])
    assert (every2["AutoETS-lo-80"] < every2["AutoETS"]).all()
    with pytest.raises(flowcast.ValidationError, match="refit"):
        sf.cross_validation(df=train, h=4, refit=-1)


def test_model_classes_on_numpy_and_fallbacks():
    out = SeasonalNaive(season_length=2).fit(np.array([1.0, 2.0, 3.0, 4.0])).predict(3, level=[90])
    assert out["mean"].tolist() == [3.0, 4.0, 3.0] and out["lo-90"][0] < 3.0
    with pytest.raises(flowcast.NotFittedError):
        Naive().predict(1)
    short = pd.DataFrame({"unique_id": ["a"] * 3, "ds": [1, 2, 3], "y": [1.0, 2.0, 3.0]})
    with pytest.warns(UserWarning, match="fell back"):
        fc = StatsForecast(models=[SeasonalNaive(12)]).forecast(df=short, h=1)
    assert fc["SeasonalNaive"].tolist() == [3.0]
    with pytest.raises(flowcast.ValidationError, match="series\\[0\\].y"):
        StatsForecast(models=[SeasonalNaive(12)], fallback_model=None).forecast(df=short, h=1)


def test_bad_frames():
    dup = pd.DataFrame({"unique_id": ["a", "a"], "ds": [1, 1], "y": [1.0, 2.0]})
    with pytest.raises(flowcast.ValidationError) as e:
        StatsForecast(models=[Naive()]).forecast(df=dup, h=1)
    assert e.value.code == "not_increasing"
    gap = pd.DataFrame({"unique_id": ["a", "a"], "ds": [1, 2], "y": [1.0, np.nan]})
    with pytest.raises(flowcast.ValidationError, match="missing value"):
        StatsForecast(models=[Naive()]).forecast(df=gap, h=1)
    with pytest.raises(flowcast.ValidationError):
        StatsForecast(models=[TSB(alpha_d=2.0, alpha_p=0.1)]).forecast(df=dup.iloc[:1], h=1)
    with pytest.raises(flowcast.ValidationError, match="too short"):
        StatsForecast(models=[Naive()]).cross_validation(df=dup.iloc[:1], h=2)


def test_auto_ets_and_auto_theta_through_statsforecast_dialect(load_csv):
    from flowcast.forecast import AutoARIMA, AutoETS, AutoTheta, Naive2

    train = load_csv("forecast/m3_other_train.csv.gz")
    test = load_csv("forecast/m3_other_test.csv.gz")
    fc = StatsForecast(models=[AutoETS(), AutoTheta(), AutoARIMA(), Naive2()], freq=1, n_jobs=2).forecast(
        df=train, h=8, level=[80]
    )
    merged = fc.merge(test, on=["unique_id", "ds"])
    assert len(merged) == 87 * 8

    def smape(col):
        a, f = merged["y"].to_numpy(), merged[col].to_numpy()
        return float(np.mean(200 * np.abs(a - f) / (np.abs(a) + np.abs(f))))

    # statsforecast 2.1.1 on the same series: AutoETS 4.3784, AutoTheta 4.75704, AutoARIMA 4.619.
    assert smape("AutoETS") <= 4.3784 * 1.01
    assert smape("AutoARIMA") <= 4.619 * 1.01
    assert smape("AutoTheta") <= 4.75704 * 1.01
    assert smape("AutoETS") < smape("Naive2")
    assert (merged["AutoETS-lo-80"] <= merged["AutoETS"]).all()
    out = AutoETS(season_length=4, model="AAN").forecast(np.arange(1.0, 30.0), h=3)
    assert out["mean"][0] == pytest.approx(30.0, rel=1e-3)


def test_mstl_on_hourly_data_with_two_cycles():
    from flowcast.forecast import MSTL

    t = np.arange(24 * 7 * 4)
    y = 100 + 10 * np.sin(2 * np.pi * t / 24) + 5 * np.cos(2 * np.pi * t / 168) + 0.01 * t
    df = pd.DataFrame({"unique_id": "sensor", "ds": pd.date_range("2024-01-01", periods=t.size, freq="h"), "y": y})
    fc = StatsForecast(models=[MSTL(season_length=[24, 168])], freq="h").forecast(df=df, h=24, level=[90])
    future = np.arange(t.size, t.size + 24)
    truth = 100 + 10 * np.sin(2 * np.pi * future / 24) + 5 * np.cos(2 * np.pi * future / 168) + 0.01 * future
    assert np.mean(np.abs(fc["MSTL"].to_numpy() - truth)) < 1.0
    assert fc["ds"].iloc[0] == pd.Timestamp("2024-01-29 00:00")
    with pytest.raises(ValueError):
        MSTL(season_length=[24, 168, 1, 2, 3])

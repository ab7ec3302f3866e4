"""Demand forecasting in statsforecast's dialect: long-format frames (``unique_id, ds, y``,
pandas or polars) in, one column per model out, with ``Model-lo-95`` / ``Model-hi-95`` bands;
every series and model fitted in Rust in one call, in parallel, without the GIL.

>>> import pandas as pd
>>> from flowcast.forecast import StatsForecast, Naive, CrostonSBA
>>> df = pd.DataFrame({"unique_id": ["a"] * 4 + ["b"] * 4, "ds": [1, 2, 3, 4] * 2,
...                    "y": [1.0, 2.0, 3.0, 4.0, 0.0, 5.0, 0.0, 3.0]})
>>> fc = StatsForecast(models=[Naive(), CrostonSBA()], freq=1).forecast(df=df, h=2)
>>> fc[["unique_id", "ds", "Naive"]].values.tolist()
[['a', 5, 4.0], ['a', 6, 4.0], ['b', 5, 3.0], ['b', 6, 3.0]]
"""

from __future__ import annotations

import json
import warnings
from typing import Any, List, Optional, Sequence, Union

import numpy as np

from flowcast import _flowcast
from flowcast._arrays import _kind, invalid
from flowcast.forecast._models import (
    ADIDA,
    IMAPA,
    MSTL,
    TSB,
    AutoARIMA,
    AutoETS,
    AutoTheta,
    CrostonClassic,
    CrostonOptimized,
    CrostonSBA,
    DynamicOptimizedTheta,
    DynamicTheta,
    HistoricAverage,
    Naive,
    Naive2,
    OptimizedTheta,
    RandomWalkWithDrift,
    SeasonalNaive,
    SeasonalWindowAverage,
    Theta,
    WindowAverage,
    specs,
)

__all__ = [
    "StatsForecast",
    "Naive",
    "SeasonalNaive",
    "RandomWalkWithDrift",
    "HistoricAverage",
    "WindowAverage",
    "SeasonalWindowAverage",
    "CrostonClassic",
    "CrostonSBA",
    "CrostonOptimized",
    "TSB",
    "ADIDA",
    "IMAPA",
    "Naive2",
    "AutoETS",
    "AutoARIMA",
    "MSTL",
    "AutoTheta",
    "Theta",
    "OptimizedTheta",
    "DynamicTheta",
    "DynamicOptimizedTheta",
]


def _factorize(ids: np.ndarray):
    """Sorted unique ids and each row's position among them (a hash pass when pandas is
    present: much faster than sorting the strings)."""
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - polars-only installs
        unique, inverse = np.unique(ids, return_inverse=True)
        return unique, inverse.reshape(-1)
    codes, unique = pd.factorize(ids, sort=True)
    return np.asarray(unique), codes


class _Long:
    """A long frame as flat sorted arrays: ids (sorted), per-series bounds, ds and y."""

    def __init__(self, df: Any, id_col: str, time_col: str, target_col: str) -> None:
        self.kind = _kind(df)
        if self.kind not in ("pandas", "polars"):
            raise TypeError(f"expected a pandas or polars DataFrame, not {type(df).__name__}")
        for column in (id_col, time_col, target_col):
            if column not in list(df.columns):
                raise invalid(
                    column,
                    "missing",
                    "wrong_type",
                    f"must be a column of the frame (expected {id_col}, {time_col}, {target_col})",
                )
        ids = np.asarray(df[id_col].to_numpy())
        ds = np.asarray(df[time_col].to_numpy())
        y = np.asarray(df[target_col].to_numpy(), dtype=np.float64)
        self.id_dtype = ids.dtype
        unique, inverse = _factorize(ids)
        # Frames usually arrive grouped and in time order: then nothing needs sorting.
        grouped = inverse.size < 2 or bool(np.all(np.diff(inverse) >= 0))
        ordered = grouped and (ds.size < 2 or bool(np.all((np.diff(inverse) > 0) | (ds[1:] > ds[:-1]))))
        order = np.arange(inverse.size) if ordered else np.lexsort((ds, inverse))
        self.ids, self.ds, self.y = unique, ds[order], np.ascontiguousarray(y[order])
        counts = np.bincount(inverse, minlength=len(unique))
        self.bounds = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        sorted_inv = inverse[order]
        same = (sorted_inv[1:] == sorted_inv[:-1]) & (self.ds[1:] == self.ds[:-1])
        if same.any():
            k = int(np.argmax(same)) + 1
            raise invalid(
                time_col, str(self.ds[k]), "not_increasing", f"repeats within series {unique[sorted_inv[k]]!r}"
            )
        bad = ~np.isfinite(self.y)
        if bad.any():
            k = int(np.argmax(bad))
            raise invalid(
                target_col,
                "NaN",
                "not_finite",
                f"series {unique[sorted_inv[k]]!r} has a missing value (fill or drop it first)",
            )
        self.names = (id_col, time_col, target_col)

    def future(self, h: int, freq: Any, ends: np.ndarray) -> np.ndarray:
        """The ``h`` timestamps after each series' value at index ``ends - 1``."""
        last = self.ds[ends - 1]
        if np.issubdtype(last.dtype, np.integer) or np.issubdtype(last.dtype, np.floating):
            step = 1 if freq is None else freq
            return (last[:, None] + step * np.arange(1, h + 1)[None, :]).reshape(-1)
        import pandas as pd

        offset = pd.tseries.frequencies.to_offset(freq)
        return np.concatenate([pd.date_range(start=t, periods=h + 1, freq=offset)[1:].to_numpy() for t in last])

    def frame(self, columns: dict) -> Any:
        if self.kind == "pandas":
            import pandas as pd

            return pd.DataFrame(columns)
        import polars as pl

        return pl.DataFrame(columns)


class StatsForecast:
    """Forecasts many series with many models, statsforecast-style.

    Args:
        models: model instances (``Naive()``, ``SeasonalNaive(12)``, ``CrostonSBA()``…).
        freq: the step of ``ds``: an integer for integer indexes (default 1), or a pandas
            frequency (``"D"``, ``"W"``, ``"MS"``) for dates.
        n_jobs: worker threads; -1 or 0 uses every core.
        fallback_model: the model used for series a model cannot fit (default ``Naive()``;
            ``None`` makes such series an error).
        conformal_windows: windows for the conformal intervals of models without analytic ones.
    """

    def __init__(
        self,
        models: Sequence[Any],
        freq: Any = 1,
        n_jobs: int = 1,
        fallback_model: Any = "naive",
        conformal_windows: int = 2,
    ) -> None:
        self.models = list(models)
        if not self.models:
            raise invalid("models", "[]", "empty", "name at least one model")
        self.freq = freq
        self.threads = 0 if n_jobs in (-1, 0) else int(n_jobs)
        self.fallback = Naive() if fallback_model == "naive" else fallback_model
        self.conformal_windows = int(conformal_windows)

    def _run(self, long: _Long, bounds: np.ndarray, y: np.ndarray, h: int, level: List[int]):
        fallback = None if self.fallback is None else json.dumps(self.fallback.spec())
        mean, lo, hi, notes = _flowcast.forecast_many(
            y,
            bounds,
            specs(self.models),
            int(h),
            [lv / 100.0 for lv in level],
            self.conformal_windows,
            fallback,
            self.threads,
        )
        fell = [n for n in notes if n is not None]
        if fell:
            warnings.warn(f"{len(fell)} fit(s) fell back to {self.fallback}: {fell[0]}", stacklevel=3)
        return mean, lo, hi

    def _columns(self, mean, lo, hi, level: List[int]) -> dict:
        k, nl = len(self.models), len(level)
        out = {}
        for j, m in enumerate(self.models):
            out[m.alias] = mean[j::k]
            for b in sorted(range(nl), key=lambda b: -level[b]):
                out[f"{m.alias}-lo-{level[b]}"] = lo[j * nl + b :: k * nl]
            for b in sorted(range(nl), key=lambda b: level[b]):
                out[f"{m.alias}-hi-{level[b]}"] = hi[j * nl + b :: k * nl]
        return out

    def forecast(
        self,
        df: Any,
        h: int,
        level: Optional[Sequence[int]] = None,
        id_col: str = "unique_id",
        time_col: str = "ds",
        target_col: str = "y",
    ) -> Any:
        """``h`` steps per series: columns ``unique_id``, ``ds``, one per model, and its
        ``-lo-L`` / ``-hi-L`` bands for each level ``L`` in percent."""
        long = _Long(df, id_col, time_col, target_col)
        level = [int(lv) for lv in (level or [])]
        mean, lo, hi = self._run(long, long.bounds, long.y, h, level)
        columns = {id_col: np.repeat(long.ids, h), time_col: long.future(h, self.freq, long.bounds[1:])}
        columns.update(self._columns(mean, lo, hi, level))
        return long.frame(columns)

    def cross_validation(
        self,
        df: Any,
        h: int,
        n_windows: int = 1,
        step_size: int = 1,
        level: Optional[Sequence[int]] = None,
        refit: Union[bool, int] = True,
        id_col: str = "unique_id",
        time_col: str = "ds",
        target_col: str = "y",
    ) -> Any:
        """Rolling-origin evaluation: ``n_windows`` origins ``step_size`` apart, the last ``h``
        before each series' end: columns ``unique_id``, ``ds``, ``cutoff``, ``y`` and the
        models' forecasts (and bands).

        ``refit=True`` re-estimates every model at every origin; ``False`` estimates once at
        the first origin and runs the fitted model forward over the new values at the others
        (statsforecast's ``forward``: same parameters, updated states); an integer ``k``
        re-estimates at every ``k``-th origin. Conformal bands (models without analytic
        intervals) are calibrated on each origin's own history."""
        long = _Long(df, id_col, time_col, target_col)
        level = [int(lv) for lv in (level or [])]
        if isinstance(refit, bool):
            every = 1 if refit else 0
        elif isinstance(refit, (int, np.integer)) and refit > 0:
            every = int(refit)
        else:
            raise invalid("refit", repr(refit), "out_of_range", "must be True, False or a positive integer")
        lengths = np.diff(long.bounds)
        span = h + (n_windows - 1) * step_size
        short = lengths <= span
        if short.any():
            i = int(np.argmax(short))
            raise invalid(
                target_col,
                f"{lengths[i]} values",
                "out_of_range",
                f"series {long.ids[i]!r} is too short for {n_windows} window(s) of h={h}",
            )
        fallback = None if self.fallback is None else json.dumps(self.fallback.spec())
        mean, lo, hi, notes = _flowcast.cross_validation_many(
            long.y,
            long.bounds,
            specs(self.models),
            int(h),
            int(n_windows),
            int(step_size),
            every,
            [lv / 100.0 for lv in level],
            self.conformal_windows,
            fallback,
            self.threads,
        )
        fell = [n for n in notes if n is not None]
        if fell:
            warnings.warn(f"{len(fell)} fit(s) fell back to {self.fallback}: {fell[0]}", stacklevel=2)
        # Rows are (series, window, step): the origin of window w is `span - w·step_size`
        # values before each series' end.
        ends = lengths[:, None] - span + step_size * np.arange(n_windows)[None, :]
        cut = (long.bounds[:-1, None] + ends).reshape(-1)
        idx = (cut[:, None] + np.arange(h)[None, :]).reshape(-1)
        columns = {
            id_col: np.repeat(long.ids, n_windows * h),
            time_col: long.ds[idx],
            "cutoff": np.repeat(long.ds[cut - 1], h),
            target_col: long.y[idx],
        }
        columns.update(self._columns(mean, lo, hi, level))
        return long.frame(columns)

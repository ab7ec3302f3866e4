"""Model classes in statsforecast's dialect: each names a Rust model, and can be fitted on one
numpy series (``fit``/``predict``) or passed to :class:`flowcast.forecast.StatsForecast`."""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Sequence

import numpy as np

from flowcast import _flowcast
from flowcast._arrays import as_float_array
from flowcast.errors import NotFittedError

__all__ = [
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


class _Model:
    """A model: ``spec`` is what the Rust core reads; ``alias`` names its columns."""

    _default_alias = ""

    def __init__(self, alias: Optional[str] = None) -> None:
        self.alias = alias or self._default_alias
        self._y: Optional[np.ndarray] = None

    def spec(self) -> Dict[str, Any]:
        raise NotImplementedError  # pragma: no cover - every model below defines it

    def __repr__(self) -> str:
        return self.alias

    def fit(self, y: Any) -> "_Model":
        """Remembers the series; fitting happens in Rust at ``predict``, in one pass."""
        arr = np.ascontiguousarray(as_float_array("y", y), dtype=np.float64).reshape(-1)
        self._y = arr
        return self

    def predict(self, h: int, level: Optional[Sequence[int]] = None) -> Dict[str, np.ndarray]:
        """``{"mean": ..., "lo-80": ..., "hi-80": ...}`` for ``h`` steps (levels in percent;
        models without analytic intervals get conformal ones)."""
        if self._y is None:
            raise NotFittedError(f"{self.alias}: call fit(y) before predict(h)")
        return self.forecast(self._y, h, level)

    def forecast(self, y: Any, h: int, level: Optional[Sequence[int]] = None) -> Dict[str, np.ndarray]:
        """Fits ``y`` and forecasts ``h`` steps in one call."""
        arr = np.ascontiguousarray(as_float_array("y", y), dtype=np.float64).reshape(-1)
        levels = list(level or [])
        mean, lo, hi, _ = _flowcast.forecast_many(
            arr,
            np.array([0, arr.size], dtype=np.int64),
            json.dumps([self.spec()]),
            int(h),
            [lv / 100.0 for lv in levels],
            2,
            None,
            1,
        )
        out: Dict[str, np.ndarray] = {"mean": mean}
        k = len(levels)
        for j, lv in enumerate(levels):
            out[f"lo-{lv}"] = lo[j::k] if k else lo
            out[f"hi-{lv}"] = hi[j::k] if k else hi
        return out


def _baseline(method: str, **options: Any) -> Dict[str, Any]:
    return {"family": "baseline", "method": method, **options}


def _intermittent(method: str, **options: Any) -> Dict[str, Any]:
    return {"family": "intermittent", "method": method, **options}


class Naive(_Model):
    """The last value; intervals σ√h."""

    _default_alias = "Naive"

    def spec(self) -> Dict[str, Any]:
        return _baseline("naive")


class SeasonalNaive(_Model):
    """The value one season back; intervals σ√(⌊(h−1)/m⌋ + 1)."""

    _default_alias = "SeasonalNaive"

    def __init__(self, season_length: int, alias: Optional[str] = None) -> None:
        super().__init__(alias)
        self.season_length = int(season_length)

    def spec(self) -> Dict[str, Any]:
        return _baseline("seasonal_naive", season_length=self.season_length)


class RandomWalkWithDrift(_Model):
    """The last value plus the mean change per step."""

    _default_alias = "RWD"

    def spec(self) -> Dict[str, Any]:
        return _baseline("random_walk_with_drift")


class HistoricAverage(_Model):
    """The mean of the history."""

    _default_alias = "HistoricAverage"

    def spec(self) -> Dict[str, Any]:
        return _baseline("historic_average")


class WindowAverage(_Model):
    """The mean of the last ``window_size`` values."""

    _default_alias = "WindowAverage"

    def __init__(self, window_size: int, alias: Optional[str] = None) -> None:
        super().__init__(alias)
        self.window_size = int(window_size)

    def spec(self) -> Dict[str, Any]:
        return _baseline("window_average", window_size=self.window_size)


class SeasonalWindowAverage(_Model):
    """Per position in the season, the mean of its last ``window_size`` seasons."""

    _default_alias = "SeasWA"

    def __init__(self, season_length: int, window_size: int, alias: Optional[str] = None) -> None:
        super().__init__(alias)
        self.season_length, self.window_size = int(season_length), int(window_size)

    def spec(self) -> Dict[str, Any]:
        return _baseline("seasonal_window_average", season_length=self.season_length, window_size=self.window_size)


class CrostonClassic(_Model):
    """Croston's method (SES with α = 0.1 on sizes and intervals)."""

    _default_alias = "CrostonClassic"

    def spec(self) -> Dict[str, Any]:
        return _intermittent("croston_classic")


class CrostonSBA(_Model):
    """Croston with the Syntetos–Boylan correction (× 0.95)."""

    _default_alias = "CrostonSBA"

    def spec(self) -> Dict[str, Any]:
        return _intermittent("croston_sba")


class CrostonOptimized(_Model):
    """Croston with both smoothing constants optimised on [0.1, 0.3]."""

    _default_alias = "CrostonOptimized"

    def spec(self) -> Dict[str, Any]:
        return _intermittent("croston_optimized")


class TSB(_Model):
    """Teunter–Syntetos–Babai: smoothed demand probability × smoothed size."""

    _default_alias = "TSB"

    def __init__(self, alpha_d: float, alpha_p: float, alias: Optional[str] = None) -> None:
        super().__init__(alias)
        self.alpha_d, self.alpha_p = float(alpha_d), float(alpha_p)

    def spec(self) -> Dict[str, Any]:
        return _intermittent("tsb", alpha_d=self.alpha_d, alpha_p=self.alpha_p)


class ADIDA(_Model):
    """Aggregate–disaggregate intermittent demand approach."""

    _default_alias = "ADIDA"

    def spec(self) -> Dict[str, Any]:
        return _intermittent("adida")


class IMAPA(_Model):
    """Intermittent multiple aggregation prediction algorithm."""

    _default_alias = "IMAPA"

    def spec(self) -> Dict[str, Any]:
        return _intermittent("imapa")


def specs(models: List[_Model]) -> str:
    return json.dumps([m.spec() for m in models])


def _named(name: str, season_length: int) -> Dict[str, Any]:
    """The Rust core's spec of a model it names (so its layout lives in one place)."""
    return json.loads(_flowcast.model_spec(name, int(season_length)))


class Naive2(_Model):
    """M4's benchmark: Naive on the seasonally adjusted series (classical multiplicative
    decomposition when the 90 % autocorrelation test finds a season)."""

    _default_alias = "Naive2"

    def __init__(self, season_length: int = 1, alias: Optional[str] = None) -> None:
        super().__init__(alias)
        self.season_length = int(season_length)

    def spec(self) -> Dict[str, Any]:
        return _baseline("naive2", season_length=self.season_length)


class AutoETS(_Model):
    """Exponential smoothing state-space models chosen by AICc, as statsforecast's AutoETS.

    Args:
        season_length: 1 for none.
        model: three letters error/trend/season, each A, M, N or Z (automatic): "ZZZ", "AAN",
            "MAM", "ZZN".
        damped: ``None`` tries both; ``True``/``False`` forces the trend's damping.
    """

    _default_alias = "AutoETS"

    def __init__(
        self, season_length: int = 1, model: str = "ZZZ", damped: Optional[bool] = None, alias: Optional[str] = None
    ) -> None:
        super().__init__(alias)
        self.season_length, self.model, self.damped = int(season_length), str(model).upper(), damped

    def spec(self) -> Dict[str, Any]:
        spec = _named("ets_" + self.model.lower(), self.season_length)
        spec["damped"] = self.damped
        return spec


class AutoTheta(_Model):
    """The Theta family (Fiorucci et al. 2016), the variant chosen by in-sample MSE, as
    statsforecast's AutoTheta; ``model`` one of "STM", "OTM", "DSTM", "DOTM" fixes it."""

    _default_alias = "AutoTheta"
    _variant: Optional[str] = None

    def __init__(
        self,
        season_length: int = 1,
        decomposition_type: str = "multiplicative",
        model: Optional[str] = None,
        alias: Optional[str] = None,
    ) -> None:
        super().__init__(alias)
        self.season_length = int(season_length)
        self.decomposition_type = str(decomposition_type)
        names = {"STM": "theta", "OTM": "optimized_theta", "DSTM": "dynamic_theta", "DOTM": "dynamic_optimized_theta"}
        if model is not None and model not in names:
            raise ValueError(f"model = {model!r}: must be one of {sorted(names)}")
        self._name = names[model] if model else (self._variant or "auto_theta")

    def spec(self) -> Dict[str, Any]:
        spec = _named(self._name, self.season_length)
        spec["decomposition"] = self.decomposition_type.capitalize()
        return spec


class Theta(AutoTheta):
    """Standard Theta (θ = 2)."""

    _default_alias = "Theta"
    _variant = "theta"


class OptimizedTheta(AutoTheta):
    """Theta with θ optimised."""

    _default_alias = "OptimizedTheta"
    _variant = "optimized_theta"


class DynamicTheta(AutoTheta):
    """Dynamic standard Theta (trend line updated online)."""

    _default_alias = "DynamicTheta"
    _variant = "dynamic_theta"


class DynamicOptimizedTheta(AutoTheta):
    """Dynamic Theta with θ optimised."""

    _default_alias = "DynamicOptimizedTheta"
    _variant = "dynamic_optimized_theta"


class AutoARIMA(_Model):
    """Seasonal ARIMA with drift chosen by the Hyndman–Khandakar stepwise search (KPSS for d,
    the seasonal-strength test for D, AICc), as statsforecast's AutoARIMA."""

    _default_alias = "AutoARIMA"

    def __init__(self, season_length: int = 1, alias: Optional[str] = None) -> None:
        super().__init__(alias)
        self.season_length = int(season_length)

    def spec(self) -> Dict[str, Any]:
        return _named("auto_arima", self.season_length)


class MSTL(_Model):
    """Multiple seasonal-trend decomposition by LOESS (Bandara et al. 2021) with a non-seasonal
    AutoETS ("ZZN") on the seasonally adjusted series; each seasonal component repeats its last
    cycle. ``season_length`` is one period or a list (up to 4), e.g. ``[24, 168]`` for hourly
    data."""

    _default_alias = "MSTL"

    def __init__(self, season_length: Any, alias: Optional[str] = None) -> None:
        super().__init__(alias)
        periods = [int(p) for p in (season_length if isinstance(season_length, (list, tuple)) else [season_length])]
        if not 1 <= len(periods) <= 4 or min(periods) < 1:
            raise ValueError(f"season_length = {season_length!r}: 1 to 4 periods, each at least 1")
        self.season_length = periods

    def spec(self) -> Dict[str, Any]:
        return {"family": "mstl", "periods": self.season_length + [0] * (4 - len(self.season_length))}

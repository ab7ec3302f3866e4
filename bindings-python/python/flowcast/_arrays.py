"""Turning user inputs (scalars, lists, numpy arrays, pandas or polars Series) into the flat
float64 arrays the extension module takes, and its flat outputs back into the caller's shape.

Inputs broadcast against each other as in numpy. The outputs take the broadcast shape: a Python
float when every input was a scalar, a pandas Series (with the first Series' index) when an
input was a pandas Series, a polars Series when one was a polars Series, a numpy array otherwise.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Tuple

import numpy as np

from flowcast.errors import ValidationError


def _kind(x: Any) -> Optional[str]:
    module = type(x).__module__
    if module.startswith("pandas"):
        return "pandas"
    if module.startswith("polars"):
        return "polars"
    return None


def as_float_array(name: str, x: Any) -> np.ndarray:
    """``x`` as a float64 numpy array (not necessarily contiguous), or a ValidationError."""
    kind = _kind(x)
    if kind == "pandas" and hasattr(x, "to_numpy") and getattr(x, "ndim", 1) == 1:
        x = x.to_numpy(dtype=np.float64, na_value=np.nan)
    elif kind == "polars" and hasattr(x, "to_numpy") and not hasattr(x, "columns"):
        x = x.cast(float).to_numpy() if hasattr(x, "cast") else x.to_numpy()
    elif kind is not None:
        raise ValidationError(
            f"{name} = {type(x).__name__}: must be numbers, an array or a Series [wrong_type]",
            code="wrong_type", field=name, value=type(x).__name__,
            reason="must be numbers, an array or a Series",
        )
    try:
        return np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError):
        value = repr(x) if len(repr(x)) < 60 else type(x).__name__
        raise ValidationError(
            f"{name} = {value}: must be numbers [wrong_type]",
            code="wrong_type", field=name, value=value, reason="must be numbers",
        ) from None


class Batch:
    """Named inputs prepared for one kernel call.

    ``flat[name]`` is a contiguous 1-D float64 array of one element (broadcast to every row by
    the kernel) or one element per row of the broadcast shape.
    """

    def __init__(self, **inputs: Any) -> None:
        self.flat: Dict[str, np.ndarray] = {}
        self._like: Any = None
        arrays = {}
        for name, value in inputs.items():
            if value is None:
                continue
            if self._like is None and _kind(value) is not None:
                self._like = value
            arrays[name] = as_float_array(name, value)
        try:
            self.shape: Tuple[int, ...] = np.broadcast_shapes(*(a.shape for a in arrays.values()))
        except ValueError:
            shapes = ", ".join(f"{n} {a.shape}" for n, a in arrays.items())
            raise ValidationError(
                f"inputs = {shapes}: must broadcast to one shape [length_mismatch]",
                code="length_mismatch", field="inputs", value=shapes,
                reason="must broadcast to one shape",
            ) from None
        for name, a in arrays.items():
            if a.size == 1:
                self.flat[name] = a.reshape(1)
            elif a.shape == self.shape:
                self.flat[name] = np.ascontiguousarray(a).reshape(-1)
            else:
                self.flat[name] = np.ascontiguousarray(np.broadcast_to(a, self.shape)).reshape(-1)

    def wrap(self, out: np.ndarray) -> Any:
        """A flat kernel output in the callers' shape and container."""
        if self.shape == ():
            return float(out[0])
        shaped = out.reshape(self.shape)
        kind = _kind(self._like)
        if kind == "pandas" and len(self.shape) == 1:
            import pandas as pd

            return pd.Series(shaped, index=self._like.index, name=getattr(self._like, "name", None))
        if kind == "polars" and len(self.shape) == 1:
            import polars as pl

            return pl.Series(getattr(self._like, "name", ""), shaped)
        return shaped

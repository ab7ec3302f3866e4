"""Turning user inputs (scalars, lists, numpy arrays, pandas or polars Series) into the flat
float64 arrays the extension module takes, and its flat outputs back into the caller's shape.

Inputs broadcast against each other as in numpy. The outputs take the broadcast shape: a Python
float when every input was a scalar, a pandas Series (with the first Series' index) when an
input was a pandas Series, a polars Series when one was a polars Series, a numpy array otherwise.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any, Dict, Iterator, Mapping, Optional, Tuple

import numpy as np

from flowcast.errors import ValidationError

_INDEXED = re.compile(r"^(\w+)\[(\d+)\]$")


def _kind(x: Any) -> Optional[str]:
    module = type(x).__module__
    if module.startswith("pandas"):
        return "pandas"
    if module.startswith("polars"):
        return "polars"
    return None


def records(name: str, rows: Any) -> list:
    """Rows of a pandas or polars frame, or of an iterable of dicts, as a list of dicts
    (anything else is a ValidationError naming ``name[i]``)."""
    kind = _kind(rows)
    if kind == "pandas":
        return rows.to_dict("records")
    if kind == "polars":
        return rows.to_dicts()
    rows = list(rows)
    for i, r in enumerate(rows):
        if not isinstance(r, Mapping):
            raise invalid(f"{name}[{i}]", type(r).__name__, "wrong_type", "must be a dict")
    return rows


def as_float_array(name: str, x: Any) -> np.ndarray:
    """``x`` as a float64 numpy array (not necessarily contiguous), or a ValidationError."""
    kind = _kind(x)
    try:
        if kind == "pandas" and getattr(x, "ndim", 0) == 1 and hasattr(x, "to_numpy"):
            x = x.to_numpy(dtype=np.float64, na_value=np.nan)
        elif kind == "polars" and hasattr(x, "to_numpy") and not hasattr(x, "columns"):
            x = x.cast(float).to_numpy()
        elif kind is not None:
            raise TypeError(type(x).__name__)
        return np.asarray(x, dtype=np.float64)
    except Exception:  # noqa: BLE001 - any conversion failure is the caller's wrong type
        shown = repr(x)
        value = shown if len(shown) < 60 and "\n" not in shown else f"a {type(x).__name__}"
        raise ValidationError(
            f"{name} = {value}: must be numbers, an array or a Series [wrong_type]",
            code="wrong_type",
            field=name,
            value=value,
            reason="must be numbers, an array or a Series",
        ) from None


def invalid(field: str, value: Any, code: str, reason: str) -> ValidationError:
    """A ValidationError with the message the Rust core would give."""
    return ValidationError(
        f"{field} = {value}: {reason} [{code}]", code=code, field=field, value=str(value), reason=reason
    )


def relabel(err: ValidationError, field: str) -> ValidationError:
    """The same error reported on ``field`` (message rebuilt to match)."""
    return ValidationError(
        f"{field} = {err.value}: {err.reason} [{err.code}]",
        code=err.code,
        field=field,
        value=err.value,
        reason=err.reason,
    )


class Batch:
    """Named inputs prepared for one kernel call.

    ``flat[name]`` is a contiguous 1-D float64 array of one element (broadcast to every row by
    the kernel) or one element per row of the broadcast shape.
    """

    def __init__(self, **inputs: Any) -> None:
        self.flat: Dict[str, np.ndarray] = {}
        self._shapes: Dict[str, Tuple[int, ...]] = {}
        series = []
        arrays = {}
        for name, value in inputs.items():
            if value is None:
                continue
            if _kind(value) is not None:
                series.append((name, value))
            arrays[name] = as_float_array(name, value)
            self._shapes[name] = arrays[name].shape
        try:
            self.shape: Tuple[int, ...] = np.broadcast_shapes(*(a.shape for a in arrays.values()))
        except ValueError:
            shapes = ", ".join(f"{n} {a.shape}" for n, a in arrays.items())
            raise ValidationError(
                f"inputs = {shapes}: must broadcast to one shape [length_mismatch]",
                code="length_mismatch",
                field="inputs",
                value=shapes,
                reason="must broadcast to one shape",
            ) from None
        # The container of the results: the first Series as long as the result.
        full = [(n, s) for n, s in series if len(self.shape) == 1 and len(s) == self.shape[0]]
        self._like = full[0][1] if full else None
        _check_same_index(full)
        for name, a in arrays.items():
            if a.size == 1:
                self.flat[name] = a.reshape(1)
            elif a.shape == self.shape:
                self.flat[name] = np.ascontiguousarray(a).reshape(-1)
            else:
                self.flat[name] = np.ascontiguousarray(np.broadcast_to(a, self.shape)).reshape(-1)

    @contextlib.contextmanager
    def errors(self) -> Iterator[None]:
        """Re-raises kernel errors with indexes into the caller's own arrays: the kernel counts
        rows of the flattened, broadcast inputs; ``fixed_cost[3]`` may mean ``fixed_cost[1, 0]``."""
        try:
            yield
        except ValidationError as err:
            m = _INDEXED.match(err.field or "")
            shape = self._shapes.get(m.group(1)) if m else None
            if m is None or shape is None or (shape == self.shape and len(shape) == 1):
                raise
            position = np.unravel_index(int(m.group(2)), self.shape)
            own = [p if size > 1 else 0 for p, size in zip(position[len(position) - len(shape) :], shape)]
            raise relabel(err, f"{m.group(1)}[{', '.join(map(str, own))}]") from None

    def wrap(self, out: np.ndarray) -> Any:
        """A flat kernel output in the callers' shape and container."""
        if self.shape == ():
            return float(out[0])
        shaped = out.reshape(self.shape)
        kind = _kind(self._like)
        if kind == "pandas":
            import pandas as pd

            return pd.Series(shaped, index=self._like.index, name=getattr(self._like, "name", None))
        if kind == "polars":
            import polars as pl

            return pl.Series(getattr(self._like, "name", ""), shaped)
        return shaped


def _check_same_index(series) -> None:
    """pandas Series pair by position here, as numpy arrays do; refuse Series whose indexes
    differ rather than silently matching one SKU's demand with another's cost."""
    indexed = [(n, s) for n, s in series if _kind(s) == "pandas"]
    for name, s in indexed[1:]:
        first_name, first = indexed[0]
        if not s.index.equals(first.index):
            raise ValidationError(
                f"{name} = a Series with another index: must have the same index as {first_name} "
                "(align them first, e.g. with .reindex) [length_mismatch]",
                code="length_mismatch",
                field=name,
                value="a Series with another index",
                reason=f"must have the same index as {first_name} (align them first, e.g. with .reindex)",
            )

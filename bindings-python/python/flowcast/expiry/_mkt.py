"""Mean kinetic temperature: one record, many, rolling windows and composable bucket sums.

>>> import flowcast.expiry as ex
>>> round(ex.mean_kinetic_temperature([20, 2, 25], weights=[2, 4, 1]), 4)
15.6776
"""

from __future__ import annotations

import re
from typing import Any, Optional

import numpy as np

from flowcast import _flowcast
from flowcast._arrays import _kind, as_float_array, relabel
from flowcast.errors import ValidationError

_INDEXED = re.compile(r"^(temps_c|weights)(?:\[(\d+)\])?$")


def _renamed(err: ValidationError, names: dict, position) -> ValidationError:
    """``err`` with the kernel's field (``temps_c[k]``, ``weights``) named as the caller knows
    it: ``names`` maps the kernel's names, ``position(k)`` maps a flat index to the caller's."""
    m = _INDEXED.match(err.field or "")
    if m is None:
        return err
    field = names.get(m.group(1), m.group(1))
    if m.group(2) is not None:
        field = f"{field}[{position(int(m.group(2)))}]"
    return relabel(err, field)


__all__ = [
    "mean_kinetic_temperature",
    "mean_kinetic_temperature_by",
    "rolling_mean_kinetic_temperature",
    "kinetic_sums",
    "combine_kinetic_sums",
]

#: USP <1160>: activation energy in kJ/mol.
DELTA_H = 83.144
#: USP <1160>: gas constant in kJ/(mol·K).
GAS_CONSTANT = 8.3144e-3


def mean_kinetic_temperature(
    temps_c: Any,
    weights: Optional[Any] = None,
    delta_h: float = DELTA_H,
    gas_constant: float = GAS_CONSTANT,
) -> Any:
    """Mean kinetic temperature in °C (USP <1160>).

    MKT = (ΔH/R) / −ln(Σ wᵢ exp(−ΔH/(R Tᵢ)) / Σ wᵢ), Tᵢ in kelvin, computed in log-sum-exp
    form.

    Args:
        temps_c: readings in °C. 1-D: one record, returns a float. 2-D: one record per row,
            returns an array with one MKT per row.
        weights: time each reading stands for (hours, minutes: only ratios matter); same shape
            as ``temps_c``, or 1-D with one weight per column for 2-D input. Equal by default.
        delta_h: activation energy ΔH in kJ/mol.
        gas_constant: R in kJ/(mol·K).

    Raises:
        ValidationError: an empty record, NaN, a reading at or below absolute zero, negative
            weights or weights summing to zero, mismatched shapes, non-positive constants.
    """
    temps = as_float_array("temps_c", temps_c)
    if temps.ndim > 2:
        raise ValidationError(
            f"temps_c = {temps.ndim}-D array: must be 1-D (one record) or 2-D (one per row) [wrong_type]",
            code="wrong_type",
            field="temps_c",
            value=f"{temps.ndim}-D array",
            reason="must be 1-D (one record) or 2-D (one per row)",
        )
    records, length = (1, temps.size) if temps.ndim < 2 else temps.shape
    flat_w = None
    if weights is not None:
        w = as_float_array("weights", weights)
        target = temps.shape if temps.ndim else (1,)
        try:
            w = np.broadcast_to(w, target)
        except ValueError:
            raise ValidationError(
                f"weights = shape {w.shape}: must match temps_c {temps.shape} [length_mismatch]",
                code="length_mismatch",
                field="weights",
                value=f"shape {w.shape}",
                reason=f"must match temps_c {temps.shape}",
            ) from None
        flat_w = np.ascontiguousarray(w, dtype=np.float64).reshape(-1)
    bounds = np.arange(records + 1, dtype=np.int64) * length if length else np.zeros(2, dtype=np.int64)
    try:
        out = _flowcast.mean_kinetic_temperature(
            np.ascontiguousarray(temps, dtype=np.float64).reshape(-1),
            flat_w,
            bounds,
            float(delta_h),
            float(gas_constant),
        )
    except ValidationError as err:
        if temps.ndim < 2:
            raise
        raise _renamed(err, {}, lambda k: f"{k // length}, {k % length}") from None
    return float(out[0]) if temps.ndim < 2 else out


def mean_kinetic_temperature_by(
    frame: Any,
    by: str,
    temps: str = "temp_c",
    weights: Optional[str] = None,
    delta_h: float = DELTA_H,
    gas_constant: float = GAS_CONSTANT,
) -> Any:
    """MKT per group of a long pandas or polars DataFrame, in one call with no per-group
    Python work.

    Args:
        frame: one row per reading.
        by: the column naming the record (a lot, a logger, a shipment).
        temps: the column of readings in °C.
        weights: optional column of time weights.

    Returns:
        A DataFrame of the same library with columns ``by`` and ``mkt_c``, one row per group in
        sorted key order.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"lot": ["a", "b", "a", "b"], "temp_c": [5.0, 20.0, 5.0, 30.0]})
    >>> mean_kinetic_temperature_by(df, by="lot").round(4)
      lot    mkt_c
    0   a   5.0000
    1   b  26.2599
    """
    kind = _kind(frame)
    if kind not in ("pandas", "polars"):
        raise TypeError(f"mean_kinetic_temperature_by() takes a pandas or polars DataFrame, not {type(frame).__name__}")
    columns = list(frame.columns)
    for column in [by, temps] + ([weights] if weights else []):
        if column not in columns:
            raise ValidationError(
                f"{column} = missing: must be a column of the frame ({', '.join(map(str, columns))}) [wrong_type]",
                code="wrong_type",
                field=column,
                value="missing",
                reason="must be a column of the frame",
            )
    keys = frame[by].to_numpy()
    values = as_float_array(temps, frame[temps].to_numpy())
    w = as_float_array(weights, frame[weights].to_numpy()) if weights else None
    unique, inverse = np.unique(keys, return_inverse=True)
    order = np.argsort(inverse, kind="stable")
    counts = np.bincount(inverse.reshape(-1), minlength=len(unique))
    bounds = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    sorted_w = None if w is None else np.ascontiguousarray(w[order])
    try:
        mkt = _flowcast.mean_kinetic_temperature(
            np.ascontiguousarray(values[order]), sorted_w, bounds, float(delta_h), float(gas_constant)
        )
    except ValidationError as err:
        # The kernel saw the readings sorted by group: point at the frame's own row.
        raise _renamed(err, {"temps_c": temps, "weights": weights or "weights"}, lambda k: int(order[k])) from None
    if kind == "pandas":
        import pandas as pd

        return pd.DataFrame({by: unique, "mkt_c": mkt})
    import polars as pl

    return pl.DataFrame({by: unique, "mkt_c": mkt})


def rolling_mean_kinetic_temperature(
    temps_c: Any,
    window: int,
    weights: Optional[Any] = None,
    delta_h: float = DELTA_H,
    gas_constant: float = GAS_CONSTANT,
) -> np.ndarray:
    """MKT of every window of ``window`` consecutive readings: element ``i`` covers readings
    ``i .. i + window - 1``, so the result has ``len(temps_c) - window + 1`` values. Each window
    is exact (no running subtraction). With hourly readings, ``window=24`` is the 24 h MKT
    proposed for controlled-cold products and ``720`` the 30-day window for room temperature.

    >>> rolling_mean_kinetic_temperature([5, 5, 20, 30], window=2).round(4).tolist()
    [5.0, 15.3843, 26.2599]
    """
    temps = np.ascontiguousarray(as_float_array("temps_c", temps_c), dtype=np.float64).reshape(-1)
    w = None if weights is None else np.ascontiguousarray(as_float_array("weights", weights)).reshape(-1)
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 1:
        raise ValidationError(
            f"window = {window!r}: must be a whole number of readings, at least 1 [out_of_range]",
            code="out_of_range",
            field="window",
            value=repr(window),
            reason="must be a whole number of readings, at least 1",
        )
    return _flowcast.rolling_mean_kinetic_temperature(temps, w, int(window), float(delta_h), float(gas_constant))


_SUMS = ("ln_kinetic_sum", "weight", "weighted_temp", "min_c", "max_c")


def kinetic_sums(
    temps_c: Any,
    weights: Optional[Any] = None,
    delta_h: float = DELTA_H,
    gas_constant: float = GAS_CONSTANT,
) -> dict:
    """The partial sums from which MKT is exact: store them per hour or per day, and
    :func:`combine_kinetic_sums` gives the MKT of any set of buckets.

    Returns a dict of ``ln_kinetic_sum`` (ln Σw·e^(−ΔH/RT), kept as a logarithm so cold records
    do not underflow), ``weight`` (Σw), ``weighted_temp`` (Σw·t), ``min_c`` and ``max_c``:
    floats for a 1-D record, arrays (one value per row) for a 2-D one.

    >>> day1, day2 = kinetic_sums([5, 6, 7]), kinetic_sums([12, 4])
    >>> both = {k: [day1[k], day2[k]] for k in day1}
    >>> round(combine_kinetic_sums(**both), 6) == round(mean_kinetic_temperature([5, 6, 7, 12, 4]), 6)
    True
    """
    temps = as_float_array("temps_c", temps_c)
    two_d = temps.ndim == 2
    rows, length = temps.shape if two_d else (1, temps.size)
    flat_w = None
    if weights is not None:
        flat_w = np.ascontiguousarray(np.broadcast_to(as_float_array("weights", weights), temps.shape)).reshape(-1)
    bounds = np.arange(rows + 1, dtype=np.int64) * length
    parts = _flowcast.kinetic_sums(
        np.ascontiguousarray(temps, dtype=np.float64).reshape(-1), flat_w, bounds, float(delta_h), float(gas_constant)
    )
    return {k: (v if two_d else float(v[0])) for k, v in zip(_SUMS, parts)}


def combine_kinetic_sums(
    ln_kinetic_sum: Any,
    weight: Any,
    weighted_temp: Any,
    min_c: Any,
    max_c: Any,
    delta_h: float = DELTA_H,
    gas_constant: float = GAS_CONSTANT,
) -> float:
    """MKT in °C of the union of buckets given by their :func:`kinetic_sums` (arrays with one
    entry per bucket, e.g. the columns of a table of hourly sums). The constants must be the
    ones the sums were made with."""
    cols = [
        np.ascontiguousarray(as_float_array(name, v), dtype=np.float64).reshape(-1)
        for name, v in zip(_SUMS, (ln_kinetic_sum, weight, weighted_temp, min_c, max_c))
    ]
    bounds = np.array([0, cols[0].size], dtype=np.int64)
    return float(_flowcast.combine_kinetic_sums(*cols, bounds, float(delta_h), float(gas_constant))[0])

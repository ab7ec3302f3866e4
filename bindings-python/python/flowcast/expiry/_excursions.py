"""Temperature excursions: detection over a log, stability budgets, the USP MKT rule and a
verdict with reasons, in one call (:func:`analyze_excursions`) or reading by reading
(:class:`ExcursionTracker`, whose state survives a restart). Both give the same answers.

Semantics: reading i holds on [tᵢ, tᵢ₊₁) (sample and hold; the last reading has no duration);
a hold longer than ``max_gap`` is credited ``max_gap`` and the rest is a gap, flagged and
credited to nothing; boundaries are in range; an excursion is a maximal out-of-range run of
one kind (high or low); runs shorter than ``min_duration`` count in the minutes, not as
excursions; MKT weights each reading by its credited hold.

Products (USP <659>): ``"refrigerated"`` (2–8 °C, strict), ``"controlled_cold"`` (2–8 °C,
excursions within 0–15 °C tolerated while MKT ≤ 8 °C), ``"controlled_room"`` (20–25 °C,
excursions within 15–30 °C and spikes up to 40 °C for 24 h tolerated while MKT ≤ 25 °C),
``"frozen"`` (−25 to −10 °C); any field can be overridden, or give ``range=(lo, hi)``.

>>> import flowcast.expiry as ex
>>> r = ex.analyze_excursions([0, 5, 10, 15, 20], [6.0, 8.5, 9.0, 7.0, 5.0])
>>> r["minutes_above"], [(e["kind"], e["start_min"], e["duration_min"], e["peak_c"]) for e in r["events"]]
(10.0, [('high', 5.0, 10.0, 9.0)])
>>> r["verdict"]["status"]
'reject'
"""

from __future__ import annotations

import json
from typing import Any, Iterable

import numpy as np

from flowcast import _flowcast
from flowcast._arrays import _kind, as_float_array, invalid

__all__ = ["excursion_rules", "analyze_excursions", "analyze_excursions_by", "ExcursionTracker"]

_UNSET: Any = object()
_RULE_FIELDS = ("range", "min_duration", "max_gap", "allowed", "spike_max", "spike_minutes", "mkt_limit", "budgets")


def _band(name: str, band: Any) -> Any:
    if band is None or isinstance(band, str):
        return band
    try:
        lo, hi = band
    except (TypeError, ValueError):
        raise invalid(name, band, "wrong_type", "must be (lo, hi) or text like '(8, 25]'") from None
    return [float(lo), float(hi)]


def _budgets(budgets: Iterable[Any]) -> list:
    out = []
    for i, b in enumerate(budgets):
        band, minutes = (b["band"], b["minutes"]) if isinstance(b, dict) else b
        out.append({"band": _band(f"budgets[{i}].band", band), "minutes": float(minutes)})
    return out


def excursion_rules(
    product: str = "refrigerated",
    *,
    range: Any = _UNSET,
    min_duration: Any = _UNSET,
    max_gap: Any = _UNSET,
    allowed: Any = _UNSET,
    spike_max: Any = _UNSET,
    spike_minutes: Any = _UNSET,
    mkt_limit: Any = _UNSET,
    budgets: Any = _UNSET,
    delta_h: Any = _UNSET,
    gas_constant: Any = _UNSET,
) -> dict:
    """The rules a log is judged by: a ``product`` preset with any field overridden, validated.

    Args:
        product: ``refrigerated``, ``controlled_cold``, ``controlled_room`` (or ``crt``),
            ``frozen``.
        range: label range ``(lo, hi)`` in °C (boundaries in range).
        min_duration: minutes an out-of-range run must last to count as an excursion.
        max_gap: longest credited hold in minutes (``None``: hold until the next reading).
        allowed: wider range ``(lo, hi)`` of tolerated excursions (under ``mkt_limit``).
        spike_max: tolerated spikes up to this temperature, each at most ``spike_minutes``.
        mkt_limit: MKT ceiling for tolerated excursions.
        budgets: stability budgets: ``[{"band": "(8, 25]", "minutes": 4320}]`` or
            ``[("(8, 25]", 4320)]``.
        delta_h, gas_constant: MKT constants (kJ/mol, kJ/(mol·K)).

    >>> excursion_rules("controlled_room")["allowed"]
    '[15, 30]'
    """
    given = dict(
        zip(_RULE_FIELDS, (range, min_duration, max_gap, allowed, spike_max, spike_minutes, mkt_limit, budgets))
    )
    overrides = {k: v for k, v in given.items() if v is not _UNSET}
    for key in ("range", "allowed"):
        if key in overrides:
            overrides[key] = _band(key, overrides[key])
    if "budgets" in overrides:
        overrides["budgets"] = _budgets(overrides["budgets"] or [])
    for key in ("min_duration", "max_gap", "spike_max", "spike_minutes", "mkt_limit"):
        if overrides.get(key) is not None:
            overrides[key] = float(overrides[key])
    mkt = {k: float(v) for k, v in (("delta_h", delta_h), ("gas_constant", gas_constant)) if v is not _UNSET}
    if mkt:
        overrides["mkt"] = mkt
    return json.loads(_flowcast.excursion_rules(str(product), json.dumps(overrides)))


def _minutes(timestamps: Any) -> tuple:
    """Timestamps as float minutes, and whether they were datetimes."""
    kind = _kind(timestamps)
    if kind in ("pandas", "polars"):
        timestamps = timestamps.to_numpy()
    arr = np.asarray(timestamps)
    if np.issubdtype(arr.dtype, np.datetime64):
        if np.isnat(arr).any():
            raise invalid("timestamps", "NaT", "not_finite", "must be a valid time")
        ms = arr.astype("datetime64[ms]").astype(np.int64)
        return np.ascontiguousarray(ms / 60_000.0), True
    return np.ascontiguousarray(as_float_array("timestamps", arr), dtype=np.float64).reshape(-1), False


def _as_time(minutes: float) -> np.datetime64:
    return np.datetime64(int(round(minutes * 60_000.0)), "ms")


def _dated(report: dict) -> dict:
    """Adds datetime ``start``/``end`` next to the minute fields when the input was dated."""
    report["start"], report["end"] = _as_time(report["start_min"]), _as_time(report["end_min"])
    for item in report["events"] + report["gaps"]:
        item["start"], item["end"] = _as_time(item["start_min"]), _as_time(item["end_min"])
    return report


def _rules_json(product: str, rules: dict) -> str:
    return json.dumps(excursion_rules(product, **rules))


def analyze_excursions(timestamps: Any, temps_c: Any, product: str = "refrigerated", **rules: Any) -> dict:
    """Analyses one temperature log.

    Args:
        timestamps: minutes (any origin) or datetimes (numpy ``datetime64``, pandas/polars
            datetime Series), strictly increasing.
        temps_c: readings in °C.
        product, rules: see :func:`excursion_rules`.

    Returns:
        A dict: ``readings``, ``start_min``/``end_min``, ``minutes_credited``,
        ``minutes_above``, ``minutes_below``, ``minutes_out_of_range``, ``minutes_in_gaps``,
        ``events`` (``kind``, ``start_min``, ``end_min``, ``duration_min``, ``peak_c``,
        ``ongoing``, ``band``: ``allowed``/``spike``/``budget``/``outside``), ``event_count``,
        ``ignored_events``, ``longest_event_min``, ``gaps``, ``budgets`` (``band``,
        ``budget_minutes``, ``used_minutes``, ``remaining_minutes``), ``mkt_c``, ``mean_c``,
        ``min_c``, ``max_c`` and ``verdict`` (``status``: ``in_range``/``acceptable``/
        ``review``/``reject``, ``reasons``: ``[{"code", "message"}]``). Dated input also gets
        datetime ``start``/``end`` on the report, events and gaps.

    Raises:
        ValidationError: timestamps out of order or repeated (``not_increasing``), NaN or
            sub-absolute-zero temperatures, mismatched lengths, bad rules.
    """
    t, dated = _minutes(timestamps)
    v = np.ascontiguousarray(as_float_array("temps_c", temps_c), dtype=np.float64).reshape(-1)
    bounds = np.array([0, v.size], dtype=np.int64)
    report = json.loads(_flowcast.analyze_excursions(t, v, bounds, _rules_json(product, rules))[0])
    return _dated(report) if dated else report


def analyze_excursions_by(
    frame: Any, by: str, time: str = "time", temp: str = "temp_c", product: str = "refrigerated", **rules: Any
) -> Any:
    """One summary row per logger (or lot, or shipment) of a long pandas or polars DataFrame,
    in one call: ``by``, ``status``, ``event_count``, ``minutes_out_of_range``,
    ``longest_event_min``, ``mkt_c``, ``min_c``, ``max_c``, ``minutes_in_gaps``. Rows are sorted
    by time within each group first.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"logger": ["a"] * 3 + ["b"] * 3, "time": [0, 10, 20] * 2,
    ...                    "temp_c": [5, 9, 5, 4, 5, 6]})
    >>> analyze_excursions_by(df, by="logger")[["logger", "status", "minutes_out_of_range"]]
      logger    status  minutes_out_of_range
    0      a    reject                  10.0
    1      b  in_range                   0.0
    """
    kind = _kind(frame)
    if kind not in ("pandas", "polars"):
        raise TypeError(f"analyze_excursions_by() takes a pandas or polars DataFrame, not {type(frame).__name__}")
    for column in (by, time, temp):
        if column not in list(frame.columns):
            raise invalid(column, "missing", "wrong_type", "must be a column of the frame")
    keys = np.asarray(frame[by].to_numpy())
    t, _ = _minutes(frame[time])
    v = as_float_array(temp, frame[temp].to_numpy()).reshape(-1)
    unique, inverse = np.unique(keys, return_inverse=True)
    order = np.lexsort((t, inverse.reshape(-1)))
    counts = np.bincount(inverse.reshape(-1), minlength=len(unique))
    bounds = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    reports = [
        json.loads(r)
        for r in _flowcast.analyze_excursions(
            np.ascontiguousarray(t[order]), np.ascontiguousarray(v[order]), bounds, _rules_json(product, rules)
        )
    ]
    columns = {
        by: unique,
        "status": [r["verdict"]["status"] for r in reports],
        "event_count": [r["event_count"] for r in reports],
        "minutes_out_of_range": [r["minutes_out_of_range"] for r in reports],
        "longest_event_min": [r["longest_event_min"] for r in reports],
        "mkt_c": [r["mkt_c"] for r in reports],
        "min_c": [r["min_c"] for r in reports],
        "max_c": [r["max_c"] for r in reports],
        "minutes_in_gaps": [r["minutes_in_gaps"] for r in reports],
    }
    if kind == "pandas":
        import pandas as pd

        return pd.DataFrame(columns)
    import polars as pl

    return pl.DataFrame(columns)


class ExcursionTracker:
    """Feeds a log one reading at a time, for alerting as readings arrive.

    ``push`` returns the signals the reading raised (``out_of_range``, ``excursion_started``,
    ``excursion_confirmed``, ``excursion_ended``, ``gap``, ``budget_exceeded``); ``report()``
    is what :func:`analyze_excursions` would say of the readings so far; ``state()`` is JSON
    text to store, and :meth:`from_state` resumes from it (trackers also pickle).

    >>> tracker = ExcursionTracker("refrigerated", min_duration=15)
    >>> [tracker.push(t, v)["excursion_confirmed"] for t, v in [(0, 9.0), (10, 9.5), (20, 5.0)]]
    [False, False, True]
    >>> resumed = ExcursionTracker.from_state(tracker.state())
    >>> resumed.push(30, 5.0)["excursion_ended"]
    True
    >>> resumed.report()["events"][0]["duration_min"]
    20.0
    """

    def __init__(self, product: str = "refrigerated", **rules: Any) -> None:
        self._inner = _flowcast.ExcursionTracker(_rules_json(product, rules))

    @classmethod
    def from_state(cls, state: str) -> "ExcursionTracker":
        """A tracker resumed from :meth:`state`."""
        tracker = cls.__new__(cls)
        tracker._inner = _flowcast.ExcursionTracker.from_state(state)
        return tracker

    def push(self, t: float, temp_c: float) -> dict:
        """Takes in reading ``temp_c`` (°C) at ``t`` minutes; returns its signals."""
        return json.loads(self._inner.push(float(t), float(temp_c)))

    def extend(self, timestamps: Any, temps_c: Any) -> None:
        """Takes in many readings (minutes, °C) at once; all or none on bad input."""
        t = np.ascontiguousarray(as_float_array("timestamps", timestamps), dtype=np.float64).reshape(-1)
        v = np.ascontiguousarray(as_float_array("temps_c", temps_c), dtype=np.float64).reshape(-1)
        self._inner.extend(t, v)

    def report(self) -> dict:
        """The report on the readings so far (see :func:`analyze_excursions`)."""
        return json.loads(self._inner.report())

    def state(self) -> str:
        """The whole state as JSON text."""
        return self._inner.state()

    @property
    def readings(self) -> int:
        """Readings taken in so far."""
        return self._inner.readings()

    def __getstate__(self) -> dict:
        return {"state": self.state()}

    def __setstate__(self, value: dict) -> None:
        self._inner = _flowcast.ExcursionTracker.from_state(value["state"])

"""Shelf-life models: Arrhenius and Q10 acceleration, equivalent age, remaining shelf life.

An hour at temperature T counts as AF(T) hours at the reference temperature T_ref:
Arrhenius AF = exp((Eₐ/R)(1/T_ref − 1/T)) (kelvin; USP <1160> constants by default), or
Q10 AF = Q10^((T − T_ref)/10).

>>> import flowcast.expiry as ex
>>> round(ex.acceleration_factor(25, t_ref_c=5), 6)
11.152461
>>> ex.acceleration_factor([15, 25], t_ref_c=5, q10=2).tolist()
[2.0, 4.0]
"""

from __future__ import annotations

from typing import Any, Optional

import numpy as np

from flowcast import _flowcast
from flowcast._arrays import as_float_array
from flowcast.expiry._mkt import DELTA_H, GAS_CONSTANT

__all__ = ["acceleration_factor", "q10_from_arrhenius", "shelf_life_consumed"]


def acceleration_factor(
    t_c: Any,
    t_ref_c: Any,
    q10: Optional[float] = None,
    delta_h: float = DELTA_H,
    gas_constant: float = GAS_CONSTANT,
) -> Any:
    """Degradation rate at ``t_c`` relative to ``t_ref_c`` (arrays broadcast; a float for
    scalars). Arrhenius with ``delta_h`` (kJ/mol) and ``gas_constant`` (kJ/(mol·K)) unless
    ``q10`` is given."""
    t, t_ref = np.broadcast_arrays(as_float_array("t_c", t_c), as_float_array("t_ref_c", t_ref_c))
    out = _flowcast.acceleration_factor(
        np.ascontiguousarray(t, dtype=np.float64).reshape(-1),
        np.ascontiguousarray(t_ref, dtype=np.float64).reshape(-1),
        float(delta_h),
        float(gas_constant),
        None if q10 is None else float(q10),
    )
    return float(out[0]) if t.ndim == 0 else out.reshape(t.shape)


def q10_from_arrhenius(t_ref_c: float, delta_h: float = DELTA_H, gas_constant: float = GAS_CONSTANT) -> float:
    """The Q10 equivalent to Arrhenius kinetics over [t_ref, t_ref + 10 °C].

    >>> round(q10_from_arrhenius(5.0), 6)
    3.482246
    """
    return _flowcast.q10_from_arrhenius(float(t_ref_c), float(delta_h), float(gas_constant))


def shelf_life_consumed(
    temps_c: Any,
    durations: Any,
    t_ref_c: float,
    shelf_life_at_ref: float,
    q10: Optional[float] = None,
    delta_h: float = DELTA_H,
    gas_constant: float = GAS_CONSTANT,
) -> dict:
    """How much shelf life a temperature history used: ``temps_c[i]`` held for
    ``durations[i]`` (in the unit of ``shelf_life_at_ref``).

    Returns ``elapsed`` (clock time), ``equivalent_at_ref`` (Σ durationᵢ·AF(Tᵢ)),
    ``fraction_consumed`` and ``remaining_at_ref`` (negative once expired); divide the last by
    :func:`acceleration_factor` of a storage temperature for the time left there.

    >>> r = shelf_life_consumed([5, 5, 12, 25, 5], [240, 240, 6, 2, 480], t_ref_c=5, shelf_life_at_ref=17520)
    >>> round(r["equivalent_at_ref"], 4), round(r["remaining_at_ref"], 4)
    (996.8074, 16523.1926)
    """
    t = np.ascontiguousarray(as_float_array("temps_c", temps_c), dtype=np.float64).reshape(-1)
    d = np.ascontiguousarray(as_float_array("durations", durations), dtype=np.float64).reshape(-1)
    elapsed, equivalent, fraction, remaining = _flowcast.shelf_life(
        t,
        d,
        float(t_ref_c),
        float(shelf_life_at_ref),
        float(delta_h),
        float(gas_constant),
        None if q10 is None else float(q10),
    )
    return {
        "elapsed": elapsed,
        "equivalent_at_ref": equivalent,
        "fraction_consumed": fraction,
        "remaining_at_ref": remaining,
    }

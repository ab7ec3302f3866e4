"""Type stubs of the private extension module. Use the public modules instead."""

from typing import Optional, Tuple

import numpy as np
import numpy.typing as npt

_F = npt.NDArray[np.float64]

__version__: str

def eoq(fixed_cost: _F, holding_cost: _F, demand_rate: _F, order_quantity: Optional[_F] = None) -> Tuple[_F, _F]: ...
def safety_stock(
    demand_mean: _F,
    demand_sd: _F,
    lead_time: _F,
    lead_time_sd: _F,
    review_period: _F,
    target_kind: str,
    target: _F,
    order_quantity: Optional[_F] = None,
) -> Tuple[_F, _F, _F, _F, _F, _F]: ...
def cycle_service(safety_factor: _F, lead_time_demand_sd: _F, order_quantity: _F) -> Tuple[_F, _F, _F]: ...
def standard_normal_loss(z: _F) -> Tuple[_F, _F]: ...
def standard_normal_second_loss(z: _F) -> Tuple[_F, _F]: ...
def standard_normal_loss_inverse(g: _F) -> _F: ...
def normal_loss(x: _F, mean: _F, sd: _F) -> Tuple[_F, _F]: ...
def normal_second_loss(x: _F, mean: _F, sd: _F) -> Tuple[_F, _F]: ...
def mean_kinetic_temperature(
    temps_c: _F, weights: Optional[_F], bounds: npt.NDArray[np.int64], delta_h: float, gas_constant: float
) -> _F: ...

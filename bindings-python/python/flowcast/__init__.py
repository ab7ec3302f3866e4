"""flowcast: performance-first supply-chain optimisation and forecasting.

Modules:
    flowcast.inventory: EOQ, loss functions, safety stock and reorder points, vectorised.
    flowcast.expiry: cold chain and expiry: MKT, shelf life, excursions, FEFO, perishable stock, donation plans.
    flowcast.forecast: demand forecasting in statsforecast's dialect.
    flowcast.vrp: vehicle routing: read or build a problem, solve it, check a solution.

Errors derive from :class:`FlowcastError`; bad input raises :class:`ValidationError`, which is
also a ``ValueError``.
"""

from flowcast import errors, expiry, forecast, inventory, vrp
from flowcast._flowcast import __version__
from flowcast.errors import FlowcastError, InfeasibleError, NotFittedError, ValidationError

__all__ = [
    "__version__",
    "errors",
    "expiry",
    "forecast",
    "inventory",
    "vrp",
    "FlowcastError",
    "ValidationError",
    "InfeasibleError",
    "NotFittedError",
]

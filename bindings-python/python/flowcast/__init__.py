"""flowcast: performance-first supply-chain optimisation and forecasting.

Modules:
    flowcast.inventory: EOQ, loss functions, safety stock and reorder points, vectorised.
    flowcast.expiry: mean kinetic temperature and cold-chain analytics.

Errors derive from :class:`FlowcastError`; bad input raises :class:`ValidationError`, which is
also a ``ValueError``.
"""

from flowcast import errors, expiry, inventory
from flowcast._flowcast import __version__
from flowcast.errors import FlowcastError, InfeasibleError, NotFittedError, ValidationError

__all__ = [
    "__version__",
    "errors",
    "expiry",
    "inventory",
    "FlowcastError",
    "ValidationError",
    "InfeasibleError",
    "NotFittedError",
]

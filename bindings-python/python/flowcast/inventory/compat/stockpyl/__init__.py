"""stockpyl-compatible functions: same module paths, names, parameters and return values.

Replace ``from stockpyl.eoq import economic_order_quantity`` with
``from flowcast.inventory.compat.stockpyl.eoq import economic_order_quantity``. Where stockpyl
takes a number, these also take numpy arrays (or Series) and broadcast, returning arrays in the
same tuple shape, so migrated code can batch without a rewrite. Bad input raises
:class:`flowcast.ValidationError`, a ``ValueError`` as stockpyl's own checks are.

Covered so far: ``eoq``, ``rq``, ``ss`` and ``supply_uncertainty`` (every function),
``newsvendor`` (every function but ``set_myopic_cost_to``), ``loss_functions`` (every
distribution but the numerically integrated ``continuous_loss``). Distributions given as
scipy.stats frozen objects (norm, lognorm, expon, gamma, uniform, poisson, geom, nbinom) are
read without importing scipy.
"""

from flowcast.inventory.compat.stockpyl import eoq, loss_functions, newsvendor, rq, ss, supply_uncertainty

__all__ = ["eoq", "loss_functions", "newsvendor", "rq", "ss", "supply_uncertainty"]

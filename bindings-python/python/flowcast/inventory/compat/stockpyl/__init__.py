"""stockpyl-compatible functions: same module paths, names, parameters and return values.

Replace ``from stockpyl.eoq import economic_order_quantity`` with
``from flowcast.inventory.compat.stockpyl.eoq import economic_order_quantity``. Where stockpyl
takes a number, these also take numpy arrays (or Series) and broadcast, returning arrays in the
same tuple shape, so migrated code can batch without a rewrite. Bad input raises
:class:`flowcast.ValidationError`, a ``ValueError`` as stockpyl's own checks are.

Covered so far: ``eoq`` (every function), ``loss_functions`` (every distribution but the
numerically integrated ``continuous_loss``), and the EOQ functions of ``supply_uncertainty``.
"""

from flowcast.inventory.compat.stockpyl import eoq, loss_functions, supply_uncertainty

__all__ = ["eoq", "loss_functions", "supply_uncertainty"]

"""stockpyl-compatible functions: same module paths, names, parameters and return values.

Replace ``from stockpyl.eoq import economic_order_quantity`` with
``from flowcast.inventory.compat.stockpyl.eoq import economic_order_quantity``. Where stockpyl
takes a number, these also take numpy arrays (or Series) and broadcast, returning arrays in the
same tuple shape, so migrated code can batch without a rewrite. Bad input raises
:class:`flowcast.ValidationError`, a ``ValueError`` as stockpyl's own checks are.

Covered: ``eoq``, ``loss_functions``, ``newsvendor``, ``rq``, ``ss``, ``supply_uncertainty``,
``wagner_whitin``, ``finite_horizon``, ``gsm_serial`` and ``ssm_serial`` in full;
``gsm_tree`` (``optimize_committed_service_times``; not its network-relabelling helpers);
``sim`` (single-stage and serial systems, see its docstring). Distributions given as
scipy.stats frozen objects (norm, lognorm, expon, gamma, uniform, poisson, geom, nbinom) are
read without importing scipy.
"""

from flowcast.inventory.compat.stockpyl import (
    eoq,
    finite_horizon,
    gsm_serial,
    gsm_tree,
    loss_functions,
    newsvendor,
    rq,
    sim,
    ss,
    ssm_serial,
    supply_uncertainty,
    wagner_whitin,
)

__all__ = [
    "eoq",
    "finite_horizon",
    "gsm_serial",
    "gsm_tree",
    "loss_functions",
    "newsvendor",
    "rq",
    "sim",
    "ss",
    "ssm_serial",
    "supply_uncertainty",
    "wagner_whitin",
]

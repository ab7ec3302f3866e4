"""Reading scipy.stats frozen distributions (``norm(50, 8)``, ``lognorm(0.3, scale=e⁶)``…) as
flowcast distributions, without importing scipy: by their ``dist.name``, ``args`` and ``kwds``."""

from __future__ import annotations

import math
from typing import Any, Dict, Tuple

from flowcast.errors import ValidationError

# scipy's shape parameters, in positional order, before loc and scale.
_SHAPES = {
    "norm": (),
    "lognorm": ("s",),
    "expon": (),
    "gamma": ("a",),
    "uniform": (),
    "poisson": ("mu",),
    "geom": ("p",),
    "nbinom": ("n", "p"),
}


def from_scipy(frozen: Any) -> Tuple[str, Dict[str, float]]:
    """(flowcast distribution name, its parameters) of a scipy frozen distribution."""
    name = getattr(getattr(frozen, "dist", None), "name", None)
    if name not in _SHAPES:
        raise ValidationError(
            f"distribution = {name or type(frozen).__name__}: must be a scipy.stats frozen norm, lognorm, expon, "
            "gamma, uniform, poisson, geom or nbinom [wrong_type]",
            code="wrong_type",
            field="distribution",
            value=str(name or type(frozen).__name__),
            reason="must be a scipy.stats frozen norm, lognorm, expon, gamma, uniform, poisson, geom or nbinom",
        )
    shapes = _SHAPES[name]
    args = list(getattr(frozen, "args", ()))
    kwds: Dict[str, float] = dict(getattr(frozen, "kwds", {}))
    for key, value in zip(list(shapes) + ["loc", "scale"], args):
        kwds[key] = value
    loc, scale = float(kwds.get("loc", 0.0)), float(kwds.get("scale", 1.0))
    if name == "norm":
        return "normal", {"mean": loc, "sd": scale}
    if name == "uniform":
        return "uniform", {"low": loc, "high": loc + scale}
    if loc != 0.0:
        raise ValidationError(
            f"loc = {loc}: must be 0 for a {name} distribution [out_of_range]",
            code="out_of_range",
            field="loc",
            value=str(loc),
            reason=f"must be 0 for a {name} distribution",
        )
    if name == "lognorm":
        return "lognormal", {"mu": math.log(scale), "sigma": float(kwds["s"])}
    if name == "expon":
        return "exponential", {"rate": 1.0 / scale}
    if name == "gamma":
        return "gamma", {"shape": float(kwds["a"]), "scale": scale}
    if name == "poisson":
        return "poisson", {"mean": float(kwds["mu"])}
    if name == "geom":
        return "geometric", {"p": float(kwds["p"])}
    return "negative_binomial", {"r": float(kwds["n"]), "p": float(kwds["p"])}

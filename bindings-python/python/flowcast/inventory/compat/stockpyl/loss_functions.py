"""``stockpyl.loss_functions`` drop-ins: first- and second-order loss functions and their
complements for the normal, lognormal, exponential, gamma, uniform, Poisson, geometric,
negative binomial and any discrete distribution. ``continuous_loss`` and
``continuous_second_loss`` take a scipy.stats frozen distribution as stockpyl does and, where
stockpyl integrates numerically, compute the family's loss in closed form (norm, lognorm, expon,
gamma, uniform); other families raise ``ValidationError``."""

from __future__ import annotations

import math
from typing import Any, Tuple

import numpy as np

from flowcast import _flowcast
from flowcast._arrays import Batch
from flowcast.errors import ValidationError
from flowcast.inventory import loss as _loss
from flowcast.inventory.compat.stockpyl._scipy import from_scipy

__all__ = [
    "standard_normal_loss",
    "standard_normal_second_loss",
    "standard_normal_loss_dict",
    "normal_loss",
    "normal_second_loss",
    "lognormal_loss",
    "exponential_loss",
    "exponential_second_loss",
    "gamma_loss",
    "gamma_second_loss",
    "uniform_loss",
    "uniform_second_loss",
    "poisson_loss",
    "poisson_second_loss",
    "geometric_loss",
    "geometric_second_loss",
    "negative_binomial_loss",
    "negative_binomial_second_loss",
    "discrete_loss",
    "discrete_second_loss",
    "continuous_loss",
    "continuous_second_loss",
]


def _pair(kernel, **inputs: Any) -> Tuple[Any, Any]:
    b = Batch(**inputs)
    with b.errors():
        a, c = kernel(*b.flat.values())
    return b.wrap(a), b.wrap(c)


def standard_normal_loss(z: Any) -> Tuple[Any, Any]:
    """``(L(z), L̄(z))``: standard normal loss E[(Z − z)⁺] and its complement E[(z − Z)⁺].

    >>> L, L_bar = standard_normal_loss(1.3)
    >>> round(L, 6), round(L_bar, 6)
    (0.045528, 1.345528)
    """
    return _pair(_flowcast.standard_normal_loss, z=z)


def standard_normal_second_loss(z: Any) -> Tuple[Any, Any]:
    """``(L₂(z), L̄₂(z))``: second-order standard normal loss and its complement."""
    return _pair(_flowcast.standard_normal_second_loss, z=z)


def normal_loss(x: Any, mean: Any, sd: Any) -> Tuple[Any, Any]:
    """``(n(x), n̄(x))`` for X ~ N(mean, sd²).

    >>> n, n_bar = normal_loss(18.6, 15, 3)
    >>> round(n, 6), round(n_bar, 6)
    (0.168307, 3.768307)
    """
    return _pair(_flowcast.normal_loss, x=x, mean=mean, sd=sd)


def normal_second_loss(x: Any, mean: Any, sd: Any) -> Tuple[Any, Any]:
    """``(n₂(x), n̄₂(x))`` for X ~ N(mean, sd²)."""
    return _pair(_flowcast.normal_second_loss, x=x, mean=mean, sd=sd)


def standard_normal_loss_dict(
    start: float = -4, stop: float = 4, step: float = 0.01, complementary: bool = False
) -> dict:
    """``{z: L(z)}`` (or ``L̄(z)``) for z = start, start + step, … below stop, as stockpyl."""
    zs = []
    z = start
    while z < stop:
        zs.append(z)
        z += step
    values = standard_normal_loss(zs)[1 if complementary else 0] if zs else []
    return {z: float(v) for z, v in zip(zs, values)}


def _tuple(r) -> Tuple[Any, Any]:
    return r.loss, r.complement


def lognormal_loss(x: Any, mu: Any, sigma: Any) -> Tuple[Any, Any]:
    """``(n(x), n̄(x))`` for X = e^Y, Y ~ N(mu, sigma²).

    >>> [round(v, 6) for v in lognormal_loss(10, 2, 0.3)]
    [0.28365, 2.554491]
    """
    return _tuple(_loss("lognormal", x, mu=mu, sigma=sigma))


def exponential_loss(x: Any, mu: Any) -> Tuple[Any, Any]:
    """``(n(x), n̄(x))`` for an exponential with rate ``mu``; x ≥ 0."""
    return _tuple(_loss("exponential", x, rate=mu))


def exponential_second_loss(x: Any, mu: Any) -> Tuple[Any, Any]:
    """``(n₂(x), n̄₂(x))`` for an exponential with rate ``mu``; x ≥ 0."""
    return _tuple(_loss("exponential", x, rate=mu, order=2))


def gamma_loss(x: Any, a: Any, b: Any) -> Tuple[Any, Any]:
    """``(n(x), n̄(x))`` for a gamma with shape ``a`` and scale ``b``; x > 0."""
    return _tuple(_loss("gamma", x, shape=a, scale=b))


def gamma_second_loss(x: Any, a: Any, b: Any) -> Tuple[Any, Any]:
    """``(n₂(x), n̄₂(x))`` for a gamma with shape ``a`` and scale ``b``; x ≥ 0."""
    return _tuple(_loss("gamma", x, shape=a, scale=b, order=2))


def uniform_loss(x: Any, a: Any, b: Any) -> Tuple[Any, Any]:
    """``(n(x), n̄(x))`` for a uniform on [a, b]; a ≤ x ≤ b."""
    return _tuple(_loss("uniform", x, low=a, high=b))


def uniform_second_loss(x: Any, a: Any, b: Any) -> Tuple[Any, Any]:
    """``(n₂(x), n̄₂(x))`` for a uniform on [a, b]; a ≤ x ≤ b."""
    return _tuple(_loss("uniform", x, low=a, high=b, order=2))


def poisson_loss(x: Any, mean: Any) -> Tuple[Any, Any]:
    """``(n(x), n̄(x))`` for a Poisson; x a whole number."""
    return _tuple(_loss("poisson", x, mean=mean))


def poisson_second_loss(x: Any, mean: Any) -> Tuple[Any, Any]:
    """``(n₂(x), n̄₂(x))`` for a Poisson; x a whole number."""
    return _tuple(_loss("poisson", x, mean=mean, order=2))


def geometric_loss(x: Any, p: Any) -> Tuple[Any, Any]:
    """``(n(x), n̄(x))`` for a geometric on 1, 2, … with success probability ``p``."""
    return _tuple(_loss("geometric", x, p=p))


def geometric_second_loss(x: Any, p: Any) -> Tuple[Any, Any]:
    """``(n₂(x), n̄₂(x))`` for a geometric on 1, 2, … with success probability ``p``."""
    return _tuple(_loss("geometric", x, p=p, order=2))


def _negative_binomial(x, r, p, mean, sd, order):
    if r is not None and p is not None:
        return _tuple(_loss("negative_binomial", x, r=r, p=p, order=order))
    if mean is not None and sd is not None:
        return _tuple(_loss("negative_binomial", x, mean=mean, sd=sd, order=order))
    raise ValidationError(
        "r, p = missing: either r and p or mean and sd must be provided [wrong_type]",
        code="wrong_type",
        field="r, p",
        value="missing",
        reason="either r and p or mean and sd must be provided",
    )


def negative_binomial_loss(x: Any, r: Any = None, p: Any = None, mean: Any = None, sd: Any = None) -> Tuple[Any, Any]:
    """``(n(x), n̄(x))`` for a negative binomial (failures before the r-th success), given
    ``r`` and ``p`` or ``mean`` and ``sd`` (variance above the mean)."""
    return _negative_binomial(x, r, p, mean, sd, 1)


def negative_binomial_second_loss(
    x: Any, r: Any = None, p: Any = None, mean: Any = None, sd: Any = None
) -> Tuple[Any, Any]:
    """``(n₂(x), n̄₂(x))`` for a negative binomial, as :func:`negative_binomial_loss`."""
    return _negative_binomial(x, r, p, mean, sd, 2)


def _pmf(distrib, pmf) -> dict:
    if pmf is not None:
        return pmf
    if distrib is None:
        raise ValidationError(
            "pmf = missing: must provide distrib or pmf [wrong_type]",
            code="wrong_type",
            field="pmf",
            value="missing",
            reason="must provide distrib or pmf",
        )
    # A scipy.stats discrete distribution (frozen): its pmf over all but 1e-15 of each tail.
    lo, hi = int(distrib.ppf(1e-15)), int(distrib.ppf(1 - 1e-15))
    values = list(range(min(lo, 0), hi + 1))
    return dict(zip(values, (float(p) for p in distrib.pmf(values))))


def discrete_loss(x: Any, distrib: Any = None, pmf: Any = None) -> Tuple[Any, Any]:
    """``(n(x), n̄(x))`` for a discrete distribution given as ``pmf={value: probability}`` (or
    a scipy.stats discrete ``distrib``); x a whole number."""
    return _tuple(_loss("discrete", x, pmf=_pmf(distrib, pmf)))


def discrete_second_loss(x: Any, distrib: Any = None, pmf: Any = None) -> Tuple[Any, Any]:
    """``(n₂(x), n̄₂(x))`` for a discrete distribution, as :func:`discrete_loss`."""
    return _tuple(_loss("discrete", x, pmf=_pmf(distrib, pmf), order=2))


def _moments(name: str, q: dict) -> Tuple[float, float, float, float]:
    """(mean, variance, lower end, upper end of the support) of a continuous family."""
    if name == "normal":
        return q["mean"], q["sd"] ** 2, -math.inf, math.inf
    if name == "lognormal":
        s2 = q["sigma"] ** 2
        return math.exp(q["mu"] + s2 / 2), math.expm1(s2) * math.exp(2 * q["mu"] + s2), 0.0, math.inf
    if name == "exponential":
        return 1 / q["rate"], 1 / q["rate"] ** 2, 0.0, math.inf
    if name == "gamma":
        return q["shape"] * q["scale"], q["shape"] * q["scale"] ** 2, 0.0, math.inf
    return (q["low"] + q["high"]) / 2, (q["high"] - q["low"]) ** 2 / 12, q["low"], q["high"]


def _continuous(x: Any, distrib: Any, order: int) -> Tuple[Any, Any]:
    name, parameters = from_scipy(distrib)
    if name not in ("normal", "lognormal", "exponential", "gamma", "uniform"):
        raise ValidationError(
            f"distrib = {name}: must be a continuous distribution (norm, lognorm, expon, gamma, uniform) [wrong_type]",
            code="wrong_type",
            field="distrib",
            value=name,
            reason="must be a continuous distribution (norm, lognorm, expon, gamma, uniform)",
        )
    mean, var, lo, hi = _moments(name, parameters)
    xs = np.asarray(x, dtype=np.float64)
    # Off the support the losses are linear (first order) or quadratic (second) in x.
    below, above = xs <= lo, xs >= hi
    inside = ~(below | above)
    n, nbar = np.zeros_like(xs), np.zeros_like(xs)
    if inside.any():
        r = _loss(name, xs[inside], order=order, **parameters)
        n[inside], nbar[inside] = r.loss, r.complement
    d = mean - xs
    if order == 1:
        n = np.where(below, d, n)
        nbar = np.where(above, -d, nbar)
    else:
        n = np.where(below, (d * d + var) / 2, n)
        nbar = np.where(above, (d * d + var) / 2, nbar)
    if xs.ndim == 0:
        return float(n), float(nbar)
    return n, nbar


def continuous_loss(x: Any, distrib: Any) -> Tuple[Any, Any]:
    """``(n(x), n̄(x))`` for a scipy.stats frozen continuous distribution, in closed form."""
    return _continuous(x, distrib, 1)


def continuous_second_loss(x: Any, distrib: Any) -> Tuple[Any, Any]:
    """``(n₂(x), n̄₂(x))`` for a scipy.stats frozen continuous distribution, in closed form."""
    return _continuous(x, distrib, 2)

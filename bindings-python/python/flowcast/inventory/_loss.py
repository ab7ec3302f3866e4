"""Loss functions: the standard normal and normal in closed form, and every other distribution."""

from __future__ import annotations

from typing import Any, NamedTuple, Optional

from flowcast import _flowcast
from flowcast._arrays import Batch
from flowcast.errors import ValidationError

ArrayLike = Any  # a number, a sequence of numbers, a numpy array, or a pandas/polars Series


def _standard(kernel, z: ArrayLike, which: int) -> Any:
    b = Batch(z=z)
    with b.errors():
        return b.wrap(kernel(b.flat["z"])[which])


def standard_normal_loss(z: ArrayLike) -> Any:
    """First-order standard normal loss G(z) = E[(Z − z)⁺] = φ(z) − z (1 − Φ(z)).

    >>> round(standard_normal_loss(1.3), 6)
    0.045528
    """
    return _standard(_flowcast.standard_normal_loss, z, 0)


def standard_normal_loss_complement(z: ArrayLike) -> Any:
    """Complementary first-order loss E[(z − Z)⁺] = z + G(z)."""
    return _standard(_flowcast.standard_normal_loss, z, 1)


def standard_normal_second_loss(z: ArrayLike) -> Any:
    """Second-order standard normal loss G₂(z) = ½ E[((Z − z)⁺)²]."""
    return _standard(_flowcast.standard_normal_second_loss, z, 0)


def standard_normal_second_loss_complement(z: ArrayLike) -> Any:
    """Complementary second-order loss ½ E[((z − Z)⁺)²]."""
    return _standard(_flowcast.standard_normal_second_loss, z, 1)


def standard_normal_loss_inverse(g: ArrayLike) -> Any:
    """The safety factor k with G(k) = g, for g > 0.

    >>> k = standard_normal_loss_inverse(0.01)
    >>> abs(standard_normal_loss(k) - 0.01) < 1e-15
    True
    """
    b = Batch(g=g)
    with b.errors():
        return b.wrap(_flowcast.standard_normal_loss_inverse(b.flat["g"]))


def _normal(kernel, x: ArrayLike, mean: ArrayLike, sd: ArrayLike, which: int) -> Any:
    b = Batch(x=x, mean=mean, sd=sd)
    with b.errors():
        return b.wrap(kernel(b.flat["x"], b.flat["mean"], b.flat["sd"])[which])


def normal_loss(x: ArrayLike, mean: ArrayLike, sd: ArrayLike) -> Any:
    """First-order loss E[(X − x)⁺] of X ~ N(mean, sd²).

    >>> round(normal_loss(18.6, 15, 3), 6)
    0.168307
    """
    return _normal(_flowcast.normal_loss, x, mean, sd, 0)


def normal_loss_complement(x: ArrayLike, mean: ArrayLike, sd: ArrayLike) -> Any:
    """Complementary first-order loss E[(x − X)⁺] of X ~ N(mean, sd²)."""
    return _normal(_flowcast.normal_loss, x, mean, sd, 1)


def normal_second_loss(x: ArrayLike, mean: ArrayLike, sd: ArrayLike) -> Any:
    """Second-order loss ½ E[((X − x)⁺)²] of X ~ N(mean, sd²)."""
    return _normal(_flowcast.normal_second_loss, x, mean, sd, 0)


def normal_second_loss_complement(x: ArrayLike, mean: ArrayLike, sd: ArrayLike) -> Any:
    """Complementary second-order loss ½ E[((x − X)⁺)²] of X ~ N(mean, sd²)."""
    return _normal(_flowcast.normal_second_loss, x, mean, sd, 1)


class LossResult(NamedTuple):
    """A loss function and its complement at x."""

    loss: Any
    complement: Any


#: Parameter names of each distribution :func:`loss` knows, besides ``"discrete"`` (``pmf=``).
DISTRIBUTIONS = {
    "normal": ("mean", "sd"),
    "lognormal": ("mu", "sigma"),
    "exponential": ("rate",),
    "gamma": ("shape", "scale"),
    "uniform": ("low", "high"),
    "poisson": ("mean",),
    "geometric": ("p",),
    "negative_binomial": ("r", "p"),
}


def loss(
    distribution: str, x: ArrayLike, *, order: int = 1, pmf: Optional[dict] = None, **parameters: ArrayLike
) -> LossResult:
    """Loss function of a demand distribution and its complement, at x.

    First order (``order=1``): n(x) = E[(X − x)⁺] and n̄(x) = E[(x − X)⁺]. Second order
    (``order=2``): n₂(x) = ½E[((X − x)⁺)²] and its complement (for discrete X,
    ½E[(X − x)(X − x − 1); X ≥ x], as in Snyder & Shen). Parameters and x broadcast.

    Distributions and their parameters: normal (mean, sd), lognormal (mu, sigma), exponential
    (rate), gamma (shape, scale), uniform (low, high), poisson (mean), geometric (p; support
    1, 2, …), negative_binomial (r, p, or mean and sd), and discrete with ``pmf={value: probability}``.

    >>> r = loss("poisson", [18, 20], mean=15)
    >>> [round(float(v), 6) for v in r.loss]
    [0.51761, 0.2123]
    >>> round(loss("discrete", 3, pmf={1: 0.25, 4: 0.75}).loss, 6)
    0.75
    """
    if order not in (1, 2):
        raise ValidationError(
            f"order = {order}: must be 1 or 2 [out_of_range]",
            code="out_of_range",
            field="order",
            value=str(order),
            reason="must be 1 or 2",
        )
    if distribution == "discrete":
        if pmf is None or parameters:
            raise TypeError("loss('discrete', x, pmf={value: probability}) takes a pmf and no other parameters")
        b = Batch(x=x)
        values = [float(v) for v in pmf.keys()]
        probabilities = [float(p) for p in pmf.values()]
        with b.errors():
            a, c = _flowcast.discrete_loss(values, probabilities, b.flat["x"], order)
        return LossResult(b.wrap(a), b.wrap(c))
    family = distribution
    if distribution == "negative_binomial" and set(parameters) == {"mean", "sd"}:
        family = "negative_binomial_moments"
    names = ("mean", "sd") if family == "negative_binomial_moments" else DISTRIBUTIONS.get(distribution)
    if names is None:
        known = ", ".join(list(DISTRIBUTIONS) + ["discrete"])
        raise ValidationError(
            f"distribution = {distribution!r}: must be one of {known} [out_of_range]",
            code="out_of_range",
            field="distribution",
            value=repr(distribution),
            reason=f"must be one of {known}",
        )
    if set(parameters) != set(names):
        raise TypeError(
            f"loss({distribution!r}, ...) takes parameters {', '.join(names)}; got {', '.join(parameters) or 'none'}"
        )
    b = Batch(**{n: parameters[n] for n in names}, x=x)
    with b.errors():
        a, c = _flowcast.distribution_loss(family, [b.flat[n] for n in names], b.flat["x"], order)
    return LossResult(b.wrap(a), b.wrap(c))

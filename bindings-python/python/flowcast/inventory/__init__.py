"""Inventory optimisation, vectorised over SKUs.

Every function takes scalars, lists, numpy arrays or pandas/polars Series, broadcasts them
against each other as numpy does, and returns the same kind: floats for scalars, arrays (or
Series) for arrays. A million SKUs go through one call, in Rust, without the GIL.

>>> import flowcast.inventory as inv
>>> q, cost = inv.eoq(fixed_cost=8, holding_cost=0.225, demand_rate=1300)
>>> round(q, 4), round(cost, 4)
(304.0468, 68.4105)
>>> r = inv.safety_stock(demand_mean=120, demand_sd=60, lead_time=5, lead_time_sd=2,
...                      cycle_service_level=0.95)
>>> round(r.safety_stock, 2), round(r.reorder_point, 2)
(452.26, 1052.26)

Bad input raises :class:`flowcast.ValidationError` naming the field and value::

    >>> inv.eoq(fixed_cost=8, holding_cost=[0.2, -1.0], demand_rate=1300)
    Traceback (most recent call last):
    ...
    flowcast.errors.ValidationError: holding_cost[1] = -1: must be greater than 0 [not_positive]
"""

from __future__ import annotations

from typing import Any, NamedTuple, Optional

from flowcast import _flowcast
from flowcast._arrays import Batch
from flowcast.errors import ValidationError

__all__ = [
    "EOQResult",
    "SafetyStockResult",
    "CycleServiceResult",
    "eoq",
    "safety_stock",
    "cycle_service",
    "standard_normal_loss",
    "standard_normal_loss_complement",
    "standard_normal_second_loss",
    "standard_normal_second_loss_complement",
    "standard_normal_loss_inverse",
    "normal_loss",
    "normal_loss_complement",
    "normal_second_loss",
    "normal_second_loss_complement",
    "LossResult",
    "loss",
    "DISTRIBUTIONS",
    "BackorderResult",
    "DiscountResult",
    "JointResult",
    "eoq_with_backorders",
    "economic_production_quantity",
    "eoq_with_discounts",
    "joint_replenishment",
    "eoq_with_disruptions",
    "eoq_with_yield_uncertainty",
    "NewsvendorResult",
    "newsvendor",
    "newsvendor_explicit",
    "myopic",
    "newsvendor_with_disruptions",
    "newsvendor_with_yield_uncertainty",
    "RQResult",
    "SSResult",
    "rq",
    "rq_cost",
    "rq_optimal_reorder_point",
    "rq_poisson",
    "ss",
    "ss_power_approximation",
]

ArrayLike = Any  # a number, a sequence of numbers, a numpy array, or a pandas/polars Series


class EOQResult(NamedTuple):
    """Order quantity and its cost per unit time (ordering + holding; purchase excluded)."""

    order_quantity: Any
    cost: Any


class SafetyStockResult(NamedTuple):
    """A sized buffer (see :func:`safety_stock`)."""

    safety_stock: Any
    reorder_point: Any
    safety_factor: Any
    lead_time_demand_mean: Any
    lead_time_demand_sd: Any
    cycle_service_level: Any


class CycleServiceResult(NamedTuple):
    """Service measures of a buffer in an (r, Q) cycle with backorders."""

    cycle_service_level: Any
    expected_shortage_per_cycle: Any
    fill_rate: Any


def eoq(
    fixed_cost: ArrayLike,
    holding_cost: ArrayLike,
    demand_rate: ArrayLike,
    order_quantity: Optional[ArrayLike] = None,
) -> EOQResult:
    """Economic order quantity Q* = sqrt(2 K λ / h) and its cost sqrt(2 K λ h).

    Args:
        fixed_cost: cost per order K (> 0).
        holding_cost: holding cost per unit per unit time h (> 0).
        demand_rate: demand per unit time λ (≥ 0; 0 gives Q* = 0).
        order_quantity: if given, evaluate this quantity instead: cost K λ / Q + h Q / 2.

    Returns:
        ``EOQResult(order_quantity, cost)``.

    Raises:
        ValidationError: a non-positive or non-finite cost, a negative demand rate, a
            non-positive order quantity, or inputs that do not broadcast.
    """
    b = Batch(
        fixed_cost=fixed_cost,
        holding_cost=holding_cost,
        demand_rate=demand_rate,
        order_quantity=order_quantity,
    )
    f = b.flat
    with b.errors():
        q, cost = _flowcast.eoq(f["fixed_cost"], f["holding_cost"], f["demand_rate"], f.get("order_quantity"))
    return EOQResult(b.wrap(q), b.wrap(cost))


def safety_stock(
    demand_mean: ArrayLike,
    demand_sd: ArrayLike,
    lead_time: ArrayLike,
    lead_time_sd: ArrayLike = 0.0,
    *,
    cycle_service_level: Optional[ArrayLike] = None,
    fill_rate: Optional[ArrayLike] = None,
    order_quantity: Optional[ArrayLike] = None,
    safety_factor: Optional[ArrayLike] = None,
    review_period: ArrayLike = 0.0,
) -> SafetyStockResult:
    """Safety stock and reorder point with demand and lead-time variability.

    Over the protection interval R + L, demand has mean μ_D (R + μ_L) and standard deviation
    σ = sqrt((R + μ_L) σ_D² + μ_D² σ_L²). The buffer is k σ and the reorder point (order-up-to
    level when R > 0) is the mean plus the buffer. Give exactly one target:

    - ``cycle_service_level`` α in (0, 1): k = Φ⁻¹(α);
    - ``fill_rate`` β in (0, 1) with ``order_quantity`` Q: k solves 1 − σ G(k) / Q = β (for
      periodic review pass the demand per review period as Q);
    - ``safety_factor`` k directly.

    k is exact and may be negative (the order size alone can meet a fill rate). With no
    variability the buffer is 0 and the cycle service level 1.

    Args:
        demand_mean: mean demand per period (≥ 0).
        demand_sd: standard deviation of demand per period (≥ 0).
        lead_time: mean lead time in periods (≥ 0).
        lead_time_sd: standard deviation of the lead time in periods (≥ 0).
        review_period: periods between reviews; 0 for continuous review.

    Returns:
        ``SafetyStockResult(safety_stock, reorder_point, safety_factor, lead_time_demand_mean,
        lead_time_demand_sd, cycle_service_level)``.
    """
    targets = {
        "cycle_service_level": cycle_service_level,
        "fill_rate": fill_rate,
        "safety_factor": safety_factor,
    }
    given = [name for name, value in targets.items() if value is not None]
    if len(given) != 1:
        raise TypeError(
            "safety_stock() takes exactly one of cycle_service_level, fill_rate (with "
            f"order_quantity) or safety_factor; got {given or 'none'}"
        )
    kind = given[0]
    if (kind == "fill_rate") != (order_quantity is not None):
        raise TypeError("safety_stock(): order_quantity goes with fill_rate, and only with it")
    b = Batch(
        demand_mean=demand_mean,
        demand_sd=demand_sd,
        lead_time=lead_time,
        lead_time_sd=lead_time_sd,
        review_period=review_period,
        order_quantity=order_quantity,
        **{kind: targets[kind]},
    )
    f = b.flat
    with b.errors():
        k, mean, sd, ss, rop, csl = _flowcast.safety_stock(
            f["demand_mean"], f["demand_sd"], f["lead_time"], f["lead_time_sd"], f["review_period"],
            kind, f[kind], f.get("order_quantity"),
        )
    return SafetyStockResult(b.wrap(ss), b.wrap(rop), b.wrap(k), b.wrap(mean), b.wrap(sd), b.wrap(csl))


def cycle_service(
    safety_factor: ArrayLike, lead_time_demand_sd: ArrayLike, order_quantity: ArrayLike
) -> CycleServiceResult:
    """Cycle service level Φ(k), expected shortage per cycle σ G(k), and fill rate
    1 − σ G(k) / Q (floored at 0) of a buffer of k standard deviations.

    >>> r = cycle_service(1.0, 100.0, 500.0)
    >>> round(r.fill_rate, 6)
    0.983337
    """
    b = Batch(safety_factor=safety_factor, lead_time_demand_sd=lead_time_demand_sd, order_quantity=order_quantity)
    f = b.flat
    with b.errors():
        csl, short, fill = _flowcast.cycle_service(f["safety_factor"], f["lead_time_demand_sd"], f["order_quantity"])
    return CycleServiceResult(b.wrap(csl), b.wrap(short), b.wrap(fill))


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


def loss(distribution: str, x: ArrayLike, *, order: int = 1, pmf: Optional[dict] = None, **parameters: ArrayLike) -> LossResult:
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
        raise ValidationError(f"order = {order}: must be 1 or 2 [out_of_range]", code="out_of_range",
                              field="order", value=str(order), reason="must be 1 or 2")
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
        raise ValidationError(f"distribution = {distribution!r}: must be one of {known} [out_of_range]",
                              code="out_of_range", field="distribution", value=repr(distribution),
                              reason=f"must be one of {known}")
    if set(parameters) != set(names):
        raise TypeError(f"loss({distribution!r}, ...) takes parameters {', '.join(names)}; got {', '.join(parameters) or 'none'}")
    b = Batch(**{n: parameters[n] for n in names}, x=x)
    with b.errors():
        a, c = _flowcast.distribution_loss(family, [b.flat[n] for n in names], b.flat["x"], order)
    return LossResult(b.wrap(a), b.wrap(c))


class BackorderResult(NamedTuple):
    """Order quantity, fraction of each cycle backordered, and cost per unit time."""

    order_quantity: Any
    stockout_fraction: Any
    cost: Any


class DiscountResult(NamedTuple):
    """Order quantity, its price region (0-based), and cost per unit time (purchase included)."""

    order_quantity: float
    region: int
    cost: float


class JointResult(NamedTuple):
    """A joint replenishment policy."""

    order_quantities: Any
    base_cycle_time: float
    order_multiples: Any
    cost: float


def eoq_with_backorders(
    fixed_cost: ArrayLike, holding_cost: ArrayLike, stockout_cost: ArrayLike, demand_rate: ArrayLike,
    order_quantity: Optional[ArrayLike] = None, stockout_fraction: Optional[ArrayLike] = None,
) -> BackorderResult:
    """EOQ with planned backorders: Q* = sqrt(2Kλ(h + p)/(hp)), x* = h/(h + p); or the cost of a
    given (Q, x): hQ(1 − x)²/2 + pQx²/2 + Kλ/Q.

    >>> r = eoq_with_backorders(8, 0.225, 5, 1300)
    >>> round(r.order_quantity, 4), round(r.stockout_fraction, 6)
    (310.8126, 0.043062)
    """
    if (order_quantity is None) != (stockout_fraction is None):
        raise TypeError("eoq_with_backorders() takes both order_quantity and stockout_fraction, or neither")
    b = Batch(fixed_cost=fixed_cost, holding_cost=holding_cost, stockout_cost=stockout_cost,
              demand_rate=demand_rate, order_quantity=order_quantity, stockout_fraction=stockout_fraction)
    f = b.flat
    with b.errors():
        q, x, c = _flowcast.eoq_with_backorders(f["fixed_cost"], f["holding_cost"], f["stockout_cost"],
                                                f["demand_rate"], f.get("order_quantity"), f.get("stockout_fraction"))
    return BackorderResult(b.wrap(q), b.wrap(x), b.wrap(c))


def economic_production_quantity(
    fixed_cost: ArrayLike, holding_cost: ArrayLike, demand_rate: ArrayLike, production_rate: ArrayLike,
    order_quantity: Optional[ArrayLike] = None,
) -> EOQResult:
    """Economic production quantity: Q* = sqrt(2Kλ/(h(1 − λ/μ))); or the cost of a given Q.

    >>> round(economic_production_quantity(8, 0.225, 1300, 1700).order_quantity, 4)
    626.8085
    """
    b = Batch(fixed_cost=fixed_cost, holding_cost=holding_cost, demand_rate=demand_rate,
              production_rate=production_rate, order_quantity=order_quantity)
    f = b.flat
    with b.errors():
        q, c = _flowcast.economic_production_quantity(f["fixed_cost"], f["holding_cost"], f["demand_rate"],
                                                      f["production_rate"], f.get("order_quantity"))
    return EOQResult(b.wrap(q), b.wrap(c))


def eoq_with_discounts(
    fixed_cost: float, holding_cost_rate: float, demand_rate: float, breakpoints, unit_costs,
    kind: str = "all_units",
) -> DiscountResult:
    """EOQ under a quantity-discount schedule: ``kind="all_units"`` (the region's price applies
    to every unit) or ``"incremental"`` (to the units within it). ``breakpoints`` start at 0.

    >>> r = eoq_with_discounts(8, 0.3, 1300, [0, 400, 800], [0.75, 0.72, 0.68])
    >>> r.order_quantity, r.region, round(r.cost, 6)
    (800.0, 2, 978.6)
    """
    if kind not in ("all_units", "incremental"):
        raise ValidationError(f"kind = {kind!r}: must be 'all_units' or 'incremental' [out_of_range]",
                              code="out_of_range", field="kind", value=repr(kind),
                              reason="must be 'all_units' or 'incremental'")
    q, region, cost = _flowcast.eoq_with_discounts(kind, float(fixed_cost), float(holding_cost_rate), float(demand_rate),
                                                   [float(b) for b in breakpoints], [float(c) for c in unit_costs])
    return DiscountResult(q, region, cost)


def joint_replenishment(shared_fixed_cost: float, individual_fixed_costs, holding_costs, demand_rates) -> JointResult:
    """Joint replenishment by Silver's heuristic: a base cycle T and a multiple m_n per product.

    >>> r = joint_replenishment(600, [120, 840, 300], [160, 20, 50], [1, 1, 1])
    >>> r.order_multiples.tolist(), round(r.cost, 4)
    ([1, 3, 1], 837.8544)
    """
    import numpy as np

    q, t, m, cost = _flowcast.joint_replenishment(float(shared_fixed_cost), [float(v) for v in individual_fixed_costs],
                                                  [float(v) for v in holding_costs], [float(v) for v in demand_rates])
    return JointResult(np.asarray(q), t, np.asarray(m, dtype=np.int64), cost)


def eoq_with_disruptions(
    fixed_cost: ArrayLike, holding_cost: ArrayLike, stockout_cost: ArrayLike, demand_rate: ArrayLike,
    disruption_rate: ArrayLike, recovery_rate: ArrayLike, approximate: bool = False,
    order_quantity: Optional[ArrayLike] = None,
) -> EOQResult:
    """EOQ with a supplier that fails at ``disruption_rate`` and recovers at ``recovery_rate``
    (Berk & Arreola): the exact optimum by golden-section search, or the closed form of the
    approximation (``approximate=True``); with ``order_quantity``, that quantity's cost.

    >>> round(eoq_with_disruptions(8, 0.225, 5, 1300, 1.5, 14).order_quantity, 2)
    772.81
    """
    b = Batch(fixed_cost=fixed_cost, holding_cost=holding_cost, stockout_cost=stockout_cost, demand_rate=demand_rate,
              disruption_rate=disruption_rate, recovery_rate=recovery_rate, order_quantity=order_quantity)
    f = b.flat
    with b.errors():
        q, c = _flowcast.eoq_with_disruptions(f["fixed_cost"], f["holding_cost"], f["stockout_cost"], f["demand_rate"],
                                              f["disruption_rate"], f["recovery_rate"], bool(approximate),
                                              f.get("order_quantity"))
    return EOQResult(b.wrap(q), b.wrap(c))


def eoq_with_yield_uncertainty(
    fixed_cost: ArrayLike, holding_cost: ArrayLike, demand_rate: ArrayLike, yield_mean: ArrayLike,
    yield_sd: ArrayLike, kind: str = "multiplicative", order_quantity: Optional[ArrayLike] = None,
) -> EOQResult:
    """EOQ when an order of Q delivers Q + Y (``kind="additive"``) or QY
    (``"multiplicative"``), Y with mean ``yield_mean`` and sd ``yield_sd``.

    >>> round(eoq_with_yield_uncertainty(18500, 0.06, 75000, 5 / 6, 0.14085904245475275).order_quantity, 1)
    254460.2
    """
    if kind not in ("additive", "multiplicative"):
        raise ValidationError(f"kind = {kind!r}: must be 'additive' or 'multiplicative' [out_of_range]",
                              code="out_of_range", field="kind", value=repr(kind),
                              reason="must be 'additive' or 'multiplicative'")
    b = Batch(fixed_cost=fixed_cost, holding_cost=holding_cost, demand_rate=demand_rate, yield_mean=yield_mean,
              yield_sd=yield_sd, order_quantity=order_quantity)
    f = b.flat
    with b.errors():
        q, c = _flowcast.eoq_with_yield_uncertainty(kind, f["fixed_cost"], f["holding_cost"], f["demand_rate"],
                                                    f["yield_mean"], f["yield_sd"], f.get("order_quantity"))
    return EOQResult(b.wrap(q), b.wrap(c))


class NewsvendorResult(NamedTuple):
    """An order-up-to level and its expected cost (profit, for :func:`newsvendor_explicit`)."""

    base_stock_level: Any
    cost: Any


def _family(distribution: str, parameters: dict, who: str):
    """The Rust family name and the parameter values in its order."""
    family = distribution
    if distribution == "negative_binomial" and set(parameters) == {"mean", "sd"}:
        family = "negative_binomial_moments"
    names = ("mean", "sd") if family == "negative_binomial_moments" else DISTRIBUTIONS.get(distribution)
    if names is None:
        known = ", ".join(list(DISTRIBUTIONS) + ["discrete"])
        raise ValidationError(f"distribution = {distribution!r}: must be one of {known} [out_of_range]",
                              code="out_of_range", field="distribution", value=repr(distribution),
                              reason=f"must be one of {known}")
    if set(parameters) != set(names):
        raise TypeError(f"{who}(distribution={distribution!r}) takes parameters {', '.join(names)}; "
                        f"got {', '.join(parameters) or 'none'}")
    return family, names


def _scaled_for_lead_time(distribution: str, parameters: dict, lead_time) -> dict:
    """Demand over lead_time + 1 periods, for the families where that is a rescaling."""
    if not lead_time:
        return parameters
    import numpy as np

    periods = np.asarray(lead_time, dtype=float) + 1
    if distribution == "normal":
        return {"mean": np.asarray(parameters["mean"], dtype=float) * periods,
                "sd": np.asarray(parameters["sd"], dtype=float) * np.sqrt(periods)}
    if distribution == "poisson":
        return {"mean": np.asarray(parameters["mean"], dtype=float) * periods}
    raise TypeError(f"lead_time applies to normal and poisson demand, not {distribution}")


def newsvendor(
    holding_cost: ArrayLike, stockout_cost: ArrayLike, *, distribution: str = "normal", lead_time: ArrayLike = 0,
    base_stock_level: Optional[ArrayLike] = None, pmf: Optional[dict] = None, **parameters: ArrayLike,
) -> NewsvendorResult:
    """The newsvendor: order up to the critical fractile S* = F⁻¹(p/(p + h)) of demand, with
    expected cost h·n̄(S) + p·n(S); or the cost of a given ``base_stock_level``.

    Demand is ``distribution`` with its parameters (see :data:`DISTRIBUTIONS`; normal by
    default: ``mean``, ``sd``), or ``distribution="discrete"`` with ``pmf``. For normal and
    Poisson demand, ``lead_time`` L reads demand over L + 1 periods (a base-stock level). Inputs
    broadcast; the normal case is the vectorised fast path.

    >>> r = newsvendor(0.18, 0.7, mean=50, sd=8)
    >>> round(r.base_stock_level, 4), round(r.cost, 4)
    (56.604, 1.9976)
    >>> newsvendor(0.18, 0.7, distribution="poisson", mean=50).base_stock_level
    56.0
    """
    if distribution == "discrete":
        if pmf is None or parameters or lead_time:
            raise TypeError("newsvendor(distribution='discrete') takes a pmf and no other demand parameters")
        s, c = _flowcast.newsvendor_discrete(float(holding_cost), float(stockout_cost), [float(v) for v in pmf.keys()],
                                            [float(p) for p in pmf.values()],
                                            None if base_stock_level is None else float(base_stock_level))
        return NewsvendorResult(s, c)
    family, names = _family(distribution, parameters, "newsvendor")
    if distribution == "normal":
        b = Batch(holding_cost=holding_cost, stockout_cost=stockout_cost, demand_mean=parameters["mean"],
                  demand_sd=parameters["sd"], lead_time=lead_time, base_stock_level=base_stock_level)
        f = b.flat
        with b.errors():
            s, c = _flowcast.newsvendor_normal(f["holding_cost"], f["stockout_cost"], f["demand_mean"], f["demand_sd"],
                                               f["lead_time"], f.get("base_stock_level"))
        return NewsvendorResult(b.wrap(s), b.wrap(c))
    parameters = _scaled_for_lead_time(distribution, parameters, lead_time)
    b = Batch(holding_cost=holding_cost, stockout_cost=stockout_cost, base_stock_level=base_stock_level,
              **{n: parameters[n] for n in names})
    f = b.flat
    with b.errors():
        s, c = _flowcast.newsvendor_family(family, f["holding_cost"], f["stockout_cost"], [f[n] for n in names],
                                           f.get("base_stock_level"))
    return NewsvendorResult(b.wrap(s), b.wrap(c))


def newsvendor_explicit(
    revenue: ArrayLike, purchase_cost: ArrayLike, salvage_value: ArrayLike, *, distribution: str = "normal",
    holding_cost: ArrayLike = 0.0, stockout_cost: ArrayLike = 0.0, lead_time: ArrayLike = 0,
    base_stock_level: Optional[ArrayLike] = None, **parameters: ArrayLike,
) -> NewsvendorResult:
    """The newsvendor in revenue r, purchase cost c and salvage value v: critical ratio
    (p + r − c)/(p + h + r − v); returns the level and its expected **profit** (in ``cost``).

    >>> r = newsvendor_explicit(1, 0.3, 0.12, mean=50, sd=8)
    >>> round(r.cost, 4)
    33.0024
    """
    family, names = _family(distribution, parameters, "newsvendor_explicit")
    parameters = _scaled_for_lead_time(distribution, parameters, lead_time)
    b = Batch(revenue=revenue, purchase_cost=purchase_cost, salvage_value=salvage_value, holding_cost=holding_cost,
              stockout_cost=stockout_cost, base_stock_level=base_stock_level, **{n: parameters[n] for n in names})
    f = b.flat
    with b.errors():
        s, p = _flowcast.newsvendor_explicit(family, f["revenue"], f["purchase_cost"], f["salvage_value"],
                                             f["holding_cost"], f["stockout_cost"], [f[n] for n in names],
                                             f.get("base_stock_level"))
    return NewsvendorResult(b.wrap(s), b.wrap(p))


def myopic(
    holding_cost: ArrayLike, stockout_cost: ArrayLike, purchase_cost: ArrayLike, purchase_cost_next: ArrayLike,
    demand_mean: ArrayLike, demand_sd: ArrayLike, discount_factor: ArrayLike = 1.0,
    base_stock_level: Optional[ArrayLike] = None,
) -> NewsvendorResult:
    """The myopic base-stock level of a multi-period problem with normal demand: critical ratio
    (p − c + γc′)/(p + h); cost cS + g(S) − γc′(S − μ).

    >>> round(myopic(0.18, 0.7, 0.3, 0.35, 50, 8, 0.98).base_stock_level, 4)
    58.0989
    """
    b = Batch(holding_cost=holding_cost, stockout_cost=stockout_cost, purchase_cost=purchase_cost,
              purchase_cost_next=purchase_cost_next, demand_mean=demand_mean, demand_sd=demand_sd,
              discount_factor=discount_factor, base_stock_level=base_stock_level)
    f = b.flat
    names = ["holding_cost", "stockout_cost", "purchase_cost", "purchase_cost_next", "demand_mean", "demand_sd",
             "discount_factor"]
    with b.errors():
        s, c = _flowcast.myopic([f[n] for n in names], f.get("base_stock_level"))
    return NewsvendorResult(b.wrap(s), b.wrap(c))


def newsvendor_with_disruptions(
    holding_cost: ArrayLike, stockout_cost: ArrayLike, demand: ArrayLike, disruption_prob: ArrayLike,
    recovery_prob: ArrayLike, base_stock_level: Optional[ArrayLike] = None,
) -> NewsvendorResult:
    """The newsvendor whose supplier fails (``disruption_prob``) and recovers
    (``recovery_prob``) each period: order up to D(1 + n*) for the critical outage length n*.

    >>> newsvendor_with_disruptions(0.25, 3, 2000, 0.04, 0.25).base_stock_level
    8000.0
    """
    b = Batch(holding_cost=holding_cost, stockout_cost=stockout_cost, demand=demand, disruption_prob=disruption_prob,
              recovery_prob=recovery_prob, base_stock_level=base_stock_level)
    f = b.flat
    names = ["holding_cost", "stockout_cost", "demand", "disruption_prob", "recovery_prob"]
    with b.errors():
        s, c = _flowcast.newsvendor_with_disruptions([f[n] for n in names], f.get("base_stock_level"))
    return NewsvendorResult(b.wrap(s), b.wrap(c))


def newsvendor_with_yield_uncertainty(
    holding_cost: ArrayLike, stockout_cost: ArrayLike, demand: ArrayLike, *, distribution: str = "normal",
    base_stock_level: Optional[ArrayLike] = None, **parameters: ArrayLike,
) -> NewsvendorResult:
    """The newsvendor whose order up to S yields S + Y, Y of ``distribution`` (normal by
    default: ``mean``, ``sd``): S* = D − F_Y⁻¹(h/(h + p)).

    >>> round(newsvendor_with_yield_uncertainty(15, 75, 1.5e6, distribution="uniform", low=-5e5, high=5e5).base_stock_level, 2)
    1833333.33
    """
    family, names = _family(distribution, parameters, "newsvendor_with_yield_uncertainty")
    b = Batch(holding_cost=holding_cost, stockout_cost=stockout_cost, demand=demand, base_stock_level=base_stock_level,
              **{n: parameters[n] for n in names})
    f = b.flat
    with b.errors():
        s, c = _flowcast.newsvendor_with_yield(family, [f["holding_cost"], f["stockout_cost"], f["demand"]],
                                               [f[n] for n in names], f.get("base_stock_level"))
    return NewsvendorResult(b.wrap(s), b.wrap(c))


class RQResult(NamedTuple):
    """A continuous-review (r, Q) policy and its expected cost per unit time."""

    reorder_point: Any
    order_quantity: Any
    cost: Any


class SSResult(NamedTuple):
    """A periodic-review (s, S) policy and its expected cost per period."""

    reorder_point: Any
    order_up_to_level: Any
    cost: Any


_RQ_INPUTS = ["holding_cost", "stockout_cost", "fixed_cost", "demand_mean", "demand_sd", "lead_time"]


def rq(
    holding_cost: ArrayLike, stockout_cost: ArrayLike, fixed_cost: ArrayLike, demand_mean: ArrayLike,
    demand_sd: ArrayLike, lead_time: ArrayLike, method: str = "loss_function",
) -> RQResult:
    """An (r, Q) policy for normal lead-time demand (mean λL, sd σ√L) by one of the classic
    heuristics: ``"loss_function"`` (default), ``"eil"`` (expected inventory level), ``"eoqb"``
    (EOQ with backorders, then the best r), ``"eoqss"`` (EOQ plus the newsvendor level). The
    cost is the exact expected cost of the policy (the EIL approximation's own, for ``"eil"``).

    >>> r = rq(0.225, 7.5, 8, 1300, 150, 1 / 12, method="eil")
    >>> round(r.reorder_point, 3), round(r.order_quantity, 3)
    (213.97, 318.59)
    """
    b = Batch(holding_cost=holding_cost, stockout_cost=stockout_cost, fixed_cost=fixed_cost, demand_mean=demand_mean,
              demand_sd=demand_sd, lead_time=lead_time)
    with b.errors():
        r, q, c = _flowcast.rq_policy(method, [b.flat[n] for n in _RQ_INPUTS])
    return RQResult(b.wrap(r), b.wrap(q), b.wrap(c))


def rq_cost(
    reorder_point: ArrayLike, order_quantity: ArrayLike, holding_cost: ArrayLike, stockout_cost: ArrayLike,
    fixed_cost: ArrayLike, demand_mean: ArrayLike, demand_sd: ArrayLike, lead_time: ArrayLike,
) -> Any:
    """The exact expected cost per unit time of (r, Q) with normal lead-time demand, in closed
    form: (Kλ + h[(y − μ)²/2]_r^{r+Q} + (h + p)(n₂(r) − n₂(r + Q)))/Q.

    >>> round(rq_cost(126.8, 328.5, 0.225, 7.5, 8, 1300, 150, 1 / 12), 6)
    78.071163
    """
    b = Batch(reorder_point=reorder_point, order_quantity=order_quantity, holding_cost=holding_cost,
              stockout_cost=stockout_cost, fixed_cost=fixed_cost, demand_mean=demand_mean, demand_sd=demand_sd,
              lead_time=lead_time)
    with b.errors():
        c = _flowcast.rq_cost([b.flat[n] for n in ["reorder_point", "order_quantity"] + _RQ_INPUTS])
    return b.wrap(c)


def rq_optimal_reorder_point(
    order_quantity: ArrayLike, holding_cost: ArrayLike, stockout_cost: ArrayLike, demand_mean: ArrayLike,
    demand_sd: ArrayLike, lead_time: ArrayLike,
) -> Any:
    """The reorder point minimising the (r, Q) cost for a given Q: G(r) = G(r + Q).

    >>> round(rq_optimal_reorder_point(300, 0.225, 7.5, 1300, 150, 1 / 12), 4)
    129.4273
    """
    b = Batch(order_quantity=order_quantity, holding_cost=holding_cost, stockout_cost=stockout_cost,
              demand_mean=demand_mean, demand_sd=demand_sd, lead_time=lead_time)
    names = ["order_quantity", "holding_cost", "stockout_cost", "demand_mean", "demand_sd", "lead_time"]
    with b.errors():
        r = _flowcast.rq_optimal_reorder_point([b.flat[n] for n in names])
    return b.wrap(r)


def rq_poisson(
    holding_cost: ArrayLike, stockout_cost: ArrayLike, fixed_cost: ArrayLike, demand_mean: ArrayLike,
    lead_time: ArrayLike, reorder_point: Optional[ArrayLike] = None, order_quantity: Optional[ArrayLike] = None,
) -> RQResult:
    """The optimal integer (r, Q) for Poisson demand (Federgruen & Zheng), or the cost of a given
    ``reorder_point`` and ``order_quantity``.

    >>> r = rq_poisson(20, 150, 100, 1.5, 2)
    >>> r.reorder_point, r.order_quantity
    (3.0, 5.0)
    """
    if (reorder_point is None) != (order_quantity is None):
        raise TypeError("rq_poisson() takes both reorder_point and order_quantity, or neither")
    b = Batch(holding_cost=holding_cost, stockout_cost=stockout_cost, fixed_cost=fixed_cost, demand_mean=demand_mean,
              lead_time=lead_time, reorder_point=reorder_point, order_quantity=order_quantity)
    f = b.flat
    names = ["holding_cost", "stockout_cost", "fixed_cost", "demand_mean", "lead_time"]
    with b.errors():
        r, q, c = _flowcast.rq_poisson([f[n] for n in names], f.get("reorder_point"), f.get("order_quantity"))
    return RQResult(b.wrap(r), b.wrap(q), b.wrap(c))


def ss(
    holding_cost: ArrayLike, stockout_cost: ArrayLike, fixed_cost: ArrayLike, demand_mean: Optional[ArrayLike] = None,
    *, pmf: Optional[dict] = None, reorder_point: Optional[ArrayLike] = None,
    order_up_to_level: Optional[ArrayLike] = None,
) -> SSResult:
    """The optimal periodic-review (s, S) policy (Zheng & Federgruen) for Poisson demand with
    ``demand_mean`` per period, or demand given as ``pmf``; or the exact cost of a given
    ``reorder_point`` and ``order_up_to_level``.

    >>> r = ss(1, 4, 5, demand_mean=6)
    >>> r.reorder_point, r.order_up_to_level, round(r.cost, 6)
    (4.0, 10.0, 8.034112)
    """
    if (reorder_point is None) != (order_up_to_level is None):
        raise TypeError("ss() takes both reorder_point and order_up_to_level, or neither")
    if pmf is not None:
        if demand_mean is not None:
            raise TypeError("ss() takes demand_mean (Poisson) or pmf, not both")
        s, big_s, c = _flowcast.ss_discrete(
            float(holding_cost), float(stockout_cost), float(fixed_cost), [float(v) for v in pmf.keys()],
            [float(p) for p in pmf.values()], None if reorder_point is None else float(reorder_point),
            None if order_up_to_level is None else float(order_up_to_level))
        return SSResult(s, big_s, c)
    if demand_mean is None:
        raise TypeError("ss() needs demand_mean (Poisson demand) or pmf")
    b = Batch(holding_cost=holding_cost, stockout_cost=stockout_cost, fixed_cost=fixed_cost, demand_mean=demand_mean,
              reorder_point=reorder_point, order_up_to_level=order_up_to_level)
    f = b.flat
    with b.errors():
        s, big_s, c = _flowcast.ss_poisson([f[n] for n in ["holding_cost", "stockout_cost", "fixed_cost", "demand_mean"]],
                                           f.get("reorder_point"), f.get("order_up_to_level"))
    return SSResult(b.wrap(s), b.wrap(big_s), b.wrap(c))


def ss_power_approximation(
    holding_cost: ArrayLike, stockout_cost: ArrayLike, fixed_cost: ArrayLike, demand_mean: ArrayLike,
    demand_sd: ArrayLike,
) -> tuple:
    """(s, S) by the power approximation from the mean and sd of demand per period.

    >>> s, big_s = ss_power_approximation(0.18, 0.7, 2.5, 50, 8)
    >>> round(s, 4), round(big_s, 4)
    (40.1946, 74.2902)
    """
    b = Batch(holding_cost=holding_cost, stockout_cost=stockout_cost, fixed_cost=fixed_cost, demand_mean=demand_mean,
              demand_sd=demand_sd)
    names = ["holding_cost", "stockout_cost", "fixed_cost", "demand_mean", "demand_sd"]
    with b.errors():
        s, big_s = _flowcast.ss_power_approximation([b.flat[n] for n in names])
    return b.wrap(s), b.wrap(big_s)

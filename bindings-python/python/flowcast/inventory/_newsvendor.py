"""Newsvendor: any demand distribution, the explicit form, myopic policies, supply risk."""

from __future__ import annotations

from typing import Any, NamedTuple, Optional

from flowcast import _flowcast
from flowcast._arrays import Batch
from flowcast.errors import ValidationError
from flowcast.inventory._loss import DISTRIBUTIONS

ArrayLike = Any  # a number, a sequence of numbers, a numpy array, or a pandas/polars Series


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
        raise ValidationError(
            f"distribution = {distribution!r}: must be one of {known} [out_of_range]",
            code="out_of_range",
            field="distribution",
            value=repr(distribution),
            reason=f"must be one of {known}",
        )
    if set(parameters) != set(names):
        raise TypeError(
            f"{who}(distribution={distribution!r}) takes parameters {', '.join(names)}; "
            f"got {', '.join(parameters) or 'none'}"
        )
    return family, names


def _scaled_for_lead_time(distribution: str, parameters: dict, lead_time) -> dict:
    """Demand over lead_time + 1 periods, for the families where that is a rescaling."""
    if not lead_time:
        return parameters
    import numpy as np

    periods = np.asarray(lead_time, dtype=float) + 1
    if distribution == "normal":
        return {
            "mean": np.asarray(parameters["mean"], dtype=float) * periods,
            "sd": np.asarray(parameters["sd"], dtype=float) * np.sqrt(periods),
        }
    if distribution == "poisson":
        return {"mean": np.asarray(parameters["mean"], dtype=float) * periods}
    raise TypeError(f"lead_time applies to normal and poisson demand, not {distribution}")


def newsvendor(
    holding_cost: ArrayLike,
    stockout_cost: ArrayLike,
    *,
    distribution: str = "normal",
    lead_time: ArrayLike = 0,
    base_stock_level: Optional[ArrayLike] = None,
    pmf: Optional[dict] = None,
    threads: int = 0,
    **parameters: ArrayLike,
) -> NewsvendorResult:
    """The newsvendor: order up to the critical fractile S* = F⁻¹(p/(p + h)) of demand, with
    expected cost h·n̄(S) + p·n(S); or the cost of a given ``base_stock_level``.
    ``threads`` sets the worker threads for a batch (0, the default: every core); the answers
    do not depend on it.

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
        s, c = _flowcast.newsvendor_discrete(
            float(holding_cost),
            float(stockout_cost),
            [float(v) for v in pmf.keys()],
            [float(p) for p in pmf.values()],
            None if base_stock_level is None else float(base_stock_level),
        )
        return NewsvendorResult(s, c)
    family, names = _family(distribution, parameters, "newsvendor")
    if distribution == "normal":
        b = Batch(
            holding_cost=holding_cost,
            stockout_cost=stockout_cost,
            demand_mean=parameters["mean"],
            demand_sd=parameters["sd"],
            lead_time=lead_time,
            base_stock_level=base_stock_level,
        )
        f = b.flat
        with b.errors():
            s, c = _flowcast.newsvendor_normal(
                f["holding_cost"],
                f["stockout_cost"],
                f["demand_mean"],
                f["demand_sd"],
                f["lead_time"],
                f.get("base_stock_level"),
            )
        return NewsvendorResult(b.wrap(s), b.wrap(c))
    parameters = _scaled_for_lead_time(distribution, parameters, lead_time)
    b = Batch(
        holding_cost=holding_cost,
        stockout_cost=stockout_cost,
        base_stock_level=base_stock_level,
        **{n: parameters[n] for n in names},
    )
    f = b.flat
    with b.errors():
        s, c = _flowcast.newsvendor_family(
            family, f["holding_cost"], f["stockout_cost"], [f[n] for n in names], f.get("base_stock_level"), threads
        )
    return NewsvendorResult(b.wrap(s), b.wrap(c))


def newsvendor_explicit(
    revenue: ArrayLike,
    purchase_cost: ArrayLike,
    salvage_value: ArrayLike,
    *,
    distribution: str = "normal",
    holding_cost: ArrayLike = 0.0,
    stockout_cost: ArrayLike = 0.0,
    lead_time: ArrayLike = 0,
    base_stock_level: Optional[ArrayLike] = None,
    **parameters: ArrayLike,
) -> NewsvendorResult:
    """The newsvendor in revenue r, purchase cost c and salvage value v: critical ratio
    (p + r − c)/(p + h + r − v); returns the level and its expected **profit** (in ``cost``).

    >>> r = newsvendor_explicit(1, 0.3, 0.12, mean=50, sd=8)
    >>> round(r.cost, 4)
    33.0024
    """
    family, names = _family(distribution, parameters, "newsvendor_explicit")
    parameters = _scaled_for_lead_time(distribution, parameters, lead_time)
    b = Batch(
        revenue=revenue,
        purchase_cost=purchase_cost,
        salvage_value=salvage_value,
        holding_cost=holding_cost,
        stockout_cost=stockout_cost,
        base_stock_level=base_stock_level,
        **{n: parameters[n] for n in names},
    )
    f = b.flat
    with b.errors():
        s, p = _flowcast.newsvendor_explicit(
            family,
            f["revenue"],
            f["purchase_cost"],
            f["salvage_value"],
            f["holding_cost"],
            f["stockout_cost"],
            [f[n] for n in names],
            f.get("base_stock_level"),
        )
    return NewsvendorResult(b.wrap(s), b.wrap(p))


def myopic(
    holding_cost: ArrayLike,
    stockout_cost: ArrayLike,
    purchase_cost: ArrayLike,
    purchase_cost_next: ArrayLike,
    demand_mean: ArrayLike,
    demand_sd: ArrayLike,
    discount_factor: ArrayLike = 1.0,
    base_stock_level: Optional[ArrayLike] = None,
) -> NewsvendorResult:
    """The myopic base-stock level of a multi-period problem with normal demand: critical ratio
    (p − c + γc′)/(p + h); cost cS + g(S) − γc′(S − μ).

    >>> round(myopic(0.18, 0.7, 0.3, 0.35, 50, 8, 0.98).base_stock_level, 4)
    58.0989
    """
    b = Batch(
        holding_cost=holding_cost,
        stockout_cost=stockout_cost,
        purchase_cost=purchase_cost,
        purchase_cost_next=purchase_cost_next,
        demand_mean=demand_mean,
        demand_sd=demand_sd,
        discount_factor=discount_factor,
        base_stock_level=base_stock_level,
    )
    f = b.flat
    names = [
        "holding_cost",
        "stockout_cost",
        "purchase_cost",
        "purchase_cost_next",
        "demand_mean",
        "demand_sd",
        "discount_factor",
    ]
    with b.errors():
        s, c = _flowcast.myopic([f[n] for n in names], f.get("base_stock_level"))
    return NewsvendorResult(b.wrap(s), b.wrap(c))


def myopic_level_at_cost(
    cost: ArrayLike,
    holding_cost: ArrayLike,
    stockout_cost: ArrayLike,
    purchase_cost: ArrayLike,
    purchase_cost_next: ArrayLike,
    demand_mean: ArrayLike,
    demand_sd: ArrayLike,
    discount_factor: ArrayLike = 1.0,
    *,
    side: str = "below",
) -> Any:
    """The level y where the myopic one-period cost G(y) (see :func:`myopic`) equals ``cost``,
    on the ``"below"`` or ``"above"`` side of its minimiser.

    >>> round(myopic_level_at_cost(18, 0.18, 0.70, 0.3, 0.35, 50, 8, 0.98), 6)
    49.394685
    >>> round(myopic_level_at_cost(18, 0.18, 0.70, 0.3, 0.35, 50, 8, 0.98, side="above"), 6)
    71.84862
    """
    if side not in ("below", "above"):
        raise ValidationError(
            f"side = {side!r}: must be 'below' or 'above' [out_of_range]",
            code="out_of_range",
            field="side",
            value=repr(side),
            reason="must be 'below' or 'above'",
        )
    b = Batch(
        cost=cost,
        holding_cost=holding_cost,
        stockout_cost=stockout_cost,
        purchase_cost=purchase_cost,
        purchase_cost_next=purchase_cost_next,
        demand_mean=demand_mean,
        demand_sd=demand_sd,
        discount_factor=discount_factor,
    )
    names = ["cost", "holding_cost", "stockout_cost", "purchase_cost", "purchase_cost_next"]
    names += ["demand_mean", "demand_sd", "discount_factor"]
    with b.errors():
        y = _flowcast.myopic_level_at_cost(side == "above", [b.flat[n] for n in names])
    return b.wrap(y)


def newsvendor_with_disruptions(
    holding_cost: ArrayLike,
    stockout_cost: ArrayLike,
    demand: ArrayLike,
    disruption_prob: ArrayLike,
    recovery_prob: ArrayLike,
    base_stock_level: Optional[ArrayLike] = None,
) -> NewsvendorResult:
    """The newsvendor whose supplier fails (``disruption_prob``) and recovers
    (``recovery_prob``) each period: order up to D(1 + n*) for the critical outage length n*.

    >>> newsvendor_with_disruptions(0.25, 3, 2000, 0.04, 0.25).base_stock_level
    8000.0
    """
    b = Batch(
        holding_cost=holding_cost,
        stockout_cost=stockout_cost,
        demand=demand,
        disruption_prob=disruption_prob,
        recovery_prob=recovery_prob,
        base_stock_level=base_stock_level,
    )
    f = b.flat
    names = ["holding_cost", "stockout_cost", "demand", "disruption_prob", "recovery_prob"]
    with b.errors():
        s, c = _flowcast.newsvendor_with_disruptions([f[n] for n in names], f.get("base_stock_level"))
    return NewsvendorResult(b.wrap(s), b.wrap(c))


def newsvendor_with_yield_uncertainty(
    holding_cost: ArrayLike,
    stockout_cost: ArrayLike,
    demand: ArrayLike,
    *,
    distribution: str = "normal",
    base_stock_level: Optional[ArrayLike] = None,
    **parameters: ArrayLike,
) -> NewsvendorResult:
    """The newsvendor whose order up to S yields S + Y, Y of ``distribution`` (normal by
    default: ``mean``, ``sd``): S* = D − F_Y⁻¹(h/(h + p)).

    >>> r = newsvendor_with_yield_uncertainty(15, 75, 1.5e6, distribution="uniform", low=-5e5, high=5e5)
    >>> round(r.base_stock_level, 2)
    1833333.33
    """
    family, names = _family(distribution, parameters, "newsvendor_with_yield_uncertainty")
    b = Batch(
        holding_cost=holding_cost,
        stockout_cost=stockout_cost,
        demand=demand,
        base_stock_level=base_stock_level,
        **{n: parameters[n] for n in names},
    )
    f = b.flat
    with b.errors():
        s, c = _flowcast.newsvendor_with_yield(
            family,
            [f["holding_cost"], f["stockout_cost"], f["demand"]],
            [f[n] for n in names],
            f.get("base_stock_level"),
        )
    return NewsvendorResult(b.wrap(s), b.wrap(c))

"""``stockpyl.loss_functions`` drop-ins for the normal distribution."""

from __future__ import annotations

from typing import Any, Tuple

from flowcast import _flowcast
from flowcast._arrays import Batch

__all__ = ["standard_normal_loss", "standard_normal_second_loss", "normal_loss", "normal_second_loss"]


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

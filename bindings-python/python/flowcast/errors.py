"""The flowcast exception hierarchy.

Every error flowcast raises derives from :class:`FlowcastError`. Bad input raises
:class:`ValidationError`, which is also a :class:`ValueError`, and carries the stable ``code``,
the ``field`` (with an index for arrays, ``"demand_rate[7]"``), the offending ``value`` and the
``reason``, exactly as the Rust and JavaScript faces report them.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

__all__ = ["FlowcastError", "ValidationError", "InfeasibleError", "NotFittedError"]


class FlowcastError(Exception):
    """Root of every error flowcast raises."""


class ValidationError(FlowcastError, ValueError):
    """An input is out of its domain: NaN, a non-positive cost, mismatched lengths...

    Attributes:
        code: stable machine-readable category, e.g. ``"not_positive"``.
        field: the input's name, indexed for arrays (``"holding_cost[3]"``).
        value: the offending value, as text.
        reason: what the value must satisfy.
        line: for a malformed file, the 1-based line of the problem (else ``None``).
        issues: for an invalid routing problem, every issue found, each a dict with the stable
            ``code``, the ``location`` (``"clients[3].tw_late"``), the ``cause`` and a suggested
            ``action``; the other attributes describe the first one (else an empty list).
    """

    def __init__(
        self,
        message: str,
        *,
        code: Optional[str] = None,
        field: Optional[str] = None,
        value: Optional[str] = None,
        reason: Optional[str] = None,
        line: Optional[int] = None,
        issues: Optional[List[Dict[str, str]]] = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.field = field
        self.value = value
        self.reason = reason
        self.line = line
        self.issues = list(issues) if issues else []

    def __reduce__(self) -> Any:
        details = (self.code, self.field, self.value, self.reason, self.line, self.issues)
        return (_rebuild, (type(self), str(self), *details))


class InfeasibleError(FlowcastError):
    """The problem has no solution satisfying its constraints."""


class NotFittedError(FlowcastError):
    """A model was used before it was fitted."""


def _rebuild(cls, message, code, field, value, reason, line=None, issues=None):  # pickling support
    return cls(message, code=code, field=field, value=value, reason=reason, line=line, issues=issues)

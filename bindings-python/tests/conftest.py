"""Shared fixtures: where the reference data lives."""

import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def shared_data() -> Path:
    """``$FLOWCAST_SHARED_DATA``, else ``../shared/data`` beside the repository, else
    ``/work/shared/data``. Fails loudly: reference tests must not be skipped silently."""
    candidates = [os.environ.get("FLOWCAST_SHARED_DATA"), REPO.parent / "shared" / "data", "/work/shared/data"]
    for c in candidates:
        if c and Path(c).is_dir():
            return Path(c)
    raise RuntimeError(f"shared reference data not found in {candidates}; set FLOWCAST_SHARED_DATA")


@pytest.fixture(scope="session")
def load_shared():
    def load(relative: str):
        return json.loads((shared_data() / relative).read_text())

    return load


def within(got, expected, abs_tol, rel_tol) -> bool:
    return abs(got - expected) <= abs_tol + rel_tol * abs(expected)

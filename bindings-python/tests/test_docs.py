"""Every documented example runs: module docstrings and the READMEs' Python blocks."""

import doctest
import re
from pathlib import Path

import pytest

import flowcast
import flowcast.expiry
import flowcast.inventory
import flowcast.inventory.compat.stockpyl.eoq
import flowcast.inventory.compat.stockpyl.loss_functions
import flowcast.inventory.compat.stockpyl.newsvendor
import flowcast.inventory.compat.stockpyl.rq
import flowcast.inventory.compat.stockpyl.ss
import flowcast.inventory.compat.stockpyl.supply_uncertainty

REPO = Path(__file__).resolve().parents[2]
MODULES = [
    flowcast.inventory,
    flowcast.expiry,
    flowcast.inventory.compat.stockpyl.eoq,
    flowcast.inventory.compat.stockpyl.loss_functions,
]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_docstring_examples(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize("readme", ["README.md", "bindings-python/README.md"])
def test_readme_python_blocks(readme):
    text = (REPO / readme).read_text()
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert blocks, f"no python examples in {readme}"
    for block in blocks:
        exec(compile(block, readme, "exec"), {})


def test_package_is_typed():
    root = Path(flowcast.__file__).parent
    assert (root / "py.typed").exists() and (root / "_flowcast.pyi").exists()

"""Every documented example runs: module docstrings and the READMEs' Python blocks."""

import doctest
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import flowcast
import flowcast.inventory
import flowcast.inventory.compat.stockpyl

REPO = Path(__file__).resolve().parents[2]


def _modules(package):
    return [importlib.import_module(m.name) for m in pkgutil.iter_modules(package.__path__, package.__name__ + ".")]


# Every public module and every module a public one gathers its functions from.
MODULES = [
    flowcast.inventory,
    importlib.import_module("flowcast.expiry"),
    *_modules(importlib.import_module("flowcast.expiry")),
    importlib.import_module("flowcast.vrp"),
    *_modules(importlib.import_module("flowcast.vrp")),
    *[m for m in _modules(flowcast.inventory) if m.__name__ != "flowcast.inventory.compat"],
    *[m for m in _modules(flowcast.inventory.compat.stockpyl) if not m.__name__.rsplit(".", 1)[1].startswith("_")],
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


def test_the_stub_declares_every_extension_function():
    """``_flowcast.pyi`` lists every function of the extension module, with its parameters."""
    import ast
    import inspect

    import flowcast._flowcast as ext

    stub = ast.parse((Path(flowcast.__file__).parent / "_flowcast.pyi").read_text())
    declared = {f.name: [a.arg for a in f.args.args] for f in stub.body if isinstance(f, ast.FunctionDef)}
    classes = {
        c.name: {f.name for f in c.body if isinstance(f, ast.FunctionDef)}
        for c in stub.body
        if isinstance(c, ast.ClassDef)
    }
    for name in dir(ext):
        fn = getattr(ext, name)
        if inspect.isclass(fn):
            assert name in classes, f"class {name} missing from _flowcast.pyi"
            methods = {m for m in vars(fn) if not m.startswith("_") and callable(getattr(fn, m))}
            assert methods <= classes[name], f"{name}: {methods - classes[name]} missing from _flowcast.pyi"
        elif callable(fn) and not name.startswith("_"):
            assert name in declared, f"{name} missing from _flowcast.pyi"
            assert declared[name] == list(inspect.signature(fn).parameters), name

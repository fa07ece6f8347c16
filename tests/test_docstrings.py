"""Run the examples in the package's docstrings against the installed package."""

import doctest
import importlib
import pkgutil

import pytest

import borders

MODULES = sorted(["borders", *(f"borders.{m.name}" for m in pkgutil.iter_modules(borders.__path__)
                               if m.name != "__main__")])


def test_every_public_module_is_listed():
    assert {"borders.compare", "borders.classify", "borders.geodesy", "borders.tables"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0

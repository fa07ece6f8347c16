"""Run the examples in the package's docstrings against the installed package."""

import doctest
import importlib

import pytest

MODULES = ["borders", "borders.catalog", "borders.io", "borders.validate"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0

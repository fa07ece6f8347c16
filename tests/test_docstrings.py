"""Run the examples in the package's docstrings against the installed package."""

import doctest
import importlib
import pkgutil

import pytest

import borders

MODULES = sorted(["borders", *(m.name for m in pkgutil.walk_packages(borders.__path__, prefix="borders.")
                               if m.name != "borders.__main__")])


def test_the_scan_finds_every_module():
    # Written out by hand, so that a module the scan missed would show here.
    assert MODULES == sorted(["borders", "borders._assets", "borders._errors", "borders._values", "borders.atlas",
                              "borders.build",
                              "borders.build.inputs", "borders.build.layers", "borders.build.rivers",
                              "borders.build.spec", "borders.build.steps", "borders.build.units", "borders.catalog",
                              "borders.classify", "borders.cli", "borders.compare", "borders.control", "borders.dates",
                              "borders.display", "borders.evidence", "borders.export", "borders.gazetteer",
                              "borders.geodesy", "borders.io",
                              "borders.maps", "borders.maps.compose", "borders.maps.controls", "borders.maps.data",
                              "borders.maps.elements", "borders.maps.features", "borders.maps.page",
                              "borders.maps.site", "borders.members", "borders.partitions", "borders.plot",
                              "borders.qgis",
                              "borders.scene", "borders.schema", "borders.style", "borders.tables",
                              "borders.validate", "borders.vocabulary"])


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0

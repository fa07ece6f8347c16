"""borders: historical GIS of the 1919-1923 Lithuanian-Polish-Soviet borderland.

Sourced layers: every segment records its sources, the clause it implements, how
its course is known (text, summary, inferred or proxy), whether a source fixes it,
and its positional uncertainty; where sources disagree, each reading is its own data.

Examples
--------
>>> import borders
>>> treaty = borders.load("treaty_1920")
>>> treaty.set_index("id").loc["treaty_1920/territory", "valid_from"]
'1920-07-12'
"""

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from types import ModuleType

from borders._errors import AssumptionWarning, BordersError, LayerValidationError, UnknownLayerError
from borders.catalog import layer_info, layers, load, load_all, read_layer, sources, validate_shipped
from borders.classify import classify, where
from borders.compare import areas, compare, line_distances, line_table, modern_shares, overlaps
from borders.control import control, control_at
from borders.validate import validate_file

try:
    __version__ = version("borders")
except PackageNotFoundError:  # a source tree that is not installed
    __version__ = "0+unknown"

__all__ = [
    "AssumptionWarning",
    "BordersError",
    "LayerValidationError",
    "UnknownLayerError",
    "areas",
    "classify",
    "compare",
    "control",
    "control_at",
    "layer_info",
    "layers",
    "line_distances",
    "line_table",
    "load",
    "load_all",
    "modern_shares",
    "overlaps",
    "read_layer",
    "sources",
    "where",
    "validate_file",
    "validate_shipped",
]


def __getattr__(name: str) -> ModuleType:
    # The maps need folium and the plots matplotlib: import them when first used, so that
    # `import borders` stays light and `borders.maps.overview()` still works after it.
    if name in ("maps", "plot", "scene"):
        return import_module(f"borders.{name}")
    raise AttributeError(f"module 'borders' has no attribute {name!r}")

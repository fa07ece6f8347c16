"""borders: historical GIS of the 1919-1923 Lithuanian-Polish-Soviet borderland.

Layers traced from the texts that defined them, with a source, a method and an
uncertainty on every segment.

Examples
--------
>>> import borders
>>> treaty = borders.load("treaty_1920")
>>> treaty.loc[treaty["kind"] == "territory", "name"].iloc[0]
'Territory of Lithuania under the Soviet-Lithuanian Peace Treaty of 12 July 1920'
"""

from importlib.metadata import PackageNotFoundError, version

from borders._errors import AssumptionWarning, BordersError, LayerValidationError, UnknownLayerError
from borders.catalog import layer_info, layers, load, load_all, read_layer, sources, validate_shipped
from borders.classify import classify, where
from borders.compare import areas, compare, line_distances, line_table, modern_shares, overlaps
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

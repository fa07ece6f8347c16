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

from borders._errors import BordersError, LayerValidationError, UnknownLayerError
from borders.catalog import layer_info, layers, load, sources
from borders.validate import validate_file, validate_shipped

try:
    __version__ = version("borders")
except PackageNotFoundError:  # a source tree that is not installed
    __version__ = "0+unknown"

__all__ = [
    "BordersError",
    "LayerValidationError",
    "UnknownLayerError",
    "layer_info",
    "layers",
    "load",
    "sources",
    "validate_file",
    "validate_shipped",
]

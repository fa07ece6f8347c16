"""The catalogue of shipped layers and the bibliography they cite."""

from __future__ import annotations

import json
from functools import cache

import geopandas as gpd
import pandas as pd

from borders._errors import UnknownLayerError
from borders.io import data_dir, read_geojson, to_geodataframe

__all__ = ["layers", "layer_info", "load", "load_all", "read_layer", "sources", "layer_path"]


@cache
def _catalog() -> dict:
    with open(data_dir() / "catalog.json", encoding="utf-8") as fh:
        return json.load(fh)


@cache
def _bibliography() -> dict:
    with open(data_dir() / "sources.json", encoding="utf-8") as fh:
        return json.load(fh)


def layer_info(layer_id: str) -> dict:
    """Return the catalogue entry of one layer.

    Raises
    ------
    UnknownLayerError
        If ``layer_id`` is not in the catalogue; the message lists the valid ids.

    Examples
    --------
    >>> layer_info("treaty_1920")["valid_from"]
    '1920-07-12'
    """
    catalog = _catalog()
    if layer_id not in catalog:
        raise UnknownLayerError(
            f"unknown layer {layer_id!r}; the shipped layers are: {', '.join(sorted(catalog))}"
        )
    return dict(catalog[layer_id])


def layer_path(layer_id: str):
    """Return the path of a shipped layer's GeoJSON file."""
    return data_dir() / layer_info(layer_id)["filename"]


def layers() -> pd.DataFrame:
    """Return the catalogue as a DataFrame, one row per layer.

    Examples
    --------
    >>> cat = layers()
    >>> "treaty_1920" in cat.index
    True
    >>> list(cat.columns[:3])
    ['title', 'description', 'filename']
    """
    frame = pd.DataFrame.from_dict(_catalog(), orient="index")
    frame.index.name = "layer"
    return frame


def load(layer_id: str) -> gpd.GeoDataFrame:
    """Load a shipped layer as a GeoDataFrame in EPSG:4326.

    List properties (``sources``, ``anchors``) stay Python lists.

    Examples
    --------
    >>> gdf = load("treaty_1920")
    >>> gdf.crs.to_epsg()
    4326
    >>> sorted(set(gdf["kind"]))
    ['line', 'segment', 'territory']
    """
    gdf = _load_cached(layer_id).copy()
    gdf.attrs["layer"] = layer_id
    return gdf


@cache
def _load_cached(layer_id: str) -> gpd.GeoDataFrame:
    # shipped files do not change while the package is installed; callers get copies
    return to_geodataframe(read_geojson(layer_path(layer_id)))


def read_layer(path) -> gpd.GeoDataFrame:
    """Validate a user's GeoJSON layer and load it like a shipped one.

    The layer is named after the file (``my_line.geojson`` → ``my_line``).

    Raises
    ------
    LayerValidationError
        With one line naming the file, the feature and the field.
    """
    from pathlib import Path

    from borders.validate import validate_file

    gdf = to_geodataframe(validate_file(path))
    gdf.attrs["layer"] = Path(path).stem
    return gdf


def load_all(*, extra=()) -> gpd.GeoDataFrame:
    """Every shipped layer, plus user layers, in one GeoDataFrame with a ``layer`` column.

    Parameters
    ----------
    extra : iterable of paths or GeoDataFrames
        User layers to add. Paths are validated first (see :func:`read_layer`);
        a GeoDataFrame is named by its ``attrs["layer"]``, else ``user1``, ``user2``…

    Examples
    --------
    >>> every = load_all()
    >>> sorted(set(every["layer"]))
    ['foch_line', 'modern_countries', 'places', 'rivers', 'treaty_1920', 'zeligowski_zone']
    """
    frames = [load(layer_id) for layer_id in layers().index]
    for number, item in enumerate(extra, start=1):
        if isinstance(item, gpd.GeoDataFrame):
            gdf = item.to_crs(4326) if item.crs is not None else item.set_crs(4326)
            gdf.attrs["layer"] = item.attrs.get("layer", f"user{number}")
        else:
            gdf = read_layer(item)
        taken = {f.attrs["layer"] for f in frames}
        if gdf.attrs["layer"] in taken:  # a user file named like a shipped layer
            gdf.attrs["layer"] = f"{gdf.attrs['layer']}@user{number}"
        frames.append(gdf)
    tagged = [f.assign(layer=f.attrs["layer"]) for f in frames]
    combined = pd.concat(tagged, ignore_index=True)
    return gpd.GeoDataFrame(combined, geometry="geometry", crs=4326)


def sources() -> pd.DataFrame:
    """Return the bibliography as a DataFrame indexed by source id.

    Examples
    --------
    >>> bib = sources()
    >>> int(bib.loc["statesmans_yearbook_1921", "year"])
    1921
    """
    frame = pd.DataFrame.from_dict(_bibliography(), orient="index")
    frame.index.name = "source"
    return frame

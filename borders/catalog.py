"""The catalogue of shipped layers and the bibliography they cite."""

from __future__ import annotations

import json
from functools import cache

import geopandas as gpd
import pandas as pd

from borders._errors import UnknownLayerError
from borders.io import data_dir, read_geojson, to_geodataframe

__all__ = ["layers", "layer_info", "load", "sources", "layer_path"]


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
    gdf = to_geodataframe(read_geojson(layer_path(layer_id)))
    gdf.attrs["layer"] = layer_id
    return gdf


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

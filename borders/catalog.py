"""The catalogue of shipped layers and the bibliography they cite."""

from __future__ import annotations

import json
from functools import cache

import geopandas as gpd
import pandas as pd

from borders._errors import LayerValidationError, UnknownLayerError
from borders._values import plain
from borders.io import data_dir, layer_limits, read_geojson, sha256, to_geodataframe
from borders.validate import (
    accept_user_forms,
    check_feature_count,
    check_topology,
    tell_assumed,
    validate_collection,
    validate_file,
)

__all__ = ["layers", "layer_info", "load", "load_all", "read_layer", "sources", "layer_path", "validate_shipped",
           "check_shipped", "shipped_ids"]


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


def read_layer(path, *, max_bytes=None, max_features=None, reserved_ids=None) -> gpd.GeoDataFrame:
    """Validate a user's GeoJSON layer and load it like a shipped one.

    The layer is named after the file (``my_line.geojson`` → ``my_line``). A file over
    ``max_bytes`` or with more than ``max_features`` features is refused (see
    :func:`borders.validate.validate_file` for the defaults and how to raise them), and
    so is a feature whose id is in ``reserved_ids`` (id -> the layer that has it).

    Raises
    ------
    LayerValidationError
        With one line naming the file, the feature and the field.
    """
    from pathlib import Path

    gdf = to_geodataframe(validate_file(path, max_bytes=max_bytes, max_features=max_features,
                                        reserved_ids=reserved_ids))
    gdf.attrs["layer"] = Path(path).stem
    return gdf


def _validated_frame(gdf: gpd.GeoDataFrame, name: str, *, reserved_ids=None) -> gpd.GeoDataFrame:
    """A user's GeoDataFrame checked against the same schema as a user's file."""
    if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
        gdf = gdf.to_crs(4326)
    label = f"<GeoDataFrame {name}>"
    check_feature_count(len(gdf), path=label, max_features=layer_limits()["features"])
    collection = json.loads(gdf.to_json(na="null", drop_id=True, default=plain))
    collection, assumed = accept_user_forms(collection, path=label)
    validate_collection(collection, path=label, reserved_ids=reserved_ids)
    tell_assumed(label, assumed)
    out = to_geodataframe(collection)
    out.attrs["layer"] = name
    return out


def load_all(*, extra=()) -> gpd.GeoDataFrame:
    """Every shipped layer, plus user layers, in one GeoDataFrame with a ``layer`` column.

    Parameters
    ----------
    extra : iterable of paths or GeoDataFrames
        User layers to add, each validated first (see :func:`read_layer`). A file's
        layer is named after it, a GeoDataFrame by its ``attrs["layer"]`` (else
        ``user1``, ``user2``…); a name already taken gets ``@userN`` appended. Feature
        ids must not repeat ids already loaded.

    Raises
    ------
    LayerValidationError
        A user layer breaks the schema, or reuses a feature id.
    TypeError
        ``extra`` is one path or frame rather than a list of them.

    Examples
    --------
    >>> every = load_all()
    >>> sorted(set(every["layer"]))[:4]
    ['demarcation_1923', 'foch_line', 'lakes', 'modern_countries']
    """
    from pathlib import PurePath

    if isinstance(extra, (str, PurePath)):  # iterating it would give its characters
        raise TypeError(f"extra takes a list of layers (paths or GeoDataFrames); got one path, {str(extra)!r}: "
                        f"pass extra=[{str(extra)!r}]")
    if isinstance(extra, pd.DataFrame):  # iterating it would give its column names
        raise TypeError("extra takes a list of layers (paths or GeoDataFrames); got one GeoDataFrame: "
                        "pass extra=[frame]")
    frames = [load(layer_id) for layer_id in layers().index]
    owner = shipped_ids()
    for number, item in enumerate(extra, start=1):
        if not isinstance(item, (str, PurePath, gpd.GeoDataFrame)):
            raise TypeError(f"extra takes a list of layers: paths or GeoDataFrames; item {number} is a "
                            f"{type(item).__name__}")
        if isinstance(item, gpd.GeoDataFrame):
            gdf = _validated_frame(item, item.attrs.get("layer", f"user{number}"), reserved_ids=owner)
        else:
            gdf = read_layer(item, reserved_ids=owner)
        if gdf.attrs["layer"] in {f.attrs["layer"] for f in frames}:  # a user file named like a shipped layer
            gdf.attrs["layer"] = f"{gdf.attrs['layer']}@user{number}"
        owner.update({fid: gdf.attrs["layer"] for fid in gdf["id"]})
        frames.append(gdf)
    tagged = [f.assign(layer=f.attrs["layer"]) for f in frames]
    combined = pd.concat(tagged, ignore_index=True)
    return gpd.GeoDataFrame(combined, geometry="geometry", crs=4326)


def shipped_ids() -> dict[str, str]:
    """Every feature id of the shipped layers, mapped to its layer (a user's layer may not reuse them).

    Examples
    --------
    >>> shipped_ids()["treaty_1920/territory"]
    'treaty_1920'
    """
    return {fid: layer_id for layer_id in layers().index for fid in _load_cached(layer_id)["id"]}


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


def _check_checksum(info: dict, path) -> None:
    if not path.is_file():
        raise LayerValidationError("file listed in the catalogue is missing", path=path)
    digest = sha256(path)
    if digest != info["sha256"]:
        raise LayerValidationError(
            f"sha256 {digest[:12]}… does not match the catalogue's {info['sha256'][:12]}…; "
            "rebuild the layer or update geodata/catalog.json", path=path, field="sha256")


def _check_shape(info: dict, path, count: int, columns) -> None:
    """Refuse a layer file whose row count or columns differ from its catalogue entry's."""
    if count != info["nrows"]:
        raise LayerValidationError(f"{count} features, the catalogue says {info['nrows']}", path=path, field="nrows")
    columns = sorted(columns)
    if columns != sorted(info["columns"]):
        raise LayerValidationError(f"columns {columns} differ from the catalogue's {sorted(info['columns'])}",
                                   path=path, field="columns")


def check_shipped(layer_id: str) -> dict:
    """Check that a shipped layer's file is the one its catalogue entry lists: the sha256
    checksum, the row count and the columns.

    The bytes a checksum names are checked in full once, by :func:`validate_shipped`
    (the schema, strictly, the sources and the topology; the test suite runs it on every
    layer, ``borders validate`` on request): a file that differs from them by one byte
    fails here, so `borders atlas` need not repeat the full check on every run. A user's
    layer gets the full check every time (:func:`load_all`).

    Returns
    -------
    dict
        A summary with the layer id and its feature count.

    Examples
    --------
    >>> check_shipped("places")["features"] > 50
    True
    """
    info = layer_info(layer_id)
    path = layer_path(layer_id)
    _check_checksum(info, path)
    frame = _load_cached(layer_id)  # the parse load() shares
    _check_shape(info, path, len(frame), [c for c in frame.columns if c != "geometry"])
    return {"layer": layer_id, "features": len(frame)}


def validate_shipped(layer_id: str) -> dict:
    """Check a shipped layer against its catalogue entry.

    Checks the schema (strictly), the sha256 checksum, the row count, the columns,
    the sources against the bibliography and the topology.

    Returns
    -------
    dict
        A summary with the layer id and its feature count.

    Examples
    --------
    >>> validate_shipped("places")["features"] > 50
    True
    """
    info = layer_info(layer_id)
    path = layer_path(layer_id)
    _check_checksum(info, path)
    collection = read_geojson(path)
    geoms = validate_collection(collection, path=str(path),
                                known_sources=set(_bibliography()), strict=True)
    _check_shape(info, path, len(geoms), {k for f in collection["features"] for k in f["properties"]})
    check_topology(collection, geoms, path=path)
    return {"layer": layer_id, "features": len(geoms)}

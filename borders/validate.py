"""Checks of layer files against the schema (:mod:`borders.schema`).

Validation knows nothing of the catalogue: the check of the shipped layers against
their catalogue entries is :func:`borders.catalog.validate_shipped`. Every check
stops at the first problem and raises :class:`LayerValidationError` with a one-line
message naming the file, the feature and the field.
"""

from __future__ import annotations

import datetime as dt
import math

import shapely
from shapely.geometry import shape
from shapely.validation import explain_validity

from borders._errors import LayerValidationError
from borders.io import layer_limits, limit_hint, read_geojson
from borders.schema import GEOMETRY_TYPES, KIND_GEOMETRY, KINDS, METHODS, REGION_BOUNDS, REQUIRED, SEGMENT_REQUIRED

__all__ = ["validate_file", "validate_collection", "check_topology", "check_feature_count", "parse_date"]


def parse_date(value, *, path, feature, field) -> dt.date | None:
    """Parse an ISO ``YYYY-MM-DD`` date; ``None`` stays ``None`` (an open end)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise LayerValidationError(
            f"expected an ISO date 'YYYY-MM-DD' or null, got {value!r}",
            path=path, feature=feature, field=field)
    try:
        if len(value) != 10:  # fromisoformat also takes '19200712' and week dates
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise LayerValidationError(
            f"expected an ISO date 'YYYY-MM-DD', got {value!r} (put uncertain dates in "
            f"{field}_edtf, e.g. '1920-10~')", path=path, feature=feature, field=field) from None


def _all_positions(coords):
    if coords and isinstance(coords[0], (int, float)):
        yield coords
    else:
        for c in coords:
            yield from _all_positions(c)


def _check_geometry(geom: dict, *, path, feature):
    if not isinstance(geom, dict) or geom.get("type") not in GEOMETRY_TYPES:
        got = geom.get("type") if isinstance(geom, dict) else geom
        raise LayerValidationError(
            f"expected a GeoJSON geometry of type {', '.join(sorted(GEOMETRY_TYPES))}, got {got!r}",
            path=path, feature=feature, field="geometry")
    lon0, lat0, lon1, lat1 = REGION_BOUNDS
    try:
        positions = list(_all_positions(geom["coordinates"]))
    except (KeyError, TypeError):
        raise LayerValidationError("geometry has no usable 'coordinates'",
                                   path=path, feature=feature, field="geometry") from None
    for pos in positions:
        if len(pos) < 2 or not all(isinstance(c, (int, float)) and math.isfinite(c) for c in pos[:2]):
            raise LayerValidationError(f"bad position {pos!r}, expected [lon, lat]",
                                       path=path, feature=feature, field="geometry")
        lon, lat = pos[0], pos[1]
        if not (lon0 <= lon <= lon1 and lat0 <= lat <= lat1):
            swapped = lon0 <= lat <= lon1 and lat0 <= lon <= lat1
            hint = ("; it looks like [lat, lon]: GeoJSON wants [lon, lat]" if swapped
                    else "; is the layer in another CRS? GeoJSON wants WGS84 [lon, lat]")
            raise LayerValidationError(
                f"position [{lon}, {lat}] is outside the region (lon {lon0:g}–{lon1:g}, "
                f"lat {lat0:g}–{lat1:g}){hint}", path=path, feature=feature, field="geometry")
    try:
        shp = shape(geom)
    except Exception as err:  # shapely raises several types for malformed rings
        raise LayerValidationError(f"malformed geometry: {err}",
                                   path=path, feature=feature, field="geometry") from None
    if shp.is_empty:
        raise LayerValidationError("geometry is empty", path=path, feature=feature, field="geometry")
    if not shp.is_valid:
        raise LayerValidationError(f"invalid geometry: {explain_validity(shp)}",
                                   path=path, feature=feature, field="geometry")
    if shp.geom_type in ("LineString", "MultiLineString") and not shp.is_simple:
        raise LayerValidationError("line crosses itself (self-intersection)",
                                   path=path, feature=feature, field="geometry")
    return shp


def validate_collection(collection, *, path="<layer>", known_sources=None, strict=False) -> list:
    """Check a FeatureCollection dict against the schema.

    Parameters
    ----------
    collection
        The parsed GeoJSON.
    path
        Name of the file, used in messages.
    known_sources
        If given, every id in a feature's ``sources`` must be one of these.
    strict
        Also check what shipped layers promise: RFC 7946 winding (exterior rings
        counter-clockwise) and the segment fields.

    Returns
    -------
    list
        The shapely geometries, in feature order.

    Examples
    --------
    >>> fc = {"type": "FeatureCollection", "features": [{"type": "Feature",
    ...   "properties": {"id": "a", "name": "A", "kind": "line", "valid_from": "1920-07-12",
    ...   "valid_to": None, "status": "treaty", "sources": ["x"], "uncertainty_m": 100},
    ...   "geometry": {"type": "LineString", "coordinates": [[24, 54], [25, 55]]}}]}
    >>> len(validate_collection(fc))
    1
    >>> fc["features"][0]["properties"]["valid_to"] = "1919-01-01"
    >>> try:
    ...     validate_collection(fc, path="my.geojson")
    ... except LayerValidationError as err:
    ...     print(err)
    my.geojson: feature 'a': field 'valid_to': 1919-01-01 is before valid_from 1920-07-12
    """
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        got = collection.get("type") if isinstance(collection, dict) else type(collection).__name__
        raise LayerValidationError(f"expected a GeoJSON FeatureCollection, got {got!r}", path=path)
    features = collection.get("features")
    if not isinstance(features, list) or not features:
        raise LayerValidationError("the FeatureCollection has no features", path=path)
    seen = set()
    geoms = []
    for n, feat in enumerate(features):
        props = feat.get("properties") if isinstance(feat, dict) else None
        if not isinstance(props, dict):
            raise LayerValidationError("feature has no properties object",
                                       path=path, feature=f"#{n}", field="properties")
        fid = props.get("id", feat.get("id"))
        label = fid if isinstance(fid, str) and fid else f"#{n}"
        for field in REQUIRED:
            if field not in props:
                raise LayerValidationError("missing", path=path, feature=label, field=field)
        if not isinstance(fid, str) or not fid:
            raise LayerValidationError(f"expected a non-empty string, got {fid!r}",
                                       path=path, feature=label, field="id")
        if fid in seen:
            raise LayerValidationError("duplicate id", path=path, feature=label, field="id")
        seen.add(fid)
        if not isinstance(props["name"], str) or not props["name"].strip():
            raise LayerValidationError(f"expected a non-empty string, got {props['name']!r}",
                                       path=path, feature=label, field="name")
        if props["kind"] not in KINDS:
            raise LayerValidationError(
                f"expected one of {', '.join(sorted(KINDS))}, got {props['kind']!r}",
                path=path, feature=label, field="kind")
        if not isinstance(props["status"], str) or not props["status"]:
            raise LayerValidationError(f"expected a non-empty string, got {props['status']!r}",
                                       path=path, feature=label, field="status")
        start = parse_date(props["valid_from"], path=path, feature=label, field="valid_from")
        if start is None:
            raise LayerValidationError("must be a date, only valid_to may be open (null)",
                                       path=path, feature=label, field="valid_from")
        end = parse_date(props["valid_to"], path=path, feature=label, field="valid_to")
        if end is not None and end < start:
            raise LayerValidationError(f"{end} is before valid_from {start}",
                                       path=path, feature=label, field="valid_to")
        src = props["sources"]
        if not isinstance(src, list) or not src or not all(isinstance(s, str) and s for s in src):
            raise LayerValidationError(
                f"expected a non-empty list of source ids, got {src!r}",
                path=path, feature=label, field="sources")
        if known_sources is not None:
            unknown = [s for s in src if s not in known_sources]
            if unknown:
                raise LayerValidationError(
                    f"unknown source id {unknown[0]!r}; add it to geodata/sources.json",
                    path=path, feature=label, field="sources")
        unc = props["uncertainty_m"]
        if isinstance(unc, bool) or not isinstance(unc, (int, float)) or not unc >= 0:
            raise LayerValidationError(f"expected a number of metres >= 0, got {unc!r}",
                                       path=path, feature=label, field="uncertainty_m")
        if strict and props["kind"] == "segment":
            for field in SEGMENT_REQUIRED:
                if field not in props:
                    raise LayerValidationError("missing", path=path, feature=label, field=field)
            if props["method"] not in METHODS:
                raise LayerValidationError(
                    f"expected one of {', '.join(sorted(METHODS))}, got {props['method']!r}",
                    path=path, feature=label, field="method")
            if not isinstance(props["determined"], bool):
                raise LayerValidationError(f"expected true or false, got {props['determined']!r}",
                                           path=path, feature=label, field="determined")
        geom = feat.get("geometry")
        if geom is None:
            raise LayerValidationError("missing", path=path, feature=label, field="geometry")
        shp = _check_geometry(geom, path=path, feature=label)
        if geom["type"] not in KIND_GEOMETRY[props["kind"]]:
            raise LayerValidationError(
                f"a {props['kind']} must be a {' or '.join(KIND_GEOMETRY[props['kind']])}, got {geom['type']}",
                path=path, feature=label, field="geometry")
        if strict and shp.geom_type in ("Polygon", "MultiPolygon"):
            polys = shp.geoms if shp.geom_type == "MultiPolygon" else [shp]
            for poly in polys:
                if not shapely.is_ccw(poly.exterior) or any(shapely.is_ccw(r) for r in poly.interiors):
                    raise LayerValidationError(
                        "rings wound the wrong way: RFC 7946 wants exterior rings "
                        "counter-clockwise and holes clockwise",
                        path=path, feature=label, field="geometry")
        geoms.append(shp)
    return geoms


def validate_file(path, *, known_sources=None, strict=False, max_bytes=None, max_features=None) -> dict:
    """Read a user's GeoJSON file and check it against the schema.

    Parameters
    ----------
    path
        The file.
    known_sources, strict
        As for :func:`validate_collection`.
    max_bytes, max_features
        Refuse a larger file, or one with more features; by default the limits of
        :func:`borders.io.layer_limits` (20 MB and 5,000 features, or the environment
        variables ``BORDERS_MAX_LAYER_BYTES`` and ``BORDERS_MAX_LAYER_FEATURES``).

    Returns
    -------
    dict
        The parsed collection.

    Examples
    --------
    >>> import json, tempfile
    >>> path = tempfile.mkstemp(suffix=".geojson")[1]
    >>> feature = {"type": "Feature", "properties": {}, "geometry": None}
    >>> _ = open(path, "w").write(json.dumps({"type": "FeatureCollection", "features": [feature] * 3}))
    >>> try:
    ...     validate_file(path, max_features=2)
    ... except LayerValidationError as err:
    ...     print(str(err).split(": ", 1)[1])  # doctest: +ELLIPSIS
    has 3 features; the limit for your own layers is 2 features; raise it with ... BORDERS_MAX_LAYER_FEATURES=10 ...
    """
    limits = layer_limits(max_bytes=max_bytes, max_features=max_features)
    collection = read_geojson(path, max_bytes=limits["bytes"])
    features = collection.get("features") if isinstance(collection, dict) else None
    if isinstance(features, list):
        check_feature_count(len(features), path=path, max_features=limits["features"])
    validate_collection(collection, path=str(path), known_sources=known_sources, strict=strict)
    return collection


def check_feature_count(count: int, *, path, max_features: int) -> None:
    """Refuse a layer of more than ``max_features`` features (checked before any feature is)."""
    if count > max_features:
        raise LayerValidationError(f"has {count:,} features; {limit_hint('features', max_features)}", path=path)


def check_topology(collection: dict, geoms: list, *, path) -> None:
    """Check that lines equal their segments, and territories are closed by exactly their segments."""
    by_id = {f["properties"]["id"]: (f["properties"], g)
             for f, g in zip(collection["features"], geoms, strict=True)}
    for fid, (props, geom) in by_id.items():
        parts = props.get("segments") or props.get("bounded_by")
        if not parts:
            continue
        missing = [p for p in parts if p not in by_id]
        if missing:
            raise LayerValidationError(f"refers to unknown segment {missing[0]!r}",
                                       path=path, feature=fid, field="segments")
        edges = shapely.union_all([by_id[p][1] for p in parts])
        target = geom.boundary if props["kind"] in ("territory", "zone") else geom
        # Both ways: every part of the edge lies on the segments, and back.
        gap = max(target.hausdorff_distance(edges), edges.hausdorff_distance(target))
        if gap > 1e-6:  # degrees; about 0.1 m
            raise LayerValidationError(
                f"geometry differs from its segments by up to {gap * 111_000:.0f} m",
                path=path, feature=fid, field="geometry")

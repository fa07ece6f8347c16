"""Checks of layer files against the schema (:mod:`borders.schema`).

Validation knows nothing of the catalogue: the check of the shipped layers against
their catalogue entries is :func:`borders.catalog.validate_shipped`. Every check
stops at the first problem and raises :class:`LayerValidationError` with a one-line
message naming the file, the feature and the field.
"""

from __future__ import annotations

import datetime as dt
import math
import warnings

import shapely
from shapely.geometry import shape
from shapely.validation import explain_validity

from borders._errors import AssumptionWarning, LayerValidationError, one_line
from borders.dates import edtf_days
from borders.io import layer_limits, limit_hint, read_geojson
from borders.schema import (
    COORDINATES,
    FIELD_EXAMPLES,
    GEOMETRY_TYPES,
    KIND_GEOMETRY,
    KINDS,
    LINE_SIDES,
    MAX_PROPERTY_DEPTH,
    MAX_UNCERTAINTY_M,
    METHODS,
    REGION_BOUNDS,
    REQUIRED,
    SEGMENT_REQUIRED,
    evidence_problem,
)

__all__ = ["validate_file", "validate_collection", "accept_user_forms", "tell_assumed", "check_topology",
           "check_feature_count", "parse_date"]


def parse_date(value, *, path, feature, field) -> dt.date | None:
    """Parse an ISO ``YYYY-MM-DD`` date; ``None`` stays ``None`` (an open end)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise LayerValidationError(
            f"expected an ISO date 'YYYY-MM-DD' or null, got {_short(value)}; e.g. {FIELD_EXAMPLES[field]}",
            path=path, feature=feature, field=field)
    try:
        if len(value) != 10:  # fromisoformat also takes '19200712' and week dates
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise LayerValidationError(
            f"expected an ISO date 'YYYY-MM-DD', got {_short(value)} (put uncertain dates in "
            f"{field}_edtf, e.g. '1920-10~'); e.g. {FIELD_EXAMPLES[field]}", path=path, feature=feature,
            field=field) from None


def _check_edtf(value, day, fail, field) -> None:
    """An ``*_edtf`` field is EDTF, and its ISO date (``day``) lies within the days it names."""
    example = f'e.g. "{field}": "1921-03~" (March 1921, approximately) or "1920-10/1920-11"'
    if not isinstance(value, str):
        raise fail(f"expected an EDTF date as text, got {_short(value)}; {example}", field)
    try:
        first, last = edtf_days(value)
    except ValueError:
        raise fail(f"expected an EDTF date (Library of Congress Extended Date/Time Format), got {_short(value)}; "
                   f"{example}", field) from None
    iso = field.removesuffix("_edtf")
    if day is not None and not first <= day <= last:
        raise fail(f"{_short(value)} names {first}..{last}, but {iso} is {day}: give {iso} a day within it "
                   f"(its first, {first}, if no day is known)", field)


def _nests_deeper_than(value, limit: int) -> bool:
    """Whether lists and objects in ``value`` nest more than ``limit`` levels (without recursion)."""
    stack = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (list, dict)):
            if depth >= limit:
                return True
            stack.extend((child, depth + 1) for child in (node.values() if isinstance(node, dict) else node))
    return False


def _short(value) -> str:
    """A value as messages show it: repr, cut to 60 characters; deep containers only described."""
    if isinstance(value, (list, dict)) and _nests_deeper_than(value, 3):
        return f"{'a list' if isinstance(value, list) else 'an object'} nested more than 3 levels deep"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _positions(geom_type: str, coords) -> list:
    """Every position of a geometry's coordinates, checked against the nesting its type has.

    Walks without recursion, so text where a list belongs, or lists nested hundreds deep,
    give one clear message instead of Python's recursion error.
    """
    depth, form, example = COORDINATES[geom_type]
    expected = f"a {geom_type}'s coordinates are {form}, e.g. {example}"
    found, stack = [], [(coords, depth)]
    while stack:
        node, level = stack.pop()
        if not isinstance(node, list):
            raise ValueError(f"{expected}; found {_short(node)} where a list belongs")
        if level == 0:
            if any(isinstance(c, list) for c in node):
                raise ValueError(f"{expected}; its lists nest deeper than a {geom_type}'s")
            if len(node) not in (2, 3) or not all(_is_number(c) for c in node):
                raise ValueError(f"bad position {_short(node)}: expected [lon, lat] as two numbers (not text), "
                                 "e.g. [25.28, 54.69]")
            found.append(node)
        else:
            stack.extend((child, level - 1) for child in reversed(node))
    return found


def _check_parts(geom_type: str, coords) -> None:
    """Enough positions in every line, and rings that end where they start (shapely would close them silently)."""
    if geom_type in ("LineString", "MultiLineString"):
        for n, line in enumerate([coords] if geom_type == "LineString" else coords):
            if len(line) < 2:
                which = "the line" if geom_type == "LineString" else f"line {n + 1}"
                raise ValueError(f"{which} has {len(line)} position(s); a line needs at least two, "
                                 "e.g. [[24.0, 54.0], [25.0, 54.5]]")
    if geom_type in ("Polygon", "MultiPolygon"):
        polygons = [coords] if geom_type == "Polygon" else coords
        for p, rings in enumerate(polygons):
            for r, ring in enumerate(rings):
                where = f"ring {r + 1}" + (f" of polygon {p + 1}" if geom_type == "MultiPolygon" else "")
                if len(ring) < 4:
                    raise ValueError(f"{where} has {len(ring)} position(s); a ring needs at least four, the "
                                     "last repeating the first, e.g. [[24.0, 54.0], [25.0, 54.0], [25.0, 55.0], "
                                     "[24.0, 54.0]]")
                if ring[0][:2] != ring[-1][:2]:
                    raise ValueError(f"{where} is not closed: it ends at {_short(ring[-1])}, not where it starts, "
                                     f"{_short(ring[0])}; repeat the first position at the end")


def _check_geometry(geom: dict, *, path, feature):
    def fail(message):
        return _error(message, path=path, feature=feature, field="geometry")

    geom_type = geom.get("type") if isinstance(geom, dict) else None
    if not isinstance(geom_type, str) or geom_type not in GEOMETRY_TYPES:
        got = geom_type if isinstance(geom, dict) else geom
        raise fail(f"expected a GeoJSON geometry of type {', '.join(sorted(GEOMETRY_TYPES))}, got {_short(got)}, "
                   'e.g. {"type": "LineString", "coordinates": [[24.0, 54.0], [25.0, 54.5]]}')
    if "coordinates" not in geom:
        raise fail(f"geometry has no 'coordinates'; a {geom_type}'s are {COORDINATES[geom_type][1]}, "
                   f"e.g. {COORDINATES[geom_type][2]}")
    try:
        positions = _positions(geom_type, geom["coordinates"])
    except ValueError as err:
        raise fail(str(err)) from None
    if not positions:
        raise fail(f"geometry is empty; a {geom_type}'s coordinates are {COORDINATES[geom_type][1]}")
    lon0, lat0, lon1, lat1 = REGION_BOUNDS
    for pos in positions:
        lon, lat = pos[0], pos[1]
        if not (lon0 <= lon <= lon1 and lat0 <= lat <= lat1):
            swapped = lon0 <= lat <= lon1 and lat0 <= lon <= lat1
            hint = ("; it looks like [lat, lon]: GeoJSON wants [lon, lat]" if swapped
                    else "; is the layer in another CRS? GeoJSON wants WGS84 [lon, lat]")
            raise fail(f"position [{lon}, {lat}] is outside the region (lon {lon0:g}–{lon1:g}, "
                       f"lat {lat0:g}–{lat1:g}){hint}")
    try:
        _check_parts(geom_type, geom["coordinates"])
    except ValueError as err:
        raise fail(str(err)) from None
    try:
        shp = shape(geom)
    except Exception as err:  # shapely raises several types for malformed rings
        raise fail(f"malformed geometry: {err}") from None
    if shp.is_empty:
        raise fail("geometry is empty")
    if not shp.is_valid:
        raise fail(f"invalid geometry: {explain_validity(shp)}")
    if shp.geom_type in ("LineString", "MultiLineString") and not shp.is_simple:
        raise fail("line crosses itself (self-intersection)")
    return shp


def _error(message: str, *, path, feature=None, field=None) -> LayerValidationError:
    """A validation error whose message ends with the accepted form of the field, with an example."""
    example = FIELD_EXAMPLES.get(field)
    if example and "e.g." not in message:
        message = f"{message}; e.g. {example}"
    return LayerValidationError(message, path=path, feature=feature, field=field)


#: What a user's own layer may write that a contribution to the atlas (``strict``) may not.
_OWN_LAYERS_ONLY = "accepted for your own layers, not with --strict"


def validate_collection(collection, *, path="<layer>", known_sources=None, strict=False, reserved_ids=None) -> list:
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
        Check a contribution to the atlas: what shipped layers promise, i.e. a date in
        every ``valid_from``, at least one source, the segment fields and RFC 7946
        winding (exterior rings counter-clockwise). Without it, a feature may be
        undated (``valid_from`` null) and unsourced (``sources`` empty), as
        :func:`accept_user_forms` makes a user's layer.
    reserved_ids
        Ids the features may not take, each mapped to the layer that has it (the
        shipped layers', and those of layers loaded alongside).

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
    ...     print(err)  # doctest: +ELLIPSIS
    my.geojson: feature 'a': field 'valid_to': 1919-01-01 is before valid_from 1920-07-12; e.g. "valid_to": ...
    """
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        got = collection.get("type") if isinstance(collection, dict) else type(collection).__name__
        raise LayerValidationError(f"expected a GeoJSON FeatureCollection, got {_short(got)}, e.g. "
                                   '{"type": "FeatureCollection", "features": [...]}', path=path)
    features = collection.get("features")
    if not isinstance(features, list) or not features:
        raise LayerValidationError('the FeatureCollection has no features; e.g. "features": [{"type": "Feature", '
                                   '"properties": {...}, "geometry": {...}}]', path=path)
    seen = set()
    geoms = []
    for n, feat in enumerate(features):
        props = feat.get("properties") if isinstance(feat, dict) else None
        if not isinstance(props, dict):
            raise _error("feature has no properties object", path=path, feature=f"#{n}", field="properties")
        fid = props.get("id", feat.get("id"))
        label = fid if isinstance(fid, str) and fid else f"#{n}"

        def fail(message, field, label=label):
            return _error(message, path=path, feature=label, field=field)

        if "id" not in props and "id" in feat:  # QGIS writes the top-level id only
            raise fail(f"missing from properties; the Feature's top-level id {_short(feat['id'])} is "
                       f"{_OWN_LAYERS_ONLY}", "id")
        for field in REQUIRED:
            if field not in props:
                raise fail("missing", field)
        if isinstance(fid, int) and not isinstance(fid, bool):
            raise fail(f"expected text, got the number {fid}; integer ids are {_OWN_LAYERS_ONLY}", "id")
        if not isinstance(fid, str) or not fid:
            raise fail(f"expected a non-empty text, got {_short(fid)}", "id")
        if fid in seen:
            raise fail("duplicate id", "id")
        if reserved_ids and fid in reserved_ids:
            raise fail(f"id already used by layer {reserved_ids[fid]!r}; give your features ids of their own", "id")
        seen.add(fid)
        if not isinstance(props["name"], str) or not props["name"].strip():
            raise fail(f"expected a non-empty text, got {_short(props['name'])}", "name")
        if not isinstance(props["kind"], str) or props["kind"] not in KINDS:
            raise fail(f"expected one of {', '.join(sorted(KINDS))}, got {_short(props['kind'])}", "kind")
        if not isinstance(props["status"], str) or not props["status"]:
            raise fail(f"expected a non-empty text, got {_short(props['status'])}", "status")
        start = parse_date(props["valid_from"], path=path, feature=label, field="valid_from")
        if start is None and strict:
            raise fail("must be a date; only valid_to may be open (null); undated features are "
                       f"{_OWN_LAYERS_ONLY}", "valid_from")
        end = parse_date(props["valid_to"], path=path, feature=label, field="valid_to")
        if start is not None and end is not None and end < start:
            raise fail(f"{end} is before valid_from {start}", "valid_to")
        if start is not None and end == start:
            raise fail(f"{end} is valid_from too, so the feature holds on no day (valid_to is the first day it no "
                       f"longer holds), e.g. {end + dt.timedelta(days=1)}", "valid_to")
        for field, day in (("valid_from_edtf", start), ("valid_to_edtf", end)):
            if props.get(field) is not None:
                _check_edtf(props[field], day, fail, field)
        src = props["sources"]
        if isinstance(src, str):
            raise fail(f"expected a list of source ids, got the text {_short(src)}; text split at ';' is "
                       f"{_OWN_LAYERS_ONLY}", "sources")
        if not isinstance(src, list) or not all(isinstance(s, str) and s for s in src):
            raise fail(f"expected a list of source ids, got {_short(src)}", "sources")
        if strict and not src:
            raise fail(f"expected a non-empty list of source ids; unsourced features are {_OWN_LAYERS_ONLY}",
                       "sources")
        if known_sources is not None:
            unknown = [s for s in src if s not in known_sources]
            if unknown:
                raise fail(f"unknown source id {unknown[0]!r}; add it to geodata/sources.json", "sources")
        unc = props["uncertainty_m"]
        if not _is_number(unc) or not 0 <= unc <= MAX_UNCERTAINTY_M:  # inf drew a band round the world
            raise fail(f"expected a number of metres from 0 to {MAX_UNCERTAINTY_M:,} ({MAX_UNCERTAINTY_M // 1000} "
                       f"km), e.g. 500, got {_short(unc)}", "uncertainty_m")
        for field, value in props.items():
            if _nests_deeper_than(value, MAX_PROPERTY_DEPTH):
                raise fail(f"nested more than {MAX_PROPERTY_DEPTH} levels deep", str(field))
        sides = [side for side in LINE_SIDES if props.get(side) is not None]
        for side in sides:
            if len(sides) == 1:
                other = next(s for s in LINE_SIDES if s != side)
                raise fail(f"given without {other!r}: a line's sides are given both or neither", side)
            if not isinstance(props[side], str) or not props[side].strip():
                raise fail(f"expected the name of a party (e.g. \"Poland\"), got {_short(props[side])}", side)
            if props["kind"] != "line":
                raise fail(f"only a line has sides; this is a {_short(props['kind'])}", side)
        if strict and props["kind"] == "segment":
            for field in SEGMENT_REQUIRED:
                if field not in props:
                    raise fail("missing", field)
            if not isinstance(props["method"], str) or props["method"] not in METHODS:
                raise fail(f"expected one of {', '.join(sorted(METHODS))}, got {_short(props['method'])}", "method")
            if not isinstance(props["determined"], bool):
                raise fail(f"expected true or false, got {_short(props['determined'])}", "determined")
            problem = evidence_problem(props["basis"], props["determined"], props.get("note"),
                                       props.get("unidentified") or [])
            if problem:
                raise fail(problem[1], problem[0])
        geom = feat.get("geometry")
        if geom is None:
            raise fail("missing", "geometry")
        shp = _check_geometry(geom, path=path, feature=label)
        if geom["type"] not in KIND_GEOMETRY[props["kind"]]:
            raise fail(f"a {props['kind']} must be a {' or '.join(KIND_GEOMETRY[props['kind']])}, got "
                       f"{geom['type']}", "geometry")
        if strict and shp.geom_type in ("Polygon", "MultiPolygon"):
            polys = shp.geoms if shp.geom_type == "MultiPolygon" else [shp]
            for poly in polys:
                if not shapely.is_ccw(poly.exterior) or any(shapely.is_ccw(r) for r in poly.interiors):
                    raise fail("rings wound the wrong way: RFC 7946 wants exterior rings counter-clockwise and "
                               "holes clockwise", "geometry")
        geoms.append(shp)
    _check_references(features, geoms, path=path)
    return geoms


def accept_user_forms(collection, *, path="<layer>") -> tuple[dict, list[str]]:
    """A user's layer in the schema's canonical form, and what was assumed to get there.

    What QGIS writes is accepted for a layer of one's own (not for a contribution to
    the atlas, see ``strict``): an id only at the top level of the Feature, or an
    integer id; no ``valid_to`` (open: still valid); ``sources`` as text separated by
    ``;``; no ``valid_from`` (undated) or no ``sources`` (unsourced): such features get
    "undated, unsourced" at the start of their ``note``, which the maps show. The
    collection given is not changed; anything else is left for
    :func:`validate_collection` to judge.

    Examples
    --------
    >>> qgis = {"type": "FeatureCollection", "features": [{"type": "Feature", "id": 7,
    ...   "properties": {"name": "A", "kind": "line", "status": "x", "sources": "diary; map 3",
    ...   "uncertainty_m": 100}, "geometry": None}]}
    >>> fixed, assumed = accept_user_forms(qgis)
    >>> props = fixed["features"][0]["properties"]
    >>> props["id"], props["sources"], props["valid_from"], props["valid_to"], props["note"]
    ('7', ['diary', 'map 3'], None, None, 'undated')
    >>> for line in assumed:
    ...     print(line)
    ids from the Feature's top-level id (1 feature)
    integer ids as text (1)
    sources split at ';' (1)
    no valid_to: still valid (1)
    no valid_from (1): drawn as "undated"
    """
    counts = dict.fromkeys(("top", "integer", "split", "open", "undated", "unsourced"), 0)
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list):
        return collection, []
    out = []
    for feat in features:
        props = feat.get("properties") if isinstance(feat, dict) else None
        if not isinstance(props, dict):
            out.append(feat)
            continue
        props = dict(props)
        if "id" not in props and "id" in feat:
            props["id"] = feat["id"]
            counts["top"] += 1
        if isinstance(props.get("id"), int) and not isinstance(props["id"], bool):
            props["id"] = str(props["id"])
            counts["integer"] += 1
        if isinstance(props.get("sources"), str):
            props["sources"] = [s.strip() for s in props["sources"].split(";") if s.strip()]
            counts["split"] += 1
        if "valid_to" not in props:
            props["valid_to"] = None
            counts["open"] += 1
        props.setdefault("valid_from", None)
        props.setdefault("sources", [])
        missing = [word for word, absent in (("undated", props["valid_from"] is None),
                                             ("unsourced", props["sources"] == [])) if absent]
        for word in missing:
            counts[word] += 1
        if missing:  # the maps show the note in every popup
            tag = ", ".join(missing)
            note = props.get("note")
            props["note"] = f"{tag}; {note}" if isinstance(note, str) and note.strip() else tag
        out.append({**feat, "properties": props})
    assumed = []
    if counts["top"]:
        assumed.append(f"ids from the Feature's top-level id ({counts['top']} feature{'s' * (counts['top'] > 1)})")
    if counts["integer"]:
        assumed.append(f"integer ids as text ({counts['integer']})")
    if counts["split"]:
        assumed.append(f"sources split at ';' ({counts['split']})")
    if counts["open"]:
        assumed.append(f"no valid_to: still valid ({counts['open']})")
    gaps = [f"no {field} ({counts[word]})" for word, field in (("undated", "valid_from"), ("unsourced", "sources"))
            if counts[word]]
    if gaps:
        drawn = ", ".join(word for word in ("undated", "unsourced") if counts[word])
        assumed.append(f'{" and ".join(gaps)}: drawn as "{drawn}"')
    return {**collection, "features": out}, assumed


def _check_references(features, geoms, *, path) -> None:
    """``bounded_by`` and ``segments`` name lines of the same layer (comparisons widen them by their uncertainty)."""
    kinds = {f["properties"]["id"]: g.geom_type for f, g in zip(features, geoms, strict=True)}
    example = FIELD_EXAMPLES["bounded_by"]
    for feat in features:
        props = feat["properties"]
        for field in ("bounded_by", "segments"):
            names = props.get(field)
            if names is None:
                continue
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                raise _error(f"expected a list of feature ids, got {_short(names)}", path=path, feature=props["id"],
                             field=field)
            for name in names:
                if name not in kinds:
                    raise LayerValidationError(
                        f"names {name!r}, which is not a feature of this layer; expected the ids of its own "
                        f"segments or lines, e.g. {example}", path=path, feature=props["id"], field=field)
                if kinds[name] not in ("LineString", "MultiLineString"):
                    raise LayerValidationError(
                        f"names {name!r}, a {kinds[name]}; a boundary is made of lines (LineString or "
                        "MultiLineString)", path=path, feature=props["id"], field=field)


def validate_file(path, *, known_sources=None, strict=False, reserved_ids=None, max_bytes=None,
                  max_features=None) -> dict:
    """Read a user's GeoJSON file and check it against the schema.

    Without ``strict``, what QGIS writes is accepted (see :func:`accept_user_forms`),
    and so is a UTF-8 byte-order mark; what was assumed is told in one line, as an
    :class:`~borders._errors.AssumptionWarning` (the command line prints it as a note).

    Parameters
    ----------
    path
        The file.
    known_sources, reserved_ids
        As for :func:`validate_collection`.
    strict
        Check a contribution to the atlas: every field in its canonical form (see
        :func:`validate_collection`).
    max_bytes, max_features
        Refuse a larger file, or one with more features; by default the limits of
        :func:`borders.io.layer_limits` (20 MB and 5,000 features, or the environment
        variables ``BORDERS_MAX_LAYER_BYTES`` and ``BORDERS_MAX_LAYER_FEATURES``).

    Returns
    -------
    dict
        The parsed collection, in canonical form.

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
    assumed = []
    collection = read_geojson(path, max_bytes=limits["bytes"], allow_bom=not strict, assumed=assumed)
    features = collection.get("features") if isinstance(collection, dict) else None
    if isinstance(features, list):
        check_feature_count(len(features), path=path, max_features=limits["features"])
    if not strict:
        collection, forms = accept_user_forms(collection, path=path)
        assumed += forms
    validate_collection(collection, path=str(path), known_sources=known_sources, strict=strict,
                        reserved_ids=reserved_ids)
    tell_assumed(path, assumed)  # only once the layer is valid: a bad file gets one line, the error
    return collection


def tell_assumed(path, assumed: list[str]) -> None:
    """Say in one line what was assumed to read a user's layer (an :class:`AssumptionWarning`)."""
    if assumed:
        warnings.warn(AssumptionWarning(f"{one_line(path)}: assumed {'; '.join(assumed)}"), stacklevel=3)


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
        if props["kind"] in ("territory", "zone"):
            # Every part of the edge lies on the segments; a segment may bound it along part of its length.
            probes = shapely.points(shapely.get_coordinates(shapely.segmentize(geom.boundary, 0.005)))
            gap = float(shapely.distance(probes, edges).max()) if len(probes) else 0.0
        else:
            # Both ways: every part of the line lies on the segments, and back.
            gap = max(geom.hausdorff_distance(edges), edges.hausdorff_distance(geom))
        if gap > 1e-6:  # degrees; about 0.1 m
            raise LayerValidationError(
                f"geometry differs from its segments by up to {gap * 111_000:.0f} m",
                path=path, feature=fid, field="geometry")
        if props["kind"] in ("territory", "zone"):
            along = geom.boundary.buffer(1e-8)
            idle = [p for p in parts if by_id[p][1].intersection(along).length <= 1e-6]
            if idle:
                raise LayerValidationError(f"segment {idle[0]!r} does not run along the edge; name only the "
                                           "segments the edge follows", path=path, feature=fid, field="bounded_by")

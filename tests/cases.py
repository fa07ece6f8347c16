"""Builders of user layers, valid and hostile, shared by the tests and scripts/hostile_inputs.py.

Plain functions with no pytest in them, so that the hostile-input harness can build the
same files the tests build: a valid feature to break in one place, and the shapes the
issue-13 sweep found dangerous.
"""

import copy
import json

VALID_FEATURE = {
    "type": "Feature",
    "properties": {
        "id": "my-line", "name": "My line", "kind": "line", "valid_from": "1920-07-12",
        "valid_to": "1920-10-09", "status": "demarcation", "sources": ["my-archive-1"],
        "uncertainty_m": 500,
    },
    "geometry": {"type": "LineString", "coordinates": [[24.0, 54.0], [25.0, 54.5], [26.0, 54.2]]},
}


def feature():
    """A fresh copy of :data:`VALID_FEATURE`."""
    return copy.deepcopy(VALID_FEATURE)


def collection(*features):
    return {"type": "FeatureCollection", "features": list(features)}


def dumps(*features) -> bytes:
    """A FeatureCollection of ``features`` as the bytes of a file."""
    return json.dumps(collection(*features), ensure_ascii=False).encode()


def zone(name="My zone", *, west=25.0, east=25.5, fid="z"):
    """A valid rectangular zone named ``name`` (a hostile name, for the terminal and CSV tests)."""
    out = feature()
    out["properties"].update(id=fid, kind="zone", name=name)
    out["geometry"] = {"type": "Polygon",
                       "coordinates": [[[west, 54.5], [east, 54.5], [east, 54.8], [west, 54.8], [west, 54.5]]]}
    return out


def zone_bounded_by(*names):
    """A triangular zone whose ``bounded_by`` names ``names``."""
    out = feature()
    out["properties"].update(id="my-zone", kind="zone", bounded_by=list(names))
    out["geometry"] = {"type": "Polygon", "coordinates": [[[24.0, 54.0], [25.0, 54.0], [25.0, 55.0], [24.0, 54.0]]]}
    return out


def place(fid="my-place"):
    out = feature()
    out["properties"].update(id=fid, kind="place")
    out["geometry"] = {"type": "Point", "coordinates": [24.5, 54.5]}
    return out


def qgis_bytes(base=None, *, bom=True) -> bytes:
    """What QGIS' GeoJSON export writes: a top-level integer id, no valid_to, sources as text, a BOM."""
    base = base or feature()
    props = dict(base["properties"], sources="my-archive-1; my-diary p. 12")
    del props["id"], props["valid_to"]
    qgis = {"type": "Feature", "id": 3, "properties": props, "geometry": base["geometry"]}
    return (b"\xef\xbb\xbf" if bom else b"") + dumps(qgis)


def with_raw(value_json: str, field="uncertainty_m") -> bytes:
    """A valid layer whose ``field`` holds ``value_json`` verbatim (Infinity, NaN, 1e12: what json.dumps won't)."""
    out = feature()
    out["properties"][field] = "@@RAW@@"
    return dumps(out).replace(b'"@@RAW@@"', value_json.encode())


def with_nested(path: str, inner: str, depth: int) -> bytes:
    """A valid layer whose geometry's ``coordinates`` (path="coordinates") or property ``path`` holds
    ``inner`` inside ``depth`` lists, written as text (json.dumps would recurse that deep)."""
    out = feature()
    if path == "coordinates":
        out["geometry"]["coordinates"] = "@@RAW@@"
    else:
        out["properties"][path] = "@@RAW@@"
    return dumps(out).replace(b'"@@RAW@@"', b"[" * depth + inner.encode() + b"]" * depth)

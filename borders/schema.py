"""The layer schema in one place: fields, kinds, statuses, methods and the region.

Validation (:mod:`borders.validate`), the catalogue's check of the shipped layers
(:mod:`borders.catalog`) and the build (:mod:`borders.build`) all read these
definitions, so that a rule is written once.

Examples
--------
>>> "segment" in KINDS and "follows_river" in METHODS
True
>>> REGION_BOUNDS
(19.0, 51.0, 32.0, 58.0)
"""

from __future__ import annotations

__all__ = ["REGION_BOUNDS", "KINDS", "METHODS", "STATUSES", "REQUIRED", "SEGMENT_REQUIRED", "GEOMETRY_TYPES",
           "KIND_GEOMETRY", "DATE_FIELDS", "MAX_UNCERTAINTY_M", "COORDINATES", "MAX_PROPERTY_DEPTH",
           "FIELD_EXAMPLES"]

#: lon_min, lat_min, lon_max, lat_max of the borderland the toolkit covers.
REGION_BOUNDS = (19.0, 51.0, 32.0, 58.0)

#: What a feature is.
KINDS = frozenset({"line", "segment", "territory", "zone", "place", "country", "river"})

#: How a segment was drawn.
METHODS = frozenset({"named_place", "follows_river", "follows_boundary", "interpolated", "follows_shore"})

#: What a shipped feature was: the line types of the period, and the context layers.
STATUSES = frozenset({"treaty", "demarcation", "de_facto", "frame", "undetermined", "gazetteer", "modern"})

#: Fields every feature has.
REQUIRED = ("id", "name", "kind", "valid_from", "valid_to", "status", "sources", "uncertainty_m")

#: Fields every segment of a shipped layer has besides.
SEGMENT_REQUIRED = ("clause", "method", "determined")

#: The dates of a feature, ISO days and their EDTF forms, in the order files carry them.
DATE_FIELDS = ("valid_from", "valid_to", "valid_from_edtf", "valid_to_edtf")

#: A positional uncertainty larger than this (100 km) is a mistake, not a statement about a border.
MAX_UNCERTAINTY_M = 100_000

GEOMETRY_TYPES = frozenset({"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"})

#: The geometry each kind of feature must have (comparisons and maps rely on it).
KIND_GEOMETRY = {
    "line": ("LineString", "MultiLineString"), "segment": ("LineString", "MultiLineString"),
    "river": ("LineString", "MultiLineString"), "territory": ("Polygon", "MultiPolygon"),
    "zone": ("Polygon", "MultiPolygon"), "country": ("Polygon", "MultiPolygon"),
    "place": ("Point", "MultiPoint"),
}

#: Per geometry type: how deep its coordinates nest (0: one position), their form, and an example.
COORDINATES = {
    "Point": (0, "[lon, lat]", "[25.28, 54.69]"),
    "MultiPoint": (1, "[[lon, lat], ...]", "[[25.28, 54.69], [23.83, 53.68]]"),
    "LineString": (1, "[[lon, lat], [lon, lat], ...]", "[[24.0, 54.0], [25.0, 54.5]]"),
    "MultiLineString": (2, "[[[lon, lat], [lon, lat], ...], ...]", "[[[24.0, 54.0], [25.0, 54.5]]]"),
    "Polygon": (2, "[[[lon, lat], ..., the first position again], ...] (rings)",
                "[[[24.0, 54.0], [25.0, 54.0], [25.0, 55.0], [24.0, 54.0]]]"),
    "MultiPolygon": (3, "[[[[lon, lat], ..., the first position again], ...], ...] (polygons of rings)",
                     "[[[[24.0, 54.0], [25.0, 54.0], [25.0, 55.0], [24.0, 54.0]]]]"),
}

#: How deep a property value may nest lists and objects (the shipped ``anchors`` nest 2).
MAX_PROPERTY_DEPTH = 10

#: The accepted form of each field, with an example: every validation message ends with it.
FIELD_EXAMPLES = {
    "properties": '"properties": {"id": "my-line-1", "name": "My line", "kind": "line", ...}',
    "id": '"id": "my-line-1" (text, unique in the layer)',
    "name": '"name": "Demarcation line of 1920"',
    "kind": '"kind": "line"',
    "status": '"status": "demarcation"',
    "valid_from": '"valid_from": "1920-07-12" (an ISO date)',
    "valid_to": '"valid_to": "1920-10-09" (the first day it no longer holds), or null if it still holds',
    "sources": '"sources": ["my-archive-1", "my-book-p12"] (a list of your source ids)',
    "uncertainty_m": '"uncertainty_m": 500 (metres)',
    "clause": '"clause": "the words of the source this segment implements"',
    "method": '"method": "named_place"',
    "determined": '"determined": true',
    "geometry": '"geometry": {"type": "LineString", "coordinates": [[24.0, 54.0], [25.0, 54.5]]}',
    "bounded_by": '"bounded_by": ["my-segment-1", "my-segment-2"]',
    "segments": '"segments": ["my-segment-1", "my-segment-2"]',
}

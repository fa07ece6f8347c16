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

__all__ = ["REGION_BOUNDS", "KINDS", "METHODS", "STATUSES", "BASES", "REQUIRED", "SEGMENT_REQUIRED",
           "GEOMETRY_TYPES", "KIND_GEOMETRY", "DATE_FIELDS", "MAX_UNCERTAINTY_M", "STAND_IN_WORDS",
           "evidence_problem", "evidence_years", "evidence_supports", "EVIDENCE_MARGIN_M", "PARTIES", "LINE_SIDES",
           "COORDINATES", "MAX_PROPERTY_DEPTH", "FIELD_EXAMPLES"]

#: lon_min, lat_min, lon_max, lat_max of the borderland the toolkit covers.
REGION_BOUNDS = (19.0, 51.0, 32.0, 58.0)

#: What a feature is.
KINDS = frozenset({"line", "segment", "territory", "zone", "place", "country", "river", "lake", "railway"})

#: How a segment was drawn.
METHODS = frozenset({"named_place", "follows_river", "follows_boundary", "interpolated", "follows_shore"})

#: How a segment's course is known, from the surest to the least sure:
#: ``text``: the wording of the document that made the line was read;
#: ``summary``: a secondary description of the course (a year-book, a historian, an encyclopedia);
#: ``inferred``: reconstructed from places whose side is known (e.g. midpoints of village pairs);
#: ``proxy``: another line stands in (e.g. today's border), and no source says they coincide.
BASES = ("text", "summary", "inferred", "proxy")

#: Words with which a proxy segment's note says what stands in for the course.
STAND_IN_WORDS = ("stands in", "stand in", "stand-in")

#: What a shipped feature was: the line types of the period, and the context layers.
STATUSES = frozenset({"treaty", "decree", "demarcation", "de_facto", "electoral", "frame", "undetermined",
                      "gazetteer", "modern", "context"})

#: Who a territory or zone was assigned to (``assigned_to``: de jure, by a treaty, a decision or a
#: demarcation line) or held by (``held_by``: de facto control).
PARTIES = frozenset({"Lithuania", "Poland", "Central Lithuania", "Soviet Russia", "Latvia", "neutral", "Lithuanian SSR",
                     "Byelorussian SSR"})

#: A line's two sides, optional: the party each side of it was left to, facing the way the line runs
#: (``party_left``, ``party_right``). For a line that bounds no territory (the Suwałki line, open at its
#: eastern end), they say which side of it a place lay on.
LINE_SIDES = ("party_left", "party_right")

#: Fields every feature has.
REQUIRED = ("id", "name", "kind", "valid_from", "valid_to", "status", "sources", "uncertainty_m")

#: Fields every segment of a shipped layer has besides.
SEGMENT_REQUIRED = ("clause", "method", "basis", "determined")

#: The dates of a feature, ISO days and their EDTF forms, in the order files carry them.
DATE_FIELDS = ("valid_from", "valid_to", "valid_from_edtf", "valid_to_edtf")

#: What a segment's uncertainty adds for each vertex that rests on a statement of a place's side
#: from outside the years the segment stands for (see :func:`evidence_supports`).
EVIDENCE_MARGIN_M = 2000

#: A positional uncertainty larger than this (100 km) is a mistake, not a statement about a border.
MAX_UNCERTAINTY_M = 100_000

GEOMETRY_TYPES = frozenset({"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"})

#: The geometry each kind of feature must have (comparisons and maps rely on it).
KIND_GEOMETRY = {
    "line": ("LineString", "MultiLineString"), "segment": ("LineString", "MultiLineString"),
    "river": ("LineString", "MultiLineString"), "territory": ("Polygon", "MultiPolygon"),
    "zone": ("Polygon", "MultiPolygon"), "country": ("Polygon", "MultiPolygon"),
    "place": ("Point", "MultiPoint"), "lake": ("Polygon", "MultiPolygon"),
    "railway": ("LineString", "MultiLineString"),
}


def evidence_problem(basis, determined, note, unidentified=()) -> tuple[str, str] | None:
    """What is wrong with a segment's claim of certainty, as (field, message), or None.

    ``determined`` means: some source read fixes the course here. It therefore
    cannot hold for a ``proxy`` (no source says the stand-in is the line), nor for a
    course through points nobody has identified (``unidentified``). A proxy's note
    says what stands in.

    Examples
    --------
    >>> evidence_problem("proxy", True, "Today's border stands in.")
    ('determined', 'a proxy segment is not determined: no source says the stand-in is the line')
    >>> evidence_problem("text", True, "Along the river.", ["Borovyia"])[0]
    'determined'
    >>> evidence_problem("inferred", False, "Midpoints of village pairs.") is None
    True
    """
    if basis not in BASES:
        return "basis", f"expected one of {', '.join(BASES)}, got {basis!r}"
    if not isinstance(determined, bool):
        return "determined", f"expected true or false, got {determined!r}"
    if basis == "proxy" and determined:
        return "determined", "a proxy segment is not determined: no source says the stand-in is the line"
    if basis == "proxy" and not any(word in str(note).lower() for word in STAND_IN_WORDS):
        return "note", "a proxy segment's note says what stands in for the course (e.g. \"today's border stands in\")"
    if determined and unidentified:
        return "determined", (f"the course runs through points nobody has identified ({', '.join(unidentified)}), "
                              "so no source read fixes it")
    return None


def evidence_years(value) -> tuple[int, int] | None:
    """The first and last year a statement of a place's side describes: 1921, '1919-1922', or 'undated'.

    Returns ``(0, 9999)`` for 'undated' and None for anything else.

    Examples
    --------
    >>> evidence_years(1921), evidence_years("1920-1939"), evidence_years("undated"), evidence_years("1920s")
    ((1921, 1921), (1920, 1939), (0, 9999), None)
    """
    if value == "undated":
        return (0, 9999)
    if isinstance(value, int) and not isinstance(value, bool) and 1795 <= value <= 1945:
        return (value, value)
    if isinstance(value, str) and len(value) == 9 and value[4] == "-" and value[:4].isdigit() and value[5:].isdigit():
        first, last = int(value[:4]), int(value[5:])
        if 1795 <= first <= last <= 1945:
            return (first, last)
    return None


def evidence_supports(value, first_year: int) -> bool:
    """Whether a statement of a place's side supports a line first valid in ``first_year``.

    A line is drawn as it stood on its first day, so the statement must describe that
    year: a county list of 1913, or a side stated for 1923, does not. An undated
    statement supports nothing.

    Examples
    --------
    >>> evidence_supports("1919-1922", 1920), evidence_supports(1913, 1920), evidence_supports(1923, 1920)
    (True, False, False)
    >>> evidence_supports("undated", 1920)
    False
    """
    years = evidence_years(value)
    if years is None or years == (0, 9999):
        return False
    return years[0] <= first_year <= years[1]


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

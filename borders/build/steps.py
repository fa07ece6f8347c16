"""The step kinds of the specifications, and the tracer that turns steps into vertices.

A segment's ``steps`` are typed records read in order; each adds vertices to the
segment. *Point* steps add one vertex; they also say where a *path* step goes
(its ``to``, ``near`` or ``until``). Every kind, its fields and an example are
listed in :data:`STEP_KINDS`, and described for historians in
``geodata/specs/README.md`` (a test keeps the two in step).

Examples
--------
>>> sorted(STEP_KINDS)[:4]
['border_end', 'border_point', 'coast_end', 'follow_border']
>>> kind_of({"offset": "hrodna", "bearing": 195, "distance": "17.5 verst"})
'offset'
"""

from __future__ import annotations

from dataclasses import dataclass

import shapely
from pyproj import Transformer
from shapely.geometry import LineString, Point
from shapely.ops import substring

from borders.build.inputs import InputError, Inputs
from borders.build.rivers import SnapError
from borders.build.units import metres
from borders.geodesy import GEOD

__all__ = ["StepKind", "STEP_KINDS", "POINT_KINDS", "kind_of", "Tracer", "StepError"]


@dataclass(frozen=True)
class StepKind:
    """One kind of step: its fields (name -> type of value) and what it does.

    The field named like the kind holds its main value. Types: ``place`` (an id of
    the gazetteer), ``places`` (two of them), ``country`` (an ISO code of today's
    countries), ``countries`` (two), ``length`` ('2 km', '800 m', '17.5 verst'),
    ``bearing`` (degrees clockwise from north), ``point`` (a point step),
    ``until`` (a point step, or ``{border = [A, B]}``), ``railway`` (an id of the
    layer's ``[railways]``), ``line`` (the id of a line drawn earlier in the same
    file), ``place_or_point`` (a place id or a point step), ``evidence`` (the year a place's side was stated for,
    or two years for a midpoint's two places), and fixed words (``north|south``,
    ``east|west``, ``left|right``). Fields in ``optional`` may be left out.
    """

    name: str
    fields: dict
    point: bool
    does: str
    example: str
    optional: tuple = ()


_KINDS = [
    StepKind("place", {"place": "place", "evidence": "evidence"}, True,
             "a vertex at a place of the gazetteer", '{place = "sztabin"}', ("evidence",)),
    StepKind("offset", {"offset": "place", "bearing": "bearing", "distance": "length", "evidence": "evidence"},
             True, "a vertex at a distance and bearing (geodesic) from a place",
             '{offset = "hrodna", bearing = 195, distance = "17.5 verst"}', ("evidence",)),
    StepKind("midpoint", {"midpoint": "places", "evidence": "evidence"}, True,
             "a vertex half-way (geodesic) between two places, e.g. one on either side of a county edge",
             '{midpoint = ["dieveniskes", "subotniki"], evidence = [1922, 1921]}', ("evidence",)),
    StepKind("border_end", {"border_end": "countries", "touching": "country"}, True,
             "the end of today's border of two countries that meets a third country",
             '{border_end = ["LT", "PL"], touching = "BY"}'),
    StepKind("coast_end", {"coast_end": "countries"}, True,
             "the end of today's border of two countries at the sea",
             '{coast_end = ["LT", "LV"]}'),
    StepKind("border_point", {"border_point": "countries", "near": "point"}, True,
             "the point of today's border of two countries nearest a point",
             '{border_point = ["LT", "RU"], near = {place = "smalininkai"}}'),
    StepKind("shore_point", {"shore_point": "place", "side": "north|south"}, True,
             "the southernmost (or northernmost) point of the shore of the lake at a place",
             '{shore_point = "lake_drivyaty", side = "south"}'),
    StepKind("river_point", {"river_point": "point", "max_snap": "length"}, True,
             "the point of the rivers nearest a point step, which must lie within max_snap of a river: a place "
             "a source puts on a river bank at a stated distance",
             '{river_point = {offset = "vievis", bearing = 0, distance = "8 km"}, max_snap = "4 km"}'),
    StepKind("follow_river", {"follow_river": "place_or_point", "max_snap": "length"}, False,
             "along the rivers from the last vertex to the point of a river nearest a place (or a point step); "
             "both ends must lie within max_snap of a river",
             '{follow_river = "berezina_mouth", max_snap = "1 km"}'),
    StepKind("follow_border", {"follow_border": "countries", "to": "point"}, False,
             "along today's border of two countries, from the point of it nearest the last vertex to the "
             "point nearest `to`",
             '{follow_border = ["LT", "BY"], to = {place = "czarna_hancza_mouth"}}'),
    StepKind("follow_coast", {"follow_coast": "country", "to": "place"}, False,
             "along the coast of a country (the shorter way round its largest part) to the point nearest a place",
             '{follow_coast = "LT", to = "nemirseta"}'),
    StepKind("follow_shore", {"follow_shore": "place", "side": "east|west", "to": "place"}, False,
             "along the shore of the lake at a place, on its east (or west) side, to the point nearest `to`",
             '{follow_shore = "lake_drivyaty", side = "east", to = "druika_source"}'),
    StepKind("railway_offset", {"railway_offset": "railway", "distance": "length", "side": "left|right",
                                "until": "until"}, False,
             "a line at a distance to the left (or right) of a railway, going in the order its stations are "
             "listed, from the point nearest the last vertex until the point nearest a place, or until it "
             "first crosses today's border of two countries",
             '{railway_offset = "grodno_dvinsk", distance = "12 km", side = "left", until = {border = ["LT", "LV"]}}'),
    StepKind("line_offset", {"line_offset": "line", "distance": "length", "side": "left|right", "until": "until"},
             False,
             "a line at a distance to the left (or right) of a line drawn earlier in the file, going the way that "
             "line runs, from the point nearest the last vertex until the point nearest a point, or until it first "
             "crosses today's border of two countries",
             '{line_offset = "neutral_zone_1920/polish-edge", distance = "6 km", side = "left", '
             'until = {place = "giedraiciai"}}'),
]

#: Every step kind by name.
STEP_KINDS = {kind.name: kind for kind in _KINDS}
#: The kinds that make one point (usable as ``to``, ``near`` or ``until``).
POINT_KINDS = frozenset(k.name for k in _KINDS if k.point)


def kind_of(step: dict) -> str | None:
    """The kind of a step: the one key of it that names a kind (None if none or several do)."""
    named = [key for key in step if key in STEP_KINDS]
    return named[0] if len(named) == 1 else None


class StepError(ValueError):
    """A step that cannot be computed from the inputs; ``path`` says which (sub-)step."""

    def __init__(self, message: str, path: tuple = ()):
        super().__init__(message)
        self.path = path


_TO_LAEA = Transformer.from_crs("EPSG:4326", "EPSG:3035", always_xy=True)
_FROM_LAEA = Transformer.from_crs("EPSG:3035", "EPSG:4326", always_xy=True)


def _project(geom, *, to_laea: bool):
    """Reproject a geometry between WGS84 and the equal-area EPSG:3035 (metres), for offsets in metres."""
    transformer = _TO_LAEA if to_laea else _FROM_LAEA
    return shapely.transform(geom, lambda xy: list(zip(*transformer.transform(xy[:, 0], xy[:, 1]), strict=True)))


def _fwd(lonlat, bearing, distance_m):
    lon, lat, _ = GEOD.fwd(lonlat[0], lonlat[1], bearing, distance_m)
    return (lon, lat)


def _midpoint(a, b):
    az, _, dist = GEOD.inv(a[0], a[1], b[0], b[1])
    return _fwd(a, az, dist / 2)


def _geodesic_m(a, b) -> float:
    return GEOD.inv(a[0], a[1], b[0], b[1])[2]


def _nearest_on(line, lonlat):
    p = line.interpolate(line.project(Point(lonlat)))
    return (p.x, p.y)


def _extended(coords, by_m: float):
    """A line prolonged at both ends along its end legs by ``by_m`` metres, so that a parallel to it can reach
    a border the line itself ends on."""
    coords = [tuple(c) for c in coords]
    (a, b), (y, z) = coords[:2], coords[-2:]
    head = _fwd(a, GEOD.inv(b[0], b[1], a[0], a[1])[0], by_m)
    tail = _fwd(z, GEOD.inv(y[0], y[1], z[0], z[1])[0], by_m)
    return [head, *coords, tail]


def _ring_arc(ring: LineString, start, end, choose):
    """The part of a closed ring between two points, picked by ``choose`` from the two arcs, from ``start``."""
    d0, d1 = ring.project(Point(start)), ring.project(Point(end))
    lo, hi = sorted((d0, d1))
    inner = substring(ring, lo, hi)
    outer = LineString(list(substring(ring, hi, ring.length).coords) + list(substring(ring, 0, lo).coords)[1:])
    coords = list(choose(inner, outer).coords)
    if Point(coords[0]).distance(Point(start)) > Point(coords[-1]).distance(Point(start)):
        coords.reverse()
    return coords


class Tracer:
    """Turns the steps of a segment into coordinates and anchors.

    Parameters
    ----------
    places : dict
        Place id -> ``(lon, lat)``.
    inputs : Inputs
        Today's borders, rivers, lakes.
    railways : dict, optional
        Railway id -> list of station place ids, in order.
    lines : dict, optional
        Line id -> its coordinates, for ``line_offset``; the builder adds each line
        as it is drawn.

    Examples
    --------
    >>> from borders.build.inputs import Inputs
    >>> tracer = Tracer({"a": (24.0, 54.0), "b": (25.0, 54.0)}, Inputs(countries={}))
    >>> coords, anchors = tracer.run(None, [{"place": "a"}, {"midpoint": ["a", "b"]}])
    >>> [round(c, 3) for c in coords[1]], anchors[1]["place"]
    ([24.5, 54.001], 'a|b')
    """

    def __init__(self, places: dict, inputs: Inputs, railways: dict | None = None, lines: dict | None = None):
        self.places = places
        self.inputs = inputs
        self.railways = railways or {}
        self.lines = {} if lines is None else lines

    # --- point steps ---------------------------------------------------------------
    def point(self, step: dict):
        """The vertex of a point step, and its anchor (which place it rests on), or None."""
        xy, anchor = self._point(step)
        if anchor is not None and "evidence" in step:
            anchor["evidence_year"] = step["evidence"]
        return xy, anchor

    def _point(self, step: dict):
        kind = kind_of(step)
        if kind == "place":
            return self.places[step["place"]], {"place": step["place"], "offset_m": 0}
        if kind == "offset":
            distance = metres(step["distance"])
            return _fwd(self.places[step["offset"]], step["bearing"], distance), {
                "place": step["offset"], "offset_m": round(distance), "bearing_deg": step["bearing"]}
        if kind == "midpoint":
            a, b = step["midpoint"]
            return _midpoint(self.places[a], self.places[b]), {"place": f"{a}|{b}", "offset_m": None}
        if kind == "border_end":
            return self._border_end(*step["border_end"], step["touching"]), None
        if kind == "coast_end":
            return self._coast_end(*step["coast_end"]), None
        if kind == "border_point":
            pt, anchor = self._sub(step, "near")
            return _nearest_on(self.inputs.shared_border(*step["border_point"]), pt), anchor
        if kind == "river_point":
            pt, anchor = self._sub(step, "river_point")
            try:
                on = self.inputs.river_network.snap(pt, metres(step["max_snap"]))[2]
            except SnapError as err:
                raise StepError(f"the point given is {err}", ("river_point",)) from None
            return on, anchor
        if kind == "shore_point":
            ring = self.inputs.lake_at(self.places[step["shore_point"]]).exterior
            pick = {"south": lambda c: c[1], "north": lambda c: -c[1]}[step["side"]]
            return min(ring.coords, key=pick), {"place": step["shore_point"], "offset_m": None}
        raise StepError(f"{kind} does not make one point")

    def _sub(self, step, key):
        try:
            return self.point(step[key])
        except StepError as err:
            raise StepError(str(err), (key, *err.path)) from None

    def _border_end(self, a, b, touching):
        ab = self.inputs.shared_border(a, b)
        other = self.inputs.country(touching).boundary
        return min([ab.coords[0], ab.coords[-1]], key=lambda e: other.distance(Point(e)))

    def _coast_end(self, a, b):
        ab = self.inputs.shared_border(a, b)
        others = [g.boundary for k, g in self.inputs.countries.items() if k not in (a, b)]
        return max([ab.coords[0], ab.coords[-1]], key=lambda e: min(o.distance(Point(e)) for o in others))

    # --- the whole segment ---------------------------------------------------------
    def run(self, start, steps: list[dict]):
        """Coordinates of a segment that begins at ``start`` (None: at its first step), and its anchors.

        Raises
        ------
        StepError
            With ``path`` = (index of the step, sub-step keys…).
        """
        coords = [] if start is None else [start]
        anchors = []

        def add(points, anchor=None):
            for p in points:
                if not coords or Point(p).distance(Point(coords[-1])) > 1e-9:
                    coords.append(tuple(p))
            if anchor:
                evidence = anchor.pop("evidence_year", None)
                anchor = dict(anchor, vertex=len(coords) - 1)
                anchor["distance_m"] = round(_geodesic_m(coords[-1], self._anchor_xy(anchor)))
                if evidence is not None:
                    anchor["evidence_year"] = evidence
                anchors.append(anchor)

        for number, step in enumerate(steps):
            try:
                kind = kind_of(step)
                if kind in POINT_KINDS:
                    point, anchor = self.point(step)
                    add([point], anchor)
                    continue
                if not coords:
                    raise StepError(f"{kind} follows on from a vertex, but the segment has none yet: "
                                    "begin it with a point step")
                add(*self._path(kind, step, coords[-1]))
            except (InputError, SnapError) as err:
                raise StepError(str(err), (number,)) from None
            except StepError as err:
                raise StepError(str(err), (number, *err.path)) from None
        return coords, anchors

    def _path(self, kind, step, current):
        """The vertices of a path step from ``current``, and the anchor of its end."""
        if kind == "follow_river":
            towards = step["follow_river"]
            if isinstance(towards, dict):
                target, anchor = self._sub(step, "follow_river")
            else:
                target, anchor = self.places[towards], {"place": towards, "offset_m": 0}
            try:
                path = self.inputs.river_network.follow(current, target, max_snap_m=metres(step["max_snap"]))
            except SnapError as err:
                named = towards if isinstance(towards, str) else "the point given"
                raise StepError(f"cannot follow a river from the last vertex to the point nearest "
                                f"{named!r}: {err}") from None
            return path, anchor
        if kind == "follow_border":
            line = self.inputs.shared_border(*step["follow_border"])
            target, anchor = self._sub(step, "to")
            d0, d1 = line.project(Point(current)), line.project(Point(target))
            return list(substring(line, d0, d1).coords), anchor
        if kind == "follow_coast":
            geom = self.inputs.country(step["follow_coast"])
            poly = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
            ring = LineString(poly.exterior.coords)
            end = _nearest_on(ring, self.places[step["to"]])
            arc = _ring_arc(ring, current, end, lambda a, b: a if a.length < b.length else b)
            return arc, {"place": step["to"], "offset_m": 0}
        if kind == "follow_shore":
            ring = LineString(self.inputs.lake_at(self.places[step["follow_shore"]]).exterior.coords)
            end = _nearest_on(ring, self.places[step["to"]])
            sign = 1 if step["side"] == "east" else -1
            arc = _ring_arc(ring, current, end, lambda a, b: a if sign * a.centroid.x > sign * b.centroid.x else b)
            return arc, {"place": step["to"], "offset_m": 0}
        if kind == "railway_offset":
            line = [self.places[s] for s in self.railways[step["railway_offset"]]]
            return self._offset(line, current, step, "the railway"), None
        if kind == "line_offset":
            line = self.lines.get(step["line_offset"])
            if line is None:
                raise StepError(f"line {step['line_offset']!r} is not drawn yet: a line_offset step can follow only "
                                "a line that comes before it in the file")
            return self._offset(_extended(line, 2 * metres(step["distance"])), current, step,
                                f"line {step['line_offset']!r}"), None
        raise StepError(f"unknown step kind {kind!r}")

    def _offset(self, coords, current, step, what):
        """The part of the parallel at ``step``'s distance and side of ``coords``, from ``current`` to its ``until``."""
        distance = metres(step["distance"]) * (1 if step["side"] == "left" else -1)
        offset = _project(_project(LineString(coords), to_laea=True).offset_curve(
            distance, quad_segs=8, join_style="round"), to_laea=False)
        if offset.geom_type != "LineString":  # a line that turns back on itself within the distance
            raise StepError(f"the line {step['distance']} {step['side']} of {what} falls apart in pieces; "
                            "give a smaller distance or split the step")
        start = offset.project(Point(current))
        until = step["until"]
        if "border" in until:
            cut = offset.intersection(self.inputs.shared_border(*until["border"]))
            points = [cut] if cut.geom_type == "Point" else list(getattr(cut, "geoms", []))
            ahead = [offset.project(p) for p in points if offset.project(p) > start]
            if not ahead:
                raise StepError(f"the line {step['distance']} {step['side']} of {what} never crosses "
                                f"today's {'-'.join(until['border'])} border after the last vertex", ("until",))
            end = min(ahead)
        else:
            end = offset.project(Point(self._sub(step, "until")[0]))
        return list(substring(offset, start, end).coords)

    def _anchor_xy(self, anchor):
        place = anchor["place"]
        if "|" in place:
            a, b = place.split("|")
            return _midpoint(self.places[a], self.places[b])
        xy = self.places[place]
        if anchor.get("bearing_deg") is not None:
            return _fwd(xy, anchor["bearing_deg"], anchor["offset_m"])
        return xy

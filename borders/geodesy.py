"""Measurements on the WGS84 ellipsoid, and the projections they lean on.

Areas and distances are geodesic (pyproj ``Geod``). Two projections help:
EPSG:3035 (ETRS89 / LAEA Europe, equal-area) is an independent check of areas;
an azimuthal equidistant projection centred on the region (:data:`LOCAL_CRS`,
scale within 0.1 % of true across lon 19–32, lat 51–58) serves to widen lines by
metres and to find nearest points. Geometries passed in and returned are in
EPSG:4326 (lon, lat) unless a name says otherwise.
"""

from __future__ import annotations

import threading

import numpy as np
import shapely
from pyproj import Geod, Transformer

__all__ = [
    "GEOD",
    "area_km2",
    "area_km2_3035",
    "to_3035",
    "from_3035",
    "to_local",
    "from_local",
    "LOCAL_CRS",
    "distance_m",
    "Nearest",
    "band",
]

#: The WGS84 ellipsoid all areas and distances are measured on.
GEOD = Geod(ellps="WGS84")

#: EPSG:3035 (ETRS89-extended / LAEA Europe) by its definition; spelling it out spares PROJ's
#: database lookup of the code (about 60 ms at first use). A test checks it against the code.
EPSG_3035 = ("+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 "
             "+units=m +no_defs")
LONLAT = "+proj=longlat +datum=WGS84 +no_defs"

#: Azimuthal equidistant projection centred on the borderland, for buffers and nearest points.
LOCAL_CRS = "+proj=aeqd +lat_0=54.5 +lon_0=25.5 +ellps=WGS84 +units=m +no_defs"



_PER_THREAD = threading.local()


def _transformer(source: str, target: str) -> Transformer:
    # built on first use (at import it would slow every `import borders`), and one per thread: a pyproj
    # transformer must not be used by two threads at once (dask workers run partitions in threads)
    made = getattr(_PER_THREAD, "made", None)
    if made is None:
        made = _PER_THREAD.made = {}
    if (source, target) not in made:
        made[source, target] = Transformer.from_crs(source, target, always_xy=True)
    return made[source, target]


def _transform(geom, transformer):
    def func(coords):
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geom, func)


def to_3035(geom):
    """Project a lon/lat geometry (or array of them) to EPSG:3035 metres."""
    return _transform(geom, _transformer(LONLAT, EPSG_3035))


def from_3035(geom):
    """Bring an EPSG:3035 geometry (or array of them) back to lon/lat."""
    return _transform(geom, _transformer(EPSG_3035, LONLAT))


def to_local(geom):
    """Project a lon/lat geometry (or array of them) to :data:`LOCAL_CRS` metres."""
    return _transform(geom, _transformer(LONLAT, LOCAL_CRS))


def from_local(geom):
    """Bring a :data:`LOCAL_CRS` geometry (or array of them) back to lon/lat."""
    return _transform(geom, _transformer(LOCAL_CRS, LONLAT))


#: Longest edge, in degrees, left undivided before measuring: GeoJSON edges are straight
#: in lon/lat (RFC 7946), geodesics are not; at 0.01° (about 1 km) they differ by centimetres.
MAX_EDGE_DEG = 0.01


def area_km2(geom) -> float:
    """Geodesic area of a lon/lat (multi)polygon in km².

    Edges are first divided to at most :data:`MAX_EDGE_DEG`, so the area is that of
    the shape as GeoJSON draws it (straight in lon/lat), and areas of unions,
    intersections and differences add up.

    Examples
    --------
    A box of one degree by one degree south of Vilnius (about 7,390 km²):

    >>> from shapely.geometry import box
    >>> round(area_km2(box(25, 53, 26, 54)), -1)
    7390.0
    """
    polygons = _polygons(geom)
    if polygons is None:
        return 0.0
    area, _ = GEOD.geometry_area_perimeter(shapely.segmentize(polygons, MAX_EDGE_DEG))
    return abs(area) / 1e6


def _polygons(geom):
    """The polygonal parts of a geometry (an intersection may also hold lines and points), or None."""
    if geom is None or geom.is_empty:
        return None
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else shapely.union_all(parts)


def area_km2_3035(geom) -> float:
    """Area in km² measured in the equal-area EPSG:3035 projection (a cross-check).

    Examples
    --------
    >>> from shapely.geometry import box
    >>> g = box(25, 53, 26, 54)
    >>> abs(area_km2_3035(g) - area_km2(g)) / area_km2(g) < 0.001
    True
    """
    polygons = _polygons(geom)
    if polygons is None:
        return 0.0
    return to_3035(shapely.segmentize(polygons, MAX_EDGE_DEG)).area / 1e6


class Nearest:
    """Geodesic distances from many points to one lon/lat geometry, vectorised.

    The geometry is cut into two-point segments in :data:`LOCAL_CRS` and indexed in an
    STRtree; each point's nearest segment is found through the tree, the nearest
    point on it by projection, and the distance to that point is then measured on
    the ellipsoid, so the result does not depend on the projection's scale.

    Examples
    --------
    A point 0.1° north of a parallel is one tenth of a degree of meridian away
    (about 11.13 km at 54° N):

    >>> from shapely.geometry import LineString, Point
    >>> line = LineString([(24 + i / 100, 54) for i in range(201)])
    >>> round(float(Nearest(line).distance_m([Point(25, 54.1)])[0]) / 1000, 2)
    11.13
    """

    def __init__(self, geom):
        parts = shapely.get_parts(to_local(geom)) if geom is not None and not geom.is_empty else []
        pieces = []
        for part in parts:
            if part.geom_type == "Point":
                pieces.append(np.array([part]))
                continue
            rings = [part.exterior, *part.interiors] if part.geom_type == "Polygon" else [part]
            for ring in rings:
                xy = shapely.get_coordinates(ring)
                if len(xy) == 1:
                    pieces.append(shapely.points(xy))
                elif len(xy) > 1:
                    pieces.append(shapely.linestrings(np.stack([xy[:-1], xy[1:]], axis=1)))
        self.pieces = np.concatenate(pieces) if pieces else np.array([], dtype=object)
        self.tree = shapely.STRtree(self.pieces)

    def distance_m(self, points) -> np.ndarray:
        """Distance in metres from each lon/lat point (NaN for a missing point or geometry)."""
        pts = np.asarray(points, dtype=object).ravel()
        out = np.full(len(pts), np.nan)
        ok = ~(shapely.is_missing(pts) | shapely.is_empty(pts))
        if not len(self.pieces) or not ok.any():
            return out
        out[ok] = self.distance_m_local(to_local(pts[ok]))
        return out

    def distance_m_local(self, projected) -> np.ndarray:
        """Like :meth:`distance_m`, for points already in :data:`LOCAL_CRS` (none missing)."""
        projected = np.asarray(projected, dtype=object)
        which_point, which_piece = self.tree.query_nearest(projected, all_matches=False)
        ends = from_local(shapely.shortest_line(projected[which_point], self.pieces[which_piece]))
        xy = shapely.get_coordinates(ends).reshape(-1, 2, 2)
        _, _, dist = GEOD.inv(xy[:, 0, 0], xy[:, 0, 1], xy[:, 1, 0], xy[:, 1, 1])
        placed = np.full(len(projected), np.nan)
        placed[which_point] = dist
        return placed


def distance_m(points, geom) -> np.ndarray:
    """Geodesic distance in metres from each lon/lat point to the nearest part of ``geom``.

    A polygon counts by its rings (the distance from inside is to the boundary).
    See :class:`Nearest` to reuse one geometry for many calls.

    Examples
    --------
    >>> from shapely.geometry import LineString, Point
    >>> line = LineString([(24 + i / 100, 54) for i in range(201)])
    >>> round(float(distance_m([Point(25, 54.1)], line)[0]) / 1000, 2)
    11.13
    """
    return Nearest(geom).distance_m(points)


def band(lines, widths_m) -> shapely.Geometry:
    """The lon/lat area within ``widths_m[i]`` metres of ``lines[i]``, for all i.

    Used for uncertainty: each boundary segment is widened by its own
    positional uncertainty. Zero widths add nothing.

    Examples
    --------
    >>> from shapely.geometry import LineString
    >>> b = band([LineString([(25, 54), (25, 55)])], [1000])
    >>> round(area_km2(b))  # 2 km wide, 111 km long, plus round ends
    226
    """
    pieces = [to_local(line).buffer(float(w)) for line, w in zip(lines, widths_m, strict=True)
              if w and w > 0 and line is not None and not line.is_empty]
    if not pieces:
        return shapely.Polygon()
    return from_local(shapely.union_all(pieces))

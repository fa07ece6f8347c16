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
from functools import cache

import numpy as np
import shapely
from pyproj import Geod, Transformer

__all__ = [
    "GEOD",
    "side_of_line",
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
    "local_buffers",
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
    return abs(_geodesic_area(shapely.segmentize(polygons, MAX_EDGE_DEG))) / 1e6


def _geodesic_area(geom) -> float:
    """The signed area of ``GEOD.geometry_area_perimeter(geom)``, summed in the same order (the same float),
    with each ring's coordinates taken as arrays: pyproj takes them from shapely's ``.xy``, which builds
    them a coordinate at a time (most of the time of the comparison tables)."""
    if geom.geom_type == "Polygon":
        total = _ring_area(geom.exterior)
        for hole in geom.interiors:
            total += _ring_area(hole)
        return total
    if geom.geom_type == "MultiPolygon":
        total = 0.0
        for part in geom.geoms:
            total += _geodesic_area(part)
        return total
    return GEOD.geometry_area_perimeter(geom)[0]


def _ring_area(ring) -> float:
    coords = shapely.get_coordinates(ring)
    return GEOD.polygon_area_perimeter(np.ascontiguousarray(coords[:, 0]), np.ascontiguousarray(coords[:, 1]))[0]


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


def side_of_line(line, lon: float, lat: float) -> str | None:
    """``"left"`` or ``"right"`` of a line, facing the way it runs, at its point nearest (lon, lat).

    ``None`` where that point is one of the line's ends (the place lies beyond them, where
    the line says nothing) or the line is not one piece. Measured in :data:`LOCAL_CRS`.

    Examples
    --------
    >>> from shapely.geometry import LineString
    >>> eastwards = LineString([(23, 54), (25, 54)])
    >>> side_of_line(eastwards, 24, 54.2), side_of_line(eastwards, 24, 53.8), side_of_line(eastwards, 26, 54.2)
    ('left', 'right', None)
    """
    if line.geom_type != "LineString":
        return None
    local, point = to_local(line), to_local(shapely.Point(lon, lat))
    along = local.project(point)
    if along <= 0 or along >= local.length:
        return None
    coords = shapely.get_coordinates(local)
    runs = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(coords, axis=0).T))])
    i = min(int(np.searchsorted(runs, along, side="right")) - 1, len(coords) - 2)
    (x0, y0), (x1, y1) = coords[i], coords[i + 1]
    cross = (x1 - x0) * (point.y - y0) - (y1 - y0) * (point.x - x0)
    return "left" if cross > 0 else "right"


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
    kept = [(line, float(w)) for line, w in zip(lines, widths_m, strict=True)
            if w and w > 0 and line is not None and not line.is_empty]
    if not kept:
        return shapely.Polygon()
    return from_local(shapely.union_all(local_buffers(*zip(*kept, strict=True))))


def local_buffers(lines, widths_m) -> np.ndarray:
    """Each of ``lines`` (lon/lat) widened by ``widths_m[i]`` metres, in :data:`LOCAL_CRS` metres.

    The pieces :func:`band` joins, 16 segments to a quarter circle, all in one call.

    Examples
    --------
    >>> from shapely.geometry import LineString
    >>> [round(piece.area / 1e6) for piece in local_buffers([LineString([(25, 54), (25, 55)])], [1000])]
    [226]
    """
    return shapely.buffer(to_local(np.array(lines, dtype=object)), np.asarray(widths_m, dtype=float), quad_segs=16)


#: Oblique stereographic (conformal) projection centred on the borderland, for bulk distances.
#: Conformal means its scale is the same in every direction at a point, so one closed-form
#: factor turns projected lengths into lengths on the ellipsoid (see :class:`ConformalNearest`).
CONFORMAL_CRS = "+proj=sterea +lat_0=54.5 +lon_0=25.5 +k=1 +ellps=WGS84 +units=m +no_defs"

#: lon/lat box within which :class:`ConformalNearest` uses its grid and closed-form scale;
#: points outside it are measured by :class:`Nearest` (exact, slower). The region plus 1°.
CONFORMAL_BOUNDS = (18.0, 50.0, 33.0, 59.0)


def _conformal_radius() -> float:
    # radius of the Gauss conformal sphere at lat_0: sqrt(M N), meridian and normal radii
    a, f = 6378137.0, 1 / 298.257223563
    e2 = f * (2 - f)
    w = 1 - e2 * np.sin(np.radians(54.5)) ** 2
    return float(np.sqrt(a * (1 - e2) / w**1.5 * a / np.sqrt(w)))


_FOUR_R2 = 4 * _conformal_radius() ** 2


def _sterea_constants():
    # PROJ's sterea: the ellipsoid onto the Gauss conformal sphere, then a stereographic projection
    a, f = 6378137.0, 1 / 298.257223563
    es = f * (2 - f)
    e = np.sqrt(es)
    phi0 = np.radians(54.5)
    sphi = np.sin(phi0)
    rc = np.sqrt(1 - es) / (1 - es * sphi**2)
    c = np.sqrt(1 + es * np.cos(phi0) ** 4 / (1 - es))
    chi0 = np.arcsin(sphi / c)
    ratexp = 0.5 * c * e
    k = np.tan(0.5 * chi0 + np.pi / 4) / (np.tan(0.5 * phi0 + np.pi / 4) ** c
                                          * ((1 - e * sphi) / (1 + e * sphi)) ** ratexp)
    return e, c, ratexp, float(k), float(np.sin(chi0)), float(np.cos(chi0)), float(2 * rc * a)


_STEREA = _sterea_constants()


def project_conformal(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """Project lon/lat arrays to :data:`CONFORMAL_CRS` metres (x, y).

    PROJ's formulas (``sterea``) in NumPy, a third faster than a pyproj transform of a
    million points and within a nanometre of it (a test checks).
    """
    e, c, ratexp, k, sinc0, cosc0, r2 = _STEREA
    phi = np.radians(np.asarray(lat, float))
    lam = np.radians(np.asarray(lon, float))
    lam -= np.radians(25.5)
    lam *= c
    esin = e * np.sin(phi)
    w = np.log((1 - esin) / (1 + esin))
    w *= ratexp
    phi *= 0.5
    phi += np.pi / 4
    w += c * np.log(np.tan(phi))
    chi = 2 * np.arctan(k * np.exp(w)) - np.pi / 2  # the conformal latitude, on the Gauss sphere
    sinc, cosc, cosl = np.sin(chi), np.cos(chi), np.cos(lam)
    scale = r2 / (1 + sinc0 * sinc + cosc0 * cosc * cosl)
    x = scale * cosc * np.sin(lam)
    y = scale * (cosc0 * sinc - sinc0 * cosc * cosl)
    return x, y


class ConformalNearest:
    """Geodesic distances from millions of points to one lon/lat geometry, by arrays only.

    The geometry's edges are taken straight in :data:`CONFORMAL_CRS` (as :class:`Nearest`
    takes them straight in :data:`LOCAL_CRS`; over the region either is within metres of
    the geodesic). A quadtree over :data:`CONFORMAL_BOUNDS` lists, for each cell, the few
    edges that can be nearest to a point in it, so each point is measured against those
    only, with NumPy, instead of one tree search per point (GEOS ``query_nearest`` costs
    microseconds per point; this costs a few array passes per feature).

    A projected length is made geodesic with the stereographic scale
    ``k = 1 + rho**2 / (4 R**2)`` (``rho`` the distance from the centre, ``R`` the conformal
    sphere's radius), averaged exactly along the straight line from the point to its
    nearest point (``rho**2`` is quadratic along it). Against ``Geod.inv`` this is within
    4e-6 of the length for pairs up to 1,100 km apart in the box, so no ``Geod.inv``
    per pair is needed (that alone would cost more than the whole classification).

    An edge is dropped from a cell when, for every point of the cell, another kept edge is
    no farther on the ellipsoid, or at most :attr:`TOLERANCE` farther (0.08 % or 5 m in all,
    within the 0.1 % or 10 m the distances promise; see :meth:`_build`). The bound uses the
    angle the two edges subtend from the cell, so far from the boundary, where many edges
    are nearly tied, one or two candidates remain. The distances are never shorter than
    the nearest edge's, and at most the tolerance longer.

    The points are located once for all features (:class:`ConformalCells`) and measured in
    chunks that stay in the CPU's cache, in single precision (0.1 m at most).

    Examples
    --------
    >>> from shapely.geometry import LineString
    >>> line = LineString([(24 + i / 100, 54) for i in range(201)])
    >>> x, y = project_conformal([25.0], [54.1])
    >>> round(float(ConformalNearest(line).distance_m_xy(x, y)[0]) / 1000, 2)
    11.13
    """

    #: Cells with more candidate edges than this are split, down to :attr:`DEPTH` levels.
    MAX_CANDIDATES = 2
    #: Cells nearer the boundary than this many half-diagonals are split only above
    #: :attr:`MAX_NEAR` candidates (few points lie there; halving them costs more than it saves).
    NEAR, MAX_NEAR = 3, 6
    #: Cells per side of the coarsest level, and the levels of halving under it.
    ROOT, DEPTH = 8, 6
    #: A leaf may drop an edge at most this much nearer than the kept ones: (metres, relative).
    TOLERANCE = (5.0, 8e-4)
    #: Below this many points, measure against every edge (no grid to build).
    FEW = 2_000

    def __init__(self, geom):
        parts = shapely.get_parts(geom) if geom is not None and not geom.is_empty else []
        starts, ends = [], []
        for part in parts:
            rings = [part.exterior, *part.interiors] if part.geom_type == "Polygon" else [part]
            for ring in rings:
                xy = shapely.get_coordinates(ring)
                if len(xy) == 1:  # a point: an edge of no length
                    xy = np.vstack([xy, xy])
                starts.append(xy[:-1])
                ends.append(xy[1:])
        self.geom = geom
        self._grid = None
        if not starts:
            self.x0 = self.y0 = self.ux = self.uy = self.inv2 = np.empty(0)
            return
        a, b = np.concatenate(starts), np.concatenate(ends)
        self.x0, self.y0 = project_conformal(a[:, 0], a[:, 1])
        self.x1, self.y1 = project_conformal(b[:, 0], b[:, 1])
        self.ux, self.uy = self.x1 - self.x0, self.y1 - self.y0
        length2 = self.ux**2 + self.uy**2
        self.inv2 = np.divide(1.0, length2, out=np.zeros_like(length2), where=length2 > 0)
        # one row per edge, gathered at once: x0, y0, ux, uy, 1 / length**2
        self._single = tuple(np.asarray(v, np.float32) for v in (self.x0, self.y0, self.ux, self.uy, self.inv2))

    def _pair(self, x, y, e):
        """Projected offset (vx, vy) from points ``x, y`` to their nearest point on edges ``e``."""
        dx, dy = x - self.x0[e], y - self.y0[e]
        ux, uy = self.ux[e], self.uy[e]
        t = np.clip((dx * ux + dy * uy) * self.inv2[e], 0.0, 1.0)
        return t * ux - dx, t * uy - dy

    @staticmethod
    def _geodesic(x, y, vx, vy):
        """Length on the ellipsoid of the projected segment from (x, y) by (vx, vy)."""
        v2 = vx * vx + vy * vy
        mean_rho2 = x * x + y * y + (x * vx + y * vy) + v2 / 3  # mean of rho**2 along the segment
        return np.sqrt(v2) * (1 - mean_rho2 / _FOUR_R2)

    def _measure(self, x, y, rho2, e):
        """Geodesic length from points ``x, y`` (``rho2 = x**2 + y**2``) to their nearest points
        on edges ``e``.

        :meth:`_pair` and :meth:`_geodesic` in place, on few buffers, in single precision
        (at most 0.1 m off at 600 km from the centre): called on chunks of points small
        enough to stay in the CPU's cache.
        """
        x0, y0, ux, uy, w = self._single
        x0, y0, ux, uy, w = x0[e], y0[e], ux[e], uy[e], w[e]
        x0 -= x  # from the point to the edge's start
        y0 -= y
        t = x0 * ux
        t += y0 * uy
        t *= w
        np.minimum(t, 0.0, out=t)  # minus the fraction along the edge, clipped to it
        np.maximum(t, -1.0, out=t)
        ux *= t
        ux -= x0  # minus the offset (vx, vy) to the nearest point
        uy *= t
        uy -= y0
        np.multiply(ux, ux, out=t)
        t += uy * uy  # v2
        np.multiply(x, ux, out=w)
        w += y * uy  # -(x vx + y vy)
        np.multiply(t, np.float32(1 / 3), out=x0)
        x0 -= w
        x0 += rho2  # mean of rho**2 along the path
        x0 *= np.float32(-1 / _FOUR_R2)
        x0 += np.float32(1)
        np.sqrt(t, out=t)
        t *= x0
        return t

    def _brute(self, x, y) -> np.ndarray:
        best = np.full(len(x), np.inf)
        for e in range(len(self.x0)):
            vx, vy = self._pair(x, y, e)
            np.minimum(best, self._geodesic(x, y, vx, vy), out=best)
        return best

    def distance_m_xy(self, x, y) -> np.ndarray:
        """Distance in metres from points given in :data:`CONFORMAL_CRS` (none missing)."""
        x, y = np.asarray(x, float), np.asarray(y, float)
        if not len(self.x0):
            return np.full(len(x), np.nan)
        if len(x) <= self.FEW:
            return self._brute(x, y)
        return self.distance_m_cells(ConformalCells(x, y))

    def distance_m_cells(self, cells: ConformalCells, out=None) -> np.ndarray:
        """Like :meth:`distance_m_xy`, for points already sorted into the quadtree's cells.

        ``out``, if given, receives the distances (an array of ``cells.n`` floats).
        """
        out = np.empty(cells.n) if out is None else out
        if not len(self.x0):
            out[:] = np.nan
            return out
        if len(cells.far):  # outside the box the closed-form scale is not checked: measure exactly
            lon, lat = _transformer(CONFORMAL_CRS, LONLAT).transform(cells.far_x, cells.far_y)
            out[cells.far] = Nearest(self.geom).distance_m(shapely.points(lon, lat))
        out[cells.order] = self._grid_distance(*cells.single(), cells.fine, cells.scratch())
        return out

    #: Points measured at a time (a few arrays of this many floats stay in the CPU's cache, and
    #: under 128 KiB each, so that malloc reuses them instead of mapping fresh pages each time,
    #: which it does for larger ones when MALLOC_TRIM_THRESHOLD_ is set, as in dask's workers).
    CHUNK = 16_384

    def _grid_distance(self, x, y, rho2, fine, out=None) -> np.ndarray:
        count, start, one, two, cand = self._grid or self._build()
        out = np.empty(len(x)) if out is None else out
        step = self.CHUNK
        for lo in range(0, len(x), step):
            cx, cy, cr, cell = x[lo:lo + step], y[lo:lo + step], rho2[lo:lo + step], fine[lo:lo + step]
            best = out[lo:lo + step]
            best[:] = self._measure(cx, cy, cr, one[cell])
            # every candidate is measured on the ellipsoid, not only the nearest in the projection:
            # the scale differs by up to 0.2 % across the box, enough to reorder nearly tied edges.
            # Most leaves have two: the second round takes every point (a leaf of one, its one again).
            np.minimum(best, self._measure(cx, cy, cr, two[cell]), out=best)
        more = np.flatnonzero(count[fine] > 2)
        if not len(more):
            return out
        # the few points with more candidates, most first: those still at it after k rounds lead
        many = count[fine[more]]
        by = np.argsort(-many, kind="stable")
        more, many = more[by], many[by]
        first = start[fine[more]]
        mx, my, mr = x[more], y[more], rho2[more]
        best = out[more]
        left = np.searchsorted(-many, -np.arange(2, many[0]), side="left")  # how many have more than k = 2, 3 ...
        for k, upto in enumerate(left, start=2):
            for lo in range(0, upto, step):
                hi = min(lo + step, upto)
                np.minimum(best[lo:hi], self._measure(mx[lo:hi], my[lo:hi], mr[lo:hi], cand[first[lo:hi] + k]),
                           out=best[lo:hi])
        out[more] = best
        return out

    def _build(self):
        """Quadtree of candidate edges: (fine cell -> leaf, leaf start, leaf count, edges).

        For a cell of centre ``c`` and half-diagonal ``r``, let ``b`` be the edge nearest to
        ``c`` and ``P_e(p)`` the projected distance from ``p`` to edge ``e``. Along any path
        in the cell, ``P_e - P_b`` changes at most by the difference of the two unit
        vectors from the nearest points, ``|u_e - u_b| <= S / min(P_e, P_b)`` (``S`` the
        farthest two endpoints of ``e`` and ``b`` lie apart; radial projection onto a ball
        does not lengthen), so ``P_e(p) - P_b(p) >= P_e(c) - P_b(c) - r min(2, S / (P_b(c) - r))``. Far from the
        boundary that is about ``r`` times the angle the two edges subtend, not ``2 r``:
        few edges remain. The geodesic lengths differ from the projected ones by the scale
        averaged along each path; the two averages differ by at most
        ``S (rho + 2 (P + r) / 3) / (4 R**2)`` (``rho`` the cell's farthest point from the
        centre of the projection), a margin added to the bound.
        """
        xmin, ymin, xmax, ymax = _conformal_box()
        n = self.ROOT
        # S is bounded by the distance between the edges' midpoints plus their half-lengths
        ex0, ey0, eux, euy, einv2 = self.x0, self.y0, self.ux, self.uy, self.inv2
        mx, my = self.x0 + self.ux / 2, self.y0 + self.uy / 2
        half = np.hypot(self.ux, self.uy) / 2
        n_edges = len(mx)
        cells = np.arange(n * n)
        where = np.repeat(np.arange(n * n), n_edges)  # (cell position, edge) pairs, grouped by cell
        pair_edge = np.tile(np.arange(n_edges), n * n)
        side = self.ROOT << self.DEPTH
        owner = np.full(side * side, -1, dtype=np.int32)
        counts, cands = [], []
        leaves = 0
        metres, relative = self.TOLERANCE
        for level in range(self.DEPTH + 1):
            w, h = (xmax - xmin) / n, (ymax - ymin) / n
            r = np.hypot(w, h) / 2
            col, row = cells % n, cells // n
            cx, cy = xmin + (col + 0.5) * w, ymin + (row + 0.5) * h
            per_cell = np.bincount(where, minlength=len(cells))
            n_pairs = len(where)
            step = self.CHUNK // 2  # pairs at a time: a few arrays of them stay in the CPU's cache
            # distance from each cell's centre to each of its edges (as _pair)
            d = np.empty(n_pairs)
            for lo in range(0, n_pairs, step):
                at, e = where[lo:lo + step], pair_edge[lo:lo + step]
                dx, dy = ex0[e] - cx[at], ey0[e] - cy[at]
                ux, uy = eux[e], euy[e]
                t = dx * ux
                t += dy * uy
                t *= einv2[e]
                np.minimum(t, 0.0, out=t)
                np.maximum(t, -1.0, out=t)
                ux *= t
                ux -= dx
                uy *= t
                uy -= dy
                ux *= ux
                uy *= uy
                ux += uy
                np.sqrt(ux, out=d[lo:lo + step])  # (np.hypot is several times slower)
            first = np.cumsum(per_cell) - per_cell
            nearest = np.minimum.reduceat(d, first)
            # the nearest edge of each cell (the first of ties)
            ties = np.flatnonzero(d == nearest[where])
            tie_cell = where[ties]
            b = pair_edge[ties[np.r_[True, tie_cell[1:] != tie_cell[:-1]]]]
            # per cell: 1 / (nearest - r) where positive (else inf: the slope is then 2), rho + r
            low = nearest - r
            inv_low = np.divide(1.0, low, out=np.full(len(cells), np.inf), where=low > 0)
            rho = np.hypot(cx, cy) + r
            scale_b = (nearest + r) * (1.01 / _FOUR_R2)
            bx, by, bh = mx[b], my[b], half[b]
            # Edges at most a tolerance nearer than the nearest's are dropped: a cell passes on to
            # its children the edges beyond 2**-(DEPTH + 2 - level) of the tolerance, a leaf keeps
            # those beyond the rest, 1 - 2**-(DEPTH + 2 - level) (the ancestors used less), so
            # that along the way from the root to any leaf the drops add up to the tolerance at most.
            tolerance = np.maximum(metres, relative * 0.99 * np.maximum(low, 0.0))
            share = 2.0 ** -(self.DEPTH + 2 - level)
            leaf_at, pass_at = -(1 - share) * tolerance, -share * tolerance
            loose = np.empty(n_pairs, dtype=bool)
            keep = np.empty(n_pairs, dtype=bool)
            for lo in range(0, n_pairs, step):
                at, e, de = where[lo:lo + step], pair_edge[lo:lo + step], d[lo:lo + step]
                sx, sy = mx[e] - bx[at], my[e] - by[at]
                sx *= sx
                sy *= sy
                sx += sy
                span = np.sqrt(sx, out=sx)
                span += half[e]
                span += bh[at]
                gap = de - nearest[at]
                slope = span * inv_low[at]
                np.fmin(slope, 2.0, out=slope)
                slope *= r
                gap -= slope
                np.minimum(gap, gap * (1 - 0.004), out=gap)  # the geodesic factor (1 - m / 4R**2) >= 0.996 here
                margin = de + r
                margin *= 2 / 3
                margin += rho[at]
                margin *= span
                margin *= scale_b[at]
                gap -= margin
                is_b = e == b[at]
                np.less(gap, leaf_at[at], out=loose[lo:lo + step])
                loose[lo:lo + step] |= is_b
                np.less(gap, pass_at[at], out=keep[lo:lo + step])
                keep[lo:lo + step] |= is_b
            loose_count = np.bincount(where[loose], minlength=len(cells))
            most = np.where(nearest < self.NEAR * r, self.MAX_NEAR, self.MAX_CANDIDATES)
            split = (loose_count > most) & (level < self.DEPTH)
            done = ~split
            leaf_ids = np.full(len(cells), -1, dtype=np.int64)
            leaf_ids[done] = leaves + np.arange(done.sum())
            leaves += int(done.sum())
            loose &= done[where]
            cands.append(pair_edge[loose])  # grouped by cell already
            counts.append(loose_count[done])
            # the leaves' blocks of fine cells
            scale = side // n
            dc = cells[done]
            fr, fc = (dc // n) * scale, (dc % n) * scale
            block = (np.arange(scale)[:, None] * side + np.arange(scale)[None, :]).ravel()
            owner[((fr * side + fc)[:, None] + block[None, :]).ravel()] = np.repeat(leaf_ids[done], scale * scale)
            if not split.any():
                break
            # children of split cells (four each, in their parent's order), with their parent's kept candidates
            keep &= split[where]
            k_edge = pair_edge[keep]
            parents = cells[split]
            p_count = np.bincount(where[keep], minlength=len(cells))[split]
            p_start = np.cumsum(p_count) - p_count
            pr, pc = parents // n, parents % n
            n *= 2
            kids = np.stack([(2 * pr + i) * n + 2 * pc + j for i in (0, 1) for j in (0, 1)], axis=1).ravel()
            reps = np.repeat(p_count, 4)
            where = np.repeat(np.arange(len(kids)), reps)
            offs = np.arange(reps.sum())
            offs += np.repeat(np.repeat(p_start, 4) - (np.cumsum(reps) - reps), reps)
            pair_edge = k_edge[offs]
            cells = kids
        count = np.concatenate(counts)
        start = np.cumsum(count) - count
        cand = np.concatenate(cands).astype(np.int32)
        # per fine cell: its leaf's number of candidates, first one's place, first and second (or first again)
        many = count[owner].astype(np.int32)
        first = start[owner].astype(np.int32)
        self._grid = (many, first, cand[first], cand[first + (many > 1)], cand)
        return self._grid


class ConformalCells:
    """Points in :data:`CONFORMAL_CRS` located once in :class:`ConformalNearest`'s finest grid
    and sorted by cell, so that many features measure them without locating them again (and
    gather their leaves and candidates in order). Points outside :data:`CONFORMAL_BOUNDS` are
    kept apart (``far``)."""

    def __init__(self, x, y):
        x, y = np.asarray(x, float), np.asarray(y, float)
        self.n = len(x)
        xmin, ymin, xmax, ymax = _conformal_box()
        inside = (x >= xmin) & (x < xmax) & (y >= ymin) & (y < ymax)
        side = ConformalNearest.ROOT << ConformalNearest.DEPTH
        self.far = np.flatnonzero(~inside)
        self.far_x, self.far_y = x[self.far], y[self.far]
        inside = None if not len(self.far) else np.flatnonzero(inside)
        xi, yi = (x, y) if inside is None else (x[inside], y[inside])
        col = np.minimum(((xi - xmin) * (side / (xmax - xmin))).astype(np.int64), side - 1)
        fine = np.minimum(((yi - ymin) * (side / (ymax - ymin))).astype(np.int64), side - 1)
        # sorted by blocks of cells, at most 256 a side: a 16-bit key, which NumPy sorts by radix
        shift = max(0, int(side).bit_length() - 9)
        key = ((fine >> shift) << 8 | (col >> shift)).astype(np.uint16)
        fine *= side
        fine += col
        order = np.argsort(key, kind="stable")
        self.fine, self.x, self.y = fine[order], xi[order], yi[order]
        self.order = order if inside is None else inside[order]  # sorted position -> given position
        self._scratch = self._single = None

    def single(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The sorted points' x, y and x**2 + y**2 in single precision (as measured)."""
        if self._single is None:
            x, y = self.x.astype(np.float32), self.y.astype(np.float32)
            self._single = x, y, (self.x * self.x + self.y * self.y).astype(np.float32)
        return self._single

    def scratch(self) -> np.ndarray:
        """An array of a float per sorted point, reused by every feature (fresh memory is slow)."""
        if self._scratch is None:
            self._scratch = np.empty(len(self.x))
        return self._scratch


_BUILT: dict[bytes, ConformalNearest] = {}
_BUILT_MAX = 32


def conformal_nearest(geom) -> ConformalNearest:
    """A :class:`ConformalNearest` of ``geom`` with its quadtree built, shared by equal geometries.

    Territories often share a boundary, and :func:`borders.classify` is called again on the
    same layers (dask partitions, one call per batch): the quadtree is built once per
    distinct geometry (its WKB) and kept, up to :data:`_BUILT_MAX` geometries.
    """
    key = shapely.to_wkb(geom) if geom is not None else b""
    found = _BUILT.get(key)
    if found is None:
        found = ConformalNearest(geom)
        if len(found.x0):
            found._build()
        if len(_BUILT) >= _BUILT_MAX:
            try:  # the oldest out (another thread may be at it too)
                _BUILT.pop(next(iter(_BUILT)), None)
            except (StopIteration, RuntimeError):
                pass
        _BUILT[key] = found
    return found


@cache
def _conformal_box() -> tuple[float, float, float, float]:
    """:data:`CONFORMAL_BOUNDS` in :data:`CONFORMAL_CRS`: the bounds of its projected outline."""
    lon_min, lat_min, lon_max, lat_max = CONFORMAL_BOUNDS
    t = np.linspace(0, 1, 101)
    lon = np.concatenate([lon_min + (lon_max - lon_min) * t, np.full(101, lon_max),
                          lon_max - (lon_max - lon_min) * t, np.full(101, lon_min)])
    lat = np.concatenate([np.full(101, lat_min), lat_min + (lat_max - lat_min) * t,
                          np.full(101, lat_max), lat_max - (lat_max - lat_min) * t])
    x, y = project_conformal(lon, lat)
    return float(x.min()), float(y.min()), float(x.max()), float(y.max())

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


def project_conformal(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """Project lon/lat arrays to :data:`CONFORMAL_CRS` metres (x, y)."""
    x, y = _transformer(LONLAT, CONFORMAL_CRS).transform(np.asarray(lon, float), np.asarray(lat, float))
    return np.asarray(x), np.asarray(y)


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

    Examples
    --------
    >>> from shapely.geometry import LineString
    >>> line = LineString([(24 + i / 100, 54) for i in range(201)])
    >>> x, y = project_conformal([25.0], [54.1])
    >>> round(float(ConformalNearest(line).distance_m_xy(x, y)[0]) / 1000, 2)
    11.13
    """

    #: Cells with more candidate edges than this are split, down to :attr:`DEPTH` levels.
    MAX_CANDIDATES = 3
    #: Cells farther from the boundary than this many half-diagonals are split only above
    #: :attr:`MAX_FAR` candidates.
    NEAR, MAX_FAR = 4, 32
    #: Cells per side of the coarsest level, and the levels of halving under it.
    ROOT, DEPTH = 8, 7
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
        if not starts:
            self.x0 = self.y0 = self.ux = self.uy = self.inv2 = np.empty(0)
            return
        a, b = np.concatenate(starts), np.concatenate(ends)
        self.x0, self.y0 = project_conformal(a[:, 0], a[:, 1])
        x1, y1 = project_conformal(b[:, 0], b[:, 1])
        self.ux, self.uy = x1 - self.x0, y1 - self.y0
        length2 = self.ux**2 + self.uy**2
        self.inv2 = np.divide(1.0, length2, out=np.zeros_like(length2), where=length2 > 0)
        self._grid = None

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
        box = _conformal_box()
        inside = (x >= box[0]) & (x < box[2]) & (y >= box[1]) & (y < box[3])
        out = np.empty(len(x))
        if not inside.all():  # outside the box the closed-form scale is not checked: measure exactly
            far = ~inside
            lon, lat = _transformer(CONFORMAL_CRS, LONLAT).transform(x[far], y[far])
            out[far] = Nearest(self.geom).distance_m(shapely.points(lon, lat))
            x, y = x[inside], y[inside]
        out[inside] = self._grid_distance(x, y)
        return out

    def _grid_distance(self, x, y) -> np.ndarray:
        owner, start, count, cand = self._grid or self._build()
        xmin, ymin, xmax, ymax = _conformal_box()
        side = self.ROOT << self.DEPTH
        col = np.minimum(((x - xmin) * (side / (xmax - xmin))).astype(np.int64), side - 1)
        row = np.minimum(((y - ymin) * (side / (ymax - ymin))).astype(np.int64), side - 1)
        leaf = owner[row * side + col]
        first = start[leaf]
        vx, vy = self._pair(x, y, cand[first])
        best = self._geodesic(x, y, vx, vy)
        # every candidate is measured on the ellipsoid, not only the nearest in the projection:
        # the scale differs by up to 0.2 % across the box, enough to reorder nearly tied edges
        idx = np.flatnonzero(count[leaf] > 1)
        k = 1
        while len(idx):
            px, py = x[idx], y[idx]
            vx, vy = self._pair(px, py, cand[first[idx] + k])
            best[idx] = np.minimum(best[idx], self._geodesic(px, py, vx, vy))
            k += 1
            idx = idx[count[leaf[idx]] > k]
        return best

    def _build(self):
        """Quadtree of candidate edges: (fine-cell -> leaf, leaf start, leaf count, edges)."""
        xmin, ymin, xmax, ymax = _conformal_box()
        n = self.ROOT
        # cells of the current level, each with its candidate edges as (cell, edge) pairs
        cells = np.arange(n * n)
        pair_cell = np.repeat(cells, len(self.x0))
        pair_edge = np.tile(np.arange(len(self.x0)), n * n)
        owner = np.full(n * n, -1, dtype=np.int64)
        counts, cands = [], []
        leaves = 0
        for level in range(self.DEPTH + 1):
            w, h = (xmax - xmin) / n, (ymax - ymin) / n
            r = np.hypot(w, h) / 2
            cx = xmin + (cells % n + 0.5) * w
            cy = ymin + (cells // n + 0.5) * h
            where = np.searchsorted(cells, pair_cell)
            vx, vy = self._pair(cx[where], cy[where], pair_edge)
            d = np.hypot(vx, vy)
            nearest = np.minimum.reduceat(d, np.searchsorted(where, np.arange(len(cells))))  # pairs come by cell
            # An edge can be nearest to some point of the cell only if its distance from the
            # centre is within the nearest's + 2r (each point is within r of the centre). On
            # the ellipsoid the order may differ by the scale's variation across the cell's
            # reach; widen by that, so that no edge that
            # could be nearest on the ellipsoid is dropped (see _geodesic: two paths from a point
            # differ in mean rho**2 by at most 2 rho span + span**2).
            reach = nearest + 2 * r
            rho, span = np.hypot(cx, cy) + r, reach + r
            reach = reach * (1 + (2 * rho * span + span**2) / _FOUR_R2)
            keep = d <= reach[where]
            pair_cell, pair_edge, where = pair_cell[keep], pair_edge[keep], where[keep]
            per_cell = np.bincount(where, minlength=len(cells))
            # Far from the boundary a cell's candidates shrink only as the square root of its
            # size (nearly tied edges of a long stretch), so halving it there costs more cells
            # than it saves in candidates: split only cells near the boundary.
            many = per_cell > np.where(nearest < self.NEAR * r, self.MAX_CANDIDATES, self.MAX_FAR)
            split = many & (level < self.DEPTH)
            done = ~split
            # cells done now become leaves, with their candidate lists
            leaf_ids = np.full(len(cells), -1, dtype=np.int64)
            leaf_ids[done] = leaves + np.arange(done.sum())
            leaves += int(done.sum())
            in_done = done[where]
            order = np.argsort(where[in_done], kind="stable")
            cands.append(pair_edge[in_done][order])
            counts.append(per_cell[done])
            owner[cells[done]] = leaf_ids[done]
            if not split.any():
                break
            # children of split cells, with their parent's candidates
            parents = cells[split]
            pr, pc = parents // n, parents % n
            n *= 2
            kids = np.concatenate([(2 * pr + i) * n + 2 * pc + j for i in (0, 1) for j in (0, 1)])
            kid_parent = np.tile(np.arange(len(parents)), 4)
            in_split = split[where]
            sp_where, sp_edge = where[in_split], pair_edge[in_split]
            parent_index = np.full(len(cells), -1)
            parent_index[split] = np.arange(len(parents))
            sp_parent = parent_index[sp_where]
            sort = np.argsort(kids, kind="stable")
            kids, kid_parent = kids[sort], kid_parent[sort]
            # pairs: each child takes every (parent, edge) pair of its parent
            by_parent = np.argsort(sp_parent, kind="stable")
            sp_parent, sp_edge = sp_parent[by_parent], sp_edge[by_parent]
            p_start = np.searchsorted(sp_parent, np.arange(len(parents)))
            p_count = np.bincount(sp_parent, minlength=len(parents))
            reps = p_count[kid_parent]
            pair_cell = np.repeat(kids, reps)
            offs = np.arange(reps.sum()) - np.repeat(np.cumsum(reps) - reps, reps)
            pair_edge = sp_edge[np.repeat(p_start[kid_parent], reps) + offs]
            # the owner map at the finer level: each cell's entry repeated over its four children
            owner = np.repeat(np.repeat(owner.reshape(n // 2, n // 2), 2, axis=0), 2, axis=1).ravel()
            owner[kids] = -1
            cells = kids
        side = self.ROOT << self.DEPTH
        while n < side:  # leaves above the finest level cover blocks of fine cells
            owner = np.repeat(np.repeat(owner.reshape(n, n), 2, axis=0), 2, axis=1).ravel()
            n *= 2
        count = np.concatenate(counts)
        start = np.cumsum(count) - count
        self._grid = (owner, start, count, np.concatenate(cands))
        return self._grid


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

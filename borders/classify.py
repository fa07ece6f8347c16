"""Which side of each border a place lay on, on a given day.

A point is ``in`` a territory or zone, ``out`` of it, or ``uncertain`` when it lies
within the uncertainty band of the boundary (each boundary segment widened by its
own ``uncertainty_m``): there the sources cannot say which side it was on.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from borders._errors import BordersError
from borders.compare import FEATURE_COLUMNS, _layer, areal_features, as_features, reading_of, uncertainty_band
from borders.dates import parse_when, valid_at
from borders.geodesy import ConformalCells, Nearest, conformal_nearest, project_conformal, side_of_line
from borders.members import members
from borders.schema import REGION_BOUNDS

__all__ = ["classify", "where", "STATES", "check_position", "Classifier"]

#: The three answers, in the order tables show them.
STATES = ("in", "uncertain", "out")


_POINTS_WANTED = "classify takes points: a GeoDataFrame, GeoSeries or list of shapely Points"
_HOW_TO_MAKE = "make points with geopandas.points_from_xy(table['lon'], table['lat'])"


def _as_points(points) -> tuple[np.ndarray, pd.Index]:
    import geopandas as gpd

    has_geometry = isinstance(points, gpd.GeoSeries) or (
        isinstance(points, gpd.GeoDataFrame) and points._geometry_column_name in points.columns)
    if has_geometry:
        series = points.geometry
        if series.crs is not None and not series.crs.equals("EPSG:4326"):
            series = series.to_crs(4326)
        return np.asarray(series.values, dtype=object), points.index
    if isinstance(points, (pd.DataFrame, pd.Series)):
        raise TypeError(f"{_POINTS_WANTED}; got a {type(points).__name__} without geometry ({_HOW_TO_MAKE})")
    if isinstance(points, (str, bytes, dict)) or not np.iterable(points):
        raise TypeError(f"{_POINTS_WANTED}; got {type(points).__name__} {points!r:.60}")
    given = np.asarray(points, dtype=object)
    geoms = given.ravel()
    bad = np.flatnonzero(~(shapely.is_geometry(geoms) | np.equal(geoms, None)))  # vectorised: millions of points
    if len(bad):
        # (lon, lat) pairs become a 2-D array of numbers: name the pair, not its first number
        row, item = (0, points[0]) if given.ndim > 1 and not isinstance(points, np.ndarray) else (bad[0], geoms[bad[0]])
        raise TypeError(f"classify takes points; row {row} is a {type(item).__name__} (make points with "
                        "shapely.Point(lon, lat))")
    return geoms, pd.RangeIndex(len(geoms))


def _coordinates(geoms, index) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """x, y and a presence mask; one clear error if a geometry is not a point."""
    kinds = shapely.get_type_id(geoms)
    bad = np.flatnonzero((kinds != 0) & (kinds != -1))  # 0 Point, -1 missing
    if len(bad):
        raise BordersError(f"classify takes points; row {index[bad[0]]!r} is a {geoms[bad[0]].geom_type} "
                           "(use .centroid or .representative_point() first)")
    if (kinds == 0).all():
        try:  # the common case: every row a non-empty point
            x, y = shapely.get_x(geoms), shapely.get_y(geoms)
            present = np.isfinite(x) & np.isfinite(y)
            if present.all():
                return x, y, present
        except shapely.errors.GEOSException:
            pass
    present = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
    x = np.full(len(geoms), np.nan)
    y = np.full(len(geoms), np.nan)
    x[present], y[present] = shapely.get_x(geoms[present]), shapely.get_y(geoms[present])
    present &= np.isfinite(x) & np.isfinite(y)  # Point(nan, nan) was located nowhere: missing, not `out`
    return x, y, present


#: From this many points on, distances go through :class:`~borders.geodesy.ConformalNearest`.
GRID_FROM = 100_000

GRID_CELLS = 64  # cells per side of the lookup grid laid over each territory


def _cell_states(territory, unsure, bounds, cells):
    """State of each grid cell: 0 surely in, 1 wholly in the band, 2 surely out, -1 mixed."""
    xmin, ymin, xmax, ymax = bounds
    xs = np.linspace(xmin, xmax, cells + 1)
    ys = np.linspace(ymin, ymax, cells + 1)
    x0, y0 = np.meshgrid(xs[:-1], ys[:-1])
    x1, y1 = np.meshgrid(xs[1:], ys[1:])
    boxes = shapely.box(x0.ravel(), y0.ravel(), x1.ravel(), y1.ravel())
    touches_band = shapely.intersects(unsure, boxes) if not unsure.is_empty else np.zeros(len(boxes), bool)
    state = np.full(len(boxes), -1, dtype=np.int8)
    state[~touches_band & shapely.contains_properly(territory, boxes)] = 0
    state[~touches_band & ~shapely.intersects(territory, boxes)] = 2
    if not unsure.is_empty:
        state[shapely.contains_properly(unsure, boxes)] = 1
    return state


class _Feature:
    """One territory or zone made ready to classify points: prepared, with its band and lookup grid."""

    __slots__ = ("id", "territory", "unsure", "box", "grid", "boundary")

    def __init__(self, id_, territory, unsure):
        self.id, self.territory, self.unsure = id_, territory, unsure
        self.box = self.grid = None
        self.boundary = None if territory is None else territory.boundary
        if territory is None or territory.is_empty:
            return
        shapely.prepare(territory)
        parts = [territory] if unsure.is_empty else [territory, unsure]
        boxes = shapely.bounds(np.asarray(parts, dtype=object))
        self.box = boxes[:, 0].min(), boxes[:, 1].min(), boxes[:, 2].max(), boxes[:, 3].max()
        if not unsure.is_empty:
            shapely.prepare(unsure)

    def states(self, x, y) -> np.ndarray:
        """Codes into :data:`STATES` (0 in, 1 uncertain, 2 out) for coordinates ``x``, ``y``.

        A grid of cells over the territory answers most points at once (cells wholly
        inside, wholly outside or wholly within the band); only points in cells the
        boundary or the band's edge crosses get exact tests, the band first (a point in
        the band is uncertain whichever side it is on).
        """
        codes = np.full(len(x), 2, dtype=np.int8)
        if self.box is None:
            return codes
        territory, unsure = self.territory, self.unsure
        xmin, ymin, xmax, ymax = self.box
        inside_box = np.flatnonzero((x >= xmin) & (x < xmax) & (y >= ymin) & (y < ymax))
        if not len(inside_box):
            return codes
        cells = GRID_CELLS
        if self.grid is None:  # built on first use, then kept (borders.partitions keeps the feature)
            self.grid = _cell_states(territory, unsure, self.box, cells)
        col = np.minimum(((x[inside_box] - xmin) / (xmax - xmin) * cells).astype(np.int64), cells - 1)
        row = np.minimum(((y[inside_box] - ymin) / (ymax - ymin) * cells).astype(np.int64), cells - 1)
        state = self.grid[row * cells + col]
        known = state >= 0
        codes[inside_box[known]] = state[known]
        candidates = inside_box[~known]
        if not unsure.is_empty:
            in_band = shapely.contains_xy(unsure, x[candidates], y[candidates])
            codes[candidates[in_band]] = 1
            candidates = candidates[~in_band]
        inside = shapely.contains_xy(territory, x[candidates], y[candidates])
        codes[candidates[inside]] = 0
        return codes


def _states(territory, unsure, x, y) -> np.ndarray:
    """Codes into :data:`STATES` (0 in, 1 uncertain, 2 out) for coordinates ``x``, ``y`` (see :class:`_Feature`)."""
    return _Feature(None, territory, unsure).states(x, y)


class Classifier:
    """The territories and zones of ``frame`` valid ``at``, made ready to classify points.

    :func:`classify` makes one per call; :mod:`borders.partitions` keeps one per worker
    thread and reuses it for every partition (the bands, prepared geometries and lookup
    grids are then built once, not once per partition). Not to be shared by threads:
    GEOS prepares geometries in place.
    """

    def __init__(self, frame=None, *, at=None, distances: bool = True):
        if frame is None:
            from borders.catalog import load_all

            frame = load_all()
        frame = as_features(frame, "classify")
        frame = frame.assign(layer=_layer(frame))
        self.distances = distances
        self.features = [_Feature(row["id"], row.geometry, uncertainty_band(frame, row))
                         for _, row in areal_features(frame, at=at).iterrows()]

    def __call__(self, points) -> pd.DataFrame:
        """:func:`classify` of ``points`` (anything it takes but a dask collection)."""
        geoms, index = _as_points(points)
        x, y, present = _coordinates(geoms, index)
        return self.classify_xy(x, y, present, index, geoms)

    def classify_xy(self, x, y, present, index, geoms=None) -> pd.DataFrame:
        """The table :func:`classify` returns, from longitudes ``x``, latitudes ``y`` and a mask of
        the points ``present`` (elsewhere ``x`` and ``y`` are ignored); ``geoms`` are the points,
        made from ``x`` and ``y`` if needed (below :data:`GRID_FROM` points, with distances)."""
        distances = self.distances
        # Building a feature's quadtree costs a few tens of milliseconds (then kept for equal
        # boundaries); below GRID_FROM points the tree search per point (Nearest) is cheaper.
        grid = distances and present.sum() >= GRID_FROM
        if grid:  # projected and sorted into the quadtrees' cells once for every feature's boundary
            cells = ConformalCells(*project_conformal(x[present], y[present]))
        everyone = present.all()
        located = None
        if distances and not grid:
            if geoms is None:
                geoms = shapely.points(np.where(present, x, np.nan), np.where(present, y, np.nan))
            located = geoms if everyone else np.where(present, geoms, None)
        # the distances go straight into one block, a row per feature (no copy when the table is made)
        block = np.empty((len(self.features) if distances else 0, len(x)))
        columns = {}
        for i, feature in enumerate(self.features):
            codes = feature.states(x, y)
            if not everyone:
                codes[~present] = -1
            columns[feature.id] = pd.Categorical.from_codes(codes, categories=list(STATES))
            if distances:
                km = block[i]
                if grid and everyone:
                    conformal_nearest(feature.boundary).distance_m_cells(cells, out=km)
                elif grid:
                    km[:] = np.nan
                    km[present] = conformal_nearest(feature.boundary).distance_m_cells(cells)
                else:
                    km[:] = Nearest(feature.boundary).distance_m(located)
                km /= 1000
                columns[f"{feature.id}:distance_km"] = km
        return pd.DataFrame(columns, index=index, copy=False)


def classify(points, *, at=None, frame=None, distances: bool = True) -> pd.DataFrame:
    """Classify points against every territory and zone: ``in``, ``out`` or ``uncertain``.

    Parameters
    ----------
    points : GeoDataFrame, GeoSeries or array of shapely Points
        Reprojected to EPSG:4326 if they carry another CRS. A ``dask_geopandas.GeoDataFrame``
        gives a dask DataFrame, classified partition by partition (:mod:`borders.partitions`).
    at : str or date, optional
        Only features valid on that day (ISO date, 1918–1945), or on any day of a year, month or
        EDTF period (``1921``, ``1922-01``, ``1921-03~``); by default every
        territory and zone of every layer.
    frame : GeoDataFrame, optional
        Features to classify against; by default :func:`borders.load_all`.
    distances : bool
        Also return the geodesic distance to each boundary, in km (slower for
        millions of points; the states alone are a couple of prepared-polygon
        tests per point).

    Returns
    -------
    DataFrame
        Indexed like ``points``. One categorical column per feature, named by the
        feature id, holding ``in``, ``uncertain`` or ``out``; with ``distances``,
        a float column ``<feature id>:distance_km`` after each. Missing points get
        missing values.

    Examples
    --------
    >>> from shapely.geometry import Point
    >>> vilnius, minsk = Point(25.2798, 54.6892), Point(27.5667, 53.9)
    >>> table = classify([vilnius, minsk], at="1920-08-01")
    >>> table["treaty_1920/territory"].tolist()
    ['in', 'out']
    >>> table["foch_line/territory"].tolist()
    ['out', 'out']
    >>> round(float(table.loc[1, "treaty_1920/territory:distance_km"]))
    66
    """
    from borders.partitions import classify_partitions, is_dask

    if is_dask(points):  # larger than memory: partition by partition (borders.partitions)
        return classify_partitions(points, at=at, frame=frame, distances=distances)
    geoms, index = _as_points(points)
    x, y, present = _coordinates(geoms, index)
    return Classifier(frame, at=at, distances=distances).classify_xy(x, y, present, index, geoms)


def check_position(lat: float, lon: float) -> None:
    """Raise a one-line :class:`BordersError` if a position is outside the region.

    Examples
    --------
    >>> check_position(24.9, 54.7)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    borders._errors.BordersError: latitude 24.9 is outside the region (lat 51–58, lon 19–32); did you give LON LAT? ...
    """
    lon_min, lat_min, lon_max, lat_max = REGION_BOUNDS
    inside_lat, inside_lon = lat_min <= lat <= lat_max, lon_min <= lon <= lon_max
    if inside_lat and inside_lon:
        return
    swapped = lat_min <= lon <= lat_max and lon_min <= lat <= lon_max
    what = f"latitude {lat}" if not inside_lat else f"longitude {lon}"
    hint = "; did you give LON LAT? Give LAT LON, e.g. 54.69 25.28 for Vilnius" if swapped else ""
    raise BordersError(f"{what} is outside the region (lat {lat_min:g}–{lat_max:g}, "
                       f"lon {lon_min:g}–{lon_max:g}){hint}")


def _nearest_part(frame, row, point, whole, key="bounded_by", day=None):
    """Distance to ``whole`` and the id / uncertainty of the nearest of the row's segments (those valid on
    ``day``, if given: a line's stretch that ended before it is not measured)."""
    segs = members(frame, row, key)
    if segs is not None and day is not None:
        segs = segs[valid_at(segs, day)]
        segs = segs if len(segs) else None
    if segs is None:
        distance = float(Nearest(whole).distance_m([point])[0])
        determined = row.get("determined")
        return distance, row["id"], row.get("uncertainty_m"), None if pd.isna(determined) else bool(determined)
    dists = [float(Nearest(g).distance_m([point])[0]) for g in segs.geometry]
    best = int(np.argmin(dists))
    seg = segs.iloc[best]
    determined = seg.get("determined")
    return dists[best], seg["id"], seg.get("uncertainty_m"), None if pd.isna(determined) else bool(determined)


def _chained(lines):
    """The segments of a line, in order, as one LineString (its direction kept); None if they do not join."""
    coords = [shapely.get_coordinates(lines[0])]
    for line in lines[1:]:
        part = shapely.get_coordinates(line)
        if not np.allclose(part[0], coords[-1][-1], atol=1e-9):
            return None
        coords.append(part[1:])
    return shapely.LineString(np.concatenate(coords))


def _line_side(frame, row, day, point) -> str | None:
    """Whose side of a line with ``party_left`` / ``party_right`` a point lay on, or None for other lines.

    Only the line's segments valid on ``day`` count: east of Varėna the Suwałki line ended in
    November 1920, and beyond the ends of what is left it says nothing."""
    parties = {hand: row.get(f"party_{hand}") for hand in ("left", "right")}
    if not all(isinstance(party, str) for party in parties.values()):
        return None
    segs = members(frame, row, "segments")
    if segs is None:
        course, uncertainty, distance = row.geometry, row.get("uncertainty_m"), None
    else:
        segs = segs[valid_at(segs, day)] if day is not None else segs
        if segs.empty:
            return None
        dists = [float(Nearest(g).distance_m([point])[0]) for g in segs.geometry]
        best = int(np.argmin(dists))
        course = _chained(segs.geometry.values)
        uncertainty, distance = segs.iloc[best].get("uncertainty_m"), dists[best]
    if distance is None:
        distance = float(Nearest(course).distance_m([point])[0])
    hand = None if course is None else side_of_line(course, point.x, point.y)
    if hand is None:
        return "beyond its ends"
    if not pd.isna(uncertainty) and distance <= uncertainty:
        return "uncertain"
    return f"{parties[hand]}'s side"


def where(lat: float, lon: float, *, at=None, frame=None) -> pd.DataFrame:
    """Where a position lay against every territory, zone and line (valid on ``at``).

    Returns
    -------
    DataFrame
        One row per feature, each reading of a disputed line or extent its own row after
        the default one: ``layer``, ``feature``, ``kind``, ``name``, ``reading``,
        ``valid_from``, ``valid_to``, ``side`` (``in``/``uncertain``/``out`` for
        territories and zones; for a line that names its sides, ``party_left`` and
        ``party_right``, whose side: ``"Poland's side"``, ``uncertain`` within the
        nearest segment's uncertainty, or ``beyond its ends``; empty for other lines),
        ``distance_km`` to the boundary or line, and the ``nearest_segment`` with its
        ``uncertainty_m`` and ``determined``.

    Examples
    --------
    Hrodna in August 1920: inside the treaty territory, about 18 km from its line.

    >>> table = where(53.6884, 23.8258, at="1920-08-01").set_index("feature")
    >>> table.loc["treaty_1920/territory", "side"]
    'in'
    >>> table.loc["treaty_1920/territory", "nearest_segment"]
    'treaty_1920/s01-grodno'

    Sejny in October 1920, on Poland's side of the Suwałki line, which bounds no territory:

    >>> where(54.1092, 23.3447, at="1920-10-15").set_index("feature").loc["suwalki_line_1920/line", "side"]
    "Poland's side"
    """
    check_position(lat, lon)
    day = parse_when(at)
    if frame is None:
        from borders.catalog import load_all

        frame = load_all()
    frame = as_features(frame, "where", columns=("id", "name", *FEATURE_COLUMNS[1:]))
    frame = frame.assign(layer=_layer(frame))
    point = shapely.Point(lon, lat)
    states = classify([point], at=day, frame=frame, distances=False)
    wanted = frame[frame["kind"].isin(["territory", "zone", "line"]).to_numpy() & valid_at(frame, day)]
    rows = []
    for _, row in wanted.iterrows():
        areal = row["kind"] != "line"
        if areal:
            distance, nearest, uncertainty, determined = _nearest_part(
                frame, row, point, row.geometry.boundary)
        else:
            distance, nearest, uncertainty, determined = _nearest_part(frame, row, point, row.geometry, "segments",
                                                                       day)
        side = str(states.iloc[0][row["id"]]) if areal else _line_side(frame, row, day, point)
        rows.append({
            "layer": row["layer"], "feature": row["id"], "kind": row["kind"], "name": row["name"],
            "reading": reading_of(row),
            "valid_from": row["valid_from"], "valid_to": row["valid_to"],
            "side": side,
            "distance_km": distance / 1000, "nearest_segment": nearest,
            "uncertainty_m": None if pd.isna(uncertainty) else float(uncertainty),
            "determined": determined,
        })
    columns = ["layer", "feature", "kind", "name", "reading", "valid_from", "valid_to", "side", "distance_km",
               "nearest_segment", "uncertainty_m", "determined"]
    return pd.DataFrame(rows, columns=columns)

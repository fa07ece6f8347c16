"""Comparisons between layers: areas with intervals, overlaps, modern shares, line distances.

Pure functions: a GeoDataFrame of features in (as :func:`borders.load_all` gives,
with a ``layer`` column), DataFrames out. Areas are geodesic on WGS84 (with an
EPSG:3035 cross-check); distances are geodesic.

Uncertainty: every territory or zone is bounded by segments, each with its own
``uncertainty_m``. Widening each segment by its uncertainty gives a band; the
territory without the band is the smallest the sources allow (``area_km2_min``),
the territory with it the largest (``area_km2_max``). A feature without segments
uses its own ``uncertainty_m`` along its whole boundary.
"""

from __future__ import annotations

import contextvars
import itertools

import numpy as np
import pandas as pd
import shapely

from borders._errors import BordersError
from borders.dates import overlap, parse_when, valid_at
from borders.geodesy import GEOD, Nearest, area_km2, area_km2_3035, band, from_local, to_local
from borders.members import members

__all__ = [
    "AREAL_KINDS",
    "reading_of",
    "as_features",
    "FEATURE_COLUMNS",
    "areal_features",
    "uncertainty_band",
    "areas",
    "overlaps",
    "ACROSS_TIME",
    "modern_shares",
    "line_distances",
    "line_table",
    "compare",
    "TABLES",
]

#: Feature kinds that enclose an area (and so have an inside and an outside).
AREAL_KINDS = ("territory", "zone")


#: The columns every comparison function reads (``name`` too for those that show it).
FEATURE_COLUMNS = ("id", "kind", "valid_from", "valid_to")


def as_features(frame, function: str, *, columns=FEATURE_COLUMNS):
    """``frame`` as the comparisons need it: features with ``columns``, in longitude/latitude.

    A frame in another CRS is reprojected to EPSG:4326: every measurement here assumes
    degrees, and a frame in metres crashed the interpreter (GEOS, on coordinates the
    geodesic functions made infinite).

    Raises
    ------
    TypeError
        If ``frame`` is not a GeoDataFrame.
    BordersError
        If a column is missing, or the frame has no CRS and its coordinates cannot be degrees.

    Examples
    --------
    >>> import borders
    >>> as_features(borders.load("treaty_1920").to_crs(3857), "areas").crs.to_epsg()
    4326
    """
    import geopandas as gpd

    wanted = ", ".join((*columns, "a geometry"))
    if not isinstance(frame, gpd.GeoDataFrame):
        raise TypeError(f"{function} takes a GeoDataFrame of features (as borders.load_all() gives, with {wanted}); "
                        f"got a {type(frame).__name__}")
    missing = next((c for c in columns if c not in frame.columns), None)
    if missing is None and frame._geometry_column_name not in frame.columns:
        missing = "geometry"
    if missing is not None:
        raise BordersError(f"{function}: the frame has no column {missing!r}; it takes features as "
                           f"borders.load_all() gives them (columns {wanted})")
    crs = frame.crs
    if crs is not None:
        return frame if crs.equals("EPSG:4326") else frame.to_crs(4326)
    if len(frame):
        _check_degrees(frame.geometry.values, f"{function}: the frame has no CRS, and its coordinates")
    return frame


def _check_degrees(geoms, what: str) -> None:
    bounds = shapely.total_bounds(np.asarray(geoms, dtype=object))
    if np.isfinite(bounds).all() and not (-180 <= bounds[0] and bounds[2] <= 180 and -90 <= bounds[1]
                                          and bounds[3] <= 90):
        biggest = max(abs(b) for b in bounds)
        raise BordersError(f"{what} (up to {biggest:,.0f}) are not longitude/latitude degrees; set the CRS they are "
                           "in (frame.set_crs(...)) or reproject them to EPSG:4326")


def _layer(frame):
    if "layer" in frame.columns:
        return frame["layer"].astype(str)
    return pd.Series([frame.attrs.get("layer", "layer")] * len(frame), index=frame.index)


def reading_of(row) -> str | None:
    """The reading a feature stands for (``question/reading``), or None where sources agree.

    Examples
    --------
    >>> import borders
    >>> treaty = borders.load("treaty_1920").set_index("id")
    >>> reading_of(treaty.loc["treaty_1920/territory-hrodna-30km"])
    'hrodna/30-km'
    >>> reading_of(treaty.loc["treaty_1920/s02-neman"]) is None
    True
    """
    value = row.get("reading") if hasattr(row, "get") else None
    return value if isinstance(value, str) and value else None


def _same_question(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.split("/")[0] == b.split("/")[0] and a != b


def areal_features(frame, *, at=None):
    """The territories and zones of ``frame`` (valid on ``at``, if given), with a ``layer`` column."""
    day = parse_when(at)
    frame = frame.assign(layer=_layer(frame))
    mask = frame["kind"].isin(AREAL_KINDS).to_numpy() & valid_at(frame, day)
    return frame[mask]


def uncertainty_band(frame, row):
    """The band of positional uncertainty along the boundary of one areal feature.

    Parameters
    ----------
    frame : GeoDataFrame
        Features the row's ``bounded_by`` segment ids refer to.
    row : Series
        A territory or zone.

    Returns
    -------
    shapely geometry (lon/lat)
    """
    segs = members(frame, row, "bounded_by")
    if segs is None:
        return band([row.geometry.boundary], [float(row.get("uncertainty_m") or 0)])
    # A segment may bound the feature along part of its length only (the additions of 1940 run along
    # part of today's border): only that part widens it.
    edge = row.geometry.boundary.buffer(1e-8)
    lines = [g if edge.contains(g) else g.intersection(edge) for g in segs.geometry]
    return band(lines, [float(u or 0) for u in segs["uncertainty_m"]])


#: While :func:`compare` runs, what it has measured: the four tables measure the same shapes again
#: and again (a territory's area, its band, its smallest and largest extent). Measured once, the
#: same floats; nothing outlives the call.
_MEASURED: contextvars.ContextVar[dict | None] = contextvars.ContextVar("borders_compare_measured", default=None)


def _area(geom) -> float:
    """:func:`~borders.geodesy.area_km2`, once per shape (by its WKB: the same coordinates) within :func:`compare`."""
    memo = _MEASURED.get()
    if memo is None or geom is None:
        return area_km2(geom)
    key = ("area", shapely.to_wkb(geom))
    if key not in memo:
        memo[key] = area_km2(geom)
    return memo[key]


def _band(frame, row):
    """:func:`uncertainty_band`, once per feature within :func:`compare` (the tables share its frame)."""
    memo = _MEASURED.get()
    if memo is None:
        return uncertainty_band(frame, row)
    names = row.get("bounded_by")
    key = ("band", "layer" in frame.columns, row.get("layer"), row.get("id"), shapely.to_wkb(row.geometry),
           row.get("uncertainty_m"),
           tuple(names) if isinstance(names, (list, tuple, np.ndarray)) else None)
    if key not in memo:
        memo[key] = uncertainty_band(frame, row)
    return memo[key]


def areas(frame, *, at=None) -> pd.DataFrame:
    """Area of every territory and zone, with the interval its boundary's uncertainty allows.

    Returns
    -------
    DataFrame
        One row per feature, each reading of a disputed extent its own row after the
        default one: ``layer``, ``feature``, ``name``, ``kind``, ``reading`` (see
        :func:`reading_of`; None where the sources agree), ``valid_from``,
        ``valid_to``, ``area_km2`` (geodesic), ``area_km2_min``, ``area_km2_max`` and
        ``area_km2_3035`` (the same area in the EPSG:3035 projection, a cross-check).

    Examples
    --------
    >>> import borders
    >>> table = areas(borders.load_all())
    >>> row = table.set_index("feature").loc["treaty_1920/territory"]
    >>> bool(row.area_km2_min < row.area_km2 < row.area_km2_max)
    True
    """
    rows = []
    frame = as_features(frame, "areas", columns=("id", "name", *FEATURE_COLUMNS[1:]))
    frame = frame.assign(layer=_layer(frame))
    for _, row in areal_features(frame, at=at).iterrows():
        unsure = _band(frame, row)
        geom = row.geometry
        rows.append({
            "layer": row["layer"], "feature": row["id"], "name": row["name"], "kind": row["kind"],
            "reading": reading_of(row),
            "valid_from": row["valid_from"], "valid_to": row["valid_to"],
            "area_km2": _area(geom),
            "area_km2_min": _area(geom.difference(unsure)),
            "area_km2_max": _area(geom.union(unsure)),
            "area_km2_3035": area_km2_3035(geom),
        })
    columns = ["layer", "feature", "name", "kind", "reading", "valid_from", "valid_to",
               "area_km2", "area_km2_min", "area_km2_max", "area_km2_3035"]
    return pd.DataFrame(rows, columns=columns)


#: Pairs of areas never valid together that :func:`overlaps` compares all the same (without ``at``).
ACROSS_TIME = (
    ("treaty_1920/territory", "demarcation_1923/lithuania"),
    ("transfer_1939/transfer", "zeligowski_zone/zone"),
    ("transfer_1939/transfer", "zeligowski_zone/wilno-land"),
    ("transfer_1939/additions-1940", "zeligowski_zone/wilno-land"),
    ("transfer_1939/additions-1940", "treaty_1920/territory"),
)


def overlaps(frame, *, at=None, pairs=None) -> pd.DataFrame:
    """Intersections and differences of every pair of territories/zones valid at the same time.

    With ``at``, the pairs valid on that day; without, every pair whose validity
    intervals share a day, and the pairs of :data:`ACROSS_TIME` (``from`` and ``to``
    empty: they never coexisted). With ``pairs``, a list of ``(id_a, id_b)``, just those pairs,
    whenever each was valid: the area transferred in 1939 against Central Lithuania of
    1920-22, say (``from`` and ``to`` are then empty where they never coexisted).

    Returns
    -------
    DataFrame
        One row per pair ``a``/``b``: ``feature_a``, ``feature_b`` and their ``reading_a``,
        ``reading_b`` (two readings of the same extent are not paired), ``from``, ``to``
        (when both were valid), ``area_a_km2``, ``area_b_km2``, ``intersection_km2``,
        ``a_minus_b_km2``, ``b_minus_a_km2``, ``pct_of_a_in_b`` (share of ``a``
        inside ``b``) and ``pct_of_b_in_a``.

    Examples
    --------
    >>> import borders
    >>> table = overlaps(borders.load_all())
    >>> pair = table.iloc[0]
    >>> pair.feature_a, pair.feature_b
    ('treaty_1920/territory', 'foch_line/territory')
    >>> bool(abs(pair.area_a_km2 - pair.a_minus_b_km2 - pair.intersection_km2) < 1)
    True
    """
    areal = areal_features(as_features(frame, "overlaps"), at=at)
    rows, across = [], []
    if pairs is not None:
        by_id = {row["id"]: row for _, row in areal.iterrows()}
        missing = [fid for pair in pairs for fid in pair if fid not in by_id]
        if missing:
            raise BordersError(f"overlaps: no territory or zone {missing[0]!r}"
                               + (f" valid on {at}" if at else "") + "; give the ids of two territories or zones")
        candidates = [(by_id[a], by_id[b]) for a, b in pairs]
    else:
        candidates = [(a, b) for (_, a), (_, b) in itertools.combinations(areal.iterrows(), 2)]
        if at is None:
            # The settlement's questions across time: what the 1923 line took of the treaty's
            # territory, what the transfers of 1939-40 gave back of the Wilno Land.
            by_id = {row["id"]: row for _, row in areal.iterrows()}
            across = [(by_id[a], by_id[b]) for a, b in ACROSS_TIME if a in by_id and b in by_id]
    for i, (a, b) in enumerate(candidates + across):
        coexist = overlap(a["valid_from"], a["valid_to"], b["valid_from"], b["valid_to"])
        if pairs is None and not coexist and i < len(candidates):
            continue  # never valid together (the pairs of ACROSS_TIME come last, and stay)
        if pairs is None and a["layer"] == b["layer"] and _same_question(reading_of(a), reading_of(b)):
            continue  # two readings of one extent: alternatives, not neighbours
        ga, gb = a.geometry, b.geometry
        both = _area(ga.intersection(gb))
        size_a, size_b = _area(ga), _area(gb)
        starts = [d for d in (a["valid_from"], b["valid_from"]) if not pd.isna(d)]
        ends = [d for d in (a["valid_to"], b["valid_to"]) if not pd.isna(d)]
        rows.append({
            "layer_a": a["layer"], "feature_a": a["id"], "reading_a": reading_of(a),
            "layer_b": b["layer"], "feature_b": b["id"], "reading_b": reading_of(b),
            "from": (max(starts) if starts else None) if coexist else None,
            "to": (min(ends) if ends else None) if coexist else None,
            "area_a_km2": size_a, "area_b_km2": size_b, "intersection_km2": both,
            "a_minus_b_km2": _area(ga.difference(gb)), "b_minus_a_km2": _area(gb.difference(ga)),
            "pct_of_a_in_b": 100 * both / size_a if size_a else np.nan,
            "pct_of_b_in_a": 100 * both / size_b if size_b else np.nan,
        })
    columns = ["layer_a", "feature_a", "reading_a", "layer_b", "feature_b", "reading_b", "from", "to",
               "area_a_km2", "area_b_km2",
               "intersection_km2", "a_minus_b_km2", "b_minus_a_km2", "pct_of_a_in_b", "pct_of_b_in_a"]
    return pd.DataFrame(rows, columns=columns)


#: A part of a territory in a country thinner than this on average (twice its area over its perimeter,
#: in metres) is a sliver, not reported (see :func:`modern_shares`).
SLIVER_WIDTH_M = 200.0


def _sliver(shape) -> bool:
    local = to_local(shape)
    return local.is_empty or local.length == 0 or 2 * local.area / local.length < SLIVER_WIDTH_M


def modern_shares(frame, *, at=None, countries=None) -> pd.DataFrame:
    """How much of each territory/zone lies in each of today's countries.

    Parameters
    ----------
    frame : GeoDataFrame
        Features, as :func:`borders.load_all` gives.
    at : str or date, optional
        Only territories/zones valid on that day.
    countries : GeoDataFrame, optional
        Today's countries with ``iso_a2``; by default the shipped ``modern_countries``
        layer (a user's own ``country`` features are not today's countries).

    Returns
    -------
    DataFrame
        One row per feature and country it reaches: ``layer``, ``feature``, ``country``
        (ISO code), ``area_km2`` with ``area_km2_min`` / ``area_km2_max`` (the part of the
        territory without, and with, the band of its boundary's uncertainty, as in
        :func:`areas`), and ``pct`` of the feature's area, with ``pct_min`` / ``pct_max``
        the lowest and highest of it and of the shares in those two shapes (a territory
        the band leaves empty has no share). A last row per feature, country ``-``, holds what lies in none
        of them (the Curonian Lagoon, the sea). Slivers, parts thinner on average than
        :data:`SLIVER_WIDTH_M`, are left out: where a line was traced along today's border
        they are the gap between two tracings of one line (DCW's and ours), not land.

    Examples
    --------
    >>> import borders
    >>> shares = modern_shares(borders.load_all()).set_index(["feature", "country"])
    >>> row = shares.loc[("treaty_1920/territory", "LT")]
    >>> bool(row["pct_min"] < row["pct"] < row["pct_max"])
    True
    """
    frame = as_features(frame, "modern_shares")
    if countries is None:
        countries = frame[_layer(frame) == "modern_countries"]
        if countries.empty:
            from borders.catalog import load

            countries = load("modern_countries")
    countries = as_features(countries, "modern_shares (countries)", columns=("iso_a2",))
    rows = []
    land = shapely.union_all(countries.geometry.values)
    for _, row in areal_features(frame, at=at).iterrows():
        geom = row.geometry
        unsure = _band(frame, row)
        smallest, largest = geom.difference(unsure), geom.union(unsure)
        total, total_min, total_max = _area(geom), _area(smallest), _area(largest)
        parts = [(country["iso_a2"], country.geometry) for _, country in countries.iterrows()]
        for code, where in [*parts, ("-", None)]:
            def within(shape, where=where):
                return shape.difference(land) if where is None else shape.intersection(where)

            inside = within(geom)
            if _sliver(inside):
                continue
            part_min, part_max = _area(within(smallest)), _area(within(largest))
            # the share in the territory drawn at its smallest and at its largest: the same two shapes
            # the areas' interval comes from (their extremes do not occur together, so are not mixed)
            pct = 100 * _area(inside) / total if total else np.nan
            shares = [s for s in (pct, 100 * part_min / total_min if total_min else np.nan,
                                  100 * part_max / total_max if total_max else np.nan) if not np.isnan(s)]
            rows.append({"layer": row["layer"], "feature": row["id"], "country": code,
                         "area_km2": _area(inside), "area_km2_min": part_min, "area_km2_max": part_max,
                         "pct": pct, "pct_min": min(shares, default=np.nan),
                         "pct_max": min(max(shares, default=np.nan), 100.0)})  # not 100.00000000000001
    return pd.DataFrame(rows, columns=["layer", "feature", "country", "area_km2", "area_km2_min", "area_km2_max",
                                       "pct", "pct_min", "pct_max"])


def _samples_local(line_local, spacing_m):
    length = line_local.length
    steps = np.append(np.arange(0.0, length, spacing_m), length)
    return np.asarray(shapely.line_interpolate_point(line_local, steps), dtype=object)


class _LineProbe:
    """A line's sample points (projected) and nearest-point index, made once for every pair."""

    def __init__(self, line, spacing_m):
        parts = shapely.get_parts(to_local(line))
        self.samples = np.concatenate([_samples_local(p, spacing_m) for p in parts])
        self.nearest = Nearest(line)
        self.length_km = GEOD.geometry_length(line) / 1000

    def to(self, other: _LineProbe, together_km: float) -> dict:
        a_to_b = other.nearest.distance_m_local(self.samples) / 1000
        b_to_a = self.nearest.distance_m_local(other.samples) / 1000
        near_a, near_b = a_to_b <= together_km, b_to_a <= together_km
        every = np.concatenate([a_to_b[near_a], b_to_a[near_b]])
        # no maximum: where two lines part, it is the threshold itself
        stats = {"mean_km": every.mean(), "median_km": np.median(every), "p95_km": np.percentile(every, 95)} \
            if len(every) else dict.fromkeys(("mean_km", "median_km", "p95_km"), np.nan)
        return {
            # the samples are evenly spaced along each line: their share within reach is its share of the length
            "common_a_km": self.length_km * float(near_a.mean()),
            "common_b_km": other.length_km * float(near_b.mean()),
            **{key: float(value) for key, value in stats.items()},
            "length_a_km": self.length_km,
            "length_b_km": other.length_km,
        }


#: How near two lines must come to count as running together, in km (wider than the largest
#: uncertainty of a shipped segment, 18 km, so that two readings of one course always do).
TOGETHER_KM = 20.0


def line_distances(a, b, *, spacing_m: float = 1000.0, together_km: float = TOGETHER_KM) -> dict:
    """Distances between two lon/lat lines over the stretch where both run, in km.

    Each line is sampled every ``spacing_m`` metres and each sample measured, on the
    ellipsoid, to the other line. The common stretch is the samples within
    ``together_km`` of the other line: a 43 km county line is compared with the 20-odd km
    of the 516 km treaty line that run beside it, not with all of it.

    Returns
    -------
    dict
        ``common_a_km`` / ``common_b_km`` (how much of each line runs within ``together_km``
        of the other), ``mean_km``, ``median_km`` and ``p95_km`` over the samples of that
        common stretch (NaN where there is none; no maximum, which where two lines part is
        ``together_km`` itself), and ``length_a_km`` / ``length_b_km`` (geodesic lengths).

    Examples
    --------
    Two meridians 0.1° apart at 55° N are 6.39 km apart all along:

    >>> from shapely.geometry import LineString
    >>> west = LineString([(25.0, 54.5 + i / 100) for i in range(101)])
    >>> east = LineString([(25.1, 54.5 + i / 100) for i in range(101)])
    >>> d = line_distances(west, east)
    >>> round(d["p95_km"], 1), round(d["mean_km"], 1), round(d["common_a_km"]) == round(d["length_a_km"])
    (6.5, 6.4, True)
    """
    if not spacing_m > 0:
        raise BordersError(f"spacing_m must be a positive number of metres, got {spacing_m!r}")
    if not together_km > 0:
        raise BordersError(f"together_km must be a positive number of kilometres, got {together_km!r}")
    for name, line in (("a", a), ("b", b)):
        if line is None or line.is_empty or line.geom_type not in ("LineString", "MultiLineString"):
            raise BordersError(f"line_distances compares lines; {name} is "
                               f"{'empty' if line is None or line.is_empty else 'a ' + line.geom_type}")
        _check_degrees([line], f"line_distances: {name} is not in longitude/latitude: its coordinates")
    return _LineProbe(a, spacing_m).to(_LineProbe(b, spacing_m), together_km)


def line_table(frame, *, at=None, spacing_m: float = 1000.0, together_km: float = TOGETHER_KM) -> pd.DataFrame:
    """:func:`line_distances` for every pair of ``line`` features (valid on ``at``, if given).

    Lines of different layers are compared whenever they were drawn (the June 1919 line
    against the 1920 treaty line is a fair question); two lines of the same layer only if
    they were not valid at the same time, since then they are pieces of one boundary.
    Each pair is compared over the stretch where they run within ``together_km`` of each
    other (:func:`line_distances`); pairs that never come that near are left out.

    Examples
    --------
    >>> import borders
    >>> table = line_table(borders.load_all(), at="1921-06-01").set_index(["line_a", "line_b"])
    >>> row = table.loc[("zeligowski_zone/line-lithuania", "neutral_zone_1920/lithuanian-edge-10-12km")]
    >>> round(row["mean_km"]), round(row["common_a_km"])  # the zone's far edge, 10 km out, all along
    (10, 208)
    """
    day = parse_when(at)
    frame = as_features(frame, "line_table")
    frame = frame.assign(layer=_layer(frame))
    lines = frame[(frame["kind"] == "line").to_numpy() & valid_at(frame, day)].reset_index(drop=True)
    columns = ["layer_a", "line_a", "layer_b", "line_b", "common_a_km", "common_b_km", "mean_km", "median_km",
               "p95_km", "length_a_km", "length_b_km"]
    if lines.empty:
        return pd.DataFrame([], columns=columns)
    # only pairs that come within reach of each other can run together: found at once with a tree, in the
    # local projection (its distances are within 1 % of the ellipsoid's here; the margin covers that)
    reach_m = 1.02 * together_km * 1000
    local = np.asarray(to_local(np.asarray(lines.geometry.values, dtype=object)), dtype=object)
    near_a, near_b = shapely.STRtree(local).query(local, predicate="dwithin", distance=reach_m)
    keep = near_a < near_b
    near_a, near_b = near_a[keep], near_b[keep]
    # two lines of one layer valid at the same time are pieces of one boundary: not compared
    layer = lines["layer"].to_numpy(dtype=object)
    start = np.array(["" if pd.isna(v) else v for v in lines["valid_from"]], dtype=object)
    end = np.array(["\uffff" if pd.isna(v) else v for v in lines["valid_to"]], dtype=object)
    latest_start = np.where(start[near_a] > start[near_b], start[near_a], start[near_b])
    earliest_end = np.where(end[near_a] < end[near_b], end[near_a], end[near_b])
    keep = (layer[near_a] != layer[near_b]) | ~(latest_start < earliest_end)
    pairs = np.unique(np.stack([near_a[keep], near_b[keep]], axis=1), axis=0) if keep.any() else np.empty((0, 2), int)
    if not len(pairs):
        return pd.DataFrame([], columns=columns)
    rows = _pair_distances(lines.geometry.values, local, pairs, spacing_m, together_km, reach_m)
    ids = lines["id"].to_numpy(dtype=object)
    out = pd.DataFrame({"layer_a": layer[rows["a"]], "line_a": ids[rows["a"]], "layer_b": layer[rows["b"]],
                        "line_b": ids[rows["b"]], **{key: rows[key] for key in columns[4:]}}, columns=columns)
    return out.reset_index(drop=True)


def _pair_distances(geoms, local, pairs, spacing_m, together_km, reach_m) -> dict:
    """:meth:`_LineProbe.to` for many pairs at once: the same numbers, in bulk.

    Every line is sampled once. One tree of all samples finds, for each line, the samples of
    the other lines within ``reach_m`` (local metres); only those are measured on the
    ellipsoid, every line's nearest points for all of them in one go, and one geodesic call
    for all. A sample beyond ``reach_m`` is beyond ``together_km`` (the local projection's
    distances are within 1 % of the ellipsoid's), so it counts as not near, as before.
    Pairs that never come within ``together_km`` are left out.
    """
    used = np.unique(pairs)
    samples, owner, counts = [], [], np.zeros(len(geoms), dtype=np.int64)
    for i in used:
        pts = np.concatenate([_samples_local(p, spacing_m) for p in shapely.get_parts(local[i])])
        samples.append(pts)
        owner.append(np.full(len(pts), i))
        counts[i] = len(pts)
    samples, owner = np.concatenate(samples), np.concatenate(owner)
    # (sample, line) within reach, for the lines of a pair: sample of a to line b, and of b to line a
    line_at, sample_at = shapely.STRtree(samples).query(local[used], predicate="dwithin", distance=reach_m)
    target, source = used[line_at], owner[sample_at]
    n = len(geoms)
    wanted = set((pairs[:, 0] * n + pairs[:, 1]).tolist())
    key = np.minimum(source, target) * n + np.maximum(source, target)
    hit = np.fromiter((k in wanted for k in key.tolist()), dtype=bool, count=len(key))
    target, sample_at, source, key = target[hit], sample_at[hit], source[hit], key[hit]
    # nearest points, target line by target line; then every distance on the ellipsoid at once
    order = np.argsort(target, kind="stable")
    target, sample_at, source, key = target[order], sample_at[order], source[order], key[order]
    segments = np.empty(len(target), dtype=object)
    bounds = np.flatnonzero(np.diff(target)) + 1
    for lo, hi in zip(np.r_[0, bounds], np.r_[bounds, len(target)], strict=True):
        nearest = Nearest(geoms[target[lo]])
        pts = samples[sample_at[lo:hi]]
        which_point, which_piece = nearest.tree.query_nearest(pts, all_matches=False)
        chunk = np.empty(hi - lo, dtype=object)
        chunk[which_point] = shapely.shortest_line(pts[which_point], nearest.pieces[which_piece])
        segments[lo:hi] = chunk
    xy = shapely.get_coordinates(from_local(segments)).reshape(-1, 2, 2)
    _, _, dist_m = GEOD.inv(xy[:, 0, 0], xy[:, 0, 1], xy[:, 1, 0], xy[:, 1, 1])
    km = dist_m / 1000
    near = km <= together_km
    # each pair's near samples in the order line_distances takes them: a's samples in order, then b's
    a_of = np.minimum(source, target)
    order = np.lexsort((sample_at, source != a_of, key))
    key, km, near, source, a_of = key[order], km[order], near[order], source[order], a_of[order]
    lengths = {i: GEOD.geometry_length(geoms[i]) / 1000 for i in used.tolist()}
    out = {name: [] for name in ("a", "b", "common_a_km", "common_b_km", "mean_km", "median_km", "p95_km",
                                 "length_a_km", "length_b_km")}
    bounds = np.flatnonzero(np.diff(key)) + 1
    for lo, hi in zip(np.r_[0, bounds], np.r_[bounds, len(key)], strict=True):
        ia, ib = int(key[lo] // n), int(key[lo] % n)
        from_a = source[lo:hi] == ia
        near_here = near[lo:hi]
        count_a, count_b = int((near_here & from_a).sum()), int((near_here & ~from_a).sum())
        if not count_a and not count_b:  # lines that never meet are left out
            continue
        every = km[lo:hi][near_here]
        out["a"].append(ia)
        out["b"].append(ib)
        out["common_a_km"].append(lengths[ia] * (count_a / counts[ia]))  # the share of its samples near
        out["common_b_km"].append(lengths[ib] * (count_b / counts[ib]))
        out["mean_km"].append(float(every.mean()))
        out["median_km"].append(float(np.median(every)))
        out["p95_km"].append(float(np.percentile(every, 95)))
        out["length_a_km"].append(lengths[ia])
        out["length_b_km"].append(lengths[ib])
    return {name: np.asarray(values, dtype=int if name in ("a", "b") else float) for name, values in out.items()}


#: The tables :func:`compare` makes, by name, in the order it returns them.
TABLES = ("areas", "overlaps", "shares", "lines")


def compare(frame=None, *, at=None, extra=(), tables=TABLES) -> dict[str, pd.DataFrame]:
    """The comparison tables ``areas``, ``overlaps``, ``shares`` and ``lines`` (all, or those named).

    Parameters
    ----------
    frame : GeoDataFrame, optional
        Features to compare; by default every shipped layer plus ``extra``.
    at : str or date, optional
        Only features valid on that day (ISO date, 1918–1945), or on any day of a year, month or
        EDTF period (``1921``, ``1922-01``).
    extra : iterable of paths or GeoDataFrames
        User layers, validated and added (see :func:`borders.load_all`).
    tables : iterable of str
        Which of :data:`TABLES` to compute; only those are (``lines`` and ``overlaps``
        compare every pair of features, which takes long for large layers).

    Examples
    --------
    >>> tables = compare(at="1920-08-01")
    >>> list(tables)
    ['areas', 'overlaps', 'shares', 'lines']
    >>> sorted(tables["areas"]["feature"])
    ['foch_line/territory', 'treaty_1920/territory', 'treaty_1920/territory-hrodna-30km']
    >>> list(compare(at="1920-08-01", tables=["shares"]))
    ['shares']
    """
    if isinstance(tables, str):
        tables = [tables]
    wanted = list(tables)
    unknown = [name for name in wanted if name not in TABLES]
    if unknown:
        raise BordersError(f"unknown table {unknown[0]!r}; expected some of {', '.join(TABLES)}")
    parse_when(at)  # fail early, before any work
    if frame is None:
        from borders.catalog import load_all

        frame = load_all(extra=extra)
    makers = {"areas": areas, "overlaps": overlaps, "shares": modern_shares, "lines": line_table}
    token = _MEASURED.set({})
    try:
        return {name: makers[name](frame, at=at) for name in TABLES if name in wanted}
    finally:
        _MEASURED.reset(token)

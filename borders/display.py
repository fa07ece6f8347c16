"""Geometry prepared for display: simplified without breaking shared edges.

The layer files keep full precision; maps draw a lighter copy. Segments are
simplified one by one (Douglas-Peucker keeps their end points, so neighbouring
segments still meet), and lines and territories are rebuilt from their simplified
segments, so a territory's edge stays exactly on its segments. Today's countries
are simplified as a coverage (``shapely.coverage_simplify``), so neighbours keep a
common border. No vertex moves further than the tolerance.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from borders.geodesy import band, from_local, to_local
from borders.members import members

__all__ = ["DISPLAY_TOLERANCE_M", "RIVER_TOLERANCE_M", "simplify_for_display", "uncertainty_bands", "max_deviation_m"]

#: Largest distance, in metres, a displayed vertex may lie from the data (see the README).
DISPLAY_TOLERANCE_M = 150.0
#: The basemap's rivers are context, drawn coarser.
RIVER_TOLERANCE_M = 500.0


def _simplify(geom, tolerance_m):
    if geom is None or geom.is_empty:
        return geom
    return from_local(shapely.simplify(to_local(geom), tolerance_m, preserve_topology=True))


def simplify_for_display(frame, tolerance_m: float = DISPLAY_TOLERANCE_M):
    """A copy of ``frame`` with geometry simplified to ``tolerance_m`` metres, topology kept.

    Parameters
    ----------
    frame : GeoDataFrame
        Features as :func:`borders.load_all` gives (``layer`` column optional).

    Examples
    --------
    >>> import borders
    >>> every = borders.load_all()
    >>> light = simplify_for_display(every)
    >>> bool(shapely.get_num_coordinates(light.geometry.values).sum()
    ...      < shapely.get_num_coordinates(every.geometry.values).sum())
    True
    >>> bool(max_deviation_m(every, light, kinds=["segment", "line", "territory", "zone", "country"])
    ...      <= DISPLAY_TOLERANCE_M + 1)
    True
    """
    out = frame.copy()
    if "layer" not in out.columns:
        out["layer"] = out.attrs.get("layer", "layer")
    geoms = out.geometry.values.copy()
    kinds = out["kind"].to_numpy()
    # 1. segments, and any feature that is not rebuilt from parts
    for i in np.flatnonzero(~np.isin(kinds, ["line", "territory", "zone", "country", "place"])):
        geoms[i] = _simplify(geoms[i], max(tolerance_m, RIVER_TOLERANCE_M) if kinds[i] == "river" else tolerance_m)
    out = out.set_geometry(geoms, crs=frame.crs)
    # 2. lines and territories from their simplified segments
    for i in np.flatnonzero(np.isin(kinds, ["line", "territory", "zone"])):
        row = out.iloc[i]
        key = "segments" if row["kind"] == "line" else "bounded_by"
        parts = members(out, row, key) if key in out.columns else None
        if parts is None:
            geoms[i] = _simplify(frame.geometry.iloc[i], tolerance_m)
        elif row["kind"] == "line":
            geoms[i] = shapely.line_merge(shapely.union_all(parts.geometry.values))
        else:
            rebuilt = shapely.union_all(shapely.get_parts(shapely.polygonize(parts.geometry.values)))
            # keep only faces of the original (a boundary may enclose holes)
            original = frame.geometry.iloc[i]
            faces = [f for f in shapely.get_parts(rebuilt) if original.contains(f.representative_point())]
            geoms[i] = shapely.union_all(faces) if faces else _simplify(original, tolerance_m)
    # 3. today's countries, each layer's as one coverage (the neighbours for the basemap are fitted to
    # modern_countries, not noded with it, so the two are simplified apart)
    layers = out["layer"].to_numpy()
    for layer in dict.fromkeys(layers[kinds == "country"]):
        countries = np.flatnonzero((kinds == "country") & (layers == layer))
        local = to_local(np.asarray(frame.geometry.values[countries], dtype=object))
        geoms[countries] = from_local(shapely.coverage_simplify(local, tolerance_m, simplify_boundary=True))
    return out.set_geometry(geoms, crs=frame.crs)


def max_deviation_m(original, simplified, *, kinds=None) -> float:
    """Largest Hausdorff distance, in metres, between each feature and its simplified copy.

    ``kinds`` limits the comparison to features of those kinds.
    """
    worst = 0.0
    keep = np.ones(len(original), bool) if kinds is None else original["kind"].isin(kinds).to_numpy()
    for a, b, use in zip(original.geometry.values, simplified.geometry.values, keep, strict=True):
        if a is None or a.is_empty or not use:
            continue
        worst = max(worst, float(shapely.hausdorff_distance(to_local(a), to_local(b))))
    return worst


def uncertainty_bands(frame, tolerance_m: float = DISPLAY_TOLERANCE_M) -> pd.Series:
    """The band of ``uncertainty_m`` either side of what draws each boundary, indexed like ``frame``.

    Every segment gets one; so do a line drawn without segments and the edge of a
    territory or zone that names no ``bounded_by`` segments (a user's own layer).
    The bands are for drawing: their outlines are simplified to ``tolerance_m``
    (a buffer's round ends otherwise carry most of a map's vertices).
    """
    bands = {}
    segment_lines = set(frame.loc[frame["kind"] == "segment", "line"].dropna()) if "line" in frame else set()
    for idx, row in frame.iterrows():
        kind = row["kind"]
        if kind == "segment" or (kind == "line" and row["id"] not in segment_lines):
            geom = row.geometry
        elif kind in ("territory", "zone") and not _names_parts(row.get("bounded_by")):
            geom = row.geometry.boundary
        else:
            continue
        width = float(row.get("uncertainty_m") or 0)
        if width > 0 and geom is not None and not geom.is_empty:
            bands[idx] = _simplify(band([geom], [width]), tolerance_m)
    return pd.Series(bands, dtype=object)


def _names_parts(value) -> bool:
    return isinstance(value, (list, tuple, np.ndarray)) and len(value) > 0

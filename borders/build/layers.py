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
from borders.schema import DATE_FIELDS, LINE_SIDES, REGION_BOUNDS, evidence_supports

__all__ = ["place_coordinates", "build_places", "build_line_layer", "build_countries", "build_rivers", "build_lakes",
           "build_railways", "COUNTRY_INPUTS"]

#: Properties a spec may give a line or segment beyond the schema's, copied as they are.
_EXTRA_LINE = ("signed", "in_force", "presented", "confirmed_suwalki_section", *LINE_SIDES)
_EXTRA_SEGMENT = ("clause_language", "confirmed")


def _dates(table: dict, inherited: dict | None = None) -> dict:
    """The four date fields; an EDTF form defaults to its ISO day. Unset ends come from ``inherited``."""
    inherited = inherited or {}
    out = {}
    for end in ("valid_from", "valid_to"):
        if end in table:
            out[end], out[f"{end}_edtf"] = table[end], table.get(f"{end}_edtf", table[end])
        else:
            out[end], out[f"{end}_edtf"] = inherited.get(end), inherited.get(f"{end}_edtf")
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
        # A coordinate comes from GeoNames, from a Wikipedia article (its address), or from a gazetteer
        # that sources.json lists (its id).
        article = gid is None and p["source"].startswith("https://")
        props = {
            "id": pid, "name": p["names"]["en"], "kind": "place", "place_type": p["type"],
            "valid_from": valid_from, "valid_to": None, "status": "gazetteer",
            "sources": ["geonames"] if gid is not None else ["wikipedia_coordinates"] if article else [p["source"]],
            "coordinate_source": f"https://www.geonames.org/{gid}" if gid is not None else p["source"],
            "coordinate_read_at": p.get("read_at"), "geonameid": gid, "uncertainty_m": p["uncertainty_m"],
            "names": p["names"],
        }
        features.append({"properties": props, "geometry": mapping(Point(coords[pid]))})
    return features


def _length_km(geom) -> float:
    return round(GEOD.geometry_length(geom) / 1000, 1)


class _LayerBuilder:
    """Builds one line layer, turning step failures into located errors."""

    def __init__(self, spec: SpecFile, parts: dict, places: dict, inputs: Inputs, earlier: dict | None = None):
        self.spec = spec
        self.parts = parts
        self.places = places
        self.earlier = {} if earlier is None else earlier
        railways = {rid: r["stations"] for rid, r in spec.data.get("railways", {}).items()}
        self.line_coords = {}  # line id -> its coordinates, for line_offset steps
        self.tracer = Tracer(places, inputs, railways, self.line_coords)
        self.railways = railways
        self.prefix = f"{spec.path.stem}/"

    def trace(self, seg, keys, source: SpecFile, start):
        if "same_as" in seg:
            return self.copied(seg, keys, source, start)
        try:
            return self.tracer.run(start, seg["steps"])
        except StepError as err:
            index, *sub = err.path or (0,)
            label = f"step {index + 1} ({kind_of(seg['steps'][index])})" + "".join(f" > {k}" for k in sub)
            raise source.error(f"{label}: {err}", keys + ("steps", index), f"segment {seg['id']!r}") from None

    def copied(self, seg, keys, source: SpecFile, start):
        """The course of a segment drawn as one of an earlier layer: its coordinates and anchors, unchanged."""
        other = self.earlier[seg["same_as"]]["properties"]
        coords = [tuple(c) for c in self.earlier[seg["same_as"]]["geometry"]["coordinates"]]
        if start is not None and GEOD.inv(*start, *coords[0])[2] > 0.01:
            gap = GEOD.inv(*start, *coords[0])[2]
            raise source.error(f"field 'same_as': {seg['same_as']!r} begins {gap:,.0f} m from where the segment "
                               "before it ends", keys + ("same_as",), f"segment {seg['id']!r}")
        anchors = [{k: v for k, v in a.items() if k != "evidence_outside_period"} for a in other["anchors"] or []]
        return coords, anchors

    def resolved(self, seg):
        """A segment's table; for one drawn as another segment, that segment's fields under its own id."""
        if "same_as" not in seg:
            return seg
        other = self.earlier[seg["same_as"]]["properties"]
        fields = ("name", "sources", "uncertainty_m", "clause", "method", "basis", "determined", "unidentified",
                  "note", *_EXTRA_SEGMENT)
        table = {k: other[k] for k in fields if other.get(k) is not None}
        table["steps"] = []
        return dict(table, id=seg["id"], same_as=seg["same_as"])

    def segment_feature(self, seg, coords, anchors, order, dated, line_id, default_status):
        seg = self.resolved(seg)
        geom = LineString(coords)
        first = int(dated["valid_from"][:4])
        for anchor in anchors:  # a place's side stated for other years than the segment is drawn as of
            if "evidence_year" in anchor:
                stated = anchor["evidence_year"] if isinstance(anchor["evidence_year"], list) else [
                    anchor["evidence_year"]]
                anchor["evidence_outside_period"] = not all(evidence_supports(y, first) for y in stated)
        props = {
            "id": seg["id"], "name": seg["name"], "kind": "segment", **dated,
            "status": seg.get("status", default_status), "sources": seg["sources"],
            "uncertainty_m": seg["uncertainty_m"], "clause": seg.get("clause"),
            "method": seg["method"], "basis": seg["basis"], "determined": seg["determined"],
            "unidentified": seg.get("unidentified", []), "line": line_id,
            "order": order, "anchors": anchors, "note": seg["note"], "length_km": _length_km(geom),
        }
        props.update({k: seg[k] for k in _EXTRA_SEGMENT if k in seg})
        railway = next((s for s in seg["steps"] if "railway_offset" in s), None)
        if railway is not None:  # what the line is drawn from, for readers of the feature
            from borders.build.units import metres

            props.update(offset_from=self.railways[railway["railway_offset"]], offset_m=metres(railway["distance"]))
        if "same_as" in seg:
            other = self.earlier[seg["same_as"]]["properties"]
            props.update({k: other[k] for k in ("offset_from", "offset_m") if other.get(k) is not None},
                         same_as=seg["same_as"])
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
        self.coords = {}  # segment id -> its coordinates
        for i, line in enumerate(data["lines"]):
            dated = _dates(line)
            cur = None  # each line starts at its own first point
            for j, seg in enumerate(line["segments"]):
                order += 1
                coords, anchors = self.trace(seg, ("lines", i, "segments", j), self.spec, cur)
                cur = coords[-1]
                self.coords[seg["id"]] = coords
                seg_features.append(self.segment_feature(seg, coords, anchors, order, _dates(seg, dated), line["id"],
                                                         line["status"]))
            line_features.append(self.line_feature(line, [s["id"] for s in line["segments"]],
                                                   [self.resolved(s)["uncertainty_m"] for s in line["segments"]]))
            self.line_coords[line["id"]] = line_features[-1]["geometry"]["coordinates"]

        territories = data.get("territories", [])
        self.frame_ids = []
        framed = next((t for t in territories if "frame" in t["ring"]), None)
        if framed is not None:
            # The frame continues from the end of the ring's line before it and closes on the ring's first line.
            ring = framed["ring"]
            lines = {line["id"]: line for line in data["lines"]}
            cur = self.coords[lines[ring[ring.index("frame") - 1]]["segments"][-1]["id"]][-1]
            first_xy = self.coords[lines[ring[0]]["segments"][0]["id"]][0]
            dated = _dates(framed)
            for seg, keys, source in self.frame_segments():
                order += 1
                coords, anchors = self.trace(seg, keys, source, cur)
                cur = coords[-1]
                self.coords[seg["id"]] = coords
                seg_features.append(self.segment_feature(seg, coords, anchors, order, dated, None, "frame"))
                self.frame_ids.append(seg["id"])
            gap = GEOD.inv(cur[0], cur[1], first_xy[0], first_xy[1])[2]
            if gap > 0.01:
                raise self.spec.error(f"the frame ends {gap:,.0f} m from the start of {ring[0]!r}: it must close "
                                      "the ring", ("territories", territories.index(framed), "ring"),
                                      f"territory {framed['id']!r}")

        territory_features = []
        for i, terr in enumerate(territories):
            ring_ids = self.ring_ids(terr)
            ring = [f for f in seg_features if f["properties"]["id"] in set(ring_ids)]
            territory_features.append(self.territory_feature(terr, ring, ("territories", i)))
        self.date_frame(seg_features, territories)

        self.readings(line_features, territory_features, seg_features, order)
        return _uniform(line_features + territory_features + seg_features)

    def date_frame(self, seg_features, territories) -> None:
        """Date each frame segment from the first day to the last of the territories it bounds."""
        frame = set(self.frame_ids)
        for feature in seg_features:
            props = feature["properties"]
            if props["id"] not in frame:
                continue
            bounded = [_dates(t) for t in territories if props["id"] in self.ring_ids(t)]
            first = min(bounded, key=lambda d: d["valid_from"])
            last = max(bounded, key=lambda d: d["valid_to"] or "9999")
            props.update(valid_from=first["valid_from"], valid_from_edtf=first["valid_from_edtf"],
                         valid_to=last["valid_to"], valid_to_edtf=last["valid_to_edtf"])

    def ring_ids(self, terr) -> list[str]:
        segments_of = {line["id"]: [s["id"] for s in line["segments"]] for line in self.spec.data["lines"]}
        ids = []
        for ref in terr["ring"]:
            ids += self.frame_ids if ref == "frame" else segments_of.get(ref, [ref])
        return ids

    def line_feature(self, line, segment_ids, uncertainties, **changes) -> dict:
        coords = []
        for sid in segment_ids:
            coords.extend(self.coords[sid] if not coords else self.coords[sid][1:])
        geom = LineString(coords)
        props = {
            "id": line["id"], "name": line["name"], "kind": "line", **_dates(line), "status": line["status"],
            "sources": line["sources"], "uncertainty_m": max(uncertainties), "segments": list(segment_ids),
            "note": line["note"], "length_km": _length_km(geom),
        }
        props.update({k: line[k] for k in _EXTRA_LINE if k in line})
        props.update(changes)
        return {"properties": props, "geometry": mapping(geom)}

    def territory_feature(self, terr, ring, keys, **changes) -> dict:
        polygon = self.enclose(ring, terr, keys)
        # A ring may name a line only part of which bounds the face (the additions of 1940 run along part
        # of today's border): record, and take the uncertainty of, the segments the edge runs along.
        edge = polygon.boundary.buffer(1e-8)
        kept = {f["properties"]["id"] for f in ring if shape(f["geometry"]).intersection(edge).length > 1e-6}
        # Each line the ring names must bound the face somewhere, or a wrong seed could drop a piece unseen.
        segments_of = {line["id"]: [s["id"] for s in line["segments"]] for line in self.spec.data["lines"]}
        for ref in terr["ring"] if "reading" not in changes else ():  # (a reading swaps some segments)
            if ref in segments_of and not kept & set(segments_of[ref]):
                raise self.spec.error(f"field 'ring': line {ref!r} does not bound the faces the seeds pick; check "
                                      "the seeds, or leave the line out", keys + ("ring",), f"territory {terr['id']!r}")
        ring = [f for f in ring if f["properties"]["id"] in kept]
        props = {
            "id": terr["id"], "name": terr["name"], "kind": terr["kind"], **_dates(terr),
            "status": terr["status"], "sources": terr["sources"],
            "uncertainty_m": max(f["properties"]["uncertainty_m"] for f in ring),
            "bounded_by": [f["properties"]["id"] for f in ring], "note": terr["note"],
            "assigned_to": terr.get("assigned_to"), "held_by": terr.get("held_by"),
        }
        props.update(changes)
        return {"properties": props, "geometry": mapping(_orient_all(polygon))}

    def readings(self, line_features, territory_features, seg_features, order) -> None:
        """Add each question's other readings as features of their own, and mark what each reading covers.

        A reading other than the default replaces the run of segments the question names
        (it starts where they start and must end where they end); every line and territory
        those segments bound gets a variant with the reading's segments instead.
        """
        questions = self.spec.data.get("questions", [])
        if not questions:
            return
        by_id = {f["properties"]["id"]: f for f in line_features + territory_features + seg_features}
        lines = {line["id"]: line for line in self.spec.data["lines"]}
        for f in by_id.values():
            f["properties"].update(reading=None, reading_default=None)
        new_lines, new_territories, new_segments = [], [], []
        for qi, question in enumerate(questions):
            replaced = question["segments"]
            default = f"{question['id']}/{question['default']}"
            touched = [f for f in line_features + territory_features
                       if set(replaced) & set(f["properties"].get("segments") or f["properties"].get("bounded_by"))]
            for f in touched + [by_id[sid] for sid in replaced]:
                f["properties"].update(reading=default, reading_default=True)
            line_id = by_id[replaced[0]]["properties"]["line"]
            line = lines[line_id]
            seg_ids = [s["id"] for s in line["segments"]]
            start = seg_ids.index(replaced[0])
            cur = self.coords[seg_ids[start - 1]][-1] if start > 0 else None
            end_xy = self.coords[replaced[-1]][-1]
            for ri, reading in enumerate(question["readings"]):
                if reading["id"] == question["default"]:
                    continue
                name = f"{question['id']}/{reading['id']}"
                variants = reading["variants"]
                alt_ids, alt_unc = [], []
                for si, seg in enumerate(reading["segments"]):
                    order += 1
                    keys = ("questions", qi, "readings", ri, "segments", si)
                    coords, anchors = self.trace(seg, keys, self.spec, cur)
                    cur = coords[-1]
                    self.coords[seg["id"]] = coords
                    feature = self.segment_feature(seg, coords, anchors, order, _dates(seg, _dates(line)),
                                                   variants[line_id], line["status"])
                    feature["properties"].update(reading=name, reading_default=False)
                    new_segments.append(feature)
                    alt_ids.append(seg["id"])
                    alt_unc.append(seg["uncertainty_m"])
                gap = GEOD.inv(*cur, *end_xy)[2]
                if gap > 0.01:
                    raise self.spec.error(f"reading {name!r} ends {gap:,.0f} m from where the segments it replaces "
                                          f"end ({replaced[-1]!r}); it must rejoin the line there",
                                          ("questions", qi, "readings", ri), f"question {question['id']!r}")
                kept = [sid for sid in seg_ids if sid not in replaced]
                ids = kept[:start] + alt_ids + kept[start:]
                unc = [by_id[sid]["properties"]["uncertainty_m"] for sid in kept]
                suffix = f" (reading: {reading['name']})"
                new_lines.append(self.line_feature(line, ids, unc + alt_unc, id=variants[line_id],
                                                   name=line["name"] + suffix, reading=name, reading_default=False))
                alternates = {f["properties"]["id"]: f for f in new_segments if f["properties"]["reading"] == name}
                for ti, terr in enumerate(self.spec.data.get("territories", [])):
                    ring_ids = self.ring_ids(terr)
                    if not set(replaced) & set(ring_ids):
                        continue
                    ids = [sid for sid in ring_ids if sid not in replaced] + alt_ids
                    ring = [f for f in seg_features if f["properties"]["id"] in set(ids)] + list(alternates.values())
                    new_territories.append(self.territory_feature(
                        dict(terr, id=variants[terr["id"]], name=terr["name"] + suffix), ring, ("territories", ti),
                        reading=name, reading_default=False))
        line_features += new_lines
        territory_features += new_territories
        seg_features += new_segments

    def enclose(self, ring: list[dict], terr: dict, keys):
        """The face the ring's segments close round the territory's seed (one face per seed, if a list)."""
        geoms = [shape(f["geometry"]) for f in ring]
        seeds = terr["seed"] if isinstance(terr["seed"], list) else [terr["seed"]]
        faces = list(polygonize(unary_union(geoms)))
        found = []
        for seed in seeds:
            point = Point(self.places[seed] if isinstance(seed, str) else self.tracer.point(seed)[0])
            polys = [p for p in faces if p.contains(point)]
            if len(polys) != 1:
                break
            found.append(polys[0])
        else:
            if len(seeds) == 1:
                return found[0]
            if len({f.wkb for f in found}) != len(found):
                raise self.spec.error("field 'seed': two seeds lie in the same face; give one a face each",
                                      keys + ("seed",), f"territory {terr['id']!r}")
            return shapely.MultiPolygon(found)
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


def build_line_layer(spec: SpecFile, parts: dict, places: dict, inputs: Inputs,
                     earlier: dict | None = None) -> list[dict]:
    """A layer of lines built from their segments, and the territories their rings enclose.

    ``earlier`` maps the ids of segments of layers built before to their features,
    for segments drawn ``same_as`` one of them.

    Raises
    ------
    SpecError
        A step cannot be computed (a river out of reach, a border that two countries
        do not share…) or a ring does not close; the message gives ``file:line``.
    """
    return _LayerBuilder(spec, parts, places, inputs, earlier).build()


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


#: The input extracts a countries layer may be drawn from (``input`` in its [countries] table).
COUNTRY_INPUTS = ("countries.geojson", "neighbour_countries.geojson")


def build_countries(spec: SpecFile, inputs: Inputs) -> list[dict]:
    """Today's countries clipped to the region, one feature each, from the extract the spec names."""
    meta = spec.data["countries"]
    layer_id = spec.data["layer"]["id"]
    neighbours = meta.get("input", COUNTRY_INPUTS[0]) == "neighbour_countries.geojson"
    shapes, numbers = (inputs.neighbours, inputs.neighbour_iso_n3) if neighbours else (inputs.countries, inputs.iso_n3)
    region = shapely.box(*REGION_BOUNDS)
    features = []
    for iso2, name in meta["names"].items():
        clipped = _orient_all(shapely.make_valid(shapes[iso2].intersection(region)))
        props = {
            "id": f"{layer_id}/{iso2}", "name": name, "kind": "country",
            "valid_from": spec.data["layer"]["valid_from"], "valid_to": None, "status": "modern",
            "sources": meta["sources"], "uncertainty_m": meta["uncertainty_m"],
            "iso_a2": iso2, "iso_n3": numbers[iso2], "note": meta["note"],
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


def build_lakes(spec: SpecFile, inputs: Inputs, gazetteer: SpecFile, places: dict) -> list[dict]:
    """The basemap's lakes: each GSHHG lake of at least ``min_area_km2`` in the region, largest first.

    A lake is named after the gazetteer's lake inside it (or within about 500 m of its shore), if any.
    """
    meta = spec.data["lakes"]
    region = shapely.box(*REGION_BOUNDS)
    named = [{"name": p["names"]["en"], "lonlat": places[pid]} for pid, p in gazetteer.data["places"].items()
             if p["type"] == "lake"]
    lakes = []
    for lake in inputs.lakes:
        clipped = shapely.make_valid(lake.intersection(region))
        area = abs(GEOD.geometry_area_perimeter(clipped)[0]) / 1e6 if not clipped.is_empty else 0.0
        if area >= meta["min_area_km2"]:
            lakes.append((area, clipped))
    lakes.sort(key=lambda item: -item[0])
    features = []
    for n, (area, geom) in enumerate(lakes, start=1):
        inside = [p for p in named if geom.buffer(0.005).contains(Point(p["lonlat"]))]
        props = {
            "id": f"lakes/{n:03d}", "name": inside[0]["name"] if inside else "Lake (unnamed in GSHHG)",
            "kind": "lake", "valid_from": spec.data["layer"]["valid_from"], "valid_to": None, "status": "modern",
            "sources": meta["sources"], "uncertainty_m": meta["uncertainty_m"], "area_km2": round(area, 1),
            "note": meta["note"],
        }
        features.append({"properties": props, "geometry": mapping(_orient_all(geom))})
    return features


def build_railways(spec: SpecFile, places: dict) -> list[dict]:
    """The basemap's railways: straight lines through their stations, in order (``[railways.<id>]``)."""
    features = []
    for rid, railway in spec.data["railways"].items():
        coords = [places[pid] for pid in railway["stations"]]
        props = {
            "id": f"{spec.data['layer']['id']}/{rid}", "name": railway["name"], "kind": "railway",
            "valid_from": railway["valid_from"], "valid_to": railway.get("valid_to"), "status": "context",
            "sources": railway["sources"], "uncertainty_m": railway["uncertainty_m"],
            "stations": list(railway["stations"]), "length_km": _length_km(LineString(coords)),
            "note": railway["note"],
        }
        features.append({"properties": props, "geometry": mapping(LineString(coords))})
    return features

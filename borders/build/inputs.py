"""The inputs of the build: extracts of today's borders, rivers, lake shores and GeoNames.

``geodata/inputs/`` holds them as shipped files (see ``inputs.json`` there for
their sources, licences and checksums), written by ``scripts/refresh_inputs.py``.
An :class:`Inputs` can equally be made of hand-made geometries, which is how the
tests exercise each step kind.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from shapely.geometry import LineString, Point, shape
from shapely.ops import linemerge

from borders.build.rivers import RiverNetwork

__all__ = ["Inputs", "load_inputs", "InputError"]


class InputError(ValueError):
    """An input extract is missing, altered, or lacks what a step asks of it."""


@dataclass
class Inputs:
    """What the steps of a specification draw on.

    Parameters
    ----------
    countries : dict
        Today's countries, ISO 3166 alpha-2 code -> (Multi)Polygon in lon/lat.
    rivers : list of LineString
        River courses with their WDBII level, as ``(level, line)`` pairs.
    lakes : list of Polygon
        Lake shores.
    geonames : dict
        geonameid -> ``(lon, lat)``.
    versions : dict
        The upstream versions the extracts were made from (recorded in the catalogue).
    iso_n3 : dict
        ISO 3166 numeric code of each country.
    neighbours : dict
        Today's neighbours of those countries in the region, for the basemap only (the
        ``neighbour_countries.geojson`` extract): ISO code -> (Multi)Polygon. Russia here is
        Russia without the Kaliningrad Oblast, which ``countries`` holds.
    """

    countries: dict
    rivers: list = field(default_factory=list)
    lakes: list = field(default_factory=list)
    geonames: dict = field(default_factory=dict)
    versions: dict = field(default_factory=dict)
    iso_n3: dict = field(default_factory=dict)
    neighbours: dict = field(default_factory=dict)
    neighbour_iso_n3: dict = field(default_factory=dict)

    @cached_property
    def river_network(self) -> RiverNetwork:
        """Levels 1-4 of the rivers as a network (see :class:`RiverNetwork`)."""
        return RiverNetwork([line for level, line in self.rivers if level <= 4])

    def country(self, code: str):
        try:
            return self.countries[code]
        except KeyError:
            raise InputError(f"no country {code!r} in the inputs (they have {', '.join(self.countries)})") from None

    def shared_border(self, a: str, b: str) -> LineString:
        """The border today's countries ``a`` and ``b`` share, as one line (the longest piece)."""
        key = (a, b)
        cache = self.__dict__.setdefault("_borders", {})
        if key not in cache:
            line = self.country(a).boundary.intersection(self.country(b).boundary)
            if line.is_empty or line.geom_type == "Point":
                raise InputError(f"today's {a} and {b} share no border in the inputs")
            merged = linemerge(line) if line.geom_type != "LineString" else line
            if merged.geom_type != "LineString":
                merged = max(merged.geoms, key=lambda g: g.length)
            cache[key] = merged
        return cache[key]

    def lake_at(self, lonlat, *, within_deg: float = 0.01):
        """The lake whose shore is nearest a point (the point lies in or at the lake)."""
        pt = Point(lonlat)
        if not self.lakes:
            raise InputError("the inputs have no lakes")
        best = min(self.lakes, key=lambda p: p.distance(pt))
        if best.distance(pt) > within_deg:
            raise InputError(f"no lake at {lonlat[1]:.5f} N, {lonlat[0]:.5f} E in the inputs")
        return best


def _features(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def load_inputs(folder) -> Inputs:
    """Read the extracts in ``folder`` (``geodata/inputs``), checking each against ``inputs.json``.

    Raises
    ------
    InputError
        If an extract is missing or its sha256 differs from the manifest's.
    """
    from borders.io import sha256

    folder = Path(folder)
    try:
        manifest = json.loads((folder / "inputs.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{folder / 'inputs.json'}: missing; run scripts/refresh_inputs.py") from None
    for name, entry in manifest["files"].items():
        path = folder / name
        if not path.is_file():
            raise InputError(f"{path}: missing; run scripts/refresh_inputs.py")
        if sha256(path) != entry["sha256"]:
            raise InputError(f"{path}: sha256 differs from inputs.json; rerun scripts/refresh_inputs.py "
                             "rather than editing an extract by hand")
    country_rows = _features(folder / "countries.geojson")
    # the neighbours are the basemap's only: a data folder may do without them
    neighbour_rows = _features(folder / "neighbour_countries.geojson") if "neighbour_countries.geojson" in \
        manifest["files"] else []
    countries = {f["properties"]["iso_a2"]: shape(f["geometry"]) for f in country_rows}
    rivers = [(f["properties"]["level"], shape(f["geometry"])) for f in _features(folder / "wdbii_rivers.geojson")]
    lakes = [shape(f["geometry"]) for f in _features(folder / "gshhg_lakes.geojson")]
    with open(folder / "geonames.csv", encoding="utf-8", newline="") as fh:
        geonames = {int(row["geonameid"]): (float(row["longitude"]), float(row["latitude"]))
                    for row in csv.DictReader(fh)}
    return Inputs(countries=countries, rivers=rivers, lakes=lakes, geonames=geonames,
                  versions=dict(manifest["versions"]),
                  iso_n3={f["properties"]["iso_a2"]: f["properties"]["iso_n3"] for f in country_rows},
                  neighbours={f["properties"]["iso_a2"]: shape(f["geometry"]) for f in neighbour_rows},
                  neighbour_iso_n3={f["properties"]["iso_a2"]: f["properties"]["iso_n3"] for f in neighbour_rows})

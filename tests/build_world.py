"""A made-up world for the build's tests: three countries, a river, a lake, a few places.

Country "LT" is the box lon 24-25, lat 54-55; "PL" lies east of it (lon 25-26), so the
two share the meridian 25 E from 54 to 55 N; "BY" lies south of both (lat 53-54). The
north end of the LT-PL border therefore meets no third country (the "sea"), its south
end meets BY. A river runs east along 54.5 N from 24.2 to 24.8 E, with a tributary
from the north meeting it at 24.5 E. A lake, a hexagon of radius 0.05 degrees, lies
round 24.5 E, 54.2 N. Nothing here is real; every expected value follows from this.
"""

import json
import math
from pathlib import Path

import shapely
from shapely.geometry import LineString, Polygon, box, mapping

from borders.build.inputs import Inputs
from borders.io import sha256

COUNTRIES = {"LT": box(24, 54, 25, 55), "PL": box(25, 54, 26, 55), "BY": box(24, 53, 26, 54),
             "RU": box(20, 56, 21, 57)}
RIVERS = [(3, LineString([(24.2, 54.5), (24.5, 54.5), (24.8, 54.5)])),
          (4, LineString([(24.5, 54.9), (24.5, 54.7), (24.5, 54.5)]))]
LAKE_CENTRE = (24.5, 54.2)
LAKE = Polygon([(LAKE_CENTRE[0] + 0.05 * math.cos(math.radians(a)), LAKE_CENTRE[1] + 0.05 * math.sin(math.radians(a)))
                for a in range(0, 360, 60)])
PLACES = {
    "west": (24.0, 54.5), "east_bank": (25.3, 54.5), "riverhead": (24.2, 54.5005), "source": (24.5005, 54.9),
    "far": (24.5, 54.05), "lake": LAKE_CENTRE, "north_of_lake": (24.5, 54.26), "near_border": (25.02, 54.8),
    "coast_place": (24.5, 55.01), "station_a": (24.5, 54.1), "station_b": (24.5, 54.9), "stop": (24.4, 54.8),
}


def inputs() -> Inputs:
    return Inputs(countries=dict(COUNTRIES), rivers=list(RIVERS), lakes=[LAKE],
                  geonames={1001: PLACES["west"]}, versions={"made_up": "1"},
                  iso_n3={"LT": "440", "PL": "616", "BY": "112", "RU": "643"})


def _collection(features, name):
    return json.dumps({"type": "FeatureCollection", "name": name, "features": features})


LINE_LAYER = '''[layer]
id = "mine"
title = "A made-up layer"
description = "Lines of a made-up world."
licence = "CC0"
sources = ["made_up"]
method = "steps"
valid_from = "1920-01-01"

[[lines]]
id = "mine/line"
name = "A line"
status = "treaty"
valid_from = "1920-01-01"
valid_to = "1921-01-01"
sources = ["made_up"]
note = "Across the made-up world."

[[lines.segments]]
id = "mine/s01"
name = "Along the river"
clause = "along the river"
clause_language = "en"
sources = ["made_up"]
method = "follows_river"
basis = "summary"
uncertainty_m = 1000
determined = true
note = "From the river's head."
steps = [
    {place = "riverhead"},
    {follow_river = "source", max_snap = "500 m"},
]

[[lines.segments]]
id = "mine/s02"
name = "To the border"
clause = "to the border"
clause_language = "en"
sources = ["made_up"]
method = "interpolated"
basis = "inferred"
uncertainty_m = 2000
determined = false
note = "A straight line."
steps = [
    {place = "near_border"},
]

[[frame]]
id = "mine/f01"
name = "Down the border and back"
sources = ["made_up"]
method = "follows_boundary"
basis = "summary"
uncertainty_m = 500
determined = true
note = "Closes the territory."
steps = [
    {follow_border = ["LT", "PL"], to = {border_end = ["LT", "PL"], touching = "BY"}},
    {place = "far"},
    {place = "riverhead"},
]

[[territories]]
id = "mine/territory"
name = "The territory"
kind = "territory"
status = "treaty"
valid_from = "1920-01-01"
valid_to = "1921-01-01"
ring = ["mine/line", "frame"]
seed = "lake"
sources = ["made_up"]
note = "Enclosed by the line and the frame."
'''


def data_folder(root: Path, layer_text: str = LINE_LAYER) -> Path:
    """A data folder with specs, inputs and sources for the made-up world; return it."""
    folder = root / "geodata"
    (folder / "specs" / "parts").mkdir(parents=True)
    (folder / "inputs").mkdir()
    (folder / "specs" / "catalog.toml").write_text('layers = ["mine", "places"]\n', encoding="utf-8")
    (folder / "specs" / "mine.toml").write_text(layer_text, encoding="utf-8")
    places = ['[layer]', 'id = "places"', 'title = "Places"', 'description = "Made-up places."', 'licence = "CC0"',
              'sources = ["made_up"]', 'method = "by hand"', 'valid_from = "1919-01-01"', '', '[places]',
              'west = {geonameid = 1001, type = "town", uncertainty_m = 100, names = {en = "West"}}']
    places += [f'{pid} = {{lat = {lat}, lon = {lon}, source = "https://example.org/{pid}", type = "village", '
               f'uncertainty_m = 100, names = {{en = "{pid}"}}}}'
               for pid, (lon, lat) in PLACES.items() if pid != "west"]
    (folder / "specs" / "places.toml").write_text("\n".join(places) + "\n", encoding="utf-8")
    (folder / "sources.json").write_text(json.dumps({"made_up": {"citation": "A made-up source for the tests."}}),
                                         encoding="utf-8")
    world = inputs()
    texts = {
        "countries.geojson": _collection([{"type": "Feature", "properties": {"iso_a2": k, "iso_n3": world.iso_n3[k]},
                                           "geometry": mapping(g)} for k, g in COUNTRIES.items()], "countries"),
        "wdbii_rivers.geojson": _collection([{"type": "Feature", "properties": {"level": lv}, "geometry": mapping(g)}
                                             for lv, g in RIVERS], "wdbii_rivers"),
        "gshhg_lakes.geojson": _collection([{"type": "Feature", "properties": {}, "geometry": mapping(LAKE)}],
                                           "gshhg_lakes"),
        "geonames.csv": "geonameid,name,latitude,longitude,countrycode,population\n1001,West,54.5,24.0,LT,1000\n",
    }
    files = {}
    for name, text in texts.items():
        (folder / "inputs" / name).write_text(text, encoding="utf-8")
        files[name] = {"sha256": sha256(folder / "inputs" / name)}
    (folder / "inputs" / "inputs.json").write_text(json.dumps({"versions": {"made_up": "1"}, "files": files}),
                                                   encoding="utf-8")
    return folder


def on_meridian(coords, lon, tolerance=1e-9) -> bool:
    return all(abs(x - lon) <= tolerance for x, _ in coords)


__all__ = ["COUNTRIES", "RIVERS", "LAKE", "LAKE_CENTRE", "PLACES", "inputs", "data_folder", "LINE_LAYER",
           "on_meridian", "shapely"]

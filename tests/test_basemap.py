"""The basemap's own layers: today's neighbouring countries, the lakes, the railway of the 1919 lines."""

import shapely
from shapely.geometry import Point

import borders
from borders.scene import LABEL, LAKE, LAND, RAILWAY, prepare, scene

# Towns of the neighbours inside the region (lon, lat): issue 12 found them painted as sea.
BEYOND = {"Pskov (RU)": (28.33, 57.82), "Velikiye Luki (RU)": (30.53, 56.34), "Smolensk (RU)": (31.9, 54.78),
          "Võru (EE)": (27.0, 57.83), "Valga (EE)": (26.05, 57.78), "Chernihiv road (UA)": (30.9, 51.6),
          "Kovel (UA)": (24.71, 51.21)}


def test_every_country_of_the_region_is_land():
    land = [*borders.load("modern_countries").geometry, *borders.load("neighbour_countries").geometry]
    for town, (lon, lat) in BEYOND.items():
        assert sum(country.contains(Point(lon, lat)) for country in land) == 1, town
    neighbours = borders.load("neighbour_countries").set_index("iso_a2")
    assert set(neighbours.index) == {"EE", "RU", "UA", "SE"}
    # the neighbours leave today's five countries (which the layers are traced along) their ground
    ours = shapely.union_all(borders.load("modern_countries").geometry.values)
    assert shapely.union_all(neighbours.geometry.values).intersection(ours).area < 1e-8
    assert shapely.coverage_is_valid(neighbours.geometry.values)


def test_lakes_are_polygons_named_from_the_gazetteer(places):
    lakes = borders.load("lakes").set_index("id")
    assert len(lakes) > 200 and set(lakes.geom_type) <= {"Polygon", "MultiPolygon"}
    assert lakes["area_km2"].is_monotonic_decreasing and lakes["area_km2"].min() >= 1
    named = lakes[lakes["name"] != "Lake (unnamed in GSHHG)"]
    assert {"Lake Drivyaty", "Lake Myadzel"} <= set(named["name"])
    drivyaty = named.loc[named["name"] == "Lake Drivyaty", "geometry"].iloc[0]
    assert drivyaty.buffer(0.005).contains(places.loc["lake_drivyaty", "geometry"])


def test_the_railway_runs_through_the_stations_the_1919_lines_are_drawn_from(places):
    (railway,) = borders.load("railways").itertuples()
    foch = borders.load("foch_line")
    offsets = foch.loc[foch["offset_from"].notna(), "offset_from"]
    assert offsets.map(list).map(tuple).nunique() == 1  # one railway, the same list in both layers
    assert list(railway.stations) == list(offsets.iloc[0])
    assert [Point(xy) for xy in railway.geometry.coords] == [places.loc[s, "geometry"] for s in railway.stations]
    assert railway.status == "context" and 300 < railway.length_km < 330


def test_the_scene_draws_the_whole_basemap():
    drawn = scene(prepare(), ["foch_line"])
    basemap = [g for g in drawn.groups if g.heading == "Basemap"]
    roles = {m.role for g in basemap for m in g.marks}
    assert {LAND, LAKE, RAILWAY, LABEL} <= roles
    lands = {m.props["id"] for g in basemap for m in g.marks if m.role is LAND}
    assert {"neighbour_countries/RU", "neighbour_countries/EE", "neighbour_countries/UA"} <= lands
    names = {m.props["name"] for g in basemap for m in g.marks if m.role is LABEL}
    assert {"Lithuania", "Latvia", "Belarus", "Poland", "Russia", "Estonia", "Ukraine"} <= names
    assert "Sweden" not in names  # only the coast of Gotland reaches into the region
    for group in basemap:  # each name lies inside its country
        for mark in group.marks:
            if mark.role is LABEL:
                country = next(m for m in basemap[0].marks if m.row == mark.row)
                assert country.geometry.contains(mark.geometry), mark.props["name"]
    assert "Railway the 1919 lines were drawn from (traced through its stations)" in [e.label for e in drawn.legend]

"""Today's countries from DCW-GMT, made into a coverage."""

from pyproj import Geod

import borders

GEOD = Geod(ellps="WGS84")


def test_five_countries_share_their_borders_without_gaps():
    countries = borders.load("modern_countries").set_index("iso_a2")
    assert set(countries.index) == {"LT", "LV", "BY", "PL", "RU"}
    lt, lv = countries.loc["LT", "geometry"], countries.loc["LV", "geometry"]
    assert lt.intersection(lv).area < 1e-9  # shared arcs: touching, not overlapping
    assert lt.touches(lv) or lt.intersection(lv).length > 1


def test_lithuania_area_matches_the_official_figure():
    # Official area of Lithuania 65,300 km² (Statistics Lithuania); DCW-GMT at 1:1,000,000 may
    # treat part of the Curonian Lagoon otherwise, so allow 2 %.
    lt = borders.load("modern_countries").set_index("iso_a2").loc["LT", "geometry"]
    area = abs(GEOD.geometry_area_perimeter(lt)[0]) / 1e6
    assert abs(area - 65_300) / 65_300 < 0.02


def test_the_coverage_puts_border_towns_in_their_country(places):
    # Issue 10, item 11: Natural Earth 1:10m put Turmantas (Lithuania, ru.wikipedia 'Турмантас') in Latvia.
    countries = borders.load("modern_countries").set_index("iso_a2")
    for town, country in (("turmantas", "LT"), ("zarasai", "LT"), ("daugavpils", "LV"), ("druya", "BY"),
                          ("punsk", "PL"), ("palanga", "LT")):
        assert countries.loc[country, "geometry"].contains(places.loc[town, "geometry"]), town


def test_the_countries_form_a_coverage():
    import shapely

    countries = borders.load("modern_countries")
    assert shapely.coverage_is_valid(countries.geometry.values)


def test_kaliningrad_part_only():
    ru = borders.load("modern_countries").set_index("iso_a2").loc["RU", "geometry"]
    minx, miny, maxx, maxy = ru.bounds
    assert 19.5 < minx and maxx < 23 and 54.2 < miny and maxy < 55.4

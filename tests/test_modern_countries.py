"""Today's countries from Natural Earth."""

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
    # Official area of Lithuania 65,300 km² (Statistics Lithuania); Natural Earth leaves out
    # inland water such as part of the Curonian Lagoon, so allow 2 %.
    lt = borders.load("modern_countries").set_index("iso_a2").loc["LT", "geometry"]
    area = abs(GEOD.geometry_area_perimeter(lt)[0]) / 1e6
    assert abs(area - 65_300) / 65_300 < 0.02


def test_kaliningrad_part_only():
    ru = borders.load("modern_countries").set_index("iso_a2").loc["RU", "geometry"]
    minx, miny, maxx, maxy = ru.bounds
    assert 19.5 < minx and maxx < 23 and 54.2 < miny and maxy < 55.4

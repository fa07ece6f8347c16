"""The 1919 demarcation lines against what the sources say.

Source ids refer to geodata/sources.json. Each fact carries its citation.
"""

import pytest
from conftest import km_to
from pyproj import Geod
from shapely.geometry import Point
from shapely.ops import nearest_points

import borders

GEOD = Geod(ellps="WGS84")


@pytest.fixture(scope="module")
def foch():
    return borders.load("foch_line").set_index("id")


@pytest.fixture(scope="module")
def territory(foch):
    return foch.loc["foch_line/territory", "geometry"]


# Towns sources place on the Polish side of the Foch line.
POLISH_SIDE = {
    # en.wikipedia 'Foch Line': "The line left Vilnius on the Polish side."
    "vilnius": "enwiki_foch_line",
    # PWN 'Focha linia': the line ran "na północ od Wiżajn i Puńska".
    "wizajny": "pwn_foch_line",
    "punsk": "pwn_foch_line",
    # PWN: "na wschód od Berżników" - the line passes east of Berżniki, which stays Polish.
    "berzniki": "pwn_foch_line",
    # en.wikipedia 'Polish-Lithuanian War': under the 26 July line the "Suwałki region [was] assigned to Poland".
    "sejny": "enwiki_polish_lithuanian_war",
    "suwalki": "enwiki_polish_lithuanian_war",
}


@pytest.mark.parametrize("town", sorted(POLISH_SIDE))
def test_town_on_polish_side_of_foch_line(territory, places, town):
    assert not territory.intersects(places.loc[town, "geometry"]), POLISH_SIDE[town]


def test_zarasai_is_on_the_lithuanian_side(territory, places):
    # The railway trace passes Turmantas station (issue 10, item 8); Zarasai, taken by the Lithuanian army in
    # August 1919 (Zarasų krašto muziejus), then lies west of the line.
    assert territory.contains(places.loc["zarasai", "geometry"])


def test_the_railway_is_traced_through_turmantas(foch):
    seg = foch.loc["foch_line/s03-railway"]
    assert "turmantas" in seg["offset_from"] and seg["offset_m"] == 12000


def test_the_northern_end_is_not_determined(foch):
    # No source read says where the Foch line ended in the north (PWN; ru.wikipedia).
    north = foch.loc["foch_line/s04-north"]
    assert north["determined"] is False and north["anchors"] == []
    assert foch.loc["foch_line/s03-railway", "determined"] is True


def test_marycha_stretch_is_a_proxy_ending_at_the_czarna_hancza_mouth(foch, places):
    # No source read says today's Lithuania-Belarus border is the Foch line there (issue 10, item 9); the
    # sources name the Neman as the end (PWN "do Niemna"), at the mouth of the Czarna Hańcza.
    seg = foch.loc["foch_line/s02-marycha"]
    assert (seg["basis"], seg["determined"]) == ("proxy", False)
    assert km_to(Point(seg.geometry.coords[-1]), places.loc["czarna_hancza_mouth", "geometry"]) < 0.01


def test_the_foch_area_is_what_the_line_assigned_not_what_was_held(foch, places):
    # Lithuania administered Vilnius from late August to 9 October 1920 (Stearns 2001; Lietuva, October
    # 1920), east of the line: the area is normative (issue 10, item 12).
    terr = foch.loc["foch_line/territory"]
    assert terr["status"] == "demarcation" and "assigned" in terr["name"] and "not the area" in terr["name"]
    assert not terr.geometry.contains(places.loc["vilnius", "geometry"])


def test_kaunas_is_on_lithuanian_side(territory, places):
    # Kaunas was Lithuania's provisional capital throughout ("Kowno (de facto)", pl.wikipedia).
    assert territory.contains(places.loc["kaunas", "geometry"])


def test_suwalki_section_is_todays_border(foch):
    # PWN: "od Jez. Wisztynieckiego do rz. Marychy na odcinku 90 km ... stanowi granicę między Polską a Litwą".
    seg = foch.loc["foch_line/s01-suwalki"]
    assert seg["method"] == "follows_boundary"
    assert seg["confirmed"] == "1919-12-08"
    assert 80 <= seg["length_km"] <= 110


def test_foch_line_runs_12_km_from_the_railway(foch, places):
    # PWN: "12 km na północnym zachodzie równolegle do linii kol. Grodno–Wilno–Dyneburg".
    seg = foch.loc["foch_line/s03-railway"]
    for station in ("vilnius_station", "ignalina_station", "pabrade"):
        assert 10 <= km_to(seg.geometry, places.loc[station, "geometry"]) <= 14, station


def test_june_line_runs_5_km_from_vilnius(foch, places):
    # Nepriklausomoji Lietuva, 25 June 1919: "Nuo Vilniaus mes stovėsime tiktai per penkis kilometrus".
    june = foch.loc["foch_line/line-1919-06-18", "geometry"]
    assert 2 <= km_to(june, places.loc["vilnius", "geometry"]) <= 8


def test_june_line_leaves_druskininkai_to_lithuania(foch, places):
    # Nepriklausomoji Lietuva, 25 June 1919: "palikdama mūsų šone Druskininkus" - the line runs
    # east of Druskininkai, between the town and the railway.
    june = foch.loc["foch_line/line-1919-06-18", "geometry"]
    town = places.loc["druskininkai", "geometry"]
    near = nearest_points(town, june)[1]
    assert near.x > town.x


def test_june_line_starts_between_augustow_and_lyck(foch, places):
    # Nepriklausomoji Lietuva: "prasidedanti tarp Augustavo ir Lyko miestų".
    start = Point(foch.loc["foch_line/line-1919-06-18", "geometry"].coords[0])
    assert places.loc["elk", "geometry"].x < start.x < places.loc["augustow", "geometry"].x


def test_lines_are_dated_in_sequence(foch):
    june, july = foch.loc["foch_line/line-1919-06-18"], foch.loc["foch_line/line-1919-07-26"]
    assert june["valid_from"] == "1919-06-18"
    assert june["valid_to"] == july["valid_from"] == "1919-07-26"
    assert july["presented"] == "1919-07-18"


def test_foch_territory_is_smaller_than_the_treaty_territory(territory):
    # The 1920 treaty recognised Vilnius, Hrodna and Lida as Lithuanian; the Foch line did not.
    treaty = borders.load("treaty_1920").set_index("id").loc["treaty_1920/territory", "geometry"]
    assert territory.area < treaty.area

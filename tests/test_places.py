"""The gazetteer: every place a segment refers to exists, with its source and names."""

import borders
from borders.geodesy import GEOD


def test_every_anchor_refers_to_a_gazetteer_place():
    places = set(borders.load("places")["id"])
    treaty = borders.load("treaty_1920")
    for anchors in treaty.loc[treaty["kind"] == "segment", "anchors"]:
        for anchor in anchors:
            for pid in anchor["place"].split("|"):
                assert pid in places, pid


def test_places_have_a_source_and_an_english_name():
    places = borders.load("places")
    bib = borders.sources()
    gazetteers = set(bib.index[bib["kind"] == "gazetteer"])
    for _, row in places.iterrows():
        # An article's address, or the id of a gazetteer that sources.json describes.
        assert row["coordinate_source"].startswith("https://") or row["coordinate_source"] in gazetteers
        assert row["names"]["en"] == row["name"]
        if row["geonameid"] is not None and row["geonameid"] == row["geonameid"]:
            assert row["sources"] == ["geonames"]


def test_varena_is_the_station_town_not_the_old_village():
    # data-sources.md: the town at the former Orany station is GeoNames 593406 (54.215, 24.575),
    # not Senoji Varėna (54.25, 24.55).
    varena = borders.load("places").set_index("id").loc["varena"]
    assert int(varena["geonameid"]) == 593406
    assert abs(varena.geometry.y - 54.215) < 0.01


def test_railway_offsets_name_their_stations():
    # The 1919 lines are drawn at a distance from the Grodno-Vilnius-Dvinsk railway; each such
    # segment records the gazetteer places the railway is traced through.
    places = set(borders.load("places")["id"])
    foch = borders.load("foch_line").set_index("id")
    for seg_id in ("foch_line/j02-railway", "foch_line/s03-railway"):
        stations = foch.loc[seg_id, "offset_from"]
        assert len(stations) >= 10 and set(stations) <= places
        assert foch.loc[seg_id, "offset_m"] in (5000, 12000)


def test_bastuny_station_lies_22_versts_by_road_from_eisiskes():
    # Rouba, Przewodnik po Litwie i Białejrusi (1909), Lida county: Ejszyszki, "st. kol. ... Bastuny
    # ... w. 22" (read at pawet.net). 22 versts (23.5 km) by road can be no shorter than the straight
    # line, and a country road is seldom a quarter longer.
    places = borders.load("places").set_index("id")
    station, town = places.loc["bastuny_station"].geometry, places.loc["eisiskes"].geometry
    km = GEOD.inv(town.x, town.y, station.x, station.y)[2] / 1000
    assert 23.47 / 1.25 < km <= 23.47

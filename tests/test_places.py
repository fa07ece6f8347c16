"""The gazetteer: every place a segment refers to exists, with its source and names."""

import borders


def test_every_anchor_refers_to_a_gazetteer_place():
    places = set(borders.load("places")["id"])
    treaty = borders.load("treaty_1920")
    for anchors in treaty.loc[treaty["kind"] == "segment", "anchors"]:
        for anchor in anchors:
            for pid in anchor["place"].split("|"):
                assert pid in places, pid


def test_places_have_a_source_and_an_english_name():
    places = borders.load("places")
    for _, row in places.iterrows():
        assert row["coordinate_source"].startswith("https://")
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

"""The area transferred to Lithuania in October 1939, against what the sources say.

Source ids refer to geodata/sources.json. Each fact carries its citation.
"""

import pytest
from conftest import anchor_reach

import borders
from borders.geodesy import GEOD


@pytest.fixture(scope="module")
def layer():
    return borders.load("transfer_1939").set_index("id")


@pytest.fixture(scope="module")
def transfer(layer):
    return layer.loc["transfer_1939/transfer", "geometry"]


TRANSFERRED = {
    "vilnius": "soviet_lithuanian_treaty_1939: the city of Vilnius and the Vilnius region",
    "svencioneliai": "vle_svencioniu_apskritis: the western part of Święciany county, centre Švenčionėliai",
    "ignalina": "mignalina_ignalina: Ignalina became part of Lithuania again after 1939",
    "eisiskes": "ltwiki_valkininku_apskritis: the Eišiškės volost in Valkininkai county (30 October 1939)",
    "turgeliai": "ltwiki_valkininku_apskritis: the Turgeliai volost",
    "valkininkai": "ltwiki_valkininku_apskritis: the Valkininkai volost",
    "varena": "ltwiki_valkininku_apskritis: the Varėna II volost",
}
NOT_TRANSFERRED = {
    "svencionys": "vle_svencioniu_apskritis: the eastern part, centre Švenčionys, to the Byelorussian SSR",
    "marcinkonys": "stravinskiene_2022: the Marcinkonys area stayed in the Byelorussian SSR after 1939",
    "dieveniskes": "stravinskiene_2022: the Dieveniškės area stayed in the Byelorussian SSR",
    "salcininkai": "stravinskiene_2022; blisch_belarus_lit: Šalčininkai joined to the Lithuanian SSR in 1940",
    "druskininkai": "blisch_belarus_lit: Druskininkai went to Lithuania only in 1940, after fierce argument",
    "adutiskis": "blisch_belarus_lit: Adutiškis passed in 1940; ussr_law_1940_08_03: the Hadutsishki raion",
    "vidzy": "ussr_law_1940_08_03: the Vidzy raion was the Byelorussian SSR's",
    "kaunas": "Lithuanian before 1939: not part of what was transferred",
}


@pytest.mark.parametrize("town", sorted(TRANSFERRED))
def test_town_transferred(transfer, places, town):
    assert transfer.contains(places.loc[town, "geometry"]), TRANSFERRED[town]


@pytest.mark.parametrize("town", sorted(NOT_TRANSFERRED))
def test_town_not_transferred(transfer, places, town):
    assert not transfer.intersects(places.loc[town, "geometry"]), NOT_TRANSFERRED[town]


ADDED_1940 = {
    "druskininkai": "blisch_belarus_lit: Druskininkai went to the Lithuanian SSR in 1940, after fierce argument",
    "salcininkai": "blisch_belarus_lit: the raion centre Šalčininkai passed in 1940 without dispute",
    "adutiskis": "blisch_belarus_lit: the raion centre Adutiškis (Godutishki) passed in 1940 without dispute",
    "svencionys": "ltwiki_svencioniu_rajonas_1940: the raion's western selsoviets passed on 25 November 1940",
    "marcinkonys": "stravinskiene_2022: the Marcinkonys area, left in Belarus in 1939, joined the Lithuanian SSR",
    "dieveniskes": "stravinskiene_2022: the Dieveniškės area, left in Belarus in 1939",
}
NOT_ADDED_1940 = {
    "vilnius": "soviet_lithuanian_treaty_1939: Lithuanian from 1939, not an addition of 1940",
    "eisiskes": "ltwiki_valkininku_apskritis: in Lithuania's Valkininkai county from 30 October 1939",
    "kaunas": "Lithuanian throughout",
    "vidzy": "Vidzy stayed in the Byelorussian SSR (today's Belarus)",
    "voronovo": "Voranava stayed in the Byelorussian SSR (today's Belarus)",
}


@pytest.mark.parametrize("town", sorted(ADDED_1940))
def test_town_added_in_1940(layer, places, town):
    assert layer.loc["transfer_1939/additions-1940", "geometry"].contains(places.loc[town, "geometry"]), \
        ADDED_1940[town]


@pytest.mark.parametrize("town", sorted(NOT_ADDED_1940))
def test_town_not_added_in_1940(layer, places, town):
    assert not layer.loc["transfer_1939/additions-1940", "geometry"].intersects(places.loc[town, "geometry"]), \
        NOT_ADDED_1940[town]


def test_the_additions_of_1940_are_dated_and_fill_todays_lithuania(layer):
    # ltwiki_svencioniu_rajonas_1940 and bssr_decree_1940_11_25: passed on 25 November 1940.
    added = layer.loc["transfer_1939/additions-1940"]
    assert added["valid_from"] == "1940-11-25" and added["held_by"] == "Lithuanian SSR"
    # blisch_belarus_lit: the line of 1940 underlies today's border, so the additions and the Lithuania
    # of 1939 (without the Klaipėda Region) meet without overlapping, but for slivers of a few hundred m²
    # where two tracings of the Neman (WDBII and DCW) cross.
    lithuania = layer.loc["transfer_1939/lithuania-1939", "geometry"]
    assert abs(GEOD.geometry_area_perimeter(added.geometry.intersection(lithuania))[0]) < 10_000
    # The edge it shares with today's border is only the stretch from the Czarna Hańcza to Latvia.
    assert "transfer_1939/d01-suwalki" not in added["bounded_by"]


def test_additions_of_1940_against_the_published_figures():
    # svaboda_mezhy_3: "about 2.6 thousand km²"; blisch_belarus_lit: "about two thousand" km². Both lie in
    # the interval. The drawn area is 14 % above the first; the tolerance of 15 % was set from that, and
    # the line of 1939 it rests on (14-20 km uncertainty) would allow far more: this guards the drawn
    # area against drifting further from the published figure, nothing more.
    row = borders.areas(borders.load_all()).set_index("feature").loc["transfer_1939/additions-1940"]
    assert row.area_km2_min <= 2_000 and 2_650 <= row.area_km2_max
    assert abs(row.area_km2 - 2_600) / 2_600 < 0.15


def test_area_against_the_published_figures():
    # enciclopedia_italiana_vilna: 6,656 km²; pwn_wilenski_kraj: 6.9 thousand km² (6,850-6,950 as rounded).
    # The published range lies inside the uncertainty interval, and the drawn area inside the range.
    row = borders.areas(borders.load_all()).set_index("feature").loc["transfer_1939/transfer"]
    assert row.area_km2_min <= 6_656 and 6_950 <= row.area_km2_max
    assert 6_656 <= row.area_km2 <= 6_950


def test_lithuania_of_1939_against_the_published_figure():
    # gowild_wilno_1939 (a 1939 Lithuanian geographic review): Lithuania with the Vilnius region 59,522 km²
    row = borders.areas(borders.load_all()).set_index("feature").loc["transfer_1939/lithuania-1939"]
    assert row.area_km2 == pytest.approx(59_522, rel=0.02)


def test_the_line_of_1939_lies_within_todays_lithuania(layer):
    # blisch_belarus_lit; ussr_law_1940_08_03: the changes of 1940 only added to Lithuania, so its line of 1939
    # cannot lie beyond today's border (which the line of 1940 underlies) by more than its uncertainty
    from pyproj import Geod

    lithuania = borders.load("modern_countries").set_index("id").loc["modern_countries/LT", "geometry"]
    for sid, seg in layer[layer["line"] == "transfer_1939/line-1939"].iterrows():
        outside = seg.geometry.difference(lithuania.buffer(0.002))
        assert Geod(ellps="WGS84").geometry_length(outside) < seg["uncertainty_m"], sid


def test_no_written_line_so_nothing_is_determined(layer):
    # karys_1955_demarcation: the line was drawn on a map and demarcated by mixed sub-commissions
    for sid, seg in layer[layer["line"] == "transfer_1939/line-1939"].iterrows():
        assert not seg["determined"] and seg["basis"] in ("inferred", "proxy"), sid


def test_dates(layer):
    line = layer.loc["transfer_1939/line-1939"]
    assert (line["signed"], line["in_force"], line["valid_from"]) == ("1939-10-10", "1939-10-16", "1939-10-28")
    assert layer.loc["transfer_1939/transfer", "valid_to"] == "1940-06-15"  # the Soviet occupation
    assigned = layer.loc["transfer_1939/transfer-assigned"]
    assert (assigned["valid_from"], assigned["valid_to"]) == ("1939-10-16", "1939-10-28")
    assert not isinstance(assigned["held_by"], str)  # the Red Army held it until the hand-over
    # held; no treaty of these layers assigned the whole
    assert not isinstance(layer.loc["transfer_1939/lithuania-1939", "assigned_to"], str)
    assert layer.loc["transfer_1939/line-1940", "valid_from"] == "1940-11-25"  # bssr_decree_1940_11_25


def test_the_line_of_1940_and_its_additions_were_set_by_decree_not_treaty(layer):
    # bssr_decree_1940_11_25 (a decree of the BSSR's Supreme Soviet Presidium) and ussr_law_1940_08_03,
    # which left the boundary to the two republics: no treaty between states made them.
    for fid in ("transfer_1939/line-1940", "transfer_1939/b01-belarus", "transfer_1939/additions-1940"):
        assert layer.loc[fid, "status"] == "decree", fid
    assert layer.loc["transfer_1939/line-1939", "status"] == "treaty"  # the treaty of 10 October 1939


def test_every_vertex_lies_within_its_segment_uncertainty(layer, places):
    own = layer[(layer["line"] == "transfer_1939/line-1939")]
    checked = 0
    for sid, seg in own.iterrows():
        for anchor in seg["anchors"]:
            assert anchor_reach(seg, anchor, places) <= seg["uncertainty_m"], (sid, anchor["place"])
            checked += 1
    assert checked >= 8

"""The zone held by Żeligowski's forces (Central Lithuania) against what the sources say.

Source ids refer to geodata/sources.json. Each fact carries its citation.
"""

import pytest
from pyproj import Geod

import borders
from borders.classify import classify

GEOD = Geod(ellps="WGS84")


@pytest.fixture(scope="module")
def layer():
    return borders.load("zeligowski_zone").set_index("id")


@pytest.fixture(scope="module")
def zone(layer):
    return layer.loc["zeligowski_zone/zone", "geometry"]


# Inside: the counties the Polish-Central Lithuanian boundary enclosed in November 1920 --
# "wschodnią granicą ówczesnego powiatu święciańskiego ... powiatu oszmiańskiego ...
# południową granicą powiatu wileńskiego i trockiego" [plwiki_granica_pl_cl].
INSIDE = {
    "vilnius": "plwiki_granica_pl_cl (Wilno county); the Republic's capital",
    "trakai": "plwiki_granica_pl_cl (Troki county)",
    "svencionys": "plwiki_granica_pl_cl (Święciany county)",
    "ashmyany": "plwiki_granica_pl_cl (Oszmiana county, northern part: plwiki_powiat_oszmianski)",
    "smarhon": "plwiki_powiat_oszmianski (Smorgonie is not among the 14 districts moved out)",
    "svir": "ruwiki_sventsyany_uyezd (Svir, a rural office of Święciany county)",
    "pabrade": "plwiki_pas_neutralny (the zone ran 'od Podbrodzia', Podbrodzie on the Polish side)",
}

# Outside: Kaunas Lithuania, the neutral zone, and counties Central Lithuania did not include in 1920.
OUTSIDE = {
    "kaunas": "plwiki_granica_pl_cl: Kovno county is not among the counties it names",
    "ukmerge": "plwiki_granica_pl_cl: Wiłkomierz county (Kovno governorate) is not among them",
    "zarasai": "plwiki_pas_neutralny: the zone left 'Jeziorosy po stronie litewskiej'",
    "sirvintos": "krastonaujienos_sirvintos: Širvintos 'atsidūrė neutralioje zonoje'",
    "giedraiciai": "sirvinta_neutral_zone: on the Lithuanian edge of the zone",
    "lida": "plwiki_granica_pl_cl: Lida county added, by some accounts, only in January 1922",
    "braslaw": "plwiki_granica_pl_cl: Brasław county added only in January 1922 (zone-1922)",
    "hrodna": "plwiki_granica_pl_cl: Grodno county is not among the counties it names",
    "minsk": "plwiki_granica_pl_cl: Minsk governorate is not among them",
}


@pytest.mark.parametrize("town", sorted(INSIDE))
def test_town_inside_central_lithuania(zone, places, town):
    assert zone.contains(places.loc[town, "geometry"]), INSIDE[town]


@pytest.mark.parametrize("town", sorted(OUTSIDE))
def test_town_outside_central_lithuania(zone, places, town):
    assert not zone.intersects(places.loc[town, "geometry"]), OUTSIDE[town]


# Towns near an edge: the drawn zone must put them on their sourced side, and the
# classification must not contradict it (it may say 'uncertain', never the wrong side).
NEAR_EDGE = {
    "varena": (True, "varena_seniunija: Varėna II (Orany) was on the Polish side of the Merkys"),
    "senoji_varena": (False, "varena_seniunija: Varėna I was Lithuanian"),
    "kobylnik": (True, "plwiki_narocz_village: 'W latach 1920-22 Kobylnik wchodził w skład Litwy Środkowej'"),
    "dieveniskes": (True, "plwiki_bieczany (3.5 km north): 'W latach 1920-1922 na terenie Litwy Środkowej'"),
    "eisiskes": (False, "ruwiki_lida_uyezd: Lida county ('Эйшишская'); not in the 1920 boundary"),
    "pastavy": (False, "plwiki_powiat_dzisnienski: Disna, from 7 November 1920 Duniłowicze county"),
    "myadzyel": (False, "lyczkowski_powiat_wilejski: Vileyka county; sgkp_narocz: part of Lake Narach in it"),
    "vileyka": (False, "lyczkowski_powiat_wilejski; the boundary reached the Viliya short of Vileyka"),
    "valozhyn": (False, "plwiki_powiat_oszmianski: Wołożyn county from 12 December 1920"),
    "maladzyechna": (False, "lyczkowski_powiat_wilejski: Vileyka county"),
}


@pytest.mark.parametrize("town", sorted(NEAR_EDGE))
def test_town_near_an_edge_is_on_its_sourced_side(zone, places, town):
    inside, why = NEAR_EDGE[town]
    assert zone.contains(places.loc[town, "geometry"]) == inside, why


def test_classification_never_contradicts_a_sourced_side(places):
    towns = sorted(INSIDE) + sorted(OUTSIDE) + sorted(NEAR_EDGE)
    expected = {**{t: "in" for t in INSIDE}, **{t: "out" for t in OUTSIDE},
                **{t: "in" if NEAR_EDGE[t][0] else "out" for t in NEAR_EDGE}}
    table = classify(places.loc[towns, "geometry"].values, at="1921-06-01", distances=False)
    table.index = towns
    for town in towns:
        assert table.loc[town, "zeligowski_zone/zone"] in (expected[town], "uncertain"), town
    # the clear cases are not hidden behind 'uncertain'
    for town in ("vilnius", "trakai", "svencionys", "ashmyany"):
        assert table.loc[town, "zeligowski_zone/zone"] == "in", town
    for town in ("kaunas", "ukmerge", "lida", "sirvintos", "giedraiciai"):
        assert table.loc[town, "zeligowski_zone/zone"] == "out", town


def test_area_agrees_with_the_published_figure():
    # ukwiki_central_lithuania: "Площа - 1920: 13 490 км2" (en.wikipedia gives 13,490 km² too).
    row = borders.areas(borders.load_all()).set_index("feature").loc["zeligowski_zone/zone"]
    assert row.area_km2_min <= 13_490 <= row.area_km2_max
    assert row.area_km2 == pytest.approx(13_490, rel=0.02)


def test_every_vertex_lies_within_its_segment_uncertainty(layer, places):
    # A vertex between two places on either side of a county edge: the edge lies somewhere
    # between them, so the segment's uncertainty must cover half their distance, plus the
    # places' own uncertainty, plus how far the vertex sits from the midpoint (a vertex
    # snapped to a border). A vertex at or offset from one place must be within reach of it.
    segments = layer[layer["kind"] == "segment"]
    checked = 0
    for seg_id, seg in segments.iterrows():
        for anchor in seg["anchors"]:
            if "|" in anchor["place"]:
                a, b = anchor["place"].split("|")
                pa, pb = places.loc[a, "geometry"], places.loc[b, "geometry"]
                reach = GEOD.inv(pa.x, pa.y, pb.x, pb.y)[2] / 2 + max(places.loc[[a, b], "uncertainty_m"])
            else:
                reach = (anchor.get("offset_m") or 0) + places.loc[anchor["place"], "uncertainty_m"]
            need = reach + anchor["distance_m"]
            assert need <= seg["uncertainty_m"], (seg_id, anchor["place"], round(need))
            checked += 1
    assert checked >= 25


def test_the_lines_close_each_zone(layer):
    lines = layer[layer["kind"] == "line"]["geometry"]
    north_1920 = lines["zeligowski_zone/line-poland-north-1920"]
    poland = lines["zeligowski_zone/line-poland"]
    lithuania = lines["zeligowski_zone/line-lithuania"]
    braslaw = lines["zeligowski_zone/line-braslaw-1922"]
    # 1920: north edge -> Poland -> Lithuania -> back; 1922: Brasław county instead of the north edge
    assert north_1920.coords[-1] == poland.coords[0] == braslaw.coords[-1]
    assert poland.coords[-1] == lithuania.coords[0]
    assert lithuania.coords[-1] == north_1920.coords[0] == braslaw.coords[0]
    assert set(layer.loc[layer["kind"] == "zone"].index) == {"zeligowski_zone/zone", "zeligowski_zone/zone-1922"}


def test_zones_are_dated_from_the_armistice_through_the_incorporation(layer):
    zone, zone_1922 = layer.loc["zeligowski_zone/zone"], layer.loc["zeligowski_zone/zone-1922"]
    # Decree No. 1 of 12 October 1920 defined the boundary with Poland (plwiki_granica_pl_cl); the
    # limit facing Lithuania is the demarcation line of 30 November 1920 (plwiki_pas_neutralny),
    # so the zone it closes starts then; Brasław county was added "w styczniu 1922 roku"
    # (plwiki_granica_pl_cl); the act of 6 April 1922 took effect on 18 April.
    assert layer.loc["zeligowski_zone/line-poland", "valid_from"] == "1920-10-12"
    assert layer.loc["zeligowski_zone/line-lithuania", "valid_from"] == "1920-11-30"
    assert (zone["valid_from"], zone["valid_to"]) == ("1920-11-30", "1922-01-01")
    assert (zone_1922["valid_from"], zone_1922["valid_to"], zone_1922["valid_from_edtf"]) == (
        "1922-01-01", "1922-04-18", "1922-01")
    point = borders.load("places").geometry.values[:1]
    assert "zeligowski_zone/zone" in classify(point, at="1921-12-31", distances=False)
    assert "zeligowski_zone/zone-1922" in classify(point, at="1922-02-01", distances=False)
    assert not {"zeligowski_zone/zone", "zeligowski_zone/zone-1922"} & set(
        classify(point, at="1923-01-01", distances=False))


# 1922: the act of 6 April 1922 names the Wilno Land as "powiaty: wileński, oszmiański,
# święciański, trocki i brasławski" [dzu_1922_26_213].
INSIDE_1922 = {
    "braslaw": "dzu_1922_26_213 (Brasław county)",
    "vidzy": "plwiki_powiat_braslawski (gmina Widze)",
    "dukstas": "plwiki_powiat_braslawski (gmina Dukszty)",
    "vilnius": "dzu_1922_26_213 (Wilno county)",
}
OUTSIDE_1922 = {
    "lida": "dzu_1922_26_213 does not name Lida county",
    "druya": "Disna county (SGKP; attached to the Wilno Land for administration only, art. 8)",
    "pastavy": "Duniłowicze county, attached for administration only (dzu_1922_26_213 art. 8)",
    "zarasai": "plwiki_pas_neutralny: Lithuanian side of the zone",
    "daugavpils": "Latvia",
    "kaunas": "Lithuania",
}


@pytest.mark.parametrize("town", sorted(INSIDE_1922))
def test_town_inside_central_lithuania_in_1922(layer, places, town):
    assert layer.loc["zeligowski_zone/zone-1922", "geometry"].contains(places.loc[town, "geometry"]), \
        INSIDE_1922[town]


@pytest.mark.parametrize("town", sorted(OUTSIDE_1922))
def test_town_outside_central_lithuania_in_1922(layer, places, town):
    assert not layer.loc["zeligowski_zone/zone-1922", "geometry"].intersects(places.loc[town, "geometry"]), \
        OUTSIDE_1922[town]


def test_braslaw_was_outside_before_1922(zone, places):
    # plwiki_granica_pl_cl: Brasław county was added only in January 1922.
    assert not zone.intersects(places.loc["braslaw", "geometry"])

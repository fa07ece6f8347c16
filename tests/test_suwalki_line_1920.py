"""The demarcation line of the Suwałki Agreement (7 October 1920) against what the sources say.

Source ids refer to geodata/sources.json. Each fact carries its citation.
"""

import pytest
import shapely
from conftest import anchor_reach, km_to
from pyproj import Geod

import borders

GEOD = Geod(ellps="WGS84")


@pytest.fixture(scope="module")
def layer():
    return borders.load("suwalki_line_1920").set_index("id")


@pytest.fixture(scope="module")
def line(layer):
    return layer.loc["suwalki_line_1920/line", "geometry"]


def side_of(line, point) -> str:
    """'left' or 'right' of a line, facing the way it runs, at its point nearest ``point``."""
    coords = list(line.coords)
    at = line.project(point)
    run = 0.0
    for (x0, y0), (x1, y1) in zip(coords, coords[1:], strict=False):
        step = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
        if run + step >= at:
            cross = (x1 - x0) * (point.y - y0) - (y1 - y0) * (point.x - x0)
            return "left" if cross > 0 else "right"
        run += step
    raise AssertionError("point beyond the line")


# The line runs from East Prussia eastwards, so Lithuania lies on its left, Poland on its right.
SIDES = {
    "merkine": ("left", "pries100metu_1920_10_06: the line east of Uciecha 'Lietuvos pusėj palieka Merkine'"),
    "varena": ("right", "vle_suvalku_sutartis: 'Varėnos geležinkelio stotis – Lenkijos pusėje'; "
                        "suwalki_agreement_1920_fr ch. III: Orany station under Polish authority"),
    # a statement for 1920-1939 as a whole, so for October 1920 too
    "senoji_varena": ("left", "varena_seniunija: Varėna I Lithuanian, the line between the two (1920-1939)"),
    "kaunas": ("left", "vle_suvalku_sutartis: the region north of the Varėna-Eišiškės line stayed Lithuanian"),
    # the line ran along the road through Ejszyszki, "pozostawiając całą tę drogę ... w ręku władz polskich"
    "eisiskes": ("right", "suwalki_agreement_1920_pl, Art. 1(a): the road through Eišiškės left Polish"),
}


@pytest.mark.parametrize("town", sorted(SIDES))
def test_town_on_its_sourced_side(line, places, town):
    side, why = SIDES[town]
    assert side_of(line, places.loc[town, "geometry"]) == side, why


def test_the_road_through_eisiskes_is_left_polish(line, places):
    # suwalki_agreement_1920_pl, Art. 1(a): along the road through Ejszyszki, "pozostawiając całą tę
    # drogę ... w ręku władz polskich": the line passes beside the town, not through it.
    town = places.loc["eisiskes", "geometry"]
    assert side_of(line, town) == "right" and km_to(line, town) >= 0.5  # before: 0.0 km, on the line


def test_the_line_crosses_the_railway_about_2_km_north_east_of_orany(layer, places):
    # suwalki_agreement_1920_pl: "w przybliżeniu o 2 kilometry na północny-wschód od stacji kolejowej Orany"
    end = layer.loc["suwalki_line_1920/s04-merkys", "geometry"].coords[-1]
    varena = places.loc["varena", "geometry"]
    azimuth, _, distance = GEOD.inv(varena.x, varena.y, *end)
    assert distance == pytest.approx(2000, abs=1) and azimuth == pytest.approx(45, abs=0.01)


def test_the_suwalki_sector_is_the_line_of_8_december_1919(layer):
    # suwalki_agreement_1920_pl: from East Prussia "linia ustanowiona uchwałą Rady Najwyższej z 8 grudnia
    # 1919 r.": the Foch line's Suwałki section, drawn once in foch_line and used again here.
    foch = borders.load("foch_line").set_index("id")
    s01 = layer.loc["suwalki_line_1920/s01-suwalki"]
    assert s01["same_as"] == "foch_line/s01-suwalki"
    assert s01.geometry.equals(foch.loc["foch_line/s01-suwalki", "geometry"])
    assert s01["sources"] == foch.loc["foch_line/s01-suwalki", "sources"]


def test_the_neman_stretch_follows_the_river(layer, places):
    # "Dalej wzdłuż rzeki Niemna do ujścia rzeki Grawe": from the Czarna Hańcza mouth down the Neman
    s03 = layer.loc["suwalki_line_1920/s03-neman"]
    assert s03["method"] == "follows_river"
    druskininkai = places.loc["druskininkai", "geometry"]  # a town on the Neman's right bank
    assert km_to(s03.geometry, druskininkai) < 3


def test_the_line_east_of_bastuny_is_left_open(layer):
    # suwalki_agreement_1920_fr, Art. 1(c): east of Bastuny "réglées par un accord spécial"
    line = layer.loc["suwalki_line_1920/line"]
    assert "Art. 1(c)" in line["note"] and "east of Bastuny" in line["note"]
    assert "Art. 1(c)" in layer.loc["suwalki_line_1920/s06-bastuny", "note"]


def test_unlocated_points_of_the_text_keep_their_segments_undetermined(layer):
    for sid in ("suwalki_line_1920/s03b-grawe", "suwalki_line_1920/s04-merkys", "suwalki_line_1920/s05-eisiskes",
                "suwalki_line_1920/s06-bastuny"):
        seg = layer.loc[sid]
        assert seg["basis"] == "text" and len(seg["unidentified"]) >= 1 and not seg["determined"], sid


def test_dates(layer):
    # plwiki_umowa_suwalska: signed 7 October 1920; enwiki_suwalki_agreement: in effect from noon on 10 October.
    line = layer.loc["suwalki_line_1920/line"]
    assert (line["signed"], line["in_force"], line["valid_from"]) == ("1920-10-07", "1920-10-10", "1920-10-10")
    # east of Varėna the armistice line of 30 November 1920 replaced it; the Suwałki sector held until 1923
    assert layer.loc["suwalki_line_1920/s05-eisiskes", "valid_to"] == "1920-11-30"
    assert layer.loc["suwalki_line_1920/s06-bastuny", "valid_to"] == "1920-11-30"
    assert layer.loc["suwalki_line_1920/s03-neman", "valid_to"] == "1923-03-15"


def test_every_vertex_lies_within_its_segment_uncertainty(layer, places):
    for sid, seg in layer[(layer["kind"] == "segment") & layer["same_as"].isna()].iterrows():
        for anchor in seg["anchors"]:
            assert anchor_reach(seg, anchor, places) <= seg["uncertainty_m"], (sid, anchor["place"])


def test_the_line_ends_at_bastuny_station(layer):
    # Suwałki Agreement, Art. 1(a) (Polish text, read at pogon.lt): the road "do stacji Bastuny,
    # pozostawiając całą tę drogę i stację Bastuny w ręku władz polskich"; beyond it Art. 1(c) leaves
    # the line to a special agreement.
    station = borders.load("places").set_index("id").loc["bastuny_station"].geometry
    end = shapely.get_coordinates(layer.loc["suwalki_line_1920/line"].geometry)[-1]
    assert GEOD.inv(*end, station.x, station.y)[2] < 1
    last = layer.loc["suwalki_line_1920/s06-bastuny"]
    assert not last["determined"]
    assert {"Podzitwa", "Horodenka"} <= set(last["unidentified"])


def test_the_demilitarised_strip_keeps_6_km_either_side(layer):
    # plwiki_umowa_suwalska: both sides "wycofać swe wojska do 6 km w głąb własnego terytorium", a 12 km
    # strip; herder_litauen_1921: the rule for the stretch from the German border to the Grawe.
    strip = layer.loc["suwalki_line_1920/demilitarised-strip"]
    assert strip["kind"] == "zone" and (strip["valid_from"], strip["valid_to"]) == ("1920-10-10", "1923-03-15")
    assert strip["held_by"] is None or strip["held_by"] != strip["held_by"]  # each side governed its half
    sector = shapely.union_all([layer.loc[f"suwalki_line_1920/{sid}"].geometry
                                for sid in ("s01-suwalki", "s02-marycha", "s03-neman", "s03b-grawe")])
    ends = shapely.points([shapely.get_coordinates(sector)[0], shapely.get_coordinates(
        layer.loc["suwalki_line_1920/s03b-grawe"].geometry)[-1]])
    for sid in ("z01-lithuanian-side", "z02-polish-side"):
        edge = layer.loc[f"suwalki_line_1920/{sid}"].geometry
        # away from the two ends, where the cross-pieces are, every vertex is 6 km from the line
        inner = [p for p in shapely.points(shapely.get_coordinates(edge)) if min(km_to(e, p) for e in ends) > 15]
        gaps = [km_to(sector, p) for p in inner]
        assert len(gaps) > 50 and all(5.8 < g < 6.2 for g in gaps), (sid, min(gaps), max(gaps))
    # 12 km wide over the sector's length (about 150 km drawn): 1,800 km², give or take the ends and bends
    area = borders.areas(layer.reset_index()).set_index("feature").loc["suwalki_line_1920/demilitarised-strip"]
    assert 1_500 < area.area_km2 < 2_100

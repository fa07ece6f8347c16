"""The 1920 treaty layer against what the sources say.

Source ids refer to geodata/sources.json. Each fact carries its citation.
"""

import pytest
import shapely
from conftest import km_to
from pyproj import Geod
from shapely.geometry import Point
from shapely.ops import nearest_points

import borders

GEOD = Geod(ellps="WGS84")
VERST_KM = 1.0668


@pytest.fixture(scope="module")
def treaty():
    return borders.load("treaty_1920")


@pytest.fixture(scope="module")
def territory(treaty):
    return treaty.loc[treaty["kind"] == "territory", "geometry"].iloc[0]


@pytest.fixture(scope="module")
def line(treaty):
    return treaty.loc[treaty["kind"] == "line"].iloc[0]


# Towns sources place on the Lithuanian side of the 1920 line.
LITHUANIAN_SIDE = {
    # Gritskevich p. 64: "Литве доставались города Гродно, Лида, Вильня, Ошмяны и Браслав".
    "hrodna": "gritskevich_zapadny_front",
    "lida": "gritskevich_zapadny_front",
    "vilnius": "gritskevich_zapadny_front",
    "ashmyany": "gritskevich_zapadny_front",
    "braslaw": "gritskevich_zapadny_front",
    # Zhukov: "на литовской – Свирь, Сморгонь, Ошмяны".
    "svir": "zhukov_pervoe_porazhenie",
    "smarhon": "zhukov_pervoe_porazhenie",
    # ru.wikipedia (Polish translation): "Grodno, Szczuczyn, Oszmiany, Smorgoń, Brasław, Lida".
    "shchuchyn": "ruwiki_moscow_treaty",
    # Kuroptev memo 1939: Lithuania recognised over the Kovno governorate.
    "kaunas": "kuroptev_memo_1939",
}

# Towns sources place on the Russian side.
RUSSIAN_SIDE = {
    # Gritskevich p. 64: "оставляя на российской стороне местечко Воложин ..., города Молодечно ... и Вилейка".
    "valozhyn": "gritskevich_zapadny_front",
    "vileyka": "gritskevich_zapadny_front",
    # Statesman's Year-Book 1921 p. 1248: the line begins "westward from Druja";
    # Gritskevich p. 64: "Друя (на российской стороне)".
    "druya": "statesmans_yearbook_1921",
    "minsk": "gritskevich_zapadny_front",  # the line runs 60-70 km west of Minsk
}


@pytest.mark.parametrize("town", sorted(LITHUANIAN_SIDE))
def test_town_on_lithuanian_side(territory, places, town):
    assert territory.contains(places.loc[town, "geometry"]), LITHUANIAN_SIDE[town]


@pytest.mark.parametrize("town", sorted(RUSSIAN_SIDE))
def test_town_on_russian_side(territory, places, town):
    assert not territory.intersects(places.loc[town, "geometry"]), RUSSIAN_SIDE[town]


def test_klaipeda_region_is_outside(territory, places):
    # Versailles Art. 99: the Memel/Klaipėda Region was detached from Germany, not given
    # to Lithuania, which took it only in 1923.
    for town in ("klaipeda", "silute"):
        assert not territory.contains(places.loc[town, "geometry"])


def test_line_runs_15_to_20_versts_south_of_hrodna(line, places):
    # Statesman's Year-Book 1921: "circles the city of Gardinas at a radius of 15 to 20 versts to the south".
    hrodna = places.loc["hrodna", "geometry"]
    grodno_segment = line.geometry  # the whole line: its nearest part to Hrodna is this arc
    dist = km_to(grodno_segment, hrodna)
    slack = 7.0  # the segment's uncertainty_m, in km
    assert 15 * VERST_KM - slack <= dist <= 20 * VERST_KM + slack
    near = nearest_points(hrodna, grodno_segment)[1]
    assert near.y < hrodna.y  # to the south


def test_line_cuts_the_maladzyechna_junction(treaty, places):
    # Statesman's Year-Book 1921: "it cuts in half the Molodecno railway junction".
    seg = treaty.set_index("id").loc["treaty_1920/s04-maladzyechna"]
    assert km_to(seg.geometry, places.loc["maladzyechna", "geometry"]) * 1000 <= seg["uncertainty_m"]


def test_line_passes_about_one_km_from_valozhyn(line, places):
    # Gritskevich p. 64: Volozhin on the Russian side, "1 км от границы".
    assert 0.5 <= km_to(line.geometry, places.loc["valozhyn", "geometry"]) <= 2.0


def test_line_runs_60_to_70_km_west_of_minsk(line, places):
    # Gritskevich p. 64: "проходила в 60-70 км западнее Минска"; Zhukov: "в 70 километрах западнее Минска".
    assert 55 <= km_to(line.geometry, places.loc["minsk", "geometry"]) <= 75


def test_line_ends_on_the_dvina_west_of_druya(line, places):
    # Statesman's Year-Book 1921: "Beginning at the Dvina River westward from Druja".
    end = Point(line.geometry.coords[-1])
    druya = places.loc["druya", "geometry"]
    assert end.x < druya.x
    assert km_to(end, druya) < 5
    latvia = borders.load("modern_countries").set_index("iso_a2").loc["LV", "geometry"]
    assert km_to(latvia.boundary, end) < 0.01  # on today's Latvian border, i.e. the Dvina


def test_line_starts_south_of_augustow(line, places):
    # Gritskevich p. 64: "начиналась на западе южнее польского Августова".
    start = Point(line.geometry.coords[0])
    assert start.y < places.loc["augustow", "geometry"].y
    assert km_to(start, places.loc["augustow", "geometry"]) < 40


def test_every_anchor_lies_within_its_segments_uncertainty(treaty, places):
    # Each vertex the builder put at (or at a stated distance from) a named place.
    segments = treaty[treaty["kind"] == "segment"]
    checked = 0
    for _, seg in segments.iterrows():
        for anchor in seg["anchors"]:
            if "|" in anchor["place"]:
                continue  # midpoints between two towns
            assert anchor["place"] in places.index, anchor
            assert anchor["distance_m"] <= seg["uncertainty_m"], (seg["id"], anchor)
            if not anchor.get("offset_m"):
                point = places.loc[anchor["place"], "geometry"]
                assert km_to(seg.geometry, point) * 1000 <= seg["uncertainty_m"], (seg["id"], anchor)
            checked += 1
    assert checked >= 20


def test_named_points_of_the_text_lie_on_the_line(line, places):
    # LoNTS Art. II: across "the Miastra lake", "the Madziol lake", "along this small stream
    # [the Miadzelka] to its junction with the Disna"; Year-Book: "through Koziany, Postavy".
    for pid in ("lake_myastra", "lake_myadzel", "myadzelka_source", "kazyany", "pastavy"):
        assert km_to(line.geometry, places.loc[pid, "geometry"]) < 0.01, pid


def test_segments_carry_provenance(treaty):
    segments = treaty[treaty["kind"] == "segment"]
    assert len(segments) >= 15
    assert set(segments["method"]) <= {"named_place", "follows_river", "follows_boundary",
                                       "interpolated", "follows_shore"}
    assert segments["uncertainty_m"].gt(0).all()
    treaty_segments = segments[segments["line"] == "treaty_1920/line"]
    assert treaty_segments["clause"].notna().all()
    assert (treaty_segments["clause"].str.split().str.len() <= 25).all()  # a short clause, not prose


def test_suwalki_closing_segment_is_marked_undetermined(treaty):
    # plwiki: the treaty "nie regulował granicy między Litwą a Polską" (Art. II, note 1).
    closing = treaty.set_index("id").loc["treaty_1920/f07-undetermined"]
    assert closing["determined"] is False or closing["determined"] == False  # noqa: E712
    assert closing["status"] == "undetermined"
    assert closing["uncertainty_m"] >= 10_000


def test_neman_segment_follows_the_river(treaty):
    # Year-Book: "along the Niemen". A river course is far longer than the chord between its ends.
    seg = treaty.set_index("id").loc["treaty_1920/s02-neman"]
    coords = seg.geometry.coords
    chord = GEOD.inv(*coords[0], *coords[-1])[2] / 1000
    assert seg["length_km"] > 1.3 * chord
    assert len(coords) > 100


def test_territory_is_closed_by_its_segments(treaty, territory):
    segments = treaty[treaty["kind"] == "segment"]
    edges = shapely.union_all(segments.geometry.values)
    assert territory.boundary.hausdorff_distance(edges) < 1e-6
    assert territory.is_valid and territory.geom_type == "Polygon"


def test_territory_area_is_plausible(territory):
    # Lithuania's area in 1923 with the Klaipėda Region was 55,670 km² (Lithuanian census of
    # 1923, per en.wikipedia); the 1920 treaty territory added the Vilnius, Hrodna and Lida
    # regions, so it must be far larger, yet smaller than Lithuania and Belarus's west together.
    area_km2 = abs(GEOD.geometry_area_perimeter(territory)[0]) / 1e6
    assert 70_000 < area_km2 < 100_000

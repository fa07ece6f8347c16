"""Town classification at a date: invariants, hand-checked geometry and sourced town sides."""

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from conftest import frame, territory
from ellipsoid import meridian_arc_m, parallel_box, reference_distance_m
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Point, Polygon

import borders
from borders import BordersError
from borders.classify import check_position, classify, where


@pytest.fixture(scope="module")
def shipped():
    return borders.load_all()


def square_layer(uncertainty_m=5000):
    """One territory, 24-26° E, 54-55° N, whose edges are uncertain by ``uncertainty_m``."""
    return frame(territory("sq", parallel_box(24, 54, 26, 55), uncertainty_m=uncertainty_m))


def test_states_and_distances_by_hand():
    points = [Point(25, 54.5),   # centre: 55 km from the nearest edge
              Point(25, 54.02),  # 2.2 km inside the southern edge: within 5 km, uncertain
              Point(25, 53.9),   # 11 km south of it: out
              Point(26.03, 54.5)]  # 1.9 km east of the eastern edge: uncertain
    table = classify(points, frame=square_layer())
    assert table["sq"].tolist() == ["in", "uncertain", "out", "uncertain"]
    assert table.loc[0, "sq:distance_km"] == pytest.approx(meridian_arc_m(54, 54.5) / 1e3, rel=1e-3)
    assert table.loc[1, "sq:distance_km"] == pytest.approx(meridian_arc_m(54, 54.02) / 1e3, rel=1e-3)
    assert table.loc[2, "sq:distance_km"] == pytest.approx(meridian_arc_m(53.9, 54) / 1e3, rel=1e-3)


def test_without_uncertainty_there_is_no_uncertain_state():
    table = classify([Point(25, 54.02), Point(25, 53.99)], frame=square_layer(0), distances=False)
    assert table["sq"].tolist() == ["in", "out"]
    assert list(table.columns) == ["sq"]


def test_missing_points_get_missing_states():
    table = classify(gpd.GeoSeries([Point(25, 54.5), None, Point()], index=[10, 20, 30]), frame=square_layer())
    assert table.loc[10, "sq"] == "in"
    assert table.loc[[20, 30], "sq"].isna().all()
    assert table.loc[[20, 30], "sq:distance_km"].isna().all()


def test_points_in_another_crs_are_reprojected():
    here = gpd.GeoSeries([Point(25, 54.5)], crs=4326).to_crs(3035)
    assert classify(here, frame=square_layer())["sq"].tolist() == ["in"]


def test_a_polygon_is_refused_with_one_line():
    with pytest.raises(BordersError, match=r"classify takes points; row 1 is a Polygon"):
        classify([Point(25, 54.5), Polygon([(24, 54), (25, 54), (25, 55)])], frame=square_layer())


coords = st.tuples(st.floats(23.0, 27.0), st.floats(53.5, 55.5))


@settings(max_examples=40, deadline=None)
@given(st.lists(coords, min_size=1, max_size=40), st.randoms(use_true_random=False))
def test_classification_does_not_depend_on_input_order(points, rnd):
    layer = square_layer()
    geoms = [Point(x, y) for x, y in points]
    order = list(range(len(geoms)))
    rnd.shuffle(order)
    straight = classify(geoms, frame=layer)
    shuffled = classify([geoms[i] for i in order], frame=layer)
    shuffled.index = order
    pd.testing.assert_frame_equal(straight, shuffled.sort_index())


def test_sure_answers_agree_with_sjoin(shipped):
    # Where classify is sure, it must say what a plain point-in-polygon join says.
    rng = np.random.default_rng(7)
    points = gpd.GeoDataFrame(geometry=shapely.points(rng.uniform(19, 32, 20_000), rng.uniform(51, 58, 20_000)),
                              crs=4326)
    states = classify(points, frame=shipped, distances=False)
    for feature in ["treaty_1920/territory", "foch_line/territory"]:
        poly = shipped.set_index("id").loc[feature, "geometry"]
        joined = gpd.sjoin(points, gpd.GeoDataFrame(geometry=[poly], crs=4326), predicate="within")
        inside = np.isin(np.arange(len(points)), joined.index)
        sure = (states[feature] != "uncertain").to_numpy()
        assert np.array_equal(inside[sure], (states[feature] == "in").to_numpy()[sure])
        assert 0 < sure.sum() < len(points)


def test_at_selects_the_features_valid_that_day(shipped):
    vilnius = [Point(25.2798, 54.6892)]
    assert list(classify(vilnius, at="1919-08-01", frame=shipped, distances=False).columns) == [
        "foch_line/territory"]
    assert list(classify(vilnius, at="1930-01-01", frame=shipped, distances=False).columns) == [
        "treaty_1920/territory-1921", "treaty_1920/territory-1921-hrodna-30km", "demarcation_1923/lithuania",
        "demarcation_1923/poland-side"]


def test_town_sides_in_september_1920(shipped, places):
    # Treaty Art. II: Vilnius, Hrodna and Lida recognised as Lithuanian, Minsk not
    # [treaty_1920_lonts; Statesman's Year-Book 1921]. The Foch line of 26 July 1919 left
    # Vilnius and Hrodna on the Polish side [pwn_foch_line].
    ids = ["vilnius", "hrodna", "lida", "minsk", "kaunas"]
    table = classify(places.loc[ids, "geometry"].values, at="1920-09-01", frame=shipped)
    table.index = ids
    assert table["treaty_1920/territory"].tolist() == ["in", "in", "in", "out", "in"]
    assert table.loc[["vilnius", "hrodna"], "foch_line/territory"].tolist() == ["out", "out"]
    assert table.loc["kaunas", "foch_line/territory"] == "in"


def test_where_reports_side_distance_and_nearest_segment(shipped):
    # Hrodna: inside the 1920 territory; the line ran 15-20 versts (16-21 km) south of it
    # [statesmans_yearbook_1921], drawn as the s01 arc with 6 km uncertainty; about 30 km by
    # Gritskevich and Zhukov, the other reading [gritskevich_zapadny_front; zhukov_pervoe_porazhenie].
    table = where(53.6884, 23.8258, at="1920-08-01", frame=shipped).set_index("feature")
    row = table.loc["treaty_1920/territory"]
    assert row["side"] == "in"
    assert 16 <= row["distance_km"] <= 21
    assert row["nearest_segment"] == "treaty_1920/s01-grodno"
    assert row["uncertainty_m"] == 6000
    assert row["reading"] == "hrodna/15-20-versts"
    other = table.loc["treaty_1920/territory-hrodna-30km"]
    assert other["side"] == "in" and other["reading"] == "hrodna/30-km"
    # the 30 km ring closes on the Svislach mouth, 24.5 km from the city: the nearest point of that reading
    assert 24 <= other["distance_km"] <= 36
    assert other["nearest_segment"] in ("treaty_1920/s01-grodno-30km", "treaty_1920/s02-neman")
    assert pd.isna(table.loc["treaty_1920/line", "side"])
    assert table.loc["treaty_1920/line", "distance_km"] == pytest.approx(row["distance_km"])


@pytest.mark.parametrize(("town", "at", "side"), [
    # suwalki_agreement_1920_pl Art. 1(a): from East Prussia the line of 8 December 1919, which left Sejny
    # to Poland (foch_line s01; enwiki_suwalki_agreement)
    ("sejny", "1920-10-15", "Poland's side"),
    # vle_suvalku_sutartis: the region north of the Varėna-Eišiškės line was to stay Lithuanian
    ("kaunas", "1920-10-15", "Lithuania's side"),
    ("vilnius", "1920-10-15", "Lithuania's side"),
    # the road through Ejszyszki left Polish (Art. 1(a)), but within the segment's 6 km of the line
    ("eisiskes", "1920-10-15", "uncertain"),
    # east of Varėna the line was replaced by the armistice line of 30 November 1920 (README; rezmer)
    ("eisiskes", "1921-06-01", "beyond its ends"),
])
def test_where_gives_whose_side_of_the_suwalki_line(shipped, places, town, at, side):
    point = places.loc[town, "geometry"]
    table = where(point.y, point.x, at=at, frame=shipped).set_index("feature")
    assert table.loc["suwalki_line_1920/line", "side"] == side


def test_where_measures_a_line_by_its_stretches_valid_that_day(shipped, places):
    # suwalki_line_1920 s05/s06 (Varėna - Eišiškės - Bastuny) end on 1920-11-30: in 1921 Eišiškės is measured
    # to what was left of the line, west of Varėna, not to the road beside it.
    point = places.loc["eisiskes", "geometry"]
    before = where(point.y, point.x, at="1920-10-15", frame=shipped).set_index("feature").loc["suwalki_line_1920/line"]
    after = where(point.y, point.x, at="1921-06-01", frame=shipped).set_index("feature").loc["suwalki_line_1920/line"]
    assert before["distance_km"] < 2 and before["nearest_segment"] == "suwalki_line_1920/s06-bastuny"
    assert after["distance_km"] > 20 and after["nearest_segment"] == "suwalki_line_1920/s04-merkys"


@pytest.mark.parametrize(("lat", "lon", "message"), [
    (25.28, 54.69, "latitude 25.28 is outside the region (lat 51–58, lon 19–32); did you give LON LAT?"),
    (54.69, 45.0, "longitude 45.0 is outside the region (lat 51–58, lon 19–32)"),
])
def test_positions_outside_the_region_are_refused(lat, lon, message):
    with pytest.raises(BordersError) as err:
        check_position(lat, lon)
    assert str(err.value).startswith(message)


def test_a_point_without_coordinates_is_missing_not_out():
    # Point(nan, nan) answered `out` before: a point nobody located is no evidence of a side
    table = classify([Point(25, 54.5), Point(float("nan"), float("nan"))], frame=square_layer())
    assert table.loc[0, "sq"] == "in"
    assert pd.isna(table.loc[1, "sq"]) and pd.isna(table.loc[1, "sq:distance_km"])


def test_a_dataframe_without_geometry_is_refused_with_one_line():
    table = pd.DataFrame({"lat": [54.69], "lon": [25.28]})
    with pytest.raises(TypeError, match=r"^classify takes points: a GeoDataFrame, GeoSeries or list of shapely "
                                        r"Points; got a DataFrame without geometry \(make points with "):
        classify(table, frame=square_layer())


def test_pairs_of_numbers_are_refused_with_one_line():
    with pytest.raises(TypeError, match=r"^classify takes points; row 0 is a tuple \(make points with "
                                        r"shapely.Point\(lon, lat\)\)"):
        classify([(25.28, 54.69)], frame=square_layer())


def test_distances_agree_with_a_slow_geodesic_reference(shipped):
    # 0.1 % or 10 m (issue 14), against Geod.inv to a dense sampling of each boundary. More
    # points than ConformalNearest.FEW are measured, so the quadtree path (classify's from
    # GRID_FROM points) is the one checked; scripts/benchmark_classify.py checks 10,000 points.
    from borders.geodesy import ConformalNearest, project_conformal

    rng = np.random.default_rng(14)
    n = ConformalNearest.FEW + 500
    lon, lat = rng.uniform(19, 32, n), rng.uniform(51, 58, n)
    lon[:20], lat[:20] = rng.uniform(23.8, 24.0, 20), rng.uniform(53.4, 53.6, 20)  # near the Hrodna arc
    features = ["treaty_1920/territory", "neutral_zone_1920/zone"]
    wanted = shipped
    x, y = project_conformal(lon, lat)
    table = pd.DataFrame({f"{f}:distance_km": ConformalNearest(wanted.set_index("id").loc[f, "geometry"].boundary)
                          .distance_m_xy(x, y) / 1000 for f in features})
    check = np.r_[0:20, rng.choice(np.arange(20, n), 130, replace=False)]
    for feature in features:
        boundary = wanted.set_index("id").loc[feature, "geometry"].boundary
        ref, sampling = reference_distance_m(lon[check], lat[check], boundary)
        ours = table[f"{feature}:distance_km"].to_numpy()[check] * 1000
        tolerance = np.maximum(10.0, 1e-3 * ref)
        assert (ours <= ref + tolerance).all()
        assert (ours >= ref - sampling - tolerance).all()

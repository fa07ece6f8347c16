"""Each step kind of the build, on the made-up world of build_world.py.

Every expected value follows from that world's geometry (a meridian border at 25 E,
a river along 54.5 N, a hexagonal lake), not from running the code under test.
"""

import pytest
from build_world import LAKE, LAKE_CENTRE, PLACES, inputs, on_meridian
from pyproj import Geod
from shapely.geometry import LineString, Point

from borders.build.steps import STEP_KINDS, StepError, Tracer
from borders.build.units import metres

GEOD = Geod(ellps="WGS84")
RAILWAYS = {"north": ["station_a", "station_b"], "diagonal": ["west", "east_bank"]}


@pytest.fixture
def tracer():
    return Tracer(dict(PLACES), inputs(), RAILWAYS)


def run(tracer, *steps, start=None):
    return tracer.run(start, list(steps))


def test_units_are_written_out():
    assert metres("17.5 verst") == pytest.approx(18669.0)  # 1 verst = 500 sazhen = 1066.8 m
    assert metres("2 km") == 2000 and metres("800 m") == 800
    with pytest.raises(ValueError, match="expected a length such as '2 km'"):
        metres("2 miles")
    with pytest.raises(ValueError):
        metres("2000")  # a bare number: which unit?


def test_place_puts_a_vertex_on_the_place(tracer):
    coords, anchors = run(tracer, {"place": "west"})
    assert coords == [PLACES["west"]]
    assert anchors == [{"place": "west", "offset_m": 0, "vertex": 0, "distance_m": 0}]


def test_offset_goes_the_stated_distance_and_bearing(tracer):
    coords, anchors = run(tracer, {"offset": "lake", "bearing": 195, "distance": "17.5 verst"})
    azimuth, _, distance = GEOD.inv(*LAKE_CENTRE, *coords[0])
    assert distance == pytest.approx(17.5 * 1066.8, abs=0.01)
    assert azimuth % 360 == pytest.approx(195, abs=1e-6)
    assert anchors[0]["bearing_deg"] == 195 and anchors[0]["offset_m"] == 18669


def test_midpoint_is_half_way_on_the_geodesic(tracer):
    coords, anchors = run(tracer, {"midpoint": ["west", "east_bank"]})
    to_a = GEOD.inv(*PLACES["west"], *coords[0])[2]
    to_b = GEOD.inv(*PLACES["east_bank"], *coords[0])[2]
    whole = GEOD.inv(*PLACES["west"], *PLACES["east_bank"])[2]
    assert to_a == pytest.approx(to_b, abs=0.01) and to_a + to_b == pytest.approx(whole, abs=0.01)
    assert coords[0][1] > 54.5  # the geodesic between two points of a parallel bows towards the pole
    assert anchors[0]["place"] == "west|east_bank" and anchors[0]["distance_m"] == 0


def test_border_end_is_the_tripoint_and_coast_end_the_other_end(tracer):
    (tripoint,), _ = run(tracer, {"border_end": ["LT", "PL"], "touching": "BY"})
    (coast,), _ = run(tracer, {"coast_end": ["LT", "PL"]})
    assert tripoint == pytest.approx((25.0, 54.0)) and coast == pytest.approx((25.0, 55.0))


def test_border_point_is_the_nearest_point_of_the_border(tracer):
    coords, anchors = run(tracer, {"border_point": ["LT", "PL"], "near": {"place": "east_bank"}})
    assert coords[0] == pytest.approx((25.0, 54.5))
    # the anchor says how far the vertex lies from the place it rests on: 0.3 degrees of longitude at 54.5 N
    assert anchors[0]["distance_m"] == round(GEOD.inv(25.0, 54.5, *PLACES["east_bank"])[2])


def test_shore_point_is_the_southernmost_point_of_the_shore(tracer):
    (south,), anchors = run(tracer, {"shore_point": "lake", "side": "south"})
    (north,), _ = run(tracer, {"shore_point": "lake", "side": "north"})
    assert south[1] == pytest.approx(min(y for _, y in LAKE.exterior.coords))
    assert north[1] == pytest.approx(max(y for _, y in LAKE.exterior.coords))
    assert anchors[0]["place"] == "lake" and anchors[0]["offset_m"] is None


def test_follow_river_goes_through_the_confluence_to_the_tributary(tracer):
    coords, anchors = run(tracer, {"place": "riverhead"}, {"follow_river": "source", "max_snap": "500 m"})
    assert (24.5, 54.5) in coords and (24.5, 54.7) in coords  # down the river, then up the tributary
    assert coords[-1] == pytest.approx((24.5, 54.9))
    assert all(x <= 24.5 + 1e-9 for x, _ in coords)  # never past the confluence: the shortest way
    rivers = LineString([(24.2, 54.5), (24.8, 54.5)]).union(LineString([(24.5, 54.9), (24.5, 54.5)]))
    assert all(rivers.distance(Point(c)) < 1e-9 for c in coords[1:])
    assert anchors[-1]["place"] == "source"


def test_follow_river_refuses_a_point_beyond_the_snapping_distance(tracer):
    with pytest.raises(StepError, match=r"its end is [\d,]+ m from the nearest river, more than the 500 m"):
        run(tracer, {"place": "riverhead"}, {"follow_river": "far", "max_snap": "500 m"})


def test_river_point_is_the_nearest_point_of_a_river(tracer):
    # 10 km east of 'riverhead' is on the river along 54.5 N; 'far' lies 0.45 degrees (50 km) south of it
    coords, anchors = run(tracer, {"river_point": {"offset": "riverhead", "bearing": 90, "distance": "10 km"},
                                   "max_snap": "1 km"})
    assert coords[0][1] == pytest.approx(54.5) and 24.3 < coords[0][0] < 24.4
    assert anchors[0]["place"] == "riverhead" and anchors[0]["offset_m"] == 10000
    with pytest.raises(StepError, match=r"[\d,]+ m from the nearest river, more than the 1,000 m") as err:
        run(tracer, {"river_point": {"place": "far"}, "max_snap": "1 km"})
    assert err.value.path == (0, "river_point")


def test_follow_river_may_end_near_a_point_step(tracer):
    coords, anchors = run(tracer, {"place": "riverhead"},
                          {"follow_river": {"offset": "source", "bearing": 90, "distance": "200 m"},
                           "max_snap": "500 m"})
    assert coords[-1] == pytest.approx((24.5, 54.9))  # the tributary's head, nearest the point 200 m east of 'source'
    assert anchors[-1]["place"] == "source" and anchors[-1]["offset_m"] == 200


def test_line_offset_runs_parallel_to_a_line_drawn_before(tracer):
    tracer.lines["mine/meridian"] = [(24.5, 54.1), (24.5, 54.9)]  # a line going north, as the builder records it
    coords, anchors = run(tracer, {"place": "station_a"},
                          {"line_offset": "mine/meridian", "distance": "5 km", "side": "left",
                           "until": {"place": "stop"}})
    for x, y in coords[1:]:
        assert x < 24.5  # left of a line going north is west
        assert GEOD.inv(x, y, 24.5, y)[2] == pytest.approx(5000, rel=0.01)
    assert coords[-1][1] == pytest.approx(PLACES["stop"][1], abs=1e-3)


def test_line_offset_reaches_a_border_the_line_ends_on(tracer):
    # a line going east that ends on the border at 25 E: its parallel is prolonged to meet the border
    tracer.lines["mine/to-border"] = [(24.6, 54.2), (25.0, 54.2)]
    coords, _ = run(tracer, {"place": "far"}, {"line_offset": "mine/to-border", "distance": "3 km", "side": "left",
                                               "until": {"border": ["LT", "PL"]}})
    assert coords[-1][0] == pytest.approx(25.0, abs=1e-9)
    assert GEOD.inv(*coords[-1], 25.0, 54.2)[2] == pytest.approx(3000, rel=0.01)


def test_line_offset_needs_a_line_drawn_before(tracer):
    with pytest.raises(StepError, match="is not drawn yet"):
        run(tracer, {"place": "far"}, {"line_offset": "mine/later", "distance": "3 km", "side": "left",
                                       "until": {"place": "stop"}})


def test_follow_border_runs_along_the_shared_border(tracer):
    coords, _ = run(tracer, {"place": "near_border"},
                    {"follow_border": ["LT", "PL"], "to": {"border_end": ["LT", "PL"], "touching": "BY"}})
    assert coords[0] == PLACES["near_border"]
    assert on_meridian(coords[1:], 25.0)
    assert coords[1][1] == pytest.approx(54.8) and coords[-1][1] == pytest.approx(54.0)


def test_follow_coast_takes_the_shorter_way_round(tracer):
    coords, anchors = run(tracer, {"place": "west"}, {"follow_coast": "LT", "to": "coast_place"})
    assert (24.0, 55.0) in coords  # round the north-west corner, not the long way by the south
    assert coords[-1] == pytest.approx((24.5, 55.0))
    assert all(y >= 54.5 for _, y in coords)
    assert anchors[-1]["place"] == "coast_place"


@pytest.mark.parametrize(("side", "sign"), [("east", 1), ("west", -1)])
def test_follow_shore_keeps_to_the_side_asked(tracer, side, sign):
    coords, _ = run(tracer, {"shore_point": "lake", "side": "south"},
                    {"follow_shore": "lake", "side": side, "to": "north_of_lake"})
    inner = coords[1:-1]
    assert inner and all(sign * (x - LAKE_CENTRE[0]) > 0 for x, _ in inner)
    assert coords[-1][1] == pytest.approx(max(y for _, y in LAKE.exterior.coords))


def test_railway_offset_runs_at_the_distance_on_the_left(tracer):
    coords, anchors = run(tracer, {"place": "station_a"},
                          {"railway_offset": "north", "distance": "5 km", "side": "left", "until": {"place": "stop"}})
    rail_lon = PLACES["station_a"][0]
    for x, y in coords[1:]:
        assert x < rail_lon  # left of a railway going north is west
        assert GEOD.inv(x, y, rail_lon, y)[2] == pytest.approx(5000, rel=0.01)
    assert coords[-1][1] == pytest.approx(PLACES["stop"][1], abs=1e-3)
    assert anchors == [{"place": "station_a", "offset_m": 0, "vertex": 0, "distance_m": 0}]  # no anchor of its own


def test_railway_offset_can_end_where_it_crosses_a_border(tracer):
    coords, _ = run(tracer, {"place": "west"}, {"railway_offset": "diagonal", "distance": "2 km", "side": "right",
                                                 "until": {"border": ["LT", "PL"]}})
    assert coords[-1][0] == pytest.approx(25.0, abs=1e-9)
    assert all(y < 54.5 for _, y in coords[1:])  # right of a railway going east is south


def test_a_path_step_cannot_begin_a_segment(tracer):
    with pytest.raises(StepError, match="begin it with a point step") as err:
        run(tracer, {"follow_border": ["LT", "PL"], "to": {"place": "far"}})
    assert err.value.path == (0,)


def test_countries_that_share_no_border_are_named(tracer):
    with pytest.raises(StepError, match="today's LT and RU share no border") as err:
        run(tracer, {"place": "west"}, {"follow_border": ["LT", "RU"], "to": {"place": "far"}})
    assert err.value.path == (1,)


def test_consecutive_duplicate_vertices_are_dropped(tracer):
    coords, anchors = run(tracer, {"place": "west"}, {"place": "west"}, start=PLACES["west"])
    assert coords == [PLACES["west"]]
    assert [a["vertex"] for a in anchors] == [0, 0]


def test_every_kind_has_an_example_and_a_test_here():
    tested = {"place", "offset", "midpoint", "border_end", "coast_end", "border_point", "shore_point", "river_point",
              "follow_river", "follow_border", "follow_coast", "follow_shore", "railway_offset", "line_offset"}
    assert set(STEP_KINDS) == tested
    assert all(kind.example.startswith("{" + kind.name + " = ") for kind in STEP_KINDS.values())

"""Who held a place and who it was assigned to: the de jure and de facto views.

Source ids refer to geodata/sources.json. Each fact carries its citation.
"""

import pytest
import shapely
from pyproj import Geod

import borders
from borders.control import NOT_DETERMINED, PERIODS, control, control_at, period_at

GEOD = Geod(ellps="WGS84")


@pytest.fixture(scope="module")
def frame():
    return borders.load_all()


def answers(frame, places, towns, day):
    view = control_at(list(places.loc[towns, "geometry"]), day, frame)
    view.index = towns
    return view


def test_hrodna_in_1921_was_assigned_to_lithuania_and_held_by_poland(frame, places):
    # treaty_1920_lonts, Art. II, and statesmans_yearbook_1921: the line ran south of Gardinas, so the
    # treaty recognised Hrodna as Lithuanian; rodygrodzienskie_powiat_grodzienski: Grodno county under
    # Polish administration from 1920. The issue's example: "de jure Lithuania (treaty of 12 July 1920);
    # de facto Poland".
    view = answers(frame, places, ["hrodna"], "1921-06-01").loc["hrodna"]
    assert view["de_jure"] == "Lithuania" and view["de_jure_by"] == ["Lithuania: treaty_1920/territory-1921 (treaty)"]
    assert view["de_facto"] == "Poland"


def test_the_1921_timeline_does_not_give_hrodna_or_lida_to_lithuania(frame, places):
    # The issue: a reader of the 1921 timeline must not see Hrodna or Lida as Lithuanian.
    pieces = control("1921-06-01", frame)
    lithuanian = pieces.loc[pieces["party"] == "Lithuania", "geometry"].iloc[0]
    for town in ("hrodna", "lida"):
        assert not lithuanian.intersects(places.loc[town, "geometry"]), town


def test_vilnius_1921_central_lithuania_1925_poland_with_two_claims(frame, places):
    # plwiki_granica_pl_cl: Wilno county in Central Lithuania (1920-22); dzu_1923_49_333: the decision of
    # 15 March 1923 left it to Poland, while Lithuania went on claiming it under the treaty.
    assert answers(frame, places, ["vilnius"], "1921-06-01").loc["vilnius", "de_facto"] == "Central Lithuania"
    later = answers(frame, places, ["vilnius"], "1925-01-01").loc["vilnius"]
    assert later["de_jure"] == "Lithuania; Poland" and later["de_facto"] == "Poland"


def test_kaunas_was_lithuanian_in_every_stable_period(frame, places):
    for period in PERIODS:
        if period.determined:
            assert answers(frame, places, ["kaunas"], period.start).loc["kaunas", "de_facto"] == "Lithuania", period


def test_east_of_the_foch_line_control_is_not_claimed(frame, places):
    # dossier sources.md [S27]: the Lithuanians refused to leave Sejny, on the Polish side of the Foch line,
    # until the rising of August 1919: the Foch line does not tell who held the east.
    assert answers(frame, places, ["sejny"], "1919-08-01").loc["sejny", "de_facto"] == NOT_DETERMINED
    assert answers(frame, places, ["kaunas"], "1919-08-01").loc["kaunas", "de_facto"] == "Lithuania"


@pytest.mark.parametrize("day", ["1920-09-01", "1923-03-01"])
def test_moving_fronts_are_not_determined(frame, places, day):
    # No front of July-November 1920, or of the occupation of the neutral zone in February 1923, is sourced.
    view = answers(frame, places, ["kaunas", "vilnius", "hrodna"], day)
    assert set(view["de_facto"]) == {NOT_DETERMINED}
    assert control(day, frame).empty


def test_outside_the_periods_nothing_is_claimed(frame, places):
    assert period_at("1918-12-01") is None and period_at("1940-07-01") is None
    assert answers(frame, places, ["kaunas"], "1940-07-01").loc["kaunas", "de_facto"] == NOT_DETERMINED


def test_vilnius_was_lithuanian_after_the_hand_over_of_october_1939(frame, places):
    # soviet_lithuanian_treaty_1939: Vilnius transferred to Lithuania, handed over on 27-28 October 1939
    view = answers(frame, places, ["vilnius"], "1940-01-01").loc["vilnius"]
    assert view["de_jure"] == "Lithuania" and view["de_facto"] == "Lithuania"
    assert answers(frame, places, ["vilnius"], "1939-10-01").loc["vilnius", "de_facto"] == NOT_DETERMINED
    # in force from 16 October 1939: assigned before it was held
    between = answers(frame, places, ["vilnius"], "1939-10-20").loc["vilnius"]
    assert between["de_jure"] == "Lithuania" and between["de_facto"] == NOT_DETERMINED


def test_the_neutral_zone_was_held_by_neither(frame, places):
    # sirvinta_neutral_zone: Joniškis (Molėtai) on the Lithuanian edge, Arnionys I on the Polish: a point
    # half-way between the two lies in the zone (issue 11: the zone is its own piece).
    a, b = places.loc["joniskis_moletai", "geometry"], places.loc["arnionys", "geometry"]
    azimuth, _, distance = GEOD.inv(a.x, a.y, b.x, b.y)
    lon, lat, _ = GEOD.fwd(a.x, a.y, azimuth, distance / 2)
    view = control_at([(lon, lat)], "1921-06-01", frame).iloc[0]
    assert view["de_facto"].split(" or ")[0] == "neutral"


def test_the_pieces_of_a_day_partition_the_covered_area(frame):
    pieces = control("1921-06-01", frame)
    assert set(pieces["party"]) == {"Lithuania", "Poland", "Central Lithuania", "neutral"}
    geoms = list(pieces.geometry)
    for i, g in enumerate(geoms):
        for h in geoms[i + 1:]:
            assert g.intersection(h).area < 1e-6
    by_id = frame.set_index("id")
    covered = shapely.union_all([by_id.loc[f, "geometry"] for f in ("treaty_1920/territory-1921",
                                                                      "foch_line/territory",
                                                                      "demarcation_1923/lithuania",
                                                                      "transfer_1939/lithuania-1939")])
    assert shapely.union_all(geoms).symmetric_difference(covered).area < 1e-4 * covered.area
    # each piece says what it comes from
    assert all(len(layers) >= 1 for layers in pieces["layers"])


def test_a_place_within_a_boundarys_uncertainty_gets_both_answers(frame, places):
    # Giedraičiai lies on the zone's Lithuanian edge (sirvinta_neutral_zone): it cannot be put on one side.
    assert " or " in answers(frame, places, ["giedraiciai"], "1921-06-01").loc["giedraiciai", "de_facto"]


def test_where_prints_de_jure_and_de_facto_first(capsys):
    from borders.cli import main

    assert main(["where", "53.6884", "23.8258", "--at", "1921-06-01", "--format", "table"]) == 0
    first, second = capsys.readouterr().out.splitlines()[:2]
    assert first == "de jure:  Lithuania: treaty_1920/territory-1921 (treaty)"
    assert second.startswith("de facto: Poland (")

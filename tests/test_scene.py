"""The scene: what each map and plot draws, in what order and style, with which legend."""

import json

import pytest
from conftest import VALID_FEATURE, collection

import borders
from borders.scene import (
    BAND,
    FILL,
    FRAME,
    LABEL,
    LAKE,
    LAND,
    LINE,
    PANES,
    PLACE,
    RAILWAY,
    RIVER,
    ROLES,
    SIDE_PANES,
    pane_of,
    place_rank,
    prepare,
    scene,
)
from borders.style import COLOURS, PARTY_COLOURS


@pytest.fixture(scope="module")
def shipped():
    return prepare()


@pytest.fixture(scope="module")
def with_mine(tmp_path_factory):
    zone = {**VALID_FEATURE, "properties": {**VALID_FEATURE["properties"], "id": "my-zone", "kind": "zone"},
            "geometry": {"type": "Polygon",
                         "coordinates": [[[25.0, 54.9], [25.6, 54.9], [25.6, 55.2], [25.0, 55.2], [25.0, 54.9]]]}}
    path = tmp_path_factory.mktemp("mine") / "mine.geojson"
    path.write_text(json.dumps(collection(VALID_FEATURE, zone)), encoding="utf-8")
    return prepare(borders.load_all(extra=[path]))


def roles(drawn, layer=None):
    return [m.role for m in drawn.marks if layer is None or m.props.get("layer") == layer]


def test_every_role_says_where_it_is_drawn():
    assert [r.name for r in ROLES] == ["land", "lake", "river", "fill", "band", "railway", "frame", "line", "place",
                                       "label"]
    for role in ROLES:
        assert role.pane in PANES
    # issue 12: stacked by meaning in both renderers: fills, bands, frame, lines, places, labels
    stack = [FILL, BAND, RAILWAY, FRAME, LINE, PLACE, LABEL]
    assert [PANES[r.pane] for r in stack] == sorted({PANES[r.pane] for r in stack})
    assert [r.zorder for r in stack] == sorted({r.zorder for r in stack})
    assert PANES[LAND.pane] < 400 < PANES[FILL.pane] and PANES[LABEL.pane] < 650  # under Leaflet's tooltips
    # each side of a swipe has a pane for each role of a layer, stacked like the role's own
    for side, panes in SIDE_PANES.items():
        assert panes == [pane_of(r, side) for r in (FILL, BAND, FRAME, LINE)]
        assert [PANES[p] for p in panes] == [PANES[r.pane] for r in (FILL, BAND, FRAME, LINE)]
    assert pane_of(PLACE, "left") == PLACE.pane  # the places are not a side's
    assert not any(r.interactive for r in (LAND, LAKE, RIVER, BAND, RAILWAY, LABEL))
    assert LINE.interactive and PLACE.interactive
    assert FRAME.interactive and FILL.interactive


def test_a_layer_is_drawn_as_fills_then_bands_then_its_segments(shipped):
    drawn = scene(shipped, ["treaty_1920"])
    (group,) = [g for g in drawn.groups if g.layer == "treaty_1920" and g.shown]
    order = [m.role for m in group.marks]
    assert order == sorted(order, key=[FILL, BAND, FRAME, LINE].index)
    frame = shipped.frame[shipped.frame["layer"] == "treaty_1920"]
    lines = [m.props["id"] for m in group.marks if m.role in (LINE, FRAME)]
    assert all((m.role is FRAME) == (m.props["status"] == "frame") for m in group.marks if m.role in (LINE, FRAME))
    # the line is drawn by its segments, each with its own sources; the segments of the default reading all are
    default = frame[(frame["kind"] == "segment") & (frame["reading_default"] != False)]  # noqa: E712
    assert sorted(lines) == sorted(default["id"])
    # the territory of 1920 and that with the Palanga coast from 1921; the 30 km reading has no fill
    assert [m.props["id"] for m in group.marks if m.role is FILL] == ["treaty_1920/territory",
                                                                      "treaty_1920/territory-1921"]
    assert all(m.geometry.geom_type in ("Polygon", "MultiPolygon") for m in group.marks if m.role is BAND)
    assert {m.style["color"] for m in group.marks if m.role is LINE} == {COLOURS["treaty"]}
    assert {m.style["color"] for m in group.marks if m.role is FRAME} == {COLOURS["frame"]}


def test_other_readings_are_thin_dashed_lines_switched_off(shipped):
    # issue 10: "the maps draw the alternatives as thin dashed lines that can be switched on"
    drawn = scene(shipped, ["treaty_1920"])
    (other,) = [g for g in drawn.groups if g.layer == "treaty_1920" and not g.shown]
    assert other.name.startswith("Other readings")
    assert sorted(m.props["id"] for m in other.marks) == ["treaty_1920/s00-west-30km", "treaty_1920/s01-grodno-30km"]
    assert {m.role for m in other.marks} == {LINE} and all(m.style["dashArray"] and m.style["weight"] < 2
                                                           for m in other.marks)
    assert "Another reading of the sources (switch it on in the layers list)" in [e.label for e in drawn.legend]
    assert not [g for g in drawn.shown().groups if not g.shown]


def test_the_scene_starts_with_the_basemap_and_ends_with_the_places(shipped):
    drawn = scene(shipped)
    kinds = roles(drawn)
    assert kinds[0] is LAND and kinds[-1] is LABEL
    assert kinds.index(PLACE) > max(i for i, r in enumerate(kinds) if r is LINE)
    # towns drawn after (over) villages and stations: a hover at Vilnius finds the city, not its station
    ranks = [place_rank(m.props) for m in drawn.marks if m.role is PLACE]
    assert ranks == sorted(ranks, reverse=True) and ranks[-1] == 0
    places = shipped.frame[shipped.frame["kind"] == "place"]
    towns = places[places["place_type"].isin(["city", "town"])]
    labels = [m for m in drawn.marks if m.role is LABEL and m.props["kind"] == "place"]
    # issue 12: every place can be labelled, the most important first (the maps drop those that collide)
    assert kinds.count(PLACE) == len(places) == len(labels)
    assert [place_rank(m.props) for m in labels] == sorted(place_rank(m.props) for m in labels)
    printed = [m for m in scene(shipped, markers="towns").marks if m.role is LABEL and m.props["kind"] == "place"]
    assert len(printed) == len(towns)
    assert roles(scene(shipped, markers="towns")).count(PLACE) == len(towns)


def test_groups_by_period_are_listed_by_layer_then_date(shipped):
    drawn = scene(shipped, by_period=True)
    layered = [g for g in drawn.groups if g.layer]
    # issue 12: a layer control lists them grouped by layer, and by date within a layer
    assert [g.layer for g in layered] == sorted((g.layer for g in layered), key=shipped.layers.index)
    for layer in shipped.layers:
        starts = [g.marks[0].props["valid_from"] for g in layered if g.layer == layer and g.shown]
        assert starts == sorted(starts) and starts, layer
    assert {g.heading for g in layered} == {borders.layer_info(lid)["title"] for lid in shipped.layers}
    assert next(g for g in layered if g.layer == "foch_line").name.startswith("1919-06-18 – 1919-07-26 · ")
    assert not any(g.name.endswith("…") for g in drawn.groups)  # names wrap in the control, never cut
    keys = [g.key for g in drawn.groups]
    assert len(set(keys)) == len(keys) and "foch_line.0" in keys and "treaty_1920.readings" in keys


def test_a_swipe_puts_the_first_layer_left_and_the_second_right(shipped):
    drawn = scene(shipped, ["foch_line", "treaty_1920"], swipe=True)
    assert [(g.layer, g.side) for g in drawn.groups if g.layer] == [("foch_line", "left"), ("treaty_1920", "right"),
                                                                    ("treaty_1920", "right")]  # its other reading
    with pytest.raises(ValueError, match="a swipe compares two layers, not 3"):
        scene(shipped, ["foch_line", "treaty_1920", "zeligowski_zone"], swipe=True)


def test_the_legend_lists_only_what_is_drawn(shipped, with_mine):
    labels = [e.label for e in scene(shipped, ["zeligowski_zone"]).legend]
    # plwiki_granica_pl_cl: Central Lithuania held the zone until the Wilno Land passed to Poland (April 1922)
    assert labels == ["Held by force (de facto)", "Undetermined by the sources", "Area of an election",
                      "Held by Poland (de facto: filled)", "Held by Central Lithuania (de facto: filled)",
                      "Uncertainty band (± uncertainty_m)",
                      "Railway the 1919 lines were drawn from (traced through its stations)"]
    assert "Your layer" not in [e.label for e in scene(shipped).legend]
    mine = [e.label for e in scene(with_mine, ["mine"]).legend]
    assert mine == ["Your layer", "Your layer (area)", "Uncertainty band (± uncertainty_m)",
                    "Railway the 1919 lines were drawn from (traced through its stations)"]
    entries = {e.label: e for e in scene(with_mine).legend}
    assert entries["Your layer"].role is LINE and entries["Your layer"].style["color"] == COLOURS["user"]
    assert entries["Assigned to Lithuania (de jure: hatched)"].role is FILL
    assert entries["Assigned to Lithuania (de jure: hatched)"].style["hatch"]
    assert entries["Uncertainty band (± uncertainty_m)"].role is BAND


def test_prepare_takes_the_shipped_layers_a_frame_or_prepared_layers(shipped):
    assert prepare(shipped) is shipped
    assert prepare(borders.load("treaty_1920")).layers == ["treaty_1920"]
    with pytest.raises(TypeError, match="got str"):
        prepare("treaty_1920")


def _areas_at(drawn, point, day):
    """The legend keys of the areas drawn over ``point`` on ``day``."""
    return {key for mark in drawn.marks if mark.role is FILL and mark.geometry.covers(point)
            and (mark.props.get("valid_from") or "") <= day < (mark.props.get("valid_to") or "9999")
            for key in mark.legend}


def test_areas_are_hatched_where_assigned_and_filled_where_held(shipped):
    # treaty_1920_lonts, Art. II: Hrodna inside the treaty's Lithuania; rodygrodzienskie_powiat_grodzienski:
    # Grodno county under Polish administration from 1920; plwiki_granica_pl_cl: Wilno county in Central
    # Lithuania (1920-22); dzu_1923_49_333: the line of 15 March 1923 left Vilnius to Poland.
    places = borders.load("places").set_index("id").geometry
    drawn = scene(shipped, control=True)
    assert _areas_at(drawn, places["hrodna"], "1921-06-01") == {"claim:Lithuania", "held:Poland"}
    assert _areas_at(drawn, places["kaunas"], "1921-06-01") == {"claim:Lithuania", "held:Lithuania"}
    assert _areas_at(drawn, places["vilnius"], "1921-06-01") == {"claim:Lithuania", "held:Central Lithuania"}
    assert {"claim:Poland", "held:Poland", "claim:Lithuania"} <= _areas_at(drawn, places["vilnius"], "1925-01-01")
    # the moving fronts of 1920 are not filled (borders.control: not determined)
    assert "held:Lithuania" not in _areas_at(drawn, places["hrodna"], "1920-09-01")
    hatch = next(m for m in drawn.marks if "claim:Lithuania" in m.legend)
    assert hatch.style["hatch"] and hatch.style["fillColor"] == PARTY_COLOURS["Lithuania"]


def test_control_is_drawn_only_with_every_layer_it_is_built_from(shipped):
    assert [g.name for g in scene(shipped, control=True).groups if g.heading == "Who held what (de facto control)"]
    by_period = [g for g in scene(shipped, by_period=True, control=True).groups
                 if g.heading == "Who held what (de facto control)"]
    assert by_period and not any(g.shown for g in by_period)
    alone = prepare(borders.load_all().query("layer != 'suwalki_line_1920'"))
    assert not [g for g in scene(alone, control=True).groups if g.heading == "Who held what (de facto control)"]
    assert not [g for g in scene(shipped).groups if g.heading == "Who held what (de facto control)"]

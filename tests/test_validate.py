"""`borders validate`: each kind of bad input gets one line naming file, feature and field."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cases import place, qgis_bytes, zone_bounded_by
from conftest import collection

import borders
from borders.cli import main


def run(capsys, *argv):
    status = main(["validate", *map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


def assert_one_line_error(status, err, *fragments):
    assert status == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def test_valid_user_layer_passes(capsys, write_layer, feature):
    path = write_layer(collection(feature))
    status, out, err = run(capsys, path)
    assert status == 0 and err == ""
    assert f"ok  {path}: 1 features" in out


def test_shipped_layers_pass(capsys):
    status, out, _ = run(capsys)
    assert status == 0
    assert "treaty_1920" in out and "shipped layers valid" in out


def test_empty_file(capsys, write_layer):
    path = write_layer(b"")
    status, _, err = run(capsys, path)
    assert_one_line_error(status, err, str(path), "file is empty")


def test_truncated_file(capsys, write_layer, feature):
    text = json.dumps(collection(feature))
    path = write_layer(text[: len(text) // 2].encode())
    status, _, err = run(capsys, path)
    assert_one_line_error(status, err, str(path), "not valid JSON (the file looks truncated)")


def test_not_json(capsys, write_layer):
    path = write_layer(b"name,lat,lon\nVilnius,54.68,25.28\n")
    status, _, err = run(capsys, path)
    assert_one_line_error(status, err, str(path), "not valid JSON")


def test_not_utf8(capsys, write_layer, feature):
    feature["properties"]["name"] = "Wilno"
    raw = json.dumps(collection(feature)).replace("Wilno", "Wilno \xb3\xf3d\xbf").encode("latin-1")
    path = write_layer(raw)
    status, _, err = run(capsys, path)
    assert_one_line_error(status, err, str(path), "not UTF-8")


def test_missing_file(capsys, tmp_path):
    status, _, err = run(capsys, tmp_path / "nowhere.geojson")
    assert_one_line_error(status, err, "nowhere.geojson", "no such file")


def test_self_intersecting_polygon(capsys, write_layer, feature):
    feature["properties"]["kind"] = "zone"
    feature["geometry"] = {"type": "Polygon", "coordinates": [
        [[24.0, 54.0], [25.0, 55.0], [25.0, 54.0], [24.0, 55.0], [24.0, 54.0]]]}
    path = write_layer(collection(feature))
    status, _, err = run(capsys, path)
    assert_one_line_error(status, err, str(path), "feature 'my-line'", "field 'geometry'",
                          "Self-intersection")


def test_self_crossing_line(capsys, write_layer, feature):
    feature["geometry"]["coordinates"] = [[24.0, 54.0], [25.0, 55.0], [25.0, 54.0], [24.0, 55.0]]
    path = write_layer(collection(feature))
    status, _, err = run(capsys, path)
    assert_one_line_error(status, err, "field 'geometry'", "line crosses itself")


def test_swapped_lat_lon(capsys, write_layer, feature):
    feature["geometry"]["coordinates"] = [[54.0, 24.0], [54.5, 25.0]]
    path = write_layer(collection(feature))
    status, _, err = run(capsys, path)
    assert_one_line_error(status, err, str(path), "feature 'my-line'", "field 'geometry'",
                          "outside the region", "looks like [lat, lon]")


def test_outside_region_other_crs(capsys, write_layer, feature):
    feature["geometry"]["coordinates"] = [[5000000.0, 3500000.0], [5100000.0, 3600000.0]]
    path = write_layer(collection(feature))
    status, _, err = run(capsys, path)
    assert_one_line_error(status, err, "field 'geometry'", "outside the region", "another CRS")


def test_missing_sources(capsys, write_layer, feature):
    del feature["properties"]["sources"]
    path = write_layer(collection(feature))
    status, _, err = run(capsys, "--strict", path)  # one's own layer may be unsourced: see the QGIS tests
    assert_one_line_error(status, err, str(path), "feature 'my-line'", "field 'sources'", "missing")


def test_empty_sources(capsys, write_layer, feature):
    feature["properties"]["sources"] = []
    path = write_layer(collection(feature))
    status, _, err = run(capsys, "--strict", path)
    assert_one_line_error(status, err, "field 'sources'", "non-empty list of source ids")


def test_valid_to_before_valid_from(capsys, write_layer, feature):
    feature["properties"]["valid_to"] = "1919-06-18"
    path = write_layer(collection(feature))
    status, _, err = run(capsys, path)
    assert_one_line_error(status, err, str(path), "feature 'my-line'", "field 'valid_to'",
                          "1919-06-18 is before valid_from 1920-07-12")


def test_date_not_iso(capsys, write_layer, feature):
    feature["properties"]["valid_from"] = "12.07.1920"
    path = write_layer(collection(feature))
    status, _, err = run(capsys, path)
    assert_one_line_error(status, err, "field 'valid_from'", "expected an ISO date")


def test_duplicate_id(capsys, write_layer, feature):
    path = write_layer(collection(feature, feature))
    status, _, err = run(capsys, path)
    assert_one_line_error(status, err, "feature 'my-line'", "field 'id'", "duplicate id")


def test_not_a_feature_collection(capsys, write_layer, feature):
    path = write_layer(feature)
    status, _, err = run(capsys, path)
    assert_one_line_error(status, err, str(path), "expected a GeoJSON FeatureCollection, got 'Feature'")


def test_negative_uncertainty(capsys, write_layer, feature):
    feature["properties"]["uncertainty_m"] = -5
    path = write_layer(collection(feature))
    status, _, err = run(capsys, path)
    assert_one_line_error(status, err, "field 'uncertainty_m'", "metres from 0 to 100,000")


def test_stops_at_first_bad_file(capsys, write_layer, feature):
    good = write_layer(collection(feature), "good.geojson")
    bad = write_layer(b"", "bad.geojson")
    status, out, err = run(capsys, good, bad)
    assert "ok  " in out
    assert_one_line_error(status, err, "bad.geojson")


CONSOLE_SCRIPT = Path(sys.executable).with_name("borders")


@pytest.mark.skipif(not CONSOLE_SCRIPT.exists(), reason="console script not installed")
def test_console_script_exit_status(write_layer):
    path = write_layer(b"{")
    done = subprocess.run([CONSOLE_SCRIPT, "validate", str(path)], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.startswith("borders validate: error: ")
    assert "Traceback" not in done.stderr
    ok = subprocess.run([CONSOLE_SCRIPT, "validate"], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr


def test_geometry_must_suit_the_kind(capsys, write_layer, feature):
    # A line drawn as a polygon (or a zone as a line) would give wrong areas and sides.
    feature["geometry"] = {"type": "Polygon", "coordinates": [
        [[24.0, 54.0], [25.0, 54.0], [25.0, 55.0], [24.0, 54.0]]]}
    path = write_layer(collection(feature))
    status, _, err = run(capsys, path)
    assert_one_line_error(status, err, "feature 'my-line'", "field 'geometry'",
                          "a line must be a LineString or MultiLineString, got Polygon")


# --- hostile shapes: one line, never a traceback (issue 13) ------------------------------

def test_coordinates_given_as_text(capsys, write_layer, feature):
    feature["geometry"]["coordinates"] = "24.0, 54.0, 25.0, 54.5"  # endless recursion before
    status, _, err = run(capsys, write_layer(collection(feature)))
    assert_one_line_error(status, err, "feature 'my-line'", "field 'geometry'",
                          "a LineString's coordinates are [[lon, lat], [lon, lat], ...], e.g. "
                          "[[24.0, 54.0], [25.0, 54.5]]; found '24.0, 54.0, 25.0, 54.5' where a list belongs")


def test_positions_given_as_text(capsys, write_layer, feature):
    feature["geometry"]["coordinates"] = [["24.0", "54.0"], ["25.0", "54.5"]]
    status, _, err = run(capsys, write_layer(collection(feature)))
    assert_one_line_error(status, err, "field 'geometry'", "bad position ['24.0', '54.0']",
                          "expected [lon, lat] as two numbers (not text), e.g. [25.28, 54.69]")


def test_json_nested_100000_levels_deep(capsys, write_layer):
    status, _, err = run(capsys, write_layer(b"[" * 100_000 + b"]" * 100_000))
    assert_one_line_error(status, err, "not a GeoJSON layer: nested hundreds of levels deep")


def test_coordinates_nested_950_levels_deep(capsys, write_layer, feature):
    coords = [24.0, 54.0]
    for _ in range(949):
        coords = [coords]
    feature["geometry"]["coordinates"] = coords
    status, _, err = run(capsys, write_layer(collection(feature)))
    assert_one_line_error(status, err, "feature 'my-line'", "field 'geometry'",
                          "a LineString's coordinates are [[lon, lat], [lon, lat], ...]")
    assert "recursion" not in err


def test_a_property_nested_too_deep(capsys, write_layer, feature):
    note = "deep"
    for _ in range(500):
        note = [note]
    feature["properties"]["note"] = note
    status, _, err = run(capsys, write_layer(collection(feature)))
    assert_one_line_error(status, err, "feature 'my-line'", "field 'note'", "nested more than 10 levels deep")


def test_a_list_where_a_kind_belongs(capsys, write_layer, feature):
    feature["properties"]["kind"] = ["line"]  # `[...] in KINDS` raised "unhashable type" before
    status, _, err = run(capsys, write_layer(collection(feature)))
    assert_one_line_error(status, err, "feature 'my-line'", "field 'kind'", "got ['line']")


@pytest.mark.parametrize(("raw", "shown"), [(b"Infinity", "inf"), (b"1e12", "1000000000000.0")])
def test_uncertainty_must_be_finite_and_at_most_100_km(capsys, write_layer, feature, raw, shown):
    # Infinity passed validation and crashed later; 1e12 drew a worldwide band and crashed compare.
    feature["properties"]["uncertainty_m"] = 12345
    text = json.dumps(collection(feature)).replace("12345", raw.decode()).encode()
    status, _, err = run(capsys, write_layer(text))
    assert_one_line_error(status, err, "feature 'my-line'", "field 'uncertainty_m'",
                          f"expected a number of metres from 0 to 100,000 (100 km), e.g. 500, got {shown}")


def test_an_unclosed_ring_is_refused(capsys, write_layer, feature):
    # shapely closes an open ring silently, so the file's shape was not what it said
    feature["properties"]["kind"] = "zone"
    feature["geometry"] = {"type": "Polygon", "coordinates": [[[24.0, 54.0], [25.0, 54.0], [25.0, 55.0], [24.0, 55.0]]]}
    status, _, err = run(capsys, write_layer(collection(feature)))
    assert_one_line_error(status, err, "feature 'my-line'", "field 'geometry'",
                          "ring 1 is not closed: it ends at [24.0, 55.0], not where it starts, [24.0, 54.0]; "
                          "repeat the first position at the end")


def test_a_line_of_one_position_is_one_line(capsys, write_layer, feature):
    feature["geometry"]["coordinates"] = [[24.0, 54.0]]
    status, _, err = run(capsys, write_layer(collection(feature)))
    assert_one_line_error(status, err, "field 'geometry'", "the line has 1 position(s); a line needs at least two")


# --- validate catches what later commands reject (issue 13) -------------------------------

def test_an_id_of_a_shipped_layer_is_refused_by_validate(capsys, write_layer, feature):
    feature["properties"]["id"] = "treaty_1920/territory"
    status, _, err = run(capsys, write_layer(collection(feature)))  # before: ok, then compare refused it
    assert_one_line_error(status, err, "feature 'treaty_1920/territory'", "field 'id'",
                          "id already used by layer 'treaty_1920'; give your features ids of their own")


def test_two_files_validated_together_may_not_share_ids(capsys, write_layer, feature):
    first = write_layer(collection(feature), name="a.geojson")
    second = write_layer(collection(feature), name="b.geojson")
    status, out, err = run(capsys, first, second)
    assert f"ok  {first}" in out
    assert_one_line_error(status, err, "b.geojson: feature 'my-line': field 'id'", "id already used by layer 'a'")


def test_bounded_by_must_name_a_feature_of_the_layer(capsys, write_layer, feature):
    status, _, err = run(capsys, write_layer(collection(feature, zone_bounded_by("my-line", "gone"))))
    assert_one_line_error(status, err, "feature 'my-zone'", "field 'bounded_by'",
                          "names 'gone', which is not a feature of this layer; expected the ids of its own "
                          'segments or lines, e.g. "bounded_by": ["my-segment-1", "my-segment-2"]')


def test_bounded_by_may_not_name_a_point(capsys, write_layer, feature):
    status, _, err = run(capsys, write_layer(collection(feature, place(), zone_bounded_by("my-line", "my-place"))))
    assert_one_line_error(status, err, "feature 'my-zone'", "field 'bounded_by'",
                          "names 'my-place', a Point; a boundary is made of lines")


def test_bounded_by_must_be_a_list(capsys, write_layer, feature):
    zone = zone_bounded_by()
    zone["properties"]["bounded_by"] = "my-line"
    status, _, err = run(capsys, write_layer(collection(feature, zone)))
    assert_one_line_error(status, err, "field 'bounded_by'", "expected a list of feature ids, got 'my-line'")


# --- wrongly accepted (issue 13) ------------------------------------------------------------

def test_valid_to_on_the_day_of_valid_from_is_valid_on_no_day(capsys, write_layer, feature):
    feature["properties"]["valid_to"] = feature["properties"]["valid_from"]
    status, _, err = run(capsys, write_layer(collection(feature)))
    assert_one_line_error(status, err, "feature 'my-line'", "field 'valid_to'",
                          "1920-07-12 is valid_from too, so the feature holds on no day (valid_to is the first "
                          "day it no longer holds), e.g. 1920-07-13")


def test_edtf_dates_are_parsed_and_must_agree_with_the_iso_ones(capsys, write_layer, feature):
    # issue 14: the *_edtf fields were never parsed, although messages told users to put dates there
    feature["properties"]["valid_from_edtf"] = "1920-07~"
    status, _, _ = run(capsys, write_layer(collection(feature)))
    assert status == 0
    feature["properties"]["valid_from_edtf"] = "July 1920"
    status, _, err = run(capsys, write_layer(collection(feature)))
    assert_one_line_error(status, err, "feature 'my-line'", "field 'valid_from_edtf'",
                          "expected an EDTF date (Library of Congress Extended Date/Time Format), got 'July 1920'")
    feature["properties"]["valid_from_edtf"] = "1921-03~"
    status, _, err = run(capsys, write_layer(collection(feature)))
    assert_one_line_error(status, err, "field 'valid_from_edtf'",
                          "'1921-03~' names 1921-03-01..1921-03-31, but valid_from is 1920-07-12")


def test_a_key_given_twice_is_refused(capsys, write_layer, feature):
    text = json.dumps(collection(feature)).replace('"valid_to": "1920-10-09"',
                                                   '"valid_to": "1920-10-09", "valid_to": null')
    status, _, err = run(capsys, write_layer(text.encode()))  # before: the last one won, silently
    assert_one_line_error(status, err, "not valid GeoJSON: the key 'valid_to' appears twice in one object "
                          "(the one with id 'my-line'); JSON keeps only the last: give it once")


# --- what QGIS writes is accepted for one's own layer; --strict for the atlas (issue 13) ------

def qgis_layer(write_layer, feature, *, bom=True, name="qgis.geojson"):
    """What QGIS' GeoJSON export writes (see cases.qgis_bytes), as a file."""
    return write_layer(qgis_bytes(feature, bom=bom), name=name)


def test_what_qgis_writes_is_accepted_with_one_line_saying_what_was_assumed(capsys, write_layer, feature):
    path = qgis_layer(write_layer, feature)
    status, out, err = run(capsys, path)
    assert status == 0 and out == f"ok  {path}: 1 features\n"
    assert err == (f"borders validate: note: {path}: assumed a byte-order mark (BOM) at the start ignored; ids "
                   "from the Feature's top-level id (1 feature); integer ids as text (1); sources split at ';' "
                   "(1); no valid_to: still valid (1)\n")


def test_what_was_assumed_is_what_the_layer_holds(write_layer, feature):
    with pytest.warns(borders.AssumptionWarning, match="assumed a byte-order mark"):
        layer = borders.read_layer(qgis_layer(write_layer, feature))
    row = layer.iloc[0]
    assert (row["id"], row["sources"], row["valid_to"]) == ("3", ["my-archive-1", "my-diary p. 12"], None)


@pytest.mark.parametrize(("change", "field", "message"), [
    ("top-level id", "id", "missing from properties; the Feature's top-level id 3 is accepted for your own layers, "
                           'not with --strict; e.g. "id": "my-line-1"'),
    ("integer id", "id", "expected text, got the number 3; integer ids are accepted for your own layers"),
    ("no valid_to", "valid_to", 'missing; e.g. "valid_to": "1920-10-09" (the first day it no longer holds), or null'),
    ("sources as text", "sources", "expected a list of source ids, got the text 'a; b'; text split at ';' is "
                                   'accepted for your own layers, not with --strict; e.g. "sources": ["my-archive-1"'),
    ("undated", "valid_from", "must be a date; only valid_to may be open (null); undated features are accepted"),
    ("unsourced", "sources", "expected a non-empty list of source ids; unsourced features are accepted"),
])
def test_strict_refuses_each_form_and_shows_the_accepted_one(capsys, write_layer, feature, change, field, message):
    props = feature["properties"]
    if change == "top-level id":
        feature["id"] = 3
        del props["id"]
    elif change == "integer id":
        props["id"] = 3
    elif change == "no valid_to":
        del props["valid_to"]
    elif change == "sources as text":
        props["sources"] = "a; b"
    elif change == "undated":
        props["valid_from"] = None
    else:
        props["sources"] = []
    path = write_layer(collection(feature))
    status, _, err = run(capsys, "--strict", path)
    assert_one_line_error(status, err, f"field '{field}'", message)
    status, _, _ = run(capsys, path)
    assert status == 0  # one's own layer may


@pytest.mark.parametrize(("sides", "field", "message"), [
    ({"party_left": "Lithuania"}, "party_left", "given without 'party_right': a line's sides are given both or "
                                                "neither"),
    ({"party_left": "Lithuania", "party_right": 3}, "party_right", 'expected the name of a party (e.g. "Poland"), '
                                                                   "got 3"),
])
def test_a_lines_sides_are_both_named_or_neither(capsys, write_layer, feature, sides, field, message):
    feature["properties"].update(sides)
    status, _, err = run(capsys, write_layer(collection(feature)))
    assert_one_line_error(status, err, f"field '{field}'", message)
    feature["properties"].update(party_left="Lithuania", party_right="Poland")  # a user's line may name its own
    status, _, _ = run(capsys, write_layer(collection(feature)))
    assert status == 0


def test_a_layer_without_dates_or_sources_is_drawn_as_undated_unsourced(capsys, write_layer, feature):
    from borders.maps import overview

    for field in ("valid_from", "valid_to", "sources"):
        del feature["properties"][field]
    path = write_layer(collection(feature), name="sketch.geojson")
    status, _, err = run(capsys, path)
    assert status == 0
    assert err.endswith('no valid_to: still valid (1); no valid_from (1) and no sources (1): drawn as "undated, '
                        'unsourced"\n')
    with pytest.warns(borders.AssumptionWarning):
        every = borders.load_all(extra=[path])
    mine = every[every["layer"] == "sketch"].iloc[0]
    assert mine["note"] == "undated, unsourced" and mine["sources"] == []
    assert "undated, unsourced" in overview(every).get_root().render()  # in the popup's Note
    # undated: valid whenever asked about, so it is compared with every layer
    areas = borders.compare(frame=every, at="1920-08-01", tables=["lines"])["lines"]
    assert "my-line" in set(areas["line_a"]) | set(areas["line_b"])


def test_a_bad_qgis_layer_gets_the_error_alone(capsys, write_layer, feature):
    feature["geometry"]["coordinates"] = [[54.0, 24.0], [54.5, 25.0]]
    status, _, err = run(capsys, qgis_layer(write_layer, feature))
    assert_one_line_error(status, err, "feature '3'", "looks like [lat, lon]")  # no note before the error


@pytest.mark.parametrize(("field", "value"), [
    ("id", ""), ("name", 5), ("kind", "border"), ("status", ""), ("valid_from", "12.07.1920"),
    ("valid_to", 1920), ("sources", {"a": 1}), ("uncertainty_m", "500 m"), ("geometry", "here"),
])
def test_every_error_shows_the_accepted_form_with_an_example(capsys, write_layer, feature, field, value):
    if field == "geometry":
        feature["geometry"] = value
    else:
        feature["properties"][field] = value
    status, _, err = run(capsys, write_layer(collection(feature)))
    assert_one_line_error(status, err, f"field '{field}'", "e.g. ")


# --- a territory's edge and the segments it names (check_topology) ---

def _edge_case(*, zone_ring, bounded_by):
    """Segments round a unit square (and one apart), and a zone with ``zone_ring`` naming ``bounded_by``."""
    from shapely.geometry import LineString, Polygon
    segments = {"s-south": LineString([(24, 54), (25, 54)]),
                # runs on past the square's corner: a zone may be bounded by part of a segment
                "s-east": LineString([(25, 54), (25, 55), (25, 55.5)]),
                "s-rest": LineString([(25, 55), (24, 55), (24, 54)]),
                "s-far": LineString([(26, 54), (26, 55)])}
    features = [{"properties": {"id": sid, "kind": "segment"}} for sid in segments]
    features.append({"properties": {"id": "zone", "kind": "zone", "bounded_by": bounded_by}})
    return {"features": features}, [*segments.values(), Polygon(zone_ring)]


SQUARE = [(24, 54), (25, 54), (25, 55), (24, 55)]


def test_a_zone_may_run_along_part_of_a_segment():
    from borders.validate import check_topology
    check_topology(*_edge_case(zone_ring=SQUARE, bounded_by=["s-south", "s-east", "s-rest"]), path="x.geojson")


def test_a_zone_may_not_name_a_segment_its_edge_does_not_run_along():
    from borders._errors import LayerValidationError
    from borders.validate import check_topology
    case = _edge_case(zone_ring=SQUARE, bounded_by=["s-south", "s-east", "s-rest", "s-far"])
    with pytest.raises(LayerValidationError, match="segment 's-far' does not run along the edge"):
        check_topology(*case, path="x.geojson")


def test_a_zone_whose_edge_leaves_its_segments_is_refused():
    from borders._errors import LayerValidationError
    from borders.validate import check_topology
    case = _edge_case(zone_ring=[(24, 54), (25, 54), (25.2, 55), (24, 55)], bounded_by=["s-south", "s-east", "s-rest"])
    with pytest.raises(LayerValidationError, match="differs from its segments by up to"):
        check_topology(*case, path="x.geojson")


@pytest.mark.parametrize("argv", [
    ["compare", "--table", "areas", "--format", "csv", "--layer", "{layer}"],
    ["compare", "--table", "areas", "--format", "csv", "--output", "{out}/areas.csv", "--layer", "{layer}"],
    ["maps", "--out", "{out}/maps", "--layer", "{layer}"],
    ["plot", "--layer-id", "qgis", "--out", "{out}/qgis.png", "--layer", "{layer}"],
    ["atlas", "--out", "{out}/atlas", "--layer", "{layer}"],
], ids=["compare", "compare-output", "maps", "plot", "atlas"])
def test_every_command_that_reads_a_qgis_layer_says_once_what_it_assumed(capsys, write_layer, feature, tmp_path,
                                                                         argv):
    # the note was tested for validate only; each command reading --layer prints it, named as itself
    path = qgis_layer(write_layer, feature)
    status = main([a.format(layer=path, out=tmp_path) for a in argv])
    err = capsys.readouterr().err
    assert status == 0, err
    note = (f"borders {argv[0]}: note: {path}: assumed a byte-order mark (BOM) at the start ignored; ids from the "
            "Feature's top-level id (1 feature); integer ids as text (1); sources split at ';' (1); no valid_to: "
            "still valid (1)")
    assert err.splitlines().count(note) == 1, err
    assert [line for line in err.splitlines() if line != note and not line.startswith("wrote ")] == [], err
    assert "Traceback" not in err


def test_plain_edtf_dates_are_read_as_the_edtf_parser_reads_them():
    # the common forms skip the parser (milliseconds a date, most of the check of a layer): the same days
    from edtf import parse_edtf, struct_time_to_date

    from borders.dates import _plain_edtf_days, edtf_days

    def parsed(text):
        try:
            value = parse_edtf(text)
            return struct_time_to_date(value.lower_strict()), struct_time_to_date(value.upper_strict())
        except Exception:
            return None

    quick = 0
    for year in ("0000", "0001", "1900", "1920", "1921", "2000", "2100", "9999"):
        for month in (None, "00", "01", "02", "12", "13", "21", "24"):
            for day in ((None,) if month is None else (None, "00", "01", "28", "29", "30", "31", "32")):
                for mark in ("", "~", "?", "%"):
                    text = year + (f"-{month}" if month else "") + (f"-{day}" if day else "") + mark
                    fast = _plain_edtf_days(text)
                    if fast is not None:
                        quick += 1
                        assert fast == parsed(text), text
                    reference = parsed(text)
                    if reference is None:
                        with pytest.raises(ValueError):
                            edtf_days(text)
                    else:
                        assert edtf_days(text) == reference, text
    assert quick > 300
    for other in ("192X", "1920-10/1921-02", "1921-03-05T10:00", " 1921", "1921-3"):
        assert _plain_edtf_days(other) is None
